/*
 * src/sql/labels.sql: small enumerated types that accept a council's spellings.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/* ------------------------------------------------------------------------
 * Four small types that accept a council's spellings (labels.c): one byte
 * each, ordered as declared, with binary I/O and btree and hash opclasses
 * so that dashboards can GROUP BY, ORDER BY and join on them.
 * ------------------------------------------------------------------------ */

CREATE TYPE cpconf.abuse_category;
CREATE FUNCTION cpconf.abuse_category_in(cstring) RETURNS cpconf.abuse_category
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_abuse_category_in';
CREATE FUNCTION cpconf.abuse_category_out(cpconf.abuse_category) RETURNS cstring
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_abuse_category_out';
CREATE FUNCTION cpconf.abuse_category_recv(internal) RETURNS cpconf.abuse_category
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_abuse_category_recv';
CREATE FUNCTION cpconf.abuse_category_send(cpconf.abuse_category) RETURNS bytea
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_abuse_category_send';
CREATE TYPE cpconf.abuse_category (
    INPUT = cpconf.abuse_category_in, OUTPUT = cpconf.abuse_category_out,
    RECEIVE = cpconf.abuse_category_recv, SEND = cpconf.abuse_category_send,
    INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain
);

CREATE TYPE cpconf.sector;
CREATE FUNCTION cpconf.sector_in(cstring) RETURNS cpconf.sector
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_sector_in';
CREATE FUNCTION cpconf.sector_out(cpconf.sector) RETURNS cstring
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_sector_out';
CREATE FUNCTION cpconf.sector_recv(internal) RETURNS cpconf.sector
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_sector_recv';
CREATE FUNCTION cpconf.sector_send(cpconf.sector) RETURNS bytea
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_sector_send';
CREATE TYPE cpconf.sector (
    INPUT = cpconf.sector_in, OUTPUT = cpconf.sector_out,
    RECEIVE = cpconf.sector_recv, SEND = cpconf.sector_send,
    INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain
);

CREATE TYPE cpconf.participation;
CREATE FUNCTION cpconf.participation_in(cstring) RETURNS cpconf.participation
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_participation_in';
CREATE FUNCTION cpconf.participation_out(cpconf.participation) RETURNS cstring
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_participation_out';
CREATE FUNCTION cpconf.participation_recv(internal) RETURNS cpconf.participation
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_participation_recv';
CREATE FUNCTION cpconf.participation_send(cpconf.participation) RETURNS bytea
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_participation_send';
CREATE TYPE cpconf.participation (
    INPUT = cpconf.participation_in, OUTPUT = cpconf.participation_out,
    RECEIVE = cpconf.participation_recv, SEND = cpconf.participation_send,
    INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain
);

COMMENT ON TYPE cpconf.abuse_category IS
    'Category of abuse (D-CATEGORY): physical, emotional, sexual, neglect, and multiple (the national code MUL: several, not itemised). Input also takes the national codes PHY, EMO, SAB, NEG, MUL, "Physical abuse" etc. and "Multiple/not recommended", in any case.';
COMMENT ON TYPE cpconf.sector IS
    'Sector of a conference attendee (Q-MIN): social_care, police, health, education, probation, other. Input also takes "Children''s Social Care", CSC, NHS, school.';
COMMENT ON TYPE cpconf.participation IS
    'How an agency took part in a conference (Q-MIN): attended, report (sent a report only), absent. Input also takes present, virtual, report only, apologies, DNA, and Y/N flags (Y attended, N absent).';

-- The grounds for ending a plan.
CREATE TYPE cpconf.end_reason;
CREATE FUNCTION cpconf.end_reason_in(cstring) RETURNS cpconf.end_reason
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_end_reason_in';
CREATE FUNCTION cpconf.end_reason_out(cpconf.end_reason) RETURNS cstring
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_end_reason_out';
CREATE FUNCTION cpconf.end_reason_recv(internal) RETURNS cpconf.end_reason
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_end_reason_recv';
CREATE FUNCTION cpconf.end_reason_send(cpconf.end_reason) RETURNS bytea
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_end_reason_send';
CREATE TYPE cpconf.end_reason (
    INPUT = cpconf.end_reason_in, OUTPUT = cpconf.end_reason_out,
    RECEIVE = cpconf.end_reason_recv, SEND = cpconf.end_reason_send,
    INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain
);
COMMENT ON TYPE cpconf.end_reason IS
    'Ground for ending a child protection plan (X-GROUNDS, doc/rules.md): no_longer_at_risk, moved_permanently, reached_18, died, left_uk, looked_after. Input also takes "transferred", "deceased", "turned 18", "emigrated", "in care" and other spellings.';

-- Comparison: the same C functions serve all four types.
DO $ops$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['abuse_category', 'sector', 'participation', 'end_reason'] LOOP
        EXECUTE format($f$
            CREATE FUNCTION cpconf.%1$s_cmp(cpconf.%1$s, cpconf.%1$s) RETURNS integer
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_label_cmp';
            CREATE FUNCTION cpconf.%1$s_eq(cpconf.%1$s, cpconf.%1$s) RETURNS boolean
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'MODULE_PATHNAME', 'cpconf_label_eq';
            CREATE FUNCTION cpconf.%1$s_ne(cpconf.%1$s, cpconf.%1$s) RETURNS boolean
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'MODULE_PATHNAME', 'cpconf_label_ne';
            CREATE FUNCTION cpconf.%1$s_lt(cpconf.%1$s, cpconf.%1$s) RETURNS boolean
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'MODULE_PATHNAME', 'cpconf_label_lt';
            CREATE FUNCTION cpconf.%1$s_le(cpconf.%1$s, cpconf.%1$s) RETURNS boolean
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'MODULE_PATHNAME', 'cpconf_label_le';
            CREATE FUNCTION cpconf.%1$s_gt(cpconf.%1$s, cpconf.%1$s) RETURNS boolean
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'MODULE_PATHNAME', 'cpconf_label_gt';
            CREATE FUNCTION cpconf.%1$s_ge(cpconf.%1$s, cpconf.%1$s) RETURNS boolean
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'MODULE_PATHNAME', 'cpconf_label_ge';
            CREATE FUNCTION cpconf.%1$s_hash(cpconf.%1$s) RETURNS integer
                LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_label_hash';
            CREATE OPERATOR cpconf.= (LEFTARG = cpconf.%1$s, RIGHTARG = cpconf.%1$s,
                FUNCTION = cpconf.%1$s_eq, COMMUTATOR = OPERATOR(cpconf.=), NEGATOR = OPERATOR(cpconf.<>),
                RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
            CREATE OPERATOR cpconf.<> (LEFTARG = cpconf.%1$s, RIGHTARG = cpconf.%1$s,
                FUNCTION = cpconf.%1$s_ne, COMMUTATOR = OPERATOR(cpconf.<>), NEGATOR = OPERATOR(cpconf.=),
                RESTRICT = neqsel, JOIN = neqjoinsel);
            CREATE OPERATOR cpconf.< (LEFTARG = cpconf.%1$s, RIGHTARG = cpconf.%1$s,
                FUNCTION = cpconf.%1$s_lt, COMMUTATOR = OPERATOR(cpconf.>), NEGATOR = OPERATOR(cpconf.>=),
                RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
            CREATE OPERATOR cpconf.<= (LEFTARG = cpconf.%1$s, RIGHTARG = cpconf.%1$s,
                FUNCTION = cpconf.%1$s_le, COMMUTATOR = OPERATOR(cpconf.>=), NEGATOR = OPERATOR(cpconf.>),
                RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
            CREATE OPERATOR cpconf.> (LEFTARG = cpconf.%1$s, RIGHTARG = cpconf.%1$s,
                FUNCTION = cpconf.%1$s_gt, COMMUTATOR = OPERATOR(cpconf.<), NEGATOR = OPERATOR(cpconf.<=),
                RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
            CREATE OPERATOR cpconf.>= (LEFTARG = cpconf.%1$s, RIGHTARG = cpconf.%1$s,
                FUNCTION = cpconf.%1$s_ge, COMMUTATOR = OPERATOR(cpconf.<=), NEGATOR = OPERATOR(cpconf.<),
                RESTRICT = scalargesel, JOIN = scalargejoinsel);
            CREATE OPERATOR CLASS cpconf.%1$s_ops DEFAULT FOR TYPE cpconf.%1$s USING btree AS
                OPERATOR 1 cpconf.<, OPERATOR 2 cpconf.<=, OPERATOR 3 cpconf.=,
                OPERATOR 4 cpconf.>=, OPERATOR 5 cpconf.>, FUNCTION 1 cpconf.%1$s_cmp(cpconf.%1$s, cpconf.%1$s);
            CREATE OPERATOR CLASS cpconf.%1$s_hash_ops DEFAULT FOR TYPE cpconf.%1$s USING hash AS
                OPERATOR 1 cpconf.=, FUNCTION 1 cpconf.%1$s_hash(cpconf.%1$s);
            COMMENT ON FUNCTION cpconf.%1$s_cmp(cpconf.%1$s, cpconf.%1$s) IS 'btree support: -1, 0 or 1 in declaration order';
            COMMENT ON FUNCTION cpconf.%1$s_eq(cpconf.%1$s, cpconf.%1$s) IS 'implements =';
            COMMENT ON FUNCTION cpconf.%1$s_ne(cpconf.%1$s, cpconf.%1$s) IS 'implements <>';
            COMMENT ON FUNCTION cpconf.%1$s_lt(cpconf.%1$s, cpconf.%1$s) IS 'implements <';
            COMMENT ON FUNCTION cpconf.%1$s_le(cpconf.%1$s, cpconf.%1$s) IS 'implements <=';
            COMMENT ON FUNCTION cpconf.%1$s_gt(cpconf.%1$s, cpconf.%1$s) IS 'implements >';
            COMMENT ON FUNCTION cpconf.%1$s_ge(cpconf.%1$s, cpconf.%1$s) IS 'implements >=';
            COMMENT ON FUNCTION cpconf.%1$s_hash(cpconf.%1$s) IS 'hash support';
            COMMENT ON FUNCTION cpconf.%1$s_in(cstring) IS 'input: the label or an accepted spelling';
            COMMENT ON FUNCTION cpconf.%1$s_out(cpconf.%1$s) IS 'output: the canonical label';
            COMMENT ON FUNCTION cpconf.%1$s_recv(internal) IS 'binary input: the label''s position, one byte';
            COMMENT ON FUNCTION cpconf.%1$s_send(cpconf.%1$s) IS 'binary output: the label''s position, one byte';
        $f$, t);
    END LOOP;
END
$ops$;

CREATE FUNCTION cpconf.cin_code(category cpconf.abuse_category) RETURNS text
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_cin_code';
CREATE FUNCTION cpconf.cin_code(categories cpconf.abuse_category[]) RETURNS text
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_cin_code_array';
COMMENT ON FUNCTION cpconf.cin_code(cpconf.abuse_category) IS
    'The national statistical (child in need census) code of a category: PHY, EMO, SAB, NEG, MUL.';
COMMENT ON FUNCTION cpconf.cin_code(cpconf.abuse_category[]) IS
    'The census code of a plan''s categories: the category''s code, MUL for several different ones, NULL for none.';

CREATE FUNCTION cpconf.cin_code(ground cpconf.end_reason) RETURNS text
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'cpconf_cin_code_end_reason';
COMMENT ON FUNCTION cpconf.cin_code(cpconf.end_reason) IS
    'The child in need census reason for closure where a ground has one: RC2 died, RC5 moved permanently (transferred to another local authority); NULL for the other grounds.';

/* ------------------------------------------------------------------------
 * A yes/no field as councils and the Standard Safeguarding Dataset write
 * it (NCHAR(1) 'Y'/'N'): one reader, so that no report drops a NULL flag
 * as "no" with flag <> 'Y'.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.flag(value text)
RETURNS boolean
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_flag';
COMMENT ON FUNCTION cpconf.flag(text) IS
    'A yes/no field as written: Y/N, yes/no, 1/0, true/false (or t/f) in any case and spacing give true or false; NULL, an empty or a blank value give NULL (nothing recorded); anything else is an error (22P02), never a guess.';

CREATE FUNCTION cpconf.is_flag(value text)
RETURNS boolean
LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_is_flag';
COMMENT ON FUNCTION cpconf.is_flag(text) IS
    'True when cpconf.flag() reads the value (NULL and blank included, as NULL), false when it would be an error: for reports, which name a value they cannot read rather than abort on it.';

CREATE FUNCTION cpconf.is_categories(value text)
RETURNS boolean
LANGUAGE c IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_is_categories';
COMMENT ON FUNCTION cpconf.is_categories(text) IS
    'True when cpconf.categories_read() reads the value (NULL and blank included), false when it would be an error (an unknown category, too many): for reports, which name a value they cannot read rather than abort on it.';

/* ------------------------------------------------------------------------
 * Categories of abuse as a council writes them in one column.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.categories_read(value text)
RETURNS cpconf.abuse_category[]
LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_categories_read';
COMMENT ON FUNCTION cpconf.categories_read(text) IS
    'Categories of abuse written in one text column: names or census codes of cpconf.abuse_category separated by commas or semicolons, or "Multiple: [a, b]" (the categories listed); NULL for NULL or blank; an unknown one is an error (22P02).';
