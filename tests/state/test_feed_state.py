"""Conditional-GET state: rows from documents, per-run files, newest wins."""
import datetime as dt
import json
import os

import pytest

from pipeline.model import FeedDocument, FeedSource
from pipeline.sources.http import body_hash
from pipeline.state.feed_state import read_feed_states, state_row, write_feed_states

A, B = 'http://a.example/rss', 'http://b.example/feed'
T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.timezone.utc)


def doc(location, body=b'<rss/>', headers=None, status='ok', http_status=200, at=T0):
    return FeedDocument(FeedSource(location), body, headers or {}, at, status, http_status, 0.1)


def test_state_row_for_a_fetched_document():
    row = state_row(doc(A, b'<rss>1</rss>', {'ETag': '"e1"',
                                             'Last-Modified': 'Thu, 01 Jan 2026 11:00:00 GMT'}))
    assert row == {'location': A, 'etag': '"e1"',
                   'last_modified': 'Thu, 01 Jan 2026 11:00:00 GMT',
                   'body_hash': body_hash(b'<rss>1</rss>'),
                   'fetched_at': '2026-01-01T12:00:00+00:00', 'http_status': 200}
    # a new body without validators drops the old ones
    prior = {'etag': '"old"', 'last_modified': 'x', 'body_hash': 'h'}
    row = state_row(doc(A, b'new'), prior)
    assert row['etag'] is None and row['last_modified'] is None
    assert row['body_hash'] == body_hash(b'new')


def test_state_row_for_not_modified_keeps_prior():
    prior = {'etag': '"e1"', 'last_modified': 'Thu, 01 Jan 2026 11:00:00 GMT',
             'body_hash': 'abc'}
    row = state_row(doc(A, b'', {}, 'not_modified', 304), prior)
    assert (row['etag'], row['last_modified'], row['body_hash'], row['http_status']) == (
        '"e1"', prior['last_modified'], 'abc', 304)
    # a 304 that names its validators again: the new ones are kept
    row = state_row(doc(A, b'', {'etag': '"e2"'}, 'not_modified', 304), prior)
    assert row['etag'] == '"e2"' and row['body_hash'] == 'abc'


def test_roundtrip_newest_wins_and_excluded_run(tmp_path):
    state = str(tmp_path / 'out' / '_state')
    assert read_feed_states(state) == {}  # no folder yet
    assert read_feed_states(None) == {}
    r1 = [state_row(doc(A, b'a1', {'etag': '"a1"'}, at=T0)),
          state_row(doc(B, b'b1', at=T0))]
    path = write_feed_states(r1, state, 'r1')
    assert path == os.path.join(state, 'feeds', 'run=r1.jsonl')
    later = T0 + dt.timedelta(hours=1)
    write_feed_states([state_row(doc(A, b'a2', {'etag': '"a2"'}, at=later))], state, 'r2')
    # an older run id written later must not win: fetched_at decides
    write_feed_states([state_row(doc(A, b'a0', {'etag': '"a0"'}, at=T0 - dt.timedelta(days=1)))],
                      state, 'r0')

    states = read_feed_states(state)
    assert set(states) == {A, B}
    assert states[A]['etag'] == '"a2"' and states[A]['body_hash'] == body_hash(b'a2')
    assert states[B]['body_hash'] == body_hash(b'b1')

    # re-running r2 must not see r2's own rows
    assert read_feed_states(state, exclude_run_id='r2')[A]['etag'] == '"a1"'


def test_rerun_overwrites_its_own_file(tmp_path):
    state = str(tmp_path / '_state')
    write_feed_states([state_row(doc(A)), state_row(doc(B))], state, 'r1')
    write_feed_states([state_row(doc(B, b'again'))], state, 'r1')
    assert set(read_feed_states(state)) == {B}
    files = sorted(os.listdir(tmp_path / '_state' / 'feeds'))
    assert files == ['run=r1.jsonl']  # no temporary left behind
    lines = (tmp_path / '_state' / 'feeds' / 'run=r1.jsonl').read_text().splitlines()
    assert [json.loads(x)['location'] for x in lines] == [B]


def test_reader_skips_broken_lines_and_hidden_files(tmp_path):
    state = tmp_path / '_state'
    write_feed_states([state_row(doc(A))], str(state), 'r1')
    feeds = state / 'feeds'
    with open(feeds / 'run=r1.jsonl', 'a') as f:
        f.write('{"location": "http://c.example/", "fetched_at": "2026-01-0\n')  # torn write
        f.write('[1, 2]\n')
    (feeds / '.tmp-x-run=r9.jsonl').write_text(json.dumps({'location': B}) + '\n')
    assert set(read_feed_states(str(state))) == {A}


def test_same_location_twice_in_one_run_keeps_newest(tmp_path):
    state = str(tmp_path / '_state')
    rows = [state_row(doc(A, b'late', at=T0 + dt.timedelta(minutes=5))),
            state_row(doc(A, b'early', at=T0))]
    write_feed_states(rows, state, 'r1')
    assert read_feed_states(state)[A]['body_hash'] == body_hash(b'late')


@pytest.mark.parametrize('bad', ['', '../x', 'a/b', 'r*', None])
def test_bad_run_ids_are_refused(tmp_path, bad):
    with pytest.raises(ValueError):
        write_feed_states([], str(tmp_path), bad)
