"""What ``wirefeed run`` shows a person: live progress, then a summary.

Progress travels as ordinary log records on the ``wirefeed.progress``
logger (one per feed read and parsed), so the pipeline's DoFns stay free
of any display code and behave the same on every runner; when the runner
works in this process (the default local runner) the records reach the
display here; from its worker processes, they arrive through the runner
(``local_workers.relay_worker_logs``). On a terminal, rich draws a live bar and a summary table;
otherwise (cron, Airflow, CI) the same facts are plain log lines without
control characters.
"""
from __future__ import annotations

import contextlib
import logging
import re
import sys
import threading

PROGRESS_LOGGER = 'wirefeed.progress'
progress_log = logging.getLogger(PROGRESS_LOGGER)


def feed_done(source: str, status: str, entries: int = 0, reason: str = None) -> None:
    """Called by the pipeline when a feed is read (or failed)."""
    progress_log.info('%s %s entries=%d%s', status, source, entries,
                      f' reason={reason}' if reason else '',
                      extra={'wf_source': source, 'wf_status': status,
                             'wf_entries': entries, 'wf_reason': reason})


#: feed_done's message, as a worker process sends it to the runner's
#: process (log records cross processes as text, without their extras)
_FEED_DONE = re.compile(r'(\S+) (.+?) entries=(\d+)(?: reason=(.*))?', re.DOTALL)


def replay_feed_done(message: str) -> bool:
    """Log again, in this process, a feed_done another process logged
    (``message`` is its text); False if ``message`` is not one."""
    match = _FEED_DONE.fullmatch(message)
    if not match:
        return False
    status, source, entries, reason = match.groups()
    feed_done(source, status, int(entries), reason)
    return True


def sources_known(total: int) -> None:
    progress_log.info('reading %d feeds', total, extra={'wf_total': total})


class _Handler(logging.Handler):
    def __init__(self, display):
        super().__init__(logging.INFO)
        self.display = display

    def emit(self, record):
        try:
            self.display.on_record(record)
        except Exception:  # noqa: BLE001 - display problems never fail a run
            self.handleError(record)


class Display:
    def __init__(self, quiet: bool = False, verbose: bool = False, stream=None):
        self.quiet, self.verbose = quiet, verbose
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, 'isatty') and self.stream.isatty()
        self.lock = threading.Lock()
        self.total = None
        self.done = self.entries = self.failed = self.unchanged = 0
        self.progress = self.task = None

    # --- lifecycle -------------------------------------------------------
    def starting(self, cfg, feeds: int, workers: int = 1) -> None:
        self.total = feeds
        if self.quiet:
            return
        what = f'{feeds} bundled sample feeds' if cfg.uses_samples else f'{feeds} feeds'
        where = f' in {workers} worker processes' if workers > 1 else ''
        self._line(f'wirefeed: run {cfg.run_id}: reading {what}{where}; '
                   f'tables go to {cfg.output}')

    @contextlib.contextmanager
    def live(self):
        if self.verbose:
            logging.getLogger().setLevel(logging.INFO)
        handler = _Handler(self)
        progress_log.addHandler(handler)
        progress_log.setLevel(logging.INFO)
        progress_log.propagate = False
        try:
            if self.tty and not self.quiet:
                from rich.console import Console
                from rich.progress import (BarColumn, MofNCompleteColumn, Progress,
                                           TextColumn, TimeElapsedColumn)
                self.progress = Progress(
                    TextColumn('[bold]feeds'), BarColumn(), MofNCompleteColumn(),
                    TextColumn('{task.fields[facts]}'), TimeElapsedColumn(),
                    console=Console(file=self.stream), transient=True)
                with self.progress:
                    self.task = self.progress.add_task('feeds', total=self.total, facts='')
                    yield self
            else:
                yield self
        finally:
            progress_log.removeHandler(handler)
            self.progress = None

    def on_record(self, record) -> None:
        with self.lock:
            if hasattr(record, 'wf_total'):
                self.total = record.wf_total
            elif hasattr(record, 'wf_status'):
                self.done += 1
                self.entries += record.wf_entries or 0
                self.failed += record.wf_status == 'failed'
                self.unchanged += record.wf_status == 'not_modified'
                if record.wf_status == 'failed' and not self.quiet and not self.progress:
                    self._line(f'wirefeed: feed failed: {record.wf_source}: {record.wf_reason}')
            else:
                return
            if self.progress is not None:
                self.progress.update(self.task, total=self.total, completed=self.done,
                                     facts=self._facts())
            elif self.verbose and not self.quiet:
                self._line(f'wirefeed: {record.getMessage()}')

    def _facts(self) -> str:
        return (f'{self.entries} entries, {self.failed} failed, '
                f'{self.unchanged} not modified')

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    # --- the end -----------------------------------------------------------
    def summary(self, report: dict, cfg) -> None:
        if self.quiet:
            return
        rows = [
            ('feeds read', f"{report['feeds_ok']} of {report['feeds_total']}"
             f" ({report['feeds_failed']} failed, {report['feeds_not_modified']} not modified)"),
            ('entries', report['entries_read']),
            ('articles written', report['articles_written']),
            ('stories', report['stories_written']),
            ('duplicates', report['duplicates']),
            ('repeats (already written)', report['repeats']),
            ('quarantined', f"{report['quarantined']} ({report['quarantined_feeds']} feeds, "
                            f"{report['quarantined_entries']} entries)"),
            ('seconds', report['seconds']),
            ('tables', cfg.output),
        ]
        if self.tty:
            from rich.console import Console
            from rich.table import Table
            table = Table(title=f'wirefeed run {report["run_id"]}', show_header=False)
            table.add_column(style='bold')
            table.add_column(justify='right')
            for name, value in rows:
                table.add_row(name, str(value))
            Console(file=self.stream).print(table)
        else:
            for name, value in rows:
                self._line(f'wirefeed: {name}: {value}')
        for feed in report.get('feeds', []):
            if feed['status'] == 'failed':
                self._line(f"wirefeed: failed feed {feed['source']}: {feed['reason']}"
                           f"{' (' + feed['detail'] + ')' if feed.get('detail') else ''}")
        if not report.get('accounted', True):
            self._line('wirefeed: warning: entries read and entries written or '
                       'quarantined do not add up; see the run report')
