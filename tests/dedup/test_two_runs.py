"""Two scheduled runs through the Beam transform (FnApiRunner), the second
reading the first's state index: copies arriving later join the first
run's stories and keep their ids; a templated look-alike does not; nothing
is written twice."""
import json

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.dedup.clusters import story_id_for
from pipeline.dedup.transform import Deduplicate, DedupSettings
from pipeline.state.dedup_index import read_index, write_index

from .fixtures import copyedit, dividend, drop_paragraph, news_story, row, truncate, with_footer

A, C = news_story(31), news_story(32)
B = dividend('Fenwick Mills', 12, 'April 15', 'March 31')
B_LOOKALIKE = dividend('Calder Brewing', 18, 'April 22', 'April 4')

RUN1 = [row('A', A, 'Reuters', 0), row('A1', truncate(A, 70), 'Gazette', 2, ()),
        row('B', B, 'Reuters', 1)]
RUN2 = [row('A2', copyedit(A, 7, 0.03), 'Courier', 30, ()),
        row('A3', 'CALVERTON, June 3 (Reuters) - ' + drop_paragraph(A, 3), 'Ledger', 50, ()),
        row('A', A, 'Reuters', 0),                      # the agency copy seen again
        row('B1', with_footer(truncate(B, 45), 'Courier'), 'Courier', 26, ()),
        row('B-lookalike', B_LOOKALIKE, 'Reuters', 25),
        row('C', C, 'Reuters', 40), row('C1', truncate(C, 80), 'Gazette', 41, ())]
SA, SB, SC, SL = (story_id_for(f'a-{k}') for k in ('A', 'B', 'C', 'B-lookalike'))


def _assigned(a):
    return (a['instance_key'].split('#')[1], a['article_id'], a['story_id'],
            a['is_canonical'], a['keep'])


def _story(s):
    return s['story_id'], s['canonical_article_id'], s['article_count']


def _save(rows, path):
    with open(path, 'w') as f:
        json.dump(rows, f, default=str)


def test_second_run_joins_first_run_stories(tmp_path):
    state = tmp_path / '_state'
    (state / 'dedup' / 'run=r1').mkdir(parents=True)
    index_file = str(state / 'dedup' / 'run=r1' / 'part-0.parquet')
    with TestPipeline(runner='FnApiRunner') as p:
        out = p | beam.Create(RUN1) | Deduplicate(DedupSettings(), str(state), 'r1')
        assert_that(out['assignments'] | beam.Map(_assigned), equal_to([
            ('A', 'a-A', SA, True, True), ('A1', 'a-A1', SA, False, True),
            ('B', 'a-B', SB, True, True)]), label='assign1')
        assert_that((out['stories'] | 'AllStories' >> beam.Flatten()) | beam.Map(_story),
                    equal_to([(SA, 'a-A', 2), (SB, 'a-B', 1)]), label='stories1')
        _ = (out['index'] | 'AllIndex' >> beam.Flatten()) | beam.combiners.ToList() | beam.Map(write_index, index_file)
        _ = (out['assignments'] | 'Keep1' >> beam.combiners.ToList()
             | 'Save1' >> beam.Map(_save, str(tmp_path / 'r1.json')))
    assert {'article', 'story'} <= {r['kind'] for r in read_index(str(state))}

    with TestPipeline(runner='FnApiRunner') as p:
        out = p | beam.Create(RUN2) | Deduplicate(DedupSettings(), str(state), 'r2')
        assert_that(out['assignments'] | beam.Map(_assigned), equal_to([
            ('A2', 'a-A2', SA, False, True), ('A3', 'a-A3', SA, False, True),
            ('A', 'a-A', SA, False, False),
            ('B1', 'a-B1', SB, False, True),
            ('B-lookalike', 'a-B-lookalike', SL, True, True),
            ('C', 'a-C', SC, True, True), ('C1', 'a-C1', SC, False, True)]), label='assign2')
        # earlier stories grow under their ids and canonicals; new ones are new
        assert_that((out['stories'] | 'AllStories' >> beam.Flatten()) | beam.Map(_story), equal_to([
            (SA, 'a-A', 4), (SB, 'a-B', 2), (SL, 'a-B-lookalike', 1), (SC, 'a-C', 2)]),
            label='stories2')
        _ = (out['assignments'] | 'Keep2' >> beam.combiners.ToList()
             | 'Save2' >> beam.Map(_save, str(tmp_path / 'r2.json')))

    # as the tables hold them: kept rows of both runs, one per article
    kept = [a for name in ('r1.json', 'r2.json')
            for a in json.load(open(tmp_path / name)) if a['keep']]
    ids = [a['article_id'] for a in kept]
    assert len(ids) == len(set(ids)) == 9
    canon = {}
    for a in kept:
        canon[a['story_id']] = canon.get(a['story_id'], 0) + a['is_canonical']
    assert canon == {SA: 1, SB: 1, SL: 1, SC: 1}
