/*
 * cpconf.h
 *		Declarations shared by cpconf's layers.
 *
 * Layers, bottom up (doc/ has a page for each): calendar, timescales,
 * conference, plan, enforcement, reporting.  A layer uses only the ones
 * below it, through the functions declared here.
 */
#ifndef CPCONF_H
#define CPCONF_H

#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/datetime.h"

/* ---- settings (cpconf.c) ---- */

/* cpconf.calendar: the calendar used where a call names none. */
extern char *cpconf_calendar_setting;

/* cpconf.profile: the procedure profile used where a call names none. */
extern char *cpconf_profile_setting;

/* ---- shared helpers (cpconf.c) ---- */

/*
 * A per-backend cache of data built from some of cpconf's configuration
 * tables.  A layer declares one statically with its name, tables and build
 * function, registers it in _PG_init, and calls config_cache_get() for the
 * current data: rebuilt (build() runs inside SPI_connect, allocating the
 * result in cxt) when a table changed, as signalled by the statement
 * trigger cpconf.config_changed().
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
	bool		valid;
	uint64		invalidations;
} ConfigCache;

extern void config_cache_register(ConfigCache *cc);
extern void config_cache_refresh(ConfigCache *cc);
extern void cpconf_accept_invalidations_slow(TimestampTz now);
extern TimestampTz cpconf_last_statement;

/*
 * Caches of the configuration tables take in invalidations at most once per
 * statement, so a change committed by another session is seen by this
 * session's next statement, even inside an open transaction.  Inline: it
 * runs on every call of the per-row functions.
 */
static inline void
cpconf_accept_invalidations(void)
{
	TimestampTz now = GetCurrentStatementStartTimestamp();

	if (unlikely(now != cpconf_last_statement))
		cpconf_accept_invalidations_slow(now);
}

/* The cache's current data, rebuilt first if a table changed. */
static inline void *
config_cache_get(ConfigCache *cc)
{
	cpconf_accept_invalidations();
	if (unlikely(cc->data == NULL || !cc->valid))
		config_cache_refresh(cc);
	return cc->data;
}

extern void cpconf_read_table(const char *query);
extern char *cpconf_spi_text(MemoryContext cxt, int row, int col);
extern DateADT cpconf_spi_date(int row, int col);
extern int32 cpconf_spi_int(int row, int col);
extern bool cpconf_spi_bool(int row, int col);
extern bool cpconf_spi_isnull(int row, int col);
extern char *cpconf_format_day(DateADT day);

static inline bool
cpconf_is_weekend(DateADT day)
{
	int			dow = j2day(day + POSTGRES_EPOCH_JDATE);	/* 0 = Sunday */

	return dow == 0 || dow == 6;
}

/* ---- bank holidays (bank_holidays.c) ---- */

#define N_UK_CALENDARS 3

typedef struct Holiday
{
	DateADT		day;
	const char *name;
	bool		substitute;		/* a fixed-date holiday moved off a weekend */
} Holiday;

extern const char *const uk_calendar_names[N_UK_CALENDARS];
extern int	uk_calendar_index(const char *name);
extern Holiday *bank_holidays_generate(int calendar, int *n);

/* ---- calendar (calendar.c) ---- */

/* The span every calendar covers: 1978-01-01 to 2199-12-31 inclusive. */
#define CPCONF_FIRST_YEAR 1978
#define CPCONF_LAST_YEAR 2199
#define CPCONF_FIRST_DAY (-8035)	/* 1978-01-01 as a DateADT */
#define CPCONF_LAST_DAY (73048)		/* 2199-12-31 */

typedef struct WorkingCalendar WorkingCalendar;

/* A caller's cache of one calendar lookup by name (see calendar_resolve). */
typedef struct CalendarRef
{
	uint64		generation;
	const WorkingCalendar *cal;
	int			len;
	char		name[NAMEDATALEN];
} CalendarRef;

extern void calendar_init(void);
extern const WorkingCalendar *calendar_from_arg(FunctionCallInfo fcinfo, int argno);
extern const WorkingCalendar *calendar_resolve(CalendarRef *ref, const char *name,
											   int len, bool from_setting);
extern const WorkingCalendar *calendar_from_setting(CalendarRef *ref);
extern bool calendar_is_working_day(const WorkingCalendar *cal, DateADT day);
extern DateADT calendar_add_working_days(const WorkingCalendar *cal,
										 DateADT day, int64 n);
extern int32 calendar_working_days_between(const WorkingCalendar *cal,
										   DateADT from_day, DateADT to_day);
extern void calendar_check_day(DateADT day, const char *what);
extern DateADT calendar_timestamp_day(Timestamp ts, const char *what);

/* ---- labels (labels.c): small enumerated types ---- */

typedef struct LabelSet LabelSet;

extern const LabelSet abuse_category_labels;
extern const LabelSet sector_labels_set;
extern const LabelSet participation_labels_set;
extern const LabelSet plan_view_labels;
extern const LabelSet end_reason_labels_set;

extern int	label_match(const LabelSet *set, const char *s, int len);
extern int	label_parse(const LabelSet *set, const char *s, int len, Node *escontext);
extern const char *label_name(const LabelSet *set, int label);

/* ---- conference (conference.c) ---- */

extern void conference_init(void);

/* ---- timescales (timescales.c) ---- */

extern void timescales_init(void);

/*
 * The procedure profiles (cpconf.profile), as each layer's cache loads them:
 * shipped first, then by name; parents as indexes (-1: none).
 */
typedef struct ProfileSet
{
	int			n;
	const char **names;
	int		   *parents;
	const char **calendars;		/* own calendar, or NULL */
} ProfileSet;

extern void profiles_load(ProfileSet *set, MemoryContext cxt);
extern int	profiles_find(const ProfileSet *set, const char *name, int len);
extern int	profiles_lookup(const ProfileSet *set, const char *name, int len, bool from_setting);
extern int	profiles_lookup_arg(const ProfileSet *set, text *name);
extern int	profiles_parent(const ProfileSet *set, int p, int steps);

/*
 * Visit profile start and its ancestors, nearest first (p the profile,
 * steps how far up).  A parent chain that loops, possible only with
 * cpconf.profile's trigger bypassed, is an error.
 */
#define FOR_EACH_PROFILE_UP(set, p, start, steps) \
	for ((p) = (start), (steps) = 0; (p) >= 0; (p) = profiles_parent((set), (p), ++(steps)))

/*
 * Is a row of an effective-dated rule table in force on day?  to is
 * exclusive; DATEVAL_NOEND when open.
 */
static inline bool
cpconf_in_force(DateADT from, DateADT to, DateADT day)
{
	return from <= day && (DATE_IS_NOEND(to) || day < to);
}

#endif							/* CPCONF_H */
