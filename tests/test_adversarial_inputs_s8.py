"""More hostile and odd feed files, run through the real command line
(see test_adversarial_inputs.py): each must end as articles or
quarantine rows that add up in the run report, never as a failed run, a
traceback or an entry feedparser finds that the run loses."""
import io
import os

import feedparser
from test_adversarial_inputs import _report, _run, _table  # the same run helpers

RSS_ITEM = ('<item><title>{title}</title><link>https://odd.example.org/{n}</link>'
            '<guid isPermaLink="false">odd-{n}</guid>'
            '<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>'
            '<description>BEIRUT (Reuters) - Odd story number {n} happened.</description></item>')


def _item(n, title=None):
    return RSS_ITEM.format(n=n, title=title or f'Odd story {n}')


def _write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode('utf-8'))
    return folder


def _feeds_by_name(report):
    return {os.path.basename(f['source']): f for f in report['feeds']}


def test_undefined_entity_after_an_external_doctype_costs_nothing(tmp_path, capsys):
    """A feed (or an XHTML page) with an external DOCTYPE and an undeclared
    &nbsp; failed the whole run: the fast XML path's parser queued
    expat's 'undefined entity' error and raised it outside its guard."""
    doctype = ('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//W3C//ENTITIES Latin 1 '
               'for XHTML//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">')
    feeds = _write(tmp_path / 'feeds', {
        'doctype_nbsp.xml': doctype + '<rss version="2.0"><channel><title>D</title>'
                            + _item(1, 'A&nbsp;B') + _item(2) + '</channel></rss>',
        'xhtml_page.xml': '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML '
                          '1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
                          '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Oops'
                          '</title></head><body>&nbsp;</body></html>',
        'plain.xml': '<rss version="2.0"><channel><title>P</title>' + _item(3)
                     + '</channel></rss>'})
    out = tmp_path / 'out'
    assert _run([feeds], out) == 0
    assert 'Traceback' not in capsys.readouterr().err
    report = _report(out)
    assert report['accounted'] and report['entries_read'] == 3
    assert report['articles_written'] == 3
    feeds_ = _feeds_by_name(report)
    assert feeds_['doctype_nbsp.xml']['entries'] == 2
    assert feeds_['xhtml_page.xml']['status'] == 'failed'
    assert feeds_['xhtml_page.xml']['reason'] == 'not a feed'
    assert "HTML page (title: 'Oops')" in feeds_['xhtml_page.xml']['detail']


def test_a_parser_exception_fails_that_feed_not_the_run(tmp_path, monkeypatch, capsys):
    """Any exception a parser raises that is not a verdict on the document
    (a bug) is the feed's 'parse error' with the exception, and the
    other feeds are read."""
    import pipeline.stages as stages
    real = stages.parse_document

    def buggy(doc):
        if doc.source.location.endswith('bad.xml'):
            raise KeyError('a parser bug')
        return real(doc)
    monkeypatch.setattr(stages, 'parse_document', buggy)
    feeds = _write(tmp_path / 'feeds', {
        name: '<rss version="2.0"><channel><title>T</title>' + _item(n) + '</channel></rss>'
        for n, name in enumerate(('bad.xml', 'good.xml'))})
    out = tmp_path / 'out'
    assert _run([feeds], out) == 0
    assert 'Traceback' not in capsys.readouterr().err
    report = _report(out)
    bad = _feeds_by_name(report)['bad.xml']
    assert (bad['status'], bad['reason']) == ('failed', 'parse error')
    assert bad['detail'] == "parser failed: KeyError: 'a parser bug'"
    assert report['articles_written'] == 1 and report['accounted']
    quarantine = _table(out, 'quarantine')
    assert [(q['stage'], q['reason']) for q in quarantine] == [('parse', 'parse error')]


def test_items_without_a_feed_version_are_read_not_rejected(tmp_path):
    """feedparser reads entries from documents whose root it gives no
    version (a CDF <CHANNEL>, a bare <channel>, <item> elements with no
    <rss> around them); they were rejected as 'not a feed', every entry
    lost. An HTML page stays 'not a feed'."""
    files = {
        'cdf.xml': '<?xml version="1.0"?><CHANNEL HREF="https://odd.example.org/">'
                   '<TITLE>CDF</TITLE><ITEM HREF="https://odd.example.org/c1">'
                   '<TITLE>CDF item</TITLE><ABSTRACT>An abstract.</ABSTRACT></ITEM></CHANNEL>',
        'channel_root.xml': '<channel><title>C</title>' + _item(1) + _item(2) + '</channel>',
        'bare_items.xml': _item(3) + _item(4) + _item(5),
        'html.xml': '<!DOCTYPE html><html><head><title>Home</title></head><body>'
                    '<item>not an entry</item></body></html>'}
    feeds = _write(tmp_path / 'feeds', files)
    expected = {name: len(feedparser.parse(io.BytesIO(data.encode())).entries)
                for name, data in files.items()}
    assert expected == {'cdf.xml': 1, 'channel_root.xml': 2, 'bare_items.xml': 3,
                        'html.xml': 0}
    out = tmp_path / 'out'
    assert _run([feeds], out) == 0
    report = _report(out)
    feeds_ = _feeds_by_name(report)
    for name in ('cdf.xml', 'channel_root.xml', 'bare_items.xml'):
        assert feeds_[name]['entries'] == expected[name], name
        assert feeds_[name]['status'] == 'warning'
        assert feeds_[name]['format'] == 'rss20'
        assert 'no RSS or Atom version' in feeds_[name]['detail']
    assert feeds_['html.xml']['reason'] == 'not a feed'
    assert report['accounted'] and report['entries_read'] == 6
    titles = {r['title'] for r in _table(out, 'articles')}
    assert {'CDF item', 'Odd story 1', 'Odd story 5'} <= titles


def test_an_ebcdic_feed_is_decoded_in_the_code_page_it_declares(tmp_path):
    """An EBCDIC document was read as UTF-8/Windows-1252 and rejected;
    feedparser reads it (its own test corpus has EBCDIC feeds)."""
    def feed(encoding, title):
        return ('<?xml version="1.0" encoding="%s"?>\n<rss version="2.0"><channel>'
                '<title>%s</title>%s</channel></rss>' % (encoding, title, _item(7, title)))
    files = {'cp500.xml': feed('cp500', 'Café à Genève').encode('cp500'),
             'ibm1140.xml': feed('ibm1140', 'Prix 5 €').encode('cp1140'),
             'mislabeled.xml': feed('utf-8', 'Caf\u00e9').encode('cp037')}
    feeds = _write(tmp_path / 'feeds', files)
    out = tmp_path / 'out'
    assert _run([feeds], out) == 0
    report = _report(out)
    feeds_ = _feeds_by_name(report)
    assert {n: f['entries'] for n, f in feeds_.items()} == {n: 1 for n in files}
    assert feeds_['mislabeled.xml']['detail'] == (
        'encoding: declared utf-8 in an EBCDIC document; read as cp037')
    assert {f['title'] for f in feeds_.values()} == {'Café à Genève', 'Prix 5 €', 'Café'}
    assert report['accounted']


def test_items_with_no_guid_or_link_get_one_row_per_article(tmp_path):
    """Title-only items carry no guid or link: their text (within the
    feed's publisher, at their publication time) is their identity. Two of
    one text and one time are one article seen twice (one row, a repeat);
    one text at two times, or in two outlets' feeds, are two articles with
    two ids. (Before, the id was the text's alone while dedup ignored
    texts under 40 characters: two rows of one article_id.)"""
    def feed(title, items):
        return (f'<rss version="2.0"><channel><title>{title}</title>' + ''.join(
            f'<item><title>Markets close</title><pubDate>{d}</pubDate></item>'
            for d in items) + '</channel></rss>')
    same = 'Mon, 03 Mar 2025 10:00:00 GMT'
    feeds = _write(tmp_path / 'feeds', {
        'a.xml': feed('Outlet A', [same, same, 'Tue, 04 Mar 2025 10:00:00 GMT']),
        'b.xml': feed('Outlet B', [same]),
    })
    assert _run([feeds], tmp_path / 'out') == 0
    rows = _table(tmp_path / 'out', 'articles')
    ids = [r['article_id'] for r in rows]
    assert len(rows) == 3 and len(set(ids)) == 3
    assert sorted((r['publisher'], r['published_at'].day) for r in rows) == [
        ('Outlet A', 3), ('Outlet A', 4), ('Outlet B', 3)]
    report = _report(tmp_path / 'out')
    assert report['entries_read'] == 4
    assert report['articles_written'] == 3 and report['repeats'] == 1
