"""Plain records that travel between the pipeline's stages.

They are small frozen dataclasses so that domain code (formats, normalize,
dedup) can be tested without Beam, and so that Beam pickles them cheaply.
Article rows themselves are plain dicts keyed by the column names of
``pipeline.schemas`` because that is what the Parquet writer consumes.
"""
from __future__ import annotations

import dataclasses
from typing import Mapping, Optional, Tuple


@dataclasses.dataclass(frozen=True)
class FeedSource:
    """One feed to read: a URL or a path Beam's FileSystems can open.

    ``options`` holds per-feed overrides from the config (publisher,
    timezone, language, fetch bounds), as a tuple of pairs so the record
    stays hashable.
    """
    location: str
    options: Tuple[Tuple[str, object], ...] = ()

    def option(self, name: str, default=None):
        for key, value in self.options:
            if key == name:
                return value
        return default

    @property
    def is_remote(self) -> bool:
        return self.location.startswith(('http://', 'https://'))


@dataclasses.dataclass(frozen=True)
class FeedDocument:
    """The bytes of one feed as fetched or read, with transport facts."""
    source: FeedSource
    body: bytes
    headers: Mapping[str, str]
    fetched_at: object  # datetime (UTC) of the read
    status: str = 'ok'   # ok | not_modified
    http_status: Optional[int] = None
    seconds: float = 0.0


@dataclasses.dataclass(frozen=True)
class FeedInfo:
    """Feed-level facts every entry of the feed shares."""
    feed_url: str
    title: Optional[str]
    link: Optional[str]
    language: Optional[str]
    publisher: str
    format: str  # e.g. rss20, atom10, rss10, jsonfeed
    fetched_at: object  # datetime (UTC)
    timezone: Optional[str] = None  # zone assumed for dates without one


@dataclasses.dataclass(frozen=True)
class RawEntry:
    """One entry as the format parser found it, before normalization.

    Text fields are the feed's own (possibly HTML); dates are the raw
    strings. ``position`` is the entry's index within its feed document,
    which with ``feed.feed_url`` names the entry instance uniquely in a run.
    """
    feed: FeedInfo
    position: int
    guid: Optional[str]
    link: Optional[str]
    title: Optional[str]
    summary: Optional[str]
    content: Optional[str]
    author: Optional[str]
    published_raw: Optional[str]
    updated_raw: Optional[str]
    language: Optional[str]
    # the guid / link does not name this entry alone (see
    # formats.base.mark_shared_identifiers): not an identity of the article
    shared_guid: bool = False
    shared_link: bool = False

    @property
    def instance_key(self) -> str:
        return f'{self.feed.feed_url}#{self.position}'


@dataclasses.dataclass(frozen=True)
class Rejection:
    """A feed or entry that could not be used, bound for quarantine.

    ``reason`` is one of the fixed vocabulary in ``pipeline.sinks.quarantine``;
    ``detail`` is free text; ``excerpt`` is a bounded piece of the input.
    """
    source: str
    stage: str
    reason: str
    detail: str
    excerpt: str = ''
    entry_key: Optional[str] = None

    def as_row(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class FeedStatus:
    """What happened to one feed, for the run report."""
    source: str
    status: str  # ok | not_modified | failed | warning
    entries: int = 0
    reason: Optional[str] = None
    detail: Optional[str] = None
    http_status: Optional[int] = None
    seconds: float = 0.0
    format: Optional[str] = None
    title: Optional[str] = None

    def as_row(self) -> dict:
        return dataclasses.asdict(self)
