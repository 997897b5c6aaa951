"""Per-publisher boilerplate shingles (pure; no Beam).

A shingle found in ``boilerplate_min_docs`` or more distinct versions of
texts of one publisher is that publisher's boilerplate (footer, credit
line, newsletter plug, "follow us" line) and is ignored by signatures and
verification for that publisher.  Counting works on partial counts so the
Beam stage can combine them per publisher (``merge_counts``).
"""
from __future__ import annotations

from typing import Iterable, Tuple

import numpy as np

from .shingles import shingle_set

Counts = Tuple[np.ndarray, np.ndarray]  # (sorted unique hashes, counts)


def doc_counts(sets: Iterable[np.ndarray]) -> Counts:
    """Document frequency of each shingle over distinct-shingle sets."""
    sets = [s for s in sets if len(s)]
    if not sets:
        return np.empty(0, np.uint32), np.empty(0, np.int64)
    h, c = np.unique(np.concatenate(sets), return_counts=True)
    return h, c.astype(np.int64)


def merge_counts(parts: Iterable[Counts]) -> Counts:
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return np.empty(0, np.uint32), np.empty(0, np.int64)
    h = np.concatenate([p[0] for p in parts])
    c = np.concatenate([p[1] for p in parts])
    order = np.argsort(h, kind='stable')
    h, c = h[order], c[order]
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    return h[starts], np.add.reduceat(c, starts)


def frequent(counts: Counts, min_docs: int) -> np.ndarray:
    h, c = counts
    return h[c >= min_docs]


def union_versions(seqs: Iterable[np.ndarray]) -> np.ndarray:
    """One version's shingle set: the union over its copies."""
    seqs = [s for s in seqs if len(s)]
    return shingle_set(np.concatenate(seqs)) if seqs else np.empty(0, np.uint32)
