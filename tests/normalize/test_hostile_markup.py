"""Markup that never closes what it opens is stripped as before, without
the regex scans that made it quadratic.

A "<" with no ">" after it, a comment or a script that is never closed:
the old patterns tried each such start up to the end of the text, so a
truncated or hostile entry of 20,000 of them took half a second and one of
200,000 nearly a minute. ``_drop``, ``_escaped_tags`` and the cut at the
last ">" must find exactly what those patterns found; these tests compare
them with the patterns themselves on random markup built from the pieces
that matter (time is measured by ``bench_normalize.py --hostile``, not
here).
"""
import random
import re

import pytest

from pipeline.normalize import text as T

_REF_DROP = re.compile(r'<(script|style|noscript|iframe|svg)\b.*?</\1\s*>|<!--.*?-->',
                       re.I | re.S)
_REF_ESCAPED = re.compile(r'</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->', re.S)
_REF_BLOCK = re.compile(
    r'<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|'
    r'article|header|footer|figure|figcaption|pre|dd|dt|hr)\b[^>]*>', re.I)
# (a tag starts "<" and a letter, "/", "!" or "?": "a < b" is text)
_REF_TAG = re.compile(r'<[A-Za-z/!?][^>]*>')

_PIECES = ['<', '>', '<!--', '-->', '--', '<script>', '</script>', '</SCRIPT >',
           '<Style a="1">', '</style>', '<svg>', '</svg\n>', '<iframe src=x>',
           '</iframe>', '<noscript>', '</noscript>', '<scripts>', '</p>', '<p>',
           '<br/>', '<b>', '</b>', '<a href="x">', '</a>', '< p>', '<o:p>',
           '</', '/>', 'text', ' ', '\n', 'x', '&amp;', '"', '=']
# Letters re.I folds to ASCII ones: to the regex, "<\u017fcript>" starts a
# script, which only "</\u017fcript>" (its own letters, in either case)
# closes. (HTML's tag names are ASCII: the tag patterns proper do not fold
# these, so they are only in _drop's test.)
_FOLDED = ['<\u017fcript>', '</\u017fcript>', '</script>', '<SCR\u0130PT>',
           '<\u0131frame>', '</\u0131frame>', '</IFRAME>', '\u00e9', '\u2039']


def _random_markup(rng, n, pieces=_PIECES):
    return ''.join(rng.choice(pieces) for _ in range(n))


def _ref_strip_tags(markup):
    if re.search(r'<(?:!--|(?i:script|style|noscript|iframe|svg)\b)', markup):
        markup = _REF_DROP.sub(' ', markup)
    return _REF_TAG.sub('', _REF_BLOCK.sub('\n', markup))


@pytest.mark.parametrize('seed', range(4))
def test_drop_is_the_regex_substitution(seed):
    rng = random.Random(seed)
    for _ in range(3000):
        markup = _random_markup(rng, rng.randint(0, 30), _PIECES + _FOLDED)
        assert T._drop(markup) == _REF_DROP.sub(' ', markup), markup


@pytest.mark.parametrize('markup', [
    '<script>x</script>\u2039\u017fcript>y</script>',
    '<p>a</p>\u2039\u017ftyle>b</style>z', '<!-- c -->\u2039\u017fvg>q</svg>',
    '\u2039\u0131frame>x</iframe><!-- -->', '<script>a</script>\u2039SCR\u0130PT>',
    '<p>a</p><\u017fcript>b</\u017fcript><p>c</p>',
])
def test_start_tags_in_folded_letters_strip_without_error(markup):
    assert T.strip_markup(markup) == T._strip_tags(markup)


@pytest.mark.parametrize('seed', range(4))
def test_escaped_tags_are_what_the_regex_finds(seed):
    rng = random.Random(100 + seed)
    for _ in range(3000):
        text = _random_markup(rng, rng.randint(0, 30))
        assert T._escaped_tags(text) == \
            [m.span() for m in _REF_ESCAPED.finditer(text)], text


@pytest.mark.parametrize('seed', range(4))
def test_strip_tags_with_stray_starts_matches_reference(seed):
    rng = random.Random(200 + seed)
    for _ in range(3000):
        markup = _random_markup(rng, rng.randint(0, 30))
        assert T._strip_tags(markup) == _ref_strip_tags(markup), markup


def test_block_breaks_cut_at_the_last_close():
    for text in ['<p>a</p> b < c', '< p>x<br>y <', 'no tags <', '<div>',
                 'a <p', '<p>a</p>']:
        assert T._block_breaks(text) == _REF_BLOCK.sub('\n', text)


@pytest.mark.parametrize('markup, expected', [
    ('<p>Story</p>' + '<!--' * 3000, '\nStory\n' + '<!--' * 3000),
    ('<p>Story</p>' + '<' * 3000, '\nStory\n' + '<' * 3000),
    ('<p>Story</p>' + '<script>' * 2000 + '</p>', '\nStory\n\n'),
    # (the last start and its ">" hold a "-->" that closes the first one)
    ('<p>Story</p><!-- note -->' + '<!--' * 2000 + '>', '\nStory\n  '),
    ('<p>a</p>' + '<a ' * 2000, '\na\n' + '<a ' * 2000),
])
def test_unclosed_starts_keep_what_the_patterns_kept(markup, expected):
    assert T._strip_tags(markup) == expected
    assert T._strip_tags(markup) == _ref_strip_tags(markup)


def test_twice_escaped_markup_with_an_unclosed_comment():
    text = ('&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;'
            + '&lt;!--' * 500)
    assert T.strip_markup(text) == '\nHello world\n' + '<!--' * 500
