"""Local worker processes forked from the run's own process (Linux).

A local run on several cores (``pipeline.local_workers``) hands its
bundles to worker processes. Beam's runner starts each one as a new
interpreter when the first stage runs, and that interpreter then spends
~0.9 s importing Beam and ~0.3 s importing wirefeed's modules before its
first bundle, while the runner waits (20k articles on two workers: ~1.2 s
of a ~17 s run). Here the workers are forked from the command's process
before the pipeline graph is built: they start with every module that
process has imported, load what their work reads first (the caller's
``prepare``: the gazetteer and the agency registry, ~0.55 s, while the
graph is built), and wait on a pipe until the runner needs them. The
runner then hands each the addresses that Beam would have put in a new
worker's environment, and the worker is Beam's own (``sdk_worker_main``,
run by ``pipeline.worker.main``).

The runner sees a forked worker as it sees a subprocess: a thread named
``run_worker`` that ends with 'Worker subprocess exited with return code
N' when the worker dies, which is what ``local_workers.
fail_if_a_worker_dies`` watches. A forked worker names itself
``WORKER_NAME`` as soon as it is forked (``/proc/PID/comm``: what ``top``
shows, and how ``local_workers.worker_pids`` finds it, so a run that
fails stops the workers still preparing too).

Forking is safe only while the process has one Python thread and gRPC
has not started in it (see _safe_to_fork): ``WorkerPool.start`` is
called before the pipeline, its runner and the progress display exist,
and forks nothing (returns None: Beam's runner then starts its workers
itself) when other threads already run (a program that ran another
pipeline on workers before, for one).
"""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import traceback
import uuid
from typing import Callable, Dict, List, Optional, Tuple

import grpc
from apache_beam.portability.api import beam_fn_api_pb2_grpc, endpoints_pb2
from apache_beam.runners.portability.fn_api_runner.worker_handlers import (GrpcWorkerHandler,
                                                                          WorkerHandler)
from apache_beam.runners.portability.local_job_service import (BeamFnLoggingServicer,
                                                               SubprocessSdkWorker)
from apache_beam.transforms.environments import Environment, python_sdk_capabilities
from apache_beam.utils import thread_pool_executor
from google.protobuf import json_format, text_format

__all__ = ['FORKED_URN', 'WORKER_NAME', 'ForkedWorkerEnvironment', 'WorkerPool']

FORKED_URN = 'wirefeed:env:forked_worker:v1'

#: a forked worker's process name (15 bytes at most: Linux's limit)
WORKER_NAME = 'wirefeed-worker'

#: glibc's mallopt parameters, and a worker's values for both (those of
#: local_workers._WORKER_MALLOC, which an exec'd worker reads from its
#: environment; a forked one inherits the run's process's own settings)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_WORKER_MALLOC_BYTES = 64 * 1024 * 1024

#: pool id -> pool: the worker handler finds its pool here (the runner
#: works in the process that forked the pool)
_POOLS: Dict[str, 'WorkerPool'] = {}


class WorkerPool:
    """Worker processes forked and waiting for the runner (module doc)."""

    def __init__(self, pool_id: str):
        self.id = pool_id
        self.pids: Tuple[int, ...] = ()  # every worker forked
        self._idle: List[Tuple[int, int]] = []  # (pid, write end of its pipe), not taken
        self._lock = threading.Lock()

    @classmethod
    def start(cls, workers: int,
              prepare: Optional[Callable[[], None]] = None) -> Optional['WorkerPool']:
        """Fork ``workers`` processes, each of which calls ``prepare``
        (loading what its work will read) while it waits; None where
        forking is not safe here (not Linux, or other threads running).
        Ctrl-C is held back while forking (a child must never run on in
        the caller's code); if a fork fails, the children forked so far
        end and the error is raised."""
        if not sys.platform.startswith('linux') or not _safe_to_fork():
            return None
        sys.stdout.flush()  # else each child would print it again as it ends
        sys.stderr.flush()
        pool = cls(uuid.uuid4().hex)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(workers):
                read_end, write_end = os.pipe()
                try:
                    pid = os.fork()
                except OSError:
                    os.close(read_end)
                    os.close(write_end)
                    raise
                if pid == 0:
                    _child(read_end, [write_end] + [w for _, w in pool._idle], prepare)
                os.close(read_end)
                pool._idle.append((pid, write_end))
        except BaseException:
            pool.close()
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        pool.pids = tuple(pid for pid, _ in pool._idle)
        _POOLS[pool.id] = pool
        return pool

    def environment(self) -> 'ForkedWorkerEnvironment':
        """The Beam environment whose workers come from this pool."""
        return ForkedWorkerEnvironment(self.id, capabilities=python_sdk_capabilities())

    def take(self) -> Optional[Tuple[int, int]]:
        """A waiting worker (pid, write end of its pipe), or None."""
        with self._lock:
            return self._idle.pop(0) if self._idle else None

    def close(self) -> None:
        """End the workers the runner did not take (they exit when their
        pipe closes unwritten) and reap them; the runner's threads reap
        the others."""
        _POOLS.pop(self.id, None)
        with self._lock:
            idle, self._idle = self._idle, []
        for pid, write_end in idle:
            os.close(write_end)
        for pid, _ in idle:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


#: names of gRPC's own threads (/proc/PID/task/TID/comm); once gRPC runs
#: in a process (an earlier run's runner in it), a fork inherits its state
#: without its threads
_GRPC_THREADS = (b'grpc', b'event_engine', b'lifeguard')


def _safe_to_fork() -> bool:
    """This process runs no other Python thread, and gRPC has started no
    thread of its own in it. (Native threads of libraries that prepare
    for a fork themselves may run: OpenBLAS's, which numpy starts, and
    jemalloc's, which pyarrow starts.)"""
    if threading.active_count() != 1:
        return False
    try:
        for task in os.listdir('/proc/self/task'):
            with open(f'/proc/self/task/{task}/comm', 'rb') as f:
                if f.read().startswith(_GRPC_THREADS):
                    return False
    except OSError:
        return False
    return True


def _child(read_end: int, inherited: List[int], prepare: Optional[Callable[[], None]]) -> None:
    """A forked worker: prepare, wait for the runner's addresses, then
    serve as Beam's worker; never return into the code that forked it."""
    code = 1
    try:
        _name_process(WORKER_NAME)  # found as a worker from now on, to be stopped
        for fd in inherited:  # this pipe's write end, and earlier workers'
            os.close(fd)
        _as_a_new_process()
        if prepare is not None:
            try:
                prepare()
            except Exception:  # noqa: BLE001 - the work loads it again, and fails there
                pass
        with os.fdopen(read_end, 'rb') as pipe:
            handed = pipe.read()
        if handed:
            _become_worker(json.loads(handed))
        code = 0
    except BaseException:  # noqa: BLE001 - printed; the exit status says it failed
        traceback.print_exc()
    finally:
        os._exit(code)


def _as_a_new_process() -> None:
    """Drop what the forking program set up that a new worker process
    would not have: its signal handlers (Ctrl-C stays ignored, see
    pipeline.worker; SIGINT was blocked across the fork) and its log
    handlers, on every logger."""
    for signum in (signal.SIGTERM, signal.SIGUSR1, signal.SIGUSR2, signal.SIGHUP,
                   signal.SIGQUIT, signal.SIGALRM, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as Python sets it at start
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)]
    for logger in loggers:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)


def _become_worker(environ: Dict[str, str]) -> None:
    try:
        import ctypes
        libc = ctypes.CDLL('libc.so.6')
        libc.mallopt(_M_MMAP_THRESHOLD, _WORKER_MALLOC_BYTES)
        libc.mallopt(_M_TRIM_THRESHOLD, _WORKER_MALLOC_BYTES)
    except (OSError, AttributeError):  # not glibc
        pass
    os.environ.update(environ)
    from . import worker
    worker.main()


def _name_process(name: str) -> None:
    """Set this process's name (Linux's /proc/PID/comm)."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(15, name.encode('ascii')[:15], 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


@Environment.register_urn(FORKED_URN, bytes)
class ForkedWorkerEnvironment(Environment):
    """Workers taken from a WorkerPool of this process (its id is the
    payload)."""

    def __init__(self, pool_id: str, capabilities=(), artifacts=(), resource_hints=None):
        super().__init__(capabilities, artifacts, resource_hints)
        self.pool_id = pool_id

    def __eq__(self, other):
        return super().__eq__(other) and self.pool_id == other.pool_id

    def __hash__(self):
        return hash((super().__hash__(), self.pool_id))

    def __repr__(self):
        return f'ForkedWorkerEnvironment(pool_id={self.pool_id})'

    def to_runner_api_parameter(self, context):
        return FORKED_URN, self.pool_id.encode('ascii')

    @staticmethod
    def from_runner_api_parameter(payload, capabilities, artifacts, resource_hints, context):
        return ForkedWorkerEnvironment(payload.decode('ascii'), capabilities, artifacts,
                                       resource_hints)


@WorkerHandler.register_environment(FORKED_URN, bytes)
class ForkedWorkerHandler(GrpcWorkerHandler):
    """Beam's SubprocessSdkWorkerHandler, with a pool's forked worker in
    place of a new process."""

    def __init__(self, payload: bytes, state, provision_info, grpc_server):
        super().__init__(state, provision_info, grpc_server)
        self._pool_id = payload.decode('ascii')

    def start_worker(self) -> None:
        self.worker_thread = threading.Thread(name='run_worker', target=self._run)
        self.worker_thread.start()

    def stop_worker(self) -> None:
        self.worker_thread.join()

    def _run(self) -> None:
        """What Beam's SubprocessSdkWorker.run does, for a forked worker:
        a logging service for it, its addresses, then wait for its end.
        With no forked worker left (a pipeline with more than one
        environment asks for more), Beam's own subprocess worker runs
        wirefeed's worker command instead."""
        pool = _POOLS.get(self._pool_id)
        taken = pool.take() if pool else None
        if taken is None:
            from .local_workers import worker_command
            SubprocessSdkWorker(worker_command().encode('utf-8'), self.control_address,
                                self.provision_info, self.worker_id).run()
            return
        pid, write_end = taken
        logging_server = None
        status = None
        try:
            logging_server = grpc.server(thread_pool_executor.shared_unbounded_instance(),
                                         options=[('grpc.http2.max_pings_without_data', 0),
                                                  ('grpc.http2.max_ping_strikes', 0)])
            logging_port = logging_server.add_insecure_port('[::]:0')
            logging_server.start()
            beam_fn_api_pb2_grpc.add_BeamFnLoggingServicer_to_server(BeamFnLoggingServicer(),
                                                                     logging_server)
            environ = {
                'CONTROL_API_SERVICE_DESCRIPTOR': text_format.MessageToString(
                    endpoints_pb2.ApiServiceDescriptor(url=self.control_address)),
                'LOGGING_API_SERVICE_DESCRIPTOR': text_format.MessageToString(
                    endpoints_pb2.ApiServiceDescriptor(url=f'localhost:{logging_port}')),
                'PIPELINE_OPTIONS': json_format.MessageToJson(
                    self.provision_info.provision_info.pipeline_options)}
            if self.worker_id:
                environ['WORKER_ID'] = self.worker_id
            with os.fdopen(write_end, 'wb') as pipe:
                write_end = None
                pipe.write(json.dumps(environ).encode('utf-8'))
            _, status = os.waitpid(pid, 0)
        except BrokenPipeError:
            pass  # it died while it waited: its status says how
        finally:
            if write_end is not None:
                os.close(write_end)
            if status is None:  # not handed over, or it died meanwhile
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                _, status = os.waitpid(pid, 0)
            if logging_server is not None:
                logging_server.stop(0)
        code = os.waitstatus_to_exitcode(status)
        if code:
            raise RuntimeError(f'Worker subprocess exited with return code {code}')
