-- bench/conference: quoracy over 1,000,000 attendance rows grouped into
-- 150,000 conferences, against a plain count(DISTINCT agency) ... GROUP BY
-- of the same rows (issue 4's target: within 3x).  Best of 5 interleaved rounds in one
-- backend; no parallel workers, no JIT.
\ir common.psql
\pset footer off
DROP TABLE IF EXISTS bench_attendance;

INSERT INTO cpconf.agency (name, sector, service) VALUES
    ('Social Worker', 'social_care', NULL), ('Police CAIT', 'police', NULL),
    ('Health Visitor', 'health', 'health visiting'), ('School Nurse', 'health', 'school nursing'),
    ('Teacher', 'education', NULL), ('Probation Officer', 'probation', NULL), ('Housing', 'other', NULL);

SELECT setseed(0.4);
CREATE TABLE bench_attendance AS
SELECT c AS conference, date '2024-01-01' + (c % 600) AS held,
       (ARRAY['Social Worker', 'Police CAIT', 'Health Visitor', 'School Nurse', 'Teacher',
              'Probation Officer', 'Housing'])[1 + floor(random() * 7)::int] AS agency,
       (ARRAY['attended', 'attended', 'attended', 'report', 'absent'])[1 + floor(random() * 5)::int] AS took_part,
       random() < 0.9 AS direct_contact
  FROM generate_series(1, 150000) c, LATERAL generate_series(1, 6 + (c % 3 <> 0)::int) r;
VACUUM ANALYZE bench_attendance;
SELECT count(*) AS attendance_rows, count(DISTINCT conference) AS conferences FROM bench_attendance;

INSERT INTO bench_query VALUES
 (1, 'count(DISTINCT agency) GROUP BY conference (baseline)', 1000000,
  'SELECT count(*) FROM (SELECT conference, count(DISTINCT agency) FROM bench_attendance GROUP BY conference) g', 5),
 (2, 'cpconf.quoracy(cpconf.attendee(...)) GROUP BY conference', 1000000,
  'SELECT count(*) FILTER (WHERE (q).quorate) FROM (SELECT conference,
                     cpconf.quoracy(cpconf.attendee(agency, took_part, direct_contact), held, ''derby'') AS q
                     FROM bench_attendance GROUP BY conference) g', 5),
 (5, 'cpconf.quoracy(agency, took_part, ...) GROUP BY conference (direct form)', 1000000,
  'SELECT count(*) FILTER (WHERE (q).quorate) FROM (SELECT conference,
                     cpconf.quoracy(agency, took_part, direct_contact, NULL, NULL, NULL, held, ''derby'') AS q
                     FROM bench_attendance GROUP BY conference) g', 5),
 (3, 'the attendee() form, GROUP BY conference, held', 1000000,
  'SELECT count(*) FILTER (WHERE (q).quorate) FROM (SELECT conference,
                     cpconf.quoracy(cpconf.attendee(agency, took_part, direct_contact), held, ''derby'') AS q
                     FROM bench_attendance GROUP BY conference, held) g', 5),
 (4, 'the same under staffordshire (health services as the chair judges, not recorded)', 1000000,
  'SELECT count(*) FILTER (WHERE (q).quorate) FROM (SELECT conference,
                     cpconf.quoracy(cpconf.attendee(agency, took_part, NULL, direct_contact), held, ''staffordshire'') AS q
                     FROM bench_attendance GROUP BY conference) g', 5);
SELECT pg_temp.run_benchmarks();

\pset footer on
\echo
\echo 'cpconf conference benchmark: 1,000,000 attendance rows, 150,000 conferences'
SELECT what, round(ms::numeric, 1) AS ms, round((1e6 * ms / 1000000)::numeric, 1) AS ns_per_row,
       round((ms / (SELECT ms FROM result WHERE ord = 1))::numeric, 2) AS ratio_to_count_distinct
  FROM result ORDER BY CASE ord WHEN 5 THEN 1.5 ELSE ord END;
\echo 'Target (issue 4): quoracy within 3x of count(DISTINCT agency) GROUP BY'

DROP TABLE bench_attendance;
DELETE FROM cpconf.agency;
