/* src/cpconf--0.4--0.5.sql: cpconf 0.5, the reshape: one resolver of rule rows */

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
 * cannot be replaced in place, so each is dropped and created again.
 */
CREATE TYPE cpconf.finding AS (
    rule     text,
    problem  text,
    remedy   text,
    severity text,
    profile  text
);
COMMENT ON TYPE cpconf.finding IS
    'One problem a check found: the rule broken, what is wrong, what would put it right, whether the procedure is broken or a fact the rule turns on is not recorded, and the profile whose rule applied. Every check_* function returns a set of these.';
COMMENT ON COLUMN cpconf.finding.rule IS 'The rule id, e.g. X-MOVED (doc/rules.md lists them all).';
COMMENT ON COLUMN cpconf.finding.problem IS 'What is wrong, in a sentence fragment that names the dates and facts involved.';
COMMENT ON COLUMN cpconf.finding.remedy IS 'What would make the record valid, as a full sentence.';
COMMENT ON COLUMN cpconf.finding.severity IS 'violation: the record breaks the rule as recorded; not_recorded: the verdict turns on a fact that is not recorded (NULL), which is never assumed.';
COMMENT ON COLUMN cpconf.finding.profile IS 'The profile whose rule row applied: the profile named, or the ancestor it inherits the rule from.';

DROP FUNCTION cpconf.check_categories(cpconf.abuse_category[], text, boolean, boolean, boolean, date);
DROP FUNCTION cpconf.check_plan_start(date, boolean, boolean, integer, date, date, boolean, boolean, boolean, cpconf.abuse_category[], text, date);
DROP FUNCTION cpconf.check_discontinuation(cpconf.end_reason, date, text, text, date, boolean, boolean, boolean, date, boolean, boolean, boolean, boolean, boolean, boolean, date, boolean, boolean, boolean, date, date);

CREATE FUNCTION cpconf.check_categories(categories cpconf.abuse_category[], profile text DEFAULT NULL,
                                        each_meets_threshold boolean DEFAULT NULL,
                                        risk_otherwise_underestimated boolean DEFAULT NULL,
                                        substantial_emotional_concern boolean DEFAULT NULL,
                                        as_of date DEFAULT NULL)
RETURNS SETOF cpconf.finding
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rule text;
    problem text;
    remedy text;
    r cpconf.conference_rule;
    n int;
BEGIN
    r := cpconf.conference_rules(profile, as_of);
    SELECT count(DISTINCT c) INTO n FROM unnest(categories) c WHERE c IS NOT NULL;
    rule := 'D-CATEGORY';
    IF categories IS NULL OR n = 0 THEN
        problem := 'the plan names no category of abuse';
        remedy := 'The chair determines the category: physical, emotional, sexual or neglect.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
        RETURN;
    END IF;
    IF n > 1 AND r.multiple_categories = 'never' THEN
        problem := format('%s categories are not used under profile %s', n, r.profile);
        remedy := 'Choose the category of the primary presenting concern and record the others as other significant concerns.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    ELSIF n > 1 AND r.multiple_categories = 'justified' THEN
        IF each_meets_threshold IS NULL OR risk_otherwise_underestimated IS NULL THEN
            problem := format('%s categories need two facts under profile %s that are not recorded: whether each reaches the threshold and whether a risk would otherwise be underestimated', n, r.profile);
            remedy := 'Record both facts (each_meets_threshold, risk_otherwise_underestimated), or use one category.';
            RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
        ELSIF NOT (each_meets_threshold AND risk_otherwise_underestimated) THEN
            problem := format('%s categories are used only when each reaches the threshold and a specific risk would otherwise be underestimated (profile %s)', n, r.profile);
            remedy := 'Use the category of the primary presenting concern only.';
            RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
        END IF;
    END IF;
    IF n > 1 AND r.emotional_second_needs_concern AND 'emotional' = ANY (categories::text[])
       AND r.multiple_categories <> 'never' THEN
        IF substantial_emotional_concern IS NULL THEN
            problem := format('emotional abuse alongside another category needs substantial concern under profile %s, which is not recorded', r.profile);
            remedy := 'Record substantial_emotional_concern, or leave emotional abuse out.';
            RETURN NEXT ROW(rule, problem, remedy, 'not_recorded', r.profile)::cpconf.finding;
        ELSIF NOT substantial_emotional_concern THEN
            problem := format('emotional abuse is used as a second category only if substantial concern is indicated (profile %s)', r.profile);
            remedy := 'Leave emotional abuse out, or record the substantial concern.';
            RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
        END IF;
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.check_categories(cpconf.abuse_category[], text, boolean, boolean, boolean, date) IS
    'Every problem (rule D-CATEGORY) with a plan''s categories under a profile: none named, several where the profile allows one, several without the facts that justify them, emotional abuse as a second category without substantial concern. Empty when the categories may stand.';

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
                                        birth date DEFAULT NULL)
RETURNS SETOF cpconf.finding
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rule text;
    problem text;
    remedy text;
    r cpconf.conference_rule;
    cg_due date;
    review_due date;
BEGIN
    IF initial_conference IS NULL THEN
        RAISE EXCEPTION 'the initial conference date is needed to check a new plan'
            USING ERRCODE = 'null_value_not_allowed',
                  DETAIL = 'The first core group (T-CG1) and first review (T-RCPC1) are due from it.',
                  HINT = 'Pass initial_conference.';
    END IF;
    r := cpconf.conference_rules(profile, initial_conference);
    cg_due := cpconf.deadline('T-CG1', initial_conference, profile);
    review_due := cpconf.first_review_due(initial_conference, birth, profile);

    rule := 'D-LEAD';
    IF lead_qualified_social_worker IS NOT TRUE
       AND NOT (r.interim_lead_manager AND lead_interim_manager IS TRUE) THEN
        problem := CASE
            WHEN lead_qualified_social_worker IS NULL AND lead_interim_manager IS NULL THEN 'no lead social worker is recorded'
            WHEN lead_interim_manager AND NOT r.interim_lead_manager
                THEN format('profile %s does not provide for a first-line manager as interim lead', r.profile)
            ELSE 'the lead social worker is not a qualified social worker' END;
        remedy := CASE WHEN r.interim_lead_manager
            THEN 'Name a qualified social worker as lead, or a first-line manager from children''s social care in the interim.'
            ELSE 'Name a qualified social worker as lead.' END;
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;

    rule := 'D-PLAN';
    IF coalesce(core_group_members, 0) < 1 THEN
        problem := CASE WHEN core_group_members IS NULL THEN 'the core group''s members are not recorded'
                        ELSE 'the core group has no members' END;
        remedy := 'Name the core group: the family and the practitioners working with them.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;
    IF contingency_plan IS NOT TRUE THEN
        problem := 'no contingency plan is recorded';
        remedy := 'Record what happens if the child continues to suffer significant harm.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;
    IF outline_plan IS NOT TRUE THEN
        problem := 'no outline child protection plan is recorded';
        remedy := 'Record the outline plan agreed at the conference.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;
    IF visiting_arrangements IS NOT TRUE THEN
        problem := 'no visiting arrangements are recorded';
        remedy := 'Record how often the lead social worker sees the child.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;

    rule := 'T-CG1';
    IF first_core_group IS NULL THEN
        problem := 'no first core group date is set';
        remedy := format('Set one on or before %s.', cg_due);
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    ELSIF first_core_group < initial_conference OR first_core_group > cg_due THEN
        problem := format('the first core group on %s is outside %s to %s', first_core_group, initial_conference, cg_due);
        remedy := format('Set it on or before %s.', cg_due);
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;

    rule := 'T-RCPC1';
    IF first_review IS NULL THEN
        problem := 'no first review conference date is set';
        remedy := format('Set one on or before %s.', review_due);
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    ELSIF first_review <= initial_conference OR first_review > review_due THEN
        problem := format('the first review on %s is outside %s to %s', first_review, initial_conference, review_due);
        remedy := format('Set it on or before %s.', review_due);
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;

    -- several categories need facts recorded at the decision: check_categories
    rule := 'D-CATEGORY';
    IF NOT EXISTS (SELECT FROM unnest(categories) c WHERE c IS NOT NULL) THEN
        problem := 'the plan names no category of abuse';
        remedy := 'The chair determines the category: physical, emotional, sexual or neglect.';
        RETURN NEXT ROW(rule, problem, remedy, 'violation', r.profile)::cpconf.finding;
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.check_plan_start(date, boolean, boolean, integer, date, date, boolean, boolean, boolean, cpconf.abuse_category[], text, date) IS
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
