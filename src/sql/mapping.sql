/*
 * src/sql/mapping.sql: the mapping layer: which of the council's tables and
 * columns holds each fact the checks read.  Enforcement and reporting read
 * a council's tables only through it.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 *
 * The layer is SQL only: it validates names and types once, and writes the
 * expressions that read a mapped column as the check's type; the checks it
 * feeds are C.
 */

/* ------------------------------------------------------------------------
 * The fields of each entity, fixed and documented (doc/mapping.md).  They
 * reuse the parameter names of the check_* functions where the meaning is
 * the same.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.field (
    entity   text NOT NULL,
    field    text NOT NULL,
    kind     text NOT NULL CHECK (kind IN ('id', 'link', 'date', 'flag', 'text', 'integer', 'decision')),
    links_to text,
    meaning  text NOT NULL,
    PRIMARY KEY (entity, field),
    CHECK ((kind = 'link') = (links_to IS NOT NULL))
);
COMMENT ON TABLE cpconf.field IS
    'The fields of each entity that cpconf.map() can map to a column: kind (id, link to another entity''s id, date, flag, text, integer, decision) and meaning. Shipped with cpconf; doc/mapping.md lists them.';

INSERT INTO cpconf.field (entity, field, kind, links_to, meaning) VALUES
 ('child', 'id', 'id', NULL, 'the child''s identifier'),
 ('child', 'date_of_birth', 'date', NULL, 'date of birth'),
 ('child', 'expected_delivery', 'date', NULL, 'expected date of delivery of an unborn child'),
 ('child', 'date_of_death', 'date', NULL, 'date of death'),
 ('strategy_discussion', 'id', 'id', NULL, 'the section 47 enquiry''s identifier'),
 ('strategy_discussion', 'child', 'link', 'child', 'the child'),
 ('strategy_discussion', 'held', 'date', NULL, 'the strategy discussion at which the section 47 enquiry began (T-ICPC counts from it)'),
 ('strategy_discussion', 'ended', 'date', NULL, 'the day the section 47 enquiry ended'),
 ('conference', 'id', 'id', NULL, 'the conference''s identifier'),
 ('conference', 'child', 'link', 'child', 'the child'),
 ('conference', 'strategy_discussion', 'link', 'strategy_discussion', 'the section 47 enquiry that led to an initial conference'),
 ('conference', 'kind', 'text', NULL, 'initial, pre_birth, transfer_in or review (any case and spacing); not mapped: every row is an initial conference'),
 ('conference', 'transfer_in', 'flag', NULL, 'the conference is a transfer-in conference (as the Standard Safeguarding Dataset records it)'),
 ('conference', 'held', 'date', NULL, 'the day the conference was held'),
 ('conference', 'due', 'date', NULL, 'the target date the case system stored (reporting compares it with cpconf''s)'),
 ('conference', 'decision', 'decision', NULL, 'the decision: plan or no_plan, or a flag (yes: a plan)'),
 ('conference', 'delay_reasons_recorded', 'flag', NULL, 'the reasons for a late initial conference are recorded (and reported where the profile says so)'),
 ('conference', 'delay_agreed_in_writing', 'flag', NULL, 'the team manager agreed a late initial conference in writing (darlington)'),
 ('conference', 'health_services_separate', 'flag', NULL, 'the chair counted health services as separate agencies (staffordshire)'),
 ('conference', 'proceeded_inquorate', 'flag', NULL, 'the chair decided to hold the conference although inquorate (Q-PROCEED)'),
 ('conference', 'sufficient_information', 'flag', NULL, 'ground to proceed inquorate: there is sufficient information'),
 ('conference', 'delay_harmful', 'flag', NULL, 'ground to proceed inquorate: delay would harm the child'),
 ('conference', 'no_contact_with_3_agencies', 'flag', NULL, 'ground to proceed inquorate: the child is not in contact with three agencies'),
 ('conference', 'social_care_and_one_agency', 'flag', NULL, 'ground to proceed inquorate: social care and one other agency attended'),
 ('conference', 'local_difficulties', 'flag', NULL, 'ground to proceed inquorate: local difficulties'),
 ('attendance', 'id', 'id', NULL, 'the attendance row''s identifier'),
 ('attendance', 'conference', 'link', 'conference', 'the conference'),
 ('attendance', 'agency', 'text', NULL, 'the agency as the council names it (cpconf.agency, a sector name, or GP)'),
 ('attendance', 'took_part', 'text', NULL, 'how it took part: attended, report, apologies, ... (cpconf.participation)'),
 ('attendance', 'direct_contact', 'flag', NULL, 'the agency has direct contact with the child'),
 ('attendance', 'contributed_s47', 'flag', NULL, 'the agency contributed to the section 47 enquiry'),
 ('plan', 'id', 'id', NULL, 'the plan''s identifier'),
 ('plan', 'child', 'link', 'child', 'the child'),
 ('plan', 'conference', 'link', 'conference', 'the conference that decided the plan'),
 ('plan', 'started', 'date', NULL, 'the day the plan started'),
 ('plan', 'ended', 'date', NULL, 'the day the plan ended (not a day of the plan)'),
 ('plan', 'ground', 'text', NULL, 'the ground it ended on (cpconf.end_reason: a name or a census code)'),
 ('plan', 'decided_at', 'text', NULL, 'where the ending was decided: review_conference, transfer_conference, looked_after_discussion, manager'),
 ('plan', 'categories', 'text', NULL, 'the category of abuse, or several separated by commas (cpconf.abuse_category): the initial category, as the census and Annex A name it'),
 ('plan', 'latest_categories', 'text', NULL, 'the latest category of abuse, where the case system keeps it apart from the initial one (census item N00114)'),
 ('plan', 'other_council', 'flag', NULL, 'the plan is held by another council'),
 ('plan', 'lead_qualified_social_worker', 'flag', NULL, 'the lead is a qualified social worker'),
 ('plan', 'lead_interim_manager', 'flag', NULL, 'the lead is a first-line manager in the interim'),
 ('plan', 'core_group_members', 'integer', NULL, 'how many core group members are named'),
 ('plan', 'first_core_group', 'date', NULL, 'the first core group''s date'),
 ('plan', 'first_review', 'date', NULL, 'the first review conference''s date as set at the start'),
 ('plan', 'contingency_plan', 'flag', NULL, 'a contingency plan is recorded'),
 ('plan', 'outline_plan', 'flag', NULL, 'an outline plan is recorded'),
 ('plan', 'visiting_arrangements', 'flag', NULL, 'visiting arrangements are recorded'),
 ('plan', 'key_actions_open', 'flag', NULL, 'key safeguarding actions were open when it ended'),
 ('plan', 'open_actions_rationale_minuted', 'flag', NULL, 'the rationale for ending with open actions is minuted'),
 ('plan', 'transfer_conference_held', 'date', NULL, 'the receiving council''s transfer-in conference, for a child who moved'),
 ('plan', 'responsibility_confirmed_in_writing', 'flag', NULL, 'the receiving council confirmed responsibility in writing'),
 ('plan', 'risk_assessed_after_move', 'flag', NULL, 'the risk was assessed after the move'),
 ('plan', 'concerns_unsubstantiated', 'flag', NULL, 'the concerns were not substantiated'),
 ('plan', 'initial_agencies_attended_or_wrote', 'flag', NULL, 'the agencies of the initial conference attended or wrote'),
 ('plan', 'perpetrator_in_custody_or_dead', 'flag', NULL, 'the perpetrator is in custody or dead'),
 ('plan', 'supervision_order_with_parent', 'flag', NULL, 'the child lives with a parent under a supervision order'),
 ('plan', 'supervision_order_expires', 'date', NULL, 'the supervision order''s expiry'),
 ('plan', 'unanimous', 'flag', NULL, 'the decision to end was unanimous'),
 ('plan', 'initial_agencies_consulted', 'flag', NULL, 'the agencies of the initial conference were consulted'),
 ('plan', 'recorded_in_records', 'flag', NULL, 'the ending is recorded in the agencies'' records'),
 ('plan', 'returned_to_carers_after_proceedings', 'flag', NULL, 'the child returned to its carers after proceedings'),
 ('plan', 'return_home_foreseen', 'flag', NULL, 'a looked-after child''s return home is foreseen'),
 ('plan', 'care_stable', 'flag', NULL, 'a looked-after child''s care is stable'),
 ('review', 'id', 'id', NULL, 'the review''s identifier'),
 ('review', 'plan', 'link', 'plan', 'the plan reviewed'),
 ('review', 'child', 'link', 'child', 'the child'),
 ('review', 'held', 'date', NULL, 'the day the review conference was held'),
 ('review', 'due', 'date', NULL, 'the due date the case system stored'),
 ('review', 'quorate', 'flag', NULL, 'the review was quorate, as recorded'),
 ('visit', 'id', 'id', NULL, 'the visit''s identifier'),
 ('visit', 'plan', 'link', 'plan', 'the plan'),
 ('visit', 'child', 'link', 'child', 'the child'),
 ('visit', 'visited', 'date', NULL, 'the day of the visit'),
 ('visit', 'seen', 'flag', NULL, 'the child was seen'),
 ('visit', 'seen_alone', 'flag', NULL, 'the child was seen alone');

GRANT SELECT ON cpconf.field TO PUBLIC;

/* ------------------------------------------------------------------------
 * The council's mappings: one table per entity, a column per field.  The
 * table is named by regclass, so a renamed table stays mapped and pg_dump
 * writes its qualified name; columns are named, so a dump restores them.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.mapping (
    entity    text PRIMARY KEY,
    on_table  regclass NOT NULL,
    columns   jsonb NOT NULL,
    mapped_by name NOT NULL DEFAULT SESSION_USER,
    mapped_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE cpconf.mapping IS
    'Which council table holds each entity (cpconf.field) and which column each field: written by cpconf.map(), read by enforcement and reporting. Only the owner of a table maps it. Kept by pg_dump.';
COMMENT ON COLUMN cpconf.mapping.columns IS 'A JSON object: field name -> column name. A field left out is a fact not recorded.';
SELECT pg_catalog.pg_extension_config_dump('cpconf.mapping', '');

-- Only the owner of a table (or a member of its owning role) maps it: row
-- security says so for direct writes too, and the trigger says why.
CREATE FUNCTION cpconf.owns(on_table regclass)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN coalesce((SELECT pg_has_role(SESSION_USER, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = on_table), false);
COMMENT ON FUNCTION cpconf.owns(regclass) IS
    'Whether the session''s role owns the table (or is a member of its owner): who may map it and enforce checks on it. The session''s role, as the API functions that ask run with their owner''s rights (and SET ROLE cannot hide a role from itself).';

CREATE FUNCTION cpconf.dropped_mapping_of_mine(on_table regclass, mapped_by name)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN NOT EXISTS (SELECT FROM pg_class c WHERE c.oid = on_table)
   AND EXISTS (SELECT FROM pg_roles r WHERE r.rolname = mapped_by AND pg_has_role(SESSION_USER, r.oid, 'USAGE'));
COMMENT ON FUNCTION cpconf.dropped_mapping_of_mine(regclass, name) IS
    'Whether a mapping''s table no longer exists and the session''s role made the mapping (or is a member of the role that did): who may then unmap it.';

ALTER TABLE cpconf.mapping ENABLE ROW LEVEL SECURITY;
CREATE POLICY mapping_read ON cpconf.mapping FOR SELECT USING (true);
CREATE POLICY mapping_insert ON cpconf.mapping FOR INSERT WITH CHECK (cpconf.owns(on_table));
CREATE POLICY mapping_update ON cpconf.mapping FOR UPDATE USING (cpconf.owns(on_table)) WITH CHECK (cpconf.owns(on_table));
-- a mapping whose table was dropped is removed by the role that mapped it
CREATE POLICY mapping_delete ON cpconf.mapping FOR DELETE
    USING (cpconf.owns(on_table) OR cpconf.dropped_mapping_of_mine(on_table, mapped_by));
-- Written only through cpconf.map() and cpconf.unmap(): a role that could
-- write it could also lock it, and stall every checked write.
GRANT SELECT ON cpconf.mapping TO PUBLIC;

-- A column's type, as the field's kind reads it: NULL when it cannot.
-- Ids and links are built-in types only, so that no code of another
-- role's (an equality operator of its own type) runs inside a check.
CREATE FUNCTION cpconf.usable_type(kind text, type_oid oid)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE kind
    WHEN 'date' THEN type_oid IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype)
    WHEN 'flag' THEN type_oid IN ('boolean'::regtype, 'text'::regtype, 'varchar'::regtype, 'bpchar'::regtype,
                                  'int2'::regtype, 'int4'::regtype, 'int8'::regtype)
    WHEN 'decision' THEN type_oid IN ('boolean'::regtype, 'text'::regtype, 'varchar'::regtype, 'bpchar'::regtype)
    WHEN 'text' THEN type_oid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype)
    WHEN 'integer' THEN type_oid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
    ELSE type_oid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype, 'text'::regtype,
                      'varchar'::regtype, 'bpchar'::regtype, 'uuid'::regtype)
END;
COMMENT ON FUNCTION cpconf.usable_type(text, oid) IS
    'Whether a column of the type can hold a field of the kind: dates as date, timestamp or timestamptz; flags as boolean, text (Y/N, yes/no, 1/0, true/false) or an integer (1/0); ids as built-in integers, numeric, text or uuid; text as text, varchar or char. Built-in types only: a check reads them with more rights than the writer, and another role''s type could bring its own casts and operators.';

-- Ids that a link compares: numbers with numbers, text with text, uuid with uuid.
CREATE FUNCTION cpconf.id_family(type_oid oid)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN type_oid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype) THEN 'number'
            WHEN type_oid = 'uuid'::regtype THEN 'uuid' ELSE 'text' END;
COMMENT ON FUNCTION cpconf.id_family(oid) IS
    'What an id column holds, for comparing a link with the id it points to: number, text or uuid.';

-- The column of a mapped field: its attribute, NULL when unmapped.
CREATE FUNCTION cpconf.mapped_column(entity text, field text, OUT on_table regclass, OUT column_name text,
                                     OUT type_oid oid, OUT present boolean)
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT m.on_table, m.columns ->> field, a.atttypid, a.attnum IS NOT NULL
      FROM cpconf.mapping m
      LEFT JOIN pg_attribute a ON a.attrelid = m.on_table AND a.attname = (m.columns ->> field)
                              AND a.attnum > 0 AND NOT a.attisdropped
     WHERE m.entity = mapped_column.entity AND m.columns ? field;
END;
COMMENT ON FUNCTION cpconf.mapped_column(text, text) IS
    'The table and column that hold an entity''s field, the column''s type, and whether it is still there; no row when the field is not mapped.';

CREATE FUNCTION cpconf.mapping_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f record;
    col text;
    att record;
BEGIN
    IF cpconf.loading_dump() THEN
        RETURN NEW;   -- a dump's mappings were checked when they were made
    END IF;
    IF NOT EXISTS (SELECT FROM cpconf.field WHERE entity = NEW.entity) THEN
        RAISE EXCEPTION 'unknown entity "%"', NEW.entity
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The entities are: ' || (SELECT string_agg(DISTINCT entity, ', ') FROM cpconf.field) || '.',
                  HINT = 'Name one of them (doc/mapping.md).';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_class WHERE oid = NEW.on_table) THEN
        RAISE EXCEPTION 'table % of entity "%" does not exist', NEW.on_table::oid, NEW.entity
            USING ERRCODE = 'undefined_table', HINT = 'Map an existing table.';
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (cpconf.owns(OLD.on_table) OR cpconf.dropped_mapping_of_mine(OLD.on_table, OLD.mapped_by)) THEN
        RAISE EXCEPTION 'must be owner of table %', OLD.on_table
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Entity "%s" is mapped to it; only its owner maps the entity elsewhere.', NEW.entity),
                  HINT = 'Ask its owner to unmap the entity first.';
    END IF;
    IF NOT cpconf.owns(NEW.on_table) THEN
        RAISE EXCEPTION 'must be owner of table %', NEW.on_table
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Only the owner of a table maps it to an entity (here "%s").', NEW.entity),
                  HINT = 'Ask its owner, or a member of the owning role, to map it.';
    END IF;
    IF (SELECT relkind FROM pg_class WHERE oid = NEW.on_table) NOT IN ('r', 'p', 'v', 'm', 'f') THEN
        RAISE EXCEPTION '% is not a table or a view', NEW.on_table
            USING ERRCODE = 'wrong_object_type', HINT = 'Map a table (or, for reporting only, a view).';
    END IF;
    IF jsonb_typeof(NEW.columns) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'the columns of entity "%" must be a JSON object of field names and column names', NEW.entity
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'For example {"id": "case_no", "held": "meeting_date"}.';
    END IF;
    FOR f IN SELECT key, value FROM jsonb_each(NEW.columns) LOOP
        IF NOT EXISTS (SELECT FROM cpconf.field WHERE entity = NEW.entity AND field = f.key) THEN
            RAISE EXCEPTION 'entity "%" has no field "%"', NEW.entity, f.key
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('The fields of "%s" are: %s.', NEW.entity,
                                      (SELECT string_agg(field, ', ' ORDER BY field) FROM cpconf.field WHERE entity = NEW.entity)),
                      HINT = 'Use these names (doc/mapping.md); a fact the table does not hold is left out.';
        END IF;
        IF jsonb_typeof(f.value) IS DISTINCT FROM 'string' THEN
            RAISE EXCEPTION 'field "%" of entity "%" must name a column as a JSON string', f.key, NEW.entity
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Write the column''s name in double quotes.';
        END IF;
        col := f.value #>> '{}';
        SELECT a.attnum, a.atttypid INTO att FROM pg_attribute a
         WHERE a.attrelid = NEW.on_table AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'column "%" of relation % does not exist', col, NEW.on_table
                USING ERRCODE = 'undefined_column',
                      DETAIL = format('Field "%s" of entity "%s" names it.', f.key, NEW.entity),
                      HINT = 'Name the column exactly, capitals and spaces as they are, without quotes.';
        END IF;
        IF NOT cpconf.usable_type((SELECT kind FROM cpconf.field WHERE entity = NEW.entity AND field = f.key), att.atttypid) THEN
            RAISE EXCEPTION 'column "%" of relation % is of type %, which cannot hold field "%" of entity "%"',
                            col, NEW.on_table, format_type(att.atttypid, NULL), f.key, NEW.entity
                USING ERRCODE = 'datatype_mismatch',
                      DETAIL = format('Field "%s" is of kind %s.', f.key,
                                      (SELECT kind FROM cpconf.field WHERE entity = NEW.entity AND field = f.key)),
                      HINT = 'Dates are date, timestamp or timestamptz; flags boolean, text or 1/0 integers; ids built-in numbers, text or uuid. Map a view or a generated column that converts it.';
        END IF;
    END LOOP;
    IF NOT NEW.columns ? 'id' THEN
        RAISE EXCEPTION 'entity "%" needs its field "id" mapped', NEW.entity
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Messages and the violation log name a record by its id, and links between entities go through ids.',
                  HINT = 'Map "id" to the column that identifies a row.';
    END IF;
    NEW.mapped_by := SESSION_USER;
    NEW.mapped_at := now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION cpconf.mapping_check() IS
    'Trigger: a mapping names a known entity, a table its writer owns, and for each known field an existing column of a usable type (links are checked at commit, by mapping_links).';
CREATE TRIGGER mapping_check BEFORE INSERT OR UPDATE ON cpconf.mapping
    FOR EACH ROW EXECUTE FUNCTION cpconf.mapping_check();

-- Links are checked at commit, so that several entities can be mapped
-- anew in one transaction (cpconf.map_ssd) in any order.
CREATE FUNCTION cpconf.mapping_links()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target record;
BEGIN
    IF cpconf.loading_dump() OR NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = NEW.entity) THEN
        RETURN NULL;
    END IF;
    NEW := (SELECT m FROM cpconf.mapping m WHERE m.entity = NEW.entity);
    -- links, both ways: a link and the id it points to compare as the same kind of value
    FOR target IN
        SELECT l.field, l.links_to AS target, lc.atttypid AS from_type, ic.atttypid AS to_type
          FROM cpconf.field l
          JOIN pg_attribute lc ON lc.attrelid = NEW.on_table AND lc.attname = NEW.columns ->> l.field
          JOIN cpconf.mapping t ON t.entity = l.links_to AND t.entity <> NEW.entity
          JOIN pg_attribute ic ON ic.attrelid = t.on_table AND ic.attname = t.columns ->> 'id'
         WHERE l.entity = NEW.entity AND l.kind = 'link'
        UNION ALL
        SELECT format('%s.%s', l.entity, l.field), NEW.entity, lc.atttypid, ic.atttypid
          FROM cpconf.field l
          JOIN cpconf.mapping s ON s.entity = l.entity AND s.entity <> NEW.entity
          JOIN pg_attribute lc ON lc.attrelid = s.on_table AND lc.attname = s.columns ->> l.field
          JOIN pg_attribute ic ON ic.attrelid = NEW.on_table AND ic.attname = NEW.columns ->> 'id'
         WHERE l.kind = 'link' AND l.links_to = NEW.entity
    LOOP
        IF cpconf.id_family(target.from_type) <> cpconf.id_family(target.to_type) THEN
            RAISE EXCEPTION 'link "%" is of type %, but the id of entity "%" is of type %',
                            target.field, format_type(target.from_type, NULL), target.target, format_type(target.to_type, NULL)
                USING ERRCODE = 'datatype_mismatch',
                      DETAIL = 'A link compares with the id it points to: numbers with numbers, text with text, uuid with uuid.',
                      HINT = 'Map columns that hold the same kind of identifier.';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cpconf.mapping_links() IS
    'Trigger (at commit): each link of a mapping, and each link to it, compares with the id it points to (numbers with numbers, text with text, uuid with uuid).';
CREATE CONSTRAINT TRIGGER mapping_links AFTER INSERT OR UPDATE ON cpconf.mapping
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION cpconf.mapping_links();

/* ------------------------------------------------------------------------
 * The API.
 * ------------------------------------------------------------------------ */

/*
 * The API writes the mappings with its owner's rights (SECURITY DEFINER):
 * no other role may write cpconf.mapping, as a role that may write a table
 * may also lock it, and stall every checked write.  The triggers on the
 * table check that the session's role owns each table it names.  EXECUTE
 * is granted by the database's administrator to the roles that own case
 * tables (doc/mapping.md), so that no other role can take an entity first.
 */
CREATE FUNCTION cpconf.map(entity text, on_table regclass, columns jsonb)
RETURNS void
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    INSERT INTO cpconf.mapping AS m (entity, on_table, columns) VALUES (map.entity, map.on_table, map.columns)
        ON CONFLICT ON CONSTRAINT mapping_pkey
        DO UPDATE SET on_table = excluded.on_table, columns = excluded.columns;
END;
COMMENT ON FUNCTION cpconf.map(text, regclass, jsonb) IS
    'Maps an entity (child, strategy_discussion, conference, attendance, plan, review, visit) to the table that holds it, with the column of each field: {"field": "column", ...}. Validated at once; replaces an earlier mapping of the entity. Only the table''s owner maps it.';

CREATE FUNCTION cpconf.unmap(entity text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = unmap.entity) THEN
        RAISE EXCEPTION 'entity "%" is not mapped', entity
            USING ERRCODE = 'undefined_object',
                  HINT = 'cpconf.mappings lists what is mapped.';
    END IF;
    IF NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = unmap.entity
                    AND (cpconf.owns(m.on_table) OR cpconf.dropped_mapping_of_mine(m.on_table, m.mapped_by))) THEN
        IF NOT EXISTS (SELECT FROM cpconf.mapping m JOIN pg_class c ON c.oid = m.on_table WHERE m.entity = unmap.entity) THEN
            RAISE EXCEPTION 'only role % may unmap entity "%"', (SELECT m.mapped_by FROM cpconf.mapping m WHERE m.entity = unmap.entity), entity
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = 'Its table was dropped; the role that mapped it (or a member) removes the mapping.';
        END IF;
        RAISE EXCEPTION 'must be owner of table %', (SELECT m.on_table FROM cpconf.mapping m WHERE m.entity = unmap.entity)
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Only the owner of a table unmaps its entity (here "%s").', entity);
    END IF;
    DELETE FROM cpconf.mapping m WHERE m.entity = unmap.entity;
END
$$;
COMMENT ON FUNCTION cpconf.unmap(text) IS
    'Removes an entity''s mapping (the table''s owner only); refused while a check is enforced on it.';

CREATE FUNCTION cpconf.map_ssd(schema name)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = schema) THEN
        RAISE EXCEPTION 'schema "%" does not exist', schema
            USING ERRCODE = 'invalid_schema_name', HINT = 'Name the schema that holds the ssd_ tables.';
    END IF;
    FOR t IN SELECT * FROM (VALUES
        ('child', 'ssd_person', '{"id": "pers_person_id", "date_of_birth": "pers_dob", "expected_delivery": "pers_expected_dob", "date_of_death": "pers_death_date"}'),
        ('strategy_discussion', 'ssd_s47_enquiry', '{"id": "s47e_s47_enquiry_id", "child": "s47e_person_id", "held": "s47e_s47_start_date", "ended": "s47e_s47_end_date"}'),
        ('conference', 'ssd_initial_cp_conference', '{"id": "icpc_icpc_id", "child": "icpc_person_id", "strategy_discussion": "icpc_s47_enquiry_id", "transfer_in": "icpc_icpc_transfer_in", "held": "icpc_icpc_date", "due": "icpc_icpc_target_date", "decision": "icpc_icpc_outcome_cp_flag"}'),
        ('plan', 'ssd_cp_plans', '{"id": "cppl_cp_plan_id", "child": "cppl_person_id", "conference": "cppl_icpc_id", "started": "cppl_cp_plan_start_date", "ended": "cppl_cp_plan_end_date", "other_council": "cppl_cp_plan_ola", "categories": "cppl_cp_plan_initial_category", "latest_categories": "cppl_cp_plan_latest_category"}'),
        ('review', 'ssd_cp_reviews', '{"id": "cppr_cp_review_id", "child": "cppr_person_id", "plan": "cppr_cp_plan_id", "due": "cppr_cp_review_due", "held": "cppr_cp_review_date", "quorate": "cppr_cp_review_quorate"}'),
        ('visit', 'ssd_cp_visits', '{"id": "cppv_cp_visit_id", "child": "cppv_person_id", "plan": "cppv_cp_plan_id", "visited": "cppv_cp_visit_date", "seen": "cppv_cp_visit_seen", "seen_alone": "cppv_cp_visit_seen_alone"}')
        ) v (entity, tab, cols)
    LOOP
        IF to_regclass(format('%I.%I', schema, t.tab)) IS NULL THEN
            RAISE EXCEPTION 'relation "%.%" does not exist', schema, t.tab
                USING ERRCODE = 'undefined_table',
                      DETAIL = 'cpconf.map_ssd maps the Standard Safeguarding Dataset''s ssd_person, ssd_s47_enquiry, ssd_initial_cp_conference, ssd_cp_plans, ssd_cp_reviews and ssd_cp_visits, by their published names.',
                      HINT = 'Name the schema that holds them, or map each table with cpconf.map().';
        END IF;
        PERFORM cpconf.map(t.entity, format('%I.%I', schema, t.tab)::regclass, t.cols::jsonb);
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION cpconf.map(text, regclass, jsonb), cpconf.unmap(text), cpconf.map_ssd(name) FROM PUBLIC;
COMMENT ON FUNCTION cpconf.map_ssd(name) IS
    'Maps the Standard Safeguarding Dataset''s tables in the schema (ssd_person, ssd_s47_enquiry, ssd_initial_cp_conference, ssd_cp_plans, ssd_cp_reviews, ssd_cp_visits) with their published column names, in one transaction.';

CREATE VIEW cpconf.mappings AS
SELECT f.entity, m.on_table::text AS on_table, f.field, m.columns ->> f.field AS column_name, f.kind,
       format_type(a.atttypid, a.atttypmod) AS column_type,
       CASE WHEN m.entity IS NULL THEN 'entity not mapped'
            WHEN NOT EXISTS (SELECT FROM pg_class c WHERE c.oid = m.on_table) THEN 'table dropped'
            WHEN NOT m.columns ? f.field THEN 'not mapped'
            WHEN a.attnum IS NULL THEN 'column missing'
            WHEN NOT cpconf.usable_type(f.kind, a.atttypid) THEN 'type not usable'
            ELSE 'ok' END AS state,
       f.meaning
  FROM cpconf.field f
  LEFT JOIN cpconf.mapping m ON m.entity = f.entity
  LEFT JOIN pg_attribute a ON a.attrelid = m.on_table AND a.attname = m.columns ->> f.field
                          AND a.attnum > 0 AND NOT a.attisdropped;
COMMENT ON VIEW cpconf.mappings IS
    'Every field of every entity: the table and column that hold it, and its state (ok; not mapped: a fact not recorded; entity not mapped; table dropped; column missing, after a column was dropped or renamed; type not usable). A mapping not ok is mapped again with cpconf.map().';
GRANT SELECT ON cpconf.mappings TO PUBLIC;

/* ------------------------------------------------------------------------
 * Reading a mapped field as its check's type, in generated SQL.  Names are
 * quoted, never spliced; an unmapped field is NULL (not recorded).
 * ------------------------------------------------------------------------ */

-- A mapped field's column as SQL (alias.column, quoted) and its type; NULL
-- when the field is not mapped; an error naming the field when its column
-- is gone.  What field_sql() and the reports build on.
CREATE FUNCTION cpconf.column_sql(entity text, field text, alias text, OUT sql text, OUT type_oid oid)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
BEGIN
    SELECT * INTO c FROM cpconf.mapped_column(entity, field);
    IF c.column_name IS NULL THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_class WHERE oid = c.on_table) THEN
        PERFORM cpconf.table_sql(entity);   -- names the entity whose table was dropped
    END IF;
    IF NOT c.present THEN
        RAISE EXCEPTION 'column "%" of relation % does not exist', c.column_name, c.on_table
            USING ERRCODE = 'undefined_column',
                  DETAIL = format('Field "%s" of entity "%s" is mapped to it; the column was dropped or renamed after it was mapped.', field, entity),
                  HINT = format('Map entity "%s" again with cpconf.map(); cpconf.mappings shows its state.', entity);
    END IF;
    sql := quote_ident(alias) || '.' || quote_ident(c.column_name);
    type_oid := c.type_oid;
END
$$;
COMMENT ON FUNCTION cpconf.column_sql(text, text, text) IS
    'For generated SQL: a mapped field''s column as alias.column, quoted, and its type; NULL when the field is not mapped; an error (42703) naming the field when the column was dropped or renamed after it was mapped.';

CREATE FUNCTION cpconf.field_sql(entity text, field text, alias text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
    k text := (SELECT f.kind FROM cpconf.field f WHERE f.entity = field_sql.entity AND f.field = field_sql.field);
    v text;
BEGIN
    IF k IS NULL THEN
        RAISE EXCEPTION 'entity "%" has no field "%"', entity, field USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO c FROM cpconf.column_sql(entity, field, alias);
    IF c.sql IS NULL THEN
        -- an id or a link not mapped stays untyped, so that it compares
        -- with an id of any type
        RETURN CASE k WHEN 'date' THEN 'NULL::pg_catalog.date' WHEN 'flag' THEN 'NULL::pg_catalog.bool'
                      WHEN 'integer' THEN 'NULL::pg_catalog.int4' WHEN 'id' THEN 'NULL' WHEN 'link' THEN 'NULL'
                      ELSE 'NULL::pg_catalog.text' END;
    END IF;
    v := c.sql;
    RETURN CASE
        WHEN k = 'date' AND c.type_oid = 'timestamptz'::regtype THEN format('cpconf.day_in_england(%s)', v)
        WHEN k = 'date' THEN format('(%s)::pg_catalog.date', v)
        WHEN k = 'flag' AND c.type_oid = 'boolean'::regtype THEN v
        WHEN k = 'flag' THEN format('cpconf.flag((%s)::pg_catalog.text)', v)
        WHEN k = 'integer' THEN format('(%s)::pg_catalog.int4', v)
        WHEN k = 'decision' AND c.type_oid = 'boolean'::regtype
            THEN format('CASE WHEN %1$s THEN ''plan'' WHEN NOT %1$s THEN ''no_plan'' END', v)
        WHEN k = 'decision' THEN format('cpconf.decision_read((%s)::pg_catalog.text)', v)
        WHEN k = 'text' THEN format('(%s)::pg_catalog.text', v)
        ELSE v END;
END
$$;
COMMENT ON FUNCTION cpconf.field_sql(text, text, text) IS
    'For generated SQL: the expression that reads an entity''s field from the row alias as its kind''s type (a timestamptz as its Europe/London day, a text flag through cpconf.flag()), or a typed NULL when the field is not mapped. Errors when the mapped column is gone.';

CREATE FUNCTION cpconf.decision_read(value text)
RETURNS text
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_decision_read';
COMMENT ON FUNCTION cpconf.decision_read(text) IS
    'A conference''s recorded decision as check_decision() takes it: plan or no_plan, or a flag (yes: a plan, no: no plan); blank is NULL; anything else an error.';

-- The table that holds an entity, quoted, for FROM.
CREATE FUNCTION cpconf.table_sql(entity text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t regclass := (SELECT m.on_table FROM cpconf.mapping m WHERE m.entity = table_sql.entity);
BEGIN
    IF t IS NULL THEN
        RAISE EXCEPTION 'entity "%" is not mapped', entity
            USING ERRCODE = 'undefined_object',
                  HINT = format('Map it with cpconf.map(''%s'', table, columns).', entity);
    END IF;
    IF NOT EXISTS (SELECT FROM pg_class WHERE oid = t) THEN
        RAISE EXCEPTION 'the table mapped to entity "%" no longer exists', entity
            USING ERRCODE = 'undefined_table',
                  HINT = format('Map entity "%s" again, or remove it with cpconf.unmap().', entity);
    END IF;
    RETURN (SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.oid = t);
END
$$;
COMMENT ON FUNCTION cpconf.table_sql(text) IS
    'For generated SQL: the quoted, schema-qualified name of the table mapped to the entity; an error when it is not mapped or was dropped.';
