"""The output contract: schemas/tables.py, and the docs generated from it."""
import json
import os

import pyarrow as pa
import pytest

from pipeline.schemas import (ARTICLES, PARTITION_COLUMN, QUARANTINE,
                              SCHEMA_VERSION, STORIES, TABLES, schema_metadata)
from pipeline.schemas import generate

BQ_TYPES = {'STRING', 'BOOLEAN', 'FLOAT', 'INTEGER', 'TIMESTAMP', 'DATE',
            'RECORD'}
BQ_MODES = {'REQUIRED', 'NULLABLE', 'REPEATED'}


def _walk(schema_or_fields, prefix=''):
    """Every (dotted name, field), nested struct fields included."""
    for field in schema_or_fields:
        yield prefix + field.name, field
        t = field.type
        if pa.types.is_list(t):
            t = t.value_type
        if pa.types.is_struct(t):
            yield from _walk(list(t), prefix + field.name + '.')


def _desc(field):
    return (field.metadata or {}).get(b'description', b'').decode().strip()


# ------------------------------------------------------ generated files

def test_generated_files_match_a_fresh_render():
    stale = generate.stale_files()
    assert stale == [], (
        f'{stale} differ from schemas/tables.py; run '
        f'`python -m pipeline.schemas.generate` and commit the result')


def test_check_mode_lists_stale_files(tmp_path, capsys):
    generate.write_all(str(tmp_path))
    assert generate.main(['--check', '--dir', str(tmp_path)]) == 0
    (tmp_path / 'stories.md').write_text('edited by hand\n')
    os.remove(tmp_path / 'bigquery' / 'quarantine.json')
    capsys.readouterr()
    assert generate.main(['--check', '--dir', str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert 'stories.md' in err and 'quarantine.json' in err
    assert 'articles.md' not in err


def test_render_is_deterministic():
    assert generate.render_all() == generate.render_all()


def test_every_table_has_its_files():
    files = generate.render_all()
    assert 'README.md' in files
    for table in TABLES:
        assert f'{table}.md' in files and f'bigquery/{table}.json' in files
        assert f'[{table}.md]({table}.md)' in files['README.md']


def test_markdown_documents_every_column_and_the_layout():
    for table, schema in TABLES.items():
        md = generate.render_table_md(table)
        column, source = generate.PARTITIONS[table]
        assert f'DIR/{table}/{column}=YYYY-MM-DD/*.parquet' in md
        assert source in md and 'UTC' in md and 'zstd' in md
        assert 'wirefeed.schema_version' in md and SCHEMA_VERSION in md
        for field in schema:
            assert f'| `{field.name}` |' in md
            assert _desc(field) in md
        assert f'| `{column}` (partition) |' in md


def test_readme_states_the_versioning_policy():
    readme = generate.render_readme()
    assert '**MAJOR**' in readme and 'removed' in readme
    assert '**MINOR**' in readme and 'new nullable column' in readme


# ------------------------------------------------------ tables.py

def test_every_column_has_a_description():
    for table, schema in TABLES.items():
        missing = [f.name for f in schema if not _desc(f)]
        assert not missing, f'{table}: no description for {missing}'


def test_every_nested_field_has_a_description():
    for table, schema in TABLES.items():
        missing = [n for n, f in _walk(schema) if not _desc(f)]
        assert not missing, f'{table}: no description for {missing}'


def test_timestamps_are_microseconds_utc():
    seen = 0
    for table, schema in TABLES.items():
        for name, field in _walk(schema):
            if pa.types.is_timestamp(field.type):
                seen += 1
                assert field.type == pa.timestamp('us', tz='UTC'), (table, name)
    assert seen >= 6


def test_contract_types():
    assert ARTICLES.field('dateline_date').type == pa.date32()
    assert ARTICLES.field('agencies').type == pa.list_(pa.string())
    assert STORIES.field('agencies').type == pa.list_(pa.string())
    assert STORIES.field('publishers').type == pa.list_(pa.string())
    assert ARTICLES.field('is_canonical').type == pa.bool_()
    assert pa.types.is_integer(STORIES.field('article_count').type)
    for name in ('published_at', 'ingested_at'):
        assert ARTICLES.field(name).type == pa.timestamp('us', tz='UTC')
    for name in ('publisher', 'language', 'run_id'):
        assert ARTICLES.field(name).type == pa.dictionary(pa.int32(), pa.string())


def test_ids_are_not_null():
    assert not ARTICLES.field('article_id').nullable
    assert not ARTICLES.field('story_id').nullable
    assert not STORIES.field('story_id').nullable
    assert not STORIES.field('canonical_article_id').nullable


def test_partition_columns_are_not_inside_the_files():
    for table, schema in TABLES.items():
        column, source = generate.PARTITIONS[table]
        assert column not in schema.names
        assert schema.field(source).type == pa.timestamp('us', tz='UTC')
    assert generate.PARTITIONS['articles'][0] == PARTITION_COLUMN
    assert generate.PARTITIONS['stories'][0] == PARTITION_COLUMN


def test_schema_version_metadata():
    major, minor = SCHEMA_VERSION.split('.')
    assert major.isdigit() and minor.isdigit()
    for table in TABLES:
        meta = schema_metadata(table)
        assert meta[b'wirefeed.schema_version'] == SCHEMA_VERSION.encode()
        assert meta[b'wirefeed.table'] == table.encode()


def test_contract_schema_round_trips_through_parquet(tmp_path):
    """An empty file of each schema reads back with the same types (so the
    documented types are what a reader gets, e.g. us timestamps stay us)."""
    import pyarrow.parquet as pq
    for table, schema in TABLES.items():
        path = tmp_path / f'{table}.parquet'
        pq.write_table(schema.empty_table().replace_schema_metadata(
            schema_metadata(table)), path, compression='zstd')
        back = pq.read_schema(path)
        assert back.metadata[b'wirefeed.schema_version'] == SCHEMA_VERSION.encode()
        for field in schema:
            assert back.field(field.name).type == field.type, (table, field.name)
            assert back.field(field.name).nullable == field.nullable


# ------------------------------------------------------ BigQuery JSON

def _load_bq(table):
    path = os.path.join(generate.HERE, 'bigquery', f'{table}.json')
    with open(path, encoding='utf-8') as fh:
        return json.load(fh)


def _check_bq_fields(fields):
    for f in fields:
        assert f['type'] in BQ_TYPES, f
        assert f['mode'] in BQ_MODES, f
        assert (f['type'] == 'RECORD') == ('fields' in f), f
        if 'fields' in f:
            _check_bq_fields(f['fields'])


@pytest.mark.parametrize('table', sorted(TABLES))
def test_bigquery_schema_parses_and_matches(table):
    bq = _load_bq(table)
    schema = TABLES[table]
    column, _ = generate.PARTITIONS[table]
    assert [f['name'] for f in bq] == schema.names + [column]
    _check_bq_fields(bq)
    by_name = {f['name']: f for f in bq}
    assert by_name[column]['type'] == 'DATE'
    for field in schema:
        entry = by_name[field.name]
        assert entry['description'] == _desc(field)
        if pa.types.is_list(field.type):
            assert entry['mode'] == 'REPEATED'
        else:
            assert entry['mode'] == ('NULLABLE' if field.nullable else 'REQUIRED')


def test_bigquery_type_mapping():
    articles = {f['name']: f for f in _load_bq('articles')}
    assert (articles['agencies']['type'], articles['agencies']['mode']) == ('STRING', 'REPEATED')
    assert (articles['attributions']['type'], articles['attributions']['mode']) == ('RECORD', 'REPEATED')
    assert [f['name'] for f in articles['attributions']['fields']] == ['agency', 'kind', 'text']
    assert articles['publisher']['type'] == 'STRING'
    assert articles['published_at']['type'] == 'TIMESTAMP'
    assert articles['dateline_date']['type'] == 'DATE'
    assert articles['is_canonical']['type'] == 'BOOLEAN'
    assert articles['similarity']['type'] == 'FLOAT'
    assert (articles['article_id']['mode'], articles['story_id']['mode']) == ('REQUIRED', 'REQUIRED')
    stories = {f['name']: f for f in _load_bq('stories')}
    assert stories['article_count']['type'] == 'INTEGER'
    assert stories['publishers']['mode'] == 'REPEATED'
    assert stories['published_date']['type'] == 'DATE'
    quarantine = {f['name']: f for f in _load_bq('quarantine')}
    assert quarantine['quarantined_date']['type'] == 'DATE'


def test_generator_refuses_types_outside_the_mapping():
    """A new column of a type the mapping does not cover fails loudly
    instead of rendering a wrong BigQuery schema."""
    with pytest.raises(ValueError):
        generate.bigquery_type(pa.timestamp('us'))   # no zone would be DATETIME
    with pytest.raises(ValueError):                  # BigQuery: no array of arrays
        generate.bigquery_field(pa.field('x', pa.list_(pa.list_(pa.string()))))
    with pytest.raises(ValueError):                  # not in the mapping yet
        generate.bigquery_type(pa.binary())


def test_package_imports_schemas_as_installed():
    """Installed, schemas/ is the sub-package pipeline.schemas; a module of
    the package importing the top-level name ``schemas`` works only from a
    checkout (as under pytest), and breaks the installed command."""
    import re
    root = os.path.join(os.path.dirname(__file__), '..', 'pipeline')
    wrong = re.compile(r'^\s*(?:from\s+schemas\b|import\s+schemas\b)', re.M)
    offenders = []
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith('.py'):
                path = os.path.join(folder, name)
                with open(path, encoding='utf-8') as f:
                    if wrong.search(f.read()):
                        offenders.append(os.path.relpath(path, root))
    assert offenders == []
