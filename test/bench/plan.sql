-- bench/plan: the plan layer's per-row checks over 100,000 plans, each
-- against cpconf.deadline() over the same rows with the same profiles (the
-- target: a check costs at most 25x a deadline), and against the SQL a
-- council writes today for one rule of each (X-MOVED: the transfer
-- conference held by the end date; T-CG1 counted as 14 calendar days).
\ir common.psql
\pset footer off
DROP TABLE IF EXISTS bench_plans;

SELECT setseed(0.6);
CREATE TABLE bench_plans AS
SELECT i, (ARRAY['no_longer_at_risk', 'moved_permanently', 'died', 'reached_18'])[1 + floor(random() * 4)::int] AS ground,
       date '2025-01-01' + (random() * 300)::int AS ended,
       (ARRAY['derby', 'darlington', 'staffordshire', 'sussex'])[1 + floor(random() * 4)::int] AS profile,
       date '2025-01-01' + (random() * 300)::int AS transfer_held,
       random() < 0.3 AS first_review, random() < 0.2 AS actions_open,
       date '2025-01-01' + (random() * 300)::int AS conference,
       (random() * 5)::int AS core_group_members,
       random() < 0.9 AS contingency_plan
  FROM generate_series(1, 100000) i;
VACUUM ANALYZE bench_plans;

INSERT INTO bench_query VALUES
 (1, 'cpconf.deadline(T-ICPC) (baseline)', 100000,
  'SELECT count(cpconf.deadline(''T-ICPC'', ended, profile)) FROM bench_plans', 5),
 (2, 'hand-written X-MOVED check', 100000,
  'SELECT count(*) FILTER (WHERE ground = ''moved_permanently'' AND transfer_held > ended) FROM bench_plans', 5),
 (3, 'hand-written T-CG1 check (14 calendar days)', 100000,
  'SELECT count(*) FILTER (WHERE conference + 14 < ended) FROM bench_plans', 5),
 (4, 'cpconf.check_discontinuation, every rule', 100000,
  'SELECT count(*) FROM bench_plans e, LATERAL cpconf.check_discontinuation(e.ground::cpconf.end_reason,
                     e.ended, profile => e.profile, transfer_conference_held => e.transfer_held,
                     first_review => e.first_review, key_actions_open => e.actions_open)', 5),
 (5, 'cpconf.check_plan_start, every rule', 100000,
  'SELECT count(*) FROM bench_plans e, LATERAL cpconf.check_plan_start(e.conference,
                     lead_qualified_social_worker => true, core_group_members => e.core_group_members,
                     first_core_group => e.ended, first_review => e.ended, contingency_plan => e.contingency_plan,
                     outline_plan => true, visiting_arrangements => true,
                     categories => ''{neglect}'', profile => e.profile)', 5),
 (6, 'cpconf.first_review_due', 100000,
  'SELECT count(cpconf.first_review_due(conference, NULL, profile)) FROM bench_plans', 5),
 (7, 'cpconf.after_discontinuation', 100000,
  'SELECT count(*) FROM bench_plans e, LATERAL cpconf.after_discontinuation(e.ground::cpconf.end_reason,
                     e.ended, e.profile)', 5),
 (8, 'cpconf.check_cin_plan_closure', 100000,
  'SELECT count(*) FROM bench_plans e, LATERAL cpconf.check_cin_plan_closure(e.ended, e.transfer_held + 400, e.profile,
                     e.first_review, e.actions_open)', 5),
 (9, 'cpconf.check_icpc_timeliness', 100000,
  'SELECT count(*) FROM bench_plans e, LATERAL cpconf.check_icpc_timeliness(e.conference, e.conference + 25, e.profile,
                     e.first_review, e.actions_open)', 5),
 (10, 'hand-written ICPC timeliness (21 calendar days)', 100000,
  'SELECT count(*) FILTER (WHERE conference + 21 < conference + 25) FROM bench_plans', 5),
 (11, 'cpconf.check_participation, every rule', 100000,
  'SELECT count(*) FROM bench_plans e, LATERAL cpconf.check_participation(e.conference, e.profile, ''initial'',
                     e.ended - 4500, e.first_review, e.actions_open, true, true, e.actions_open, true, true,
                     true, true, e.core_group_members % 2)', 5),
 (12, 'cpconf.check_decision', 100000,
  'SELECT count(*) FROM bench_plans e, LATERAL cpconf.check_decision(e.conference, ''no_plan'', e.profile,
                     e.first_review, e.actions_open, e.contingency_plan)', 5);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf plan benchmark: 100,000 plans, four profiles'
SELECT what, round(ms::numeric, 1) AS ms, round((1000 * ms / rows)::numeric, 2) AS us_per_row,
       round((ms / (SELECT ms FROM result WHERE ord = 1))::numeric, 1) AS ratio_to_deadline
  FROM result ORDER BY ord;
\echo 'Target (issue 8): check_discontinuation and check_plan_start at most 25x cpconf.deadline(); issue 10''s checks likewise.'

DROP TABLE bench_plans;
