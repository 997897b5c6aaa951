"""The text identity key's text: whitespace made single spaces, exactly as
``' '.join(text.split())`` (keys are kept in the dedup state across runs,
so a faster path must give the same key)."""
import random
import sys

from pipeline.dedup.identity import _one_spaced, text_key

WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


def test_same_text_as_split_and_join_for_every_kind_of_whitespace():
    rng = random.Random(7)
    alphabet = list('ab .\n') + WHITESPACE + ['\u00e9', '\u2014', '\u201c', '\x00']
    for _ in range(20000):
        text = ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _one_spaced(text) == ' '.join(text.split()), repr(text)


def test_a_normalized_body_keeps_its_key():
    body = ('LONDON \u2014 Ministers met on Tuesday.\nThe talks \u201cwent well\u201d, '
            'officials said.\nMore talks are planned for next week in Paris.')
    assert text_key('Talks go on', body, 'Example', 1700000000) == \
        text_key('Talks  go on', body.replace('\n', ' \u00a0\n\t'), 'Example', 1700000000)
