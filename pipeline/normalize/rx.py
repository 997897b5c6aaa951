"""Regex building helpers for the hot path (pure; stdlib only).

Python's ``re`` tries the branches of an alternation one after another at
every position, and only skips a branch cheaply when it starts with a plain
(case-sensitive) literal or character class. An alternation of many words is
therefore far faster written as a trie, one branch per first character, with
case folding spelt out as character classes (``[Mm][Aa][Rr]``) instead of
``re.IGNORECASE``.
"""
from __future__ import annotations

import re
from typing import Iterable


def _char(ch: str, fold: bool) -> str:
    if fold:
        if ch == 'i':   # Turkish capitals dot it: "NİSAN"
            return '[Ii\u0130]'
        lo, up = ch.lower(), ch.upper()
        if lo != up and len(lo) == 1 and len(up) == 1:
            return '[' + re.escape(up) + re.escape(lo) + ']'
    return re.escape(ch)


def trie(words: Iterable[str], fold: bool = False) -> str:
    """A regex source matching any of ``words`` (longest first at a given
    start, falling back to shorter words by backtracking). With ``fold``,
    letters match in either case. The result is a self-contained group."""
    root: dict = {}
    for w in words:
        if not w:
            continue
        node = root
        for ch in (w.lower() if fold else w):
            node = node.setdefault(ch, {})
        node[''] = {}

    def build(node: dict) -> str:
        alts = [_char(ch, fold) + build(node[ch])
                for ch in sorted(k for k in node if k)]
        if not alts:
            return ''
        if '' in node:     # a word ends here: an empty last branch (cheaper
            return '(?:' + '|'.join(alts) + '|)'   # for re than "(?:...)?")
        return alts[0] if len(alts) == 1 else '(?:' + '|'.join(alts) + ')'

    src = build(root)
    return '(?:' + src + ')' if src else '(?!)'


def _fold_class(body: str) -> str:
    """The inside of a character class with every ASCII letter (and range
    of letters) also in its other case."""
    extra = []
    for m in re.finditer(r'\\.|(.)-(.)|(.)', body, re.S):
        a, b, c = m.group(1), m.group(2), m.group(3)
        if a is not None:
            if a.isascii() and b.isascii() and a.isalpha() and b.isalpha() \
                    and a.islower() == b.islower():
                extra.append(a.swapcase() + '-' + b.swapcase())
        elif c is not None and c.isascii() and c.isalpha():
            extra.append(c.swapcase())
    return body + ''.join(extra)


def fold(src: str) -> str:
    """Regex source ``src`` rewritten to match ASCII letters in either case
    without re.IGNORECASE: each literal letter becomes ``[Xx]`` and each
    class gains the other case. re skips an alternation branch that starts
    with a literal or class cheaply, but not under IGNORECASE, which makes
    IGNORECASE alternations several times slower. Supports the syntax the
    normalize patterns use: escapes, classes, groups ``(?:``, ``(?=``,
    ``(?!``, ``(?<=``, ``(?<!``, ``(?P<name>``, inline ``(?i:...)`` (its
    contents folded and the flag dropped) and ``{m,n}`` counts."""
    out = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch == '\\':
            out.append(src[i:i + 2])
            i += 2
        elif ch == '[':
            j = i + 1
            if j < n and src[j] == '^':
                j += 1
            if j < n and src[j] == ']':
                j += 1
            while j < n and src[j] != ']':
                j += 2 if src[j] == '\\' else 1
            head = '[^' if src[i + 1:i + 2] == '^' else '['
            body = src[i + len(head):j]
            out.append(head + _fold_class(body) + ']')
            i = j + 1
        elif ch == '(' and src.startswith('(?', i):
            if src.startswith('(?P<', i):
                j = src.index('>', i)
                out.append(src[i:j + 1])
                i = j + 1
            elif src.startswith('(?i:', i):
                out.append('(?:')
                i += 4
            else:
                k = i + 2
                while src[k] in '<=!:':
                    k += 1
                    if src[k - 1] in '=!:':
                        break
                out.append(src[i:k])
                i = k
        elif ch == '{':
            j = src.index('}', i)
            out.append(src[i:j + 1])
            i = j + 1
        elif ch.isascii() and ch.isalpha():
            out.append('[' + ch.upper() + ch.lower() + ']')
            i += 1
        else:
            out.append(ch)
            i += 1
    return ''.join(out)
