/*
 * profiles.h
 *		Procedure profiles, their parent chain, and "the row of a rule table
 *		in force for a profile on a day": the one resolver every layer uses.
 */
#ifndef CPCONF_PROFILES_H
#define CPCONF_PROFILES_H

#include "base.h"

/*
 * The procedure profiles (cpconf.profile), as each layer's cache loads them
 * alongside its rule rows: shipped first, then by name; parents as indexes
 * (-1: none).
 */
typedef struct ProfileSet
{
	int			n;
	const char **names;
	int		   *parents;		/* -1: none; PARENT_MISSING: names no profile */
	const char **missing;		/* the parent's name where PARENT_MISSING */
	const char **calendars;		/* own calendar, or NULL */
} ProfileSet;

#define PARENT_MISSING (-2)

extern void profiles_load(ProfileSet *set, MemoryContext cxt);
extern int	profiles_find(const ProfileSet *set, const char *name, int len);
extern int	profiles_lookup(const ProfileSet *set, const char *name, int len, bool from_setting);
extern int	profiles_lookup_arg(const ProfileSet *set, text *name);
extern int	profiles_parent(const ProfileSet *set, int p, int steps);
extern const char *profiles_calendar(const ProfileSet *set, int p);

/*
 * Visit profile start and its ancestors, nearest first (p the profile,
 * steps how far up).  A parent chain that loops, possible only with
 * cpconf.profile's trigger bypassed, is an error (42P19).
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

/*
 * The head of a cached row of an effective-dated rule table (cpconf.timescale,
 * cpconf.conference_rule, cpconf.discontinuation_rule): each layer's row
 * struct starts with one, so that one resolver serves them all.
 */
typedef struct RuleRowHead
{
	int			profile;		/* index into the ProfileSet */
	bool		shipped;
	DateADT		from;
	DateADT		to;				/* exclusive; DATEVAL_NOEND when open */
	Datum		row;			/* the table's whole row, for SQL resolvers; or 0 */
} RuleRowHead;

extern void rule_row_head_read(RuleRowHead *head, const ProfileSet *set, int row,
							   int profile_col, int shipped_col, int from_col, int to_col,
							   int row_col, MemoryContext cxt);
extern const void *rule_in_force(const ProfileSet *set, const void *rows, int nrows,
								 size_t row_size, int p, DateADT day);

/* What a rule table is, for the error when no row of it is in force. */
typedef struct RuleTable
{
	const char *table;			/* in schema cpconf */
	const char *what;			/* "conference rules" */
	const char *purpose;		/* "Quoracy and decisions" */
	const char *rules;			/* "Q-MIN, D-DECIDE" */
	const char *day;			/* "the conference date" */
} RuleTable;

extern void rule_not_in_force(const RuleTable *t, const ProfileSet *set, int p, DateADT day,
							  const char *what)
			pg_attribute_noreturn();

/* For the SQL resolvers (conference_rules(), discontinuation_rules()). */
extern void rule_check_day(const RuleTable *t, DateADT day, const char *what);
extern Datum rule_table_row(const RuleRowHead *row);

#endif							/* CPCONF_PROFILES_H */
