-- bench/enforcement: a COPY of 100,000 plans into a mapped table with every
-- check that watches plans (plan_start, plan_end, plan_integrity) in warn
-- mode and no violations, against the same COPY into the same table with no
-- check (the target, issue 11: at most 2x); also enforce mode, and warn mode
-- with 1% of the plans starting a day after their conference (D-START).
-- Then the same for 100,000 attendance rows of 20,000 conferences under
-- quoracy, judged at commit (forced inside the timing by SET CONSTRAINTS).
\ir common.psql
\pset footer off
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
SET cpconf.profile = 'national';

-- 100,000 conferences on working days of 2024, one child each
CREATE TABLE bench.meetings (id integer PRIMARY KEY, child integer, held date);
INSERT INTO bench.meetings
SELECT i, i, d FROM (SELECT i, cpconf.add_working_days(date '2024-01-01', (i % 240)::int) AS d
                       FROM generate_series(1, 100000) i) x;
CREATE TABLE bench.plans (id text PRIMARY KEY, child integer, meeting integer, started date, ended date, ground text,
                          category text, lead char(1), members integer, first_core_group date, first_review date,
                          contingency char(1), outline char(1), visiting char(1));
CREATE INDEX ON bench.plans (child);
CREATE TABLE bench.plans_unchecked (LIKE bench.plans INCLUDING ALL);
SELECT cpconf.map('conference', 'bench.meetings', '{"id": "id", "child": "child", "held": "held"}'),
       cpconf.map('plan', 'bench.plans',
                  '{"id": "id", "child": "child", "conference": "meeting", "started": "started", "ended": "ended",
                    "ground": "end_reason_unused", "categories": "category"}'::jsonb - 'ground' || '{"ground": "ground"}'
                  || '{"lead_qualified_social_worker": "lead", "core_group_members": "members", "first_core_group": "first_core_group",
                       "first_review": "first_review", "contingency_plan": "contingency", "outline_plan": "outline",
                       "visiting_arrangements": "visiting"}');

-- each plan starts on its conference's day, first core group that day,
-- first review 30 days later: nothing to find
COPY (SELECT 'P' || id, child, id, held, NULL, NULL, 'neglect', 'Y', 4, held, held + 30, 'Y', 'Y', 'Y' FROM bench.meetings)
  TO '/tmp/cpconf_bench_plans.csv' (FORMAT csv);
COPY (SELECT 'P' || id, child, id, CASE WHEN id % 100 = 0 THEN held + 1 ELSE held END, NULL, NULL, 'neglect', 'Y', 4,
             held + 1, held + 30, 'Y', 'Y', 'Y' FROM bench.meetings)
  TO '/tmp/cpconf_bench_plans_1pc.csv' (FORMAT csv);
SELECT cpconf.enforce('plan_start', 'warn'), cpconf.enforce('plan_end', 'warn'), cpconf.enforce('plan_integrity', 'warn');
ANALYZE bench.meetings;

INSERT INTO bench_query VALUES
 (1, 'COPY into a table with no check (baseline)', 100000,
  'TRUNCATE bench.plans_unchecked; COPY bench.plans_unchecked FROM ''/tmp/cpconf_bench_plans.csv'' (FORMAT csv)', 5),
 (2, 'COPY, 3 checks in warn mode, no violations', 100000,
  'UPDATE cpconf.enforced SET mode = ''warn''; TRUNCATE bench.plans; COPY bench.plans FROM ''/tmp/cpconf_bench_plans.csv'' (FORMAT csv)', 5),
 (3, 'COPY, 3 checks in enforce mode, no violations', 100000,
  'UPDATE cpconf.enforced SET mode = ''enforce''; TRUNCATE bench.plans; COPY bench.plans FROM ''/tmp/cpconf_bench_plans.csv'' (FORMAT csv)', 5),
 (4, 'COPY, 3 checks in warn mode, 1% violations', 100000,
  'UPDATE cpconf.enforced SET mode = ''warn''; TRUNCATE bench.plans; COPY bench.plans FROM ''/tmp/cpconf_bench_plans_1pc.csv'' (FORMAT csv)', 5);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf enforcement benchmark: COPY of 100,000 plans'
SELECT what, round(ms::numeric, 1) AS ms, round((1000 * ms / rows)::numeric, 2) AS us_per_row,
       round((ms / (SELECT ms FROM result WHERE ord = 1))::numeric, 2) AS ratio_to_plain_copy
  FROM result ORDER BY ord;
\echo 'Target (issue 11): warn mode with no violations at most 2x the plain COPY.'

SELECT count(cpconf.enforce(check_name, 'off')) FROM cpconf.enforced;
DELETE FROM cpconf.violation;
DELETE FROM cpconf.enforced;
DELETE FROM cpconf.mapping;
DROP SCHEMA bench CASCADE;
DELETE FROM result;
DELETE FROM bench_query;

-- 20,000 initial conferences on working days of 2024, each with its
-- decision; 5 agencies at each (quorate), or 2 at 1% of them (inquorate, the
-- chair's decision to proceed not recorded)
\pset footer off
CREATE SCHEMA bench;
CREATE TABLE bench.meetings (id integer PRIMARY KEY, child integer, held date, kind text, outcome text);
INSERT INTO bench.meetings
SELECT i, i, cpconf.add_working_days(date '2024-01-01', (i % 240)::int), 'initial', 'plan' FROM generate_series(1, 20000) i;
CREATE TABLE bench.attendance (id integer PRIMARY KEY, meeting integer, agency text, how text, knows boolean);
CREATE INDEX ON bench.attendance (meeting);
CREATE TABLE bench.attendance_unchecked (LIKE bench.attendance INCLUDING ALL);
SELECT cpconf.map('conference', 'bench.meetings', '{"id": "id", "child": "child", "held": "held", "kind": "kind", "decision": "outcome"}'),
       cpconf.map('attendance', 'bench.attendance',
                  '{"id": "id", "conference": "meeting", "agency": "agency", "took_part": "how", "direct_contact": "knows"}');
COPY (SELECT 5 * m.id + a.n, m.id, a.agency, 'attended', true FROM bench.meetings m,
             unnest(ARRAY['children''s social care', 'police', 'school', 'health', 'GP']) WITH ORDINALITY a(agency, n))
  TO '/tmp/cpconf_bench_attendance.csv' (FORMAT csv);
COPY (SELECT 5 * m.id + a.n, m.id, a.agency, 'attended', true FROM bench.meetings m,
             unnest(ARRAY['children''s social care', 'police', 'school', 'health', 'GP']) WITH ORDINALITY a(agency, n)
       WHERE m.id % 100 <> 0 OR a.n <= 2)
  TO '/tmp/cpconf_bench_attendance_1pc.csv' (FORMAT csv);
SELECT cpconf.enforce('quoracy', 'warn');
ANALYZE bench.meetings;

INSERT INTO bench_query VALUES
 (1, 'COPY into a table with no check (baseline)', 100000,
  'TRUNCATE bench.attendance_unchecked; COPY bench.attendance_unchecked FROM ''/tmp/cpconf_bench_attendance.csv'' (FORMAT csv)', 5),
 (2, 'COPY, quoracy in warn mode, no violations', 100000,
  'UPDATE cpconf.enforced SET mode = ''warn''; TRUNCATE bench.attendance; COPY bench.attendance FROM ''/tmp/cpconf_bench_attendance.csv'' (FORMAT csv); SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED', 5),
 (3, 'COPY, quoracy in enforce mode, no violations', 100000,
  'UPDATE cpconf.enforced SET mode = ''enforce''; TRUNCATE bench.attendance; COPY bench.attendance FROM ''/tmp/cpconf_bench_attendance.csv'' (FORMAT csv); SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED', 5),
 (4, 'COPY, quoracy in warn mode, 1% inquorate', 99400,
  'UPDATE cpconf.enforced SET mode = ''warn''; TRUNCATE bench.attendance; COPY bench.attendance FROM ''/tmp/cpconf_bench_attendance_1pc.csv'' (FORMAT csv); SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED', 5);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf enforcement benchmark: COPY of 100,000 attendance rows (20,000 conferences), quoracy judged at commit'
SELECT what, round(ms::numeric, 1) AS ms, round((1000 * ms / rows)::numeric, 2) AS us_per_row,
       round((ms / (SELECT ms FROM result WHERE ord = 1))::numeric, 2) AS ratio_to_plain_copy
  FROM result ORDER BY ord;
\echo 'Target (issue 11): warn mode with no violations at most 2x the plain COPY.'
SELECT count(*) AS inquorate_logged FROM cpconf.violation;

SELECT count(cpconf.enforce(check_name, 'off')) FROM cpconf.enforced;
DELETE FROM cpconf.violation;
DELETE FROM cpconf.enforced;
DELETE FROM cpconf.mapping;
DROP SCHEMA bench CASCADE;
