/*
 * reporting.c
 *		The reporting layer: whether an event was on time, as a report
 *		judges every row.
 *
 * A report reads a council's records, dirty ones among them, and must
 * return every row: a placeholder 1900-01-01, a conference held before its
 * strategy discussion or a date before any rule in force is a row whose
 * status names the problem, never an error that aborts the report.  What is
 * wrong with the query itself (an unknown rule or profile, an argument of
 * the wrong type) is still an error.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "pgtime.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/formatting.h"
#include "utils/timestamp.h"

#include "reporting.h"

PG_FUNCTION_INFO_V1(cpconf_timeliness);
PG_FUNCTION_INFO_V1(cpconf_day_of);

/* The shape of cpconf.timeliness_result. */
static const RowShape timeliness_shape = {
	"timeliness_result", 6, {DATEOID, INT4OID, BOOLOID, TEXTOID, TEXTOID, TEXTOID}
};

/* The statuses, and the national bands of T-ICPC. */
static const char *const statuses[] = {
	"on_time", "late", "not_held", "no_anchor", "held_before_anchor", "date_out_of_range", "no_rule_in_force"
};
enum
{
	S_ON_TIME, S_LATE, S_NOT_HELD, S_NO_ANCHOR, S_HELD_BEFORE_ANCHOR, S_DATE_OUT_OF_RANGE, S_NO_RULE_IN_FORCE
};
static const char *const bands[] = {"0-10", "11-15", "16-20", "21+"};

/* What a call site keeps between rows: it is called once a row of a report. */
typedef struct TimelinessRef
{
	TupleDesc	tupdesc;
	DeadlineRef *deadlines;
	Oid			types[2];		/* of anchor and held */
	Datum		statuses[lengthof(statuses)];	/* as text */
	Datum		bands[lengthof(bands)];
} TimelinessRef;

/*
 * A stored timestamptz's day in England, whatever the session's time zone.
 * (cpconf_england_day also refuses a value at midnight in a session east of
 * London, which a date converted to a timestamptz would be: here the value
 * is a column's, passed as it is.)
 */
static DateADT
london_day(TimestampTz t)
{
	static pg_tz *england = NULL;
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (england == NULL && (england = pg_tzset("Europe/London")) == NULL)
		elog(ERROR, "time zone \"Europe/London\" is not in PostgreSQL's time zone database");
	if (timestamp2tm(t, &tz, &tm, &fsec, NULL, england) != 0)
	{
		DateADT		end;

		DATE_NOEND(end);
		return end;
	}
	return date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
}

/*
 * An untyped literal is read as a date.  One with a time of day or a zone
 * would silently lose them (23:30 UTC on 3 June is 4 June in England), and
 * 'today' or 'now' are the session's day, not England's: the query's
 * mistakes, so the caller says which it means by casting.  Read three ways
 * (date, timestamp, timestamp with time zone), the literal is a plain day
 * only if all three agree on its midnight.
 */
static void
literal_is_a_day(const char *literal, const char *what, DateADT day)
{
	Timestamp	local;
	TimestampTz zoned;
	const char *why = NULL;
	char	   *folded = asc_tolower(literal, strlen(literal));

	if (strstr(folded, "today") || strstr(folded, "now") || strstr(folded, "tomorrow") || strstr(folded, "yesterday"))
		why = "a day relative to the session's clock";
	else if (!DATE_NOT_FINITE(day) && day >= DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE &&
			 day < TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE)
	{
		local = DatumGetTimestamp(DirectFunctionCall3(timestamp_in, CStringGetDatum(literal),
													  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
		zoned = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(literal),
														ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
		if (local != (Timestamp) day * USECS_PER_DAY)
			why = "a literal with a time of day";
		else if (zoned != DatumGetTimestampTz(DirectFunctionCall1(timestamp_timestamptz, TimestampGetDatum(local))))
			why = "a literal with a time zone";
	}
	pfree(folded);
	if (why != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s \"%s\" is %s", what, literal, why),
				 errdetail("An untyped literal is read as a date; its time and zone would be dropped, a relative day is the session's, and a timestamp with time zone is judged by its day in England."),
				 errhint("Cast it: timestamptz '%s' for a moment (its day in England), date '...' for a day, cpconf.today_in_england() for today.", literal)));
}

/*
 * Argument argno ("any": a date, a timestamp's day, a timestamptz's day in
 * England, or a date literal) as a day; false when NULL.  An infinite one
 * is returned as such: the caller reports it as data outside the calendars.
 */
static bool
report_day(FunctionCallInfo fcinfo, Oid type, int argno, const char *what, DateADT *day)
{
	if (PG_ARGISNULL(argno))
		return false;
	switch (type)
	{
		case DATEOID:
			*day = PG_GETARG_DATEADT(argno);
			return true;
		case TIMESTAMPOID:
			if (TIMESTAMP_IS_NOBEGIN(PG_GETARG_TIMESTAMP(argno)))
				DATE_NOBEGIN(*day);
			else if (TIMESTAMP_NOT_FINITE(PG_GETARG_TIMESTAMP(argno)))
				DATE_NOEND(*day);
			else
				*day = cpconf_timestamp_day(PG_GETARG_TIMESTAMP(argno), what);
			return true;
		case TIMESTAMPTZOID:
			if (TIMESTAMP_IS_NOBEGIN(PG_GETARG_TIMESTAMPTZ(argno)))
				DATE_NOBEGIN(*day);
			else if (TIMESTAMP_NOT_FINITE(PG_GETARG_TIMESTAMPTZ(argno)))
				DATE_NOEND(*day);
			else
				*day = london_day(PG_GETARG_TIMESTAMPTZ(argno));
			return true;
		case UNKNOWNOID:
			/* a literal: read as a date, as a column of dates would be */
			*day = DatumGetDateADT(DirectFunctionCall1(date_in, PG_GETARG_DATUM(argno)));
			literal_is_a_day(DatumGetCString(PG_GETARG_DATUM(argno)), what, *day);
			return true;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s is of type %s, not a date, timestamp or timestamp with time zone",
							what, format_type_be(type)),
					 errdetail("cpconf's reports count days between days."),
					 errhint("Pass the column of dates, or cast it: %s::date.", what)));
	}
	return false;				/* keep compiler quiet */
}

static bool
outside_calendars(DateADT day)
{
	return DATE_NOT_FINITE(day) || day < CPCONF_FIRST_DAY || day > CPCONF_LAST_DAY;
}

/* The national statistic's band of working days to an initial conference. */
static int
icpc_band(int32 working_days)
{
	return working_days <= 10 ? 0 : working_days <= 15 ? 1 : working_days <= 20 ? 2 : 3;
}

/*
 * timeliness(rule, anchor, held, profile) -> (due, working_days, on_time,
 * band, status, problem): whether held was in time for rule counted from
 * anchor, under the version in force on the anchor.  On time: for a rule
 * in working days, at most its number of working days from the anchor to
 * held (the national statistic's meaning: a Saturday after a Friday
 * deadline is in time); for another rule held on or before its due date
 * (on or after, for a rule of "not before").  See doc/reporting.md.
 */
Datum
cpconf_timeliness(PG_FUNCTION_ARGS)
{
	TimelinessRef *ref = (TimelinessRef *) fcinfo->flinfo->fn_extra;
	Datum		values[6] = {0};
	bool		nulls[6] = {true, true, true, true, true, true};
	DateADT		anchor = 0,
				held = 0;
	bool		has_anchor,
				has_held;
	text	   *rule;
	text	   *profile;
	TimescaleDue d;
	int			status;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the rule is needed to judge timeliness"),
				 errdetail("cpconf.timeliness() counts the rule's deadline from the anchor, e.g. rule T-ICPC."),
				 errhint("Pass a rule id: cpconf.timescales() lists them.")));
	if (ref == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		ref = palloc0(sizeof(TimelinessRef));
		ref->tupdesc = cpconf_blessed_result_type(fcinfo, &timeliness_shape);
		ref->deadlines = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
		for (int i = 0; i < 2; i++)
			ref->types[i] = get_fn_expr_argtype(fcinfo->flinfo, i + 1);
		for (int i = 0; i < (int) lengthof(statuses); i++)
			ref->statuses[i] = CStringGetTextDatum(statuses[i]);
		for (int i = 0; i < (int) lengthof(bands); i++)
			ref->bands[i] = CStringGetTextDatum(bands[i]);
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = ref;
	}
	rule = PG_GETARG_TEXT_PP(0);
	profile = PG_ARGISNULL(3) ? NULL : PG_GETARG_TEXT_PP(3);
	has_anchor = report_day(fcinfo, ref->types[0], 1, "anchor", &anchor);
	has_held = report_day(fcinfo, ref->types[1], 2, "held", &held);

#define JUDGE(day) timescale_judge(ref->deadlines, VARDATA_ANY(rule), VARSIZE_ANY_EXHDR(rule), \
								   profile ? VARDATA_ANY(profile) : NULL, profile ? VARSIZE_ANY_EXHDR(profile) : 0, \
								   (day), &d)
	/* the rule and profile are checked whatever the row holds */
	if (!has_anchor)
	{
		(void) JUDGE(CPCONF_FIRST_DAY);
		status = S_NO_ANCHOR;
		values[5] = CStringGetTextDatum("the day the rule counts from is not recorded");
		nulls[5] = false;
	}
	else if (!JUDGE(anchor))
	{
		status = d.out_of_range ? S_DATE_OUT_OF_RANGE : S_NO_RULE_IN_FORCE;
		values[5] = CStringGetTextDatum(d.problem);
		nulls[5] = false;
	}
	else
	{
		values[0] = DateADTGetDatum(d.due);
		nulls[0] = false;
		if (!has_held)
			status = S_NOT_HELD;
		else if (outside_calendars(held))
		{
			status = S_DATE_OUT_OF_RANGE;
			values[5] = CStringGetTextDatum(psprintf("the day held, %s, is outside the years cpconf's calendars cover (%d to %d)",
													 DATE_IS_NOBEGIN(held) ? "-infinity" : DATE_NOT_FINITE(held) ? "infinity" : cpconf_format_day(held),
													 CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR));
			nulls[5] = false;
		}
		else if (held < anchor && !d.before)
		{
			status = S_HELD_BEFORE_ANCHOR;
			values[5] = CStringGetTextDatum(psprintf("held on %s, before the day the rule counts from (%s)",
													 cpconf_format_day(held), cpconf_format_day(anchor)));
			nulls[5] = false;
		}
		else
		{
			bool		on_time;

			if (d.working_days)
			{
				int32		n = calendar_working_days_between(d.calendar, anchor, held);

				values[1] = Int32GetDatum(n);
				nulls[1] = false;
				on_time = d.before ? held <= d.due : d.not_before ? held >= d.due : n <= d.amount;
				if (VARSIZE_ANY_EXHDR(rule) == 6 && memcmp(VARDATA_ANY(rule), "T-ICPC", 6) == 0)
				{
					values[3] = ref->bands[icpc_band(n)];
					nulls[3] = false;
				}
			}
			else
				on_time = d.not_before ? held >= d.due : held <= d.due;
			values[2] = BoolGetDatum(on_time);
			nulls[2] = false;
			status = on_time ? S_ON_TIME : S_LATE;
		}
	}
#undef JUDGE
	values[4] = ref->statuses[status];
	nulls[4] = false;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(ref->tupdesc, values, nulls)));
}

/*
 * day_of(value "any") -> date: a date, a timestamp's day or a timestamptz's
 * day in England, as reports show the days they judged; an infinite one is
 * infinity, not an error (timeliness() then says date_out_of_range).
 */
Datum
cpconf_day_of(PG_FUNCTION_ARGS)
{
	Oid		   *type = (Oid *) fcinfo->flinfo->fn_extra;
	DateADT		day;

	if (type == NULL)
	{
		type = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));
		*type = get_fn_expr_argtype(fcinfo->flinfo, 0);
		fcinfo->flinfo->fn_extra = type;
	}
	if (!report_day(fcinfo, *type, 0, "value", &day))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(day);
}
