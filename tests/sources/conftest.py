"""A real HTTP server on 127.0.0.1 with programmable routes, for fetch tests.

``feed_server`` (a fixture) starts a ``FeedServer`` in a thread for one
test. Give it routes::

    feed_server.route('/feed.xml', static(b'<rss/>', headers={'ETag': '"1"'}))
    feed_server.route('/flaky', sequence(static(b'', 503), static(b'', 503),
                                         static(b'<rss/>')))
    url = feed_server.url('/feed.xml')

A route is a callable taking the request handler ``h`` (a
``BaseHTTPRequestHandler`` with ``h.hit``: the 1-based number of this
request to the path, ``h.stop``: an Event set when the server stops, and
``h.reply(status, body, headers)``). The builders below cover the faults
the fetch tests need: never answering, dripping bytes, endless and
gzip-bomb bodies, dropped connections, redirects and conditional GET.

The server counts ``hits[path]``, keeps each request's headers in
``requests``, each request's client address (one per connection) in
``clients``, and the largest number of requests handled at once in
``max_active``. It speaks HTTP/1.1 (keep-alive), so responses carry a
Content-Length unless they say ``Connection: close``.
"""
from __future__ import annotations

import collections
import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, Optional, Tuple
from urllib.parse import urlsplit

import pytest

Route = Callable[[BaseHTTPRequestHandler], None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'FeedServer/1'

    def log_message(self, *args):  # quiet
        pass

    def reply(self, status: int = 200, body: bytes = b'',
              headers: Optional[Dict[str, str]] = None) -> None:
        self.send_response(status)
        headers = dict(headers or {})
        if 'Content-Length' not in headers and status != 304:
            headers['Content-Length'] = str(len(body))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def stream_start(self, status: int = 200, headers: Optional[Dict[str, str]] = None):
        """Headers of a close-delimited body (no Content-Length)."""
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header('Connection', 'close')
        self.end_headers()
        self.close_connection = True

    def do_GET(self):
        srv: FeedServer = self.server.feed_server
        path = urlsplit(self.path).path
        with srv.lock:
            srv.hits[path] += 1
            self.hit = srv.hits[path]
            srv.requests.append((path, dict(self.headers.items())))
            srv.clients.append((path, self.client_address))
            srv.active += 1
            srv.max_active = max(srv.max_active, srv.active)
            srv.starts.append((path, time.monotonic()))
        self.stop = srv.stop
        try:
            route = srv.routes.get(path)
            if route is None:
                self.reply(404, b'no such route')
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        finally:
            with srv.lock:
                srv.active -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):  # clients hang up on purpose
        pass


class FeedServer:
    def __init__(self, tls: Optional[Tuple[str, str]] = None, host: str = '127.0.0.1'):
        self.routes: Dict[str, Route] = {}
        self.hits: collections.Counter = collections.Counter()
        self.requests = []
        self.starts = []
        self.clients = []  # (path, client address): one address per connection
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.host = host  # any loopback address: 127.0.0.2 is a second host
        self._httpd = _Server((host, 0), _Handler)
        self._httpd.feed_server = self
        self.port = self._httpd.server_address[1]
        self.scheme = 'http'
        if tls:  # (certfile, keyfile): serve https; handshakes run in handler threads
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True,
                                                 do_handshake_on_connect=False)
            self.scheme = 'https'
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={'poll_interval': 0.05}, daemon=True)
        self._thread.start()

    def route(self, path: str, handler: Route) -> str:
        self.routes[path] = handler
        return self.url(path)

    def url(self, path: str = '/') -> str:
        return f'{self.scheme}://{self.host}:{self.port}{path}'

    def headers_of(self, path: str, n: int = -1) -> Dict[str, str]:
        """The headers of the n-th request to path (default: the last)."""
        seen = [h for p, h in self.requests if p == path]
        return seen[n]

    def close(self) -> None:
        self.stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)


@pytest.fixture
def feed_server():
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope='session')
def tls_cert(tmp_path_factory) -> Tuple[str, str]:
    """(certfile, keyfile) of a self-signed certificate for 127.0.0.1."""
    if not shutil.which('openssl'):
        pytest.skip('openssl is needed to make a test certificate')
    d = tmp_path_factory.mktemp('tls')
    cert, key = str(d / 'cert.pem'), str(d / 'key.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
                    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
                    '-addext', 'subjectAltName=IP:127.0.0.1'],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_server(tls_cert):
    """A FeedServer speaking https with ``tls_cert`` (not trusted by default:
    set ``session.verify = tls_cert[0]`` on the client to trust it)."""
    server = FeedServer(tls=tls_cert)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# ------------------------------------------------------------- route builders

def static(body: bytes = b'', status: int = 200,
           headers: Optional[Dict[str, str]] = None) -> Route:
    def route(h):
        h.reply(status, body, headers)
    return route


def sequence(*routes: Route) -> Route:
    """The n-th request gets the n-th route (the last one repeats)."""
    def route(h):
        routes[min(h.hit, len(routes)) - 1](h)
    return route


def conditional(body: bytes, etag: Optional[str] = None,
                last_modified: Optional[str] = None, ctype: str = 'application/rss+xml') -> Route:
    """Answers 304 when If-None-Match/If-Modified-Since match."""
    def route(h):
        headers = {'Content-Type': ctype}
        if etag:
            headers['ETag'] = etag
        if last_modified:
            headers['Last-Modified'] = last_modified
        inm, ims = h.headers.get('If-None-Match'), h.headers.get('If-Modified-Since')
        if (etag and inm == etag) or (not inm and last_modified and ims == last_modified):
            h.reply(304, b'', {k: v for k, v in headers.items() if k != 'Content-Type'})
        else:
            h.reply(200, body, headers)
    return route


def never_answer() -> Route:
    """Reads the request, then says nothing until the server stops."""
    def route(h):
        h.stop.wait(30)
        h.close_connection = True
    return route


def drip(byte: bytes = b'<', every: float = 0.2, in_headers: bool = False) -> Route:
    """Sends one byte every ``every`` seconds forever, in the body (after
    valid headers) or in the headers themselves."""
    def route(h):
        if in_headers:
            h.wfile.write(b'HTTP/1.1 200 OK\r\n')
            h.wfile.flush()
            h.close_connection = True
            while not h.stop.wait(every):
                h.wfile.write(b'X-Slow: ' + byte + b'\r\n')
                h.wfile.flush()
            return
        h.stream_start(200, {'Content-Type': 'application/rss+xml'})
        h.wfile.flush()
        while not h.stop.wait(every):
            h.wfile.write(byte)
            h.wfile.flush()
    return route


def endless(chunk: bytes = b'<item>spam</item>' * 4096) -> Route:
    """A body that never ends (close-delimited)."""
    def route(h):
        h.stream_start(200, {'Content-Type': 'application/rss+xml'})
        while not h.stop.is_set():
            h.wfile.write(chunk)
    return route


def gzip_bomb(encoding: str = 'gzip', declared: bool = False) -> Route:
    """A compressed body of zeros that inflates without end: each MiB of
    zeros costs ~1 KiB on the wire. ``encoding``: gzip or deflate."""
    def route(h):
        h.stream_start(200, {'Content-Type': 'application/rss+xml',
                             'Content-Encoding': encoding})
        comp = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == 'gzip' else 15)
        zeros = b'\0' * (1024 * 1024)
        while not h.stop.is_set():
            out = comp.compress(zeros)
            if out:
                h.wfile.write(out)
    return route


def gzipped(body: bytes, headers: Optional[Dict[str, str]] = None) -> Route:
    data = gzip.compress(body)
    return static(data, 200, {'Content-Encoding': 'gzip', **(headers or {})})


def drop() -> Route:
    """Reads the request and closes the connection without a response."""
    def route(h):
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
    return route


def drop_mid_body(sent: bytes = b'<rss><channel>', declared: int = 10_000) -> Route:
    """Promises ``declared`` bytes, sends fewer, hangs up."""
    def route(h):
        h.send_response(200)
        h.send_header('Content-Length', str(declared))
        h.end_headers()
        h.wfile.write(sent)
        h.wfile.flush()
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
    return route


def redirect(to: str, status: int = 302) -> Route:
    return static(b'', status, {'Location': to})


def slow(seconds: float, body: bytes = b'<rss/>') -> Route:
    """Answers after ``seconds`` (for concurrency tests)."""
    def route(h):
        h.stop.wait(seconds)
        h.reply(200, body)
    return route
