"""Feed date strings to aware UTC datetimes (pure; no Beam).

``parse_feed_date`` tries cheap stdlib paths first (epoch seconds, ISO 8601 /
W3C, RFC 822 and a tolerant token scanner that knows month and day names in
several languages and a table of zone abbreviations); only what those cannot
read goes to dateparser, given the feed's languages and a relative base.

Zone abbreviations are taken literally (``PST`` is UTC-8 even in summer, as
the feed wrote it). Times with no zone are in ``default_tz`` (an IANA name or
a tzinfo), else UTC.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Iterable, Mapping, Optional

UTC = dt.timezone.utc

# Offsets in minutes. Ambiguous abbreviations take their most common
# news-feed meaning (IST: India; CST: US Central; AST: Atlantic; BST: British
# Summer); a feed or run setting can override them (``zones``).
ZONE_OFFSETS: Mapping[str, int] = {
    'Z': 0, 'UT': 0, 'UTC': 0, 'GMT': 0, 'WET': 0, 'WEZ': 0, 'Z0': 0,
    'BST': 60, 'IST': 330, 'WEST': 60, 'WESZ': 60,
    'CET': 60, 'MEZ': 60, 'CEST': 120, 'MESZ': 120, 'MET': 60, 'MEST': 120,
    'WAT': 60, 'EET': 120, 'OEZ': 120, 'EEST': 180, 'OESZ': 180,
    'CAT': 120, 'SAST': 120, 'EAT': 180, 'MSK': 180, 'MSD': 240, 'TRT': 180,
    'AST': -240, 'ADT': -180, 'IRST': 210, 'GST': 240, 'AFT': 270,
    'PKT': 300, 'UZT': 300, 'NPT': 345, 'BDT': 360, 'MMT': 390,
    'ICT': 420, 'WIB': 420, 'SGT': 480, 'MYT': 480, 'HKT': 480, 'PHT': 480,
    'PST8': -480, 'AWST': 480, 'WITA': 480, 'CCT': 480, 'BJT': 480,
    'JST': 540, 'KST': 540, 'WIT': 540, 'ACST': 570, 'ACDT': 630,
    'AEST': 600, 'AEDT': 660, 'NZST': 720, 'NZDT': 780,
    'EST': -300, 'EDT': -240, 'CST': -360, 'CDT': -300, 'MST': -420,
    'MDT': -360, 'PST': -480, 'PDT': -420, 'AKST': -540, 'AKDT': -480,
    'HST': -600, 'NST': -210, 'NDT': -150,
    'ART': -180, 'BRT': -180, 'BRST': -120, 'CLT': -240, 'COT': -300,
    'PET': -300, 'VET': -240,
}

_MONTH_WORDS = {
    1: ['jan', 'january', 'janv', 'janvier', 'januar', 'jän', 'jänner', 'ene',
        'enero', 'janeiro', 'gen', 'gennaio', 'янв', 'января', 'январь',
        'يناير', 'كانون الثاني'],
    2: ['feb', 'february', 'févr', 'fevr', 'février', 'fevrier', 'februar',
        'febrero', 'fev', 'fevereiro', 'fevereiro', 'febbraio', 'фев', 'февр',
        'февраля', 'февраль', 'فبراير', 'شباط'],
    3: ['mar', 'march', 'mars', 'märz', 'marz', 'mär', 'marzo', 'março',
        'marco', 'мар', 'марта', 'март', 'مارس', 'آذار'],
    4: ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile', 'апр',
        'апреля', 'апрель', 'أبريل', 'ابريل', 'نيسان'],
    5: ['may', 'mai', 'mayo', 'maio', 'mag', 'maggio', 'мая', 'май', 'مايو',
        'أيار'],
    6: ['jun', 'june', 'juin', 'juni', 'junio', 'junho', 'giu', 'giugno',
        'июн', 'июня', 'июнь', 'يونيو', 'حزيران'],
    7: ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'julho', 'lug',
        'luglio', 'июл', 'июля', 'июль', 'يوليو', 'تموز'],
    8: ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'авг', 'августа',
        'август', 'أغسطس', 'اغسطس', 'آب'],
    9: ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set',
        'setembro', 'settembre', 'сен', 'сент', 'сентября', 'сентябрь',
        'سبتمبر', 'أيلول'],
    10: ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'out',
         'outubro', 'ott', 'ottobre', 'окт', 'октября', 'октябрь', 'أكتوبر',
         'اكتوبر', 'تشرين الأول'],
    11: ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'ноя',
         'нояб', 'ноября', 'ноябрь', 'نوفمبر', 'تشرين الثاني'],
    12: ['dec', 'december', 'déc', 'décembre', 'decembre', 'dez', 'dezember',
         'dic', 'diciembre', 'dezembro', 'dicembre', 'дек', 'декабря',
         'декабрь', 'ديسمبر', 'كانون الأول'],
}
MONTHS: Mapping[str, int] = {w: m for m, ws in _MONTH_WORDS.items() for w in ws}

_DAY_WORDS = {
    'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu',
    'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun',
    'sunday', 'lun', 'lundi', 'mardi', 'mer', 'mercredi', 'jeu', 'jeudi',
    'ven', 'vendredi', 'sam', 'samedi', 'dim', 'dimanche', 'mo', 'di', 'mi',
    'do', 'fr', 'sa', 'so', 'montag', 'dienstag', 'mittwoch', 'donnerstag',
    'freitag', 'samstag', 'sonntag', 'lunes', 'martes', 'miércoles',
    'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo', 'mié',
    'jue', 'vie', 'sáb', 'dom', 'segunda', 'terça', 'terca', 'quarta',
    'quinta', 'sexta', 'seg', 'ter', 'qua', 'qui', 'sex', 'feira',
    'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira',
    'sexta-feira', 'lunedì', 'lunedi', 'martedì', 'martedi', 'mercoledì',
    'mercoledi', 'giovedì', 'giovedi', 'venerdì', 'venerdi', 'sabato',
    'domenica', 'mar', 'gio', 'понедельник', 'вторник', 'среда', 'четверг',
    'пятница', 'суббота', 'воскресенье', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб',
    'вс', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الاربعاء', 'الخميس',
    'الجمعة', 'السبت', 'الأحد', 'الاحد',
}
# Filler words that may sit between date parts ("18 de março de 2025",
# "18. März 2025 um 10:00", "le 18 mars 2025 à 10h").
_FILLER = {'de', 'del', 'of', 'the', 'le', 'à', 'a', 'um', 'at', 'às', 'as',
           'alle', 'ore', 'в', 'г', 'г.', 'года', 'year', 'on', 'et', 'e',
           'h', 'uhr', 'hrs', 'hours', 'في', 'الساعة', 'م', 'ص'}
_ARABIC_DIGITS = str.maketrans('٠١٢٣٤٥٦٧٨٩', '0123456789')

_EPOCH = re.compile(r'^-?\d{9,13}(?:\.\d+)?$')
_ISO = re.compile(
    r'^(\d{4})-?(\d{2})-?(\d{2})'
    r'(?:[Tt ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*'
    r'(Z|z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?$')
_RFC = re.compile(
    r'^(?:([A-Za-z]{2,9})\.?,?\s+)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+'
    r'(\d{4}|\d{2})(?:,?\s+(\d{1,2}):?(\d{2})(?::(\d{2})(?:\.\d+)?)?)?'
    r'\s*(.*)$')
_ZONE_TAIL = re.compile(
    r'^(?:\(?([A-Za-z]{1,5})\)?)?\s*([+-])?\s*(\d{1,2})?(?::?(\d{2}))?\s*$')
_NUMOFF = re.compile(r'([+-])(\d{2}):?(\d{2})$|([+-])(\d{1,2})$')
_TOKEN = re.compile(
    r'(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?'
    r'|\d{1,2}h\d{2}|\d{1,2}\s*[ap]\.?m\.?'
    r'|[+-]\d{2}:?\d{2}\b|\d+(?:st|nd|rd|th|er|e|º|ª)?\.?'
    r'|[^\W\d_][^\W\d_.\-]*(?:-[^\W\d_]+)?\.?|[+-]|/)', re.I)


# US zone names without a season ("8:15 pm ET") follow daylight saving.
_REGION_ZONES = {'ET': 'America/New_York', 'CT': 'America/Chicago',
                 'MT': 'America/Denver', 'PT': 'America/Los_Angeles'}


@functools.lru_cache(maxsize=512)
def _offset_tz(minutes: int) -> dt.tzinfo:
    return UTC if minutes == 0 else dt.timezone(dt.timedelta(minutes=minutes))


try:
    from zoneinfo import ZoneInfo as _ZoneInfoType
except ImportError:  # pragma: no cover
    _ZoneInfoType = type(None)


@functools.lru_cache(maxsize=256)
def _named_tz(name: str):
    try:
        from zoneinfo import ZoneInfo
        return ZoneInfo(name)
    except Exception:
        return None


def _default_tz(default_tz) -> dt.tzinfo:
    if default_tz is None:
        return UTC
    if isinstance(default_tz, dt.tzinfo):
        return default_tz
    key = str(default_tz).strip()
    if key.upper() in ZONE_OFFSETS:
        return _offset_tz(ZONE_OFFSETS[key.upper()])
    m = _NUMOFF.search(key)
    if m and key.upper().lstrip('UTCGM') == key[len(key) - len(m.group(0)):]:
        return _offset_tz(_offset_minutes(m))
    return _named_tz(key) or UTC


def _offset_minutes(m) -> int:
    if m.group(1):
        sign, h, mi = m.group(1), int(m.group(2)), int(m.group(3))
    else:
        sign, h, mi = m.group(4), int(m.group(5)), 0
    v = h * 60 + mi
    return -v if sign == '-' else v


def _finish(y, mo, d, h, mi, s, us, tz) -> Optional[dt.datetime]:
    try:
        value = dt.datetime(y, mo, d, h, mi, s, us, tzinfo=tz)
        return value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _year(y: int) -> int:
    if y < 100:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _zone(tail: str, zones: Mapping[str, int], default) -> Optional[dt.tzinfo]:
    """Read a zone suffix ('GMT', '+0200', 'GMT+0530', 'UTC-5', '(PKT)')."""
    tail = tail.strip()
    if not tail:
        return default
    m = _ZONE_TAIL.match(tail)
    if not m:
        return None
    name, sign, hh, mm = m.groups()
    base = 0
    if name:
        key = name.upper()
        if key in zones:
            base = zones[key]
        elif key in ZONE_OFFSETS:
            base = ZONE_OFFSETS[key]
        else:
            return None
    if hh is not None or mm is not None:
        if hh is None:
            return None
        if not sign:
            return None if name else None
        if mm is None and len(hh) == 2 and not name:
            pass
        off = int(hh) * 60 + int(mm or 0)
        if len(hh) == 1 and mm is None and not name:
            return None
        base += -off if sign == '-' else off
    elif sign:
        return None
    return _offset_tz(base)


def _fast(raw: str, tz_default, zones) -> Optional[dt.datetime]:
    if _EPOCH.match(raw):
        v = float(raw)
        if abs(v) >= 1e11:  # milliseconds
            v /= 1000.0
        try:
            return dt.datetime.fromtimestamp(int(v), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    m = _ISO.match(raw)
    if m:
        y, mo, d, h, mi, s, frac, z = m.groups()
        if z is None:
            tz = tz_default
        elif z in ('Z', 'z', 'UTC', 'GMT'):
            tz = UTC
        else:
            sign = -1 if z[0] == '-' else 1
            digits = z[1:].replace(':', '')
            off = int(digits[:2]) * 60 + int(digits[2:4] or 0)
            tz = _offset_tz(sign * off)
        us = int((frac or '0')[:6].ljust(6, '0'))
        return _finish(int(y), int(mo), int(d), int(h or 0), int(mi or 0),
                       int(s or 0), us, tz)
    m = _RFC.match(raw)
    if m:
        _wd, d, mon, y, h, mi, s, tail = m.groups()
        month = MONTHS.get(mon.lower())
        if month:
            tz = _zone(tail, zones, tz_default)
            if tz is not None:
                return _finish(_year(int(y)), month, int(d), int(h or 0),
                               int(mi or 0), int(s or 0), 0, tz)
    return None


def _scan(raw: str, tz_default, zones) -> Optional[dt.datetime]:
    """Tolerant token scanner: month names in several languages, day names
    and filler words skipped, numeric d/m/y, times, zones."""
    text = raw.translate(_ARABIC_DIGITS).replace('،', ',')
    year = month = day = None
    hour = minute = second = 0
    have_time = False
    tz = None
    nums = []
    pm = None
    tokens = _TOKEN.findall(text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower().rstrip('.')
        i += 1
        if ':' in tok or re.match(r'^\d{1,2}h\d{2}$', low) or \
                re.match(r'^\d{1,2}\s*[ap]\.?m\.?$', low):
            if have_time:
                return None
            have_time = True
            ampm = re.search(r'([ap])\.?m', low)
            core = re.sub(r'\s*[ap]\.?m\.?$', '', low)
            parts = re.split(r'[:h]', core)
            hour = int(parts[0])
            minute = int(parts[1]) if len(parts) > 1 else 0
            second = int(float(parts[2].replace(',', '.'))) if len(parts) > 2 else 0
            if ampm:
                pm = ampm.group(1) == 'p'
            continue
        if tok[0] in '+-' and len(tok) > 1:
            m = _NUMOFF.search(tok)
            if m and have_time and not isinstance(tz, _ZoneInfoType):
                tz = _offset_tz((tz.utcoffset(None).total_seconds() // 60 if tz else 0) + _offset_minutes(m))
                continue
            return None
        if tok in ('+', '-', '/'):
            continue
        if tok[0].isdigit():
            n = re.match(r'\d+', tok).group(0)
            nums.append(n)
            continue
        if low in MONTHS:
            if month is not None:
                return None
            month = MONTHS[low]
            continue
        if tok in _REGION_ZONES and tz is None:   # capitals only: "et" is a word
            tz = _named_tz(_REGION_ZONES[tok])
            if tz is not None:
                continue
        if low in _DAY_WORDS or low in _FILLER:
            continue
        up = tok.upper().rstrip('.')
        if up in zones or up in ZONE_OFFSETS:
            tz = _offset_tz(zones.get(up, ZONE_OFFSETS.get(up, 0)))
            continue
        if low in ('am', 'a.m', 'pm', 'p.m'):
            pm = low.startswith('p')
            continue
        return None
    # assign numbers (a leading four-digit year means year/month/day)
    year_first = bool(nums) and len(nums[0]) == 4
    rest = []
    for n in nums:
        if len(n) == 4 and year is None:
            year = int(n)
        else:
            rest.append(n)
    if month is not None:
        if not rest:
            return None
        day = int(rest.pop(0))
        if year is None and rest:
            year = _year(int(rest.pop(0)))
        if rest and not have_time and len(rest) == 1 and len(rest[0]) == 4:
            hour, minute = int(rest[0][:2]), int(rest[0][2:])
            rest = []
    else:
        if len(rest) < 2 or year is None:
            return None
        a, b = int(rest.pop(0)), int(rest.pop(0))
        if year_first:
            month, day = (a, b) if a <= 12 else (b, a)
        else:
            day, month = (a, b) if b <= 12 else (b, a)
    if rest or year is None:
        return None
    if pm is not None:
        if pm and hour < 12:
            hour += 12
        elif not pm and hour == 12:
            hour = 0
    return _finish(year, month, day, hour, minute, second, 0,
                   tz or tz_default)


_LANG_FALLBACK = ('en', 'fr', 'de', 'es', 'pt', 'it', 'ru', 'ar')


def _dateparser(raw, tz_default, languages, relative_base):
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    tzname = getattr(tz_default, 'key', None) or 'UTC'
    settings = {'RETURN_AS_TIMEZONE_AWARE': True,
                'TIMEZONE': tzname, 'TO_TIMEZONE': 'UTC',
                'PREFER_DAY_OF_MONTH': 'first'}
    if relative_base is not None:
        base = relative_base
        if base.tzinfo is not None:
            base = base.astimezone(UTC).replace(tzinfo=None)
        settings['RELATIVE_BASE'] = base
    langs = list(languages or ()) or None
    try:
        value = dateparser.parse(raw, languages=langs, settings=settings)
        if value is None and langs:
            value = dateparser.parse(raw, languages=list(_LANG_FALLBACK),
                                     settings=settings)
    except Exception:
        return None
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz_default)
    return value.astimezone(UTC)


_WS = re.compile(r'\s+')


def parse_feed_date(raw: Optional[str], *, default_tz=None,
                    languages: Optional[Iterable[str]] = None,
                    relative_base: Optional[dt.datetime] = None,
                    zones: Optional[Mapping[str, int]] = None
                    ) -> Optional[dt.datetime]:
    """Parse a feed date string; return an aware UTC datetime or None.

    ``default_tz``: zone for times without one (IANA name, abbreviation,
    offset string or tzinfo; default UTC). ``languages``: the feed's language
    codes, handed to dateparser. ``relative_base``: "now" for relative dates
    (the fetch time). ``zones``: extra/overriding abbreviation offsets in
    minutes (e.g. {'IST': 120} for an Israeli feed).
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if '  ' in text or not text.isprintable():
        text = _WS.sub(' ', text)
    if not text:
        return None
    tz_default = UTC if default_tz is None else _default_tz(default_tz)
    zones = {k.upper(): v for k, v in zones.items()} if zones else {}
    value = _fast(text, tz_default, zones)
    if value is not None:
        return value
    value = _scan(text, tz_default, zones)
    if value is not None:
        return value
    if len(text) > 80:
        return None
    langs = [l.lower()[:2] for l in (languages or ()) if l]
    return _dateparser(text, tz_default, langs, relative_base)
