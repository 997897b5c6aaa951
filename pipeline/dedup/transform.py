"""Deduplicate: the dedup stage as a Beam composite (thin; math lives in
the pure modules beside this one).

Data flow (only small records are shuffled: ids, keys, band keys, times,
shingle hashes; article bodies never leave the Features step)::

  articles -> batches -> Features (shingles, identity keys, small fields)
  Identity:  (key shard -> keys and instances) GroupByKey -> linked groups
             -> resolve (one worker, only instances that share a key)
  Boilerplate: (publisher -> versions' shingles) GroupByKey -> per
             publisher document frequency -> side input
  Signatures (batched MinHash) -> node records by node shard, their
             views (the fields verification reads) by verification shard
             + (band shard -> nodes' band keys) GroupByKey
             -> candidate pairs (bucket cap), smaller node first, by the
             first node's verification shard
  Verify:    pairs + views (CoGroupByKey): pairs with both views in the
             shard verified there; the others' first views shipped to the
             second's shard + views handed on (CoGroupByKey) -> exact
             containment/Jaccard + guards -> verified edges
  Components: union-find over verified edges
  Stories:   node shard + roots (CoGroupByKey) -> (root shard -> node
             records) GroupByKey -> per component canonical-first split
             (chain breaking) -> story ids, story rows, index rows
  Assign:    node shard: instances + story assignments + extras (keys,
             band keys, story fields) + new stories (CoGroupByKey)
             -> per-instance rows, new stories' fields, article index rows

Every element of those shuffles is a *chunk*: the records of one batch
(or one group) that fall in one shard, never one element per article, key,
band or pair.  The runner's cost is per element (with one element per
identity key, band key and pair, a 5k-article run took 133 element steps
per article), while the records are a few hundred bytes to a few KB.
A chunk travels as one pickled blob (``packing.pack_chunk``): a grouping
buffer then holds one bytes object per chunk instead of decoded dicts.
Shards are ``crc32(id) % n``: ``hash`` of a str is salted per process, and
every worker must send one id to one shard.  A view's verification shard
is one MinHash value of its lead instead, which copies of one story
mostly share, so most pairs need no record moved (``_verify_shard``).

How the components step scales: it sees only *verified* edges (pairs of
ids, typically one per syndicated copy), never articles, so one worker's
union-find handles tens of millions of edges.  Past that, replace
``Components`` with the iterative large-star/small-star algorithm
(Kiveris et al., 2014) unrolled for a fixed number of rounds, each round
a GroupByKey over edges, or shard it by time window since the time guard
keeps edges inside ``window_days``.  The identity resolver follows the
same rule: it receives only groups of instances that share a key.
"""
from __future__ import annotations

import collections
import itertools
import zlib
from typing import Optional

import apache_beam as beam
import numpy as np
from apache_beam.metrics import Metrics
from apache_beam.options.pipeline_options import DirectOptions

from . import boilerplate as bpmod
from .clusters import connected_components, split_component
from .features import STORY_FIELDS, feature_records, signature_records
from .identity import resolve
from .packing import array, pack, pack_chunk, unpack_chunks, values_of
from .settings import DedupSettings
from .shingles import shingle_set
from .stories import (article_index_row, boilerplate_index_row,
                      bridge_index_row, finish_story, old_story_node, to_dt)
from .verify import REASONS, verify

__all__ = ['Deduplicate', 'DedupSettings']

_NS = 'dedup'
_BATCH = dict(min_batch_size=32, max_batch_size=512)

#: Shards of the LSH band grouping. Each shard holds the band keys of its
#: share of the bands for every article in the window (~72/shards keys per
#: article), so raise it for runs of tens of millions of articles.
_BAND_SHARDS = 8
#: Shards of the identity-key grouping.
_KEY_SHARDS = 8
#: Shards of node records (verification joins, components, assignments):
#: the unit of parallelism of the dedup tail.
_NODE_SHARDS = 16


def _before_side_input(pcoll, label):
    """``pcoll`` for a step that waits for a side input: through a
    Reshuffle when the local runner has several workers, else as it is.

    Beam 2.77's FnApiRunner with several local workers loses elements of
    such a step's main input when that input is another step's output
    passed on as it is (not grouped): 100,000 elements of 8 KB out,
    92-96k in, in a five-step pipeline with no wirefeed code in it, and
    10-14% of the articles of 100k-article runs. The same input through a
    Reshuffle arrives whole. In one process nothing is lost, and a
    Reshuffle would copy every record once more, so only runs with
    several workers (Beam's multi-process mode or wirefeed's
    local_workers, both ``direct_num_workers``) get it. (Steps whose
    input comes straight from a grouping need nothing.)"""
    if pcoll.pipeline.options.view_as(DirectOptions).direct_num_workers != 1:
        return pcoll | label >> beam.Reshuffle()
    return pcoll


def _counter(name):
    return Metrics.counter(_NS, name)


class _ReadIndex(beam.DoFn):
    def process(self, path, since):
        from ..state.dedup_index import read_index_file
        n = 0
        for row in read_index_file(path, since):
            n += 1
            yield row
        _counter('index_rows_read').inc(n)


def _index_files_before(state_path, run_id):
    """Index files of earlier runs: a re-run of ``run_id`` must not see its
    own earlier attempt, or every article would be a repeat of itself."""
    from ..state.dedup_index import index_files
    own = f'/run={run_id}/'
    return [f for f in index_files(state_path) if own not in f]


def _shard_of(text: str, shards: int) -> int:
    """A shard that every worker computes alike (module doc)."""
    return zlib.crc32(text.encode('utf-8')) % shards


def _node_shard(node_id: str) -> int:
    return _shard_of(node_id, _NODE_SHARDS)


def _chunks(items, shard_of):
    """[(id, value)] -> [(shard_of(id), [values])]: one element per shard."""
    by_shard = collections.defaultdict(list)
    for ident, value in items:
        by_shard[shard_of(ident)].append(value)
    return [(shard, pack_chunk(values)) for shard, values in by_shard.items()]


def _sharded_bands(members):
    """[(node, size, verification shard, band keys)] -> [(band shard,
    [(node, size, verification shard, packed keys of that band shard)])];
    ``size`` (shingles) orients the node's pairs."""
    by_shard = collections.defaultdict(list)
    for node, size, verify_shard, keys in members:
        shards = keys % _BAND_SHARDS
        for shard in np.unique(shards).tolist():
            by_shard[shard].append(
                (node, size, verify_shard, pack('bands', keys[shards == shard])))
    return [(shard, pack_chunk(values)) for shard, values in by_shard.items()]


def _old_bands(row):
    """An earlier run's article stands for its story (``S:<story id>``);
    its size is unknown here: 0, so its story is the record shipped."""
    node = 'S:' + row['story_id']
    return _sharded_bands([(node, 0, _verify_shard({'id': node}),
                            values_of('bands', row.get('bands') or ()))])


def _sharded_keys(members):
    """[(identity key, member)] -> [(shard, [(key, member)])]."""
    return _chunks(((key, (key, member)) for key, member in members),
                   lambda key: _shard_of(key, _KEY_SHARDS))


def _linked(item):
    """One key shard -> the member groups of keys shared by 2+ members, at
    least one of them new (only those can change a decision)."""
    _, chunks = item
    groups = collections.defaultdict(list)
    for key, member in unpack_chunks(chunks):
        groups[key].append(member)
    return [g for g in groups.values()
            if len(g) > 1 and any(m[0] == 'new' for m in g)]


def _shard_pairs(item, cap):
    """Candidate pairs from one band shard's buckets, as [(node shard of
    the first, pairs)]: a pair found in several band shards meets itself
    there, where its first record waits.  The first of a pair is its node
    with fewer shingles (then the smaller id): that record is the one the
    verification join ships to the other's shard, and a summary-only copy
    is a tenth of its original.

    Vectorized: every (band key, member) of the shard in one sort, buckets
    as runs of equal keys, then the pairs of all buckets of one size in one
    index matrix.  Buckets of more than ``cap`` members give none, and two
    earlier stories are never paired (they were judged in their own runs).
    """
    _, chunks = item
    members = list(unpack_chunks(chunks))
    size_of = {node: size for node, size, _, _ in members}
    shard_of = {node: shard for node, _, shard, _ in members}
    names = sorted(size_of)
    index = {name: i for i, name in enumerate(names)}
    keys = [np.frombuffer(packed, np.int64) for _, _, _, packed in members]
    key = np.concatenate(keys) if keys else np.empty(0, np.int64)
    who = np.repeat(np.array([index[node] for node, _, _, _ in members], dtype=np.int64),
                    [len(k) for k in keys])
    order = np.lexsort((who, key))
    key, who = key[order], who[order]
    distinct = np.ones(len(key), dtype=bool)
    distinct[1:] = (key[1:] != key[:-1]) | (who[1:] != who[:-1])
    key, who = key[distinct], who[distinct]
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    sizes = np.diff(np.append(starts, len(key)))
    oversized = int(np.count_nonzero(sizes > cap))
    if oversized:
        Metrics.counter(_NS, 'oversized_buckets').inc(oversized)
    codes = []
    n = len(names)
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= cap)]).tolist():
        first, second = np.triu_indices(size, k=1)
        at = starts[sizes == size][:, None]
        a, b = who[at + first], who[at + second]  # a < b: members sorted by index
        codes.append((a * n + b).ravel())
    if not codes:
        return []
    codes = np.unique(np.concatenate(codes))
    a, b = codes // n, codes % n
    is_old = np.array([name.startswith('S:') for name in names], dtype=bool)
    fresh = ~(is_old[a] & is_old[b])
    a, b = a[fresh], b[fresh]
    size = np.array([size_of[name] for name in names], dtype=np.int64)
    swap = size[b] < size[a]
    first, second = np.where(swap, b, a).tolist(), np.where(swap, a, b).tolist()
    return _chunks(((shard_of[names[i]], (names[i], names[j], shard_of[names[j]]))
                    for i, j in zip(first, second)), lambda shard: shard)


def _features(rows, settings):
    """A batch of article rows -> its feature records (one element), and
    their identity keys by key shard (tagged ``keys``)."""
    recs = feature_records(rows, settings)
    yield recs
    for item in _sharded_keys([(k, ('new', f['ik'], f['pid']))
                               for f in recs for k in f['keys']]):
        yield beam.pvalue.TaggedOutput('keys', item)


#: What verification reads of a node record (see verify.verify).
_VIEW_FIELDS = ('id', 't', 'lang', 'pub', 'shingles', 'slots')


def _verify_shard(rec: dict) -> int:
    """Where a node's view waits for verification: by one MinHash value of
    its lead (``lead_min``).  Copies of one story mostly share their lead,
    so most candidate pairs find both views in one shard and are verified
    there, with no record shipped (``_VerifyLocal``).  An earlier run's
    story goes by its id."""
    if rec.get('lead_min') is None:
        return _node_shard(rec['id'])
    return rec['lead_min'] % _NODE_SHARDS


def _views(recs, shards):
    """Node records and their verification shards -> the views by shard
    (tagged ``views``).  The verification joins carry only views (about two
    thirds of a record: no identity keys, band keys or story fields); the
    full records wait for the stories join."""
    views = ((shard, {k: r.get(k) for k in _VIEW_FIELDS}) for r, shard in zip(recs, shards))
    for item in _chunks(views, lambda shard: shard):
        yield beam.pvalue.TaggedOutput('views', item)


def _signatures(kept, boilerplate, settings):
    """A batch of kept feature records -> node records by node shard, their
    extras by node shard (tagged ``extras``), their views (tagged
    ``views``) and their band keys by band shard (tagged ``bands``)."""
    recs = signature_records(kept, boilerplate, settings)
    bands = [array(r, 'bands') for r in recs]
    shards = [_verify_shard(r) for r in recs]
    nodes, extras = zip(*(_node_and_extra(r) for r in recs)) if recs else ((), ())
    yield from _chunks(((n['id'], n) for n in nodes), _node_shard)
    for item in _chunks(((e['id'], (e['id'], e)) for e in extras), _node_shard):
        yield beam.pvalue.TaggedOutput('extras', item)
    yield from _views(recs, shards)
    for item in _sharded_bands([(r['id'], len(r['shingles']) // 4, shard, b)
                                for r, shard, b in zip(recs, shards, bands)]):
        yield beam.pvalue.TaggedOutput('bands', item)


#: What only an article's index row (identity and band keys) and, for a
#: canonical article, its story row (story fields) need: these wait in the
#: article's node shard for the assignments join instead of travelling
#: with the node record through the stories join (a third of a record).
_EXTRA_FIELDS = ('keys', 'bands', 'fields')
_EXTRA_COPIED = ('id', 't', 'pub')
#: Fields the stories join does not read.
_NOT_IN_NODE = frozenset(_EXTRA_FIELDS + ('ik', 'pid', 'vkey', 'lead_min'))
#: A new story's fields before the assignments join fills them in.
_FIELDS_LATER = dict.fromkeys(STORY_FIELDS)


def _node_and_extra(rec):
    """A signature record -> (its node record, its extras)."""
    node = {k: v for k, v in rec.items() if k not in _NOT_IN_NODE}
    extra = {k: rec[k] for k in _EXTRA_FIELDS + _EXTRA_COPIED}
    return node, extra


def _old_story_nodes(node):
    """An earlier run's story node -> its record and its view by shard."""
    yield _node_shard(node['id']), pack_chunk([node])
    yield from _views([node], [_verify_shard(node)])


def _unpacked(values):
    return [np.frombuffer(v, dtype=np.uint32) for v in values]


def _versions(kept):
    """Kept records -> their versions by publisher:
    [(publisher, [(version key, packed shingle set)])]."""
    return _chunks(((f['pub'], (f['vkey'], pack('shingles', shingle_set(array(f, 'seq')))))
                    for f in kept), lambda publisher: publisher)


def _publisher_boilerplate(item, min_docs):
    """(publisher, chunks of versions) -> (publisher, packed boilerplate):
    shingles in ``min_docs`` distinct versions (see boilerplate.py)."""
    publisher, chunks = item
    versions = collections.defaultdict(list)
    for vkey, packed in unpack_chunks(chunks):
        versions[vkey].append(np.frombuffer(packed, dtype=np.uint32))
    sets = [bpmod.union_versions(copies) for copies in versions.values()]
    return publisher, pack('shingles', bpmod.frequent(bpmod.doc_counts(sets), min_docs))


def _decide(groups):
    """groups: list of [(kind, ident, pid_or_story)] -> {ik: decision}."""
    old_story = {}
    for g in groups:
        for kind, ident, extra in g:
            if kind == 'old':
                old_story[ident] = extra
    res = resolve([[(k, i, (i if k == 'old' else x)) for k, i, x in g] for g in groups])
    return {ik: (aid, keep, old, old_story.get(aid) if old else None)
            for ik, (aid, keep, old) in res.items()}


def _decision(feature, decisions):
    """(article id, kept, an earlier run's article, its story) of an entry
    instance; an instance that shares no key with another is its own."""
    return decisions.get(feature['ik'], (feature['pid'], True, False, None))


def _kept(batch, decisions):
    """The batch's kept records (a repeat of an article is not), each with
    its article id."""
    out = []
    for f in batch:
        aid, keep, _, _ = _decision(f, decisions)
        if keep:
            out.append(dict(f, id=aid))
    return out


def _handed_on(shard, view_chunks):
    """The shard's view chunks, unchanged, for JoinB (tagged ``views``):
    JoinA hands them on instead of both joins reading one collection, which
    a runner materializes once per consumer when it is produced (two
    copies held from the Signatures step to JoinB)."""
    for blob in view_chunks:
        yield beam.pvalue.TaggedOutput('views', (shard, blob))


class _VerifyPairs(beam.DoFn):
    """Verification of candidate pairs against views; counts each verdict."""

    def __init__(self, settings):
        self.settings = settings
        self.c = {}

    def setup(self):
        for r in REASONS:
            self.c[r] = _counter(r)

    def _edges(self, pairs, first_view, second_view, bp):
        edges = []
        for a, b in pairs:
            ra, rb = first_view(a), second_view(b)
            if ra is None or rb is None:
                continue
            v = verify(ra, rb, self.settings, bp.get(ra['pub']), bp.get(rb['pub']))
            self.c[v.reason].inc()
            if v.ok:
                edges.append((a, b))
        return edges


class _VerifyLocal(_VerifyPairs):
    """JoinA: (verification shard, {'p': pair chunks, 'n': view chunks,
    'o': earlier stories' view chunks}).

    Pairs whose two views wait in this shard (most copies of one story:
    see ``_verify_shard``) are verified here (main output: one edge list);
    the others go to the second view's shard with the first views (each
    once per shard, not once per pair), tagged ``shipped``; the view
    chunks are handed on to JoinB, tagged ``views``.
    """

    def process(self, item, bp):
        shard, joined = item
        view_chunks = list(itertools.chain(joined['n'], joined['o']))
        yield from _handed_on(shard, view_chunks)
        views = {v['id']: v for v in unpack_chunks(view_chunks)}
        pairs = sorted(set(unpack_chunks(joined['p'])))
        Metrics.counter(_NS, 'candidates').inc(len(pairs))
        local, by_shard = [], collections.defaultdict(lambda: ({}, []))
        for a, b, b_shard in pairs:
            if b_shard == shard:
                local.append((a, b))
            elif a in views:
                firsts, shipped = by_shard[b_shard]
                firsts[a] = views[a]
                shipped.append((a, b))
        Metrics.counter(_NS, 'pairs_shipped').inc(len(pairs) - len(local))
        for other, (firsts, shipped) in by_shard.items():
            yield beam.pvalue.TaggedOutput(
                'shipped', (other, pack_chunk([(list(firsts.values()), shipped)])))
        edges = self._edges(local, views.get, views.get, bp)
        if edges:
            yield edges


class _VerifyShipped(_VerifyPairs):
    """JoinB: (verification shard, {'h': (first views, pairs) chunks, 'n':
    view chunks}) -> the shard's verified edges (one list)."""

    def process(self, item, bp):
        _, joined = item
        views = {v['id']: v for v in unpack_chunks(joined['n'])}
        edges = []
        for firsts, pairs in unpack_chunks(joined['h']):
            firsts = {v['id']: v for v in firsts}
            edges += self._edges(pairs, firsts.get, views.get, bp)
        if edges:
            yield edges


def _components(item):
    """All verified edges -> [(node shard, [(node, root)])]."""
    _, edge_lists = item
    roots = connected_components(itertools.chain.from_iterable(edge_lists))
    return _chunks(((node, (node, root)) for node, root in roots.items()), _node_shard)


def _component_members(item):
    """(node shard, {'c': (node, root) chunks, 'n': node chunks, 'o':
    earlier stories' node chunks}) -> the
    shard's records by their root's shard: [(shard, [(root, record)])].
    A new article without edges is its own root; an earlier story without
    edges has nothing to do in this run."""
    _, joined = item
    root_of = dict(unpack_chunks(joined['c']))
    members = []
    for rec in unpack_chunks(itertools.chain(joined['n'], joined['o'])):
        root = root_of.get(rec['id'])
        if root is None:
            if rec.get('old'):
                continue
            root = rec['id']
        members.append((root, (root, rec)))
    return _chunks(members, _node_shard)


class _Stories(beam.DoFn):
    """(root shard, (root, record) chunks) -> per component: assignments
    by node shard (main); grown earlier stories' rows (``stories``,
    ``index``); new stories' rows without their fields by the canonical's
    node shard (``stubs``, filled in by the assignments join); bridges
    (``index``)."""

    def __init__(self, settings, run_id):
        self.settings, self.run_id = settings, run_id

    def setup(self):
        self.n_stories = _counter('stories')
        self.n_grown = _counter('stories_grown')
        self.n_bridges = _counter('bridges')
        self.n_splits = _counter('chain_splits')

    def process(self, item, bp):
        _, chunks = item
        components = collections.defaultdict(list)
        for root, rec in unpack_chunks(chunks):
            components[root].append(rec)
        assigned, stubs = [], []
        for recs in components.values():
            yield from self._component(recs, bp, assigned, stubs)
        yield from _chunks(((a['article_id'], (a['article_id'], a)) for a in assigned),
                           _node_shard)
        for item in _chunks(((story['canonical_article_id'],
                              (story['canonical_article_id'], story, irow))
                             for story, irow in stubs), _node_shard):
            yield beam.pvalue.TaggedOutput('stubs', item)

    def _component(self, recs, bp, assigned, stubs):
        if not any(not r.get('old') for r in recs):
            return
        s = self.settings

        def judge(m, c):
            return verify(m, c, s, bp.get(m['pub']), bp.get(c['pub']))

        story_of, new_stories = {}, 0
        for head, members, bridges in split_component(recs, judge):
            if not head.get('old'):
                head = dict(head, fields=_FIELDS_LATER)
            assigns, story, irow = finish_story(head, members, self.run_id)
            if story is None:
                continue
            new_stories += 1
            (self.n_grown if head.get('old') else self.n_stories).inc()
            for a in assigns:
                story_of[a['article_id']] = a['story_id']
            assigned.extend(assigns)
            if head.get('old'):
                yield beam.pvalue.TaggedOutput('stories', story)
                yield beam.pvalue.TaggedOutput('index', irow)
            else:
                stubs.append((story, irow))
            linked = collections.defaultdict(list)
            for aid, other in bridges:
                linked[aid].append(other[2:])
            for aid, others in linked.items():
                self.n_bridges.inc()
                t = next(r['t'] for r in recs if r['id'] == aid)
                yield beam.pvalue.TaggedOutput('index', bridge_index_row(
                    aid, story_of[aid], others, t, self.run_id))
        if new_stories > 1:
            self.n_splits.inc(new_stories - 1)


def _identified(batch, decisions):
    """A batch + the identity decisions -> its kept records (main), their
    versions by publisher (tagged ``versions``) and every instance's
    verdict by node shard (tagged ``instances``).

    One step reads the batches after identity and hands the kept records
    on: a runner materializes a collection once per consuming stage, and
    three consumers (boilerplate, signatures, instances) held three copies
    of every batch from the Features step to the Signatures step.
    """
    kept = _kept(batch, decisions)
    for item in _versions(kept):
        yield beam.pvalue.TaggedOutput('versions', item)
    for item in _instances(batch, decisions):
        yield beam.pvalue.TaggedOutput('instances', item)
    if kept:
        yield kept


def _instances(batch, decisions):
    """A batch -> [(node shard of the article, [(article id, (instance
    key, kept, an earlier run's article, its story))])]; counts repeats."""
    instances = []
    for f in batch:
        aid, keep, is_old, old_story = _decision(f, decisions)
        instances.append((aid, (aid, (f['ik'], keep, is_old, old_story))))
    Metrics.counter(_NS, 'repeats').inc(sum(1 for _, (_, i) in instances if not i[1]))
    return _chunks(instances, _node_shard)


def _assign(item, run_id):
    """(node shard, {'inst': instance chunks, 'story': assignment chunks,
    'extra': extras chunks, 'stub': new story chunks}) -> one row per entry
    instance (main); the new stories' rows with their canonical's fields
    (``stories``, ``index``) and the articles' index rows (``index``).
    An instance whose article got no story gets no row: the writer
    quarantines it as 'no verdict'."""
    _, joined = item
    story_of = dict(unpack_chunks(joined['story']))
    extras = dict(unpack_chunks(joined['extra']))
    for canonical, story, irow in unpack_chunks(joined['stub']):
        fields = dict(extras[canonical]['fields'])
        fields['published_at'] = to_dt(fields['published_at'])
        story.update(fields)
        irow.update(fields)
        yield beam.pvalue.TaggedOutput('stories', story)
        yield beam.pvalue.TaggedOutput('index', irow)
    for aid, extra in extras.items():
        if aid in story_of:
            yield beam.pvalue.TaggedOutput('index', article_index_row(
                extra, story_of[aid]['story_id'], run_id))
    for aid, (ik, keep, old, old_story) in unpack_chunks(joined['inst']):
        if old:
            a = {'story_id': old_story, 'is_canonical': False,
                 'duplicate_of': None, 'similarity': None}
        elif aid in story_of:
            a = story_of[aid]
        else:
            continue
        yield {'instance_key': ik, 'article_id': aid, 'keep': keep,
               'story_id': a['story_id'],
               'is_canonical': bool(a['is_canonical'] and keep),
               'duplicate_of': a['duplicate_of'], 'similarity': a['similarity']}


def _batch_times(batch, pick):
    """The earliest/latest known time of a batch (``pick`` = min or max)."""
    times = [f['t'] for f in batch if f['t'] is not None]
    return [pick(times)] if times else []


class Deduplicate(beam.PTransform):
    """Article rows -> {'assignments': a PCollection, 'stories' and 'index':
    tuples of PCollections} (see module doc). The story and index rows come
    from several steps and are left apart: a step applied to each part runs
    where the part is made, while a Flatten of them would cost a pass over
    every row on the local runner (it materializes a Flatten of several
    inputs unless a grouping follows it; see pipeline.local_runner)."""

    def __init__(self, settings: DedupSettings = DedupSettings(),
                 state_path: Optional[str] = None, run_id: str = 'run'):
        super().__init__()
        self.settings, self.state_path, self.run_id = settings, state_path, run_id

    def expand(self, articles):
        s, run_id = self.settings, self.run_id
        p = articles.pipeline
        featured = (articles
                    | 'BatchRows' >> beam.BatchElements(**_BATCH)
                    | 'Features' >> beam.FlatMap(_features, s).with_outputs('keys', main='batches'))
        batches = featured.batches

        # --- the state index, read for this run's time window -------------
        since = (batches
                 | 'Times' >> beam.FlatMap(_batch_times, min)
                 | 'MinTime' >> beam.CombineGlobally(min).without_defaults()
                 | 'Since' >> beam.Map(lambda t: t - s.window_seconds))
        old = (p
               | 'StatePath' >> beam.Create([self.state_path or ''])
               | 'IndexFiles' >> beam.FlatMap(_index_files_before, run_id)
               | 'SpreadFiles' >> beam.Reshuffle()
               | 'ReadIndex' >> beam.ParDo(_ReadIndex(), since=beam.pvalue.AsSingleton(
                   since, default_value=float('inf'))))  # no new articles: read nothing
        old_articles = old | 'OldArticles' >> beam.Filter(lambda r: r['kind'] == 'article')
        old_nodes = (old
                     | 'OldStoryRows' >> beam.Filter(lambda r: r['kind'] == 'story')
                     | 'ByStory' >> beam.Map(lambda r: (r['story_id'], r))
                     | 'NewestStory' >> beam.CombinePerKey(
                         lambda rows: max(rows, key=lambda r: r.get('article_count') or 0))
                     | 'StoryNode' >> beam.Map(lambda kv: old_story_node(kv[1]))
                     | 'OldNodes' >> beam.FlatMap(_old_story_nodes).with_outputs(
                         'views', main='nodes'))
        old_bp = (old
                  | 'OldBoilerplate' >> beam.Filter(lambda r: r['kind'] == 'boilerplate')
                  | 'OldBpKV' >> beam.Map(lambda r: (r['publisher'], pack('shingles', r['shingles']))))

        # --- identity -----------------------------------------------------
        old_keys = old_articles | 'OldKeys' >> beam.FlatMap(
            lambda r: _sharded_keys([(k, ('old', r['id'], r['story_id']))
                                     for k in r.get('keys') or ()]))
        decisions = ((featured.keys, old_keys)
                     | 'AllKeys' >> beam.Flatten()
                     | 'GroupKeys' >> beam.GroupByKey()
                     | 'Linked' >> beam.FlatMap(_linked)
                     | 'AllLinked' >> beam.combiners.ToList()
                     | 'Resolve' >> beam.Map(_decide))
        identified = (_before_side_input(batches, 'HandOnBatches')
                      | 'Identity' >> beam.FlatMap(
                          _identified, beam.pvalue.AsSingleton(decisions))
                      .with_outputs('versions', 'instances', main='kept'))

        # --- boilerplate per publisher ------------------------------------
        new_bp = (identified.versions
                  | 'GroupPublisher' >> beam.GroupByKey()
                  | 'Frequent' >> beam.Map(_publisher_boilerplate, s.boilerplate_min_docs))
        bp = ((new_bp, old_bp)
              | 'AllBp' >> beam.Flatten()
              | 'GroupBp' >> beam.GroupByKey()
              | 'UnionBp' >> beam.Map(lambda kv: (kv[0], bpmod.union_versions(_unpacked(kv[1])))))
        bp_side = beam.pvalue.AsDict(bp)

        # --- signatures, buckets, candidate pairs -------------------------
        signed = (_before_side_input(identified.kept, 'HandOnKept')
                  | 'Signatures' >> beam.FlatMap(_signatures, bp_side, s)
                  .with_outputs('views', 'bands', 'extras', main='nodes'))
        # New and earlier nodes enter the joins as separate inputs: a
        # Flatten in front of a join is one more stage, which writes one
        # more copy of every record.
        pairs = ((signed.bands, old_articles | 'OldBands' >> beam.FlatMap(_old_bands))
                 | 'AllBands' >> beam.Flatten()
                 | 'GroupShards' >> beam.GroupByKey()
                 | 'ShardPairs' >> beam.FlatMap(_shard_pairs, s.bucket_cap))

        # --- verify (join both records to each pair, shard by shard) ------
        local = ({'p': pairs, 'n': signed.views, 'o': old_nodes.views}
                 | 'JoinA' >> beam.CoGroupByKey()
                 | 'VerifyLocal' >> beam.ParDo(_VerifyLocal(s), bp_side).with_outputs(
                     'shipped', 'views', main='edges'))
        shipped = ({'h': local.shipped, 'n': local.views}
                   | 'JoinB' >> beam.CoGroupByKey()
                   | 'VerifyShipped' >> beam.ParDo(_VerifyShipped(s), bp_side))
        edges = (local.edges, shipped) | 'AllEdgeLists' >> beam.Flatten()

        # --- components -> stories ---------------------------------------
        roots = (edges
                 | 'EdgesToOne' >> beam.Map(lambda e: (None, e))
                 | 'AllEdges' >> beam.GroupByKey()
                 | 'Components' >> beam.FlatMap(_components))
        by_root = ({'c': roots, 'n': signed.nodes, 'o': old_nodes.nodes}
                   | 'JoinComp' >> beam.CoGroupByKey()
                   | 'ComponentMembers' >> beam.FlatMap(_component_members)
                   | 'GroupComp' >> beam.GroupByKey())
        out = by_root | 'Stories' >> beam.ParDo(_Stories(s, run_id), bp_side).with_outputs(
            'stories', 'index', 'stubs', main='assigned')

        # --- per-instance assignments ---------------------------------------
        assignments = ({'inst': identified.instances, 'story': out.assigned,
                        'extra': signed.extras, 'stub': out.stubs}
                       | 'JoinAssign' >> beam.CoGroupByKey()
                       | 'Assign' >> beam.FlatMap(_assign, run_id).with_outputs(
                           'stories', 'index', main='rows'))

        tmax = (batches
                | 'TimesMax' >> beam.FlatMap(_batch_times, max)
                | 'MaxTime' >> beam.CombineGlobally(max).without_defaults())
        bp_rows = _before_side_input(bp, 'HandOnBp') | 'BpRows' >> beam.FlatMap(
            lambda kv, t: [boilerplate_index_row(kv[0], kv[1], t, run_id)] if len(kv[1]) else [],
            beam.pvalue.AsSingleton(tmax, default_value=0.0))
        return {'assignments': assignments.rows,
                'stories': (out.stories, assignments.stories),
                'index': (out.index, assignments.index, bp_rows)}
