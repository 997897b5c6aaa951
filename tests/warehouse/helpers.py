"""What the warehouse tests check on an output folder, and how they run
``wirefeed run`` in a child process."""
from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from typing import Dict, List, Optional

import duckdb
import pyarrow.parquet as pq

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
FIXTURES = os.path.join(REPO, 'tests', 'fixtures', 'feeds')
TABLES = ('articles', 'stories', 'quarantine')
#: Fixture feeds of every format, syndicated copies, a bad entry and a
#: bot-wall page saved as a feed (one failed feed, one quarantined entry).
FIXTURE_FEEDS = ('rss20_wire.xml', 'atom10_outlet.xml', 'syndicated_a.xml',
                 'syndicated_b.xml', 'jsonfeed11.json', 'entry_missing_fields.xml',
                 'rss10_rdf.xml', 'dates_mixed.xml')


def copy_fixtures(folder) -> str:
    """The fixture feeds (and the bot-wall page as ``not_a_feed.xml``) in ``folder``."""
    import shutil
    os.makedirs(folder, exist_ok=True)
    for name in FIXTURE_FEEDS:
        shutil.copy(os.path.join(FIXTURES, name), os.path.join(folder, name))
    shutil.copy(os.path.join(FIXTURES, 'not_a_feed.html'), os.path.join(folder, 'not_a_feed.xml'))
    return str(folder)


def wirefeed_cmd(*args: str) -> List[str]:
    """``wirefeed ...`` as a child process of this interpreter, on this tree."""
    return [sys.executable, '-m', 'pipeline', *args]


def child_env() -> Dict[str, str]:
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(p for p in (REPO, env.get('PYTHONPATH')) if p)
    return env


def run_wirefeed(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    proc = subprocess.run(wirefeed_cmd(*args), cwd=REPO, env=child_env(),
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc


def published_files(out, table: Optional[str] = None) -> List[str]:
    """Parquet files a reader of ``DIR/<table>/**/*.parquet`` picks up,
    relative to ``out`` (staging and state are not tables)."""
    found = []
    for t in ([table] if table else TABLES):
        found += glob.glob(os.path.join(str(out), t, '**', '*.parquet'), recursive=True)
    return sorted(os.path.relpath(f, out) for f in found)


def file_run(rel: str) -> str:
    """The run id in a table file's name ``part-<run_id>-<hash>.parquet``."""
    name = os.path.basename(rel)
    assert name.startswith('part-') and name.endswith('.parquet'), rel
    return name[len('part-'):-len('.parquet')].rsplit('-', 1)[0]


def committed_runs(out) -> set:
    return {os.path.basename(p)[:-len('.json')]
            for p in glob.glob(os.path.join(str(out), '_runs', '*.json'))}


def pending_manifests(out) -> Dict[str, dict]:
    """Runs past their commit point whose roll-forward is not finished."""
    found = {}
    for path in glob.glob(os.path.join(str(out), '_staging', '*', '_MANIFEST.json')):
        with open(path) as f:
            manifest = json.load(f)
        found[manifest['run_id']] = manifest
    return found


def success_run(out) -> Optional[str]:
    path = os.path.join(str(out), '_SUCCESS')
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)['run_id']


def assert_every_file_readable(out) -> int:
    """Every published file opens and reads in full (pyarrow), and DuckDB
    scans each table's glob; returns the number of files."""
    files = published_files(out)
    for rel in files:
        table = pq.read_table(os.path.join(str(out), rel))
        assert table.num_rows > 0, rel
        assert table.schema.metadata and b'wirefeed.schema_version' in table.schema.metadata, rel
    for table in TABLES:
        if published_files(out, table):
            duckdb.connect().execute(f"select count(*) from {scan(out, table)}").fetchall()
    return len(files)


def assert_only_committed_runs_visible(out, allow_pending: bool = False) -> None:
    """Every published file belongs to a run whose report is in ``_runs/``
    (its rows carry that run id too), or, when ``allow_pending``, is listed
    in the manifest of a run past its commit point that the next run rolls
    forward."""
    runs = committed_runs(out)
    pending = pending_manifests(out) if allow_pending else {}
    listed = {rel for m in pending.values() for rel in m['files']}
    for rel in published_files(out):
        run = file_run(rel)
        assert run in runs or rel in listed, (
            f'{rel}: run {run!r} is neither committed ({sorted(runs)}) nor being rolled forward')
        if rel.startswith('articles/'):
            ids = set(pq.read_table(os.path.join(str(out), rel), columns=['run_id'])
                      .column('run_id').to_pylist())
            assert ids == {run}, (rel, ids)


def scan(out, table: str) -> str:
    return f"read_parquet('{out}/{table}/**/*.parquet', hive_partitioning=true)"


def contract_violations(out) -> tuple:
    """(duplicate article ids, duplicate story ids, articles whose story is
    missing, stories without exactly one canonical article): all 0 when the
    output keeps the contract."""
    return duckdb.connect().execute(f"""
        with a as (select * from {scan(out, 'articles')}),
             s as (select * from {scan(out, 'stories')})
        select (select count(*) - count(distinct article_id) from a),
               (select count(*) - count(distinct story_id) from s),
               (select count(*) from a where story_id not in (select story_id from s)),
               (select count(*) from (select story_id from a group by story_id
                                      having sum(is_canonical::int) <> 1))""").fetchone()


def summary(out, with_run_ids: bool = True) -> dict:
    """What two runs over the same input must agree on: every article with
    its story and partition, every story with its partition and figures,
    every quarantine row, and the counts."""
    con = duckdb.connect()
    run_col = ', run_id' if with_run_ids else ''
    articles = con.execute(
        f"select article_id, guid, story_id, is_canonical, published_date::varchar{run_col} "
        f"from {scan(out, 'articles')} order by article_id").fetchall()
    stories = con.execute(
        f"select story_id, published_date::varchar, article_count, list_sort(publishers) "
        f"from {scan(out, 'stories')} order by story_id").fetchall()
    quarantine = []
    if published_files(out, 'quarantine'):
        quarantine = con.execute(
            f"select source, stage, reason, entry_key from {scan(out, 'quarantine')} "
            f"order by all").fetchall()
    return {'articles': articles, 'stories': stories, 'quarantine': quarantine,
            'counts': (len(articles), len(stories), len(quarantine))}


def partitions(out, table: str) -> List[str]:
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(str(out), table, '*'))
                  if os.path.isdir(p))


def report(out, run_id: str) -> dict:
    with open(os.path.join(str(out), '_runs', f'{run_id}.json')) as f:
        return json.load(f)


def assert_same_tables(got: dict, want: dict, what: str) -> None:
    assert got['counts'] == want['counts'], f'{what}: counts {got["counts"]} != {want["counts"]}'
    for key in ('articles', 'stories', 'quarantine'):
        if got[key] != want[key]:
            diff = sorted(set(got[key]) ^ set(want[key]))[:5]
            raise AssertionError(f'{what}: {key} differ, e.g. {diff}')


DOC = os.path.join(REPO, 'docs', 'warehouse.md')


def doc_snippets(runner: str) -> List[str]:
    """The ```python blocks of docs/warehouse.md whose first line says they
    are run by ``runner`` (a test file name)."""
    import re
    with open(DOC, encoding='utf-8') as f:
        text = f.read()
    blocks = re.findall(r'```python\n(.*?)```', text, flags=re.S)
    return [b for b in blocks if b.startswith(f'# (run by tests/warehouse/{runner})')]


def run_snippet(code: str, out) -> str:
    """Run a documented snippet against ``out`` (its ``DIR = '...'`` line
    pointed there); returns what it printed."""
    import contextlib
    import io
    assert "DIR = 'wirefeed-output'" in code
    code = code.replace("DIR = 'wirefeed-output'", f'DIR = {str(out)!r}')
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, 'docs/warehouse.md', 'exec'), {'__name__': '__doc_snippet__'})
    return printed.getvalue()
