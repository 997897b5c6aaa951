"""Turn one parsed feed entry into an article row (pure; no Beam).

The row is a dict keyed by the columns of ``pipeline.schemas.ARTICLES``
minus those the later stages fill (story_id, is_canonical, duplicate_of,
similarity, ingested_at, run_id), plus ``instance_key`` which names the
entry instance (feed#position) for the dedup and write stages, and
``shared_ids``: which of guid and url the feed gives to other entries too,
so that they identify no article (dedup.identity).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from typing import Optional, Tuple

from ..model import FeedInfo, RawEntry
from . import geo
from .agencies import Registry, find_citations, load_registry
from .dates import parse_feed_date
from .datelines import expands_acronym, parse_head
from .text import collapse, collapse_joined, html_to_text, one_line, strip_markup
from .urls import canonical_url, guid_identity

UTC = dt.timezone.utc


class EntryRejected(ValueError):
    """The entry cannot become an article; ``reason`` is quarantine vocabulary."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f'{reason}: {detail}')
        self.reason = reason
        self.detail = detail


@dataclasses.dataclass(frozen=True)
class NormalizeSettings:
    """Run-wide normalization settings (per-feed ones travel in FeedInfo).

    ``agencies_path``: a user agency registry (YAML, same shape as the
    bundled ``configs/agencies.yaml``); None uses the bundled one.
    ``zones``: zone-abbreviation overrides as (name, minutes east of UTC)
    pairs, e.g. (('IST', 120),) for Israeli feeds.
    ``find_cited``: look for agencies cited in the text ("AFP reported").
    """
    agencies_path: Optional[str] = None  # None: the bundled registry
    zones: Tuple[Tuple[str, int], ...] = ()
    find_cited: bool = True


__all__ = ['EntryRejected', 'NormalizeSettings', 'normalize_article',
           'article_id_for', 'html_to_text', 'canonical_url', 'load_reference_data']

def load_reference_data(settings: NormalizeSettings) -> None:
    """Read now what normalize_article reads at its first article: the
    agency registry and the gazetteer's index (~0.55 s). A worker process
    forked before the pipeline is built does this while it waits for its
    work (see pipeline.forked_workers)."""
    load_registry(settings.agencies_path)
    geo.load()


_WORDS = re.compile(r'\w+')
_PUB_NOISE = re.compile(
    r'\s*(?:[-–—|:»]\s*)?(?:(?:latest|top|breaking|all)\s+)?'
    r'(?:news|stories|headlines|articles|posts)?\s*'
    r'(?:rss(?:\s*(?:2\.0|feed|channel))?|atom(?:\s*feed)?|feed|home(?:\s*page)?)\s*$',
    re.I)
# "Latest News" style words after (or, in "Últimas noticias | EL PAÍS",
# before) a separator: the feed's, not the outlet's name ("Example Times -
# Latest News", "Reuters: Top News", "World News - Breaking News, Top
# Stories", "20MINUTOS.ES - Lo último", "Jornal de Notícias - Últimas
# Notícias"); _PUB_NOISE's endings all have "RSS", "feed" or "home".
_PUB_LATEST = (r'(?:(?:latest|top|breaking|all|recent|[uú]ltimas|ultime|derni[eè]res|'
               r'aktuelle)\s+(?:news|stories|headlines|articles|posts|updates|noticias|'
               r'not[ií]cias|notizie|nouvelles|nachrichten)|lo\s+[uú]ltimo|'
               r'\u6700\u65b0\u30cb\u30e5\u30fc\u30b9|\u6700\u65b0\u65b0\u95fb|'
               r'\u6700\u65b0\u6d88\u606f|\ucd5c\uc2e0\s*\ub274\uc2a4|'
               r'\uc8fc\uc694\s*\ub274\uc2a4)')
# A section's name as a feed's last part: "BBC News - World", "The
# Guardian | World news", "Example Times > Business": the outlet is the
# name before it.
_PUB_SECTION = (r'(?:world|uk|us|u\.s\.|business|technology|tech|science|health|'
                r'politics|sports?|entertainment|opinion|europe|asia|africa|americas|'
                r'middle\s+east|economy|markets|culture|arts|lifestyle|travel)'
                r'(?:\s+news)?')
# (what may follow it: "Latest News & Headlines", "Health & Science")
_PUB_MORE = r'(?:' + _PUB_LATEST + r'|' + _PUB_SECTION + r'|news|stories|headlines|updates)'
_PUB_SEPARATOR = r'\s*[-\u2013\u2014|:\u00bb>]\s*'
_PUB_SUFFIX = re.compile(
    _PUB_SEPARATOR + r'(?:' + _PUB_LATEST + r'|' + _PUB_SECTION + r')' +
    r'(?:\s*(?:,|&|\band\b)\s*' + _PUB_MORE + r')*\s*$', re.I)
_PUB_PREFIX = re.compile(r'^\s*' + _PUB_LATEST + _PUB_SEPARATOR, re.I)
_TITLE_CREDIT = re.compile(
    r'(?:\(\s*([^()]{1,40}?)\s*\)|\s(?:-{1,2}|[–—|])\s*([A-Za-z][\w .&/-]{1,40}?))'
    # (a site's "+": "... - Kyodo News+")
    r'\+?\s*$')
# a site's name for the agency: "Reuters.com", "Bloomberg.com"
_SITE_SUFFIX = re.compile(r'\.(?:com|net|org|co\.uk|com\.au|cn)$', re.I)
# The writer's name, then the agency, on the story's last line ("Jane Doe,
# AFP", "- John Smith, Reuters"); not an Indian state's code ("AP":
# Andhra Pradesh, see geo.INDIAN_STATE_CODES)
_WRITER_CREDIT = re.compile(
    r'(?:^|\n)[ \t]*(?:[-\u2013\u2014][ \t]*)?(?:(?:Author|By)[ \t]*:?[ \t]+)?'
    r'[A-Z][a-z][\w.\'\u2019-]*'
    r'(?:[ \t]+[A-Z][\w.\'\u2019-]*){1,3},[ \t]*([A-Za-z][\w .&-]{1,30}?)[ \t]*\.?[ \t]*$')
# The same credits in other languages: "Fuente: EFE", "(Con información
# de EFE)", "(con informazioni di ANSA)", "Com informações da Agência
# Brasil", "Avec AFP", "Quelle: dpa", "Mit Material von dpa", "(mit dpa)",
# "Źródło: PAP", "Bron: ANP"
_SOURCE_ABROAD = (
    r'(?:Fuente|Fonte|Quelle|Bron|\u0179r\u00f3d\u0142o|Kilde|K\u00e4lla|L\u00e4hde|Kaynak)\s*:|'
    r'Con\s+informaci[o\u00f3]n\s+de(?:\s+la)?|Con\s+informazioni\s+d[ai]|'
    r'Com\s+informa[c\u00e7][o\u00f5]es\s+d[aoe]s?|Avec(?:\s+l[\'\u2019])?|'
    r'Mit(?:\s+Material\s+(?:von|der))?')

_TAIL_CREDITS = [
    # ("==Kyodo": Kyodo's English service signs off so)
    re.compile(r'(?:^|\s)(?:-{1,2}|–|—|―|==)\s*([A-Za-z][\w .&/,\'-]{1,60}?)\s*\.?\s*$'),
    re.compile(r'\(\s*(?:(?:with\s+)?(?:inputs?|reporting|additional\s+reporting|'
               r'source|sources|agencies)\s*(?:from|by|:)|' + _SOURCE_ABROAD + r')'
               r'\s*([^()]{1,60}?)\s*\)\s*\.?\s*$', re.I),
    # ("\u2014 With inputs from PTI", "Additional reporting by Reuters",
    # Arab outlets' "With AFP" / "With Reuters, AFP" on a line of its own)
    # ("-- With AFP"; CP's "\u2014 With files from The Canadian Press")
    re.compile(r'(?:^|\n|\.\s)\s*(?:(?:-{1,2}|[\u2013\u2014])\s*)?(?:With\s+inputs?\s+from|'
               r'Inputs?\s+from|(?:Additional\s+)?reporting\s+by|With\s+files\s+from|With|'
               r'Source|Sources|Credit|Copyright|\u00a9|' + _SOURCE_ABROAD +
               r')\s*:?\s*(?:\u00a9\s*)?'
               r'(?:\d{4}\s+)?([A-Za-z][\w .&/,\'-]{1,60}?)\s*\.?\s*$', re.I),
    re.compile(r'(?:^|[\s.])\(\s*([A-Za-z][\w ./&,-]{1,40}?)\s*\)\s*\.?\s*$'),
    re.compile(r'(?:^|\s)/\s*([A-Za-z][\w .&-]{1,30}?)\s*/?\s*$'),
    re.compile(r'(?:^|\n)\s*([A-Za-z][\w .&/-]{1,30}?)\s*$'),
    # "(With PTI inputs)"
    re.compile(r'\([Ww]ith\s+([^()]{1,40}?)\s+inputs?\s*\)\s*\.?\s*$'),
    # WAM's sign-off: the agency, then its writer's and editor's names
    # ("WAM/Rasha Abdel/Mohamed Ali"); WAM's only: "AFP/Getty Images" and
    # "AP/NORC" credit a photo or a poll
    re.compile(r'(?:^|\n)[ \t]*(WAM)(?:[ \t]*/[ \t]*[A-Z][a-z][\w.\'-]*'
               r'(?:[ \t]+[A-Z][a-z][\w.\'-]*){0,3}){1,3}[ \t]*$'),
    _WRITER_CREDIT,
]


# Where each of _TAIL_CREDITS can start a match in the window (the text
# searched, ``w``), found with str methods: the first position at which it
# can, or -1 where it cannot match at all. The patterns end at the end of
# the text and have no literal start, so re tries them at every position
# from where it is told to start: ~2.5 us a pattern over the whole window,
# ~16 us a story when every one was tried there, which most stories' last
# lines made happen. ``at_start``: the window starts the text (so "^" can
# match at its start).
def _tail_starts(w: str, at_start: bool) -> Tuple[int, ...]:
    """The start for each of _TAIL_CREDITS, in its order."""
    rs = w.rstrip()
    # (1, 3, 6) ")" then at most whitespace and full stops, "\)\s*\.?\s*$",
    # and no other bracket inside: from the last "(" or the character
    # before it
    paren = -1
    if rs.rstrip('.').rstrip().endswith(')'):
        k = w.rfind('(')
        paren = -1 if k < 0 else max(0, k - 1)
    # (7, 8) at the newline before the last line (one ending newline left
    # off, as "$" allows), or at 0 where the window starts the text
    k = w.rfind('\n', 0, len(w) - 1 if w.endswith('\n') else len(w))
    line = k if k >= 0 else 0 if at_start else -1
    # (5) a last line of 1 to 31 characters, whitespace aside (the
    # 31-character name), from where the text before that line ends
    k = rs.rfind('\n')
    short = len(rs[:k + 1].rstrip()) \
        if 0 < len(rs[k + 1:].strip()) <= 31 and (k >= 0 or at_start) else -1
    return (_after_space_dash(w, at_start), paren, _credit_word(w), paren,
            0 if '/' in w else -1, short, paren,
            line if 'WAM' in w else -1,
            line if line >= 0 and ',' in w[line:] else -1)


def _after_space_dash(w: str, at_start: bool) -> int:
    """(0) A dash after whitespace or at the start,
    "(?:^|\s)(?:-{1,2}|–|—|―|==)": from the whitespace before it."""
    first = -1
    for dash in ('-', '\u2013', '\u2014', '\u2015', '=='):
        k = w.find(dash)
        while k >= 0 and not (w[k - 1].isspace() if k else at_start):
            k = w.find(dash, k + 1)
        if k >= 0 and (first < 0 or k < first):
            first = k
    return -1 if first < 0 else max(0, first - 1)


# The phrases of _TAIL_CREDITS[2] in lower case (matched ignoring case);
# re's case-insensitive "i" and "s" also match the dotless and dotted I and
# the long s: a window with one of them is searched whatever it holds.
_CREDIT_WORDS = ('with', 'input', 'reporting', 'source', 'credit', 'copyright',
                 '\u00a9')
# The words of _SOURCE_ABROAD, looked for only with what comes with them
# (each search costs; most windows hold none): a colon ("Fuente: EFE"),
# else "nforma" ("Con información de EFE") or a line's "Avec" or "Mit"
# (in parentheses they are _TAIL_CREDITS[1]'s, found from the bracket)
_CREDIT_WORDS_ABROAD = ('fuente', 'fonte', 'quelle', 'bron', '\u017ar\u00f3d\u0142o', 'kilde',
                        'k\u00e4lla', 'l\u00e4hde', 'kaynak')
_CASE_ODD = ('\u0130', '\u0131', '\u017f')


def _credit_word(w: str) -> int:
    """(2) One of the phrases, anywhere: from the window's start."""
    low = w.lower()
    return 0 if any(map(low.__contains__, _CREDIT_WORDS)) or (
        'nforma' in low or '\navec' in low or '\nmit ' in low) or (
        ':' in w and any(map(low.__contains__, _CREDIT_WORDS_ABROAD))) or (
        not w.isascii() and any(map(w.__contains__, _CASE_ODD))) else -1


# No _TAIL_CREDITS match is longer than about 100 characters of collapsed
# text, so they are searched for in the last _TAIL_SPAN only.
_TAIL_SPAN = 128
# "Copyright 2025 The Associated Press. All rights reserved. This material
# may not be published..." (the rights boilerplate may follow the credit)
# ("\u00a9 AFP 2025", "\u00a9 Copyright 2025 The Associated Press" too)
_COPYRIGHT = re.compile(
    r'(?:(?:(?:\u00a9|\([cC]\))\s*)?(?:Copyright|COPYRIGHT)(?:\s*(?:\u00a9|\([cC]\)))?|'
    r'\u00a9|\([cC]\))\s*'
    r'(?:\d{4}(?:\s*-\s*\d{4})?\s*,?\s*)?(?:[Bb]y\s+)?'
    r'([A-Za-z][\w .&\'-]{1,60}?)\s*(?:,?\s*\d{4})?\s*\.?\s*'
    r'(?:All\s+[Rr]ights\s+[Rr]eserved\b[^\n]{0,200})?$')
# A contributor or first-publication line: "The Associated Press
# contributed to this report.", "Associated Press writer Jane Doe in Tokyo
# contributed.", "This report by The Canadian Press was first published
# March 17, 2025."
_CONTRIBUTED = re.compile(
    r'(?:^|(?<=\n)|(?<=[.!?"\u201d]\s))\s*(?:(?:The\s+)?([A-Z][\w.&\'-]*(?:(?:\s+|'
    # ("The Associated Press and Reuters contributed", "AFP, Reuters")
    r',\s*|\s+and\s+(?:[Tt]he\s+)?)[A-Z][\w.&\'-]*){0,5}?)'
    r'(?:\s+(?:staff\s+)?writers?\s[^\n]{1,120}?)?\s+contributed'
    r'(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)|'
    r'\s+reporting(?:\s+to\s+(?:this|the)\s+(?:report|story|article))?)?|'
    r'This\s+(?:report|article|story)\s+by\s+(?:The\s+)?([A-Z][\w.&\' -]{1,40}?)'
    r'\s+was\s+first\s+published\b[^\n]{0,40}?|'
    # "Information from The Associated Press was used in this report."
    r'(?:Information|Material)\s+from\s+(?:the\s+|The\s+)?'
    r'([A-Z][\w.&\' -]{1,40}?)\s+(?:was|is|has\s+been)\s+(?:used|included)\s+'
    r'in\s+(?:this|the)\s+(?:report|story|article))\s*\.?\s*$')
_PART_SPLIT = re.compile(r'\s*(?:/|,|&|\band\b)\s*')
# Reuters' sign-off as a plain last line, and the footer its site puts
# after it ("Our Standards: The Thomson Reuters Trust Principles.")
_SIGNOFF_LINE = re.compile(
    r'(?:^|\n)[ \t]*((?:Additional\s+)?(?:Reporting|Writing)\s+by\s[^\n()]{3,300}?'
    r';\s*Editing\s+by\s[^\n()]{3,120}?)\.?[ \t]*$')
_STANDARDS = re.compile(
    r'(?:^|\n)[ \t]*Our\s+Standards:\s*The\s+([A-Z][\w ]{1,40}?)\s+Trust\s+'
    r'Principles\b[^\n]{0,40}$')
_REUTERS_SIGNOFF = re.compile(
    r'\(\s*(?:Additional\s+)?(?:Reporting|Writing)\s+by\s[^()]{3,300}?\)\s*$')


def article_id_for(guid, url, text, publisher=None, published=None) -> str:
    """Stable article id: hash of the guid, else the canonical URL, else the
    normalized text within its publisher at its publication time (None
    when the time is only the fetch's): the inputs of dedup's text key
    (dedup.identity), so that entries the id calls one article are the
    ones dedup counts as the same article seen again, and two outlets'
    (or two days') entries of one short text are two articles."""
    if guid and guid.strip():
        key = 'g:' + guid.strip()
    elif url:
        key = 'u:' + url
    else:
        key = 't:' + ' '.join(_WORDS.findall((text or '').lower()))
        if publisher or published is not None:
            key += f'\x1f{(publisher or "").strip().lower()}\x1f' + (
                '' if published is None else published.isoformat())
    return hashlib.blake2b(key.encode('utf-8'), digest_size=12).hexdigest()


# authors repeat from story to story
_author_line = functools.lru_cache(maxsize=4096)(one_line)

# RSS 2.0's author is an e-mail address, with the name in brackets after
# it ("desk@news.example (Jane Doe)") or before it (Blogger's "Jane Doe
# (noreply@blogger.com)"): the byline is the name; an address alone names
# no one.
_EMAIL = r'(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+'
_AUTHOR_EMAIL = re.compile(
    rf'{_EMAIL}\s*\(\s*([^()]*?)\s*\)|([^()]*?)\s*\(\s*{_EMAIL}\s*\)|{_EMAIL}')


@functools.lru_cache(maxsize=4096)
def _byline(author: str) -> Optional[str]:
    """The byline column from the entry's author field."""
    a = _author_line(author)
    if '@' in a and len(a) <= _MAX_BYLINE:
        m = _AUTHOR_EMAIL.fullmatch(a)
        if m:
            return m.group(1) or m.group(2) or None
    return a


@functools.lru_cache(maxsize=4096)
def normalize_publisher(name: Optional[str]) -> Optional[str]:
    """Outlet name from a feed title: whitespace collapsed, 'RSS feed' /
    'Latest News' style suffixes removed."""
    if not name:
        return None
    s = one_line(name)
    for _ in range(3):
        t = _PUB_PREFIX.sub('', _PUB_SUFFIX.sub('', _PUB_NOISE.sub('', s))).strip(' -|:–—>')
        if not t or t == s:
            break
        s = t
    return s or None


def _title_credit(title: str, registry: Registry):
    # a credit suffix is "(...)" at the end or a dash/bar near the end
    t = title[-60:]
    if not (t.rstrip().endswith(')') or '-' in t or '|' in t or
            '\u2013' in t or '\u2014' in t):
        return []
    m = _TITLE_CREDIT.search(title)
    if not m:
        return []
    inner = m.group(1) or m.group(2)
    codes = registry.lookup_credit(inner)
    if not codes and m.group(2) and '.' in inner:
        codes = registry.lookup_credit(_SITE_SUFFIX.sub('', inner))
    if not codes:
        return []
    if m.group(1) and len(inner) <= 6 and expands_acronym(title[:m.start()], inner):
        return []
    return [(c, 'title', m.group(0).strip()) for c in codes]


# What may follow a closing credit and credits nothing: an aggregator's
# syndication notice ("(This story has not been edited by ... staff and is
# auto-generated from a syndicated feed.)"), or editors' initials on a line
# of their own ("--IANS\nabc/xyz", AFP's "bur-jj/dl").
_NOTICE = (r'[ \t]*\(?[^()\n]{0,250}?\b(?:syndicated|agency)'
           r'\s+(?:news\s+)?feeds?\b[^()\n]{0,120}?\)?[ \t]*\.?\s*$')
_SYNDICATED = re.compile(r'(?:^|\n|(?<=[.!?)]\s))' + _NOTICE, re.I)
# (PAP writes them "jk/ mok/", after its author's line, "autor: Jan Kowalski")
_INITIALS = re.compile(
    r'(?:\n[ \t]*(?:autor|autorka|oprac\.)[ \t]*:[^\n]{2,80}\s*)?'
    r'\n[ \t]*[a-z]{2,5}(?:-[a-z]{2,5})?(?:[ \t]*/[ \t]*[a-z]{2,5}){1,3}[ \t]*/?[ \t]*\.?\s*$')
# PTI's sign-off: the agency, then its reporters' and editors' codes
# ("... said. PTI ABC DEF RT")
_PTI_CODES = re.compile(
    r'(?:^|(?<=[.!?"\u201d)])\s+|\n)[ \t]*(?:-{1,2}|\u2014)?[ \t]*(PTI|UNI)'
    r'(?:[ \t]+[A-Z]{2,4}){1,5}[ \t]*$')


# Xinhua's English service ends every story with "Enditem": its copy,
# wherever it is carried, and no part of the story.
_ENDITEM = re.compile(r'(?:^|(?<=\s)|(?<=[.!?"\u201d)]))(?:Enditem|ENDITEM)\.?\s*$')


# A feed's link to the rest of the story, as the last line of a description
# ("Continue reading...", El País's "Seguir leyendo", "Lire la suite »"),
# or WordPress's "The post <title> appeared first on <site>.": no part of
# the story. Looked for only where the last line starts with a word of one
# of these phrases (the pattern ends the text and starts a line; a phrase
# broken over lines leaves one of its words, "the" and "la" aside, at the
# last line's start), or "appeared first on" is in the last 160
# characters.
_READ_MORE_LINE = re.compile(
    r'[ \t]*(?:(?:continue|keep)\s+reading|read\s+(?:more|the\s+full\s+'
    r'(?:story|article|post))|full\s+story|seguir\s+leyendo|sigue\s+leyendo|'
    r'leer\s+m[aá]s|lire\s+la\s+suite|weiterlesen|mehr\s+lesen|leggi\s+tutto|'
    r'continuar\s+lendo|continue\s+lendo|leia\s+mais|lees\s+verder|'
    r'читать\s+далее|подробнее)[ \t]*(?:\.{1,3}|…|»|›|→|>>?|\[(?:\.{3}|…)\])?'
    r'[ \t]*$|[ \t]*The\s+post\s[^\n]{1,300}?\sappeared\s+first\s+on\s'
    r'[^\n]{1,120}?\.?[ \t]*$', re.I)
_READ_MORE_WORDS = frozenset((
    'continue', 'keep', 'reading', 'read', 'more', 'full', 'story',
    'article', 'post', 'seguir', 'sigue', 'leyendo', 'leer', 'más', 'mas',
    'lire', 'suite', 'weiterlesen', 'mehr', 'lesen', 'leggi', 'tutto',
    'continuar', 'lendo', 'leia', 'mais', 'lees', 'verder', 'читать',
    'далее', 'подробнее'))


def _read_more_cut(body: str) -> int:
    """Where a closing link to the rest of the story starts, else
    len(body)."""
    k = body.rfind('\n') + 1
    last = body[k:k + 24].split(None, 1)
    if not (last and last[0].lower().rstrip('.…»›→>') in _READ_MORE_WORDS) \
            and 'appeared first on' not in body[-160:]:
        return len(body)
    # the first line of the last 480 characters from which it matches (a
    # search for the pattern with its line start, "(?:^|\n)", tried every
    # position: ~18 us a story whose summary ends "Continue reading...")
    off = max(0, len(body) - 480)
    starts = [0] if off == 0 else []
    nl = body.find('\n', off)
    while nl >= 0:
        starts.append(nl + 1)
        nl = body.find('\n', nl + 1)
    for at in starts:
        if _READ_MORE_LINE.match(body, at):
            return max(0, at - 1)
    return len(body)


# An outlet's own closing matter, sentence by sentence from the end: its
# calls to follow, subscribe or read more ("Follow us on Twitter and
# Facebook for the latest updates.", "Subscribe to our newsletter to get the
# top stories every morning.", "Join our WhatsApp channel ...", "Click here
# to subscribe ..."), its rights notice when the holder is no
# agency ("Copyright 2025 Daily Courier. All rights reserved.",
# "Reproduction without permission is prohibited.") and an aggregator's
# syndication notice: no part of the story, and what hid a credit before
# it ("... plaintiffs. (Reuters) Follow us on ..."). One sentence, the
# last, of at most 250 characters, at a sentence's or a line's start.
_OWN_MATTER = re.compile(
    r'(?:^|\n|(?<=[.!?"\u201d)\]])[ \t]|'
    # (the plainest of them after any space: a cut-short sentence may
    # come before them)
    r'(?<=[ \t])(?=(?:Follow\s+us|Subscribe\s+to\s+our|Read\s+more\s+stories|'
    r'This\s+(?:article|story)\s+is\s+part\s+of\s+our|(?i:all\s+rights\s+reserved))\s))'
    r'[ \t]*(?:'
    r'Follow\s(?:us|@\w+|[A-Z][^\n.!?]{0,60}?)\s+on\s+(?:Facebook|Twitter|X|Instagram|'
    r'YouTube|LinkedIn|Telegram|WhatsApp|Google\s+News|TikTok|Threads)\b|'
    r'(?:Like|Find)\s+us\s+on\s+Facebook\b|'
    r'(?:Subscribe|Sign\s+up)\s+(?:to|for)\s+(?:our|the)\s[^\n.!?]{0,80}?'
    r'\b(?:newsletters?|alerts|channel|podcast|e-paper|updates)\b|'
    r'Join\s+(?:us|our\s[^\n.!?]{0,40}?)\s+on\s+(?:WhatsApp|Telegram|Facebook)\b|'
    r'Join\s+our\s+(?:WhatsApp|Telegram)\s+(?:channel|group|community)\b|'
    r'Click\s+here\s+to\s+(?:subscribe|join|follow|download|sign\s+up|read\s+more)\b|'
    r'Download\s+(?:our|the\s[^\n.!?]{0,40}?)\s*app\b|'
    r'Read\s+more\s+(?:stories|news|articles|updates)\s+like\s+this\b|'
    r'This\s+(?:article|story)\s+is\s+part\s+of\s+our\s|'
    r'(?i:all\s+rights\s+reserved)\b|'
    r'(?:Reproduction|Republication|Redistribution)\s[^\n.!?]{0,60}?'
    r'\b(?:prohibited|forbidden|not\s+permitted)\b|'
    # (a notice is the mark, a year and its holder's name, in capitalized
    # words to the end: "Copyright infringement cases rose.", "Copyright
    # Office officials declined to comment." are a story's sentences)
    r'(?:\u00a9|\([cC]\)|(?:Copyright|COPYRIGHT)(?=\s*(?:\u00a9|\([cC]\)|\d{4}|[A-Z])))'
    r'\s*(?:(?:\u00a9|\([cC]\)|Copyright|COPYRIGHT)\s*)*(?:\d{4}\s*)?'
    r'[A-Z][\w&\'.-]*(?:,?\s+(?:[A-Z][\w&\'.-]*|&|and|of|the|de|du)){0,8}'
    r'\s*(?:,?\s*\d{4})?\s*\.?\s*$'
    r')[^\n.!?]{0,250}?[.!?]?[ \t]*$')
# The first words of _OWN_MATTER's phrases: re skips every position whose
# character starts none of them (a search for _OWN_MATTER itself, whose
# start is a look-behind, tried each of the last 300 positions: ~10 us a
# story), and _OWN_MATTER is matched only where its own start can be,
# the whitespace before such a word.
_OWN_START = re.compile(
    'Follow|Like|Find|Subscribe|Sign|Join|Click|Download|Read|This|All|ALL|'
    'Reproduction|Republication|Redistribution|Copyright|COPYRIGHT|\u00a9|'
    r'\([cC]\)')
_RIGHTS_MARK = re.compile(r'Copyright|COPYRIGHT|\u00a9|\([cC]\)')
# A sentence that reports what someone said, urged or claimed is the
# story's, whatever its first words ("Follow Smith on Twitter, the
# campaign urged", "The agency feed was down, the spokesman said").
_REPORTED = re.compile(
    r'\b(?:said|says|urged|urges|added|told|chanted|claimed|wrote|noted|'
    r'warned|stated|reported|according\s+to)\b')


def _own_matter_cut(body: str) -> int:
    """Where the outlet's own closing sentence (see _OWN_MATTER) or an
    aggregator's syndication notice starts, else len(body): where
    _OWN_MATTER.search(body, len(body) - 300) would find it."""
    off = max(0, len(body) - 300)
    # each phrase but a rights notice runs to the end with no full stop,
    # "!" or "?" but the last: it starts in the last sentence; a notice
    # (whose holder may hold a full stop) starts at a mark
    t = len(body.rstrip(' \t')) - 1
    start = max(off, 1 + max(body.rfind('.', off, t), body.rfind('!', off, t),
                             body.rfind('?', off, t)))
    window = body[off:start]
    marks = [off + m.start() for m in _RIGHTS_MARK.finditer(window)] if (
        '\u00a9' in window or 'opyright' in window or 'OPYRIGHT' in window
        or '(c)' in window or '(C)' in window) else []
    k = -1
    for p in marks + [w.start() for w in _OWN_START.finditer(body, start)]:
        j = p
        while j > off and body[j - 1] in ' \t':
            j -= 1
        # the pattern's starts: the text's, a newline, the space after a
        # sentence, the word itself after a space
        for at in (j - 1 if j > off and body[j - 1] == '\n' else -1,
                   j if j == 0 or j < p else -1, p if j < p else -1):
            if at >= 0 and _OWN_MATTER.match(body, at):
                k = at
                break
        if k >= 0 and _REPORTED.search(body, k):
            return len(body)
        if k >= 0:
            break
    end = body[-400:]
    if k < 0 and ('yndicated' in end or 'gency feed' in end):
        # the notice's own sentence: the latest sentence or line start
        # from which it matches (a search would take the first, which may
        # be the story's)
        off = max(0, len(body) - 400)
        starts = [off] + [b.end() for b in _SENTENCE_GAP.finditer(body, off)]
        for start in reversed(starts):
            m = _SYNDICATED_AT.match(body, start)
            if m:
                k = -1 if _REPORTED.search(body, start) else m.start()
                break
    return k if k >= 0 else len(body)


# the notice from a start _SENTENCE_GAP found (after a closing quote too)
_SYNDICATED_AT = re.compile(_NOTICE, re.I)
_SENTENCE_GAP = re.compile(r'(?<=[.!?)\]"\u201d])[ \t]+|\n')


def _closing_matter(body: str, registry: Registry):
    """(credits, body without them): the closing credits and the outlet's
    own closing matter, taken from the end in any order ("(Reuters)
    Copyright 1987 Reuters. All rights reserved.", "(Reuters) Subscribe to
    our newsletter ...")."""
    found = []
    for _ in range(8):
        credits, cut = _closing_credit(body, registry)
        if credits or cut < len(body):     # (an end mark alone: "(END)")
            body = body[:cut].rstrip(' \n-\u2013\u2014|/')
            found.extend(credits)
            # another credit (~10 us to look for) stands before a rights
            # notice, or ends in a parenthesis: "(Reuters) Copyright 2025
            # Reuters."
            if credits and (body.endswith(')') or credits[0][2].startswith(
                    _COPYRIGHT_MARKS)):
                continue
        # the outlet's sentences, all of them, before credits are looked
        # for again
        before = len(body)
        for _ in range(8):
            k = _own_matter_cut(body)
            if k >= len(body) or k == 0:
                break
            body = body[:k].rstrip()
        if len(body) == before:
            break
    return found, body


def _closing_credit(body: str, registry: Registry):
    """(credits, cut position) for a closing credit line at the end."""
    if not body:
        return [], len(body)
    if body.endswith(('item', 'ITEM', 'item.', 'ITEM.')):
        m = _ENDITEM.search(body, max(0, len(body) - 12))
        if m:
            before = body[:m.start()].rstrip()
            more, cut = _closing_credit(before, registry)
            return [(c, 'credit', m.group(0).strip())
                    for c in registry.lookup_credit('Xinhua')] + more, \
                (cut if more else len(before))
    if body.endswith('(END)'):
        # Yonhap's end mark (after its reporter's address, which stays):
        # no part of the story, and no credit by itself
        before = body[:-5].rstrip()
        more, cut = _closing_credit(before, registry)
        return more, (cut if more else len(before))
    credits, cut = _closing_credit1(body, registry)
    if credits:
        return credits, cut
    end = body[-400:]
    k = -1
    if 'yndicated' in end or 'gency feed' in end:
        m = _SYNDICATED.search(body, max(0, len(body) - 400))
        k = m.start() if m else -1
    elif '/' in end[-30:]:
        m = _INITIALS.search(body, max(0, len(body) - 140))
        k = m.start() if m else -1
    if k > 0:
        credits, cut = _closing_credit1(body[:k].rstrip(), registry)
        if credits:
            return credits, cut
    if 'PTI' in end[-30:] or 'UNI' in end[-30:]:
        m = _PTI_CODES.search(body, max(0, len(body) - 60))
        if m:
            return [(c, 'credit', m.group(0).strip())
                    for c in registry.lookup_credit(m.group(1))], m.start()
    return [], len(body)


_COPYRIGHT_MARKS = ('\u00a9', 'Copyright', 'COPYRIGHT', '(c)', '(C)')


def _first_copyright_mark(tail: str) -> int:
    """Where the first of the marks a _COPYRIGHT match starts with is, or
    -1: the pattern has no literal start, and re would try it at every
    position before the mark (~13 us over a story's last 320 characters).
    (Substring tests first: most tails have none.)"""
    if not ('\u00a9' in tail or 'opyright' in tail or 'OPYRIGHT' in tail or
            '(c)' in tail or '(C)' in tail):
        return -1
    found = [k for k in map(tail.find, _COPYRIGHT_MARKS) if k >= 0]
    return min(found) if found else -1


def _closing_credit1(body: str, registry: Registry):
    off = max(0, len(body) - 320)
    tail = body[off:]
    first = _first_copyright_mark(tail)
    if first >= 0:
        m = _COPYRIGHT.search(tail, first)
        if m:
            codes = registry.lookup_credit(m.group(1))
            if codes:
                return [(c, 'credit', m.group(0).strip()) for c in codes], \
                    off + m.start()
    # Footer, sign-off and contributor lines are paragraphs of their own,
    # their phrase in the last 64 characters (cheap gates first: substring
    # searches of UCS-2 text cost)
    end = tail[-64:] if tail.rfind('\n', max(0, len(tail) - 200)) >= 0 else ''
    if 'rinciples' in end:
        m = _STANDARDS.search(tail)
        codes = registry.lookup_credit(m.group(1)) if m else None
        if codes:
            # the sign-off may come before the footer
            cut = off + m.start()
            more, cut2 = _closing_credit(body[:cut].rstrip(), registry)
            return [(c, 'credit', m.group(0).strip()) for c in codes] + \
                more, (cut2 if more else cut)
    if 'diting by' in end:
        m = _SIGNOFF_LINE.search(tail)
        if m:
            return [('REUTERS', 'credit', m.group(1))], off + m.start()
    # (a contributor line may also end the last paragraph: "... on Monday.
    # The Associated Press contributed to this report.")
    line_end = tail[-64:]
    if 'ontributed' in line_end or 'irst published' in end or 'sed in th' in line_end:
        m = _CONTRIBUTED.search(tail, len(tail) - 200)
        if m:
            codes = registry.lookup_credit(m.group(1) or m.group(2) or
                                           m.group(3))
            if codes:
                return [(c, 'credit', m.group(0).strip()) for c in codes], \
                    off + m.start()
    last = tail[-90:]
    if not (')' in last or '-' in last or '==' in last or '\u2013' in last or '\u2014' in last
            or '/' in last or '\n' in last or '\u00a9' in last
            or 'ource' in last or 'nput' in last or 'redit' in last
            or 'opyright' in last or 'nforma' in last or len(body) <= 40):
        return [], len(body)
    m = _REUTERS_SIGNOFF.search(tail) if ')' in last else None
    # ("(Writing by ...; editing by ...)": Reuters' desks write either case)
    if m and ('diting by' in m.group(0) or ';' in m.group(0)):
        return [('REUTERS', 'credit', m.group(0).strip())], off + m.start()
    start = max(0, len(tail) - _TAIL_SPAN)
    window = tail[start:]
    for rx, at in zip(_TAIL_CREDITS, _tail_starts(window, start == 0)):
        if at < 0:
            continue
        m = rx.search(tail, start + at)
        if not m:
            continue
        inner = m.group(1).strip()
        if inner.lower() in ('agencies', 'agency', 'wires', 'news agencies'):
            continue
        parts = [p for p in _PART_SPLIT.split(inner) if p]
        parts = [p for p in parts if p.lower() not in ('agencies', 'agency', 'wires')]
        codes = registry.lookup_credit('/'.join(parts)) if parts else []
        if codes and rx is _WRITER_CREDIT and inner in geo.INDIAN_STATE_CODES:
            continue  # "Ramesh Babu, AP": a man of Andhra Pradesh
        if codes:
            if rx is _TAIL_CREDITS[3] and len(inner) <= 6 and \
                    expands_acronym(tail[:m.start()], inner):
                continue
            # (a match may start at the story's last full stop, which stays)
            k = m.start() + (tail[m.start()] == '.')
            return [(c, 'credit', tail[k:m.end()].strip()) for c in codes], \
                off + k
    return [], len(body)


def _resolve_date(month, day, year, ref: dt.date) -> Optional[dt.date]:
    if day and not month and not year:
        # a day alone (Europa Press: "MADRID, 26 (EUROPA PRESS) -"): the
        # latest such day up to two days after the reference (a dateline
        # comes before its publication, give or take a time zone), if it
        # is at most 20 days before it
        for k in (1, 0, -1):
            y, m = divmod(ref.year * 12 + ref.month - 1 + k, 12)
            try:
                cand = dt.date(y, m + 1, day)
            except ValueError:
                continue
            if -20 <= (cand - ref).days <= 2:
                return cand
        return None
    if not month or not day:
        return None
    if year:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    # the year that puts the date nearest the reference; "Feb 29" near a
    # non-leap year's February names no date (not one a year away). Within
    # half a year of the reference, the reference's own year is the one
    # (another year's date is at least 183 days away).
    try:
        cand = dt.date(ref.year, month, day)
        if abs((cand - ref).days) <= 182:
            return cand
    except ValueError:
        pass
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best if best is not None and abs((best - ref).days) <= 200 \
        else None


def _byline_credits(author: Optional[str], registry: Registry):
    if not author:
        return []
    return _byline_credits_cached(author, registry)


# Longer than any byline, with its names, desks and agencies: a feed that
# put something else in the author field. Not read for credits (the
# patterns below would take time quadratic in it).
_MAX_BYLINE = 500


@functools.lru_cache(maxsize=8192)
def _byline_credits_cached(author: str, registry: Registry):
    a = one_line(author)
    if len(a) > _MAX_BYLINE:
        return ()
    a = re.sub(r'^(?:By|BY)\s+', '', a)
    a = re.sub(r'\s*\([^)]*@[^)]*\)|\S+@\S+\s*', '', a).strip()  # e-mails
    codes = registry.lookup_credit(a)
    if not codes:
        # the Guardian's "Reuters in Kyiv", "Agence France-Presse in Paris"
        m = _AUTHOR_IN_PLACE.match(a)
        if m:
            codes = registry.lookup_credit(m.group(1))
    if not codes:
        # "Jane Doe, Reuters" / "Jane Doe | AFP" / "Jane Doe (AFP)" /
        # "Jane Doe with AFP" / "Jane Doe / AFP"
        m = re.search(r'(?:,|\||-|–|—|/|\bfor\b|\bof\b|\bwith\b|\band\b)\s*'
                      r'([^,|/]{2,40})$|\(\s*([^()]{2,40}?)\s*\)$', a)
        if m:
            inner = m.group(1) or m.group(2)
            codes = registry.lookup_credit(inner)
            if not codes:
                # "Jane Doe, AP Business Writer"
                w = _AUTHOR_DESK.search(inner)
                if w and w.start() > 0:
                    codes = registry.lookup_credit(inner[:w.start()])
    if not codes:
        # AP's "JANE DOE AP Economics Writer": the agency's name is the
        # word before the desk
        w = _AUTHOR_DESK.search(a)
        if w and w.start() > 0:
            codes = registry.lookup_credit(a[:w.start()].rsplit(None, 1)[-1])
    return tuple((c, 'byline', author.strip()) for c in codes)


_AUTHOR_IN_PLACE = re.compile(
    r"^(.{2,40}?)\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")
_AUTHOR_DESK = re.compile(
    r'(?:\s+(?:Chief|Senior|Special|Staff|Business|Sports|Political|'
    r'Diplomatic|Science|Medical|Technology|Economics|Entertainment|National|'
    r'Foreign|Legal|Energy|Health|Education|Religion|Investigative|'
    r'Regional|Contributing|White\s+House|Associate))*'
    r'\s+(?:Writer|Correspondent|Reporter|Editor|Columnist)s?$')


# How far a second "now" is from the fetch, to tell a feed date read
# relative to it: any relative phrase's reading moves with it.
_BASE_SHIFT = dt.timedelta(days=3, hours=1, minutes=1)


def _moves_with_fetch(raw: str, published: dt.datetime, fetched,
                      date_args: dict) -> bool:
    """Whether the feed date raw was read relative to the fetch time
    ("2 hours ago", "yesterday 10:00", "Tuesday"): read against another
    "now", it gives another instant. (A second parse: used only for the
    few entries whose id is made from their text.)"""
    base = fetched if isinstance(fetched, dt.datetime) else \
        dt.datetime.now(UTC)
    return parse_feed_date(raw, relative_base=base + _BASE_SHIFT,
                           **date_args) != published


def normalize_article(entry: RawEntry, feed: FeedInfo,
                      settings: NormalizeSettings) -> dict:
    registry = load_registry(settings.agencies_path)
    title = one_line(entry.title)
    summary = None
    if entry.content:
        raw_text = strip_markup(entry.content)
        summary = html_to_text(entry.summary) if entry.summary else ''
        if len(summary) + 200 > len(raw_text) and len(summary) > len(raw_text.strip()):
            # a content shorter than the summary is a photo caption (the
            # NYT's media:description, which parsers take for a second
            # description, hence content) or a teaser: the summary is the
            # story
            summary = None
    if summary is None:   # the summary is the text: stripped once (collapsed below)
        raw_text = strip_markup(entry.summary)
    if not title and (not raw_text or raw_text.isspace()):
        raise EntryRejected('missing fields', 'entry has neither title nor text')
    publisher = normalize_publisher(feed.publisher) or \
        normalize_publisher(feed.title) or feed.feed_url
    lang_tag = (entry.language or feed.language or '').strip().lower()
    lang_tag = lang_tag.replace('_', '-')
    language = lang_tag.split('-')[0][:3] or None

    # ---- dates
    zones = dict(settings.zones) if settings.zones else None
    fetched = feed.fetched_at
    if isinstance(fetched, dt.datetime) and fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=UTC)
    # (the feed's language tag: "02/06" is read month first in en-us)
    date_args = dict(default_tz=feed.timezone,
                     languages=[lang_tag] if language else None, zones=zones)
    published_raw = entry.published_raw or entry.updated_raw
    published = None
    if published_raw:
        published = parse_feed_date(published_raw, relative_base=fetched,
                                    **date_args)
    source = 'feed' if published is not None else None

    # ---- head of the story
    head = parse_head(raw_text, registry, title=title, publisher=publisher)
    rest = raw_text[head.start:]
    body = collapse(rest)
    cut = _read_more_cut(body)
    # (the feed's link to the rest, "The post ... appeared first on ...",
    # is no part of its summary either; a summary made of the text ends as
    # the body does, and needs looking at only where the body had one)
    if summary is None:     # all of the text, the head too
        summary = collapse_joined(raw_text[:head.start], rest, body)
        if cut < len(body):
            summary = summary[:_read_more_cut(summary)].rstrip()
    elif summary:
        summary = summary[:_read_more_cut(summary)].rstrip()
    body = body[:cut].rstrip()
    credits, body = _closing_matter(body, registry)
    ref = (published or fetched or dt.datetime.now(UTC))
    ref_date = ref.astimezone(UTC).date() if isinstance(ref, dt.datetime) else ref
    dateline_date = _resolve_date(head.month, head.day, head.year, ref_date)
    if published is None:
        if dateline_date is not None:
            published = dt.datetime(dateline_date.year, dateline_date.month,
                                    dateline_date.day, tzinfo=UTC)
            source = 'dateline'
        else:
            published = fetched if isinstance(fetched, dt.datetime) else \
                dt.datetime.now(UTC)
            source = 'fetched'
    published = published.astimezone(UTC)

    # ---- agencies: one attribution per (agency, kind), first one wins
    found = [*head.credits, *_byline_credits(entry.author, registry),
             *_title_credit(title, registry), *credits]
    if settings.find_cited and body:
        found.extend((c['agency'], 'cited', c['text'])
                     for c in find_citations(body, registry))
    attributions = []
    seen = set()
    for code, kind, text in found:
        if (code, kind) not in seen:
            seen.add((code, kind))
            attributions.append({'agency': code, 'kind': kind, 'text': text})

    location = head.location
    url = canonical_url(entry.link) or canonical_url(entry.guid) \
        if (entry.link or (entry.guid or '').startswith('http')) else None
    # a guid or link the feed gives to other entries too names no article
    id_guid = None if entry.shared_guid else guid_identity(entry.guid, publisher)
    id_url = None if entry.shared_link else url
    shared_ids = ('guid',) * entry.shared_guid + ('url',) * entry.shared_link
    by_text = not (id_url or (id_guid and id_guid.strip()))
    # the time of an id made from the text: none when it is only the
    # fetch's, or read relative to it ("2 hours ago" moves with every fetch)
    id_time = None if source == 'fetched' or (
        by_text and source == 'feed' and
        _moves_with_fetch(published_raw, published, fetched, date_args)) \
        else published
    return {
        'instance_key': entry.instance_key,
        'article_id': article_id_for(
            id_guid, id_url, title + '\n' + body if by_text else '',
            publisher, id_time),
        'shared_ids': shared_ids,
        'guid': entry.guid,
        'url': url,
        'title': title or None,
        'summary': summary or None,
        'body': body,
        'byline': (_byline(entry.author) if entry.author
                   else head.byline) or None,
        'publisher': publisher,
        'feed_url': feed.feed_url,
        'language': language,
        'published_at': published,
        'published_raw': published_raw,
        'published_at_source': source,
        'dateline_raw': head.dateline_raw,
        'dateline_location': location,
        'dateline_country': geo.country_for(location) if location else None,
        'dateline_date': dateline_date,
        'agencies': sorted({a['agency'] for a in attributions}),
        'attributions': attributions,
    }
