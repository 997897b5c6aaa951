"""A fast path for well-formed RSS 0.9x/1.0/2.0 and Atom 1.0: the same
result as feedparser, from an ElementTree parse.

feedparser reads a feed through the stdlib SAX reader and a large state
machine (``feedparser.mixin`` and ``feedparser.namespaces``) whose Python
callbacks run for every element and every chunk of text; it is the
pipeline's slowest step. ``parse`` here parses the same bytes with
``xml.etree.ElementTree`` (expat, in C) and replays the tree through a
port of that state machine, limited to the handlers feedparser 6.0.14
runs for ordinary news feeds and stripped of the work whose results we
never read (dates parsed into tuples, tags, media dictionaries, HTML
sanitizing and URI resolution, both of which we switch off anyway).

The port keeps feedparser's quirks on purpose, because the goal is the
same ``ParsedFeed`` either way: whitespace stripped, ``guid`` used as the
link only when ``isPermaLink`` is absent or exactly "true" (and an Atom
``id`` counted as a permalink), the first non-empty title of an entry
winning over later ones, a second ``description`` (or a media caption
after one) becoming content, the "UTF-8 read as Latin-1" repair and the
Windows-1252 control-character mapping applied to every text value, an
Atom author shown as "name (email)", ``dc:date`` read as the update date,
elements inside a text field written back out as XHTML (and an Atom
XHTML ``<div>`` unwrapped), and so on.

Whenever it is not sure it returns None and the caller uses feedparser:
XML that expat rejects, a DOCTYPE left in the document, a root or
version outside RSS 0.9x/1.0/2.0 and Atom 1.0, a ``<div>`` inside
escaped-HTML text, elements inside XML (non-XHTML) content, content
types feedparser would base64-decode, namespace prefixes bound in ways
that make feedparser's element names depend on document order, CDF
attributes, any element feedparser has a handler for that is not ported
(GML, ``<where>``, Podlove chapters, Creative Commons licences, ...),
children inside elements whose handlers expect none, a date feedparser's
own date parser would crash on, and any exception. The differential tests
(tests/formats/test_fastxml_equivalence.py) hold the two paths to equal
results on the fixtures, the samples, a generated corpus and random
documents made of feedparser's special cases.

ElementTree's expat, like the SAX reader's, neither fetches external
entities nor DTDs; ``safety.check_entities`` has already refused entity
declarations, and a document that still has a DOCTYPE falls back.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Optional
from xml.sax.saxutils import escape as _escape

import feedparser
from feedparser.api import StrictFeedParser
from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.namespaces.georss import (_parse_georss_box,
                                          _parse_georss_line,
                                          _parse_georss_point,
                                          _parse_georss_polygon)
from feedparser.sanitizer import replace_doctype
from feedparser.urls import _urljoin as _fp_urljoin
from feedparser.urls import make_safe_absolute_uri

#: The feedparser release whose behaviour this module reproduces; with any
#: other version the fast path stays off.
FEEDPARSER_VERSION = '6.0.14'
ENABLED = feedparser.__version__ == FEEDPARSER_VERSION

#: feedparser versions the fast path may return (others fall back).
VERSIONS = frozenset(('rss090', 'rss091n', 'rss091u', 'rss092', 'rss093',
                      'rss094', 'rss10', 'rss20', 'rss', 'atom10'))


class Fallback(Exception):
    """The fast path cannot vouch for this document."""


# namespace URI (lower case) -> feedparser's prefix ('' for RSS/Atom)
_MATCH = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}
_STD_PREFIXES = {v.lower() for v in _MATCH.values() if v}
_XLINK = 'http://www.w3.org/1999/xlink'
_REFUSED_NS = {'http://www.w3.org/1998/math/mathml', 'http://www.w3.org/2000/svg'}

# every element handler feedparser has, by name ('dc_creator', 'title');
# names with capitals can never be called (tags are lower-cased)
_FP_START = {n[7:] for n in dir(StrictFeedParser)
             if n.startswith('_start_') and n == n.lower()}
_FP_END = {n[5:] for n in dir(StrictFeedParser)
           if n.startswith('_end_') and n == n.lower()}

_KEYMAP = {'channel': 'feed', 'items': 'entries', 'guid': 'id',
           'date': 'updated', 'date_parsed': 'updated_parsed',
           'description': 'summary', 'description_detail': 'summary_detail',
           'url': 'href', 'modified': 'updated',
           'modified_parsed': 'updated_parsed', 'issued': 'published',
           'issued_parsed': 'published_parsed', 'copyright': 'rights',
           'copyright_detail': 'rights_detail', 'tagline': 'subtitle',
           'tagline_detail': 'subtitle_detail'}
assert {k: (v[0] if isinstance(v, list) else v)
        for k, v in feedparser.FeedParserDict.keymap.items()} == _KEYMAP or not ENABLED

# keys whose values feedparser's handlers use as structures; an unknown
# element stored under one of them would make feedparser trip over it
_STRUCTURAL_KEYS = frozenset((
    'links', 'authors', 'contributors', 'tags', 'author_detail',
    'publisher_detail', 'generator_detail', 'title_detail', 'summary_detail',
    'content', 'image', 'textinput', 'source', 'where', 'license',
    'media_thumbnail', 'media_content', 'media_credit', 'media_rating',
    'media_restriction', 'media_license', 'media_player', 'cloud'))

_CAN_BE_RELATIVE = frozenset(_FeedParserMixin.can_be_relative_uri)
_HTML_TYPES = frozenset(_FeedParserMixin.html_types)
_COPY_TO_SUMMARY = frozenset({'text/plain'} | _HTML_TYPES)
_URIFIXER = re.compile('^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)')
_AMP_ENTITY = re.compile('&([A-Za-z0-9_]+);')
_C1 = re.compile('[\x80-\x9f]')
# a document whose bytes hold no U+0080-U+009F (nor a reference to one)
# has none in any text value, even after the Latin-1 repair (which could
# only make one from a U+00C2 followed by one)
_C1_UTF8 = re.compile(rb'\xc2[\x80-\x9f]')
_C1_REF = re.compile(rb'&#(?:x0*[89][0-9a-fA-F]|0*1(?:2[89]|[3-5][0-9]));')
_FIRST_TAG = re.compile(rb'<\w')


def _has_c1(data: bytes) -> bool:
    return ((b'\xc2' in data and _C1_UTF8.search(data) is not None)
            or (b'&#' in data and _C1_REF.search(data) is not None))


def _replace_doctype(data: bytes):
    """feedparser's replace_doctype, without copying the document when
    its prolog has neither a DOCTYPE nor an ENTITY (it then changes
    nothing)."""
    m = _FIRST_TAG.search(data)
    head = data[:m.start() + 1] if m else data
    if b'<!DOCTYPE' in head or b'<!ENTITY' in head:
        return replace_doctype(data)
    return None, data, {}
_EMAIL = re.compile(r'''(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?''')
_ROOT_NAME = re.compile(rb'<[^\s/>]+')
_ROOT_ATTR = re.compile(rb'\s+([^\s=>/]+)\s*=\s*(?:"[^"]*"|\'[^\']*\')')
_RSS_VERSIONS = {'0.91': 'rss091u', '0.92': 'rss092', '0.93': 'rss093',
                 '0.94': 'rss094'}
_ATOM_VERSIONS = {'0.1': 'atom01', '0.2': 'atom02', '0.3': 'atom03'}
# elements that may have child elements (anything else with a handler and
# children falls back: its handlers use the context dict at start and end)
_CONTAINERS = frozenset(('rss', 'channel', 'feed', 'item', 'entry', 'image',
                         'textinput', 'author', 'contributor', 'source',
                         'media_group', 'media_content', 'itunes_owner',
                         'itunes_category',
                         # text fields: their elements are inline markup
                         'title', 'description', 'summary', 'content',
                         'content_encoded', 'fullitem', 'body', 'xhtml_body',
                         'subtitle', 'tagline', 'rights', 'copyright', 'info',
                         'feedburner_browserfriendly', 'abstract', 'dc_title',
                         'dc_description', 'dc_rights', 'media_title',
                         'media_description', 'itunes_subtitle',
                         'itunes_summary'))
_XHTML = 'application/xhtml+xml'


def _urljoin(base: str, uri: str) -> str:
    """feedparser's ``_urljoin``; the base is empty unless the document
    sets ``xml:base`` (no Content-Location is passed to feedparser)."""
    if not base:
        # urljoin('', uri) is uri; the fixer only drops slashes after '://'
        return _URIFIXER.sub(r'\1\3', uri) if ':///' in uri else uri
    return _fp_urljoin(base, uri)


def _map_content_type(content_type):
    content_type = content_type.lower()
    if content_type in ('text', 'plain'):
        return 'text/plain'
    if content_type == 'html':
        return 'text/html'
    if content_type == 'xhtml':
        return 'application/xhtml+xml'
    return content_type


def _enforce_href(attrs_d: dict) -> dict:
    href = attrs_d.get('url', attrs_d.get('uri', attrs_d.get('href', None)))
    if href:
        attrs_d.pop('url', None)
        attrs_d.pop('uri', None)
        attrs_d['href'] = href
    return attrs_d


def _strip_div(pieces):
    """feedparser's pop(): Atom XHTML content loses its enclosing <div>
    when everything else is inside it."""
    while pieces and len(pieces) > 1 and not pieces[-1].strip():
        del pieces[-1]
    while pieces and len(pieces) > 1 and not pieces[0].strip():
        del pieces[0]
    if pieces and (pieces[0] == '<div>' or pieces[0].startswith('<div ')) \
            and pieces[-1] == '</div>':
        depth = 0
        for piece in pieces[:-1]:
            if piece.startswith('</'):
                depth -= 1
                if depth == 0:
                    break
            elif piece.startswith('<') and not piece.endswith('/>'):
                depth += 1
        else:
            pieces = pieces[1:-1]
    return pieces


def _check_date(value) -> None:
    """feedparser parses every date it reads; its Perforce-style parser
    raises IndexError on some strings with slashes ('Fri, 2006/79/15 ...'),
    which makes feedparser.parse fail. Those few fall back, so that the
    failure is feedparser's own."""
    if value and '/' in value:
        try:
            _parse_date(value)
        except Exception:
            raise Fallback('date feedparser cannot parse') from None


def _root_declarations(data: bytes) -> Optional[int]:
    """How many namespace declarations the root start tag makes (the SAX
    reader reports them before the root element), or None if the prolog
    still holds a DOCTYPE. ``data`` is well-formed (expat read it)."""
    i, n = 0, len(data)
    while i < n:
        if data[i] in b' \t\r\n':
            i += 1
        elif data.startswith(b'<?', i):
            i = data.index(b'?>', i) + 2
        elif data.startswith(b'<!--', i):
            i = data.index(b'-->', i) + 3
        elif data.startswith(b'<!', i):
            return None  # a DOCTYPE replace_doctype left in place
        else:
            break
    pos, count = _ROOT_NAME.match(data, i).end(), 0
    while True:
        a = _ROOT_ATTR.match(data, pos)
        if not a:
            return count
        name = a.group(1)
        if name == b'xmlns' or name.startswith(b'xmlns:'):
            count += 1
        pos = a.end()


def parse(data: bytes, baselang: Optional[str] = None) -> Optional[dict]:
    """feedparser's result (``version``, ``feed``, ``entries``, ``bozo``)
    for ``data`` -- UTF-8 bytes with a UTF-8 XML declaration, as
    ``feed._parse_xml`` hands them to feedparser -- or None when the
    fast path is not sure and feedparser must read the document.
    ``baselang`` is the Content-Language header passed to feedparser."""
    if not ENABLED:
        return None
    doctype_version, data, entities = _replace_doctype(data)
    if entities:
        return None
    parser = ET.XMLPullParser(events=('start-ns',))
    try:
        parser.feed(data)
        root = parser._close_and_return_root()
        # feed() queues a syntax error (an undefined entity such as
        # &nbsp; after an external DOCTYPE) as an event: it is raised here
        declarations = [event[1] for event in parser.read_events()]
    except ET.ParseError:
        return None
    try:
        nroot = _root_declarations(data)
        if nroot is None:
            return None
        state = _State(baselang, _has_c1(data))
        state.run(root, declarations, nroot)
    except (Fallback, RecursionError):
        return None
    except Exception:  # a port mismatch must not fail the pipeline
        return None
    version = doctype_version or state.version
    if version not in VERSIONS:
        return None
    return {'bozo': False, 'version': version, 'feed': state.feeddata,
            'entries': state.entries}


class _State:
    """feedparser's ``_FeedParserMixin`` state, driven by an element tree.

    Method names and bodies follow feedparser 6.0.14 (mixin.py,
    namespaces/_base.py, dc.py, itunes.py, mediarss.py, cc.py);
    what is left out only ever writes keys nobody reads here.
    """

    def __init__(self, baselang: Optional[str], c1: bool = True):
        self.c1 = c1  # the document may have U+0080-U+009F in its text
        self.feeddata = {}
        self.entries = []
        self.version = ''
        self.lang = baselang
        if baselang:
            self.feeddata['language'] = baselang.replace('_', '-')
        self.infeed = self.inentry = self.incontent = 0
        self.intextinput = self.inimage = self.inauthor = 0
        self.incontributor = self.inpublisher = self.insource = 0
        self.sourcedata = {}
        self.contentparams = {}
        self._summaryKey = None
        self.elementstack = []
        self.langstack = []
        self.baseuri = ''
        self.basestack = []
        self.joined = {}
        self.title_depth = -1
        self.depth = 0
        self.hasContent = 0
        self.guidislink = 0
        self.depth_map = {}  # the current entry's property_depth_map
        self.names = {}      # ElementTree tag -> (feedparser tag, info)
        self.namespacemap = {}
        self.namespaces_in_use = {}
        self.attr_prefixes = {'http://www.w3.org/XML/1998/namespace': 'xml'}

    # ------------------------------------------------------------ driving

    def run(self, root, declarations, nroot: int) -> None:
        self._namespaces(declarations)
        for prefix, uri in declarations[:nroot]:
            self._track_version(prefix or None, uri)
        self._walk(root, True)
        if not self.version:
            for prefix, uri in declarations[nroot:]:
                self._track_version(prefix or None, uri)

    def _namespaces(self, declarations) -> None:
        """feedparser's track_namespace for every declaration, refusing the
        documents where its element names would depend on the order in
        which elements and declarations come."""
        bound = {}       # document prefix -> uri
        unknown = {}     # unknown uri -> names it is bound to
        prefixes = self.attr_prefixes
        for prefix, uri in declarations:
            if prefix and uri:
                # an attribute's qname needs its one prefix (None: several)
                prefixes[uri] = prefix if prefixes.get(uri, prefix) == prefix \
                    else None
            if not uri:
                continue
            if ' ' in uri or '}' in uri or any(c.isspace() for c in uri):
                raise Fallback('namespace URI with spaces')
            prefix = prefix or None
            if prefix and uri == _XLINK:
                raise Fallback('xlink declaration')
            # the default namespace may change (feedparser never names an
            # element after it); a prefix may not
            if prefix and bound.setdefault(prefix, uri) != uri:
                raise Fallback(f'prefix {prefix!r} bound twice')
            loweruri = uri.lower()
            if loweruri in _REFUSED_NS:
                raise Fallback('MathML/SVG namespace')
            if 'backend.userland.com/rss' in loweruri:
                uri = loweruri = 'http://backend.userland.com/rss'
            if loweruri in _MATCH:
                std = _MATCH[loweruri]
                if prefix:
                    self.namespacemap[prefix] = std
                if std and self.namespaces_in_use.setdefault(std, uri) != uri:
                    raise Fallback('namespace in use twice')
            else:
                unknown.setdefault(uri, set()).add(prefix or '')
                if len(unknown[uri]) > 1:
                    raise Fallback('unknown namespace under two names')
                if prefix and self.namespaces_in_use.setdefault(prefix, uri) != uri:
                    raise Fallback('namespace in use twice')
        if self.namespacemap.get('rdf', 'rdf') != 'rdf':
            raise Fallback('rdf prefix renamed')

    def _track_version(self, prefix, uri) -> None:
        if self.version or not uri:
            return
        loweruri = uri.lower()
        if (prefix, loweruri) == (None, 'http://my.netscape.com/rdf/simple/0.9/'):
            self.version = 'rss090'
        elif loweruri == 'http://purl.org/rss/1.0/':
            self.version = 'rss10'
        elif loweruri == 'http://www.w3.org/2005/atom':
            self.version = 'atom10'

    def _name(self, tag: str):
        """feedparser's element name for an ElementTree tag, and how its
        handlers treat it: (tag, method name, unprefixed, start, end)."""
        if tag[0] == '{':
            uri, local = tag[1:].split('}', 1)
            lower = uri.lower()
            if 'backend.userland.com/rss' in lower:
                uri = lower = 'http://backend.userland.com/rss'
            prefix = _MATCH.get(lower)
            if prefix is None:
                prefix = ''
                for name, value in self.namespaces_in_use.items():
                    if name and value == uri:
                        prefix = name
                        break
            fptag = (prefix + ':' + local if prefix else local).lower()
        else:
            fptag = tag.lower()
        if ':' in fptag:
            prefix, suffix = fptag.split(':', 1)
        else:
            prefix, suffix = '', fptag
        if self.namespacemap.get(prefix, prefix) != prefix:
            # feedparser renames the prefix once it has seen the declaration
            raise Fallback(f'<{fptag}>: prefix names another namespace')
        method = prefix + '_' + suffix if prefix else suffix
        start = _START.get(method)
        end = _END.get(method)
        if (start is None and method in _FP_START) or (
                end is None and method in _FP_END):
            start = end = _refuser(f'<{fptag}> (feedparser handles it, the '
                                   f'fast path does not)')
        elif start is None and _KEYMAP.get(method, method) in _UNKNOWN_REFUSED:
            # feedparser would store an unknown element under a key its
            # handlers use (or ours read) as a structure
            start = end = _refuser(f'unknown element <{fptag}>')
        unprefixed = not prefix
        info = (fptag, method, start, end,
                method in _CONTAINERS or (start is None and end is None),
                # feedparser's "special hack" for empty textinput/image
                unprefixed and fptag not in ('title', 'link', 'description',
                                             'name'),
                unprefixed and fptag not in ('title', 'link', 'description',
                                             'url', 'href', 'width', 'height'),
                fptag in ('feed', 'rss'))
        self.names[tag] = info
        return info

    def _walk(self, el, root=False) -> None:
        """feedparser's unknown_starttag, the element's text and children,
        then its unknown_endtag (mixin.py), for one element."""
        info = self.names.get(el.tag) or self._name(el.tag)
        if self.incontent:
            return self._inline(el, info)
        tag, method, start, end, container, reset_textinput, reset_image, \
            feed_root = info
        if feed_root and not root:
            raise Fallback('nested feed root')
        has_children = len(el)
        attrib = el.attrib
        if not (has_children or attrib or self.baseuri or feed_root):
            # a leaf without attributes and no xml:base in force: the same
            # steps, less the base and language stacks, which it would
            # leave as they were
            self.depth += 1
            if reset_textinput:
                self.intextinput = 0
            if reset_image:
                self.inimage = 0
            if start is not None:
                start(self, {})
            else:
                self.elementstack.append([method, 1, []])
            text = el.text
            if text and self.elementstack:
                self._data(text)
            if end is not None:
                end(self)
            else:
                self.pop(method)
            if self.incontent:
                raise Fallback('unbalanced content')
            self.lang = self.langstack[-1]
            self.depth -= 1
            return
        if has_children and not container:
            raise Fallback(f'children inside <{tag}>')

        # unknown_starttag
        attrs_d, lang = self._open_scope(attrib)
        if lang and feed_root:
            self.feeddata['language'] = lang.replace('_', '-')
        if reset_textinput:
            self.intextinput = 0
        if reset_image:
            self.inimage = 0
        if start is not None:
            start(self, attrs_d)
        elif not attrs_d:
            self.elementstack.append([method, 1, []])
        else:
            self._set(self._get_context(), method, attrs_d)

        stack = self.elementstack
        text = el.text
        if text and stack:
            self._data(text)
        if has_children:
            walk = self._walk
            for child in el:
                walk(child)
                text = child.tail
                if text and stack:
                    self._data(text)

        # unknown_endtag
        if end is not None:
            end(self)
        else:
            self.pop(method)
        if self.incontent:
            raise Fallback('unbalanced content')
        self._close_scope()

    def _data(self, text) -> None:
        """handle_data: text goes to the innermost open element; inside
        XHTML content it is escaped."""
        if self.incontent and self.contentparams.get('type') == _XHTML:
            text = _escape(text)
        self.elementstack[-1][2].append(text)

    def _inline(self, el, info) -> None:
        """An element inside a text field: feedparser writes it back out
        as markup (unknown_starttag/unknown_endtag's "inline content"),
        turning escaped-HTML content into XHTML at the first element."""
        tag, method = info[0], info[1]
        local = tag.split(':', 1)[1] if ':' in tag else tag
        if info[7] or local == 'svg':
            raise Fallback(f'<{tag}> inside a text field')
        attrs_d, _ = self._open_scope(el.attrib)
        contentparams = self.contentparams
        if not contentparams.get('type', 'xml').endswith('xml'):
            if tag in ('xhtml:div', 'div'):
                # feedparser skips it, and on the way out skips the end of
                # its own bookkeeping too
                raise Fallback('<div> inside escaped-HTML content')
            contentparams['type'] = _XHTML
        if contentparams.get('type') != _XHTML:
            raise Fallback('elements inside XML content')
        stack = self.elementstack
        if stack:
            stack[-1][2].append('<%s%s>' % (local, ''.join(
                ' %s="%s"' % (k, _escape(v, {'"': '&quot;'}))
                for k, v in attrs_d.items())))
        text = el.text
        if text and stack:
            self._data(text)
        for child in el:
            self._walk(child)
            text = child.tail
            if text and stack:
                self._data(text)
        if method in _FP_END:
            raise Fallback(f'</{tag}> has a feedparser handler')
        if stack and stack[-1][0] == method:
            raise Fallback(f'</{tag}> would close a text field')
        if self.incontent and self.contentparams.get('type') == _XHTML:
            if stack:
                stack[-1][2].append('</%s>' % tag.split(':')[-1])
        else:
            raise Fallback('inline markup state lost')
        self._close_scope()

    def _open_scope(self, attrib):
        """unknown_starttag's bookkeeping: one level deeper, the attributes
        as feedparser's attrs_d, xml:base and xml:lang in force pushed.
        Returns (attrs_d, language)."""
        self.depth += 1
        if attrib:
            attrs_d = self._attributes(attrib)
            base = attrs_d.get('xml:base', attrs_d.get('base'))
            if base or self.baseuri:
                self._set_base(base)
            lang = attrs_d.get('xml:lang', attrs_d.get('lang'))
            if lang == '':
                lang = None
            elif lang is None:
                lang = self.lang
        else:
            attrs_d = {}
            if self.baseuri:
                self._set_base(None)
            lang = self.lang
        self.basestack.append(self.baseuri)
        self.lang = lang
        self.langstack.append(lang)
        return attrs_d, lang

    def _close_scope(self) -> None:
        """unknown_endtag's bookkeeping: the enclosing xml:base and
        xml:lang back in force, one level up."""
        basestack = self.basestack
        basestack.pop()
        if basestack and basestack[-1]:
            self.baseuri = basestack[-1]
        langstack = self.langstack
        langstack.pop()
        if langstack:
            self.lang = langstack[-1]
        self.depth -= 1

    def _attributes(self, attrib) -> dict:
        """feedparser's attrs_d: names lower-cased, an attribute in a
        namespace under feedparser's prefix for it ('' if it has none) and
        under the document's prefix (the SAX qname), the values of rel and
        type lower-cased."""
        attrs = {}
        for key, value in attrib.items():
            if key[0] == '{':
                uri, local = key[1:].split('}', 1)
                prefix = _MATCH.get(uri.lower(), '')
                if prefix:
                    local = prefix + ':' + local
                attrs[local.lower()] = value
            else:
                attrs[key.lower()] = value
        for key, value in attrib.items():
            # the SAX reader's qname: the document's own prefix
            if key[0] == '{':
                uri, local = key[1:].split('}', 1)
                prefix = self.attr_prefixes.get(uri)
                if prefix is None:
                    raise Fallback('attribute prefix not known for sure')
                key = prefix + ':' + local
            attrs[key.lower()] = value
        for key in ('rel', 'type'):
            if key in attrs:
                attrs[key] = attrs[key].lower()
        if 'xmlns' in attrs or any(k.startswith('xmlns:') for k in attrs):
            raise Fallback('xmlns-like attribute')
        return attrs

    def _set_base(self, base) -> None:
        """feedparser's xml:base tracking (unknown_starttag)."""
        baseuri = base or self.baseuri
        if self.baseuri:
            key = (self.baseuri, baseuri)
            joined = self.joined.get(key)
            if joined is None:
                joined = self.joined[key] = make_safe_absolute_uri(*key)
            self.baseuri = joined or self.baseuri
        else:
            self.baseuri = _urljoin(self.baseuri, baseuri)

    # ------------------------------------------------------- feedparser core

    @staticmethod
    def _set(context: dict, key: str, value) -> None:
        context[_KEYMAP.get(key, key)] = value

    def push(self, element, expecting_text) -> None:
        self.elementstack.append([element, expecting_text, []])

    def pop(self, element, strip_whitespace=1):
        stack = self.elementstack
        if not stack or stack[-1][0] != element:
            return None
        element, expecting_text, pieces = stack.pop()
        if self.contentparams.get('type', 'text') == _XHTML:
            if not self.version:
                raise Fallback('XHTML before the version is known')
            if self.version == 'atom10':
                pieces = _strip_div(pieces)
        output = ''.join(pieces)
        if strip_whitespace:
            output = output.strip()
        if not expecting_text:
            return output
        if element in _CAN_BE_RELATIVE and output:
            if not element == 'id' or self.guidislink:
                output = _urljoin(self.baseuri, output)
        if not output.isascii():
            # feedparser: text that is UTF-8 read as Latin-1 is repaired,
            # then Windows-1252 codes in U+0080-U+009F are mapped
            try:
                output = output.encode('iso-8859-1').decode('utf-8')
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
            if self.c1 and _C1.search(output):
                output = output.translate(_cp1252)
        if element in ('category', 'tags', 'itunes_keywords'):
            return output
        if element == 'title' and -1 < self.title_depth <= self.depth:
            return output

        if self.inentry and not self.insource:
            entry = self.entries[-1]
            if element == 'content':
                contentparams = dict(self.contentparams)
                contentparams['value'] = output
                entry.setdefault('content', []).append(contentparams)
            elif element == 'link':
                if not self.inimage:
                    if '&' in output:
                        output = output.replace('&amp;', '&')
                        output = _AMP_ENTITY.sub(r'&\g<1>', output)
                    entry['link'] = output
                    if output:
                        entry['links'][-1]['href'] = output
            else:
                if element == 'description':
                    element = 'summary'
                old_value_depth = self.depth_map.get(element)
                if old_value_depth is None or self.depth <= old_value_depth:
                    self.depth_map[element] = self.depth
                    entry[_KEYMAP.get(element, element)] = output
                if self.incontent:
                    contentparams = dict(self.contentparams)
                    contentparams['value'] = output
                    self._set(entry, element + '_detail', contentparams)
        elif self.infeed or self.insource:
            context = self._get_context()
            if element == 'description':
                element = 'subtitle'
            self._set(context, element, output)
            if element == 'link':
                if '&' in output:
                    output = _AMP_ENTITY.sub(r'&\g<1>', output)
                context[element] = output
                context['links'][-1]['href'] = output
            elif self.incontent:
                contentparams = dict(self.contentparams)
                contentparams['value'] = output
                self._set(context, element + '_detail', contentparams)
        return output

    def push_content(self, tag, attrs_d, default_content_type, expecting_text):
        self.incontent += 1
        if self.lang:
            self.lang = self.lang.replace('_', '-')
        content_type = _map_content_type(attrs_d.get('type', default_content_type))
        if attrs_d.get('mode', '') == 'base64' or not (
                content_type.startswith('text/') or content_type.endswith('+xml')
                or content_type.endswith('/xml')):
            raise Fallback('base64 content')
        self.contentparams = {'type': content_type, 'language': self.lang,
                              'base': self.baseuri}
        self.push(tag, expecting_text)

    def pop_content(self, tag):
        value = self.pop(tag)
        self.incontent -= 1
        self.contentparams.clear()
        return value

    def _get_context(self) -> dict:
        if self.insource:
            return self.sourcedata
        if self.inimage and 'image' in self.feeddata:
            return self.feeddata['image']
        if self.intextinput:
            return self.feeddata['textinput']
        if self.inentry:
            return self.entries[-1]
        return self.feeddata

    def _save(self, key, value, overwrite=False) -> None:
        context = self._get_context()
        if overwrite:
            self._set(context, key, value)
        else:
            context.setdefault(key, value)

    def _save_author(self, key, value, prefix='author') -> None:
        context = self._get_context()
        context.setdefault(prefix + '_detail', {})
        context[prefix + '_detail'][key] = value
        self._sync_author_detail()
        context.setdefault('authors', [{}])
        context['authors'][-1][key] = value

    def _save_contributor(self, key, value) -> None:
        context = self._get_context()
        context.setdefault('contributors', [{}])
        context['contributors'][-1][key] = value

    def _sync_author_detail(self, key='author') -> None:
        context = self._get_context()
        detail = context.get('%ss' % key, [{}])[-1]
        if detail:
            name = detail.get('name')
            email = detail.get('email')
            if name and email:
                context[key] = '%s (%s)' % (name, email)
            elif name:
                context[key] = name
            elif email:
                context[key] = email
        else:
            author, email = context.get(key), None
            if not author:
                return
            emailmatch = _EMAIL.search(author)
            if emailmatch:
                email = emailmatch.group(0)
                author = author.replace(email, '')
                author = author.replace('()', '')
                author = author.replace('<>', '')
                author = author.replace('&lt;&gt;', '')
                author = author.strip()
                if author and (author[0] == '('):
                    author = author[1:]
                if author and (author[-1] == ')'):
                    author = author[:-1]
                author = author.strip()
            if author or email:
                context.setdefault('%s_detail' % key, detail)
            if author:
                detail['name'] = author
            if email:
                detail['email'] = email

    def _add_tag(self) -> None:
        self._get_context().setdefault('tags', [])

    # ------------------------------------------------------------ handlers

    def _start_rss(self, attrs_d):
        if not self.version or not self.version.startswith('rss'):
            attr_version = attrs_d.get('version', '')
            version = _RSS_VERSIONS.get(attr_version)
            if version:
                self.version = version
            elif attr_version.startswith('2.'):
                self.version = 'rss20'
            else:
                self.version = 'rss'

    def _start_channel(self, attrs_d):
        self.infeed = 1
        self._cdf_common(attrs_d)

    @staticmethod
    def _cdf_common(attrs_d):
        if 'lastmod' in attrs_d or 'href' in attrs_d:
            raise Fallback('CDF attributes')

    def _start_feed(self, attrs_d):
        self.infeed = 1
        if not self.version:
            self.version = _ATOM_VERSIONS.get(attrs_d.get('version')) or 'atom'

    def _end_channel(self):
        self.infeed = 0

    def _start_image(self, attrs_d):
        context = self._get_context()
        if not self.inentry:
            context.setdefault('image', {})
        self.inimage = 1
        self.title_depth = -1
        self.push('image', 0)

    def _end_image(self):
        self.pop('image')
        self.inimage = 0

    def _start_textinput(self, attrs_d):
        context = self._get_context()
        context.setdefault('textinput', {})
        self.intextinput = 1
        self.title_depth = -1
        self.push('textinput', 0)

    def _end_textinput(self):
        self.pop('textinput')
        self.intextinput = 0

    def _start_author(self, attrs_d):
        self.inauthor = 1
        self.push('author', 1)
        context = self._get_context()
        context.setdefault('authors', [])
        context['authors'].append({})

    def _end_author(self):
        self.pop('author')
        self.inauthor = 0
        self._sync_author_detail()

    def _start_contributor(self, attrs_d):
        self.incontributor = 1
        context = self._get_context()
        context.setdefault('contributors', [])
        context['contributors'].append({})
        self.push('contributor', 0)

    def _end_contributor(self):
        self.pop('contributor')
        self.incontributor = 0

    def _start_name(self, attrs_d):
        self.push('name', 0)

    def _end_name(self):
        value = self.pop('name')
        if self.inpublisher:
            self._save_author('name', value, 'publisher')
        elif self.inauthor:
            self._save_author('name', value)
        elif self.incontributor:
            self._save_contributor('name', value)
        elif self.intextinput:
            context = self._get_context()
            context['name'] = value

    def _start_width(self, attrs_d):
        self.push('width', 0)

    def _end_width(self):
        self._dimension('width')

    def _start_height(self, attrs_d):
        self.push('height', 0)

    def _end_height(self):
        self._dimension('height')

    def _dimension(self, key):
        value = self.pop(key)
        try:
            value = int(value)
        except ValueError:
            value = 0
        if self.inimage:
            self._get_context()[key] = value

    def _start_url(self, attrs_d):
        self.push('href', 1)

    def _end_url(self):
        value = self.pop('href')
        if self.inauthor:
            self._save_author('href', value)
        elif self.incontributor:
            self._save_contributor('href', value)

    def _start_email(self, attrs_d):
        self.push('email', 0)

    def _end_email(self):
        value = self.pop('email')
        if self.inpublisher:
            self._save_author('email', value, 'publisher')
        elif self.inauthor:
            self._save_author('email', value)
        elif self.incontributor:
            self._save_contributor('email', value)

    def _start_subtitle(self, attrs_d):
        self.push_content('subtitle', attrs_d, 'text/plain', 1)

    def _end_subtitle(self):
        self.pop_content('subtitle')

    def _start_rights(self, attrs_d):
        self.push_content('rights', attrs_d, 'text/plain', 1)

    def _end_rights(self):
        self.pop_content('rights')

    def _start_item(self, attrs_d):
        self.entries.append({})
        self.depth_map = {}
        self.push('item', 0)
        self.inentry = 1
        self.guidislink = 0
        self.title_depth = -1
        id_ = attrs_d.get(self.namespacemap.get('rdf', 'rdf') + ':about')
        if id_:
            context = self._get_context()
            context['id'] = id_
        self._cdf_common(attrs_d)

    def _end_item(self):
        self.pop('item')
        self.inentry = 0
        self.hasContent = 0

    def _start_language(self, attrs_d):
        self.push('language', 1)

    def _end_language(self):
        self.lang = self.pop('language')

    def _start_webmaster(self, attrs_d):
        self.push('publisher', 1)

    def _end_webmaster(self):
        self.pop('publisher')
        self._sync_author_detail('publisher')

    def _start_published(self, attrs_d):
        self.push('published', 1)

    def _end_published(self):
        _check_date(self.pop('published'))
        self._get_context()

    def _start_updated(self, attrs_d):
        self.push('updated', 1)

    def _end_updated(self):
        _check_date(self.pop('updated'))
        self._get_context()

    def _start_created(self, attrs_d):
        self.push('created', 1)

    def _end_created(self):
        _check_date(self.pop('created'))
        self._get_context()

    def _start_expirationdate(self, attrs_d):
        self.push('expired', 1)

    def _end_expirationdate(self):
        _check_date(self.pop('expired'))
        self._get_context()

    def _start_category(self, attrs_d):
        self._add_tag()
        self.push('category', 1)

    def _end_category(self):
        value = self.pop('category')
        if not value:
            return
        self._get_context()['tags']

    def _start_cloud(self, attrs_d):
        self._get_context()['cloud'] = attrs_d

    def _start_link(self, attrs_d):
        attrs_d.setdefault('rel', 'alternate')
        if attrs_d['rel'] == 'self':
            attrs_d.setdefault('type', 'application/atom+xml')
        else:
            attrs_d.setdefault('type', 'text/html')
        context = self._get_context()
        attrs_d = _enforce_href(attrs_d)
        if 'href' in attrs_d:
            attrs_d['href'] = _urljoin(self.baseuri, attrs_d['href'])
        expecting_text = self.infeed or self.inentry or self.insource
        context.setdefault('links', [])
        if not (self.inentry and self.inimage):
            context['links'].append(dict(attrs_d))
        if 'href' in attrs_d:
            if (attrs_d.get('rel') == 'alternate'
                    and _map_content_type(attrs_d.get('type')) in _HTML_TYPES):
                context['link'] = attrs_d['href']
        else:
            self.push('link', expecting_text)

    def _end_link(self):
        self.pop('link')

    def _start_guid(self, attrs_d):
        self.guidislink = (attrs_d.get('ispermalink', 'true') == 'true')
        self.push('id', 1)

    def _end_guid(self):
        value = self.pop('id')
        self._save('guidislink', self.guidislink and 'link' not in self._get_context())
        if self.guidislink:
            self._save('link', value)

    def _start_title(self, attrs_d):
        self.push_content('title', attrs_d, 'text/plain',
                          self.infeed or self.inentry or self.insource)

    def _end_title(self):
        value = self.pop_content('title')
        if not value:
            return
        self.title_depth = self.depth

    def _start_description(self, attrs_d):
        context = self._get_context()
        if 'summary' in context and not self.hasContent:
            self._summaryKey = 'content'
            self._start_content(attrs_d)
        else:
            self.push_content('description', attrs_d, 'text/html',
                              self.infeed or self.inentry or self.insource)

    def _start_abstract(self, attrs_d):
        self.push_content('description', attrs_d, 'text/plain',
                          self.infeed or self.inentry or self.insource)

    def _end_description(self):
        if self._summaryKey == 'content':
            self._end_content()
        else:
            self.pop_content('description')
        self._summaryKey = None

    def _start_info(self, attrs_d):
        self.push_content('info', attrs_d, 'text/plain', 1)

    def _end_info(self):
        self.pop_content('info')

    def _start_generator(self, attrs_d):
        if attrs_d:
            attrs_d = _enforce_href(attrs_d)
            if 'href' in attrs_d:
                attrs_d['href'] = _urljoin(self.baseuri, attrs_d['href'])
        self._get_context()['generator_detail'] = dict(attrs_d)
        self.push('generator', 1)

    def _end_generator(self):
        value = self.pop('generator')
        context = self._get_context()
        if 'generator_detail' in context:
            context['generator_detail']['name'] = value

    def _start_summary(self, attrs_d):
        context = self._get_context()
        if 'summary' in context and not self.hasContent:
            self._summaryKey = 'content'
            self._start_content(attrs_d)
        else:
            self._summaryKey = 'summary'
            self.push_content(self._summaryKey, attrs_d, 'text/plain', 1)

    def _end_summary(self):
        if self._summaryKey == 'content':
            self._end_content()
        else:
            self.pop_content(self._summaryKey or 'summary')
        self._summaryKey = None

    def _start_enclosure(self, attrs_d):
        attrs_d = _enforce_href(attrs_d)
        context = self._get_context()
        attrs_d['rel'] = 'enclosure'
        context.setdefault('links', []).append(dict(attrs_d))

    def _start_source(self, attrs_d):
        if 'url' in attrs_d:
            self.sourcedata['href'] = attrs_d['url']
        self.push('source', 1)
        self.insource = 1
        self.title_depth = -1

    def _end_source(self):
        self.insource = 0
        value = self.pop('source')
        if value:
            self.sourcedata['title'] = value
        self._get_context()['source'] = dict(self.sourcedata)
        self.sourcedata.clear()

    def _start_content(self, attrs_d):
        self.hasContent = 1
        self.push_content('content', attrs_d, 'text/plain', 1)
        src = attrs_d.get('src')
        if src:
            self.contentparams['src'] = src
        self.push('content', 1)

    def _start_body(self, attrs_d):
        self.push_content('content', attrs_d, _XHTML, 1)

    def _start_content_encoded(self, attrs_d):
        self.hasContent = 1
        self.push_content('content', attrs_d, 'text/html', 1)

    def _end_content(self):
        content_type = self.contentparams.get('type')
        copy_to_summary = content_type is not None and \
            _map_content_type(content_type) in _COPY_TO_SUMMARY
        if content_type is None:
            raise Fallback('content end without content type')
        value = self.pop_content('content')
        if copy_to_summary:
            self._save('summary', value)

    def _start_newlocation(self, attrs_d):
        self.push('newlocation', 1)

    def _end_newlocation(self):
        self.pop('newlocation')

    def _start_tags(self, attrs_d):
        self.push('tags', 1)

    def _end_tags(self):
        if self.pop('tags') is not None:
            self._add_tag()

    def _end_keywords_list(self, element):
        value = self.pop(element)
        if value is not None and any(t.strip() for t in value.split(',')):
            self._add_tag()

    # dc
    def _start_dc_contributor(self, attrs_d):
        self.incontributor = 1
        context = self._get_context()
        context.setdefault('contributors', [])
        context['contributors'].append({})
        self.push('name', 0)

    def _end_dc_contributor(self):
        self._end_name()
        self.incontributor = 0

    def _start_dcterms_valid(self, attrs_d):
        self.push('validity', 1)

    def _end_dcterms_valid(self):
        value = self.pop('validity')
        for detail in value.split(';'):
            if '=' in detail:
                key, date = detail.split('=', 1)
                if key in ('start', 'end'):
                    _check_date(date)
                    self._get_context()

    # itunes
    def _start_itunes_owner(self, attrs_d):
        self.inpublisher = 1
        self.push('publisher', 0)

    def _end_itunes_owner(self):
        self.pop('publisher')
        self.inpublisher = 0
        self._sync_author_detail('publisher')

    def _end_itunes_keywords(self):
        self._end_keywords_list('itunes_keywords')

    def _start_itunes_category(self, attrs_d):
        self._add_tag()
        self.push('category', 1)

    def _start_itunes_image(self, attrs_d):
        self.push('itunes_image', 0)
        if attrs_d.get('href'):
            self._get_context()['image'] = {'href': attrs_d.get('href')}
        elif attrs_d.get('url'):
            self._get_context()['image'] = {'href': attrs_d.get('url')}

    def _end_itunes_block(self):
        self.pop('itunes_block', 0)
        self._get_context()

    def _end_itunes_explicit(self):
        self.pop('itunes_explicit', 0)
        self._get_context()

    # media
    def _start_media_category(self, attrs_d):
        self._start_category(attrs_d)

    def _end_media_keywords(self):
        self._end_keywords_list('media_keywords')

    def _end_media_title(self):
        title_depth = self.title_depth
        self._end_title()
        self.title_depth = title_depth

    def _start_media_group(self, attrs_d):
        pass

    def _media_start(self, key, attrs_d, element):
        self._get_context().setdefault(key, attrs_d)
        self.push(element, 1)

    def _media_end(self, key, element):
        value = self.pop(element)
        if value is not None and value.strip():
            self._get_context()[key]['content'] = value

    def _start_media_rating(self, attrs_d):
        self._media_start('media_rating', attrs_d, 'rating')

    def _end_media_rating(self):
        self._media_end('media_rating', 'rating')

    def _start_media_credit(self, attrs_d):
        context = self._get_context()
        context.setdefault('media_credit', [])
        context['media_credit'].append(attrs_d)
        self.push('credit', 1)

    def _end_media_credit(self):
        value = self.pop('credit')
        if value is not None and value.strip():
            self._get_context()['media_credit'][-1]['content'] = value

    def _start_media_restriction(self, attrs_d):
        self._media_start('media_restriction', attrs_d, 'restriction')

    def _end_media_restriction(self):
        self._media_end('media_restriction', 'restriction')

    def _start_media_license(self, attrs_d):
        self._media_start('media_license', attrs_d, 'license')

    def _end_media_license(self):
        self._media_end('media_license', 'license')

    def _start_media_content(self, attrs_d):
        self._get_context().setdefault('media_content', []).append(attrs_d)

    def _start_media_thumbnail(self, attrs_d):
        context = self._get_context()
        context.setdefault('media_thumbnail', [])
        self.push('url', 1)
        context['media_thumbnail'].append(attrs_d)

    def _end_media_thumbnail(self):
        url = self.pop('url')
        context = self._get_context()
        if url is not None and url.strip():
            if 'url' not in context['media_thumbnail'][-1]:
                context['media_thumbnail'][-1]['url'] = url

    # georss (the simple encodings; GML and <where> fall back)
    def _start_georssgeom(self, attrs_d):
        self.push('geometry', 0)
        self._get_context()['where'] = {}

    def _end_georss(self, parse):
        value = self.pop('geometry')
        if value is None:
            raise Fallback('georss without its geometry')
        geometry = parse(value)
        if geometry:
            self._get_context()['where'].update(geometry)

    def _end_georss_point(self):
        self._end_georss(_parse_georss_point)

    def _end_georss_line(self):
        self._end_georss(_parse_georss_line)

    def _end_georss_polygon(self):
        self._end_georss(_parse_georss_polygon)

    def _end_georss_box(self):
        self._end_georss(_parse_georss_box)

    def _start_media_player(self, attrs_d):
        self.push('media_player', 0)
        self._get_context()['media_player'] = attrs_d

    def _end_media_player(self):
        self.pop('media_player')
        self._get_context()['media_player']

    # cc
    def _start_cc_license(self, attrs_d):
        self._get_context().setdefault('links', []).append({'rel': 'license'})


def _refuser(reason: str):
    def refuse(self, attrs_d=None):
        raise Fallback(reason)
    return refuse


# what feed.py reads, less 'updated' (an unknown <date> is stored there as
# text, like any unknown element, and that is ported)
_READ_KEYS = frozenset(('title', 'link', 'language', 'id', 'summary',
                        'content', 'author', 'published', 'title_detail',
                        'summary_detail'))
_UNKNOWN_REFUSED = _STRUCTURAL_KEYS | _READ_KEYS

_S = _State
_START = {
    'rss': _S._start_rss, 'channel': _S._start_channel, 'feed': _S._start_feed,
    'image': _S._start_image, 'textinput': _S._start_textinput,
    'author': _S._start_author, 'managingeditor': _S._start_author,
    'contributor': _S._start_contributor, 'name': _S._start_name,
    'width': _S._start_width, 'height': _S._start_height,
    'url': _S._start_url, 'homepage': _S._start_url, 'uri': _S._start_url,
    'email': _S._start_email,
    'subtitle': _S._start_subtitle, 'tagline': _S._start_subtitle,
    'rights': _S._start_rights, 'copyright': _S._start_rights,
    'item': _S._start_item, 'entry': _S._start_item,
    'language': _S._start_language, 'webmaster': _S._start_webmaster,
    'published': _S._start_published, 'issued': _S._start_published,
    'pubdate': _S._start_published,
    'updated': _S._start_updated, 'modified': _S._start_updated,
    'lastbuilddate': _S._start_updated,
    'created': _S._start_created, 'expirationdate': _S._start_expirationdate,
    'category': _S._start_category, 'keywords': _S._start_category,
    'cloud': _S._start_cloud, 'link': _S._start_link,
    'guid': _S._start_guid, 'id': _S._start_guid,
    'title': _S._start_title, 'description': _S._start_description,
    'abstract': _S._start_abstract, 'info': _S._start_info,
    'feedburner_browserfriendly': _S._start_info,
    'generator': _S._start_generator, 'summary': _S._start_summary,
    'enclosure': _S._start_enclosure, 'source': _S._start_source,
    'content': _S._start_content, 'content_encoded': _S._start_content_encoded,
    'fullitem': _S._start_content_encoded,
    'body': _S._start_body, 'xhtml_body': _S._start_body,
    'newlocation': _S._start_newlocation, 'tags': _S._start_tags,
    # dc
    'dc_author': _S._start_author, 'dc_creator': _S._start_author,
    'dc_date': _S._start_updated, 'dc_description': _S._start_description,
    'dc_language': _S._start_language, 'dc_publisher': _S._start_webmaster,
    'dc_rights': _S._start_rights, 'dc_subject': _S._start_category,
    'dc_title': _S._start_title, 'dcterms_created': _S._start_created,
    'dcterms_issued': _S._start_published,
    'dcterms_modified': _S._start_updated,
    'dcterms_valid': _S._start_dcterms_valid,
    'dc_contributor': _S._start_dc_contributor,
    # itunes
    'itunes_author': _S._start_author, 'itunes_name': _S._start_name,
    'itunes_email': _S._start_email, 'itunes_subtitle': _S._start_subtitle,
    'itunes_summary': _S._start_summary, 'itunes_owner': _S._start_itunes_owner,
    'itunes_category': _S._start_itunes_category,
    'itunes_image': _S._start_itunes_image, 'itunes_link': _S._start_itunes_image,
    # media
    'media_category': _S._start_media_category,
    'media_title': _S._start_title, 'media_group': _S._start_media_group,
    'media_rating': _S._start_media_rating,
    'media_credit': _S._start_media_credit,
    'media_description': _S._start_description,
    'media_restriction': _S._start_media_restriction,
    'media_license': _S._start_media_license,
    'media_content': _S._start_media_content,
    'media_thumbnail': _S._start_media_thumbnail,
    'media_player': _S._start_media_player,
    # georss
    'georss_point': _S._start_georssgeom, 'georss_line': _S._start_georssgeom,
    'georss_polygon': _S._start_georssgeom, 'georss_box': _S._start_georssgeom,
    # cc
    'cc_license': _S._start_cc_license,
}
_END = {
    'channel': _S._end_channel, 'feed': _S._end_channel,
    'image': _S._end_image, 'textinput': _S._end_textinput,
    'author': _S._end_author, 'managingeditor': _S._end_author,
    'contributor': _S._end_contributor, 'name': _S._end_name,
    'width': _S._end_width, 'height': _S._end_height,
    'url': _S._end_url, 'homepage': _S._end_url, 'uri': _S._end_url,
    'email': _S._end_email,
    'subtitle': _S._end_subtitle, 'tagline': _S._end_subtitle,
    'rights': _S._end_rights, 'copyright': _S._end_rights,
    'item': _S._end_item, 'entry': _S._end_item,
    'language': _S._end_language, 'webmaster': _S._end_webmaster,
    'published': _S._end_published, 'issued': _S._end_published,
    'pubdate': _S._end_published,
    'updated': _S._end_updated, 'modified': _S._end_updated,
    'lastbuilddate': _S._end_updated,
    'created': _S._end_created, 'expirationdate': _S._end_expirationdate,
    'category': _S._end_category, 'keywords': _S._end_category,
    'link': _S._end_link, 'guid': _S._end_guid, 'id': _S._end_guid,
    'title': _S._end_title, 'description': _S._end_description,
    'abstract': _S._end_description, 'info': _S._end_info,
    'feedburner_browserfriendly': _S._end_info,
    'generator': _S._end_generator, 'summary': _S._end_summary,
    'source': _S._end_source, 'content': _S._end_content,
    'content_encoded': _S._end_content, 'fullitem': _S._end_content,
    'body': _S._end_content, 'xhtml_body': _S._end_content,
    'newlocation': _S._end_newlocation, 'tags': _S._end_tags,
    # dc
    'dc_author': _S._end_author, 'dc_creator': _S._end_author,
    'dc_date': _S._end_updated, 'dc_description': _S._end_description,
    'dc_language': _S._end_language, 'dc_publisher': _S._end_webmaster,
    'dc_rights': _S._end_rights, 'dc_subject': _S._end_category,
    'dc_title': _S._end_title, 'dcterms_created': _S._end_created,
    'dcterms_issued': _S._end_published, 'dcterms_modified': _S._end_updated,
    'dcterms_valid': _S._end_dcterms_valid,
    'dc_contributor': _S._end_dc_contributor,
    # itunes
    'itunes_author': _S._end_author, 'itunes_category': _S._end_category,
    'itunes_name': _S._end_name, 'itunes_email': _S._end_email,
    'itunes_subtitle': _S._end_subtitle, 'itunes_summary': _S._end_summary,
    'itunes_owner': _S._end_itunes_owner,
    'itunes_keywords': _S._end_itunes_keywords,
    'itunes_block': _S._end_itunes_block,
    'itunes_explicit': _S._end_itunes_explicit,
    # media
    'media_category': _S._end_category, 'media_keywords': _S._end_media_keywords,
    'media_title': _S._end_media_title, 'media_rating': _S._end_media_rating,
    'media_credit': _S._end_media_credit,
    'media_description': _S._end_description,
    'media_restriction': _S._end_media_restriction,
    'media_license': _S._end_media_license,
    'media_thumbnail': _S._end_media_thumbnail,
    'media_player': _S._end_media_player,
    # georss
    'georss_point': _S._end_georss_point, 'georss_line': _S._end_georss_line,
    'georss_polygon': _S._end_georss_polygon, 'georss_box': _S._end_georss_box,
}
# a port of a handler feedparser does not have would be a bug here
assert set(_START) <= _FP_START and set(_END) <= _FP_END or not ENABLED
