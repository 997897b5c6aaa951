import datetime as dt

import numpy as np

from pipeline.dedup.clusters import (canonical_rank, is_agency_copy,
                                     split_component, story_id_for)
from pipeline.dedup.engine import deduplicate
from pipeline.dedup.features import feature_records, signature_records
from pipeline.dedup.minhash import MinHasher
from pipeline.dedup.packing import array, pack
from pipeline.dedup.settings import DedupSettings
from pipeline.dedup.shingles import clean_text, shingle_batch
from pipeline.dedup.verify import verify

from .fixtures import copyedit, row, story, truncate

S = DedupSettings()


def stories_of(rows, **kw):
    assign, stories, index = deduplicate(rows, S, **kw)
    return {a['article_id']: a for a in assign}, stories, index


def test_shingles_ignore_case_punctuation_and_dateline():
    a, b = shingle_batch(['TOKYO, June 2 (Reuters) - The cat sat on the mat, today.',
                          'the cat sat on the mat today'], 4)
    assert np.array_equal(np.unique(a), np.unique(b))
    assert clean_text('PARIS: Ministers met') == 'ministers met'


def test_shingles_batch_equals_single():
    texts = [story(1, 80), story(2, 30), '', 'too short']
    batch = shingle_batch(texts, 4)
    for t, got in zip(texts, batch):
        assert np.array_equal(shingle_batch([t], 4)[0], got)
    assert len(batch[2]) == 0 and len(batch[3]) == 0


def test_minhash_is_deterministic_and_estimates_jaccard():
    x = np.unique(np.random.default_rng(0).integers(0, 2**32, 1000, dtype=np.uint64).astype(np.uint32))
    y = np.concatenate([x[:500], np.arange(500, dtype=np.uint32)])
    s1 = MinHasher(128, 7).signatures([x, y])
    s2 = MinHasher(128, 7).signatures([x, y])
    assert np.array_equal(s1, s2)
    est = np.mean(s1[0] == s1[1])
    true = len(np.intersect1d(x, y)) / len(np.union1d(x, y))
    assert abs(est - true) < 0.12


def test_truncated_copy_is_a_candidate_and_joins():
    full = story(10, 1200)
    summary = ' '.join(full.split()[:70])
    recs = signature_records(feature_records(
        [row('o', full), row('t', summary, 'Outlet', 5)], S), {}, S)
    assert set(array(recs[0], 'bands')) & set(array(recs[1], 'bands'))
    a, _, _ = stories_of([row('o', full), row('t', summary, 'Outlet', 5)])
    assert a['a-o']['story_id'] == a['a-t']['story_id']
    assert a['a-o']['is_canonical'] and a['a-t']['duplicate_of'] == 'a-o'


def test_templated_reports_stay_apart():
    def report(i):
        r = np.random.default_rng(i)
        n = lambda: f'{r.integers(1, 999)}.{r.integers(0, 9)}'
        return (f'Shr {n()} cts vs {n()} cts Net {n()} mln vs {n()} mln Revs {n()} mln '
                f'vs {n()} mln Nine mths Shr {n()} dlrs vs {n()} dlrs Net {n()} mln vs '
                f'{n()} mln Revs {n()} mln vs {n()} mln Avg shrs {n()} mln vs {n()} mln')
    rows = [row(f'e{i}', report(i), hours=i) for i in range(12)]
    a, _, _ = stories_of(rows)
    assert len({x['story_id'] for x in a.values()}) == 12


def test_shared_footer_does_not_merge_briefs():
    footer = ('This article is part of our daily service. Read more stories like this '
              'on our website and in our evening edition. Follow us on every platform '
              'for news and analysis. Copyright Outlet. All rights reserved. '
              'Reproduction without permission is prohibited.')
    rows = [row(f'b{i}', story(100 + i, 25) + ' ' + footer, 'Outlet', i, ()) for i in range(8)]
    a, _, index = stories_of(rows)
    assert len({x['story_id'] for x in a.values()}) == 8
    assert any(r['kind'] == 'boilerplate' for r in index)


def test_story_updates_from_one_publisher_are_not_boilerplate():
    base = story(7, 300)
    rows = [row(f'u{i}', copyedit(base, i, 0.02), hours=i) for i in range(6)]
    a, _, _ = stories_of(rows)
    assert len({x['story_id'] for x in a.values()}) == 1


def test_guards_time_and_language():
    body = story(3, 200)
    a, _, _ = stories_of([row('x', body), row('y', body, 'Outlet', 24 * 9)])
    assert a['a-x']['story_id'] != a['a-y']['story_id']
    a, _, _ = stories_of([row('x', body), row('y', body, 'Outlet', 1, language='fr')])
    assert a['a-x']['story_id'] != a['a-y']['story_id']


def test_chain_is_broken_against_canonical():
    # A and C share nothing; B is half A and half C
    a_txt, c_txt = story(20, 200), story(21, 200)
    b_txt = ' '.join(a_txt.split()[:100] + c_txt.split()[:100])
    rec = lambda i, txt, h: dict(id=i, t=h, lang='en', pub='P', own=False,
                                 shingles=pack('shingles', np.unique(shingle_batch([txt], 4)[0])))
    recs = [rec('A', a_txt, 0), rec('B', b_txt, 1), rec('C', c_txt, 2)]
    s = DedupSettings(containment=0.4)
    assert verify(recs[1], recs[0], s).ok and verify(recs[1], recs[2], s).ok
    assert not verify(recs[0], recs[2], s).ok
    out = list(split_component(recs, lambda m, c: verify(m, c, s)))
    heads = [h['id'] for h, _, _ in out]
    assert heads[0] == 'A' and 'C' in heads


def test_canonical_choice():
    assert is_agency_copy('Reuters', ['REUTERS'])
    assert is_agency_copy('Reuters', [])
    assert not is_agency_copy('Dawn', ['REUTERS'])
    body = story(30, 300)
    rows = [row('late-agency', body, 'Reuters', 5), row('early', body[:900], 'Outlet', 0, ())]
    a, stories, _ = stories_of(rows)
    assert a['a-late-agency']['is_canonical'] and not a['a-early']['is_canonical']
    assert stories[0]['story_id'] == story_id_for('a-late-agency')
    assert stories[0]['article_count'] == 2
    assert stories[0]['publishers'] == ['Outlet', 'Reuters']
    # without an agency copy: earliest wins
    rows = [row('b', body, 'Outlet B', 3, ()), row('a', body, 'Outlet A', 1, ())]
    a, _, _ = stories_of(rows)
    assert a['a-a']['is_canonical']


def test_repeats_and_second_run_join_first_run_story():
    body = story(40, 300)
    r1 = [row('o', body, 'Reuters'), row('o-again', body, 'Reuters', guid='g-o')]
    a1, s1, idx = deduplicate(r1, S)
    assert [x['keep'] for x in a1] == [True, False]
    assert a1[1]['article_id'] == a1[0]['article_id']
    r2 = [row('copy', copyedit(body, 1, 0.03), 'Outlet', 30, ()), row('o', body, 'Reuters')]
    a2, s2, _ = deduplicate(r2, S, idx, 'r2')
    by = {x['instance_key']: x for x in a2}
    assert by['feed-Outlet#copy']['story_id'] == a1[0]['story_id']
    assert not by['feed-Outlet#copy']['is_canonical']
    assert by['feed-Reuters#o']['keep'] is False
    assert s2[0]['article_count'] == 2 and s2[0]['canonical_article_id'] == 'a-o'


def test_one_sentence_feed_summary_of_a_long_story_joins_it():
    # a 20-word summary of a 2,000-word story: Jaccard ~0.01, wholly contained
    body = story(77, 2000)
    summary = truncate(body, 20)
    a, _, _ = stories_of([row('orig', body, 'Reuters'),
                          row('summary', summary, 'Outlet', 3, ())])
    assert a['a-summary']['story_id'] == a['a-orig']['story_id']
    v = verify(*records([row('s', summary, 'Outlet', 3, ()), row('o', body, 'Reuters')]), S)
    assert v.ok and v.jaccard < S.jaccard and v.containment >= S.summary_containment


def test_a_brief_quoting_part_of_a_long_story_stays_apart():
    # two-thirds a quoted passage, a third its own: neither summary nor copy
    body = story(78, 2000)
    quoted = ' '.join(body.split()[300:330])
    brief = quoted + ' ' + story(79, 15)
    v = verify(*records([row('b', brief, 'Outlet', 3, ()), row('o', body, 'Reuters')]), S)
    assert not v.ok and v.reason == 'rejected_similarity'
    assert S.containment <= v.containment < S.summary_containment


def records(rows):
    return signature_records(feature_records(rows, S), {}, S)


def test_wire_abbreviations_shingle_like_the_words_outlets_spell_out():
    wire = 'Construction spending rose 1.7 bln dlrs, or 0.4 pct, to 384.1 mln dlrs in April.'
    edited = ('Construction spending rose 1.7 billion dollars, or 0.4 percent, '
              'to 384.1 million dollars in April.')
    a, b, other = shingle_batch([wire, edited, edited.replace('billion', 'trillion')], 4)
    assert np.array_equal(a, b) and not np.array_equal(a, other)
    # the template frames read alike too: the copy is no refilled template
    body = ' '.join([wire] + [story(80, 200)])
    copy = row('copy', body.replace(wire, edited), 'Outlet', 2, ())
    v = verify(*records([copy, row('orig', body, 'Reuters')]), S)
    assert v.ok and v.containment == 1.0
