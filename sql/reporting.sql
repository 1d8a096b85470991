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
