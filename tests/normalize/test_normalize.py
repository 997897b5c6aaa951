"""Unit tests for the normalization domain (fixtures written for wirefeed)."""
import datetime as dt

import pytest

from pipeline.model import FeedInfo, RawEntry
from pipeline.normalize.agencies import find_citations, load_registry
from pipeline.normalize.article import (EntryRejected, NormalizeSettings,
                                        article_id_for, normalize_article,
                                        normalize_publisher)
from pipeline.normalize.dates import parse_feed_date
from pipeline.normalize.datelines import parse_head
from pipeline.normalize.geo import country_for
from pipeline.normalize.text import html_to_text
from pipeline.normalize.urls import canonical_url

UTC = dt.timezone.utc
REG = load_registry()
FETCHED = dt.datetime(2025, 3, 18, 12, 0, tzinfo=UTC)


def feed(**kw):
    base = dict(feed_url='https://news.example/rss', title='Example News RSS',
                link='https://news.example/', language='en',
                publisher='Example News', format='rss20', fetched_at=FETCHED)
    base.update(kw)
    return FeedInfo(**base)


def entry(text, title='A headline', published='Tue, 18 Mar 2025 10:00:00 GMT',
          author=None, guid='g-1', link='https://news.example/a/1', f=None):
    f = f or feed()
    return RawEntry(feed=f, position=0, guid=guid, link=link, title=title,
                    summary=text, content=None, author=author,
                    published_raw=published, updated_raw=None, language=None)


def norm(text, **kw):
    e = entry(text, **kw)
    return normalize_article(e, e.feed, NormalizeSettings())


# ------------------------------------------------------------------ datelines
@pytest.mark.parametrize('text,loc,month,day,year,agency', [
    ('SALVADOR, Feb 26 - Cocoa output rose.', 'SALVADOR', 2, 26, None, None),
    ('SAN JOSE, Calif., Feb 26 - Chip maker said.', 'SAN JOSE, Calif.', 2, 26, None, None),
    ('RICHMOND, Va. Feb 26 - Tobacco firm said.', 'RICHMOND, Va.', 2, 26, None, None),
    ('AMSTERDAM, 2 March - Dutch bank said.', 'AMSTERDAM', 3, 2, None, None),
    ('JOHANNESBURG March 13 - Gold miners said.', 'JOHANNESBURG', 3, 13, None, None),
    ('WASHINGTON - The Senate voted.', 'WASHINGTON', None, None, None, None),
    ('LONDON, March 17 (Reuters) - Shares fell.', 'LONDON', 3, 17, None, 'REUTERS'),
    ('WASHINGTON (Reuters) - The Senate voted.', 'WASHINGTON', None, None, None, 'REUTERS'),
    ('SOCHI, Russia (Reuters) - Talks began.', 'SOCHI, Russia', None, None, None, 'REUTERS'),
    ('ATLANTA (AP) _ A storm hit.', 'ATLANTA', None, None, None, 'AP'),
    ('SAN FRANCISCO (AP) -- A startup said.', 'SAN FRANCISCO', None, None, None, 'AP'),
    ('PARIS (AFP) - The minister said.', 'PARIS', None, None, None, 'AFP'),
    ('STOCKHOLM, Aug 29, 2014 (AFP) - Police said.', 'STOCKHOLM', 8, 29, 2014, 'AFP'),
    ('Strasbourg, 10 juil 2024 (AFP) Les députés ont voté.', 'Strasbourg', 7, 10, 2024, 'AFP'),
    ('ATHENS, April 4 ANA - The ministry said.', 'ATHENS', 4, 4, None, 'ANA'),
    ('VANCOUVER (CP) - Loggers said.', 'VANCOUVER', None, None, None, 'CP'),
    ('ISLAMABAD: The cabinet met.', 'ISLAMABAD', None, None, None, None),
    ('HOUSTON -- Oil prices rose.', 'HOUSTON', None, None, None, None),
    ('NAJAF, Iraq - Fighting resumed.', 'NAJAF, Iraq', None, None, None, None),
    ('MADRID, March 3 (EFE).- Los sindicatos dijeron.', 'MADRID', 3, 3, None, 'EFE'),
    ('BEIJING, March 3 (Xinhua) -- A quake struck.', 'BEIJING', 3, 3, None, 'XINHUA'),
    ('ANKARA (AA) - The opposition called a strike.', 'ANKARA', None, None, None, 'ANADOLU'),
    ('FORT MYERS, Fla. - (KRT) - A hurricane neared.', 'FORT MYERS, Fla.', None, None, None, 'KRT'),
])
def test_dateline_forms(text, loc, month, day, year, agency):
    h = parse_head(text, REG)
    assert h.location == loc
    assert (h.month, h.day, h.year) == (month, day, year)
    codes = [c for c, kind, _ in h.credits if kind == 'dateline']
    assert codes == ([agency] if agency else [])
    assert text[h.start:][:1].isupper()


def test_byline_then_dateline_double_space():
    text = 'By JANE ROE  SAN FRANCISCO (AP) -- A startup said.'
    h = parse_head(text, REG)
    assert h.byline == 'JANE ROE'
    assert h.location == 'SAN FRANCISCO'
    assert text[h.start:].startswith('A startup')


def test_byline_then_dateline_single_space_uses_gazetteer():
    h = parse_head('By JANE ROE SAN FRANCISCO (AP) -- A startup said.', REG)
    assert h.location == 'SAN FRANCISCO'


def test_feed_prefix_then_dateline():
    h = parse_head('Canadian Press - VANCOUVER (CP) - Loggers said.', REG)
    assert h.location == 'VANCOUVER'
    assert ('CP', 'prefix') in [(c, k) for c, k, _ in h.credits]


def test_agency_prefix_without_dateline():
    text = 'AP - A company won a grant on Monday.'
    h = parse_head(text, REG)
    assert h.location is None
    assert [(c, k) for c, k, _ in h.credits] == [('AP', 'prefix')]
    assert text[h.start:].startswith('A company')


@pytest.mark.parametrize('text', [
    'THE ECONOMY IS GROWING FAST - said the report on Monday.',
    'BREAKING NEWS - Children will get free lessons.',
    'BREAKING: The minister resigned.',
    'ANALYSIS: Markets look shaky.',
    'EXCLUSIVE: A museum will open.',
    'MAR8 -- -- 12.5 13.1',
    'Key points - nothing here - no place at all in this summary.',
    'Dollar gains on Greenspan speech - The dollar rose.',
    'Australian Federal Police (AFP) officers charged a man.',
    'Shares rose on Monday - the index gained.',
])
def test_not_datelines(text):
    assert parse_head(text, REG, title='Dollar gains on Greenspan speech').location is None


def test_repeated_headline_is_skipped_before_dateline():
    h = parse_head('Oil hits record high\nLONDON (Reuters) - Oil rose.', REG,
                   title='Oil hits record high')
    assert h.location == 'LONDON'


ISLAMABAD_STORY = (
    "Key points - Trump is making efforts to win Putin's support for a "
    "ceasefire proposal - Putin acknowledges Trump's diplomatic efforts "
    "ISLAMABAD: US President Donald Trump has said he planned to speak to his "
    "Russian counterpart Vladimir Putin Tuesday to discuss ending Russia's war "
    "in Ukraine. AFP reported that Trump told reporters aboard Air Force One he "
    "was already discussing dividing up \"certain assets\" between Ukraine and "
    "Russia. Reuters cited Trump as saying \"We want to see if we can bring "
    "that war to an end.\"")


def test_islamabad_compiled_story():
    row = norm(ISLAMABAD_STORY, title='Trump to speak to Putin')
    assert row['dateline_location'] == 'ISLAMABAD'
    assert row['dateline_country'] == 'PK'
    assert row['body'].startswith('US President Donald Trump')
    assert row['agencies'] == ['AFP', 'REUTERS']
    assert {a['kind'] for a in row['attributions']} == {'cited'}


# ------------------------------------------------------------- dateline dates
def test_dateline_date_resolved_against_publish_date():
    row = norm('LONDON, Dec 30 (Reuters) - Shares fell.',
               published='Thu, 02 Jan 2025 10:00:00 GMT')
    assert row['dateline_date'] == dt.date(2024, 12, 30)
    row = norm('LONDON, Jan 3 (Reuters) - Shares fell.',
               published='Tue, 31 Dec 2024 23:00:00 GMT')
    assert row['dateline_date'] == dt.date(2025, 1, 3)


def test_impossible_dateline_date_is_null():
    row = norm('WASHINGTON, March 119 - The Senate voted.')
    assert row['dateline_location'] == 'WASHINGTON'
    assert row['dateline_date'] is None


def test_published_falls_back_to_dateline_then_fetch():
    row = norm('LONDON, March 10 (Reuters) - Shares fell.', published=None)
    assert row['published_at_source'] == 'dateline'
    assert row['published_at'] == dt.datetime(2025, 3, 10, tzinfo=UTC)
    row = norm('Shares fell sharply.', published='not a date at all')
    assert row['published_at_source'] == 'fetched'
    assert row['published_at'] == FETCHED
    assert row['published_raw'] == 'not a date at all'


# ------------------------------------------------------------------- agencies
@pytest.mark.parametrize('text,expected,kind', [
    ('Officials said on Monday, AFP reported.', 'AFP', 'cited'),
    ('The minister told Reuters he would stay.', 'REUTERS', 'cited'),
    ('The toll rose to 40, according to AFP.', 'AFP', 'cited'),
    ('Reuters cited Trump as saying he would go.', 'REUTERS', 'cited'),
    ('The data were released, Xinhua news agency said.', 'XINHUA', 'cited'),
    ('The strike was called, Anadolu Agency reported.', 'ANADOLU', 'cited'),
    ('Five people died, according to PTI.', 'PTI', 'cited'),
])
def test_citations(text, expected, kind):
    found = find_citations(text, REG)
    assert [(c['agency'], c['kind']) for c in found] == [(expected, kind)]


@pytest.mark.parametrize('text', [
    'Floods hit Andhra Pradesh (AP) and displaced thousands.',
    'More than 20,000 students sat AP Computer Science exams.',
    'The AP poll shows the team at number three.',
    'She starred in the film "Inside Reuters said nothing" last year.',
    'Australian Federal Police (AFP) officers charged a man.',
    'The Pakistan Tehreek-e-Insaf (PTI) announced a march, and PTI leaders said it would go ahead.',
    'The Aam Aadmi Party (AAP) won, and AAP workers celebrated.',
    'The CP congress opened on Sunday.',
])
def test_look_alikes_are_not_credits(text):
    row = norm(text, title='Local news roundup')
    assert row['agencies'] == []


def test_title_suffix_and_byline_and_closing_credit():
    row = norm('Markets rose on Monday in quiet trade. - AFP',
               title='Markets rise (AP)', author='By Reuters')
    assert row['agencies'] == ['AFP', 'AP', 'REUTERS']
    kinds = {(a['agency'], a['kind']) for a in row['attributions']}
    assert {('AFP', 'credit'), ('AP', 'title'), ('REUTERS', 'byline')} <= kinds
    assert row['body'] == 'Markets rose on Monday in quiet trade.'


def test_title_acronym_expansion_is_not_credit():
    row = norm('Rain fell all day.', title='Floods in Andhra Pradesh (AP)')
    assert row['agencies'] == []


def test_user_registry(tmp_path):
    p = tmp_path / 'ag.yaml'
    p.write_text('agencies:\n  - {code: ZNA, name: Zed News Agency, '
                 'aliases: [ZNA, Zed News Agency]}\n')
    e = entry('ZEDTOWN (ZNA) - The council met.')
    row = normalize_article(e, e.feed, NormalizeSettings(agencies_path=str(p)))
    assert row['agencies'] == ['ZNA']


# ---------------------------------------------------------------------- dates
@pytest.mark.parametrize('raw,expected', [
    ('Tue, 18 Mar 2025 10:00:00 GMT', '2025-03-18T10:00:00'),
    ('18 Mar 2025 10:00 +0200', '2025-03-18T08:00:00'),
    ('Tue, 18 Mar 25 10:00:00 GMT', '2025-03-18T10:00:00'),
    ('03 Apr 02 1500 GMT', '2002-04-03T15:00:00'),
    ('Tue, 18 Mar 2025 10:00:00 PKT', '2025-03-18T05:00:00'),
    ('Tue, 18 Mar 2025 10:00:00 EST', '2025-03-18T15:00:00'),
    ('Tue, 18 Mar 2025 10:00:00 CET', '2025-03-18T09:00:00'),
    ('Tue, 18 Mar 2025 10:00:00 JST', '2025-03-18T01:00:00'),
    ('Tue, 18 Mar 2025 10:00:00 AEDT', '2025-03-17T23:00:00'),
    ('Tue, 18 Mar 2025 10:00:00 MSK', '2025-03-18T07:00:00'),
    ('Tue, 18 Mar 2025 10:00:00 GMT+0530', '2025-03-18T04:30:00'),
    ('2025-03-18T10:00:00Z', '2025-03-18T10:00:00'),
    ('2025-03-18T10:00:00.123456+01:00', '2025-03-18T09:00:00.123456'),
    ('2025-03-18T10:00:00', '2025-03-18T10:00:00'),
    ('2025-03-18', '2025-03-18T00:00:00'),
    ('1742292000', '2025-03-18T10:00:00'),
    ('18 mars 2025 10:00 +0100', '2025-03-18T09:00:00'),
    ('18. März 2025 10:00 MEZ', '2025-03-18T09:00:00'),
    ('martes, 18 de marzo de 2025 10:00', '2025-03-18T10:00:00'),
    ('18 de março de 2025 10:00', '2025-03-18T10:00:00'),
    ('18 marzo 2025 10:00', '2025-03-18T10:00:00'),
    ('18 марта 2025 10:00', '2025-03-18T10:00:00'),
    ('18 مارس 2025 10:00', '2025-03-18T10:00:00'),
    ('Tuesday, March 18, 2025 - 10:00', '2025-03-18T10:00:00'),
])
def test_feed_dates(raw, expected):
    got = parse_feed_date(raw)
    assert got.tzinfo is not None
    assert got.astimezone(UTC).replace(tzinfo=None).isoformat() == expected


def test_feed_date_default_zone_and_zone_override():
    assert parse_feed_date('2025-03-18 10:00', default_tz='Asia/Karachi') == \
        dt.datetime(2025, 3, 18, 5, tzinfo=UTC)
    assert parse_feed_date('18 Mar 2025 10:00 IST') == \
        dt.datetime(2025, 3, 18, 4, 30, tzinfo=UTC)
    assert parse_feed_date('18 Mar 2025 10:00 IST', zones={'IST': 120}) == \
        dt.datetime(2025, 3, 18, 8, tzinfo=UTC)


def test_relative_date_uses_fetch_time():
    got = parse_feed_date('2 hours ago', relative_base=FETCHED)
    assert got == dt.datetime(2025, 3, 18, 10, tzinfo=UTC)


def test_unparseable_date_is_none():
    assert parse_feed_date('soon') is None
    assert parse_feed_date('') is None
    # numbers in scientific notation are no dates (dateparser would read
    # "1e3" as 1 March and "1.7e9" as a time of day)
    for raw in ('1e3', '1E+5', '1.7e9', '1e308', '-2.5e-3'):
        assert parse_feed_date(raw, relative_base=FETCHED) is None, raw


# ------------------------------------------------------- urls, ids, text, geo
def test_canonical_url():
    assert canonical_url('HTTPS://WWW.Example.com:443/News/Story/?utm_source=x'
                         '&b=2&a=1&fbclid=z#frag') == \
        'https://www.example.com/News/Story?a=1&b=2'
    assert canonical_url('https://amp.example.com/news/story/amp/?amp=1') == \
        'https://example.com/news/story'
    assert canonical_url(None) is None
    # no web page, or one that would run code where the link is rendered
    for link in ('javascript:alert(1)', 'JavaScript:void(0)',
                 'data:text/html;base64,PHA+', 'mailto:desk@example.com',
                 '/news/story.html'):
        assert canonical_url(link) is None, link


def test_article_id_stable():
    assert article_id_for('g', 'u', 't') == article_id_for('g', 'x', 'y')
    assert article_id_for(None, 'u', 't') != article_id_for(None, 'v', 't')
    assert article_id_for(None, None, 'Hello  World') == \
        article_id_for(None, None, 'hello world')


def _title_only_id(published, fetched):
    e = entry('', title='Markets close higher', published=published,
              guid=None, link=None, f=feed(fetched_at=fetched))
    return normalize_article(e, e.feed, NormalizeSettings())['article_id']


@pytest.mark.parametrize('published', [
    '2 hours ago', 'yesterday', 'hace 3 horas', 'il y a 2 heures'])
def test_article_id_of_text_ignores_a_date_read_relative_to_the_fetch(published):
    # an item with no guid or link is known by its text: a date that moves
    # with every fetch must not give it a new id on every run
    later = FETCHED + dt.timedelta(hours=6)
    assert _title_only_id(published, FETCHED) == _title_only_id(published, later)


def test_article_id_of_text_keeps_a_real_date():
    # one brief on two days is two articles; each keeps its id across fetches
    later = FETCHED + dt.timedelta(hours=6)
    monday = 'Mon, 17 Mar 2025 10:00:00 GMT'
    tuesday = 'Tue, 18 Mar 2025 10:00:00 GMT'
    assert _title_only_id(monday, FETCHED) == _title_only_id(monday, later)
    assert _title_only_id(monday, FETCHED) != _title_only_id(tuesday, FETCHED)


def test_html_to_text():
    assert html_to_text('<p>One &amp; two</p><p>Three<br/>four</p>') == \
        'One & two\nThree\nfour'
    assert html_to_text('<script>x()</script>Cost #36;50') == 'Cost $50'


def test_html_escaped_twice_and_comparisons_in_text():
    # markup escaped twice (a feed escaping its already-escaped HTML):
    # tags, a comment and then the inner entities go
    assert html_to_text('&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;&lt;!-- ad --&gt;'
                        '&lt;p class="x"&gt;A&lt;br/&gt;B&lt;/p&gt;') == \
        'Tom & Jerry\nA\nB'
    # "<" and ">" in plain text are no tags, escaped or not
    assert html_to_text('<p>Inflation &lt; 2% and rates &gt; 4%</p>') == \
        'Inflation < 2% and rates > 4%'
    assert html_to_text('x &lt; y and y &gt; z') == 'x < y and y > z'


@pytest.mark.parametrize('loc,cc', [
    ('SAN JOSE, Calif.', 'US'), ('NAJAF, Iraq', 'IQ'), ('PARIS', 'FR'),
    ('Scarborough, Ontario', 'CA'), ('WASHINGTON', 'US'), ('ISLAMABAD', 'PK'),
    ('NOWHERESVILLE', None),
])
def test_country(loc, cc):
    assert country_for(loc) == cc


def test_row_contract():
    row = norm('<p>LONDON, March 17 (Reuters) - Shares fell.</p>',
               link='https://news.example/a/1?utm_medium=rss')
    assert row['url'] == 'https://news.example/a/1'
    assert row['dateline_raw'] == 'LONDON, March 17 (Reuters) -'
    assert row['body'] == 'Shares fell.'
    assert row['publisher'] == 'Example News'
    assert row['published_at_source'] == 'feed'
    assert row['agencies'] == ['REUTERS']
    assert row['attributions'] == [{'agency': 'REUTERS', 'kind': 'dateline',
                                    'text': '(Reuters)'}]


def test_missing_fields_rejected():
    with pytest.raises(EntryRejected) as e:
        norm('', title='')
    assert e.value.reason == 'missing fields'


def test_publisher_normalized():
    assert normalize_publisher('  Example   News - RSS Feed ') == 'Example News'
