"""The worker process of a local run on several cores.

``python -m pipeline.worker`` is what the local runner starts for each
worker (see ``pipeline.local_workers``), in place of Beam's own
``apache_beam.runners.worker.sdk_worker_main``, which it then runs.

The difference is where the worker's log records go. A Beam module logs
through the root logger while it is imported, which gives the root
logger a handler on stderr, so Beam's own worker prints every record
(INFO included: one line per bundle's batching statistics, one per feed
read) on the terminal of the person who ran ``wirefeed run``, under the
progress bar. Here the root logger gets a handler that does nothing
before Beam is imported; the worker's records then reach the runner only,
through Beam's logging service, and the runner's process shows what a
person needs to see (``local_workers.relay_worker_logs``).

Ctrl-C reaches every process of the terminal's process group. A worker
starts with it ignored (``local_workers.worker_command``): the runner's
process says the run was interrupted and stops its workers, where each
worker's own KeyboardInterrupt would print a traceback under that line.
"""
import logging
import os
import sys


class _NoMainSession(logging.Filter):
    """Beam's worker warns when the runner staged no pickled main session;
    a local run never stages one, and wirefeed's transforms live in its
    package, not in __main__, so the warning says nothing to a user."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith('No semi_persistent_directory found')


def main() -> None:
    """Be Beam's worker, with the addresses the runner put in this
    process's environment, then end. (A worker forked from the run's
    process, see pipeline.forked_workers, comes here too.)"""
    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger('apache_beam.runners.worker.sdk_worker_main').addFilter(_NoMainSession())
    from apache_beam.runners.worker import sdk_worker_main

    from pipeline import collector
    with collector.batch_settings():
        sdk_worker_main.main(sys.argv)
    _end_now()


def _end_now() -> None:
    """End the process without the interpreter's teardown. The runner
    ends its workers one after another, waiting for each process to exit;
    the teardown (a last full collection over a heap of a GB or more, every
    object freed) took ~0.5 s per worker at 20,000 articles, for nothing:
    when Beam's worker returns, every bundle's output is with the runner
    and its log handler is flushed. Handlers registered with atexit do not
    run (neither wirefeed nor Beam registers one in a worker; a tool that
    does, such as a coverage measurement of subprocesses, misses them)."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == '__main__':
    main()
