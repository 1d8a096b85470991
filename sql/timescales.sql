-- timescales: profiles, inheritance, effective dates and deadlines.
-- Every expected date in the comments was worked out by hand against a
-- calendar before the query was run.
SET DateStyle = ISO, YMD;
SET client_min_messages = warning;
SET ROLE regress_cpconf_user;

-- The shipped profiles.
SELECT name, parent, calendar, shipped FROM cpconf.profile ORDER BY parent NULLS FIRST, name;

-- Issue 3's examples.
-- national T-ICPC from Fri 20 Dec 2024: 15 working days over Christmas -> 15 Jan.
-- national T-RCPC1 from 31 Jan 2024: 3 months, clamped to 30 Apr; Darlington
-- counts 91 days: 29 (Feb) + 31 (Mar) + 30 (Apr) + 1 -> 1 May.
-- staffordshire T-REPORT-FAMILY-R, review Tue 22 Apr 2025: 5 working days
-- before, skipping Easter Monday and Good Friday: 17, 16, 15, 14, 11 Apr.
SELECT cpconf.deadline('T-ICPC', date '2024-12-20') AS national_icpc,
       cpconf.deadline('T-RCPC1', date '2024-01-31') AS national_rcpc1,
       cpconf.deadline('T-RCPC1', date '2024-01-31', 'darlington') AS darlington_rcpc1,
       cpconf.deadline('T-REPORT-FAMILY-R', date '2025-04-22', 'staffordshire') AS staffordshire_reports;
-- T-MINUTES from the same conference, Mon 3 Mar 2025: derby 20 working days
-- (31 Mar), derbyshire 5 (10 Mar), darlington 20 (31 Mar), staffordshire 10
-- (17 Mar); national states none.
SELECT p AS profile, cpconf.deadline('T-MINUTES', date '2025-03-03', p) AS minutes_due
  FROM unnest(ARRAY['derby', 'derbyshire', 'darlington', 'staffordshire']) p;

-- Inheritance: sussex states T-TRANSFER itself but inherits T-ICPC.
-- 15 working days from Fri 27 Jun 2025: 30 Jun, 1-4, 7-11, 14-18 Jul.
SELECT cpconf.deadline('T-ICPC', date '2025-06-27', 'sussex') AS sussex_icpc,
       cpconf.deadline('T-TRANSFER', date '2025-06-27', 'sussex') AS sussex_transfer;
-- First core group, 10 working days from Thu 18 Dec 2025: 19, 22, 23, 24,
-- 29, 30, 31 Dec, 2, 5, 6 Jan.
SELECT cpconf.deadline('T-CG1', date '2025-12-18') AS national,
       cpconf.deadline('T-CG1', date '2025-12-18', 'staffordshire') AS staffordshire;

-- Each unit and direction.
-- months, clamped: 31 Aug 2024 + 6 months = 28 Feb 2025; darlington 182
-- days = 1 Mar 2025.
SELECT cpconf.deadline('T-RCPCN', date '2024-08-31') AS national_6_months,
       cpconf.deadline('T-RCPCN', date '2024-08-31', 'darlington') AS darlington_182_days;
-- hours on a date: 24 h is the next day, 48 h the day after (Fri 7 Mar
-- 2025 -> Sat 8, Sun 9: hours do not skip weekends).
SELECT cpconf.deadline('T-DECISION', date '2025-03-07', 'derby') AS derby_24h,
       cpconf.deadline('T-TRANSFER-NOTIFY', date '2025-03-07', 'derby') AS derby_48h,
       cpconf.deadline('T-ICPC-NOTIFY', date '2025-03-07', 'staffordshire') AS staffordshire_24h;
-- weeks: 6 weeks from 7 Mar 2025 is 18 Apr; 1 week is 14 Mar.
SELECT cpconf.deadline('T-CGN', date '2025-03-07', 'staffordshire') AS staffordshire_6_weeks,
       cpconf.deadline('T-AMEND-SUBMIT', date '2025-03-07', 'derbyshire') AS derbyshire_1_week;
-- at least before, in months: 3 months before 31 May 2025 is 28 Feb.
SELECT cpconf.deadline('T-PREBIRTH', date '2025-05-31', 'darlington') AS darlington_prebirth;
-- at least after (a minimum): derby plan for a child returning after
-- proceedings lasts to 31 Jul 2025 at least; a CiN plan after 30 Nov 2025
-- to 28 Feb 2026.
SELECT cpconf.deadline('T-MIN-PLAN', date '2025-01-31', 'derby') AS derby_minimum_plan,
       cpconf.deadline('T-CIN-AFTER-MIN', date '2025-11-30', 'derbyshire') AS derbyshire_cin_minimum;
-- the day before the 18th birthday (staffordshire T-18).
SELECT cpconf.deadline('T-18', date '2026-03-14', 'staffordshire') AS review_by;

-- Reports before a review on Mon 12 May 2025 (early May holiday on the 5th):
-- staffordshire 5 working days (9, 8, 7, 6, 2 May), derby 3 (9, 8, 7),
-- darlington 2 (9, 8).
SELECT p AS profile, cpconf.deadline('T-REPORT-FAMILY-R', date '2025-05-12', p) AS reports_due
  FROM unnest(ARRAY['staffordshire', 'derby', 'darlington']) p;
-- Before an initial conference on Tue 7 Jan 2025 (1 Jan a holiday): family
-- 2 working days (6, 3 Jan), darlington's chair 3 (6, 3, 2 Jan).
SELECT cpconf.deadline('T-REPORT-FAMILY-I', date '2025-01-07', 'staffordshire') AS staffordshire_family,
       cpconf.deadline('T-REPORT-FAMILY-I', date '2025-01-07', 'derby') AS derby_family,
       cpconf.deadline('T-REPORT-CHAIR-I', date '2025-01-07', 'darlington') AS darlington_chair;
-- Darlington's two transfer anchors, both 15 working days.
SELECT cpconf.deadline('T-TRANSFER', date '2025-06-27', 'darlington') AS from_notification,
       cpconf.deadline('T-TRANSFER-AGREED', date '2025-07-04', 'darlington') AS from_agreement;

-- Effective dates: a 2019 staffordshire conference is judged by the 2018
-- procedure.  Mon 15 Apr 2019 + 10 working days, Easter 19 and 22 Apr:
-- 16, 17, 18, 23, 24, 25, 26, 29, 30 Apr, 1 May.
SELECT cpconf.deadline('T-MINUTES', date '2019-04-15', 'staffordshire') AS staffordshire_2019;
-- derby states T-ICPC from its 2024 document; in 2019 it inherits the
-- national rule (Fri 1 Mar 2019 + 15 working days = 22 Mar).
SELECT cpconf.deadline('T-ICPC', date '2019-03-01', 'derby') AS derby_2019;
-- as_of picks the version, whatever the anchor: a 2019 strategy discussion
-- audited under today's rules.
SELECT cpconf.deadline('T-ICPC', date '2019-03-01', 'derby', date '2025-01-01') AS derby_rules_of_2025;

-- Timestamps: the time of day is ignored.
SELECT cpconf.deadline('T-ICPC', timestamp '2024-12-20 16:45') AS from_timestamp,
       cpconf.deadline('T-ICPC', timestamp '2019-03-01 09:00', 'derby', timestamp '2025-01-01 00:00') AS with_as_of;

-- NULL rule or anchor: NULL; NULL profile: the setting; NULL as_of: the anchor.
SELECT cpconf.deadline(NULL, date '2025-01-01') IS NULL AS null_rule,
       cpconf.deadline('T-ICPC', NULL::date) IS NULL AS null_anchor,
       cpconf.deadline('T-ICPC', date '2024-12-20', NULL, NULL) AS all_defaults;
SHOW cpconf.profile;
SET cpconf.profile = 'darlington';
SELECT cpconf.deadline('T-RCPC1', date '2024-01-31') AS darlington_by_setting;
RESET cpconf.profile;

-- Rules with more than one fact.
-- Pre-birth: derby at 28 weeks (12 weeks before delivery on 1 Sep 2025: 9
-- Jun); staffordshire between 30 and 32 weeks (23 Jun to 7 Jul); from 20
-- weeks of pregnancy on 21 Apr 2025 the delivery is due 8 Sep, so derby 16
-- Jun.
SELECT * FROM cpconf.prebirth_conference_due(expected_delivery => date '2025-09-01', profile => 'derby');
SELECT * FROM cpconf.prebirth_conference_due(expected_delivery => date '2025-09-01', profile => 'staffordshire');
SELECT * FROM cpconf.prebirth_conference_due(gestation_weeks => 20, gestation_on => date '2025-04-21', profile => 'derby');
SELECT * FROM cpconf.prebirth_conference_due(profile => 'derby');
-- First review after a pre-birth conference on 3 Mar 2025: derby, the
-- earlier of 1 month after the birth and 3 months after the conference
-- (3 Jun): born 10 Apr -> 10 May; born 20 May -> 3 Jun; before the birth
-- is recorded, 3 Jun; national has no birth rule: 3 Jun.
SELECT cpconf.first_review_due(date '2025-03-03', date '2025-04-10', 'derby') AS born_early,
       cpconf.first_review_due(date '2025-03-03', date '2025-05-20', 'derby') AS born_late,
       cpconf.first_review_due(date '2025-03-03', NULL, 'derby') AS not_yet_born,
       cpconf.first_review_due(date '2025-03-03', date '2025-04-10', 'national') AS national;

-- "Our timescales": what a dashboard shows, with sources.
SELECT rule, amount, unit, direction, defined_by, source
  FROM cpconf.timescales('derby', date '2025-06-01') ORDER BY rule;
SELECT rule, amount, unit, direction, defined_by FROM cpconf.timescales('sussex', date '2025-06-01');
SELECT count(*) AS national_today FROM cpconf.timescales('national');
SELECT count(*) AS national_2017 FROM cpconf.timescales('national', date '2017-01-01');
RESET ROLE;

-- Every shipped rule row names its document of cpconf.source_document
-- (column document, a reference kept by triggers) and cites a paragraph of
-- it (by number, or by its opening words), in words an auditor can find (no
-- line numbers of copies outside the repository); doc/rules.md lists them
-- all, with where each document is published.
SELECT profile, count(*) AS rules,
       count(*) FILTER (WHERE strpos(source, document) > 0 AND source ~ '(para|bullet) \d|paragraph beginning "') AS cited,
       count(*) FILTER (WHERE source ~ '\m\d{3}:\d') AS line_numbers
  FROM cpconf.timescale GROUP BY profile ORDER BY profile;
SELECT tab, count(*) AS rows,
       count(*) FILTER (WHERE strpos(source, document) > 0) AS cited,
       count(*) FILTER (WHERE source ~ '\m\d{3}:\d') AS line_numbers
  FROM (SELECT 'profile' AS tab, source, source AS document FROM cpconf.profile WHERE shipped
        UNION ALL SELECT 'conference_rule', source, document FROM cpconf.conference_rule WHERE shipped
        UNION ALL SELECT 'discontinuation_rule', source, document FROM cpconf.discontinuation_rule WHERE shipped) t
 GROUP BY tab ORDER BY tab;
SELECT name, published IS NOT NULL AS where_published FROM cpconf.source_document ORDER BY name;
-- a rule row names a document that exists; one that is named is kept
SET ROLE regress_cpconf_maintainer;
BEGIN;
INSERT INTO cpconf.profile (name, parent, description) VALUES ('regress-doc', 'national', 'x');
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source, document)
    VALUES ('regress-doc', 'T-CG1', 'x', 'y', 5, 'working_days', 'within_after', '2020-01-01', 'minutes of 3 March', 'Council Handbook 2025')$$);
INSERT INTO cpconf.source_document (name, title, publisher, edition, published)
VALUES ('Council Handbook 2025', 'Child protection handbook', 'A council', 'March 2025', 'the intranet');
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source, document)
VALUES ('regress-doc', 'T-CG1', 'x', 'y', 5, 'working_days', 'within_after', '2020-01-01', 'section 4, para 2', 'Council Handbook 2025');
SELECT * FROM regress.error($$DELETE FROM cpconf.source_document WHERE name = 'Council Handbook 2025'$$);
SELECT * FROM regress.error($$UPDATE cpconf.source_document SET name = 'Handbook' WHERE name = 'Council Handbook 2025'$$);
ROLLBACK;
RESET ROLE;

-- A council's own profile: Stoke-on-Trent follows staffordshire, closes
-- 29-31 Dec 2025, and from 1 Feb 2026 circulates minutes in 15 working days.
SET ROLE regress_cpconf_maintainer;
INSERT INTO cpconf.council_calendar VALUES ('stoke-council', 'england-and-wales', 'Christmas closure');
INSERT INTO cpconf.closure_day VALUES ('stoke-council', '2025-12-29', 'closed'),
    ('stoke-council', '2025-12-30', 'closed'), ('stoke-council', '2025-12-31', 'closed');
INSERT INTO cpconf.profile (name, parent, calendar, description)
VALUES ('stoke', 'staffordshire', 'stoke-council', 'Stoke-on-Trent City Council');
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
VALUES ('stoke', 'T-MINUTES', 'minutes circulated', 'conference', 15, 'working_days', 'within_after',
        '2026-02-01', 'Stoke practice note 2026/1');
-- 10 working days from Mon 22 Dec 2025: england-and-wales 23, 24, 29, 30,
-- 31 Dec, 2, 5, 6, 7, 8 Jan; Stoke's calendar also closes 29-31 Dec: 23,
-- 24 Dec, 2, 5 .. 9, 12, 13 Jan.  From Mon 2 Feb 2026 Stoke's own 15
-- working days: 3-6, 9-13, 16-20, 23 Feb.
SELECT cpconf.deadline('T-MINUTES', date '2025-12-22', 'staffordshire') AS staffordshire,
       cpconf.deadline('T-MINUTES', date '2025-12-22', 'stoke') AS stoke_inherited,
       cpconf.deadline('T-MINUTES', date '2026-02-02', 'stoke') AS stoke_own_rule;
SELECT rule, amount, defined_by, shipped, source
  FROM cpconf.timescales('stoke', date '2026-03-01') WHERE rule IN ('T-MINUTES', 'T-ICPC', 'T-CGN');
-- A council states its own rules on a profile of its own, never on a
-- shipped one, which is the partnership's procedure as published (F17).
SET ROLE regress_cpconf_maintainer;
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('derby', 'T-MINUTES', 'conference record sent', 'conference', 25, 'working_days', 'within_after', '2025-06-01', 'test')$$);
-- Its row takes precedence over the inherited one where it is in force:
-- derby's T-ICPC extended back to 2015, and a local change to T-MINUTES
-- from 1 Jun 2025 (25 working days).
INSERT INTO cpconf.profile (name, parent, description) VALUES ('derby-city', 'derby', 'Derby City Council');
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, effective_to, source)
VALUES ('derby-city', 'T-ICPC', 'initial conference held', 'strategy discussion', 15, 'working_days', 'within_after',
        '2015-01-01', '2024-09-01', 'Derby procedure, 2015 edition'),
       ('derby-city', 'T-MINUTES', 'conference record sent', 'conference', 25, 'working_days', 'within_after',
        '2025-06-01', NULL, 'Derby practice note');
-- Mon 3 Mar 2025: still the shipped 20 days (31 Mar); Mon 2 Jun 2025: 25
-- working days, 3-6, 9-13, 16-20, 23-27, 30 Jun, 1-7 Jul -> 7 Jul.
SELECT cpconf.deadline('T-MINUTES', date '2025-03-03', 'derby-city') AS shipped_rule,
       cpconf.deadline('T-MINUTES', date '2025-06-02', 'derby-city') AS council_rule,
       cpconf.deadline('T-ICPC', date '2017-03-01', 'derby-city') AS council_extends_back,
       cpconf.deadline('T-MINUTES', date '2025-06-02', 'derby') AS derby_unchanged;
SELECT rule, amount, defined_by, shipped, source
  FROM cpconf.timescales('derby-city', date '2017-03-01');
RESET ROLE;

-- A change to the rules is seen by the next statement.
SET ROLE regress_cpconf_maintainer;
UPDATE cpconf.timescale SET amount = 30 WHERE profile = 'derby-city' AND rule = 'T-MINUTES';
SELECT cpconf.deadline('T-MINUTES', date '2025-06-02', 'derby-city') AS thirty_days;
DELETE FROM cpconf.timescale WHERE profile = 'derby-city';
SELECT cpconf.deadline('T-MINUTES', date '2025-06-02', 'derby-city') AS shipped_again;
DELETE FROM cpconf.profile WHERE name = 'derby-city';
RESET ROLE;

-- The deadline functions run in parallel workers too.
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SELECT cpconf.deadline('T-MINUTES', date '2025-12-22', 'stoke');
RESET force_parallel_mode;

-- Issue 10: Derby and Derbyshire's procedure is dated 9 September 2024
-- (its last line: "Last Updated: September 9, 2024"), and its rows start
-- that day.  On Friday 6 September 2024 Derby has no minutes rule of its
-- own (national states none); from Monday 9 September, 20 working days:
-- 10-13, 16-20, 23-27, 30 Sep, 1-4, 7 Oct -> Monday 7 October 2024.
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-MINUTES', date '2024-09-06', 'derby')$$);
SELECT cpconf.deadline('T-MINUTES', date '2024-09-09', 'derby') AS derby_from_9_september;
-- Anchors the audit corrected.  T-ICPC-PLO counts, as T-ICPC, from the
-- strategy discussion ("the 15 day timeframe" points back to "within 15
-- working days of the Strategy Discussion / Meeting"): Monday 3 March 2025
-- + 15 working days = Monday 24 March.  Derby gives the outline plan to
-- everyone at the end of the conference: the same day.  Darlington counts
-- T-ICPC from the discussion that began the enquiry, and its chair's
-- complaint steps from the chair's receipt after escalation.
SELECT cpconf.deadline('T-ICPC-PLO', date '2025-03-03', 'derby') AS plo,
       cpconf.deadline('T-DECISION-OUTLINE', date '2025-03-03', 'derby') AS outline_plan;
SELECT rule, anchor FROM cpconf.timescales('darlington', date '2025-01-01')
 WHERE rule IN ('T-ICPC', 'T-COMPLAINT', 'T-COMPLAINT-ACK', 'T-COMPLAINT-CONSIDER', 'T-COMPLAINT-RESPOND') ORDER BY rule;
SELECT profile, anchor FROM cpconf.timescale WHERE rule = 'T-ICPC-PLO' ORDER BY profile;
