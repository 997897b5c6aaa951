"""Dateline forms found missing by an audit against the house styles of wire
agencies in their own languages (fixtures written for wirefeed, not taken
from any corpus), with the look-alikes that are no dateline."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import load_registry
from pipeline.normalize.datelines import parse_head

from .entries import UTC, kinds, normalize_story

REG = load_registry()
BODY = 'The minister said on Tuesday that talks would resume.'


def head(text):
    return parse_head(text, REG)


def agencies(h):
    return [a for a, _, _ in h.credits]


def assert_dateline(dateline, location, date, credited):
    """The dateline before BODY gives this place, (month, day, year) and
    agencies, and the body starts right after it."""
    h = head(dateline + BODY)
    assert h.location == location
    assert (h.month, h.day, h.year) == date
    assert agencies(h) == credited
    assert h.start == len(dateline)


# ------------------------------------------------ MTI's Hungarian datelines
@pytest.mark.parametrize('dateline,location,date', [
    # year, month, day, each with its full stop, then the weekday
    ('Budapest, 2025. m\u00e1rcius 18., kedd (MTI) \u2013 ', 'Budapest',
     (3, 18, 2025)),
    ('Budapest, 2025. m\u00e1rcius 18. (MTI) \u2013 ', 'Budapest',
     (3, 18, 2025)),
    ('Szeged, 2024. december 3., kedd (MTI) - ', 'Szeged', (12, 3, 2024)),
    ('Budapest, m\u00e1rcius 18. (MTI) \u2013 ', 'Budapest', (3, 18, None)),
    ('Debrecen, m\u00e1jus 6., szerda (MTI) \u2013 ', 'Debrecen',
     (5, 6, None)),
    ('Budapest, 2025. szept. 9. (MTI) \u2013 ', 'Budapest', (9, 9, 2025)),
    # (the forms that already worked stay so)
    ('Budapest (MTI) \u2013 ', 'Budapest', (None, None, None)),
    ('BUDAPEST, March 18 (MTI) - ', 'BUDAPEST', (3, 18, None)),
])
def test_mti_hungarian(dateline, location, date):
    assert_dateline(dateline, location, date, ['MTI'])


def test_mti_through_the_normalizer():
    row = normalize_story('Budapest, 2025. m\u00e1rcius 18., kedd (MTI) '
                          '\u2013 ' + BODY,
                          dt.datetime(2025, 3, 19, 12, 0, tzinfo=UTC))
    assert row['dateline_location'] == 'Budapest'
    assert row['dateline_date'] == dt.date(2025, 3, 18)
    assert kinds(row, 'dateline') == ['MTI']
    assert row['body'].startswith('The minister')


@pytest.mark.parametrize('text', [
    'In 2025. m\u00e1rcius 18-\u00e1n the minister said so.',
    'THE GOVERNMENT, 2025. March 18 was the day it said so.',
    'Kedd (MTI) - ' + BODY,
])
def test_hungarian_lookalikes(text):
    assert head(text).location is None


# ------------------------- months after the day, in the agencies' languages
@pytest.mark.parametrize('dateline,location,month,agency', [
    # \u010cTK and TASR write no comma after the place
    ('Praha 18. b\u0159ezna (\u010cTK) - ', 'Praha', 3, 'CTK'),
    ('Brno 2. \u010dervence 2025 (\u010cTK) - ', 'Brno', 7, 'CTK'),
    ('Bratislava 18. marca (TASR) \u2013 ', 'Bratislava', 3, 'TASR'),
    ('Ljubljana, 18. marca (STA) - ', 'Ljubljana', 3, 'STA'),
    ('ZAGREB, 18. o\u017eujka (Hina) - ', 'ZAGREB', 3, 'HINA'),
    ('Beograd, 18. marta (Tanjug) - ', 'Beograd', 3, 'TANJUG'),
    ('\u0411\u0435\u043e\u0433\u0440\u0430\u0434, 18. \u043c\u0430\u0440'
     '\u0442\u0430 (\u0422\u0430\u043d\u0458\u0443\u0433) - ',
     '\u0411\u0435\u043e\u0433\u0440\u0430\u0434', 3, 'TANJUG'),
    ('Warszawa, 18 sierpnia (PAP) - ', 'Warszawa', 8, 'PAP'),
    # Romanian with its comma-below letters, and the slash credit
    ('Bucure\u0219ti, 18 martie /AGERPRES/ - ', 'Bucure\u0219ti', 3,
     'AGERPRES'),
    ('Timi\u0219oara, 4 noiembrie /AGERPRES/ - ', 'Timi\u0219oara', 11,
     'AGERPRES'),
    # Bernama's Malay service, Antara's Indonesian
    ('KUALA LUMPUR, 18 Mac (Bernama) -- ', 'KUALA LUMPUR', 3, 'BERNAMA'),
    ('KUALA LUMPUR, 18 Ogos (Bernama) -- ', 'KUALA LUMPUR', 8, 'BERNAMA'),
    ('Jakarta, 18 Maret (ANTARA) - ', 'Jakarta', 3, 'ANTARA'),
    # BTA's Bulgarian, Ukrinform's Ukrainian (letters beyond Russian's)
    ('\u0421\u043e\u0444\u0438\u044f, 18 \u044f\u043d\u0443\u0430\u0440'
     '\u0438 /\u0411\u0422\u0410/. ', '\u0421\u043e\u0444\u0438\u044f', 1,
     'BTA'),
    ('\u041a\u0438\u0457\u0432, 18 \u0431\u0435\u0440\u0435\u0437\u043d'
     '\u044f. /\u0423\u043a\u0440\u0456\u043d\u0444\u043e\u0440\u043c/. ',
     '\u041a\u0438\u0457\u0432', 3, 'UKRINFORM'),
])
def test_month_after_day(dateline, location, month, agency):
    h = head(dateline + BODY)
    assert h.location == location
    assert h.month == month and h.day in (18, 2, 4)
    assert agencies(h) == [agency]
    assert h.start == len(dateline)


@pytest.mark.parametrize('text', [
    # a weekday of those languages heads a date, not a place
    '\u015aroda, 18 marca 2025 - ' + BODY,
    'Rabu, 18 Maret 2025 - ' + BODY,
    'Streda, 18. marca 2025 - ' + BODY,
])
def test_weekday_is_no_place(text):
    assert head(text).location is None


def test_croatian_year_full_stop():
    h = head('ZAGREB, 18. o\u017eujka 2025. (Hina) - ' + BODY)
    assert (h.month, h.day, h.year) == (3, 18, 2025)
    assert agencies(h) == ['HINA']


# --------------------------------------------------- dates in figures
@pytest.mark.parametrize('dateline,location,date,agency', [
    ('PARIS, 10/10 (AFP) - ', 'PARIS', (10, 10, None), ['AFP']),
    ('HANOI, 18/3 (VNA) - ', 'HANOI', (3, 18, None), ['VNA']),
    ('Jakarta, 18/3 (ANTARA) - ', 'Jakarta', (3, 18, None), ['ANTARA']),
    ('Athens, 18/03/2025 (ANA-MPA) - ', 'Athens', (3, 18, 2025), ['ANA']),
    ('WARSZAWA, 18.03.2025 (PAP) - ', 'WARSZAWA', (3, 18, 2025), ['PAP']),
    ('ZAGREB, 18.03.2025. (Hina) - ', 'ZAGREB', (3, 18, 2025), ['HINA']),
])
def test_numeric_date(dateline, location, date, agency):
    assert_dateline(dateline, location, date, agency)


@pytest.mark.parametrize('text', [
    'PRICES 12/10 (EST) - ' + BODY,         # no comma: a table's
    'Total, 2/3 of voters said on Tuesday that talks would resume.',
    'GOLD, 18/03 -- -- 1,902.5 1,899.0',    # a table header
    'LONDON, 24.5 - ' + BODY,               # a number, not a date
    'LONDON, 32/13 (Reuters) - ' + BODY,    # no day or month
    # a date in figures with no credit: a page's date, a rating, odds
    'LONDON, 18/03 - ' + BODY,
    'Mon, 06/02/2025 - 14:03 The council met on Monday.',
    'Rating, 9/10 - A gripping thriller with a twist.',
    'Published, 18/03/2025 - ' + BODY,
    'Odds, 5/2 - ' + BODY,
    'Result, 2/1 - ' + BODY,
    'Di., 18.03.2025 - ' + BODY,
    'Pon., 18.03.2025 - ' + BODY,
    'Thu., 12.06.2025 - ' + BODY,
    # a month of those languages after a word that is no place
    'Dnia 18 maja - Premier powiedzia\u0142.',
    'Apple 18 Mac - ' + BODY,
])
def test_numeric_lookalikes(text):
    h = head(text)
    assert h.month is None and h.location is None
    assert h.start == 0


@pytest.mark.parametrize('dateline,location,date,agency', [
    # "listopada": November in Polish, October in Croatian (its full stop)
    ('Warszawa, 18 listopada (PAP) - ', 'Warszawa', (11, 18, None), ['PAP']),
    ('ZAGREB, 18. listopada 2025. (Hina) - ', 'ZAGREB', (10, 18, 2025),
     ['HINA']),
    # a town whose first word is a weekday ("Wednesday") of Polish
    ('\u015aroda Wielkopolska (PAP) - ', '\u015aroda Wielkopolska',
     (None, None, None), ['PAP']),
    # a month after the day with no credit: a place in capitals, or known
    ('JAKARTA, 18 Maret - ', 'JAKARTA', (3, 18, None), []),
    ('Jakarta, 18 Maret - ', 'Jakarta', (3, 18, None), []),
])
def test_day_month_forms(dateline, location, date, agency):
    assert_dateline(dateline, location, date, agency)


# ------------------------------------------------ Russian-language heads
@pytest.mark.parametrize('dateline,location,agency', [
    # RIA Novosti's: the agency and a full stop after the dash
    ('\u041c\u041e\u0421\u041a\u0412\u0410, 18 \u043c\u0430\u0440 \u2014 '
     '\u0420\u0418\u0410 \u041d\u043e\u0432\u043e\u0441\u0442\u0438. ',
     '\u041c\u041e\u0421\u041a\u0412\u0410', 'RIA'),
    # Interfax's: full stops, and the agency by its web address
    ('\u041c\u043e\u0441\u043a\u0432\u0430. 18 \u043c\u0430\u0440\u0442'
     '\u0430. INTERFAX.RU - ', '\u041c\u043e\u0441\u043a\u0432\u0430',
     'INTERFAX'),
])
def test_russian_heads(dateline, location, agency):
    h = head(dateline + '\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d'
             '\u0442 \u0437\u0430\u044f\u0432\u0438\u043b.')
    assert h.location == location
    assert (h.month, h.day) == (3, 18)
    assert agencies(h) == [agency]
    assert h.start == len(dateline)


def test_cyrillic_word_after_dash_is_body():
    # a sentence that starts with a capitalised word is no agency
    text = ('\u041c\u041e\u0421\u041a\u0412\u0410, 18 \u043c\u0430\u0440 '
            '\u2014 \u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442. '
            '\u041e\u043d \u0441\u043a\u0430\u0437\u0430\u043b.')
    h = head(text)
    assert agencies(h) == []
    assert text[h.start:].startswith('\u041f\u0440\u0435\u0437')


# ------------------------------------------------- SPA's Hijri date first
@pytest.mark.parametrize('dateline,location,date', [
    ('Riyadh, Ramadan 18, 1446, March 18, 2025, SPA -- ', 'Riyadh',
     (3, 18, 2025)),
    ('Jeddah, Dhul-Hijjah 18, 1446, June 14, 2025, SPA -- ', 'Jeddah',
     (6, 14, 2025)),
    ('Riyadh, Jumada Al-Awwal 18, 1446, November 20, 2024, SPA -- ',
     'Riyadh', (11, 20, 2024)),
    ("Riyadh, Sha'ban 18, 1446, February 17, 2025, SPA -- ", 'Riyadh',
     (2, 17, 2025)),
])
def test_spa_hijri(dateline, location, date):
    assert_dateline(dateline, location, date, ['SPA'])


@pytest.mark.parametrize('dateline,location', [
    # a qualifier and a year of the 1900s stay what they were
    ('LONDON, Ont., March 18, 1998 (CP) - ', 'LONDON, Ont.'),
    ('NAIROBI, Kenya, March 18 (Xinhua) -- ', 'NAIROBI, Kenya'),
])
def test_hijri_lookalikes(dateline, location):
    assert head(dateline + BODY).location == location


@pytest.mark.parametrize('dateline,location,date,agency', [
    # a Hijri date alone gives no (Gregorian) date; the place stays
    ('RIYADH, Rajab 5, 1446 - ', 'RIYADH', (None, None, None), []),
    ('MECCA, Safar 12, 1446 (SPA) - ', 'MECCA', (None, None, None), ['SPA']),
    # another agency's Hijri date before the Gregorian one
    ('CAIRO, Shawwal 3, 1446, April 1 (MENA) - ', 'CAIRO', (4, 1, None),
     ['MENA']),
])
def test_hijri_dates(dateline, location, date, agency):
    assert_dateline(dateline, location, date, agency)


@pytest.mark.parametrize('text', [
    # an organisation before a dash or colon
    'NATO \u2014 which has 32 members \u2014 said on Tuesday it would act.',
    'OPEC - Oil producers agreed on Tuesday to cut output.',
    'FBI \u2014 Agents arrested two men on Tuesday.',
    'IMF: The fund cut its growth forecast.',
    # a market report's line head, a short acronym
    'PLATINUM - Prices rose in early trade on Tuesday.',
    'GOLD -- Bullion fell as the dollar firmed.',
    'IP \u2014 The address space is running out.',
    'U.S. -- Officials said on Tuesday that talks would resume.',
    'N.A. - Not available at the time of writing.',
])
def test_word_before_a_dash_that_is_no_place(text):
    h = head(text)
    assert h.location is None and h.start == 0


@pytest.mark.parametrize('text,location', [
    # a single word in capitals the gazetteer lacks is still a place
    ('QUNEITRA - Fighting raged on Tuesday.', 'QUNEITRA'),
    ('SREBRENICA -- Mourners gathered on Tuesday.', 'SREBRENICA'),
    ('HOUSTON -- Oil prices rose.', 'HOUSTON'),
])
def test_lone_place_in_capitals_stays(text, location):
    assert head(text).location == location


@pytest.mark.parametrize('dateline,location,date', [
    # The National's double slash after the place
    ('ABU DHABI // ', 'ABU DHABI', (None, None, None)),
    ('DUBAI, March 18 // ', 'DUBAI', (3, 18, None)),
])
def test_double_slash_ends_a_dateline(dateline, location, date):
    assert_dateline(dateline, location, date, [])
