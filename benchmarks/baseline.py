"""Single-process baseline of issue 8: feedparser + datasketch + pyarrow.

    python benchmarks/baseline.py CORPUS_DIR OUT_DIR [--json RESULT.json]

One plain loop over ``CORPUS_DIR/feeds/*``, the script anyone would write
first, against which ``wirefeed run`` is measured:

* parse each feed with ``feedparser.parse`` and its defaults (HTML
  sanitizing and relative-URI resolution on); JSON Feed files, which
  feedparser 6.0 does not read, with ``json``;
* body = first content (else the summary), tags stripped, entities decoded;
* 4-word shingles -> datasketch ``MinHash`` (128 permutations) filled with
  ``update_batch`` -> ``MinHashLSH`` (threshold 0.5): query, join the story
  of the first (earliest inserted) candidate or start a new one, insert;
* a pyarrow table built column-wise, written as zstd Parquet, Hive
  partitioned by ``published_date`` under ``OUT_DIR/articles`` (so the
  benchmark scores it exactly like wirefeed's output).

Prints articles/s, the time of each step and peak RSS (getrusage).
Needs ``datasketch`` (``pip install datasketch``).
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import html
import json
import os
import re
import resource
import shutil
import sys
import time

import feedparser
import pyarrow as pa
import pyarrow.parquet as pq
from datasketch import MinHash, MinHashLSH

TAG = re.compile(r'<[^>]+>')
WORD = re.compile(r'\w+')
UTC = dt.timezone.utc


def _text(s):
    return html.unescape(TAG.sub(' ', s or '')).strip()


def _when(entry):
    st = entry.get('published_parsed') or entry.get('updated_parsed')
    if st:
        return dt.datetime.fromtimestamp(calendar.timegm(st), UTC)
    return None


def _entries(path):
    """(feed title, [entry dicts with guid/link/title/summary/body/when])."""
    if path.endswith('.json'):
        with open(path, encoding='utf-8') as fh:
            doc = json.load(fh)
        out = []
        for it in doc.get('items', []):
            when = it.get('date_published') or it.get('date_modified')
            try:
                when = dt.datetime.fromisoformat(when.replace('Z', '+00:00')).astimezone(UTC)
            except (AttributeError, ValueError):
                when = None
            authors = it.get('authors') or [{}]
            out.append({'guid': it.get('id'), 'link': it.get('url'), 'title': it.get('title'),
                        'summary': _text(it.get('summary')),
                        'body': _text(it.get('content_html') or it.get('content_text')),
                        'author': authors[0].get('name'), 'when': when})
        return doc.get('title'), out
    d = feedparser.parse(path)
    out = []
    for e in d.entries:
        content = e.get('content')
        summary = _text(e.get('summary'))
        out.append({'guid': e.get('id') or e.get('link'), 'link': e.get('link'),
                    'title': e.get('title'), 'summary': summary,
                    'body': _text(content[0].value) if content else summary,
                    'author': e.get('author'), 'when': _when(e)})
    return d.feed.get('title'), out


def run(corpus_dir, out_dir, num_perm=128, threshold=0.5, shingle=4):
    feeds_dir = os.path.join(corpus_dir, 'feeds')
    files = sorted(os.path.join(feeds_dir, f) for f in os.listdir(feeds_dir))
    t = dict.fromkeys(('parse', 'minhash', 'lsh', 'table', 'write'), 0.0)
    cols = {k: [] for k in ('article_id', 'guid', 'url', 'title', 'summary', 'body',
                            'byline', 'publisher', 'feed_url', 'published_at',
                            'published_date', 'story_id')}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    story_of = []
    t0 = time.perf_counter()
    for path in files:
        a = time.perf_counter()
        title, entries = _entries(path)
        b = time.perf_counter()
        t['parse'] += b - a
        for e in entries:
            a = time.perf_counter()
            words = WORD.findall(e['body'].lower())
            sh = {' '.join(words[i:i + shingle]).encode('utf-8')
                  for i in range(max(1, len(words) - shingle + 1))}
            m = MinHash(num_perm=num_perm)
            m.update_batch(list(sh))
            b = time.perf_counter()
            key = len(story_of)
            cands = lsh.query(m)
            story = story_of[min(cands)] if cands else key
            story_of.append(story)
            lsh.insert(key, m)
            c = time.perf_counter()
            t['minhash'] += b - a
            t['lsh'] += c - b
            guid = e['guid'] or e['link'] or ''
            cols['article_id'].append(hashlib.sha1(guid.encode('utf-8')).hexdigest()[:16])
            cols['guid'].append(e['guid'])
            cols['url'].append(e['link'])
            cols['title'].append(e['title'])
            cols['summary'].append(e['summary'])
            cols['body'].append(e['body'])
            cols['byline'].append(e['author'])
            cols['publisher'].append(title)
            cols['feed_url'].append(path)
            cols['published_at'].append(e['when'])
            cols['published_date'].append(e['when'].date().isoformat() if e['when'] else
                                          '__HIVE_DEFAULT_PARTITION__')
            cols['story_id'].append(f'b{story:07d}')
            t['table'] += time.perf_counter() - c
    a = time.perf_counter()
    table = pa.table({
        **{k: pa.array(v, pa.string()) for k, v in cols.items()
           if k not in ('published_at', 'publisher', 'feed_url')},
        'publisher': pa.array(cols['publisher'], pa.string()).dictionary_encode(),
        'feed_url': pa.array(cols['feed_url'], pa.string()).dictionary_encode(),
        'published_at': pa.array(cols['published_at'], pa.timestamp('us', tz='UTC')),
    })
    b = time.perf_counter()
    t['table'] += b - a
    target = os.path.join(out_dir, 'articles')
    if os.path.exists(target):
        shutil.rmtree(target)
    pq.write_to_dataset(table, target, partition_cols=['published_date'],
                        compression='zstd')
    t['write'] += time.perf_counter() - b
    total = time.perf_counter() - t0
    n = table.num_rows
    return {'articles': n, 'files': len(files), 'seconds': round(total, 3),
            'articles_per_s': round(n / total, 1) if total else None,
            'stories': len(set(story_of)),
            'stage_seconds': {k: round(v, 3) for k, v in t.items()},
            'peak_rss_mb': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('corpus_dir')
    ap.add_argument('out_dir')
    ap.add_argument('--json', help='also write the result here')
    ap.add_argument('--threshold', type=float, default=0.5)
    ap.add_argument('--num-perm', type=int, default=128)
    a = ap.parse_args(argv)
    r = run(a.corpus_dir, a.out_dir, a.num_perm, a.threshold)
    st = ', '.join(f'{k} {v:.1f} s' for k, v in r['stage_seconds'].items())
    print(f'baseline: {r["articles"]} articles from {r["files"]} files in {r["seconds"]:.1f} s '
          f'= {r["articles_per_s"]:.0f} articles/s; {r["stories"]} stories; '
          f'peak RSS {r["peak_rss_mb"]:.0f} MB')
    print(f'  steps: {st}')
    if a.json:
        with open(a.json, 'w', encoding='utf-8') as fh:
            json.dump(r, fh, indent=1)
            fh.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
