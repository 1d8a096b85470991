/*
 * module.c
 *		The module's entry point: the settings, nothing else.
 *
 * Every layer's cache registers itself on first use (base.h), so _PG_init
 * calls into no layer and the layers never call back here.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/guc_tables.h"
#include "utils/memutils.h"

#include "base.h"

PG_MODULE_MAGIC;

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

	/*
	 * A cpconf.* name set before cpconf was loaded (ALTER ROLE ... SET
	 * cpconf.calender, say) is a placeholder that the next call drops with a
	 * WARNING.  Remember the first, so that calls relying on the settings
	 * refuse to run on the defaults (base.c).
	 */
	if (IsUnderPostmaster)		/* not in the postmaster (shared_preload_libraries) */
	{
		struct config_generic **vars = get_guc_variables();
		int			n = GetNumConfigOptions();

		for (int i = 0; i < n && cpconf_unknown_setting == NULL; i++)
		{
			struct config_string *var = (struct config_string *) vars[i];

			/* GUC names are case-insensitive; a RESET placeholder holds no value */
			if ((vars[i]->flags & GUC_CUSTOM_PLACEHOLDER) &&
				pg_strncasecmp(vars[i]->name, "cpconf.", 7) == 0 &&
				pg_strcasecmp(vars[i]->name, "cpconf.calendar") != 0 &&
				pg_strcasecmp(vars[i]->name, "cpconf.profile") != 0 &&
				*var->variable != NULL && **var->variable != '\0')
				cpconf_unknown_setting = MemoryContextStrdup(TopMemoryContext, vars[i]->name);
		}
	}

	MarkGUCPrefixReserved("cpconf");
}
