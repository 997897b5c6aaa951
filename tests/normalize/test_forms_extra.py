"""More general forms (fixtures written for wirefeed): full non-ASCII month
names in datelines, year-first numeric dates, US zone names that follow
daylight saving."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import load_registry
from pipeline.normalize.dates import parse_feed_date
from pipeline.normalize.datelines import parse_head

REG = load_registry()
UTC = dt.timezone.utc


@pytest.mark.parametrize('text,loc,month,day,year,agency', [
    ('Paris, 3 f\u00e9vrier 2025 (AFP) - Le gouvernement a dit.', 'Paris', 2, 3, 2025, 'AFP'),
    ('PARIS, 24 d\u00e9cembre (AFP) - Le ministre a dit.', 'PARIS', 12, 24, None, 'AFP'),
    ('WIEN, 3. J\u00e4nner (APA) - Die Regierung sagte.', 'WIEN', 1, 3, None, 'APA'),
    ('LISBOA, 5 de mar\u00e7o (Lusa) - O Governo disse.', 'LISBOA', 3, 5, None, 'LUSA'),
])
def test_latin_month_names(text, loc, month, day, year, agency):
    h = parse_head(text, REG)
    assert (h.location, h.month, h.day, h.year) == (loc, month, day, year)
    assert [c for c, kind, _ in h.credits] == [agency]


@pytest.mark.parametrize('raw,expected', [
    ('2025/02/03 08:15:00', dt.datetime(2025, 2, 3, 8, 15, tzinfo=UTC)),
    ('2025.02.03 08:15', dt.datetime(2025, 2, 3, 8, 15, tzinfo=UTC)),
    ('2/3/2025 08:15', dt.datetime(2025, 2, 3, 8, 15, tzinfo=UTC)),  # m/d
    ('2/13/2025 08:15', dt.datetime(2025, 2, 13, 8, 15, tzinfo=UTC)),
    # ET/PT follow daylight saving: EST in February, PDT in July
    ('Feb 3, 2025 at 8:15 pm ET', dt.datetime(2025, 2, 4, 1, 15, tzinfo=UTC)),
    ('Jul 3, 2025 8:15 AM PT', dt.datetime(2025, 7, 3, 15, 15, tzinfo=UTC)),
    # "et" in lower case is a word, not a zone
    ('3 f\u00e9vr. 2025 et 08:15', dt.datetime(2025, 2, 3, 8, 15, tzinfo=UTC)),
])
def test_numeric_and_region_zone_dates(raw, expected):
    assert parse_feed_date(raw) == expected


@pytest.mark.parametrize('tail,agency', [
    ('Copyright 2025 The Associated Press. All rights reserved. This material '
     'may not be published, broadcast, rewritten or redistributed.', 'AP'),
    ('\n\u00a9 2025 AFP', 'AFP'),
    (' Copyright (c) 2024 Reuters', 'REUTERS'),
    (' Copyright 2024 Thomson Reuters.\nAll rights reserved.', 'REUTERS'),
])
def test_copyright_closing_credit(tail, agency):
    from pipeline.normalize.article import _closing_credit
    body = 'The council met on Monday and approved the plan.' + tail
    credits, cut = _closing_credit(body, REG)
    assert [c for c, kind, _ in credits] == [agency]
    assert body[:cut].rstrip() == 'The council met on Monday and approved the plan.'


@pytest.mark.parametrize('body', [
    'The council met.\nCopyright 2025 Daily Courier. All rights reserved.',
    'He sued over the copyright of the song by Prince.',
])
def test_copyright_of_others_is_no_credit(body):
    from pipeline.normalize.article import _closing_credit
    assert _closing_credit(body, REG)[0] == []


@pytest.mark.parametrize('text,loc', [
    ('Lahore: The Punjab government on Monday announced a plan.', 'Lahore'),
    ('Karachi: Police said three suspects were arrested.', 'Karachi'),
    ('New Delhi: The cabinet approved the bill.', 'New Delhi'),
    ('Lahore, Pakistan: Police said the road was closed.', 'Lahore, Pakistan'),
    ('Dhaka: \u201cWe will rebuild,\u201d the minister said.', 'Dhaka'),
    ('By Our Correspondent\nPeshawar: Gunmen attacked a checkpoint.', 'Peshawar'),
])
def test_title_case_colon_datelines(text, loc):
    h = parse_head(text, REG)
    assert h.location == loc
    assert text[h.start:].split()[0] not in ('Lahore:', 'Karachi:')
    assert h.dateline_raw.endswith(':')


@pytest.mark.parametrize('text', [
    'Note: This story has been corrected.',
    'Update: The toll rose to 12.',
    'Key points: The bill passes.',
    'Summary: Markets fell.',
    'Reading: The town council met.',      # a place, but not South Asian
    'Washington: The White House said.',
    'India: The economy grew 7%.',          # a country heads a section
    'Punjab: The province votes.',          # so does a region
    'Lahore: 5 killed in blast.',           # no sentence after the colon
    'Karachi: shares rose on Monday.',
    'Lahore - The city council met.',       # title case needs the colon
])
def test_title_case_colon_non_datelines(text):
    h = parse_head(text, REG)
    assert h.location is None and h.dateline_raw is None


@pytest.mark.parametrize('text,loc,agency', [
    ('NEW YORK (Reuters Health) - People who sleep less are likelier to catch colds.',
     'NEW YORK', 'REUTERS'),
    ('PARIS (AFP-Relaxnews) - Museums across France open their doors for free.',
     'PARIS', 'AFP'),
])
def test_agency_services_credit_their_agency(text, loc, agency):
    h = parse_head(text, REG)
    assert h.location == loc
    assert [c for c, kind, _ in h.credits] == [agency]
