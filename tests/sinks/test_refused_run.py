"""A run whose entries lost their dedup verdicts inside the pipeline is not
published: nothing reaches the tables, the driver says why in one line, and
the next run clears the staging it left."""
import datetime as dt
import os

import pytest

from pipeline.sinks import commit
from pipeline.sinks.write import _Commit

UTC = dt.timezone.utc
STARTED = dt.datetime(2026, 3, 18, 12, tzinfo=UTC)


def _commit_step(out, rejections):
    step = _Commit(str(out), 'r1', STARTED, inputs=('feeds',), total_sources=1)
    return list(step.process(None, staged=[], statuses=[], states=[],
                             verdicts={'canonical': 5}, rejections=rejections))


def test_lost_verdicts_refuse_the_run(tmp_path):
    out = tmp_path / 'out'
    (report,) = _commit_step(out, {'dedup|no verdict|entry': 3,
                                   'parse|parse error|entry': 1})
    assert report['quarantined_entries'] == 4
    # nothing published: no run report, no success marker
    assert not os.path.exists(out / '_runs' / 'r1.json')
    assert not os.path.exists(out / '_SUCCESS')
    reason = commit.refusal(str(out), 'r1')
    assert reason.startswith('3 of ') and 'no dedup verdict' in reason
    # the next run's recovery removes what the refused run staged
    assert commit.recover(str(out)) == []
    assert commit.refusal(str(out), 'r1') is None
    assert not os.path.exists(out / '_staging')


def test_quarantined_input_still_commits(tmp_path):
    out = tmp_path / 'out'
    _commit_step(out, {'parse|parse error|entry': 2, 'fetch|http error|feed': 1})
    assert commit.refusal(str(out), 'r1') is None
    assert os.path.exists(out / '_runs' / 'r1.json')


def test_driver_reports_a_refused_run_in_one_line(tmp_path, monkeypatch):
    from pipeline import run as run_mod
    out = tmp_path / 'out'
    _commit_step(out, {'dedup|no verdict|entry': 2})
    with pytest.raises(run_mod.RunRefused) as err:
        run_mod.raise_if_refused(str(out), 'r1')
    assert 'nothing was published' in str(err.value)
    assert '\n' not in str(err.value)
