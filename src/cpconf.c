/*
 * cpconf.c
 *		Module entry point and settings.
 *
 * The settings live here so that every layer reads them the same way; each
 * layer's own start-up (cache callbacks and the like) is called from
 * _PG_init.
 */
#include "postgres.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "catalog/namespace.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "cpconf.h"

PG_MODULE_MAGIC;

char	   *cpconf_calendar_setting = NULL;
char	   *cpconf_profile_setting = NULL;

void		_PG_init(void);

void
_PG_init(void)
{
	/*
	 * The value is checked where it is used, not here: a check hook cannot
	 * read the council calendar table, and an unknown name must fail with the
	 * list of known calendars, which only the calendar layer has.
	 */
	DefineCustomStringVariable("cpconf.calendar",
							   "Working-day calendar used when a call names none.",
							   "A UK calendar (england-and-wales, scotland, northern-ireland) "
							   "or a council calendar from cpconf.council_calendar.",
							   &cpconf_calendar_setting,
							   "england-and-wales",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);

	DefineCustomStringVariable("cpconf.profile",
							   "Procedure profile used when a call names none.",
							   "A shipped profile (national, staffordshire, derby, derbyshire, "
							   "darlington, sussex) or a council profile from cpconf.profile.",
							   &cpconf_profile_setting,
							   "national",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);

	MarkGUCPrefixReserved("cpconf");

	calendar_init();
	timescales_init();
	conference_init();
}

/* The statement that last took in invalidations (see cpconf.h). */
TimestampTz cpconf_last_statement = 0;

void
cpconf_accept_invalidations_slow(TimestampTz now)
{
	AcceptInvalidationMessages();
	cpconf_last_statement = now;
}

static void
config_cache_callback(Datum arg, Oid relid)
{
	ConfigCache *cc = (ConfigCache *) DatumGetPointer(arg);
	bool		ours = relid == InvalidOid;

	for (int i = 0; cc->tables[i] != NULL && !ours; i++)
		ours = cc->relids[i] == relid;
	if (ours)
	{
		cc->valid = false;
		cc->invalidations++;
	}
}

void
config_cache_register(ConfigCache *cc)
{
	CacheRegisterRelcacheCallback(config_cache_callback, PointerGetDatum(cc));
}

/*
 * Build into a context of its own under the current one, so that an error
 * part way frees it with the statement; install it only when complete.  The
 * cache is valid only if no invalidation arrived while the tables were read.
 */
void
config_cache_refresh(ConfigCache *cc)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "cpconf configuration cache",
											  ALLOCSET_DEFAULT_SIZES);
	Oid			nsp = get_namespace_oid("cpconf", false);
	uint64		seen;
	void	   *data;

	MemoryContextSetIdentifier(cxt, cc->name);
	for (int i = 0; cc->tables[i] != NULL; i++)
		if (!OidIsValid(cc->relids[i] = get_relname_relid(cc->tables[i], nsp)))
			elog(ERROR, "cpconf table \"%s\" is missing", cc->tables[i]);
	seen = cc->invalidations;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	data = cc->build(cxt);
	SPI_finish();

	MemoryContextSetParent(cxt, TopMemoryContext);
	if (cc->cxt != NULL)
		MemoryContextDelete(cc->cxt);
	cc->cxt = cxt;
	cc->data = data;
	cc->generation++;
	cc->valid = cc->invalidations == seen;
}

/*
 * Run a query on one of cpconf's tables (inside SPI_connect) with the
 * latest committed data, so that a change committed after the calling
 * statement began is seen by the next statement.  A parallel worker cannot
 * take a new snapshot; it reads with the leader's.  The queries name
 * cpconf's tables and use no operators, so search_path cannot redirect them.
 */
void
cpconf_read_table(const char *query)
{
	SPIPlanPtr	plan = SPI_prepare(query, 0, NULL);
	int			rc;

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s",
			 query, SPI_result_code_string(SPI_result));
	rc = SPI_execute_snapshot(plan, NULL, NULL,
							  IsInParallelMode() ? GetActiveSnapshot() : GetLatestSnapshot(),
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

bool
cpconf_spi_bool(int row, int col)
{
	bool		isnull;
	Datum		d = spi_value(row, col, &isnull);

	return !isnull && DatumGetBool(d);
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
	return psprintf("%04d-%02d-%02d", y, m, d);
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
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}

/* The 0.1 install script's name for it, replaced in 0.2. */
Datum
cpconf_calendar_data_changed(PG_FUNCTION_ARGS)
{
	return cpconf_config_changed(fcinfo);
}
