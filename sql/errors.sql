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
-- Types a call must make explicit: a bare literal could be a date or a
-- timestamp, and a timestamptz depends on the time zone.
SELECT * FROM regress.error($$SELECT cpconf.add_working_days('2024-12-20', 15)$$);
SELECT * FROM regress.error($$SELECT cpconf.add_working_days(timestamptz '2024-12-20 23:30+00', 15)$$);

-- The trigger functions refuse to run outside their triggers.
SELECT * FROM regress.error($$SELECT cpconf.calendar_data_changed()$$);
RESET ROLE;
CREATE TABLE regress_not_calendar (x int);
CREATE TRIGGER wrong BEFORE INSERT ON regress_not_calendar
    FOR EACH ROW EXECUTE FUNCTION cpconf.calendar_data_changed();
SELECT * FROM regress.error($$INSERT INTO regress_not_calendar VALUES (1)$$);
DROP TABLE regress_not_calendar;
