"""The report reads an output that is not a local folder (gs://, s3://)
through Beam's FileSystems. GCS cannot be reached here: ``mem://`` (memfs)
is a real Beam filesystem that only FileSystems can read, holding a copy of
the synthetic output folder; the report of the copy must be the report of
the folder."""
import datetime as dt
import os

import pytest
from apache_beam.io.filesystems import FileSystems

from pipeline import cli
from pipeline.report import ReportError, context, open_selection
from pipeline.report.source import load_runs, table_files
from pipeline.report.template import render

from . import memfs
from .fixtures import RUN1

REMOTE = 'mem://bucket/wirefeed-output'
NOW = dt.datetime(2026, 3, 18, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope='module')
def remote(output_dir):
    """The synthetic output folder, every file of it, copied to REMOTE."""
    for folder, _, names in os.walk(output_dir):
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, output_dir).replace(os.sep, '/')
            with open(path, 'rb') as src, \
                    FileSystems.create(f'{REMOTE}/{rel}') as dst:
                dst.write(src.read())
    yield REMOTE
    memfs.FILES.clear()


def page(output, **kw):
    con, sel = open_selection(output, **kw)
    try:
        return render(context(con, sel, now=NOW))
    finally:
        con.close()


@pytest.mark.parametrize('kw', [
    {},                                                   # the last run
    {'run_id': RUN1},
    {'since': dt.date(2026, 3, 16), 'until': dt.date(2026, 3, 16)},
    {'since': dt.date(2026, 3, 16)},
])
def test_report_of_a_remote_output_is_the_report_of_the_folder(
        output_dir, remote, kw):
    local = page(output_dir, **kw)
    assert 'class="n">' in local
    assert page(remote, **kw) == local.replace(os.path.abspath(output_dir),
                                               remote)


def test_remote_files_and_runs_are_found_as_local_ones(output_dir, remote):
    for table in ('articles', 'stories', 'quarantine'):
        assert [f[len(remote):] for f in table_files(remote, table)] == \
            [f[len(output_dir):] for f in table_files(output_dir, table)]
    # staging leftovers and hidden files are skipped there too
    assert len(table_files(remote, 'articles')) == 2
    assert [r['run_id'] for r in load_runs(remote)] == \
        [r['run_id'] for r in load_runs(output_dir)]


def test_missing_remote_output(remote):
    for missing in ('mem://bucket/nothing', remote[:-1]):   # not a prefix of names
        with pytest.raises(ReportError, match='no such output folder'):
            page(missing)


def test_cli_report_of_a_remote_output(remote, tmp_path, capsys):
    out = tmp_path / 'report.html'
    assert cli.main(['report', remote, '--run', RUN1, '-o', str(out)]) == 0
    text = out.read_text(encoding='utf-8')
    assert remote in text and 'BERLIN' in text
    assert cli.main(['report', 'mem://bucket/nothing', '-o',
                     str(tmp_path / 'x.html')]) == 2
    assert 'no such output folder' in capsys.readouterr().err


def test_a_relative_local_path_reads_as_an_absolute_one(output_dir,
                                                         monkeypatch):
    parent, name = os.path.split(output_dir)
    absolute = page(output_dir)
    monkeypatch.chdir(parent)
    assert page(name) == absolute
