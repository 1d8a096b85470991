/*
 * conference.h
 *		What the conference layer's two files share: conference.c (rules,
 *		agencies, attendee(), the decision) and quoracy.c (the aggregate).
 */
#ifndef CPCONF_CONFERENCE_H
#define CPCONF_CONFERENCE_H

#include "labels.h"
#include "timescales.h"

/* How a profile counts a quorum (rule Q-MIN) and decides (D-DECIDE). */
typedef enum Qualifies
{
	QUALIFIES_DIRECT_CONTACT,	/* had direct contact with each child */
	QUALIFIES_S47,				/* contributed to the section 47 enquiry */
	QUALIFIES_FAMILY_CONTACT	/* had direct contact with the child and family: counts for every child */
} Qualifies;

typedef enum DecisionMethod
{
	DECIDE_MAJORITY,			/* agencies' majority; chair's casting vote */
	DECIDE_AGENCIES_THEN_CHAIR, /* agencies agree, else the chair */
	DECIDE_CHAIR				/* the chair, after seeking consensus */
} DecisionMethod;

typedef enum MultipleCategories
{
	CATEGORIES_ALLOWED,
	CATEGORIES_JUSTIFIED,		/* each meets the threshold, a risk otherwise underestimated */
	CATEGORIES_NEVER,
	CATEGORIES_NOT_ALL_EVENTUALITIES,	/* each meets the threshold: not to cover all eventualities */
	CATEGORIES_BY_CONSENSUS		/* the agencies' consensus; the chair decides one */
} MultipleCategories;

/* Whether health services count as separate agencies (rule Q-MIN). */
typedef enum HealthServices
{
	HEALTH_SERVICES_NEVER,
	HEALTH_SERVICES_ALWAYS,
	HEALTH_SERVICES_AS_CHAIR_JUDGES	/* the fact health_services_separate */
} HealthServices;

/* How a profile involves the child (rule P-CHILD-AGE). */
typedef enum ChildParticipation
{
	CHILD_PARTICIPATION_NONE,
	CHILD_INVITED_OVER,			/* older than the age: invited (staffordshire) */
	CHILD_OFFERED_FROM,			/* from that birthday: offered (derby) */
	CHILD_CONSIDERED_FROM		/* from that birthday: considered individually (darlington) */
} ChildParticipation;

/* What an initial conference later than T-ICPC needs recorded. */
typedef enum IcpcDelay
{
	ICPC_DELAY_NOT_STATED,
	ICPC_DELAY_REASONS,			/* reported with reasons to the CP manager (derby) */
	ICPC_DELAY_WRITTEN_AGREEMENT	/* the team manager's written agreement (darlington) */
} IcpcDelay;

/* The kinds of conference (an argument of the checks; NULL: not recorded). */
typedef enum ConferenceKind
{
	KIND_NOT_RECORDED = -1,
	KIND_INITIAL,
	KIND_PRE_BIRTH,				/* an initial conference before the birth */
	KIND_TRANSFER_IN,
	KIND_REVIEW
} ConferenceKind;

#define KIND_IS_INITIAL(k) ((k) == KIND_INITIAL || (k) == KIND_PRE_BIRTH)
/*
 * Q-GP: at an initial conference (a pre-birth one too), and Derby's
 * transfer-in one, which "has the same status and purpose" (Derby and
 * Derbyshire SCP 2024, the part on transfer in conferences).
 */
#define KIND_GP_REPORT(k) (KIND_IS_INITIAL(k) || (k) == KIND_TRANSFER_IN)

typedef struct ConferenceRule
{
	RuleRowHead head;			/* profile, shipped, effective period */
	bool		social_care_required;
	int			agencies_required;
	Qualifies	qualifies;
	HealthServices health_services;
	int			gp_report_over_age; /* -1: no GP rule */
	bool		gp_report_initial_only;	/* Q-GP at an initial conference only */
	bool		reconvene_initial_only; /* T-INQUORATE for an initial conference only */
	ChildParticipation child_participation;	/* P-CHILD-AGE */
	int			child_participation_age;
	int			advocacy_over_age;	/* P-CHILD-AGE; -1: no rule */
	bool		exclusion_by_chair;	/* P-EXCLUSION: the chair's decision */
	bool		exclusion_recorded;	/* P-EXCLUSION: recorded with its grounds */
	bool		views_required;	/* Q-VIEWS */
	IcpcDelay	icpc_delay;		/* T-ICPC: what a late initial conference needs */
	bool		decision_in_writing;	/* D-WRITTEN */
	bool		alternative_plan;	/* D-ALT-PLAN */
	DecisionMethod decision;
	MultipleCategories multiple_categories;	/* D-CATEGORY */
	bool		emotional_second_needs_concern;	/* D-CATEGORY */
	bool		interim_lead_manager;	/* D-LEAD */
	bool		visiting_arrangements;	/* D-PLAN: a new plan sets them out */
	bool		proceed_rule;	/* Q-PROCEED stated (proceed_requires not NULL) */
	int			nproceed_requires;
	const char **proceed_requires;
	int			nproceed_any_of;
	const char **proceed_any_of;
	int			nproceed_then;
	const char **proceed_then;
	bool		cancel_then_null;
	int			ncancel_then;
	const char **cancel_then;	/* Q-CANCEL */
	const char *source;
} ConferenceRule;

typedef struct Agency
{
	const char *folded;			/* lower-case, trimmed name */
	int			sector;			/* label of cpconf.sector */
	const char *service;
	bool		gp;
} Agency;

typedef struct ConferenceCache
{
	ProfileSet	profiles;
	int			nrules;
	ConferenceRule *rules;
	int			nagencies;
	Agency	   *agencies;
} ConferenceCache;

#define SECTOR_SOCIAL_CARE 1
#define SECTOR_HEALTH 3
#define TOOK_PART_ATTENDED 1
#define TOOK_PART_REPORT 2
#define VIEW_PLAN 1
#define VIEW_NO_PLAN 2
#define VIEW_ABSTAIN 3

/*
 * What one call site remembers between rows of attendance: the last few
 * agency names and participation values it resolved (dashboards repeat a
 * handful of each over many rows).
 */
#define ATTENDEE_SLOTS 16

typedef struct AgencySlot
{
	int			len;
	char		name[NAMEDATALEN];
	int			sector;
	const char *service;
	text	   *service_text;	/* the same, ready for the result row */
	bool		gp;
} AgencySlot;

typedef struct AttendeeRef
{
	TupleDesc	tupdesc;
	uint64		generation;
	int			next;
	AgencySlot	agencies[ATTENDEE_SLOTS];
	struct
	{
		int			len;
		char		text[NAMEDATALEN];
		int			label;
	}			took_part[4];
	int			next_took_part;
} AttendeeRef;

extern ConfigCache conference_config;
extern const RowShape attendance_shape;

extern ConferenceCache *conference_cache(void);
extern const ConferenceRule *conference_rule(const ConferenceCache *c, int p, DateADT day,
											  const char *day_name);
extern const ConferenceRule *conference_rule_on(const ConferenceCache *c, text *profile, DateADT day,
												 const char *day_name, int *p);
extern const char *conference_rule_profile(const ConferenceCache *c, const ConferenceRule *rule);

#define CATEGORY_EMOTIONAL 2
#define CATEGORY_MULTIPLE 5		/* MUL: several, not itemised */
extern const AgencySlot *attendee_agency(FunctionCallInfo fcinfo, AttendeeRef *ref,
										 ConferenceCache *c, text *agency);
extern int	attendee_took_part(AttendeeRef *ref, text *took_part);
extern ConferenceKind conference_kind_arg(FunctionCallInfo fcinfo, int n);
extern int	age_reached(bool known, DateADT born, int years, DateADT day, bool strictly_older);

#endif							/* CPCONF_CONFERENCE_H */
