"""The whole dedup stage in memory (pure; no Beam).

The reference for the Beam transform (``transform.py`` runs the same steps
as shuffles) and a convenient tool for tests and quick measurements.
Input: article rows and the rows of the state index; output: assignments,
story rows and index rows, exactly as ``Deduplicate`` produces them.
"""
from __future__ import annotations

import collections
import itertools
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np

from . import boilerplate as bpmod
from .clusters import connected_components, split_component
from .features import feature_records, signature_records
from .packing import array, values_of
from .settings import DedupSettings
from .shingles import shingle_set
from .stories import (article_index_row, boilerplate_index_row,
                      bridge_index_row, finish_story, old_story_node)
from .verify import verify


def latest_stories(index_rows: Iterable[dict]) -> Dict[str, dict]:
    """story_id -> its newest index row (stories only grow: max count)."""
    best = {}
    for r in index_rows:
        if r.get('kind') != 'story':
            continue
        cur = best.get(r['story_id'])
        key = (r.get('article_count') or 0, r.get('t_last') or 0)
        if cur is None or key > (cur.get('article_count') or 0, cur.get('t_last') or 0):
            best[r['story_id']] = r
    return best


def old_boilerplate(index_rows: Iterable[dict]) -> Dict[str, np.ndarray]:
    out = collections.defaultdict(list)
    for r in index_rows:
        if r.get('kind') == 'boilerplate':
            out[r['publisher']].append(values_of('shingles', r['shingles']))
    return {p: bpmod.union_versions(v) for p, v in out.items()}


def bucket_pairs(members: Sequence[str], cap: int):
    """Candidate pairs of one LSH bucket (new-new and new-old only)."""
    members = sorted(set(members))
    if len(members) < 2 or len(members) > cap:
        return []
    return [(a, b) for a, b in itertools.combinations(members, 2)
            if not (a.startswith('S:') and b.startswith('S:'))]


def deduplicate(rows: List[dict], settings: DedupSettings = DedupSettings(),
                index_rows: Sequence[dict] = (), run_id: str = 'run',
                stats: Optional[collections.Counter] = None):
    stats = stats if stats is not None else collections.Counter()
    feats = feature_records(rows, settings)
    # 1. identity
    groups = collections.defaultdict(list)
    for f in feats:
        for k in f['keys']:
            groups[k].append(('new', f['ik'], f['pid']))
    old_article_story = {}
    for r in index_rows:
        if r.get('kind') == 'article':
            old_article_story[r['id']] = r['story_id']
            for k in r.get('keys') or ():
                if k in groups:
                    groups[k].append(('old', r['id'], r['id']))
    from .identity import resolve
    decisions = resolve([g for g in groups.values() if len(g) > 1])
    kept = []
    for f in feats:
        aid, keep, old = decisions.get(f['ik'], (f['pid'], True, False))
        f['id'] = aid
        if keep:
            kept.append(f)
    stats['repeats'] += len(feats) - len(kept)
    # 2. boilerplate per publisher, counted over distinct versions
    versions = collections.defaultdict(list)
    for f in kept:
        versions[(f['pub'], f['vkey'])].append(shingle_set(array(f, 'seq')))
    per_pub = collections.defaultdict(list)
    for (pub, _), seqs in versions.items():
        per_pub[pub].append(bpmod.union_versions(seqs))
    bp = {p: bpmod.frequent(bpmod.doc_counts(s), settings.boilerplate_min_docs)
          for p, s in per_pub.items()}
    for p, h in old_boilerplate(index_rows).items():
        bp[p] = np.union1d(bp.get(p, np.empty(0, np.uint32)), h)
    # 3. signatures and buckets
    recs = signature_records(kept, bp, settings)
    nodes = {r['id']: r for r in recs}
    stories = latest_stories(index_rows)
    for sid, row in stories.items():
        node = old_story_node(row)
        nodes[node['id']] = node
    buckets = collections.defaultdict(list)
    for r in recs:
        for b in array(r, 'bands').tolist():
            buckets[b].append(r['id'])
    for r in index_rows:
        if r.get('kind') == 'article' and r.get('story_id') in stories:
            node = 'S:' + r['story_id']
            bands = values_of('bands', r.get('bands'))
            for b in (() if bands is None else bands.tolist()):
                if b in buckets:
                    buckets[b].append(node)
    pairs = set()
    for members in buckets.values():
        if len(set(members)) > settings.bucket_cap:
            stats['oversized_buckets'] += 1
            continue
        pairs.update(bucket_pairs(members, settings.bucket_cap))
    stats['candidates'] += len(pairs)
    # 4. verify
    edges = []
    for a, b in sorted(pairs):
        v = verify(nodes[a], nodes[b], settings, bp.get(nodes[a]['pub']),
                   bp.get(nodes[b]['pub']))
        stats[v.reason] += 1
        if v.ok:
            edges.append((a, b))
    # 5. components -> stories
    comp = connected_components(edges)
    by_comp = collections.defaultdict(list)
    for node, root in comp.items():
        by_comp[root].append(nodes[node])
    for r in recs:
        if r['id'] not in comp:
            by_comp[r['id']].append(r)

    def judge(m, c):
        return verify(m, c, settings, bp.get(m['pub']), bp.get(c['pub']))

    article_assign, story_rows, index_out = {}, [], []
    for members in by_comp.values():
        for head, mem, bridges in split_component(members, judge):
            assigns, story, irow = finish_story(head, mem, run_id)
            stats['chain_splits'] += 0
            for a in assigns:
                article_assign[a['article_id']] = a
            if story:
                story_rows.append(story)
                index_out.append(irow)
            by_member = collections.defaultdict(list)
            for aid, other in bridges:
                by_member[aid].append(other[2:])
            for aid, others in by_member.items():
                stats['bridges'] += 1
                index_out.append(bridge_index_row(
                    aid, article_assign[aid]['story_id'], others,
                    nodes[aid]['t'], run_id))
    stats['stories'] += len(story_rows)
    for r in recs:
        index_out.append(article_index_row(r, article_assign[r['id']]['story_id'], run_id))
    tmax = max((f['t'] for f in kept if f['t'] is not None), default=None)
    for p, h in bp.items():
        if len(h):
            index_out.append(boilerplate_index_row(p, h, tmax, run_id))
    # 6. assignments per instance
    out = []
    for f in feats:
        aid, keep, old = decisions.get(f['ik'], (f['pid'], True, False))
        if old:
            a = {'story_id': old_article_story.get(aid), 'is_canonical': False,
                 'duplicate_of': None, 'similarity': None}
        else:
            a = dict(article_assign[aid])
            if not keep:
                a['is_canonical'] = False
        out.append({'instance_key': f['ik'], 'article_id': aid, 'keep': keep,
                    'story_id': a['story_id'], 'is_canonical': a['is_canonical'],
                    'duplicate_of': a['duplicate_of'], 'similarity': a['similarity']})
    return out, story_rows, index_out
