"""Hostile and broken inputs, run through the real command line: each
must end as articles or quarantine rows that add up in the run report,
never as a failed run, a traceback or a lost entry."""
import json
import os
import shutil

import pyarrow.dataset as ds
import pytest

from pipeline.cli import main
from pipeline.formats.safety import clean_json_value, clean_xml_text

ADVERSARIAL = os.path.join(os.path.dirname(__file__), 'fixtures', 'adversarial')


def _run(inputs, out, run_id='X', extra=()):
    return main(['run', '--input', *[str(i) for i in inputs], '--output', str(out),
                 '--run-id', run_id, '--quiet', *extra])


def _report(out, run_id='X'):
    with open(os.path.join(out, '_runs', f'{run_id}.json')) as f:
        return json.load(f)


def _table(out, name):
    path = os.path.join(out, name)
    if not os.path.isdir(path):
        return []
    return ds.dataset(path, format='parquet', partitioning='hive').to_table().to_pylist()


def _copy(tmp_path, *names):
    folder = tmp_path / 'feeds'
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(os.path.join(ADVERSARIAL, name), folder / name)
    return folder


def _forbidden(text):
    return any((ord(c) < 0x20 and c not in '\t\n\r') or 0xD800 <= ord(c) <= 0xDFFF
               for c in text or '')


# ------------------------------------------- forbidden characters in text

def test_clean_xml_text_drops_controls_and_neutralizes_bad_references():
    text = 'a\x00b\x0bc &#1;&#x1F;&#11; &#xD800;&#55296;&#x110000;&#99999999999999999999; ' \
           '&#9;&#10;&#13;&#39;&#8217;&#x2019;&#x10FFFF;&#57344;'
    for body, enc in ((text.encode('utf-8'), 'utf-8'),
                      (text.encode('utf-16-le'), 'utf-16-le'), (None, '')):
        cleaned, warning = clean_xml_text(text, body, enc)
        assert cleaned == ('ab c   &#xFFFD;&#xFFFD;&#xFFFD;&#xFFFD; '
                           '&#9;&#10;&#13;&#39;&#8217;&#x2019;&#x10FFFF;&#57344;')
        assert warning and '9 forbidden' in warning[0]
    clean = '<rss>&#8217; fine &#x2019;</rss>'
    assert clean_xml_text(clean, clean.encode(), 'utf-8') == (clean, ())


def test_clean_json_value_walks_only_documents_that_need_it():
    value = {'k\ud800': ['x\x00y', {'n': 'v\udfff'}, 5, None, 'emoji \U0001F680']}
    assert clean_json_value('"\\ud800"', value) == (
        {'k\ufffd': ['xy', {'n': 'v\ufffd'}, 5, None, 'emoji \U0001F680']},
        ('text: 3 forbidden character(s) dropped or replaced (C0 controls, '
         'lone surrogates, references beyond U+10FFFF)',))
    assert clean_json_value('{"a": "\\u00e9"}', value)[0] is value   # not walked


def test_forbidden_characters_cost_the_character_not_the_feed_or_the_run(tmp_path):
    """A lone surrogate from a JSON escape used to fail the whole run at
    the commit (UTF-8 cannot encode it); an invalid character reference
    (&#xD800;, &#x110000;) made feedparser reject the whole feed, and so
    did one raw control character in a JSON string."""
    feeds = _copy(tmp_path, 'control_chars.xml', 'jsonfeed_surrogates.json',
                  'jsonfeed_raw_controls.json')
    out = tmp_path / 'out'
    assert _run([feeds], out) == 0
    report = _report(out)
    assert report['feeds_failed'] == 0
    assert report['entries_read'] == 3 + 3 + 4
    assert report['articles_written'] == 9
    assert report['quarantined_entries'] == 1     # the JSON item that is a string
    assert report['accounted']
    assert all(f['status'] == 'warning' and 'forbidden character' in f['detail']
               for f in report['feeds'])
    articles = _table(out, 'articles')
    assert len(articles) == 9
    for row in articles:
        for column in ('title', 'body', 'summary', 'guid', 'byline', 'publisher'):
            assert not _forbidden(row[column]), (column, row[column])
    titles = {r['title'] for r in articles}
    assert 'A lone \ufffd surrogate in a title' in titles
    assert 'A pair \U0001F680 is an emoji' in titles
    assert 'A rawcontrol' in titles
    body = next(r['body'] for r in articles if r['guid'] == 'https://controls.example.org/2')
    assert '\ufffd \ufffd \ufffd \ufffd' in body and '\u2019 \u2019' in body
    # NaN ids name nothing: the two items stay two articles
    assert {r['title'] for r in articles if r['guid'] is None} >= {'NaN id one', 'NaN id two'}
    quarantine = _table(out, 'quarantine')
    assert len(quarantine) == 1 and not _forbidden(quarantine[0]['excerpt'])


# ------------------------------------------------------------ the output

@pytest.mark.parametrize('where', ['file', 'under_file'])
def test_output_that_cannot_be_a_folder_is_one_line_exit_2(where, tmp_path, capsys):
    """It used to fail the run with a traceback at the first staged file."""
    regular = tmp_path / 'regular'
    regular.write_text('not a folder')
    out = regular if where == 'file' else regular / 'sub'
    feeds = _copy(tmp_path, 'control_chars.xml')
    assert _run([feeds], out) == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'Traceback' not in err
    assert err.startswith(f'wirefeed: error: output {out}: ')
    assert regular.read_text() == 'not a folder'


# ------------------------------------------------------------ the config

def test_unknown_beam_option_in_the_config_is_an_error(tmp_path, capsys):
    """Unknown keys are errors, and so is a misspelt option under "beam:"
    (Beam itself only logged 'Unparseable argument' and ran on)."""
    config = tmp_path / 'wirefeed.yaml'
    config.write_text('beam: {direct_num_workrs: 2}\n')
    feeds = _copy(tmp_path, 'control_chars.xml')
    out = tmp_path / 'out'
    assert _run([feeds], out, extra=['--config', str(config)]) == 2
    err = capsys.readouterr().err
    assert err == (f'wirefeed: error: config {config}: beam: unknown option '
                   f'--direct_num_workrs\n')
    assert not out.exists()


# ------------------------------------------------------------ the inputs

def test_opml_local_paths_are_relative_to_the_opml_file(tmp_path, monkeypatch, capsys):
    """An OPML xmlUrl that is a relative path was read relative to the
    working directory (a .txt list's lines are relative to the list), so
    the feed failed at run time as 'read error'; a missing one now stops
    the run like a missing line of a list."""
    from pipeline.sources.inputs import expand_inputs
    feeds = _copy(tmp_path, 'control_chars.xml')
    lists = tmp_path / 'lists'
    lists.mkdir()
    (lists / 'subs.opml').write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Controls" xmlUrl="../feeds/control_chars.xml"/>'
        '<outline text="Folder"><outline title="All" xmlUrl="../feeds"/></outline>'
        '<outline text="Remote" xmlUrl="https://remote.example/rss"/>'
        '</body></opml>')
    monkeypatch.chdir(tmp_path / 'feeds')   # anywhere but the OPML's folder
    got = expand_inputs([str(lists / 'subs.opml')])
    assert [(s.location if '://' in s.location else os.path.normpath(s.location),
             s.option('publisher')) for s in got] == [
        (str(feeds / 'control_chars.xml'), 'Controls'),
        ('https://remote.example/rss', 'Remote')]   # the folder repeats the file
    (lists / 'missing.opml').write_text(
        '<opml><body><outline text="Gone" xmlUrl="gone.xml"/></body></opml>')
    assert _run([lists / 'missing.opml'], tmp_path / 'out') == 2
    assert capsys.readouterr().err == (
        f'wirefeed: error: input {lists / "gone.xml"}: no such file, folder or URL\n')


def test_gzip_feed_file_under_a_plain_name_is_read_within_the_cap(tmp_path):
    """A feed saved gzip-compressed as feed.xml was quarantined as 'not a
    feed' (an XML syntax error at byte 1)."""
    import gzip

    from pipeline.formats import parse_document
    from pipeline.model import FeedSource
    from pipeline.sources.files import FileReadFailed, read_feed_file
    with open(os.path.join(ADVERSARIAL, 'control_chars.xml'), 'rb') as f:
        plain = f.read()
    cases = {'feed.xml': gzip.compress(plain),
             'two_members.xml': gzip.compress(plain[:100]) + gzip.compress(plain[100:]),
             'bomb.xml': gzip.compress(b'<rss>' + b' ' * 5_000_000),
             'truncated.xml': gzip.compress(plain)[:-20],
             'corrupt.xml': b'\x1f\x8b' + b'\x00' * 40}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    for name in ('feed.xml', 'two_members.xml'):
        doc = read_feed_file(FeedSource(str(tmp_path / name)), 1_000_000)
        assert doc.body == plain
        assert len(parse_document(doc).entries) == 3
    for name, reason in (('bomb.xml', 'too large'), ('truncated.xml', 'read error'),
                         ('corrupt.xml', 'read error')):
        with pytest.raises(FileReadFailed) as err:
            read_feed_file(FeedSource(str(tmp_path / name)), 1_000_000)
        assert err.value.reason == reason, name
