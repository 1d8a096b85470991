-- test/demo/report.sql: an HTML report of a period's indicators, written to
-- the file named by psql variable report (make demo: cpconf-report.html),
-- from cpconf.indicators() and cpconf.icpc_timeliness() over the mapped
-- tables.  Variables period_from and period_to bound the period.  One page,
-- no script: the indicators table, and a chart of initial conferences by
-- working days from the strategy discussion, coloured by national band,
-- with the 15-working-day line.
\pset format unaligned
\pset tuples_only on
\pset footer off
\o :report
WITH ind AS (
    SELECT * FROM cpconf.indicators(:'period_from', :'period_to')
), days AS (
    -- working days 0 to 30, and 31 for 31 or more
    SELECT least(working_days, 31) AS wd, band, count(*) AS n
      FROM cpconf.icpc_timeliness(:'period_from', :'period_to') t
     WHERE t.status IN ('on_time', 'late') AND t.transfer_in IS NOT TRUE
     GROUP BY 1, 2
), scale AS (
    SELECT greatest(max(n), 1) AS top FROM days
), bars AS (
    SELECT string_agg(format('<rect x="%s" y="%s" width="16" height="%s" fill="%s"><title>%s working days: %s</title></rect>',
                             40 + wd * 20, 260 - round(220.0 * n / top), round(220.0 * n / top),
                             CASE band WHEN '0-10' THEN '#1b7837' WHEN '11-15' THEN '#7fbf7b' WHEN '16-20' THEN '#f1a340' ELSE '#b2182b' END,
                             CASE WHEN wd = 31 THEN '31 or more' ELSE wd::text END, n), E'\n' ORDER BY wd) AS svg
      FROM days, scale
), axis AS (
    SELECT string_agg(format('<text x="%s" y="278" font-size="10" text-anchor="middle">%s</text>', 48 + d * 20,
                             CASE WHEN d = 31 THEN '31+' ELSE d::text END), E'\n') AS svg
      FROM generate_series(0, 31, 5) d
), rows AS (
    SELECT string_agg(format('<tr><td>%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td>%s</td></tr>',
                             replace(replace(replace(measure, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                             coalesce(numerator::text, ''), coalesce(denominator::text, ''), coalesce(value::text, ''),
                             coalesce(left_out::text, '') || coalesce(' ' || nullif(left_out_why, '{}')::text, ''),
                             replace(replace(replace(definition, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')), E'\n') AS html
      FROM ind
)
SELECT format($html$<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Child protection indicators, %1$s to %2$s</title>
<style>
body { font-family: sans-serif; margin: 2em; max-width: 70em; }
table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #ccc; padding: 0.3em 0.6em; vertical-align: top; }
td.n { text-align: right; }
th { text-align: left; }
</style>
</head>
<body>
<h1>Child protection indicators, %1$s to %2$s</h1>
<p>Computed by cpconf from the council's own tables: each measure with its numerator, denominator, the records left
out and why, and its definition.</p>
<table>
<tr><th>measure</th><th>numerator</th><th>denominator</th><th>value</th><th>left out</th><th>definition</th></tr>
%3$s
</table>
<h2>Initial conferences by working days from the strategy discussion</h2>
<svg id="icpc-working-days" xmlns="http://www.w3.org/2000/svg" width="700" height="300" role="img"
     aria-label="Initial conferences by working days from the strategy discussion, with the 15-working-day line">
<line x1="36" y1="260" x2="690" y2="260" stroke="#333"/>
%4$s
%5$s
<line id="fifteen-working-days" x1="358" y1="20" x2="358" y2="262" stroke="#333" stroke-dasharray="4 3"/>
<text x="362" y="32" font-size="11">15 working days (T-ICPC)</text>
<text x="360" y="296" font-size="11" text-anchor="middle">working days from the strategy discussion to the conference</text>
</svg>
<p>Bars: 0-10 working days dark green, 11-15 light green, 16-20 orange, 21 or more red (the national statistic's bands).</p>
</body>
</html>$html$, :'period_from', :'period_to', rows.html, coalesce(bars.svg, ''), axis.svg)
  FROM rows, bars, axis;
\o
\pset format aligned
\pset tuples_only off
\pset footer on
