"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which
feedparser 6.0.14 does not read, into the same shapes as RSS/Atom."""
from __future__ import annotations

import json
import math
from typing import Optional

from ..model import FeedDocument, RawEntry, Rejection
from .base import (FeedRejected, ParsedFeed, absolute_link, bound, feed_info, link_base,
                   option_text, text_or_none)
from .safety import clean_json_value

_PREFIXES = ('https://jsonfeed.org/version/', 'http://jsonfeed.org/version/')
_FORMATS = {'1': 'jsonfeed10', '1.0': 'jsonfeed10', '1.1': 'jsonfeed11'}
_text = text_or_none


def looks_like_json(text: str) -> bool:
    """True for a document that is JSON rather than markup (text is
    already stripped of leading whitespace/BOM)."""
    return text[:1] in ('{', '[')


def parse_jsonfeed(doc: FeedDocument, text: str, headers: dict,
                   warnings: tuple = ()) -> ParsedFeed:
    try:
        # strict=False: a raw control character in a string (forbidden by
        # JSON) costs that character (clean_json_value), not the feed
        data = json.loads(text, strict=False)
        data, cleaned = clean_json_value(text, data)
    except (ValueError, RecursionError) as exc:
        if 'jsonfeed.org/version' in text[:4096]:
            raise FeedRejected('parse error', f'invalid JSON Feed: {exc}', text)
        raise FeedRejected('not a feed', f'invalid JSON: {exc}', text)
    version = data.get('version') if isinstance(data, dict) else None
    if not (isinstance(version, str) and version.startswith(_PREFIXES)):
        what = (f'version {bound(version, 80)!r}' if isinstance(version, str)
                else f'a JSON {type(data).__name__} without a JSON Feed version')
        raise FeedRejected('not a feed', f'JSON document is not a JSON Feed ({what})',
                           text)
    warnings = list(warnings) + list(cleaned)
    number = version.rstrip('/').rsplit('/', 1)[-1]
    fmt = _FORMATS.get(number)
    if fmt is None:
        fmt = 'jsonfeed11'
        warnings.append(f'format: unknown JSON Feed version {bound(version, 80)!r}, '
                        f'read as 1.1')

    title = _text(data.get('title'))
    link = _text(data.get('home_page_url'))
    declared_language = _text(data.get('language')) or \
        text_or_none(headers.get('content-language'))
    info = feed_info(doc, title=title, link=link,
                     declared_language=declared_language, fmt=fmt)
    override = option_text(doc, 'language') is not None
    base = link_base(doc, link)

    items = data.get('items')
    if items is None:
        warnings.append('jsonfeed: no "items" array')
        items = []
    elif not isinstance(items, list):
        raise FeedRejected('parse error',
                           f'JSON Feed "items" is a {type(items).__name__}, '
                           f'not an array', text)

    entries, rejections = [], []
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            rejections.append(Rejection(
                source=info.feed_url, stage='parse', reason='parse error',
                detail=f'JSON Feed item {position} is a '
                       f'{type(item).__name__}, not an object',
                excerpt=bound(json.dumps(item, ensure_ascii=False)),
                entry_key=f'{info.feed_url}#{position}'))
            continue
        entries.append(_entry(info, position, item, override, base))
    return ParsedFeed(feed=info, entries=tuple(entries),
                      rejections=tuple(rejections), warnings=tuple(warnings))


def _entry(info, position: int, item: dict, override: bool,
           base: Optional[str]) -> RawEntry:
    guid = item.get('id')
    if isinstance(guid, (int, float)) and not isinstance(guid, bool):
        # the spec says string; some feeds write numbers (NaN and Infinity,
        # which Python's json reads, name nothing: 'nan' would be one id
        # for every such item of every feed)
        guid = str(guid) if math.isfinite(guid) else None
    content = _text(item.get('content_html')) or _text(item.get('content_text'))
    return RawEntry(
        feed=info, position=position,
        guid=_text(guid),
        link=absolute_link(_text(item.get('url')) or _text(item.get('external_url')), base),
        title=_text(item.get('title')),
        summary=_text(item.get('summary')),
        content=content,
        author=_authors(item),
        published_raw=_text(item.get('date_published')),
        updated_raw=_text(item.get('date_modified')),
        language=None if override else _text(item.get('language')))


def _authors(item: dict) -> Optional[str]:
    """1.1 ``authors`` (list of objects), else 1.0 ``author`` (object):
    the names joined with ', '."""
    authors = item.get('authors')
    if not isinstance(authors, list) or not authors:
        author = item.get('author')
        authors = [author] if author is not None else []
    names = []
    for a in authors:
        name = a.get('name') if isinstance(a, dict) else a
        if isinstance(name, str) and name.strip():
            names.append(name)
    return ', '.join(names) or None
