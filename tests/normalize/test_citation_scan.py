"""The citation pre-scan (marker bytes + alias trie) finds what a plain
whole-word search finds: fixtures written for wirefeed."""
import re

import pytest

from pipeline.normalize.agencies import (_occurrences, find_citations,
                                         load_registry)
from pipeline.normalize.rx import trie

REG = load_registry()


def codes(text):
    return [(c['agency'], c['kind']) for c in find_citations(text, REG)]


@pytest.mark.parametrize('text,expected', [
    ('The council met, dpa reported.', [('DPA', 'cited')]),
    ('The figures were released, ČTK reported on Friday.', [('CTK', 'cited')]),
    ('The Associated Press reported the vote.', [('AP', 'cited')]),
    ('Rescuers worked all night, the Associated Press reported.', [('AP', 'cited')]),
    ('Talks stalled \u2014 Reuters reported \u2014 after midnight.', [('REUTERS', 'cited')]),
    ('\u201cWe will go,\u201d he told Reuters on Monday.', [('REUTERS', 'cited')]),
    ('The CEO told AFP the plant would close.', [('AFP', 'cited')]),
    ('Shares fell, Kyodo said on Monday.', [('KYODO', 'cited')]),
    ('Prices rose, AGENCE FRANCE-PRESSE reported.', [('AFP', 'cited')]),
    ('According to Xinhua, 12 people died.', [('XINHUA', 'cited')]),
    ('The toll rose, Yonhap news agency said. Bloomberg News reported '
     'the same figure.', [('YONHAP', 'cited'), ('BLOOMBERG', 'cited')]),
])
def test_citations_found(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize('text', [
    'The iAFP app reported nothing.',           # not a word start
    'Use the AFPX reported format.',            # not a word end
    'The minister told reporters on Tuesday that talks would resume.',
    'Reuben Reuterswald said he would stay.',   # look-alike shapes
    'Mail to news@reuters.com reported.',
    'The dpaX index said nothing.',
    '',
])
def test_no_citation(text):
    assert codes(text) == []


def _plain_occurrences(text):
    """Reference: every alias form found with str.find and the same
    word-boundary rule, longest form first at each start."""
    forms = sorted(REG.shorter, key=len, reverse=True)
    out, last = [], 0
    for i in range(len(text)):
        if i < last or (i and (text[i - 1].isalnum() or text[i - 1] in '_@./-')):
            continue
        for f in forms:
            if not text.startswith(f, i):
                continue
            e = i + len(f)
            if e < len(text) and (text[e].isalnum() or text[e] == '_' or (
                    text[e] == '-' and e + 1 < len(text) and text[e + 1].isalpha())):
                continue
            if f[:4].lower() == 'the ' and f[4:] in REG.shorter:
                f, i2 = f[4:], i + 4
                out.append((i2, e, f))
            else:
                out.append((i, e, f))
            last = e
            break
    return out


@pytest.mark.parametrize('text', [
    'Agence France-Presse and AFP and the AFP-led pool; Reuters/Ipsos; '
    'Thomson Reuters, (Reuters), "Reuters", Reuters\' desk.',
    'ANSAmed, ANSA, Agenzia ANSA and the ANA-MPA wire; ITAR-TASS and TASS.',
    'Kyodo News, KYODO NEWS AGENCY, Kyodo Newsroom and Kyodo.',
    'NEW YORK \u2014 The New China News Agency, United Press International '
    'and United Nations officials, with PTI and Press Trust of India.',
    'dpa-AFX, dpa, xdpa, ČTK, \u201cČTK\u201d and the Associated Press.',
])
def test_prescan_matches_plain_search(text):
    assert _occurrences(text, REG) == _plain_occurrences(text)


def test_trie_pattern_prefers_longest_and_folds_case():
    rx = re.compile(trie(['mar', 'march', 'mars', 'märz']) + r'\b', re.A)
    assert rx.match('march').group() == 'march'
    assert rx.match('mars').group() == 'mars'
    rx = re.compile(trie(['mar', 'march', 'märz'], fold=True) + r'(?!\w)')
    assert rx.match('MARCH 3').group() == 'MARCH'
    assert rx.match('Mar. 3').group() == 'Mar'
    assert rx.match('März').group() == 'März'
    assert rx.match('Marc') is None


_TEXTS = [
    'Agence France-Presse and AFP and the AFP-led pool; Reuters/Ipsos; '
    'Thomson Reuters, (Reuters), "Reuters", Reuters\' desk.',
    'NEW YORK \u2014 The New China News Agency, United Press International '
    'and United Nations officials, with PTI and Press Trust of India.',
    'dpa-AFX, dpa, xdpa, \u010cTK, \u201c\u010cTK\u201d and the Associated Press.',
    'Secondo askanews, Askanews and ASKANEWS; not www.askanews.it, '
    'xaskanews or askanewsroom.',
    'THE MINISTER TOLD REUTERS ON MONDAY THAT THE PLAN WAS READY, AFP REPORTED. '
    'THE ASSOCIATED PRESS SAID SO TOO. UNITED NATIONS OFFICIALS AGREED.',
]


@pytest.mark.parametrize('text', _TEXTS + [t.upper() for t in _TEXTS] +
                         [t.title() for t in _TEXTS])
def test_both_prescans_agree(text, monkeypatch):
    import pipeline.normalize.agencies as A
    monkeypatch.setattr(A, '_MAX_CANDIDATES', 10 ** 9)
    by_capitals = _occurrences(text, REG)
    monkeypatch.setattr(A, '_MAX_CANDIDATES', -1)
    by_word_starts = _occurrences(text, REG)
    assert by_capitals == by_word_starts == _plain_occurrences(text)


def test_story_in_capitals():
    text = ('THE MINISTER SAID ON TUESDAY THAT TALKS WOULD RESUME NEXT WEEK. '
            * 60 + 'THE MINISTER TOLD REUTERS HE WOULD STAY, AFP REPORTED.')
    assert codes(text) == [('REUTERS', 'cited'), ('AFP', 'cited')]


# askanews writes its own name in lower case; running text cites it so too.
@pytest.mark.parametrize('text,hit', [
    ('Il ministro ha detto ad askanews che la riforma è pronta.',
     'detto ad askanews'),
    ('Secondo askanews, il governo ha approvato il decreto.',
     'Secondo askanews'),
    ('Il decreto è pronto, riferisce askanews.', 'riferisce askanews'),
    ('The minister told askanews on Monday that talks would resume.',
     'told askanews'),
    ('The vote was delayed, askanews reported.', 'askanews reported'),
    ('The vote was delayed, Askanews reported.', 'Askanews reported'),
])
def test_lower_case_askanews_is_cited(text, hit, monkeypatch):
    import pipeline.normalize.agencies as A
    for limit in (10 ** 9, -1):      # by capitals, then by word starts
        monkeypatch.setattr(A, '_MAX_CANDIDATES', limit)
        assert [(c['agency'], c['text']) for c in find_citations(text, REG)] \
            == [('ASKANEWS', hit)]


@pytest.mark.parametrize('text', [
    # lower-case words that are agency acronyms in capitals
    'he told ap the plan was ready, according to efe.',
    'according to ana, the pa reported a loss; ansa said so; afp reported.',
    'the figures, agi reported, were wrong, told pap.',
    # askanews only as a whole word
    'See www.askanews.it and askanewsroom for the rest, xaskanews reported.',
])
def test_lower_case_words_are_no_agencies(text):
    assert codes(text) == []
