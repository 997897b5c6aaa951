"""Format stage: the bytes of one feed document -> feed facts + raw entries.

``parse_document(doc)`` reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 (through
feedparser, or for well-formed documents its faster equivalent
``fastxml``) and JSON Feed 1.0/1.1 (``jsonfeed``), after decoding the bytes
and refusing hostile XML (``safety``). It returns a ``ParsedFeed`` or raises
``FeedRejected`` (reason 'empty body', 'not a feed', 'parse error' or
'unsafe xml'). Pure Python: no Beam here.
"""
from .base import FORMATS, FeedRejected, ParsedFeed
from .feed import parse_document

__all__ = ['parse_document', 'FeedRejected', 'ParsedFeed', 'FORMATS']
