"""Wire heads and credits of agencies found missing by a review against how
they and the outlets that republish them write (fixtures written for
wirefeed, not taken from any corpus), with the look-alikes that credit
nothing."""
import datetime as dt

import pytest

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 19, 12, 0, tzinfo=UTC)
BODY = 'The minister said on Tuesday that talks would resume.'


def norm(text, **kw):
    return normalize_story(text, FETCHED, **kw)


# ------------------------------------------------ agencies' own signatures
@pytest.mark.parametrize('head,location,agency', [
    ('TEHRAN (FNA)- ', 'TEHRAN', 'FARS'),
    ('TEHRAN, Mar. 18 (MNA) \u2013 ', 'TEHRAN', 'MEHR'),
    ('KATHMANDU, March 18 (RSS) - ', 'KATHMANDU', 'RSS_NEPAL'),
    ('Ljubljana, 18 March (STA) - ', 'Ljubljana', 'STA'),
    ('VILNIUS, March 18 (BNS) - ', 'VILNIUS', 'BNS'),
    ('BRATISLAVA, March 18 (TASR) - ', 'BRATISLAVA', 'TASR'),
])
def test_agency_signature_in_dateline(head, location, agency):
    row = norm(head + BODY)
    assert row['dateline_location'] == location
    assert kinds(row, 'dateline') == [agency]
    assert row['body'].startswith('The minister')
    if 'Mar' in head:
        assert row['dateline_date'] == dt.date(2025, 3, 18)


@pytest.mark.parametrize('text', [
    'The RSS feed of the ministry said on Tuesday that talks would resume.',
    'RSS chief Mohan Bhagwat said on Tuesday that talks would resume.',
    'According to the RSS, talks would resume.',
    'The STA said on Tuesday that talks would resume.',
    'BNS figures showed on Tuesday that growth slowed.',
    'The MNA said on Tuesday that talks would resume.',
])
def test_signature_lookalikes_credit_nothing(text):
    row = norm(text)
    assert row['agencies'] == []
    assert row['dateline_raw'] is None


# ------------------------------------------------------------ closing credits
STORY = 'WASHINGTON \u2014 ' + BODY + '\nThe talks are expected to last two days.\n'


@pytest.mark.parametrize('end,expected', [
    # Reuters' sign-off with its "editing" in lower case, or a writer only
    ('(Writing by Jane Doe; editing by John Roe)', ['REUTERS']),
    ('(Writing by Jane Doe; Additional reporting by Ed Lane)', ['REUTERS']),
    # a double-hyphen before "With"
    ('-- With AFP', ['AFP']),
    # CP's line for a story written with its copy
    ('\u2014 With files from The Canadian Press', ['CP']),
    ('With files from Reuters', ['REUTERS']),
    # WAM's sign-off: the agency, its writer and its editor
    ('WAM/Rasha Abdel/Mohamed Ali', ['WAM']),
    ('WAM/Hazem Hussein', ['WAM']),
    # the writer's name, then the agency, as the last line
    ('Jane Doe, AFP', ['AFP']),
    ('— Marie-Claire O’Neil, AFP', ['AFP']),
    ('John Smith, Associated Press', ['AP']),
])
def test_closing_credit_forms(end, expected):
    row = norm(STORY + end)
    assert kinds(row, 'credit') == expected
    assert row['body'].endswith('last two days.')


@pytest.mark.parametrize('end', [
    'NASA/JPL-Caltech',
    'EPA/Jane Doe',
    '(Writing by hand is a dying art)',
    'With files from the city archive',
    # a photo credit, a poll, another agency's slash
    'AFP/Getty Images',
    'AP/NORC',
    'XINHUA/Li Wei',
    # a name and a place; a man of Andhra Pradesh; a sentence
    'Jane Doe, Paris',
    'Ramesh Babu, AP',
    'Smith said, AFP',
])
def test_closing_lookalikes_credit_nothing(end):
    row = norm(STORY + end)
    assert kinds(row, 'credit') == []


# -------------------------------------- a credit as qualifier, or before "."
@pytest.mark.parametrize('head,location,day,agency', [
    # IRNA's and AAP's "Place, AGENCY -"
    ('Tehran, IRNA -- ', 'Tehran', None, 'IRNA'),
    ('Tehran, IRNA \u2013 ', 'Tehran', None, 'IRNA'),
    ('Canberra, AAP - ', 'Canberra', None, 'AAP'),
    # a full stop after the credit: Armenpress, Montsame
    ('YEREVAN, MARCH 18, ARMENPRESS. ', 'YEREVAN', 18, 'ARMENPRESS'),
    ('ULAANBAATAR, March 18 (MONTSAME). ', 'ULAANBAATAR', 18, 'MONTSAME'),
])
def test_credit_as_qualifier_or_before_a_full_stop(head, location, day, agency):
    row = norm(head + BODY)
    assert row['dateline_location'] == location
    assert kinds(row, 'dateline') == [agency]
    assert row['body'].startswith('The minister')
    if day:
        assert row['dateline_date'] == dt.date(2025, 3, day)


@pytest.mark.parametrize('text,location', [
    # a state code is no agency
    ('Pittsburgh, PA \u2014 ' + BODY, 'Pittsburgh, PA'),
    ('Vijayawada, AP \u2014 ' + BODY, None),
    ('Springfield, Ill. \u2014 ' + BODY, 'Springfield, Ill.'),
    # a name that is no place, with an agency after it
    ('Jane Doe, AFP \u2014 ' + BODY, None),
])
def test_qualifier_lookalikes(text, location):
    row = norm(text)
    assert row['agencies'] == []
    assert row['dateline_location'] == location


# ------------------------------------ a cited name, then its own acronym
@pytest.mark.parametrize('sentence,expected', [
    ('Talks resume, the Emirates News Agency (WAM) reported.', ['WAM']),
    ('Talks resume, the Kuwait News Agency (KUNA) said on Monday.', ['KUNA']),
    ('Talks resume, Agence France-Presse (AFP) reported.', ['AFP']),
    ('Talks resume, the Saudi Press Agency (SPA) said.', ['SPA']),
    # an acronym of something else, or no citing verb
    ('Talks resume, the Emirates News Agency (UAE) reported.', []),
    ('The Emirates News Agency (WAM) building was closed.', []),
])
def test_cited_name_then_its_acronym(sentence, expected):
    row = norm('WASHINGTON \u2014 ' + sentence)
    assert sorted(row['agencies']) == expected


def assert_dateline_agency(head, location, agency):
    """The head before BODY gives this place and credits this agency in the
    dateline; the body starts after it."""
    row = norm(head + BODY)
    assert row['dateline_location'] == location
    assert kinds(row, 'dateline') == [agency]
    assert row['body'].startswith('The minister')


# ------------------------------------- the place, a full stop, the agency
@pytest.mark.parametrize('head,location,agency', [
    ('ASTANA. KAZINFORM \u2013 ', 'ASTANA', 'KAZINFORM'),
    ('ALMATY. KAZINFORM - ', 'ALMATY', 'KAZINFORM'),
])
def test_place_full_stop_agency(head, location, agency):
    assert_dateline_agency(head, location, agency)


@pytest.mark.parametrize('text', [
    'BREAKING. AFP \u2013 ' + BODY,
    'U.S. AP POLL \u2013 ' + BODY,
    'ASTANA. NOTHING \u2013 ' + BODY,
])
def test_place_full_stop_lookalikes(text):
    row = norm(text)
    assert kinds(row, 'dateline') == []


# ------------------------------------------ the Gulf papers' colon datelines
@pytest.mark.parametrize('text,location', [
    ('Dubai: The RTA said on Tuesday that fares would rise.', 'Dubai'),
    ('Doha: Qatar said on Tuesday that talks would resume.', 'Doha'),
    ('Muscat: The ministry said on Tuesday.', 'Muscat'),
    ('Kuwait City: The ministry said on Tuesday.', 'Kuwait City'),
    ('Abu Dhabi: The ministry said on Tuesday.', 'Abu Dhabi'),
])
def test_gulf_colon_dateline(text, location):
    row = norm(text)
    assert row['dateline_location'] == location
    assert row['body'] == text.split(': ', 1)[1]


@pytest.mark.parametrize('text', [
    # a country heads a section; a lower-case word is a label's text
    'UAE: The ministry said on Tuesday.',
    'Qatar: The ministry said on Tuesday.',
    'Saudi Arabia: The ministry said on Tuesday.',
    'Dubai: a guide to the city for first-time visitors.',
])
def test_gulf_colon_lookalikes(text):
    row = norm(text)
    assert row['dateline_raw'] is None
    assert row['body'] == text


# --------------------------------------------- the German Catholic agency
@pytest.mark.parametrize('text,location,expected', [
    ('Bonn (KNA) Der Minister sagte am Dienstag.', 'Bonn', ['KNA_DE']),
    ('Berlin (KNA) - Der Minister sagte am Dienstag.', 'Berlin', ['KNA_DE']),
    ('Der Minister sagte am Dienstag der Katholischen Nachrichten-Agentur, '
     'die Gespräche gingen weiter.', None, ['KNA_DE']),
])
def test_kna(text, location, expected):
    row = norm(text, language='de')
    assert row['dateline_location'] == location
    assert sorted(row['agencies']) == expected
    assert row['body'].startswith('Der Minister')


def test_kna_acronym_alone_is_no_citation():
    row = norm('The KNA said on Tuesday that talks would resume.')
    assert row['agencies'] == []


# ---------------------------------------------------------- Yonhap's end mark
@pytest.mark.parametrize('end,expected', [
    ('\n(END)', []),
    ('\nyoonjh@yna.co.kr\n(END)', []),
    ('\n-- Yonhap\n(END)', ['YONHAP']),
])
def test_yonhap_end_mark(end, expected):
    row = norm('SEOUL, March 18 (Yonhap) -- ' + BODY + end)
    assert kinds(row, 'credit') == expected
    assert kinds(row, 'dateline') == ['YONHAP']
    assert not row['body'].endswith('(END)')
    assert row['body'].startswith('The minister')


# ------------------------------- the agency after the dateline's dash, "."
@pytest.mark.parametrize('head,location,agency', [
    # RIA Novosti's older form
    ('MOSCOW, Mar 18 - RIA Novosti. ', 'MOSCOW', 'RIA'),
    ('MOSCOW, March 18 - Interfax. ', 'MOSCOW', 'INTERFAX'),
    ('BEIJING - Xinhua. ', 'BEIJING', 'XINHUA'),
])
def test_agency_and_full_stop_after_the_dash(head, location, agency):
    assert_dateline_agency(head, location, agency)


@pytest.mark.parametrize('head', [
    'WASHINGTON - AP. ',                 # "AP" alone: also Andhra Pradesh
    'LONDON - Boris Johnson. ',
    'HOUSTON - Exxon Mobil Corp. said ',
])
def test_a_name_after_the_dash_credits_nothing(head):
    row = norm(head + BODY)
    assert kinds(row, 'dateline') == []
    assert row['body'].startswith(head.split(' - ')[1].split('.')[0])


@pytest.mark.parametrize('head,credits', [
    # Ukrinform's head: the place, a bullet, the agency, a dash
    ('Kyiv \u2022 Ukrinform \u2013 ', ['UKRINFORM']),
    ('Odesa \u2022 Ukrinform - ', ['UKRINFORM']),
    # a section and a topic, a place and a topic: no dateline
    ('Sports \u2022 Football \u2013 ', []),
    ('Kyiv \u2022 Politics \u2013 ', []),
])
def test_place_bullet_agency(head, credits):
    row = norm(head + BODY)
    assert kinds(row, 'dateline') == credits
    if credits:
        assert row['dateline_location'] == head.split(' \u2022')[0]
        assert row['body'].startswith('The minister')
    else:
        assert row['dateline_location'] is None


@pytest.mark.parametrize('first,location', [
    # a page's dateline block: the place alone on the first line
    ('LONDON', 'LONDON'),
    ('SAN FRANCISCO', 'SAN FRANCISCO'),
    # a country, a label, an organisation, a town that is also a word (and a
    # town of several countries): no dateline
    ('UKRAINE', None),
    ('WORLD NEWS', None),
    ('NATO', None),
    ('READING', None),
])
def test_place_alone_on_the_first_line(first, location):
    row = norm(f'<div>{first}</div><p>{BODY}</p>')
    assert row['dateline_location'] == location
    assert row['body'].startswith('The minister' if location else first)
