/*
 * base.c
 *		The base of every layer: the configuration cache, reading cpconf's
 *		tables, the span of days cpconf covers, day formatting, result rows
 *		and the statement trigger that keeps every session's caches current.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "utils/acl.h"
#include "utils/syscache.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "pgtime.h"

#include "base.h"

/* The settings' values; module.c registers them. */
char	   *cpconf_calendar_setting = NULL;
char	   *cpconf_profile_setting = NULL;
char	   *cpconf_unknown_setting = NULL;

/*
 * A call that relies on the settings must not run on the defaults when the
 * council meant to set one and misspelt it (PostgreSQL dropped the setting
 * with a WARNING a dashboard never shows).
 */
static void
check_settings(void)
{
	if (cpconf_unknown_setting != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("unrecognized configuration parameter \"%s\"", cpconf_unknown_setting),
				 errdetail("It was set before cpconf was loaded, and PostgreSQL dropped it when cpconf loaded; "
						   "cpconf's settings are cpconf.calendar and cpconf.profile."),
				 errhint("Correct or remove it where it is set (ALTER ROLE, ALTER DATABASE, postgresql.conf, "
						 "PGOPTIONS), or name the calendar or profile in the call.")));
}

const char *
cpconf_default_calendar(void)
{
	check_settings();
	return cpconf_calendar_setting ? cpconf_calendar_setting : "";
}

const char *
cpconf_default_profile(void)
{
	check_settings();
	return cpconf_profile_setting ? cpconf_profile_setting : "";
}

/* Every cache that has registered. */
#define MAX_CONFIG_CACHES 8
static ConfigCache *config_caches[MAX_CONFIG_CACHES];
static int	n_config_caches = 0;

/* The step that last took in invalidations (see base.h). */
TimestampTz cpconf_last_statement = 0;
LocalTransactionId cpconf_last_xact = InvalidLocalTransactionId;
uint64		cpconf_step = 0;

/*
 * A new step: take in invalidations, and compare every cache's at once, so
 * that all the caches a statement uses are of one moment.
 */
void
cpconf_accept_invalidations_slow(TimestampTz now)
{
	AcceptInvalidationMessages();
	cpconf_last_statement = now;
	cpconf_last_xact = MyProc->lxid;
	cpconf_step++;
	for (int c = 0; c < n_config_caches; c++)
		if (config_caches[c]->invalidations != config_caches[c]->built_at)
			config_caches[c]->valid = false;
}

static void
config_cache_callback(Datum arg, Oid relid)
{
	ConfigCache *cc = (ConfigCache *) DatumGetPointer(arg);
	bool		ours = relid == InvalidOid;

	for (int i = 0; cc->tables[i] != NULL && !ours; i++)
		ours = cc->relids[i] == relid;
	if (ours)
		cc->invalidations++;
}

/* Has relid row-level security enabled? */
static bool
has_row_security(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	bool		result = false;

	if (HeapTupleIsValid(tuple))
	{
		result = ((Form_pg_class) GETSTRUCT(tuple))->relrowsecurity;
		ReleaseSysCache(tuple);
	}
	return result;
}

/* This transaction (or subtransaction) changed a configuration table. */
static bool own_changes = false;

/*
 * This transaction changed table relid: its caches are rebuilt at their
 * next use, in this statement already (its own change must be seen at
 * once, not at the next statement as another session's is).
 */
static void
config_caches_changed(Oid relid)
{
	own_changes = true;
	for (int c = 0; c < n_config_caches; c++)
		for (int i = 0; config_caches[c]->tables[i] != NULL; i++)
			if (config_caches[c]->relids[i] == relid)
				config_caches[c]->valid = false;
}

static void
config_caches_invalidate_all(void)
{
	for (int c = 0; c < n_config_caches; c++)
		config_caches[c]->valid = false;
}

/*
 * A rolled-back change of this transaction's must be forgotten at once,
 * also part way through a statement (a DO block's exception handler, ROLLBACK
 * TO SAVEPOINT in a multi-statement string): a transaction ending starts a
 * new step anyway.
 */
static void
subxact_callback(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB && own_changes)
		config_caches_invalidate_all();
}

static void
xact_callback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
	{
		if (own_changes)
			config_caches_invalidate_all();
		own_changes = false;
	}
	else if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT ||
			 event == XACT_EVENT_PREPARE)
		own_changes = false;
}


static void check_extension_version(void);

/* The snapshot cpconf_read_table reads with during a build. */
static bool read_latest = true;

/*
 * Build into a context of its own under the current one, so that an error
 * part way frees it with the statement; install it only when complete.  An
 * invalidation that arrives while the tables are read is compared at the
 * next step (cpconf_accept_invalidations_slow).
 *
 * Which committed data: normally the latest, so that a change committed by
 * another session is seen by this session's next statement even if it
 * committed while the current one ran.  In parallel mode (leader and
 * workers alike, so that they agree) and under REPEATABLE READ or
 * SERIALIZABLE, the active snapshot: such a cache may miss a change whose
 * invalidation this session has already taken in, so it serves only the
 * step (in parallel mode) or the transaction (whose snapshot it is) it was
 * read in.
 *
 * The build's queries run with search_path pinned to pg_catalog, pg_temp:
 * a caller's objects (a type named text in pg_temp, say) must not change
 * what they read.
 */
void
config_cache_refresh(ConfigCache *cc)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "cpconf configuration cache",
											  ALLOCSET_DEFAULT_SIZES);
	Oid			nsp = get_namespace_oid("cpconf", false);
	bool		latest = !IsInParallelMode() && !IsolationUsesXactSnapshot();
	void	   *data;
	int			nestlevel;

	MemoryContextSetIdentifier(cxt, cc->name);
	if (!cc->registered)
	{
		if (n_config_caches >= MAX_CONFIG_CACHES)
			elog(ERROR, "too many cpconf configuration caches");
		if (n_config_caches == 0)
		{
			RegisterXactCallback(xact_callback, NULL);
			RegisterSubXactCallback(subxact_callback, NULL);
		}
		CacheRegisterRelcacheCallback(config_cache_callback, PointerGetDatum(cc));
		config_caches[n_config_caches++] = cc;
		cc->registered = true;
	}
	for (int i = 0; cc->tables[i] != NULL; i++)
		if (!OidIsValid(cc->relids[i] = get_relname_relid(cc->tables[i], nsp)))
			elog(ERROR, "cpconf table \"%s\" is missing", cc->tables[i]);
	cc->built_at = cc->invalidations;

	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	read_latest = latest;
	check_extension_version();
	data = cc->build(cxt);
	SPI_finish();
	AtEOXact_GUC(true, nestlevel);

	MemoryContextSetParent(cxt, TopMemoryContext);
	if (cc->cxt != NULL)
		MemoryContextDelete(cc->cxt);
	cc->cxt = cxt;
	cc->data = data;
	cc->generation++;
	/* an invalidation taken in while reading is compared at the next step */
	cc->valid = true;
	/* REPEATABLE READ: the transaction's snapshot; a parallel statement: its own */
	cc->for_xact = IsolationUsesXactSnapshot() ? MyProc->lxid : InvalidLocalTransactionId;
	cc->for_step = !latest && !IsolationUsesXactSnapshot() ? cpconf_step : 0;
	cc->row_security = false;
	for (int i = 0; cc->tables[i] != NULL; i++)
		cc->row_security |= has_row_security(cc->relids[i]);
	cc->user = GetUserId();
	cc->user_step = cpconf_step;
}

/*
 * The calling role may read every table the cache was read from: the data
 * is the same for every role, but a role that may not read a table gets no
 * answer built from it.  Under row-level security the rows themselves
 * differ by role, so the cache is read again for each role.
 */
void
config_cache_check_role(ConfigCache *cc)
{
	Oid			user = GetUserId();

	if (cc->row_security && user != cc->user)
	{
		config_cache_refresh(cc);
		return;
	}
	for (int i = 0; cc->tables[i] != NULL; i++)
	{
		AclResult	acl = pg_class_aclcheck(cc->relids[i], user, ACL_SELECT);

		if (acl != ACLCHECK_OK)
			aclcheck_error(acl, OBJECT_TABLE, get_rel_name(cc->relids[i]));
	}
	cc->user = user;
	cc->user_step = cpconf_step;
}

/*
 * The library reads the configuration tables of its own version: after a
 * new library is installed and before ALTER EXTENSION cpconf UPDATE, a
 * database still has the old tables, and reading them would fail on a
 * missing column with no hint.  Checked once at each build of a cache,
 * not while an extension script (the update itself) runs.
 */
static void
check_extension_version(void)
{
	char	   *installed = NULL;
	SPIPlanPtr	plan;

	/* at every build of a cache (rare): the extension may be dropped and made again at another version */
	if (creating_extension)
		return;
	plan = SPI_prepare("SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'cpconf'", 0, NULL);
	if (plan == NULL || SPI_execute_plan(plan, NULL, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read cpconf's version");
	if (SPI_processed == 1)
		installed = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	if (installed && strcmp(installed, CPCONF_VERSION) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cpconf's library is version %s, but this database has cpconf %s", CPCONF_VERSION, installed),
				 errdetail("The library reads the configuration tables of its own version."),
				 errhint("Run ALTER EXTENSION cpconf UPDATE in this database.")));
}

/*
 * Run a query on one of cpconf's tables (inside a cache's build()) with the
 * snapshot config_cache_refresh chose.
 */
void
cpconf_read_table(const char *query)
{
	SPIPlanPtr	plan;
	int			rc;

	plan = SPI_prepare(query, 0, NULL);

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s",
			 query, SPI_result_code_string(SPI_result));
	rc = SPI_execute_snapshot(plan, NULL, NULL,
							  read_latest ? GetLatestSnapshot() : GetActiveSnapshot(),
							  InvalidSnapshot, true, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_snapshot failed for \"%s\": %s",
			 query, SPI_result_code_string(rc));
}

static Datum
spi_value(int row, int col, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);
}

char *
cpconf_spi_text(MemoryContext cxt, int row, int col)
{
	bool		isnull;
	Datum		d = spi_value(row, col, &isnull);

	return isnull ? NULL : MemoryContextStrdup(cxt, TextDatumGetCString(d));
}

DateADT
cpconf_spi_date(int row, int col)
{
	bool		isnull;
	Datum		d = spi_value(row, col, &isnull);

	return isnull ? DATEVAL_NOEND : DatumGetDateADT(d);
}

int32
cpconf_spi_int(int row, int col)
{
	bool		isnull;
	Datum		d = spi_value(row, col, &isnull);

	return isnull ? 0 : DatumGetInt32(d);
}

bool
cpconf_spi_isnull(int row, int col)
{
	bool		isnull;

	spi_value(row, col, &isnull);
	return isnull;
}

/* A value of any type, valid while the SPI result is. */
Datum
cpconf_spi_value(int row, int col, bool *isnull)
{
	return spi_value(row, col, isnull);
}

/*
 * The position of name in names[0 .. n), for a text column that a table's
 * CHECK keeps to a few values; otherwise when NULL or not among them (a row
 * let through with the checks bypassed).
 */
int
cpconf_name_index(const char *const *names, int n, const char *name, int otherwise)
{
	for (int i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return otherwise;
}

/* A text[] column as n strings in cxt; NULL as none. */
const char **
cpconf_spi_text_array(MemoryContext cxt, int row, int col, int *n)
{
	bool		isnull;
	Datum		d = spi_value(row, col, &isnull);
	Datum	   *values;
	bool	   *nulls;
	const char **result;

	*n = 0;
	if (isnull)
		return MemoryContextAllocZero(cxt, sizeof(char *));
	deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
					  &values, &nulls, n);
	result = MemoryContextAllocZero(cxt, (*n + 1) * sizeof(char *));
	for (int i = 0; i < *n; i++)
		result[i] = nulls[i] ? NULL : MemoryContextStrdup(cxt, TextDatumGetCString(values[i]));
	return result;
}

bool
cpconf_spi_bool(int row, int col)
{
	bool		isnull;
	Datum		d = spi_value(row, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/* ---- the span of days ---- */

void
cpconf_check_day(DateADT day, const char *what)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is infinite", what),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Pass a real date; a missing date should be NULL, which gives a NULL result.")));
	if (day < CPCONF_FIRST_DAY || day > CPCONF_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s is outside the range of cpconf's calendars",
						what, cpconf_format_day(day)),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Check the date for a typing error.")));
}

/*
 * The day in England of an event at t: its Europe/London date, whatever the
 * session's TimeZone.  A date, or a bare date literal, that became a
 * timestamptz is midnight in the session's time zone; east of London that
 * is the day before in England, so such a value is refused rather than
 * moved a day (west of London, and in London, the day is the same).
 */
DateADT
cpconf_england_day(TimestampTz t, const char *what)
{
	static pg_tz *england = NULL;
	struct pg_tm tm,
				local;
	fsec_t		fsec;
	int			tz;
	DateADT		day;

	if (TIMESTAMP_NOT_FINITE(t))
		return cpconf_timestamp_day(t, what);	/* its error */
	if (england == NULL && (england = pg_tzset("Europe/London")) == NULL)
		elog(ERROR, "time zone \"Europe/London\" is not in PostgreSQL's time zone database");
	if (timestamp2tm(t, &tz, &tm, &fsec, NULL, england) != 0)
		return cpconf_timestamp_day(DT_NOEND, what);
	day = date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
	/* a day outside cpconf's years is refused as such where it is used */
	if (day < CPCONF_FIRST_DAY || day > CPCONF_LAST_DAY)
		return day;
	/*
	 * The start of its day in the session's time zone, as a date or a bare
	 * date literal becomes (00:00, or the first time after a clock change
	 * that skips midnight), and another day in England: refused.
	 */
	if (timestamp2tm(t, &tz, &local, &fsec, NULL, session_timezone) == 0)
	{
		DateADT		local_day = date2j(local.tm_year, local.tm_mon, local.tm_mday) - POSTGRES_EPOCH_JDATE;

		if (local_day != day &&
			DatumGetTimestampTz(DirectFunctionCall1(date_timestamptz, DateADTGetDatum(local_day))) == t)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s %s is on %s in England", what,
							DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(t))),
							cpconf_format_day(day)),
					 errdetail("It is the start of %s in the session's time zone (%s): a date, or a bare date literal, becomes that time as a timestamptz (so does a date beside a timestamptz in one call), while an event's day is its day in England (Europe/London).",
							   cpconf_format_day(local_day), pg_get_timezone_name(session_timezone)),
					 errhint("Pass every day as a date (date '%s'), or every event as a time with its zone (e.g. timestamptz '%s 09:30 Europe/London').",
							 cpconf_format_day(local_day), cpconf_format_day(local_day))));
	}
	return day;
}

/*
 * A day argument of a function declared for date, timestamp (its date) and
 * timestamptz (its day in England) alike.
 */
DateADT
cpconf_day_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	switch (get_fn_expr_argtype(fcinfo->flinfo, argno))
	{
		case DATEOID:
			return PG_GETARG_DATEADT(argno);
		case TIMESTAMPOID:
			return cpconf_timestamp_day(PG_GETARG_TIMESTAMP(argno), what);
		case TIMESTAMPTZOID:
			return cpconf_england_day(PG_GETARG_TIMESTAMPTZ(argno), what);
		default:
			elog(ERROR, "cannot tell the type of argument %s", what);
	}
	pg_unreachable();
}

DateADT
cpconf_timestamp_day(Timestamp ts, const char *what)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is infinite", what),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Pass a real timestamp; a missing one should be NULL, which gives a NULL result.")));
	/* floor division: the time of day is ignored, also before 2000 */
	if (ts < 0)
		return (DateADT) (-((-ts + USECS_PER_DAY - 1) / USECS_PER_DAY));
	return (DateADT) (ts / USECS_PER_DAY);
}

/*
 * day plus a number of calendar months, the day of the month clamped to the
 * month's last (as PostgreSQL's date + interval does); PG_INT64_MAX or
 * PG_INT64_MIN when beyond the dates PostgreSQL has.  An infinite day stays
 * as it is.  Years before 1 AD count as PostgreSQL's do (1 BC is year 0).
 */
int64
cpconf_add_months(DateADT day, int64 months)
{
	int			y,
				m,
				d;
	int64		total,
				ny;
	int			nm,
				last;
	int64		j;

	if (DATE_NOT_FINITE(day))
		return day;
	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	if (months > (int64) 12 * 6000000 || months < -(int64) 12 * 6000000)
		return months > 0 ? PG_INT64_MAX : PG_INT64_MIN;
	total = (int64) y * 12 + (m - 1) + months;
	ny = total >= 0 ? total / 12 : -((-total + 11) / 12);	/* floor */
	nm = (int) (total - ny * 12) + 1;
	if (ny > 5874897)
		return PG_INT64_MAX;
	if (ny < -4713)
		return PG_INT64_MIN;
	last = day_tab[isleap(ny)][nm - 1];
	j = date2j((int) ny, nm, Min(d, last));
	if (j < 0)
		return PG_INT64_MIN;
	if (!IS_VALID_DATE(j - POSTGRES_EPOCH_JDATE))
		return PG_INT64_MAX;
	return j - POSTGRES_EPOCH_JDATE;
}

/* A date argument a check needs as a real day: infinity is an error. */
void
cpconf_check_finite(DateADT day, const char *what, const char *why)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is infinite", what),
				 errdetail("%s", why),
				 errhint("Pass the real date; a date not recorded is NULL.")));
}

/* A day as YYYY-MM-DD whatever DateStyle says: messages must be unambiguous. */
char *
cpconf_format_day(DateADT day)
{
	int			y,
				m,
				d;

	if (DATE_IS_NOBEGIN(day))
		return pstrdup("-infinity");
	if (DATE_IS_NOEND(day))
		return pstrdup("infinity");
	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	/* year 0 is 1 BC, as PostgreSQL prints it */
	if (y <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - y, m, d);
	return psprintf("%04d-%02d-%02d", y, m, d);
}

/* ---- result rows ---- */

/* The schema of a type. */
static Oid
get_typ_namespace(Oid type)
{
	HeapTuple	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
	Oid			result = InvalidOid;

	if (HeapTupleIsValid(tuple))
	{
		result = ((Form_pg_type) GETSTRUCT(tuple))->typnamespace;
		ReleaseSysCache(tuple);
	}
	return result;
}

void
cpconf_check_row_type(TupleDesc td, const RowShape *shape)
{
	bool		ok = td->natts == shape->natts;
	int			live = 0;

	for (int i = 0; i < td->natts; i++)
		live += !TupleDescAttr(td, i)->attisdropped;
	for (int i = 0; ok && i < shape->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(td, i);

		ok = !a->attisdropped &&
			(OidIsValid(shape->types[i]) ? a->atttypid == shape->types[i]
			 : a->attlen == 1 && a->attbyval &&
			 get_typ_namespace(a->atttypid) == get_namespace_oid("cpconf", false));
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type %s does not have the attributes cpconf gives it", shape->name),
				 errdetail("cpconf builds and reads it with %d attributes of fixed types; "
						   "after an ALTER TYPE it has %d%s.", shape->natts, live,
						   live == shape->natts ? " of other types or in other places" : ""),
				 errhint("Undo the ALTER TYPE, or drop and create the extension again; "
						 "put extra columns beside cpconf's row instead.")));
}

/*
 * Start a check's result: a set of cpconf.finding, materialized.  The row
 * type is the one the call site expects, so no catalog lookup per call.
 */
static const RowShape finding_shape = {
	"cpconf.finding", 5, {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID}
};

void
findings_begin(Findings *f, FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	/*
	 * The tuplestore is made at the first finding: most calls find nothing,
	 * and a check runs for every row a statement writes.  A set left NULL
	 * in materialize mode is an empty set.
	 */
	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0 || rsinfo->expectedDesc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set"),
				 errhint("Call it in FROM, e.g. SELECT * FROM cpconf.check_discontinuation(...).")));
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = NULL;
	rsinfo->setDesc = NULL;
	f->rsinfo = rsinfo;
	f->profile = NULL;
}

void
finding(Findings *f, const char *rule, Severity severity, const char *problem, const char *remedy)
{
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, f->profile == NULL};

	values[0] = CStringGetTextDatum(rule);
	values[1] = CStringGetTextDatum(problem);
	values[2] = CStringGetTextDatum(remedy);
	values[3] = CStringGetTextDatum(severity == SEVERITY_VIOLATION ? "violation" : "not_recorded");
	values[4] = f->profile ? CStringGetTextDatum(f->profile) : (Datum) 0;
	if (f->rsinfo->setResult == NULL)
	{
		ReturnSetInfo *rsinfo = f->rsinfo;
		MemoryContext old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);

		rsinfo->setDesc = CreateTupleDescCopy(rsinfo->expectedDesc);
		cpconf_check_row_type(rsinfo->setDesc, &finding_shape);
		rsinfo->setResult = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
												  false, work_mem);
		MemoryContextSwitchTo(old);
	}
	tuplestore_putvalues(f->rsinfo->setResult, f->rsinfo->setDesc, values, nulls);
}

/* The blessed row type of a composite-returning call, copied into fn_mcxt. */
TupleDesc
cpconf_blessed_result_type(FunctionCallInfo fcinfo, const RowShape *shape)
{
	TupleDesc	tupdesc;
	MemoryContext old;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
	MemoryContextSwitchTo(old);
	cpconf_check_row_type(tupdesc, shape);
	return tupdesc;
}

/* The same, looked up at a call site's first call and kept in its fn_extra. */
TupleDesc
cpconf_result_row_type(FunctionCallInfo fcinfo, const RowShape *shape)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = cpconf_blessed_result_type(fcinfo, shape);
	return (TupleDesc) fcinfo->flinfo->fn_extra;
}

/*
 * Statement trigger on cpconf's configuration tables: tell every backend
 * (this one at its next command, others at their next statement) to rebuild
 * the caches built from the table.
 */
PG_FUNCTION_INFO_V1(cpconf_config_changed);
PG_FUNCTION_INFO_V1(cpconf_calendar_data_changed);

Datum
cpconf_config_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	const char *name = get_func_name(fcinfo->flinfo->fn_oid);

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager", name),
				 errdetail("It keeps every session's cached rules in step with cpconf's configuration tables."),
				 errhint("Do not call it directly: CREATE EXTENSION cpconf attaches it to those tables.")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER ... FOR EACH STATEMENT", name),
				 errdetail("It keeps every session's cached rules in step with cpconf's configuration tables."),
				 errhint("Attach it only as CREATE EXTENSION cpconf does: AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ... FOR EACH STATEMENT.")));
	config_caches_changed(RelationGetRelid(trigdata->tg_relation));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}

/* The 0.1 install script's name for it, replaced in 0.2. */
Datum
cpconf_calendar_data_changed(PG_FUNCTION_ARGS)
{
	return cpconf_config_changed(fcinfo);
}

/*
 * A word as councils write it, for matching against a list of names:
 * white space around dropped, lower case, hyphens and spaces as
 * underscores ("Pre-birth", " Looked After Review ").  False when it is
 * too long to be any of them.
 */
bool
cpconf_fold_word(const char *s, int len, char *buf, int size)
{
	while (len > 0 && isspace((unsigned char) *s))
		s++, len--;
	while (len > 0 && isspace((unsigned char) s[len - 1]))
		len--;
	if (len >= size)
		return false;
	for (int i = 0; i < len; i++)
		buf[i] = s[i] == '-' || s[i] == ' ' ? '_' : pg_ascii_tolower((unsigned char) s[i]);
	buf[len] = '\0';
	return true;
}
