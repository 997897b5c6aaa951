"""Article URLs: a site's own id in a query parameter whose name trackers
use too; a link that is a path."""
import datetime as dt
import json

import pytest

from pipeline.formats import parse_document
from pipeline.model import FeedDocument, FeedSource
from pipeline.normalize.article import NormalizeSettings, normalize_article
from pipeline.normalize.urls import canonical_url


@pytest.mark.parametrize('url,expected', [
    # ids: each names its own page
    ('https://www.heraldo.example/nota.php?cid=48213',
     'https://www.heraldo.example/nota.php?cid=48213'),
    ('https://www.heraldo.example/articulo.aspx?source=2025031799',
     'https://www.heraldo.example/articulo.aspx?source=2025031799'),
    ('https://x.example/view?ref=88123&utm_source=rss',
     'https://x.example/view?ref=88123'),
    # (the general path: a %-escape in the path)
    ('https://x.example/a%20b?cid=12&ref=tw', 'https://x.example/a%20b?cid=12'),
    # channel labels: no page of their own
    ('https://x.example/a?ref=rss&id=5', 'https://x.example/a?id=5'),
    ('https://x.example/a?from=homepage', 'https://x.example/a'),
    ('https://x.example/a?source=twitter&cid=rss_feed', 'https://x.example/a'),
    # always tracking, figures or not
    ('https://x.example/a?spm=a2c4g.11186623&ocid=msedgntp', 'https://x.example/a'),
    ('https://amp.x.example/a/amp?amp=1', 'https://x.example/a'),
])
def test_ids_stay_and_channel_labels_go(url, expected):
    assert canonical_url(url) == expected


def test_two_pages_told_apart_by_their_id_are_two_urls():
    assert canonical_url('https://h.example/nota.php?cid=48213') != \
        canonical_url('https://h.example/nota.php?cid=48214')


@pytest.mark.parametrize('fmt', ['rss', 'json'])
def test_a_path_link_is_resolved_against_the_feeds_site(fmt):
    """A feed read from a file has no document URL for the parser to
    resolve its items' paths against; the channel's link (JSON Feed's
    home_page_url) is the site."""
    links = ['/news/2025/03/tuition-freeze', 'https://other.example/a', 'javascript:void(0)']
    if fmt == 'rss':
        body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
                '<link>https://www.gazette.example/</link>' + ''.join(
                    f'<item><title>Tuition freeze {n}</title><link>{link}</link>'
                    f'<description>The board froze tuition {n}.</description></item>'
                    for n, link in enumerate(links)) + '</channel></rss>')
    else:
        body = json.dumps({
            'version': 'https://jsonfeed.org/version/1.1', 'title': 'Gazette',
            'home_page_url': 'https://www.gazette.example/',
            'items': [{'id': str(n), 'url': link, 'title': f'Tuition freeze {n}',
                       'content_text': f'The board froze tuition {n}.'}
                      for n, link in enumerate(links)]})
    doc = FeedDocument(source=FeedSource('/data/feeds/gazette.' + fmt), body=body.encode(),
                       headers={}, fetched_at=dt.datetime(2025, 3, 18, 12, tzinfo=dt.timezone.utc))
    urls = [normalize_article(e, e.feed, NormalizeSettings())['url']
            for e in parse_document(doc).entries]
    assert urls == ['https://www.gazette.example/news/2025/03/tuition-freeze',
                    'https://other.example/a', None]
