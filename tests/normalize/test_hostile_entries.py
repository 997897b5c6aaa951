"""Entries far from any story (a feed's junk in the author field, an agency
named thousands of times) keep what a story of them would give, with the
work bounded: the author is not read for credits past a byline's length,
and citations are looked for among an entry's first 200 agency names.
(Their time is measured by ``bench_normalize.py --hostile``.)"""
import datetime as dt

from pipeline.normalize.agencies import _MAX_OCCURRENCES, find_citations, load_registry

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, tzinfo=UTC)
REG = load_registry()


def test_an_agency_named_thousands_of_times_is_cited_once_found():
    text = 'The ministry said so, a source told Reuters. ' * 2000
    cites = find_citations(text, REG)
    assert len(cites) == _MAX_OCCURRENCES
    assert {c['agency'] for c in cites} == {'REUTERS'}
    row = normalize_story(text, FETCHED)
    assert kinds(row, 'cited') == ['REUTERS']


def test_a_person_of_the_agency_name_is_told_apart_however_often_named():
    text = ('Michael Bloomberg spoke in Boston. ' +
            'Bloomberg said he would give more. ' * 500)
    assert find_citations(text, REG) == []


def test_an_acronym_used_for_a_party_anywhere_stays_no_citation():
    text = 'PTI chairman Imran Khan spoke. ' + 'PTI reported gains. ' * 500
    assert find_citations(text, REG) == []


def test_a_byline_of_several_names_still_credits_its_agency():
    names = ', '.join(f'Reporter Number{i}' for i in range(12))
    author = f'By {names}, Reuters'
    assert len(author) < 300      # (real ones run to ~200 characters)
    row = normalize_story('The ministry said on Tuesday it would act.', FETCHED,
                          author=author)
    assert kinds(row, 'byline') == ['REUTERS']


def test_an_author_field_longer_than_any_byline_credits_nothing():
    author = '(' * 20000 + ' Reuters'
    row = normalize_story('The ministry said on Tuesday it would act.', FETCHED,
                          author=author)
    assert kinds(row, 'byline') == []
    assert row['byline'] == author
