"""Articles meet their dedup verdicts, column-wise, in Arrow.

Normalized articles are staged to Parquet as soon as they exist (so the
runner never holds full rows while dedup works); once the verdicts are
known, each staged file is read back, joined to its verdicts by entry
instance key, split by publication day and written as article files.
"""
from __future__ import annotations

import datetime as dt
from typing import Dict, List, Mapping, Tuple

import pyarrow as pa
import pyarrow.compute as pc

from ..schemas import PARTITIONS
from .files import file_schema

_DICT = pa.dictionary(pa.int32(), pa.string())


def attach_verdicts(pending: pa.Table, verdicts: Mapping[str, dict], run_id: str,
                    ingested_at: dt.datetime) -> Tuple[Dict[str, pa.Table], List[dict]]:
    """(article tables by partition folder, rows that have no verdict).

    Repeats (``keep`` false: articles already written, in this run or an
    earlier one) are dropped here; they are counted in the run report.
    """
    found = [verdicts.get(k) for k in pending.column('instance_key').to_pylist()]
    missing = [i for i, v in enumerate(found) if v is None]
    lost = pending.take(pa.array(missing, pa.int64())).to_pylist() if missing else []
    keep = [v is not None and bool(v['keep']) for v in found]
    kept = [v for v, k in zip(found, keep) if k]
    table = pending.filter(pa.array(keep, pa.bool_()))
    n = table.num_rows
    columns = {name: table.column(name) for name in table.column_names}
    columns['article_id'] = pa.array([v['article_id'] for v in kept], pa.string())
    columns['story_id'] = pa.array([v['story_id'] for v in kept], pa.string())
    columns['is_canonical'] = pa.array([bool(v['is_canonical']) for v in kept], pa.bool_())
    columns['duplicate_of'] = pa.array([v['duplicate_of'] for v in kept], pa.string())
    columns['similarity'] = pa.array([v['similarity'] for v in kept], pa.float32())
    columns['ingested_at'] = pa.array([ingested_at] * n, pa.timestamp('us', tz='UTC'))
    columns['run_id'] = pa.array([run_id] * n, pa.string()).dictionary_encode().cast(_DICT)
    schema = file_schema('articles')
    full = pa.Table.from_arrays([columns[f.name] for f in schema], schema=schema)
    days = pc.cast(full.column('published_at'), pa.date32())
    out = {}
    for day in pc.unique(days).to_pylist():
        part = full.filter(pc.equal(days, pa.scalar(day, pa.date32())))
        out[f"{PARTITIONS['articles']}={day.isoformat()}"] = part
    return out, lost
