"""Expand what the user named (``--input SRC``) into the feeds to read.

A SRC is a feed file; a folder (every feed file directly in it); a glob;
an http(s) URL; a ``.txt`` file listing one SRC per line (``#`` comments);
or an OPML subscription list. Local paths, ``gs://`` and ``s3://`` all go
through Beam's FileSystems. This runs once, in the driver, before the
pipeline is built: the list of feeds is small and its errors (a missing
file, a glob that matches nothing) are the user's to fix, so they stop the
run with one clear line instead of becoming quarantine rows.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from typing import Callable, List, Sequence, Tuple

from ..model import FeedSource

__all__ = ['InputError', 'expand_inputs', 'FEED_EXTENSIONS']

#: Files a folder SRC contributes; other files (README.md, notes) are not
#: feeds. Extensionless files are taken too (saved HTTP responses).
FEED_EXTENSIONS = ('.xml', '.rss', '.atom', '.rdf', '.json', '.feed', '.jsonfeed')

_MAX_LIST_DEPTH = 4
_URL = re.compile(r'^https?://', re.I)
_DOCTYPE_ENTITY = re.compile(rb'<!ENTITY', re.I)


class InputError(ValueError):
    """An input the user named cannot be used; one line for the user."""


def _fs():
    from apache_beam.io.filesystems import FileSystems
    return FileSystems


def _is_glob(src: str) -> bool:
    return any(ch in src for ch in '*?[')


def _is_dir(src: str) -> bool:
    if '://' not in src:
        return os.path.isdir(src)
    return src.endswith('/')


def _match(pattern: str) -> List[str]:
    try:
        results = _fs().match([pattern])
    except Exception:  # noqa: BLE001 - Beam raises BeamIOError and others
        return []
    return sorted(m.path for r in results for m in r.metadata_list)


def _is_feed_file(path: str) -> bool:
    name = path.rstrip('/').rsplit('/', 1)[-1]
    if name.startswith(('.', '_')):
        return False
    ext = os.path.splitext(name)[1].lower()
    return ext in FEED_EXTENSIONS or ext == ''


def _read_bytes(path: str) -> bytes:
    with _fs().open(path) as f:
        return f.read()


def _beside(path: str, item: str) -> str:
    """``item`` as named in the list file ``path``: a relative local path
    is relative to the list's folder, not to the working directory."""
    base = path.rsplit('/', 1)[0] if '/' in path else ''
    if not _URL.match(item) and '://' not in item and not os.path.isabs(item) and base:
        return _fs().join(base, item) if '://' in base else os.path.join(base, item)
    return item


def _list_file(path: str) -> List[str]:
    out = []
    for line in _read_bytes(path).decode('utf-8', 'replace').splitlines():
        line = line.split('#', 1)[0].strip() if not _URL.match(line.strip()) \
            else line.strip()
        if not line:
            continue
        out.append(_beside(path, line))
    return out


def _opml(path: str, depth: int) -> List[Tuple[str, Tuple[Tuple[str, object], ...]]]:
    """The feeds of an OPML file. An xmlUrl that is a local path is read
    like a line of a .txt list: relative to the OPML file's folder, and a
    missing file is an InputError."""
    data = _read_bytes(path)
    if _DOCTYPE_ENTITY.search(data):
        raise InputError(f'input {path}: OPML with entity declarations refused')
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f'input {path}: not a readable OPML file ({exc})')
    feeds = []
    for outline in root.iter('outline'):
        url = outline.get('xmlUrl') or outline.get('xmlurl')
        if not url:
            continue
        title = (outline.get('title') or outline.get('text') or '').strip()
        hints = (('publisher', title),) if title else ()
        url = url.strip()
        if '://' in url or depth >= _MAX_LIST_DEPTH:
            feeds.append((url, hints))
        else:
            feeds.extend((location, hints) for location, _ in
                         _expand_one(_beside(path, url), depth + 1))
    return feeds


def _expand_one(src: str, depth: int) -> List[Tuple[str, Tuple[Tuple[str, object], ...]]]:
    if _URL.match(src):
        return [(src, ())]
    lower = src.lower()
    if _is_glob(src):
        found = [p for p in _match(src) if _is_feed_file(p) or p == src]
        if not found:
            raise InputError(f'input {src}: the pattern matches no files')
        return [(p, ()) for p in found]
    if _is_dir(src):
        pattern = _fs().join(src, '*') if '://' in src else os.path.join(src, '*')
        found = [p for p in _match(pattern) if _is_feed_file(p) and not _is_dir(p)]
        if not found:
            raise InputError(f'input {src}: the folder holds no feed files '
                             f'({", ".join(FEED_EXTENSIONS)})')
        return [(p, ()) for p in found]
    try:
        exists = _fs().exists(src)
    except Exception:  # noqa: BLE001 - unknown scheme, missing credentials
        exists = False
    if not exists:
        raise InputError(f'input {src}: no such file, folder or URL')
    if lower.endswith('.txt'):
        if depth >= _MAX_LIST_DEPTH:
            raise InputError(f'input {src}: lists nested deeper than {_MAX_LIST_DEPTH}')
        out = []
        for item in _list_file(src):
            out.extend(_expand_one(item, depth + 1))
        return out
    if lower.endswith('.opml'):
        return _opml(src, depth)
    return [(src, ())]


def expand_inputs(inputs: Sequence[str],
                  options_for: Callable[[str], Tuple[Tuple[str, object], ...]] = lambda s: ()
                  ) -> List[FeedSource]:
    """The feeds named by ``inputs``, each once, in a stable order.

    ``options_for(location)`` gives the config's per-feed overrides, which
    win over hints found in the inputs themselves (an OPML outline title).
    """
    seen, out = set(), []
    for src in inputs:
        src = src.strip()
        if not src:
            continue
        for location, hints in _expand_one(src, 0):
            if location in seen:
                continue
            seen.add(location)
            options = dict(hints)
            options.update(dict(options_for(location)))
            out.append(FeedSource(location, tuple(sorted(options.items()))))
    if not out:
        raise InputError('no inputs: name feeds with --input or "inputs:" in the config')
    return out
