"""HTML to plain text (pure; regex fast path, no parser objects)."""
from __future__ import annotations

import functools
import html
import re
from typing import Optional

from .rx import trie

_DROP_NAMES = frozenset(['script', 'style', 'noscript', 'iframe', 'svg'])
_DROP_HINT = re.compile('<(?:!--|' + trie(_DROP_NAMES, fold=True) + r'\b)')
# What _drop removes: an element whose content is no text (from its start
# tag to its own end tag, whatever is between) or a comment; where one can
# start, and the element from a start (re.I matches "\u017fcript" for
# "script", and the back-reference then wants "</\u017fcript": the start's
# own letters, each in either case).
_DROP_OPEN = re.compile(r'<(?:(script|style|noscript|iframe|svg)\b|!--)', re.I)
_DROP_ELEMENT = re.compile(r'<(script|style|noscript|iframe|svg)\b.*?</\1\s*>',
                           re.I | re.S)
_BLOCK = re.compile(r'<\s*/?\s*' + trie(
    'p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article '
    'header footer figure figcaption pre dd dt hr'.split(), fold=True) +
    r'\b[^>]*>')
# (a tag starts "<" and a letter, "/", "!" or "?", as HTML reads it: "rates
# < 5% and > 2%" is text)
_TAG = re.compile(r'<[A-Za-z/!?][^>]*>')
# One pass over well-formed markup: every start or end tag, its name (with
# the end tag's "/") captured. Kept this plain on purpose: re runs a single
# negated literal ([^>]*) and a bare letter class far faster than optional
# groups and \s* (twice the speed of the earlier
# <\s*/?\s*([A-Za-z]\w*|!--)?[^<>]*> on typical story markup). Anything it
# leaves a "<" of (comments, doctypes, "< p>") takes the general path.
_ANY_TAG = re.compile(r'<(/?[A-Za-z]\w*)[^>]*>')
_BLOCK_NAMES = frozenset(
    'p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article '
    'header footer figure figcaption pre dd dt hr'.split())


# The element names of HTML (current and obsolete) and of MathML, in lower
# case. A start "tag" whose name is none of them and starts with a capital
# letter, and which has no attribute ("=", a double quote, "/" or ":"; an
# apostrophe is a name's, "<Hudson's Bay Co>"), is text
# that the feed did not escape: the wires' company names and tickers in
# angle brackets ("<Miller Tabak Hirsch and Co> said", "Dow Chemical Co's
# <DOW>"), which a tag stripper took for tags, losing a story's subject.
_HTML_NAMES = frozenset('''
a abbr acronym address applet area article aside audio b base basefont bdi
bdo bgsound big blink blockquote body br button canvas caption center cite
code col colgroup content data datalist dd del details dfn dialog dir div dl
dt em embed fieldset figcaption figure font footer form frame frameset h1 h2
h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex
kbd keygen label layer legend li link listing main map mark marquee menu
menuitem meta meter multicol nav nextid nobr noembed noframes nolayer
noscript object ol optgroup option output p param picture plaintext portal
pre progress q rb rp rt rtc ruby s samp script search section select shadow
slot small source spacer span strike strong style sub summary sup svg table
tbody td template textarea tfoot th thead time title tr track tt u ul var
video wbr xmp
math maction annotation menclose merror mfenced mfrac mglyph mi mlabeledtr
mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mspace
msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder munderover none
semantics'''.split())
# (a name that is an element's, "Video", "Time", "Data", is text too when
# it is written as a name and a capitalized word follows it: "<Video
# Shopping Mall Inc>", "<Time Inc>"; HTML's bare attributes are lower case
# or all capitals, "<video controls>", "<INPUT DISABLED>")
_TEXT_TAG = re.compile(r'<([A-Z]\w*)[^<>="/:]{0,120}>')
_CAPITALIZED_WORD = re.compile(r'\s([A-Z][a-z]+)')
# (but not HTML's bare attributes, in old pages' capitalized style too:
# "<Hr Noshade>", "<Td Nowrap>")
_BARE_ATTRIBUTES = frozenset('''
allowfullscreen async autofocus autoplay checked compact controls declare
default defer disabled formnovalidate hidden inert ismap itemscope loop
multiple muted nohref noresize noshade novalidate nowrap open playsinline
readonly required reversed selected'''.split())


def _text_like(m) -> bool:
    name = m.group(1)
    if '</' + name in m.string:     # closed: an element ("<Byline>...</Byline>")
        return False
    if name.lower() not in _HTML_NAMES:
        return True
    if not name[1:2].islower():
        return False
    return any(w.group(1).lower() not in _BARE_ATTRIBUTES
               for w in _CAPITALIZED_WORD.finditer(m.string, m.end(1), m.end()))


def _is_text_tag(tag: str) -> bool:
    """Whether tag (a whole "<...>") is text in angle brackets, not a tag
    (see _HTML_NAMES)."""
    m = _TEXT_TAG.fullmatch(tag)
    return m is not None and _text_like(m)


def _escape_text_tag(m) -> str:
    tag = m.group(0)
    return '&lt;' + tag[1:-1] + '&gt;' if _text_like(m) else tag


class _TagText(dict):
    """Tag name -> what the tag becomes: a newline for a block, nothing
    inline, and NUL (a signal to take the general path) for script, style,
    noscript, iframe and svg, whose content is dropped; SOH (a signal to
    look at the whole tag) before it for a start tag whose name starts
    with a capital and is no HTML element's or is written as a name
    ("Video", see _TEXT_TAG). A dict filled on first
    sight of each name (looked up with C-level map, cheaper than a cache
    wrapper); cleared when hostile markup makes it large."""

    def __missing__(self, name: str) -> str:
        if len(self) > 4096:
            self.clear()
        low = name.lstrip('/').lower()
        text = '\n' if low in _BLOCK_NAMES else \
            '\x00' if low in _DROP_NAMES else ''
        if 'A' <= name[:1] <= 'Z' and text != '\x00' and (
                low not in _HTML_NAMES or name[1:2].islower()):
            text = '\x01' + text
        self[name] = text
        return text


_TAG_TEXT = _TagText()


def _strip_tags(markup: str) -> str:
    """Tags removed, blocks to newlines. The one-pass split handles markup
    in which every "<" opens a tag that closes before the next "<" (as
    many "<" as tags found), and has no script, style or comment; markup with a script, style, noscript,
    iframe or svg has them (and comments) dropped first and is tried again;
    anything else takes the general path (drop script/style/comments, then
    blocks, then other tags). The drop signal is looked for among the tags'
    replacements, not in the text (a search for NUL in non-Latin-1 text is
    a slow one). Text after the last ">" that holds a "<" is kept as it is
    (see _unclosed_tail)."""
    k = _unclosed_tail(markup)
    if k >= 0:
        return _strip_tags(markup[:k]) + markup[k:]
    parts = _ANY_TAG.split(markup)
    replaced = list(map(_TAG_TEXT.__getitem__, parts[1::2]))
    dropped = '\x00' in replaced
    if dropped:
        # an embed's script, iframe or svg (common in news pages' HTML):
        # dropped, then the one pass tried again on what is left
        markup = _drop(markup)
        parts = _ANY_TAG.split(markup)
        replaced = list(map(_TAG_TEXT.__getitem__, parts[1::2]))
    if '\x01' in replaced or '\x01\n' in replaced:
        # text in angle brackets: escaped (strip_markup decodes it again),
        # then the rest stripped; a capitalized name with attributes is
        # a tag like any other
        kept = _TEXT_TAG.sub(_escape_text_tag, markup)
        if kept != markup:
            return _strip_tags(kept)
        replaced = [r.lstrip('\x01') for r in replaced]
    # (as many "<" as tags: none is left in the text, and none was taken
    # into another tag, as in "a<b then</p>")
    if '\x00' not in replaced and markup.count('<') == len(replaced):
        parts[1::2] = replaced
        return ''.join(parts)
    text = markup
    if not dropped and _DROP_HINT.search(text):
        text = _drop(text)
    return _TAG.sub('', _BLOCK.sub('\n', text))


def _drop(markup: str) -> str:
    """Each script, style, noscript, iframe or svg element (start tag to
    its own end tag, any case) and each comment replaced by a space; an
    element or comment that is never closed stays (its start tag is
    stripped as a tag later). What the regex
    ``<(script|style|noscript|iframe|svg)\\b.*?</\\1\\s*>|<!--.*?-->`` (re.I,
    re.S) substitutes, in linear time: that regex scans to the end of the
    text from every start it cannot close (20,000 "<!--" took 0.5 s);
    here a closer that is not found once is not looked for again."""
    spans = []
    pos = 0
    unclosed = set()    # no closer of this kind after some earlier start
    for m in _DROP_OPEN.finditer(markup):
        start = m.start()
        name = (m.group(1) or '!--').lower()
        if start < pos or name in unclosed:
            continue
        if name == '!--':
            k = markup.find('-->', m.end())
            end = k + 3 if k >= 0 else -1
        else:
            c = _DROP_ELEMENT.match(markup, start)
            end = c.end() if c else -1
        if end < 0:
            unclosed.add(name)
            continue
        spans.append((start, end))
        pos = end
    return _replace_spans(markup, spans, ' ')


def _replace_spans(text: str, spans, repl: str) -> str:
    """text with each of the (start, end) spans (in order, not
    overlapping) replaced by repl."""
    if not spans:
        return text
    parts = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return repl.join(parts)


# A tag in text that was escaped once too often: "<" right before a name
# (or "/" and a name), so that "rates < 2% and > 1%" in plain text is no
# tag; or a comment. _escaped_tags finds them; a start is one of
# _ESCAPED_START, and one that is no comment is a tag if _ESCAPED_ELEMENT
# matches there.
_ESCAPED_START = re.compile(r'<(?:/?[A-Za-z]|!--)')
_ESCAPED_ELEMENT = re.compile(r'</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>')


def _escaped_tags(text: str):
    """(start, end) of each tag or comment in text, in order: what the
    regex ``</?[A-Za-z][\\w:-]*(?:\\s[^<>]*)?/?>|<!--.*?-->`` (re.S) finds
    with finditer, in linear time (that regex scans to the end of the text
    from every comment start it cannot close)."""
    spans = []
    pos = 0
    comments_close = True   # a "-->" after the last comment start seen
    for m in _ESCAPED_START.finditer(text):
        start = m.start()
        if start < pos:
            continue
        if m.group().endswith('--'):
            if not comments_close:
                continue
            k = text.find('-->', m.end())
            if k < 0:
                comments_close = False
                continue
            end = k + 3
        else:
            t = _ESCAPED_ELEMENT.match(text, start)
            if t is None or ('A' <= text[start + 1] <= 'Z' and
                             _is_text_tag(t.group())):
                continue
            end = t.end()
        spans.append((start, end))
        pos = end
    return spans


def _block_breaks(text: str) -> str:
    """_BLOCK's tags to newlines; only the text up to the last ">" is
    searched (see _unclosed_tail)."""
    k = _unclosed_tail(text)
    if k < 0:
        return _BLOCK.sub('\n', text)
    return _BLOCK.sub('\n', text[:k]) + text[k:]


def _unclosed_tail(text: str) -> int:
    """Where the text after its last ">" starts, when a "<" is in it, else
    -1. No tag starts there; every tag pattern would try each such "<" up
    to the end of the text, each time (quadratic in a hostile or truncated
    entry: "<" * 20000 took 0.4 s), so callers strip tags only before it."""
    k = text.rfind('>') + 1
    return k if text.find('<', k) >= 0 else -1


# AG News style damaged entities: "#39;" or " #36;50" with the ampersand lost.
# (The look-behind follows the literal "#" so that re can skip to each "#".)
_BARE_ENTITY = re.compile(r'#(?<![&\w]#)(\d{2,4});')
_HSPACE = re.compile(r'[ \t\r\f\v\u00a0\u2009\u200a\u202f]+')
_INVISIBLE = dict.fromkeys(map(ord, '\u200b\u2060\ufeff'))


# html.unescape's own pattern; each distinct reference is decoded once (by
# html.unescape itself) and cached, and the text is rebuilt with split/join
# instead of a Python callback per reference.
_CHARREF = re.compile(r'&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)')


@functools.lru_cache(maxsize=4096)
def _charref(ref: str) -> str:
    return html.unescape('&' + ref)


def unescape(text: str) -> str:
    """html.unescape(text), faster on text with many references."""
    parts = _CHARREF.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = map(_charref, parts[1::2])
    return ''.join(parts)


def _bare(m):
    n = int(m.group(1))
    return chr(n) if 32 <= n < 0x3000 else m.group(0)


def strip_markup(markup: Optional[str]) -> str:
    """Tags removed (blocks become newlines) and entities decoded, but
    whitespace left as it was, so that a dateline parser can still see
    double spaces and line breaks."""
    if not markup:
        return ''
    text = _strip_tags(markup) if '<' in markup else markup
    if '&' in text:
        text = unescape(text)
        if '<' in text and '>' in text and _escaped_tags(text):
            # markup escaped twice: its tags and then its entities
            text = _block_breaks(text)
            text = _replace_spans(text, _escaped_tags(text), '')
            if '&' in text:
                text = unescape(text)
    if '#' in text:
        text = _BARE_ENTITY.sub(_bare, text)
    return text


# Whitespace other than space and newline that makes a line be re-spaced
# (str.split then splits on every kind). Each is looked for with a
# single-character search, nearly free where the character's low byte is
# not zero (memchr); the non-ASCII ones only in non-ASCII text. U+2000 (en
# quad, unused in practice, and a slow search) is left to line trimming.
_ODD_ASCII = '\t\x0b\x0c\r\x1c\x1d\x1e\x1f'
_ODD_OTHER = ('\x85\xa0\u1680\u2001\u2002\u2003\u2004\u2005\u2006'
              '\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000')


def _respace(line: str) -> str:
    return ' '.join(line.split())


def collapse(text: str) -> str:
    """Runs of whitespace to one space; paragraph breaks kept as single
    newlines; trimmed.

    Lines are trimmed and empty ones dropped with C-level map/filter; only
    when a double space or other whitespace is left inside a line is
    anything re-spaced (str.split and join), so well-spaced text costs one
    split on newlines, one join and one search for "  "."""
    if not text:
        return ''
    if '\n' not in text:
        out = text.strip()
    else:
        lines = list(filter(None, map(str.strip, text.split('\n'))))
        out = '\n'.join(lines)
    if _needs_respace(out):
        if '\n' not in out:
            return _respace(out)
        # (a line of odd whitespace only is empty after re-spacing)
        return '\n'.join(filter(None, map(_respace, out.split('\n'))))
    return out


def _needs_respace(out: str) -> bool:
    """What collapse tests its lines for: a double space or whitespace other
    than space and newline (but U+2000, see _ODD_OTHER)."""
    return '  ' in out or any(map(out.__contains__, _ODD_ASCII)) or (
        not out.isascii() and any(map(out.__contains__, _ODD_OTHER)))


def collapse_joined(head: str, rest: str, rest_collapsed: str) -> str:
    """collapse(head + rest), given rest_collapsed == collapse(rest), without
    collapsing rest again: a story's text is collapsed once as its body
    (after the dateline, ``head``) and once whole as the summary of an
    entry with no other text. Where head holds whitespace that collapse
    would re-space, or U+2000 (which collapse re-spaces only when something
    else makes it re-space the text), or its whitespace meets rest's in
    anything but a single space or a newline, it collapses the whole."""
    head_collapsed = collapse(head)
    if not head_collapsed:
        return rest_collapsed
    if not rest_collapsed:
        return head_collapsed
    if _needs_respace(head) or (not head.isascii() and '\u2000' in head):
        return collapse(head + rest)
    gap = head[len(head.rstrip()):] + rest[:len(rest) - len(rest.lstrip())]
    if '\n' in gap:
        return head_collapsed + '\n' + rest_collapsed
    if gap == ' ' or not gap:
        return head_collapsed + gap + rest_collapsed
    return collapse(head + rest)


def html_to_text(markup: Optional[str]) -> str:
    return collapse(strip_markup(markup))


def one_line(markup: Optional[str]) -> str:
    """Plain text on one line (titles)."""
    if not markup:
        return ''
    # (isprintable: no whitespace but the space, in any script)
    if markup.isprintable() and '  ' not in markup and '<' not in markup \
            and '&' not in markup and '#' not in markup:
        return markup.strip()      # nothing to strip, decode or re-space
    text = _HSPACE.sub(' ', strip_markup(markup).replace('\n', ' ')).strip()
    # (and without the invisible characters CMSs leave in titles: the zero
    # width space, the word joiner, a byte-order mark; they split what
    # should group as one title)
    return text.translate(_INVISIBLE).strip() if not text.isprintable() else text
