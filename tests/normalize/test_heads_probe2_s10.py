"""Dateline head forms found by the tenth session's second probe: a
title-case place the gazetteer knows only under another spelling or not
at all before a title-case wire's credit, South Asian colon datelines
whose place has a namesake abroad, and dates in figures, with a slash or
with the month between hyphens."""
from pipeline.normalize import geo
from pipeline.normalize.agencies import load_registry
from pipeline.normalize.datelines import parse_head

REG = load_registry()


def head(text, title='Ministers agree on a plan'):
    h = parse_head(text, REG, title=title, publisher='Example Times')
    return (h.location, (h.month, h.day, h.year),
            sorted({c[0] for c in h.credits}), text[h.start:])


NO_DATE = (None, None, None)


# ------------------------------------- native names and unknown towns

def test_gazetteer_knows_native_latin_spellings():
    """The gazetteer's other Latin-script names with letters beyond ASCII
    ("København" for Copenhagen), in capitals or title case."""
    assert geo.country_for('København') == 'DK'
    assert geo.country_for('KØBENHAVN') == 'DK'
    assert geo.country_for('Köpenhamn') == 'DK'
    assert geo.resolves('Kraków')
    assert not geo.resolves('Größe')


def test_native_name_before_a_credit():
    assert head('Kjøpenhamn (NTB) - Regjeringen la fram et forslag.') == (
        'Kjøpenhamn', NO_DATE, ['NTB'], 'Regjeringen la fram et forslag.')
    assert head('Köpenhamn (TT) - Regeringen meddelade.')[:3] == (
        'Köpenhamn', NO_DATE, ['TT'])


def test_unknown_town_before_a_title_case_wire_credit():
    assert head('Skjervøy (NTB) – Politiet rykket ut i natt.') == (
        'Skjervøy', NO_DATE, ['NTB'], 'Politiet rykket ut i natt.')
    assert head('Oberstdorf (dpa) - Der Skispringer gewann.') == (
        'Oberstdorf', NO_DATE, ['DPA'], 'Der Skispringer gewann.')
    assert head('Ringsaker-Brumunddal (NTB) - Brannen slukket.')[:3] == (
        'Ringsaker-Brumunddal', NO_DATE, ['NTB'])
    assert head('Skærbæk (Ritzau) - Byrådet vedtog planen.')[:3] == (
        'Skærbæk', NO_DATE, ['RITZAU'])


def test_unknown_title_case_word_stays_out_otherwise():
    """Before an English-language wire's credit (whose places are set in
    capitals) a title-case word the gazetteer lacks may be a name; before
    any credit a colon, a lower-case sentence or two words are no such
    dateline, nor is a name the story has speak."""
    for text in ('Trump (AP) - The president said on Monday.',
                 'Trump (Reuters) - The president said on Monday.',
                 'Zelenskiy (AFP) - The president said on Monday.',
                 'Skjervøy (NTB): Politiet rykket ut.',
                 'Skjervøy (NTB) - og politiet rykket ut.',
                 'Ole Hansen (NTB) - Politiet rykket ut.',
                 'Merz (dpa) - Der Kanzler kam. Merz sagte, er wolle.',
                 'Oberstdorf (ANP) - De burgemeester zei.'):
        assert head(text)[0] is None, text
    # (capitals were datelines before and still are)
    assert head('TRUMP (AP) - The president said.')[0] == 'TRUMP'


# ------------------------------------- colon datelines with namesakes

def test_colon_dateline_with_a_namesake_abroad():
    """A South Asian colon dateline whose place has a namesake in another
    country: the location as written, no country (the gazetteer cannot
    tell which)."""
    assert head('Hyderabad: The state government released funds.') == (
        'Hyderabad', NO_DATE, [], 'The state government released funds.')
    assert head('Kochi: The Kerala police said on Monday.') == (
        'Kochi', NO_DATE, [], 'The Kerala police said on Monday.')
    assert head('Jalalabad: "We will rebuild," the governor said.')[0] == \
        'Jalalabad'
    assert geo.country_for('Kochi') is None


def test_colon_labels_names_and_small_namesakes_stay_out():
    for text in ('Kant: The philosopher wrote on duty.',
                 'Una: The town council met.',
                 'Smith: I will run again.',
                 'Update: The rally was called off.',
                 'Note: This story has been updated.',
                 'Watch: The video shows the blast.',
                 'Analysis: The vote is a test.',
                 'Hyderabad: the state government released funds.',
                 'Georgia: The storm hit.'):
        assert head(text)[0] is None, text


# ------------------------------------- dates in figures, slashes, hyphens

def test_month_between_hyphens():
    assert head('CHICAGO, 4-Feb-2024 (UPI) -- The council voted.') == (
        'CHICAGO', (2, 4, 2024), ['UPI'], 'The council voted.')
    assert head('DENVER, 21-Sep-2023 -- The council voted.')[:2] == (
        'DENVER', (9, 21, 2023))


def test_year_after_a_slash():
    assert head('Nairobi, April 9/2024 (ENA) - Kenya said.') == (
        'Nairobi', (4, 9, 2024), ['ENA'], 'Kenya said.')
    # (a second day is no year)
    assert head('Nairobi, April 9/10 (ENA) - Kenya said.')[0] is None


def test_date_in_figures_with_its_year_and_no_credit():
    assert head('München, 04.02.2024 - Die Stadt meldete einen Rekord.') == (
        'München', (2, 4, 2024), [], 'Die Stadt meldete einen Rekord.')
    assert head('Milano, 21/09/2023 - Il comune ha deciso.') == (
        'Milano', (9, 21, 2023), [], 'Il comune ha deciso.')
    assert head('PARIS, 4/2/2024 - Le gouvernement a dit.')[:2] == (
        'PARIS', (2, 4, 2024))


def test_date_in_figures_without_credit_stays_out_where_unsure():
    """A page's date line, a rating, a weekday's abbreviation, a number
    after the dash, no year, a month-first country's place (its "3/4" is
    March 4), a small town's name that may be a word."""
    for text in ('Mon, 06/02/2025 - 14:03 Updated',
                 'Mon, 06/02/2025 - Updated',
                 'Di., 18.03.2025 - Der Text.',
                 'Rating, 9/10 - Great film.',
                 'München, 04.02 - Die Stadt.',
                 'München, 04.02.2024 - 12 Menschen starben.',
                 'CHICAGO, 03/04/2025 - The council voted.',
                 'Toronto, 03/04/2025 - The council voted.',
                 'Date, 17/03/2025 - The council voted.'):
        assert head(text)[0] is None, text
    # (before a credit as before)
    assert head('CHICAGO, 18/3 (UPI) - The council.')[:3] == (
        'CHICAGO', (3, 18, None), ['UPI'])
