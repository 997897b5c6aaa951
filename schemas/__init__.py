"""wirefeed's output contract: the Arrow schemas of every table it writes.

This folder is the source of truth. It is installed as ``pipeline.schemas``
(see setup.py), imported by the Parquet writer, and rendered into
``schemas/*.md`` and ``schemas/bigquery/*.json`` by ``python -m
pipeline.schemas.generate``. A test fails when the rendered files and these
definitions diverge.

Every field carries a human-readable ``description`` in its metadata. The
version is written into each Parquet file's key-value metadata under
``wirefeed.schema_version``; bump MAJOR for a change a reader must handle
(removed or retyped column), MINOR for an added column.
"""
from .tables import (  # noqa: F401
    ARTICLES, PARTITION_COLUMN, PARTITIONS, QUARANTINE, SCHEMA_VERSION, STORIES, TABLES,
    column_descriptions, schema_metadata,
)
