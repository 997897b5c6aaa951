"""Credit forms found missing by an audit of how wire copy names its
agencies (fixtures written for wirefeed), with their look-alikes."""
import datetime as dt

import pytest

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, tzinfo=UTC)


@pytest.mark.parametrize('text,agency', [
    # the agency's own reporting, in its own copy
    ('The plan was drafted in secret, according to documents seen by '
     'Reuters.', 'REUTERS'),
    ('A memo reviewed by Reuters showed the cuts were deeper.', 'REUTERS'),
    ('Video verified by Reuters showed the blast at the depot.', 'REUTERS'),
    ('A photograph obtained by the Associated Press showed the damage.',
     'AP'),
    # the agency named as a state's media
    ('The drill ended on Monday, state media IRNA said.', 'IRNA'),
    ("The launch succeeded, North Korea's official media KCNA said.",
     'KCNA'),
])
def test_cited(text, agency):
    assert kinds(normalize_story(text, FETCHED), 'cited') == [agency]


@pytest.mark.parametrize('text', [
    # seen by people, reviewed by a court, media that are no agency
    'The film was seen by 2 million people, the studio said.',
    'The ruling was reviewed by the Supreme Court on Monday.',
    'The statement, carried by state media, said the drill ended.',
    'The AP exam results were reviewed by teachers on Monday.',
])
def test_not_cited(text):
    assert kinds(normalize_story(text, FETCHED), 'cited') == []


@pytest.mark.parametrize('author,agency', [
    # AP's byline with the desk and no comma
    ('JANE DOE AP Economics Writer', 'AP'),
    ('By MICHAEL ROE AP Technology Writer', 'AP'),
    # a writer and the agency
    ('Jane Doe and Reuters', 'REUTERS'),
    ('Jane Doe and Agence France-Presse', 'AFP'),
])
def test_byline(author, agency):
    row = normalize_story('The Fed held rates on Wednesday.', FETCHED,
                          author=author)
    assert kinds(row, 'byline') == [agency]


@pytest.mark.parametrize('author', [
    'Jane Doe and John Roe',
    'JANE DOE Staff Writer',
    'Jane Doe, Contributing Writer',
    'Jane Doe and the Andhra Pradesh desk',
])
def test_byline_without_agency(author):
    row = normalize_story('The Fed held rates on Wednesday.', FETCHED,
                          author=author)
    assert kinds(row, 'byline') == []
