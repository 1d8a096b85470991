/*
 * timescales.h
 *		The timescales layer: rule id and event to deadline, per profile.
 */
#ifndef CPCONF_TIMESCALES_H
#define CPCONF_TIMESCALES_H

#include "calendar.h"
#include "profiles.h"

/* What one call site remembers between rows: the rules and profiles it resolved. */
typedef struct DeadlineRef DeadlineRef;

/*
 * A day and the argument it comes from (anchor, initial_conference, ...):
 * an error about the day names the argument, so that one bad row among
 * many can be found.
 */
typedef struct NamedDay
{
	DateADT		day;
	const char *name;
} NamedDay;

#define NAMED_DAY(d, n) ((NamedDay) {(d), (n)})

extern DeadlineRef *deadline_ref_create(MemoryContext cxt);
extern void timescale_check_profile(DeadlineRef *ref, const char *profile);
extern bool timescale_deadline(DeadlineRef *ref, const char *rule, const char *profile,
							   NamedDay anchor, NamedDay as_of, bool optional, DateADT *due);

/* A deadline as a report judges it (timescale_judge). */
typedef struct TimescaleDue
{
	DateADT		due;
	bool		working_days;	/* the rule counts working days ... */
	int			amount;			/* ... this many */
	bool		before;			/* due at least amount before the anchor */
	bool		not_before;		/* due not before amount after the anchor */
	const WorkingCalendar *calendar;	/* for working days: the profile's */
	const char *profile;		/* the profile applied */
	const char *problem;		/* NULL, or why the data gives no deadline */
	bool		out_of_range;	/* the anchor or the deadline outside the calendars */
} TimescaleDue;

extern bool timescale_judge(DeadlineRef *ref, const char *rule, int rule_len, const char *profile,
							int profile_len, DateADT anchor, TimescaleDue *out);
extern DateADT timescale_first_review_due(DeadlineRef *ref, DateADT initial_conference,
										  DateADT birth, bool birth_known, const char *profile,
										  bool as_of_given, DateADT as_of);
extern int	timescale_rules_in_force(const char *prefix, const char *profile, DateADT as_of,
									 const char ***ids, const char ***whats);

#endif							/* CPCONF_TIMESCALES_H */
