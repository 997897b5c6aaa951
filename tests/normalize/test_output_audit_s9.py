"""Output audit, session 9: what a data analyst loading the tables found
wrong in the rows (the fixes in text.py and article.py), each case written
for wirefeed after the form seen in real feeds."""
import datetime as dt

import pytest

from pipeline.normalize.text import html_to_text, one_line

from .entries import UTC, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, tzinfo=UTC)


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
