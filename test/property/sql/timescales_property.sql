-- timescales_property: cpconf.deadline against a slow SQL reference on
-- 20,000 random (rule, profile, anchor, as_of).  The reference resolves the
-- rule with a recursive walk up the profile chain (nearest profile with a
-- row in force on as_of, council rows first) and does each unit's
-- arithmetic in plain SQL: months with PostgreSQL's date + interval, so the
-- C month arithmetic is checked against core's.
SET client_min_messages = warning;
SET DateStyle = ISO, YMD;
CREATE EXTENSION cpconf;

-- Council data that exercises precedence and per-date inheritance: a
-- council calendar, a two-level council profile chain, council rows with
-- bounded periods on a shipped profile (kept from 0.4) and on the council
-- profiles.
SELECT setseed(0.29);
INSERT INTO cpconf.council_calendar VALUES ('prop-council', 'scotland', 'property test');
INSERT INTO cpconf.closure_day
SELECT DISTINCT 'prop-council', d, 'random'
  FROM (SELECT date '1990-01-01' + (random() * 60000)::int AS d FROM generate_series(1, 300)) s
 WHERE extract(isodow FROM d) < 6;
INSERT INTO cpconf.profile (name, parent, calendar, description) VALUES
    ('prop-a', 'derby', 'prop-council', 'council profile with its own calendar'),
    ('prop-b', 'prop-a', NULL, 'inherits the calendar too');
-- Council rows on a shipped profile, as 0.4 accepted and 0.5 keeps (new
-- ones are refused; a restore loads them with check_function_bodies off).
SET check_function_bodies = off;
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, effective_to, source) VALUES
    ('derby', 'T-ICPC', 'x', 'y', 12, 'working_days', 'within_after', '2010-01-01', '2030-01-01', 'test'),
    ('derby', 'T-MINUTES', 'x', 'y', 7, 'weeks', 'within_after', '2000-01-01', '2026-06-01', 'test');
RESET check_function_bodies;
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, effective_to, source) VALUES
    ('prop-a', 'T-RCPC1', 'x', 'y', 2, 'months', 'within_after', '2020-01-01', '2040-01-01', 'test'),
    ('prop-a', 'T-MINUTES', 'x', 'y', 30, 'hours', 'within_after', '2026-06-01', NULL, 'test'),
    ('prop-b', 'T-CG1', 'x', 'y', 9, 'calendar_days', 'at_least_after', '1990-01-01', '2000-01-01', 'test'),
    ('prop-b', 'T-REPORT-FAMILY-R', 'x', 'y', 4, 'working_days', 'at_least_before', '2024-01-01', NULL, 'test'),
    ('prop-b', 'T-LOCAL', 'x', 'y', 5, 'months', 'at_least_before', '1990-01-01', NULL, 'test');

CREATE FUNCTION ref_deadline(p_rule text, p_anchor date, p_profile text, p_as_of date) RETURNS date
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE chain (name, depth) AS (
        SELECT p_profile, 0
        UNION ALL
        SELECT p.parent, c.depth + 1 FROM chain c JOIN cpconf.profile p ON p.name = c.name
         WHERE p.parent IS NOT NULL),
    version AS (
        SELECT t.*, CASE WHEN t.direction = 'at_least_before' THEN -1 ELSE 1 END AS sign
          FROM chain c JOIN cpconf.timescale t ON t.profile = c.name AND t.rule = p_rule
         WHERE t.effective_from <= p_as_of AND (t.effective_to IS NULL OR p_as_of < t.effective_to)
         ORDER BY c.depth, t.shipped
         LIMIT 1),
    calendar AS (
        SELECT coalesce((SELECT p.calendar FROM chain c JOIN cpconf.profile p ON p.name = c.name
                          WHERE p.calendar IS NOT NULL ORDER BY c.depth LIMIT 1),
                        current_setting('cpconf.calendar')) AS name)
    SELECT CASE v.unit
        WHEN 'working_days' THEN cpconf.add_working_days(p_anchor, v.sign * v.amount, (SELECT name FROM calendar))
        WHEN 'calendar_days' THEN p_anchor + v.sign * v.amount
        WHEN 'weeks' THEN p_anchor + 7 * v.sign * v.amount
        WHEN 'months' THEN (p_anchor + v.sign * v.amount * interval '1 month')::date
        WHEN 'hours' THEN p_anchor + v.sign * ceil(v.amount / 24.0)::int
    END
      FROM version v
$$;

-- cpconf raises where the reference finds no row in force: both NULL here.
CREATE FUNCTION try_deadline(r text, anchor date, prof text, as_of date) RETURNS date
LANGUAGE plpgsql AS $$
BEGIN
    RETURN cpconf.deadline(r, anchor, prof, as_of);
EXCEPTION WHEN invalid_parameter_value OR undefined_object THEN
    RETURN NULL;
END
$$;

SELECT setseed(0.3);
CREATE TABLE sample AS
SELECT i, r.rule, p.profile,
       date '1995-01-01' + (random() * 60000)::int AS anchor,
       CASE WHEN random() < 0.5 THEN NULL ELSE date '1995-01-01' + (random() * 60000)::int END AS as_of
  FROM generate_series(1, 20000) i,
       LATERAL (SELECT rule FROM (SELECT DISTINCT rule FROM cpconf.timescale) x
                 ORDER BY random() + i * 0 LIMIT 1) r,
       LATERAL (SELECT profile FROM unnest(ARRAY['national', 'staffordshire', 'derby', 'derbyshire',
                       'darlington', 'sussex', 'prop-a', 'prop-b']) profile
                 ORDER BY random() + i * 0 LIMIT 1) p;

SELECT count(*) AS samples, count(DISTINCT rule) AS rules, count(DISTINCT profile) AS profiles,
       count(*) FILTER (WHERE try_deadline(rule, anchor, profile, as_of) IS NOT NULL) AS with_deadline,
       count(*) FILTER (WHERE try_deadline(rule, anchor, profile, as_of)
                              IS DISTINCT FROM ref_deadline(rule, anchor, profile, coalesce(as_of, anchor))) AS mismatches
  FROM sample;
-- Under another calendar setting too (it applies where no profile names one).
SET cpconf.calendar = 'northern-ireland';
SELECT count(*) FILTER (WHERE try_deadline(rule, anchor, profile, as_of)
                              IS DISTINCT FROM ref_deadline(rule, anchor, profile, coalesce(as_of, anchor))) AS mismatches_northern_ireland
  FROM sample WHERE i <= 5000;

-- Leave the database as it was found, for the next suite.
RESET cpconf.calendar;
DROP TABLE sample;
DROP FUNCTION ref_deadline(text, date, text, date), try_deadline(text, date, text, date);
DROP EXTENSION cpconf;
DROP SCHEMA cpconf;
