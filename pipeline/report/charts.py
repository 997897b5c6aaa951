"""The report's charts: matplotlib figures saved as SVG text to inline in
the HTML page.

No pyplot (no global figure state, no GUI backend): each chart is a
``matplotlib.figure.Figure`` rendered by the SVG backend. Text stays text
(``svg.fonttype='none'``: small files, the page's fonts), labels from the
data are never parsed as math (``$`` in a name is a dollar sign), and the
SVG is trimmed for inlining: no XML prolog, DOCTYPE, metadata or comments,
and every id prefixed with the chart's name so that several charts share
one HTML document without id clashes. Output is deterministic for the same
data.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Dict, Optional, Sequence, Tuple

import matplotlib
from matplotlib.figure import Figure

from .queries import NONE, OTHER, Share, TimeSeries

#: Colours of the series (Tableau 10, colour-blind friendlier order), then
#: fixed greys for 'other' and 'none'.
PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2',
           '#edc948', '#b07aa1', '#ff9da7', '#9c755f']
GREYS = {OTHER: '#8c8c8c', NONE: '#cfcfcf'}
INK = '#333333'
ACCENT = '#4e79a7'

_RC = {
    'svg.fonttype': 'none',
    'text.parse_math': False,
    'font.family': 'sans-serif',
    'font.sans-serif': ['DejaVu Sans', 'Arial', 'Helvetica'],
    'font.size': 9,
    'axes.edgecolor': '#999999',
    'axes.labelcolor': INK,
    'axes.titlesize': 10,
    'xtick.color': INK,
    'ytick.color': INK,
    'axes.spines.top': False,
    'axes.spines.right': False,
    'svg.image_inline': True,
}


def colors(labels: Sequence[str]) -> Dict[str, str]:
    """A stable colour per series label (greys for other/none)."""
    out, i = {}, 0
    for lab in labels:
        if lab in GREYS:
            out[lab] = GREYS[lab]
        else:
            out[lab] = PALETTE[i % len(PALETTE)]
            i += 1
    return out


def _counts(axis) -> None:
    """Whole-number ticks written plainly (1,000 not 1e3, no math text)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator
    if axis.get_scale() == 'linear':
        axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _: f'{v:,.0f}'))


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout='constrained')
    fig.patch.set_alpha(0)
    return fig


_ID = re.compile(r'\bid="([^"]+)"')


def to_svg(fig: Figure, name: str, title: Optional[str] = None) -> str:
    """The figure as an ``<svg>`` element ready to inline in HTML, its
    accessible name ``title``."""
    buf = io.StringIO()
    with matplotlib.rc_context({**_RC, 'svg.hashsalt': f'wirefeed-{name}'}):
        fig.savefig(buf, format='svg', metadata={'Date': None},
                    transparent=True)
    svg = buf.getvalue()
    svg = svg[svg.index('<svg'):]
    svg = re.sub(r'<metadata>.*?</metadata>', '', svg, flags=re.S)
    svg = re.sub(r'<!--.*?-->', '', svg, flags=re.S)
    prefix = re.sub(r'[^A-Za-z0-9_-]', '-', name) + '-'
    for old in sorted(set(_ID.findall(svg)), key=len, reverse=True):
        new = prefix + old
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
        svg = svg.replace(f'url(#{old})', f'url(#{new})')
    svg = re.sub(r'\n\s*\n', '\n', svg)
    return svg.replace('<svg ', f'<svg class="chart" role="img" '
                       f'aria-labelledby="{prefix}title" ', 1).replace(
        '>', f'><title id="{prefix}title">{_xml(title or name)}</title>', 1)


def _xml(s: str) -> str:
    return (s.replace('&', '&amp;').replace('<', '&lt;')
            .replace('>', '&gt;').replace('"', '&quot;'))


def _short(label: Optional[str], n: int = 32) -> str:
    label = label if label is not None else '(unknown)'
    return label if len(label) <= n else label[:n - 1] + '…'


def _render(name, title, draw, width=9.0, height=3.2) -> str:
    with matplotlib.rc_context({**_RC, 'svg.hashsalt': f'wirefeed-{name}'}):
        fig = _figure(width, height)
        draw(fig)
        return to_svg(fig, name, title)


# --------------------------------------------------------------------------


def stacked_time(ts: TimeSeries, name: str, what: str,
                 palette: Optional[Dict[str, str]] = None) -> Optional[str]:
    """Stacked counts of ``what`` per hour/day (steps: each hour is a flat
    band), one colour per series."""
    if not ts.buckets or not ts.total:
        return None

    def draw(fig):
        import matplotlib.dates as mdates
        ax = fig.add_subplot()
        # Stacked steps, one filled path per series (an SVG of a few KB
        # where a bar per hour and series would weigh hundreds).
        step = dt.timedelta(hours=1 if ts.unit == 'hour' else 24)
        x = [b.replace(tzinfo=None) for b in ts.buckets]
        x.append(x[-1] + step)
        cols = palette or colors(list(ts.series))
        labels = list(ts.series)
        ax.stackplot(x, [list(v) + [v[-1]] for v in ts.series.values()],
                     step='post', colors=[cols.get(k, GREYS[OTHER])
                                          for k in labels],
                     labels=[_short(k, 20) for k in labels], linewidth=0)
        ax.set_xlim(x[0], x[-1])
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_ylabel(f'{what} per {ts.unit} (UTC)')
        _counts(ax.yaxis)
        ax.grid(axis='y', color='#e5e5e5', linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_ylim(bottom=0)
        handles, names = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], names[::-1], loc='upper left',   # as stacked
                  bbox_to_anchor=(1.0, 1.0), frameon=False, title='agency',
                  fontsize=8, title_fontsize=8)
    return _render(name, f'{what} per {ts.unit} by agency', draw)


def share_bars(shares: Sequence[Share], name: str, what: str,
               split: bool = False) -> Optional[str]:
    """Horizontal bars of articles per label, largest on top; with
    ``split``, originals and syndicated copies stacked."""
    if not shares:
        return None
    labels = [_short(s.label) for s in shares][::-1]
    height = 0.6 + 0.24 * len(shares)

    def draw(fig):
        ax = fig.add_subplot()
        y = range(len(shares))
        if split:
            orig = [s.originals for s in shares][::-1]
            copies = [s.copies for s in shares][::-1]
            ax.barh(y, orig, color=ACCENT, label='original')
            ax.barh(y, copies, left=orig, color='#f28e2b',
                    label='syndicated copy')
            ax.legend(loc='lower right', bbox_to_anchor=(1.0, 1.0), ncol=2,
                      frameon=False, fontsize=8)
        else:
            cols = [GREYS[NONE] if s.label == NONE else ACCENT
                    for s in shares][::-1]
            ax.barh(y, [s.articles for s in shares][::-1], color=cols)
        for i, s in enumerate(shares[::-1]):
            ax.annotate(f'{s.share:.0%}', (s.articles, i), xytext=(3, 0),
                        textcoords='offset points', va='center', fontsize=7,
                        color=INK)
        ax.set_yticks(list(y), labels)
        ax.set_xlabel(f'articles ({what})')
        _counts(ax.xaxis)
        ax.margins(x=0.12)
        ax.grid(axis='x', color='#e5e5e5', linewidth=0.6)
        ax.set_axisbelow(True)
    return _render(name, f'articles per {what}', draw, width=6.5,
                   height=max(1.6, height))


def cluster_histogram(sizes: Sequence[Tuple[int, int]], name: str,
                      cap: int = 15) -> Optional[str]:
    """Stories per cluster size (articles per story); sizes above ``cap``
    share the last bar."""
    if not sizes:
        return None
    counts: Dict[int, int] = {}
    for size, n in sizes:
        counts[min(size, cap)] = counts.get(min(size, cap), 0) + n
    top = max(counts)
    xs = list(range(1, top + 1))
    labels = [str(x) if x < cap else f'{cap}+' for x in xs]

    def draw(fig):
        ax = fig.add_subplot()
        ys = [counts.get(x, 0) for x in xs]
        bars = ax.bar(xs, ys, color=[GREYS[OTHER] if x == 1 else ACCENT
                                     for x in xs], width=0.8)
        ax.bar_label(bars, [str(v) if v else '' for v in ys], fontsize=7,
                     padding=2)
        ax.set_xticks(xs, labels)
        ax.set_xlabel('articles in the story')
        ax.set_ylabel('stories')
        if max(ys) > 200:   # one-article stories dwarf the rest
            ax.set_yscale('symlog', linthresh=10)
        _counts(ax.yaxis)
        ax.margins(y=0.15)
    return _render(name, 'stories by number of articles', draw, width=6.5,
                   height=2.8)


def dateline_map(points: Sequence[Tuple[str, float, float, int, bool]],
                 background: Sequence[Tuple[float, float]],
                 name: str) -> Optional[str]:
    """Dateline places (label, lat, lon, articles, exact) as circles sized
    by articles, over faint dots of the world's cities (the outline of the
    inhabited world, drawn from the bundled gazetteer: no map tiles). The
    dots are rasterized into the SVG as an inline PNG to stay small."""
    if not points:
        return None

    def draw(fig):
        ax = fig.add_subplot()
        if background:
            ax.scatter([p[1] for p in background], [p[0] for p in background],
                       s=0.8, color='#b4c2cf', linewidths=0, rasterized=True)
        big = max(p[3] for p in points)
        ax.scatter([p[2] for p in points], [p[1] for p in points],
                   s=[20 + 380 * p[3] / big for p in points],
                   color=[ACCENT if p[4] else '#f28e2b' for p in points],
                   alpha=0.7, edgecolors='white', linewidths=0.6, zorder=3)
        placed = []   # label the biggest places whose labels do not collide
        for p in sorted(points, key=lambda p: (-p[3], p[0])):
            if len(placed) == 10:
                break
            if any(abs(p[2] - x) < 24 and abs(p[1] - y) < 5 for x, y in placed):
                continue
            placed.append((p[2], p[1]))
            ax.annotate(_short(p[0], 22), (p[2], p[1]), xytext=(5, 4),
                        textcoords='offset points', fontsize=7, color=INK,
                        zorder=4)
        ax.set_xlim(-180, 180)
        ax.set_ylim(-58, 80)
        ax.set_aspect('equal')
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
    return _render(name, 'map of dateline locations', draw, width=9.0,
                   height=4.2)


def quarantine_bars(reasons: Sequence[dict], name: str) -> Optional[str]:
    """Quarantined rows per stage and reason."""
    if not reasons:
        return None
    stages = sorted({r['stage'] for r in reasons})
    cols = colors(stages)
    rows = list(reasons)[:15][::-1]

    def draw(fig):
        ax = fig.add_subplot()
        y = range(len(rows))
        ax.barh(y, [r['rows'] for r in rows],
                color=[cols[r['stage']] for r in rows])
        ax.set_yticks(list(y), [_short(f"{r['stage']}: {r['reason']}", 40)
                                for r in rows])
        ax.set_xlabel('quarantined rows')
        _counts(ax.xaxis)
        ax.grid(axis='x', color='#e5e5e5', linewidth=0.6)
        ax.set_axisbelow(True)
    return _render(name, 'quarantined rows by stage and reason', draw,
                   width=6.5, height=max(1.4, 0.6 + 0.26 * len(rows)))
