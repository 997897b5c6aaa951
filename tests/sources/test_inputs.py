"""Expanding --input SRC: files, folders, globs, URLs, .txt lists, OPML."""
import pytest

from pipeline.sources.inputs import InputError, expand_inputs


@pytest.fixture
def tree(tmp_path):
    feeds = tmp_path / 'feeds'
    feeds.mkdir()
    for name in ('a.xml', 'b.rss', 'c.json', 'notes.md', '.hidden.xml'):
        (feeds / name).write_text('<rss/>')
    (feeds / 'sub').mkdir()
    (feeds / 'sub' / 'd.xml').write_text('<rss/>')
    return tmp_path


def _locations(sources):
    return [s.location for s in sources]


def test_folder_takes_feed_files_only(tree):
    got = _locations(expand_inputs([str(tree / 'feeds')]))
    assert [p.rsplit('/', 1)[1] for p in got] == ['a.xml', 'b.rss', 'c.json']


def test_glob_file_and_url_in_order_without_repeats(tree):
    got = _locations(expand_inputs([
        str(tree / 'feeds' / '*.xml'), str(tree / 'feeds' / 'a.xml'),
        'https://example.org/rss']))
    assert got == [str(tree / 'feeds' / 'a.xml'), 'https://example.org/rss']


def test_txt_list_relative_to_itself_with_comments(tree):
    (tree / 'list.txt').write_text(
        '# my feeds\nfeeds/a.xml\n\nhttps://example.org/feed#frag\nfeeds/sub  # nested folder\n')
    got = _locations(expand_inputs([str(tree / 'list.txt')]))
    assert got == [str(tree / 'feeds' / 'a.xml'), 'https://example.org/feed#frag',
                   str(tree / 'feeds' / 'sub' / 'd.xml')]


def test_opml_gives_urls_and_publisher_hints_config_wins(tree):
    (tree / 'subs.opml').write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="World"><outline text="Daily Courier" type="rss" '
        'xmlUrl="https://courier.example/rss"/>'
        '<outline title="Gulf Ledger" xmlUrl="https://ledger.example/atom"/></outline>'
        '</body></opml>')
    overrides = {'https://ledger.example/atom': (('publisher', 'The Gulf Ledger'),)}
    got = expand_inputs([str(tree / 'subs.opml')], lambda loc: overrides.get(loc, ()))
    assert [(s.location, s.option('publisher')) for s in got] == [
        ('https://courier.example/rss', 'Daily Courier'),
        ('https://ledger.example/atom', 'The Gulf Ledger')]


@pytest.mark.parametrize('src, message', [
    ('missing.xml', 'no such file'),
    ('feeds/*.nothing', 'matches no files'),
    ('empty', 'holds no feed files'),
])
def test_unusable_inputs_are_one_line_errors(tree, src, message):
    (tree / 'empty').mkdir()
    with pytest.raises(InputError, match=message):
        expand_inputs([str(tree / src)])


def test_opml_with_entities_is_refused(tree):
    (tree / 'bad.opml').write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<opml><body><outline xmlUrl="&x;"/></body></opml>')
    with pytest.raises(InputError, match='entity'):
        expand_inputs([str(tree / 'bad.opml')])
