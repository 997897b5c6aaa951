"""The pipeline's front stages as Beam composites: ReadFeeds, ParseEntries,
Normalize.

Each is a thin wrapper: the work is done by pure functions (``formats``,
``normalize``) and by the transport (``sources``); the DoFns here count what
they see with ``Metrics.counter`` and route every failure to a tagged
``rejected`` output (a ``Rejection``, bound for the quarantine table), so no
feed or entry is ever dropped silently. Feed-level outcomes go to a
``status`` output for the run report.
"""
from __future__ import annotations

import traceback
from typing import Dict, Sequence

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.pvalue import TaggedOutput

from .formats import FeedRejected, parse_document
from .model import FeedSource, FeedStatus, Rejection
from .normalize.article import EntryRejected, NormalizeSettings, normalize_article
from .progress import feed_done
from .sources.files import FileReadFailed, read_feed_file
from .sources.http import FetchFailed, FetchSettings, HttpFetcher
from .state.feed_state import state_row

REJECTED, STATUS, STATE = 'rejected', 'status', 'state'
_EXCERPT = 500


def _excerpt(data) -> str:
    if isinstance(data, bytes):
        data = data[:_EXCERPT * 4].decode('utf-8', 'replace')
    return (data or '')[:_EXCERPT]


class _FetchFeed(beam.DoFn):
    """FeedSource -> FeedDocument; failures -> rejected + status.

    The HTTP session lives in ``setup()`` so each worker reuses its
    connections; ``prior_states`` (ETag, Last-Modified, body hash per feed
    from earlier runs) is a small dict shipped with the DoFn.
    """

    def __init__(self, settings: FetchSettings, prior_states: Dict[str, dict]):
        self.settings = settings
        self.prior_states = prior_states
        self.fetcher = None

    def setup(self):
        self.fetcher = HttpFetcher(self.settings)
        self.fetched = Metrics.counter('read', 'feeds_fetched')
        self.failed = Metrics.counter('read', 'feeds_failed')
        self.unchanged = Metrics.counter('read', 'feeds_not_modified')

    def teardown(self):
        if self.fetcher is not None:
            self.fetcher.close()

    def process(self, source: FeedSource):
        prior = self.prior_states.get(source.location)
        try:
            if source.is_remote:
                doc = self.fetcher.fetch(source, prior)
            else:
                doc = read_feed_file(source, self.settings.with_overrides(source).max_bytes)
        except (FetchFailed, FileReadFailed) as exc:
            self.failed.inc()
            stage = 'fetch'
            yield TaggedOutput(REJECTED, Rejection(
                source=source.location, stage=stage, reason=exc.reason,
                detail=exc.detail, excerpt=_excerpt(getattr(exc, 'excerpt', ''))))
            yield TaggedOutput(STATUS, FeedStatus(
                source=source.location, status='failed', reason=exc.reason,
                detail=exc.detail, http_status=getattr(exc, 'http_status', None)))
            feed_done(source.location, 'failed', reason=exc.reason)
            return
        if doc.status == 'not_modified':
            yield TaggedOutput(STATE, state_row(doc, prior))
            self.unchanged.inc()
            yield TaggedOutput(STATUS, FeedStatus(
                source=source.location, status='not_modified',
                http_status=doc.http_status, seconds=round(doc.seconds, 3)))
            feed_done(source.location, 'not_modified')
            return
        self.fetched.inc()
        yield doc


class ReadFeeds(beam.PTransform):
    """Feed sources -> feed documents (+ ``rejected``, ``status``, ``state``
    of feeds that were not modified).

    The sources are expanded in the driver (a short list); a Reshuffle
    spreads them so a distributed runner fetches feeds in parallel.
    """

    def __init__(self, sources: Sequence[FeedSource], settings: FetchSettings,
                 prior_states: Dict[str, dict]):
        super().__init__()
        self.sources = list(sources)
        self.settings = settings
        self.prior_states = prior_states

    def expand(self, pbegin):
        return (pbegin
                | 'Sources' >> beam.Create(self.sources, reshuffle=False)
                | 'Spread' >> beam.Reshuffle()
                | 'Fetch' >> beam.ParDo(_FetchFeed(self.settings, self.prior_states))
                .with_outputs(REJECTED, STATUS, STATE, main='documents'))


class _ParseFeed(beam.DoFn):
    """FeedDocument -> RawEntry per entry; unusable documents and entries ->
    rejected; one status per document. An unexpected exception from a
    parser (a bug, not a verdict on the document) rejects that document as
    'parse error' with the exception, instead of failing the whole run."""

    def setup(self):
        self.entries = Metrics.counter('parse', 'entries')
        self.failed = Metrics.counter('parse', 'feeds_rejected')
        self.bad_entries = Metrics.counter('parse', 'entries_rejected')

    def process(self, doc):
        location = doc.source.location
        try:
            try:
                parsed = parse_document(doc)
            except FeedRejected:
                raise
            except Exception as exc:  # noqa: BLE001 - a parser bug costs the feed, not the run
                raise FeedRejected('parse error', 'parser failed: ' + ''.join(
                    traceback.format_exception_only(type(exc), exc)).strip()[:_EXCERPT]) from exc
        except FeedRejected as exc:
            self.failed.inc()
            yield TaggedOutput(REJECTED, Rejection(
                source=location, stage='parse', reason=exc.reason,
                detail=exc.detail, excerpt=_excerpt(exc.excerpt or doc.body)))
            yield TaggedOutput(STATUS, FeedStatus(
                source=location, status='failed', reason=exc.reason,
                detail=exc.detail, http_status=doc.http_status,
                seconds=round(doc.seconds, 3)))
            feed_done(location, 'failed', reason=exc.reason)
            return
        if doc.source.is_remote:
            # Remember ETag/body hash only for a document that parsed: a bot
            # wall or error page must be fetched, and quarantined, again.
            yield TaggedOutput(STATE, state_row(doc))
        for rejection in parsed.rejections:
            self.bad_entries.inc()
            yield TaggedOutput(REJECTED, rejection)
        for entry in parsed.entries:
            yield entry
        self.entries.inc(len(parsed.entries))
        yield TaggedOutput(STATUS, FeedStatus(
            source=location, status='warning' if parsed.warnings else 'ok',
            entries=len(parsed.entries) + len(parsed.rejections),
            detail='; '.join(parsed.warnings)[:_EXCERPT] or None,
            http_status=doc.http_status, seconds=round(doc.seconds, 3),
            format=parsed.feed.format, title=parsed.feed.title))
        feed_done(location, 'warning' if parsed.warnings else 'ok',
                  len(parsed.entries) + len(parsed.rejections))


class ParseEntries(beam.PTransform):
    """Feed documents -> raw entries (+ ``rejected``, ``status``, ``state``:
    the conditional-GET state of remote feeds that parsed)."""

    def expand(self, documents):
        return documents | 'Parse' >> beam.ParDo(_ParseFeed()).with_outputs(
            REJECTED, STATUS, STATE, main='entries')


class _NormalizeEntry(beam.DoFn):
    """RawEntry -> article row; an entry that cannot become one -> rejected.

    An unexpected exception on one entry is also routed to quarantine (reason
    'normalize error', with the exception) rather than failing the whole
    scheduled run; it is counted so it cannot hide.
    """

    def __init__(self, settings: NormalizeSettings):
        self.settings = settings

    def setup(self):
        self.ok = Metrics.counter('normalize', 'articles')
        self.rejected = Metrics.counter('normalize', 'rejected')
        self.errors = Metrics.counter('normalize', 'errors')

    def process(self, entry):
        try:
            row = normalize_article(entry, entry.feed, self.settings)
        except EntryRejected as exc:
            self.rejected.inc()
            yield TaggedOutput(REJECTED, Rejection(
                source=entry.feed.feed_url, stage='normalize', reason=exc.reason,
                detail=exc.detail, excerpt=_excerpt(repr(entry)),
                entry_key=entry.instance_key))
            return
        except Exception as exc:  # noqa: BLE001 - routed to quarantine, counted
            self.errors.inc()
            yield TaggedOutput(REJECTED, Rejection(
                source=entry.feed.feed_url, stage='normalize',
                reason='normalize error',
                detail=''.join(traceback.format_exception_only(type(exc), exc)).strip()[:_EXCERPT],
                excerpt=_excerpt(repr(entry)), entry_key=entry.instance_key))
            return
        self.ok.inc()
        yield row


class Normalize(beam.PTransform):
    """Raw entries -> article rows (+ ``rejected``)."""

    def __init__(self, settings: NormalizeSettings):
        super().__init__()
        self.settings = settings

    def expand(self, entries):
        return entries | 'Normalize' >> beam.ParDo(
            _NormalizeEntry(self.settings)).with_outputs(REJECTED, main='articles')
