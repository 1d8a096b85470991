-- bench/calendar: the cost of cpconf's working-day arithmetic over
-- 1,000,000 rows, as ratios against baselines measured in the same
-- backend: `day + 21` (the physical floor) and the SQL a council writes
-- today (a calendar table with a running working-day index; a
-- generate_series count).  Best of 5 interleaved rounds, after a warm-up; no parallel workers, no JIT.
\ir common.psql
\pset footer off
DROP TABLE IF EXISTS bench_rows, bench_calendar;

SELECT setseed(0.21);
CREATE TABLE bench_rows AS
SELECT date '2000-01-01' + (random() * 11000)::int AS day,
       date '2000-01-01' + (random() * 11000)::int AS other_day
  FROM generate_series(1, 1000000);
VACUUM ANALYZE bench_rows;

-- The calendar table a council keeps: every day, whether it works, and a
-- running count of working days.
CREATE TABLE bench_calendar AS
SELECT d::date AS day,
       extract(isodow FROM d) < 6 AND NOT EXISTS
           (SELECT FROM cpconf.bank_holidays('england-and-wales', d::date, d::date)) AS working,
       0 AS working_index
  FROM generate_series(date '1999-01-01', date '2032-12-31', interval '1 day') d;
UPDATE bench_calendar c SET working_index = x.n
  FROM (SELECT day, count(*) FILTER (WHERE working) OVER (ORDER BY day) AS n FROM bench_calendar) x
 WHERE x.day = c.day;
ALTER TABLE bench_calendar ADD PRIMARY KEY (day);
CREATE INDEX ON bench_calendar (working_index) WHERE working;
VACUUM ANALYZE bench_calendar;

INSERT INTO bench_query VALUES
 (1, 'day + 21 (baseline)', 1000000,
  'SELECT max(day + 21) FROM bench_rows', 5),
 (2, 'cpconf.add_working_days(day, 21)', 1000000,
  'SELECT max(cpconf.add_working_days(day, 21)) FROM bench_rows', 5),
 (3, 'cpconf.add_working_days(day, 21, ''england-and-wales'')', 1000000,
  'SELECT max(cpconf.add_working_days(day, 21, ''england-and-wales'')) FROM bench_rows', 5),
 (4, 'calendar table: join on working-day index', 1000000,
  'SELECT max(c2.day) FROM bench_rows r
                     JOIN bench_calendar c1 ON c1.day = r.day
                     JOIN bench_calendar c2 ON c2.working AND c2.working_index = c1.working_index + 21', 5),
 (41, 'calendar table: lookup per row (scalar subqueries)', 100000,
  'SELECT max((SELECT c2.day FROM bench_calendar c2
                                WHERE c2.working AND c2.working_index =
                                      (SELECT c1.working_index FROM bench_calendar c1 WHERE c1.day = r.day) + 21))
                     FROM (SELECT day FROM bench_rows LIMIT 100000) r', 1),
 (5, 'generate_series: 21st working day after', 20000,
  'SELECT max((SELECT d FROM generate_series(r.day + 1, r.day + 60, interval ''1 day'') d
                               WHERE extract(isodow FROM d) < 6
                                 AND d::date NOT IN (SELECT day FROM cpconf.bank_holidays(''england-and-wales'', r.day, r.day + 60))
                               ORDER BY d OFFSET 20 LIMIT 1)) FROM (SELECT day FROM bench_rows LIMIT 20000) r', 1),
 (6, 'other_day - day (baseline)', 1000000,
  'SELECT max(other_day - day) FROM bench_rows', 5),
 (7, 'cpconf.working_days_between(day, other_day)', 1000000,
  'SELECT max(cpconf.working_days_between(day, other_day)) FROM bench_rows', 5),
 (8, 'calendar table: difference of working-day indexes', 1000000,
  'SELECT max(c2.working_index - c1.working_index) FROM bench_rows r
                     JOIN bench_calendar c1 ON c1.day = r.day
                     JOIN bench_calendar c2 ON c2.day = r.other_day', 5),
 (9, 'generate_series: count working days between', 2000,
  'SELECT max((SELECT count(*) FROM generate_series(least(r.day, r.other_day) + 1, greatest(r.day, r.other_day), interval ''1 day'') d
                               WHERE extract(isodow FROM d) < 6
                                 AND d::date NOT IN (SELECT day FROM cpconf.bank_holidays(''england-and-wales'', NULL, NULL)))) FROM (SELECT * FROM bench_rows LIMIT 2000) r', 1);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf calendar benchmark: cost per row, and ratio to the baseline of its group'
\echo '(add_working_days against day + 21; working_days_between against other_day - day)'
SELECT what, rows, round(ms::numeric, 1) AS ms,
       round((1e6 * ms / rows)::numeric, 1) AS ns_per_row,
       round(((ms / rows) / (SELECT ms / rows FROM result b WHERE b.ord = CASE WHEN r.ord < 6 OR r.ord > 40 THEN 1 ELSE 6 END))::numeric, 2) AS ratio_to_baseline
  FROM result r ORDER BY CASE WHEN ord > 40 THEN ord / 10.0 + 0.05 ELSE ord END;

CREATE FUNCTION pg_temp.per_row(o int) RETURNS float8 LANGUAGE sql AS
    $$ SELECT ms / rows FROM result WHERE ord = o $$;
\echo 'Targets (issue 2): add_working_days within 1.5x of day + 21; at least 30x faster than calendar-table SQL'
SELECT round((pg_temp.per_row(2) / pg_temp.per_row(1))::numeric, 2) AS "add_working_days / day+21",
       round((pg_temp.per_row(4) / pg_temp.per_row(2))::numeric, 1) AS "calendar join / add_working_days",
       round((pg_temp.per_row(41) / pg_temp.per_row(2))::numeric, 1) AS "calendar lookup / add_working_days",
       round((pg_temp.per_row(5) / pg_temp.per_row(2))::numeric, 0) AS "generate_series / add_working_days";

DROP TABLE bench_rows, bench_calendar;
