/*
 * conference.c
 *		The conference layer: quoracy from attendance (Q-MIN, Q-GP) and the
 *		conference's decision from agency views (D-DECIDE).
 *
 * A partnership's conference rules are a row of cpconf.conference_rule
 * per profile and period, inherited day by day like timescales; the
 * council's agency names map onto sectors through cpconf.agency.  Both
 * are cached per backend.  The checks that need no aggregation (categories,
 * plan start, inquorate conferences) are SQL functions over
 * cpconf.conference_rules(), in the install script.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"
#include "port/pg_bitutils.h"

#include "compat.h"
#include "cpconf.h"

/* How a profile counts a quorum (rule Q-MIN) and decides (D-DECIDE). */
typedef enum Qualifies
{
	QUALIFIES_DIRECT_CONTACT,	/* had direct contact with each child */
	QUALIFIES_S47				/* contributed to the section 47 enquiry */
} Qualifies;

typedef enum DecisionMethod
{
	DECIDE_MAJORITY,			/* agencies' majority; chair's casting vote */
	DECIDE_AGENCIES_THEN_CHAIR, /* agencies agree, else the chair */
	DECIDE_CHAIR				/* the chair, after seeking consensus */
} DecisionMethod;

typedef struct ConferenceRule
{
	int			profile;
	DateADT		from;
	DateADT		to;
	bool		shipped;
	bool		social_care_required;
	int			agencies_required;
	Qualifies	qualifies;
	bool		health_services_separately;
	int			gp_report_over_age; /* -1: no GP rule */
	DecisionMethod decision;
	const char *source;
} ConferenceRule;

typedef struct Agency
{
	const char *folded;			/* lower-case, trimmed name */
	int			sector;			/* label of cpconf.sector */
	const char *service;
	bool		gp;
} Agency;

typedef struct ConferenceCache
{
	int			nprofiles;
	const char **profiles;
	int		   *parents;
	int			nrules;
	ConferenceRule *rules;
	int			nagencies;
	Agency	   *agencies;
} ConferenceCache;

static void *build_cache(MemoryContext cxt);

static ConfigCache conference_config = {
	.name = "cpconf conference rules",
	.tables = {"profile", "conference_rule", "agency", NULL},
	.build = build_cache,
};

void
conference_init(void)
{
	config_cache_register(&conference_config);
}

#define SECTOR_SOCIAL_CARE 1
#define SECTOR_HEALTH 3
#define TOOK_PART_ATTENDED 1
#define TOOK_PART_REPORT 2
#define VIEW_PLAN 1
#define VIEW_NO_PLAN 2
#define VIEW_ABSTAIN 3

static int
profile_index(const ConferenceCache *c, const char *name, int len)
{
	for (int i = 0; i < c->nprofiles; i++)
		if ((int) strlen(c->profiles[i]) == len && memcmp(c->profiles[i], name, len) == 0)
			return i;
	return -1;
}

static char *
fold_name(MemoryContext cxt, const char *s, int len)
{
	StringInfoData buf;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	initStringInfo(&buf);
	for (int i = 0; i < len; i++)
		appendStringInfoChar(&buf, (s[i] >= 'A' && s[i] <= 'Z') ? s[i] + ('a' - 'A') : s[i]);
	return MemoryContextStrdup(cxt, buf.data);
}

static void *
build_cache(MemoryContext cxt)
{
	ConferenceCache *c = MemoryContextAllocZero(cxt, sizeof(ConferenceCache));
	char	  **parents;

	cpconf_read_table("SELECT name, parent FROM cpconf.profile ORDER BY shipped DESC, name COLLATE pg_catalog.\"C\"");
	c->nprofiles = SPI_processed;
	c->profiles = MemoryContextAllocZero(cxt, (c->nprofiles + 1) * sizeof(char *));
	c->parents = MemoryContextAllocZero(cxt, (c->nprofiles + 1) * sizeof(int));
	parents = palloc0((c->nprofiles + 1) * sizeof(char *));
	for (int i = 0; i < c->nprofiles; i++)
	{
		c->profiles[i] = cpconf_spi_text(cxt, i, 1);
		parents[i] = cpconf_spi_text(CurrentMemoryContext, i, 2);
	}
	for (int i = 0; i < c->nprofiles; i++)
		c->parents[i] = parents[i] ? profile_index(c, parents[i], strlen(parents[i])) : -1;

	cpconf_read_table("SELECT profile, effective_from, effective_to, shipped, quorum_social_care, "
					  "quorum_agencies, quorum_qualifies, health_services_separately, "
					  "gp_report_over_age, decision, source FROM cpconf.conference_rule "
					  "ORDER BY shipped, effective_from");
	c->rules = MemoryContextAllocZero(cxt, (SPI_processed + 1) * sizeof(ConferenceRule));
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		ConferenceRule *rule = &c->rules[c->nrules];
		char	   *profile = cpconf_spi_text(CurrentMemoryContext, r, 1);
		char	   *qualifies = cpconf_spi_text(CurrentMemoryContext, r, 7);
		char	   *decision = cpconf_spi_text(CurrentMemoryContext, r, 10);

		rule->profile = profile ? profile_index(c, profile, strlen(profile)) : -1;
		rule->from = cpconf_spi_date(r, 2);
		rule->to = cpconf_spi_date(r, 3);
		rule->shipped = cpconf_spi_bool(r, 4);
		rule->social_care_required = cpconf_spi_bool(r, 5);
		rule->agencies_required = cpconf_spi_int(r, 6);
		rule->qualifies = qualifies && strcmp(qualifies, "s47_contribution") == 0
			? QUALIFIES_S47 : QUALIFIES_DIRECT_CONTACT;
		rule->health_services_separately = cpconf_spi_bool(r, 8);
		rule->gp_report_over_age = cpconf_spi_isnull(r, 9) ? -1 : cpconf_spi_int(r, 9);
		rule->decision = !decision ? DECIDE_CHAIR
			: strcmp(decision, "majority") == 0 ? DECIDE_MAJORITY
			: strcmp(decision, "agencies_then_chair") == 0 ? DECIDE_AGENCIES_THEN_CHAIR
			: DECIDE_CHAIR;
		rule->source = cpconf_spi_text(cxt, r, 11);
		if (rule->profile >= 0)
			c->nrules++;
	}

	cpconf_read_table("SELECT name, sector::text, service, gp FROM cpconf.agency");
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

static ConferenceCache *
get_cache(void)
{
	return config_cache_get(&conference_config);
}

/* ---- rule resolution, day by day up the profile chain ---- */

static char *
profile_names(const ConferenceCache *c)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < c->nprofiles; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", c->profiles[i]);
	return buf.data;
}

static int
lookup_profile(const ConferenceCache *c, text *name)
{
	const char *s;
	int			len;
	int			p;
	bool		from_setting = name == NULL;

	if (from_setting)
	{
		s = cpconf_profile_setting ? cpconf_profile_setting : "";
		len = strlen(s);
	}
	else
	{
		s = VARDATA_ANY(name);
		len = VARSIZE_ANY_EXHDR(name);
	}
	p = profile_index(c, s, len);
	if (p < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("profile \"%.*s\" does not exist", len, s),
				 from_setting
				 ? errdetail("The profile was named by the setting cpconf.profile, used when a call names none.")
				 : errdetail("A profile is a partnership's procedure: the shipped ones or a council's own in cpconf.profile."),
				 errhint("Known profiles: %s.", profile_names(c))));
	return p;
}

static bool
rule_in_force(const ConferenceRule *r, DateADT day)
{
	return r->from <= day && (DATE_IS_NOEND(r->to) || day < r->to);
}

/* The conference rule for profile p on day: nearest profile, council rows first. */
static const ConferenceRule *
resolve_rule(const ConferenceCache *c, int p, DateADT day)
{
	int			start = p;

	for (int steps = 0; p >= 0 && steps <= c->nprofiles; steps++)
	{
		/* rules are ordered council rows first */
		for (int i = 0; i < c->nrules; i++)
			if (c->rules[i].profile == p && rule_in_force(&c->rules[i], day))
				return &c->rules[i];
		p = c->parents[p];
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("no conference rules are in force for profile \"%s\" on %s",
					c->profiles[start], cpconf_format_day(day)),
			 errdetail("Quoracy and decisions follow cpconf.conference_rule (rules Q-MIN, D-DECIDE); "
					   "the shipped rows start with their source documents."),
			 errhint("Check the conference date; if the rules applied then, add a row for that period to cpconf.conference_rule.")));
	return NULL;
}

/* ---- attendee(): one attendance fact, resolved through cpconf.agency ---- */

/*
 * Look up a council's agency name; failing that, a sector name stands for
 * itself, and "GP" for a general practitioner in health.
 */
static void
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
			return;
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
}

PG_FUNCTION_INFO_V1(cpconf_attendee);

/*
 * What one call site of attendee() remembers between rows: its result type,
 * and the last few agency names and participation values it resolved
 * (dashboards repeat a handful of each over many rows).
 */
#define ATTENDEE_SLOTS 16

typedef struct AgencySlot
{
	int			len;
	char		name[NAMEDATALEN];
	int			sector;
	const char *service;
	text	   *service_text;	/* the same, ready for the result row */
	bool		gp;
} AgencySlot;

typedef struct AttendeeRef
{
	TupleDesc	tupdesc;
	uint64		generation;
	int			next;
	AgencySlot	agencies[ATTENDEE_SLOTS];
	struct
	{
		int			len;
		char		text[NAMEDATALEN];
		int			label;
	}			took_part[4];
	int			next_took_part;
} AttendeeRef;

static AttendeeRef *
attendee_ref(FunctionCallInfo fcinfo)
{
	AttendeeRef *ref = (AttendeeRef *) fcinfo->flinfo->fn_extra;

	if (ref == NULL)
	{
		TupleDesc	tupdesc;
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		ref = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(AttendeeRef));
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		ref->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = ref;
	}
	return ref;
}

static const AgencySlot *
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
	resolve_agency(c, agency, &slot->sector, &slot->service, &slot->gp);
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
static int
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
	ConferenceCache *c = get_cache();
	AttendeeRef *ref = attendee_ref(fcinfo);
	Datum		values[9];
	bool		nulls[9] = {false};
	const AgencySlot *agency;

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

/* ---- the quoracy aggregate ---- */

/*
 * The aggregate streams: a conference's state keeps, for each child, which
 * agencies attended and certainly qualify, or might (a fact not recorded),
 * as bitmasks of counting units, never the rows.  A unit is a sector (bits
 * 0-5), or under a profile that counts health services separately, a
 * health service (bits 6-63: the service's number at this call site).  Both
 * ways are kept, as the profile's rule is known only at the end.
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
	uint16		gp_service;		/* the reporting GP's service number */
	int8		gp_report[2];	/* Q-GP, per test: 2 a GP report that qualifies, 1 possibly, 0 none */
	bool		other_health;	/* a health involvement other than the GP */
} ChildFacts;

/* What one call site of quoracy() shares between its groups. */
typedef struct QuoracySite
{
	TupleDesc	tupdesc;		/* of cpconf.attendance */
	int			nservices;
	char	   *services[MAX_SERVICES];
	int			service_lens[MAX_SERVICES];
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
	QuoracySite *site;
	text	   *profile;		/* NULL: the setting */
	ChildFacts	first;
	const char *first_name;
	ExtraChild *more;			/* children after the first */
	DateADT		conference;
	int			rows;
	uint8		nchildren;
	uint8		size;			/* of more */
	bool		social_care;	/* children's social care attended */
	bool		have_conference;
	bool		have_profile;
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

/* The number of a service name at this call site (1-based), adding it if new. */
static int
service_number(QuoracySite *site, MemoryContext cxt, const char *name, int len)
{
	for (int i = 0; i < site->nservices; i++)
		if (site->service_lens[i] == len && memcmp(site->services[i], name, len) == 0)
			return i + 1;
	if (site->nservices == MAX_SERVICES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("more than %d health services in one query", MAX_SERVICES),
				 errdetail("Quoracy counts each health service as an agency where the profile says so (rule Q-MIN)."),
				 errhint("Map agencies onto fewer services in cpconf.agency.")));
	site->services[site->nservices] = MemoryContextAlloc(cxt, len + 1);
	memcpy(site->services[site->nservices], name, len);
	site->services[site->nservices][len] = '\0';
	site->service_lens[site->nservices] = len;
	return ++site->nservices;
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

		site->tupdesc = CreateTupleDescCopy(rowtype);
		MemoryContextSwitchTo(old);
		ReleaseTupleDesc(rowtype);
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
	QuoracyState *st = PG_ARGISNULL(0) ? NULL : (QuoracyState *) PG_GETARG_POINTER(0);

	if (st == NULL)
	{
		StaticAssertStmt(sizeof(QuoracyState) <= 128, "keep a conference's state in one small chunk");
		st = MemoryContextAllocZero(aggcxt, sizeof(QuoracyState));
		st->site = site;
	}
	if (!PG_ARGISNULL(confarg))
	{
		DateADT		conference = PG_GETARG_DATEADT(confarg);

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
	return st;
}

/* Add one attendance fact to the group (contact, s47: 1 yes, 0 no, -1 not recorded). */
static void
quoracy_add(QuoracyState *st, MemoryContext aggcxt, int sector, int service, bool gp,
			int took_part, int contact, int s47, text *child, bool born_known, DateADT born)
{
	ChildFacts *f;
	uint64		by_sector,
				by_service;

	if (sector < 1 || sector > N_SECTORS || took_part == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("attendance row without %s", sector == 0 ? "a sector" : "took_part"),
				 errdetail("Quoracy counts agencies by sector and attendance (rule Q-MIN)."),
				 errhint("Build the rows with cpconf.attendee(agency, took_part, ...).")));
	f = child_facts(st, aggcxt, child == NULL, child);
	if (born_known)
		f->born = born;
	st->rows++;

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
			f->gp_service = service;
			f->gp_report[test] = Max(f->gp_report[test], fact == 1 ? 2 : fact == -1 ? 1 : 0);
		}
	}
	if (took_part == TOOK_PART_ATTENDED && sector == SECTOR_SOCIAL_CARE)
		st->social_care = true;
}

static inline int
tri_arg(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? -1 : PG_GETARG_BOOL(argno) ? 1 : 0;
}

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
	quoracy_add(st, aggcxt,
				n[2] ? 0 : DatumGetChar(v[2]),
				n[2] || n[3] || DatumGetChar(v[2]) != SECTOR_HEALTH ? 0
				: service_number(site, fcinfo->flinfo->fn_mcxt,
								 VARDATA_ANY(DatumGetTextPP(v[3])), VARSIZE_ANY_EXHDR(DatumGetTextPP(v[3]))),
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
	agency = attendee_agency(fcinfo, site->names, get_cache(), PG_GETARG_TEXT_PP(1));
	took_part = attendee_took_part(site->names, PG_GETARG_TEXT_PP(2));
	quoracy_add(st, aggcxt, agency->sector,
				agency->sector == SECTOR_HEALTH && agency->service
				? service_number(site, fcinfo->flinfo->fn_mcxt, agency->service, strlen(agency->service)) : 0,
				agency->gp, took_part, tri_arg(fcinfo, 3), tri_arg(fcinfo, 4),
				PG_ARGISNULL(5) ? NULL : PG_GETARG_TEXT_PP(5),
				!PG_ARGISNULL(6), PG_ARGISNULL(6) ? 0 : PG_GETARG_DATEADT(6));
	PG_RETURN_POINTER(st);
}

/* Is the child older than age on the day? */
static bool
older_than(DateADT born, int age, DateADT day)
{
	int			y,
				m,
				d,
				cy,
				cm,
				cd;

	j2date(born + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	j2date(day + POSTGRES_EPOCH_JDATE, &cy, &cm, &cd);
	return (cy - y - age > 0) ||
		(cy - y - age == 0 && (cm > m || (cm == m && cd > d)));
}

/* The blessed result type of a composite-returning call, looked up once. */
static TupleDesc
result_tupdesc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (tupdesc == NULL)
	{
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	return tupdesc;
}

static Datum
quoracy_result(FunctionCallInfo fcinfo, int quorate, bool social_care, int counted,
			   int required, const char *reason)
{
	TupleDesc	tupdesc = result_tupdesc(fcinfo);
	Datum		values[5];
	bool		nulls[5] = {false};

	nulls[0] = quorate < 0;
	values[0] = BoolGetDatum(quorate == 1);
	values[1] = BoolGetDatum(social_care);
	values[2] = Int32GetDatum(counted);
	values[3] = Int32GetDatum(required);
	values[4] = CStringGetTextDatum(reason);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* One child's count under the rule. */
typedef struct ChildCount
{
	uint64		certain;
	uint64		possible;
	int			verdict;		/* 1 enough for certain, -1 only if unrecorded facts hold, 0 not */
	bool		gp_counted;
	bool		gp_age_unknown;
} ChildCount;

/*
 * Count a child's qualifying units under rule (Q-MIN), adding a GP's report
 * as health where Q-GP lets it stand: a child older than the rule's age
 * whose only health involvement is the GP.
 */
static ChildCount
count_child(const ConferenceRule *rule, const QuoracyState *st, const ChildFacts *f)
{
	int			test = rule->qualifies == QUALIFIES_S47 ? 1 : 0;
	int			count = rule->health_services_separately ? 1 : 0;
	ChildCount	cc = {f->units[test][count][0], f->units[test][count][1], 0, false, false};

	if (rule->gp_report_over_age >= 0 && !f->other_health && f->gp_report[test] > 0)
	{
		uint64		gp = count && f->gp_service
			? UINT64CONST(1) << (N_SECTORS + f->gp_service - 1)
			: UINT64CONST(1) << (SECTOR_HEALTH - 1);

		if (DATE_IS_NOEND(f->born) || !st->have_conference)
		{
			cc.possible |= gp;
			cc.gp_age_unknown = !(cc.certain & gp);
		}
		else if (older_than(f->born, rule->gp_report_over_age, st->conference))
		{
			cc.possible |= gp;
			if (f->gp_report[test] == 2)
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

static void
append_units(StringInfo buf, const QuoracyState *st, uint64 units)
{
	bool		first = true;

	for (int bit = 0; bit < 64; bit++)
	{
		if (!(units & (UINT64CONST(1) << bit)))
			continue;
		appendStringInfoString(buf, first ? "" : ", ");
		if (bit >= N_SECTORS)
			appendStringInfo(buf, "health (%s)", st->site->services[bit - N_SECTORS]);
		else if (bit + 1 == SECTOR_SOCIAL_CARE)
			appendStringInfoString(buf, "children's social care");
		else
			appendStringInfoString(buf, label_name(&sector_labels_set, bit + 1));
		first = false;
	}
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
	ConferenceCache *c = get_cache();
	const ConferenceRule *rule;
	int			p;
	int			quorate;
	ChildCount	weakest = {0};
	const char *weakest_name = NULL;
	const char *gp_child = NULL;
	bool		gp_counted = false;
	StringInfoData reason;
	const char *test;

	if (st == NULL || st->rows == 0)
		return quoracy_result(fcinfo, -1, false, 0, 0,
							  "no attendance recorded for this conference (rule Q-MIN needs it)");
	if (!st->have_conference)
		return quoracy_result(fcinfo, -1, false, 0, 0,
							  "the conference date is not recorded (it picks the rules in force, Q-MIN)");

	p = lookup_profile(c, st->profile);
	rule = resolve_rule(c, p, st->conference);

	/* the verdict is the worst child's: not quorate, then unknown, then fewest */
	for (int i = 0; i < st->nchildren; i++)
	{
		ChildCount	cc = count_child(rule, st, facts_at(st, i));
		int			rank = cc.verdict == 0 ? 0 : cc.verdict == -1 ? 1 : 2;
		int			weakest_rank = weakest.verdict == 0 ? 0 : weakest.verdict == -1 ? 1 : 2;

		if (i == 0 || rank < weakest_rank ||
			(rank == weakest_rank && pg_popcount64(cc.certain) < pg_popcount64(weakest.certain)))
		{
			weakest = cc;
			weakest_name = name_at(st, i);
		}
		if (cc.gp_counted && !gp_counted)
		{
			gp_counted = true;
			gp_child = name_at(st, i);
		}
	}
	quorate = weakest.verdict;
	if (rule->social_care_required && !st->social_care)
		quorate = 0;

	test = rule->qualifies == QUALIFIES_S47
		? "that contributed to the section 47 enquiry" : "with direct contact with each child";
	initStringInfo(&reason);
	if (quorate == 1)
	{
		appendStringInfoString(&reason, "quorate: ");
		append_units(&reason, st, weakest.certain);
		if (weakest_name)
			appendStringInfo(&reason, " for child %s", weakest_name);
	}
	else if (rule->social_care_required && !st->social_care)
		appendStringInfoString(&reason, "not quorate: children's social care did not attend");
	else
	{
		int			counted = pg_popcount64(weakest.certain);

		appendStringInfo(&reason, "%s: %s%s has %d qualifying agenc%s attending",
						 quorate == 0 ? "not quorate" : "quorate only if facts not recorded hold",
						 weakest_name ? "child " : "the child", weakest_name ? weakest_name : "",
						 counted, counted == 1 ? "y" : "ies");
		if (counted)
		{
			appendStringInfoString(&reason, " (");
			append_units(&reason, st, weakest.certain);
			appendStringInfoChar(&reason, ')');
		}
		appendStringInfo(&reason, ", %d required", rule->agencies_required);
		if (quorate == -1)
			appendStringInfo(&reason, "; %d more would count if %s",
							 pg_popcount64(weakest.possible) - counted,
							 weakest.gp_age_unknown ? "the child's date of birth were recorded (Q-GP)"
							 : rule->qualifies == QUALIFIES_S47
							 ? "their contribution to the section 47 enquiry were recorded"
							 : "their direct contact with the child were recorded");
	}
	if (gp_counted)
		appendStringInfo(&reason, "; a GP's report counts as health for %s%s (rule Q-GP)",
						 gp_child ? "child " : "the child", gp_child ? gp_child : "");
	appendStringInfo(&reason, " (rule Q-MIN, profile %s: %s%d %sagencies %s%s)", c->profiles[p],
					 rule->social_care_required ? "children's social care and " : "",
					 rule->social_care_required ? rule->agencies_required - 1 : rule->agencies_required,
					 rule->social_care_required ? "other " : "", test,
					 rule->health_services_separately ? ", health services counted separately" : "");
	return quoracy_result(fcinfo, quorate, st->social_care, pg_popcount64(weakest.certain),
						  rule->agencies_required, reason.data);
}

/* ---- the decision aggregate (D-DECIDE) ---- */

typedef struct View
{
	const char *agency;
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
	if (!st->have_profile && !PG_ARGISNULL(5))
	{
		text	   *t = PG_GETARG_TEXT_PP(5);

		st->profile = MemoryContextAlloc(aggcxt, VARSIZE_ANY(t));
		memcpy(st->profile, t, VARSIZE_ANY(t));
	}
	st->have_profile = true;

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
	st->views[st->n].agency = MemoryContextStrdup(aggcxt, text_to_cstring(PG_GETARG_TEXT_PP(1)));
	st->views[st->n].view = parse_view(PG_GETARG_TEXT_PP(2));
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
	ConferenceCache *c = get_cache();
	const ConferenceRule *rule;
	TupleDesc	tupdesc;
	Datum		values[8];
	bool		nulls[8] = {false};
	int			plan = 0,
				no_plan = 0,
				abstain = 0;
	int			decision = 0;
	const char *how = NULL;
	StringInfoData reason;
	ArrayBuildState *dissent;
	int			p;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (st == NULL || !st->have_conference)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the conference date is needed to decide"),
				 errdetail("The date picks the decision rule in force (rule D-DECIDE)."),
				 errhint("Pass the conference date on every row.")));
	p = lookup_profile(c, st->profile);
	rule = resolve_rule(c, p, st->conference);
	initStringInfo(&reason);

	/* one view per agency: repeats must agree */
	for (int i = 0; i < st->n; i++)
	{
		bool		repeat = false;

		for (int j = 0; j < i && !repeat; j++)
			if (strcmp(st->views[j].agency, st->views[i].agency) == 0)
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
			repeat = strcmp(st->views[j].agency, st->views[i].agency) == 0;
		if (!repeat && st->views[i].view != VIEW_ABSTAIN && st->views[i].view != decision)
			accumArrayResult(dissent, CStringGetTextDatum(st->views[i].agency), false, TEXTOID,
							 CurrentMemoryContext);
	}

	if (decision)
		appendStringInfo(&reason, "%s, decided by the %s: %d for a plan, %d against, %d abstaining",
						 decision == VIEW_PLAN ? "a child protection plan" : "no child protection plan",
						 how, plan, no_plan, abstain);
	if (decision && rule->decision == DECIDE_MAJORITY && st->chair && st->chair != VIEW_ABSTAIN &&
		st->chair != decision)
		appendStringInfoString(&reason, "; the majority stands and the chair's concerns are minuted");
	appendStringInfo(&reason, " (rule D-DECIDE, profile %s: %s)", c->profiles[p],
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
	values[6] = BoolGetDatum(decision && rule->decision == DECIDE_MAJORITY && st->chair &&
							 st->chair != VIEW_ABSTAIN && st->chair != decision);
	values[7] = CStringGetTextDatum(reason.data);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
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
	ConferenceCache *c = get_cache();
	int			p = lookup_profile(c, PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0));
	DateADT		day = PG_ARGISNULL(1) ? GetSQLCurrentDate() : PG_GETARG_DATEADT(1);
	const ConferenceRule *rule;
	int			ret;
	Datum		result;

	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("as_of is infinite"),
				 errdetail("as_of picks the conference rules in force on a day."),
				 errhint("Pass a real date, or NULL for today.")));
	rule = resolve_rule(c, p, day);

	/* hand back the table's own row: the SQL checks use all its columns */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	{
		Oid			types[3] = {TEXTOID, DATEOID, BOOLOID};
		Datum		args[3] = {CStringGetTextDatum(c->profiles[rule->profile]),
		DateADTGetDatum(rule->from), BoolGetDatum(rule->shipped)};

		ret = SPI_execute_with_args("SELECT r.* FROM cpconf.conference_rule r "
									"WHERE profile OPERATOR(pg_catalog.=) $1 "
									"AND effective_from OPERATOR(pg_catalog.=) $2 "
									"AND shipped OPERATOR(pg_catalog.=) $3",
									3, types, args, NULL, true, 1);
	}
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "conference rule row vanished");
	result = PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc));
	SPI_finish();
	PG_RETURN_DATUM(result);
}
