"""HTML to plain text (pure; regex fast path, no parser objects)."""
from __future__ import annotations

import html
import re
from typing import Optional

_DROP = re.compile(r'<(script|style|noscript|iframe|svg)\b.*?</\1\s*>|<!--.*?-->',
                   re.I | re.S)
_BLOCK = re.compile(
    r'<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|'
    r'article|header|footer|figure|figcaption|pre|dd|dt|hr)\b[^>]*>', re.I)
_TAG = re.compile(r'<[^>]*>')
# AG News style damaged entities: "#39;" or " #36;50" with the ampersand lost.
_BARE_ENTITY = re.compile(r'(?<![&\w])#(\d{2,4});')
_HSPACE = re.compile(r'[ \t\r\f\v\u00a0\u2009\u200a\u202f]+')
_NL = re.compile(r' *\n[ \n]*')


def _bare(m):
    n = int(m.group(1))
    return chr(n) if 32 <= n < 0x3000 else m.group(0)


def strip_markup(markup: Optional[str]) -> str:
    """Tags removed (blocks become newlines) and entities decoded, but
    whitespace left as it was, so that a dateline parser can still see
    double spaces and line breaks."""
    if not markup:
        return ''
    text = markup
    if '<' in text:
        if '<!--' in text or '<s' in text or '<S' in text or '<n' in text \
                or '<i' in text:
            text = _DROP.sub(' ', text)
        text = _BLOCK.sub('\n', text)
        text = _TAG.sub('', text)
    if '&' in text:
        text = html.unescape(text)
        if '<' in text and '>' in text:  # double-escaped markup
            text = _BLOCK.sub('\n', text)
            text = _TAG.sub('', text)
    if '#' in text:
        text = _BARE_ENTITY.sub(_bare, text)
    return text


def collapse(text: str) -> str:
    """Runs of spaces to one space; paragraph breaks kept as single
    newlines; trimmed."""
    if not text:
        return ''
    text = _HSPACE.sub(' ', text)
    if '\n' in text:
        text = _NL.sub('\n', text)
    return text.strip()


def html_to_text(markup: Optional[str]) -> str:
    return collapse(strip_markup(markup))


def one_line(markup: Optional[str]) -> str:
    """Plain text on one line (titles)."""
    return _HSPACE.sub(' ', strip_markup(markup).replace('\n', ' ')).strip()
