/*
 * calendar.c
 *		The calendar layer: UK bank holidays, council closure days and
 *		working-day arithmetic.
 *
 * Bank holidays are generated from the rules and one-offs in
 * doc/calendar.md for every year CPCONF_FIRST_YEAR..CPCONF_LAST_YEAR, then
 * corrected by cpconf.holiday_override; a council calendar adds the closure
 * days in cpconf.closure_day to its UK base.  Each calendar becomes one
 * sorted array of non-working weekdays, cached per backend.
 *
 * The arithmetic is closed form.  Number every weekday from a fixed Monday
 * (weekday_ordinal); the working-day ordinal of a day is its weekday ordinal
 * less the non-working weekdays on or before it (a binary search).  The
 * inverse, "the k-th working day", adds back the non-working weekdays that
 * come before it, found by a binary search in the precomputed array
 * before[i] = working days on or before days[i].  No loop over days.
 *
 * Counting convention (doc/calendar.md): add_working_days(d, n) is the
 * n-th working day strictly after d (n > 0), strictly before d (n < 0), or
 * d itself if it is a working day and else the next one (n = 0);
 * working_days_between(a, b) counts the working days in (a, b].
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
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
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "calendar.h"

struct WorkingCalendar
{
	const char *name;
	int			namelen;
	const char *description;
	const WorkingCalendar *base;	/* UK base of a council calendar, else
									 * NULL */
	/* bank holidays, after overrides (a council calendar: its base's) */
	int			nholidays;
	const Holiday *holidays;
	/* every non-working weekday, sorted, and the working days up to each */
	int			ndays;
	const DateADT *days;
	const int32 *before;
	/* direct indexes into days[], so a lookup scans a few entries at most */
	const uint16 *week_start;	/* first entry on or after each week's Monday */
	const uint16 *ordinal_start;	/* first entry with before[] >= 8 * b */
	int			nordinal;
};

/* ---- the closed-form arithmetic ---- */

/* 1977-12-26, a Monday on or before every day a calculation touches. */
#define EPOCH_MONDAY (-8041)

/* The number of weekdays in [EPOCH_MONDAY, day]. */
static inline int32
weekday_ordinal(DateADT day)
{
	int32		t = day - EPOCH_MONDAY;

	return 5 * (t / 7) + Min(t % 7 + 1, 5);
}

/* The weekday whose weekday_ordinal is m (m >= 1). */
static inline int64
nth_weekday(int64 m)
{
	return EPOCH_MONDAY + 7 * ((m - 1) / 5) + (m - 1) % 5;
}

#define N_WEEKS ((CPCONF_LAST_DAY - EPOCH_MONDAY) / 7 + 1)
#define ORDINAL_BUCKET 8

/*
 * The number of non-working weekdays on or before day.  week_start gives the
 * count before day's week; at most five entries fall inside the week.
 */
static inline int
days_on_or_before(const WorkingCalendar *cal, DateADT day)
{
	int			i = cal->week_start[(day - EPOCH_MONDAY) / 7];

	while (i < cal->ndays && cal->days[i] <= day)
		i++;
	return i;
}

/* Working days in [EPOCH_MONDAY, day]. */
static inline int32
working_ordinal(const WorkingCalendar *cal, DateADT day)
{
	return weekday_ordinal(day) - days_on_or_before(cal, day);
}

/*
 * The working day whose working_ordinal is k: the (k + j)-th weekday, where
 * j counts the non-working weekdays before it, i.e. those with before[] < k
 * (before[i] is the number of working days on or before days[i]).
 * ordinal_start gives j for the bucket of k; a few entries remain to scan.
 */
static inline int64
kth_working_day(const WorkingCalendar *cal, int64 k)
{
	int			i;

	if (k < 1)
		return EPOCH_MONDAY - 1;
	if (k / ORDINAL_BUCKET >= cal->nordinal)
		return nth_weekday(k + cal->ndays);
	i = cal->ordinal_start[k / ORDINAL_BUCKET];
	while (i < cal->ndays && cal->before[i] < k)
		i++;
	return nth_weekday(k + i);
}

bool
calendar_is_working_day(const WorkingCalendar *cal, DateADT day)
{
	int			i;

	cpconf_check_day(day, "day");
	if (cpconf_is_weekend(day))
		return false;
	i = days_on_or_before(cal, day);
	return i == 0 || cal->days[i - 1] != day;
}

/*
 * The n-th working day after day (n > 0), before it (n < 0), or day itself
 * or the next (n = 0), as add_working_days counts; day within cpconf's
 * years.  The result may lie outside them: the caller says so in its terms.
 */
int64
calendar_working_day_after(const WorkingCalendar *cal, DateADT day, int64 n)
{
	int64		k;

	if (n > 0)
		k = (int64) working_ordinal(cal, day) + n;
	else
		k = (int64) working_ordinal(cal, day - 1) + n + 1;
	return kth_working_day(cal, k);
}

DateADT
calendar_add_working_days(const WorkingCalendar *cal, DateADT day, int64 n)
{
	int64		result;

	cpconf_check_day(day, "day");
	result = calendar_working_day_after(cal, day, n);
	if (result < CPCONF_FIRST_DAY || result > CPCONF_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%lld working day%s from %s is outside the range of cpconf's calendars",
						(long long) n, n == 1 || n == -1 ? "" : "s", cpconf_format_day(day)),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Check the number of working days for a typing error.")));
	return (DateADT) result;
}

int32
calendar_working_days_between(const WorkingCalendar *cal,
							  DateADT from_day, DateADT to_day)
{
	cpconf_check_day(from_day, "from_day");
	cpconf_check_day(to_day, "to_day");
	return working_ordinal(cal, to_day) - working_ordinal(cal, from_day);
}

/* ---- the per-backend cache ---- */

/*
 * Everything is rebuilt together when any calendar table changes: the data
 * is small (a few thousand days) and rebuilding takes well under a
 * millisecond.
 */
typedef struct CalendarCache
{
	int			ncalendars;
	WorkingCalendar *calendars;
} CalendarCache;

static void *build_cache(MemoryContext cxt);

static ConfigCache calendar_config = {
	.name = "cpconf calendars",
	.tables = {"holiday_override", "council_calendar", "closure_day", NULL},
	.build = build_cache,
};

static CalendarCache *cache = NULL;

/* Make the cache current. */
static void
ensure_cache(void)
{
	cache = config_cache_get(&calendar_config);
}

static int
holiday_cmp(const void *a, const void *b)
{
	DateADT		x = ((const Holiday *) a)->day;
	DateADT		y = ((const Holiday *) b)->day;

	return (x > y) - (x < y);
}

static int
day_cmp(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a;
	DateADT		y = *(const DateADT *) b;

	return (x > y) - (x < y);
}

/*
 * Fill in a calendar's non-working weekdays from its holidays plus extra
 * days.  Entries on weekends, out of range or repeated are dropped here too,
 * whatever the tables' triggers let through (a restore with triggers
 * disabled, say): the arithmetic needs sorted, distinct weekdays.
 */
static void
finish_calendar(MemoryContext cxt, WorkingCalendar *cal,
				const DateADT *extra, int nextra)
{
	DateADT    *days = MemoryContextAlloc(cxt, (cal->nholidays + nextra + 1) * sizeof(DateADT));
	int32	   *before;
	uint16	   *week_start;
	uint16	   *ordinal_start;
	int			nordinal;
	int			n = 0,
				kept = 0;

	for (int i = 0; i < cal->nholidays; i++)
		days[n++] = cal->holidays[i].day;
	for (int i = 0; i < nextra; i++)
		days[n++] = extra[i];
	qsort(days, n, sizeof(DateADT), day_cmp);
	for (int i = 0; i < n; i++)
	{
		if (days[i] < CPCONF_FIRST_DAY || days[i] > CPCONF_LAST_DAY || cpconf_is_weekend(days[i]))
			continue;
		if (kept > 0 && days[kept - 1] == days[i])
			continue;
		days[kept++] = days[i];
	}
	before = MemoryContextAlloc(cxt, (kept + 1) * sizeof(int32));
	for (int i = 0; i < kept; i++)
		before[i] = weekday_ordinal(days[i]) - (i + 1);

	/* kept < 65536: there are fewer weekdays than that in the range */
	week_start = MemoryContextAlloc(cxt, N_WEEKS * sizeof(uint16));
	for (int w = 0, i = 0; w < N_WEEKS; w++)
	{
		while (i < kept && days[i] < EPOCH_MONDAY + 7 * w)
			i++;
		week_start[w] = i;
	}
	nordinal = (weekday_ordinal(CPCONF_LAST_DAY) - kept) / ORDINAL_BUCKET + 1;
	ordinal_start = MemoryContextAlloc(cxt, nordinal * sizeof(uint16));
	for (int b = 0, i = 0; b < nordinal; b++)
	{
		while (i < kept && before[i] < ORDINAL_BUCKET * b)
			i++;
		ordinal_start[b] = i;
	}

	cal->ndays = kept;
	cal->days = days;
	cal->before = before;
	cal->week_start = week_start;
	cal->ordinal_start = ordinal_start;
	cal->nordinal = nordinal;
}

typedef struct Override
{
	int			calendar;		/* index into uk_calendar_names, or -1 */
	DateADT		day;
	bool		add;
	const char *name;
} Override;

/* A UK calendar: the rules, less the overrides' removals, plus their additions. */
static void
build_uk_calendar(MemoryContext cxt, WorkingCalendar *cal, int calendar,
				  const Override *overrides, int noverrides)
{
	int			nrules;
	Holiday    *rules = bank_holidays_generate(calendar, &nrules);
	Holiday    *holidays = MemoryContextAlloc(cxt, (nrules + noverrides + 1) * sizeof(Holiday));
	int			n = 0;

	for (int i = 0; i < nrules; i++)
	{
		bool		removed = false;

		for (int r = 0; r < noverrides; r++)
			removed |= overrides[r].calendar == calendar && !overrides[r].add &&
				overrides[r].day == rules[i].day;
		if (!removed)
			holidays[n++] = rules[i];
	}
	for (int r = 0; r < noverrides; r++)
		if (overrides[r].calendar == calendar && overrides[r].add)
		{
			holidays[n].day = overrides[r].day;
			holidays[n].name = overrides[r].name;
			holidays[n].substitute = false;
			n++;
		}
	qsort(holidays, n, sizeof(Holiday), holiday_cmp);
	pfree(rules);
	cal->holidays = holidays;
	cal->nholidays = n;
	finish_calendar(cxt, cal, NULL, 0);
}

/* Read the three tables (inside SPI) and build every calendar in cxt. */
static void *
build_cache(MemoryContext cxt)
{
	CalendarCache *c = MemoryContextAllocZero(cxt, sizeof(CalendarCache));
	uint64		ncouncil;
	Override   *overrides;
	uint64		noverrides;
	char	  **closure_calendar;
	DateADT    *closure_day;
	uint64		nclosures;

	cpconf_read_table("SELECT calendar, day, change, name FROM cpconf.holiday_override");
	noverrides = SPI_processed;
	overrides = MemoryContextAlloc(cxt, (noverrides + 1) * sizeof(Override));
	for (uint64 r = 0; r < noverrides; r++)
	{
		char	   *calendar = cpconf_spi_text(CurrentMemoryContext, r, 1);
		char	   *change = cpconf_spi_text(CurrentMemoryContext, r, 3);
		char	   *name = cpconf_spi_text(cxt, r, 4);

		overrides[r].calendar = calendar ? uk_calendar_index(calendar) : -1;
		overrides[r].day = cpconf_spi_date(r, 2);
		overrides[r].add = change && strcmp(change, "add") == 0;
		overrides[r].name = name ? name : "Bank holiday";
	}

	cpconf_read_table("SELECT calendar, day FROM cpconf.closure_day");
	nclosures = SPI_processed;
	closure_calendar = MemoryContextAlloc(cxt, (nclosures + 1) * sizeof(char *));
	closure_day = MemoryContextAlloc(cxt, (nclosures + 1) * sizeof(DateADT));
	for (uint64 r = 0; r < nclosures; r++)
	{
		closure_calendar[r] = cpconf_spi_text(cxt, r, 1);
		closure_day[r] = cpconf_spi_date(r, 2);
	}

	cpconf_read_table("SELECT name, base, description FROM cpconf.council_calendar ORDER BY name COLLATE pg_catalog.\"C\"");
	ncouncil = SPI_processed;
	c->ncalendars = N_UK_CALENDARS + ncouncil;
	c->calendars = MemoryContextAllocZero(cxt, c->ncalendars * sizeof(WorkingCalendar));
	for (uint64 r = 0; r < ncouncil; r++)
	{
		WorkingCalendar *cal = &c->calendars[N_UK_CALENDARS + r];
		char	   *base = cpconf_spi_text(cxt, r, 2);

		cal->name = cpconf_spi_text(cxt, r, 1);
		cal->description = cpconf_spi_text(cxt, r, 3);
		for (int i = 0; i < N_UK_CALENDARS; i++)
			if (base && strcmp(base, uk_calendar_names[i]) == 0)
				cal->base = &c->calendars[i];
	}

	for (int i = 0; i < N_UK_CALENDARS; i++)
	{
		WorkingCalendar *cal = &c->calendars[i];

		cal->name = uk_calendar_names[i];
		cal->description = "UK bank holidays";
		build_uk_calendar(cxt, cal, i, overrides, noverrides);
	}

	for (int i = N_UK_CALENDARS; i < c->ncalendars; i++)
	{
		WorkingCalendar *cal = &c->calendars[i];
		DateADT    *extra = MemoryContextAlloc(cxt, (nclosures + 1) * sizeof(DateADT));
		int			nextra = 0;

		/* a base the table's check lets through only if bypassed: no calendar */
		if (cal->base == NULL || cal->name == NULL)
			continue;
		cal->nholidays = cal->base->nholidays;
		cal->holidays = cal->base->holidays;
		for (uint64 r = 0; r < nclosures; r++)
			if (closure_calendar[r] && strcmp(closure_calendar[r], cal->name) == 0)
				extra[nextra++] = closure_day[r];
		finish_calendar(cxt, cal, extra, nextra);
	}
	for (int i = 0; i < c->ncalendars; i++)
		c->calendars[i].namelen = c->calendars[i].name ? (int) strlen(c->calendars[i].name) : -1;

	return c;
}

static char *
known_calendars(void)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < cache->ncalendars; i++)
		if (cache->calendars[i].days != NULL)
			appendStringInfo(&buf, "%s%s", i ? ", " : "", cache->calendars[i].name);
	return buf.data;
}

static const WorkingCalendar *
find_calendar(const char *name, int len, bool from_setting)
{
	ensure_cache();
	for (int i = 0; i < cache->ncalendars; i++)
	{
		WorkingCalendar *cal = &cache->calendars[i];

		if (cal->namelen == len && cal->days != NULL && memcmp(cal->name, name, len) == 0)
			return cal;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("calendar \"%.*s\" does not exist", len, name),
			 from_setting
			 ? errdetail("The calendar was named by the setting cpconf.calendar, used when a call names none.")
			 : errdetail("Working days are counted on a UK calendar or on a council calendar built on one."),
			 errhint("Known calendars: %s. A council adds its own in cpconf.council_calendar.",
					 known_calendars())));
	return NULL;				/* keep compiler quiet */
}

/* The calendar name in argument argno, or the setting's when it is NULL. */
static void
calendar_arg_name(FunctionCallInfo fcinfo, int argno,
				  const char **name, int *len, bool *from_setting)
{
	*from_setting = PG_NARGS() <= argno || PG_ARGISNULL(argno);
	if (*from_setting)
	{
		*name = cpconf_default_calendar();
		*len = strlen(*name);
	}
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(argno);

		*name = VARDATA_ANY(t);
		*len = VARSIZE_ANY_EXHDR(t);
	}
}

/*
 * Look a calendar up through ref, a cache the caller keeps (in fn_extra), so
 * that a query over many rows resolves the name once, not once per row.
 */
const WorkingCalendar *
calendar_resolve(CalendarRef *ref, const char *name, int len, bool from_setting)
{
	ensure_cache();
	if (ref->generation == calendar_config.generation && ref->len == len &&
		memcmp(ref->name, name, len) == 0)
		return ref->cal;
	ref->generation = 0;
	ref->cal = find_calendar(name, len, from_setting);
	if (len < (int) sizeof(ref->name))
	{
		ref->len = len;
		memcpy(ref->name, name, len);
		ref->generation = calendar_config.generation;
	}
	return ref->cal;
}

/* The calendar named by the setting cpconf.calendar. */
const WorkingCalendar *
calendar_from_setting(CalendarRef *ref)
{
	const char *name = cpconf_default_calendar();

	return calendar_resolve(ref, name, strlen(name), true);
}

/*
 * The calendar named by argument argno, or by the setting when it is NULL.
 * Not for set-returning functions, whose fn_extra belongs to the SRF
 * machinery.
 */
const WorkingCalendar *
calendar_from_arg(FunctionCallInfo fcinfo, int argno)
{
	CalendarRef *ref = (CalendarRef *) fcinfo->flinfo->fn_extra;
	const char *name;
	int			len;
	bool		from_setting;

	if (ref == NULL)
		fcinfo->flinfo->fn_extra = ref =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CalendarRef));
	calendar_arg_name(fcinfo, argno, &name, &len, &from_setting);
	return calendar_resolve(ref, name, len, from_setting);
}

/* As calendar_from_arg, for callers whose fn_extra is taken (SRFs). */
static const WorkingCalendar *
calendar_from_arg_uncached(FunctionCallInfo fcinfo, int argno)
{
	const char *name;
	int			len;
	bool		from_setting;

	calendar_arg_name(fcinfo, argno, &name, &len, &from_setting);
	return find_calendar(name, len, from_setting);
}

/* ---- SQL-callable functions ---- */

PG_FUNCTION_INFO_V1(cpconf_is_working_day);
PG_FUNCTION_INFO_V1(cpconf_is_working_day_ts);
PG_FUNCTION_INFO_V1(cpconf_add_working_days);
PG_FUNCTION_INFO_V1(cpconf_add_working_days_ts);
PG_FUNCTION_INFO_V1(cpconf_working_days_between);
PG_FUNCTION_INFO_V1(cpconf_working_days_between_ts);
PG_FUNCTION_INFO_V1(cpconf_bank_holidays);

/*
 * The functions are not STRICT, because a NULL calendar means "the
 * setting"; a NULL day or count gives NULL.
 */
Datum
cpconf_is_working_day(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(calendar_is_working_day(calendar_from_arg(fcinfo, 1),
										   PG_GETARG_DATEADT(0)));
}

/* day_in_england(event_time): the Europe/London date of an event at this time. */
PG_FUNCTION_INFO_V1(cpconf_day_in_england);
Datum
cpconf_day_in_england(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(cpconf_england_day(PG_GETARG_TIMESTAMPTZ(0), "event_time"));
}

Datum
cpconf_is_working_day_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(calendar_is_working_day(calendar_from_arg(fcinfo, 1),
										   cpconf_day_arg(fcinfo, 0, "day")));
}

Datum
cpconf_add_working_days(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(calendar_add_working_days(calendar_from_arg(fcinfo, 2),
												PG_GETARG_DATEADT(0),
												PG_GETARG_INT32(1)));
}

Datum
cpconf_add_working_days_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(calendar_add_working_days(calendar_from_arg(fcinfo, 2),
												cpconf_day_arg(fcinfo, 0, "day"),
												PG_GETARG_INT32(1)));
}

Datum
cpconf_working_days_between(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_INT32(calendar_working_days_between(calendar_from_arg(fcinfo, 2),
												  PG_GETARG_DATEADT(0),
												  PG_GETARG_DATEADT(1)));
}

Datum
cpconf_working_days_between_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_INT32(calendar_working_days_between(calendar_from_arg(fcinfo, 2),
												  cpconf_day_arg(fcinfo, 0, "from_day"),
												  cpconf_day_arg(fcinfo, 1, "to_day")));
}

/*
 * bank_holidays(calendar, from_day, to_day): a NULL bound is open on that
 * side.  The rows are copied out at the first call: the cache may be rebuilt
 * between calls.
 */
typedef struct HolidayRows
{
	int			n;
	int			next;
	Holiday    *rows;
} HolidayRows;

Datum
cpconf_bank_holidays(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	HolidayRows *state;

	if (SRF_IS_FIRSTCALL())
	{
		const WorkingCalendar *cal;
		DateADT		from_day = CPCONF_FIRST_DAY,
					to_day = CPCONF_LAST_DAY;
		MemoryContext oldcxt;
		TupleDesc	tupdesc;
		int			lo,
					hi;

		funcctx = SRF_FIRSTCALL_INIT();
		cal = calendar_from_arg_uncached(fcinfo, 0);
		if (!PG_ARGISNULL(1))
		{
			from_day = PG_GETARG_DATEADT(1);
			cpconf_check_day(from_day, "from_day");
		}
		if (!PG_ARGISNULL(2))
		{
			to_day = PG_GETARG_DATEADT(2);
			cpconf_check_day(to_day, "to_day");
		}

		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		state = palloc0(sizeof(HolidayRows));
		lo = 0;
		while (lo < cal->nholidays && cal->holidays[lo].day < from_day)
			lo++;
		hi = lo;
		while (hi < cal->nholidays && cal->holidays[hi].day <= to_day)
			hi++;
		state->n = hi - lo;
		state->rows = palloc((state->n + 1) * sizeof(Holiday));
		for (int i = 0; i < state->n; i++)
		{
			const Holiday *h = &cal->holidays[lo + i];

			state->rows[i].day = h->day;
			state->rows[i].name = h->substitute
				? psprintf("%s (substitute day)", h->name) : pstrdup(h->name);
		}
		funcctx->user_fctx = state;
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	state = funcctx->user_fctx;
	if (state->next < state->n)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		Holiday    *h = &state->rows[state->next++];

		values[0] = DateADTGetDatum(h->day);
		values[1] = CStringGetTextDatum(h->name);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
