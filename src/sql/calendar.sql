/*
 * src/sql/calendar.sql: the calendar layer: UK bank holidays, council calendars, working days.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/* ------------------------------------------------------------------------
 * Calendar data: what a council may change without a rebuild.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.holiday_override (
    calendar text NOT NULL,
    day      date NOT NULL,
    change   text NOT NULL,
    name     text,
    source   text,
    PRIMARY KEY (calendar, day),
    CONSTRAINT holiday_override_change CHECK (change IN ('add', 'remove')),
    CONSTRAINT holiday_override_add_named CHECK (change = 'remove' OR name IS NOT NULL)
);

COMMENT ON TABLE cpconf.holiday_override IS
    'Corrections to the built-in UK bank holidays: a newly proclaimed one-off (add) or a day that is no longer one (remove). Seen by every session''s next statement.';
COMMENT ON COLUMN cpconf.holiday_override.calendar IS 'A UK calendar: england-and-wales, scotland or northern-ireland.';
COMMENT ON COLUMN cpconf.holiday_override.day IS 'The day added or removed: a weekday from 1978-01-01 to 2199-12-31.';
COMMENT ON COLUMN cpconf.holiday_override.change IS '''add'' makes the day a bank holiday; ''remove'' makes a built-in bank holiday a working day.';
COMMENT ON COLUMN cpconf.holiday_override.name IS 'The holiday''s name, required for ''add''.';
COMMENT ON COLUMN cpconf.holiday_override.source IS 'Where the change comes from, e.g. the proclamation.';

CREATE TABLE cpconf.council_calendar (
    name        text PRIMARY KEY,
    base        text NOT NULL,
    description text
);

COMMENT ON TABLE cpconf.council_calendar IS
    'A council''s own working-day calendar: a UK calendar plus the council''s closure days (cpconf.closure_day). Closure days never change a UK calendar.';
COMMENT ON COLUMN cpconf.council_calendar.name IS 'Lower-case words joined by hyphens, e.g. staffordshire-council; not the name of a UK calendar.';
COMMENT ON COLUMN cpconf.council_calendar.base IS 'The UK calendar whose bank holidays it keeps: england-and-wales, scotland or northern-ireland.';

CREATE TABLE cpconf.closure_day (
    calendar text NOT NULL,
    day      date NOT NULL,
    reason   text NOT NULL,
    PRIMARY KEY (calendar, day)
);

COMMENT ON TABLE cpconf.closure_day IS
    'Days a council''s offices are closed (e.g. between Christmas and New Year), non-working in its council calendar only.';
COMMENT ON COLUMN cpconf.closure_day.calendar IS 'The council calendar (cpconf.council_calendar) it closes.';
COMMENT ON COLUMN cpconf.closure_day.day IS 'A weekday from 1978-01-01 to 2199-12-31; it may also be a bank holiday.';

-- The council's rows are its data: pg_dump must keep them.
SELECT pg_catalog.pg_extension_config_dump('cpconf.holiday_override', '');
SELECT pg_catalog.pg_extension_config_dump('cpconf.council_calendar', '');
SELECT pg_catalog.pg_extension_config_dump('cpconf.closure_day', '');

/*
 * The C functions below carry no SET search_path: they run no SQL that
 * depends on it (their queries name cpconf's tables and use no operators),
 * and a SET clause would wrap every call in a configuration save/restore,
 * costing more than the working-day arithmetic itself.
 */

CREATE FUNCTION cpconf.builtin_bank_holiday(calendar text, day date)
RETURNS text
LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_builtin_bank_holiday';

COMMENT ON FUNCTION cpconf.builtin_bank_holiday(text, date) IS
    'The name of the bank holiday the built-in rules (doc/calendar.md) give on day in a UK calendar, ignoring cpconf.holiday_override; NULL when there is none.';

/* ------------------------------------------------------------------------
 * Validation of the calendar data: a clear error for each mistake.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.holiday_override_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    builtin text;
BEGIN
    IF NEW.calendar NOT IN ('england-and-wales', 'scotland', 'northern-ireland') THEN
        RAISE EXCEPTION 'holiday override for unknown UK calendar "%"', NEW.calendar
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Overrides correct the bank holidays of a UK calendar; a council''s own closure days go in cpconf.closure_day.',
                  HINT = 'Use one of: england-and-wales, scotland, northern-ireland.';
    END IF;
    IF NEW.day < date '1978-01-01' OR NEW.day > date '2199-12-31' THEN
        RAISE EXCEPTION 'holiday override on % is outside the range of cpconf''s calendars', NEW.day
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = 'cpconf''s calendars cover 1978-01-01 to 2199-12-31.',
                  HINT = 'Check the date for a typing error.';
    END IF;
    IF extract(isodow FROM NEW.day) > 5 THEN
        RAISE EXCEPTION 'holiday override on %, a %, changes nothing', NEW.day, trim(to_char(NEW.day, 'Day'))
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Weekends are never working days; a proclaimed holiday falls on a weekday.',
                  HINT = 'Check the date: a weekend bank holiday moves to a weekday, which is the day to add.';
    END IF;
    builtin := cpconf.builtin_bank_holiday(NEW.calendar, NEW.day);
    IF NEW.change = 'add' AND builtin IS NOT NULL THEN
        RAISE EXCEPTION '% is already a bank holiday in calendar "%" (%)', NEW.day, NEW.calendar, builtin
            USING ERRCODE = 'check_violation',
                  DETAIL = 'The built-in bank holiday rules (doc/calendar.md) already give this day.',
                  HINT = 'Nothing to add. To rename or move it, remove it and add the new day.';
    END IF;
    IF NEW.change = 'remove' AND builtin IS NULL THEN
        RAISE EXCEPTION '% is not a built-in bank holiday in calendar "%"', NEW.day, NEW.calendar
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Only a day the built-in bank holiday rules (doc/calendar.md) give can be removed.',
                  HINT = 'See cpconf.bank_holidays() for the days; to undo an added day, delete its override row.';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION cpconf.holiday_override_check() IS
    'Trigger: rejects an override on an unknown calendar, out of range, on a weekend, adding an existing bank holiday or removing a day that is not one.';

CREATE TRIGGER holiday_override_check
    BEFORE INSERT OR UPDATE ON cpconf.holiday_override
    FOR EACH ROW EXECUTE FUNCTION cpconf.holiday_override_check();

CREATE FUNCTION cpconf.council_calendar_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.name IN ('england-and-wales', 'scotland', 'northern-ireland') THEN
        RAISE EXCEPTION 'council calendar cannot be named "%"', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'That is the name of a UK calendar, and closure days never change a UK calendar.',
                  HINT = 'Name it after the council, e.g. staffordshire-council.';
    END IF;
    IF NEW.name !~ '^[a-z0-9]+(-[a-z0-9]+)*$' THEN
        RAISE EXCEPTION 'council calendar name "%" is not lower-case words joined by hyphens', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Calendar names are looked up exactly, so they are kept to one simple form.',
                  HINT = 'Use a name like staffordshire-council.';
    END IF;
    IF NEW.base IS DISTINCT FROM 'england-and-wales' AND NEW.base IS DISTINCT FROM 'scotland'
       AND NEW.base IS DISTINCT FROM 'northern-ireland' THEN
        RAISE EXCEPTION 'council calendar "%" has unknown base calendar "%"', NEW.name, NEW.base
            USING ERRCODE = 'check_violation',
                  DETAIL = 'A council calendar is a UK calendar plus the council''s closure days.',
                  HINT = 'Use one of: england-and-wales, scotland, northern-ireland.';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION cpconf.council_calendar_check() IS
    'Trigger: rejects a council calendar named like a UK calendar, badly named, or on an unknown base.';

CREATE TRIGGER council_calendar_check
    BEFORE INSERT OR UPDATE ON cpconf.council_calendar
    FOR EACH ROW EXECUTE FUNCTION cpconf.council_calendar_check();

CREATE FUNCTION cpconf.closure_day_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.day < date '1978-01-01' OR NEW.day > date '2199-12-31' THEN
        RAISE EXCEPTION 'closure day % is outside the range of cpconf''s calendars', NEW.day
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = 'cpconf''s calendars cover 1978-01-01 to 2199-12-31.',
                  HINT = 'Check the date for a typing error.';
    END IF;
    IF extract(isodow FROM NEW.day) > 5 THEN
        RAISE EXCEPTION 'closure day % is a %', NEW.day, trim(to_char(NEW.day, 'Day'))
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Weekends are never working days, so closing on one changes nothing.',
                  HINT = 'Leave weekends out of the closure days, e.g. WHERE extract(isodow FROM day) < 6.';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION cpconf.closure_day_check() IS
    'Trigger: rejects a closure day on a weekend or out of range; closure_day_names_calendar checks its calendar.';

CREATE TRIGGER closure_day_check
    BEFORE INSERT OR UPDATE ON cpconf.closure_day
    FOR EACH ROW EXECUTE FUNCTION cpconf.closure_day_check();
CREATE TRIGGER closure_day_names_calendar AFTER INSERT OR UPDATE ON cpconf.closure_day
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('calendar', 'council_calendar', 'council calendar', 'closure day %s', 'day');
CREATE TRIGGER council_calendar_named_by_closure_day AFTER UPDATE OR DELETE ON cpconf.council_calendar
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('closure_day', 'calendar');
CREATE TRIGGER council_calendar_truncate_closure_day AFTER TRUNCATE ON cpconf.council_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.reference_kept_truncate('closure_day', 'calendar', 'council_calendar');

CREATE TRIGGER holiday_override_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.holiday_override
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();
CREATE TRIGGER council_calendar_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.council_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();
CREATE TRIGGER closure_day_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.closure_day
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();

/* ------------------------------------------------------------------------
 * Working-day arithmetic.  STABLE: they read the calendar tables and the
 * setting cpconf.calendar.  Not STRICT: a NULL calendar means the setting;
 * a NULL day or count gives NULL.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.is_working_day(day date, calendar text DEFAULT NULL)
RETURNS boolean
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_is_working_day';

CREATE FUNCTION cpconf.is_working_day(day timestamp, calendar text DEFAULT NULL)
RETURNS boolean
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_is_working_day_ts';

CREATE FUNCTION cpconf.add_working_days(day date, n integer, calendar text DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_add_working_days';

CREATE FUNCTION cpconf.add_working_days(day timestamp, n integer, calendar text DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_add_working_days_ts';

CREATE FUNCTION cpconf.working_days_between(from_day date, to_day date, calendar text DEFAULT NULL)
RETURNS integer
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_working_days_between';

CREATE FUNCTION cpconf.working_days_between(from_day timestamp, to_day timestamp, calendar text DEFAULT NULL)
RETURNS integer
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_working_days_between_ts';

CREATE FUNCTION cpconf.bank_holidays(calendar text, from_day date, to_day date)
RETURNS TABLE (day date, name text)
LANGUAGE c STABLE PARALLEL SAFE ROWS 10
AS 'MODULE_PATHNAME', 'cpconf_bank_holidays';

COMMENT ON FUNCTION cpconf.is_working_day(date, text) IS
    'True when day is Monday to Friday and neither a bank holiday nor a closure day of the calendar (NULL: the setting cpconf.calendar). NULL day gives NULL.';
COMMENT ON FUNCTION cpconf.is_working_day(timestamp, text) IS
    'is_working_day of the timestamp''s date; the time of day is ignored.';
COMMENT ON FUNCTION cpconf.add_working_days(date, integer, text) IS
    'The n-th working day strictly after day (n > 0) or strictly before it (n < 0); for n = 0, day itself if it is a working day, else the next one.';
COMMENT ON FUNCTION cpconf.add_working_days(timestamp, integer, text) IS
    'add_working_days of the timestamp''s date; the time of day is ignored.';
COMMENT ON FUNCTION cpconf.working_days_between(date, date, text) IS
    'The number of working days in (from_day, to_day], negative when to_day is before from_day.';
COMMENT ON FUNCTION cpconf.working_days_between(timestamp, timestamp, text) IS
    'working_days_between of the timestamps'' dates; the time of day is ignored.';

/*
 * timestamptz: the event's day in England (its Europe/London date), whatever
 * the session's TimeZone.  A bare literal ('2024-12-20') now means these, as
 * PostgreSQL prefers timestamptz; a midnight in the session's time zone that
 * is another day in England (east of London: a date or a bare literal made a
 * timestamptz) is refused, never moved a day.
 */
CREATE FUNCTION cpconf.is_working_day(day timestamptz, calendar text DEFAULT NULL)
RETURNS boolean
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_is_working_day_ts';

CREATE FUNCTION cpconf.add_working_days(day timestamptz, n integer, calendar text DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_add_working_days_ts';

CREATE FUNCTION cpconf.working_days_between(from_day timestamptz, to_day timestamptz, calendar text DEFAULT NULL)
RETURNS integer
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_working_days_between_ts';

CREATE FUNCTION cpconf.day_in_england(event_time timestamptz)
RETURNS date
LANGUAGE c STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_day_in_england';

COMMENT ON FUNCTION cpconf.is_working_day(timestamptz, text) IS
    'is_working_day of the day in England (Europe/London) of the time; a midnight in the session''s time zone that is another day in England is refused (22023).';
COMMENT ON FUNCTION cpconf.add_working_days(timestamptz, integer, text) IS
    'add_working_days of the day in England (Europe/London) of the time; a midnight in the session''s time zone that is another day in England is refused (22023).';
COMMENT ON FUNCTION cpconf.working_days_between(timestamptz, timestamptz, text) IS
    'working_days_between the days in England (Europe/London) of the times; a midnight in the session''s time zone that is another day in England is refused (22023).';
COMMENT ON FUNCTION cpconf.day_in_england(timestamptz) IS
    'The day in England (the Europe/London date) of an event at this time, whatever the session''s TimeZone: the day to pass to functions that take dates. A midnight in the session''s time zone that is another day in England is refused (22023).';
COMMENT ON FUNCTION cpconf.bank_holidays(text, date, date) IS
    'The bank holidays of a calendar (NULL: the setting cpconf.calendar) between from_day and to_day inclusive (a NULL bound is open), after overrides; for a council calendar, its base''s bank holidays.';

CREATE VIEW cpconf.calendars AS
    SELECT c.name, 'uk'::text AS kind, NULL::text AS base, 'UK bank holidays'::text AS description,
           (SELECT count(*) FROM cpconf.holiday_override o WHERE o.calendar = c.name) AS overrides,
           NULL::bigint AS closure_days
      FROM (VALUES ('england-and-wales'), ('scotland'), ('northern-ireland')) AS c (name)
    UNION ALL
    SELECT cc.name, 'council', cc.base, cc.description,
           NULL,
           (SELECT count(*) FROM cpconf.closure_day d WHERE d.calendar = cc.name)
      FROM cpconf.council_calendar cc;

COMMENT ON VIEW cpconf.calendars IS
    'Every calendar a call may name: the three UK calendars and the council calendars, with their override and closure-day counts.';

GRANT SELECT ON cpconf.holiday_override, cpconf.council_calendar, cpconf.closure_day, cpconf.calendars TO PUBLIC;

-- Every statement that writes these tables takes the configuration's turn first.
CREATE TRIGGER holiday_override_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.holiday_override
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER council_calendar_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.council_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER closure_day_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.closure_day
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
