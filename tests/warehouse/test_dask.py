"""wirefeed on a real distributed engine: Beam's DaskRunner against a local
dask.distributed cluster of two worker processes started here (issue 6).

What Beam 2.77's DaskRunner does with this pipeline (read from
``apache_beam/runners/dask/{dask_runner,transform_evaluator,overrides}.py``
and pinned down by the tests below):

1. **Tagged outputs are not routed.** A ParDo's bag holds all its outputs
   (main and every ``TaggedOutput``) and each consumer, of whichever output,
   gets that whole bag (the visitor looks up ``input.producer`` and never
   ``input.tag``). wirefeed's stages all have a dead-letter output
   (``.with_outputs('rejected', ...)``), so the quarantine writer receives
   FeedDocuments and the run fails ("'FeedDocument' object has no attribute
   'as_row'").
2. **Outputs of ``finish_bundle`` are dropped.** ``apply_dofn_to_bundle``
   collects the outputs *before* it calls ``finish_bundle``. wirefeed's
   staging writers emit the names of the files they wrote from
   ``finish_bundle`` (one file per bundle), so those files would be written
   but never committed.
3. **Upstream stages run many times per run.** A side input is computed by
   a nested ``bag.compute()`` of its whole upstream graph inside every task
   that reads it (``DaskBagWindowedIterator``), and nothing is cached
   between tasks: with the fixture feeds served over HTTP, each feed is
   fetched 29 times in one run (once on the local runner), and a
   3,000-article corpus that takes 10 s locally had not finished after
   4 minutes. The tables are still right when the inputs do not change
   between those reads; a feed that changes in between would give the
   staged articles and their dedup verdicts different inputs.

Nothing else is missing: with gaps 1 and 2 fixed (a few lines of the
runner, re-done in ``dask_run.py`` for the test only), the unchanged
pipeline (side inputs AsDict/AsList/AsSingleton, CombineGlobally,
Reshuffle, GroupByKey, CoGroupByKey, the single Commit) writes the same
tables as the local runner. The tests of each gap are strict expected
failures: when Beam closes a gap they fail, to be looked at (and the
pipeline's stock-runner test, an expected failure only on gap 1's exact
error, then checks the tables).

Skipped when ``apache-beam[dask]`` (dask, distributed) is not installed.
"""
import collections
import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip('dask', reason="the DaskRunner needs apache-beam[dask] (dask, distributed)")
ddist = pytest.importorskip('distributed',
                            reason="the DaskRunner needs apache-beam[dask] (dask, distributed)")

import apache_beam as beam  # noqa: E402
from apache_beam.options.pipeline_options import PipelineOptions  # noqa: E402
from apache_beam.transforms.window import GlobalWindows  # noqa: E402

from pipeline.cli import main  # noqa: E402

from .helpers import (REPO, assert_every_file_readable, assert_same_tables, child_env,  # noqa: E402
                      contract_violations, copy_fixtures, summary, wirefeed_cmd)

pytestmark = pytest.mark.slow

DASK_RUNNER = 'apache_beam.runners.dask.dask_runner.DaskRunner'
FIXED = os.path.join(os.path.dirname(__file__), 'dask_run.py')


@pytest.fixture(scope='module')
def cluster():
    """A scheduler and two worker processes (one thread each) on 127.0.0.1."""
    local = ddist.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host='127.0.0.1', dashboard_address=None)
    try:
        client = ddist.Client(local)
        assert len(client.scheduler_info()['workers']) == 2
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids    # two real processes
        client.close()
        yield local.scheduler_address
    finally:
        local.close()


class _Counting(SimpleHTTPRequestHandler):
    hits = None

    def do_GET(self):
        self.hits[self.path] += 1
        return super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope='module')
def served(tmp_path_factory):
    """The fixture feeds over HTTP on 127.0.0.1 (so the test can count how
    often each is read): (a .txt list of their URLs, the hit counter)."""
    root = tmp_path_factory.mktemp('dask-feeds')
    folder = copy_fixtures(root / 'feeds')
    hits = collections.Counter()
    handler = type('Handler', (_Counting,), {'hits': hits})
    server = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(handler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    listing = root / 'feeds.txt'
    listing.write_text(''.join(f'http://127.0.0.1:{server.server_port}/{name}\n'
                               for name in sorted(os.listdir(folder))))
    try:
        yield str(listing), hits
    finally:
        server.shutdown()


@pytest.fixture(scope='module')
def feeds(served):
    return served[0]


@pytest.fixture(scope='module')
def local_tables(served, tmp_path_factory):
    listing, hits = served
    out = tmp_path_factory.mktemp('local') / 'out'
    hits.clear()
    assert main(['run', '--input', listing, '--output', str(out), '--run-id', 'd1',
                 '--quiet']) == 0
    assert set(hits.values()) == {1}                     # the local runner reads each once
    return summary(out)


@pytest.fixture(scope='module')
def on_fixed_dask(cluster, served, local_tables, tmp_path_factory):
    """The pipeline on the DaskRunner with gaps 1 and 2 closed: (output, hits)."""
    listing, hits = served
    out = tmp_path_factory.mktemp('dask') / 'out'
    hits.clear()
    proc = subprocess.run(
        [sys.executable, FIXED, '--input', listing, '--output', str(out), '--run-id', 'd1',
         '--quiet', '--dask_client_address', cluster],
        cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return out, dict(hits)


def _run_on_dask(address, build):
    """Run a small pipeline on the cluster; returns what it collected."""
    opts = PipelineOptions(['--runner', DASK_RUNNER, '--dask_client_address', address])
    p = beam.Pipeline(options=opts)
    seen = build(p)
    result = p.run()
    try:
        result.wait_until_finish()
    finally:
        result.client.close()
    return seen


class _Split(beam.DoFn):
    def process(self, x):
        yield beam.pvalue.TaggedOutput('odd', x) if x % 2 else x


class _CountInFinish(beam.DoFn):
    def start_bundle(self):
        self.n = 0

    def process(self, x):
        self.n += 1

    def finish_bundle(self):
        yield GlobalWindows.windowed_value(self.n)


def _collect(pcoll, path):
    """Write the collected elements of ``pcoll`` to ``path`` (from a worker)."""
    def write(items):
        with open(path, 'w') as f:
            f.write(repr(sorted(items)))
    return (pcoll.pipeline | f'Once{path}' >> beam.Create([None])
            | f'Write{path}' >> beam.Map(lambda _, items: write(items),
                                         beam.pvalue.AsList(pcoll)))


def _read(path):
    import ast
    with open(path) as f:
        return ast.literal_eval(f.read())


@pytest.mark.xfail(strict=True, reason='Beam 2.77 DaskRunner: a consumer of a tagged output '
                   'gets every output of the ParDo (gap 1)')
def test_dask_runner_routes_tagged_outputs(cluster, tmp_path):
    path = str(tmp_path / 'odd')

    def build(p):
        parts = p | beam.Create(list(range(6))) | beam.ParDo(_Split()).with_outputs(
            'odd', main='even')
        _collect(parts.odd, path)

    _run_on_dask(cluster, build)
    assert _read(path) == [1, 3, 5]          # the runner gives [0, 1, 2, 3, 4, 5]


@pytest.mark.xfail(strict=True, reason='Beam 2.77 DaskRunner: outputs of finish_bundle are '
                   'dropped (gap 2)')
def test_dask_runner_keeps_finish_bundle_outputs(cluster, tmp_path):
    path = str(tmp_path / 'counts')

    def build(p):
        counts = p | beam.Create(list(range(300))) | beam.ParDo(_CountInFinish())
        _collect(counts, path)

    _run_on_dask(cluster, build)
    assert sum(_read(path)) == 300           # the runner gives []


def test_wirefeed_on_the_stock_dask_runner(cluster, feeds, local_tables, tmp_path):
    out = tmp_path / 'out'
    proc = subprocess.run(
        wirefeed_cmd('run', '--input', feeds, '--output', str(out), '--run-id', 'd1',
                     '--runner', DASK_RUNNER, '--dask_client_address', cluster),
        cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        if "object has no attribute 'as_row'" in proc.stderr:
            pytest.xfail('gap 1: a tagged (dead-letter) output of a stage reached the '
                         'quarantine writer mixed with the main output')
        raise AssertionError(proc.stderr[-4000:])
    assert_same_tables(summary(out), local_tables, 'stock DaskRunner vs local runner')


def test_wirefeed_on_dask_with_gaps_1_and_2_closed(on_fixed_dask, local_tables):
    out, _ = on_fixed_dask
    got = summary(out)
    assert got['counts'][0] > 20 and got['quarantine']
    assert_same_tables(got, local_tables, 'DaskRunner (gaps 1, 2 closed) vs local runner')
    assert contract_violations(out) == (0, 0, 0, 0)
    assert_every_file_readable(out)
    assert not os.path.exists(out / '_staging')


@pytest.mark.xfail(strict=True, reason='Beam 2.77 DaskRunner: side inputs recompute their '
                   'upstream graph in every task that reads them (gap 3)')
def test_dask_runner_reads_each_feed_once(on_fixed_dask):
    _, hits = on_fixed_dask
    assert hits and set(hits.values()) == {1}, f'reads per feed: {sorted(set(hits.values()))}'
