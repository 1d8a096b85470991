-- mapping: which of a council's tables and columns hold each fact.
SET client_min_messages = warning;
SET DateStyle = 'ISO, YMD';
SET TimeZone = 'Europe/London';
-- Ownership is the session's role's (SET ROLE cannot hide a role from
-- itself), so each role logs in: \c, then the session's settings again.
SELECT current_user AS superuser \gset
\set settings 'SET client_min_messages = warning; SET DateStyle = ''ISO, YMD''; SET TimeZone = ''Europe/London'';'
SELECT format('GRANT CREATE ON DATABASE %I TO regress_cpconf_user', current_database()) \gexec
DROP ROLE IF EXISTS regress_cpconf_other;
CREATE ROLE regress_cpconf_other LOGIN;
GRANT EXECUTE ON FUNCTION cpconf.map(text, regclass, jsonb), cpconf.unmap(text) TO regress_cpconf_other;
\c - regress_cpconf_user
:settings

-- The sample council's own tables, named its own way, mapped in one go.
\set ECHO none
\o /dev/null
\i test/sample/council.sql
\o
\set ECHO all
SELECT entity, on_table, count(*) FILTER (WHERE state = 'ok') AS mapped,
       count(*) FILTER (WHERE state = 'not mapped') AS not_mapped
  FROM cpconf.mappings GROUP BY entity, on_table ORDER BY entity;
SELECT entity, field, column_name, kind, column_type, state FROM cpconf.mappings
 WHERE entity = 'conference' AND state = 'ok' ORDER BY field;

-- Every mistake is named, with the names that would do.
SELECT * FROM regress.error($$SELECT cpconf.map('meeting', '"Case Records"."Meetings"', '{"id": "meeting_id"}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', '{"id": "meeting_id", "date": "Held On"}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', '{"id": "meeting_id", "held": "held on"}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', '{"id": "meeting_id", "held": "meeting_type"}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', '{"id": "meeting_id", "proceeded_inquorate": "Held On"}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', '{"held": "Held On"}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', '["meeting_id"]')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', '{"id": 1}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', '"Case Records"."Meetings"', NULL)$$);
SELECT * FROM regress.error($$SELECT cpconf.map('conference', 'no_such_table', '{"id": "meeting_id"}')$$);
-- a link compares with the id it points to: a text plan id is not an integer
SELECT cpconf.map('review', '"Case Records"."Reviews"', '{"id": "review_id", "plan": "review_id"}');
-- an id of another role's type could run its code: built-in types only
CREATE TYPE "Case Records".ref AS (n integer);
CREATE TABLE "Case Records".odd (id "Case Records".ref, day text);
SELECT * FROM regress.error($$SELECT cpconf.map('visit', '"Case Records".odd', '{"id": "id"}')$$);
SELECT * FROM regress.error($$SELECT cpconf.map('visit', '"Case Records".odd', '{"id": "day", "visited": "day"}')$$);
-- a view can be mapped (for reporting); a sequence cannot
CREATE SEQUENCE "Case Records".numbers;
SELECT * FROM regress.error($$SELECT cpconf.map('visit', '"Case Records".numbers', '{"id": "last_value"}')$$);

-- Only the owner of a table maps it, and only the owner of a mapping's
-- table changes or removes it, even writing cpconf.mapping directly.
\c - :superuser
:settings
CREATE TABLE public.not_theirs (id integer);
\c - regress_cpconf_user
:settings
SELECT * FROM regress.error($$SELECT cpconf.map('visit', 'public.not_theirs', '{"id": "id"}')$$);
\c - regress_cpconf_other
:settings
SELECT * FROM regress.error($$SELECT cpconf.unmap('visit')$$);
SELECT * FROM regress.error($$UPDATE cpconf.mapping SET columns = '{"id": "visit_id"}' WHERE entity = 'visit'$$);
SELECT * FROM regress.error($$DELETE FROM cpconf.mapping WHERE entity = 'visit'$$);
SELECT columns FROM cpconf.mapping WHERE entity = 'visit';
\c - regress_cpconf_user
:settings
SELECT * FROM regress.error($$SELECT cpconf.unmap('nothing')$$);
-- nor may a role the administrator has not granted mapping to, nor write
-- or lock the mappings directly
\c - :superuser
:settings
CREATE ROLE regress_cpconf_outsider LOGIN;
\c - regress_cpconf_outsider
:settings
SELECT * FROM regress.error($$SELECT cpconf.map('visit', 'pg_catalog.pg_class', '{"id": "oid"}')$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.mapping (entity, on_table, columns) VALUES ('x', 'pg_class', '{}')$$);
SELECT * FROM regress.error($$LOCK TABLE cpconf.mapping IN ACCESS EXCLUSIVE MODE$$);
\c - :superuser
:settings
DROP ROLE regress_cpconf_outsider;
\c - regress_cpconf_user
:settings

-- A renamed table stays mapped (by its OID); a renamed or dropped column
-- is shown, and named when a check reads it.
ALTER TABLE "Case Records"."Visits" RENAME TO "Home Visits";
ALTER TABLE "Case Records"."Home Visits" RENAME COLUMN seen_alone TO "Seen Alone";
SELECT entity, on_table, field, column_name, state FROM cpconf.mappings WHERE entity = 'visit' AND state <> 'not mapped' ORDER BY field;
SELECT * FROM regress.error($$SELECT cpconf.field_sql('visit', 'seen_alone', 'v')$$);
SELECT cpconf.map('visit', '"Case Records"."Home Visits"', '{"id": "visit_id", "plan": "Plan Ref", "child": "child_no", "visited": "visit_date", "seen_alone": "Seen Alone"}');
SELECT cpconf.field_sql('visit', 'seen_alone', 'v'), cpconf.field_sql('visit', 'seen', 'v'), cpconf.field_sql('visit', 'visited', 'v');
SELECT cpconf.field_sql('conference', 'held', 'n'), cpconf.field_sql('strategy_discussion', 'held', 's'),
       cpconf.field_sql('conference', 'decision', 'n'), cpconf.field_sql('conference', 'proceeded_inquorate', 'n');
DROP TABLE "Case Records"."Home Visits";
SELECT DISTINCT entity, state FROM cpconf.mappings WHERE entity = 'visit';
SELECT * FROM regress.error($$SELECT cpconf.table_sql('visit')$$);
-- a field of it names the entity, not the dropped table's number (the reports read fields so)
SELECT * FROM regress.error($$SELECT cpconf.field_sql('visit', 'visited', 'v')$$);
\c - regress_cpconf_other
:settings
SELECT * FROM regress.error($$SELECT cpconf.unmap('visit')$$);   -- only the role that mapped it
\c - regress_cpconf_user
:settings
SELECT cpconf.unmap('visit');
SELECT DISTINCT entity, state FROM cpconf.mappings WHERE entity = 'visit';

-- Reading values as councils write them.
SELECT v, cpconf.decision_read(v) FROM (VALUES ('plan'), (' No Plan '), ('Y'), ('n'), (''), (NULL)) x (v);
SELECT * FROM regress.error($$SELECT cpconf.decision_read('maybe')$$);
SELECT v, cpconf.kind_read(v) FROM (VALUES ('Initial'), ('ICPC'), ('pre-birth'), ('Transfer In'), ('RCPC'), ('  '), ('strategy')) x (v);
SELECT v, cpconf.categories_read(v)
  FROM (VALUES ('neglect, emotional abuse'), ('MUL; physical'), ('Multiple: [Neglect, Sexual abuse]'), ('Multiple'),
               (' '), (' , '), (NULL)) x (v);
SELECT * FROM regress.error($$SELECT cpconf.categories_read('neglect and physical')$$);
-- a category written again is the same category, however many times
SELECT cpconf.categories_read(repeat('neglect,', 20)), cpconf.is_categories(repeat('NEG; ', 40)),
       cpconf.categories_read('neglect, Neglect, emotional, NEG'), cpconf.cin_code(cpconf.categories_read('NEG, neglect'));

-- The Standard Safeguarding Dataset's tables, by their published names,
-- in one call: ids as text, dates as timestamps, flags as 'Y'/'N'.
CREATE SCHEMA ssd;
CREATE TABLE ssd.ssd_person (pers_person_id varchar(48) PRIMARY KEY, pers_dob timestamp, pers_expected_dob timestamp, pers_death_date timestamp);
CREATE TABLE ssd.ssd_s47_enquiry (s47e_s47_enquiry_id varchar(48), s47e_person_id varchar(48), s47e_s47_start_date timestamp, s47e_s47_end_date timestamp);
CREATE TABLE ssd.ssd_initial_cp_conference (icpc_icpc_id varchar(48), icpc_s47_enquiry_id varchar(48), icpc_person_id varchar(48),
    icpc_cp_plan_id varchar(48), icpc_icpc_transfer_in char(1), icpc_icpc_target_date timestamp, icpc_icpc_date timestamp,
    icpc_icpc_outcome_cp_flag char(1));
CREATE TABLE ssd.ssd_cp_plans (cppl_cp_plan_id varchar(48), cppl_icpc_id varchar(48), cppl_person_id varchar(48),
    cppl_cp_plan_start_date timestamp, cppl_cp_plan_end_date timestamp, cppl_cp_plan_ola char(1),
    cppl_cp_plan_initial_category varchar(100), cppl_cp_plan_latest_category varchar(100));
CREATE TABLE ssd.ssd_cp_reviews (cppr_cp_review_id varchar(48), cppr_person_id varchar(48), cppr_cp_plan_id varchar(48),
    cppr_cp_review_due timestamp, cppr_cp_review_date timestamp, cppr_cp_review_quorate varchar(100));
SELECT * FROM regress.error($$SELECT cpconf.map_ssd('ssd')$$);   -- ssd_cp_visits is missing
SELECT count(*) FROM cpconf.mapping WHERE on_table::text LIKE 'ssd.%';   -- nothing half-written
CREATE TABLE ssd.ssd_cp_visits (cppv_cp_visit_id varchar(48), cppv_person_id varchar(48), cppv_cp_plan_id varchar(48),
    cppv_cp_visit_date timestamp, cppv_cp_visit_seen char(1), cppv_cp_visit_seen_alone char(1));
-- the council's own mappings are replaced: unmap them first or keep them
SELECT cpconf.map_ssd('ssd');   -- the attendance mapping links to an integer conference id
SELECT cpconf.unmap('attendance');
SELECT cpconf.map_ssd('ssd');
SELECT entity, on_table, string_agg(field || '=' || column_name, ', ' ORDER BY field) AS columns
  FROM cpconf.mappings WHERE state = 'ok' GROUP BY entity, on_table ORDER BY entity;
SELECT * FROM regress.error($$SELECT cpconf.map_ssd('no_schema')$$);

\c - :superuser
:settings
DROP TABLE public.not_theirs;
DELETE FROM cpconf.mapping;
DROP SCHEMA ssd CASCADE;
DROP SCHEMA "Case Records" CASCADE;
REVOKE EXECUTE ON FUNCTION cpconf.map(text, regclass, jsonb), cpconf.unmap(text) FROM regress_cpconf_other;
DROP ROLE regress_cpconf_other;
SELECT format('REVOKE CREATE ON DATABASE %I FROM regress_cpconf_user', current_database()) \gexec
