"""The pipeline holds no process-local state (issue 6, "Storage"): run with
``--direct_num_workers=2 --direct_running_mode=multi_processing`` (the
FnApiRunner hands bundles to two SDK worker processes, so DoFns are pickled
and every stage's work is split between processes), it writes the same
tables as the in-process run: the same articles with the same stories and
partitions, the same stories, quarantine rows and run figures.

Input: the fixture feeds (every format, syndicated copies, a failed feed,
a quarantined entry) plus a small generated corpus, so each stage has
enough elements to be split between the two workers.
"""
import os
import shutil
import sys

import pytest

from pipeline.cli import main

from .helpers import (REPO, assert_every_file_readable, assert_same_tables,
                      contract_violations, copy_fixtures, partitions, report, run_wirefeed,
                      summary)

pytestmark = pytest.mark.slow

sys.path.insert(0, os.path.join(REPO, 'benchmarks'))
import make_corpus  # noqa: E402

FIGURES = ('entries_read', 'articles_written', 'canonical_articles', 'duplicates', 'repeats',
           'quarantined', 'quarantined_entries', 'quarantined_feeds', 'stories_written',
           'feeds_ok', 'feeds_failed', 'accounted', 'quarantine_reasons')


@pytest.fixture(scope='module')
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp('mp-input')
    fixtures = copy_fixtures(root / 'fixtures')
    make_corpus.generate(str(root / 'corpus'), 400, seed=5, feeds=10)
    return ['--input', fixtures, '--input', str(root / 'corpus' / 'feeds')]


@pytest.fixture(scope='module')
def in_process(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp('inproc') / 'out'
    assert main(['run', *inputs, '--output', str(out), '--run-id', 'mp', '--quiet']) == 0
    return out


def test_multi_processing_writes_the_same_tables(inputs, in_process, tmp_path):
    out = tmp_path / 'out'
    # a child process, as a scheduler runs it: the SDK workers are its children
    run_wirefeed('run', *inputs, '--output', str(out), '--run-id', 'mp', '--quiet',
                 '--direct_num_workers=2', '--direct_running_mode=multi_processing')
    want, got = summary(in_process), summary(out)
    assert want['counts'][0] > 400 and want['quarantine']
    assert_same_tables(got, want, 'multi_processing vs in-process')
    assert ({k: report(out, 'mp')[k] for k in FIGURES}
            == {k: report(in_process, 'mp')[k] for k in FIGURES})
    assert contract_violations(out) == (0, 0, 0, 0)
    assert_every_file_readable(out)
    # the work was split: two workers staged normalized articles separately,
    # so a day's articles come in more than one file (one per bundle)
    files = report(out, 'mp')['files_written']
    assert files['articles'] > len(partitions(out, 'articles'))
    # the dedup state written by the workers is complete: the same input
    # again is all repeats
    again = tmp_path / 'again'
    shutil.copytree(out, again)
    run_wirefeed('run', *inputs, '--output', str(again), '--run-id', 'mp2', '--quiet',
                 '--direct_num_workers=2', '--direct_running_mode=multi_processing')
    assert report(again, 'mp2')['articles_written'] == 0
    assert report(again, 'mp2')['repeats'] == report(out, 'mp')['articles_written']
    second = summary(again)
    assert second['articles'] == got['articles'] and second['stories'] == got['stories']
    # quarantine is a log: the second run's rejections are added, with its id
    assert len(second['quarantine']) == 2 * len(got['quarantine'])
