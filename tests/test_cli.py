"""End to end: ``wirefeed run`` on fixture feeds, tables read back with
pyarrow and DuckDB; the CLI's error paths."""
import datetime as dt
import glob
import json
import os
import shutil
import subprocess
import sys

import duckdb
import pyarrow.dataset as ds
import pytest

from pipeline.cli import main
from pipeline.schemas import ARTICLES, STORIES

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures', 'feeds')
GOOD = ['rss20_wire.xml', 'atom10_outlet.xml', 'syndicated_a.xml', 'syndicated_b.xml',
        'jsonfeed11.json', 'entry_missing_fields.xml', 'not_a_feed.html', 'empty.xml']


@pytest.fixture(scope='module')
def feeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp('feeds')
    for name in GOOD:   # a saved bot-wall page, as a feed URL would return it
        shutil.copy(os.path.join(FIXTURES, name), folder / name.replace('.html', '.xml'))
    return folder


@pytest.fixture(scope='module')
def first_run(feeds, tmp_path_factory):
    out = tmp_path_factory.mktemp('out') / 'tables'
    code = main(['run', '--input', str(feeds), '--output', str(out),
                 '--run-id', 'first', '--quiet'])
    assert code == 0
    return out


def _articles(out):
    return duckdb.sql(f"select * from read_parquet('{out}/articles/**/*.parquet', "
                      f"hive_partitioning=true)")


def _report(out, run_id):
    with open(os.path.join(out, '_runs', f'{run_id}.json')) as f:
        return json.load(f)


def test_tables_have_the_contract_types(first_run):
    articles = ds.dataset(str(first_run / 'articles'), format='parquet', partitioning='hive')
    for field in ARTICLES:
        got = articles.schema.field(field.name).type
        assert got == field.type, field.name
    assert articles.schema.field('published_date') is not None   # from the folder only
    stories = ds.dataset(str(first_run / 'stories'), format='parquet', partitioning='hive')
    for field in STORIES:
        assert stories.schema.field(field.name).type == field.type, field.name
    files = glob.glob(str(first_run / 'articles' / 'published_date=*' / '*.parquet'))
    assert files and all(os.path.basename(f).startswith('part-first-') for f in files)


def test_every_entry_is_accounted_for(first_run):
    report = _report(first_run, 'first')
    assert report['accounted'] is True
    assert report['entries_read'] == (report['articles_written'] + report['repeats']
                                      + report['quarantined_entries'])
    assert report['feeds_total'] == len(GOOD)
    failed = {os.path.basename(f['source']): f['reason'] for f in report['feeds']
              if f['status'] == 'failed'}
    assert failed == {'not_a_feed.xml': 'not a feed', 'empty.xml': 'empty body'}
    quarantine = duckdb.sql(
        f"select stage, reason, entry_key from read_parquet('{first_run}/quarantine/**/*.parquet', "
        f"hive_partitioning=true)").fetchall()
    assert len(quarantine) == report['quarantined']
    assert ('normalize', 'missing fields') in {(s, r) for s, r, _ in quarantine}


def test_articles_are_normalized_and_deduplicated(first_run):
    con = duckdb.connect()
    rows = con.execute(
        f"select guid, story_id, is_canonical, agencies, dateline_location, body, published_at "
        f"from read_parquet('{first_run}/articles/**/*.parquet', hive_partitioning=true)").fetchall()
    by_guid = {r[0]: r for r in rows}
    with open(os.path.join(FIXTURES, 'syndicated.expected.json')) as f:
        expected = json.load(f)
    for a, b in expected['same_story']:
        assert by_guid[a][1] == by_guid[b][1], (a, b)
    for a, b in expected['distinct']:
        assert by_guid[a][1] != by_guid[b][1], (a, b)
    assert all(r[6].tzinfo is not None for r in rows)
    # one canonical per story, and every story is in the stories table
    checks = con.execute(f"""
        with a as (select * from read_parquet('{first_run}/articles/**/*.parquet', hive_partitioning=true)),
             s as (select * from read_parquet('{first_run}/stories/**/*.parquet', hive_partitioning=true))
        select (select count(*) - count(distinct article_id) from a),
               (select count(*) - count(distinct story_id) from s),
               (select count(*) from a where story_id not in (select story_id from s)),
               (select count(*) from (select story_id from a group by story_id
                                       having sum(is_canonical::int) <> 1))""").fetchone()
    assert checks == (0, 0, 0, 0)


def test_same_input_twice_adds_no_rows(feeds, first_run, tmp_path):
    out = tmp_path / 'twice'
    shutil.copytree(first_run, out)
    before = _articles(out).count('*').fetchall()[0][0]
    assert main(['run', '--input', str(feeds), '--output', str(out), '--run-id', 'second',
                 '--quiet']) == 0
    report = _report(out, 'second')
    assert report['articles_written'] == 0 and report['repeats'] == before
    assert _articles(out).count('*').fetchall()[0][0] == before


def test_rerun_with_same_run_id_replaces_its_files(feeds, first_run, tmp_path):
    out = tmp_path / 'rerun'
    shutil.copytree(first_run, out)
    before = sorted(glob.glob(str(out / '**' / '*.parquet'), recursive=True))
    assert main(['run', '--input', str(feeds), '--output', str(out), '--run-id', 'first',
                 '--quiet']) == 0
    after = sorted(glob.glob(str(out / '**' / '*.parquet'), recursive=True))
    assert before == after
    assert _report(out, 'first')['articles_written'] == _report(first_run, 'first')['articles_written']


def test_console_script_on_bundled_samples(tmp_path):
    """The README's first command: no arguments, bundled samples, ./wirefeed-output."""
    exe = shutil.which('wirefeed') or pytest.skip('wirefeed console script not installed')
    proc = subprocess.run([exe, 'run'], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert 'wirefeed-output' in proc.stderr + proc.stdout
    out = tmp_path / 'wirefeed-output'
    stories = duckdb.sql(f"select max(article_count) from read_parquet('{out}/stories/**/*.parquet', "
                         f"hive_partitioning=true)").fetchall()[0][0]
    assert stories >= 3                                    # the wire story and its copies
    agencies = duckdb.sql(f"select distinct unnest(agencies) from read_parquet("
                          f"'{out}/articles/**/*.parquet', hive_partitioning=true)").fetchall()
    assert len(agencies) >= 2
    assert 'Traceback' not in proc.stderr


@pytest.mark.parametrize('argv, message', [
    (['run', '--no-such-flag'], 'unknown option --no-such-flag'),
    (['run', '--input', '/nonexistent/feeds.xml'], 'no such file'),
    (['run', 'stray'], "unexpected argument 'stray'"),
    (['bogus'], 'invalid choice'),
])
def test_usage_errors_are_one_line_exit_2(argv, message, tmp_path, capsys):
    assert main(argv + (['--output', str(tmp_path)] if argv[0] == 'run' else [])) == 2
    err = capsys.readouterr().err
    assert message in err and err.count('\n') == 1 and 'Traceback' not in err


def test_bad_yaml_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / 'bad.yaml'
    bad.write_text('inputs: [a\n  b')
    assert main(['run', '--config', str(bad)]) == 2
    err = capsys.readouterr().err
    assert 'not valid YAML' in err and err.count('\n') == 1


def test_all_feeds_failing_exits_1(tmp_path):
    folder = tmp_path / 'f'
    folder.mkdir()
    shutil.copy(os.path.join(FIXTURES, 'not_a_feed.html'), folder / 'page.xml')
    code = main(['run', '--input', str(folder), '--output', str(tmp_path / 'o'), '--quiet'])
    assert code == 1


def test_python_dash_m_pipeline_help():
    proc = subprocess.run([sys.executable, '-m', 'pipeline', 'run', '--help'],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and '--input' in proc.stdout


def test_inspect_and_report_commands(first_run, tmp_path, capsys):
    assert main(['inspect', str(first_run), '--json']) == 0
    result = json.loads(capsys.readouterr().out)
    assert result['checks']['ok'] is True
    html = tmp_path / 'r.html'
    assert main(['report', str(first_run), '-o', str(html)]) == 0
    assert '<svg' in html.read_text()
    assert main(['report', str(first_run), '--run', 'nope', '-o', str(html)]) == 2
    assert main(['inspect', str(tmp_path / 'nothing')]) == 2


@pytest.mark.parametrize('environ, libc, tunables', [
    ({}, 'glibc 2.36', 'glibc.malloc.hugetlb=1'),
    ({'GLIBC_TUNABLES': 'glibc.malloc.arena_max=2'}, 'glibc 2.39',
     'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1'),
    ({'GLIBC_TUNABLES': 'glibc.malloc.hugetlb=0'}, 'glibc 2.36', None),   # opted out
    ({}, 'glibc 2.31', None),                                              # no such tunable
    ({}, 'musl 1.2', None), ({}, None, None), ({}, 'glibc x.y', None),
])
def test_huge_pages_environment(environ, libc, tunables):
    from pipeline.cli import huge_pages_environment
    env = huge_pages_environment(environ, libc)
    assert (env and env['GLIBC_TUNABLES']) == tunables
    if env:
        assert {k: v for k, v in env.items() if k != 'GLIBC_TUNABLES'} == \
            {k: v for k, v in environ.items() if k != 'GLIBC_TUNABLES'}


def test_run_restarted_for_huge_pages_writes_its_tables(tmp_path):
    # `python -m pipeline run` execs itself once with the tunable set
    env = {k: v for k, v in os.environ.items() if k != 'GLIBC_TUNABLES'}
    out = tmp_path / 'o'
    proc = subprocess.run([sys.executable, '-m', 'pipeline', 'run', '--input',
                           os.path.join(FIXTURES, 'rss20_wire.xml'), '--output', str(out),
                           '--quiet'], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    assert _articles(out).count('*').fetchall()[0][0] > 0


def test_a_run_command_line_ends_with_its_exit_handlers_run(tmp_path):
    """``wirefeed run`` ends without the interpreter's teardown: its exit
    status and output are the run's, and exit handlers still run."""
    code = ('import atexit, sys; atexit.register(lambda: print("handlers ran")); '
            'sys.argv = ["wirefeed", "run", "--input", %r, "--output", sys.argv[1], '
            '"--json"]; from pipeline.cli import main; main(); '
            'print("teardown path")' % os.path.join(FIXTURES, 'rss20_wire.xml'))
    for out, status in ((tmp_path / 'o', 0), (tmp_path / 'file', 2)):
        if status:
            out.write_text('a file, not a folder')
        proc = subprocess.run([sys.executable, '-c', code, str(out)], capture_output=True,
                              text=True, timeout=300,
                              cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        assert proc.returncode == status, proc.stderr
        assert proc.stdout.rstrip().endswith('handlers ran')
        assert 'teardown path' not in proc.stdout
        if not status:
            assert json.loads(proc.stdout.rstrip()[:-len('handlers ran')])['articles_written'] > 0


def test_runner_errors_are_held_for_the_details_file(tmp_path):
    """While a run lasts, Beam's error records and thread tracebacks are
    held, not printed; a failure's one line names its cause and the file
    that holds them."""
    import io
    import logging
    import threading
    from pipeline.cli import _HeldErrors
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    held = _HeldErrors()
    try:
        with held.holding():
            logging.getLogger('apache_beam.runners.x').error('Failed to read inputs')
            logging.getLogger('apache_beam.runners.x').warning('a warning stays')
            logging.getLogger('wirefeed.worker').error('worker trouble')
            logging.getLogger('wirefeed.other').error('our own error stays')

            def run():
                raise RuntimeError('Worker subprocess exited with return code 137')
            thread = threading.Thread(name='run_worker', target=run)
            thread.start()
            thread.join()
    finally:
        root.removeHandler(handler)
    shown = stream.getvalue()
    assert 'a warning stays' in shown and 'our own error stays' in shown
    assert 'Failed to read inputs' not in shown and 'worker trouble' not in shown
    assert len(held.texts) == 3
    assert held.cause(RuntimeError('Channel closed prematurely.')) == \
        'a local worker process died (killed by signal 9, often for lack of memory)'
    assert _HeldErrors().cause(ValueError('bad\nsecond line')) == 'ValueError: bad'
    try:
        raise RuntimeError('the end')
    except RuntimeError as exc:
        path = held.write(exc, 'r1')
    text = open(path).read()
    os.remove(path)
    assert 'Failed to read inputs' in text and 'exception in thread run_worker' in text
    assert 'RuntimeError: the end' in text
