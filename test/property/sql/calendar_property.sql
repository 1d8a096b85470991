-- calendar_property: the C calendar against slow, obviously correct
-- references, on every day and on 100,000 random inputs.
--
-- 1. Bank holidays: an independent SQL implementation of the rules in doc/calendar.md
--    (Easter by the Gauss/Lichtenberg formula, not the C code's Meeus;
--    substitutes by stepping day by day) for every year 1978-2199.
-- 2. is_working_day on every day of every calendar.
-- 3. add_working_days and working_days_between on 100,000 random (day, n),
--    n in [-400, 400], against day-by-day definitions built only on
--    bank_holidays(), the closure days and extract(isodow).
-- 4. The round-trip identities of the counting convention (doc/calendar.md).
SET client_min_messages = warning;
SET DateStyle = ISO, YMD;
CREATE EXTENSION cpconf;

-- A council calendar with 400 random closure days, to test the merge.
SELECT setseed(0.1978);
INSERT INTO cpconf.council_calendar VALUES ('random-council', 'scotland', 'random closures');
INSERT INTO cpconf.closure_day
SELECT DISTINCT 'random-council', d, 'random'
  FROM (SELECT date '1978-01-01' + (random() * 81082)::int AS d FROM generate_series(1, 500)) s
 WHERE extract(isodow FROM d) < 6
 LIMIT 400;

-- 1. The rules again, written plainly.
CREATE FUNCTION ref_easter(y int) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    -- Lichtenberg's form of Gauss's Easter formula: og is the Easter full
    -- moon and sz the first Sunday, both as days of March; Easter Sunday is
    -- the first Sunday after og, as day og + oe of March.
    SELECT make_date(y, 3, 1) + (og + (7 - (og - sz) % 7) - 1)
      FROM (SELECT y / 100 AS k, y % 19 AS a) s1,
           LATERAL (SELECT 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25 AS m,
                           2 - (3 * k + 3) / 4 AS s) s2,
           LATERAL (SELECT (19 * a + m) % 30 AS d) s3,
           LATERAL (SELECT 21 + d - (d + a / 11) / 29 AS og,
                           7 - (y + y / 4 + s) % 7 AS sz) s4
$$;
CREATE FUNCTION ref_monday(y int, m int, last boolean) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN last THEN max(d) ELSE min(d) END::date
      FROM generate_series(make_date(y, m, 1), make_date(y, m, 1) + interval '1 month' - interval '1 day', '1 day') d
     WHERE extract(isodow FROM d) = 1
$$;
CREATE FUNCTION ref_bank_holidays(cal text) RETURNS SETOF date LANGUAGE plpgsql AS $$
DECLARE
    y int; d date; taken date[]; f record;
BEGIN
    FOR y IN 1978 .. 2199 LOOP
        taken := ARRAY[ref_easter(y) - 2];
        IF cal <> 'scotland' THEN taken := taken || (ref_easter(y) + 1); END IF;
        taken := taken || CASE y WHEN 1995 THEN date '1995-05-08' WHEN 2020 THEN date '2020-05-08'
                                 ELSE ref_monday(y, 5, false) END;
        taken := taken || CASE y WHEN 2002 THEN date '2002-06-04' WHEN 2012 THEN date '2012-06-04'
                                 WHEN 2022 THEN date '2022-06-02' ELSE ref_monday(y, 5, true) END;
        taken := taken || ref_monday(y, 8, cal <> 'scotland');
        taken := taken || ARRAY(SELECT o FROM unnest(ARRAY[date '1981-07-29', '1999-12-31', '2002-06-03',
                     '2011-04-29', '2012-06-05', '2022-06-03', '2022-09-19', '2023-05-08']) o
                     WHERE extract(year FROM o) = y);
        IF cal = 'scotland' AND y = 2026 THEN taken := taken || date '2026-06-15'; END IF;
        -- fixed dates: weekday ones first, then weekend ones step forward
        FOR f IN SELECT * FROM (VALUES (1, 1, 'all'), (1, 2, 'scotland'), (3, 17, 'northern-ireland'),
                 (7, 12, 'northern-ireland'), (11, 30, 'scotland'), (12, 25, 'all'), (12, 26, 'all')) v(m, dd, who)
                 WHERE (who = 'all' OR who = cal) AND NOT (m = 11 AND y < 2007)
                 ORDER BY extract(isodow FROM make_date(y, m, dd)) > 5, m, dd
        LOOP
            d := make_date(y, f.m, f.dd);
            WHILE extract(isodow FROM d) > 5 OR d = ANY (taken) LOOP
                d := d + 1;
            END LOOP;
            taken := taken || d;
        END LOOP;
        RETURN QUERY SELECT unnest(taken);
    END LOOP;
END
$$;

CREATE TABLE calendars (calendar text PRIMARY KEY, base text);
INSERT INTO calendars VALUES ('england-and-wales', 'england-and-wales'), ('scotland', 'scotland'),
    ('northern-ireland', 'northern-ireland'), ('random-council', 'scotland');

SELECT c.calendar, count(*) AS holidays_1978_2199,
       (SELECT count(*) FROM (SELECT ref_bank_holidays(c.calendar) EXCEPT
                              SELECT day FROM cpconf.bank_holidays(c.calendar, NULL, NULL)) x) AS only_in_reference,
       (SELECT count(*) FROM (SELECT day FROM cpconf.bank_holidays(c.calendar, NULL, NULL) EXCEPT
                              SELECT ref_bank_holidays(c.calendar)) x) AS only_in_cpconf
  FROM calendars c, cpconf.bank_holidays(c.calendar, NULL, NULL)
 WHERE c.calendar = c.base
 GROUP BY c.calendar ORDER BY 1;

-- 2. Every day of every calendar.
CREATE TABLE ref_day AS
SELECT c.calendar, d::date AS day,
       extract(isodow FROM d) < 6
       AND NOT EXISTS (SELECT FROM cpconf.bank_holidays(c.base, d::date, d::date))
       AND NOT EXISTS (SELECT FROM cpconf.closure_day x WHERE x.calendar = c.calendar AND x.day = d::date) AS working
  FROM calendars c, generate_series(date '1978-01-01', date '2199-12-31', interval '1 day') d;
CREATE INDEX ON ref_day (calendar, day) WHERE working;
ANALYZE ref_day;

SELECT calendar, count(*) AS days, count(*) FILTER (WHERE working) AS working_days,
       count(*) FILTER (WHERE cpconf.is_working_day(day, calendar) IS DISTINCT FROM working) AS mismatches
  FROM ref_day GROUP BY calendar ORDER BY calendar;

-- 3. Random inputs against the definitions.  A result outside 1978-2199
-- is an error in cpconf and NULL in the reference.
CREATE FUNCTION try_add(d date, n int, cal text) RETURNS date LANGUAGE plpgsql AS $$
BEGIN
    RETURN cpconf.add_working_days(d, n, cal);
EXCEPTION WHEN datetime_field_overflow THEN
    RETURN NULL;
END
$$;
CREATE FUNCTION ref_add(d date, n int, cal text) RETURNS date LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN n > 0 THEN (SELECT day FROM ref_day WHERE calendar = cal AND working AND day > d
                          ORDER BY day OFFSET n - 1 LIMIT 1)
        WHEN n = 0 THEN (SELECT day FROM ref_day WHERE calendar = cal AND working AND day >= d
                          ORDER BY day LIMIT 1)
        ELSE (SELECT day FROM ref_day WHERE calendar = cal AND working AND day < d
               ORDER BY day DESC OFFSET -n - 1 LIMIT 1)
    END
$$;
CREATE FUNCTION ref_between(a date, b date, cal text) RETURNS int LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN b >= a
        THEN (SELECT count(*) FROM ref_day WHERE calendar = cal AND working AND day > a AND day <= b)
        ELSE -(SELECT count(*) FROM ref_day WHERE calendar = cal AND working AND day > b AND day <= a)
    END::int
$$;

SELECT setseed(0.2199);
CREATE TABLE sample AS
SELECT i,
       (ARRAY['england-and-wales', 'scotland', 'northern-ireland', 'random-council'])[1 + floor(random() * 4)::int] AS calendar,
       date '1978-01-01' + (random() * 81082)::int AS day,
       (random() * 800)::int - 400 AS n,
       (random() * 1200)::int - 600 AS span
  FROM generate_series(1, 100000) i;
-- keep the second day in range
UPDATE sample SET span = -span WHERE day + span NOT BETWEEN date '1978-01-01' AND date '2199-12-31';

SELECT count(*) AS samples, count(DISTINCT calendar) AS calendars,
       count(*) FILTER (WHERE calendar IS NULL OR day IS NULL OR n IS NULL) AS broken_samples,
       count(*) FILTER (WHERE n > 0) AS forward, count(*) FILTER (WHERE n < 0) AS backward,
       count(*) FILTER (WHERE n = 0) AS zero,
       count(*) FILTER (WHERE try_add(day, n, calendar) IS NULL) AS out_of_range,
       count(*) FILTER (WHERE try_add(day, n, calendar) IS DISTINCT FROM ref_add(day, n, calendar)) AS add_mismatches,
       count(*) FILTER (WHERE cpconf.working_days_between(day, day + span, calendar)
                              IS DISTINCT FROM ref_between(day, day + span, calendar)) AS between_mismatches
  FROM sample;
-- The same through the timestamp overloads, at random times of day.
SELECT count(*) FILTER (WHERE try_add(day, n, calendar) IS NOT NULL
                          AND cpconf.add_working_days(day + (random() * 86399.999) * interval '1 second', n, calendar)
                              IS DISTINCT FROM cpconf.add_working_days(day, n, calendar)) AS timestamp_mismatches
  FROM sample WHERE i <= 20000;

-- 4. Round trips (the counting convention, doc/calendar.md): for working days a and b,
-- add_working_days(a, working_days_between(a, b)) = b; for any a and n > 0
-- (any n when a is a working day), working_days_between(a, add_working_days(a, n)) = n.
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE cpconf.add_working_days(day, cpconf.working_days_between(day, day + span, calendar), calendar)
                              <> day + span) AS add_between_failures
  FROM sample
 WHERE cpconf.is_working_day(day, calendar) AND cpconf.is_working_day(day + span, calendar);
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE cpconf.working_days_between(day, try_add(day, n, calendar), calendar) <> n) AS between_add_failures
  FROM sample
 WHERE try_add(day, n, calendar) IS NOT NULL
   AND (n > 0 OR (n <> 0 AND cpconf.is_working_day(day, calendar)));

-- A time with a zone is its day in England, whatever the session's zone:
-- random instants (to the second; 200 of them midnight in Tokyo, 200 the
-- start of a day in Cairo, where clocks have skipped midnight) under five
-- time zones, against the obvious conversion of the instant to a
-- Europe/London date, and refused exactly where the instant starts its
-- day in the session's zone and is another day in England.
SELECT setseed(0.27);
CREATE TABLE instants AS
SELECT i, calendar, n,
       timestamptz '1980-01-01 00:00+00' + (random() * 78000 * 86400)::bigint * interval '1 second' AS at
  FROM sample WHERE i <= 20000;
UPDATE instants SET at = date_trunc('day', at AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo' WHERE i <= 200;
UPDATE instants SET at = date_trunc('day', at AT TIME ZONE 'Africa/Cairo') AT TIME ZONE 'Africa/Cairo' WHERE i BETWEEN 201 AND 400;
CREATE FUNCTION try_england_add(at timestamptz, n int, cal text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN cpconf.add_working_days(at, n, cal)::text || ' ' || cpconf.is_working_day(at, cal)::text
           || ' ' || cpconf.day_in_england(at)::text;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN 'refused';
END
$$;
CREATE FUNCTION zone_check(zone text, OUT mismatches bigint, OUT refused bigint) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('TimeZone', zone, true);
    SELECT count(*) FILTER (WHERE got IS DISTINCT FROM expected), count(*) FILTER (WHERE got = 'refused')
      INTO mismatches, refused
      FROM (SELECT try_england_add(at, n, calendar) AS got,
                   CASE WHEN at = ((at AT TIME ZONE zone)::date)::timestamptz   -- the start of its day there
                         AND (at AT TIME ZONE zone)::date <> (at AT TIME ZONE 'Europe/London')::date THEN 'refused'
                        ELSE try_add((at AT TIME ZONE 'Europe/London')::date, n, calendar)::text || ' '
                             || cpconf.is_working_day((at AT TIME ZONE 'Europe/London')::date, calendar)::text || ' '
                             || (at AT TIME ZONE 'Europe/London')::date::text END AS expected
              FROM instants) x;
END
$$;
SELECT zone, (zone_check(zone)).*
  FROM unnest(ARRAY['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Africa/Cairo']) zone;

-- Leave the database as it was found, for the next suite.
DROP FUNCTION zone_check(text), try_england_add(timestamptz, int, text);
DROP TABLE instants;
DROP TABLE sample, ref_day, calendars;
DROP FUNCTION ref_easter(int), ref_monday(int, int, boolean), ref_bank_holidays(text),
              try_add(date, int, text), ref_add(date, int, text), ref_between(date, date, text);
DELETE FROM cpconf.closure_day;
DELETE FROM cpconf.council_calendar;
DROP EXTENSION cpconf;
DROP SCHEMA cpconf;
