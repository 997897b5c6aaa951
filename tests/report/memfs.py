"""An in-memory object store under ``mem://`` for Beam's FileSystems (test
code only): files in a dict, no folders, names listed by prefix, as on GCS
or S3. Nothing but FileSystems can read it (DuckDB, open() and os.path see
no such path), so a reader that works on ``mem://`` reads through
FileSystems, as it must for ``gs://`` and ``s3://``.

Importing this module registers the scheme (Beam finds FileSystem
subclasses by their ``scheme()``).
"""
from __future__ import annotations

import io
import posixpath
import time

from apache_beam.io.filesystem import BeamIOError, FileMetadata, FileSystem

#: path -> (bytes, last updated, in seconds)
FILES: dict = {}


class _Upload(io.BytesIO):
    """A write channel: the object appears, whole, when it is closed."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def close(self):
        if not self.closed:
            FILES[self.path] = (self.getvalue(), time.time())
        super().close()


class MemoryFileSystem(FileSystem):

    @classmethod
    def scheme(cls):
        return 'mem'

    def join(self, basepath, *paths):
        return '/'.join([basepath.rstrip('/')] + [p.strip('/') for p in paths])

    def split(self, path):
        return posixpath.split(path.rstrip('/'))

    def mkdirs(self, path):
        pass                    # an object store has no folders

    def has_dirs(self):
        return False

    def _list(self, dir_or_prefix):
        for path, (data, updated) in sorted(FILES.items()):
            if path.startswith(dir_or_prefix):
                yield FileMetadata(path, len(data), updated)

    def create(self, path, mime_type='application/octet-stream',
               compression_type=None):
        return _Upload(path)

    def open(self, path, mime_type='application/octet-stream',
             compression_type=None):
        if path not in FILES:
            raise BeamIOError('no such object', {path: FileNotFoundError(path)})
        return io.BytesIO(FILES[path][0])

    def copy(self, source_file_names, destination_file_names):
        for src, dst in zip(source_file_names, destination_file_names):
            FILES[dst] = FILES[src]

    def rename(self, source_file_names, destination_file_names):
        for src, dst in zip(source_file_names, destination_file_names):
            FILES[dst] = FILES.pop(src)

    def delete(self, paths):
        for path in paths:
            FILES.pop(path, None)

    def exists(self, path):
        return path in FILES

    def size(self, path):
        return len(FILES[path][0])

    def last_updated(self, path):
        return FILES[path][1]

    def checksum(self, path):
        return str(hash(FILES[path][0]))

    def metadata(self, path):
        data, updated = FILES[path]
        return FileMetadata(path, len(data), updated)
