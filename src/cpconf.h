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

/* ---- calendar (calendar.c) ---- */

/* The span every calendar covers: 1978-01-01 to 2199-12-31 inclusive. */
#define CPCONF_FIRST_YEAR 1978
#define CPCONF_LAST_YEAR 2199

typedef struct WorkingCalendar WorkingCalendar;

extern void calendar_init(void);
extern const WorkingCalendar *calendar_lookup(const char *name, int len);
extern const WorkingCalendar *calendar_from_arg(FunctionCallInfo fcinfo, int argno);
extern const char *calendar_name(const WorkingCalendar *cal);
extern bool calendar_is_working_day(const WorkingCalendar *cal, DateADT day);
extern DateADT calendar_add_working_days(const WorkingCalendar *cal,
										 DateADT day, int64 n);
extern int32 calendar_working_days_between(const WorkingCalendar *cal,
										   DateADT from_day, DateADT to_day);
extern void calendar_check_day(DateADT day, const char *what);
extern DateADT calendar_timestamp_day(Timestamp ts, const char *what);

#endif							/* CPCONF_H */
