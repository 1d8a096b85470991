/*
 * src/sql/conference.sql: the conference layer: agencies, quoracy, the decision, categories, the plan's start.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/* ------------------------------------------------------------------------
 * A council's agency names, mapped onto sectors once.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.agency (
    name    text PRIMARY KEY,
    sector  cpconf.sector NOT NULL,
    service text,
    gp      boolean NOT NULL DEFAULT false,
    note    text
);
CREATE UNIQUE INDEX agency_folded_name ON cpconf.agency (lower(btrim(name)));

COMMENT ON TABLE cpconf.agency IS
    'The agencies and roles a council records at conferences, mapped onto sectors (Q-MIN). Names match without regard to case or surrounding spaces.';
COMMENT ON COLUMN cpconf.agency.service IS
    'The service within the sector, e.g. health visiting or school nursing: counted as a separate agency where the profile counts health services separately (staffordshire).';
COMMENT ON COLUMN cpconf.agency.gp IS
    'A general practitioner (rule Q-GP: a GP''s report can stand for health).';

SELECT pg_catalog.pg_extension_config_dump('cpconf.agency', '');

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

CREATE FUNCTION cpconf.agency_check()
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
CREATE TRIGGER agency_check BEFORE INSERT OR UPDATE ON cpconf.agency
    FOR EACH ROW EXECUTE FUNCTION cpconf.agency_check();
CREATE TRIGGER agency_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.agency
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();

/* ------------------------------------------------------------------------
 * Conference rules per profile and period (Q-*, D-*: doc/rules.md).
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.conference_rule (
    profile                    text NOT NULL,
    effective_from             date NOT NULL,
    effective_to               date,
    quorum_social_care         boolean NOT NULL,
    quorum_agencies            integer NOT NULL,
    quorum_qualifies           text NOT NULL,
    health_services_separately text NOT NULL,
    gp_report_over_age         integer,
    proceed_requires           text[],
    proceed_any_of             text[],
    proceed_then               text[],
    cancel_then                text[],
    decision                   text NOT NULL,
    multiple_categories        text NOT NULL,
    emotional_second_needs_concern boolean NOT NULL,
    interim_lead_manager       boolean NOT NULL,
    source                     text NOT NULL,
    shipped                    boolean NOT NULL DEFAULT false,
    visiting_arrangements      boolean NOT NULL DEFAULT true,
    gp_report_initial_only     boolean NOT NULL DEFAULT false,
    reconvene_initial_only     boolean NOT NULL DEFAULT false,
    document                   text,
    PRIMARY KEY (profile, effective_from, shipped),
    CONSTRAINT conference_rule_qualifies CHECK (quorum_qualifies IN ('direct_contact', 's47_contribution', 'family_contact')),
    CONSTRAINT conference_rule_decision CHECK (decision IN ('majority', 'agencies_then_chair', 'chair')),
    CONSTRAINT conference_rule_categories CHECK (multiple_categories IN ('allowed', 'justified', 'never', 'not_all_eventualities', 'by_consensus')),
    CONSTRAINT conference_rule_health_services CHECK (health_services_separately IN ('never', 'always', 'as_chair_judges')),
    CONSTRAINT conference_rule_shipped_document CHECK (document IS NOT NULL OR NOT shipped)
);

COMMENT ON TABLE cpconf.conference_rule IS
    'A partnership''s conference rules per period: quorum (Q-MIN, Q-GP), the chair''s exceptions (Q-PROCEED, Q-CANCEL), the decision (D-DECIDE), categories (D-CATEGORY) and the lead social worker (D-LEAD). Inherited day by day like timescales; shipped rows cannot be changed.';
COMMENT ON COLUMN cpconf.conference_rule.quorum_social_care IS 'Q-MIN: children''s social care must attend.';
COMMENT ON COLUMN cpconf.conference_rule.quorum_agencies IS 'Q-MIN: agencies that must attend and qualify, children''s social care included.';
COMMENT ON COLUMN cpconf.conference_rule.quorum_qualifies IS 'Q-MIN: an agency counts when it had direct contact with each child (direct_contact), with the child and family, for every child of the conference (family_contact), or contributed to the section 47 enquiry (s47_contribution); children''s social care always qualifies.';
COMMENT ON COLUMN cpconf.conference_rule.health_services_separately IS 'Q-MIN: whether different health services count as separate agencies: never, always, or as_chair_judges (staffordshire: they "may"; the fact health_services_separate of cpconf.quoracy).';
COMMENT ON COLUMN cpconf.conference_rule.gp_report_over_age IS 'Q-GP: for a child older than this whose only health involvement is the GP, a GP''s report counts as health; NULL: no such rule.';
COMMENT ON COLUMN cpconf.conference_rule.gp_report_initial_only IS 'Q-GP: only at an initial conference (derby, derbyshire); a pre-birth conference is an initial one.';
COMMENT ON COLUMN cpconf.conference_rule.document IS 'The document the rules are read from (cpconf.source_document); every shipped row names one, a council''s row may. The source column gives each rule''s section and paragraph.';
COMMENT ON COLUMN cpconf.conference_rule.reconvene_initial_only IS 'T-INQUORATE: the new date of an inquorate conference not held is set for an initial conference only (staffordshire).';
COMMENT ON COLUMN cpconf.conference_rule.proceed_requires IS 'Q-PROCEED: grounds that must all hold for the chair to hold an inquorate conference; NULL: no rule.';
COMMENT ON COLUMN cpconf.conference_rule.proceed_any_of IS 'Q-PROCEED: grounds of which one must also hold (empty: none needed).';
COMMENT ON COLUMN cpconf.conference_rule.proceed_then IS 'Q-PROCEED: what must follow an inquorate conference that is held.';
COMMENT ON COLUMN cpconf.conference_rule.cancel_then IS 'Q-CANCEL: what must follow an inquorate conference that is not held.';
COMMENT ON COLUMN cpconf.conference_rule.decision IS 'D-DECIDE: majority (chair''s casting vote on a tie), agencies_then_chair (the chair decides only on a split) or chair (after seeking consensus).';
COMMENT ON COLUMN cpconf.conference_rule.multiple_categories IS 'D-CATEGORY: allowed, justified (each meets the threshold and a risk would otherwise be underestimated), not_all_eventualities (each meets the threshold: several are not used to cover all eventualities), by_consensus (several only as the agencies agree: a chair deciding because they cannot determines a single one) or never.';
COMMENT ON COLUMN cpconf.conference_rule.emotional_second_needs_concern IS 'D-CATEGORY: emotional abuse alongside another category only on substantial concern.';
COMMENT ON COLUMN cpconf.conference_rule.interim_lead_manager IS 'D-LEAD: a first-line manager may act as lead social worker in the interim.';
COMMENT ON COLUMN cpconf.conference_rule.visiting_arrangements IS 'D-PLAN: a new plan must set out the professional visiting arrangements (derby, derbyshire, staffordshire); true for a council''s row unless it says otherwise.';

SELECT pg_catalog.pg_extension_config_dump('cpconf.conference_rule', 'WHERE NOT shipped');

INSERT INTO cpconf.conference_rule VALUES
 ('national', '2018-07-04', NULL, true, 3, 'family_contact', 'never', NULL,
  NULL, NULL, NULL, NULL,
  'chair', 'allowed', false, false,
  'Q-MIN: Working Together 2018 states no number, so common practice (as Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8); D-DECIDE Working Together 2018 as quoted at Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6, Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5', true, false, false, false, 'Working Together 2018'),
 ('staffordshire', '2018-10-01', NULL, false, 3, 's47_contribution', 'as_chair_judges', NULL,
  ARRAY['sufficient_information'], ARRAY[]::text[], ARRAY[]::text[], ARRAY['reconvene'],
  'majority', 'by_consensus', false, false,
  'Q-MIN Staffordshire SCB 2018, "Quoracy", para 1 to para 2; Q-PROCEED Staffordshire SCB 2018, "Quoracy", para 4; D-DECIDE Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 6; D-CATEGORY Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 1; D-LEAD Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 2; D-PLAN Staffordshire SCB 2018, "The Initial/Review Child Protection Conference", para 7', true, true, false, true, 'Staffordshire SCB 2018'),
 ('derby', '2024-09-09', NULL, true, 3, 'direct_contact', 'never', 5,
  ARRAY['sufficient_information', 'delay_harmful'], ARRAY['no_contact_with_3_agencies'],
  ARRAY['early_review'], ARRAY['interim_safety_plan', 'early_initial_conference'],
  'agencies_then_chair', 'allowed', false, false,
  'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"', true, true, true, false, 'Derby and Derbyshire SCP 2024'),
 ('derbyshire', '2024-09-09', NULL, true, 3, 'direct_contact', 'never', 5,
  ARRAY['sufficient_information', 'delay_harmful'], ARRAY['no_contact_with_3_agencies'],
  ARRAY['early_review'], ARRAY['interim_safety_plan', 'early_initial_conference'],
  'agencies_then_chair', 'allowed', false, false,
  'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"', true, true, true, false, 'Derby and Derbyshire SCP 2024'),
 ('darlington', '2018-07-04', NULL, true, 3, 'family_contact', 'never', NULL,
  ARRAY['sufficient_information', 'delay_harmful'],
  ARRAY['social_care_and_one_agency', 'no_contact_with_3_agencies', 'local_difficulties'],
  ARRAY['consider_early_review'], ARRAY['interim_plan_or_plan_review', 'new_date'],
  'chair', 'not_all_eventualities', false, true,
  'Q-MIN Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8; Q-CANCEL Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8 to para 9; Q-PROCEED Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 10 to para 11; D-DECIDE Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6; D-CATEGORY Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference > Category of Abuse", para 3; D-LEAD Darlington SCB 2017, "Child Protection Conference > If a Child is made the subject of a Child Protection Plan", para 2, bullet 2', true, false, false, false, 'Darlington SCB 2017'),
 ('sussex', '2023-02-01', NULL, true, 3, 'family_contact', 'never', NULL,
  NULL, NULL, NULL, NULL,
  'chair', 'justified', true, true,
  'Q-MIN: no number stated in Sussex 7.13 2023, so common practice; D-DECIDE Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5; D-CATEGORY Sussex 7.13 2023, "Categories of Abuse or Neglect", para 3 to para 4; D-LEAD Sussex 7.13 2023, "If a Child has a Child Protection Plan", para 2, bullet 1', true, false, false, false, 'Sussex 7.13 2023');

CREATE FUNCTION cpconf.conference_rule_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    grounds text[] := ARRAY['sufficient_information', 'delay_harmful', 'no_contact_with_3_agencies',
                            'social_care_and_one_agency', 'local_difficulties'];
    follows text[] := ARRAY['early_review', 'consider_early_review', 'interim_safety_plan',
                            'early_initial_conference', 'interim_plan_or_plan_review', 'new_date', 'reconvene'];
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
    -- 0.4's column was boolean: a council's script writing true or false
    -- keeps its meaning (always, never).
    IF NEW.health_services_separately IN ('true', 'false') THEN
        NEW.health_services_separately := CASE NEW.health_services_separately WHEN 'true' THEN 'always' ELSE 'never' END;
    END IF;
    IF NEW.health_services_separately NOT IN ('never', 'always', 'as_chair_judges') THEN
        RAISE EXCEPTION 'conference rules of profile "%" have unknown health_services_separately "%"', NEW.profile, NEW.health_services_separately
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
COMMENT ON FUNCTION cpconf.conference_rule_check() IS
    'Trigger: keeps shipped conference rules unchanged and rejects a quorum below 1, unknown grounds or follow-ups, reversed or overlapping periods.';
CREATE TRIGGER conference_rule_check BEFORE INSERT OR UPDATE OR DELETE ON cpconf.conference_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.conference_rule_check();
CREATE TRIGGER conference_rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.conference_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();
CREATE TRIGGER conference_rule_names_profile AFTER INSERT OR UPDATE ON cpconf.conference_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('profile', 'profile', 'profile', 'conference rule row from %s', 'effective_from');
CREATE TRIGGER profile_named_by_conference_rule AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('conference_rule', 'profile');
CREATE TRIGGER conference_rule_names_document AFTER INSERT OR UPDATE ON cpconf.conference_rule
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('document', 'source_document', 'source document', 'conference rule row from %s', 'effective_from');
CREATE TRIGGER source_document_named_by_conference_rule AFTER UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('conference_rule', 'document');

CREATE FUNCTION cpconf.conference_rules(profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS cpconf.conference_rule
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_conference_rules';
COMMENT ON FUNCTION cpconf.conference_rules(text, date) IS
    'The conference rules in force for a profile (NULL: the setting cpconf.profile) on as_of (NULL: today), inherited from its parents.';

/* ------------------------------------------------------------------------
 * Quoracy (Q-MIN, Q-GP): an aggregate over attendance rows.
 * ------------------------------------------------------------------------ */

CREATE TYPE cpconf.attendance AS (
    child           text,
    agency          text,
    sector          cpconf.sector,
    service         text,
    gp              boolean,
    took_part       cpconf.participation,
    direct_contact  boolean,
    contributed_s47 boolean,
    child_born      date
);
COMMENT ON TYPE cpconf.attendance IS
    'One agency''s part in a conference, for one child: built by cpconf.attendee(), aggregated by cpconf.quoracy().';

CREATE TYPE cpconf.quoracy_result AS (
    quorate              boolean,
    social_care_attended boolean,
    agencies_counted     integer,
    agencies_required    integer,
    reason               text
);
COMMENT ON TYPE cpconf.quoracy_result IS
    'quorate (NULL when it turns on a fact not recorded), whether children''s social care attended, the qualifying agencies counted for the child with fewest (children''s social care included), the number required, and why.';

CREATE FUNCTION cpconf.attendee(agency text, took_part text, direct_contact boolean DEFAULT NULL,
                                contributed_s47 boolean DEFAULT NULL, child text DEFAULT NULL,
                                child_born date DEFAULT NULL)
RETURNS cpconf.attendance
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_attendee';
COMMENT ON FUNCTION cpconf.attendee(text, text, boolean, boolean, text, date) IS
    'One attendance fact: the agency as the council records it (mapped through cpconf.agency, or a sector name, or GP), how it took part, whether it had direct contact with the child or contributed to the section 47 enquiry (NULL: not recorded), which child, and the child''s date of birth (for Q-GP).';

CREATE FUNCTION cpconf.quoracy_step(internal, cpconf.attendance, date, text)
RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_quoracy_step';
CREATE FUNCTION cpconf.quoracy_final(internal)
RETURNS cpconf.quoracy_result LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_quoracy_final';
COMMENT ON FUNCTION cpconf.quoracy_step(internal, cpconf.attendance, date, text) IS 'quoracy() transition';
COMMENT ON FUNCTION cpconf.quoracy_final(internal) IS 'quoracy() verdict';

CREATE AGGREGATE cpconf.quoracy(attendance cpconf.attendance, conference date, profile text) (
    SFUNC = cpconf.quoracy_step, STYPE = internal, SSPACE = 144,
    FINALFUNC = cpconf.quoracy_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE cpconf.quoracy(cpconf.attendance, date, text) IS
    'Quoracy of one conference (rules Q-MIN, Q-GP) from its attendance rows, under a profile (NULL: the setting cpconf.profile) as in force on the conference date. Use with GROUP BY the conference.';

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

CREATE FUNCTION cpconf.quoracy_facts_step(internal, text, text, boolean, boolean, text, date, date, text)
RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_quoracy_facts_step';
COMMENT ON FUNCTION cpconf.quoracy_facts_step(internal, text, text, boolean, boolean, text, date, date, text) IS
    'quoracy() transition, the facts given directly';

CREATE AGGREGATE cpconf.quoracy(agency text, took_part text, direct_contact boolean, contributed_s47 boolean,
                                child text, child_born date, conference date, profile text) (
    SFUNC = cpconf.quoracy_facts_step, STYPE = internal, SSPACE = 144,
    FINALFUNC = cpconf.quoracy_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE cpconf.quoracy(text, text, boolean, boolean, text, date, date, text) IS
    'Quoracy of one conference (rules Q-MIN, Q-GP), the facts of each attendance row given directly, in the order of cpconf.attendee(): faster than the attendee() form, which builds a row per attendance. Use with GROUP BY the conference.';

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

/* ------------------------------------------------------------------------
 * The decision (D-DECIDE): an aggregate over agency views.
 * ------------------------------------------------------------------------ */

CREATE TYPE cpconf.decision_result AS (
    decision       text,
    decided_by     text,
    plan_votes     integer,
    no_plan_votes  integer,
    abstentions    integer,
    dissenting     text[],
    chair_dissents boolean,
    reason         text
);
COMMENT ON TYPE cpconf.decision_result IS
    'decision (plan, no_plan, or NULL when the chair''s view is needed), how it was reached, the agencies'' votes, the agencies dissenting from it (D-DISSENT), whether the chair dissents from a majority, and why.';

CREATE FUNCTION cpconf.decision_step(internal, text, text, text, date, text)
RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_decision_step';
CREATE FUNCTION cpconf.decision_final(internal)
RETURNS cpconf.decision_result LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_decision_final';
COMMENT ON FUNCTION cpconf.decision_step(internal, text, text, text, date, text) IS 'conference_decision() transition';
COMMENT ON FUNCTION cpconf.decision_final(internal) IS 'conference_decision() result';

CREATE AGGREGATE cpconf.conference_decision(agency text, view text, chair_view text, conference date, profile text) (
    SFUNC = cpconf.decision_step, STYPE = internal,
    FINALFUNC = cpconf.decision_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE cpconf.conference_decision(text, text, text, date, text) IS
    'The conference''s decision on a plan (rule D-DECIDE) from each agency''s view (plan, no_plan, abstain) and the chair''s, under a profile (NULL: the setting) as in force on the conference date. Use with GROUP BY the conference (and child).';

/* ------------------------------------------------------------------------
 * Checks that return every problem: rule, what is wrong, what would fix it.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.check_categories(categories cpconf.abuse_category[], profile text DEFAULT NULL,
                                        each_meets_threshold boolean DEFAULT NULL,
                                        risk_otherwise_underestimated boolean DEFAULT NULL,
                                        substantial_emotional_concern boolean DEFAULT NULL,
                                        as_of date DEFAULT NULL,
                                        chair_decided boolean DEFAULT NULL)
RETURNS SETOF cpconf.finding
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_check_categories';
COMMENT ON FUNCTION cpconf.check_categories(cpconf.abuse_category[], text, boolean, boolean, boolean, date, boolean) IS
    'Every problem (rule D-CATEGORY) with a plan''s categories under a profile: none named, several where the profile allows one, several without the facts that justify them, several decided by the chair where the chair determines a single one (chair_decided: the agencies could not agree), emotional abuse as a second category without substantial concern. MUL counts as several, not itemised. Empty when the categories may stand.';

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

CREATE TRIGGER conference_rule_truncate BEFORE TRUNCATE ON cpconf.conference_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
GRANT SELECT ON cpconf.agency, cpconf.conference_rule TO PUBLIC;

-- Every statement that writes these tables takes the configuration's turn first.
CREATE TRIGGER agency_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.agency
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER conference_rule_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.conference_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
