"""Benchmark normalize_article on typical wire stories.

Run: python benchmarks/bench_normalize.py [--n 5000] [--words 400-600]
     [--repeat 3] [--corpus typical|plain] [--feeds PATH] [--profile]
     [--hostile CHARS]

Prints articles/s on one core (one process, no Beam, CPU time of the
normalize loop only; the best of --repeat passes over the same corpus). The
corpus is synthetic and generated here from a fixed seed, so every run
normalizes the same stories and no licensed text is needed. It is meant to
look like what feeds carry: 400-600 word stories as HTML content (paragraphs
with attributes, links, emphasis, entities, curly quotes and dashes in about
half), an HTML summary on most entries, datelines in the common wire forms
(and none on some), bylines, agencies cited in the text on some, a mix of
RFC 822 / ISO 8601 / non-English feed dates, and links with tracking
parameters.

``--feeds PATH`` times real entries instead: every feed file under PATH (a
directory, searched recursively, or one file; RSS, Atom or JSON Feed) is
parsed as a run parses it, and its entries are normalized, each with its
own feed's facts. Point it at feeds you have captured to see the rate on
the stories you ingest (no feed data ships with wirefeed).

``--hostile CHARS`` times entries built to be worst cases instead: one
short unit repeated to CHARS characters ("<!--", "<", "AFP reported ",
"By ", curly quotes, ...) as the content, the title, the author or the
summary, each normalized at CHARS and at twice CHARS. It prints the
slowest and how their time grows with the size (2x for work linear in
the text; 4x would be quadratic, a stall waiting for a long enough
hostile or truncated entry).

``--corpus plain`` is the corpus this script used before (600-word ASCII
stories, bare <p> paragraphs, no summary, four date forms), kept so that
figures can be compared with earlier ones; it is cheaper to normalize than
the typical one.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import re
import sys
import time

# the checkout this script is in, not whichever wirefeed is installed
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

from pipeline.formats.base import FeedRejected  # noqa: E402
from pipeline.formats.feed import parse_document  # noqa: E402
from pipeline.model import FeedDocument, FeedInfo, FeedSource, RawEntry  # noqa: E402
from pipeline.normalize.article import (  # noqa: E402
    EntryRejected, NormalizeSettings, normalize_article)

_WORDS = ('the minister said on Tuesday that talks with the central bank '
          'would resume next week after markets fell sharply in early trade '
          'while officials in the capital declined to comment on reports of '
          'a new budget plan for farmers exporters and regional governments '
          'analysts expect growth to slow this year as prices rise by 2.5% '
          'from 1,200 units in March and the company posted its results '
          'ahead of a vote in parliament over the weekend').split()
_NAMES = ['Maria Lopez', 'John Smith', 'the Finance Ministry', 'Acme Corp',
          'the European Union', 'the United Nations', 'Prime Minister Ana Ruiz',
          'the U.S. Treasury', 'NATO', 'the IMF']
_DATELINES = ['LONDON, March 17 (Reuters) - ', 'PARIS (AFP) - ',
              'WASHINGTON (AP) _ ', 'SAN JOSE, Calif., Feb 26 - ',
              'ISLAMABAD: ', 'BEIJING, March 3 (Xinhua) -- ',
              'NEW DELHI, March 16 (PTI) - ', 'BERLIN, March 17 (dpa) - ',
              'JOHANNESBURG March 13 - ', 'HOUSTON -- ', '', '', '']
_CITES = [' Officials told Reuters the plan was ready.',
          ' The toll rose to 12, AFP reported.',
          ' According to Xinhua, the talks will resume.',
          ' The ministry said so, the Associated Press reported.']
_DATES = ['Tue, 18 Mar 2025 10:00:00 GMT', 'Tue, 18 Mar 2025 10:00:00 +0000',
          '2025-03-18T10:00:00+01:00', '2025-03-18T10:00:00Z',
          'Tue, 18 Mar 2025 10:00:00 EST', 'Tue, 18 Mar 2025 06:00:00 -0400',
          '18 mars 2025 10:00 +0100', '2025-03-18T10:00:00.123456Z']


def _sentence(rng: random.Random, fancy: bool) -> str:
    k = rng.randint(12, 24)
    words = [rng.choice(_WORDS) for _ in range(k)]
    if rng.random() < 0.35:
        words.insert(0, rng.choice(_NAMES))
    if rng.random() < 0.15:
        i = rng.randrange(1, len(words))
        words[i] = (f'<a href="https://news.example/topic/{words[i]}'
                    f'?ref=inline">{words[i]}</a>')
    if rng.random() < 0.1:
        i = rng.randrange(1, len(words))
        words[i] = f'<em>{words[i]}</em>'
    if rng.random() < 0.15:
        q = ('\u201c', '\u201d') if fancy else ('&quot;', '&quot;')
        i = rng.randrange(1, len(words))
        words[i] = f'{q[0]}{words[i]}{q[1]}'
    if rng.random() < 0.1:
        words.insert(rng.randrange(1, len(words)),
                     '\u2014' if fancy else '&mdash;')
    if rng.random() < 0.08:
        words.insert(rng.randrange(1, len(words)), '&amp;')
    s = ' '.join(words)
    return s[0].upper() + s[1:] + '.', k


def make_story(rng: random.Random, words: int):
    """(content HTML, summary HTML) of a story of about ``words`` words."""
    fancy = rng.random() < 0.5           # curly quotes and dashes, or entities
    attrs = rng.choice(['', ' class="story-body"', ' dir="ltr"'])
    paras, n = [], 0
    while n < words:
        sents = []
        for _ in range(rng.randint(2, 5)):
            s, k = _sentence(rng, fancy)
            sents.append(s)
            n += k
        paras.append(f'<p{attrs}>' + ' '.join(sents) + '</p>')
    if rng.random() < 0.25:
        i = rng.randrange(len(paras))
        paras[i] = paras[i][:-4] + rng.choice(_CITES) + '</p>'
    head = rng.choice(_DATELINES)
    if rng.random() < 0.1:
        head = 'By Jane Roe\n' + head
    first = paras[0]
    paras[0] = first[:first.index('>') + 1] + head + first[first.index('>') + 1:]
    content = '\n  '.join(paras)
    summary = None
    if rng.random() < 0.7:
        summary = '<p>' + _sentence(rng, fancy)[0] + ' ' + \
            _sentence(rng, fancy)[0] + '</p>'
    return content, summary


def make_corpus(n: int, lo: int, hi: int, seed: int = 7):
    rng = random.Random(seed)
    fetched = dt.datetime(2025, 3, 18, 12, tzinfo=dt.timezone.utc)
    feed = FeedInfo(feed_url='https://news.example/rss', title='Example News',
                    link='https://news.example/', language='en',
                    publisher='Example News', format='rss20',
                    fetched_at=fetched)
    entries = []
    for i in range(n):
        content, summary = make_story(rng, rng.randint(lo, hi))
        entries.append(RawEntry(
            feed=feed, position=i, guid=f'https://news.example/a/{i}',
            link=f'https://news.example/world/story-{i}.html'
                 f'?utm_source=rss&utm_medium=feed&id={i}',
            title=f'Ministers meet on budget plan as markets fall {i}',
            summary=summary, content=content,
            author=rng.choice(['Jane Doe', 'By John Smith', None, 'Reuters']),
            published_raw=rng.choice(_DATES), updated_raw=None,
            language=None))
    return feed, entries


_PLAIN_WORDS = ('the minister said on Tuesday that talks with the central bank '
                'would resume next week after markets fell sharply in early '
                'trade while officials in the capital declined to comment on '
                'reports of a new budget plan for farmers exporters and '
                'regional governments analysts expect growth to slow this '
                'year as prices rise').split()
_PLAIN_NAMES = ['Maria Lopez', 'John Smith', 'the Finance Ministry',
                'Acme Corp', 'European Union', 'United Nations']
_PLAIN_DATELINES = ['LONDON, March 17 (Reuters) - ', 'PARIS (AFP) - ',
                    'WASHINGTON (AP) _ ', 'SAN JOSE, Calif., Feb 26 - ',
                    'ISLAMABAD: ', 'BEIJING, March 3 (Xinhua) -- ', '']
_PLAIN_DATES = ['Tue, 18 Mar 2025 10:00:00 GMT', '2025-03-18T10:00:00+01:00',
                'Tue, 18 Mar 2025 10:00:00 EST', '18 mars 2025 10:00 +0100']


def _plain_story(rng: random.Random, words: int) -> str:
    paras, n = [], 0
    while n < words:
        sent = []
        for _ in range(rng.randint(3, 5)):
            k = rng.randint(12, 22)
            s = ' '.join(rng.choice(_PLAIN_WORDS) for _ in range(k))
            if rng.random() < 0.4:
                s = rng.choice(_PLAIN_NAMES) + ' ' + s
            sent.append(s[0].upper() + s[1:] + '.')
            n += k
        paras.append('<p>' + ' '.join(sent) + '</p>')
    return rng.choice(_PLAIN_DATELINES) + '\n'.join(paras)


def make_plain_corpus(n: int, words: int = 600, seed: int = 7):
    rng = random.Random(seed)
    feed = FeedInfo(feed_url='https://news.example/rss', title='Example News',
                    link='https://news.example/', language='en',
                    publisher='Example News', format='rss20',
                    fetched_at=dt.datetime(2025, 3, 18, 12,
                                           tzinfo=dt.timezone.utc))
    entries = []
    for i in range(n):
        content = _plain_story(rng, words)
        entries.append(RawEntry(
            feed=feed, position=i, guid=f'id-{i}',
            link=f'https://news.example/a/{i}?utm_source=rss',
            title=f'Ministers meet on budget plan {i}', summary=None,
            content=content, author='Jane Doe',
            published_raw=rng.choice(_PLAIN_DATES), updated_raw=None,
            language=None))
    return feed, entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=5000)
    ap.add_argument('--words', default='400-600',
                    help='story length range in words, e.g. 400-600')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--corpus', choices=['typical', 'plain'], default='typical',
                    help='typical (default) or the earlier plain corpus '
                         '(600 words, --words ignored)')
    ap.add_argument('--profile', action='store_true',
                    help='print a cProfile of one pass instead')
    ap.add_argument('--feeds', metavar='PATH',
                    help='time the entries of the feed files under PATH '
                         '(--n, --words and --corpus ignored)')
    ap.add_argument('--hostile', type=int, metavar='CHARS',
                    help='time worst-case entries of CHARS characters and '
                         'twice that instead (see the module docstring)')
    a = ap.parse_args()
    if a.hostile:
        return time_hostile(a.hostile)
    lo, _, hi = a.words.partition('-')
    if a.feeds:
        pairs = read_feeds(a.feeds)
        if not pairs:
            sys.exit(f'no feed entries under {a.feeds}')
        warm = pairs[:200]
        what = f'entries of the feeds under {a.feeds}'
    else:
        if a.corpus == 'plain':
            feed, entries = make_plain_corpus(a.n)
            warm = make_plain_corpus(200, seed=8)[1]
        else:
            feed, entries = make_corpus(a.n, int(lo), int(hi or lo))
            warm = make_corpus(200, int(lo), int(hi or lo), seed=8)[1]
        pairs = [(e, feed) for e in entries]
        warm = [(e, feed) for e in warm]
        words = sum(len(re.sub(r'<[^>]*>', ' ', e.content).split())
                    for e in entries) / len(entries)
        what = f'articles ({a.corpus} corpus, ~{words:.0f} words, HTML)'
    settings = NormalizeSettings()
    for e, feed in warm:
        normalize(e, feed, settings)   # warm caches (registry, gazetteer)

    def fresh(k):
        # every pass gets its own links and guids, as a real run would: the
        # stories repeat, their URLs do not hit a cache (nor do the warm-up's)
        return [(dataclasses.replace(
            e, guid=f'{e.guid}/{k}' if e.guid else e.guid,
            link=_pass_link(e.link, k)), feed) for e, feed in pairs]
    if a.profile:
        import cProfile
        import pstats
        run = fresh(0)
        prof = cProfile.Profile()
        prof.enable()
        for e, feed in run:
            normalize(e, feed, settings)
        prof.disable()
        pstats.Stats(prof).sort_stats('tottime').print_stats(30)
        return
    best = None
    for k in range(max(1, a.repeat)):
        run = fresh(k)
        t0 = time.process_time()
        for e, feed in run:
            normalize(e, feed, settings)
        secs = time.process_time() - t0
        best = secs if best is None else min(best, secs)
    n = len(pairs)
    print(f'{n} {what}: {n / best:,.0f} articles/s per core '
          f'({best / n * 1e6:.1f} us/article, best of {a.repeat})')


# Units repeated into worst-case entries: markup that never closes what it
# opens, runs of what the dateline, credit and citation patterns look for,
# and characters that make text UCS-2 or need re-spacing.
HOSTILE_UNITS = (
    '<', '<!--', '<script>', '<a ', '&', '&#x', '#39;', '(', ')', '[', '"',
    '\u201c', '\u00a0', '\t', '\n', ' \n', '/', ',', '.', '-', 'A', 'A, ',
    'By ', 'BY ', 'LONDON ', 'LONDON, ', 'March 17 ', 'LONDON (Reuters) ',
    'AP ', 'AP - ', 'Reuters ', 'said Reuters ', 'told Reuters, ',
    'according to AFP ', 'AFP reported ', 'Australian Federal Police ',
    'PTI ', 'Copyright ', '\u00a9 ', 'Reporting by ', '(Editing by ',
    'Key points - ', 'Continue reading ', 'The post ', '\u2022 ',
    'news agency ', '\u0420\u0418\u0410 \u041d\u043e\u0432\u043e\u0441\u0442\u0438 ')
HOSTILE_FIELDS = ('content', 'title', 'author', 'summary')


def hostile_entries(chars: int, feed: FeedInfo):
    """(unit, field, entry): every unit of HOSTILE_UNITS repeated to about
    ``chars`` characters, as each of HOSTILE_FIELDS."""
    for unit in HOSTILE_UNITS:
        text = unit * max(1, chars // len(unit))
        for field in HOSTILE_FIELDS:
            values = dict(title='Title', summary=None, content='Text.',
                          author=None)
            values[field] = text
            yield unit, field, RawEntry(
                feed=feed, position=0, guid='https://news.example/h',
                link='https://news.example/h', published_raw=None,
                updated_raw=None, language=None, **values)


def time_hostile(chars: int) -> None:
    feed, warm = make_corpus(50, 100, 200, seed=8)
    settings = NormalizeSettings()
    for e in warm:
        normalize(e, feed, settings)
    rows = []
    for (unit, field, entry), (_, _, twice) in zip(
            hostile_entries(chars, feed), hostile_entries(2 * chars, feed)):
        t0 = time.process_time()
        normalize(entry, feed, settings)
        t1 = time.process_time()
        normalize(twice, feed, settings)
        t2 = time.process_time()
        rows.append((t2 - t1, t1 - t0, unit, field))
    rows.sort(reverse=True)
    print(f'{len(rows)} worst-case entries of {chars:,} and {2 * chars:,} '
          f'characters; the slowest:')
    for slow2, slow1, unit, field in rows[:10]:
        print(f'  {slow1 * 1e3:8.1f} ms -> {slow2 * 1e3:8.1f} ms '
              f'(x{slow2 / max(slow1, 1e-6):.1f})  {unit!r} as {field}')


def _pass_link(link, k):
    """The link with a query parameter of pass k (before any fragment)."""
    if not link:
        return link
    base, hash_, fragment = link.partition('#')
    base = base.replace('?', f'?pass={k}&', 1) if '?' in base \
        else f'{base}?pass={k}'
    return base + hash_ + fragment


def normalize(entry, feed, settings):
    """normalize_article; an entry it rejects (no title and no text) is
    timed too, as a run spends that time on it."""
    try:
        normalize_article(entry, feed, settings)
    except EntryRejected:
        pass


def read_feeds(path: str):
    """(entry, feed) of every entry of every feed file under path, parsed
    as a run parses them; files that are no feed are skipped."""
    files = [path] if os.path.isfile(path) else sorted(
        os.path.join(d, f) for d, _, names in os.walk(path) for f in names)
    fetched = dt.datetime.now(dt.timezone.utc)
    pairs = []
    for f in files:
        with open(f, 'rb') as fh:
            doc = FeedDocument(FeedSource(f), fh.read(), {}, fetched)
        try:
            parsed = parse_document(doc)
        except FeedRejected:
            continue
        pairs.extend((e, parsed.feed) for e in parsed.entries)
    return pairs


if __name__ == '__main__':
    main()
