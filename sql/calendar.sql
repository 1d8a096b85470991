-- calendar: bank holidays and working-day arithmetic, checked by hand.
-- Every expected date below was written by hand from the bank holiday rules (doc/calendar.md) and
-- checked against a calendar; each query prints only disagreements.
SET DateStyle = ISO, YMD;
SET client_min_messages = warning;
SET ROLE regress_cpconf_user;

CREATE TEMP TABLE expected_holiday (calendar text, day date);
INSERT INTO expected_holiday
SELECT 'england-and-wales', d::date FROM unnest(ARRAY[
 '2004-01-01','2004-04-09','2004-04-12','2004-05-03','2004-05-31','2004-08-30','2004-12-27','2004-12-28',
 '2010-01-01','2010-04-02','2010-04-05','2010-05-03','2010-05-31','2010-08-30','2010-12-27','2010-12-28',
 '2011-01-03','2011-04-22','2011-04-25','2011-04-29','2011-05-02','2011-05-30','2011-08-29','2011-12-26','2011-12-27',
 '2015-01-01','2015-04-03','2015-04-06','2015-05-04','2015-05-25','2015-08-31','2015-12-25','2015-12-28',
 '2016-01-01','2016-03-25','2016-03-28','2016-05-02','2016-05-30','2016-08-29','2016-12-26','2016-12-27',
 '2020-01-01','2020-04-10','2020-04-13','2020-05-08','2020-05-25','2020-08-31','2020-12-25','2020-12-28',
 '2021-01-01','2021-04-02','2021-04-05','2021-05-03','2021-05-31','2021-08-30','2021-12-27','2021-12-28',
 '2022-01-03','2022-04-15','2022-04-18','2022-05-02','2022-06-02','2022-06-03','2022-08-29','2022-09-19','2022-12-26','2022-12-27',
 '2026-01-01','2026-04-03','2026-04-06','2026-05-04','2026-05-25','2026-08-31','2026-12-25','2026-12-28',
 '2027-01-01','2027-03-26','2027-03-29','2027-05-03','2027-05-31','2027-08-30','2027-12-27','2027-12-28']) d
UNION ALL
SELECT 'scotland', d::date FROM unnest(ARRAY[
 '2004-01-01','2004-01-02','2004-04-09','2004-05-03','2004-05-31','2004-08-02','2004-12-27','2004-12-28',
 '2010-01-01','2010-01-04','2010-04-02','2010-05-03','2010-05-31','2010-08-02','2010-11-30','2010-12-27','2010-12-28',
 '2011-01-03','2011-01-04','2011-04-22','2011-04-29','2011-05-02','2011-05-30','2011-08-01','2011-11-30','2011-12-26','2011-12-27',
 '2015-01-01','2015-01-02','2015-04-03','2015-05-04','2015-05-25','2015-08-03','2015-11-30','2015-12-25','2015-12-28',
 '2016-01-01','2016-01-04','2016-03-25','2016-05-02','2016-05-30','2016-08-01','2016-11-30','2016-12-26','2016-12-27',
 '2020-01-01','2020-01-02','2020-04-10','2020-05-08','2020-05-25','2020-08-03','2020-11-30','2020-12-25','2020-12-28',
 '2021-01-01','2021-01-04','2021-04-02','2021-05-03','2021-05-31','2021-08-02','2021-11-30','2021-12-27','2021-12-28',
 '2022-01-03','2022-01-04','2022-04-15','2022-05-02','2022-06-02','2022-06-03','2022-08-01','2022-09-19','2022-11-30','2022-12-26','2022-12-27',
 '2026-01-01','2026-01-02','2026-04-03','2026-05-04','2026-05-25','2026-06-15','2026-08-03','2026-11-30','2026-12-25','2026-12-28',
 '2027-01-01','2027-01-04','2027-03-26','2027-05-03','2027-05-31','2027-08-02','2027-11-30','2027-12-27','2027-12-28']) d;
-- Northern Ireland: England and Wales plus St Patrick's Day and the Boyne.
INSERT INTO expected_holiday
SELECT 'northern-ireland', day FROM expected_holiday WHERE calendar = 'england-and-wales'
UNION ALL
SELECT 'northern-ireland', d::date FROM unnest(ARRAY[
 '2004-03-17','2004-07-12','2010-03-17','2010-07-12','2011-03-17','2011-07-12',
 '2015-03-17','2015-07-13','2016-03-17','2016-07-12','2020-03-17','2020-07-13',
 '2021-03-17','2021-07-12','2022-03-17','2022-07-12','2026-03-17','2026-07-13',
 '2027-03-17','2027-07-12']) d;

-- Substitutes and regular rules, years 2004 .. 2027 named in issue 2: no
-- differences either way.
WITH years(y) AS (VALUES (2004), (2010), (2011), (2015), (2016), (2020), (2021), (2022), (2026), (2027)),
actual AS (
    SELECT c.calendar, h.day
      FROM (VALUES ('england-and-wales'), ('scotland'), ('northern-ireland')) c(calendar),
           years, cpconf.bank_holidays(c.calendar, make_date(y, 1, 1), make_date(y, 12, 31)) h)
(SELECT 'missing' AS problem, * FROM expected_holiday EXCEPT SELECT 'missing', * FROM actual)
UNION ALL
(SELECT 'unexpected', * FROM actual EXCEPT SELECT 'unexpected', * FROM expected_holiday)
ORDER BY 2, 3;
SELECT calendar, count(*) FROM expected_holiday GROUP BY 1 ORDER BY 1;

-- The substitute names follow gov.uk: a weekday holiday keeps its own date.
SELECT * FROM cpconf.bank_holidays('england-and-wales', '2022-12-24', '2023-01-03');
SELECT * FROM cpconf.bank_holidays('scotland', '2022-12-24', '2023-01-04');
SELECT * FROM cpconf.bank_holidays('scotland', '2019-11-29', '2019-12-03');

-- Every one-off since 1978, and the regular day it replaced is a working
-- day (doc/calendar.md).
SELECT c.calendar, d.day, d.holiday, cpconf.is_working_day(d.day, c.calendar) AS working
  FROM (VALUES ('england-and-wales'), ('scotland'), ('northern-ireland')) c(calendar),
       (VALUES (date '1981-07-29', true), ('1995-05-01', false), ('1995-05-08', true),
               ('1999-12-31', true), ('2002-05-27', false), ('2002-06-03', true), ('2002-06-04', true),
               ('2011-04-29', true), ('2012-05-28', false), ('2012-06-04', true), ('2012-06-05', true),
               ('2020-05-04', false), ('2020-05-08', true), ('2022-05-30', false), ('2022-06-02', true),
               ('2022-06-03', true), ('2022-09-19', true), ('2023-05-08', true), ('2026-06-15', false)) d(day, holiday)
 WHERE cpconf.is_working_day(d.day, c.calendar) = d.holiday
    OR (d.day = '2026-06-15')
 ORDER BY 2, 1;
SELECT * FROM cpconf.bank_holidays('england-and-wales', '1978-01-01', '1978-12-31');
SELECT * FROM cpconf.bank_holidays('england-and-wales', '1999-12-24', '2000-01-04');

-- Deadlines across Christmas: strategy discussion Fri 20 Dec 2024, 15
-- working days: 23, 24, 27, 30, 31 Dec, 2, 3, 6 .. 10, 13, 14, 15 Jan.
-- Scotland also keeps 2 Jan, so one day later.  A Saturday counts as the
-- Friday before.
SELECT cpconf.add_working_days(date '2024-12-20', 15) AS ew,
       cpconf.add_working_days(date '2024-12-20', 15, 'scotland') AS scotland,
       cpconf.add_working_days(date '2024-12-21', 15) AS from_saturday,
       cpconf.add_working_days(timestamp '2024-12-20 23:59:59', 15) AS from_timestamp;
-- Christmas 2022 (27 Dec substitute) into 2023 (2 Jan substitute; Scotland
-- also 3 Jan): 28, 29, 30 Dec, 3 .. 6, 9, 10, 11 Jan.
SELECT cpconf.add_working_days(date '2022-12-23', 10) AS ew,
       cpconf.add_working_days(date '2022-12-23', 10, 'scotland') AS scotland;
-- Easter 2025 (18, 21 Apr) and early May (5 May): 15 working days after
-- Fri 11 Apr; Scotland has no Easter Monday.
SELECT cpconf.add_working_days(date '2025-04-11', 15) AS ew,
       cpconf.add_working_days(date '2025-04-11', 15, 'scotland') AS scotland;
-- Backwards over Easter: 5 working days before Tue 22 Apr 2025 is Fri 11 Apr.
SELECT cpconf.add_working_days(date '2025-04-22', -5) AS ew;
-- The 2022 jubilee week: Mon 30 May worked, 2 and 3 June off.
SELECT cpconf.add_working_days(date '2022-05-27', 5) AS ew,
       cpconf.working_days_between(date '2022-05-27', date '2022-06-10') AS between;
-- The 2023 coronation (Mon 8 May) after early May (Mon 1 May).
SELECT cpconf.add_working_days(date '2023-05-04', 3) AS a,
       cpconf.add_working_days(date '2023-04-28', 10) AS b;

-- n = 0: the day itself when it works, else the next working day.
SELECT cpconf.add_working_days(date '2022-12-25', 0) AS christmas_sunday,
       cpconf.add_working_days(date '2022-12-28', 0) AS working_wednesday,
       cpconf.add_working_days(date '2022-12-24', 0) AS saturday;
-- n < 0: strictly before.  Before Wed 4 Jan 2023: 3 Jan, (2 Jan off), 30, 29 Dec.
SELECT cpconf.add_working_days(date '2023-01-04', -1) AS one_before,
       cpconf.add_working_days(date '2023-01-04', -3) AS three_before,
       cpconf.add_working_days(date '2023-01-02', -1) AS before_holiday;

-- working_days_between counts (from, to]; negative backwards; the
-- identity add_working_days(a, working_days_between(a, b)) = b on a
-- working day b.
SELECT cpconf.working_days_between(date '2024-12-20', date '2025-01-15') AS forward,
       cpconf.working_days_between(date '2025-01-15', date '2024-12-20') AS backward,
       cpconf.working_days_between(date '2024-12-20', date '2024-12-20') AS same_day,
       cpconf.working_days_between(date '2024-12-20', date '2024-12-22') AS to_sunday,
       cpconf.working_days_between(date '2024-12-21', date '2024-12-23') AS sat_to_mon,
       cpconf.working_days_between(timestamp '2024-12-20 08:00', timestamp '2025-01-15 17:00') AS timestamps;

-- is_working_day across a Christmas week.
SELECT d::date AS day, to_char(d, 'Dy') AS dow,
       cpconf.is_working_day(d::date) AS ew,
       cpconf.is_working_day(d::date, 'scotland') AS scotland,
       cpconf.is_working_day(d) AS ew_timestamp
  FROM generate_series(timestamp '2020-12-24', '2021-01-05', '1 day') d;

-- A whole year of working days: 2023 in England and Wales has 365 - 105
-- weekend days - 9 bank holidays (2 Jan, 7 and 10 Apr, 1, 8 and 29 May,
-- 28 Aug, 25 and 26 Dec) = 251.
SELECT cpconf.working_days_between(date '2022-12-31', date '2023-12-31') AS working_days_2023,
       (SELECT count(*) FROM cpconf.bank_holidays('england-and-wales', '2023-01-01', '2023-12-31')) AS holidays;

-- NULLs give NULL; a NULL calendar means the setting.
SELECT cpconf.is_working_day(NULL::date) AS a, cpconf.add_working_days(NULL::date, 1) AS b,
       cpconf.add_working_days(date '2024-01-01', NULL) AS c,
       cpconf.working_days_between(NULL::date, date '2024-01-01') AS d,
       cpconf.add_working_days(date '2024-12-20', 15, NULL) AS e;
SELECT count(*) FROM cpconf.bank_holidays(NULL, '2024-01-01', '2024-12-31');

-- The calendar functions run in parallel workers too.
RESET ROLE;
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SELECT cpconf.add_working_days(date '2024-12-20', 15, 'scotland');
RESET force_parallel_mode;
