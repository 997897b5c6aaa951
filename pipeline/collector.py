"""Python's cycle collector, set for the process of a batch run.

A run allocates millions of short-lived containers (parsed entries,
article dicts, shingle lists, coder buffers) next to large long-lived
ones: Beam's and this package's modules, the gazetteer index (~100k
small dicts), the agency registry. With Python's defaults (a young
collection every 700 container allocations, the older generations every
10 of the younger ones) the collector kept walking objects that live as
long as the process: on 20,000 articles on two workers its functions
took 9% of all CPU samples (``perf``), more than any one stage but
parsing.

Reference counting still frees every object that is not in a cycle as
soon as it is unreachable; only the search for cycles is made rarer.
"""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator

#: A young collection every 10,000 container allocations, the middle and
#: the oldest generation every 10 collections of the younger one (the
#: oldest still only once the objects that survived to it have grown by a
#: quarter, as Python does). Measured on 20,000 articles (benchmarks/
#: README.md): about 1.2 s less CPU per worker process out of ~12 s, the
#: same peak memory; 100,000 gained no more, nor did no collection at all.
THRESHOLDS = (10_000, 10, 10)


@contextlib.contextmanager
def batch_settings() -> Iterator[None]:
    """While a pipeline runs in this process: everything allocated before
    (the imported modules, above all) left out of every collection, and
    collections less often; the process's own settings again afterwards
    (the command line's ``run`` is also called in-process, by tests and by
    programs that embed it). A program that froze objects itself keeps its
    freeze as it was (nothing more is frozen). A local worker process
    enters it for its whole life."""
    previous, own_freeze = gc.get_threshold(), gc.get_freeze_count() > 0
    if not own_freeze:   # a program's own freeze stays as it was
        gc.collect()     # what is garbage now is not frozen with the rest
        gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if not own_freeze:
            gc.unfreeze()
