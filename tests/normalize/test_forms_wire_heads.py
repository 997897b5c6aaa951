"""Wire-copy forms found by a review against how agencies and outlets write
them (fixtures written for wirefeed, not taken from any corpus): a line
above the dateline (a headline with or without its slug, a staff byline
without "By", an editor's note), closing credits, and names that are no
citation."""
import datetime as dt

import pytest

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


def norm(text, **kw):
    return normalize_story(text, FETCHED, **kw)


# ------------------------------------------------- a line above the dateline
@pytest.mark.parametrize('text,location,agencies,body', [
    ('UPDATE 2-Oil prices rise on supply fears\nLONDON, June 9 (Reuters) - '
     'Oil rose on Monday.', 'LONDON', ['REUTERS'], 'Oil rose'),
    ('REFILE-UPDATE 1-Oil rises\nLONDON, June 9 (Reuters) - Oil rose.',
     'LONDON', ['REUTERS'], 'Oil rose'),
    ('EXCLUSIVE-Tesla to cut jobs\nSAN FRANCISCO, June 9 (Reuters) - Tesla '
     'plans cuts.', 'SAN FRANCISCO', ['REUTERS'], 'Tesla plans'),
    ('Oil prices rise on supply fears\nLONDON, June 9 (Reuters) - Oil rose.',
     'LONDON', ['REUTERS'], 'Oil rose'),
    ('BRIEF-Acme Corp says Q1 profit rose\nJune 9 (Reuters) - Acme Corp '
     'said profit rose.', None, ['REUTERS'], 'Acme Corp said'),
    ('Our Correspondent\nISLAMABAD: The government said on Monday.',
     'ISLAMABAD', [], 'The government'),
    ('Dawn Report\nISLAMABAD: The government said on Monday.',
     'ISLAMABAD', [], 'The government'),
    ('Listen to this article\nLONDON (AP) \u2014 Police said on Monday.',
     'LONDON', ['AP'], 'Police said'),
    ("EDITOR'S NOTE \u2014 This story contains graphic details.\nLONDON (AP) "
     "\u2014 Police said on Monday.", 'LONDON', ['AP'], 'Police said'),
    ("Editor's note: This story is part of a series on housing. It was "
     "produced with a partner.\n\nDENVER (AP) \u2014 Rents rose.", 'DENVER',
     ['AP'], 'Rents rose'),
])
def test_dateline_after_a_head_line(text, location, agencies, body):
    row = norm(text)
    assert row['dateline_location'] == location
    assert kinds(row, 'dateline') == agencies
    assert row['body'].startswith(body)
    assert row['dateline_date'] in (None, dt.date(2025, 6, 9))


@pytest.mark.parametrize('text', [
    # a first line and a second paragraph with no dateline in it
    'Oil prices rise on supply fears\nOil rose on Monday in London.',
    'Storm clouds gather\nLondon stocks fell on Monday.',
    # a first sentence, then a place in capitals that opens a paragraph
    'The minister resigned on Monday.\nLONDON (AP) \u2014 Police said.',
    # a headline-like line, then a place alone in title case
    'Storm warning issued\nLondon \u2014 the capital braced for rain.',
])
def test_no_dateline_after_a_head_line(text):
    row = norm(text)
    assert row['dateline_raw'] is None
    assert row['body'].startswith(text.split('\n')[0][:10])


# ------------------------------------------------------------ closing credits
@pytest.mark.parametrize('text,expected,body_end', [
    ('NEW DELHI \u2014 Markets rose on Monday.\n\u2014 With inputs from PTI',
     ['PTI'], 'on Monday.'),
    ('WASHINGTON \u2014 The Senate voted.\nAdditional reporting by Reuters',
     ['REUTERS'], 'Senate voted.'),
    ('WASHINGTON \u2014 The Senate voted.\n\nInformation from The Associated '
     'Press was used in this report.', ['AP'], 'Senate voted.'),
    ('WASHINGTON \u2014 The Senate voted.\nMaterial from the Associated Press '
     'was used in this story.', ['AP'], 'Senate voted.'),
    ('RIYADH \u2014 The ministry said.\nWith AFP', ['AFP'], 'ministry said.'),
    ('RIYADH \u2014 The ministry said.\nWith Reuters, AFP', ['AFP', 'REUTERS'],
     'ministry said.'),
])
def test_closing_credit_lines(text, expected, body_end):
    row = norm(text)
    assert kinds(row, 'credit') == expected
    assert kinds(row, 'cited') == []
    assert row['body'].endswith(body_end)


@pytest.mark.parametrize('text', [
    'RIYADH \u2014 The ministry said.\nWith agencies',
    'The report was based on reporting by Reuters.',
    'The ministry said. With Reuters watching, the talks resumed.',
    'Information from the ministry was used in this report.',
])
def test_no_closing_credit(text):
    assert kinds(norm(text), 'credit') == []


# ------------------------------------------------- a person's name, no agency
@pytest.mark.parametrize('text', [
    'Michael Bloomberg said he would donate $1 billion.',
    'Former New York mayor Michael Bloomberg said on Monday he would give.',
    'Mayor Bloomberg said the city would act.',
    'Mr. Bloomberg said the city would act.',
])
def test_person_named_like_an_agency_is_no_citation(text):
    assert kinds(norm(text), 'cited') == []


@pytest.mark.parametrize('text,expected', [
    ('On Monday Xinhua said the talks would resume.', ['XINHUA']),
    ('Meanwhile Bloomberg reported the deal was near.', ['BLOOMBERG']),
    ('The deal was near. Bloomberg News said the talks went on.',
     ['BLOOMBERG']),
    ("China's Xinhua said the talks would resume.", ['XINHUA']),
])
def test_agency_said_after_a_capitalised_word(text, expected):
    assert kinds(norm(text), 'cited') == expected


# ------------------------------------------------------------ registry names
@pytest.mark.parametrize('text,location,expected', [
    ('QU\u00c9BEC (La Presse Canadienne) \u2014 Le gouvernement a annonc\u00e9.',
     'QU\u00c9BEC', ['CP']),
    ('MANAMA, June 9 (BNA) -- Bahrain said on Monday.', 'MANAMA', ['BNA']),
    ('MUSCAT, June 9 (ONA) -- Oman said on Monday.', 'MUSCAT', ['ONA']),
])
def test_more_agency_credits(text, location, expected):
    row = norm(text)
    assert row['dateline_location'] == location
    assert kinds(row, 'dateline') == expected


def test_canadian_press_in_french_is_cited():
    row = norm("Le ministre a d\u00e9clar\u00e9 \u00e0 La Presse Canadienne "
               "que le projet avan\u00e7ait.")
    assert kinds(row, 'cited') == ['CP']


# ------------------------------------------------------------ dateline dates
@pytest.mark.parametrize('text,location,date,agencies', [
    ('Paris, le 9 juin 2025 (AFP) - Le gouvernement a annonc\u00e9.', 'Paris',
     dt.date(2025, 6, 9), ['AFP']),
    ('Lyon, le 1er juin 2025 \u2013 Le groupe annonce ses r\u00e9sultats.',
     'Lyon', dt.date(2025, 6, 1), []),
])
def test_french_article_before_the_day(text, location, date, agencies):
    row = norm(text)
    assert row['dateline_location'] == location
    assert row['dateline_date'] == date
    assert kinds(row, 'dateline') == agencies
    assert row['body'].startswith('Le ')


def test_ani_with_its_israeli_partner():
    row = norm('Tel Aviv [Israel], June 9 (ANI/TPS): Israel said on Monday.')
    assert row['dateline_location'] == 'Tel Aviv [Israel]'
    assert row['dateline_country'] == 'IL'
    assert kinds(row, 'dateline') == ['ANI', 'TPS']
    assert row['body'].startswith('Israel said')


@pytest.mark.parametrize('text,expected', [
    ('Jane Doe, AFP\nPARIS \u2014 France said on Monday.', ['AFP']),
    ('Jane Doe | Reuters\nLONDON, June 9 (Reuters) - Shares fell.',
     ['REUTERS']),
    ('Oil prices rise, Reuters\nLONDON \u2014 Shares fell.', ['REUTERS']),
    ('Jane Doe, Paris\nPARIS \u2014 France said on Monday.', []),
])
def test_byline_line_without_by(text, expected):
    row = norm(text)
    assert kinds(row, 'byline') == expected
    assert row['dateline_location'] in ('PARIS', 'LONDON')


# ------------------------------------------------------------------ citations
@pytest.mark.parametrize('text,expected', [
    ('Reuters first reported the plan on Monday.', ['REUTERS']),
    ('The talks stalled, as Bloomberg exclusively reported.', ['BLOOMBERG']),
    ('Bloomberg News earlier reported the deal.', ['BLOOMBERG']),
    ('According to state media Xinhua, 12 people died.', ['XINHUA']),
    ('Officials told state-owned Xinhua the plan was ready.', ['XINHUA']),
    ('The Austria Press Agency reported the arrest.', ['APA']),
    ('The Iraqi News Agency reported the blast.', ['INA']),
    ("Sudan's SUNA news agency reported the clashes.", ['SUNA']),
    ("Ethiopia's ENA news agency reported the visit.", ['ENA']),
])
def test_more_citations(text, expected):
    assert kinds(norm(text), 'cited') == expected


@pytest.mark.parametrize('text', [
    'He told Saba the news was good.',      # a given name
    'The island of Saba said it would act.',
    'Officials told state media the plan was ready.',
])
def test_not_citations(text):
    assert kinds(norm(text), 'cited') == []


def test_yemen_agency_credit():
    row = norm('SANAA, June 9 (Saba) - Yemen said on Monday.')
    assert kinds(row, 'dateline') == ['SABA']


# ------------------------------------------------------------------ countries
@pytest.mark.parametrize('text,country', [
    ('VANCOUVER (CP) \u2014 Police said on Monday.', 'CA'),
    ('VANCOUVER, Wash. (AP) \u2014 Police said on Monday.', 'US'),
    ('COLOMBO, June 9 (Xinhua) -- Sri Lanka said.', 'LK'),
    ('BARCELONA, June 9 (Reuters) - The club said.', 'ES'),
    ('DAVOS, Switzerland (AP) \u2014 Leaders met.', 'CH'),
    ('DAVOS, June 9 (Reuters) - Leaders met.', 'CH'),
])
def test_dateline_country(text, country):
    assert norm(text)['dateline_country'] == country


# ------------------------------------------------------------------ feed dates
@pytest.mark.parametrize('raw,expected', [
    ('June 10, 2025 / 2:30 PM / Updated 2 hours ago',
     dt.datetime(2025, 6, 10, 14, 30, tzinfo=UTC)),
    ('June 10, 2025 2:30 PM Updated 2 hours ago',
     dt.datetime(2025, 6, 10, 14, 30, tzinfo=UTC)),
    ('Published: June 10, 2025 2:30 PM IST | Updated: June 10, 2025 4:00 PM '
     'IST', dt.datetime(2025, 6, 10, 9, 0, tzinfo=UTC)),
])
def test_feed_date_with_an_update_remark(raw, expected):
    from pipeline.normalize.dates import parse_feed_date
    assert parse_feed_date(raw, relative_base=FETCHED.replace(hour=18)) == \
        expected


@pytest.mark.parametrize('text,byline,location,agencies', [
    ('Oil rises on supply fears\nBy Jane Doe\nLONDON (AP) \u2014 Oil rose.',
     'Jane Doe', 'LONDON', ['AP']),
    ('Oil rises on supply fears\nBy Reuters Staff\nLONDON, June 9 (Reuters) - '
     'Oil rose.', 'Reuters Staff', 'LONDON', ['REUTERS']),
    ('Jane Doe\nJune 9, 2025\nLONDON (AP) \u2014 Oil rose.', None, 'LONDON',
     ['AP']),
    ('Oil rises\n5 min read\nLONDON, June 9 (Reuters) - Oil rose.', None,
     'LONDON', ['REUTERS']),
])
def test_dateline_after_two_head_lines(text, byline, location, agencies):
    row = norm(text)
    assert row['byline'] == byline
    assert row['dateline_location'] == location
    assert row['agencies'] == agencies
    assert row['body'] == 'Oil rose.'


def test_no_dateline_three_lines_down():
    row = norm('Oil rises\nMarkets wrap\nJane Doe\nLONDON (AP) \u2014 Oil rose.')
    assert row['dateline_raw'] is None


# ------------------------------------------------------------- title credits
@pytest.mark.parametrize('title,expected', [
    ('Oil rises on supply fears - Bloomberg.com', ['BLOOMBERG']),
    ('Oil rises on supply fears | Reuters.com', ['REUTERS']),
    ('Oil rises on supply fears -- Reuters', ['REUTERS']),
    ('Oil rises on supply fears - Anadolu Ajans\u0131', ['ANADOLU']),
    ('Oil rises on supply fears - dpa international', ['DPA']),
    ('Oil rises on supply fears | CP24.com', []),
    ('Oil rises on supply fears - Example.com', []),
])
def test_title_credit_forms(title, expected):
    assert kinds(norm('The text said so on Monday.', title=title),
                  'title') == expected


def test_interfax_ukraine():
    row = norm('KYIV, June 9 (Interfax-Ukraine) - Ukraine said on Monday.')
    assert kinds(row, 'dateline') == ['INTERFAX']
    assert kinds(norm('Interfax-Ukraine reported the blast.'), 'cited') == \
        ['INTERFAX']


@pytest.mark.parametrize('text,expected', [
    ('The court said on Monday. PTI ABC DEF', ['PTI']),
    ('The court said on Monday.\nPTI SKL RT RT', ['PTI']),
    ('The court said on Monday. \u2014 PTI\n\n(This story has not been edited '
     'by Devdiscourse staff and is auto-generated from a syndicated feed.)',
     ['PTI']),
    ('The court said on Monday. (ANI)\n\n(Except for the headline, this story '
     'has not been edited by NDTV staff and is published from a syndicated '
     'feed.)', ['ANI']),
    ('The court said on Monday.\n-- IANS\nabc/xyz', ['IANS']),
    ('The official said.\n\nThe Associated Press and Reuters contributed to '
     'this report.', ['AP', 'REUTERS']),
    ('The official said.\n\nReuters contributed reporting.', ['REUTERS']),
    ('The official said.\n\n(c) Copyright Thomson Reuters 2025.', ['REUTERS']),
])
def test_more_closing_credits(text, expected):
    row = norm(text)
    assert kinds(row, 'credit') == expected
    assert row['body'] in ('The court said on Monday.', 'The official said.')


@pytest.mark.parametrize('text', [
    'The court said on Monday.\n\n(This story has not been edited by NDTV '
    'staff and is published from a syndicated feed.)',
    'Imran Khan founded the party. PTI',
    "The official said.\n\nCNN's Jane Doe contributed to this report.",
    'The official said.\n\nWire services contributed to this report.',
])
def test_no_closing_credit_more(text):
    assert kinds(norm(text), 'credit') == []


# ------------------------------------------------------------- author field
@pytest.mark.parametrize('author,expected', [
    ('Reuters in Kyiv', ['REUTERS']),
    ('Agence France-Presse in Paris', ['AFP']),
    ('Associated Press in Washington', ['AP']),
    ('Jane Doe with AFP', ['AFP']),
    ('Jane Doe / AFP', ['AFP']),
    ('Jane Doe, AP Business Writer', ['AP']),
    ('Guardian staff and agencies', []),
    ('Jane Doe in Kyiv', []),
    ('Michael Bloomberg', []),
])
def test_author_credits(author, expected):
    row = norm('The text said so on Monday.', author=author)
    assert kinds(row, 'byline') == expected


@pytest.mark.parametrize('text,expected', [
    ('The toll rose, Reuters and AFP reported.', ['AFP', 'REUTERS']),
    ('Officials told Reuters and AFP the plan was ready.', ['AFP', 'REUTERS']),
    ('The toll rose, according to AFP, AP and Reuters.',
     ['AFP', 'AP', 'REUTERS']),
    ('He told the AP and Reuters in interviews.', ['AP', 'REUTERS']),
    ('Xinhua and CCTV reported the quake.', ['XINHUA']),
    ('The deal was done, according to a Reuters report.', ['REUTERS']),
    ('A Reuters report said on Monday the deal was done.', ['REUTERS']),
    ('An AFP dispatch quoted the mayor as saying.', ['AFP']),
    ('He said so in an AFP interview.', ['AFP']),
])
def test_coordinated_and_report_citations(text, expected):
    assert kinds(norm(text), 'cited') == expected


@pytest.mark.parametrize('text', [
    'The PA and Israel reported progress.',
    'The Aam Aadmi Party (AAP) met on Monday. The BJP and AAP reported '
    'gains.',
    'A Reuters tally showed 40 deaths.',
    'He read the AP Stylebook and Reuters Institute reports.',
])
def test_no_coordinated_citation(text):
    assert kinds(norm(text), 'cited') == []


@pytest.mark.parametrize('text,expected', [
    ('The deal was done, per Reuters.', ['REUTERS']),
    ('As per PTI, the court ruled on Monday.', ['PTI']),
    ('The deal, per the AP, was done.', ['AP']),
])
def test_per_agency(text, expected):
    assert kinds(norm(text), 'cited') == expected


@pytest.mark.parametrize('text,location', [
    ('Top stories\nINDIA: Floods kill 12\nThe floods hit Kerala.', None),
    ('World news\nCHINA \u2014 The government said so.', None),
    ('Senate passes bill\nWASHINGTON \u2014 The Senate voted.', 'WASHINGTON'),
    ('Storm hits\nMIAMI, Fla. \u2014 Storms hit.', 'MIAMI, Fla.'),
])
def test_bare_place_after_a_head_line(text, location):
    assert norm(text)['dateline_location'] == location


@pytest.mark.parametrize('text,location', [
    ('(Adds analyst comment, updates prices)\nLONDON, June 9 (Reuters) - Oil '
     'rose.', 'LONDON'),
    ('UPDATE 2-Oil rises on supply fears\n(Adds analyst comment, updates '
     'prices)\nLONDON, June 9 (Reuters) - Oil rose.', 'LONDON'),
    ('(Corrects paragraph 3 to say 12 people, not 10)\nLONDON, June 9 '
     '(Reuters) - Oil rose.', 'LONDON'),
    ('CORRECTION: An earlier version of this story misstated the toll.\n\n'
     'LONDON (AP) \u2014 Oil rose.', 'LONDON'),
    ('Clarification: This story was updated to add context.\nLONDON (AP) '
     '\u2014 Oil rose.', 'LONDON'),
])
def test_dateline_after_a_note(text, location):
    row = norm(text)
    assert row['dateline_location'] == location
    assert row['body'] == 'Oil rose.'


def test_parenthesised_note_without_dateline_stays():
    row = norm('(This story has been corrected)\nThe minister said.')
    assert row['dateline_raw'] is None
    assert row['body'].startswith('(This story')


@pytest.mark.parametrize('text,expected', [
    ('Tesla cuts jobs\n(Reuters) - Tesla said on Monday.', ['REUTERS']),
    ('Tesla cuts jobs\n(Bloomberg) -- Tesla said on Monday.', ['BLOOMBERG']),
])
def test_credit_alone_after_a_head_line(text, expected):
    row = norm(text)
    assert kinds(row, 'dateline') == expected
    assert row['body'] == 'Tesla said on Monday.'


@pytest.mark.parametrize('text,expected', [
    ('Le bilan a augment\u00e9, a d\u00e9clar\u00e9 le ministre \u00e0 Reuters.',
     ['REUTERS']),
    ('El balance aument\u00f3, dijo el ministro a Reuters.', ['REUTERS']),
    ('Il bilancio \u00e8 salito, ha detto il ministro a Reuters.',
     ['REUTERS']),
    ('De acuerdo con Reuters, el balance aument\u00f3.', ['REUTERS']),
])
def test_foreign_citations_with_a_subject(text, expected):
    assert kinds(norm(text), 'cited') == expected


# ------------------------------------------------------------------ bylines
@pytest.mark.parametrize('text,byline,expected,body', [
    ('By JANE DOE Associated Press\nThe market rose.', 'JANE DOE', ['AP'],
     'The market rose.'),
    ('By JANE DOE and JOHN ROE Associated Press\nThe market rose.',
     'JANE DOE and JOHN ROE', ['AP'], 'The market rose.'),
    ('By JANE DOE\nAssociated Press\nThe market rose.', 'JANE DOE', ['AP'],
     'The market rose.'),
    ('By Jane Doe\nReuters\nThe market rose.', 'Jane Doe', ['REUTERS'],
     'The market rose.'),
    ('By JANE DOE Associated Press\nNEW YORK (AP) \u2014 The market rose.',
     'JANE DOE', ['AP'], 'The market rose.'),
    ('By Jane Doe Smith\nThe market rose.', 'Jane Doe Smith', [],
     'The market rose.'),
    ('By Jane Doe\nAFP is a French agency.', 'Jane Doe', [],
     'AFP is a French agency.'),
])
def test_byline_with_agency_affiliation(text, byline, expected, body):
    row = norm(text)
    assert row['byline'] == byline
    assert kinds(row, 'byline') == expected
    assert row['body'] == body


@pytest.mark.parametrize('text,expected,location', [
    ('By Li Wei in Beijing | China Daily | Updated: 2025-06-09 07:12\n'
     'China said on Monday.', [], None),
    ('By Li Wei | Xinhua | Updated: 2025-06-09 14:30\nBEIJING \u2014 China '
     'said on Monday.', ['XINHUA'], 'BEIJING'),
    ('By Jane Doe | June 9, 2025\nChina said on Monday.', [], None),
])
def test_byline_line_of_fields(text, expected, location):
    row = norm(text)
    assert kinds(row, 'byline') == expected
    assert row['dateline_location'] == location
    assert row['body'] == 'China said on Monday.'


@pytest.mark.parametrize('text,country', [
    ('\u041c\u041e\u0421\u041a\u0412\u0410, 9 \u0438\u044e\u043d\u044f. '
     '/\u0422\u0410\u0421\u0421/. \u041f\u0440\u0435\u0437\u0438\u0434\u0435'
     '\u043d\u0442 \u0437\u0430\u044f\u0432\u0438\u043b.', 'RU'),
    ('GAZA/JERUSALEM, June 9 (Reuters) - Officials said.', None),
])
def test_dateline_country_more(text, country):
    assert norm(text)['dateline_country'] == country


# ------------------------------------------------------------ Xinhua's Enditem
@pytest.mark.parametrize('text,body_end', [
    ('BEIJING, June 9 (Xinhua) -- China\'s exports rose 5 percent in May. Enditem',
     'rose 5 percent in May.'),
    ('BEIJING, June 9 (Xinhua) -- Exports rose.\nEnditem', 'Exports rose.'),
    ('Exports rose in May, the ministry said. ENDITEM', 'the ministry said.'),
    # an outlet's closing credit before Xinhua's marker
    ('Exports rose in May, the ministry said. (Xinhua)\nEnditem', 'the ministry said.'),
])
def test_xinhua_enditem_is_a_credit_and_leaves_the_body(text, body_end):
    row = norm(text)
    assert row['body'].endswith(body_end), row['body']
    assert 'XINHUA' in kinds(row, 'credit') and 'XINHUA' in row['agencies']


@pytest.mark.parametrize('text', [
    'The committee reviewed the budget line by line, down to the end item',
    'She called it a legendary item',
])
def test_words_ending_in_item_are_no_enditem(text):
    row = norm(text)
    assert row['body'] == text and 'XINHUA' not in row['agencies']
