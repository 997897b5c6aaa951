"""How many local worker processes a run gets, and how what the workers
log reaches this process (pipeline.local_workers). The runs themselves,
with workers, are in tests/warehouse/test_multiprocessing.py."""
import logging
import os

import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.portability.api import beam_fn_api_pb2
from apache_beam.runners.portability.local_job_service import BeamFnLoggingServicer

from pipeline.config import ConfigError, load_run_config
from pipeline.local_workers import (AUTO, AUTO_MIN_BYTES, MAX_AUTO_WORKERS, available_memory,
                                    choose_workers,
                                    feed_bytes, relay_worker_logs, worker_options,
                                    workers_setting_applies)
from pipeline.progress import PROGRESS_LOGGER, feed_done, replay_feed_done
from pipeline.run import local_workers


def cfg_from(tmp_path, argv):
    argv = ['--output', str(tmp_path / 'out'), *argv]
    return load_run_config(PipelineOptions(argv), argv)


def test_auto_uses_the_cores_only_for_large_inputs():
    assert choose_workers(AUTO, AUTO_MIN_BYTES - 1, 2) == 1
    assert choose_workers(AUTO, AUTO_MIN_BYTES, 2) == 2
    assert choose_workers(AUTO, 10 * AUTO_MIN_BYTES, 1) == 1
    assert choose_workers(AUTO, 10 * AUTO_MIN_BYTES, 64) == MAX_AUTO_WORKERS
    assert choose_workers(3, 0, 1) == 3


def test_auto_keeps_one_process_where_memory_would_not_hold_the_workers():
    feeds = 344 * 1024 ** 2   # ~100k articles: 6.4 GB on two workers, 2.0 GB in one process
    assert choose_workers(AUTO, feeds, 2, available=24 * 1024 ** 3) == 2
    assert choose_workers(AUTO, feeds, 2, available=5 * 1024 ** 3) == 1
    assert choose_workers(AUTO, feeds, 2, available=None) == 2
    assert choose_workers(2, feeds, 2, available=1024 ** 3) == 2   # asked for: given
    memory = available_memory()
    assert memory is None or memory > 0


def test_feed_bytes_counts_files_not_urls(tmp_path):
    (tmp_path / 'a.xml').write_bytes(b'x' * 1000)
    (tmp_path / 'b.json').write_bytes(b'y' * 234)
    assert feed_bytes([str(tmp_path / 'a.xml'), str(tmp_path / 'b.json'),
                       'https://example.com/feed.xml']) == 1234
    # a file gone since the inputs were listed counts for nothing
    assert feed_bytes([str(tmp_path / 'gone.xml'), str(tmp_path / 'a.xml')]) == 1000


def test_only_the_local_runner_without_beams_own_worker_flags():
    assert workers_setting_applies(['--runner=FnApiRunner'])
    assert not workers_setting_applies(['--runner=FnApiRunner', '--direct_num_workers=2'])
    assert not workers_setting_applies(['--runner=FnApiRunner',
                                        '--direct_running_mode=multi_processing'])
    assert not workers_setting_applies(['--runner=DataflowRunner'])


def test_a_run_plan_decides_from_the_config_and_the_input_size(tmp_path):
    feed = tmp_path / 'big.xml'
    feed.write_bytes(b'<rss/>')
    sources = [type('S', (), {'location': str(feed)})()]
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed)]), sources) == 1
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed), '--local_workers', '3']),
                         sources) == 3
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed), '--local_workers', '3',
                                             '--runner', 'DataflowRunner']), sources) == 1
    with open(feed, 'r+b') as f:  # a sparse file: its size is what counts
        f.truncate(AUTO_MIN_BYTES)
    cores = choose_workers(AUTO, AUTO_MIN_BYTES, os.cpu_count() or 1)
    assert local_workers(cfg_from(tmp_path, ['--input', str(feed)]), sources) in (1, cores)


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
    assert got == [('ok', '/data/my feeds/a entries=1.xml', 12, None),
                   ('failed', 'https://x.test/rss', 0, 'http 404')]


def _worker_sends(servicer, message, severity, location):
    entry = beam_fn_api_pb2.LogEntry(severity=severity, message=message, log_location=location,
                                     thread='MainThread')
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
            _worker_sends(servicer, 'BatchElements statistics: ...', severity.INFO,
                          '/beam/transforms/util.py:9')
        _worker_sends(servicer, 'ok /feeds/b.xml entries=1', severity.INFO, f'{here}:24')
    finally:
        progress.removeHandler(catches[0])
        worker.removeHandler(catches[1])
        worker.setLevel(logging.NOTSET)
    assert progress_seen == [(PROGRESS_LOGGER, logging.INFO, 'ok /feeds/a.xml entries=7')]
    assert (('wirefeed.worker', logging.WARNING, 'feed x: odd "quotes"\nand a second line')
            in worker_seen)
    # INFO that is not progress goes on at INFO, for -v to show or not
    assert ('wirefeed.worker', logging.INFO, 'BatchElements statistics: ...') in worker_seen
