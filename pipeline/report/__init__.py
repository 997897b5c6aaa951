"""``wirefeed report``: one self-contained HTML page about a run or a date
range of a wirefeed output folder.

    from pipeline.report import build_report, write_report
    html = build_report('wirefeed-output')                 # the last run
    write_report('wirefeed-output', 'report.html', run_id='20260317-0600')
    write_report('wirefeed-output', 'march.html',
                 since=date(2026, 3, 1), until=date(2026, 3, 31))

Layout: ``source`` finds the files and selects rows into DuckDB;
``queries`` computes the figures (pure functions of the selected rows);
``places`` gives offline coordinates for the dateline map; ``charts`` draws
matplotlib SVG; ``template`` is the HTML (Jinja2, autoescaped); ``build``
ties them together.
"""
from .build import build_report, context, write_report
from .source import ReportError, Selection, open_selection

__all__ = ['build_report', 'write_report', 'context', 'open_selection',
           'ReportError', 'Selection']
