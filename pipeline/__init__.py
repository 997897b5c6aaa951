"""wirefeed: news-wire feeds to normalized, deduplicated Parquet on Apache Beam."""
from importlib import metadata as _metadata

try:
    __version__ = _metadata.version('wirefeed')
except _metadata.PackageNotFoundError:  # running from a source tree
    __version__ = '0.0.0+source'
