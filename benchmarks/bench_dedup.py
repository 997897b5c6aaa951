"""Benchmark the dedup stage (script, not a test).

    python benchmarks/bench_dedup.py [--docs 2000] [--words 600]

1. Signatures: shingling + MinHash + band keys of ~600-word articles, per
   core (one process), target >= 5,000 articles/s.
2. Scaling: the whole in-memory stage (engine.deduplicate, the same steps
   the Beam transform shuffles) on 10k and 40k synthetic articles with
   syndicated copies; cost should grow ~4x (linear), not 16x.
"""
import argparse
import datetime as dt
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))

from pipeline.dedup.engine import deduplicate  # noqa: E402
from pipeline.dedup.features import feature_records, signature_records  # noqa: E402
from pipeline.dedup.settings import DedupSettings  # noqa: E402

T0 = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def vocabulary(n=30000, seed=1):
    rnd = random.Random(seed)
    letters = 'etaoinshrdlcumwfgypbvkjxqz'
    return [''.join(rnd.choice(letters[:rnd.randint(8, 26)]) for _ in range(rnd.randint(2, 10)))
            for _ in range(n)]


def corpus(n_docs, words, seed=2, copies=0.5):
    """Originals plus syndicated copies (truncated or lightly edited).

    Words are drawn from a synthetic vocabulary, as in news copy about one
    in twelve is capitalized (names), one in thirty a figure, and one in
    fifteen ends a sentence, so the template guard's slots cost what they
    cost on real articles."""
    rnd = random.Random(seed)
    vocab = vocabulary()
    rows = []
    i = 0

    def word():
        x = rnd.random()
        w = (str(rnd.randint(1, 9999)) if x < 0.033 else
             rnd.choice(vocab).capitalize() if x < 0.12 else rnd.choice(vocab))
        return w + '.' if rnd.random() < 0.067 else w

    while len(rows) < n_docs:
        toks = [word() for _ in range(words)]
        hours = i * 0.05
        rows.append(_row(f'o{i}', ' '.join(toks), 'Wire', hours))
        if rnd.random() < copies:
            for c in range(rnd.randint(1, 4)):
                if rnd.random() < 0.5:
                    body = ' '.join(toks[:rnd.randint(40, words)])
                else:
                    body = ' '.join(t if rnd.random() > 0.04 else rnd.choice(vocab) for t in toks)
                rows.append(_row(f'o{i}c{c}', body, f'Outlet{c}', hours + rnd.random() * 24))
        i += 1
    return rows[:n_docs]


def _row(key, body, pub, hours):
    return {'instance_key': f'{pub}#{key}', 'article_id': key, 'guid': key,
            'url': f'https://{pub.lower()}.test/{key}', 'title': key, 'body': body,
            'summary': None, 'language': 'en', 'publisher': pub, 'feed_url': pub,
            'published_at': T0 + dt.timedelta(hours=hours), 'agencies': [],
            'dateline_location': None, 'dateline_country': None}


def bench_signatures(n, words, batch=256):
    s = DedupSettings()
    rows = corpus(n, words, copies=0.0)
    signature_records(feature_records(rows[:batch], s), {}, s)  # warm up
    t = time.perf_counter()
    for i in range(0, n, batch):
        signature_records(feature_records(rows[i:i + batch], s), {}, s)
    dt_ = time.perf_counter() - t
    print(f'signatures: {n} docs x {words} words in {dt_:.2f}s = {n / dt_:,.0f} articles/s (1 core)')


def bench_scaling(sizes, words):
    base = None
    for n in sizes:
        rows = corpus(n, words)
        t = time.perf_counter()
        assign, stories, _ = deduplicate(rows, DedupSettings())
        dt_ = time.perf_counter() - t
        base = base or (n, dt_)
        print(f'stage: {n:>6} articles -> {len(stories):>6} stories in {dt_:6.1f}s '
              f'({n / dt_:,.0f}/s; x{dt_ / base[1]:.2f} time for x{n / base[0]:.0f} articles)')


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--docs', type=int, default=5000)
    ap.add_argument('--words', type=int, default=600)
    ap.add_argument('--sizes', default='10000,40000')
    ap.add_argument('--scaling-words', type=int, default=250)
    a = ap.parse_args()
    bench_signatures(a.docs, a.words)
    bench_scaling([int(x) for x in a.sizes.split(',')], a.scaling_words)
