"""Configuration: YAML + flags resolve into one RunConfig; mistakes are one line."""
import textwrap

import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from pipeline.config import ConfigError, bundled_samples, load_run_config


def _load(argv):
    return load_run_config(PipelineOptions(argv), argv)


def _write(tmp_path, text, name='c.yaml'):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return str(path)


def test_defaults_use_bundled_samples_and_local_runner():
    cfg = _load([])
    assert cfg.uses_samples and cfg.inputs == (bundled_samples(),)
    assert cfg.output == './wirefeed-output'
    assert '--runner=FnApiRunner' in cfg.beam_args
    assert cfg.run_id and not cfg.fail_on_feed_error


def test_flags_override_yaml_and_yaml_overrides_defaults(tmp_path):
    path = _write(tmp_path, """
        inputs: [feeds]
        output: out
        run_id: from-yaml
        feeds:
          - match: "*example.org*"
            publisher: Example Daily
            timezone: Asia/Karachi
            read_timeout: 3
        normalize: {zones: {ist: 330}}
        dedup: {window_days: 2}
        beam: {direct_num_workers: 2}
    """)
    cfg = _load(['--config', path, '--run-id', 'cli-id'])
    assert cfg.run_id == 'cli-id'
    assert cfg.inputs == (str(tmp_path / 'feeds'),)      # relative to the config file
    assert cfg.output == str(tmp_path / 'out')
    assert cfg.dedup.window_days == 2.0
    assert cfg.normalize.zones == (('IST', 330),)
    assert dict(cfg.options_for('https://example.org/rss')) == {
        'publisher': 'Example Daily', 'timezone': 'Asia/Karachi', 'read_timeout': 3}
    assert cfg.options_for('https://other.org/rss') == ()
    # YAML Beam options first, command line last (argparse: last one wins)
    assert cfg.beam_args.index('--direct_num_workers=2') < cfg.beam_args.index('--run-id')


@pytest.mark.parametrize('text, message', [
    ('dedupe: {}', "unknown key 'dedupe'"),
    ('dedup: {window_dayz: 3}', "unknown key 'window_dayz'"),
    ('dedup: {window_days: soon}', 'dedup.window_days: expected float'),
    ('dedup: {window_days: -5}', 'window_days: expected a number above 0'),
    ('dedup: {containment: 1.5}', 'containment: expected a share from 0 to 1'),
    ('dedup: {num_perm: 100}', 'num_perm: expected a multiple of bands'),
    ('feeds: [{publisher: X}]', 'needs a "match" pattern'),
    ('feeds: [{match: x, timezone: Mars/Olympus}]', 'unknown time zone'),
    ('inputs: [a]\noutput: [1, 2]', 'output: expected a folder'),
    ('inputs: [a\n  b: c', 'not valid YAML at line'),
    ('- just\n- a list', 'expected a mapping'),
])
def test_config_mistakes_are_one_line(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        _load(['--config', path])
    assert message in str(err.value)
    assert '\n' not in str(err.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match='cannot read it'):
        _load(['--config', str(tmp_path / 'nope.yaml')])


def test_bad_run_id():
    with pytest.raises(ConfigError, match='run id'):
        _load(['--run-id', '../escape'])


def test_input_takes_several_sources_and_repeats(tmp_path):
    """A shell glob expands to several words after one --input; a repeated
    --input adds to them."""
    a, b, c = (tmp_path / n for n in ('a.xml', 'b.xml', 'c.xml'))
    cfg = _load(['--input', str(a), str(b), '--input', str(c),
                 '--output', str(tmp_path / 'o')])
    assert [p.rsplit('/', 1)[-1] for p in cfg.inputs] == ['a.xml', 'b.xml', 'c.xml']
    assert cfg.output == str(tmp_path / 'o') and not cfg.uses_samples


def test_empty_output_flag_is_an_error_not_the_default(tmp_path):
    """--output "" (an unset shell variable) must not write to the default
    folder in the current directory."""
    with pytest.raises(ConfigError, match='--output: expected a folder'):
        _load(['--output', ''])
