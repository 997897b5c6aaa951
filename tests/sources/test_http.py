"""HttpFetcher against a real HTTP server on 127.0.0.1 (see conftest.py)."""
import datetime as dt
import email.utils
import os
import gzip
import pickle
import socket
import threading
import time
import tracemalloc
import zlib

import pytest

from pipeline.model import FeedSource
from pipeline.sources import http as http_mod
from pipeline.sources.http import (FETCH_REASONS, FetchFailed, FetchSettings,
                                   HttpFetcher, body_hash, parse_retry_after)

from .conftest import (FeedServer, conditional, drip, drop, drop_mid_body, endless, gzip_bomb,
                       gzipped, never_answer, redirect, sequence, slow, static)

FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b'<item><title>A</title><link>http://x/a</link></item></channel></rss>')

# small bounds so the whole file runs in seconds
# scheduling slack allowed on top of a bound (2 shared cores, busy CI)
SLACK = 0.75

FAST = FetchSettings(connect_timeout=1.0, read_timeout=0.5, total_timeout=3.0,
                     max_bytes=1024 * 1024, retries=2, backoff_base=0.01,
                     backoff_max=0.05, retry_after_max=2.0)


@pytest.fixture
def fetcher():
    f = HttpFetcher(FAST)
    yield f
    f.close()


def fetch(fetcher, url, prior=None, **options):
    return fetcher.fetch(FeedSource(url, tuple(options.items())), prior)


def fails(fetcher, url, reason, prior=None, **options) -> FetchFailed:
    with pytest.raises(FetchFailed) as info:
        fetch(fetcher, url, prior, **options)
    assert info.value.reason == reason, info.value
    assert info.value.reason in FETCH_REASONS
    return info.value


# ------------------------------------------------------------------ settings

def test_settings_defaults_and_user_agent():
    s = FetchSettings()
    assert (s.connect_timeout, s.read_timeout, s.total_timeout) == (5.0, 15.0, 60.0)
    assert s.max_bytes == 20 * 1024 * 1024
    assert (s.max_redirects, s.retries, s.per_host_concurrency) == (5, 3, 2)
    assert (s.backoff_base, s.backoff_max, s.retry_after_max, s.per_host_delay) == (
        0.5, 8.0, 30.0, 0.0)
    assert s.user_agent.startswith('wirefeed/')
    assert s.user_agent.endswith(' (+https://github.com/wirefeed/wirefeed)')


def test_settings_from_mapping_and_overrides():
    s = FetchSettings.from_mapping({'read_timeout': 3, 'max_bytes': 1000.0})
    assert s.read_timeout == 3.0 and isinstance(s.read_timeout, float)
    assert s.max_bytes == 1000 and isinstance(s.max_bytes, int)
    with pytest.raises(ValueError, match='read_timout'):
        FetchSettings.from_mapping({'read_timout': 3})
    with pytest.raises(ValueError, match='retries'):
        FetchSettings.from_mapping({'retries': -1})
    with pytest.raises(ValueError, match='per_host_concurrency'):
        FetchSettings(per_host_concurrency=0)
    with pytest.raises(ValueError, match='max_bytes'):
        FetchSettings.from_mapping({'max_bytes': 'lots'})
    source = FeedSource('http://x/', (('publisher', 'X'), ('read_timeout', 2),
                                      ('max_bytes', '4096')))
    o = s.with_overrides(source)
    assert (o.read_timeout, o.max_bytes, o.connect_timeout) == (2.0, 4096, 5.0)
    assert s.with_overrides(FeedSource('http://x/')) is s


def test_retry_after_parsing():
    assert parse_retry_after('7') == 7.0
    assert parse_retry_after(None) is None and parse_retry_after('soon') is None
    now = time.time()
    date = email.utils.formatdate(now + 20, usegmt=True)
    assert 18 <= parse_retry_after(date, now=now) <= 21
    assert parse_retry_after(email.utils.formatdate(now - 100, usegmt=True), now=now) == 0


def test_fetcher_pickles_before_and_after_use(feed_server):
    f = HttpFetcher(FAST)
    assert pickle.loads(pickle.dumps(f)).settings == FAST
    url = feed_server.route('/f', static(FEED))
    f.fetch(FeedSource(url))
    g = pickle.loads(pickle.dumps(f))
    assert g.fetch(FeedSource(url)).body == FEED
    f.close(), g.close()


def test_fetch_failed_pickles():
    e = pickle.loads(pickle.dumps(FetchFailed('http 4xx', 'HTTP 404', 404, 'nope')))
    assert (e.reason, e.detail, e.http_status, e.excerpt) == ('http 4xx', 'HTTP 404', 404, 'nope')


# --------------------------------------------------------------- good feeds

def test_good_feed(feed_server, fetcher):
    url = feed_server.route('/feed.xml', static(FEED, headers={
        'Content-Type': 'application/rss+xml; charset=utf-8', 'ETag': '"v1"'}))
    doc = fetch(fetcher, url)
    assert doc.status == 'ok' and doc.body == FEED and doc.http_status == 200
    assert doc.headers['content-type'] == 'application/rss+xml; charset=utf-8'
    assert doc.headers['etag'] == '"v1"'
    assert all(k == k.lower() for k in doc.headers)
    assert doc.fetched_at.tzinfo is not None and 0 < doc.seconds < 1
    sent = feed_server.headers_of('/feed.xml')
    assert sent['User-Agent'] == FAST.user_agent
    assert 'gzip' in sent['Accept-Encoding']
    assert 'If-None-Match' not in sent


def test_gzip_and_deflate_bodies_are_decoded(feed_server, fetcher):
    doc = fetch(fetcher, feed_server.route('/gz', gzipped(FEED)))
    assert doc.body == FEED and 'content-encoding' not in doc.headers
    zl = zlib.compress(FEED)
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = raw.compress(FEED) + raw.flush()
    for name, data in (('/zlib', zl), ('/raw', raw)):
        url = feed_server.route(name, static(data, headers={'Content-Encoding': 'deflate'}))
        assert fetch(fetcher, url).body == FEED
    # concatenated gzip members are one body
    url = feed_server.route('/multi', static(gzip.compress(FEED[:50]) + gzip.compress(FEED[50:]),
                                             headers={'Content-Encoding': 'gzip'}))
    assert fetch(fetcher, url).body == FEED


def test_html_page_and_empty_body_are_fetched(feed_server, fetcher):
    html = b'<!doctype html><html><body>Please enable JavaScript</body></html>'
    doc = fetch(fetcher, feed_server.route('/wall', static(html, headers={
        'Content-Type': 'text/html'})))
    assert doc.status == 'ok' and doc.body == html  # parsing rejects it, later
    doc = fetch(fetcher, feed_server.route('/empty', static(b'')))
    assert doc.status == 'ok' and doc.body == b'' and doc.http_status == 200


def test_redirect_is_followed(feed_server, fetcher):
    feed_server.route('/feed', static(FEED))
    feed_server.route('/old', redirect('/feed', 301))
    doc = fetch(fetcher, feed_server.route('/older', redirect(feed_server.url('/old'), 308)))
    assert doc.body == FEED and doc.http_status == 200


# ------------------------------------------------------------------- retries

def test_503_twice_then_200_is_retried(feed_server, fetcher):
    url = feed_server.route('/flaky', sequence(static(b'busy', 503), static(b'busy', 503),
                                               static(FEED)))
    doc = fetch(fetcher, url)
    assert doc.body == FEED and feed_server.hits['/flaky'] == 3


def test_429_retry_after_is_honoured(feed_server, fetcher):
    url = feed_server.route('/limited', sequence(
        static(b'slow down', 429, {'Retry-After': '1'}), static(FEED)))
    t = time.monotonic()
    doc = fetch(fetcher, url)
    assert doc.body == FEED and feed_server.hits['/limited'] == 2
    assert 0.9 <= time.monotonic() - t < 1.0 + SLACK  # waited the asked second, no more


def test_429_retry_after_above_cap_gives_up(feed_server, fetcher):
    url = feed_server.route('/limited', static(b'come back tomorrow', 429,
                                               {'Retry-After': '3600'}))
    t = time.monotonic()
    e = fails(fetcher, url, 'http 429')
    assert time.monotonic() - t < SLACK and feed_server.hits['/limited'] == 1
    assert e.http_status == 429 and 'Retry-After 3600' in e.detail
    assert 'come back tomorrow' in e.excerpt


def test_404_is_not_retried(feed_server, fetcher):
    url = feed_server.route('/gone', static(b'<h1>Not Found</h1>', 404))
    e = fails(fetcher, url, 'http 4xx')
    assert e.http_status == 404 and '404' in e.detail and e.excerpt == '<h1>Not Found</h1>'
    assert feed_server.hits['/gone'] == 1


def test_500_fails_after_retries(feed_server, fetcher):
    url = feed_server.route('/broken', static(b'Internal Server Error', 500))
    e = fails(fetcher, url, 'http 5xx')
    assert e.http_status == 500 and e.attempts == 3 and 'after 3 attempts' in e.detail
    assert feed_server.hits['/broken'] == FAST.retries + 1


def test_retries_setting_per_feed(feed_server, fetcher):
    url = feed_server.route('/broken', static(b'', 502))
    fails(fetcher, url, 'http 5xx', retries=0)
    assert feed_server.hits['/broken'] == 1


# ------------------------------------------------------------------ timeouts

def test_server_that_never_answers_is_a_read_timeout(feed_server, fetcher):
    url = feed_server.route('/silent', never_answer())
    t = time.monotonic()
    e = fails(fetcher, url, 'read timeout', retries=0)
    assert 0.45 < time.monotonic() - t < 0.5 + SLACK
    assert feed_server.hits['/silent'] == 1


def test_never_answers_with_retries_stays_within_total(feed_server, fetcher):
    url = feed_server.route('/silent', never_answer())
    t = time.monotonic()
    with pytest.raises(FetchFailed) as info:
        fetch(fetcher, url, total_timeout=1.2)
    assert info.value.reason in ('read timeout', 'total timeout')
    assert time.monotonic() - t < 1.2 + SLACK


def test_byte_a_tick_forever_is_a_total_timeout(feed_server, fetcher):
    # each gap (0.1 s) is well under read_timeout (0.5 s): only the total bound stops it
    url = feed_server.route('/drip', drip(every=0.1))
    t = time.monotonic()
    e = fails(fetcher, url, 'total timeout', total_timeout=1.5)
    assert 1.45 < time.monotonic() - t < 1.5 + SLACK
    assert '1.5' in e.detail


def test_dripping_headers_are_a_total_timeout(feed_server, fetcher):
    url = feed_server.route('/drip-headers', drip(every=0.1, in_headers=True))
    t = time.monotonic()
    fails(fetcher, url, 'total timeout', total_timeout=1.0)
    assert time.monotonic() - t < 1.0 + SLACK


def test_dripping_headers_on_a_kept_alive_connection(feed_server, fetcher):
    # the watchdog also guards a connection taken back from the pool
    feed_server.route('/ok', static(FEED))
    feed_server.route('/drip-headers', drip(every=0.1, in_headers=True))
    fetch(fetcher, feed_server.url('/ok'))
    t = time.monotonic()
    fails(fetcher, feed_server.url('/drip-headers'), 'total timeout', total_timeout=1.0,
          retries=0)
    assert time.monotonic() - t < 1.0 + SLACK
    (_, first), (_, second) = feed_server.clients
    assert first == second  # the same connection


def test_connect_timeout(fetcher, monkeypatch):
    def hang(*args, **kwargs):
        raise socket.timeout('timed out')
    monkeypatch.setattr(socket.socket, 'connect', hang)
    e = fails(fetcher, 'http://127.0.0.1:9/feed', 'connect timeout', retries=0)
    assert 'timed out' in e.detail


# ---------------------------------------------------------------------- size

def test_endless_body_is_too_large(feed_server, fetcher):
    url = feed_server.route('/endless', endless())
    t = time.monotonic()
    e = fails(fetcher, url, 'too large')
    assert time.monotonic() - t < SLACK and 'max_bytes=1048576' in e.detail
    assert e.http_status == 200


def test_declared_length_above_cap_fails_before_reading(feed_server, fetcher):
    url = feed_server.route('/big', static(b'x' * 5000))
    e = fails(fetcher, url, 'too large', max_bytes=4000)
    assert 'Content-Length 5000' in e.detail
    assert fetch(fetcher, url, max_bytes=5000).body == b'x' * 5000  # the cap is inclusive


@pytest.mark.parametrize('encoding', ['gzip', 'deflate'])
def test_gzip_bomb_is_too_large_and_memory_stays_small(feed_server, fetcher, encoding):
    url = feed_server.route('/bomb', gzip_bomb(encoding))
    limit = 4 * 1024 * 1024
    tracemalloc.start()
    try:
        e = fails(fetcher, url, 'too large', max_bytes=limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert 'after decompression' in e.detail
    assert peak < 3 * limit, peak  # the body so far plus one capped chunk


def test_gzip_of_a_big_body_is_too_large_even_when_small_on_the_wire(feed_server, fetcher):
    data = gzip.compress(b' ' * (3 * 1024 * 1024))  # ~3 KiB on the wire
    url = feed_server.route('/b', static(data, headers={'Content-Encoding': 'gzip'}))
    fails(fetcher, url, 'too large', max_bytes=1024 * 1024)
    assert len(fetch(fetcher, url, max_bytes=3 * 1024 * 1024).body) == 3 * 1024 * 1024


def test_truncated_and_corrupt_gzip_are_connection_errors(feed_server, fetcher):
    data = gzip.compress(FEED)
    url = feed_server.route('/cut', static(data[:-12], headers={'Content-Encoding': 'gzip'}))
    e = fails(fetcher, url, 'connection error', retries=0)
    assert 'truncated' in e.detail
    url = feed_server.route('/junk', static(b'\x1f\x8bnot gzip at all',
                                            headers={'Content-Encoding': 'gzip'}))
    fails(fetcher, url, 'connection error', retries=0)


# ---------------------------------------------------------------- transport

def test_redirect_loop(feed_server, fetcher):
    url = feed_server.route('/loop', redirect('/loop'))
    e = fails(fetcher, url, 'too many redirects')
    assert feed_server.hits['/loop'] == FAST.max_redirects + 1  # not retried
    assert e.http_status == 302


def test_redirect_to_a_non_http_url(feed_server, fetcher):
    url = feed_server.route('/ftp', redirect('ftp://example.org/feed'))
    fails(fetcher, url, 'bad url')


# -------------------------------------------------- internal addresses (SSRF)

@pytest.mark.parametrize('ip, internal', [
    ('127.0.0.1', True), ('10.1.2.3', True), ('172.16.0.1', True),
    ('192.168.1.10', True), ('169.254.169.254', True), ('100.64.0.1', True),
    ('0.0.0.0', True), ('224.0.0.1', True), ('::1', True), ('fe80::1%eth0', True),
    ('fd00::1', True), ('::ffff:10.0.0.1', True), ('::ffff:169.254.169.254', True),
    ('not an address', True),
    ('8.8.8.8', False), ('93.184.216.34', False), ('2001:4860:4860::8888', False),
    ('::ffff:8.8.8.8', False),
])
def test_internal_addresses(ip, internal):
    assert http_mod.is_internal_address(ip) is internal


@pytest.fixture
def inside():
    """A second server, on 127.0.0.2: the internal service a hostile feed
    would point the fetcher at."""
    server = FeedServer(host='127.0.0.2')
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def public_origin(monkeypatch):
    """127.0.0.1 counts as a public address (no public address can be
    reached here); every other address keeps its real class."""
    real = http_mod.is_internal_address
    monkeypatch.setattr(http_mod, 'is_internal_address',
                        lambda ip: ip != '127.0.0.1' and real(ip))


def test_redirect_from_public_to_internal_is_refused(feed_server, inside, fetcher,
                                                     public_origin):
    secret = inside.route('/latest/meta-data/', static(b'<rss>secret</rss>'))
    feed_server.route('/hop', redirect(secret, 301))
    e = fails(fetcher, feed_server.route('/feed', redirect('/hop')), 'bad url')
    assert '127.0.0.2' in e.detail and e.http_status == 301
    assert inside.hits['/latest/meta-data/'] == 0   # no request was sent
    assert feed_server.hits['/feed'] == 1           # and none retried


def test_kept_alive_internal_connection_is_checked_again(feed_server, inside, fetcher,
                                                         monkeypatch):
    # a feed configured on the internal host itself is fetched ...
    secret = inside.route('/admin', static(FEED))
    assert fetch(fetcher, secret).body == FEED
    # ... and its kept-alive connection is refused to a public feed's redirect
    real = http_mod.is_internal_address
    monkeypatch.setattr(http_mod, 'is_internal_address',
                        lambda ip: ip != '127.0.0.1' and real(ip))
    fails(fetcher, feed_server.route('/feed', redirect(secret)), 'bad url')
    assert inside.hits['/admin'] == 1


def test_internal_feed_may_redirect_inside(feed_server, inside, fetcher):
    # 127.0.0.1 is internal here: an intranet feed's own redirects are followed
    target = inside.route('/feed', static(FEED))
    doc = fetch(fetcher, feed_server.route('/moved', redirect(target, 308)))
    assert doc.body == FEED and inside.hits['/feed'] == 1


def test_public_feed_may_redirect_to_public(feed_server, fetcher, public_origin):
    feed_server.route('/feed', static(FEED))
    doc = fetch(fetcher, feed_server.route('/old', redirect('/feed', 301)))
    assert doc.body == FEED


def test_dropped_connection(feed_server, fetcher):
    url = feed_server.route('/drop', drop())
    e = fails(fetcher, url, 'connection error')
    assert feed_server.hits['/drop'] == FAST.retries + 1  # connection errors are retried


def test_connection_dropped_mid_body(feed_server, fetcher):
    url = feed_server.route('/half', drop_mid_body())
    fails(fetcher, url, 'connection error', retries=0)


def test_connection_refused(fetcher, closed_port):
    e = fails(fetcher, f'http://127.0.0.1:{closed_port}/feed', 'connection error')
    assert 'refused' in e.detail.lower()


def test_dns_error(fetcher, monkeypatch):
    def no_such_host(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, 'Name or service not known')
    monkeypatch.setattr(socket, 'getaddrinfo', no_such_host)
    e = fails(fetcher, 'http://feeds.example.invalid/rss', 'dns error')
    assert 'feeds.example.invalid' in e.detail


def test_tls_error(feed_server, fetcher):
    # TLS to a plain-HTTP port: the handshake fails
    url = feed_server.route('/feed', static(FEED)).replace('http://', 'https://')
    fails(fetcher, url, 'tls error')


@pytest.fixture
def trust(monkeypatch, tls_cert, fetcher):
    """Makes ``fetcher`` trust the test certificate (requests lets these
    variables override ``session.verify``)."""
    monkeypatch.delenv('REQUESTS_CA_BUNDLE', raising=False)
    monkeypatch.delenv('CURL_CA_BUNDLE', raising=False)
    return lambda: setattr(fetcher.session, 'verify', tls_cert[0])


def test_https_feed_and_untrusted_certificate(tls_server, trust, fetcher):
    url = tls_server.route('/feed', gzipped(FEED))
    e = fails(fetcher, url, 'tls error')  # self-signed: not trusted
    assert 'CERTIFICATE_VERIFY_FAILED' in e.detail
    assert tls_server.hits['/feed'] == 0
    trust()
    doc = fetch(fetcher, url)
    assert doc.status == 'ok' and doc.body == FEED


def test_https_dripping_headers_are_a_total_timeout(tls_server, trust, fetcher):
    # the watchdog shuts the TLS connection's socket down too
    trust()
    url = tls_server.route('/drip-headers', drip(every=0.1, in_headers=True))
    t = time.monotonic()
    fails(fetcher, url, 'total timeout', total_timeout=1.0, retries=0)
    assert time.monotonic() - t < 1.0 + SLACK


def test_tls_handshake_drip_is_a_total_timeout(fetcher):
    # a tarpit: accepts, announces a 16 KiB TLS record, sends it a byte per 0.1 s;
    # bounded by the connect timeout clipped to the time left (CPython times
    # the whole handshake) and by the watchdog
    stop = threading.Event()
    listener = socket.create_server(('127.0.0.1', 0))
    port = listener.getsockname()[1]

    def tarpit():
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)  # the ClientHello
            conn.sendall(b'\x16\x03\x03\x40\x00')
            try:
                while not stop.wait(0.1):
                    conn.sendall(b'\x00')
            except OSError:
                pass

    thread = threading.Thread(target=tarpit, daemon=True)
    thread.start()
    t = time.monotonic()
    try:
        fails(fetcher, f'https://127.0.0.1:{port}/feed', 'total timeout',
              total_timeout=1.0, retries=0)
        assert time.monotonic() - t < 1.0 + SLACK
    finally:
        stop.set()
        listener.close()
        thread.join(5)


@pytest.mark.parametrize('url', ['ftp://example.org/feed', 'http://', 'feeds/rss.xml',
                                 'http://example.org:99999/', 'http://exa mple.org/'])
def test_bad_urls(fetcher, url):
    fails(fetcher, url, 'bad url')


# ------------------------------------------------------------ conditional GET

def test_second_fetch_with_etag_gets_304(feed_server, fetcher):
    lm = 'Wed, 01 Oct 2025 10:00:00 GMT'
    url = feed_server.route('/c', conditional(FEED, etag='"abc"', last_modified=lm))
    first = fetch(fetcher, url)
    assert first.status == 'ok' and first.headers['etag'] == '"abc"'
    prior = {'etag': '"abc"', 'last_modified': lm, 'body_hash': body_hash(first.body)}
    second = fetch(fetcher, url, prior)
    assert second.status == 'not_modified' and second.http_status == 304
    assert second.body == b''
    sent = feed_server.headers_of('/c')
    assert sent['If-None-Match'] == '"abc"' and sent['If-Modified-Since'] == lm


def test_last_modified_only_gets_304(feed_server, fetcher):
    lm = 'Wed, 01 Oct 2025 10:00:00 GMT'
    url = feed_server.route('/lm', conditional(FEED, last_modified=lm))
    doc = fetch(fetcher, url, {'etag': None, 'last_modified': lm, 'body_hash': None})
    assert doc.status == 'not_modified' and doc.http_status == 304


def test_unchanged_body_without_etag_support_is_not_modified(feed_server, fetcher):
    url = feed_server.route('/plain', static(FEED))
    first = fetch(fetcher, url)
    prior = {'etag': None, 'last_modified': None, 'body_hash': body_hash(first.body)}
    second = fetch(fetcher, url, prior)
    assert second.status == 'not_modified' and second.http_status == 200
    assert second.body == b''
    changed = fetch(fetcher, url, {'body_hash': body_hash(b'older body')})
    assert changed.status == 'ok' and changed.body == FEED


# ------------------------------------------------------------------ per host

def test_per_host_concurrency_limit(feed_server):
    url = feed_server.route('/slow', slow(0.2, FEED))
    fetcher = HttpFetcher(FetchSettings(per_host_concurrency=2, read_timeout=5,
                                        total_timeout=10))
    results, errors = [], []

    def worker():
        try:
            results.append(fetcher.fetch(FeedSource(url)).status)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    t = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    elapsed = time.monotonic() - t
    fetcher.close()
    assert not errors and results == ['ok'] * 8
    assert feed_server.max_active == 2
    assert 0.75 < elapsed < 0.8 + 2 * SLACK  # 8 requests of 0.2 s, 2 at a time
    assert http_mod._gate_for('127.0.0.1').active == 0


def test_per_host_delay_spaces_request_starts(feed_server, fetcher):
    url = feed_server.route('/d', static(FEED))
    for _ in range(3):
        fetch(fetcher, url, per_host_delay=0.2)
    starts = [t for p, t in feed_server.starts if p == '/d']
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.18, gaps


def test_gate_wait_does_not_count_against_total_timeout(feed_server):
    # 4 fetches of 0.4 s through 1 slot: the last waits 1.2 s at the gate,
    # more than total_timeout, and still succeeds
    url = feed_server.route('/slow', slow(0.4, FEED))
    fetcher = HttpFetcher(FetchSettings(per_host_concurrency=1, read_timeout=2,
                                        total_timeout=1.0, retries=0))
    out = []
    threads = [threading.Thread(target=lambda: out.append(fetcher.fetch(FeedSource(url)).status))
               for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    fetcher.close()
    assert out == ['ok'] * 4 and feed_server.max_active == 1


def test_second_run_gets_304_through_stored_state(feed_server, fetcher, tmp_path):
    from pipeline.state.feed_state import read_feed_states, state_row, write_feed_states
    state = str(tmp_path / '_state')
    url = feed_server.route('/run', conditional(FEED, etag='"r1"'))
    first = fetch(fetcher, url, read_feed_states(state, exclude_run_id='run1').get(url))
    write_feed_states([state_row(first)], state, 'run1')
    # re-running run1 ignores its own state: fetched again in full
    again = fetch(fetcher, url, read_feed_states(state, exclude_run_id='run1').get(url))
    assert again.status == 'ok' and again.body == FEED
    prior = read_feed_states(state, exclude_run_id='run2').get(url)
    second = fetch(fetcher, url, prior)
    assert second.status == 'not_modified' and second.http_status == 304
    write_feed_states([state_row(second, prior)], state, 'run2')
    kept = read_feed_states(state)[url]
    assert kept['etag'] == '"r1"' and kept['body_hash'] == body_hash(FEED)


@pytest.mark.skipif(not os.path.isdir('/proc/self/fd'), reason='needs /proc')
def test_failures_leak_no_sockets_or_threads(feed_server):
    feed_server.route('/ok', static(FEED))
    feed_server.route('/gone', static(b'x', 404))
    feed_server.route('/drop', drop())
    feed_server.route('/endless', endless())
    feed_server.route('/bomb', gzip_bomb())
    feed_server.route('/drip', drip(every=0.05))
    warm = HttpFetcher(FAST)
    fetch(warm, feed_server.url('/ok'))  # warm imports, pools
    warm.close()    # (its pooled socket, closed later, made the census drop)

    def census():
        time.sleep(0.2)  # let the server side finish its connections
        timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
        return len(os.listdir('/proc/self/fd')), len(timers)

    before = census()
    f = HttpFetcher(FAST)
    for path in ('/ok', '/gone', '/drop', '/endless', '/bomb', '/drip') * 2:
        try:
            fetch(f, feed_server.url(path), total_timeout=0.5, retries=0)
        except FetchFailed:
            pass
    f.close()
    assert census() == before
