"""Worker processes forked from the run's process (pipeline.forked_workers).

The forks happen in a fresh interpreter: this test process has run other
pipelines, whose threads make forking unsafe here (and WorkerPool.start
says so by forking nothing, tested below)."""
import json
import os
import subprocess
import sys
import threading

from pipeline.forked_workers import WorkerPool

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_SCRIPT = r'''
import json, os, sys
sys.path.insert(0, %(repo)r)
import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from pipeline.forked_workers import WorkerPool
from pipeline.local_runner import LocalRunner

def prepare():
    open(os.path.join(%(out)r, 'prepared-%%d' %% os.getpid()), 'w').close()

pool = WorkerPool.start(%(forks)d, prepare)
forked = sorted(pool.pids)
try:
    options = PipelineOptions(['--direct_num_workers=2'])
    p = beam.Pipeline(runner=LocalRunner(default_environment=pool.environment()),
                      options=options)
    out = os.path.join(%(out)r, 'seen')
    (p | beam.Create(list(range(200))) | beam.Reshuffle()
       | beam.Map(lambda x: json.dumps([x * x, os.getpid(), os.getppid(),
                                        open('/proc/self/comm').read().strip()]))
       | beam.io.WriteToText(out, shard_name_template=''))
    p.run().wait_until_finish()
finally:
    pool.close()
left = []
for pid in forked:
    try:
        os.kill(pid, 0)
        left.append(pid)
    except ProcessLookupError:
        pass
print(json.dumps({'parent': os.getpid(), 'forked': forked, 'left': left}))
'''


def _run_on_pool(tmp_path, forks):
    """The script in a fresh interpreter, on a pool of ``forks`` workers
    for a pipeline of two: what it printed, and the rows it wrote."""
    script = _SCRIPT % {'repo': REPO, 'out': str(tmp_path), 'forks': forks}
    proc = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True,
                          timeout=300, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    facts = json.loads(proc.stdout.strip().splitlines()[-1])
    rows = [json.loads(line) for line in (tmp_path / 'seen').read_text().splitlines()]
    assert sorted(r[0] for r in rows) == [x * x for x in range(200)]
    return facts, rows


def test_a_pipeline_runs_on_forked_workers_and_the_spare_one_ends(tmp_path):
    facts, rows = _run_on_pool(tmp_path, forks=3)
    assert sorted(r[0] for r in rows) == [x * x for x in range(200)]
    workers = {r[1] for r in rows}
    # the work ran in forked children of the run's process, named as such
    assert workers and workers <= set(facts['forked'])
    assert {r[2] for r in rows} == {facts['parent']}
    assert {r[3] for r in rows} == {'wirefeed-worker'}
    # three forked for two workers: the third ended with the pool, and
    # every one was reaped (a zombie would still answer kill(pid, 0))
    assert facts['left'] == []
    # each prepared itself while it waited, the spare one too
    assert sorted(int(p.name.split('-')[1]) for p in tmp_path.glob('prepared-*')) == \
        facts['forked']


def test_a_worker_beyond_the_pool_is_started_as_a_process(tmp_path):
    """One forked worker for a pipeline of two: the second is Beam's
    subprocess worker running wirefeed's worker command."""
    facts, rows = _run_on_pool(tmp_path, forks=1)
    names = {r[1]: r[3] for r in rows}
    assert len(names) == 2
    forked = [pid for pid in names if pid in facts['forked']]
    assert len(forked) == 1 and names[forked[0]] == 'wirefeed-worker'
    started = [pid for pid in names if pid not in facts['forked']]
    assert names[started[0]] != 'wirefeed-worker'


def test_no_fork_while_another_thread_runs():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert WorkerPool.start(2) is None
    finally:
        release.set()
        other.join()


_DIES_WHILE_THE_OTHER_PREPARES = r'''
import json, os, signal, sys, time
sys.path.insert(0, %(repo)r)
import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from pipeline.forked_workers import WorkerPool
from pipeline.local_runner import LocalRunner
from pipeline.local_workers import WorkerDied, fail_if_a_worker_dies

pool = WorkerPool.start(2, lambda: time.sleep(%(prepare_seconds)d))
os.kill(pool.pids[0], signal.SIGKILL)
started = time.monotonic()
outcome = 'finished'
try:
    p = beam.Pipeline(runner=LocalRunner(default_environment=pool.environment()),
                      options=PipelineOptions(['--direct_num_workers=2']))
    p | beam.Create(list(range(20))) | beam.Reshuffle() | beam.Map(lambda x: x)
    with fail_if_a_worker_dies():
        p.run().wait_until_finish()
except WorkerDied as e:
    outcome = str(e)
finally:
    pool.close()
print(json.dumps({'outcome': outcome, 'seconds': time.monotonic() - started}))
'''


def test_a_worker_that_dies_while_the_other_prepares_fails_the_run(tmp_path):
    """One forked worker killed before the runner takes it, while the other
    still loads its reference data (as on a busy machine): the run fails
    with WorkerDied, and the other worker is stopped too, rather than
    becoming Beam's worker after the run gave up and waiting forever for
    work (the run then waited forever for it)."""
    script = _DIES_WHILE_THE_OTHER_PREPARES % {'repo': REPO, 'prepare_seconds': 5}
    proc = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True,
                          timeout=120, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    facts = json.loads(proc.stdout.strip().splitlines()[-1])
    assert facts['outcome'].endswith('return code -9'), facts
