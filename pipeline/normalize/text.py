"""HTML to plain text (pure; regex fast path, no parser objects)."""
from __future__ import annotations

import html
import re
from typing import Optional

_DROP = re.compile(r'<(script|style|noscript|iframe|svg)\b.*?</\1\s*>|<!--.*?-->',
                   re.I | re.S)
_DROP_HINT = re.compile(r'<(?:!--|(?i:script|style|noscript|iframe|svg)\b)')
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
        if _DROP_HINT.search(text):
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


def _MESSY(text: str) -> bool:
    return ('  ' in text or '\t' in text or '\r' in text or '\xa0' in text
            or '\u2009' in text or '\u202f' in text or '\f' in text or
            '\v' in text or '\u200a' in text or '\u3000' in text)


def collapse(text: str) -> str:
    """Runs of spaces to one space; paragraph breaks kept as single
    newlines; trimmed. (str.split is far faster than a regex here.)"""
    if not text:
        return ''
    if not _MESSY(text):
        # already single-spaced: only trim lines and drop empty ones
        if '\n' not in text:
            return text.strip()
        return '\n'.join([ln.strip() for ln in text.split('\n') if ln and not ln.isspace()])
    if '\n' not in text:
        return ' '.join(text.split())
    out = []
    for line in text.split('\n'):
        line = ' '.join(line.split())
        if line:
            out.append(line)
    return '\n'.join(out)


def html_to_text(markup: Optional[str]) -> str:
    return collapse(strip_markup(markup))


def one_line(markup: Optional[str]) -> str:
    """Plain text on one line (titles)."""
    return _HSPACE.sub(' ', strip_markup(markup).replace('\n', ' ')).strip()
