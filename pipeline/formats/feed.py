"""Feed document bytes -> ParsedFeed: dispatch, and the RSS/Atom path.

RSS 0.9x/1.0/2.0 and Atom go through feedparser, given the (already
decoded and re-encoded as UTF-8, see ``safety``) bytes wrapped in a BytesIO
plus the response headers -- never a URL, and never bare bytes: feedparser
6.0.14 tries ``open(data)`` on a bare bytes/str argument before treating
it as content, so a body such as ``b'/etc/passwd'`` would be read from
disk. HTML sanitizing and relative-URI resolution in content are off.

Well-formed RSS 0.9x/1.0/2.0 and Atom 1.0 first try ``fastxml``, which
gives feedparser's result from an ElementTree parse about ten times
faster, and hands the document to feedparser whenever it is not sure
(``parse_document(doc, fast=False)`` always uses feedparser).
JSON Feed goes through ``jsonfeed``.
"""
from __future__ import annotations

import io
import re
import xml.sax
import xml.sax.handler
from typing import Optional

import feedparser

from ..model import FeedDocument, RawEntry, Rejection

try:  # it imports feedparser internals; another release may not have them
    from . import fastxml
except Exception:  # pragma: no cover - feedparser other than 6.0.x
    fastxml = None
from .base import (FeedRejected, ParsedFeed, absolute_link, bound, feed_info, link_base,
                   lower_headers, mark_shared_identifiers, option_text, text_or_none)
from .jsonfeed import looks_like_json, parse_jsonfeed
from .safety import (check_entities, clean_xml_text, decode_body,
                     escape_bare_ampersands)

# feedparser's `version` -> our format vocabulary (None: not a feed).
_VERSIONS = {
    'rss090': 'rss090',
    'rss091n': 'rss091', 'rss091u': 'rss091',
    'rss092': 'rss092', 'rss093': 'rss092', 'rss094': 'rss092',
    'rss10': 'rss10', 'rss20': 'rss20',
    'atom01': 'atom03', 'atom02': 'atom03', 'atom03': 'atom03',
    'atom10': 'atom10',
}
# Versions feedparser could not pin down: nearest format, with a warning.
_GUESSED = {'rss': 'rss20', 'atom': 'atom10', 'cdf': 'rss20'}

_XML_DECL = re.compile(r'^<\?xml[^>]*\?>')
_UTF8_DECL = '<?xml version="1.0" encoding="utf-8"?>'
_FEED_ROOT = re.compile(r'<(?:rss|feed|rdf:RDF|RDF|channel)[\s>]', re.I)
_HTML = re.compile(r'<(?:!DOCTYPE\s+html|html)[\s>]', re.I)
_HTML_TITLE = re.compile(r'<title[^>]*>([^<]{0,200})', re.I)
_ENTRY = re.compile(r'<(?:[\w.-]+:)?entry[\s/>]', re.I)
_ITEM = re.compile(r'<(?:[\w.-]+:)?item[\s/>]', re.I)
#: an entry's start tag (possibly cut: '<item' at the very end), and what
#: closes it or the feed
_ENTRY_START = re.compile(r'<(?:[\w.-]+:)?(?:item|entry)(?=[\s/>]|\Z)', re.I)
_ENTRY_OR_FEED_END = re.compile(
    r'</(?:[\w.-]+:)?(?:item|entry|channel|rss|feed|rdf)\s*>', re.I)
#: the first element's name (after the declaration, comments, DOCTYPE)
_ROOT = re.compile(r'<([A-Za-z_][\w.:-]*)')
# Headers feedparser may see. Not content-location: with a base URI it
# rewrites relative-looking RSS guids (no isPermaLink="false") into URLs,
# which would change entry identity. Content-type is ours (the body is
# UTF-8 now); content-language is the fallback feed language.
_PASSED_HEADERS = ('content-language',)


def parse_document(doc: FeedDocument, *, fast: bool = True) -> ParsedFeed:
    """The feed facts and raw entries of one fetched feed document.

    Raises FeedRejected when the document is not usable as a feed.
    ``fast=False`` reads RSS/Atom with feedparser only (the reference the
    fast path is tested against); the result is the same.
    """
    body = doc.body or b''
    if not body.strip():
        raise FeedRejected('empty body', f'{len(body)} bytes, no content')
    headers = lower_headers(doc.headers)
    decoded = decode_body(body, headers)
    text = decoded.text.lstrip('\ufeff \t\r\n')
    if not text.strip():
        raise FeedRejected('empty body', f'{len(body)} bytes, only whitespace')
    if looks_like_json(text):
        return mark_shared_identifiers(parse_jsonfeed(doc, text, headers, decoded.warnings))
    check_entities(text)
    text, cleaned = clean_xml_text(text, body, decoded.encoding)
    return mark_shared_identifiers(_parse_xml(doc, text, headers,
                                              decoded.warnings + cleaned, fast))


def _xml_bytes(text: str) -> bytes:
    rest = _XML_DECL.sub('', text, count=1)
    # (a DOCTYPE right after the declaration stays on a line of its own:
    # feedparser finds it, and replaces it, only at a line's start; left
    # in, the reader skips the HTML entities the Netscape DTD names,
    # "Caf&eacute;" coming out "Caf")
    sep = '\n' if rest[:9].upper() == '<!DOCTYPE' else ''
    return (_UTF8_DECL + sep + rest).encode('utf-8')


def _bare_amp_warning(text: str, first: int, count: int) -> str:
    """The warning for a document with bare '&'s: the XML reader's own
    error on the document as it came (read up to the first bare '&' and
    the next '<', where expat stops), and how many were escaped."""
    end = text.find('<', first)
    prefix = text if end < 0 else text[:end + 1]
    escaped = f"{count} bare '&' read as '&amp;'"
    try:
        xml.sax.parseString(_xml_bytes(prefix), xml.sax.handler.ContentHandler())
    except xml.sax.SAXException as exc:
        if 'not well-formed (invalid token)' in str(exc):
            return f'bozo: {_exc_text(exc)} ({escaped})'
    except Exception:  # noqa: BLE001 - only the warning's wording is at stake
        pass
    # an earlier error (the parse reports it, if it is still there)
    return f'xml: {escaped}'


def _parse_xml(doc: FeedDocument, text: str, headers: dict,
               warnings: tuple, fast: bool = True) -> ParsedFeed:
    data = _xml_bytes(text)
    passed = {k: headers[k] for k in _PASSED_HEADERS if headers.get(k)}
    result = None
    if fast and fastxml is not None:
        result = fastxml.parse(data, passed.get('content-language'))
    if result is None:
        # a bare '&' ('Q&A', 'AT&T') is read as the '&amp;' it means, not
        # by feedparser's loose parser (which makes 'Q&A: ' 'Q&A;: '). A
        # document the fast path read is well-formed and has none, so
        # only the others pay for the scan.
        escaped, amps, first = escape_bare_ampersands(text)
        if amps:
            warnings += (_bare_amp_warning(text, first, amps),)
            data = _xml_bytes(escaped)
            if fast and fastxml is not None:
                result = fastxml.parse(data, passed.get('content-language'))
    if result is None:
        result = _feedparser(data, passed, text)
    return _parsed(doc, text, result, warnings)


def _feedparser(data: bytes, passed: dict, text: str):
    passed = dict(passed, **{'content-type': 'application/xml; charset=utf-8'})
    try:
        return feedparser.parse(io.BytesIO(data), response_headers=passed,
                                sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # a feedparser bug must not fail the pipeline
        raise FeedRejected('parse error',
                           f'feedparser failed: {_exc_text(exc)}', text)


def _parsed(doc: FeedDocument, text: str, result, warnings: tuple) -> ParsedFeed:
    """ParsedFeed from feedparser's result (or fastxml's copy of it)."""
    version = result.get('version') or ''
    entries = result.get('entries') or []
    exc = result.get('bozo_exception') if result.get('bozo') else None
    warnings = list(warnings)

    fmt = _VERSIONS.get(version)
    if fmt is None and version in _GUESSED:
        fmt = _GUESSED[version]
        warnings.append(f'format: feedparser reports {version!r}, read as {fmt}')
    if fmt is None and entries and not _is_html(text):
        # items without a version feedparser knows: a CDF or bare <channel>
        # root, <item> elements with no <rss> around them. feedparser
        # reads them as entries; rejecting the document lost them all.
        fmt = 'atom10' if _ENTRY.search(text) and not _ITEM.search(text) else 'rss20'
        warnings.append(f'format: no RSS or Atom version (root '
                        f'{_root_name(text)!r}); {len(entries)} entries read as {fmt}')
    if fmt is None:
        raise _not_a_feed(text, exc)
    if exc is not None:
        if not entries and isinstance(exc, xml.sax.SAXException):
            raise FeedRejected('parse error',
                               f'{_exc_text(exc)} (no entries recovered)', text)
        warnings.append(f'bozo: {_exc_text(exc)}')

    channel = result.get('feed') or {}
    title = text_or_none(channel.get('title'))
    link = text_or_none(channel.get('link'))
    declared_language = text_or_none(channel.get('language'))
    info = feed_info(doc, title=title, link=link,
                     declared_language=declared_language, fmt=fmt)
    language_override = option_text(doc, 'language') is not None
    base = link_base(doc, link)
    atom = fmt.startswith('atom')
    raw = [_entry(info, position, e, atom=atom, base=base,
                  feed_language=declared_language,
                  override=language_override)
           for position, e in enumerate(entries)]
    rejections = ()
    if exc is not None and raw:
        cut = _cut_entry_start(text)
        if cut is not None:
            # the document ends inside its last entry (a cut transfer or
            # file): what feedparser's loose parser made of it is a
            # fragment (a title, no link, no body), not an article
            last = raw.pop()
            rejections = (Rejection(
                source=info.feed_url, stage='parse', reason='truncated',
                detail=f'the document ends inside this entry ({_exc_text(exc)})',
                excerpt=bound(text[cut:]), entry_key=last.instance_key),)
    return ParsedFeed(feed=info, entries=tuple(raw), rejections=rejections,
                      warnings=tuple(warnings))


def _cut_entry_start(text: str) -> Optional[int]:
    """Where the last entry starts, if the document ends inside it (after
    its start tag, before its end tag or the feed's), else None."""
    start = None
    for m in _ENTRY_START.finditer(text):
        start = m.start()
    if start is None:
        return None
    close = text.find('>', start)
    if close < 0 or text[close - 1] == '/':
        return None  # '<item' cut (no entry made of it), or '<item/>'
    if _ENTRY_OR_FEED_END.search(text, start) is not None:
        return None
    return start


def _entry(info, position: int, e, *, atom: bool, base: Optional[str],
           feed_language: Optional[str], override: bool) -> RawEntry:
    get = dict.get  # bypass FeedParserDict's updated->published fallback
    contents = get(e, 'content') or ()
    content = None
    for c in contents:
        value = c.get('value')
        if value and (content is None or len(value) > len(content)):
            content = value
    summary = text_or_none(get(e, 'summary'))
    if summary is not None and any(c.get('value') == summary for c in contents):
        # feedparser copies text/html content into a missing summary
        summary = None
    link = absolute_link(text_or_none(get(e, 'link')), base)
    language = None
    if not override:
        language = text_or_none(get(e, 'language'))
        if language is None and atom:
            detail = (contents[0] if contents else None) or \
                get(e, 'title_detail') or get(e, 'summary_detail') or {}
            lang = text_or_none(detail.get('language'))
            if lang and lang != feed_language:
                language = lang
    return RawEntry(
        feed=info, position=position,
        guid=text_or_none(get(e, 'id')),
        link=link,
        title=text_or_none(get(e, 'title')),
        summary=summary,
        content=content,
        author=_author(e),
        published_raw=text_or_none(get(e, 'published')),
        updated_raw=text_or_none(get(e, 'updated')),
        language=language)


def _author(e) -> Optional[str]:
    """The entry's author: feedparser's (the last one's, as 'name (email)'),
    or with several named authors (two ``dc:creator``, two Atom
    ``author``), all their names joined with ', ' -- not just the last.

    A name that holds another (feedparser's split of 'desk@x.example
    (Jane Doe)' can leave 'ple (Jane Doe') is the same person; a name with
    '@' or unbalanced brackets is not trusted."""
    author = text_or_none(dict.get(e, 'author'))
    authors = dict.get(e, 'authors')
    if author is None or not isinstance(authors, list) or len(authors) < 2:
        return author
    names, keys = [], []
    for a in authors:
        name = a.get('name') if isinstance(a, dict) else None
        if not isinstance(name, str):
            continue
        name = name.strip()
        if not name or '@' in name or name.count('(') != name.count(')'):
            continue
        key = ' '.join(name.split()).casefold()
        if not any(k in key or key in k for k in keys):
            names.append(name)
            keys.append(key)
    return ', '.join(names) if len(names) > 1 else author


def _exc_text(exc) -> str:
    return bound(f'{type(exc).__name__}: {exc}', 200)


def _is_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML.search(head)) and not _FEED_ROOT.search(head)


def _root_name(text: str) -> str:
    m = _ROOT.search(text)
    return m.group(1)[:40] if m else ''


def _not_a_feed(text: str, exc) -> FeedRejected:
    head = text[:4096]
    if _is_html(text):
        m = _HTML_TITLE.search(text[:20000])
        title = ' '.join(m.group(1).split()) if m else ''
        detail = f'HTML page (title: {title!r})' if title else 'HTML page'
        return FeedRejected('not a feed', detail, text)
    if exc is not None and _FEED_ROOT.search(head):
        return FeedRejected('parse error',
                            f'{_exc_text(exc)} (no feed recovered)', text)
    detail = 'no RSS, Atom or JSON Feed structure'
    if exc is not None:
        detail += f' ({_exc_text(exc)})'
    return FeedRejected('not a feed', detail, text)


__all__ = ['parse_document', 'FeedRejected', 'ParsedFeed']
