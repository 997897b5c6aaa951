"""Agencies cited in French, Spanish, Portuguese, Italian and German copy;
agencies added to the registry; two-letter acronyms spelled out as
something else; en-CA numeric dates. Fixtures written for wirefeed from how
agencies and outlets phrase copy (none taken from any corpus)."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import (_occurrences, find_citations,
                                         load_registry)
from pipeline.normalize.datelines import parse_head
from pipeline.normalize.dates import parse_feed_date

REG = load_registry()
UTC = dt.timezone.utc


def cited(text):
    return [(c['agency'], c['text']) for c in find_citations(text, REG)]


# ------------------------------------------------- citing phrases by language
@pytest.mark.parametrize('text,agency,phrase', [
    # French
    ("Le bilan s'élève à douze morts, selon l'AFP.", 'AFP', "selon l'AFP"),
    ('Le bilan s\u2019élève à douze morts, selon l\u2019AFP.', 'AFP',
     'selon l\u2019AFP'),
    ("Le ministre a indiqué à l'AFP que les discussions reprendraient.",
     'AFP', "indiqué à l'AFP"),
    ('Un diplomate a déclaré à Reuters que l\'accord était proche.',
     'REUTERS', 'déclaré à Reuters'),
    ("Un diplomate a déclaré mardi soir à l'agence Reuters que c'était fini.",
     'REUTERS', "déclaré mardi soir à l'agence Reuters"),
    ("L'armée a bombardé la ville, rapporte l'agence Reuters.", 'REUTERS',
     "rapporte l'agence Reuters"),
    ("\u00ab Nous sommes prêts \u00bb, a-t-il dit à l'AFP.", 'AFP',
     "dit à l'AFP"),
    ("Selon un décompte de l'AFP, 300 personnes sont mortes.", 'AFP',
     "Selon un décompte de l'AFP"),
    ("Interrogé par l'AFP, le maire n'a pas répondu.", 'AFP',
     "Interrogé par l'AFP"),
    ("D'après l'agence de presse officielle KCNA, le tir a réussi.", 'KCNA',
     "D'après l'agence de presse officielle KCNA"),
    # Spanish
    ('Hubo 40 muertos, según AP.', 'AP', 'según AP'),
    ('La cifra asciende a 40, según informó EFE.', 'EFE', 'según informó EFE'),
    ('El ministro dijo a Reuters que no habrá acuerdo.', 'REUTERS',
     'dijo a Reuters'),
    ('La policía detuvo a tres personas, informó la agencia EFE.', 'EFE',
     'informó la agencia EFE'),
    ('El presidente, en declaraciones a EFE, dijo que sí.', 'EFE',
     'declaraciones a EFE'),
    ('Según la agencia de noticias oficial SANA, hubo cinco muertos.', 'SANA',
     'Según la agencia de noticias oficial SANA'),
    ('El portavoz explicó este lunes a Efe que no hubo heridos.', 'EFE',
     'explicó este lunes a Efe'),
    # Portuguese
    ('O acordo foi assinado, de acordo com a Reuters.', 'REUTERS',
     'de acordo com a Reuters'),
    ('O ministro disse à Reuters que o acordo está próximo.', 'REUTERS',
     'disse à Reuters'),
    ('O autarca adiantou à agência Lusa que a estrada reabre amanhã.', 'LUSA',
     'adiantou à agência Lusa'),
    ('Segundo a Lusa, o presidente chegou ontem.', 'LUSA', 'Segundo a Lusa'),
    # Italian
    ("Il bilancio è di 12 morti, secondo l'ANSA.", 'ANSA', "secondo l'ANSA"),
    ("Il ministro ha detto all'ANSA che l'accordo è vicino.", 'ANSA',
     "detto all'ANSA"),
    ("Lo riferisce l'Ansa.", 'ANSA', "riferisce l'Ansa"),
    ("Secondo quanto appreso dall'Ansa, la riunione è rinviata.", 'ANSA',
     "Secondo quanto appreso dall'Ansa"),
    ('Il sindaco ha dichiarato ad Adnkronos che tutto va bene.', 'ADNKRONOS',
     'dichiarato ad Adnkronos'),
    # German
    ('Es gebe keine Einigung, sagte ein Sprecher der dpa.', 'DPA',
     'sagte ein Sprecher der dpa'),
    ('Das berichtete die Nachrichtenagentur dpa am Montag.', 'DPA',
     'berichtete die Nachrichtenagentur dpa'),
    ('Laut dpa wurden drei Menschen verletzt.', 'DPA', 'Laut dpa'),
    ('Wie die dpa meldet, wurde der Vertrag unterzeichnet.', 'DPA',
     'dpa meldet'),
    ('Das Abkommen sei fertig, wie ein Sprecher der Deutschen '
     'Presse-Agentur sagte.', 'DPA', 'Deutschen Presse-Agentur sagte'),
    ('Der Sprecher sagte gegenüber Reuters, dass alles gut sei.', 'REUTERS',
     'gegenüber Reuters'),
    ('Einem Bericht der AFP zufolge gab es keine Verletzten.', 'AFP',
     'AFP zufolge'),
    # a German quotation closed by \u201c, then the citation
    ('\u201eWir sind bereit\u201c, sagte ein Sprecher am Montag der dpa.',
     'DPA', 'sagte ein Sprecher am Montag der dpa'),
    ('\u00bbWir sind bereit\u00ab, sagte er der dpa.', 'DPA',
     'sagte er der dpa'),
    # copy in capitals
    ("LE BILAN EST LOURD, SELON L'AFP.", 'AFP', "SELON L'AFP"),
])
def test_foreign_citation(text, agency, phrase):
    assert cited(text) == [(agency, phrase)]


@pytest.mark.parametrize('text', [
    # the agency as employer, subject of other verbs, or in a list
    "Il a quitté l'AFP en 2010.",
    "Une photographe de l'AFP a été blessée.",
    "Il a porté plainte contre l'AFP.",
    'Agenturen wie die AFP und Reuters haben Büros in Kiew.',
    "A dicembre l'Ansa aveva cambiato direttore.",
    # inside quotations, French and German
    "\u00ab Je l'ai dit à l'AFP hier \u00bb, a-t-il assuré.",
    '\u201eIch habe es der dpa gesagt\u201c, betonte er.',
    # the hospital group, not the agency ("AP-HP")
    "Selon l'AP-HP, 40 patients sont en réanimation.",
    # German "Mehr" is a word, the Iranian agency only when cited
    'Mehr als 100 Menschen wurden verletzt.',
    # an English "related AP story" is no citation
    'The related AP story is below.',
])
def test_foreign_non_citation(text):
    assert cited(text) == []


@pytest.mark.parametrize('text', [
    # the existing ambiguity guards hold for the new phrases
    "L'Autorité palestinienne (AP) a démenti. Un responsable a déclaré à "
    "l'AP que rien n'était décidé.",
    'Según AP Computer Science, el examen cambia.',
    "La Police fédérale australienne, Australian Federal Police (AFP), a "
    "arrêté un homme, a indiqué à l'AFP un porte-parole.",
])
def test_foreign_phrases_keep_ambiguity_guards(text):
    assert cited(text) == []


@pytest.mark.parametrize('text,start', [
    ("selon l'AFP", 8),
    ('selon l\u2019AFP', 8),
    ("ha detto all'ANSA", 13),
    ("secondo quanto riportato dall'Ansa", 30),
])
def test_alias_found_after_an_elided_article(text, start):
    assert [s for s, _, _ in _occurrences(text, REG)] == [start]


def test_english_forms_unchanged():
    assert cited('He confirmed a Reuters report that talks had stalled.') == [
        ('REUTERS', 'confirmed a Reuters')]
    assert cited('The minister told Reuters he would stay.') == [
        ('REUTERS', 'told Reuters')]


# ------------------------------------------------------------ registry
@pytest.mark.parametrize('credit,code', [
    ('askanews', 'ASKANEWS'), ('Askanews', 'ASKANEWS'),
    ('LaPresse', 'LAPRESSE'), ('Servimedia', 'SERVIMEDIA'),
    ('UNIAN', 'UNIAN'), ('Tasnim', 'TASNIM'), ('Fars', 'FARS'),
    ('ISNA', 'ISNA'), ('Mehr', 'MEHR'), ('Ansa', 'ANSA'), ('Efe', 'EFE'),
    ('Afp', 'AFP'), ('Dpa', 'DPA'), ('Agência Lusa', 'LUSA'),
    ('Deutschen Presse-Agentur', 'DPA'), ('Agenzia Italia', 'AGI'),
    ('Polska Agencja Prasowa', 'PAP'), ('Magyar Távirati Iroda', 'MTI'),
    # already there, kept
    ('Adnkronos', 'ADNKRONOS'), ('AGI', 'AGI'), ('Europa Press',
                                                 'EUROPA_PRESS'),
    ('Lusa', 'LUSA'), ('Agência Brasil', 'AGENCIA_BRASIL'), ('APA', 'APA'),
    ('Belga', 'BELGA'), ('ANP', 'ANP'), ('CTK', 'CTK'), ('PAP', 'PAP'),
    ('MTI', 'MTI'), ('HINA', 'HINA'), ('Tanjug', 'TANJUG'), ('BTA', 'BTA'),
    ('Agerpres', 'AGERPRES'), ('Ukrinform', 'UKRINFORM'), ('WAFA', 'WAFA'),
    ('SPA', 'SPA'), ('WAM', 'WAM'), ('QNA', 'QNA'), ('KUNA', 'KUNA'),
    ('MENA', 'MENA'), ('IRNA', 'IRNA'), ('Bernama', 'BERNAMA'),
    ('VNA', 'VNA'), ('PNA', 'PNA'), ('CNA', 'CNA'), ('NNA', 'NNA'),
    ('Xinhua', 'XINHUA'), ('KCNA', 'KCNA'), ('Kyodo', 'KYODO'),
    ('Jiji', 'JIJI'), ('Yonhap', 'YONHAP'),
])
def test_registry_credits(credit, code):
    assert REG.lookup_credit(credit) == [code]


def test_new_short_forms_are_ambiguous():
    # words or other organisations as well: never on a bare "X said"
    for alias in ('Ap', 'Afp', 'Efe', 'Ansa', 'Fars', 'Mehr', 'ISNA'):
        assert alias in REG.ambiguous
    assert cited('Efe said the game was over.') == []
    assert cited('Fars said it would not.') == []
    assert cited('The semi-official Tasnim news agency reported the '
                 'strike.') == [('TASNIM', 'Tasnim news agency reported')]


@pytest.mark.parametrize('text,location,code', [
    ('ROMA (askanews) - Il ministro ha parlato.', 'ROMA', 'ASKANEWS'),
    ('Roma, 3 mar. (askanews) - Il ministro ha parlato.', 'Roma', 'ASKANEWS'),
    ('MILANO (LaPresse) - Il sindaco ha parlato.', 'MILANO', 'LAPRESSE'),
    ('MADRID (Servimedia) - El ministro habló.', 'MADRID', 'SERVIMEDIA'),
    ('KYIV (UNIAN) - The minister spoke.', 'KYIV', 'UNIAN'),
])
def test_dateline_credits_of_added_agencies(text, location, code):
    h = parse_head(text, REG)
    assert h.location == location
    assert [c for c, _, _ in h.credits] == [code]


# ------------------------------------- two-letter acronyms spelled otherwise
@pytest.mark.parametrize('text', [
    'Floods hit parts of Andhra Pradesh on Monday. A state official told '
    'the AP government would pay.',
    'Andhra Pradesh has seen floods. Officials told the AP the toll was 12.',
    'In Arunachal Pradesh, an official told the AP that roads were cut.',
    'Flooding in Andhra Pradesh and Uttar Pradesh. Officials told the AP '
    'the toll was 12.',
])
def test_two_letter_acronym_spelled_as_something_else(text):
    assert cited(text) == []


@pytest.mark.parametrize('text', [
    # ordinary US stories: two capitalised words that are no expansion
    'As President, Biden told the AP he would run.',
    'The drug was tested by the American Pharmacists Association. A '
    'spokesman told the AP it was safe.',
    'Trade across Asia Pacific slowed. A trader told the AP it would '
    'recover.',
    'Atlanta Police said on Monday a man was held. His lawyer told the AP '
    'he was innocent.',
    '"It is over," said Anna Palmer. She told the AP on Monday.',
    'Anna Palmer, 34, was there. Palmer told the AP on Monday.',
    # the agency's own name, possessive too
    "The Associated Press's reporters were there. A spokesman told the AP "
    'it was over.',
    # the state named only after the citation
    'He told the AP on Monday. Andhra Pradesh is far away.',
    # a story in capitals makes no expansion
    'ANDHRA PRADESH FLOODS. OFFICIALS TOLD THE AP THE TOLL WAS 12.',
])
def test_two_letter_acronym_still_cited(text):
    assert [a for a, _ in cited(text)] == ['AP']


def test_ap_dateline_and_spelled_citation_in_an_andhra_story():
    text = ('NEW DELHI (AP) \u2014 Officials in Andhra Pradesh said on '
            'Monday that 12 people died, the Associated Press reported.')
    h = parse_head(text, REG)
    assert [c for c, _, _ in h.credits] == ['AP']
    assert cited(text[h.start:]) == [('AP', 'the Associated Press reported')]


# ------------------------------------------------------------ en-CA dates
@pytest.mark.parametrize('raw,lang,expected', [
    # Canadian English: month first, like en-US (see dates.py)
    ('02/06/2025 10:00', 'en-CA', dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00', 'en_CA', dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('02/06/25', 'en-ca', dt.datetime(2025, 2, 6, tzinfo=UTC)),
    # the Philippines: month first
    ('02/06/2025 10:00', 'en-PH', dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('02/06/25', 'en-ph', dt.datetime(2025, 2, 6, tzinfo=UTC)),
    # Canadian French and British English: day first
    ('02/06/2025 10:00', 'fr-CA', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    ('02/06/2025 10:00', 'en-GB', dt.datetime(2025, 6, 2, 10, 0, tzinfo=UTC)),
    # ISO, a day above 12 and a weekday settle it whatever the tag
    ('2025-02-06 10:00', 'en-CA', dt.datetime(2025, 2, 6, 10, 0, tzinfo=UTC)),
    ('13/06/2025 10:00', 'en-CA', dt.datetime(2025, 6, 13, 10, 0, tzinfo=UTC)),
    ('Mon, 06/02/2025', 'en-CA', dt.datetime(2025, 6, 2, tzinfo=UTC)),
    # no language: a Canadian zone name keeps month first (CET would not)
    ('02/06/2025 10:00 NST', None,
     dt.datetime(2025, 2, 6, 13, 30, tzinfo=UTC)),
    ('02/06/2025 10:00 ADT', None, dt.datetime(2025, 2, 6, 13, 0, tzinfo=UTC)),
    ('02/06/2025 10:00 CET', None, dt.datetime(2025, 6, 2, 9, 0, tzinfo=UTC)),
])
def test_numeric_dates_canada_philippines(raw, lang, expected):
    assert parse_feed_date(raw, languages=[lang] if lang else None,
                           relative_base=dt.datetime(2025, 7, 1,
                                                     tzinfo=UTC)) == expected
