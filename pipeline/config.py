"""Run configuration: YAML files, command-line flags and Beam options.

Precedence, lowest first: ``configs/default.yaml`` (the one place for
run-level defaults), the user's ``--config`` file, command-line flags.
Stage settings (fetch, normalize, dedup) default in their own frozen
dataclasses beside the code that uses them; YAML only overrides them.

Every mistake a user can make here (an unknown key, a wrong type, a file
that is not YAML) raises ``ConfigError`` with one line that names the file
and the key, which the CLI prints without a traceback.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
import re
from importlib import resources
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import yaml
from apache_beam.options.pipeline_options import PipelineOptions

from .dedup.settings import DedupSettings
from .local_workers import AUTO, beam_worker_flags
from .normalize.article import NormalizeSettings
from .sources.http import FetchSettings

__all__ = ['ConfigError', 'FeedOverride', 'RunConfig', 'WirefeedOptions',
           'load_run_config', 'bundled_samples']


class ConfigError(ValueError):
    """A configuration mistake; its message is one line for the user."""


class WirefeedOptions(PipelineOptions):
    """wirefeed's own flags, so they travel with Beam's pipeline options.

    Defaults are None on purpose: unset flags fall through to the YAML
    files, where the defaults live.
    """

    @classmethod
    def _add_argparse_args(cls, parser):
        parser.add_argument('--config', default=None,
                            help='YAML config file (see configs/default.yaml).')
        # one or more sources after each --input, so that a shell glob
        # (--input feeds/*.xml) works as well as a repeated --input
        parser.add_argument('--input', dest='inputs', action='extend',
                            nargs='+', default=None, metavar='SRC',
                            help='Feed file, folder, glob, http(s) URL, .txt '
                                 'list or OPML file; several may follow one '
                                 '--input, and --input may be repeated.')
        parser.add_argument('--output', default=None,
                            help='Output folder (local, gs://, s3://).')
        parser.add_argument('--run_id', '--run-id', dest='run_id',
                            default=None, help='Id of this run.')
        parser.add_argument('--local_workers', '--local-workers', dest='local_workers',
                            default=None, metavar='N|auto',
                            help='Worker processes of a local run (auto: one per '
                                 'core for large inputs, else this process).')
        parser.add_argument('--fail_on_feed_error', '--fail-on-feed-error',
                            dest='fail_on_feed_error', action='store_true',
                            default=None,
                            help='Exit non-zero when any feed fails.')


@dataclasses.dataclass(frozen=True)
class FeedOverride:
    """Per-feed settings for the feeds whose location matches ``match``."""
    match: str
    options: Tuple[Tuple[str, Any], ...]

    def matches(self, location: str) -> bool:
        if any(ch in self.match for ch in '*?['):
            return fnmatch.fnmatchcase(location, self.match)
        return self.match in location


@dataclasses.dataclass(frozen=True)
class RunConfig:
    """Everything a run needs, resolved and validated."""
    inputs: Tuple[str, ...]
    output: str
    run_id: str
    fail_on_feed_error: bool
    feeds: Tuple[FeedOverride, ...]
    fetch: FetchSettings
    normalize: NormalizeSettings
    dedup: DedupSettings
    beam_args: Tuple[str, ...]
    uses_samples: bool = False
    local_workers: Union[str, int] = AUTO

    def options_for(self, location: str) -> Tuple[Tuple[str, Any], ...]:
        """Per-feed options of ``location`` (first matching override)."""
        for override in self.feeds:
            if override.matches(location):
                return override.options
        return ()

    @property
    def state_path(self) -> str:
        return join_path(self.output, '_state')


_TOP_KEYS = ('inputs', 'output', 'run_id', 'fail_on_feed_error', 'local_workers',
             'feeds', 'fetch', 'normalize', 'dedup', 'beam')
_FEED_KEYS = ('match', 'publisher', 'language', 'timezone') + tuple(
    f.name for f in dataclasses.fields(FetchSettings))
_NORMALIZE_KEYS = ('agencies', 'zones', 'find_cited')
_RUN_ID = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$')


def join_path(base: str, *parts: str) -> str:
    """Join path parts for local folders and gs:// or s3:// URLs alike."""
    from apache_beam.io.filesystems import FileSystems
    return FileSystems.join(base, *parts)


def bundled_samples() -> str:
    """Folder of the sample feeds shipped as package data."""
    return str(resources.files('pipeline') / 'samples')


def _read_yaml(path: str, what: str) -> dict:
    from apache_beam.io.filesystems import FileSystems
    try:
        with FileSystems.open(path) as f:
            text = f.read().decode('utf-8')
    except Exception as exc:  # noqa: BLE001 - any I/O failure is a config error
        raise ConfigError(f'{what} {path}: cannot read it ({exc.__class__.__name__})')
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        where = f' at line {mark.line + 1}' if mark else ''
        problem = getattr(exc, 'problem', None) or 'invalid YAML'
        raise ConfigError(f'{what} {path}: not valid YAML{where}: {problem}')
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f'{what} {path}: expected a mapping of settings, '
                          f'got {type(data).__name__}')
    return data


def _default_config() -> dict:
    path = resources.files('pipeline.configs') / 'default.yaml'
    return yaml.safe_load(path.read_text('utf-8'))


def _check_keys(where: str, data: Mapping, known: Sequence[str]) -> None:
    for key in data:
        if key not in known:
            raise ConfigError(f'{where}: unknown key {key!r} (known: '
                              f'{", ".join(sorted(known))})')


def _merge(base: dict, over: Mapping) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _settings(cls, where: str, data: Any):
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f'{where}: expected a mapping, got {type(data).__name__}')
    names = {f.name: f for f in dataclasses.fields(cls)}
    _check_keys(where, data, list(names))
    values = {}
    for key, value in data.items():
        default = getattr(cls(), key)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, (int, float)):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            value = type(default)(value) if ok and isinstance(default, float) else value
        else:
            ok = isinstance(value, type(default))
        if not ok:
            raise ConfigError(f'{where}.{key}: expected {type(default).__name__}, '
                              f'got {value!r}')
        values[key] = value
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f'{where}: {exc}')


def _normalize_settings(where: str, data: Any, base_dir: str) -> NormalizeSettings:
    data = data or {}
    if not isinstance(data, dict):
        raise ConfigError(f'{where}: expected a mapping, got {type(data).__name__}')
    _check_keys(where, data, _NORMALIZE_KEYS)
    zones = data.get('zones') or {}
    if not isinstance(zones, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
            for k, v in zones.items()):
        raise ConfigError(f'{where}.zones: expected a mapping of zone name to '
                          f'minutes east of UTC, e.g. {{IST: 120}}')
    agencies = data.get('agencies')
    if agencies is not None:
        if not isinstance(agencies, str):
            raise ConfigError(f'{where}.agencies: expected a file path')
        agencies = _resolve_local(agencies, base_dir)
        if not os.path.exists(agencies) and '://' not in agencies:
            raise ConfigError(f'{where}.agencies: no such file {agencies}')
    find_cited = data.get('find_cited', True)
    if not isinstance(find_cited, bool):
        raise ConfigError(f'{where}.find_cited: expected true or false')
    return NormalizeSettings(agencies_path=agencies,
                             zones=tuple(sorted((k.upper(), v) for k, v in zones.items())),
                             find_cited=find_cited)


def _feed_overrides(where: str, data: Any) -> Tuple[FeedOverride, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ConfigError(f'{where}: expected a list of {{match: ..., ...}} entries')
    fetch_fields = {f.name: f for f in dataclasses.fields(FetchSettings)}
    out = []
    for i, item in enumerate(data):
        here = f'{where}[{i}]'
        if not isinstance(item, dict) or not isinstance(item.get('match'), str):
            raise ConfigError(f'{here}: each entry needs a "match" pattern')
        _check_keys(here, item, _FEED_KEYS)
        options = []
        for key, value in item.items():
            if key == 'match':
                continue
            if key in fetch_fields:
                _settings(FetchSettings, here, {key: value})
            elif not isinstance(value, str):
                raise ConfigError(f'{here}.{key}: expected a string')
            if key == 'timezone':
                _check_timezone(f'{here}.timezone', value)
            options.append((key, value))
        out.append(FeedOverride(item['match'], tuple(options)))
    return tuple(out)


def _check_timezone(where: str, name: str) -> None:
    import zoneinfo
    if re.fullmatch(r'[+-]\d{2}:?\d{2}', name):
        return
    try:
        zoneinfo.ZoneInfo(name)
    except Exception:  # noqa: BLE001 - zoneinfo raises several kinds
        raise ConfigError(f'{where}: unknown time zone {name!r} (use an IANA '
                          f'name such as Asia/Karachi, or an offset like +05:00)')


def _beam_args(where: str, data: Any) -> List[str]:
    if data is None:
        return []
    if not isinstance(data, dict):
        raise ConfigError(f'{where}: expected a mapping of Beam options')
    args = []
    for key, value in data.items():
        flag = '--' + str(key).lstrip('-')
        if isinstance(value, bool):
            if value:
                args.append(flag)
        elif isinstance(value, list):
            args.extend(f'{flag}={v}' for v in value)
        elif value is not None:
            args.append(f'{flag}={value}')
    return args


def _resolve_local(path: str, base_dir: str) -> str:
    if '://' in path or os.path.isabs(path) or not base_dir:
        return path
    return os.path.normpath(os.path.join(base_dir, path))


def _local_workers(where: str, value: Any, beam_args: Sequence[str]) -> Union[str, int]:
    """'auto' or a number of worker processes (1: this process only)."""
    if isinstance(value, str) and value.strip().lower() == AUTO:
        return AUTO
    try:
        workers = int(value)
    except (TypeError, ValueError):
        workers = 0
    if isinstance(value, bool) or workers < 1 or str(value).strip() != str(workers):
        raise ConfigError(f'{where}: expected auto or a number of processes (1 or '
                          f'more), got {value!r}')
    beam_own = beam_worker_flags(beam_args)
    if beam_own:
        raise ConfigError(f'{where} and {beam_own[0]}: give one of them '
                          f'(local_workers starts wirefeed\'s own worker processes)')
    return workers


def new_run_id(now: Optional[dt.datetime] = None) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.strftime('%Y%m%dT%H%M%SZ')


def load_run_config(options: PipelineOptions, argv: Sequence[str]) -> RunConfig:
    """Resolve a run's configuration from its flags (``argv`` holds every
    flag given, so YAML Beam options come first and the command line wins)."""
    flags = options.view_as(WirefeedOptions)
    merged = _default_config()
    base_dir = ''
    if flags.config:
        user = _read_yaml(flags.config, 'config')
        _check_keys(f'config {flags.config}', user, _TOP_KEYS)
        merged = _merge(merged, user)
        if '://' not in flags.config:
            base_dir = os.path.dirname(os.path.abspath(flags.config))
    where = f'config {flags.config}' if flags.config else 'config'

    feeds = _feed_overrides(f'{where}: feeds', merged.get('feeds'))
    fetch = _settings(FetchSettings, f'{where}: fetch', merged.get('fetch'))
    normalize = _normalize_settings(f'{where}: normalize', merged.get('normalize'), base_dir)
    dedup = _settings(DedupSettings, f'{where}: dedup', merged.get('dedup'))
    beam_args = _beam_args(f'{where}: beam', merged.get('beam'))

    inputs = flags.inputs
    if inputs is None:
        raw = merged.get('inputs') or []
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
            raise ConfigError(f'{where}: inputs: expected a list of sources')
        inputs = [_resolve_local(s, base_dir) for s in raw]
    uses_samples = not inputs
    if uses_samples:
        if flags.config and not flags.inputs:
            raise ConfigError(f'{where}: no inputs given (set "inputs:" or use --input)')
        inputs = [bundled_samples()]

    if flags.output is not None and not flags.output.strip():
        raise ConfigError('--output: expected a folder path or URL, got an '
                          'empty string')
    output = flags.output or merged.get('output')
    if not isinstance(output, str) or not output.strip():
        raise ConfigError(f'{where}: output: expected a folder path or URL')
    if flags.output is None:
        output = _resolve_local(output, base_dir) if flags.config else output

    run_id = flags.run_id or merged.get('run_id') or new_run_id()
    if not _RUN_ID.match(str(run_id)):
        raise ConfigError(f'run id {run_id!r}: use letters, digits, ".", "_" '
                          f'or "-" (at most 128)')

    fail = flags.fail_on_feed_error
    if fail is None:
        fail = merged.get('fail_on_feed_error', False)
        if not isinstance(fail, bool):
            raise ConfigError(f'{where}: fail_on_feed_error: expected true or false')

    all_beam_args = tuple(beam_args + list(argv))
    workers_flag = flags.local_workers is not None
    local_workers = _local_workers(
        '--local_workers' if workers_flag else f'{where}: local_workers',
        flags.local_workers if workers_flag else merged.get('local_workers', AUTO),
        all_beam_args)

    return RunConfig(
        inputs=tuple(inputs),
        output=output.rstrip('/') if output not in ('/',) else output,
        run_id=str(run_id),
        fail_on_feed_error=fail,
        feeds=feeds, fetch=fetch, normalize=normalize, dedup=dedup,
        beam_args=all_beam_args,
        uses_samples=uses_samples,
        local_workers=local_workers,
    )


def describe_defaults() -> Dict[str, Any]:
    """Every effective default, for ``wirefeed config``."""
    merged = _default_config()
    merged['fetch'] = dataclasses.asdict(FetchSettings())
    merged['dedup'] = dataclasses.asdict(DedupSettings())
    merged['normalize'] = {'agencies': None, 'zones': {}, 'find_cited': True}
    return merged
