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
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_categories';
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
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_plan_start';
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
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_discontinuation';
COMMENT ON FUNCTION cpconf.check_discontinuation(cpconf.end_reason, date, text, text, date, boolean, boolean, boolean, date, boolean, boolean, boolean, boolean, boolean, boolean, date, boolean, boolean, boolean, date, date) IS
    'Every rule (rules.md section 4) that a plan''s ending would break, with what would make it valid; a fact a rule needs and not recorded is reported as such. Empty when the plan may end. Contradictory dates are errors.';

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
