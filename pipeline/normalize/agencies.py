"""Wire-agency registry and credit matching (pure; no Beam).

The registry is read from YAML (bundled ``configs/agencies.yaml`` or a user
file) and cached. Credits are found by position, not by mere mention: a
dateline ``(AFP)``, a ``By Reuters`` byline, an ``AP -`` prefix, a title
suffix ``(AP)``, a closing ``- AFP``; and citations in the text with a citing
phrase (``AFP reported``, ``told Reuters``, ``according to AFP``, and their
French, Spanish, Portuguese, Italian and German equivalents: ``selon
l'AFP``, ``dijo a Reuters``, ``disse à Lusa``, ``ha detto all'ANSA``,
``sagte der dpa``; and Russian: ``сообщает ТАСС``, ``по данным ТАСС``,
looked for only in text with Cyrillic letters). Acronyms
that are also ordinary abbreviations (AP, PTI, CP, AFP...) never count on a
bare mention, and mentions inside quotation marks are ignored.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Dict, FrozenSet, List, Optional, Tuple

from .rx import trie


@dataclasses.dataclass(frozen=True)
class Agency:
    code: str
    name: str
    aliases: Tuple[str, ...]
    ambiguous: FrozenSet[str] = frozenset()
    desks: FrozenSet[str] = frozenset()     # "(dpa/lsw)": lsw is a desk
    credit_only: FrozenSet[str] = frozenset()   # not looked for in text
    company: FrozenSet[str] = frozenset()   # the owner, in running text


def _short(alias: str) -> bool:
    return len(alias) <= 4


def _latin_alnum(c: str) -> bool:
    return c.isalnum() and ord(c) < 256


def _word_end(s: str, k: int) -> int:
    """End of the run of Latin-1 letters and digits starting at k."""
    k += 1
    while k < len(s) and _latin_alnum(s[k]):
        k += 1
    return k


def _latin(s: str) -> bool:
    return all(ord(c) < 256 for c in s)


def _cyrillic(s: str) -> bool:
    return any('\u0400' <= c <= '\u04ff' for c in s)


class Registry:
    """Aliases to canonical codes, with one compiled candidate scanner."""

    def __init__(self, agencies: List[Agency]):
        self.agencies = {a.code: a for a in agencies}
        self.exact: Dict[str, str] = {}     # short aliases, case-sensitive
        self.folded: Dict[str, str] = {}    # long aliases, lower case
        self.ambiguous: set = set()
        # (lower case: the scanner also finds them in capitals)
        self.company: FrozenSet[str] = frozenset(
            c.lower() for a in agencies for c in a.company)
        self._credit_cache: Dict[str, Tuple[str, ...]] = {}
        self.desks: Dict[str, FrozenSet[str]] = {
            a.code: frozenset(d.lower() for d in a.desks)
            for a in agencies if a.desks}
        for a in agencies:
            names = set(a.aliases) | {a.name}
            for alias in names:
                alias = alias.strip()
                if not alias:
                    continue
                if _short(alias):
                    self.exact[alias] = a.code
                else:
                    self.folded[alias.lower()] = a.code
            for amb in a.ambiguous:
                self.ambiguous.add(amb)
        # Every alias form: as written, and long ones in capitals. "The
        # Associated Press" is looked for as "Associated Press" (citations
        # look back for "the").
        forms = set()
        for a in agencies:
            for alias in set(a.aliases) | {a.name}:
                alias = alias.strip()
                if not alias or alias in a.credit_only:
                    continue
                forms.add(alias)
                if not _short(alias):
                    forms.add(alias.upper())
        forms = {f for f in forms
                 if not (f[:4].lower() == 'the ' and f[4:] in forms)}
        # Names in other scripts ("ТАСС") and the registry's credit_only
        # spellings ("sda") credit in credit positions only (lookup_credit):
        # the citing phrases are of Latin-script languages, and scanning
        # every text for their first letters would cost what the rest of
        # the scan does.
        forms = {f for f in forms if all(ord(c) < 0x370 for c in f)}
        # The exact matcher, tried only where a pre-scan finds a candidate.
        self.scanner = re.compile(trie(forms))
        # For a form that fails the word-boundary test, the shorter forms it
        # starts with ("Kyodo" inside "Kyodo Newsroom"), longest first.
        self.shorter: Dict[str, Tuple[str, ...]] = {
            f: tuple(sorted((g for g in forms if g != f and f.startswith(g)),
                            key=len, reverse=True)) for f in forms}
        # The pre-scans run over a byte copy of the text (one byte per
        # character, translated) with a pattern whose first byte is a
        # literal, which re finds at memchr speed, instead of one testing a
        # character class at every position. They match the first word of
        # each alias, or its first two when it has more ("United Press", so
        # that "United Nations" or "New" make no candidate), ending where
        # the text's word ends ("Hina" is no candidate in "Finance").
        #
        # 1. Capitals: every capital an alias can start with becomes the
        #    marker byte; tried only at those capitals (ordinary text).
        starts = {f[0] for f in forms if _latin_alnum(f[0]) and f[0].isupper()}
        self.marks = bytes.maketrans(
            bytes(sorted(ord(c) for c in starts)), b'\x01' * len(starts))
        self.shapes = _shapes_rx(
            [f for f in forms if f[0] in starts], self.marks)
        # 2. Word starts, case folded: letters to lower case and every
        #    character an alias may follow (not a letter, digit or _@./-)
        #    the marker; for text where nearly every word is a capital
        #    (stories in capitals), where (1) would try every letter.
        low = [c for c in map(chr, range(256)) if c.isupper() and
               len(c.lower()) == 1 and ord(c.lower()) < 256]
        blank = [c for c in map(chr, range(256)) if not _latin_alnum(c)
                 and c not in '_@./-']
        self.low_marks = bytes.maketrans(
            ''.join(low + blank).encode('latin-1'),
            ''.join(low).lower().encode('latin-1') + b'\x01' * len(blank))
        self.low_shapes = _shapes_rx(
            ['\x00' + f for f in forms if _latin(f)], self.low_marks)
        # Forms that start otherwise (dpa, askanews, CTK with its caron) for
        # (1): short Latin-1 ones in the byte copy (one literal-prefixed
        # pattern per first letter), others with str.find once their first
        # character is seen (a single-character search is nearly free). A
        # long lower-case name ("askanews") is searched for whole: str.find
        # skips through the text, where a pattern would stop at every "a".
        # And non-Latin-1 forms for (2). Only the shortest of forms sharing
        # a start.
        odd = {f for f in forms if f[0] not in starts}
        odd = sorted(f for f in odd if not any(
            g != f and f.startswith(g) for g in odd))
        latin = [f for f in odd if _latin(f) and _short(f)]
        self.odd_bytes = tuple(
            re.compile(_byte_trie({f.encode('latin-1') for f in latin
                                   if f[0] == c}))
            for c in sorted({f[0] for f in latin}))
        self.odd_other = tuple(f for f in odd if f not in latin)
        nonlatin = {f for f in forms if not _latin(f)}
        self.low_other = tuple(sorted(f for f in nonlatin if not any(
            g != f and f.startswith(g) for g in nonlatin)))
        # Names in Cyrillic ("ТАСС", "РИА Новости", "Интерфакс") for
        # citations in Russian copy (see _cyrillic_citations), looked for
        # only in a text that holds the first letter of one of them.
        cyr = {}
        for a in agencies:
            for alias in set(a.aliases) | {a.name}:
                alias = ' '.join(alias.split())
                if alias and _cyrillic(alias) and \
                        alias not in a.credit_only:
                    cyr[alias] = a.code
        self.cyr_codes: Dict[str, str] = cyr
        self.cyr_first = ''.join(sorted({f[0] for f in cyr}))
        self.cyr_rx = re.compile(
            r'(?<![\w-])(?P<q>\u00ab)?(?P<name>' + '|'.join(
                r'\s+'.join(map(re.escape, f.split()))
                for f in sorted(cyr, key=len, reverse=True)) +
            r')(?P<end>а|у|ом|е)?(?(q)\u00bb)(?![\w-])') if cyr else None

    def lookup(self, text: Optional[str]) -> Optional[str]:
        """Code for an exact alias (acronyms case-sensitive), else None."""
        if not text:
            return None
        t = text.strip().strip('.,;:')
        if t.lower().startswith('the '):
            t = t[4:]
        code = self.exact.get(t)
        if code:
            return code
        return self.folded.get(t.lower()) if not _short(t) else None

    def lookup_credit(self, text: Optional[str]) -> List[str]:
        """Codes for a credit string such as 'AFP/ANI', 'Reuters and AP',
        'Reuters staff', 'AP News'. Every part must be an agency."""
        if not text:
            return []
        cache = self._credit_cache
        codes = cache.get(text)
        if codes is None:
            if len(cache) > 100000:
                cache.clear()
            codes = cache[text] = tuple(self._lookup_credit(text))
        return list(codes)

    def _lookup_credit(self, text: str) -> List[str]:
        t = _CREDIT_NOISE.sub('', text.strip()).strip(' .,;:')
        code = self.lookup(t)
        if code:
            return [code]
        parts = [p for p in _CREDIT_SPLIT.split(t) if p.strip()]
        codes = []
        desks = []
        for p in parts:
            c = self.lookup(p)
            if c:
                codes.append(c)
            elif '/' in t and self.desks:
                desks.append(p.strip().lower())
            else:
                return []
        # a desk code counts only after its own agency: "dpa/lsw"
        for d in desks:
            if not any(d in self.desks.get(c, ()) for c in codes):
                return []
        return codes


# (and "and" in other languages: "AFP y EFE", "AFP et Reuters", "dpa und AFP")
_CREDIT_SPLIT = re.compile(r'\s*(?:/|,|&|\+|\b(?:and|with|y|et|und|e|i|en|og|och)\b)\s*')
_CREDIT_NOISE = re.compile(
    r'\s+(?:staff|staff writers?|newsroom|wire|wires|news agency|'
    r'reporters?|correspondents?|desk|bureau|service)$', re.I)


def _load_yaml(text: str) -> Registry:
    import yaml
    data = yaml.safe_load(text) or {}
    out = []
    for item in data.get('agencies') or ():
        code = str(item['code']).strip()
        aliases = tuple(str(a) for a in (item.get('aliases') or ()))
        out.append(Agency(code=code, name=str(item.get('name') or code),
                          aliases=aliases + (code,) if code.isupper() and
                          code.isalpha() and code not in aliases and
                          len(code) > 4 else aliases,
                          ambiguous=frozenset(str(a) for a in
                                              (item.get('ambiguous') or ())),
                          desks=frozenset(str(a) for a in
                                          (item.get('desks') or ())),
                          credit_only=frozenset(
                              str(a) for a in (item.get('credit_only') or ())),
                          company=frozenset(
                              str(a) for a in (item.get('company') or ()))))
    return Registry(out)


@functools.lru_cache(maxsize=8)
def load_registry(path: Optional[str] = None) -> Registry:
    """The agency registry from ``path`` or the bundled configs/agencies.yaml."""
    if path:
        with open(path, encoding='utf-8') as fh:
            return _load_yaml(fh.read())
    from importlib import resources
    text = resources.files('pipeline.configs').joinpath(
        'agencies.yaml').read_text(encoding='utf-8')
    return _load_yaml(text)


# ----------------------------------------------------- acronym expansions
def _initials(words: List[str]) -> str:
    return ''.join(w[0].upper() for w in words if w[:1].isalpha() and
                   w.lower() not in ('of', 'the', 'and', 'for', 'de', 'e'))


# The lower-case joiners of hyphenated South Asian and Arabic names, which
# an acronym may leave out ("Pakistan Tehreek-e-Insaf" is PTI).
_JOINERS = frozenset(('e', 'i', 'ul', 'ud', 'al', 'ut'))


_NON_ALPHA = re.compile(r'[^A-Za-z]')
# (an elided article is no word of the name: "l'Autorité palestinienne")
_ACRO_WORD = re.compile(
    r"(?:(?<![\w'’])(?:[lLdD]|[sS]ull|[dD]ell|[aA]ll|[dD]all|[nN]ell)"
    r"['’](?=[A-Za-zÀ-ÿ]))?([A-Za-zÀ-ÿ][\w'’-]*)")
_DASH_SPACE = re.compile(r'[-\s]')


def expands_acronym(before: str, acronym: str) -> bool:
    """True when ``before`` ends with words whose initials spell the
    acronym ("Andhra Pradesh (AP)", "Australian Federal Police (AFP)").
    A name runs across no figure or punctuation mark: in "ANKARA, 18
    ARALIK (AA)" a place and a date precede Anadolu's credit."""
    return _expands(before[-80:], acronym)


# Up to the last figure or mark that no name spelling an acronym crosses
# (the text's own end aside: "Federal Police (" before "AFP)")
_BEFORE_NAME = re.compile(r'.*[\d,;:()\[\]](?=.*[^\s(\[])', re.S)


@functools.lru_cache(maxsize=4096)
def _expands(before: str, acronym: str) -> bool:
    letters = _NON_ALPHA.sub('', acronym).upper()
    if not letters or len(letters) > 6:
        return False
    cut = _BEFORE_NAME.match(before)
    words = _ACRO_WORD.findall(before, cut.end() if cut else 0)
    for n in range(1, min(len(words), 8) + 1):
        tail = words[-n:]
        ini = _initials(tail)
        if ini == letters:
            return True
        # hyphenated words count one initial per part, with ("Lashkar-e-
        # Taiba", LeT) or without ("Tehreek-e-Insaf", PTI) the joiners
        parts = [p for p in _DASH_SPACE.split(' '.join(tail)) if p]
        if ''.join(p[:1].upper() for p in parts) == letters or ''.join(
                p[:1].upper() for p in parts if p not in _JOINERS) == letters:
            return True
    return False



# ---------------------------------------------------------------- citations
def _by_first(phrases) -> str:
    """An alternation of regex sources that each start with a plain
    lower-case letter, grouped by that letter: re then skips every position
    no phrase starts at, and tries one group where one may (a flat
    alternation, or one whose branches start with a group, is tried branch
    by branch at every position)."""
    by: Dict[str, List[str]] = {}
    for p in phrases:
        by.setdefault(p[0], []).append(p[1:])
    return '(?:' + '|'.join(
        c + (rest[0] if len(rest) == 1 else '(?:' + '|'.join(rest) + ')')
        for c, rest in sorted(by.items())) + ')'


_TO = r"\s+(?:exclusively\s+)?to"
_SENT_TO = r"\s+(?:sent\s+|e-?mailed\s+)?to"
_BEFORE = re.compile(_by_first((
    r"according\s+to", r"told", r"tells", r"telling", r"quoted\s+by",
    r"cited\s+by", r"reported\s+by",
    r"reported\s+(?:earlier|first|previously)\s+by", r"published\s+by",
    r"published\s+(?:earlier|first|previously)\s+by", r"citing",
    r"speaking" + _TO, r"spoke" + _TO, r"talking" + _TO, r"talked" + _TO,
    r"said\s+to", r"confirmed\s+to",
    # "confirmed the toll to Xinhua", "declined to comment to Reuters",
    # "spoke on condition of anonymity to the AP", "said in an email to
    # AFP", "a statement sent to AFP" (what is confirmed is news: "confirmed
    # her move to Reuters" is a career)
    r"confirmed\s+(?:it|this|that|the\s+(?:(?:death|casualty)\s+)?toll|"
    r"(?:the|its|his|her|their)\s+(?:news|details?|figures?|numbers?|"
    r"deaths?|arrests?|report|information|incident|attack|plans?|"
    r"decision))\s+to",
    r"comment\s+to", r"anonymity\s+to", r"interview\s+with",
    r"statement" + _SENT_TO, r"e-?mail" + _SENT_TO, r"message" + _SENT_TO,
    r"letter" + _SENT_TO, r"note" + _SENT_TO, r"response" + _SENT_TO,
    r"reply" + _SENT_TO, r"comments\s+to", r"remarks\s+to",
    # "questions from Reuters", "a request for comment from AFP", "when
    # asked by Reuters", "contacted by AFP", "race calls by the AP"
    r"questions\s+from", r"queries\s+from", r"inquiries\s+from",
    r"comment\s+from", r"when\s+asked\s+by", r"contacted\s+by",
    r"called\s+by", r"calls\s+by",
    r"a\s+report\s+by", r"reports\s+by", r"report\s+from",
    r"reporting\s+by", r"survey\s+by", r"poll\s+by", r"calculations\s+by",
    # the agency's own reporting: "documents seen by Reuters", "a memo
    # reviewed by Reuters", "video verified by Reuters", "a letter obtained
    # by the Associated Press", "economists polled by Reuters", "data
    # compiled by Bloomberg", "footage filmed by AFP"
    r"seen\s+by", r"reviewed\s+by", r"verified\s+by", r"obtained\s+by",
    r"examined\s+by", r"analy[sz]ed\s+by", r"polled\s+by",
    r"surveyed\s+by", r"compiled\s+by", r"filmed\s+by",
    r"in\s+a\s+(?:report|dispatch)\s+(?:by|from)", r"carried\s+by",
    r"quoting", r"via", r"per", r"as\s+per", r"by\s+wire\s+service")) +
    r"\s+(?:the\s+)?(?:(?:state|state-run|state-owned|state-controlled|"
    r"semi-official|official|government|news|media)\s+)*$",
    re.I)
# Citing phrases that say too little for an acronym of several meanings:
# "pay via UPI", "a strike called by AAP", "in response to AAP's charges",
# "in a letter to PTI"
_NOT_WEAK = re.compile(r"(?:via|called|calls|response|reply|letter)\s",
                       re.I)
# The verb after a clause, then the agency, the sentence's last word:
# "The toll rose to 40, reported AFP."
_INVERTED_VERBS = frozenset({'reported', 'reports', 'said', 'says', 'writes', 'wrote'})
_INVERTED_BEFORE = re.compile(
    r"(?<=,)[ \t]*(?:" + '|'.join(sorted(_INVERTED_VERBS)) + r")[ \t]+$", re.I)
# Words a citing phrase before an agency can end with: _BEFORE is only
# tried when the text before the alias ends with one of them.
_BEFORE_LAST = frozenset({
    'to', 'told', 'tells', 'telling', 'by', 'citing', 'with', 'from',
    'quoting', 'via', 'per', 'service', 'the', 'state', 'state-run', 'official',
    'government', 'news', 'media', 'state-owned', 'state-controlled',
    'semi-official'})
# "State news agency IRNA said", "Spanish news agency EFE said" (checked
# apart from _BEFORE, whose search every extra branch makes slower)
_AGENCY_BEFORE = re.compile(r"(?:news|press)\s+agency\s+$")
# "state media IRNA said", "North Korea's official media KCNA reported":
# the agency named as a state's media (checked where _BEFORE finds no
# citing phrase before "media")
_MEDIA_BEFORE = re.compile(
    r"(?:state|state-run|state-owned|state-controlled|official|government)"
    r"\s+media\s+$")
_AFTER_STRONG = re.compile(
    r"(?:'s?)?\s*(?:(?:news|press)\s+agency|news\s+service|wire\s+service|"
    r"agency|correspondents?|reporters?|journalists?)?\s*,?\s*(?:"
    # "Reuters first reported", "as Bloomberg exclusively reported"
    r"(?:first|earlier|previously|exclusively|also)\s+reported|reported|"
    r"reports|quoted|quotes|cited|cites|has\s+reported|had\s+reported|"
    r"was\s+reporting|is\s+reporting|quoting|citing|learned|has\s+learned|"
    r"has\s+learnt|understands|news\s+agency|"
    # the agency on its own reporting: "Reuters could not independently
    # verify the footage", "AFP was unable to confirm"
    r"(?:could\s+not|cannot|can\s+not|was\s+unable\s+to|were\s+unable\s+to|"
    r"has\s+been\s+unable\s+to|was\s+not\s+able\s+to)\s+"
    r"(?:independently\s+|immediately\s+)?(?:verify|confirm|reach|"
    r"determine|establish)"
    r")\b", re.I)
_AFTER_SAID = re.compile(
    r"(?:\s+(?:news|press)\s+agency)?\s*,?\s*(?:said|says|added|wrote|"
    # "Xinhua did not give details", "Xinhua gave no further details"
    r"reported|quoted|did\s+not\s+(?:give|provide|say|elaborate|identify|"
    r"specify)|gave\s+no|provided\s+no)\b", re.I)
_AGENCY_WORD = re.compile(r"\s+(?:news|press)\s+agency\b", re.I)
# The same patterns, case-sensitive, for lower-cased text: re's IGNORECASE
# alternations are several times slower.
_BEFORE_LOW, _AFTER_STRONG_LOW, _AFTER_SAID_LOW, _AGENCY_WORD_LOW = (
    re.compile(rx.pattern) for rx in (_BEFORE, _AFTER_STRONG, _AFTER_SAID,
                                      _AGENCY_WORD))


# ------------------------------------------------ citations in other languages
# French, Spanish, Portuguese, Italian and German wire copy cites agencies
# with its own phrases: "selon l'AFP", "a déclaré à Reuters", "rapporte
# l'agence Reuters", "según informó EFE", "dijo a Reuters", "de acordo com a
# Reuters", "disse à Lusa", "secondo l'Ansa", "ha detto all'ANSA", "sagte der
# dpa", "berichtete die Nachrichtenagentur dpa", "laut dpa". Like the English
# ones they are only tried at an alias occurrence, on the 60 characters
# before it (lower-cased), and only when the word just before the alias can
# end such a phrase (_FOREIGN_LAST, a verb of _FOREIGN_VERB, or an elided
# article "l'", "all'"). The phrases are written so that they cannot be
# English: an English "a"/"the" before the alias only counts after a verb
# stem of these languages.
#
# Verb stems of "said/told/explained ... to", "quoted/asked ... by" and
# "reports/learned" (the agency as the inverted subject: "rapporte l'AFP",
# "informó la agencia EFE"), followed by a preposition or article; the
# stems take any ending, the words none. (Written as tries, see rx.py: the
# search tries every position of the 60 characters.)
_FOREIGN_STEMS = trie((
    # French
    'déclar', 'indiqu', 'expliqu', 'confié', 'confie', 'confiè', 'précis',
    'racont', 'affirm', 'assur', 'confirm', 'annonc', 'soulign', 'ajout',
    'répét', 'témoign', 'reconnu', 'rappel', 'détaill', 'dit-', 'disent',
    'disait', 'écri', 'rapporte', 'rapporté', 'rapporta', 'appris',
    'apprend', 'constat', 'cité', 'citée', 'interrog', 'contacté', 'joint',
    'sollicit', 'consulté', 'relay', 'publié', 'publie', 'obtenu',
    'recueilli', 'estim', 'souffl',
    # Spanish
    'dij', 'decía', 'declaró', 'declara', 'declarou', 'explicó', 'explica',
    'explicou', 'indicó', 'indica', 'indicou', 'asegur', 'afirm', 'contó',
    'contaron', 'señal', 'manifest', 'coment', 'relató', 'relata',
    'relatou', 'detall', 'agreg', 'añad', 'revel', 'aclar', 'advirt',
    'reconoc', 'insist', 'subray', 'precisó', 'precisa', 'precisou',
    'precisat', 'informó', 'informa', 'informou', 'informad', 'reportó',
    'reporta', 'reportou', 'publicó', 'publica', 'publicou', 'publicad',
    'recogió', 'recoge', 'difund', 'citad', 'consultad', 'entrevistad',
    'contactad',
    # Portuguese
    'disseram', 'dizem', 'contou', 'contaram', 'garant', 'adiant',
    'acrescent', 'sublinh', 'esclarec', 'referi', 'assegur', 'avanç',
    'noticiou', 'noticiaram', 'apur', 'divulg', 'ouvid',
    # Italian
    'dicono', 'dichiar', 'spieg', 'rifer', 'riport', 'conferm', 'raccont',
    'sottoline', 'aggiun', 'assicur', 'annunci', 'rivel', 'ribad', 'scriv',
    'scritt', 'appres', 'citat', 'intervistat', 'interpellat', 'contattat',
    'sentit', 'raggiunt',
    # German
    'sagt', 'erklärt', 'bestätigt', 'betont', 'schrieb', 'schreibt',
    'teilt', 'berichtet', 'meldet', 'erfuhr', 'äußert'))
_FOREIGN_STEM_WORDS = trie((
    'dit', 'dice', 'dicen', 'disse', 'diz', 'detto', 'detta', 'detti',
    'dette'))
# Words of these verbs that may stand right before the agency, the agency
# being their inverted subject ("informó EFE", "berichtet Reuters", "dijo
# Reuters"): no English word among them.
_FOREIGN_VERB_WORDS = trie((
    'rapporte', 'rapportait', 'rapporté', 'appris', 'apprend', 'indique',
    'annonce', 'écrit', 'précise', 'affirme', 'ajoute', 'informó', 'informa',
    'informan', 'informaron', 'reportó', 'reporta', 'publicó', 'publica',
    'recoge', 'recogió', 'difundió', 'señaló', 'indicó', 'detalló', 'dijo',
    'dijeron', 'informou', 'noticiou', 'apurou', 'divulgou', 'publicou',
    'adiantou', 'avançou', 'riferisce', 'riporta', 'scrive', 'apprende',
    'aggiunge', 'precisa', 'sagte', 'sagten', 'sagt', 'erklärte',
    'bestätigte', 'berichtet', 'berichtete', 'meldet', 'meldete',
    'schreibt', 'schrieb', 'erfuhr'))
# Times, a subject or a pronoun between verb and agency ("a déclaré mardi à
# l'AFP", "sagte ein Sprecher am Montag der dpa", "sagte er der dpa").
_FOREIGN_WHEN = (
    r"(?:" + trie((
        'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi',
        'dimanche', 'hier', 'soir', 'matin', 'également', 'aussi', 'encore',
        'ensuite', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes',
        'sábado', 'domingo', 'este', 'esta', 'ayer', 'hoy', 'también',
        'además', 'segunda-feira', 'terça-feira', 'quarta-feira',
        'quinta-feira', 'sexta-feira', 'nesta', 'neste', 'ontem', 'hoje',
        'ainda', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì',
        'sabato', 'domenica', 'oggi', 'ieri', 'anche', 'poi', 'auch', 'heute',
        'gestern', 'zudem', 'nun', 'jetzt', 'er', 'sie', 'es', 'man')) +
    r"(?![\w-])|" + trie((
        'am', 'ein', 'eine', 'einem', 'der', 'die', 'das', 'un', 'une',
        'una', 'uno', 'um', 'uma',
        # the subject after the verb: "a déclaré le ministre à Reuters"
        'le', 'la', 'les', 'el', 'los', 'las', 'il', 'gli')) +
    r"\s+[^\s,.;:!?]+)")
# Prepositions and articles between a phrase and the agency: "à l'",
# "all'", "a la", "ao", "dall'", "pela", "der", "die"...
_FOREIGN_ART = (
    r"(?:" + trie(('l', 'all', 'dall', 'dell', 'nell', 'd', 'qu')) +
    r"['’]|" + trie((
        'à', 'a', 'ao', 'ad', 'al', 'alla', 'allo', 'da', 'dal', 'dalla',
        'dallo', 'par', 'por', 'pela', 'pelo', 'la', 'le', 'el', 'il', 'lo',
        'o', 'der', 'dem', 'die', 'den')) + r"\s+)")
# "l'agence (de presse) ...", "la agencia (de noticias)", "die
# Nachrichtenagentur", with an adjective ("officielle", "estatal")
_FOREIGN_ADJ = (
    r"(?:\s+(?:officielle|oficial|ufficiale|estatal|statale|staatliche|"
    r"amtliche|publique|pública|pubblica|d['’]état|de\s+l['’]état))?\s+")
_FOREIGN_AGENCY = (
    r"(?:(?:agence|agencia|agência|agenzia)(?:\s+(?:de|di)\s+(?:presse|"
    r"prensa|noticias|notícias|stampa|informação|información))?|"
    r"nachrichtenagentur|presseagentur)" + _FOREIGN_ADJ)
_FOREIGN_OF = (     # "un décompte de", "un recuento de", "einem Bericht der"
    r"(?:un|une|una|uno|um|uma|einem|einer|el|la|le|les|los|las|il|lo|os|"
    r"as|des)\s+[^\s,.;:!?'’]+(?:\s+[^\s,.;:!?'’]+)?"
    r"(?:\s+(?:de|del|da|do|della|di|der|des|par|por|pela|pelo)\s+|"
    r"\s+(?:dell|d)['’])")
_FOREIGN_THEN = (   # what may follow a verb: times, then articles
    r"(?:-t)?(?:-(?:il|elle|ils|elles|on))?(?:\s+" + _FOREIGN_WHEN +
    r")*\s+")
_FOREIGN_BEFORE = re.compile(
    r"(?<![\w'’-])(?:"
    # "según informó", "secondo quanto riferisce", "come riporta"
    r"(?:(?:según|segundo|secondo|selon|come|como|conforme)\s+"
    r"(?:quanto\s+|lo\s+que\s+|o\s+que\s+)?)?"
    r"(?:"
    # verb stems, then a preposition or article (at least one)
    r"(?:" + _FOREIGN_STEMS + r"[\w]*|" + _FOREIGN_STEM_WORDS +
    r"(?![\w]))" + _FOREIGN_THEN + _FOREIGN_ART + r"{1,3}"
    # verbs whose subject the agency is, with or without an article
    r"|" + _FOREIGN_VERB_WORDS + _FOREIGN_THEN + _FOREIGN_ART + r"{0,3})"
    # "according to", "in an interview with", "a count by"
    r"|(?:selon|según|segundo|secondo|conforme|laut|gegenüber|"
    r"d['’]apr[eè]s|auprès\s+d(?:e\s+|['’])|de\s+acordo\s+com|"
    r"de\s+acuerdo\s+con|"
    r"(?:entretien|interview|entrevista|intervista|declaraciones|"
    r"declarações|dichiarazioni|gespräch)(?:\s+accordée?)?\s+(?:à|a|ao|con|"
    r"com|mit|ad|al|alla|all['’]))"
    r"(?:\s+quanto|\s+lo\s+que|\s+o\s+que)?\s*"
    r"(?:" + _FOREIGN_OF + r")?" + _FOREIGN_ART + r"{0,3}"
    r")(?:" + _FOREIGN_AGENCY + r")?$"
    # "die Nachrichtenagentur dpa", "l'agence de presse Reuters" alone
    r"|(?:nachrichtenagentur|presseagentur|(?:agence|agencia|agência|"
    r"agenzia)\s+(?:de|di)\s+(?:presse|prensa|noticias|notícias|stampa))"
    r"(?:\s+(?:officielle|oficial|ufficiale|estatal|statale|staatliche|"
    r"amtliche))?\s+$")
_FOREIGN_BEFORE_I = re.compile(_FOREIGN_BEFORE.pattern, re.I)
# The last word before the alias that lets _FOREIGN_BEFORE be tried.
_FOREIGN_LAST = frozenset((
    'à', 'a', 'ao', 'ad', 'al', 'alla', 'allo', 'da', 'dal', 'dalla',
    'dallo', 'par', 'por', 'pela', 'pelo', 'la', 'le', 'el', 'il', 'lo', 'o',
    'der', 'dem', 'die', 'den', 'selon', 'según', 'segundo', 'secondo',
    'conforme', 'laut', 'gegenüber', 'après', 'apres', 'de', 'com', 'con',
    'mit', 'agence', 'agencia', 'agência', 'agenzia', 'nachrichtenagentur',
    'presseagentur', 'presse', 'prensa', 'noticias', 'notícias', 'stampa',
    'informação', 'información', 'officielle', 'oficial', 'ufficiale',
    'estatal', 'statale', 'staatliche', 'amtliche', 'publique', 'pública',
    'pubblica', "d'état", 'd’état', "l'état", 'l’état', 'quanto', 'del',
    'do', 'della', 'di', 'des', 'que'))
_FOREIGN_VERB = re.compile(_FOREIGN_VERB_WORDS + r"(?:-t)?"
                           r"(?:-(?:il|elle|ils|elles|on))?$")
# Elided articles and prepositions the alias may follow ("l'AFP", "all'ANSA")
_ELIDED = frozenset(('l', 'all', 'dall', 'dell', 'nell', 'd', 'qu'))
# After the alias: "l'AFP a appris", "EFE informó", "l'Ansa riferisce",
# "dpa meldet", "der dpa zufolge" (the agency reports or learns).
_FOREIGN_AFTER = re.compile(
    r"\s*,?\s*(?:a\s+rapporté|rapporte|rapportait|a\s+appris|informó|"
    r"informa|informaron|ha\s+informado|reportó|publicó|pudo\s+saber|"
    r"ha\s+podido\s+saber|supo|informou|noticiou|apurou|divulgou|"
    r"riferisce|riporta|ha\s+riferito|ha\s+riportato|apprende|ha\s+appreso|"
    r"berichtet|berichtete|berichten|berichteten|meldet|meldete|meldeten|"
    r"erfuhr|zufolge|schreibt|schrieb)(?![\w-])")
# German verb-final clauses after a dative "der"/"dem": "wie er der dpa
# sagte", "der Deutschen Presse-Agentur bestätigte".
_GERMAN_SAID = re.compile(
    r"\s*(?:sagte|sagten|sagt|bestätigte|bestätigten|erklärte|erklärten|"
    r"mitteilte|mitteilten|berichtete)(?![\w-])")


def _foreign_before(before: str):
    low = _lowered(before)
    return _FOREIGN_BEFORE.search(low) if low is not None else \
        _FOREIGN_BEFORE_I.search(before)


def _lowered(s: str):
    """Lower-cased s when that keeps every index (nearly always)."""
    low = s.lower()
    return low if len(low) == len(s) else None


_QUOTE_MARKS = re.compile('[\u201c\u201d\u201e\u00ab\u00bb]')


def _inside_quotes(text: str, pos: int) -> bool:
    start = text.rfind('\n', 0, pos) + 1
    seg = text[start:pos]
    n = seg.count('"')
    if n % 2:
        return True
    if '\u201e' not in seg and '\u00ab' not in seg and '\u00bb' not in seg:
        return seg.count('\u201c') > seg.count('\u201d')
    # German „…“ (where \u201c closes), French « … », German » … «
    depth = low9 = 0
    guillemet = None
    for ch in _QUOTE_MARKS.findall(seg):
        if ch == '\u201e':
            low9 += 1
        elif ch in '\u201c\u201d' and low9:
            low9 -= 1
        elif ch == '\u201c':
            depth += 1
        elif ch == '\u201d':
            depth = max(0, depth - 1)
        else:
            guillemet = guillemet or ch   # the first one seen opens
            depth = depth + 1 if ch == guillemet else max(0, depth - 1)
    return depth + low9 > 0


def _byte_trie(words) -> bytes:
    root: dict = {}
    for w in words:
        node = root
        for b in w:
            node = node.setdefault(b, {})
        node[None] = {}

    def build(node: dict) -> bytes:
        alts = [re.escape(bytes([b])) + build(node[b])
                for b in sorted(k for k in node if k is not None)]
        if not alts:
            return b''
        if None in node:    # a word ends here: an empty last branch
            return b'(?:' + b'|'.join(alts) + b'|)'
        return alts[0] if len(alts) == 1 else b'(?:' + b'|'.join(alts) + b')'
    return build(root) or b'(?!)'


def _shapes_rx(forms, table: bytes):
    """Pre-scan pattern: the first word (or two) of each form, translated
    with ``table``, then no letter or digit."""
    heads = set()
    for f in forms:
        k = _word_end(f, 0)
        if f[k:k + 1] == ' ' and _latin_alnum(f[k + 1:k + 2] or '-'):
            k = _word_end(f, k + 1)
        heads.add(f[:k].encode('latin-1').translate(table))
    alnum = bytes(sorted({table[b] for b in range(256)
                          if _latin_alnum(chr(b))}))
    return re.compile(_byte_trie(heads) + b'(?![' + b''.join(
        re.escape(bytes([b])) for b in alnum) + b'])')


_MAX_CANDIDATES = 40


def _candidates(shaped: bytes, search):
    """Start positions of pre-scan (1) matches, resuming after each match's
    first word (a second word may start an alias too); None when there are
    too many."""
    starts = []
    c = search(shaped)
    while c is not None:
        i = c.start()
        starts.append(i)
        if len(starts) > _MAX_CANDIDATES:
            return None
        j = shaped.find(b' ', i, c.end())
        c = search(shaped, c.end() if j < 0 else j)
    return starts


def _occurrences(text: str, registry: Registry):
    """(start, end, alias) of every whole-word alias occurrence.

    Candidates come from a pre-scan (see Registry): by capitals, or when
    that makes too many candidates, by word starts in a case-folded copy.
    Each is confirmed with the exact alias matcher, the word-boundary test
    and a fall back to shorter forms at the same start ("Kyodo" inside
    "Kyodo Newsroom"). A pre-scan match is one word, or two; the scan
    resumes after its first word, so no alias start hides inside one."""
    raw = text.encode('latin-1') if text.isascii() else \
        text.encode('latin-1', 'replace')     # one byte per character
    starts = _candidates(raw.translate(registry.marks),
                         registry.shapes.search)
    if starts is None:
        # (the leading marker stands for the start of the text: a match at
        # j is a word starting at j)
        shaped = b'\x01' + raw.translate(registry.low_marks)
        starts, search = [], registry.low_shapes.search
        c = search(shaped)
        while c is not None:
            starts.append(c.start())
            j = shaped.find(b'\x01', c.start() + 1, c.end())
            c = search(shaped, c.end() if j < 0 else j)
        odd = [m.start() for f in registry.low_other if f[0] in text
               for m in re.finditer(re.escape(f), text)]
    else:
        odd = [c.start() for rx in registry.odd_bytes
               for c in rx.finditer(raw)]
        for form in registry.odd_other:
            if form[0] in text:
                j = text.find(form)
                while j >= 0:
                    odd.append(j)
                    j = text.find(form, j + 1)
    if odd:
        starts = sorted(starts + odd)
    if not starts:
        return []
    found = []
    n = len(text)
    match = registry.scanner.match
    shorter = registry.shorter
    last = 0
    for i in starts:
        if i < last or (i and (text[i - 1].isalnum() or text[i - 1] in '_@./-')):
            continue
        m = match(text, i)
        if m is None:
            continue
        form = m.group()
        for alias in (form,) + shorter[form]:
            e = i + len(alias)
            if e < n and (text[e].isalnum() or text[e] == '_' or
                          (text[e] == '-' and e + 1 < n and
                           text[e + 1].isalpha())):
                continue
            found.append((i, e, alias))
            last = e
            break
    return found


# An acronym followed by a capitalised word is part of a name: "the AP
# Stylebook", "AP Computer Science", "AFP Photo" (but "told AFP Sunday").
_NAME_NEXT = re.compile(
    r' (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Jan|Feb|Mar|Apr|May|Jun|'
    r'Jul|Aug|Sep|Oct|Nov|Dec)[A-Z][a-z]')


_NAME_WORD = r"[A-Z][\w'’]*"
_NAME_JOIN = r"(?:\s+|-)(?:(?:of|the|and|for|de|e|i|ul|ud|al)(?:\s+|-))*"


@functools.lru_cache(maxsize=256)
def _spelled_rx(acronym: str):
    """Capitalised words whose initials spell the acronym ("Australian
    Federal Police", "Aam Aadmi Party", "Pakistan Tehreek-e-Insaf"). It
    starts with a literal capital, which re finds at memchr speed; the
    caller checks the word boundary before it."""
    return re.compile(_NAME_JOIN.join(
        re.escape(c) + _NAME_WORD[5:] for c in acronym) + r'(?![\w-])')


def _defined_otherwise(text: str, alias: str, end: int, code: str,
                       registry: Registry) -> bool:
    """True when the text before ``end`` spells the acronym out as
    something other than the agency: "the Australian Federal Police (AFP)
    ... the AFP reported", or, for acronyms of three letters or more, the
    name alone ("The Australian Federal Police said ... told the AFP").
    The agency's own name ("Agence France-Presse (AFP)") is no other
    meaning. ``code`` is the agency ``alias`` names. Checked only for a
    citation already found."""
    paren = '(' + alias + ')'
    i = text.find(paren, 0, end)
    while i >= 0:
        if expands_acronym(text[:i], alias) and not _own_name(
                text[max(0, i - 80):i], code, registry):
            return True
        i = text.find(paren, i + 1, end)
    if len(alias) >= 3 and alias.isalpha() and alias.isupper():
        for m in _spelled_rx(alias).finditer(text, 0, end):
            i = m.start()
            if i and (text[i - 1].isalnum() or text[i - 1] in '_-'):
                continue
            if registry.lookup(m.group()) != code:
                return True
    elif len(alias) == 2 and alias.isalpha() and alias.isupper():
        return _spelled_two(text, alias, end, code, registry)
    return False


# Two capitalised words spell a two-letter acronym by accident far more
# often than three do ("As President", "Asia Pacific", "American
# Pharmacists Association"), so for AP, PA, CP, AA, TT only a name that
# stands on its own counts: two words of three letters or more, capitalised
# and otherwise lower case (not a story in capitals), neither of them an
# ordinary English word that sentence starts, titles and regions capitalise
# (_TWO_WORD_COMMON), not inside a longer capitalised name (no capitalised
# word right before, unless one that starts a sentence, such as "In"; none
# right after), and not the agency's own name. "Andhra Pradesh", "Arunachal
# Pradesh", "Uttar Pradesh" stand so in nearly every story about them.
_TWO_WORD_COMMON = frozenset((
    'about', 'across', 'acting', 'after', 'again', 'against', 'ahead', 'air',
    'airlines', 'all', 'along', 'also', 'although', 'america', 'american',
    'americans', 'amid', 'among', 'analysts', 'and', 'another', 'any',
    'are', 'army', 'around', 'asia', 'asian', 'asked', 'assistant',
    'associate', 'associated', 'atlantic', 'attorney', 'authorities',
    'africa', 'african', 'arab', 'australian', 'australia', 'avenue',
    'can', 'canada', 'canadian', 'central', 'chief', 'china', 'chinese',
    'city', 'coast', 'college', 'communist', 'company', 'congress',
    'could', 'council', 'county', 'court', 'critics', 'crown', 'customers',
    'pacific', 'parents', 'park', 'party', 'pass', 'patients', 'people',
    'per', 'perhaps', 'photo', 'place', 'plan', 'players', 'please', 'plus',
    'police', 'post', 'power', 'premier', 'presidency', 'president',
    'presidential', 'press', 'previously', 'prime', 'prince', 'prison',
    'prize', 'professor', 'program', 'programme', 'project', 'protesters',
    'province', 'public', 'than', 'the', 'their', 'then', 'there', 'these',
    'they', 'this', 'those', 'though', 'three', 'through', 'throughout',
    'thursday', 'time', 'times', 'today', 'top', 'town', 'trade', 'travel',
    'trust', 'tuesday', 'two'))
# Capitalised words that may stand before such a name at a sentence start
_TWO_LEAD = frozenset((
    'in', 'on', 'at', 'by', 'of', 'to', 'for', 'from', 'near', 'across',
    'throughout', 'outside', 'inside', 'with', 'like', 'over', 'under',
    'across', 'while', 'when', 'after', 'before', 'since', 'the', 'and',
    'but', 'as', 'both', 'all', 'neighbouring', 'neighboring', 'southern',
    'northern', 'eastern', 'western', 'coastal', 'rural', 'flood-hit'))


@functools.lru_cache(maxsize=64)
def _spelled_two_rx(acronym: str):
    return re.compile(re.escape(acronym[0]) + r'([a-z]{2,})[ \t]+' +
                      re.escape(acronym[1]) + r'([a-z]{2,})(?![\w-])')


_WORD_BEFORE = re.compile(r"([\w'’-]+)[ \t]+$")
_CAP_AFTER = re.compile(r"(?:['’]s)?[ \t]+[A-Z]")


def _spelled_two(text: str, alias: str, end: int, code: str,
                 registry: Registry) -> bool:
    for m in _spelled_two_rx(alias).finditer(text, 0, end):
        i = m.start()
        if i and (text[i - 1].isalnum() or text[i - 1] in "_-'’"):
            continue
        if (alias[0] + m.group(1)).lower() in _TWO_WORD_COMMON or \
                (alias[1] + m.group(2)).lower() in _TWO_WORD_COMMON:
            continue
        w = _WORD_BEFORE.search(text, max(0, i - 40), i)
        if w and w.group(1)[:1].isupper() and \
                w.group(1).lower() not in _TWO_LEAD:
            continue    # inside a longer name ("North American Party")
        if _CAP_AFTER.match(text, m.end()):
            continue    # so is "Andhra Pradesh Chief Minister"
        if _person(text, i, m.end(), alias[1] + m.group(2)):
            continue
        if registry.lookup(m.group()) != code:
            return True
    return False


_PERSON_BEFORE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Sgt|Capt|Sir|Dame)\.?"
    r"|said|says|added|asked|wrote)[ \t]+$")
_PERSON_AFTER = re.compile(
    r",?[ \t]+(?:said|says|told|added|asked|wrote|who|explained|noted)\b")


def _person(text: str, start: int, end: int, surname: str) -> bool:
    """True when a two-word name is a person's: after a title or a speech
    verb, before one, or its second word used alone (a surname)."""
    if _PERSON_BEFORE.search(text, max(0, start - 12), start) or \
            _PERSON_AFTER.match(text, end):
        return True
    for m in re.finditer(r"(?<![\w'’-])" + re.escape(surname) + r"(?![\w-])",
                         text):
        w = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if not (w and w.group(1)[:1].isupper()):
            return True     # "Pretti said" after "Alex Pretti"
    return False


def _own_name(before: str, code: Optional[str], registry: Registry) -> bool:
    """True when ``before`` ends with a name of the agency ``code``
    ("... Agence France-Presse ")."""
    b = before.rstrip().lower()
    return any(b.endswith(alias.lower()) for alias in
               registry.agencies[code].aliases + (registry.agencies[code].name,)
               if not _short(alias)) if code in registry.agencies else False


# "Michael Bloomberg said", "Mayor Bloomberg said", "Mr. Reuter said": a
# given name or a title right before the alias makes it a person's name,
# so a bare "said" after it cites no agency. Capitalised words that open a
# clause or name a day are no given names.
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+\.?)[ \t]+$")
_NOT_GIVEN = frozenset((
    'the', 'a', 'an', 'and', 'but', 'or', 'meanwhile', 'however', 'also',
    'separately', 'earlier', 'later', 'now', 'then', 'while', 'when', 'as',
    'in', 'on', 'at', 'so', 'yet', 'still', 'instead', 'today', 'yesterday',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
    'sunday', 'tonight', 'overnight', 'previously', 'last', 'this', 'that',
    'agency', 'news', 'wire', 'state', 'official', 'both', 'after', 'before',
    'since', 'because', 'if', 'though', 'although', 'where', 'which', 'who',
    'also', 'and', 'additionally', 'further', 'furthermore', 'moreover',
    'elsewhere', 'here', 'there', 'finally', 'first', 'second', 'third',
    'initially', 'subsequently', 'similarly', 'likewise', 'nevertheless',
    'nonetheless', 'ultimately', 'recently', 'reportedly'))


# Between agencies named together: "Reuters and AFP", "AFP, AP and the
# Associated Press" (matched on the exact span between the two names)
_AND_JOIN = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
                       r"(?:[Tt]he\s+)?")
# "according to a Reuters report", "in an AFP interview", "did not respond
# to a Reuters request for comment": an article, then the agency and its
# report
_A_BEFORE = re.compile(r"(?:according\s+to|citing|quoting|quoted\s+in|"
                       r"cited\s+in|in|told|(?:respond|responded|responding|"
                       r"response|reply|replied|replying)\s+to)\s+an?\s+$",
                       re.I)
# The agency's reports (j), and its data (w), which an acronym of something
# else has too ("the AP data" of Andhra Pradesh), so that it counts for a
# name the registry calls unambiguous only. (Its tallies, polls and
# pictures are no citation: "a Reuters tally showed", "an AFP
# photographer saw".)
_WORK = (r"(?P<j>reports?|dispatch(?:es)?|stor(?:y|ies)|articles?|"
         r"interviews?|requests?\s+for\s+comment|quer(?:y|ies))|"
         r"(?P<w>data)")
_REPORT_NOUN = re.compile(r"(?:['’]s?)?\s+(?:news\s+)?(?:" + _WORK +
                          r")\b")
# A noun after the agency's "data" or "article" that makes them its
# products, not its reporting ("Bloomberg's data terminal business",
# "the Bloomberg article paywall")
_PRODUCT_NEXT = re.compile(
    r"[ \t]+(?:terminals?|business(?:es)?|paywalls?|subscriptions?|"
    r"products?|division|unit|platforms?|services?|licens(?:ing|es?)|"
    r"sales|revenues?|feeds?|arm|team|desk|app)\b")
# "a Reuters report said", "an AFP dispatch quoted", "AFP's report on
# Monday said"
_REPORT_SAID = re.compile(
    r"(?:['’]s?)?\s+(?:news\s+)?(?:report|dispatch)\s+(?:on\s+\w+\s+)?"
    r"(?:said|says|showed|shows|quoted|quotes|cited|cites|citing|stated|"
    r"added)\b")
# "Xinhua and CCTV reported": the agency and an outlet, then a strong verb
_AND_OTHER = re.compile(
    r"\s+and\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,3}(?:reported|quoted|cited)"
    r"\b")


def _named_before(before: str, bare: bool) -> bool:
    """True when ``before`` ends with a given name or a title (see
    _NAME_BEFORE); ``bare`` is False when "the" precedes the alias."""
    if not bare or before[-1:] not in (' ', '\t'):
        return False
    m = _NAME_BEFORE.search(before)
    if m is None:
        return False
    w = m.group(1).rstrip('.').lower()
    return w not in _NOT_GIVEN and w not in _MONTH_WORDS


_MONTH_WORDS = frozenset((
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
    'september', 'october', 'november', 'december', 'jan', 'feb', 'mar',
    'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'))


# Words before an acronym that name it a state's agency: "state-run APP
# said" (where a bare "APP said" is no citation)
_STATE_WORDS = frozenset(('state-run', 'state-owned', 'state-controlled',
                          'semi-official', 'official'))
# A capitalised word after a cited name that makes it the name of another
# body: "the Reuters Institute", "Bloomberg Philanthropies", "the
# Bloomberg School of Public Health". And a press association of a place
# is a journalists' association ("the Press Association of Jamaica").
_ORG_NEXT = re.compile(
    r"[ \t]+(?:Institute|Foundation|Philanthropies|School|University|"
    r"College|Center|Centre|Prize|Award|Fellowship|Administration|Family|"
    r"Tower|Building|Trust)\b")
_OF_PLACE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")
# The agency's people and owners after its name: news about the company,
# where a citing phrase before it is a memo's or a deal's ("a note to
# Reuters staff", "talked to Xinhua executives", "questions from Reuters
# employees about pay"; its journalists, who are told things, are not here)
_STAFF_NEXT = re.compile(
    r"(?:['’]s?)?[ \t]+(?:staff(?:ers)?|employees|executives?|shareholders|"
    r"investors|readers|subscribers|management|board|unions?|critics|"
    r"owners?|parent|colleagues|workforce|bosses|chief\s+executive|CEO)\b")
# A noun after an acronym that makes it the name of a police force, a
# party, a state, a company or a payment system, never of an agency: "told
# AFP officers", "AAP leaders", "the AP government", "CP shares", "UPI
# transactions", "according to UPI data".
_ROLE_NEXT = re.compile(
    r"(?:['’]s)?[ \t]+(?:officers?|officials?|investigators?|agents?|"
    r"detectives?|police|commissioner|personnel|members?|leaders?|"
    r"leadership|workers?|activists?|supporters?|cadres?|candidates?|"
    r"chairman|chairperson|chief|convenor|convener|founder|MLAs?|MPs?|"
    r"ministers?|government|spokes(?:man|woman|person)|users?|customers?|"
    r"transactions?|payments?|apps?|IDs?|PINs?|limits?|rules|guidelines|"
    r"norms|data|shares|stock|shareholders|students?|teachers?|exams?|"
    r"courses?|classes|scores?|rankings?|"
    # (and a state's bodies, after a word: "the PA health ministry",
    # "AP revenue department")
    r"(?:(?:health|interior|finance|education|revenue|agriculture|transport|energy|"
    r"power|labou?r|legislative)[ \t]+)?(?:ministry|ministries|department|assembly|"
    r"secretariat))\b")
# A company's results after its name: "ANA reported a net loss", "Reuters
# posted a quarterly profit": news about the company, never a citation.
_RESULT_WORD = (r"(?:net|quarterly|annual|half-year(?:ly)?|operating|pre-?tax|record|"
                r"surprise|wider|narrower|bigger|smaller|[a-z]+-(?:quarter|half|year)|"
                r"[a-z]+-than-expected)[ \t]+")
_RESULT = r"(?:loss(?:es)?|profits?|revenues?|earnings|income|sales|dividends?)\b"
_EARNINGS_NEXT = re.compile(
    r"[ \t]+(?:has[ \t]+)?(?:reported|posted|announced|booked|recorded)[ \t]+(?:"
    r"(?:an?|its)[ \t]+(?:" + _RESULT_WORD + r"){0,3}" + _RESULT + r"|"
    r"(?:" + _RESULT_WORD + r"){1,3}" + _RESULT + r"|" + _RESULT + r"[ \t]+(?:of|for)\b)")


def _used_otherwise(text: str, alias: str, occ) -> bool:
    """True when the acronym stands elsewhere in the text before one of
    _ROLE_NEXT's nouns ("PTI chairman Imran Khan ... PTI reported"): the
    story is about the other body."""
    return any(a == alias and _ROLE_NEXT.match(text, e) for _, e, a in occ)


def _person_named(text: str, alias: str, registry: Registry) -> bool:
    """True when ``text`` names a person with ``alias`` as the surname, a
    given name or a title before it (see _NAME_BEFORE) that makes no
    longer agency name ("Michael Bloomberg", "Mayor Bloomberg"): "Bloomberg
    said" anywhere in the story is the man's word. Only tried for a bare
    "X said" found, so it costs nothing on most stories."""
    if _short(alias):
        return False
    k = text.find(alias)
    while k >= 0:
        m = _NAME_BEFORE.search(text, max(0, k - 20), k)
        if m:
            w = m.group(1).rstrip('.').lower()
            if w not in _NOT_GIVEN and w not in _MONTH_WORDS and \
                    registry.lookup(m.group(1) + ' ' + alias) is None:
                return True
        k = text.find(alias, k + 1)
    return False


# A story names its agencies a few times, a long one a few dozen; an entry
# naming them thousands of times (hostile or broken) has its first
# _MAX_OCCURRENCES looked at, so that the checks that read the text before
# each one stay bounded (20,000 characters of "said Reuters" took 3 s).
_MAX_OCCURRENCES = 200


def _per_alias(memo: dict, test, text: str, alias: str, arg):
    """test(text, alias, arg), a test that depends on the text and the alias
    only (not on where the alias stands), run once per alias of one text."""
    key = (test, alias)
    value = memo.get(key)
    if value is None:
        value = memo[key] = test(text, alias, arg)
    return value


def find_citations(text: str, registry: Registry,
                   skip: Tuple[int, int] = (0, 0)) -> List[dict]:
    """Agencies cited in running text: [{agency, kind: 'cited', text}]."""
    out = []
    if not text:
        return out
    occ = _occurrences(text, registry)[:_MAX_OCCURRENCES]
    hits = set()
    memo: dict = {}
    for k, (s, e, alias) in enumerate(occ):
        if skip[0] <= s < skip[1]:
            continue
        code = registry.lookup(alias)
        if not code or alias.lower() in registry.company:
            continue
        start = s
        if text[max(0, s - 4):s].lower() == 'the ':
            start = s - 4
        # amb: an acronym, which must pass the tests of another meaning
        # below; weak: a name the registry calls ambiguous, which a bare
        # "X said", "via X" or "X data" never credit ("KCNA said" does,
        # "PTI said" does not)
        weak = alias in registry.ambiguous
        amb = weak or (_short(alias) and alias.isupper())
        before = text[max(0, s - 60):start]
        after = text[e:e + 60]
        hit = None
        b = None
        last_word = ''
        end = before[-1:]
        if end.isspace():
            words = before.rsplit(None, 1)
            last_word = words[-1].lower() if words else ''
            if last_word in _BEFORE_LAST:
                low = _lowered(before)
                b = _BEFORE_LOW.search(low) if low is not None else \
                    _BEFORE.search(before)
                if b is not None and weak and _NOT_WEAK.match(before,
                                                              b.start()):
                    b = None
                if b is None and last_word == 'media':
                    b = _MEDIA_BEFORE.search(before.lower())
            elif last_word == 'agency':
                b = _AGENCY_BEFORE.search(before.lower())
            elif last_word in _INVERTED_VERBS:
                # "..., reported AFP.", "..., said Reuters, citing police"
                # (a party "says" too: "..., said AAP." is not the agency's)
                if (after[:1] in '.,;:' or not after.strip()) and not (
                        weak and last_word in ('said', 'says')):
                    b = _INVERTED_BEFORE.search(before)
            else:
                # "l'agence", "all'agenzia": the word after the elision
                lw = last_word.rsplit("'", 1)[-1].rsplit('\u2019', 1)[-1]
                if lw in _FOREIGN_LAST or _FOREIGN_VERB.match(lw):
                    b = _foreign_before(before)
        elif end in "'’":
            # an elided article: "selon l'AFP", "ha detto all'ANSA"
            words = before[:-1].rsplit(None, 1)
            if words and words[-1].lower() in _ELIDED:
                b = _foreign_before(before)
        if b is None and (last_word in ('a', 'an') or start != s or
                          after[:1] in "'’"):
            # "according to a Reuters report", "in an AFP interview"; for
            # a name the registry calls unambiguous, any article or a
            # possessive: "the Xinhua report", "Reuters' request for
            # comment", "denied a Bloomberg story"
            n = _REPORT_NOUN.match(after)
            if n is not None and (not weak or n.group('j')):
                if last_word in ('a', 'an'):
                    b = _A_BEFORE.search(before)
                if b is None and not weak and \
                        not _PRODUCT_NEXT.match(after, n.end()):
                    hit = text[start:e + n.end()]
        if b:
            hit = text[start - (len(before) - b.start()):e]
        elif hit is None:
            ea = e
            if after[:2] == ' (':
                # the name, then its own acronym: "the Emirates News
                # Agency (WAM) reported", "Agence France-Presse (AFP) said"
                pe = after.find(')', 3, 16)
                if pe > 0 and registry.lookup(after[2:pe].strip()) == code:
                    ea = e + pe + 1
                    after = text[ea:ea + 60]
            e = ea
            low = _lowered(after)
            if low is None:
                low, strong, said, word = after, _AFTER_STRONG, _AFTER_SAID, \
                    _AGENCY_WORD
            else:
                strong, said, word = _AFTER_STRONG_LOW, _AFTER_SAID_LOW, \
                    _AGENCY_WORD_LOW
            a = strong.match(low) or (
                _REPORT_SAID.match(after) if after[:1] in " '’" else None) or (
                _AND_OTHER.match(after) if after[:5] == ' and ' and not amb
                else None)
            if a:
                hit = text[start:e + a.end()]
            elif (not weak or last_word in _STATE_WORDS) and \
                    not _named_before(before, start == s):
                # ("state-run APP said")
                a = said.match(low) or word.match(low)
                if a and not (a.re is not word and _per_alias(
                        memo, _person_named, text, alias, registry)):
                    hit = text[start:e + a.end()]
            if hit is None:
                # "EFE informó", "l'Ansa riferisce", "der dpa zufolge",
                # and German verb-final "(wie er) der dpa sagte"
                a = _FOREIGN_AFTER.match(low) or (
                    last_word in ('der', 'dem') and _GERMAN_SAID.match(low))
                if a:
                    hit = text[start:e + a.end()]
        if hit is None:
            continue
        if _inside_quotes(text, s) or _ORG_NEXT.match(text, e) or \
                _EARNINGS_NEXT.match(text, e) or \
                _STAFF_NEXT.match(text, e) or (
                alias.endswith(('Association', 'ASSOCIATION')) and
                _OF_PLACE.match(text, e)):
            continue
        if amb and _short(alias) and (_NAME_NEXT.match(text, e) or
                                      _ROLE_NEXT.match(text, e) or
                                      _per_alias(memo, _used_otherwise,
                                                 text, alias, occ) or
                                      _defined_otherwise(text, alias, s, code,
                                                         registry)):
            continue
        out.append({'agency': code, 'kind': 'cited', 'text': hit.strip()})
        hits.add(k)
    if hits and len(occ) > 1:
        out.extend(_coordinated(text, occ, hits, registry, skip))
    # (only in Russian text: one with a Cyrillic "о", its commonest
    # letter; a test that costs nothing for Latin-1 text and a memchr for
    # text with curly quotes)
    if registry.cyr_rx is not None and not text.isascii() and \
            '\u043e' in text and any(c in text for c in registry.cyr_first):
        out.extend(_cyrillic_citations(text, registry, skip))
    return out


# ------------------------------------------------ citations in Russian copy
# "сообщает ТАСС", "передает РИА Новости", "как сообщило агентство
# Интерфакс", "по данным ТАСС", "заявил ТАСС" (told TASS), "рассказал
# Интерфаксу", "со ссылкой на ТАСС", "в интервью ТАСС"; and the agency as
# the subject: "ТАСС сообщает", "агентство Интерфакс передает". Tried on
# the 60 characters before a Cyrillic name (lower-cased), as the Latin
# phrases are. Verb stems of "reports/writes/quotes" and "said/told ... to",
# then times, a listener or "agency" words.
_RU_BEFORE = re.compile(
    r"(?<![а-яё])(?:"
    r"(?:сообщ|переда|пиш|писал|цитир|информир|заяв|рассказ|сказа|"
    r"подтверд|поясн|отмет|уточн|добав|призна|говор)"
    r"[а-яё]*"
    r"|со\s+ссылкой\s+на|по\s+(?:данным|сообщению|информации|сведениям)|"
    r"согласно(?:\s+(?:данным|сообщению|информации))?|"
    r"в\s+(?:интервью|беседе\s+с))"
    r"(?:\s+в\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|"
    r"воскресенье))?"
    r"(?:\s+(?:в|во|ранее|также|накануне|сегодня|вчера|источник|"
    r"корреспонденту|"
    r"корреспондентам|журналисту|журналистам|изданию|агентству|агентство|"
    r"агентства|информационное|информационному|информационного|"
    r"государственное|государственному|государственного|российское|"
    r"российскому|российского|новостное|новостному|новостного))*"
    r"\s+$")
# The agency as the subject: "ТАСС сообщает", "Интерфакс передал"
_RU_AFTER = re.compile(
    r"\s*,?\s*(?:сообща|сообщил|переда|пиш|писал|цитир|информир|уточня|"
    r"уточнил)[а-яё]*(?![а-яё])")
# ...only where the name opens a clause (not "директор ТАСС сообщил",
# "the director of TASS reported"): after sentence punctuation or these
# words.
_RU_AND = re.compile(r'\s*,\s*(?:и\s+)?|\s+и\s+')
_RU_CLAUSE = frozenset(('как', 'агентство', 'информационное',
                        'государственное', 'российское', 'новостное', 'и',
                        'а', 'но', 'что', 'также', 'ранее', 'об', 'этом'))


def _cyrillic_citations(text: str, registry: Registry,
                        skip: Tuple[int, int]) -> List[dict]:
    out = []
    found = []
    for m in registry.cyr_rx.finditer(text):
        s, e = m.start(), m.end()
        if skip[0] <= s < skip[1]:
            continue
        code = registry.cyr_codes.get(' '.join(m.group('name').split()))
        if not code:
            continue
        found.append((s, e, code))
        before = text[max(0, s - 60):s]
        low = before.lower()
        b = _RU_BEFORE.search(low) if low[-1:].isspace() else None
        if b:
            hit = text[s - (len(before) - b.start()):e]
        else:
            a = _RU_AFTER.match(text, e)
            if a is None:
                continue
            prev = low.rstrip()
            if prev and prev[-1] not in '.!?;:—–-(\n' and \
                    prev.rsplit(None, 1)[-1] not in _RU_CLAUSE:
                continue
            hit = text[s:a.end()]
        if _inside_quotes(text, s):
            continue
        out.append({'agency': code, 'kind': 'cited', 'text': hit.strip()})
    if out and len(found) > 1:
        # names joined by "и" or a comma to a cited one: "сообщили ТАСС и
        # РИА Новости", "ТАСС и РИА Новости сообщили"
        cited = {o['agency'] for o in out}
        for _ in range(2):
            for (s1, e1, c1), (s2, e2, c2) in zip(found, found[1:]):
                if (c1 in cited) != (c2 in cited) and \
                        _RU_AND.fullmatch(text, e1, s2) and \
                        not _inside_quotes(text, s1):
                    code = c2 if c1 in cited else c1
                    cited.add(code)
                    out.append({'agency': code, 'kind': 'cited',
                                'text': text[s1:e2]})
    return out


def _coordinated(text, occ, hits, registry, skip):
    """Agencies named together with a cited one: "Reuters and AFP
    reported", "told Reuters and AFP", "according to AFP, AP and Reuters"."""
    out = []
    todo = sorted(hits)
    while todo:
        k = todo.pop()
        for j in (k - 1, k + 1):
            if j < 0 or j >= len(occ) or j in hits:
                continue
            (s1, e1, _), (s2, e2, _) = (occ[j], occ[k]) if j < k else \
                (occ[k], occ[j])
            if s2 - e1 > 12 or not _AND_JOIN.fullmatch(text, e1, s2):
                continue
            s, e, alias = occ[j]
            if skip[0] <= s < skip[1]:
                continue
            code = registry.lookup(alias)
            if not code or alias.lower() in registry.company or \
                    _inside_quotes(text, s):
                continue
            if _short(alias) and alias.isupper() and (
                    _NAME_NEXT.match(text, e) or
                    _defined_otherwise(text, alias, s, code, registry)):
                continue
            hits.add(j)
            todo.append(j)
            out.append({'agency': code, 'kind': 'cited',
                        'text': text[s1:e2].strip()})
    return out
