"""A scheduled run SIGKILLed anywhere, then re-run (issue 6, "atomic commit").

The output folder already holds a committed run (``day1``, a part of the
feeds). Run ``day2`` (all the feeds of a generated corpus) is killed:

* during the pipeline, at two points found by watching its staging folder
  (while normalized articles are being staged; while the article files are
  being written), in a child ``wirefeed run`` killed with SIGKILL;
* inside the commit, at exact points (the commit point, after one file was
  moved, before the replaced files are deleted, after the run report),
  by ``crash_run.py``, which makes the child SIGKILL itself there. The later
  points are reached by killing the roll-forward again, so the same folder
  also goes through repeated crashes.

After every kill: every published Parquet file reads in full, and a reader
sees only runs whose report is in ``_runs/`` (after the commit point: those,
plus files the pending manifest lists, which the next run rolls forward).
After the re-run (the same run id, as an Airflow retry does, or the next
day's id, as cron does): the tables equal those of a run never killed, every
file is readable, ``article_id`` is unique, ``story_id`` unique in stories,
and every article's story is there.

Slow (a few runs of a 2,000-article corpus, ~1 min on 2 cores).
"""
import glob
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from pipeline.cli import main

from .helpers import (REPO, assert_every_file_readable, assert_only_committed_runs_visible,
                      assert_same_tables, child_env, committed_runs, contract_violations,
                      pending_manifests, published_files, report, success_run, summary,
                      wirefeed_cmd)

pytestmark = pytest.mark.slow

sys.path.insert(0, os.path.join(REPO, 'benchmarks'))
import make_corpus  # noqa: E402

ARTICLES = 2000
CRASH = os.path.join(os.path.dirname(__file__), 'crash_run.py')


@pytest.fixture(scope='module')
def feeds(tmp_path_factory):
    """``all``: every feed of the corpus; ``part``: a fifth of them (day 1)."""
    root = tmp_path_factory.mktemp('corpus')
    make_corpus.generate(str(root), ARTICLES, seed=11, feeds=30)
    names = sorted(os.listdir(root / 'feeds'))
    part = root / 'part'
    part.mkdir()
    for name in names[::5]:
        shutil.copy(root / 'feeds' / name, part / name)
    return {'all': str(root / 'feeds'), 'part': str(part)}


@pytest.fixture(scope='module')
def day1(feeds, tmp_path_factory):
    """An output folder with one committed run of a part of the feeds."""
    out = tmp_path_factory.mktemp('day1') / 'out'
    assert main(['run', '--input', feeds['part'], '--output', str(out),
                 '--run-id', 'day1', '--quiet']) == 0
    return out


@pytest.fixture(scope='module')
def clean(feeds, day1, tmp_path_factory):
    """day1 then day2 on every feed, never killed: what every re-run must equal."""
    out = tmp_path_factory.mktemp('clean') / 'out'
    shutil.copytree(day1, out)
    assert main(['run', '--input', feeds['all'], '--output', str(out),
                 '--run-id', 'day2', '--quiet']) == 0
    assert contract_violations(out) == (0, 0, 0, 0)
    return out


def _copy(day1, tmp_path):
    out = tmp_path / 'out'
    shutil.copytree(day1, out)
    return out


def _file_state(out):
    return {rel: os.path.getsize(os.path.join(out, rel)) for rel in published_files(out)}


def _kill_when(argv, ready, timeout=240):
    """Start ``wirefeed run argv`` in its own process group and SIGKILL the
    group as soon as ``ready()`` is true. Fails if the run ends first."""
    log = open(os.devnull, 'w')
    proc = subprocess.Popen(wirefeed_cmd('run', *argv), cwd=REPO, env=child_env(),
                            stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while not ready():
            assert proc.poll() is None, f'the run ended (code {proc.returncode}) before the kill point'
            assert time.monotonic() < deadline, 'kill point not reached in time'
            time.sleep(0.005)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:        # a failed wait: do not leave the run behind
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(timeout=60)
        log.close()
    assert proc.returncode == -signal.SIGKILL


def _crash(point, *args):
    """crash_run.py: the child kills itself with SIGKILL at ``point``."""
    proc = subprocess.run([sys.executable, CRASH, point, *args], cwd=REPO, env=child_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, (
        f'{point}: expected SIGKILL, got exit {proc.returncode}: {proc.stderr[-3000:]}')


def _assert_after_rerun(out, clean, run_id):
    assert not os.path.exists(os.path.join(out, '_staging'))
    assert success_run(out) == run_id
    assert assert_every_file_readable(out) > 0
    assert_only_committed_runs_visible(out)
    assert contract_violations(out) == (0, 0, 0, 0)
    # the re-run's id is in its rows; the tables are otherwise equal
    assert_same_tables(summary(out, with_run_ids=False), summary(clean, with_run_ids=False),
                       f'killed then re-run as {run_id}')
    rep = report(out, run_id)
    assert rep['accounted'] is True


@pytest.mark.parametrize('point, rerun_id', [
    ('pending', 'day2'),    # normalized articles being staged; Airflow retry, same id
    ('articles', 'day3'),   # article files being staged; next cron run, new id
])
def test_killed_during_pipeline_then_rerun(feeds, day1, clean, tmp_path, point, rerun_id):
    out = _copy(day1, tmp_path)
    before = _file_state(out)
    staging = os.path.join(out, '_staging', 'day2')

    def ready():
        return bool(glob.glob(os.path.join(staging, point, '**', '*.parquet'), recursive=True))

    _kill_when(['--input', feeds['all'], '--output', str(out), '--run-id', 'day2', '--quiet'],
               ready)

    # killed before its commit point: readers see exactly day1
    assert os.path.isdir(staging) and not os.path.exists(os.path.join(staging, '_MANIFEST.json'))
    assert _file_state(out) == before
    assert committed_runs(out) == {'day1'} and success_run(out) == 'day1'
    assert assert_every_file_readable(out) == len(before)
    assert_only_committed_runs_visible(out)
    assert contract_violations(out) == (0, 0, 0, 0)

    assert main(['run', '--input', feeds['all'], '--output', str(out),
                 '--run-id', rerun_id, '--quiet']) == 0
    _assert_after_rerun(out, clean, rerun_id)
    assert report(out, rerun_id)['articles_written'] == report(clean, 'day2')['articles_written']


def test_killed_inside_the_commit_then_rolled_forward(feeds, day1, clean, tmp_path):
    out = _copy(day1, tmp_path)
    day1_files = set(published_files(out))
    args = ['--input', feeds['all'], '--output', str(out), '--run-id', 'day2', '--quiet']

    def check(stage):
        """Readable, and every visible file is committed or being rolled forward."""
        pending = pending_manifests(out)
        assert list(pending) == ['day2'], stage
        assert assert_every_file_readable(out) > 0, stage
        assert_only_committed_runs_visible(out, allow_pending=True)
        return set(published_files(out)), pending['day2']

    # 1. the real run, killed right after moving its first file into place
    _crash('moved:1', 'run', *args)
    visible, manifest = check('moved:1')
    new = set(manifest['files']) & visible
    assert len(new) == 1 and day1_files <= visible            # one file of day2 is out
    assert 'day2' not in committed_runs(out) and success_run(out) == 'day1'
    assert len(manifest['files']) > 3 and manifest['delete']   # grown stories replace files

    # 2. the roll-forward, killed when every file is in place but the
    #    replaced story files are not deleted yet
    _crash('delete', 'recover', str(out))
    visible, _ = check('delete')
    assert {f for f in manifest['files'] if not f.startswith('_state/')} <= visible
    assert set(manifest['delete']) <= visible
    # The window a loader must not read in (docs/warehouse.md): between the
    # commit point and the end of the roll-forward, a story partition's old
    # and new files are both there, so stories are doubled. Every file is
    # whole; _staging/*/_MANIFEST.json says a commit is unfinished.
    assert contract_violations(out)[1] > 0

    # 3. the roll-forward, killed after the run report, before _SUCCESS
    _crash('report', 'recover', str(out))
    visible, _ = check('report')
    assert not set(manifest['delete']) & visible
    assert 'day2' in committed_runs(out) and success_run(out) == 'day1'
    assert contract_violations(out) == (0, 0, 0, 0)   # all moves and deletes are done

    # 4. the Airflow retry: the same run id; it finishes the commit, then
    #    re-runs day2 and replaces its files
    assert main(['run', *args]) == 0
    _assert_after_rerun(out, clean, 'day2')
    assert_same_tables(summary(out), summary(clean), 'rolled forward then re-run')


def test_killed_at_the_commit_point_next_run_finishes_it(feeds, day1, clean, tmp_path):
    """Killed right after the manifest (nothing moved): the next run, with
    a new id, completes day2 first; its own input is then all repeats."""
    out = _copy(day1, tmp_path)
    _crash('manifest', 'run', '--input', feeds['all'], '--output', str(out),
           '--run-id', 'day2', '--quiet')
    assert set(published_files(out)) == set(published_files(day1))
    assert list(pending_manifests(out)) == ['day2']
    assert main(['run', '--input', feeds['all'], '--output', str(out),
                 '--run-id', 'day3', '--quiet']) == 0
    assert report(out, 'day3')['articles_written'] == 0
    clean_day2 = report(clean, 'day2')
    assert report(out, 'day3')['repeats'] == clean_day2['articles_written'] + clean_day2['repeats']
    _assert_after_rerun(out, clean, 'day3')
    assert_same_tables(summary(out), summary(clean), 'rolled forward by the next run')
