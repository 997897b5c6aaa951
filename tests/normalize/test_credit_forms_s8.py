"""Credit and citation forms found by an adversarial audit of English wire
copy (fixtures written for wirefeed): the agency on its own reporting, the
phrases that bring a source's words to it, and the look-alikes of police
forces, parties, payment systems, companies and people."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import find_citations, load_registry
from pipeline.normalize.datelines import parse_head

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, tzinfo=UTC)
REG = load_registry()


@pytest.mark.parametrize('text,agency', [
    # the source's words brought to the agency
    ('An official confirmed the death toll to Xinhua on Monday.', 'XINHUA'),
    ('The bank confirmed it to Reuters.', 'REUTERS'),
    ('A spokeswoman declined to comment to AFP.', 'AFP'),
    ('He spoke on condition of anonymity to The Associated Press.', 'AP'),
    ('The firm said in an email to Reuters that it would appeal.',
     'REUTERS'),
    ('The ministry said in a message to AFP that it would appeal.', 'AFP'),
    ('The army said in a statement sent to AFP that two died.', 'AFP'),
    ('The ministry said in response to questions from Reuters that it '
     'would appeal.', 'REUTERS'),
    ('The ministry did not respond to a request for comment from AFP.',
     'AFP'),
    ('The ministry did not respond to an AFP request for comment.', 'AFP'),
    ("The ministry did not respond to Reuters' request for comment.",
     'REUTERS'),
    ('When asked by Reuters, the ministry declined to comment.', 'REUTERS'),
    ('Contacted by AFP, the ministry declined to comment.', 'AFP'),
    # South Asian papers' "talking to"
    ('Talking to PTI, the minister said the scheme would be extended.',
     'PTI'),
    ('The minister said this while talking to ANI.', 'ANI'),
    ('Speaking exclusively to Anadolu, the minister said five died.',
     'ANADOLU'),
    # the agency's own reporting
    ('The race was called by The Associated Press at 11 p.m.', 'AP'),
    ('Economists polled by Reuters had expected a rise.', 'REUTERS'),
    ('Figures compiled by AFP show 200 deaths.', 'AFP'),
    ('Reuters could not independently verify the footage.', 'REUTERS'),
    ('AFP was unable to confirm the claim.', 'AFP'),
    ('Xinhua gave no further details.', 'XINHUA'),
    ('KCNA did not say when the test took place.', 'KCNA'),
    # an acronym no other body has, with a bare "said"
    ("The launch succeeded, North Korea's KCNA said.", 'KCNA'),
    ('TASS said the talks would resume.', 'TASS'),
    # an ambiguous one named as the state's
    ('The prime minister chaired the meeting, state-run APP said.', 'APP'),
    # the agency's report, named with an article
    ('He denied the Reuters report.', 'REUTERS'),
    ('The Xinhua report gave no toll.', 'XINHUA'),
])
def test_cited(text, agency):
    assert kinds(normalize_story(text, FETCHED), 'cited') == [agency]


@pytest.mark.parametrize('text', [
    # a payment system, a party's strike, a police force's people
    'He paid the bill via UPI.',
    'According to UPI data, transactions rose 40 percent.',
    'A strike called by AAP paralysed Delhi.',
    "In response to AAP's charges, the BJP said they were false.",
    'In a letter to PTI, the government offered talks.',
    'The man told AFP investigators he had acted alone.',
    'Farmers told AP officials the crops had failed.',
    'According to AAP leaders, the party will win.',
    # the acronym used so elsewhere in the story
    'PTI chairman Imran Khan addressed a rally. PTI reported that 20 '
    'workers had been arrested.',
    'AFP officers raided a house in Sydney. According to AFP, two men were '
    'arrested.',
    'CP shares rose after CP reported higher profit.',
    # other bodies of the agency's name, and its owner
    'According to the Reuters Institute, trust in news fell.',
    'According to Bloomberg Philanthropies, the gift will fund schools.',
    'He told the Press Association of Jamaica he was safe.',
    'Thomson Reuters said it would cut 3,200 jobs.',
    'Thomson Reuters reported higher quarterly revenue.',
    'Bloomberg LP said it would hire 100 reporters.',
    # a person
    'Michael Bloomberg spoke in Denver. Bloomberg said the campaign would '
    'go on.',
    # acronyms and given names of other meanings
    'The Irish DPA said it had fined Meta.',
    "Bosnia's SDA said it would boycott the vote.",
    'Hina said she would run again.',
    # the agency's tallies and polls stay no citation
    'The Associated Press poll ranked Alabama first.',
    'The AP data showed 500 deaths.',
])
def test_not_cited(text):
    assert kinds(normalize_story(text, FETCHED), 'cited') == []


def test_company_is_still_a_credit():
    # the owner's name credits where a credit stands
    row = normalize_story('The talks resumed.\n\u00a9 2025 Thomson Reuters',
                          FETCHED)
    assert kinds(row, 'credit') == ['REUTERS']


def test_kyodo_sign_off():
    row = normalize_story('The cabinet approved the bill on Tuesday.\n==Kyodo',
                          FETCHED)
    assert kinds(row, 'credit') == ['KYODO']
    assert row['body'] == 'The cabinet approved the bill on Tuesday.'


def test_person_found_anywhere_before_or_after():
    # the given name may come after the bare "said" too
    text = ('Bloomberg said he would spend $1 billion. Michael Bloomberg '
            'spoke in Denver.')
    assert find_citations(text, REG) == []


@pytest.mark.parametrize('text,location,agencies,body', [
    # a hyphenated agency name as the prefix
    ('Agence France-Presse - The US Senate voted on Tuesday.', None, ['AFP'],
     'The US Senate'),
    ('Deutsche Presse-Agentur - The government said.', None, ['DPA'], 'The government'),
    # the agency before the place, and after the dateline's dash
    ('AFP, WASHINGTON \u2014 The US Senate voted on Tuesday.', 'WASHINGTON', ['AFP'],
     'The US Senate'),
    ('PTI, NEW DELHI: The government said on Monday.', 'NEW DELHI', ['PTI'],
     'The government'),
    ('VANCOUVER - The Canadian Press - The B.C. government said.', 'VANCOUVER',
     ['CP'], 'The B.C.'),
    # the place first, and a qualifier that is no agency: unchanged
    ('PETRA, Jordan (AP) \u2014 Tourists returned.', 'PETRA, Jordan', ['AP'], 'Tourists'),
    ('WASHINGTON - The White House - which denied it - said.', 'WASHINGTON', [],
     'The White House'),
    # the agency in dashes as an aside, and the owner company: no credit
    ("NEW YORK - Bloomberg - Michael Bloomberg's company - said.", 'NEW YORK', [],
     'Bloomberg -'),
    ("BEIJING - Xinhua - China's official news agency - reported floods.",
     'BEIJING', [], 'Xinhua -'),
    ('Thomson Reuters, TORONTO - The company said on Monday.', None, [],
     'Thomson Reuters'),
])
def test_agency_around_the_dateline(text, location, agencies, body):
    head = parse_head(text, REG)
    assert head.location == location
    assert sorted({c for c, _, _ in head.credits}) == agencies
    assert text[head.start:].startswith(body)


@pytest.mark.parametrize('text,location,code', [
    ('LIMA, March 18 (ANDINA) - The government said.', 'LIMA', 'ANDINA'),
    ('Tashkent, March 18 (UzA) - The president said.', 'Tashkent', 'UZA'),
    ('VILNIUS, March 18 (ELTA) - The government said.', 'VILNIUS', 'ELTA'),
    ('RIGA, March 18 (LETA) - The government said.', 'RIGA', 'LETA'),
    ('BAKU, March 18 (AZERTAC) - The government said.', 'BAKU', 'AZERTAC'),
    ('ACCRA, March 18 (GNA) - The government said.', 'ACCRA', 'GNA'),
    ('LUANDA, March 18 (ANGOP) - The government said.', 'LUANDA', 'ANGOP'),
])
def test_more_national_agencies_in_the_dateline(text, location, code):
    head = parse_head(text, REG)
    assert head.location == location
    assert [c for c, _, _ in head.credits] == [code]


def test_an_andean_word_is_no_citation():
    text = 'La Comunidad Andina said the tariff would fall, officials said.'
    assert find_citations(text, REG) == []


@pytest.mark.parametrize('text', [
    # the agency's people and owners: company news, not its reporting
    'He left a note to Reuters staff on Monday.',
    'The chief executive sent a note to Bloomberg employees.',
    'In a response to Reuters shareholders, the board defended the deal.',
    'He talked to Xinhua executives about a partnership.',
    'Questions from Reuters staff about pay were ignored.',
    # what is confirmed is a career, not news
    'She confirmed her move to Reuters after ten years at the BBC.',
    'He confirmed his transfer to Bloomberg.',
    # its products
    "Bloomberg's data terminal business grew by a tenth.",
    "Bloomberg's article paywall frustrates readers.",
    # an acronym of telecoms, and Russia's FAN in English
    'BSS said the base station subsystem failed overnight.',
    'According to the Federal News Agency, the fighters advanced.',
])
def test_review_look_alikes_are_no_citation(text):
    assert find_citations(text, REG) == []


@pytest.mark.parametrize('text,agency', [
    ('The ministry confirmed the news to AFP.', 'AFP'),
    ('A source told Reuters journalists in Kyiv that the attack failed.',
     'REUTERS'),
    ("Bloomberg's data showed prices rose.", 'BLOOMBERG'),
    ('The minister denied the Xinhua report.', 'XINHUA'),
])
def test_review_citations_that_stay(text, agency):
    assert [c['agency'] for c in find_citations(text, REG)] == [agency]
