-- errors: every bad input to the calendar gets a clear error (SQLSTATE,
-- detail, hint) or a documented NULL; none crashes the backend.
SET DateStyle = ISO, YMD;
SET client_min_messages = warning;
SET ROLE regress_cpconf_user;
\x on

-- Unknown calendars; the hint lists the known ones.
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '2024-12-20', 15, 'england')$$);
SELECT * FROM regress.error($$SELECT cpconf.is_working_day(date '2024-12-20', '')$$);
SELECT * FROM regress.error($$SELECT cpconf.working_days_between(date '2024-12-20', date '2025-01-20', 'England-and-Wales')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.bank_holidays('wales', NULL, NULL)$$);
SET cpconf.calendar = 'nowhere';
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '2024-12-20', 15)$$);
RESET cpconf.calendar;
SET cpconf.no_such_setting = 'x';
SELECT * FROM regress.error($$SELECT cpconf.builtin_bank_holiday('staffordshire-council', '2024-12-25')$$);

-- Infinite and out-of-range days.
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date 'infinity', 1)$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '-infinity', 1)$$);
SELECT * FROM regress.error($$SELECT cpconf.is_working_day(timestamp 'infinity')$$);
SELECT * FROM regress.error($$SELECT cpconf.working_days_between(date '2024-01-01', date 'infinity')$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '9999-12-31', 1)$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(timestamp '9999-12-31 23:59', 1)$$);
SELECT * FROM regress.error($$SELECT cpconf.is_working_day(date '1977-12-31')$$);
SELECT * FROM regress.error($$SELECT cpconf.is_working_day(date '2200-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.working_days_between(date '1900-01-01', date '2024-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.builtin_bank_holiday('england-and-wales', '4000-12-25')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.bank_holidays('england-and-wales', '1970-01-01', '2024-01-01')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.bank_holidays('england-and-wales', '2024-01-01', '2300-01-01')$$);

-- Counts that leave the range, huge and negative.
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '2199-12-30', 2)$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '1978-01-03', -1)$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '2024-01-01', 2147483647)$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '2024-01-01', -2147483648)$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(date '2024-01-01', 100000)$$);
\x off
-- ... while the edges themselves work: 2199-12-31 is a Tuesday; 1978-01-02
-- is the New Year substitute, so the first working day is Tue 3 Jan 1978.
SELECT cpconf.add_working_days(date '2199-12-30', 1) AS last_day,
       cpconf.add_working_days(date '1978-01-01', 0) AS first_working_day,
       cpconf.working_days_between(date '1978-01-01', date '2199-12-31') AS all_working_days;

-- An empty or reversed range of bank holidays is empty, not an error; a
-- NULL bound is open.
SELECT count(*) FROM cpconf.bank_holidays('england-and-wales', '2024-12-31', '2024-01-01');
SELECT count(*) FROM cpconf.bank_holidays('england-and-wales', NULL, '1978-12-31');
SELECT count(*) FROM cpconf.bank_holidays('scotland', '2199-01-01', NULL);

-- NULL days and counts give NULL (documented), whatever the calendar.
SELECT cpconf.add_working_days(NULL::date, NULL, 'no-such-calendar') IS NULL AS null_day_first,
       cpconf.is_working_day(NULL::timestamp) IS NULL AS null_timestamp,
       cpconf.working_days_between(date '2024-01-01', NULL::date) IS NULL AS null_to,
       cpconf.builtin_bank_holiday(NULL, date '2024-12-25') IS NULL AS null_calendar;

\x on
-- F27: a timestamptz is the event's day in England (Europe/London),
-- whatever the session's TimeZone.  An event at 00:30 BST on Monday 2 June
-- 2025 (Sunday 23:30 UTC): T-ICPC due 15 working days later, 3-6, 9-13,
-- 16-20, 23 June, under London, UTC and New York alike.
\x off
SET TimeZone = 'UTC';
SELECT cpconf.deadline('T-ICPC', timestamptz '2025-06-02 00:30 Europe/London') AS utc,
       cpconf.is_working_day(timestamptz '2025-06-01 23:30+00') AS monday_in_england,
       cpconf.day_in_england(timestamptz '2025-06-01 23:30+00') AS day;
SET TimeZone = 'America/New_York';
SELECT cpconf.deadline('T-ICPC', timestamptz '2025-06-02 00:30 Europe/London') AS new_york,
       cpconf.working_days_between(timestamptz '2025-06-01 19:30', timestamptz '2025-06-23 12:00') AS working_days;
-- A bare literal is a timestamptz now: midnight where the session is, the
-- same day in England west of London; Friday 20 December 2024 + 15
-- working days (23, 24, 27, 30, 31 Dec, 2, 3, 6-10, 13-15 Jan) = 15 January.
SELECT cpconf.add_working_days('2024-12-20', 15) AS new_york_literal;
SET TimeZone = 'Europe/London';
SELECT cpconf.add_working_days('2024-12-20', 15) AS london_literal,
       cpconf.deadline('T-ICPC', timestamptz '2025-06-02 00:30') AS london;
-- East of London, midnight is the day before in England: refused, never
-- moved a day (a bare literal, a date made a timestamptz, a mixed call).
SET TimeZone = 'Europe/Paris';
\x on
SELECT * FROM regress.error($$SELECT cpconf.add_working_days('2024-12-20', 15)$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', timestamptz '2025-06-02 10:00', NULL, date '2025-06-02')$$);
SELECT * FROM regress.error($$SELECT cpconf.day_in_england('infinity')$$);
-- where the clocks skip midnight (Cairo, Friday 26 April 2024), a day
-- starts at 01:00, the day before in England: refused too
SET TimeZone = 'Africa/Cairo';
SELECT * FROM regress.error($$SELECT cpconf.add_working_days('2024-04-26', 1)$$);
SET TimeZone = 'Europe/Paris';
\x off
-- but a time of day there is its day in England: 01:00 Paris is midnight BST
SELECT cpconf.day_in_england('2025-06-02 01:00') AS paris_one_am, cpconf.day_in_england(NULL) AS null_time;
RESET TimeZone;
\x on

-- The trigger functions refuse to run outside their triggers.
SELECT * FROM regress.error($$SELECT cpconf.config_changed()$$);
RESET ROLE;
CREATE TABLE regress_not_calendar (x int);
CREATE TRIGGER wrong BEFORE INSERT ON regress_not_calendar
    FOR EACH ROW EXECUTE FUNCTION cpconf.config_changed();
SELECT * FROM regress.error($$INSERT INTO regress_not_calendar VALUES (1)$$);
DROP TABLE regress_not_calendar;

-- Timescales (issue 3): unknown rule and profile (hints list the known
-- ones), a rule the profile does not define, a day before any version.
SET ROLE regress_cpconf_user;
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-NOPE', date '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('t-icpc', date '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', date '2025-01-01', 'derby-city')$$);
SET cpconf.profile = 'nowhere';
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', date '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.timescales()$$);
RESET cpconf.profile;
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-PREBIRTH', date '2025-09-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', date '2017-03-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-MINUTES', date '2019-03-01', 'derby')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', date '2025-01-01', 'national', date '2017-01-01')$$);
-- Bad days.
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', date 'infinity')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-RCPC1', date '9999-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', date '2025-01-01', 'national', date 'infinity')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', timestamp '-infinity')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.timescales('national', date 'infinity')$$);
-- Pre-birth facts that contradict or make no sense.
SELECT * FROM regress.error($$SELECT * FROM cpconf.prebirth_conference_due(date '2025-09-01', 20, date '2025-04-21', 'derby')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.prebirth_conference_due(gestation_weeks => 60, gestation_on => date '2025-04-21', profile => 'derby')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.prebirth_conference_due(gestation_weeks => -3, gestation_on => date '2025-04-21', profile => 'derby')$$);
RESET ROLE;

-- Mistakes in the rule tables.
SET ROLE regress_cpconf_maintainer;
INSERT INTO cpconf.profile (name, parent, description) VALUES ('regress-a', 'national', 'a');
INSERT INTO cpconf.profile (name, parent, description) VALUES ('regress-b', 'regress-a', 'b');
SELECT * FROM regress.error($$UPDATE cpconf.profile SET parent = 'regress-b' WHERE name = 'regress-a'$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.profile (name, parent, description) VALUES ('regress-c', 'regress-c', 'c')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.profile (name, parent, description) VALUES ('regress-d', NULL, 'd')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.profile (name, parent, description) VALUES ('Regress E', 'national', 'e')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.profile (name, parent, description) VALUES ('regress-f', 'nowhere', 'f')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.profile (name, parent, calendar, description) VALUES ('regress-g', 'national', 'wales', 'g')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.profile (name, parent, description, shipped) VALUES ('regress-h', 'national', 'h', true)$$);
SELECT * FROM regress.error($$UPDATE cpconf.profile SET calendar = 'scotland' WHERE name = 'derby'$$);
SELECT * FROM regress.error($$DELETE FROM cpconf.profile WHERE name = 'sussex'$$);
SELECT * FROM regress.error($$UPDATE cpconf.timescale SET amount = 20 WHERE profile = 'national' AND rule = 'T-ICPC'$$);
-- The shipped source documents are fixed; a council adds its own.
SELECT * FROM regress.error($$UPDATE cpconf.source_document SET edition = '2019' WHERE name = 'Darlington SCB 2017'$$);
SELECT * FROM regress.error($$DELETE FROM cpconf.source_document WHERE name = 'Working Together 2018'$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.source_document (name, title, publisher, edition, shipped)
    VALUES ('Regress 2025', 'x', 'y', 'z', true)$$);
INSERT INTO cpconf.source_document (name, title, publisher, edition)
    VALUES ('Regress 2025', 'Our procedures', 'Regress Council', 'May 2025');
DELETE FROM cpconf.source_document WHERE name = 'Regress 2025';
SELECT * FROM regress.error($$DELETE FROM cpconf.timescale WHERE profile = 'derby' AND rule = 'T-ICPC'$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source, shipped)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 15, 'working_days', 'within_after', '2025-01-01', 'test', true)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', -15, 'working_days', 'within_after', '2025-01-01', 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('regress-a', 'ICPC', 'x', 'y', 15, 'working_days', 'within_after', '2025-01-01', 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 15, 'fortnights', 'within_after', '2025-01-01', 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 15, 'working_days', 'after', '2025-01-01', 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, effective_to, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 15, 'working_days', 'within_after', '2025-01-01', '2024-01-01', 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('nowhere', 'T-ICPC', 'x', 'y', 15, 'working_days', 'within_after', '2025-01-01', 'test')$$);
-- Overlapping effective dates for one profile and rule.
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, effective_to, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 15, 'working_days', 'within_after', '2025-01-01', '2026-01-01', 'test');
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 12, 'working_days', 'within_after', '2025-06-01', 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, effective_to, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 12, 'working_days', 'within_after', '2024-01-01', '2025-01-02', 'test')$$);
-- ... while the next period is fine.
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('regress-a', 'T-ICPC', 'x', 'y', 12, 'working_days', 'within_after', '2026-01-01', 'test');
-- A huge amount gives a clear error, not a wrong date.
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source)
    VALUES ('regress-a', 'T-HUGE', 'x', 'y', 2000000000, 'calendar_days', 'within_after', '2025-01-01', 'test'),
           ('regress-a', 'T-HUGE-WD', 'x', 'y', 2000000000, 'working_days', 'within_after', '2025-01-01', 'test'),
           ('regress-a', 'T-HUGE-M', 'x', 'y', 2000000000, 'months', 'at_least_before', '2025-01-01', 'test');
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-HUGE', date '2025-01-01', 'regress-a')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-HUGE-WD', date '2025-01-01', 'regress-a')$$);
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-HUGE-M', date '2025-01-01', 'regress-a')$$);
-- A profile still used cannot be deleted.
SELECT * FROM regress.error($$DELETE FROM cpconf.profile WHERE name = 'regress-a'$$);
DELETE FROM cpconf.timescale WHERE profile = 'regress-a';
DELETE FROM cpconf.profile WHERE name IN ('regress-b');
DELETE FROM cpconf.profile WHERE name IN ('regress-a');
-- The trigger function refuses to run outside its triggers.
SELECT * FROM regress.error($$SELECT cpconf.config_changed()$$);
RESET ROLE;
-- A parent chain that loops, possible only with the table's trigger
-- bypassed, is the same error (42P19) in every layer that resolves a
-- profile's rules: timescales, conference, plan.
BEGIN;
ALTER TABLE cpconf.profile DISABLE TRIGGER profile_check;
INSERT INTO cpconf.profile (name, parent, description)
    VALUES ('regress-x', 'regress-y', 'x'), ('regress-y', 'regress-x', 'y');
\x on
SELECT * FROM regress.error($$SELECT cpconf.deadline('T-ICPC', date '2025-01-01', 'regress-x')$$);
SELECT * FROM regress.error($$SELECT cpconf.conference_rules('regress-x', date '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.timescales('regress-x', date '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy('police', 'attended', true, NULL, NULL, NULL, date '2025-03-03', 'regress-x')$$);
SELECT * FROM regress.error($$SELECT cpconf.conference_decision('police', 'plan', NULL, date '2025-03-03', 'regress-x')$$);
SELECT * FROM regress.error($$SELECT cpconf.check_plan_start(date '2025-03-03', profile => 'regress-x')$$);
SELECT * FROM regress.error($$SELECT cpconf.discontinuation_rules('regress-x', date '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.check_discontinuation('died', date '2025-01-01', profile => 'regress-x', date_of_death => date '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.after_discontinuation('died', date '2025-01-01', 'regress-x')$$);
\x off
ROLLBACK;

-- Conferences (issue 4): bad labels, unknown agencies, inconsistent groups,
-- missing facts, rules before any version.
SET ROLE regress_cpconf_user;
\x on
SELECT * FROM regress.error($$SELECT 'bruising'::cpconf.abuse_category$$);
SELECT * FROM regress.error($$SELECT ''::cpconf.abuse_category$$);
SELECT * FROM regress.error($$SELECT 'social worker'::cpconf.sector$$);
SELECT * FROM regress.error($$SELECT 'maybe'::cpconf.participation$$);
SELECT * FROM regress.error($$SELECT cpconf.attendee('Youth Offending Team', 'attended')$$);
SELECT * FROM regress.error($$SELECT cpconf.attendee(NULL, 'attended')$$);
SELECT * FROM regress.error($$SELECT cpconf.attendee('police', NULL)$$);
SELECT * FROM regress.error($$SELECT cpconf.attendee('police', 'sort of')$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy(cpconf.attendee('police', 'attended'), d, 'derby')
    FROM (VALUES (date '2025-03-03'), (date '2025-03-04')) v(d)$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy(cpconf.attendee('police', 'attended'), date '2025-03-03', p)
    FROM (VALUES ('derby'), ('darlington')) v(p)$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy(cpconf.attendee('police', 'attended'), date '2025-03-03', 'nowhere')$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy(cpconf.attendee('police', 'attended'), date '2017-03-03', 'national')$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy(ROW(NULL, 'x', NULL, NULL, false, 'attended', true, NULL, NULL)::cpconf.attendance, date '2025-03-03', 'derby')$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy('police', NULL, true, NULL, NULL, NULL, date '2025-03-03', 'derby')$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy('Youth Offending Team', 'attended', true, NULL, NULL, NULL, date '2025-03-03', 'derby')$$);
SELECT * FROM regress.error($$SELECT cpconf.quoracy('police', 'maybe', true, NULL, NULL, NULL, date '2025-03-03', 'derby')$$);
SELECT cpconf.quoracy(NULL, NULL, NULL, NULL, NULL, NULL, date '2025-03-03', 'derby') AS direct_form_no_attendance;
SELECT * FROM regress.error($$SELECT cpconf.conference_decision('police', 'perhaps', NULL, date '2025-03-03', 'derby')$$);
SELECT * FROM regress.error($$SELECT cpconf.conference_decision('police', NULL, 'plan', date '2025-03-03', 'derby')$$);
SELECT * FROM regress.error($$SELECT cpconf.conference_decision('police', 'plan', NULL, NULL, 'derby')$$);
SELECT * FROM regress.error($$SELECT cpconf.conference_decision(a, 'plan', c, date '2025-03-03', 'derby')
    FROM (VALUES ('police', 'plan'), ('health', 'no plan')) v(a, c)$$);
-- derby in 2019 inherits national's rules; before 2018 nothing is in force
SELECT (cpconf.conference_rules('derby', date '2019-01-01')).profile AS derby_2019_uses;
SELECT * FROM regress.error($$SELECT cpconf.conference_rules('derby', date '2017-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.conference_rules('national', date 'infinity')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.inquorate_conference(date '2025-03-03', 'national', true, true)$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.inquorate_conference(NULL, 'derby', true, true)$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.inquorate_conference('infinity', 'derby', true, true)$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_plan_start(NULL, profile => 'derby')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_categories(ARRAY['neglect']::cpconf.abuse_category[], 'nowhere')$$);
RESET ROLE;
SET ROLE regress_cpconf_maintainer;
SELECT * FROM regress.error($$INSERT INTO cpconf.agency (name, sector) VALUES ('Youth Offending Team', 'youth justice')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.agency (name, sector, gp) VALUES ('Dr Jones', 'police', true)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.agency (name, sector) VALUES ('  ', 'police')$$);
INSERT INTO cpconf.agency (name, sector) VALUES ('Duty Team', 'social_care');
SELECT * FROM regress.error($$INSERT INTO cpconf.agency (name, sector) VALUES ('duty team ', 'police')$$);
DELETE FROM cpconf.agency WHERE name = 'Duty Team';
SELECT * FROM regress.error($$UPDATE cpconf.conference_rule SET quorum_agencies = 2 WHERE profile = 'derby'$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.conference_rule (profile, effective_from, quorum_social_care, quorum_agencies,
    quorum_qualifies, health_services_separately, decision, multiple_categories, emotional_second_needs_concern,
    interim_lead_manager, source, proceed_requires)
    VALUES ('derby', '2025-01-01', true, 3, 'direct_contact', false, 'chair', 'allowed', false, false, 'test',
            ARRAY['the chair feels like it'])$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.conference_rule (profile, effective_from, quorum_social_care, quorum_agencies,
    quorum_qualifies, health_services_separately, decision, multiple_categories, emotional_second_needs_concern,
    interim_lead_manager, source)
    VALUES ('derby', '2025-01-01', true, 0, 'direct_contact', false, 'chair', 'allowed', false, false, 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.conference_rule (profile, effective_from, quorum_social_care, quorum_agencies,
    quorum_qualifies, health_services_separately, decision, multiple_categories, emotional_second_needs_concern,
    interim_lead_manager, source)
    VALUES ('derby', '2025-01-01', true, 3, 'direct_contact', false, 'vote', 'allowed', false, false, 'test')$$);
-- a council states its rules on its own profile, never on a shipped one (F17)
SELECT * FROM regress.error($$INSERT INTO cpconf.conference_rule (profile, effective_from, quorum_social_care, quorum_agencies,
    quorum_qualifies, health_services_separately, decision, multiple_categories, emotional_second_needs_concern,
    interim_lead_manager, source)
    VALUES ('derby', '2025-01-01', true, 3, 'direct_contact', false, 'chair', 'allowed', false, false, 'test')$$);
INSERT INTO cpconf.conference_rule (profile, effective_from, quorum_social_care, quorum_agencies,
    quorum_qualifies, health_services_separately, decision, multiple_categories, emotional_second_needs_concern,
    interim_lead_manager, source)
    VALUES ('stoke', '2025-01-01', true, 3, 'direct_contact', false, 'chair', 'allowed', false, false, 'test');
-- 0.4's boolean health_services_separately keeps its meaning (false: never),
-- however a 0.4 script or dump writes it ('t' is how COPY writes true);
-- labels are forgiven case and spacing; a value cpconf does not know is
-- refused with the ones it does.
SELECT health_services_separately FROM cpconf.conference_rule WHERE profile = 'stoke';
BEGIN;
UPDATE cpconf.conference_rule SET health_services_separately = 't' WHERE profile = 'stoke';
SELECT health_services_separately AS from_t FROM cpconf.conference_rule WHERE profile = 'stoke';
UPDATE cpconf.conference_rule SET health_services_separately = ' Off ' WHERE profile = 'stoke';
SELECT health_services_separately AS from_off FROM cpconf.conference_rule WHERE profile = 'stoke';
UPDATE cpconf.conference_rule SET health_services_separately = ' As Chair Judges ' WHERE profile = 'stoke';
SELECT health_services_separately AS from_label FROM cpconf.conference_rule WHERE profile = 'stoke';
UPDATE cpconf.conference_rule SET health_services_separately = E'tru\t' WHERE profile = 'stoke';
SELECT health_services_separately AS from_prefix FROM cpconf.conference_rule WHERE profile = 'stoke';
UPDATE cpconf.conference_rule SET health_services_separately = 'as  chair-judges' WHERE profile = 'stoke';
SELECT health_services_separately AS from_spaced_label FROM cpconf.conference_rule WHERE profile = 'stoke';
ROLLBACK;
SELECT * FROM regress.error($$UPDATE cpconf.conference_rule SET health_services_separately = 'sometimes' WHERE profile = 'stoke'$$);
SELECT * FROM regress.error($$UPDATE cpconf.conference_rule SET multiple_categories = 'chair' WHERE profile = 'stoke'$$);
UPDATE cpconf.conference_rule SET health_services_separately = 'as_chair_judges', multiple_categories = 'by_consensus',
       quorum_qualifies = 'family_contact' WHERE profile = 'stoke';
-- issue 10's new columns: unknown values, an age without its rule
SELECT * FROM regress.error($$UPDATE cpconf.conference_rule SET child_participation = 'always', child_participation_age = 12 WHERE profile = 'stoke'$$);
SELECT * FROM regress.error($$UPDATE cpconf.conference_rule SET child_participation = 'offered_from' WHERE profile = 'stoke'$$);
SELECT * FROM regress.error($$UPDATE cpconf.conference_rule SET icpc_delay = 'phone call' WHERE profile = 'stoke'$$);
SELECT * FROM regress.error($$UPDATE cpconf.conference_rule SET advocacy_over_age = -5 WHERE profile = 'stoke'$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.conference_rule (profile, effective_from, quorum_social_care, quorum_agencies,
    quorum_qualifies, health_services_separately, decision, multiple_categories, emotional_second_needs_concern,
    interim_lead_manager, source)
    VALUES ('stoke', '2025-06-01', true, 3, 'direct_contact', false, 'chair', 'allowed', false, false, 'test')$$);
DELETE FROM cpconf.conference_rule WHERE NOT shipped;
\x off
RESET ROLE;

-- Ending a plan (issue 5): unknown grounds and forums, impossible dates.
SET ROLE regress_cpconf_user;
\x on
SELECT * FROM regress.error($$SELECT 'fostered'::cpconf.end_reason$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation(NULL, date '2025-06-02')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('died', NULL)$$);
-- An infinite day a check counts from is named as the argument it is.
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('died', 'infinity', date_of_death => '2025-01-01')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.after_discontinuation('died', '-infinity')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_plan_start('infinity')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_plan_start('2025-03-03', started => 'infinity')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_plan_start(NULL, profile => 'nowhere', started => '2025-03-03')$$);
SELECT * FROM regress.error($$SELECT cpconf.review_before_18('infinity')$$);
SELECT * FROM regress.error($$SELECT cpconf.review_before_18('5874890-01-01')$$);
SELECT * FROM regress.error($$SELECT cpconf.first_review_due('2025-03-03', NULL, 'derby', 'infinity')$$);
-- A day before 1 AD is printed as PostgreSQL prints it.
SELECT rule, problem FROM cpconf.check_plan_start('2027-01-05', true, NULL, 3, '0202-05-01 BC', '2027-02-01', true, true, true,
    '{physical}', 'national');
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('died', date '2025-06-02', decided_at => 'phone call')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('no_longer_at_risk', date '2025-06-02', plan_started => date '2025-07-01')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('died', date '2025-06-02', date_of_death => date '2025-06-10')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('no_longer_at_risk', date '2025-06-02', date_of_death => date '2025-05-01')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('reached_18', date '2025-06-02', date_of_birth => date '2025-07-01')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('died', date '2025-06-02', profile => 'nowhere')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('died', date '2017-06-02', profile => 'national')$$);
SELECT * FROM regress.error($$SELECT cpconf.discontinuation_rules('national', date 'infinity')$$);
SELECT * FROM cpconf.after_discontinuation(NULL, date '2025-06-02');
RESET ROLE;
SET ROLE regress_cpconf_maintainer;
SELECT * FROM regress.error($$UPDATE cpconf.discontinuation_rule SET open_actions = 'refuse' WHERE profile = 'sussex'$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.discontinuation_rule (profile, effective_from, grounds, manager_grounds,
    looked_after_review, moved_needs_written_responsibility, moved_needs_risk_assessment, open_actions, first_review,
    first_review_grounds, supervision_order, notify, notify_on_move, critical_incident_on_death, source)
    VALUES ('sussex', '2025-01-01', '{died}', '{left_uk}', false, false, false, 'refuse', 'any', '{}', false, '{}', '{}', false, 'test')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.discontinuation_rule (profile, effective_from, grounds, manager_grounds,
    looked_after_review, moved_needs_written_responsibility, moved_needs_risk_assessment, open_actions, first_review,
    first_review_grounds, supervision_order, notify, notify_on_move, critical_incident_on_death, source)
    VALUES ('sussex', '2025-01-01', '{died}', '{}', false, false, false, 'ignore', 'any', '{}', false, '{}', '{}', false, 'test')$$);
\x off
RESET ROLE;
-- An error from one row of a large report names the argument the bad
-- value came from, so the row can be found.
\x off
SELECT message FROM regress.error($$SELECT cpconf.first_review_due(date '1900-01-01')$$)
UNION ALL SELECT message FROM regress.error($$SELECT cpconf.first_review_due(date '2017-01-02')$$)
UNION ALL SELECT message FROM regress.error($$SELECT cpconf.first_review_due(date '2025-01-02', as_of => date '2017-01-02')$$)
UNION ALL SELECT message FROM regress.error($$SELECT cpconf.prebirth_conference_due(date '2017-01-02', profile => 'derby')$$)
UNION ALL SELECT message FROM regress.error($$SELECT cpconf.prebirth_conference_due(gestation_weeks => 20, gestation_on => date '2199-12-01', profile => 'derby')$$)
UNION ALL SELECT message FROM regress.error($$SELECT * FROM cpconf.check_plan_start(date '1900-01-01', profile => 'derby')$$)
UNION ALL SELECT message FROM regress.error($$SELECT cpconf.deadline('T-ICPC', timestamp '1900-01-02 10:00', 'national', timestamp '2025-01-01 00:00')$$)
UNION ALL SELECT message FROM regress.error($$SELECT cpconf.deadline('T-ICPC', timestamp '2025-01-02 10:00', 'national', timestamp 'infinity')$$);
\x on
-- An infinite day is refused, naming the argument, wherever a day is
-- recorded: a day not known is NULL.
\x off
SELECT message FROM regress.error($$SELECT cpconf.first_review_due(date '2025-01-02', birth => '-infinity')$$)
UNION ALL SELECT message FROM regress.error($$SELECT * FROM cpconf.check_plan_start(date '2025-01-02', profile => 'derby', birth => 'infinity')$$)
UNION ALL SELECT message FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('died', date '2025-06-02', 'manager', 'derby', date_of_death => '-infinity')$$)
UNION ALL SELECT message FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('no_longer_at_risk', date '2025-06-02', 'review_conference', 'derby', plan_started => '-infinity')$$);
\x on

-- Issue 10: the checks of who takes part, a late initial conference, the
-- decision's record and closing the child in need plan refuse what cannot
-- be judged, each with its SQLSTATE, naming the argument.
\x off
SET ROLE regress_cpconf_maintainer;
SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(NULL, 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2025-03-03', 'derby', 'ICPC')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2025-03-03', 'derby', agencies_absent_without_report => -1)$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2025-03-03', 'derby', child_born => 'infinity')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation('infinity', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2025-03-03', 'nowhere')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2010-03-03', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '9999-12-31', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2025-03-03', 'derby', child_born => '4713-01-01 BC')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2025-03-03', 'derby', child_born => '2007-03-03')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_participation(date '2025-03-03', 'derby', child_born => '2300-01-01')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_icpc_timeliness(date '2025-01-01', date '2300-01-01', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_cin_plan_closure(date '2025-01-31', date '2300-02-01', 'staffordshire')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_cin_plan_closure(date '1900-01-31', date '1900-02-01', 'staffordshire')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_decision(date '20250-03-03', 'plan', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_decision(date '2025-03-03', 'abstain', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_discontinuation('looked_after', date '2025-06-02', 'the panel', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$INSERT INTO cpconf.source_document (name, title, publisher, edition) VALUES (' ', 'x', 'y', 'z')$$)
UNION ALL SELECT state, message FROM regress.error($$INSERT INTO cpconf.source_document (name, title, publisher, edition) VALUES ('working together 2018 ', 'x', 'y', 'z')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_icpc_timeliness(date '2025-03-03', NULL, 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_icpc_timeliness(date '2025-03-03', date '2025-03-02', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_icpc_timeliness('-infinity', date '2025-03-02', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_icpc_timeliness(date '9999-12-01', date '9999-12-31', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_decision(date '2025-03-03', 'maybe', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_decision(date '2025-03-03', NULL, 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_cin_plan_closure(date '2025-06-02', date '2025-06-01', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$SELECT * FROM cpconf.check_cin_plan_closure(date '2025-06-02', 'infinity', 'derby')$$)
UNION ALL SELECT state, message FROM regress.error($$INSERT INTO cpconf.discontinuation_rule (profile, effective_from, grounds, manager_grounds,
    looked_after_review, moved_needs_written_responsibility, moved_needs_risk_assessment, open_actions, first_review,
    first_review_grounds, supervision_order, notify, notify_on_move, critical_incident_on_death, source, cin_plan_closure)
    VALUES ('stoke', '2025-01-01', '{died}', '{}', false, false, false, 'refuse', 'any', '{}', false, '{}', '{}', false, 'test', 'whenever')$$);
RESET ROLE;
