"""Unit tests of the report's pure parts: queries over hand-made rows,
file discovery, run ordering, chart SVG hygiene, offline coordinates."""
import datetime as dt
import json
import os
import re
import xml.etree.ElementTree as ET

import pytest

from pipeline.report import charts, places, queries
from pipeline.report.source import COLUMNS, connect, load_runs, table_files

UTC = dt.timezone.utc
T = dt.datetime(2026, 3, 17, 6, 0, tzinfo=UTC)
H = dt.timedelta(hours=1)


def art(aid, story, at, agencies=(), publisher='P', canonical=True,
        title=None, dateline=None, country=None):
    return {'article_id': aid, 'story_id': story, 'published_at': at,
            'agencies': list(agencies), 'publisher': publisher,
            'is_canonical': canonical, 'title': title or aid,
            'dateline_location': dateline, 'dateline_country': country,
            'run_id': 'r'}


def selection(articles=(), stories=(), quarantine=()):
    """A connection holding sel_* tables filled with the given rows (missing
    columns NULL), exactly as open_selection leaves them."""
    con = connect()
    for table, rows in (('articles', articles), ('stories', stories),
                        ('quarantine', quarantine)):
        partition, cols = COLUMNS[table]
        cols = dict(cols, **{partition: 'DATE'})
        con.execute(f'CREATE TEMP TABLE sel_{table} ('
                    + ', '.join(f'{c} {t}' for c, t in cols.items()) + ')')
        for r in rows:
            names = [c for c in cols if c in r]
            con.execute(f'INSERT INTO sel_{table} ({", ".join(names)}) VALUES ('
                        + ', '.join('?' for _ in names) + ')',
                        [r[c] for c in names])
    return con


def test_primary_label():
    rank = {'AFP': 0, 'REUTERS': 1, 'AP': 2, 'DPA': 3}
    top = ['AFP', 'REUTERS']
    assert queries.primary_label(['REUTERS', 'AFP'], rank, top) == 'AFP'
    assert queries.primary_label(['AP'], rank, top) == 'other'
    assert queries.primary_label([], rank, top) == 'none'
    assert queries.primary_label(None, rank, top) == 'none'
    assert queries.primary_label(['', None], rank, top) == 'none'


def test_articles_over_time_counts_each_article_once_on_a_continuous_axis():
    con = selection([
        art('a', 's1', T, ['AFP']),
        art('b', 's1', T + dt.timedelta(minutes=30), ['AFP', 'REUTERS']),
        art('c', 's2', T + 3 * H + dt.timedelta(minutes=5), ['REUTERS']),
        art('d', 's3', T + 3 * H, ['DPA']),
        art('e', 's4', T + 3 * H, []),
        art('f', 's5', None, ['AFP']),
    ])
    ts = queries.articles_over_time(con, top_n=2)
    assert ts.unit == 'hour'
    assert ts.buckets == [T, T + H, T + 2 * H, T + 3 * H]   # gaps are zeros
    assert ts.series == {'AFP': [2, 0, 0, 0], 'REUTERS': [0, 0, 0, 1],
                         'other': [0, 0, 0, 1], 'none': [0, 0, 0, 1]}
    assert ts.undated == 1 and ts.total == 5
    stories = queries.stories_over_time(con, top_n=2)
    assert stories.series['AFP'] == [1, 0, 0, 0]     # s1 once, at its first
    assert stories.total == 4


def test_time_unit_is_days_past_a_week():
    con = selection([art('a', 's', T), art('b', 't', T + dt.timedelta(days=9))])
    assert queries.time_unit(con) == 'day'
    ts = queries.articles_over_time(con)
    assert len(ts.buckets) == 10 and ts.buckets[0] == T.replace(hour=0)


def test_top_stories():
    con = selection(
        [art('w', 'big', T, ['AFP'], 'Wire', True, 'Wire title', 'PARIS', 'FR'),
         art('x', 'big', T + 2 * H, ['AFP'], 'Outlet X', False, 'X copy'),
         art('y', 'big', T + dt.timedelta(minutes=15), [], 'Outlet Y', False),
         art('p', 'pair', T + H, [], 'Outlet X', False, 'pair copy'),
         art('q', 'pair', T + 2 * H, [], 'Outlet Y', True, 'pair original'),
         art('z', 'alone', T, [], 'Outlet Z')],
        stories=[{'story_id': 'big', 'title': 'Story row title',
                  'publisher': 'Wire', 'article_count': 5, 'run_id': 'r'}])
    top = queries.top_stories(con, limit=15)
    assert [s.story_id for s in top] == ['big', 'pair']   # singles left out
    big, pair = top
    assert big.title == 'Story row title' and big.publisher == 'Wire'
    assert big.articles == 3 and big.total_articles == 5
    assert [c.publisher for c in big.carriers] == ['Wire', 'Outlet Y',
                                                   'Outlet X']
    assert [c.lag for c in big.carriers] == [dt.timedelta(0),
                                             dt.timedelta(minutes=15), 2 * H]
    assert big.carriers[0].is_canonical and big.dateline == 'PARIS'
    # no story row: the canonical article's title and publisher
    assert pair.title == 'pair original' and pair.publisher == 'Outlet Y'
    assert pair.total_articles is None
    assert queries.top_stories(con, limit=1)[0].story_id == 'big'


def test_top_stories_list_outlets_once_and_cap_them():
    rows = [art('w', 'big', T, publisher='Wire', title='Wire title')]
    rows += [art(f'c{i}', 'big', T + (i + 1) * H, publisher=f'Outlet {i:02d}',
                 canonical=False) for i in range(30)]
    rows += [art('c0-update', 'big', T + 40 * H, publisher='Outlet 00',
                 canonical=False)]
    story, = queries.top_stories(selection(rows), outlets=10)
    assert story.articles == 32 and story.publishers == 31
    assert len(story.carriers) == 10 and story.more_outlets == 21
    first = story.carriers[1]
    assert (first.publisher, first.articles, first.lag) == ('Outlet 00', 2, H)
    assert story.carriers[0].is_canonical and not first.is_canonical


def test_agency_and_publisher_share():
    con = selection([art('a', 's', T, ['AFP'], 'P1'),
                     art('b', 's', T, ['AFP', 'AP'], 'P2', False),
                     art('c', 't', T, [], 'P2'),
                     art('d', 'u', T, ['AP', 'AP'], 'P1')])
    ag = {s.label: s for s in queries.agency_share(con)}
    assert [s.label for s in queries.agency_share(con)] == ['AFP', 'AP', 'none']
    assert ag['AFP'].articles == 2 and ag['AFP'].share == 0.5
    assert ag['AP'].articles == 2 and ag['AP'].stories == 2   # AP,AP once
    assert ag['none'].articles == 1 and ag['AFP'].copies == 1
    pub = {s.label: s for s in queries.publisher_share(con)}
    assert pub['P2'].originals == 1 and pub['P2'].copies == 1
    assert queries.agency_share(selection()) == []


def test_fold_keeps_none_apart():
    shares = [queries.Share(x, n, n / 10, 1) for x, n in
              (('A', 4), ('B', 3), ('C', 2), ('D', 1))]
    shares.append(queries.Share('none', 5, 0.5, 1))
    folded = queries.fold(shares, 2)
    assert [s.label for s in folded] == ['A', 'B', 'other (2)', 'none']
    assert folded[2].articles == 3
    assert queries.fold(shares, 10) == shares


def test_split_top_for_charts():
    shares = [queries.Share(x, n, n / 10, 1) for x, n in
              (('A', 4), ('B', 3), ('C', 2), ('D', 1))]
    shares.append(queries.Share('none', 5, 0.5, 1))
    bars, rest = queries.split_top(shares, 2)
    assert [s.label for s in bars] == ['A', 'B', 'none']
    assert (rest.members, rest.articles) == (2, 3)
    assert queries.split_top(shares, 4) == (shares, None)


def test_cluster_sizes_and_summary():
    con = selection([art(f'a{i}', 's1', T) for i in range(3)]
                    + [art('b', 's2', T), art('c', 's3', T)])
    sizes = queries.cluster_sizes(con)
    assert sizes == [(1, 2), (3, 1)]
    s = queries.size_summary(sizes)
    assert (s['stories'], s['singletons'], s['syndicated'], s['median'],
            s['largest']) == (3, 2, 1, 1, 3)
    assert queries.size_summary([])['median'] is None


def test_datelines_group_spellings():
    con = selection([art('a', 's', T, dateline='PARIS', country='FR'),
                     art('b', 's', T, dateline='Paris ', country='FR'),
                     art('c', 't', T, dateline='PARIS', country=None),
                     art('d', 'u', T, dateline='Springfield'),
                     art('e', 'v', T)])
    rows, with_dl, without = queries.datelines(con)
    assert (with_dl, without) == (4, 1)
    assert rows[0] == queries.Dateline('PARIS', 'FR', 3, 2)
    assert rows[1] == queries.Dateline('Springfield', None, 1, 1)


def test_quarantine_reasons():
    con = selection(quarantine=[
        {'source': 'f1', 'stage': 'fetch', 'reason': 'http 5xx',
         'detail': '503', 'entry_key': None},
        {'source': 'f2', 'stage': 'normalize', 'reason': 'missing fields',
         'entry_key': 'f2#0'},
        {'source': 'f2', 'stage': 'normalize', 'reason': 'missing fields',
         'entry_key': 'f2#3'}])
    rows = queries.quarantine_reasons(con)
    assert [(r['stage'], r['reason'], r['rows'], r['feeds'], r['entries'],
             r['sources']) for r in rows] == [
        ('normalize', 'missing fields', 2, 0, 2, 1),
        ('fetch', 'http 5xx', 1, 1, 0, 1)]


def test_feed_health_over_runs():
    def feed(source, status, entries, **kw):
        return dict(source=source, status=status, entries=entries,
                    seconds=0.5, **kw)
    runs = [{'run_id': 'r1', 'feeds': [feed('a', 'ok', 3, title='A'),
                                       feed('b', 'ok', 2)]},
            {'run_id': 'r2', 'feeds': [feed('a', 'not_modified', 0,
                                            http_status=304),
                                       feed('b', 'failed', 0,
                                            reason='http 5xx'),
                                       feed('c', 'warning', 1), 'junk']}]
    rows, totals = queries.feed_health(runs)
    assert [h.source for h in rows] == ['b', 'c', 'a']   # failed first
    a = rows[2]
    assert (a.status, a.entries, a.runs, a.title, a.http_status) == (
        'not_modified', 3, 2, 'A', 304)
    assert a.counts == {'ok': 1, 'not_modified': 1}
    assert rows[0].reason == 'http 5xx' and rows[0].seconds == 1.0
    assert totals == {'ok': 2, 'warning': 1, 'not_modified': 1, 'failed': 1}
    assert queries.feed_health([]) == ([], {'ok': 0, 'warning': 0,
                                            'not_modified': 0, 'failed': 0})


def test_overview_sums_run_reports():
    con = selection([art('a', 's', T), art('b', 's', T + H, canonical=False)])
    o = queries.overview(con, [{'run_id': 'x', 'entries_read': 5,
                                'duplicates': 1, 'seconds': 2.5},
                               {'run_id': 'y', 'entries_read': 4}])
    assert (o['articles'], o['stories'], o['originals'], o['copies'],
            o['syndicated_stories']) == (2, 1, 1, 1, 1)
    assert o['runs']['entries_read'] == 9 and o['runs']['duplicates'] == 1
    assert o['runs']['repeats'] is None and o['seconds'] == 2.5
    assert o['first_published'] == T and o['last_published'] == T + H


def test_table_files_skip_staging_and_prune_dates(tmp_path):
    base = tmp_path / 'articles'
    for rel in ('published_date=2026-03-16/a.parquet',
                'published_date=2026-03-17/b.parquet',
                'published_date=2026-03-17/_c.parquet',
                'published_date=2026-03-17/.d.parquet',
                'published_date=2026-03-17/e.json',
                '_staging/published_date=2026-03-17/f.parquet',
                '.tmp/g.parquet', 'loose.parquet',
                'other=2026-03-17/h.parquet', 'published_date=bad/i.parquet'):
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b'')
    names = [os.path.basename(f) for f in table_files(str(tmp_path), 'articles')]
    assert names == ['a.parquet', 'b.parquet']
    assert [os.path.basename(f) for f in table_files(
        str(tmp_path), 'articles', since=dt.date(2026, 3, 17))] == ['b.parquet']
    assert table_files(str(tmp_path), 'stories') == []


def test_load_runs_orders_by_finished_at(tmp_path):
    runs = tmp_path / '_runs'
    runs.mkdir()
    (runs / 'a-late.json').write_text(json.dumps(
        {'run_id': 'a-late', 'finished_at': '2026-03-17T10:00:00Z'}))
    (runs / 'z-early.json').write_text(json.dumps(
        {'run_id': 'z-early', 'finished_at': '2026-03-16T10:00:00+00:00'}))
    (runs / 'broken.json').write_text('{not json')
    (runs / '.partial.json').write_text('{}')
    assert [r['run_id'] for r in load_runs(str(tmp_path))] == ['z-early',
                                                               'a-late']


def test_svg_is_inline_ready_and_safe():
    shares = [queries.Share('<b>Bold</b> & $5 "news"', 3, 0.75, 1),
              queries.Share('none', 1, 0.25, 1)]
    svg = charts.share_bars(shares, 'pub share', 'publisher')
    assert svg.startswith('<svg class="chart" role="img"')
    root = ET.fromstring(svg)
    texts = [''.join(e.itertext()) for e in root.iter()
             if e.tag.endswith('text')]
    assert '<b>Bold</b> & $5 "news"' in texts     # text, not markup or math
    assert '<b>' not in svg and '<!--' not in svg and '<?xml' not in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith('pub-share-') for i in ids)
    for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
        assert ref in ids
    assert charts.share_bars(shares, 'pub share', 'publisher') == svg
    assert charts.share_bars([], 'x', 'publisher') is None


def test_map_places_datelines_offline():
    assert places.country_name('fr') == 'France'
    lat, lon, exact = places.coordinates('SAN JOSE, Calif.', 'US')
    assert exact and 37 < lat < 38 and -122 < lon < -121
    lat, lon, exact = places.coordinates('Nowhere-sur-Mer', 'FR')
    assert not exact and 48 < lat < 49      # Paris, the capital
    assert places.coordinates('London', None) is None
    assert len(places.world_points()) > 5000
    svg = charts.dateline_map([('PARIS', 48.85, 2.35, 3, True)],
                              places.world_points(), 'map')
    assert 'data:image/png;base64,' in svg   # the backdrop, rasterized inline
    assert len(svg) < 150_000


@pytest.mark.parametrize('sizes', [[(1, 5)], [(1, 900), (2, 40), (30, 1)]])
def test_cluster_histogram(sizes):
    svg = charts.cluster_histogram(sizes, 'clusters')
    ET.fromstring(svg)
    assert 'mathdefault' not in svg and '$' not in svg   # plain tick labels
    assert '15+' in svg if max(s for s, _ in sizes) > 15 else '15+' not in svg
