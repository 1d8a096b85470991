/*
 * src/sql/enforcement.sql: the enforcement layer: triggers on the council's
 * own tables that refuse (enforce), log (warn) or ignore (off) a record the
 * procedure does not allow, and audit() over the rows already there.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 *
 * The layer is SQL: each check is one set-based query over the rows a
 * statement wrote (its transition table), joined to the other mapped
 * tables, that calls the C checks of the layers below row by row.  A COPY
 * of many rows costs one query, not one per row.
 */

/* ------------------------------------------------------------------------
 * The checks that can be enforced, and the fields each reads.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.enforceable (
    check_name text PRIMARY KEY,
    rules      text[] NOT NULL,
    meaning    text NOT NULL
);
COMMENT ON TABLE cpconf.enforceable IS
    'The checks cpconf.enforce() attaches to the mapped tables, the rule ids each applies, and what it refuses. Shipped with cpconf; doc/enforcement.md describes them.';

INSERT INTO cpconf.enforceable VALUES
 ('icpc_timeliness', ARRAY['T-ICPC'],
  'An initial conference held later than T-ICPC from its strategy discussion is a fact and is accepted, with the reasons for the delay recorded (and, where the profile says so, reported to the child protection manager or agreed in writing by the team manager): then it is logged as an approved exception. Without them it is refused.'),
 ('conference_day', ARRAY['C-WORKING-DAY'],
  'A conference recorded on a day that is not a working day of the profile''s calendar (a weekend, a bank holiday, a council closure day) is refused.'),
 ('quoracy', ARRAY['Q-MIN', 'Q-GP', 'Q-PROCEED'],
  'A conference whose decision is recorded while its attendance is inquorate needs the chair''s decision to proceed with the grounds the profile requires: then it is an approved exception. Checked at commit, so the decision and the attendance may be written in any order in one transaction; checked again when the attendance changes.'),
 ('plan_start', ARRAY['D-START', 'D-LEAD', 'D-PLAN', 'D-CATEGORY', 'T-CG1', 'T-CG1-BIRTH', 'T-RCPC1'],
  'A new plan starts on the day of the conference that decided it, with a qualified lead social worker, core group members, a contingency and an outline plan, the first core group and first review set in time, and a category.'),
 ('plan_end', ARRAY['X-GROUNDS', 'X-FORUM', 'X-MOVED', 'X-ACTIONS', 'X-FIRST-REVIEW', 'X-SUPERVISION', 'T-MIN-PLAN'],
  'A plan''s end and its ground must be allowed by check_discontinuation() on the mapped facts; open actions ended with a minuted rationale are an approved exception.'),
 ('plan_integrity', ARRAY['I-ORDER', 'I-OVERLAP', 'I-REVIEW', 'I-DEATH'],
  'A plan does not end before it starts; a child has no two plans open on one day; a review is held within its plan; nothing is dated after the child''s death.');

CREATE TABLE cpconf.check_field (
    check_name text NOT NULL,
    entity     text NOT NULL,
    field      text NOT NULL,
    watched    boolean NOT NULL,
    required   boolean NOT NULL,
    PRIMARY KEY (check_name, entity, field)
);
COMMENT ON TABLE cpconf.check_field IS
    'The fields each enforceable check reads: watched (a change to it re-checks the row, and the check''s trigger is on that entity''s table) and required (cpconf.enforce() refuses to attach the check without it). An unrequired field not mapped is a fact not recorded. Shipped with cpconf.';

INSERT INTO cpconf.check_field (check_name, entity, field, watched, required)
SELECT c, e, f, w, r FROM (VALUES
 ('icpc_timeliness', 'conference', 'held', true, true),
 ('icpc_timeliness', 'conference', 'strategy_discussion', true, true),
 ('icpc_timeliness', 'conference', 'kind', true, false),
 ('icpc_timeliness', 'conference', 'transfer_in', true, false),
 ('icpc_timeliness', 'conference', 'delay_reasons_recorded', true, false),
 ('icpc_timeliness', 'conference', 'delay_agreed_in_writing', true, false),
 ('icpc_timeliness', 'strategy_discussion', 'held', true, true),
 ('conference_day', 'conference', 'held', true, true),
 ('quoracy', 'conference', 'held', true, true),
 ('quoracy', 'conference', 'decision', true, true),
 ('quoracy', 'conference', 'kind', true, false),
 ('quoracy', 'conference', 'transfer_in', true, false),
 ('quoracy', 'conference', 'child', true, false),
 ('quoracy', 'conference', 'health_services_separate', true, false),
 ('quoracy', 'conference', 'proceeded_inquorate', true, false),
 ('quoracy', 'conference', 'sufficient_information', true, false),
 ('quoracy', 'conference', 'delay_harmful', true, false),
 ('quoracy', 'conference', 'no_contact_with_3_agencies', true, false),
 ('quoracy', 'conference', 'social_care_and_one_agency', true, false),
 ('quoracy', 'conference', 'local_difficulties', true, false),
 ('quoracy', 'attendance', 'conference', true, true),
 ('quoracy', 'attendance', 'agency', true, true),
 ('quoracy', 'attendance', 'took_part', true, true),
 ('quoracy', 'attendance', 'direct_contact', true, false),
 ('quoracy', 'attendance', 'contributed_s47', true, false),
 ('quoracy', 'child', 'date_of_birth', false, false),
 ('quoracy', 'child', 'expected_delivery', false, false),
 ('plan_start', 'plan', 'started', true, true),
 ('plan_start', 'plan', 'conference', true, true),
 ('plan_start', 'plan', 'child', true, false),
 ('plan_start', 'plan', 'lead_qualified_social_worker', true, false),
 ('plan_start', 'plan', 'lead_interim_manager', true, false),
 ('plan_start', 'plan', 'core_group_members', true, false),
 ('plan_start', 'plan', 'first_core_group', true, false),
 ('plan_start', 'plan', 'first_review', true, false),
 ('plan_start', 'plan', 'contingency_plan', true, false),
 ('plan_start', 'plan', 'outline_plan', true, false),
 ('plan_start', 'plan', 'visiting_arrangements', true, false),
 ('plan_start', 'plan', 'categories', true, false),
 ('plan_start', 'conference', 'held', true, true),
 ('plan_start', 'child', 'date_of_birth', false, false),
 ('plan_start', 'child', 'expected_delivery', false, false),
 ('plan_end', 'plan', 'ended', true, true),
 ('plan_end', 'plan', 'ground', true, true),
 ('plan_end', 'plan', 'decided_at', true, false),
 ('plan_end', 'plan', 'started', true, false),
 ('plan_end', 'plan', 'child', true, false),
 ('plan_end', 'plan', 'key_actions_open', true, false),
 ('plan_end', 'plan', 'open_actions_rationale_minuted', true, false),
 ('plan_end', 'plan', 'transfer_conference_held', true, false),
 ('plan_end', 'plan', 'responsibility_confirmed_in_writing', true, false),
 ('plan_end', 'plan', 'risk_assessed_after_move', true, false),
 ('plan_end', 'plan', 'concerns_unsubstantiated', true, false),
 ('plan_end', 'plan', 'initial_agencies_attended_or_wrote', true, false),
 ('plan_end', 'plan', 'perpetrator_in_custody_or_dead', true, false),
 ('plan_end', 'plan', 'supervision_order_with_parent', true, false),
 ('plan_end', 'plan', 'supervision_order_expires', true, false),
 ('plan_end', 'plan', 'unanimous', true, false),
 ('plan_end', 'plan', 'initial_agencies_consulted', true, false),
 ('plan_end', 'plan', 'recorded_in_records', true, false),
 ('plan_end', 'plan', 'returned_to_carers_after_proceedings', true, false),
 ('plan_end', 'plan', 'return_home_foreseen', true, false),
 ('plan_end', 'plan', 'care_stable', true, false),
 ('plan_end', 'review', 'plan', false, false),
 ('plan_end', 'review', 'held', false, false),
 ('plan_end', 'child', 'date_of_birth', false, false),
 ('plan_end', 'child', 'date_of_death', false, false),
 ('plan_integrity', 'plan', 'child', true, true),
 ('plan_integrity', 'plan', 'started', true, true),
 ('plan_integrity', 'plan', 'ended', true, false),
 ('plan_integrity', 'review', 'plan', true, false),
 ('plan_integrity', 'review', 'child', true, false),
 ('plan_integrity', 'review', 'held', true, false),
 ('plan_integrity', 'conference', 'child', true, false),
 ('plan_integrity', 'conference', 'held', true, false),
 ('plan_integrity', 'visit', 'child', true, false),
 ('plan_integrity', 'visit', 'visited', true, false),
 ('plan_integrity', 'child', 'date_of_death', true, false)
) v (c, e, f, w, r);

GRANT SELECT ON cpconf.enforceable, cpconf.check_field TO PUBLIC;

/* ------------------------------------------------------------------------
 * Which checks are enforced, in which mode and under which profile.  Only
 * the owner of every table a check watches sets its mode (row security).
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.enforced (
    check_name text PRIMARY KEY,
    mode       text NOT NULL CHECK (mode IN ('enforce', 'warn', 'off')),
    profile    text,
    set_by     name NOT NULL DEFAULT SESSION_USER,
    set_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    queries    jsonb,
    calendar   text
);
COMMENT ON TABLE cpconf.enforced IS
    'The mode of each check attached with cpconf.enforce(): enforce (a statement that breaks it fails), warn (accepted, with a WARNING and a row in cpconf.violation) or off; and the profile it applies (NULL: the setting cpconf.profile''s when the record is written). Kept by pg_dump.';
COMMENT ON COLUMN cpconf.enforced.calendar IS
    'The working-day calendar of the check''s profile when it was enforced (the profile''s own, or the setting cpconf.calendar''s then): the trigger applies it, not the writer''s session setting.';
COMMENT ON COLUMN cpconf.enforced.queries IS
    'The check''s query for each entity it reads rows of, written from the mappings when the check or a mapping changes (cpconf.check_sql), so that a trigger need not write it for each statement. A query gone stale (a table or column renamed since) is written again when it runs.';
SELECT pg_catalog.pg_extension_config_dump('cpconf.enforced', '');

-- The tables a check watches, as mapped now.
CREATE FUNCTION cpconf.watched_tables(check_name text)
RETURNS regclass[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT array_agg(DISTINCT m.on_table) FROM cpconf.check_field c JOIN cpconf.mapping m ON m.entity = c.entity
     WHERE c.check_name = watched_tables.check_name AND c.watched
       AND EXISTS (SELECT FROM pg_class t WHERE t.oid = m.on_table);
END;
COMMENT ON FUNCTION cpconf.watched_tables(text) IS
    'The mapped tables a check watches (those that still exist): those of the entities whose fields it re-checks when they change.';

CREATE FUNCTION cpconf.owns_all(tables regclass[])
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT coalesce(bool_and(cpconf.owns(t)), true) FROM unnest(tables) t;
END;
COMMENT ON FUNCTION cpconf.owns_all(regclass[]) IS
    'Whether the current role owns every one of the tables (cpconf.owns).';

ALTER TABLE cpconf.enforced ENABLE ROW LEVEL SECURITY;
CREATE POLICY enforced_read ON cpconf.enforced FOR SELECT USING (true);
CREATE POLICY enforced_write ON cpconf.enforced FOR ALL
    USING (cpconf.watched_tables(check_name) IS NOT NULL AND cpconf.owns_all(cpconf.watched_tables(check_name)))
    WITH CHECK (cpconf.watched_tables(check_name) IS NOT NULL AND cpconf.owns_all(cpconf.watched_tables(check_name)));
-- Written only through cpconf.enforce() (see cpconf.map()).
GRANT SELECT ON cpconf.enforced TO PUBLIC;

/* ------------------------------------------------------------------------
 * The violation log: append-only for everyone but its owner.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.violation (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    written_by  name NOT NULL DEFAULT SESSION_USER,
    on_table    text NOT NULL,
    record_key  text,
    check_name  text NOT NULL,
    rule        text NOT NULL,
    problem     text NOT NULL,
    remedy      text,
    severity    text NOT NULL,
    profile     text,
    mode        text NOT NULL,
    exception   boolean NOT NULL,
    xact        xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
COMMENT ON TABLE cpconf.violation IS
    'Every record a check accepted although it breaks a rule: in warn mode (exception false), and in any mode the exceptions the procedure allows when their justification is recorded (exception true). Refused records are not logged: the statement that wrote them failed. Written only by the enforcement triggers; its owner alone may change it or grant reading it.';
COMMENT ON COLUMN cpconf.violation.written_by IS 'The session''s login role (SESSION_USER) of the statement that wrote the record.';
COMMENT ON COLUMN cpconf.violation.record_key IS 'The record''s mapped id, as text.';
COMMENT ON COLUMN cpconf.violation.xact IS 'The transaction that wrote the record: a finding is logged once per transaction (this transaction id at this start time, as a restored log may hold the same id from another cluster).';
CREATE INDEX violation_xact ON cpconf.violation (xact);
SELECT pg_catalog.pg_extension_config_dump('cpconf.violation', '');
SELECT pg_catalog.pg_extension_config_dump('cpconf.violation_id_seq', '');
REVOKE ALL ON cpconf.violation FROM PUBLIC;

CREATE FUNCTION cpconf.violation_append_only()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'cpconf.violation is append-only'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Only its owner changes or removes what the enforcement triggers logged.',
                  HINT = 'Ask the owner of cpconf.violation.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.violation_append_only() IS
    'Trigger: only the owner of cpconf.violation updates, deletes or truncates it, whatever was granted.';
CREATE TRIGGER violation_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON cpconf.violation
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.violation_append_only();

/* ------------------------------------------------------------------------
 * One finding of a check on one record.
 * ------------------------------------------------------------------------ */

CREATE TYPE cpconf.record_finding AS (
    record_key text,
    rule       text,
    problem    text,
    remedy     text,
    severity   text,
    profile    text,
    exception  boolean
);
COMMENT ON TYPE cpconf.record_finding IS
    'A finding (cpconf.finding) of a check on one record of a mapped table: the record''s id, and whether it is an exception the procedure allows with its justification recorded.';

CREATE FUNCTION cpconf.profile_in_use(profile text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN coalesce(profile, nullif(current_setting('cpconf.profile', true), ''), 'national');
COMMENT ON FUNCTION cpconf.profile_in_use(text) IS
    'The profile a check applies: the one named, or the setting cpconf.profile''s (national when unset).';

CREATE FUNCTION cpconf.day_text(day date)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN isfinite(day) THEN to_char(day, 'YYYY-MM-DD') ELSE day::text END;
COMMENT ON FUNCTION cpconf.day_text(date) IS
    'A day as findings write it, YYYY-MM-DD whatever DateStyle (infinity and -infinity as such).';

CREATE FUNCTION cpconf.kind_read(value text)
RETURNS text
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_kind_read';
COMMENT ON FUNCTION cpconf.kind_read(text) IS
    'A conference''s kind as written (any case and spacing; ICPC, RCPC) as initial, pre_birth, transfer_in or review; another value folded (ASCII letters in lower case, runs of spaces, hyphens and underscores as one underscore), which the checks then report; NULL when blank.';

/* ------------------------------------------------------------------------
 * A check's query, written from its template and the mappings.  In a
 * template, {entity.field:alias} reads a field, {key:entity:alias} is a
 * record's id as text, {table:entity} the mapped table, {source} the rows
 * checked, {optjoin:entity:alias:from_entity.link:from_alias} a LEFT JOIN
 * through a link (nothing when the entity is not mapped, and its fields
 * then read NULL), {mapped:entity.field} true or false, {kind:alias} a
 * conference's kind, {profile} the profile named (or NULL).
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.check_template(check_name text, entity text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE check_name || '/' || entity
WHEN 'icpc_timeliness/conference' THEN $t$
WITH r AS (
    SELECT pg_catalog.row_number() OVER () AS rn, {key:conference:n} AS key,
           {conference.held:n} AS held, {strategy_discussion.held:s} AS discussion, {kind:n} AS kind,
           {conference.delay_reasons_recorded:n} AS reasons, {conference.delay_agreed_in_writing:n} AS agreed
      FROM {source} n {optjoin:strategy_discussion:s:conference.strategy_discussion:n}
), initial AS (
    SELECT * FROM r WHERE held IS NOT NULL AND kind = 'initial'
), judged AS (
    SELECT i.rn, i.key, i.discussion, i.reasons, i.agreed, f.rule, f.problem, f.remedy, f.severity, f.profile, f.o,
           pg_catalog.count(*) OVER (PARTITION BY i.rn) AS findings
      FROM initial i,
           cpconf.check_icpc_timeliness(i.discussion, i.held, {profile}, i.reasons, i.agreed)
               WITH ORDINALITY AS f (rule, problem, remedy, severity, profile, o)
     WHERE i.discussion IS NOT NULL
)
SELECT key, 'T-ICPC', 'the strategy discussion at which the section 47 enquiry began is not recorded',
       'Link the initial conference to its section 47 enquiry, with the date of its strategy discussion.',
       'not_recorded', cpconf.profile_in_use({profile}), false
  FROM initial WHERE discussion IS NULL
UNION ALL
-- the lateness alone: justified by the reasons recorded, or (where the
-- profile asks for it, darlington) the team manager's written agreement
SELECT j.key, j.rule, j.problem, j.remedy, j.severity, j.profile,
       j.reasons IS TRUE OR (j.agreed IS TRUE AND cr.icpc_delay = 'written_agreement')
  FROM judged j, cpconf.conference_rules({profile}, j.discussion) cr
 WHERE j.o = 1 AND j.findings = 1
   AND (j.reasons IS TRUE OR (j.agreed IS TRUE AND cr.icpc_delay = 'written_agreement'))
UNION ALL
SELECT j.key, j.rule, l.problem || ', and ' || j.problem, j.remedy, j.severity, j.profile, false
  FROM judged j JOIN judged l ON l.rn = j.rn AND l.o = 1 WHERE j.o > 1
UNION ALL
SELECT j.key, 'T-ICPC', j.problem || ', and the reasons for the delay are not recorded', 'Record the reasons for the delay.',
       CASE WHEN j.reasons IS NULL THEN 'not_recorded' ELSE 'violation' END, j.profile, false
  FROM judged j, cpconf.conference_rules({profile}, j.discussion) cr
 WHERE j.o = 1 AND j.findings = 1
   AND NOT (j.reasons IS TRUE OR (j.agreed IS TRUE AND cr.icpc_delay = 'written_agreement'))
$t$
WHEN 'conference_day/conference' THEN $t$
WITH r AS (
    SELECT {key:conference:n} AS key, {conference.held:n} AS held FROM {source} n
), c AS (
    SELECT cpconf.profile_calendar({profile}) AS calendar
)
SELECT r.key, 'C-WORKING-DAY',
       pg_catalog.format('the conference is recorded on %s, a %s, which is not a working day of calendar %s',
                         cpconf.day_text(r.held), pg_catalog.to_char(r.held, 'FMDay'), c.calendar),
       'Record the day the conference was held: conferences are held on working days.',
       'violation', cpconf.profile_in_use({profile}), false
  FROM r, c WHERE r.held IS NOT NULL AND NOT cpconf.is_working_day(r.held, c.calendar)
$t$
WHEN 'quoracy/conference' THEN $t$
WITH c AS (
    SELECT {key:conference:n} AS key, {conference.id:n} AS id, {conference.held:n} AS held, {kind:n} AS kind,
           {conference.health_services_separate:n} AS separate, {conference.proceeded_inquorate:n} AS proceeded,
           {conference.sufficient_information:n} AS g1, {conference.delay_harmful:n} AS g2,
           {conference.no_contact_with_3_agencies:n} AS g3, {conference.social_care_and_one_agency:n} AS g4,
           {conference.local_difficulties:n} AS g5,
           coalesce({child.date_of_birth:ch}, {child.expected_delivery:ch}) AS born
      FROM {source} n {optjoin:child:ch:conference.child:n}
     WHERE {conference.decision:n} IS NOT NULL AND {conference.held:n} IS NOT NULL
), q AS (
    -- OFFSET 0: the attendance is judged once a conference, not again for
    -- each reference to its result
    SELECT c.*,
           (SELECT cpconf.quoracy({attendance.agency:a}, {attendance.took_part:a}, {attendance.direct_contact:a},
                                  {attendance.contributed_s47:a}, NULL::pg_catalog.text, c.born, c.held, {profile},
                                  c.kind, c.separate)
              FROM {table:attendance} a WHERE {attendance.conference:a} OPERATOR(pg_catalog.=) c.id) AS q
      FROM c OFFSET 0
)
-- the conferences not found quorate, in one pass
SELECT b.key, x.* FROM (SELECT * FROM q WHERE (q).quorate IS NOT TRUE) b CROSS JOIN LATERAL (
    SELECT 'Q-MIN', 'whether the conference was quorate turns on a fact not recorded: ' || (b.q).reason,
           'Record it, so that the quoracy of the conference can be judged.', 'not_recorded', cpconf.profile_in_use({profile}), false
     WHERE (b.q).quorate IS NULL
    UNION ALL
    SELECT 'Q-PROCEED',
           pg_catalog.format('the conference''s decision is recorded but it was inquorate (%s), and the chair''s decision to proceed is not recorded', (b.q).reason),
           'Record the chair''s decision to proceed and its grounds, or hold the conference again when it is quorate.',
           CASE WHEN b.proceeded IS NULL THEN 'not_recorded' ELSE 'violation' END, cpconf.profile_in_use({profile}), false
     WHERE NOT (b.q).quorate AND b.proceeded IS NOT TRUE
    UNION ALL
    SELECT 'Q-PROCEED',
           CASE WHEN p.may_proceed THEN pg_catalog.format('the conference was inquorate (%s); the chair proceeded: %s', (b.q).reason, p.reason)
                ELSE pg_catalog.format('the chair proceeded although the conference was inquorate (%s), but %s', (b.q).reason, p.reason) END,
           CASE WHEN p.may_proceed THEN coalesce('Then: ' || pg_catalog.array_to_string(p.must_follow, '; ') || '.', 'Nothing further.')
                ELSE 'Record the grounds the profile requires, or hold the conference again when it is quorate.' END,
           CASE WHEN p.may_proceed IS NULL THEN 'not_recorded' ELSE 'violation' END, cpconf.profile_in_use({profile}),
           coalesce(p.may_proceed, false)
      FROM cpconf.conference_rules({profile}, b.held) cr,
           cpconf.inquorate_conference(b.held, {profile}, b.g1, b.g2, b.g3, b.g4, b.g5, b.kind) p
     WHERE NOT (b.q).quorate AND b.proceeded AND cr.proceed_requires IS NOT NULL
    UNION ALL
    -- a profile that states no rule for it leaves holding an inquorate conference to the chair
    SELECT 'Q-PROCEED',
           pg_catalog.format('the conference was inquorate (%s); the chair proceeded, which profile %s leaves to the chair',
                             (b.q).reason, cpconf.profile_in_use({profile})),
           'Nothing further.', 'violation', cpconf.profile_in_use({profile}), true
      FROM cpconf.conference_rules({profile}, b.held) cr
     WHERE NOT (b.q).quorate AND b.proceeded AND cr.proceed_requires IS NULL
) x
$t$
WHEN 'plan_start/plan' THEN $t$
-- check_plan_start is called in the select list, once a row: a set-returning
-- function in FROM costs a result set a row even when it finds nothing
SELECT key, (f).rule, (f).problem, (f).remedy, (f).severity, (f).profile, false FROM (
    SELECT {key:plan:n} AS key,
           cpconf.check_plan_start({conference.held:c}, {plan.lead_qualified_social_worker:n}, {plan.lead_interim_manager:n},
                                   {plan.core_group_members:n}, {plan.first_core_group:n}, {plan.first_review:n},
                                   {plan.contingency_plan:n}, {plan.outline_plan:n}, {plan.visiting_arrangements:n},
                                   cpconf.categories_read({plan.categories:n}), {profile},
                                   CASE WHEN coalesce({child.date_of_birth:ch}, {child.expected_delivery:ch}) > {conference.held:c}
                                        THEN coalesce({child.date_of_birth:ch}, {child.expected_delivery:ch}) END,
                                   {plan.started:n}) AS f
      FROM {source} n {optjoin:conference:c:plan.conference:n} {optjoin:child:ch:plan.child:n}
     WHERE {plan.started:n} IS NOT NULL
) s
$t$
WHEN 'plan_end/plan' THEN $t$
WITH r AS (
    SELECT {key:plan:n} AS key, {plan.ended:n} AS ended, {plan.ground:n} AS ground, {plan.decided_at:n} AS decided_at,
           {plan.started:n} AS started, {first_review:n} AS first_review,
           {plan.key_actions_open:n} AS f1, {plan.open_actions_rationale_minuted:n} AS f2,
           {plan.transfer_conference_held:n} AS f3, {plan.responsibility_confirmed_in_writing:n} AS f4,
           {plan.risk_assessed_after_move:n} AS f5, {plan.concerns_unsubstantiated:n} AS f6,
           {plan.initial_agencies_attended_or_wrote:n} AS f7, {plan.perpetrator_in_custody_or_dead:n} AS f8,
           {plan.supervision_order_with_parent:n} AS f9, {plan.supervision_order_expires:n} AS f10,
           {plan.unanimous:n} AS f11, {plan.initial_agencies_consulted:n} AS f12, {plan.recorded_in_records:n} AS f13,
           {child.date_of_birth:ch} AS born, {child.date_of_death:ch} AS died,
           {plan.returned_to_carers_after_proceedings:n} AS f14, {plan.return_home_foreseen:n} AS f15,
           {plan.care_stable:n} AS f16
      FROM {source} n {optjoin:child:ch:plan.child:n}
     WHERE {plan.ended:n} IS NOT NULL
)
SELECT key, 'X-GROUNDS', 'the ground the plan ended on is not recorded',
       'Record the ground: one of those cpconf.end_reason names.', 'not_recorded', cpconf.profile_in_use({profile}), false
  FROM r WHERE ground IS NULL
UNION ALL
SELECT key, (f).rule, (f).problem, (f).remedy, (f).severity, (f).profile, false FROM (
    SELECT r.key, cpconf.check_discontinuation(r.ground::cpconf.end_reason, r.ended, r.decided_at, {profile}, r.started,
                                               r.first_review, r.f1, r.f2, r.f3, r.f4, r.f5, r.f6, r.f7, r.f8, r.f9, r.f10,
                                               r.f11, r.f12, r.f13, r.born, r.died, r.f14, r.f15, r.f16) AS f
      FROM r WHERE r.ground IS NOT NULL
) s
$t$
WHEN 'plan_integrity/plan' THEN $t$
WITH r AS NOT MATERIALIZED (
    SELECT {key:plan:n} AS key, {plan.id:n} AS id, {plan.child:n} AS child, {plan.started:n} AS started,
           {plan.ended:n} AS ended, {child.date_of_death:ch} AS died
      FROM {source} n {optjoin:child:ch:plan.child:n}
)
-- the rules about the record alone, in one pass over the rows
SELECT b.key, x.* FROM (SELECT * FROM r WHERE id IS NULL OR ended < started OR started > died) b CROSS JOIN LATERAL (
    SELECT 'I-ID', 'the plan has no id', 'Give every plan an id: a plan without one cannot be told from another.',
           'violation', cpconf.profile_in_use({profile}), false
     WHERE b.id IS NULL
    UNION ALL
    SELECT 'I-ORDER',
           pg_catalog.format('the plan ends on %s, before it starts on %s', cpconf.day_text(b.ended), cpconf.day_text(b.started)),
           'Correct its start or its end.', 'violation', cpconf.profile_in_use({profile}), false
     WHERE b.ended < b.started
    UNION ALL
    SELECT 'I-DEATH',
           pg_catalog.format('the plan starts on %s, after the child died on %s', cpconf.day_text(b.started), cpconf.day_text(b.died)),
           'Correct the start, or the date of death.', 'violation', cpconf.profile_in_use({profile}), false
     WHERE b.started > b.died
) x
UNION ALL
SELECT r.key, 'I-ID', 'another plan has the same id',
       'Give every plan its own id (a primary key on the column keeps them so).', 'violation', cpconf.profile_in_use({profile}), false
  FROM r WHERE NOT {unique:plan}
   AND (SELECT pg_catalog.count(*) FROM {table:plan} p WHERE {plan.id:p} OPERATOR(pg_catalog.=) r.id) > 1
UNION ALL
SELECT r.key, 'I-OVERLAP',
       pg_catalog.format('the child''s plan %s (from %s%s) is open on a day of this one (from %s%s)',
                         coalesce(({plan.id:p})::pg_catalog.text, '(no id)'), cpconf.day_text({plan.started:p}),
                         coalesce(' to ' || cpconf.day_text({plan.ended:p}), ', not ended'),
                         cpconf.day_text(r.started), coalesce(' to ' || cpconf.day_text(r.ended), ', not ended')),
       'A child has one plan at a time: end the other plan on or before the day this one starts, or correct the dates.',
       'violation', cpconf.profile_in_use({profile}), false
  FROM r JOIN {table:plan} p
    ON {plan.child:p} OPERATOR(pg_catalog.=) r.child
   AND NOT ({plan.id:p} OPERATOR(pg_catalog.=) r.id AND {plan.started:p} OPERATOR(pg_catalog.=) r.started
            AND {plan.ended:p} IS NOT DISTINCT FROM r.ended)
   AND {plan.started:p} < coalesce(r.ended, 'infinity'::pg_catalog.date)
   AND r.started < coalesce({plan.ended:p}, 'infinity'::pg_catalog.date)
   AND {plan.started:p} < coalesce({plan.ended:p}, 'infinity'::pg_catalog.date)
 WHERE r.started < coalesce(r.ended, 'infinity'::pg_catalog.date)
UNION ALL
SELECT r.key, 'I-REVIEW',
       pg_catalog.format('its review %s on %s is outside the plan (%s%s)', ({review.id:rv})::pg_catalog.text,
                         cpconf.day_text({review.held:rv}), cpconf.day_text(r.started),
                         coalesce(' to ' || cpconf.day_text(r.ended), ', not ended')),
       'Correct the plan''s dates, or link the review to the plan open on its day.', 'violation',
       cpconf.profile_in_use({profile}), false
  FROM r JOIN {reviews:rv} ON {review.plan:rv} OPERATOR(pg_catalog.=) r.id
 WHERE {review.held:rv} < r.started OR {review.held:rv} > r.ended
$t$
WHEN 'plan_integrity/review' THEN $t$
WITH r AS (
    SELECT {key:review:n} AS key, {review.held:n} AS held, {plan.started:p} AS started, {plan.ended:p} AS ended,
           ({plan.id:p})::pg_catalog.text AS plan, {child.date_of_death:ch} AS died
      FROM {source} n {optjoin:plan:p:review.plan:n} {optjoin:child:ch:review.child:n}
     WHERE {review.held:n} IS NOT NULL
)
SELECT key, 'I-REVIEW',
       pg_catalog.format('the review on %s is outside its plan %s (%s%s)', cpconf.day_text(held), plan,
                         cpconf.day_text(started), coalesce(' to ' || cpconf.day_text(ended), ', not ended')),
       'Link the review to the plan open on its day, or correct its date.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r WHERE held < started OR held > ended
UNION ALL
SELECT key, 'I-DEATH',
       pg_catalog.format('the review is held on %s, after the child died on %s', cpconf.day_text(held), cpconf.day_text(died)),
       'Correct its date, or the date of death.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r WHERE held > died
$t$
WHEN 'plan_integrity/conference' THEN $t$
WITH r AS (
    SELECT {key:conference:n} AS key, {conference.held:n} AS held, {child.date_of_death:ch} AS died
      FROM {source} n {optjoin:child:ch:conference.child:n}
)
SELECT key, 'I-DEATH',
       pg_catalog.format('the conference is held on %s, after the child died on %s', cpconf.day_text(held), cpconf.day_text(died)),
       'Correct its date, or the date of death.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r WHERE held > died
$t$
WHEN 'plan_integrity/visit' THEN $t$
WITH r AS (
    SELECT {key:visit:n} AS key, {visit.visited:n} AS visited, {child.date_of_death:ch} AS died
      FROM {source} n {optjoin:child:ch:visit.child:n}
)
SELECT key, 'I-DEATH',
       pg_catalog.format('the visit is on %s, after the child died on %s', cpconf.day_text(visited), cpconf.day_text(died)),
       'Correct its date, or the date of death.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r WHERE visited > died
$t$
WHEN 'plan_integrity/child' THEN $t$
WITH r AS (
    SELECT {key:child:n} AS key, {child.id:n} AS id, {child.date_of_death:n} AS died
      FROM {source} n WHERE {child.date_of_death:n} IS NOT NULL
)
SELECT r.key, 'I-DEATH',
       pg_catalog.format('the child''s plan %s starts on %s, after the date of death %s',
                         ({plan.id:p})::pg_catalog.text, cpconf.day_text({plan.started:p}), cpconf.day_text(r.died)),
       'Correct the date of death, or the plan.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r JOIN {table:plan} p ON {plan.child:p} OPERATOR(pg_catalog.=) r.id
 WHERE {plan.started:p} > r.died
UNION ALL
SELECT r.key, 'I-DEATH',
       pg_catalog.format('the child''s conference %s is held on %s, after the date of death %s',
                         ({conference.id:c})::pg_catalog.text, cpconf.day_text({conference.held:c}), cpconf.day_text(r.died)),
       'Correct the date of death, or the conference.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r JOIN {conferences:c} ON {conference.child:c} OPERATOR(pg_catalog.=) r.id
 WHERE {conference.held:c} > r.died
UNION ALL
SELECT r.key, 'I-DEATH',
       pg_catalog.format('the child''s review %s is held on %s, after the date of death %s',
                         ({review.id:rv})::pg_catalog.text, cpconf.day_text({review.held:rv}), cpconf.day_text(r.died)),
       'Correct the date of death, or the review.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r JOIN {reviews:rv} ON {review.child:rv} OPERATOR(pg_catalog.=) r.id
 WHERE {review.held:rv} > r.died
UNION ALL
SELECT r.key, 'I-DEATH',
       pg_catalog.format('the child''s visit %s is on %s, after the date of death %s',
                         ({visit.id:v})::pg_catalog.text, cpconf.day_text({visit.visited:v}), cpconf.day_text(r.died)),
       'Correct the date of death, or the visit.', 'violation', cpconf.profile_in_use({profile}), false
  FROM r JOIN {visits:v} ON {visit.child:v} OPERATOR(pg_catalog.=) r.id
 WHERE {visit.visited:v} > r.died
$t$
END;
COMMENT ON FUNCTION cpconf.check_template(text, text) IS
    'The query of an enforceable check over one entity''s rows, before the mapping is written into it (cpconf.check_sql).';

-- For FROM: the table of an entity as alias, or, when the entity or a
-- field the query needs is not mapped, an empty relation of that alias.
CREATE FUNCTION cpconf.optional_table_sql(entity text, alias text)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = optional_table_sql.entity)
            THEN cpconf.table_sql(entity) || ' ' || quote_ident(alias)
            ELSE '(SELECT WHERE false) ' || quote_ident(alias) END;
COMMENT ON FUNCTION cpconf.optional_table_sql(text, text) IS
    'For generated SQL: the mapped table of an entity under an alias, or an empty relation when the entity is not mapped (its fields then read as typed NULLs).';

-- Whether a valid unique index on the id column alone keeps an entity's ids
-- unique (then a check need not count them).
CREATE FUNCTION cpconf.id_kept_unique(entity text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN EXISTS (SELECT FROM cpconf.mapping m
                 JOIN pg_attribute a ON a.attrelid = m.on_table AND a.attname = m.columns ->> 'id'
                 JOIN pg_index i ON i.indrelid = m.on_table AND i.indisunique AND i.indisvalid AND i.indnatts = 1
                                AND i.indkey[0] = a.attnum AND i.indpred IS NULL AND i.indexprs IS NULL
                WHERE m.entity = id_kept_unique.entity);
COMMENT ON FUNCTION cpconf.id_kept_unique(text) IS
    'Whether a valid unique index on the mapped id column alone keeps the entity''s ids unique: the I-ID check then need not count them, and the stored queries depend on it (cpconf.query_names).';

CREATE FUNCTION cpconf.check_sql(check_name text, entity text, profile text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET quote_all_identifiers = off
AS $$
DECLARE
    template text := cpconf.check_template(check_name, entity);
    parts text[];
    result text;
    m text[];
    p text[];
    i int := 1;
BEGIN
    IF template IS NULL THEN
        RETURN NULL;
    END IF;
    -- one pass over the template: a placeholder is replaced once, and
    -- nothing written in (a column's name) is read again as a placeholder
    parts := regexp_split_to_array(template, '\{[a-z_0-9.:]+\}');
    result := parts[1];
    FOR m IN SELECT regexp_matches(template, '\{([a-z_0-9.:]+)\}', 'g') LOOP
        p := string_to_array(m[1], ':');
        i := i + 1;
        result := result || CASE p[1]
            WHEN 'source' THEN 'cpconf_rows'
            WHEN 'profile' THEN quote_nullable(profile) || '::pg_catalog.text'
            -- whether a unique index keeps the entity's ids unique (then no need to count them)
            WHEN 'unique' THEN cpconf.id_kept_unique(p[2])::text
            WHEN 'table' THEN cpconf.table_sql(p[2])
            -- a table that may not be mapped: then no rows (its fields read NULL)
            WHEN 'reviews' THEN cpconf.optional_table_sql('review', p[2])
            WHEN 'conferences' THEN cpconf.optional_table_sql('conference', p[2])
            WHEN 'visits' THEN cpconf.optional_table_sql('visit', p[2])
            WHEN 'key' THEN format('(%s)::pg_catalog.text', cpconf.field_sql(p[2], 'id', p[3]))
            WHEN 'mapped' THEN (EXISTS (SELECT FROM cpconf.mapping x WHERE x.entity = split_part(p[2], '.', 1)
                                                                       AND x.columns ? split_part(p[2], '.', 2)))::text
            WHEN 'kind' THEN CASE
                WHEN EXISTS (SELECT FROM cpconf.mapping x WHERE x.entity = 'conference' AND x.columns ? 'kind')
                    THEN format('cpconf.kind_read(%s)', cpconf.field_sql('conference', 'kind', p[2]))
                ELSE format('CASE WHEN %s THEN ''transfer_in'' ELSE ''initial'' END',
                            cpconf.field_sql('conference', 'transfer_in', p[2])) END
            WHEN 'first_review' THEN CASE
                WHEN EXISTS (SELECT FROM cpconf.mapping x WHERE x.entity = 'review' AND x.columns ?& ARRAY['plan', 'held'])
                    THEN format('(SELECT pg_catalog.count(*) <= 1 FROM %s rv WHERE %s OPERATOR(pg_catalog.=) %s AND %s <= %s)',
                                cpconf.table_sql('review'), cpconf.field_sql('review', 'plan', 'rv'),
                                cpconf.field_sql('plan', 'id', p[2]), cpconf.field_sql('review', 'held', 'rv'),
                                cpconf.field_sql('plan', 'ended', p[2]))
                ELSE 'NULL::pg_catalog.bool' END
            WHEN 'optjoin' THEN CASE
                WHEN NOT EXISTS (SELECT FROM cpconf.mapping x WHERE x.entity = p[2]) THEN ''
                WHEN EXISTS (SELECT FROM cpconf.mapping x WHERE x.entity = split_part(p[4], '.', 1)
                                                            AND x.columns ? split_part(p[4], '.', 2))
                    THEN format('LEFT JOIN %s %I ON %s OPERATOR(pg_catalog.=) %s', cpconf.table_sql(p[2]), p[3],
                                cpconf.field_sql(p[2], 'id', p[3]),
                                cpconf.field_sql(split_part(p[4], '.', 1), split_part(p[4], '.', 2), p[5]))
                ELSE format('LEFT JOIN %s %I ON false', cpconf.table_sql(p[2]), p[3]) END
            ELSE cpconf.field_sql(split_part(p[1], '.', 1), split_part(p[1], '.', 2), p[2])
        END || parts[i];
    END LOOP;
    RETURN result;
END
$$;
COMMENT ON FUNCTION cpconf.check_sql(text, text, text) IS
    'The query of an enforceable check over the rows of relation cpconf_rows (a CTE the caller writes before it) of an entity''s mapped table, the mapping written in with every name quoted, in one pass; its rows are cpconf.record_finding. NULL when the check does not read that entity''s rows.';

-- A check's query over the rows that rows_sql selects, as one array.
CREATE FUNCTION cpconf.over_rows(rows_sql text, query text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN 'WITH cpconf_rows AS (' || rows_sql || E')\nSELECT pg_catalog.array_agg(x::cpconf.record_finding) FROM (' || query || ') x';
COMMENT ON FUNCTION cpconf.over_rows(text, text) IS
    'For the enforcement trigger and audit: a check''s query (cpconf.check_sql) run over the rows rows_sql selects, named cpconf_rows; its one row is the findings as an array.';

-- What a stored query was written for: each entity the check reads, its
-- table's name now and its columns.  A table renamed since (and another of
-- its old name) makes the stored query stale: it is written again.
CREATE FUNCTION cpconf.query_names(check_name text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET quote_all_identifiers = off
BEGIN ATOMIC
    SELECT string_agg(m.entity || '=' || m.on_table::text || m.columns::text
                      || CASE WHEN cpconf.id_kept_unique(m.entity) THEN ' unique' ELSE '' END, ';' ORDER BY m.entity)
      FROM cpconf.mapping m
     WHERE m.entity IN (SELECT c.entity FROM cpconf.check_field c WHERE c.check_name = query_names.check_name);
END;
COMMENT ON FUNCTION cpconf.query_names(text) IS
    'The names a check''s stored query was written for (each entity it reads, its table''s name now, its columns): when they differ now, the stored query is stale.';

-- The query of a check over an entity's rows (cpconf_rows): the one stored
-- when it was enforced under this profile, or written now.
CREATE FUNCTION cpconf.check_query(check_name text, entity text, profile text)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN coalesce((SELECT e.queries ->> entity FROM cpconf.enforced e
                  WHERE e.check_name = check_query.check_name AND e.profile IS NOT DISTINCT FROM check_query.profile
                    AND e.queries ->> '_names' = cpconf.query_names(check_query.check_name)),
                cpconf.check_sql(check_name, entity, profile));
COMMENT ON FUNCTION cpconf.check_query(text, text, text) IS
    'The query of a check over an entity''s rows (relation cpconf_rows): stored in cpconf.enforced when the check is enforced under that profile, otherwise written from the mappings now.';

/*
 * SECURITY DEFINER: a change of one table's mapping changes the queries of
 * checks that also watch other owners' tables, which row security would
 * not let its writer update.  It writes only what check_sql derives from
 * the validated mappings, so anyone may run it.
 */
CREATE FUNCTION cpconf.refresh_queries()
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET quote_all_identifiers = off
AS $$
DECLARE
    c record;
    q jsonb;
BEGIN
    FOR c IN SELECT e.check_name, e.profile FROM cpconf.enforced e WHERE e.mode <> 'off' ORDER BY 1 LOOP
        BEGIN
            SELECT jsonb_object_agg(f.entity, cpconf.check_sql(c.check_name, f.entity, c.profile))
                   || jsonb_build_object('_names', cpconf.query_names(c.check_name)) INTO q
              FROM (SELECT DISTINCT x.entity FROM cpconf.check_field x
                     WHERE x.check_name = c.check_name AND cpconf.check_template(x.check_name, x.entity) IS NOT NULL
                       AND EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = x.entity)) f;
        EXCEPTION WHEN undefined_column OR undefined_table OR undefined_object THEN
            q := NULL;   -- written when it runs, with the error that says what to map
        END;
        UPDATE cpconf.enforced e SET queries = q WHERE e.check_name = c.check_name AND e.queries IS DISTINCT FROM q;
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION cpconf.refresh_queries() FROM PUBLIC;
COMMENT ON FUNCTION cpconf.refresh_queries() IS
    'Writes again the stored queries (cpconf.enforced.queries) of the checks in force from the current mappings; run by cpconf.enforce() and by every change of a mapping.';

/*
 * Every finding of a check over source, never an error: when the query
 * fails on a row's data (an unreadable flag, a date outside cpconf's
 * calendars, a date before any rule in force: SQLSTATE class 22), the rows
 * are copied, numbered, into a temporary table and halved until the
 * failing ones stand alone; each gives a DATA finding with the error, and
 * the others are checked as ever.  Clean data costs one query.
 */
CREATE FUNCTION cpconf.check_findings(check_name text, entity text, source regclass, profile text)
RETURNS SETOF cpconf.record_finding
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    query text := cpconf.check_query(check_name, entity, profile);
    copy text := format('cpconf_rows_%s', (random() * 1e9)::bigint);
    numbered text := 'cpconf_row_number';
    total bigint;
    todo int8range[];
    lo bigint;
    hi bigint;
    batch cpconf.record_finding[];
    message text;
    hint text;
BEGIN
    IF query IS NULL THEN
        RETURN;
    END IF;
    BEGIN
        EXECUTE cpconf.over_rows(format('SELECT * FROM %s', source), query) INTO batch;
        RETURN QUERY SELECT * FROM unnest(batch);
        RETURN;
    EXCEPTION WHEN data_exception OR undefined_object OR program_limit_exceeded THEN
        NULL;   -- find the rows below
    END;
    WHILE EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = source AND a.attname = numbered) LOOP
        numbered := numbered || '_';
    END LOOP;
    EXECUTE format('CREATE TEMPORARY TABLE %I AS SELECT cpconf_rows.*, pg_catalog.row_number() OVER () AS %I FROM %s cpconf_rows',
                   copy, numbered, source);
    EXECUTE format('CREATE INDEX ON pg_temp.%I (%I)', copy, numbered);
    EXECUTE format('SELECT pg_catalog.count(*) FROM pg_temp.%I', copy) INTO total;
    IF total = 0 THEN
        RETURN;
    END IF;
    todo := ARRAY[int8range(1, total, '[]')];
    WHILE cardinality(todo) > 0 LOOP
        lo := lower(todo[cardinality(todo)]);
        hi := upper(todo[cardinality(todo)]) - 1;
        todo := todo[1:cardinality(todo) - 1];
        BEGIN
            EXECUTE cpconf.over_rows(format('SELECT * FROM pg_temp.%I WHERE %I BETWEEN $1 AND $2', copy, numbered), query)
               INTO batch USING lo, hi;
            RETURN QUERY SELECT * FROM unnest(batch);
        EXCEPTION WHEN data_exception OR undefined_object OR program_limit_exceeded THEN
            IF lo = hi THEN
                GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
                RETURN QUERY EXECUTE format('SELECT (%s)::pg_catalog.text, ''DATA'', $3, $4, ''violation'', cpconf.profile_in_use($5), false FROM pg_temp.%I n WHERE n.%I BETWEEN $1 AND $2',
                                            cpconf.field_sql(entity, 'id', 'n'), copy, numbered)
                    USING lo, hi, message, coalesce(nullif(hint, ''), 'Correct the record.'), profile;
            ELSE
                todo := todo || int8range((lo + hi) / 2 + 1, hi, '[]') || int8range(lo, (lo + hi) / 2, '[]');
            END IF;
        END;
    END LOOP;
    EXECUTE format('DROP TABLE pg_temp.%I', copy);
END
$$;
COMMENT ON FUNCTION cpconf.check_findings(text, text, regclass, text) IS
    'Every finding of a check over the rows of a table (an entity''s, or a copy of some of its rows): the check''s own, and for a row whose data the check cannot read (a flag that is not yes or no, a date outside cpconf''s calendars, a date before any rule in force, an unknown category or ground), one DATA finding with the error. Never fails on a row''s data.';

/* ------------------------------------------------------------------------
 * The triggers.
 * ------------------------------------------------------------------------ */

-- The rules whose findings speak of the record written alone: said in
-- full to any writer.
CREATE FUNCTION cpconf.self_rules()
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN ARRAY['I-ORDER', 'I-ID', 'C-WORKING-DAY', 'D-LEAD', 'D-PLAN', 'D-CATEGORY'];
COMMENT ON FUNCTION cpconf.self_rules() IS
    'The rules whose findings name only the record written: refusals and warnings say them in full to a writer who may not read the records compared; every other finding''s text is withheld from such a writer (cpconf.withheld_problem).';

-- What a refusal or a warning says of a finding to a writer who may not
-- read the records it was compared with: the rule broken, not their data.
CREATE FUNCTION cpconf.withheld_problem(rule text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE rule
    WHEN 'DATA' THEN 'a value the check reads, of this record or of one compared with it, cannot be read'
    WHEN 'T-CG1' THEN 'the first core group is not set within its timescale from the conference'
    WHEN 'T-CG1-BIRTH' THEN 'the first core group is not set before the birth'
    WHEN 'T-RCPC1' THEN 'the first review is not set within its timescale from the conference'
    WHEN 'T-MIN-PLAN' THEN 'the plan ends before its minimum length, or a fact that decides it is not recorded'
    WHEN 'X-FIRST-REVIEW' THEN 'the plan may not end at its first review, or a fact that decides it is not recorded'
    WHEN 'I-OVERLAP' THEN 'another plan of the child is open on a day of this one'
    WHEN 'I-REVIEW' THEN 'a review and its plan do not agree: the review is outside the plan'
    WHEN 'I-DEATH' THEN 'the record is dated after the child''s recorded date of death'
    WHEN 'I-ID' THEN 'the plan''s id is missing or not unique'
    WHEN 'D-START' THEN 'the plan does not start on the day of the conference that decided it'
    WHEN 'T-ICPC' THEN 'the initial conference is later than its timescale from the strategy discussion, and the justification the profile requires is not recorded'
    WHEN 'Q-MIN' THEN 'whether the conference was quorate cannot be judged from what is recorded'
    WHEN 'Q-PROCEED' THEN 'the conference''s decision is recorded, but its attendance is inquorate and the chair''s decision to proceed, with the grounds the profile requires, is not recorded'
    END;
COMMENT ON FUNCTION cpconf.withheld_problem(text) IS
    'What a refusal or warning says of a finding of the rule to a writer whose session role may not read every table the check compared the record with (NULL: the finding is about the record alone, and is said in full).';

-- What a refusal or warning tells the writer of a finding: all of it, or,
-- for a session that may not read the records compared (reveal false),
-- the rule broken without their data.
CREATE FUNCTION cpconf.as_told(f cpconf.record_finding, reveal boolean,
                               OUT record_key text, OUT problem text, OUT remedy text)
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN ROW(CASE WHEN reveal THEN coalesce(f.record_key, '(no id)') ELSE '(withheld)' END,
           CASE WHEN reveal OR f.rule = ANY (cpconf.self_rules()) THEN f.problem
                ELSE coalesce(cpconf.withheld_problem(f.rule), format('the record breaks rule %s', f.rule)) END,
           CASE WHEN reveal OR f.rule = ANY (cpconf.self_rules()) THEN coalesce(f.remedy, 'Correct the record.')
                ELSE 'Ask someone who may read the records compared, or the log''s readers, for the details.' END);
COMMENT ON FUNCTION cpconf.as_told(cpconf.record_finding, boolean) IS
    'For cpconf.act_on(): the record''s id, the problem and the remedy a refusal or warning says, in full when reveal, otherwise withheld but for rules about the record alone (cpconf.self_rules, cpconf.withheld_problem).';

-- A check's findings on a statement's rows are decided here: refused in
-- enforce mode, logged and warned of in warn mode; exceptions logged.
CREATE FUNCTION cpconf.act_on(check_name text, mode text, on_table text, findings cpconf.record_finding[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f cpconf.record_finding;
    told record;
    blocking int := (SELECT count(*) FROM unnest(findings) x WHERE NOT x.exception);
    warned int := 0;
    -- the session's role (which SET ROLE cannot hide from it) may read
    -- every table the check compared the record with: say it all
    reveal boolean := NOT EXISTS (
        SELECT FROM cpconf.check_field c JOIN cpconf.mapping m ON m.entity = c.entity
         WHERE c.check_name = act_on.check_name
           AND (NOT has_table_privilege(session_user, m.on_table, 'SELECT')
                -- under row security the session may see only some rows
                OR EXISTS (SELECT FROM pg_class t WHERE t.oid = m.on_table AND t.relrowsecurity
                              AND NOT pg_has_role(session_user, t.relowner, 'USAGE')
                              AND NOT (SELECT r.rolbypassrls OR r.rolsuper FROM pg_roles r WHERE r.rolname = session_user))));
    withheld text := CASE WHEN reveal THEN '' ELSE format(' Details are withheld, as role %s may not read the records compared; cpconf.violation and cpconf.audit() give them to those who may.', session_user) END;
BEGIN
    IF mode = 'enforce' AND blocking > 0 THEN
        SELECT * INTO f FROM unnest(findings) x WHERE NOT x.exception LIMIT 1;
        SELECT * INTO told FROM cpconf.as_told(f, reveal);
        RAISE EXCEPTION '%', format('%s record %s: %s', on_table, told.record_key, told.problem)
            USING ERRCODE = 'CP001',
                  DETAIL = format('Rule %s, profile %s, check %s (enforced)%s.%s', f.rule, f.profile, check_name,
                                  CASE WHEN blocking > 1 THEN format('; %s findings in all in this statement', blocking) ELSE '' END,
                                  withheld),
                  HINT = told.remedy;
    END IF;
    FOR f IN
        INSERT INTO cpconf.violation AS v (on_table, record_key, check_name, rule, problem, remedy, severity, profile, mode, exception)
        SELECT DISTINCT on_table, x.record_key, check_name, x.rule, x.problem, x.remedy, x.severity, x.profile, mode, x.exception
          FROM unnest(findings) x
         WHERE NOT EXISTS (SELECT FROM cpconf.violation o
                            WHERE o.xact = pg_current_xact_id() AND o.logged_at = now() AND o.on_table = act_on.on_table
                              AND o.record_key IS NOT DISTINCT FROM x.record_key AND o.check_name = act_on.check_name
                              AND o.rule = x.rule AND o.problem = x.problem)
         ORDER BY 2, 4, 5
        RETURNING v.record_key, v.rule, v.problem, v.remedy, v.severity, v.profile, v.exception
    LOOP
        CONTINUE WHEN f.exception;
        warned := warned + 1;
        IF warned <= 10 THEN
            SELECT * INTO told FROM cpconf.as_told(f, reveal);
            RAISE WARNING '%', format('%s record %s: %s', on_table, told.record_key, told.problem)
                USING DETAIL = format('Rule %s, profile %s, check %s (warn mode): accepted and logged in cpconf.violation.%s',
                                      f.rule, f.profile, check_name, withheld),
                      HINT = told.remedy;
        END IF;
    END LOOP;
    IF warned > 10 THEN
        RAISE WARNING '% more findings of check % on %', warned - 10, check_name, on_table
            USING DETAIL = 'Accepted and logged in cpconf.violation.';
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.act_on(text, text, text, cpconf.record_finding[]) IS
    'For the enforcement trigger: refuses the statement (SQLSTATE CP001) on the first finding that is not an approved exception in enforce mode; otherwise logs the findings in cpconf.violation, once per transaction, with a WARNING for each one that is not an exception (ten at most). A session role that may not read every table the check read is told the rule broken, not the other records'' data (cpconf.withheld_problem).';
REVOKE ALL ON FUNCTION cpconf.act_on(text, text, text, cpconf.record_finding[]) FROM PUBLIC;

-- Only one writer at a time checks a child's plans: otherwise two
-- sessions could each open a plan for the child and neither see the other.
-- The lock is a row of this table, which no other role may read or lock
-- (an advisory lock's key is public in pg_locks, so any role could take it
-- and stall every plan write).
CREATE TABLE cpconf.plan_writer (
    on_table oid NOT NULL,
    child    text NOT NULL,
    PRIMARY KEY (on_table, child)
);
REVOKE ALL ON cpconf.plan_writer FROM PUBLIC;
COMMENT ON TABLE cpconf.plan_writer IS
    'One row per watched plan table and child (and ''*'' for the table as a whole), locked by the plan_integrity check while a transaction writes that child''s plans. Readable by cpconf''s owner only.';

CREATE FUNCTION cpconf.lock_children(on_table regclass, children text[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kid text;
    bulk boolean := children IS NULL OR cardinality(children) > 64;
    snapshot boolean := current_setting('transaction_isolation') <> 'read committed';
    waited boolean := false;
BEGIN
    -- the table as a whole ('*'): a bulk writer alone, a child's writers together
    INSERT INTO cpconf.plan_writer VALUES (on_table, '*') ON CONFLICT DO NOTHING;
    BEGIN
        IF bulk THEN
            PERFORM FROM cpconf.plan_writer w WHERE w.on_table = lock_children.on_table AND w.child = '*' FOR UPDATE NOWAIT;
        ELSE
            PERFORM FROM cpconf.plan_writer w WHERE w.on_table = lock_children.on_table AND w.child = '*' FOR SHARE NOWAIT;
        END IF;
    EXCEPTION WHEN lock_not_available THEN
        waited := true;
        IF bulk THEN
            PERFORM FROM cpconf.plan_writer w WHERE w.on_table = lock_children.on_table AND w.child = '*' FOR UPDATE;
        ELSE
            PERFORM FROM cpconf.plan_writer w WHERE w.on_table = lock_children.on_table AND w.child = '*' FOR SHARE;
        END IF;
    END;
    IF bulk THEN
        UPDATE cpconf.plan_writer w SET child = w.child WHERE w.on_table = lock_children.on_table AND w.child = '*';
    END IF;
    IF bulk AND snapshot AND children IS NOT NULL THEN
        -- a bulk writer whose snapshot is older than another's commit of one
        -- of its children (a new version of that child's row) fails to
        -- serialize when it locks the row
        FOR kid IN SELECT c FROM unnest(children) c WHERE c IS NOT NULL ORDER BY c LOOP
            INSERT INTO cpconf.plan_writer VALUES (on_table, kid) ON CONFLICT DO NOTHING;
            PERFORM FROM cpconf.plan_writer w WHERE w.on_table = lock_children.on_table AND w.child = kid FOR SHARE;
        END LOOP;
    END IF;
    IF NOT bulk THEN
        FOR kid IN SELECT c FROM unnest(children) c WHERE c IS NOT NULL ORDER BY c LOOP
            INSERT INTO cpconf.plan_writer VALUES (on_table, kid) ON CONFLICT DO NOTHING;
            BEGIN
                PERFORM FROM cpconf.plan_writer w WHERE w.on_table = lock_children.on_table AND w.child = kid FOR UPDATE NOWAIT;
            EXCEPTION WHEN lock_not_available THEN
                waited := true;
                PERFORM FROM cpconf.plan_writer w WHERE w.on_table = lock_children.on_table AND w.child = kid FOR UPDATE;
            END;
            -- a new version of the row, so that a transaction whose snapshot
            -- is older (REPEATABLE READ, SERIALIZABLE) fails to lock it later
            UPDATE cpconf.plan_writer w SET child = w.child WHERE w.on_table = lock_children.on_table AND w.child = kid;
        END LOOP;
    END IF;
    IF waited AND snapshot THEN
        RAISE EXCEPTION 'could not serialize access to the records of %', on_table
            USING ERRCODE = 'serialization_failure',
                  DETAIL = 'Another transaction was writing the same child''s plans or the same conference; this transaction''s snapshot cannot see its changes.',
                  HINT = 'Retry the transaction.';
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.lock_children(regclass, text[]) IS
    'For the plan_integrity check (and quoracy, by conference): one transaction at a time writes a child''s plans (more than 64 children, or NULL for a statement of more than 64 rows: the table''s plans), by row locks in cpconf.plan_writer. Under REPEATABLE READ or SERIALIZABLE, waiting for another is a serialization failure, as its plans are invisible to this snapshot.';
REVOKE ALL ON FUNCTION cpconf.lock_children(regclass, text[]) FROM PUBLIC;

/*
 * What the enforcement trigger may read with its rights: only tables (not
 * views, whose functions would run with them), owned by a role the owner of
 * the watched table is a member of (so that no other role's table decides
 * its checks), through mapped columns that still exist and are of built-in
 * types (so that no other role's cast or operator runs).  Checked when a
 * check is enforced, when a mapping changes, and by each statement, as a
 * table's owner or a column's type can change since.
 */
CREATE FUNCTION cpconf.sources_problem(check_name text, watcher regclass)
RETURNS text[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    watcher_owner oid := (SELECT c.relowner FROM pg_class c WHERE c.oid = watcher);
BEGIN
    -- a child table added to the watched one since: rows written to it would escape
    IF watcher IS NOT NULL AND EXISTS (SELECT FROM pg_inherits i WHERE i.inhparent = watcher OR i.inhrelid = watcher) THEN
        RETURN ARRAY['42809', format('%s has inheritance parents, children or partitions, whose rows the check would not see', watcher)];
    END IF;
    FOR r IN SELECT DISTINCT m.entity, m.on_table, m.columns, c.relkind, c.relowner
               FROM cpconf.check_field f JOIN cpconf.mapping m ON m.entity = f.entity
               LEFT JOIN pg_class c ON c.oid = m.on_table
              WHERE f.check_name = sources_problem.check_name
              ORDER BY m.entity
    LOOP
        IF r.relkind IS NULL THEN
            RETURN ARRAY['42P01', format('the table mapped to entity "%s" no longer exists', r.entity)];
        ELSIF r.relkind NOT IN ('r', 'p') THEN
            RETURN ARRAY['42809', format('entity "%s" is mapped to %s, which is not a table (a view is read by reports only)', r.entity, r.on_table)];
        ELSIF watcher IS NOT NULL AND r.relowner <> watcher_owner
              AND NOT (SELECT rolsuper FROM pg_roles WHERE oid = r.relowner)
              AND ((SELECT rolsuper FROM pg_roles WHERE oid = watcher_owner) OR NOT pg_has_role(watcher_owner, r.relowner, 'USAGE')) THEN
            RETURN ARRAY['42501', format('entity "%s" is mapped to %s, owned by role %s, which the owner of %s (role %s) is not a member of',
                                         r.entity, r.on_table, pg_get_userbyid(r.relowner), watcher, pg_get_userbyid(watcher_owner))];
        END IF;
    END LOOP;
    RETURN (SELECT ARRAY[CASE WHEN a.attnum IS NULL THEN '42703' ELSE '42804' END,
                         format('column "%s" of %s (field "%s" of entity "%s") is %s', x.col, m.on_table, x.field, m.entity,
                                CASE WHEN a.attnum IS NULL THEN 'missing'
                                     WHEN cpconf.usable_type(f.kind, a.atttypid) THEN 'of a nondeterministic collation, under which equal ids could differ'
                                     ELSE 'of type ' || format_type(a.atttypid, NULL) || ', which the field cannot hold' END)]
              FROM cpconf.mapping m
              CROSS JOIN LATERAL jsonb_each_text(m.columns) x (field, col)
              JOIN cpconf.field f ON f.entity = m.entity AND f.field = x.field
              LEFT JOIN pg_attribute a ON a.attrelid = m.on_table AND a.attname = x.col AND a.attnum > 0 AND NOT a.attisdropped
             WHERE m.entity IN (SELECT c.entity FROM cpconf.check_field c WHERE c.check_name = sources_problem.check_name)
               AND (a.attnum IS NULL OR NOT cpconf.usable_type(f.kind, a.atttypid)
                    OR EXISTS (SELECT FROM pg_collation co WHERE co.oid = a.attcollation AND NOT co.collisdeterministic))
             ORDER BY m.entity, x.field LIMIT 1);
END
$$;
COMMENT ON FUNCTION cpconf.sources_problem(text, regclass) IS
    'Why a check watching a table (NULL: for cpconf.audit()) may not read what it is mapped to, as {SQLSTATE, problem} (NULL when it may): an entity it reads mapped to something not a table, to a table of a role the watched table''s owner is not a member of, or through a column missing or of a type not built in.';

/*
 * The check of the enforcement trigger, run by cpconf.enforce_rows() (C,
 * src/enforcement.c) with the rights of the watched table's owner; its
 * findings are queued for the trigger, which refuses or logs them with the
 * log owner's rights.
 */
-- Without JIT: compiling a check's query for a bulk statement costs more
-- than running it (a few hundred milliseconds for 100,000 rows).
CREATE FUNCTION cpconf.enforce_rows_body()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- a check's query joins a statement's rows with a table: a merge join sorts
-- both, which the planner picks on a table's statistics gone stale in a bulk
-- load (twice the cost of the hash join), and a bitmap scan for each of many
-- rows costs three times an index scan (the quoracy check at commit: the
-- attendance of each conference); JIT compiles for longer than a check runs
SET enable_mergejoin = off
SET enable_bitmapscan = off
SET jit = off
SET quote_all_identifiers = off
AS $$
DECLARE
    chk text := TG_ARGV[0];
    ent text := TG_ARGV[1];
    setting record;
    judged text := ent;
    rows_sql text;
    problem text[];
    ids text[] := '{}';
    id text;
    id_col text;
    id_type text;
    link_col text;
    cond text;
    findings cpconf.record_finding[];
    batch cpconf.record_finding[];
    query text;
    copy text;
    message text;
    hint text;
BEGIN
    IF TG_NARGS <> 2 OR TG_WHEN <> 'AFTER' THEN
        RAISE EXCEPTION 'cpconf.enforce_rows() must be attached by cpconf.enforce()'
            USING ERRCODE = 'triggered_action_exception';
    END IF;
    IF chk = 'quoracy' AND TG_LEVEL = 'STATEMENT' THEN
        -- the conferences this statement wrote, or whose attendance it
        -- wrote, wait for the commit (cpconf.queue_conferences); a
        -- conference updated without a change to what quoracy reads does not
        -- ids as the trigger's C writes them: a number without trailing zeros
        -- (51.0 is conference 51)
        IF ent = 'attendance' THEN
            link_col := (SELECT m.columns ->> 'conference' FROM cpconf.mapping m WHERE m.entity = 'attendance');
            cond := CASE WHEN (SELECT c.type_oid FROM cpconf.mapped_column('attendance', 'conference') c) = 'numeric'::regtype
                         THEN 'pg_catalog.trim_scale(x.%I)::pg_catalog.text' ELSE '(x.%I)::pg_catalog.text' END;
            rows_sql := concat_ws(' UNION ALL ',
                                  CASE WHEN TG_OP <> 'DELETE' THEN format('SELECT ' || cond || ' FROM cpconf_new x', link_col) END,
                                  CASE WHEN TG_OP <> 'INSERT' THEN format('SELECT ' || cond || ' FROM cpconf_old x', link_col) END);
        ELSE
            id_col := (SELECT m.columns ->> 'id' FROM cpconf.mapping m WHERE m.entity = 'conference');
            rows_sql := format(CASE WHEN (SELECT c.type_oid FROM cpconf.mapped_column('conference', 'id') c) = 'numeric'::regtype
                                    THEN 'SELECT pg_catalog.trim_scale(n.%I)::pg_catalog.text FROM cpconf_new n'
                                    ELSE 'SELECT (n.%I)::pg_catalog.text FROM cpconf_new n' END, id_col);
            IF TG_OP = 'UPDATE' THEN
                SELECT string_agg(format('o.%1$I IS NOT DISTINCT FROM n.%1$I', m.columns ->> c.field), ' AND ') INTO cond
                  FROM cpconf.check_field c JOIN cpconf.mapping m ON m.entity = c.entity
                 WHERE c.check_name = chk AND c.entity = 'conference' AND m.columns ? c.field;
                rows_sql := rows_sql || format(' WHERE NOT EXISTS (SELECT FROM cpconf_old o WHERE o.%1$I OPERATOR(pg_catalog.=) n.%1$I AND %2$s)',
                                               id_col, coalesce(cond, 'true'));
            END IF;
        END IF;
        EXECUTE format('SELECT pg_catalog.array_agg(i) FROM (%s) x(i)', rows_sql) INTO ids;   -- kept once each, NULL not
        PERFORM cpconf.queue_conferences(ids);
        RETURN NULL;
    END IF;
    -- at commit, the conferences waiting, taken before anything else runs
    IF TG_LEVEL = 'ROW' THEN
        ids := cpconf.conferences_to_judge();
    END IF;
    SELECT * INTO setting FROM cpconf.enforced e WHERE e.check_name = chk;
    IF NOT FOUND OR setting.mode = 'off' THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = ent AND m.on_table = TG_RELID) THEN
        RAISE EXCEPTION 'trigger "%" on table %.% is not attached to a mapped table', TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'triggered_action_exception',
                  DETAIL = format('cpconf.mapping does not map this table to entity "%s".', ent),
                  HINT = format('Drop the trigger, or map the table and run cpconf.enforce(%L, %L) again.', chk, setting.mode);
    END IF;
    -- the check reads only tables its owner trusts, through columns of
    -- built-in types, as mapped now (see cpconf.sources_problem)
    problem := cpconf.sources_problem(chk, TG_RELID);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'check "%" cannot run on %: %', chk, format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), problem[2]
            USING ERRCODE = problem[1],
                  HINT = format('Map the entity again (cpconf.mappings shows its state), or turn the check off: cpconf.enforce(%L, ''off'').', chk);
    END IF;
    IF cpconf.profile_in_use(setting.profile) IS NOT NULL
       AND NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = cpconf.profile_in_use(setting.profile)) THEN
        RAISE EXCEPTION 'unknown profile "%"', cpconf.profile_in_use(setting.profile)
            USING ERRCODE = 'undefined_object',
                  DETAIL = format('Check "%s" applies the setting cpconf.profile.', chk),
                  HINT = 'Set cpconf.profile to a known profile, or give the check one: cpconf.enforce(check, mode, profile).';
    END IF;
    IF setting.queries ->> '_names' IS DISTINCT FROM cpconf.query_names(chk) THEN
        setting.queries := NULL;   -- stale: a table renamed since; written again below
    END IF;
    query := coalesce(setting.queries ->> CASE WHEN TG_LEVEL = 'ROW' THEN 'conference' ELSE ent END,
                      cpconf.check_sql(chk, CASE WHEN TG_LEVEL = 'ROW' THEN 'conference' ELSE ent END, setting.profile));

    IF TG_LEVEL = 'ROW' THEN
        -- quoracy, at commit: every conference waiting, in one query.  Their
        -- rows are locked first, whatever they hold, in order, so that a
        -- concurrent change of their attendance or decision waits for this
        -- transaction and is then checked with this one's change.
        judged := 'conference';
        id_col := (SELECT m.columns ->> 'id' FROM cpconf.mapping m WHERE m.entity = 'conference');
        -- with its length: char(4) is not char(1)
        id_type := (SELECT format_type(a.atttypid, a.atttypmod) FROM cpconf.mapped_column('conference', 'id') c
                      JOIN pg_attribute a ON a.attrelid = c.on_table AND a.attname = c.column_name);
        rows_sql := format('SELECT * FROM %s x WHERE x.%I OPERATOR(pg_catalog.=) ANY ($1::%s[])',
                           cpconf.table_sql('conference'), id_col, id_type);
        BEGIN
            EXECUTE format('SELECT 1 FROM %s x JOIN pg_catalog.unnest($1::%s[]) cpconf_ids(id) ON x.%I OPERATOR(pg_catalog.=) cpconf_ids.id ORDER BY x.%I FOR NO KEY UPDATE OF x',
                           cpconf.table_sql('conference'), id_type, id_col, id_col) USING ids;
            PERFORM cpconf.lock_conferences();
            EXECUTE cpconf.over_rows(rows_sql, query) INTO findings USING ids;
        EXCEPTION WHEN data_exception OR undefined_object OR program_limit_exceeded THEN
            -- a conference the check cannot read: each on its own
            findings := '{}';
            FOREACH id IN ARRAY ids LOOP
                rows_sql := format('SELECT * FROM %s x WHERE x.%I OPERATOR(pg_catalog.=) %L::%s',
                                   cpconf.table_sql('conference'), id_col, id, id_type);
                BEGIN
                    EXECUTE format('SELECT 1 FROM %s x WHERE x.%I OPERATOR(pg_catalog.=) $1::%s FOR NO KEY UPDATE',
                                   cpconf.table_sql('conference'), id_col, id_type) USING id;
                    PERFORM cpconf.lock_conferences();
                    EXECUTE cpconf.over_rows(rows_sql, query) INTO batch;
                EXCEPTION WHEN data_exception OR undefined_object OR program_limit_exceeded THEN
                    GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
                    batch := ARRAY[ROW(id, 'DATA', message, coalesce(nullif(hint, ''), 'Correct the record.'), 'violation',
                                       cpconf.profile_in_use(setting.profile), false)::cpconf.record_finding];
                END;
                findings := findings || batch;
            END LOOP;
        END;
    ELSE
        rows_sql := 'SELECT * FROM cpconf_new';
        IF TG_OP = 'UPDATE' THEN
            -- only the rows whose watched fields changed
            SELECT string_agg(format('o.%1$I IS NOT DISTINCT FROM n.%1$I', m.columns ->> c.field), ' AND ')
              INTO cond
              FROM cpconf.check_field c JOIN cpconf.mapping m ON m.entity = c.entity
             WHERE c.check_name = chk AND c.entity = ent AND c.watched AND m.columns ? c.field;
            rows_sql := format('SELECT n.* FROM cpconf_new n WHERE NOT EXISTS (SELECT FROM cpconf_old o WHERE o.%1$I OPERATOR(pg_catalog.=) n.%1$I AND %2$s)',
                               (SELECT m.columns ->> 'id' FROM cpconf.mapping m WHERE m.entity = ent), coalesce(cond, 'true'));
        END IF;
        IF cpconf.check_template(chk, ent) IS NULL THEN
            -- a change here is judged on the records that link to it (a
            -- strategy discussion moved: its initial conferences)
            SELECT f.entity, m.columns ->> f.field INTO judged, link_col
              FROM cpconf.field f JOIN cpconf.mapping m ON m.entity = f.entity
             WHERE f.kind = 'link' AND f.links_to = ent AND m.columns ? f.field
               AND cpconf.check_template(chk, f.entity) IS NOT NULL
             ORDER BY f.entity LIMIT 1;
            IF judged IS NULL THEN
                RETURN NULL;
            END IF;
            rows_sql := format('SELECT t.* FROM %s t WHERE t.%I IN (SELECT n.%I FROM (%s) n)', cpconf.table_sql(judged), link_col,
                               (SELECT m.columns ->> 'id' FROM cpconf.mapping m WHERE m.entity = ent), rows_sql);
            query := coalesce(setting.queries ->> judged, cpconf.check_sql(chk, judged, setting.profile));
            ent := judged;
        END IF;
        BEGIN
            BEGIN
                EXECUTE cpconf.over_rows(rows_sql, query) INTO findings;
            EXCEPTION WHEN undefined_column OR undefined_table THEN
                -- a table or column renamed since the query was stored: write
                -- it again (an error that names the field if the mapping is broken)
                query := cpconf.check_sql(chk, ent, setting.profile);
                EXECUTE cpconf.over_rows(rows_sql, query) INTO findings;
            END;
        EXCEPTION WHEN data_exception OR undefined_object OR program_limit_exceeded THEN
            -- a row the check cannot read: find it among a copy of the rows
            copy := format('cpconf_written_%s', (random() * 1e9)::bigint);
            BEGIN
                EXECUTE format('CREATE TEMPORARY TABLE %I AS %s', copy, rows_sql);
            EXCEPTION WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'check "%" cannot find the rows it cannot read: the owner of %.% may not create temporary tables',
                                chk, TG_TABLE_SCHEMA, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'GRANT TEMPORARY ON DATABASE to the table''s owner (PostgreSQL grants it to PUBLIC by default).';
            END;
            findings := ARRAY(SELECT f FROM cpconf.check_findings(chk, ent, format('pg_temp.%I', copy)::regclass, setting.profile) f);
            EXECUTE format('DROP TABLE pg_temp.%I', copy);
        END;
    END IF;
    -- always, and last: the trigger takes this call's findings only
    PERFORM cpconf.queue_findings(chk, setting.mode, cpconf.table_sql(judged), coalesce(findings, '{}'));
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.enforce_rows_body() IS
    'The check of the enforcement trigger, run by cpconf.enforce_rows() with the rights of the watched table''s owner: the findings of the check named by the trigger''s first argument on the rows of the entity named by its second, queued for the trigger (cpconf.queue_findings).';

CREATE FUNCTION cpconf.queue_findings(check_name text, mode text, on_table text, findings cpconf.record_finding[])
RETURNS void
LANGUAGE c VOLATILE
AS 'MODULE_PATHNAME', 'cpconf_queue_findings';
COMMENT ON FUNCTION cpconf.queue_findings(text, text, text, cpconf.record_finding[]) IS
    'For cpconf.enforce_rows_body(): hands the check''s findings to the trigger, which refuses or logs them once the check is over (an error outside a check).';

CREATE FUNCTION cpconf.queue_conferences(ids text[])
RETURNS void
LANGUAGE c VOLATILE
AS 'MODULE_PATHNAME', 'cpconf_queue_conferences';
COMMENT ON FUNCTION cpconf.queue_conferences(text[]) IS
    'For cpconf.enforce_rows_body(): the quoracy check''s statement triggers hand it the conferences a statement wrote, or whose attendance it wrote, to be judged at commit, each kept once (an error outside a check).';

CREATE FUNCTION cpconf.lock_conferences()
RETURNS void
LANGUAGE c VOLATILE
AS 'MODULE_PATHNAME', 'cpconf_lock_conferences';
COMMENT ON FUNCTION cpconf.lock_conferences() IS
    'For cpconf.enforce_rows_body(): once the quoracy check holds the rows of the conferences it judges, cpconf''s own lock of them (cpconf.lock_children, with the log owner''s rights), so that a REPEATABLE READ or SERIALIZABLE transaction that missed another''s change fails to serialize (an error outside a check).';

CREATE FUNCTION cpconf.conferences_to_judge()
RETURNS text[]
LANGUAGE c VOLATILE
AS 'MODULE_PATHNAME', 'cpconf_conferences_to_judge';
COMMENT ON FUNCTION cpconf.conferences_to_judge() IS
    'For cpconf.enforce_rows_body(): at commit, the conferences waiting to be judged by the quoracy check, once (the first deferred firing judges them all; an error outside a check).';

/*
 * The trigger itself: C, as it runs each part with the rights it needs and
 * no more (src/enforcement.c): the check as the watched table's owner,
 * cpconf's own locks and log writes as the log's owner.  Not SECURITY
 * DEFINER: that would run the check, and so the planner's evaluation of the
 * table owner's code, with a superuser's rights.
 */
CREATE FUNCTION cpconf.enforce_rows()
RETURNS trigger
LANGUAGE c
AS 'MODULE_PATHNAME', 'cpconf_enforce_rows';
COMMENT ON FUNCTION cpconf.enforce_rows() IS
    'Trigger attached by cpconf.enforce() (after each statement, over the rows it wrote; for quoracy, deferred to commit, for each row): runs the check named by its first argument on the rows of the entity named by its second with the rights of the table''s owner (cpconf.enforce_rows_body), and refuses, logs or ignores its findings as the check''s mode says.';

/* ------------------------------------------------------------------------
 * The API.
 * ------------------------------------------------------------------------ */

-- What a check needs before it can run on the mapped tables.
CREATE FUNCTION cpconf.check_ready(check_name text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing text;
BEGIN
    IF check_name IS NULL OR NOT EXISTS (SELECT FROM cpconf.enforceable e WHERE e.check_name = check_ready.check_name) THEN
        RAISE EXCEPTION 'unknown check "%"', check_name
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The checks are: ' || (SELECT string_agg(e.check_name, ', ' ORDER BY e.check_name) FROM cpconf.enforceable e) || '.',
                  HINT = 'Name one of them (doc/enforcement.md).';
    END IF;
    SELECT string_agg(c.entity || '.' || c.field, ', ' ORDER BY c.entity, c.field) INTO missing
      FROM cpconf.check_field c
     WHERE c.check_name = check_ready.check_name AND c.required
       AND NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = c.entity AND m.columns ? c.field);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'check "%" needs fields that are not mapped: %', check_name, missing
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'Without them the check cannot judge any record.',
                  HINT = 'Map them with cpconf.map() (doc/mapping.md); cpconf.mappings shows what is mapped.';
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.check_ready(text) IS
    'Raises an error unless the check is known and every field it requires is mapped.';

CREATE FUNCTION cpconf.attach(check_name text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    tg name;
BEGIN
    FOR t IN SELECT DISTINCT c.entity, m.on_table FROM cpconf.check_field c JOIN cpconf.mapping m ON m.entity = c.entity
              WHERE c.check_name = attach.check_name AND c.watched
              ORDER BY c.entity
    LOOP
        IF (SELECT relkind FROM pg_class WHERE oid = t.on_table) <> 'r' THEN
            RAISE EXCEPTION 'check "%" cannot watch %: it is not a plain table', check_name, t.on_table
                USING ERRCODE = 'wrong_object_type',
                      DETAIL = format('Entity "%s" is mapped to it; triggers are attached to plain tables only (a partitioned table''s statement triggers do not see rows written to its partitions directly).', t.entity),
                      HINT = 'Map the entity to the table the case system writes, or use cpconf.audit() on it.';
        END IF;
        IF EXISTS (SELECT FROM pg_inherits i WHERE i.inhparent = t.on_table OR i.inhrelid = t.on_table) THEN
            RAISE EXCEPTION 'check "%" cannot watch %: it has inheritance parents, children or partitions', check_name, t.on_table
                USING ERRCODE = 'wrong_object_type',
                      DETAIL = format('Entity "%s" is mapped to it; rows written to another table of its hierarchy would not be checked.', t.entity),
                      HINT = 'Map the entity to a table outside an inheritance hierarchy, or use cpconf.audit().';
        END IF;
        IF NOT cpconf.owns(t.on_table) THEN
            RAISE EXCEPTION 'must be owner of table %', t.on_table
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = format('Check "%s" attaches a trigger to it.', check_name);
        END IF;
        -- a trigger of the check's name that would not fire as attached (a
        -- WHEN condition, enabled for replicas only, another function) is
        -- replaced
        FOR tg IN SELECT g.tgname FROM pg_trigger g
                   WHERE g.tgrelid = t.on_table AND g.tgname = ANY (cpconf.check_triggers(check_name, t.entity))
                     AND (g.tgqual IS NOT NULL OR g.tgenabled NOT IN ('O', 'A') OR g.tgfoid <> 'cpconf.enforce_rows()'::regprocedure
                          OR g.tgnargs <> 2)
        LOOP
            EXECUTE format('DROP TRIGGER %I ON %s', tg, t.on_table);
        END LOOP;
        IF check_name = 'quoracy' THEN
            -- at commit, by a deferred row trigger (a constraint trigger has
            -- no transition tables); the statements' triggers say which
            -- conferences it judges (cpconf.queue_conferences)
            IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = t.on_table AND tgname = 'cpconf_quoracy') THEN
                EXECUTE format('CREATE CONSTRAINT TRIGGER cpconf_quoracy AFTER INSERT OR UPDATE%s ON %s DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cpconf.enforce_rows(%L, %L)',
                               CASE WHEN t.entity = 'attendance' THEN ' OR DELETE' ELSE '' END,
                               t.on_table, check_name, t.entity);
            END IF;
            IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = t.on_table AND tgname = 'cpconf_quoracy_insert') THEN
                EXECUTE format('CREATE TRIGGER cpconf_quoracy_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS cpconf_new FOR EACH STATEMENT EXECUTE FUNCTION cpconf.enforce_rows(%L, %L)',
                               t.on_table, check_name, t.entity);
            END IF;
            IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = t.on_table AND tgname = 'cpconf_quoracy_update') THEN
                EXECUTE format('CREATE TRIGGER cpconf_quoracy_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS cpconf_old NEW TABLE AS cpconf_new FOR EACH STATEMENT EXECUTE FUNCTION cpconf.enforce_rows(%L, %L)',
                               t.on_table, check_name, t.entity);
            END IF;
            IF t.entity = 'attendance' AND NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = t.on_table AND tgname = 'cpconf_quoracy_delete') THEN
                EXECUTE format('CREATE TRIGGER cpconf_quoracy_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS cpconf_old FOR EACH STATEMENT EXECUTE FUNCTION cpconf.enforce_rows(%L, %L)',
                               t.on_table, check_name, t.entity);
            END IF;
        ELSE
            IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = t.on_table AND tgname = format('cpconf_%s_insert', check_name)) THEN
                EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS cpconf_new FOR EACH STATEMENT EXECUTE FUNCTION cpconf.enforce_rows(%L, %L)',
                               format('cpconf_%s_insert', check_name), t.on_table, check_name, t.entity);
            END IF;
            IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = t.on_table AND tgname = format('cpconf_%s_update', check_name)) THEN
                EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS cpconf_old NEW TABLE AS cpconf_new FOR EACH STATEMENT EXECUTE FUNCTION cpconf.enforce_rows(%L, %L)',
                               format('cpconf_%s_update', check_name), t.on_table, check_name, t.entity);
            END IF;
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION cpconf.attach(text) IS
    'Creates a check''s triggers on the mapped tables it watches (those missing only, as cpconf.check_triggers names them): cpconf_CHECK_insert and cpconf_CHECK_update after each statement; for quoracy also the deferred cpconf_quoracy, and cpconf_quoracy_delete on the attendance.';

-- The triggers a check attaches to the table of an entity it watches.
CREATE FUNCTION cpconf.check_triggers(check_name text, entity text)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN ARRAY[format('cpconf_%s_insert', check_name), format('cpconf_%s_update', check_name)]
       || CASE WHEN check_name = 'quoracy' THEN ARRAY['cpconf_quoracy'] ELSE '{}' END
       || CASE WHEN check_name = 'quoracy' AND entity = 'attendance' THEN ARRAY['cpconf_quoracy_delete'] ELSE '{}' END;
COMMENT ON FUNCTION cpconf.check_triggers(text, text) IS
    'The names of the triggers a check attaches to the mapped table of an entity it watches (cpconf.attach), all of which must be there and enabled for it to be enforced.';

CREATE FUNCTION cpconf.detach(check_name text, only_table regclass DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT tg.tgname, tg.tgrelid::regclass AS on_table FROM pg_trigger tg
              WHERE tg.tgfoid = 'cpconf.enforce_rows()'::regprocedure
                AND tg.tgname = ANY (cpconf.check_triggers(check_name, 'attendance'))
                AND (only_table IS NULL OR tg.tgrelid = only_table)
                -- the mapped tables (and a table just mapped away from), not another role's decoy
                AND (tg.tgrelid = only_table OR tg.tgrelid IN (SELECT m.on_table FROM cpconf.mapping m))
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.on_table);
    END LOOP;
END
$$;
COMMENT ON FUNCTION cpconf.detach(text, regclass) IS
    'Drops a check''s triggers (from one table, or from all).';

-- SECURITY DEFINER, as cpconf.map(): it writes cpconf.enforced, which no
-- other role may, once it has checked that the session's role owns every
-- table the check watches; EXECUTE is granted by the administrator.
CREATE FUNCTION cpconf.enforce(check_name text, mode text DEFAULT 'enforce', profile text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    chosen text := lower(btrim(mode));
    unmapped text;
    problem text[];
BEGIN
    IF chosen IS NULL OR chosen NOT IN ('enforce', 'warn', 'off') THEN
        RAISE EXCEPTION 'unknown mode "%"', mode
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The modes are enforce (a statement that breaks the check fails), warn (accepted, with a warning and a row in cpconf.violation) and off.',
                  HINT = 'Name one of them.';
    END IF;
    IF profile IS NOT NULL AND NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = enforce.profile) THEN
        RAISE EXCEPTION 'unknown profile "%"', profile
            USING ERRCODE = 'undefined_object',
                  HINT = 'Known profiles: ' || cpconf.names_for_hint('profile', NULL) || '.';
    END IF;
    PERFORM cpconf.check_ready(check_name);
    IF NOT cpconf.owns_all(cpconf.watched_tables(check_name)) THEN
        RAISE EXCEPTION 'must be owner of every table check "%" watches', check_name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Tables: ' || array_to_string(cpconf.watched_tables(check_name), ', ') || '.',
                  HINT = 'Ask the owner of those tables to set the mode.';
    END IF;
    INSERT INTO cpconf.enforced AS e (check_name, mode, profile, calendar)
    VALUES (check_name, chosen, profile, cpconf.profile_calendar(profile))
        ON CONFLICT ON CONSTRAINT enforced_pkey
        DO UPDATE SET mode = excluded.mode, profile = excluded.profile, calendar = excluded.calendar,
                      set_by = SESSION_USER, set_at = now();
    IF chosen = 'off' THEN
        PERFORM cpconf.detach(check_name);
        RETURN;
    END IF;
    SELECT p INTO problem FROM unnest(cpconf.watched_tables(check_name)) t, cpconf.sources_problem(check_name, t) p
     WHERE p IS NOT NULL LIMIT 1;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'check "%" cannot be enforced: %', check_name, problem[2]
            USING ERRCODE = problem[1],
                  DETAIL = 'A check reads, with more rights than the writer, only tables owned by a role the watched table''s owner is a member of, through columns of built-in types.',
                  HINT = 'Map the entity to such a table (or ask its mapper to unmap it).';
    END IF;
    IF EXISTS (SELECT FROM unnest(cpconf.watched_tables(check_name)) t JOIN pg_class c ON c.oid = t
                WHERE NOT has_database_privilege(c.relowner, current_database(), 'TEMPORARY')) THEN
        RAISE EXCEPTION 'check "%" needs the owner of every table it watches to be able to create temporary tables', check_name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'A check isolates a row it cannot read (a dirty flag, a placeholder date) among a temporary copy of the rows written.',
                  HINT = 'GRANT TEMPORARY ON DATABASE to the tables'' owner (PostgreSQL grants it to PUBLIC by default).';
    END IF;
    PERFORM cpconf.attach(check_name);
    PERFORM cpconf.refresh_queries();
    SELECT string_agg(c.entity || '.' || c.field, ', ' ORDER BY c.entity, c.field) INTO unmapped
      FROM cpconf.check_field c
     WHERE c.check_name = enforce.check_name AND NOT c.required
       AND EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = c.entity)
       AND NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = c.entity AND m.columns ? c.field);
    IF unmapped IS NOT NULL THEN
        RAISE NOTICE 'check "%" reads these fields as not recorded, as they are not mapped: %', check_name, unmapped
            USING HINT = 'A rule that needs one of them reports it as not recorded; map the columns that hold them.';
    END IF;
    -- quoracy reads each judged conference's attendance by its link
    IF check_name = 'quoracy' AND NOT EXISTS (
        SELECT FROM pg_index i, cpconf.mapped_column('attendance', 'conference') c
         WHERE i.indrelid = c.on_table
           AND i.indkey[0] = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.on_table AND a.attname = c.column_name)) THEN
        RAISE NOTICE 'no index on the attendance''s conference column: each conference judged reads the whole table'
            USING HINT = (SELECT format('CREATE INDEX ON %s (%I);', c.on_table, c.column_name)
                            FROM cpconf.mapped_column('attendance', 'conference') c);
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION cpconf.enforce(text, text, text) FROM PUBLIC;
COMMENT ON FUNCTION cpconf.enforce(text, text, text) IS
    'Attaches a check (cpconf.enforceable) to the mapped tables it watches, in mode enforce (a statement that breaks it fails with SQLSTATE CP001), warn (accepted, with a WARNING and a row in cpconf.violation) or off (its triggers dropped), under a profile (NULL: the setting cpconf.profile''s when a record is written). Only the owner of every table it watches may. Switching between enforce and warn changes no table, so it may happen inside a transaction.';

CREATE TYPE cpconf.audit_finding AS (
    check_name text,
    on_table   text,
    record_key text,
    rule       text,
    problem    text,
    remedy     text,
    severity   text,
    profile    text,
    exception  boolean
);
COMMENT ON TYPE cpconf.audit_finding IS
    'A finding of cpconf.audit(): the check, the table and the record''s id, and the finding (cpconf.record_finding).';

CREATE FUNCTION cpconf.audit(check_name text DEFAULT NULL, profile text DEFAULT NULL)
RETURNS SETOF cpconf.audit_finding
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
    used text;
    problem text[];
BEGIN
    IF audit.profile IS NOT NULL AND NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = audit.profile) THEN
        RAISE EXCEPTION 'unknown profile "%"', audit.profile
            USING ERRCODE = 'undefined_object',
                  HINT = 'Known profiles: ' || cpconf.names_for_hint('profile', NULL) || '.';
    END IF;
    IF audit.check_name IS NOT NULL THEN
        PERFORM cpconf.check_ready(audit.check_name);
    END IF;
    FOR c IN
        SELECT DISTINCT e.check_name AS name, f.entity
          FROM cpconf.enforceable e JOIN cpconf.check_field f ON f.check_name = e.check_name
         WHERE (audit.check_name IS NULL OR e.check_name = audit.check_name)
           AND cpconf.check_template(e.check_name, f.entity) IS NOT NULL
           AND EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = f.entity)
           AND NOT EXISTS (SELECT FROM cpconf.check_field r
                            WHERE r.check_name = e.check_name AND r.required
                              AND NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = r.entity AND m.columns ? r.field))
         ORDER BY 1, 2
    LOOP
        used := coalesce(audit.profile, (SELECT x.profile FROM cpconf.enforced x WHERE x.check_name = c.name));
        problem := cpconf.sources_problem(c.name, NULL);
        IF problem IS NOT NULL THEN
            RAISE EXCEPTION 'check "%" cannot be audited: %', c.name, problem[2]
                USING ERRCODE = problem[1],
                      HINT = 'Map the entity again (cpconf.mappings shows its state).';
        END IF;
        RETURN QUERY
            SELECT c.name, cpconf.table_sql(c.entity), f.record_key, f.rule, f.problem, f.remedy, f.severity, f.profile, f.exception
              FROM cpconf.check_findings(c.name, c.entity, cpconf.table_sql(c.entity)::regclass, used) f;
    END LOOP;
END
$$;
COMMENT ON FUNCTION cpconf.audit(text, text) IS
    'Every finding of a check (NULL: of every check whose required fields are mapped) on the rows already in the mapped tables, changing nothing: how a council sees what enforce mode would refuse before it switches from warn. Under the profile named, or the check''s enforced profile, or the setting cpconf.profile''s. A row the check cannot read gives a DATA finding.';

CREATE VIEW cpconf.enforcement AS
SELECT e.check_name, coalesce(x.mode, 'off') AS mode, x.profile, x.set_by, x.set_at,
       (SELECT array_agg(t::text ORDER BY t::text) FROM unnest(cpconf.watched_tables(e.check_name)) t) AS watched_tables,
       CASE WHEN coalesce(x.mode, 'off') = 'off' THEN NULL
            ELSE NOT EXISTS (SELECT FROM cpconf.check_field c JOIN cpconf.mapping m ON m.entity = c.entity,
                                         unnest(cpconf.check_triggers(e.check_name, c.entity)) n
                              WHERE c.check_name = e.check_name AND c.watched
                                AND EXISTS (SELECT FROM pg_class t WHERE t.oid = m.on_table)
                                AND NOT EXISTS (SELECT FROM pg_trigger tg WHERE tg.tgrelid = m.on_table AND tg.tgenabled IN ('O', 'A')
                                                   AND tg.tgqual IS NULL AND tg.tgfoid = 'cpconf.enforce_rows()'::regprocedure
                                                   AND tg.tgname = n))
       END AS triggers_present,
       (SELECT array_agg(c.entity || '.' || c.field ORDER BY c.entity, c.field) FROM cpconf.check_field c
         WHERE c.check_name = e.check_name
           AND NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = c.entity AND m.columns ? c.field)) AS not_mapped,
       e.rules, e.meaning
  FROM cpconf.enforceable e LEFT JOIN cpconf.enforced x ON x.check_name = e.check_name;
COMMENT ON VIEW cpconf.enforcement IS
    'Each enforceable check: its mode (off unless set), profile, who set it and when, the tables it watches, whether its triggers are all there and fire as attached (false after ALTER TABLE ... DISABLE TRIGGER or ENABLE REPLICA TRIGGER, a trigger of its name with a WHEN condition, or a restore without triggers: cpconf.enforce() puts them back), the fields it reads that are not mapped, its rules and what it refuses.';
GRANT SELECT ON cpconf.enforcement TO PUBLIC;

/*
 * A mapping that enforcement depends on: unmapping an entity a check in
 * force watches is refused; mapping it to another table moves the
 * check's triggers.
 */
CREATE FUNCTION cpconf.mapping_changed()
RETURNS void
LANGUAGE c VOLATILE
AS 'MODULE_PATHNAME', 'cpconf_mapping_changed';
COMMENT ON FUNCTION cpconf.mapping_changed() IS
    'For cpconf.mapping''s trigger: the quoracy triggers of this session forget which columns hold a row''s conference, and read them again from the mapping.';

CREATE FUNCTION cpconf.mapping_enforced()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
    changed text := CASE WHEN TG_OP = 'DELETE' THEN OLD.entity ELSE NEW.entity END;
    problem text[];
BEGIN
    PERFORM cpconf.mapping_changed();   -- quoracy's triggers read the columns mapped now
    IF cpconf.loading_dump() THEN
        RETURN NULL;   -- the dump brings the triggers and stored queries with it
    END IF;
    FOR c IN SELECT DISTINCT x.check_name, x.mode FROM cpconf.enforced x JOIN cpconf.check_field f ON f.check_name = x.check_name
              WHERE x.mode <> 'off' AND f.entity = changed
              ORDER BY 1
    LOOP
        IF TG_OP = 'DELETE' THEN
            -- a mapping whose table was dropped may go: its triggers went with it
            CONTINUE WHEN NOT EXISTS (SELECT FROM pg_class WHERE oid = OLD.on_table);
            RAISE EXCEPTION 'entity "%" is read by check "%", which is in % mode', OLD.entity, c.check_name, c.mode
                USING ERRCODE = 'dependent_objects_still_exist',
                      HINT = format('Turn it off first: SELECT cpconf.enforce(%L, ''off'').', c.check_name);
        END IF;
        PERFORM cpconf.check_ready(c.check_name);
        IF TG_OP = 'UPDATE' AND NEW.on_table <> OLD.on_table AND EXISTS (SELECT FROM pg_class WHERE oid = OLD.on_table) THEN
            PERFORM cpconf.detach(c.check_name, OLD.on_table);
        END IF;
        PERFORM cpconf.attach(c.check_name);
        SELECT p INTO problem FROM unnest(cpconf.watched_tables(c.check_name)) t, cpconf.sources_problem(c.check_name, t) p
         WHERE p IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
            RAISE EXCEPTION 'entity "%" cannot be mapped so while check "%" is in % mode: %', changed, c.check_name, c.mode, problem[2]
                USING ERRCODE = problem[1],
                      DETAIL = 'A check reads, with more rights than the writer, only tables owned by a role the watched table''s owner is a member of, through columns of built-in types.',
                      HINT = 'Map it to a table of that owner''s, or ask the owner to turn the check off first.';
        END IF;
    END LOOP;
    PERFORM cpconf.refresh_queries();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.mapping_enforced() IS
    'Trigger: an entity read by a check in force cannot be unmapped, nor lose a field the check requires; mapped (again, or to another table), the check''s triggers are attached to its table, and the stored queries of the checks are written again.';
CREATE TRIGGER mapping_enforced AFTER INSERT OR UPDATE OR DELETE ON cpconf.mapping
    FOR EACH ROW EXECUTE FUNCTION cpconf.mapping_enforced();
