"""Dateline forms fixed in the tenth session."""
from pipeline.normalize.agencies import load_registry
from pipeline.normalize.datelines import parse_head

REG = load_registry()


def head(text, title):
    h = parse_head(text, REG, title=title, publisher='Example Times')
    return h.dateline_raw, h.location, text[h.start:]


def test_a_place_of_two_words_with_a_colon_when_the_title_starts_with_it():
    """South Asian papers' colon dateline, in a story whose headline begins
    with the same place: the place is still the dateline."""
    assert head('SAN FRANCISCO: The city approved a budget on Tuesday.',
                'San Francisco approves budget') == (
        'SAN FRANCISCO:', 'SAN FRANCISCO', 'The city approved a budget on Tuesday.')
    assert head('HONG KONG: The Hong Kong dollar market was shut this afternoon.',
                'Hong Kong dollar market shut')[1] == 'HONG KONG'


def test_the_headline_repeated_in_capitals_is_still_no_dateline():
    """A kicker that repeats the title's first words (no place) stays
    text, with a colon or a dash."""
    for text in ('STOCKS SLUMP: Shares fell across Asia on Tuesday.',
                 'STOCKS SLUMP - Shares fell across Asia on Tuesday.',
                 'SAN FRANCISCO GIANTS: The team signed a pitcher on Tuesday.'):
        title = text.split(':')[0].split(' - ')[0].title() + ' on Tuesday'
        assert head(text, title)[:2] == (None, None), text
