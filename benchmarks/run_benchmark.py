"""End-to-end benchmark: wirefeed vs the single-process baseline (issue 8).

    python benchmarks/run_benchmark.py [--sizes 20000 80000] [--workdir /tmp/wfbench]
        [--repeat 1] [--skip-baseline] [--skip-wirefeed] [--json RESULTS.json]
        [--wirefeed-args ARG ...]      (everything after it goes to `wirefeed run`)

For each size: generate the corpus (cached in WORKDIR/corpus-N-sSEED-fFEEDS,
see make_corpus.py), run ``benchmarks/baseline.py`` and then
``wirefeed run --input CORPUS/feeds --output OUT [ARGS]`` as subprocesses
(OUT is emptied first, so every run starts without state), and measure for
each:

* wall time, from start to exit of the whole command (interpreter start and
  imports included, the same for both);
* peak memory: the process tree is polled (psutil when installed, else
  /proc) every ``--poll`` seconds; reported are the largest single process
  (its VmHWM, which the kernel keeps, so no peak between polls is missed
  while the process is seen at least once) and the largest sum of RSS over
  the tree at one poll; and ``wait4``'s maxrss of the command as a
  cross-check;
* per-stage figures: whatever the run report ``OUT/_runs/*.json`` holds under
  keys like ``stage_seconds``, ``timings``, ``stages``, ``metrics``;
* dedup quality: pairwise precision and recall of ``story_id`` (read from
  ``OUT/articles`` with Hive partitioning, joined by ``guid``) against
  ``truth.jsonl``, plus which copy edits were missed and which look-alike
  kinds were merged.

Prints one table (time, articles/s, wirefeed/baseline time ratio, scaling
between sizes, peak MB, P/R) and the issue's bar, and writes all figures to
``--json`` (default WORKDIR/results.json).
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import glob
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_corpus  # noqa: E402

try:  # optional: psutil finds the process tree; /proc scanning otherwise
    import psutil  # type: ignore
except ImportError:  # pragma: no cover - depends on the machine
    psutil = None

STAGE_KEYS = ('stage_seconds', 'timings', 'stages', 'stage_times', 'metrics',
              'profile', 'counters', 'seconds', 'durations')


# --------------------------------------------------------------------------
# corpus


def ensure_corpus(workdir, n, seed, feeds, log=print):
    d = os.path.join(workdir, f'corpus-{n}-s{seed}-f{feeds}')
    man = os.path.join(d, 'corpus.json')
    if os.path.exists(man):
        with open(man, encoding='utf-8') as fh:
            m = json.load(fh)
        if (m.get('generator_version') == make_corpus.GENERATOR_VERSION and
                m.get('articles') == n and os.path.exists(os.path.join(d, 'truth.jsonl'))):
            log(f'corpus {n}: cached at {d}')
            return d, m
    log(f'corpus {n}: generating into {d} ...')
    m = make_corpus.generate(d, n, seed, feeds)
    log(f'corpus {n}: {m["entries"]} entries, {m["copy_fraction"]:.0%} copies, '
        f'{m["files"]} files, {m["bytes"] / 1e6:.0f} MB in {m["seconds"]:.1f} s')
    return d, m


# --------------------------------------------------------------------------
# process-tree memory


def _proc_children_map():
    kids = collections.defaultdict(list)
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open(f'/proc/{name}/stat', 'rb') as fh:
                stat = fh.read()
        except OSError:
            continue
        rest = stat[stat.rfind(b')') + 2:].split()
        kids[int(rest[1])].append(int(name))
    return kids


def _tree(root):
    if psutil is not None:
        try:
            p = psutil.Process(root)
            return [root] + [c.pid for c in p.children(recursive=True)]
        except psutil.Error:
            return [root]
    kids = _proc_children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def _mem_kb(pid):
    """(VmRSS, VmHWM) in kB, or None for a gone or zombie process."""
    try:
        with open(f'/proc/{pid}/status', 'rb') as fh:
            data = fh.read()
    except OSError:
        return None
    rss = hwm = None
    for line in data.split(b'\n'):
        if line.startswith(b'VmRSS:'):
            rss = int(line.split()[1])
        elif line.startswith(b'VmHWM:'):
            hwm = int(line.split()[1])
    if rss is None:
        return None
    return rss, hwm or rss


class TreeSampler:
    def __init__(self, root):
        self.root = root
        self.hwm = {}       # pid -> peak RSS kB (kernel high-water mark)
        self.cmd = {}       # pid -> short command line
        self.peak_tree_kb = 0
        self.max_procs = 0
        self.samples = 0

    def sample(self):
        total = 0
        pids = _tree(self.root)
        seen = 0
        for pid in pids:
            m = _mem_kb(pid)
            if m is None:
                continue
            seen += 1
            total += m[0]
            if m[1] > self.hwm.get(pid, 0):
                self.hwm[pid] = m[1]
            if pid not in self.cmd:
                try:
                    with open(f'/proc/{pid}/cmdline', 'rb') as fh:
                        self.cmd[pid] = fh.read().replace(b'\0', b' ').decode(
                            'utf-8', 'replace')[:120].strip()
                except OSError:
                    self.cmd[pid] = '?'
        self.samples += 1
        self.peak_tree_kb = max(self.peak_tree_kb, total)
        self.max_procs = max(self.max_procs, seen)

    def result(self):
        top = sorted(self.hwm.items(), key=lambda kv: -kv[1])[:5]
        return {'largest_process_mb': round(top[0][1] / 1024, 1) if top else None,
                'tree_peak_mb': round(self.peak_tree_kb / 1024, 1),
                'max_processes': self.max_procs, 'samples': self.samples,
                'largest': [{'pid': p, 'peak_mb': round(k / 1024, 1), 'cmd': self.cmd.get(p)}
                            for p, k in top]}


def measure(cmd, log_path, poll=0.1, env=None, timeout=None):
    """Run cmd, polling its tree; returns dict of wall time, memory, exit code."""
    with open(log_path, 'wb') as log:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(p.pid)
        ru = None
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - t0
                p.returncode = os.waitstatus_to_exitcode(status)
                break
            sampler.sample()
            if timeout and time.perf_counter() - t0 > timeout:
                p.kill()
            time.sleep(poll)
    r = {'cmd': cmd, 'exit_code': p.returncode, 'wall_s': round(wall, 3),
         'wait4_maxrss_mb': round(ru.ru_maxrss / 1024, 1) if ru else None,
         'cpu_s': round(ru.ru_utime + ru.ru_stime, 2) if ru else None,
         'log': log_path}
    r.update(sampler.result())
    return r


def _tail(path, n=25):
    try:
        with open(path, 'rb') as fh:
            lines = fh.read().decode('utf-8', 'replace').splitlines()
        return '\n'.join(lines[-n:])
    except OSError:
        return ''


# --------------------------------------------------------------------------
# profile


PROFILE_GROUPS = (  # (substring of the code's file path, component)
    ('/pipeline/sources/', 'sources (read/fetch)'), ('/pipeline/formats/', 'formats (parse)'),
    ('/feedparser/', 'feedparser'), ('/sgmllib', 'feedparser'),
    ('/pipeline/normalize/', 'normalize'), ('/dateparser/', 'dateparser'),
    ('/pipeline/dedup/', 'dedup'), ('/pipeline/state/', 'state'),
    ('/pipeline/sinks/', 'sinks (write)'), ('/pipeline/report/', 'report'),
    ('/pipeline/', 'pipeline (other)'), ('/apache_beam/', 'beam runner'),
    ('/pyarrow/', 'pyarrow'), ('/numpy/', 'numpy'), ('/xml/', 'xml (stdlib)'),
    ('/json/', 'json'), ('/pickle', 'pickle'), ('/dill/', 'pickle'),
    ('/importlib', 'imports'), ('<frozen', 'imports'),
    ('/threading.py', 'thread waits'), ('/queue.py', 'thread waits'),
)


def _group(filename):
    for key, name in PROFILE_GROUPS:
        if key in filename:
            return name
    return None


def profile_components(prof_path):
    """Own time (tottime) per component of a cProfile dump.

    C functions (``~`` in pstats) have no file: their time goes to the
    component of each caller, in proportion to the time spent under it, so
    ``re`` or ``str`` work done for normalize counts as normalize.
    """
    import pstats
    st = pstats.Stats(prof_path).stats
    out = collections.Counter()

    def grp(func, depth=0):
        g = _group(func[0])
        if g or depth > 2 or func[0] != '~':
            return g or 'stdlib/other'
        callers = st.get(func, (0, 0, 0, 0, {}))[4]
        best = max(callers.items(), key=lambda kv: kv[1][2], default=None)
        return grp(best[0], depth + 1) if best else 'stdlib/other'

    for func, (cc, nc, tt, ct, callers) in st.items():
        if func[0] == '~' and callers:
            for caller, (_, _, ctt, _) in callers.items():
                out[grp(caller)] += ctt
        else:
            out[grp(func)] += tt
    total = sum(out.values())
    return {'total_s': round(total, 2),
            'components_s': {k: round(v, 2) for k, v in out.most_common() if v >= 0.005}}


# --------------------------------------------------------------------------
# run report and scoring


def run_report(out_dir):
    """The newest OUT/_runs/*.json and the stage-like figures in it."""
    files = sorted(glob.glob(os.path.join(out_dir, '_runs', '*.json')), key=os.path.getmtime)
    if not files:
        return None, {}
    with open(files[-1], encoding='utf-8') as fh:
        rep = json.load(fh)
    stages = {}

    def walk(obj, prefix, depth):
        if depth > 4:
            return
        if isinstance(obj, dict):
            for k, v in obj.items():
                key = f'{prefix}.{k}' if prefix else str(k)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    stages[key] = v
                else:
                    walk(v, key, depth + 1)

    for k in STAGE_KEYS:
        if k in rep:
            if isinstance(rep[k], (int, float)):
                stages[k] = rep[k]
            else:
                walk(rep[k], k, 0)
    if not stages:  # nothing by those names: keep the top-level numbers
        for k, v in rep.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                stages[k] = v
    return files[-1], stages


def stage_totals(stages):
    """Seconds per top-level stage: 'stage_seconds.Deduplicate/Verify' and
    the other 'Deduplicate/...' steps add up under 'Deduplicate'."""
    out = collections.Counter()
    for k, v in stages.items():
        head, _, rest = k.partition('.')
        if head in ('stage_seconds', 'timings', 'stage_times', 'durations') and rest:
            out[rest.split('/')[0]] += v
    return {k: round(v, 3) for k, v in out.most_common()}


def _pairs(n):
    return n * (n - 1) // 2


def score(truth_path, articles_dir):
    """Pairwise precision/recall of story_id against the truth clusters."""
    import pyarrow.parquet as pq
    truth = {}
    with open(truth_path, encoding='utf-8') as fh:
        for line in fh:
            t = json.loads(line)
            truth[t['guid']] = t
    table = pq.read_table(articles_dir, columns=['guid', 'story_id'], partitioning='hive')
    guids = table.column('guid').to_pylist()
    sids = table.column('story_id').to_pylist()
    pred = {}
    for g, s in zip(guids, sids):
        if g in truth and g not in pred:
            pred[g] = s
    joint = collections.Counter((pred[g], truth[g]['story']) for g in pred)
    pred_sizes = collections.Counter(pred.values())
    truth_all = collections.Counter(t['story'] for t in truth.values())
    tp = sum(_pairs(n) for n in joint.values())
    pp = sum(_pairs(n) for n in pred_sizes.values())
    tpairs = sum(_pairs(n) for n in truth_all.values())
    precision = tp / pp if pp else 1.0
    recall = tp / tpairs if tpairs else 1.0
    # diagnostics: copies not joined to their story's original, by edit
    orig_pred = {}
    for g, t in truth.items():
        if t['role'] in ('original', 'own') and g in pred:
            orig_pred[t['story']] = pred[g]
    edit_total, edit_missed = collections.Counter(), collections.Counter()
    missed = 0
    for g, t in truth.items():
        if t['role'] != 'copy' or t['story'] not in orig_pred:
            continue
        ok = pred.get(g) == orig_pred[t['story']]
        missed += not ok
        for e in t['edits']:
            edit_total[e] += 1
            edit_missed[e] += not ok
    # false merges: pairs of distinct stories put in one predicted story
    members = collections.defaultdict(collections.Counter)
    kind_of = {t['story']: t['kind'] for t in truth.values()}
    for (p, s), n in joint.items():
        members[p][s] = n
    fp_kinds = collections.Counter()
    for p, stories in members.items():
        items = list(stories.items())
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                k = '+'.join(sorted((kind_of[items[i][0]], kind_of[items[j][0]])))
                fp_kinds[k] += items[i][1] * items[j][1]
    return {'precision': round(precision, 5), 'recall': round(recall, 5),
            'rows': len(guids), 'matched': len(pred), 'truth_entries': len(truth),
            'coverage': round(len(pred) / len(truth), 5) if truth else None,
            'pred_stories': len(pred_sizes), 'truth_stories': len(truth_all),
            'tp_pairs': tp, 'pred_pairs': pp, 'truth_pairs': tpairs,
            'copies_missed': missed,
            'missed_rate_by_edit': {e: round(edit_missed[e] / edit_total[e], 4)
                                    for e in sorted(edit_total) if edit_missed[e]},
            'false_merge_pairs_by_kind': dict(fp_kinds.most_common())}


# --------------------------------------------------------------------------
# main


def _wirefeed_cmd(spec):
    if spec:
        return spec.split()
    if shutil.which('wirefeed'):
        return ['wirefeed']
    return [sys.executable, '-m', 'pipeline']


def _wirefeed_available(base_cmd):
    try:
        r = subprocess.run(base_cmd + ['run', '--help'], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False, 'could not start'
    if r.returncode != 0:
        return False, (r.stderr or r.stdout).decode('utf-8', 'replace').strip().splitlines()[-1:]
    return True, ''


def _profile_run(a, corpus, n):
    out = os.path.join(a.workdir, f'out-wirefeed-profile-{n}')
    shutil.rmtree(out, ignore_errors=True)
    prof = os.path.join(a.workdir, f'wirefeed-{n}.prof')
    cmd = [sys.executable, '-m', 'cProfile', '-o', prof, '-m', 'pipeline', 'run',
           '--input', os.path.join(corpus, 'feeds'), '--output', out] + list(a.wirefeed_args)
    print(f'[{n}] wirefeed under cProfile: {" ".join(cmd)}', flush=True)
    m = measure(cmd, os.path.join(a.workdir, f'wirefeed-{n}-profile.log'), a.poll,
                timeout=a.timeout)
    if m['exit_code'] != 0 or not os.path.exists(prof):
        print(_tail(m['log']))
        return {'wall_s': m['wall_s'], 'exit_code': m['exit_code']}
    comp = profile_components(prof)
    print(f'[{n}] profile ({m["wall_s"]:.1f} s wall under the profiler, {comp["total_s"]:.1f} s '
          f'profiled in the main process; {prof}):')
    for k, v in comp['components_s'].items():
        print(f'      {k:<24} {v:8.2f} s  {v / comp["total_s"]:6.1%}')
    return {'wall_s': m['wall_s'], 'exit_code': 0, 'prof': prof, **comp}


def _machine():
    info = {'python': platform.python_version(), 'platform': platform.platform(),
            'cpus': os.cpu_count()}
    try:
        info['loadavg_at_start'] = os.getloadavg()
        with open('/proc/meminfo') as fh:
            info['mem_total_gb'] = round(int(fh.readline().split()[1]) / 1024 ** 2, 1)
        with open('/proc/cpuinfo') as fh:
            for line in fh:
                if line.startswith('model name'):
                    info['cpu'] = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return info


def _fmt(v, spec='.1f', none='-'):
    return none if v is None else format(v, spec)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--sizes', type=int, nargs='+', default=[20000, 80000])
    ap.add_argument('--workdir', default='/tmp/wfbench')
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--feeds', type=int, default=40)
    ap.add_argument('--repeat', type=int, default=1, help='runs per command; the fastest counts')
    ap.add_argument('--poll', type=float, default=0.1, help='memory poll interval, s')
    ap.add_argument('--skip-baseline', action='store_true')
    ap.add_argument('--skip-wirefeed', action='store_true')
    ap.add_argument('--wirefeed-cmd', help='command instead of `wirefeed` '
                    '(default: wirefeed on PATH, else python -m pipeline)')
    ap.add_argument('--profile', action='store_true', help='after the timed runs, run '
                    'wirefeed once more under cProfile (python -m cProfile -m pipeline run) '
                    'and print its own time per component (formats, normalize, dedup, '
                    'sinks, beam, ...); in-process work only')
    ap.add_argument('--timeout', type=float, default=None, help='kill a run after this many s')
    ap.add_argument('--json', help='results file (default WORKDIR/results.json)')
    ap.add_argument('--wirefeed-args', nargs=argparse.REMAINDER, default=[],
                    help='extra arguments for `wirefeed run` (must come last)')
    a = ap.parse_args(argv)
    os.makedirs(a.workdir, exist_ok=True)
    results = {'started': dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds'),
               'machine': _machine(), 'args': vars(a), 'sizes': []}
    wf_cmd = _wirefeed_cmd(a.wirefeed_cmd)
    run_wf = not a.skip_wirefeed
    if run_wf:
        ok, why = _wirefeed_available(wf_cmd)
        if not ok:
            print(f'wirefeed: `{" ".join(wf_cmd)} run --help` fails ({why}); '
                  'benchmarking the baseline only')
            run_wf = False
            results['wirefeed_unavailable'] = str(why)

    for n in a.sizes:
        corpus, man = ensure_corpus(a.workdir, n, a.seed, a.feeds)
        truth = os.path.join(corpus, 'truth.jsonl')
        row = {'size': n, 'corpus': corpus, 'corpus_manifest': man}
        if not a.skip_baseline:
            runs = []
            for i in range(a.repeat):
                out = os.path.join(a.workdir, f'out-baseline-{n}')
                shutil.rmtree(out, ignore_errors=True)
                os.makedirs(out)
                rj = os.path.join(out, '_baseline.json')
                print(f'[{n}] baseline run {i + 1}/{a.repeat} ...', flush=True)
                m = measure([sys.executable, os.path.join(HERE, 'baseline.py'), corpus, out,
                             '--json', rj], os.path.join(a.workdir, f'baseline-{n}.log'),
                            a.poll, timeout=a.timeout)
                if m['exit_code'] == 0:
                    with open(rj, encoding='utf-8') as fh:
                        m['self_report'] = json.load(fh)
                    m['quality'] = score(truth, os.path.join(out, 'articles'))
                else:
                    print(_tail(m['log']))
                print(f'[{n}] baseline: {m["wall_s"]:.1f} s ({_fmt(m["cpu_s"])} s CPU), '
                      f'exit {m["exit_code"]}, '
                      f'largest process {_fmt(m["largest_process_mb"], ".0f")} MB', flush=True)
                runs.append(m)
            row['baseline_runs'] = runs
            ok = [r for r in runs if r['exit_code'] == 0]
            row['baseline'] = min(ok, key=lambda r: r['wall_s']) if ok else runs[-1]
        if run_wf:
            runs = []
            for i in range(a.repeat):
                out = os.path.join(a.workdir, f'out-wirefeed-{n}')
                shutil.rmtree(out, ignore_errors=True)
                cmd = wf_cmd + ['run', '--input', os.path.join(corpus, 'feeds'),
                                '--output', out] + list(a.wirefeed_args)
                print(f'[{n}] wirefeed run {i + 1}/{a.repeat}: {" ".join(cmd)}', flush=True)
                m = measure(cmd, os.path.join(a.workdir, f'wirefeed-{n}.log'), a.poll,
                            timeout=a.timeout)
                rep_path, stages = run_report(out)
                m['run_report'] = rep_path
                m['stages'] = stages
                if m['exit_code'] == 0 and os.path.isdir(os.path.join(out, 'articles')):
                    m['quality'] = score(truth, os.path.join(out, 'articles'))
                else:
                    print(_tail(m['log']))
                print(f'[{n}] wirefeed: {m["wall_s"]:.1f} s ({_fmt(m["cpu_s"])} s CPU), '
                      f'exit {m["exit_code"]}, '
                      f'largest process {_fmt(m["largest_process_mb"], ".0f")} MB, '
                      f'tree {_fmt(m["tree_peak_mb"], ".0f")} MB', flush=True)
                if stages:
                    m['stage_totals'] = stage_totals(stages)
                    print(f'[{n}] run report {rep_path}:')
                    for k, v in m['stage_totals'].items():
                        print(f'      {k:<48} {v:9.2f} s')
                    print('    in detail:')
                    for k, v in stages.items():
                        print(f'      {k:<48} {v}')
                runs.append(m)
            row['wirefeed_runs'] = runs
            ok = [r for r in runs if r['exit_code'] == 0]
            row['wirefeed'] = min(ok, key=lambda r: r['wall_s']) if ok else runs[-1]
            if a.profile:
                row['wirefeed_profile'] = _profile_run(a, corpus, n)
        results['sizes'].append(row)

    results['finished'] = dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')
    results['machine']['loadavg_at_end'] = os.getloadavg()
    summary = summarize(results)
    results['summary'] = summary
    path = a.json or os.path.join(a.workdir, 'results.json')
    with open(path, 'w', encoding='utf-8') as fh:
        json.dump(results, fh, indent=1, default=str)
        fh.write('\n')
    print(f'results: {path}')
    return 0


def summarize(results):
    """Print the table and the bar; return the figures as a dict."""
    rows = results['sizes']
    print()
    hdr = (f'{"size":>7} | {"base s":>7} {"base a/s":>8} | {"wf s":>7} {"wf a/s":>7} | '
           f'{"wf/base":>7} | {"peak MB base":>12} {"wf proc":>8} {"wf tree":>8} | '
           f'{"base P/R":>13} | {"wf P/R":>13}')
    print(hdr)
    print('-' * len(hdr))
    out = []
    for r in rows:
        n = r['size']
        b, w = r.get('baseline'), r.get('wirefeed')
        bs = b['wall_s'] if b and b['exit_code'] == 0 else None
        ws = w['wall_s'] if w and w['exit_code'] == 0 else None
        bq = (b or {}).get('quality') or {}
        wq = (w or {}).get('quality') or {}
        fig = {'size': n, 'baseline_s': bs, 'baseline_aps': n / bs if bs else None,
               'wirefeed_s': ws, 'wirefeed_aps': n / ws if ws else None,
               'ratio': ws / bs if ws and bs else None,
               'baseline_cpu_s': b.get('cpu_s') if bs else None,
               'wirefeed_cpu_s': w.get('cpu_s') if ws else None,
               'baseline_peak_mb': b.get('largest_process_mb') if bs else None,
               'wirefeed_largest_process_mb': w.get('largest_process_mb') if ws else None,
               'wirefeed_tree_mb': w.get('tree_peak_mb') if ws else None,
               'baseline_precision': bq.get('precision'), 'baseline_recall': bq.get('recall'),
               'wirefeed_precision': wq.get('precision'), 'wirefeed_recall': wq.get('recall')}
        out.append(fig)

        def pr(p, q):
            return f'{p:.3f}/{q:.3f}' if p is not None else '-'

        print(f'{n:>7} | {_fmt(bs):>7} {_fmt(fig["baseline_aps"], ".0f"):>8} | '
              f'{_fmt(ws):>7} {_fmt(fig["wirefeed_aps"], ".0f"):>7} | '
              f'{_fmt(fig["ratio"], ".2f"):>7} | {_fmt(fig["baseline_peak_mb"], ".0f"):>12} '
              f'{_fmt(fig["wirefeed_largest_process_mb"], ".0f"):>8} '
              f'{_fmt(fig["wirefeed_tree_mb"], ".0f"):>8} | '
              f'{pr(fig["baseline_precision"], fig["baseline_recall"]):>13} | '
              f'{pr(fig["wirefeed_precision"], fig["wirefeed_recall"]):>13}')
    for f in out:
        if f['baseline_cpu_s'] or f['wirefeed_cpu_s']:
            print(f'{f["size"]:>7}   CPU s (user+sys, whole tree): baseline '
                  f'{_fmt(f["baseline_cpu_s"])}, wirefeed {_fmt(f["wirefeed_cpu_s"])}')
    scaling = []
    for i in range(1, len(out)):
        a0, a1 = out[0], out[i]
        f = a1['size'] / a0['size']
        s = {'from': a0['size'], 'to': a1['size'], 'size_factor': f}
        for who in ('baseline', 'wirefeed'):
            t0, t1 = a0[f'{who}_s'], a1[f'{who}_s']
            s[f'{who}_time_factor'] = t1 / t0 if t0 and t1 else None
        scaling.append(s)
        print(f'scaling {a0["size"]} -> {a1["size"]} (x{f:.1f} articles): time x'
              f'{_fmt(s["baseline_time_factor"], ".2f")} baseline, x'
              f'{_fmt(s["wirefeed_time_factor"], ".2f")} wirefeed '
              f'(bar: <= x{1.1 * f:.1f})')
    # the issue's bar, informational
    bar = []
    for f in out:
        if f['ratio'] is not None:
            bar.append((f'{f["size"]}: wirefeed time <= 0.5x baseline', f['ratio'] <= 0.5,
                        f'{f["ratio"]:.2f}x'))
        if f['wirefeed_precision'] is not None:
            bar.append((f'{f["size"]}: precision >= 0.99', f['wirefeed_precision'] >= 0.99,
                        f'{f["wirefeed_precision"]:.4f}'))
            bar.append((f'{f["size"]}: recall >= 0.95', f['wirefeed_recall'] >= 0.95,
                        f'{f["wirefeed_recall"]:.4f}'))
        if f['wirefeed_largest_process_mb'] is not None:
            bar.append((f'{f["size"]}: largest process < 3 GB',
                        f['wirefeed_largest_process_mb'] < 3072,
                        f'{f["wirefeed_largest_process_mb"]:.0f} MB'))
    for s in scaling:
        if s['wirefeed_time_factor'] is not None:
            bar.append((f'{s["from"]}->{s["to"]}: time factor <= {1.1 * s["size_factor"]:.1f}',
                        s['wirefeed_time_factor'] <= 1.1 * s['size_factor'],
                        f'x{s["wirefeed_time_factor"]:.2f}'))
    if bar:
        print('\nissue 8 bar:')
        for name, ok, val in bar:
            print(f'  [{"ok" if ok else "MISS"}] {name}: {val}')
    for r in rows:
        for who in ('baseline', 'wirefeed'):
            q = (r.get(who) or {}).get('quality')
            if q and (q['missed_rate_by_edit'] or q['false_merge_pairs_by_kind']):
                print(f'\n{who} {r["size"]}: {q["copies_missed"]} copies not joined to their '
                      f'original; coverage {q["coverage"]:.3f}')
                worst = sorted(q['missed_rate_by_edit'].items(), key=lambda kv: -kv[1])[:6]
                if worst:
                    print('  missed rate by edit: ' + ', '.join(f'{e} {v:.1%}' for e, v in worst))
                if q['false_merge_pairs_by_kind']:
                    print('  false-merge pairs by kind: ' + ', '.join(
                        f'{k} {v}' for k, v in list(q['false_merge_pairs_by_kind'].items())[:6]))
    return {'rows': out, 'scaling': scaling,
            'bar': [{'check': n, 'ok': ok, 'value': v} for n, ok, v in bar]}


if __name__ == '__main__':
    sys.exit(main())
