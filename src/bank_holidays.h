/*
 * bank_holidays.h
 *		UK bank holidays from their rules: the bottom of the calendar layer.
 */
#ifndef CPCONF_BANK_HOLIDAYS_H
#define CPCONF_BANK_HOLIDAYS_H

#include "base.h"

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

#endif							/* CPCONF_BANK_HOLIDAYS_H */
