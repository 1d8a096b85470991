-- calendar_data: council calendars, holiday overrides and the setting.
SET DateStyle = ISO, YMD;
SET client_min_messages = warning;
\set admin :USER

-- An ordinary user reads the calendar data but cannot change it.
SET ROLE regress_cpconf_user;
SELECT name, kind, base, overrides, closure_days FROM cpconf.calendars ORDER BY kind DESC, name;
INSERT INTO cpconf.council_calendar VALUES ('staffordshire-council', 'england-and-wales', 'x');
RESET ROLE;

-- The council's calendar maintainer does.
SET ROLE regress_cpconf_maintainer;

-- A council calendar: england-and-wales plus the office closure between
-- Christmas and New Year (Fri 27, Mon 30, Tue 31 Dec 2024).
INSERT INTO cpconf.council_calendar (name, base, description)
VALUES ('staffordshire-council', 'england-and-wales', 'Office closure 27-31 December');
INSERT INTO cpconf.closure_day (calendar, day, reason)
SELECT 'staffordshire-council', d::date, 'Christmas office closure'
  FROM generate_series(date '2024-12-27', date '2024-12-31', interval '1 day') d
 WHERE extract(isodow FROM d) < 6;

-- 15 working days from Fri 20 Dec 2024: 23, 24 Dec, 2, 3, 6 .. 10, 13 .. 17,
-- 20 Jan.  The UK calendar is unchanged: 15 Jan.
SELECT cpconf.add_working_days(date '2024-12-20', 15, 'staffordshire-council') AS council,
       cpconf.add_working_days(date '2024-12-20', 15, 'england-and-wales') AS uk;
SELECT cpconf.is_working_day(date '2024-12-27', 'staffordshire-council') AS council,
       cpconf.is_working_day(date '2024-12-27') AS uk,
       cpconf.working_days_between(date '2024-12-20', date '2025-01-20', 'staffordshire-council') AS between;
-- bank_holidays of a council calendar are its base's; closure days are not
-- bank holidays.
SELECT * FROM cpconf.bank_holidays('staffordshire-council', '2024-12-01', '2025-01-31');
SELECT name, kind, base, overrides, closure_days FROM cpconf.calendars ORDER BY kind DESC, name;

-- Mistakes in council calendars: each a clear error.
\x on
SELECT * FROM regress.error($$INSERT INTO cpconf.closure_day VALUES ('staffordshire-council', '2024-12-28', 'Saturday')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.closure_day VALUES ('staffordshire-council', '2024-12-27', 'twice')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.closure_day VALUES ('staffordshire-council', '2300-12-27', 'far')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.closure_day VALUES ('nowhere-council', '2024-12-27', 'unknown calendar')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.council_calendar VALUES ('derby-council', 'england', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.council_calendar VALUES ('scotland', 'scotland', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.council_calendar VALUES ('Derby Council', 'england-and-wales', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.council_calendar VALUES ('derby-council', NULL, NULL)$$);
SELECT * FROM regress.error($$DELETE FROM cpconf.council_calendar WHERE name = 'staffordshire-council'$$);
\x off

-- Holiday overrides: a newly proclaimed one-off (a hypothetical Mon 7 Jun
-- 2027) and a regular holiday withdrawn (Spring, Mon 31 May 2027).
SELECT cpconf.add_working_days(date '2027-05-28', 5) AS before_override;
INSERT INTO cpconf.holiday_override (calendar, day, change, name, source)
VALUES ('england-and-wales', '2027-06-07', 'add', 'Hypothetical proclaimed holiday', 'regression test'),
       ('england-and-wales', '2027-05-31', 'remove', NULL, 'regression test');
-- After Fri 28 May 2027: 31 May, 1, 2, 3, 4 Jun (7 Jun now off).
SELECT cpconf.add_working_days(date '2027-05-28', 5) AS after_override,
       cpconf.add_working_days(date '2027-05-28', 6) AS sixth;
SELECT * FROM cpconf.bank_holidays('england-and-wales', '2027-05-01', '2027-06-30');
-- The council calendar built on england-and-wales sees the override; the
-- other UK calendars do not.
SELECT cpconf.is_working_day(date '2027-06-07', 'staffordshire-council') AS council,
       cpconf.is_working_day(date '2027-06-07', 'scotland') AS scotland;
-- builtin_bank_holiday ignores overrides.
SELECT cpconf.builtin_bank_holiday('england-and-wales', '2027-05-31') AS removed_builtin,
       cpconf.builtin_bank_holiday('england-and-wales', '2027-06-07') AS added_is_not_builtin;

\x on
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('england-and-wales', '2027-08-30', 'add', 'Summer again', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('england-and-wales', '2027-06-01', 'remove', NULL, NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('england-and-wales', '2027-06-05', 'add', 'A Saturday', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('england-and-wales', '2027-06-07', 'add', 'Twice', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('staffordshire-council', '2027-06-08', 'add', 'Council', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('england-and-wales', '1977-06-07', 'add', 'Silver Jubilee', NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('england-and-wales', '2027-06-08', 'add', NULL, NULL)$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.holiday_override VALUES ('england-and-wales', '2027-06-08', 'move', 'x', NULL)$$);
\x off

-- Undoing the overrides restores the rules.
DELETE FROM cpconf.holiday_override WHERE source = 'regression test';
SELECT cpconf.add_working_days(date '2027-05-28', 5) AS restored;

-- Data never half-written: a statement with one bad row changes nothing.
INSERT INTO cpconf.closure_day VALUES ('staffordshire-council', '2025-12-29', 'ok'),
                                      ('staffordshire-council', '2025-12-27', 'a Saturday');
SELECT count(*) AS closure_days FROM cpconf.closure_day;

-- A change rolled back leaves the calendar as it was.
BEGIN;
INSERT INTO cpconf.closure_day VALUES ('staffordshire-council', '2025-01-02', 'rolled back');
SELECT cpconf.is_working_day(date '2025-01-02', 'staffordshire-council') AS inside;
ROLLBACK;
SELECT cpconf.is_working_day(date '2025-01-02', 'staffordshire-council') AS after_rollback;
RESET ROLE;

-- The setting cpconf.calendar picks the calendar where a call names none.
SET ROLE regress_cpconf_user;
SHOW cpconf.calendar;
SET cpconf.calendar = 'scotland';
SELECT cpconf.add_working_days(date '2024-12-20', 15) AS scotland;
SET cpconf.calendar = 'staffordshire-council';
SELECT cpconf.add_working_days(date '2024-12-20', 15) AS council,
       cpconf.add_working_days(date '2024-12-20', 15, 'england-and-wales') AS named_wins;
RESET cpconf.calendar;
SELECT cpconf.add_working_days(date '2024-12-20', 15) AS default_calendar;
RESET ROLE;
-- Per role, as a council would set it for its analysts: it applies to a
-- session that logs in as the role (not to SET ROLE).
ALTER ROLE regress_cpconf_user SET cpconf.calendar = 'staffordshire-council';
\c - regress_cpconf_user
SET DateStyle = ISO, YMD;
SELECT cpconf.add_working_days(date '2024-12-20', 15) AS council_for_this_role,
       current_setting('cpconf.calendar') AS setting;
\c - :admin
ALTER ROLE regress_cpconf_user RESET cpconf.calendar;

-- A rebuild that fails part way does not leave the old calendar in use.
-- A row-security policy makes reads of closure_day fail while a setting is
-- on, so a rebuild can fail with no further change to the table.
ALTER TABLE cpconf.closure_day ENABLE ROW LEVEL SECURITY;
CREATE POLICY regress_fail_reads ON cpconf.closure_day
    USING (1 / CASE WHEN current_setting('regress.fail_reads', true) = 'yes' THEN 0 ELSE 1 END = 1);
SET ROLE regress_cpconf_user;
SELECT cpconf.is_working_day(date '2025-01-03', 'staffordshire-council') AS before_change;
RESET ROLE;
INSERT INTO cpconf.closure_day VALUES ('staffordshire-council', '2025-01-03', 'added');
SET ROLE regress_cpconf_user;
SET regress.fail_reads = 'yes';
\x on
SELECT * FROM regress.error($$SELECT cpconf.is_working_day(date '2025-01-03', 'staffordshire-council')$$);
\x off
RESET regress.fail_reads;
SELECT cpconf.is_working_day(date '2025-01-03', 'staffordshire-council') AS after_failed_rebuild;
RESET ROLE;
DROP POLICY regress_fail_reads ON cpconf.closure_day;
ALTER TABLE cpconf.closure_day DISABLE ROW LEVEL SECURITY;
DELETE FROM cpconf.closure_day WHERE day = '2025-01-03';
