/*
 * profiles.c
 *		Procedure profiles and the one resolver of rule rows.
 *
 * A profile is a partnership's procedure (cpconf.profile); a council's own
 * profile inherits from one.  Every rule table (cpconf.timescale,
 * cpconf.conference_rule, cpconf.discontinuation_rule) holds rows per
 * profile and period, and every layer, C or SQL, finds the row in force the
 * same way, here: walk from the profile up its parents to the first profile
 * with a row in force on the day (a profile inherits what it does not state,
 * day by day); within a profile a council row wins over a shipped one.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "profiles.h"

/* Read cpconf.profile (inside SPI) into set, allocated in cxt. */
void
profiles_load(ProfileSet *set, MemoryContext cxt)
{
	char	  **parents;

	cpconf_read_table("SELECT name, parent, calendar FROM cpconf.profile "
					  "ORDER BY shipped DESC, name COLLATE pg_catalog.\"C\"");
	set->n = SPI_processed;
	set->names = MemoryContextAllocZero(cxt, (set->n + 1) * sizeof(char *));
	set->parents = MemoryContextAllocZero(cxt, (set->n + 1) * sizeof(int));
	set->missing = MemoryContextAllocZero(cxt, (set->n + 1) * sizeof(char *));
	set->calendars = MemoryContextAllocZero(cxt, (set->n + 1) * sizeof(char *));
	parents = palloc0((set->n + 1) * sizeof(char *));
	for (int i = 0; i < set->n; i++)
	{
		set->names[i] = cpconf_spi_text(cxt, i, 1);
		parents[i] = cpconf_spi_text(CurrentMemoryContext, i, 2);
		set->calendars[i] = cpconf_spi_text(cxt, i, 3);
	}
	/*
	 * A parent that names no profile (rows loaded in part, or with the
	 * triggers bypassed) is an error when a walk reaches it, not the top.
	 */
	for (int i = 0; i < set->n; i++)
	{
		set->parents[i] = parents[i] ? profiles_find(set, parents[i], strlen(parents[i])) : -1;
		if (parents[i] && set->parents[i] < 0)
		{
			set->parents[i] = PARENT_MISSING;
			set->missing[i] = MemoryContextStrdup(cxt, parents[i]);
		}
	}
}

/* The index of a profile, or -1. */
int
profiles_find(const ProfileSet *set, const char *name, int len)
{
	for (int i = 0; i < set->n; i++)
		if ((int) strlen(set->names[i]) == len && memcmp(set->names[i], name, len) == 0)
			return i;
	return -1;
}

/* The index of a profile; an unknown one is an error listing the known. */
int
profiles_lookup(const ProfileSet *set, const char *name, int len, bool from_setting)
{
	int			p = profiles_find(set, name, len);

	if (p < 0)
	{
		StringInfoData known;

		initStringInfo(&known);
		for (int i = 0; i < set->n; i++)
			appendStringInfo(&known, "%s%s", i ? ", " : "", set->names[i]);
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("profile \"%.*s\" does not exist", len, name),
				 from_setting
				 ? errdetail("The profile was named by the setting cpconf.profile, used when a call names none.")
				 : errdetail("A profile is a partnership's procedure: the shipped ones or a council's own in cpconf.profile."),
				 errhint("Known profiles: %s.", known.data)));
	}
	return p;
}

/* As profiles_lookup, for a text argument; NULL means the setting. */
int
profiles_lookup_arg(const ProfileSet *set, text *name)
{
	if (name == NULL)
	{
		const char *s = cpconf_default_profile();

		return profiles_lookup(set, s, strlen(s), true);
	}
	return profiles_lookup(set, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), false);
}

/*
 * The parent of p, reached after steps steps up from where a walk started
 * (see FOR_EACH_PROFILE_UP): a chain longer than the number of profiles
 * loops.
 */
int
profiles_parent(const ProfileSet *set, int p, int steps)
{
	if (steps > set->n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_RECURSION),
				 errmsg("profile \"%s\" inherits from itself", set->names[p]),
				 errdetail("Its parent chain in cpconf.profile loops."),
				 errhint("Set the parent of one profile on the loop to a profile outside it.")));
	if (set->parents[p] == PARENT_MISSING)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("profile \"%s\" inherits from profile \"%s\", which does not exist",
						set->names[p], set->missing[p]),
				 errdetail("cpconf.profile names it as the parent; the configuration was loaded in part, or with its checks bypassed (cpconf.configuration_problems lists what else is amiss)."),
				 errhint("Add profile \"%s\", or give \"%s\" a parent that exists.", set->missing[p], set->names[p])));
	return set->parents[p];
}

/* The calendar p or its nearest ancestor names; NULL: the setting. */
const char *
profiles_calendar(const ProfileSet *set, int p)
{
	int			q,
				steps;

	FOR_EACH_PROFILE_UP(set, q, p, steps)
		if (set->calendars[q])
			return set->calendars[q];
	return NULL;
}

/* ---- the rule row in force ---- */

/*
 * Fill head from row of the current SPI result (inside a cache's build());
 * the columns are 1-based.  row_col, if not 0, holds the whole row, kept in
 * cxt for rule_table_row().  A profile that does not exist (a row let
 * through with the table's triggers bypassed) gives -1: the caller leaves
 * it out.
 */
void
rule_row_head_read(RuleRowHead *head, const ProfileSet *set, int row,
				   int profile_col, int shipped_col, int from_col, int to_col,
				   int row_col, MemoryContext cxt)
{
	char	   *profile = cpconf_spi_text(CurrentMemoryContext, row, profile_col);
	bool		isnull;

	head->profile = profile ? profiles_find(set, profile, strlen(profile)) : -1;
	head->shipped = cpconf_spi_bool(row, shipped_col);
	head->from = cpconf_spi_date(row, from_col);
	head->to = cpconf_spi_date(row, to_col);
	head->row = (Datum) 0;
	if (row_col > 0)
	{
		Datum		d = cpconf_spi_value(row, row_col, &isnull);
		MemoryContext old = MemoryContextSwitchTo(cxt);

		head->row = isnull ? (Datum) 0 : datumCopy(d, false, -1);
		MemoryContextSwitchTo(old);
	}
}

/*
 * The row of rows[0 .. nrows) in force for profile p on day, or NULL.  Each
 * row is row_size bytes and starts with its RuleRowHead.
 */
const void *
rule_in_force(const ProfileSet *set, const void *rows, int nrows, size_t row_size,
			  int p, DateADT day)
{
	int			q,
				steps;

	FOR_EACH_PROFILE_UP(set, q, p, steps)
	{
		const void *shipped = NULL;

		for (int i = 0; i < nrows; i++)
		{
			const RuleRowHead *h = (const RuleRowHead *) ((const char *) rows + i * row_size);

			if (h->profile != q || !cpconf_in_force(h->from, h->to, day))
				continue;
			if (!h->shipped)
				return h;
			if (shipped == NULL)
				shipped = h;
		}
		if (shipped != NULL)
			return shipped;
	}
	return NULL;
}

void
rule_not_in_force(const RuleTable *t, const ProfileSet *set, int p, DateADT day, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("no %s are in force for profile \"%s\" on %s %s",
					t->what, set->names[p], what, cpconf_format_day(day)),
			 errdetail("%s follow cpconf.%s (rules %s); the shipped rows start with their source documents.",
					   t->purpose, t->table, t->rules),
			 errhint("Check %s; if the rules applied then, add a row for that period to cpconf.%s.",
					 t->day, t->table)));
	pg_unreachable();
}

/*
 * The day that picks a row in force, the argument what (as_of, ended, ...):
 * an infinite one is an error.
 */
void
rule_check_day(const RuleTable *t, DateADT day, const char *what)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is infinite", what),
				 errdetail("%s picks the %s in force on a day.", what, t->what),
				 strcmp(what, "as_of") == 0 ? errhint("Pass a real date, or NULL for today.")
				 : errhint("Pass the real date; a date not recorded is NULL.")));
}

/*
 * The table's own row for a resolved head, for SQL callers that use all its
 * columns: the copy the cache read with the rest, so the answer is the row
 * the resolver chose, whatever has committed since.
 */
Datum
rule_table_row(const RuleRowHead *row)
{
	return datumCopy(row->row, false, -1);
}
