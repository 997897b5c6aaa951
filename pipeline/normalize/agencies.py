"""Wire-agency registry and credit matching (pure; no Beam).

The registry is read from YAML (bundled ``configs/agencies.yaml`` or a user
file) and cached. Credits are found by position, not by mere mention: a
dateline ``(AFP)``, a ``By Reuters`` byline, an ``AP -`` prefix, a title
suffix ``(AP)``, a closing ``- AFP``; and citations in the text with a citing
phrase (``AFP reported``, ``told Reuters``, ``according to AFP``). Acronyms
that are also ordinary abbreviations (AP, PTI, CP, AFP...) never count on a
bare mention, and mentions inside quotation marks are ignored.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Dict, FrozenSet, List, Optional, Tuple


@dataclasses.dataclass(frozen=True)
class Agency:
    code: str
    name: str
    aliases: Tuple[str, ...]
    ambiguous: FrozenSet[str] = frozenset()


_PRE = ('', '(', '"', '\u201c', "'", '\u2018', '[')
_SUF = ('', '.', ',', ';', ':', ')', '),', ').', "'s", '\u2019s', "'",
        '\u2019', '"', '\u201d', ')-', '-', '/', '!', '?', '.)', '."',
        '.\u201d', ',"', ',\u201d')


_COMMON_KEYS = {'the', 'new', 'press', 'news', 'agency', 'united', 'national',
                'central', 'of', 'middle', 'east', 'south', 'north', 'asian',
                'china', 'republic', 'islamic', 'service', 'international',
                'associated', 'media', 'de', 'la', 'agencia', 'agence',
                'general', 'arab', 'emirates', 'kenya', 'jordan', 'philippine',
                'saudi', 'qatar', 'kuwait', 'vietnam', 'korean', 'polish',
                'czech', 'nigeria', 'zealand', 'australian', 'canadian',
                'france', 'york', 'times', 'dow', 'jones', 'athens', 'europa',
                'bulgarian', 'hungarian', 'finnish'}


def _short(alias: str) -> bool:
    return len(alias) <= 4


class Registry:
    """Aliases to canonical codes, with one compiled matcher."""

    def __init__(self, agencies: List[Agency]):
        self.agencies = {a.code: a for a in agencies}
        self.exact: Dict[str, str] = {}     # short aliases, case-sensitive
        self.folded: Dict[str, str] = {}    # long aliases, lower case
        self.ambiguous: set = set()
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
        # Fast candidate search: the first word of every alias (as written and
        # in capitals), with the punctuation that may cling to it in running
        # text; a story whose tokens miss this set cites no agency.
        self.by_first: Dict[str, List[str]] = {}
        self.firsts: Dict[str, str] = {}
        forms = set()
        for a in agencies:
            for alias in set(a.aliases) | {a.name}:
                alias = alias.strip()
                if not alias:
                    continue
                forms.add(alias)
                if not _short(alias):
                    forms.add(alias.upper())
        # Each alias is found through its most distinctive word ("Trust" for
        # Press Trust of India), so common words never make a story a
        # candidate.
        self.keyed: Dict[str, List[Tuple[str, int]]] = {}
        for form in forms:
            words = form.split()
            key = max(words, key=lambda w: (w.lower() not in _COMMON_KEYS, len(w)))
            self.keyed.setdefault(key, []).append((form, form.index(key)))
            for pre in _PRE:
                for suf in _SUF:
                    self.firsts[pre + key + suf] = key
        self.first_set = frozenset(self.firsts)
        for v in self.keyed.values():
            v.sort(key=lambda fo: len(fo[0]), reverse=True)
        longs = sorted({k for k in self.folded}, key=len, reverse=True)
        shorts = sorted(self.exact, key=len, reverse=True)
        parts = []
        if longs:
            parts.append('(?i:' + '|'.join(re.escape(k) for k in longs) + ')')
        if shorts:
            parts.append('|'.join(re.escape(k) for k in shorts))
        # An alias is a whole word; a long alias may be followed by 's.
        self.matcher = re.compile(
            r"(?<![\w@./-])(?:the\s+|The\s+)?(" + '|'.join(parts) +
            r")(?![\w]|-[A-Za-z])")

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
        t = _CREDIT_NOISE.sub('', text.strip()).strip(' .,;:')
        code = self.lookup(t)
        if code:
            return [code]
        parts = [p for p in _CREDIT_SPLIT.split(t) if p.strip()]
        codes = []
        for p in parts:
            c = self.lookup(p)
            if not c:
                return []
            codes.append(c)
        return codes


_CREDIT_SPLIT = re.compile(r'\s*(?:/|,|&|\+|\band\b|\bwith\b)\s*')
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
                                              (item.get('ambiguous') or ()))))
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


# ---------------------------------------------------------------- citations
_BEFORE = re.compile(
    r"(?:according\s+to|told|tells|telling|quoted\s+by|cited\s+by|"
    r"reported\s+by|citing|speaking\s+to|spoke\s+to|said\s+to|confirmed\s+to|"
    r"interview\s+with|statement\s+to|comments\s+to|remarks\s+to|"
    r"data\s+compiled\s+by|a\s+report\s+by|reports\s+by|report\s+from|"
    r"reporting\s+by|survey\s+by|poll\s+by|calculations\s+by|"
    r"in\s+a\s+(?:report|dispatch)\s+(?:by|from)|carried\s+by|"
    r"quoting|via|by\s+wire\s+service)"
    r"\s+(?:the\s+)?(?:(?:state|state-run|official|government|news)\s+)*$",
    re.I)
_AFTER_STRONG = re.compile(
    r"(?:'s?)?\s*(?:(?:news|press)\s+agency|news\s+service|wire\s+service|"
    r"agency)?\s*,?\s*(?:reported|reports|quoted|quotes|cited|cites|"
    r"has\s+reported|had\s+reported|was\s+reporting|is\s+reporting|quoting|"
    r"citing|learned|has\s+learned|has\s+learnt|news\s+agency)\b", re.I)
_AFTER_SAID = re.compile(
    r"(?:\s+(?:news|press)\s+agency)?\s*,?\s*(?:said|says|added|wrote|"
    r"reported|quoted)\b", re.I)
_AGENCY_WORD = re.compile(r"\s+(?:news|press)\s+agency\b", re.I)


def _inside_quotes(text: str, pos: int) -> bool:
    start = text.rfind('\n', 0, pos) + 1
    seg = text[start:pos]
    n = seg.count('"')
    if n % 2:
        return True
    opens = seg.count('\u201c')
    closes = seg.count('\u201d')
    return opens > closes


def _occurrences(text: str, registry: Registry, tokens=None):
    """(start, end, alias) of every whole-word alias occurrence, found with
    str.find from the candidate first words present in the text."""
    firsts = registry.firsts
    if tokens is None:
        tokens = set(text.split())
    keys = {firsts[t] for t in tokens & registry.first_set}
    found = set()
    n = len(text)
    for key in keys:
        j = text.find(key)
        while j >= 0:
            for alias, off in registry.keyed[key]:
                i = j - off
                if i < 0 or not text.startswith(alias, i):
                    continue
                if i and (text[i - 1].isalnum() or text[i - 1] in '_@./-'):
                    continue
                e = i + len(alias)
                if e < n and (text[e].isalnum() or text[e] == '_' or
                              (text[e] == '-' and e + 1 < n and
                               text[e + 1].isalpha())):
                    continue
                found.add((i, e, alias))
                break
            j = text.find(key, j + 1)
    return sorted(found)


def find_citations(text: str, registry: Registry,
                   skip: Tuple[int, int] = (0, 0)) -> List[dict]:
    """Agencies cited in running text: [{agency, kind: 'cited', text}]."""
    out = []
    if not text:
        return out
    tokens = set(text.split())
    if registry.first_set.isdisjoint(tokens):
        return out
    for s, e, alias in _occurrences(text, registry, tokens):
        if skip[0] <= s < skip[1]:
            continue
        code = registry.lookup(alias)
        if not code:
            continue
        start = s
        if text[max(0, s - 4):s].lower() == 'the ':
            start = s - 4
        amb = alias in registry.ambiguous or (_short(alias) and
                                               alias.isupper())
        before = text[max(0, s - 60):start]
        after = text[e:e + 60]
        hit = None
        b = _BEFORE.search(before)
        if b:
            hit = text[start - (len(before) - b.start()):e]
        else:
            a = _AFTER_STRONG.match(after)
            if a:
                hit = text[start:e + a.end()]
            elif not amb:
                a = _AFTER_SAID.match(after)
                if a:
                    hit = text[start:e + a.end()]
                elif _AGENCY_WORD.match(after):
                    hit = text[start:e + len(_AGENCY_WORD.match(after).group(0))]
        if hit is None:
            continue
        if _inside_quotes(text, s):
            continue
        out.append({'agency': code, 'kind': 'cited', 'text': hit.strip()})
    return out
