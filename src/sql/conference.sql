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
    child_participation        text,
    child_participation_age    integer,
    advocacy_over_age          integer,
    exclusion_by_chair         boolean NOT NULL DEFAULT false,
    views_required             boolean NOT NULL DEFAULT false,
    icpc_delay                 text,
    decision_in_writing        boolean NOT NULL DEFAULT false,
    alternative_plan           boolean NOT NULL DEFAULT false,
    exclusion_recorded         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (profile, effective_from, shipped),
    CONSTRAINT conference_rule_qualifies CHECK (quorum_qualifies IN ('direct_contact', 's47_contribution', 'family_contact')),
    CONSTRAINT conference_rule_decision CHECK (decision IN ('majority', 'agencies_then_chair', 'chair')),
    CONSTRAINT conference_rule_categories CHECK (multiple_categories IN ('allowed', 'justified', 'never', 'not_all_eventualities', 'by_consensus')),
    CONSTRAINT conference_rule_health_services CHECK (health_services_separately IN ('never', 'always', 'as_chair_judges')),
    CONSTRAINT conference_rule_shipped_document CHECK (document IS NOT NULL OR NOT shipped),
    CONSTRAINT conference_rule_child_participation CHECK (child_participation IN ('invited_over', 'offered_from', 'considered_from')
                                                          AND child_participation_age >= 0
                                                          OR child_participation IS NULL AND child_participation_age IS NULL),
    CONSTRAINT conference_rule_advocacy_age CHECK (advocacy_over_age >= 0),
    CONSTRAINT conference_rule_icpc_delay CHECK (icpc_delay IN ('reasons', 'written_agreement'))
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
COMMENT ON COLUMN cpconf.conference_rule.child_participation IS 'P-CHILD-AGE: invited_over (a child older than child_participation_age is invited unless the social worker and chair agree it is not in the child''s interest: staffordshire), offered_from (from that birthday a child is presumed able to take part and offered it, a rebuttable presumption: derby, derbyshire) or considered_from (from that birthday a child is considered individually, and told what the conference is so that the child''s wish is known: darlington); NULL: no rule.';
COMMENT ON COLUMN cpconf.conference_rule.child_participation_age IS 'P-CHILD-AGE: the age of child_participation, in years (12 in every shipped profile that states it).';
COMMENT ON COLUMN cpconf.conference_rule.advocacy_over_age IS 'P-CHILD-AGE: a child older than this is told of the right to advocacy (staffordshire: 5); NULL: no rule.';
COMMENT ON COLUMN cpconf.conference_rule.exclusion_by_chair IS 'P-EXCLUSION: excluding a parent is the chair''s decision (staffordshire, derby, derbyshire, darlington).';
COMMENT ON COLUMN cpconf.conference_rule.exclusion_recorded IS 'P-EXCLUSION: an exclusion is recorded with its grounds, which an exclusion at an earlier conference is not in itself (derby, derbyshire, darlington).';
COMMENT ON COLUMN cpconf.conference_rule.views_required IS 'Q-VIEWS: no conference goes ahead without the views of the child and the parents, given in person, in writing or through an advocate (derby, derbyshire).';
COMMENT ON COLUMN cpconf.conference_rule.icpc_delay IS 'T-ICPC: an initial conference later than its timescale needs its reasons reported to the child protection manager (reasons: derby, derbyshire) or the team manager''s written agreement with the reasons (written_agreement: darlington); NULL: the procedure states nothing.';
COMMENT ON COLUMN cpconf.conference_rule.decision_in_writing IS 'D-WRITTEN: a decision that the child does not need a plan is put in writing to the parents (derby, derbyshire, darlington).';
COMMENT ON COLUMN cpconf.conference_rule.alternative_plan IS 'D-ALT-PLAN: a child at continuing risk of significant harm may be safeguarded by an alternative multi-agency plan instead of a child protection plan, where the conference is satisfied it offers sufficient safeguards (sussex).';
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
  'Q-MIN: Working Together 2018 states no number, so common practice (as Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8); D-DECIDE Working Together 2018 as quoted at Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6, Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5', true, false, false, false, 'Working Together 2018', NULL, NULL, NULL, false, false, NULL, false, false, false),
 ('staffordshire', '2018-10-01', NULL, false, 3, 's47_contribution', 'as_chair_judges', NULL,
  ARRAY['sufficient_information'], ARRAY[]::text[], ARRAY[]::text[], ARRAY['reconvene'],
  'majority', 'by_consensus', false, false,
  'Q-MIN Staffordshire SCB 2018, "Quoracy", para 1 to para 2; Q-PROCEED, Q-CANCEL, T-INQUORATE Staffordshire SCB 2018, "Quoracy", para 4; D-DECIDE Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 6; D-CATEGORY Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 1; D-LEAD Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 2; D-PLAN Staffordshire SCB 2018, "The Initial/Review Child Protection Conference", para 7; P-CHILD-AGE Staffordshire SCB 2018, "Who should be invited to the Initial/Review Child Protection Conference?", para 1; P-EXCLUSION Staffordshire SCB 2018, "Exclusion of the child, their parents, family members or advocates from part or all of a Child Protection Conference", para 1', true, true, false, true, 'Staffordshire SCB 2018', 'invited_over', 12, 5, true, false, NULL, false, false, false),
 ('derby', '2024-09-09', NULL, true, 3, 'direct_contact', 'never', 5,
  ARRAY['sufficient_information', 'delay_harmful'], ARRAY['no_contact_with_3_agencies'],
  ARRAY['early_review'], ARRAY['interim_safety_plan', 'early_initial_conference'],
  'agencies_then_chair', 'allowed', false, false,
  'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"; P-CHILD-AGE Derby and Derbyshire SCP 2024, "Criteria for presence of child at conference, including direct involvement", para 2, bullet 2; P-EXCLUSION Derby and Derbyshire SCP 2024, the part on excluding parents (in the copy under "Babies and younger children"), para 3, beginning "The conference Chair, or other participants, must be notified", to para 15, beginning "If a decision to exclude a parent is made"; Q-VIEWS Derby and Derbyshire SCP 2024, "Location, timing and safety of conferences", para 1; T-ICPC (delay) Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay"; D-WRITTEN Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 6, beginning "If the conference decides that a child is not likely", to para 7', true, true, true, false, 'Derby and Derbyshire SCP 2024', 'offered_from', 12, NULL, true, true, 'reasons', true, false, true),
 ('derbyshire', '2024-09-09', NULL, true, 3, 'direct_contact', 'never', 5,
  ARRAY['sufficient_information', 'delay_harmful'], ARRAY['no_contact_with_3_agencies'],
  ARRAY['early_review'], ARRAY['interim_safety_plan', 'early_initial_conference'],
  'agencies_then_chair', 'allowed', false, false,
  'Q-MIN Derby and Derbyshire SCP 2024, "Conference quorum", para 1; Q-GP Derby and Derbyshire SCP 2024, "Conference quorum", para 2; Q-CANCEL Derby and Derbyshire SCP 2024, "Conference quorum", para 3; Q-PROCEED Derby and Derbyshire SCP 2024, "Conference quorum", para 4 to para 5; D-DECIDE Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 2, beginning "The Child Protection Manager‘s role must remain independent and"; D-CATEGORY Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 1; D-LEAD Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 4, beginning "A qualified Local Authority Children''s Social Worker is identified"; D-PLAN Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 3, beginning "Professional visiting arrangements must be clearly set out"; P-CHILD-AGE Derby and Derbyshire SCP 2024, "Criteria for presence of child at conference, including direct involvement", para 2, bullet 2; P-EXCLUSION Derby and Derbyshire SCP 2024, the part on excluding parents (in the copy under "Babies and younger children"), para 3, beginning "The conference Chair, or other participants, must be notified", to para 15, beginning "If a decision to exclude a parent is made"; Q-VIEWS Derby and Derbyshire SCP 2024, "Location, timing and safety of conferences", para 1; T-ICPC (delay) Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay"; D-WRITTEN Derby and Derbyshire SCP 2024, "Decision that a child needs a Child Protection Plan", para 6, beginning "If the conference decides that a child is not likely", to para 7', true, true, true, false, 'Derby and Derbyshire SCP 2024', 'offered_from', 12, NULL, true, true, 'reasons', true, false, true),
 ('darlington', '2018-07-04', NULL, true, 3, 'family_contact', 'never', NULL,
  ARRAY['sufficient_information', 'delay_harmful'],
  ARRAY['social_care_and_one_agency', 'no_contact_with_3_agencies', 'local_difficulties'],
  ARRAY['consider_early_review'], ARRAY['interim_plan_or_plan_review', 'new_date'],
  'chair', 'not_all_eventualities', false, true,
  'Q-MIN Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8; Q-CANCEL Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 8 to para 9; Q-PROCEED Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 10 to para 11; D-DECIDE Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference", para 5 to para 6; D-CATEGORY Darlington SCB 2017, "Child Protection Conference > Actions and decisions of the Conference > Category of Abuse", para 3; D-LEAD Darlington SCB 2017, "Child Protection Conference > If a Child is made the subject of a Child Protection Plan", para 2, bullet 2; P-CHILD-AGE Darlington SCB 2017, "Child Protection Conference > Criteria for Presence of Child at Conference", para 2 to para 3; P-EXCLUSION Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 1 to para 11; T-ICPC (delay) Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 5; D-WRITTEN Darlington SCB 2017, "Child Protection Conference > If a Child does not require a Protection Plan", para 3', true, false, false, false, 'Darlington SCB 2017', 'considered_from', 12, NULL, true, false, 'written_agreement', true, false, true),
 ('sussex', '2023-02-01', NULL, true, 3, 'family_contact', 'never', NULL,
  NULL, NULL, NULL, NULL,
  'chair', 'justified', true, true,
  'Q-MIN: no number stated in Sussex 7.13 2023, so common practice; D-DECIDE Sussex 7.13 2023, opening text of chapter 7.13, para 4 to para 5; D-CATEGORY Sussex 7.13 2023, "Categories of Abuse or Neglect", para 3 to para 4; D-LEAD Sussex 7.13 2023, "If a Child has a Child Protection Plan", para 2, bullet 1; D-ALT-PLAN Sussex 7.13 2023, opening text of chapter 7.13, para 6, "If a Child does not have a Child Protection Plan", para 2', true, false, false, false, 'Sussex 7.13 2023', NULL, NULL, NULL, false, false, NULL, false, true, false);

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
RETURNS SETOF cpconf.finding ROWS 1
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

CREATE TRIGGER conference_rule_truncate BEFORE TRUNCATE ON cpconf.conference_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
GRANT SELECT ON cpconf.agency, cpconf.conference_rule TO PUBLIC;

-- Every statement that writes these tables takes the configuration's turn first.
CREATE TRIGGER agency_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.agency
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER conference_rule_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.conference_rule
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
