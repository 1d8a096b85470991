-- bench/reporting: cpconf.timeliness('T-ICPC', ...) over 1,000,000 strategy
-- discussions and their conferences, against the floor (day + integer), the
-- deadline alone (cpconf.deadline), and the SQL a council writes without
-- cpconf: a calendar table numbering the working days, joined twice (its
-- answers are compared with cpconf's first).  Best of 5 runs after a
-- warm-up in one backend; no parallel workers, no JIT.
\ir common.psql
\pset footer off
DROP TABLE IF EXISTS bench_rows, bench_calendar;

SELECT setseed(0.52);
CREATE TABLE bench_rows AS
SELECT d AS discussion, d + (random() * 40)::int AS held
  FROM (SELECT date '2019-01-01' + (random() * 2500)::int AS d FROM generate_series(1, 1000000)) s;
VACUUM ANALYZE bench_rows;
-- the council's calendar table: each day, and the number of working days up
-- to and including it (bank holidays from cpconf, so that both agree)
CREATE TABLE bench_calendar AS
SELECT d::date AS day, count(*) FILTER (WHERE cpconf.is_working_day(d::date)) OVER (ORDER BY d) AS working_day_no
  FROM generate_series(date '2018-12-01', date '2026-12-31', interval '1 day') d;
ALTER TABLE bench_calendar ADD PRIMARY KEY (day);
VACUUM ANALYZE bench_calendar;
SET cpconf.profile = 'national';

SELECT count(*) AS rows, count(*) FILTER (WHERE (t).working_days IS DISTINCT FROM c2.working_day_no - c1.working_day_no
                                            OR (t).on_time IS DISTINCT FROM (c2.working_day_no - c1.working_day_no <= 15)) AS disagree
  FROM (SELECT r.*, cpconf.timeliness('T-ICPC', r.discussion, r.held) AS t FROM bench_rows r) x
  JOIN bench_calendar c1 ON c1.day = x.discussion JOIN bench_calendar c2 ON c2.day = x.held;

INSERT INTO bench_query VALUES
 (1, 'discussion + 15 (floor)', 1000000, 'SELECT max(discussion + 15) FROM bench_rows', 5),
 (2, 'cpconf.deadline(''T-ICPC'', discussion) (baseline)', 1000000,
  'SELECT max(cpconf.deadline(''T-ICPC'', discussion)) FROM bench_rows', 5),
 (3, 'cpconf.timeliness(''T-ICPC'', discussion, held): on time, working days, band', 1000000,
  'SELECT count(*) FILTER (WHERE (t).on_time), max((t).working_days), max((t).band)
     FROM (SELECT cpconf.timeliness(''T-ICPC'', discussion, held) AS t FROM bench_rows) x', 5),
 (4, 'a council''s calendar table joined twice: working days, on time, band', 1000000,
  'SELECT count(*) FILTER (WHERE w <= 15), max(w),
          max(CASE WHEN w <= 10 THEN ''0-10'' WHEN w <= 15 THEN ''11-15'' WHEN w <= 20 THEN ''16-20'' ELSE ''21+'' END)
     FROM (SELECT c2.working_day_no - c1.working_day_no AS w FROM bench_rows r
             JOIN bench_calendar c1 ON c1.day = r.discussion JOIN bench_calendar c2 ON c2.day = r.held) x', 5);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf reporting benchmark: timeliness of 1,000,000 initial conferences'
SELECT what, rows, round(ms::numeric, 1) AS ms, round((1e6 * ms / rows)::numeric, 1) AS ns_per_row,
       round((ms / (SELECT ms FROM result WHERE ord = 2))::numeric, 2) AS ratio_to_deadline,
       round((ms / (SELECT ms FROM result WHERE ord = 4))::numeric, 2) AS ratio_to_calendar_table
  FROM result ORDER BY ord;

DROP TABLE bench_rows, bench_calendar;
