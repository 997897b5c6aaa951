"""Find the output tables and run reports of a wirefeed output folder, and
select the rows of one run or of a date range into DuckDB.

The folder follows the output contract (``schemas/``, README)::

    DIR/articles/published_date=YYYY-MM-DD/*.parquet
    DIR/stories/published_date=YYYY-MM-DD/*.parquet
    DIR/quarantine/quarantined_date=YYYY-MM-DD/*.parquet
    DIR/_runs/<run_id>.json

Anything whose name starts with ``_`` or ``.`` under a table (staging
folders, temporary files) is not part of the table and is never read.

``DIR`` is a local folder or a ``gs://`` / ``s3://`` prefix: files are
listed and read through Beam's FileSystems (:mod:`pipeline.sinks.files`),
as the pipeline wrote them, so the report needs the pipeline's credentials
and nothing else.

:func:`open_selection` leaves three small temporary tables in an in-memory
DuckDB connection, holding only the columns the report uses:

* ``sel_articles``: the selected articles;
* ``sel_stories``: one row per story of the selected articles (the row
  written by the selected run when there is one, else the newest);
* ``sel_quarantine``: the selected quarantine rows.

Every query in :mod:`pipeline.report.queries` reads only those tables.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from typing import Dict, List, Optional, Sequence

import duckdb
import pyarrow as pa

from ..schemas import PARTITIONS, TABLES
from ..sinks.commit import read_json
from ..sinks.files import fs, join, list_files, output_exists, read_parquet, relative

#: table -> the columns the report reads. A column missing from every file
#: reads as NULL, so a report still renders over files written by an older
#: schema.
_REPORT_COLUMNS = {
    'articles': ('article_id', 'title', 'url', 'publisher', 'feed_url',
                 'language', 'published_at', 'dateline_location',
                 'dateline_country', 'agencies', 'story_id', 'is_canonical',
                 'run_id'),
    'stories': ('story_id', 'title', 'url', 'publisher', 'published_at',
                'dateline_location', 'dateline_country', 'agencies',
                'article_count', 'publishers', 'first_seen', 'last_seen',
                'run_id'),
    'quarantine': ('source', 'stage', 'reason', 'detail', 'entry_key',
                   'run_id', 'quarantined_at'),
}


def _duckdb_type(t: pa.DataType) -> str:
    """The DuckDB type a report column is read as, from its Arrow type in
    schemas/ (the one source of truth for column types)."""
    if pa.types.is_dictionary(t):
        return _duckdb_type(t.value_type)
    if pa.types.is_list(t):
        return _duckdb_type(t.value_type) + '[]'
    if pa.types.is_timestamp(t):
        return 'TIMESTAMPTZ' if t.tz else 'TIMESTAMP'
    simple = {pa.string(): 'VARCHAR', pa.bool_(): 'BOOLEAN',
              pa.int32(): 'INTEGER', pa.int64(): 'BIGINT',
              pa.float32(): 'FLOAT', pa.date32(): 'DATE'}
    if t in simple:
        return simple[t]
    raise TypeError(f'no DuckDB type for report column type {t}')


#: table -> (partition column, {column: DuckDB type}).
COLUMNS: Dict[str, tuple] = {
    table: (PARTITIONS[table],
            {name: _duckdb_type(TABLES[table].field(name).type)
             for name in names})
    for table, names in _REPORT_COLUMNS.items()}

_PARTITION = re.compile(r'^([a-z_]+)=(\d{4}-\d{2}-\d{2})$')


class ReportError(ValueError):
    """The report cannot be built (no such folder or run, bad range); the
    message is one line meant for the user."""


@dataclasses.dataclass
class Selection:
    """What the report covers, as resolved from the caller's arguments."""
    output_dir: str
    run_id: Optional[str] = None
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    #: The run reports (``_runs/*.json`` dicts) of the selected run(s),
    #: oldest first. Filled by :func:`open_selection`.
    runs: List[dict] = dataclasses.field(default_factory=list)
    #: How the selection was chosen: 'run' (given), 'last run' (default),
    #: 'dates' (range only), 'all' (no run reports and nothing given).
    mode: str = 'all'

    def describe(self) -> str:
        parts = []
        if self.run_id:
            parts.append(f'run {self.run_id}'
                         + (' (the latest run)' if self.mode == 'last run'
                            else ''))
        if self.since or self.until:
            parts.append('published '
                         + (self.since.isoformat() if self.since else '…')
                         + ' to '
                         + (self.until.isoformat() if self.until else '…'))
        return ', '.join(parts) or 'all runs in the folder'


def _hidden(name: str) -> bool:
    return name.startswith(('_', '.'))


def _partition_day(table: str, output_dir: str,
                   path: str) -> Optional[dt.date]:
    """The date of the ``<partition>=<date>`` folder that ``path`` lies
    directly in, directly under the table folder; None for any other
    place (staging, hidden, loose or misnamed)."""
    folder, _, name = relative(join(output_dir, table), path).partition('/')
    m = _PARTITION.match(folder)
    if not m or m.group(1) != COLUMNS[table][0] or '/' in name \
            or _hidden(name):
        return None
    try:
        return dt.date.fromisoformat(m.group(2))
    except ValueError:
        return None


def table_files(output_dir: str, table: str,
                since: Optional[dt.date] = None,
                until: Optional[dt.date] = None) -> List[str]:
    """The Parquet files of ``table``, sorted: only ``<partition>=<date>``
    folders directly under the table folder, skipping hidden or staging
    names (``_*``, ``.*``), and partitions outside [since, until]."""
    files = []
    for path in list_files(join(output_dir, table,
                                COLUMNS[table][0] + '=*', '*.parquet')):
        day = _partition_day(table, output_dir, path)
        if day and not (since and day < since) and \
                not (until and day > until):
            files.append(path)
    return files


def _parse_time(value) -> Optional[dt.datetime]:
    if not value or not isinstance(value, str):
        return None
    try:
        t = dt.datetime.fromisoformat(value.replace('Z', '+00:00'))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def load_runs(output_dir: str) -> List[dict]:
    """Every readable run report in ``DIR/_runs``, oldest first (by
    finished_at, else started_at, else the file's modification time). The
    parsed instants are added as ``_finished`` / ``_started``."""
    runs = []
    for path in list_files(join(output_dir, '_runs', '*.json')):
        name = posixpath.basename(path)
        if name.startswith('.'):
            continue
        try:
            run = read_json(path)
        except (OSError, ValueError):
            continue
        if not isinstance(run, dict):
            continue
        run.setdefault('run_id', name[:-len('.json')])
        run['run_id'] = str(run['run_id'])
        run['_started'] = _parse_time(run.get('started_at'))
        run['_finished'] = _parse_time(run.get('finished_at'))
        run['_order'] = run['_finished'] or run['_started'] or \
            dt.datetime.fromtimestamp(fs().last_updated(path),
                                      dt.timezone.utc)
        runs.append(run)
    runs.sort(key=lambda r: (r['_order'], r['run_id']))
    return runs


def _load(con, name: str, output_dir: str, table: str, files: Sequence[str],
          where: str = '', params: Sequence = ()) -> None:
    """Create the temporary table ``name`` with the report columns of
    ``table`` and its partition column, and fill it with the rows of
    ``files`` that pass ``where`` (an SQL condition on those columns).

    Each file is read through FileSystems, one at a time and only the
    report columns it has (a column missing from a file, written by an
    older schema, reads as NULL); the partition column comes from the
    file's folder."""
    partition, columns = COLUMNS[table]
    con.execute(f'CREATE OR REPLACE TEMP TABLE {name} ('
                + ', '.join(f'{c} {t}' for c, t in columns.items())
                + f', {partition} DATE)')
    cond = f' WHERE {where}' if where else ''
    for path in files:
        data = read_parquet(path, columns=list(columns))
        cols = ', '.join(
            f'CAST({c} AS {t}) AS {c}' if c in data.column_names
            else f'CAST(NULL AS {t}) AS {c}' for c, t in columns.items())
        con.register('report_file', data)
        try:
            con.execute(
                f'INSERT INTO {name} SELECT * FROM (SELECT {cols}, '
                f'CAST(? AS DATE) AS {partition} FROM report_file){cond}',
                [_partition_day(table, output_dir, path), *params])
        finally:
            con.unregister('report_file')


def connect() -> 'duckdb.DuckDBPyConnection':
    """An in-memory DuckDB connection that reads instants in UTC."""
    con = duckdb.connect(':memory:')
    con.execute("SET TimeZone = 'UTC'")
    return con


def resolve(output_dir: str, run_id: Optional[str] = None,
            since: Optional[dt.date] = None,
            until: Optional[dt.date] = None) -> Selection:
    """Check the arguments and pick the run reports the report covers
    (without reading any Parquet)."""
    if not output_exists(output_dir):
        raise ReportError(f'no such output folder: {output_dir}')
    if since and until and since > until:
        raise ReportError(f'empty date range: {since} is after {until}')
    runs = load_runs(output_dir)
    sel = Selection(output_dir, run_id, since, until)
    if run_id is not None:
        sel.mode = 'run'
        sel.runs = [r for r in runs if r['run_id'] == run_id]
    elif since or until:
        sel.mode = 'dates'
        sel.runs = runs  # narrowed to the runs seen in the rows later
    elif runs:
        sel.mode = 'last run'
        sel.run_id = runs[-1]['run_id']
        sel.runs = [runs[-1]]
    else:
        sel.mode = 'all'
    return sel


def open_selection(output_dir: str, run_id: Optional[str] = None,
                   since: Optional[dt.date] = None,
                   until: Optional[dt.date] = None, con=None):
    """(connection, Selection) with ``sel_articles``, ``sel_stories`` and
    ``sel_quarantine`` filled for the run / date range (see module doc)."""
    sel = resolve(output_dir, run_id, since, until)
    con = con or connect()
    # (the date range picks the partitions read)
    where, params = ('run_id = ?', [sel.run_id]) if sel.run_id is not None \
        else ('', [])
    _load(con, 'sel_articles', output_dir, 'articles',
          table_files(output_dir, 'articles', sel.since, sel.until),
          where, params)
    _load(con, 'sel_quarantine', output_dir, 'quarantine',
          table_files(output_dir, 'quarantine', sel.since, sel.until),
          where, params)
    # A story's row lives in the partition of its canonical article, which
    # may lie outside the date range: read every stories partition.
    _load(con, 'report_stories', output_dir, 'stories',
          table_files(output_dir, 'stories'),
          'story_id IN (SELECT story_id FROM sel_articles)')
    con.execute(
        'CREATE OR REPLACE TEMP TABLE sel_stories AS '
        'SELECT * FROM report_stories '
        'QUALIFY row_number() OVER (PARTITION BY story_id ORDER BY '
        '(run_id IS NOT DISTINCT FROM ?) DESC, last_seen DESC NULLS LAST, '
        'article_count DESC NULLS LAST, run_id DESC NULLS LAST) = 1',
        [sel.run_id])
    con.execute('DROP TABLE report_stories')

    if sel.mode == 'run' and not sel.runs:
        n = con.execute('SELECT count(*) FROM sel_articles').fetchone()[0]
        q = con.execute('SELECT count(*) FROM sel_quarantine').fetchone()[0]
        if not n and not q:
            raise ReportError(f'no run {run_id!r} in {output_dir}: no run '
                              'report and no rows written by it')
    if sel.mode in ('dates', 'all'):
        seen = {r[0] for r in con.execute(
            'SELECT DISTINCT run_id FROM sel_articles UNION '
            'SELECT DISTINCT run_id FROM sel_quarantine').fetchall()}
        sel.runs = [r for r in load_runs(output_dir)
                    if r['run_id'] in seen or _started_in(r, sel)]
    return con, sel


def _started_in(run: dict, sel: Selection) -> bool:
    """A run that wrote nothing (all feeds not modified, say) still belongs
    to a date range when it started inside it."""
    if sel.mode == 'all':
        return True
    start = run.get('_started') or run.get('_finished')
    if not start:
        return False
    day = start.astimezone(dt.timezone.utc).date()
    return (not sel.since or day >= sel.since) and \
        (not sel.until or day <= sel.until)
