"""Arrow schemas of the articles, stories and quarantine tables (v1)."""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = '1.0'

#: Hive partition column of articles and stories; derived from published_at
#: (UTC) and present in the folder name only, never inside the files.
PARTITION_COLUMN = 'published_date'
#: Partition column of each table (quarantine: the UTC day of quarantined_at).
PARTITIONS = {'articles': PARTITION_COLUMN, 'stories': PARTITION_COLUMN,
              'quarantine': 'quarantined_date'}

_UTC_US = pa.timestamp('us', tz='UTC')
_DICT_STRING = pa.dictionary(pa.int32(), pa.string())


def _f(name, type_, description, nullable=True):
    return pa.field(name, type_, nullable=nullable,
                    metadata={'description': description})


ATTRIBUTION = pa.struct([
    _f('agency', pa.string(), 'Canonical agency code, e.g. AFP.'),
    _f('kind', pa.string(), 'How the agency appears: dateline, byline, '
       'prefix, title, credit or cited.'),
    _f('text', pa.string(), 'The text that matched, e.g. "(AFP)" or "AFP '
       'reported".'),
])

ARTICLES = pa.schema([
    _f('article_id', pa.string(), 'Stable id of the article: the same article '
       'gets the same id on every run (hash of its guid, within its publisher '
       'unless the guid is a URI or UUID; else canonical URL, '
       'else normalized text within its publisher at its publication time; '
       'a guid or link the feed gives to several '
       'different items is passed over).', nullable=False),
    _f('guid', pa.string(), 'The entry guid/id as the feed gave it.'),
    _f('url', pa.string(), 'Canonical link of the article (tracking '
       'parameters and fragments removed).'),
    _f('title', pa.string(), 'Headline, plain text.'),
    _f('summary', pa.string(), 'Feed summary, plain text.'),
    _f('body', pa.string(), 'Story text: HTML stripped, dateline, byline and '
       'credit lines removed.'),
    _f('byline', pa.string(), 'Author or byline, as given.'),
    _f('publisher', _DICT_STRING, 'Outlet whose feed carried the article '
       '(feed title normalized, or per-feed config).'),
    _f('feed_url', _DICT_STRING, 'The feed the article was read from.'),
    _f('language', _DICT_STRING, 'Language code of the entry or its feed '
       '(e.g. en, fr), lower case.'),
    _f('published_at', _UTC_US, 'Publication instant in UTC; from the feed, '
       'else the dateline date, else the fetch time (see published_at_source).',
       nullable=False),
    _f('published_raw', pa.string(), 'The date string exactly as the feed '
       'gave it.'),
    _f('published_at_source', _DICT_STRING, 'Where published_at came from: '
       'feed, dateline or fetched.'),
    _f('dateline_raw', pa.string(), 'The dateline as it stood at the head of '
       'the story, e.g. "LONDON, March 17 (Reuters) -".'),
    _f('dateline_location', pa.string(), 'Place of the dateline as written, '
       'trimmed, e.g. "SAN JOSE, Calif.".'),
    _f('dateline_country', _DICT_STRING, 'ISO 3166-1 alpha-2 code of the '
       'dateline location where it resolves unambiguously.'),
    _f('dateline_date', pa.date32(), 'Date of the dateline, resolved against '
       'the publish date; null when absent or impossible.'),
    _f('agencies', pa.list_(pa.string()), 'Canonical codes of the wire '
       'agencies credited or cited (e.g. AFP, REUTERS, AP), sorted.'),
    _f('attributions', pa.list_(ATTRIBUTION), 'Every agency mention: agency '
       'code, kind (dateline, byline, prefix, title, credit, cited) and the '
       'matched text.'),
    _f('story_id', pa.string(), 'Story (syndication cluster) the article '
       'belongs to; never changes once written.', nullable=False),
    _f('is_canonical', pa.bool_(), 'True for the one article chosen to '
       'represent its story.', nullable=False),
    _f('duplicate_of', pa.string(), 'article_id of the story\'s canonical '
       'article, on non-canonical articles.'),
    _f('similarity', pa.float32(), 'Similarity (containment) to the canonical '
       'article, on non-canonical articles.'),
    _f('ingested_at', _UTC_US, 'When this run read the article.'),
    _f('run_id', _DICT_STRING, 'Id of the run that wrote the row.'),
])

STORIES = pa.schema([
    _f('story_id', pa.string(), 'Story id, unique in this table.',
       nullable=False),
    _f('canonical_article_id', pa.string(), 'article_id of the canonical '
       'article.', nullable=False),
    _f('title', pa.string(), 'Canonical article headline.'),
    _f('summary', pa.string(), 'Canonical article summary.'),
    _f('url', pa.string(), 'Canonical article URL.'),
    _f('publisher', _DICT_STRING, 'Publisher of the canonical article.'),
    _f('published_at', _UTC_US, 'Publication instant of the canonical '
       'article.', nullable=False),
    _f('dateline_location', pa.string(), 'Dateline location of the canonical '
       'article.'),
    _f('dateline_country', _DICT_STRING, 'Dateline country of the canonical '
       'article.'),
    _f('agencies', pa.list_(pa.string()), 'Agencies credited or cited in any '
       'article of the story, sorted.'),
    _f('article_count', pa.int32(), 'Number of articles in the story.',
       nullable=False),
    _f('publishers', pa.list_(pa.string()), 'Distinct publishers that carried '
       'the story, sorted.'),
    _f('first_seen', _UTC_US, 'Earliest published_at among its articles.'),
    _f('last_seen', _UTC_US, 'Latest published_at among its articles.'),
    _f('run_id', _DICT_STRING, 'Id of the run that wrote the row.'),
])

QUARANTINE = pa.schema([
    _f('source', pa.string(), 'Feed URL or path the rejected input came '
       'from.', nullable=False),
    _f('stage', _DICT_STRING, 'Pipeline stage that rejected it: fetch, '
       'parse or normalize.', nullable=False),
    _f('reason', _DICT_STRING, 'Reason from a fixed vocabulary (e.g. '
       '"http 5xx", "not a feed", "missing fields").', nullable=False),
    _f('detail', pa.string(), 'Free-text detail of the failure.'),
    _f('excerpt', pa.string(), 'Bounded excerpt of the rejected input.'),
    _f('entry_key', pa.string(), 'feed#position of a rejected entry; null for '
       'a rejected feed.'),
    _f('run_id', _DICT_STRING, 'Id of the run that rejected it.',
       nullable=False),
    _f('quarantined_at', _UTC_US, 'When it was rejected.', nullable=False),
])

TABLES = {'articles': ARTICLES, 'stories': STORIES, 'quarantine': QUARANTINE}


def schema_metadata(table: str) -> dict:
    """Key-value metadata written into every Parquet file of ``table``."""
    return {b'wirefeed.schema_version': SCHEMA_VERSION.encode(),
            b'wirefeed.table': table.encode()}


def column_descriptions(schema: pa.Schema):
    """(name, type, nullable, description) for each column of ``schema``."""
    return [(f.name, str(f.type), f.nullable,
             (f.metadata or {}).get(b'description', b'').decode())
            for f in schema]
