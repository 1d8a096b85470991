/*
 * src/sql/timescales.sql: the timescales layer: rule id and event to deadline.
 * Part of the install script cpconf--<version>.sql, which make builds
 * from the files in src/sql, in layer order (see doc/hacking.md).
 */

/* ------------------------------------------------------------------------
 * Timescale rules per profile and period.
 * ------------------------------------------------------------------------ */

CREATE TABLE cpconf.timescale (
    profile        text NOT NULL,
    rule           text NOT NULL,
    what           text NOT NULL,
    anchor         text NOT NULL,
    amount         integer NOT NULL,
    unit           text NOT NULL,
    direction      text NOT NULL,
    effective_from date NOT NULL,
    effective_to   date,
    source         text NOT NULL,
    note           text,
    shipped        boolean NOT NULL DEFAULT false,
    document       text,
    PRIMARY KEY (profile, rule, effective_from, shipped),
    CONSTRAINT timescale_unit CHECK (unit IN ('working_days', 'calendar_days', 'weeks', 'months', 'hours')),
    CONSTRAINT timescale_direction CHECK (direction IN ('within_after', 'at_least_before', 'at_least_after')),
    CONSTRAINT timescale_shipped_document CHECK (document IS NOT NULL OR NOT shipped)
);

COMMENT ON TABLE cpconf.timescale IS
    'Timescale rules (T-*, doc/rules.md) per profile and period. Shipped rows cannot be changed; a council states its rows on a profile of its own, where they take precedence over the inherited ones wherever their effective dates cover the day.';
COMMENT ON COLUMN cpconf.timescale.rule IS 'Rule id, e.g. T-ICPC (doc/rules.md lists the shipped ones).';
COMMENT ON COLUMN cpconf.timescale.what IS 'What must happen.';
COMMENT ON COLUMN cpconf.timescale.anchor IS 'The event the timescale counts from (or back from).';
COMMENT ON COLUMN cpconf.timescale.amount IS 'How many units; zero or more.';
COMMENT ON COLUMN cpconf.timescale.unit IS 'working_days (the profile''s calendar), calendar_days, weeks, months (calendar months, end-of-month clamped) or hours (24 h = the next day).';
COMMENT ON COLUMN cpconf.timescale.direction IS 'within_after: due on or before anchor + amount; at_least_before: on or before anchor - amount; at_least_after: not before anchor + amount (a minimum).';
COMMENT ON COLUMN cpconf.timescale.effective_from IS 'First day the row is in force (the anchor''s, or as_of''s, date).';
COMMENT ON COLUMN cpconf.timescale.effective_to IS 'First day it is no longer in force; NULL: still in force.';
COMMENT ON COLUMN cpconf.timescale.source IS 'Where in its document the rule is: section and paragraph (a shipped row may add the passages of other documents that quote it), or the council''s reference.';
COMMENT ON COLUMN cpconf.timescale.document IS 'The document the rule is read from (cpconf.source_document); every shipped row names one, a council''s row may.';

-- The council's rows are its data; shipped rows come with the extension.
SELECT pg_catalog.pg_extension_config_dump('cpconf.timescale', 'WHERE NOT shipped');

/* ------------------------------------------------------------------------
 * The shipped rules.  Each is read from its profile's procedure (the
 * document of cpconf.profile.source); its source names that document again,
 * the section and paragraph, and where the procedure quotes Working Together,
 * the passages that quote it.  effective_from is the date of the document.
 * ------------------------------------------------------------------------ */

INSERT INTO cpconf.timescale (profile, rule, what, anchor, amount, unit, direction, effective_from, source, note, shipped,
                              document)
SELECT p, r, w, a, n, u, d, f::date, s, x, true, (SELECT pr.source FROM cpconf.profile pr WHERE pr.name = p)
  FROM (VALUES
-- national: Working Together 2018
 ('national', 'T-ICPC', 'initial child protection conference held', 'strategy discussion at which the section 47 enquiry was initiated', 15, 'working_days', 'within_after', '2018-07-04', 'Working Together 2018 (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within", Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 4)', NULL),
 ('national', 'T-RCPC1', 'first review conference held', 'initial or transfer-in conference', 3, 'months', 'within_after', '2018-07-04', 'Working Together 2018 (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held")', NULL),
 ('national', 'T-RCPCN', 'next review conference held', 'previous review conference', 6, 'months', 'within_after', '2018-07-04', 'Working Together 2018 (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 6, beginning "Further reviews should be held at intervals of not")', NULL),
 ('national', 'T-CG1', 'first core group meeting', 'initial conference', 10, 'working_days', 'within_after', '2018-07-04', 'Working Together 2018 (Staffordshire SCB 2018, "The Child Protection Plan & Role of the Core Group > Core Groups", para 2, Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 6, beginning "A date is set for the first core group", Darlington SCB 2017, "Child Protection Conference > Core Group", para 1, bullet 1)', NULL),
 ('national', 'T-TRANSFER', 'transfer-in conference held by the receiving council', 'notification of the move', 15, 'working_days', 'within_after', '2018-07-04', 'Working Together 2018 (Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2, Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 2)', NULL),
 ('national', 'T-ASSESS', 'single assessment completed', 'referral', 45, 'working_days', 'within_after', '2018-07-04', 'Working Together 2018 (Darlington SCB 2017, "Concerned About a Child > Single Assessment (Children and Family Assessment) > Timeliness", para 1)', NULL),
-- staffordshire
 ('staffordshire', 'T-ICPC-NOTIFY', 'initial conference notification form completed', 'decision to convene the initial conference', 24, 'hours', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Preparing for an Initial & Review Child Protection Conference", para 1', NULL),
 ('staffordshire', 'T-PREBIRTH', 'pre-birth initial conference held, at 32 weeks of pregnancy at the latest', 'expected date of delivery (40 weeks)', 8, 'weeks', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Pre Birth Child Protection Conferences", para 1', 'between 30 and 32 weeks gestation, or as soon as possible after; "currently subject to review"'),
 ('staffordshire', 'T-PREBIRTH-OPENS', 'pre-birth initial conference held, at 30 weeks of pregnancy at the earliest', 'expected date of delivery (40 weeks)', 10, 'weeks', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Pre Birth Child Protection Conferences", para 1', 'the window of T-PREBIRTH opens'),
 ('staffordshire', 'T-RCPC1', 'first review conference held', 'initial or receiving-in conference', 3, 'months', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Introduction", para 6, the sentence beginning "The first review child protection conference must take place within"; after a receiving-in conference, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 2', NULL),
 ('staffordshire', 'T-RCPCN', 'next review conference held', 'previous review conference', 6, 'months', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Introduction", para 6, the sentence beginning "The first review child protection conference must take place within"', NULL),
 ('staffordshire', 'T-CG1', 'first core group meeting', 'initial conference', 10, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Decision making at Initial & Review Child Protection Conferences", para 5, bullet 4, "The Child Protection Plan & Role of the Core Group > Core Groups", para 2', NULL),
 ('staffordshire', 'T-CGN', 'next core group meeting', 'previous core group meeting', 6, 'weeks', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "The Child Protection Plan & Role of the Core Group > Core Groups", para 2, "The Child Protection Plan & Role of the Core Group > Core Groups", para 4', 'six-weekly, or more often'),
 ('staffordshire', 'T-CG-MINUTES', 'core group minutes and updated plan circulated', 'core group meeting', 10, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "The Child Protection Plan & Role of the Core Group > Core Groups", para 1', NULL),
 ('staffordshire', 'T-INVITE-RCPC', 'review conference invitations sent', 'review conference', 10, 'working_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Preparing for an Initial & Review Child Protection Conference", para 3', NULL),
 ('staffordshire', 'T-REPORT-FAMILY-I', 'reports shared with the parents and child', 'initial conference', 2, 'working_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4, "Reports to Initial and Child Protection Review Conferences > Children''s Social Care", para 6, bullet 2, "Reports to Initial and Child Protection Review Conferences > Agencies", para 2', NULL),
 ('staffordshire', 'T-REPORT-FAMILY-R', 'reports shared with the parents and child', 'review conference', 5, 'working_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4, "Reports to Initial and Child Protection Review Conferences > Children''s Social Care", para 6, bullet 2, "Reports to Initial and Child Protection Review Conferences > Agencies", para 2', NULL),
 ('staffordshire', 'T-REPORT-CHAIR-I', 'report to the chair', 'initial conference', 2, 'working_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4', 'with the family''s copy'),
 ('staffordshire', 'T-REPORT-CHAIR-R', 'report to the chair', 'review conference', 5, 'working_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Roles and Responsibilities of those involved in Child Protection Conferences", para 1, bullet 4', 'with the family''s copy'),
 ('staffordshire', 'T-EXCLUSION-REQ', 'request to exclude a family member made to the chair', 'conference', 2, 'working_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Reports to Initial and Child Protection Review Conferences > Agencies", para 2', 'not on the morning of the conference; Staffordshire SCB 2018, "Exclusion of the child, their parents, family members or advocates from part or all of a Child Protection Conference", para 2 says "two days"'),
 ('staffordshire', 'T-DECISION', 'decision and recommendations completed', 'conference', 1, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Child Protection Minutes & Administrative Process", para 2, bullet 1, "Child Protection Minutes & Administrative Process", para 3, bullet 2', NULL),
 ('staffordshire', 'T-MINUTES', 'minutes (and redacted minutes) circulated', 'conference', 10, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Exclusion of the child, their parents, family members or advocates from part or all of a Child Protection Conference", para 10, "Child Protection Minutes & Administrative Process", para 3, bullet 3', NULL),
 ('staffordshire', 'T-AMEND-DONE', 'minute-taker completes amendments', 'conference', 28, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Child Protection Minutes & Administrative Process", para 3, bullet 4', NULL),
 ('staffordshire', 'T-INQUORATE', 'an inquorate initial conference lacking information reconvened', 'the inquorate conference', 7, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Quoracy", para 4', NULL),
 ('staffordshire', 'T-TRANSFER-REVIEW', 'receiving council reviews the transfer documents', 'receipt of the documents', 5, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 4', 'missing documents delay it (Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 5)'),
 ('staffordshire', 'T-TRANSFER', 'receiving-in conference held', 'decision to convene a receiving-in conference', 15, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 1', 'not from the move; when another council receives, 15 WD of notification of the move (Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 1): T-TRANSFER-NOTIFIED'),
 ('staffordshire', 'T-TRANSFER-NOTIFIED', 'transfer-in conference held by the receiving council', 'notification of the move', 15, 'working_days', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 1', 'when another council receives a Staffordshire child'),
 ('staffordshire', 'T-TRANSFER-REPORT', 'originating council''s report shared with the parents', 'receiving-in conference', 2, 'working_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Children subject to another local authority''s Child Protection Plan who are moving to Staffordshire on a permanent basis", para 9, bullet 4', NULL),
 ('staffordshire', 'T-VISIT', 'lead social worker sees the child', 'previous visit', 3, 'weeks', 'within_after', '2018-10-01', 'Staffordshire SCB 2018, "The Initial/Review Child Protection Conference", para 8', 'a minimum; the conference sets the frequency'),
 ('staffordshire', 'T-18', 'review held before the 18th birthday', '18th birthday', 1, 'calendar_days', 'at_least_before', '2018-10-01', 'Staffordshire SCB 2018, "Discontinuing the Child Protection Plan", para 2, bullet 2', 'held before the birthday'),
-- derby
 ('derby', 'T-ICPC', 'initial child protection conference held', 'strategy discussion at which the section 47 enquiry was initiated', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within"', 'a delay is reported to the child protection manager with reasons (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay, this must be reported")'),
 ('derby', 'T-ICPC-PLO', 'initial conference for a child in proceedings without an order or under the Public Law Outline', 'strategy discussion at which the section 47 enquiries were initiated', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 3, beginning "In these cases, it is important for there to"', 'unit and start not stated ("the 15 day timeframe"): read as T-ICPC''s 15 working days from the strategy discussion (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within")'),
 ('derby', 'T-ICPC-LAC', 'initial conference held when a looked-after review decides one is needed before a child on a care order returns home', 'looked-after review decision', 15, 'calendar_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 2, beginning "The Care Plan and Placement Plan for a child"', 'unit not stated; the social worker requests it to take place within 15 days'),
 ('derby', 'T-PREBIRTH', 'pre-birth initial conference held, at 28 weeks of pregnancy', 'expected date of delivery (40 weeks)', 12, 'weeks', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on pre-birth conferences, para 1, beginning "A Pre-birth Conference is an initial child protection conference"', NULL),
 ('derby', 'T-RCPC1', 'first review conference held', 'initial or transfer-in conference', 3, 'months', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'after a pre-birth conference also T-RCPC1-BIRTH, whichever is sooner'),
 ('derby', 'T-RCPC1-BIRTH', 'first review after a pre-birth conference held', 'the child''s birth', 1, 'months', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'or 3 months after the pre-birth conference (T-RCPC1), whichever is sooner'),
 ('derby', 'T-RCPCN', 'next review conference held', 'previous review conference', 6, 'months', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 6, beginning "Further reviews should be held at intervals of not"', 'a child under 5 with serious concerns may need shorter (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 7, beginning "All review conferences should consider the timescales to meet")'),
 ('derby', 'T-CG1', 'first core group meeting', 'initial conference', 10, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 6, beginning "A date is set for the first core group"', NULL),
 ('derby', 'T-REPORT-FAMILY-I', 'reports shared with the parents and older children', 'initial conference', 2, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derby', 'T-REPORT-FAMILY-R', 'reports shared with the parents and older children', 'review conference', 3, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derby', 'T-REPORT-CHAIR-I', 'reports available to the chair', 'initial conference', 2, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derby', 'T-REPORT-CHAIR-R', 'reports available to the chair', 'review conference', 3, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derby', 'T-EXCLUSION-REQ', 'request to exclude a parent made to the chair', 'conference', 3, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 6, Exclusion of Family Members from a Conference", para 3', NULL),
 ('derby', 'T-DECISION', 'decision, outline and recommendation on the local authority system', 'conference', 24, 'hours', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 4, beginning "In Derby City, all participants to conference will leave"', 'the outline plan itself is given to all attendees at the end of the conference: T-DECISION-OUTLINE'),
 ('derby', 'T-DECISION-OUTLINE', 'outline plan (decision, outline and recommendation) given to all attendees, the parents and carers included', 'conference', 0, 'calendar_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 5, beginning "In Derby City the outline plan, approved by the"', 'at the end of every conference: the same day'),
 ('derby', 'T-MINUTES', 'conference record sent to all attending or invited', 'conference', 20, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derby', 'T-MINUTES-PARENTS', 'record given to and discussed with the parents', 'conference', 20, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 4, beginning "A copy of the conference record should be given"', NULL),
 ('derby', 'T-AMEND-SUBMIT', 'amendments to the record received', 'receipt of the record', 1, 'weeks', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derby', 'T-TRANSFER-NOTIFY', 'originating council notifies the host council of a move', 'the move', 48, 'hours', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 2, beginning "The “originating” local authority must always notify the “host”"', 'permanent or temporary'),
 ('derby', 'T-TRANSFER', 'transfer-in conference held', 'notification of the move', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 8, beginning "The transfer in conference should receive reports from the"', NULL),
 ('derby', 'T-MIN-PLAN', 'plan kept at least this long for a child returning after proceedings to the carers where the harm occurred', 'plan start', 6, 'months', 'at_least_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 4, beginning "In Derby, a child who has been subject to"', NULL),
 ('derby', 'T-CIN-AFTER-PLAN', 'child in need plan circulated after a plan ends', 'the discontinuing conference', 2, 'weeks', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 1', NULL),
 ('derby', 'T-CIN-AFTER-MIN', 'child in need plan kept at least this long', 'discontinuation', 3, 'months', 'at_least_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13', 'unless all its members agree after the first child in need review'),
 ('derby', 'T-CIN-AFTER-REVIEW', 'first child in need review', 'discontinuation', 3, 'months', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 3', NULL),
 ('derby', 'T-CIN-AFTER-NETWORK', 'next child in need network meeting', 'previous network meeting', 6, 'weeks', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 3', NULL),
-- derbyshire
 ('derbyshire', 'T-ICPC', 'initial child protection conference held', 'strategy discussion at which the section 47 enquiry was initiated', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within"', 'a delay is reported to the child protection manager with reasons (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 8, beginning "If there is any delay, this must be reported")'),
 ('derbyshire', 'T-ICPC-PLO', 'initial conference for a child in proceedings without an order or under the Public Law Outline', 'strategy discussion at which the section 47 enquiries were initiated', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 3, beginning "In these cases, it is important for there to"', 'unit and start not stated ("the 15 day timeframe"): read as T-ICPC''s 15 working days from the strategy discussion (Derby and Derbyshire SCP 2024, the part on initial child protection conferences, para 6, beginning "The initial child protection conference should take place within")'),
 ('derbyshire', 'T-ICPC-LAC', 'initial conference held when a looked-after review decides one is needed before a child on a care order returns home', 'looked-after review decision', 15, 'calendar_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on looked after children and child protection conferences, para 2, beginning "The Care Plan and Placement Plan for a child"', 'unit not stated; the social worker requests it to take place within 15 days'),
 ('derbyshire', 'T-PREBIRTH', 'pre-birth initial conference held, at 28 weeks of pregnancy', 'expected date of delivery (40 weeks)', 12, 'weeks', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on pre-birth conferences, para 1, beginning "A Pre-birth Conference is an initial child protection conference"', NULL),
 ('derbyshire', 'T-RCPC1', 'first review conference held', 'initial or transfer-in conference', 3, 'months', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'after a pre-birth conference also T-RCPC1-BIRTH, whichever is sooner'),
 ('derbyshire', 'T-RCPC1-BIRTH', 'first review after a pre-birth conference held', 'the child''s birth', 1, 'months', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 5, beginning "The first child protection review conference should be held"', 'or 3 months after the pre-birth conference (T-RCPC1), whichever is sooner'),
 ('derbyshire', 'T-RCPCN', 'next review conference held', 'previous review conference', 6, 'months', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 6, beginning "Further reviews should be held at intervals of not"', 'a child under 5 with serious concerns may need shorter (Derby and Derbyshire SCP 2024, the part on review child protection conferences, para 7, beginning "All review conferences should consider the timescales to meet")'),
 ('derbyshire', 'T-CG1', 'first core group meeting', 'initial conference', 10, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 3, bullet 6, beginning "A date is set for the first core group"', NULL),
 ('derbyshire', 'T-REPORT-FAMILY-I', 'reports shared with the parents and older children', 'initial conference', 2, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derbyshire', 'T-REPORT-FAMILY-R', 'reports shared with the parents and older children', 'review conference', 3, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 1', NULL),
 ('derbyshire', 'T-REPORT-CHAIR-I', 'reports available to the chair', 'initial conference', 2, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derbyshire', 'T-REPORT-CHAIR-R', 'reports available to the chair', 'review conference', 3, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 8, Information for the Conference > Report Sharing", para 2', NULL),
 ('derbyshire', 'T-EXCLUSION-REQ', 'request to exclude a parent made to the chair', 'conference', 3, 'working_days', 'at_least_before', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Section 6, Exclusion of Family Members from a Conference", para 3', NULL),
 ('derbyshire', 'T-DECISION', 'outline plan and decision recorded on the system', 'conference', 24, 'hours', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 6, beginning "In Derbyshire all participants will be provided with a"', 'given to all participants at the conference'),
 ('derbyshire', 'T-DECISION-SUMMARY', 'summary and plan from the conference sent out', 'conference', 5, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on the conference chair and the conference decision, para 4, beginning "In Derby City, all participants to conference will leave"', NULL),
 ('derbyshire', 'T-MINUTES', 'conference record sent to all attending or invited', 'conference', 5, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derbyshire', 'T-MINUTES-PARENTS', 'record given to and discussed with the parents', 'conference', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 4, beginning "A copy of the conference record should be given"', NULL),
 ('derbyshire', 'T-AMEND-SUBMIT', 'amendments to the record received', 'receipt of the record', 1, 'weeks', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on administration and conference records, para 3, beginning "In Derbyshire, the conference record, approved by the conference"', NULL),
 ('derbyshire', 'T-TRANSFER-NOTIFY', 'originating council notifies the host council of a move', 'the move', 48, 'hours', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 2, beginning "The “originating” local authority must always notify the “host”"', 'permanent or temporary'),
 ('derbyshire', 'T-TRANSFER', 'transfer-in conference held', 'notification of the move', 15, 'working_days', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, the part on transfer in conferences, para 8, beginning "The transfer in conference should receive reports from the"', NULL),
 ('derbyshire', 'T-CIN-AFTER-PLAN', 'child in need plan circulated after a plan ends', 'the discontinuing conference', 2, 'weeks', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 1', NULL),
 ('derbyshire', 'T-CIN-AFTER-MIN', 'child in need plan kept at least this long', 'discontinuation', 3, 'months', 'at_least_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 13', 'unless all its members agree after the first child in need review'),
 ('derbyshire', 'T-CIN-AFTER-REVIEW', 'next child in need review', 'previous child in need review, or discontinuation', 6, 'weeks', 'within_after', '2024-09-09', 'Derby and Derbyshire SCP 2024, "Discontinuing a current Child Protection Plan", para 14, bullet 4', 'reviews booked six-weekly'),
-- darlington
 ('darlington', 'T-ICPC', 'initial child protection conference held', 'the strategy discussion at which the section 47 enquiry was initiated, where more than one took place', 15, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 4', 'a delay needs the team manager''s written agreement with reasons (Darlington SCB 2017, "Child Protection Conference > Initial Child Protection Conference", para 5)'),
 ('darlington', 'T-ICPC-LAC', 'initial conference held when a looked-after review decides one is needed before a child on a care order returns home', 'looked-after case review decision', 15, 'calendar_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan > Children returning home", para 1', 'unit not stated; the social worker requests it to take place within 15 days'),
 ('darlington', 'T-PREBIRTH', 'pre-birth conference held, ideally', 'expected date of delivery', 3, 'months', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 5', 'earlier if a premature birth is likely (Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 6)'),
 ('darlington', 'T-RCPC1', 'first review conference held', 'initial conference', 91, 'calendar_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 3', '"3 months (91 days)": the days, as written'),
 ('darlington', 'T-RCPCN', 'next review conference held', 'previous review conference', 182, 'calendar_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 4', '"6 months (182 days)": the days, as written'),
 ('darlington', 'T-CG1', 'first core group meeting', 'initial conference', 10, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group", para 1, bullet 1', 'pre-birth: before the birth (Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 9)'),
 ('darlington', 'T-CG-MINUTES', 'child protection plan distributed after a core group', 'core group meeting', 5, 'calendar_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group > Lead Social Worker Role", para 2, bullet 4', 'unit not stated'),
 ('darlington', 'T-REPORT-FAMILY-I', 'report shared with the parents and older children', 'initial conference', 2, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 2', NULL),
 ('darlington', 'T-REPORT-FAMILY-R', 'report shared with the parents and older children', 'review conference', 2, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 2', NULL),
 ('darlington', 'T-REPORT-CHAIR-I', 'report to the chair', 'initial conference', 3, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 3', NULL),
 ('darlington', 'T-REPORT-CHAIR-R', 'report to the chair', 'review conference', 3, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Information for a Conference", para 3', NULL),
 ('darlington', 'T-REPORT-EXCLUDED-I', 'social worker''s report to an excluded family member', 'initial conference', 3, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 10', NULL),
 ('darlington', 'T-REPORT-EXCLUDED-R', 'social worker''s report to an excluded family member', 'review conference', 5, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 10', NULL),
 ('darlington', 'T-EXCLUSION-REQ', 'request to exclude a parent made to the chair', 'conference', 3, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Exclusion of Family Members from a Conference", para 1', NULL),
 ('darlington', 'T-DECISION', 'decisions and outline plan circulated to all invited', 'conference', 2, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Decision of Conference", para 1', NULL),
 ('darlington', 'T-MINUTES', 'conference record sent to all attending or invited', 'conference', 20, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Conference Record", para 1, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Conference Record", para 3', NULL),
 ('darlington', 'T-AMEND-SUBMIT', 'amendments to the record sent to the chair', 'receipt of the record', 10, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Administrative Arrangements and Record Keeping for Child Protection Conferences > Conference Record", para 3', NULL),
 ('darlington', 'T-INQUORATE', 'a new date for an inquorate conference', 'the inquorate conference', 1, 'months', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Review Conference (CPRC)", para 9', '"usually within a month", set immediately'),
 ('darlington', 'T-TRANSFER', 'transfer conference held by the receiving council', 'notification of the move', 15, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 1, bullet 2', 'Darlington SCB 2017, "Child Protection Conference > Transfer Child Protection Conference", para 3 counts from the agreement between the two authorities: T-TRANSFER-AGREED'),
 ('darlington', 'T-TRANSFER-AGREED', 'transfer conference held', 'agreement between the two authorities', 15, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Transfer Child Protection Conference", para 3', NULL),
 ('darlington', 'T-TRANSFER-REPORT', 'originating lead social worker''s report submitted', 'transfer conference', 5, 'working_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Transfer Child Protection Conference", para 4', 'shared with the child and family first'),
 ('darlington', 'T-VIEWS', 'absent agencies'' views sought in writing', 'the chair''s decision to seek them', 10, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 3', NULL),
 ('darlington', 'T-VIEWS-REPLY', 'absent agencies'' written replies', 'the chair''s request', 10, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 3', NULL),
 ('darlington', 'T-VISIT', 'lead social worker sees the child', 'previous visit', 10, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group > Seeing the Child", bullet 1', 'at least every 10 working days'),
 ('darlington', 'T-VISIT-SLEEP', 'lead social worker sees where the child sleeps', 'previous such visit', 6, 'weeks', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Core Group > Seeing the Child", bullet 3', NULL),
 ('darlington', 'T-CG1-BIRTH', 'first core group after a pre-birth conference held before the birth', 'the child''s birth', 1, 'calendar_days', 'at_least_before', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Pre Birth Conference", para 9', '"expected to meet prior to the birth"'),
 ('darlington', 'T-CIN-AFTER-MEETING', 'multi-agency meeting to develop the child''s plan (to consider)', 'discontinuation', 10, 'calendar_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5', 'unit not stated'),
 ('darlington', 'T-CIN-AFTER-REVIEW', 'first review of the child''s plan', 'discontinuation', 3, 'months', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5', NULL),
 ('darlington', 'T-CIN-AFTER-REVIEWN', 'next review of the child''s plan', 'previous review of the child''s plan', 6, 'months', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Discontinuing the Child Protection Plan", para 5', NULL),
 ('darlington', 'T-COMPLAINT', 'conference complaint answered', 'receipt of the complaint', 10, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 2', NULL),
 ('darlington', 'T-COMPLAINT-ACK', 'independent chair acknowledges the complaint', 'the Independent Chair''s receipt of the complaint, after escalation', 5, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 1', NULL),
 ('darlington', 'T-COMPLAINT-CONSIDER', 'independent chair considers the documents', 'the Independent Chair''s receipt of the complaint, after escalation', 15, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 2', NULL),
 ('darlington', 'T-COMPLAINT-RESPOND', 'independent chair''s written response', 'the Independent Chair''s receipt of the complaint, after escalation', 30, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 5, bullet 3', NULL),
 ('darlington', 'T-COMPLAINT-PANEL', 'appeal panel meets', 'written notice of appeal', 20, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 7', NULL),
 ('darlington', 'T-COMPLAINT-OUTCOME', 'appeal outcome given', 'appeal panel meeting', 5, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Child Protection Conference > Child Protection Conference Complaints > Complaint Procedure", para 9', NULL),
 ('darlington', 'T-ASSESS', 'single assessment completed', 'referral', 45, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Single Assessment (Children and Family Assessment) > Timeliness", para 1', NULL),
 ('darlington', 'T-ASSESS-CONTACT', 'decision on a contact', 'receipt of the contact', 24, 'hours', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Making a Referral > Making Contact", para 6', NULL),
 ('darlington', 'T-ASSESS-ALLOCATE', 'single assessment allocated', 'team manager''s decision', 2, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Making a Referral > Making Contact", para 11', NULL),
 ('darlington', 'T-ASSESS-ACK', 'referrer acknowledged', 'referral', 10, 'working_days', 'within_after', '2018-07-04', 'Darlington SCB 2017, "Concerned About a Child > Making a Referral > Making Contact", para 13', NULL),
-- sussex
 ('sussex', 'T-TRANSFER', 'transfer conference held by the receiving council', 'notification of the move', 15, 'working_days', 'within_after', '2023-02-01', 'Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 1, bullet 2', NULL),
 ('sussex', 'T-VIEWS', 'absent agencies'' views sought in writing', 'the chair''s decision to seek them', 10, 'working_days', 'within_after', '2023-02-01', 'Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 3', NULL),
 ('sussex', 'T-VIEWS-REPLY', 'absent agencies'' written replies', 'the chair''s request', 10, 'working_days', 'within_after', '2023-02-01', 'Sussex 7.13 2023, "Discontinuing the Child Protection Plan", para 3', NULL)
) AS v (p, r, w, a, n, u, d, f, s, x);

/* ------------------------------------------------------------------------
 * Checks on council rules: a clear error for each mistake.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.timescale_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other record;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'rule % of profile "%" is shipped with cpconf and cannot be changed', OLD.rule, OLD.profile
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Shipped rules are the partnerships'' procedures as published, with their sources.',
                  HINT = 'Add a profile of your own with this one as its parent, and your row for the rule there: it takes precedence over the inherited one wherever its effective dates apply.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.shipped THEN
        RAISE EXCEPTION 'only cpconf itself adds shipped rules'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'shipped = true marks the rules that come with the extension.',
                  HINT = 'Leave shipped false (the default).';
    END IF;
    IF NEW.rule !~ '^T(-[A-Z0-9]+)+$' THEN
        RAISE EXCEPTION 'timescale rule id "%" is not of the form T-NAME', NEW.rule
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Timescale rules are named T-...: T-ICPC, T-CG1, T-REPORT-FAMILY-R, ... (doc/rules.md).',
                  HINT = 'Use an upper-case id starting with T-.';
    END IF;
    PERFORM cpconf.council_profile_check(format('rule %s', NEW.rule), NEW.profile, to_jsonb(OLD), to_jsonb(NEW));
    IF NEW.unit NOT IN ('working_days', 'calendar_days', 'weeks', 'months', 'hours') THEN
        RAISE EXCEPTION 'rule % of profile "%" has unknown unit "%"', NEW.rule, NEW.profile, NEW.unit
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Timescales are counted in working days, calendar days, weeks, calendar months or hours.',
                  HINT = 'Use one of: working_days, calendar_days, weeks, months, hours.';
    END IF;
    IF NEW.direction NOT IN ('within_after', 'at_least_before', 'at_least_after') THEN
        RAISE EXCEPTION 'rule % of profile "%" has unknown direction "%"', NEW.rule, NEW.profile, NEW.direction
            USING ERRCODE = 'check_violation',
                  DETAIL = 'within_after: within N after the anchor; at_least_before: at least N before it; at_least_after: not before N after it.',
                  HINT = 'Use one of: within_after, at_least_before, at_least_after.';
    END IF;
    IF NEW.amount < 0 THEN
        RAISE EXCEPTION 'rule % of profile "%" has a negative amount (%)', NEW.rule, NEW.profile, NEW.amount
            USING ERRCODE = 'check_violation',
                  DETAIL = 'An amount counts units away from the anchor; the direction says which way.',
                  HINT = 'Give a positive amount, with direction at_least_before for a time before the anchor.';
    END IF;
    IF NEW.effective_to IS NOT NULL AND NEW.effective_to <= NEW.effective_from THEN
        RAISE EXCEPTION 'rule % of profile "%" ends (%) before it starts (%)', NEW.rule, NEW.profile,
                        NEW.effective_to, NEW.effective_from
            USING ERRCODE = 'check_violation',
                  DETAIL = 'effective_to is the first day the row is no longer in force.',
                  HINT = 'Make effective_to later than effective_from, or NULL if it is still in force.';
    END IF;
    -- Two writers could each miss the other's overlapping row: the
    -- statement took the configuration's turn first (timescale_turn).
    SELECT t.effective_from, t.effective_to INTO other
      FROM cpconf.timescale t
     WHERE t.profile = NEW.profile AND t.rule = NEW.rule AND NOT t.shipped
       AND (TG_OP = 'INSERT' OR (t.profile, t.rule, t.effective_from) <> (OLD.profile, OLD.rule, OLD.effective_from))
       AND daterange(t.effective_from, t.effective_to) && daterange(NEW.effective_from, NEW.effective_to)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'rule % of profile "%" already has a row in force from % %', NEW.rule, NEW.profile,
                        other.effective_from, coalesce('to ' || other.effective_to, 'on')
            USING ERRCODE = 'exclusion_violation',
                  DETAIL = format('The new row would be in force from %s %s, overlapping it.',
                                  NEW.effective_from, coalesce('to ' || NEW.effective_to, 'on')),
                  HINT = 'End the earlier row (set its effective_to) where the new one starts.';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION cpconf.timescale_check() IS
    'Trigger: keeps shipped rules unchanged and rejects a bad rule id, a negative amount, reversed effective dates, or effective dates overlapping another council row for the same profile and rule.';

CREATE TRIGGER timescale_check
    BEFORE INSERT OR UPDATE OR DELETE ON cpconf.timescale
    FOR EACH ROW EXECUTE FUNCTION cpconf.timescale_check();
CREATE TRIGGER timescale_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.timescale
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.config_changed();
CREATE TRIGGER timescale_names_profile AFTER INSERT OR UPDATE ON cpconf.timescale
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('profile', 'profile', 'profile', 'rule %s', 'rule');
CREATE TRIGGER profile_named_by_timescale AFTER UPDATE OR DELETE ON cpconf.profile
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('timescale', 'profile');
CREATE TRIGGER timescale_names_document AFTER INSERT OR UPDATE ON cpconf.timescale
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_exists('document', 'source_document', 'source document', 'rule %s', 'rule');
CREATE TRIGGER source_document_named_by_timescale AFTER UPDATE OR DELETE ON cpconf.source_document
    FOR EACH ROW EXECUTE FUNCTION cpconf.reference_kept('timescale', 'document');

/* ------------------------------------------------------------------------
 * Deadlines.  STABLE: they read the rule tables and settings.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION cpconf.deadline(rule text, anchor date, profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_deadline';

CREATE FUNCTION cpconf.deadline(rule text, anchor timestamp, profile text DEFAULT NULL, as_of timestamp DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_deadline_ts';

COMMENT ON FUNCTION cpconf.deadline(text, date, text, date) IS
    'The last day on which rule is met for an event on anchor (for an at_least_before rule, the last day the thing may happen; for at_least_after, the first), under profile (NULL: the setting cpconf.profile) as in force on as_of (NULL: the anchor). NULL rule or anchor gives NULL.';
COMMENT ON FUNCTION cpconf.deadline(text, timestamp, text, timestamp) IS
    'deadline of the timestamps'' dates; the time of day is ignored.';

CREATE FUNCTION cpconf.deadline(rule text, anchor timestamptz, profile text DEFAULT NULL, as_of timestamptz DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_deadline_ts';

COMMENT ON FUNCTION cpconf.deadline(text, timestamptz, text, timestamptz) IS
    'deadline of the days in England (Europe/London) of the times; a midnight in the session''s time zone that is another day in England is refused (22023).';

CREATE FUNCTION cpconf.timescales(profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS TABLE (rule text, what text, anchor text, amount integer, unit text, direction text,
               effective_from date, effective_to date, defined_by text, shipped boolean,
               source text, note text)
LANGUAGE c STABLE PARALLEL SAFE ROWS 60
AS 'MODULE_PATHNAME', 'cpconf_timescales';

COMMENT ON FUNCTION cpconf.timescales(text, date) IS
    'The timescale rules in force for a profile (NULL: the setting cpconf.profile) on as_of (NULL: today), after inheritance and council overrides, with the profile that states each and its source.';

CREATE FUNCTION cpconf.first_review_due(initial_conference date, birth date DEFAULT NULL,
                                        profile text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS date
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_first_review_due';

COMMENT ON FUNCTION cpconf.first_review_due(date, date, text, date) IS
    'When the first review conference is due (T-RCPC1). After a pre-birth conference, where the profile states T-RCPC1-BIRTH (derby, derbyshire), the earlier of that from the birth and T-RCPC1 from the conference; before the birth is recorded, T-RCPC1 alone.';

CREATE FUNCTION cpconf.prebirth_conference_due(expected_delivery date DEFAULT NULL,
                                               gestation_weeks integer DEFAULT NULL,
                                               gestation_on date DEFAULT NULL,
                                               profile text DEFAULT NULL, as_of date DEFAULT NULL,
                                               OUT not_before date, OUT due date)
RETURNS record
LANGUAGE c STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'cpconf_prebirth_conference_due';

COMMENT ON FUNCTION cpconf.prebirth_conference_due(date, integer, date, text, date) IS
    'When a pre-birth initial conference is due (T-PREBIRTH), from the expected date of delivery or from the weeks of pregnancy on a day (40 weeks = delivery); not_before where the profile opens a window (T-PREBIRTH-OPENS, staffordshire: 30 weeks). NULL when neither is given.';

CREATE TRIGGER timescale_truncate BEFORE TRUNCATE ON cpconf.timescale
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.shipped_rows_truncate();
GRANT SELECT ON cpconf.timescale TO PUBLIC;

-- Every statement that writes these tables takes the configuration's turn first.
CREATE TRIGGER timescale_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cpconf.timescale
    FOR EACH STATEMENT EXECUTE FUNCTION cpconf.configuration_turn();
