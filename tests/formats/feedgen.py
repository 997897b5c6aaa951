"""Random RSS 2.0/0.9x, RSS 1.0 and Atom 1.0 documents for the differential
test of the fast path: the elements, attributes, namespace prefixes and
texts feedparser treats in special ways (permalink guids, repeated titles
and descriptions, Atom persons, media and iTunes elements, mojibake,
Windows-1252 character references, URLs with '&amp;amp;' or ':///',
xml:lang, xml:base, unknown elements), in random order and number.
``Gen(seed).doc()`` is deterministic.
"""
import random

NS = {
    'dc': 'http://purl.org/dc/elements/1.1/',
    'dcterms': 'http://purl.org/dc/terms/',
    'content': 'http://purl.org/rss/1.0/modules/content/',
    'atom': 'http://www.w3.org/2005/Atom',
    'media': 'http://search.yahoo.com/mrss/',
    'itunes': 'http://www.itunes.com/dtds/podcast-1.0.dtd',
    'slash': 'http://purl.org/rss/1.0/modules/slash/',
    'wfw': 'http://wellformedweb.org/CommentAPI/',
    'georss': 'http://www.georss.org/georss',
    'feedburner': 'http://rssnamespace.org/feedburner/ext/1.0',
    'foo': 'http://example.com/foo-ns',
    'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
}
ALIASES = {'dc': ['dc', 'DC', 'dce'], 'atom': ['atom', 'a10', 'atom10'],
           'content': ['content', 'c'], 'media': ['media', 'm'],
           'foo': ['foo', 'media', 'x'], 'dcterms': ['dcterms', 'dct', 'dc']}

TEXTS = [
    'Plain headline', '  padded text \n ', '', ' ', 'A &amp; B', '&lt;p&gt;escaped &lt;b&gt;html&lt;/b&gt;&lt;/p&gt;',
    '<![CDATA[<p>cdata <em>markup</em></p>]]>', 'Café “quoted” — dash', 'Привет мир', 'cafÃ© mojibake',
    'â€™ cp1252 mojibake', 'C1 &#150; dash &#x93;q&#x94;', 'tab\tand\r\nnewline', 'x' * 300,
    'naïve &#169; 2025', '&amp;amp; double', 'emoji 😀 text', 'Ã©Ã¨', '&#128;uro', ' Â\u0080 ',
]
# inline markup: feedparser writes elements inside text fields back out
INLINE = [
    'a <b>bold</b> &amp; <a href="https://x.example/?a=1&amp;b=&quot;2&quot;" REL="NoFollow">link</a> end',
    '<p>one</p><p>two <br/> three</p>', '<div><p>in a div</p></div>',
    ' <div class="c"><p>x</p></div> ', '<div>a</div><div>b</div>', '<img src="i.png" alt="&lt;"/>',
    '<p xml:lang="fr">bonjour</p>', '<em>caf\u00c3\u00a9</em> &#150;',
]
XHTML_NS = 'http://www.w3.org/1999/xhtml'

URLS = ['https://ex.example/a/1', 'http:///triple.example/x', 'https://ex.example/q?a=1&amp;b=2',
        'https://ex.example/q?a=1&amp;amp;b=2', '/relative/path', 'relative', '', '  https://ex.example/sp  ',
        'tag:example.com,2025:1', 'urn:uuid:1234', 'mailto:x@example.com', 'https://ex.example/é']
DATES = ['Tue, 04 Mar 2025 10:00:00 +0000', '2025-03-04T10:00:00Z', '2025-03-04',          'Fri, 2006/09/15 08:19:53 EDT', 'yesterday', '', '  2025-03-04T10:00:00+01:00 ', '1741000000']
AUTHORS = ['joe@example.com (Joe Bloggs)', 'Joe Bloggs', 'Jane &lt;jane@example.org&gt;', '', 'Ünïcode Name']


def txt(r):
    if r.random() < 0.05:
        return r.choice(INLINE)
    return r.choice(TEXTS)


def xhtml(r):
    inner = r.choice(INLINE + ['plain text', ''])
    return r.choice([
        f'<div xmlns="{XHTML_NS}">{inner}</div>',
        f' <div xmlns="{XHTML_NS}">{inner}</div>\n',
        f'<xhtml:div xmlns:xhtml="{XHTML_NS}">{inner}</xhtml:div>',
        f'<div xmlns="{XHTML_NS}">a</div><div xmlns="{XHTML_NS}">b</div>',
        inner])


def attrs(r, pairs):
    return ''.join(f' {k}="{v}"' for k, v in pairs)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.prefix = {}

    def p(self, ns):
        return self.prefix.get(ns)

    def el(self, ns, name, body='', at=()):
        r = self.r
        pre = self.p(ns) if ns else ''
        if ns and pre is None:
            return ''
        tag = f'{pre}:{name}' if pre else name
        if r.random() < 0.05:
            tag = tag[:len(tag) - len(name)] + name.upper()
        if body == '' and r.random() < 0.3:
            return f'<{tag}{attrs(r, at)}/>'
        return f'<{tag}{attrs(r, at)}>{body}</{tag}>'

    def lang_attr(self):
        r = self.r
        return [('xml:lang', r.choice(['en', 'fr', 'en_US', '', 'de-DE']))] if r.random() < 0.15 else []

    def text_el(self, ns, name, extra=()):
        r = self.r
        at = list(extra) + self.lang_attr()
        if r.random() < 0.1:
            return self.el(ns, name, xhtml(r), at + [('type', 'xhtml')])
        if r.random() < 0.15:
            at.append(('type', r.choice(['text', 'html', 'text/html', 'TEXT', 'text/plain', 'application/xml'])))
        return self.el(ns, name, txt(r), at)

    def link(self, atomish):
        r = self.r
        if atomish or r.random() < 0.2:
            at = [('href', r.choice(URLS))]
            if r.random() < 0.7:
                at.append(('rel', r.choice(['alternate', 'self', 'related', 'enclosure', 'Alternate', 'replies'])))
            if r.random() < 0.4:
                at.append(('type', r.choice(['text/html', 'application/atom+xml', 'html', 'application/xhtml+xml', 'image/png'])))
            return self.el('atom' if not atomish and r.random() < 0.5 else None, 'link', '', at)
        return self.el(None, 'link', r.choice(URLS))

    def author_el(self, atomish):
        r = self.r
        if atomish or r.random() < 0.3:
            parts = []
            for _ in range(r.randint(0, 3)):
                k = r.choice(['name', 'email', 'uri'])
                parts.append(self.el(None, k, r.choice(AUTHORS + URLS[:2])))
            return self.el(None, 'author', ''.join(parts) or r.choice(['', ' ']))
        return r.choice([self.el(None, 'author', r.choice(AUTHORS)),
                         self.el('dc', 'creator', r.choice(AUTHORS)),
                         self.el('itunes', 'author', r.choice(AUTHORS)),
                         self.el(None, 'managingEditor', r.choice(AUTHORS))])

    def item_child(self, atomish):
        r = self.r
        choices = [
            lambda: self.text_el(None, 'title'),
            lambda: self.text_el('dc', 'title'),
            lambda: self.text_el('media', 'title'),
            lambda: self.link(atomish),
            lambda: self.el(None, 'guid', r.choice(URLS + ['12345', 'abc']),
                            [('isPermaLink', r.choice(['true', 'false', 'True', 'yes']))] if r.random() < 0.6 else []),
            lambda: self.el(None, 'id', r.choice(URLS)),
            lambda: self.text_el(None, 'description'),
            lambda: self.text_el('dc', 'description'),
            lambda: self.text_el('media', 'description'),
            lambda: self.text_el('content', 'encoded'),
            lambda: self.text_el(None, 'summary'),
            lambda: self.text_el('itunes', 'summary'),
            lambda: self.text_el(None, 'content', [('src', 'https://ex.example/c')] if r.random() < 0.1 else []),
            lambda: self.author_el(atomish),
            lambda: self.el(None, 'contributor', self.el(None, 'name', r.choice(AUTHORS))),
            lambda: self.el(None, r.choice(['pubDate', 'published', 'updated', 'issued', 'modified', 'lastBuildDate', 'date', 'created', 'expirationDate']), r.choice(DATES)),
            lambda: self.el(r.choice(['dc', 'dcterms']), r.choice(['date', 'modified', 'issued', 'created']), r.choice(DATES)),
            lambda: self.el(None, 'category', txt(r), [('domain', 'x')] if r.random() < 0.3 else []),
            lambda: self.el(None, 'category', '', [('term', 'T'), ('label', 'L')]),
            lambda: self.el('dc', 'subject', txt(r)),
            lambda: self.el(None, 'enclosure', '', [('url', r.choice(URLS)), ('type', 'audio/mpeg'), ('length', '1')]),
            lambda: self.el('media', 'content', ''.join(self.item_child_media() for _ in range(r.randint(0, 3))),
                            [('url', r.choice(URLS)), ('medium', 'image')]),
            lambda: self.el('media', 'group', ''.join(self.item_child_media() for _ in range(r.randint(0, 3)))),
            lambda: self.el('media', 'thumbnail', '', [('url', r.choice(URLS))]),
            lambda: self.el(None, 'source', r.choice(['Wire', '']), [('url', r.choice(URLS))] if r.random() < 0.5 else []),
            lambda: self.el(None, 'comments', r.choice(URLS)),
            lambda: self.el('slash', 'comments', '3'),
            lambda: self.el('wfw', 'commentRss', r.choice(URLS)),
            lambda: self.el('feedburner', 'origLink', r.choice(URLS)),
            lambda: self.el(None, 'language', r.choice(['en', 'fr-CA', ' de ', ''])),
            lambda: self.el('dc', 'language', r.choice(['en', 'es'])),
            lambda: self.el(None, 'image', r.choice(['https://ex.example/i.png', self.el(None, 'url', 'u') + self.el(None, 'title', 'Img title')])),
            lambda: self.el('foo', 'bar', txt(r), [('a', '1')] if r.random() < 0.5 else []),
            lambda: self.el('foo', 'title', txt(r)),
            lambda: self.el(None, 'unknownthing', txt(r)),
            lambda: self.el(None, 'date', r.choice(DATES), [('fmt', 'x')] if r.random() < 0.3 else []),
            lambda: self.el('georss', 'point', r.choice(['45.1 -71.2', 'bad', ''])),
            lambda: self.el('itunes', 'image', '', [('href', r.choice(URLS))]),
            lambda: self.el('itunes', 'keywords', 'a, b,,c'),
            lambda: self.el('itunes', 'explicit', 'yes'),
            lambda: self.el(None, 'tags', 'a,b'),
            lambda: self.el('media', 'credit', 'Photographer', [('role', 'photographer')]),
            lambda: self.el('media', 'keywords', 'k1, k2'),
            lambda: self.el(None, 'textinput', self.el(None, 'title', 'T') + self.el(None, 'link', 'L')) if r.random() < 0.03 else '',
        ]
        return r.choice(choices)()

    def item_child_media(self):
        r = self.r
        return r.choice([
            lambda: self.text_el('media', 'title'),
            lambda: self.text_el('media', 'description'),
            lambda: self.el('media', 'thumbnail', '', [('url', r.choice(URLS))]),
            lambda: self.el('media', 'credit', 'C'),
            lambda: self.el('media', 'content', '', [('url', 'u')]),
        ])()

    def items(self, atomish, tag):
        r = self.r
        out = []
        for _ in range(r.randint(0, 6)):
            children = [self.item_child(atomish) for _ in range(r.randint(0, 14))]
            if r.random() < 0.7:
                r.shuffle(children)
            at = self.lang_attr()
            if r.random() < 0.05:
                at.append(('xml:base', r.choice(['https://base.example/dir/', 'relbase/', 'javascript:x'])))
            if tag == 'item' and self.p('rdf') and r.random() < 0.7:
                at.append((self.p('rdf') + ':about', r.choice(URLS)))
            if r.random() < 0.05:
                at.append(('xmlns:foo', NS['foo']))
            out.append(self.el(None, tag, '\n'.join(children), at))
        return '\n'.join(out)

    def channel_children(self, atomish):
        r = self.r
        choices = [
            lambda: self.text_el(None, 'title'),
            lambda: self.link(atomish),
            lambda: self.text_el(None, 'description'),
            lambda: self.text_el(None, 'subtitle'),
            lambda: self.el(None, 'language', r.choice(['en', 'fr-CA', ' de ', '', 'en_GB'])),
            lambda: self.el('dc', 'language', r.choice(['en', 'es'])),
            lambda: self.el(None, 'image', self.el(None, 'title', txt(r)) + self.el(None, 'url', 'https://ex.example/l.png') + self.el(None, 'link', r.choice(URLS))),
            lambda: self.el(None, 'textInput', self.el(None, 'title', 'Search') + self.el(None, 'name', 'q') + self.el(None, 'link', r.choice(URLS))),
            lambda: self.el(None, 'lastBuildDate', r.choice(DATES)),
            lambda: self.el('atom', 'link', '', [('rel', 'self'), ('href', r.choice(URLS))]),
            lambda: self.el('itunes', 'image', '', [('href', 'https://ex.example/i.png')]),
            lambda: self.author_el(atomish),
            lambda: self.el(None, 'webMaster', r.choice(AUTHORS)),
            lambda: self.el(None, 'generator', 'Gen', [('uri', 'https://gen.example/')] if r.random() < 0.3 else []),
            lambda: self.el(None, 'copyright', txt(r)),
            lambda: self.el(None, 'id', r.choice(URLS)),
            lambda: self.el(None, 'ttl', '60'),
            lambda: self.el(None, 'cloud', '', [('domain', 'x')]),
            lambda: self.el('itunes', 'owner', self.el('itunes', 'name', 'Own') + self.el('itunes', 'email', 'o@example.com')),
        ]
        return [r.choice(choices)() for _ in range(r.randint(0, 10))]

    def nsdecls(self, names):
        return ''.join(f' xmlns:{self.prefix[n]}="{NS[n]}"' for n in names if self.prefix.get(n))

    def doc(self):
        r = self.r
        kind = r.choice(['rss', 'rss', 'atom', 'atom', 'rdf'])
        names = [n for n in NS if r.random() < 0.6 and n not in ('rdf', 'atom')]
        for n in names:
            self.prefix[n] = r.choice(ALIASES.get(n, [n])) if r.random() < 0.3 else n
        if kind == 'rss' and r.random() < 0.6:
            self.prefix['atom'] = r.choice(ALIASES['atom'])
            names.append('atom')
        if kind == 'rdf':
            self.prefix['rdf'] = r.choice(['rdf', 'RDF', 'r'])
            names.append('rdf')
        # duplicate prefixes are not allowed in one tag
        seen = {}
        for n in list(names):
            p = self.prefix[n]
            if p in seen:
                names.remove(n); self.prefix.pop(n)
            else:
                seen[p] = n
        decls = self.nsdecls(names)
        head = '<?xml version="1.0" encoding="utf-8"?>\n' if r.random() < 0.9 else ''
        if r.random() < 0.05:
            head += '<!-- comment <feed> -->\n<?xml-stylesheet href="x"?>\n'
        rootlang = ' xml:lang="%s"' % r.choice(['en', 'fr', 'en_US', '']) if r.random() < 0.3 else ''
        if kind == 'rss':
            ver = r.choice(['2.0', '2.0', '0.91', '0.92', '2.0.1', '', None, '0.94'])
            v = f' version="{ver}"' if ver is not None else ''
            ch = self.channel_children(False)
            items = self.items(False, 'item')
            mid = r.randint(0, len(ch))
            body = '\n'.join(ch[:mid]) + items + '\n'.join(ch[mid:])
            return f'{head}<rss{v}{decls}{rootlang}>\n<channel>\n{body}\n</channel>\n</rss>'
        if kind == 'atom':
            self.prefix['atom'] = ''
            default = ' xmlns="http://www.w3.org/2005/Atom"'
            base = ' xml:base="https://base.example/"' if r.random() < 0.05 else ''
            ch = self.channel_children(True)
            items = self.items(True, 'entry')
            return f'{head}<feed{default}{decls}{rootlang}{base}>\n' + '\n'.join(ch) + items + '\n</feed>'
        default = r.choice([' xmlns="http://purl.org/rss/1.0/"', ' xmlns="http://purl.org/rss/1.0/"', ' xmlns="http://my.netscape.com/rdf/simple/0.9/"'])
        rp = self.prefix['rdf']
        ch = self.channel_children(False)
        items = self.items(False, 'item')
        return (f'{head}<{rp}:RDF{default}{decls}{rootlang}>\n<channel>' + '\n'.join(ch) + '</channel>\n'
                + items + f'\n</{rp}:RDF>')
