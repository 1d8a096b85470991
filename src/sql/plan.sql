/*
 * src/sql/plan.sql: the plan layer: ending a child protection plan and what follows.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/* ------------------------------------------------------------------------
 * Each partnership's rules for ending a plan, per period.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.discontinuation_rule (
    profile                      text NOT NULL REFERENCES cpconf.profile (name) ON UPDATE CASCADE,
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
    PRIMARY KEY (profile, effective_from, shipped),
    CONSTRAINT discontinuation_rule_actions CHECK (open_actions IN ('refuse', 'rationale', 'not_stated')),
    CONSTRAINT discontinuation_rule_first_review CHECK (first_review IN ('any', 'listed_or_unsubstantiated', 'exceptional'))
);

COMMENT ON TABLE cpconf.discontinuation_rule IS
    'A partnership''s rules for ending a child protection plan per period (rules.md section 4: X-GROUNDS, X-FORUM, X-MOVED, X-ACTIONS, X-FIRST-REVIEW, X-SUPERVISION, X-NOTIFY, X-DIED). Inherited day by day like timescales; shipped rows cannot be changed.';
COMMENT ON COLUMN cpconf.discontinuation_rule.grounds IS 'X-GROUNDS: the grounds on which a plan may end.';
COMMENT ON COLUMN cpconf.discontinuation_rule.manager_grounds IS 'X-FORUM: grounds on which a child protection manager may end a plan without a conference, after consulting the initial conference''s agencies and recording it.';
COMMENT ON COLUMN cpconf.discontinuation_rule.looked_after_review IS 'X-FORUM: a looked-after child''s plan may end at the first looked-after review.';
COMMENT ON COLUMN cpconf.discontinuation_rule.moved_needs_written_responsibility IS 'X-MOVED: the receiving council confirms case responsibility in writing.';
COMMENT ON COLUMN cpconf.discontinuation_rule.moved_needs_risk_assessment IS 'X-MOVED: a full risk assessment in the new situation first.';
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
  'X-GROUNDS, X-FORUM, X-MOVED, X-NOTIFY as quoted from Working Together at 003:854-857, 004:88-92', true),
 ('staffordshire', '2018-10-01', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk}', '{}', false, false, false,
  'rationale', 'any', '{}', false,
  '{health,education}',
  '{the relevant agencies,the other local authority,health,police}', true,
  'the core group agencies develop and review a child in need plan; it is not closed without a multi-agency review and consensus (000:857-875)',
  'X-FORUM 000:796, 000:1112; X-MOVED 000:817-819; X-ACTIONS 000:800-806; X-NOTIFY 000:931, 000:1113, 000:1195; X-DIED 000:835-838', true),
 ('derby', '2024-09-01', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk,looked_after}',
  '{moved_permanently,reached_18,died,left_uk}', true, true, false,
  'refuse', 'listed_or_unsubstantiated', '{looked_after,moved_permanently,reached_18,died,left_uk}', true,
  '{the parents,the agencies invited to the initial conference,later core group members}', '{}', false,
  'a child in need plan for at least 3 months, circulated within 2 weeks; child in need review at 3 months and 6-weekly network meetings (001:505-511)',
  'X-FORUM 001:136, 001:488-497; X-MOVED 001:475; X-ACTIONS 001:486; X-FIRST-REVIEW 001:480-484; X-SUPERVISION 001:152; X-NOTIFY 001:499', true),
 ('derbyshire', '2024-09-01', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk,looked_after}',
  '{moved_permanently,reached_18,died,left_uk}', true, true, false,
  'refuse', 'listed_or_unsubstantiated', '{looked_after,moved_permanently,reached_18,died,left_uk}', true,
  '{the parents,the agencies invited to the initial conference,later core group members}', '{}', false,
  'a child in need plan for at least 3 months, circulated within 2 weeks; child in need reviews 6-weekly (001:505-512)',
  'X-FORUM 001:136, 001:488-497; X-MOVED 001:475; X-ACTIONS 001:486; X-FIRST-REVIEW 001:480-484; X-SUPERVISION 001:152; X-NOTIFY 001:499', true),
 ('darlington', '2018-07-04', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk,looked_after}', '{}', false, false, true,
  'not_stated', 'exceptional', '{}', false,
  '{every agency invited to the initial conference that started the plan}', '{}', true,
  'consider a multi-agency meeting 10 days after to develop a child''s plan, its first review 3 months after, then at least every 6 months (003:863)',
  'X-FORUM 003:854; X-MOVED 003:517, 003:854; X-FIRST-REVIEW 003:577-581; X-NOTIFY 003:857; X-DIED 003:1017; looked_after 003:887', true),
 ('sussex', '2023-02-01', NULL,
  '{no_longer_at_risk,moved_permanently,reached_18,died,left_uk}', '{}', false, false, false,
  'not_stated', 'any', '{}', false,
  '{every agency invited to the initial conference that started the plan}', '{}', false,
  'consider a multi-agency meeting to develop a child in need plan (004:101)',
  'X-FORUM 004:88-89; X-MOVED 004:88; X-NOTIFY 004:92', true);

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
                  HINT = 'Add your own row for this profile: it takes precedence over the shipped one wherever its effective dates apply.';
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
    LOCK TABLE cpconf.discontinuation_rule IN SHARE ROW EXCLUSIVE MODE;
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

CREATE FUNCTION cpconf.discontinuation_rules(profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS cpconf.discontinuation_rule
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_discontinuation_rules';
COMMENT ON FUNCTION cpconf.discontinuation_rules(text, date) IS
    'The discontinuation rules in force for a profile (NULL: the setting cpconf.profile) on as_of (NULL: today), inherited from its parents.';

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
    date_of_death date DEFAULT NULL)
RETURNS SETOF cpconf.finding
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rule text;
    problem text;
    remedy text;
    r cpconf.discontinuation_rule;
    g text := ground::text;
    adult date;
BEGIN
    -- impossible or contradictory facts are errors, not verdicts
    IF ground IS NULL OR ended IS NULL THEN
        RAISE EXCEPTION 'ending a plan needs the ground and the end date'
            USING ERRCODE = 'null_value_not_allowed',
                  DETAIL = 'The rules for ending a plan (rules.md section 4) turn on both.',
                  HINT = 'Pass ground and ended.';
    END IF;
    IF decided_at NOT IN ('review_conference', 'transfer_conference', 'looked_after_review', 'manager') THEN
        RAISE EXCEPTION 'unknown forum "%" for ending a plan', decided_at
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Rule X-FORUM: a plan ends at a review conference, after a transfer conference, at a looked-after review, or by a child protection manager without a conference.',
                  HINT = 'Use review_conference, transfer_conference, looked_after_review or manager.';
    END IF;
    IF ended < plan_started THEN
        RAISE EXCEPTION 'the plan ends (%) before it starts (%)', ended, plan_started
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A plan cannot end before the conference that started it.',
                  HINT = 'Check both dates.';
    END IF;
    IF date_of_death > ended AND g = 'died' THEN
        RAISE EXCEPTION 'the plan ends (%) on the ground that the child died, before the death (%)', ended, date_of_death
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Ground died ends a plan on or after the child''s death.',
                  HINT = 'Check the dates, or the ground.';
    END IF;
    IF date_of_death IS NOT NULL AND g <> 'died' AND date_of_death <= ended THEN
        RAISE EXCEPTION 'the child died (%) before the plan ends (%), but the ground is %', date_of_death, ended, g
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A plan of a child who has died ends on ground died (X-DIED).',
                  HINT = 'Use ground died, or check the date of death.';
    END IF;
    IF date_of_birth > ended OR date_of_birth > plan_started THEN
        RAISE EXCEPTION 'the child''s date of birth (%) is after the plan''s dates', date_of_birth
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Only a pre-birth plan starts before birth, and then the date of birth is not yet known.',
                  HINT = 'Check the date of birth.';
    END IF;

    r := cpconf.discontinuation_rules(profile, ended);

    -- X-GROUNDS
    rule := 'X-GROUNDS';
    IF NOT (g = ANY (r.grounds::text[])) THEN
        problem := format('%s is not a ground for ending a plan under profile %s', g, r.profile);
        remedy := format('End the plan on one of: %s.', array_to_string(r.grounds::text[], ', '));
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;

    -- X-FORUM
    rule := 'X-FORUM';
    IF decided_at = 'transfer_conference' AND g <> 'moved_permanently' THEN
        problem := format('a plan ends after a transfer conference only when the child has moved permanently, not on %s', g);
        remedy := 'Decide it at a review conference.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    ELSIF decided_at = 'looked_after_review' AND NOT (r.looked_after_review AND g = 'looked_after') THEN
        problem := format('under profile %s a plan does not end at a looked-after review%s', r.profile,
                          CASE WHEN r.looked_after_review THEN ' on ' || g ELSE '' END);
        remedy := 'Decide it at a review conference.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    ELSIF decided_at = 'manager' THEN
        IF NOT (g = ANY (r.manager_grounds::text[])) THEN
            problem := format('a child protection manager may not end a plan without a conference on %s under profile %s', g, r.profile);
            remedy := CASE WHEN cardinality(r.manager_grounds) > 0
                THEN format('Decide it at a review conference; a manager may act alone only on %s.',
                            array_to_string(r.manager_grounds::text[], ', '))
                ELSE 'Decide it at a review conference.' END;
            RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
        ELSE
            IF initial_agencies_consulted IS NOT TRUE THEN
                problem := CASE WHEN initial_agencies_consulted IS NULL
                    THEN 'not recorded: whether the agencies of the initial conference that started the plan were consulted'
                    ELSE 'the agencies of the initial conference that started the plan were not consulted' END;
                remedy := 'Consult them before ending the plan.';
                RETURN NEXT ROW(rule, problem, remedy, CASE WHEN initial_agencies_consulted IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
            END IF;
            IF recorded_in_records IS NOT TRUE THEN
                problem := CASE WHEN recorded_in_records IS NULL
                    THEN 'not recorded: whether the decision is recorded in the social care and child health records'
                    ELSE 'the decision is not recorded in the social care and child health records' END;
                remedy := 'Record it in both.';
                RETURN NEXT ROW(rule, problem, remedy, CASE WHEN recorded_in_records IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
            END IF;
        END IF;
    END IF;

    -- X-MOVED
    IF g = 'moved_permanently' THEN
        rule := 'X-MOVED';
        IF transfer_conference_held IS NULL THEN
            problem := 'not recorded: the receiving council''s transfer conference; the plan ends only after it is held';
            remedy := format('Wait for it (due within 15 working days of notification, T-TRANSFER); record its date.');
            RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
        ELSIF transfer_conference_held > ended THEN
            problem := format('the plan ends on %s, before the receiving council''s transfer conference on %s', ended, transfer_conference_held);
            remedy := format('End it on or after %s.', transfer_conference_held);
            RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
        END IF;
        IF r.moved_needs_written_responsibility AND responsibility_confirmed_in_writing IS NOT TRUE THEN
            problem := CASE WHEN responsibility_confirmed_in_writing IS NULL
                THEN 'not recorded: whether the receiving council confirmed case responsibility in writing'
                ELSE 'the receiving council has not confirmed case responsibility in writing' END;
            remedy := 'Obtain its written confirmation first.';
            RETURN NEXT ROW(rule, problem, remedy, CASE WHEN responsibility_confirmed_in_writing IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
        END IF;
        IF r.moved_needs_risk_assessment AND risk_assessed_after_move IS NOT TRUE THEN
            problem := CASE WHEN risk_assessed_after_move IS NULL
                THEN 'not recorded: whether the child and family were fully risk assessed in their new situation'
                ELSE 'there has been no full risk assessment in the new situation' END;
            remedy := 'Complete it before ending the plan.';
            RETURN NEXT ROW(rule, problem, remedy, CASE WHEN risk_assessed_after_move IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
        END IF;
    END IF;

    -- X-ACTIONS, for a plan ended because the child is no longer at risk
    IF g = 'no_longer_at_risk' AND r.open_actions <> 'not_stated' THEN
        rule := 'X-ACTIONS';
        IF key_actions_open IS NULL THEN
            problem := 'not recorded: whether key safeguarding actions of the plan are still open';
            remedy := 'Record it.';
            RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
        ELSIF key_actions_open AND r.open_actions = 'refuse' THEN
            problem := format('key safeguarding actions are still open (profile %s)', r.profile);
            remedy := 'Complete them before ending the plan.';
            RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
        ELSIF key_actions_open AND open_actions_rationale_minuted IS NOT TRUE THEN
            problem := CASE WHEN open_actions_rationale_minuted IS NULL
                THEN 'plan actions are open and it is not recorded whether the rationale is minuted'
                ELSE 'plan actions are open without a minuted rationale' END;
            remedy := 'Complete them, or minute the rationale for each one not completed.';
            RETURN NEXT ROW(rule, problem, remedy, CASE WHEN open_actions_rationale_minuted IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
        END IF;
    END IF;

    -- X-FIRST-REVIEW
    IF r.first_review <> 'any' AND decided_at = 'review_conference'
       AND NOT (r.first_review = 'listed_or_unsubstantiated' AND g = ANY (r.first_review_grounds::text[]))
       AND NOT (r.first_review = 'exceptional' AND g NOT IN ('no_longer_at_risk', 'looked_after')) THEN
        rule := 'X-FIRST-REVIEW';
        IF first_review IS NULL THEN
            problem := 'not recorded: whether this is the first review conference';
            remedy := 'Record it.';
            RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
        ELSIF first_review AND r.first_review = 'listed_or_unsubstantiated' THEN
            IF concerns_unsubstantiated IS NOT TRUE THEN
                problem := CASE WHEN concerns_unsubstantiated IS NULL
                    THEN format('at the first review a plan ends on %s only if the original concerns were shown unsubstantiated, which is not recorded', g)
                    ELSE format('at the first review a plan does not end on %s unless the original concerns were shown unsubstantiated', g) END;
                remedy := 'Wait for a later review, or record that the concerns were shown unsubstantiated.';
                RETURN NEXT ROW(rule, problem, remedy, CASE WHEN concerns_unsubstantiated IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
            ELSIF initial_agencies_attended_or_wrote IS NOT TRUE THEN
                problem := CASE WHEN initial_agencies_attended_or_wrote IS NULL
                    THEN 'not recorded: whether the key agencies of the initial conference attended or gave their views in writing'
                    ELSE 'the key agencies of the initial conference neither attended nor gave their views in writing' END;
                remedy := 'Obtain their views before ending the plan at the first review.';
                RETURN NEXT ROW(rule, problem, remedy, CASE WHEN initial_agencies_attended_or_wrote IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
            END IF;
        ELSIF first_review AND r.first_review = 'exceptional' AND perpetrator_in_custody_or_dead IS NOT TRUE THEN
            problem := CASE WHEN perpetrator_in_custody_or_dead IS NULL
                THEN 'at the first review a plan ends only in exceptional circumstances (the perpetrator in custody or dead), which are not recorded'
                ELSE 'at the first review a plan ends only in exceptional circumstances: the perpetrator serving a significant custodial sentence, or dead' END;
            remedy := 'Wait for a later review, unless all risks are shown eliminated that way.';
            RETURN NEXT ROW(rule, problem, remedy, CASE WHEN perpetrator_in_custody_or_dead IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
        END IF;
    END IF;

    -- X-SUPERVISION, for a plan ended because the child is no longer at risk
    IF r.supervision_order AND g = 'no_longer_at_risk' THEN
        rule := 'X-SUPERVISION';
        IF supervision_order_with_parent IS NULL THEN
            problem := 'not recorded: whether the child is on a supervision order living with a parent';
            remedy := 'Record it.';
            RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
        ELSIF supervision_order_with_parent AND (supervision_order_expires IS NULL OR supervision_order_expires > ended)
              AND unanimous IS NOT TRUE THEN
            problem := format('the child is on a supervision order with a parent%s; the plan continues until it expires unless the core group and the child protection manager agree unanimously at a review',
                              CASE WHEN supervision_order_expires IS NULL THEN '' ELSE ' until ' || supervision_order_expires END);
            remedy := CASE WHEN unanimous IS NULL THEN 'Record whether the agreement is unanimous.'
                           ELSE 'Keep the plan until the order expires.' END;
            RETURN NEXT ROW(rule, problem, remedy, CASE WHEN unanimous IS NULL THEN 'not_recorded' ELSE 'violation' END, r.profile)::cpconf.finding;
        END IF;
    END IF;

    -- reached_18
    IF g = 'reached_18' THEN
        rule := 'X-GROUNDS';
        IF date_of_birth IS NULL THEN
            problem := 'not recorded: the child''s date of birth, to show the child is 18';
            remedy := 'Record it.';
            RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
        ELSE
            adult := (date_of_birth + interval '18 years')::date;
            IF ended < adult THEN
                problem := format('the child is not 18 until %s', adult);
                remedy := format('End it on or after %s, on another ground, or hold the review before the birthday (T-18).', adult);
                RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
            END IF;
        END IF;
    END IF;

    -- died
    IF g = 'died' AND date_of_death IS NULL THEN
        rule := 'X-GROUNDS';
        problem := 'not recorded: the date of the child''s death';
        remedy := 'Record it.';
        RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.check_discontinuation(cpconf.end_reason, date, text, text, date, boolean, boolean, boolean, date, boolean, boolean, boolean, boolean, boolean, boolean, date, boolean, boolean, boolean, date, date) IS
    'Every rule (rules.md section 4) that a plan''s ending would break, with what would make it valid; a fact a rule needs and not recorded is reported as such. Empty when the plan may end. Contradictory dates are errors.';

/* ------------------------------------------------------------------------
 * What follows an ending, and the review before the 18th birthday.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.after_discontinuation(ground cpconf.end_reason, ended date, profile text DEFAULT NULL)
RETURNS TABLE (rule text, what text, due date)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r cpconf.discontinuation_rule;
    t record;
BEGIN
    IF ground IS NULL OR ended IS NULL THEN
        RETURN;
    END IF;
    r := cpconf.discontinuation_rules(profile, ended);
    rule := 'X-NOTIFY';
    due := NULL;
    FOR what IN SELECT 'notify ' || n FROM unnest(r.notify) n LOOP
        RETURN NEXT;
    END LOOP;
    IF ground::text = 'moved_permanently' THEN
        FOR what IN SELECT 'notify ' || n || ' of the move' FROM unnest(r.notify_on_move) n LOOP
            RETURN NEXT;
        END LOOP;
    END IF;
    IF ground::text = 'died' AND r.critical_incident_on_death THEN
        rule := 'X-DIED';
        what := 'notify a critical incident';
        RETURN NEXT;
    END IF;
    IF ground::text = 'no_longer_at_risk' THEN
        IF r.child_in_need_plan IS NOT NULL THEN
            rule := 'T-CIN-AFTER';
            what := r.child_in_need_plan;
            RETURN NEXT;
        END IF;
        FOR t IN SELECT * FROM cpconf.timescales(r.profile, ended) x WHERE x.rule LIKE 'T-CIN-AFTER-%' ORDER BY x.rule LOOP
            rule := t.rule;
            what := t.what;
            -- the repeating review counts from the first review, not the ending
            due := CASE WHEN t.rule = 'T-CIN-AFTER-REVIEWN'
                        THEN cpconf.deadline(t.rule, cpconf.deadline('T-CIN-AFTER-REVIEW', ended, r.profile), r.profile)
                        ELSE cpconf.deadline(t.rule, ended, r.profile) END;
            RETURN NEXT;
        END LOOP;
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.after_discontinuation(cpconf.end_reason, date, text) IS
    'What must follow the ending of a plan under a profile: who is told (X-NOTIFY), a critical incident notice on a death (X-DIED), and after an ending because the child is no longer at risk the child in need plan and its dates (T-CIN-AFTER).';

CREATE FUNCTION cpconf.review_before_18(date_of_birth date, profile text DEFAULT NULL)
RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    birthday date := (date_of_birth + interval '18 years')::date;
BEGIN
    IF date_of_birth IS NULL THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT FROM cpconf.timescales(profile, birthday) t WHERE t.rule = 'T-18') THEN
        RETURN cpconf.deadline('T-18', birthday, profile);
    END IF;
    RETURN birthday;
END
$$;
COMMENT ON FUNCTION cpconf.review_before_18(date, text) IS
    'The day by which the review that ends a plan at 18 is held (T-18): the day before the 18th birthday where the profile says before it (staffordshire), else the birthday itself ("around the birthday, planned in advance").';

GRANT SELECT ON cpconf.discontinuation_rule TO PUBLIC;
