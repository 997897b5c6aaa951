"""The run report (``_runs/<run_id>.json``): what came in and where it went.

Every entry read is accounted for: ``entries_read`` equals
``articles_written + repeats + quarantined_entries``, and ``accounted``
says whether that held. A feed that could not be read at all has no
entries to count; it is one quarantined feed.
"""
from __future__ import annotations

import collections
import datetime as dt
from typing import Dict, Iterable, Sequence

from .. import __version__
from ..schemas import SCHEMA_VERSION


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).isoformat().replace('+00:00', 'Z')


def build_report(*, run_id: str, output: str, inputs: Sequence[str],
                 started_at: dt.datetime, finished_at: dt.datetime,
                 statuses: Iterable, verdicts: Dict[str, int],
                 rejections: Dict[str, int], staged: Sequence[Dict],
                 total_sources: int) -> Dict:
    """The report as a JSON-ready dict.

    ``statuses``: one FeedStatus per feed; ``verdicts``: counts of
    canonical/duplicate/repeat; ``rejections``: counts keyed
    ``stage|reason|entry-or-feed``; ``staged``: the file records published.
    """
    feeds = sorted((s.as_row() for s in statuses), key=lambda r: r['source'])
    by_status = collections.Counter(f['status'] for f in feeds)
    q_entries = q_feeds = 0
    reasons = collections.Counter()
    for key, n in rejections.items():
        stage, reason, kind = key.split('|')
        reasons[f'{stage}: {reason}'] += n
        if kind == 'entry':
            q_entries += n
        else:
            q_feeds += n
    written = verdicts.get('canonical', 0) + verdicts.get('duplicate', 0)
    repeats = verdicts.get('repeat', 0)
    entries_read = sum(f['entries'] or 0 for f in feeds)
    files = collections.Counter()
    rows = collections.Counter()
    for record in staged:
        files[record['table']] += 1
        rows[record['table']] += record['rows']
    return {
        'run_id': run_id,
        'wirefeed_version': __version__,
        'schema_version': SCHEMA_VERSION,
        'output': output,
        'inputs': list(inputs),
        'started_at': _iso(started_at),
        'finished_at': _iso(finished_at),
        'seconds': round((finished_at - started_at).total_seconds(), 3),
        'feeds_total': total_sources,
        'feeds_ok': by_status.get('ok', 0) + by_status.get('warning', 0),
        'feeds_warning': by_status.get('warning', 0),
        'feeds_not_modified': by_status.get('not_modified', 0),
        'feeds_failed': by_status.get('failed', 0),
        'entries_read': entries_read,
        'articles_written': written,
        'canonical_articles': verdicts.get('canonical', 0),
        'duplicates': verdicts.get('duplicate', 0),
        'repeats': repeats,
        'quarantined': q_entries + q_feeds,
        'quarantined_entries': q_entries,
        'quarantined_feeds': q_feeds,
        'quarantine_reasons': dict(sorted(reasons.items())),
        'stories_written': rows.get('stories', 0),
        'accounted': entries_read == written + repeats + q_entries,
        'files_written': dict(files),
        'feeds': feeds,
    }
