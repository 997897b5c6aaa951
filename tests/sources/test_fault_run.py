"""A scheduled run against the web as it is: ``wirefeed run`` (a real
process) on a real 127.0.0.1 server serving good feeds next to every fault
the fetch and parse stages must survive, then a second run that gets 304s."""
import json
import os
import resource
import subprocess
import sys
import time

import duckdb
import pytest

from .conftest import (conditional, drip, drop, endless, gzip_bomb, never_answer,
                       sequence, static)

FIXTURES = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'feeds')
RSS = {'Content-Type': 'application/rss+xml'}


def _fixture(name):
    with open(os.path.join(FIXTURES, name), 'rb') as f:
        return f.read()


def _redirect_loop(h):
    h.reply(302, b'', {'Location': h.path})


EXPECTED_FAILURES = {
    '/never': 'read timeout', '/drip': 'total timeout', '/endless': 'too large',
    '/bomb': 'too large', '/laughs': 'unsafe xml', '/xxe': 'unsafe xml',
    '/html': 'not a feed', '/empty': 'empty body', '/missing': 'http 4xx',
    '/broken': 'http 5xx', '/loop': 'too many redirects', '/drop': 'connection error',
}


@pytest.fixture
def faulty_web(feed_server):
    routes = {
        '/good': conditional(_fixture('rss20_wire.xml'), etag='"v1"', ctype='application/rss+xml'),
        '/flaky': sequence(static(b'', 503), static(b'', 503),
                           static(_fixture('atom10_outlet.xml'), 200,
                                  {'Content-Type': 'application/atom+xml'})),
        '/cp1252': static(_fixture('cp1252_declared_utf8.xml'), 200, RSS),
        '/never': never_answer(), '/drip': drip(every=0.5), '/endless': endless(),
        '/bomb': gzip_bomb(), '/laughs': static(_fixture('billion_laughs.xml'), 200, RSS),
        '/xxe': static(_fixture('xxe.xml'), 200, RSS),
        '/html': static(_fixture('not_a_feed.html'), 200, {'Content-Type': 'text/html'}),
        '/empty': static(b'', 200, RSS), '/missing': static(b'gone', 404),
        '/broken': static(b'oops', 500), '/loop': _redirect_loop, '/drop': drop(),
    }
    for path, route in routes.items():
        feed_server.route(path, route)
    return feed_server, list(routes)


def _run(tmp_path, urls, out, run_id, *extra):
    listing = tmp_path / 'feeds.txt'
    listing.write_text('\n'.join(urls) + '\n')
    config = tmp_path / 'fetch.yaml'
    # bounds tightened so the test stays short; the defaults are the same shape
    config.write_text('fetch: {connect_timeout: 2, read_timeout: 2, total_timeout: 10,\n'
                      '        retries: 2, backoff_base: 0.1, backoff_max: 0.5,\n'
                      '        max_bytes: 5000000}\n')
    env = dict(os.environ, REQUESTS_CA_BUNDLE='', CURL_CA_BUNDLE='')
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, '-m', 'pipeline', 'run', '--config', str(config), '--input',
         str(listing), '--output', str(out), '--run-id', run_id, *extra],
        capture_output=True, text=True, timeout=180, env=env)
    return proc, time.monotonic() - start


def test_fault_run_then_conditional_get(faulty_web, tmp_path):
    server, paths = faulty_web
    urls = [server.url(p) for p in paths]
    out = tmp_path / 'out'
    proc, seconds = _run(tmp_path, urls, out, 'first')
    assert proc.returncode == 0, proc.stderr      # completed, even with failed feeds
    assert 'Traceback' not in proc.stderr
    assert seconds < 60
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1500

    with open(out / '_runs' / 'first.json') as f:
        report = json.load(f)
    status = {f['source'].rsplit('/', 1)[1]: f for f in report['feeds']}
    failed = {'/' + name: f['reason'] for name, f in status.items() if f['status'] == 'failed'}
    assert failed == EXPECTED_FAILURES
    assert report['accounted'] and report['quarantined_feeds'] == len(EXPECTED_FAILURES)
    assert server.hits['/flaky'] == 3                   # 503, 503, 200

    articles = duckdb.sql(f"select guid, feed_url, title, body from read_parquet("
                          f"'{out}/articles/**/*.parquet', hive_partitioning=true)").fetchall()
    per_feed = {}
    for guid, feed, _, _ in articles:
        per_feed.setdefault(feed.rsplit('/', 1)[1], []).append(guid)
    assert {k: len(v) for k, v in per_feed.items()} == {
        k: status[k]['entries'] for k in ('good', 'flaky', 'cp1252')}
    assert all(len(set(v)) == len(v) for v in per_feed.values())   # each entry once
    text = ' '.join(t + ' ' + b for _, f, t, b in articles if f.endswith('/cp1252'))
    assert '\ufffd' not in text and 'â€' not in text
    quarantine = duckdb.sql(f"select source, stage, reason, excerpt from read_parquet("
                            f"'{out}/quarantine/**/*.parquet', hive_partitioning=true)").fetchall()
    assert len(quarantine) == report['quarantined']
    assert all(len(q[3] or '') <= 2048 for q in quarantine)
    assert not any('root:' in (q[3] or '') for q in quarantine)   # no /etc/passwd leak
    assert not (out / '_staging').exists()

    # the next scheduled run: the good feed answers 304 and adds nothing
    proc, _ = _run(tmp_path, [server.url('/good')], out, 'second')
    assert proc.returncode == 0, proc.stderr
    with open(out / '_runs' / 'second.json') as f:
        second = json.load(f)
    assert second['feeds_not_modified'] == 1 and second['entries_read'] == 0
    assert server.headers_of('/good')['If-None-Match'] == '"v1"'


def test_every_feed_failing_exits_1_and_fail_on_feed_error(feed_server, tmp_path):
    feed_server.route('/missing', static(b'gone', 404))
    feed_server.route('/good', static(_fixture('rss20_wire.xml'), 200, RSS))
    proc, _ = _run(tmp_path, [feed_server.url('/missing')], tmp_path / 'a', 'a')
    assert proc.returncode == 1
    urls = [feed_server.url('/missing'), feed_server.url('/good')]
    proc, _ = _run(tmp_path, urls, tmp_path / 'b', 'b')
    assert proc.returncode == 0
    proc, _ = _run(tmp_path, urls, tmp_path / 'c', 'c', '--fail-on-feed-error')
    assert proc.returncode == 1 and 'failed feed' in proc.stderr
