-- bench/timescales: cpconf.deadline over 1,000,000 rows against
-- cpconf.add_working_days over the same rows (the rule lookup is cached,
-- not re-read per row), and a months rule against date + interval.  Best of
-- 5 runs after a warm-up in one backend; no parallel workers, no JIT.
\ir common.psql
\pset footer off
DROP TABLE IF EXISTS bench_rows;

SELECT setseed(0.15);
CREATE TABLE bench_rows AS
SELECT date '2019-01-01' + (random() * 2500)::int AS day,
       (ARRAY['derbyshire', 'staffordshire', 'derby', 'darlington'])[1 + floor(random() * 4)::int] AS profile
  FROM generate_series(1, 1000000);
VACUUM ANALYZE bench_rows;

INSERT INTO bench_query VALUES
 (1, 'day + 15 (floor)', 1000000, 'SELECT max(day + 15) FROM bench_rows', 5),
 (2, 'cpconf.add_working_days(day, 15) (baseline)', 1000000,
  'SELECT max(cpconf.add_working_days(day, 15)) FROM bench_rows', 5),
 (3, 'cpconf.deadline(''T-ICPC'', day)', 1000000,
  'SELECT max(cpconf.deadline(''T-ICPC'', day)) FROM bench_rows', 5),
 (4, 'cpconf.deadline(''T-ICPC'', day, ''derby'', date ''2025-01-01'')', 1000000,
  'SELECT max(cpconf.deadline(''T-ICPC'', day, ''derby'', date ''2025-01-01'')) FROM bench_rows', 5),
 (5, 'cpconf.deadline(''T-MINUTES'', day, profile) (4 profiles by row)', 1000000,
  'SELECT max(cpconf.deadline(''T-MINUTES'', day, profile, date ''2025-01-01'')) FROM bench_rows', 5),
 (6, '(day + interval ''3 months'')::date', 1000000,
  'SELECT max((day + interval ''3 months'')::date) FROM bench_rows', 5),
 (7, 'cpconf.deadline(''T-RCPC1'', day)', 1000000,
  'SELECT max(cpconf.deadline(''T-RCPC1'', day)) FROM bench_rows', 5);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf timescales benchmark: cost per row, and ratio to cpconf.add_working_days over the same rows'
SELECT what, rows, round(ms::numeric, 1) AS ms, round((1e6 * ms / rows)::numeric, 1) AS ns_per_row,
       round((ms / (SELECT ms FROM result WHERE ord = 2))::numeric, 2) AS ratio_to_add_working_days
  FROM result ORDER BY ord;
\echo 'Target (issue 3): deadline within 2x of add_working_days'

DROP TABLE bench_rows;
