"""The ElementTree fast path (``fastxml``) gives exactly feedparser's
ParsedFeed: on every fixture and sample, on a generated benchmark corpus,
on random documents full of feedparser's special cases, and on targeted
quirks; and it hands to feedparser what it is not sure of."""
import pathlib
import sys

import pytest

from pipeline.formats import FeedRejected, fastxml, parse_document
from pipeline.formats import feed as feed_module

from .feedgen import Gen
from .helpers import FEEDS, make_doc, rss

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ROOT / 'pipeline' / 'samples'

needs_fast = pytest.mark.skipif(
    not fastxml.ENABLED,
    reason=f'fast path only runs on feedparser {fastxml.FEEDPARSER_VERSION}')


def outcome(doc, fast):
    try:
        return parse_document(doc, fast=fast)
    except FeedRejected as exc:
        return ('rejected', exc.reason, exc.detail, exc.excerpt)


@pytest.fixture
def taken(monkeypatch):
    """Records, per parse_document call that reaches the XML path, whether
    fastxml read the document itself (True) or handed it on (False)."""
    seen = []
    original = fastxml.parse

    def recording(*args, **kwargs):
        result = original(*args, **kwargs)
        seen.append(result is not None)
        return result

    monkeypatch.setattr(feed_module.fastxml, 'parse', recording)
    return seen


def assert_same(doc, taken=None):
    """Both paths agree; returns the fast path's verdict (True: it read
    the document, False: feedparser did, None: no XML path at all)."""
    before = len(taken) if taken is not None else 0
    fast = outcome(doc, True)
    verdict = taken[before] if taken is not None and len(taken) > before else None
    assert fast == outcome(doc, False)
    return verdict


def files(folder):
    return sorted(p for p in folder.iterdir()
                  if p.suffix in ('.xml', '.json', '.html', '.atom', '.rss')
                  and not p.name.endswith('.expected.json'))


# ------------------------------------------------- fixtures, samples, corpus

FAST_FIXTURES = {'rss20_wire.xml', 'syndicated_a.xml', 'syndicated_b.xml',
                 'atom10_outlet.xml', 'rss10_rdf.xml', 'rss091.xml',
                 'cp1252_declared_utf8.xml', 'entry_missing_fields.xml',
                 'dates_mixed.xml', 'outlet-daily-courier.xml',
                 'outlet-euro-courrier.xml', 'outlet-gulf-ledger.xml',
                 'wire-agency.xml'}


@pytest.mark.parametrize('path', files(FEEDS) + files(SAMPLES),
                         ids=lambda p: p.name)
def test_fixture_and_sample_equal(path, taken):
    doc = make_doc(path.read_bytes(), f'https://feeds.example.org/{path.name}')
    verdict = assert_same(doc, taken)
    if fastxml.ENABLED and path.name in FAST_FIXTURES:
        assert verdict is True, 'expected the fast path to read this one'


@pytest.fixture(scope='module')
def corpus(tmp_path_factory):
    sys.path.insert(0, str(ROOT / 'benchmarks'))
    try:
        import make_corpus
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp('corpus')
    make_corpus.generate(out, articles=2000, seed=7, feeds=40)
    return sorted((out / 'feeds').iterdir())


def test_generated_corpus_equal(corpus, taken):
    xml = [p for p in corpus if p.suffix != '.json']
    assert len(xml) >= 20
    verdicts = [assert_same(make_doc(p.read_bytes(), f'https://x.example/{p.name}'),
                            taken) for p in xml]
    if fastxml.ENABLED:
        assert all(verdicts)


def test_random_documents_equal(taken):
    """Random documents built from feedparser's special cases (see
    feedgen.py); most must take the fast path, all must agree."""
    verdicts = []
    for seed in range(400):
        headers = {'Content-Language': 'en-GB'} if seed % 7 == 0 else {}
        doc = make_doc(Gen(seed).doc().encode('utf-8'), headers=headers)
        verdicts.append(assert_same(doc, taken))
    if fastxml.ENABLED:
        assert sum(verdicts) >= 0.7 * len(verdicts)


# ------------------------------------------------------ feedparser's quirks

NSD = ('xmlns:dc="http://purl.org/dc/elements/1.1/" '
       'xmlns:media="http://search.yahoo.com/mrss/" '
       'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
       'xmlns:georss="http://www.georss.org/georss"')


def rss_ns(items, channel='<title>T</title>'):
    return rss(items, channel).replace('<rss version="2.0">',
                                       f'<rss version="2.0" {NSD}>')


def atom(entries, root_attrs='xml:lang="en"'):
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
            f'{root_attrs}><title>F</title>{entries}</feed>')


def fields(entry):
    return {f: getattr(entry, f) for f in (
        'guid', 'link', 'title', 'summary', 'content', 'author',
        'published_raw', 'updated_raw', 'language')
        if getattr(entry, f) is not None}


QUIRKS = {
    # a guid is the link only if isPermaLink is absent or exactly "true"
    'guid permalink': (rss_ns(
        '<item><guid>https://x.example/1</guid></item>'
        '<item><guid isPermaLink="True">https://x.example/2</guid></item>'
        '<item><guid isPermaLink="false">https://x.example/3</guid></item>'), [
        {'guid': 'https://x.example/1', 'link': 'https://x.example/1'},
        {'guid': 'https://x.example/2'}, {'guid': 'https://x.example/3'}]),
    # the first non-empty title wins; a deeper one only if it came first
    'titles': (rss_ns(
        '<item><title>One</title><title>Two</title></item>'
        '<item><media:title>M</media:title><title>Item</title></item>'
        '<item><title></title><title>Second</title></item>'), [
        {'title': 'One'}, {'title': 'Item'}, {'title': 'Second'}]),
    # a second description (here also a photo caption) becomes content
    'second description': (rss_ns(
        '<item><description>D1</description><description>D2 longer'
        '</description></item><item><description>D</description>'
        '<media:content url="u"><media:description>M</media:description>'
        '</media:content></item>'), [
        {'summary': 'D1', 'content': 'D2 longer'},
        {'summary': 'D', 'content': 'M'}]),
    # "name (email)"; a second author's detail leaks into the first's
    'atom authors': (atom(
        '<entry><id>tag:x,1</id><author><name>N</name>'
        '<email>n@x.example</email></author></entry>'
        '<entry><author><name>A</name></author>'
        '<author><email>b@x.example</email></author></entry>'), [
        {'guid': 'tag:x,1', 'link': 'tag:x,1', 'author': 'N (n@x.example)'},
        {'author': 'A (b@x.example)'}]),
    # an Atom id is the link unless an alternate link is given
    'atom id as link': (atom(
        '<entry><id>https://x.example/id</id><link rel="related" '
        'href="https://x.example/rel"/></entry>'
        '<entry><link href="https://x.example/alt"/><id>i</id></entry>'), [
        {'guid': 'https://x.example/id', 'link': 'https://x.example/id'},
        {'guid': 'i', 'link': 'https://x.example/alt'}]),
    # Windows-1252 references mapped; mixed mojibake left alone
    'cp1252 and mojibake': (rss_ns(
        '<item><title>caf\u00c3\u00a9 \u00e2\u20ac\u2122 &#150; x</title>'
        '<description>caf\u00c3\u00a9</description></item>'), [
        {'title': 'caf\u00c3\u00a9 \u00e2\u20ac\u2122 \u2013 x',
         'summary': 'caf\u00e9'}]),
    # '&amp;' and ';' after a name dropped in links; ':///' fixed
    'link text': (rss_ns(
        '<item><link>https://x.example/?a=1&amp;amp;b=2&amp;c;</link>'
        '<guid>http:///x.example/g</guid></item>'), [
        {'guid': 'http://x.example/g', 'link': 'https://x.example/?a=1&b=2&c'}]),
    # an unknown <date> is stored as the update date; dc:date wins over it
    'unknown date': (rss_ns(
        '<item><date>2025-01-01</date><dc:date>2025-02-02</dc:date></item>'
        '<item><date>2025-01-01</date></item>'), [
        {'updated_raw': '2025-02-02'}, {'updated_raw': '2025-01-01'}]),
    'xml:base': (atom('<entry><id>rel/1</id><link href="a/2"/></entry>',
                      'xml:lang="en" xml:base="https://base.example/d/"'), [
        {'guid': 'https://base.example/d/rel/1',
         'link': 'https://base.example/d/a/2'}]),
    'atom languages': (atom(
        '<entry xml:lang="fr"><title>t</title></entry>'
        '<entry><content xml:lang="de" type="html">c</content></entry>'
        '<entry><summary>s</summary><content type="html">s</content></entry>'), [
        {'title': 't', 'language': 'fr'}, {'content': 'c', 'language': 'de'},
        {'content': 's'}]),  # the summary feedparser copied is dropped
    # XHTML: the inner markup of a lone <div>, written back as feedparser
    # writes it (attribute names lower-cased, <br/> as <br></br>)
    'atom xhtml': (atom(
        '<entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/'
        'xhtml"><p CLASS="x">a &amp; <br/>b</p></div></content></entry>'
        '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        'a</div><div xmlns="http://www.w3.org/1999/xhtml">b</div></title>'
        '</entry>'), [
        {'content': '<p class="x">a &amp; <br></br>b</p>'},
        {'title': '<div>a</div><div>b</div>'}]),
    # an element inside escaped-HTML text turns it into XHTML from there on
    'inline markup': (rss_ns(
        '<item><description>a &amp; b <b>bold</b> &amp; c</description></item>'), [
        {'summary': 'a & b <b>bold</b> &amp; c'}]),
    'georss and itunes': (rss_ns(
        '<item><title>A</title><georss:point>45.1 -71.2</georss:point></item>'), [
        {'title': 'A'}]),
}


@needs_fast
@pytest.mark.parametrize('name', list(QUIRKS))
def test_quirk(name, taken):
    body, expected = QUIRKS[name]
    doc = make_doc(body)
    assert assert_same(doc, taken) is True
    assert [fields(e) for e in parse_document(doc).entries] == expected


def test_content_language_header_and_rdf(taken):
    body = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
            '02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel '
            'rdf:about="https://x.example/"><title>R</title><link>https://x.'
            'example/</link></channel><item rdf:about="https://x.example/1">'
            '<title>One</title><link>https://x.example/1</link></item></rdf:RDF>')
    doc = make_doc(body, headers={'Content-Language': 'en_GB'})
    verdict = assert_same(doc, taken)
    p = parse_document(doc)
    assert (p.feed.format, p.feed.language) == ('rss10', 'en-GB')
    assert fields(p.entries[0]) == {'guid': 'https://x.example/1',
                                    'link': 'https://x.example/1', 'title': 'One'}
    assert verdict is fastxml.ENABLED


# ------------------------------------------------------------- fallbacks

FALLBACKS = {
    'not well-formed': rss('<item><title>A &nbsp; B</title></item>'),
    'div in escaped html': rss('<item><description>a <div>b</div></description>'
                               '</item>'),
    'elements in xml content': atom('<entry><content type="text/xml"><x>1</x>'
                                    '</content></entry>'),
    'svg': atom('<entry><content type="xhtml"><div xmlns="http://www.w3.org/'
                '1999/xhtml"><svg/></div></content></entry>'),
    'base64 content': atom('<entry><content type="image/png">aGVsbG8=</content>'
                           '</entry>'),
    'atom 0.3': ('<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.'
                 'org/atom/ns#"><title>T</title><entry><title>A</title></entry>'
                 '</feed>'),
    'date feedparser fails on': rss('<item><pubDate>Fri, 2006/79/15 08:19:53 EDT'
                                    '</pubDate></item>'),
    'gml': rss_ns('<item><title>A</title></item>').replace(
        '<item>', '<item><georss:where><gml:Point xmlns:gml="http://www.'
        'opengis.net/gml"><gml:pos>45 -71</gml:pos></gml:Point></georss:where>'),
    'cdf': rss('<item href="https://x.example/cdf"><title>A</title></item>'),
    'prefix rebound': rss_ns('<item><x:a xmlns:x="urn:one">1</x:a>'
                             '<x:a xmlns:x="urn:two">2</x:a></item>'),
    'html page': '<html><head><title>No</title></head><body></body></html>',
}


@needs_fast
@pytest.mark.parametrize('name', list(FALLBACKS))
def test_falls_back_when_unsure(name, taken):
    assert assert_same(make_doc(FALLBACKS[name]), taken) is False


_NETSCAPE = ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
             '"http://my.netscape.com/publish/formats/rss-0.91.dtd">')


@pytest.mark.parametrize('after_declaration,after_doctype', [('\n', '\n'), ('', '')],
                         ids=['own line', 'declaration line'])
def test_netscape_doctype(taken, after_declaration, after_doctype):
    """feedparser drops a DOCTYPE that starts a line (and reads the
    Netscape one as RSS 0.91); the fast path does the same. One right after
    the declaration is put on a line of its own before either reads the
    document (it was kept, and the fast path fell back)."""
    body = ('<?xml version="1.0"?>' + after_declaration + _NETSCAPE + after_doctype +
            '<rss version="2.0"><channel><title>T</title><item><title>A</title>'
            '</item></channel></rss>')
    verdict = assert_same(make_doc(body), taken)
    assert parse_document(make_doc(body)).feed.format == 'rss091'
    assert verdict is fastxml.ENABLED


def test_off_for_other_feedparser_versions(monkeypatch):
    monkeypatch.setattr(fastxml, 'ENABLED', False)
    data = rss('<item><title>A</title></item>').encode('utf-8')
    assert fastxml.parse(data) is None
    assert parse_document(make_doc(data)).entries[0].title == 'A'


@needs_fast
def test_fast_path_result_shape():
    data = rss('<item><title>A</title><guid>g</guid></item>').encode('utf-8')
    result = fastxml.parse(data)
    assert result['version'] == 'rss20' and result['bozo'] is False
    assert result['feed']['title'] == 'T'
    assert [e['title'] for e in result['entries']] == ['A']
