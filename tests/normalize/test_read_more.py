"""A feed's closing link to the rest of the story ("Continue reading...",
"Seguir leyendo", WordPress's "The post ... appeared first on ...") is no
part of the body; the same words inside the story are."""
import datetime as dt

import pytest

from .entries import UTC, normalize_story

FETCHED = dt.datetime(2025, 3, 18, 12, tzinfo=UTC)
STORY = 'The council approved the budget on Tuesday after a long debate.'


@pytest.mark.parametrize('link', [
    'Continue reading...', 'Continue reading\u2026', 'Read more \u00bb',
    'READ MORE', 'Keep reading \u2192', 'Read the full story',
    'Seguir leyendo', 'Seguir leyendo.', 'Read the full post',
    'Lire la suite', 'Weiterlesen', 'Leggi tutto',
    'Continuar lendo', '\u0427\u0438\u0442\u0430\u0442\u044c \u0434\u0430\u043b\u0435\u0435',
    'The post Council approves budget appeared first on Example Blog.',
    # (the words the earlier gate missed)
    'Read the full article', 'Leer m\u00e1s', 'Leer m\u00e1s \u00bb',
])
def test_closing_link_is_cut(link):
    row = normalize_story(f'<p>{STORY}</p><p><a href="https://x.example/a">'
                          f'{link}</a></p>', FETCHED, html=True)
    assert row['body'] == STORY


def test_closing_link_before_a_credit_line():
    row = normalize_story(f'<p>{STORY}</p><p>- AFP</p><p>Continue reading...</p>',
                          FETCHED, html=True)
    assert row['body'] == STORY
    assert row['agencies'] == ['AFP']


@pytest.mark.parametrize('text', [
    'The minister urged voters to read more before the vote.',
    'Officials said the full story would come out later. Continue reading',
    'Critics say the plan is more of the same. Read more',
])
def test_same_words_in_the_story_stay(text):
    assert normalize_story(text, FETCHED)['body'] == text
