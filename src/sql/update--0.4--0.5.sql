/* src/sql/update--0.4--0.5.sql: the hand-written part of the update to cpconf 0.5 (make appends the layers new in 0.5) */

\echo Use "ALTER EXTENSION cpconf UPDATE TO '0.5'" to load this file. \quit

/*
 * The row of cpconf.discontinuation_rule in force is found by the same C
 * resolver as every other rule table (a looped profile chain is now 42P19
 * here too), from a per-session cache that the table's statement trigger
 * keeps current, as for the other rule tables.
 */
CREATE TRIGGER discontinuation_rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.discontinuation_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();

CREATE OR REPLACE FUNCTION cpconf.discontinuation_rules(profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS cpconf.discontinuation_rule
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_discontinuation_rules';

/*
 * One finding type for every check: check_categories, check_plan_start and
 * check_discontinuation returned TABLE (rule, problem, remedy); they now
 * return cpconf.finding, which adds severity and profile.  A return type
 * cannot be replaced in place, so each is dropped and created again.  They
 * and the other functions called per row are now C with cached rules.
 */
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

DROP FUNCTION cpconf.check_categories(cpconf.abuse_category[], text, boolean, boolean, boolean, date);
DROP FUNCTION cpconf.check_plan_start(date, boolean, boolean, integer, date, date, boolean, boolean, boolean, cpconf.abuse_category[], text, date);
DROP FUNCTION cpconf.check_discontinuation(cpconf.end_reason, date, text, text, date, boolean, boolean, boolean, date, boolean, boolean, boolean, boolean, boolean, boolean, date, boolean, boolean, boolean, date, date);

CREATE FUNCTION cpconf.check_categories(categories cpconf.abuse_category[], profile text DEFAULT NULL,
                                        each_meets_threshold boolean DEFAULT NULL,
                                        risk_otherwise_underestimated boolean DEFAULT NULL,
                                        substantial_emotional_concern boolean DEFAULT NULL,
                                        as_of date DEFAULT NULL,
                                        chair_decided boolean DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_categories';
COMMENT ON FUNCTION cpconf.check_categories(cpconf.abuse_category[], text, boolean, boolean, boolean, date, boolean) IS
    'Every problem (rule D-CATEGORY) with a plan''s categories under a profile: none named, several where the profile allows one, several without the facts that justify them, several decided by the chair where the chair determines a single one (chair_decided: the agencies could not agree), emotional abuse as a second category without substantial concern. MUL counts as several, not itemised. Empty when the categories may stand.';

CREATE FUNCTION cpconf.check_plan_start(initial_conference date,
                                        lead_qualified_social_worker boolean DEFAULT NULL,
                                        lead_interim_manager boolean DEFAULT NULL,
                                        core_group_members integer DEFAULT NULL,
                                        first_core_group date DEFAULT NULL,
                                        first_review date DEFAULT NULL,
                                        contingency_plan boolean DEFAULT NULL,
                                        outline_plan boolean DEFAULT NULL,
                                        visiting_arrangements boolean DEFAULT NULL,
                                        categories cpconf.abuse_category[] DEFAULT NULL,
                                        profile text DEFAULT NULL,
                                        birth date DEFAULT NULL,
                                        started date DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_plan_start';
COMMENT ON FUNCTION cpconf.check_plan_start(date, boolean, boolean, integer, date, date, boolean, boolean, boolean, cpconf.abuse_category[], text, date, date) IS
    'Every item a new plan lacks (D-LEAD, D-PLAN, T-CG1, T-RCPC1, D-CATEGORY): a qualified lead social worker (or an interim first-line manager where the profile allows), core group members, a contingency plan, an outline plan, visiting arrangements, a first core group and first review in time, a category (several are checked by check_categories). Empty when complete.';

CREATE FUNCTION cpconf.check_discontinuation(
    ground cpconf.end_reason,
    ended date,
    decided_at text DEFAULT 'review_conference',
    profile text DEFAULT NULL,
    plan_started date DEFAULT NULL,
    first_review boolean DEFAULT NULL,
    key_actions_open boolean DEFAULT NULL,
    open_actions_rationale_minuted boolean DEFAULT NULL,
    transfer_conference_held date DEFAULT NULL,
    responsibility_confirmed_in_writing boolean DEFAULT NULL,
    risk_assessed_after_move boolean DEFAULT NULL,
    concerns_unsubstantiated boolean DEFAULT NULL,
    initial_agencies_attended_or_wrote boolean DEFAULT NULL,
    perpetrator_in_custody_or_dead boolean DEFAULT NULL,
    supervision_order_with_parent boolean DEFAULT NULL,
    supervision_order_expires date DEFAULT NULL,
    unanimous boolean DEFAULT NULL,
    initial_agencies_consulted boolean DEFAULT NULL,
    recorded_in_records boolean DEFAULT NULL,
    date_of_birth date DEFAULT NULL,
    date_of_death date DEFAULT NULL,
    returned_to_carers_after_proceedings boolean DEFAULT NULL,
    return_home_foreseen boolean DEFAULT NULL,
    care_stable boolean DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_discontinuation';
COMMENT ON FUNCTION cpconf.check_discontinuation(cpconf.end_reason, date, text, text, date, boolean, boolean, boolean, date, boolean, boolean, boolean, boolean, boolean, boolean, date, boolean, boolean, boolean, date, date, boolean, boolean, boolean) IS
    'Every rule (X-GROUNDS, X-FORUM, X-MOVED, X-ACTIONS, X-FIRST-REVIEW, X-SUPERVISION, T-MIN-PLAN) that a plan''s ending would break, with what would make it valid; a fact a rule needs and not recorded is reported as such. Empty when the plan may end. Contradictory dates are errors.';

CREATE OR REPLACE FUNCTION cpconf.first_review_due(initial_conference date, birth date DEFAULT NULL,
                                        profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_first_review_due';

COMMENT ON FUNCTION cpconf.first_review_due(date, date, text, date) IS
    'When the first review conference is due (T-RCPC1). After a pre-birth conference, where the profile states T-RCPC1-BIRTH (derby, derbyshire), the earlier of that from the birth and T-RCPC1 from the conference; before the birth is recorded, T-RCPC1 alone.';

CREATE OR REPLACE FUNCTION cpconf.after_discontinuation(ground cpconf.end_reason, ended date, profile text DEFAULT NULL)
RETURNS TABLE (rule text, what text, due date)
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_after_discontinuation';
COMMENT ON FUNCTION cpconf.after_discontinuation(cpconf.end_reason, date, text) IS
    'What must follow the ending of a plan under a profile: who is told (X-NOTIFY), a critical incident notice on a death (X-DIED), and after an ending because the child is no longer at risk the child in need plan and its dates (T-CIN-AFTER).';

CREATE OR REPLACE FUNCTION cpconf.review_before_18(date_of_birth date, profile text DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_review_before_18';
COMMENT ON FUNCTION cpconf.review_before_18(date, text) IS
    'The day by which the review that ends a plan at 18 is held (T-18): the day before the 18th birthday where the profile says before it (staffordshire), else the birthday itself ("around the birthday, planned in advance").';

/*
 * Sources an auditor can follow: the documents the shipped rules come from,
 * and every shipped row's source as document, section and paragraph.
 */
CREATE TABLE cpconf.source_document (
    name      text PRIMARY KEY,
    title     text NOT NULL,
    publisher text NOT NULL,
    edition   text NOT NULL,
    published text,
    note      text,
    shipped   boolean NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX source_document_folded_name ON cpconf.source_document (lower(btrim(name)));

COMMENT ON TABLE cpconf.source_document IS
    'The documents the rules come from: the shipped procedures, and any a council adds for its own rows. Every rule row names one in its document column; its source column gives the section (as headed in the document) and the paragraph counted from that heading.';
COMMENT ON COLUMN cpconf.source_document.name IS 'The short name rule rows and sources use, e.g. Darlington SCB 2017.';
COMMENT ON COLUMN cpconf.source_document.title IS 'The document''s title, as it gives it.';
COMMENT ON COLUMN cpconf.source_document.publisher IS 'Who publishes it: the government, or the safeguarding partnership or board.';
COMMENT ON COLUMN cpconf.source_document.edition IS 'The edition or date the shipped rules were read from.';
COMMENT ON COLUMN cpconf.source_document.published IS 'Where it is published, for an auditor to find it.';
COMMENT ON COLUMN cpconf.source_document.note IS 'What an auditor needs to find a passage: how sections and paragraphs are counted, what the copy lacks.';

SELECT pg_catalog.pg_extension_config_dump('cpconf.source_document', 'WHERE NOT shipped');

INSERT INTO cpconf.source_document (name, title, publisher, edition, published, note, shipped) VALUES
 ('Working Together 2018', 'Working Together to Safeguard Children', 'HM Government', 'July 2018',
  'GOV.UK, on the publication page "Working together to safeguard children" (https://www.gov.uk/government/publications/working-together-to-safeguard-children--2), where the December 2023 edition has replaced it',
  'Statutory guidance. Cited as the local procedures quote or restate it; the 2023 edition keeps the timescales cpconf ships.', true),
 ('Staffordshire SCB 2018', 'Initial & Child Protection Review Conferences', 'Staffordshire Safeguarding Children Board',
  'Version 6, October 2018 (review date October 2021)',
  'a PDF on the board''s website, www.staffsscb.org.uk (working together with Stoke-on-Trent Safeguarding Children Partnership)',
  'A PDF; sections are unnumbered headings. A paragraph is a block of text under the heading; bullets are counted under the paragraph that introduces them.', true),
 ('Derby and Derbyshire SCP 2024', 'Child Protection Conferences', 'Derby and Derbyshire Safeguarding Children Partnership',
  'last updated 9 September 2024',
  'the partnership''s online procedures manual, chapter "Child Protection Conferences" (https://derbyshirescp.trixonline.co.uk/chapter/child-protection-conferences)',
  'One chapter of the online procedures, for Derby City and Derbyshire County alike. Where a passage has no heading of its own it is cited by its topic and opening words.', true),
 ('Darlington SCB 2017', 'Multi-Agency Child Protection Procedures', 'Darlington Safeguarding Children Board',
  'June 2017, as revised for Working Together 2018',
  'the board''s website, darlingtonsafeguardingboards.co.uk (since succeeded by the Darlington Safeguarding Partnership''s)',
  'One web page; sections are headed as in its contents list, unnumbered.', true),
 ('Sussex 7.13 2023', '7.13 Actions and Decisions of the Conference', 'Sussex Child Protection and Safeguarding Procedures Manual',
  'last reviewed February 2023',
  'the pan-Sussex online procedures, http://sussexchildprotection.procedures.org.uk, chapter 7.13',
  'One chapter of the pan-Sussex procedures; its sub-headings are unnumbered.', true);

CREATE FUNCTION cpconf.source_document_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'source document "%" is shipped with cpconf and cannot be changed', OLD.name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The shipped rules cite it by this name.',
                  HINT = 'Add a document of your own for your own rules.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF btrim(NEW.name) = '' OR btrim(NEW.title) = '' OR btrim(NEW.publisher) = '' OR btrim(NEW.edition) = '' THEN
        RAISE EXCEPTION 'source document "%" needs a name, title, publisher and edition', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule rows name it, and an auditor finds it by these.',
                  HINT = 'Give each as the document states it.';
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped source documents'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the documents that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION cpconf.source_document_check() IS
    'Trigger: keeps shipped source documents unchanged.';
CREATE TRIGGER source_document_check BEFORE INSERT OR UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.source_document_check();

GRANT SELECT ON cpconf.source_document TO PUBLIC;

COMMENT ON COLUMN cpconf.profile.source IS 'The document of the procedure (cpconf.source_document), or the council''s reference.';

COMMENT ON TABLE cpconf.timescale IS
    'Timescale rules (T-*, doc/rules.md) per profile and period. Shipped rows cannot be changed; a council states its rows on a profile of its own, where they take precedence over the inherited ones wherever their effective dates cover the day.';

COMMENT ON COLUMN cpconf.timescale.rule IS 'Rule id, e.g. T-ICPC (doc/rules.md lists the shipped ones).';

COMMENT ON COLUMN cpconf.timescale.source IS 'Where in its document the rule is: section and paragraph (a shipped row may add the passages of other documents that quote it), or the council''s reference.';

COMMENT ON TYPE cpconf.end_reason IS
    'Ground for ending a child protection plan (X-GROUNDS, doc/rules.md): no_longer_at_risk, moved_permanently, reached_18, died, left_uk, looked_after. Input also takes "transferred", "deceased", "turned 18", "emigrated", "in care" and other spellings.';

COMMENT ON TABLE cpconf.discontinuation_rule IS
    'A partnership''s rules for ending a child protection plan per period (doc/rules.md: X-GROUNDS, X-FORUM, X-MOVED, X-ACTIONS, X-FIRST-REVIEW, X-SUPERVISION, X-NOTIFY, X-DIED). Inherited day by day like timescales; shipped rows cannot be changed.';

COMMENT ON FUNCTION cpconf.builtin_bank_holiday(text, date) IS
    'The name of the bank holiday the built-in rules (doc/calendar.md) give on day in a UK calendar, ignoring cpconf.holiday_override; NULL when there is none.';

CREATE OR REPLACE FUNCTION cpconf.timescale_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other record;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'rule % of profile "%" is shipped with cpconf and cannot be changed', OLD.rule, OLD.profile
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Shipped rules are the partnerships'' procedures as published, with their sources.',
                  HINT = 'Add a profile of your own with this one as its parent, and your row for the rule there: it takes precedence over the inherited one wherever its effective dates apply.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped rules'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the rules that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    IF NEW.rule !~ '^T(-[A-Z0-9]+)+$' THEN
        RAISE EXCEPTION 'timescale rule id "%" is not of the form T-NAME', NEW.rule
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Timescale rules are named T-...: T-ICPC, T-CG1, T-REPORT-FAMILY-R, ... (doc/rules.md).',
                  HINT = 'Use an upper-case id starting with T-.';
    END IF;
    PERFORM cpconf.council_profile_check(format('rule %s', NEW.rule), NEW.profile, to_jsonb(OLD), to_jsonb(NEW));
    IF NEW.unit NOT IN ('working_days', 'calendar_days', 'weeks', 'months', 'hours') THEN
        RAISE EXCEPTION 'rule % of profile "%" has unknown unit "%"', NEW.rule, NEW.profile, NEW.unit
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Timescales are counted in working days, calendar days, weeks, calendar months or hours.',
                  HINT = 'Use one of: working_days, calendar_days, weeks, months, hours.';
    END IF;
    IF NEW.direction NOT IN ('within_after', 'at_least_before', 'at_least_after') THEN
        RAISE EXCEPTION 'rule % of profile "%" has unknown direction "%"', NEW.rule, NEW.profile, NEW.direction
            USING ERRCODE = 'check_violation',
                  DETAIL = 'within_after: within N after the anchor; at_least_before: at least N before it; at_least_after: not before N after it.',
                  HINT = 'Use one of: within_after, at_least_before, at_least_after.';
    END IF;
    IF NEW.amount < 0 THEN
        RAISE EXCEPTION 'rule % of profile "%" has a negative amount (%)', NEW.rule, NEW.profile, NEW.amount
            USING ERRCODE = 'check_violation',
                  DETAIL = 'An amount counts units away from the anchor; the direction says which way.',
                  HINT = 'Give a positive amount, with direction at_least_before for a time before the anchor.';
    END IF;
    IF NEW.effective_to IS NOT NULL AND NEW.effective_to <= NEW.effective_from THEN
        RAISE EXCEPTION 'rule % of profile "%" ends (%) before it starts (%)', NEW.rule, NEW.profile,
                        NEW.effective_to, NEW.effective_from
            USING ERRCODE = 'check_violation',
                  DETAIL = 'effective_to is the first day the row is no longer in force.',
                  HINT = 'Make effective_to later than effective_from, or NULL if it is still in force.';
    END IF;
    -- Two writers could each miss the other's overlapping row: the
    -- statement took the configuration's turn first (timescale_turn).
    SELECT t.effective_from, t.effective_to INTO other
      FROM cpconf.timescale t
     WHERE t.profile = NEW.profile AND t.rule = NEW.rule AND NOT t.shipped
       AND (TG_OP = 'INSERT' OR (t.profile, t.rule, t.effective_from) <> (OLD.profile, OLD.rule, OLD.effective_from))
       AND daterange(t.effective_from, t.effective_to) && daterange(NEW.effective_from, NEW.effective_to)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'rule % of profile "%" already has a row in force from % %', NEW.rule, NEW.profile,
                        other.effective_from, coalesce('to ' || other.effective_to, 'on')
            USING ERRCODE = 'exclusion_violation',
                  DETAIL = format('The new row would be in force from %s %s, overlapping it.',
                                  NEW.effective_from, coalesce('to ' || NEW.effective_to, 'on')),
                  HINT = 'End the earlier row (set its effective_to) where the new one starts.';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION cpconf.holiday_override_check()
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

ALTER TABLE cpconf.profile DISABLE TRIGGER profile_check;
UPDATE cpconf.profile t SET source = v.source
  FROM (VALUES
 ('darlington', 'Darlington SCB 2017'),
 ('derby', 'Derby and Derbyshire SCP 2024'),
 ('derbyshire', 'Derby and Derbyshire SCP 2024'),
 ('national', 'Working Together 2018'),
 ('staffordshire', 'Staffordshire SCB 2018'),
 ('sussex', 'Sussex 7.13 2023')
) AS v (name, source)
 WHERE t.shipped AND t.name = v.name;
ALTER TABLE cpconf.profile ENABLE TRIGGER profile_check;

ALTER TABLE cpconf.timescale DISABLE TRIGGER timescale_check;
UPDATE cpconf.timescale t SET source = v.source, note = v.note
  FROM (VALUES
 ('darlington', 'T-AMEND-SUBMIT', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Conference Record", para 3', NULL),
 ('darlington', 'T-ASSESS', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Single Assessment (Children and Family Assessment) > Timeliness", para 1', NULL),
 ('darlington', 'T-ASSESS-ACK', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Making a Referral > Making Contact", para 13', NULL),
 ('darlington', 'T-ASSESS-ALLOCATE', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Making a Referral > Making Contact", para 11', NULL),
 ('darlington', 'T-ASSESS-CONTACT', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Making a Referral > Making Contact", para 6', NULL),
 ('darlington', 'T-CG-MINUTES', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group > Lead Social Worker Role", para 2, bullet 4', 'unit not stated'),
 ('darlington', 'T-CG1', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group", para 1, bullet 1', 'pre-birth: before the birth (Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 9)'),
 ('darlington', 'T-CIN-AFTER-MEETING', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5', 'unit not stated'),
 ('darlington', 'T-CIN-AFTER-REVIEW', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5', NULL),
 ('darlington', 'T-CIN-AFTER-REVIEWN', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5', NULL),
 ('darlington', 'T-COMPLAINT', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 2', NULL),
 ('darlington', 'T-COMPLAINT-ACK', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 1', NULL),
 ('darlington', 'T-COMPLAINT-CONSIDER', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 2', NULL),
 ('darlington', 'T-COMPLAINT-OUTCOME', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 9', NULL),
 ('darlington', 'T-COMPLAINT-PANEL', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 7', NULL),
 ('darlington', 'T-COMPLAINT-RESPOND', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 3', NULL),
 ('darlington', 'T-DECISION', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Decision of Conference", para 1', NULL),
 ('darlington', 'T-EXCLUSION-REQ', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 1', NULL),
 ('darlington', 'T-ICPC', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 4', 'a delay needs the team manager''s written agreement with reasons (Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 5)'),
 ('darlington', 'T-ICPC-LAC', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan > Children returning home", para 1', 'unit not stated; the social worker requests it to take place within 15 days'),
 ('darlington', 'T-INQUORATE', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 9', '"usually within a month", set immediately'),
 ('darlington', 'T-MINUTES', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Conference Record", para 1, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Conference Record", para 3', NULL),
 ('darlington', 'T-PREBIRTH', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 5', 'earlier if a premature birth is likely (Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 6)'),
 ('darlington', 'T-RCPC1', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 3', '"3 months (91 days)": the days, as written'),
 ('darlington', 'T-RCPCN', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 4', '"6 months (182 days)": the days, as written'),
 ('darlington', 'T-REPORT-CHAIR-I', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 3', NULL),
 ('darlington', 'T-REPORT-CHAIR-R', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 3', NULL),
 ('darlington', 'T-REPORT-EXCLUDED-I', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 10', NULL),
 ('darlington', 'T-REPORT-EXCLUDED-R', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 10', NULL),
 ('darlington', 'T-REPORT-FAMILY-I', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 2', NULL),
 ('darlington', 'T-REPORT-FAMILY-R', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 2', NULL),
 ('darlington', 'T-TRANSFER', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2', 'Darlington SCB 2017, "Child Protection Conference > Transfer Child Protection Conference", para 3 counts from the agreement between the two authorities: T-TRANSFER-AGREED'),
 ('darlington', 'T-TRANSFER-AGREED', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Transfer Child Protection Conference", para 3', NULL),
 ('darlington', 'T-TRANSFER-REPORT', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Transfer Child Protection Conference", para 4', 'shared with the child and family first'),
 ('darlington', 'T-VIEWS', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 3', NULL),
 ('darlington', 'T-VIEWS-REPLY', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 3', NULL),
 ('darlington', 'T-VISIT', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group > Seeing the Child", bullet 1', 'at least every 10 working days'),
 ('darlington', 'T-VISIT-SLEEP', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group > Seeing the Child", bullet 3', NULL),
 ('derby', 'T-AMEND-SUBMIT', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derby', 'T-CG1', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 6, beginning "A date is set for the first core group"', NULL),
 ('derby', 'T-CIN-AFTER-MIN', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13', 'unless all its members agree after the first child in need review'),
 ('derby', 'T-CIN-AFTER-NETWORK', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 3', NULL),
 ('derby', 'T-CIN-AFTER-PLAN', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 1', NULL),
 ('derby', 'T-CIN-AFTER-REVIEW', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 3', NULL),
 ('derby', 'T-DECISION', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 4, beginning "In Derby City, all participants to conference will leave", the part on administration and conference records, para 5, beginning "In Derby City the outline plan, approved by the"', 'given to all attendees at the end of the conference'),
 ('derby', 'T-EXCLUSION-REQ', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 6, Exclusion of Family Members from a Conference", para 3', NULL),
 ('derby', 'T-ICPC', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within"', 'a delay is reported to the child protection manager with reasons (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay, this must be reported")'),
 ('derby', 'T-ICPC-LAC', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 2, beginning "The Care Plan and Placement Plan for a child"', 'unit not stated; the social worker requests it to take place within 15 days'),
 ('derby', 'T-ICPC-PLO', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 3, beginning "In these cases, it is important for there to"', 'unit not stated ("the 15 day timeframe"): read as T-ICPC''s 15 working days (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within")'),
 ('derby', 'T-MIN-PLAN', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 4, beginning "In Derby, a child who has been subject to"', NULL),
 ('derby', 'T-MINUTES', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derby', 'T-MINUTES-PARENTS', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 4, beginning "A copy of the conference record should be given"', NULL),
 ('derby', 'T-PREBIRTH', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on pre-birth conferences, para 1, beginning "A Pre-birth Conference is an initial child protection conference"', NULL),
 ('derby', 'T-RCPC1', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'after a pre-birth conference also T-RCPC1-BIRTH, whichever is sooner'),
 ('derby', 'T-RCPC1-BIRTH', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'or 3 months after the pre-birth conference (T-RCPC1), whichever is sooner'),
 ('derby', 'T-RCPCN', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 6, beginning "Further reviews should be held at intervals of not"', 'a child under 5 with serious concerns may need shorter (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 7, beginning "All review conferences should consider the timescales to meet")'),
 ('derby', 'T-REPORT-CHAIR-I', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derby', 'T-REPORT-CHAIR-R', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derby', 'T-REPORT-FAMILY-I', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derby', 'T-REPORT-FAMILY-R', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derby', 'T-TRANSFER', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 8, beginning "The transfer in conference should receive reports from the"', NULL),
 ('derby', 'T-TRANSFER-NOTIFY', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 2, beginning "The “originating” local authority must always notify the “host”"', 'permanent or temporary'),
 ('derbyshire', 'T-AMEND-SUBMIT', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derbyshire', 'T-CG1', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 6, beginning "A date is set for the first core group"', NULL),
 ('derbyshire', 'T-CIN-AFTER-MIN', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13', 'unless all its members agree after the first child in need review'),
 ('derbyshire', 'T-CIN-AFTER-PLAN', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 1', NULL),
 ('derbyshire', 'T-CIN-AFTER-REVIEW', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 4', 'reviews booked six-weekly'),
 ('derbyshire', 'T-DECISION', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 6, beginning "In Derbyshire all participants will be provided with a"', 'given to all participants at the conference'),
 ('derbyshire', 'T-DECISION-SUMMARY', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 4, beginning "In Derby City, all participants to conference will leave"', NULL),
 ('derbyshire', 'T-EXCLUSION-REQ', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 6, Exclusion of Family Members from a Conference", para 3', NULL),
 ('derbyshire', 'T-ICPC', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within"', 'a delay is reported to the child protection manager with reasons (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay, this must be reported")'),
 ('derbyshire', 'T-ICPC-LAC', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 2, beginning "The Care Plan and Placement Plan for a child"', 'unit not stated; the social worker requests it to take place within 15 days'),
 ('derbyshire', 'T-ICPC-PLO', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 3, beginning "In these cases, it is important for there to"', 'unit not stated ("the 15 day timeframe"): read as T-ICPC''s 15 working days (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within")'),
 ('derbyshire', 'T-MINUTES', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derbyshire', 'T-MINUTES-PARENTS', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 4, beginning "A copy of the conference record should be given"', NULL),
 ('derbyshire', 'T-PREBIRTH', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on pre-birth conferences, para 1, beginning "A Pre-birth Conference is an initial child protection conference"', NULL),
 ('derbyshire', 'T-RCPC1', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'after a pre-birth conference also T-RCPC1-BIRTH, whichever is sooner'),
 ('derbyshire', 'T-RCPC1-BIRTH', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'or 3 months after the pre-birth conference (T-RCPC1), whichever is sooner'),
 ('derbyshire', 'T-RCPCN', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 6, beginning "Further reviews should be held at intervals of not"', 'a child under 5 with serious concerns may need shorter (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 7, beginning "All review conferences should consider the timescales to meet")'),
 ('derbyshire', 'T-REPORT-CHAIR-I', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derbyshire', 'T-REPORT-CHAIR-R', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derbyshire', 'T-REPORT-FAMILY-I', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derbyshire', 'T-REPORT-FAMILY-R', '2024-09-01', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derbyshire', 'T-TRANSFER', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 8, beginning "The transfer in conference should receive reports from the"', NULL),
 ('derbyshire', 'T-TRANSFER-NOTIFY', '2024-09-01', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 2, beginning "The “originating” local authority must always notify the “host”"', 'permanent or temporary'),
 ('national', 'T-ASSESS', '2018-07-04', 'Working Together 2018 (Darlington SCB 2017, "Concerned About a Child > Single Assessment (Children and Family Assessment) > Timeliness", para 1)', NULL),
 ('national', 'T-CG1', '2018-07-04', 'Working Together 2018 (Staffordshire SCB 2018, "The Child Protection Plan & Role of the Core Group > Core Groups", para 2, Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 6, beginning "A date is set for the first core group", Darlington SCB 2017, "Child Protection Conference > Core Group", para 1, bullet 1)', NULL),
 ('national', 'T-ICPC', '2018-07-04', 'Working Together 2018 (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within", Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 4)', NULL),
 ('national', 'T-RCPC1', '2018-07-04', 'Working Together 2018 (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held")', NULL),
 ('national', 'T-RCPCN', '2018-07-04', 'Working Together 2018 (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 6, beginning "Further reviews should be held at intervals of not")', NULL),
 ('national', 'T-TRANSFER', '2018-07-04', 'Working Together 2018 (Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2, Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 2)', NULL),
 ('staffordshire', 'T-18', '2018-10-01', 'Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 2', 'held before the birthday'),
 ('staffordshire', 'T-AMEND-DONE', '2018-10-01', 'Staffordshire SCB 2018, "Child Protection Minutes & Administrative Process", para 3, bullet 4', NULL),
 ('staffordshire', 'T-CG-MINUTES', '2018-10-01', 'Staffordshire SCB 2018, "The Child Protection Plan & Role of the Core Group > Core Groups", para 1', NULL),
 ('staffordshire', 'T-CG1', '2018-10-01', 'Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 4, "The Child Protection Plan & Role of the Core Group > Core Groups", para 2', NULL),
 ('staffordshire', 'T-CGN', '2018-10-01', 'Staffordshire SCB 2018, "The Child Protection Plan & Role of the Core Group > Core Groups", para 2, "The Child Protection Plan & Role of the Core Group > Core Groups", para 4', 'six-weekly, or more often'),
 ('staffordshire', 'T-DECISION', '2018-10-01', 'Staffordshire SCB 2018, "Child Protection Minutes & Administrative Process", para 2, bullet 1, "Child Protection Minutes & Administrative Process", para 3, bullet 2', NULL),
 ('staffordshire', 'T-EXCLUSION-REQ', '2018-10-01', 'Staffordshire SCB 2018, "Reports to Initial and Child Protection Review Conferences > Agencies", para 2', 'not on the morning of the conference; Staffordshire SCB 2018, "Exclusion of the child, their parents, family members or advocates from part or all of a Child Protection Conference", para 2 says "two days"'),
 ('staffordshire', 'T-ICPC-NOTIFY', '2018-10-01', 'Staffordshire SCB 2018, "Preparing for an Initial & Review Child Protection Conference", para 1', NULL),
 ('staffordshire', 'T-INQUORATE', '2018-10-01', 'Staffordshire SCB 2018, "Quoracy", para 4', NULL),
 ('staffordshire', 'T-INVITE-RCPC', '2018-10-01', 'Staffordshire SCB 2018, "Preparing for an Initial & Review Child Protection Conference", para 3', NULL),
 ('staffordshire', 'T-MINUTES', '2018-10-01', 'Staffordshire SCB 2018, "Exclusion of the child, their parents, family members or advocates from part or all of a Child Protection Conference", para 10, "Child Protection Minutes & Administrative Process", para 3, bullet 3', NULL),
 ('staffordshire', 'T-PREBIRTH', '2018-10-01', 'Staffordshire SCB 2018, "Pre Birth Child Protection Conferences", para 1', 'between 30 and 32 weeks gestation, or as soon as possible after; "currently subject to review"'),
 ('staffordshire', 'T-PREBIRTH-OPENS', '2018-10-01', 'Staffordshire SCB 2018, "Pre Birth Child Protection Conferences", para 1', 'the window of T-PREBIRTH opens'),
 ('staffordshire', 'T-RCPC1', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 2', NULL),
 ('staffordshire', 'T-RCPCN', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 2', NULL),
 ('staffordshire', 'T-REPORT-CHAIR-I', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4', 'with the family''s copy'),
 ('staffordshire', 'T-REPORT-CHAIR-R', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4', 'with the family''s copy'),
 ('staffordshire', 'T-REPORT-FAMILY-I', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4, "Reports to Initial and Child Protection Review Conferences > Children''s Social Care", para 6, bullet 2, "Reports to Initial and Child Protection Review Conferences > Agencies", para 2', NULL),
 ('staffordshire', 'T-REPORT-FAMILY-R', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4, "Reports to Initial and Child Protection Review Conferences > Children''s Social Care", para 6, bullet 2, "Reports to Initial and Child Protection Review Conferences > Agencies", para 2', NULL),
 ('staffordshire', 'T-TRANSFER', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 1', 'not from the move; when another council receives, 15 WD of notification of the move (Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 1): T-TRANSFER-NOTIFIED'),
 ('staffordshire', 'T-TRANSFER-NOTIFIED', '2018-10-01', 'Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 1', 'when another council receives a Staffordshire child'),
 ('staffordshire', 'T-TRANSFER-REPORT', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 4', NULL),
 ('staffordshire', 'T-TRANSFER-REVIEW', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 4', 'missing documents delay it (Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 5)'),
 ('staffordshire', 'T-VISIT', '2018-10-01', 'Staffordshire SCB 2018, "The Initial/Review Child Protection Conference", para 8', 'a minimum; the conference sets the frequency'),
 ('sussex', 'T-TRANSFER', '2023-02-01', 'Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 2', NULL),
 ('sussex', 'T-VIEWS', '2023-02-01', 'Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 3', NULL),
 ('sussex', 'T-VIEWS-REPLY', '2023-02-01', 'Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 3', NULL)
) AS v (profile, rule, effective_from, source, note)
 WHERE t.shipped AND t.profile = v.profile AND t.rule = v.rule AND t.effective_from = v.effective_from::date;
ALTER TABLE cpconf.timescale ENABLE TRIGGER timescale_check;

ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule t SET source = v.source
  FROM (VALUES
 ('darlington', '2018-07-04', 'Q-MIN Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8; Q-CANCEL Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8 to para 9; Q-PROCEED Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 10 to para 11; D-DECIDE Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6; D-CATEGORY Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference > Category of Abuse", para 3; D-LEAD Darlington SCB 2017, "Child Protection Conference > If a Child is made the subject of a Child Protection Plan", para 2, bullet 2'),
 ('derby', '2024-09-01', 'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"'),
 ('derbyshire', '2024-09-01', 'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"'),
 ('national', '2018-07-04', 'Q-MIN: no number stated, so common practice (as Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8); D-DECIDE as Working Together quoted at Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6, Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5'),
 ('staffordshire', '2018-10-01', 'Q-MIN Staffordshire SCB 2018, "Quoracy", para 1 to para 2; Q-PROCEED Staffordshire SCB 2018, "Quoracy", para 4; D-DECIDE Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 6; D-CATEGORY Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 1; D-LEAD Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 2'),
 ('sussex', '2023-02-01', 'Q-MIN: no number stated in Sussex 7.13 2023, so common practice; D-DECIDE Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5; D-CATEGORY Sussex 7.13 2023, "Categories of Abuse or Neglect", para 3 to para 4; D-LEAD Sussex 7.13 2023, "If a Child has a Child Protection Plan", para 2, bullet 1')
) AS v (profile, effective_from, source)
 WHERE t.shipped AND t.profile = v.profile AND t.effective_from = v.effective_from::date;
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;

ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule t SET source = v.source, child_in_need_plan = v.child_in_need_plan
  FROM (VALUES
 ('darlington', '2018-07-04', 'X-FORUM Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-MOVED Darlington SCB 2017, "Child Protection Conference > Transfer Child Protection Conference", para 5, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-FIRST-REVIEW Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 12 to para 14; X-NOTIFY Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 2; X-DIED Darlington SCB 2017, "Child Protection Conference > Death of a Child Subject to a Child Protection Plan – CDOP Procedures", para 1; looked_after Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan > Children with child protection plans who become looked after", para 3', 'consider a multi-agency meeting 10 days after to develop a child''s plan, its first review 3 months after, then at least every 6 months (Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5)'),
 ('derby', '2024-09-01', 'X-FORUM Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 5, beginning "If a child subject of a Child Protection Plan", "Discontinuing a current Child Protection Plan", para 6 to para 9; X-MOVED Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 2, bullet 3; X-ACTIONS Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 5; X-FIRST-REVIEW Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 3, bullet 1 to para 4; X-SUPERVISION Derby and Derbyshire SCP 2024, the part on supervision orders, para 3, beginning "Children who are subject to a Supervision Order following"; X-NOTIFY Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 10', 'a child in need plan for at least 3 months, circulated within 2 weeks; child in need review at 3 months and 6-weekly network meetings (Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13 to para 14, bullet 3)'),
 ('derbyshire', '2024-09-01', 'X-FORUM Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 5, beginning "If a child subject of a Child Protection Plan", "Discontinuing a current Child Protection Plan", para 6 to para 9; X-MOVED Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 2, bullet 3; X-ACTIONS Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 5; X-FIRST-REVIEW Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 3, bullet 1 to para 4; X-SUPERVISION Derby and Derbyshire SCP 2024, the part on supervision orders, para 3, beginning "Children who are subject to a Supervision Order following"; X-NOTIFY Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 10', 'a child in need plan for at least 3 months, circulated within 2 weeks; child in need reviews 6-weekly (Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13 to para 14, bullet 4)'),
 ('national', '2018-07-04', 'X-GROUNDS, X-FORUM, X-MOVED, X-NOTIFY as quoted from Working Together at Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2 to para 2, Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 1 to para 2', 'consider a multi-agency meeting to develop a child in need plan'),
 ('staffordshire', '2018-10-01', 'X-FORUM Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 1, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 7; X-MOVED Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 1; X-ACTIONS Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 1; X-NOTIFY Staffordshire SCB 2018, "Child Protection Minutes & Administrative Process", para 3, bullet 5, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 7, "Child who is the Subject of a Child Protection Plan in Staffordshire; who moves to another local authority on a permanent basis", para 6; X-DIED Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 3', 'the core group agencies develop and review a child in need plan; it is not closed without a multi-agency review and consensus (Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 4 to para 7)'),
 ('sussex', '2023-02-01', 'X-FORUM Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 1 to para 1, bullet 2; X-MOVED Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 1; X-NOTIFY Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 2', 'consider a multi-agency meeting to develop a child in need plan (Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 5)')
) AS v (profile, effective_from, source, child_in_need_plan)
 WHERE t.shipped AND t.profile = v.profile AND t.effective_from = v.effective_from::date;
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;

/* The other functions a trigger or a report calls per row, in C too. */
CREATE OR REPLACE FUNCTION cpconf.prebirth_conference_due(expected_delivery date DEFAULT NULL,
                                               gestation_weeks integer DEFAULT NULL,
                                               gestation_on date DEFAULT NULL,
                                               profile text DEFAULT NULL, as_of date DEFAULT NULL,
                                               OUT not_before date, OUT due date)
RETURNS record
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_prebirth_conference_due';

DROP FUNCTION cpconf.inquorate_conference(date, text, boolean, boolean, boolean, boolean, boolean);
CREATE FUNCTION cpconf.inquorate_conference(conference date, profile text DEFAULT NULL,
                                            sufficient_information boolean DEFAULT NULL,
                                            delay_harmful boolean DEFAULT NULL,
                                            no_contact_with_3_agencies boolean DEFAULT NULL,
                                            social_care_and_one_agency boolean DEFAULT NULL,
                                            local_difficulties boolean DEFAULT NULL,
                                            kind text DEFAULT NULL,
                                            OUT may_proceed boolean, OUT reason text,
                                            OUT must_follow text[], OUT new_date_due date)
RETURNS record
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_inquorate_conference';
COMMENT ON FUNCTION cpconf.inquorate_conference(date, text, boolean, boolean, boolean, boolean, boolean, text) IS
    'Whether the chair may hold an inquorate conference under the profile (Q-PROCEED) given the recorded grounds (NULL: not recorded, may_proceed NULL when it turns on one), what must follow (Q-PROCEED, Q-CANCEL), and when a conference not held must be reconvened (T-INQUORATE; staffordshire sets that date for an initial conference only, so kind, NULL: not recorded, decides it).';

/* Checks that read other rows take turns (issue 9, F8, F9, F18, F19). */
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

/* Tables that hold shipped rows refuse TRUNCATE. */
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

CREATE TRIGGER profile_truncate BEFORE TRUNCATE ON cpconf.profile
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
CREATE TRIGGER source_document_truncate BEFORE TRUNCATE ON cpconf.source_document
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
CREATE TRIGGER timescale_truncate BEFORE TRUNCATE ON cpconf.timescale
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
CREATE TRIGGER conference_rule_truncate BEFORE TRUNCATE ON cpconf.conference_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
CREATE TRIGGER discontinuation_rule_truncate BEFORE TRUNCATE ON cpconf.discontinuation_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();

CREATE OR REPLACE FUNCTION cpconf.conference_rule_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    grounds text[] := ARRAY['sufficient_information', 'delay_harmful', 'no_contact_with_3_agencies',
                            'social_care_and_one_agency', 'local_difficulties'];
    follows text[] := ARRAY['early_review', 'consider_early_review', 'interim_safety_plan',
                            'early_initial_conference', 'interim_plan_or_plan_review', 'new_date', 'reconvene'];
    folded text;
    legacy boolean;
    original text;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'conference rules of profile "%" are shipped with cpconf and cannot be changed', OLD.profile
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Shipped rules are the partnerships'' procedures as published, with their sources.',
                  HINT = 'Add a profile of your own with this one as its parent, and your row there: it takes precedence over the inherited one wherever its effective dates apply.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped conference rules'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the rules that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    IF NEW.quorum_qualifies NOT IN ('direct_contact', 's47_contribution', 'family_contact') THEN
        RAISE EXCEPTION 'conference rules of profile "%" have unknown quorum_qualifies "%"', NEW.profile, NEW.quorum_qualifies
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule Q-MIN counts agencies that had direct contact with each child, with the child and family, or that contributed to the section 47 enquiry.',
                  HINT = 'Use direct_contact, family_contact or s47_contribution.';
    END IF;
    -- 0.4's column was boolean: a council's script, or a 0.4 dump, writing
    -- it as PostgreSQL writes or reads a boolean keeps its meaning (true:
    -- always, false: never); a label is forgiven case and spacing.
    -- spacing: any white space, no-break and zero-width spaces too
    folded := lower(btrim(regexp_replace(NEW.health_services_separately, '[[:space:]' || chr(160) || chr(8203) || ']+', ' ', 'g')));
    BEGIN
        legacy := folded::boolean;     -- every spelling PostgreSQL reads as a boolean
    EXCEPTION WHEN invalid_text_representation THEN
        legacy := NULL;
    END;
    original := NEW.health_services_separately;
    NEW.health_services_separately := CASE legacy WHEN true THEN 'always' WHEN false THEN 'never'
                                                  ELSE translate(folded, ' -', '__') END;
    IF NEW.health_services_separately NOT IN ('never', 'always', 'as_chair_judges') THEN
        RAISE EXCEPTION 'conference rules of profile "%" have unknown health_services_separately "%"', NEW.profile, original
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule Q-MIN: different health services count as separate agencies never, always, or as the chair judges.',
                  HINT = 'Use never, always or as_chair_judges.';
    END IF;
    IF NEW.decision NOT IN ('majority', 'agencies_then_chair', 'chair') THEN
        RAISE EXCEPTION 'conference rules of profile "%" have unknown decision method "%"', NEW.profile, NEW.decision
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule D-DECIDE: a multi-agency majority, the agencies then the chair on a split, or the chair.',
                  HINT = 'Use majority, agencies_then_chair or chair.';
    END IF;
    IF NEW.multiple_categories NOT IN ('allowed', 'justified', 'never', 'not_all_eventualities', 'by_consensus') THEN
        RAISE EXCEPTION 'conference rules of profile "%" have unknown multiple_categories "%"', NEW.profile, NEW.multiple_categories
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule D-CATEGORY: several categories allowed, allowed when justified, when each reaches the threshold (not_all_eventualities), only as the agencies agree (by_consensus), or never.',
                  HINT = 'Use allowed, justified, not_all_eventualities, by_consensus or never.';
    END IF;
    IF NEW.child_participation IS NOT NULL AND NEW.child_participation NOT IN ('invited_over', 'offered_from', 'considered_from')
       OR (NEW.child_participation IS NULL) <> (NEW.child_participation_age IS NULL) THEN
        RAISE EXCEPTION 'conference rules of profile "%" have child_participation % with age %', NEW.profile,
                        coalesce('"' || NEW.child_participation || '"', 'NULL'), coalesce(NEW.child_participation_age::text, 'NULL')
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule P-CHILD-AGE: a child older than the age is invited (invited_over), or from that birthday offered the chance to take part (offered_from) or considered for it (considered_from).',
                  HINT = 'Use invited_over, offered_from or considered_from with an age, or both NULL.';
    END IF;
    IF NEW.icpc_delay NOT IN ('reasons', 'written_agreement') THEN
        RAISE EXCEPTION 'conference rules of profile "%" have unknown icpc_delay "%"', NEW.profile, NEW.icpc_delay
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule T-ICPC: a late initial conference needs its reasons reported (reasons) or a manager''s written agreement (written_agreement).',
                  HINT = 'Use reasons, written_agreement or NULL.';
    END IF;
    IF NEW.child_participation_age < 0 OR NEW.advocacy_over_age < 0 THEN
        RAISE EXCEPTION 'conference rules of profile "%" have a negative age', NEW.profile
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule P-CHILD-AGE counts a child''s age in years.',
                  HINT = 'Use 0 or more, or NULL for no rule.';
    END IF;
    IF NEW.quorum_agencies < 1 OR NEW.gp_report_over_age < 0 THEN
        RAISE EXCEPTION 'conference rules of profile "%" need a quorum of at least 1 agency and a GP age of 0 or more', NEW.profile
            USING ERRCODE = 'check_violation',
                  DETAIL = 'quorum_agencies counts the agencies, children''s social care included, that make a conference quorate (rule Q-MIN).',
                  HINT = 'Set quorum_agencies to 1 or more (3 in every shipped profile).';
    END IF;
    IF NOT (coalesce(NEW.proceed_requires, '{}') || coalesce(NEW.proceed_any_of, '{}')) <@ grounds THEN
        RAISE EXCEPTION 'conference rules of profile "%" name an unknown ground for proceeding', NEW.profile
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule Q-PROCEED lists the grounds on which a chair may hold an inquorate conference.',
                  HINT = format('Use: %s.', array_to_string(grounds, ', '));
    END IF;
    IF NOT (coalesce(NEW.proceed_then, '{}') || coalesce(NEW.cancel_then, '{}')) <@ follows THEN
        RAISE EXCEPTION 'conference rules of profile "%" name an unknown follow-up', NEW.profile
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rules Q-PROCEED and Q-CANCEL say what must follow an inquorate conference.',
                  HINT = format('Use: %s.', array_to_string(follows, ', '));
    END IF;
    IF NEW.effective_to IS NOT NULL AND NEW.effective_to <= NEW.effective_from THEN
        RAISE EXCEPTION 'conference rules of profile "%" end (%) before they start (%)', NEW.profile,
                        NEW.effective_to, NEW.effective_from
            USING ERRCODE = 'check_violation',
                  DETAIL = 'effective_to is the first day the row is no longer in force.',
                  HINT = 'Make effective_to later than effective_from, or NULL if still in force.';
    END IF;
    PERFORM cpconf.council_profile_check('conference rules', NEW.profile, to_jsonb(OLD), to_jsonb(NEW));
    -- Two writers could each miss the other's overlapping row: the
    -- statement took the configuration's turn first (conference_rule_turn).
    IF EXISTS (SELECT FROM cpconf.conference_rule r
                WHERE r.profile = NEW.profile AND NOT r.shipped
                  AND (TG_OP = 'INSERT' OR (r.profile, r.effective_from) <> (OLD.profile, OLD.effective_from))
                  AND daterange(r.effective_from, r.effective_to) && daterange(NEW.effective_from, NEW.effective_to)) THEN
        RAISE EXCEPTION 'profile "%" already has conference rules in force from % %', NEW.profile,
                        NEW.effective_from, coalesce('to ' || NEW.effective_to, 'on')
            USING ERRCODE = 'exclusion_violation',
                  DETAIL = 'One profile has one set of conference rules on any day.',
                  HINT = 'End the earlier row (set its effective_to) where the new one starts.';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION cpconf.discontinuation_rule_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'discontinuation rules of profile "%" are shipped with cpconf and cannot be changed', OLD.profile
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Shipped rules are the partnerships'' procedures as published, with their sources.',
                  HINT = 'Add a profile of your own with this one as its parent, and your row there: it takes precedence over the inherited one wherever its effective dates apply.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped discontinuation rules'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the rules that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    IF NEW.open_actions NOT IN ('refuse', 'rationale', 'not_stated')
       OR NEW.first_review NOT IN ('any', 'listed_or_unsubstantiated', 'exceptional') THEN
        RAISE EXCEPTION 'discontinuation rules of profile "%" have an unknown open_actions or first_review value', NEW.profile
            USING ERRCODE = 'check_violation',
                  DETAIL = 'X-ACTIONS: refuse, rationale or not_stated; X-FIRST-REVIEW: any, listed_or_unsubstantiated or exceptional.',
                  HINT = 'Use one of the values listed.';
    END IF;
    IF NEW.cin_plan_closure NOT IN ('review_and_consensus', 'review_early_by_consensus') THEN
        RAISE EXCEPTION 'discontinuation rules of profile "%" have unknown cin_plan_closure "%"', NEW.profile, NEW.cin_plan_closure
            USING ERRCODE = 'check_violation',
                  DETAIL = 'T-CIN-AFTER: the child in need plan closes after a review with consensus, or after a review and early only by consensus.',
                  HINT = 'Use review_and_consensus, review_early_by_consensus or NULL.';
    END IF;
    IF NOT (NEW.manager_grounds::text[] <@ NEW.grounds::text[]) THEN
        RAISE EXCEPTION 'discontinuation rules of profile "%" let a manager end a plan on a ground that is not allowed', NEW.profile
            USING ERRCODE = 'check_violation',
                  DETAIL = 'X-FORUM: manager_grounds must be among grounds.',
                  HINT = 'Add the ground to grounds, or remove it from manager_grounds.';
    END IF;
    IF NEW.effective_to IS NOT NULL AND NEW.effective_to <= NEW.effective_from THEN
        RAISE EXCEPTION 'discontinuation rules of profile "%" end (%) before they start (%)', NEW.profile,
                        NEW.effective_to, NEW.effective_from
            USING ERRCODE = 'check_violation',
                  DETAIL = 'effective_to is the first day the row is no longer in force.',
                  HINT = 'Make effective_to later than effective_from, or NULL if still in force.';
    END IF;
    PERFORM cpconf.council_profile_check('discontinuation rules', NEW.profile, to_jsonb(OLD), to_jsonb(NEW));
    -- Two writers could each miss the other's overlapping row: the
    -- statement took the configuration's turn first (discontinuation_rule_turn).
    IF EXISTS (SELECT FROM cpconf.discontinuation_rule r
                WHERE r.profile = NEW.profile AND NOT r.shipped
                  AND (TG_OP = 'INSERT' OR (r.profile, r.effective_from) <> (OLD.profile, OLD.effective_from))
                  AND daterange(r.effective_from, r.effective_to) && daterange(NEW.effective_from, NEW.effective_to)) THEN
        RAISE EXCEPTION 'profile "%" already has discontinuation rules in force from % %', NEW.profile,
                        NEW.effective_from, coalesce('to ' || NEW.effective_to, 'on')
            USING ERRCODE = 'exclusion_violation',
                  DETAIL = 'One profile has one set of discontinuation rules on any day.',
                  HINT = 'End the earlier row (set its effective_to) where the new one starts.';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION cpconf.profile_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ancestor text;
    passed text[] := '{}';
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'profile "%" is shipped with cpconf and cannot be changed', OLD.name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Shipped profiles are the partnerships'' procedures as published; an upgrade of cpconf replaces them.',
                  HINT = 'Add a profile of your own with this one as its parent, and state your rules there.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped profiles'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the profiles that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    IF NEW.name !~ '^[a-z0-9]+(-[a-z0-9]+)*$' THEN
        RAISE EXCEPTION 'profile name "%" is not lower-case words joined by hyphens', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Profile names are looked up exactly, so they are kept to one simple form.',
                  HINT = 'Use a name like staffordshire-council.';
    END IF;
    IF NEW.parent IS NULL THEN
        RAISE EXCEPTION 'profile "%" needs a parent', NEW.name
            USING ERRCODE = 'not_null_violation',
                  DETAIL = 'Every profile but national inherits the rules it does not state.',
                  HINT = 'Use the partnership whose procedure yours follows, or national.';
    END IF;
    -- Writers of parents go one at a time (the statement took the
    -- configuration's turn first, profile_turn), so that two cannot close a
    -- loop together.  However deep the chain, it ends, or comes back to this
    -- profile (a loop), or to one already passed (a loop above it).
    ancestor := NEW.parent;
    WHILE ancestor IS NOT NULL LOOP
        IF ancestor = NEW.name THEN
            RAISE EXCEPTION 'profile "%" would inherit from itself', NEW.name
                USING ERRCODE = 'invalid_recursion',
                      DETAIL = format('Its parent chain leads back to it through "%s".', NEW.parent),
                      HINT = 'Choose a parent that does not descend from this profile.';
        END IF;
        IF ancestor = ANY (passed) THEN
            RAISE EXCEPTION 'the parent chain of profile "%" loops through "%"', NEW.name, ancestor
                USING ERRCODE = 'invalid_recursion',
                      DETAIL = 'Profiles above it inherit from each other.',
                      HINT = format('Give "%s" or a profile it inherits from another parent.', ancestor);
        END IF;
        passed := passed || ancestor;
        SELECT p.parent INTO ancestor FROM cpconf.profile p WHERE p.name = ancestor;
    END LOOP;
    RETURN NEW;
END
$$;

/*
 * References between configuration tables are kept by triggers instead of
 * foreign keys (issue 9, F6: pg_restore -j loaded the tables' data at the
 * same time and lost the council's rows; F19: a council calendar a profile
 * used could be deleted or renamed).  A renamed profile or calendar no
 * longer carries its rules along: renaming one that rows name is refused.
 */
ALTER TABLE cpconf.closure_day DROP CONSTRAINT closure_day_calendar_fkey;
ALTER TABLE cpconf.profile DROP CONSTRAINT profile_parent_fkey;
ALTER TABLE cpconf.timescale DROP CONSTRAINT timescale_profile_fkey;
ALTER TABLE cpconf.conference_rule DROP CONSTRAINT conference_rule_profile_fkey;
ALTER TABLE cpconf.discontinuation_rule DROP CONSTRAINT discontinuation_rule_profile_fkey;
COMMENT ON COLUMN cpconf.closure_day.calendar IS 'The council calendar (cpconf.council_calendar) it closes.';
CREATE TRIGGER council_calendar_truncate_closure_day AFTER TRUNCATE ON cpconf.council_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.reference_kept_truncate('closure_day', 'calendar', 'council_calendar');
CREATE TRIGGER council_calendar_truncate_profile AFTER TRUNCATE ON cpconf.council_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.reference_kept_truncate('profile', 'calendar', 'calendars');
CREATE TRIGGER closure_day_names_calendar AFTER INSERT OR UPDATE ON cpconf.closure_day
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('calendar', 'council_calendar', 'council calendar', 'closure day %s', 'day');
CREATE TRIGGER council_calendar_named_by_closure_day AFTER UPDATE OR DELETE ON cpconf.council_calendar
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('closure_day', 'calendar');
CREATE TRIGGER profile_names_parent AFTER INSERT OR UPDATE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('parent', 'profile', 'parent', 'profile "%s"', 'name');
CREATE TRIGGER profile_names_calendar AFTER INSERT OR UPDATE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('calendar', 'calendars', 'calendar', 'profile "%s"', 'name');
CREATE TRIGGER council_calendar_named_by_profile AFTER UPDATE OR DELETE ON cpconf.council_calendar
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('profile', 'calendar');
CREATE TRIGGER profile_named_by_profile AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('profile', 'parent');
CREATE TRIGGER timescale_names_profile AFTER INSERT OR UPDATE ON cpconf.timescale
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('profile', 'profile', 'profile', 'rule %s', 'rule');
CREATE TRIGGER profile_named_by_timescale AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('timescale', 'profile');
CREATE TRIGGER conference_rule_names_profile AFTER INSERT OR UPDATE ON cpconf.conference_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('profile', 'profile', 'profile', 'conference rule row from %s', 'effective_from');
CREATE TRIGGER profile_named_by_conference_rule AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('conference_rule', 'profile');
CREATE TRIGGER discontinuation_rule_names_profile AFTER INSERT OR UPDATE ON cpconf.discontinuation_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('profile', 'profile', 'profile', 'discontinuation rule row from %s', 'effective_from');
CREATE TRIGGER profile_named_by_discontinuation_rule AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('discontinuation_rule', 'profile');

-- The sector a name stands for in attendance (social_care, CSC, police,
-- ...), or NULL for any other name.
CREATE FUNCTION cpconf.sector_named(name text)
RETURNS cpconf.sector
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN name::cpconf.sector;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.sector_named(text) IS
    'The sector a name stands for in attendance (a sector''s name or alias, in any case), or NULL for any other name.';

CREATE OR REPLACE FUNCTION cpconf.agency_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    named_sector cpconf.sector;
BEGIN
    IF btrim(NEW.name) = '' THEN
        RAISE EXCEPTION 'agency name is empty'
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Attendance rows name their agency as the council records it (rule Q-MIN).',
                  HINT = 'Give the agency or role name as it appears in the council''s records.';
    END IF;
    -- A sector's name, or GP, already stands for itself in attendance: a row
    -- may not give it another meaning for every conference.  0.4 let such
    -- rows in: a restore keeps them (cpconf.configuration_problems lists
    -- them).
    IF cpconf.loading_dump() THEN
        RETURN NEW;
    END IF;
    named_sector := cpconf.sector_named(NEW.name);
    IF named_sector IS NOT NULL AND named_sector OPERATOR(cpconf.<>) NEW.sector THEN
        RAISE EXCEPTION 'agency "%" is the name of sector %, not %', NEW.name, named_sector, NEW.sector
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Attendance recorded as a sector''s name counts for that sector (rule Q-MIN).',
                  HINT = 'Use the sector itself, or name the agency as the council records it.';
    END IF;
    IF lower(btrim(NEW.name, E' \t')) = 'gp' AND NOT (NEW.gp AND NEW.sector OPERATOR(cpconf.=) 'health'::cpconf.sector) THEN
        RAISE EXCEPTION 'agency "%" must be a GP in health', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Attendance recorded as GP is a general practitioner (rule Q-GP).',
                  HINT = 'Set sector to health and gp to true, or use another name.';
    END IF;
    IF NEW.gp AND NEW.sector OPERATOR(cpconf.<>) 'health'::cpconf.sector THEN
        RAISE EXCEPTION 'agency "%" is a GP but not in health', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule Q-GP lets a GP''s report stand for health.',
                  HINT = 'Set sector to health, or gp to false.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION cpconf.agency_check() IS 'Trigger: rejects an empty agency name, a GP outside health, and a sector''s name or GP given another meaning.';

CREATE OR REPLACE FUNCTION cpconf.closure_day_check()
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

COMMENT ON FUNCTION cpconf.profile_check() IS
    'Trigger: keeps shipped profiles unchanged and rejects a badly named profile, one without a parent, or one that would inherit from itself; profile_names_parent and profile_names_calendar check what it names.';

COMMENT ON FUNCTION cpconf.closure_day_check() IS
    'Trigger: rejects a closure day on a weekend or out of range; closure_day_names_calendar checks its calendar.';

/*
 * A council states its own rules on a profile of its own: a row on a shipped
 * profile would change a partnership's published procedure for everyone who
 * names it (issue 9, F17).  Rows kept from before 0.5 stay, and a restore
 * brings them back; they can be changed and deleted.
 */
CREATE FUNCTION cpconf.council_profile_check(referrer text, profile text, old_row jsonb, new_row jsonb)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kept boolean := old_row ->> 'profile' IS NOT DISTINCT FROM profile;
BEGIN
    IF cpconf.loading_dump()
       OR NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = profile AND p.shipped) THEN
        RETURN;
    END IF;
    -- a row kept from 0.4 may be ended earlier (or deleted), nothing else
    IF kept AND new_row - 'effective_to' = old_row - 'effective_to'
       AND coalesce((new_row ->> 'effective_to')::date, 'infinity') <= coalesce((old_row ->> 'effective_to')::date, 'infinity') THEN
        RETURN;
    END IF;
    RAISE EXCEPTION '% %', referrer,
          CASE WHEN kept THEN format('of shipped profile "%s" can only be ended or deleted', profile)
               ELSE format('cannot be added to shipped profile "%s"', profile) END
        USING ERRCODE = 'insufficient_privilege',
              DETAIL = 'A shipped profile is a partnership''s procedure as published: a council''s row on it would change that procedure for everyone who names the profile.'
                       || CASE WHEN kept THEN ' cpconf 0.4 accepted this row; 0.5 keeps it, but lets it only be ended or deleted.' ELSE '' END,
              HINT = format('Add a profile of your own with %s as its parent, state the rule there, and name your profile (or set cpconf.profile to it).', profile);
END
$$;
COMMENT ON FUNCTION cpconf.council_profile_check(text, text, jsonb, jsonb) IS
    'For the rule tables'' triggers: refuses a council''s row (referrer) on a shipped profile, and any change but an earlier end to one kept from 0.4, except while a dump is loaded.';


/* timestamptz: an event's day in England (issue 9, F27). */
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

CREATE FUNCTION cpconf.deadline(rule text, anchor timestamptz, profile text DEFAULT NULL, as_of timestamptz DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_deadline_ts';

COMMENT ON FUNCTION cpconf.deadline(text, timestamptz, text, timestamptz) IS
    'deadline of the days in England (Europe/London) of the times; a midnight in the session''s time zone that is another day in England is refused (22023).';

-- One turn for every statement that writes the configuration (issue 9, F8).
CREATE TRIGGER holiday_override_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.holiday_override
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER council_calendar_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.council_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER closure_day_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.closure_day
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER source_document_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.source_document
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER profile_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.profile
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER timescale_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.timescale
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER agency_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.agency
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER conference_rule_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.conference_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER discontinuation_rule_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.discontinuation_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();

-- Derby and Derbyshire's procedure is dated 9 September 2024 ("Last
-- Updated: September 9, 2024", v26): its rows start that day, not on the
-- 1st (issue 10).
ALTER TABLE cpconf.timescale DISABLE TRIGGER timescale_check;
UPDATE cpconf.timescale SET effective_from = '2024-09-09'
 WHERE shipped AND profile IN ('derby', 'derbyshire') AND effective_from = '2024-09-01';
-- Anchors the audit corrected (issue 10): T-ICPC-PLO counts from the
-- strategy discussion; Darlington's T-ICPC from the discussion that began
-- the enquiry, not the last; its chair's complaint steps from the chair's
-- receipt after escalation.  Derby gives the outline plan to all at the end
-- of every conference (T-DECISION-OUTLINE).
UPDATE cpconf.timescale t SET anchor = v.anchor, note = v.note, source = v.source
  FROM (SELECT * FROM (VALUES
  ('derby', 'T-ICPC-PLO', 'initial conference for a child in proceedings without an order or under the Public Law Outline', 'strategy discussion at which the section 47 enquiries were initiated', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 3, beginning "In these cases, it is important for there to"', 'unit and start not stated ("the 15 day timeframe"): read as T-ICPC''s 15 working days from the strategy discussion (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within")'),
  ('derbyshire', 'T-ICPC-PLO', 'initial conference for a child in proceedings without an order or under the Public Law Outline', 'strategy discussion at which the section 47 enquiries were initiated', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 3, beginning "In these cases, it is important for there to"', 'unit and start not stated ("the 15 day timeframe"): read as T-ICPC''s 15 working days from the strategy discussion (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within")'),
  ('darlington', 'T-ICPC', 'initial child protection conference held', 'the strategy discussion at which the section 47 enquiry was initiated, where more than one took place', 15, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 4', 'a delay needs the team manager''s written agreement with reasons (Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 5)'),
  ('darlington', 'T-COMPLAINT-ACK', 'independent chair acknowledges the complaint', 'the Independent Chair''s receipt of the complaint, after escalation', 5, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 1', NULL),
  ('darlington', 'T-COMPLAINT-CONSIDER', 'independent chair considers the documents', 'the Independent Chair''s receipt of the complaint, after escalation', 15, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 2', NULL),
  ('darlington', 'T-COMPLAINT-RESPOND', 'independent chair''s written response', 'the Independent Chair''s receipt of the complaint, after escalation', 30, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 3', NULL),
  ('derby', 'T-DECISION', 'decision, outline and recommendation on the local authority system', 'conference', 24, 'hours', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 4, beginning "In Derby City, all participants to conference will leave"', 'the outline plan itself is given to all attendees at the end of the conference: T-DECISION-OUTLINE')
       ) AS x (p, r, w, a, n, u, d, f, s, note)) AS v (profile, rule, what, anchor, amount, unit, direction, effective_from, source, note)
 WHERE t.shipped AND t.profile = v.profile AND t.rule = v.rule;
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source, note, shipped)
SELECT p, r, w, a, n, u, d, f::date, s, x, true FROM (VALUES
  ('derby', 'T-DECISION-OUTLINE', 'outline plan (decision, outline and recommendation) given to all attendees, the parents and carers included', 'conference', 0, 'calendar_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 5, beginning "In Derby City the outline plan, approved by the"', 'at the end of every conference: the same day')
) AS v (p, r, w, a, n, u, d, f, s, x);
ALTER TABLE cpconf.timescale ENABLE TRIGGER timescale_check;
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule SET effective_from = '2024-09-09'
 WHERE shipped AND profile IN ('derby', 'derbyshire') AND effective_from = '2024-09-01';
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET effective_from = '2024-09-09'
 WHERE shipped AND profile IN ('derby', 'derbyshire') AND effective_from = '2024-09-01';
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;

-- Visiting arrangements in a new plan are required only where the
-- procedure says so (D-PLAN: derby, derbyshire, staffordshire; issue 10).
-- A council's row keeps 0.4's requirement.
ALTER TABLE cpconf.conference_rule ADD COLUMN visiting_arrangements boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN cpconf.conference_rule.visiting_arrangements IS 'D-PLAN: a new plan must set out the professional visiting arrangements (derby, derbyshire, staffordshire); true for a council''s row unless it says otherwise.';
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule SET visiting_arrangements = false
 WHERE shipped AND profile IN ('national', 'darlington', 'sussex');
UPDATE cpconf.conference_rule r SET source = v.source
  FROM (VALUES ('staffordshire', 'Q-MIN Staffordshire SCB 2018, "Quoracy", para 1 to para 2; Q-PROCEED Staffordshire SCB 2018, "Quoracy", para 4; D-DECIDE Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 6; D-CATEGORY Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 1; D-LEAD Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 2; D-PLAN Staffordshire SCB 2018, "The Initial/Review Child Protection Conference", para 7'),
              ('derby', 'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"'),
              ('derbyshire', 'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"')) AS v (profile, source)
 WHERE r.shipped AND r.profile = v.profile;
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;

-- X-MOVED in Darlington: the full risk assessment in the new situation is
-- a duty of the receiving council's transfer conference, not a condition of
-- the originating council's ending (issue 10).
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET moved_needs_risk_assessment = false, source = 'X-FORUM Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-MOVED Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-FIRST-REVIEW Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 12 to para 14; X-NOTIFY Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 2; X-DIED Darlington SCB 2017, "Child Protection Conference > Death of a Child Subject to a Child Protection Plan – CDOP Procedures", para 1; looked_after Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan > Children with child protection plans who become looked after", para 3'
 WHERE shipped AND profile = 'darlington';
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;

-- Darlington ends a plan on looked_after only where no return home is
-- foreseen (issue 10); a council's row keeps 0.4's reading.
ALTER TABLE cpconf.discontinuation_rule ADD COLUMN looked_after_no_return_home boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN cpconf.discontinuation_rule.looked_after_no_return_home IS 'X-GROUNDS: a plan ends on looked_after only where no return home is foreseen (darlington).';
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET looked_after_no_return_home = true WHERE shipped AND profile = 'darlington';
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;

-- Q-MIN: Darlington (and national and Sussex, which follow its common
-- practice) count agencies with direct contact with the child and family,
-- not with each child (issue 10).
ALTER TABLE cpconf.conference_rule DROP CONSTRAINT conference_rule_qualifies;
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_qualifies
    CHECK (quorum_qualifies IN ('direct_contact', 's47_contribution', 'family_contact'));
COMMENT ON COLUMN cpconf.conference_rule.quorum_qualifies IS 'Q-MIN: an agency counts when it had direct contact with each child (direct_contact), with the child and family, for every child of the conference (family_contact), or contributed to the section 47 enquiry (s47_contribution); children''s social care always qualifies.';
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule SET quorum_qualifies = 'family_contact'
 WHERE shipped AND profile IN ('national', 'darlington', 'sussex');
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;

-- D-CATEGORY in Darlington: several categories, but not "to cover all
-- eventualities" (issue 10).
ALTER TABLE cpconf.conference_rule DROP CONSTRAINT conference_rule_categories;
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_categories
    CHECK (multiple_categories IN ('allowed', 'justified', 'never', 'not_all_eventualities'));
COMMENT ON COLUMN cpconf.conference_rule.multiple_categories IS 'D-CATEGORY: allowed, justified (each meets the threshold and a risk would otherwise be underestimated), not_all_eventualities (each meets the threshold: several are not used to cover all eventualities) or never.';
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule SET multiple_categories = 'not_all_eventualities' WHERE shipped AND profile = 'darlington';
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;

-- Sussex's X-MOVED is the second bullet of the discontinuing passage (the
-- move), not the first (issue 10).
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET source = 'X-FORUM Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 1 to para 1, bullet 2; X-MOVED Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 2; X-NOTIFY Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 2'
 WHERE shipped AND profile = 'sussex';
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;

-- Staffordshire's review timescales are stated in its introduction; the
-- passage on children moving in only applies them after a receiving-in
-- conference (issue 10, sources).
ALTER TABLE cpconf.timescale DISABLE TRIGGER timescale_check;
UPDATE cpconf.timescale t SET source = v.s
  FROM (VALUES
  ('staffordshire', 'T-RCPC1', 'first review conference held', 'initial or receiving-in conference', 3, 'months', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Introduction", para 6, the sentence beginning "The first review child protection conference must take place within"; after a receiving-in conference, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 2', NULL),
  ('staffordshire', 'T-RCPCN', 'next review conference held', 'previous review conference', 6, 'months', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Introduction", para 6, the sentence beginning "The first review child protection conference must take place within"', NULL)
       ) AS v (p, r, w, a, n, u, d, f, s, x)
 WHERE t.shipped AND t.profile = v.p AND t.rule = v.r;
ALTER TABLE cpconf.timescale ENABLE TRIGGER timescale_check;

-- Sussex's support after a plan ends, as the procedure words it (issue 10).
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET child_in_need_plan = 'consider a multi-agency meeting after the plan ends to develop "a suitable C Plan" (so written: a child in need plan) to support the child''s health and development, reviewed regularly (Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 5)'
 WHERE shipped AND profile = 'sussex';
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;

-- Rules that apply at one kind of conference, and the chair's judgement
-- (issue 10): Staffordshire's health services "may" count apart, as the
-- chair judges; its chair fixes a single category when the agencies cannot
-- agree; Derby's GP report counts at the initial conference only, and
-- Staffordshire's new date for an inquorate conference is for an initial
-- conference only.  A council's 0.4 row keeps its reading (true: always).
ALTER TABLE cpconf.conference_rule ALTER COLUMN health_services_separately TYPE text
    USING CASE WHEN health_services_separately THEN 'always' ELSE 'never' END;
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_health_services
    CHECK (health_services_separately IN ('never', 'always', 'as_chair_judges'));
ALTER TABLE cpconf.conference_rule ADD COLUMN gp_report_initial_only boolean NOT NULL DEFAULT false;
ALTER TABLE cpconf.conference_rule ADD COLUMN reconvene_initial_only boolean NOT NULL DEFAULT false;
ALTER TABLE cpconf.conference_rule DROP CONSTRAINT conference_rule_categories;
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_categories
    CHECK (multiple_categories IN ('allowed', 'justified', 'never', 'not_all_eventualities', 'by_consensus'));
COMMENT ON COLUMN cpconf.conference_rule.health_services_separately IS 'Q-MIN: whether different health services count as separate agencies: never, always, or as_chair_judges (staffordshire: they "may"; the fact health_services_separate of cpconf.quoracy).';
COMMENT ON COLUMN cpconf.conference_rule.gp_report_initial_only IS 'Q-GP: only at an initial conference (derby, derbyshire); a pre-birth conference is an initial one.';
COMMENT ON COLUMN cpconf.conference_rule.reconvene_initial_only IS 'T-INQUORATE: the new date of an inquorate conference not held is set for an initial conference only (staffordshire).';
COMMENT ON COLUMN cpconf.conference_rule.multiple_categories IS 'D-CATEGORY: allowed, justified (each meets the threshold and a risk would otherwise be underestimated), not_all_eventualities (each meets the threshold: several are not used to cover all eventualities), by_consensus (several only as the agencies agree: a chair deciding because they cannot determines a single one) or never.';
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule SET health_services_separately = 'as_chair_judges', multiple_categories = 'by_consensus',
       reconvene_initial_only = true
 WHERE shipped AND profile = 'staffordshire';
UPDATE cpconf.conference_rule SET gp_report_initial_only = true WHERE shipped AND profile IN ('derby', 'derbyshire');
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;

CREATE FUNCTION cpconf.quoracy_step(internal, cpconf.attendance, date, text, text, boolean)
RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_quoracy_step';
COMMENT ON FUNCTION cpconf.quoracy_step(internal, cpconf.attendance, date, text, text, boolean) IS 'quoracy() transition, with the conference''s kind and the chair''s judgement';

CREATE AGGREGATE cpconf.quoracy(attendance cpconf.attendance, conference date, profile text,
                                kind text, health_services_separate boolean) (
    SFUNC = cpconf.quoracy_step, STYPE = internal, SSPACE = 144,
    FINALFUNC = cpconf.quoracy_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE cpconf.quoracy(cpconf.attendance, date, text, text, boolean) IS
    'Quoracy of one conference (rules Q-MIN, Q-GP) from its attendance rows, with the conference''s kind (initial, pre_birth, transfer_in, review; Q-GP applies at an initial conference only under derby and derbyshire) and whether the chair counts health services as separate agencies (staffordshire: they may). NULL: not recorded, and quorate is NULL where it turns on it. Use with GROUP BY the conference.';

CREATE FUNCTION cpconf.quoracy_facts_step(internal, text, text, boolean, boolean, text, date, date, text, text, boolean)
RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_quoracy_facts_step';
COMMENT ON FUNCTION cpconf.quoracy_facts_step(internal, text, text, boolean, boolean, text, date, date, text, text, boolean) IS
    'quoracy() transition, the facts given directly, with the conference''s kind and the chair''s judgement';

CREATE AGGREGATE cpconf.quoracy(agency text, took_part text, direct_contact boolean, contributed_s47 boolean,
                                child text, child_born date, conference date, profile text,
                                kind text, health_services_separate boolean) (
    SFUNC = cpconf.quoracy_facts_step, STYPE = internal, SSPACE = 144,
    FINALFUNC = cpconf.quoracy_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE cpconf.quoracy(text, text, boolean, boolean, text, date, date, text, text, boolean) IS
    'Quoracy of one conference (rules Q-MIN, Q-GP), the facts of each attendance row given directly, with the conference''s kind and whether the chair counts health services as separate agencies (NULL: not recorded). Use with GROUP BY the conference.';

-- Derby and Derbyshire: a looked-after child's plan ends at the *first*
-- looked-after review, or before it when care is stable, after a
-- discussion of the child protection manager, team manager and IRO
-- (issue 10).
ALTER TABLE cpconf.discontinuation_rule ADD COLUMN looked_after_discussion boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN cpconf.discontinuation_rule.looked_after_discussion IS 'X-FORUM: a looked-after child''s plan may end before the first looked-after review, when the child''s status in care is known to be stable, after a discussion of the child protection manager, team manager and independent reviewing officer (derby, derbyshire; forum looked_after_discussion).';
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET looked_after_discussion = true WHERE shipped AND profile IN ('derby', 'derbyshire');
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;

-- Every rule row names its document (cpconf.source_document), as a
-- reference kept by triggers like the rows' profiles (issue 10): each
-- shipped row is read from its profile's procedure.
ALTER TABLE cpconf.timescale ADD COLUMN document text;
ALTER TABLE cpconf.conference_rule ADD COLUMN document text;
ALTER TABLE cpconf.discontinuation_rule ADD COLUMN document text;
COMMENT ON COLUMN cpconf.timescale.document IS 'The document the rule is read from (cpconf.source_document); every shipped row names one, a council''s row may.';
COMMENT ON COLUMN cpconf.conference_rule.document IS 'The document the rules are read from (cpconf.source_document); every shipped row names one, a council''s row may. The source column gives each rule''s section and paragraph.';
COMMENT ON COLUMN cpconf.discontinuation_rule.document IS 'The document the rules are read from (cpconf.source_document); every shipped row names one, a council''s row may. The source column gives each rule''s section and paragraph.';
-- The national rows name Working Together 2018 in their sources too.
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule SET source = 'Q-MIN: Working Together 2018 states no number, so common practice (as Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8); D-DECIDE Working Together 2018 as quoted at Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6, Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5'
 WHERE shipped AND profile = 'national';
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET source = 'X-GROUNDS, X-FORUM, X-MOVED, X-NOTIFY Working Together 2018 as quoted at Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2 to para 2, Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 1 to para 2'
 WHERE shipped AND profile = 'national';
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;
ALTER TABLE cpconf.timescale DISABLE TRIGGER timescale_check;
UPDATE cpconf.timescale t SET document = p.source FROM cpconf.profile p WHERE t.shipped AND p.name = t.profile;
ALTER TABLE cpconf.timescale ENABLE TRIGGER timescale_check;
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule t SET document = p.source FROM cpconf.profile p WHERE t.shipped AND p.name = t.profile;
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule t SET document = p.source FROM cpconf.profile p WHERE t.shipped AND p.name = t.profile;
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;
ALTER TABLE cpconf.timescale ADD CONSTRAINT timescale_shipped_document CHECK (document IS NOT NULL OR NOT shipped);
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_shipped_document CHECK (document IS NOT NULL OR NOT shipped);
ALTER TABLE cpconf.discontinuation_rule ADD CONSTRAINT discontinuation_rule_shipped_document CHECK (document IS NOT NULL OR NOT shipped);
CREATE TRIGGER timescale_names_document AFTER INSERT OR UPDATE ON cpconf.timescale
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('document', 'source_document', 'source document', 'rule %s', 'rule');
CREATE TRIGGER source_document_named_by_timescale AFTER UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('timescale', 'document');
CREATE TRIGGER conference_rule_names_document AFTER INSERT OR UPDATE ON cpconf.conference_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('document', 'source_document', 'source document', 'conference rule row from %s', 'effective_from');
CREATE TRIGGER source_document_named_by_conference_rule AFTER UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('conference_rule', 'document');
CREATE TRIGGER discontinuation_rule_names_document AFTER INSERT OR UPDATE ON cpconf.discontinuation_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('document', 'source_document', 'source document', 'discontinuation rule row from %s', 'effective_from');
CREATE TRIGGER source_document_named_by_discontinuation_rule AFTER UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('discontinuation_rule', 'document');

-- Rules with a number or a checkable condition that 0.4 did not ship
-- (issue 10): the child's and the parents' part in a conference (P-*,
-- Q-VIEWS, Q-REPORT), a late initial conference's justification (T-ICPC),
-- the decision's record (D-WRITTEN, D-ALT-PLAN), Darlington's pre-birth
-- core group (T-CG1-BIRTH) and closing the child in need plan (T-CIN-AFTER).
ALTER TABLE cpconf.conference_rule ADD COLUMN child_participation text;
ALTER TABLE cpconf.conference_rule ADD COLUMN child_participation_age integer;
ALTER TABLE cpconf.conference_rule ADD COLUMN advocacy_over_age integer;
ALTER TABLE cpconf.conference_rule ADD COLUMN exclusion_by_chair boolean NOT NULL DEFAULT false;
ALTER TABLE cpconf.conference_rule ADD COLUMN views_required boolean NOT NULL DEFAULT false;
ALTER TABLE cpconf.conference_rule ADD COLUMN icpc_delay text;
ALTER TABLE cpconf.conference_rule ADD COLUMN decision_in_writing boolean NOT NULL DEFAULT false;
ALTER TABLE cpconf.conference_rule ADD COLUMN alternative_plan boolean NOT NULL DEFAULT false;
ALTER TABLE cpconf.conference_rule ADD COLUMN exclusion_recorded boolean NOT NULL DEFAULT false;
ALTER TABLE cpconf.discontinuation_rule ADD COLUMN cin_plan_closure text;
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_child_participation CHECK (child_participation IN ('invited_over', 'offered_from', 'considered_from') AND child_participation_age >= 0 OR child_participation IS NULL AND child_participation_age IS NULL);
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_advocacy_age CHECK (advocacy_over_age >= 0);
ALTER TABLE cpconf.conference_rule ADD CONSTRAINT conference_rule_icpc_delay CHECK (icpc_delay IN ('reasons', 'written_agreement'));
ALTER TABLE cpconf.discontinuation_rule ADD CONSTRAINT discontinuation_rule_cin_plan_closure CHECK (cin_plan_closure IN ('review_and_consensus', 'review_early_by_consensus'));
COMMENT ON COLUMN cpconf.conference_rule.child_participation IS 'P-CHILD-AGE: invited_over (a child older than child_participation_age is invited unless the social worker and chair agree it is not in the child''s interest: staffordshire), offered_from (from that birthday a child is presumed able to take part and offered it, a rebuttable presumption: derby, derbyshire) or considered_from (from that birthday a child is considered individually, and told what the conference is so that the child''s wish is known: darlington); NULL: no rule.';
COMMENT ON COLUMN cpconf.conference_rule.child_participation_age IS 'P-CHILD-AGE: the age of child_participation, in years (12 in every shipped profile that states it).';
COMMENT ON COLUMN cpconf.conference_rule.advocacy_over_age IS 'P-CHILD-AGE: a child older than this is told of the right to advocacy (staffordshire: 5); NULL: no rule.';
COMMENT ON COLUMN cpconf.conference_rule.exclusion_by_chair IS 'P-EXCLUSION: excluding a parent is the chair''s decision (staffordshire, derby, derbyshire, darlington).';
COMMENT ON COLUMN cpconf.conference_rule.views_required IS 'Q-VIEWS: no conference goes ahead without the views of the child and the parents, given in person, in writing or through an advocate (derby, derbyshire).';
COMMENT ON COLUMN cpconf.conference_rule.icpc_delay IS 'T-ICPC: an initial conference later than its timescale needs its reasons reported to the child protection manager (reasons: derby, derbyshire) or the team manager''s written agreement with the reasons (written_agreement: darlington); NULL: the procedure states nothing.';
COMMENT ON COLUMN cpconf.conference_rule.decision_in_writing IS 'D-WRITTEN: a decision that the child does not need a plan is put in writing to the parents (derby, derbyshire, darlington).';
COMMENT ON COLUMN cpconf.conference_rule.alternative_plan IS 'D-ALT-PLAN: a child at continuing risk of significant harm may be safeguarded by an alternative multi-agency plan instead of a child protection plan, where the conference is satisfied it offers sufficient safeguards (sussex).';
COMMENT ON COLUMN cpconf.conference_rule.exclusion_recorded IS 'P-EXCLUSION: an exclusion is recorded with its grounds, which an exclusion at an earlier conference is not in itself (derby, derbyshire, darlington).';
COMMENT ON COLUMN cpconf.discontinuation_rule.cin_plan_closure IS 'T-CIN-AFTER: when the child in need plan after a plan may close: review_and_consensus (only after a multi-agency review, with the agencies'' consensus: staffordshire), review_early_by_consensus (only after a review; before T-CIN-AFTER-MIN only if all its members agree after the first review: derby, derbyshire); NULL: not stated.';
COMMENT ON COLUMN cpconf.discontinuation_rule.looked_after_review IS 'X-FORUM: a looked-after child''s plan may end at a looked-after review (derby, derbyshire: the forum for deciding whether the plan continues, the first one considering it).';
ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
UPDATE cpconf.conference_rule SET child_participation = 'invited_over', child_participation_age = 12, advocacy_over_age = 5, exclusion_by_chair = true,
       source = 'Q-MIN Staffordshire SCB 2018, "Quoracy", para 1 to para 2; Q-PROCEED, Q-CANCEL, T-INQUORATE Staffordshire SCB 2018, "Quoracy", para 4; D-DECIDE Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 6; D-CATEGORY Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 1; D-LEAD Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 2; D-PLAN Staffordshire SCB 2018, "The Initial/Review Child Protection Conference", para 7; P-CHILD-AGE Staffordshire SCB 2018, "Who should be invited to the Initial/Review Child Protection Conference?", para 1; P-EXCLUSION Staffordshire SCB 2018, "Exclusion of the child, their parents, family members or advocates from part or all of a Child Protection Conference", para 1'
 WHERE shipped AND profile = 'staffordshire';
UPDATE cpconf.conference_rule SET child_participation = 'offered_from', child_participation_age = 12, exclusion_by_chair = true, exclusion_recorded = true, views_required = true, icpc_delay = 'reasons', decision_in_writing = true,
       source = 'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"; P-CHILD-AGE Derby and Derbyshire SCP 2024, "Criteria for presence of child at conference, including direct involvement", para 2, bullet 2; P-EXCLUSION Derby and Derbyshire SCP 2024, the part on excluding parents (in the copy under "Babies and younger children"), para 3, beginning "The conference Chair, or other participants, must be notified", to para 15, beginning "If a decision to exclude a parent is made"; Q-VIEWS Derby and Derbyshire SCP 2024, "Location, timing and safety of conferences", para 1; T-ICPC (delay) Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay"; D-WRITTEN Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 6, beginning "If the conference decides that a child is not likely", to para 7'
 WHERE shipped AND profile = 'derby';
UPDATE cpconf.conference_rule SET child_participation = 'offered_from', child_participation_age = 12, exclusion_by_chair = true, exclusion_recorded = true, views_required = true, icpc_delay = 'reasons', decision_in_writing = true,
       source = 'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"; P-CHILD-AGE Derby and Derbyshire SCP 2024, "Criteria for presence of child at conference, including direct involvement", para 2, bullet 2; P-EXCLUSION Derby and Derbyshire SCP 2024, the part on excluding parents (in the copy under "Babies and younger children"), para 3, beginning "The conference Chair, or other participants, must be notified", to para 15, beginning "If a decision to exclude a parent is made"; Q-VIEWS Derby and Derbyshire SCP 2024, "Location, timing and safety of conferences", para 1; T-ICPC (delay) Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay"; D-WRITTEN Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 6, beginning "If the conference decides that a child is not likely", to para 7'
 WHERE shipped AND profile = 'derbyshire';
UPDATE cpconf.conference_rule SET child_participation = 'considered_from', child_participation_age = 12, exclusion_by_chair = true, exclusion_recorded = true, icpc_delay = 'written_agreement', decision_in_writing = true,
       source = 'Q-MIN Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8; Q-CANCEL Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8 to para 9; Q-PROCEED Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 10 to para 11; D-DECIDE Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6; D-CATEGORY Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference > Category of Abuse", para 3; D-LEAD Darlington SCB 2017, "Child Protection Conference > If a Child is made the subject of a Child Protection Plan", para 2, bullet 2; P-CHILD-AGE Darlington SCB 2017, "Child Protection Conference > Criteria for Presence of Child at Conference", para 2 to para 3; P-EXCLUSION Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 1 to para 11; T-ICPC (delay) Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 5; D-WRITTEN Darlington SCB 2017, "Child Protection Conference > If a Child does not require a Protection Plan", para 3'
 WHERE shipped AND profile = 'darlington';
UPDATE cpconf.conference_rule SET alternative_plan = true,
       source = 'Q-MIN: no number stated in Sussex 7.13 2023, so common practice; D-DECIDE Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5; D-CATEGORY Sussex 7.13 2023, "Categories of Abuse or Neglect", para 3 to para 4; D-LEAD Sussex 7.13 2023, "If a Child has a Child Protection Plan", para 2, bullet 1; D-ALT-PLAN Sussex 7.13 2023, opening text of chapter 7.13, para 6, "If a Child does not have a Child Protection Plan", para 2'
 WHERE shipped AND profile = 'sussex';
ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;
ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
UPDATE cpconf.discontinuation_rule SET cin_plan_closure = 'review_and_consensus',
       source = 'X-FORUM Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 1, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 7; X-MOVED Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 1; X-ACTIONS Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 1; X-NOTIFY Staffordshire SCB 2018, "Child Protection Minutes & Administrative Process", para 3, bullet 5, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 7, "Child who is the Subject of a Child Protection Plan in Staffordshire; who moves to another local authority on a permanent basis", para 6; X-DIED Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 3; T-CIN-AFTER (closing the child in need plan) Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 7'
 WHERE shipped AND profile = 'staffordshire';
UPDATE cpconf.discontinuation_rule SET cin_plan_closure = 'review_early_by_consensus',
       source = 'X-FORUM Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 5, beginning "If a child subject of a Child Protection Plan", "Discontinuing a current Child Protection Plan", para 6 to para 9; X-MOVED Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 2, bullet 3; X-ACTIONS Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 5; X-FIRST-REVIEW Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 3, bullet 1 to para 4; X-SUPERVISION Derby and Derbyshire SCP 2024, the part on supervision orders, para 3, beginning "Children who are subject to a Supervision Order following"; X-NOTIFY Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 10; T-CIN-AFTER (closing the child in need plan) Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13, para 15'
 WHERE shipped AND profile = 'derby';
UPDATE cpconf.discontinuation_rule SET cin_plan_closure = 'review_early_by_consensus',
       source = 'X-FORUM Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 5, beginning "If a child subject of a Child Protection Plan", "Discontinuing a current Child Protection Plan", para 6 to para 9; X-MOVED Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 2, bullet 3; X-ACTIONS Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 5; X-FIRST-REVIEW Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 3, bullet 1 to para 4; X-SUPERVISION Derby and Derbyshire SCP 2024, the part on supervision orders, para 3, beginning "Children who are subject to a Supervision Order following"; X-NOTIFY Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 10; T-CIN-AFTER (closing the child in need plan) Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13, para 15'
 WHERE shipped AND profile = 'derbyshire';
UPDATE cpconf.discontinuation_rule SET source = 'X-FORUM Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-MOVED Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-FIRST-REVIEW Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 12 to para 14; X-NOTIFY Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 2; X-DIED Darlington SCB 2017, "Child Protection Conference > Death of a Child Subject to a Child Protection Plan – CDOP Procedures", para 1; X-GROUNDS Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 1 to para 1, bullet 3, and on looked_after "Child Protection Conference > Discontinuing the Child Protection Plan > Children with child protection plans who become looked after", para 3'
 WHERE shipped AND profile = 'darlington';
ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;
ALTER TABLE cpconf.timescale DISABLE TRIGGER timescale_check;
INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source, note, shipped, document)
SELECT p, r, w, a, n, u, d, f::date, s, x, true, 'Darlington SCB 2017'
  FROM (VALUES
 ('darlington', 'T-CG1-BIRTH', 'first core group after a pre-birth conference held before the birth', 'the child''s birth', 1, 'calendar_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 9', '"expected to meet prior to the birth"')
) AS v (p, r, w, a, n, u, d, f, s, x);
ALTER TABLE cpconf.timescale ENABLE TRIGGER timescale_check;
-- A council's rows from 0.4 state nothing of these rules.  Each takes them
-- from the procedure it stands in for, as in force on its first day: the
-- shipped rows of its own profile (a 0.4 row on a shipped profile replaces
-- them), or else of the nearest shipped profile up its parents, and up from
-- there to the first with a row in force (national before 2018-07-04 has
-- none, and states none of these rules).  Shipped rows only, so the order
-- of the council's rows and the caches do not matter.  The update names
-- the rows it filled, and those it could not.
DO $$
DECLARE
    nc bigint;
    nd bigint;
    named text;
    unfilled text;
BEGIN
    ALTER TABLE cpconf.conference_rule DISABLE TRIGGER conference_rule_check;
    ALTER TABLE cpconf.discontinuation_rule DISABLE TRIGGER discontinuation_rule_check;
    WITH RECURSIVE up (profile, at, depth) AS (
        SELECT p.name, p.name, 0 FROM cpconf.profile p
        UNION ALL
        SELECT up.profile, p.parent, up.depth + 1
          FROM up JOIN cpconf.profile p ON p.name = up.at
         WHERE p.parent IS NOT NULL AND up.depth < 1000
    ), chain AS (
        -- each profile's shipped ancestors (itself first, if shipped), nearest first
        SELECT up.profile, up.at, up.depth FROM up JOIN cpconf.profile s ON s.name = up.at AND s.shipped
    ), pick_c AS (
        SELECT c.profile, c.effective_from, s.*
          FROM cpconf.conference_rule c,
               LATERAL (SELECT r.child_participation AS v1, r.child_participation_age AS v2, r.advocacy_over_age AS v3,
                               r.exclusion_by_chair AS v4, r.exclusion_recorded AS v5, r.views_required AS v6,
                               r.icpc_delay AS v7, r.decision_in_writing AS v8, r.alternative_plan AS v9
                          FROM chain JOIN cpconf.conference_rule r ON r.profile = chain.at AND r.shipped
                         WHERE chain.profile = c.profile AND r.effective_from <= c.effective_from
                           AND (r.effective_to IS NULL OR r.effective_to > c.effective_from)
                         ORDER BY chain.depth LIMIT 1) s
         WHERE NOT c.shipped
    ), pick_d AS (
        SELECT c.profile, c.effective_from, s.*
          FROM cpconf.discontinuation_rule c,
               LATERAL (SELECT r.looked_after_discussion AS v1, r.cin_plan_closure AS v2
                          FROM chain JOIN cpconf.discontinuation_rule r ON r.profile = chain.at AND r.shipped
                         WHERE chain.profile = c.profile AND r.effective_from <= c.effective_from
                           AND (r.effective_to IS NULL OR r.effective_to > c.effective_from)
                         ORDER BY chain.depth LIMIT 1) s
         WHERE NOT c.shipped
    ), fc AS (
        UPDATE cpconf.conference_rule c
           SET (child_participation, child_participation_age, advocacy_over_age, exclusion_by_chair,
                exclusion_recorded, views_required, icpc_delay, decision_in_writing, alternative_plan) =
               (p.v1, p.v2, p.v3, p.v4, p.v5, p.v6, p.v7, p.v8, p.v9)
          FROM pick_c p
         WHERE NOT c.shipped AND c.profile = p.profile AND c.effective_from = p.effective_from
        RETURNING 'conference' AS rules, c.profile, c.effective_from
    ), fd AS (
        UPDATE cpconf.discontinuation_rule c
           SET (looked_after_discussion, cin_plan_closure) = (p.v1, p.v2)
          FROM pick_d p
         WHERE NOT c.shipped AND c.profile = p.profile AND c.effective_from = p.effective_from
        RETURNING 'discontinuation' AS rules, c.profile, c.effective_from
    ), filled AS (
        SELECT f.*, row_number() OVER (PARTITION BY f.rules ORDER BY f.profile, f.effective_from) AS k
          FROM (SELECT * FROM fc UNION ALL SELECT * FROM fd) f
    ), missed AS (
        SELECT 'conference' AS rules, c.profile, c.effective_from FROM cpconf.conference_rule c
         WHERE NOT c.shipped AND NOT EXISTS (SELECT FROM pick_c p WHERE p.profile = c.profile AND p.effective_from = c.effective_from)
        UNION ALL
        SELECT 'discontinuation', c.profile, c.effective_from FROM cpconf.discontinuation_rule c
         WHERE NOT c.shipped AND NOT EXISTS (SELECT FROM pick_d p WHERE p.profile = c.profile AND p.effective_from = c.effective_from)
    )
    SELECT (SELECT count(*) FROM filled WHERE rules = 'conference'), (SELECT count(*) FROM filled WHERE rules = 'discontinuation'),
           (SELECT string_agg(format('%s rules of %L from %s', rules, profile, effective_from), '; ' ORDER BY rules, k)
                     FILTER (WHERE k <= 5)
                   || CASE WHEN max(k) > 5 THEN '; ...' ELSE '' END
              FROM filled),
           (SELECT string_agg(format('%s rules of %L from %s', rules, profile, effective_from), '; '
                              ORDER BY rules, profile, effective_from) FROM missed)
      INTO nc, nd, named, unfilled;
    ALTER TABLE cpconf.conference_rule ENABLE TRIGGER conference_rule_check;
    ALTER TABLE cpconf.discontinuation_rule ENABLE TRIGGER discontinuation_rule_check;
    IF nc + nd > 0 OR unfilled IS NOT NULL THEN
        RAISE WARNING 'cpconf 0.5 gave % council conference rule row(s) and % discontinuation rule row(s) the rules 0.4 did not ship, from the procedure each stands in for: %',
                      nc, nd, coalesce(named, 'none')
            USING DETAIL = 'P-CHILD-AGE, P-EXCLUSION, Q-VIEWS, T-ICPC (delay), D-WRITTEN, D-ALT-PLAN; the looked-after discussion (X-FORUM) and closing the child in need plan (T-CIN-AFTER).'
                           || coalesce(' Left without them (no shipped procedure in force above them on their first day): ' || unfilled || '.', ''),
                  HINT = 'Check those rows (SELECT * FROM cpconf.conference_rule WHERE NOT shipped, and cpconf.discontinuation_rule); change a value where the council''s procedure differs.';
    END IF;
END
$$;
CREATE FUNCTION cpconf.check_participation(conference date, profile text DEFAULT NULL, kind text DEFAULT NULL,
                                           child_born date DEFAULT NULL,
                                           child_invited boolean DEFAULT NULL,
                                           child_not_invited_reason boolean DEFAULT NULL,
                                           child_told_of_advocacy boolean DEFAULT NULL,
                                           parents_invited boolean DEFAULT NULL,
                                           parents_excluded boolean DEFAULT NULL,
                                           exclusion_decided_by_chair boolean DEFAULT NULL,
                                           exclusion_grounds_recorded boolean DEFAULT NULL,
                                           child_views boolean DEFAULT NULL,
                                           parents_views boolean DEFAULT NULL,
                                           agencies_absent_without_report integer DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_participation';
COMMENT ON FUNCTION cpconf.check_participation(date, text, text, date, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, integer) IS
    'Every rule on who takes part in a conference that its record breaks (P-CHILD-AGE: the child invited or offered the chance from an age, told of advocacy; P-PARENTS: the parents invited unless excluded; P-EXCLUSION: an exclusion decided by the chair and recorded with its grounds; Q-VIEWS: not without the child''s and parents'' views; Q-REPORT: an absent invited agency sends a written report), under the profile in force on the conference date; a fact a rule needs and not recorded is reported as such. Empty when all is in order.';

CREATE FUNCTION cpconf.check_icpc_timeliness(strategy_discussion date, held date, profile text DEFAULT NULL,
                                             delay_reasons_recorded boolean DEFAULT NULL,
                                             delay_agreed_in_writing boolean DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_icpc_timeliness';
COMMENT ON FUNCTION cpconf.check_icpc_timeliness(date, date, text, boolean, boolean) IS
    'An initial conference held later than T-ICPC from the strategy discussion at which the section 47 enquiry began (a violation of the timescale), and what the profile requires for a delay: its reasons reported to the child protection manager (derby, derbyshire) or the team manager''s written agreement (darlington). Empty when it was held in time.';

CREATE FUNCTION cpconf.check_decision(conference date, decision text, profile text DEFAULT NULL,
                                      continuing_risk boolean DEFAULT NULL,
                                      alternative_plan boolean DEFAULT NULL,
                                      decision_in_writing boolean DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_decision';
COMMENT ON FUNCTION cpconf.check_decision(date, text, text, boolean, boolean, boolean) IS
    'What a conference''s decision (plan or no_plan) requires under the profile: a decision that no plan is needed put in writing to the parents (D-WRITTEN: derby, derbyshire, darlington); a child at continuing risk of significant harm without a plan safeguarded by an alternative multi-agency plan (D-ALT-PLAN: sussex). Empty when all is in order.';

CREATE FUNCTION cpconf.check_cin_plan_closure(plan_ended date, closed date, profile text DEFAULT NULL,
                                              reviewed boolean DEFAULT NULL, all_agree boolean DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_cin_plan_closure';
COMMENT ON FUNCTION cpconf.check_cin_plan_closure(date, date, text, boolean, boolean) IS
    'Closing the child in need plan that follows a child protection plan (T-CIN-AFTER), under the profile in force when the plan ended: staffordshire only after a multi-agency review with the agencies'' consensus; derby and derbyshire only after a review, and before the minimum (T-CIN-AFTER-MIN, 3 months) only if all its members agree after the first review. Empty when it may close, or the profile states nothing.';

COMMENT ON FUNCTION cpconf.check_plan_start(date, boolean, boolean, integer, date, date, boolean, boolean, boolean, cpconf.abuse_category[], text, date, date) IS
    'Every item a new plan lacks (D-START, D-LEAD, D-PLAN, T-CG1, T-CG1-BIRTH, T-RCPC1, D-CATEGORY): a start (started, when given) on the day of the conference that decided it, and with it no conference recorded (initial_conference NULL) is a D-START finding rather than an error; a qualified lead social worker (or an interim first-line manager where the profile allows), core group members, a contingency plan, an outline plan, visiting arrangements, a first core group and first review in time (after a pre-birth conference, the core group before the birth where the profile says so), a category (several are checked by check_categories). Empty when complete.';

/* ------------------------------------------------------------------------
 * The configuration as a whole.  The triggers keep it whole row by row; a
 * load of part of a dump (pg_restore --data-only -t ...), a superuser's
 * load that stopped half-way, or triggers disabled can leave references to
 * rows that are not there.  This view lists them.
 * ------------------------------------------------------------------------ */
CREATE VIEW cpconf.configuration_problems AS
WITH RECURSIVE up (start, name) AS (
    SELECT p.name, p.parent FROM cpconf.profile p WHERE p.parent IS NOT NULL
    UNION ALL
    SELECT up.start, p.parent FROM up JOIN cpconf.profile p ON p.name = up.name
     WHERE p.parent IS NOT NULL
) CYCLE name SET looped USING path
SELECT 'cpconf.profile' AS relation, p.name AS row_name,
       format('its parent "%s" does not exist', p.parent) AS problem,
       format('Add profile "%s", or give "%s" a parent that exists.', p.parent, p.name) AS remedy
  FROM cpconf.profile p
 WHERE p.parent IS NOT NULL AND NOT EXISTS (SELECT FROM cpconf.profile q WHERE q.name = p.parent)
UNION ALL
SELECT 'cpconf.profile', p.name, format('its calendar "%s" does not exist', p.calendar),
       format('Add council calendar "%s", or set the calendar of "%s" to a known one or NULL.', p.calendar, p.name)
  FROM cpconf.profile p
 WHERE p.calendar IS NOT NULL AND NOT EXISTS (SELECT FROM cpconf.calendars c WHERE c.name = p.calendar)
UNION ALL
SELECT DISTINCT 'cpconf.profile', up.start, 'its parent chain comes back to it',
       'Set the parent of one profile on the loop to a profile outside it.'
  FROM up WHERE up.name = up.start AND NOT up.looped
UNION ALL
SELECT 'cpconf.closure_day', d.calendar || ' ' || d.day, format('its council calendar "%s" does not exist', d.calendar),
       format('Add council calendar "%s", or delete its closure days.', d.calendar)
  FROM cpconf.closure_day d
 WHERE NOT EXISTS (SELECT FROM cpconf.council_calendar c WHERE c.name = d.calendar)
UNION ALL
SELECT r.relation, r.row_name, format('its profile "%s" does not exist', r.profile),
       format('Add profile "%s", or delete the row: it is never used.', r.profile)
  FROM (SELECT 'cpconf.timescale' AS relation, t.profile || ' ' || t.rule || ' from ' || t.effective_from AS row_name, t.profile
          FROM cpconf.timescale t
        UNION ALL
        SELECT 'cpconf.conference_rule', c.profile || ' from ' || c.effective_from, c.profile FROM cpconf.conference_rule c
        UNION ALL
        SELECT 'cpconf.discontinuation_rule', d.profile || ' from ' || d.effective_from, d.profile FROM cpconf.discontinuation_rule d) r
 WHERE NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = r.profile)
UNION ALL
SELECT r.relation, r.row_name, format('its source document "%s" does not exist', r.document),
       format('Add source document "%s", or set the row''s document to a known one.', r.document)
  FROM (SELECT 'cpconf.timescale' AS relation, t.profile || ' ' || t.rule || ' from ' || t.effective_from AS row_name, t.document
          FROM cpconf.timescale t
        UNION ALL
        SELECT 'cpconf.conference_rule', c.profile || ' from ' || c.effective_from, c.document FROM cpconf.conference_rule c
        UNION ALL
        SELECT 'cpconf.discontinuation_rule', d.profile || ' from ' || d.effective_from, d.document FROM cpconf.discontinuation_rule d) r
 WHERE r.document IS NOT NULL AND NOT EXISTS (SELECT FROM cpconf.source_document s WHERE s.name = r.document)
UNION ALL
SELECT r.relation, r.row_name, format('a council row on shipped profile "%s" (kept from cpconf 0.4)', r.profile),
       format('It changes the rule for everyone who names "%s": move it to a profile of your own with "%s" as its parent.', r.profile, r.profile)
  FROM (SELECT 'cpconf.timescale' AS relation, t.profile || ' ' || t.rule || ' from ' || t.effective_from AS row_name, t.profile
          FROM cpconf.timescale t WHERE NOT t.shipped
        UNION ALL
        SELECT 'cpconf.conference_rule', c.profile || ' from ' || c.effective_from, c.profile FROM cpconf.conference_rule c WHERE NOT c.shipped
        UNION ALL
        SELECT 'cpconf.discontinuation_rule', d.profile || ' from ' || d.effective_from, d.profile FROM cpconf.discontinuation_rule d WHERE NOT d.shipped) r
 WHERE EXISTS (SELECT FROM cpconf.profile p WHERE p.name = r.profile AND p.shipped)
UNION ALL
SELECT 'cpconf.agency', a.name, format('named like sector %s, but in sector %s (kept from cpconf 0.4)', s.sector, a.sector),
       format('Attendance recorded as "%s" means sector %s: rename the row as the council records the agency, or delete it.', a.name, s.sector)
  FROM cpconf.agency a, LATERAL (SELECT cpconf.sector_named(a.name) AS sector) s
 WHERE s.sector OPERATOR(cpconf.<>) a.sector
UNION ALL
SELECT 'cpconf.agency', a.name, 'named GP, but not a GP in health (kept from cpconf 0.4)',
       'Attendance recorded as GP is a general practitioner (rule Q-GP): set sector health and gp true, or rename the row.'
  FROM cpconf.agency a
 WHERE lower(btrim(a.name, E' \t')) = 'gp' AND NOT (a.gp AND a.sector OPERATOR(cpconf.=) 'health'::cpconf.sector)
UNION ALL
SELECT 'cpconf.agency', a.name, format('a GP in sector %s (kept from cpconf 0.4)', a.sector),
       'Rule Q-GP lets a GP''s report stand for health: set sector health, or gp false.'
  FROM cpconf.agency a
 WHERE a.gp AND a.sector OPERATOR(cpconf.<>) 'health'::cpconf.sector;

COMMENT ON VIEW cpconf.configuration_problems IS
    'What is amiss in the configuration as a whole, one row per problem: a profile, rule or closure day naming a row that does not exist, a loop of parents (left by a partial load or bypassed triggers), a council row on a shipped profile or an agency row that 0.4 let through and 0.5 refuses. Empty when the configuration is whole.';
GRANT SELECT ON cpconf.configuration_problems TO PUBLIC;

-- What 0.4 let through and 0.5 refuses (a council row on a shipped
-- profile, an agency named like a sector for another sector, ...) is kept,
-- and the update says so.
DO $$
DECLARE
    n bigint;
    listed text;
BEGIN
    SELECT count(*), string_agg(format('%s %s: %s', relation, row_name, problem), '; ' ORDER BY relation, row_name)
      INTO n, listed FROM cpconf.configuration_problems;
    IF n > 0 THEN
        RAISE WARNING 'cpconf''s configuration has % problem(s): %', n, listed
            USING DETAIL = 'cpconf 0.5 checks what 0.4 let through; these rows are kept, and still apply.',
                  HINT = 'SELECT * FROM cpconf.configuration_problems gives the remedy for each.';
    END IF;
END
$$;

-- The national code MUL is a category of its own (issue 10).
COMMENT ON TYPE cpconf.abuse_category IS
    'Category of abuse (D-CATEGORY): physical, emotional, sexual, neglect, and multiple (the national code MUL: several, not itemised). Input also takes the national codes PHY, EMO, SAB, NEG, MUL, "Physical abuse" etc. and "Multiple/not recommended", in any case.';
COMMENT ON FUNCTION cpconf.cin_code(cpconf.abuse_category) IS
    'The national statistical (child in need census) code of a category: PHY, EMO, SAB, NEG, MUL.';

/* ------------------------------------------------------------------------
 * A yes/no field as councils and the Standard Safeguarding Dataset write
 * it (NCHAR(1) 'Y'/'N'): one reader, so that no report drops a NULL flag
 * as "no" with flag <> 'Y'.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.flag(value text)
RETURNS boolean
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_flag';
COMMENT ON FUNCTION cpconf.flag(text) IS
    'A yes/no field as written: Y/N, yes/no, 1/0, true/false (or t/f) in any case and spacing give true or false; NULL, an empty or a blank value give NULL (nothing recorded); anything else is an error (22P02), never a guess.';

CREATE FUNCTION cpconf.is_flag(value text)
RETURNS boolean
LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_is_flag';
COMMENT ON FUNCTION cpconf.is_flag(text) IS
    'True when cpconf.flag() reads the value (NULL and blank included, as NULL), false when it would be an error: for reports, which name a value they cannot read rather than abort on it.';

CREATE FUNCTION cpconf.is_categories(value text)
RETURNS boolean
LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_is_categories';
COMMENT ON FUNCTION cpconf.is_categories(text) IS
    'True when cpconf.categories_read() reads the value (NULL and blank included), false when it would be an error (an unknown category, too many): for reports, which name a value they cannot read rather than abort on it.';

/* ------------------------------------------------------------------------
 * A profile's working-day calendar: its own, or the nearest ancestor's, or
 * the setting cpconf.calendar's.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.profile_calendar(profile text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    named text := coalesce(profile, nullif(current_setting('cpconf.profile', true), ''), 'national');
    calendar text;
BEGIN
    IF NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = named) THEN
        RAISE EXCEPTION 'unknown profile "%"', named
            USING ERRCODE = 'undefined_object',
                  HINT = 'Known profiles: ' || cpconf.names_for_hint('profile', NULL) || '.';
    END IF;
    WITH RECURSIVE up (name, calendar, depth) AS (
        SELECT p.parent, p.calendar, 0 FROM cpconf.profile p WHERE p.name = named
        UNION ALL
        SELECT p.parent, p.calendar, up.depth + 1 FROM up JOIN cpconf.profile p ON p.name = up.name
         WHERE up.calendar IS NULL AND up.depth < 100
    )
    SELECT up.calendar INTO calendar FROM up WHERE up.calendar IS NOT NULL;
    RETURN coalesce(calendar, nullif(current_setting('cpconf.calendar', true), ''), 'england-and-wales');
END
$$;
COMMENT ON FUNCTION cpconf.profile_calendar(text) IS
    'The working-day calendar of a profile''s deadlines: its own, or its nearest ancestor''s, or the setting cpconf.calendar''s (NULL profile: the setting cpconf.profile''s).';

/* ------------------------------------------------------------------------
 * Categories of abuse as a council writes them in one column.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.categories_read(value text)
RETURNS cpconf.abuse_category[]
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_categories_read';
COMMENT ON FUNCTION cpconf.categories_read(text) IS
    'Categories of abuse written in one text column: names or census codes of cpconf.abuse_category separated by commas or semicolons, or "Multiple: [a, b]" (the categories listed); NULL for NULL or blank; an unknown one is an error (22P02).';
