/*
 * conference.c
 *		The conference layer: quoracy from attendance (Q-MIN, Q-GP) and the
 *		conference's decision from agency views (D-DECIDE).
 *
 * A partnership's conference rules are a row of cpconf.conference_rule
 * per profile and period, inherited day by day like timescales; the
 * council's agency names map onto sectors through cpconf.agency.  Both
 * are cached per backend.  The quoracy aggregate is in quoracy.c.  The
 * checks that need no aggregation (categories, plan start, inquorate
 * conferences) are SQL functions over cpconf.conference_rules(), in the
 * install script.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/formatting.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"
#include "port/pg_bitutils.h"

#include "conference.h"

static void *build_cache(MemoryContext cxt);

ConfigCache conference_config = {
	.name = "cpconf conference rules",
	.tables = {"profile", "conference_rule", "agency", NULL},
	.build = build_cache,
};

/*
 * An agency name as names are compared: without surrounding spaces, in
 * lower case as the database's lower() makes it (so "École" matches
 * "école", as cpconf.agency's unique index on lower(btrim(name)) has it).
 */
static char *
fold_name(MemoryContext cxt, const char *s, int len)
{
	char	   *lower;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	lower = str_tolower(s, len, DEFAULT_COLLATION_OID);
	return cxt == CurrentMemoryContext ? lower : MemoryContextStrdup(cxt, lower);
}

/* The values of the rule table's text columns, in the order of their enums. */
static const char *const qualifies_names[] = {"direct_contact", "s47_contribution", "family_contact"};
static const char *const decision_names[] = {"majority", "agencies_then_chair", "chair"};
static const char *const multiple_names[] = {"allowed", "justified", "never", "not_all_eventualities",
"by_consensus"};
static const char *const health_services_names[] = {"never", "always", "as_chair_judges"};
static const char *const child_participation_names[] = {"", "invited_over", "offered_from", "considered_from"};
static const char *const icpc_delay_names[] = {"", "reasons", "written_agreement"};

static void *
build_cache(MemoryContext cxt)
{
	ConferenceCache *c = MemoryContextAllocZero(cxt, sizeof(ConferenceCache));

	profiles_load(&c->profiles, cxt);

	cpconf_read_table("SELECT profile, effective_from, effective_to, shipped, quorum_social_care, "
					  "quorum_agencies, quorum_qualifies, health_services_separately, "
					  "gp_report_over_age, decision, source, multiple_categories, "
					  "emotional_second_needs_concern, interim_lead_manager, r, proceed_requires, "
					  "proceed_any_of, proceed_then, cancel_then, visiting_arrangements, "
					  "gp_report_initial_only, reconvene_initial_only, child_participation, "
					  "child_participation_age, advocacy_over_age, exclusion_by_chair, views_required, icpc_delay, "
					  "decision_in_writing, alternative_plan, exclusion_recorded "
					  "FROM cpconf.conference_rule r ORDER BY shipped, effective_from");
	c->rules = MemoryContextAllocZero(cxt, (SPI_processed + 1) * sizeof(ConferenceRule));
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		ConferenceRule *rule = &c->rules[c->nrules];
		char	   *qualifies = cpconf_spi_text(CurrentMemoryContext, r, 7);
		char	   *decision = cpconf_spi_text(CurrentMemoryContext, r, 10);
		char	   *multiple;

		rule_row_head_read(&rule->head, &c->profiles, r, 1, 4, 2, 3, 15, cxt);
		rule->social_care_required = cpconf_spi_bool(r, 5);
		rule->agencies_required = cpconf_spi_int(r, 6);
		rule->qualifies = cpconf_name_index(qualifies_names, lengthof(qualifies_names), qualifies,
											QUALIFIES_DIRECT_CONTACT);
		rule->health_services = cpconf_name_index(health_services_names, lengthof(health_services_names),
												  cpconf_spi_text(CurrentMemoryContext, r, 8),
												  HEALTH_SERVICES_NEVER);
		rule->gp_report_over_age = cpconf_spi_isnull(r, 9) ? -1 : cpconf_spi_int(r, 9);
		rule->decision = cpconf_name_index(decision_names, lengthof(decision_names), decision,
										   DECIDE_CHAIR);
		rule->source = cpconf_spi_text(cxt, r, 11);
		multiple = cpconf_spi_text(CurrentMemoryContext, r, 12);
		rule->multiple_categories = cpconf_name_index(multiple_names, lengthof(multiple_names), multiple,
													  CATEGORIES_ALLOWED);
		rule->emotional_second_needs_concern = cpconf_spi_bool(r, 13);
		rule->interim_lead_manager = cpconf_spi_bool(r, 14);
		rule->proceed_rule = !cpconf_spi_isnull(r, 16);
		rule->proceed_requires = cpconf_spi_text_array(cxt, r, 16, &rule->nproceed_requires);
		rule->proceed_any_of = cpconf_spi_text_array(cxt, r, 17, &rule->nproceed_any_of);
		rule->proceed_then = cpconf_spi_text_array(cxt, r, 18, &rule->nproceed_then);
		rule->cancel_then_null = cpconf_spi_isnull(r, 19);
		rule->cancel_then = cpconf_spi_text_array(cxt, r, 19, &rule->ncancel_then);
		rule->visiting_arrangements = cpconf_spi_bool(r, 20);
		rule->gp_report_initial_only = cpconf_spi_bool(r, 21);
		rule->reconvene_initial_only = cpconf_spi_bool(r, 22);
		rule->child_participation = cpconf_name_index(child_participation_names, lengthof(child_participation_names),
													  cpconf_spi_text(CurrentMemoryContext, r, 23),
													  CHILD_PARTICIPATION_NONE);
		rule->child_participation_age = cpconf_spi_isnull(r, 24) ? 0 : cpconf_spi_int(r, 24);
		rule->advocacy_over_age = cpconf_spi_isnull(r, 25) ? -1 : cpconf_spi_int(r, 25);
		rule->exclusion_by_chair = cpconf_spi_bool(r, 26);
		rule->exclusion_recorded = cpconf_spi_bool(r, 31);
		rule->views_required = cpconf_spi_bool(r, 27);
		rule->icpc_delay = cpconf_name_index(icpc_delay_names, lengthof(icpc_delay_names),
											 cpconf_spi_text(CurrentMemoryContext, r, 28), ICPC_DELAY_NOT_STATED);
		rule->decision_in_writing = cpconf_spi_bool(r, 29);
		rule->alternative_plan = cpconf_spi_bool(r, 30);
		if (rule->head.profile >= 0)
			c->nrules++;
	}

	cpconf_read_table("SELECT name, sector::pg_catalog.text, service, gp FROM cpconf.agency");
	c->agencies = MemoryContextAllocZero(cxt, (SPI_processed + 1) * sizeof(Agency));
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		Agency	   *a = &c->agencies[c->nagencies];
		char	   *name = cpconf_spi_text(CurrentMemoryContext, r, 1);
		char	   *sector = cpconf_spi_text(CurrentMemoryContext, r, 2);

		if (name == NULL || sector == NULL)
			continue;
		a->folded = fold_name(cxt, name, strlen(name));
		a->sector = label_match(&sector_labels_set, sector, strlen(sector));
		a->service = cpconf_spi_text(cxt, r, 3);
		a->gp = cpconf_spi_bool(r, 4);
		if (a->sector > 0)
			c->nagencies++;
	}
	return c;
}

ConferenceCache *
conference_cache(void)
{
	return config_cache_get(&conference_config);
}

/* ---- rule resolution, day by day up the profile chain ---- */

static const RuleTable conference_rule_table = {
	"conference_rule", "conference rules", "Quoracy and decisions", "Q-MIN, D-DECIDE",
	"the conference date"
};

/* The conference rule in force for profile p on day. */
const ConferenceRule *
conference_rule(const ConferenceCache *c, int p, DateADT day, const char *day_name)
{
	const ConferenceRule *rule = rule_in_force(&c->profiles, c->rules, c->nrules,
											   sizeof(ConferenceRule), p, day);

	if (rule == NULL)
		rule_not_in_force(&conference_rule_table, &c->profiles, p, day, day_name);
	return rule;
}

/*
 * The conference rule in force for a profile argument (NULL: the setting)
 * on a day, as the SQL checks name them; an infinite day is an error.
 */
const ConferenceRule *
conference_rule_on(const ConferenceCache *c, text *profile, DateADT day, const char *day_name,
				   int *p)
{
	*p = profiles_lookup_arg(&c->profiles, profile);
	rule_check_day(&conference_rule_table, day, day_name);
	return conference_rule(c, *p, day, day_name);
}

const char *
conference_rule_profile(const ConferenceCache *c, const ConferenceRule *rule)
{
	return c->profiles.names[rule->head.profile];
}

/* The kinds of conference, in the order of ConferenceKind. */
static const char *const kind_names[] = {"initial", "pre_birth", "transfer_in", "review"};

/*
 * Argument n as a kind of conference: NULL is not recorded; case, spaces
 * around, and hyphens or spaces for underscores are forgiven (council
 * data writes "Pre-birth"); anything else is an error.
 */
ConferenceKind
conference_kind_arg(FunctionCallInfo fcinfo, int n)
{
	text	   *t;
	char		folded[32];
	int			k;

	if (PG_ARGISNULL(n))
		return KIND_NOT_RECORDED;
	t = PG_GETARG_TEXT_PP(n);
	if (cpconf_fold_word(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), folded, sizeof(folded)) &&
		(k = cpconf_name_index(kind_names, lengthof(kind_names), folded, -1)) >= 0)
		return (ConferenceKind) k;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown kind of conference \"%s\"", text_to_cstring(t)),
			 errdetail("Rules Q-GP and T-INQUORATE apply at an initial conference only under some profiles."),
			 errhint("Use initial, pre_birth, transfer_in or review, or NULL if not recorded.")));
	return KIND_NOT_RECORDED;	/* keep compiler quiet */
}

/* The row types this layer builds and reads (see RowShape). */
const RowShape attendance_shape = {
	"cpconf.attendance", 9,
	{TEXTOID, TEXTOID, LABEL_TYPE, TEXTOID, BOOLOID, LABEL_TYPE, BOOLOID, BOOLOID, DATEOID}
};
static const RowShape decision_result_shape = {
	"cpconf.decision_result", 8,
	{TEXTOID, TEXTOID, INT4OID, INT4OID, INT4OID, TEXTARRAYOID, BOOLOID, TEXTOID}
};

/* ---- attendee(): one attendance fact, resolved through cpconf.agency ---- */

/*
 * Look up a council's agency name; failing that, a sector name stands for
 * itself, and "GP" for a general practitioner in health.  Returns the
 * agency's identity: its row's folded name, or the sector's (or "gp").
 */
static const char *
resolve_agency(const ConferenceCache *c, text *agency, int *sector, const char **service, bool *gp)
{
	const char *s = VARDATA_ANY(agency);
	int			len = VARSIZE_ANY_EXHDR(agency);
	char	   *folded = fold_name(CurrentMemoryContext, s, len);

	for (int i = 0; i < c->nagencies; i++)
		if (strcmp(c->agencies[i].folded, folded) == 0)
		{
			*sector = c->agencies[i].sector;
			*service = c->agencies[i].service;
			*gp = c->agencies[i].gp;
			return c->agencies[i].folded;
		}
	*gp = strcmp(folded, "gp") == 0;
	*service = *gp ? "gp" : NULL;
	*sector = *gp ? SECTOR_HEALTH : label_match(&sector_labels_set, s, len);
	if (*sector == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("agency \"%.*s\" is not in cpconf.agency", len, s),
				 errdetail("Quoracy counts agencies by sector (rule Q-MIN); each agency name a council records is mapped to a sector once."),
				 errhint("Add it to cpconf.agency with its sector (social_care, police, health, education, "
						 "probation, other), or pass a sector or GP instead of the name.")));
	/* an agency known by its sector's name (or a synonym such as CSC) is that sector */
	return *gp ? "gp" : label_name(&sector_labels_set, *sector);
}

/* ---- result rows ---- */

PG_FUNCTION_INFO_V1(cpconf_attendee);

/* attendee()'s call-site memory: its result type and the slots of conference.h. */

static AttendeeRef *
attendee_ref(FunctionCallInfo fcinfo)
{
	AttendeeRef *ref = (AttendeeRef *) fcinfo->flinfo->fn_extra;

	if (ref == NULL)
	{
		ref = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(AttendeeRef));
		ref->tupdesc = cpconf_blessed_result_type(fcinfo, &attendance_shape);
		fcinfo->flinfo->fn_extra = ref;
	}
	return ref;
}

const AgencySlot *
attendee_agency(FunctionCallInfo fcinfo, AttendeeRef *ref, ConferenceCache *c, text *agency)
{
	const char *s = VARDATA_ANY(agency);
	int			len = VARSIZE_ANY_EXHDR(agency);
	AgencySlot *slot;

	if (ref->generation != conference_config.generation)
	{
		for (int i = 0; i < ATTENDEE_SLOTS; i++)
			ref->agencies[i].len = -1;
		ref->generation = conference_config.generation;
	}
	for (int i = 0; i < ATTENDEE_SLOTS; i++)
		if (ref->agencies[i].len == len && memcmp(ref->agencies[i].name, s, len) == 0)
			return &ref->agencies[i];
	slot = &ref->agencies[ref->next];
	(void) resolve_agency(c, agency, &slot->sector, &slot->service, &slot->gp);
	/* service points into the cache, valid while its generation lasts */
	if (slot->service_text)
		pfree(slot->service_text);
	slot->service_text = slot->service
		? (text *) MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARHDRSZ + strlen(slot->service)) : NULL;
	if (slot->service_text)
	{
		SET_VARSIZE(slot->service_text, VARHDRSZ + strlen(slot->service));
		memcpy(VARDATA(slot->service_text), slot->service, strlen(slot->service));
	}
	slot->len = -1;
	if (len < NAMEDATALEN)
	{
		memcpy(slot->name, s, len);
		slot->len = len;
		ref->next = (ref->next + 1) % ATTENDEE_SLOTS;
	}
	return slot;
}

/* The label of a participation value, through ref's few slots. */
int
attendee_took_part(AttendeeRef *ref, text *took_part)
{
	int			tlen = VARSIZE_ANY_EXHDR(took_part);
	int			label;
	int			i;

	for (i = 0; i < (int) lengthof(ref->took_part); i++)
		if (ref->took_part[i].label && ref->took_part[i].len == tlen &&
			memcmp(ref->took_part[i].text, VARDATA_ANY(took_part), tlen) == 0)
			return ref->took_part[i].label;
	label = label_parse(&participation_labels_set, VARDATA_ANY(took_part), tlen, NULL);
	i = ref->next_took_part;
	if (tlen < NAMEDATALEN)
	{
		memcpy(ref->took_part[i].text, VARDATA_ANY(took_part), tlen);
		ref->took_part[i].len = tlen;
		ref->took_part[i].label = label;
		ref->next_took_part = (i + 1) % lengthof(ref->took_part);
	}
	return label;
}

/*
 * attendee(agency, took_part, direct_contact, contributed_s47, child,
 * child_born) -> cpconf.attendance.  agency and took_part are required.
 */
Datum
cpconf_attendee(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	AttendeeRef *ref = attendee_ref(fcinfo);
	Datum		values[9];
	bool		nulls[9] = {false};
	const AgencySlot *agency;

	/* no attendance (a LEFT JOIN's empty side): no row, which quoracy skips */
	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("attendee needs an agency"),
				 errdetail("Quoracy counts the agencies that attended (rule Q-MIN)."),
				 errhint("Pass the agency or role as the council records it, or a sector.")));
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("attendee \"%s\" needs took_part", text_to_cstring(PG_GETARG_TEXT_PP(0))),
				 errdetail("Only agencies that attended count towards the quorum (rule Q-MIN)."),
				 errhint("Pass attended, report or absent.")));

	agency = attendee_agency(fcinfo, ref, c, PG_GETARG_TEXT_PP(0));
	values[5] = attendee_took_part(ref, PG_GETARG_TEXT_PP(1));
	values[5] = CharGetDatum((char) values[5]);

	nulls[0] = PG_ARGISNULL(4);
	values[0] = nulls[0] ? (Datum) 0 : PG_GETARG_DATUM(4);	/* child */
	values[1] = PG_GETARG_DATUM(0);	/* agency */
	values[2] = CharGetDatum((char) agency->sector);
	nulls[3] = agency->service == NULL;
	values[3] = agency->service_text ? PointerGetDatum(agency->service_text) : (Datum) 0;
	values[4] = BoolGetDatum(agency->gp);
	nulls[6] = PG_ARGISNULL(2);
	values[6] = nulls[6] ? (Datum) 0 : PG_GETARG_DATUM(2);
	nulls[7] = PG_ARGISNULL(3);
	values[7] = nulls[7] ? (Datum) 0 : PG_GETARG_DATUM(3);
	nulls[8] = PG_ARGISNULL(5);
	values[8] = nulls[8] ? (Datum) 0 : PG_GETARG_DATUM(5);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(ref->tupdesc, values, nulls)));
}

/* ---- the decision aggregate (D-DECIDE) ---- */

/*
 * One agency's view.  An agency is identified as attendee() resolves it:
 * a council's agency row, whatever the spelling, or a sector's name.
 */
typedef struct View
{
	const char *agency;			/* as its row named it */
	const char *identity;		/* the row's folded name, or the sector's */
	int			view;
} View;

typedef struct DecisionState
{
	int			n;
	int			size;
	View	   *views;
	int			chair;			/* 0: not given */
	bool		have_conference;
	DateADT		conference;
	text	   *profile;
	bool		have_profile;
} DecisionState;

/* Two views of one agency ("Police", " police", "CSC" and social_care, ...)? */
static inline bool
same_agency(const View *a, const View *b)
{
	return strcmp(a->identity, b->identity) == 0;
}

PG_FUNCTION_INFO_V1(cpconf_decision_step);
PG_FUNCTION_INFO_V1(cpconf_decision_final);

static int
parse_view(text *t)
{
	return label_parse(&plan_view_labels, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL);
}

/* decision_step(state, agency, view, chair_view, conference, profile) */
Datum
cpconf_decision_step(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	DecisionState *st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "decision_step called in non-aggregate context");
	st = PG_ARGISNULL(0) ? NULL : (DecisionState *) PG_GETARG_POINTER(0);
	if (st == NULL)
		st = MemoryContextAllocZero(aggcxt, sizeof(DecisionState));

	if (!PG_ARGISNULL(3))
	{
		int			chair = parse_view(PG_GETARG_TEXT_PP(3));

		if (st->chair != 0 && st->chair != chair)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the chair's view differs between rows of one conference"),
					 errdetail("The chair has one view on the need for a plan (rule D-DECIDE)."),
					 errhint("Pass the chair's view on every row of the conference, or NULL on all.")));
		st->chair = chair;
	}
	if (!PG_ARGISNULL(4))
	{
		DateADT		conference = PG_GETARG_DATEADT(4);

		cpconf_check_finite(conference, "conference",
							"The conference date picks the decision rule in force (rule D-DECIDE).");
		if (st->have_conference && st->conference != conference)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("decision of one conference got two conference dates, %s and %s",
							cpconf_format_day(st->conference), cpconf_format_day(conference)),
					 errdetail("The aggregate decides one conference (rule D-DECIDE) under the rules of its date."),
					 errhint("GROUP BY the conference, and pass its date.")));
		st->conference = conference;
		st->have_conference = true;
	}
	if (!st->have_profile)
	{
		if (!PG_ARGISNULL(5))
		{
			text	   *t = PG_GETARG_TEXT_PP(5);

			st->profile = MemoryContextAlloc(aggcxt, VARSIZE_ANY(t));
			memcpy(st->profile, t, VARSIZE_ANY(t));
		}
		st->have_profile = true;
	}
	else if ((st->profile == NULL) != PG_ARGISNULL(5) ||
			 (st->profile && !(VARSIZE_ANY_EXHDR(st->profile) == VARSIZE_ANY_EXHDR(PG_GETARG_TEXT_PP(5)) &&
							   memcmp(VARDATA_ANY(st->profile), VARDATA_ANY(PG_GETARG_TEXT_PP(5)),
									  VARSIZE_ANY_EXHDR(st->profile)) == 0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("decision of one conference got two profiles"),
				 errdetail("The aggregate decides one conference under one partnership's rule D-DECIDE."),
				 errhint("GROUP BY the conference, and pass one profile for it.")));

	if (PG_ARGISNULL(1) && PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an agency's view needs both the agency and the view"),
				 errdetail("The decision counts each agency's view on the need for a plan (rule D-DECIDE)."),
				 errhint("Pass the agency and plan, no_plan or abstain; leave out agencies that gave no view.")));
	if (st->n == st->size)
	{
		st->size = st->size ? st->size * 2 : 8;
		st->views = st->views ? repalloc(st->views, st->size * sizeof(View))
			: MemoryContextAlloc(aggcxt, st->size * sizeof(View));
	}
	{
		View	   *v = &st->views[st->n];
		const char *service;
		bool		gp;
		int			sector;

		v->identity = MemoryContextStrdup(aggcxt, resolve_agency(conference_cache(), PG_GETARG_TEXT_PP(1),
																 &sector, &service, &gp));
		v->agency = MemoryContextStrdup(aggcxt, text_to_cstring(PG_GETARG_TEXT_PP(1)));
		v->view = parse_view(PG_GETARG_TEXT_PP(2));
	}
	st->n++;
	PG_RETURN_POINTER(st);
}

/*
 * The decision: plan, no_plan or NULL (when the chair's view is needed and
 * not given, or an agency gave two views), how it was reached, the votes,
 * the dissenting agencies (whose view differs from the decision, to be
 * minuted, D-DISSENT) and whether the chair dissents from a majority.
 */
Datum
cpconf_decision_final(PG_FUNCTION_ARGS)
{
	DecisionState *st = PG_ARGISNULL(0) ? NULL : (DecisionState *) PG_GETARG_POINTER(0);
	ConferenceCache *c = conference_cache();
	const ConferenceRule *rule;
	Datum		values[8];
	bool		nulls[8] = {false};
	int			plan = 0,
				no_plan = 0,
				abstain = 0;
	int			decision = 0;
	const char *how = NULL;
	bool		chair_dissents;
	StringInfoData reason;
	ArrayBuildState *dissent;
	int			p;

	/*
	 * No agency's view (an empty group or window frame, a LEFT JOIN with no
	 * views): no decision, as quoracy gives no verdict without attendance.
	 */
	if (st == NULL || st->n == 0)
	{
		memset(nulls, 0, sizeof(nulls));
		nulls[0] = nulls[1] = true;
		values[2] = values[3] = values[4] = Int32GetDatum(0);
		values[5] = PointerGetDatum(construct_empty_array(TEXTOID));
		values[6] = BoolGetDatum(false);
		values[7] = CStringGetTextDatum("no agency's view is recorded for this conference (rule D-DECIDE needs them)");
		PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cpconf_result_row_type(fcinfo, &decision_result_shape),
														   values, nulls)));
	}
	if (!st->have_conference)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the conference date is needed to decide"),
				 errdetail("The date picks the decision rule in force (rule D-DECIDE)."),
				 errhint("Pass the conference date on every row.")));
	p = profiles_lookup_arg(&c->profiles, st->profile);
	rule = conference_rule(c, p, st->conference, "conference");
	initStringInfo(&reason);

	/* one view per agency: repeats must agree */
	for (int i = 0; i < st->n; i++)
	{
		bool		repeat = false;

		for (int j = 0; j < i && !repeat; j++)
			if (same_agency(&st->views[j], &st->views[i]))
			{
				repeat = true;
				if (st->views[j].view != st->views[i].view)
					appendStringInfo(&reason, "%s%s gave two views", reason.len ? "; " : "",
									 st->views[i].agency);
			}
		if (repeat)
			continue;
		plan += st->views[i].view == VIEW_PLAN;
		no_plan += st->views[i].view == VIEW_NO_PLAN;
		abstain += st->views[i].view == VIEW_ABSTAIN;
	}

	if (reason.len)
		;						/* an agency gave two views: no decision */
	else if (rule->decision == DECIDE_MAJORITY)
	{
		if (plan != no_plan)
		{
			decision = plan > no_plan ? VIEW_PLAN : VIEW_NO_PLAN;
			how = "majority";
		}
		else if (st->chair == VIEW_PLAN || st->chair == VIEW_NO_PLAN)
		{
			decision = st->chair;
			how = "chair's casting vote";
		}
		else
			appendStringInfo(&reason, "the agencies are split %d to %d: the chair's casting vote decides", plan, no_plan);
	}
	else if (rule->decision == DECIDE_AGENCIES_THEN_CHAIR)
	{
		if (plan > 0 && no_plan == 0)
			decision = VIEW_PLAN, how = "agencies";
		else if (no_plan > 0 && plan == 0)
			decision = VIEW_NO_PLAN, how = "agencies";
		else if (st->chair == VIEW_PLAN || st->chair == VIEW_NO_PLAN)
			decision = st->chair, how = "chair on a split";
		else
			appendStringInfo(&reason, "the agencies are split %d to %d: the chair decides and records the rationale", plan, no_plan);
	}
	else
	{
		if (st->chair == VIEW_PLAN || st->chair == VIEW_NO_PLAN)
		{
			decision = st->chair;
			how = (decision == VIEW_PLAN ? no_plan : plan) == 0 ? "chair, with consensus" : "chair";
		}
		else
			appendStringInfoString(&reason, "the chair decides, after seeking consensus: the chair's view is needed");
	}

	dissent = initArrayResult(TEXTOID, CurrentMemoryContext, true);
	for (int i = 0; i < st->n && decision; i++)
	{
		bool		repeat = false;

		for (int j = 0; j < i && !repeat; j++)
			repeat = same_agency(&st->views[j], &st->views[i]);
		if (!repeat && st->views[i].view != VIEW_ABSTAIN && st->views[i].view != decision)
			accumArrayResult(dissent, CStringGetTextDatum(st->views[i].agency), false, TEXTOID,
							 CurrentMemoryContext);
	}

	if (decision)
		appendStringInfo(&reason, "%s, decided by the %s: %d for a plan, %d against, %d abstaining",
						 decision == VIEW_PLAN ? "a child protection plan" : "no child protection plan",
						 how, plan, no_plan, abstain);
	chair_dissents = decision && rule->decision == DECIDE_MAJORITY && st->chair &&
		st->chair != VIEW_ABSTAIN && st->chair != decision;
	if (chair_dissents)
		appendStringInfoString(&reason, "; the majority stands and the chair's concerns are minuted");
	appendStringInfo(&reason, " (rule D-DECIDE, profile %s: %s)", c->profiles.names[p],
					 rule->decision == DECIDE_MAJORITY ? "a multi-agency majority, the chair's casting vote on a tie"
					 : rule->decision == DECIDE_AGENCIES_THEN_CHAIR ? "the agencies decide, the chair only on a split"
					 : "the chair decides after seeking consensus");

	nulls[0] = decision == 0;
	values[0] = decision ? CStringGetTextDatum(label_name(&plan_view_labels, decision)) : (Datum) 0;
	nulls[1] = how == NULL;
	values[1] = how ? CStringGetTextDatum(how) : (Datum) 0;
	values[2] = Int32GetDatum(plan);
	values[3] = Int32GetDatum(no_plan);
	values[4] = Int32GetDatum(abstain);
	values[5] = makeArrayResult(dissent, CurrentMemoryContext);
	values[6] = BoolGetDatum(chair_dissents);
	values[7] = CStringGetTextDatum(reason.data);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cpconf_result_row_type(fcinfo, &decision_result_shape),
													   values, nulls)));
}

/* ---- conference_rules(): the rule row in force, for the SQL checks ---- */

PG_FUNCTION_INFO_V1(cpconf_conference_rules);

/*
 * conference_rules(profile, as_of): the cpconf.conference_rule row in force
 * for the profile (NULL: the setting) on as_of (NULL: today), inherited.
 */
Datum
cpconf_conference_rules(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	text	   *profile = PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0);
	DateADT		day = PG_ARGISNULL(1) ? GetSQLCurrentDate() : PG_GETARG_DATEADT(1);
	int			p;

	PG_RETURN_DATUM(rule_table_row(&conference_rule_on(c, profile, day, "as_of", &p)->head));
}

/* ---- check_categories() (D-CATEGORY) ---- */

PG_FUNCTION_INFO_V1(cpconf_check_categories);

/*
 * check_categories(categories, profile, each_meets_threshold,
 * risk_otherwise_underestimated, substantial_emotional_concern, as_of,
 * chair_decided):
 * every problem with a plan's categories of abuse, as findings.
 */
Datum
cpconf_check_categories(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	const ConferenceRule *r;
	Findings	f;
	uint32		mask = 0;
	int			n;
	bool		unitemised;
	const char *several;
	const char *profile;
	bool		threshold_null = PG_ARGISNULL(2),
				risk_null = PG_ARGISNULL(3),
				concern_null = PG_ARGISNULL(4);
	int			p;

	r = conference_rule_on(c, PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1),
						   PG_ARGISNULL(5) ? GetSQLCurrentDate() : PG_GETARG_DATEADT(5), "as_of", &p);
	profile = conference_rule_profile(c, r);
	findings_begin(&f, fcinfo);
	f.profile = c->profiles.names[p];
	if (!PG_ARGISNULL(0))
		mask = label_array_mask(&abuse_category_labels, PG_GETARG_ARRAYTYPE_P(0), NULL);
	/* MUL is several categories, not itemised: counted as at least two */
	unitemised = (mask & LABEL_BIT(CATEGORY_MULTIPLE)) != 0;
	n = pg_popcount32(mask & ~LABEL_BIT(CATEGORY_MULTIPLE));
	if (unitemised)
		n = Max(n, 2);
	several = unitemised ? "several categories (MUL, not itemised)" : psprintf("%d categories", n);

	if (n == 0)
	{
		finding(&f, "D-CATEGORY", SEVERITY_VIOLATION, "the plan names no category of abuse",
				"The chair determines the category: physical, emotional, sexual or neglect.");
		return (Datum) 0;
	}
	if (n > 1 && r->multiple_categories == CATEGORIES_NEVER)
		finding(&f, "D-CATEGORY", SEVERITY_VIOLATION,
				psprintf("%s are not used under profile %s", several, profile),
				"Choose the category of the primary presenting concern and record the others as other significant concerns.");
	else if (n > 1 && r->multiple_categories == CATEGORIES_JUSTIFIED)
	{
		if (threshold_null || risk_null)
			finding(&f, "D-CATEGORY", SEVERITY_NOT_RECORDED,
					psprintf("%s need two facts under profile %s that are not recorded: "
							 "whether each reaches the threshold and whether a risk would otherwise be underestimated",
							 several, profile),
					"Record both facts (each_meets_threshold, risk_otherwise_underestimated), or use one category.");
		else if (!(PG_GETARG_BOOL(2) && PG_GETARG_BOOL(3)))
			finding(&f, "D-CATEGORY", SEVERITY_VIOLATION,
					psprintf("%s are used only when each reaches the threshold and a specific risk "
							 "would otherwise be underestimated (profile %s)", several, profile),
					"Use the category of the primary presenting concern only.");
	}
	else if (n > 1 && r->multiple_categories == CATEGORIES_BY_CONSENSUS)
	{
		int			chair = PG_NARGS() > 6 ? cpconf_fact_arg(fcinfo, 6) : -1;

		if (chair != 0)
			finding(&f, "D-CATEGORY", chair == -1 ? SEVERITY_NOT_RECORDED : SEVERITY_VIOLATION,
					chair == -1
					? psprintf("%s stand under profile %s only if the agencies agreed them: whether the chair "
							   "decided the category is not recorded", several, profile)
					: psprintf("%s were decided by the chair, who determines a single category when the agencies "
							   "cannot agree (profile %s)", several, profile),
					chair == -1 ? "Record chair_decided."
					: "Record the single category of the primary presenting concern.");
	}
	else if (n > 1 && r->multiple_categories == CATEGORIES_NOT_ALL_EVENTUALITIES)
	{
		if (threshold_null)
			finding(&f, "D-CATEGORY", SEVERITY_NOT_RECORDED,
					psprintf("%s need a fact under profile %s that is not recorded: whether each reaches the "
							 "threshold (several are not used to cover all eventualities)", several, profile),
					"Record each_meets_threshold, or use one category and record the others as other significant concerns.");
		else if (!PG_GETARG_BOOL(2))
			finding(&f, "D-CATEGORY", SEVERITY_VIOLATION,
					psprintf("%s are used only when each reaches the threshold, not to cover all eventualities "
							 "(profile %s)", several, profile),
					"Choose the category of the primary presenting concern and record the others as other significant concerns.");
	}
	if (n > 1 && r->emotional_second_needs_concern && (mask & LABEL_BIT(CATEGORY_EMOTIONAL)) &&
		r->multiple_categories != CATEGORIES_NEVER)
	{
		if (concern_null)
			finding(&f, "D-CATEGORY", SEVERITY_NOT_RECORDED,
					psprintf("emotional abuse alongside another category needs substantial concern under profile %s, "
							 "which is not recorded", profile),
					"Record substantial_emotional_concern, or leave emotional abuse out.");
		else if (!PG_GETARG_BOOL(4))
			finding(&f, "D-CATEGORY", SEVERITY_VIOLATION,
					psprintf("emotional abuse is used as a second category only if substantial concern is indicated "
							 "(profile %s)", profile),
					"Leave emotional abuse out, or record the substantial concern.");
	}
	else if (unitemised && r->emotional_second_needs_concern && r->multiple_categories != CATEGORIES_NEVER &&
			 (concern_null || !PG_GETARG_BOOL(4)))
		finding(&f, "D-CATEGORY", SEVERITY_NOT_RECORDED,
				psprintf("the categories are not itemised (MUL): whether emotional abuse is among them, which needs "
						 "substantial concern under profile %s, is not recorded", profile),
				"Record the categories themselves, or substantial_emotional_concern.");
	return (Datum) 0;
}

/* ---- inquorate_conference() (Q-PROCEED, Q-CANCEL, T-INQUORATE) ---- */

PG_FUNCTION_INFO_V1(cpconf_inquorate_conference);

/* The grounds a profile's Q-PROCEED may name, in argument order (1..5). */
static const char *const proceed_grounds[] = {
	"sufficient_information", "delay_harmful", "no_contact_with_3_agencies",
	"social_care_and_one_agency", "local_difficulties"
};

static const RowShape inquorate_shape = {
	"inquorate_conference's result", 4, {BOOLOID, TEXTOID, TEXTARRAYOID, DATEOID}
};

/* A call site's memory: the result row type and the deadlines it resolved. */
typedef struct InquorateRef
{
	TupleDesc	tupdesc;
	DeadlineRef *deadlines;
} InquorateRef;

/* The recorded value of a ground (-1: not recorded, or not a ground cpconf knows). */
static int
ground_fact(FunctionCallInfo fcinfo, const char *ground)
{
	int			i = cpconf_name_index(proceed_grounds, lengthof(proceed_grounds), ground, -1);

	return i < 0 ? -1 : cpconf_fact_arg(fcinfo, 2 + i);
}

static void
append_list(StringInfo buf, const char *sep, const char *prefix, const char **items, int n)
{
	for (int i = 0; i < n; i++)
		appendStringInfo(buf, "%s%s%s", buf->len ? sep : "", prefix, items[i]);
}

static Datum
text_array(const char **items, int n)
{
	Datum	   *d = palloc((n + 1) * sizeof(Datum));

	for (int i = 0; i < n; i++)
		d[i] = CStringGetTextDatum(items[i]);
	return PointerGetDatum(construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * inquorate_conference(conference, profile, sufficient_information,
 * delay_harmful, no_contact_with_3_agencies, social_care_and_one_agency,
 * local_difficulties, kind) -> (may_proceed, reason, must_follow, new_date_due):
 * whether the chair may hold an inquorate conference, NULL when it turns
 * on a ground not recorded; what must follow; when one not held is due
 * again (T-INQUORATE of the profile named).
 */
Datum
cpconf_inquorate_conference(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	InquorateRef *ref = (InquorateRef *) fcinfo->flinfo->fn_extra;
	text	   *profile_arg = PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1);
	const ConferenceRule *r;
	const char *rule_profile;
	const char **missing,
			  **unknown;
	int			nmissing = 0,
				nunknown = 0,
				p;
	bool		any_ok,
				any_unknown = false;
	int			may_proceed;	/* -1: not known */
	StringInfoData reason;
	Datum		values[4];
	bool		nulls[4] = {false, false, true, true};
	DateADT		conference;
	ConferenceKind kind;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the conference date is needed"),
				 errdetail("It picks the rules in force (Q-PROCEED) and the new date (T-INQUORATE)."),
				 errhint("Pass conference.")));
	if (ref == NULL)
	{
		ref = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(InquorateRef));
		ref->tupdesc = cpconf_blessed_result_type(fcinfo, &inquorate_shape);
		ref->deadlines = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = ref;
	}
	conference = PG_GETARG_DATEADT(0);
	kind = PG_NARGS() > 7 ? conference_kind_arg(fcinfo, 7) : KIND_NOT_RECORDED;
	r = conference_rule_on(c, profile_arg, conference, "conference", &p);
	rule_profile = conference_rule_profile(c, r);
	if (!r->proceed_rule)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("profile \"%s\" has no rule for holding an inquorate conference", rule_profile),
				 errdetail("Rule Q-PROCEED is stated by staffordshire, derby, derbyshire and darlington; this profile's procedure leaves it to the chair."),
				 errhint("Use a profile that states it, or add conference rules with proceed_requires for your own profile.")));

	missing = palloc((r->nproceed_requires + 1) * sizeof(char *));
	unknown = palloc((r->nproceed_requires + 2) * sizeof(char *));
	for (int i = 0; i < r->nproceed_requires; i++)
	{
		int			fact = ground_fact(fcinfo, r->proceed_requires[i]);

		if (fact < 0)
			unknown[nunknown++] = r->proceed_requires[i];
		else if (fact == 0)
			missing[nmissing++] = r->proceed_requires[i];
	}
	any_ok = r->nproceed_any_of == 0;
	for (int i = 0; i < r->nproceed_any_of; i++)
	{
		int			fact = ground_fact(fcinfo, r->proceed_any_of[i]);

		any_ok |= fact == 1;
		any_unknown |= fact < 0;
	}

	initStringInfo(&reason);
	if (nmissing > 0 || (!any_ok && !any_unknown))
	{
		may_proceed = 0;
		appendStringInfoString(&reason, "the conference is not held: ");
		if (nmissing > 0)
		{
			StringInfoData list;

			initStringInfo(&list);
			append_list(&list, ", ", "not ", missing, nmissing);
			appendStringInfoString(&reason, list.data);
		}
		else
		{
			StringInfoData list;

			initStringInfo(&list);
			append_list(&list, ", ", "", r->proceed_any_of, r->nproceed_any_of);
			appendStringInfo(&reason, "none of %s", list.data);
		}
	}
	else if (nunknown > 0 || !any_ok)
	{
		StringInfoData list;

		may_proceed = -1;
		initStringInfo(&list);
		append_list(&list, ", ", "", unknown, nunknown);
		if (!any_ok)
		{
			StringInfoData any;

			initStringInfo(&any);
			append_list(&any, ", ", "", r->proceed_any_of, r->nproceed_any_of);
			appendStringInfo(&list, "%sone of %s", list.len ? ", " : "", any.data);
		}
		appendStringInfo(&reason, "not recorded: %s", list.data);
	}
	else
	{
		StringInfoData list;

		may_proceed = 1;
		initStringInfo(&list);
		append_list(&list, ", ", "", r->proceed_requires, r->nproceed_requires);
		appendStringInfo(&reason, "the chair may hold it: %s", list.data);
	}
	appendStringInfo(&reason, " (rule Q-PROCEED, profile %s)", rule_profile);

	nulls[0] = may_proceed < 0;
	values[0] = BoolGetDatum(may_proceed == 1);
	if (may_proceed == 1)
	{
		const char **follow = palloc((r->nproceed_then + 2) * sizeof(char *));
		int			n = 0;

		for (int i = 0; i < r->nproceed_then; i++)
			follow[n++] = r->proceed_then[i];
		if (!PG_ARGISNULL(6) && PG_GETARG_BOOL(6))
			follow[n++] = "report_local_difficulties";
		nulls[2] = false;
		values[2] = text_array(follow, n);
	}
	else if (may_proceed == 0)
	{
		DateADT		due;

		nulls[2] = r->cancel_then_null;
		values[2] = nulls[2] ? (Datum) 0 : text_array(r->cancel_then, r->ncancel_then);
		/*
		 * The profile named: a council's own T-INQUORATE counts.  Where the
		 * new date is for an initial conference only (staffordshire), a
		 * review has none, and a kind not recorded gives none, said so.
		 */
		if (r->reconvene_initial_only && !KIND_IS_INITIAL(kind))
			appendStringInfo(&reason, kind == KIND_NOT_RECORDED
							 ? "; the new date (rule T-INQUORATE) is set for an initial conference only, and the kind of "
							 "conference is not recorded"
							 : "; profile %s sets no new date (rule T-INQUORATE) for a conference that is not an initial "
							 "conference", rule_profile);
		else if (timescale_deadline(ref->deadlines, "T-INQUORATE", c->profiles.names[p],
									NAMED_DAY(conference, "conference"), NAMED_DAY(conference, "conference"), true, &due))
		{
			nulls[3] = false;
			values[3] = DateADTGetDatum(due);
		}
	}
	values[1] = CStringGetTextDatum(reason.data);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(ref->tupdesc, values, nulls)));
}

/* ---- check_participation() (P-CHILD-AGE, P-PARENTS, P-EXCLUSION, Q-VIEWS, Q-REPORT) ---- */

PG_FUNCTION_INFO_V1(cpconf_check_participation);

/* The arguments of check_participation(), in order. */
enum
{
	P_CONFERENCE, P_PROFILE, P_KIND, P_CHILD_BORN, P_CHILD_INVITED, P_CHILD_NOT_INVITED_REASON,
	P_CHILD_TOLD_OF_ADVOCACY, P_PARENTS_INVITED, P_PARENTS_EXCLUDED, P_EXCLUSION_BY_CHAIR,
	P_EXCLUSION_GROUNDS_RECORDED, P_CHILD_VIEWS, P_PARENTS_VIEWS, P_ABSENT_WITHOUT_REPORT
};

/* A yes/no fact: 1, 0, or -1 not recorded. */
#define FACT(n) cpconf_fact_arg(fcinfo, (n))

/*
 * On day, is a child born on born past the birthday (older, as Q-GP's "over
 * 5") or on or past it?  1, 0; -1 born not known.  29 February's birthday
 * in a common year is the 28th.
 */
int
age_reached(bool known, DateADT born, int years, DateADT day, bool strictly_older)
{
	int64		birthday;

	if (!known)
		return -1;
	birthday = cpconf_add_months(born, (int64) years * 12);
	return strictly_older ? day > birthday : day >= birthday;
}

/* A fact a rule needs: a finding unless it is yes. */
static void
need(Findings *f, int fact, const char *rule, const char *unrecorded, const char *broken, const char *remedy)
{
	if (fact != 1)
		finding(f, rule, SEVERITY_IF_NULL(fact == -1), fact == -1 ? unrecorded : broken, remedy);
}

/*
 * check_participation(conference, profile, kind, child_born, child_invited,
 * child_not_invited_reason, child_told_of_advocacy, parents_invited,
 * parents_excluded, exclusion_decided_by_chair, exclusion_grounds_recorded,
 * child_views, parents_views, agencies_absent_without_report): who took part
 * in a conference, against the profile's rules, as findings.
 */
Datum
cpconf_check_participation(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	const ConferenceRule *r;
	const char *profile;
	Findings	f;
	DateADT		conference,
				born = 0;
	bool		born_known = !PG_ARGISNULL(P_CHILD_BORN);
	bool		unborn;
	int			p;

	if (PG_ARGISNULL(P_CONFERENCE))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the conference date is needed to check who took part"),
				 errdetail("It picks the rules in force (P-CHILD-AGE and the rules after it) and the child's age."),
				 errhint("Pass conference.")));
	conference = PG_GETARG_DATEADT(P_CONFERENCE);
	cpconf_check_day(conference, "conference");
	(void) conference_kind_arg(fcinfo, P_KIND);	/* checked; the child's date of birth tells an unborn child */
	r = conference_rule_on(c, PG_ARGISNULL(P_PROFILE) ? NULL : PG_GETARG_TEXT_PP(P_PROFILE), conference,
						   "conference", &p);
	profile = conference_rule_profile(c, r);
	if (born_known)
	{
		born = PG_GETARG_DATEADT(P_CHILD_BORN);
		cpconf_check_finite(born, "child_born", "The child's age decides whether the child is invited (P-CHILD-AGE).");
		if (born > conference)
			cpconf_check_day(born, "child_born");	/* an expected delivery: a day of the calendars */
		if (conference >= cpconf_add_months(born, 18 * 12))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the child, born %s, is 18 or over at the conference on %s",
							cpconf_format_day(born), cpconf_format_day(conference)),
					 errdetail("A child protection conference is about a child under 18 (rule P-CHILD-AGE)."),
					 errhint("Check the date of birth.")));
	}
	if (!PG_ARGISNULL(P_ABSENT_WITHOUT_REPORT) && PG_GETARG_INT32(P_ABSENT_WITHOUT_REPORT) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("agencies_absent_without_report is %d", PG_GETARG_INT32(P_ABSENT_WITHOUT_REPORT)),
				 errdetail("Rule Q-REPORT counts the invited agencies that neither attended nor sent a written report."),
				 errhint("Pass 0 or more, or NULL if not recorded.")));
	/*
	 * A child not yet born (born after the conference: an unborn child's
	 * expected date of delivery) is not invited, nor asked for views; a
	 * pre-birth conference may include the household's born children.
	 */
	unborn = born_known && born > conference;
	findings_begin(&f, fcinfo);
	f.profile = c->profiles.names[p];

	/* P-CHILD-AGE: the child invited, or offered the chance, from an age */
	if (r->child_participation != CHILD_PARTICIPATION_NONE && !unborn)
	{
		bool		over = r->child_participation == CHILD_INVITED_OVER;
		int			age = r->child_participation_age;
		int			reached = age_reached(born_known, born, age, conference, over);
		int			invited = FACT(P_CHILD_INVITED);
		int			reason = FACT(P_CHILD_NOT_INVITED_REASON);
		bool		considered = r->child_participation == CHILD_CONSIDERED_FROM;
		const char *who = over ? psprintf("a child older than %d", age) : psprintf("a child of %d or more", age);
		const char *rule = over
			? psprintf("%s is invited unless the social worker and the chair agree it is not in the child's best interest (profile %s)",
					   who, profile)
			: considered
			? psprintf("%s is considered individually for taking part, and told what the conference is so that the child's wish can be known (profile %s)",
					   who, profile)
			: psprintf("%s is offered the chance to take part unless the presumption is rebutted or the child declines (profile %s)",
					   who, profile);

		if (invited != 1 && reached != 0 && !(invited == 0 && reason == 1))
		{
			if (reached == -1)
				finding(&f, "P-CHILD-AGE", SEVERITY_NOT_RECORDED,
						psprintf("not recorded: the child's date of birth, which decides whether %s", rule),
						"Record child_born, and whether the child was invited (child_invited).");
			else if (invited == -1)
				finding(&f, "P-CHILD-AGE", SEVERITY_NOT_RECORDED,
						psprintf("not recorded: whether the child was invited; %s", rule),
						"Record child_invited.");
			else
				need(&f, reason, "P-CHILD-AGE",
					 psprintf("the child was not invited and the reason is not recorded; %s", rule),
					 psprintf("the child was not invited without a reason the procedure allows; %s", rule),
					 over ? "Invite the child, or record the social worker's and chair's agreement (child_not_invited_reason)."
					 : considered ? "Consider the child's taking part, and record why the child was not invited (child_not_invited_reason)."
					 : "Offer the child the chance to take part, or record why not (child_not_invited_reason).");
		}
	}
	/* P-CHILD-AGE: told of the right to advocacy (staffordshire) */
	if (r->advocacy_over_age >= 0 && !unborn &&
		age_reached(born_known, born, r->advocacy_over_age, conference, true) != 0)
		need(&f, born_known ? FACT(P_CHILD_TOLD_OF_ADVOCACY) : (FACT(P_CHILD_TOLD_OF_ADVOCACY) == 1 ? 1 : -1),
			 "P-CHILD-AGE",
			 psprintf("not recorded: whether the child%s was told of the right to advocacy, as a child older than %d is "
					  "(profile %s)", born_known ? "" : " (date of birth not recorded)", r->advocacy_over_age, profile),
			 psprintf("the child was not told of the right to advocacy, as a child older than %d is (profile %s)",
					  r->advocacy_over_age, profile),
			 "Tell the child of the right to advocacy, and record it (child_told_of_advocacy).");

	/* P-PARENTS: invited unless excluded */
	{
		int			invited = FACT(P_PARENTS_INVITED);
		int			excluded = FACT(P_PARENTS_EXCLUDED);

		if (invited == -1)
			finding(&f, "P-PARENTS", SEVERITY_NOT_RECORDED, "not recorded: whether the parents were invited",
					"Record parents_invited.");
		else if (invited == 0)
			need(&f, excluded, "P-PARENTS",
				 "the parents were not invited, and it is not recorded that they were excluded",
				 "the parents were not invited, and were not excluded",
				 "Invite the parents, or record their exclusion by the chair.");
	}

	/* P-EXCLUSION: the chair's decision, recorded with its own grounds */
	if (r->exclusion_by_chair && FACT(P_PARENTS_EXCLUDED) == 1)
		need(&f, FACT(P_EXCLUSION_BY_CHAIR), "P-EXCLUSION",
			 psprintf("not recorded: whether the chair decided the exclusion, which is the chair's decision (profile %s)",
					  profile),
			 psprintf("the exclusion was not decided by the chair, whose decision it is (profile %s)", profile),
			 "Refer the exclusion to the chair.");
	if (r->exclusion_recorded && FACT(P_PARENTS_EXCLUDED) == 1)
		need(&f, FACT(P_EXCLUSION_GROUNDS_RECORDED), "P-EXCLUSION",
			 psprintf("not recorded: whether the exclusion is recorded with its grounds at this conference (profile %s)",
					  profile),
			 psprintf("the exclusion is not recorded with grounds of this conference's own; an exclusion at an earlier "
					  "conference is not reason enough (profile %s)", profile),
			 "Record the grounds for the exclusion in the conference record.");

	/* Q-VIEWS: not without the child's and the parents' views */
	if (r->views_required)
	{
		if (!unborn)
			need(&f, FACT(P_CHILD_VIEWS), "Q-VIEWS",
				 psprintf("not recorded: whether the child's views were before the conference, without which it does "
						  "not go ahead (profile %s)", profile),
				 psprintf("the conference went ahead without the child's views (profile %s)", profile),
				 "Obtain the child's views, in person, in writing or through an advocate; a baby's or young child's as the "
				 "practitioners who know the child represent them.");
		need(&f, FACT(P_PARENTS_VIEWS), "Q-VIEWS",
			 psprintf("not recorded: whether the parents' views were before the conference, without which it does not "
					  "go ahead (profile %s)", profile),
			 psprintf("the conference went ahead without the parents' views (profile %s)", profile),
			 "Obtain the parents' views, in person, in writing or through an advocate.");
	}

	/* Q-REPORT: an invited agency that cannot attend sends a written report */
	if (PG_ARGISNULL(P_ABSENT_WITHOUT_REPORT))
		finding(&f, "Q-REPORT", SEVERITY_NOT_RECORDED,
				"not recorded: how many invited agencies neither attended nor sent a written report",
				"Record agencies_absent_without_report (0 when every invited agency attended or reported).");
	else if (PG_GETARG_INT32(P_ABSENT_WITHOUT_REPORT) > 0)
	{
		int			n = PG_GETARG_INT32(P_ABSENT_WITHOUT_REPORT);

		finding(&f, "Q-REPORT", SEVERITY_VIOLATION,
				psprintf("%d invited agenc%s neither attended nor sent a written report", n, n == 1 ? "y" : "ies"),
				"An invited agency that cannot attend sends a written report to the chair (and the family).");
	}
	return (Datum) 0;
}

/* ---- check_icpc_timeliness() (T-ICPC) ---- */

PG_FUNCTION_INFO_V1(cpconf_check_icpc_timeliness);

/*
 * check_icpc_timeliness(strategy_discussion, held, profile,
 * delay_reasons_recorded, delay_agreed_in_writing): an initial conference
 * later than T-ICPC, and what the profile requires for a delay.
 */
Datum
cpconf_check_icpc_timeliness(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	DeadlineRef *ref = (DeadlineRef *) fcinfo->flinfo->fn_extra;
	const ConferenceRule *r;
	const char *profile;
	char	   *named;
	Findings	f;
	DateADT		discussion,
				held,
				due;
	int			p;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("checking an initial conference's timeliness needs the strategy discussion and the conference dates"),
				 errdetail("Rule T-ICPC counts from the strategy discussion at which the section 47 enquiry began."),
				 errhint("Pass strategy_discussion and held; a conference not yet held has no timeliness to check.")));
	discussion = PG_GETARG_DATEADT(0);
	held = PG_GETARG_DATEADT(1);
	cpconf_check_day(discussion, "strategy_discussion");
	cpconf_check_day(held, "held");
	if (held < discussion)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the initial conference (%s) is before the strategy discussion (%s)",
						cpconf_format_day(held), cpconf_format_day(discussion)),
				 errdetail("Rule T-ICPC: the initial conference follows the strategy discussion that began the enquiry."),
				 errhint("Check both dates.")));
	if (ref == NULL)
		fcinfo->flinfo->fn_extra = ref = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
	named = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	timescale_deadline(ref, "T-ICPC", named, NAMED_DAY(discussion, "strategy_discussion"),
					   NAMED_DAY(discussion, "strategy_discussion"), false, &due);
	r = conference_rule_on(c, PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2), discussion, "strategy_discussion", &p);
	profile = conference_rule_profile(c, r);
	findings_begin(&f, fcinfo);
	f.profile = c->profiles.names[p];
	if (held <= due)
		return (Datum) 0;

	finding(&f, "T-ICPC", SEVERITY_VIOLATION,
			psprintf("the initial conference on %s is later than %s, its timescale from the strategy discussion on %s",
					 cpconf_format_day(held), cpconf_format_day(due), cpconf_format_day(discussion)),
			r->icpc_delay == ICPC_DELAY_REASONS
			? "Report the delay with its reasons to the child protection manager, and keep the child safe meanwhile."
			: r->icpc_delay == ICPC_DELAY_WRITTEN_AGREEMENT
			? "Obtain the team manager's written agreement to the delay, with its reasons, and monitor the risks meanwhile."
			: "Record the reasons for the delay.");
	if (r->icpc_delay == ICPC_DELAY_REASONS)
		need(&f, FACT(3), "T-ICPC",
			 psprintf("not recorded: whether the delay was reported with its reasons to the child protection manager "
					  "(profile %s)", profile),
			 psprintf("the delay was not reported with its reasons to the child protection manager (profile %s)", profile),
			 "Report the delay and its reasons to the child protection manager.");
	else if (r->icpc_delay == ICPC_DELAY_WRITTEN_AGREEMENT)
		need(&f, FACT(4), "T-ICPC",
			 psprintf("not recorded: whether the team manager agreed the delay in writing, with its reasons (profile %s)",
					  profile),
			 psprintf("the team manager did not agree the delay in writing (profile %s)", profile),
			 "Obtain the team manager's written agreement to the delay, with its reasons.");
	return (Datum) 0;
}

/* ---- check_decision() (D-WRITTEN, D-ALT-PLAN) ---- */

PG_FUNCTION_INFO_V1(cpconf_check_decision);

/*
 * check_decision(conference, decision, profile, continuing_risk,
 * alternative_plan, decision_in_writing): what a conference's decision on
 * a plan requires, as findings.
 */
Datum
cpconf_check_decision(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	const ConferenceRule *r;
	const char *profile;
	Findings	f;
	int			decision,
				p;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("checking a conference's decision needs the conference date and the decision"),
				 errdetail("Rules D-WRITTEN and D-ALT-PLAN turn on the decision, under the rules of the conference's date."),
				 errhint("Pass conference and decision (plan or no_plan).")));
	decision = parse_view(PG_GETARG_TEXT_PP(1));
	if (decision != VIEW_PLAN && decision != VIEW_NO_PLAN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"%s\" is not a decision on a plan", text_to_cstring(PG_GETARG_TEXT_PP(1))),
				 errdetail("A conference decides that the child needs a child protection plan, or not."),
				 errhint("Pass plan or no_plan.")));
	cpconf_check_day(PG_GETARG_DATEADT(0), "conference");
	r = conference_rule_on(c, PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2), PG_GETARG_DATEADT(0), "conference", &p);
	profile = conference_rule_profile(c, r);
	findings_begin(&f, fcinfo);
	f.profile = c->profiles.names[p];

	/* D-ALT-PLAN: a child at continuing risk without a plan needs the alternative plan (sussex) */
	if (decision == VIEW_NO_PLAN && r->alternative_plan && FACT(3) != 0 && FACT(4) != 1)
		need(&f, FACT(3) == 1 ? FACT(4) : -1, "D-ALT-PLAN",
			 FACT(3) == -1
			 ? psprintf("not recorded: whether the child is at continuing risk of significant harm, and if so whether "
						"an alternative multi-agency plan safeguards the child instead of a plan (profile %s)", profile)
			 : psprintf("not recorded: whether an alternative multi-agency plan safeguards the child, at continuing risk "
						"of significant harm, instead of a plan (profile %s)", profile),
			 psprintf("the child is at continuing risk of significant harm with neither a child protection plan nor an "
					  "alternative multi-agency plan the conference is satisfied with (profile %s)", profile),
			 "Make the child subject to a child protection plan, or record the alternative plan (alternative_plan).");

	/* D-WRITTEN: a decision that no plan is needed is put in writing to the parents */
	if (decision == VIEW_NO_PLAN && r->decision_in_writing)
		need(&f, FACT(5), "D-WRITTEN",
			 psprintf("not recorded: whether the decision was put in writing to the parents (profile %s)", profile),
			 psprintf("the decision was not put in writing to the parents (profile %s)", profile),
			 "Write to the parents with the decision, as well as telling them.");
	return (Datum) 0;
}
