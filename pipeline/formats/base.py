"""Records and small helpers shared by the format parsers."""
from __future__ import annotations

import dataclasses
import urllib.parse
from typing import Optional, Tuple

from ..model import FeedDocument, FeedInfo, RawEntry, Rejection

EXCERPT_CHARS = 500

#: The only values ``FeedInfo.format`` takes.
FORMATS = ('rss090', 'rss091', 'rss092', 'rss10', 'rss20',
           'atom03', 'atom10', 'jsonfeed10', 'jsonfeed11')


@dataclasses.dataclass(frozen=True)
class ParsedFeed:
    """One feed document read: its facts, its entries in document order,
    the entries that could not be read at all, and recoverable problems."""
    feed: FeedInfo
    entries: Tuple[RawEntry, ...]
    rejections: Tuple[Rejection, ...] = ()
    warnings: Tuple[str, ...] = ()


class FeedRejected(Exception):
    """The document is not usable as a feed.

    ``reason`` is one of 'empty body', 'not a feed', 'parse error',
    'unsafe xml'; ``excerpt`` is at most 500 characters of the decoded body.
    """

    def __init__(self, reason: str, detail: str, excerpt: str = ''):
        super().__init__(f'{reason}: {detail}')
        self.reason = reason
        self.detail = detail
        self.excerpt = bound(excerpt)


def bound(text: Optional[str], limit: int = EXCERPT_CHARS) -> str:
    return (text or '')[:limit]


def text_or_none(value) -> Optional[str]:
    """A feed's string as-is (never stripped); '' and non-strings -> None."""
    if isinstance(value, str):
        return value or None
    return None


def host_of(url: Optional[str]) -> Optional[str]:
    if not url or '//' not in url:
        return None
    try:
        host = urllib.parse.urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host or None


def option_text(doc: FeedDocument, name: str) -> Optional[str]:
    value = doc.source.option(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def feed_info(doc: FeedDocument, *, title: Optional[str], link: Optional[str],
              declared_language: Optional[str], fmt: str) -> FeedInfo:
    """FeedInfo with the per-feed options applied (publisher, language,
    timezone override what the document says)."""
    location = doc.source.location
    publisher = (option_text(doc, 'publisher')
                 or (title if title and title.strip() else None)
                 or host_of(link) or host_of(location) or location)
    language = option_text(doc, 'language') or declared_language or None
    return FeedInfo(feed_url=location, title=title, link=link,
                    language=language, publisher=publisher, format=fmt,
                    fetched_at=doc.fetched_at,
                    timezone=option_text(doc, 'timezone'))


def lower_headers(headers) -> dict:
    if not headers:
        return {}
    return {str(k).lower(): str(v) for k, v in headers.items()}
