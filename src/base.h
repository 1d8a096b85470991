/*
 * base.h
 *		The base of every layer: the settings, the cache of configuration
 *		tables, the span of days cpconf covers, day formatting and result
 *		rows.  Includes nothing of cpconf but the version shims.
 *
 * Layers, bottom up (doc/hacking.md): base < profiles; base < bank holidays
 * < calendar; profiles, calendar < timescales; base < labels; labels,
 * timescales < conference (conference.c and quoracy.c); conference < plan.
 * Each header includes only the headers below it, so calls go only
 * downward; module.c, the entry point, includes base.h alone.
 */
#ifndef CPCONF_BASE_H
#define CPCONF_BASE_H

#include "postgres.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "access/tupdesc.h"
#include "nodes/execnodes.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "compat.h"

/* ---- settings (registered by module.c, read by the layers) ---- */

/* cpconf.calendar: the calendar used where a call names none. */
extern char *cpconf_calendar_setting;

/* cpconf.profile: the procedure profile used where a call names none. */
extern char *cpconf_profile_setting;

/*
 * A cpconf.* setting PostgreSQL held before cpconf was loaded that is not
 * one of cpconf's (a misspelling): loading cpconf drops it with a warning.
 */
extern char *cpconf_unknown_setting;

/* The settings' values for a call that names no calendar or profile. */
extern const char *cpconf_default_calendar(void);
extern const char *cpconf_default_profile(void);

/* ---- the span every calendar and deadline covers ---- */

/* 1978-01-01 to 2199-12-31 inclusive. */
#define CPCONF_FIRST_YEAR 1978
#define CPCONF_LAST_YEAR 2199
#define CPCONF_FIRST_DAY (-8035)	/* 1978-01-01 as a DateADT */
#define CPCONF_LAST_DAY (73048)		/* 2199-12-31 */

extern void cpconf_check_day(DateADT day, const char *what);
extern DateADT cpconf_timestamp_day(Timestamp ts, const char *what);
extern DateADT cpconf_england_day(TimestampTz t, const char *what);
extern DateADT cpconf_day_arg(FunctionCallInfo fcinfo, int argno, const char *what);
extern char *cpconf_format_day(DateADT day);
extern int64 cpconf_add_months(DateADT day, int64 months);
extern void cpconf_check_finite(DateADT day, const char *what, const char *why);
extern bool cpconf_fold_word(const char *s, int len, char *buf, int size);

static inline bool
cpconf_is_weekend(DateADT day)
{
	int			dow = j2day(day + POSTGRES_EPOCH_JDATE);	/* 0 = Sunday */

	return dow == 0 || dow == 6;
}

/* ---- the configuration cache ---- */

/*
 * A per-backend cache of data built from some of cpconf's configuration
 * tables.  A layer declares one statically with its name, tables and build
 * function, and calls config_cache_get() for the current data: rebuilt
 * (build() runs inside SPI_connect, allocating the result in cxt) when a
 * table changed, as signalled by the statement trigger
 * cpconf.config_changed().  The first get registers the cache for
 * invalidations, so no layer needs a start-up call.
 */
#define CONFIG_CACHE_MAX_TABLES 4

typedef struct ConfigCache
{
	const char *name;
	const char *tables[CONFIG_CACHE_MAX_TABLES + 1];	/* NULL-terminated */
	void	   *(*build) (MemoryContext cxt);
	/* state */
	void	   *data;
	uint64		generation;		/* changes whenever data is rebuilt */
	MemoryContext cxt;
	Oid			relids[CONFIG_CACHE_MAX_TABLES];
	bool		registered;
	bool		valid;			/* false: rebuild at the next use */
	bool		row_security;	/* a table has row-level security: per role */
	uint64		invalidations;	/* changes taken in (relcache callbacks) */
	uint64		built_at;		/* invalidations when data was read */
	uint64		for_step;		/* built from this step's snapshot only; 0: none */
	LocalTransactionId for_xact;	/* built from this transaction's snapshot only */
	Oid			user;			/* the role it was built for or last checked for */
	uint64		user_step;		/* the step in which user was checked */
} ConfigCache;

extern void config_cache_refresh(ConfigCache *cc);
extern void config_cache_check_role(ConfigCache *cc);
extern void cpconf_accept_invalidations_slow(TimestampTz now);
extern TimestampTz cpconf_last_statement;
extern LocalTransactionId cpconf_last_xact;
extern uint64 cpconf_step;

/*
 * A step is a statement within one transaction: a new statement, or a new
 * transaction in a procedure that commits.  At the first cpconf call of a
 * step the caches take in invalidations (base.c), so a change committed by
 * another session is seen by this session's next statement, even inside an
 * open transaction, and never part way through one.  Inline: it runs on
 * every call of the per-row functions.
 */
static inline void
cpconf_accept_invalidations(void)
{
	TimestampTz now = GetCurrentStatementStartTimestamp();

	if (unlikely(now != cpconf_last_statement || MyProc->lxid != cpconf_last_xact))
		cpconf_accept_invalidations_slow(now);
}

/*
 * The cache's current data, rebuilt first when it is not valid (a change
 * taken in at this step's start, or made by this transaction), or when it
 * was read from a snapshot that served an earlier step or transaction only
 * (see config_cache_refresh).  The calling role must be allowed to read
 * the tables (checked once per role and step).
 */
static inline void *
config_cache_get(ConfigCache *cc)
{
	cpconf_accept_invalidations();
	if (unlikely(cc->data == NULL || !cc->valid ||
				 (cc->for_step != 0 && cc->for_step != cpconf_step) ||
				 (cc->for_xact != InvalidLocalTransactionId && cc->for_xact != MyProc->lxid)))
		config_cache_refresh(cc);
	if (unlikely(cc->user_step != cpconf_step || cc->user != GetUserId()))
		config_cache_check_role(cc);
	return cc->data;
}

/* Reading a configuration table inside a cache's build(). */
extern void cpconf_read_table(const char *query);
extern char *cpconf_spi_text(MemoryContext cxt, int row, int col);
extern DateADT cpconf_spi_date(int row, int col);
extern int32 cpconf_spi_int(int row, int col);
extern bool cpconf_spi_bool(int row, int col);
extern bool cpconf_spi_isnull(int row, int col);
extern int	cpconf_name_index(const char *const *names, int n, const char *name, int otherwise);
extern Datum cpconf_spi_value(int row, int col, bool *isnull);
extern const char **cpconf_spi_text_array(MemoryContext cxt, int row, int col, int *n);

/* ---- results ---- */

/*
 * The shape the C code gives one of cpconf's row types: its name and each
 * attribute's type, a built-in type's OID or LABEL_TYPE for one of cpconf's
 * one-byte label types.  The owner can ALTER TYPE a composite; a row of
 * another shape is then an error, never a read past an array.
 */
#define LABEL_TYPE InvalidOid

typedef struct RowShape
{
	const char *name;
	int			natts;
	Oid			types[10];
} RowShape;

extern void cpconf_check_row_type(TupleDesc td, const RowShape *shape);
extern TupleDesc cpconf_blessed_result_type(FunctionCallInfo fcinfo, const RowShape *shape);
extern TupleDesc cpconf_result_row_type(FunctionCallInfo fcinfo, const RowShape *shape);

/* A recorded yes/no fact, as the checks take it: 1 yes, 0 no, -1 not recorded (NULL). */
static inline int
cpconf_fact_arg(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? -1 : PG_GETARG_BOOL(n) ? 1 : 0;
}

/* ---- findings: what every check returns (type cpconf.finding) ---- */

typedef enum Severity
{
	SEVERITY_VIOLATION,			/* the record breaks the rule as recorded */
	SEVERITY_NOT_RECORDED		/* the verdict turns on a fact not recorded */
} Severity;

/* A check's result set; profile is the profile whose rule row applied. */
typedef struct Findings
{
	ReturnSetInfo *rsinfo;
	const char *profile;
} Findings;

/* violation when the fact was recorded, not_recorded when it is NULL */
#define SEVERITY_IF_NULL(isnull) ((isnull) ? SEVERITY_NOT_RECORDED : SEVERITY_VIOLATION)

extern void findings_begin(Findings *f, FunctionCallInfo fcinfo);
extern void finding(Findings *f, const char *rule, Severity severity,
					const char *problem, const char *remedy);

#endif							/* CPCONF_BASE_H */
