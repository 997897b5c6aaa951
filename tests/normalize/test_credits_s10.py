"""Closing credits and citations fixed in the tenth session (forms a
held-out probe of many outlets' copy found)."""
import datetime as dt

import pytest

from pipeline.model import FeedInfo, RawEntry
from pipeline.normalize.article import NormalizeSettings, normalize_article

from .entries import UTC, kinds, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
STORY = 'Las autoridades confirmaron la cifra el lunes.'


@pytest.mark.parametrize('tail,agencies', [
    ('\n\nFuente: EFE', ['EFE']),
    (' (Con información de EFE)', ['EFE']),
    (' Con información de AFP y EFE.', ['AFP', 'EFE']),
    (' (con informazioni di ANSA)', ['ANSA']),
    ('\nCom informações da Agência Brasil', ['AGENCIA_BRASIL']),
    ('\nFonte: Agência Brasil', ['AGENCIA_BRASIL']),
    ('\n\nAvec AFP', ['AFP']),
    (' (avec AFP)', ['AFP']),
    ("\n\nAvec l'AFP", ['AFP']),
    ('\n\nQuelle: dpa', ['DPA']),
    ('\nMit Material von dpa', ['DPA']),
    ('\nMit Material der dpa', ['DPA']),
    (' (mit dpa)', ['DPA']),
    ('\n\u0179r\u00f3d\u0142o: PAP', ['PAP']),
    ('\nBron: ANP', ['ANP']),
])
def test_closing_credits_in_other_languages(tail, agencies):
    row = normalize_story(STORY + tail, FETCHED, language='es')
    assert row['body'] == STORY
    assert kinds(row, 'credit') == sorted(agencies)


@pytest.mark.parametrize('tail', [
    '\nFuente: Ministerio de Salud',
    '\nMit freundlichen Gr\u00fc\u00dfen',
    ' Avec ses amis.',
    ' Con informaci\u00f3n de la polic\u00eda.',
])
def test_the_same_words_before_no_agency_stay(tail):
    row = normalize_story(STORY + tail, FETCHED, language='es')
    assert row['body'] == STORY + tail
    assert row['agencies'] == []


@pytest.mark.parametrize('tail,agency', [
    (' The Associated Press contributed to this report.', 'AP'),
    (' Reuters contributed to this report.', 'REUTERS'),
])
def test_a_contributor_line_that_ends_the_last_paragraph(tail, agency):
    story = 'Talks went on into the night on Monday, officials said.'
    row = normalize_story(story + tail, FETCHED)
    assert row['body'] == story
    assert kinds(row, 'credit') == [agency]


def test_a_contributor_sentence_about_people_stays():
    text = 'Talks went on on Monday. Many residents contributed to this report.'
    assert normalize_story(text, FETCHED)['body'] == text


@pytest.mark.parametrize('text', [
    # a state's body: the Palestinian Authority's, Andhra Pradesh's
    'Figures were released, according to the PA health ministry.',
    'Figures were released, according to AP revenue department.',
    # a company's results: All Nippon Airways', the news company's own
    'ANA reported a net loss of 5 billion yen for the quarter.',
    'ANA posted a bigger-than-expected first-quarter loss.',
    'Reuters reported net income of $1 billion for the year.',
])
def test_an_acronym_of_another_body_or_a_companys_results_is_no_citation(text):
    assert normalize_story(text, FETCHED)['agencies'] == []


@pytest.mark.parametrize('text,agency', [
    ('He told AFP security forces had opened fire.', 'AFP'),
    ('Reuters reported a sharp rise in sales at the retailer, citing sources.',
     'REUTERS'),
    ('Bloomberg reported earnings estimates were cut.', 'BLOOMBERG'),
    ('Ward said the fee was fair, the PA reported.', 'PA'),
])
def test_the_same_words_after_a_citation_keep_it(text, agency):
    assert kinds(normalize_story(text, FETCHED), 'cited') == [agency]


def test_the_agency_sites_title_suffix_with_a_plus():
    row = normalize_story('Japan will raise its defense budget, officials said.', FETCHED,
                          title='Japan to boost defense spending - Kyodo News+')
    assert kinds(row, 'title') == ['KYODO']


@pytest.mark.parametrize('tail', [
    '\n\n(PAP)\n\nautor: Jan Kowalski\n\njk/ mok/',
    ' (PAP)\n\njk/ mok/',
])
def test_paps_credit_before_its_author_and_editors_codes(tail):
    story = 'Premier zapowiedzia\u0142 zmiany w rz\u0105dzie.'
    row = normalize_story(story + tail, FETCHED, language='pl')
    assert row['body'] == story
    assert kinds(row, 'credit') == ['PAP']


def test_editors_codes_after_a_credit_in_a_short_story():
    row = normalize_story('He said. --AFP\nbur-jj/dl', FETCHED)
    assert (row['body'], kinds(row, 'credit')) == ('He said.', ['AFP'])


@pytest.mark.parametrize('text,agency', [
    ('The toll rose to 40, reported AFP.', 'AFP'),
    ('The toll rose to 40, said Reuters.', 'REUTERS'),
    ('Markets fell, reported Reuters, citing sources.', 'REUTERS'),
    ('The quake struck at dawn, reports Xinhua.', 'XINHUA'),
])
def test_the_verb_before_the_agency_at_the_sentence_end(text, agency):
    assert kinds(normalize_story(text, FETCHED), 'cited') == [agency]


@pytest.mark.parametrize('text', [
    'The BJP is scared, said AAP.',              # the Aam Aadmi Party says
    'The BJP is scared, said AAP chief Arvind Kejriwal.',
    'He said Reuters was wrong about the deal.',
])
def test_a_party_that_says_or_a_sentence_about_the_agency_is_no_citation(text):
    assert kinds(normalize_story(text, FETCHED), 'cited') == []


def test_efes_english_service_name_credits_efe():
    row = normalize_story('MADRID, Mar 17 (EFE News) - Spain said on Monday it would act.',
                          FETCHED)
    assert (row['dateline_location'], row['agencies']) == ('MADRID', ['EFE'])


@pytest.mark.parametrize('tail', ['\n\nAuthor: Jane Doe, AAP', '\nBy Jane Doe, AAP'])
def test_the_writers_line_with_author_or_by_credits_the_agency(tail):
    story = 'Australian shares rose on Monday.'
    row = normalize_story(story + tail, FETCHED)
    assert (row['body'], kinds(row, 'credit')) == (story, ['AAP'])


@pytest.mark.parametrize('summary', [
    '<p>The council voted to close the pool.</p>\n<p>The post <a href="https://x.example/p">'
    'Pool closes</a> appeared first on <a href="https://x.example/">Riverside Gazette</a>.</p>',
    'The council voted to close the pool.\n\nRead more \u00bb',
])
def test_the_feeds_link_to_the_rest_is_no_part_of_the_summary(summary):
    feed = FeedInfo(feed_url='https://x.example/rss', title='Riverside Gazette',
                    link='https://x.example/', language='en', publisher='Riverside Gazette',
                    format='rss20', fetched_at=FETCHED)
    entry = RawEntry(feed=feed, position=0, guid='g', link='https://x.example/a', title='T',
                     summary=summary, author=None, published_raw=None, updated_raw=None,
                     content='<p>The council voted on Monday to close the pool.</p>',
                     language=None)
    row = normalize_article(entry, feed, NormalizeSettings())
    assert row['summary'] == 'The council voted to close the pool.'


def test_a_photo_caption_read_as_content_is_not_the_story():
    """The NYT's items carry a media:description (the photo's caption),
    which parsers read as a second description, hence the content."""
    feed = FeedInfo(feed_url='https://x.example/rss', title='Gazette', link='https://x.example/',
                    language='en', publisher='Gazette', format='rss20', fetched_at=FETCHED)
    story = ('President Trump blamed Iran after demonstrators breached the compound\u2019s '
             'outer wall. Tensions rose on Tuesday.')
    entry = RawEntry(feed=feed, position=0, guid='g', link='https://x.example/a', title='T',
                     summary=story, content='A protester holding an emblem from the embassy.',
                     author=None, published_raw=None, updated_raw=None, language=None)
    assert normalize_article(entry, feed, NormalizeSettings())['body'] == story
    # a content longer than its summary is the story, as before
    entry = RawEntry(feed=feed, position=0, guid='g', link='https://x.example/a', title='T',
                     summary='Tensions rose.', content='<p>' + story + '</p>',
                     author=None, published_raw=None, updated_raw=None, language=None)
    row = normalize_article(entry, feed, NormalizeSettings())
    assert (row['body'], row['summary']) == (story, 'Tensions rose.')
