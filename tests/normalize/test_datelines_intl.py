"""Datelines of the Chinese, Japanese, Korean, Arabic and Russian wires
("新华社北京3月17日电（记者张三）", "【ワシントン共同】", "(서울=연합뉴스) 김철수 기자 =",
"القاهرة، 17 مارس (رويترز) -", "(ВАШИНГТОН, 17 марта) —"), and the look-alikes
that stay in the body: bracketed labels, parentheses that name no agency,
a paper's own dispatch. Fixtures written for wirefeed from how the
agencies set their heads (none taken from any corpus)."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import load_registry
from pipeline.normalize.datelines import parse_head

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, tzinfo=UTC)
REG = load_registry()


@pytest.mark.parametrize('text,location,country,date,agencies,body', [
    # Xinhua and China News Service: agency, place, month and day, "电";
    # the reporters' parenthesis belongs to the head
    ('新华社北京3月17日电（记者张三）国家主席当天会见了来访的外国领导人。', '北京', 'CN',
     dt.date(2025, 3, 17), ['XINHUA'], '国家主席当天'),
    ('新华社华盛顿3月16日电 美国总统当天签署了一项行政令。', '华盛顿', 'US',
     dt.date(2025, 3, 16), ['XINHUA'], '美国总统当天'),
    ('新华社联合国3月17日电（记者李四、王五）联合国安理会当天举行会议。', '联合国', None,
     dt.date(2025, 3, 17), ['XINHUA'], '联合国安理会'),
    ('中新社北京3月17日电 中国外交部发言人当天表示，', '北京', 'CN',
     dt.date(2025, 3, 17), ['CHINA_NEWS'], '中国外交部'),
    # (the site's copy names no place)
    ('中新网3月17日电 据外媒报道，当地时间16日发生地震。', None, None,
     dt.date(2025, 3, 17), ['CHINA_NEWS'], '据外媒报道'),
    # Kyodo and Jiji: the place and the agency in brackets, no date
    ('【ワシントン共同】米政府は17日、新たな制裁を発表した。', 'ワシントン', 'US', None,
     ['KYODO'], '米政府は17日'),
    ('【ワシントン共同＝山田太郎】米議会は17日、法案を可決した。', 'ワシントン', 'US',
     None, ['KYODO'], '米議会は17日'),
    ('【ロンドン時事】英政府は17日、声明を出した。', 'ロンドン', 'GB', None, ['JIJI'],
     '英政府は17日'),
    ('【北京時事】中国外務省の報道官は17日、', '北京', 'CN', None, ['JIJI'],
     '中国外務省'),
    # Jiji relaying AFP copy: the relayed agency in full-width letters
    ('【パリＡＦＰ＝時事】フランス政府は17日、', 'パリ', 'FR', None,
     ['AFP', 'JIJI'], 'フランス政府は'),
    # Yonhap and News1: place=agency in parentheses, then the reporters
    ('(서울=연합뉴스) 김철수 기자 = 정부는 17일 새 대책을 발표했다.', '서울', 'KR',
     None, ['YONHAP'], '정부는 17일'),
    ('(워싱턴=연합뉴스) 박영희 특파원 = 미국 국무부는 16일 밝혔다.', '워싱턴', 'US',
     None, ['YONHAP'], '미국 국무부는'),
    ('(서울·세종=연합뉴스) 김철수 이영희 기자 = 기획재정부는 17일 밝혔다.',
     '서울·세종', None, None, ['YONHAP'], '기획재정부는'),
    ('(서울=연합뉴스) 정부는 17일 새 대책을 발표했다.', '서울', 'KR', None,
     ['YONHAP'], '정부는 17일'),
    ('(부산=뉴스1) 김민수 기자 = 부산시는 17일 밝혔다.', '부산', 'KR', None,
     ['NEWS1'], '부산시는'),
    # the Arabic wires: place، day month (agency) -
    ('القاهرة، 17 مارس (رويترز) - قالت الحكومة المصرية يوم الاثنين إن',
     'القاهرة', 'EG', dt.date(2025, 3, 17), ['REUTERS'], 'قالت الحكومة'),
    ('دمشق، ١٧ آذار/مارس ٢٠٢٥ (أ ف ب) - أعلنت السلطات السورية', 'دمشق', 'SY',
     dt.date(2025, 3, 17), ['AFP'], 'أعلنت السلطات'),
    ('باريس (فرانس برس) - قال الرئيس الفرنسي', 'باريس', 'FR', None, ['AFP'],
     'قال الرئيس'),
    ('أبوظبي، 17 مارس (وام) - استقبل صاحب السمو', 'أبوظبي', 'AE',
     dt.date(2025, 3, 17), ['WAM'], 'استقبل'),
    ('الرياض (واس) - أعلنت وزارة الداخلية', 'الرياض', 'SA', None, ['SPA'],
     'أعلنت وزارة'),
    ('أنقرة (الأناضول) - قال وزير الخارجية التركي', 'أنقرة', 'TR', None,
     ['ANADOLU'], 'قال وزير'),
    ('الدوحة، 17 مارس (قنا) - بحث معالي', 'الدوحة', 'QA', dt.date(2025, 3, 17),
     ['QNA'], 'بحث معالي'),
    # (Jerusalem in no country, in any script: see geo._SPECIAL)
    ('القدس (رويترز) - قالت الشرطة', 'القدس', None, None, ['REUTERS'],
     'قالت الشرطة'),
    # Russian copy's place and date in parentheses, no agency
    ('(ВАШИНГТОН, 17 марта) — США заявили о новых санкциях.', 'ВАШИНГТОН',
     'US', dt.date(2025, 3, 17), [], 'США заявили'),
    ('(Москва, 16 марта) — Правительство утвердило план.', 'Москва', 'RU',
     dt.date(2025, 3, 16), [], 'Правительство'),
    # a town the gazetteer knows by its Cyrillic name, and Ukrainian copy's
    # month after the day
    ('(ЯКУТСК, 17 марта) — Глава республики заявил.', 'ЯКУТСК', 'RU',
     dt.date(2025, 3, 17), [], 'Глава'),
    ('(КИЇВ, 17 березня) — Президент України заявив.', 'КИЇВ', 'UA',
     dt.date(2025, 3, 17), [], 'Президент'),
    ('(ХАРКІВ, 16 березня 2025) — Міський голова заявив.', 'ХАРКІВ', 'UA',
     dt.date(2025, 3, 16), [], 'Міський'),
    # Newsis, Korea's other private agency
    ('(서울=뉴시스) 김철수 기자 = 정부는 17일 밝혔다.', '서울', 'KR', None,
     ['NEWSIS'], '정부는'),
], ids=['xinhua', 'xinhua-washington', 'xinhua-un', 'cns', 'cns-site', 'kyodo',
        'kyodo-writer', 'jiji', 'jiji-beijing', 'jiji-afp', 'yonhap',
        'yonhap-correspondent', 'yonhap-two-places', 'yonhap-no-reporter',
        'news1', 'ar-reuters', 'ar-afp-levant-month', 'ar-afp-name', 'ar-wam',
        'ar-spa', 'ar-anadolu', 'ar-qna', 'ar-jerusalem', 'ru-capitals',
        'ru-title-case', 'ru-town', 'uk-capitals', 'uk-with-year', 'newsis'])
def test_other_scripts_datelines(text, location, country, date, agencies,
                                 body):
    _assert_dateline(normalize_story(text, FETCHED, title='Заголовок'),
                     location, country, date, agencies, body)


def _assert_dateline(row, location, country, date, agencies, body):
    assert row['dateline_location'] == location
    assert row['dateline_country'] == country
    assert row['dateline_date'] == date
    assert kinds(row, 'dateline') == agencies
    assert row['body'].startswith(body)


@pytest.mark.parametrize('text,byline', [
    ('新华社北京3月17日电（记者张三）国家主席当天会见了', '张三'),
    ('新华社北京3月17日电（记者张三、李四）国家主席当天会见了', '张三、李四'),
    ('【ワシントン共同＝山田太郎】米議会は17日、', '山田太郎'),
    ('(서울=연합뉴스) 김철수 기자 = 정부는 17일 발표했다.', '김철수'),
    ('(워싱턴=연합뉴스) 박영희 특파원 = 미국 국무부는', '박영희'),
], ids=['xinhua', 'xinhua-two', 'kyodo', 'yonhap', 'yonhap-correspondent'])
def test_reporters_in_the_head_are_the_byline(text, byline):
    head = parse_head(text, REG)
    assert head.byline == byline
    assert head.credits


def test_korean_reporters_are_names_not_the_first_sentence():
    # "=" later in the text after "기자" (reporter) in a sentence: the head
    # ends at the parenthesis
    text = '(부산=연합뉴스) 정부는 기자회견에서 김 기자 = 정부는'
    head = parse_head(text, REG)
    assert (head.location, head.byline) == ('부산', None)
    assert text[head.start:].startswith('정부는 기자회견에서')
    two = parse_head('(부산=연합뉴스) 김철수 이영희 기자 = 정부는', REG)
    assert two.byline == '김철수 이영희'


def _dateline(text):
    """What parse_head reads: the dateline as written, its agencies, and
    the body."""
    h = parse_head(text, REG)
    return h.dateline_raw, [code for code, kind, _ in h.credits
                            if kind == 'dateline'], text[h.start:]


# Each look-alike beside the dateline it resembles: the one is read, the
# other left whole in the body.
@pytest.mark.parametrize('dateline,not_dateline', [
    # a bracketed label, and a compound ending as an agency's name does
    # ("日米共同", "Japan-US joint") where the gazetteer knows no place
    ('【東京共同】政府は17日、', '【速報】東京で震度5弱の地震'),
    ('【東京共同】政府は17日、', '【社説】予算案の審議を急げ'),
    ('【ロンドン共同】英政府は', '【日米共同】訓練を実施へ'),
    # a paper's own place and writer, no agency
    ('【ワシントン共同】米政府は', '【ワシントン=山田太郎】米政府は'),
    # place=outlet for an outlet the registry lacks, a parenthesis with no
    # "=", an outlet alone
    ('(서울=연합뉴스) 김철수 기자 = 정부는', '(서울=한국일보) 김철수 기자 = 정부는'),
    ('(서울=연합뉴스) 정부는', '(서울) 정부는 17일 발표했다.'),
    ('(서울=연합뉴스) 정부는', '(조선일보) 정부는 17일 발표했다.'),
    # the agency's photo and graphics credits, and its relay of another
    # agency's photo ("로이터", Reuters)
    ('(서울=연합뉴스) 정부는', '(사진=연합뉴스) 정부는 17일 발표했다.'),
    ('(서울=연합뉴스) 정부는', '(그래픽=연합뉴스) 김철수 기자 = 정부는'),
    ('(서울=연합뉴스) 정부는', '(로이터=연합뉴스) 미국 정부는 발표했다.'),
    ('(서울=연합뉴스) 정부는', '(사진제공=연합뉴스) 정부는 발표했다.'),
    # labels in brackets before an agency's name ("news", "column")
    ('【ロンドン時事】英政府は', '【ニュース時事】米政府は'),
    ('【ワシントン共同】米政府は', '【コラム共同】米政府は'),
    # a paper's own dispatch, a reporter for a place, a month that is none
    ('新华社北京3月17日电 国务院', '本报北京3月17日电（记者张三）国务院'),
    ('新华社北京3月17日电 国务院', '新华社记者3月17日电 国务院'),
    ('新华社北京3月17日电 国务院', '新华社北京13月17日电 国务院'),
    # a parenthesis with no agency, a month that is none, sentences before
    # a credit ("the government said", "he added"), no dash
    ('القاهرة (رويترز) - قال', 'القاهرة (مصر) - قال'),
    ('القاهرة، 17 مارس (رويترز) - قال', 'القاهرة، 17 شارع (رويترز) - قال'),
    ('القاهرة (رويترز) - قال', 'قالت الحكومة (رويترز) - إن الوضع'),
    ('القاهرة (رويترز) - قال', 'وأضاف (رويترز) - أن'),
    ('القاهرة (رويترز) - قال', 'القاهرة (رويترز) قالت'),
    # no date; a label with a date ("updated", "video")
    ('(МОСКВА, 17 марта) — Президент', '(МОСКВА) — Президент заявил'),
    ('(МОСКВА, 17 марта) — Президент', '(ОБНОВЛЕНО, 17 марта) — США заявили'),
    ('(МОСКВА, 17 марта) — Президент', '(ВИДЕО, 17 марта) — Президент'),
], ids=['ja-breaking', 'ja-editorial', 'ja-compound', 'ja-paper-writer',
        'ko-other-outlet', 'ko-no-agency', 'ko-outlet-alone', 'ko-photo',
        'ko-graphics', 'ko-relayed-photo', 'ko-photo-provided',
        'ja-news-label', 'ja-column-label', 'zh-paper', 'zh-reporter',
        'zh-month-13', 'ar-no-agency', 'ar-no-month', 'ar-sentence',
        'ar-added', 'ar-no-dash', 'ru-no-date', 'ru-updated', 'ru-video'])
def test_look_alikes_stay_in_the_body(dateline, not_dateline):
    assert _dateline(dateline)[0] is not None
    assert _dateline(not_dateline) == (None, [], not_dateline)


# Agencies' own languages, with the month words of dates.MONTHS (Lithuanian:
# month before the day) and dates.DAY_MONTHS (the others)
@pytest.mark.parametrize('text,location,country,date,agencies,body', [
    pytest.param('Ankara, 17 Mart (AA) - Dışişleri Bakanı açıklama yaptı.',
                 'Ankara', 'TR', dt.date(2025, 3, 17), ['ANADOLU'],
                 'Dışişleri', id='tr'),
    pytest.param('RĪGA, 17. marts (LETA). Valdība otrdien apstiprināja.',
                 'RĪGA', 'LV', dt.date(2025, 3, 17), ['LETA'], 'Valdība',
                 id='lv'),
    pytest.param('TALLINN, 17. märts (BNS) – Valitsus kiitis heaks.',
                 'TALLINN', 'EE', dt.date(2025, 3, 17), ['BNS'], 'Valitsus',
                 id='et'),
    pytest.param('VILNIUS, kovo 17 d. (ELTA). Vyriausybė pritarė planui.',
                 'VILNIUS', 'LT', dt.date(2025, 3, 17), ['ELTA'], 'Vyriausybė',
                 id='lt'),
    # Turkish capitals: the dotless "ı" reads as "I" ("MAYIS", "ARALIK"),
    # the dotted "i" as "İ" ("NİSAN"); and "ANKARA, 18 ARALIK" does not spell
    # out "AA" (a place and a date, no name)
    pytest.param('ANKARA, 18 MAYIS (AA) - Dışişleri Bakanı açıklama yaptı.',
                 'ANKARA', 'TR', dt.date(2025, 5, 18), ['ANADOLU'],
                 'Dışişleri', id='tr-caps-may'),
    pytest.param('ANKARA, 18 ARALIK (AA) - Dışişleri Bakanı açıklama yaptı.',
                 'ANKARA', 'TR', dt.date(2024, 12, 18), ['ANADOLU'],
                 'Dışişleri', id='tr-caps-december'),
    pytest.param('İSTANBUL, 17 NİSAN (AA) - Vali açıklama yaptı.',
                 'İSTANBUL', 'TR', dt.date(2025, 4, 17), ['ANADOLU'], 'Vali',
                 id='tr-caps-april'),
])
def test_baltic_and_turkish_datelines(text, location, country, date,
                                      agencies, body):
    _assert_dateline(normalize_story(text, FETCHED), location, country, date,
                     agencies, body)

