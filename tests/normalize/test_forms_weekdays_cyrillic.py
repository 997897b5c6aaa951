"""Datelines with a weekday before the date ("PARIS, lundi 9 juin (AFP) -",
"BERLIN, Montag, 9. Juni (dpa) -"), agencies cited in Russian copy
("сообщает ТАСС", "заявил Интерфаксу"), and China News Service's bare
"(CNS)" credit. Fixtures written for wirefeed from how agencies phrase
copy (none taken from any corpus)."""
import datetime as dt

import pytest

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


def norm(text, **kw):
    return normalize_story(text, FETCHED, **kw)


# ------------------------------------------------- a weekday before the date
@pytest.mark.parametrize('text,location,date,agencies,body', [
    ('PARIS, lundi 9 juin (AFP) - Le président a parlé.', 'PARIS',
     dt.date(2025, 6, 9), ['AFP'], 'Le président'),
    ('Genève, mardi 3 mars 2025 (AFP) - Le conseil a voté.', 'Genève',
     dt.date(2025, 3, 3), ['AFP'], 'Le conseil'),
    ('Bruxelles, jeudi 5 juin (Belga) - La Commission a dit.', 'Bruxelles',
     dt.date(2025, 6, 5), ['BELGA'], 'La Commission'),
    ('PARIS, LUNDI 9 JUIN (AFP) - Le président a parlé.', 'PARIS',
     dt.date(2025, 6, 9), ['AFP'], 'Le président'),
    ('MADRID, martes 3 de junio (EFE) - El Gobierno dijo.', 'MADRID',
     dt.date(2025, 6, 3), ['EFE'], 'El Gobierno'),
    ('MADRID, martes, 3 de junio de 2025 (EFE) - El Gobierno dijo.',
     'MADRID', dt.date(2025, 6, 3), ['EFE'], 'El Gobierno'),
    ('ROMA, lunedì 9 giugno (ANSA) - Il governo ha detto.', 'ROMA',
     dt.date(2025, 6, 9), ['ANSA'], 'Il governo'),
    ('BERLIN, Montag, 9. Juni (dpa) - Die Regierung sagte.', 'BERLIN',
     dt.date(2025, 6, 9), ['DPA'], 'Die Regierung'),
    ('LISBOA, segunda-feira, 9 de junho (Lusa) - O Governo disse.', 'LISBOA',
     dt.date(2025, 6, 9), ['LUSA'], 'O Governo'),
    ('WASHINGTON, Monday, June 9 (AP) - The president said.', 'WASHINGTON',
     dt.date(2025, 6, 9), ['AP'], 'The president'),
    ('SAN JOSE, Calif., Monday, June 9 (Reuters) - Apple said.',
     'SAN JOSE, Calif.', dt.date(2025, 6, 9), ['REUTERS'], 'Apple said'),
])
def test_weekday_before_the_date(text, location, date, agencies, body):
    row = norm(text)
    assert row['dateline_location'] == location
    assert row['dateline_date'] == date
    assert kinds(row, 'dateline') == agencies
    assert row['body'].startswith(body)


@pytest.mark.parametrize('text,location,date', [
    # the same forms without the weekday read as they did
    ('PARIS, 9 juin (AFP) - Le président a parlé.', 'PARIS',
     dt.date(2025, 6, 9)),
    ('BERLIN, 9. Juni (dpa) - Die Regierung sagte.', 'BERLIN',
     dt.date(2025, 6, 9)),
    # a weekday that no date follows stays where it was
    ('WASHINGTON, Monday (AP) - The president said.', 'WASHINGTON, Monday',
     None),
])
def test_without_a_weekday_date(text, location, date):
    row = norm(text)
    assert row['dateline_location'] == location
    assert row['dateline_date'] == date


@pytest.mark.parametrize('text', [
    'Lundi 9 juin, le président a parlé aux journalistes.',
    'LUNDI 9 JUIN (AFP) - Le président a parlé.',
    'Martes 3 de junio: el Gobierno aprobó el plan.',
    'Montag, 9. Juni: Die Regierung tagt.',
    'Monday, June 9 - The president spoke to reporters.',
    # "mardi" is no misspelt "mars"
    'Genève, mardi soir, le conseil a voté.',
])
def test_a_weekday_heads_no_dateline(text):
    row = norm(text)
    assert row['dateline_location'] is None
    assert kinds(row, 'dateline') == []
