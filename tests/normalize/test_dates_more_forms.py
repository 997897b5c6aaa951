"""More feed-date forms parse_feed_date must read (and a few it must not)."""
import datetime as dt

import pytest

from pipeline.normalize.dates import parse_feed_date

UTC = dt.timezone.utc
BASE = dt.datetime(2025, 3, 20, 12, tzinfo=UTC)


def _at(h, mi=0, off=0, day=18):
    return (dt.datetime(2025, 3, day, h, mi)
            - dt.timedelta(minutes=off)).replace(tzinfo=UTC)


FORMS = [
    # ISO 8601 with the hour alone (dateparser made 10 March of "T10Z")
    ('2025-03-18T10Z', _at(10)),
    ('2025-03-18T10', _at(10)),
    ('2025-03-18T10+05:30', _at(10, off=330)),
    # Arabic a.m./p.m. after the time (the scanner took "م" for filler)
    ('18 مارس 2025 10:00 م', _at(22)),
    ('١٨ مارس ٢٠٢٥ - ١٠:٠٠ م', _at(22)),
    ('18 مارس 2025 10:00 مساءً', _at(22)),
    ('18 مارس 2025 10:00 ص', _at(10)),
    ('18 مارس 2025 10:00 صباحاً', _at(10)),
    ('18 مارس 2025 12:30 ص', _at(0, 30)),
    ('الثلاثاء 18 مارس 2025م 10:00', _at(10)),     # "م" after a year: AD
    # "published"/"updated" labels before the date
    ('Mis à jour le 18/03/2025 à 10:00', _at(10)),
    ('Mis à jour le 18 mars 2025 à 10h00', _at(10)),
    ('Publicado el 18 de marzo de 2025 a las 10:00', _at(10)),
    ('Publicado em 18/03/2025 às 10:00', _at(10)),
    ('Atualizado em 18/03/2025 10h00', _at(10)),
    ('Pubblicato il 18 marzo 2025 alle 10:00', _at(10)),
    ('Aggiornato il 18 marzo 2025 alle 10:00', _at(10)),
    ('Veröffentlicht am 18.03.2025 um 10:00 Uhr', _at(10)),
    ('First Published: 18 Mar 2025, 10:00 AM IST', _at(10, off=330)),
    ('Обновлено 18.03.2025 10:00', _at(10)),
    ('Опубликовано: 18 марта 2025, 10:00', _at(10)),
    ('نشر في 18 مارس 2025', _at(0)),
    ('آخر تحديث: 18 مارس 2025 - 10:00', _at(10)),
    # noon and midnight as the time (dateparser read "noon ET" as EST)
    ('March 18, 2025 noon ET', _at(12, off=-240)),
    ('March 18, 2025, 12 noon EDT', _at(12, off=-240)),
    ('March 18, 2025 12:00 noon', _at(12)),
    ('12 noon March 18, 2025', _at(12)),
    ('March 18, 2025 at 12 midnight', _at(0)),
    ('Mar 12 noon', _at(12, day=12)),
    # zones written out in words
    ('March 18, 2025 10:00 Eastern Time', _at(10, off=-240)),
    ('Mar 18, 2025 10:00 AM (Eastern Time)', _at(10, off=-240)),
    ('March 18, 2025 10:00 Pacific Time', _at(10, off=-420)),
    ('18 March 2025 10:00 Eastern Standard Time', _at(10, off=-300)),
    ('Tue Mar 18 2025 10:00:00 GMT-0400 (Eastern Daylight Time)',
     _at(10, off=-240)),
    ('الثلاثاء 18 مارس 2025 10:00 بتوقيت غرينتش', _at(10)),
    ('18 مارس 2025 10:00 بتوقيت مكة المكرمة', _at(10, off=180)),
    ('18 марта 2025 в 10:00 по московскому времени', _at(10, off=180)),
    ('18 марта 2025 10:00 по Москве', _at(10, off=180)),
    ('March 18, 2025 10:00 Moscow time', _at(10, off=180)),
    # a place's time, with its daylight saving
    ('18 mars 2025 à 10h00 (heure de Paris)', _at(10, off=60)),
    ('18 juillet 2024 à 10h00 (heure de Paris)',
     dt.datetime(2024, 7, 18, 8, tzinfo=UTC)),
    ('18/03/2025 10h00 (horário de Brasília)', _at(10, off=-180)),
    ('18 de marzo de 2025, 10:00 (hora peninsular)', _at(10, off=60)),
    ('18 marzo 2025 ore 10:00 (ora italiana)', _at(10, off=60)),
    ('18.03.2025 10:00 Uhr deutscher Zeit', _at(10, off=60)),
    ('18 mars 2025 10:00 +0100 (heure de Paris)', _at(10, off=60)),
    # a bare date stays midnight UTC, as without the phrase
    ('18 mars 2025 (heure de Paris)', _at(0)),
    # Levantine Arabic months without their hamza (or with the wrong one)
    ('18 اذار 2025 10:00', _at(10)),
    ('18 أذار 2025', _at(0)),
    ('18 ايار 2024', dt.datetime(2024, 5, 18, tzinfo=UTC)),
    ('18 ايلول 2024', dt.datetime(2024, 9, 18, tzinfo=UTC)),
    # the two-word months ending in a dotless ya, as many Arabic sites type them
    ('18 تشرين الثانى 2024 10:00 GMT', dt.datetime(2024, 11, 18, 10, tzinfo=UTC)),
    ('5 كانون الثانى 2025', dt.datetime(2025, 1, 5, tzinfo=UTC)),
    # Almaty: Kazakhstan's one zone, UTC+5 since March 2024 (dateparser: +6)
    ('Tue, 18 Mar 2025 10:00:00 ALMT', _at(10, off=300)),
]


@pytest.mark.parametrize('raw,expected', FORMS)
def test_more_forms(raw, expected):
    assert parse_feed_date(raw, relative_base=BASE) == expected


NOT_DATES = [
    '2025-03-18T1',
    '2025-03-18T25Z',
    'Mis à jour le',
    'Publicado el 18',
    'Обновлено',
    'noon',
    'March 18, 2025 10:00 noon',
    'Eastern Time',
    'по Москве 18',
    'heure de Paris',
    'N.A.',                     # dateparser made these the fetch time
    'n.a',
    'NA.',           # hour 25: refused, not guessed
]


@pytest.mark.parametrize('raw', NOT_DATES)
def test_not_dates(raw):
    assert parse_feed_date(raw, relative_base=BASE) is None


@pytest.mark.parametrize('raw,expected', [
    # ISO 8601 week and ordinal dates (dateparser read "2025-W12-2" as 2
    # December): midnight UTC of the day they name
    ('2025-W12-2', dt.datetime(2025, 3, 18, tzinfo=UTC)),
    ('2025W122', dt.datetime(2025, 3, 18, tzinfo=UTC)),
    ('2025-W12', dt.datetime(2025, 3, 17, tzinfo=UTC)),
    ('2025-W01-1', dt.datetime(2024, 12, 30, tzinfo=UTC)),
    ('2025-077', dt.datetime(2025, 3, 18, tzinfo=UTC)),
    ('2024-366', dt.datetime(2024, 12, 31, tzinfo=UTC)),
    # no such week or day
    ('2025-W54-1', None),
    ('2025-366', None),
    ('2025-000', None),
])
def test_iso_week_and_ordinal_dates(raw, expected):
    assert parse_feed_date(raw, relative_base=BASE) == expected
