"""Read a feed stored as a file (local, gs://, s3://) into a FeedDocument."""
from __future__ import annotations

import datetime as dt
import time
import zlib

from ..model import FeedDocument, FeedSource


class FileReadFailed(Exception):
    """A feed file could not be read; ``reason`` is quarantine vocabulary."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f'{reason}: {detail}')
        self.reason, self.detail = reason, detail
        self.http_status = None
        self.excerpt = ''


_GZIP_MAGIC = b'\x1f\x8b'


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """A gzip-compressed feed saved under a plain name (feed.xml as a
    server sent it with Content-Encoding: gzip): its content, never more
    than ``max_bytes`` of it (a gzip bomb stops at the cap). Without this
    the document was quarantined as 'not a feed' with an XML syntax error.
    Names ending in .gz are decompressed by FileSystems already."""
    d = zlib.decompressobj(31)
    out = []
    size = 0
    try:
        while data:
            chunk = d.decompress(data, max_bytes + 1 - size)
            out.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise FileReadFailed('too large', f'gzip content larger than '
                                                  f'{max_bytes} bytes')
            data = d.unconsumed_tail
            if d.eof:  # another member may follow
                data = d.unused_data
                if data[:2] != _GZIP_MAGIC:
                    break
                d = zlib.decompressobj(31)
    except zlib.error as exc:
        raise FileReadFailed('read error', f'invalid gzip data: {exc}')
    if not d.eof:
        raise FileReadFailed('read error', 'gzip data ends before its end '
                                           '(truncated file?)')
    return b''.join(out)


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
    if body[:2] == _GZIP_MAGIC:
        body = _gunzip(body, max_bytes)
    return FeedDocument(source=source, body=body, headers={},
                        fetched_at=dt.datetime.now(dt.timezone.utc),
                        status='ok', http_status=None,
                        seconds=time.monotonic() - start)
