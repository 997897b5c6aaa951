"""Canonical article URLs (pure): the dedup stage keys on these."""
from __future__ import annotations

import functools
import re
from typing import Optional
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ('utm_', 'ga_', 'pk_', 'mtm_', 'hsa_', 'vero_', 'mc_',
                      'oly_', '_hs', 'at_', 'sc_', 'wt.', 'ns_', 'itm_',
                      'cmpid', 'ito')
_TRACKING = {
    'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'yclid', 'twclid',
    'igshid', 'mkt_tok', 'ocid', 'cmpid', 'referrer', 'ref_src', 'ref_url',
    'feedtype', 'feedname', 'smid', 'smtyp', 'spm', 'xtor', 'tracking', 'trk',
    'guccounter', 'guce_referrer', 'guce_referrer_sig', 'ncid', 'soc_src',
    'soc_trk', 'taid', '__twitter_impression', 'amp', 'outputtype', 's_cid',
    'cmpgn', 'ito', 'wt_mc', 'mbid', 'rssfeed', 'sref', 'ssm',
}
# Names that sites use for a channel label ("?ref=rss", "?source=twitter",
# "?from=homepage") and for their own ids too ("nota.php?cid=48213",
# "?source=2025031799"): dropped only with a value of no figure, since an
# id dropped makes two articles one URL, and the second is lost as a
# repeat of the first.
_CHANNEL = {
    'cid', 'source', 'src', 'ref', 'from', 'rss', 'feed', 'partner', 'share',
    'output', 'cmp', 'campaign', 'ir',
}
_AMP_SEG = re.compile(r'/(?:amp|amphtml)(?=/|$)', re.I)
_AMP_SUFFIX = re.compile(r'(?:[._-]amp|\.amp\.html?)$', re.I)
_MULTI_SLASH = re.compile(r'/{2,}')


# A guid that names itself across the web: a URI of a global scheme or a
# UUID ('news:123' or 'story:9' is a site's own numbering).
_GLOBAL_GUID = re.compile(
    r'(?i:https?|urn|tag|uuid|doi|info|ftp):\S|'
    r'\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$')


def guid_identity(guid: Optional[str], publisher: Optional[str]) -> Optional[str]:
    """What a guid identifies an article by: the guid itself when it is
    globally unique by form (a URI, a UUID), else the guid within its
    publisher. Many sites number their items ('12345', 'post-678'): two
    outlets' item 12345 are two articles, not one seen again."""
    guid = (guid or '').strip()
    if not guid:
        return None
    if _GLOBAL_GUID.match(guid):
        return guid
    return f'{(publisher or "").strip().lower()}\x1f{guid}'


def _is_tracking(key: str, value: str) -> bool:
    k = key.lower()
    return k in _TRACKING or k.startswith(_TRACKING_PREFIXES) or (
        k in _CHANNEL and not any(c.isdigit() for c in value))


# The common case, done without urllib: http(s), a plain host, a path and
# query of characters that unquote/quote leave as they are. Anything else
# (ports, user info, %-escapes, '+', other characters) takes the general path.
_SIMPLE = re.compile(
    r"(?i:(https?))://([A-Za-z0-9.-]+)(/[A-Za-z0-9/:@!$&'()*,;=._~-]*)?"
    r"(?:\?([A-Za-z0-9_.~=&-]*))?(?:#.*)?", re.S)


def _non_amp_host(host: str) -> str:
    """The page's own host for an AMP host (``amp.``, ``www.amp.``)."""
    if host.startswith('amp.'):
        return host[4:]
    if host.startswith('www.amp.'):
        return 'www.' + host[8:]
    return host


def _non_amp_path(path: str) -> str:
    """The path without AMP segments or suffixes and without a trailing
    slash (the root keeps its own)."""
    if 'amp' in path.lower():
        path = _AMP_SEG.sub('', path) or '/'
        path = _AMP_SUFFIX.sub('', path) or '/'
    if len(path) > 1 and path.endswith('/'):
        path = path.rstrip('/') or '/'
    return path


def _simple(url: str) -> Optional[str]:
    m = _SIMPLE.fullmatch(url)
    if m is None:
        return None
    scheme, host, path, query = m.groups()
    host = host.lower().rstrip('.')
    if not host:
        return None
    host = _non_amp_host(host)
    path = path or '/'
    if '//' in path:
        path = _MULTI_SLASH.sub('/', path)
    path = _non_amp_path(path)
    q = ''
    if query:
        kept = []
        for pair in query.split('&'):
            if not pair:
                continue
            k, _, v = pair.partition('=')
            if not k or '=' in v:     # parse_qsl/urlencode would change it
                return None
            if not _is_tracking(k, v):
                kept.append((k, v))
        if kept:
            kept.sort()
            q = '?' + '&'.join([k + '=' + v for k, v in kept])
    return scheme.lower() + '://' + host + path + q


@functools.lru_cache(maxsize=65536)
def canonical_url(url: Optional[str]) -> Optional[str]:
    """Canonical form of an article URL, or None when there is none.

    Lower-cases scheme and host, drops default ports, user info, fragments
    and tracking parameters (utm_*, fbclid, gclid, ...; a channel label such
    as ``ref=rss``, but not a site's id such as ``cid=48213``), turns AMP variants
    (``amp.`` hosts, ``/amp`` path segments, ``-amp`` suffixes, ``?amp=1``)
    into the plain page, removes a trailing slash (except the root) and
    sorts the remaining query parameters. Only http(s) URLs are article
    URLs: anything else (javascript:, data:, mailto:, a relative path)
    gives None.
    """
    if not url:
        return None
    url = url.strip()
    if not url:
        return None
    fast = _simple(url)
    if fast is not None:
        return fast
    if url.startswith('//'):
        url = 'https:' + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = (parts.scheme or '').lower()
    if scheme not in ('http', 'https'):
        # no web page: a relative path, or a scheme that runs or embeds
        # something where the link is rendered (javascript:, data:)
        return None
    host = (parts.hostname or '').lower().rstrip('.')
    if not host:
        return None
    host = _non_amp_host(host)
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and not ((scheme == 'http' and port == 80) or
                     (scheme == 'https' and port == 443)):
        host = f'{host}:{port}'
    path = parts.path or '/'
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    path = _MULTI_SLASH.sub('/', path)
    path = _non_amp_path(path)
    query = ''
    if parts.query:
        kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                if not _is_tracking(k, v)]
        kept.sort()
        query = urlencode(kept, doseq=True)
    return urlunsplit((scheme, host, path, query, ''))
