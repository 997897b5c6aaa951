"""Assemble the report: select rows, compute the figures, draw the charts,
render the page."""
from __future__ import annotations

import datetime as dt
import os
from typing import Optional

from . import charts, places, queries
from ..sinks.files import is_remote
from .source import Selection, open_selection
from .template import render

#: Agencies drawn as their own series in the charts over time.
TOP_AGENCIES = 6
TOP_STORIES = 15
TOP_DATELINES = 20
#: Bars in the share charts; the caption sums up the rest.
SHARE_BARS = 12
#: Rows in the share tables; the rest are summed in one 'other' row.
SHARE_ROWS = 25


def context(con, sel: Selection, now: Optional[dt.datetime] = None) -> dict:
    """Everything the template shows, computed from the selected rows (a
    connection prepared by :func:`pipeline.report.source.open_selection`)
    and the selected run reports."""
    o = queries.overview(con, sel.runs)
    run_totals = o['runs']
    totals = {
        'entries_read': run_totals['entries_read'],
        'entries_read_note': None if run_totals['entries_read'] is not None
        else 'no run report',
        # The run report counts what the run decided; without one, the
        # tables still tell how many copies and rejections were written.
        'duplicates': (run_totals['duplicates']
                       if run_totals['duplicates'] is not None
                       else o['copies']),
        'repeats': run_totals['repeats'],
        'quarantined': (run_totals['quarantined']
                        if run_totals['quarantined'] is not None
                        else o['quarantine_rows']),
        'articles_written': run_totals['articles_written'],
        'stories_written': run_totals['stories_written'],
    }
    unit = queries.time_unit(con)
    a_time = queries.articles_over_time(con, TOP_AGENCIES, unit)
    s_time = queries.stories_over_time(con, TOP_AGENCIES, unit)
    palette = charts.colors(list(a_time.series) + [
        k for k in s_time.series if k not in a_time.series])
    agencies = queries.agency_share(con)
    publishers = queries.publisher_share(con)
    agency_bars, agency_rest = queries.split_top(agencies, SHARE_BARS)
    publisher_bars, publisher_rest = queries.split_top(publishers, SHARE_BARS)
    sizes = queries.cluster_sizes(con)
    lines, with_dl, without_dl = queries.datelines(con, TOP_DATELINES)
    dateline_rows, points = [], []
    for d in lines:
        row = vars(d).copy()
        row['country_name'] = places.country_name(d.country)
        dateline_rows.append(row)
        where = places.coordinates(d.location, d.country)
        if where:
            points.append((d.location, where[0], where[1], d.articles,
                           where[2]))
    reasons = queries.quarantine_reasons(con)
    feeds, feed_status = queries.feed_health(sel.runs)
    drawn = {
        'articles_time': charts.stacked_time(a_time, 'articles-time',
                                             'articles', palette),
        'stories_time': charts.stacked_time(s_time, 'stories-time',
                                            'stories', palette),
        'agency_share': charts.share_bars(agency_bars, 'agency-share',
                                          'agency'),
        'publisher_share': charts.share_bars(publisher_bars,
                                             'publisher-share', 'publisher',
                                             split=True),
        'clusters': charts.cluster_histogram(sizes, 'cluster-sizes'),
        'map': (charts.dateline_map(points, places.world_points(),
                                    'dateline-map') if points else None),
        'quarantine': charts.quarantine_bars(reasons, 'quarantine'),
    }
    from .. import __version__
    return {
        'version': __version__,
        'generated_at': now or dt.datetime.now(dt.timezone.utc),
        'selection': sel.describe(),
        'output_dir': (sel.output_dir if is_remote(sel.output_dir)
                       else os.path.abspath(sel.output_dir)),
        'o': o, 'totals': totals,
        'runs': queries.run_rows(sel.runs),
        'unit': unit, 'top_n': TOP_AGENCIES,
        'articles_time': a_time, 'stories_time': s_time,
        'stories': queries.top_stories(con, TOP_STORIES),
        'agencies': queries.fold(agencies, SHARE_ROWS),
        'publishers': queries.fold(publishers, SHARE_ROWS),
        'agency_rest': agency_rest, 'publisher_rest': publisher_rest,
        'agency_count': len([a for a in agencies if a.label != queries.NONE]),
        'publisher_count': len(publishers),
        'sizes': queries.size_summary(sizes),
        'datelines': dateline_rows, 'with_dateline': with_dl,
        'without_dateline': without_dl,
        'mapped': len(points),
        'approximate': any(not p[4] for p in points),
        'feeds': feeds, 'feed_status': feed_status, 'reasons': reasons,
        'charts': drawn,
    }


def build_report(output_dir: str, run_id: Optional[str] = None,
                 since: Optional[dt.date] = None,
                 until: Optional[dt.date] = None) -> str:
    """The report of a wirefeed output folder as one self-contained HTML
    document.

    Selects the articles written by ``run_id`` and/or published between
    ``since`` and ``until`` (inclusive, UTC dates); with neither, the last
    run (newest ``_runs/*.json`` by finished_at), or everything when the
    folder has no run report. Raises :class:`ReportError` (one-line message)
    for a missing folder, an unknown run or an empty date range.
    """
    con, sel = open_selection(output_dir, run_id, since, until)
    try:
        return render(context(con, sel))
    finally:
        con.close()


def write_report(output_dir: str, path: str, **kw) -> str:
    """Write :func:`build_report` (``kw``: run_id, since, until) to ``path``
    atomically (a reader never sees half a file); returns ``path``."""
    html = build_report(output_dir, **kw)
    folder, name = os.path.split(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f'.{name}.{os.getpid()}.tmp')
    try:
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(html)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
