/*
 * cpconf.c
 *		Module entry point and settings.
 *
 * The settings live here so that every layer reads them the same way; each
 * layer's own start-up (cache callbacks and the like) is called from
 * _PG_init.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "compat.h"
#include "cpconf.h"

PG_MODULE_MAGIC;

char	   *cpconf_calendar_setting = NULL;

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

	MarkGUCPrefixReserved("cpconf");

	calendar_init();
}
