"""parse_document on every feed fixture in tests/fixtures/feeds/, with exact
expectations on the fields."""
import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from pipeline.formats import FeedRejected, ParsedFeed, parse_document
from pipeline.model import FeedInfo, RawEntry

from .helpers import FEEDS, FETCHED, fixture_doc


def parse(name, **kw) -> ParsedFeed:
    return parse_document(fixture_doc(name, **kw))


def item_texts(name, tag):
    """guid/link -> text of ``tag`` for each RSS 2.0 <item> (ElementTree is
    fine on these entity-free fixtures)."""
    root = ET.parse(FEEDS / name).getroot()
    return [(i.findtext('guid'), i.findtext(tag)) for i in root.iter('item')]


def assert_positions(parsed):
    assert [e.position for e in parsed.entries] == list(range(len(parsed.entries)))
    assert all(e.feed is parsed.feed for e in parsed.entries)


# ------------------------------------------------------------------ RSS 2.0

def test_rss20_wire_feed_facts():
    p = parse('rss20_wire.xml')
    assert p.feed == FeedInfo(
        feed_url='https://feeds.example.org/rss20_wire.xml',
        title='Wire Desk (fixture)', link='https://wire-fixture.example.net/',
        language='en', publisher='Wire Desk (fixture)', format='rss20',
        fetched_at=FETCHED, timezone=None)
    assert p.rejections == () and p.warnings == ()
    assert_positions(p)


def test_rss20_wire_entries():
    p = parse('rss20_wire.xml')
    assert [e.guid for e in p.entries] == [
        'rss20-wire-salvador', 'rss20-wire-richmond', 'rss20-wire-amsterdam',
        'rss20-wire-washington', 'rss20-wire-atlanta',
        'rss20-wire-sanfrancisco', 'rss20-wire-vancouver']
    first = p.entries[0]
    assert first == RawEntry(
        feed=p.feed, position=0, guid='rss20-wire-salvador',
        link='https://wire-fixture.example.net/a/salvador-cleanup',
        title='Salvador sets aside extra funds for post-carnival street cleanup',
        summary=item_texts('rss20_wire.xml', 'description')[0][1],
        content=None, author=None,
        published_raw='Wed, 26 Feb 2025 16:20:00 -0300', updated_raw=None,
        language=None)
    assert first.summary.startswith('SALVADOR, Feb 26 - The city council')
    # every description and pubDate comes through verbatim
    assert [(e.guid, e.summary) for e in p.entries] == \
        item_texts('rss20_wire.xml', 'description')
    assert [(e.guid, e.published_raw) for e in p.entries] == \
        item_texts('rss20_wire.xml', 'pubDate')
    assert p.entries[5].summary.startswith(
        'By MARISOL OKONJO  SAN FRANCISCO (AP) -- ')  # double space kept
    assert all(e.updated_raw is None for e in p.entries)  # no pubDate fallback


@pytest.mark.parametrize('name,count', [('syndicated_a.xml', 5),
                                        ('syndicated_b.xml', 4)])
def test_syndication_fixtures(name, count):
    p = parse(name)
    assert p.feed.format == 'rss20' and p.feed.language == 'en'
    assert len(p.entries) == count and p.warnings == ()
    assert [(e.guid, e.summary) for e in p.entries] == item_texts(name, 'description')
    assert_positions(p)


def test_syndicated_b_keeps_escaped_html_and_curly_quotes():
    e = parse('syndicated_b.xml').entries[0]
    assert e.title == 'Finland’s Saaristo Lines orders two electric ferries'
    assert e.summary.startswith('<p>HELSINKI: Finnish ferry operator')
    assert '<strong>Harbour Times</strong>' in e.summary


# ------------------------------------------------------------------ Atom 1.0

def test_atom10_outlet():
    p = parse('atom10_outlet.xml')
    assert p.feed == FeedInfo(
        feed_url='https://feeds.example.org/atom10_outlet.xml',
        title='Coastline Herald (fixture)',
        link='https://coastline-herald.example.org/', language='en',
        publisher='Coastline Herald (fixture)', format='atom10',
        fetched_at=FETCHED, timezone=None)
    assert p.warnings == () and p.rejections == ()
    assert_positions(p)
    a, b, c = p.entries

    # xhtml content: the inner markup of the div; text summary
    assert a.guid == 'urn:uuid:0f1e2d3c-4b5a-4697-8877-665544332211'
    assert a.link == 'https://coastline-herald.example.org/2025/03/04/ice-plant'
    assert a.title == 'Fishing harbour gets solar-powered ice plant'
    assert a.summary == ("A fishermen's cooperative has opened an ice plant "
                         "that runs on rooftop solar panels.")
    assert a.content.startswith("<p>KOCHI: A fishermen's cooperative")
    assert '<strong>12 tonnes</strong>' in a.content
    assert '<a href="https://coastline-herald.example.org/tags/fisheries">' in a.content
    assert a.author == 'Lakshmi Menon'
    assert (a.published_raw, a.updated_raw) == ('2025-03-04T09:15:00+05:30',
                                                '2025-03-04T18:10:00+05:30')
    assert a.language is None  # same as the feed's xml:lang

    # escaped-html title and content; no summary in the feed
    assert b.title == 'Night market returns to <em>Old Quay</em> after renovation'
    assert b.content.startswith('<p>The Friday night market on the Old Quay')
    assert '<strong>twelve</strong>' in b.content
    assert b.summary is None  # not feedparser's copy of the content
    assert b.author == 'Daniel Reyes'
    assert (b.published_raw, b.updated_raw) == ('2025-03-03T20:00:00-07:00',
                                                '2025-03-03T21:30:00-07:00')

    # summary-only entry, no published, no author
    assert c.title == 'Coastal path closed after small landslip'
    assert c.content is None
    assert c.summary.startswith('<p>A section of the coastal footpath')
    assert c.summary.endswith('use the inland diversion.</p>')
    assert c.author is None
    assert (c.published_raw, c.updated_raw) == (None, '2025-03-02T07:45:00Z')


# ------------------------------------------------------------ RSS 1.0 / RDF

def test_rss10_rdf():
    p = parse('rss10_rdf.xml')
    assert p.feed.format == 'rss10'
    assert p.feed.title == 'Valley Gazette (fixture)'
    assert p.feed.link == 'https://valley-gazette.example.org/'
    assert p.feed.language == 'en'  # dc:language
    assert p.warnings == ()
    assert_positions(p)
    base = 'https://valley-gazette.example.org/2025/03/'
    assert [(e.guid, e.link) for e in p.entries] == [
        (base + s, base + s) for s in ('orchard-frost', 'bridge-paint', 'choir-tour')]
    # dc:date is the entry's update date in feedparser's model
    assert [(e.published_raw, e.updated_raw) for e in p.entries] == [
        (None, '2025-03-05T06:30:00+01:00'), (None, '2025-03-04T17:00:00Z'),
        (None, '2025-03-03')]
    assert [e.author for e in p.entries] == ['Anna Brugger', 'Tomas Keller', None]
    assert p.entries[0].title == 'Orchards light heaters as late frost threatens blossom'
    assert p.entries[2].summary == ('Thirty-two singers aged 12 to 18 will perform '
                                    'in four cities during the spring holidays.')
    assert all(e.content is None for e in p.entries)


# ------------------------------------------------------------------ RSS 0.91

def test_rss091():
    p = parse('rss091.xml')
    assert p.feed.format == 'rss091'
    assert p.feed.title == 'Township Notes (fixture)'
    assert p.feed.language == 'en-us'
    assert p.feed.link == 'http://township-notes.example.org/'
    assert [e.title for e in p.entries] == [
        'Recycling pickup moves to Thursdays', 'Snow emergency lifted',
        'Town hall meeting on park plans']
    assert p.entries[1].link == \
        'http://township-notes.example.org/notes/snow-emergency-lifted.html'
    assert p.entries[1].summary == ('The township lifted its snow emergency at '
                                    '6 a.m.; parking rules on main roads are '
                                    'back to normal.')
    for e in p.entries:
        assert (e.guid, e.published_raw, e.updated_raw, e.author, e.content) == \
            (None, None, None, None, None)
    assert_positions(p)


# ---------------------------------------------------------------- JSON Feed

def test_jsonfeed10():
    p = parse('jsonfeed10.json')
    assert p.feed == FeedInfo(
        feed_url='https://feeds.example.org/jsonfeed10.json',
        title='Harbour Lights Weekly (fixture)',
        link='https://harbour-lights.example.net/', language=None,
        publisher='Harbour Lights Weekly (fixture)', format='jsonfeed10',
        fetched_at=FETCHED, timezone=None)
    assert p.rejections == () and p.warnings == ()
    assert_positions(p)
    a, b, c = p.entries
    assert a == RawEntry(
        feed=p.feed, position=0, guid='1001',
        link='https://harbour-lights.example.net/p/1001',
        title='Lifeboat crew marks 150 launches', summary=None,
        content=('HALIFAX, N.S. — The volunteer lifeboat crew at the east '
                 'harbour station launched for the 150th time since the new '
                 'boat arrived, station staff said Monday.'),
        author='Fiona MacIsaac', published_raw='2025-03-03T12:00:00-04:00',
        updated_raw=None, language=None)
    assert b.author is None  # the feed-level author is not a byline
    assert b.content == ('<p>The spring ferry timetable begins on <em>March 30</em>, '
                         'with an extra early sailing on weekdays.</p>')
    assert c.summary == 'Freezing spray coated the breakwater.'
    assert c.content.startswith('<p><img src="https://harbour-lights.example.net/img/')
    assert c.author == 'Ravi Sandhu'
    assert c.published_raw == '2025-03-01T16:45:00Z'


def test_jsonfeed11():
    p = parse('jsonfeed11.json')
    assert p.feed.format == 'jsonfeed11'
    assert p.feed.title == 'Prairie Dispatch (fixture)'
    assert p.feed.link == 'https://prairie-dispatch.example.com/'
    assert p.feed.language == 'en-US'
    assert p.feed.publisher == 'Prairie Dispatch (fixture)'
    assert p.rejections == () and p.warnings == ()
    assert_positions(p)
    a, b, c = p.entries
    assert a.guid == 'pd-2025-0304-grain'
    assert a.link == 'https://prairie-dispatch.example.com/2025/03/04/grain-elevator'
    assert a.summary == 'Co-op members voted to add two storage bins.'
    assert a.content.startswith('<p>WICHITA, Kan. — Members of a farmer-owned')
    assert '<strong>212 to 40</strong>' in a.content
    assert (a.published_raw, a.updated_raw) == ('2025-03-04T15:20:00-06:00',
                                                '2025-03-04T16:05:00-06:00')
    assert a.author == 'Kelsey Whitford'
    assert b.content.startswith('Gusts up to 55 mph')  # content_text only
    assert b.author == 'Prairie Dispatch weather desk'
    assert b.summary is None and b.updated_raw is None
    # both content_html and content_text: the html
    assert c.content == ('<p>The county fair board chose a local contractor to '
                         'rebuild the grandstand at the rodeo grounds.</p>')
    assert c.published_raw == '2025-03-03T19:30:00.500-06:00'
    assert c.author == 'Kelsey Whitford, Omar Haddad'
    assert all(e.language is None for e in p.entries)


# ------------------------------------------------------- damaged but usable

def test_bozo_recoverable_yields_entries_and_a_warning():
    p = parse('bozo_recoverable.xml')
    assert p.feed.format == 'rss20'
    assert [e.guid for e in p.entries] == ['bozo-1', 'bozo-2']
    assert p.entries[0].title == \
        'Hardware store Pike & Sons marks 80 years on Market Street'
    assert p.entries[1].title == 'Street fair returns in May'
    assert p.entries[1].published_raw == 'Tue, 04 Mar 2025 10:00:00 +0000'
    assert len(p.warnings) == 1
    assert p.warnings[0].startswith('bozo: SAXParseException')
    assert 'not well-formed' in p.warnings[0]
    assert p.rejections == ()


def test_cp1252_declared_utf8_comes_out_right():
    p = parse('cp1252_declared_utf8.xml')
    first, second = p.entries
    assert first.title == 'Café owners – and regulars – say “goodbye” to Rue Basse'
    assert first.summary == (
        'The café on Rue Basse closed on Sunday after 41 years. '
        '“We’ll miss the crossword crowd most,” said its owner — who plans '
        'to retire to the coast.')
    assert second.title == 'Plain ASCII item for comparison'
    for e in p.entries:
        for text in (e.title, e.summary):
            assert '\ufffd' not in text and 'Ã' not in text and 'â€' not in text
    assert p.warnings == ('encoding: declared utf-8 but 10 byte(s) were not '
                          'valid; read them as windows-1252',)


@pytest.mark.parametrize('content_type', [
    'application/rss+xml; charset=utf-8', 'text/xml', 'text/html; charset=UTF-8',
    'application/xml'])
def test_cp1252_declared_utf8_whatever_the_headers(content_type):
    p = parse('cp1252_declared_utf8.xml', headers={'Content-Type': content_type})
    assert p.entries[0].title == \
        'Café owners – and regulars – say “goodbye” to Rue Basse'


def test_entry_missing_fields_is_not_rejected_here():
    p = parse('entry_missing_fields.xml')
    assert len(p.entries) == 3 and p.rejections == () and p.warnings == ()
    assert_positions(p)
    empty = p.entries[1]
    assert (empty.guid, empty.link, empty.title, empty.summary, empty.content,
            empty.author) == (None,) * 6
    assert empty.published_raw == 'Sat, 01 Mar 2025 17:00:00 +0000'
    assert p.entries[0].guid == 'https://riverside-notes.example.org/2025/03/cleanup'
    assert p.entries[2].title == 'Boat club elects first female commodore'


def test_dates_mixed_raw_strings_verbatim():
    p = parse('dates_mixed.xml')
    expected = json.loads((FEEDS / 'dates_mixed.expected.json').read_text('utf-8'))
    assert len(p.entries) == 28
    assert [e.guid for e in p.entries] == list(expected)
    assert [(e.guid, e.published_raw) for e in p.entries] == \
        item_texts('dates_mixed.xml', 'pubDate')
    raw = {e.guid: e.published_raw for e in p.entries}
    assert raw['date-russian-msk'] == '5 марта 2025, 12:00 MSK'
    assert raw['date-arabic'] == 'الأربعاء 5 مارس 2025 14:00'
    assert raw['date-epoch-seconds'] == '1741000000'
    assert all(e.updated_raw is None for e in p.entries)


def test_dates_mixed_through_normalize_dates():
    """Contract with normalize: the raw strings parse to the expected UTC."""
    from pipeline.normalize.dates import parse_feed_date
    p = parse('dates_mixed.xml')
    expected = json.loads((FEEDS / 'dates_mixed.expected.json').read_text('utf-8'))
    got = {}
    for e in p.entries:
        d = parse_feed_date(e.published_raw, default_tz=p.feed.timezone,
                            relative_base=p.feed.fetched_at)
        got[e.guid] = d.astimezone(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    assert got == expected


# ------------------------------------------------------------------ rejected

def test_not_a_feed_html_bot_wall():
    with pytest.raises(FeedRejected) as info:
        parse('not_a_feed.html')
    exc = info.value
    assert exc.reason == 'not a feed'
    assert exc.detail == "HTML page (title: 'Just a moment...')"
    assert exc.excerpt.startswith('<!DOCTYPE html>')
    assert len(exc.excerpt) == 500


def test_empty_body():
    with pytest.raises(FeedRejected) as info:
        parse('empty.xml')
    assert info.value.reason == 'empty body'
    assert info.value.excerpt == ''


def test_every_fixture_is_covered():
    """A new fixture file should get a test here (or in the edge tests)."""
    covered = {'rss20_wire.xml', 'syndicated_a.xml', 'syndicated_b.xml',
               'atom10_outlet.xml', 'rss10_rdf.xml', 'rss091.xml',
               'jsonfeed10.json', 'jsonfeed11.json', 'bozo_recoverable.xml',
               'cp1252_declared_utf8.xml', 'entry_missing_fields.xml',
               'dates_mixed.xml', 'not_a_feed.html', 'empty.xml',
               'billion_laughs.xml', 'xxe.xml'}
    feeds = {p.name for p in FEEDS.iterdir()
             if p.suffix in ('.xml', '.json', '.html')
             and not p.name.endswith('.expected.json')}
    assert feeds - covered == set()
