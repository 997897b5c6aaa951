"""pipeline.inspect on a synthetic output folder written to the contract."""
import datetime as dt
import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rich.console import Console

from pipeline.inspect import inspect_output, render_inspection
from pipeline.schemas import ARTICLES, QUARANTINE, STORIES, schema_metadata

UTC = dt.timezone.utc
D1, D2 = dt.date(2026, 3, 17), dt.date(2026, 3, 18)


def _at(day, hour):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def article(aid, story, day, publisher, agencies, canonical=False):
    return {'article_id': aid, 'guid': aid, 'url': f'https://x.test/{aid}',
            'title': f'Title {aid}', 'summary': 's', 'body': 'b',
            'publisher': publisher, 'feed_url': f'https://{publisher}.test/rss',
            'language': 'en', 'published_at': _at(day, 9),
            'published_raw': 'raw', 'published_at_source': 'feed',
            'dateline_date': day, 'agencies': agencies,
            'attributions': [{'agency': a, 'kind': 'credit', 'text': a}
                             for a in agencies],
            'story_id': story, 'is_canonical': canonical,
            'ingested_at': _at(D2, 12), 'run_id': 'run-1'}


def story(sid, canonical, title, day, count, publishers, agencies):
    return {'story_id': sid, 'canonical_article_id': canonical, 'title': title,
            'publisher': publishers[0], 'published_at': _at(day, 9),
            'agencies': agencies, 'article_count': count,
            'publishers': publishers, 'first_seen': _at(day, 9),
            'last_seen': _at(day, 10), 'run_id': 'run-1'}


def quarantined(source, stage, reason, day):
    return {'source': source, 'stage': stage, 'reason': reason,
            'detail': 'd', 'excerpt': '<x', 'entry_key': None,
            'run_id': 'run-1', 'quarantined_at': _at(day, 8)}


def write(root, table, schema, partition, rows, name='part-run-1-0.parquet'):
    """One Parquet file of the contract: Hive folder, no partition column
    inside, zstd, schema version in the key-value metadata."""
    folder = root / table / partition
    folder.mkdir(parents=True, exist_ok=True)
    data = pa.Table.from_pylist(rows, schema=schema).replace_schema_metadata(
        schema_metadata(table))
    pq.write_table(data, folder / name, compression='zstd')
    return folder / name


ARTICLE_ROWS = {
    D1: [article('a1', 's1', D1, 'Wire', ['AFP'], canonical=True),
         article('a2', 's1', D1, 'Courier', ['AFP']),
         article('a3', 's1', D1, 'Ledger', ['AFP', 'REUTERS']),
         article('a4', 's2', D1, 'Courier', [], canonical=True)],
    D2: [article('a5', 's3', D2, 'Wire', ['AP'], canonical=True),
         article('a6', 's3', D2, 'Ledger', ['AP'])],
}
STORY_ROWS = {
    D1: [story('s1', 'a1', 'Storm hits [coast]', D1, 3,
               ['Courier', 'Ledger', 'Wire'], ['AFP', 'REUTERS']),
         story('s2', 'a4', 'Local council vote', D1, 1, ['Courier'], [])],
    D2: [story('s3', 'a5', 'Markets rally', D2, 2, ['Ledger', 'Wire'], ['AP'])],
}


@pytest.fixture
def output(tmp_path):
    root = tmp_path / 'out'
    for day, rows in ARTICLE_ROWS.items():
        write(root, 'articles', ARTICLES, f'published_date={day}', rows)
    # a second file in the first partition, as a second run would add
    write(root, 'articles', ARTICLES, f'published_date={D1}',
          [article('a7', 's2', D1, 'Ledger', ['AFP'])], 'part-run-2-0.parquet')
    STORY_ROWS[D1][1]['article_count'] = 2
    for day, rows in STORY_ROWS.items():
        write(root, 'stories', STORIES, f'published_date={day}', rows)
    write(root, 'quarantine', QUARANTINE, f'quarantined_date={D2}', [
        quarantined('f1.xml', 'parse', 'not a feed', D2),
        quarantined('f2.xml', 'parse', 'not a feed', D2),
        quarantined('f3.xml', 'normalize', 'missing fields', D2)])
    # Staging and temp files: never table data.
    write(root / '_staging' / 'run-3', 'articles', ARTICLES,
          f'published_date={D1}', [article('z1', 'zz', D1, 'X', [])])
    write(root, 'articles', ARTICLES, f'published_date={D1}',
          [article('z2', 'zz', D1, 'X', [])], '.part-tmp.parquet')
    write(root, 'articles', ARTICLES, f'_tmp/published_date={D1}',
          [article('z3', 'zz', D1, 'X', [])])
    runs = root / '_runs'
    runs.mkdir()
    (runs / 'run-1.json').write_text(json.dumps({
        'run_id': 'run-1', 'started_at': '2026-03-18T12:00:00Z',
        'entries_read': 9, 'articles_written': 6, 'duplicates': 3,
        'repeats': 0, 'quarantined': 3, 'seconds': 4.25,
        'feeds': [{'source': 'f1.xml'}]}))
    (runs / 'run-2.json').write_text(json.dumps({
        'run_id': 'run-2', 'started_at': '2026-03-19T06:00:00Z',
        'entries_read': 1, 'articles_written': 1}))
    (runs / 'run-3.json.tmp').write_text('{"run_id": "run-3"')
    (root / '_SUCCESS').write_text('')
    return root


def test_tables_partitions_and_rows(output):
    r = inspect_output(str(output))
    assert r['errors'] == []
    arts, stos, quar = (r['tables'][t] for t in ('articles', 'stories', 'quarantine'))
    assert (arts['present'], arts['files'], arts['rows']) == (True, 3, 7)
    assert arts['partitions'] == [
        {'partition': f'published_date={D1}', 'files': 2, 'rows': 5},
        {'partition': f'published_date={D2}', 'files': 1, 'rows': 2}]
    assert arts['schema_versions'] == {'1.0': 3}
    assert (stos['files'], stos['rows'], len(stos['partitions'])) == (2, 3, 2)
    assert (quar['files'], quar['rows']) == (1, 3)
    assert quar['partitions'] == [
        {'partition': f'quarantined_date={D2}', 'files': 1, 'rows': 3}]
    assert r['per_day'] == [
        {'date': str(D1), 'articles': 5, 'stories': 2, 'quarantine': 0},
        {'date': str(D2), 'articles': 2, 'stories': 1, 'quarantine': 3}]


def test_stories_agencies_quarantine(output):
    r = inspect_output(str(output), top=2)
    assert r['top_stories'] == [
        {'story_id': 's1', 'title': 'Storm hits [coast]', 'article_count': 3,
         'publishers': ['Courier', 'Ledger', 'Wire'], 'published_date': str(D1)},
        {'story_id': 's3', 'title': 'Markets rally', 'article_count': 2,
         'publishers': ['Ledger', 'Wire'], 'published_date': str(D2)}]
    assert r['agencies'] == [{'agency': 'AFP', 'articles': 4},
                             {'agency': 'AP', 'articles': 2}]
    assert inspect_output(str(output))['agencies'][-1] == {'agency': 'REUTERS',
                                                           'articles': 1}
    assert r['articles_without_agency'] == 1
    assert r['quarantine'] == [
        {'stage': 'parse', 'reason': 'not a feed', 'count': 2},
        {'stage': 'normalize', 'reason': 'missing fields', 'count': 1}]


def test_runs_newest_first_with_the_keys_they_have(output):
    r = inspect_output(str(output))
    assert [x['run_id'] for x in r['runs']] == ['run-2', 'run-1']
    assert r['runs'][1] == {'run_id': 'run-1', 'started_at': '2026-03-18T12:00:00Z',
                            'entries_read': 9, 'articles_written': 6,
                            'duplicates': 3, 'repeats': 0, 'quarantined': 3,
                            'seconds': 4.25}
    assert 'duplicates' not in r['runs'][0]
    assert len(inspect_output(str(output), runs=1)['runs']) == 1


def test_checks_pass_on_a_clean_output(output):
    checks = inspect_output(str(output))['checks']
    assert checks == {'article_id_unique': True, 'duplicate_article_rows': 0,
                      'duplicate_article_ids': [], 'story_id_unique': True,
                      'duplicate_story_rows': 0, 'duplicate_story_ids': [],
                      'articles_missing_story': 0, 'ok': True}


def test_checks_catch_contract_violations(output):
    # the same article written again by another run, a story written twice,
    # and an article whose story is nowhere in stories
    write(output, 'articles', ARTICLES, f'published_date={D2}',
          [article('a5', 's3', D2, 'Wire', ['AP']),
           article('a8', 'lost', D2, 'Wire', [])], 'part-run-4-0.parquet')
    write(output, 'stories', STORIES, f'published_date={D2}',
          [story('s3', 'a5', 'Markets rally', D2, 2, ['Wire'], ['AP'])],
          'part-run-4-0.parquet')
    checks = inspect_output(str(output))['checks']
    assert checks['article_id_unique'] is False
    assert (checks['duplicate_article_rows'], checks['duplicate_article_ids']) == (1, ['a5'])
    assert checks['story_id_unique'] is False
    assert checks['duplicate_story_ids'] == ['s3']
    assert checks['articles_missing_story'] == 1
    assert checks['ok'] is False


def test_missing_tables_and_runs(tmp_path):
    root = tmp_path / 'out'
    write(root, 'articles', ARTICLES, f'published_date={D1}', ARTICLE_ROWS[D1])
    r = inspect_output(str(root))
    assert r['errors'] == []
    assert r['tables']['articles']['rows'] == 4
    assert r['tables']['stories'] == {'present': False, 'files': 0, 'rows': 0,
                                      'partitions': [], 'schema_versions': {}}
    assert r['tables']['quarantine']['present'] is False
    assert r['top_stories'] == [] and r['quarantine'] == [] and r['runs'] == []
    assert r['agencies'][0] == {'agency': 'AFP', 'articles': 3}
    # no stories at all: every article lacks its story
    assert r['checks']['articles_missing_story'] == 4
    assert r['checks']['story_id_unique'] is True and r['checks']['ok'] is False
    json.dumps(r)


def test_empty_folder(tmp_path):
    r = inspect_output(str(tmp_path))
    assert all(not t['present'] for t in r['tables'].values())
    assert r['per_day'] == [] and r['errors'] == []
    assert r['checks']['articles_missing_story'] == 0
    render_inspection(r, Console(record=True, width=120))


def test_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        inspect_output(str(tmp_path / 'nope'))


def test_unreadable_files_are_reported_and_skipped(output):
    bad = output / 'articles' / f'published_date={D2}' / 'part-broken.parquet'
    bad.write_bytes(b'PAR1 not really parquet')
    (output / '_runs' / 'run-9.json').write_text('{half')
    r = inspect_output(str(output))
    assert r['tables']['articles']['rows'] == 7
    assert any('part-broken.parquet' in e for e in r['errors'])
    assert any('run-9.json' in e for e in r['errors'])
    assert [x['run_id'] for x in r['runs']] == ['run-2', 'run-1']


def test_result_is_json(output):
    r = inspect_output(str(output))
    assert json.loads(json.dumps(r)) == r


def test_render_shows_the_key_figures(output):
    console = Console(record=True, width=120)
    render_inspection(inspect_output(str(output)), console=console)
    text = console.export_text()
    for needle in ('Tables', 'articles', 'stories', 'quarantine',
                   f'published_date', str(D1), str(D2),
                   'Storm hits [coast]', 'Courier, Ledger, Wire',
                   'AFP', 'REUTERS', 'not a feed', 'missing fields',
                   'run-1', 'run-2', '4.25', 'Checks', 'ok'):
        assert needle in text, needle
    assert 'FAIL' not in text
    lines = text.splitlines()
    assert any('articles' in ln and ' 3 ' in ln and ' 7 ' in ln for ln in lines)
    assert any(str(D1) in ln and ' 5 ' in ln and ' 2 ' in ln for ln in lines)


def test_render_shows_failures(output):
    write(output, 'articles', ARTICLES, f'published_date={D2}',
          [article('a8', 'lost', D2, 'Wire', [])], 'part-run-4-0.parquet')
    console = Console(record=True, width=120)
    render_inspection(inspect_output(str(output)), console=console)
    text = console.export_text()
    assert 'FAIL' in text and '1 articles without story' in text


def test_a_remote_output_is_read_through_filesystems(output):
    """gs:// and s3:// outputs are read through Beam's FileSystems, as the
    pipeline wrote them: a copy on ``mem://`` (a Beam filesystem nothing
    else can read) inspects as the folder does."""
    from apache_beam.io.filesystems import FileSystems
    from report import memfs
    remote = 'mem://bucket/inspected'
    try:
        for folder, _, names in os.walk(output):
            for name in names:
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, output).replace(os.sep, '/')
                with open(path, 'rb') as src, FileSystems.create(f'{remote}/{rel}') as dst:
                    dst.write(src.read())
        local, far = inspect_output(str(output)), inspect_output(remote)
    finally:
        memfs.FILES.clear()
    assert far.pop('output_dir') == remote
    local.pop('output_dir')
    assert far == local
    assert far['tables']['articles']['rows'] == 7 and far['checks']['ok'] is True
    # nothing under a remote prefix: no such output, as for a local folder
    with pytest.raises(FileNotFoundError):
        inspect_output('mem://bucket/nothing-here')
    from pipeline.cli import main
    assert main(['inspect', 'mem://bucket/nothing-here']) == 2
