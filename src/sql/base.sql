/*
 * src/sql/base.sql: the schema, and the trigger that keeps every session's caches current.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/*
 * The control file fixes the schema, so CREATE EXTENSION has created it (or
 * found it) before this script runs.  Refuse a schema someone else prepared
 * with objects in it, or one owned by an ordinary role: its owner could
 * plant objects that cpconf's names resolve to, or drop cpconf's.  An empty
 * schema owned by a superuser is accepted: pg_dump creates one, owned by the
 * role that installed cpconf, before CREATE EXTENSION, and any superuser
 * may restore the dump.
 */
DO $guard$
DECLARE
    owner oid := (SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname OPERATOR(pg_catalog.=) 'cpconf');
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
                WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) t.typnamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) o.oprnamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_collation o JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) o.collnamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_conversion o JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) o.connamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_opfamily o JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) o.opfnamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_ts_config o JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) o.cfgnamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
       OR EXISTS (SELECT FROM pg_catalog.pg_ts_dict o JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) o.dictnamespace
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf')
    THEN
        RAISE EXCEPTION 'schema "cpconf" already exists and is not empty'
            USING ERRCODE = 'duplicate_schema',
                  DETAIL = 'cpconf installs into a schema of its own; objects someone else put there could stand in for its own.',
                  HINT = 'Drop or rename the existing schema "cpconf", then run CREATE EXTENSION cpconf again.';
    END IF;
    IF owner OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER)
       AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE oid OPERATOR(pg_catalog.=) owner)
       OR EXISTS (SELECT FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
                   WHERE n.nspname OPERATOR(pg_catalog.=) 'cpconf' AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
                     AND NOT coalesce((SELECT rolsuper FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) a.grantee), false))
    THEN
        RAISE EXCEPTION 'schema "cpconf" is owned by role %, or lets a role create objects in it, that is not a superuser',
                        pg_catalog.pg_get_userbyid(owner)
            USING ERRCODE = 'duplicate_schema',
                  DETAIL = 'The owner of cpconf''s schema could drop or replace cpconf''s objects.',
                  HINT = 'Drop the schema, or give it to a superuser and revoke CREATE on it from other roles, then run CREATE EXTENSION cpconf again.';
    END IF;
END
$guard$;

COMMENT ON SCHEMA cpconf IS
    'cpconf: England''s child protection procedure rules (calendars, timescales, conference and plan checks)';

/* ------------------------------------------------------------------------
 * One trigger function keeps every session's caches in step with all of
 * cpconf's configuration tables (0.1 had one for the calendar tables only).
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.config_changed()
RETURNS trigger
LANGUAGE c
AS 'MODULE_PATHNAME', 'cpconf_config_changed';

COMMENT ON FUNCTION cpconf.config_changed() IS
    'Trigger: after a change to one of cpconf''s configuration tables, tells every session to rebuild its cached rules before its next statement.';
/* ------------------------------------------------------------------------
 * What every check returns: one row per problem, whatever the layer, so that
 * enforcement raises, logs or ignores findings and reporting lists them
 * without knowing any rule.
 * ------------------------------------------------------------------------ */

CREATE TYPE cpconf.finding AS (
    rule     text,
    problem  text,
    remedy   text,
    severity text,
    profile  text
);
COMMENT ON TYPE cpconf.finding IS
    'One problem a check found: the rule broken, what is wrong, what would put it right, whether the procedure is broken or a fact the rule turns on is not recorded, and the profile the check applied. Every check_* function returns a set of these.';
COMMENT ON COLUMN cpconf.finding.rule IS 'The rule id, e.g. X-MOVED (doc/rules.md lists them all).';
COMMENT ON COLUMN cpconf.finding.problem IS 'What is wrong, in a sentence fragment that names the dates and facts involved.';
COMMENT ON COLUMN cpconf.finding.remedy IS 'What would make the record valid, as a full sentence.';
COMMENT ON COLUMN cpconf.finding.severity IS 'violation: the record breaks the rule as recorded, or lacks what the procedure requires recorded at that step; not_recorded: the verdict turns on a fact that is not recorded (NULL), which is never assumed.';
COMMENT ON COLUMN cpconf.finding.profile IS 'The profile the check applied: the one named, or the setting cpconf.profile''s. Its rule may be inherited; the problem names the profile that states it.';

/* ------------------------------------------------------------------------
 * Checks that read other rows of the configuration (an overlap, a loop, a
 * calendar in use) run one writer at a time and see what the other writer
 * committed.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.serialise_check(what text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- REPEATABLE READ would hide the other writer's commit from the check
    IF current_setting('transaction_isolation') = 'repeatable read' THEN
        RAISE EXCEPTION 'cpconf''s configuration is not changed under REPEATABLE READ (%)', what
            USING ERRCODE = 'invalid_transaction_state',
                  DETAIL = 'Its checks must see what other sessions committed after this transaction began, which REPEATABLE READ hides.',
                  HINT = 'Change it under READ COMMITTED (the default) or SERIALIZABLE.';
    END IF;
    -- an advisory lock: no privilege beyond the write itself, and one per
    -- check, so writers of several profiles in any order cannot deadlock
    PERFORM pg_advisory_xact_lock(hashtextextended('cpconf.' || what, 0));
END
$$;
COMMENT ON FUNCTION cpconf.serialise_check(text) IS
    'For the configuration tables'' triggers: one writer at a time for a check that reads other rows, refused under REPEATABLE READ.';

/* ------------------------------------------------------------------------
 * References between configuration tables (a rule's profile, a profile's
 * parent and calendar, a closure day's calendar) are kept by triggers, not
 * foreign keys.  pg_restore -j loads the tables' data at the same time, in
 * separate transactions, whatever their foreign keys (pg_dump records no
 * order between the data of two tables), so a foreign key between them
 * loses the council's rows.  While a dump is loaded (check_function_bodies
 * off, as pg_dump and pg_restore set it, and as PostgreSQL itself then
 * trusts a function body's forward references) a named row may come later;
 * at every other time it must exist, and a named row cannot be deleted or
 * renamed.  Both sides take the 'references' turn first, before any other.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.reference_check(referrer text, kind text, relation text, key text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found boolean;
    known text;
BEGIN
    PERFORM cpconf.serialise_check('references');
    IF key IS NULL OR current_setting('check_function_bodies') = 'off' THEN
        RETURN;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM cpconf.%I WHERE name = $1)', relation) INTO found USING key;
    IF NOT found THEN
        EXECUTE format('SELECT string_agg(name, '', '' ORDER BY name) FROM cpconf.%I', relation) INTO known;
        RAISE EXCEPTION '% names unknown % "%"', referrer, kind, key
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('The %s must be in cpconf.%s.', kind, relation),
                  HINT = format('Use one of: %s; or add the %s first.', known, kind);
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.reference_check(text, text, text, text) IS
    'For the configuration tables'' triggers: refuses a row (referrer) naming a key not in cpconf.relation, except while a dump is loaded (check_function_bodies off).';

CREATE FUNCTION cpconf.reference_kept()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation text := TG_ARGV[0];
    col text := TG_ARGV[1];
    kind text := replace(TG_TABLE_NAME, '_', ' ');
    users text;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.name = OLD.name THEN
        RETURN NEW;
    END IF;
    PERFORM cpconf.serialise_check('references');
    IF relation = 'profile' THEN
        EXECUTE format('SELECT string_agg(name, '', '' ORDER BY name) FROM cpconf.profile WHERE %I = $1', col)
           INTO users USING OLD.name;
    ELSE
        EXECUTE format('SELECT CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN ''1 row'' ELSE count(*) || '' rows'' END FROM cpconf.%I WHERE %I = $1', relation, col)
           INTO users USING OLD.name;
    END IF;
    IF users IS NOT NULL THEN
        RAISE EXCEPTION '% "%" is named by cpconf.%.% (%)', kind, OLD.name, relation, col, users
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Those rows would name a %s that does not exist.', kind),
                  HINT = CASE TG_OP
                      WHEN 'DELETE' THEN format('Delete or change those rows first: SELECT * FROM cpconf.%I WHERE %I = %L.', relation, col, OLD.name)
                      ELSE format('To rename it, add a %s under the new name, move those rows to it, then delete this one.', kind) END;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION cpconf.reference_kept() IS
    'Trigger on a configuration table whose rows others name: refuses to delete or rename a row that cpconf.<TG_ARGV[0]>.<TG_ARGV[1]> names.';

CREATE FUNCTION cpconf.reference_kept_truncate()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation text := TG_ARGV[0];
    col text := TG_ARGV[1];
    named text;
BEGIN
    PERFORM cpconf.serialise_check('references');
    EXECUTE format('SELECT string_agg(DISTINCT t.name, '', '') FROM cpconf.%I t JOIN cpconf.%I r ON r.%I = t.name',
                   TG_TABLE_NAME, relation, col) INTO named;
    IF named IS NOT NULL THEN
        RAISE EXCEPTION 'cpconf.% cannot be truncated: cpconf.%.% names %', TG_TABLE_NAME, relation, col, named
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'Those rows would name rows that no longer exist.',
                  HINT = format('Delete or change the rows of cpconf.%s that name them first.', relation);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.reference_kept_truncate() IS
    'Trigger: refuses TRUNCATE of a configuration table while cpconf.<TG_ARGV[0]>.<TG_ARGV[1]> names one of its rows.';

/* ------------------------------------------------------------------------
 * Tables that hold shipped rows refuse TRUNCATE, as their row triggers
 * refuse to delete shipped rows.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.shipped_rows_truncate()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'cpconf.% holds rows shipped with cpconf and cannot be truncated', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              DETAIL = 'Its shipped rows are the partnerships'' procedures as published; the row triggers refuse to delete them one by one too.',
              HINT = format('Delete your own rows instead: DELETE FROM cpconf.%s WHERE NOT shipped.', TG_TABLE_NAME);
END
$$;
COMMENT ON FUNCTION cpconf.shipped_rows_truncate() IS
    'Trigger: refuses TRUNCATE of a table that holds shipped rows (profiles, rules, source documents).';

GRANT USAGE ON SCHEMA cpconf TO PUBLIC;
