import numpy as np
import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.dedup.transform import Deduplicate, DedupSettings
from pipeline.dedup.clusters import story_id_for
from pipeline.state.dedup_index import read_index, write_index

from .fixtures import copyedit, row, story


def _rows():
    a, b = story(1, 300), story(2, 300)
    return [row('a', a, 'Reuters'), row('a2', copyedit(a, 1, 0.03), 'Outlet', 2, ()),
            row('a3', ' '.join(a.split()[:60]), 'Other', 3, ()),
            row('b', b, 'Reuters', 1), row('a-again', a, 'Reuters', guid='g-a')]


def _summary(a):
    return (a['instance_key'].split('#')[1], a['story_id'], a['is_canonical'], a['keep'])


def test_deduplicate_in_beam(tmp_path):
    sa, sb = story_id_for('a-a'), story_id_for('a-b')
    with TestPipeline(runner='FnApiRunner') as p:
        out = p | beam.Create(_rows()) | Deduplicate(DedupSettings(), None, 'r1')
        assert_that(out['assignments'] | beam.Map(_summary), equal_to([
            ('a', sa, True, True), ('a2', sa, False, True), ('a3', sa, False, True),
            ('b', sb, True, True), ('a-again', sa, False, False)]), label='assign')
        assert_that((out['stories'] | 'AllStories' >> beam.Flatten()) | beam.Map(lambda s: (s['story_id'], s['article_count'])),
                    equal_to([(sa, 3), (sb, 1)]), label='stories')
        assert_that((out['index'] | 'AllIndex' >> beam.Flatten()) | beam.Map(lambda r: r['kind'])
                    | beam.combiners.Count.PerElement(),
                    equal_to([('article', 4), ('story', 2)]), label='index')


def test_second_run_joins_through_state(tmp_path):
    from pipeline.dedup.engine import deduplicate
    first = _rows()[:4]
    _, _, idx = deduplicate(first, DedupSettings(), (), 'r1')
    (tmp_path / 'dedup' / 'run=r1').mkdir(parents=True)
    write_index(idx, str(tmp_path / 'dedup' / 'run=r1' / 'part-0.parquet'))
    assert len(read_index(str(tmp_path))) == len(idx)
    body = story(1, 300)
    late = [row('late', copyedit(body, 9, 0.03), 'Late', 40, ()), row('a', body, 'Reuters')]
    sa = story_id_for('a-a')
    with TestPipeline(runner='FnApiRunner') as p:
        out = p | beam.Create(late) | Deduplicate(DedupSettings(), str(tmp_path), 'r2')
        assert_that(out['assignments'] | beam.Map(_summary), equal_to([
            ('late', sa, False, True), ('a', sa, False, False)]), label='assign')
        assert_that((out['stories'] | 'AllStories' >> beam.Flatten()) | beam.Map(lambda s: (s['story_id'], s['article_count'],
                                                          s['canonical_article_id'])),
                    equal_to([(sa, 4, 'a-a')]), label='stories')


def test_shard_pairs_match_the_bucket_reference():
    """The vectorized bucket step gives exactly the pairs of the plain one
    (engine.bucket_pairs per bucket): sizes 1..cap+1, repeated keys of one
    member, earlier stories (never paired with each other); each pair
    first names its node with fewer shingles, goes to that node's
    verification shard and carries the second's."""
    import collections
    import random

    from pipeline.dedup.engine import bucket_pairs
    from pipeline.dedup.packing import pack, pack_chunk, unpack_chunks
    from pipeline.dedup.transform import _shard_pairs

    rnd = random.Random(5)
    cap = 6
    nodes = [f'a{i:02d}' for i in range(40)] + [f'S:s{i}' for i in range(8)]
    members, size_of, shard_of = [], {}, {}
    for node in nodes:
        keys = [rnd.randrange(-12, 12) for _ in range(rnd.randrange(0, 6))]
        size_of[node] = rnd.randrange(0, 4)  # ties too
        shard_of[node] = rnd.randrange(0, 3)
        members.append((node, size_of[node], shard_of[node],
                        pack('bands', keys + keys[:1])))  # a repeat
    buckets = collections.defaultdict(set)
    for node, _, _, packed in members:
        for key in np.frombuffer(packed, np.int64).tolist():
            buckets[key].add(node)
    expected = set()
    for bucket in buckets.values():
        expected.update(bucket_pairs(list(bucket), cap))
    assert any(len(b) > cap for b in buckets.values())
    half = len(members) // 2
    by_pair_shard = _shard_pairs(
        (0, [pack_chunk(members[:half]), pack_chunk(members[half:])]), cap)
    got = list(unpack_chunks(blob for _, blob in by_pair_shard))
    assert sorted(tuple(sorted(p[:2])) for p in got) == sorted(expected)
    assert len(got) == len(set(got)) > 20
    assert all((size_of[a], a) < (size_of[b], b) and shard_of[b] == b_shard
               for a, b, b_shard in got)
    assert all(shard_of[a] == shard for shard, blob in by_pair_shard
               for a, _, _ in unpack_chunks([blob]))
    assert _shard_pairs((0, []), cap) == []


def _labels(argv):
    from apache_beam.options.pipeline_options import PipelineOptions
    p = beam.Pipeline(options=PipelineOptions(['--runner=FnApiRunner'] + argv))
    _ = p | beam.Create(_rows()) | Deduplicate(DedupSettings(), None, 'r1')
    return {t.unique_name for t in p.to_runner_api().components.transforms.values()}


def test_side_input_steps_get_a_reshuffle_only_with_local_workers():
    """Beam's local multi-worker mode loses main-input elements of a step
    that waits for a side input unless the input comes grouped (see
    _before_side_input); one process needs no extra copy."""
    guards = {'Deduplicate/HandOnBatches', 'Deduplicate/HandOnKept',
              'Deduplicate/HandOnBp'}
    assert not guards & _labels([])
    assert guards <= _labels(['--direct_running_mode=multi_processing',
                              '--direct_num_workers=2'])
    assert not guards & _labels(['--direct_running_mode=multi_processing',
                                 '--direct_num_workers=1'])
    # wirefeed's own local workers (pipeline.local_workers) say so the same way
    assert guards <= _labels(['--direct_num_workers=2'])
