"""How many local worker processes a run gets, and how what the workers
log reaches this process (pipeline.local_workers). The runs themselves,
with workers, are in tests/warehouse/test_multiprocessing.py."""
import logging
import os
import signal
import threading
import time

import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.portability.api import beam_fn_api_pb2
from apache_beam.runners.portability.local_job_service import BeamFnLoggingServicer

from pipeline.config import ConfigError, load_run_config
from pipeline.local_workers import (AUTO, AUTO_MIN_BYTES, MAX_AUTO_WORKERS, WorkerDied,
                                    auto_workers, available_memory, beam_worker_flags,
                                    fail_if_a_worker_dies, feed_bytes, is_local_runner,
                                    relay_worker_logs, worker_options)
from pipeline.model import FeedSource
from pipeline.progress import PROGRESS_LOGGER, feed_done, replay_feed_done
from pipeline.run import local_workers

GB = 1024 ** 3


def cfg_from(tmp_path, argv):
    argv = ['--output', str(tmp_path / 'out'), *argv]
    return load_run_config(PipelineOptions(argv), argv)


def test_auto_uses_the_cores_only_for_large_inputs():
    assert auto_workers(AUTO_MIN_BYTES - 1, 2, linux=True) == 1
    assert auto_workers(AUTO_MIN_BYTES, 2, linux=True) == 2
    assert auto_workers(10 * AUTO_MIN_BYTES, 1, linux=True) == 1
    assert auto_workers(10 * AUTO_MIN_BYTES, 64, linux=True) == MAX_AUTO_WORKERS
    # elsewhere a dead worker or Ctrl-C could leave the run waiting
    assert auto_workers(10 * AUTO_MIN_BYTES, 2, linux=False) == 1


def test_auto_keeps_one_process_where_memory_would_not_hold_the_workers():
    feeds = 344 * 1024 ** 2   # ~100k articles: 6.4 GB on two workers, 2.0 GB in one process
    assert auto_workers(feeds, 2, available=24 * GB, linux=True) == 2
    assert auto_workers(feeds, 2, available=5 * GB, linux=True) == 1
    assert auto_workers(feeds, 2, available=None, linux=True) == 2
    # four workers need more than two
    assert auto_workers(feeds, 4, available=8 * GB, linux=True) == 1
    assert auto_workers(feeds, 4, available=12 * GB, linux=True) == 4
    memory = available_memory()
    assert memory is None or memory > 0


def test_feed_bytes_counts_files_not_urls(tmp_path):
    (tmp_path / 'a.xml').write_bytes(b'x' * 1000)
    (tmp_path / 'b.json').write_bytes(b'y' * 234)
    assert feed_bytes([str(tmp_path / 'a.xml'), str(tmp_path / 'b.json'),
                       'https://example.com/feed.xml']) == 1234
    # a file gone since the inputs were listed counts for nothing
    assert feed_bytes([str(tmp_path / 'gone.xml'), str(tmp_path / 'a.xml')]) == 1000


def test_the_local_runner_as_beam_reads_runner_names():
    assert is_local_runner(['--runner=FnApiRunner'])
    assert is_local_runner(['--runner=fnapirunner'])
    assert is_local_runner(['--runner=apache_beam.runners.portability.fn_api_runner.'
                            'fn_runner.FnApiRunner'])
    assert not is_local_runner(['--runner=DataflowRunner'])
    assert beam_worker_flags(['--runner=FnApiRunner', '--direct_num_workers=2', '--x=1']) \
        == ['--direct_num_workers']


def test_a_run_plan_decides_from_the_config_and_the_input_size(tmp_path, monkeypatch):
    feed = tmp_path / 'big.xml'
    feed.write_bytes(b'<rss/>')
    sources = [FeedSource(str(feed))]
    monkeypatch.setattr('pipeline.run.usable_cores', lambda: 2)
    monkeypatch.setattr('pipeline.run.available_memory', lambda: 24 * GB)
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed)]), sources) == 1
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed), '--local_workers', '3']),
                         sources) == 3
    # Beam's own flags: Beam decides
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed), '--direct_num_workers=2',
                                             '--direct_running_mode=multi_processing']),
                         sources) == 1
    with open(feed, 'r+b') as f:  # a sparse file: its size is what counts
        f.truncate(AUTO_MIN_BYTES)
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed)]), sources) == \
        auto_workers(AUTO_MIN_BYTES, 2, 24 * GB)
    monkeypatch.setattr('pipeline.run.available_memory', lambda: GB)
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed)]), sources) == 1


def test_local_workers_is_for_the_local_runner_only(tmp_path):
    cfg = cfg_from(tmp_path, ['--local_workers', '3', '--runner', 'DataflowRunner'])
    with pytest.raises(ConfigError, match='only for the local runner'):
        local_workers(cfg, [])
    cfg = cfg_from(tmp_path, ['--local_workers', '1', '--runner', 'DataflowRunner'])
    assert local_workers(cfg, []) == 1


@pytest.mark.parametrize('value', ['0', '-2', 'two', '1.5', 'true'])
def test_local_workers_must_be_auto_or_a_count(tmp_path, value):
    with pytest.raises(ConfigError, match='--local_workers: expected auto or a number'):
        cfg_from(tmp_path, ['--local_workers', value])


def test_local_workers_from_the_config_file(tmp_path):
    cfg = tmp_path / 'c.yaml'
    cfg.write_text('inputs: [feeds]\nlocal_workers: 2\n')
    assert cfg_from(tmp_path, ['--config', str(cfg)]).local_workers == 2
    assert cfg_from(tmp_path, ['--config', str(cfg), '--local_workers', 'AUTO']).local_workers == AUTO
    cfg.write_text('inputs: [feeds]\nlocal_workers: many\n')
    with pytest.raises(ConfigError, match='local_workers: expected auto'):
        cfg_from(tmp_path, ['--config', str(cfg)])


def test_local_workers_and_beams_worker_flags_exclude_each_other(tmp_path):
    with pytest.raises(ConfigError, match='give one of them'):
        cfg_from(tmp_path, ['--local_workers', '2', '--direct_num_workers=2'])
    assert cfg_from(tmp_path, ['--direct_num_workers=2']).local_workers == AUTO


def test_worker_options_follow_this_process_log_level():
    root = logging.getLogger()
    level = root.level
    try:
        root.setLevel(logging.WARNING)
        options = worker_options(2)
        assert '--direct_num_workers=2' in options
        assert '--default_sdk_harness_log_level=WARNING' in options
        assert any(PROGRESS_LOGGER in o for o in options)
        root.setLevel(logging.DEBUG)
        assert '--default_sdk_harness_log_level=INFO' in worker_options(2)
    finally:
        root.setLevel(level)



def test_worker_options_keep_the_log_levels_the_user_gave_beam():
    """As the run puts them together: the user's Beam flags first, then
    the worker options (Beam takes the last default level given, and
    merges the per-logger levels)."""
    user = ['--default_sdk_harness_log_level', 'DEBUG',
            '--sdk_harness_log_level_overrides={"apache_beam.io": "ERROR"}']
    options = PipelineOptions(user + worker_options(2, user)).get_all_options()
    assert options['default_sdk_harness_log_level'] == 'DEBUG'
    assert options['sdk_harness_log_level_overrides'] == {'apache_beam.io': 'ERROR',
                                                          PROGRESS_LOGGER: 'INFO'}
    given = ['--default_sdk_harness_log_level=ERROR']
    assert PipelineOptions(given + worker_options(2, given)).get_all_options()[
        'default_sdk_harness_log_level'] == 'ERROR'

def test_feed_done_replays_from_its_text():
    got = []

    class Catch(logging.Handler):
        def emit(self, record):
            got.append((record.wf_status, record.wf_source, record.wf_entries, record.wf_reason))

    handler = Catch()
    progress = logging.getLogger(PROGRESS_LOGGER)
    progress.addHandler(handler)
    progress.setLevel(logging.INFO)
    try:
        assert replay_feed_done('ok /data/my feeds/a entries=1.xml entries=12')
        assert replay_feed_done('failed https://x.test/rss entries=0 reason=http 404')
        assert not replay_feed_done('Python sdk harness exiting.')
    finally:
        progress.removeHandler(handler)
        progress.setLevel(logging.NOTSET)
    assert got == [('ok', '/data/my feeds/a entries=1.xml', 12, None),
                   ('failed', 'https://x.test/rss', 0, 'http 404')]


def _worker_sends(servicer, message, severity, location, trace=''):
    entry = beam_fn_api_pb2.LogEntry(severity=severity, message=message, log_location=location,
                                     thread='MainThread', trace=trace)
    list(servicer.Logging(iter([beam_fn_api_pb2.LogEntry.List(log_entries=[entry])])))


def test_worker_records_arrive_as_this_process_would_log_them(tmp_path):
    """Through Beam's own logging service: what the runner does with every
    log entry a worker sends."""
    progress_seen, worker_seen = [], []

    class Catch(logging.Handler):
        def __init__(self, into):
            super().__init__(logging.DEBUG)
            self.into = into

        def emit(self, record):
            self.into.append((record.name, record.levelno, record.getMessage()))

    progress, worker = logging.getLogger(PROGRESS_LOGGER), logging.getLogger('wirefeed.worker')
    catches = Catch(progress_seen), Catch(worker_seen)
    progress.addHandler(catches[0])
    worker.addHandler(catches[1])
    progress.setLevel(logging.INFO)
    worker.setLevel(logging.INFO)  # as under -v
    servicer, severity = BeamFnLoggingServicer(), beam_fn_api_pb2.LogEntry.Severity
    here = feed_done.__code__.co_filename
    try:
        with relay_worker_logs():
            _worker_sends(servicer, 'ok /feeds/a.xml entries=7', severity.INFO, f'{here}:24')
            _worker_sends(servicer, 'feed x: odd "quotes"\nand a second line', severity.WARN,
                          '/somewhere/pipeline/stages.py:80')
            # Beam's worker puts a record's traceback in the message and the trace
            _worker_sends(servicer, 'it broke\nTraceback (most recent call last):\n  boom',
                          severity.ERROR, '/x.py:1', trace='Traceback (most recent call last):\n  boom\n')
            _worker_sends(servicer, 'BatchElements statistics: ...', severity.INFO,
                          '/beam/transforms/util.py:9')
        _worker_sends(servicer, 'ok /feeds/b.xml entries=1', severity.INFO, f'{here}:24')
    finally:
        progress.removeHandler(catches[0])
        worker.removeHandler(catches[1])
        worker.setLevel(logging.NOTSET)
        progress.setLevel(logging.NOTSET)
    assert progress_seen == [(PROGRESS_LOGGER, logging.INFO, 'ok /feeds/a.xml entries=7')]
    assert (('wirefeed.worker', logging.WARNING, 'feed x: odd "quotes"\nand a second line')
            in worker_seen)
    assert ('wirefeed.worker', logging.ERROR,
            'it broke\nTraceback (most recent call last):\n  boom') in worker_seen
    # INFO that is not progress goes on at INFO, for -v to show or not
    assert ('wirefeed.worker', logging.INFO, 'BatchElements statistics: ...') in worker_seen


def _worker_thread_fails(message):
    """What Beam's thread for one worker does when the worker ends early."""
    def run():
        raise RuntimeError(message)
    thread = threading.Thread(name='run_worker', target=run)
    thread.start()
    thread.join()


@pytest.fixture
def thread_errors():
    """Exceptions that end threads, as the hook before the watch sees them."""
    seen, previous = [], threading.excepthook
    threading.excepthook = lambda args: seen.append((args.thread.name, str(args.exc_value)))
    yield seen
    threading.excepthook = previous


def test_a_dead_worker_interrupts_the_run(thread_errors):
    started = time.monotonic()
    with pytest.raises(WorkerDied, match='return code -9'):
        with fail_if_a_worker_dies():
            _worker_thread_fails('Worker subprocess exited with return code -9')
            time.sleep(30)  # the runner, waiting for the dead worker
    assert time.monotonic() - started < 10
    # still passed on (the CLI keeps it for the details file)
    assert thread_errors == [('run_worker', 'Worker subprocess exited with return code -9')]
    assert signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL


def test_the_watch_leaves_other_signals_and_interrupted_workers_alone(thread_errors):
    # (as the test process has it: a shell that starts it in the background
    # without job control sets Ctrl-C aside, SIG_IGN)
    sigint = signal.getsignal(signal.SIGINT)
    with fail_if_a_worker_dies():
        os.kill(os.getpid(), signal.SIGUSR1)  # another program's: not a dead worker
        time.sleep(0.1)
        # Ctrl-C ended this worker before its shell set Ctrl-C aside
        _worker_thread_fails(f'Worker subprocess exited with return code {-signal.SIGINT}')
        time.sleep(0.1)
        _worker_thread_fails('some other thread of the same name ending later')
        time.sleep(0.1)
    assert len(thread_errors) == 2
    assert signal.getsignal(signal.SIGINT) is sigint
    assert signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL


def test_a_worker_ends_without_the_interpreters_teardown():
    """pipeline.worker ends its process at once when Beam's worker returns
    (the runner waits for each worker to exit): what it printed is out,
    exit status 0, and no teardown runs (no atexit handler)."""
    import subprocess
    import sys
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = ('import atexit, sys; sys.path.insert(0, %r); from pipeline import worker; '
            'atexit.register(lambda: print("teardown")); print("done", end=""); '
            'worker._end_now()' % repo)
    proc = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                          timeout=60)
    assert (proc.returncode, proc.stdout) == (0, 'done')
