/* ------------------------------------------------------------------------
 * Reporting (doc/reporting.md): whether an event was on time, as a report
 * judges every row, without aborting on a dirty one.  C: src/reporting.c.
 * ------------------------------------------------------------------------ */

CREATE TYPE cpconf.timeliness_result AS (
    due date,
    working_days integer,
    on_time boolean,
    band text,
    status text,
    problem text
);
COMMENT ON TYPE cpconf.timeliness_result IS
    'What cpconf.timeliness() says of one event: its due date, the working days from the anchor to it (rules in working days), whether it was on time, the national band (T-ICPC), its status, and what is wrong with the data when it cannot be judged.';
COMMENT ON COLUMN cpconf.timeliness_result.due IS 'The deadline of the rule from the anchor, under the version in force on the anchor; NULL when the data gives none.';
COMMENT ON COLUMN cpconf.timeliness_result.working_days IS 'For a rule counted in working days: the working days after the anchor up to and including the day held (0 on the anchor''s day), in the profile''s calendar; NULL otherwise.';
COMMENT ON COLUMN cpconf.timeliness_result.on_time IS 'Working-day rules: at most the rule''s number of working days (the national statistic''s meaning); other rules: held on or before the due date (on or after, for a rule of "not before"). NULL when not judged.';
COMMENT ON COLUMN cpconf.timeliness_result.band IS 'T-ICPC only: the national statistic''s band of working days, 0-10, 11-15, 16-20 or 21+.';
COMMENT ON COLUMN cpconf.timeliness_result.status IS 'on_time, late, not_held (no day held: due only), no_anchor, held_before_anchor, date_out_of_range (a day outside 1978-2199, such as a placeholder 1900-01-01), no_rule_in_force (the anchor before the rule''s first version for the profile).';
COMMENT ON COLUMN cpconf.timeliness_result.problem IS 'For a status that is not on_time, late or not_held: what is wrong with the data, in a sentence fragment.';

CREATE FUNCTION cpconf.timeliness(rule text, anchor "any", held "any", profile text DEFAULT NULL)
RETURNS cpconf.timeliness_result
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_timeliness';
COMMENT ON FUNCTION cpconf.timeliness(text, "any", "any", text) IS
    'Whether an event held on held was in time for rule counted from anchor (each a date, a timestamp''s day, a timestamptz''s day in England, or a date literal), under the profile named (NULL: the setting cpconf.profile) and the rule''s version in force on the anchor: due, working days, on time, band (T-ICPC), status. A row whose data cannot be judged is returned with its status and problem, never an error; an unknown rule or profile is an error.';

CREATE FUNCTION cpconf.day_of(value "any")
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_day_of';
COMMENT ON FUNCTION cpconf.day_of("any") IS
    'A date, a timestamp''s day or a timestamptz''s day in England, as reports show the days they judge; infinite is infinity, not an error.';

-- Today as England counts it, whatever the session's time zone: the
-- default period of a report and the dashboards' views.
CREATE FUNCTION cpconf.today_in_england()
RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN (pg_catalog.now() AT TIME ZONE 'Europe/London')::pg_catalog.date;
COMMENT ON FUNCTION cpconf.today_in_england() IS
    'Today''s date in England (Europe/London), whatever the session''s TimeZone: the reports'' default periods and the dashboards'' views use it.';

/* ------------------------------------------------------------------------
 * Reports over the mapped tables (cpconf.map, cpconf.map_ssd).  Each runs
 * with the rights of the role that calls it, reads the council's columns
 * as they are, and returns every row it selects: a row it cannot judge has
 * a status naming why.
 * ------------------------------------------------------------------------ */

-- A mapped field's column as it is, for a report (alias.column, quoted), or
-- a typed NULL when the field is not mapped.
CREATE FUNCTION cpconf.report_column(entity text, field text, alias text, if_not_mapped text DEFAULT 'NULL')
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
BEGIN
    SELECT * INTO c FROM cpconf.column_sql(entity, field, alias);
    IF c.sql IS NULL THEN
        RETURN if_not_mapped;
    END IF;
    -- an id or a link of numbers: 1.00 is 1, as its integer id writes it
    IF c.type_oid = 'pg_catalog.numeric'::pg_catalog.regtype
       AND (SELECT f.kind FROM cpconf.field f WHERE f.entity = report_column.entity AND f.field = report_column.field) IN ('id', 'link') THEN
        RETURN format('pg_catalog.trim_scale(%s)', c.sql);
    END IF;
    RETURN c.sql;
END
$$;
COMMENT ON FUNCTION cpconf.report_column(text, text, text, text) IS
    'For the reports: the SQL of a mapped field''s column as it is (alias.column, quoted), or if_not_mapped when the field is not mapped; an error naming the field when its column is gone.';

-- A mapped date field's day, for a report's filters: the column itself, a
-- timestamp's date, a timestamptz's day in England (cpconf.day_of); none of
-- them an error for a placeholder or an infinite value.
CREATE FUNCTION cpconf.report_day(entity text, field text, alias text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text := cpconf.report_column(entity, field, alias, 'NULL::pg_catalog.date');
    c record;
    t oid;
BEGIN
    SELECT * INTO c FROM cpconf.mapped_column(entity, field);
    t := c.type_oid;
    -- mapped as a date, then altered: the mapping's error, not the data's
    IF t IS NOT NULL AND t NOT IN ('pg_catalog.date'::pg_catalog.regtype, 'pg_catalog.timestamp'::pg_catalog.regtype,
                                   'pg_catalog.timestamptz'::pg_catalog.regtype) THEN
        RAISE EXCEPTION 'column "%" of table % (entity "%", field "%") is of type %, not a date', c.column_name, c.on_table, entity, field,
                        pg_catalog.format_type(t, NULL)
            USING ERRCODE = 'datatype_mismatch', DETAIL = 'The reports read a day from a date, a timestamp or a timestamp with time zone.',
                  HINT = 'Change the column back, or map the field to a date column with cpconf.map().';
    END IF;
    RETURN CASE WHEN t IS NULL THEN col WHEN t = 'pg_catalog.date'::pg_catalog.regtype THEN col
                WHEN t = 'pg_catalog.timestamp'::pg_catalog.regtype THEN format('(%s)::pg_catalog.date', col)
                ELSE format('cpconf.day_of(%s)', col) END;
END
$$;
COMMENT ON FUNCTION cpconf.report_day(text, text, text) IS
    'For the reports'' filters: the SQL of a mapped date field''s day (a date as it is, a timestamp''s date, a timestamptz''s day in England), never an error for a placeholder or an infinite value.';

-- Whether a unique index on an entity's id column (a primary key, usually)
-- rules out an id recorded twice: then the reports need not look for one.
CREATE FUNCTION cpconf.report_ids_unique(entity text)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN EXISTS (
    SELECT FROM cpconf.mapped_column(entity, 'id') c
      JOIN pg_attribute a ON a.attrelid = c.on_table AND a.attname = c.column_name
      JOIN pg_index i ON i.indrelid = c.on_table AND i.indkey[0] = a.attnum
     WHERE i.indisunique AND i.indisvalid AND i.indnkeyatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL);
COMMENT ON FUNCTION cpconf.report_ids_unique(text) IS
    'For the reports: whether a unique index on the entity''s id column rules out an id recorded twice.';

-- SELECT, or SELECT DISTINCT where an entity's records may be repeated:
-- the census checks and the inspection lists take a record copied twice
-- once (records that differ but share an id stay apart).
CREATE FUNCTION cpconf.report_select(entity text)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN cpconf.report_ids_unique(entity) THEN 'SELECT' ELSE 'SELECT DISTINCT' END;
COMMENT ON FUNCTION cpconf.report_select(text) IS
    'For the reports: SELECT, or SELECT DISTINCT where the entity''s id column has no unique index (a record copied twice is then read once).';

-- The ids of an entity recorded more than once (a subquery's SQL, ids as
-- text, never NULL), so that a report names such records instead of
-- counting them twice; none when a unique index on the id column rules
-- them out (the usual primary key), at no cost.
CREATE FUNCTION cpconf.report_duplicates(entity text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF cpconf.report_ids_unique(entity) OR NOT EXISTS (SELECT FROM cpconf.mapped_column(entity, 'id') c WHERE c.column_name IS NOT NULL) THEN
        RETURN 'SELECT NULL::pg_catalog.text AS id WHERE false';
    END IF;
    RETURN format('SELECT (%1$s)::pg_catalog.text AS id FROM %2$s d WHERE %1$s IS NOT NULL GROUP BY 1 HAVING pg_catalog.count(*) > 1',
                  cpconf.report_column(entity, 'id', 'd'), cpconf.table_sql(entity));
END
$$;
COMMENT ON FUNCTION cpconf.report_duplicates(text) IS
    'For the reports: the SQL of a query of the entity''s ids (as text) recorded more than once; an empty one when a unique index on the id column rules them out.';

-- Whether expr (an id of the entity, or a link to one) names a record
-- recorded more than once: SQL for a report's row, false where a unique
-- index rules it out (so that a table with a primary key pays nothing).
CREATE FUNCTION cpconf.report_duplicated(entity text, expr text)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN cpconf.report_ids_unique(entity) THEN 'false'
            ELSE format('coalesce((%s)::pg_catalog.text IN (SELECT dup.id FROM (%s) dup), false)', expr, cpconf.report_duplicates(entity)) END;
COMMENT ON FUNCTION cpconf.report_duplicated(text, text) IS
    'For the reports: the SQL of whether expr, an id of the entity or a link to one, names a record recorded more than once; false where a unique index rules it out.';

CREATE FUNCTION cpconf.icpc_timeliness(period_from date DEFAULT NULL, period_to date DEFAULT NULL, profile text DEFAULT NULL)
RETURNS TABLE (child text, strategy_discussion text, conference text, discussion_held date, held date, due date,
               working_days integer, band text, on_time boolean, transfer_in boolean, status text, problem text,
               system_due date, system_due_agrees boolean, decision text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
-- a report joins a table with another's rows through sets whose size the
-- planner cannot see (set-returning functions, CTEs): a merge join sorts
-- both sides where a hash join reads each once
SET enable_mergejoin = off
AS $$
DECLARE
    kind text := cpconf.report_column('conference', 'kind', 'c');
    transfer text := cpconf.report_column('conference', 'transfer_in', 'c');
    sd_mapped boolean := EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'strategy_discussion');
    q text;
BEGIN
    IF period_from > period_to THEN
        RAISE EXCEPTION 'the period starts (%) after it ends (%)', period_from, period_to
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'A report lists the records of a period.',
                  HINT = 'Pass period_from on or before period_to, or NULL for no bound.';
    END IF;
    -- an unknown profile is the query's error, before any row
    PERFORM cpconf.timeliness('T-ICPC', NULL::pg_catalog.date, NULL::pg_catalog.date, profile);
    q := format($q$
SELECT x.child, x.sd, x.conference, cpconf.day_of(x.sd_held), cpconf.day_of(x.held), (x.t).due, (x.t).working_days,
       -- a row not judged has no band and no answer to "on time?", so
       -- that a dashboard counting them counts only what was judged
       CASE WHEN x.kind_known AND x.transfer_known AND NOT x.conference_dup THEN (x.t).band END,
       CASE WHEN x.kind_known AND x.transfer_known AND NOT x.conference_dup THEN (x.t).on_time END, x.transfer_in,
       CASE WHEN x.conference_dup OR x.sd_dup THEN 'duplicate_id'
            WHEN NOT x.kind_known THEN 'unknown_kind' WHEN NOT x.transfer_known THEN 'unreadable_flag'
            WHEN x.sd_linked AND NOT $4 THEN 'strategy_discussion_not_mapped'
            WHEN x.sd_linked AND x.sd_held IS NULL AND x.sd_found THEN 'no_anchor'
            WHEN x.sd_linked AND NOT x.sd_found THEN 'strategy_discussion_not_found' ELSE (x.t).status END,
       CASE WHEN x.conference_dup THEN pg_catalog.format('conference id %%s is recorded more than once in its table', x.conference)
            WHEN x.sd_dup THEN pg_catalog.format('strategy discussion id %%s is recorded more than once in its table', x.sd)
            WHEN NOT x.kind_known THEN pg_catalog.format('the kind of conference %%L is not initial, pre_birth, transfer_in or review', x.kind_raw)
            WHEN NOT x.transfer_known THEN pg_catalog.format('the transfer-in flag %%L is not yes or no', x.transfer_raw)
            WHEN x.sd_linked AND NOT $4 THEN 'entity strategy_discussion is not mapped (cpconf.map), so the conference has no anchor'
            WHEN x.sd_linked AND NOT x.sd_found THEN pg_catalog.format('strategy discussion %%s is not in its table', x.sd)
            WHEN x.sd IS NULL AND (x.t).status = 'no_anchor' THEN 'the conference is not linked to its strategy discussion'
            ELSE (x.t).problem END,
       cpconf.day_of(x.system_due), cpconf.day_of(x.system_due) = (x.t).due,
       CASE WHEN x.decision_raw IS NULL OR pg_catalog.btrim(x.decision_raw) = '' THEN NULL
            WHEN pg_catalog.lower(pg_catalog.btrim(x.decision_raw)) IN ('plan', 'no_plan', 'no plan', 'no-plan') OR cpconf.is_flag(x.decision_raw)
            THEN cpconf.decision_read(x.decision_raw) ELSE 'unreadable' END
  FROM (
    SELECT (%1$s)::pg_catalog.text AS child, (%2$s)::pg_catalog.text AS sd, (%3$s)::pg_catalog.text AS conference,
           %4$s AS sd_held, %5$s AS held, %6$s AS system_due,
           %7$s IS NOT NULL AS sd_linked, s.cpconf_found IS NOT NULL AS sd_found,
           %16$s AS conference_dup, %17$s AS sd_dup,
           (%8$s)::pg_catalog.text AS kind_raw, (%9$s)::pg_catalog.text AS transfer_raw,
           cpconf.kind_read((%8$s)::pg_catalog.text) IS NULL OR cpconf.kind_read((%8$s)::pg_catalog.text) IN ('initial', 'pre_birth', 'transfer_in') AS kind_known,
           cpconf.is_flag((%9$s)::pg_catalog.text) AS transfer_known,
           cpconf.kind_read((%8$s)::pg_catalog.text) IS NOT DISTINCT FROM 'transfer_in'
             OR (cpconf.is_flag((%9$s)::pg_catalog.text) AND cpconf.flag((%9$s)::pg_catalog.text)) AS transfer_in,
           cpconf.timeliness('T-ICPC', %4$s, %5$s, $3) AS t, (%15$s)::pg_catalog.text AS decision_raw
      -- a strategy discussion id recorded twice is not joined (its conference
      -- would be counted twice)
      FROM %10$s c LEFT JOIN (SELECT s.*, true AS cpconf_found FROM %11$s s
                               WHERE NOT %18$s) s ON %12$s
     WHERE (%8$s IS NULL OR cpconf.kind_read((%8$s)::pg_catalog.text) IS DISTINCT FROM 'review')
       -- the period, before anything is judged: a conference by the day it
       -- was held (the first condition is the table's alone, to filter it
       -- before the join), one not held by its strategy discussion's
       AND (%13$s BETWEEN coalesce($1, '-infinity') AND coalesce($2, 'infinity')
            OR %5$s IS NULL OR NOT (%13$s BETWEEN '1978-01-01' AND '2199-12-31'))
       -- a conference without a usable day by its strategy discussion's; one
       -- with neither cannot be placed, and is listed in every period
       AND (%13$s BETWEEN coalesce($1, '-infinity') AND coalesce($2, 'infinity')
            OR ((%5$s IS NULL OR NOT (%13$s BETWEEN '1978-01-01' AND '2199-12-31'))
                AND (%14$s BETWEEN coalesce($1, '-infinity') AND coalesce($2, 'infinity')
                     OR %14$s IS NULL OR NOT (%14$s BETWEEN '1978-01-01' AND '2199-12-31'))))
     OFFSET 0
  ) x
$q$,
        cpconf.report_column('conference', 'child', 'c'), cpconf.report_column('conference', 'strategy_discussion', 'c'),
        cpconf.report_column('conference', 'id', 'c'),
        cpconf.report_column('strategy_discussion', 'held', 's', 'NULL::pg_catalog.date'),
        cpconf.report_column('conference', 'held', 'c', 'NULL::pg_catalog.date'),
        cpconf.report_column('conference', 'due', 'c', 'NULL::pg_catalog.date'),
        cpconf.report_column('conference', 'strategy_discussion', 'c'),
        kind, transfer,
        cpconf.table_sql('conference'),
        CASE WHEN EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'strategy_discussion')
             THEN cpconf.table_sql('strategy_discussion') ELSE '(SELECT NULL::pg_catalog.text AS cpconf_none LIMIT 0)' END,
        CASE WHEN EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'strategy_discussion')
                  AND cpconf.report_column('conference', 'strategy_discussion', 'c') <> 'NULL'
             -- as text, as every report links records: a link whose type
             -- drifted from its id's after mapping still compares
             THEN format('(%s)::pg_catalog.text OPERATOR(pg_catalog.=) (%s)::pg_catalog.text', cpconf.report_column('strategy_discussion', 'id', 's'),
                         cpconf.report_column('conference', 'strategy_discussion', 'c'))
             ELSE 'false' END,
        cpconf.report_day('conference', 'held', 'c'), cpconf.report_day('strategy_discussion', 'held', 's'),
        cpconf.report_column('conference', 'decision', 'c'),
        cpconf.report_duplicated('conference', cpconf.report_column('conference', 'id', 'c')),
        CASE WHEN sd_mapped THEN cpconf.report_duplicated('strategy_discussion', cpconf.report_column('conference', 'strategy_discussion', 'c')) ELSE 'false' END,
        CASE WHEN sd_mapped THEN cpconf.report_duplicated('strategy_discussion', cpconf.report_column('strategy_discussion', 'id', 's')) ELSE 'false' END);
    RETURN QUERY EXECUTE q USING period_from, period_to, profile, sd_mapped;
END
$$;
COMMENT ON FUNCTION cpconf.icpc_timeliness(date, date, text) IS
    'Every initial conference (initial, pre-birth or transfer-in; not reviews) held from period_from to period_to (NULL: no bound), or not yet held: its child, strategy discussion, conference, the days of both, due (T-ICPC, 15 working days), working days, band, on time (the national statistic''s meaning), transfer-in, status and problem (doc/reporting.md), and the case system''s stored target date with whether it agrees with cpconf''s, and the recorded decision (plan, no_plan; NULL when not recorded; unreadable for a value that is neither). Every row is returned; one it cannot judge has a status naming why.';

-- The reporting year a day falls in, as the national statistics count it:
-- 1 April to 31 March.
CREATE FUNCTION cpconf.reporting_year(day date, OUT year_from date, OUT year_to date)
RETURNS record
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT ROW(make_date(y, 4, 1), make_date(y + 1, 3, 31))
          FROM (SELECT (extract(year FROM day)::int - CASE WHEN extract(month FROM day) < 4 THEN 1 ELSE 0 END) AS y) x);
COMMENT ON FUNCTION cpconf.reporting_year(date) IS
    'The reporting year (1 April to 31 March, as the national statistics count) that a day falls in.';

CREATE FUNCTION cpconf.indicators(period_from date DEFAULT NULL, period_to date DEFAULT NULL, profile text DEFAULT NULL,
                                  lookback interval DEFAULT NULL, other_council_plans boolean DEFAULT false)
RETURNS TABLE (measure text, numerator bigint, denominator bigint, value numeric, left_out bigint, left_out_why jsonb,
               definition text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
-- a report joins a table with another's rows through sets whose size the
-- planner cannot see (set-returning functions, CTEs): a merge join sorts
-- both sides where a hash join reads each once
SET enable_mergejoin = off
AS $$
DECLARE
    -- the last complete reporting year before today, unless told; from a
    -- day given, to today (a measure "at the end" needs a day to be at)
    p_to date := coalesce(period_to, CASE WHEN period_from IS NULL THEN (cpconf.reporting_year(cpconf.today_in_england())).year_from - 1
                                          ELSE cpconf.today_in_england() END);
    p_from date := coalesce(period_from, CASE WHEN period_to IS NULL THEN (cpconf.reporting_year((cpconf.reporting_year(cpconf.today_in_england())).year_from - 1)).year_from END, '-infinity');
    plans text;
    visits_mapped boolean := EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'visit');
    q text;
BEGIN
    -- an unknown profile is the query's error, before any query is built
    PERFORM cpconf.timeliness('T-ICPC', NULL::pg_catalog.date, NULL::pg_catalog.date, profile);
    IF p_from > p_to THEN
        RAISE EXCEPTION 'the period starts (%) after it ends (%)', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'An indicator counts the records of a period.',
                  HINT = 'Pass period_from on or before period_to.';
    END IF;
    IF (pg_catalog.isfinite(p_from) AND p_from > '9999-12-31') OR (pg_catalog.isfinite(p_to) AND p_to > '9999-12-31') THEN
        RAISE EXCEPTION 'the period (% to %) reaches beyond the year 9999', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'The indicators count ages and durations from the period''s days.',
                  HINT = 'Pass NULL for a period without an end.';
    END IF;
    IF lookback < interval '0' THEN
        RAISE EXCEPTION 'lookback % is negative', lookback
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'The lookback is how long before a plan an earlier one counts.', HINT = 'Pass a positive interval, or NULL for ever (the national statistic).';
    END IF;

    -- initial conferences (cpconf.icpc_timeliness: transfer-ins are not counted)
    IF EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'conference') THEN
    RETURN QUERY
    WITH i AS (SELECT t.*,
                      -- held in the period (one not held yet is neither counted nor left out)
                      coalesce(t.held BETWEEN p_from AND p_to, false) AND t.status NOT IN ('unknown_kind', 'duplicate_id') AS counted
                 FROM cpconf.icpc_timeliness(p_from, p_to, profile) t WHERE t.transfer_in IS NOT TRUE),
         judged AS (SELECT * FROM i WHERE i.status IN ('on_time', 'late')),
         why AS (SELECT coalesce(jsonb_object_agg(s, n), '{}') AS j, coalesce(sum(n), 0)::bigint AS n
                   FROM (SELECT i.status AS s, count(*) AS n FROM i WHERE i.status NOT IN ('on_time', 'late', 'not_held') GROUP BY 1) x)
    SELECT 'icpc_held', (SELECT count(*) FROM i WHERE i.counted), NULL::bigint,
           (SELECT count(*) FROM i WHERE i.counted)::numeric,
           (SELECT count(*) FROM i WHERE NOT i.counted AND i.status <> 'not_held'),
           (SELECT coalesce(jsonb_object_agg(x.status, x.n), '{}')
              FROM (SELECT i.status, count(*) AS n FROM i WHERE NOT i.counted AND i.status <> 'not_held' GROUP BY 1) x),
           'Initial child protection conferences (initial and pre-birth; not transfer-ins) held in the period. Left out: conferences of a kind cpconf does not know, records whose id is recorded twice, and conferences that cannot be placed in a period (no usable day), by status; one not held yet is not counted.'
    UNION ALL
    SELECT 'icpc_within_15_working_days', (SELECT count(*) FROM judged WHERE judged.on_time), (SELECT count(*) FROM judged),
           round(100.0 * (SELECT count(*) FROM judged WHERE judged.on_time) / nullif((SELECT count(*) FROM judged), 0), 1),
           why.n, why.j,
           'Percentage of initial conferences held within 15 working days (T-ICPC) of the strategy discussion, working days counted in the profile''s calendar (the national statistic''s definition; cpconf.timeliness). Left out: those it cannot judge, by status.'
      FROM why
    UNION ALL
    SELECT 'icpc_working_days_p' || (100 * f)::int, NULL::bigint, (SELECT count(*) FROM judged),
           (SELECT percentile_disc(f) WITHIN GROUP (ORDER BY judged.working_days) FROM judged)::numeric, why.n, why.j,
           format('The %sth percentile of working days from the strategy discussion to the initial conference (percentile_disc), over those judged.', (100 * f)::int)
      FROM why, unnest(ARRAY[0.25, 0.5, 0.75]::float8[]) f
    UNION ALL
    SELECT 'icpc_leading_to_plan', count(*) FILTER (WHERE i.counted AND i.decision = 'plan'),
           count(*) FILTER (WHERE i.counted AND i.decision IN ('plan', 'no_plan')),
           round(100.0 * count(*) FILTER (WHERE i.counted AND i.decision = 'plan')
                 / nullif(count(*) FILTER (WHERE i.counted AND i.decision IN ('plan', 'no_plan')), 0), 1),
           count(*) FILTER (WHERE NOT i.counted OR i.decision IS NULL OR i.decision = 'unreadable'),
           jsonb_strip_nulls(jsonb_build_object(
               'decision_not_recorded', nullif(count(*) FILTER (WHERE i.counted AND i.decision IS NULL), 0),
               'decision_unreadable', nullif(count(*) FILTER (WHERE i.counted AND i.decision = 'unreadable'), 0)))
             || coalesce((SELECT jsonb_object_agg(x.status, x.n) FROM (SELECT o.status, count(*) AS n FROM i o
                                                                        WHERE NOT o.counted AND o.status <> 'not_held' GROUP BY 1) x), '{}'),
           'Percentage of initial conferences held in the period (not transfer-ins) whose recorded decision was a plan. Left out: those whose decision is not recorded or not readable, and those icpc_held leaves out, by status.'
      FROM i
     WHERE (i.counted OR i.status <> 'not_held')
       AND EXISTS (SELECT FROM cpconf.mapped_column('conference', 'decision') c WHERE c.column_name IS NOT NULL)
    HAVING EXISTS (SELECT FROM cpconf.mapped_column('conference', 'decision') c WHERE c.column_name IS NOT NULL);
    END IF;

    -- plans: started, ended, open at the end of the period
    IF EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'plan') THEN
        plans := format($p$
SELECT (%1$s)::pg_catalog.text AS child, (%2$s)::pg_catalog.text AS id, cpconf.day_of(%3$s) AS started, cpconf.day_of(%4$s) AS ended,
       (%5$s)::pg_catalog.text AS other_raw
  FROM %6$s p$p$,
            cpconf.report_column('plan', 'child', 'p'), cpconf.report_column('plan', 'id', 'p'),
            cpconf.report_column('plan', 'started', 'p', 'NULL::pg_catalog.date'),
            cpconf.report_column('plan', 'ended', 'p', 'NULL::pg_catalog.date'),
            cpconf.report_column('plan', 'other_council', 'p'), cpconf.table_sql('plan'));
        q := format($q$
WITH raw AS (%1$s),
p AS (
    SELECT raw.*, CASE WHEN NOT cpconf.is_flag(raw.other_raw) THEN NULL ELSE cpconf.flag(raw.other_raw) END AS other_council,
           -- of a plan recorded twice, the record that stands for it (as in cpconf.plans())
           %3$s AS stands,
           CASE WHEN raw.started IS NULL THEN 'start_not_recorded'
                WHEN NOT isfinite(raw.started) OR raw.started < '1978-01-01' OR raw.started > '2199-12-31' THEN 'date_out_of_range'
                WHEN raw.ended IS NOT NULL AND (NOT isfinite(raw.ended) OR raw.ended < '1978-01-01' OR raw.ended > '2199-12-31') THEN 'date_out_of_range'
                WHEN raw.ended < raw.started THEN 'ends_before_it_starts'
                WHEN raw.child IS NULL THEN 'child_not_recorded'
                WHEN %2$s THEN 'duplicate_id'
                WHEN NOT cpconf.is_flag(raw.other_raw) AND NOT $3 THEN 'unreadable_flag' END AS problem
      FROM raw
), why AS (
    -- the plans left out that the period's measures would have looked at:
    -- those in it at some time, and those that cannot be placed in time
    SELECT coalesce(jsonb_object_agg(s, n), '{}') AS j, coalesce(sum(n), 0)::bigint AS n
      FROM (SELECT p.problem AS s, count(*) AS n FROM p
             WHERE p.problem IS NOT NULL
               AND (p.problem IN ('start_not_recorded', 'date_out_of_range')
                    OR (least(p.started, p.ended) <= $2 AND (p.ended IS NULL OR greatest(p.started, p.ended) >= $1)))
             GROUP BY 1) x
), earlier AS (
    -- each plan's child's plans that started before it, in one pass: how
    -- many, and the latest end among them (an open one: infinity); every
    -- plan on a usable day counts as an earlier one, as cpconf.plans() says,
    -- whatever council held it or its flag
    SELECT c.*, pg_catalog.count(*) OVER w AS before_it,
           pg_catalog.max(coalesce(c.ended, 'infinity'::pg_catalog.date)) OVER w AS latest_end_before,
           c.problem IS NULL AND ($3 OR c.other_council IS NOT TRUE) AS counts
      FROM p c WHERE (c.problem IS NULL OR c.problem IN ('unreadable_flag', 'duplicate_id')) AND c.stands
    WINDOW w AS (PARTITION BY c.child ORDER BY c.started RANGE BETWEEN UNBOUNDED PRECEDING AND '1 day'::pg_catalog.interval PRECEDING)
), a AS (
    -- every count in one pass over the plans
    SELECT pg_catalog.count(*) FILTER (WHERE st) AS started_n,
           pg_catalog.count(DISTINCT e.child) FILTER (WHERE st) AS started_children,
           pg_catalog.count(*) FILTER (WHERE st AND e.before_it > 0
                                       AND ($4::pg_catalog.interval IS NULL OR e.latest_end_before >= e.started - $4)) AS subsequent_n,
           pg_catalog.count(*) FILTER (WHERE en) AS ended_n,
           pg_catalog.count(*) FILTER (WHERE en AND e.ended >= e.started + pg_catalog.make_interval(years => 2)) AS lasting_n,
           pg_catalog.count(DISTINCT e.child) FILTER (WHERE en) AS ended_children,
           -- the national statistic's bands of an ended plan's duration
           pg_catalog.count(*) FILTER (WHERE en AND e.ended < e.started + pg_catalog.make_interval(months => 3)) AS d_3m,
           pg_catalog.count(*) FILTER (WHERE en AND e.ended >= e.started + pg_catalog.make_interval(months => 3)
                                          AND e.ended < e.started + pg_catalog.make_interval(months => 6)) AS d_6m,
           pg_catalog.count(*) FILTER (WHERE en AND e.ended >= e.started + pg_catalog.make_interval(months => 6)
                                          AND e.ended < e.started + pg_catalog.make_interval(years => 1)) AS d_1y,
           pg_catalog.count(*) FILTER (WHERE en AND e.ended >= e.started + pg_catalog.make_interval(years => 1)
                                          AND e.ended < e.started + pg_catalog.make_interval(years => 2)) AS d_2y,
           pg_catalog.count(*) FILTER (WHERE op) AS open_n,
           pg_catalog.count(DISTINCT e.child) FILTER (WHERE op) AS open_children,
           pg_catalog.count(*) FILTER (WHERE op AND e.started <= $2 - pg_catalog.make_interval(months => 9)) AS open_9,
           pg_catalog.count(*) FILTER (WHERE op AND e.started <= $2 - pg_catalog.make_interval(months => 12)) AS open_12,
           pg_catalog.count(*) FILTER (WHERE op AND e.started <= $2 - pg_catalog.make_interval(months => 18)) AS open_18,
           pg_catalog.count(*) FILTER (WHERE op AND e.started <= $2 - pg_catalog.make_interval(years => 2)) AS open_24
      FROM (SELECT e.*, e.started BETWEEN $1 AND $2 AS st, e.ended BETWEEN $1 AND $2 AS en,
                   e.started <= $2 AND (e.ended IS NULL OR e.ended > $2) AS op
              FROM earlier e WHERE e.counts) e
), v AS (%4$s
), open_at_end AS (
    SELECT e.* FROM earlier e WHERE e.counts AND e.started <= $2 AND (e.ended IS NULL OR e.ended > $2)
), last_6_weeks AS (
    SELECT v.* FROM v WHERE v.visited > $2 - 42 AND v.visited <= $2
), seen AS (
    -- the plans open at the end with a visit in its last 6 weeks (42 days,
    -- the end day included): a visit by the plan's id, or without one by
    -- the child's, on or after the plan's start
    SELECT pg_catalog.count(*) AS visited_n,
           pg_catalog.count(*) FILTER (WHERE x.alone) AS alone_n,
           pg_catalog.count(*) FILTER (WHERE NOT x.alone AND x.alone_unreadable) AS alone_unreadable_n
      FROM (SELECT pg_catalog.bool_or(cpconf.is_flag(y.alone_raw) AND cpconf.flag(y.alone_raw)) AS alone,
                   pg_catalog.bool_or(NOT cpconf.is_flag(y.alone_raw)) AS alone_unreadable
              FROM (SELECT o.id, o.child, o.started, w.alone_raw FROM open_at_end o JOIN last_6_weeks w ON w.plan = o.id
                    UNION ALL
                    SELECT o.id, o.child, o.started, w.alone_raw FROM open_at_end o
                      JOIN last_6_weeks w ON w.plan IS NULL AND w.child = o.child AND w.visited >= o.started) y
             GROUP BY y.id, y.child, y.started) x
)
SELECT m.measure, m.numerator, m.denominator,
       CASE WHEN m.denominator IS NULL THEN m.numerator::numeric ELSE round(100.0 * m.numerator / nullif(m.denominator, 0), 1) END,
       why.n + l.more_left_out, CASE WHEN l.more_left_out > 0 THEN why.j || pg_catalog.jsonb_build_object('seen_alone_unreadable', l.more_left_out) ELSE why.j END,
       m.definition || $5
  FROM a, why, seen, LATERAL (VALUES
    (1, 'plans_started', a.started_n, NULL::bigint, 'Child protection plans that started in the period (events).'),
    (2, 'children_with_plans_started', a.started_children, NULL, 'Children whose plan started in the period.'),
    (3, 'plans_ended', a.ended_n, NULL, 'Plans that ended in the period (their end day in it).'),
    (4, 'plans_open_at_end', a.open_n, NULL,
     'Plans open at the end of the period: started on or before its last day, and not ended by then (a plan''s end day is not a day of the plan).'),
    (5, 'children_on_plans_at_end', a.open_children, NULL, 'Children on a plan at the end of the period.'),
    (6, 'second_or_subsequent_plans', a.subsequent_n, a.started_n,
     'Percentage of plans started in the period for a child who had an earlier plan ' ||
     CASE WHEN $4 IS NULL THEN 'ever (the national statistic)' ELSE 'that ended within ' || $4::pg_catalog.text || ' of the new one''s start' END || '.'),
    (7, 'open_plans_9_months_or_more', a.open_9, a.open_n,
     'Percentage of plans open at the end of the period that had then been open 9 months or more (started on or before the end less that).'),
    (8, 'open_plans_12_months_or_more', a.open_12, a.open_n,
     'Percentage of plans open at the end of the period that had then been open 12 months or more (started on or before the end less that).'),
    (9, 'open_plans_18_months_or_more', a.open_18, a.open_n,
     'Percentage of plans open at the end of the period that had then been open 18 months or more (started on or before the end less that).'),
    (10, 'open_plans_2_years_or_more', a.open_24, a.open_n,
     'Percentage of plans open at the end of the period that had then been open 2 years or more (started on or before the end less that).'),
    (11, 'ended_plans_lasting_2_years_or_more', a.lasting_n, a.ended_n,
     'Percentage of plans ended in the period that had lasted 2 years or more (end day on or after the second anniversary of the start).'),
    (12, 'children_with_plans_ended', a.ended_children, NULL, 'Children whose plan ended in the period.'),
    (13, 'ended_plans_under_3_months', a.d_3m, a.ended_n, 'Percentage of plans ended in the period that had lasted under 3 months (the national duration bands).'),
    (14, 'ended_plans_3_to_6_months', a.d_6m, a.ended_n, 'Percentage of plans ended in the period that had lasted 3 months to under 6.'),
    (15, 'ended_plans_6_to_12_months', a.d_1y, a.ended_n, 'Percentage of plans ended in the period that had lasted 6 months to under 1 year.'),
    (16, 'ended_plans_1_to_2_years', a.d_2y, a.ended_n, 'Percentage of plans ended in the period that had lasted 1 year to under 2.'),
    (17, 'open_plans_visited_in_last_6_weeks', seen.visited_n, a.open_n,
     'Percentage of plans open at the end of the period with a visit recorded in its last 6 weeks (42 days, the end day included).'),
    (18, 'open_plans_seen_alone_in_last_6_weeks', seen.alone_n, a.open_n - seen.alone_unreadable_n,
     'Percentage of plans open at the end of the period whose child was seen alone at a visit in its last 6 weeks (a seen-alone flag not recorded is not yes; a plan not seen alone at a visit whose flag can be read, with a visit whose flag cannot be, is left out).')
  ) m(ord, measure, numerator, denominator, definition)
  CROSS JOIN LATERAL (SELECT CASE WHEN m.ord = 18 THEN seen.alone_unreadable_n ELSE 0 END AS more_left_out) l
 WHERE m.ord <= 16 OR $6
 ORDER BY m.ord
$q$, plans, cpconf.report_duplicated('plan', 'raw.id'),
            CASE WHEN cpconf.report_ids_unique('plan') THEN 'true'
                 ELSE 'raw.id IS NULL OR pg_catalog.row_number() OVER (PARTITION BY raw.id ORDER BY ' || replace(cpconf.plan_copy_order('p'), 'p.', 'raw.')
                      || ') = 1' END,
            CASE WHEN visits_mapped
                 THEN format('SELECT (%s)::pg_catalog.text AS plan, (%s)::pg_catalog.text AS child, %s AS visited, (%s)::pg_catalog.text AS alone_raw FROM %s v',
                             cpconf.report_column('visit', 'plan', 'v'), cpconf.report_column('visit', 'child', 'v'),
                             cpconf.report_day('visit', 'visited', 'v'), cpconf.report_column('visit', 'seen_alone', 'v'), cpconf.table_sql('visit'))
                 ELSE 'SELECT NULL::pg_catalog.text AS plan, NULL::pg_catalog.text AS child, NULL::pg_catalog.date AS visited, NULL::pg_catalog.text AS alone_raw WHERE false' END);
        RETURN QUERY EXECUTE q USING p_from, p_to, other_council_plans, lookback,
            CASE WHEN other_council_plans THEN ' Plans held by another council are counted.'
                 ELSE ' Plans flagged as another council''s are not counted (a plan whose flag is not recorded is).' END,
            visits_mapped;
    END IF;

    -- section 47 enquiries that led to an initial conference; initial
    -- conferences that led to a plan
    IF EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'strategy_discussion')
       AND EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'conference') THEN
        q := format($q$
WITH s AS (
    SELECT (%1$s)::pg_catalog.text AS id, %2$s AS held FROM %3$s s
), counted AS (
    SELECT s.*, s.id IN (SELECT (%5$s)::pg_catalog.text FROM %4$s c
                           WHERE (cpconf.kind_read((%6$s)::pg_catalog.text) IS NULL
                                  OR cpconf.kind_read((%6$s)::pg_catalog.text) IN ('initial', 'pre_birth'))
                             AND NOT (cpconf.is_flag((%9$s)::pg_catalog.text) AND coalesce(cpconf.flag((%9$s)::pg_catalog.text), false))
                             AND %8$s BETWEEN '1978-01-01' AND '2199-12-31') AS led
      FROM s WHERE s.held BETWEEN $1 AND $2 AND NOT %7$s
), why AS (
    SELECT count(*) FILTER (WHERE s.held IS NULL OR NOT pg_catalog.isfinite(s.held) OR s.held < '1978-01-01' OR s.held > '2199-12-31') AS undated,
           count(*) FILTER (WHERE s.held BETWEEN $1 AND $2 AND %7$s) AS duplicated
      FROM s
)
SELECT 's47_leading_to_icpc', (SELECT count(*) FILTER (WHERE counted.led) FROM counted), (SELECT count(*) FROM counted),
       round(100.0 * (SELECT count(*) FILTER (WHERE counted.led) FROM counted) / nullif((SELECT count(*) FROM counted), 0), 1),
       why.undated + why.duplicated,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('date_not_recorded_or_out_of_range', nullif(why.undated, 0),
                                                                  'duplicate_id', nullif(why.duplicated, 0))),
       'Percentage of section 47 enquiries whose strategy discussion was in the period that led to an initial or pre-birth conference held (at any time; one not held yet, or on a placeholder day, is not counted as held). Left out: enquiries without a usable strategy discussion date (they cannot be placed in a period), and those of the period whose id is recorded twice.'
  FROM why
$q$, cpconf.report_column('strategy_discussion', 'id', 's'), cpconf.report_day('strategy_discussion', 'held', 's'),
            cpconf.table_sql('strategy_discussion'), cpconf.table_sql('conference'),
            cpconf.report_column('conference', 'strategy_discussion', 'c'), cpconf.report_column('conference', 'kind', 'c'),
            cpconf.report_duplicated('strategy_discussion', 's.id'), cpconf.report_day('conference', 'held', 'c'),
            cpconf.report_column('conference', 'transfer_in', 'c'));
        RETURN QUERY EXECUTE q USING p_from, p_to, profile;
    END IF;


    -- reviews held in timescale
    IF EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'review') AND EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'plan') THEN
        RETURN QUERY
        WITH r AS (SELECT * FROM cpconf.review_timeliness(p_from, p_to, profile) t WHERE t.held IS NOT NULL),
             judged AS (SELECT * FROM r WHERE r.status IN ('on_time', 'late')),
             why AS (SELECT coalesce(jsonb_object_agg(x.s, x.n), '{}') AS j, coalesce(sum(x.n), 0)::bigint AS n
                       FROM (SELECT r.status AS s, count(*) AS n FROM r WHERE r.status NOT IN ('on_time', 'late') GROUP BY 1) x)
        SELECT 'reviews_in_timescale', (SELECT count(*) FROM judged WHERE judged.on_time), (SELECT count(*) FROM judged),
               round(100.0 * (SELECT count(*) FROM judged WHERE judged.on_time) / nullif((SELECT count(*) FROM judged), 0), 1),
               why.n, why.j,
               'Percentage of review conferences held in the period within their timescale: the first within T-RCPC1 of the plan''s start, each later one within T-RCPCN of the previous review (cpconf.review_timeliness). Left out: those it cannot judge, by status.'
          FROM why;
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.indicators(date, date, text, interval, boolean) IS
    'The indicators of the period (NULL both: the last complete reporting year to 31 March), one row per measure: numerator, denominator, value (a percentage where there is a denominator), how many rows were left out and why (by status), and the definition used. From the mapped tables: initial conferences (icpc_timeliness) and plans. lookback: for second or subsequent plans, NULL counts any earlier plan (the national statistic), an interval only one that ended within it; other_council_plans: whether plans flagged as held by another council count.';

CREATE FUNCTION cpconf.review_timeliness(period_from date DEFAULT NULL, period_to date DEFAULT NULL, profile text DEFAULT NULL)
RETURNS TABLE (child text, plan text, review text, plan_started date, previous_review date, held date, rule text, due date,
               on_time boolean, status text, problem text, plan_found_by text, system_due date, system_due_agrees boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
-- a report joins a table with another's rows through sets whose size the
-- planner cannot see (set-returning functions, CTEs): a merge join sorts
-- both sides where a hash join reads each once
SET enable_mergejoin = off
AS $$
DECLARE
    q text;
BEGIN
    IF period_from > period_to THEN
        RAISE EXCEPTION 'the period starts (%) after it ends (%)', period_from, period_to
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'A report lists the records of a period.',
                  HINT = 'Pass period_from on or before period_to, or NULL for no bound.';
    END IF;
    PERFORM cpconf.timeliness('T-RCPC1', NULL::pg_catalog.date, NULL::pg_catalog.date, profile);
    PERFORM cpconf.table_sql('plan');
    q := format($q$
WITH p AS NOT MATERIALIZED (
    SELECT (%1$s)::pg_catalog.text AS id, (%2$s)::pg_catalog.text AS child, %3$s AS started, %4$s AS ended FROM %5$s p
), r AS NOT MATERIALIZED (
    SELECT (%6$s)::pg_catalog.text AS review, (%7$s)::pg_catalog.text AS plan_given, (%8$s)::pg_catalog.text AS child,
           %9$s AS held, %10$s AS system_due, %13$s AS review_dup
      FROM %11$s r
), linked AS (
    -- a plan id recorded twice is not joined (its reviews would be counted twice)
    SELECT r.*, g.id AS plan, g.started AS plan_started, g.id IS NULL AND NOT pd.dup AS given_not_found,
           CASE WHEN g.id IS NOT NULL THEN 'plan id' END AS found_by, pd.dup AS plan_dup
      FROM r CROSS JOIN LATERAL (SELECT %12$s AS dup) pd
      LEFT JOIN p g ON g.id = r.plan_given AND NOT pd.dup
     WHERE r.plan_given IS NOT NULL
    UNION ALL
    -- a review without a plan id is the child's plan's open that day (its
    -- end day included: the review that ends a plan is held on it)
    SELECT r.*, o.id, o.started, false, CASE WHEN o.id IS NOT NULL THEN 'open that day' END, %14$s
      FROM r LEFT JOIN LATERAL (SELECT p.* FROM p WHERE p.child = r.child AND p.started <= r.held
                                                  AND (p.ended IS NULL OR r.held <= p.ended)
                                 -- on a day one plan ends and the next starts, the
                                 -- review is the ending plan's (it ends it)
                                 ORDER BY p.ended IS NOT DISTINCT FROM r.held DESC, p.started DESC,
                                          -- and, whatever the rows' order, the same one of two
                                          p.ended DESC NULLS FIRST, p.id NULLS LAST LIMIT 1) o ON true
     WHERE r.plan_given IS NULL
), ordered AS (
    -- the previous review: among the plan's reviews on a usable day, not before the plan
    SELECT l.*, pg_catalog.lag(l.held) OVER (PARTITION BY l.plan ORDER BY l.held, l.review) AS previous
      FROM linked l
     WHERE l.plan IS NOT NULL AND l.held BETWEEN '1978-01-01' AND '2199-12-31' AND l.held >= l.plan_started
    UNION ALL
    -- a review not held yet follows the plan's latest held
    SELECT l.*, CASE WHEN l.held IS NULL AND l.plan IS NOT NULL
                     THEN (SELECT pg_catalog.max(l2.held) FROM linked l2
                            WHERE l2.plan = l.plan AND l2.held BETWEEN '1978-01-01' AND '2199-12-31' AND l2.held >= l2.plan_started) END
      FROM linked l
     WHERE NOT (l.plan IS NOT NULL AND l.held BETWEEN '1978-01-01' AND '2199-12-31' AND l.held >= l.plan_started)
        OR l.held IS NULL OR l.plan_started IS NULL
), judged AS (
    SELECT o.*, CASE WHEN o.plan IS NULL THEN NULL WHEN o.previous IS NULL THEN 'T-RCPC1' ELSE 'T-RCPCN' END AS rule,
           CASE WHEN o.plan IS NOT NULL
                THEN cpconf.timeliness(CASE WHEN o.previous IS NULL THEN 'T-RCPC1' ELSE 'T-RCPCN' END,
                                       coalesce(o.previous, o.plan_started), o.held, $3) END AS t
      FROM ordered o
     -- a review whose day is not recorded or not usable cannot be placed:
     -- it is listed in every period
     WHERE o.held BETWEEN coalesce($1, '-infinity') AND coalesce($2, 'infinity') OR o.held IS NULL
        OR NOT (o.held BETWEEN '1978-01-01' AND '2199-12-31')
     OFFSET 0
)
SELECT j.child, j.plan, j.review, j.plan_started, j.previous, j.held, j.rule, (j.t).due,
       CASE WHEN NOT (j.review_dup OR j.plan_dup) THEN (j.t).on_time END,
       CASE WHEN j.review_dup OR j.plan_dup THEN 'duplicate_id'
            WHEN j.given_not_found THEN 'plan_not_found' WHEN j.plan IS NULL THEN 'no_plan_open' ELSE (j.t).status END,
       CASE WHEN j.review_dup THEN pg_catalog.format('review id %%s is recorded more than once in its table', j.review)
            WHEN j.plan_dup THEN pg_catalog.format('plan id %%s is recorded more than once in its table', coalesce(j.plan_given, j.plan))
            WHEN j.given_not_found THEN pg_catalog.format('plan %%s is not in its table', j.plan_given)
            WHEN j.plan IS NULL THEN 'no plan of the child is open on the day of the review'
            ELSE (j.t).problem END,
       j.found_by, j.system_due, j.system_due = (j.t).due
  FROM judged j
$q$,
        cpconf.report_column('plan', 'id', 'p'), cpconf.report_column('plan', 'child', 'p'),
        cpconf.report_day('plan', 'started', 'p'), cpconf.report_day('plan', 'ended', 'p'), cpconf.table_sql('plan'),
        cpconf.report_column('review', 'id', 'r'), cpconf.report_column('review', 'plan', 'r'), cpconf.report_column('review', 'child', 'r'),
        cpconf.report_day('review', 'held', 'r'), cpconf.report_day('review', 'due', 'r'), cpconf.table_sql('review'),
        cpconf.report_duplicated('plan', 'r.plan_given'), cpconf.report_duplicated('review', cpconf.report_column('review', 'id', 'r')),
        cpconf.report_duplicated('plan', 'o.id'));
    RETURN QUERY EXECUTE q USING period_from, period_to, profile;
END
$$;
COMMENT ON FUNCTION cpconf.review_timeliness(date, date, text) IS
    'Every review conference held from period_from to period_to (NULL: no bound), or whose day is not recorded: its plan (by the review''s plan id, or else the child''s plan open on its day, end day included), the plan''s start, the previous review of the plan, the rule (T-RCPC1 from the plan''s start, the initial conference''s day; T-RCPCN from the previous review), due, on time, status and problem (doc/reporting.md), and the case system''s stored due date with whether it agrees. The pre-birth first review (T-RCPC1-BIRTH) is not applied.';

-- Of a plan recorded twice, which record stands for it in the child's
-- earlier plans (plans() and indicators() alike, whatever the rows'
-- physical order): one on usable days first, with its child recorded,
-- then the earliest start, the latest end (open last).  An ORDER BY list
-- over alias.
CREATE FUNCTION cpconf.plan_copy_order(alias text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN format('NOT coalesce(%1$s.started BETWEEN ''1978-01-01'' AND ''2199-12-31'' AND (%1$s.ended IS NULL OR %1$s.ended BETWEEN %1$s.started AND ''2199-12-31''), false), '
              '%1$s.child IS NULL, %1$s.started, %1$s.ended DESC NULLS FIRST, %1$s.child', quote_ident(alias));
COMMENT ON FUNCTION cpconf.plan_copy_order(text) IS
    'For the reports: the ORDER BY list that picks, of a plan recorded twice, the record that stands for it (usable days first, a recorded child, earliest start, latest end).';

CREATE FUNCTION cpconf.plans(as_of date DEFAULT NULL, profile text DEFAULT NULL, lookback interval DEFAULT NULL)
RETURNS TABLE (child text, plan text, started date, ended date, open boolean, days integer, initial_category text,
               latest_category text, previous_plans integer, second_or_subsequent boolean, lasted_2_years boolean,
               latest_review date, last_visit date, weeks_since_visit integer, other_council boolean, status text, problem text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET enable_mergejoin = off
AS $$
DECLARE
    day date := coalesce(as_of, cpconf.today_in_england());
    reviews text := 'SELECT NULL::pg_catalog.text AS plan, NULL::pg_catalog.date AS held WHERE false';
    visits text := 'SELECT NULL::pg_catalog.text AS plan, NULL::pg_catalog.text AS child, NULL::pg_catalog.date AS visited WHERE false';
    q text;
BEGIN
    PERFORM cpconf.timeliness('T-RCPC1', NULL::pg_catalog.date, NULL::pg_catalog.date, profile);
    IF lookback < interval '0' THEN
        RAISE EXCEPTION 'lookback % is negative', lookback
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'The lookback is how long before a plan an earlier one counts.',
                  HINT = 'Pass a positive interval, or NULL for ever (the national statistic).';
    END IF;
    IF NOT pg_catalog.isfinite(day) OR day > '9999-12-31' THEN
        RAISE EXCEPTION 'plans as of % cannot be counted', day
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'A plan''s days and weeks are counted to the day it is seen as of.',
                  HINT = 'Pass a day, or NULL for today.';
    END IF;
    IF EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'review') THEN
        reviews := format('SELECT (%s)::pg_catalog.text AS plan, %s AS held FROM %s r', cpconf.report_column('review', 'plan', 'r'),
                          cpconf.report_day('review', 'held', 'r'), cpconf.table_sql('review'));
    END IF;
    IF EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'visit') THEN
        visits := format('SELECT (%s)::pg_catalog.text AS plan, (%s)::pg_catalog.text AS child, %s AS visited FROM %s v',
                         cpconf.report_column('visit', 'plan', 'v'), cpconf.report_column('visit', 'child', 'v'),
                         cpconf.report_day('visit', 'visited', 'v'), cpconf.table_sql('visit'));
    END IF;
    q := format($q$
WITH p AS (
    SELECT (%1$s)::pg_catalog.text AS child, (%2$s)::pg_catalog.text AS plan, %3$s AS started, %4$s AS ended,
           (%5$s)::pg_catalog.text AS categories_raw, (%10$s)::pg_catalog.text AS latest_raw, (%6$s)::pg_catalog.text AS other_raw,
           pg_catalog.row_number() OVER () AS rn
      FROM %7$s p
), keyed AS (
    -- a plan recorded twice is one plan: one record stands for it
    -- (cpconf.plan_copy_order), as in cpconf.indicators()
    SELECT p.*, %12$s AS key FROM p
), judged AS (
    SELECT p.*,
           CASE WHEN p.started IS NULL THEN 'start_not_recorded'
                WHEN NOT pg_catalog.isfinite(p.started) OR p.started < '1978-01-01' OR p.started > '2199-12-31'
                  OR (p.ended IS NOT NULL AND (NOT pg_catalog.isfinite(p.ended) OR p.ended < '1978-01-01' OR p.ended > '2199-12-31'))
                THEN 'date_out_of_range'
                WHEN p.ended < p.started THEN 'ends_before_it_starts'
                WHEN p.child IS NULL THEN 'child_not_recorded'
                WHEN %11$s THEN 'duplicate_id'
                WHEN NOT cpconf.is_flag(p.other_raw) OR NOT cpconf.is_categories(p.categories_raw)
                  OR NOT cpconf.is_categories(p.latest_raw) THEN 'unreadable_value' END AS status
      FROM keyed p
), good AS (
    -- every plan on usable days is an earlier plan of the child's later ones (once)
    SELECT j.rn, pg_catalog.count(*) OVER w AS before_it, pg_catalog.max(coalesce(j.ended, 'infinity'::pg_catalog.date)) OVER w AS latest_end_before
      FROM judged j WHERE (j.status IS NULL OR j.status IN ('unreadable_value', 'duplicate_id')) AND j.key = j.rn
    WINDOW w AS (PARTITION BY j.child ORDER BY j.started RANGE BETWEEN UNBOUNDED PRECEDING AND '1 day'::pg_catalog.interval PRECEDING)
), r AS (%8$s), v AS (%9$s),
nv AS MATERIALIZED (SELECT v.child, v.visited FROM v WHERE v.plan IS NULL AND v.visited BETWEEN '1978-01-01' AND $1)
SELECT j.child, j.plan, j.started, j.ended,
       CASE WHEN g.rn IS NOT NULL THEN j.started <= $1 AND (j.ended IS NULL OR j.ended > $1) END,
       CASE WHEN g.rn IS NOT NULL THEN (least(coalesce(j.ended, $1), $1) - j.started)::pg_catalog.int4 END,
       CASE WHEN cpconf.is_categories(j.categories_raw) THEN cpconf.cin_code(cpconf.categories_read(j.categories_raw)) END,
       CASE WHEN cpconf.is_categories(j.latest_raw) THEN cpconf.cin_code(cpconf.categories_read(j.latest_raw)) END,
       g.before_it::pg_catalog.int4,
       g.before_it > 0 AND ($2::pg_catalog.interval IS NULL OR g.latest_end_before >= j.started - $2),
       CASE WHEN g.rn IS NOT NULL THEN least(coalesce(j.ended, $1), $1) >= j.started + pg_catalog.make_interval(years => 2) END,
       lr.held,
       lv.visited, (($1 - lv.visited) / 7)::pg_catalog.int4,
       CASE WHEN cpconf.is_flag(j.other_raw) THEN cpconf.flag(j.other_raw) END,
       coalesce(j.status, 'ok'),
       CASE j.status WHEN 'start_not_recorded' THEN 'the day the plan started is not recorded'
                     WHEN 'date_out_of_range' THEN 'a day of the plan is outside the years cpconf''s calendars cover (1978 to 2199)'
                     WHEN 'ends_before_it_starts' THEN pg_catalog.format('the plan ends on %%s, before it starts on %%s', cpconf.day_text(j.ended), cpconf.day_text(j.started))
                     WHEN 'child_not_recorded' THEN 'the plan''s child is not recorded'
                     WHEN 'duplicate_id' THEN pg_catalog.format('plan id %%s is recorded more than once in its table', j.plan)
                     WHEN 'unreadable_value' THEN pg_catalog.format('a value is not readable: categories %%L, latest categories %%L, other council %%L',
                                                                   j.categories_raw, j.latest_raw, j.other_raw) END
  FROM judged j
  LEFT JOIN good g ON g.rn = j.key AND (j.status IS NULL OR j.status IN ('unreadable_value', 'duplicate_id'))
  -- each plan's latest review, in one pass over the reviews (not one per plan)
  LEFT JOIN (SELECT r.plan, pg_catalog.max(r.held) AS held FROM r WHERE r.held BETWEEN '1978-01-01' AND $1 GROUP BY r.plan) lr
         ON lr.plan = j.plan
  LEFT JOIN (SELECT v.plan, pg_catalog.max(v.visited) AS visited FROM v
              WHERE v.plan IS NOT NULL AND v.visited BETWEEN '1978-01-01' AND $1 GROUP BY v.plan) vp ON vp.plan = j.plan
  LEFT JOIN LATERAL (SELECT pg_catalog.max(nv.visited) AS visited FROM nv
                      WHERE nv.child = j.child AND nv.visited >= j.started AND (j.ended IS NULL OR nv.visited <= j.ended)) vc ON true
  CROSS JOIN LATERAL (SELECT CASE WHEN vc.visited > vp.visited OR vp.visited IS NULL THEN vc.visited ELSE vp.visited END AS visited) lv
 WHERE j.started IS NULL OR NOT pg_catalog.isfinite(j.started) OR j.started <= $1
$q$,
        cpconf.report_column('plan', 'child', 'p'), cpconf.report_column('plan', 'id', 'p'),
        cpconf.report_day('plan', 'started', 'p'), cpconf.report_day('plan', 'ended', 'p'),
        cpconf.report_column('plan', 'categories', 'p'), cpconf.report_column('plan', 'other_council', 'p'),
        cpconf.table_sql('plan'), reviews, visits, cpconf.report_column('plan', 'latest_categories', 'p'),
        cpconf.report_duplicated('plan', 'p.plan'),
        CASE WHEN cpconf.report_ids_unique('plan') THEN 'p.rn'
             ELSE 'CASE WHEN p.plan IS NULL THEN p.rn ELSE pg_catalog.first_value(p.rn) OVER (PARTITION BY p.plan ORDER BY '
                  || cpconf.plan_copy_order('p') || ', p.rn) END' END);
    RETURN QUERY EXECUTE q USING day, lookback;
END
$$;
COMMENT ON FUNCTION cpconf.plans(date, text, interval) IS
    'Every plan started by as_of (NULL: today), with: open on that day, its days so far (or in all, when ended), its initial category and its latest (field latest_categories; NULL when not mapped) as the census codes them (NEG, PHY, EMO, SAB, MUL), the child''s earlier plans (lookback NULL: ever, as the national statistic; an interval: those that ended within it), second or subsequent, lasted 2 years or more, its latest review and last visit by as_of and the weeks since, held by another council (NULL when not recorded, never taken as no), status and problem. A plan whose dates or values cannot be read is returned with its status.';

/* For dashboards (Power BI, Metabase): the reports over the reporting year
 * in progress (1 April to today), under the setting cpconf.profile, read
 * with the rights of the role that queries them. */
CREATE VIEW cpconf.current_icpc_timeliness WITH (security_invoker = true) AS
SELECT * FROM cpconf.icpc_timeliness((cpconf.reporting_year(cpconf.today_in_england())).year_from, cpconf.today_in_england());
COMMENT ON VIEW cpconf.current_icpc_timeliness IS
    'cpconf.icpc_timeliness() over the reporting year in progress (from 1 April to today), under the setting cpconf.profile.';
CREATE VIEW cpconf.current_review_timeliness WITH (security_invoker = true) AS
SELECT * FROM cpconf.review_timeliness((cpconf.reporting_year(cpconf.today_in_england())).year_from, cpconf.today_in_england());
COMMENT ON VIEW cpconf.current_review_timeliness IS
    'cpconf.review_timeliness() over the reporting year in progress (from 1 April to today), under the setting cpconf.profile.';
CREATE VIEW cpconf.current_plans WITH (security_invoker = true) AS
SELECT * FROM cpconf.plans(cpconf.today_in_england());
COMMENT ON VIEW cpconf.current_plans IS
    'cpconf.plans() as of today, under the setting cpconf.profile.';
CREATE VIEW cpconf.current_indicators WITH (security_invoker = true) AS
SELECT * FROM cpconf.indicators((cpconf.reporting_year(cpconf.today_in_england())).year_from, cpconf.today_in_england());
COMMENT ON VIEW cpconf.current_indicators IS
    'cpconf.indicators() over the reporting year in progress (from 1 April to today), under the setting cpconf.profile.';
GRANT SELECT ON cpconf.current_icpc_timeliness, cpconf.current_review_timeliness, cpconf.current_plans, cpconf.current_indicators TO PUBLIC;

/* ------------------------------------------------------------------------
 * The child in need census's rules on child protection that a council's
 * records can be checked against before the return is made.  Each as the
 * DfE applies it, over the records of the census year (period_from to
 * period_to, the reference date); where the census's form is weaker than
 * the procedure (a weekend but not a bank holiday), cpconf's stricter form
 * beside it, as its own rule (suffix -WD).
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.census_checks(period_from date DEFAULT NULL, period_to date DEFAULT NULL, profile text DEFAULT NULL)
RETURNS TABLE (rule text, kind text, child text, record text, day date, message text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET enable_mergejoin = off
AS $$
DECLARE
    p_to date := coalesce(period_to, (cpconf.reporting_year(cpconf.today_in_england())).year_from - 1);
    p_from date := coalesce(period_from, (cpconf.reporting_year(p_to)).year_from);
    cal text := cpconf.profile_calendar(profile);
    has_sd boolean := EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'strategy_discussion');
    has_conf boolean := EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'conference');
    has_plan boolean := EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'plan');
    has_review boolean := EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'review');
    has_child boolean := EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'child');
    s_sql text;
    c_sql text;
    p_sql text;
    q text;
BEGIN
    PERFORM cpconf.timeliness('T-ICPC', NULL::pg_catalog.date, NULL::pg_catalog.date, profile);
    IF p_from > p_to THEN
        RAISE EXCEPTION 'the period starts (%) after it ends (%)', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'The census year is the period before the reference date.',
                  HINT = 'Pass period_from on or before period_to.';
    END IF;
    IF has_conf THEN
        -- initial conferences (not reviews), with their enquiry
        c_sql := format('%s (%s)::pg_catalog.text AS id, (%s)::pg_catalog.text AS child, (%s)::pg_catalog.text AS sd, %s AS held, %s AS due
                           FROM %s c WHERE cpconf.kind_read((%s)::pg_catalog.text) IS NULL OR cpconf.kind_read((%s)::pg_catalog.text) IN (''initial'', ''pre_birth'', ''transfer_in'')',
                        cpconf.report_select('conference'), cpconf.report_column('conference', 'id', 'c'), cpconf.report_column('conference', 'child', 'c'),
                        cpconf.report_column('conference', 'strategy_discussion', 'c'), cpconf.report_day('conference', 'held', 'c'),
                        cpconf.report_day('conference', 'due', 'c'), cpconf.table_sql('conference'),
                        cpconf.report_column('conference', 'kind', 'c'), cpconf.report_column('conference', 'kind', 'c'));
    ELSE
        c_sql := 'SELECT NULL::pg_catalog.text AS id, NULL::pg_catalog.text AS child, NULL::pg_catalog.text AS sd, NULL::pg_catalog.date AS held, NULL::pg_catalog.date AS due WHERE false';
    END IF;
    IF has_sd THEN
        s_sql := format('%s (%s)::pg_catalog.text AS id, (%s)::pg_catalog.text AS child, %s AS started, %s AS ended FROM %s s',
                        cpconf.report_select('strategy_discussion'), cpconf.report_column('strategy_discussion', 'id', 's'), cpconf.report_column('strategy_discussion', 'child', 's'),
                        cpconf.report_day('strategy_discussion', 'held', 's'), cpconf.report_day('strategy_discussion', 'ended', 's'),
                        cpconf.table_sql('strategy_discussion'));
        q := format($q$
WITH s AS (%1$s), c AS (%2$s),
s47 AS (
    -- each enquiry with its initial conference (the earliest), active in the census year
    SELECT s.*, f.icpc
      FROM s LEFT JOIN (SELECT c.sd, pg_catalog.min(c.held) AS icpc FROM c WHERE c.sd IS NOT NULL GROUP BY c.sd) f ON f.sd = s.id
)
SELECT '8615', 'error', e.child, 'section 47 enquiry ' || e.id, e.started,
       CASE WHEN e.started IS NULL THEN pg_catalog.format('the enquiry has an initial conference on %%s but no start date', cpconf.day_text(e.icpc))
            ELSE pg_catalog.format('the enquiry starts on %%s, after its initial conference on %%s', cpconf.day_text(e.started), cpconf.day_text(e.icpc)) END
  FROM s47 e WHERE e.icpc IS NOT NULL AND (e.started IS NULL OR e.started > e.icpc)
   -- an enquiry of the census year: started in it, or its conference in it
   AND (e.started BETWEEN $1 AND $2 OR e.icpc BETWEEN $1 AND $2)
UNION ALL
-- the initial conference is due by the 15th working day after the strategy
-- discussion: none by the reference date once that day has passed
SELECT '8675Q', 'query', e.child, 'section 47 enquiry ' || e.id, e.started,
       pg_catalog.format('the enquiry started on %%s; its initial conference was due by %%s (15 working days) and none is recorded by %%s, nor the enquiry ended',
                         cpconf.day_text(e.started), cpconf.day_text(cpconf.add_working_days(e.started, 15, $3)), cpconf.day_text($2))
  FROM s47 e
 WHERE e.icpc IS NULL AND e.ended IS NULL AND e.started BETWEEN '1978-01-01' AND least($2, '2199-11-30')
   AND cpconf.add_working_days(e.started, 15, $3) < $2
UNION ALL
SELECT '8740', 'error', e.child, 'section 47 enquiry ' || e.id, e.started,
       pg_catalog.format('the enquiry started on %%s, before the census year (from %%s), and has neither an initial conference nor an end', cpconf.day_text(e.started), cpconf.day_text($1))
  FROM s47 e WHERE e.icpc IS NULL AND e.ended IS NULL AND e.started < $1
UNION ALL
SELECT '8890', 'error', a.child, 'section 47 enquiry ' || a.id, a.started,
       pg_catalog.format('the enquiry starts on %%s while enquiry %%s (from %%s) is ongoing', cpconf.day_text(a.started), b.id, cpconf.day_text(b.started))
  FROM s47 a JOIN s47 b ON b.child = a.child AND b.id <> a.id
 WHERE a.started >= b.started AND a.started <= coalesce(b.icpc, b.ended, $2)
   AND NOT (a.started = b.started AND a.icpc IS NOT DISTINCT FROM b.icpc)
   AND a.started BETWEEN $1 AND $2
$q$, s_sql, c_sql);
        RETURN QUERY EXECUTE q USING p_from, p_to, cal;
    END IF;
    IF has_conf THEN
        q := format($q$
WITH c AS (%1$s)
SELECT '8875', 'error', c.child, 'conference ' || c.id, c.held,
       pg_catalog.format('the initial conference is recorded on %%s, a %%s', cpconf.day_text(c.held), pg_catalog.to_char(c.held, 'FMDay'))
  FROM c WHERE c.held BETWEEN $1 AND $2 AND pg_catalog.date_part('isodow', c.held) > 5
UNION ALL
SELECT '8875-WD', 'error', c.child, 'conference ' || c.id, c.held,
       pg_catalog.format('the initial conference is recorded on %%s, a %%s that is not a working day of calendar %%s (a bank holiday or closure day: the census checks weekends only)',
                         cpconf.day_text(c.held), pg_catalog.to_char(c.held, 'FMDay'), $3)
  FROM c WHERE c.held BETWEEN greatest($1, '1978-01-01') AND least($2, '2199-12-31') AND pg_catalog.date_part('isodow', c.held) <= 5
   AND NOT cpconf.is_working_day(c.held, $3)
UNION ALL
SELECT '8870Q', 'query', c.child, 'conference ' || c.id, c.due,
       pg_catalog.format('the initial conference''s target date %%s is a %%s', cpconf.day_text(c.due), pg_catalog.to_char(c.due, 'FMDay'))
  FROM c WHERE c.due BETWEEN $1 AND $2 AND pg_catalog.date_part('isodow', c.due) > 5
UNION ALL
SELECT '8870Q-WD', 'query', c.child, 'conference ' || c.id, c.due,
       pg_catalog.format('the initial conference''s target date %%s, a %%s, is not a working day of calendar %%s', cpconf.day_text(c.due), pg_catalog.to_char(c.due, 'FMDay'), $3)
  FROM c WHERE c.due BETWEEN greatest($1, '1978-01-01') AND least($2, '2199-12-31') AND pg_catalog.date_part('isodow', c.due) <= 5
   AND NOT cpconf.is_working_day(c.due, $3)
$q$, c_sql);
        RETURN QUERY EXECUTE q USING p_from, p_to, cal;
    END IF;
    IF has_plan THEN
        p_sql := format('%s (%s)::pg_catalog.text AS id, (%s)::pg_catalog.text AS child, %s AS started, %s AS ended, (%s)::pg_catalog.text AS cat, (%s)::pg_catalog.text AS latest, %L::pg_catalog.bool AS latest_mapped, (%s)::pg_catalog.text AS conference FROM %s p',
                        cpconf.report_select('plan'), cpconf.report_column('plan', 'id', 'p'), cpconf.report_column('plan', 'child', 'p'),
                        cpconf.report_day('plan', 'started', 'p'), cpconf.report_day('plan', 'ended', 'p'),
                        cpconf.report_column('plan', 'categories', 'p'), cpconf.report_column('plan', 'latest_categories', 'p'),
                        EXISTS (SELECT FROM cpconf.mapped_column('plan', 'latest_categories') m WHERE m.column_name IS NOT NULL),
                        cpconf.report_column('plan', 'conference', 'p'), cpconf.table_sql('plan'));
        q := format($q$
WITH p AS (%1$s), c AS (%2$s), d AS (%3$s), r AS (%4$s),
active AS (
    SELECT p.* FROM p WHERE p.started <= $2 AND (p.ended IS NULL OR p.ended >= $1)
), open_plans AS (
    -- plans, not records: a plan recorded twice with different data is one
    SELECT p.child, pg_catalog.count(DISTINCT p.id) + pg_catalog.count(*) FILTER (WHERE p.id IS NULL) AS n
      FROM p WHERE p.ended IS NULL AND p.started <= $2 GROUP BY p.child
)
SELECT '2885', 'error', a.child, 'plan ' || a.id, a.started,
       pg_catalog.format('the plan starts on %%s, not on the day of an initial conference of the child', cpconf.day_text(a.started))
  FROM active a
 WHERE a.started >= $1
   -- two conditions, each a hashed lookup (one with OR would be a scan per plan)
   AND NOT EXISTS (SELECT FROM c WHERE c.child = a.child AND c.held = a.started)
   AND NOT EXISTS (SELECT FROM c WHERE c.id = a.conference AND c.held = a.started)
UNION ALL
SELECT '8840', 'error', a.child, 'plan ' || a.id, a.started, pg_catalog.format('the plan starts and ends on the same day, %%s', cpconf.day_text(a.started))
  FROM active a WHERE a.started = a.ended
UNION ALL
SELECT '8905', 'error', a.child, 'plan ' || a.id, a.started,
       CASE WHEN a.cat IS NULL OR pg_catalog.btrim(a.cat) = '' THEN 'the plan''s category of abuse is not recorded'
            ELSE pg_catalog.format('the plan''s category of abuse %%L is not one the census codes (NEG, PHY, EMO, SAB, MUL)', a.cat) END
  FROM active a WHERE NOT cpconf.is_categories(a.cat) OR cpconf.categories_read(CASE WHEN cpconf.is_categories(a.cat) THEN a.cat END) IS NULL
UNION ALL
-- the latest category, where the case system keeps one (field latest_categories)
SELECT '8910', 'error', a.child, 'plan ' || a.id, a.started,
       CASE WHEN a.latest IS NULL OR pg_catalog.btrim(a.latest) = '' THEN 'the plan''s latest category of abuse is not recorded'
            ELSE pg_catalog.format('the plan''s latest category of abuse %%L is not one the census codes (NEG, PHY, EMO, SAB, MUL)', a.latest) END
  FROM active a WHERE a.latest_mapped
   AND (NOT cpconf.is_categories(a.latest) OR cpconf.categories_read(CASE WHEN cpconf.is_categories(a.latest) THEN a.latest END) IS NULL)
UNION ALL
SELECT '8915', 'error', a.child, 'plan ' || a.id, a.started, pg_catalog.format('the plan starts on %%s, after the child died on %%s', cpconf.day_text(a.started), cpconf.day_text(d.died))
  FROM active a JOIN d ON d.id = a.child WHERE a.started > d.died
UNION ALL
SELECT '8920', 'error', a.child, 'plan ' || a.id, a.ended, pg_catalog.format('the plan ends on %%s, after the child died on %%s', cpconf.day_text(a.ended), cpconf.day_text(d.died))
  FROM active a JOIN d ON d.id = a.child WHERE a.ended > d.died
UNION ALL
SELECT '8925', 'error', a.child, 'plan ' || a.id, a.ended, pg_catalog.format('the plan ends on %%s, before it starts on %%s', cpconf.day_text(a.ended), cpconf.day_text(a.started))
  FROM p a WHERE a.ended < a.started AND (a.started BETWEEN $1 AND $2 OR a.ended BETWEEN $1 AND $2)
UNION ALL
SELECT DISTINCT ON (a.child, a.id) '8935', 'error', a.child, 'plan ' || a.id, a.started, pg_catalog.format('the child has %%s plans with no end date', o.n)
  FROM active a JOIN open_plans o ON o.child = a.child WHERE a.ended IS NULL AND o.n > 1
UNION ALL
-- as the census counts it: a plan starting on the day another ends overlaps it
SELECT '8940', 'error', a.child, 'plan ' || a.id, a.started,
       pg_catalog.format('the plan starts on %%s, while plan %%s (from %%s%%s) is open', cpconf.day_text(a.started), b.id, cpconf.day_text(b.started),
                         coalesce(' to ' || cpconf.day_text(b.ended), ', not ended'))
  FROM active a JOIN p b ON b.child = a.child AND b.id <> a.id
 WHERE a.started >= b.started AND a.started <= coalesce(b.ended, $2)
UNION ALL
SELECT '8841', 'error', a.child, 'review ' || r.id, r.held,
       pg_catalog.format('the review on %%s is not after the start of its plan %%s on %%s', cpconf.day_text(r.held), a.id, cpconf.day_text(a.started))
  FROM active a JOIN r ON r.plan = a.id WHERE r.held <= a.started
UNION ALL
SELECT '8842Q', 'query', a.child, 'review ' || r.id, NULL::pg_catalog.date, pg_catalog.format('a review of plan %%s has no date', a.id)
  FROM active a JOIN r ON r.plan = a.id WHERE r.held IS NULL
$q$, p_sql, c_sql,
            CASE WHEN has_child THEN format('%s (%s)::pg_catalog.text AS id, %s AS died FROM %s d WHERE %s IS NOT NULL',
                                            cpconf.report_select('child'), cpconf.report_column('child', 'id', 'd'), cpconf.report_day('child', 'date_of_death', 'd'),
                                            cpconf.table_sql('child'), cpconf.report_column('child', 'date_of_death', 'd'))
                 ELSE 'SELECT NULL::pg_catalog.text AS id, NULL::pg_catalog.date AS died WHERE false' END,
            CASE WHEN has_review THEN format('%s (%s)::pg_catalog.text AS id, (%s)::pg_catalog.text AS plan, %s AS held FROM %s r',
                                             cpconf.report_select('review'), cpconf.report_column('review', 'id', 'r'), cpconf.report_column('review', 'plan', 'r'),
                                             cpconf.report_day('review', 'held', 'r'), cpconf.table_sql('review'))
                 ELSE 'SELECT NULL::pg_catalog.text AS id, NULL::pg_catalog.text AS plan, NULL::pg_catalog.date AS held WHERE false' END);
        RETURN QUERY EXECUTE q USING p_from, p_to, cal;
    END IF;
END
$$;
COMMENT ON FUNCTION cpconf.census_checks(date, date, text) IS
    'The child in need census''s validation rules on child protection that a council''s records can fail, checked over the records of the census year (period_from to period_to, the reference date; NULL: the last complete year to 31 March): 2885, 8615, 8675Q, 8740, 8840, 8841, 8842Q, 8870Q, 8875, 8890, 8905, 8915, 8920, 8925, 8935, 8940, one row per failure (rule, error or query, child, record, day, message); 8875-WD and 8870Q-WD are cpconf''s stricter forms of 8875 and 8870Q (bank holidays and closure days, not only weekends). doc/reporting.md says where cpconf''s form differs from the validator''s.';

/* ------------------------------------------------------------------------
 * Ofsted's inspection data lists (Annex A) on child protection, with their
 * column headers and value codes: list 5 (section 47 enquiries and initial
 * conferences) and list 7 (children subject of a plan), for the six months
 * before the reference date.  Columns whose facts cpconf's mappings do not
 * hold (gender, ethnicity, disability, the allocated team and worker, an
 * emergency protection order) are left blank for the council to fill.
 * minimised: the date of birth as the first of its month, no team or
 * worker, for sharing beyond the council.
 * ------------------------------------------------------------------------ */

-- Each child's date of birth as the Annex A lists show it, one row per
-- child id: where the id is recorded twice and the copies disagree, none
-- (not two rows); in the minimised form the first of its month (none for a
-- date no person was born on); the age on the reference date.  For a list's
-- query, whose $1 is the reference date and $2 whether it is minimised.
CREATE FUNCTION cpconf.report_births()
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    births text;
BEGIN
    IF NOT EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'child') THEN
        births := 'SELECT NULL::pg_catalog.text AS id, NULL::pg_catalog.date AS born WHERE false';
    ELSE
        births := format(CASE WHEN cpconf.report_ids_unique('child')
                              THEN 'SELECT (%1$s)::pg_catalog.text AS id, %2$s AS born FROM %3$s d'
                              ELSE 'SELECT (%1$s)::pg_catalog.text AS id, CASE WHEN pg_catalog.min(%2$s) = pg_catalog.max(%2$s) THEN pg_catalog.min(%2$s) END AS born
                                      FROM %3$s d GROUP BY 1' END,
                         cpconf.report_column('child', 'id', 'd'), cpconf.report_day('child', 'date_of_birth', 'd'), cpconf.table_sql('child'));
    END IF;
    RETURN format($q$SELECT b.id,
       CASE WHEN $2 IS NOT FALSE THEN CASE WHEN b.born BETWEEN '1800-01-01' AND '2199-12-31'
                                           THEN b.born - (EXTRACT(day FROM b.born)::pg_catalog.int4 - 1) END
            ELSE b.born END AS shown,
       CASE WHEN b.born BETWEEN '1900-01-01' AND $1 THEN pg_catalog.date_part('year', pg_catalog.age($1, b.born))::pg_catalog.int4 END AS age
  FROM (%s) b$q$, births);
END
$$;
COMMENT ON FUNCTION cpconf.report_births() IS
    'For the Annex A lists: the SQL of each child''s date of birth as shown (minimised when $2: the first of its month) and age on the reference date ($1), one row per child id (none where copies of a child disagree).';

CREATE FUNCTION cpconf.annex_a_category(categories text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN cpconf.is_categories(categories) THEN
    CASE cpconf.cin_code(cpconf.categories_read(categories))
        WHEN 'NEG' THEN 'a) Neglect' WHEN 'PHY' THEN 'b) Physical abuse' WHEN 'SAB' THEN 'c) Sexual abuse'
        WHEN 'EMO' THEN 'd) Emotional abuse' WHEN 'MUL' THEN 'e) Multiple/not recommended' END END;
COMMENT ON FUNCTION cpconf.annex_a_category(text) IS
    'Categories of abuse as written (cpconf.categories_read) as Annex A codes them: a) Neglect, b) Physical abuse, c) Sexual abuse, d) Emotional abuse, e) Multiple/not recommended; NULL when not recorded or not readable.';

CREATE FUNCTION cpconf.annex_a_list5(reference_date date, minimised boolean DEFAULT false)
RETURNS TABLE ("Child Unique ID" text, "Gender" text, "Ethnicity" text, "Date of Birth" date, "Age of Child (Years)" integer,
               "Does the Child have a Disability" text, "Strategy discussion initiating Section 47 Enquiry Start Date" date,
               "Was an Initial Child Protection Conference deemed unnecessary?" text,
               "Date of Initial Child Protection Conference" date,
               "Did the ICPC Result in a Child Protection Plan" text,
               "Number of Section 47 Enquiries in the last 12 months" integer, "Number of ICPCs in the last 12 months" integer,
               "Allocated Team" text, "Allocated Worker" text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET enable_mergejoin = off
AS $$
DECLARE
    q text;
BEGIN
    IF reference_date IS NULL THEN
        RAISE EXCEPTION 'the reference date is needed for an Annex A list'
            USING ERRCODE = 'null_value_not_allowed', DETAIL = 'List 5 holds the section 47 enquiries of the six months before it.',
                  HINT = 'Pass the day the data is as of, usually the day before the inspection''s notification.';
    END IF;
    q := format($q$
WITH s AS (
    %7$s (%1$s)::pg_catalog.text AS id, (%2$s)::pg_catalog.text AS child, %3$s AS started, %4$s AS ended FROM %5$s s
), c AS (
    -- the initial conferences as cpconf.icpc_timeliness() reads them, a
    -- record copied twice once, a placeholder day not taken for a day
    -- held by the reference date (a later one is not yet held, as of it)
    SELECT DISTINCT t.conference, t.child, t.strategy_discussion AS sd, t.held, t.decision
      FROM cpconf.icpc_timeliness() t
     WHERE t.status <> 'unknown_kind' AND t.transfer_in IS NOT TRUE AND t.held BETWEEN '1978-01-01' AND $1
), d AS (%6$s
), first_icpc AS (
    -- the first; of two on one day, one that decided a plan, then by id
    SELECT DISTINCT ON (c.sd) c.sd, c.held, c.decision FROM c WHERE c.sd IS NOT NULL
     ORDER BY c.sd, c.held, c.decision = 'plan' DESC NULLS LAST, c.conference
), enquiries_12 AS (
    SELECT s.child, pg_catalog.count(*) AS n FROM s
     WHERE s.started > $1 - pg_catalog.make_interval(years => 1) AND s.started <= $1 GROUP BY s.child
), icpcs_12 AS (
    -- the child's initial conferences, linked to an enquiry or not
    SELECT c.child, pg_catalog.count(*) AS n FROM c
     WHERE c.held > $1 - pg_catalog.make_interval(years => 1) AND c.held <= $1 GROUP BY c.child
)
SELECT s.child, NULL::pg_catalog.text, NULL::pg_catalog.text,
       d.shown, d.age,
       NULL::pg_catalog.text,
       CASE WHEN s.started BETWEEN '1978-01-01' AND '2199-12-31' THEN s.started END, NULL::pg_catalog.text, ic.held,
       CASE ic.decision WHEN 'plan' THEN 'a) Yes' WHEN 'no_plan' THEN 'b) No' END,
       coalesce(e12.n, 0)::pg_catalog.int4, coalesce(i12.n, 0)::pg_catalog.int4,
       NULL::pg_catalog.text, NULL::pg_catalog.text
  FROM s
  LEFT JOIN d ON d.id = s.child
  LEFT JOIN first_icpc ic ON ic.sd = s.id
  LEFT JOIN enquiries_12 e12 ON e12.child = s.child
  LEFT JOIN icpcs_12 i12 ON i12.child = s.child
    -- an enquiry with no usable start is listed (it may be open), its start blank
 WHERE (s.started <= $1 OR s.started IS NULL OR NOT s.started BETWEEN '1978-01-01' AND '2199-12-31')
   AND (s.ended IS NULL OR s.ended >= $1 - pg_catalog.make_interval(months => 6) OR NOT s.ended BETWEEN '1978-01-01' AND '2199-12-31')
 ORDER BY s.child, s.started, s.id
$q$,
        cpconf.report_column('strategy_discussion', 'id', 's'), cpconf.report_column('strategy_discussion', 'child', 's'),
        cpconf.report_day('strategy_discussion', 'held', 's'), cpconf.report_day('strategy_discussion', 'ended', 's'),
        cpconf.table_sql('strategy_discussion'),
        cpconf.report_births(),
        cpconf.report_select('strategy_discussion'));
    RETURN QUERY EXECUTE q USING reference_date, minimised;
END
$$;
COMMENT ON FUNCTION cpconf.annex_a_list5(date, boolean) IS
    'Ofsted''s Annex A list 5: every section 47 enquiry open at any time in the six months before reference_date (one row each), with the list''s column headers and codes (a) Yes, b) No); columns cpconf''s mappings do not hold are blank. minimised: the date of birth as the first of its month, no team or worker.';

CREATE FUNCTION cpconf.annex_a_list7(reference_date date, minimised boolean DEFAULT false)
RETURNS TABLE ("Child Unique ID" text, "Gender" text, "Ethnicity" text, "Date of Birth" date, "Age of Child (Years)" integer,
               "Does the Child have a Disability" text, "Child Protection Plan Start Date" date, "Initial Category of Abuse" text,
               "Latest Category of Abuse" text, "Date of the Last Statutory Visit" date, "Was the Child Seen Alone?" text,
               "Date of latest review conference" date, "Child Protection Plan End Date" date,
               "Subject to EPO or Police Protection in Last Six Months (Y/N)" text,
               "Number of Previous Child Protection Plans" integer, "Allocated Team" text, "Allocated Worker" text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET enable_mergejoin = off
AS $$
DECLARE
    q text;
BEGIN
    IF reference_date IS NULL THEN
        RAISE EXCEPTION 'the reference date is needed for an Annex A list'
            USING ERRCODE = 'null_value_not_allowed', DETAIL = 'List 7 holds the children on a plan then, or whose plan ended in the six months before.',
                  HINT = 'Pass the day the data is as of, usually the day before the inspection''s notification.';
    END IF;
    q := format($q$
WITH p AS (
    -- the latest plan; of two alike, the same one whatever the rows' order
    SELECT x.*, pg_catalog.row_number() OVER (PARTITION BY x.child ORDER BY x.started DESC NULLS LAST, x.plan DESC,
                                                                         x.ended DESC NULLS FIRST, x.initial_category, x.latest_category) AS latest
      FROM cpconf.plans($1) x
     WHERE (x.status IN ('ok', 'unreadable_value', 'duplicate_id') AND (x.ended IS NULL OR x.ended >= $1 - pg_catalog.make_interval(months => 6)))
        -- an end after the calendars' years is a placeholder for "not
        -- ended" (9999-12-31): a list does not drop a child on a plan
        OR (x.status = 'date_out_of_range' AND x.started BETWEEN '1978-01-01' AND $1 AND x.ended > '2199-12-31')
        -- a plan whose start is not recorded, not ended: the child may be on it
        OR (x.status = 'start_not_recorded' AND (x.ended IS NULL OR x.ended >= $1 - pg_catalog.make_interval(months => 6)))
), v AS (%1$s), d AS (%2$s
), seen AS (
    -- each day's visits of a plan (or, without a plan id, of a child): seen alone at one, or at none
    SELECT v.plan, CASE WHEN v.plan IS NULL THEN v.child END AS child, v.visited,
           pg_catalog.bool_or(cpconf.is_flag(v.alone) AND cpconf.flag(v.alone)) AS yes,
           pg_catalog.bool_and(cpconf.is_flag(v.alone) AND NOT cpconf.flag(v.alone)) AS no
      FROM v GROUP BY 1, 2, 3
)
SELECT p.child, NULL::pg_catalog.text, NULL::pg_catalog.text,
       d.shown, d.age,
       NULL::pg_catalog.text,
       p.started, cpconf.annex_a_category(p.initial_category), cpconf.annex_a_category(p.latest_category), p.last_visit,
       CASE WHEN p.last_visit IS NULL THEN NULL
            WHEN sp.yes OR sc.yes THEN 'a) Yes'
            WHEN coalesce(sp.no, true) AND coalesce(sc.no, true) AND (sp.no OR sc.no) THEN 'b) No'
            ELSE 'c) Unknown' END,
       -- an end after the reference date: the plan was open on it
       p.latest_review, CASE WHEN p.ended <= $1 THEN p.ended END, NULL::pg_catalog.text, p.previous_plans,
       NULL::pg_catalog.text, NULL::pg_catalog.text
  FROM p LEFT JOIN d ON d.id = p.child
  LEFT JOIN seen sp ON sp.plan = p.plan AND sp.visited = p.last_visit
  LEFT JOIN seen sc ON sc.plan IS NULL AND sc.child = p.child AND sc.visited = p.last_visit
 WHERE p.latest = 1
 ORDER BY p.child
$q$,
        CASE WHEN EXISTS (SELECT FROM cpconf.mapping m WHERE m.entity = 'visit')
             THEN format('SELECT (%s)::pg_catalog.text AS plan, (%s)::pg_catalog.text AS child, %s AS visited, (%s)::pg_catalog.text AS alone FROM %s v',
                         cpconf.report_column('visit', 'plan', 'v'), cpconf.report_column('visit', 'child', 'v'),
                         cpconf.report_day('visit', 'visited', 'v'), cpconf.report_column('visit', 'seen_alone', 'v'), cpconf.table_sql('visit'))
             ELSE 'SELECT NULL::pg_catalog.text AS plan, NULL::pg_catalog.text AS child, NULL::pg_catalog.date AS visited, NULL::pg_catalog.text AS alone WHERE false' END,
        cpconf.report_births());
    RETURN QUERY EXECUTE q USING reference_date, minimised;
END
$$;
COMMENT ON FUNCTION cpconf.annex_a_list7(date, boolean) IS
    'Ofsted''s Annex A list 7: every child on a plan on reference_date or whose plan ended in the six months before (one row, the latest plan), with the list''s column headers and codes (initial and latest categories a) Neglect ... e) Multiple/not recommended, the latest where field latest_categories is mapped; seen alone a) Yes, b) No, c) Unknown); columns cpconf''s mappings do not hold are blank. minimised: the date of birth as the first of its month, no team or worker.';

-- A CSV field: quoted where it holds a comma, a quote or a line break (RFC 4180).
CREATE FUNCTION cpconf.csv_field(value text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN value IS NULL THEN '' WHEN value ~ E'[",\r\n]' THEN '"' || replace(value, '"', '""') || '"' ELSE value END;
COMMENT ON FUNCTION cpconf.csv_field(text) IS
    'A value as a CSV field: empty for NULL, quoted (quotes doubled) where it holds a comma, a quote, a carriage return or a line feed.';

-- A row (as json, its columns in order) as a CSV line; the columns
-- numbered in dates written dd/mm/yyyy, as the Annex A template has them.
CREATE FUNCTION cpconf.csv_line(row_value json, dates integer[])
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT string_agg(CASE WHEN e.n = ANY (dates) AND e.v ~ '^\d{4}-\d\d-\d\d$' THEN to_char(e.v::date, 'DD/MM/YYYY')
                               ELSE cpconf.csv_field(e.v) END, ',' ORDER BY e.n)
          FROM json_each_text(row_value) WITH ORDINALITY e(k, v, n));
COMMENT ON FUNCTION cpconf.csv_line(json, integer[]) IS
    'A row, as json with its columns in order, as a CSV line (cpconf.csv_field); the columns numbered in dates (from 1) written dd/mm/yyyy.';

-- The lists as the template heads them, for a CSV file: PostgreSQL names a
-- column in 63 bytes at most, and two of the template's headers are longer.
CREATE FUNCTION cpconf.annex_a_csv(list integer, reference_date date, minimised boolean DEFAULT false)
RETURNS SETOF text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    headers text[];
    dates integer[];   -- the columns that are dates, written dd/mm/yyyy
BEGIN
    IF list = 5 THEN
        dates := ARRAY[4, 7, 9];
        headers := ARRAY['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Does the Child have a Disability',
                         'Strategy discussion initiating Section 47 Enquiry Start Date',
                         'Was an Initial Child Protection Conference deemed unnecessary?', 'Date of Initial Child Protection Conference',
                         'Did the Initial Child Protection Conference Result in a Child Protection Plan',
                         'Number of Section 47 Enquiries in the last 12 months', 'Number of ICPCs in the last 12 months',
                         'Allocated Team', 'Allocated Worker'];
    ELSIF list = 7 THEN
        dates := ARRAY[4, 7, 10, 12, 13];
        headers := ARRAY['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Does the Child have a Disability',
                         'Child Protection Plan Start Date', 'Initial Category of Abuse', 'Latest Category of Abuse',
                         'Date of the Last Statutory Visit', 'Was the Child Seen Alone?', 'Date of latest review conference',
                         'Child Protection Plan End Date',
                         'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
                         'Number of Previous Child Protection Plans', 'Allocated Team', 'Allocated Worker'];
    ELSE
        RAISE EXCEPTION 'cpconf writes Annex A lists 5 and 7, not %', list
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'List 5: section 47 enquiries and initial conferences; list 7: child protection plans.',
                  HINT = 'Pass 5 or 7.';
    END IF;
    -- a field quoted where it holds a comma, a quote or a line break; dates as the template writes them (dd/mm/yyyy)
    RETURN NEXT (SELECT string_agg(cpconf.csv_field(h), ',' ORDER BY n) FROM unnest(headers) WITH ORDINALITY u(h, n));
    RETURN QUERY
    SELECT cpconf.csv_line(to_json(r), dates) FROM (SELECT * FROM cpconf.annex_a_list5(reference_date, minimised) WHERE list = 5) r
    UNION ALL
    SELECT cpconf.csv_line(to_json(r), dates) FROM (SELECT * FROM cpconf.annex_a_list7(reference_date, minimised) WHERE list = 7) r;
END
$$;
COMMENT ON FUNCTION cpconf.annex_a_csv(integer, date, boolean) IS
    'Annex A list 5 or 7 as lines of a CSV file: the template''s exact column headers (two are longer than a PostgreSQL column name can be), then a line per row, dates as dd/mm/yyyy. \copy (SELECT * FROM cpconf.annex_a_csv(7, date ''2025-03-31'')) TO ''list7.csv'' writes the file.';
