"""Article identity (pure; no Beam): the same article seen again.

Two entry instances are the same article when they share a guid (within
one publisher, unless the guid is a URI or a UUID: see
``normalize.urls.guid_identity``), a canonical URL (tracking parameters,
fragments and AMP variants dropped) or the same normalized text from the
same publisher *with the same publication time*.  Keys are short hashes so
the state index stays small.

Why the time: one outlet posting the same text twice, under a new guid and
URL and at another time (a re-run, or the agency original next to the
outlet's own copy), made two entries; both are articles of one story, which
near-duplicate detection gathers.  The same article seen again (a second
feed of the site, a feed that regenerates guids) keeps its publication
time.  A time the normalizer took from the fetch (``published_at_source``
'fetched') says nothing about the article and is left out of the key.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import List, Optional

from ..normalize.urls import canonical_url, guid_identity

_SPACE = re.compile(r'\W+')
#: normalized text shorter than this is too generic to identify an article
MIN_TEXT_CHARS = 40


def _h(prefix: str, value: str) -> str:
    return prefix + hashlib.blake2b(value.encode('utf-8'), digest_size=10).hexdigest()


def text_key(title: Optional[str], body: Optional[str],
             publisher: Optional[str] = None, published=None) -> Optional[str]:
    """Key of the normalized text *within one publisher* at one publication
    time (module doc): the same outlet posting the same text again is the
    same article, while another outlet republishing the wire copy word for
    word is a new article of the same story, which near-duplicate detection
    gathers."""
    text = _one_spaced(f'{title or ""} {body or ""}'.lower())
    if len(text) < MIN_TEXT_CHARS:
        return None
    when = _seconds(published)
    return _h('t:', f'{(publisher or "").strip().lower()}\x1f{text}'
                    + ('' if when is None else f'\x1f{when}'))


def _one_spaced(text: str) -> str:
    """``' '.join(text.split())``, the key's text, without splitting it into
    words where that changes nothing: text whose only whitespace is single
    spaces between words and newlines (a normalized body: one newline
    between paragraphs) needs only its newlines made spaces. Every other
    whitespace character (tab, no-break space, U+2000...) is a Unicode
    'Other' or 'Separator', so ``isprintable`` is false for it."""
    spaced = text.replace('\n', ' ')
    if spaced.isprintable() and '  ' not in spaced and spaced[:1] != ' ' \
            and spaced[-1:] != ' ':
        return spaced
    return ' '.join(text.split())


def _seconds(value) -> Optional[int]:
    """Whole epoch seconds of a datetime (naive = UTC) or a number."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return int(value.timestamp())
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def identity_keys(row: dict) -> List[str]:
    """guid, canonical-url and text keys of an article row (those it has;
    not a guid or URL the row's ``shared_ids`` names: one its feed gives
    to other entries too, see formats.base.mark_shared_identifiers)."""
    keys = []
    shared = row.get('shared_ids') or ()
    guid = guid_identity(row.get('guid'), row.get('publisher')) \
        if 'guid' not in shared else None
    if guid:
        keys.append(_h('g:', guid))
    url = canonical_url(row.get('url')) if 'url' not in shared else None
    if url:
        keys.append(_h('u:', url))
    when = (row.get('published_at')
            if row.get('published_at_source') != 'fetched' else None)
    tk = text_key(row.get('title'), row.get('body') or row.get('summary'),
                  row.get('publisher'), when)
    if tk:
        keys.append(tk)
    if not (guid or url) and row.get('article_id'):
        # no guid or link: the id is the text's (normalize.article_id_for),
        # and an entry of the same id is the same article, however short
        # its text (two title-only items "Markets close" of one feed at
        # one time are one article, not two rows of one id)
        keys.append(_h('a:', row['article_id']))
    return keys


def resolve(groups):
    """Final ids for instances linked by shared keys.

    ``groups``: iterable of lists of (kind, ident, prelim_id) sharing one key,
    kind 'new' (ident = instance_key) or 'old' (ident = article_id already
    written).  Returns {instance_key: (article_id, keep, old_article)}:
    an instance linked to an old article takes its id and is not kept; among
    new instances of one article the one with the smallest (prelim_id,
    instance_key) is kept and gives its id to all.
    """
    from .clusters import UnionFind
    uf = UnionFind()
    for members in groups:
        nodes = [(kind, ident) for kind, ident, _ in members]
        for n in nodes:
            uf.parent.setdefault(n, n)
        for n in nodes[1:]:
            uf.union(nodes[0], n)
    prelim = {}
    for members in groups:
        for kind, ident, pid in members:
            prelim[(kind, ident)] = pid
    by_root = {}
    for node in uf.parent:
        by_root.setdefault(uf.find(node), []).append(node)
    out = {}
    for nodes in by_root.values():
        olds = sorted(n for n in nodes if n[0] == 'old')
        news = sorted((prelim[n], n[1]) for n in nodes if n[0] == 'new')
        if olds:
            old_id = olds[0][1]
            for _, ik in news:
                out[ik] = (old_id, False, True)
        elif news:
            keep_pid, keep_ik = news[0]
            for _, ik in news:
                out[ik] = (keep_pid, ik == keep_ik, False)
    return out
