"""Articles meet their verdicts: repeats dropped, unassigned rows surfaced,
partitions by UTC day, contract types."""
import datetime as dt

from pipeline.sinks.articles import attach_verdicts
from pipeline.sinks.files import file_schema, pending_schema, rows_to_arrow

UTC = dt.timezone.utc


def _row(i, hour):
    return {'instance_key': f'feed#{i}', 'article_id': f'p{i}', 'title': f't{i}',
            'publisher': 'Courier', 'feed_url': 'feed', 'body': 'text',
            'published_at': dt.datetime(2026, 3, 17, hour, tzinfo=UTC),
            'agencies': ['AFP'], 'attributions': []}


def test_attach_verdicts():
    pending = rows_to_arrow(pending_schema(), [_row(0, 1), _row(1, 23), _row(2, 5), _row(3, 6)])
    verdicts = {
        'feed#0': {'keep': True, 'article_id': 'a0', 'story_id': 's0', 'is_canonical': True,
                   'duplicate_of': None, 'similarity': None},
        'feed#1': {'keep': True, 'article_id': 'a1', 'story_id': 's0', 'is_canonical': False,
                   'duplicate_of': 'a0', 'similarity': 0.91},
        'feed#2': {'keep': False, 'article_id': 'a0', 'story_id': 's0', 'is_canonical': False,
                   'duplicate_of': None, 'similarity': None},
    }
    when = dt.datetime(2026, 3, 18, tzinfo=UTC)
    tables, lost = attach_verdicts(pending, verdicts, 'r1', when)
    assert [r['instance_key'] for r in lost] == ['feed#3']
    assert list(tables) == ['published_date=2026-03-17']
    table = tables['published_date=2026-03-17']
    assert table.schema == file_schema('articles')
    rows = table.to_pylist()
    assert [(r['article_id'], r['story_id'], r['is_canonical'], r['duplicate_of']) for r in rows] == [
        ('a0', 's0', True, None), ('a1', 's0', False, 'a0')]
    assert abs(rows[1]['similarity'] - 0.91) < 1e-6
    assert rows[0]['run_id'] == 'r1' and rows[0]['ingested_at'] == when
