"""Deterministic synthetic news-wire corpus for the throughput benchmark.

    python benchmarks/make_corpus.py OUT_DIR --articles 20000 [--seed 7] [--feeds 40]

Writes ``OUT_DIR/feeds/`` (RSS 2.0, Atom 1.0 and JSON Feed 1.1 files of
about 200-500 entries each; a feed with more entries is split into several
archive files ``<feed>-pNN.<ext>``), ``OUT_DIR/truth.jsonl`` (one line per
entry: ``guid``, ``story`` = the syndication cluster id, plus ``kind``,
``role``, ``feed``, ``file`` and the ``edits`` made to a copy) and
``OUT_DIR/corpus.json`` (parameters and counts).

What is in it (the same seed gives the same bytes):

* **Wire stories** (~600 words, 280-1,100) written by agencies (Reuters,
  AFP, AP, dpa, Xinhua, PTI, Kyodo, EFE, APP, Bernama, ...) from a large
  seeded vocabulary with a Zipf distribution, real English function words,
  sentence and paragraph structure, story-specific names and topic words,
  quotes, numbers, an agency dateline head (``LONDON, March 17 (Reuters) -``,
  ``PARIS (AFP) -``, ``BEIJING, March 17 (Xinhua) --``) and the agency's
  closing credit (``(Reporting by ...; Editing by ...)``).
* **Syndicated copies** of them in outlet feeds, edited as outlets edit:
  restyled or dropped dateline, rewritten headline, trimmed or dropped
  paragraphs, truncated to a feed summary, rewritten lead, house-style word
  changes, an outlet credit line, the outlet's boilerplate footer, HTML
  markup (figures, captions, inline links, "Read more" links) and UTM
  tracking on links.  Agencies also re-issue a few stories (``UPDATE 1-``).
* **Look-alikes that are distinct stories**: templated market reports
  (same sentences, different indices, numbers, movers and days), short
  outlet briefs that share the outlet's long footer, and outlets' own
  staff stories.
* Dates in many forms: RFC 822 with numeric zones, ``GMT``/``UT``/``EST``,
  no weekday, no seconds; ISO 8601 with ``Z``, offsets and fractions.

About half of the entries are copies (``role == "copy"``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from html import escape as _html_escape

import numpy as np

GENERATOR_VERSION = 3

# --------------------------------------------------------------------------
# word material

FUNCTION_WORDS = (
    'the of to and a in that for on is said with was as at by from it be '
    'has have are its will an which were had not but this their would been '
    'also after more than they who over about two new last year up into '
    'could one other some first three all government against under while '
    'people since when there before between its percent million officials '
    'told during week there most can out expected so any if no such them '
    'including year\'s only country months them both because them where '
    'next those around what former minister police back still may being '
    'further saying than through recent second early made further her his '
    'he she we our per cent billion state public years days'
).split()
# de-duplicate while keeping the order (the order is the Zipf rank)
FUNCTION_WORDS = list(dict.fromkeys(FUNCTION_WORDS))

VERBS = ('cut raise boost probe weigh seek back reject plan warn hit ease '
         'extend delay approve halt expand sell buy launch unveil win lose '
         'face urge cap curb ban lift open close sign review').split()
VERBS_PAST = ('cuts raises boosts probes weighs seeks backs rejects plans '
              'warns hits eases extends delays approves halts expands sells '
              'buys launches unveils wins loses faces urges caps curbs bans '
              'lifts opens closes signs reviews').split()
WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday',
            'Saturday', 'Sunday']
MONTHS_FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
               'August', 'September', 'October', 'November', 'December']
MONTHS_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
               'Oct', 'Nov', 'Dec']
FIRST_NAMES = (
    'James Maria Ahmed Li Sofia Kenji Amina Pierre Olga Carlos Priya Tom '
    'Fatima Lars Chen Aisha John Elena Raj Yuki Omar Anna Luis Mei Hassan '
    'Ingrid David Nadia Pablo Sara Ivan Grace Ali Hana Marco Leila Peter '
    'Zainab Andrew Lucia Tariq Emma Rahul Irina Daniel Chloe Samuel Noura').split()
CITIES = {  # dateline city -> agencies that file from it most
    'LONDON': 'REUTERS AFP AP', 'PARIS': 'AFP REUTERS', 'WASHINGTON': 'AP REUTERS AFP',
    'NEW YORK': 'AP REUTERS', 'BERLIN': 'DPA REUTERS AFP', 'FRANKFURT': 'DPA REUTERS',
    'BRUSSELS': 'AFP REUTERS DPA', 'GENEVA': 'AFP REUTERS', 'MADRID': 'EFE AFP',
    'BOGOTÁ': 'EFE AFP', 'SÃO PAULO': 'REUTERS EFE AFP', 'MEXICO CITY': 'EFE AP',
    'BEIJING': 'XINHUA REUTERS AFP', 'SHANGHAI': 'XINHUA REUTERS', 'TOKYO': 'KYODO REUTERS AFP',
    'SEOUL': 'REUTERS AFP', 'NEW DELHI': 'PTI REUTERS AFP', 'MUMBAI': 'PTI REUTERS',
    'ISLAMABAD': 'APP REUTERS AFP', 'KARACHI': 'APP REUTERS', 'KUALA LUMPUR': 'BERNAMA REUTERS',
    'SINGAPORE': 'REUTERS AFP BERNAMA', 'SYDNEY': 'REUTERS AFP AP', 'NAIROBI': 'REUTERS AFP AP',
    'LAGOS': 'REUTERS AFP', 'JOHANNESBURG': 'REUTERS AFP AP', 'CAIRO': 'REUTERS AFP AP',
    'DUBAI': 'REUTERS AFP', 'ISTANBUL': 'REUTERS AFP', 'MOSCOW': 'REUTERS AFP AP',
    'KYIV': 'REUTERS AFP AP', 'ROME': 'AFP REUTERS', 'CHICAGO': 'AP REUTERS',
    'LOS ANGELES': 'AP REUTERS', 'OTTAWA': 'REUTERS AP', 'JAKARTA': 'REUTERS AFP',
    'MANILA': 'REUTERS AFP AP', 'HONG KONG': 'REUTERS AFP XINHUA', 'BUENOS AIRES': 'EFE REUTERS',
    'LIMA': 'EFE REUTERS', 'OSAKA': 'KYODO', 'BANGALORE': 'PTI REUTERS', 'LAHORE': 'APP',
    'MUNICH': 'DPA', 'HAMBURG': 'DPA', 'BARCELONA': 'EFE AFP', 'PENANG': 'BERNAMA',
}
US_STATE_CITY = {'CHICAGO': 'Ill.', 'LOS ANGELES': 'Calif.'}

# Agencies: code -> name as credited, dateline style, closing credit style
AGENCIES = {
    'REUTERS': ('Reuters', 'reuters', 'reuters'),
    'AFP': ('AFP', 'afp', 'afp'),
    'AP': ('AP', 'ap', 'ap'),
    'DPA': ('dpa', 'dpa', 'none'),
    'XINHUA': ('Xinhua', 'xinhua', 'xinhua'),
    'PTI': ('PTI', 'pti', 'pti'),
    'KYODO': ('Kyodo', 'kyodo', 'none'),
    'EFE': ('EFE', 'efe', 'none'),
    'APP': ('APP', 'app', 'none'),
    'BERNAMA': ('Bernama', 'bernama', 'bernama'),
}
# Agency feeds in the order they are created: (agency, section, format)
AGENCY_FEEDS = [
    ('REUTERS', 'World News', 'rss'), ('AFP', 'International', 'atom'),
    ('AP', 'Top News', 'rss'), ('REUTERS', 'Business News', 'rss'),
    ('DPA', 'International', 'atom'), ('XINHUA', 'World', 'rss'),
    ('PTI', 'National', 'rss'), ('KYODO', 'News', 'atom'),
    ('EFE', 'English', 'json'), ('APP', 'National', 'rss'),
    ('BERNAMA', 'World', 'rss'), ('AFP', 'Business', 'atom'),
    ('AP', 'Business', 'rss'), ('REUTERS', 'Markets', 'rss'),
]
AGENCY_DOMAINS = {'REUTERS': 'wire.reuters.example', 'AFP': 'newswire.afp.example',
                  'AP': 'apnews.example', 'DPA': 'dpa-international.example',
                  'XINHUA': 'english.xinhua.example', 'PTI': 'ptinews.example',
                  'KYODO': 'english.kyodo.example', 'EFE': 'efe.example',
                  'APP': 'app.example.pk', 'BERNAMA': 'bernama.example.my'}

OUTLET_A = ('Daily Morning Evening Metro National Coastal Northern Southern '
            'Eastern Western Capital Valley Island Harbour Frontier Gulf Lake '
            'River Highland Continental Global Sunday Weekly City Union').split()
OUTLET_B = ('Courier Herald Ledger Tribune Gazette Chronicle Observer Post '
            'Times Standard Sentinel Mirror Express Journal Record Dispatch '
            'Monitor Examiner Bulletin Star Beacon Clarion Review Nation').split()
OUTLET_TLD = ['com', 'co.uk', 'pk', 'in', 'com.au', 'co.za', 'ng', 'my', 'ie',
              'ca', 'ph', 'ke', 'sg', 'ae', 'nz']
LANG_FOR_TLD = {'co.uk': 'en-GB', 'pk': 'en-PK', 'in': 'en-IN', 'com.au': 'en-AU',
                'co.za': 'en-ZA', 'ng': 'en-NG', 'my': 'en-MY', 'ie': 'en-IE',
                'ca': 'en-CA', 'ph': 'en-PH', 'ke': 'en-KE', 'sg': 'en-SG',
                'ae': 'en', 'nz': 'en-NZ', 'com': 'en-US'}
SECTIONS = ['world', 'business', 'news', 'national', 'markets', 'asia',
            'europe', 'africa', 'americas', 'economy', 'politics']

FOOTER_SENTENCES = [
    'Follow {o} on X and Facebook for the latest updates.',
    'Subscribe to the {o} newsletter to get the day\'s top stories delivered to your inbox every morning.',
    'Copyright {y} {o}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
    'Download the {o} app for breaking news alerts, live coverage and exclusive analysis.',
    'Have a news tip? Contact the {o} newsroom through our secure tip line.',
    'Join the conversation: comments are moderated according to the {o} community guidelines.',
    'Support independent journalism at {o} by becoming a member today.',
    'For more business, politics and sport from {o}, visit our home page.',
    'The views expressed by contributors do not necessarily reflect those of {o}.',
    'Listen to the {o} daily podcast wherever you get your podcasts.',
    'Get unlimited access to {o} journalism with a digital subscription.',
]
MARKET_INDICES = [('FTSE 100', 'London', 'pounds'), ('DAX', 'Frankfurt', 'euros'),
                  ('CAC 40', 'Paris', 'euros'), ('Nikkei 225', 'Tokyo', 'yen'),
                  ('Hang Seng', 'Hong Kong', 'Hong Kong dollars'),
                  ('S&P 500', 'New York', 'dollars'), ('Sensex', 'Mumbai', 'rupees'),
                  ('KSE-100', 'Karachi', 'rupees'), ('ASX 200', 'Sydney', 'Australian dollars'),
                  ('Bovespa', 'Sao Paulo', 'reais'), ('Kospi', 'Seoul', 'won'),
                  ('Straits Times Index', 'Singapore', 'Singapore dollars')]
MARKET_CITY = {'London': 'LONDON', 'Frankfurt': 'FRANKFURT', 'Paris': 'PARIS',
               'Tokyo': 'TOKYO', 'Hong Kong': 'HONG KONG', 'New York': 'NEW YORK',
               'Mumbai': 'MUMBAI', 'Karachi': 'KARACHI', 'Sydney': 'SYDNEY',
               'Sao Paulo': 'SÃO PAULO', 'Seoul': 'SEOUL', 'Singapore': 'SINGAPORE'}
MARKET_SECTORS = ['banking', 'energy', 'mining', 'technology', 'retail',
                  'property', 'healthcare', 'automotive', 'telecom', 'utility',
                  'insurance', 'airline', 'chemicals', 'media']
MARKET_STOCK_PHRASES = [
    'Traders said volumes were thin ahead of central bank meetings later in the week.',
    'Investors remained cautious as they awaited fresh data on inflation and consumer spending.',
    'Analysts said the market was likely to stay range-bound in the near term.',
    'Foreign investors were net sellers for a third consecutive session, exchange data showed.',
    'Market breadth was positive, with advancing shares outnumbering decliners.',
    'Brokers said the index faced resistance near its recent highs.',
    'Trading was subdued with several regional markets closed for a public holiday.',
    'Dealers said sentiment was supported by gains on Wall Street overnight.',
    'Oil prices and the dollar were also in focus for investors.',
    'Some investors booked profits after recent gains, brokers said.',
    'Bond yields edged higher, weighing on rate-sensitive stocks.',
    'Analysts expect corporate earnings to drive the market in the coming weeks.',
]

# Named zones as they appear in RFC 822 dates, with their fixed offsets
TZ_STYLES = [(0, '+0000'), (0, 'GMT'), (0, 'UT'), (-300, 'EST'), (-240, 'EDT'),
             (-480, 'PST'), (60, '+0100'), (120, '+0200'), (330, '+0530'),
             (300, '+0500'), (480, '+0800'), (540, '+0900'), (-180, '-0300'),
             (600, '+1000'), (180, '+0300'), (-300, '-0500')]


def _esc(s):
    """XML/HTML text escaping (&, <, >)."""
    return _html_escape(s, quote=False)


def _esc_attr(s):
    return _html_escape(s, quote=True)


# --------------------------------------------------------------------------
# lexicon


class Lexicon:
    """A seeded vocabulary: real function words first, then pseudo-words.

    Word ranks follow a Zipf law, so common words recur across unrelated
    stories (as in real text) while content words are spread thin.
    """

    ONSETS = ('b br c ch cl cr d dr f fl fr g gl gr h j k l m n p pl pr r s '
              'sc sh sl sp st t th tr v w z').split()
    VOWELS = 'a e i o u a e i o ai ea ou io ie ee oa'.split()
    CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck', 'rt', 'nt']
    SUFFIXES = ['', '', '', '', 'tion', 'ment', 'ing', 'ed', 'er', 's', 'ly',
                'al', 'ity', 'ness', 'ist', 'ive']

    def __init__(self, rnd: random.Random, size: int = 40000, names: int = 4000):
        words = dict.fromkeys(FUNCTION_WORDS)
        while len(words) < size:
            n = rnd.choice((1, 1, 2, 2, 2, 3))
            w = ''.join(rnd.choice(self.ONSETS) + rnd.choice(self.VOWELS) +
                        rnd.choice(self.CODAS) for _ in range(n))
            w += rnd.choice(self.SUFFIXES)
            if 3 <= len(w) <= 14:
                words.setdefault(w)
        # frequent content words are the short ones, as in real text
        self.words = FUNCTION_WORDS + sorted(list(words)[len(FUNCTION_WORDS):], key=len)
        self.arr = np.array(self.words, dtype=object)
        nf = len(FUNCTION_WORDS)
        self.n_function = nf
        ranks = np.arange(len(self.words), dtype=np.float64)
        weights = 1.0 / (ranks + 2.7) ** 1.05
        self.cdf = np.cumsum(weights) / weights.sum()
        surnames = dict()
        while len(surnames) < names:
            w = ''.join(rnd.choice(self.ONSETS) + rnd.choice(self.VOWELS) +
                        rnd.choice(self.CODAS) for _ in range(rnd.choice((2, 2, 3))))
            if 4 <= len(w) <= 11:
                surnames.setdefault(w.capitalize())
        self.surnames = list(surnames)
        self.orgs = [f'{s} {k}' for s, k in zip(
            self.surnames[::-1],
            ('Holdings Group Bank Motors Energy Airlines Telecom Pharma Mining '
             'Foods Capital Industries Logistics Resources Systems').split() * 400)]

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.searchsorted(self.cdf, rng.random(n))

    def content_index(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """n content words of middling frequency (a story's topic words)."""
        return rng.integers(self.n_function + 300, len(self.words), size=n)


# --------------------------------------------------------------------------
# stories


class Story:
    __slots__ = ('sid', 'kind', 'agency', 'city', 'when', 'title', 'paras',
                 'credit', 'byline', 'persons', 'orgs', 'topic', 'market')

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


def _person(rnd, lex):
    return f'{rnd.choice(FIRST_NAMES)} {rnd.choice(lex.surnames)}'


def _number(rnd):
    r = rnd.random()
    if r < 0.3:
        return str(rnd.randint(2, 99))
    if r < 0.5:
        return f'{rnd.randint(1, 99)}.{rnd.randint(0, 9)} percent'
    if r < 0.7:
        return f'{rnd.randint(1, 999):,},{rnd.randint(0, 999):03d}'
    if r < 0.85:
        return f'${rnd.randint(1, 99)}.{rnd.randint(1, 9)} billion'
    return str(rnd.randint(1950, 2026))


def _sentences(rnd, rng, lex, n_words, persons, orgs, topic, place, weekday='Monday'):
    """Body text of about n_words words as a list of paragraphs (strings)."""
    idx = lex.draw(rng, n_words)
    # story-specific topic words recur through the text
    mask = rng.random(n_words) < 0.06
    k = int(mask.sum())
    if k:
        idx[mask] = topic[rng.integers(0, len(topic), size=k)]
    toks = lex.arr[idx].tolist()
    paras, para = [], []
    i = 0
    n_in_para = rnd.randint(1, 3)
    first = True
    while i < n_words:
        ln = rnd.randint(9, 30)
        words = toks[i:i + ln]
        i += ln
        if len(words) < 4:
            break
        r = rnd.random()
        if r < 0.22:
            words[rnd.randrange(len(words))] = _number(rnd)
        elif r < 0.34:
            words[rnd.randrange(len(words))] = rnd.choice(persons).split()[-1]
        elif r < 0.40:
            words[rnd.randrange(len(words))] = place
        s = ' '.join(words)
        r = rnd.random()
        if first:
            s = f'{rnd.choice(orgs)} {rnd.choice(VERBS_PAST)} {s} on {weekday}.'
            first = False
        elif r < 0.10:
            s = f'“{s[0].upper()}{s[1:]},” {rnd.choice(persons).split()[-1]} said.'
        elif r < 0.22:
            s = f'{s[0].upper()}{s[1:]}, {rnd.choice(persons)} said.'
        elif r < 0.30:
            s = f'{s[0].upper()}{s[1:]}, according to {rnd.choice(orgs)}.'
        elif r < 0.38:
            cut = s.find(' ', len(s) // 2)
            s = f'{s[0].upper()}{s[1:cut]},{s[cut:]}.' if cut > 0 else f'{s[0].upper()}{s[1:]}.'
        else:
            s = f'{s[0].upper()}{s[1:]}.'
        para.append(s)
        if len(para) >= n_in_para:
            paras.append(' '.join(para))
            para = []
            n_in_para = rnd.randint(1, 3)
    if para:
        paras.append(' '.join(para))
    return paras


def _headline(rnd, lex, persons, orgs, topic_words, place):
    t = topic_words
    forms = (
        lambda: f'{rnd.choice(orgs)} to {rnd.choice(VERBS)} {t[0]} {t[1]} in {place}',
        lambda: f'{place} {t[0]} {rnd.choice(VERBS_PAST)} {t[1]} as {t[2]} {t[3]}',
        lambda: f'{rnd.choice(persons)} says {t[0]} will {rnd.choice(VERBS)} {t[1]} {t[2]}',
        lambda: f'{rnd.choice(orgs)} {rnd.choice(VERBS_PAST)} {t[0]} {t[1]} after {t[2]} {t[3]}',
        lambda: f'{t[0].capitalize()} {t[1]} {rnd.choice(VERBS_PAST)} {place} {t[2]} {t[3]} {t[4]}',
    )
    h = rnd.choice(forms)()
    return h[0].upper() + h[1:]


def _agency_credit(rnd, lex, agency):
    style = AGENCIES[agency][2]
    if style == 'reuters':
        return (f'(Reporting by {_person(rnd, lex)} in {rnd.choice(list(CITIES)).title()}; '
                f'Editing by {_person(rnd, lex)})')
    if style == 'afp':
        return f'{rnd.choice("abcdefghjklmnprst")}{rnd.choice("abcdefghjklmnprst")}/' \
               f'{rnd.choice("abcdefghjklmnprst")}{rnd.choice("abcdefghjklmnprst")}'
    if style == 'ap':
        return (f'Associated Press writer {_person(rnd, lex)} in '
                f'{rnd.choice(list(CITIES)).title()} contributed to this report.')
    if style == 'xinhua':
        return 'Enditem'
    if style == 'pti':
        return f'PTI {rnd.choice("ABCDEFGHKLMNPRS")}{rnd.choice("ABCDEFGHKLMNPRS")} ' \
               f'{rnd.choice("ABCDEFGHKLMNPRS")}{rnd.choice("ABCDEFGHKLMNPRS")}'
    if style == 'bernama':
        return '-- BERNAMA'
    return None


def _dateline(agency, city, when, style=None):
    """The agency's own dateline head for city and date (UTC date)."""
    name = AGENCIES[agency][0]
    style = style or AGENCIES[agency][1]
    mon, day = MONTHS_FULL[when.month - 1], when.day
    c = city + (f', {US_STATE_CITY[city]}' if city in US_STATE_CITY else '')
    if style == 'reuters':
        return f'{c}, {mon} {day} (Reuters) -'
    if style == 'afp':
        return f'{c} (AFP) -'
    if style == 'ap':
        return f'{c} (AP) —'
    if style == 'dpa':
        return f'{city.title()} (dpa) -'
    if style == 'xinhua':
        return f'{city}, {mon} {day} (Xinhua) --'
    if style == 'pti':
        return f'{city}, {MONTHS_ABBR[when.month - 1]} {day} (PTI)'
    if style == 'kyodo':
        return f'{city}, {mon} {day} Kyodo -'
    if style == 'efe':
        return f'{city.title()}, {MONTHS_ABBR[when.month - 1]} {day} (EFE).-'
    if style == 'app':
        return f'{city}, {MONTHS_ABBR[when.month - 1]} {day} (APP):'
    if style == 'bernama':
        return f'{city}, {mon} {day} (Bernama) --'
    return f'{c} ({name}) -'


def _market_story(rnd, lex, sid, agency, when):
    idx_name, place, ccy = rnd.choice(MARKET_INDICES)
    up = rnd.random() < 0.5
    mv = 'rose' if up else 'fell'
    mv2 = 'gained' if up else 'lost'
    pct = f'{rnd.randint(0, 3)}.{rnd.randint(1, 99):02d}'
    val = f'{rnd.randint(2000, 45000):,}.{rnd.randint(0, 99):02d}'
    day = WEEKDAYS[when.weekday()]
    sec1, sec2, sec3 = rnd.sample(MARKET_SECTORS, 3)
    movers = rnd.sample(lex.orgs, 4)
    chg = [f'{rnd.randint(0, 9)}.{rnd.randint(1, 9)}' for _ in range(6)]
    streak = rnd.choice(['second', 'third', 'fourth', 'fifth'])
    vol = f'{rnd.randint(100, 999)}.{rnd.randint(1, 9)} million'
    paras = [
        f'{place}\'s {idx_name} index {mv} {pct} percent to {val} points on {day}, '
        f'its {streak} straight session of {"gains" if up else "losses"}, as {sec1} '
        f'stocks {"rallied" if up else "slipped"} and investors weighed {sec2} earnings.',
        f'{movers[0]} {"climbed" if up else "dropped"} {chg[0]} percent, the biggest '
        f'{"gainer" if up else "decliner"} on the index, while {movers[1]} '
        f'{"added" if up else "shed"} {chg[1]} percent after quarterly results.',
        f'The broader market {mv2} {chg[2]} percent. Around {vol} shares changed hands, '
        f'compared with a {rnd.choice(["10", "20", "30"])}-day average of '
        f'{rnd.randint(100, 999)}.{rnd.randint(1, 9)} million.',
        f'Among other movers, {movers[2]} {"rose" if rnd.random() < 0.5 else "fell"} '
        f'{chg[3]} percent and {movers[3]} {"rose" if rnd.random() < 0.5 else "fell"} '
        f'{chg[4]} percent, while the {sec3} sub-index {"edged up" if up else "eased"} '
        f'{chg[5]} percent.',
    ]
    paras += rnd.sample(MARKET_STOCK_PHRASES, 3)
    paras.append(f'The local currency traded at {rnd.randint(1, 300)}.{rnd.randint(10, 99)} '
                 f'{ccy} per dollar against {rnd.randint(1, 300)}.{rnd.randint(10, 99)} '
                 f'in the previous session.')
    title = (f'{idx_name} {"rises" if up else "falls"} {pct}% as {sec1} stocks '
             f'{"gain" if up else "slide"}' if rnd.random() < 0.6 else
             f'{place.upper()} STOCKS-{idx_name} {"up" if up else "down"} {pct}%, '
             f'{movers[0]} {"leads" if up else "drags"}')
    return Story(sid=sid, kind='market', agency=agency, city=MARKET_CITY[place],
                 when=when, title=title, paras=paras,
                 credit=_agency_credit(rnd, lex, agency), byline=None,
                 persons=[], orgs=movers, topic=[], market=idx_name)


# --------------------------------------------------------------------------
# outlets and feeds


class Feed:
    __slots__ = ('slug', 'title', 'domain', 'fmt', 'lang', 'tz', 'date_style',
                 'agency', 'section', 'profile', 'entries', 'footer', 'name')

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))
        self.entries = []


def _make_feeds(rnd, n_feeds):
    n_agency = max(2, min(len(AGENCY_FEEDS), round(n_feeds * 0.2)))
    n_outlets = max(1, n_feeds - n_agency)
    feeds = []
    for agency, section, fmt in AGENCY_FEEDS[:n_agency]:
        name = AGENCIES[agency][0]
        name = {'AP': 'The Associated Press', 'DPA': 'dpa International',
                'PTI': 'Press Trust of India', 'APP': 'Associated Press of Pakistan',
                'KYODO': 'Kyodo News', 'XINHUA': 'Xinhua', 'EFE': 'Agencia EFE',
                'BERNAMA': 'Bernama', 'AFP': 'AFP', 'REUTERS': 'Reuters'}[agency]
        slug = f'{agency.lower()}-{section.lower().replace(" ", "-")}'
        tz = {'REUTERS': (0, '+0000'), 'AP': (-300, 'EST'), 'PTI': (330, '+0530'),
              'APP': (300, '+0500'), 'XINHUA': (480, '+0800'), 'BERNAMA': (480, '+0800'),
              'KYODO': (540, '+0900'), 'DPA': (60, '+0100'), 'AFP': (0, 'Z'),
              'EFE': (60, '+01:00')}[agency]
        feeds.append(Feed(slug=slug, title=f'{name} - {section}', name=name,
                          domain=AGENCY_DOMAINS[agency], fmt=fmt, lang='en', tz=tz,
                          date_style=rnd.choice(['rfc', 'rfc', 'rfc_noday']) if fmt == 'rss' else 'iso',
                          agency=agency, section=section, profile=None, footer=None))
    used = set()
    for i in range(n_outlets):
        while True:
            a, b = rnd.choice(OUTLET_A), rnd.choice(OUTLET_B)
            if (a, b) not in used:
                used.add((a, b))
                break
            if len(used) >= len(OUTLET_A) * len(OUTLET_B):
                a, b = a, f'{b} {i}'
                break
        name = f'The {a} {b}' if rnd.random() < 0.6 else f'{a} {b}'
        tld = rnd.choice(OUTLET_TLD)
        domain = f'{(a + b).lower().replace(" ", "")}.example.{tld}'
        r = rnd.random()
        fmt = 'rss' if r < 0.6 else ('atom' if r < 0.88 else 'json')
        if fmt == 'rss':
            date_style = rnd.choice(['rfc', 'rfc', 'rfc', 'rfc_noday', 'rfc_nosec',
                                     'rfc', 'iso_in_rss', 'dc_date'])
            tz = rnd.choice(TZ_STYLES)
        else:
            date_style = 'iso'
            off = rnd.choice([0, 0, 60, 330, 300, -300, 480, 120, 600, -180])
            tz = (off, 'Z' if off == 0 and rnd.random() < 0.7 else
                  f'{"+" if off >= 0 else "-"}{abs(off) // 60:02d}:{abs(off) % 60:02d}')
        profile = dict(
            dateline=rnd.choice(['keep', 'city_colon', 'city_dash', 'city_agency',
                                 'drop', 'keep', 'city_date_dash', 'lower']),
            headline=rnd.choice(['keep', 'rewrite', 'rewrite', 'sentence', 'suffix']),
            p_summary=rnd.choice([0.0, 0.05, 0.15, 0.3, 0.6, 1.0 if rnd.random() < 0.3 else 0.1]),
            p_trim=rnd.uniform(0.2, 0.7),
            p_lead=rnd.choice([0.0, 0.0, 0.1, 0.25]),
            p_footer=rnd.choice([0.0, 0.8, 0.95, 1.0, 1.0]),
            word_edit=rnd.choice([0.0, 0.005, 0.01, 0.02]),
            credit=rnd.choice(['paren', 'dash', 'inputs', 'source', 'byline', 'none']),
            html=rnd.choice(['p', 'p', 'div', 'br', 'rich', 'rich']),
            utm=rnd.random() < 0.6,
            related=rnd.random() < 0.4,
            briefs=rnd.random() < 0.35,
            weight=rnd.uniform(0.5, 2.0),
            guid=rnd.choice(['url', 'url', 'wp', 'tag']),
        )
        n_foot = rnd.randint(2, 4) if profile['briefs'] else rnd.randint(1, 3)
        footer = ' '.join(s.format(o=name, y=2026)
                          for s in rnd.sample(FOOTER_SENTENCES, n_foot))
        feeds.append(Feed(slug=domain.split('.')[0] + ('' if i < 1000 else str(i)),
                          title=name, name=name, domain=domain, fmt=fmt,
                          lang=LANG_FOR_TLD[tld], tz=tz, date_style=date_style,
                          agency=None, section=rnd.choice(SECTIONS), profile=profile,
                          footer=footer))
    return feeds


# --------------------------------------------------------------------------
# copies and entries


class Entry:
    __slots__ = ('guid', 'url', 'link', 'title', 'summary', 'html', 'author',
                 'when', 'sid', 'kind', 'role', 'edits', 'serial', 'category')

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


def _restyle_dateline(story, style, rnd):
    city = story.city
    if story.kind in ('own', 'brief'):
        return story.city + ':' if story.city else None
    name = AGENCIES[story.agency][0]
    if style == 'keep':
        return _dateline(story.agency, city, story.when)
    if style == 'city_colon':
        return f'{city}:'
    if style == 'city_dash':
        return f'{city} —'
    if style == 'city_agency':
        return f'{city.title()} ({name}) -'
    if style == 'city_date_dash':
        return f'{city}, {MONTHS_ABBR[story.when.month - 1]} {story.when.day} —'
    if style == 'lower':
        return f'{city.lower()}, {MONTHS_FULL[story.when.month - 1].lower()} {story.when.day} -'
    return None  # drop


def _rewrite_headline(title, style, rnd, lex, outlet_name):
    if style == 'keep':
        return title, False
    words = title.split()
    if style == 'rewrite':
        words = list(words)
        for _ in range(rnd.randint(1, 3)):
            words[rnd.randrange(len(words))] = lex.words[rnd.randrange(lex.n_function, len(lex.words))]
        if rnd.random() < 0.3 and len(words) > 5:
            del words[rnd.randrange(1, len(words))]
        t = ' '.join(words)
        return t[0].upper() + t[1:], True
    if style == 'sentence':
        t = title.lower()
        return t[0].upper() + t[1:], True
    return f'{title} | {outlet_name}', True


def _word_edits(paras, rate, rnd, lex):
    out = []
    for p in paras:
        words = p.split(' ')
        n = len(words)
        k = int(n * rate + rnd.random())
        for _ in range(k):
            words[rnd.randrange(n)] = lex.words[rnd.randrange(lex.n_function, len(lex.words))]
        out.append(' '.join(words))
    return out


def _summary_text(paras, rnd):
    """A feed teaser: the first 25-90 words, cut at a sentence or with '...'."""
    words = ' '.join(paras).split(' ')
    n = rnd.randint(25, 90)
    text = ' '.join(words[:n])
    if len(words) > n:
        dot = text.rfind('. ')
        if dot > len(text) // 2 and rnd.random() < 0.5:
            text = text[:dot + 1]
        else:
            text += rnd.choice([' ...', '…', ' [&#8230;]', ' […]'])
    return text


def _render_html(paras, dateline, style, rnd, lex, outlet, utm_q, story):
    """Outlet HTML for the body paragraphs (dateline prefixed to the first)."""
    ps = list(paras)
    if dateline:
        head = f'<strong>{_esc(dateline)}</strong>' if style in ('div', 'rich') and rnd.random() < 0.5 \
            else _esc(dateline)
        first = f'{head} {_esc(ps[0])}' if ps else head
    else:
        first = _esc(ps[0]) if ps else ''
    body = [first] + [_esc(p) for p in ps[1:]]
    if style == 'rich' and len(body) > 1:
        cap = ' '.join(lex.arr[rnd.randrange(len(lex.words))] for _ in range(rnd.randint(6, 14)))
        img = (f'<figure><img src="https://{outlet.domain}/img/{story.sid}-{rnd.randrange(999)}.jpg" '
               f'alt="{_esc_attr(cap)}" width="800" height="450"/>'
               f'<figcaption>{_esc(cap.capitalize())}. (Photo: {_esc(outlet.name)})</figcaption></figure>')
        body.insert(1, img)
        # one inline link on a paragraph
        j = rnd.randrange(1, len(body))
        if not body[j].startswith('<figure'):
            body[j] = (body[j] + f' <a href="https://{outlet.domain}/tag/{story.sid}{utm_q}">'
                       f'<em>More on this story</em></a>')
    if style == 'br':
        return '<br/><br/>\n'.join(body)
    inner = '\n'.join(b if b.startswith('<figure') else f'<p>{b}</p>' for b in body)
    if style == 'div':
        return f'<div class="article-body">\n{inner}\n</div>'
    return inner


def _iso(when, tz):
    off, label = tz
    local = when + dt.timedelta(minutes=off)
    base = local.strftime('%Y-%m-%dT%H:%M:%S')
    if label == 'Z' or (off == 0 and ':' not in label):
        return base + 'Z'
    if ':' in label:
        return base + label
    return base + f'{"+" if off >= 0 else "-"}{abs(off) // 60:02d}:{abs(off) % 60:02d}'


def _format_date(when, feed, serial):
    off, label = feed.tz
    style = feed.date_style
    if style in ('iso', 'iso_in_rss', 'dc_date'):
        s = _iso(when, feed.tz)
        if feed.fmt == 'atom' and serial % 5 == 0:
            s = s[:19] + f'.{serial % 1000:03d}' + s[19:]
        return s
    local = when + dt.timedelta(minutes=off)
    wd = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[local.weekday()]
    core = f'{local.day:02d} {MONTHS_ABBR[local.month - 1]} {local.year} '
    tm = f'{local.hour:02d}:{local.minute:02d}' + ('' if style == 'rfc_nosec' else f':{local.second:02d}')
    lab = label if ':' not in label and label != 'Z' else '+0000'
    if style == 'rfc_noday':
        return f'{core}{tm} {lab}'
    return f'{wd}, {core}{tm} {lab}'


def _slug(title):
    s = ''.join(c if c.isalnum() else ' ' for c in title.lower())
    return '-'.join(s.split()[:9])


def _entry_ids(feed, story, serial, when, title):
    h = (serial * 2654435761 + 97) % (1 << 32)
    if feed.agency:
        url = f'https://{feed.domain}/article/{_slug(title)}-id{h:08X}'
        if feed.agency == 'REUTERS':
            guid = f'tag:{feed.domain},{when.year}:newsml_L{h:08X}:{serial % 7}'
        elif feed.agency == 'AFP':
            guid = f'urn:newsml:afp.com:{when:%Y%m%d}:{h:08x}'
        else:
            guid = url
        return guid, url
    url = (f'https://{feed.domain}/{feed.section}/{when:%Y/%m/%d}/'
           f'{_slug(title)}-{serial}')
    g = feed.profile['guid']
    if g == 'wp':
        guid = f'https://{feed.domain}/?p={100000 + serial}'
    elif g == 'tag':
        guid = f'tag:{feed.domain},{when:%Y-%m-%d}:{serial}'
    else:
        guid = url
    return guid, url


def _original_entry(story, feed, serial, rnd, lex, role='original', edits=()):
    paras = story.paras
    dl = _dateline(story.agency, story.city, story.when) if story.agency else (
        f'{story.city}:' if story.city else None)
    body = list(paras)
    if story.credit:
        body = body + [story.credit]
    guid, url = _entry_ids(feed, story, serial, story.when, story.title)
    html = '\n'.join(f'<p>{_esc(((dl + " ") if (i == 0 and dl) else "") + p)}</p>'
                     for i, p in enumerate(body))
    summary = _esc(paras[0].split('. ')[0].rstrip('.') + '.')
    return Entry(guid=guid, url=url, link=url, title=story.title, summary=summary,
                 html=html, author=story.byline, when=story.when, sid=story.sid,
                 kind=story.kind, role=role, edits=list(edits), serial=serial,
                 category=feed.section)


def _outlet_entry(story, feed, serial, rnd, lex, when, role):
    """An outlet's entry for story: a syndicated copy, or the outlet's own."""
    prof = feed.profile
    edits = []
    paras = list(story.paras)
    is_copy = role == 'copy'
    title = story.title
    if is_copy:
        title, changed = _rewrite_headline(story.title, prof['headline'], rnd, lex, feed.name)
        if changed:
            edits.append('headline')
    summary_only = is_copy and rnd.random() < prof['p_summary']
    if is_copy and not summary_only:
        if rnd.random() < prof['p_trim'] and len(paras) > 3:
            keep = max(2, int(len(paras) * rnd.uniform(0.45, 0.9)))
            paras = paras[:keep]
            edits.append('trim_tail')
        if rnd.random() < 0.2 and len(paras) > 4:
            del paras[rnd.randrange(1, len(paras) - 1)]
            edits.append('drop_paragraph')
        if rnd.random() < prof['p_lead'] and len(paras) >= 4:
            nw = len(paras[0].split())
            paras[0] = ' '.join(_sentences(rnd, np.random.default_rng(serial), lex, nw,
                                           story.persons or ['Staff'], story.orgs or ['Officials'],
                                           story.topic if len(story.topic) else
                                           lex.content_index(np.random.default_rng(serial), 4),
                                           story.city.title()))
            edits.append('rewrite_lead')
        if prof['word_edit']:
            paras = _word_edits(paras, prof['word_edit'], rnd, lex)
            edits.append('word_edits')
    dateline = _restyle_dateline(story, prof['dateline'], rnd) if is_copy else (
        f'{story.city}:' if story.city and rnd.random() < 0.6 else None)
    if is_copy and prof['dateline'] != 'keep':
        edits.append('dateline_' + prof['dateline'])
    author = story.byline
    credit = None
    if is_copy:
        aname = AGENCIES[story.agency][0]
        c = prof['credit']
        if c == 'paren':
            credit = f'({aname})'
        elif c == 'dash':
            credit = f'— {aname}'
        elif c == 'inputs':
            credit = f'With inputs from {aname}'
        elif c == 'source':
            credit = f'Source: {aname}'
        elif c == 'byline':
            author = aname
        if story.credit and rnd.random() < 0.4 and not summary_only:
            paras.append(story.credit)
            edits.append('agency_credit_kept')
        if credit:
            edits.append('credit_line')
    guid, url = _entry_ids(feed, story, serial, when, title)
    utm_q = (f'?utm_source=rss&amp;utm_medium=feed&amp;utm_campaign={feed.slug}'
             if prof['utm'] else '')
    link = url + (f'?utm_source=rss&utm_medium=feed&utm_campaign={feed.slug}'
                  if prof['utm'] else '')
    if prof['utm'] and is_copy:
        edits.append('utm')
    if summary_only:
        text = _summary_text(paras, rnd)
        if dateline and rnd.random() < 0.5:
            text = f'{dateline} {text}'
        edits.append('summary_only')
        return Entry(guid=guid, url=url, link=link, title=title,
                     summary=_esc(text).replace('&amp;#8230;', '&#8230;'), html=None,
                     author=author, when=when, sid=story.sid, kind=story.kind,
                     role=role, edits=edits, serial=serial, category=feed.section)
    html = _render_html(paras, dateline, prof['html'], rnd, lex, feed, utm_q, story)
    extra = []
    if prof['related'] and rnd.random() < 0.5:
        rel = ' '.join(lex.words[rnd.randrange(lex.n_function, len(lex.words))]
                       for _ in range(rnd.randint(5, 9))).capitalize()
        extra.append(f'<p><strong>Read more:</strong> <a href="https://{feed.domain}/'
                     f'{feed.section}/{rnd.randrange(10**6)}{utm_q}">{_esc(rel)}</a></p>')
        if is_copy:
            edits.append('related_link')
    if credit:
        extra.append(f'<p>{_esc(credit)}</p>')
    if feed.footer and (story.kind == 'brief' or rnd.random() < prof['p_footer']):
        extra.append(f'<p class="footer"><em>{_esc(feed.footer)}</em></p>')
        if is_copy:
            edits.append('footer')
    if extra:
        html = html + '\n' + '\n'.join(extra)
    if is_copy and prof['html'] in ('rich', 'div', 'br'):
        edits.append('html_' + prof['html'])
    teaser = paras[0].split('. ')[0].rstrip('.') + '.'
    return Entry(guid=guid, url=url, link=link, title=title, summary=_esc(teaser),
                 html=html, author=author, when=when, sid=story.sid, kind=story.kind,
                 role=role, edits=edits, serial=serial, category=feed.section)


# --------------------------------------------------------------------------
# writers


def _rss(feed, entries, part):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
           '<channel>\n'
           f'<title>{_esc(feed.title)}</title>\n<link>https://{feed.domain}/</link>\n'
           f'<atom:link href="https://{feed.domain}/feed/{feed.slug}-p{part:02d}.xml" rel="self" '
           'type="application/rss+xml"/>\n'
           f'<description>Latest stories from {_esc(feed.name)} (synthetic benchmark data).</description>\n'
           f'<language>{feed.lang}</language>\n'
           f'<lastBuildDate>{_format_date(entries[0].when, feed, 1)}</lastBuildDate>\n'
           '<generator>wirefeed make_corpus</generator>\n']
    dc_date = feed.date_style == 'dc_date'
    for e in entries:
        perma = 'true' if e.guid == e.url else 'false'
        date = _format_date(e.when, feed, e.serial)
        out.append('<item>\n'
                   f'<title>{_esc(e.title)}</title>\n<link>{_esc(e.link)}</link>\n'
                   f'<guid isPermaLink="{perma}">{_esc(e.guid)}</guid>\n'
                   + (f'<dc:date>{date}</dc:date>\n' if dc_date else f'<pubDate>{date}</pubDate>\n')
                   + (f'<dc:creator>{_esc(e.author)}</dc:creator>\n' if e.author else '')
                   + f'<category>{e.category}</category>\n'
                   f'<description>{_esc(e.summary)}</description>\n'
                   + (f'<content:encoded><![CDATA[{e.html}]]></content:encoded>\n' if e.html else '')
                   + '</item>\n')
    out.append('</channel>\n</rss>\n')
    return ''.join(out)


def _atom(feed, entries, part):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n'
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{feed.lang}">\n'
           f'<title>{_esc(feed.title)}</title>\n'
           f'<id>tag:{feed.domain},2026:feed:{feed.slug}</id>\n'
           f'<link rel="alternate" href="https://{feed.domain}/"/>\n'
           f'<link rel="self" href="https://{feed.domain}/feed/{feed.slug}-p{part:02d}.atom"/>\n'
           f'<updated>{_format_date(entries[0].when, feed, 1)}</updated>\n']
    for e in entries:
        date = _format_date(e.when, feed, e.serial)
        out.append('<entry>\n'
                   f'<title type="text">{_esc(e.title)}</title>\n'
                   f'<id>{_esc(e.guid)}</id>\n'
                   f'<link rel="alternate" type="text/html" href="{_esc_attr(e.link)}"/>\n'
                   f'<published>{date}</published>\n<updated>{date}</updated>\n'
                   + (f'<author><name>{_esc(e.author)}</name></author>\n' if e.author else '')
                   + f'<category term="{e.category}"/>\n'
                   f'<summary type="html">{_esc(e.summary)}</summary>\n'
                   + (f'<content type="html">{_esc(e.html)}</content>\n' if e.html else '')
                   + '</entry>\n')
    out.append('</feed>\n')
    return ''.join(out)


def _jsonfeed(feed, entries, part):
    from html import unescape
    items = []
    for e in entries:
        it = {'id': e.guid, 'url': e.link, 'title': e.title,
              'date_published': _format_date(e.when, feed, e.serial)}
        if e.html:
            it['content_html'] = e.html
            it['summary'] = unescape(e.summary)
        else:
            it['content_text'] = unescape(e.summary)
        if e.author:
            it['authors'] = [{'name': e.author}]
        it['tags'] = [e.category]
        items.append(it)
    doc = {'version': 'https://jsonfeed.org/version/1.1', 'title': feed.title,
           'home_page_url': f'https://{feed.domain}/',
           'feed_url': f'https://{feed.domain}/feed/{feed.slug}-p{part:02d}.json',
           'language': feed.lang, 'items': items}
    return json.dumps(doc, ensure_ascii=False, indent=1) + '\n'


WRITERS = {'rss': (_rss, 'xml'), 'atom': (_atom, 'atom'), 'json': (_jsonfeed, 'json')}


# --------------------------------------------------------------------------
# the corpus


T0 = dt.datetime(2026, 3, 2, 0, 0, 0)  # naive UTC


def _copies_count(rnd):
    r = rnd.random()
    if r < 0.28:
        return 0
    if r < 0.52:
        return 1
    if r < 0.69:
        return 2
    if r < 0.81:
        return 3
    if r < 0.90:
        return 4
    return rnd.randint(5, 8)


def generate(out_dir, articles=20000, seed=7, feeds=40):
    """Write the corpus into out_dir; returns the manifest (also corpus.json)."""
    t_start = time.perf_counter()
    articles = int(articles)
    rnd = random.Random(seed)
    rng = np.random.default_rng(seed)
    lex = Lexicon(random.Random(seed * 7919 + 1))
    feed_list = _make_feeds(rnd, feeds)
    agency_feeds = [f for f in feed_list if f.agency]
    outlets = [f for f in feed_list if not f.agency]
    weights = [o.profile['weight'] for o in outlets]
    brief_outlets = [o for o in outlets if o.profile['briefs']] or outlets
    span_days = max(3.0, articles / 1000.0)
    span_s = span_days * 86400.0
    by_agency = {}
    for f in agency_feeds:
        by_agency.setdefault(f.agency, []).append(f)
    agencies = list(by_agency)
    count = 0
    serial = 0
    n_story = 0
    cities = list(CITIES)
    while count < articles:
        n_story += 1
        sid = f's{n_story:06d}'
        when = T0 + dt.timedelta(seconds=int(rnd.random() * span_s))
        r = rnd.random()
        if r < 0.56:
            kind = 'wire'
        elif r < 0.64:
            kind = 'market'
        elif r < 0.80:
            kind = 'own'
        else:
            kind = 'brief'
        if kind in ('wire', 'market'):
            agency = rnd.choice(agencies)
            if kind == 'market':
                story = _market_story(rnd, lex, sid, agency, when)
            else:
                city = rnd.choice([c for c in cities if agency in CITIES[c]] or cities)
                persons = [_person(rnd, lex) for _ in range(3)]
                orgs = [rnd.choice(lex.orgs) for _ in range(2)]
                topic = lex.content_index(rng, 6)
                tw = [lex.words[i] for i in topic]
                n_words = int(min(1100, max(280, rng.normal(600, 170))))
                paras = _sentences(rnd, rng, lex, n_words, persons, orgs, topic, city.title(),
                                   WEEKDAYS[when.weekday()])
                title = _headline(rnd, lex, persons, orgs, tw, city.title())
                story = Story(sid=sid, kind='wire', agency=agency, city=city, when=when,
                              title=title, paras=paras, credit=_agency_credit(rnd, lex, agency),
                              byline=None, persons=persons, orgs=orgs, topic=topic)
            fs = by_agency[agency]
            feed = fs[-1] if (kind == 'market' and len(fs) > 1) else rnd.choice(fs)
            serial += 1
            feed.entries.append(_original_entry(story, feed, serial, rnd, lex))
            count += 1
            # the agency re-issues a few stories with an added paragraph
            if kind == 'wire' and rnd.random() < 0.05 and count < articles:
                upd = Story(**{k: getattr(story, k) for k in Story.__slots__})
                upd.title = f'UPDATE 1-{story.title}'
                extra = _sentences(rnd, rng, lex, rnd.randint(40, 90), story.persons,
                                   story.orgs, story.topic, city.title())
                upd.paras = story.paras[:2] + extra + story.paras[2:]
                upd.when = when + dt.timedelta(minutes=rnd.randint(20, 240))
                serial += 1
                e = _original_entry(upd, feed, serial, rnd, lex, role='copy',
                                    edits=['agency_update'])
                feed.entries.append(e)
                count += 1
            k = _copies_count(rnd) if kind == 'wire' else rnd.choice((0, 0, 1, 1, 2))
            k = min(k, len(outlets), articles - count)
            chosen = []
            while len(chosen) < k:
                o = rnd.choices(outlets, weights)[0]
                if o not in chosen:
                    chosen.append(o)
            for o in chosen:
                serial += 1
                delay = min(48 * 3600, int(rnd.expovariate(1 / (3 * 3600))) + 60)
                o.entries.append(_outlet_entry(story, o, serial, rnd, lex,
                                               when + dt.timedelta(seconds=delay), 'copy'))
                count += 1
        else:
            outlet = rnd.choice(brief_outlets) if kind == 'brief' else rnd.choices(outlets, weights)[0]
            persons = [_person(rnd, lex) for _ in range(2)]
            orgs = [rnd.choice(lex.orgs)]
            topic = lex.content_index(rng, 5)
            tw = [lex.words[i] for i in topic]
            city = rnd.choice(cities)
            n_words = rnd.randint(30, 80) if kind == 'brief' else \
                int(min(1000, max(250, rng.normal(520, 150))))
            paras = _sentences(rnd, rng, lex, n_words, persons, orgs, topic, city.title(),
                               WEEKDAYS[when.weekday()])
            title = _headline(rnd, lex, persons, orgs, tw, city.title())
            story = Story(sid=sid, kind=kind, agency=None, city=city, when=when, title=title,
                          paras=paras, credit=None,
                          byline=rnd.choice(['Staff Reporter', f'By {_person(rnd, lex)}',
                                             _person(rnd, lex), None]),
                          persons=persons, orgs=orgs, topic=topic)
            serial += 1
            outlet.entries.append(_outlet_entry(story, outlet, serial, rnd, lex, when, 'own'))
            count += 1

    feeds_dir = os.path.join(out_dir, 'feeds')
    os.makedirs(feeds_dir, exist_ok=True)
    for name in os.listdir(feeds_dir):  # a re-run replaces the corpus
        os.remove(os.path.join(feeds_dir, name))
    truth = []
    files = 0
    n_bytes = 0
    stats = {'entries': 0, 'stories': 0, 'copies': 0, 'by_kind': {}, 'by_format': {},
             'edits': {}}
    stories = set()
    for feed in feed_list:
        if not feed.entries:
            continue
        entries = sorted(feed.entries, key=lambda e: (e.when, e.serial), reverse=True)
        n_parts = max(1, -(-len(entries) // 400))
        size = -(-len(entries) // n_parts)
        writer, ext = WRITERS[feed.fmt]
        for p in range(n_parts):
            chunk = entries[p * size:(p + 1) * size]
            if not chunk:
                continue
            fname = f'{feed.slug}-p{p + 1:02d}.{ext}'
            data = writer(feed, chunk, p + 1).encode('utf-8')
            with open(os.path.join(feeds_dir, fname), 'wb') as fh:
                fh.write(data)
            files += 1
            n_bytes += len(data)
            stats['by_format'][feed.fmt] = stats['by_format'].get(feed.fmt, 0) + len(chunk)
            for e in chunk:
                truth.append(json.dumps({'guid': e.guid, 'story': e.sid, 'kind': e.kind,
                                         'role': e.role, 'feed': feed.slug, 'file': fname,
                                         'edits': e.edits}, ensure_ascii=False))
                stats['entries'] += 1
                stats['copies'] += e.role == 'copy'
                stats['by_kind'][e.kind] = stats['by_kind'].get(e.kind, 0) + 1
                for ed in e.edits:
                    stats['edits'][ed] = stats['edits'].get(ed, 0) + 1
                stories.add(e.sid)
    with open(os.path.join(out_dir, 'truth.jsonl'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(truth) + '\n')
    stats['stories'] = len(stories)
    stats['by_kind'] = dict(sorted(stats['by_kind'].items()))
    stats['by_format'] = dict(sorted(stats['by_format'].items()))
    stats['edits'] = dict(sorted(stats['edits'].items()))
    manifest = {'generator_version': GENERATOR_VERSION, 'articles': articles, 'seed': seed,
                'feeds': len([f for f in feed_list if f.entries]), 'files': files,
                'bytes': n_bytes, 'copy_fraction': round(stats['copies'] / max(1, stats['entries']), 4),
                **stats}
    with open(os.path.join(out_dir, 'corpus.json'), 'w', encoding='utf-8') as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write('\n')
    manifest['seconds'] = round(time.perf_counter() - t_start, 2)
    return manifest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('out_dir')
    ap.add_argument('--articles', type=int, default=20000)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--feeds', type=int, default=40, help='feed channels (agencies ~20%%, '
                    'the rest outlets); each is split into files of <= 400 entries')
    a = ap.parse_args(argv)
    m = generate(a.out_dir, a.articles, a.seed, a.feeds)
    print(f'{m["entries"]} entries ({m["copy_fraction"]:.0%} copies) in {m["stories"]} stories, '
          f'{m["feeds"]} feeds, {m["files"]} files, {m["bytes"] / 1e6:.1f} MB, '
          f'{m["seconds"]:.1f} s -> {a.out_dir}')
    print('  kinds:', m['by_kind'], ' formats:', m['by_format'])
    return 0


if __name__ == '__main__':
    sys.exit(main())
