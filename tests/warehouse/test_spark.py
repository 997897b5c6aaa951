"""A real warehouse reader: Spark (pyspark, local mode) loads both tables
with Hive partition discovery and sees the contract types and the same rows
as DuckDB (issue 6).

Skipped, with the reason, when pyspark is not installed or no Java runtime
(``java`` on PATH or ``JAVA_HOME``) is there: Spark needs a JVM.
"""
import os
import shutil

import duckdb
import pyarrow as pa
import pytest

from pipeline.cli import main
from pipeline.schemas import PARTITIONS, TABLES

from .helpers import copy_fixtures, doc_snippets, run_snippet, scan

pytestmark = pytest.mark.slow


def _java():
    home = os.environ.get('JAVA_HOME')
    if home and os.path.exists(os.path.join(home, 'bin', 'java')):
        return os.path.join(home, 'bin', 'java')
    return shutil.which('java')


if not _java():
    pytest.skip('Spark needs a Java runtime: no java on PATH and no JAVA_HOME',
                allow_module_level=True)
pyspark = pytest.importorskip('pyspark', reason="pyspark is not installed (pip install pyspark)")


def spark_type(t: pa.DataType) -> str:
    """The Spark SQL type a warehouse loader gets for an Arrow contract type,
    with no cast (``simpleString`` form)."""
    if pa.types.is_dictionary(t):
        return spark_type(t.value_type)          # dictionary-encoded strings are strings
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return 'string'
    if pa.types.is_timestamp(t):
        assert t.unit == 'us' and t.tz == 'UTC', t
        return 'timestamp'                       # isAdjustedToUTC=true -> TIMESTAMP (LTZ)
    if pa.types.is_date32(t):
        return 'date'
    if pa.types.is_boolean(t):
        return 'boolean'
    if pa.types.is_int32(t):
        return 'int'
    if pa.types.is_int64(t):
        return 'bigint'
    if pa.types.is_float32(t):
        return 'float'
    if pa.types.is_float64(t):
        return 'double'
    if pa.types.is_list(t):
        return f'array<{spark_type(t.value_type)}>'
    if pa.types.is_struct(t):
        return 'struct<' + ','.join(f'{f.name}:{spark_type(f.type)}' for f in t) + '>'
    raise AssertionError(f'no Spark mapping for {t}')


@pytest.fixture(scope='module')
def output(tmp_path_factory):
    feeds = copy_fixtures(tmp_path_factory.mktemp('feeds'))
    out = tmp_path_factory.mktemp('out') / 'tables'
    assert main(['run', '--input', feeds, '--output', str(out), '--run-id', 'spark1',
                 '--quiet']) == 0
    return out


@pytest.fixture(scope='module')
def spark():
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master('local[1]').appName('wirefeed-test')
               .config('spark.ui.enabled', 'false')
               .config('spark.sql.session.timeZone', 'UTC')
               .config('spark.driver.memory', '512m')
               .config('spark.sql.shuffle.partitions', '2')
               .getOrCreate())
    session.sparkContext.setLogLevel('ERROR')
    yield session
    session.stop()


def _load(spark, out, table):
    """The documented Spark load: basePath + glob, Hive partition discovery."""
    return (spark.read.option('basePath', f'{out}/{table}')
            .parquet(f'{out}/{table}/{PARTITIONS[table]}=*/*.parquet'))


@pytest.mark.parametrize('table', ['articles', 'stories', 'quarantine'])
def test_spark_sees_the_contract_types(spark, output, table):
    df = _load(spark, output, table)
    got = {f.name: f.dataType.simpleString() for f in df.schema.fields}
    want = {f.name: spark_type(f.type) for f in TABLES[table]}
    want[PARTITIONS[table]] = 'date'              # discovered from the folder names
    assert got == want
    if table == 'articles':                       # the ones a loader most often gets wrong
        assert got['published_at'] == 'timestamp' and got['dateline_date'] == 'date'
        assert got['agencies'] == 'array<string>' and got['is_canonical'] == 'boolean'
        assert got['publisher'] == 'string' and got['run_id'] == 'string'


@pytest.mark.parametrize('table', ['articles', 'stories', 'quarantine'])
def test_spark_counts_equal_duckdb(spark, output, table):
    part = PARTITIONS[table]
    df = _load(spark, output, table)
    by_day = {str(r[0]): r[1] for r in df.groupBy(part).count().collect()}
    want = dict(duckdb.connect().execute(
        f"select {part}::varchar, count(*) from {scan(output, table)} group by 1").fetchall())
    assert by_day == want and sum(want.values()) > 0


def test_spark_values_equal_duckdb(spark, output):
    """Instants, dates, lists and booleans come through unchanged."""
    cols = 'article_id, published_at, dateline_date, agencies, is_canonical, publisher, story_id'
    rows = _load(spark, output, 'articles').selectExpr(*cols.split(', ')).collect()
    got = {r['article_id']: (r['published_at'].replace(tzinfo=None), r['dateline_date'],
                             list(r['agencies'] or []), r['is_canonical'], r['publisher'],
                             r['story_id']) for r in rows}
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    want = {r[0]: (r[1].replace(tzinfo=None), r[2], list(r[3] or []), r[4], r[5], r[6])
            for r in con.execute(f"select {cols} from {scan(output, 'articles')}").fetchall()}
    assert got == want
    assert any(v[1] is not None for v in got.values())        # some datelines carry a date
    assert any(v[2] for v in got.values())                    # and agencies
    # every article's story is in the stories table, as Spark sees it too
    stories = _load(spark, output, 'stories')
    missing = (_load(spark, output, 'articles').join(stories, 'story_id', 'left_anti').count())
    assert missing == 0
    assert stories.count() == stories.select('story_id').distinct().count()


def test_the_documented_spark_load(spark, output):
    """docs/warehouse.md's Spark snippet, as written (it reuses this session)."""
    code, = doc_snippets('test_spark.py')
    printed = run_snippet(code, output)
    total = sum(int(line.split('|')[2]) for line in printed.splitlines()
                if line.startswith('|') and line.split('|')[2].strip().isdigit())
    want = duckdb.connect().execute(f"select count(*) from {scan(output, 'articles')}").fetchone()
    assert total == want[0]
