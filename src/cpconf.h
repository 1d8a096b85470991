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

#include "fmgr.h"
#include "utils/date.h"

/* ---- settings (cpconf.c) ---- */

/* cpconf.calendar: the calendar used where a call names none. */
extern char *cpconf_calendar_setting;

/* cpconf.profile: the procedure profile used where a call names none. */
extern char *cpconf_profile_setting;

/* ---- shared helpers (cpconf.c) ---- */

extern void cpconf_accept_invalidations(void);
extern void cpconf_read_table(const char *query);
extern char *cpconf_spi_text(MemoryContext cxt, int row, int col);
extern DateADT cpconf_spi_date(int row, int col);
extern int32 cpconf_spi_int(int row, int col);
extern bool cpconf_spi_bool(int row, int col);
extern char *cpconf_format_day(DateADT day);

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
extern const WorkingCalendar *calendar_lookup(const char *name, int len);
extern const WorkingCalendar *calendar_from_arg(FunctionCallInfo fcinfo, int argno);
extern const WorkingCalendar *calendar_resolve(CalendarRef *ref, const char *name,
											   int len, bool from_setting);
extern const WorkingCalendar *calendar_from_setting(CalendarRef *ref);
extern const char *calendar_name(const WorkingCalendar *cal);
extern bool calendar_is_working_day(const WorkingCalendar *cal, DateADT day);
extern DateADT calendar_add_working_days(const WorkingCalendar *cal,
										 DateADT day, int64 n);
extern int32 calendar_working_days_between(const WorkingCalendar *cal,
										   DateADT from_day, DateADT to_day);
extern void calendar_check_day(DateADT day, const char *what);
extern DateADT calendar_timestamp_day(Timestamp ts, const char *what);

/* ---- timescales (timescales.c) ---- */

extern void timescales_init(void);

#endif							/* CPCONF_H */
