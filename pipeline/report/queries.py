"""The report's figures: pure functions of the selected rows.

Each function reads only the temporary tables ``sel_articles``,
``sel_stories`` and ``sel_quarantine`` of a DuckDB connection (see
:mod:`pipeline.report.source`; a test can create them from plain rows) or
the run-report dicts, and returns plain Python data: no HTML, no charts.
Instants are UTC.
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

#: Labels of the catch-all series of the per-agency charts.
OTHER = 'other'
NONE = 'none'

RUN_TOTALS = ('entries_read', 'articles_written', 'duplicates', 'repeats',
              'quarantined', 'stories_written')


def _rows(con, sql: str, params: Sequence = ()) -> List[dict]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _utc(value) -> Optional[dt.datetime]:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


# --------------------------------------------------------------------------
# Header


def overview(con, runs: Sequence[dict] = ()) -> dict:
    """Totals of the selection: from the tables (articles, stories,
    original and copied articles, publishers, agencies, quarantine rows,
    first and last publication) and, summed over ``runs``, the run-report
    figures (None when there is no run report)."""
    row = _rows(con, """
        SELECT count(*) AS articles,
               count(DISTINCT story_id) AS stories,
               count(*) FILTER (WHERE is_canonical) AS originals,
               count(*) FILTER (WHERE NOT is_canonical) AS copies,
               count(DISTINCT publisher) AS publishers,
               min(published_at) AS first_published,
               max(published_at) AS last_published,
               count(*) FILTER (WHERE published_at IS NULL) AS undated
        FROM sel_articles""")[0]
    row['agencies'] = con.execute(
        'SELECT count(DISTINCT a) FROM (SELECT unnest(agencies) AS a '
        'FROM sel_articles)').fetchone()[0]
    row['syndicated_stories'] = con.execute(
        'SELECT count(*) FROM (SELECT story_id FROM sel_articles '
        'GROUP BY story_id HAVING count(*) > 1)').fetchone()[0]
    row['quarantine_rows'] = con.execute(
        'SELECT count(*) FROM sel_quarantine').fetchone()[0]
    row['first_published'] = _utc(row['first_published'])
    row['last_published'] = _utc(row['last_published'])
    totals = {}
    for key in RUN_TOTALS:
        values = [r.get(key) for r in runs if isinstance(r.get(key), int)]
        totals[key] = sum(values) if values else None
    row['runs'] = totals
    row['run_count'] = len(runs)
    row['started_at'] = min((r['_started'] for r in runs
                             if r.get('_started')), default=None)
    row['finished_at'] = max((r['_finished'] for r in runs
                              if r.get('_finished')), default=None)
    secs = [r.get('seconds') for r in runs
            if isinstance(r.get('seconds'), (int, float))]
    row['seconds'] = round(sum(secs), 3) if secs else None
    return row


# --------------------------------------------------------------------------
# Articles and stories over time, by agency


@dataclasses.dataclass
class TimeSeries:
    """Counts per time bucket (``unit``: 'hour' or 'day') per series label,
    labels ordered for a stacked chart (top agencies, then other, none)."""
    unit: str
    buckets: List[dt.datetime]
    series: Dict[str, List[int]]
    undated: int = 0

    @property
    def total(self) -> int:
        return sum(sum(v) for v in self.series.values())


def agency_ranking(con) -> List[Tuple[str, int]]:
    """(agency, articles crediting it), most credited first."""
    return [tuple(r) for r in con.execute(
        'SELECT a, count(*) AS n FROM (SELECT unnest(agencies) AS a '
        'FROM sel_articles) WHERE a IS NOT NULL AND a <> \'\' '
        'GROUP BY a ORDER BY n DESC, a').fetchall()]


def time_unit(con) -> str:
    """'hour' for a selection spanning up to 7 days of publication, else
    'day' (hourly bars over a month are unreadable)."""
    first, last = con.execute('SELECT min(published_at), max(published_at) '
                              'FROM sel_articles').fetchone()
    if first is None or (last - first) <= dt.timedelta(days=7):
        return 'hour'
    return 'day'


def primary_label(agencies: Optional[Iterable[str]],
                  rank: Dict[str, int], top: Sequence[str]) -> str:
    """The series an article (or story) is counted under: its agency, or of
    several the one most credited overall; 'other' when that agency is not
    among ``top``; 'none' without agency."""
    ags = [a for a in (agencies or ()) if a]
    if not ags:
        return NONE
    best = min(ags, key=lambda a: (rank.get(a, len(rank)), a))
    return best if best in top else OTHER


def _series(rows, unit: str, ranking, top_n: int) -> TimeSeries:
    rank = {a: i for i, (a, _) in enumerate(ranking)}
    top = [a for a, _ in ranking[:top_n]]
    counts = collections.Counter()
    undated = 0
    buckets = set()
    for r in rows:
        if r['bucket'] is None:
            undated += r['n']
            continue
        b = _utc(r['bucket'])
        buckets.add(b)
        counts[(b, primary_label(r['agencies'], rank, top))] += r['n']
    if buckets:   # a continuous axis: empty hours are zeros, not gaps
        step = dt.timedelta(hours=1) if unit == 'hour' else dt.timedelta(days=1)
        b, last, axis = min(buckets), max(buckets), []
        while b <= last:
            axis.append(b)
            b += step
    else:
        axis = []
    labels = [a for a in top if any(k[1] == a for k in counts)]
    labels += [x for x in (OTHER, NONE) if any(k[1] == x for k in counts)]
    series = {lab: [counts.get((b, lab), 0) for b in axis] for lab in labels}
    return TimeSeries(unit, axis, series, undated)


def articles_over_time(con, top_n: int = 6,
                       unit: Optional[str] = None) -> TimeSeries:
    """Articles per hour (or day) by agency, each article counted once."""
    unit = unit or time_unit(con)
    rows = _rows(con, f"""
        SELECT date_trunc('{unit}', published_at) AS bucket,
               list_sort(list_distinct(agencies)) AS agencies, count(*) AS n
        FROM sel_articles GROUP BY ALL""")
    return _series(rows, unit, agency_ranking(con), top_n)


def stories_over_time(con, top_n: int = 6,
                      unit: Optional[str] = None) -> TimeSeries:
    """Stories per hour (or day) of their first article in the selection, by
    agency (the agencies credited by any of its selected articles)."""
    unit = unit or time_unit(con)
    rows = _rows(con, f"""
        SELECT bucket, agencies, count(*) AS n FROM (
            SELECT story_id,
                   date_trunc('{unit}', min(published_at)) AS bucket,
                   list_sort(list_distinct(flatten(
                       list(coalesce(agencies, []))))) AS agencies
            FROM sel_articles GROUP BY story_id)
        GROUP BY ALL""")
    return _series(rows, unit, agency_ranking(con), top_n)


# --------------------------------------------------------------------------
# Most syndicated stories


@dataclasses.dataclass
class Carrier:
    """One outlet that carried a story: its first copy, and how many."""
    publisher: Optional[str]
    published_at: Optional[dt.datetime]   # of its first copy
    lag: Optional[dt.timedelta]  # after the story's first article
    is_canonical: bool           # carried the story's canonical article
    articles: int                # copies of the story it carried
    title: Optional[str]         # of its first copy
    url: Optional[str]           # of its first copy


@dataclasses.dataclass
class SyndicatedStory:
    story_id: str
    title: Optional[str]
    publisher: Optional[str]   # of the canonical article
    articles: int              # in the selection
    total_articles: Optional[int]  # stories.article_count (all runs)
    publishers: int
    first_seen: Optional[dt.datetime]
    last_seen: Optional[dt.datetime]
    dateline: Optional[str]
    agencies: List[str]
    carriers: List[Carrier]      # earliest first, at most ``outlets``
    more_outlets: int = 0        # outlets left out of ``carriers``


def top_stories(con, limit: int = 15,
                outlets: int = 25) -> List[SyndicatedStory]:
    """The stories with the most articles in the selection (at least two),
    with the outlets that carried them, earliest first (at most ``outlets``
    per story, the number left out in ``more_outlets``). Title and
    publisher are the story row's (its canonical article), else those of
    the canonical or earliest selected article."""
    stories = _rows(con, """
        WITH g AS (
            SELECT story_id, count(*) AS n,
                   count(DISTINCT publisher) AS pubs,
                   min(published_at) AS first_seen,
                   max(published_at) AS last_seen,
                   first(title ORDER BY coalesce(is_canonical, false) DESC,
                         published_at NULLS LAST) AS a_title,
                   first(publisher ORDER BY coalesce(is_canonical, false)
                         DESC, published_at NULLS LAST) AS a_publisher,
                   first(dateline_location ORDER BY coalesce(is_canonical,
                         false) DESC, published_at NULLS LAST) AS a_dateline,
                   list_sort(list_distinct(flatten(
                       list(coalesce(agencies, []))))) AS a_agencies
            FROM sel_articles GROUP BY story_id HAVING count(*) > 1)
        SELECT g.story_id, g.n, g.pubs, g.first_seen, g.last_seen,
               coalesce(s.title, g.a_title) AS title,
               coalesce(s.publisher, g.a_publisher) AS publisher,
               coalesce(s.dateline_location, g.a_dateline) AS dateline,
               s.article_count AS total_articles,
               coalesce(s.agencies, g.a_agencies) AS agencies
        FROM g LEFT JOIN sel_stories s USING (story_id)
        ORDER BY g.n DESC, g.pubs DESC, g.first_seen NULLS LAST, g.story_id
        LIMIT ?""", [limit])
    if not stories:
        return []
    ids = [s['story_id'] for s in stories]
    carriers = collections.defaultdict(list)
    for r in _rows(con, """
            SELECT * FROM (
                SELECT story_id, publisher,
                       min(published_at) AS published_at,
                       bool_or(coalesce(is_canonical, false)) AS is_canonical,
                       count(*) AS articles,
                       arg_min(title, published_at) AS title,
                       arg_min(url, published_at) AS url
                FROM sel_articles WHERE list_contains(?, story_id)
                GROUP BY story_id, publisher)
            QUALIFY row_number() OVER (
                PARTITION BY story_id
                ORDER BY published_at NULLS LAST, publisher) <= ?
            ORDER BY story_id, published_at NULLS LAST, publisher""",
                   [ids, outlets]):
        carriers[r['story_id']].append(r)
    out = []
    for s in stories:
        first = _utc(s['first_seen'])
        rows = carriers[s['story_id']]
        out.append(SyndicatedStory(
            story_id=s['story_id'], title=s['title'],
            publisher=s['publisher'], articles=s['n'],
            total_articles=s['total_articles'], publishers=s['pubs'],
            first_seen=first, last_seen=_utc(s['last_seen']),
            dateline=s['dateline'], agencies=list(s['agencies'] or []),
            carriers=[Carrier(
                publisher=c['publisher'], published_at=_utc(c['published_at']),
                lag=(_utc(c['published_at']) - first
                     if c['published_at'] is not None and first else None),
                is_canonical=bool(c['is_canonical']),
                articles=c['articles'], title=c['title'], url=c['url'])
                for c in rows],
            more_outlets=max(0, s['pubs'] - len(rows))))
    return out


# --------------------------------------------------------------------------
# Share of copy


@dataclasses.dataclass
class Share:
    label: str
    articles: int
    share: float       # of all selected articles, 0..1
    stories: int
    originals: int = 0   # canonical articles
    copies: int = 0      # non-canonical (syndicated) articles
    members: int = 1     # labels summed in this row (fold's 'other')


def agency_share(con) -> List[Share]:
    """Articles crediting each agency (an article crediting two agencies
    counts for both, so shares may sum past 100 %), and 'none' for articles
    crediting no agency. Most credited first, 'none' last."""
    total = con.execute('SELECT count(*) FROM sel_articles').fetchone()[0]
    if not total:
        return []
    rows = _rows(con, """
        SELECT a AS label, count(*) AS articles,
               count(DISTINCT story_id) AS stories,
               count(*) FILTER (WHERE is_canonical) AS originals,
               count(*) FILTER (WHERE NOT is_canonical) AS copies
        FROM (SELECT unnest(list_distinct(agencies)) AS a, story_id,
                     is_canonical FROM sel_articles)
        WHERE a IS NOT NULL AND a <> ''
        GROUP BY a ORDER BY articles DESC, a""")
    none = _rows(con, """
        SELECT count(*) AS articles, count(DISTINCT story_id) AS stories,
               count(*) FILTER (WHERE is_canonical) AS originals,
               count(*) FILTER (WHERE NOT is_canonical) AS copies
        FROM sel_articles
        WHERE article_id NOT IN (
            SELECT article_id FROM (SELECT article_id, unnest(agencies) AS a
                                    FROM sel_articles)
            WHERE a IS NOT NULL AND a <> '')""")[0]
    if none['articles']:
        rows.append(dict(none, label=NONE))
    return [Share(share=r['articles'] / total, **r) for r in rows]


def publisher_share(con) -> List[Share]:
    """Articles per publisher with their originals (canonical articles) and
    syndicated copies; most articles first."""
    total = con.execute('SELECT count(*) FROM sel_articles').fetchone()[0]
    if not total:
        return []
    rows = _rows(con, """
        SELECT coalesce(publisher, '(unknown)') AS label,
               count(*) AS articles, count(DISTINCT story_id) AS stories,
               count(*) FILTER (WHERE is_canonical) AS originals,
               count(*) FILTER (WHERE NOT is_canonical) AS copies
        FROM sel_articles GROUP BY ALL ORDER BY articles DESC, label""")
    return [Share(share=r['articles'] / total, **r) for r in rows]


def fold(shares: List[Share], limit: int, label: str = OTHER) -> List[Share]:
    """The first ``limit`` shares and one row summing the rest (the 'none'
    row of agencies is kept apart)."""
    keep = [s for s in shares if s.label != NONE]
    none = [s for s in shares if s.label == NONE]
    if len(keep) <= limit:
        return keep + none
    rest = keep[limit:]
    other = Share(f'{label} ({len(rest)})', sum(s.articles for s in rest),
                  sum(s.share for s in rest), sum(s.stories for s in rest),
                  sum(s.originals for s in rest), sum(s.copies for s in rest),
                  len(rest))
    return keep[:limit] + [other] + none


def split_top(shares: List[Share], limit: int
              ) -> Tuple[List[Share], Optional[Share]]:
    """(the first ``limit`` shares plus 'none', the rest summed or None):
    the bars of a chart and what its caption says about the others."""
    folded = fold(shares, limit)
    rest = [s for s in folded if s.label.startswith(OTHER + ' (')]
    return [s for s in folded if s not in rest], (rest[0] if rest else None)


# --------------------------------------------------------------------------
# Cluster sizes


def cluster_sizes(con) -> List[Tuple[int, int]]:
    """(articles in the story, number of stories of that size), by size,
    counting each story's articles in the selection."""
    return [tuple(r) for r in con.execute(
        'SELECT n, count(*) FROM (SELECT story_id, count(*) AS n '
        'FROM sel_articles GROUP BY story_id) GROUP BY n ORDER BY n'
    ).fetchall()]


def size_summary(sizes: Sequence[Tuple[int, int]]) -> dict:
    """stories, singletons, syndicated (size > 1), median and largest size."""
    stories = sum(c for _, c in sizes)
    if not stories:
        return {'stories': 0, 'singletons': 0, 'syndicated': 0,
                'median': None, 'largest': None, 'mean': None}
    flat_mid, seen, median = (stories + 1) / 2, 0, None
    for size, count in sizes:
        seen += count
        if seen >= flat_mid:
            median = size
            break
    return {'stories': stories,
            'singletons': sum(c for s, c in sizes if s == 1),
            'syndicated': sum(c for s, c in sizes if s > 1),
            'median': median, 'largest': max(s for s, _ in sizes),
            'mean': sum(s * c for s, c in sizes) / stories}


# --------------------------------------------------------------------------
# Datelines


@dataclasses.dataclass
class Dateline:
    location: str         # most frequent spelling
    country: Optional[str]  # ISO alpha-2, most frequent non-null
    articles: int
    stories: int


def datelines(con, limit: int = 20) -> Tuple[List[Dateline], int, int]:
    """(top dateline locations, articles with a dateline, articles without).
    Spellings that differ only in case and spacing count as one place,
    shown in its most frequent spelling; aggregated in DuckDB."""
    rows = _rows(con, """
        WITH d AS (
            SELECT upper(regexp_replace(trim(dateline_location), '\\s+', ' ',
                                        'g')) AS k,
                   trim(dateline_location) AS loc,
                   dateline_country AS cc, story_id
            FROM sel_articles
            WHERE dateline_location IS NOT NULL
              AND trim(dateline_location) <> ''),
        agg AS (SELECT k, count(*) AS articles,
                       count(DISTINCT story_id) AS stories
                FROM d GROUP BY k),
        spelling AS (
            SELECT k, loc FROM (SELECT k, loc, count(*) AS c FROM d
                                GROUP BY k, loc)
            QUALIFY row_number() OVER (PARTITION BY k
                                       ORDER BY c DESC, loc) = 1),
        country AS (
            SELECT k, cc FROM (SELECT k, cc, count(*) AS c FROM d
                               WHERE cc IS NOT NULL GROUP BY k, cc)
            QUALIFY row_number() OVER (PARTITION BY k
                                       ORDER BY c DESC, cc) = 1)
        SELECT spelling.loc AS location, country.cc AS country,
               agg.articles, agg.stories
        FROM agg JOIN spelling USING (k) LEFT JOIN country USING (k)
        ORDER BY agg.articles DESC, location
        LIMIT ?""", [limit])
    with_dl, without = con.execute("""
        SELECT count(*) FILTER (WHERE dateline_location IS NOT NULL
                                AND trim(dateline_location) <> ''),
               count(*) FILTER (WHERE dateline_location IS NULL
                                OR trim(dateline_location) = '')
        FROM sel_articles""").fetchone()
    return [Dateline(**r) for r in rows], with_dl, without


# --------------------------------------------------------------------------
# Feed health


def quarantine_reasons(con) -> List[dict]:
    """stage, reason, rows, feeds (whole feeds rejected), entries, sources
    (distinct) and one sample detail; most rows first."""
    return _rows(con, """
        SELECT coalesce(stage, '?') AS stage, coalesce(reason, '?') AS reason,
               count(*) AS rows,
               count(*) FILTER (WHERE entry_key IS NULL) AS feeds,
               count(*) FILTER (WHERE entry_key IS NOT NULL) AS entries,
               count(DISTINCT source) AS sources,
               min(detail) AS detail
        FROM sel_quarantine GROUP BY ALL
        ORDER BY rows DESC, stage, reason""")


STATUSES = ('ok', 'warning', 'not_modified', 'failed')


@dataclasses.dataclass
class FeedHealth:
    source: str
    title: Optional[str]
    format: Optional[str]
    status: str                 # in the newest selected run that read it
    entries: int                # summed over the selected runs
    http_status: Optional[int]  # newest
    seconds: Optional[float]    # summed
    reason: Optional[str]       # newest
    detail: Optional[str]       # newest
    runs: int
    counts: Dict[str, int]      # status -> runs


def feed_health(runs: Sequence[dict]) -> Tuple[List[FeedHealth],
                                               Dict[str, int]]:
    """Per feed over ``runs`` (oldest first): newest status and facts,
    entries and seconds summed, and how many runs saw each status; plus the
    number of feed reads per status. Failed feeds first, then warnings,
    not-modified, ok; by source within."""
    feeds: Dict[str, FeedHealth] = {}
    totals = collections.Counter()
    for run in runs:
        for f in run.get('feeds') or ():
            if not isinstance(f, dict) or not f.get('source'):
                continue
            source = str(f['source'])
            status = str(f.get('status') or 'unknown')
            totals[status] += 1
            h = feeds.get(source)
            if h is None:
                h = feeds[source] = FeedHealth(
                    source, None, None, status, 0, None, None, None, None, 0,
                    collections.Counter())
            h.status = status
            h.title = f.get('title') or h.title
            h.format = f.get('format') or h.format
            h.http_status = f.get('http_status')
            h.reason, h.detail = f.get('reason'), f.get('detail')
            if isinstance(f.get('entries'), int):
                h.entries += f['entries']
            if isinstance(f.get('seconds'), (int, float)):
                h.seconds = (h.seconds or 0) + f['seconds']
            h.runs += 1
            h.counts[status] += 1
    order = {s: i for i, s in enumerate(('failed', 'warning', 'unknown',
                                         'not_modified', 'ok'))}
    rows = sorted(feeds.values(),
                  key=lambda h: (order.get(h.status, 2), h.source))
    for h in rows:
        h.counts = dict(h.counts)
    status_totals = {s: totals.get(s, 0) for s in STATUSES}
    status_totals.update({s: n for s, n in totals.items()
                          if s not in status_totals})
    return rows, status_totals


def run_rows(runs: Sequence[dict]) -> List[dict]:
    """One summary row per selected run, newest first."""
    out = []
    for r in reversed(list(runs)):
        statuses = collections.Counter(
            str(f.get('status')) for f in r.get('feeds') or ()
            if isinstance(f, dict))
        out.append({'run_id': r['run_id'], 'started_at': r.get('_started'),
                    'finished_at': r.get('_finished'),
                    'seconds': r.get('seconds'),
                    'feeds': sum(statuses.values()),
                    'not_modified': statuses.get('not_modified', 0),
                    'failed': statuses.get('failed', 0),
                    **{k: r.get(k) for k in RUN_TOTALS}})
    return out
