"""Per-article features for dedup, computed in batches (pure; no Beam).

``feature_records`` turns article rows into the small records that travel
through the dedup shuffles: ids, identity keys, time, language, publisher,
the ordered shingle hashes, the slots (figures and names in their frames,
with their positions; see ``shingles.shingle_slot_batch``) and the few
canonical fields a story row needs.  The body itself never leaves this
step.

``signature_records`` removes the publisher's boilerplate shingles (and
the slots that only boilerplate shingles cover) and computes MinHash
signatures and LSH band keys (full text and lead).
"""
from __future__ import annotations

import datetime as dt
from typing import Dict, List, Optional, Sequence

import numpy as np

from .clusters import is_agency_copy
from .identity import identity_keys
from .minhash import MinHasher, band_keys
from .packing import array, pack
from .settings import DedupSettings
from .shingles import shingle_set, shingle_slot_batch
from .verify import in_sorted

#: story fields copied from the canonical article (STORIES columns)
STORY_FIELDS = ('title', 'summary', 'url', 'publisher', 'published_at',
                'dateline_location', 'dateline_country')
_VERSION_PREFIX = 40  # shingles of the lead that name a version (see below)

_HASHERS: Dict = {}


def hasher(num_perm: int, seed: int) -> MinHasher:
    key = (num_perm, seed)
    if key not in _HASHERS:
        _HASHERS[key] = MinHasher(num_perm, seed)
    return _HASHERS[key]


def epoch(value) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.timestamp()
    return float(value)


def text_of(row: dict) -> str:
    return row.get('body') or row.get('summary') or ''


def feature_records(rows: Sequence[dict], settings: DedupSettings) -> List[dict]:
    seqs, slots, spos = shingle_slot_batch([text_of(r) for r in rows],
                                           settings.shingle_size)
    vkeys = version_keys(seqs, settings)
    out = []
    for row, seq, sl, sp, vk in zip(rows, seqs, slots, spos, vkeys):
        agencies = sorted(set(row.get('agencies') or ()))
        out.append({
            'ik': row['instance_key'],
            'pid': row['article_id'],
            'keys': identity_keys(row),
            'pub': row.get('publisher') or '',
            't': epoch(row.get('published_at')),
            'lang': (row.get('language') or None),
            'own': is_agency_copy(row.get('publisher'), agencies),
            'agencies': agencies,
            'seq': pack('seq', seq),
            'slots': pack('slots', sl),
            'spos': pack('spos', sp),
            'vkey': vk,
            'fields': story_fields(row),
        })
    return out


def story_fields(row: dict) -> dict:
    """The STORY_FIELDS of a row, its time as epoch seconds (see packing)."""
    fields = {f: row.get(f) for f in STORY_FIELDS}
    fields['published_at'] = epoch(fields['published_at'])
    return fields


def version_keys(seqs: Sequence[np.ndarray], settings: DedupSettings) -> List[int]:
    """A key shared by versions of one text (its lead's 2-value MinHash).

    Boilerplate is counted in distinct versions, not articles: a publisher
    that re-runs one story four times (updates, corrections) has not made
    that story's sentences boilerplate, while a footer under forty
    different briefs is.
    """
    sig = hasher(2, settings.seed ^ 0xB01).signatures(
        [shingle_set(s[:_VERSION_PREFIX]) for s in seqs])
    return [int((int(a) << 32) | int(b)) for a, b in sig]


def signature_records(recs: Sequence[dict], boilerplate: Dict[str, np.ndarray],
                      settings: DedupSettings) -> List[dict]:
    """Adds ``shingles`` (sorted unique, boilerplate-free), ``slots`` (each
    once, those outside boilerplate), ``bands`` and ``lead_min`` to records
    (new dicts; ``seq`` and ``spos`` dropped; arrays packed, see packing)."""
    sets, leads, slots = [], [], []
    size = settings.shingle_size
    for r in recs:
        bp = boilerplate.get(r['pub'])
        seq, sl = array(r, 'seq'), array(r, 'slots')
        if bp is not None and len(bp) and len(seq):
            in_bp = in_sorted(seq, bp)
            seq = seq[~in_bp]
            if sl is not None and len(sl):
                sl = sl[~_inside(array(r, 'spos'), in_bp, size)]
        sets.append(shingle_set(seq))
        slots.append(sl)  # each slot once already; filtering keeps that
        # the lead: first distinct shingles in text order
        _, first = np.unique(seq[:settings.lead_shingles * 2], return_index=True)
        leads.append(seq[:settings.lead_shingles * 2][np.sort(first)][:settings.lead_shingles])
    full = band_keys(hasher(settings.num_perm, settings.seed).signatures(sets),
                     settings.bands, 1)
    lead_sigs = hasher(settings.lead_perm, settings.seed ^ 0x1EAD).signatures(
        [shingle_set(l) for l in leads])
    lead = band_keys(lead_sigs, settings.lead_bands, 2)
    out = []
    for r, s, sl, fk, lk, lead_min in zip(recs, sets, slots, full, lead,
                                          lead_sigs[:, 0].tolist()):
        rec = {k: v for k, v in r.items() if k not in ('seq', 'spos')}
        rec['shingles'] = pack('shingles', s)
        rec['slots'] = pack('slots', sl)
        # one MinHash value of the lead: equal for two texts with the
        # probability of their leads' Jaccard, so copies of one story
        # (whose leads agree) mostly share it; the Beam stage places
        # records by it to verify most pairs without moving a record
        rec['lead_min'] = lead_min
        # too short to judge: no bands, so never a candidate; 0 marks an
        # empty band (see band_keys)
        keys = np.concatenate((fk, lk)).astype(np.int64)
        rec['bands'] = pack('bands', keys[keys != 0]
                            if len(s) >= settings.min_shingles else ())
        out.append(rec)
    return out


def _inside(pos: np.ndarray, in_bp: np.ndarray, k: int) -> np.ndarray:
    """For slots at token positions ``pos``: True where every shingle that
    covers the position is boilerplate (shingle j covers tokens j..j+k-1)."""
    n = len(in_bp)
    lo = np.maximum(pos - k + 1, 0)
    hi = np.minimum(pos, n - 1)  # inclusive
    csum = np.concatenate(([0], np.cumsum(in_bp, dtype=np.int64)))
    covering = hi - lo + 1
    return (covering > 0) & (csum[np.maximum(hi + 1, lo)] - csum[lo] == covering)
