"""Stories from verified pairs: components, chain breaking, canonical choice.

Pure (no Beam).  A connected component of verified pairs is only a
proposal: A~B and B~C do not make A~C.  ``split_component`` turns one
component into stories greedily: the best remaining candidate for
canonical (see ``canonical_rank``) opens a story and takes every remaining
member that verifies against *it*; the rest are split again.  So every
member of a story is verified against the story's canonical article, which
is what breaks chains.

Stories from earlier runs enter a component as one node each (their
canonical article's record, ``old=True``): they rank first, keep their
story id and canonical, and two of them are never merged; a new article
that verifies against more than one of them joins the first and is
reported as a bridge.
"""
from __future__ import annotations

import hashlib
import re
from typing import Callable, Dict, Iterable, List, Optional, Tuple

_NON_ALNUM = re.compile(r'[^a-z0-9]+')
# agency code -> publisher names (normalized) that are the agency itself.
_AGENCY_PUBLISHERS = {
    'REUTERS': {'reuters', 'thomsonreuters'},
    'AP': {'ap', 'associatedpress', 'theassociatedpress', 'apnews'},
    'AFP': {'afp', 'agencefrancepresse', 'agencefrancepress'},
    'DPA': {'dpa', 'deutschepresseagentur'},
    'BLOOMBERG': {'bloomberg', 'bloombergnews'},
    'XINHUA': {'xinhua', 'xinhuanewsagency', 'xinhuanet'},
    'PTI': {'pti', 'presstrustofindia'},
    'ANSA': {'ansa'}, 'EFE': {'efe', 'agenciaefe'}, 'KYODO': {'kyodo', 'kyodonews'},
    'YONHAP': {'yonhap', 'yonhapnewsagency'}, 'TASS': {'tass'}, 'UPI': {'upi'},
    'AAP': {'aap', 'australianassociatedpress'}, 'CP': {'canadianpress', 'thecanadianpress'},
    'ANADOLU': {'anadolu', 'anadoluagency', 'aa'}, 'APP': {'app', 'associatedpressofpakistan'},
    'BBC': {'bbc', 'bbcnews'},
}
_PUBLISHER_AGENCY = {name: code for code, names in _AGENCY_PUBLISHERS.items()
                     for name in names}


def publisher_agency(publisher: Optional[str]) -> Optional[str]:
    """Agency code when the publisher is itself a wire agency, else None."""
    if not publisher:
        return None
    key = _NON_ALNUM.sub('', publisher.lower())
    if key in _PUBLISHER_AGENCY:
        return _PUBLISHER_AGENCY[key]
    for suffix in ('news', 'wire', 'newswire', 'world', 'uk', 'us', 'india'):
        if key.endswith(suffix) and key[:-len(suffix)] in _PUBLISHER_AGENCY:
            return _PUBLISHER_AGENCY[key[:-len(suffix)]]
    return None


def is_agency_copy(publisher: Optional[str], agencies: Iterable[str] = ()) -> bool:
    """True when the article is the agency's own copy: its publisher is a
    wire agency and that agency is among the article's credited agencies
    (or no agency is credited at all: an agency's own wire rarely credits
    itself in the text)."""
    code = publisher_agency(publisher)
    if code is None:
        return False
    agencies = {a.upper() for a in (agencies or ())}
    return not agencies or code in agencies


def story_id_for(canonical_article_id: str) -> str:
    """Story id, derived from the canonical article that opened the story:
    deterministic, so re-running the same input gives the same ids."""
    return 's' + hashlib.blake2b(canonical_article_id.encode('utf-8'),
                                 digest_size=10).hexdigest()


def canonical_rank(rec: dict) -> Tuple:
    """Sort key: the smallest is the best canonical.

    Earlier-run stories first (their canonical never changes), then the
    agency's own copy, then the earliest, then the longest, then the id.
    """
    t = rec.get('t')
    return (0 if rec.get('old') else 1,
            0 if rec.get('own') else 1,
            t if t is not None else float('inf'),
            -len(rec.get('shingles') or b''),  # packed: bytes, 4 per shingle
            rec['id'])


class UnionFind:
    def __init__(self):
        self.parent: Dict = {}

    def find(self, x):
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.parent.setdefault(ra, ra)
        return ra

    def components(self) -> Dict:
        """node -> smallest node of its component (deterministic label)."""
        return {x: self.find(x) for x in list(self.parent)}


def connected_components(edges: Iterable[Tuple]) -> Dict:
    uf = UnionFind()
    for a, b in edges:
        uf.union(a, b)
    return uf.components()


def split_component(records: List[dict],
                    verify: Callable[[dict, dict], object]):
    """Stories of one component.

    ``verify(member, canonical)`` returns an object with ``ok`` and
    ``containment``.  Yields (canonical_record, [(member_record, verdict)],
    bridges) where bridges lists the ids of other earlier-run stories a
    member also verified against: [(member_id, other_story_node_id)].
    """
    remaining = sorted(records, key=canonical_rank)
    old_heads = [r for r in remaining if r.get('old')]
    while remaining:
        head = remaining.pop(0)
        members, rest, bridges = [], [], []
        for rec in remaining:
            if rec.get('old'):  # earlier stories never merge into each other
                rest.append(rec)
                continue
            verdict = verify(rec, head)
            if verdict.ok:
                members.append((rec, verdict))
                if head.get('old'):
                    for other in old_heads:
                        if other is not head and verify(rec, other).ok:
                            bridges.append((rec['id'], other['id']))
            else:
                rest.append(rec)
        remaining = rest
        yield head, members, bridges
