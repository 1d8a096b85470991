/*
 * src/sql/plan.sql: the plan layer: ending a child protection plan and what follows.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/* ------------------------------------------------------------------------
 * Each partnership's rules for ending a plan, per period.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.discontinuation_rule (
    profile                      text NOT NULL,
    effective_from               date NOT NULL,
    effective_to                 date,
    grounds                      cpconf.end_reason[] NOT NULL,
    manager_grounds              cpconf.end_reason[] NOT NULL,
    looked_after_review          boolean NOT NULL,
    moved_needs_written_responsibility boolean NOT NULL,
    moved_needs_risk_assessment  boolean NOT NULL,
    open_actions                 text NOT NULL,
    first_review                 text NOT NULL,
    first_review_grounds         cpconf.end_reason[] NOT NULL,
    supervision_order            boolean NOT NULL,
    notify                       text[] NOT NULL,
    notify_on_move               text[] NOT NULL,
    critical_incident_on_death   boolean NOT NULL,
    child_in_need_plan           text,
    source                       text NOT NULL,
    shipped                      boolean NOT NULL DEFAULT false,
    looked_after_no_return_home  boolean NOT NULL DEFAULT false,
    looked_after_discussion      boolean NOT NULL DEFAULT false,
    document                     text,
    cin_plan_closure             text,
    PRIMARY KEY (profile, effective_from, shipped),
    CONSTRAINT discontinuation_rule_actions CHECK (open_actions IN ('refuse', 'rationale', 'not_stated')),
    CONSTRAINT discontinuation_rule_first_review CHECK (first_review IN ('any', 'listed_or_unsubstantiated', 'exceptional')),
    CONSTRAINT discontinuation_rule_shipped_document CHECK (document IS NOT NULL OR NOT shipped),
    CONSTRAINT discontinuation_rule_cin_plan_closure CHECK (cin_plan_closure IN ('review_and_consensus', 'review_early_by_consensus'))
);

COMMENT ON TABLE cpconf.discontinuation_rule IS
    'A partnership''s rules for ending a child protection plan per period (doc/rules.md: X-GROUNDS, X-FORUM, X-MOVED, X-ACTIONS, X-FIRST-REVIEW, X-SUPERVISION, X-NOTIFY, X-DIED). Inherited day by day like timescales; shipped rows cannot be changed.';
COMMENT ON COLUMN cpconf.discontinuation_rule.grounds IS 'X-GROUNDS: the grounds on which a plan may end.';
COMMENT ON COLUMN cpconf.discontinuation_rule.manager_grounds IS 'X-FORUM: grounds on which a child protection manager may end a plan without a conference, after consulting the initial conference''s agencies and recording it.';
COMMENT ON COLUMN cpconf.discontinuation_rule.looked_after_review IS 'X-FORUM: a looked-after child''s plan may end at a looked-after review (derby, derbyshire: the forum for deciding whether the plan continues, the first one considering it).';
COMMENT ON COLUMN cpconf.discontinuation_rule.moved_needs_written_responsibility IS 'X-MOVED: the receiving council confirms case responsibility in writing.';
COMMENT ON COLUMN cpconf.discontinuation_rule.moved_needs_risk_assessment IS 'X-MOVED: a full risk assessment in the new situation first.';
COMMENT ON COLUMN cpconf.discontinuation_rule.document IS 'The document the rules are read from (cpconf.source_document); every shipped row names one, a council''s row may. The source column gives each rule''s section and paragraph.';
COMMENT ON COLUMN cpconf.discontinuation_rule.cin_plan_closure IS 'T-CIN-AFTER: when the child in need plan after a plan may close: review_and_consensus (only after a multi-agency review, with the agencies'' consensus: staffordshire), review_early_by_consensus (only after a review; before T-CIN-AFTER-MIN only if all its members agree after the first review: derby, derbyshire); NULL: not stated.';
COMMENT ON COLUMN cpconf.discontinuation_rule.looked_after_discussion IS 'X-FORUM: a looked-after child''s plan may end before the first looked-after review, when the child''s status in care is known to be stable, after a discussion of the child protection manager, team manager and independent reviewing officer (derby, derbyshire; forum looked_after_discussion).';
COMMENT ON COLUMN cpconf.discontinuation_rule.looked_after_no_return_home IS 'X-GROUNDS: a plan ends on looked_after only where no return home is foreseen (darlington).';
COMMENT ON COLUMN cpconf.discontinuation_rule.open_actions IS 'X-ACTIONS: refuse (not while key safeguarding actions are open), rationale (allowed with the rationale minuted) or not_stated.';
COMMENT ON COLUMN cpconf.discontinuation_rule.first_review IS 'X-FIRST-REVIEW: any, listed_or_unsubstantiated (only on first_review_grounds, or concerns shown unsubstantiated with the initial conference''s agencies'' views) or exceptional (only when the perpetrator is in custody or dead).';
COMMENT ON COLUMN cpconf.discontinuation_rule.supervision_order IS 'X-SUPERVISION: a child on a supervision order living with a parent keeps the plan until the order expires, unless all agree at a review.';
COMMENT ON COLUMN cpconf.discontinuation_rule.notify IS 'X-NOTIFY: who is told when a plan ends.';
COMMENT ON COLUMN cpconf.discontinuation_rule.notify_on_move IS 'X-NOTIFY: who else is told when it ends on a move.';
COMMENT ON COLUMN cpconf.discontinuation_rule.critical_incident_on_death IS 'X-DIED: a child''s death while on a plan is notified as a critical incident.';
COMMENT ON COLUMN cpconf.discontinuation_rule.child_in_need_plan IS 'T-CIN-AFTER: the support after a plan ends as the procedure states it (the numbers are timescale rules).';

SELECT pg_catalog.pg_extension_config_dump('cpconf.discontinuation_rule', 'WHERE NOT shipped');

INSERT INTO cpconf.discontinuation_rule VALUES
 ('national', '2018-07-04', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk}', '{}', false, false, false,
  'not_stated', 'any', '{}', false,
  '{every agency invited to the initial conference that started the plan}', '{}', false,
  'consider a multi-agency meeting to develop a child in need plan',
  'X-GROUNDS, X-FORUM, X-MOVED, X-NOTIFY Working Together 2018 as quoted at Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2 to para 2, Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 1 to para 2', true, false, false, 'Working Together 2018', NULL),
 ('staffordshire', '2018-10-01', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk}', '{}', false, false, false,
  'rationale', 'any', '{}', false,
  '{health,education}',
  '{the relevant agencies,the other local authority,health,police}', true,
  'the core group agencies develop and review a child in need plan; it is not closed without a multi-agency review and consensus (Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 4 to para 7)',
  'X-FORUM Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 1, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 7; X-MOVED Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 1; X-ACTIONS Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 1; X-NOTIFY Staffordshire SCB 2018, "Child Protection Minutes & Administrative Process", para 3, bullet 5, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 7, "Child who is the Subject of a Child Protection Plan in Staffordshire; who moves to another local authority on a permanent basis", para 6; X-DIED Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 3; T-CIN-AFTER (closing the child in need plan) Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 7', true, false, false, 'Staffordshire SCB 2018', 'review_and_consensus'),
 ('derby', '2024-09-09', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk,looked_after}',
  '{moved_permanently,reached_18,died,left_uk}', true, true, false,
  'refuse', 'listed_or_unsubstantiated', '{looked_after,moved_permanently,reached_18,died,left_uk}', true,
  '{the parents,the agencies invited to the initial conference,later core group members}', '{}', false,
  'a child in need plan for at least 3 months, circulated within 2 weeks; child in need review at 3 months and 6-weekly network meetings (Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13 to para 14, bullet 3)',
  'X-FORUM Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 5, beginning "If a child subject of a Child Protection Plan", "Discontinuing a current Child Protection Plan", para 6 to para 9; X-MOVED Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 2, bullet 3; X-ACTIONS Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 5; X-FIRST-REVIEW Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 3, bullet 1 to para 4; X-SUPERVISION Derby and Derbyshire SCP 2024, the part on supervision orders, para 3, beginning "Children who are subject to a Supervision Order following"; X-NOTIFY Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 10; T-CIN-AFTER (closing the child in need plan) Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13, para 15', true, false, true, 'Derby and Derbyshire SCP 2024', 'review_early_by_consensus'),
 ('derbyshire', '2024-09-09', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk,looked_after}',
  '{moved_permanently,reached_18,died,left_uk}', true, true, false,
  'refuse', 'listed_or_unsubstantiated', '{looked_after,moved_permanently,reached_18,died,left_uk}', true,
  '{the parents,the agencies invited to the initial conference,later core group members}', '{}', false,
  'a child in need plan for at least 3 months, circulated within 2 weeks; child in need reviews 6-weekly (Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13 to para 14, bullet 4)',
  'X-FORUM Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 5, beginning "If a child subject of a Child Protection Plan", "Discontinuing a current Child Protection Plan", para 6 to para 9; X-MOVED Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 2, bullet 3; X-ACTIONS Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 5; X-FIRST-REVIEW Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 3, bullet 1 to para 4; X-SUPERVISION Derby and Derbyshire SCP 2024, the part on supervision orders, para 3, beginning "Children who are subject to a Supervision Order following"; X-NOTIFY Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 10; T-CIN-AFTER (closing the child in need plan) Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13, para 15', true, false, true, 'Derby and Derbyshire SCP 2024', 'review_early_by_consensus'),
 ('darlington', '2018-07-04', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk,looked_after}', '{}', false, false, false,
  'not_stated', 'exceptional', '{}', false,
  '{every agency invited to the initial conference that started the plan}', '{}', true,
  'consider a multi-agency meeting 10 days after to develop a child''s plan, its first review 3 months after, then at least every 6 months (Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5)',
  'X-FORUM Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-MOVED Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2; X-FIRST-REVIEW Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 12 to para 14; X-NOTIFY Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 2; X-DIED Darlington SCB 2017, "Child Protection Conference > Death of a Child Subject to a Child Protection Plan – CDOP Procedures", para 1; X-GROUNDS Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 1 to para 1, bullet 3, and on looked_after "Child Protection Conference > Discontinuing the Child Protection Plan > Children with child protection plans who become looked after", para 3', true, true, false, 'Darlington SCB 2017', NULL),
 ('sussex', '2023-02-01', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk}', '{}', false, false, false,
  'not_stated', 'any', '{}', false,
  '{every agency invited to the initial conference that started the plan}', '{}', false,
  'consider a multi-agency meeting after the plan ends to develop "a suitable C Plan" (so written: a child in need plan) to support the child''s health and development, reviewed regularly (Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 5)',
  'X-FORUM Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 1 to para 1, bullet 2; X-MOVED Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 2; X-NOTIFY Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 2', true, false, false, 'Sussex 7.13 2023', NULL);

CREATE FUNCTION cpconf.discontinuation_rule_check()
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
COMMENT ON FUNCTION cpconf.discontinuation_rule_check() IS
    'Trigger: keeps shipped discontinuation rules unchanged and rejects unknown values, manager grounds not allowed, reversed or overlapping periods.';
CREATE TRIGGER discontinuation_rule_check BEFORE INSERT OR UPDATE OR DELETE ON cpconf.discontinuation_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.discontinuation_rule_check();
CREATE TRIGGER discontinuation_rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.discontinuation_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();
CREATE TRIGGER discontinuation_rule_names_profile AFTER INSERT OR UPDATE ON cpconf.discontinuation_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('profile', 'profile', 'profile', 'discontinuation rule row from %s', 'effective_from');
CREATE TRIGGER profile_named_by_discontinuation_rule AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('discontinuation_rule', 'profile');
CREATE TRIGGER discontinuation_rule_names_document AFTER INSERT OR UPDATE ON cpconf.discontinuation_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('document', 'source_document', 'source document', 'discontinuation rule row from %s', 'effective_from');
CREATE TRIGGER source_document_named_by_discontinuation_rule AFTER UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('discontinuation_rule', 'document');

CREATE FUNCTION cpconf.discontinuation_rules(profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS cpconf.discontinuation_rule
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_discontinuation_rules';
COMMENT ON FUNCTION cpconf.discontinuation_rules(text, date) IS
    'The discontinuation rules in force for a profile (NULL: the setting cpconf.profile) on as_of (NULL: today), inherited from its parents.';

/* ------------------------------------------------------------------------
 * What a new plan must have (D-LEAD, D-PLAN, D-CATEGORY) and its first
 * dates (T-CG1, T-RCPC1).
 * ------------------------------------------------------------------------ */

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
    'Every item a new plan lacks (D-START, D-LEAD, D-PLAN, T-CG1, T-CG1-BIRTH, T-RCPC1, D-CATEGORY): a start (started, when given) on the day of the conference that decided it, and with it no conference recorded (initial_conference NULL) is a D-START finding rather than an error; a qualified lead social worker (or an interim first-line manager where the profile allows), core group members, a contingency plan, an outline plan, visiting arrangements, a first core group and first review in time (after a pre-birth conference, the core group before the birth where the profile says so), a category (several are checked by check_categories). Empty when complete.';

/* ------------------------------------------------------------------------
 * May the plan end?  Every violated rule, with what would make it valid.
 * ------------------------------------------------------------------------ */

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

CREATE FUNCTION cpconf.check_cin_plan_closure(plan_ended date, closed date, profile text DEFAULT NULL,
                                              reviewed boolean DEFAULT NULL, all_agree boolean DEFAULT NULL)
RETURNS SETOF cpconf.finding ROWS 1
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_cin_plan_closure';
COMMENT ON FUNCTION cpconf.check_cin_plan_closure(date, date, text, boolean, boolean) IS
    'Closing the child in need plan that follows a child protection plan (T-CIN-AFTER), under the profile in force when the plan ended: staffordshire only after a multi-agency review with the agencies'' consensus; derby and derbyshire only after a review, and before the minimum (T-CIN-AFTER-MIN, 3 months) only if all its members agree after the first review. Empty when it may close, or the profile states nothing.';

/* ------------------------------------------------------------------------
 * What follows an ending, and the review before the 18th birthday.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.after_discontinuation(ground cpconf.end_reason, ended date, profile text DEFAULT NULL)
RETURNS TABLE (rule text, what text, due date)
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_after_discontinuation';
COMMENT ON FUNCTION cpconf.after_discontinuation(cpconf.end_reason, date, text) IS
    'What must follow the ending of a plan under a profile: who is told (X-NOTIFY), a critical incident notice on a death (X-DIED), and after an ending because the child is no longer at risk the child in need plan and its dates (T-CIN-AFTER).';

CREATE FUNCTION cpconf.review_before_18(date_of_birth date, profile text DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_review_before_18';
COMMENT ON FUNCTION cpconf.review_before_18(date, text) IS
    'The day by which the review that ends a plan at 18 is held (T-18): the day before the 18th birthday where the profile says before it (staffordshire), else the birthday itself ("around the birthday, planned in advance").';

CREATE TRIGGER discontinuation_rule_truncate BEFORE TRUNCATE ON cpconf.discontinuation_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
GRANT SELECT ON cpconf.discontinuation_rule TO PUBLIC;

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

-- Every statement that writes these tables takes the configuration's turn first.
CREATE TRIGGER discontinuation_rule_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.discontinuation_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
