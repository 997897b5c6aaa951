"""Held-out-style wire-copy forms (fixtures written for wirefeed from how
wires and outlets format copy; not taken from any corpus): other agencies'
datelines, unicode dashes and no-break spaces, HTML-wrapped datelines,
non-English dates, story openings that look like datelines but are not,
and agency mentions that are or are not credits."""
import datetime as dt

import pytest

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, 0, tzinfo=UTC)


def norm(text, **kw):
    return normalize_story(text, FETCHED, **kw)


# ------------------------------------------------------------- datelines
# (text, location, (month, day) or None, country or None, dateline agencies,
#  first word of the body)
DATELINES = [
    ('BEIJING, March 17 (Xinhua) -- China\'s central bank held rates.',
     'BEIJING', (3, 17), 'CN', ['XINHUA'], "China's"),
    ('NEW DELHI, Mar 17 (PTI) The government on Monday said.',
     'NEW DELHI', (3, 17), 'IN', ['PTI'], 'The'),
    ('TOKYO (Kyodo) -- Japan\'s exports rose.',
     'TOKYO', None, 'JP', ['KYODO'], "Japan's"),
    ('SEOUL, March 17 (Yonhap) -- North Korea fired a missile.',
     'SEOUL', (3, 17), 'KR', ['YONHAP'], 'North'),
    ('MOSCOW, March 17 (TASS) - The Kremlin said.',
     'MOSCOW', (3, 17), 'RU', ['TASS'], 'The'),
    ('ANKARA (AA) - Turkey\'s parliament met.',
     'ANKARA', None, 'TR', ['ANADOLU'], "Turkey's"),
    ('BERLIN (dpa) - Die Bundesregierung hat beschlossen.',
     'BERLIN', None, 'DE', ['DPA'], 'Die'),
    ('MADRID, 3 mar (EFE).- El Gobierno aprobó el plan.',
     'MADRID', (3, 3), 'ES', ['EFE'], 'El'),
    ('ROME, March 17 (ANSA) - Italy\'s premier said.',
     'ROME', (3, 17), 'IT', ['ANSA'], "Italy's"),
    ('CANBERRA, March 17 (AAP) - The prime minister said.',
     'CANBERRA', (3, 17), 'AU', ['AAP'], 'The'),
    ('KUALA LUMPUR, March 17 (Bernama) -- Malaysia will host the talks.',
     'KUALA LUMPUR', (3, 17), 'MY', ['BERNAMA'], 'Malaysia'),
    ('JAKARTA (ANTARA) - Indonesia\'s president said.',
     'JAKARTA', None, 'ID', ['ANTARA'], "Indonesia's"),
    ('OSLO (NTB) - Regjeringen la fram budsjettet.',
     'OSLO', None, 'NO', ['NTB'], 'Regjeringen'),
    ('LONDON (PA) - Train drivers will strike.',
     'LONDON', None, 'GB', ['PA'], 'Train'),
    ('WASHINGTON (UPI) -- The Senate passed the bill.',
     'WASHINGTON', None, 'US', ['UPI'], 'The'),
    ('NEW YORK (Bloomberg) -- Stocks fell.',
     'NEW YORK', None, 'US', ['BLOOMBERG'], 'Stocks'),
    ('TEHRAN (IRNA) -- Iran\'s foreign minister said.',
     'TEHRAN', None, 'IR', ['IRNA'], "Iran's"),
    ('HANOI (VNA) - Vietnam\'s exports rose.',
     'HANOI', None, 'VN', ['VNA'], "Vietnam's"),
    ('DHAKA, March 17 (BSS) - The cabinet approved the plan.',
     'DHAKA', (3, 17), 'BD', ['BSS'], 'The'),
    ('ISLAMABAD, Mar 17 (APP): Prime Minister said on Monday.',
     'ISLAMABAD', (3, 17), 'PK', ['APP'], 'Prime'),
    ('TORONTO (CP) \u2014 The Bank of Canada held rates.',
     'TORONTO', None, 'CA', ['CP'], 'The'),
    ('WINDHOEK, Namibia, March 17 (Xinhua) -- Namibia will vote.',
     'WINDHOEK, Namibia', (3, 17), 'NA', ['XINHUA'], 'Namibia'),
    # unicode dashes, no-break spaces
    ('WASHINGTON (AP) \u2014 The Senate voted.',
     'WASHINGTON', None, 'US', ['AP'], 'The'),
    ('LONDON \u2013 Shares fell.', 'LONDON', None, 'GB', [], 'Shares'),
    ('PARIS \u2015 Le gouvernement a dit.', 'PARIS', None, 'FR', [], 'Le'),
    ('WASHINGTON\u00a0(AP)\u00a0\u2014 The Senate voted.',
     'WASHINGTON', None, 'US', ['AP'], 'The'),
    ('KYIV, Ukraine\u00a0(AP) \u2014 Drones hit the city.',
     'KYIV, Ukraine', None, 'UA', ['AP'], 'Drones'),
    # US and Canadian places with state / province abbreviations
    ('ST. PAUL, Minn. (AP) \u2014 Minnesota lawmakers met.',
     'ST. PAUL, Minn.', None, 'US', ['AP'], 'Minnesota'),
    ('FORT LAUDERDALE, Fla. \u2014 A man was arrested.',
     'FORT LAUDERDALE, Fla.', None, 'US', [], 'A'),
    ('COLORADO SPRINGS, Colo. (AP) \u2014 A gunman opened fire.',
     'COLORADO SPRINGS, Colo.', None, 'US', ['AP'], 'A'),
    ('WASHINGTON, D.C. \u2014 The Senate voted.',
     'WASHINGTON, D.C.', None, 'US', [], 'The'),
    ('HALIFAX, N.S. (CP) \u2014 Fishers protested.',
     'HALIFAX, N.S.', None, 'CA', ['CP'], 'Fishers'),
    ("ST. JOHN'S, N.L. (CP) \u2014 The province said.",
     "ST. JOHN'S, N.L.", None, 'CA', ['CP'], 'The'),
    ('CHARLOTTETOWN, P.E.I. (CP) \u2014 The province said.',
     'CHARLOTTETOWN, P.E.I.', None, 'CA', ['CP'], 'The'),
    ('GAZA CITY, Gaza Strip (AP) \u2014 Airstrikes hit.',
     'GAZA CITY, Gaza Strip', None, 'PS', ['AP'], 'Airstrikes'),
    ('UNITED NATIONS (AP) \u2014 The Security Council voted.',
     'UNITED NATIONS', None, None, ['AP'], 'The'),
    ('MEXICO CITY (AP) \u2014 Mexico\'s president said.',
     'MEXICO CITY', None, 'MX', ['AP'], "Mexico's"),
    # dates in other languages
    ('BERLIN, 17. M\u00e4rz (dpa) - Die Regierung hat beschlossen.',
     'BERLIN', (3, 17), 'DE', ['DPA'], 'Die'),
    ('GEN\u00c8VE, 17 mars (ATS) - Le Conseil f\u00e9d\u00e9ral a dit.',
     'GEN\u00c8VE', (3, 17), 'CH', ['ATS'], 'Le'),
    ('Paris, 17 mars 2025 (AFP) - Le gouvernement a annonc\u00e9.',
     'Paris', (3, 17), 'FR', ['AFP'], 'Le'),
    ('BUENOS AIRES, 17 mar (EFE).- El Gobierno argentino dijo.',
     'BUENOS AIRES', (3, 17), 'AR', ['EFE'], 'El'),
    ('S\u00c3O PAULO, 17 de mar\u00e7o (Lusa) - O Governo disse.',
     'S\u00c3O PAULO', (3, 17), 'BR', ['LUSA'], 'O'),
    ('ROMA, 17 mar (ANSA) - Il governo ha approvato.',
     'ROMA', (3, 17), 'IT', ['ANSA'], 'Il'),
    ('BRUXELLES, 17 f\u00e9vr. (AFP) - La Commission a dit.',
     'BRUXELLES', (2, 17), 'BE', ['AFP'], 'La'),
    ('Madrid, 17 sept (EFE).- El Gobierno dijo.',
     'Madrid', (9, 17), 'ES', ['EFE'], 'El'),
    # title-case agency datelines
    ('Washington (AFP) - The US Senate voted.',
     'Washington', None, 'US', ['AFP'], 'The'),
    ('Tokyo, March 17 (Jiji Press) -- The government said.',
     'Tokyo', (3, 17), 'JP', ['JIJI'], 'The'),
    # outlets and press-release distributors in the dateline: no agency
    ('ARMONK, N.Y., March 17, 2025 /PRNewswire/ -- IBM (NYSE: IBM) today '
     'announced a deal.', 'ARMONK, N.Y.', (3, 17), 'US', [], 'IBM'),
    ('NEW YORK, March 17, 2025 (GLOBE NEWSWIRE) -- Acme Corp. today '
     'announced a deal.', 'NEW YORK', (3, 17), 'US', [], 'Acme'),
    ('SAN JOSE, Calif.--(BUSINESS WIRE)--Acme Corp. today announced a deal.',
     'SAN JOSE, Calif.', None, 'US', [], 'Acme'),
    ('Washington (CNN) \u2014 The Senate voted on Tuesday.',
     'Washington', None, 'US', [], 'The'),
    ('NEW YORK (MarketWatch) -- Stocks fell on Monday.',
     'NEW YORK', None, 'US', [], 'Stocks'),
    ('Islamabad, Mar 17 (Dawn): The cabinet met.',
     'Islamabad', (3, 17), 'PK', [], 'The'),
    ('LONDON, March 17 (Reuters Breakingviews) - Banks are cheap.',
     'LONDON', (3, 17), 'GB', ['REUTERS'], 'Banks'),
    # qualifiers joined by "and"; ANI's bracketed country
    ('SARAJEVO, Bosnia and Herzegovina (AP) \u2014 Thousands marched.',
     'SARAJEVO, Bosnia and Herzegovina', None, 'BA', ['AP'], 'Thousands'),
    ('PORT OF SPAIN, Trinidad and Tobago (AP) \u2014 Police said.',
     'PORT OF SPAIN, Trinidad and Tobago', None, 'TT', ['AP'], 'Police'),
    ('New Delhi [India], March 17 (ANI): Prime Minister Narendra Modi said.',
     'New Delhi [India]', (3, 17), 'IN', ['ANI'], 'Prime'),
    ('Lahore [Pakistan], March 17 (ANI): Police said.',
     'Lahore [Pakistan]', (3, 17), 'PK', ['ANI'], 'Police'),
    ('Guwahati (Assam) [India], March 17 (ANI): Police said.',
     'Guwahati (Assam) [India]', (3, 17), 'IN', ['ANI'], 'Police'),
    ('Srinagar (Jammu and Kashmir) [India], March 17 (ANI): Police said.',
     'Srinagar (Jammu and Kashmir) [India]', (3, 17), 'IN', ['ANI'],
     'Police'),
    # more agencies, forms as their copy has them
    ('KHAN YOUNIS, Gaza Strip (AP) \u2014 Airstrikes hit.',
     'KHAN YOUNIS, Gaza Strip', None, 'PS', ['AP'], 'Airstrikes'),
    ('BRUSSELS/LONDON, March 17 (Reuters) - EU leaders agreed.',
     'BRUSSELS/LONDON', (3, 17), None, ['REUTERS'], 'EU'),
    ('Mumbai, March 17 (IANS) The Sensex rose.',
     'Mumbai', (3, 17), 'IN', ['IANS'], 'The'),
    ('Lahore, March 17 (APP): Punjab Chief Minister said.',
     'Lahore', (3, 17), 'PK', ['APP'], 'Punjab'),
    ('KATHMANDU, March 17: The government decided.',
     'KATHMANDU', (3, 17), 'NP', [], 'The'),
    ('PYONGYANG, March 17 (KCNA) -- Kim Jong Un inspected.',
     'PYONGYANG', (3, 17), 'KP', ['KCNA'], 'Kim'),
    ('ATHENS, March 17 (ANA-MPA) - Greece\'s premier said.',
     'ATHENS', (3, 17), 'GR', ['ANA'], "Greece's"),
    ('KUWAIT CITY, March 17 (KUNA) -- The Emir received.',
     'KUWAIT CITY', (3, 17), 'KW', ['KUNA'], 'The'),
    ('HAVANA, March 17 (Prensa Latina) - Cuba\'s president said.',
     'HAVANA', (3, 17), 'CU', ['PRENSA_LATINA'], "Cuba's"),
    ('THE HAGUE (ANP) - The Dutch cabinet said.',
     'THE HAGUE', None, 'NL', ['ANP'], 'The'),
    ('london, march 17 (reuters) - shares fell.',
     'london', (3, 17), 'GB', ['REUTERS'], 'shares'),
    # TASS's and Interfax's own punctuation; Kyodo's bare credit
    ('MOSCOW, March 17. /TASS/. Russian President Vladimir Putin said.',
     'MOSCOW', (3, 17), 'RU', ['TASS'], 'Russian'),
    ('MOSCOW. March 17 (Interfax) - Russia\'s central bank said.',
     'MOSCOW', (3, 17), 'RU', ['INTERFAX'], "Russia's"),
    ('TOKYO, March 17 Kyodo - Japan\'s economy grew.',
     'TOKYO', (3, 17), 'JP', ['KYODO'], "Japan's"),
    ('(ANSA) - ROMA, 17 MAR - Il governo ha approvato.',
     'ROMA', (3, 17), 'IT', ['ANSA'], 'Il'),
    ('NEW YORK, Sept. 11 (AP) \u2014 Families gathered.',
     'NEW YORK', (9, 11), 'US', ['AP'], 'Families'),
    ('JERUSALEM (JTA) \u2014 Israel\'s cabinet voted.',
     'JERUSALEM', None, None, [], "Israel's"),
    # title case with a state or country and a dash
    ('Springfield, Ill. \u2014 Gov. JB Pritzker signed the bill.',
     'Springfield, Ill.', None, 'US', [], 'Gov.'),
    ('Washington, D.C. \u2014 The Senate voted.',
     'Washington, D.C.', None, 'US', [], 'The'),
    ('Sydney, Australia \u2014 Fires burned.',
     'Sydney, Australia', None, 'AU', [], 'Fires'),
    # the place is on one line: a source line or a kicker comes first
    ('Reuters\nLONDON, March 17 (Reuters) - Shares fell.',
     'LONDON', (3, 17), 'GB', ['REUTERS'], 'Shares'),
    ('MARKETS\nLONDON (Reuters) - Shares fell.',
     'LONDON', None, 'GB', ['REUTERS'], 'Shares'),
    # bare multi-word places the wire spells its own way
    ('KHAN YOUNIS \u2014 Airstrikes hit the city overnight.',
     'KHAN YOUNIS', None, 'PS', [], 'Airstrikes'),
    ('DEIR EL-BALAH \u2014 Aid trucks arrived.',
     'DEIR EL-BALAH', None, 'PS', [], 'Aid'),
    ('MONTE CARLO \u2014 The prince said.', 'MONTE CARLO', None, 'MC', [],
     'The'),
    ('LAHORE/ISLAMABAD: The government said.', 'LAHORE/ISLAMABAD', None,
     'PK', [], 'The'),
    ('CIUDAD DE M\u00c9XICO, 17 mar (EFE).- El Gobierno dijo.',
     'CIUDAD DE M\u00c9XICO', (3, 17), 'MX', ['EFE'], 'El'),
    ('Frankfurt/Main (dpa) - Die B\u00f6rse schloss.', 'Frankfurt/Main', None,
     'DE', ['DPA'], 'Die'),
    ('FRANKFURT/ODER, 17. M\u00e4rz (dpa) - Die Stadt sagte.', 'FRANKFURT/ODER', (3, 17),
     'DE', ['DPA'], 'Die'),
]


@pytest.mark.parametrize('text,loc,md,cc,agencies,first', DATELINES)
def test_dateline_forms(text, loc, md, cc, agencies, first):
    row = norm(text)
    assert row['dateline_location'] == loc
    d = row['dateline_date']
    assert ((d.month, d.day) if d else None) == md
    assert row['dateline_country'] == cc
    assert kinds(row, 'dateline') == agencies
    assert row['body'].split()[0] == first


@pytest.mark.parametrize('html,loc,agency,first', [
    ('<p><strong>NEW YORK (AP) \u2014</strong> Stocks fell on Monday.</p>',
     'NEW YORK', 'AP', 'Stocks'),
    ('<p><b>LONDON, March 17 (Reuters)</b> - Shares fell.</p>',
     'LONDON', 'REUTERS', 'Shares'),
    ('<p><strong>WASHINGTON</strong> \u2014 The Senate voted.</p>',
     'WASHINGTON', None, 'The'),
    ('<div><p>PARIS (AFP) -&nbsp;Le gouvernement a dit.</p></div>',
     'PARIS', 'AFP', 'Le'),
    ('<p>\u200bLONDON (Reuters) - Shares fell.</p>', 'LONDON', 'REUTERS',
     'Shares'),
    ('<p>\ufeffTOKYO (Kyodo) -- Exports rose.</p>', 'TOKYO', 'KYODO',
     'Exports'),
    ('<p><span class="dateline">WASHINGTON</span> (AP) \u2014 The Senate '
     'voted.</p>', 'WASHINGTON', 'AP', 'The'),
    ('<p>PARIS (AFP) &#8211; Le gouvernement a dit.</p>', 'PARIS', 'AFP', 'Le'),
])
def test_dateline_after_markup(html, loc, agency, first):
    row = norm(html, html=True)
    assert row['dateline_location'] == loc
    assert kinds(row, 'dateline') == ([agency] if agency else [])
    assert row['body'].split()[0] == first


def test_prefix_byline_and_bare_agency_dateline():
    row = norm('By MICHAEL LIEDTKE AP Technology Writer  SAN FRANCISCO (AP) '
               '\u2014 Apple said.')
    assert row['dateline_location'] == 'SAN FRANCISCO'
    assert row['body'].startswith('Apple said')
    assert row['agencies'] == ['AP']
    row = norm('By Jane Doe, Associated Press\nWASHINGTON \u2014 The Senate '
               'voted.')
    assert row['dateline_location'] == 'WASHINGTON'
    assert kinds(row, 'byline') == ['AP']
    assert row['body'].startswith('The Senate')
    row = norm('(Reuters) - Tesla Inc said on Monday it would cut prices.')
    assert row['dateline_location'] is None
    assert row['agencies'] == ['REUTERS']
    assert row['body'].startswith('Tesla Inc')
    assert kinds(row, 'dateline') == ['REUTERS']
    # the place left out, the date kept: Reuters' company-news form
    row = norm('March 17 (Reuters) - Tesla Inc said on Monday it would cut '
               'prices.')
    assert row['dateline_location'] is None
    assert row['dateline_date'] == dt.date(2025, 3, 17)
    assert kinds(row, 'dateline') == ['REUTERS']
    assert row['body'].startswith('Tesla Inc')
    row = norm('March 17, 2025 (GLOBE NEWSWIRE) -- Acme Corp. announced.')
    assert row['dateline_date'] == dt.date(2025, 3, 17)
    assert row['agencies'] == []
    assert row['body'].startswith('Acme Corp.')
    row = norm('May 2 was a good day (Reuters) - for markets.')
    assert row['dateline_date'] is None
    row = norm('Reuters \u2014 Tesla Inc said on Monday it would cut prices.')
    assert row['agencies'] == ['REUTERS']
    assert row['body'].startswith('Tesla Inc')


# -------------------------------------------- openings that are not datelines
@pytest.mark.parametrize('text,first', [
    ('UPDATE 2-Oil prices rose on Monday.', 'Oil'),
    ('EXCLUSIVE-Tesla plans a cheaper car, sources say.', 'Tesla'),
    ('WARNING: This story contains graphic details. Police said.', None),
    ('NEW: The Senate voted on Tuesday.', None),
    ('WATCH: The moment the bridge collapsed.', None),
    ('LIVE: Follow our coverage of the vote.', None),
    ('OPINION: Why the budget fails.', None),
    ('NYSE: IBM shares rose 3% in early trade.', None),
    ('10:30 GMT - Stocks opened higher.', None),
    ('MAR8 -- -- 12.5 13.1', None),
    ('THE SENATE voted on Tuesday to pass the bill.', None),
    ('POLICE SAY the suspect fled on foot.', None),
    ('FILE - In this photo, a man walks past a bank.', None),
    ("EDITOR'S NOTE \u2014 This story contains graphic details.", None),
    ('COVID-19: What you need to know today.', None),
    ('IN BRIEF: The council met on Monday.', None),
    ('MARKET CLOSE: Stocks ended higher.', None),
    ('TRUMP: I will sign the bill.', None),
    ('STOCKS SLUMP \u2014 Investors fled risky assets on Monday.', None),
    ('RECORD HEAT - Temperatures soared across the region.', None),
    ('MONDAY, March 17 - The Senate voted.', None),
    ('TRUMP (VIDEO) \u2014 The president said.', None),
    ('READ MORE: The bill explained.', None),
    ('GLOBAL MARKETS-Stocks fall as yields rise.', None),
    ('TOKYO STOCK EXCHANGE - Shares rose.', None),
    ('10:30 a.m. ET: Stocks opened.', None),
    ('RPT-Oil prices rose on Monday.', 'Oil'),
    ('FACTBOX-What is in the bill', 'What'),
    ('Georgia, Alabama \u2014 Storms hit overnight.', None),
    ('Apple, Google \u2014 The companies said.', None),
    ('Madonna \u2014 the singer \u2014 said on Monday.', None),
])
def test_not_datelines(text, first):
    row = norm(text)
    assert row['dateline_raw'] is None
    assert row['dateline_location'] is None
    if first:
        assert row['body'].split()[0] == first
    assert row['agencies'] == []


@pytest.mark.parametrize('text,byline,loc,agencies', [
    ('By Jane Doe | Reuters\nLONDON (Reuters) - Shares fell.',
     'Jane Doe', 'LONDON', ['REUTERS']),
    ('By Jane Doe, CNN\nWashington (CNN) \u2014 The Senate voted.',
     'Jane Doe', 'Washington', []),
    ('By ASSOCIATED PRESS\nWASHINGTON \u2014 The Senate voted.',
     'ASSOCIATED PRESS', 'WASHINGTON', ['AP']),
    ('By Bloomberg News\nNEW YORK \u2014 Stocks fell.',
     'Bloomberg News', 'NEW YORK', ['BLOOMBERG']),
    ('By JANE DOE and JOHN ROE Associated Press  WASHINGTON (AP) \u2014 The '
     'Senate voted.', None, 'WASHINGTON', ['AP']),
    ('By JOSH BOAK, AP Economics Writer\nWASHINGTON (AP) \u2014 The economy '
     'grew.', 'JOSH BOAK', 'WASHINGTON', ['AP']),
    ('By Jane Doe, Staff Writer\nWASHINGTON \u2014 The Senate voted.',
     'Jane Doe', 'WASHINGTON', []),
])
def test_bylines_then_datelines(text, byline, loc, agencies):
    row = norm(text)
    if byline:
        assert row['byline'] == byline
    assert row['dateline_location'] == loc
    assert row['agencies'] == agencies
    assert row['body'].split()[0] in ('The', 'Shares', 'Stocks')


@pytest.mark.parametrize('author,expected', [
    ('Jane Doe (AFP)', ['AFP']),
    ('Jane Doe | Bloomberg', ['BLOOMBERG']),
    ('AP Photo', []),
    ('Jane Doe (Staff)', []),
])
def test_author_field_credits(author, expected):
    assert norm('Shares fell.', author=author)['agencies'] == expected


def test_key_points_block_then_dateline():
    row = norm('Key points:\n- Rates held\n- Inflation eased\n'
               'WASHINGTON (AP) \u2014 The Fed held rates.')
    assert row['dateline_location'] == 'WASHINGTON'
    assert kinds(row, 'dateline') == ['AP']


def test_dateline_date_against_publish_date():
    row = norm('LONDON, Dec 31 (Reuters) - Shares fell.',
               published='Wed, 01 Jan 2025 02:00:00 GMT')
    assert row['dateline_date'] == dt.date(2024, 12, 31)
    row = norm('LONDON, Feb 30 (Reuters) - Shares fell.')
    assert row['dateline_date'] is None
    assert row['dateline_location'] == 'LONDON'
    # Feb 29 is no date near March 2025 (not the one of 2024)
    row = norm('LONDON, Feb 29 (Reuters) - Shares fell.')
    assert row['dateline_date'] is None
    row = norm('LONDON, Feb 29 (Reuters) - Shares fell.',
               published='Thu, 29 Feb 2024 10:00:00 GMT')
    assert row['dateline_date'] == dt.date(2024, 2, 29)


# ---------------------------------------------------------------- credits
@pytest.mark.parametrize('text,title,expected', [
    ('The ministry declined to comment, Reuters reported.', 'x', ['REUTERS']),
    ('Reuters cited Trump as saying he would act.', 'x', ['REUTERS']),
    ('The minister told Reuters the deal was close.', 'x', ['REUTERS']),
    ('The deal was near, according to AFP.', 'x', ['AFP']),
    ('The minister told The Associated Press the deal was close.', 'x',
     ['AP']),
    ('The deal, first reported by Reuters, was signed.', 'x', ['REUTERS']),
    ('The official KCNA news agency said the test succeeded.', 'x', ['KCNA']),
    ('Yonhap news agency reported the launch.', 'x', ['YONHAP']),
    ('The state news agency WAM reported the visit.', 'x', ['WAM']),
    ('The mayor spoke to the Canadian Press on Monday.', 'x', ['CP']),
    ('Xinhua said the quake killed 12.', 'x', ['XINHUA']),
    ('The report was first published by Bloomberg News.', 'x',
     ['BLOOMBERG']),
    ('The news was reported earlier by Kyodo News.', 'x', ['KYODO']),
    ('State news agency IRNA said the talks would resume.', 'x', ['IRNA']),
    ('The talks would resume, Spanish news agency EFE said.', 'x', ['EFE']),
    ('The PA news agency understands the talks have stalled.', 'x', ['PA']),
    ("AFP's correspondent reported heavy fighting.", 'x', ['AFP']),
    ('The official told AFP Sunday the talks had stalled.', 'x', ['AFP']),
    ('The talks would resume, PTI reported.', 'x', ['PTI']),
    ('Police told AAP the road was closed.', 'x', ['AAP']),
])
def test_cited(text, title, expected):
    row = norm(text, title=title)
    assert kinds(row, 'cited') == expected


@pytest.mark.parametrize('text,title', [
    ('A Reuters/Ipsos poll released on Tuesday showed a tight race.',
     'Poll shows tight race'),
    ('An AP-NORC poll found most Americans disapprove.', 'Poll finds'),
    ('An AFP photographer saw smoke over the city.', 'Smoke over city'),
    ('The Australian Federal Police (AFP) said it had charged two men.',
     'Two men charged'),
    ('Pakistan Tehreek-e-Insaf (PTI) workers rallied in Lahore.',
     'Rally in Lahore'),
    ('The rally was held by Pakistan Tehreek-e-Insaf (PTI).',
     'Court grants bail to Pakistan Tehreek-e-Insaf (PTI)'),
    ('Leaders of the Aam Aadmi Party (AAP) met on Monday.', 'AAP meets'),
    ('Payments over the Unified Payments Interface (UPI) rose 5%.',
     'Payments rise on Unified Payments Interface (UPI)'),
    ('Pass rates in AP Computer Science rose.',
     'Results in Andhra Pradesh (AP)'),
    ('He was ranked fifth in the AP poll.', 'Top 25'),
    ('She wrote a book titled "How Reuters reported the war" last year.',
     'Book review'),
    ('Protesters clashed with police. (Photo by John Doe/AFP via Getty '
     'Images)', 'Protest'),
    ('Protesters clashed with police.\nPhoto: Reuters', 'Protest'),
    ('Protesters clashed with police. (AP Photo/Evan Vucci)', 'Protest'),
    ('The AP Stylebook changed its guidance.', 'Style guide'),
    ('He told the AP Stylebook editors so.', 'Style guide'),
    ('The Australian Federal Police (AFP) said on Monday. The AFP reported '
     'two arrests in Sydney.', 'Two arrests'),
    ('Leaders of the Aam Aadmi Party (AAP) said. Later AAP reported a surge '
     'in members.', 'AAP grows'),
    ('A Reuters tally showed 40 deaths.', 'Deaths rise'),
    ('Protesters clashed with police.\nAFP Photo', 'Protest'),
    ('The quake struck. (Photo: Reuters)', 'Quake'),
    ('The quake struck. (Andhra Pradesh)', 'Quake'),
    # a caption credit above the story, no dateline after it
    ('AFP\nThe minister resigned on Monday.', 'Minister resigns'),
])
def test_not_credits(text, title):
    row = norm(text, title=title)
    assert row['agencies'] == []


@pytest.mark.parametrize('title,text,expected', [
    ('Quake strikes off Japan (AP)', 'The quake struck.', ['AP']),
    ('Stocks slide as oil jumps - Reuters', 'Stocks fell.', ['REUTERS']),
    ('Floods kill 12 in Kerala (PTI)', 'Floods killed 12.', ['PTI']),
    ('x', 'Markets rose on Monday. \u2014 AFP', ['AFP']),
    ('x', 'Markets rose on Monday.\n(With inputs from PTI)', ['PTI']),
    ('x', 'Markets rose on Monday. (Reporting by Jane Doe; Editing by John '
     'Roe)', ['REUTERS']),
    ('Quake strikes off Japan | Reuters', 'The quake struck.', ['REUTERS']),
    ('Quake strikes off Japan \u2014 The Associated Press', 'The quake struck.',
     ['AP']),
    ('x', 'The quake struck. \u00a9 AFP 2025', ['AFP']),
    ('x', 'The quake struck.\n\u00a9 Reuters 2025. All rights reserved.',
     ['REUTERS']),
    ('x', 'The quake struck.\n\u00a9 Copyright 2025 The Associated Press',
     ['AP']),
    ('x', 'The quake struck. (With AFP inputs)', ['AFP']),
    ('x', 'The quake struck.\n\nAssociated Press writer Jane Doe in Tokyo '
     'contributed to this report.', ['AP']),
    ('x', 'The quake struck.\n\nThe Associated Press contributed to this '
     'report.', ['AP']),
    ('x', 'The quake struck.\n\nThis report by The Canadian Press was first '
     'published March 17, 2025.', ['CP']),
    ('x', 'The quake struck. \u2014 AFP/Reuters', ['AFP', 'REUTERS']),
    ('x', 'Shares fell.\nReporting by Jane Doe; Editing by Mark Roe',
     ['REUTERS']),
    ('x', 'Shares fell.\n\nReporting by Jane Doe in London; Additional '
     'reporting by Bob Lee; Editing by Mark Roe\n\nOur Standards: The '
     'Thomson Reuters Trust Principles.', ['REUTERS']),
    ('x', 'Shares fell.\n\n--With assistance from Jane Doe.\n\n\u00a92025 '
     'Bloomberg L.P.', ['BLOOMBERG']),
])

def test_title_and_closing_credits(title, text, expected):
    row = norm(text, title=title)
    assert row['agencies'] == expected


@pytest.mark.parametrize('text', [
    'The quake struck.\nReporting by Jane Doe; Editing by Mark Roe',
    'The quake struck.\n\nReporting by Jane Doe; Editing by Mark Roe\n\n'
    'Our Standards: The Thomson Reuters Trust Principles.',
    'The quake struck.\nSource: Xinhua',
    'The quake struck.\n\nThe Associated Press contributed to this report.',
    'The quake struck.\n\u00a9 AFP 2025',
])
def test_closing_credit_leaves_the_story_whole(text):
    assert norm(text)['body'] == 'The quake struck.'


@pytest.mark.parametrize('text', [
    'The quake struck.\n\nJane Doe contributed to this report.',
    'The quake struck.\nCopyright 2025 Daily Courier. All rights reserved.',
])
def test_closing_lines_of_others_are_no_credit(text):
    assert norm(text)['agencies'] == []
