"""The DuckDB and pyarrow commands of docs/warehouse.md, run as written on a
real output folder (the Spark one is run by test_spark.py)."""
import pytest

from pipeline.cli import main

from .helpers import copy_fixtures, doc_snippets, run_snippet, summary


@pytest.fixture(scope='module')
def output(tmp_path_factory):
    feeds = copy_fixtures(tmp_path_factory.mktemp('feeds'))
    out = tmp_path_factory.mktemp('out') / 'tables'
    assert main(['run', '--input', feeds, '--output', str(out), '--run-id', 'docs',
                 '--quiet']) == 0
    return out


def test_the_page_has_the_tested_snippets():
    assert len(doc_snippets('test_docs.py')) == 2      # DuckDB, pyarrow
    assert len(doc_snippets('test_spark.py')) == 1


def test_duckdb_snippet(output):
    code = doc_snippets('test_docs.py')[0]
    assert 'import duckdb' in code
    import datetime
    per_day, checks = run_snippet(code, output).splitlines()
    assert checks == '(0, 0, 0)'                                 # the contract checks
    rows = eval(per_day, {'datetime': datetime})                 # [(date, articles, stories)]
    assert all(isinstance(d, datetime.date) for d, _, _ in rows)  # published_date is a DATE
    assert sum(n for _, n, _ in rows) == summary(output)['counts'][0]


def test_pyarrow_snippet(output):
    code = doc_snippets('test_docs.py')[1]
    assert 'import pyarrow' in code
    rows, stories, ts_type = run_snippet(code, output).split(' ', 2)
    counts = summary(output)['counts']
    assert (int(rows), int(stories)) == counts[:2]
    assert ts_type.strip() == 'timestamp[us, tz=UTC]'
