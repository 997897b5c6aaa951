"""Datelines with a weekday before the date ("PARIS, lundi 9 juin (AFP) -",
"BERLIN, Montag, 9. Juni (dpa) -"), agencies cited in Russian copy
("сообщает ТАСС", "заявил Интерфаксу"), and China News Service's bare
"(CNS)" credit. Fixtures written for wirefeed from how agencies phrase
copy (none taken from any corpus)."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import find_citations, load_registry

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
REG = load_registry()


def norm(text, **kw):
    return normalize_story(text, FETCHED, **kw)


def cited(text):
    return sorted(c['agency'] for c in find_citations(text, REG))


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



@pytest.mark.parametrize('text,location,agencies,body', [
    ('WASHINGTON, Monday (AP) - The president said on Monday.', 'WASHINGTON',
     ['AP'], 'The president'),
    ('PARIS, lundi (AFP) - Le président a parlé.', 'PARIS', ['AFP'], 'Le président'),
    ('Paris, lundi (AFP) - Le président a parlé.', 'Paris', ['AFP'], 'Le président'),
    ('SAN JOSE, Calif., Monday (AP) - Apple said.', 'SAN JOSE, Calif.', ['AP'], 'Apple said'),
    ('WASHINGTON, Monday - The president said.', 'WASHINGTON', [], 'The president'),
])
def test_a_weekday_alone_is_no_part_of_the_place(text, location, agencies, body):
    """A weekday with no date after it (an older AP style): the place
    without it, no date (a weekday names none), the credit."""
    row = norm(text)
    assert row['dateline_location'] == location
    assert row['dateline_date'] is None
    assert kinds(row, 'dateline') == agencies
    assert row['body'].startswith(body)

# ------------------------------------------------ citations in Russian copy
@pytest.mark.parametrize('text,agencies', [
    ('Президент провел переговоры, сообщает ТАСС.', ['TASS']),
    ('Переговоры продолжатся завтра, передает РИА Новости.', ['RIA']),
    ('Как сообщило агентство Интерфакс, переговоры продолжатся.',
     ['INTERFAX']),
    ('Как сообщило агентство «Интерфакс», переговоры продолжатся.',
     ['INTERFAX']),
    ('По данным ТАСС, в результате пострадали три человека.', ['TASS']),
    ('Об этом заявил ТАСС министр иностранных дел.', ['TASS']),
    ('Об этом министр рассказал Интерфаксу.', ['INTERFAX']),
    ('ТАСС сообщает, что переговоры продолжатся.', ['TASS']),
    ('Переговоры продолжатся, сообщили в понедельник ИТАР-ТАСС.', ['TASS']),
    ('Об этом говорится в сообщении, передает ТАСС со ссылкой на МИД.',
     ['TASS']),
    ('Об этом сообщил источник ТАСС.', ['TASS']),
    # two agencies named together
    ('ТАСС и РИА Новости сообщили об этом.', ['RIA', 'TASS']),
    ('Об этом сообщили ТАСС и РИА Новости.', ['RIA', 'TASS']),
])
def test_cited_in_russian(text, agencies):
    assert cited(text) == agencies


@pytest.mark.parametrize('text', [
    # inside a quotation
    '«Мы сообщили ТАСС о переговорах», — сказал он.',
    '"По данным ТАСС, все в порядке", — сказал он.',
    # a name of something else, or a mention with no citing phrase
    'Сериал «ТАСС уполномочен заявить» вышел в 1984 году.',
    'Генеральный директор ТАСС сообщил о планах агентства.',
    'Здание ТАСС находится на Тверском бульваре.',
    'Он работал в РИА Новости десять лет.',
    'Выступая на форуме ТАСС, министр заявил о планах.',
    'По словам представителя ТАСС, агентство расширяется.',
])
def test_not_cited_in_russian(text):
    assert cited(text) == []


def test_russian_citation_in_a_story():
    row = norm('Переговоры продолжатся завтра, сообщает ТАСС.',
               language='ru')
    assert kinds(row, 'cited') == ['TASS']


def test_latin_text_unchanged():
    assert cited('The talks will go on, TASS reported.') == ['TASS']
    assert cited('The talks will go on, he said.') == []


# ------------------------------------------------------------------ CNS
def test_cns_credit():
    row = norm('BEIJING, March 3 (CNS) - The ministry said.')
    assert row['dateline_location'] == 'BEIJING'
    assert row['dateline_date'] == dt.date(2025, 3, 3)
    assert kinds(row, 'dateline') == ['CHINA_NEWS']
    assert row['body'].startswith('The ministry')


@pytest.mark.parametrize('text,agencies', [
    ('The figures were released on Monday, China News Service reported.',
     ['CHINA_NEWS']),
    ('The ministry told CNS that exports rose.', ['CHINA_NEWS']),
    # CNS is also the central nervous system
    ('The drug reaches the CNS within hours, the study said.', []),
    ('The central nervous system (CNS) is affected; according to CNS '
     'imaging, lesions grew.', []),
    ('CNS said the tumour had spread.', []),
])
def test_cns_citation(text, agencies):
    assert cited(text) == agencies
