"""Template guard: reports written on one template stay apart, syndicated
copies (restyled, truncated, trimmed, copy-edited, with a footer) still
merge; and the identity rule for same-text entries of one publisher."""
import numpy as np

from pipeline.dedup.engine import deduplicate
from pipeline.dedup.features import feature_records, signature_records
from pipeline.dedup.packing import array
from pipeline.dedup.settings import DedupSettings
from pipeline.dedup.shingles import shingle_batch, shingle_slot_batch
from pipeline.dedup.stories import old_story_node
from pipeline.dedup.verify import TEMPLATE, frame_agreement, verify

from .fixtures import (copyedit, dividend, drop_paragraph, news_story, results, row,
                       truncate, with_footer)

S = DedupSettings()
NO_GUARD = DedupSettings(frame_conflicts=10 ** 6)


def story_ids(rows, settings=S, index_rows=()):
    assign, _, _ = deduplicate(rows, settings, index_rows)
    return {a['article_id']: a['story_id'] for a in assign if a['keep']}


def records(rows, settings=S):
    return signature_records(feature_records(rows, settings), {}, settings)


def test_slots_are_figures_and_names_in_their_frames():
    text = ('Spending rose 1,234.5 million, the Commerce Department said. Fenwick Mills '
            'Ltd paid 12 cents on April 15.')
    shingles, slots, pos = shingle_slot_batch([text, '', 'lower case only here'], 4)
    assert np.array_equal(shingles[0], shingle_batch([text], 4)[0])
    # fillers: "1,234.5" | "Commerce Department" | "Mills Ltd" | "12" | "April 15";
    # "Spending" and "Fenwick" open sentences, so they are no names
    assert sorted(pos[0].tolist()) == [2, 7, 11, 14, 17]
    assert len(set(slots[0].tolist())) == len(slots[0])
    assert len(slots[1]) == 0 and len(slots[2]) == 0
    # same frame, other filler: refilled; same frame and filler: kept
    other = text.replace('12 cents', '18 cents')
    a, b = shingle_slot_batch([text, other], 4)[1]
    # "12" is refilled; "Mills Ltd" has "12" in its frame, so it is no longer
    # shared; "1,234.5", "Commerce Department" and "April 15" are kept
    assert frame_agreement(a, b) == (1, 3)


def test_templated_dividends_with_other_figures_stay_apart():
    reports = [dividend('Fenwick Mills', 12, 'April 15', 'March 31'),
               dividend('Calder Brewing', 18, 'April 22', 'April 4'),
               dividend('Ostrava Glassworks', 9, 'May 2', 'April 11')]
    rows = [row(f'd{i}', text, 'Wire Agency', i * 0.1) for i, text in enumerate(reports)]
    # the shingles alone would merge them (three reports: too few for the
    # template to count as the agency's boilerplate): the guard keeps them apart
    assert len(set(story_ids(rows, NO_GUARD).values())) < len(rows)
    assert len(set(story_ids(rows).values())) == len(rows)
    recs = records(rows[:2])
    verdict = verify(recs[0], recs[1], S)
    assert not verdict.ok and verdict.reason == TEMPLATE and verdict.containment >= S.containment


def test_templated_results_with_other_figures_stay_apart():
    rows = [row('r1', results('Kestrel Bay', '41.2', '38.9', '612.5', '17'), 'Wire Agency', 0),
            row('r2', results('Maresby Steel', '12.8', '15.1', '233.0', '6'), 'Wire Agency', 1),
            row('r3', results('Dunholt Power', '88.4', '80.3', '1,045.7', '29'), 'Outlet', 2, ())]
    assert len(set(story_ids(rows, NO_GUARD).values())) == 1
    assert len(set(story_ids(rows).values())) == 3


def test_short_briefs_sharing_a_footer_stay_apart():
    briefs = [f'{name} {club} beat {other} {a}-{b} on {day} to move up to {pos}th place in the league.'
              for name, club, other, a, b, day, pos in [
                  ('Striker Bram Okafor scored twice as', 'Calverton', 'Maresby', 3, 1, 'Saturday', 4),
                  ('Goalkeeper Elif Szabo saved a penalty as', 'Dunholt', 'Oaklow', 1, 0, 'Sunday', 6),
                  ('Captain Ines Ruiz scored late as', 'Fennick', 'Saltmere', 2, 1, 'Saturday', 9),
                  ('Pavel Haddad scored on his debut as', 'Lyndhurst', 'Brackwater', 2, 0, 'Friday', 11),
                  ('Oona Tanaka scored a hat-trick as', 'Port Ellery', 'Kestrel Bay', 4, 2, 'Sunday', 5),
                  ('Nuno Osei headed the winner as', 'Maresby', 'Calverton', 1, 0, 'Wednesday', 7)]]
    rows = [row(f'b{i}', with_footer(text, 'Gazette'), 'Gazette', i * 3, ())
            for i, text in enumerate(briefs)]
    assign, _, index = deduplicate(rows, S)
    assert len({a['story_id'] for a in assign}) == len(rows)
    assert any(r['kind'] == 'boilerplate' and r['publisher'] == 'Gazette' for r in index)


def test_syndicated_copies_with_figures_still_merge():
    original = news_story(5)
    copies = {
        'restyled': 'CALVERTON, June 2 (Reuters) - ' + original,
        'truncated': truncate(original, 60),
        'truncated-footer': with_footer(truncate(original, 80), 'Gazette'),
        'trimmed': drop_paragraph(drop_paragraph(original, 5), 2),
        'copy-edited': copyedit(original, 3, 0.04),
        'edited-truncated': copyedit(truncate(original, 90), 4, 0.03),
        'footer': with_footer(original, 'Daily Courier'),
    }
    rows = [row('orig', original, 'Reuters')]
    rows += [row(k, text, f'Outlet {k}', 2 + i, ()) for i, (k, text) in enumerate(copies.items())]
    ids = story_ids(rows)
    assert set(ids.values()) == {ids['a-orig']}, ids
    # and copy against copy, where both keep a frame
    recs = {r['pid']: r for r in records(rows)}
    assert verify(recs['a-truncated'], recs['a-copy-edited'], S).ok
    assert verify(recs['a-trimmed'], recs['a-truncated-footer'], S).ok


def test_a_corrected_figure_is_the_same_story():
    original = news_story(8)
    first_figure = next(w for w in original.split() if w[0].isdigit())
    corrected = original.replace(first_figure, first_figure + '1', 1)
    ids = story_ids([row('o', original, 'Reuters'), row('c', corrected, 'Reuters', 3)])
    assert ids['a-o'] == ids['a-c']


def test_story_rows_carry_slots_and_older_rows_without_them_still_verify():
    body = news_story(11)
    _, _, index = deduplicate([row('o', body, 'Reuters')], S)
    story = next(r for r in index if r['kind'] == 'story')
    assert len(array(story, 'slots'))       # packed until the writer
    node = old_story_node(story)
    assert array(node, 'slots').tolist() == array(story, 'slots').tolist()
    read_back = old_story_node(dict(story, slots=array(story, 'slots').tolist()))
    assert read_back['slots'] == node['slots']   # as read from Parquet: a list
    older = old_story_node(dict(story, slots=None))
    assert older['slots'] is None
    copy = records([row('c', truncate(body, 70), 'Outlet', 5, ())])[0]
    assert verify(copy, older, S).ok and verify(copy, node, S).ok


def test_same_text_of_one_publisher_is_one_article_only_at_one_time():
    body = news_story(21)
    same_time = [row('p1', body, 'Gazette', 0, (), title='Port traffic'),
                 row('p2', body, 'Gazette', 0, (), title='Port traffic', guid='other-guid',
                     url='https://gazette.test/x')]
    assign, _, _ = deduplicate(same_time, S)
    assert [a['keep'] for a in assign] == [True, False]
    assert assign[0]['article_id'] == assign[1]['article_id']
    # posted again a day later under a new guid and URL: a second article of the story
    rerun = [row('p1', body, 'Gazette', 0, (), title='Port traffic'),
             row('p3', body, 'Gazette', 24, (), title='Port traffic', guid='rerun-guid',
                 url='https://gazette.test/y')]
    assign, stories, _ = deduplicate(rerun, S)
    assert [a['keep'] for a in assign] == [True, True]
    assert assign[0]['story_id'] == assign[1]['story_id'] and stories[0]['article_count'] == 2
    # a time taken from the fetch says nothing about the article: the text decides
    fetched = [dict(r, published_at_source='fetched') for r in rerun]
    assign, _, _ = deduplicate(fetched, S)
    assert [a['keep'] for a in assign] == [True, False]
