"""Decoding feed bytes to text, and refusing hostile XML before parsing.

Encoding
    feedparser 6.0.14 picks ONE encoding for the whole document: the
    HTTP/declared one, else utf-8, else windows-1252, else iso-8859-2. A
    document that is mostly UTF-8 with a few stray Windows-1252 bytes (a
    pasted curly quote) therefore comes out with every accented letter as
    mojibake, and when the stray bytes include one of the five bytes
    windows-1252 leaves undefined it falls all the way to iso-8859-2.
    ``decode_body`` decodes the document itself instead: BOM, then strict
    UTF-8, then the declared (HTTP charset, then XML declaration) encoding,
    and as a last resort UTF-8 with each invalid byte read as Windows-1252.
    It never produces U+FFFD. The parsers then get clean UTF-8.

XML entities
    feedparser strips ``<!ENTITY`` declarations from the prolog with a
    line-anchored regex and keeps only simple literal ones; the stdlib
    expat reader it uses has external general entities switched off. So
    on its own it neither expands the billion-laughs bomb (the reference is
    left as the literal text ``&lol9;``) nor resolves ``SYSTEM`` entities.
    That protection is incidental (it depends on the regex seeing each
    declaration at the start of a line), so ``check_entities`` refuses the
    document outright when its DOCTYPE declares anything but a short,
    self-contained internal entity (``<!ENTITY copy "&#169;">``).

Characters no feed text may carry
    XML 1.0 forbids the C0 control characters other than tab, newline and
    carriage return, and no Unicode text can hold a lone surrogate (UTF-8
    cannot encode one, so neither Parquet nor the JSON run report can be
    written with it). Feeds carry them anyway: raw bytes, numeric
    references (``&#1;``, ``&#xD800;``, ``&#x110000;``) and JSON escapes
    (``"\u0000"``, ``"\ud800"``). One such character used to reject the
    whole document (feedparser fails on an invalid reference, ``json``
    on a raw control character) or, from JSON, to fail the run at the
    write. ``clean_xml_text`` and ``clean_json_value`` take them out
    before anything else sees them: controls are dropped (vertical tab
    and form feed become a space), a lone surrogate or a reference beyond
    U+10FFFF becomes U+FFFD. Documents without any are not copied.
"""
from __future__ import annotations

import codecs
import re
import threading
from typing import List, NamedTuple, Optional, Tuple

from .base import FeedRejected

_CP1252_ERRORS = 'wirefeed-cp1252'
_repaired = threading.local()


def _cp1252_fallback(exc):
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start:exc.end]
    _repaired.count = getattr(_repaired, 'count', 0) + len(chunk)
    # cp1252 leaves 0x81 0x8d 0x8f 0x90 0x9d undefined: read those as latin-1
    text = ''.join(chr(b) if b in (0x81, 0x8d, 0x8f, 0x90, 0x9d)
                   else bytes((b,)).decode('cp1252') for b in chunk)
    return text, exc.end


codecs.register_error(_CP1252_ERRORS, _cp1252_fallback)

# WHATWG: these labels mean windows-1252 in practice (0x80-0x9f are never
# the C1 controls a strict latin-1 decoder would produce).
_AS_CP1252 = {'iso-8859-1', 'iso8859-1', 'latin-1', 'latin1', 'l1',
              'us-ascii', 'ascii', 'iso_8859-1', 'iso-ir-100', 'cp819',
              'ibm819', 'windows-1252', 'cp1252', 'x-cp1252'}
_UTF8 = {'utf-8', 'utf8', 'utf_8', 'unicode-1-1-utf-8'}

_XML_ENCODING = re.compile(
    rb'^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["\']([A-Za-z0-9._:\-]{1,40})["\']')
_CHARSET = re.compile(r'charset\s*=\s*["\']?([A-Za-z0-9._:\-]{1,40})', re.I)

_BOMS = ((codecs.BOM_UTF8, 'utf-8'),
         (codecs.BOM_UTF32_LE, 'utf-32-le'), (codecs.BOM_UTF32_BE, 'utf-32-be'),
         (codecs.BOM_UTF16_LE, 'utf-16-le'), (codecs.BOM_UTF16_BE, 'utf-16-be'))


class Decoded(NamedTuple):
    text: str
    encoding: str            # what the text was actually decoded as
    warnings: Tuple[str, ...]


def _codec(label: Optional[str]) -> Optional[str]:
    """A Python codec name for an encoding label, or None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        return 'cp1252'
    if label in _UTF8:
        return 'utf-8'
    if label in ('gb2312', 'gbk'):
        return 'gb18030'
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _sniff_wide(head: bytes) -> Optional[str]:
    """UTF-16/32 without a BOM, from the zero-byte pattern of '<' or '{'."""
    if len(head) < 4:
        return None
    a, b, c, d = head[:4]
    if a == b == c == 0 and d:
        return 'utf-32-be'
    if a and b == c == d == 0:
        return 'utf-32-le'
    if a == 0 and b and c == 0 and d:
        return 'utf-16-be'
    if a and b == 0 and c and d == 0:
        return 'utf-16-le'
    return None


def declared_encodings(body: bytes, headers: dict) -> Tuple[Optional[str], Optional[str]]:
    """(HTTP charset label, XML declaration label) as written, or None."""
    http = None
    m = _CHARSET.search(headers.get('content-type', '') or '')
    if m:
        http = m.group(1)
    m = _XML_ENCODING.match(body[:300])
    return http, (m.group(1).decode('ascii') if m else None)


def decode_body(body: bytes, headers: dict) -> Decoded:
    """The document's text. Never raises for bytes, never emits U+FFFD
    unless a wide (UTF-16/32) document is itself corrupt."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _decode_wide(body[len(bom):], name)
    wide = _sniff_wide(body)
    if wide:
        return _decode_wide(body, wide)
    if body.startswith(_EBCDIC_XML):
        return _decode_ebcdic(body)

    try:
        return Decoded(body.decode('utf-8'), 'utf-8', ())
    except UnicodeDecodeError:
        pass

    http, xml = declared_encodings(body, headers)
    declared = [c for c in (_codec(http), _codec(xml)) if c]
    for codec in declared:
        if codec == 'utf-8':
            continue
        try:
            return Decoded(body.decode(codec), codec, ())
        except (UnicodeDecodeError, LookupError):
            continue
    _repaired.count = 0
    text = body.decode('utf-8', _CP1252_ERRORS)
    bad = _repaired.count
    said = http or xml or 'nothing (utf-8 assumed)'
    return Decoded(text, 'utf-8+cp1252', (
        f'encoding: declared {said} but {bad} byte(s) were not valid; '
        f'read them as windows-1252',))


#: '<?xm' in the EBCDIC code pages (cp037, cp500, cp1140, ...)
_EBCDIC_XML = b'\x4c\x6f\xa7\x94'
_EBCDIC_ENCODING = re.compile(
    r'^<\?xml[^>]{0,200}?encoding\s*=\s*["\']([A-Za-z0-9._:\-]{1,40})["\']')


def _decode_ebcdic(body: bytes) -> Decoded:
    """An EBCDIC document (its declaration read in cp037, whose ASCII
    letters and punctuation all EBCDIC pages share): in the code page it
    declares, when that one reads the declaration back, else cp037.
    Before this it was read as UTF-8 and Windows-1252, and rejected."""
    m = _EBCDIC_ENCODING.match(body[:300].decode('cp037'))
    codec = _codec(m.group(1)) if m else None
    warnings: Tuple[str, ...] = ()
    if codec is None or not _reads_as_xml(body, codec):
        if m:
            warnings = (f'encoding: declared {m.group(1)} in an EBCDIC document; '
                        f'read as cp037',)
        codec = 'cp037'
    return Decoded(body.decode(codec), codec, warnings)


def _reads_as_xml(body: bytes, codec: str) -> bool:
    try:
        return body[:5].decode(codec) == '<?xml'
    except (UnicodeDecodeError, LookupError):
        return False


def _decode_wide(body: bytes, codec: str) -> Decoded:
    try:
        return Decoded(body.decode(codec), codec, ())
    except UnicodeDecodeError as exc:
        return Decoded(body.decode(codec, 'replace'), codec,
                       (f'encoding: invalid {codec} ({exc.reason}); '
                        f'bad sequences replaced',))


# ---------------------------------------------------------------- entities

_DOCTYPE = re.compile(r'<!DOCTYPE', re.I)
_ENTITY_DECL = re.compile(
    r'<!ENTITY\s+(%\s+)?([^\s"\'>]+)\s*(?:(["\'])(.*?)\3|(SYSTEM|PUBLIC)\b)?',
    re.S | re.I)
_ENTITY_REF = re.compile(r'[&%][A-Za-z_:][\w.:-]*;')
_MAX_ENTITY_VALUE = 256
_MAX_ENTITIES = 64


def check_entities(text: str) -> None:
    """Raise FeedRejected('unsafe xml') if the DOCTYPE's internal subset
    declares an external entity (SYSTEM/PUBLIC), a parameter entity, an
    entity whose value refers to other entities (expansion bombs), or
    long/many entities (quadratic blow-up). A short literal entity such as
    ``<!ENTITY copy "&#169;">`` is allowed."""
    # every DOCTYPE, not just the first (one can hide behind a decoy in a
    # comment); each scan resumes where the previous DOCTYPE ended, so the
    # whole check stays linear in the document
    pos = 0
    while True:
        m = _DOCTYPE.search(text, pos)
        if not m:
            return
        subset, pos = _internal_subset(text, m.end())
        if subset is None or '<!ENTITY' not in subset.upper():
            continue
        problems = _entity_problems(subset)
        if problems:
            raise FeedRejected('unsafe xml', '; '.join(problems[:3]), text)


def _internal_subset(text: str, i: int) -> Tuple[Optional[str], int]:
    """(internal subset, end) of a DOCTYPE whose name starts at ``i``: the
    text between '[' and ']' (None if there is none) and where the DOCTYPE
    ends. Quoted literals and comments are skipped so that ']' or '>'
    inside them do not end it; an unterminated subset runs to the end of
    the document."""
    n = len(text)
    while i < n:
        c = text[i]
        if c in '"\'':
            j = text.find(c, i + 1)
            if j < 0:
                return None, n
            i = j + 1
        elif c == '>':
            return None, i + 1
        elif c == '[':
            break
        else:
            i += 1
    else:
        return None, n
    start = i + 1
    i = start
    while i < n:
        c = text[i]
        if c in '"\'':
            j = text.find(c, i + 1)
            i = n if j < 0 else j + 1
        elif text.startswith('<!--', i):
            j = text.find('-->', i + 4)
            i = n if j < 0 else j + 3
        elif c == ']':
            return text[start:i], i + 1
        else:
            i += 1
    return text[start:], n


def _entity_problems(subset: str) -> List[str]:
    problems = []
    decls = list(_ENTITY_DECL.finditer(subset))
    declared = subset.upper().count('<!ENTITY')
    if declared != len(decls) or not decls:
        problems.append('unreadable ENTITY declaration')
    if len(decls) > _MAX_ENTITIES:
        problems.append(f'{len(decls)} ENTITY declarations')
    for d in decls:
        param, name, _, value, external = d.groups()
        if param:
            problems.append(f'parameter entity {name!r}')
        elif external:
            problems.append(f'external entity {name!r} ({external.upper()})')
        elif value is None:
            problems.append(f'unreadable entity {name!r}')
        elif _ENTITY_REF.search(value):
            problems.append(f'entity {name!r} expands other entities')
        elif len(value) > _MAX_ENTITY_VALUE:
            problems.append(f'entity {name!r} is {len(value)} characters long')
    if '%' in _strip_literals(subset):
        problems.append('parameter entity reference in DOCTYPE')
    return problems


def _strip_literals(subset: str) -> str:
    return re.sub(r'"[^"]*"|\'[^\']*\'', '', subset)


# ------------------------------------------------- forbidden characters

#: C0 controls XML 1.0 forbids (tab, LF, CR allowed) and lone surrogates
_FORBIDDEN = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]')
#: numeric character references that may name a forbidden character (a
#: C0 control, a surrogate, beyond U+10FFFF); ``_replace_ref`` decides.
#: Everyday ones (&#39; &#8217;) do not match, so they cost no call.
_CHAR_REF = re.compile(
    r'&#(?:[xX]0*([0-9A-Fa-f]|1[0-9A-Fa-f]|[dD][89A-Fa-f][0-9A-Fa-f]{2}|[0-9A-Fa-f]{6,})'
    r'|0*([0-9]|[12][0-9]|3[01]|5[5-7][0-9]{3}|[0-9]{7,}));')
#: JSON escapes of a C0 control or a surrogate (a false hit, such as an
#: escaped backslash before "u0001", only costs a walk over the strings)
_JSON_ESCAPE = re.compile(r'\\u(?:00[01][0-9A-Fa-f]|[dD][89A-Fa-f][0-9A-Fa-f]{2})')
_SPACE_LIKE = '\x0b\x0c'
_C0_BYTES = bytes(b for b in range(0x20) if b not in (0x9, 0xA, 0xD))


def _replace_char(m) -> str:
    ch = m.group()
    if ch in _SPACE_LIKE:
        return ' '
    return '\ufffd' if ch >= '\ud800' else ''


def clean_text(text: str) -> Tuple[str, int]:
    """``text`` without forbidden characters (see the module docstring),
    and how many were taken out or replaced."""
    if _FORBIDDEN.search(text) is None:
        return text, 0
    return _FORBIDDEN.subn(_replace_char, text)


def _replace_ref(m) -> str:
    digits = m.group(1)
    code = int(digits, 16) if digits is not None else int(m.group(2))
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return '&#xFFFD;'
    if code < 0x20 and code not in (0x9, 0xA, 0xD):
        return ' ' if chr(code) in _SPACE_LIKE else ''
    return m.group()


def clean_xml_text(text: str, body: Optional[bytes] = None,
                   encoding: str = '') -> Tuple[str, Tuple[str, ...]]:
    """An XML document's text with forbidden characters taken out, raw or
    as numeric references (a reference anywhere: in content, in CDATA,
    in an entity's value), and a warning if there were any. ``body`` and
    ``encoding`` (what ``decode_body`` read it as) let a document in an
    ASCII-compatible encoding be checked for raw controls on its bytes,
    three times faster than on the text (such an encoding has a byte
    below 0x20 only for that control)."""
    raw = 0
    if body is None or encoding.startswith(('utf-16', 'utf-32')) or \
            len(body.translate(None, _C0_BYTES)) != len(body):
        text, raw = clean_text(text)
    refs = 0

    def replace_and_count(m) -> str:
        nonlocal refs
        out = _replace_ref(m)
        refs += out != m.group()
        return out
    text = _CHAR_REF.sub(replace_and_count, text)
    return text, _warning(raw + refs)


def _warning(n: int) -> Tuple[str, ...]:
    if not n:
        return ()
    return (f'text: {n} forbidden character(s) dropped or replaced (C0 controls, '
            f'lone surrogates, references beyond U+10FFFF)',)


def clean_json_value(text: str, value) -> Tuple[object, Tuple[str, ...]]:
    """A decoded JSON value (of document ``text``) with forbidden
    characters taken out of every string in it (keys too), and a warning
    if there were any. Documents that cannot hold any are not walked."""
    if _FORBIDDEN.search(text) is None and _JSON_ESCAPE.search(text) is None:
        return value, ()
    count = [0]

    def clean(v):
        if isinstance(v, str):
            v, n = clean_text(v)
            count[0] += n
            return v
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, dict):
            return {clean(k): clean(x) for k, x in v.items()}
        return v
    value = clean(value)
    return value, _warning(count[0])


# ------------------------------------------------------ bare ampersands

#: an '&' that starts no entity or character reference: not well-formed
#: XML, and the commonest error in feeds ('Q&A', 'AT&T', '?a=1&b=2')
_BARE_AMP = re.compile(r'&(?![A-Za-z_:][\w.:-]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)')
#: what may hold a bare '&' legally (CDATA sections, comments, processing
#: instructions; an unterminated one runs to the end), or a bare '&'
_AMP_OR_LITERAL = re.compile(
    r'<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)'
    r'|&(?![A-Za-z_:][\w.:-]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)', re.S)


def escape_bare_ampersands(text: str) -> Tuple[str, int, int]:
    """``text`` with every '&' that starts no reference, outside CDATA
    sections, comments and processing instructions, written '&amp;'.

    Without this, expat refuses the document and feedparser's loose
    parser reads 'Q&A: ...' as 'Q&A;: ...' and 'AT&T and' as 'AT&T; and'.
    Returns (text, how many were escaped, offset of the first one or -1).
    A document without a bare '&' costs one regex scan and is not copied.
    """
    if _BARE_AMP.search(text) is None:
        return text, 0, -1
    count = 0
    first = -1

    def replace(m) -> str:
        nonlocal count, first
        if m.group()[0] != '&':
            return m.group()
        if first < 0:
            first = m.start()
        count += 1
        return '&amp;'
    escaped = _AMP_OR_LITERAL.sub(replace, text)
    if not count:  # every one was inside CDATA, a comment or a PI
        return text, 0, -1
    return escaped, count, first
