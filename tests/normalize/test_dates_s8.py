"""Feed-date forms found missing or misread by an adversarial audit.

Written for wirefeed from knowledge of what feed generators, JavaScript,
Go, Hugo and GNU date emit; none of it comes from the licensed dev data.
Expected instants are worked out by hand from the local time and offset.
"""
import datetime as dt

import pytest

from pipeline.normalize import dates
from pipeline.normalize.dates import parse_feed_date

UTC = dt.timezone.utc
FETCHED = dt.datetime(2025, 3, 20, 12, tzinfo=UTC)


def at(y, mo, d, h=0, mi=0, s=0, off=0):
    """Local wall time with an offset of `off` minutes east, in UTC."""
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=UTC) - dt.timedelta(
        minutes=off)


T = at(2025, 3, 18, 10)           # Tuesday 18 March 2025, 10:00 UTC


def parse(raw, **kw):
    kw.setdefault('relative_base', FETCHED)
    return parse_feed_date(raw, **kw)


@pytest.mark.parametrize('raw, expected', [
    # a leap second is the next minute's first second, as POSIX counts it
    ('2016-12-31T23:59:60Z', at(2017, 1, 1)),
    ('Sat, 31 Dec 2016 23:59:60 GMT', at(2017, 1, 1)),
    ('2017-01-01T05:29:60+05:30', at(2017, 1, 1)),
    # a "Z" after a non-zero offset adds nothing (the offset stands)
    ('2025-03-18T11:00:00+01:00Z', T),
    ('2025-03-18T05:00:00.000-05:00Z', T),
    # a name followed by its own offset in full counts it once; any other
    # offset, and one in hours alone, is relative to it (GMT+0530, CET+1
    # for UTC+2, Russia's MSK+3 for UTC+6)
    ('Tue, 18 Mar 2025 05:00:00 EST-0500', T),
    ('Tue, 18 Mar 2025 06:00:00 EDT-04:00', T),
    ('Tue, 18 Mar 2025 12:00:00 CEST+0200', T),
    ('Tue, 18 Mar 2025 12:00:00 CET+1', T),
    ('Tue, 18 Mar 2025 17:00:00 MSK+4', T),
    ('Tue, 18 Mar 2025 16:00:00 MSK+3', T),
    ('Tue, 18 Mar 2025 15:30:00 GMT+0530', T),
    ('Tue Mar 18 2025 05:00:00 EST-0500', T),
    # a bare date is midnight UTC even when a zone is written with it
    ('2025-03-18+01:00', at(2025, 3, 18)),
    ('2025-03-18-05:00', at(2025, 3, 18)),
    ('Tue, 18 Mar 2025 +0100', at(2025, 3, 18)),
    ('18 March 2025 GMT+1', at(2025, 3, 18)),
    # two-digit years pivot where strptime and email.utils put them
    ('Tue, 15 Jul 69 08:30:00 GMT', at(1969, 7, 15, 8, 30)),
    ('Thu, 15 Jul 68 08:30:00 GMT', None),      # 2068: far in the future
    ('Thu, 15 Jul 99 08:30:00 GMT', at(1999, 7, 15, 8, 30)),
    # epochs GNU date and escaped JSON write
    ('@1742292000', T),
    ('\\/Date(1742292000000)\\/', T),
    # wrappings: quotes, doubly escaped entities (Hugo's "&#43;0000"),
    # Go's monotonic clock reading after time.Time.String()
    ('"1742292000"', T),
    ("'2025-03-18T10:00:00Z'", T),
    ('“Tue, 18 Mar 2025 10:00:00 GMT”', T),
    ('Tue, 18 Mar 2025 10:00:00 &#43;0000', T),
    ('Tue, 18 Mar 2025 15:30:00 &#x2B;05:30', T),
    ('2025-03-18 10:00:00 +0000 UTC m=+0.000000001', T),
    ('2025-03-18 11:00:00.5 +0100 CET m=+3.25', at(2025, 3, 18, 10, 0, 0)
     + dt.timedelta(microseconds=500000)),
    # zones written out in English, as JavaScript and Windows name them
    ('Tue, 18 Mar 2025 10:00:00 Coordinated Universal Time', T),
    ('Tue, 18 Mar 2025 10:00:00 Greenwich Mean Time', T),
    ('Tue, 15 Jul 2025 08:30:00 British Summer Time',
     at(2025, 7, 15, 8, 30, off=60)),
    ('Tue, 18 Mar 2025 11:00:00 Central European Standard Time', T),
    ('Tue, 15 Jul 2025 08:30:00 Central European Summer Time',
     at(2025, 7, 15, 8, 30, off=120)),
    ('Tue, 18 Mar 2025 15:30:00 India Standard Time', T),
    ('Tue Mar 18 2025 15:30:00 GMT+0530 (India Standard Time)', T),
    ('Tue Mar 18 2025 18:00:00 GMT+0800 (China Standard Time)', T),
    ('March 18, 2025 7:00 PM Japan Standard Time', T),
    ('March 18, 2025 9:00 PM Australian Eastern Daylight Time', T),
    ('2025-03-18 18:00 (北京时间)', T),
    ('2025年3月18日 18:00 北京時間', T),
    # New Zealand and Australian Eastern time follow daylight saving
    ('Tue, 18 Mar 2025 23:00 NZT', T),                  # NZDT, +13
    ('Tue, 15 Jul 2025 10:00 NZT', at(2025, 7, 15, 10, off=720)),
    ('Tue, 18 Mar 2025 9:00 PM AET', T),                # AEDT, +11
    # Turkish sites' "TSİ" (Türkiye Saati, +03:00)
    ('18.03.2025 13:00 TSİ', T),
])
def test_forms(raw, expected):
    assert parse(raw) == expected


@pytest.mark.parametrize('raw', [
    # a named month, its day and year and one number more is a time cut
    # short, not the month (dateparser read 18 October, 18 January)
    'Tue, 18 Mar 2025 10',
    'Tue, 18 Mar 2025 1',
    '18 Mar 2025 10 GMT',
    # quotes and entities around nothing
    '""', "''", '&nbsp;',
])
def test_not_dates(raw):
    assert parse(raw) is None


@pytest.mark.parametrize('raw, expected', [
    # "mar" is still Tuesday before a day and month written in figures
    ('mar, 03/06/2025', at(2025, 6, 3)),
    ('mar 18-03-2025 10:00', T),
    ('mar. 18.03.2025', at(2025, 3, 18)),
])
def test_mar_as_tuesday_kept(raw, expected):
    assert parse(raw, languages=['fr']) == expected


def test_common_forms_unchanged():
    """The fast path still reads the forms most feeds write."""
    for raw in ('Tue, 18 Mar 2025 10:00:00 GMT',
                'Tue, 18 Mar 2025 10:00:00 +0000',
                'Tue, 18 Mar 2025 05:00:00 -0500',
                '2025-03-18T10:00:00Z', '2025-03-18T15:30:00+05:30',
                '2025-03-18T02:00:00.000-08:00', '1742292000'):
        assert parse(raw) == T, raw


def test_figures_alone_are_read_in_english_not_every_locale(monkeypatch):
    """A string of figures and signs names no language: dateparser gets
    English (not its every-locale detection, ~90 ms a string) and no
    other fallback; what it reads is unchanged."""
    seen = []
    real = dates._dateparser

    def spy(raw, tz_default, languages, relative_base, *rest):
        seen.append((raw, languages, rest))
        return real(raw, tz_default, languages, relative_base, *rest)
    monkeypatch.setattr(dates, '_dateparser', spy)
    base = dt.datetime(2025, 3, 20, 12, tzinfo=UTC)
    assert parse_feed_date('18.03. 10:00', relative_base=base) == \
        dt.datetime(2025, 3, 18, 10, tzinfo=UTC)
    assert parse_feed_date('10000-01-01T00:00:00Z', relative_base=base) is None
    assert parse_feed_date('3/18 10:00', languages=['fr'],
                           relative_base=base) == \
        dt.datetime(2025, 3, 18, 10, tzinfo=UTC)
    assert [(raw, langs) for raw, langs, _ in seen] == [
        ('18.03. 10:00', ['en']), ('10000-01-01T00:00:00Z', ['en']),
        ('3/18 10:00', ['fr'])]
    assert all(rest == (('en',),) for _, _, rest in seen)
    seen.clear()
    parse_feed_date('18 березня 2025, 10:00', relative_base=base)
    assert seen[0][1] == [] and seen[0][2] == (dates._LANG_FALLBACK,)
