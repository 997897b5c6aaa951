"""The issue's bar: the report of a real ``wirefeed run`` on the bundled
sample feeds shows every section with that run's numbers."""
import glob
import json
import os
import re
import subprocess
import sys

import duckdb
import pytest

from pipeline.report import write_report

from .test_report import SECTIONS, Tags, card


@pytest.fixture(scope='module')
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp('sample') / 'out'
    run = subprocess.run([sys.executable, '-m', 'pipeline', 'run', '--quiet',
                          '--output', str(out)],
                         capture_output=True, text=True, timeout=600,
                         cwd=str(out.parent))
    assert run.returncode == 0, run.stderr[-3000:]
    reports = glob.glob(str(out / '_runs' / '*.json'))
    assert len(reports) == 1, os.listdir(out)
    with open(reports[0], encoding='utf-8') as f:
        return str(out), json.load(f)


def test_report_of_the_bundled_sample_run(sample_run, tmp_path):
    out, run = sample_run
    path = write_report(out, str(tmp_path / 'report.html'))
    page = open(path, encoding='utf-8').read()
    for title in SECTIONS:
        assert f'>{title}</h2>' in page
    assert f'run {run["run_id"]} (the latest run)' in page
    articles = duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{out}/articles/*/*.parquet')"
    ).fetchone()[0]
    assert articles > 0
    assert card(page, 'entries read') == f'{run["entries_read"]:,}'
    assert card(page, 'articles') == f'{articles:,}'
    assert card(page, 'duplicates') == f'{run["duplicates"]:,}'
    assert card(page, 'quarantined') == f'{run["quarantined"]:,}'
    # the samples hold syndicated copies: the top-stories table is filled
    body = page[page.index('<section id="syndicated">'):]
    assert re.search(r'<ul class="carriers"><li', body)
    charts = re.findall(r'<svg\b', page)
    assert len(charts) >= 6   # + the quarantine chart when anything was
    for feed in run['feeds']:
        assert f'>{feed["source"]}<' in page
    assert '<script' not in page.lower()
    for tag, attrs in Tags(page).tags:
        for name in ('src', 'href'):
            assert not re.match(r'\s*(https?:)?//', attrs.get(name) or '')
