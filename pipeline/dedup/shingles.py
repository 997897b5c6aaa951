"""Word shingles of article text, hashed and vectorized (pure; no Beam).

A batch of texts is tokenized and hashed in a handful of numpy passes over
the concatenated UTF-8 bytes: no Python object per token, which is what
keeps signatures above 5,000 articles/s per core.  Hashes are deterministic
(no per-process salt): the same text gives the same shingles on every
worker and every run, which the cross-run index relies on.

Tokens are maximal runs of ASCII letters/digits or non-ASCII bytes, lower
cased; ASCII punctuation and Unicode punctuation are separators.  A shingle
is ``k`` consecutive tokens, hashed to 32 bits.

``shingle_slot_batch`` also returns each text's *slots*, which tell one
report from another written on the same template.  A filler is a run of
adjacent numbers (``384.1`` and ``3,400`` are one number each) and
capitalized words that do not open a sentence (names: ``Fenwick Mills
Ltd``, ``April 15``); its frame is the two tokens either side of it.  A
slot is (frame hash << 32 | filler hash).  Two reports on one template
share frames with different fillers; a syndicated copy keeps the
original's fillers wherever it keeps the frame.  Slots come out of the
same vectorized pass as the shingles, with their token positions so the
caller can drop those inside boilerplate.
"""
from __future__ import annotations

import re
from typing import List, Sequence

import numpy as np

_U64 = np.uint64
_TABLE = bytes(c if (chr(c).isalnum() or c >= 128) else 32
               for c in range(256)).lower()
# Unicode spaces, quotes, dashes, bullets, CJK/full-width punctuation.
_UNI_PUNCT = re.compile('[\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff'
                        '\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]')
# A dateline or credit at the head of the copy ("TOKYO, June 2 (Reuters) -",
# "TOKYO:", "PARIS (AFP) --", "By Reuters staff."): normalize strips these
# already; this is a cheap second line of defence for rows that kept one.
_HEAD = re.compile(
    r"^\s*(?:[Bb]y [\w .'-]{1,40}?\.\s+)?"
    r"(?:[A-Z][A-Za-z'.\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.\- ]{1,25}?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z][\w .-]{0,30}\))?"
    r"\s*(?:-{1,2}|\u2013|\u2014|:)\s+)?")

_P = _U64(0x100000001B3)
_P_INV = _U64(pow(0x100000001B3, -1, 1 << 64))
_POW: np.ndarray = np.ones(1, dtype=_U64)
_POW_INV: np.ndarray = np.ones(1, dtype=_U64)


def _powers(n: int):
    global _POW, _POW_INV
    if len(_POW) < n:
        size = max(n, 2 * len(_POW), 1 << 21)
        with np.errstate(over='ignore'):
            _POW = np.cumprod(np.concatenate(
                [[_U64(1)], np.full(size - 1, _P, dtype=_U64)]), dtype=_U64)
            _POW_INV = np.cumprod(np.concatenate(
                [[_U64(1)], np.full(size - 1, _P_INV, dtype=_U64)]), dtype=_U64)
    return _POW[:n], _POW_INV[:n]


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer, vectorized (wrapping uint64 arithmetic)."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def _token_hash(word: bytes) -> int:
    """The hash ``_batch`` gives one (folded) token, computed alone."""
    poly = sum(b * pow(0x100000001B3, i, 1 << 64) for i, b in enumerate(word))
    with np.errstate(over='ignore'):
        return int(mix64(np.array([(poly + len(word)) % (1 << 64)], dtype=_U64))[0])


#: Wire abbreviations that outlets spell out when they edit agency copy
#: ("rose 1.7 bln dlrs, or 0.4 pct"): each pair hashes as one token, so
#: both spellings make the same shingles and the same template frames.
_SPELLED_OUT = {b'bln': b'billion', b'mln': b'million', b'pct': b'percent',
                b'dlrs': b'dollars', b'dlr': b'dollar'}
_ALIASES = sorted((_token_hash(a), _token_hash(w)) for a, w in _SPELLED_OUT.items())
_ALIAS_OF = np.array([a for a, _ in _ALIASES], dtype=_U64)
_WORD_FOR = np.array([w for _, w in _ALIASES], dtype=_U64)


def _spelled_out(tok: np.ndarray) -> np.ndarray:
    """Token hashes with every ``_SPELLED_OUT`` abbreviation as its word."""
    at = np.minimum(np.searchsorted(_ALIAS_OF, tok), len(_ALIAS_OF) - 1)
    hit = _ALIAS_OF[at] == tok
    if hit.any():
        tok[hit] = _WORD_FOR[at[hit]]
    return tok


def _cut(text: str) -> str:
    """Head dateline/credit cut, Unicode punctuation spaced; case kept."""
    if not text:
        return ''
    head = _HEAD.match(text[:200])
    if head and head.end():
        text = text[head.end():]
    if not text.isascii():
        text = _UNI_PUNCT.sub(' ', text)
    return text


def clean_text(text: str) -> str:
    """The text as shingled: head dateline/credit cut, punctuation spaced."""
    return _cut(text).lower()


def shingle_batch(texts: Sequence[str], k: int) -> List[np.ndarray]:
    """Per text, its shingle hashes (uint32) in text order (not unique)."""
    return _batch(texts, k, False)[0]


def shingle_slot_batch(texts: Sequence[str], k: int):
    """(shingles, slots, slot positions) per text.

    ``shingles`` as ``shingle_batch``; ``slots`` (uint64, each once, in
    text order: frame hash in the high 32 bits, filler hash in the low 32),
    case-folded like the shingles; ``positions`` (int32) are the token
    indexes where the fillers first start, so shingle ``j`` covers
    ``j..j+k-1``.
    """
    return _batch(texts, k, True)


#: bytes that end a sentence (a capitalized word after one is no name)
_SENT_END = np.zeros(256, dtype=bool)
_SENT_END[list(b'.!?')] = True
_EMPTY64 = np.empty(0, dtype=np.uint64)
_EMPTY_POS = np.empty(0, dtype=np.int32)


def _batch(texts: Sequence[str], k: int, slots: bool):
    if not texts:
        return [], [], []
    if slots:
        kept = [_cut(t or '') for t in texts]
        cased = [c.encode('utf-8', 'replace') for c in kept]
        cleaned = [c.lower().encode('utf-8', 'replace') for c in kept]
        # lower() rarely changes a text's UTF-8 length; such a text gets
        # no names (its case cannot be read position by position)
        cased = [o if len(o) == len(c) else c for o, c in zip(cased, cleaned)]
    else:
        cleaned = [clean_text(t or '').encode('utf-8', 'replace') for t in texts]
    doc_len = np.fromiter((len(c) for c in cleaned), dtype=np.int64,
                          count=len(cleaned))
    doc_start = np.concatenate(([0], np.cumsum(doc_len + 1)[:-1]))
    raw = b' '.join(cleaned) + b' '
    buf = raw.translate(_TABLE)
    a = np.frombuffer(buf, dtype=np.uint8)
    word = a != 32
    edges = np.diff(np.concatenate(([False], word, [False])).view(np.int8))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    pw, pinv = _powers(len(a) + 1)
    with np.errstate(over='ignore'):
        prefix = np.concatenate(([_U64(0)], np.cumsum(
            a.astype(_U64) * pw[:len(a)], dtype=_U64)))
        tok = (prefix[ends] - prefix[starts]) * pinv[starts]
        tok = _spelled_out(mix64(tok + (ends - starts).astype(_U64)))
        doc_of_tok = np.searchsorted(doc_start, starts, side='right') - 1
        ntok = np.bincount(doc_of_tok, minlength=len(texts))
        first_tok = np.concatenate(([0], np.cumsum(ntok)[:-1]))
        n = len(tok) - k + 1
        if n <= 0:
            shingles = [np.empty(0, dtype=np.uint32) for _ in texts]
        else:
            sh = tok[:n].copy()
            for j in range(1, k):
                sh = mix64(sh * _U64(0x9E3779B97F4A7C15) + tok[j:j + n])
            pos = np.arange(n) - first_tok[doc_of_tok[:n]]
            valid = pos <= ntok[doc_of_tok[:n]] - k
            sh32 = (sh[valid] >> _U64(32)).astype(np.uint32)
            per_doc = np.maximum(ntok - k + 1, 0)
            shingles = np.split(sh32, np.cumsum(per_doc)[:-1])
        if not slots:
            return shingles, None, None
        return (shingles,) + _slots(raw, b' '.join(cased) + b' ', a, starts, ends,
                                    tok, doc_of_tok, first_tok, ntok)


def _slots(raw: bytes, cased: bytes, a: np.ndarray, starts, ends, tok,
           doc_of_tok, first_tok, ntok):
    """Slots and their positions per document (see ``shingle_slot_batch``).

    Only a few passes touch every token (the first byte of each, cased and
    folded); everything else runs on the candidates (numbers and
    capitalized words), a tenth of the tokens in news copy.
    """
    n_docs, n = len(ntok), len(tok)
    empty = [_EMPTY64] * n_docs, [_EMPTY_POS] * n_docs
    if not n:
        return empty
    o = np.frombuffer(cased, dtype=np.uint8)
    first = a[starts]  # folded: digits, lower-case ASCII, non-ASCII bytes
    digit = (first - np.uint8(48)) <= 9
    upper = o[starts] != first  # ASCII capitals (lower() changed the byte)
    wide = np.flatnonzero(first >= 128)
    if len(wide):  # a non-ASCII capital changes one of its first two bytes
        r = np.frombuffer(raw, dtype=np.uint8)
        nxt = np.minimum(starts[wide] + 1, len(r) - 1)
        upper[wide] |= o[nxt] != r[nxt]
    cand = np.flatnonzero(digit | upper)
    if not len(cand):
        return empty
    # a capitalized word opening a sentence is no name: the first token of
    # its text, or one after '.', '!' or '?' (at the head of the gap before
    # it: '. ', '.\n', '." ', '.) ')
    doc = doc_of_tok[cand]
    at_first = cand == first_tok[doc]
    prev_end = ends[np.maximum(cand - 1, 0)]
    gap = np.frombuffer(raw, dtype=np.uint8)
    opener = at_first | _SENT_END[gap[prev_end]] | _SENT_END[
        gap[np.minimum(prev_end + 1, len(gap) - 1)]]
    is_digit = digit[cand]
    keep = is_digit | (~opener & (ends[cand] - starts[cand] >= 2))
    m, doc, at_first = cand[keep], doc[keep], at_first[keep]
    if not len(m):
        return empty
    # fillers: runs of adjacent members ("Fenwick Mills Ltd", "April 15",
    # "384.1" is "384" "1"), never across texts
    cont = np.zeros(len(m), dtype=bool)
    cont[1:] = (m[1:] == m[:-1] + 1) & ~at_first[1:]
    head_i = np.flatnonzero(~cont)
    tail_i = np.append(head_i[1:] - 1, len(m) - 1)
    heads, tails, hd = m[head_i], m[tail_i], doc[head_i]
    pw, pinv = _powers(len(m) + 1)
    with np.errstate(over='ignore'):
        # a run's hash from prefix sums: linear whatever the runs' lengths
        # (a table of figures is one long run)
        prefix = np.concatenate(([_U64(0)], np.cumsum(tok[m] * pw[:len(m)], dtype=_U64)))
        fill = mix64((prefix[tail_i + 1] - prefix[head_i]) * pinv[head_i])
        lo = first_tok[hd]
        hi = lo + ntok[hd]
        frame = np.full(len(heads), _U64(0x51075107))
        for at in (heads - 2, heads - 1, tails + 1, tails + 2):
            t = np.where((at >= lo) & (at < hi), tok[np.clip(at, 0, n - 1)], _U64(0))
            frame = mix64(frame * _U64(0x9E3779B97F4A7C15) + t)
    slots = ((frame >> _U64(32)) << _U64(32)) | (fill >> _U64(32))
    pos = (heads - lo).astype(np.int32)
    # per text, each slot once, at its first position: one sort of the
    # slots keyed by text (xor with a per-text constant is a bijection
    # within a text, so two slots of one text never meet)
    with np.errstate(over='ignore'):
        key = slots ^ mix64(hd.astype(_U64) + _U64(1))
    once = np.sort(np.unique(key, return_index=True)[1])
    slots, pos, hd = slots[once], pos[once], hd[once]
    bounds = [0, *np.searchsorted(hd, np.arange(1, n_docs)).tolist(), len(hd)]
    spans = list(zip(bounds[:-1], bounds[1:]))
    return [slots[i:j] for i, j in spans], [pos[i:j] for i, j in spans]


def shingle_set(shingles: np.ndarray) -> np.ndarray:
    """Sorted distinct shingle hashes (``np.unique``'s result).

    A sort and a comparison of neighbours: for unsorted input numpy 2's
    ``np.unique`` goes through a hash table and costs ~30 us for a
    600-shingle text against ~5 us here, and the dedup stages take the set
    of a text's shingles several times per article."""
    ordered = np.sort(shingles)
    if len(ordered) < 2:
        return ordered
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]
