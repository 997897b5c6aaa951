"""Local runs on several cores: how many worker processes, and the runner
that starts them.

A local run (the FnApiRunner named in configs/default.yaml) works in one
process unless its feed files are large: from ``AUTO_MIN_BYTES`` of them,
the runner starts one worker process per usable core (at most
``MAX_AUTO_WORKERS``) and hands each stage's bundles to them, while it
does every grouping itself; unless the machine's available memory would
not hold them (together they take about three times what one process
does). Measured on 2 cores (benchmarks/README.md):
a 17 MB corpus (5k articles) takes about the same time either way
(7.5-8.5 s on workers, 7.8-9.7 s in one process), since every stage's
data then travels through the runner's data plane; 20k articles (69 MB)
take ~0.7x the time of one process, 100k ~0.6x. On Linux the workers are
forked from the run's process (``pipeline.forked_workers``). ``--local_workers N`` (or ``local_workers:`` in the
config) chooses instead; Beam's own ``--direct_running_mode`` /
``--direct_num_workers`` still work and leave the choice to Beam.

Beam's own multi-process mode starts ``apache_beam.runners.worker.
sdk_worker_main``, which prints every log record of every worker on the
terminal; wirefeed starts ``pipeline.worker`` instead (the same worker,
its records sent only to the runner), and ``relay_worker_logs`` turns
what arrives into what one process would have shown: the progress of
every feed read, and warnings.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shlex
import signal
import subprocess
import sys
import threading
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from apache_beam.io.filesystem import BeamIOError
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from .forked_workers import WORKER_NAME
from .progress import PROGRESS_LOGGER, replay_feed_done

__all__ = ['AUTO', 'AUTO_MIN_BYTES', 'BEAM_WORKER_FLAGS', 'MAX_AUTO_WORKERS', 'WorkerDied',
           'auto_workers', 'available_memory', 'beam_worker_flags', 'fail_if_a_worker_dies',
           'feed_bytes', 'is_local_runner', 'relay_worker_logs', 'usable_cores',
           'worker_options', 'worker_pids', 'worker_runner']

AUTO = 'auto'

#: feed bytes from which a local run starts worker processes (auto)
AUTO_MIN_BYTES = 24 * 1024 * 1024

#: the runner process does every grouping itself, so more workers help
#: less and less; only 2 were measured (benchmarks/README.md)
MAX_AUTO_WORKERS = 4

#: Beam's own flags for the same choice: given, they are Beam's to apply
BEAM_WORKER_FLAGS = ('--direct_running_mode', '--direct_num_workers')

#: where the local runner logs what its workers send (Beam 2.77)
_WORKER_LOG_SOURCE = 'apache_beam.runners.portability.local_job_service'
_RUNNER_LOG_SOURCE = 'apache_beam.runners.portability.fn_api_runner.fn_runner'
worker_log = logging.getLogger('wirefeed.worker')


def usable_cores() -> int:
    """Cores this process may use: its CPU affinity, within a cgroup's
    CPU quota (a container's limit) where there is one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = _cgroup_value('cpu.max')
    if quota and len(quota) == 2:
        cores = min(cores, max(1, -(-quota[0] // quota[1])))
    return cores


def _cgroup_value(name: str) -> Optional[Tuple[int, ...]]:
    """The numbers in this process's cgroup (v2) file ``name``, or None
    where there is no such file or no limit ('max')."""
    try:
        with open(f'/sys/fs/cgroup/{name}', encoding='ascii') as f:
            return tuple(int(x) for x in f.read().split())
    except (OSError, ValueError):
        return None


def feed_bytes(locations: Iterable[str]) -> int:
    """Total size of the feed files among ``locations``; URLs count for
    nothing (their size is known only once fetched), nor do files that
    cannot be sized."""
    total = 0
    for location in locations:
        if location.startswith(('http://', 'https://')):
            continue
        try:
            total += sum(m.size_in_bytes for m in FileSystems.match([location])[0].metadata_list)
        except BeamIOError:  # gone since it was listed: the run will say so
            continue
    return total


#: Memory a run on two workers takes, all processes together: ~2 GB plus
#: ~14 bytes per byte of feed files (measured: 2.8 GB for 69 MB of feeds,
#: 6.4 GB for 344 MB; one process took 1.0 and 2.0 GB); each worker
#: beyond two is counted as a third of that again, which is on the safe
#: side (69 MB of feeds on 3 workers: 3.7 GB; on 4: 4.5 GB, peaks summed;
#: each worker holds a smaller share of the data).
_WORKERS_BASE_BYTES = 2 * 1024 ** 3
_WORKERS_BYTES_PER_FEED_BYTE = 14


def available_memory() -> Optional[int]:
    """Bytes of memory available to new processes (Linux's MemAvailable,
    within a cgroup's memory limit), or None where unknown."""
    available = None
    try:
        with open('/proc/meminfo', encoding='ascii') as f:
            for line in f:
                if line.startswith('MemAvailable:'):
                    available = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    limit, used = _cgroup_value('memory.max'), _cgroup_value('memory.current')
    if limit and used:
        available = min(limit[0] - used[0], available or limit[0])
    return available


def auto_workers(input_bytes: int, cores: int, available: Optional[int] = None,
                 linux: bool = sys.platform.startswith('linux')) -> int:
    """``local_workers: auto``: one worker process per core, up to
    MAX_AUTO_WORKERS, from AUTO_MIN_BYTES of feed files, when the
    ``available`` memory (bytes; None: unknown) holds them; 1 (this
    process) otherwise, and off Linux, where a worker that dies or a
    Ctrl-C could leave the run waiting (fail_if_a_worker_dies needs
    /proc to find the workers)."""
    if not linux or cores < 2 or input_bytes < AUTO_MIN_BYTES:
        return 1
    workers = min(cores, MAX_AUTO_WORKERS)
    needed = (_WORKERS_BASE_BYTES + _WORKERS_BYTES_PER_FEED_BYTE * input_bytes) \
        * (1 + (workers - 2) / 3)
    if available is not None and available < needed:
        return 1
    return workers


def is_local_runner(beam_args: Sequence[str]) -> bool:
    """Whether ``beam_args`` name the FnApiRunner (as Beam reads runner
    names: any case, or its module path)."""
    runner = PipelineOptions(list(beam_args)).view_as(StandardOptions).runner or ''
    return str(runner).rpartition('.')[2].lower() == 'fnapirunner'


def beam_worker_flags(beam_args: Sequence[str]) -> List[str]:
    """Beam's own flags for the number of local workers among ``beam_args``."""
    return [arg.split('=')[0] for arg in beam_args if arg.split('=')[0] in BEAM_WORKER_FLAGS]


def worker_options(workers: int, beam_args: Sequence[str] = ()) -> List[str]:
    """Beam options for a run on ``workers`` local worker processes: their
    number, and what they log: what this process would show, or the log
    level the user gave Beam in ``beam_args`` (these options come after
    them, and Beam takes the last level given), and every feed's progress
    (Beam merges this per-logger level with any the user gave)."""
    given, _ = _LOG_LEVEL_FLAG.parse_known_args(list(beam_args))
    level = given.default_sdk_harness_log_level or logging.getLevelName(
        max(logging.getLogger().getEffectiveLevel(), logging.INFO))
    return [f'--direct_num_workers={workers}',
            f'--default_sdk_harness_log_level={level}',
            '--sdk_harness_log_level_overrides=' + json.dumps({PROGRESS_LOGGER: 'INFO'})]


_LOG_LEVEL_FLAG = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
_LOG_LEVEL_FLAG.add_argument('--default_sdk_harness_log_level')


#: glibc settings of a worker process (read when it starts): blocks under
#: 64 MB come from the heap, which keeps up to 64 MB freed at its top. A
#: worker's data-plane messages are mostly 8-16 MB; mapped one by one (the
#: runner process's 8 MB threshold, see cli._MMAP_THRESHOLD) each is faulted
#: in anew: 20k articles on 2 workers spent 3.0 s of system time per
#: worker that way, 1.4-1.7 s with these, for the same wall time or less.
#: (100k articles: 2.1 GB peak per worker, the runner's process 2.2 GB.)
#: Other systems than glibc's ignore them.
_WORKER_MALLOC = 'MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=67108864'


def worker_command() -> str:
    """The shell command that starts one worker process. It imports this
    very package: ``python -m`` would look in the current folder first,
    where another ``pipeline`` package may be."""
    home = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = f'import sys; sys.path.insert(0, {home!r}); import pipeline.worker as w; w.main()'
    if os.name != 'posix':
        return subprocess.list2cmdline([sys.executable, '-c', code])
    # Ctrl-C ignored (see pipeline.worker); exec: no shell left between
    return (f"trap '' INT; exec env {_WORKER_MALLOC} "
            f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}")


def worker_runner(pool=None):
    """The local runner, with the workers of ``pool`` (a forked_workers.
    WorkerPool) or, without one, starting ``pipeline.worker`` processes."""
    from apache_beam.transforms.environments import SubprocessSDKEnvironment

    from .local_runner import LocalRunner
    if pool is not None:
        return LocalRunner(default_environment=pool.environment())
    return LocalRunner(default_environment=SubprocessSDKEnvironment.from_command_string(
        worker_command()))


class _Relay(logging.Filter):
    """On the runner's worker-log logger: every record that carries a
    worker's log entry is replayed as the record the worker logged (a
    feed's progress to the display, anything else on ``wirefeed.worker``
    at its level) and dropped as it was (the entry's protobuf text)."""

    def __init__(self, shown_from: int):
        super().__init__()
        self.shown_from = shown_from

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != 'Worker: %s' or not record.args:
            return record.levelno >= self.shown_from
        from apache_beam.portability.api import beam_fn_api_pb2
        from google.protobuf import text_format
        try:
            entry = text_format.Parse(record.args[0], beam_fn_api_pb2.LogEntry())
        except text_format.ParseError:
            return record.levelno >= self.shown_from
        if not (_from_progress(entry.log_location) and replay_feed_done(entry.message)):
            # Beam's worker formats the traceback into the message too
            trace = entry.trace.strip()
            text = entry.message + (f'\n{trace}' if trace and trace not in entry.message else '')
            worker_log.log(record.levelno, '%s', text)
        return False


def _from_progress(log_location: str) -> bool:
    """Whether a worker's log entry was logged by pipeline/progress.py
    (its location is 'path:line')."""
    path = log_location.rpartition(':')[0]
    return path.endswith(os.path.join('pipeline', 'progress.py'))


class _NotTheWorkerMode(logging.Filter):
    """FnApiRunner warns that several workers need Beam's multi-process
    mode; wirefeed gives it worker processes of its own instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith('If direct_num_workers is not equal to 1')


@contextlib.contextmanager
def relay_worker_logs() -> Iterator[None]:
    """While a run on local worker processes lasts, show what its workers
    log as this process would have shown it (see _Relay)."""
    source = logging.getLogger(_WORKER_LOG_SOURCE)
    runner = logging.getLogger(_RUNNER_LOG_SOURCE)
    relay, quiet = _Relay(source.getEffectiveLevel()), _NotTheWorkerMode()
    level = source.level
    source.setLevel(logging.INFO)  # else the runner never makes the records
    source.addFilter(relay)
    runner.addFilter(quiet)
    try:
        yield
    finally:
        source.removeFilter(relay)
        source.setLevel(level)
        runner.removeFilter(quiet)


class WorkerDied(RuntimeError):
    """A local worker process ended before the run did."""


#: Beam 2.77's name for the thread that starts and waits for one worker
_WORKER_THREAD = 'run_worker'

#: how that thread's error ends when Ctrl-C ended the worker (SIGINT:
#: before the worker's shell had set it aside)
_INTERRUPTED = f'return code {-signal.SIGINT}'


@contextlib.contextmanager
def fail_if_a_worker_dies() -> Iterator[None]:
    """Raise WorkerDied in this thread when a local worker process ends
    before the run does.

    Beam's runner waits forever for a worker that died before it
    connected or while the runner was sending it a bundle, and then, as
    it closes, for the other workers to end, which they do only when told
    to; meanwhile the thread that started the dead worker raises 'Worker
    subprocess exited with return code N' and ends. That thread's end is
    the signal here: the other workers are stopped and this thread (the
    main one; elsewhere nothing changes) gets WorkerDied. Ctrl-C stops
    the workers too (they ignore it themselves, see pipeline.worker)."""
    if (threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, 'pthread_kill')):
        yield
        return
    main, lock, over = threading.main_thread().ident, threading.Lock(), threading.Event()
    died: List[str] = []  # what the first worker to die said; 'over' when not watching

    def on_signal(signum, frame):
        with lock:
            cause = died[0] if died and not over.is_set() else None
        if cause is None:  # not ours (another program's SIGUSR1): as before
            if callable(previous[0]):
                previous[0](signum, frame)
            return
        _stop_workers_in_the_background(over)
        raise WorkerDied(cause)

    def on_interrupt(signum, frame):
        with lock:
            died.append('interrupted')  # the workers stopped here do not die
        _stop_workers_in_the_background(over)
        raise KeyboardInterrupt


    previous_hook = threading.excepthook

    def on_thread_end(args):
        previous_hook(args)
        if args.thread is None or args.thread.name != _WORKER_THREAD:
            return
        with lock:
            if died or over.is_set():
                return
            died.append(str(args.exc_value))
            if str(args.exc_value).endswith(_INTERRUPTED):  # Ctrl-C reached it first
                return
            signal.pthread_kill(main, signal.SIGUSR1)

    previous = signal.signal(signal.SIGUSR1, on_signal), signal.getsignal(signal.SIGINT)
    if previous[1] is signal.default_int_handler:  # else Ctrl-C is not this run's
        signal.signal(signal.SIGINT, on_interrupt)
    threading.excepthook = on_thread_end
    try:
        yield
    finally:
        with lock:
            over.set()
        threading.excepthook = previous_hook
        signal.signal(signal.SIGUSR1, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def _stop_workers_in_the_background(over: threading.Event) -> None:
    """End this process's worker processes, from now until ``over`` is
    set (the run is over): Beam may still be starting a worker (or one
    handed its addresses a moment ago may connect yet), and it waits for
    each to end before the run's error gets out."""
    def stop_until_over():
        while True:
            _stop_workers()
            if over.wait(0.05):
                return
    threading.Thread(target=stop_until_over, daemon=True).start()


def _stop_workers() -> None:
    """End this process's worker processes."""
    for pid in worker_pids(os.getpid()):
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:  # ended meanwhile
            pass


def worker_pids(parent: int) -> List[int]:
    """The worker processes ``parent`` started (its children running
    pipeline.worker, or forked as workers: see pipeline.forked_workers;
    found in /proc, so on Linux only: elsewhere none)."""
    try:
        pids = [int(p) for p in os.listdir('/proc') if p.isdigit()]
    except OSError:
        return []
    found = []
    for pid in pids:
        try:
            with open(f'/proc/{pid}/stat', 'rb') as f:
                ppid = int(f.read().rpartition(b')')[2].split()[1])
            if ppid != parent:
                continue
            with open(f'/proc/{pid}/cmdline', 'rb') as f:
                command = f.read()
            with open(f'/proc/{pid}/comm', 'rb') as f:
                name = f.read().strip()
        except (OSError, ValueError, IndexError):
            continue
        # the worker itself, not the shell that is about to become it
        if name == WORKER_NAME.encode('ascii') or (b'pipeline.worker' in command
                                    and command.split(b'\0')[0] == os.fsencode(sys.executable)):
            found.append(pid)
    return found
