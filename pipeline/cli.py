"""The ``wirefeed`` command.

    wirefeed run [--config FILE] [--input SRC ...] [--output DIR] [--run-id ID]
                 [--local-workers N|auto] [--fail-on-feed-error] [--quiet | --json]
                 [Beam options]
    wirefeed inspect DIR [--json]
    wirefeed report DIR [--run ID] [--since DAY] [--until DAY] [-o FILE]
    wirefeed config

Exit codes: 0 the run completed (even if some feeds failed); 1 every feed
failed, or one failed under ``--fail-on-feed-error``, or the pipeline
itself failed; 2 a usage or configuration error (one line, no traceback).
"""
from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import json
import logging
import os
import re
import sys
import tempfile
import threading
import traceback
from typing import Dict, List, Mapping, Optional, Sequence

EXIT_OK, EXIT_FEEDS_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A mistake in how wirefeed was called; printed as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (exit code 2)."""

    def error(self, message):
        raise UsageError(message)


def _beam_option_parser():
    """A parser that knows every Beam pipeline option (and wirefeed's), so
    unknown flags are rejected instead of silently ignored, as Beam does."""
    import importlib
    from apache_beam.options.pipeline_options import PipelineOptions, _BeamArgumentParser
    from .config import WirefeedOptions  # noqa: F401 - registers the subclass
    for module in ('apache_beam.runners.portability.flink_runner',
                   'apache_beam.runners.portability.spark_runner',
                   'apache_beam.runners.dask.dask_runner'):
        try:  # runner-specific options register themselves on import
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - optional runner not installed
            pass
    parser = _BeamArgumentParser(allow_abbrev=False)
    seen = {}
    for cls in PipelineOptions.__subclasses__():
        seen.setdefault(str(cls), cls)
    for cls in seen.values():
        cls._add_argparse_args(parser)  # pylint: disable=protected-access
    return parser


def _check_beam_args(args: Sequence[str]) -> None:
    _, unknown = _beam_option_parser().parse_known_args(list(args))
    flags = [a for a in unknown if a.startswith('-')]
    if flags:
        raise UsageError(f'unknown option {flags[0].split("=")[0]} '
                         f'(see wirefeed run --help)')
    if unknown:
        raise UsageError(f'unexpected argument {unknown[0]!r} (inputs go after --input)')


def _build_parser() -> _Parser:
    parser = _Parser(prog='wirefeed', description='News-wire feeds to '
                     'normalized, deduplicated, Hive-partitioned Parquet on Apache Beam.')
    from . import __version__
    parser.add_argument('--version', action='version', version=f'wirefeed {__version__}')
    sub = parser.add_subparsers(dest='command', required=True, parser_class=_Parser)

    run = sub.add_parser('run', help='run the pipeline once (a batch)',
                         description='Read feeds, normalize, deduplicate and write '
                         'Parquet tables. Any Beam pipeline option (--runner, '
                         '--direct_num_workers, --project, ...) is passed to Beam.')
    from .config import WirefeedOptions
    WirefeedOptions._add_argparse_args(run)  # pylint: disable=protected-access
    show = run.add_mutually_exclusive_group()
    show.add_argument('--quiet', '-q', action='store_true', help='print nothing but errors')
    show.add_argument('--json', action='store_true', help='print the run report as JSON')
    run.add_argument('--verbose', '-v', action='store_true', help='log details, show tracebacks')

    ins = sub.add_parser('inspect', help='summarize an output folder')
    ins.add_argument('output', metavar='DIR')
    ins.add_argument('--json', action='store_true', help='print JSON')

    rep = sub.add_parser('report', help='write an HTML report of a run')
    rep.add_argument('output', metavar='DIR')
    rep.add_argument('--run', dest='run_id', default=None, help='run id (default: the last run)')
    rep.add_argument('--since', type=dt.date.fromisoformat, default=None, metavar='YYYY-MM-DD')
    rep.add_argument('--until', type=dt.date.fromisoformat, default=None, metavar='YYYY-MM-DD')
    rep.add_argument('-o', '--out', default='wirefeed-report.html', help='HTML file to write')

    sub.add_parser('config', help='print every setting with its default (YAML)')
    return parser


def _strip(argv: Sequence[str], flags: Sequence[str]) -> List[str]:
    return [a for a in argv if a not in flags]


def _exit_code(report: dict, fail_on_feed_error: bool) -> int:
    failed, total = report.get('feeds_failed', 0), report.get('feeds_total', 0)
    if total and failed == total:
        return EXIT_FEEDS_FAILED
    if fail_on_feed_error and failed:
        return EXIT_FEEDS_FAILED
    return EXIT_OK


#: Allocations from this size up get their own mapping (glibc's default
#: threshold starts at 128 KB and grows to 32 MB as the process frees
#: large blocks).  Smaller thresholds return more memory but cost time:
#: each mapped block is faulted in anew.  The runner's data-plane blocks
#: are mostly 8-16 MB, so 8 MB is where the peak falls (100k articles:
#: 2.15 GB against 3.04 GB at 12 or 16 MB) for ~1.7 s more system time
#: per 20k articles; at 128 KB every MinHash block matrix is mapped too.
_MMAP_THRESHOLD = 8 * 1024 * 1024


def _return_freed_memory_to_the_os() -> None:
    """Make glibc give large freed blocks back to the system.

    A local run holds each stage's encoded output between stages and frees
    it stage by stage; glibc's heap kept those freed blocks, so the
    process's peak grew with every stage (20k articles: 1.46 GB peak;
    with blocks of 16 MB and more mapped on their own, 1.30 GB in the
    same time; at 128 KB, 1.16 GB but 45% slower; see _MMAP_THRESHOLD
    for the 8 MB chosen). Beam's own local worker processes inherit the
    setting through the environment; wirefeed's set their own
    (local_workers._WORKER_MALLOC). Elsewhere than Linux/glibc this does nothing. Called by the command
    line only: a process that embeds the pipeline keeps its own
    allocator settings.
    """
    os.environ.setdefault('MALLOC_MMAP_THRESHOLD_', str(_MMAP_THRESHOLD))
    try:
        import ctypes
        libc = ctypes.CDLL('libc.so.6')
        libc.mallopt(-3, _MMAP_THRESHOLD)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc
        pass


def _config_name(argv: Sequence[str]) -> str:
    """The --config file named in ``argv`` (for messages)."""
    for i, arg in enumerate(argv):
        if arg == '--config' and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith('--config='):
            return arg.split('=', 1)[1]
    return ''


def _cmd_run(args, argv: Sequence[str]) -> int:
    from apache_beam.options.pipeline_options import PipelineOptions
    from . import collector
    from .config import load_run_config
    from .progress import Display
    from .run import execute, prepare, started_workers

    beam_argv = _strip(argv, ('--quiet', '-q', '--json', '--verbose', '-v'))
    _check_beam_args(beam_argv)
    _return_freed_memory_to_the_os()
    cfg = load_run_config(PipelineOptions(beam_argv), beam_argv)
    # the config's "beam:" options: Beam would only warn about a misspelt one
    from_config = list(cfg.beam_args[:len(cfg.beam_args) - len(beam_argv)])
    _, unknown = _beam_option_parser().parse_known_args(from_config)
    if unknown:
        where = f'config {_config_name(beam_argv)}'.rstrip()
        raise UsageError(f'{where}: beam: unknown option {unknown[0].split("=")[0]}')
    plan = prepare(cfg)
    display = Display(quiet=args.quiet or args.json, verbose=args.verbose)
    display.starting(cfg, len(plan.sources), plan.workers)
    held = _HeldErrors()
    try:
        # workers first: they are forked, and the display may start a thread
        with started_workers(plan) as pool, collector.batch_settings(), display.live(), (
                contextlib.nullcontext() if args.verbose else held.holding()):
            report = execute(plan, pool)
    except KeyboardInterrupt:
        from .sinks.commit import committed
        if not committed(cfg.output, cfg.run_id):
            raise
        print('wirefeed: interrupted after the commit point: the run is published '
              '(the next run finishes any step left)', file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - reported as one line; -v shows it
        if args.verbose:
            raise
        print(f'wirefeed: error: the pipeline failed: {held.cause(exc)} '
              f'(details: {held.write(exc, cfg.run_id)})', file=sys.stderr)
        return EXIT_FEEDS_FAILED
    for text in held.texts:  # logged by a run that completed: shown as they were
        print(text, file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        display.summary(report, cfg)
    return _exit_code(report, cfg.fail_on_feed_error)


class _HeldErrors(logging.Filter):
    """What the runner reports as it fails, held back from the terminal.

    When a pipeline fails, Beam's runner logs each broken part at ERROR
    with its traceback and its threads print their own (a worker process
    that dies gives ~140 lines); the person needs one line, and the
    details somewhere. While ``holding``, error records of Beam's loggers
    and of local workers (``wirefeed.worker``), and exceptions that end a
    thread, are kept here instead of printed; ``write`` puts them in a
    file after a failure. A run that completes prints them afterwards."""

    _SOURCES = ('apache_beam', 'wirefeed.worker')
    _FORMAT = logging.Formatter('%(levelname)s %(name)s: %(message)s')

    def __init__(self):
        super().__init__()
        self.texts: List[str] = []
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR or not record.name.startswith(self._SOURCES):
            return True
        with self._lock:  # once, though every handler of the root asks
            if not getattr(record, 'wf_held', False):
                record.wf_held = True
                self.texts.append(self._FORMAT.format(record))
        return False

    def _thread_failed(self, hook) -> None:
        text = ''.join(traceback.format_exception(hook.exc_type, hook.exc_value,
                                                  hook.exc_traceback))
        name = hook.thread.name if hook.thread else '?'
        with self._lock:
            self.texts.append(f'exception in thread {name}:\n{text}')

    @contextlib.contextmanager
    def holding(self):
        handlers = list(logging.getLogger().handlers)
        for handler in handlers:
            handler.addFilter(self)
        excepthook, threading.excepthook = threading.excepthook, self._thread_failed
        try:
            yield self
        finally:
            threading.excepthook = excepthook
            for handler in handlers:
                handler.removeFilter(self)

    _WORKER_DIED = re.compile(r'Worker subprocess exited with return code (-?\d+)')

    def cause(self, exc: BaseException) -> str:
        """One line on why the run failed: a local worker process that
        died says so (the runner's own exception is only that its channel
        to the worker closed), else ``exc``'s first line."""
        for text in self.texts:
            died = self._WORKER_DIED.search(text)
            if died:
                code = int(died.group(1))
                signal = code - 128 if code > 128 else -code if code < 0 else 0
                how = (f'killed by signal {signal}' + (', often for lack of memory'
                                                       if signal == 9 else '')
                       if signal else f'exit code {code}')
                return f'a local worker process died ({how})'
        first = str(exc).splitlines()[0] if str(exc) else ''
        return f'{exc.__class__.__name__}: {first}'

    def write(self, exc: BaseException, run_id: str) -> str:
        """The held details and ``exc``'s traceback, in a local file (an
        output on gs:// may be what failed); returns its path."""
        try:
            fd, path = tempfile.mkstemp(prefix=f'wirefeed-{run_id}-', suffix='.log')
            with os.fdopen(fd, 'w', encoding='utf-8') as f:
                for text in self.texts:
                    f.write(text.rstrip('\n') + '\n')
                f.write(''.join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        except OSError as err:  # no writable temporary folder: say so, in the same line
            return f'none written ({err}); rerun with -v'
        return path


def _cmd_inspect(args) -> int:
    from .inspect import inspect_output, render_inspection
    if not os.path.isdir(args.output) and '://' not in args.output:
        raise UsageError(f'{args.output}: no such folder')
    try:
        result = inspect_output(args.output)
    except FileNotFoundError as exc:  # a remote prefix with nothing under it
        raise UsageError(str(exc))
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, default=str))
    else:
        render_inspection(result)
    return EXIT_OK


def _cmd_report(args) -> int:
    from .report import ReportError, write_report
    if not os.path.isdir(args.output) and '://' not in args.output:
        raise UsageError(f'{args.output}: no such folder')
    try:
        write_report(args.output, args.out, run_id=args.run_id,
                     since=args.since, until=args.until)
    except ReportError as exc:
        raise UsageError(str(exc))
    print(f'report written to {args.out}')
    return EXIT_OK


def _cmd_config() -> int:
    import yaml
    from .config import describe_defaults
    print(yaml.safe_dump(describe_defaults(), sort_keys=False), end='')
    return EXIT_OK


def _drop_beam_import_noise(record: logging.LogRecord) -> bool:
    """Beam warns on import that BigQuery client libraries are missing;
    wirefeed does not use them, so the line would only alarm users."""
    return not record.getMessage().startswith('apitools not found')


#: glibc tunable: malloc asks for transparent huge pages for what it maps
_HUGE_PAGES = 'glibc.malloc.hugetlb=1'


def huge_pages_environment(environ: Mapping[str, str],
                           libc: Optional[str]) -> Optional[Dict[str, str]]:
    """The environment to restart a run with so that glibc's malloc backs
    its mapped blocks with transparent huge pages, or None when there is
    nothing to do: not glibc 2.35+ (``libc`` as ``os.confstr`` gives it,
    e.g. 'glibc 2.36'), or GLIBC_TUNABLES already says something about
    glibc.malloc.hugetlb (=0 opts out)."""
    tunables = environ.get('GLIBC_TUNABLES', '')
    if 'glibc.malloc.hugetlb' in tunables:
        return None
    name, _, version = (libc or '').partition(' ')
    try:
        if name != 'glibc' or tuple(int(x) for x in version.split('.')[:2]) < (2, 35):
            return None
    except ValueError:
        return None
    env = dict(environ)
    env['GLIBC_TUNABLES'] = f'{tunables}:{_HUGE_PAGES}' if tunables else _HUGE_PAGES
    return env


def _restart_with_huge_pages() -> None:
    """Start ``wirefeed run`` again, once, in the same process (exec) with
    huge pages for malloc's mapped blocks (``huge_pages_environment``):
    glibc reads its tunables only when a process starts.  A run maps its
    large blocks on their own (_MMAP_THRESHOLD) and faults each in anew;
    2 MB pages make 512 times fewer faults (20k articles: 5.0 -> 3.1 s of
    system time, ~2 s less wall time, the same peak).  Only for a command
    line started from a file (the ``wirefeed`` script, ``python -m
    pipeline``), never for a caller of ``main(argv)``."""
    if sys.argv[1:2] != ['run'] or not os.path.isfile(sys.argv[0]) or not sys.executable:
        return
    try:
        libc = os.confstr('CS_GNU_LIBC_VERSION')
    except (AttributeError, ValueError, OSError):
        return
    env = huge_pages_environment(os.environ, libc)
    if env is None:
        return
    try:
        os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], env)
    except OSError:  # cannot restart: run as we are
        pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    if argv is None:
        _restart_with_huge_pages()
        if sys.argv[1:2] == ['run']:
            _end_without_teardown(_main(sys.argv[1:]))
    return _main(list(sys.argv[1:] if argv is None else argv))


def _end_without_teardown(code: int) -> None:
    """End a ``wirefeed run`` command line at once with ``code``: its exit
    handlers run (log handlers flushed, finalizers), but not the
    interpreter's teardown, which only frees a run's objects one by one
    (~0.35 s after 20,000 articles; pipeline.worker does the same for the
    workers). Only for the command line, never for a caller of
    ``main(argv)``."""
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()  # pylint: disable=protected-access
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _main(argv: List[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format='%(levelname)s %(name)s: %(message)s')
    logging.getLogger().addFilter(_drop_beam_import_noise)
    from .config import ConfigError  # imports Beam: after the filter above
    from .sources.inputs import InputError
    try:
        parser = _build_parser()
        if argv and argv[0] == 'run':
            args, _ = parser.parse_known_args(argv)
            return _cmd_run(args, argv[1:])
        args = parser.parse_args(argv)
        if args.command == 'inspect':
            return _cmd_inspect(args)
        if args.command == 'report':
            return _cmd_report(args)
        return _cmd_config()
    except (UsageError, ConfigError, InputError) as exc:
        print(f'wirefeed: error: {exc}', file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print('wirefeed: interrupted; nothing of this run was published', file=sys.stderr)
        return EXIT_INTERRUPTED
