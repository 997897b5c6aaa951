"""SIGKILL a ``wirefeed run`` (or the roll-forward of a commit) at an exact
point inside the commit. Test code only: it wraps Beam's FileSystems in
this child process, so the product has no crash hook.

    python crash_run.py POINT run [wirefeed run arguments...]
    python crash_run.py POINT recover OUTPUT

POINT (counted over the commit's own renames and deletes):

* ``manifest``   right after ``_staging/<run>/_MANIFEST.json`` is in place
                 (the commit point; no table file moved yet)
* ``moved:N``    right after the N-th staged table file is renamed into place
* ``delete``     when the commit first deletes a table file (every new file
                 is in place; the files they replace are still there)
* ``report``     right after ``_runs/<run>.json`` is in place (before
                 ``_SUCCESS`` and the removal of the staging folder)

The process kills itself with SIGKILL (no cleanup, no atexit, no finally),
as the kernel's OOM killer or ``kill -9`` from a scheduler would. The
FnApiRunner runs the commit in this process, so the wrapper sees it.
"""
import os
import signal
import sys

from apache_beam.io.filesystems import FileSystems

TABLE_DIRS = ('articles', 'stories', 'quarantine')


def _is_table_file(path: str) -> bool:
    parts = path.replace('\\', '/').split('/')
    return (path.endswith('.parquet') and '_staging' not in parts
            and any(t in parts for t in TABLE_DIRS))


def _die() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def install(point: str) -> None:
    kind, _, arg = point.partition(':')
    assert kind in ('manifest', 'moved', 'delete', 'report'), point
    moved = [0]
    rename, delete = FileSystems.rename, FileSystems.delete

    def crashing_rename(sources, destinations):
        result = rename(sources, destinations)
        for dst in destinations:
            if kind == 'manifest' and dst.endswith('/_MANIFEST.json'):
                _die()
            if kind == 'report' and '/_runs/' in dst and dst.endswith('.json'):
                _die()
            if kind == 'moved' and _is_table_file(dst):
                moved[0] += 1
                if moved[0] == int(arg):
                    _die()
        return result

    def crashing_delete(paths):
        if kind == 'delete' and any(_is_table_file(p) for p in paths):
            _die()
        return delete(paths)

    FileSystems.rename = staticmethod(crashing_rename)
    FileSystems.delete = staticmethod(crashing_delete)


def main(argv):
    point, command, *rest = argv
    install(point)
    if command == 'recover':
        from pipeline.sinks.commit import recover
        print('recovered:', recover(rest[0]))
        return 0
    from pipeline.cli import main as wirefeed
    return wirefeed(['run', *rest])


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
