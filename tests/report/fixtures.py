"""A small synthetic wirefeed output folder that follows the output contract
(``schemas/``): two runs, a few agencies, a three-article syndicated story,
a hostile title, a quarantined feed, a not-modified feed, and staging
leftovers that a reader must ignore."""
from __future__ import annotations

import datetime as dt
import json
import os
from typing import Dict, List

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import ARTICLES, QUARANTINE, STORIES

UTC = dt.timezone.utc
RUN1, RUN2 = 'run-1', 'run-2'
T0 = dt.datetime(2026, 3, 17, 6, 5, tzinfo=UTC)

#: The syndicated story's headline: quotes, ampersand and angle brackets.
STORY_TITLE = 'Ministers agree on "A&B" <deal> after talks'
#: A headline from the web that tries to run a script.
EVIL_TITLE = '<script>alert("pwned")</script> Breaking <img src=x onerror=alert(1)>'
EVIL_PUBLISHER = 'Evil <b>Outlet</b>'
OLD_TITLE = 'Yesterday in run one'


def _article(aid, title, publisher, published_at, story_id, canonical,
             agencies=(), dateline=None, country=None, run_id=RUN2,
             duplicate_of=None):
    return {
        'article_id': aid, 'guid': aid, 'url': f'https://{publisher.split()[0].lower()}.example/{aid}',
        'title': title, 'summary': f'summary of {title}', 'body': 'body text',
        'byline': None, 'publisher': publisher,
        'feed_url': f'https://{publisher.split()[0].lower()}.example/feed',
        'language': 'en', 'published_at': published_at,
        'published_raw': published_at.isoformat(),
        'published_at_source': 'feed',
        'dateline_raw': f'{dateline} (X) -' if dateline else None,
        'dateline_location': dateline, 'dateline_country': country,
        'dateline_date': published_at.date() if dateline else None,
        'agencies': sorted(agencies),
        'attributions': [{'agency': a, 'kind': 'credit', 'text': a}
                         for a in sorted(agencies)],
        'story_id': story_id, 'is_canonical': canonical,
        'duplicate_of': duplicate_of, 'similarity': None if canonical else 0.9,
        'ingested_at': T0 + dt.timedelta(hours=4), 'run_id': run_id,
    }


def articles() -> List[dict]:
    m = dt.timedelta(minutes=1)
    return [
        # The syndicated story: the wire's original and two outlets' copies.
        _article('a-wire', STORY_TITLE, 'Wire Agency', T0, 'S-deal', True,
                 ['AFP'], 'PARIS', 'FR'),
        _article('a-courier', STORY_TITLE + ' (copy)', 'Daily Courier',
                 T0 + 40 * m, 'S-deal', False, ['AFP'], 'PARIS', 'FR',
                 duplicate_of='a-wire'),
        _article('a-ledger', 'Deal agreed', 'Gulf Ledger', T0 + 125 * m,
                 'S-deal', False, ['AFP', 'REUTERS'], 'Paris', 'FR',
                 duplicate_of='a-wire'),
        # Single-article stories.
        _article('a-reuters', 'Chip plant opens', 'Wire Agency',
                 T0 + 70 * m, 'S-chip', True, ['REUTERS'],
                 'SAN JOSE, Calif.', 'US'),
        _article('a-ap', 'Floods in the north', 'Daily Courier',
                 T0 + 190 * m, 'S-flood', True, ['AP'], 'LONDON', 'GB'),
        # A hostile headline, carried twice (so it is among the syndicated).
        _article('a-evil', EVIL_TITLE, EVIL_PUBLISHER, T0 + 200 * m,
                 'S-evil', True, [], None, None),
        _article('a-evil2', EVIL_TITLE, 'Daily Courier', T0 + 230 * m,
                 'S-evil', False, [], None, None, duplicate_of='a-evil'),
        # Written by the earlier run, the day before: not in run-2's report.
        _article('a-old', OLD_TITLE, 'Daily Courier',
                 T0 - dt.timedelta(days=1), 'S-old', True, ['AP'],
                 'BERLIN', 'DE', run_id=RUN1),
    ]


def stories(rows: List[dict]) -> List[dict]:
    out = []
    by_story: Dict[str, List[dict]] = {}
    for r in rows:
        by_story.setdefault(r['story_id'], []).append(r)
    for sid, members in by_story.items():
        canon = next(r for r in members if r['is_canonical'])
        out.append({
            'story_id': sid, 'canonical_article_id': canon['article_id'],
            'title': canon['title'], 'summary': canon['summary'],
            'url': canon['url'], 'publisher': canon['publisher'],
            'published_at': canon['published_at'],
            'dateline_location': canon['dateline_location'],
            'dateline_country': canon['dateline_country'],
            'agencies': sorted({a for r in members for a in r['agencies']}),
            'article_count': len(members),
            'publishers': sorted({r['publisher'] for r in members}),
            'first_seen': min(r['published_at'] for r in members),
            'last_seen': max(r['published_at'] for r in members),
            'run_id': canon['run_id'],
        })
    return out


def quarantine() -> List[dict]:
    return [{
        'source': 'https://broken.example/feed', 'stage': 'parse',
        'reason': 'not a feed', 'detail': 'HTML page, no <rss> or <feed>',
        'excerpt': '<!DOCTYPE html><html>', 'entry_key': None,
        'run_id': RUN2, 'quarantined_at': T0 + dt.timedelta(hours=4),
    }]


def _feed(source, status, entries, title, reason=None, http=200, fmt='rss20'):
    return {'source': source, 'status': status, 'entries': entries,
            'reason': reason, 'detail': None, 'http_status': http,
            'seconds': 0.25, 'format': fmt, 'title': title}


RUN2_REPORT = {
    'run_id': RUN2, 'started_at': '2026-03-17T10:00:00Z',
    'finished_at': '2026-03-17T10:00:42Z', 'seconds': 42.0,
    'entries_read': 10, 'articles_written': 7, 'duplicates': 3, 'repeats': 3,
    'quarantined': 1, 'stories_written': 4,
    'feeds': [
        _feed('https://wire.example/feed', 'ok', 4, 'Wire Agency'),
        _feed('https://daily.example/feed', 'ok', 6, 'Daily Courier'),
        _feed('https://gulf.example/feed', 'not_modified', 0, 'Gulf Ledger',
              http=304),
        _feed('https://broken.example/feed', 'failed', 0, None,
              reason='not a feed', http=None, fmt=None),
    ],
}
RUN1_REPORT = {
    'run_id': RUN1, 'started_at': '2026-03-16T10:00:00Z',
    'finished_at': '2026-03-16T10:00:30Z', 'seconds': 30.0,
    'entries_read': 1, 'articles_written': 1, 'duplicates': 0, 'repeats': 0,
    'quarantined': 0, 'stories_written': 1,
    'feeds': [_feed('https://daily.example/feed', 'ok', 1, 'Daily Courier')],
}


def _write(root, table, schema, rows, partition, when):
    groups: Dict[str, List[dict]] = {}
    for r in rows:
        groups.setdefault(r[when].date().isoformat(), []).append(r)
    for day, members in groups.items():
        folder = os.path.join(root, table, f'{partition}={day}')
        os.makedirs(folder, exist_ok=True)
        t = pa.Table.from_pylist(members, schema=schema)
        pq.write_table(t, os.path.join(folder, 'part-0.parquet'),
                       compression='zstd')


def write_output(root: str, with_runs: bool = True) -> str:
    """Write the synthetic output folder under ``root``; returns root."""
    arts = articles()
    _write(root, 'articles', ARTICLES, arts, 'published_date', 'published_at')
    _write(root, 'stories', STORIES, stories(arts), 'published_date',
           'published_at')
    _write(root, 'quarantine', QUARANTINE, quarantine(), 'quarantined_date',
           'quarantined_at')
    # Leftovers of an unfinished write: never part of the tables.
    junk = [dict(articles()[0], article_id='a-staged', title='STAGED ROW',
                 story_id='S-staged')]
    for folder in ('_staging/published_date=2026-03-17',
                   'published_date=2026-03-17/.tmp', '.hidden'):
        path = os.path.join(root, 'articles', folder)
        os.makedirs(path, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(junk, schema=ARTICLES),
                       os.path.join(path, 'part-x.parquet'))
    pq.write_table(pa.Table.from_pylist(junk, schema=ARTICLES),
                   os.path.join(root, 'articles', 'published_date=2026-03-17',
                                '_part-staged.parquet'))
    if with_runs:
        os.makedirs(os.path.join(root, '_runs'), exist_ok=True)
        for rep in (RUN1_REPORT, RUN2_REPORT):
            with open(os.path.join(root, '_runs', rep['run_id'] + '.json'),
                      'w', encoding='utf-8') as f:
                json.dump(rep, f)
    return root
