"""Feeds whose guids or links do not name one entry (a podcast feed that
links every item to the site's home page, a small site that gives all items
one guid): every distinct item is its own article, and running the same
feed again still writes nothing twice."""
import dataclasses
import datetime as dt

import duckdb
import pytest

from pipeline.cli import main
from pipeline.formats.base import ParsedFeed, mark_shared_identifiers
from pipeline.model import FeedInfo, RawEntry

HOME = 'http://towncrier.example/'
STORIES = [
    ('Council approves new budget for schools',
     'The council voted on Monday to approve a new budget that raises school '
     'spending by four percent over last year.', '10:00'),
    ('Storm knocks out power across the valley',
     'Thousands of homes lost power after a storm swept through the valley '
     'overnight, the utility said on Monday.', '12:00'),
    ('Local team wins regional final',
     'The high school football team won the regional final on Sunday with a '
     'late touchdown in front of a record crowd.', '14:00'),
]


def _feed(guid_of, link_of) -> str:
    items = ''.join(
        f'<item><title>{title}</title><guid isPermaLink="false">{guid_of(i)}</guid>'
        f'<link>{link_of(i)}</link><pubDate>Mon, 02 Jun 2025 {time}:00 GMT</pubDate>'
        f'<description>{text}</description></item>'
        for i, (title, text, time) in enumerate(STORIES))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Town Crier</title>'
            f'<link>{HOME}</link>{items}</channel></rss>')


@pytest.mark.parametrize('name, guid_of, link_of', [
    ('one guid for all', lambda i: 'towncrier-item', lambda i: f'{HOME}news/{i}'),
    ('home page links', lambda i: f'tc-{i}', lambda i: HOME),
    ('both', lambda i: HOME, lambda i: HOME),
])
def test_every_item_is_an_article_and_a_rerun_adds_none(tmp_path, name, guid_of, link_of):
    feed = tmp_path / 'feed.xml'
    feed.write_text(_feed(guid_of, link_of))
    out = tmp_path / 'out'
    assert main(['run', '--input', str(feed), '--output', str(out), '--run-id', 'r1',
                 '--quiet']) == 0
    rows = duckdb.sql(f"select title, article_id from read_parquet("
                      f"'{out}/articles/**/*.parquet', hive_partitioning=true)").fetchall()
    assert sorted(t for t, _ in rows) == sorted(t for t, _, _ in STORIES)
    assert len({a for _, a in rows}) == len(STORIES)        # three distinct ids
    assert main(['run', '--input', str(feed), '--output', str(out), '--run-id', 'r2',
                 '--quiet']) == 0
    n = duckdb.sql(f"select count(*) from read_parquet('{out}/articles/**/*.parquet', "
                   f"hive_partitioning=true)").fetchall()[0][0]
    assert n == len(STORIES)


def _entry(position, guid, link, title='T', content='text'):
    info = FeedInfo(feed_url='f.xml', title='F', link=HOME, language='en',
                    publisher='F', format='rss20',
                    fetched_at=dt.datetime(2025, 6, 2, tzinfo=dt.timezone.utc))
    return RawEntry(feed=info, position=position, guid=guid, link=link, title=title,
                    summary=None, content=content, author=None, published_raw=None,
                    updated_raw=None, language=None)


def _flags(*entries):
    parsed = mark_shared_identifiers(ParsedFeed(feed=entries[0].feed, entries=entries))
    return [(e.shared_guid, e.shared_link) for e in parsed.entries]


def test_unique_identifiers_are_left_alone():
    entries = (_entry(0, 'a', 'http://x.example/a', 'A'), _entry(1, 'b', 'http://x.example/b', 'B'))
    parsed = ParsedFeed(feed=entries[0].feed, entries=entries)
    assert mark_shared_identifiers(parsed) is parsed


def test_a_guid_shared_by_different_items_is_flagged_on_those_only():
    assert _flags(_entry(0, 'g', 'http://x.example/a', 'A'),
                  _entry(1, 'g', 'http://x.example/b', 'B'),
                  _entry(2, 'h', 'http://x.example/c', 'C')) == [
        (True, False), (True, False), (False, False)]


def test_an_item_listed_twice_keeps_its_identity():
    twice = _entry(0, 'g', 'http://x.example/a', 'A')
    assert _flags(twice, dataclasses.replace(twice, position=1)) == [(False, False)] * 2


def test_the_home_page_link_is_flagged_even_once():
    assert _flags(_entry(0, 'g', 'HTTP://Towncrier.example', 'A'),
                  _entry(1, 'h', 'http://towncrier.example/story', 'B')) == [
        (False, True), (False, False)]


def _outlet_feed(outlet: str, items) -> str:
    body = ''.join(
        f'<item><title>{title}</title><guid isPermaLink="false">{guid}</guid>'
        f'<pubDate>Mon, 02 Jun 2025 1{i}:00:00 GMT</pubDate>'
        f'<description>{text}</description></item>'
        for i, (guid, (title, text, _)) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>'
            f'<link>https://{outlet.lower().replace(" ", "")}.example/</link>{body}'
            f'</channel></rss>')


def test_two_outlets_numbering_their_items_alike_keep_every_item(tmp_path):
    # both sites number their items 1, 2: four articles, not two
    feeds = tmp_path / 'feeds'
    feeds.mkdir()
    (feeds / 'a.xml').write_text(_outlet_feed('Valley Post', [('1', STORIES[0]), ('2', STORIES[1])]))
    (feeds / 'b.xml').write_text(_outlet_feed('Hill Times', [('1', STORIES[2]),
                                                           ('2', (STORIES[0][0] + ' again',
                                                                  STORIES[1][1] + ' More.', ''))]))
    out = tmp_path / 'out'
    for run_id in ('r1', 'r2'):
        assert main(['run', '--input', str(feeds), '--output', str(out), '--run-id', run_id,
                     '--quiet']) == 0
        rows = duckdb.sql(f"select publisher, guid, article_id from read_parquet("
                          f"'{out}/articles/**/*.parquet', hive_partitioning=true)").fetchall()
        assert len(rows) == 4 and len({a for _, _, a in rows}) == 4


@pytest.mark.parametrize('guid, scoped', [
    ('https://site.example/a/1', False), ('urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427', False),
    ('tag:site.example,2025:item-9', False), ('1b4e28ba-2fa1-11d2-883f-0016d3cca427', False),
    ('12345', True), ('post-678', True), ('story:9', True),
])
def test_guid_identity(guid, scoped):
    from pipeline.normalize.urls import guid_identity
    a, b = guid_identity(guid, 'Valley Post'), guid_identity(guid, 'Hill Times')
    assert (a != b) is scoped
    assert guid_identity(f'  {guid} ', 'valley post ') == a
    assert guid_identity('  ', 'Valley Post') is None
