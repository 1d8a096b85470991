-- conference_property: the quoracy aggregate against a plain SQL reference
-- of rules Q-MIN and Q-GP, on 3,000 random conferences under every shipped
-- profile: random agencies (with health services and a GP), attendance,
-- recorded or missing facts, siblings and dates of birth.
SET client_min_messages = warning;
SET DateStyle = ISO, YMD;
CREATE EXTENSION cpconf;
INSERT INTO cpconf.agency (name, sector, service, gp) VALUES
    ('HV', 'health', 'health visiting', false), ('SN', 'health', 'school nursing', false),
    ('GP', 'health', 'gp', true), ('Paeds', 'health', NULL, false);

SELECT setseed(0.5);
CREATE TABLE att AS
SELECT c AS conference, child, agency, took_part, contact, s47, born
  FROM generate_series(1, 3000) c,
       LATERAL (SELECT random() < 0.3 AS siblings WHERE c > 0) sib,
       LATERAL (SELECT CASE WHEN sib.siblings THEN (ARRAY['A', 'B'])[1 + floor(random() * 2)::int] END AS child,
                       (ARRAY['social_care', 'social_care', 'police', 'education', 'probation', 'other', 'HV', 'SN', 'GP', 'Paeds'])
                       [1 + floor(random() * 10)::int] AS agency,
                       (ARRAY['attended', 'attended', 'attended', 'report', 'absent'])[1 + floor(random() * 5)::int] AS took_part,
                       (ARRAY[true, true, true, false, NULL])[1 + floor(random() * 5)::int] AS contact,
                       (ARRAY[true, true, true, false, NULL])[1 + floor(random() * 5)::int] AS s47,
                       (ARRAY[NULL, date '2015-06-01', date '2020-03-02', date '2022-01-01'])[1 + floor(random() * 4)::int] AS born,
                       g
                  FROM generate_series(1, 3 + (c % 7)) g WHERE c > 0) r;
-- one date of birth per child, as in life
UPDATE att a SET born = f.born FROM (SELECT DISTINCT ON (conference, child) conference, child, born
                                       FROM att ORDER BY conference, child, born NULLS LAST) f
 WHERE a.conference = f.conference AND a.child IS NOT DISTINCT FROM f.child;

CREATE TABLE facts AS
SELECT a.*, (cpconf.attendee(a.agency, a.took_part)).sector, (cpconf.attendee(a.agency, a.took_part)).service,
       (cpconf.attendee(a.agency, a.took_part)).gp, (cpconf.attendee(a.agency, a.took_part)).took_part AS part
  FROM att a;

-- The reference: per child the agencies (units) that attended and certainly
-- or possibly qualify, the GP's report where Q-GP lets it stand; the
-- conference is quorate as its weakest child, and not without social care
-- where that is required.
-- 0.5 (issue 10): counted with health services apart or by sector (apart),
-- and Q-GP at an initial conference only where the profile says so.
CREATE FUNCTION ref_count(conf int, prof text, held date, kind text, apart boolean) RETURNS boolean LANGUAGE sql STABLE AS $$
    WITH r0 AS (SELECT * FROM cpconf.conference_rules(prof, held)),
    -- Derby's transfer-in conference is conducted as an initial one
    r AS (SELECT r0.*, (NOT r0.gp_report_initial_only OR kind IN ('initial', 'transfer_in')) AS gp_certain_kind,
                       (NOT r0.gp_report_initial_only OR kind IS NULL OR kind IN ('initial', 'transfer_in')) AS gp_possible_kind
            FROM r0),
    rows AS (
        SELECT f.*,
               CASE WHEN apart AND f.sector::text = 'health' AND f.service IS NOT NULL
                    THEN 'health:' || f.service ELSE f.sector::text END AS unit,
               CASE WHEN f.sector::text = 'social_care' THEN true
                    WHEN r.quorum_qualifies = 's47_contribution' THEN f.s47 ELSE f.contact END AS fact
          FROM facts f, r WHERE f.conference = conf),
    -- 0.5 (issue 10): family_contact counts the children's attendance once
    fam AS (SELECT r.quorum_qualifies = 'family_contact' AS family FROM r),
    children AS (SELECT DISTINCT CASE WHEN (SELECT family FROM fam) THEN NULL ELSE child END AS child FROM rows),
    per_child AS (
        SELECT ch.child,
               (SELECT count(DISTINCT unit) FROM (
                    SELECT unit FROM rows x WHERE ((SELECT family FROM fam) OR x.child IS NOT DISTINCT FROM ch.child)
                       AND x.part::text = 'attended' AND x.fact IS TRUE
                    UNION
                    SELECT unit FROM rows x, r WHERE ((SELECT family FROM fam) OR x.child IS NOT DISTINCT FROM ch.child)
                       AND r.gp_report_over_age IS NOT NULL AND x.gp AND x.part::text = 'report' AND x.fact IS TRUE
                       AND r.gp_certain_kind
                       AND x.born IS NOT NULL AND held > x.born + make_interval(years => r.gp_report_over_age)
                       AND NOT EXISTS (SELECT FROM rows y WHERE ((SELECT family FROM fam) OR y.child IS NOT DISTINCT FROM ch.child)
                                          AND y.sector::text = 'health' AND NOT y.gp)) u) AS certain,
               (SELECT count(DISTINCT unit) FROM (
                    SELECT unit FROM rows x WHERE ((SELECT family FROM fam) OR x.child IS NOT DISTINCT FROM ch.child)
                       AND x.part::text = 'attended' AND x.fact IS NOT FALSE
                    UNION
                    SELECT unit FROM rows x, r WHERE ((SELECT family FROM fam) OR x.child IS NOT DISTINCT FROM ch.child)
                       AND r.gp_report_over_age IS NOT NULL AND x.gp AND x.part::text = 'report' AND x.fact IS NOT FALSE
                       AND r.gp_possible_kind
                       AND (x.born IS NULL OR held > x.born + make_interval(years => r.gp_report_over_age))
                       AND NOT EXISTS (SELECT FROM rows y WHERE ((SELECT family FROM fam) OR y.child IS NOT DISTINCT FROM ch.child)
                                          AND y.sector::text = 'health' AND NOT y.gp)) u) AS possible
          FROM children ch)
    SELECT CASE
        WHEN (SELECT quorum_social_care FROM r)
             AND NOT EXISTS (SELECT FROM rows WHERE sector::text = 'social_care' AND part::text = 'attended') THEN false
        WHEN bool_or(possible < (SELECT quorum_agencies FROM r)) THEN false
        WHEN bool_or(certain < (SELECT quorum_agencies FROM r)) THEN NULL
        ELSE true END
      FROM per_child
$$;
-- Health services apart always, never, or as the chair judged; a judgement
-- not recorded leaves the verdict unknown only where the two counts differ.
CREATE FUNCTION ref_quorate(conf int, prof text, held date, kind text, separate boolean) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE r.health_services_separately
        WHEN 'always' THEN ref_count(conf, prof, held, kind, true)
        WHEN 'never' THEN ref_count(conf, prof, held, kind, false)
        ELSE CASE WHEN separate IS NOT NULL THEN ref_count(conf, prof, held, kind, separate)
                  WHEN ref_count(conf, prof, held, kind, true) IS NOT DISTINCT FROM ref_count(conf, prof, held, kind, false)
                  THEN ref_count(conf, prof, held, kind, false) END END
      FROM cpconf.conference_rules(prof, held) r
$$;

-- Each conference's kind and the chair's judgement on health services,
-- recorded or not.
CREATE TABLE conf AS
SELECT c AS conference, (ARRAY['initial', 'review', 'transfer_in', NULL])[1 + c % 4] AS kind,
       (ARRAY[true, false, NULL])[1 + (c / 4) % 3] AS separate
  FROM generate_series(1, 3000) c;

CREATE TABLE verdict AS
SELECT p.profile, f.conference, k.kind, k.separate,
       (cpconf.quoracy(cpconf.attendee(f.agency, f.took_part, f.contact, f.s47, f.child, f.born),
                       date '2025-03-03', p.profile, k.kind, k.separate)).quorate AS rows_form,
       (cpconf.quoracy(f.agency, f.took_part, f.contact, f.s47, f.child, f.born, date '2025-03-03', p.profile,
                       k.kind, k.separate)).quorate AS direct_form
  FROM att f JOIN conf k USING (conference),
       (VALUES ('national'), ('staffordshire'), ('derby'), ('darlington'), ('sussex')) p(profile)
 GROUP BY p.profile, f.conference, k.kind, k.separate;

SELECT profile, count(*) AS conferences,
       count(*) FILTER (WHERE rows_form) AS quorate, count(*) FILTER (WHERE NOT rows_form) AS not_quorate,
       count(*) FILTER (WHERE rows_form IS NULL) AS unknown,
       count(*) FILTER (WHERE rows_form IS DISTINCT FROM ref_quorate(conference, profile, date '2025-03-03', kind, separate)) AS mismatches,
       count(*) FILTER (WHERE rows_form IS DISTINCT FROM direct_form) AS forms_disagree
  FROM verdict GROUP BY profile ORDER BY profile;

-- Leave the database as it was found, for the next suite.
DROP TABLE att, facts, verdict, conf;
DROP FUNCTION ref_quorate(int, text, date, text, boolean);
DROP FUNCTION ref_count(int, text, date, text, boolean);
DELETE FROM cpconf.agency;
DROP EXTENSION cpconf;
DROP SCHEMA cpconf;
