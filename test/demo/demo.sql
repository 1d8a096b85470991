-- make demo: what cpconf does, on sample data.
SET client_min_messages = warning;
SET DateStyle = ISO, YMD;
\pset footer off
CREATE EXTENSION cpconf;

\echo
\echo '== This year''s bank holidays, England and Wales'
SELECT day, to_char(day, 'Dy') AS weekday, name
  FROM cpconf.bank_holidays('england-and-wales',
                            make_date(extract(year FROM current_date)::int, 1, 1),
                            make_date(extract(year FROM current_date)::int, 12, 31));

\echo
\echo '== A council calendar: England and Wales plus the office closure between Christmas and New Year'
INSERT INTO cpconf.council_calendar VALUES ('sample-council', 'england-and-wales', 'Offices closed 27-31 December');
INSERT INTO cpconf.closure_day
SELECT 'sample-council', d::date, 'Christmas office closure'
  FROM generate_series(date '2020-01-01', date '2030-12-31', interval '1 day') d
 WHERE extract(month FROM d) = 12 AND extract(day FROM d) BETWEEN 27 AND 31
   AND extract(isodow FROM d) < 6
   AND cpconf.builtin_bank_holiday('england-and-wales', d::date) IS NULL;
SELECT name, kind, base, closure_days FROM cpconf.calendars ORDER BY kind DESC, name;

\echo
\echo '== Strategy discussions in the sample data, and when the initial conference is due'
\echo '   (15 working days, rule T-ICPC; "day + 21" is the calendar-day shortcut dashboards often use,'
\echo '   which calls a conference late days before it is)'
CREATE TABLE strategy_discussion (child text, held date);
INSERT INTO strategy_discussion VALUES
    ('A', '2024-12-20'),   -- Friday before Christmas
    ('B', '2024-12-21'),   -- a Saturday: counts as the Friday before
    ('C', '2025-04-11'),   -- before Easter and the early May holiday
    ('D', '2022-05-27'),   -- before the Platinum Jubilee
    ('E', '2023-04-28'),   -- before the coronation
    ('F', '2026-12-18'),   -- before Christmas 2026 (Boxing Day substitute on Mon 28 Dec)
    ('G', '2027-03-19');   -- before Easter 2027
SELECT child, held, to_char(held, 'Dy') AS dow,
       cpconf.add_working_days(held, 15) AS icpc_due,
       cpconf.add_working_days(held, 15, 'sample-council') AS icpc_due_council,
       cpconf.add_working_days(held, 15, 'scotland') AS icpc_due_scotland,
       held + 21 AS naive_day_plus_21,
       cpconf.add_working_days(held, 15) - (held + 21) AS naive_too_early_by
  FROM strategy_discussion ORDER BY held;

\echo
\echo '== Working days the conference actually took, for an audit'
SELECT child, held, conference,
       cpconf.working_days_between(held, conference) AS working_days,
       cpconf.working_days_between(held, conference) <= 15 AS within_15
  FROM (VALUES ('A', date '2024-12-20', date '2025-01-15'), ('C', '2025-04-11', '2025-05-08'),
               ('D', '2022-05-27', '2022-06-17')) v(child, held, conference);

\echo
\echo '== One child''s timeline under two partnerships'' procedures, side by side'
\echo '   (strategy discussion Fri 5 Dec 2025; the dates that follow are planned on time)'
WITH events (step, rule, anchor) AS (VALUES
    (1, 'T-ICPC',            date '2025-12-05'),   -- initial conference due
    (2, 'T-REPORT-FAMILY-I', date '2025-12-19'),   -- reports to the family, before the ICPC
    (3, 'T-REPORT-CHAIR-I',  date '2025-12-19'),   -- report to the chair
    (4, 'T-DECISION',        date '2025-12-19'),   -- decision circulated, after the ICPC
    (5, 'T-CG1',             date '2025-12-19'),   -- first core group
    (6, 'T-MINUTES',         date '2025-12-19'),   -- minutes circulated
    (7, 'T-RCPC1',           date '2025-12-19'),   -- first review conference
    (8, 'T-REPORT-FAMILY-R', date '2026-03-19'),   -- reports before that review
    (9, 'T-RCPCN',           date '2026-03-19'))   -- next review
SELECT e.rule, e.anchor,
       d.amount || ' ' || d.unit || ' ' || replace(d.direction, '_', ' ') AS derby_rule,
       cpconf.deadline(e.rule, e.anchor, 'derby') AS derby_due,
       a.amount || ' ' || a.unit || ' ' || replace(a.direction, '_', ' ') AS darlington_rule,
       cpconf.deadline(e.rule, e.anchor, 'darlington') AS darlington_due
  FROM events e
  JOIN cpconf.timescales('derby', date '2025-12-05') d ON d.rule = e.rule
  JOIN cpconf.timescales('darlington', date '2025-12-05') a ON a.rule = e.rule
 ORDER BY e.step;

\echo
\echo '== Was each conference quorate? Computed from who attended (rule Q-MIN), per partnership'
INSERT INTO cpconf.agency (name, sector, service) VALUES
    ('Health Visitor', 'health', 'health visiting'), ('School Nurse', 'health', 'school nursing'),
    ('PC Smith, CAIT', 'police', NULL), ('Head of Year 7', 'education', NULL);
CREATE TABLE conference_attendance (conference int, held date, agency text, status text, direct_contact boolean);
INSERT INTO conference_attendance VALUES
    (101, '2025-03-03', 'CSC', 'attended', NULL), (101, '2025-03-03', 'PC Smith, CAIT', 'attended', true),
    (101, '2025-03-03', 'Health Visitor', 'attended', true),
    (102, '2025-03-10', 'CSC', 'attended', NULL), (102, '2025-03-10', 'Health Visitor', 'attended', true),
    (102, '2025-03-10', 'School Nurse', 'attended', true), (102, '2025-03-10', 'Head of Year 7', 'apologies', true),
    (103, '2025-03-17', 'CSC', 'attended', NULL), (103, '2025-03-17', 'PC Smith, CAIT', 'attended', NULL),
    (103, '2025-03-17', 'Head of Year 7', 'attended', true);
-- Initial conferences.  Staffordshire's health services "may" count apart:
-- the chair's judgement, not recorded here (NULL where it decides), then
-- recorded as apart.
SELECT conference, held,
       (cpconf.quoracy(agency, status, direct_contact, NULL, NULL, NULL, held, 'derby', 'initial', NULL)).quorate AS derby,
       (cpconf.quoracy(agency, status, NULL, direct_contact, NULL, NULL, held, 'staffordshire', 'initial', NULL)).quorate AS staffordshire,
       (cpconf.quoracy(agency, status, NULL, direct_contact, NULL, NULL, held, 'staffordshire', 'initial', true)).quorate
         AS staffordshire_apart,
       (cpconf.quoracy(agency, status, direct_contact, NULL, NULL, NULL, held, 'derby', 'initial', NULL)).reason AS why_under_derby
  FROM conference_attendance GROUP BY conference, held ORDER BY conference;

\echo
\echo '== May these plans end? Every rule an ending would break (X-*, doc/rules.md)'
SELECT 'derby: moved, transfer conference next week' AS ending, rule, problem
  FROM cpconf.check_discontinuation('moved_permanently', date '2025-06-02', profile => 'derby',
        transfer_conference_held => date '2025-06-09', responsibility_confirmed_in_writing => true)
UNION ALL
SELECT 'darlington: first review, no longer at risk', rule, problem
  FROM cpconf.check_discontinuation('no_longer_at_risk', date '2025-06-02', profile => 'darlington', first_review => true)
UNION ALL
SELECT 'staffordshire: no longer at risk, actions open', rule, problem
  FROM cpconf.check_discontinuation('no_longer_at_risk', date '2025-06-02', profile => 'staffordshire',
        key_actions_open => true, open_actions_rationale_minuted => false);
\echo
\echo '== And what must follow an ending in Derby'
SELECT * FROM cpconf.after_discontinuation('no_longer_at_risk', date '2025-06-02', 'derby');

\echo
\echo '== Enforcement: a sample council''s own tables (test/sample/council.sql), mapped and checked as records are written'
\o /dev/null
\i test/sample/council.sql
\o
SET cpconf.profile = 'national';
SELECT entity, on_table, count(*) FILTER (WHERE state = 'ok') AS fields_mapped
  FROM cpconf.mappings GROUP BY entity, on_table ORDER BY entity;
-- legacy data, written before any check: a second open plan, a conference on a Saturday
INSERT INTO "Case Records"."Children" VALUES (1, '2015-03-02', NULL);
INSERT INTO "Case Records".enquiries VALUES (10, 1, '2025-03-03 10:00', NULL);
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On")
VALUES (100, 1, 10, 'Initial', '2025-03-24 10:00 Europe/London'), (102, 1, NULL, 'Review', '2025-03-29 10:00 Europe/London');
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date)
VALUES ('P-1', 1, 100, '2025-03-24'), ('P-2', 1, 100, '2025-05-01');
\o /dev/null
SELECT cpconf.enforce('icpc_timeliness'), cpconf.enforce('plan_integrity'), cpconf.enforce('conference_day', 'warn');
\o
\echo
\echo '-- warn mode and audit(): the violations already in the legacy data'
SELECT check_name, record_key, rule, problem FROM cpconf.audit() WHERE check_name IN ('plan_integrity', 'conference_day')
 ORDER BY check_name, record_key;
\echo
\echo '-- enforce mode: an initial conference a day late (due Monday 24 March 2025), the delay''s reasons not recorded, is refused:'
\set ON_ERROR_STOP 0
\set SHOW_CONTEXT never
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On")
VALUES (101, 1, 10, 'Initial', '2025-03-25 10:00 Europe/London');
\set ON_ERROR_STOP 1
\echo '-- the same record with the reasons recorded is accepted, and logged as an approved exception:'
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", "Delay Reason Recorded")
VALUES (101, 1, 10, 'Initial', '2025-03-25 10:00 Europe/London', 'Y');
SELECT on_table, record_key, check_name, rule, exception FROM cpconf.violation ORDER BY id;

\echo
\echo '== Reporting: a year of the sample council''s records (generated), its indicators, and an HTML report'
-- the checks off, to load a year of history: 300 strategy discussions from
-- April 2024, most conferences 13 to 15 working days later (as nationally),
-- some late, a few records with a placeholder date; two in three lead to a
-- plan, some of which end.
\o /dev/null
SELECT cpconf.enforce(check_name, 'off') FROM cpconf.enforcement WHERE mode <> 'off';
SELECT setseed(0.2025);
INSERT INTO "Case Records"."Children" SELECT 1000 + i, date '2015-01-01' + (random() * 3000)::int, NULL FROM generate_series(1, 300) i;
INSERT INTO "Case Records".enquiries
SELECT 1000 + i, 1000 + i, cpconf.add_working_days(date '2024-04-01', (random() * 245)::int) + time '10:00', NULL FROM generate_series(1, 300) i;
UPDATE "Case Records".enquiries SET "Strategy Discussion" = '1900-01-01' WHERE enquiry_id IN (1013, 1157);
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", outcome)
SELECT 1000 + e.enquiry_id, e.child_no, e.enquiry_id, 'Initial',
       (cpconf.add_working_days(e."Strategy Discussion"::date, w) + time '14:00') AT TIME ZONE 'Europe/London',
       CASE WHEN random() < 0.67 THEN 'Y' ELSE 'N' END
  FROM (SELECT *, CASE WHEN random() < 0.55 THEN 13 + (random() * 2)::int WHEN random() < 0.6 THEN 5 + (random() * 7)::int
                       ELSE 16 + (random() * 12)::int END AS w
          FROM "Case Records".enquiries WHERE enquiry_id > 1000 AND "Strategy Discussion" > '2000-01-01') e;
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On")
VALUES (2013, 1013, 1013, 'Initial', '2024-06-03 10:00 Europe/London'), (2157, 1157, 1157, 'Initial', '2024-11-04 10:00 Europe/London');
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date, end_date)
SELECT 'P-' || m.meeting_id, m.child_no, m.meeting_id, m."Held On"::date,
       CASE WHEN random() < 0.3 THEN m."Held On"::date + 90 + (random() * 200)::int END
  FROM "Case Records"."Meetings" m WHERE m.meeting_id > 1000 AND m.outcome = 'Y';
\o
SELECT measure, numerator, denominator, value, left_out, left_out_why
  FROM cpconf.indicators(date '2024-04-01', date '2025-03-31');
\set period_from 2024-04-01
\set period_to 2025-03-31
\i test/demo/report.sql
\echo 'The report is in' :report '(open it in a browser).'

