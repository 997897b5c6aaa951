"""Many new partition folders in one run, none lost (issue 6, Beam's
local-disk temp-file trap).

Beam's ``fileio.WriteToFiles`` on a local disk silently loses files whose
partition folder does not exist yet. wirefeed's writer stages its own files
through ``FileSystems.create`` and its commit creates each partition folder
before renaming a file into it, then checks the file arrived. Here one run
creates 200 new ``published_date=`` folders in each of ``articles`` and
``stories`` (spread over several feeds, so a bundle holds many partitions):
every article arrives in its own day's folder, the count is exact, and a
second run adding 200 more days (into both new and existing folders) loses
nothing either.
"""
import datetime as dt
import os
import random
from email.utils import format_datetime
from xml.sax.saxutils import escape

import duckdb
import pytest

from pipeline.cli import main

from .helpers import (assert_every_file_readable, contract_violations, partitions, report,
                      scan)

pytestmark = pytest.mark.slow

DAYS = 200
START = dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.timezone.utc)
_rnd = random.Random(2026)
WORDS = sorted({''.join(_rnd.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(_rnd.randint(3, 9)))
                for _ in range(4000)})


def _story(rnd, n):
    return ' '.join(rnd.choice(WORDS) for _ in range(n)).capitalize() + '.'


def _write_feeds(folder, first_day, feeds=4, per_day=2, seed=1):
    """RSS feeds whose items fall on ``DAYS`` consecutive days from
    ``first_day``, ``per_day`` distinct stories a day; returns {guid: date}."""
    rnd = random.Random(seed)
    items = [[] for _ in range(feeds)]
    expected = {}
    for d in range(DAYS):
        for k in range(per_day):
            when = START + dt.timedelta(days=first_day + d, minutes=7 * k)
            guid = f'urn:wirefeed-test:{seed}:{first_day + d}-{k}'
            n = len(expected)
            body = ' '.join(_story(rnd, rnd.randint(12, 20)) for _ in range(6))
            items[n % feeds].append(
                f'<item><title>{escape(_story(rnd, 8))}</title>'
                f'<link>https://news.example/{seed}/{first_day + d}/{k}</link>'
                f'<guid isPermaLink="false">{guid}</guid>'
                f'<pubDate>{format_datetime(when)}</pubDate>'
                f'<description>{escape(body)}</description></item>')
            expected[guid] = when.date().isoformat()
    os.makedirs(folder, exist_ok=True)
    for i, feed in enumerate(items):
        with open(os.path.join(folder, f'days-{first_day}-{i}.xml'), 'w', encoding='utf-8') as f:
            f.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    f'<title>Days {i}</title><link>https://news.example/</link>'
                    f'<description>test</description>{"".join(feed)}</channel></rss>')
    return expected


def _by_guid(out):
    rows = duckdb.connect().execute(
        f"select guid, published_date::varchar from {scan(out, 'articles')}").fetchall()
    return dict(rows), len(rows)


def test_two_hundred_new_partitions_all_arrive(tmp_path):
    out = tmp_path / 'out'
    expected = _write_feeds(tmp_path / 'first', first_day=0)
    assert main(['run', '--input', str(tmp_path / 'first'), '--output', str(out),
                 '--run-id', 'days1', '--quiet']) == 0
    got, rows = _by_guid(out)
    assert rows == len(expected) == 2 * DAYS                 # none lost, none doubled
    assert got == expected                                   # each in its own day's folder
    days = sorted({f'published_date={d}' for d in expected.values()})
    assert partitions(out, 'articles') == days
    assert partitions(out, 'stories') == days
    rep = report(out, 'days1')
    assert rep['articles_written'] == 2 * DAYS and rep['stories_written'] == 2 * DAYS
    assert rep['files_written']['articles'] >= DAYS and rep['files_written']['stories'] == DAYS
    assert not os.path.exists(out / '_staging')
    assert assert_every_file_readable(out) == (rep['files_written']['articles']
                                               + rep['files_written']['stories'])
    assert contract_violations(out) == (0, 0, 0, 0)

    # the next run: 100 days overlap (existing folders, stories files
    # rewritten), 100 days are new folders again
    more = _write_feeds(tmp_path / 'second', first_day=DAYS // 2, seed=2)
    assert main(['run', '--input', str(tmp_path / 'second'), '--output', str(out),
                 '--run-id', 'days2', '--quiet']) == 0
    expected.update(more)
    got, rows = _by_guid(out)
    assert rows == len(expected) == 4 * DAYS and got == expected
    assert len(partitions(out, 'articles')) == DAYS + DAYS // 2
    assert partitions(out, 'stories') == partitions(out, 'articles')
    stories = duckdb.connect().execute(f"select count(*) from {scan(out, 'stories')}").fetchone()
    assert stories == (4 * DAYS,)
    assert contract_violations(out) == (0, 0, 0, 0)
    assert_every_file_readable(out)
