"""The benchmark corpus generator and the harness's scoring (no timings)."""
import collections
import json
import os
import shutil
import subprocess
import sys

import feedparser
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.formats.feed import parse_document
from pipeline.model import FeedDocument, FeedSource

BENCH = os.path.join(os.path.dirname(__file__), '..', 'benchmarks')
sys.path.insert(0, BENCH)

import make_corpus  # noqa: E402
import run_benchmark  # noqa: E402

N = 300


def _files(d):
    out = {}
    for root, _, names in os.walk(d):
        for n in names:
            p = os.path.join(root, n)
            with open(p, 'rb') as fh:
                out[os.path.relpath(p, d)] = fh.read()
    return out


def _truth(d):
    with open(os.path.join(d, 'truth.jsonl'), encoding='utf-8') as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope='module')
def corpus(tmp_path_factory):
    d = str(tmp_path_factory.mktemp('corpus'))
    make_corpus.generate(d, N, seed=7, feeds=12)
    return d


def _parse_all(d):
    """guid -> (file, parsed entry as dict) for every entry of every file."""
    entries = {}
    feeds_dir = os.path.join(d, 'feeds')
    for name in sorted(os.listdir(feeds_dir)):
        path = os.path.join(feeds_dir, name)
        if name.endswith('.json'):
            with open(path, encoding='utf-8') as fh:
                doc = json.load(fh)
            assert doc['version'] == 'https://jsonfeed.org/version/1.1'
            for it in doc['items']:
                assert it['id'] not in entries
                entries[it['id']] = (name, {
                    'title': it['title'], 'date': it['date_published'],
                    'text': it.get('content_html') or it.get('content_text')})
            continue
        parsed = feedparser.parse(path)
        assert not parsed.bozo, (name, parsed.get('bozo_exception'))
        assert parsed.version in ('rss20', 'atom10'), name
        assert parsed.entries, name
        for e in parsed.entries:
            assert e.id not in entries
            assert e.get('published_parsed') or e.get('updated_parsed'), (name, e.id)
            content = e.get('content')
            entries[e.id] = (name, {'title': e.title, 'date': e.get('published') or e.get('updated'),
                                    'text': content[0].value if content else e.summary})
    return entries


def test_same_seed_same_bytes(corpus, tmp_path):
    again = str(tmp_path / 'again')
    make_corpus.generate(again, N, seed=7, feeds=12)
    a, b = _files(corpus), _files(again)
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name] == b[name], name


def test_same_bytes_across_processes(corpus, tmp_path):
    """No dependence on string hashing (set order) or anything per-process."""
    out = str(tmp_path / 'sub')
    env = dict(os.environ, PYTHONHASHSEED='12345')
    subprocess.run([sys.executable, os.path.join(BENCH, 'make_corpus.py'), out,
                    '--articles', str(N), '--seed', '7', '--feeds', '12'],
                   check=True, env=env, capture_output=True)
    a, b = _files(corpus), _files(out)
    assert a == b


def test_other_seed_other_corpus(corpus, tmp_path):
    other = str(tmp_path / 'other')
    make_corpus.generate(other, N, seed=8, feeds=12)
    assert _files(other)['truth.jsonl'] != _files(corpus)['truth.jsonl']


def test_feeds_parse_and_truth_covers_every_entry(corpus):
    entries = _parse_all(corpus)
    truth = _truth(corpus)
    guids = [t['guid'] for t in truth]
    assert len(guids) == len(set(guids)) == N
    assert set(guids) == set(entries)
    for t in truth:
        assert entries[t['guid']][0] == t['file']
    man = json.load(open(os.path.join(corpus, 'corpus.json')))
    assert man['entries'] == N and man['articles'] == N
    assert set(man['by_format']) == {'rss', 'atom', 'json'}


def test_copies_and_look_alikes_present(corpus):
    truth = _truth(corpus)
    by_story = collections.defaultdict(list)
    for t in truth:
        by_story[t['story']].append(t)
    copies = [t for t in truth if t['role'] == 'copy']
    assert 0.4 <= len(copies) / N <= 0.65
    # every copy's story has its original, in another feed than the outlet copy
    for c in copies:
        roles = [t['role'] for t in by_story[c['story']]]
        assert 'original' in roles
    syndicated = [s for s, ts in by_story.items() if len(ts) >= 3]
    assert syndicated
    edits = collections.Counter(e for c in copies for e in c['edits'])
    for e in ('headline', 'summary_only', 'trim_tail', 'footer', 'utm', 'credit_line'):
        assert edits[e] > 0, e
    assert any(k.startswith('dateline_') for k in edits)
    # look-alikes: several distinct market reports, briefs sharing a feed
    markets = {t['story'] for t in truth if t['kind'] == 'market'}
    assert len(markets) >= 3
    briefs = collections.Counter(t['feed'] for t in truth if t['kind'] == 'brief')
    assert briefs and max(briefs.values()) >= 2


def test_content_realism(corpus):
    entries = _parse_all(corpus)
    truth = {t['guid']: t for t in _truth(corpus)}
    texts = [v[1]['text'] for v in entries.values()]
    assert any('(Reuters) -' in t for t in texts)
    assert any('(AFP) -' in t for t in texts)
    assert any('utm_source=' in t for t in texts)
    dates = [v[1]['date'] for v in entries.values()]
    assert any(d.endswith('Z') for d in dates)
    assert any(d.endswith(('GMT', 'UT', 'EST', 'EDT', 'PST')) for d in dates) or \
        any(d[-5] in '+-' and d[-4:].isdigit() for d in dates)
    # wire originals are long, briefs short
    words = {g: len(v[1]['text'].split()) for g, v in entries.items()}
    wire = [words[g] for g, t in truth.items() if t['kind'] == 'wire' and t['role'] == 'original']
    assert 400 <= sum(wire) / len(wire) <= 900
    briefs = [words[g] for g, t in truth.items() if t['kind'] == 'brief']
    assert max(briefs) < 250


def _write_articles(tmp_path, guids, stories):
    d = tmp_path / 'articles' / 'published_date=2026-03-02'
    d.mkdir(parents=True)
    pq.write_table(pa.table({'guid': guids, 'story_id': stories}), str(d / 'part-0.parquet'))
    return str(tmp_path / 'articles')


def test_score_perfect_and_merged(corpus, tmp_path):
    truth = _truth(corpus)
    path = os.path.join(corpus, 'truth.jsonl')
    guids = [t['guid'] for t in truth]
    perfect = _write_articles(tmp_path / 'a', guids, [t['story'] for t in truth])
    s = run_benchmark.score(path, perfect)
    assert s['precision'] == 1.0 and s['recall'] == 1.0 and s['coverage'] == 1.0
    singletons = _write_articles(tmp_path / 'b', guids, guids)
    s = run_benchmark.score(path, singletons)
    assert s['precision'] == 1.0 and s['recall'] == 0.0
    merged = _write_articles(tmp_path / 'c', guids, ['x'] * len(guids))
    s = run_benchmark.score(path, merged)
    assert s['recall'] == 1.0 and s['precision'] < 0.1
    assert s['false_merge_pairs_by_kind']


def test_run_report_stages(tmp_path):
    runs = tmp_path / '_runs'
    runs.mkdir()
    (runs / 'r1.json').write_text(json.dumps(
        {'run_id': 'r1', 'stage_seconds': {'parse': 1.5, 'dedup': {'lsh': 0.5}}}))
    path, stages = run_benchmark.run_report(str(tmp_path))
    assert path.endswith('r1.json')
    assert stages == {'stage_seconds.parse': 1.5, 'stage_seconds.dedup.lsh': 0.5}
    totals = run_benchmark.stage_totals({'stage_seconds.Deduplicate/Verify': 1.0,
                                         'stage_seconds.Deduplicate/Stories': 0.5,
                                         'stage_seconds.Normalize': 2.0,
                                         'counters.dedup.candidates': 7})
    assert totals == {'Normalize': 2.0, 'Deduplicate': 1.5}


def test_baseline_runs_on_small_corpus(corpus, tmp_path):
    pytest.importorskip('datasketch')
    import baseline
    r = baseline.run(corpus, str(tmp_path))
    assert r['articles'] == N
    s = run_benchmark.score(os.path.join(corpus, 'truth.jsonl'),
                            os.path.join(str(tmp_path), 'articles'))
    assert s['coverage'] == 1.0 and s['precision'] > 0.9


def test_bench_normalize_times_the_entries_of_real_feed_files(tmp_path):
    """--feeds reads every feed file under a directory as a run does
    (skipping what is no feed) and times all of their entries."""
    fixtures = os.path.join(os.path.dirname(__file__), 'fixtures', 'feeds')
    for name in ('atom10_outlet.xml', 'jsonfeed10.json', 'dates_mixed.xml',
                 'empty.xml'):
        shutil.copy(os.path.join(fixtures, name), tmp_path / name)
    sub = tmp_path / 'more'
    sub.mkdir()
    shutil.copy(os.path.join(fixtures, 'atom10_outlet.xml'), sub / 'copy.xml')
    (sub / 'notes.txt').write_text('no feed here')
    expected = 0
    for name in ('atom10_outlet.xml', 'jsonfeed10.json', 'dates_mixed.xml'):
        with open(os.path.join(fixtures, name), 'rb') as fh:
            doc = FeedDocument(FeedSource(name), fh.read(), {}, None)
        expected += len(parse_document(doc).entries)
    expected += len(parse_document(FeedDocument(
        FeedSource('copy.xml'), (sub / 'copy.xml').read_bytes(), {}, None)).entries)
    out = subprocess.run(
        [sys.executable, os.path.join(BENCH, 'bench_normalize.py'),
         '--feeds', str(tmp_path), '--repeat', '1'],
        capture_output=True, text=True, check=True).stdout
    assert out.startswith(f'{expected} entries of the feeds under {tmp_path}:'), out
    assert 'articles/s per core' in out


def test_bench_normalize_hostile_entries_cover_every_unit_and_field():
    """--hostile builds each worst case as each field, at the size asked,
    and times them all (at a size small enough to be quick here)."""
    import bench_normalize
    feed, _ = bench_normalize.make_corpus(1, 10, 10)
    made = list(bench_normalize.hostile_entries(300, feed))
    assert len(made) == len(bench_normalize.HOSTILE_UNITS) * \
        len(bench_normalize.HOSTILE_FIELDS)
    for unit, field, entry in made:
        text = getattr(entry, field)
        assert text.startswith(unit) and 300 - len(unit) < len(text) <= 300
        others = set(bench_normalize.HOSTILE_FIELDS) - {field}
        assert all(getattr(entry, f) is None or len(getattr(entry, f)) < 10
                   for f in others)
    out = subprocess.run(
        [sys.executable, os.path.join(BENCH, 'bench_normalize.py'),
         '--hostile', '200'], capture_output=True, text=True, check=True).stdout
    assert out.startswith(f'{len(made)} worst-case entries of 200 and 400 '
                          'characters; the slowest:'), out
    assert len(out.strip().splitlines()) == 11
