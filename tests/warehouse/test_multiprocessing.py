"""The pipeline holds no process-local state (issue 6, "Storage"): run with
``--direct_num_workers=2 --direct_running_mode=multi_processing`` (the
FnApiRunner hands bundles to two SDK worker processes, so DoFns are pickled
and every stage's work is split between processes), or with wirefeed's own
``--local_workers 2`` (the same runner, wirefeed's worker entry point), it
writes the same tables as the in-process run: the same articles with the
same stories and partitions, the same stories, quarantine rows and run
figures. wirefeed's workers also keep the terminal as one process leaves
it: no worker log lines, every feed's progress shown.

Input: the fixture feeds (every format, syndicated copies, a failed feed,
a quarantined entry) plus a small generated corpus, so each stage has
enough elements to be split between the two workers.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from pipeline.cli import main
from pipeline.local_workers import worker_pids

from .helpers import (REPO, assert_every_file_readable, assert_same_tables, child_env,
                      contract_violations, copy_fixtures, partitions, report, run_wirefeed,
                      summary, wirefeed_cmd)

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


BEAM_WORKERS = ('--direct_num_workers=2', '--direct_running_mode=multi_processing')
OWN_WORKERS = ('--local_workers', '2')


@pytest.mark.parametrize('workers', [BEAM_WORKERS, OWN_WORKERS], ids=['beam', 'wirefeed'])
def test_multi_processing_writes_the_same_tables(inputs, in_process, tmp_path, workers):
    out = tmp_path / 'out'
    # a child process, as a scheduler runs it: the SDK workers are its children
    run_wirefeed('run', *inputs, '--output', str(out), '--run-id', 'mp', '--quiet', *workers)
    want, got = summary(in_process), summary(out)
    assert want['counts'][0] > 400 and want['quarantine']
    assert_same_tables(got, want, 'multi_processing vs in-process')
    assert ({k: report(out, 'mp')[k] for k in FIGURES}
            == {k: report(in_process, 'mp')[k] for k in FIGURES})
    assert contract_violations(out) == (0, 0, 0, 0)
    assert_every_file_readable(out)
    assert report(out, 'mp')['local_workers'] == (2 if workers == OWN_WORKERS else 1)
    assert report(in_process, 'mp')['local_workers'] == 1
    # the work was split: two workers staged normalized articles separately,
    # so a day's articles come in more than one file (one per bundle)
    files = report(out, 'mp')['files_written']
    assert files['articles'] > len(partitions(out, 'articles'))
    # the dedup state written by the workers is complete: the same input
    # again is all repeats
    again = tmp_path / 'again'
    shutil.copytree(out, again)
    run_wirefeed('run', *inputs, '--output', str(again), '--run-id', 'mp2', '--quiet', *workers)
    assert report(again, 'mp2')['articles_written'] == 0
    assert report(again, 'mp2')['repeats'] == report(out, 'mp')['articles_written']
    second = summary(again)
    assert second['articles'] == got['articles'] and second['stories'] == got['stories']
    # quarantine is a log: the second run's rejections are added, with its id
    assert len(second['quarantine']) == 2 * len(got['quarantine'])


def test_own_workers_show_progress_and_no_worker_log_lines(inputs, in_process, tmp_path):
    """Not on a terminal, a run prints its summary lines; with -v, one line
    per feed read. Worker processes log elsewhere: what reaches the runner
    comes out as one process would print it."""
    figures = report(in_process, 'mp')
    assert figures['feeds_failed'] == 1
    plain = run_wirefeed('run', *inputs, '--output', str(tmp_path / 'plain'), *OWN_WORKERS)
    assert 'INFO' not in plain.stderr and 'Worker:' not in plain.stderr, plain.stderr[-2000:]
    assert 'semi_persistent' not in plain.stderr
    # the failed feed, as a worker read it, reported while the run goes on
    assert plain.stderr.count('wirefeed: feed failed: ') == 1, plain.stderr[-2000:]
    assert (f"wirefeed: feeds read: {figures['feeds_ok']} of {figures['feeds_total']}"
            in plain.stderr)
    verbose = run_wirefeed('run', *inputs, '--output', str(tmp_path / 'verbose'), '-v',
                           *OWN_WORKERS)
    read = re.findall(r'^wirefeed: (?:ok|warning|failed) \S.* entries=\d+',
                      verbose.stderr, re.MULTILINE)
    assert len(read) == figures['feeds_total'], verbose.stderr[-3000:]
    assert 'Worker: ' not in verbose.stderr and 'log_location' not in verbose.stderr


def _start_on_workers(inputs, out, run_id, find):
    """A run on two local workers, as a terminal starts it (its own process
    group, Ctrl-C not ignored), and the first pid ``find(run's pid)`` gives
    while it runs (polled for up to a minute)."""
    proc = subprocess.Popen(wirefeed_cmd('run', *inputs, '--output', str(out), '--run-id',
                                         run_id, '--quiet', *OWN_WORKERS),
                            cwd=REPO, env=child_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    found = []
    while not found and proc.poll() is None and time.monotonic() < deadline:
        found = find(proc.pid)
        time.sleep(0.005)
    assert found, 'no such process seen'
    return proc, found[0]


def _start_with_workers(inputs, out, run_id):
    """A run on two local workers, once its first worker is up: the
    process and that worker's pid."""
    proc, worker = _start_on_workers(inputs, out, run_id, worker_pids)
    with open(f'/proc/{worker}/comm') as f:  # forked from the run's process
        assert f.read().strip() == 'wirefeed-worker'
    return proc, worker


def _children(parent):
    """Processes whose parent is ``parent`` (from /proc)."""
    found = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{pid}/stat', 'rb') as f:
                if int(f.read().rpartition(b')')[2].split()[1]) == parent:
                    found.append(int(pid))
        except (OSError, ValueError, IndexError):
            continue
    return found


@pytest.mark.skipif(not os.path.isdir('/proc'), reason='finds the worker in /proc')
def test_a_worker_that_dies_before_its_work_fails_the_run_in_one_line(inputs, tmp_path):
    """A forked worker killed while it waits for the runner (before the
    pipeline reaches it) fails the run the same way."""
    out = tmp_path / 'out'
    proc, waiting = _start_on_workers(inputs, out, 'early', _children)
    os.kill(waiting, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr[-3000:]
    assert stderr.strip().splitlines() == [stderr.strip()], stderr[-3000:]
    assert 'a local worker process died (killed by signal 9' in stderr
    os.remove(re.search(r'\(details: (\S+)\)', stderr).group(1))
    assert not os.path.exists(out / '_runs' / 'early.json')


@pytest.mark.skipif(not os.path.isdir('/proc'), reason='finds the worker in /proc')
def test_a_worker_that_dies_fails_the_run_in_one_line(inputs, tmp_path):
    """A worker killed mid-run (as the kernel's out-of-memory killer does)
    fails the run: exit 1, one line that says a worker died, the runner's
    tracebacks in a file, nothing published. (Beam's runner alone waits
    forever for a worker killed before it connects.)"""
    out = tmp_path / 'out'
    proc, worker = _start_with_workers(inputs, out, 'killed')
    os.kill(worker, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert stderr.strip().splitlines() == [stderr.strip()], stderr[-3000:]
    assert 'a local worker process died (killed by signal 9' in stderr
    details = re.search(r'\(details: (\S+)\)', stderr).group(1)
    with open(details) as f:
        assert 'Worker subprocess exited' in f.read()
    os.remove(details)
    assert not os.path.exists(out / '_runs' / 'killed.json')


@pytest.mark.skipif(not os.path.isdir('/proc'), reason='finds the worker in /proc')
def test_ctrl_c_with_workers_is_one_line(inputs, tmp_path):
    """Ctrl-C reaches every process of the group: the run says it was
    interrupted, once, and no worker prints its own traceback."""
    out = tmp_path / 'out'
    proc, _ = _start_with_workers(inputs, out, 'stopped')
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr[-3000:]
    assert stderr.strip() == 'wirefeed: interrupted; nothing of this run was published'
    assert not os.path.exists(out / '_runs' / 'stopped.json')


def test_workers_import_this_package_from_any_folder(tmp_path):
    """A run started in a folder that holds another ``pipeline`` package
    (a common name): its workers still import wirefeed's."""
    (tmp_path / 'pipeline').mkdir()
    (tmp_path / 'pipeline' / '__init__.py').write_text('raise ImportError("the wrong pipeline")\n')
    start = (f'import sys; sys.path.insert(0, {REPO!r}); from pipeline.cli import main; '
             f'sys.exit(main())')
    proc = subprocess.run([sys.executable, '-c', start, 'run', '--output', str(tmp_path / 'out'),
                           '--quiet', *OWN_WORKERS], cwd=tmp_path, env=child_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert summary(tmp_path / 'out')['counts'][0] > 0


def test_workers_run_with_the_collector_settings_of_a_run():
    """What a worker process does between bundles is not visible in the
    tables; its collector settings (pipeline.collector) are, from a DoFn."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.testing.util import assert_that, equal_to

    from pipeline.collector import THRESHOLDS
    from pipeline.local_workers import worker_runner

    def settings(_):   # nested: pickled by value, as the worker cannot import tests
        import gc
        return gc.get_threshold(), gc.get_freeze_count() > 0
    with beam.Pipeline(runner=worker_runner(),
                       options=PipelineOptions(['--direct_num_workers=2'])) as p:
        seen = (p | beam.Create(range(4)) | beam.Reshuffle()
                | beam.Map(settings))
        assert_that(seen, equal_to([(THRESHOLDS, True)] * 4))
