"""Zone names read at a wrong or outdated offset, Moscow time plus hours in
Cyrillic, and the cost of a feed's repeated non-date.

Written for wirefeed; expected instants are worked out by hand from the
local time and the zone's offset, and the zone table is checked against
the IANA time zone data on the machine (zoneinfo).
"""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pipeline.normalize import dates
from pipeline.normalize.dates import parse_feed_date

UTC = dt.timezone.utc
FETCHED = dt.datetime(2025, 3, 20, 12, tzinfo=UTC)


def at(y, mo, d, h=0, mi=0, off=0):
    """Local wall time with an offset of `off` minutes east, in UTC."""
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC) - dt.timedelta(
        minutes=off)


def parse(raw, **kw):
    kw.setdefault('relative_base', FETCHED)
    return parse_feed_date(raw, **kw)


# The zone names added to the table, each with a place that keeps it and a
# month in which that place is on it (the southern summer for Norfolk,
# Lord Howe and Chatham's daylight names, the northern one for Adak, the
# Azores and Saint-Pierre's).
ADDED_ZONES = {
    'SAMT': ('Europe/Samara', 1), 'NOVT': ('Asia/Novosibirsk', 1),
    'MAGT': ('Asia/Magadan', 1), 'SAKT': ('Asia/Sakhalin', 1),
    'PETT': ('Asia/Kamchatka', 1), 'ANAT': ('Asia/Anadyr', 1),
    'FET': ('Europe/Minsk', 1), 'TJT': ('Asia/Dushanbe', 1),
    'TMT': ('Asia/Ashgabat', 1), 'KGT': ('Asia/Bishkek', 1),
    'ULAT': ('Asia/Ulaanbaatar', 1), 'HOVT': ('Asia/Hovd', 1),
    'BTT': ('Asia/Thimphu', 1), 'MVT': ('Indian/Maldives', 1),
    'BNT': ('Asia/Brunei', 1), 'TLT': ('Asia/Dili', 1),
    'SCT': ('Indian/Mahe', 1),
    'ACWST': ('Australia/Eucla', 1), 'LHST': ('Australia/Lord_Howe', 7),
    'LHDT': ('Australia/Lord_Howe', 1), 'NFT': ('Pacific/Norfolk', 7),
    'NFDT': ('Pacific/Norfolk', 1), 'CHAST': ('Pacific/Chatham', 7),
    'CHADT': ('Pacific/Chatham', 1), 'CHST': ('Pacific/Guam', 1),
    'PGT': ('Pacific/Port_Moresby', 1), 'SBT': ('Pacific/Guadalcanal', 1),
    'VUT': ('Pacific/Efate', 1), 'NCT': ('Pacific/Noumea', 1),
    'FJT': ('Pacific/Fiji', 1), 'MHT': ('Pacific/Majuro', 1),
    'GILT': ('Pacific/Tarawa', 1), 'TVT': ('Pacific/Funafuti', 1),
    'NRT': ('Pacific/Nauru', 1), 'TKT': ('Pacific/Fakaofo', 1),
    'PHOT': ('Pacific/Kanton', 1), 'TAHT': ('Pacific/Tahiti', 1),
    'CKT': ('Pacific/Rarotonga', 1), 'GAMT': ('Pacific/Gambier', 1),
    'MART': ('Pacific/Marquesas', 1), 'HDT': ('America/Adak', 7),
    'GALT': ('Pacific/Galapagos', 1), 'GYT': ('America/Guyana', 1),
    'SRT': ('America/Paramaribo', 1), 'GFT': ('America/Cayenne', 1),
    'FNT': ('America/Noronha', 1), 'FKST': ('Atlantic/Stanley', 1),
    'PMST': ('America/Miquelon', 1), 'PMDT': ('America/Miquelon', 7),
    'CVT': ('Atlantic/Cape_Verde', 1), 'AZOT': ('Atlantic/Azores', 1),
    'AZOST': ('Atlantic/Azores', 7),
}


@pytest.mark.parametrize('name', sorted(ADDED_ZONES))
def test_added_zone_names_have_their_places_offset_today(name):
    place, month = ADDED_ZONES[name]
    offset = ZoneInfo(place).utcoffset(dt.datetime(2025, month, 15, 12))
    assert dates.ZONE_OFFSETS.get(name) == offset // dt.timedelta(minutes=1)


@pytest.mark.parametrize('raw, expected', [
    # Marquesas, UTC-9:30: read as UTC, or "MART" as a Turkish month
    ('Tue, 18 Mar 2025 10:00:00 MART', at(2025, 3, 18, 10, off=-570)),
    ('Mar 18 2025 10:00 MART', at(2025, 3, 18, 10, off=-570)),
    ('18.03.2025 10:00 MART', at(2025, 3, 18, 10, off=-570)),
    # Novosibirsk, UTC+7 since 2016 (dateparser: +6)
    ('Tue, 18 Mar 2025 10:00:00 NOVT', at(2025, 3, 18, 10, off=420)),
    ('18.03.2025 10:00 NOVT', at(2025, 3, 18, 10, off=420)),
    ('March 18, 2025 10am NOVT', at(2025, 3, 18, 10, off=420)),
    ('10:00 NOVT 18 Mar 2025', at(2025, 3, 18, 10, off=420)),
    # Norfolk Island, UTC+11 since 2015 (dateparser: +11:30)
    ('Tue, 18 Mar 2025 10:00:00 NFT', at(2025, 3, 18, 10, off=660)),
    ('March 18, 2025 10:00 NFT', at(2025, 3, 18, 10, off=660)),
    # Canada's French names (heure normale / avancée de l'Est, de
    # Terre-Neuve), and names that are also English words, where a zone
    # stands: Georgia, Mauritius, Réunion, Bolivia
    ('18 mars 2025 10h00 HNE', at(2025, 3, 18, 10, off=-300)),
    ('Tue, 18 Mar 2025 10:00:00 HAE', at(2025, 3, 18, 10, off=-240)),
    ('le 18 mars 2025 à 10 h 00 HNT', at(2025, 3, 18, 10, off=-210)),
    ('Tue, 18 Mar 2025 10:00:00 GET', at(2025, 3, 18, 10, off=240)),
    ('Tue, 18 Mar 2025 10:00:00 MUT', at(2025, 3, 18, 10, off=240)),
    ('Tue, 18 Mar 2025 10:00:00 RET', at(2025, 3, 18, 10, off=240)),
    ('Tue, 18 Mar 2025 10:00:00 BOT', at(2025, 3, 18, 10, off=-240)),
])
def test_zone_names_at_their_current_offset(raw, expected):
    assert parse(raw) == expected


@pytest.mark.parametrize('raw, kw', [
    # Paraguay: -3 since October 2024; dateparser still has -4
    ('Tue, 18 Mar 2025 10:00:00 PYT', {}),
    ('18/03/2025 10:00 PYT', {'languages': ['es']}),
    ('18 Mar 2025 PYT', {}),
    # names of two zones, which dateparser reads as one of them: Easter
    # Island or Eastern, Samoa or Singapore, Western Australia or Samoa
    ('18.03.2025 10:00 EAST', {}),
    ('March 18, 2025 10:00 SST', {}),
    ('18 Mar 2025 10:00 WST', {'languages': ['en']}),
    # Amazon or Armenia time, once read as "10:00 AM" and a stray letter
    ('18.03.2025 10:00 AMT', {}),
    ('18.03.2025 10:00 AMST', {}),
    # no zone name dateparser has: with no language, it dropped the word
    # and left the time in UTC ("LA": Los Angeles time?)
    ('18 Mar 2025 10:00 LA', {}),
    # hours alone after a word that is no zone: dateparser made the figure
    # the month (May, January)
    ('18 Mar 2025 10:00 PM-5', {}),
    ('18 Mar 2025 10:00 AM+1', {}),
    ('10:00 +01 Mar-18-2025', {}),
    ('18.03.2025 10:00 Uhr+1', {}),
])
def test_zone_names_it_cannot_place_give_no_date(raw, kw):
    assert parse(raw, **kw) is None


@pytest.mark.parametrize('raw, expected', [
    # Moscow time plus hours: МСК+4 is UTC+7
    ('18.03.2025 10:00 МСК+4', at(2025, 3, 18, 3)),
    ('18.03.2025 10:00 МСК+3', at(2025, 3, 18, 4)),
    ('18.03.2025 10:00 МСК-1', at(2025, 3, 18, 8)),
    ('18.03.2025 10:00 мск+4', at(2025, 3, 18, 3)),
    ('18 марта 2025, 10:00 МСК+4', at(2025, 3, 18, 3)),
    ('Tue, 18 Mar 2025 10:00:00 МСК+4', at(2025, 3, 18, 3)),
    # the Latin name, written the same way
    ('18.03.2025 10:00 MSK+4', at(2025, 3, 18, 3)),
])
def test_moscow_time_plus_hours(raw, expected):
    assert parse(raw) == expected


def test_repeated_non_date_is_looked_at_once(monkeypatch):
    import dateparser
    calls = []
    real = dateparser.parse

    def counted(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(dateparser, 'parse', counted)
    raw = 'Posted by the night desk'
    assert parse(raw) is None
    asked = len(calls)
    assert asked >= 1
    # again, and at another fetch time: no date, and dateparser not asked
    assert parse(raw) is None
    assert parse(raw, relative_base=FETCHED + dt.timedelta(days=40)) is None
    assert len(calls) == asked
    # a relative phrase is read at each fetch time, never remembered
    day = dt.timedelta(days=1)
    assert parse('yesterday') == FETCHED - day
    later = at(2025, 5, 2, 12)
    assert parse('yesterday', relative_base=later) == later - day
    assert calls.count('yesterday') == 2
