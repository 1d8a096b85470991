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
