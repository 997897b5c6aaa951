"""The rendered report of a small synthetic run: sections, real numbers,
escaping, self-containedness, selection by run and by dates."""
import datetime as dt
import html.parser
import os
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape

from pipeline.report import ReportError, build_report, write_report
from pipeline.report.source import table_files

from .fixtures import (EVIL_PUBLISHER, EVIL_TITLE, OLD_TITLE, RUN1, RUN2,
                       STORY_TITLE, write_output)

SECTIONS = ['Articles and stories per hour by agency', 'Most syndicated stories',
            'Share of copy', 'Cluster sizes', 'Dateline locations',
            'Feed health']
CHARTS = 7  # articles/h, stories/h, agency share, publisher share,
#             cluster sizes, dateline map, quarantine reasons


class Tags(html.parser.HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def card(page, key):
    m = re.search(r'<div class="v">([^<]*)</div><div class="k">'
                  + re.escape(key) + '</div>', page)
    assert m, f'no {key!r} card'
    return m.group(1)


def section(page, anchor):
    m = re.search(r'<section id="' + anchor + r'">(.*?)</section>', page, re.S)
    assert m, anchor
    return m.group(1)


def test_every_section_is_there(html):
    for title in SECTIONS:
        assert f'>{title}</h2>' in html
    for sub in ('Per agency', 'Per publisher', 'Status per feed',
                'Quarantine reasons by stage', 'Runs'):
        assert f'<h3>{sub}</h3>' in html


def test_header_has_the_latest_run_and_its_totals(html):
    head = html[:html.index('</header>')]
    assert 'run run-2 (the latest run)' in head
    assert 'published 2026-03-17 06:05 – 2026-03-17 09:55' in head
    assert card(head, 'entries read') == '10'      # from _runs/run-2.json
    assert card(head, 'articles') == '7'           # rows of the articles table
    assert card(head, 'stories') == '4'
    assert card(head, 'duplicates') == '3'
    assert card(head, 'quarantined') == '1'
    assert '5 original · 2 copies' not in head     # run-2: 4 originals, 3 copies
    assert '4 original · 3 copies' in head
    assert '2 carried more than once' in head
    assert '3 repeats skipped' in head
    assert '7 articles, 4 story rows' in head


def test_default_report_covers_only_the_latest_run(html):
    assert OLD_TITLE not in html
    assert 'BERLIN' not in html
    assert RUN1 not in html


def test_story_title_is_escaped(html):
    assert str(escape(STORY_TITLE)) in html
    assert STORY_TITLE not in html
    assert '<deal>' not in html


def test_script_injection_is_inert(html):
    assert '<script' not in html.lower()
    assert str(escape(EVIL_TITLE)) in html
    assert str(escape(EVIL_PUBLISHER)) in html and EVIL_PUBLISHER not in html
    page = Tags(html)
    assert not [t for t, _ in page.tags if t in ('script', 'iframe', 'object',
                                                  'embed', 'img', 'b')]
    handlers = [(t, a) for t, attrs in page.tags for a in attrs
                if a.lower().startswith('on')]
    assert not handlers
    assert EVIL_TITLE in ''.join(page.text)   # shown as text, as written


def test_most_syndicated_story_lists_its_outlets_in_order(html):
    part = section(html, 'syndicated')
    body = part[part.index('<tbody>'):]
    rows = re.findall(r'<tr>(.*?)</tr>', body, re.S)
    first = rows[0]
    assert str(escape(STORY_TITLE)) in first
    outlets = re.findall(r'<li[^>]*>(.*?)</li>', first, re.S)
    assert [re.sub('<[^>]+>', '', o) for o in outlets] == [
        '★ Wire Agency 2026-03-17 06:05',
        'Daily Courier 2026-03-17 06:45 (+40m)',
        'Gulf Ledger 2026-03-17 08:10 (+2h 05m)']
    cells = re.findall(r'<td[^>]*>(.*?)</td>', first, re.S)
    assert cells[2] == 'Wire Agency'   # canonical publisher
    assert cells[3] == '3' and cells[4] == '3'
    assert 'PARIS · AFP, REUTERS' in first
    # the hostile story is the second (2 articles); single stories are not listed
    assert str(escape(EVIL_TITLE)) in rows[1]
    assert len(rows) == 2
    assert 'Chip plant opens' not in part


def test_one_inline_svg_per_chart(html):
    svgs = re.findall(r'<svg\b.*?</svg>', html, re.S)
    assert len(svgs) == CHARTS
    ids = []
    for svg in svgs:
        root = ET.fromstring(svg)           # well-formed XML
        assert root.tag.endswith('svg')
        ids += [e.get('id') for e in root.iter() if e.get('id')]
        assert 'DOCTYPE' not in svg and '<?xml' not in svg
    assert len(ids) == len(set(ids)), 'ids clash between charts'
    for name in ('articles-time', 'stories-time', 'agency-share',
                 'publisher-share', 'cluster-sizes', 'dateline-map',
                 'quarantine'):
        assert f'id="{name}-title"' in html
    assert re.search(r'<text[^>]*>AFP</text>', html)   # fonttype none: text


def test_page_loads_nothing_from_the_network(html):
    page = Tags(html)
    for tag, attrs in page.tags:
        for name in ('src', 'href', 'xlink:href', 'action', 'data',
                     'poster', 'srcset'):
            value = (attrs.get(name) or '').strip().lower()
            assert not re.match(r'(https?:)?//', value), (tag, name, value)
            assert not value.startswith(('javascript:', 'file:'))
    assert not re.search(r'(src|href)\s*=\s*["\']?\s*(https?:)?//', html, re.I)
    assert not re.search(r'url\(\s*["\']?\s*(https?:)?//', html, re.I)
    assert '@import' not in html
    assert not [t for t, _ in page.tags if t == 'link']
    assert "default-src 'none'" in html   # CSP: no fetch, no script


def test_share_tables(html):
    part = section(html, 'share')
    assert re.search(r'<td>AFP</td><td class="n">3</td><td class="n">42.9 %'
                     r'</td><td class="n">1</td><td class="n">2</td>', part)
    assert re.search(r'<td>REUTERS</td><td class="n">2</td>', part)
    assert re.search(r'<td>none</td><td class="n">2</td><td class="n">28.6 %',
                     part)
    assert re.search(r'<td>Daily Courier</td><td class="n">3</td>'
                     r'<td class="n">42.9 %</td><td class="n">1</td>'
                     r'<td class="n">2</td>', part)


def test_cluster_sizes(html):
    part = section(html, 'clusters')
    assert '<dt>single-article</dt><dd>2</dd>' in part
    assert '<dt>syndicated (2+)</dt><dd>2</dd>' in part
    assert '<dt>largest story</dt><dd>3 articles</dd>' in part


def test_datelines(html):
    part = section(html, 'datelines')
    rows = re.findall(r'<tr><td class="n">\d+</td>(.*?)</tr>', part, re.S)
    assert rows[0].startswith('<td>PARIS</td><td>France <span class="muted">'
                              'FR</span></td><td class="n">3</td>'
                              '<td class="n">1</td>')
    assert any('SAN JOSE, Calif.' in r and 'United States' in r for r in rows)
    assert '5 articles carry a dateline, 2 do not.' in part
    assert 'id="dateline-map-title"' in part


def test_feed_health(html):
    part = section(html, 'health')
    cards = re.findall(r'<div class="v st-\w+">(\d+)</div>'
                       r'<div class="k">([^<]+)</div>', part)
    assert {k: v for v, k in cards} == {
        'ok': '2', 'warning': '0', 'not modified': '1', 'failed': '1'}
    gulf = re.search(r'<tr>\s*<td><div>Gulf Ledger</div>.*?</tr>', part, re.S)
    assert 'not modified' in gulf.group(0) and '>304<' in gulf.group(0)
    broken = re.search(r'<tr>\s*<td><div></div><div class="muted src">'
                       r'https://broken.example/feed</div></td>.*?</tr>',
                       part, re.S).group(0)
    assert 'failed' in broken and 'not a feed' in broken
    assert re.search(r'<td>parse</td><td>not a feed<div class="muted">e.g. '
                     r'HTML page, no &lt;rss&gt; or &lt;feed&gt;</div></td>'
                     r'<td class="n">1</td><td class="n">1</td>'
                     r'<td class="n">0</td>', part)
    run_row = re.search(r'<tr><td>run-2</td>.*?</tr>', part).group(0)
    cells = re.findall(r'<td[^>]*>([^<]*)</td>', run_row)
    assert cells == ['run-2', '2026-03-17 10:00', '42.0', '4', '1', '1',
                     '10', '7', '3', '3', '1']


def test_staging_and_hidden_files_are_not_read(output_dir, html):
    assert 'STAGED ROW' not in html
    files = table_files(output_dir, 'articles')
    assert len(files) == 2
    assert all(os.sep + '_' not in f and os.sep + '.' not in f for f in files)
    assert 'STAGED ROW' not in build_report(
        output_dir, since=dt.date(2026, 3, 17), until=dt.date(2026, 3, 17))


def test_report_of_an_earlier_run(output_dir):
    page = build_report(output_dir, run_id=RUN1)
    assert f'run {RUN1}' in page and '(the latest run)' not in page
    assert 'BERLIN' in page and 'Germany' in page and 'PARIS' not in page
    assert STORY_TITLE not in page and str(escape(STORY_TITLE)) not in page
    assert card(page, 'entries read') == '1'
    assert card(page, 'articles') == '1'
    assert 'Nothing was quarantined.' in page
    assert 'No story was carried by more than one article' in page


def test_report_of_a_date_range(output_dir):
    one_day = build_report(output_dir, since=dt.date(2026, 3, 16),
                           until=dt.date(2026, 3, 16))
    assert 'published 2026-03-16 to 2026-03-16' in one_day
    assert card(one_day, 'articles') == '1' and 'BERLIN' in one_day
    assert str(escape(STORY_TITLE)) not in one_day
    assert '<tr><td>run-1</td>' in one_day and '<tr><td>run-2</td>' not in one_day
    both = build_report(output_dir, since=dt.date(2026, 3, 16))
    assert card(both, 'articles') == '8'
    assert card(both, 'entries read') == '11'        # 10 + 1: both runs
    assert '<tr><td>run-1</td>' in both and '<tr><td>run-2</td>' in both
    # two runs: per-feed run counts and not-modified counts are shown
    assert '<th class="n">not modified</th>' in section(both, 'health')
    none = build_report(output_dir, since=dt.date(2027, 1, 1))
    assert card(none, 'articles') == '0'
    assert 'No dated articles in this selection.' in none
    assert '<svg' not in none


def test_run_and_range_errors(output_dir, tmp_path):
    with pytest.raises(ReportError, match='no such output folder'):
        build_report(str(tmp_path / 'missing'))
    with pytest.raises(ReportError, match="no run 'nope'"):
        build_report(output_dir, run_id='nope')
    with pytest.raises(ReportError, match='empty date range'):
        build_report(output_dir, since=dt.date(2026, 3, 18),
                     until=dt.date(2026, 3, 17))


def test_empty_output_folder_renders(tmp_path):
    page = build_report(str(tmp_path))
    for title in SECTIONS:
        assert f'>{title}</h2>' in page
    assert 'all runs in the folder' in page
    assert card(page, 'articles') == '0'
    assert '<svg' not in page
    assert 'feed statuses are unknown' in page


def test_without_run_reports_figures_come_from_the_tables(tmp_path):
    root = write_output(str(tmp_path), with_runs=False)
    page = build_report(root)
    assert 'all runs in the folder' in page
    assert card(page, 'articles') == '8'
    assert card(page, 'entries read') == '–'
    assert card(page, 'duplicates') == '3'       # non-canonical rows
    assert card(page, 'quarantined') == '1'      # quarantine rows
    assert 'none found in _runs/' in page


def test_files_without_newer_columns_still_render(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pipeline.schemas import ARTICLES
    from .fixtures import articles
    rows = [r for r in articles() if r['run_id'] == RUN2]
    schema = pa.schema([f for f in ARTICLES
                        if f.name not in ('dateline_country', 'agencies')])
    folder = tmp_path / 'articles' / 'published_date=2026-03-17'
    folder.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema),
                   str(folder / 'old.parquet'))
    page = build_report(str(tmp_path))
    assert card(page, 'articles') == '7'
    assert '<td>none</td><td class="n">7</td>' in page
    assert '<span class="muted">unresolved</span>' in page


def test_write_report(output_dir, tmp_path):
    path = tmp_path / 'out' / 'report.html'
    assert write_report(output_dir, str(path), run_id=RUN2) == str(path)
    text = path.read_text(encoding='utf-8')
    assert text.startswith('<!DOCTYPE html>') and text.rstrip().endswith('</html>')
    assert os.listdir(path.parent) == ['report.html']   # no temp file left
    assert os.stat(path).st_mode & 0o044   # readable by others, like any file
