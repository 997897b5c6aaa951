"""Deduplication settings: the one place for the dedup stage's defaults.

Frozen and picklable so Beam ships it to workers unchanged.  Every number
here is a tuning knob whose effect is described beside it; the defaults are
the values measured on the syndication development suite (see README.md).
"""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class DedupSettings:
    #: Guard: two articles further apart in publication time than this are
    #: never the same story; also how far back the state index is read.
    window_days: float = 7.0

    # --- shingles -------------------------------------------------------
    #: Words per shingle.  4 survives copy edits (one changed word kills 4
    #: shingles) while keeping template reports with different numbers apart.
    shingle_size: int = 4
    #: Guard: an article with fewer distinct (non-boilerplate) shingles than
    #: this is too short to judge and stays on its own.
    min_shingles: int = 6

    # --- MinHash / LSH ----------------------------------------------------
    seed: int = 0x5EED_D0C5
    #: Permutations of the full-text signature, banded ``bands`` x ``rows``.
    #: 2 rows per band make a pair a candidate with probability
    #: 1-(1-J^2)^bands: J=0.2 (a summary of 1/5 of a story) -> 0.92.
    num_perm: int = 128
    bands: int = 64
    #: Lead signature: MinHash of the first ``lead_shingles`` shingles only,
    #: banded ``lead_bands`` x (lead_perm/lead_bands).  A truncated copy's
    #: whole text is the original's lead, so this is what lets a feed summary
    #: of a 1,000-word story meet its original whatever its Jaccard.  20,
    #: about the first sentence: a one-sentence summary (~16 shingles) shares
    #: ~0.8 of it (a candidate with p=0.997), against 0.4 of a 40-shingle
    #: lead (p=0.41).
    lead_shingles: int = 20
    lead_perm: int = 24
    lead_bands: int = 8
    #: Guard: a band bucket with more members than this (boilerplate, a
    #: runaway template) yields no candidates at all.
    bucket_cap: int = 200

    # --- verification (exact, on shingle sets) -----------------------------
    #: Containment of the shorter article in the longer one needed to merge.
    containment: float = 0.5
    #: ...and at least this Jaccard (keeps a short brief from joining a long
    #: story it merely quotes unless most of it is shared; see README).
    jaccard: float = 0.02
    #: ...unless the shorter text is (nearly) all in the longer one: then it
    #: is a truncation or a feed summary of it, whatever the Jaccard (a
    #: 20-word summary of a 1,100-word story has Jaccard ~0.015).
    summary_containment: float = 0.9
    #: ...and at least this many shared shingles.
    min_shared: int = 6
    #: Template guard (see verify.py): reject a pair when at least this many
    #: frames both texts use hold different figures/names...
    frame_conflicts: int = 2
    #: ...and those are at least this share of the frames both use.  On the
    #: development suite syndicated copies refill at most 1 frame in 8;
    #: templated reports most of them.
    frame_conflict_share: float = 0.5

    # --- boilerplate --------------------------------------------------------
    #: Guard: a shingle found in at least this many distinct articles of one
    #: publisher (footers, credit lines, newsletter plugs) is boilerplate for
    #: that publisher and counts neither in signatures nor in verification.
    boilerplate_min_docs: int = 4

    def __post_init__(self):
        # A wrong value would not fail: it would quietly merge or split
        # stories (a negative window reads no state, a zero cap drops every
        # candidate). Refuse it where the config is read.
        for name in _FRACTIONS:
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f'{name}: expected a share from 0 to 1, got {value!r}')
        for name in _POSITIVE:
            value = getattr(self, name)
            if not value > 0:
                raise ValueError(f'{name}: expected a number above 0, got {value!r}')
        for perm, bands in (('num_perm', 'bands'), ('lead_perm', 'lead_bands')):
            if getattr(self, perm) % getattr(self, bands):
                raise ValueError(f'{perm}: expected a multiple of {bands} '
                                 f'({getattr(self, bands)}), got {getattr(self, perm)}')

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    @property
    def lead_rows(self) -> int:
        return self.lead_perm // self.lead_bands

    @property
    def window_seconds(self) -> float:
        return self.window_days * 86400.0


_FRACTIONS = ('containment', 'jaccard', 'summary_containment',
              'frame_conflict_share')
_POSITIVE = ('window_days', 'shingle_size', 'min_shingles', 'num_perm',
             'bands', 'lead_shingles', 'lead_perm', 'lead_bands', 'bucket_cap',
             'min_shared', 'frame_conflicts', 'boilerplate_min_docs')
