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
        body = alts[0] if len(alts) == 1 else '(?:' + '|'.join(alts) + ')'
        if '' in node:
            return '(?:' + body + ')?'
        return body

    src = build(root)
    return '(?:' + src + ')' if src else '(?!)'
