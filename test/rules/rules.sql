-- test/rules/rules.sql: doc/rules.md, written from the shipped rows of a
-- fresh install (see test/rules/run).  One text value, printed with psql -At.
WITH
documents AS (
    SELECT string_agg(format('| %s | %s | %s | %s | %s |', name, title, publisher, edition, coalesce(published, '-')), E'\n'
                      ORDER BY name <> 'Working Together 2018', name) AS t
      FROM cpconf.source_document WHERE shipped),
profiles AS (
    SELECT string_agg(format('| `%s` | %s | %s | %s |', name, coalesce('`' || parent || '`', '-'), description, source), E'\n'
                      ORDER BY name <> 'national', name) AS t
      FROM cpconf.profile WHERE shipped),
timescales AS (
    SELECT rule, string_agg(format('| `%s` | %s | %s %s, %s | %s | %s | %s |', profile, what,
                                   amount, replace(unit, '_', ' '), replace(direction, '_', ' '), anchor,
                                   effective_from || coalesce(' to ' || effective_to, ''),
                                   source || coalesce(' (' || note || ')', '')),
                            E'\n' ORDER BY profile <> 'national', profile, effective_from) AS t
      FROM cpconf.timescale WHERE shipped GROUP BY rule),
-- every other rule table: one column per rule id, named by its comment ("Q-MIN: ...")
columns AS (
    SELECT c.relname AS tab, a.attname AS col, a.attnum,
           substring(col_description(c.oid, a.attnum) FROM '^([A-Z]+(?:-[A-Z0-9]+)+)') AS rule,
           rtrim(substring(col_description(c.oid, a.attnum) FROM ':\s*(.*)$'), '.') AS meaning
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.oid IN ('cpconf.conference_rule'::regclass, 'cpconf.discontinuation_rule'::regclass)),
rows AS (
    SELECT 'conference_rule' AS tab, profile, effective_from, source, to_jsonb(r) AS j FROM cpconf.conference_rule r WHERE shipped
    UNION ALL
    SELECT 'discontinuation_rule', profile, effective_from, source, to_jsonb(r) FROM cpconf.discontinuation_rule r WHERE shipped),
values_ AS (
    SELECT c.tab, c.rule, c.attnum, c.col, c.meaning, r.profile, r.effective_from,
           coalesce(nullif(r.j ->> c.col, ''), 'none') AS value,
           -- the parts of the row's source that begin with this rule's id
           coalesce((SELECT string_agg(part, '; ') FROM unnest(string_to_array(r.source, '; ')) part
                      WHERE c.rule = ANY (string_to_array(substring(part FROM '^([A-Z]+-[A-Z0-9-]+(?:, [A-Z]+-[A-Z0-9-]+)*)'), ', '))),
                    '(the shipped row cites no passage for this rule)') AS source
      FROM columns c JOIN rows r ON r.tab = c.tab WHERE c.rule IS NOT NULL),
by_rule AS (
    SELECT tab, rule, min(attnum) AS first,
           (SELECT string_agg(format('`%s`: %s', c2.col, c2.meaning), '; ' ORDER BY c2.attnum)
              FROM columns c2 WHERE c2.tab = v.tab AND c2.rule = v.rule) AS meaning,
           (SELECT string_agg(format('| `%s` | %s | %s | %s |', profile, effective_from, vals, source), E'\n'
                              ORDER BY profile <> 'national', profile)
              FROM (SELECT profile, effective_from, min(source) AS source,
                           string_agg(format('`%s` %s', col, value), ', ' ORDER BY attnum) AS vals
                      FROM values_ v2 WHERE v2.tab = v.tab AND v2.rule = v.rule
                     GROUP BY profile, effective_from) p) AS t
      FROM values_ v GROUP BY tab, rule)
SELECT concat_ws(E'\n',
'# The rules cpconf ships',
'',
'Every shipped rule, by rule id, with each profile''s value and its source.',
'This page is written from the shipped rows of `cpconf.source_document`,',
'`cpconf.profile`, `cpconf.timescale`, `cpconf.conference_rule` and',
'`cpconf.discontinuation_rule` by `bash test/rules/run --write`; `make test`',
'checks that it matches them. A profile that does not state a rule inherits',
'its parent''s (see [timescales.md](timescales.md)).',
'',
'Every rule row names one document of the table below (its `document`',
'column: the procedure of its profile). Its source names that document again,',
'then the section as the document heads it and the paragraph counted from that',
'heading (bullets under the paragraph that introduces them); a passage without',
'a heading is named by its topic and its opening words. National rules cite the',
'local procedures that quote Working Together.',
'',
'## Source documents',
'',
'| document | title | publisher | edition | where published |',
'|---|---|---|---|---|',
(SELECT t FROM documents),
'',
'## Profiles',
'',
'| profile | parent | procedure | source |',
'|---|---|---|---|',
(SELECT t FROM profiles),
'',
'## Timescales',
'',
'Units and directions are explained in [timescales.md](timescales.md).',
(SELECT string_agg(format(E'\n### %s\n\n| profile | what | timescale | counted from | in force | source |\n|---|---|---|---|---|---|\n%s', rule, t),
                   E'\n' ORDER BY rule) FROM timescales),
'',
'## Conference rules',
'',
'See [conference.md](conference.md).',
(SELECT string_agg(format(E'\n### %s\n\n%s.\n\n| profile | from | value | source |\n|---|---|---|---|\n%s', rule, meaning, t),
                   E'\n' ORDER BY first) FROM by_rule WHERE tab = 'conference_rule'),
'',
'## Ending a plan',
'',
'See [discontinuation.md](discontinuation.md).',
(SELECT string_agg(format(E'\n### %s\n\n%s.\n\n| profile | from | value | source |\n|---|---|---|---|\n%s', rule, meaning, t),
                   E'\n' ORDER BY first) FROM by_rule WHERE tab = 'discontinuation_rule'));
