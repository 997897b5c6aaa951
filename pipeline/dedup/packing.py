"""Numpy arrays inside dedup records travel as bytes (pure; no Beam).

Dedup records cross a dozen shuffles and fused-stage boundaries.  Beam's
default coder writes str, int, float, bytes, lists and dicts natively but
pickles anything else one value at a time, so a record holding three numpy
arrays and a datetime cost ~38 µs to encode and decode, against ~5 µs for
the same record with the arrays as bytes and the time as epoch seconds.
Records therefore hold every array as its raw bytes, in the one dtype
``DTYPES`` gives its field, and consumers view them with ``array``
(``np.frombuffer``: no copy).
"""
from __future__ import annotations

import pickle
from typing import Iterable, Iterator, Optional

import numpy as np

#: the dtype of each array field of a dedup record
DTYPES = {
    'seq': np.uint32,       # shingle hashes in text order
    'spos': np.int32,       # token position of each slot
    'shingles': np.uint32,  # sorted distinct shingle hashes
    'slots': np.uint64,     # frame << 32 | filler, each once
    'bands': np.int64,      # LSH band keys (0 = none)
}


def pack(field: str, values) -> Optional[bytes]:
    """``values`` (array or sequence; None stays None; bytes are taken as
    packed already) as the field's bytes."""
    if values is None or isinstance(values, bytes):
        return values
    return np.asarray(values, dtype=DTYPES[field]).tobytes()


def values_of(field: str, value) -> Optional[np.ndarray]:
    """A field value as an array, whether packed (bytes) or a sequence
    (rows read back from Parquet hold lists)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return np.frombuffer(value, dtype=DTYPES[field])
    return np.asarray(value, dtype=DTYPES[field])


def array(rec: dict, field: str) -> Optional[np.ndarray]:
    """The field of ``rec`` as a read-only array (None when absent)."""
    return values_of(field, rec.get(field))


def pack_chunk(values: list) -> bytes:
    """A shuffle chunk (a list of records) as one pickled blob.

    A runner's grouping buffer holds what it groups as decoded Python
    objects (FnApiRunner does), where a record dict costs several times
    its encoded size; one bytes object per chunk costs its length.  The
    blobs only travel between this pipeline's own steps.
    """
    return pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)


def unpack_chunks(blobs: Iterable[bytes]) -> Iterator:
    """The values of every chunk in ``blobs``, in order."""
    for blob in blobs:
        yield from pickle.loads(blob)
