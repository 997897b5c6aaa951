"""Fetch a feed over HTTP(S) with hard bounds: the transport half of ReadFeeds.

``HttpFetcher.fetch(source, prior)`` turns a ``FeedSource`` with an
``http(s)://`` location into a ``FeedDocument`` or raises ``FetchFailed``
with a ``reason`` from ``FETCH_REASONS`` (quarantine vocabulary). It holds
whatever the web throws at it:

* **Time.** ``connect_timeout`` bounds each TCP connect, ``read_timeout``
  each gap between received bytes, and ``total_timeout`` the whole fetch:
  every hop, every retry and every back-off wait. requests' own read
  timeout is per gap only, so a server dripping one byte a second would
  never trip it; here a watchdog timer shuts the socket down when the
  deadline passes (in the TLS handshake, the status line, the headers or
  the body), and the body loop checks a monotonic deadline between reads.
  Connect and read timeouts are also clipped to the time left.
* **Size.** ``max_bytes`` is enforced while streaming, on the bytes read
  from the wire *and* on the decompressed size: gzip and deflate are
  decoded here with ``zlib.decompressobj(...).decompress(data, max_length)``
  so a gzip bomb never inflates past the cap. A Content-Length above the
  cap fails before the body is read.
* **Redirects** are followed by hand (at most ``max_redirects`` hops, each
  under the same deadline and per-host limit), only to http(s) URLs, and
  never from a public address into an internal one (see below).
* **Internal addresses** (loopback, private, link-local such as the cloud
  metadata service at 169.254.169.254, shared and reserved ranges): a feed
  the configuration names on such an address is fetched (an intranet feed
  is the operator's choice), but when the feed's own address is public,
  no redirect may lead the fetcher to an internal one: a hostile or
  hijacked feed could otherwise make workers read internal services and
  land the answer in the tables (server-side request forgery). The check
  is made on the address each connection actually reaches, after name
  resolution, so a host name that resolves to an internal address is
  caught too. Through a proxy, the proxy decides what it reaches.
* **Retries**: connection errors, connect/read timeouts, 429 and 5xx are
  retried up to ``retries`` times with exponential back-off and full
  jitter; a ``Retry-After`` (seconds or HTTP-date) is honoured up to
  ``retry_after_max``, beyond it the fetch gives up with the original
  reason. 4xx, DNS and TLS errors are not retried.
* **Politeness**: at most ``per_host_concurrency`` requests in flight per
  host name and ``per_host_delay`` seconds between the starts of requests
  to one host. The bound is kept in this module (one gate per host,
  shared by every fetcher in the process), so on a distributed runner it
  holds **per worker process**, not across the job. Time spent waiting at
  a gate is our own queueing and does not count against ``total_timeout``.
* **Conditional GET**: ``prior`` (the feed's stored state, see
  ``pipeline.state.feed_state``) supplies If-None-Match/If-Modified-Since;
  a 304, or a 2xx whose body hashes to the stored ``body_hash``, gives a
  document with ``status='not_modified'`` and an empty body.

Known limit: name resolution (``getaddrinfo``) cannot be interrupted from
Python, so a hanging system resolver is bounded by the resolver's own
timeouts, not by ``total_timeout``.

Pure Python (requests + urllib3); no Beam import, so it is testable alone
and an ``HttpFetcher`` pickles (its session is created on first use).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import hashlib
import ipaddress
import os
import random
import re
import socket
import threading
import time
import zlib
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..model import FeedDocument, FeedSource

__all__ = ['FETCH_REASONS', 'FetchFailed', 'FetchSettings', 'HttpFetcher', 'is_internal_address',
           'body_hash', 'parse_retry_after']


def _version() -> str:
    try:
        from .. import __version__  # the package's own, when it declares one
        return __version__
    except ImportError:
        pass
    try:
        from importlib.metadata import version
        return version('wirefeed')
    except Exception:  # noqa: BLE001 - metadata must never break fetching
        return '0.0.0+source'


_MIB = 1024 * 1024

#: Why a fetch failed; a subset of the quarantine vocabulary.
FETCH_REASONS = (
    'dns error',          # the host name does not resolve
    'connect timeout',    # TCP connect took longer than connect_timeout
    'read timeout',       # a gap between bytes exceeded read_timeout
    'total timeout',      # the whole fetch exceeded total_timeout
    'connection error',   # refused, dropped, reset, truncated or garbled transfer
    'tls error',          # handshake or certificate failure
    'http 4xx',           # a client error status (not 429), never retried
    'http 5xx',           # a server error status, after retries
    'http 429',           # too many requests, after retries / Retry-After
    'too many redirects', # more than max_redirects hops
    'too large',          # body above max_bytes (on the wire or decompressed)
    'bad url',            # not an http(s) URL, a redirect to none or public -> internal
)

_RETRYABLE = frozenset({'connect timeout', 'read timeout', 'connection error',
                        'http 5xx', 'http 429'})


@dataclasses.dataclass(frozen=True)
class FetchSettings:
    """Bounds of one feed fetch: the one place their defaults are set.

    The run config's ``fetch:`` mapping overrides them for every feed
    (``from_mapping``), a ``feeds:`` entry for the feeds it matches
    (``with_overrides``, options named like these fields).
    """
    # seconds to establish a TCP (and TLS) connection, per attempt
    connect_timeout: float = 5.0
    # seconds of silence allowed between two received bytes (status line,
    # headers and body alike)
    read_timeout: float = 15.0
    # seconds for the whole fetch: every redirect hop, every retry and the
    # waits between retries; a slow drip of bytes fails at this bound
    total_timeout: float = 60.0
    # body cap in bytes, enforced while streaming on the wire size and on
    # the size after gzip/deflate decoding (20 MiB)
    max_bytes: int = 20 * _MIB
    # redirect hops followed before failing with 'too many redirects'
    max_redirects: int = 5
    # extra attempts after a connection error, connect/read timeout, 429 or
    # 5xx (so at most retries + 1 requests)
    retries: int = 3
    # back-off before retry n (0-based) is uniform(0, min(backoff_max,
    # backoff_base * 2**n)) seconds: exponential with full jitter
    backoff_base: float = 0.5
    # cap of one back-off wait, seconds
    backoff_max: float = 8.0
    # a Retry-After (seconds or HTTP-date) up to this many seconds is
    # waited for; a longer one gives up at once with the original reason
    retry_after_max: float = 30.0
    # User-Agent header sent with every request
    user_agent: str = (f'wirefeed/{_version()} '
                       f'(+https://github.com/wirefeed/wirefeed)')
    # requests in flight at once to one host name, per worker process
    per_host_concurrency: int = 2
    # seconds between the starts of two requests to one host name, per
    # worker process (0: no delay)
    per_host_delay: float = 0.0

    def __post_init__(self):
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            kind = _FIELD_TYPES[f.name]
            if kind is str:
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(f'{f.name}: expected a non-empty string, got {value!r}')
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f'{f.name}: expected a number, got {value!r}')
            if kind is int and value != int(value):
                raise ValueError(f'{f.name}: expected a whole number, got {value!r}')
            low, inclusive = _MINIMA[f.name]
            if value < low or (not inclusive and value == low):
                op = '>=' if inclusive else '>'
                raise ValueError(f'{f.name}: must be {op} {low}, got {value!r}')

    @classmethod
    def from_mapping(cls, data: Optional[Mapping[str, Any]]) -> 'FetchSettings':
        """Settings from a mapping of field names (e.g. the config's
        ``fetch:``); an unknown key is a ValueError naming it."""
        data = dict(data or {})
        for key in data:
            if key not in _FIELD_TYPES:
                raise ValueError(f'unknown fetch setting {key!r} (known: '
                                 f'{", ".join(_FIELD_TYPES)})')
        return cls(**{k: _coerce(k, v) for k, v in data.items()})

    def with_overrides(self, source: FeedSource) -> 'FetchSettings':
        """These settings with the feed's options named like a field
        applied (other options, e.g. publisher, are ignored)."""
        changes = {name: _coerce(name, value) for name, value in source.options
                   if name in _FIELD_TYPES}
        return dataclasses.replace(self, **changes) if changes else self


_FIELD_TYPES = {f.name: (str if f.name == 'user_agent' else
                         int if f.type in ('int', int) else float)
                for f in dataclasses.fields(FetchSettings)}
# (lower bound, bound allowed)
_MINIMA = {'connect_timeout': (0, False), 'read_timeout': (0, False),
           'total_timeout': (0, False), 'max_bytes': (1, True),
           'max_redirects': (0, True), 'retries': (0, True),
           'backoff_base': (0, True), 'backoff_max': (0, True),
           'retry_after_max': (0, True), 'per_host_concurrency': (1, True),
           'per_host_delay': (0, True)}


def _coerce(name: str, value: Any) -> Any:
    """A config value as the field's type; strings of numbers are accepted
    (per-feed options may come from text)."""
    kind = _FIELD_TYPES[name]
    if kind is str:
        if not isinstance(value, str):
            raise ValueError(f'{name}: expected a string, got {value!r}')
        return value
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(f'{name}: expected a number, got {value!r}') from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f'{name}: expected a number, got {value!r}')
    if kind is int:
        if value != int(value):
            raise ValueError(f'{name}: expected a whole number, got {value!r}')
        return int(value)
    return float(value)


class FetchFailed(Exception):
    """A feed could not be fetched.

    ``reason`` is one of ``FETCH_REASONS``; ``detail`` the exact status or
    exception message; ``http_status`` the last HTTP status seen (or None);
    ``excerpt`` a bounded text piece of an error response's body;
    ``attempts`` how many requests were made.
    """

    def __init__(self, reason: str, detail: str, http_status: Optional[int] = None,
                 excerpt: str = '', attempts: int = 1):
        if reason not in FETCH_REASONS:
            raise ValueError(f'unknown fetch failure reason {reason!r}')
        super().__init__(f'{reason}: {detail}')
        self.reason = reason
        self.detail = detail
        self.http_status = http_status
        self.excerpt = excerpt
        self.attempts = attempts
        self.retry_after: Optional[float] = None  # seconds asked by the server

    def __reduce__(self):
        return (FetchFailed, (self.reason, self.detail, self.http_status,
                              self.excerpt, self.attempts))

    @property
    def retryable(self) -> bool:
        return self.reason in _RETRYABLE


def body_hash(body: bytes) -> str:
    """The hash stored per feed to recognize an unchanged body."""
    return hashlib.sha256(body).hexdigest()


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delta-seconds or an
    HTTP-date), or None when absent or unreadable; never negative."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


# ---------------------------------------------------------------- watchdog
#
# The deadline of one request is enforced by a timer that shuts down the
# request's socket(s) when it fires, which wakes a recv() blocked in any
# thread. The sockets are found through urllib3 connection classes that
# report them to the watch of the current thread (requests is synchronous,
# so the connection works in the fetching thread).

_local = threading.local()


def _kill(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Watch:
    def __init__(self, seconds: float):
        self.expired = False
        self._socks: List[Any] = []
        self._dups: List[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self):
        _local.watch = self
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self._timer.cancel()
        _local.watch = None
        with self._lock:
            self._socks = []
            dups, self._dups = self._dups, []
        for dup in dups:
            dup.close()

    def attach(self, sock, dup: bool = False) -> None:
        """Watch ``sock``; with ``dup``, through a duplicate descriptor of
        it (shutdown acts on the connection, whichever descriptor names it),
        for a socket that TLS wrapping will detach from its object."""
        if dup:
            try:
                sock = sock.dup()
            except OSError:
                return
        with self._lock:
            if dup:
                self._dups.append(sock)
            if self.expired:
                _kill(sock)
            else:
                self._socks.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            socks, self._socks = self._socks, []
            for sock in socks:
                _kill(sock)


def _watch_socket(sock, dup: bool = False) -> None:
    watch = getattr(_local, 'watch', None)
    if watch is not None and sock is not None:
        watch.attach(sock, dup)


class _InternalAddress(Exception):
    """A connection reached an internal address where only public ones
    may be reached (not an OSError: neither urllib3 nor requests wraps it,
    and it is no connection error to retry)."""


def is_internal_address(ip: str) -> bool:
    """True for an address that is not globally reachable: loopback,
    private, link-local, shared (100.64/10), reserved, unspecified, and
    the same inside IPv4-mapped IPv6."""
    try:
        addr = ipaddress.ip_address(ip.split('%', 1)[0])
    except ValueError:
        return True
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return not addr.is_global or addr.is_multicast


def _peer_address(sock) -> Optional[str]:
    try:
        return sock.getpeername()[0]
    except (OSError, IndexError, TypeError):
        return None


def _check_peer(conn, sock) -> None:
    """Record the address ``sock`` reached for the current fetch, and
    refuse it when the fetch may reach public addresses only."""
    if sock is None or getattr(conn, 'proxy', None) or getattr(conn, '_tunnel_host', None):
        return  # through a proxy: the peer is the proxy
    ip = _peer_address(sock)
    _local.peer = ip
    if getattr(_local, 'public_only', False) and ip and is_internal_address(ip):
        _kill(sock)
        raise _InternalAddress(ip)


class _WatchedMixin:
    def _new_conn(self):  # a new TCP connection, before any TLS handshake
        sock = super()._new_conn()
        _watch_socket(sock, dup=True)
        _check_peer(self, sock)
        return sock

    def request(self, *args, **kwargs):  # a kept-alive connection is reused
        sock = getattr(self, 'sock', None)
        _watch_socket(sock)
        _check_peer(self, sock)
        return super().request(*args, **kwargs)


class _WatchedHTTPConnection(_WatchedMixin, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedMixin, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOL_CLASSES = {'http': _WatchedHTTPPool, 'https': _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter with connections that report their sockets to the
    current watch; urllib3's own retries are off (the fetcher retries)."""

    def __init__(self, pool_maxsize: int):
        super().__init__(pool_connections=16, pool_maxsize=pool_maxsize,
                         max_retries=0, pool_block=False)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOL_CLASSES)

    def proxy_manager_for(self, proxy, **kwargs):
        manager = super().proxy_manager_for(proxy, **kwargs)
        if isinstance(manager, urllib3.ProxyManager):
            manager.pool_classes_by_scheme = dict(_POOL_CLASSES)
        return manager


# ------------------------------------------------------------ per-host gate

class _HostGate:
    """At most ``limit`` requests in flight to a host, and starts spaced by
    ``delay`` seconds; each caller passes its own (per-feed) bounds."""

    def __init__(self):
        self._cond = threading.Condition()
        self.active = 0
        self._next_start = 0.0

    def acquire(self, limit: int, delay: float) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                if self.active < limit and now >= self._next_start:
                    self.active += 1
                    self._next_start = now + delay
                    return
                wait = None if self.active >= limit else self._next_start - now
                self._cond.wait(wait)

    def release(self) -> None:
        with self._cond:
            self.active -= 1
            self._cond.notify_all()


_GATES: Dict[str, _HostGate] = {}
_GATES_LOCK = threading.Lock()


def _gate_for(host: str) -> _HostGate:
    with _GATES_LOCK:
        gate = _GATES.get(host)
        if gate is None:
            gate = _GATES[host] = _HostGate()
        return gate


def _reset_gates_after_fork() -> None:
    global _GATES_LOCK
    _GATES_LOCK = threading.Lock()
    _GATES.clear()


if hasattr(os, 'register_at_fork'):
    os.register_at_fork(after_in_child=_reset_gates_after_fork)


# ---------------------------------------------------------------- decoding

_CHUNK = 64 * 1024
_EXCERPT_BYTES = 2048


class _TooLarge(Exception):
    pass


class _BadEncoding(Exception):
    pass


class _Inflater:
    """One gzip or deflate layer, never producing more than it is allowed."""

    def __init__(self, encoding: str):
        self.gzip = encoding in ('gzip', 'x-gzip')
        self._d = zlib.decompressobj(31) if self.gzip else None
        self._head = b''  # deflate: first bytes, to tell zlib from raw
        self.done = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded bytes of ``data``; more than ``room`` only when the
        output exceeds the cap (then at most room + 1)."""
        if self._d is None:
            self._head += data
            if len(self._head) < 2:
                return b''
            b0, b1 = self._head[0], self._head[1]
            zlib_wrapped = (b0 & 0x0F) == 8 and ((b0 << 8) | b1) % 31 == 0
            self._d = zlib.decompressobj(15 if zlib_wrapped else -15)
            data, self._head = self._head, b''
        out = []
        produced = 0
        while data:
            if self.done:
                # gzip: another member may follow; anything else is ignored
                if self.gzip and data[:2] == b'\x1f\x8b':
                    self._d, self.done = zlib.decompressobj(31), False
                else:
                    break
            try:
                chunk = self._d.decompress(data, room - produced + 1)
            except zlib.error as exc:
                raise _BadEncoding(f'invalid {"gzip" if self.gzip else "deflate"} '
                                   f'data: {exc}') from None
            out.append(chunk)
            produced += len(chunk)
            if produced > room:
                break
            if self._d.eof:
                self.done = True
                data = self._d.unused_data
            else:
                data = self._d.unconsumed_tail
        return b''.join(out)

    def finish(self) -> None:
        if self._d is None and self._head:
            raise _BadEncoding('deflate body of one byte')
        if self._d is not None and not self.done:
            raise _BadEncoding(f'{"gzip" if self.gzip else "deflate"} body ended '
                               f'before its end marker (truncated)')


def _codings(content_encoding: Optional[str]) -> Optional[List[str]]:
    """The content codings to undo, [] for none, None when one is not
    gzip/deflate (we only ask for those; such a body is passed on as is,
    with its Content-Encoding header)."""
    codings = [c.strip().lower() for c in (content_encoding or '').split(',')]
    codings = [c for c in codings if c and c != 'identity']
    if all(c in ('gzip', 'x-gzip', 'deflate') for c in codings):
        return codings
    return None


class _Body:
    """Collects a response body, decoding gzip/deflate, within ``limit``."""

    def __init__(self, content_encoding: str, limit: int, truncate: bool):
        codings = _codings(content_encoding)
        # applied in reverse order of the header (the last one was applied last)
        self.layers = [_Inflater(c) for c in reversed(codings or ())]
        self.limit, self.truncate = limit, truncate
        self.parts: List[bytes] = []
        self.size = 0
        self.wire = 0
        self.full = False

    def feed(self, data: bytes) -> None:
        self.wire += len(data)
        if self.wire > self.limit and not self.truncate:
            raise _TooLarge(f'body above max_bytes={self.limit} on the wire')
        for i, layer in enumerate(self.layers):
            last = i == len(self.layers) - 1
            room = self.limit - self.size if last else self.limit
            data = layer.feed(data, room)
            if len(data) > room:
                break
        self._add(data)

    def _add(self, data: bytes) -> None:
        room = self.limit - self.size
        if len(data) > room:
            if not self.truncate:
                raise _TooLarge(f'body above max_bytes={self.limit} after '
                                f'decompression' if self.layers else
                                f'body above max_bytes={self.limit}')
            data, self.full = data[:room], True
        self.parts.append(data)
        self.size += len(data)
        if self.size >= self.limit and self.truncate:
            self.full = True

    def finish(self) -> bytes:
        for layer in self.layers:
            layer.finish()
        return b''.join(self.parts)


# ----------------------------------------------------------------- fetcher

_ACCEPT = ('application/rss+xml, application/atom+xml, application/feed+json, '
           'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, '
           '*/*;q=0.5')
_REDIRECTS = (301, 302, 303, 307, 308)


class _Hop:
    """A final (non-redirect) response of one attempt."""

    def __init__(self, status: int, reason: str, headers: Dict[str, str], body: bytes, url: str):
        self.status, self.reason, self.headers, self.body, self.url = (
            status, reason, headers, body, url)


def _chain(exc: BaseException):
    """The exception, its causes, contexts and wrapped ``reason``/args."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen or not isinstance(e, BaseException):
            continue
        seen.add(id(e))
        yield e
        todo.extend([e.__cause__, e.__context__, getattr(e, 'reason', None)])
        todo.extend(a for a in getattr(e, 'args', ()) if isinstance(a, BaseException))


def _message(exc: BaseException) -> str:
    return f'{exc.__class__.__name__}: {exc}'[:500]


class HttpFetcher:
    """Fetches feeds under ``FetchSettings``; one per DoFn instance.

    The requests session is created on first use (so the fetcher pickles;
    a Beam DoFn creates it in ``setup()``) and reused for keep-alive.
    ``fetch`` may be called from several threads at once.
    """

    def __init__(self, settings: Optional[FetchSettings] = None):
        self.settings = settings or FetchSettings()
        self._session: Optional[requests.Session] = None
        self._session_lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        state['_session'] = None
        del state['_session_lock']
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._session_lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        with self._session_lock:
            if self._session is None:
                session = requests.Session()
                adapter = _WatchedAdapter(pool_maxsize=max(10, self.settings.per_host_concurrency))
                session.mount('http://', adapter)
                session.mount('https://', adapter)
                session.headers.update({'Accept': _ACCEPT,
                                        'Accept-Encoding': 'gzip, deflate'})
                self._session = session
            return self._session

    def close(self) -> None:
        with self._session_lock:
            if self._session is not None:
                self._session.close()
                self._session = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- the fetch ---------------------------------------------------------

    def fetch(self, source: FeedSource, prior: Optional[dict] = None) -> FeedDocument:
        """The feed's document, or FetchFailed. ``prior`` is the feed's
        stored state ({'etag', 'last_modified', 'body_hash'}) or None."""
        settings = self.settings.with_overrides(source)
        fetched_at = dt.datetime.now(dt.timezone.utc)
        start = time.monotonic()
        _check_url(source.location)
        prior = prior or {}
        headers = {'User-Agent': settings.user_agent}
        if prior.get('etag'):
            headers['If-None-Match'] = str(prior['etag'])
        if prior.get('last_modified'):
            headers['If-Modified-Since'] = str(prior['last_modified'])

        deadline = [start + settings.total_timeout]  # extended by gate waits
        attempt = 0
        while True:
            attempt += 1
            try:
                hop = self._attempt(source.location, headers, settings, deadline)
                break
            except FetchFailed as exc:
                exc.attempts = attempt
                if not exc.retryable or attempt > settings.retries:
                    raise _finalize(exc, attempt)
                if exc.retry_after is not None:
                    if exc.retry_after > settings.retry_after_max:
                        exc.detail += (f' (Retry-After {exc.retry_after:.0f}s is above '
                                       f'retry_after_max={settings.retry_after_max:g}s)')
                        raise _finalize(exc, attempt)
                    wait = exc.retry_after
                else:
                    cap = min(settings.backoff_max, settings.backoff_base * 2 ** (attempt - 1))
                    wait = random.uniform(0, cap)
                if time.monotonic() + wait >= deadline[0]:
                    exc.detail += (f' (no time left for a retry within '
                                   f'total_timeout={settings.total_timeout:g}s)')
                    raise _finalize(exc, attempt)
                time.sleep(wait)

        headers_out = dict(hop.headers)
        seconds = time.monotonic() - start
        if hop.status == 304:
            return FeedDocument(source=source, body=b'', headers=headers_out,
                                fetched_at=fetched_at, status='not_modified',
                                http_status=304, seconds=seconds)
        if prior.get('body_hash') and body_hash(hop.body) == prior['body_hash']:
            return FeedDocument(source=source, body=b'', headers=headers_out,
                                fetched_at=fetched_at, status='not_modified',
                                http_status=hop.status, seconds=seconds)
        return FeedDocument(source=source, body=hop.body, headers=headers_out,
                            fetched_at=fetched_at, status='ok',
                            http_status=hop.status, seconds=seconds)

    def _attempt(self, url: str, headers: Dict[str, str], settings: FetchSettings,
                 deadline: List[float]) -> _Hop:
        """One attempt: the request and its redirect hops. Once the first
        hop has reached a public address, every later hop must too (module
        doc: internal addresses)."""
        last_redirect = None
        _local.public_only = False
        try:
            for hop_number in range(settings.max_redirects + 1):
                _local.peer = None
                try:
                    hop = self._request(url, headers, settings, deadline)
                except _InternalAddress as exc:
                    raise FetchFailed('bad url', f'redirect from a public address to the '
                                      f'internal address {exc} ({url}) refused',
                                      http_status=last_redirect) from None
                if hop_number == 0 and _local.peer and not is_internal_address(_local.peer):
                    _local.public_only = True
                if hop.status not in _REDIRECTS:
                    return hop
                location = hop.headers.get('location')
                if not location:
                    raise FetchFailed('bad url', f'HTTP {hop.status} redirect without a '
                                      f'Location header from {url}', http_status=hop.status)
                target = urljoin(url, location.strip())
                try:
                    _check_url(target)
                except FetchFailed as exc:
                    raise FetchFailed('bad url', f'redirect from {url} to a bad URL: '
                                      f'{exc.detail}', http_status=hop.status) from None
                last_redirect, url = hop.status, target
        finally:
            _local.public_only = False
        raise FetchFailed('too many redirects', f'more than max_redirects='
                          f'{settings.max_redirects} redirects (last to {url})',
                          http_status=last_redirect)

    def _request(self, url: str, headers: Dict[str, str], settings: FetchSettings,
                 deadline: List[float]) -> _Hop:
        """One HTTP request under the per-host gate and the deadline; a
        redirect comes back as a _Hop without body, an error status raises."""
        host = (urlsplit(url).hostname or '').lower()
        gate = _gate_for(host)
        waited = time.monotonic()
        gate.acquire(settings.per_host_concurrency, settings.per_host_delay)
        deadline[0] += time.monotonic() - waited
        try:
            remaining = deadline[0] - time.monotonic()
            if remaining <= 0:
                raise FetchFailed('total timeout', f'no time left within '
                                  f'total_timeout={settings.total_timeout:g}s')
            connect_t = min(settings.connect_timeout, remaining)
            read_t = min(settings.read_timeout, remaining)
            with _Watch(remaining) as watch:
                try:
                    return self._exchange(url, headers, settings, deadline[0],
                                          (connect_t, read_t))
                except FetchFailed as exc:
                    if watch.expired and exc.reason not in ('too large', 'http 4xx',
                                                            'http 5xx', 'http 429'):
                        raise _total_timeout(settings, exc.detail) from None
                    raise
                except requests.RequestException as exc:
                    if watch.expired or time.monotonic() >= deadline[0]:
                        raise _total_timeout(settings, _message(exc)) from None
                    raise _classify(exc, settings, connect_t, read_t) from None
                except _DeadlinePassed:
                    raise _total_timeout(settings, 'deadline passed while reading '
                                         'the body') from None
                except _InternalAddress:
                    raise
                except (urllib3.exceptions.HTTPError, OSError) as exc:
                    # raised by raw reads of the body
                    if watch.expired or time.monotonic() >= deadline[0]:
                        raise _total_timeout(settings, _message(exc)) from None
                    raise _classify(exc, settings, connect_t, read_t) from None
                except Exception as exc:  # noqa: BLE001 - one odd feed must not stop a run
                    raise FetchFailed('connection error', 'unexpected ' + _message(exc)) from exc
        finally:
            gate.release()

    def _exchange(self, url, headers, settings, deadline, timeout) -> _Hop:
        resp = self.session.get(url, headers=headers, timeout=timeout, stream=True,
                                allow_redirects=False)
        try:
            status = resp.status_code
            out_headers = {k.lower(): v for k, v in resp.headers.items()}
            if status in _REDIRECTS or status == 304:
                return _Hop(status, resp.reason, out_headers, b'', url)
            if 200 <= status < 300:
                try:
                    body = _read_body(resp, out_headers, settings.max_bytes, deadline,
                                      truncate=False)
                except FetchFailed as exc:
                    exc.http_status = status
                    raise
                if _codings(out_headers.get('content-encoding')):
                    out_headers.pop('content-encoding', None)
                    out_headers.pop('content-length', None)
                return _Hop(status, resp.reason, out_headers, body, url)
            excerpt = _excerpt(resp, out_headers, deadline)
            detail = f'HTTP {status} {resp.reason or ""}'.strip() + f' from {url}'
            if status == 429:
                reason = 'http 429'
            elif 500 <= status < 600:
                reason = 'http 5xx'
            elif 400 <= status < 500:
                reason = 'http 4xx'
            else:  # 1xx/3xx we cannot follow, or nonsense
                raise FetchFailed('bad url', detail + ' (not a status a feed can '
                                  'be read from)', http_status=status, excerpt=excerpt)
            exc = FetchFailed(reason, detail, http_status=status, excerpt=excerpt)
            if reason != 'http 4xx':
                exc.retry_after = parse_retry_after(out_headers.get('retry-after'))
            raise exc
        finally:
            resp.close()


def _read_body(resp, headers: Mapping[str, str], limit: int, deadline: float,
               truncate: bool) -> bytes:
    declared = headers.get('content-length', '').strip()
    if not truncate and declared.isdigit() and int(declared) > limit:
        raise FetchFailed('too large', f'Content-Length {declared} is above '
                          f'max_bytes={limit}')
    body = _Body(headers.get('content-encoding', ''), limit, truncate)
    raw = resp.raw
    try:
        while not body.full:
            if time.monotonic() >= deadline:
                raise _DeadlinePassed()
            chunk = raw.read1(_CHUNK, decode_content=False)
            if not chunk:
                break
            body.feed(chunk)
        if time.monotonic() >= deadline:
            # a watchdog shutdown reads as a clean end of a close-delimited body
            raise _DeadlinePassed()
        return body.finish() if not body.full else b''.join(body.parts)
    except _TooLarge as exc:
        raise FetchFailed('too large', str(exc)) from None
    except _BadEncoding as exc:
        raise FetchFailed('connection error', f'content-encoding '
                          f'{headers.get("content-encoding")}: {exc}') from None


class _DeadlinePassed(Exception):
    pass


def _excerpt(resp, headers: Mapping[str, str], deadline: float) -> str:
    """A bounded text piece of an error response's body (best effort)."""
    body = _Body(headers.get('content-encoding', ''), _EXCERPT_BYTES, True)
    try:
        raw = resp.raw
        while not body.full and body.wire < 16 * _EXCERPT_BYTES:
            if time.monotonic() >= deadline:
                break
            chunk = raw.read1(_CHUNK, decode_content=False)
            if not chunk:
                break
            body.feed(chunk)
    except Exception:  # noqa: BLE001 - an excerpt is best effort
        pass
    return b''.join(body.parts)[:_EXCERPT_BYTES].decode('utf-8', 'replace')


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise FetchFailed('bad url', f'{url!r}: {exc}') from None
    if parts.scheme.lower() not in ('http', 'https'):
        raise FetchFailed('bad url', f'{url!r}: not an http(s) URL')
    if not parts.hostname:
        raise FetchFailed('bad url', f'{url!r}: no host')
    if _BAD_HOST.search(parts.hostname):
        raise FetchFailed('bad url', f'{url!r}: invalid host name {parts.hostname!r}')


_BAD_HOST = re.compile(r'[\s<>"{}|\\^`%/?#@\x00-\x1f\x7f]')


def _total_timeout(settings: FetchSettings, detail: str) -> FetchFailed:
    return FetchFailed('total timeout', f'fetch exceeded total_timeout='
                       f'{settings.total_timeout:g}s ({detail})')


def _finalize(exc: FetchFailed, attempts: int) -> FetchFailed:
    exc.attempts = attempts
    if attempts > 1:
        exc.detail += f' [after {attempts} attempts]'
    exc.args = (f'{exc.reason}: {exc.detail}',)
    return exc


def _classify(exc: BaseException, settings: FetchSettings, connect_t: float,
              read_t: float) -> FetchFailed:
    """A requests/urllib3/socket exception as a FetchFailed."""
    from urllib3.exceptions import (ConnectTimeoutError, LocationParseError,
                                    NameResolutionError, NewConnectionError,
                                    ReadTimeoutError)
    chain = list(_chain(exc))
    msg = _message(exc)
    if any(isinstance(e, (NameResolutionError, socket.gaierror)) for e in chain):
        return FetchFailed('dns error', msg)
    if any(isinstance(e, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                          requests.exceptions.InvalidSchema, LocationParseError,
                          UnicodeError)) for e in chain):
        return FetchFailed('bad url', msg)
    if any(isinstance(e, (requests.exceptions.SSLError, urllib3.exceptions.SSLError))
           for e in chain) or any(e.__class__.__module__ == 'ssl' for e in chain):
        return FetchFailed('tls error', msg)
    # urllib3's NewConnectionError (refused, unreachable) subclasses
    # ConnectTimeoutError for history's sake: it is not a timeout
    if any(isinstance(e, requests.exceptions.ConnectTimeout) or (
            isinstance(e, ConnectTimeoutError) and not isinstance(e, NewConnectionError))
           for e in chain):
        if connect_t < settings.connect_timeout:
            return _total_timeout(settings, msg)
        return FetchFailed('connect timeout', msg)
    if any(isinstance(e, (requests.exceptions.ReadTimeout, ReadTimeoutError,
                          socket.timeout)) for e in chain):
        if read_t < settings.read_timeout:
            return _total_timeout(settings, msg)
        return FetchFailed('read timeout', msg)
    return FetchFailed('connection error', msg)
