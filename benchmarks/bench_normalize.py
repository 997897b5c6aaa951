"""Benchmark normalize_article on typical ~600-word stories.

Run: python benchmarks/bench_normalize.py [--n 5000]
Prints articles/s on one core (single process, no Beam). The stories are
synthetic (generated here) so that no licensed text is needed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from pipeline.model import FeedInfo, RawEntry
from pipeline.normalize.article import NormalizeSettings, normalize_article

_WORDS = ('the minister said on Tuesday that talks with the central bank '
          'would resume next week after markets fell sharply in early trade '
          'while officials in the capital declined to comment on reports of '
          'a new budget plan for farmers exporters and regional governments '
          'analysts expect growth to slow this year as prices rise').split()
_NAMES = ['Maria Lopez', 'John Smith', 'the Finance Ministry', 'Acme Corp',
          'European Union', 'United Nations']
_DATELINES = ['LONDON, March 17 (Reuters) - ', 'PARIS (AFP) - ',
              'WASHINGTON (AP) _ ', 'SAN JOSE, Calif., Feb 26 - ',
              'ISLAMABAD: ', 'BEIJING, March 3 (Xinhua) -- ', '']
_DATES = ['Tue, 18 Mar 2025 10:00:00 GMT', '2025-03-18T10:00:00+01:00',
          'Tue, 18 Mar 2025 10:00:00 EST', '18 mars 2025 10:00 +0100']


def make_story(rng: random.Random, words: int = 600) -> str:
    paras, n = [], 0
    while n < words:
        sent = []
        for _ in range(rng.randint(3, 5)):
            k = rng.randint(12, 22)
            s = ' '.join(rng.choice(_WORDS) for _ in range(k))
            if rng.random() < 0.4:
                s = rng.choice(_NAMES) + ' ' + s
            sent.append(s[0].upper() + s[1:] + '.')
            n += k
        paras.append('<p>' + ' '.join(sent) + '</p>')
    return rng.choice(_DATELINES) + '\n'.join(paras)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=5000)
    ap.add_argument('--words', type=int, default=600)
    a = ap.parse_args()
    rng = random.Random(7)
    fetched = dt.datetime(2025, 3, 18, 12, tzinfo=dt.timezone.utc)
    feed = FeedInfo(feed_url='https://news.example/rss', title='Example News',
                    link='https://news.example/', language='en',
                    publisher='Example News', format='rss20',
                    fetched_at=fetched)
    entries = [RawEntry(feed=feed, position=i, guid=f'id-{i}',
                        link=f'https://news.example/a/{i}?utm_source=rss',
                        title=f'Ministers meet on budget plan {i}',
                        summary=None, content=make_story(rng, a.words),
                        author='Jane Doe', published_raw=rng.choice(_DATES),
                        updated_raw=None, language=None)
               for i in range(a.n)]
    settings = NormalizeSettings()
    for e in entries[:200]:                    # warm caches (registry, gazetteer)
        normalize_article(e, feed, settings)
    t0 = time.process_time()
    for e in entries:
        normalize_article(e, feed, settings)
    secs = time.process_time() - t0
    avg = sum(len(e.content.split()) for e in entries) / len(entries)
    print(f'{a.n} articles (~{avg:.0f} words): {a.n / secs:,.0f} articles/s '
          f'per core ({secs / a.n * 1e6:.1f} us/article)')


if __name__ == '__main__':
    main()
