"""Output audit, session 9: what a data analyst loading the tables found
wrong in the rows (the fixes in text.py, article.py and datelines.py), each
case written for wirefeed after the form seen in real feeds."""
import datetime as dt

import pytest

from pipeline.normalize.agencies import load_registry
from pipeline.normalize.datelines import parse_head
from pipeline.normalize.text import html_to_text, one_line

from .entries import UTC, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, tzinfo=UTC)
REG = load_registry()


# ------------------------------------------- text in angle brackets (text.py)
# The wires put company names and tickers in angle brackets and feeds carry
# them unescaped in an HTML description: a tag stripper took them for tags
# and the story lost its subject ("said it filed ...").
@pytest.mark.parametrize('markup,expected', [
    ('<Harbor Point Holdings Corp> said it filed a registration statement.',
     '<Harbor Point Holdings Corp> said it filed a registration statement.'),
    ('<p>It bought 80 pct of <Crane, Wills and Co>, a broker.</p>',
     'It bought 80 pct of <Crane, Wills and Co>, a broker.'),
    ("Westfield Chemical Co's <WFC> unit said", "Westfield Chemical Co's <WFC> unit said"),
    ('Shares of <ABCD.F> and <Ostra-Berg AG> rose.', 'Shares of <ABCD.F> and <Ostra-Berg AG> rose.'),
    # escaped twice: the real tags go, the name stays
    ('&lt;p&gt;&lt;Harbor Point Holdings Corp&gt; said it.&lt;/p&gt;',
     '<Harbor Point Holdings Corp> said it.'),
])
def test_text_in_angle_brackets_is_kept(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize('markup,expected', [
    # HTML in capitals, tags with attributes, namespaced and lower-case
    # unknown tags are tags as before
    ('<P>One</P><BR><Div class="x">Two</Div>', 'One\nTwo'),
    ('<Widget id="w1">Three</Widget>', 'Three'),
    ('<o:p>Four</o:p><widget>Five</widget>', 'FourFive'),
    ('<FONT FACE=Arial>Six</FONT>', 'Six'),
])
def test_tags_are_still_tags(markup, expected):
    assert html_to_text(markup) == expected


def test_wire_headline_and_story_keep_the_company():
    assert one_line('HARBOR POINT &lt;HPH&gt; SETS OFFERING') == 'HARBOR POINT <HPH> SETS OFFERING'
    row = normalize_story('BRANCHVILLE, N.J., Feb 26 - <Harbor Point Holdings Corp> '
                          'said it filed a registration statement.', FETCHED,
                          title='<HARBOR POINT HOLDINGS CORP> SETS OFFERING')
    assert row['dateline_location'] == 'BRANCHVILLE, N.J.'
    assert row['body'].startswith('<Harbor Point Holdings Corp> said')
    assert row['title'] == '<HARBOR POINT HOLDINGS CORP> SETS OFFERING'


# ------------------------------------- closing matter of the outlet (article.py)
STORY = 'The jury found for the plaintiffs in two of the trials.'


@pytest.mark.parametrize('tail,agencies', [
    # a credit, then the outlet's own lines: the credit was missed and
    # both stayed in the body
    (' (Reuters) Follow us on Twitter and Facebook for the latest updates.', ['REUTERS']),
    (' (Reuters) Subscribe to our newsletter to get the top stories every morning.',
     ['REUTERS']),
    ('\n(Reuters)\nSign up for our daily newsletter.', ['REUTERS']),
    # a credit, then the agency's rights notice: the notice was cut, the
    # credit before it stayed in the body
    (' (Reuters) Copyright 2025 Reuters. All rights reserved.', ['REUTERS']),
    ('\n(AFP)\n\u00a9 2025 AFP', ['AFP']),
    # the outlet's own rights notice and footer, no agency
    (' Copyright 2025 BBC. All rights reserved.', []),
    (' This article is part of our Harbor Daily news service. Read more stories '
     'like this on our website and in our daily e-paper. Follow Harbor Daily on '
     'Facebook, Twitter, Instagram and YouTube for breaking news, analysis and '
     'opinion from around the world. Copyright 2025 Harbor Daily. All rights reserved. '
     'Reproduction without permission is prohibited.', []),
    # an aggregator's notice with no credit before it
    (' This story has not been edited by our staff and is published from a '
     'syndicated feed.', []),
    # notices in capitals, with a company's form, with "(c)", a handle
    (' \u00a9 2025 Example Media Group, LLC. All Rights Reserved.', []),
    (' COPYRIGHT 2025 HARBOR NEWS. ALL RIGHTS RESERVED.', []),
    (' Copyright (c) 2025 Daily Courier. All rights reserved.', []),
    (' Follow @harbordaily on Twitter.', []),
    # messaging channels and links (tenth session)
    (' (AFP) Join our WhatsApp channel for the latest news.', ['AFP']),
    ('\nClick here to subscribe to our newsletter.', []),
    (' Click here to join our Telegram channel', []),
])
def test_outlet_closing_matter_is_cut_and_the_credit_before_it_read(tail, agencies):
    row = normalize_story(STORY + tail, FETCHED)
    assert row['body'] == STORY
    assert row['agencies'] == agencies


@pytest.mark.parametrize('text', [
    'Residents were told to follow us on Twitter for updates, the mayor said.',
    'He sued over the copyright of the song by Prince.',
    'The label said all rights reserved by the estate would pass to his heirs.',
    'The court ruled on Monday. Copyright infringement cases rose sharply.',
    # a phrase's first words in a story's last sentence: a holder that is
    # no name, no mark or year, or a sentence that reports what was said
    'The court ruled. Copyright Office officials declined to comment.',
    'The court ruled. Copyright 2019 rules were overturned by the court.',
    'Tests went on. Reproduction of the virus is prohibited in the lab, '
    'scientists said.',
    'The estate was split. All rights reserved for the families, the lawyer '
    'said.',
    'Rallies went on. Follow Smith on Twitter, the campaign urged supporters.',
    'Crowds gathered. Like us on Facebook, the protesters chanted.',
    'Storms neared. Download the app, officials urged residents.',
    'Markets shut early. The agency feed was down for hours, the spokesman '
    'said.',
    'Prices rose. Officials said the agency feeds data to banks.',
    'Scams spread. Click here to subscribe, the fake message said.',
])
def test_the_same_words_in_the_story_stay(text):
    assert normalize_story(text, FETCHED)['body'] == text


def test_footer_after_a_cut_short_sentence_goes_whole():
    # (a footer cut only in part left two outlets' short briefs sharing
    # its first sentence)
    story = 'The foreign ministers met in New Delhi for another round of talks'
    row = normalize_story(story + ' This article is part of our Harbor Daily news '
                          'service. Read more stories like this on our website. '
                          'Copyright Harbor Daily. All rights reserved.', FETCHED)
    assert row['body'] == story


# ----------------------------------------------- e-mail authors (article.py)
@pytest.mark.parametrize('author,byline,agencies', [
    # RSS 2.0's "address (name)", and Blogger's "name (address)"
    ('newsdesk@harbordaily.example (Ana Ruiz)', 'Ana Ruiz', []),
    ('newsdesk@harbordaily.example (EFE)', 'EFE', ['EFE']),
    ('Ads Developer Advisor (noreply@blog.example)', 'Ads Developer Advisor', []),
    ('noreply@blog.example', None, []),
    ('Ana Ruiz', 'Ana Ruiz', []),
])
def test_byline_is_the_name_not_the_address(author, byline, agencies):
    row = normalize_story(STORY, FETCHED, author=author)
    assert row['byline'] == byline
    assert row['agencies'] == agencies


# ------------------------------------------------ publisher names (article.py)
@pytest.mark.parametrize('feed_title,publisher', [
    ('Harbor Daily - Latest News', 'Harbor Daily'),
    ('Harbor Daily | Top Stories', 'Harbor Daily'),
    ('Harbor Daily: Top News', 'Harbor Daily'),
    ('World Desk - Breaking News, Top Stories', 'World Desk'),
    ('Harbor Daily Canada - Edition2 - All Posts', 'Harbor Daily Canada - Edition2'),
    ('DIARIO.EXAMPLE - Lo \u00faltimo', 'DIARIO.EXAMPLE'),
    ('\u00daltimas noticias | DIARIO EJEMPLO', 'DIARIO EJEMPLO'),
    ('Jornal Exemplo - \u00daltimas Not\u00edcias', 'Jornal Exemplo'),
    # the name itself stays
    ('Breaking News', 'Breaking News'),
    ('Top News Network', 'Top News Network'),
    ('Harbor Daily - RSS Feed', 'Harbor Daily'),
    # (tenth session) more of the feed's words, its section, other languages
    ('Harbor News - Latest News & Headlines', 'Harbor News'),
    ('Harbor.com - RSS Channel - Top Stories', 'Harbor.com'),
    ('HD > Top Stories', 'HD'),
    ('Harbor News - World', 'Harbor News'),
    ('The Harbor | World news', 'The Harbor'),
    ('Harbor Daily - Health & Science', 'Harbor Daily'),
    ('港新聞 - 最新ニュース', '港新聞'),
    ('Hafenblatt - Aktuelle Nachrichten', 'Hafenblatt'),
    ('World News', 'World News'),
    ('Business', 'Business'),
])
def test_publisher_without_the_feeds_latest_news_words(feed_title, publisher):
    from pipeline.normalize.article import normalize_publisher
    assert normalize_publisher(feed_title) == publisher


def test_syndication_notice_after_a_quotation_is_cut():
    story = 'He said: "We will appeal."'
    row = normalize_story(story + ' This story has not been edited by our staff '
                          'and is published from a syndicated feed.', FETCHED)
    assert row['body'] == story


@pytest.mark.parametrize('title,expected', [
    ('Tariffs\u200b rise\ufeff again', 'Tariffs rise again'),
    ('\ufeffMarkets close', 'Markets close'),
    ('Word\u2060joiner', 'Wordjoiner'),
    # a joiner that shapes a script stays
    ('\u0915\u094d\u200d\u0937', '\u0915\u094d\u200d\u0937'),
])
def test_a_title_without_invisible_characters(title, expected):
    assert one_line(title) == expected


@pytest.mark.parametrize('markup,expected', [
    # an element's name written as a company's, over a line break
    ('JENKINTOWN, Pa., March 2 - <Video Shopping Mall Inc> said\nit signed',
     'JENKINTOWN, Pa., March 2 - <Video Shopping Mall Inc> said\nit signed'),
    ('Shares of <Time Inc> rose.', 'Shares of <Time Inc> rose.'),
    ('<p>It bought <Tiffany\nand Co> stock.</p>', 'It bought <Tiffany\nand Co> stock.'),
    # the elements themselves
    ('<Video controls>clip</Video> and <VIDEO CONTROLS>two', 'clip and two'),
    ('<Section>a</Section>b', 'a\nb'),
    # bare attributes in old pages' capitalized style (tenth session)
    ('Rates rose.<Hr Noshade>Next item', 'Rates rose.\nNext item'),
    ('<Td Nowrap>cell', 'cell'),
    ('Shares of <Time Open Inc> rose.', 'Shares of <Time Open Inc> rose.'),
    # a "<" that starts no tag (no letter, "/", "!" or "?" after it) is text
    ('<p>Rates stayed < 5% and > 2% all year.</p>', 'Rates stayed < 5% and > 2% all year.'),
    ('Rates stayed < 5% and > 2% all year.', 'Rates stayed < 5% and > 2% all year.'),
])
def test_element_names_written_as_company_names(markup, expected):
    assert html_to_text(markup) == expected


def test_syndication_notice_on_a_line_of_its_own_is_cut():
    row = normalize_story(STORY + '\nThis story has not been edited by our staff and '
                          'is published from a syndicated feed.', FETCHED)
    assert row['body'] == STORY


def test_company_name_with_an_apostrophe_is_text():
    assert html_to_text("Toronto, March 20 - <Harbor's Bay Co> said a writeoff") == \
        "Toronto, March 20 - <Harbor's Bay Co> said a writeoff"


# ------------------------------------------- an agency's byline (datelines.py)
@pytest.mark.parametrize('text,byline,agencies,body', [
    # the agency's staff and a full stop, the story on the same line
    ('By Reuters staff. Monetary growth slowed in March.', 'Reuters staff',
     ['REUTERS'], 'Monetary growth'),
    ('By AFP staff writers. Shares fell.', 'AFP staff writers', ['AFP'],
     'Shares fell.'),
    ('By Reuters. Monetary growth slowed.', 'Reuters', ['REUTERS'],
     'Monetary growth'),
    # a dateline after the byline's dash
    ('By Reuters Staff - LONDON (Reuters) - Shares fell.', 'Reuters Staff',
     ['REUTERS'], 'Shares fell.'),
], ids=['staff', 'staff-writers', 'agency', 'dash-then-dateline'])
def test_agency_byline_then_the_story(text, byline, agencies, body):
    head = parse_head(text, REG)
    assert head.byline == byline
    assert sorted({code for code, kind, _ in head.credits
                   if kind == 'byline'}) == agencies
    assert text[head.start:].startswith(body)


def test_a_closed_element_of_no_html_name_is_markup():
    # a CMS's own elements, closed: tags, not a wire's <Company>
    assert html_to_text('<Byline>John Doe</Byline> The council met.') == \
        'John Doe The council met.'
    assert html_to_text('x <Foo> y </Foo> z') == 'x y z'
