"""Benchmark parse_document on the generated corpus: the ElementTree fast
path (``pipeline.formats.fastxml``) against feedparser.

Run: python benchmarks/bench_formats.py [--articles 2000] [--seed 7]
     [--feeds 40] [--corpus DIR] [--repeat 3] [--profile]

Generates the benchmark corpus (``make_corpus.py``; about 0.7 s for 2,000
articles) into a temporary folder, or reads ``--corpus DIR`` (a folder
``make_corpus.py`` wrote, or any folder of feed files), reads every RSS and
Atom file into memory, and parses each with ``parse_document(doc)`` and with
``parse_document(doc, fast=False)`` (feedparser only). Prints entries/s on
one core (CPU time of the parse loop only, the best of --repeat passes,
the two paths alternating), the speedup, how many documents took the fast
path, and whether the two paths gave equal results on every document.
JSON Feed files are skipped: neither path reads them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import pathlib
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pipeline.formats import FeedRejected, fastxml, parse_document  # noqa: E402
from pipeline.formats import feed as feed_module  # noqa: E402
from pipeline.model import FeedDocument, FeedSource  # noqa: E402

FETCHED = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.timezone.utc)
SUFFIXES = ('.xml', '.atom', '.rss', '.rdf')


def load(folder: pathlib.Path):
    feeds = folder / 'feeds' if (folder / 'feeds').is_dir() else folder
    docs = []
    for path in sorted(feeds.rglob('*')):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            docs.append(FeedDocument(
                source=FeedSource(f'https://feeds.example.org/{path.name}'),
                body=path.read_bytes(), headers={}, fetched_at=FETCHED,
                http_status=200))
    return docs


def outcome(doc, fast):
    try:
        return parse_document(doc, fast=fast)
    except FeedRejected as exc:
        return ('rejected', exc.reason, exc.detail)


def one_pass(docs, fast: bool) -> tuple:
    start = time.process_time()
    n = 0
    for doc in docs:
        try:
            n += len(parse_document(doc, fast=fast).entries)
        except FeedRejected:
            pass
    return n, time.process_time() - start


def fast_path_count(docs) -> int:
    """Documents fastxml read itself (the rest went to feedparser)."""
    taken = []
    original = fastxml.parse

    def counting(*args, **kwargs):
        result = original(*args, **kwargs)
        taken.append(result is not None)
        return result

    feed_module.fastxml.parse = counting
    try:
        for doc in docs:
            outcome(doc, True)
    finally:
        feed_module.fastxml.parse = original
    return sum(taken)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--articles', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--feeds', type=int, default=40)
    ap.add_argument('--corpus', help='read this folder instead of generating one')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--profile', action='store_true',
                    help='print a cProfile of one fast-path pass instead')
    a = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix='bench-formats-') as tmp:
        if a.corpus:
            folder = pathlib.Path(a.corpus)
        else:
            import make_corpus
            folder = pathlib.Path(tmp)
            make_corpus.generate(folder, articles=a.articles, seed=a.seed,
                                 feeds=a.feeds)
        docs = load(folder)
    if not docs:
        sys.exit(f'no RSS/Atom files in {folder}')
    size = sum(len(d.body) for d in docs)

    if a.profile:
        import cProfile
        import pstats
        cProfile.runctx('one_pass(docs, True)', globals(), locals(), '/tmp/bench_formats.prof')
        pstats.Stats('/tmp/bench_formats.prof').sort_stats('tottime').print_stats(25)
        return

    same = sum(outcome(d, True) == outcome(d, False) for d in docs)  # also warms up
    taken = fast_path_count(docs)
    best = {True: float('inf'), False: float('inf')}
    entries = {}
    for _ in range(a.repeat):
        for fast in (True, False):
            n, seconds = one_pass(docs, fast)
            entries[fast] = n
            best[fast] = min(best[fast], seconds)

    rate = {fast: entries[fast] / best[fast] for fast in best}
    print(f'{len(docs)} RSS/Atom documents, {size / 1e6:.1f} MB, '
          f'{entries[True]} entries; best of {a.repeat} passes, CPU time')
    print(f'  fast path   {rate[True]:9,.0f} entries/s   {best[True]:.3f} s')
    print(f'  feedparser  {rate[False]:9,.0f} entries/s   {best[False]:.3f} s')
    print(f'  speedup     {rate[True] / rate[False]:.1f}x')
    print(f'  fast path taken by {taken}/{len(docs)} documents; '
          f'equal results on {same}/{len(docs)}')


if __name__ == '__main__':
    main()
