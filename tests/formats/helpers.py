"""Shared helpers for the format-stage tests."""
import datetime as dt
import pathlib

from pipeline.model import FeedDocument, FeedSource

FEEDS = pathlib.Path(__file__).resolve().parents[1] / 'fixtures' / 'feeds'
FETCHED = dt.datetime(2025, 3, 5, 12, 0, tzinfo=dt.timezone.utc)


def fixture_bytes(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def make_doc(body, location='https://feeds.example.org/feed', headers=None,
             **options) -> FeedDocument:
    if isinstance(body, str):
        body = body.encode('utf-8')
    return FeedDocument(source=FeedSource(location, tuple(options.items())),
                        body=body, headers=headers or {}, fetched_at=FETCHED,
                        http_status=200)


def fixture_doc(name: str, location=None, headers=None, **options) -> FeedDocument:
    return make_doc(fixture_bytes(name),
                    location or f'https://feeds.example.org/{name}',
                    headers, **options)


def rss(items: str = '', channel: str = '<title>T</title>', decl=True,
        version='2.0') -> str:
    head = '<?xml version="1.0" encoding="utf-8"?>\n' if decl else ''
    return (f'{head}<rss version="{version}"><channel>{channel}{items}'
            f'</channel></rss>')
