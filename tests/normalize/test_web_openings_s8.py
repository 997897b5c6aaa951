"""Web-story openings found by an adversarial audit of false datelines
(fixtures written for wirefeed): kickers in capitals that the gazetteer
knows as towns or does not know at all, and a page's dated head lines,
next to the datelines they must not hide."""
import pytest

from pipeline.normalize.agencies import load_registry
from pipeline.normalize.datelines import parse_head

REG = load_registry()


@pytest.mark.parametrize('text', [
    # kickers and section heads in capitals, then a colon or a dash
    'POLICE: Man arrested after stabbing at mall.',
    'POLICE - Man arrested after stabbing at mall.',
    'SOURCES - Giants to sign veteran quarterback.',
    'OFFICIALS: Water is safe to drink.',
    'TOPLINE - Elon Musk said on Monday he would step back.',
    'CRIME - A man was arrested on Sunday.',
    'DEAL: Retailer agrees to buy rival.',
    'HURRICANE: Storm strengthens to Category 4.',
    'WHITE HOUSE: The president signed the bill.',
    'METALS - Copper falls on demand worries.',
    'GRAINS - Wheat rises on dry weather.',
    'TREASURIES - Yields rise after jobs data.',
    'BITCOIN - The cryptocurrency fell 5%.',
    # a page's head line with a date and a dash
    'Published March 17, 2025 - The company said on Monday.',
    'Posted Monday, March 17 - The company said on Monday.',
    'Staff Report, March 17 - The company said on Monday.',
    'STAFF REPORT, March 17 - The company said on Monday.',
    'Web Desk, March 17 - The company said on Monday.',
    'Our Correspondent, March 17 - The company said on Monday.',
    'Jane Doe, Staff Writer, March 17, 2025 - The company said.',
    'Press Release, March 17, 2025 - The company said on Monday.',
    'FOR IMMEDIATE RELEASE, March 17 - The company said on Monday.',
    'Business, March 17 - The company said on Monday.',
    'Daily Horoscope, March 17 - The stars align.',
])
def test_no_dateline(text):
    h = parse_head(text, REG)
    assert h.location is None and h.dateline_raw is None
    assert h.start == 0


@pytest.mark.parametrize('text,location,body', [
    # the same words with a credit, a date or a qualifier stay datelines
    ('HURRICANE, Utah \u2014 The town council voted.', 'HURRICANE, Utah',
     'The town'),
    ('POLICE, Poland (PAP) - The port said.', 'POLICE, Poland', 'The port'),
    ('DEAL, England, March 17 (Reuters) - The ferry sailed.',
     'DEAL, England', 'The ferry'),
    ('St Paul, April 7 - slaughter cattle sold steady.', 'St Paul',
     'slaughter'),
    ('Peoria, April 7 - Hogs were steady.', 'Peoria', 'Hogs'),
    ('Newport News, March 17 - The shipyard said.', 'Newport News',
     'The shipyard'),
    ('FALLUJAH - Fighting resumed.', 'FALLUJAH', 'Fighting'),
    ('WASHINGTON \u2014 The Senate voted.', 'WASHINGTON', 'The Senate'),
    ('ISLAMABAD: The government said.', 'ISLAMABAD', 'The government'),
    ('Lahore: The provincial government said.', 'Lahore',
     'The provincial'),
    ('Springfield, Ill. \u2014 Gov. JB Pritzker said.', 'Springfield, Ill.',
     'Gov.'),
    ('BREAKING: LONDON (Reuters) - Stocks fell.', 'LONDON', 'Stocks'),
    ('Listen to this article\nLONDON (Reuters) - Stocks fell.', 'LONDON',
     'Stocks'),
])
def test_dateline_kept(text, location, body):
    h = parse_head(text, REG)
    assert h.location == location
    assert text[h.start:].startswith(body)
