"""What a person sees: plain lines off a terminal, a live bar and a table on one."""
import io
import json
import os
import subprocess
import sys

from pipeline.cli import main
from pipeline.progress import Display, feed_done, sources_known

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures', 'feeds')
REPORT = {'run_id': 'r', 'feeds_ok': 2, 'feeds_total': 3, 'feeds_failed': 1,
          'feeds_not_modified': 0, 'entries_read': 9, 'articles_written': 7,
          'stories_written': 5, 'duplicates': 2, 'repeats': 1, 'quarantined': 2,
          'quarantined_feeds': 1, 'quarantined_entries': 1, 'seconds': 1.5,
          'accounted': True,
          'feeds': [{'source': 'bad.xml', 'status': 'failed', 'reason': 'not a feed',
                     'detail': 'an HTML page'}]}


class _Cfg:
    run_id, output, uses_samples = 'r', '/tmp/out', False


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_plain_lines_off_a_terminal():
    stream = io.StringIO()
    display = Display(stream=stream)
    display.starting(_Cfg(), 3)
    with display.live():
        sources_known(3)
        feed_done('a.xml', 'ok', 4)
        feed_done('bad.xml', 'failed', reason='not a feed')
    display.summary(REPORT, _Cfg())
    text = stream.getvalue()
    assert '\x1b' not in text and '\r' not in text
    assert 'reading 3 feeds; tables go to' in text
    assert 'wirefeed: feed failed: bad.xml: not a feed' in text
    assert 'wirefeed: articles written: 7' in text
    assert 'failed feed bad.xml: not a feed (an HTML page)' in text


def test_live_bar_and_table_on_a_terminal():
    stream = _Terminal()
    display = Display(stream=stream)
    display.starting(_Cfg(), 2, workers=2)
    assert 'reading 2 feeds in 2 worker processes;' in stream.getvalue()
    with display.live():
        feed_done('a.xml', 'ok', 4)
        feed_done('b.xml', 'not_modified')
        assert (display.done, display.entries, display.unchanged) == (2, 4, 1)
    display.summary(REPORT, _Cfg())
    text = stream.getvalue()
    assert 'wirefeed run r' in text and 'articles written' in text


def test_quiet_prints_nothing():
    stream = io.StringIO()
    display = Display(quiet=True, stream=stream)
    display.starting(_Cfg(), 1)
    with display.live():
        feed_done('bad.xml', 'failed', reason='not a feed')
    display.summary(REPORT, _Cfg())
    assert stream.getvalue() == ''


def test_json_prints_the_run_report(tmp_path, capsys):
    out = tmp_path / 'out'
    assert main(['run', '--input', os.path.join(FIXTURES, 'rss20_wire.xml'),
                 '--output', str(out), '--run-id', 'j', '--json']) == 0
    printed = json.loads(capsys.readouterr().out)
    with open(out / '_runs' / 'j.json') as f:
        assert printed == json.load(f)


def test_cron_style_run_has_no_control_characters(tmp_path):
    proc = subprocess.run(
        [sys.executable, '-m', 'pipeline', 'run', '--input',
         os.path.join(FIXTURES, 'rss20_wire.xml'), '--output', str(tmp_path / 'o')],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert '\x1b' not in proc.stdout + proc.stderr
    assert 'wirefeed: articles written:' in proc.stderr
