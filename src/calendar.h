/*
 * calendar.h
 *		The calendar layer: dates to working days, on a UK calendar or a
 *		council's.
 */
#ifndef CPCONF_CALENDAR_H
#define CPCONF_CALENDAR_H

#include "bank_holidays.h"

typedef struct WorkingCalendar WorkingCalendar;

/* A caller's cache of one calendar lookup by name (see calendar_resolve). */
typedef struct CalendarRef
{
	uint64		generation;
	const WorkingCalendar *cal;
	int			len;
	char		name[NAMEDATALEN];
} CalendarRef;

extern const WorkingCalendar *calendar_from_arg(FunctionCallInfo fcinfo, int argno);
extern const WorkingCalendar *calendar_resolve(CalendarRef *ref, const char *name,
											   int len, bool from_setting);
extern const WorkingCalendar *calendar_from_setting(CalendarRef *ref);
extern bool calendar_is_working_day(const WorkingCalendar *cal, DateADT day);
extern DateADT calendar_add_working_days(const WorkingCalendar *cal,
										 DateADT day, int64 n);
extern int64 calendar_working_day_after(const WorkingCalendar *cal, DateADT day, int64 n);
extern int32 calendar_working_days_between(const WorkingCalendar *cal,
										   DateADT from_day, DateADT to_day);

#endif							/* CPCONF_CALENDAR_H */
