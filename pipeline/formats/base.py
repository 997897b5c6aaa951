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
    the entries that could not be read at all, and recoverable problems.

    A rejected entry's reason is 'parse error' (a JSON Feed item that is
    not an object) or 'truncated' (the document ends inside the entry)."""
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


def mark_shared_identifiers(parsed: ParsedFeed) -> ParsedFeed:
    """Flag the guids and links of a document that do not name one entry.

    An article's guid or link is its identity across feeds and runs, but
    only if it names one article. Podcast and small-site feeds give every
    item the site's home page as its link, or one guid to all of them; taken
    as identities, all their items would be one article and all but one
    dropped as repeats. So within the document a guid (link) that two
    entries carry with different content is flagged ``shared_guid``
    (``shared_link``) on those entries, and so is a link that is the feed's
    own home page. Two entries alike in everything are one article listed
    twice, and keep their identity.
    """
    entries = parsed.entries
    if not entries:
        return parsed
    home = _link_form(parsed.feed.link)
    shared_guids = _shared(entries, lambda e: e.guid,
                           lambda e: (e.link, e.title, e.summary, e.content))
    shared_links = _shared(entries, lambda e: e.link,
                           lambda e: (e.guid, e.title, e.summary, e.content))
    if home:
        shared_links |= {e.link for e in entries if _link_form(e.link) == home}
    if not shared_guids and not shared_links:
        return parsed
    flagged = []
    for e in entries:
        guid_shared = e.guid in shared_guids
        link_shared = e.link in shared_links
        flagged.append(dataclasses.replace(e, shared_guid=guid_shared, shared_link=link_shared)
                       if guid_shared or link_shared else e)
    return dataclasses.replace(parsed, entries=tuple(flagged))


def _shared(entries, value_of, content_of) -> set:
    """Values (non-empty) that entries with different content share."""
    seen: dict = {}
    shared = set()
    for e in entries:
        value = value_of(e)
        if not value or not value.strip() or value in shared:
            continue
        content = content_of(e)
        first = seen.setdefault(value, content)
        if first != content:
            shared.add(value)
    return shared


def _link_form(url: Optional[str]) -> Optional[str]:
    """A link as compared with the home page: trimmed, no trailing slash,
    scheme and host in lower case."""
    if not url or not url.strip():
        return None
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:  # e.g. a broken IPv6 host
        return url.strip()
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(),
                                    parts.path.rstrip('/'), parts.query, ''))


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


def link_base(doc: FeedDocument, site: Optional[str]) -> Optional[str]:
    """What an entry's relative link is resolved against: the document's
    URL, or for a document read from a file (no URL of its own) the site
    link the feed gives (RSS channel link, JSON Feed home_page_url) when
    it is http(s)."""
    if doc.source.is_remote:
        return doc.source.location
    site = (site or '').strip()
    return site if site.startswith(('http://', 'https://')) else None


def absolute_link(link: Optional[str], base: Optional[str]) -> Optional[str]:
    """``link`` resolved against ``base`` where it is relative ("/news/a",
    "a.html"); absolute links and other schemes (mailto:, urn:, tag:,
    data:) as they are."""
    if link and base and '://' not in link and not link.startswith(
            ('mailto:', 'urn:', 'tag:', 'data:')):
        return urllib.parse.urljoin(base, link.strip())
    return link


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
