"""Story heads: prefix, byline, dateline (pure; no Beam).

``parse_head(text, registry, title=..., publisher=...)`` reads the head of a
story (markup already stripped, whitespace as it was) and returns a ``Head``:
where the body proper starts, the dateline as written, its location, its
month/day(/year), and every agency credited on the way (``AP -`` prefix,
``By Reuters`` byline, ``(AFP)`` in the dateline).

What counts as a dateline: a place (capitals, or any case when a date or an
agency follows) at the head of the story, then optionally a date and an
agency credit, then a dash, underscore, colon or double slash (a date in
figures, "HANOI, 18/3 (VNA) -", only before a credit, or with its year
after a city read day first: "Hamburg, 17.03.2025 -"; see
_numeric_dateline):
``SAN JOSE, Calif., Feb 26 -``, ``LONDON, March 17 (Reuters) -``,
``ATLANTA (AP) _``, ``ISLAMABAD:``, ``Strasbourg, 10 juil 2024 (AFP)``,
``ATHENS, April 4 ANA -``. The credit may name an outlet or distributor
that is no agency (``Washington (CNN) —``, ``/PRNewswire/ --``), and may
stand without the place (``(Reuters) -``). Labels (``BREAKING:``,
``ANALYSIS -``), capitalised opening sentences, repeated headlines and table
headers are not datelines; a bare place with no date and no agency must be
known to the gazetteer or carry a state/country qualifier (a single unknown
word in capitals passes: the gazetteer lacks some towns the wires use).
A place never runs across a line break.

The Chinese, Japanese, Korean and Arabic wires write their own forms, each
with its agency: ``新华社北京3月17日电（记者张三）``, ``【ワシントン共同】``,
``(서울=연합뉴스) 김철수 기자 =`` (the reporters are the byline and part of the
head), ``القاهرة، 17 مارس (رويترز) -``; and Russian copy a place and date in
parentheses, ``(ВАШИНГТОН, 17 марта) —``. Their place must be one the
gazetteer knows: a bracketed label (``【速報】``, ``【コラム共同】``), a photo
credit (``(사진=연합뉴스)``), a label with a date (``(ОБНОВЛЕНО, 17 марта)``)
or words before a credit (``قالت الحكومة (رويترز)``) is none.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from typing import List, Optional, Tuple

from . import geo
from .agencies import Registry, expands_acronym
from .dates import DAY_MONTHS, MONTHS
from .rx import fold, trie

# Month names as a case-folded trie (re's IGNORECASE alternations are several
# times slower than explicit [Mm][Aa][Rr] classes; see rx.py).
# (every Latin-script name: "3 février", "10 juil", "3 de março")
_MON_WORDS = [m for m in MONTHS if m.isalpha() and
              all(ord(c) < 0x250 for c in m)]
_MON = trie(_MON_WORDS, fold=True)
# (and the Cyrillic ones after a day: TASS's "МОСКВА, 26 мая. /ТАСС/.";
# only there, so that the other patterns stay as cheap as they were)
_MON_DAY = trie(_MON_WORDS + [m for m in MONTHS if m.isalpha() and all(
    0x400 <= ord(c) < 0x460 for c in m)], fold=True)
_MON3 = trie('jan feb mar apr may jun jul aug sep oct nov dec'.split(),
             fold=True)
# (Romanian's comma-below "Ș", "Ț": "București", "Timișoara"; Ukrainian's
# and Serbian's Cyrillic letters beyond Russian's: "Київ", "Љубљана")
_UP = 'A-ZÀ-ÖØ-ÞĀ-ŽȘȚЀ-ЯҐ'
_LET = 'A-Za-zÀ-ÖØ-öø-ÿĀ-žȘșȚțЀ-џҐґ'
_W = rf"(?:[{_UP}](?:[{_LET}'’.&}}{{|]|-(?=[{_LET}]))*)"
_CONN = (r"(?:of|de|del|de\s+la|la|le|les|du|des|di|da|do|dos|das|am|an|"
         r"im|upon|on|sur|en|el|al|bei|van|der|den|aan|y|e|et)")
# (qualifiers also join with "and": "Bosnia and Herzegovina", "Trinidad
# and Tobago"; ANI writes the country in brackets, after the state in
# parentheses: "New Delhi [India]", "Guwahati (Assam) [India]")
_QCONN = rf"(?:{_CONN}|and)"
_NOT_DATE = rf'(?!(?:{_MON}|{_MON3}[A-Za-z]{{0,6}})\.?\s*\d)'
# A place stays on one line ("Reuters\nLONDON, March 17 (Reuters) -" is a
# source line, then the dateline).
_SP = r'[^\S\n]'
_LOC = re.compile(
    rf"(?P<main>{_W}(?:(?:{_SP}+|{_SP}*/{_SP}*)(?:{_CONN}{_SP}+)?{_NOT_DATE}{_W}){{0,5}})"
    rf"(?P<quals>(?:{_SP}*,{_SP}*{_NOT_DATE}{_W}(?:{_SP}+(?:{_QCONN}{_SP}+)?"
    rf"{_NOT_DATE}{_W}){{0,3}}){{0,2}})")
# ANI's bracketed country, after a state in parentheses or not (matched
# apart, where a "[" follows, so _LOC stays as cheap as it was)
_BRACKET_QUALS = re.compile(
    rf"(?:{_SP}*\({_SP}*{_W}(?:{_SP}+(?:{_QCONN}{_SP}+)?{_W}){{0,3}}{_SP}*\))?"
    rf"{_SP}*\[{_SP}*{_W}(?:{_SP}+(?:{_QCONN}{_SP}+)?{_W}){{0,3}}{_SP}*\]")
# A place qualifier in parentheses before the credit: dpa's "Halle
# (Saale) (dpa) -", "Frankfurt (Oder) (dpa) -"; or an Indian state code
# ("VIJAYAWADA (AP):", see _paren_qualifier)
_PAREN_QUAL = re.compile(
    rf"{_SP}*\({_SP}*({_W}(?:{_SP}+(?:{_QCONN}{_SP}+)?{_W}){{0,2}}|J&K)"
    rf"{_SP}*\)")
# (French releases put an article before the day: "Paris, le 9 juin 2025")
# Europa Press writes the day alone: "MADRID, 26 (EUROPA PRESS) -"
_DAY_ONLY = re.compile(r'(\d{1,2})(?!\d)(?=[^\S\n]*\()')
# (an ordinal's full stop after the day or the year before a credit or a
# comma, as Hungarian, Croatian and Serbian write them: MTI's "március 18.,
# kedd (MTI)", Hina's "18. ožujka 2025. (Hina)")
_ORD_DOT = r'(?:\.(?=[^\S\n]*[(,]))?'
_DATE = re.compile(
    rf"(?:(?P<m1>{_MON})\.?\s+(?P<d1>\d{{1,3}})(?!\d)(?:{fold('st|nd|rd|th')})?{_ORD_DOT}"
    rf"|(?:{fold('le')}\s+)?(?P<d2>\d{{1,3}})(?:{fold('st|nd|rd|th|er')}|º)?\.?\s+"
    rf"(?:{fold('de')}\s+)?(?P<m2>{_MON_DAY})(?![{_LET}])\.?)"
    rf"(?:\s*,?\s*(?:{fold('de')}\s+)?(?P<y>(?:1[89]|20)\d\d)(?!\d){_ORD_DOT})?")
# SPA's Hijri date, which it writes before the Gregorian one: "Riyadh,
# Ramadan 18, 1446, March 18, 2025, SPA --" (the Hijri month is no place
# qualifier; the date read is the Gregorian)
_HIJRI = re.compile(
    r",[^\S\n]*(?:Muharram|Safar|Rabi|Jumad|Rajab|Sha['\u2019]?ban|Ramadh?an|"
    r"Shawwal|Dhu|Thul)[A-Za-z'\u2019 -]{0,16}?[^\S\n]+\d{1,2},[^\S\n]*"
    r"1[34]\d\d(?!\d)")
# The central European, Balkan and Malay months after the day (see
# DAY_MONTHS: "Praha 18. března", "KUALA LUMPUR, 18 Mac"), apart from _DATE
# so that the ordinary "18 mars" pays nothing for them
# ("listopada" is October in Croatian and November in Polish: Croatian
# writes the day with a full stop, "18. listopada", Polish without, "18
# listopada"; see _digit_date)
#
# To these, months of languages whose agencies' datelines carry a date and
# DAY_MONTHS lacks (read here only, after a day, as DAY_MONTHS is; Danish
# and Norwegian months are all in MONTHS or DAY_MONTHS already): Dutch
# (ANP's "AMSTERDAM, 17 maart (ANP) -", Belga's "Brussel, 17 maart"),
# Swedish (TT's "STOCKHOLM, 5 augusti (TT) -"), Catalan (EFE's "Barcelona,
# 17 de març", "5 d'octubre", "5 de maig de 2025"; the "de" or "d'" before
# the month and the "de" before the year are read for every month here),
# Finnish's partitive (STT's "HELSINKI, 17. maaliskuuta (STT) -") and
# Greek's genitive (ANA's "ATHENS, 17 Μαρτίου"; with and without its
# accents, as capitals drop them: "17 ΜΑΡΤΙΟΥ"). No word is shorter than
# five letters but Catalan's "març" and "juny", the months' only spellings
# and no ordinary words (no "mei", "maj", "mars" here: those were there
# already, read after a day only), and the Greek ones are kept apart from
# any longer Greek word by the letter check after the month.
_GREEK_MONTHS = ('ιανουαρίου φεβρουαρίου μαρτίου απριλίου μαΐου ιουνίου '
                 'ιουλίου αυγούστου σεπτεμβρίου οκτωβρίου νοεμβρίου '
                 'δεκεμβρίου').split()


def _greek_spellings(w: str) -> List[str]:
    """A Greek month as written, without its acute ("μαϊου", capitals'
    "ΜΑΪΟΥ") and without any accent ("μαιου")."""
    nfd = unicodedata.normalize('NFD', w)
    return [w, unicodedata.normalize('NFC', nfd.replace('\u0301', '')),
            ''.join(c for c in nfd if not unicodedata.combining(c))]


_MORE_DAY_MONTHS = {
    **{w: m for m, ws in {
        1: 'gener tammikuuta', 2: 'febrer helmikuuta',
        3: 'maart març maaliskuuta', 4: 'abril huhtikuuta',
        5: 'maig toukokuuta', 6: 'juny kesäkuuta', 7: 'juliol heinäkuuta',
        8: 'augustus augusti agost elokuuta', 9: 'setembre syyskuuta',
        10: 'octubre lokakuuta', 11: 'novembre marraskuuta',
        12: 'desembre joulukuuta'}.items() for w in ws.split()},
    **{g: m for m, w in enumerate(_GREEK_MONTHS, 1)
       for g in _greek_spellings(w)}}
_DAY_MONTH_WORDS = {**DAY_MONTHS, **_MORE_DAY_MONTHS}
# (Polish writes "r." (roku, "of the year") after the year, before the
# credit or the dash: PAP's "Warszawa, 17 marca 2025 r. (PAP) -", "17.03.2025
# r. (PAP) -")
_YEAR_R = r'[^\S\n]+r\.(?=[^\S\n]*[(\-\u2013\u2014,])'
_DAY_MONTH = re.compile(
    rf"(\d{{1,2}})\.?[^\S\n]+(?:{fold('de')}[^\S\n]+|[Dd]['\u2019])?"
    rf"({trie(list(_DAY_MONTH_WORDS) + ['listopada'], fold=True)})"
    rf"(?![{_LET}\u0370-\u03ff])\.?"
    rf"(?:[^\S\n]*,?[^\S\n]*(?:{fold('de')}[^\S\n]+)?((?:1[89]|20)\d\d)(?!\d)"
    rf"(?:{_YEAR_R}|{_ORD_DOT}))?")
# Dates that start with a digit and no month name after it: Hungarian's
# year first ("Budapest, 2025. március 18., kedd (MTI) \u2013"), and the
# day and month in figures, day first as the agencies that write them do
# ("HANOI, 18/3 (VNA) -", "WARSZAWA, 18.03.2025 (PAP) -"; with full stops
# only with the year: "18.03" alone is as likely a number)
_YEAR_FIRST = re.compile(
    rf"((?:1[89]|20)\d\d)\.[^\S\n]*({_MON})\.?[^\S\n]+(\d{{1,2}})(?!\d){_ORD_DOT}")
_NUM_DATE = re.compile(
    r"(\d{1,2})(?:/(\d{1,2})(?:/((?:19|20)?\d\d))?|"
    rf"\.(\d{{1,2}})\.((?:19|20)\d\d)(?:{_YEAR_R})?)(?![\d/]){_ORD_DOT}")
# The month's name between hyphens, the year after it: UPI's
# "WASHINGTON, 17-Mar-2025 (UPI) --" (see _digit_date)
_HYPHEN_DATE = re.compile(
    rf"(\d{{1,2}})-({_MON})\.?-((?:19|20)\d\d)(?![\d-])")
# A year after a slash, after the month and the day: ENA's "Addis Ababa,
# March 17/2025 (ENA) -"
_SLASH_YEAR = re.compile(r'/[^\S\n]*((?:19|20)\d\d)(?![\d/])')
# A misspelt month ("Marc 3", "Marchg 12"): its first three letters.
_FUZZY_DATE = re.compile(
    rf"(?P<m>{_MON3}[A-Za-z]{{0,6}})"
    r"\.?\s+(?P<d>\d{1,2})(?!\d)(?=\s*(?:,\s*\d{4})?\s*(?:\(|-|–|—|_|:))")
# A weekday before the date: "PARIS, lundi 9 juin (AFP) -", "MADRID,
# martes 3 de junio (EFE) -", "ROMA, lunedì 9 giugno (ANSA) -", "BERLIN,
# Montag, 9. Juni (dpa) -", "WASHINGTON, Monday, June 9 (AP) -". Full names
# only (abbreviations such as "mar", "do", "mi" are ordinary words). Tried
# only where the date itself does not start after the place.
_WEEKDAYS = (
    'monday tuesday wednesday thursday friday saturday sunday '
    'lundi mardi mercredi jeudi vendredi samedi dimanche '
    'lunes martes miércoles miercoles jueves viernes sábado sabado domingo '
    'lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi '
    'venerdì venerdi sabato domenica '
    'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag '
    'segunda-feira terça-feira terca-feira quarta-feira quinta-feira '
    'sexta-feira maandag dinsdag woensdag donderdag vrijdag zaterdag '
    'zondag').split()
# The weekdays of Hungarian and of DAY_MONTHS' languages: no place
# ("Środa, 18 marca", "Rabu, 18 Maret"; Romanian "luni" is also a town), and
# a weekday after the date (see _WEEKDAY_AFTER); kept out of the patterns
# above, which are tried after most places
_MORE_WEEKDAYS = (
    'hétfő kedd szerda csütörtök péntek szombat vasárnap '
    'pondělí úterý středa čtvrtek pátek sobota neděle pondelok utorok '
    'streda štvrtok piatok nedeľa poniedziałek wtorek środa czwartek '
    'piątek niedziela ponedeljek torek sreda četrtek petek nedelja '
    'ponedjeljak srijeda četvrtak subota nedjelja marți marti miercuri '
    'joi vineri sâmbătă sambata duminică duminica senin selasa rabu kamis '
    'jumat sabtu minggu isnin khamis jumaat ahad').split()
_WEEKDAY_SET = frozenset(_WEEKDAYS)
# ... or a weekday alone before the credit or the dash: "WASHINGTON,
# Monday (AP) -", "PARIS, lundi (AFP) -".
_WEEKDAY_ALONE = re.compile(trie(_WEEKDAYS, fold=True) +
                            r'(?![\w-])(?=[^\S\n]*(?:\(|[-\u2013\u2014_]))')
# ... or after the date, as MTI writes it: "Budapest, 2025. március 18.,
# kedd (MTI) -"
_WEEKDAY_AFTER = re.compile(trie(_WEEKDAYS + _MORE_WEEKDAYS, fold=True) +
                            r'(?![\w-])(?=[^\S\n]*(?:\(|[-\u2013\u2014_]))')
_WEEKDAY = re.compile(trie(_WEEKDAYS, fold=True) +
                      r'(?![\w-])[^\S\n]*,?[^\S\n]*(?=\d|[A-Za-z]{3})')
_FUZZY_MONTHS = {m: i for i, m in enumerate(
    'jan feb mar apr may jun jul aug sep oct nov dec'.split(), 1)}
# All lower-case copy ("peoria, april 7 -"): only with a comma and a date.
_LOWER_LOC = re.compile(
    rf"(?P<main>[{_LET}][{_LET}'’.\-]*(?:{_SP}+[{_LET}][{_LET}'’.\-]*){{0,2}})"
    rf"(?P<quals>)(?=\s*,\s*{_MON}\.?\s+\d)")
_JUNK = re.compile(r'[*#•·~^=+]{1,6}(?=[A-Za-z])')
_COMMA = re.compile(r'\s*,?\s*')
_PAREN = re.compile(r'\(\s*([^()\n]{1,40}?)\s*\)')
# (an agency named by its web address: Interfax's "Москва. 18 марта.
# INTERFAX.RU - ")
_BARE_AGENCY = re.compile(
    rf"([{_LET}][\w-]{{1,15}})(?:\.[A-Za-z]{{2}})?(?=\s*(?:\.?[-–—_]|:))")
_BARE_AGENCY_DOT = re.compile(rf"([{_LET}][\w-]{{1,15}})(?=\.\s+[A-Z\"\u201c])")
# (a hyphen before a digit joins a word: "COVID-19:"; The National's
# double slash: "ABU DHABI // ")
_TERM = re.compile(r'\s*(?:\.?\s*(?:-{1,3}(?![-\d])|–|—|―|_{1,2}|//(?!/))|:)')
_DASH_TERM = re.compile(r'\s*(?:-{1,3}(?![-\d])|–|—|―)')
# A press-release distributor between the date and the dash:
# "ARMONK, N.Y., March 17, 2025 /PRNewswire/ --"; or TASS's credit, which
# ends with a full stop: "MOSCOW, March 17. /TASS/. Russian..."
_SLASH_CREDIT = re.compile(r'\.?\s*/\s*([A-ZА-ЯЁ][^/\n]{1,30}?)\s*/\s*')
_SLASH_DOT = re.compile(r'\.\s+(?=[A-ZА-ЯЁ"\u201c\u00ab])')
# (EFE's slash credit ends with a full stop and a dash: "/EFE/.-")
_SLASH_TERM = re.compile(r'\.?\s*(?:-{1,3}(?![-\d])|–|—|―)')
_AFTER_TERM_BAD = re.compile(r'\s*(?:[-–—_]|$(?!\n))')
_SECOND_PAREN = re.compile(r'\s*\(\s*([^()\n]{1,40}?)\s*\)\s*(?:-{1,3}|–|—)?')
_SPACE = re.compile(r'\s+')
# (invisible format characters count as space: a zero-width space or a
# byte-order mark before the dateline)
_WS = re.compile('[\\s\u200b-\u200f\u2060\ufeff]*')

_LABELS = re.compile(fold(
    r"(?:BREAKING(?:\s+NEWS)?|EXCLUSIVE|ANALYSIS|NEWS\s+ANALYSIS|LIVE|"
    r"LIVE\s+UPDATES|WATCH|UPDATED?(?:\s*\d+)?|OPINION|EXPLAINER|FACTBOX|"
    r"FACT\s*CHECK|CORRECTED|CORRECTION|REFILE|RPT|INSIGHT|WRAPUP(?:\s*\d+)?|"
    r"FEATURE|INTERVIEW|PREVIEW|REVIEW|VIDEO|PHOTOS?|AUDIO|PODCAST|EDITORIAL|"
    r"COMMENT(?:ARY)?|URGENT|FLASH|ALERT|DEVELOPING|JUST\s+IN|SPECIAL\s+REPORT|"
    r"COLUMN|BRIEF|BRIEFS|SPONSORED|ADVERTISEMENT|ADVERTORIAL|POLL|QUIZ|"
    r"RECAP|REPORT|EXPLAINED|FIRST\s+LOOK|MUST\s+READ|TOP\s+STORY|"
    r"LATEST|UPDATE|WORLD|BUSINESS|SPORTS?|POLITICS|ENTERTAINMENT|TECH|"
    r"HEALTH|SCIENCE|MARKETS|LISTEN|READ|SEE|NOTE|EDITOR'?S\s+NOTE|"
    r"WARNING|SPOILERS?|GALLERY|IN\s+PICTURES|Q\s*&\s*A)"
    r"(?:\s*[-:–—|]+\s*|\s*\n)"))
_LABEL_WORDS = {
    'BREAKING', 'EXCLUSIVE', 'ANALYSIS', 'LIVE', 'WATCH', 'UPDATE', 'UPDATED',
    'OPINION', 'EXPLAINER', 'FACTBOX', 'CORRECTED', 'CORRECTION', 'REFILE',
    'INSIGHT', 'FEATURE', 'INTERVIEW', 'PREVIEW', 'REVIEW', 'VIDEO', 'PHOTO',
    'PHOTOS', 'AUDIO', 'PODCAST', 'EDITORIAL', 'COMMENT', 'URGENT', 'FLASH',
    'ALERT', 'DEVELOPING', 'NEWS', 'KEY', 'POINTS', 'HIGHLIGHTS', 'SUMMARY',
    'NOTE', 'SPONSORED', 'ADVERTISEMENT', 'LATEST', 'TOP', 'STORY', 'REPORT',
    'READ', 'MORE', 'ALSO', 'RELATED', 'SEE', 'LISTEN', 'WARNING', 'EXTRA',
    'SPECIAL', 'EXPLAINED', 'TABLE', 'CHART', 'GRAPHIC', 'FILE', 'TEXT',
    'POLL', 'QUIZ', 'RECAP', 'UPDATES', 'NB', 'PS', 'FYI', 'TL', 'DR'}
_COMMON = {
    'THE', 'A', 'AN', 'IN', 'ON', 'OF', 'AND', 'OR', 'FOR', 'TO', 'IS', 'ARE',
    'WAS', 'WERE', 'BE', 'IT', 'WE', 'I', 'YOU', 'HE', 'SHE', 'THEY', 'THIS',
    'THAT', 'WITH', 'AS', 'AT', 'BY', 'FROM', 'NOT', 'NO', 'YES', 'ALL',
    'HAS', 'HAVE', 'HAD', 'WILL', 'CAN', 'MAY', 'NEW', 'OUR', 'MY', 'YOUR',
    'WHO', 'WHAT', 'WHY', 'HOW', 'WHEN', 'WHERE', 'BUT', 'IF', 'SO', 'UP',
    'OUT', 'OVER', 'AFTER', 'BEFORE', 'SAYS', 'SAID', 'US', 'UK', 'EU',
    'UN', 'MR', 'MRS', 'MS', 'DR', 'CEO'} | _LABEL_WORDS | {
    # organisations a story or a paragraph may open with, then a dash
    # ("NATO \u2014 which has 32 members \u2014 said"): no place, where
    # no date or credit makes them one
    'NATO', 'OPEC', 'NASA', 'FIFA', 'UEFA', 'ASEAN', 'IMF', 'OECD',
    'UNESCO', 'UNICEF', 'UNHCR', 'WTO', 'IAEA', 'ICC', 'IOC', 'FBI', 'CIA',
    'NSA', 'SEC', 'FDA', 'GOP', 'ECB', 'FED', 'NFL', 'NBA', 'MLB', 'NHL',
    'BBC', 'CNN', 'G7', 'G20', 'BRICS', 'COVID',
    # and the heads of a market report's lines ("PLATINUM - Prices ...")
    'GOLD', 'SILVER', 'COPPER', 'PLATINUM', 'PALLADIUM', 'OIL', 'CRUDE',
    'WHEAT', 'CORN', 'SOYBEANS', 'SUGAR', 'COFFEE', 'COCOA', 'COTTON',
    'DURUM', 'STOCKS', 'BONDS', 'DOLLAR', 'EURO', 'YEN', 'STERLING', 'FOREX',
    'YEAR'}
# Kickers and section heads a web story opens with in capitals, then a
# colon or a dash ("POLICE: Man arrested ...", "SOURCES - Giants to sign
# ...", "TOPLINE - ...", "METALS - Copper falls"): no place without a date,
# a credit or a qualifier, though the gazetteer knows some as towns
# (Police, Poland; Deal, Kent; Hurricane, Utah; White House, Tenn.:
# "HURRICANE, Utah \u2014" stays a dateline)
_KICKERS = frozenset((
    'POLICE', 'COPS', 'SHERIFF', 'SOURCES', 'OFFICIALS', 'AUTHORITIES',
    'WITNESSES', 'EXPERTS', 'DOCTORS', 'SCIENTISTS', 'RESEARCHERS',
    'PROSECUTORS', 'INVESTIGATORS', 'LAWMAKERS', 'RESIDENTS', 'ANALYSTS',
    'CRITICS', 'FANS', 'STUDY', 'SURVEY', 'RUMOR', 'RUMOUR', 'LEAK',
    'LEAKED', 'CONFIRMED', 'OFFICIAL', 'TOPLINE', 'CRIME', 'COURTS',
    'WEATHER', 'TRAFFIC', 'OBITUARY', 'OBITUARIES', 'LETTERS', 'RECIPE',
    'ADVICE', 'DEAL', 'HURRICANE', 'TORNADO', 'EARTHQUAKE', 'QUAKE',
    'SHOOTING', 'STABBING', 'MURDER', 'MISSING', 'ARRESTED', 'CHARGED',
    'SENTENCED', 'GUILTY', 'TRANSFER', 'TRANSFERS', 'LINEUP', 'INJURY',
    'FINAL', 'RESULTS', 'EARNINGS', 'PREDICTIONS', 'PICKS', 'ODDS',
    'METALS', 'GRAINS', 'SOFTS', 'TREASURIES', 'LIVESTOCK', 'EQUITIES',
    'CURRENCIES', 'BULLION', 'CRYPTO', 'BITCOIN', 'NASDAQ', 'FTSE', 'NIKKEI',
    'DAX', 'SHARES', 'RATES', 'INFLATION', 'ECONOMY', 'ELECTION',
    'ELECTIONS', 'BUDGET', 'TARIFFS', 'SANCTIONS', 'CEASEFIRE',
    'WHITE HOUSE'))
# Words of a web page's head line, dated as a dateline is (see _parse_loc)
_HEAD_WORDS = frozenset((
    'published', 'posted', 'updated', 'modified', 'released', 'issued',
    'filed', 'created', 'written', 'edited', 'reviewed', 'staff', 'report',
    'desk', 'correspondent', 'writer', 'editor', 'reporter', 'release',
    'horoscope', 'business', 'opinion', 'sponsored', 'daily', 'weekly',
    'bureau', 'immediate'))


@functools.lru_cache(maxsize=4096)
def _page_head_line(location: str) -> bool:
    """True for a web page's dated head line in a dateline's place (one
    of _HEAD_WORDS, and no place the gazetteer knows). Cached: wire copy
    repeats its datelines' places."""
    return not _HEAD_WORDS.isdisjoint(
        location.lower().replace(',', ' ').split()) and \
        not geo.resolves(location)


# Day words head a dated line but name no place: "MONDAY, March 17 -".
_NOT_PLACES = frozenset((
    'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY',
    'SUNDAY', 'TODAY', 'TONIGHT', 'YESTERDAY', 'TOMORROW', 'WEEKEND')) | \
    frozenset(w.upper() for w in _WEEKDAYS)
# ... and those of _MORE_WEEKDAYS when alone ("Środa, 18 marca"), not as a
# town's first word ("Środa Wielkopolska (PAP) -")
_NOT_PLACES_ALONE = frozenset(w.upper() for w in _MORE_WEEKDAYS)
# A photo caption or credit line before the dateline: "FILE PHOTO: A man
# walks past ... REUTERS/Dado Ruvic/File Photo", AP's "FILE - ... (AP
# Photo/Jane Doe, File)", "Photo: AFP", "... Getty Images".
_CAPTION_HEAD = re.compile(fold(
    r"(?:file\s+(?:photo|image|picture|footage)|archive\s+(?:photo|image)|"
    r"photo|image|picture|caption|foto|file)s?\s*[:\-–—|]"))
_PHOTO_SOURCES = (
    r"(?:REUTERS|Reuters|AFP|EPA(?:-EFE)?|AP|XINHUA|Xinhua|ANADOLU|Anadolu|"
    r"AAP|YONHAP|Yonhap|KCNA|ANI|PTI|SOPA\s+Images|NurPhoto|Bloomberg|"
    r"Getty\s+Images|IMAGO|dpa|ANSA|EFE|BELGA|TASS|Sputnik|UPI|Pool|POOL)")
_CAPTION_END = re.compile(
    rf"(?:{_PHOTO_SOURCES}(?:\s+(?:PHOTO|Photo))?\s*/\s*[^\n/]{{1,60}}"
    r"(?:/\s*[^\n/]{1,30}){0,2}"
    r"|\([^\n()]{0,40}(?:Photo|PHOTO|Image|IMAGE|Foto|FOTO|Getty)[^\n()]{0,80}\)"
    r"|(?:Photo|PHOTO|Image|IMAGE|Foto|FOTO|Picture)(?:\s+[Cc]redit)?\s*:\s*[^\n]{1,60}"
    r"|(?:via\s+)?Getty\s+Images|AFP\s+PHOTO[^\n]{0,60}"
    r")\s*\.?[ \t]*$")
_FILE_PHOTO_MARK = re.compile(r'/\s*(?:File\s+Photo|FILE\s+PHOTO)\s*')
_KEY_POINTS = re.compile(fold(
    r"(?:key\s+(?:points|takeaways|facts|highlights)|story\s+highlights|"
    r"highlights|in\s+brief|at\s+a\s+glance|summary|what\s+we\s+know|"
    r"quick\s+read|tl;?\s*dr)\b\s*:?"))
_CAPS_START = re.compile(rf"(?<![\w'’])(?=[{_UP}][{_UP}])")
_BY = re.compile(r'(?:By|BY|by)\s+(?=\S)')
_BY_WORD = re.compile(rf"(?:[{_UP}][{_LET}'’.\-]*|and|AND|de|van|von|da|del|la|le|bin|al|el)(?=[\s,;(]|$)")
_WRITER = re.compile(
    r"\s*,?\s*(?:(?P<ag>[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z]+)?)\s+)?"
    r"(?:(?:Chief|Senior|Special|Staff|Business|Sports|Political|Diplomatic|"
    r"Science|Medical|Technology|Economics|Entertainment|National|Foreign|"
    r"Associate|Legal|Energy|Auto|Health|Food|Travel|Religion|White House|"
    r"Education|Environmental|Investigative|Regional|Contributing)\s+)*"
    r"(?:Writer|Correspondent|Reporter|Editor|Columnist|Staff)s?\b")
_AFTER_TITLE = re.compile(r'[\s.:\-–—|]*')
_BYLINE_CUT = re.compile(r'\s{2,}|\s[-–—]\s|\s\|\s')
_BY_STOP = re.compile(r'([^.\n]{2,60}?)\.(?:[ \t]+|$)')
_BYLINE_CUT2 = re.compile(r'\s{2,}|\s[-–—]\s|\n')
_HWS = re.compile(r'[ \t]*')
_COMMA_SEP = re.compile(r'\s*[,|]\s*')
# (a hyphen inside the name: "Agence France-Presse - ")
_PREFIX = re.compile(rf"([{_LET}][{_LET}0-9 .&'’-]{{0,38}}?)\s*(?:-{{1,2}}|–|—|\|)\s+")


@dataclasses.dataclass
class Head:
    start: int = 0                      # body starts here in the text
    dateline_raw: Optional[str] = None
    location: Optional[str] = None
    month: Optional[int] = None
    day: Optional[int] = None
    year: Optional[int] = None
    byline: Optional[str] = None
    credits: List[Tuple[str, str, str]] = dataclasses.field(default_factory=list)


_CONN_WORDS = frozenset((
    'of', 'de', 'del', 'la', 'le', 'les', 'du', 'des', 'di', 'da', 'do',
    'dos', 'das', 'am', 'an', 'im', 'upon', 'on', 'sur', 'en', 'el', 'al',
    'bei', 'van', 'der', 'den', 'aan', 'y', 'e', 'et'))


def _is_caps(words: List[str]) -> bool:
    """Every word in capitals (connectives such as "de" aside), at least
    one word with letters."""
    seen = False
    for w in words:
        if w.isupper():
            seen = True
        elif w.lower() in _CONN_WORDS or not any(c.isalpha() for c in w):
            continue
        else:
            return False
    return seen


def _credit_codes(registry: Registry, inner: str, before: str) -> List[str]:
    codes = registry.lookup_credit(inner)
    if codes and len(inner) <= 6 and expands_acronym(before, inner):
        return []
    return codes


def _paren_qualifier(inner: str, main: str, text: str, after: int,
                     registry: Registry) -> bool:
    """True when "(inner)" after a place qualifies the place instead of
    crediting an agency or outlet. An Indian state code: "(AP)" is Andhra
    Pradesh after a town of Andhra Pradesh or Telangana ("VIJAYAWADA (AP):",
    "Guntur (AP), May 26 (PTI)"), or after a place the gazetteer does not
    know when a colon or a comma follows, Indian papers' form (the
    Associated Press writes "WASHINGTON (AP) —", "NEW DELHI (AP) —", and
    "NELLORE, India (AP) —" for a smaller place; after any other known
    place "(AP)" is the agency). Other codes
    ("(TS)", "(TN)") name no agency: any Indian or unknown place. Else a
    name after a known place, followed by a second parenthesis, which holds
    the credit: dpa's "Halle (Saale) (dpa) -"; or by a comma and a day,
    EFE's country before its date: "Miami (EE.UU.), 17 mar (EFE).-",
    "Gaza (Palestina), 17 mar (EFE).-"."""
    if inner in geo.INDIAN_STATE_CODES:
        if inner == 'UK':           # (Uttarakhand; "LONDON (UK)" is Britain)
            return False
        if geo.in_andhra_pradesh(main):
            return True
        known = geo.resolves(main)
        if not registry.lookup_credit(inner):
            return not known or geo.country_for(main) == 'IN'
        if known:
            return False
        nxt = _WS.match(text, after).end()
        return text[nxt:nxt + 1] in (':', ',') and \
            not text.startswith(':', _WS.match(text, nxt + 1).end())
    if registry.lookup_credit(inner) or inner.upper() in _LABEL_WORDS:
        return False
    nxt = _WS.match(text, after).end()
    if text.startswith(',', nxt):
        nxt = _WS.match(text, nxt + 1).end()
        if not text[nxt:nxt + 1].isdigit():
            return False
    elif not text.startswith('(', nxt):
        return False
    return geo.resolves(main)


_JUNK_CHARS = '*#•·~^=+'
_DATELINE_PUNCT_RX = re.compile('[(\\-_:\u2013\u2014\u2015]')


def _squash(s: str) -> str:
    """Whitespace runs to one space (s is short: a dateline or a place)."""
    if '  ' in s or not (s.isascii() and s.isprintable()):
        return _SPACE.sub(' ', s)
    return s


def _parse_at(text: str, pos: int, registry: Registry, *, title_key: str = '',
              caps_only: bool = False) -> Optional[Head]:
    c = text[pos:pos + 1]
    junk = _JUNK.match(text, pos) if c and c in _JUNK_CHARS else None
    m = _LOC.match(text, junk.end() if junk else pos)
    h = _parse_loc(text, pos, m, False, registry, title_key, caps_only) \
        if m else None
    # (the lower-case form needs a comma after at most three words)
    if h is None and not caps_only:
        k = text.find(',', pos, pos + 120)
        m = _LOWER_LOC.match(text, pos) \
            if k >= 0 and len(text[pos:k].split()) <= 3 else None
        if m:
            h = _parse_loc(text, pos, m, True, registry, title_key, caps_only)
    return h


def _after_agency_comma(text: str, pos: int, agency: str, comma: int,
                        registry: Registry, title_key: str) -> Optional[Head]:
    """The dateline after an agency and a comma, in capitals, credited
    to the agency; else None."""
    q = _WS.match(text, text.index(',', comma) + 1).end()
    h = _parse_at(text, q, registry, title_key=title_key, caps_only=True)
    if h is None or not h.location:
        return None
    h.credits = [(c, 'dateline', agency)
                 for c in registry.lookup_credit(agency)] + h.credits
    h.dateline_raw = f'{" ".join(text[pos:q].split())} {h.dateline_raw}'
    return h


def _date_fields(d) -> Tuple[Optional[int], int, Optional[int]]:
    """(month, day, year) of a _DATE match."""
    return (MONTHS.get((d.group('m1') or d.group('m2')).lower()),
            int(d.group('d1') or d.group('d2')),
            int(d.group('y')) if d.group('y') else None)


def _weekday_date(text: str, p: int):
    """The date after a weekday at p ("lundi 9 juin", "Montag, 9. Juni",
    "Monday, June 9"), else None."""
    w = _WEEKDAY.match(text, p)
    return _DATE.match(text, w.end()) if w else None


def _digit_date(text: str, p: int, comma: bool):
    """(match, month, day, year) of a date at p that _DATE does not read,
    else None: a month of DAY_MONTHS after the day (see _DAY_MONTH), or,
    after a comma, _YEAR_FIRST and _NUM_DATE (the forms' own: "HANOI,
    18/3"; "PRICES 12/10 (EST) -" is a table's). Cheap gates first: a
    letter after the day, a full stop after four digits, a slash or a full
    stop after the day."""
    g = text[p + 1:p + 5]
    if g.lstrip('0123456789. ')[:1].isalpha():
        m = _DAY_MONTH.match(text, p)
        if m:
            word = m.group(2).lower()
            if word == 'listopada':
                month = 10 if text.startswith('.', m.end(1)) else 11
            else:
                # (the pattern folds case as re does: "MAYIS" for "mayıs",
                # "NİSAN" for "nisan"; lower() gives "mayis", "ni\u0307san")
                month = _DAY_MONTH_WORDS.get(word) or _DAY_MONTH_WORDS.get(
                    word.replace('\u0307', '').replace('\u0131', 'i'))
                if month is None:
                    return None
            return (m, month, int(m.group(1)),
                    int(m.group(3)) if m.group(3) else None)
    if not comma:
        return None
    if g[:2].find('-') >= 0 and g[1:3].lstrip('-')[:1].isalpha():
        m = _HYPHEN_DATE.match(text, p)
        if m:
            month = MONTHS.get(m.group(2).lower())
            day = int(m.group(1))
            if month and 1 <= day <= 31:
                return m, month, day, int(m.group(3))
        return None
    if g[3:4] == '.':
        m = _YEAR_FIRST.match(text, p)
        if m:
            return (m, MONTHS.get(m.group(2).lower()), int(m.group(3)),
                    int(m.group(1)))
    if '/' in g[:2] or '.' in g[:2]:
        m = _NUM_DATE.match(text, p)
        if m:
            day = int(m.group(1))
            month = int(m.group(2) or m.group(4))
            y = m.group(3) or m.group(5)
            if 1 <= day <= 31 and 1 <= month <= 12:
                return (m, month, day,
                        int(y) + 2000 if y and len(y) == 2 else
                        int(y) if y else None)
    return None


def _parse_loc(text, pos, m, lower, registry, title_key, caps_only):
    main = m.group('main')
    quals = m.group('quals')
    q_end = m.end()
    date_at = None      # where the date starts, when not at q_end
    if not quals and '. ' in main:
        # Kazinform's "ASTANA. KAZINFORM - ": the place, a full stop, the
        # agency in capitals and a dash
        k = main.rfind('. ')
        place, name = main[:k], main[k + 2:]
        if name.isupper() and place.isupper() and \
                len(place.split()) <= 3 and '.' not in place and \
                geo.resolves(place):
            codes = registry.lookup_credit(name)
            t = _DASH_TERM.match(text, m.end()) if codes else None
            if t:
                return _head(text, pos, t.end(), place, None, None, None,
                             [(c, 'dateline', name) for c in codes])
    if quals and registry.lookup_credit(main) and \
            main.lower() not in registry.company and not geo.resolves(main):
        # the agency before the place: "AFP, WASHINGTON \u2014" (not a place
        # AFP in the state of Washington; "PETRA, Jordan" is the place; the
        # owner company is no credit: "Thomson Reuters, TORONTO \u2014")
        h = _after_agency_comma(text, pos, main, m.start('quals'), registry,
                                title_key)
        if h is not None:
            return h
    if quals:
        # a capitalised weekday is no qualifier when a date follows it:
        # "BERLIN, Montag, 9. Juni", "WASHINGTON, Monday, June 9"
        k = quals.rfind(',')
        if quals[k + 1:].strip().lower() in _WEEKDAY_SET:
            w = m.start('quals') + k + 1
            w = _WS.match(text, w).end()
            if _weekday_date(text, w) or _WEEKDAY_ALONE.match(text, w):
                quals = quals[:k]
                q_end = m.start('quals') + k
        elif text.find(', 1', q_end, q_end + 24) >= 0:
            hj = _HIJRI.search(text, m.start('quals'), q_end + 24)
            if hj:
                quals = text[m.start('quals'):hj.start()]
                q_end = hj.start()
                date_at = hj.end()
    if text.find('[', q_end, q_end + 40) >= 0:
        bq = _BRACKET_QUALS.match(text, q_end)
        if bq:
            quals += bq.group(0)
            q_end = bq.end()
    k = text.find(')', q_end, q_end + 40) if not quals and (
        text.startswith('(', q_end) or text.startswith(' (', q_end)) else -1
    # (cheap gate: a state code, or a second parenthesis or a comma after
    # the first)
    if k > 0 and (text[q_end:k].strip(' (') in geo.INDIAN_STATE_CODES or
                  text[k + 1:k + 3].lstrip()[:1] in ('(', ',')):
        pq = _PAREN_QUAL.match(text, q_end)
        if pq and _paren_qualifier(pq.group(1), main, text, pq.end(),
                                   registry):
            quals += pq.group(0)
            q_end = pq.end()
    main_words = main.replace('/', ' ').split()
    caps = _is_caps(main_words)
    if caps_only and not caps or lower and caps_only:
        return None
    first = main_words[0].upper().strip('.')
    if first in _LABEL_WORDS or first in _NOT_PLACES or (
            first in _NOT_PLACES_ALONE and len(main_words) == 1):
        return None
    p = _COMMA.match(text, date_at or q_end).end()
    month = day = year = None
    c = text[p:p + 1]
    d = _DATE.match(text, p) if c.isalnum() else None
    if d:
        month, day, year = _date_fields(d)
        sy = _SLASH_YEAR.match(text, d.end()) if year is None and \
            text.startswith('/', d.end()) else None
        if sy:
            year = int(sy.group(1))
        p = _COMMA.match(text, sy.end() if sy else d.end()).end()
        # Lithuanian's "d." (diena, day) after the day: ELTA's "VILNIUS,
        # kovo 17 d. (ELTA)."
        if text.startswith('d.', p) and d.group('m1'):
            p = _WS.match(text, p + 2).end()
    elif c.isdigit():
        # (the day alone first: Europa Press's is the common form here)
        comma = ',' in text[q_end:p]
        do = _DAY_ONLY.match(text, p) if comma and \
            main.lower() not in MONTHS else None
        nd = None if do else _digit_date(text, p, comma)
        if do:
            d = do
            day = int(do.group(1))
            p = _WS.match(text, do.end()).end()
        elif nd:
            d, month, day, year = nd
            p = _COMMA.match(text, d.end()).end()
    elif c.isalpha():
        wd = _weekday_date(text, p)
        fz = None if wd else _FUZZY_DATE.match(text, p)
        if wd:
            # (before a misspelt month: "mardi 3 mars" is no "Marc 3")
            d = wd
            month, day, year = _date_fields(wd)
            p = _COMMA.match(text, wd.end()).end()
        elif fz and fz.group('m')[:3].lower() in _FUZZY_MONTHS:
            d = fz
            month = _FUZZY_MONTHS[fz.group('m')[:3].lower()]
            day = int(fz.group('d'))
            p = _COMMA.match(text, fz.end()).end()
        else:
            # a weekday and no date: "WASHINGTON, Monday (AP) -", "PARIS,
            # lundi (AFP) -" (the place is the place; a weekday is no date)
            wa = _WEEKDAY_ALONE.match(text, p)
            if wa:
                p = _WS.match(text, wa.end()).end()
                c = text[p:p + 1]
    if d and text[p:p + 1].isalpha() and ',' in text[d.end():p]:
        # a weekday after the date and a comma: MTI's "március 18., kedd
        # (MTI) \u2013"
        wa = _WEEKDAY_AFTER.match(text, p)
        if wa:
            p = _WS.match(text, wa.end()).end()
    if lower and not d:
        return None
    # an agency as the last qualifier, then a dash: IRNA's "Tehran, IRNA --",
    # "Canberra, AAP -" (a state or region is no agency: "Pittsburgh, PA -")
    qcredits = None
    if quals and not d and c in ('-', '\u2013', '\u2014'):
        k = quals.rfind(',')
        last = quals[k + 1:].strip()
        if last and (last.isupper() or len(last) > 4) and \
                text.startswith(quals, m.start('quals')) and \
                last not in geo.INDIAN_STATE_CODES and \
                not geo._region(last)[0]:
            codes = registry.lookup_credit(last)
            if codes:
                qcredits = [(code, 'dateline', last) for code in codes]
                quals = quals[:k]
                q_end = m.start('quals') + k
    # a place not in capitals needs a date or an agency credit: "(" or a
    # capitalised bare agency; or a colon (see _title_colon_place) or a
    # qualifier and a dash (see _title_qualified_place)
    if not (caps or d or c == '(' or c.isupper() or c == ':' and not lower
            or (quals or qcredits) and c in ('-', '\u2013', '\u2014')
            and not lower):
        return None
    credits = qcredits or []
    # an outlet or distributor that is no agency: "Washington (CNN) —",
    # "NEW YORK, March 17, 2025 (GLOBE NEWSWIRE) --", "/PRNewswire/ --",
    # "Islamabad, Mar 17 (Dawn):"; without a date the place must be known
    # ("TRUMP (VIDEO) —" is no dateline)
    outlet = False
    if text[p:p + 1] in ('/', '.') and (d or caps):
        sl = _SLASH_CREDIT.match(text, p)
        dot = _SLASH_DOT.match(text, sl.end()) if sl else None
        if sl and (dot or _SLASH_TERM.match(text, sl.end())):
            credits = [(code, 'dateline', sl.group(0).strip(' .'))
                       for code in registry.lookup_credit(sl.group(1))]
            if dot and not credits:
                return None
            outlet = not credits
            p = dot.end() if dot else sl.end()
            if not dot and text.startswith('.', p):
                p += 1
    paren = _PAREN.match(text, p) if text.startswith('(', p) else None
    if paren:
        inner = paren.group(1)
        codes = _credit_codes(registry, inner, text[pos:p])
        if codes:
            credits = [(c, 'dateline', paren.group(0)) for c in codes]
        elif inner[:1].isupper() and ':' not in inner and \
                not registry.lookup_credit(inner) and \
                _TERM.match(text, paren.end()):     # (not "(NYSE: IBM) -")
            outlet = True
        else:
            return None
        p = paren.end()
    elif d:
        bare = _BARE_AGENCY.match(text, p)
        if not bare and text.find('.', p, p + 17) > 0:
            # Armenpress's "YEREVAN, MARCH 18, ARMENPRESS. The"
            bare = _BARE_AGENCY_DOT.match(text, p)
        if bare:
            code = registry.lookup(bare.group(1))
            if code and (bare.group(1).isupper() or len(bare.group(1)) > 4):
                credits = [(code, 'dateline', bare.group(1))]
                p = bare.end()
    elif not quals:
        bare = _BARE_AGENCY.match(text, p)
        if bare and bare.group(1).isupper():
            code = registry.lookup(bare.group(1))
            if code:
                credits = [(code, 'dateline', bare.group(1))]
                p = bare.end()
    if d is not None and not credits and (
            day and month is None or
            d.re is _NUM_DATE and not _numeric_dateline(text, pos, q_end,
                                                         main, d, p) or
            (d.re is _DAY_MONTH or d.re is _HYPHEN_DATE) and not caps and
            not geo.resolves(main)):
        # a day alone, or a date in figures, only before a credit
        # ("Mon, 06/02/2025 - 14:03", a page's date; "Rating, 9/10 -"); a
        # month of DAY_MONTHS after a place in capitals or one the
        # gazetteer knows ("Dnia 18 maja -" is a sentence)
        return None
    t = _TERM.match(text, p)
    colon = False
    if t:
        colon = t.group(0).strip() == ':'
        end = t.end()
        if colon and (d or credits) and not caps:
            pass
        # table headers and rules: a dash right after the terminator
        rest = text[end:end + 3]
        sp = _SECOND_PAREN.match(text, end) \
            if text.startswith('(', _WS.match(text, end).end()) else None
        if rest[:1] in '-–—_' or (rest.strip()[:1] in ('-', '–', '—') and
                                   not credits):
            if not sp:
                return None
        # "FORT LAUDERDALE, Fla. - (KRT) -", "SAN JOSE, Calif.--(BUSINESS
        # WIRE)--" (a distributor, no agency)
        if sp and not credits:
            codes = _credit_codes(registry, sp.group(1), '')
            if codes:
                credits = [(c, 'dateline', sp.group(0).strip()) for c in codes]
                end = sp.end()
            elif sp.group(1)[:1].isupper() and \
                    sp.group(0).rstrip()[-1:] in '-–—':
                end = sp.end()
    else:
        # (a known place in title case too: KNA's "Bonn (KNA) Der")
        if not (credits and (d or caps or paren and geo.resolves(main))):
            return None
        end = p
        if text.startswith('.', end) and _SLASH_DOT.match(text, end):
            end += 1        # Montsame's "ULAANBAATAR, March 18 (MONTSAME). The"
        nxt = text[end:end + 2].lstrip()
        if nxt and not (nxt[0].isupper() or nxt[0] in '"“‘\'«'):
            return None
    strong = bool(d or credits or outlet)
    if '[' in quals or '(' in quals:
        # "Guwahati (Assam) [India]": the parentheses hold a state, not a
        # credit ("LONDON (Reuters) [Updated]" is no qualified place)
        k = quals.find('(') if '[' in quals else -1
        if k >= 0 and registry.lookup_credit(
                quals[k + 1:quals.find(')', k)].strip()):
            return None
        qual_text = quals.replace('(', ',').replace(')', '').replace(
            '[', ',').replace(']', '').strip(' ,')
    else:
        qual_text = quals.strip(' ,')
    qual_words = [q.strip() for q in qual_text.split(',') if q.strip()]
    location = _squash(text[pos:q_end].strip(' ,'))
    # Interfax's "MOSCOW. March 17": a full stop after a one-word place in
    # capitals, or before a date ("Москва. 18 марта. INTERFAX.RU -"), is
    # punctuation (abbreviations keep theirs: "Calif.", "D.C.")
    if location[-1:] == '.' and location[:-1].isalpha() and (
            location.isupper() or month):
        location = location[:-1]
    n_main = len(main_words)
    if not strong:
        if not caps:
            if not (colon and _title_colon_place(main, location, n_main,
                                                 text, end) or
                    not colon and _title_qualified_place(
                        main_words, qual_words, text, end)):
                return None
            return _head(text, pos, end, location, month, day, year, credits)
        if n_main > (6 if qual_words else 4):
            return None
        if title_key and title_key.startswith(main.lower()) and n_main > 1 and \
                not (colon and geo.resolves(main)):
            return None
        if all(w.upper().strip('.') in _COMMON for w in main_words):
            return None
        if not qual_words and main.upper() in _KICKERS:
            return None
        if qual_words:
            if not (any(geo._region(q)[0] for q in qual_words) or
                    geo.resolves(main)):
                return None
        elif not geo.resolves(main):
            # A bare place the gazetteer lacks is one word (FALLUJAH,
            # DAVOS); wire style qualifies smaller places ("KHAN YOUNIS,
            # Gaza Strip"), so capitals of two or more words with only a
            # dash are a headline or a kicker ("STOCKS SLUMP —").
            # (nor is it an acronym of three letters or fewer or with
            # full stops: "IP \u2014", "U.S. --", "N.A. -")
            word = main_words[0]
            if colon or n_main > 1 or word.upper() in _COMMON or \
                    len(word) < 4 or not word.isalpha():
                return None
    else:
        if outlet and not (d or credits or qual_words or geo.resolves(main)):
            return None
        # with a date alone (no credit), no page's head line: "Published
        # March 17, 2025 -", "STAFF REPORT, March 17 -", "Jane Doe, Staff
        # Writer, March 17 -" (the words alone, not all unknown places:
        # Reuters' market reports write "St Paul, April 7 -")
        if not (credits or outlet) and _page_head_line(location):
            return None
        if not caps:
            # Title-case places need a date, or a known place / qualifier.
            if n_main > 4:
                return None
            if not d and not (qual_words or geo.resolves(main) or
                              _wire_title_place(main_words, credits, paren,
                                                colon, text, end)):
                return None
            if not lower and any(w[:1].islower() and w.lower() not in ('de', 'del', 'la', 'of', 'am', 'sur', 'upon', 'do', 'da', 'dos', 'el', 'al', 'en', 'le', 'les', 'du', 'des', 'di', 'y', 'e', 'et', 'van', 'der', 'den', 'an', 'im', 'bei', 'aan', 'on') for w in main_words):
                return None
    # optional secondary date: "SAN FRANCISCO, CA - November 30, 2004 -"
    d2 = None if d else _DATE.match(text, _WS.match(text, end).end())
    if d2:
        t2 = _TERM.match(text, d2.end())
        if t2:
            month, day, year = _date_fields(d2)
            end = t2.end()
    return _head(text, pos, end, location, month, day, year, credits)


# Countries whose press writes a date in figures month first ("3/4/2025"
# is March 4): their places' numeric dates need a credit still (the day
# first reading of _NUM_DATE would be wrong)
_MONTH_FIRST_COUNTRIES = frozenset(('US', 'CA', 'PH'))


def _numeric_dateline(text: str, pos: int, q_end: int, main: str, d,
                      p: int) -> bool:
    """True for a date in figures with its year and no credit after a
    place: "Hamburg, 17.03.2025 - Die Reederei", "Roma, 17/03/2025 - Il
    governo" (day first: the place is one the gazetteer puts outside the
    month-first countries, a city of 100,000 or more). A page's date line
    or a rating is none: "Mon,
    06/02/2025 - 14:03", "Di., 18.03.2025 -", "Rating, 9/10 -" (a
    weekday's abbreviation, no year, or no sentence after the dash)."""
    y = d.group(3) or d.group(5)
    if not y or len(y) != 4:
        return False
    t = _DASH_TERM.match(text, p)
    if t is None:
        return False
    nxt = text[_WS.match(text, t.end()).end():][:1]
    if not (nxt.isupper() or nxt in ('"', '\u201c', '\u201e', '\u00ab')):
        return False
    if len(main) < 4 or not main.replace(' ', '').replace('-', '').isalpha():
        return False
    place = text[pos:q_end].strip(' ,')
    if not geo.resolves(place):
        return False
    cc = geo.country_for(place)
    if cc is None or cc in _MONTH_FIRST_COUNTRIES:
        return False
    # (a city of 100,000 or more: a small town's name may be a word that
    # heads a page's date line, "Date, 17/03/2025 -")
    top = geo.largest_namesake(main)
    return top is not None and top[1] >= 100000


def _head(text, pos, end, location, month, day, year, credits) -> Head:
    """The Head of a dateline found at text[pos:end]."""
    return Head(start=_WS.match(text, end).end(),
                dateline_raw=' '.join(text[pos:end].split()),
                location=location, month=month, day=day, year=year,
                credits=credits)


# Countries whose press opens stories with a place in title case and a colon
# ("Lahore: The provincial government...", "New Delhi: ..."). Elsewhere a
# capitalised word and a colon at the top of a story is far more often a
# label ("Note:", "Update:", "Reading:"), so the form counts only for places
# the gazetteer puts in one of these countries.
# (the Gulf's English papers too: Gulf News's "Dubai: ", The Peninsula's
# "Doha: ", Times of Oman's "Muscat: ")
_COLON_DATELINE_COUNTRIES = frozenset({'PK', 'IN', 'BD', 'NP', 'LK', 'AF',
                                       'AE', 'QA', 'OM', 'KW', 'BH', 'SA'})


def _title_colon_place(main: str, location: str, n_main: int, text: str,
                       end: int) -> bool:
    """True for a title-case colon dateline: a town or city (not a country
    or region: "India:" heads a section as often as a story) of at most
    three words that resolves to a _COLON_DATELINE_COUNTRIES country, then
    a sentence starting with a capital or a quotation mark. A bare name
    with namesakes in other countries (which country_for leaves
    unresolved) counts when its most populous namesake is a city of
    100,000 or more in such a country: "Hyderabad:" (India's, though
    Pakistan has one), "Kochi:" (India's; Japan has one); not a small
    town's name that is also a word or a name ("Kant:", "Una:")."""
    if n_main > 3 or geo._region(main)[0]:
        return False
    q = _WS.match(text, end).end()
    nxt = text[q:q + 1]
    if not nxt or not (nxt.isupper() or nxt in ('"', '\u201c', '\u2018', "'")):
        return False
    if not geo.resolves(location):
        return False
    cc = geo.country_for(location)
    if cc is None and location == main:
        top = geo.largest_namesake(main)
        return top is not None and top[0] in _COLON_DATELINE_COUNTRIES and \
            top[1] >= 100000
    return cc in _COLON_DATELINE_COUNTRIES


# Wires whose datelines set the place in upper and lower case, then the
# credit in parentheses and a dash: dpa's "Berlin (dpa) -", APA's "Wien
# (APA) -", NTB's "Bærum (NTB) -", Ritzau's "København (Ritzau) -", PAP's
# "Warszawa (PAP) -". After their credit a title-case town the gazetteer
# lacks is still a dateline (see _wire_title_place). The English-language
# wires (AP, Reuters, AFP, UPI, PTI ...) set their places in capitals, so
# a title-case word before their credit may be a name ("Trump (AP) -"):
# there the place must be known.
_TITLE_CASE_WIRES = frozenset((
    'DPA', 'KNA_DE', 'APA', 'SDA', 'ATS', 'AWP', 'RITZAU', 'NTB', 'TT',
    'STT', 'BELGA', 'CTK', 'TASR', 'PAP', 'STA', 'MTI', 'BTA', 'AGERPRES',
    'HINA', 'TANJUG', 'FENA', 'EFE', 'EUROPA_PRESS', 'SERVIMEDIA', 'LUSA',
    'ADNKRONOS', 'ASKANEWS', 'LAPRESSE'))


def _wire_title_place(main_words: List[str], credits: list, paren,
                      colon: bool, text: str, end: int) -> bool:
    """True for a town the gazetteer lacks before a title-case wire's
    credit (see _TITLE_CASE_WIRES): one word in title case ("Bærum",
    "Lillestrøm", "Garmisch-Partenkirchen"), the credit in parentheses
    right after it, a dash, then a sentence starting with a capital. Tried
    only where such a credit follows an unknown title-case place."""
    if len(main_words) != 1 or paren is None or colon or not credits or \
            not all(c[0] in _TITLE_CASE_WIRES for c in credits):
        return False
    if text[:end].rstrip()[-1:] not in ('-', '\u2013', '\u2014', '\u2015'):
        return False
    w = main_words[0]
    if len(w) < 3 or not w[1:2].islower() or \
            not w.replace('-', '').isalpha() or w.upper() in _COMMON or \
            w.lower() in MONTHS:
        return False
    q = _WS.match(text, end).end()
    nxt = text[q:q + 1]
    if not nxt or not (nxt.isupper() or
                       nxt in ('"', '\u201c', '\u201e', '\u00ab')):
        return False
    # (a name that speaks in the story is a person's: "Merz (dpa) - ...
    # Merz sagte")
    return not any(m.group(1) == w
                   for m in _SPEAKS.finditer(text, end, end + 3000))


# A capitalised word, then a verb of speech (English, German, the Nordic
# languages, Dutch, Polish, Czech): see _wire_title_place
_SPEAKS = re.compile(
    rf"(?<![{_LET}])([{_UP}][{_LET}-]+)[^\S\n]+(?:said|says|told|sagte|sagt|"
    r"erklärte|betonte|sa|sier|sagde|siger|säger|sade|sanoi|zei|zegt|"
    r"powiedział|powiedziała|řekl|řekla|uvedl)(?![\w])")


def _title_qualified_place(main_words: List[str], qual_words: List[str],
                           text: str, end: int) -> bool:
    """True for a title-case dateline with a state or country and a dash,
    as outlets that set datelines in upper and lower case write them:
    "Springfield, Ill. — Gov. ...", "Washington, D.C. — The ...". Without
    the qualifier a capitalised word and a dash opens sentences too
    ("Madonna — the singer — said")."""
    if not qual_words or len(main_words) > 3 or \
            not all(w[:1].isupper() or w in _CONN_WORDS for w in main_words):
        return False
    main = ' '.join(main_words)
    if geo._region(main)[0] and main.lower() not in geo._SPECIAL:
        return False    # a list of states: "Georgia, Alabama — Storms..."
    q = _WS.match(text, end).end()
    nxt = text[q:q + 1]
    if not nxt or not (nxt.isupper() or nxt in ('"', '\u201c', '\u2018')):
        return False
    return all(geo._region(q)[0] for q in qual_words)


def _strip_prefixes(text: str, pos: int, registry: Registry,
                    publisher: str, credits: list) -> int:
    for _ in range(3):
        lab = _LABELS.match(text, pos)
        if lab:
            pos = _WS.match(text, lab.end()).end()
            # "Photo: AFP" on a line of its own credits the photo
            if text[lab.start():lab.start() + 1] in 'Pp' and \
                    text[lab.start() + 1:lab.start() + 5].lower() == 'hoto':
                nl = text.find('\n', pos, pos + 80)
                if nl >= 0 and _caption_end(text, lab.start(), nl):
                    pos = _WS.match(text, nl).end()
            continue
        # (a prefix is a name of at most 39 characters and a dash or bar)
        seg = text[pos:pos + 80]
        m = _PREFIX.match(text, pos) if (
            '-' in seg or '|' in seg or '\u2013' in seg or '\u2014' in seg) \
            else None
        if m:
            name = m.group(1).strip()
            codes = registry.lookup_credit(name)
            if codes and (not len(name) <= 4 or name.isupper() or name == 'dpa'):
                credits.extend((c, 'prefix', m.group(0).strip()) for c in codes)
                pos = m.end()
                continue
            if publisher and name.lower() == publisher.lower():
                pos = m.end()
                continue
        break
    return pos


# A page's date line after an agency prefix: IANS's "IANS | Mar 17, 2025,
# 10:20 IST\nNew Delhi: The ...", "AFP | Updated: Mar 17, 2025, 10:20
# IST\nThe UN ..." (the label is taken as a prefix's): a date, then
# optionally a time and a zone, alone on the line.
_DATE_LINE_LABEL = re.compile(fold(
    r"(?:(?:last[^\S\n]+)?updated|(?:first[^\S\n]+)?published|posted)"
    r"(?:[^\S\n]+on)?[^\S\n]*:?[^\S\n]*"))
_ISO_DAY = re.compile(r'(?:19|20)\d\d-\d\d-\d\d(?![\d-])')
_DATE_LINE_TAIL = re.compile(
    r"(?:[^\S\n]*[,|]?[^\S\n]*(?:at[^\S\n]+)?\d{1,2}[:.]\d\d(?::\d\d)?"
    r"(?:[^\S\n]*[AaPp]\.?[Mm]\.?)?"
    r"(?:[^\S\n]*(?:[A-Z]{2,5}|[+-]\d\d:?\d\d))?)?[^\S\n]*\n")


def _after_date_line(text: str, pos: int) -> int:
    """Where the story starts after a page's date line at pos (see
    _DATE_LINE_TAIL), else pos. Tried only after an agency prefix."""
    nl = text.find('\n', pos, pos + 72)
    if nl < 0:
        return pos
    lab = _DATE_LINE_LABEL.match(text, pos) if text[pos].isalpha() else None
    p = lab.end() if lab else pos
    d = _DATE.match(text, p) or _ISO_DAY.match(text, p)
    if d is None or d.end() > nl:
        return pos
    t = _DATE_LINE_TAIL.match(text, d.end())
    return _WS.match(text, t.end()).end() if t else pos


def _dated_credit(text: str, pos: int, registry: Registry) -> Optional[Head]:
    """A dateline with the place left out: "March 17 (Reuters) - Tesla
    ...", "March 17, 2025 (GLOBE NEWSWIRE) --" (a date, a credit in
    parentheses, a dash or colon)."""
    d = _DATE.match(text, pos)
    if d is None:
        return None
    p = _COMMA.match(text, d.end()).end()
    paren = _PAREN.match(text, p) if text.startswith('(', p) else None
    if paren is None:
        return None
    inner = paren.group(1)
    t = _TERM.match(text, paren.end())
    if t is None or not inner[:1].isupper() or ':' in inner:
        return None
    credits = [(c, 'dateline', paren.group(0))
               for c in registry.lookup_credit(inner)]
    return _head(text, pos, t.end(), None, *_date_fields(d), credits)


def _lead_credit(text: str, pos: int, registry: Registry,
                 credits: list) -> int:
    """Position after an agency credit that leads the story on its own:
    the agency's name alone on the first line ("Reuters\nLONDON ...";
    parse_head keeps it only when a dateline follows), or a dateline
    credit with the place left out ("(Reuters) - Tesla ...").
    Tried only where no dateline starts, so the common case pays nothing."""
    c0 = text[pos:pos + 1]
    if c0 == '(':
        paren = _PAREN.match(text, pos)
        t = _DASH_TERM.match(text, paren.end()) if paren else None
        codes = registry.lookup_credit(paren.group(1)) if t else None
        if codes:
            credits.extend((c, 'dateline', paren.group(0)) for c in codes)
            return _WS.match(text, t.end()).end()
    elif c0.isalpha():
        nl = text.find('\n', pos, pos + 32)
        if nl > pos:
            name = text[pos:nl].strip()
            codes = registry.lookup_credit(name)
            if codes and (len(name) > 4 or name.isupper() or name == 'dpa'):
                credits.extend((c, 'prefix', name) for c in codes)
                return _WS.match(text, nl).end()
    return pos


def _parse_byline(text: str, pos: int, registry: Registry, title_key: str,
                  credits: list) -> Tuple[int, Optional[str], Optional[Head]]:
    """Returns (position after byline, byline, dateline head if found)."""
    b = _BY.match(text, pos)
    if not b:
        return pos, None, None
    start = b.end()
    line_end = text.find('\n', start)
    line_end = len(text) if line_end < 0 else line_end
    seg = text[start:min(line_end, start + 120)]
    # By Reuters / By AFP / By Reuters Staff
    cut = _BYLINE_CUT.split(seg, maxsplit=1)[0]
    codes = registry.lookup_credit(cut.strip())
    if not codes and '.' in seg:
        # the agency and a full stop, the story after it on the same line
        # ("By Reuters staff. Monetary growth slowed ...")
        s = _BY_STOP.match(seg)
        codes = registry.lookup_credit(s.group(1)) if s else []
        if codes:
            credits.extend((c, 'byline', 'By ' + s.group(1)) for c in codes)
            return start + s.end(), s.group(1), None
    if codes:
        credits.extend((c, 'byline', 'By ' + cut.strip()) for c in codes)
        p = _WS.match(text, start + len(cut)).end()
        p2 = _TERM.match(text, p)
        return (p2.end() if p2 and p2.group(0).strip() in ('-', '--', '—', '–') else p), cut.strip(), None
    words = []
    p = start
    for _ in range(8):
        w = _BY_WORD.match(text, p)
        if not w:
            break
        words.append((w.group(0), w.end()))
        p = w.end()
        gap = _HWS.match(text, p).group(0)
        if text[p:p + 1] in (',', ';', '(') or '\n' in text[p:p + 2]:
            break
        if len(gap) >= 2 or text[p + len(gap):p + len(gap) + 1] == '|':
            break
        p += len(gap)
    if not words:
        return pos, None, None
    # a name ends at a double space, a comma or a line break when there is one
    name_end_idx = None
    for i, (w, e) in enumerate(words):
        nxt = text[e:e + 2]
        if nxt[:1] in (',', ';', '(', '\n', '|') or nxt in ('  ', ' |') \
                or nxt[:1] == '\t' or nxt[:2] == ' \n':
            name_end_idx = i
            break
    candidates = []
    rng = [name_end_idx] if name_end_idx is not None else range(len(words))
    for i in rng:
        e = words[i][1]
        name = text[start:e].strip()
        q = e
        wm = _WRITER.match(text, q)
        ag_codes = []
        if wm:
            if wm.group('ag'):
                # "AP Economics Writer": the desk word may join the agency
                ag = wm.group('ag')
                ag_codes = registry.lookup_credit(ag) or \
                    registry.lookup_credit(ag.split()[0])
            q = wm.end()
        q2 = _COMMA_SEP.match(text, q)
        after = q2.end() if q2 else q
        if q2:
            # "By Jane Doe, Reuters"
            seg2 = _BYLINE_CUT2.split(text[after:after + 60], maxsplit=1)[0]
            c2 = registry.lookup_credit(seg2.strip())
            if c2:
                ag_codes = c2
                after = after + len(seg2)
        after = _WS.match(text, after).end()
        h = _parse_at(text, after, registry, title_key=title_key)
        if h is None:
            # the rest of the byline line is an affiliation: "By Jane Doe,
            # CNN\nWashington (CNN) —"
            nl = text.find('\n', after, after + 60)
            if nl >= 0:
                nxt = _WS.match(text, nl).end()
                h = _parse_at(text, nxt, registry, title_key=title_key)
                if h is not None:
                    ag_codes = ag_codes or registry.lookup_credit(
                        text[after:nl].strip(' |,-\u2013\u2014'))
                    after = nxt
        candidates.append((i, name, after, h, ag_codes))
    best = None
    for c in candidates:
        i, name, after, h, ag = c
        if h and (h.credits or h.month) and geo.resolves(h.location):
            if best is None or len(h.location) > len(best[3].location):
                best = c
    if best is None:
        for c in candidates:
            if c[3] is not None and (c[0] >= 1 or name_end_idx is not None):
                best = c
                break
    if best is None:
        # no dateline after the byline; name up to the first break
        c = candidates[0] if name_end_idx is not None else \
            candidates[min(len(candidates) - 1, 2)]
        best = c
    i, name, after, h, ag = best
    if not ag:
        # AP's "By JANE DOE Associated Press": a name in capitals, then the
        # agency in upper and lower case
        ws = name.split()
        for k in range(1, min(8, len(ws))):
            if all(w.isupper() or w.lower() in ('and', 'de', 'van', 'von')
                   for w in ws[:k]) and not any(w.isupper()
                                                for w in ws[k:]):
                codes = registry.lookup_credit(' '.join(ws[k:]))
                if codes:
                    ag = codes
                    name = ' '.join(ws[:k])
                    break
        # a byline line of fields: "By Li Wei in Beijing | Xinhua |
        # Updated: 2025-06-09 07:12" (an agency among them credits; the
        # line is no part of the body)
        if line_end - start < 200 and ' | ' in text[start:line_end]:
            for f in text[start:line_end].split(' | ')[1:]:
                ag = ag or registry.lookup_credit(f.strip())
            if h is None and after <= line_end:
                after = _WS.match(text, line_end).end()
                h = _parse_at(text, after, registry, title_key=title_key)
                credits.extend((a, 'byline', name) for a in ag)
                return after, name, h
        # or the agency on a line of its own after the name:
        # "By JANE DOE\nAssociated Press\nThe market..."
        nl = text.find('\n', after, after + 40) if not ag and h is None \
            else -1
        if nl > after:
            line = text[after:nl].strip()
            codes = registry.lookup_credit(line) if (
                len(line) > 4 or line.isupper()) else None
            if codes:
                ag = codes
                after = _WS.match(text, nl).end()
    credits.extend((a, 'byline', name) for a in ag)
    return after, name, h


def _after_key_points(text: str, start: int, limit: int,
                      registry: Registry) -> Optional[Head]:
    """The first dateline in capitals after a key-points block. A dateline
    needs "(" or a dash, underscore or colon within some 160 characters of
    its start, so capitals farther from one are not tried."""
    end = min(len(text), limit + 160)
    q = -1
    for cm in _CAPS_START.finditer(text, start, limit):
        i = cm.start()
        if q < i:
            p = _DATELINE_PUNCT_RX.search(text, i, end)
            if p is None:
                return None
            q = p.start()
        if q - i > 160:
            continue
        h = _parse_at(text, i, registry, caps_only=True)
        if h is not None:
            return h
    return None


def _caption_end(text: str, start: int, end: int) -> bool:
    """True when text[start:end] ends with a photo credit (cheap gates
    first: most first paragraphs end with none of '/', ')', ':')."""
    seg = text[start:end]
    if not ('/' in seg or ':' in seg or seg.rstrip()[-1:] == ')' or
            'Getty' in seg or 'PHOTO' in seg):
        return False
    return _CAPTION_END.search(seg) is not None


def _after_caption(text: str, pos: int, registry: Registry,
                   title_key: str) -> Optional[Head]:
    """The dateline after a photo caption or credit line at the head of the
    story (up to two such lines), or after the "/File Photo" that ends a
    caption run into the first paragraph. The caption is no part of the
    dateline or the body, and its photo credit credits no agency. Tried
    only where no dateline starts."""
    q = pos
    head = _CAPTION_HEAD.match(text, pos) if text[pos] in 'FfPpIiCcAa' \
        else None
    for _ in range(2):
        nl = text.find('\n', q, q + 700)
        if nl < 0:
            break
        # (a caption ends with a credit, not a full stop or a quotation)
        last = text[nl - 1:nl] if nl > q else ''
        if last == ' ' or last == '\t':
            last = text[q:nl].rstrip()[-1:]
        if not (head or (last.isalpha() or last == ')') and
                _caption_end(text, max(q, nl - 160), nl)):
            return None
        head = None
        q = _WS.match(text, nl).end()
        h = _parse_at(text, q, registry, title_key=title_key) or \
            _placeless_credit(text, q, registry)
        if h is not None and (h.credits or h.day or
                              geo.resolves(h.location)):
            return h
    if q == pos and text[pos] in 'FfPpIiCcAa' and \
            _CAPTION_HEAD.match(text, pos):
        m = _FILE_PHOTO_MARK.search(text, pos, pos + 700)
        if m:
            h = _parse_at(text, m.end(), registry, caps_only=True) or \
                _placeless_credit(text, m.end(), registry)
            if h is not None and (h.credits or h.day):
                return h
    return None


def _placeless_credit(text: str, q: int, registry: Registry) -> Optional[Head]:
    """A dateline with the place left out after a caption: Reuters'
    "March 17 (Reuters) - Tesla ..." (see _dated_credit), or the credit
    alone, "(Reuters) - Tesla ..." (see _lead_credit); else None."""
    c = text[q:q + 1]
    if c.isalnum():
        return _dated_credit(text, q, registry)
    if c == '(':
        lead: list = []
        q2 = _lead_credit(text, q, registry, lead)
        if lead:
            return Head(start=q2, credits=lead)
    return None


# A line that heads the story above its dateline and is neither: a headline
# (the feed's title or not: "UPDATE 2-Oil rises" after its slug is taken,
# "Oil prices rise"), a staff byline without "By" ("Our Correspondent",
# "Dawn Report", "Web Desk"), a page's "Share" or "Listen to this article".
# Such a line has no sentence punctuation at its end and few words.
_HEAD_LINE_END = frozenset('.!?,;:"\u201d\'')
_LINE_CREDIT = re.compile(r'[,|]\s*([^,|]{2,40}?)\s*$')
# (a note to readers at the top: an editor's note, a correction)
_NOTE_LABEL = re.compile(fold(
    r"(?:editor['’]?s['’]?\s+note|correction|clarification|corrected)"
    r"\s*[:\-\u2013\u2014]"))


def _town_in_capitals(location: str) -> bool:
    """A known place in capitals that names a town ("WASHINGTON",
    "MIAMI, Fla."), not a country or region ("INDIA", "FLORIDA")."""
    main = location.split(',', 1)[0].strip()
    if not (main.isupper() and geo.resolves(location)):
        return False
    return not geo._region(main)[0] or geo._key(main) in geo._SPECIAL


def _after_head_line(text: str, pos: int, registry: Registry,
                     title_key: str, note: bool) -> Optional[Head]:
    """The dateline on the line after a headline-like line at the head of
    the story (see _HEAD_LINE_END), or after the paragraph of an editor's
    note ("EDITOR'S NOTE \u2014 This story contains ...\nLONDON (AP) \u2014").
    Two such lines may stand there ("Oil rises\nJune 9, 2025"), or one and a
    byline ("Oil rises\nBy Jane Doe"). Only a dateline with a date or a
    credit counts, or a known place in capitals; the lines before it are no
    part of the body. Tried only where no dateline starts."""
    credits = []
    for k in range(2):
        nl = text.find('\n', pos, pos + (600 if note else 160))
        if nl < 0:
            return None
        line = text[pos:nl].rstrip()
        if not note and (line[-1:] in _HEAD_LINE_END or
                         len(line.split()) > 14):
            return None
        # a byline without "By" that ends with its agency: "Jane Doe, AFP",
        # "Jane Doe | Reuters"
        bl = _LINE_CREDIT.search(line) if not note and len(line) <= 60 \
            else None
        if bl:
            credits += [(c, 'byline', line)
                        for c in registry.lookup_credit(bl.group(1))]
        note = False
        q = _WS.match(text, nl).end()
        if q >= len(text):
            return None
        byline = None
        if _BY.match(text, q):
            q2, byline, h = _parse_byline(text, q, registry, title_key,
                                          credits)
            if h is None:
                h = _parse_at(text, q2, registry, title_key=title_key)
        else:
            h = _parse_at(text, q, registry, title_key=title_key)
            if h is None and text[q:q + 1].isalnum():
                h = _dated_credit(text, q, registry)
            elif h is None and text.startswith('(', q):
                # the credit alone: "Tesla cuts jobs\n(Reuters) - Tesla"
                lead: list = []
                q2 = _lead_credit(text, q, registry, lead)
                if lead:
                    h = Head(start=q2, credits=lead)
        if h is not None:
            break
        if byline is not None:
            return None
        pos = q
    else:
        return None
    # (a bare place must be a town in capitals, not a country or region:
    # "Top stories\nINDIA: Floods kill 12" is a list of headlines)
    if not (h.credits or h.day or _town_in_capitals(h.location or '')):
        return None
    h.byline = byline
    h.credits = credits + h.credits
    return h


def parse_head(text: str, registry: Registry, *, title: Optional[str] = None,
               publisher: Optional[str] = None) -> Head:
    """Parse the head of a story; see the module docstring."""
    credits: list = []
    if not text:
        return Head()
    pos = _WS.match(text).end()
    title_key = ' '.join(title.split()).lower() if title else ''
    # a headline repeated at the top of the body
    if len(title_key) > 12 and title_key.startswith(text[pos:pos + 1].lower()):
        head = ' '.join(text[pos:pos + len(title) + 40].split()).lower()
        if head.startswith(title_key):
            # walk the text consuming the title's non-space characters
            target = title_key.replace(' ', '')
            q, k = pos, 0
            while q < len(text) and k < len(target):
                if not text[q].isspace():
                    if text[q].lower() != target[k]:
                        break
                    k += 1
                q += 1
            if k == len(target):
                pos = _AFTER_TITLE.match(text, q).end()
    start0 = pos
    pos = _strip_prefixes(text, pos, registry, publisher or '', credits)
    if credits and text[pos:pos + 1].isalnum():
        pos = _after_date_line(text, pos)
    byline = None
    if _BY.match(text, pos):
        pos, byline, h = _parse_byline(text, pos, registry, title_key, credits)
        if h is not None:
            h.byline = byline
            h.credits = credits + h.credits
            return h
        pos = _strip_prefixes(text, _WS.match(text, pos).end(), registry,
                              publisher or '', credits)
    h = _parse_at(text, pos, registry, title_key=title_key)
    c = text[pos:pos + 1]
    if h is None and (c == '(' or c >= '\u0600'):
        h = _intl_head(text, pos, registry)
    if h is None and c.isalnum():
        h = _dated_credit(text, pos, registry)
    if h is None and '\u2022' in text[pos:pos + 80]:
        h = _bullet_head(text, pos, registry)
    if h is None:
        n = len(credits)
        q = _lead_credit(text, pos, registry, credits)
        if q != pos:
            h = _parse_at(text, q, registry, title_key=title_key)
            if h is None and credits[-1][1] == 'prefix':
                del credits[n:]     # a name line with no dateline after it
            else:                   # is as likely a photo credit
                pos = q
    if h is None and text[pos:pos + 1].isupper():
        h = _place_line(text, pos) or _byline_place_line(text, pos, registry)
    if h is None and (text[pos:pos + 1].isalpha()):
        h = _after_caption(text, pos, registry, title_key)
    if h is None and (text[pos:pos + 1].isalnum() or
                      text.startswith('(', pos)):
        h = _after_head_line(text, pos, registry, title_key,
                             note=_NOTE_LABEL.match(text, start0) is not None)
    if h is None:
        kp = _KEY_POINTS.match(text, pos)
        if kp:
            limit = min(len(text), kp.end() + 1500)
            h = _after_key_points(text, kp.end(), limit, registry)
    if h is None:
        return Head(start=pos, byline=byline, credits=credits)
    h.byline = byline or h.byline
    h.credits = credits + h.credits
    if h.location and h.dateline_raw and h.dateline_raw[-1] in _DASHES and \
            not any(kind == 'dateline' for _, kind, _ in h.credits):
        _agency_after_dash(text, h, registry)
    return h


# Ukrinform's head: the place, a bullet, the agency, a dash ("Kyiv \u2022
# Ukrinform \u2013 ")
_BULLET = re.compile(r"([A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,3})[ \t]+\u2022[ \t]+"
                     r"([A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*){0,3})[ \t]*[-\u2013\u2014][ \t]+")


def _bullet_head(text: str, pos: int, registry: Registry) -> Optional[Head]:
    """The place, a bullet and the agency: a dateline where the gazetteer
    knows the place and the registry the agency."""
    m = _BULLET.match(text, pos)
    if m is None or not geo.resolves(m.group(1)):
        return None
    codes = registry.lookup_credit(m.group(2))
    if not codes:
        return None
    return _head(text, pos, m.end(), m.group(1), None, None, None,
                 [(c, 'dateline', m.group(2)) for c in codes])


# A place in capitals alone on the story's first line (a page's "dateline"
# block: "<div>LONDON</div><p>The ...")
_PLACE_LINE = re.compile(r"([A-Z][A-Z.'\u2019-]*(?:[ \t]+[A-Z][A-Z.'\u2019-]*){0,2})[ \t]*\n\s*"
                         r"(?=[A-Z\"\u201c])")


def _place_line(text: str, pos: int) -> Optional[Head]:
    """A dateline that is a town or city the gazetteer places in one
    country (a country or region alone heads a section as often as a
    story: "UKRAINE"; "READING" is a label as often as the town)."""
    m = _PLACE_LINE.match(text, pos)
    if m is None:
        return None
    place = m.group(1)
    if not _town_in_capitals(place) or geo.country_for(place) is None:
        return None
    return _head(text, pos, m.start(1) + len(place), place, None, None, None, [])


# Indian papers' head: a byline line without "By", then the place alone on
# its own line ("Special Correspondent\nCHENNAI\nThe ...", "The Hindu
# Bureau\nCHENNAI\n", "Staff Reporter\nBENGALURU\n"), or the agency's name
# on the byline line ("PTI\nNEW DELHI\n", "Press Trust of India\nNEW
# DELHI\n"), which credits it. A staff byline is at most four words ending
# with a desk's word.
_STAFF_LINE = re.compile(
    r"(?:[A-Z][\w.'’&-]*[ \t]+){0,3}(?:Correspondent|Reporter|Bureau|"
    r"Desk|Staff|Writer)s?[ \t]*\n")


def _byline_place_line(text: str, pos: int,
                       registry: Registry) -> Optional[Head]:
    """A staff byline or an agency's name on the first line, then a place
    line as _place_line reads it (cheap gates first: a line break within
    40 characters, then a capital)."""
    nl = text.find('\n', pos, pos + 40)
    if nl < 0:
        return None
    q = _WS.match(text, nl).end()
    if not text[q:q + 1].isupper():
        return None
    line = text[pos:nl].strip()
    codes = registry.lookup_credit(line) if (
        len(line) > 4 or line.isupper()) else None
    if not codes and not _STAFF_LINE.match(text, pos):
        return None
    h = _place_line(text, q)
    if h is None:
        return None
    if codes:
        h.credits = [(c, 'prefix', line) for c in codes]
    else:
        h.byline = line
    return h


# ------------------------------------------- datelines in other scripts
# The Chinese, Japanese, Korean, Arabic and Russian wires' own forms (see
# _intl_head). parse_head tries them only where no dateline starts and the
# text starts with "(" or a character at or above U+0600, so Latin-script
# copy pays one comparison for them.
#
# Xinhua's and China News Service's "新华社北京3月17日电（记者张三）" and "中新网3
# 月17日电": the agency and the place run together (the site's copy names
# no place), the month and day, "电" (a dispatch), then the reporters in
# parentheses, which belong to the head.
_ZH_HEAD = re.compile(
    r'([\u3400-\u9fff]{2,16}?)(\d{1,2})月(\d{1,2})日电'
    r'(?:[ \t\u3000]*[（(]记者[:：\s]*([^（()）\n]{1,40}?)\s*[）)])?')
# Kyodo's and Jiji's "【ワシントン共同】", "【北京時事】": the place and the
# agency run together in lenticular brackets, the writer after "＝" when
# named ("【ワシントン共同＝山田太郎】"). A bracket also heads a label
# ("【速報】", "【社説】"), which ends in no agency.
_JA_HEAD = re.compile(r'【([^【】=＝\s]{2,16})(?:[=＝]([^【】=＝\n]{1,20}))?】')
# Yonhap's and News1's "(서울=연합뉴스) 김철수 기자 =": the place (or two:
# "서울·세종") and the agency in parentheses, then the reporters ("기자",
# reporter; "특파원", correspondent: names of two to four syllables) and
# "=", which belong to the head. Its photo and graphics credits are the
# same form with a word for a place ("(사진=연합뉴스)", "(로이터=연합뉴스)", a
# Reuters photo): the gazetteer knows no such place.
_KO_HEAD = re.compile(
    r'\(([\uac00-\ud7a3][\uac00-\ud7a3·]{0,15})=([^()=\n]{1,12})\)')
_KO_NAME = '[\uac00-\ud7a3]{2,4}'
_KO_WRITER = re.compile(
    rf'[ \t]*({_KO_NAME}(?:[ \t]*[·,][ \t]*{_KO_NAME}|[ \t]+{_KO_NAME}){{0,3}})'
    r'[ \t]*(?:기자|특파원)[ \t]*=')
# The Arabic wires' "القاهرة، 17 مارس (رويترز) -", "باريس (أ ف ب) -": a place
# of up to three words, the Arabic comma or a Latin one and the day and month
# (the Levant's month and the Egyptian one: "17 آذار/مارس"), and the
# agency in parentheses.
_AR = '\u0621-\u064a'
# (words of at most 20 letters: a long run of letters fails at once)
_AR_HEAD = re.compile(
    rf'([{_AR}]{{1,20}}(?:[ \t]+[{_AR}]{{1,20}}){{0,2}})[ \t]*'
    rf'(?:[،,][ \t]*(\d{{1,2}})[ \t]+'
    rf'([{_AR}]{{1,20}}(?:[ \t]*/[ \t]*[{_AR}]{{1,20}}|[ \t]+[{_AR}]{{1,20}})?)'
    rf'(?:[ \t]+(\d{{4}}))?[ \t]*)?(?=\()')
# (see _paren_dateline)
_CLOSE_PAREN = re.compile(r'[^\S\n]*\)')


def _intl_head(text: str, pos: int, registry: Registry) -> Optional[Head]:
    """A dateline of a Chinese, Japanese, Korean, Arabic or Russian wire at
    pos (see _ZH_HEAD, _JA_HEAD, _KO_HEAD, _AR_HEAD, _paren_dateline), else
    None. All but the Russian need their agency in the registry, and every
    one a place the gazetteer knows: without them a bracket or a
    parenthesis at the head is as likely a label ("【コラム共同】", a
    column; "(ОБНОВЛЕНО, 17 марта)", updated) or an aside, and Arabic words
    before a parenthesis a sentence ("قالت الحكومة (رويترز)", the government
    said)."""
    c = text[pos]
    if c == '(':
        n = text[pos + 1:pos + 2]
        if '\uac00' <= n <= '\ud7a3':
            return _korean_head(text, pos, registry)
        if '\u0400' <= n <= '\u042f':
            return _paren_dateline(text, pos)
    elif c == '【':
        return _japanese_head(text, pos, registry)
    elif '\u3400' <= c < '\ua000':
        return _chinese_head(text, pos, registry)
    elif '\u0621' <= c <= '\u064a':
        return _arabic_head(text, pos, registry)
    return None


def _chinese_head(text: str, pos: int, registry: Registry) -> Optional[Head]:
    m = _ZH_HEAD.match(text, pos)
    if m is None:
        return None
    month, day = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    # the longest registered name that starts the run; the place is the rest
    # ("本报北京3月17日电", a paper's own, names no agency: no dateline)
    name = m.group(1)
    for k in range(min(len(name), 6), 1, -1):
        code = registry.lookup(name[:k])
        if code:
            if k < len(name) and not geo.resolves(name[k:]):
                return None     # "新华社记者3月17日电": a reporter, no place
            h = _head(text, pos, m.end(), name[k:] or None, month, day, None,
                      [(code, 'dateline', name[:k])])
            h.byline = m.group(4)
            return h
    return None


def _japanese_head(text: str, pos: int, registry: Registry) -> Optional[Head]:
    m = _JA_HEAD.match(text, pos)
    if m is None:
        return None
    # (full-width Latin letters as ASCII: Jiji's relay of AFP copy,
    # "【パリＡＦＰ＝時事】", names AFP in them)
    inner = unicodedata.normalize('NFKC', m.group(1))
    for k in range(min(len(inner) - 1, 6), 1, -1):
        code = registry.lookup(inner[-k:])
        if code:
            place = inner[:-k]
            # ("【日米共同】", "Japan-US joint", is a label)
            if not geo.resolves(place):
                return None
            credits = [(code, 'dateline', inner[-k:])]
            # after "＝", the writer, or the agency relaying the copy
            after = m.group(2)
            relay = registry.lookup(after) if after else None
            if relay:
                credits.append((relay, 'dateline', after))
            h = _head(text, pos, m.end(), place, None, None, None, credits)
            h.byline = None if relay else after
            return h
    return None


def _korean_head(text: str, pos: int, registry: Registry) -> Optional[Head]:
    m = _KO_HEAD.match(text, pos)
    codes = registry.lookup_credit(m.group(2)) if m and all(
        map(geo.resolves, m.group(1).split('·'))) else None
    if not codes:
        return None
    w = _KO_WRITER.match(text, m.end())
    h = _head(text, pos, w.end() if w else m.end(), m.group(1), None, None,
              None, [(code, 'dateline', m.group(2)) for code in codes])
    h.byline = w.group(1) if w else None
    return h


def _arabic_head(text: str, pos: int, registry: Registry) -> Optional[Head]:
    m = _AR_HEAD.match(text, pos)
    paren = _PAREN.match(text, m.end()) if m and geo.resolves(m.group(1)) \
        else None
    if paren is None:
        return None
    codes = registry.lookup_credit(paren.group(1))
    t = _TERM.match(text, paren.end()) if codes else None
    if t is None:
        return None
    month = day = year = None
    if m.group(2):
        mon = m.group(3)
        month = MONTHS.get(mon) or MONTHS.get(mon.rsplit('/', 1)[-1].strip())
        if month is None:
            return None
        day = int(m.group(2))
        year = int(m.group(4)) if m.group(4) else None
    return _head(text, pos, t.end(), m.group(1), month, day, year,
                 [(code, 'dateline', paren.group(0)) for code in codes])


def _paren_dateline(text: str, pos: int) -> Optional[Head]:
    """Russian and Ukrainian copy's "(ВАШИНГТОН, 17 марта) — ", "(КИЇВ, 17
    березня) — ": a place the gazetteer knows and a date, in parentheses,
    then a dash."""
    m = _LOC.match(text, pos + 1)
    if m is None:
        return None
    p = _COMMA.match(text, m.end()).end()
    d = _DATE.match(text, p)
    if d is not None:
        end, fields = d.end(), _date_fields(d)
    else:   # a month of DAY_MONTHS (Ukrainian "березня")
        dm = _digit_date(text, p, True) if text[p:p + 1].isdigit() else None
        if dm is None:
            return None
        end, fields = dm[0].end(), dm[1:]
    close = _CLOSE_PAREN.match(text, end)
    t = _DASH_TERM.match(text, close.end()) if close else None
    if t is None:
        return None
    place = _squash(text[pos + 1:m.end()].strip(' ,'))
    if not geo.resolves(place):
        return None
    return _head(text, pos, t.end(), place, *fields, [])


_DASHES = '-\u2013\u2014_'
# The agency's name and a full stop right after a dateline's dash
# ("MOSCOW, Mar 18 - RIA Novosti. The ...", RIA's older form, and its
# Russian one: "МОСКВА, 18 мар \u2014 РИА Новости. Президент ..."), or a
# second dash ("VANCOUVER - The Canadian Press - The ...")
_AGENCY_STOP = re.compile(r"([A-ZА-ЯЁ][\w'\u2019&-]*(?:[ \t]+[A-ZА-ЯЁ][\w'\u2019&-]*){0,3})"
                          r"(?:\.|[ \t]+[-\u2013\u2014])[ \t]+"
                          r"(?=[A-ZА-ЯЁ0-9\"\u201c\u00ab])")


_SPACED_DASH = re.compile('[ \t][-\u2013\u2014][ \t]')


def _agency_after_dash(text: str, h: Head, registry: Registry) -> None:
    """Credit (kind dateline) and cut an agency named after the dash with
    a full stop; not a name that is also a word or a place ("AP", "RIA")."""
    m = _AGENCY_STOP.match(text, h.start)
    if m is None or m.group(1) in registry.ambiguous:
        return
    if m.group(0).rstrip()[-1] != '.' and \
            _SPACED_DASH.search(text, m.end(), m.end() + 100):
        # a third dash: the name in dashes is an aside ("NEW YORK -
        # Bloomberg - Michael Bloomberg's company - said")
        return
    codes = registry.lookup_credit(m.group(1))
    if codes:
        h.credits = h.credits + [(c, 'dateline', m.group(1)) for c in codes]
        h.dateline_raw = f'{h.dateline_raw} {m.group(0).strip()}'
        h.start = m.end()
