/*
 * src/sql/profiles.sql: procedure profiles, each inheriting from a parent.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/* ------------------------------------------------------------------------
 * The documents the rules come from.  Every rule row names one (its
 * document column); its source gives the section and paragraph.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.source_document (
    name      text PRIMARY KEY,
    title     text NOT NULL,
    publisher text NOT NULL,
    edition   text NOT NULL,
    published text,
    note      text,
    shipped   boolean NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX source_document_folded_name ON cpconf.source_document (lower(btrim(name)));

COMMENT ON TABLE cpconf.source_document IS
    'The documents the rules come from: the shipped procedures, and any a council adds for its own rows. Every rule row names one in its document column; its source column gives the section (as headed in the document) and the paragraph counted from that heading.';
COMMENT ON COLUMN cpconf.source_document.name IS 'The short name rule rows and sources use, e.g. Darlington SCB 2017.';
COMMENT ON COLUMN cpconf.source_document.title IS 'The document''s title, as it gives it.';
COMMENT ON COLUMN cpconf.source_document.publisher IS 'Who publishes it: the government, or the safeguarding partnership or board.';
COMMENT ON COLUMN cpconf.source_document.edition IS 'The edition or date the shipped rules were read from.';
COMMENT ON COLUMN cpconf.source_document.published IS 'Where it is published, for an auditor to find it.';
COMMENT ON COLUMN cpconf.source_document.note IS 'What an auditor needs to find a passage: how sections and paragraphs are counted, what the copy lacks.';

SELECT pg_catalog.pg_extension_config_dump('cpconf.source_document', 'WHERE NOT shipped');

INSERT INTO cpconf.source_document (name, title, publisher, edition, published, note, shipped) VALUES
 ('Working Together 2018', 'Working Together to Safeguard Children', 'HM Government', 'July 2018',
  'GOV.UK, on the publication page "Working together to safeguard children" (https://www.gov.uk/government/publications/working-together-to-safeguard-children--2), where the December 2023 edition has replaced it',
  'Statutory guidance. Cited as the local procedures quote or restate it; the 2023 edition keeps the timescales cpconf ships.', true),
 ('Staffordshire SCB 2018', 'Initial & Child Protection Review Conferences', 'Staffordshire Safeguarding Children Board',
  'Version 6, October 2018 (review date October 2021)',
  'a PDF on the board''s website, www.staffsscb.org.uk (working together with Stoke-on-Trent Safeguarding Children Partnership)',
  'A PDF; sections are unnumbered headings. A paragraph is a block of text under the heading; bullets are counted under the paragraph that introduces them.', true),
 ('Derby and Derbyshire SCP 2024', 'Child Protection Conferences', 'Derby and Derbyshire Safeguarding Children Partnership',
  'last updated 9 September 2024',
  'the partnership''s online procedures manual, chapter "Child Protection Conferences" (https://derbyshirescp.trixonline.co.uk/chapter/child-protection-conferences)',
  'One chapter of the online procedures, for Derby City and Derbyshire County alike. Where a passage has no heading of its own it is cited by its topic and opening words.', true),
 ('Darlington SCB 2017', 'Multi-Agency Child Protection Procedures', 'Darlington Safeguarding Children Board',
  'June 2017, as revised for Working Together 2018',
  'the board''s website, darlingtonsafeguardingboards.co.uk (since succeeded by the Darlington Safeguarding Partnership''s)',
  'One web page; sections are headed as in its contents list, unnumbered.', true),
 ('Sussex 7.13 2023', '7.13 Actions and Decisions of the Conference', 'Sussex Child Protection and Safeguarding Procedures Manual',
  'last reviewed February 2023',
  'the pan-Sussex online procedures, http://sussexchildprotection.procedures.org.uk, chapter 7.13',
  'One chapter of the pan-Sussex procedures; its sub-headings are unnumbered.', true);

CREATE FUNCTION cpconf.source_document_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'source document "%" is shipped with cpconf and cannot be changed', OLD.name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The shipped rules cite it by this name.',
                  HINT = 'Add a document of your own for your own rules.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF btrim(NEW.name) = '' OR btrim(NEW.title) = '' OR btrim(NEW.publisher) = '' OR btrim(NEW.edition) = '' THEN
        RAISE EXCEPTION 'source document "%" needs a name, title, publisher and edition', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Rule rows name it, and an auditor finds it by these.',
                  HINT = 'Give each as the document states it.';
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped source documents'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the documents that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION cpconf.source_document_check() IS
    'Trigger: keeps shipped source documents unchanged.';
CREATE TRIGGER source_document_check BEFORE INSERT OR UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.source_document_check();

CREATE TRIGGER source_document_truncate BEFORE TRUNCATE ON cpconf.source_document
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
GRANT SELECT ON cpconf.source_document TO PUBLIC;

/* ------------------------------------------------------------------------
 * Procedure profiles: a partnership's procedure, inheriting from a parent.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.profile (
    name        text PRIMARY KEY,
    parent      text,
    calendar    text,
    description text NOT NULL,
    source      text,
    shipped     boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE cpconf.profile IS
    'Procedure profiles: a safeguarding partnership''s procedure (shipped: national, staffordshire, derby, derbyshire, darlington, sussex) or a council''s own. A profile inherits every rule it does not state from its parent.';
COMMENT ON COLUMN cpconf.profile.parent IS 'The profile it inherits from; NULL only for national.';
COMMENT ON COLUMN cpconf.profile.calendar IS 'The working-day calendar of its deadlines; NULL: the parent''s, and at the top the setting cpconf.calendar.';
COMMENT ON COLUMN cpconf.profile.source IS 'The document of the procedure (cpconf.source_document), or the council''s reference.';
COMMENT ON COLUMN cpconf.profile.shipped IS 'True for the profiles cpconf ships, which cannot be changed; a council adds its own.';

-- The council's rows are its data; shipped profiles come with the extension.
SELECT pg_catalog.pg_extension_config_dump('cpconf.profile', 'WHERE NOT shipped');

/* ------------------------------------------------------------------------
 * The shipped profiles.
 * ------------------------------------------------------------------------ */

INSERT INTO cpconf.profile (name, parent, calendar, description, source, shipped) VALUES
 ('national', NULL, NULL, 'Working Together to Safeguard Children 2018 (the 2023 edition keeps these timescales)', 'Working Together 2018', true),
 ('staffordshire', 'national', NULL, 'Staffordshire and Stoke-on-Trent: Initial and Child Protection Review Conferences, v6', 'Staffordshire SCB 2018', true),
 ('derby', 'national', NULL, 'Derby City: Child Protection Conferences (joint procedure with Derbyshire)', 'Derby and Derbyshire SCP 2024', true),
 ('derbyshire', 'national', NULL, 'Derbyshire: Child Protection Conferences (joint procedure with Derby City)', 'Derby and Derbyshire SCP 2024', true),
 ('darlington', 'national', NULL, 'Darlington Safeguarding Children Board: Multi-Agency Child Protection Procedures', 'Darlington SCB 2017', true),
 ('sussex', 'national', NULL, 'Sussex: 7.13 Actions and Decisions of the Conference', 'Sussex 7.13 2023', true);

/* ------------------------------------------------------------------------
 * Checks on council profiles: a clear error for each mistake.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.profile_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ancestor text;
    passed text[] := '{}';
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'profile "%" is shipped with cpconf and cannot be changed', OLD.name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Shipped profiles are the partnerships'' procedures as published; an upgrade of cpconf replaces them.',
                  HINT = 'Add a profile of your own with this one as its parent, and state your rules there.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped profiles'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the profiles that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    IF NEW.name !~ '^[a-z0-9]+(-[a-z0-9]+)*$' THEN
        RAISE EXCEPTION 'profile name "%" is not lower-case words joined by hyphens', NEW.name
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Profile names are looked up exactly, so they are kept to one simple form.',
                  HINT = 'Use a name like staffordshire-council.';
    END IF;
    IF NEW.parent IS NULL THEN
        RAISE EXCEPTION 'profile "%" needs a parent', NEW.name
            USING ERRCODE = 'not_null_violation',
                  DETAIL = 'Every profile but national inherits the rules it does not state.',
                  HINT = 'Use the partnership whose procedure yours follows, or national.';
    END IF;
    -- Writers of parents go one at a time (the statement took the
    -- configuration's turn first, profile_turn), so that two cannot close a
    -- loop together.  However deep the chain, it ends, or comes back to this
    -- profile (a loop), or to one already passed (a loop above it).
    ancestor := NEW.parent;
    WHILE ancestor IS NOT NULL LOOP
        IF ancestor = NEW.name THEN
            RAISE EXCEPTION 'profile "%" would inherit from itself', NEW.name
                USING ERRCODE = 'invalid_recursion',
                      DETAIL = format('Its parent chain leads back to it through "%s".', NEW.parent),
                      HINT = 'Choose a parent that does not descend from this profile.';
        END IF;
        IF ancestor = ANY (passed) THEN
            RAISE EXCEPTION 'the parent chain of profile "%" loops through "%"', NEW.name, ancestor
                USING ERRCODE = 'invalid_recursion',
                      DETAIL = 'Profiles above it inherit from each other.',
                      HINT = format('Give "%s" or a profile it inherits from another parent.', ancestor);
        END IF;
        passed := passed || ancestor;
        SELECT p.parent INTO ancestor FROM cpconf.profile p WHERE p.name = ancestor;
    END LOOP;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION cpconf.profile_check() IS
    'Trigger: keeps shipped profiles unchanged and rejects a badly named profile, one without a parent, or one that would inherit from itself; profile_names_parent and profile_names_calendar check what it names.';

/*
 * A council states its own rules on a profile of its own: a row on a shipped
 * profile would change a partnership's published procedure for everyone who
 * names it (issue 9, F17).  Rows kept from before 0.5 stay, and a restore
 * brings them back; they can be changed and deleted.
 */
CREATE FUNCTION cpconf.council_profile_check(referrer text, profile text, old_row jsonb, new_row jsonb)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kept boolean := old_row ->> 'profile' IS NOT DISTINCT FROM profile;
BEGIN
    IF cpconf.loading_dump()
       OR NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = profile AND p.shipped) THEN
        RETURN;
    END IF;
    -- a row kept from 0.4 may be ended earlier (or deleted), nothing else
    IF kept AND new_row - 'effective_to' = old_row - 'effective_to'
       AND coalesce((new_row ->> 'effective_to')::date, 'infinity') <= coalesce((old_row ->> 'effective_to')::date, 'infinity') THEN
        RETURN;
    END IF;
    RAISE EXCEPTION '% %', referrer,
          CASE WHEN kept THEN format('of shipped profile "%s" can only be ended or deleted', profile)
               ELSE format('cannot be added to shipped profile "%s"', profile) END
        USING ERRCODE = 'insufficient_privilege',
              DETAIL = 'A shipped profile is a partnership''s procedure as published: a council''s row on it would change that procedure for everyone who names the profile.'
                       || CASE WHEN kept THEN ' cpconf 0.4 accepted this row; 0.5 keeps it, but lets it only be ended or deleted.' ELSE '' END,
              HINT = format('Add a profile of your own with %s as its parent, state the rule there, and name your profile (or set cpconf.profile to it).', profile);
END
$$;
COMMENT ON FUNCTION cpconf.council_profile_check(text, text, jsonb, jsonb) IS
    'For the rule tables'' triggers: refuses a council''s row (referrer) on a shipped profile, and any change but an earlier end to one kept from 0.4, except while a dump is loaded.';

CREATE TRIGGER profile_names_parent AFTER INSERT OR UPDATE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('parent', 'profile', 'parent', 'profile "%s"', 'name');
CREATE TRIGGER profile_names_calendar AFTER INSERT OR UPDATE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('calendar', 'calendars', 'calendar', 'profile "%s"', 'name');
CREATE TRIGGER council_calendar_named_by_profile AFTER UPDATE OR DELETE ON cpconf.council_calendar
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('profile', 'calendar');
CREATE TRIGGER council_calendar_truncate_profile AFTER TRUNCATE ON cpconf.council_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.reference_kept_truncate('profile', 'calendar', 'calendars');
CREATE TRIGGER profile_named_by_profile AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('profile', 'parent');

CREATE TRIGGER profile_check
    BEFORE INSERT OR UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.profile_check();
CREATE TRIGGER profile_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.profile
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();

CREATE TRIGGER profile_truncate BEFORE TRUNCATE ON cpconf.profile
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
GRANT SELECT ON cpconf.profile TO PUBLIC;

-- Every statement that writes these tables takes the configuration's turn first.
CREATE TRIGGER source_document_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.source_document
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
CREATE TRIGGER profile_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.profile
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();

/* ------------------------------------------------------------------------
 * A profile's working-day calendar: its own, or the nearest ancestor's, or
 * the setting cpconf.calendar's.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.profile_calendar(profile text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    named text := coalesce(profile, nullif(current_setting('cpconf.profile', true), ''), 'national');
    calendar text;
BEGIN
    IF NOT EXISTS (SELECT FROM cpconf.profile p WHERE p.name = named) THEN
        RAISE EXCEPTION 'unknown profile "%"', named
            USING ERRCODE = 'undefined_object',
                  HINT = 'Known profiles: ' || cpconf.names_for_hint('profile', NULL) || '.';
    END IF;
    WITH RECURSIVE up (name, calendar, depth) AS (
        SELECT p.parent, p.calendar, 0 FROM cpconf.profile p WHERE p.name = named
        UNION ALL
        SELECT p.parent, p.calendar, up.depth + 1 FROM up JOIN cpconf.profile p ON p.name = up.name
         WHERE up.calendar IS NULL AND up.depth < 100
    )
    SELECT up.calendar INTO calendar FROM up WHERE up.calendar IS NOT NULL;
    RETURN coalesce(calendar, nullif(current_setting('cpconf.calendar', true), ''), 'england-and-wales');
END
$$;
COMMENT ON FUNCTION cpconf.profile_calendar(text) IS
    'The working-day calendar of a profile''s deadlines: its own, or its nearest ancestor''s, or the setting cpconf.calendar''s (NULL profile: the setting cpconf.profile''s).';
