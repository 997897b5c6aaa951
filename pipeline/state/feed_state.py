"""Conditional-GET state: each feed's ETag, Last-Modified and body hash.

A run reads what earlier runs stored and sends it with its requests
(If-None-Match, If-Modified-Since; ``HttpFetcher.fetch(source, prior)``),
so an unchanged feed costs a 304 (or, for servers without validators, a
body whose hash matches) and ingests nothing.

Layout: one JSON-lines file per run, ``<state_path>/feeds/run=<run_id>.jsonl``,
one row per remote feed the run fetched::

    {"location": ..., "etag": ..., "last_modified": ..., "body_hash": ...,
     "fetched_at": "2026-11-28T13:53:00.123456+00:00", "http_status": 200}

``state_path`` is the output's ``_state`` folder. A run writes only its
own file (re-running a run id replaces it); a reader takes every run file
and keeps the newest row per location (by ``fetched_at``). Files go
through Beam's FileSystems, so gs:// and s3:// outputs work; a file is
written under a hidden temporary name and renamed into place, and a
reader skips hidden files and lines it cannot parse.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from typing import Dict, Iterable, List, Optional

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import BeamIOError, FileSystems

from ..model import FeedDocument
from ..sources.http import body_hash

__all__ = ['STATE_FIELDS', 'feeds_dir', 'read_feed_states', 'state_row',
           'write_feed_states']

log = logging.getLogger(__name__)

STATE_FIELDS = ('location', 'etag', 'last_modified', 'body_hash', 'fetched_at',
                'http_status')

_RUN_ID = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._:+-]*$')


def state_row(doc: FeedDocument, prior: Optional[dict] = None) -> dict:
    """The state row to store for a fetched document.

    For ``status='ok'`` the row describes this response (its validators,
    the hash of its body). For ``'not_modified'`` (a 304, or a body equal
    to the stored one; the document's body is then empty) the validators
    of this response are kept when it sent any, else the prior ones, and
    the prior body hash is kept.
    """
    headers = {str(k).lower(): v for k, v in (doc.headers or {}).items()}
    prior = prior or {}
    if doc.status == 'not_modified':
        etag = headers.get('etag') or prior.get('etag')
        last_modified = headers.get('last-modified') or prior.get('last_modified')
        digest = prior.get('body_hash')
    else:
        etag = headers.get('etag')
        last_modified = headers.get('last-modified')
        digest = body_hash(doc.body)
    return {'location': doc.source.location,
            'etag': etag or None,
            'last_modified': last_modified or None,
            'body_hash': digest,
            'fetched_at': _iso(doc.fetched_at),
            'http_status': doc.http_status}


def feeds_dir(state_path: str) -> str:
    """``<state_path>/feeds``."""
    return FileSystems.join(state_path.rstrip('/'), 'feeds')


def _run_file(state_path: str, run_id: str) -> str:
    if not isinstance(run_id, str) or not _RUN_ID.match(run_id):
        raise ValueError(f'run id {run_id!r} cannot name a state file (letters, digits '
                         f'and . _ : + - only)')
    return FileSystems.join(feeds_dir(state_path), f'run={run_id}.jsonl')


def write_feed_states(rows: Iterable[dict], state_path: str, run_id: str) -> str:
    """Write this run's rows to ``<state_path>/feeds/run=<run_id>.jsonl``,
    replacing that run's earlier file; returns the path. Rows are written
    sorted by location (one per location: the newest when repeated)."""
    path = _run_file(state_path, run_id)
    newest: Dict[str, dict] = {}
    for row in rows:
        _keep_newest(newest, row)
    data = ''.join(json.dumps({k: row.get(k) for k in STATE_FIELDS}, sort_keys=True) + '\n'
                   for _, row in sorted(newest.items())).encode('utf-8')
    tmp = FileSystems.join(feeds_dir(state_path), f'.tmp-{uuid.uuid4().hex}-run={run_id}.jsonl')
    with FileSystems.create(tmp, mime_type='application/x-ndjson',
                            compression_type=CompressionTypes.UNCOMPRESSED) as f:
        f.write(data)
    try:
        FileSystems.rename([tmp], [path])
    except BeamIOError:
        # a file system that will not rename over an existing file
        if FileSystems.exists(path):
            FileSystems.delete([path])
        FileSystems.rename([tmp], [path])
    return path


def read_feed_states(state_path: Optional[str],
                     exclude_run_id: Optional[str] = None) -> Dict[str, dict]:
    """location -> newest stored row, over every run's file except
    ``exclude_run_id``'s (so re-running a run id does not answer its own
    conditional GETs). A missing folder gives {}."""
    if not state_path:
        return {}
    folder = feeds_dir(state_path)
    pattern = FileSystems.join(folder, 'run=*.jsonl')
    try:
        matches = FileSystems.match([pattern])[0].metadata_list
    except BeamIOError:
        if not FileSystems.exists(folder):
            return {}
        raise
    skip = f'run={exclude_run_id}.jsonl' if exclude_run_id else None
    newest: Dict[str, dict] = {}
    for meta in sorted(matches, key=lambda m: m.path):
        name = meta.path.rstrip('/').rsplit('/', 1)[-1]
        if name == skip or name.startswith('.'):
            continue
        for row in _read_rows(meta.path):
            _keep_newest(newest, row)
    return newest


def _read_rows(path: str) -> List[dict]:
    rows = []
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as f:
        data = f.read()
    for n, line in enumerate(data.decode('utf-8', 'replace').splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            log.warning('feed state %s line %d is not JSON; skipped', path, n)
            continue
        if isinstance(row, dict) and isinstance(row.get('location'), str):
            rows.append(row)
        else:
            log.warning('feed state %s line %d has no location; skipped', path, n)
    return rows


def _keep_newest(newest: Dict[str, dict], row: dict) -> None:
    """Keep ``row`` if it is the newest for its location (ties: the later)."""
    location = row['location']
    current = newest.get(location)
    if current is None or _when(row) >= _when(current):
        newest[location] = row


_EPOCH = dt.datetime.min.replace(tzinfo=dt.timezone.utc)


def _when(row: dict) -> dt.datetime:
    value = row.get('fetched_at')
    try:
        when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return _EPOCH
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _iso(value) -> Optional[str]:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat()
    return str(value) if value is not None else None
