/*
 * quoracy.c
 *		The quoracy aggregate (rules Q-MIN, Q-GP): part of the conference
 *		layer.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/typcache.h"

#include "conference.h"

/*
 * The aggregate streams: a conference's state keeps, for each child, which
 * agencies attended and certainly qualify, or might (a fact not recorded),
 * as bitmasks of counting units, never the rows.  A unit is a sector (bits
 * 0-5), or under a profile that counts health services separately, a
 * health service (bits 6-63: the service's number in this conference, so
 * a conference may have 58, and a report any number).  Both ways are kept,
 * as the profile's rule is known only at the end.
 */
#define N_SECTORS 6
#define MAX_SERVICES (64 - N_SECTORS)

typedef struct ChildFacts
{
	/*
	 * units[test][count][level]: test 0 direct contact, 1 s47 contribution;
	 * count 0 by sector, 1 health by service; level 0 certainly qualifies,
	 * 1 possibly (the fact is not recorded) or certainly.
	 */
	uint64		units[2][2][2];
	DateADT		born;			/* DATEVAL_NOEND: not recorded */
	uint16		gp_service[2];	/* per test, the service of the GP's best report */
	int8		gp_report[2];	/* Q-GP, per test: 2 a GP report that qualifies, 1 possibly, 0 none */
	bool		other_health;	/* a health involvement other than the GP */
} ChildFacts;

/* What one call site of quoracy() shares between its groups. */
typedef struct QuoracySite
{
	TupleDesc	tupdesc;		/* of cpconf.attendance */
	HTAB	   *services;		/* the health service names met, each kept once */
	text	   *profile;		/* the profile most groups name */
	struct AttendeeRef *names;	/* the direct form's agency and participation lookups */
} QuoracySite;

/*
 * The first child is kept inline: most conferences have one, and then the
 * state is one allocation of 128 bytes.
 */
typedef struct ExtraChild ExtraChild;

typedef struct QuoracyState
{
	const char **services;		/* the conference's health services by number - 1 */
	text	   *profile;		/* NULL: the setting */
	ChildFacts	first;
	const char *first_name;
	ExtraChild *more;			/* children after the first */
	DateADT		conference;
	int			rows;
	uint8		nchildren;
	uint8		size;			/* of more */
	uint8		nservices;
	int8		kind;			/* ConferenceKind */
	int8		separate;		/* the chair counts health services apart: 1, 0, -1 not recorded */
	bool		too_many_services:1;	/* more than MAX_SERVICES: refused if counted apart */
	bool		social_care:1;	/* children's social care attended */
	bool		have_conference:1;
	bool		have_profile:1;
	bool		have_facts:1;	/* kind and separate read */
} QuoracyState;

struct ExtraChild
{
	ChildFacts	facts;
	const char *name;
};

static inline ChildFacts *
facts_at(QuoracyState *st, int i)
{
	return i == 0 ? &st->first : &st->more[i - 1].facts;
}

static inline const char *
name_at(const QuoracyState *st, int i)
{
	return i == 0 ? st->first_name : st->more[i - 1].name;
}

static bool
text_equals(text *t, const char *s, int len)
{
	return (int) VARSIZE_ANY_EXHDR(t) == len && memcmp(VARDATA_ANY(t), s, len) == 0;
}

/* A health service's name, as an attendance row gives it (not NUL-terminated). */
typedef struct ServiceName
{
	const char *name;			/* NULL: none */
	int			len;
} ServiceName;

static uint32
service_hash(const void *key, Size keysize)
{
	const ServiceName *k = key;

	return hash_bytes((const unsigned char *) k->name, k->len);
}

static int
service_match(const void *a, const void *b, Size keysize)
{
	const ServiceName *x = a,
			   *y = b;

	return x->len == y->len && memcmp(x->name, y->name, x->len) == 0 ? 0 : 1;
}

/* A service name as kept once at this call site, adding it if new. */
static const char *
service_name(QuoracySite *site, MemoryContext cxt, ServiceName name)
{
	ServiceName *kept;
	bool		found;

	if (site->services == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(ServiceName);
		ctl.entrysize = sizeof(ServiceName);
		ctl.hash = service_hash;
		ctl.match = service_match;
		ctl.hcxt = cxt;
		site->services = hash_create("cpconf health services", 64, &ctl,
									 HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}
	kept = hash_search(site->services, &name, HASH_ENTER, &found);
	if (!found)
	{
		char	   *copy = MemoryContextAlloc(cxt, name.len + 1);

		memcpy(copy, name.name, name.len);
		copy[name.len] = '\0';
		kept->name = copy;
	}
	return kept->name;
}

/*
 * The number of a health service in this conference (1-based), adding it if
 * new; 0 once the conference has more than fit, which final() refuses only
 * under a profile that counts health services apart.
 */
static int
service_number(QuoracyState *st, MemoryContext aggcxt, QuoracySite *site, MemoryContext sitecxt,
			   ServiceName name)
{
	const char *kept = service_name(site, sitecxt, name);

	for (int i = 0; i < st->nservices; i++)
		if (st->services[i] == kept)
			return i + 1;
	if (st->nservices == MAX_SERVICES)
	{
		st->too_many_services = true;
		return 0;
	}
	/* room for 4, then doubled: most conferences have a few */
	if (st->services == NULL)
		st->services = MemoryContextAlloc(aggcxt, 4 * sizeof(char *));
	else if (st->nservices >= 4 && (st->nservices & (st->nservices - 1)) == 0)
		st->services = repalloc(st->services, 2 * st->nservices * sizeof(char *));
	st->services[st->nservices] = kept;
	return ++st->nservices;
}

/* Does service a (a number in this conference, 0: none) sort before b by name? */
static bool
service_before(const QuoracyState *st, int a, int b)
{
	if (a == b || a == 0)
		return false;
	return b == 0 || strcmp(st->services[a - 1], st->services[b - 1]) < 0;
}

/* Does child name a sort before b (NULL, the unnamed child, first)? */
static bool
name_before(const char *a, const char *b)
{
	return a == NULL ? b != NULL : b != NULL && strcmp(a, b) < 0;
}

/* Add one child's attendance (not the date of birth) to another's. */
static void
add_attendance(ChildFacts *to, const ChildFacts *from)
{
	for (int t = 0; t < 2; t++)
		for (int c = 0; c < 2; c++)
			for (int l = 0; l < 2; l++)
				to->units[t][c][l] |= from->units[t][c][l];
	for (int t = 0; t < 2; t++)
		if (from->gp_report[t] > to->gp_report[t])
		{
			to->gp_report[t] = from->gp_report[t];
			to->gp_service[t] = from->gp_service[t];
		}
	to->other_health |= from->other_health;
}

/* Add the facts of rows that name no child to a named child's. */
static void
add_facts(ChildFacts *to, const ChildFacts *from)
{
	add_attendance(to, from);
	if (DATE_IS_NOEND(to->born))
		to->born = from->born;
	else if (!DATE_IS_NOEND(from->born) && from->born != to->born)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quoracy of one conference got two dates of birth for one child, %s and %s",
						cpconf_format_day(to->born), cpconf_format_day(from->born)),
				 errdetail("A row that names no child counts for every child, with its date of birth (rule Q-GP)."),
				 errhint("Pass the date of birth on the rows that name the child, or the same one on both.")));
}

/* The facts of a child of this conference, adding the child if new. */
static ChildFacts *
child_facts(QuoracyState *st, MemoryContext cxt, bool unnamed, text *t)
{
	int			len = unnamed ? 0 : VARSIZE_ANY_EXHDR(t);
	ChildFacts *f;
	const char *name;

	for (int i = 0; i < st->nchildren; i++)
	{
		name = name_at(st, i);
		if (unnamed ? name == NULL : (name && (int) strlen(name) == len && text_equals(t, name, len)))
			return facts_at(st, i);
	}
	if (st->nchildren == PG_UINT8_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("more than %d children in one conference", PG_UINT8_MAX - 1),
				 errdetail("Quoracy is judged for each child subject of one conference (rule Q-MIN)."),
				 errhint("GROUP BY the conference.")));
	name = unnamed ? NULL : MemoryContextStrdup(cxt, text_to_cstring(t));
	if (st->nchildren == 0)
	{
		f = &st->first;
		st->first_name = name;
	}
	else
	{
		if (st->nchildren - 1 == st->size)
		{
			st->size = st->size ? Min(st->size * 2, PG_UINT8_MAX) : 2;
			st->more = st->more
				? repalloc(st->more, st->size * sizeof(ExtraChild))
				: MemoryContextAlloc(cxt, st->size * sizeof(ExtraChild));
		}
		f = &st->more[st->nchildren - 1].facts;
		st->more[st->nchildren - 1].name = name;
	}
	memset(f, 0, sizeof(ChildFacts));
	f->born = DATEVAL_NOEND;
	st->nchildren++;
	return f;
}

static QuoracySite *
quoracy_site(FunctionCallInfo fcinfo, HeapTupleHeader t)
{
	QuoracySite *site = (QuoracySite *) fcinfo->flinfo->fn_extra;

	if (site == NULL)
		fcinfo->flinfo->fn_extra = site =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(QuoracySite));
	if (site->tupdesc == NULL && t != NULL)
	{
		TupleDesc	rowtype = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(t),
													 HeapTupleHeaderGetTypMod(t));
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	copy = CreateTupleDescCopy(rowtype);

		MemoryContextSwitchTo(old);
		ReleaseTupleDesc(rowtype);
		/* an altered cpconf.attendance would be read past the arrays below */
		cpconf_check_row_type(copy, &attendance_shape);
		site->tupdesc = copy;
	}
	return site;
}

/*
 * The state of this group, checking that its conference date and profile
 * (arguments confarg and profarg) are the same on every row.
 */
static QuoracyState *
quoracy_state(FunctionCallInfo fcinfo, MemoryContext aggcxt, QuoracySite *site,
			  int confarg, int profarg)
{
	int			kindarg = PG_NARGS() > profarg + 1 ? profarg + 1 : -1;
	QuoracyState *st = PG_ARGISNULL(0) ? NULL : (QuoracyState *) PG_GETARG_POINTER(0);

	if (st == NULL)
	{
		StaticAssertStmt(sizeof(QuoracyState) <= 128, "keep a conference's state in one small chunk");
		st = MemoryContextAllocZero(aggcxt, sizeof(QuoracyState));
	}
	if (!PG_ARGISNULL(confarg))
	{
		DateADT		conference = PG_GETARG_DATEADT(confarg);

		cpconf_check_finite(conference, "conference",
							"The conference date picks the rules in force (rule Q-MIN).");
		if (st->have_conference && st->conference != conference)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("quoracy of one conference got two conference dates, %s and %s",
							cpconf_format_day(st->conference), cpconf_format_day(conference)),
					 errdetail("The aggregate judges one conference (rule Q-MIN) under the rules of its date."),
					 errhint("GROUP BY the conference, and pass its date.")));
		st->conference = conference;
		st->have_conference = true;
	}
	if (!st->have_profile)
	{
		text	   *profile = PG_ARGISNULL(profarg) ? NULL : PG_GETARG_TEXT_PP(profarg);

		/* groups naming the same profile share one copy */
		if (profile && !(site->profile && text_equals(profile, VARDATA_ANY(site->profile),
													  VARSIZE_ANY_EXHDR(site->profile))))
		{
			site->profile = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(profile));
			memcpy(site->profile, profile, VARSIZE_ANY(profile));
		}
		st->profile = profile ? site->profile : NULL;
		st->have_profile = true;
	}
	else if ((st->profile == NULL) != PG_ARGISNULL(profarg) ||
			 (st->profile && !text_equals(PG_GETARG_TEXT_PP(profarg), VARDATA_ANY(st->profile),
										  VARSIZE_ANY_EXHDR(st->profile))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quoracy of one conference got two profiles"),
				 errdetail("The aggregate judges one conference under one partnership's rule Q-MIN."),
				 errhint("GROUP BY the conference, and pass one profile for it.")));
	/* the conference's kind and the chair's judgement: one of each per group */
	{
		int8		kind = kindarg < 0 ? KIND_NOT_RECORDED : conference_kind_arg(fcinfo, kindarg);
		int8		separate = kindarg < 0 ? -1 : cpconf_fact_arg(fcinfo, kindarg + 1);

		if (!st->have_facts)
		{
			st->kind = kind;
			st->separate = separate;
			st->have_facts = true;
		}
		else if (st->kind != kind || st->separate != separate)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("quoracy of one conference got two %s",
							st->kind != kind ? "kinds of conference" : "judgements of the chair on health services"),
					 errdetail("The aggregate judges one conference (rules Q-MIN, Q-GP): its kind and the chair's "
							   "judgement are the conference's, the same on every row."),
					 errhint("GROUP BY the conference, and pass its kind and health_services_separate on every row.")));
	}
	return st;
}

/* Add one attendance fact to the group (contact, s47: 1 yes, 0 no, -1 not recorded). */
static void
quoracy_add(QuoracyState *st, MemoryContext aggcxt, QuoracySite *site, MemoryContext sitecxt,
			int sector, ServiceName service_name, bool gp,
			int took_part, int contact, int s47, text *child, bool born_known, DateADT born)
{
	ChildFacts *f;
	uint64		by_sector,
				by_service;
	int			service = 0;

	if (sector < 1 || sector > N_SECTORS || took_part == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("attendance row without %s", sector == 0 ? "a sector" : "took_part"),
				 errdetail("Quoracy counts agencies by sector and attendance (rule Q-MIN)."),
				 errhint("Build the rows with cpconf.attendee(agency, took_part, ...).")));
	f = child_facts(st, aggcxt, child == NULL, child);
	if (born_known)
	{
		cpconf_check_finite(born, "child_born", "A child's age decides whether a GP's report counts (rule Q-GP).");
		if (!DATE_IS_NOEND(f->born) && f->born != born)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("quoracy of one conference got two dates of birth for one child, %s and %s",
							cpconf_format_day(f->born), cpconf_format_day(born)),
					 errdetail("A child's age decides whether a GP's report counts (rule Q-GP)."),
					 errhint("Pass the child's one date of birth on every row of the child, or NULL.")));
		f->born = born;
	}
	st->rows++;

	/* a service counts only where it attended, or as the reporting GP */
	if (sector == SECTOR_HEALTH && service_name.name &&
		(took_part == TOOK_PART_ATTENDED || (took_part == TOOK_PART_REPORT && gp)))
		service = service_number(st, aggcxt, site, sitecxt, service_name);
	by_sector = UINT64CONST(1) << (sector - 1);
	by_service = service ? UINT64CONST(1) << (N_SECTORS + service - 1) : by_sector;
	if (sector == SECTOR_HEALTH && !gp)
		f->other_health = true;
	for (int test = 0; test < 2; test++)
	{
		int			fact = sector == SECTOR_SOCIAL_CARE ? 1 : test == 0 ? contact : s47;

		if (took_part == TOOK_PART_ATTENDED && fact != 0)
		{
			if (fact == 1)
			{
				f->units[test][0][0] |= by_sector;
				f->units[test][1][0] |= by_service;
			}
			f->units[test][0][1] |= by_sector;
			f->units[test][1][1] |= by_service;
		}
		else if (took_part == TOOK_PART_REPORT && gp)
		{
			int			level = fact == 1 ? 2 : fact == -1 ? 1 : 0;

			/* the best report counts; of equal ones, the service first by name */
			if (level > f->gp_report[test] ||
				(level == f->gp_report[test] && service_before(st, service, f->gp_service[test])))
			{
				f->gp_report[test] = level;
				f->gp_service[test] = service;
			}
		}
	}
	if (took_part == TOOK_PART_ATTENDED && sector == SECTOR_SOCIAL_CARE)
		st->social_care = true;
}

static const RowShape quoracy_result_shape = {
	"cpconf.quoracy_result", 5, {BOOLOID, BOOLOID, INT4OID, INT4OID, TEXTOID}
};

PG_FUNCTION_INFO_V1(cpconf_quoracy_step);
PG_FUNCTION_INFO_V1(cpconf_quoracy_facts_step);
PG_FUNCTION_INFO_V1(cpconf_quoracy_final);

/*
 * quoracy_step(state, attendance, conference, profile).  NULL attendance
 * rows (a conference with no attendance, through a LEFT JOIN) are skipped;
 * the conference date and profile must be the same on every row of a group.
 */
Datum
cpconf_quoracy_step(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	QuoracyState *st;
	QuoracySite *site;
	HeapTupleHeader t;
	HeapTupleData tuple;
	Datum		v[9];
	bool		n[9];

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "quoracy_step called in non-aggregate context");
	t = PG_ARGISNULL(1) ? NULL : PG_GETARG_HEAPTUPLEHEADER(1);
	site = quoracy_site(fcinfo, t);
	st = quoracy_state(fcinfo, aggcxt, site, 2, 3);
	if (t == NULL)
		PG_RETURN_POINTER(st);

	tuple.t_len = HeapTupleHeaderGetDatumLength(t);
	tuple.t_data = t;
	heap_deform_tuple(&tuple, site->tupdesc, v, n);
	quoracy_add(st, aggcxt, site, fcinfo->flinfo->fn_mcxt,
				n[2] ? 0 : DatumGetChar(v[2]),
				n[3] ? (ServiceName) {NULL, 0}
				: (ServiceName) {VARDATA_ANY(DatumGetTextPP(v[3])), VARSIZE_ANY_EXHDR(DatumGetTextPP(v[3]))},
				!n[4] && DatumGetBool(v[4]),
				n[5] ? 0 : DatumGetChar(v[5]),
				n[6] ? -1 : DatumGetBool(v[6]) ? 1 : 0,
				n[7] ? -1 : DatumGetBool(v[7]) ? 1 : 0,
				n[0] ? NULL : DatumGetTextPP(v[0]),
				!n[8], n[8] ? 0 : DatumGetDateADT(v[8]));
	PG_RETURN_POINTER(st);
}

/*
 * quoracy_facts_step(state, agency, took_part, direct_contact,
 * contributed_s47, child, child_born, conference, profile): the same facts
 * as attendee() gives, without building a row for each: the fast form.
 */
Datum
cpconf_quoracy_facts_step(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	QuoracyState *st;
	QuoracySite *site;
	const AgencySlot *agency;
	int			took_part;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "quoracy_facts_step called in non-aggregate context");
	site = quoracy_site(fcinfo, NULL);
	st = quoracy_state(fcinfo, aggcxt, site, 7, 8);
	if (PG_ARGISNULL(1) && PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);	/* no attendance: a LEFT JOIN's empty side */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an attendance row needs both the agency and how it took part"),
				 errdetail("Quoracy counts the agencies that attended (rule Q-MIN)."),
				 errhint("Pass the agency as the council records it, and attended, report or absent.")));
	if (site->names == NULL)
		site->names = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(AttendeeRef));
	agency = attendee_agency(fcinfo, site->names, conference_cache(), PG_GETARG_TEXT_PP(1));
	took_part = attendee_took_part(site->names, PG_GETARG_TEXT_PP(2));
	quoracy_add(st, aggcxt, site, fcinfo->flinfo->fn_mcxt, agency->sector,
				agency->service ? (ServiceName) {agency->service, strlen(agency->service)}
				: (ServiceName) {NULL, 0},
				agency->gp, took_part, cpconf_fact_arg(fcinfo, 3), cpconf_fact_arg(fcinfo, 4),
				PG_ARGISNULL(5) ? NULL : PG_GETARG_TEXT_PP(5),
				!PG_ARGISNULL(6), PG_ARGISNULL(6) ? 0 : PG_GETARG_DATEADT(6));
	PG_RETURN_POINTER(st);
}

static Datum
quoracy_result(FunctionCallInfo fcinfo, int quorate, bool social_care, int counted,
			   int required, const char *reason)
{
	Datum		values[5];
	bool		nulls[5] = {false};

	nulls[0] = quorate < 0;
	values[0] = BoolGetDatum(quorate == 1);
	values[1] = BoolGetDatum(social_care);
	values[2] = Int32GetDatum(counted);
	values[3] = Int32GetDatum(required);
	values[4] = CStringGetTextDatum(reason);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cpconf_result_row_type(fcinfo, &quoracy_result_shape),
													   values, nulls)));
}

/* One child's count under the rule. */
typedef struct ChildCount
{
	uint64		certain;
	uint64		possible;
	int			verdict;		/* 1 enough for certain, -1 only if unrecorded facts hold, 0 not */
	bool		gp_counted;
	bool		gp_age_unknown;
	bool		gp_kind_unknown;
} ChildCount;

/*
 * Count a child's qualifying units under rule (Q-MIN), health services apart
 * or by sector, adding a GP's report as health where Q-GP lets it stand: a
 * child older than the rule's age whose only health involvement is the GP
 * (at an initial conference only, where the rule says so).
 */
static ChildCount
count_child(const ConferenceRule *rule, const QuoracyState *st, const ChildFacts *f, bool apart)
{
	int			test = rule->qualifies == QUALIFIES_S47 ? 1 : 0;
	int			count = apart ? 1 : 0;
	ChildCount	cc = {f->units[test][count][0], f->units[test][count][1], 0, false, false, false};
	bool		kind_applies = !rule->gp_report_initial_only || KIND_GP_REPORT(st->kind);
	bool		kind_unknown = rule->gp_report_initial_only && st->kind == KIND_NOT_RECORDED;

	/*
	 * A pre-birth conference is an initial one, which may include the born
	 * children of the household: an unborn child is one born after the
	 * conference (its expected date of delivery), never older than 5.
	 */
	if (rule->gp_report_over_age >= 0 && !f->other_health && f->gp_report[test] > 0 &&
		(kind_applies || kind_unknown))
	{
		uint64		gp = count && f->gp_service[test]
			? UINT64CONST(1) << (N_SECTORS + f->gp_service[test] - 1)
			: UINT64CONST(1) << (SECTOR_HEALTH - 1);

		if (DATE_IS_NOEND(f->born) || !st->have_conference)
		{
			cc.possible |= gp;
			cc.gp_age_unknown = !(cc.certain & gp);
		}
		else if (age_reached(true, f->born, rule->gp_report_over_age, st->conference, true) == 1)
		{
			cc.possible |= gp;
			if (kind_unknown)
				cc.gp_kind_unknown = !(cc.certain & gp);
			else if (f->gp_report[test] == 2)
			{
				cc.gp_counted = !(cc.certain & gp);
				cc.certain |= gp;
			}
		}
	}
	cc.verdict = pg_popcount64(cc.certain) >= rule->agencies_required ? 1
		: pg_popcount64(cc.possible) >= rule->agencies_required ? -1 : 0;
	return cc;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The counting units: sectors, then health services by name (the same text for the same attendance). */
static void
append_units(StringInfo buf, const QuoracyState *st, uint64 units)
{
	const char *services[MAX_SERVICES];
	int			nservices = 0;
	bool		first = true;

	for (int bit = 0; bit < 64; bit++)
	{
		if (!(units & (UINT64CONST(1) << bit)))
			continue;
		if (bit >= N_SECTORS)
		{
			services[nservices++] = st->services[bit - N_SECTORS];
			continue;
		}
		appendStringInfoString(buf, first ? "" : ", ");
		if (bit + 1 == SECTOR_SOCIAL_CARE)
			appendStringInfoString(buf, "children's social care");
		else
			appendStringInfoString(buf, label_name(&sector_labels_set, bit + 1));
		first = false;
	}
	qsort(services, nservices, sizeof(const char *), compare_names);
	for (int i = 0; i < nservices; i++)
	{
		appendStringInfo(buf, "%shealth (%s)", first ? "" : ", ", services[i]);
		first = false;
	}
}

/* The verdict of one way of counting: the weakest child's count. */
typedef struct Verdict
{
	int			quorate;		/* 1, 0, -1 not known */
	ChildCount	weakest;
	const char *weakest_name;
	bool		family;			/* the children counted as one family */
	bool		gp_counted;
	const char *gp_child;
} Verdict;

/* Judge the conference under rule, health services apart or by sector. */
static Verdict
judge(const ConferenceRule *rule, QuoracyState *st, bool apart)
{
	Verdict		v = {0};
	const ChildFacts *unnamed = NULL;

	v.family = rule->qualifies == QUALIFIES_FAMILY_CONTACT && st->nchildren > 1;

	/*
	 * Rows that name no child, beside rows that name children, are
	 * attendance for every child of the conference (children's social care
	 * recorded once, say): their facts count for each named child, and they
	 * form no child of their own.
	 */
	for (int i = 0; i < st->nchildren && st->nchildren > 1; i++)
		if (name_at(st, i) == NULL)
			unnamed = facts_at(st, i);

	/*
	 * Where an agency counts by its contact with the child and family
	 * (family_contact), the children's attendance is one: counted once.
	 * Their dates of birth are not merged (a GP's age rule is per child).
	 */
	if (v.family)
	{
		ChildFacts	all;

		memset(&all, 0, sizeof(ChildFacts));
		all.born = DATEVAL_NOEND;
		for (int i = 0; i < st->nchildren; i++)
			add_attendance(&all, facts_at(st, i));
		v.weakest = count_child(rule, st, &all, apart);
		v.gp_counted = v.weakest.gp_counted;
	}

	/* else the verdict is the worst child's: not quorate, then unknown, then fewest */
	for (int i = 0, n = 0; i < st->nchildren && !v.family; i++)
	{
		ChildFacts	facts = *facts_at(st, i);
		ChildCount	cc;
		int			rank,
					weakest_rank;

		if (unnamed != NULL && facts_at(st, i) == unnamed)
			continue;
		if (unnamed != NULL)
			add_facts(&facts, unnamed);
		cc = count_child(rule, st, &facts, apart);
		rank = cc.verdict == 0 ? 0 : cc.verdict == -1 ? 1 : 2;
		weakest_rank = v.weakest.verdict == 0 ? 0 : v.weakest.verdict == -1 ? 1 : 2;

		/* of children alike, the first by name: the same text whatever the row order */
		if (n++ == 0 || rank < weakest_rank ||
			(rank == weakest_rank && pg_popcount64(cc.certain) < pg_popcount64(v.weakest.certain)) ||
			(rank == weakest_rank && pg_popcount64(cc.certain) == pg_popcount64(v.weakest.certain) &&
			 name_before(name_at(st, i), v.weakest_name)))
		{
			v.weakest = cc;
			v.weakest_name = name_at(st, i);
		}
		if (cc.gp_counted && (!v.gp_counted || name_before(name_at(st, i), v.gp_child)))
		{
			v.gp_counted = true;
			v.gp_child = name_at(st, i);
		}
	}
	v.quorate = v.weakest.verdict;
	if (rule->social_care_required && !st->social_care)
		v.quorate = 0;
	return v;
}

/* Why a count falls short: who has how many qualifying agencies, of how many. */
static void
append_shortfall(StringInfo buf, const ConferenceRule *rule, const QuoracyState *st, const Verdict *v)
{
	int			counted = pg_popcount64(v->weakest.certain);
	const char *who = v->family ? "the family"
		: v->weakest_name ? psprintf("child %s", v->weakest_name) : "the child";

	appendStringInfo(buf, "%s has %d qualifying agenc%s attending", who, counted, counted == 1 ? "y" : "ies");
	if (counted)
	{
		appendStringInfoString(buf, " (");
		append_units(buf, st, v->weakest.certain);
		appendStringInfoChar(buf, ')');
	}
	appendStringInfo(buf, ", %d required", rule->agencies_required);
	if (v->quorate == -1 && v->weakest.verdict == -1)
		appendStringInfo(buf, "; %d more would count if %s",
						 pg_popcount64(v->weakest.possible) - counted,
						 v->weakest.gp_age_unknown ? "the child's date of birth were recorded (Q-GP)"
						 : v->weakest.gp_kind_unknown
						 ? "the kind of conference were recorded (Q-GP applies at an initial or transfer-in conference only)"
						 : rule->qualifies == QUALIFIES_S47
						 ? "their contribution to the section 47 enquiry were recorded"
						 : rule->qualifies == QUALIFIES_FAMILY_CONTACT
						 ? "their direct contact with the child and family were recorded"
						 : "their direct contact with the child were recorded");
}

/*
 * The verdict: quorate (NULL when it turns on a fact not recorded), whether
 * children's social care attended, the agencies counted for the child with
 * fewest (children's social care included) and the number required, and
 * why, naming rule Q-MIN and the profile.
 */
Datum
cpconf_quoracy_final(PG_FUNCTION_ARGS)
{
	QuoracyState *st = PG_ARGISNULL(0) ? NULL : (QuoracyState *) PG_GETARG_POINTER(0);
	ConferenceCache *c = conference_cache();
	const ConferenceRule *rule;
	int			p;
	Verdict		v,
				apart = {0};
	bool		chair_unknown = false;	/* the chair's judgement decides, and is not recorded */
	bool		count_apart;
	StringInfoData reason;
	const char *test;

	if (st == NULL || st->rows == 0)
		return quoracy_result(fcinfo, -1, false, 0, 0,
							  "no attendance recorded for this conference (rule Q-MIN needs it)");
	if (!st->have_conference)
		return quoracy_result(fcinfo, -1, false, 0, 0,
							  "the conference date is not recorded (it picks the rules in force, Q-MIN)");

	p = profiles_lookup_arg(&c->profiles, st->profile);
	rule = conference_rule(c, p, st->conference, "conference");

	/*
	 * Health services count apart always, never, or as the chair judges
	 * (staffordshire: they "may"); a judgement not recorded matters only
	 * where the two counts disagree.
	 */
	count_apart = rule->health_services == HEALTH_SERVICES_ALWAYS ||
		(rule->health_services == HEALTH_SERVICES_AS_CHAIR_JUDGES && st->separate != 0);
	if (rule->health_services == HEALTH_SERVICES_AS_CHAIR_JUDGES && st->separate == -1)
	{
		/* counted apart a conference has at least the agencies it has by sector */
		v = judge(rule, st, false);
		if (v.quorate == 1)
			apart = v;
		else
		{
			if (st->too_many_services)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("more than %d health services in one conference", MAX_SERVICES),
						 errdetail("It is not quorate by sector; whether it is with health services counted apart, as the chair may judge under profile %s (rule Q-MIN), cpconf cannot count.",
								   c->profiles.names[p]),
						 errhint("Record the chair's judgement (health_services_separate), or map agencies onto fewer services in cpconf.agency.")));
			apart = judge(rule, st, true);
		}
		chair_unknown = apart.quorate != v.quorate;
	}
	else
	{
		if (count_apart && st->too_many_services)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("more than %d health services in one conference", MAX_SERVICES),
					 errdetail("Quoracy counts each health service as an agency under profile %s (rule Q-MIN)%s.",
							   c->profiles.names[p], st->separate == 1 ? ", as the chair judged" : ""),
					 errhint("GROUP BY the conference; map agencies onto fewer services in cpconf.agency.")));
		v = judge(rule, st, count_apart);
	}

	test = rule->qualifies == QUALIFIES_S47 ? "that contributed to the section 47 enquiry"
		: rule->qualifies == QUALIFIES_FAMILY_CONTACT ? "with direct contact with the child and family"
		: "with direct contact with each child";
	initStringInfo(&reason);
	if (chair_unknown)
	{
		appendStringInfoString(&reason, "quorate only if the chair counts health services as separate agencies, "
							   "which is not recorded: counted by sector, ");
		append_shortfall(&reason, rule, st, &v);
		appendStringInfoString(&reason, "; with health services apart, ");
		if (apart.quorate == 1)
		{
			appendStringInfoString(&reason, "quorate: ");
			append_units(&reason, st, apart.weakest.certain);
			if (apart.weakest_name)
				appendStringInfo(&reason, " for child %s", apart.weakest_name);
		}
		else
			append_shortfall(&reason, rule, st, &apart);
	}
	else if (v.quorate == 1)
	{
		appendStringInfoString(&reason, "quorate: ");
		append_units(&reason, st, v.weakest.certain);
		if (v.weakest_name)
			appendStringInfo(&reason, " for child %s", v.weakest_name);
	}
	else if (rule->social_care_required && !st->social_care)
		appendStringInfoString(&reason, "not quorate: children's social care did not attend");
	else
	{
		appendStringInfo(&reason, "%s: ", v.quorate == 0 ? "not quorate" : "quorate only if facts not recorded hold");
		append_shortfall(&reason, rule, st, &v);
	}
	if (v.gp_counted)
		appendStringInfo(&reason, "; a GP's report counts as health for %s%s (rule Q-GP)",
						 v.gp_child ? "child " : "the child", v.gp_child ? v.gp_child : "");
	appendStringInfo(&reason, " (rule Q-MIN, profile %s: %s%d %sagencies %s%s)", c->profiles.names[p],
					 rule->social_care_required ? "children's social care and " : "",
					 rule->social_care_required ? rule->agencies_required - 1 : rule->agencies_required,
					 rule->social_care_required ? "other " : "", test,
					 rule->health_services == HEALTH_SERVICES_ALWAYS ? ", health services counted separately"
					 : rule->health_services == HEALTH_SERVICES_NEVER ? ""
					 : st->separate == 1 ? ", health services counted separately, as the chair judged"
					 : st->separate == 0 ? ", health services counted together, as the chair judged"
					 : ", health services counted separately if the chair so judges");
	return quoracy_result(fcinfo, chair_unknown ? -1 : v.quorate, st->social_care,
						  pg_popcount64(v.weakest.certain), rule->agencies_required, reason.data);
}
