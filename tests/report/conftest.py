import pytest

from pipeline.report import build_report

from .fixtures import write_output


@pytest.fixture(scope='session')
def output_dir(tmp_path_factory):
    """The synthetic output folder (two runs; run-2 is the latest)."""
    return write_output(str(tmp_path_factory.mktemp('wirefeed-output')))


@pytest.fixture(scope='session')
def html(output_dir):
    """The default report (the latest run) of the synthetic folder."""
    return build_report(output_dir)
