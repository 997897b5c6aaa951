"""Feed date strings to aware UTC datetimes (pure; no Beam).

``parse_feed_date`` tries cheap stdlib paths first (epochs, compact dates
``YYYYMMDDhhmm[ss]``, ISO 8601 / W3C, RFC 822 and a tolerant token scanner that knows month and day names in
several languages and a table of zone abbreviations); only what those cannot
read goes to dateparser, given the feed's languages and a relative base.

Zone abbreviations are taken literally (``PST`` is UTC-8 even in summer, as
the feed wrote it); a numeric offset is authoritative (``+0530 GMT`` is
+05:30, as RFC 5322 says), while a name before it is its base (``GMT+0530``)
unless the offset merely restates the name's own (``EST-0500``).
Times with no zone are in ``default_tz`` (an IANA name or a tzinfo), else
UTC. A bare date is midnight UTC whatever the feed's zone, so that it stays
on its calendar day. ``24:00`` is the midnight that ends the day.

A form that is recognised but names no real instant (31 February, hour 25,
an offset of 25 hours) is refused at once (None) rather than handed on to a
looser reader that might make something of it. So is a placeholder or typo
rather than a date: the Unix epoch itself (what a missing timestamp formats
to), anything before 2 January 1900 (``0001-01-01``, ``1900-01-01``, a year
``0025``) and anything more than a year after the fetch time (the clock when
there is none; ``9999-12-31``, ``3025``). The article is better off falling
back to its dateline or fetch time than carrying those. Archive dates are
real, though: a 1987 wire story keeps its date.

A number is an epoch by its digits: 9-10 seconds, 13 milliseconds, 16
microseconds, 19 nanoseconds. Twelve and fourteen digits are the compact
``YYYYMMDDhhmm`` and ``YYYYMMDDhhmmss`` when they name a calendar date and
time; other lengths (11, 12 that are no date, 15...) are no date at all.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
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
    'ART': -180, 'BRT': -180, 'BRST': -120, 'CLT': -240, 'CLST': -180,
    'COT': -300, 'PET': -300, 'VET': -240, 'UYT': -180,
    'IDT': 180, 'SLST': 330, 'AZT': 240, 'YEKT': 300, 'OMST': 360,
    'TSİ': 180,     # Türkiye Saati, as Turkish sites write it
    'KRAT': 420, 'IRKT': 480, 'YAKT': 540, 'VLAT': 600,
    'ALMT': 300,    # Kazakhstan's one zone since March 2024 (ALMT was +6 before)
    'МСК': 180,     # Russian sites write Moscow time in Cyrillic
    # More zones, from Russia and Asia to the Pacific, the Atlantic islands
    # and South America, each at its offset today as IANA's tzdata (2025b)
    # has it, a daylight name at the place's summer offset.
    # Unknown here, they went to dateparser, whose table has some at what
    # they were years ago (NOVT +6, NFT +11:30, NRT +11:30, TKT -11).
    # Names that stand for two zones ("AMT", "ECT", "SST", "PWT") are left
    # out, as is Paraguay's PYT (-3 since October 2024, -4 before): see
    # _unplaced_zone. (Those that are also words, "GET", "MUT", are read as
    # zones only where a zone stands.)
    'SAMT': 240, 'NOVT': 420, 'MAGT': 660, 'SAKT': 660, 'PETT': 720,
    'ANAT': 720, 'FET': 180, 'TJT': 300, 'TMT': 300, 'KGT': 360,
    'ULAT': 480, 'HOVT': 420, 'BTT': 360, 'MVT': 300, 'BNT': 480,
    'TLT': 540, 'SCT': 240,
    'ACWST': 525, 'LHST': 630, 'LHDT': 660, 'NFT': 660, 'NFDT': 720,
    'CHAST': 765, 'CHADT': 825, 'CHST': 600, 'PGT': 600, 'SBT': 660,
    'VUT': 660, 'NCT': 660, 'FJT': 720, 'MHT': 720, 'GILT': 720,
    'TVT': 720, 'NRT': 720, 'TKT': 780, 'PHOT': 780, 'TAHT': -600,
    'CKT': -600, 'GAMT': -540, 'MART': -570, 'HDT': -540,
    'GALT': -360, 'GYT': -240, 'SRT': -180, 'GFT': -180, 'FNT': -120,
    'FKST': -180, 'PMST': -180, 'PMDT': -120, 'CVT': -60, 'AZOT': -60,
    'AZOST': 0,
    'GET': 240, 'MUT': 240, 'RET': 240, 'BOT': -240,
    # Canada's French names: heure normale (HN) or avancée (HA), de l'Est,
    # du Centre, des Rocheuses, du Pacifique, de l'Atlantique, de
    # Terre-Neuve
    'HNE': -300, 'HAE': -240, 'HNC': -360, 'HAC': -300, 'HNR': -420,
    'HAR': -360, 'HNP': -480, 'HAP': -420, 'HNA': -240, 'HAA': -180,
    'HNT': -210, 'HAT': -150,
}

_MONTH_WORDS = {
    1: ['jan', 'january', 'janv', 'janvier', 'januar', 'jän', 'jänner', 'ene',
        'enero', 'janeiro', 'gen', 'gennaio', 'янв', 'января', 'январь',
        'يناير', 'كانون الثاني', 'كانون الثانى', 'جانفي'],
    2: ['feb', 'february', 'févr', 'fevr', 'février', 'fevrier', 'februar',
        'febrero', 'fev', 'fevereiro', 'fevereiro', 'febbraio', 'фев', 'февр',
        'февраля', 'февраль', 'فبراير', 'شباط', 'فيفري'],
    3: ['mar', 'march', 'mars', 'märz', 'marz', 'mär', 'marzo', 'março',
        'marco', 'мар', 'марта', 'март', 'مارس', 'آذار'],
    4: ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile', 'апр',
        'апреля', 'апрель', 'أبريل', 'ابريل', 'إبريل', 'نيسان', 'أفريل',
        'افريل'],
    5: ['may', 'mai', 'mayo', 'maio', 'mag', 'maggio', 'мая', 'май', 'مايو',
        'أيار', 'ماي'],
    6: ['jun', 'june', 'juin', 'juni', 'junio', 'junho', 'giu', 'giugno',
        'июн', 'июня', 'июнь', 'يونيو', 'يونيه', 'يونية', 'حزيران', 'جوان'],
    7: ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'julho', 'lug',
        'luglio', 'июл', 'июля', 'июль', 'يوليو', 'يوليه', 'يولية', 'تموز',
        'جويلية', 'يوليوز'],
    8: ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'авг', 'августа',
        'август', 'أغسطس', 'اغسطس', 'آب', 'أوت', 'اوت', 'غشت'],
    9: ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set',
        'setembro', 'settembre', 'сен', 'сент', 'сентября', 'сентябрь',
        'سبتمبر', 'أيلول', 'شتنبر'],
    10: ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'out',
         'outubro', 'ott', 'ottobre', 'окт', 'октября', 'октябрь', 'أكتوبر',
         'اكتوبر', 'تشرين الأول', 'تشرين الاول'],
    11: ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'ноя',
         'нояб', 'ноября', 'ноябрь', 'نوفمبر', 'تشرين الثاني', 'تشرين الثانى', 'نونبر'],
    12: ['dec', 'december', 'déc', 'décembre', 'decembre', 'dez', 'dezember',
         'dic', 'diciembre', 'dezembro', 'dicembre', 'дек', 'декабря',
         'декабрь', 'ديسمبر', 'كانون الأول', 'كانون الاول', 'دجنبر'],
}
# Hungarian, whose dates run year, month, day ("2025. március 18.", MTI's
# "Budapest, március 18. (MTI)"): the full names, and the abbreviations that
# are no word of another language.
_HU_MONTHS = {
    **{w: m for m, w in enumerate((
        'január február március április május június július augusztus '
        'szeptember október november december').split(), 1)},
    'febr': 2, 'márc': 3, 'ápr': 4, 'máj': 5, 'jún': 6, 'júl': 7, 'szept': 9}
# Lithuanian, whose month (genitive) comes before the day: ELTA's
# "VILNIUS, kovo 17 d. (ELTA)."
_LT_MONTHS = {w: m for m, w in enumerate((
    'sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio '
    'rugsėjo spalio lapkričio gruodžio').split(), 1)}
MONTHS: Mapping[str, int] = {
    **{w: m for m, ws in _MONTH_WORDS.items() for w in ws}, **_HU_MONTHS,
    **_LT_MONTHS}

# More month names for feed dates only (Dutch, Turkish, Polish, Indonesian
# and a few spellings: German "Mrz", Latin American "setiembre", Levantine
# Arabic without its hamza or with the wrong one: "اذار", "أذار", "ايار",
# "ايلول"). They stay out of MONTHS because datelines.py builds its
# "PARIS, 3 March" pattern from it, where short words such as 'mei', 'ara',
# 'lis' or 'sie' would turn ordinary text into dates.
_FEED_MONTH_WORDS = {
    1: 'januari ocak oca styczeń styczen stycznia sty',
    2: 'februari fév şubat subat şub sub luty lutego lut',
    3: 'maart mrt mrz maret mart marzec marca اذار أذار',
    4: 'nisan nis kwiecień kwiecien kwietnia kwi',
    5: 'mei mayıs mayis maj maja ايار إيار',
    6: 'haziran haz czerwiec czerwca cze',
    7: 'temmuz tem lipiec lipca lip',
    8: 'augustus agustus agu agt ağustos ağu sierpień sierpien sierpnia sie',
    9: 'setiembre eylül eylul eyl wrzesień wrzesien września wrzesnia wrz '
       'ايلول إيلول',
    10: 'ekim eki październik pazdziernik października pazdziernika paź',
    11: 'kasım kasim kas listopad listopada lis',
    12: 'desember des aralık aralik ara grudzień grudzien grudnia gru',
}
_FEED_MONTHS: Mapping[str, int] = {
    **MONTHS,
    **{w: m for m, ws in _FEED_MONTH_WORDS.items() for w in ws.split()}}

# Month names that a dateline writes after its day, in the languages of
# agencies whose datelines carry a date: ČTK's "Praha 18. března", TASR's
# "Bratislava 18. marca", STA's "Ljubljana, 18. marca", Hina's "ZAGREB, 18.
# ožujka", Tanjug's "BEOGRAD, 18. marta", PAP's "Warszawa, 18 marca",
# Agerpres's "Bucureşti, 18 martie", BTA's "София, 18 януари", Bernama's
# Malay "KUALA LUMPUR, 18 Mac", Antara's "Jakarta, 18 Maret", Anadolu's
# Turkish "Ankara, 18 Mart", LETA's "RĪGA, 18. marts", BNS's "TALLINN, 18.
# märts". datelines.py reads them only after a day, where a short word
# ("mei", "jun") is no ordinary word. The Croatian "listopada" (October) is
# left out: it is Polish for November. Turkish's dotless "ı" is also
# written as "i" ("mayis"), as capitals read it ("MAYIS"); its "nisan",
# April, is also a Hebrew month: "18 Nisan" in Israeli copy reads as April.
DAY_MONTHS: Mapping[str, int] = {w: m for m, ws in {
    1: 'ledna januára januarja siječnja januara stycznia ianuarie januari '
       'януари січня ocak janvāris jaanuar',
    2: 'února februára februarja veljače februara lutego februarie '
       'februari февруари лютого şubat februāris veebruar',
    3: 'března marca ožujka marta martie mac maret март березня mart marts '
       'märts',
    4: 'dubna apríla aprila travnja kwietnia aprilie април квітня nisan '
       'aprīlis aprill',
    5: 'května mája maja svibnja maj mei май травня mayıs mayis maijs',
    6: 'června júna junija lipnja juna czerwca iunie jun juni юни червня '
       'haziran jūnijs juuni',
    7: 'července júla julija srpnja jula lipca iulie julai juli юли липня '
       'temmuz jūlijs juuli',
    8: 'srpna augusta avgusta kolovoza avgust sierpnia ogos agustus '
       'август серпня ağustos augusts',
    9: 'září septembra rujna septembar września septembrie september '
       'септември вересня eylül septembris',
    10: 'října októbra oktobra oktobar października octombrie oktober '
        'октомври жовтня ekim oktobris oktoober',
    11: 'listopadu novembra studenoga studenog novembar noiembrie '
        'november ноември листопада kasım kasim novembris',
    12: 'prosince decembra prosinca decembar grudnia decembrie disember '
        'desember декември грудня aralık aralik decembris '
        'detsember',
}.items() for w in ws.split()}

# Day names and abbreviations by weekday (Monday = 0). A weekday is skipped,
# but it also settles which of two numbers is the day ("Mon, 06/02/2025").
_WEEKDAY_WORDS = (
    'mon monday lun lundi mo montag lunes seg segunda segunda-feira lunedì '
    'lunedi понедельник пн الاثنين الإثنين ma maandag pzt pazartesi pon '
    'poniedziałek poniedzialek sen senin',
    'tue tues tuesday mar mardi di dienstag martes ter terça terca '
    'terça-feira terca-feira martedì martedi вторник вт الثلاثاء dinsdag '
    'sal salı sali wt wtorek sel selasa',
    'wed wednesday mer mercredi mi mittwoch mié mie miércoles miercoles qua '
    'quarta quarta-feira mercoledì mercoledi среда ср الأربعاء الاربعاء wo '
    'woensdag çar car çarşamba carsamba śr sr środa sroda rab rabu',
    'thu thur thurs thursday jeu jeudi do donnerstag jue jueves qui quinta '
    'quinta-feira gio giovedì giovedi четверг чт الخميس donderdag per '
    'perşembe persembe czw czwartek kam kamis',
    'fri friday ven vendredi fr freitag vie viernes sex sexta sexta-feira '
    'venerdì venerdi пятница пт الجمعة vr vrijdag cum cuma pt piątek piatek '
    'jum jumat',
    'sat saturday sam samedi sa samstag sáb sab sábado sabado sabato суббота '
    'сб السبت za zaterdag cmt cumartesi sob sobota sabtu',
    'sun sunday dim dimanche so sonntag dom domingo domenica воскресенье вс '
    'الأحد الاحد zo zondag paz pazar nd ndz niedz niedziela min minggu',
)
_DAY_WORDS: Mapping[str, int] = {
    w: i for i, ws in enumerate(_WEEKDAY_WORDS) for w in ws.split()}
# Filler words that may sit between date parts ("18 de março de 2025",
# "Montag, den 18. März 2025 um 10:00", "le 18 mars 2025 à 10h",
# "18 marca 2025 r. o 10:00", "Updated: March 18, 2025", "Stand: 18.03.2025
# 10:00 Uhr", ISO's "T" before a zone name: "2025-03-18T10:00 EDT"), and the CJK
# year/month/day marks ("2025年3月18日", "2025년 3월 18일"), which leave the
# numbers in year-month-day order.
_FILLER = {'de', 'del', 'of', 'the', 'le', 'à', 'a', 'um', 'at', 'às', 'as',
           'alle', 'ore', 'в', 'г', 'г.', 'года', 'year', 'on', 'et', 'e',
           'h', 'uhr', 'hrs', 'hours', 'في', 'الساعة', 'م', 'ص', 'feira',
           'las', 'hs', 'den', 'om', 'uur', 'o', 'godz', 'r', 'roku',
           'pukul', 'saat', 'updated', 'published', 'posted', 'modified',
           'last', 'stand', 'aktualisiert', 'publié', 'publicado',
           'actualizado', 'atualizado', 'pubblicato', 'aggiornato', 't',
           # labels before a date: "Mis à jour le", "Publicado el/em",
           # "Pubblicato il", "First published", "Veröffentlicht am",
           # "Обновлено", "Опубликовано", "نشر في", "آخر تحديث"
           'mis', 'jour', 'el', 'em', 'il', 'first', 'veröffentlicht',
           'обновлено', 'опубликовано', 'نشر', 'آخر', 'تحديث',
           '年', '月', '日', '년', '월', '일'}
_ARABIC_DIGITS = str.maketrans('٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹',
                               '01234567890123456789')

# Nine digits or more (a decimal fraction allowed): an epoch, told by its
# length, or a compact date and time; see _digits.
# GNU date's "@1742292000" is the same epoch.
_EPOCH = re.compile(r'^[-@]?\d{9,}(?:\.\d+)?$')
# Epoch digits -> the decimal places of a second in them: seconds (9 or 10
# digits: 1973 to 2286), milliseconds (13), microseconds (16), nanoseconds
# (19). Other lengths are no epoch of these years: 12 digits are neither
# seconds (the year 5000) nor milliseconds (1973).
_EPOCH_PLACES = {9: 0, 10: 0, 13: 3, 16: 6, 19: 9}
_ISO = re.compile(
    r'^(\d{4})-?(\d{2})-?(\d{2})'
    r'(?:[Tt ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*'
    r'(Z|z|[+-]\d{2}(?::?\d{2})?[Zz]?|UTC|GMT)?$')
_RFC = re.compile(
    r'^(?:([A-Za-z]{2,9})\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+'
    r'(\d{4}|\d{2})(?:,?\s+(\d{1,2}):?(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?'
    r'\s*(.*)$')
# Zone suffix: a name, an offset (relative to the name if both), and maybe a
# name after the offset ("+0000 GMT"), which the offset overrides.
_ZONE_TAIL = re.compile(
    r'^([A-Za-z]{1,5})?\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?'
    r'\s*([A-Za-z]{1,5})?$')
# ASP.NET's JSON dates: UTC milliseconds, then the writer's offset, which
# does not change the instant; the slashes may keep JSON's escapes
# ("\\/Date(...)\\/").
_MS_JSON = re.compile(
    r'^\\?/?Date\((-?\d{1,15})(?:[+-]\d{4})?\)\\?/?$')
# ISO 8601 week and ordinal dates, date only: "2025-W12-2", "2025W122",
# "2025-077" (dateparser read the week date as 2 December)
_ISO_WEEK = re.compile(r'(\d{4})-?W(\d{2})(?:-?([1-7]))?$')
_ISO_ORDINAL = re.compile(r'(\d{4})-(\d{3})$')
_REMARK = re.compile(r'\(([^()]*)\)$')
_NUMOFF = re.compile(r'([+-])(\d{1,2}):?(\d{2})$|([+-])(\d{1,2})$')
# Tokens. A time's "am" or "pm" after a space is no word's start: "10:00
# AMT" and "10:00 PMST" are zones ("10:00amEST" keeps its "am"). An offset
# in hours alone counts as one only right after a word, the zone it is
# relative to ("GMT+4", "MSK+4", Cyrillic "МСК+4"); before the time the
# scanner takes it for a separator and a number ("Jun-02").
_AMPM_MARK = r'[ap]\.?\s?m\.?|\s+[ap]\.?\s?m(?:\.|(?![^\W\d_]))'
_TOKEN = re.compile(
    r'(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:' + _AMPM_MARK + r')?'
    r'|\d{1,2}\s?h(?:\s?\d{2})?\b|\d{1,2}(?:' + _AMPM_MARK + r')'
    r'|(?<![\d.])\d{1,2}\.\d{2}(?![.\d])'
    r'|(?<=[^\W\d_])[+-]\d{1,2}(?::?\d{2})?\b|[+-]\d{2}:?\d{2}\b'
    r'|\d+(?:st|nd|rd|th|er|e|º|ª)?\.?'
    r'|[^\W\d_][^\W\d_.\-]*(?:-[^\W\d_]+)?\.?|[+\-/()])', re.I)
# Day and month in figures, with their separator ("03/06", "03.06.",
# "03-06-"), as opposed to numbers apart ("18 Mar 2025 10").
_NUMERIC_DATE = re.compile(r'\d[/.\-]\d{1,2}[/.\-]')
_NUMBER = re.compile(r'(\d+)(?:st|nd|rd|th|er|e|º|ª)?(\.)?$', re.I)
_TIME = re.compile(
    r'(\d{1,2})(?:\s?([:h.])\s?(\d{2})(?::(\d{2})(?:[.,](\d+))?)?|\s?h)?'
    r'\s*(?:([ap])\.?\s?m\.?)?$', re.I)
# A time's a.m./p.m. marks, after it: English, and Arabic ("10:00 م" is
# 22:00; "ص", morning, 10:00); before a time or after a year ("2025م", the
# Common Era) the Arabic letters are filler.
_AMPM_WORDS = {'am': False, 'a.m': False, 'pm': True, 'p.m': True,
               'ص': False, 'صباحا': False, 'صباح': False,
               'م': True, 'مساء': True, 'مساءا': True}
# Zones written out in words, as their abbreviations: "10:00 Eastern Time"
# (daylight saving followed, as "ET"), "بتوقيت غرينتش" (Greenwich time),
# "بتوقيت مكة المكرمة" (Mecca time, +03:00), "по московскому времени" and
# "по Москве" (Moscow time). The English names are the ones JavaScript's
# Date.toString() and Windows write ("Coordinated Universal Time", "India
# Standard Time"), in brackets after an offset or alone; "北京时间"
# (Beijing time) follows Chinese sites' times.
_ZONE_PHRASES = {
    'eastern time': 'ET', 'central time': 'CT', 'mountain time': 'MT',
    'pacific time': 'PT',
    'eastern standard time': 'EST', 'eastern daylight time': 'EDT',
    'central standard time': 'CST', 'central daylight time': 'CDT',
    'mountain standard time': 'MST', 'mountain daylight time': 'MDT',
    'pacific standard time': 'PST', 'pacific daylight time': 'PDT',
    'alaska standard time': 'AKST', 'alaska daylight time': 'AKDT',
    'hawaii-aleutian standard time': 'HST', 'hawaii standard time': 'HST',
    'atlantic standard time': 'AST', 'atlantic daylight time': 'ADT',
    'coordinated universal time': 'UTC', 'greenwich mean time': 'GMT',
    'british summer time': '+0100', 'irish standard time': '+0100',
    'western european standard time': 'WET', 'western european time':
    'WET', 'western european summer time': 'WEST',
    'central european standard time': 'CET', 'central european time': 'CET',
    'central european summer time': 'CEST',
    'eastern european standard time': 'EET', 'eastern european time': 'EET',
    'eastern european summer time': 'EEST',
    'moscow standard time': 'МСК', 'india standard time': '+0530',
    'pakistan standard time': 'PKT', 'china standard time': '+0800',
    'hong kong standard time': 'HKT', 'singapore standard time': 'SGT',
    'japan standard time': 'JST', 'korean standard time': 'KST',
    'korea standard time': 'KST',
    'australian eastern standard time': 'AEST',
    'australian eastern daylight time': 'AEDT',
    'australian central standard time': 'ACST',
    'australian central daylight time': 'ACDT',
    'australian western standard time': 'AWST',
    'new zealand standard time': 'NZST', 'new zealand daylight time': 'NZDT',
    '北京时间': '+0800', '北京時間': '+0800', '日本時間': 'JST',
    '香港時間': 'HKT', '台北時間': '+0800',
    'بتوقيت غرينتش': 'GMT', 'بتوقيت جرينتش': 'GMT', 'بتوقيت غرينيتش': 'GMT',
    'بتوقيت جرينيتش': 'GMT', 'بتوقيت مكة المكرمة': '+0300',
    'بتوقيت مكة': '+0300',
    'по московскому времени': 'МСК', 'по москве': 'МСК',
    'по мск': 'МСК', 'moscow time': 'МСК',
    # a place's time, with its daylight saving (only for a written time; a
    # bare date stays midnight UTC)
    'heure de paris': 'Europe/Paris', 'heure française': 'Europe/Paris',
    'heure de bruxelles': 'Europe/Brussels',
    "heure de l'est": 'America/Toronto', 'heure de montréal':
    'America/Toronto', 'heure de genève': 'Europe/Zurich',
    'horário de brasília': 'America/Sao_Paulo',
    'hora de brasília': 'America/Sao_Paulo',
    'horario de brasilia': 'America/Sao_Paulo',
    'horário de brasilia': 'America/Sao_Paulo',
    'hora de brasilia': 'America/Sao_Paulo',
    'horário de lisboa': 'Europe/Lisbon', 'hora de lisboa': 'Europe/Lisbon',
    'hora peninsular': 'Europe/Madrid', 'hora de madrid': 'Europe/Madrid',
    'hora de españa': 'Europe/Madrid',
    'hora del centro de méxico': 'America/Mexico_City',
    'hora de méxico': 'America/Mexico_City',
    'hora de argentina': 'America/Argentina/Buenos_Aires',
    'ora italiana': 'Europe/Rome', 'ora di roma': 'Europe/Rome',
    'deutscher zeit': 'Europe/Berlin', 'deutsche zeit': 'Europe/Berlin'}
_ZONE_PHRASE = re.compile(
    r'\b(?:'
    + '|'.join(re.escape(k).replace(r'\ ', r'\s+') for k in sorted(
        _ZONE_PHRASES, key=len, reverse=True)) + r')\b', re.I)
_NOON = {'noon': 12, 'midday': 12, 'midnight': 0}
# First words of two-word month names ("كانون الثاني").
_MONTH_HEADS = {w.split()[0] for w in _FEED_MONTHS if ' ' in w}


# Zone names without a season ("8:15 pm ET", New Zealand's "10am NZT",
# Australia's "AET") follow daylight saving.
_REGION_ZONES = {'ET': 'America/New_York', 'CT': 'America/Chicago',
                 'MT': 'America/Denver', 'PT': 'America/Los_Angeles',
                 'NZT': 'Pacific/Auckland', 'AET': 'Australia/Sydney'}

# Real zones lie within -12:00..+14:00; ISO 8601 and java.time allow +-18:00.
# Beyond that an "offset" is garbage (and datetime.timezone refuses 24 h).
_MAX_OFFSET = 18 * 60
# Plausible feed dates: from 2 January 1900 (1899-12-30, 1900-01-01 and
# year 1 are the zero dates of OLE, SQL Server/Excel and .NET) to a year
# after the fetch time, except the Unix epoch itself.
_EARLIEST = dt.datetime(1900, 1, 2, tzinfo=UTC)
_AHEAD = dt.timedelta(days=366)
_YEARLESS_AHEAD = dt.timedelta(days=2)
_EPOCH0 = dt.datetime(1970, 1, 1, tzinfo=UTC)
# A form was recognised but names no real instant (31 February, 25:00,
# +25:00): the answer is None, and no later reader should guess at it.
_REFUSED = object()


@functools.lru_cache(maxsize=512)
def _offset_tz(minutes: int) -> Optional[dt.tzinfo]:
    if abs(minutes) > _MAX_OFFSET:
        return None
    return UTC if minutes == 0 else dt.timezone(dt.timedelta(minutes=minutes))


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
        minutes = _offset_minutes(m)
        return (_offset_tz(minutes) if minutes is not None else None) or UTC
    return _named_tz(key) or UTC


def _offset_minutes(m) -> Optional[int]:
    """Minutes east of UTC from a _NUMOFF match; None if the minutes are
    not minutes ("+05:75")."""
    if m.group(1):
        sign, h, mi = m.group(1), int(m.group(2)), int(m.group(3))
    else:
        sign, h, mi = m.group(4), int(m.group(5)), 0
    if mi >= 60:
        return None
    v = h * 60 + mi
    return -v if sign == '-' else v


def _finish(y, mo, d, h, mi, s, us, tz):
    """The UTC instant, or _REFUSED when the fields name none.

    A leap second (second 60, "23:59:60Z"; "05:29:60+05:30" in a zone with
    odd minutes) is the instant POSIX time gives it, the next minute's
    first second, as timegm() and feedparser count it."""
    try:
        if h == 24 and not (mi or s or us):    # ISO 8601: the day's end
            value = dt.datetime(y, mo, d, tzinfo=tz) + dt.timedelta(days=1)
        elif s == 60:
            value = dt.datetime(y, mo, d, h, mi, 59, us, tzinfo=tz) + \
                dt.timedelta(seconds=1)
        else:
            value = dt.datetime(y, mo, d, h, mi, s, us, tzinfo=tz)
        return value.astimezone(UTC)
    except (ValueError, OverflowError):
        return _REFUSED


def _year(digits: str) -> int:
    """A year as written. Only a two-digit year is put in a century, where
    POSIX strptime and RFC 5322 readers (email.utils) put it: 00-68 the
    2000s, 69-99 the 1900s. "0025" stays year 25, to be refused as
    implausible rather than guessed at."""
    y = int(digits)
    if len(digits) == 2:
        return 2000 + y if y < 69 else 1900 + y
    return y


def _micros(frac: Optional[str]) -> int:
    """Digits after a decimal point as microseconds (finer ones dropped)."""
    return int(frac[:6].ljust(6, '0')) if frac else 0


def _zone(tail: str, zones: Mapping[str, int], default):
    """Read a zone suffix ('GMT', '+0200', 'GMT+0530', 'UTC-5', '(PKT)',
    '+0000 (UTC)', '+0530 IST'). None if it is not one; _REFUSED for an
    offset no zone has."""
    tail = tail.strip().rstrip('.,;').rstrip()
    if not tail:
        return default
    if tail[-1] == ')':
        m = _REMARK.search(tail)
        if not m:
            return None
        # after a zone, a bracket is a remark ("+0000 (UTC)", "GMT+0200
        # (Central European Summer Time)"); alone, it holds the zone
        tail = tail[:m.start()].rstrip() or m.group(1).strip()
    m = _ZONE_TAIL.match(tail)
    if not m or not tail:
        return None
    name, sign, hh, mm, after = m.groups()
    if after and not sign:
        return None
    base = 0
    if name:
        key = name.upper()
        base = zones.get(key, ZONE_OFFSETS.get(key))
        if base is None:
            return None
    if sign:
        if len(hh) == 1 and mm is None and not name:   # "+5": too bare
            return None
        mins = int(mm or 0)
        off = int(hh) * 60 + mins
        if mins >= 60:
            return _REFUSED
        base = _after_name(base, -off if sign == '-' else off,
                           mm is not None)
    return _offset_tz(base) or _REFUSED


def _after_name(base: int, offset: int, full: bool) -> int:
    """An offset written after a zone name, in minutes east: relative to
    the name ("GMT+0530", "UTC-5", "CET+1" for UTC+2, Russian "MSK+3" for
    UTC+6), unless it is the name's own offset restated in full, hours and
    minutes ("CEST+0200", "EST-05:00"), which is not to be counted twice."""
    return offset if full and offset == base else base + offset


# Feeds repeat a handful of suffixes ("GMT", "+0000"); without per-feed zone
# overrides their reading is looked up instead of parsed again.
_common_zone = functools.lru_cache(maxsize=1024)(
    lambda tail, default: _zone(tail, {}, default))


def _digits(raw: str, tz_default):
    """A number of nine digits or more: an epoch in seconds, milliseconds,
    microseconds or nanoseconds by its number of digits (_EPOCH_PLACES), or
    a compact date and time in the feed's zone, YYYYMMDDhhmm (12 digits) or
    YYYYMMDDhhmmss[.fff] (14). Anything else, and a compact form that is no
    calendar date ("174887298012": month 48), is _REFUSED: no date."""
    if raw[0] == '-':
        return _REFUSED                        # before 1970
    whole, _, frac = raw.lstrip('@').partition('.')
    n = len(whole)
    places = _EPOCH_PLACES.get(n)
    if places is not None:
        return _EPOCH0 + dt.timedelta(
            seconds=int(whole[:n - places]),
            microseconds=_micros(whole[n - places:] + frac))
    if n == 14 or (n == 12 and not frac):
        return _finish(int(whole[:4]), int(whole[4:6]), int(whole[6:8]),
                       int(whole[8:10]), int(whole[10:12]),
                       int(whole[12:14] or 0), _micros(frac), tz_default)
    return _REFUSED


def _fast(raw: str, tz_default, zones):
    """Epochs and compact dates (_digits), ISO 8601 / W3C and RFC 822, each
    one regex. None if the string is none of them (the scanner tries next);
    _REFUSED if it is one but names no instant."""
    if _EPOCH.match(raw):
        return _digits(raw, tz_default)
    # An IANA zone name at the end, in brackets (java.time: "...+05:30[Asia/
    # Kolkata]") or after a space ("... Europe/Paris"), is the zone of a time
    # written without an offset; an offset, where there is one, still wins.
    name = None
    if raw[-1] == ']' and '[' in raw:
        raw, _, name = raw[:-1].partition('[')
    elif '/' in raw:
        head, _, last = raw.rpartition(' ')
        if head and '/' in last and last[0].isalpha():
            raw, name = head, last
    if name:
        tz_default = _named_tz(name)
        if tz_default is None:
            return None
    m = _ISO.match(raw)
    if m:
        y, mo, d, h, mi, s, frac, z = m.groups()
        if z is None or not h:
            # a bare date is midnight UTC, even with a zone ("2025-03-18Z",
            # XML Schema's "2025-03-18+01:00"): its calendar day
            tz = tz_default if h else UTC
        elif z in ('Z', 'z', 'UTC', 'GMT'):
            tz = UTC
        else:
            # a "Z" after an offset ("+01:00Z", a template appending one to
            # an offset it already wrote) adds nothing: the offset stands
            hh, mm = int(z[1:3]), int(z[3:].strip(':Zz') or 0)
            if mm >= 60:
                return _REFUSED
            tz = _offset_tz(-(hh * 60 + mm) if z[0] == '-' else hh * 60 + mm)
            if tz is None:
                return _REFUSED
        return _finish(int(y), int(mo), int(d), int(h or 0), int(mi or 0),
                       int(s or 0), int(frac[:6].ljust(6, '0')) if frac else 0,
                       tz)
    m = _RFC.match(raw)
    if m:
        _wd, d, mon, y, h, mi, s, frac, tail = m.groups()
        month = _FEED_MONTHS.get(mon.lower())
        if month:
            default = tz_default if h else UTC
            tz = _zone(tail, zones, default) if zones else \
                _common_zone(tail, default)
            if tz is _REFUSED:
                return tz
            if tz is not None:
                if not h:           # a bare date, even with a zone: UTC
                    tz = UTC
                return _finish(_year(y), month, int(d), int(h or 0),
                               int(mi or 0), int(s or 0), _micros(frac), tz)
        return None
    m = _MS_JSON.match(raw)
    if m:
        try:
            return _EPOCH0 + dt.timedelta(milliseconds=int(m.group(1)))
        except OverflowError:
            return _REFUSED
    m = _ISO_WEEK.match(raw) if 'W' in raw else _ISO_ORDINAL.match(raw)
    if m:
        try:
            if m.re is _ISO_WEEK:
                day = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)),
                                              int(m.group(3) or 1))
            else:
                day = dt.date(int(m.group(1)), 1, 1) + dt.timedelta(
                    days=int(m.group(2)) - 1)
                if day.year != int(m.group(1)) or m.group(2) == '000':
                    return _REFUSED
        except ValueError:
            return _REFUSED
        return dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    return None


def _weekday(y: int, m: int, d: int) -> Optional[int]:
    try:
        return dt.date(y, m, d).weekday()
    except ValueError:
        return None


# Which of two numbers of at most 12 is the month ("02/06/2025"): the
# feed's language decides. US English (and the Philippines) write the month
# first; nearly every other locale, British, Indian and Australian English
# included, the day. Canadian English (en-CA) is read month first too:
# Canada has no single numeric order (its standard, and CLDR's en-CA short
# date, is ISO year-month-day, read above whatever the language), but every
# en-CA form that puts month and day side by side has the month first
# ("y-MM-dd", "MM-dd", "MMM d, y"), and the slashed dates an en-CA feed
# carries come from North American software, which writes MM/DD/YYYY.
# Canadian French (fr-CA) stays day first, as Quebec writes it. A weekday
# or a number above 12 still settles a given date either way. A bare "en"
# is read month first, as dateparser reads it (its English default), so
# that a date reads the same whichever parser gets it; so is a date from a
# feed with no language, unless the string itself is not North American
# English: dots between the numbers ("02.06.2025"), a French or Portuguese
# "14h03", a word of another language ("às", "Uhr", a Cyrillic zone) or a
# zone name from outside the US and Canada ("CET", "IST"). With a two-digit
# year, locales that write the year first (Chinese, Japanese, Korean,
# Hungarian, Swedish, Lithuanian, Persian) are left to dateparser.
_MONTH_FIRST_TAGS = frozenset((
    'en', 'en-us', 'en-ca', 'en-ph', 'en-as', 'en-gu', 'en-mp', 'en-pr',
    'en-um', 'en-vi', 'en-fm', 'en-mh', 'en-pw', 'fil', 'fil-ph', 'tl'))
_YEAR_FIRST_LANGS = frozenset(('zh', 'ja', 'ko', 'hu', 'sv', 'lt', 'fa'))


# (with Canada's Atlantic and Newfoundland zones: en-CA is month first too)
_US_ZONES = frozenset(('EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT',
                       'AKST', 'AKDT', 'HST', 'UTC', 'GMT', 'UT', 'Z',
                       'AST', 'ADT', 'NST', 'NDT'))
_EN_FILLER = frozenset(('of', 'the', 'at', 'on', 'year', 'hrs', 'hours',
                        'updated', 'published', 'posted', 'modified', 'last',
                        't', 'a', 'am', 'first'))


def _numeric_order(languages) -> str:
    """'mdy', 'dmy' or 'ymd' for the first of the feed's language tags;
    '' when there is none (month first unless the string says otherwise)."""
    for lang in languages or ():
        if lang:
            tag = str(lang).strip().lower().replace('_', '-')
            if tag in _MONTH_FIRST_TAGS:
                return 'mdy'
            base = tag.split('-', 1)[0]
            return 'ymd' if base in _YEAR_FIRST_LANGS else 'dmy'
    return ''


def _scan(raw: str, tz_default, zones, relative_base, order: str = ''):
    """Tolerant token scanner: month names in several languages, day names
    and filler words skipped, numeric d/m/y, times, zones, remarks in
    brackets after a zone ("GMT+0200 (Central European Summer Time)").
    A day and month without a year take the year from the fetch time.
    None if some token is not a date part (dateparser tries next);
    _REFUSED if the parts name no instant."""
    text = raw.translate(_ARABIC_DIGITS).replace('،', ',')
    phrase_tz = None
    # a word each phrase has, as substrings of the lowered text (cheaper
    # than any regex or any() over them)
    lt = text.lower()
    if 'time' in lt or 'توقيت' in lt or 'по ' in lt or 'heure' in lt \
            or 'hor' in lt or 'ora ' in lt or 'zeit' in lt \
            or '时间' in lt or '時間' in lt:
        found = []

        def as_zone(m):
            zone = _ZONE_PHRASES[_WS.sub(' ', m.group(0).lower())]
            if '/' in zone:             # a place's time: its IANA zone
                found.append(zone)
                return ' '
            return ' ' + zone + ' '
        text = _ZONE_PHRASE.sub(as_zone, text)
        if found:
            phrase_tz = _named_tz(found[0])
    month = month_word = weekday = None
    hour = minute = second = us = 0
    have_time = after_time = in_remark = False
    name_off = num_off = region_tz = None
    name_first = False
    nums = []                      # (digits, followed by a dot)
    pm = None
    not_us = False                 # a sign the string is not US English
    tokens = _TOKEN.findall(text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower().rstrip('.')
        i += 1
        was_time, after_time = after_time, False
        c = tok[0]
        if c.isdigit():
            m = _NUMBER.match(tok)
            if m:
                nums.append((m.group(1), bool(m.group(2))))
                continue
            m = _TIME.match(tok)
            # "14.03" is a time only after a four-digit year (else "2.06")
            if not m or have_time or (m.group(2) == '.' and not any(
                    len(n) == 4 for n, _ in nums)):
                return None
            have_time = after_time = True
            h, _sep, mi, s, frac, ampm = m.groups()
            not_us = not_us or _sep == 'h' or (_sep is None and 'h' in tok)
            hour, minute, second, us = int(h), int(mi or 0), int(s or 0), \
                _micros(frac)
            if ampm:
                pm = ampm.lower() == 'p'
            continue
        if c in '+-' and len(tok) > 1:
            if not have_time and tok[1:].isdigit():
                # before the time, "-2025" is a separator and a number
                # ("02-06-2025", "Jun-02-2025")
                nums.append((tok[1:], False))
                continue
            if in_remark and num_off is not None:
                continue            # "GMT+0530 (India Standard Time)"
            m = _NUMOFF.search(tok)
            if not m or not have_time or region_tz or num_off is not None:
                return None
            if not (m.group(1) and len(m.group(2)) == 2):
                # hours alone ("+4"; tokens only after a word) are an
                # offset after a zone name ("MSK+4"); after another word
                # ("Uhr+1", "PM-5") no date: dateparser would make the
                # figure a month
                prev = tokens[i - 2].upper().rstrip('.')
                if prev not in zones and prev not in ZONE_OFFSETS:
                    return _REFUSED
            num_off = _offset_minutes(m)
            if num_off is None:
                return _REFUSED
            name_first = name_off is not None
            num_full = m.group(3) is not None
            continue
        if tok in ('+', '-', '/'):
            continue
        if tok == '(' or tok == ')':
            in_remark = tok == '('
            continue
        if low in _MONTH_HEADS and i < len(tokens):
            pair = low + ' ' + tokens[i].lower().rstrip('.')
            if pair in _FEED_MONTHS:
                low = pair
                i += 1
        # in capitals after the time of a whole date, a zone name is the
        # zone: "Mar 18 2025 10:00 MART" is Marquesas time, not a second
        # month (Turkish "mart") that makes "Mar" a Tuesday
        if low in _FEED_MONTHS and not (
                have_time and (month is not None or len(nums) > 2)
                and tok.isupper()
                and (low.upper() in zones or low.upper() in ZONE_OFFSETS)):
            # "mar" is March and, in French, Spanish and Italian, Tuesday:
            # a second month name makes the first one the weekday
            if month is None or month_word in _DAY_WORDS:
                if month is not None:
                    weekday = _DAY_WORDS[month_word]
                month, month_word = _FEED_MONTHS[low], low
                continue
            if low in _DAY_WORDS:
                weekday = _DAY_WORDS[low]
                continue
            return None
        # capitals only ("et" is a word) and after the time (before it,
        # "PT" is Polish Friday)
        if tok in _REGION_ZONES and have_time and region_tz is None \
                and name_off is None and num_off is None:
            region_tz = _named_tz(_REGION_ZONES[tok])
            if region_tz is not None:
                continue
        if low in _DAY_WORDS:
            weekday = _DAY_WORDS[low]
            not_us = not_us or not low.isascii() or low[:3] not in (
                'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')
            continue
        if was_time and low in _AMPM_WORDS:
            pm = _AMPM_WORDS[low]
            continue
        if low in _NOON:
            # "noon", "12 noon", "12:00 noon"; "midnight" begins the day
            h12 = _NOON[low]
            if have_time:
                if hour != 12 or minute or second or not was_time:
                    return None
            elif nums and tokens[i - 2] == '12' and not (
                    i >= 3 and tokens[i - 3].lower().rstrip('.')
                    in _FEED_MONTHS):       # "Mar 12 noon": 12 is the day
                nums.pop()
            have_time = after_time = True
            hour, minute, second, us, pm = h12, 0, 0, 0, None
            continue
        if low in _FILLER or low == 'am':      # German "am 2. Juni"
            not_us = not_us or low not in _EN_FILLER
            continue
        up = tok.upper().rstrip('.')
        off = zones.get(up, ZONE_OFFSETS.get(up))
        if off is not None:
            if name_off is None:
                name_off = off
            not_us = not_us or up not in _US_ZONES
            continue
        if in_remark and (num_off is not None or name_off is not None):
            continue
        return None
    # assign numbers (a leading four-digit year means year/month/day)
    year = None
    rest = []
    for n, _dot in nums:
        if len(n) == 4 and year is None:
            year = int(n)
        else:
            rest.append(n)
    if month_word in _DAY_WORDS and year is not None and len(rest) == 2 \
            and len(rest[0]) <= 2 and len(rest[1]) <= 2 \
            and _NUMERIC_DATE.search(text):
        # "mar, 03/06/2025": with a numeric day and month, "mar" is Tuesday
        # (but in "18 Mar 2025 10", a time cut short, it is March)
        weekday, month = _DAY_WORDS[month_word], None
    if month is not None:
        if not rest:
            return None
        day = int(rest.pop(0))
        if year is None and rest:
            year = _year(rest.pop(0))
        if rest and not have_time and len(rest) == 1 and len(rest[0]) == 4:
            hour, minute = int(rest[0][:2]), int(rest[0][2:])
            rest = []
        if rest and year is not None:
            # a named month, its day and year, and a number more ("18 Mar
            # 2025 10", a time cut short): dateparser made the number the
            # month (18 October)
            return _REFUSED
    elif year is None and len(rest) == 3 and nums[0][1] and nums[1][1] \
            and len(rest[2]) == 2:
        # "02.06.25": dots mean day.month.year wherever they are written
        day, month, year = int(rest[0]), int(rest[1]), _year(rest[2])
        rest = []
    else:
        if year is None and len(rest) == 3 and all(
                len(n) <= 2 for n in rest) and '/' in text:
            # "02/06/25": the year last, two digits (in the language's
            # order of day and month; year-first locales go to dateparser)
            if order == 'ymd':
                return None
            year = _year(rest.pop())
        if len(rest) < 2 or year is None:
            return None
        a, b = int(rest.pop(0)), int(rest.pop(0))
        if len(nums[0][0]) == 4:
            month, day = a, b
        else:
            if b > 12 or a > 12:
                day, month = (a, b) if b <= 12 else (b, a)
            elif order == 'mdy' or not order and not (
                    not_us or nums[0][1] or nums[1][1]):
                day, month = b, a
            else:
                day, month = a, b
            # a weekday picks the order it matches ("Mon, 06/02/2025" is
            # Drupal's US format, "lun, 02/06/2025" a French one)
            if weekday is not None and a <= 12 and b <= 12 and a != b:
                w_dm, w_md = _weekday(year, b, a), _weekday(year, a, b)
                if w_dm == weekday != w_md:
                    day, month = a, b
                elif w_md == weekday != w_dm:
                    day, month = b, a
    if rest:
        return None
    if pm is not None:
        if pm and hour < 12:
            hour += 12
        elif not pm and hour == 12:
            hour = 0
    if num_off is not None:
        if region_tz:
            return None
        tz = _offset_tz(_after_name(name_off, num_off, num_full)
                        if name_first else num_off)
        if tz is None:
            return _REFUSED
    elif name_off is not None:
        tz = _offset_tz(name_off)
    else:
        tz = region_tz or phrase_tz or tz_default
    if not have_time:       # a bare date, even with a zone: midnight UTC
        tz = UTC
    if year is None:
        # only with a time: "2 hours ago" is not 2 August ("ago": agosto)
        if not have_time:
            return None
        return _without_year(month, day, hour, minute, second, us, tz,
                             relative_base)
    return _finish(year, month, day, hour, minute, second, us, tz)


def _without_year(month, day, h, mi, s, us, tz, relative_base):
    """A day and month with no year but a time ("2 июня в 14:03", "June 2
    at 2:03 pm", as sites write this year's dates): the latest such day no more than two
    days after the fetch time, since a feed's local date runs ahead of UTC
    and clocks drift."""
    ref = _reference(relative_base)
    for year in (ref.year + 1, ref.year, ref.year - 1):
        value = _finish(year, month, day, h, mi, s, us, tz)
        if value is not _REFUSED and value <= ref + _YEARLESS_AHEAD:
            return value
    return _REFUSED


def _reference(relative_base: Optional[dt.datetime]) -> dt.datetime:
    """The fetch time as an aware datetime (naive means UTC), else now."""
    if relative_base is None:
        return dt.datetime.now(UTC)
    if relative_base.tzinfo is None:
        return relative_base.replace(tzinfo=UTC)
    return relative_base


_LANG_FALLBACK = ('en', 'fr', 'de', 'es', 'pt', 'it', 'ru', 'ar')

# Strings without a figure in which dateparser found no date, with the zone
# name and languages they were read in: what a feed puts in its date field
# instead of a date ("Posted by admin", "Staff Writer"), the same on every
# entry, each costing ~7 ms of language detection when the feed names no
# language. Without a figure, the dates dateparser finds are relative
# phrases ("yesterday", "a year ago"), which it finds whatever the fetch
# time; so no date at one fetch time is no date at any other. Emptied when
# full.
_UNDATED: set = set()
_UNDATED_MAX = 4096
_DIGIT = re.compile(r'\d')


def _dateparser(raw, tz_default, languages, relative_base,
                fallback=_LANG_FALLBACK):
    """dateparser's reading of raw in the given languages (every language
    it knows when none is given), then in the ``fallback`` ones."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    tzname = getattr(tz_default, 'key', None) or 'UTC'
    key = None if _DIGIT.search(raw) else (
        raw, tzname, tuple(languages or ()), fallback)
    if key in _UNDATED:
        return None
    # a day and month must be in the text ("N/A", "Jun", "2025" or "Monday"
    # would otherwise become a day dateparser makes up; relative phrases such
    # as "2 hours ago" are not held to it), and a missing year is a past one
    settings = {'RETURN_AS_TIMEZONE_AWARE': True,
                'TIMEZONE': tzname, 'TO_TIMEZONE': 'UTC',
                'PREFER_DAY_OF_MONTH': 'first',
                'REQUIRE_PARTS': ['day', 'month'],
                'PREFER_DATES_FROM': 'past'}
    if relative_base is not None:
        base = relative_base
        if base.tzinfo is not None:
            base = base.astimezone(UTC).replace(tzinfo=None)
        settings['RELATIVE_BASE'] = base
    langs = list(languages or ()) or None
    try:
        value = dateparser.parse(raw, languages=langs, settings=settings)
        if value is None and langs and langs != list(fallback):
            value = dateparser.parse(raw, languages=list(fallback),
                                     settings=settings)
    except Exception:
        return None
    if value is None:
        if key is not None:
            if len(_UNDATED) >= _UNDATED_MAX:
                _UNDATED.clear()
            _UNDATED.add(key)
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz_default)
    return value.astimezone(UTC)


# The scanner's own date words, which a word in capitals after a time or
# figure may be ("10:00 UHR", "18 MARS", "10:00 HRS"): no zone.
_DATE_WORDS = frozenset((*_FEED_MONTHS, *DAY_MONTHS, *_DAY_WORDS,
                         *_AMPM_WORDS, *_FILLER, *_NOON))


def _unplaced_zone(text: str, zones: Mapping[str, int],
                   languages: Iterable[str]) -> bool:
    """Whether text, on its way to dateparser, has a word in capitals where
    a zone is written (after the time, or last after a figure: "10:00
    NOVT", "18 Mar 2025 PYT") that dateparser would not read as this module
    does; the date is then None, not a wrong instant.

    dateparser reads zone names by a table of its own, with some years out
    of date (NOVT +6, NFT +11:30), some ambiguous (PYT, EAST, SST) and some
    other than this module's (IST is Israel's there, BDT +8, "NZT" without
    daylight saving); and with no language it may drop a name it lacks as
    a word of a language it guessed, leaving the time in UTC. So a zone
    name passes only at the offset this module gives it (GMT, EST; IST with
    ``zones={'IST': 120}``), and another word only if it is a date word of
    the scanner's or one dateparser has in ``languages`` ("HORAS", "HR")."""
    tokens = _TOKEN.findall(text)
    timed = False
    for i, tok in enumerate(tokens):
        if tok[0].isdigit():
            timed = timed or not _NUMBER.match(tok)
            continue
        name = tok.rstrip('.')
        if not (timed or i == len(tokens) - 1 and i
                and tokens[i - 1][0].isdigit()) \
                or not 2 <= len(name) <= 5 or not name.isupper() \
                or not (name.isascii() and name.isalpha()):
            continue
        low = name.lower()
        if low in _DATE_WORDS:
            continue
        ours = zones.get(name, ZONE_OFFSETS.get(name))
        theirs = _dateparser_zone(name)
        if ours is None and theirs is None and name not in _REGION_ZONES:
            if any(low in _language_words(lang) for lang in languages):
                continue
            return True
        if ours is None or theirs != ours:
            return True
    return False


@functools.lru_cache(maxsize=256)
def _dateparser_zone(name: str) -> Optional[int]:
    """The offset in minutes dateparser gives a zone name; None if it reads
    none there."""
    try:
        from dateparser.timezone_parser import pop_tz_offset_from_string
        tz = pop_tz_offset_from_string('0 ' + name)[1]
        return None if tz is None else \
            int(tz.utcoffset(None).total_seconds()) // 60
    except Exception:
        return None


@functools.lru_cache(maxsize=64)
def _language_words(lang: str) -> frozenset:
    """The words dateparser knows in a language (names of months and days,
    units, words it skips); none for a language it has not got."""
    try:
        from dateparser.languages.loader import default_loader
        info = default_loader.get_locale(lang).info
    except Exception:
        return frozenset()
    return frozenset(
        part.lower() for v in info.values() if isinstance(v, list)
        for w in v if isinstance(w, str) for part in w.split())


_WS = re.compile(r'\s+')
# A letter other than ISO 8601's T and Z
_INNER_LETTER = re.compile(r'[^\W\d_TZtz]')
# What templates and serialisers write for a missing date; dateparser would
# spend a millisecond on each to find nothing.
# A number in scientific notation is no date (dateparser reads "1e3" as
# 1 March and "1.7e9" as a time of day).
_SCIENTIFIC = re.compile(r'[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+$')
_MISSING = {'n/a', 'na', 'null', 'none', 'nil', 'undefined', 'nan',
            'invalid date', 'tbd', 'tba', 'unknown', 'false', '-', '--'}


# Wrappings of a date that no reader should see: the quotes of a value
# copied from JSON or a CSV, HTML entities left in by a template that
# escaped twice (Hugo's html/template writes "+0000" as "&#43;0000"), and
# the monotonic clock reading Go's time.Time.String() appends
# ("2025-03-18 10:00:00 +0000 UTC m=+0.000000001"), which dateparser made
# the fetch time.
_QUOTES = {'"': '"', "'": "'", '“': '”', '«': '»', '„': '“', '‘': '’'}
_GO_MONOTONIC = re.compile(r'\s+m=[+-]\d+\.\d+$')


def _unwrap(text: str) -> str:
    """The date inside those wrappings; the text itself if there are none.
    Called only when the fast path has failed, so it costs the common forms
    nothing."""
    if len(text) > 2 and _QUOTES.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    if '&' in text and ';' in text:
        text = _WS.sub(' ', html.unescape(text)).strip()
    if ' m=' in text:
        text = _GO_MONOTONIC.sub('', text)
    return text


_UPDATED_TAIL = re.compile(
    r'\s*(?:[/|,;\u2013\u2014-]\s*|\s)(?:last\s+)?updated\b', re.I)


def parse_feed_date(raw: Optional[str], *, default_tz=None,
                    languages: Optional[Iterable[str]] = None,
                    relative_base: Optional[dt.datetime] = None,
                    zones: Optional[Mapping[str, int]] = None
                    ) -> Optional[dt.datetime]:
    """Parse a feed date string; return an aware UTC datetime or None.

    ``default_tz``: zone for times without one (IANA name, abbreviation,
    offset string or tzinfo; default UTC). ``languages``: the feed's language
    tags ("en-us", "fr"), handed to dateparser; the first also decides
    whether "02/06/2025" is 6 February (en-US, en-CA, en-PH, bare "en", and
    with no language unless the string shows another: month first, as
    dateparser reads it) or 2 June (other languages and regions; see
    _numeric_order).
    ``relative_base``: "now" for relative dates (the fetch time), and the reference for "more than a year ahead" (the
    clock when None). ``zones``: extra/overriding abbreviation offsets in
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
    if value is None:
        bare = _unwrap(text)
        if bare != text:
            text = bare
            value = _fast(text, tz_default, zones) if text else _REFUSED
    if value is None:
        value = _scan(text, tz_default, zones, relative_base,
                      _numeric_order(languages))
        if value is None:
            # a page's "June 10, 2025 / 2:30 PM / Updated 2 hours ago": the
            # publication time, then its update
            u = _UPDATED_TAIL.search(text)
            if u and u.start() > 0:
                value = _scan(text[:u.start()], tz_default, zones,
                              relative_base, _numeric_order(languages))
    if value is None:
        # digits alone are an epoch or a compact date, read above, or
        # nothing; long strings are prose; placeholders are none, dotted
        # or not ("N.A.", "n.a": dateparser made them the fetch time)
        if len(text) > 80 or text.isdigit() \
                or text.lower().replace('.', '') in _MISSING \
                or _SCIENTIFIC.match(text):
            return None
        langs = [l.lower()[:2] for l in (languages or ()) if l]
        words = _INNER_LETTER.search(text) is not None
        if not words:
            # figures and signs alone: no language to detect, and trying
            # every locale dateparser has takes ~90 ms a string (a feed of
            # garbled dates would take minutes); English reads them alike
            langs = langs or ['en']
        if words and _unplaced_zone(text, zones,
                                    (*langs, *_LANG_FALLBACK)):
            return None
        value = _dateparser(text, tz_default, langs, relative_base,
                            _LANG_FALLBACK if words else ('en',))
    if value is None or value is _REFUSED or value < _EARLIEST or \
            value == _EPOCH0:
        return None
    if relative_base is None or relative_base.tzinfo is None:
        relative_base = _reference(relative_base)
    # most dates precede their fetch, which settles it without arithmetic
    if value <= relative_base or value <= relative_base + _AHEAD:
        return value
    return None
