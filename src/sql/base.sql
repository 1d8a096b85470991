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
 * reference) run one writer at a time and see what the other writer
 * committed.
 *
 * While a dump is loaded, they do not run: pg_dump's scripts and
 * pg_restore turn check_function_bodies off, as PostgreSQL then trusts a
 * function body's forward references, and load the configuration tables in
 * any order (pg_restore -j: each in its own transaction).  Only a
 * superuser, who could disable the triggers anyway, is trusted so: another
 * role that turns the setting off is checked as ever.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.loading_dump()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
RETURN pg_catalog.current_setting('check_function_bodies') OPERATOR(pg_catalog.=) 'off'
   AND (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
   AND (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) SESSION_USER);
COMMENT ON FUNCTION cpconf.loading_dump() IS
    'True while a superuser loads a dump (check_function_bodies off, as pg_dump and pg_restore set it): the configuration tables'' checks that read other rows let rows come in any order. The session''s role must be a superuser too: inside a SECURITY DEFINER function the current role is its owner''s.';

CREATE FUNCTION cpconf.serialise_check(what text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF cpconf.loading_dump() THEN
        RETURN;
    END IF;
    -- after waiting its turn, a check must see the other writer's commit:
    -- only READ COMMITTED takes a new snapshot for each of its queries
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'cpconf''s configuration is changed only under READ COMMITTED (%)', what
            USING ERRCODE = 'invalid_transaction_state',
                  DETAIL = format('Its checks must see what other sessions committed while this transaction waited for its turn, which %s hides.',
                                  upper(current_setting('transaction_isolation'))),
                  HINT = 'Change it in a READ COMMITTED transaction (the default): BEGIN ISOLATION LEVEL READ COMMITTED.';
    END IF;
    -- an advisory lock (no privilege beyond the write itself), one for all
    -- the configuration, so that writers in any order cannot deadlock
    PERFORM pg_advisory_xact_lock(hashtextextended('cpconf.configuration', 0));
END
$$;
COMMENT ON FUNCTION cpconf.serialise_check(text) IS
    'For the configuration tables'' triggers: one writer of the configuration at a time for a check (what) that reads other rows, under READ COMMITTED only; nothing while a dump is loaded.';

-- Every statement that writes the configuration takes the turn before it
-- writes a row: a writer holding row locks (a row deleted, an index entry
-- added) never waits for the turn while another holds the turn and waits
-- for those rows.
CREATE FUNCTION cpconf.configuration_turn()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM cpconf.serialise_check(TG_TABLE_NAME);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.configuration_turn() IS
    'Trigger (before each statement that writes a configuration table): takes the configuration''s one turn (cpconf.serialise_check) before any row is written.';

/* ------------------------------------------------------------------------
 * References between configuration tables (a rule's profile, a profile's
 * parent and calendar, a closure day's calendar) are kept by these
 * triggers, not by foreign keys, which a parallel restore breaks (above).
 * Like a foreign key's, they run at the end of the statement: a statement
 * may add a profile's child before it, or delete a profile with its rules.
 * The statement took the configuration's turn first (configuration_turn),
 * so each sees what another writer committed.
 * ------------------------------------------------------------------------ */

-- The first names of relation (20 at most), for a hint.
CREATE FUNCTION cpconf.names_for_hint(relation text, but text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    names text;
    n bigint;
BEGIN
    EXECUTE format('SELECT string_agg(name, '', '' ORDER BY name) FILTER (WHERE k <= 20), count(*)
                      FROM (SELECT name, row_number() OVER (ORDER BY name) AS k FROM cpconf.%I
                             WHERE name IS DISTINCT FROM $1) x', relation)
       INTO names, n USING but;
    RETURN names || CASE WHEN n > 20 THEN format(', ... (%s in all)', n) ELSE '' END;
END
$$;
COMMENT ON FUNCTION cpconf.names_for_hint(text, text) IS
    'For the configuration tables'' errors: the first 20 names in cpconf.relation but the one named but, for a hint.';

CREATE FUNCTION cpconf.reference_exists()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text := TG_ARGV[0];          -- the column that names a row
    relation text := TG_ARGV[1];     -- where the named row is, by name
    kind text := TG_ARGV[2];         -- what it names, for the message
    key text := to_jsonb(NEW) ->> col;
    found boolean;
    known text;
BEGIN
    IF key IS NULL OR (TG_OP = 'UPDATE' AND key IS NOT DISTINCT FROM to_jsonb(OLD) ->> col) THEN
        RETURN NULL;
    END IF;
    IF cpconf.loading_dump() THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM cpconf.%I WHERE name = $1)', relation) INTO found USING key;
    IF NOT found THEN
        -- a profile is not its own parent
        known := cpconf.names_for_hint(relation, CASE WHEN relation = TG_TABLE_NAME THEN to_jsonb(NEW) ->> 'name' END);
        RAISE EXCEPTION '% names unknown % "%"', format(TG_ARGV[3], to_jsonb(NEW) ->> TG_ARGV[4]), kind, key
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('The %s must be in cpconf.%s.', kind, relation),
                  HINT = coalesce(format('Use one of: %s; or add the %s first', known, kind), format('Add the %s first', kind))
                         || CASE WHEN relation = 'calendars' THEN ', or NULL for the setting cpconf.calendar.' ELSE '.' END;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.reference_exists() IS
    'Trigger (after each row): refuses a row whose column TG_ARGV[0] names a row not in cpconf.<TG_ARGV[1]>, except while a dump is loaded.';

CREATE FUNCTION cpconf.reference_kept()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation text := TG_ARGV[0];     -- the table whose rows name this one's
    col text := TG_ARGV[1];          -- by this column
    kind text := replace(TG_TABLE_NAME, '_', ' ');
    users text;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.name = OLD.name THEN
        RETURN NULL;
    END IF;
    IF relation = 'profile' THEN
        EXECUTE format('SELECT string_agg(name, '', '' ORDER BY name) FROM cpconf.profile WHERE %I = $1', col)
           INTO users USING OLD.name;
    ELSE
        EXECUTE format('SELECT CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN ''1 row'' ELSE count(*) || '' rows'' END FROM cpconf.%I WHERE %I = $1',
                       relation, col)
           INTO users USING OLD.name;
    END IF;
    IF users IS NOT NULL THEN
        RAISE EXCEPTION '% "%" is named by cpconf.%.% (%)', kind, OLD.name, relation, col, users
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Those rows would name a %s that does not exist.', kind),
                  HINT = CASE TG_OP
                      WHEN 'DELETE' THEN format('Delete or change those rows first (or in the same statement): SELECT * FROM cpconf.%I WHERE %I = %L.', relation, col, OLD.name)
                      ELSE format('To rename it, add a %s under the new name, move those rows to it, then delete this one.', kind) END;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.reference_kept() IS
    'Trigger (after each row) on a configuration table whose rows others name: refuses to delete or rename a row that cpconf.<TG_ARGV[0]>.<TG_ARGV[1]> still names.';

CREATE FUNCTION cpconf.reference_kept_truncate()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation text := TG_ARGV[0];     -- the table whose rows name this one's
    col text := TG_ARGV[1];          -- by this column
    known text := TG_ARGV[2];        -- where the names it may use are
    named text;
BEGIN
    EXECUTE format('SELECT string_agg(DISTINCT r.%I, '', '') FROM cpconf.%I r
                     WHERE r.%I IS NOT NULL AND NOT EXISTS (SELECT FROM cpconf.%I k WHERE k.name = r.%I)',
                   col, relation, col, known, col) INTO named;
    IF named IS NOT NULL THEN
        RAISE EXCEPTION 'cpconf.% cannot be truncated: cpconf.%.% names %', TG_TABLE_NAME, relation, col, named
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'Those rows would name rows that no longer exist.',
                  HINT = format('Delete or change the rows of cpconf.%s that name them first, or truncate both tables together.', relation);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.reference_kept_truncate() IS
    'Trigger (after TRUNCATE): refuses to truncate a configuration table while cpconf.<TG_ARGV[0]>.<TG_ARGV[1]> names one of its rows.';

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
