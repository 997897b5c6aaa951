"""Find the output tables and run reports of a wirefeed output folder, and
select the rows of one run or of a date range into DuckDB.

The folder follows the output contract (``schemas/``, README)::

    DIR/articles/published_date=YYYY-MM-DD/*.parquet
    DIR/stories/published_date=YYYY-MM-DD/*.parquet
    DIR/quarantine/quarantined_date=YYYY-MM-DD/*.parquet
    DIR/_runs/<run_id>.json

Anything whose name starts with ``_`` or ``.`` under a table (staging
folders, temporary files) is not part of the table and is never read.

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
import json
import os
import re
from typing import Dict, List, Optional, Sequence

import duckdb
import pyarrow as pa

from ..schemas import PARTITIONS, TABLES

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


def table_files(output_dir: str, table: str,
                since: Optional[dt.date] = None,
                until: Optional[dt.date] = None) -> List[str]:
    """The Parquet files of ``table``, sorted: only ``<partition>=<date>``
    folders directly under the table folder, skipping hidden or staging
    names (``_*``, ``.*``), and partitions outside [since, until]."""
    partition = COLUMNS[table][0]
    root = os.path.join(output_dir, table)
    if not os.path.isdir(root):
        return []
    files = []
    for folder in sorted(os.listdir(root)):
        m = _PARTITION.match(folder)
        path = os.path.join(root, folder)
        if _hidden(folder) or not m or m.group(1) != partition \
                or not os.path.isdir(path):
            continue
        try:
            day = dt.date.fromisoformat(m.group(2))
        except ValueError:
            continue
        if (since and day < since) or (until and day > until):
            continue
        files.extend(os.path.join(path, f) for f in sorted(os.listdir(path))
                     if f.endswith('.parquet') and not _hidden(f)
                     and os.path.isfile(os.path.join(path, f)))
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
    root = os.path.join(output_dir, '_runs')
    if not os.path.isdir(root):
        return []
    runs = []
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if not name.endswith('.json') or name.startswith('.') \
                or not os.path.isfile(path):
            continue
        try:
            with open(path, encoding='utf-8') as f:
                run = json.load(f)
        except (OSError, ValueError):
            continue
        if not isinstance(run, dict):
            continue
        run.setdefault('run_id', name[:-len('.json')])
        run['run_id'] = str(run['run_id'])
        run['_started'] = _parse_time(run.get('started_at'))
        run['_finished'] = _parse_time(run.get('finished_at'))
        mtime = dt.datetime.fromtimestamp(os.path.getmtime(path),
                                          dt.timezone.utc)
        run['_order'] = run['_finished'] or run['_started'] or mtime
        runs.append(run)
    runs.sort(key=lambda r: (r['_order'], r['run_id']))
    return runs


def _select_list(con, table: str, files: Sequence[str]) -> str:
    """SELECT list and FROM clause reading ``files`` as ``table``, every
    report column present (NULL when no file has it)."""
    partition, columns = COLUMNS[table]
    wanted = dict(columns)
    wanted[partition] = 'DATE'
    if not files:
        cols = ', '.join(f'CAST(NULL AS {t}) AS {c}' for c, t in wanted.items())
        return f'SELECT {cols} WHERE false'
    source = ('read_parquet(' + _sql_list(files) + ', hive_partitioning=true, '
              'union_by_name=true, hive_types={' + f"'{partition}': DATE" + '})')
    present = {row[0] for row in con.execute(
        f'DESCRIBE SELECT * FROM {source}').fetchall()}
    cols = ', '.join(
        (f'CAST({c} AS {t}) AS {c}' if c in present
         else f'CAST(NULL AS {t}) AS {c}') for c, t in wanted.items())
    return f'SELECT {cols} FROM {source}'


def _sql_str(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _sql_list(values: Sequence[str]) -> str:
    return '[' + ', '.join(_sql_str(v) for v in values) + ']'


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
    if not os.path.isdir(output_dir):
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
    where, qwhere, params, qparams = [], [], [], []
    if sel.run_id is not None:
        where.append('run_id = ?')
        params.append(sel.run_id)
        qwhere.append('run_id = ?')
        qparams.append(sel.run_id)
    if sel.since:
        where.append('published_date >= ?')
        params.append(sel.since)
        qwhere.append('quarantined_date >= ?')
        qparams.append(sel.since)
    if sel.until:
        where.append('published_date <= ?')
        params.append(sel.until)
        qwhere.append('quarantined_date <= ?')
        qparams.append(sel.until)

    def cond(parts):
        return (' WHERE ' + ' AND '.join(parts)) if parts else ''

    art = _select_list(con, 'articles', table_files(output_dir, 'articles',
                                                    sel.since, sel.until))
    con.execute(f'CREATE OR REPLACE TEMP TABLE sel_articles AS '
                f'SELECT * FROM ({art}){cond(where)}', params)
    qua = _select_list(con, 'quarantine', table_files(
        output_dir, 'quarantine', sel.since, sel.until))
    con.execute(f'CREATE OR REPLACE TEMP TABLE sel_quarantine AS '
                f'SELECT * FROM ({qua}){cond(qwhere)}', qparams)
    # A story's row lives in the partition of its canonical article, which
    # may lie outside the date range: read every stories partition.
    sto = _select_list(con, 'stories', table_files(output_dir, 'stories'))
    con.execute(
        'CREATE OR REPLACE TEMP TABLE sel_stories AS '
        f'SELECT * FROM ({sto}) s '
        'WHERE story_id IN (SELECT story_id FROM sel_articles) '
        'QUALIFY row_number() OVER (PARTITION BY story_id ORDER BY '
        '(run_id IS NOT DISTINCT FROM ?) DESC, last_seen DESC NULLS LAST, '
        'article_count DESC NULLS LAST, run_id DESC NULLS LAST) = 1',
        [sel.run_id])

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
