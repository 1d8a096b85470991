-- install: create cpconf, show its version, and the roles the suites use.
SET client_min_messages = warning;
CREATE EXTENSION cpconf;
SELECT extname, extversion, extnamespace::regnamespace AS schema
  FROM pg_extension WHERE extname = 'cpconf';

-- Functional tests run as an ordinary user; calendar data is kept by a
-- maintainer role the council's DBA grants it to.
DROP ROLE IF EXISTS regress_cpconf_user;
DROP ROLE IF EXISTS regress_cpconf_maintainer;
CREATE ROLE regress_cpconf_user LOGIN;
CREATE ROLE regress_cpconf_maintainer;
GRANT INSERT, UPDATE, DELETE ON cpconf.holiday_override, cpconf.council_calendar,
    cpconf.closure_day, cpconf.profile, cpconf.timescale, cpconf.agency, cpconf.conference_rule,
    cpconf.discontinuation_rule, cpconf.source_document TO regress_cpconf_maintainer;
-- mapping and enforcing are granted by the administrator to the roles that own case tables
GRANT EXECUTE ON FUNCTION cpconf.map(text, regclass, jsonb), cpconf.unmap(text), cpconf.map_ssd(name),
    cpconf.enforce(text, text, text) TO regress_cpconf_user;

-- regress.error(statement): run it and show how it fails (SQLSTATE, message,
-- detail, hint), without the C source line psql's verbose mode prints.
DROP SCHEMA IF EXISTS regress CASCADE;
CREATE SCHEMA regress;
GRANT USAGE ON SCHEMA regress TO PUBLIC;
CREATE FUNCTION regress.error(statement text,
    OUT state text, OUT message text, OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    state := 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END
$$;

-- Every function cpconf installs is in its schema and commented.
SELECT p.oid::regprocedure AS function_without_comment
  FROM pg_proc p
 WHERE p.pronamespace = 'cpconf'::regnamespace
   AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT c.oid::regclass AS relation_without_comment
  FROM pg_class c
 WHERE c.relnamespace = 'cpconf'::regnamespace AND c.relkind IN ('r', 'v')
   AND obj_description(c.oid, 'pg_class') IS NULL;
-- Volatility as documented: only pure arithmetic on the rules is IMMUTABLE.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proparallel, p.proisstrict
  FROM pg_proc p
 WHERE p.pronamespace = 'cpconf'::regnamespace AND p.prorettype <> 'trigger'::regtype
 ORDER BY p.oid::regprocedure::text;
