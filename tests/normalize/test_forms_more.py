"""Still more wire forms (fixtures written for wirefeed from how agencies
and outlets format copy; none taken from any corpus): Indian state codes in
parentheses, place names with a parenthesized qualifier and dpa's desk
codes, photo captions before the dateline, Spanish/Portuguese/Italian/
Russian agency datelines, "the AFP" citations, dash and bar title credits,
and numeric feed dates read by the feed's language."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import find_citations, load_registry
from pipeline.normalize.article import _resolve_date, _title_credit
from pipeline.normalize.datelines import parse_head
from pipeline.normalize.dates import parse_feed_date
from pipeline.normalize import geo

from .entries import normalize_story

REG = load_registry()
UTC = dt.timezone.utc
FETCHED = dt.datetime(2025, 5, 27, 12, 0, tzinfo=UTC)


def norm(text, **kw):
    return normalize_story(text, FETCHED, **kw)


def _head(text):
    h = parse_head(text, REG)
    return h.location, [c for c, _, _ in h.credits], text[h.start:]


# ------------------------------------------------- datelines (place, credit)
# (text, location, dateline agencies, (month, day) or None, body start)
DATELINES = [
    # Indian papers: "(AP)" after a town of Andhra Pradesh is the state
    ('VIJAYAWADA (AP): The State government on Monday announced a scheme.',
     'VIJAYAWADA (AP)', [], None, 'The State government'),
    ('Guntur (AP): Farmers staged a protest on Monday.',
     'Guntur (AP)', [], None, 'Farmers staged'),
    ('TIRUPATI (AP) — Devotees thronged the temple.',
     'TIRUPATI (AP)', [], None, 'Devotees thronged'),
    ('Amaravati (AP), May 26 (PTI) The cabinet met on Monday.',
     'Amaravati (AP)', ['PTI'], (5, 26), 'The cabinet'),
    ('HYDERABAD (TS): The chief minister reviewed the rains.',
     'HYDERABAD (TS)', [], None, 'The chief minister'),
    # ... but the Associated Press's datelines stay its own
    ('WASHINGTON (AP) — The Senate voted on Monday.',
     'WASHINGTON', ['AP'], None, 'The Senate'),
    ('NEW DELHI (AP) — India said on Monday it would hold talks.',
     'NEW DELHI', ['AP'], None, 'India said'),
    ('NEW DELHI (AP): India said on Monday it would hold talks.',
     'NEW DELHI', ['AP'], None, 'India said'),
    ('NELLORE, India (AP) — A cyclone made landfall.',
     'NELLORE, India', ['AP'], None, 'A cyclone'),
    ('LONDON (AP): Britain said on Monday.',
     'LONDON', ['AP'], None, 'Britain said'),
    # dpa: a place name with its qualifier in parentheses, desk codes
    ('Halle (Saale) (dpa) - Die Polizei hat am Montag einen Mann festgenommen.',
     'Halle (Saale)', ['DPA'], None, 'Die Polizei'),
    ('Frankfurt (Oder) (dpa) - Die Stadt plant eine neue Br\u00fccke.',
     'Frankfurt (Oder)', ['DPA'], None, 'Die Stadt'),
    ('Freiburg (dpa/lsw) - Ein Unwetter hat Sch\u00e4den angerichtet.',
     'Freiburg', ['DPA'], None, 'Ein Unwetter'),
    ('Berlin (dpa/tmn) - Wer ein Auto kauft, sollte vergleichen.',
     'Berlin', ['DPA'], None, 'Wer ein Auto'),
    ('M\u00fcnchen (dpa/lby) - Der Landtag hat beschlossen.',
     'M\u00fcnchen', ['DPA'], None, 'Der Landtag'),
    ('Berlin (dpa) - Die Regierung hat am Montag beschlossen.',
     'Berlin', ['DPA'], None, 'Die Regierung'),
    ('Z\u00fcrich (awp/sda) - Die Notenbank h\u00e4lt den Leitzins.',
     'Z\u00fcrich', ['AWP', 'SDA'], None, 'Die Notenbank'),
    # Spanish, Portuguese, Italian, French, Russian agency datelines
    ('MADRID, 26 May (EFE).- El Gobierno aprob\u00f3 el plan.',
     'MADRID', ['EFE'], (5, 26), 'El Gobierno'),
    ('Caracas, 26 may (EFE).- El Gobierno anunci\u00f3 el plan.',
     'Caracas', ['EFE'], (5, 26), 'El Gobierno'),
    ('BOGOT\u00c1, 26 may /EFE/.- El Gobierno anunci\u00f3 el plan.',
     'BOGOT\u00c1', ['EFE'], (5, 26), 'El Gobierno'),
    ('MADRID, 26 (EUROPA PRESS) - El Gobierno ha aprobado el plan.',
     'MADRID', ['EUROPA_PRESS'], (None, 26), 'El Gobierno'),
    ('SEVILLA, 3 (EUROPA PRESS) - La Junta ha anunciado el plan.',
     'SEVILLA', ['EUROPA_PRESS'], (None, 3), 'La Junta'),
    ('Madrid, 26 may (Europa Press) - El Gobierno ha aprobado el plan.',
     'Madrid', ['EUROPA_PRESS'], (5, 26), 'El Gobierno'),
    ('BUENOS AIRES (T\u00e9lam) - El Gobierno anunci\u00f3 el plan.',
     'BUENOS AIRES', ['TELAM'], None, 'El Gobierno'),
    ('ROMA, 26 MAG (ANSA) - Il governo ha approvato il piano.',
     'ROMA', ['ANSA'], (5, 26), 'Il governo'),
    ('S\u00c3O PAULO, 26 MAI (Reuters) - O governo anunciou o plano.',
     'S\u00c3O PAULO', ['REUTERS'], (5, 26), 'O governo'),
    ('LISBOA, 26 mai (Lusa) - O Governo aprovou o plano.',
     'LISBOA', ['LUSA'], (5, 26), 'O Governo'),
    ('PARIS, 26 mai 2024 (AFP) - Le gouvernement a annonc\u00e9 un plan.',
     'PARIS', ['AFP'], (5, 26), 'Le gouvernement'),
    ('Paris (AFP) - Le gouvernement a annonc\u00e9 un plan.',
     'Paris', ['AFP'], None, 'Le gouvernement'),
    ('\u041c\u041e\u0421\u041a\u0412\u0410, 26 \u043c\u0430\u044f. '
     '/\u0422\u0410\u0421\u0421/. \u041f\u0440\u0435\u0437\u0438\u0434\u0435'
     '\u043d\u0442 \u0420\u043e\u0441\u0441\u0438\u0438 \u043f\u0440\u043e'
     '\u0432\u0435\u043b \u0432\u0441\u0442\u0440\u0435\u0447\u0443.',
     '\u041c\u041e\u0421\u041a\u0412\u0410', ['TASS'], (5, 26),
     '\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442'),
    ('MOSCOW, May 26. /TASS/. Russian President Vladimir Putin held talks.',
     'MOSCOW', ['TASS'], (5, 26), 'Russian President'),
]


@pytest.mark.parametrize('text,loc,agencies,md,body', DATELINES)
def test_datelines(text, loc, agencies, md, body):
    h = parse_head(text, REG)
    assert h.location == loc
    assert [c for c, kind, _ in h.credits] == agencies
    assert all(kind == 'dateline' for _, kind, _ in h.credits)
    assert ((h.month, h.day) if h.day else None) == md
    assert text[h.start:].startswith(body)


@pytest.mark.parametrize('location,country', [
    ('VIJAYAWADA (AP)', 'IN'),
    ('Hyderabad (TS)', 'IN'),       # (bare, Hyderabad is also in Pakistan)
    ('Halle (Saale)', 'DE'),
    ('Frankfurt (Oder)', 'DE'),
    ('Guwahati (Assam) [India]', 'IN'),
])
def test_parenthesized_qualifier_countries(location, country):
    assert geo.country_for(location) == country
    assert geo.resolves(location)


@pytest.mark.parametrize('text', [
    # a parenthesis that is neither a qualifier nor a credit
    'Apple (NASDAQ: AAPL) - Shares rose on Monday.',
    'TRUMP (VIDEO) (AP) — The president said.',
    # a desk code alone, or after another agency, credits nothing
    'Freiburg (lsw) - Ein Unwetter hat Sch\u00e4den angerichtet.',
    # "March 17" and "Page 3" with a number are no Europa Press dateline
    'Chapter, 12 (Blue Books) - A story begins.',
])
def test_no_false_dateline_credit(text):
    h = parse_head(text, REG)
    assert h.credits == []


def test_desk_codes_need_their_agency():
    assert REG.lookup_credit('dpa/lsw') == ['DPA']
    assert REG.lookup_credit('dpa/tmn') == ['DPA']
    assert REG.lookup_credit('lsw') == []
    assert REG.lookup_credit('Reuters/lsw') == []
    assert REG.lookup_credit('AFP/dpa') == ['AFP', 'DPA']


@pytest.mark.parametrize('published,expected', [
    ('Tue, 27 May 2025 10:00:00 GMT', dt.date(2025, 5, 26)),
    ('Sun, 01 Jun 2025 10:00:00 GMT', dt.date(2025, 5, 26)),
])
def test_day_only_dateline_resolves_against_publication(published, expected):
    row = norm('MADRID, 26 (EUROPA PRESS) - El Gobierno ha aprobado el plan.',
               published=published, language='es')
    assert row['dateline_location'] == 'MADRID'
    assert row['dateline_date'] == expected
    assert row['agencies'] == ['EUROPA_PRESS']
    assert row['body'].startswith('El Gobierno')


@pytest.mark.parametrize('day,ref,expected', [
    (26, dt.date(2025, 5, 27), dt.date(2025, 5, 26)),
    (31, dt.date(2025, 6, 1), dt.date(2025, 5, 31)),
    (1, dt.date(2025, 5, 31), dt.date(2025, 6, 1)),     # a time zone ahead
    (15, dt.date(2025, 5, 31), dt.date(2025, 5, 15)),
    (31, dt.date(2025, 5, 1), None),                    # too far back
])
def test_day_only_resolution(day, ref, expected):
    assert _resolve_date(None, day, None, ref) == expected


# ------------------------------------------------------ captions, then dateline
CAPTIONS = [
    ('FILE PHOTO: A man walks past a logo in this illustration taken June 2, '
     '2024. REUTERS/Dado Ruvic/File Photo\nLONDON, March 17 (Reuters) - '
     'Britain said on Monday.', 'LONDON', ['REUTERS'], 'Britain said'),
    # the caption run into the first paragraph
    ('FILE PHOTO: A man walks past a logo in this illustration taken June 2, '
     '2024. REUTERS/Dado Ruvic/File Photo LONDON, March 17 (Reuters) - '
     'Britain said on Monday.', 'LONDON', ['REUTERS'], 'Britain said'),
    ('A man walks past a logo. REUTERS/Dado Ruvic\nLONDON, March 17 '
     '(Reuters) - Britain said.', 'LONDON', ['REUTERS'], 'Britain said'),
    ('FILE - A man walks past a store in New York, June 2, 2024. (AP '
     'Photo/Jane Doe, File)\nNEW YORK (AP) \u2014 Retail sales rose.',
     'NEW YORK', ['AP'], 'Retail sales'),
    ('Protesters march in Paris on Monday. (Photo: AFP)\n\nPARIS (AFP) - '
     'France said.', 'PARIS', ['AFP'], 'France said'),
    ('Smoke rises over the city. AFP via Getty Images\nKYIV, Ukraine (AP) '
     '\u2014 Russia said.', 'KYIV, Ukraine', ['AP'], 'Russia said'),
    ('Riot police stand guard. EPA-EFE/JANE DOE\nMADRID, 26 may (EFE).- El '
     'Gobierno anunci\u00f3 el plan.', 'MADRID', ['EFE'], 'El Gobierno'),
    # a photo credit on a line of its own credits no agency
    ('Photo: AFP\nPARIS \u2014 France said on Monday.', 'PARIS', [],
     'France said'),
]


@pytest.mark.parametrize('text,loc,agencies,body', CAPTIONS)
def test_dateline_after_caption(text, loc, agencies, body):
    assert _head(text) == (loc, agencies, text[text.index(body):])


@pytest.mark.parametrize('text,body', [
    ('The minister spoke on Monday about TCP/IP\nThe new rules start today.',
     'The minister'),
    ('FILE PHOTO: A man walks past a logo.\nThe company said on Monday it '
     'would cut jobs.', 'FILE PHOTO'),
    ('Photo: AFP\nThe company said on Monday it would cut jobs.',
     'The company'),
    # a caption, then a capitalised opening that is no dateline
    ('A man walks past a logo. REUTERS/Dado Ruvic\nSTOCKS SLUMP \u2014 '
     'Markets fell.', 'A man walks'),
])
def test_caption_without_dateline(text, body):
    loc, agencies, rest = _head(text)
    assert (loc, agencies) == (None, [])
    assert rest.startswith(body)


def test_caption_is_not_the_location_in_a_row():
    row = norm('FILE PHOTO: A man walks past a logo in this illustration '
               'taken June 2, 2024. REUTERS/Dado Ruvic/File Photo\nLONDON, '
               'May 26 (Reuters) - Britain said on Monday.')
    assert row['dateline_location'] == 'LONDON'
    assert row['dateline_date'] == dt.date(2025, 5, 26)
    assert row['agencies'] == ['REUTERS']
    assert row['body'].startswith('Britain said')


# ------------------------------------------------------------ citations
@pytest.mark.parametrize('body,agency,text', [
    ('The minister told the AFP on Monday that the talks had failed.',
     'AFP', 'told the AFP'),
    ('Officials met on Monday, the AFP reported.', 'AFP', 'the AFP reported'),
    ('According to the AFP, the talks failed.', 'AFP', 'According to the AFP'),
    ('He told the AP in an interview that he would run.', 'AP', 'told the AP'),
    ('The minister told the dpa news agency that he would resign.', 'DPA',
     'told the dpa'),
    # the agency's own name spelled out is no other meaning
    ('Agence France-Presse (AFP) has a bureau in the city. A minister told '
     'the AFP on Monday it was over.', 'AFP', 'told the AFP'),
    ('The Associated Press (AP) is a cooperative. He told the AP he would '
     'run.', 'AP', 'told the AP'),
    ('The Press Trust of India has offices here. He told the PTI on Monday.',
     'PTI', 'told the PTI'),
])
def test_the_acronym_citations(body, agency, text):
    assert find_citations(body, REG) == [
        {'agency': agency, 'kind': 'cited', 'text': text}]


@pytest.mark.parametrize('body', [
    # spelled out as something else earlier, in parentheses or not
    'The Australian Federal Police (AFP) arrested a man. A spokesman told '
    'the AFP it was over.',
    'The Australian Federal Police said on Monday a man was charged. A '
    'spokesman told the AFP the inquiry continues.',
    'Pakistan Tehreek-e-Insaf leaders met on Monday. A spokesman told the '
    'PTI the party would protest.',
    'The Aam Aadmi Party leader told the AAP the vote was fair.',
    # a bare mention, no citing phrase
    'The AFP is investigating the case.',
    # inside a quotation
    '"I told the AFP everything," he said.',
])
def test_the_acronym_that_is_no_citation(body):
    assert find_citations(body, REG) == []


def test_the_afp_citation_in_a_row():
    row = norm('The minister said on Monday that talks had stalled. A senior '
               'official told the AFP that no date was set.')
    assert row['agencies'] == ['AFP']
    assert [(a['kind'], a['text']) for a in row['attributions']] == [
        ('cited', 'told the AFP')]
    assert row['dateline_location'] is None


# ------------------------------------------------------------ title credits
@pytest.mark.parametrize('title,agencies', [
    ('Ministers back plan - AAP', ['AAP']),
    ('Ministers back plan | AFP', ['AFP']),
    ('Ministers back plan \u2013 Reuters', ['REUTERS']),
    ('Floods hit coastal towns (AFP)', ['AFP']),
    # an outlet, not an agency; the acronym not at the end
    ('Ministers back plan - BBC News', []),
    ('Aam Aadmi Party - AAP wins Delhi polls', []),
    ('Floods in Andhra Pradesh (AP)', []),
    ('PM says no - AAP - news.com.au', []),
])
def test_title_suffix_credit(title, agencies):
    assert [c for c, kind, _ in _title_credit(title, REG)] == agencies
    assert all(kind == 'title' for _, kind, _ in _title_credit(title, REG))


# ------------------------------------------------------------ numeric dates
@pytest.mark.parametrize('raw,lang,expected', [
    # the feed's language decides which number is the month
    ('02/06/2025 10:00', 'en-us', dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00', 'en', dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00', 'en-GB', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00', 'en_IN', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00', 'fr', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00', 'de-DE', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    # a two-digit year, read by the stdlib scanner too
    ('02/06/25', 'en-us', dt.datetime(2025, 2, 6, tzinfo=UTC)),
    ('02/06/25', 'es', dt.datetime(2025, 6, 2, tzinfo=UTC)),
    ('02/06/25 10:00', 'pt-br', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('10/24/19 12:00:00 PM', None, dt.datetime(2019, 10, 24, 12, 0, tzinfo=UTC)),
    # a number above 12 settles it whatever the language
    ('13/06/2025 10:00', 'en-us', dt.datetime(2025, 6, 13, 10, 0, tzinfo=UTC)),
    ('06/13/2025 10:00', 'fr', dt.datetime(2025, 6, 13, 10, 0, tzinfo=UTC)),
    # so does a weekday
    ('lun, 02/06/2025', 'en-us', dt.datetime(2025, 6, 2, tzinfo=UTC)),
    ('Mon, 06/02/2025 - 14:03', 'fr', dt.datetime(2025, 6, 2, 14, 3, tzinfo=UTC)),
    # no language: month first, as dateparser reads it ...
    ('02/06/2025 10:00', None, dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('02/06/25', None, dt.datetime(2025, 2, 6, tzinfo=UTC)),
    # ... unless the string is not US English
    ('02.06.2025 10:00', None, dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10h00', None, dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('02/06/2025 \u00e0s 10:00', None, dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00 CET', None, dt.datetime(2025, 6, 2, 9, 0, tzinfo=UTC)),
    ('02/06/2025 10:00 EST', None, dt.datetime(2025, 2, 6, 15, 0, tzinfo=UTC)),
    # dots are day first even in a US feed
    ('02.06.25', 'en-us', dt.datetime(2025, 6, 2, tzinfo=UTC)),
])
def test_numeric_dates_by_language(raw, lang, expected):
    assert parse_feed_date(raw, languages=[lang] if lang else None,
                           relative_base=FETCHED) == expected


@pytest.mark.parametrize('lang,expected', [
    ('en-us', dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('en-gb', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('es', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
])
def test_feed_language_reaches_the_date_parser(lang, expected):
    row = norm('The council met on Monday.', published='02/06/2025 10:00',
               language=lang)
    assert row['published_at'] == expected
    assert row['published_at_source'] == 'feed'
    assert row['language'] == lang.split('-')[0]
