"""The dedup state index: what a run must know about earlier runs.

One flat Parquet table, rows told apart by ``kind``:

* ``article``: an article already written (id, story_id, time, identity
  keys, LSH band keys): repeats are skipped, new copies meet old ones.
* ``story``: a story's newest state (canonical fields, counts, and the
  canonical article's shingle set and slots, against which new members
  verify).
* ``boilerplate``: a publisher's boilerplate shingles.
* ``bridge``: a new article that verified against more than one earlier
  story (recorded, never merged: story ids never change).

Each run writes only its own rows (new articles, touched stories), in its
own files under ``<output>/_state/dedup/``; a reader takes every file,
prunes rows outside the window and keeps the newest row of each story
(stories only grow, so the one with the largest article_count).
Files are opened through Beam's FileSystems, so gs:// and s3:// work.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator, List, Optional

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..dedup.packing import DTYPES, values_of

_TS = pa.timestamp('us', tz='UTC')

INDEX_SCHEMA = pa.schema([
    pa.field('kind', pa.string(), nullable=False),
    pa.field('id', pa.string(), nullable=False),  # article/story id, publisher
    pa.field('story_id', pa.string()),
    pa.field('t', pa.float64()),  # epoch seconds: article/canonical time
    pa.field('keys', pa.list_(pa.string())),
    pa.field('bands', pa.list_(pa.int64())),
    pa.field('shingles', pa.list_(pa.uint32())),
    pa.field('slots', pa.list_(pa.uint64())),  # frame << 32 | filler
    pa.field('lang', pa.string()),
    pa.field('own', pa.bool_()),
    pa.field('publisher', pa.string()),
    pa.field('canonical_article_id', pa.string()),
    pa.field('title', pa.string()),
    pa.field('summary', pa.string()),
    pa.field('url', pa.string()),
    pa.field('published_at', _TS),
    pa.field('dateline_location', pa.string()),
    pa.field('dateline_country', pa.string()),
    pa.field('agencies', pa.list_(pa.string())),
    pa.field('article_count', pa.int32()),
    pa.field('publishers', pa.list_(pa.string())),
    pa.field('first_seen', _TS),
    pa.field('last_seen', _TS),
    pa.field('linked', pa.list_(pa.string())),
    pa.field('run_id', pa.string()),
])

#: kinds a run reads back (bridges are an audit record only)
READ_KINDS = ('article', 'story', 'boilerplate')


def index_dir(state_path: str) -> str:
    """``state_path`` may be ``<output>/_state`` or ``<output>/_state/dedup``."""
    from apache_beam.io.filesystems import FileSystems
    path = state_path.rstrip('/')
    if path.endswith('/dedup') or path == 'dedup':
        return path
    sub = FileSystems.join(path, 'dedup')
    return sub if FileSystems.exists(sub) or not _has_parquet(path) else path


def _has_parquet(path: str) -> bool:
    return bool(index_files(path, _resolve=False))


def index_files(state_path: Optional[str], _resolve: bool = True) -> List[str]:
    """Committed Parquet files of the index (temp/hidden files skipped)."""
    if not state_path:
        return []
    from apache_beam.io.filesystems import FileSystems
    base = index_dir(state_path) if _resolve else state_path.rstrip('/')
    try:
        if not FileSystems.exists(base):
            return []
        found = FileSystems.match([FileSystems.join(base, '**.parquet')])
    except Exception:
        return []
    files = []
    for res in found:
        for meta in res.metadata_list:
            rel = meta.path[len(base):]
            if any(part.startswith(('_', '.')) or 'tmp' in part.lower()
                   for part in rel.strip('/').split('/')[:-1]) or \
                    rel.rsplit('/', 1)[-1].startswith(('_', '.')):
                continue
            files.append(meta.path)
    return sorted(files)


def _since_epoch(since) -> float:
    if since is None:
        return float('-inf')
    if isinstance(since, dt.datetime):
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.timezone.utc)
        return since.timestamp()
    return float(since)


def keep_row(row: dict, since: float) -> bool:
    if row.get('kind') not in READ_KINDS:
        return False
    if row['kind'] == 'story':
        last = row.get('last_seen')
        t = last.timestamp() if last is not None else row.get('t')
    else:
        t = row.get('t')
    return t is None or t >= since


def read_index_file(path: str, since=None) -> Iterator[dict]:
    """Rows of one index file inside the window (``since``: datetime or
    epoch seconds; None reads everything)."""
    from apache_beam.io.filesystems import FileSystems
    cut = _since_epoch(since)
    with FileSystems.open(path) as f:
        table = pq.read_table(pa.BufferReader(f.read()))
    for col in INDEX_SCHEMA.names:
        if col not in table.column_names:
            table = table.append_column(col, pa.nulls(len(table), INDEX_SCHEMA.field(col).type))
    for row in table.to_pylist():
        if keep_row(row, cut):
            yield row


def read_index(state_path: Optional[str], since=None) -> List[dict]:
    """All index rows inside the window, newest row per story."""
    rows, stories = [], {}
    for path in index_files(state_path):
        for row in read_index_file(path, since):
            if row['kind'] == 'story':
                cur = stories.get(row['story_id'])
                if cur is None or (row.get('article_count') or 0) > (cur.get('article_count') or 0):
                    stories[row['story_id']] = row
            else:
                rows.append(row)
    return rows + list(stories.values())


#: list columns whose values rows may hold packed (dedup.packing)
_ARRAY_COLUMNS = ('bands', 'shingles', 'slots')


def to_table(rows: List[dict]) -> pa.Table:
    """Index rows as an Arrow table of INDEX_SCHEMA (missing keys -> null).
    The array columns are built from numpy at once, their values packed
    bytes or sequences."""
    columns = []
    for field in INDEX_SCHEMA:
        values = [r.get(field.name) for r in rows]
        columns.append(_array_column(field, values) if field.name in _ARRAY_COLUMNS
                       else pa.array(values, type=field.type))
    return pa.Table.from_arrays(columns, schema=INDEX_SCHEMA)


def _array_column(field: pa.Field, values: list) -> pa.Array:
    arrays = [values_of(field.name, v) for v in values]
    lengths = np.fromiter((0 if a is None else len(a) for a in arrays),
                          dtype=np.int64, count=len(arrays))
    offsets = np.zeros(len(arrays) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    item_type = field.type.value_type
    present = [a for a in arrays if a is not None and len(a)]
    flat = np.concatenate(present) if present else np.empty(0, dtype=DTYPES[field.name])
    return pa.ListArray.from_arrays(
        pa.array(offsets), pa.array(flat, type=item_type),
        mask=pa.array([a is None for a in arrays], type=pa.bool_()))


def write_index(rows: List[dict], path: str) -> None:
    """Write rows as one Parquet file (tests and tools; the pipeline's writer
    commits the ``index`` PCollection itself)."""
    from apache_beam.io.filesystems import FileSystems
    buf = pa.BufferOutputStream()
    pq.write_table(to_table(rows), buf)
    with FileSystems.create(path) as f:
        f.write(buf.getvalue().to_pybytes())
