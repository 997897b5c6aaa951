"""Turn one parsed feed entry into an article row (pure; no Beam).

The row is a dict keyed by the columns of ``pipeline.schemas.ARTICLES``
minus those the later stages fill (story_id, is_canonical, duplicate_of,
similarity, ingested_at, run_id), plus ``instance_key`` which names the
entry instance (feed#position) for the dedup and write stages.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
from typing import Optional

from ..model import FeedInfo, RawEntry

_TAG = re.compile(r'<[^>]+>')
_SPACE = re.compile(r'[ \t\r\f\v]+')


class EntryRejected(ValueError):
    """The entry cannot become an article; ``reason`` is quarantine vocabulary."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f'{reason}: {detail}')
        self.reason = reason
        self.detail = detail


@dataclasses.dataclass(frozen=True)
class NormalizeSettings:
    """Run-wide normalization settings (per-feed ones travel in FeedInfo)."""
    agencies_path: Optional[str] = None  # None: the bundled registry


def html_to_text(markup: Optional[str]) -> str:
    if not markup:
        return ''
    text = html.unescape(_TAG.sub(' ', markup))
    return _SPACE.sub(' ', text).strip()


def article_id_for(guid, url, text) -> str:
    key = guid or url or text
    return hashlib.blake2b(key.encode('utf-8'), digest_size=12).hexdigest()


def normalize_article(entry: RawEntry, feed: FeedInfo,
                      settings: NormalizeSettings) -> dict:
    title = html_to_text(entry.title)
    body = html_to_text(entry.content or entry.summary)
    if not (title or body):
        raise EntryRejected('missing fields', 'entry has neither title nor text')
    import feedparser  # placeholder date handling until normalize.dates lands
    parsed = feedparser._parse_date(entry.published_raw or entry.updated_raw or '')
    published = (dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc)
                 if parsed else feed.fetched_at)
    return {
        'instance_key': entry.instance_key,
        'article_id': article_id_for(entry.guid, entry.link, title + body),
        'guid': entry.guid,
        'url': entry.link,
        'title': title,
        'summary': html_to_text(entry.summary),
        'body': body,
        'byline': entry.author,
        'publisher': feed.publisher,
        'feed_url': feed.feed_url,
        'language': (entry.language or feed.language or '').lower()[:2] or None,
        'published_at': published,
        'published_raw': entry.published_raw or entry.updated_raw,
        'published_at_source': 'feed' if parsed else 'fetched',
        'dateline_raw': None,
        'dateline_location': None,
        'dateline_country': None,
        'dateline_date': None,
        'agencies': [],
        'attributions': [],
    }
