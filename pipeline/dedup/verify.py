"""Exact verification of a candidate pair, with the false-merge guards.

A candidate pair from LSH is only a suspicion.  It becomes an edge of the
story graph only if its exact shingle sets agree: containment of the
shorter in the longer (a truncated copy is wholly contained in its
original) and Jaccard, computed after removing the boilerplate shingles of
*both* publishers (so an outlet footer never counts, whichever side has
it).  Guards that reject before any set arithmetic: different languages,
publication times further apart than the window.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

import numpy as np

from .settings import DedupSettings

EMPTY = np.empty(0, dtype=np.uint32)

# verdict reasons (also Beam counter names)
OK = 'verified'
LANGUAGE = 'rejected_language'
TIME = 'rejected_time'
SHORT = 'rejected_too_short'
WEAK = 'rejected_similarity'


@dataclasses.dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str
    containment: float = 0.0
    jaccard: float = 0.0
    shared: int = 0


def strip_boilerplate(shingles: np.ndarray, *boilerplate: Optional[np.ndarray]) -> np.ndarray:
    """``shingles`` (sorted unique) minus every given boilerplate set."""
    for bp in boilerplate:
        if bp is not None and len(bp) and len(shingles):
            shingles = shingles[~np.isin(shingles, bp, assume_unique=True)]
    return shingles


def similarity(a: np.ndarray, b: np.ndarray):
    """(containment of smaller in larger, jaccard, shared) of sorted sets."""
    if not len(a) or not len(b):
        return 0.0, 0.0, 0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    small = min(len(a), len(b))
    union = len(a) + len(b) - shared
    return shared / small, shared / union, shared


def verify(a: dict, b: dict, settings: DedupSettings,
           bp_a: Optional[np.ndarray] = None,
           bp_b: Optional[np.ndarray] = None) -> Verdict:
    """Judge two article/story records.

    Records carry ``t`` (epoch seconds), ``lang`` (str|None) and
    ``shingles`` (sorted unique uint32, own boilerplate already removed);
    ``bp_a``/``bp_b`` are the boilerplate sets of their publishers.
    """
    la, lb = a.get('lang'), b.get('lang')
    if la and lb and la != lb:
        return Verdict(False, LANGUAGE)
    ta, tb = a.get('t'), b.get('t')
    if ta is not None and tb is not None and abs(ta - tb) > settings.window_seconds:
        return Verdict(False, TIME)
    sa = strip_boilerplate(a['shingles'], bp_b)
    sb = strip_boilerplate(b['shingles'], bp_a)
    if min(len(sa), len(sb)) < settings.min_shingles:
        return Verdict(False, SHORT)
    c, j, shared = similarity(sa, sb)
    ok = (c >= settings.containment and j >= settings.jaccard
          and shared >= settings.min_shared)
    return Verdict(ok, OK if ok else WEAK, c, j, shared)
