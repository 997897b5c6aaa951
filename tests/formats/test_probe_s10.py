"""Feed documents -> entries, as the format probe found them read wrong:
bare '&', media captions taken for the body, literal angle brackets in
plain-text fields, the feed's author, several authors, truncated
documents."""
import pytest

from pipeline.formats import fastxml, parse_document
from pipeline.normalize.article import NormalizeSettings, normalize_article

from .helpers import make_doc, rss

SETTINGS = NormalizeSettings()


def parsed(body, fast=True, **kw):
    return parse_document(make_doc(body, **kw), fast=fast)


def both(body, **kw):
    """The document read by the fast path and by feedparser alone: the
    same ParsedFeed."""
    fast, slow = parsed(body, True, **kw), parsed(body, False, **kw)
    assert fast == slow
    return fast


def article(entry) -> dict:
    return normalize_article(entry, entry.feed, SETTINGS)


# ------------------------------------------------------ 1. bare ampersands

BARE = rss(
    '<item><title>Q&A: Tariffs & what they mean for retailers</title>'
    '<link>https://trade.example/article.php?id=881&cat=trade</link>'
    '<guid>https://trade.example/article.php?id=881&cat=trade</guid>'
    '<description>P&G will raise prices; AT&T and other S&P 500 firms '
    'may follow.</description></item>',
    channel='<title>Smith & Sons</title>')


def test_bare_ampersands_are_read_as_ampersands():
    p = both(BARE)
    (e,) = p.entries
    assert e.title == 'Q&A: Tariffs & what they mean for retailers'
    assert e.summary == 'P&G will raise prices; AT&T and other S&P 500 firms may follow.'
    assert e.link == 'https://trade.example/article.php?id=881&cat=trade'
    assert p.feed.title == 'Smith & Sons'
    row = article(e)
    assert row['title'] == 'Q&A: Tariffs & what they mean for retailers'
    assert 'P&G will raise prices; AT&T and other S&P 500 firms' in row['body']


def test_bare_ampersand_warning_keeps_the_parsers_error():
    (warning,) = parsed(BARE).warnings
    assert warning.startswith('bozo: SAXParseException')
    assert 'not well-formed (invalid token)' in warning
    assert "8 bare '&' read as '&amp;'" in warning


def test_real_references_still_work_next_to_bare_ampersands():
    body = rss('<item><title>Tom &amp; Jerry &#38; Bros &#x26; Co, Q&A</title>'
               '<description>&lt;p&gt;B&amp;amp;B &amp;#8212; AT&amp;T&lt;/p&gt; '
               '&amp; more</description><guid>g</guid></item>')
    (e,) = both(body).entries
    assert e.title == 'Tom & Jerry & Bros & Co, Q&A'
    row = article(e)
    assert row['title'] == 'Tom & Jerry & Bros & Co, Q&A'
    assert row['body'] == 'B&B \u2014 AT&T\n& more'


def test_html_entities_still_work_next_to_bare_ampersands():
    # no DTD: &eacute; and &nbsp; are undefined in XML, feedparser's loose
    # parser reads them; the bare '&' must not come out as 'Q&A;'
    body = rss('<item><title>Caf&eacute; Q&A</title>'
               '<description>B&amp;B&nbsp;&mdash; S&P 500</description>'
               '<guid>g</guid></item>')
    p = parsed(body)
    (e,) = p.entries
    assert e.title == 'Caf\u00e9 Q&A'
    assert article(e)['body'] == 'B&B \u2014 S&P 500'
    assert "xml: 2 bare '&' read as '&amp;'" in p.warnings


def test_html_entities_with_the_netscape_doctype_and_a_bare_ampersand():
    body = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
            '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
            ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
            '<rss version="0.91"><channel><title>T</title><link>http://t.example/</link>\n'
            '<item><title>Caf&eacute; Q&A</title><link>http://t.example/a</link>'
            '<description>year&nbsp;&mdash; AT&T</description></item>\n'
            '</channel></rss>').encode('latin-1')
    (e,) = parsed(body).entries
    assert e.title == 'Caf\u00e9 Q&A'
    assert article(e)['body'] == 'year \u2014 AT&T'


def test_cdata_comments_and_instructions_keep_their_ampersands():
    body = rss('<!-- a & b --><item><title>Q&A</title><description><![CDATA['
               '<a href="https://x.example/?a=1&b=2">S&P</a> &amp;]]></description>'
               '<guid>g</guid></item>')
    (e,) = both(body).entries
    assert e.title == 'Q&A'
    assert e.summary == '<a href="https://x.example/?a=1&b=2">S&P</a> &amp;'


def test_escape_bare_ampersands_unit():
    from pipeline.formats.safety import escape_bare_ampersands
    assert escape_bare_ampersands('<a>&amp; &#38; &#x26; &eacute; &a.b-c:d;</a>') \
        == ('<a>&amp; &#38; &#x26; &eacute; &a.b-c:d;</a>', 0, -1)
    text = '<a>Q&A <![CDATA[&]]> <!-- & --> <?pi & ?> && &#; &#x; &1;</a>'
    out, n, first = escape_bare_ampersands(text)
    assert out == ('<a>Q&amp;A <![CDATA[&]]> <!-- & --> <?pi & ?> &amp;&amp; '
                   '&amp;#; &amp;#x; &amp;1;</a>')
    assert (n, first) == (6, 4)
    # only inside CDATA: nothing to do, and the same object back
    text = '<a><![CDATA[a & b]]></a>'
    assert escape_bare_ampersands(text)[0] is text
    # an unterminated CDATA section (a cut document) protects to the end
    assert escape_bare_ampersands('<a>&<![CDATA[ & ')[0] == '<a>&amp;<![CDATA[ & '


def test_well_formed_document_without_bare_ampersands_is_untouched():
    body = rss('<item><title>A &amp; B</title><guid>g</guid></item>')
    p = parsed(body)
    assert p.warnings == ()
    assert p.entries[0].title == 'A & B'


# --------------------------------------------------------- 5. several authors

DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'


def rss_dc(items: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" {DC}>'
            f'<channel><title>T</title>{items}</channel></rss>')


def atom(entries: str, feed: str = '') -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.'
            f'w3.org/2005/Atom"><title>F</title><id>urn:f</id>{feed}{entries}</feed>')


def test_rss_several_dc_creators_are_all_kept():
    body = rss_dc('<item><title>Governor signs water bill</title><guid>g1</guid>'
                  '<dc:creator>Amy Chen</dc:creator><dc:creator>Luis Ortega</dc:creator>'
                  '</item>')
    (e,) = both(body).entries
    assert e.author == 'Amy Chen, Luis Ortega'
    assert article(e)['byline'] == 'Amy Chen, Luis Ortega'


def test_several_authors_in_a_document_feedparser_reads_loosely():
    body = rss_dc('<item><title>Q&A &nbsp;</title><guid>g1</guid>'
                  '<dc:creator>Amy Chen</dc:creator><dc:creator>Luis Ortega</dc:creator>'
                  '</item>')
    (e,) = parsed(body).entries
    assert e.author == 'Amy Chen, Luis Ortega'


def test_atom_several_authors_are_all_kept():
    body = atom('<entry><id>urn:1</id><title>A</title>'
                '<author><name>Amy Chen</name><email>amy@x.example</email></author>'
                '<author><name>Luis Ortega</name></author></entry>')
    (e,) = both(body).entries
    assert e.author == 'Amy Chen, Luis Ortega'


def test_one_author_named_twice_or_once_stays_as_it_was():
    body = rss_dc(
        '<item><title>A</title><guid>g1</guid>'
        '<author>desk@x.example (Alan Hart)</author><dc:creator>Alan Hart</dc:creator></item>'
        '<item><title>B</title><guid>g2</guid>'
        '<author>desk@x.example (Alan Hart)</author></item>'
        '<item><title>C</title><guid>g3</guid>'
        '<author>desk@metrobiz.com (Alan Hart)</author><dc:creator>Alan Hart</dc:creator>'
        '<dc:creator>Alan  Hart</dc:creator></item>')
    a, b, d = both(body).entries
    assert a.author == 'Alan Hart'
    assert b.author == 'desk@x.example (Alan Hart)'
    assert d.author == 'Alan  Hart'
    # feedparser's quirk: a second author with only an email joins the first
    (c,) = both(atom('<entry><id>urn:1</id><author><name>A</name></author>'
                     '<author><email>b@x.example</email></author></entry>')).entries
    assert c.author == 'A (b@x.example)'


# ------------------------------------------------------ 6. truncated documents

THREE = rss(''.join(
    f'<item><title>Story {n}</title><link>https://x.example/{n}</link>'
    f'<guid>g{n}</guid><pubDate>Mon, 17 Mar 2025 0{n}:00:00 +0000</pubDate>'
    f'<description><![CDATA[<p>Body {n} &amp; more.</p>]]></description></item>\n'
    for n in (1, 2, 3)), channel='<title>Eastern Daily Post</title>')


def cut_at(marker: str, extra: int = 0, doc: str = THREE) -> str:
    return doc[:doc.index(marker) + extra]


@pytest.mark.parametrize('cut', [
    cut_at('https://x.example/3', 12),          # inside the link's text
    cut_at('<item><title>Story 3', 6),          # right after the start tag
    cut_at('<item><title>Story 3', 7),          # inside the title's start tag
    cut_at('<p>Body 3', 5),                     # inside a CDATA section
    cut_at('</description></item>\n</channel>', 14),  # only </item> missing
    cut_at('</description></item>\n</channel>', 19),  # '</ite'
])
def test_the_entry_a_cut_interrupted_goes_to_quarantine(cut):
    p = parsed(cut)
    assert [e.title for e in p.entries] == ['Story 1', 'Story 2']
    assert [e.position for e in p.entries] == [0, 1]
    (r,) = p.rejections
    assert (r.stage, r.reason) == ('parse', 'truncated')
    assert r.entry_key == 'https://feeds.example.org/feed#2'
    assert r.detail.startswith('the document ends inside this entry (SAXParseException')
    assert r.excerpt.startswith('<item') and len(r.excerpt) <= 500
    assert p.warnings and p.warnings[-1].startswith('bozo: ')


def test_a_cut_between_entries_or_after_the_last_rejects_none():
    for cut, count in ((cut_at('<item><title>Story 3'), 2),
                       (cut_at('<item><title>Story 3', 3), 2),  # '<it'
                       (cut_at('<item><title>Story 3', 5), 2),  # '<item'
                       (cut_at('</channel>'), 3),
                       (cut_at('</channel>', 10), 3)):
        p = parsed(cut)
        assert p.rejections == ()
        assert [e.title for e in p.entries] == ['Story 1', 'Story 2', 'Story 3'][:count]


def test_atom_entry_cut():
    body = atom(''.join(f'<entry><id>urn:{n}</id><title>E{n}</title>'
                        f'<content type="html">&lt;p&gt;c{n}&lt;/p&gt;</content>'
                        f'</entry>' for n in (1, 2)))
    p = parsed(cut_at('&lt;p&gt;c2', 8, body))
    assert [e.title for e in p.entries] == ['E1']
    assert [(r.reason, r.entry_key) for r in p.rejections] == [
        ('truncated', 'https://feeds.example.org/feed#1')]


def test_the_only_entry_cut_leaves_none_and_one_rejection():
    p = parsed(cut_at('https://x.example/1', 5))
    assert p.entries == ()
    assert [r.entry_key for r in p.rejections] == ['https://feeds.example.org/feed#0']


def test_a_damaged_but_whole_document_rejects_nothing():
    p = parsed(rss('<item><title>A &nbsp; B</title><guid>a</guid></item>'
                   '<item><title>C</title><guid>c</guid></item>'))
    assert [e.guid for e in p.entries] == ['a', 'c'] and p.rejections == ()


@pytest.mark.skipif(not fastxml.ENABLED, reason='fast path off')
def test_bare_ampersands_document_is_read_by_the_fast_path(monkeypatch):
    from pipeline.formats import feed as feed_module
    seen = []
    original = fastxml.parse

    def recording(data, *args):
        result = original(data, *args)
        seen.append((b'Q&amp;A' in data, result is not None))
        return result
    monkeypatch.setattr(feed_module.fastxml, 'parse', recording)
    parsed(BARE)
    # the document as it came fails; escaped, the fast path reads it
    assert seen == [(False, False), (True, True)]


@pytest.mark.parametrize('prolog', [
    '<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE rss PUBLIC "-//Netscape '
    'Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
    '"http://my.netscape.com/publish/formats/rss-0.91.dtd">',
])
def test_html_entities_with_the_netscape_doctype_on_the_declarations_line(prolog):
    """A DOCTYPE on the first line, after the declaration or alone: the
    reader skipped the entities its external DTD names ('Caf owner')."""
    body = (prolog + '<rss version="0.91"><channel><title>T</title>'
            '<link>http://t.example/</link><item><title>Caf&eacute; owner</title>'
            '<link>http://t.example/a</link><description>x&nbsp;y &mdash; z</description>'
            '</item></channel></rss>').encode('latin-1')
    (e,) = both(body).entries
    assert (e.title, e.summary) == ('Caf\u00e9 owner', 'x\u00a0y \u2014 z')
