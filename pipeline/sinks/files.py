"""Parquet files of the output tables: rows to Arrow, names, paths.

Pure functions plus FileSystems I/O (so gs:// and s3:// work); no Beam
transforms here. Rows are turned into Arrow column by column against the
schemas in ``pipeline.schemas`` (the contract), never inferred.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import posixpath
from typing import Dict, Iterable, List, Optional, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from ..schemas import PARTITIONS, TABLES, schema_metadata
#: Column whose value names a row in a file name's content hash.
ROW_KEYS = {'articles': 'article_id', 'stories': 'story_id',
            'quarantine': 'entry_key'}
#: Rows per row group: large enough for efficient scans (tens of MB of
#: text per group), small enough that a reader streams them.
ROW_GROUP_ROWS = 64_000
COMPRESSION = 'zstd'
STAGING = '_staging'


def fs():
    from apache_beam.io.filesystems import FileSystems
    return FileSystems


def join(base: str, *parts: str) -> str:
    return fs().join(base, *parts)


def file_schema(table: str) -> pa.Schema:
    """The schema inside the files: the contract minus the partition column,
    with the schema version in the key-value metadata."""
    schema = TABLES[table]
    part = PARTITIONS[table]
    if part in schema.names:
        schema = schema.remove(schema.get_field_index(part))
    return schema.with_metadata(schema_metadata(table))


def partition_value(table: str, row: dict) -> str:
    """The Hive partition folder of ``row``, e.g. ``published_date=2026-03-17``."""
    if table == 'quarantine':
        when = row['quarantined_at']
    else:
        when = row['published_at']
    day = when.astimezone(dt.timezone.utc).date() if isinstance(when, dt.datetime) else when
    return f'{PARTITIONS[table]}={day.isoformat()}'


#: Columns the dedup verdict and the run add to a normalized article.
VERDICT_COLUMNS = ('story_id', 'is_canonical', 'duplicate_of', 'similarity',
                   'ingested_at', 'run_id')


def pending_schema() -> pa.Schema:
    """Normalized articles waiting for their dedup verdict (staging only):
    the articles file schema without the verdict columns, plus the entry
    instance key the verdicts are keyed by."""
    schema = file_schema('articles')
    for name in VERDICT_COLUMNS:
        schema = schema.remove(schema.get_field_index(name))
    return schema.append(pa.field('instance_key', pa.string(), nullable=False))


def rows_to_arrow(schema: pa.Schema, rows: Sequence[dict]) -> pa.Table:
    """Rows (dicts keyed by column name) as an Arrow table of ``schema``,
    built column-wise (never inferred); extra keys are ignored."""
    arrays = []
    for field in schema:
        values = [row.get(field.name) for row in rows]
        if pa.types.is_dictionary(field.type):
            arrays.append(pa.array(values, type=field.type.value_type)
                          .dictionary_encode().cast(field.type))
        else:
            arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def rows_to_table(table: str, rows: Sequence[dict]) -> pa.Table:
    """Rows as an Arrow table of ``table``'s file schema."""
    return rows_to_arrow(file_schema(table), rows)


def file_name(run_id: str, table: str, keys: Iterable[str]) -> str:
    """``part-<run_id>-<hash>.parquet``: the run id lets a re-run of the same
    run find and replace its files; the hash of the rows' keys makes a
    retried bundle with the same rows produce the same name (no duplicate
    file)."""
    digest = hashlib.blake2b(digest_size=8)
    for key in sorted(keys):
        digest.update(key.encode('utf-8'))
        digest.update(b'\n')
    return f'part-{run_id}-{digest.hexdigest()}.parquet'


def row_keys(table: str, rows: Sequence[dict]) -> List[str]:
    """What names each row in a file-name hash (quarantine rows of a feed
    have no entry key: source and reason name them)."""
    if table == 'quarantine':
        return [f"{r.get('entry_key') or r.get('source')}|{r.get('reason')}" for r in rows]
    return [str(r.get(ROW_KEYS[table])) for r in rows]


def write_parquet(path: str, arrow_table: pa.Table) -> int:
    """Write one zstd Parquet file through FileSystems; returns its size."""
    buf = io.BytesIO()
    pq.write_table(arrow_table, buf, compression=COMPRESSION,
                   row_group_size=ROW_GROUP_ROWS, use_dictionary=True)
    data = buf.getvalue()
    with fs().create(path) as f:
        f.write(data)
    return len(data)


def read_parquet(path: str, columns: Optional[Sequence[str]] = None) -> pa.Table:
    """A Parquet file read through FileSystems. With ``columns``, only those
    of them the file has (a column an older schema lacks is left out), and
    only their column chunks are fetched."""
    with fs().open(path) as f:
        if columns is None:
            return pq.read_table(pa.BufferReader(f.read()))
        parquet = pq.ParquetFile(f)
        names = set(parquet.schema_arrow.names)
        return parquet.read(columns=[c for c in columns if c in names])


def staged_path(output: str, run_id: str, rel_path: str) -> str:
    return join(output, STAGING, run_id, rel_path)


def list_files(pattern: str, limit: Optional[int] = None) -> List[str]:
    """Paths matching a FileSystems glob (at most ``limit``); nothing when
    the folder is absent."""
    try:
        results = fs().match([pattern], None if limit is None else [limit])
    except Exception:  # noqa: BLE001 - BeamIOError when nothing matches
        return []
    return sorted(m.path for r in results for m in r.metadata_list)


def is_remote(path: str) -> bool:
    """A URL (gs://, s3://...) rather than a local path."""
    return '://' in path


def output_exists(output: str) -> bool:
    """A local folder, or a remote prefix with at least one file under it
    (object stores have no folders)."""
    if not is_remote(output):
        return os.path.isdir(output)
    return bool(list_files(join(output, '**'), limit=1))


def relative(output: str, path: str) -> str:
    base = output.rstrip('/') + '/'
    if path.startswith(base):
        return path[len(base):]
    absolute = posixpath.abspath(base) + '/'
    return path[len(absolute):] if path.startswith(absolute) else path


def committed_partition_files(output: str, table: str, partition: str) -> List[str]:
    """Committed Parquet files of one partition (hidden and temp files skipped)."""
    return [p for p in list_files(join(output, table, partition, '*.parquet'))
            if not posixpath.basename(p).startswith(('.', '_'))]


def write_staged_table(output: str, run_id: str, table: str, partition: str,
                       arrow_table: pa.Table, keys: Iterable[str],
                       supersedes: Optional[Iterable[str]] = None) -> Dict:
    """Write one partition's Arrow table into the run's staging area; the
    record returned is what the commit needs to publish the file."""
    rel = join(table, partition, file_name(run_id, table, keys))
    size = write_parquet(staged_path(output, run_id, rel), arrow_table)
    return {'table': table, 'path': rel, 'rows': arrow_table.num_rows, 'bytes': size,
            'supersedes': sorted(supersedes or ())}


def write_staged_rows(output: str, run_id: str, table: str, partition: str,
                      rows: Sequence[dict],
                      supersedes: Optional[Iterable[str]] = None) -> Dict:
    """``write_staged_table`` for rows given as dicts."""
    return write_staged_table(output, run_id, table, partition,
                              rows_to_table(table, rows), row_keys(table, rows), supersedes)
