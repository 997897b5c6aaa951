"""``wirefeed inspect DIR``: what an output folder holds, read with DuckDB.

Two self-contained functions:

* :func:`inspect_output` reads ``DIR/articles``, ``DIR/stories``,
  ``DIR/quarantine`` (Hive-partitioned Parquet) and ``DIR/_runs/*.json`` and
  returns a JSON-ready dict: files, partitions and rows per table, rows per
  day, the stories with the most articles, articles per agency, quarantine
  reasons, the last runs, and the contract checks (``article_id`` unique,
  ``story_id`` unique in stories, every article's story present in stories).
* :func:`render_inspection` prints that dict as rich tables.

Files and folders whose name starts with ``_`` or ``.`` below a table folder
(staging areas, temp files) are ignored, as every reader of the contract
must. A table with no files is reported as absent and read as empty, so the
other figures still come out. A file DuckDB cannot read is listed under
``errors`` and left out of the figures.

Local folders are read by DuckDB where they are. Other outputs (``gs://``,
``s3://``) are read through Beam's FileSystems, as the pipeline wrote them
and with its credentials: each file's footer, and only the columns the
figures below need, loaded into DuckDB (``_REMOTE_COLUMNS``).
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import posixpath
from typing import Any, Dict, List, Optional

TABLE_NAMES = ('articles', 'stories', 'quarantine')
PARTITION_KEYS = {'articles': 'published_date', 'stories': 'published_date',
                  'quarantine': 'quarantined_date'}
RUN_KEYS = ('run_id', 'started_at', 'entries_read', 'articles_written',
            'duplicates', 'repeats', 'quarantined', 'stories_written',
            'seconds')


# ------------------------------------------------------------ helpers

def _join(base: str, *parts: str) -> str:
    return posixpath.join(base.rstrip('/'), *parts)


def _hidden(rel_path: str) -> bool:
    """True when any component of ``rel_path`` starts with '_' or '.'."""
    return any(p.startswith(('_', '.')) for p in rel_path.split('/') if p)


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_list(values: List[str]) -> str:
    return '[' + ', '.join(_sql_str(v) for v in values) + ']'


def _jsonable(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _partition_of(table_dir: str, path: str) -> str:
    rel = path[len(table_dir):].strip('/')
    return '/'.join(rel.split('/')[:-1])


def _empty_view(con, table: str) -> None:
    """An empty relation with the contract's columns, for an absent table."""
    import pyarrow as pa
    from .schemas import TABLES
    schema = TABLES[table].append(pa.field(PARTITION_KEYS[table], pa.date32()))
    con.register(table, schema.empty_table())


def _table_files(con, output_dir: str, table: str) -> List[str]:
    table_dir = _join(output_dir, table)
    files = [r[0].replace('\\', '/') for r in con.execute(
        'SELECT file FROM glob(?)', [_join(table_dir, '**', '*.parquet')]).fetchall()]
    return sorted(f for f in files
                  if not _hidden(f[len(table_dir):]))


# ------------------------------------------------------------ inspection

def inspect_output(output_dir: str, top: int = 10, runs: int = 10) -> Dict[str, Any]:
    """Figures and checks of the wirefeed output folder ``output_dir``.

    ``top``: how many stories and agencies to list; ``runs``: how many of
    the latest run reports. Raises FileNotFoundError when a local
    ``output_dir`` does not exist. The result is JSON-serializable (dates
    and timestamps as ISO strings).
    """
    import duckdb

    from .sinks.files import is_remote, output_exists

    output_dir = output_dir.rstrip('/') or '/'
    if not output_exists(output_dir):
        raise FileNotFoundError(f'no such output folder: {output_dir}')
    con = duckdb.connect()

    errors: List[str] = []
    tables: Dict[str, Dict[str, Any]] = {}
    load = _load_remote_table if is_remote(output_dir) else _load_table
    for table in TABLE_NAMES:
        tables[table] = load(con, output_dir, table, errors)

    result: Dict[str, Any] = {'output_dir': output_dir, 'tables': tables}
    result['per_day'] = _per_day(tables)
    result['top_stories'] = _query(con, errors, 'top stories', f"""
        SELECT story_id, title, article_count, publishers,
               published_date::VARCHAR AS published_date
        FROM stories
        ORDER BY article_count DESC, published_at DESC NULLS LAST, story_id
        LIMIT {int(top)}""")
    result['agencies'] = _query(con, errors, 'agencies', f"""
        SELECT agency, count(DISTINCT article_id) AS articles
        FROM (SELECT article_id, unnest(agencies) AS agency FROM articles)
        GROUP BY agency ORDER BY articles DESC, agency LIMIT {int(top)}""")
    without = _query(con, errors, 'articles without agency', """
        SELECT count(*) AS n FROM articles
        WHERE agencies IS NULL OR len(agencies) = 0""")
    result['articles_without_agency'] = without[0]['n'] if without else None
    result['quarantine'] = _query(con, errors, 'quarantine', """
        SELECT stage, reason, count(*) AS count FROM quarantine
        GROUP BY stage, reason ORDER BY count DESC, stage, reason""")
    result['runs'] = _runs(con, output_dir, runs, errors)
    result['checks'] = _checks(con, errors)
    result['errors'] = errors
    con.close()
    return _jsonable(result)


def _load_table(con, output_dir: str, table: str, errors: List[str]) -> Dict[str, Any]:
    """Create the DuckDB view ``table`` and return its file-level figures."""
    try:
        files = _table_files(con, output_dir, table)
    except Exception as exc:  # unreadable folder, missing extension ...
        errors.append(f'{table}: cannot list files: {exc}')
        files = []
    # Footers first (no data scanned): a file whose footer does not read
    # (truncated, not Parquet) is reported and left out of the view.
    rows_by_file, versions_by_file = _footers(con, files, table, errors)
    good = [f for f in files if f in rows_by_file]
    if not good:
        return _absent(con, table)
    con.execute(f'CREATE VIEW {table} AS SELECT * FROM read_parquet('
                f'{_sql_list(good)}, hive_partitioning=true, union_by_name=true)')
    return _file_figures(_join(output_dir, table),
                         {f: rows_by_file[f] for f in good}, versions_by_file)


#: What the queries of inspect_output read, per table: all a remote output
#: sends (article bodies stay where they are).
_REMOTE_COLUMNS = {
    'articles': ('article_id', 'story_id', 'agencies'),
    'stories': ('story_id', 'title', 'article_count', 'publishers', 'published_at'),
    'quarantine': ('stage', 'reason'),
}


def _load_remote_table(con, output_dir: str, table: str,
                       errors: List[str]) -> Dict[str, Any]:
    """``_load_table`` for an output on an object store: the files listed,
    their footers and the columns inspect_output reads fetched through
    Beam's FileSystems, registered in DuckDB as ``table``."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from .sinks.files import fs, list_files

    table_dir = _join(output_dir, table)
    files = [f for f in list_files(_join(table_dir, '*', '*.parquet'))
             if not _hidden(f[len(table_dir):])]
    rows_by_file, versions_by_file, parts = {}, {}, []
    key = PARTITION_KEYS[table]
    for path in files:
        try:
            with fs().open(path) as f:
                parquet = pq.ParquetFile(pa.BufferReader(f.read()))
                meta = parquet.schema_arrow.metadata or {}
                names = set(parquet.schema_arrow.names)
                data = parquet.read(columns=[c for c in _REMOTE_COLUMNS[table] if c in names])
        except Exception as exc:  # noqa: BLE001 - a broken file is reported, not fatal
            errors.append(f'{table}: unreadable file {path}: {str(exc).splitlines()[0]}')
            continue
        rows_by_file[path] = data.num_rows
        versions_by_file[path] = meta.get(b'wirefeed.schema_version', b'(none)').decode()
        folder = _partition_of(table_dir, path)
        day = folder[len(key) + 1:] if folder.startswith(key + '=') else None
        try:
            value = dt.date.fromisoformat(day) if day else None
        except ValueError:
            value = None
        parts.append(data.append_column(key, pa.array([value] * data.num_rows, pa.date32())))
    if not parts:
        return _absent(con, table)
    con.register(table, pa.concat_tables(parts, promote_options='default'))
    return _file_figures(table_dir, rows_by_file, versions_by_file)


def _absent(con, table: str) -> Dict[str, Any]:
    """An absent table (no readable file): an empty relation, no figures."""
    _empty_view(con, table)
    return {'present': False, 'files': 0, 'rows': 0, 'partitions': [], 'schema_versions': {}}


def _file_figures(table_dir: str, rows_by_file: Dict[str, int],
                  versions_by_file: Dict[str, str]) -> Dict[str, Any]:
    """A present table's figures from its readable files' row counts and
    schema versions."""
    versions = collections.Counter(versions_by_file.get(f, '(none)') for f in rows_by_file)
    parts: Dict[str, Dict[str, int]] = {}
    for path, rows in rows_by_file.items():
        p = parts.setdefault(_partition_of(table_dir, path), {'files': 0, 'rows': 0})
        p['files'] += 1
        p['rows'] += rows
    return {'present': True, 'files': len(rows_by_file),
            'rows': sum(rows_by_file.values()),
            'partitions': [{'partition': k, 'files': v['files'], 'rows': v['rows']}
                           for k, v in sorted(parts.items())],
            'schema_versions': dict(sorted(versions.items()))}


def _footers(con, files: List[str], table: str, errors: List[str]):
    """Rows and schema version of each readable file, from the footers: one
    query for all files, file by file only when one of them is broken."""
    def read(paths):
        rows = dict(con.execute(
            'SELECT file_name, num_rows FROM parquet_file_metadata(?)',
            [paths]).fetchall())
        versions = dict(con.execute(
            "SELECT file_name, decode(value) FROM parquet_kv_metadata(?) "
            "WHERE decode(key) = 'wirefeed.schema_version'", [paths]).fetchall())
        return rows, versions

    if not files:
        return {}, {}
    try:
        rows, versions = read(files)
    except Exception:
        rows, versions = {}, {}
        for path in files:
            try:
                r, v = read([path])
            except Exception as exc:
                errors.append(f'{table}: unreadable file {path}: '
                              f'{str(exc).splitlines()[0]}')
                continue
            rows.update(r)
            versions.update(v)
    rows = {k.replace('\\', '/'): int(n) for k, n in rows.items()}
    versions = {k.replace('\\', '/'): v for k, v in versions.items()}
    return rows, versions


def _per_day(tables: Dict[str, Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rows per day: articles and stories by published_date, quarantine by
    quarantined_date (from the partition folders)."""
    days: Dict[str, Dict[str, int]] = {}
    for table in TABLE_NAMES:
        prefix = PARTITION_KEYS[table] + '='
        for part in tables[table]['partitions']:
            name = part['partition']
            day = name[len(prefix):] if name.startswith(prefix) else (name or '(none)')
            row = days.setdefault(day, {t: 0 for t in TABLE_NAMES})
            row[table] += part['rows']
    return [{'date': d, **days[d]} for d in sorted(days)]


def _query(con, errors: List[str], what: str, sql: str) -> List[Dict[str, Any]]:
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
    except Exception as exc:
        errors.append(f'{what}: {str(exc).splitlines()[0]}')
        return []


def _checks(con, errors: List[str]) -> Dict[str, Any]:
    def one(what, sql):
        rows = _query(con, errors, what, sql)
        return rows[0] if rows else None

    art = one('article_id unique', """
        SELECT count(*) - count(DISTINCT article_id) AS extra,
               count(*) FILTER (WHERE article_id IS NULL) AS nulls
        FROM articles""")
    sto = one('story_id unique', """
        SELECT count(*) - count(DISTINCT story_id) AS extra,
               count(*) FILTER (WHERE story_id IS NULL) AS nulls
        FROM stories""")
    orphans = one('articles without story', """
        SELECT count(*) AS n FROM articles a
        WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.story_id = a.story_id)""")
    dup_articles = _query(con, errors, 'duplicate article ids', """
        SELECT article_id, count(*) AS rows FROM articles GROUP BY article_id
        HAVING count(*) > 1 ORDER BY rows DESC, article_id LIMIT 5""")
    dup_stories = _query(con, errors, 'duplicate story ids', """
        SELECT story_id, count(*) AS rows FROM stories GROUP BY story_id
        HAVING count(*) > 1 ORDER BY rows DESC, story_id LIMIT 5""")
    checks = {
        'article_id_unique': None if art is None else art['extra'] == 0 and art['nulls'] == 0,
        'duplicate_article_rows': None if art is None else art['extra'],
        'duplicate_article_ids': [r['article_id'] for r in dup_articles],
        'story_id_unique': None if sto is None else sto['extra'] == 0 and sto['nulls'] == 0,
        'duplicate_story_rows': None if sto is None else sto['extra'],
        'duplicate_story_ids': [r['story_id'] for r in dup_stories],
        'articles_missing_story': None if orphans is None else orphans['n'],
    }
    checks['ok'] = (checks['article_id_unique'] is True
                    and checks['story_id_unique'] is True
                    and checks['articles_missing_story'] == 0)
    return checks


def _runs(con, output_dir: str, limit: int, errors: List[str]) -> List[Dict[str, Any]]:
    """The latest run reports (``_runs/*.json``), newest first, with the keys
    of RUN_KEYS that each report has."""
    try:
        from .sinks.files import fs, is_remote, list_files
        if is_remote(output_dir):
            docs = []
            for path in list_files(_join(output_dir, '_runs', '*.json')):
                with fs().open(path) as f:
                    docs.append((path, f.read().decode('utf-8', 'replace')))
        else:
            docs = con.execute('SELECT filename, content FROM read_text(?)',
                               [_join(output_dir, '_runs', '*.json')]).fetchall()
    except Exception as exc:
        errors.append(f'runs: {str(exc).splitlines()[0]}')
        return []
    runs = []
    for filename, content in docs:
        try:
            report = json.loads(content)
            if not isinstance(report, dict):
                raise ValueError('not a JSON object')
        except ValueError as exc:
            errors.append(f'runs: unreadable report {filename}: {exc}')
            continue
        row = {k: report[k] for k in RUN_KEYS if k in report}
        row.setdefault('run_id', posixpath.basename(filename)[:-len('.json')])
        runs.append(row)
    runs.sort(key=lambda r: (str(r.get('started_at') or ''), str(r['run_id'])),
              reverse=True)
    return runs[:max(0, int(limit))]


# ------------------------------------------------------------ rendering

def _fmt(value) -> str:
    """A cell: numbers with separators, lists joined, markup escaped."""
    from rich.markup import escape
    if value is None:
        return '-'
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    if isinstance(value, int):
        return f'{value:,}'
    if isinstance(value, float):
        return f'{value:,.2f}'
    if isinstance(value, list):
        return escape(', '.join(str(v) for v in value))
    return escape(str(value))


def render_inspection(result: Dict[str, Any], console=None) -> None:
    """Print an :func:`inspect_output` result as rich tables."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    console.print(f'[bold]wirefeed output[/bold] {_fmt(result.get("output_dir", ""))}')

    tables = result.get('tables', {})
    t = Table(title='Tables', title_justify='left')
    for col, just in (('Table', 'left'), ('Files', 'right'),
                      ('Partitions', 'right'), ('Rows', 'right'),
                      ('Schema versions', 'left')):
        t.add_column(col, justify=just)
    for name, info in tables.items():
        if not info.get('present'):
            t.add_row(_fmt(name), '-', '-', '0', '[dim]absent[/dim]')
            continue
        versions = ', '.join(f'{v} ({n} files)' for v, n in
                             info.get('schema_versions', {}).items())
        versions = _fmt(versions)
        t.add_row(_fmt(name), _fmt(info['files']), _fmt(len(info['partitions'])),
                  _fmt(info['rows']), versions)
    console.print(t)

    if result.get('per_day'):
        t = Table(title='Rows per day', title_justify='left',
                  caption='articles and stories by published_date, '
                  'quarantine by quarantined_date', caption_justify='left')
        t.add_column('Day')
        for name in TABLE_NAMES:
            t.add_column(name.capitalize(), justify='right')
        for row in result['per_day']:
            t.add_row(_fmt(row['date']), *(_fmt(row.get(n, 0)) for n in TABLE_NAMES))
        console.print(t)

    if result.get('top_stories'):
        t = Table(title='Stories with the most articles', title_justify='left')
        t.add_column('Story', overflow='fold')
        t.add_column('Title', overflow='fold', ratio=3)
        t.add_column('Articles', justify='right')
        t.add_column('Publishers', overflow='fold', ratio=2)
        t.add_column('Day')
        for s in result['top_stories']:
            t.add_row(_fmt(s.get('story_id')), _fmt(s.get('title')),
                      _fmt(s.get('article_count')), _fmt(s.get('publishers')),
                      _fmt(s.get('published_date')))
        console.print(t)

    if result.get('agencies') or result.get('articles_without_agency'):
        t = Table(title='Articles per agency', title_justify='left')
        t.add_column('Agency')
        t.add_column('Articles', justify='right')
        for a in result.get('agencies', []):
            t.add_row(_fmt(a['agency']), _fmt(a['articles']))
        if result.get('articles_without_agency'):
            t.add_row('[dim](no agency)[/dim]', _fmt(result['articles_without_agency']))
        console.print(t)

    if result.get('quarantine'):
        t = Table(title='Quarantine', title_justify='left')
        t.add_column('Stage')
        t.add_column('Reason')
        t.add_column('Count', justify='right')
        for q in result['quarantine']:
            t.add_row(_fmt(q['stage']), _fmt(q['reason']), _fmt(q['count']))
        console.print(t)

    if result.get('runs'):
        t = Table(title='Last runs', title_justify='left')
        labels = {'run_id': 'Run', 'started_at': 'Started',
                  'entries_read': 'Entries', 'articles_written': 'Written',
                  'duplicates': 'Duplicates', 'repeats': 'Repeats',
                  'quarantined': 'Quarantined', 'stories_written': 'Stories',
                  'seconds': 'Seconds'}
        keys = [k for k in RUN_KEYS if any(k in r for r in result['runs'])]
        for k in keys:
            t.add_column(labels.get(k, k), overflow='fold',
                         justify='left' if k in ('run_id', 'started_at') else 'right')
        for r in result['runs']:
            t.add_row(*(_fmt(r.get(k)) for k in keys))
        console.print(t)
    else:
        console.print('[dim]No run reports in _runs/.[/dim]')

    checks = result.get('checks', {})
    if checks:
        t = Table(title='Checks', title_justify='left')
        t.add_column('Check')
        t.add_column('Result')

        def mark(good: Optional[bool]) -> str:
            return {True: '[green]ok[/green]', False: '[red]FAIL[/red]',
                    None: '[yellow]unknown[/yellow]'}[good]

        ids = checks.get('duplicate_article_ids') or []
        t.add_row('article_id unique',
                  f'{mark(checks.get("article_id_unique"))} '
                  f'({_fmt(checks.get("duplicate_article_rows"))} duplicate rows'
                  + (f': {_fmt(ids)}' if ids else '') + ')')
        ids = checks.get('duplicate_story_ids') or []
        t.add_row('story_id unique in stories',
                  f'{mark(checks.get("story_id_unique"))} '
                  f'({_fmt(checks.get("duplicate_story_rows"))} duplicate rows'
                  + (f': {_fmt(ids)}' if ids else '') + ')')
        missing = checks.get('articles_missing_story')
        t.add_row('every article\'s story in stories',
                  f'{mark(None if missing is None else missing == 0)} '
                  f'({_fmt(missing)} articles without story)')
        console.print(t)

    for err in result.get('errors', []):
        console.print(f'[red]error:[/red] {_fmt(err)}', highlight=False)
