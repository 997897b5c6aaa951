"""Story rows, assignments and index rows from split components (pure).

Index rows hold their arrays (shingles, slots, band keys) packed as bytes
(packing.py) until the writer turns them into Arrow list columns at once
(state.dedup_index.to_table): as Python lists of ints they cost ~30 bytes
per value in memory and an encoded varint each through every shuffle.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, List, Optional

import numpy as np

from .clusters import story_id_for
from .features import story_fields
from .packing import pack

_UTC = dt.timezone.utc


def to_dt(t: Optional[float]):
    return None if t is None else dt.datetime.fromtimestamp(t, _UTC)


def old_story_node(row: dict) -> dict:
    """Node record of an earlier-run story, from its index row."""
    return {
        'id': 'S:' + row['story_id'], 'old': True, 'story_id': row['story_id'],
        't': row.get('t'), 'lang': row.get('lang'), 'own': bool(row.get('own')),
        'pub': row.get('publisher') or '',
        'shingles': pack('shingles', row.get('shingles') or ()),
        # indexed before slots existed: None (the template guard is skipped)
        'slots': pack('slots', row.get('slots')),
        'agencies': list(row.get('agencies') or ()),
        'canonical_article_id': row['canonical_article_id'],
        'fields': story_fields(row),
        'count': int(row.get('article_count') or 1),
        'publishers': list(row.get('publishers') or ()),
        'first': row.get('first_seen'), 'last': row.get('last_seen'),
    }


def finish_story(head: dict, members: List, run_id: str):
    """(assignments for new articles, story row, index story row|None).

    ``members``: [(record, verdict)].  New stories get their id from the
    canonical article; earlier stories keep theirs and their canonical.
    """
    assignments = []
    if head.get('old'):
        sid, canon_id = head['story_id'], head['canonical_article_id']
        count, pubs = head['count'], set(head['publishers'])
        first, last = head['first'], head['last']
        agencies = set(head['agencies'])
    else:
        canon_id = head['id']
        sid = story_id_for(canon_id)
        assignments.append({'article_id': canon_id, 'story_id': sid,
                            'is_canonical': True, 'duplicate_of': None,
                            'similarity': None})
        count, pubs = 1, {head['pub']}
        first = last = to_dt(head['t'])
        agencies = set(head.get('agencies') or ())
    for rec, verdict in members:
        assignments.append({'article_id': rec['id'], 'story_id': sid,
                            'is_canonical': False, 'duplicate_of': canon_id,
                            'similarity': round(float(verdict.containment), 4)})
        count += 1
        pubs.add(rec['pub'])
        agencies.update(rec.get('agencies') or ())
        t = to_dt(rec['t'])
        if t is not None:
            first = t if first is None or t < first else first
            last = t if last is None or t > last else last
    if head.get('old') and not members:
        return [], None, None
    fields = dict(head['fields'])
    fields['published_at'] = to_dt(fields['published_at'])
    story = dict(story_id=sid, canonical_article_id=canon_id, **fields,
                 agencies=sorted(agencies), article_count=count,
                 publishers=sorted(p for p in pubs if p),
                 first_seen=first, last_seen=last)
    index_row = dict(story, kind='story', id=sid, t=head['t'],
                     lang=head.get('lang'), own=bool(head.get('own')),
                     shingles=head['shingles'], slots=head.get('slots'),
                     run_id=run_id)
    return assignments, story, index_row


def article_index_row(rec: dict, story_id: str, run_id: str) -> dict:
    return {'kind': 'article', 'id': rec['id'], 'story_id': story_id,
            't': rec['t'], 'keys': list(rec['keys']), 'bands': rec['bands'],
            'publisher': rec['pub'], 'run_id': run_id}


def boilerplate_index_row(publisher: str, hashes: np.ndarray, t: float,
                          run_id: str) -> dict:
    return {'kind': 'boilerplate', 'id': publisher, 'publisher': publisher,
            't': t, 'shingles': pack('shingles', hashes), 'run_id': run_id}


def bridge_index_row(article_id: str, story_id: str, others: Iterable[str],
                     t: float, run_id: str) -> dict:
    return {'kind': 'bridge', 'id': article_id, 'story_id': story_id,
            'linked': sorted(others), 't': t, 'run_id': run_id}
