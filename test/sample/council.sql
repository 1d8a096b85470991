-- A sample council's own case tables, named its own way (not the SSD's):
-- capitals, spaces and a quote in names, dates as date, timestamp and
-- timestamptz, flags as boolean and as 'Y'/'N' text, ids as integers and text.
CREATE SCHEMA "Case Records";
CREATE TABLE "Case Records"."Children" (
    child_no      integer PRIMARY KEY,
    "Date of Birth" date,
    died_on       date
);
CREATE TABLE "Case Records".enquiries (
    enquiry_id    integer PRIMARY KEY,
    child_no      integer NOT NULL,
    "Strategy Discussion" timestamp,
    closed_on     date
);
CREATE TABLE "Case Records"."Meetings" (
    meeting_id    integer PRIMARY KEY,
    child_no      integer NOT NULL,
    enquiry_id    integer,
    meeting_type  text NOT NULL,
    "Held On"     timestamptz,
    outcome       char(1),
    "Delay Reason Recorded" char(1),
    chair_proceeded boolean,
    "Grounds: Sufficient Info" text,
    "Grounds: Delay Harmful" text,
    "Grounds: Few Agencies" text
);
CREATE TABLE "Case Records"."Meeting Attendance" (
    row_id        serial PRIMARY KEY,
    meeting_id    integer NOT NULL,
    agency        text NOT NULL,
    how           text NOT NULL,
    "knows child" boolean
);
CREATE INDEX ON "Case Records"."Meeting Attendance" (meeting_id);
CREATE TABLE "Case Records"."CP Plans" (
    "Plan Ref"    text PRIMARY KEY,
    child_no      integer NOT NULL,
    meeting_id    integer,
    start_date    date NOT NULL,
    end_date      date,
    end_reason    text,
    category      text,
    lead_is_qsw   char(1),
    core_group_size integer,
    first_core_group date,
    first_review  date,
    contingency   char(1),
    outline       char(1),
    visiting      char(1)
);
CREATE INDEX ON "Case Records"."CP Plans" (child_no);
CREATE TABLE "Case Records"."Reviews" (
    review_id     integer PRIMARY KEY,
    "Plan Ref"    text,
    child_no      integer,
    held_on       date
);
CREATE TABLE "Case Records"."Visits" (
    visit_id      bigint PRIMARY KEY,
    "Plan Ref"    text,
    child_no      integer,
    visit_date    date,
    seen_alone    char(1)
);

SELECT cpconf.map('child', '"Case Records"."Children"',
                  '{"id": "child_no", "date_of_birth": "Date of Birth", "date_of_death": "died_on"}');
SELECT cpconf.map('strategy_discussion', '"Case Records".enquiries',
                  '{"id": "enquiry_id", "child": "child_no", "held": "Strategy Discussion", "ended": "closed_on"}');
SELECT cpconf.map('conference', '"Case Records"."Meetings"',
                  '{"id": "meeting_id", "child": "child_no", "strategy_discussion": "enquiry_id", "kind": "meeting_type",
                    "held": "Held On", "decision": "outcome", "delay_reasons_recorded": "Delay Reason Recorded",
                    "proceeded_inquorate": "chair_proceeded", "sufficient_information": "Grounds: Sufficient Info",
                    "delay_harmful": "Grounds: Delay Harmful", "no_contact_with_3_agencies": "Grounds: Few Agencies"}');
SELECT cpconf.map('attendance', '"Case Records"."Meeting Attendance"',
                  '{"id": "row_id", "conference": "meeting_id", "agency": "agency", "took_part": "how", "direct_contact": "knows child"}');
SELECT cpconf.map('plan', '"Case Records"."CP Plans"',
                  '{"id": "Plan Ref", "child": "child_no", "conference": "meeting_id", "started": "start_date", "ended": "end_date",
                    "ground": "end_reason", "categories": "category", "lead_qualified_social_worker": "lead_is_qsw",
                    "core_group_members": "core_group_size", "first_core_group": "first_core_group",
                    "first_review": "first_review", "contingency_plan": "contingency", "outline_plan": "outline",
                    "visiting_arrangements": "visiting"}');
SELECT cpconf.map('review', '"Case Records"."Reviews"', '{"id": "review_id", "plan": "Plan Ref", "child": "child_no", "held": "held_on"}');
SELECT cpconf.map('visit', '"Case Records"."Visits"', '{"id": "visit_id", "plan": "Plan Ref", "child": "child_no", "visited": "visit_date", "seen_alone": "seen_alone"}');
