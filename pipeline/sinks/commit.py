"""Publish a run's files all at once, or not at all.

A run writes every file into ``<output>/_staging/<run_id>/`` (invisible to
readers of ``articles/**/*.parquet``). When the pipeline has produced all
of them, the commit:

1. writes ``_staging/<run_id>/_MANIFEST.json``: the files to publish, the
   files they replace, the run report and the feed states. Writing it is
   the commit point; before it the run never happened.
2. renames each staged file into place (creating partition folders first:
   a rename into a missing local folder would fail, or on some sinks lose
   the file) and checks it arrived;
3. deletes replaced files (an earlier attempt of the same run id, story
   files rewritten with grown stories);
4. writes the feed states, ``_runs/<run_id>.json`` and ``_SUCCESS``, and
   removes the staging folder.

A run in which entries lost their dedup verdict (records lost between
pipeline steps, not bad input) is refused instead of committed: its reason
goes to ``_staging/<run_id>/_REFUSED.json`` and nothing is published.

Steps 2-4 are idempotent, so a run killed in the middle of them is rolled
forward by the next run (``recover``) from the manifest. A run killed
before step 1 leaves only a staging folder, which the next run removes;
its work is redone because its dedup state was never published either.
One run at a time per output folder.
"""
from __future__ import annotations

import datetime as dt
import json
import posixpath
from typing import Dict, List, Sequence

from .files import STAGING, fs, join, list_files, relative, staged_path

MANIFEST = '_MANIFEST.json'
REFUSED = '_REFUSED.json'
SUCCESS = '_SUCCESS'
RUNS = '_runs'
_TABLE_DIRS = ('articles', 'stories', 'quarantine')


class CommitError(RuntimeError):
    """A staged file is missing at commit: the run must not be published."""


def write_json(path: str, data) -> None:
    """Write JSON through FileSystems, via a temporary name and a rename so
    a reader never sees half a file."""
    tmp = path + '.tmp'
    with fs().create(tmp) as f:
        f.write(json.dumps(data, indent=2, sort_keys=True, default=str).encode('utf-8'))
    if fs().exists(path):
        fs().delete([path])
    fs().rename([tmp], [path])


def read_json(path: str):
    with fs().open(path) as f:
        return json.loads(f.read().decode('utf-8'))


def _ensure_parent(path: str) -> None:
    parent = posixpath.dirname(path.rstrip('/'))
    if '://' in path:
        return  # object stores have no folders to create
    try:
        fs().mkdirs(parent)
    except IOError:
        pass  # exists already


def _own_files(output: str, run_id: str) -> List[str]:
    """Files an earlier attempt of ``run_id`` published (to be replaced)."""
    found = []
    for table in _TABLE_DIRS:
        found += list_files(join(output, table, '*', f'part-{run_id}-*.parquet'))
    found += list_files(join(output, '_state', 'dedup', f'run={run_id}', '*.parquet'))
    return [relative(output, p) for p in found]


def plan(output: str, run_id: str, staged: Sequence[Dict]) -> Dict:
    """The manifest's file lists: what to publish and what it replaces."""
    files = sorted({r['path'] for r in staged})
    new = set(files)
    replaced = set(_own_files(output, run_id))
    for record in staged:
        replaced.update(record.get('supersedes') or ())
    return {'run_id': run_id, 'files': files,
            'delete': sorted(replaced - new)}


def commit_run(output: str, run_id: str, staged: Sequence[Dict], report: Dict,
               feed_states: Sequence[Dict]) -> Dict:
    """Commit a finished run (see module doc); returns the manifest."""
    manifest = plan(output, run_id, staged)
    manifest['report'] = report
    manifest['feed_states'] = list(feed_states)
    for rel in manifest['files']:
        if not fs().exists(staged_path(output, run_id, rel)):
            raise CommitError(f'staged file missing before commit: {rel}')
    write_json(staged_path(output, run_id, MANIFEST), manifest)
    finish(output, run_id, manifest)
    return manifest


def refuse_run(output: str, run_id: str, report: Dict, reason: str) -> None:
    """Leave a run unpublished, with ``reason`` and its report in
    ``_staging/<run_id>/_REFUSED.json`` for the driver to report (see
    ``refusal``); the next run removes the staging folder like any other
    left before its commit point."""
    write_json(staged_path(output, run_id, REFUSED),
               {'reason': reason, 'report': report})


def refusal(output: str, run_id: str):
    """The reason a run was refused, or None."""
    path = staged_path(output, run_id, REFUSED)
    return read_json(path)['reason'] if fs().exists(path) else None


def committed(output: str, run_id: str) -> bool:
    """Whether the run got past its commit point: its manifest is written
    (a next run finishes what is left) or its report published."""
    return (fs().exists(staged_path(output, run_id, MANIFEST))
            or fs().exists(join(output, RUNS, f'{run_id}.json')))


def finish(output: str, run_id: str, manifest: Dict) -> None:
    """Steps 2-4 of the commit; safe to repeat after a crash."""
    for rel in manifest['files']:
        src, dst = staged_path(output, run_id, rel), join(output, rel)
        if fs().exists(src):
            _ensure_parent(dst)
            if fs().exists(dst):
                fs().delete([dst])
            fs().rename([src], [dst])
        if not fs().exists(dst):
            raise CommitError(f'file lost during commit: {rel}')
    stale = [join(output, rel) for rel in manifest['delete']]
    stale = [p for p in stale if fs().exists(p)]
    if stale:
        fs().delete(stale)
    if manifest.get('feed_states'):
        from ..state.feed_state import write_feed_states
        write_feed_states(manifest['feed_states'], join(output, '_state'), run_id)
    write_json(join(output, RUNS, f'{run_id}.json'), manifest['report'])
    write_json(join(output, SUCCESS), {
        'run_id': run_id,
        'committed_at': dt.datetime.now(dt.timezone.utc).isoformat()})
    delete_tree(join(output, STAGING, run_id))
    if not list_files(join(output, STAGING, '*')):
        delete_tree(join(output, STAGING))


def recover(output: str) -> List[str]:
    """Roll forward runs that passed their commit point; drop staging
    folders of runs killed before it. Returns the run ids rolled forward."""
    done = []
    for path in list_files(join(output, STAGING, '*', MANIFEST)):
        manifest = read_json(path)
        finish(output, manifest['run_id'], manifest)
        done.append(manifest['run_id'])
    delete_tree(join(output, STAGING))
    return done


def delete_tree(path: str) -> None:
    """Delete a folder and everything under it (object stores: the prefix)."""
    path = path.rstrip('/')
    if fs().exists(path) or '://' in path:
        try:
            fs().delete([path + '/' if '://' in path else path])
        except Exception:  # noqa: BLE001 - an object store prefix may be empty
            if fs().exists(path):
                raise
