"""Dateline head forms found by the tenth session's probe: month names of
more languages after the day, EFE's bracketed country before a date,
Polish "r." after the year, Indian papers' byline and place lines, a
Reuters photo caption above a dated credit, and an agency line with a
date above the dateline."""
from pipeline.normalize.agencies import load_registry
from pipeline.normalize.datelines import parse_head

REG = load_registry()


def head(text, title='Ministers agree on a plan'):
    h = parse_head(text, REG, title=title, publisher='Example Times')
    return (h.location, (h.month, h.day, h.year),
            sorted({c[0] for c in h.credits}), text[h.start:])


# ------------------------------------------------ months after the day

def test_dutch_months_after_the_day():
    assert head('ROTTERDAM, 3 maart (ANP) - De haven meldde een record.') == (
        'ROTTERDAM', (3, 3, None), ['ANP'], 'De haven meldde een record.')
    assert head('Antwerpen, 21 augustus (Belga) - De stad opent een brug.') == (
        'Antwerpen', (8, 21, None), ['BELGA'], 'De stad opent een brug.')
    assert head('Utrecht, 2 maart 2024 - De gemeente kiest een plan.') == (
        'Utrecht', (3, 2, 2024), [], 'De gemeente kiest een plan.')


def test_swedish_august():
    assert head('GÖTEBORG, 12 augusti (TT) - Hamnen stängdes.') == (
        'GÖTEBORG', (8, 12, None), ['TT'], 'Hamnen stängdes.')


def test_catalan_months_with_their_article():
    assert head('Girona, 9 de març (EFE).- La Generalitat ha obert.') == (
        'Girona', (3, 9, None), ['EFE'], 'La Generalitat ha obert.')
    assert head('LLEIDA, 30 de gener (EFE).- El Govern ha dit.')[:2] == (
        'LLEIDA', (1, 30, None))
    assert head("Tarragona, 12 d'agost (EFE).- El port ha crescut.")[:3] == (
        'Tarragona', (8, 12, None), ['EFE'])
    assert head('Tarragona, 12 d\u2019abril (EFE).- El port.')[1] == (
        4, 12, None)
    assert head('Palma, 4 de maig de 2024 (EFE).- El Consell.')[1] == (
        5, 4, 2024)


def test_finnish_partitive_months():
    assert head('TAMPERE, 8. kesäkuuta (STT) - Kaupunki tiedotti.') == (
        'TAMPERE', (6, 8, None), ['STT'], 'Kaupunki tiedotti.')
    assert head('OULU, 1. joulukuuta (STT) - Kaupunki.')[1] == (12, 1, None)


def test_greek_genitive_months_with_or_without_accents():
    assert head('THESSALONIKI, 9 Απριλίου (ANA) - Ο δήμος ανακοίνωσε.') == (
        'THESSALONIKI', (4, 9, None), ['ANA'], 'Ο δήμος ανακοίνωσε.')
    assert head('ATHENS, 2 ΜΑΪΟΥ (ANA) - Ο δήμος.')[1] == (5, 2, None)
    assert head('ATHENS, 2 ΔΕΚΕΜΒΡΙΟΥ (ANA) - Ο δήμος.')[1] == (12, 2, None)
    # (a longer Greek word is no month)
    assert head('ATHENS, 2 Μαρτίουα (ANA) - Ο δήμος.')[0] is None


def test_new_months_stay_out_of_sentences():
    """The new months are read after a day in a dateline only: a
    sentence with a day and a month and a dash is no dateline."""
    for text in ('Er waren 17 maart - zo zei de minister - veel mensen.',
                 'Wij kwamen op 5 augustus - met de trein - aan.',
                 'The show opens 3 de gener - sold out already.'):
        assert head(text)[0] is None, text


# ------------------------------------------------ Polish "r."

def test_polish_r_after_the_year():
    assert head('Kraków, 4 kwietnia 2024 r. (PAP) - Sejmik przyjął uchwałę.') == (
        'Kraków', (4, 4, 2024), ['PAP'], 'Sejmik przyjął uchwałę.')
    assert head('Gdańsk, 4 kwietnia 2024 r. - Sejmik przyjął uchwałę.') == (
        'Gdańsk', (4, 4, 2024), [], 'Sejmik przyjął uchwałę.')
    assert head('Gdańsk, 04.04.2024 r. (PAP) - Sejmik.')[:3] == (
        'Gdańsk', (4, 4, 2024), ['PAP'])


# ------------------------------------------------ EFE's bracketed country

def test_efe_country_in_parentheses_before_the_date():
    assert head('Houston (EE.UU.), 9 abr (EFE).- La policía informó.') == (
        'Houston (EE.UU.)', (4, 9, None), ['EFE'], 'La policía informó.')
    assert head('Bogotá (Colombia), 30 ene (EFE).- El Gobierno dijo.')[:3] == (
        'Bogotá (Colombia)', (1, 30, None), ['EFE'])
    assert head('Rafah (Palestina), 2 may (EFE).- Al menos diez.')[:3] == (
        'Rafah (Palestina)', (5, 2, None), ['EFE'])


def test_a_parenthesis_then_a_number_is_no_dated_place():
    """Only a date after the comma: a count is the sentence's; a credit
    in the parentheses stays a credit, not a qualifier."""
    for text in ('PARIS (France), 17 people died - police said.',
                 'Madrid (Spain), 2025 - a year of change.',
                 'LONDON (Reuters), 17 March - The shares fell.'):
        assert head(text)[0] is None, text


# ------------------------------------------------ byline line, place line

def test_staff_byline_then_the_place_on_its_own_line():
    h = parse_head('Legal Correspondent\nMADURAI\nThe High Court on Friday '
                   'stayed the order.', REG, title='Court stays order')
    assert (h.location, h.byline, h.credits) == (
        'MADURAI', 'Legal Correspondent', [])
    assert h.start == len('Legal Correspondent\nMADURAI\n')
    assert head('The Hindu Bureau\nCOIMBATORE\nThe district administration said.')[
        ::3] == ('COIMBATORE', 'The district administration said.')
    assert head('Staff Reporter\n\nMYSURU\n\nThe city corporation said.')[
        ::3] == ('MYSURU', 'The city corporation said.')


def test_agency_name_then_the_place_on_its_own_line_credits_it():
    assert head('PTI\nMUMBAI\nThe Bombay High Court on Friday said.') == (
        'MUMBAI', (None, None, None), ['PTI'],
        'The Bombay High Court on Friday said.')
    assert head('Press Trust of India\nKOLKATA\nThe State said.')[::2] == (
        'KOLKATA', ['PTI'])


def test_a_name_or_heading_line_then_a_place_line_is_no_byline():
    """Only a staff byline or an agency's name: a person's name, a
    section heading or a country on the second line reads nothing."""
    for text in ('Jane Doe\nCHENNAI\nThe State government said.',
                 'Top Stories\nCHENNAI\nThe State government said.',
                 'Staff Reporter\nINDIA\nThe State government said.',
                 'Staff Reporter\nTHE STATE GOVERNMENT\nsaid on Monday.'):
        assert head(text)[0] is None, text


# ------------------------------------------------ caption, then a dated credit

def test_reuters_caption_then_a_dateline_without_its_place():
    text = ('FILE PHOTO: A worker walks past a Boeing logo in Renton, '
            'Washington, June 9, 2024. REUTERS/Jane Roe/File Photo\n'
            'June 10 (Reuters) - Boeing said on Tuesday it would cut jobs.')
    assert head(text, title='Boeing to cut jobs') == (
        None, (6, 10, None), ['REUTERS'],
        'Boeing said on Tuesday it would cut jobs.')
    # the caption run into the text, and the credit alone on the next line
    assert head('FILE PHOTO: A Boeing logo. REUTERS/Jane Roe/File Photo '
                'June 10 (Reuters) - Boeing said.')[1:] == (
        (6, 10, None), ['REUTERS'], 'Boeing said.')
    assert head('FILE PHOTO: A Boeing logo. REUTERS/Jane Roe/File Photo\n'
                '(Reuters) - Boeing said.')[2:] == (['REUTERS'], 'Boeing said.')


def test_a_caption_then_a_sentence_with_a_date_is_no_dateline():
    text = ('FILE PHOTO: A Boeing logo. REUTERS/Jane Roe\n'
            'June 10 was a busy day - Boeing said.')
    assert head(text) == (None, (None, None, None), [], text)


# ------------------------------------------------ agency line with a date

def test_agency_prefix_then_a_date_line_then_the_dateline():
    assert head('IANS | Apr 9, 2024, 08:15 IST\nMumbai: The police said.') == (
        'Mumbai', (None, None, None), ['IANS'], 'The police said.')
    assert head('IANS | 9 April 2024\n\nKolkata: The police said.')[::3] == (
        'Kolkata', 'The police said.')


def test_agency_prefix_then_a_date_line_alone_leaves_the_body():
    assert head('AFP | Updated: Apr 9, 2024, 08:15 IST\nThe UN said.') == (
        None, (None, None, None), ['AFP'], 'The UN said.')
    assert head('Reuters | Published on Apr 9, 2024 8:15 am\nOil rose.')[2:] == (
        ['REUTERS'], 'Oil rose.')


def test_a_prefix_line_with_a_date_and_words_is_no_date_line():
    assert head('AFP | April 9 protests\nThe UN said.')[3] == (
        'April 9 protests\nThe UN said.')
