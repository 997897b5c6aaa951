"""Staged files, the atomic commit and its roll-forward after a crash."""
import datetime as dt
import json
import os

import pyarrow.parquet as pq
import pytest

from pipeline.schemas import ARTICLES, QUARANTINE
from pipeline.sinks import commit
from pipeline.sinks.files import (file_schema, partition_value, rows_to_table,
                                  staged_path, write_staged_rows)

UTC = dt.timezone.utc


def _article(i, day=17, run='r1'):
    return {'article_id': f'a{i}', 'guid': f'g{i}', 'title': f'Title {i}',
            'publisher': 'Daily Courier', 'feed_url': 'feed.xml', 'language': 'en',
            'published_at': dt.datetime(2026, 3, day, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            'dateline_date': dt.date(2026, 3, 17), 'agencies': ['AFP', 'REUTERS'],
            'attributions': [{'agency': 'AFP', 'kind': 'dateline', 'text': '(AFP)'}],
            'story_id': f's{i}', 'is_canonical': True,
            'ingested_at': dt.datetime(2026, 3, 18, tzinfo=UTC), 'run_id': run}


def test_partition_is_the_utc_day_and_not_in_the_file():
    row = _article(1)
    assert partition_value('articles', row) == 'published_date=2026-03-18'
    assert 'published_date' not in file_schema('articles').names
    table = rows_to_table('articles', [row])
    assert table.schema.field('publisher').type == ARTICLES.field('publisher').type
    assert table.schema.metadata[b'wirefeed.schema_version']
    assert table.column('published_at')[0].as_py() == dt.datetime(2026, 3, 18, 4, 59, tzinfo=UTC)


def test_quarantine_rows():
    row = {'source': 'x.xml', 'stage': 'parse', 'reason': 'not a feed', 'detail': 'html',
           'excerpt': '<html>', 'entry_key': None, 'run_id': 'r1',
           'quarantined_at': dt.datetime(2026, 3, 18, tzinfo=UTC)}
    table = rows_to_table('quarantine', [row])
    assert table.num_rows == 1 and table.schema.field('stage').type == QUARANTINE.field('stage').type


def _stage(out, run, rows):
    return write_staged_rows(str(out), run, 'articles', partition_value('articles', rows[0]), rows)


def _published(out):
    return sorted(os.path.relpath(os.path.join(d, f), out)
                  for d, _, fs in os.walk(out) for f in fs if f.endswith('.parquet')
                  and not os.path.relpath(d, out).startswith('_'))


def test_commit_publishes_everything_then_report_and_success(tmp_path):
    out = tmp_path / 'out'
    rec = _stage(out, 'r1', [_article(1), _article(2)])
    assert _published(out) == []                     # staged files are invisible
    commit.commit_run(str(out), 'r1', [rec], {'run_id': 'r1'}, [])
    assert _published(out) == [rec['path']]
    assert pq.read_table(out / rec['path']).num_rows == 2
    assert json.loads((out / '_runs' / 'r1.json').read_text()) == {'run_id': 'r1'}
    assert json.loads((out / '_SUCCESS').read_text())['run_id'] == 'r1'
    assert not (out / '_staging' / 'r1').exists()


def test_same_name_for_same_rows_and_rerun_replaces_its_files(tmp_path):
    out = tmp_path / 'out'
    first = _stage(out, 'r1', [_article(1), _article(2)])
    commit.commit_run(str(out), 'r1', [first], {}, [])
    again = _stage(out, 'r1', [_article(2), _article(1)])
    assert again['path'] == first['path']            # name from run id + row keys
    other = _stage(out, 'r1', [_article(3)])
    commit.commit_run(str(out), 'r1', [other], {}, [])
    assert _published(out) == [other['path']]        # the earlier attempt's file is gone


def test_commit_refuses_when_a_staged_file_is_missing(tmp_path):
    out = tmp_path / 'out'
    rec = _stage(out, 'r1', [_article(1)])
    os.remove(staged_path(str(out), 'r1', rec['path']))
    with pytest.raises(commit.CommitError):
        commit.commit_run(str(out), 'r1', [rec], {}, [])
    assert _published(out) == [] and not (out / '_runs').exists()


def test_crash_after_commit_point_is_rolled_forward(tmp_path):
    out = tmp_path / 'out'
    recs = [_stage(out, 'r1', [_article(1)]), _stage(out, 'r1', [_article(2, day=20)])]
    manifest = commit.plan(str(out), 'r1', recs)
    manifest.update(report={'run_id': 'r1'}, feed_states=[])
    commit.write_json(staged_path(str(out), 'r1', commit.MANIFEST), manifest)
    # "killed" after moving only the first file
    src = staged_path(str(out), 'r1', recs[0]['path'])
    os.makedirs(os.path.dirname(out / recs[0]['path']), exist_ok=True)
    os.rename(src, out / recs[0]['path'])
    assert commit.recover(str(out)) == ['r1']
    assert _published(out) == sorted(r['path'] for r in recs)
    assert (out / '_runs' / 'r1.json').exists() and not (out / '_staging').exists()


def test_crash_before_commit_point_leaves_nothing(tmp_path):
    out = tmp_path / 'out'
    _stage(out, 'r1', [_article(1)])
    assert commit.recover(str(out)) == []
    assert _published(out) == [] and not (out / '_staging').exists()
