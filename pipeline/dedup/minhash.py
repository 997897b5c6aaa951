"""MinHash signatures and LSH band keys (pure; no Beam; numpy only).

Permutation i maps a 32-bit shingle hash x to (a_i * x + b_i) mod 2**32
with a_i odd (a bijection), a_i and b_i drawn from a seeded generator: the
same settings give the same signatures on every worker and every run.

Signatures of a batch are computed in one (num_perm x total_shingles)
matrix and reduced with ``np.minimum.reduceat`` per document; the matrix is
laid out permutation-major so the reduction runs over contiguous memory.
"""
from __future__ import annotations

from typing import List, Sequence

import numpy as np

from .shingles import mix64

_U64 = np.uint64
EMPTY = np.uint32(0xFFFFFFFF)
_CHUNK = 1 << 14  # shingles per matrix block (cache-sized: 128 x 16k x 4 B)


class MinHasher:
    def __init__(self, num_perm: int, seed: int):
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.a = (rng.integers(0, 1 << 32, size=num_perm, dtype=np.uint64)
                  | 1).astype(np.uint32)[:, None]
        self.b = rng.integers(0, 1 << 32, size=num_perm,
                              dtype=np.uint64).astype(np.uint32)[:, None]

    def signatures(self, sets: Sequence[np.ndarray]) -> np.ndarray:
        """uint32[len(sets), num_perm]; an empty set gives all 0xFFFFFFFF."""
        out = np.full((len(sets), self.num_perm), EMPTY, dtype=np.uint32)
        idx = [i for i, s in enumerate(sets) if len(s)]
        pos = 0
        while pos < len(idx):
            block, total = [], 0
            while pos < len(idx) and (not block or total + len(sets[idx[pos]]) <= _CHUNK):
                block.append(idx[pos])
                total += len(sets[idx[pos]])
                pos += 1
            x = np.concatenate([sets[i] for i in block]).astype(np.uint32, copy=False)
            offsets = np.concatenate(([0], np.cumsum([len(sets[i]) for i in block])[:-1]))
            h = np.empty((self.num_perm, len(x)), dtype=np.uint32)
            np.multiply(self.a, x[None, :], out=h)
            h += self.b
            out[block] = np.minimum.reduceat(h, offsets, axis=1).T
        return out


def band_keys(sig: np.ndarray, bands: int, salt: int) -> np.ndarray:
    """uint64[n_docs, bands]: one key per band of ``rows`` signature values.

    ``salt`` separates key spaces (full-text vs lead bands) and band
    positions, so equal values in different bands never collide.
    """
    n, k = sig.shape
    rows = k // bands
    s = sig.reshape(n, bands, rows).astype(_U64)
    with np.errstate(over='ignore'):
        acc = mix64((np.arange(bands, dtype=_U64) + _U64(salt) * _U64(1 << 20))
                    [None, :].repeat(n, axis=0))
        for r in range(rows):
            acc = mix64(acc * _U64(0x9E3779B97F4A7C15) + s[:, :, r])
    # an all-empty band (empty document) must not make a bucket
    empty = (sig.reshape(n, bands, rows) == EMPTY).all(axis=2)
    acc[empty] = 0
    return acc


def jaccard_estimate(s1: np.ndarray, s2: np.ndarray) -> float:
    return float(np.mean(s1 == s2))

