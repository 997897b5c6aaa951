"""One story as a feed carries it, normalized: the entry the normalizer's
form tests build, in one place."""
import datetime as dt

from pipeline.model import FeedInfo, RawEntry
from pipeline.normalize.article import NormalizeSettings, normalize_article

UTC = dt.timezone.utc


def normalize_story(text, fetched, title='A headline', published=None, author=None,
                    html=False, language='en'):
    """``text`` as an entry of a feed fetched at ``fetched``: its summary, or
    its HTML content (``html``); published two hours before the fetch unless
    ``published`` (the feed's raw date) says otherwise."""
    feed = FeedInfo(feed_url='https://news.example/rss', title='Example News',
                    link='https://news.example/', language=language,
                    publisher='Example News', format='rss20', fetched_at=fetched)
    if published is None:
        published = (fetched - dt.timedelta(hours=2)).strftime('%a, %d %b %Y %H:%M:%S GMT')
    entry = RawEntry(feed=feed, position=0, guid='g-1', link='https://news.example/a/1',
                     title=title, summary=None if html else text,
                     content=text if html else None, author=author,
                     published_raw=published, updated_raw=None, language=None)
    return normalize_article(entry, feed, NormalizeSettings())


def kinds(row, kind):
    """The agencies of ``row``'s attributions of one kind, sorted."""
    return sorted(a['agency'] for a in row['attributions'] if a['kind'] == kind)
