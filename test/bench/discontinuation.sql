-- bench/discontinuation: cpconf.check_discontinuation over 20,000 plan
-- endings, against the SQL a council writes today for one of its rules
-- (X-MOVED alone: the transfer conference held by the end date).  These
-- checks run per plan, in plpgsql, not per attendance row or date.
\ir common.psql
\pset footer off
DROP TABLE IF EXISTS bench_endings;

SELECT setseed(0.6);
CREATE TABLE bench_endings AS
SELECT i, (ARRAY['no_longer_at_risk', 'moved_permanently', 'died', 'reached_18'])[1 + floor(random() * 4)::int] AS ground,
       date '2025-01-01' + (random() * 300)::int AS ended,
       (ARRAY['derby', 'darlington', 'staffordshire', 'sussex'])[1 + floor(random() * 4)::int] AS profile,
       date '2025-01-01' + (random() * 300)::int AS transfer_held,
       random() < 0.3 AS first_review, random() < 0.2 AS actions_open
  FROM generate_series(1, 20000) i;
VACUUM ANALYZE bench_endings;

INSERT INTO bench_query VALUES
 (1, 'hand-written X-MOVED check (baseline)', 20000,
  'SELECT count(*) FILTER (WHERE ground = ''moved_permanently'' AND transfer_held > ended) FROM bench_endings', 5),
 (2, 'cpconf.check_discontinuation, every rule', 20000,
  'SELECT count(*) FROM bench_endings e, LATERAL cpconf.check_discontinuation(e.ground::cpconf.end_reason,
                     e.ended, profile => e.profile, transfer_conference_held => e.transfer_held,
                     first_review => e.first_review, key_actions_open => e.actions_open)', 1);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf discontinuation benchmark: 20,000 plan endings'
SELECT what, round(ms::numeric, 1) AS ms, round((1000 * ms / 20000)::numeric, 1) AS us_per_ending,
       round((ms / (SELECT ms FROM result WHERE ord = 1))::numeric, 0) AS ratio_to_baseline
  FROM result ORDER BY ord;
\echo 'No target in issue 5; per plan, not per row.'

DROP TABLE bench_endings;
