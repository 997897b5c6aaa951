"""Compose and run the wirefeed pipeline.

    ReadFeeds | ParseEntries | Normalize | Deduplicate | WriteTables

Every stage that can fail has a ``rejected`` output; they all flow into the
quarantine table, and the run report accounts for every entry read. I/O
happens only at the edges: ReadFeeds (files, HTTP) and WriteTables
(staged Parquet, committed at once).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import logging
import os
from typing import Dict, Iterator, Optional, Sequence, Tuple

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from .config import ConfigError, RunConfig
from .dedup.transform import Deduplicate
from .forked_workers import WorkerPool
from .local_runner import LocalRunner
from .local_workers import (AUTO, auto_workers, available_memory, beam_worker_flags,
                            fail_if_a_worker_dies, feed_bytes, is_local_runner,
                            relay_worker_logs, usable_cores, worker_options, worker_runner)
from .model import FeedSource
from .normalize.article import load_reference_data
from .progress import sources_known
from .sinks.commit import RUNS, read_json, recover, refusal, write_json
from .sinks.files import join
from .sinks.write import WriteTables
from .sources.inputs import expand_inputs
from .stages import Normalize, ParseEntries, ReadFeeds
from .state.feed_state import read_feed_states

log = logging.getLogger('wirefeed')


def build_pipeline(p: beam.Pipeline, cfg: RunConfig, sources: Sequence[FeedSource],
                   prior_states: Dict[str, dict], started_at: dt.datetime):
    """Add the wirefeed graph to ``p``; returns the run report PCollection."""
    feeds = p | 'ReadFeeds' >> ReadFeeds(sources, cfg.fetch, prior_states)
    entries = feeds.documents | 'ParseEntries' >> ParseEntries()
    articles = entries.entries | 'Normalize' >> Normalize(cfg.normalize)
    stories = articles.articles | 'Deduplicate' >> Deduplicate(
        cfg.dedup, cfg.state_path, cfg.run_id)
    rejected = ((feeds.rejected, entries.rejected, articles.rejected)
                | 'AllRejected' >> beam.Flatten())
    status = (feeds.status, entries.status) | 'AllStatus' >> beam.Flatten()
    return ({'articles': articles.articles,
             'assignments': stories['assignments'],
             'stories': stories['stories'],
             'index': stories['index'],
             'rejected': rejected,
             'status': status,
             'state': (feeds.state, entries.state) | 'AllState' >> beam.Flatten()}
            | 'WriteTables' >> WriteTables(cfg.output, cfg.run_id, started_at,
                                           cfg.inputs, len(sources)))


@dataclasses.dataclass(frozen=True)
class RunPlan:
    """What a run will read, known before the pipeline starts."""
    cfg: RunConfig
    sources: Tuple[FeedSource, ...]
    prior_states: Dict[str, dict]
    recovered: Tuple[str, ...]
    #: local worker processes wirefeed starts (1: none, the run is in this
    #: process or the runner's own business)
    workers: int = 1


class RunRefused(RuntimeError):
    """The pipeline finished but its output was not published: it would
    have lost entries (see sinks.commit.refuse_run)."""


def raise_if_refused(output: str, run_id: str) -> None:
    """RunRefused when the commit step refused the run (see
    sinks.commit.refuse_run)."""
    refused = refusal(output, run_id)
    if refused:
        raise RunRefused(f'{refused}; nothing was published (run in one '
                         f'process, --local_workers 1 without --direct_running_mode, '
                         f'and report it)')


def check_output(output: str) -> None:
    """ConfigError unless ``output`` is a local folder wirefeed can write
    in, or one it can create (nothing is created here); remote outputs
    (gs://, s3://) are left to their filesystem. Without this, an output
    that is a file, or lies under one, failed the run with a traceback
    at its first staged file, after every feed had been read."""
    if '://' in output:
        return
    if os.path.exists(output) and not os.path.isdir(output):
        raise ConfigError(f'output {output}: exists and is not a folder')
    existing = os.path.abspath(output)
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.path.isdir(existing):
        raise ConfigError(f'output {output}: cannot be a folder, {existing} is a file')
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f'output {output}: {existing} is not writable')


def prepare(cfg: RunConfig) -> RunPlan:
    """Check the output folder (ConfigError), finish any interrupted
    commit, expand the inputs (InputError on a missing one) and load the
    feeds' conditional-GET state."""
    check_output(cfg.output)
    recovered = tuple(recover(cfg.output))
    if recovered:
        log.warning('completed the commit of interrupted run(s): %s', ', '.join(recovered))
    sources = tuple(expand_inputs(cfg.inputs, cfg.options_for))
    prior = read_feed_states(cfg.state_path, exclude_run_id=cfg.run_id)
    return RunPlan(cfg, sources, prior, recovered, local_workers(cfg, sources))


def local_workers(cfg: RunConfig, sources: Sequence[FeedSource]) -> int:
    """How many worker processes the local runner starts for this run
    (see pipeline.local_workers)."""
    local = is_local_runner(cfg.beam_args)
    if cfg.local_workers not in (AUTO, 1) and not local:
        raise ConfigError(f'local_workers {cfg.local_workers}: only for the local runner '
                          f'(FnApiRunner); other runners have their own options')
    if not local or beam_worker_flags(cfg.beam_args):
        return 1  # Beam's to decide
    if cfg.local_workers != AUTO:
        return cfg.local_workers
    return auto_workers(feed_bytes(s.location for s in sources), usable_cores(),
                        available_memory())


class ViewOnceOptions(PipelineOptions):
    """Pipeline options that make each view (``view_as``) once.

    Beam asks the pipeline's options for a view ~800 times while it builds
    wirefeed's graph (TypeOptions at every apply and type inference), and
    each view parses the flags again with a new argparse parser of its
    class: ~0.2 s of every run's start. A view keeps no values of its own
    (all views read and write the options' one shared dict), so one view
    per class serves every caller alike."""

    def view_as(self, cls):
        views = self.__dict__.setdefault('_views', {})
        if cls not in views:
            views[cls] = super().view_as(cls)
        return views[cls]

    def __getstate__(self):
        state = dict(super().__getstate__())
        state.pop('_views', None)
        return state


@contextlib.contextmanager
def started_workers(plan: RunPlan) -> Iterator[Optional[WorkerPool]]:
    """The plan's local worker processes, forked now, before the pipeline
    is built (see pipeline.forked_workers), for ``execute``; each loads
    the normalizer's reference data while the graph is built. None where
    the plan has none or this process cannot fork them safely (the
    runner then starts its workers itself). Workers the run did not take
    end with the block."""
    pool = WorkerPool.start(plan.workers, functools.partial(
        load_reference_data, plan.cfg.normalize)) if plan.workers > 1 else None
    try:
        yield pool
    finally:
        if pool is not None:
            pool.close()


def execute(plan: RunPlan, pool: Optional[WorkerPool] = None) -> dict:
    """Run the batch, on the workers of ``pool`` where the plan has
    workers and ``started_workers`` gave a pool; returns the run's report
    as committed to ``_runs/``."""
    cfg = plan.cfg
    started_at = dt.datetime.now(dt.timezone.utc)
    sources_known(len(plan.sources))
    args, runner = list(cfg.beam_args), None
    if plan.workers > 1:
        args += worker_options(plan.workers, cfg.beam_args)
        runner = worker_runner(pool)
    elif is_local_runner(cfg.beam_args):
        runner = LocalRunner()
    p = beam.Pipeline(runner=runner, options=ViewOnceOptions(args))
    build_pipeline(p, cfg, plan.sources, plan.prior_states, started_at)
    with contextlib.ExitStack() as workers:
        if plan.workers > 1:
            workers.enter_context(relay_worker_logs())
            workers.enter_context(fail_if_a_worker_dies())
        result = p.run()
        result.wait_until_finish()
    raise_if_refused(cfg.output, cfg.run_id)
    path = join(cfg.output, RUNS, f'{cfg.run_id}.json')
    report = read_json(path)
    report.update(runner_figures(result), local_workers=plan.workers)
    write_json(path, report)
    return report


_EXEC_MSECS = 'metric:ptransform_execution_time:total_msecs:v1'


def runner_figures(result) -> dict:
    """Per-stage seconds (from the runner's execution-time metrics, where
    the runner reports them) and the pipeline's own counters, for the run
    report. Runners that report neither give an empty dict."""
    out = {}
    try:
        user = result.metrics().query()
        counters = {}
        for c in user['counters']:  # one name may count in several steps
            if c.committed is not None:
                name = f'{c.key.metric.namespace}.{c.key.metric.name}'
                counters[name] = counters.get(name, 0) + c.committed
        if counters:
            out['counters'] = dict(sorted(counters.items()))
    except Exception:  # noqa: BLE001 - a runner without metrics support
        pass
    try:
        system = result.monitoring_metrics().query()['counters']
    except Exception:  # noqa: BLE001 - only portable runners have these
        return out
    stages = {}
    for metric in system:
        if metric.key.metric.name != _EXEC_MSECS or not metric.key.step:
            continue
        parts = metric.key.step.split('/')
        stage = '/'.join(parts[:2]) if parts[0] == 'Deduplicate' and len(parts) > 1 else parts[0]
        stages[stage] = stages.get(stage, 0) + (metric.committed or 0)
    if stages:
        out['stage_seconds'] = {k: round(v / 1000.0, 3) for k, v in
                                sorted(stages.items(), key=lambda kv: -kv[1]) if v}
    return out


def run(cfg: RunConfig) -> dict:
    """Prepare and execute one batch."""
    plan = prepare(cfg)
    with started_workers(plan) as pool:
        return execute(plan, pool)
