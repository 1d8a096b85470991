-- enforcement: the procedure checked where the council writes its records.
-- Every date below is checked by hand against a calendar in its comment.
SET client_min_messages = notice;
SET DateStyle = 'ISO, YMD';
SET TimeZone = 'Europe/London';
SET cpconf.profile = 'derby';
-- Ownership is the session's role's (SET ROLE cannot hide a role from
-- itself), so each role logs in: \c, then the session's settings again.
SELECT current_user AS superuser \gset
\set settings 'SET client_min_messages = notice; SET DateStyle = ''ISO, YMD''; SET TimeZone = ''Europe/London''; SET cpconf.profile = ''derby'';'
SELECT format('GRANT CREATE ON DATABASE %I TO regress_cpconf_user', current_database()) \gexec
DROP ROLE IF EXISTS regress_cpconf_clerk;
CREATE ROLE regress_cpconf_clerk LOGIN;
\c - regress_cpconf_user
:settings
\set ECHO none
\o /dev/null
\i test/sample/council.sql
\o
\set ECHO all
-- regress.refused(statement): how a write fails (SQLSTATE, message, detail,
-- hint), at its commit for deferred checks.
\c - :superuser
:settings
CREATE PROCEDURE regress.refused(statement text, INOUT state text DEFAULT NULL, INOUT message text DEFAULT NULL,
                                 INOUT detail text DEFAULT NULL, INOUT hint text DEFAULT NULL)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    SET CONSTRAINTS ALL IMMEDIATE;
    SET CONSTRAINTS ALL DEFERRED;
    state := 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END
$$;
GRANT EXECUTE ON PROCEDURE regress.refused(text, text, text, text, text) TO PUBLIC;
\c - regress_cpconf_user
:settings

-- Attaching checks: every mistake named.
SELECT * FROM regress.error($$SELECT cpconf.enforce('timeliness')$$);
SELECT * FROM regress.error($$SELECT cpconf.enforce('quoracy', 'strict')$$);
SELECT * FROM regress.error($$SELECT cpconf.enforce('quoracy', 'warn', 'derbys')$$);
SELECT * FROM regress.error($$SELECT cpconf.enforce(NULL)$$);
SELECT cpconf.unmap('attendance');
SELECT * FROM regress.error($$SELECT cpconf.enforce('quoracy')$$);
SELECT cpconf.map('attendance', '"Case Records"."Meeting Attendance"',
                  '{"id": "row_id", "conference": "meeting_id", "agency": "agency", "took_part": "how", "direct_contact": "knows child"}');
SELECT cpconf.enforce('icpc_timeliness');
SELECT cpconf.enforce('conference_day', ' Enforce ');
SELECT cpconf.enforce('quoracy');
SELECT cpconf.enforce('plan_start');
SELECT cpconf.enforce('plan_integrity');
SELECT cpconf.enforce('plan_end', 'warn');
SELECT check_name, mode, profile, watched_tables, triggers_present FROM cpconf.enforcement ORDER BY check_name;
SELECT tgrelid::regclass AS on_table, tgname, tgdeferrable FROM pg_trigger
 WHERE tgfoid = 'cpconf.enforce_rows()'::regprocedure ORDER BY tgrelid::regclass::text, tgname;

INSERT INTO "Case Records"."Children" VALUES (1, '2015-03-02', NULL), (2, '2012-06-01', NULL), (3, '2011-01-10', '2025-06-30');
-- Strategy discussions: Monday 2025-03-03 (T-ICPC, 15 working days:
-- 4,5,6,7, 10-14, 17-21, 24 March: due Monday 24 March) and Monday
-- 2025-03-17 (18-21, 24-28, 31 March, 1-4, 7 April: due Monday 7 April).
INSERT INTO "Case Records".enquiries VALUES (10, 1, '2025-03-03 10:00', NULL), (11, 2, '2025-03-17 15:00', NULL);

-- icpc_timeliness (T-ICPC): in time is accepted; a day late is a fact, but
-- derby needs the delay reported with its reasons (delay_reasons_recorded)
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On")
VALUES (100, 1, 10, 'Initial', '2025-03-24 10:00+00');
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On")
                       VALUES (101, 1, 10, 'ICPC', '2025-03-25 10:00+00')$$);
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", "Delay Reason Recorded")
                       VALUES (101, 1, 10, 'ICPC', '2025-03-25 10:00+00', 'n')$$);
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", "Delay Reason Recorded")
VALUES (101, 1, 10, 'initial', '2025-03-25 10:00+00', 'Y');
-- a review is not an initial conference; an initial conference without its enquiry is not recorded
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On")
                       VALUES (105, 1, NULL, 'Initial', '2025-03-20 10:00+00')$$);
-- a flag that is not yes or no is named, not guessed
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", "Delay Reason Recorded")
                       VALUES (106, 1, 10, 'Initial', '2025-03-26 10:00+00', 'M')$$);

-- conference_day: Saturday 2025-03-29; Monday 2025-05-05 (early May bank
-- holiday); 23:30 GMT on Friday 2 May 2025 is 00:30 on Saturday 3 May in
-- England (summer time)
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On") VALUES (102, 1, 'Review', '2025-03-29 10:00+00')$$);
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On") VALUES (102, 1, 'Review', '2025-05-05 10:00+01')$$);
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On") VALUES (102, 1, 'Review', '2025-05-02 23:30+00')$$);
-- the calendar is the one the check was enforced with, not the writer's
-- setting: Monday 25 August 2025 is a bank holiday in England and Wales,
-- a working day in Scotland
SET cpconf.calendar = 'scotland';
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On") VALUES (102, 1, 'Review', '2025-08-25 10:00+01')$$);
RESET cpconf.calendar;

-- quoracy (Q-MIN derby: children's social care and 2 other agencies with
-- direct contact), checked at commit: decision and attendance in either order
BEGIN;
UPDATE "Case Records"."Meetings" SET outcome = 'Y' WHERE meeting_id = 100;
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child")
VALUES (100, 'children''s social care', 'attended', true), (100, 'police', 'attended', true), (100, 'school', 'attended', true);
COMMIT;
BEGIN;
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child")
VALUES (101, 'children''s social care', 'attended', true), (101, 'police', 'attended', true), (101, 'school', 'attended', true);
UPDATE "Case Records"."Meetings" SET outcome = 'N' WHERE meeting_id = 101;
COMMIT;
-- 2 agencies: the decision needs the chair's decision to proceed, with
-- derby's grounds (sufficient information, delay harmful, and the child in contact with fewer than 3 agencies)
CALL regress.refused($$DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 100 AND agency = 'school'$$);
CALL regress.refused($$DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 100 AND agency = 'school';
                       UPDATE "Case Records"."Meetings" SET chair_proceeded = true, "Grounds: Sufficient Info" = 'yes' WHERE meeting_id = 100$$);
BEGIN;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 100 AND agency = 'school';
UPDATE "Case Records"."Meetings" SET chair_proceeded = true, "Grounds: Sufficient Info" = 'yes', "Grounds: Delay Harmful" = 'Y',
       "Grounds: Few Agencies" = '1'
 WHERE meeting_id = 100;
COMMIT;
-- no decision recorded: no quoracy to judge
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On")
VALUES (104, 2, 11, 'Initial', '2025-04-02 14:00+01');
-- At commit every conference the transaction's statements wrote is judged
-- in one query.  One statement writes the attendance of two review
-- conferences (Monday 7 and Tuesday 8 April 2025), the second with two
-- agencies: the refusal names it alone.
CALL regress.refused($$INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On", outcome)
                       VALUES (120, 2, 'Review', '2025-04-07 10:00+01', 'Y'), (121, 2, 'Review', '2025-04-08 10:00+01', 'Y');
                       INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child")
                       VALUES (120, 'children''s social care', 'attended', true), (120, 'police', 'attended', true),
                              (120, 'school', 'attended', true), (121, 'children''s social care', 'attended', true),
                              (121, 'police', 'attended', true)$$);
BEGIN;
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On", outcome)
VALUES (120, 2, 'Review', '2025-04-07 10:00+01', 'Y'), (121, 2, 'Review', '2025-04-08 10:00+01', 'Y');
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child")
VALUES (120, 'children''s social care', 'attended', true), (120, 'police', 'attended', true), (120, 'school', 'attended', true),
       (121, 'children''s social care', 'attended', true), (121, 'police', 'attended', true), (121, 'school', 'attended', true);
COMMIT;
-- judged early (SET CONSTRAINTS ... IMMEDIATE), then changed: judged again
CALL regress.refused($$UPDATE "Case Records"."Meetings" SET outcome = 'N' WHERE meeting_id = 120;
                       SET CONSTRAINTS ALL IMMEDIATE;
                       SET CONSTRAINTS ALL DEFERRED;
                       DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 120 AND agency = 'school'$$);
-- a change rolled back to a savepoint is not judged: the conference is as it was
BEGIN;
SAVEPOINT before_delete;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 120 AND agency = 'school';
ROLLBACK TO SAVEPOINT before_delete;
UPDATE "Case Records"."Meetings" SET outcome = 'N' WHERE meeting_id = 121;
COMMIT;
-- Each firing judges its own row's conference when it was not judged since:
-- with the constraint immediate, a statement's row events fire before its
-- statement trigger notes them, and the last statement is judged too.
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 121 AND agency = 'school';
ROLLBACK;
-- a judging rolled back to a savepoint is judged again at commit, whether
-- it refused (the refusal caught) or passed on a change since rolled back
BEGIN;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 121 AND agency = 'school';
SAVEPOINT judged_early;
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK TO SAVEPOINT judged_early;
COMMIT;
BEGIN;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 121 AND agency = 'school';
SAVEPOINT added;
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child") VALUES (121, 'health', 'attended', true);
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK TO SAVEPOINT added;
SET CONSTRAINTS ALL DEFERRED;
COMMIT;
-- a conference judged early, then changed again in the same command's
-- numbering (the judging wrote nothing): judged again.  121 with four
-- agencies loses one (quorate), is judged, then loses another.
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child") VALUES (121, 'health', 'attended', true);
BEGIN;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 121 AND agency = 'health';
SET CONSTRAINTS ALL IMMEDIATE;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 121 AND agency = 'school';
ROLLBACK;
-- a conference renumbered is judged as itself: 125 has no attendance
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
UPDATE "Case Records"."Meetings" SET meeting_id = 125 WHERE meeting_id = 120;
ROLLBACK;
CALL regress.refused($$UPDATE "Case Records"."Meetings" SET meeting_id = 125 WHERE meeting_id = 120$$);
-- a conference deleted with its attendance has nothing to judge
BEGIN;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id IN (120, 121);
DELETE FROM "Case Records"."Meetings" WHERE meeting_id IN (120, 121);
COMMIT;
-- a link of another numeric type than the conference's id (numeric 122.0
-- for integer 122) is the same conference
ALTER TABLE "Case Records"."Meeting Attendance" ALTER COLUMN meeting_id TYPE numeric;
BEGIN;
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On", outcome) VALUES (122, 2, 'Review', '2025-04-07 10:00+01', 'Y');
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child")
VALUES (122.0, 'children''s social care', 'attended', true), (122.0, 'police', 'attended', true), (122.00, 'school', 'attended', true);
COMMIT;
CALL regress.refused($$DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 122 AND agency = 'school'$$);
BEGIN;
DELETE FROM "Case Records"."Meeting Attendance" WHERE meeting_id = 122;
DELETE FROM "Case Records"."Meetings" WHERE meeting_id = 122;
COMMIT;
ALTER TABLE "Case Records"."Meeting Attendance" ALTER COLUMN meeting_id TYPE integer;
-- without an index on the attendance's link, each conference judged reads
-- the whole table: enforce() says so
DROP INDEX "Case Records"."Meeting Attendance_meeting_id_idx";
SELECT cpconf.enforce('quoracy');
CREATE INDEX ON "Case Records"."Meeting Attendance" (meeting_id);
-- a trigger of the check's name that would not fire as attached is not
-- counted as present, and enforce() replaces it
ALTER TABLE "Case Records"."Meetings" ENABLE REPLICA TRIGGER cpconf_quoracy_update;
SELECT check_name, triggers_present FROM cpconf.enforcement WHERE check_name = 'quoracy';
SELECT cpconf.enforce('quoracy');
SELECT check_name, triggers_present FROM cpconf.enforcement WHERE check_name = 'quoracy';

-- plan_start: the plan starts on its conference's day (Monday 24 March);
-- first core group within 10 working days (25-28, 31 March, 1-4, 7 April:
-- by 7 April), first review within 3 months (by 24 June)
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date, category, lead_is_qsw, core_group_size,
                                       first_core_group, first_review, contingency, outline, visiting)
VALUES ('P-1', 1, 100, '2025-03-24', 'neglect', 'Y', 4, '2025-04-07', '2025-06-24', 'Y', 'Y', 'Y');
CALL regress.refused($$INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date, category, lead_is_qsw, core_group_size,
                       first_core_group, first_review, contingency, outline, visiting)
                       VALUES ('P-2', 2, 104, '2025-04-03', 'physical', 'Y', 4, '2025-04-08', '2025-07-02', 'Y', 'Y', 'Y')$$);
CALL regress.refused($$INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date, category, lead_is_qsw, core_group_size,
                       first_core_group, first_review, contingency, outline, visiting)
                       VALUES ('P-2', 2, 104, '2025-04-02', 'physical', 'Y', 4, '2025-04-17', '2025-07-02', 'Y', 'Y', 'Y')$$);
-- 2 April + 10 working days: 3, 4, 7-11, 14, 15, 16 April (Good Friday is 18 April)
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date, category, lead_is_qsw, core_group_size,
                                       first_core_group, first_review, contingency, outline, visiting)
VALUES ('P-2', 2, 104, '2025-04-02', 'physical', 'Y', 4, '2025-04-16', '2025-07-02', 'Y', 'Y', 'Y');
CALL regress.refused($$INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date, category)
                       VALUES ('P-3', 3, 101, '2025-03-25', 'MUL and physical')$$);

-- plan_integrity: one plan at a time, ends after it starts, reviews within
-- it, nothing after the child's death (child 3 died on 30 June 2025)
SELECT cpconf.enforce('plan_start', 'off');
CALL regress.refused($$INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-4', 1, 101, '2025-05-01')$$);
CALL regress.refused($$UPDATE "Case Records"."CP Plans" SET end_date = '2025-03-01', end_reason = 'no longer at risk' WHERE "Plan Ref" = 'P-1'$$);
CALL regress.refused($$INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-4', 3, 101, '2025-07-01')$$);
INSERT INTO "Case Records"."Reviews" VALUES (1, 'P-1', 1, '2025-06-20');
CALL regress.refused($$INSERT INTO "Case Records"."Reviews" VALUES (2, 'P-1', 1, '2025-03-21')$$);
CALL regress.refused($$INSERT INTO "Case Records"."Visits" VALUES (1, NULL, 3, '2025-07-01', 'Y')$$);
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-4', 3, 101, '2025-03-25');
CALL regress.refused($$UPDATE "Case Records"."Children" SET died_on = '2025-03-01' WHERE child_no = 3$$);

-- plan_end in warn mode: accepted, each finding a warning and a row in the log
UPDATE "Case Records"."CP Plans" SET end_date = '2025-09-01', end_reason = 'no longer at risk' WHERE "Plan Ref" = 'P-1';
-- a plan may start the day the previous one ended (the end day is not in the plan)
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-5', 1, 100, '2025-09-01');
-- changing what a check does not read does not check again
UPDATE "Case Records"."CP Plans" SET category = 'neglect' WHERE "Plan Ref" = 'P-4';

-- A role that may only insert is checked like anyone (the check reads the
-- other plans it cannot read), and can neither turn enforcement off nor
-- read or write the log.
GRANT USAGE ON SCHEMA "Case Records" TO regress_cpconf_clerk;
GRANT INSERT ON "Case Records"."CP Plans" TO regress_cpconf_clerk;
\c - regress_cpconf_clerk
:settings
CALL regress.refused($$INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-6', 2, 104, '2025-05-01')$$);
INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date, end_date, end_reason)
VALUES ('P-6', 2, 104, '2024-01-08', '2024-06-03', 'no longer at risk');
SELECT * FROM regress.error($$SELECT cpconf.enforce('plan_integrity', 'off')$$);
-- it is told the rule broken, not other records' data
CALL regress.refused($$INSERT INTO "Case Records"."CP Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-8', 2, 104, '2025-05-01')$$);
SELECT * FROM regress.error($$UPDATE cpconf.enforced SET mode = 'off'$$);
SELECT * FROM regress.error($$LOCK TABLE cpconf.enforced IN ACCESS EXCLUSIVE MODE$$);
SELECT * FROM regress.error($$INSERT INTO cpconf.violation (on_table, check_name, rule, problem, severity, mode, exception) VALUES ('x', 'x', 'x', 'x', 'x', 'x', false)$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.violation$$);
SELECT * FROM regress.error($$CREATE TRIGGER t AFTER INSERT ON "Case Records"."Visits" FOR EACH ROW EXECUTE FUNCTION cpconf.enforce_rows('plan_integrity', 'visit')$$);
\c - regress_cpconf_user
:settings
SELECT check_name, mode FROM cpconf.enforcement WHERE mode <> 'off' ORDER BY 1;

-- The log is append-only, even for a role granted more.
\c - :superuser
:settings
GRANT SELECT, UPDATE, DELETE ON cpconf.violation TO regress_cpconf_user;
\c - regress_cpconf_user
:settings
SELECT on_table, record_key, check_name, rule, left(problem, 60) AS problem, severity, mode, exception,
       written_by = session_user AS by_this_session
  FROM cpconf.violation ORDER BY id;
SELECT * FROM regress.error($$DELETE FROM cpconf.violation$$);
SELECT * FROM regress.error($$UPDATE cpconf.violation SET exception = true$$);

-- warn mode, and legacy data: a COPY with rows the checks cannot read is
-- accepted; each such row is named with its error, the others judged.
SELECT cpconf.enforce('icpc_timeliness', 'warn');
SELECT cpconf.enforce('conference_day', 'warn');
COPY "Case Records"."Meetings" (meeting_id, child_no, enquiry_id, meeting_type, "Held On", "Delay Reason Recorded") FROM stdin;
200	1	10	Initial	2025-03-21 10:00+00	\N
201	1	10	Initial	2025-03-28 10:00+00	M
202	1	10	Initial	2025-03-31 10:00+01	\N
203	1	10	Initial	1900-01-01 00:00+00	\N
204	1	10	Initial	2025-03-22 10:00+00	\N
\.
SELECT record_key, check_name, rule, problem FROM cpconf.violation
 WHERE on_table = '"Case Records"."Meetings"' AND record_key LIKE '20_' ORDER BY record_key, check_name, rule;

-- a strategy discussion moved earlier (Monday 3 March 2025: due Monday 24
-- March) makes its initial conference of Wednesday 2 April late: judged again
UPDATE "Case Records".enquiries SET "Strategy Discussion" = '2025-03-03 09:00' WHERE enquiry_id = 11;

-- audit(): what enforce mode would refuse among the rows already there,
-- changing nothing
SELECT check_name, on_table, record_key, rule, left(problem, 70) AS problem, severity, exception
  FROM cpconf.audit() ORDER BY check_name, on_table, record_key, rule, problem;
SELECT * FROM regress.error($$SELECT * FROM cpconf.audit('nothing')$$);
SELECT * FROM regress.error($$SELECT * FROM cpconf.audit(NULL, 'nowhere')$$);
SELECT count(*) FROM cpconf.audit('conference_day', 'national');

-- The mapping the checks stand on: a renamed table keeps its triggers; an
-- entity a check reads cannot be unmapped; mapping it to another table
-- moves the triggers; a dropped column is named at the next write.
ALTER TABLE "Case Records"."CP Plans" RENAME TO "Plans";
CALL regress.refused($$INSERT INTO "Case Records"."Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-7', 1, 100, '2025-09-02')$$);
SELECT * FROM regress.error($$SELECT cpconf.unmap('plan')$$);
CREATE TABLE "Case Records"."Plans 2" (LIKE "Case Records"."Plans");
SELECT cpconf.map('plan', '"Case Records"."Plans 2"', '{"id": "Plan Ref", "child": "child_no", "conference": "meeting_id", "started": "start_date", "ended": "end_date", "ground": "end_reason"}');
SELECT tgrelid::regclass AS on_table, tgname FROM pg_trigger
 WHERE tgfoid = 'cpconf.enforce_rows()'::regprocedure AND tgname LIKE 'cpconf_plan%' ORDER BY tgrelid::regclass::text, tgname;
SELECT * FROM regress.error($$SELECT cpconf.map('plan', '"Case Records"."Plans 2"', '{"id": "Plan Ref", "child": "child_no"}')$$);
ALTER TABLE "Case Records"."Plans 2" DROP COLUMN end_reason;
CALL regress.refused($$INSERT INTO "Case Records"."Plans 2" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-1', 1, 100, '2025-03-24')$$);
SELECT check_name, mode, triggers_present FROM cpconf.enforcement WHERE check_name LIKE 'plan%' ORDER BY 1;
-- an entity mapped after a check is enforced is watched from then on
SELECT cpconf.enforce('plan_integrity', 'off');
SELECT cpconf.unmap('visit');
SELECT cpconf.map('plan', '"Case Records"."Plans"', '{"id": "Plan Ref", "child": "child_no", "conference": "meeting_id", "started": "start_date", "ended": "end_date", "ground": "end_reason"}');
SELECT cpconf.enforce('plan_integrity');
SELECT cpconf.map('visit', '"Case Records"."Visits"', '{"id": "visit_id", "child": "child_no", "visited": "visit_date"}');
SELECT tgname FROM pg_trigger WHERE tgrelid = '"Case Records"."Visits"'::regclass ORDER BY 1;
CALL regress.refused($$INSERT INTO "Case Records"."Visits" VALUES (2, NULL, 3, '2025-07-02', 'Y')$$);

-- A check reads, with more rights than the writer, only tables of a role the
-- watched table's owner is a member of, through columns of built-in types:
-- no view, no other role's table, type, cast or placeholder runs in it.
\c - :superuser
:settings
DROP ROLE IF EXISTS regress_cpconf_mallory;
CREATE ROLE regress_cpconf_mallory LOGIN;
CREATE SCHEMA mallory AUTHORIZATION regress_cpconf_mallory;
GRANT EXECUTE ON FUNCTION cpconf.map(text, regclass, jsonb), cpconf.unmap(text) TO regress_cpconf_mallory;
\c - regress_cpconf_mallory
:settings
CREATE FUNCTION mallory.run() RETURNS date LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'mallory''s code ran as %', current_user; END$$;
CREATE VIEW mallory.kids AS SELECT g AS id, mallory.run() AS died FROM generate_series(1, 3) g;
CREATE TABLE mallory.kids_table (id integer, died date);
SELECT * FROM regress.error($$SELECT cpconf.map('child', 'mallory.kids_table', '{"id": "id", "date_of_death": "died"}')$$);
\c - regress_cpconf_user
:settings
SELECT count(cpconf.enforce(check_name, 'off')) FROM cpconf.enforced WHERE check_name IN ('plan_integrity', 'plan_end', 'quoracy');
SELECT cpconf.unmap('child');
SELECT cpconf.enforce('plan_integrity');
-- another role's table cannot join a check in force
\c - regress_cpconf_mallory
:settings
SELECT * FROM regress.error($$SELECT cpconf.map('child', 'mallory.kids_table', '{"id": "id", "date_of_death": "died"}')$$);
-- nor be taken in by one enforced after it: a view, or another role's table
\c - regress_cpconf_user
:settings
SELECT cpconf.enforce('plan_integrity', 'off');
\c - regress_cpconf_mallory
:settings
SELECT cpconf.map('child', 'mallory.kids', '{"id": "id", "date_of_death": "died"}');
\c - regress_cpconf_user
:settings
SELECT * FROM regress.error($$SELECT cpconf.enforce('plan_integrity')$$);
SELECT * FROM regress.error($$SELECT cpconf.enforce('plan_start')$$);   -- reads the child, does not watch it
\c - regress_cpconf_mallory
:settings
SELECT cpconf.map('child', 'mallory.kids_table', '{"id": "id", "date_of_death": "died"}');
\c - regress_cpconf_user
:settings
SELECT * FROM regress.error($$SELECT cpconf.enforce('plan_integrity')$$);
SELECT * FROM regress.error($$SELECT cpconf.enforce('plan_start')$$);
\c - regress_cpconf_mallory
:settings
SELECT cpconf.unmap('child');
\c - regress_cpconf_user
:settings
SELECT cpconf.map('child', '"Case Records"."Children"', '{"id": "child_no", "date_of_birth": "Date of Birth", "date_of_death": "died_on"}');
SELECT cpconf.enforce('plan_integrity'), cpconf.enforce('plan_end', 'warn'), cpconf.enforce('quoracy');
-- a column whose type changed since it was mapped is not read
CREATE TYPE "Case Records".day AS (d date);
CREATE FUNCTION "Case Records".day_date("Case Records".day) RETURNS date LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'the owner''s cast ran as %', current_user; END$$;
CREATE CAST ("Case Records".day AS date) WITH FUNCTION "Case Records".day_date("Case Records".day);
ALTER TABLE "Case Records"."Children" ALTER COLUMN died_on TYPE "Case Records".day USING NULL;
CALL regress.refused($$INSERT INTO "Case Records"."Plans" ("Plan Ref", child_no, meeting_id, start_date) VALUES ('P-9', 2, 104, '2026-01-05')$$);
ALTER TABLE "Case Records"."Children" ALTER COLUMN died_on TYPE date USING NULL;
-- a column's name is never read as part of the query's template
ALTER TABLE "Case Records"."Plans" RENAME COLUMN start_date TO "{plan.ended:p}) + 0*""(";
SELECT cpconf.map('plan', '"Case Records"."Plans"', jsonb_build_object('id', 'Plan Ref', 'child', 'child_no', 'conference', 'meeting_id',
                  'started', '{plan.ended:p}) + 0*"(', 'ended', 'end_date', 'ground', 'end_reason'));
CALL regress.refused($$INSERT INTO "Case Records"."Plans" VALUES ('P-9', 2, 104, '2025-05-01')$$);
-- a column not mapped is never read, whatever its type brings
CREATE TYPE "Case Records".mood AS ENUM ('calm');
CREATE FUNCTION "Case Records".mood_json("Case Records".mood) RETURNS json LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'the owner''s cast ran as %', current_user; END$$;
CREATE CAST ("Case Records".mood AS json) WITH FUNCTION "Case Records".mood_json("Case Records".mood);
ALTER TABLE "Case Records"."Meeting Attendance" ADD COLUMN mood "Case Records".mood;
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child", mood) VALUES (104, 'police', 'attended', true, 'calm');
-- a trigger of cpconf's on a table not mapped runs nothing; a writer's
-- search_path stands in for nothing cpconf runs
\c - :superuser
:settings
GRANT USAGE ON SCHEMA "Case Records" TO regress_cpconf_mallory;
GRANT INSERT ON "Case Records"."Plans" TO regress_cpconf_mallory;
\c - regress_cpconf_mallory
:settings
CREATE TABLE mallory.decoy (child_no integer);
CREATE TRIGGER decoy AFTER INSERT ON mallory.decoy REFERENCING NEW TABLE AS cpconf_new
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.enforce_rows('plan_integrity', 'plan');
SELECT * FROM regress.error($$INSERT INTO mallory.decoy VALUES (1)$$);
DROP TRIGGER decoy ON mallory.decoy;
CREATE TRIGGER decoy_named AFTER INSERT ON mallory.decoy REFERENCING NEW TABLE AS mine
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.enforce_rows('plan_integrity', 'plan');
SELECT * FROM regress.error($$INSERT INTO mallory.decoy VALUES (1)$$);
-- nor does a setting a session may change turn the mapping's checks off
SET check_function_bodies = off;
SELECT * FROM regress.error($$SELECT cpconf.map('plan', 'mallory.decoy', '{"id": "child_no"}')$$);
RESET check_function_bodies;
CREATE FUNCTION mallory.arrow(jsonb, text) RETURNS text LANGUAGE sql AS $$SELECT 'evil'$$;
CREATE OPERATOR mallory.->> (LEFTARG = jsonb, RIGHTARG = text, FUNCTION = mallory.arrow);
CREATE FUNCTION mallory.evil(record) RETURNS text LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'mallory''s code ran as %', current_user; END$$;
SET search_path = mallory, pg_catalog;
CALL regress.refused($$INSERT INTO "Case Records"."Plans" VALUES ('P-10', 2, 104, '2025-05-01')$$);
RESET search_path;
\c - :superuser
:settings
DROP SCHEMA mallory CASCADE;
REVOKE EXECUTE ON FUNCTION cpconf.map(text, regclass, jsonb), cpconf.unmap(text) FROM regress_cpconf_mallory;
REVOKE ALL ON SCHEMA "Case Records" FROM regress_cpconf_mallory;
REVOKE ALL ON "Case Records"."Plans" FROM regress_cpconf_mallory;
DROP ROLE regress_cpconf_mallory;
\c - regress_cpconf_user
:settings

-- Where the profile states no rule for holding an inquorate conference
-- (national), the chair's decision to proceed stands: an approved exception.
SELECT cpconf.enforce('quoracy', 'enforce', 'national');
BEGIN;
INSERT INTO "Case Records"."Meetings" (meeting_id, child_no, meeting_type, "Held On", outcome, chair_proceeded)
VALUES (107, 2, 'Review', '2025-06-03 10:00+01', 'Y', true);
INSERT INTO "Case Records"."Meeting Attendance" (meeting_id, agency, how, "knows child")
VALUES (107, 'children''s social care', 'attended', true), (107, 'police', 'attended', true);
COMMIT;
SELECT record_key, rule, left(problem, 90) AS problem, exception FROM cpconf.violation WHERE record_key = '107';
SELECT cpconf.enforce('quoracy', 'enforce', NULL);

-- Hierarchies are not watched: rows written to a child table would escape.
CREATE TABLE "Case Records"."Plans 2025" () INHERITS ("Case Records"."Plans");
SELECT * FROM regress.error($$SELECT cpconf.enforce('plan_start')$$);
-- nor once the check is in force: the next write is refused
SELECT tgname FROM pg_trigger WHERE tgrelid = '"Case Records"."Plans 2025"'::regclass;
CALL regress.refused($$INSERT INTO "Case Records"."Plans" VALUES ('P-11', 5, 104, '2025-05-01')$$);
DROP TABLE "Case Records"."Plans 2025";

-- Every change on either side of a comparison is checked: a plan ended
-- before its review, a date of death before a visit.
CALL regress.refused($$UPDATE "Case Records"."Plans" SET end_date = '2025-06-01', end_reason = 'no longer at risk' WHERE "Plan Ref" = 'P-1'$$);
INSERT INTO "Case Records"."Visits" VALUES (5, NULL, 2, '2025-08-04', 'Y');
CALL regress.refused($$UPDATE "Case Records"."Children" SET died_on = '2025-08-01' WHERE child_no = 2$$);

-- Turned off, a check's triggers are gone.
SELECT count(cpconf.enforce(check_name, 'off')) FROM cpconf.enforceable;
SELECT count(*) FROM pg_trigger WHERE tgfoid = 'cpconf.enforce_rows()'::regprocedure;

\c - :superuser
:settings
DELETE FROM cpconf.violation;
DELETE FROM cpconf.enforced;
DELETE FROM cpconf.mapping;
DROP SCHEMA "Case Records" CASCADE;
DROP PROCEDURE regress.refused(text, text, text, text, text);
DROP ROLE regress_cpconf_clerk;
SELECT format('REVOKE CREATE ON DATABASE %I FROM regress_cpconf_user', current_database()) \gexec
