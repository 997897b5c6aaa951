"""Article URLs: a site's own id in a query parameter whose name trackers
use too; a link that is a path."""
import datetime as dt

import pytest

from pipeline.model import FeedInfo, RawEntry
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


def test_a_path_link_is_resolved_against_the_feeds_site():
    """A feed read from a file has no document URL for the parser to
    resolve its items' paths against; the channel's link is the site."""
    fetched = dt.datetime(2025, 3, 18, 12, tzinfo=dt.timezone.utc)
    feed = FeedInfo(feed_url='/data/feeds/gazette.xml', title='Gazette',
                    link='https://www.gazette.example/', language='en',
                    publisher='Gazette', format='rss20', fetched_at=fetched)

    def url_of(link):
        entry = RawEntry(feed=feed, position=0, guid=None, link=link, title='Tuition freeze',
                         summary='The board froze tuition.', content=None, author=None,
                         published_raw=None, updated_raw=None, language=None)
        return normalize_article(entry, feed, NormalizeSettings())['url']

    assert url_of('/news/2025/03/tuition-freeze') == \
        'https://www.gazette.example/news/2025/03/tuition-freeze'
    assert url_of('https://other.example/a') == 'https://other.example/a'
    assert url_of('javascript:void(0)') is None
