"""Closing credits and citations fixed in the tenth session (forms a
held-out probe of many outlets' copy found)."""
import datetime as dt

import pytest

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
STORY = 'Las autoridades confirmaron la cifra el lunes.'


@pytest.mark.parametrize('tail,agencies', [
    ('\n\nFuente: EFE', ['EFE']),
    (' (Con información de EFE)', ['EFE']),
    (' Con información de AFP y EFE.', ['AFP', 'EFE']),
    (' (con informazioni di ANSA)', ['ANSA']),
    ('\nCom informações da Agência Brasil', ['AGENCIA_BRASIL']),
    ('\nFonte: Agência Brasil', ['AGENCIA_BRASIL']),
    ('\n\nAvec AFP', ['AFP']),
    (' (avec AFP)', ['AFP']),
    ("\n\nAvec l'AFP", ['AFP']),
    ('\n\nQuelle: dpa', ['DPA']),
    ('\nMit Material von dpa', ['DPA']),
    ('\nMit Material der dpa', ['DPA']),
    (' (mit dpa)', ['DPA']),
    ('\n\u0179r\u00f3d\u0142o: PAP', ['PAP']),
    ('\nBron: ANP', ['ANP']),
])
def test_closing_credits_in_other_languages(tail, agencies):
    row = normalize_story(STORY + tail, FETCHED, language='es')
    assert row['body'] == STORY
    assert kinds(row, 'credit') == sorted(agencies)


@pytest.mark.parametrize('tail', [
    '\nFuente: Ministerio de Salud',
    '\nMit freundlichen Gr\u00fc\u00dfen',
    ' Avec ses amis.',
    ' Con informaci\u00f3n de la polic\u00eda.',
])
def test_the_same_words_before_no_agency_stay(tail):
    row = normalize_story(STORY + tail, FETCHED, language='es')
    assert row['body'] == STORY + tail
    assert row['agencies'] == []


@pytest.mark.parametrize('tail,agency', [
    (' The Associated Press contributed to this report.', 'AP'),
    (' Reuters contributed to this report.', 'REUTERS'),
])
def test_a_contributor_line_that_ends_the_last_paragraph(tail, agency):
    story = 'Talks went on into the night on Monday, officials said.'
    row = normalize_story(story + tail, FETCHED)
    assert row['body'] == story
    assert kinds(row, 'credit') == [agency]


def test_a_contributor_sentence_about_people_stays():
    text = 'Talks went on on Monday. Many residents contributed to this report.'
    assert normalize_story(text, FETCHED)['body'] == text
