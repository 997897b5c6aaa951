"""Read a feed stored as a file (local, gs://, s3://) into a FeedDocument."""
from __future__ import annotations

import datetime as dt
import time

from ..model import FeedDocument, FeedSource


class FileReadFailed(Exception):
    """A feed file could not be read; ``reason`` is quarantine vocabulary."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f'{reason}: {detail}')
        self.reason, self.detail = reason, detail
        self.http_status = None
        self.excerpt = ''


def read_feed_file(source: FeedSource, max_bytes: int) -> FeedDocument:
    """The file's bytes, refusing files larger than ``max_bytes`` (the same
    cap as for HTTP bodies) without reading them whole."""
    from apache_beam.io.filesystems import FileSystems
    start = time.monotonic()
    try:
        with FileSystems.open(source.location) as f:
            body = f.read(max_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - BeamIOError, OSError, ...
        raise FileReadFailed('read error', f'{exc.__class__.__name__}: {exc}'[:500])
    if len(body) > max_bytes:
        raise FileReadFailed('too large', f'file larger than {max_bytes} bytes')
    return FeedDocument(source=source, body=body, headers={},
                        fetched_at=dt.datetime.now(dt.timezone.utc),
                        status='ok', http_status=None,
                        seconds=time.monotonic() - start)
