/*
 * timescales.c
 *		The timescales layer: procedure profiles and rule-driven deadlines.
 *
 * A timescale rule (T-*, doc/rules.md) is data: rows of cpconf.timescale,
 * per profile and period.  This file implements the kinds of rule (units,
 * directions), never a partnership's numbers.
 *
 * Resolution of (profile, rule, as_of): walk from the profile up its parents
 * to the first profile with a row for the rule in force on as_of (a profile
 * inherits what it does not state, day by day); within a profile a council
 * row wins over a shipped one.  When no profile on the way has one, that is
 * an error naming the versions there are.
 *
 * Both tables are cached per backend and rebuilt when they change (the
 * statement trigger cpconf.config_changed() sends relcache invalidations).
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "timescales.h"

typedef enum Unit
{
	UNIT_WORKING_DAYS,
	UNIT_CALENDAR_DAYS,
	UNIT_WEEKS,
	UNIT_MONTHS,
	UNIT_HOURS
} Unit;

typedef enum Direction
{
	WITHIN_AFTER,				/* due on or before anchor + amount */
	AT_LEAST_BEFORE,			/* on or before anchor - amount */
	AT_LEAST_AFTER				/* not before anchor + amount */
} Direction;

static const char *const unit_names[] = {
	"working_days", "calendar_days", "weeks", "months", "hours"
};
/* The units as a sentence names them; one of each without the final s. */
static const char *const unit_labels[] = {
	"working days", "calendar days", "weeks", "months", "hours"
};

static inline int
unit_label_len(int unit, int amount)
{
	return (int) strlen(unit_labels[unit]) - (amount == 1 ? 1 : 0);
}

static const char *const direction_names[] = {
	"within_after", "at_least_before", "at_least_after"
};

/* One row of cpconf.timescale. */
typedef struct Version
{
	RuleRowHead head;			/* profile, shipped, effective period */
	int32		amount;
	Unit		unit;
	Direction	direction;
	const char *what;
	const char *anchor;
	const char *source;
	const char *note;
} Version;

/* All rows of one rule id, ordered by profile, council rows first, from. */
typedef struct Rule
{
	const char *id;
	int			nversions;
	Version    *versions;
} Rule;

typedef struct TimescaleCache
{
	ProfileSet	profiles;
	int			nrules;
	Rule	   *rules;
} TimescaleCache;

static void *build_cache(MemoryContext cxt);

static ConfigCache timescale_config = {
	.name = "cpconf timescales",
	.tables = {"profile", "timescale", NULL},
	.build = build_cache,
};

static TimescaleCache *cache = NULL;

/* Read both tables (inside SPI) into cxt. */
static void *
build_cache(MemoryContext cxt)
{
	TimescaleCache *c = MemoryContextAllocZero(cxt, sizeof(TimescaleCache));
	uint64		nrows;
	Version    *versions;

	profiles_load(&c->profiles, cxt);
	cpconf_read_table("SELECT rule, profile, shipped, effective_from, effective_to, amount, unit, "
					  "direction, what, anchor, source, note FROM cpconf.timescale "
					  "ORDER BY rule COLLATE pg_catalog.\"C\", profile COLLATE pg_catalog.\"C\", "
					  "shipped, effective_from");
	nrows = SPI_processed;
	c->rules = MemoryContextAllocZero(cxt, (nrows + 1) * sizeof(Rule));
	versions = MemoryContextAllocZero(cxt, (nrows + 1) * sizeof(Version));
	for (uint64 r = 0; r < nrows; r++)
	{
		char	   *id = cpconf_spi_text(cxt, r, 1);
		char	   *unit = cpconf_spi_text(CurrentMemoryContext, r, 7);
		char	   *direction = cpconf_spi_text(CurrentMemoryContext, r, 8);
		Rule	   *rule;
		Version    *v;

		if (c->nrules == 0 || strcmp(c->rules[c->nrules - 1].id, id) != 0)
		{
			rule = &c->rules[c->nrules++];
			rule->id = id;
			/* a rule's rows are contiguous: its versions start at this row */
			rule->versions = &versions[r];
		}
		rule = &c->rules[c->nrules - 1];
		v = &rule->versions[rule->nversions];
		rule_row_head_read(&v->head, &c->profiles, r, 2, 3, 4, 5, 0, cxt);
		v->amount = cpconf_spi_int(r, 6);
		v->unit = cpconf_name_index(unit_names, lengthof(unit_names), unit, -1);
		v->direction = cpconf_name_index(direction_names, lengthof(direction_names), direction, -1);
		v->what = cpconf_spi_text(cxt, r, 9);
		v->anchor = cpconf_spi_text(cxt, r, 10);
		v->source = cpconf_spi_text(cxt, r, 11);
		v->note = cpconf_spi_text(cxt, r, 12);
		/* rows the table's checks would refuse (triggers bypassed) are left out */
		if (v->head.profile >= 0 && (int) v->unit >= 0 && (int) v->direction >= 0 && v->amount >= 0)
			rule->nversions++;
	}

	return c;
}

static void
ensure_cache(void)
{
	cache = config_cache_get(&timescale_config);
}

/* ---- errors ---- */

static char *
known_rules(void)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < cache->nrules; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", cache->rules[i].id);
	return buf.data;
}

static const Rule *
find_rule(const char *id, int len)
{
	for (int i = 0; i < cache->nrules; i++)
		if ((int) strlen(cache->rules[i].id) == len && memcmp(cache->rules[i].id, id, len) == 0)
			return &cache->rules[i];
	return NULL;
}

static const Rule *
lookup_rule(const char *id, int len)
{
	const Rule *rule = find_rule(id, len);

	if (rule != NULL)
		return rule;
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("timescale rule \"%.*s\" does not exist", len, id),
			 errdetail("Timescale rules are the rows of cpconf.timescale: the shipped ones (doc/rules.md) and any a council adds."),
			 errhint("Known rules: %s.", known_rules())));
	return NULL;				/* keep compiler quiet */
}

/* The row in force for profile p (or the nearest ancestor) on as_of, or NULL. */
static inline const Version *
version_in_force(const Rule *rule, int p, DateADT as_of)
{
	return rule_in_force(&cache->profiles, rule->versions, rule->nversions, sizeof(Version),
						 p, as_of);
}

/* Why no row is in force: the rule is not stated on the chain, or not then. */
static void
report_no_version(const Rule *rule, int p, NamedDay as_of)
{
	StringInfoData versions;
	StringInfoData elsewhere;
	int			q,
				steps;

	initStringInfo(&versions);
	FOR_EACH_PROFILE_UP(&cache->profiles, q, p, steps)
		for (int i = 0; i < rule->nversions; i++)
		{
			const Version *v = &rule->versions[i];

			if (v->head.profile == q)
				appendStringInfo(&versions, "%s%s (%s) from %s%s%s", versions.len ? "; " : "",
								 cache->profiles.names[q], v->head.shipped ? "shipped" : "council",
								 cpconf_format_day(v->head.from),
								 DATE_IS_NOEND(v->head.to) ? " on" : " to ",
								 DATE_IS_NOEND(v->head.to) ? "" : cpconf_format_day(v->head.to));
		}
	if (versions.len > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rule %s is not in force for profile \"%s\" on %s %s",
						rule->id, cache->profiles.names[p], as_of.name, cpconf_format_day(as_of.day)),
				 errdetail("Its versions: %s.", versions.data),
				 errhint("Check the date; if the rule applied then, add a row for that period to cpconf.timescale.")));

	initStringInfo(&elsewhere);
	for (int i = 0; i < rule->nversions; i++)
		if (i == 0 || rule->versions[i].head.profile != rule->versions[i - 1].head.profile)
			appendStringInfo(&elsewhere, "%s%s", elsewhere.len ? ", " : "",
							 cache->profiles.names[rule->versions[i].head.profile]);
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("rule %s is not defined for profile \"%s\"", rule->id, cache->profiles.names[p]),
			 errdetail("Neither \"%s\" nor the profiles it inherits from state rule %s; %s do.",
					   cache->profiles.names[p], rule->id, elsewhere.data),
			 errhint("Use a profile that states it, or add a row for it to cpconf.timescale.")));
}

/* ---- the arithmetic of each unit ---- */

/*
 * The deadline of version v for an event on anchor.  Hours on a date: 24 h
 * is the next calendar day, 48 h the day after (doc/timescales.md).
 */
static int64
version_due(const Version *v, DateADT anchor, const WorkingCalendar *cal)
{
	int64		sign = v->direction == AT_LEAST_BEFORE ? -1 : 1;
	int64		n = sign * v->amount;
	int64		result = 0;

	switch (v->unit)
	{
		case UNIT_WORKING_DAYS:
			/* 0 working days before a day off: the working day before it, not after */
			if (n == 0 && v->direction == AT_LEAST_BEFORE && !calendar_is_working_day(cal, anchor))
				n = -1;
			result = calendar_working_day_after(cal, anchor, n);
			break;
		case UNIT_CALENDAR_DAYS:
			result = anchor + n;
			break;
		case UNIT_WEEKS:
			result = anchor + 7 * n;
			break;
		case UNIT_MONTHS:
			result = cpconf_add_months(anchor, n);
			break;
		case UNIT_HOURS:
			result = anchor + sign * (((int64) v->amount + 23) / 24);
			break;
	}
	return result;
}

static DateADT
apply_version(const Rule *rule, const Version *v, NamedDay from, const WorkingCalendar *cal)
{
	DateADT		anchor = from.day;
	int64		result = version_due(v, anchor, cal);

	/* the same span as working days, whatever the unit: no year-5000 answers */
	if (result < CPCONF_FIRST_DAY || result > CPCONF_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("deadline of rule %s from %s %s is outside the range of cpconf's calendars",
						rule->id, from.name, cpconf_format_day(anchor)),
				 errdetail("The rule counts %d %.*s %s it; deadlines lie between %d-01-01 and %d-12-31.",
						   v->amount, unit_label_len(v->unit, v->amount), unit_labels[v->unit],
						   v->direction == AT_LEAST_BEFORE ? "before" : "after",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Check %s, and the rule's amount in cpconf.timescale.", from.name)));
	return (DateADT) result;
}

/* ---- deadline() ---- */

/*
 * What one call site of deadline() remembers between rows: the rules and
 * profiles it resolved (by name and cache generation) and their calendars.
 * A few slots, so that a query with a profile per row (comparing
 * partnerships side by side) resolves each pair once.
 */
#define DEADLINE_SLOTS 8

typedef struct Resolved
{
	uint64		generation;
	const Rule *rule;
	int			profile;
	const char *calendar;		/* NULL: the setting cpconf.calendar */
	CalendarRef calendar_ref;
	int			rule_len;
	int			profile_len;
	char		names[2 * NAMEDATALEN];
} Resolved;

typedef struct DeadlineRef
{
	int			next;			/* slot to replace on a miss */
	Resolved	slots[DEADLINE_SLOTS];
} DeadlineRef;

/*
 * The slot for (rule, profile) names; profile NULL means the setting.  An
 * unknown profile is an error; an unknown rule too, unless optional (then
 * slot->rule is NULL).
 */
static Resolved *
resolve(DeadlineRef *ref, const char *rname, int rlen, const char *pname, int plen,
		bool optional)
{
	bool		from_setting = pname == NULL;
	Resolved   *slot;

	if (from_setting)
	{
		pname = cpconf_default_profile();
		plen = strlen(pname);
	}

	ensure_cache();
	for (int i = 0; i < DEADLINE_SLOTS; i++)
	{
		slot = &ref->slots[i];
		if (slot->generation == timescale_config.generation && slot->rule_len == rlen &&
			slot->profile_len == plen && memcmp(slot->names, rname, rlen) == 0 &&
			memcmp(slot->names + rlen, pname, plen) == 0)
			return slot;
	}

	slot = &ref->slots[ref->next];
	ref->next = (ref->next + 1) % DEADLINE_SLOTS;
	slot->generation = 0;
	slot->profile = profiles_lookup(&cache->profiles, pname, plen, from_setting);
	slot->rule = optional ? find_rule(rname, rlen) : lookup_rule(rname, rlen);
	slot->calendar = profiles_calendar(&cache->profiles, slot->profile);
	if (rlen + plen <= (int) sizeof(slot->names))
	{
		memcpy(slot->names, rname, rlen);
		memcpy(slot->names + rlen, pname, plen);
		slot->rule_len = rlen;
		slot->profile_len = plen;
		slot->generation = timescale_config.generation;
	}
	return slot;
}

/*
 * The deadline of the resolved rule from anchor under its version in force
 * on as_of; false when optional and no version is in force (or the rule is
 * unknown).
 */
static bool
resolved_deadline(Resolved *r, NamedDay anchor, NamedDay as_of, bool optional, DateADT *due)
{
	const Version *v;
	const WorkingCalendar *cal = NULL;

	if (r->rule == NULL)
		return false;
	/* an optional rule not in force does not look at the anchor */
	if (!optional)
		cpconf_check_day(anchor.day, anchor.name);
	if (DATE_NOT_FINITE(as_of.day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is infinite", as_of.name),
				 errdetail("%s picks the version of rule %s in force on a day.", as_of.name, r->rule->id),
				 errhint("Pass a real date%s.", strcmp(as_of.name, "as_of") == 0 ? ", or NULL to use the anchor's" : "")));

	v = version_in_force(r->rule, r->profile, as_of.day);
	if (v == NULL)
	{
		if (optional)
			return false;
		report_no_version(r->rule, r->profile, as_of);
	}
	if (optional)
		cpconf_check_day(anchor.day, anchor.name);

	if (v->unit == UNIT_WORKING_DAYS)
		cal = r->calendar
			? calendar_resolve(&r->calendar_ref, r->calendar, strlen(r->calendar), false)
			: calendar_from_setting(&r->calendar_ref);
	*due = apply_version(r->rule, v, anchor, cal);
	return true;
}

/* That profile (NULL: the setting) exists: an error naming the known ones if not. */
void
timescale_check_profile(DeadlineRef *ref, const char *profile)
{
	(void) resolve(ref, "", 0, profile, profile ? strlen(profile) : 0, true);
}

/* A call site's memory of the rules and profiles it resolved. */
DeadlineRef *
deadline_ref_create(MemoryContext cxt)
{
	return MemoryContextAllocZero(cxt, sizeof(DeadlineRef));
}

/*
 * For reports, which judge every row: the deadline of rule for profile
 * (NULL: the setting) from anchor, under the version in force on the
 * anchor, with what the rule counts.  A problem of the data (an anchor
 * outside cpconf's calendars, no version in force on it, a deadline outside
 * the calendars) is returned in out->problem, not raised; an unknown rule
 * or profile, or a rule no profile on the chain states, is still an error:
 * it is the query's, not the data's.
 */
bool
timescale_judge(DeadlineRef *ref, const char *rule, int rule_len, const char *profile, int profile_len,
				DateADT anchor, TimescaleDue *out)
{
	Resolved   *r = resolve(ref, rule, rule_len, profile, profile_len, false);
	const Version *v;
	const WorkingCalendar *cal = NULL;
	int64		due;

	memset(out, 0, sizeof(*out));
	out->profile = cache->profiles.names[r->profile];
	if (DATE_NOT_FINITE(anchor) || anchor < CPCONF_FIRST_DAY || anchor > CPCONF_LAST_DAY)
	{
		out->out_of_range = true;
		out->problem = psprintf("the day it counts from, %s, is outside the years cpconf's calendars cover (%d to %d)",
								DATE_NOT_FINITE(anchor) ? (DATE_IS_NOBEGIN(anchor) ? "-infinity" : "infinity")
								: cpconf_format_day(anchor), CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR);
		return false;
	}
	v = version_in_force(r->rule, r->profile, anchor);
	if (v == NULL)
	{
		bool		stated = false;
		int			q,
					steps;

		FOR_EACH_PROFILE_UP(&cache->profiles, q, r->profile, steps)
			for (int i = 0; i < r->rule->nversions; i++)
				stated |= r->rule->versions[i].head.profile == q;
		if (!stated)
			report_no_version(r->rule, r->profile, NAMED_DAY(anchor, "anchor"));
		out->problem = psprintf("rule %s is not in force for profile \"%s\" on %s",
								r->rule->id, out->profile, cpconf_format_day(anchor));
		return false;
	}
	out->working_days = v->unit == UNIT_WORKING_DAYS;
	out->amount = v->amount;
	out->before = v->direction == AT_LEAST_BEFORE;
	out->not_before = v->direction == AT_LEAST_AFTER;
	if (out->working_days)
		cal = r->calendar
			? calendar_resolve(&r->calendar_ref, r->calendar, strlen(r->calendar), false)
			: calendar_from_setting(&r->calendar_ref);
	out->calendar = cal;
	due = version_due(v, anchor, cal);
	if (due < CPCONF_FIRST_DAY || due > CPCONF_LAST_DAY)
	{
		out->out_of_range = true;
		out->problem = psprintf("its deadline from %s is outside the years cpconf's calendars cover (%d to %d)",
								cpconf_format_day(anchor), CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR);
		return false;
	}
	out->due = (DateADT) due;
	return true;
}

/*
 * For the layers above: the deadline of rule for profile (NULL: the
 * setting) from anchor, under the version in force on as_of.  When
 * optional, false instead of an error if no version is in force then.
 */
bool
timescale_deadline(DeadlineRef *ref, const char *rule, const char *profile,
				   NamedDay anchor, NamedDay as_of, bool optional, DateADT *due)
{
	Resolved   *r = resolve(ref, rule, strlen(rule), profile,
							profile ? strlen(profile) : 0, optional);

	return resolved_deadline(r, anchor, as_of, optional, due);
}

/*
 * When the first review conference is due (T-RCPC1) after an initial
 * conference; after a pre-birth one (the birth after the conference), where
 * the profile states T-RCPC1-BIRTH, the earlier of that from the birth and
 * T-RCPC1.  A birth on or before the conference is ignored.  as_of
 * picks the versions (not given: the conference's day).
 */
DateADT
timescale_first_review_due(DeadlineRef *ref, DateADT initial_conference, DateADT birth,
						   bool birth_known, const char *profile, bool as_of_given, DateADT as_of)
{
	DateADT		due = 0,
				from_birth;
	NamedDay	in_force = as_of_given ? NAMED_DAY(as_of, "as_of")
		: NAMED_DAY(initial_conference, "initial_conference");

	timescale_deadline(ref, "T-RCPC1", profile, NAMED_DAY(initial_conference, "initial_conference"),
					   in_force, false, &due);
	/* only a birth after the conference makes it a pre-birth conference */
	if (birth_known && birth > initial_conference &&
		timescale_deadline(ref, "T-RCPC1-BIRTH", profile, NAMED_DAY(birth, "birth"), in_force, true, &from_birth))
		due = Min(due, from_birth);
	return due;
}

/*
 * The rules whose id starts with prefix in force for profile (NULL: the
 * setting) on as_of, in id order: their ids and what they require, copied
 * into the current memory context.
 */
int
timescale_rules_in_force(const char *prefix, const char *profile, DateADT as_of,
						 const char ***ids, const char ***whats)
{
	int			p,
				n = 0;
	size_t		plen = strlen(prefix);
	const char *name;

	ensure_cache();
	name = profile ? profile : cpconf_default_profile();
	p = profiles_lookup(&cache->profiles, name, strlen(name), profile == NULL);
	*ids = palloc0((cache->nrules + 1) * sizeof(char *));
	*whats = palloc0((cache->nrules + 1) * sizeof(char *));
	for (int i = 0; i < cache->nrules; i++)
	{
		const Version *v;

		if (strncmp(cache->rules[i].id, prefix, plen) != 0)
			continue;
		if ((v = version_in_force(&cache->rules[i], p, as_of)) == NULL)
			continue;
		(*ids)[n] = pstrdup(cache->rules[i].id);
		(*whats)[n] = pstrdup(v->what);
		n++;
	}
	return n;
}

static DateADT
deadline(FunctionCallInfo fcinfo, NamedDay anchor, NamedDay as_of)
{
	DeadlineRef *ref = (DeadlineRef *) fcinfo->flinfo->fn_extra;
	text	   *rule = PG_GETARG_TEXT_PP(0);
	text	   *profile = PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2);
	DateADT		due = 0;

	if (ref == NULL)
		fcinfo->flinfo->fn_extra = ref = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
	resolved_deadline(resolve(ref, VARDATA_ANY(rule), VARSIZE_ANY_EXHDR(rule),
							  profile ? VARDATA_ANY(profile) : NULL,
							  profile ? VARSIZE_ANY_EXHDR(profile) : 0, false),
					  anchor, as_of, false, &due);
	return due;
}

PG_FUNCTION_INFO_V1(cpconf_deadline);
PG_FUNCTION_INFO_V1(cpconf_deadline_ts);
PG_FUNCTION_INFO_V1(cpconf_timescales);
PG_FUNCTION_INFO_V1(cpconf_first_review_due);

/*
 * first_review_due(initial_conference, birth, profile, as_of): NULL for a
 * NULL conference; a NULL profile is the setting, a NULL as_of the
 * conference's day.
 */
Datum
cpconf_first_review_due(PG_FUNCTION_ARGS)
{
	DeadlineRef *ref = (DeadlineRef *) fcinfo->flinfo->fn_extra;
	char	   *profile = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(1))
		cpconf_check_finite(PG_GETARG_DATEADT(1), "birth", "A birth after the conference counts for the first review (T-RCPC1-BIRTH).");
	if (ref == NULL)
		fcinfo->flinfo->fn_extra = ref = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
	PG_RETURN_DATEADT(timescale_first_review_due(ref, PG_GETARG_DATEADT(0),
												 PG_ARGISNULL(1) ? 0 : PG_GETARG_DATEADT(1),
												 !PG_ARGISNULL(1), profile,
												 !PG_ARGISNULL(3), PG_ARGISNULL(3) ? 0 : PG_GETARG_DATEADT(3)));
}

/*
 * deadline(rule, anchor, profile, as_of): not STRICT, because a NULL
 * profile means the setting and a NULL as_of the anchor; a NULL rule or
 * anchor gives NULL.
 */
Datum
cpconf_deadline(PG_FUNCTION_ARGS)
{
	DateADT		anchor;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	anchor = PG_GETARG_DATEADT(1);
	PG_RETURN_DATEADT(deadline(fcinfo, NAMED_DAY(anchor, "anchor"),
							   PG_ARGISNULL(3) ? NAMED_DAY(anchor, "anchor")
							   : NAMED_DAY(PG_GETARG_DATEADT(3), "as_of")));
}

Datum
cpconf_deadline_ts(PG_FUNCTION_ARGS)
{
	DateADT		anchor;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	anchor = cpconf_day_arg(fcinfo, 1, "anchor");
	PG_RETURN_DATEADT(deadline(fcinfo, NAMED_DAY(anchor, "anchor"),
							   PG_ARGISNULL(3) ? NAMED_DAY(anchor, "anchor")
							   : NAMED_DAY(cpconf_day_arg(fcinfo, 3, "as_of"), "as_of")));
}

/*
 * timescales(profile, as_of): every rule in force for the profile on as_of
 * (today when NULL), after inheritance and council overrides.
 */
Datum
cpconf_timescales(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DateADT		as_of;
	int			p;

	InitMaterializedSRF(fcinfo, 0);
	ensure_cache();
	p = profiles_lookup_arg(&cache->profiles, PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0));
	as_of = PG_ARGISNULL(1) ? GetSQLCurrentDate() : PG_GETARG_DATEADT(1);
	if (DATE_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("as_of is infinite"),
				 errdetail("as_of picks the version of each rule in force on a day."),
				 errhint("Pass a real date, or NULL for today.")));

	for (int i = 0; i < cache->nrules; i++)
	{
		const Rule *rule = &cache->rules[i];
		const Version *v = version_in_force(rule, p, as_of);
		Datum		values[12];
		bool		nulls[12] = {false};

		if (v == NULL)
			continue;
		values[0] = CStringGetTextDatum(rule->id);
		values[1] = CStringGetTextDatum(v->what);
		values[2] = CStringGetTextDatum(v->anchor);
		values[3] = Int32GetDatum(v->amount);
		values[4] = CStringGetTextDatum(unit_names[v->unit]);
		values[5] = CStringGetTextDatum(direction_names[v->direction]);
		values[6] = DateADTGetDatum(v->head.from);
		values[7] = DateADTGetDatum(v->head.to);
		nulls[7] = DATE_IS_NOEND(v->head.to);
		values[8] = CStringGetTextDatum(cache->profiles.names[v->head.profile]);
		values[9] = BoolGetDatum(v->head.shipped);
		values[10] = CStringGetTextDatum(v->source);
		nulls[11] = v->note == NULL;
		values[11] = nulls[11] ? (Datum) 0 : CStringGetTextDatum(v->note);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---- prebirth_conference_due() (T-PREBIRTH, T-PREBIRTH-OPENS) ---- */

PG_FUNCTION_INFO_V1(cpconf_prebirth_conference_due);

static const RowShape prebirth_shape = {
	"prebirth_conference_due's result", 2, {DATEOID, DATEOID}
};

typedef struct PrebirthRef
{
	TupleDesc	tupdesc;
	DeadlineRef *deadlines;
} PrebirthRef;

/*
 * prebirth_conference_due(expected_delivery, gestation_weeks, gestation_on,
 * profile, as_of) -> (not_before, due): from the expected date of delivery,
 * or from the completed weeks of pregnancy on a day (40 weeks: delivery).
 * Both NULL when neither is given.
 */
Datum
cpconf_prebirth_conference_due(PG_FUNCTION_ARGS)
{
	PrebirthRef *ref = (PrebirthRef *) fcinfo->flinfo->fn_extra;
	char	   *profile = PG_ARGISNULL(3) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(3));
	Datum		values[2] = {0, 0};
	bool		nulls[2] = {true, true};
	DateADT		edd = 0,
				due;
	bool		have_edd = !PG_ARGISNULL(0);

	if (ref == NULL)
	{
		ref = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(PrebirthRef));
		ref->tupdesc = cpconf_blessed_result_type(fcinfo, &prebirth_shape);
		ref->deadlines = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = ref;
	}
	if (have_edd)
		edd = PG_GETARG_DATEADT(0);
	if (!have_edd && !PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		int32		weeks = PG_GETARG_INT32(1);
		DateADT		on = PG_GETARG_DATEADT(2);

		if (weeks < 0 || weeks > 45)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("gestation of %d weeks is not a pregnancy", weeks),
					 errdetail("Rule T-PREBIRTH counts from the expected date of delivery, at 40 weeks of pregnancy."),
					 errhint("Give the completed weeks of pregnancy on gestation_on, from 0 to 45.")));
		edd = DATE_NOT_FINITE(on) ? on : on + 7 * (40 - weeks);
		if (!DATE_NOT_FINITE(edd) && !IS_VALID_DATE(edd))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("date out of range")));
		have_edd = true;
	}
	else if (have_edd && (!PG_ARGISNULL(1) || !PG_ARGISNULL(2)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("give either the expected date of delivery or the gestation, not both"),
				 errdetail("Rule T-PREBIRTH counts from one expected date of delivery."),
				 errhint("Pass expected_delivery, or gestation_weeks with gestation_on.")));

	if (have_edd)
	{
		NamedDay	delivery = NAMED_DAY(edd, PG_ARGISNULL(0) ? "expected delivery (from gestation_on)"
										 : "expected_delivery");
		NamedDay	in_force = PG_ARGISNULL(4) ? delivery : NAMED_DAY(PG_GETARG_DATEADT(4), "as_of");

		timescale_deadline(ref->deadlines, "T-PREBIRTH", profile, delivery, in_force, false, &due);
		nulls[1] = false;
		values[1] = DateADTGetDatum(due);
		if (timescale_deadline(ref->deadlines, "T-PREBIRTH-OPENS", profile, delivery, in_force, true, &due))
		{
			nulls[0] = false;
			values[0] = DateADTGetDatum(due);
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(ref->tupdesc, values, nulls)));
}
