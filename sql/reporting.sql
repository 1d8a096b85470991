-- reporting: whether an event was on time, every row judged, none aborting.
SET client_min_messages = warning;
SET DateStyle = 'ISO, YMD';
SET TimeZone = 'Europe/London';
SET ROLE regress_cpconf_user;
SET cpconf.profile = 'national';

-- T-ICPC, 15 working days from the strategy discussion on Monday 3 March
-- 2025: 4-7, 10-14, 17-21, 24 March, so due Monday 24 March.  Held on the
-- 17th: 10 working days; the 24th: 15, in time; the 25th: 16, late.
SELECT held, (t).* FROM (
    SELECT held, cpconf.timeliness('T-ICPC', date '2025-03-03', held) AS t
      FROM unnest(ARRAY[date '2025-03-03', '2025-03-17', '2025-03-24', '2025-03-25', '2025-04-01', '2025-04-02']) held) x;

-- The national statistic counts working days: a deadline on Friday 21 March
-- 2025 (from Friday 28 February: 3-7, 10-14, 17-21 March) and a conference
-- on Saturday the 22nd is 15 working days, in time, though after the due day.
SELECT (cpconf.timeliness('T-ICPC', date '2025-02-28', date '2025-03-22')).*;

-- Bank holidays counted: from Monday 5 September 2022, the state funeral on
-- Monday 19 September is not a working day (6-9, 12-16, 20-23, 26, 27), so
-- due Tuesday 27 September, and the 27th is in time.  From Monday 12
-- December 2022: 13-16, 19-23, then Boxing Day (26), Christmas's substitute
-- (27) and New Year's (2 January 2023) are not working days (28-30, 3-5
-- January): due Thursday 5 January 2023.  From Tuesday 12 December 2023:
-- 13-15, 18-22, 27-29 (Christmas Day and Boxing Day, Tuesday 26 December,
-- are not), 2-5 January 2024 (New Year's Day the 1st is not): due Friday 5
-- January 2024 (a list without 26 December 2023 would say the 4th).
SELECT anchor, held, (t).due, (t).working_days, (t).on_time, (t).band FROM (
    SELECT anchor, held, cpconf.timeliness('T-ICPC', anchor, held) AS t
      FROM (VALUES (date '2022-09-05', date '2022-09-27'), ('2022-12-12', '2023-01-05'), ('2022-12-12', '2023-01-06'),
                   ('2023-12-12', '2024-01-05'), ('2023-12-12', '2024-01-08')) v(anchor, held)) x;

-- A month rule (T-RCPC1, 3 months from the initial conference on 3 March
-- 2025: due 3 June): held on or before the due day is in time; no working
-- days, no band.  A calendar-day rule alike (T-CG1 is in working days:
-- 10 from Monday 3 March 2025 is Monday 17 March).
SELECT rule, held, (t).* FROM (
    SELECT rule, held, cpconf.timeliness(rule, date '2025-03-03', held) AS t
      FROM (VALUES ('T-RCPC1', date '2025-06-03'), ('T-RCPC1', '2025-06-04'), ('T-CG1', '2025-03-17'), ('T-CG1', '2025-03-18')) v(rule, held)) x;

-- Timestamps are read as their day; a timestamp with time zone as its day in
-- England.  Due 3 June 2025: a timestamp at 23:30 on 2 June is the 2nd, in
-- time; 23:30 UTC on 3 June is 00:30 on 4 June in London (summer time),
-- late; 23:30 UTC on 2 June is the 3rd in London, in time beside a date.
SELECT (cpconf.timeliness('T-RCPC1', timestamp '2025-03-03 10:00', timestamp '2025-06-02 23:30')).status AS timestamp_day,
       (cpconf.timeliness('T-RCPC1', timestamptz '2025-03-03 10:00+00', timestamptz '2025-06-03 23:30+00')).status AS london_day,
       (cpconf.timeliness('T-RCPC1', date '2025-03-03', timestamptz '2025-06-02 23:30+00')).status AS mixed,
       (cpconf.timeliness('T-RCPC1', '2025-03-03', '2025-06-03')).status AS literals;

-- Under a profile: derby's calendar and rules (the same 15 working days).
SELECT (cpconf.timeliness('T-ICPC', date '2025-03-03', date '2025-03-24', 'derby')).*;

-- Data that cannot be judged: every row comes back, its status naming the
-- problem; nothing aborts the query.
SELECT what, (t).* FROM (
    SELECT what, cpconf.timeliness('T-ICPC', anchor, held) AS t
      FROM (VALUES ('not held yet', date '2025-03-03', NULL::date),
                   ('no strategy discussion', NULL, date '2025-03-24'),
                   ('held before it', date '2025-03-03', date '2025-02-28'),
                   ('placeholder anchor', date '1900-01-01', date '2025-03-24'),
                   ('placeholder held', date '2025-03-03', date '1900-01-01'),
                   ('year 9999', date '2025-03-03', date '9999-12-31'),
                   ('infinity', date '2025-03-03', 'infinity'::date),
                   ('-infinity anchor', '-infinity'::date, date '2025-03-24')) v(what, anchor, held)) x;
SELECT (cpconf.timeliness('T-ICPC', timestamptz 'infinity', timestamptz '2025-03-24 10:00+00')).status;
-- a deadline past the calendars' last year is data out of range, not a rule missing
SELECT (cpconf.timeliness('T-ICPC', date '2199-12-20', date '2199-12-31')).status;

-- A rule of "at least before": staffordshire's reports shared with the
-- family at least 2 working days before an initial conference (from 1
-- October 2018).  Conference on Wednesday 12 March 2025: due Monday 10
-- March; shared on the 10th in time, on the 11th late.  A conference before
-- the rule's first version: status, not an error.
SELECT held, (t).* FROM (
    SELECT held, cpconf.timeliness('T-REPORT-FAMILY-I', anchor, held, 'staffordshire') AS t
      FROM (VALUES (date '2025-03-12', date '2025-03-10'), ('2025-03-12', '2025-03-11'),
                   ('2018-09-28', '2018-09-26')) v(anchor, held)) x;

-- The query's own mistakes are errors.
SELECT * FROM regress.error($$SELECT cpconf.timeliness('T-NOPE', date '2025-03-03', date '2025-03-24')$$);
SELECT * FROM regress.error($$SELECT cpconf.timeliness('T-ICPC', date '2025-03-03', date '2025-03-24', 'nowhere')$$);
SELECT * FROM regress.error($$SELECT cpconf.timeliness(NULL, date '2025-03-03', date '2025-03-24')$$);
SELECT * FROM regress.error($$SELECT cpconf.timeliness('T-ICPC', '2025-03-03'::text, date '2025-03-24')$$);
SELECT * FROM regress.error($$SELECT cpconf.timeliness('T-ICPC', 20250303, date '2025-03-24')$$);
SELECT * FROM regress.error($$SELECT cpconf.timeliness('T-CG1-BIRTH', date '2025-03-03', date '2025-03-24', 'national')$$);
-- a rule or profile wrong is an error even on a row without dates
SELECT * FROM regress.error($$SELECT cpconf.timeliness('T-NOPE', NULL::date, NULL::date)$$);
RESET ROLE;

-- Reports over a council's own tables, mapped (the sample council of
-- doc/enforcement.md), read with the rights of the role that runs them.
SELECT current_user AS superuser \gset
\set settings 'SET client_min_messages = warning; SET DateStyle = ''ISO, YMD''; SET TimeZone = ''Europe/London''; SET cpconf.profile = ''national'';'
SELECT format('GRANT CREATE ON DATABASE %I TO regress_cpconf_user', current_database()) \gexec
\c - regress_cpconf_user
:settings
\set ECHO none
\o /dev/null
\i test/sample/council.sql
\o
\set ECHO all
-- the case system's own target date, and a transfer-in flag as text
ALTER TABLE "Case Records"."Meetings" ADD COLUMN "Target Date" date, ADD COLUMN "Transfer In" text;
SELECT cpconf.map('conference', '"Case Records"."Meetings"',
                  (SELECT columns FROM cpconf.mapping WHERE entity = 'conference') || '{"due": "Target Date", "transfer_in": "Transfer In"}');

INSERT INTO "Case Records"."Children" VALUES (1, '2015-03-02', NULL), (2, '2012-06-01', NULL), (3, '2011-01-10', NULL),
    (4, '2019-05-05', NULL), (5, '2020-02-02', NULL), (6, '2021-07-07', NULL);
-- Strategy discussions (timestamps): Monday 3 March 2025 (T-ICPC due Monday
-- 24 March: 4-7, 10-14, 17-21, 24), Friday 28 February 2025 (due Friday 21
-- March: 3-7, 10-14, 17-21), Monday 5 September 2022 (due Tuesday 27
-- September: the state funeral on the 19th is not a working day), and a
-- placeholder 1900-01-01.
INSERT INTO "Case Records".enquiries VALUES (10, 1, '2025-03-03 10:00', NULL), (11, 2, '2025-02-28 16:00', NULL),
    (12, 3, '2022-09-05 09:00', NULL), (13, 4, '2025-03-03 11:00', NULL), (14, 5, '1900-01-01', NULL);
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", "Target Date", "Transfer In") VALUES
    (100, 1, 10, 'Initial', '2025-03-24 10:00+00', '2025-03-24', 'N'),   -- 15 working days: on time
    (101, 2, 11, 'ICPC', '2025-03-22 10:00+00', '2025-03-21', NULL),     -- a Saturday: 15 working days, on time
    (102, 3, 12, 'Initial', '2022-09-27 10:00+01', '2022-09-26', 'N'),   -- on time; the system's target missed the funeral
    (103, 4, 13, 'initial', '2025-03-25 14:00+00', NULL, 'no'),          -- 16 working days: late
    (104, 5, 14, 'Initial', '2025-04-01 10:00+01', NULL, 'N'),           -- the placeholder: not judged
    (105, 6, NULL, 'Initial', '2025-04-02 10:00+01', NULL, 'N'),         -- not linked to its enquiry
    (106, 6, 99, 'Initial', '2025-04-03 10:00+01', NULL, 'N'),           -- linked to an enquiry not in its table
    (107, 1, NULL, 'Review', '2025-06-02 10:00+01', NULL, NULL),         -- a review: not an initial conference
    (108, 4, NULL, 'Transfer-in', '2025-04-10 10:00+01', NULL, NULL),    -- a transfer-in conference
    (109, 2, 11, 'Core Group', '2025-03-20 10:00+00', NULL, NULL),       -- a kind cpconf does not know
    (110, 3, 12, 'Initial', NULL, NULL, 'M'),                            -- a flag that is not yes or no
    (111, 5, 14, 'Initial', NULL, NULL, 'N');                            -- not held
SELECT conference, strategy_discussion, discussion_held, held, due, working_days, band, on_time, transfer_in, status,
       system_due, system_due_agrees
  FROM cpconf.icpc_timeliness() ORDER BY conference;
SELECT conference, status, problem FROM cpconf.icpc_timeliness() WHERE problem IS NOT NULL ORDER BY conference;
-- the period: conferences held from 1 to 31 March 2025, and 111, which
-- cannot be placed in any (not held; its strategy discussion a placeholder)
SELECT conference, held, status FROM cpconf.icpc_timeliness(date '2025-03-01', date '2025-03-31') ORDER BY conference;
-- under derby (the same 15 working days; before derby's own rows of 9
-- September 2024, 2022 is judged by the national ones it inherits)
SELECT conference, status FROM cpconf.icpc_timeliness(profile => 'derby') WHERE conference IN ('100', '102') ORDER BY conference;
-- the query's mistakes are errors; the data's are statuses
SELECT * FROM regress.error($$SELECT * FROM cpconf.icpc_timeliness(profile => 'nowhere')$$);

-- Indicators.  March 2025: conferences 100 and 101 in time (15 working
-- days), 103 late (16), 109 of an unknown kind and 111 (no usable day)
-- left out: 2 of 3 in time; working days 15, 15, 16.
SELECT measure, numerator, denominator, value, left_out, left_out_why FROM cpconf.indicators(date '2025-03-01', date '2025-03-31')
 WHERE measure LIKE 'icpc%';
-- Plans in the reporting year 1 April 2024 to 31 March 2025: P-1 (child 1,
-- 1 May 2024 to 10 January 2025), P-2 (child 1 again, from 1 February 2025:
-- a second plan), P-3 (child 2, 1 June 2022 to 1 July 2024: over 2 years),
-- P-5 (a placeholder start: left out), P-6 (child 5 from 31 March 2025, the
-- last day), P-7 (child 6, 31 March to 1 April 2024: ended on the first
-- day), P-8 (child 3, from 1 April 2025: after the year).  Started: P-1,
-- P-2, P-6 (children 1 and 5); ended: P-1, P-3, P-7; open at the end: P-2,
-- P-6; second or subsequent: P-2 of 3; lasting 2 years or more: P-3 of 3.
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, start_date, end_date) VALUES
    ('P-1', 1, '2024-05-01', '2025-01-10'), ('P-2', 1, '2025-02-01', NULL), ('P-3', 2, '2022-06-01', '2024-07-01'),
    ('P-5', 4, '1900-01-01', NULL), ('P-6', 5, '2025-03-31', NULL), ('P-7', 6, '2024-03-31', '2024-04-01'),
    ('P-8', 3, '2025-04-01', NULL);
SELECT (cpconf.reporting_year(date '2025-03-31')).*, (cpconf.reporting_year(date '2025-04-01')).*;
SELECT measure, numerator, denominator, value, left_out, left_out_why FROM cpconf.indicators(date '2024-04-01', date '2025-03-31')
 WHERE measure NOT LIKE 'icpc%';
-- a lookback: P-1 ended 22 days before P-2 started; within 2 weeks it is not counted
SELECT measure, numerator, denominator, value FROM cpconf.indicators(date '2024-04-01', date '2025-03-31', lookback => interval '14 days')
 WHERE measure = 'second_or_subsequent_plans';
SELECT measure, definition FROM cpconf.indicators(date '2024-04-01', date '2025-03-31') WHERE measure IN ('icpc_within_15_working_days', 'plans_open_at_end');
SELECT * FROM regress.error($$SELECT * FROM cpconf.indicators(date '2025-04-01', date '2025-03-31')$$);

-- Reviews.  P-1 (from 1 May 2024): first review due 1 August (3 months,
-- T-RCPC1), held then; the next due 1 February 2025 (6 months from the
-- last, T-RCPCN), held 10 January, the plan's end day (inside the plan).
-- A review without its plan id on 2 May 2025 is P-2's (open that day, from
-- 1 February 2025): its first, due 1 May, a day late.  P-3 (from 1 June
-- 2022): the first due 1 September, held the 2nd (late); the next due 2
-- March 2023 (6 months from the 2nd), held 1 March; a third not yet held
-- (due 1 September 2023).  A review naming a plan not in its table, and
-- one of a child with no plan open that day, are not judged.
INSERT INTO "Case Records"."Reviews" VALUES (1, 'P-1', 1, '2024-08-01'), (2, 'P-1', 1, '2025-01-10'), (3, NULL, 1, '2025-05-02'),
    (4, 'P-9', 1, '2025-03-03'), (5, NULL, 6, '2025-06-02'), (6, 'P-3', 2, '2022-09-02'), (7, 'P-3', 2, '2023-03-01'),
    (8, 'P-3', 2, NULL);
SELECT review, plan, plan_found_by, plan_started, previous_review, held, rule, due, on_time, status
  FROM cpconf.review_timeliness() ORDER BY review::int;
SELECT review, status, problem FROM cpconf.review_timeliness() WHERE problem IS NOT NULL ORDER BY review::int;
-- the reporting year to 31 March 2025: reviews 1 and 2 in time; 4 left out
SELECT measure, numerator, denominator, value, left_out, left_out_why FROM cpconf.indicators(date '2024-04-01', date '2025-03-31')
 WHERE measure = 'reviews_in_timescale';
-- Enquiries whose strategy discussion was in March 2025 (10 and 13, on the
-- 3rd; 11 was on 28 February) both led to initial conferences; enquiry 14's
-- placeholder date is left out.  No decision is recorded on the March
-- conferences: none is counted, and they are left out.
SELECT measure, numerator, denominator, value, left_out, left_out_why FROM cpconf.indicators(date '2025-03-01', date '2025-03-31')
 WHERE measure IN ('s47_leading_to_icpc', 'icpc_leading_to_plan') ORDER BY measure;
-- Open plans at 31 March 2025 by age: P-2 (from 1 February 2025) and P-6
-- (from 31 March 2025), neither 9 months old.  Visits in the 6 weeks to 31
-- March (from 18 February): P-2's child seen alone on 3 March; P-6 none.
INSERT INTO "Case Records"."Visits" VALUES (1, 'P-2', 1, '2025-03-03', 'Y'), (2, 'P-2', 1, '2025-02-17', 'N'),
    (3, NULL, 5, '2025-03-10', NULL);
SELECT measure, numerator, denominator, value FROM cpconf.indicators(date '2024-04-01', date '2025-03-31')
 WHERE measure LIKE 'open_plans%' ORDER BY measure;

-- Plans as of 31 March 2025 (P-8 starts after it).  P-1: 254 days (1 May
-- 2024 to 10 January 2025), ended; P-2: 58 days, open, the child's second
-- plan, categories neglect and emotional (MUL), last visited 3 March (4
-- weeks before); P-3: 761 days (1 June 2022 to 1 July 2024: 2 years and 30
-- days), a category cpconf does not know; P-5: a placeholder start; P-6:
-- open from the last day; P-7: one day.
UPDATE "Case Records"."CP Plans" SET category = CASE "Plan Ref" WHEN 'P-1' THEN 'neglect' WHEN 'P-2' THEN 'Multiple: [neglect, emotional]'
                                                               WHEN 'P-3' THEN 'Neglekt' END;
SELECT plan, child, started, ended, open, days, initial_category, latest_category, previous_plans, second_or_subsequent, lasted_2_years, latest_review,
       last_visit, weeks_since_visit, other_council, status
  FROM cpconf.plans(date '2025-03-31') ORDER BY plan;
SELECT plan, status, problem FROM cpconf.plans(date '2025-03-31') WHERE problem IS NOT NULL ORDER BY plan;
SELECT * FROM regress.error($$SELECT * FROM cpconf.plans(lookback => interval '-1 day')$$);
-- The census's checks on the census year 1 April 2024 to 31 March 2025.
-- Added: a conference on Boxing Day (Thursday 26 December 2024: a bank
-- holiday, not a weekend, so cpconf's 8875-WD, not the census's 8875) whose
-- target date is Sunday 29 December; an enquiry of 6 January 2025 with no
-- conference (due by 27 January, 15 working days) and one of 24 March 2025
-- (due 14 April, after the year); a plan that starts and ends on one day.
INSERT INTO "Case Records".enquiries VALUES (15, 6, '2025-01-06 09:00', NULL), (16, 6, '2025-03-24 09:00', NULL),
    (17, 3, '2024-12-09 09:00', NULL);
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", "Target Date")
VALUES (130, 3, 17, 'Initial', '2024-12-26 10:00+00', '2024-12-29');
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, start_date, end_date, category) VALUES ('P-10', 3, '2024-12-26', '2024-12-26', 'PHY');
SELECT rule, kind, child, record, day, message FROM cpconf.census_checks(date '2024-04-01', date '2025-03-31') ORDER BY rule, record;
-- Annex A lists on 31 March 2025 (six months back: from 30 September 2024).
-- List 5: the enquiries open then, one row each: those with no end
-- recorded (12 of 2022 among them); 14 (child 5), whose start is a
-- placeholder and which has no end, is listed with its start blank: it may
-- be open.  Its initial conference, not the Core Group of 20 March (109)
-- for child 2.
SELECT * FROM cpconf.annex_a_list5(date '2025-03-31') ORDER BY "Child Unique ID", "Strategy discussion initiating Section 47 Enquiry Start Date";
-- List 7: children on a plan then or whose plan ended since 30 September
-- 2024: child 1 (P-2, the latest), 3 (P-10 ended 26 December), 5 (P-6);
-- minimised: the date of birth as the first of its month.
SELECT "Child Unique ID", "Date of Birth", "Age of Child (Years)", "Child Protection Plan Start Date", "Initial Category of Abuse",
       "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Date of latest review conference",
       "Child Protection Plan End Date", "Number of Previous Child Protection Plans"
  FROM cpconf.annex_a_list7(date '2025-03-31', minimised => true);
SELECT * FROM regress.error($$SELECT * FROM cpconf.annex_a_list7(NULL)$$);
-- as a CSV file, with the template's exact headers (two are longer than a
-- column name can be) and dates as dd/mm/yyyy
SELECT * FROM cpconf.annex_a_csv(7, date '2025-03-31', true);
SELECT * FROM regress.error($$SELECT * FROM cpconf.annex_a_csv(6, date '2025-03-31')$$);
-- the dashboards' views: the same functions over the reporting year in
-- progress (dates vary with today: only that they run and what they hold)
SELECT count(*) >= 0 AS runs FROM cpconf.current_icpc_timeliness;
SELECT count(*) >= 0 AS runs FROM cpconf.current_review_timeliness;
SELECT count(*) = (SELECT count(*) FROM cpconf.plans(current_date)) AS same FROM cpconf.current_plans;
SELECT count(*) > 0 AS runs FROM cpconf.current_indicators;

\c - :superuser
:settings
DELETE FROM cpconf.mapping;
DROP SCHEMA "Case Records" CASCADE;
SELECT format('REVOKE CREATE ON DATABASE %I FROM regress_cpconf_user', current_database()) \gexec

-- From a hostile test: a council that maps plans, reviews and visits only;
-- dirty values that must not abort a report or mislead it.
CREATE SCHEMA small;
CREATE TABLE small.kids (id text PRIMARY KEY, dob date);
CREATE TABLE small.plans (id integer PRIMARY KEY, child text, started date, ended date);
CREATE TABLE small.reviews (id int PRIMARY KEY, plan numeric(10,2), child text, held date);
CREATE TABLE small.visits (id int PRIMARY KEY, plan integer, child text, visited date, alone text);
SELECT cpconf.map('child', 'small.kids', '{"id": "id", "date_of_birth": "dob"}'),
       cpconf.map('plan', 'small.plans', '{"id": "id", "child": "child", "started": "started", "ended": "ended"}'),
       cpconf.map('review', 'small.reviews', '{"id": "id", "plan": "plan", "child": "child", "held": "held"}'),
       cpconf.map('visit', 'small.visits', '{"id": "id", "plan": "plan", "child": "child", "visited": "visited", "seen_alone": "alone"}');
-- ids shaped like dates, a comma, a quote and a carriage return in them; a
-- birth date of -infinity; a visit of -infinity
INSERT INTO small.kids VALUES ('2019-05-04', '2019-05-04'), ('Smith, J', '2015-02-28'), ('O"Brien', '-infinity'), (E'cr\rhere', '2011-01-01');
INSERT INTO small.plans VALUES (1, '2019-05-04', '2024-10-01', NULL), (2, 'Smith, J', '2024-10-01', NULL), (3, 'O"Brien', '2024-10-01', NULL),
    (4, E'cr\rhere', '2024-01-10', NULL);
INSERT INTO small.visits VALUES (1, 1, '2019-05-04', '-infinity', 'Y'), (2, 1, '2019-05-04', '2025-03-03', 'y');
-- plan 4 (from 10 January 2024): a placeholder review does not become the
-- previous one; the first review, 2 May 2024, is due 10 April (T-RCPC1), late;
-- the review's plan id 4.00 is plan 4
INSERT INTO small.reviews VALUES (1, 4.00, 'x', '1900-01-01'), (2, 4.00, 'x', '2024-05-02');
SELECT review, plan, previous_review, rule, due, on_time, status FROM cpconf.review_timeliness() ORDER BY review;
SELECT plan, last_visit, weeks_since_visit, latest_review FROM cpconf.plans(date '2025-03-31') ORDER BY plan;
SELECT measure, numerator, denominator FROM cpconf.indicators(date '2024-04-01', date '2025-03-31') ORDER BY measure;
SELECT "Child Unique ID", "Date of Birth", "Age of Child (Years)" FROM cpconf.annex_a_list7(date '2025-03-31') ORDER BY 1;
SELECT * FROM cpconf.annex_a_csv(7, date '2025-03-31');
-- a stored time in a session east of London: its day in England, no error
CREATE TABLE small.meetings (id int PRIMARY KEY, child text, held timestamptz);
SELECT cpconf.map('conference', 'small.meetings', '{"id": "id", "child": "child", "held": "held"}');
INSERT INTO small.meetings VALUES (1, 'Smith, J', '2024-03-08 15:00 Europe/London');
SET TimeZone = 'Asia/Tokyo';
SELECT conference, held, status FROM cpconf.icpc_timeliness();
SELECT cpconf.day_of(timestamptz '2024-03-08 15:00 Europe/London'), cpconf.day_of('-infinity'::timestamp);
-- today, for the default periods and the dashboards, is England's
SELECT cpconf.today_in_england() = (now() AT TIME ZONE 'Europe/London')::date AS englands_day;
RESET TimeZone;
DELETE FROM cpconf.mapping;
DROP SCHEMA small CASCADE;


-- Records whose id is recorded twice (tables without a primary key, as
-- extracts often are): each is named with status duplicate_id and left out
-- of the indicators, never listed or counted twice.
CREATE SCHEMA loose;
CREATE TABLE loose.enquiries (id int, child text, held date);
CREATE TABLE loose.meetings (id int, child text, enquiry bigint, held date);
CREATE TABLE loose.plans (id text, child text, started date, ended date, cat text, latest text);
CREATE TABLE loose.reviews (id int, plan text, child text, held date);
CREATE TABLE loose.visits (id int, plan text, child text, visited date, alone text);
SELECT cpconf.map('strategy_discussion', 'loose.enquiries', '{"id": "id", "child": "child", "held": "held"}'),
       cpconf.map('conference', 'loose.meetings', '{"id": "id", "child": "child", "strategy_discussion": "enquiry", "held": "held"}'),
       cpconf.map('plan', 'loose.plans', '{"id": "id", "child": "child", "started": "started", "ended": "ended", "categories": "cat", "latest_categories": "latest"}'),
       cpconf.map('review', 'loose.reviews', '{"id": "id", "plan": "plan", "child": "child", "held": "held"}'),
       cpconf.map('visit', 'loose.visits', '{"id": "id", "plan": "plan", "child": "child", "visited": "visited", "seen_alone": "alone"}');
-- Enquiry 1 on Monday 3 March 2025 (T-ICPC due Monday 24 March); enquiry 2
-- recorded twice.  Conference 10 on the 24th (15 working days, in time);
-- 11 linked to enquiry 2; 12 recorded twice.
INSERT INTO loose.enquiries VALUES (1, 'a', '2025-03-03'), (2, 'b', '2025-03-03'), (2, 'c', '2025-03-04');
INSERT INTO loose.meetings VALUES (10, 'a', 1, '2025-03-24'), (11, 'b', 2, '2025-03-24'), (12, 'd', 1, '2025-03-20'), (12, 'd', 1, '2025-03-20');
SELECT conference, strategy_discussion, working_days, on_time, status, problem FROM cpconf.icpc_timeliness(date '2025-03-01', date '2025-03-31') ORDER BY conference;
-- March 2025: conference 10 alone is judged (1 of 1 in time), three left
-- out; of the enquiries of the month, 1 led to a conference, enquiry 2's
-- two records are left out.
SELECT measure, numerator, denominator, value, left_out, left_out_why FROM cpconf.indicators(date '2025-03-01', date '2025-03-31')
 WHERE measure IN ('icpc_held', 'icpc_within_15_working_days', 's47_leading_to_icpc') ORDER BY measure;
-- Plans: L1 (child a, from 24 March 2025, neglect then physical abuse), L2
-- twice (child b, 1 June to 1 December 2024), L4 (ends before it starts,
-- in 2018-2019: outside the year, so not counted as left out of it), L6
-- (child f, from 1 October 2024; its latest category unreadable).
INSERT INTO loose.plans VALUES ('L1', 'a', '2025-03-24', NULL, 'NEG', 'PHY'), ('L2', 'b', '2024-06-01', '2024-12-01', 'EMO', NULL),
    ('L2', 'b', '2024-06-01', '2024-12-01', 'EMO', NULL), ('L4', 'e', '2019-01-01', '2018-12-01', 'NEG', 'NEG'),
    ('L6', 'f', '2024-10-01', NULL, 'neglect', 'Neglekt');
SELECT plan, child, started, ended, open, initial_category, latest_category, previous_plans, status, problem
  FROM cpconf.plans(date '2025-03-31') ORDER BY plan, child;
-- Visits in the 6 weeks to 31 March 2025 (after 17 February): L1's child
-- seen alone on 25 March; L6's visit of 10 March has a seen-alone flag that
-- cannot be read, and one of 11 March by the child (no plan id) none
-- recorded: L6 is left out of "seen alone" (not counted as not seen).
INSERT INTO loose.visits VALUES (1, 'L1', 'a', '2025-03-25', 'Y'), (2, 'L6', 'f', '2025-03-10', 'maybe'), (3, NULL, 'f', '2025-03-11', NULL);
SELECT measure, numerator, denominator, value, left_out, left_out_why FROM cpconf.indicators(date '2024-04-01', date '2025-03-31')
 WHERE measure IN ('plans_started', 'plans_open_at_end', 'open_plans_visited_in_last_6_weeks', 'open_plans_seen_alone_in_last_6_weeks')
 ORDER BY measure;
-- Reviews: 1 of plan L2 (recorded twice); review 2 recorded twice; review 3
-- of L6 on 1 January 2025, the first, due 1 January (3 months from 1
-- October 2024): in time.
INSERT INTO loose.reviews VALUES (1, 'L2', 'b', '2024-09-01'), (2, 'L1', 'a', '2025-06-20'), (2, 'L1', 'a', '2025-06-20'), (3, 'L6', 'f', '2025-01-01');
SELECT review, plan, due, on_time, status, problem FROM cpconf.review_timeliness() ORDER BY review;
-- census rule 8910: the latest category, where it is mapped (L2 has none,
-- its copy is the same record: once; L6's cannot be read)
SELECT rule, child, record, message FROM cpconf.census_checks(date '2024-04-01', date '2025-03-31') WHERE rule = '8910' ORDER BY record;
-- Annex A list 7 shows both categories; child b once
SELECT "Child Unique ID", "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse"
  FROM cpconf.annex_a_list7(date '2025-03-31') ORDER BY 1;
-- a link whose type changed after it was mapped still links (as text)
ALTER TABLE loose.meetings ALTER COLUMN enquiry TYPE text;
SELECT conference, strategy_discussion, status FROM cpconf.icpc_timeliness(date '2025-03-01', date '2025-03-31') WHERE conference = '10';
-- without the strategy discussions mapped, a conference says so
SELECT cpconf.unmap('strategy_discussion');
SELECT conference, status, problem FROM cpconf.icpc_timeliness(date '2025-03-01', date '2025-03-31') WHERE conference = '10';
-- with a primary key, the ids are not checked again (none can repeat)
DELETE FROM loose.plans WHERE id = 'L2';
ALTER TABLE loose.plans ADD PRIMARY KEY (id);
SELECT cpconf.report_duplicates('plan') AS plan_check, cpconf.report_duplicates('review') <> cpconf.report_duplicates('plan') AS review_checked;
DELETE FROM cpconf.mapping;
DROP SCHEMA loose CASCADE;

-- An untyped literal with a time of day is the query's mistake: its zone
-- would be dropped (23:30 UTC on 3 June 2025 is 4 June in England).
SELECT * FROM regress.error($$SELECT cpconf.timeliness('T-RCPC1', '2025-03-03', '2025-06-03 23:30+00')$$);
SELECT * FROM regress.error($$SELECT cpconf.day_of('2025-06-03 10:00')$$);
SELECT cpconf.day_of('2025-06-03'), (cpconf.timeliness('T-RCPC1', '2025-03-03', timestamptz '2025-06-03 23:30+00')).status;
SELECT cpconf.day_of('20250603'), cpconf.day_of(' 2025-06-03 ');
SELECT * FROM regress.error($$SELECT cpconf.day_of('20250603T233000Z')$$);
SELECT * FROM regress.error($$SELECT cpconf.day_of('today')$$);

-- From a second hostile test of the reports.
CREATE SCHEMA dirty;
CREATE TABLE dirty.kids (id int, dob date);
CREATE TABLE dirty.enquiries (id int, child int, held date);
CREATE TABLE dirty.meetings (id int, child int, enquiry int, held date, kind text);
CREATE TABLE dirty.plans (id text, child int, started date, ended date, cat text, other text);
CREATE TABLE dirty.reviews (id int, plan text, child int, held date);
SELECT cpconf.map('child', 'dirty.kids', '{"id": "id", "date_of_birth": "dob"}'),
       cpconf.map('strategy_discussion', 'dirty.enquiries', '{"id": "id", "child": "child", "held": "held"}'),
       cpconf.map('conference', 'dirty.meetings', '{"id": "id", "child": "child", "strategy_discussion": "enquiry", "held": "held", "kind": "kind"}'),
       cpconf.map('plan', 'dirty.plans', '{"id": "id", "child": "child", "started": "started", "ended": "ended", "categories": "cat", "other_council": "other"}'),
       cpconf.map('review', 'dirty.reviews', '{"id": "id", "plan": "plan", "child": "child", "held": "held"}');
-- Strategy discussions on Tuesday 1 April 2025 (15 working days, Good
-- Friday 18 and Easter Monday 21 April not counted: 2-4, 7-11, 14-17,
-- 22-24: due Thursday 24 April) and Monday 3 March 2025 (due Monday 24
-- March).  Conference 1, kind blank, on 23 April: 14 working days, in
-- time, as an initial conference.  Conference 2, no id, on 24 March: 15,
-- in time, though conference 7 is recorded twice.  Enquiry 5 has no id.
INSERT INTO dirty.kids VALUES (11, '2015-01-01'), (11, '2015-01-01'), (12, '2016-01-01');
INSERT INTO dirty.enquiries VALUES (1, 11, '2025-04-01'), (2, 12, '2025-03-03'), (3, 12, '2025-03-03'), (3, 12, '2025-03-03'), (NULL, 12, '2025-03-03');
INSERT INTO dirty.meetings VALUES (1, 11, 1, '2025-04-23', ''), (NULL, 12, 2, '2025-03-24', NULL), (7, 12, 2, '2025-03-24', NULL),
    (7, 12, 2, '2025-03-24', NULL);
SELECT conference, working_days, band, on_time, status FROM cpconf.icpc_timeliness(date '2025-03-01', date '2025-04-30') ORDER BY conference;
SELECT measure, numerator, denominator, left_out, left_out_why FROM cpconf.indicators(date '2025-03-01', date '2025-04-30')
 WHERE measure IN ('icpc_held', 'icpc_within_15_working_days', 's47_leading_to_icpc') ORDER BY measure;
-- Plan A recorded twice (child 11, from Monday 9 January 2023 to 1
-- September 2023), B (child 11, from 6 January 2025): one previous plan,
-- not two.  C (child 12, from 3 June 2024, ended 9999-12-31, a placeholder
-- for "not ended"): listed in list 7, not dropped.  D (child 13 from 24
-- March 2025) with an other-council flag that cannot be read: counted when
-- other councils' plans are.
INSERT INTO dirty.plans VALUES ('A', 11, '2023-01-09', '2023-09-01', 'NEG', 'N'), ('A', 11, '2023-01-09', '2023-09-01', 'NEG', 'N'),
    ('B', 11, '2025-01-06', NULL, 'NEG', 'N'), ('C', 12, '2024-06-03', '9999-12-31', 'PHY', 'N'), ('D', 13, '2025-03-24', NULL, 'EMO', 'perhaps');
SELECT plan, previous_plans, second_or_subsequent, status FROM cpconf.plans(date '2025-03-31') ORDER BY plan;
SELECT "Child Unique ID", "Child Protection Plan Start Date", "Child Protection Plan End Date", "Number of Previous Child Protection Plans"
  FROM cpconf.annex_a_list7(date '2025-03-31') ORDER BY 1;
-- list 5: child 11 once (its record copied twice), enquiry 3 once; child
-- 12's conference with no id counted among its ICPCs
SELECT "Child Unique ID", "Strategy discussion initiating Section 47 Enquiry Start Date", "Date of Initial Child Protection Conference",
       "Number of ICPCs in the last 12 months"
  FROM cpconf.annex_a_list5(date '2025-04-30') ORDER BY 1, 2, 3;
-- census 8935: the plan copied twice is one plan (none open twice here);
-- each failure once
SELECT rule, record, count(*) FROM cpconf.census_checks(date '2024-04-01', date '2025-03-31') GROUP BY 1, 2 HAVING count(*) > 1;
SELECT measure, numerator, left_out, left_out_why FROM cpconf.indicators(date '2024-04-01', date '2025-03-31', other_council_plans => true)
 WHERE measure = 'plans_started';
SELECT measure, numerator, left_out, left_out_why FROM cpconf.indicators(date '2024-04-01', date '2025-03-31') WHERE measure = 'plans_started';
-- from a day with no end: to today in England, not to infinity
SELECT count(*) FILTER (WHERE measure = 'plans_open_at_end' AND definition IS NOT NULL) = 1 AS to_today,
       bool_and(value IS NULL OR value <= 100 OR denominator IS NULL) AS sane
  FROM cpconf.indicators(date '2024-04-01');
-- a date column altered to text: the mapping's error, naming it
ALTER TABLE dirty.reviews ALTER COLUMN held TYPE text;
SELECT * FROM regress.error($$SELECT * FROM cpconf.review_timeliness()$$);
DELETE FROM cpconf.mapping;
DROP SCHEMA dirty CASCADE;

-- From a third hostile test of the reports.
CREATE SCHEMA third;
CREATE TABLE third.kids (id text, dob date);
CREATE TABLE third.enquiries (id text, child text, held date);
CREATE TABLE third.meetings (id text, child text, enquiry text, held date);
CREATE TABLE third.plans (id text, child text, started date, ended date);
CREATE TABLE third.reviews (id text, plan text, child text, held date);
SELECT cpconf.map('child', 'third.kids', '{"id": "id", "date_of_birth": "dob"}'),
       cpconf.map('strategy_discussion', 'third.enquiries', '{"id": "id", "child": "child", "held": "held"}'),
       cpconf.map('conference', 'third.meetings', '{"id": "id", "child": "child", "strategy_discussion": "enquiry", "held": "held"}'),
       cpconf.map('plan', 'third.plans', '{"id": "id", "child": "child", "started": "started", "ended": "ended"}'),
       cpconf.map('review', 'third.reviews', '{"id": "id", "plan": "plan", "child": "child", "held": "held"}');
-- A review on the day plan A ends and plan B starts (10 January 2025) is
-- A's: it ends it.  B's first review, 12 May 2025, is then T-RCPC1 from
-- its start, due 10 April 2025: late (not T-RCPCN from A's last review).
INSERT INTO third.plans VALUES ('A', 'C1', '2024-07-01', '2025-01-10'), ('B', 'C1', '2025-01-10', NULL);
INSERT INTO third.reviews VALUES ('R0', NULL, 'C1', '2024-10-01'), ('R1', NULL, 'C1', '2025-01-10'), ('R2', NULL, 'C1', '2025-05-12');
SELECT review, plan, previous_review, rule, due, on_time, status FROM cpconf.review_timeliness() ORDER BY held;
-- Plans with no child recorded are not one child: each is left out, named.
-- A plan copied twice with different ends: the copy on usable days with
-- the latest end stands for it, whatever the rows' order (D: 1 January
-- 2020 to 1 June 2024, so E, from 1 September 2024, follows a plan that
-- ended within a year).
INSERT INTO third.plans VALUES ('N1', NULL, '2024-05-01', NULL), ('N2', NULL, '2024-06-01', NULL),
    ('D', 'C2', '2020-01-01', '2021-01-01'), ('D', 'C2', '2020-01-01', '2024-06-01'), ('D', 'C2', '1900-01-01', '2021-01-01'),
    ('E', 'C2', '2024-09-01', NULL);
SELECT plan, started, ended, previous_plans, second_or_subsequent, status FROM cpconf.plans(date '2025-03-31', NULL, interval '1 year')
 WHERE plan IN ('N1', 'N2', 'D', 'E') ORDER BY plan, started, ended;
SELECT measure, numerator, denominator, left_out, left_out_why FROM cpconf.indicators(date '2024-04-01', date '2025-03-31', lookback => interval '1 year')
 WHERE measure IN ('second_or_subsequent_plans', 'children_with_plans_started') ORDER BY measure;
-- Annex A on 31 March 2025: child C3 recorded twice with different dates
-- of birth is one row, its birth date blank; its conference on 10 November
-- 2024, not linked to an enquiry, counts among its ICPCs in the 12 months;
-- its enquiry's conference on 20 April 2025, after the reference date, is
-- not shown.
INSERT INTO third.kids VALUES ('C3', '2015-03-10'), ('C3', '2015-03-01');
INSERT INTO third.enquiries VALUES ('E3', 'C3', '2025-03-03');
INSERT INTO third.meetings VALUES ('I1', 'C3', NULL, '2024-11-10'), ('I2', 'C3', 'E3', '2025-04-20');
SELECT "Child Unique ID", "Date of Birth", "Strategy discussion initiating Section 47 Enquiry Start Date",
       "Date of Initial Child Protection Conference", "Number of ICPCs in the last 12 months"
  FROM cpconf.annex_a_list5(date '2025-03-31');
-- an end after the reference date: open on it, no end shown
INSERT INTO third.plans VALUES ('F', 'C3', '2025-01-06', '2025-05-01');
SELECT "Child Unique ID", "Date of Birth", "Child Protection Plan Start Date", "Child Protection Plan End Date"
  FROM cpconf.annex_a_list7(date '2025-03-31') WHERE "Child Unique ID" = 'C3';
-- a conference not held yet is neither held nor left out; one on a
-- placeholder day is left out (March 2025: I4 held the 24th)
INSERT INTO third.enquiries VALUES ('E4', 'C4', '2025-03-03'), ('E5', 'C5', '2025-03-03'), ('E6', 'C6', '2025-03-03');
INSERT INTO third.meetings VALUES ('I4', 'C4', 'E4', '2025-03-24'), ('I5', 'C5', 'E5', '9999-12-31'), ('I6', 'C6', 'E6', NULL);
SELECT measure, numerator, denominator, left_out, left_out_why FROM cpconf.indicators(date '2025-03-01', date '2025-03-31')
 WHERE measure IN ('icpc_held', 's47_leading_to_icpc') ORDER BY measure;
-- census 8615 only for enquiries of the census year; 8935 counts plans, not records
INSERT INTO third.enquiries VALUES ('E9', 'C9', '2015-05-10');
INSERT INTO third.meetings VALUES ('I9', 'C9', 'E9', '2015-05-09');
INSERT INTO third.plans VALUES ('P1', 'C7', '2024-06-03', NULL), ('P1', 'C7', '2024-06-04', NULL);
SELECT rule, record, message FROM cpconf.census_checks(date '2024-04-01', date '2025-03-31') WHERE rule IN ('8615', '8935') ORDER BY 1, 2;
-- the query's mistakes: a period beyond the year 9999, a profile unknown
SELECT * FROM regress.error($$SELECT * FROM cpconf.indicators(date '2025-03-01', date '294277-01-01')$$);
SELECT state, message FROM regress.error($$SELECT * FROM cpconf.indicators(date '2025-03-01', date '2025-03-31', 'nowhere')$$);
DELETE FROM cpconf.mapping;
DROP SCHEMA third CASCADE;

-- From a third hostile test: answers that must not depend on the rows'
-- physical order, and data that must not abort a report.
CREATE SCHEMA fourth;
CREATE TABLE fourth.kids (id text, dob date);
CREATE TABLE fourth.enquiries (id text, child text, held date, ended date);
CREATE TABLE fourth.meetings (id text, child text, enquiry text, held date, due date, transfer text);
CREATE TABLE fourth.plans (id text, child text, started date, ended date, cat text);
CREATE TABLE fourth.reviews (id text, plan text, child text, held date);
CREATE TABLE fourth.visits (id text, plan text, child text, visited date, alone text);
SELECT cpconf.map('child', 'fourth.kids', '{"id": "id", "date_of_birth": "dob"}'),
       cpconf.map('strategy_discussion', 'fourth.enquiries', '{"id": "id", "child": "child", "held": "held", "ended": "ended"}'),
       cpconf.map('conference', 'fourth.meetings', '{"id": "id", "child": "child", "strategy_discussion": "enquiry", "held": "held", "due": "due", "transfer_in": "transfer"}'),
       cpconf.map('plan', 'fourth.plans', '{"id": "id", "child": "child", "started": "started", "ended": "ended", "categories": "cat"}'),
       cpconf.map('review', 'fourth.reviews', '{"id": "id", "plan": "plan", "child": "child", "held": "held"}'),
       cpconf.map('visit', 'fourth.visits', '{"id": "id", "plan": "plan", "child": "child", "visited": "visited", "seen_alone": "alone"}');
-- Two plans of C1 from 6 January 2025: a review without a plan id goes to
-- the same one (F, by id) before and after the rows are rewritten; plan A
-- recorded twice (neglect, physical abuse): list 7 shows the same category.
INSERT INTO fourth.plans VALUES ('F', 'C1', '2025-01-06', NULL, 'SAB'), ('G', 'C1', '2025-01-06', NULL, 'NEG'),
    ('A', 'C2', '2025-01-06', NULL, 'NEG'), ('A', 'C2', '2025-01-06', NULL, 'PHY');
INSERT INTO fourth.reviews VALUES ('R1', NULL, 'C1', '2025-03-03');
CREATE TEMP TABLE seen AS
SELECT (SELECT plan FROM cpconf.review_timeliness() WHERE review = 'R1') AS review_plan,
       (SELECT "Initial Category of Abuse" FROM cpconf.annex_a_list7(date '2025-03-31') WHERE "Child Unique ID" = 'C2') AS category;
UPDATE fourth.plans SET cat = cat;
UPDATE fourth.plans SET cat = cat WHERE id = 'F' OR cat = 'NEG';
SELECT review_plan, (SELECT plan FROM cpconf.review_timeliness() WHERE review = 'R1') = review_plan AS same_plan,
       category, (SELECT "Initial Category of Abuse" FROM cpconf.annex_a_list7(date '2025-03-31') WHERE "Child Unique ID" = 'C2') = category AS same_category
  FROM seen;
-- Plan P recorded twice, one copy with no child: the copy with its child
-- stands for it, an earlier plan of Q's.
INSERT INTO fourth.plans VALUES ('P', NULL, '2020-01-06', '2021-01-04', 'NEG'), ('P', 'C3', '2020-02-03', '2021-01-04', 'NEG'),
    ('Q', 'C3', '2025-01-06', NULL, 'NEG');
SELECT plan, child, previous_plans, status FROM cpconf.plans(date '2025-03-31') WHERE plan IN ('P', 'Q') ORDER BY plan, child;
-- a visit by the child (no plan id) after its plan ended is not the plan's;
-- a plan whose start is not recorded, not ended, keeps its child in list 7
INSERT INTO fourth.plans VALUES ('V', 'C4', '2024-06-03', '2025-01-10', 'NEG'), ('S', 'C5', NULL, NULL, 'PHY');
INSERT INTO fourth.visits VALUES ('V1', NULL, 'C4', '2024-12-02', 'Y'), ('V2', NULL, 'C4', '2025-03-01', 'N');
SELECT "Child Unique ID", "Child Protection Plan Start Date", "Date of the Last Statutory Visit", "Was the Child Seen Alone?"
  FROM cpconf.annex_a_list7(date '2025-03-31') WHERE "Child Unique ID" IN ('C4', 'C5') ORDER BY 1;
-- an enquiry whose end is a placeholder is listed in list 5 (it may be open)
INSERT INTO fourth.enquiries VALUES ('E1', 'C6', NULL, '1900-01-01');
SELECT "Child Unique ID", "Strategy discussion initiating Section 47 Enquiry Start Date" FROM cpconf.annex_a_list5(date '2025-03-31')
 WHERE "Child Unique ID" = 'C6';
-- a transfer-in conference, by its flag, is not an enquiry's initial conference
INSERT INTO fourth.enquiries VALUES ('E2', 'C7', '2025-03-03', NULL);
INSERT INTO fourth.meetings VALUES ('I2', 'C7', 'E2', '2025-03-24', NULL, 'Y');
SELECT measure, numerator, denominator FROM cpconf.indicators(date '2025-03-01', date '2025-03-31') WHERE measure = 's47_leading_to_icpc';
-- census: 8615 for an enquiry starting after the reference date whose
-- conference was in the year; 8935 not for a plan starting after it (C9's
-- P9), for C1's two open plans F and G
INSERT INTO fourth.enquiries VALUES ('E3', 'C8', '2025-04-07', NULL);
INSERT INTO fourth.meetings VALUES ('I3', 'C8', 'E3', '2025-03-24', NULL, NULL);
INSERT INTO fourth.plans VALUES ('P8', 'C9', '2025-01-06', NULL, 'NEG'), ('P9', 'C9', '2025-05-01', NULL, 'NEG');
SELECT rule, record FROM cpconf.census_checks(date '2024-04-01', date '2025-03-31') WHERE rule IN ('8615', '8935') ORDER BY 1, 2;
-- placeholder days in a wide census period, and dates of birth no timestamp
-- can hold in a minimised list: no report aborts
INSERT INTO fourth.meetings VALUES ('I4', 'C8', NULL, '1900-01-01', '9999-12-31', NULL);
INSERT INTO fourth.kids VALUES ('C5', '300000-01-01'), ('C4', '4714-11-24 BC');
SELECT count(*) > 0 AS runs FROM cpconf.census_checks(date '1900-01-01', date '9999-12-31');
SELECT "Child Unique ID", "Date of Birth" FROM cpconf.annex_a_list7(date '2025-03-31', true) WHERE "Child Unique ID" IN ('C4', 'C5') ORDER BY 1;
SELECT * FROM regress.error($$SELECT * FROM cpconf.plans('infinity')$$);
DELETE FROM cpconf.mapping;
DROP SCHEMA fourth CASCADE;
