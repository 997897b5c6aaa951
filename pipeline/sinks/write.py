"""WriteTables: stage every output file of a run, then commit them at once.

Data flow (full article rows never wait in the runner and never go
through a shuffle: they are staged to Parquet as they come out of
Normalize, and only the staged file names travel on)::

  articles --> staged "pending" Parquet (per bundle) --> file names
  file names + dedup verdicts (side input, a few small fields per
    entry) --> article files per partition
  stories  --(by partition)--> merged with that partition's committed
                               stories --> staged Parquet
  rejected --> quarantine rows --> staged Parquet
  index    --> staged dedup state
  staged file records + feed statuses + tallies --> Commit (once)

Staging writers buffer rows inside a bundle (at most ``_FLUSH_ROWS``) and
output only the names of files they wrote, so a bundle a runner retries
leaves no trace in the commit: only files reported by successful bundles
are published (see ``commit``).
"""
from __future__ import annotations

import collections
import datetime as dt
from typing import Dict

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import GlobalWindows

from ..model import Rejection
from . import commit as commit_mod
from .files import (committed_partition_files, partition_value, relative,
                    staged_path, write_staged_rows)
from .report import build_report

UTC = dt.timezone.utc
#: Rows a staging writer holds before it writes a file (bounds memory: a
#: normalized article is ~16 KB as a Python dict, and a local runner's
#: bundle is the whole input, so 20,000 held rows were ~330 MB of peak
#: memory; 5,000 keep files large enough for warehouses).
_FLUSH_ROWS = 5_000


class _StageRows(beam.DoFn):
    """Rows of one table -> staged Parquet files, one per partition per
    bundle; outputs the file records."""

    def __init__(self, output: str, run_id: str, table: str):
        self.output, self.run_id, self.table = output, run_id, table
        self.buffers = None

    def setup(self):
        self.rows_written = Metrics.counter('write', f'{self.table}_rows')
        self.files_written = Metrics.counter('write', f'{self.table}_files')

    def start_bundle(self):
        self.buffers = collections.defaultdict(list)
        self.held = 0

    def _flush(self, partition):
        rows = self.buffers.pop(partition)
        self.held -= len(rows)
        self.rows_written.inc(len(rows))
        self.files_written.inc()
        return write_staged_rows(self.output, self.run_id, self.table, partition, rows)

    def process(self, row):
        partition = partition_value(self.table, row)
        self.buffers[partition].append(row)
        self.held += 1
        if self.held >= _FLUSH_ROWS:
            for part in list(self.buffers):
                yield self._flush(part)

    def finish_bundle(self):
        for part in list(self.buffers):
            yield GlobalWindows.windowed_value(self._flush(part))


class _StageStories(beam.DoFn):
    """(partition, new story rows) -> one staged file holding the partition's
    committed stories with these replaced; the old files are superseded.
    A story's partition is its canonical article's date, which never
    changes, so a grown story replaces its row in the same partition."""

    def __init__(self, output: str, run_id: str):
        self.output, self.run_id = output, run_id

    def process(self, item):
        from .files import read_parquet
        partition, rows = item
        rows = list(rows)
        new_ids = {r['story_id'] for r in rows}
        old_files = committed_partition_files(self.output, 'stories', partition)
        carried = []
        for path in old_files:
            carried += [r for r in read_parquet(path).to_pylist()
                        if r['story_id'] not in new_ids]
        Metrics.counter('write', 'stories_rows').inc(len(rows))
        yield write_staged_rows(
            self.output, self.run_id, 'stories', partition, rows + carried,
            supersedes=[relative(self.output, p) for p in old_files])


class _BufferedStage(beam.DoFn):
    """Buffers a bundle's elements and writes them as one staged file (or
    one per ``_FLUSH_ROWS``); subclasses say how in ``_write(rows)``, which
    returns what the stage outputs for the file."""

    def __init__(self, output: str, run_id: str):
        self.output, self.run_id = output, run_id
        self.rows = None

    def start_bundle(self):
        self.rows = []

    def process(self, row):
        self.rows.append(row)
        if len(self.rows) >= _FLUSH_ROWS:
            yield self._flush()

    def _flush(self):
        rows, self.rows = self.rows, []
        return self._write(rows)

    def _write(self, rows):
        raise NotImplementedError

    def finish_bundle(self):
        if self.rows:
            yield GlobalWindows.windowed_value(self._flush())


class _StageIndex(_BufferedStage):
    """Dedup state rows -> staged Parquet under _state/dedup/run=<run_id>/."""

    def _write(self, rows):
        from ..state.dedup_index import to_table
        from .files import file_name, join, write_parquet
        rel = join('_state', 'dedup', f'run={self.run_id}', file_name(
            self.run_id, 'dedup_state', (f"{r['kind']}|{r['id']}" for r in rows)))
        size = write_parquet(staged_path(self.output, self.run_id, rel), to_table(rows))
        return {'table': 'dedup_state', 'path': rel, 'rows': len(rows), 'bytes': size,
                'supersedes': []}


class _StagePending(_BufferedStage):
    """Normalized articles -> staged Parquet right away, so full rows are
    never held by the runner while dedup decides; outputs the staged paths."""

    def _write(self, rows):
        from .files import file_name, join, pending_schema, rows_to_arrow, write_parquet
        rel = join('pending', file_name(self.run_id, 'articles',
                                        (r['instance_key'] for r in rows)))
        write_parquet(staged_path(self.output, self.run_id, rel),
                      rows_to_arrow(pending_schema(), rows))
        return rel


class _FinishArticles(beam.DoFn):
    """A staged file of normalized articles + the dedup verdicts -> article
    files per partition. Repeats are dropped (they are counted); an article
    without a verdict means records were lost inside the pipeline: it is
    counted as a quarantine row, and the commit then refuses the run."""

    def __init__(self, output: str, run_id: str, ingested_at: dt.datetime):
        self.output, self.run_id, self.ingested_at = output, run_id, ingested_at

    def setup(self):
        self.rows_written = Metrics.counter('write', 'articles_rows')

    def process(self, rel, verdicts):
        from .articles import attach_verdicts
        from .files import read_parquet, write_staged_table
        pending = read_parquet(staged_path(self.output, self.run_id, rel))
        tables, lost = attach_verdicts(pending, verdicts, self.run_id, self.ingested_at)
        for row in lost:
            yield beam.pvalue.TaggedOutput('rejected', Rejection(
                source=row.get('feed_url') or '', stage='dedup', reason='no verdict',
                detail='the dedup stage returned no story for this entry',
                excerpt=(row.get('title') or '')[:500], entry_key=row['instance_key']))
        for partition, table in tables.items():
            self.rows_written.inc(table.num_rows)
            yield write_staged_table(self.output, self.run_id, 'articles', partition, table,
                                     table.column('article_id').to_pylist())


class _Tally(beam.CombineFn):
    """Counts of string keys (a small dict), for the run report."""

    def create_accumulator(self):
        return collections.Counter()

    def add_input(self, acc, key):
        acc[key] += 1
        return acc

    def merge_accumulators(self, accs):
        total = collections.Counter()
        for acc in accs:
            total.update(acc)
        return total

    def extract_output(self, acc):
        return dict(acc)


#: The rejection tally's key prefix for an entry the writer found no dedup
#: verdict for (see _FinishArticles).
_NO_VERDICT = 'dedup|no verdict|'


def _verdict_kind(verdict: dict) -> str:
    if not verdict['keep']:
        return 'repeat'
    return 'canonical' if verdict['is_canonical'] else 'duplicate'


def _quarantine_row(rejection: Rejection, run_id: str, when: dt.datetime) -> dict:
    row = rejection.as_row()
    row.update(run_id=run_id, quarantined_at=when)
    return row


class _Commit(beam.DoFn):
    """Runs once, after every staged file exists: builds the run report and
    publishes the run (see ``sinks.commit``). Outputs the report."""

    def __init__(self, output: str, run_id: str, started_at: dt.datetime,
                 inputs, total_sources: int):
        self.output, self.run_id = output, run_id
        self.started_at, self.inputs, self.total_sources = started_at, inputs, total_sources

    def process(self, _, staged, statuses, states, verdicts, rejections):
        report = build_report(
            run_id=self.run_id, output=self.output, inputs=self.inputs,
            started_at=self.started_at, finished_at=dt.datetime.now(UTC),
            statuses=statuses, verdicts=verdicts, rejections=rejections,
            staged=staged, total_sources=self.total_sources)
        lost = sum(n for kind, n in (rejections or {}).items()
                   if kind.startswith(_NO_VERDICT))
        if lost:
            # Not bad input: records went missing inside the pipeline. A
            # run that publishes them as quarantine rows looks complete;
            # publish nothing instead (the next run removes the staging).
            commit_mod.refuse_run(self.output, self.run_id, report, (
                f'{lost} of {report.get("entries_read", "?")} entries got no '
                f'dedup verdict: records were lost between pipeline steps'))
        else:
            commit_mod.commit_run(self.output, self.run_id, staged, report, states)
        yield report


def _parts(pcolls):
    """A PCollection, or a tuple of PCollections (parts of one table made
    by different steps, see dedup.transform.Deduplicate), as a tuple."""
    return pcolls if isinstance(pcolls, tuple) else (pcolls,)


class WriteTables(beam.PTransform):
    """{'articles', 'assignments', 'stories', 'index', 'rejected', 'status',
    'state'} -> the run report (one element), after the commit. 'stories'
    and 'index' may each be a tuple of PCollections (see
    dedup.transform.Deduplicate): each part is staged where it is made."""

    def __init__(self, output: str, run_id: str, started_at: dt.datetime,
                 inputs=(), total_sources: int = 0):
        super().__init__()
        self.output, self.run_id = output, run_id
        self.started_at, self.inputs = started_at, tuple(inputs)
        self.total_sources = total_sources

    def expand(self, pcolls: Dict):
        out, run_id, now = self.output, self.run_id, self.started_at
        pending = pcolls['articles'] | 'StagePending' >> beam.ParDo(_StagePending(out, run_id))
        verdicts = (pcolls['assignments']
                    | 'VerdictByInstance' >> beam.Map(lambda a: (a['instance_key'], a)))
        articles = (pending
                    | 'SpreadPending' >> beam.Reshuffle()
                    | 'FinishArticles' >> beam.ParDo(
                        _FinishArticles(out, run_id, now), beam.pvalue.AsDict(verdicts))
                    .with_outputs('rejected', main='staged'))
        rejected = ((pcolls['rejected'], articles.rejected)
                    | 'AllRejected' >> beam.Flatten())
        quarantine = rejected | 'QuarantineRows' >> beam.Map(_quarantine_row, run_id, now)
        stories = ([part
                    | f'StoryRunId{i}' >> beam.Map(lambda s: dict(s, run_id=run_id))
                    | f'ByPartition{i}' >> beam.Map(lambda s: (partition_value('stories', s), s))
                    for i, part in enumerate(_parts(pcolls['stories']))]
                   | 'AllStories' >> beam.Flatten()
                   | 'GroupPartition' >> beam.GroupByKey())
        staged_index = [part | f'StageIndex{i}' >> beam.ParDo(_StageIndex(out, run_id))
                        for i, part in enumerate(_parts(pcolls['index']))]
        staged = (
            (articles.staged,
             quarantine | 'StageQuarantine' >> beam.ParDo(_StageRows(out, run_id, 'quarantine')),
             stories | 'StageStories' >> beam.ParDo(_StageStories(out, run_id)),
             *staged_index)
            | 'AllStaged' >> beam.Flatten())
        verdict_tally = (pcolls['assignments']
                         | 'VerdictKinds' >> beam.Map(_verdict_kind)
                         | 'TallyVerdicts' >> beam.CombineGlobally(_Tally()))
        rejection_tally = (rejected
                           | 'RejectionKinds' >> beam.Map(
                               lambda r: f"{r.stage}|{r.reason}|{'entry' if r.entry_key else 'feed'}")
                           | 'TallyRejections' >> beam.CombineGlobally(_Tally()))
        return (pcolls['articles'].pipeline
                | 'Once' >> beam.Create([None])
                | 'Commit' >> beam.ParDo(
                    _Commit(out, run_id, now, self.inputs, self.total_sources),
                    beam.pvalue.AsList(staged),
                    beam.pvalue.AsList(pcolls['status']),
                    beam.pvalue.AsList(pcolls['state']),
                    beam.pvalue.AsSingleton(verdict_tally),
                    beam.pvalue.AsSingleton(rejection_tally)))
