/*
 * plan.c
 *		The plan layer: ending a child protection plan (rules X-*).
 *
 * A partnership's rules for ending a plan are a row of
 * cpconf.discontinuation_rule per profile and period, cached per session
 * and resolved like every rule table (profiles.c).  The checks are plain
 * functions of the facts of one plan, called per row by triggers and
 * reports: check_plan_start() (a new plan), check_discontinuation() (its
 * ending), after_discontinuation() and review_before_18().  Each broken
 * rule is a cpconf.finding; impossible facts are errors.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "conference.h"
#include "timescales.h"

/* X-ACTIONS and X-FIRST-REVIEW, as the table spells them */
typedef enum OpenActions
{
	OPEN_ACTIONS_NOT_STATED,
	OPEN_ACTIONS_REFUSE,
	OPEN_ACTIONS_RATIONALE
} OpenActions;

typedef enum FirstReview
{
	FIRST_REVIEW_ANY,
	FIRST_REVIEW_LISTED_OR_UNSUBSTANTIATED,
	FIRST_REVIEW_EXCEPTIONAL
} FirstReview;

static const char *const open_actions_names[] = {"not_stated", "refuse", "rationale"};
static const char *const first_review_names[] = {"any", "listed_or_unsubstantiated", "exceptional"};

/* When the child in need plan after a plan may close (T-CIN-AFTER). */
typedef enum CinClosure
{
	CIN_CLOSURE_NOT_STATED,
	CIN_CLOSURE_REVIEW_AND_CONSENSUS,	/* a multi-agency review and consensus (staffordshire) */
	CIN_CLOSURE_REVIEW_EARLY_BY_CONSENSUS	/* a review; before T-CIN-AFTER-MIN, all agree (derby) */
} CinClosure;

static const char *const cin_closure_names[] = {"", "review_and_consensus", "review_early_by_consensus"};

/* One row of cpconf.discontinuation_rule; grounds as LABEL_BITs of end_reason. */
typedef struct DiscontinuationRule
{
	RuleRowHead head;			/* profile, shipped, effective period */
	uint32		grounds;
	const char *grounds_list;	/* as the row lists them, for messages */
	uint32		manager_grounds;
	const char *manager_grounds_list;
	bool		looked_after_review;
	bool		moved_needs_written_responsibility;
	bool		moved_needs_risk_assessment;
	bool		looked_after_no_return_home;	/* X-GROUNDS (darlington) */
	bool		looked_after_discussion;	/* X-FORUM: early, care stable (derby) */
	CinClosure	cin_plan_closure;	/* T-CIN-AFTER: closing the child in need plan */
	OpenActions open_actions;
	FirstReview first_review;
	uint32		first_review_grounds;
	bool		supervision_order;
	int			nnotify;
	const char **notify;
	int			nnotify_on_move;
	const char **notify_on_move;
	bool		critical_incident_on_death;
	const char *child_in_need_plan;
} DiscontinuationRule;

/* The grounds (cpconf.end_reason labels) and forums the checks name. */
#define GROUND_NO_LONGER_AT_RISK 1
#define GROUND_MOVED 2
#define GROUND_REACHED_18 3
#define GROUND_DIED 4
#define GROUND_LOOKED_AFTER 6

typedef enum Forum
{
	FORUM_REVIEW_CONFERENCE,
	FORUM_TRANSFER_CONFERENCE,
	FORUM_LOOKED_AFTER_REVIEW,
	FORUM_MANAGER,
	FORUM_LOOKED_AFTER_DISCUSSION,	/* before the first looked-after review */
	FORUM_UNKNOWN				/* a NULL forum: no forum rule is checked */
} Forum;

static const char *const forum_names[] = {
	"review_conference", "transfer_conference", "looked_after_review", "manager", "looked_after_discussion"
};

typedef struct PlanCache
{
	ProfileSet	profiles;
	int			nrules;
	DiscontinuationRule *rules;
} PlanCache;

static const RuleTable discontinuation_rule_table = {
	"discontinuation_rule", "discontinuation rules", "Endings of a plan",
	"X-GROUNDS, X-FORUM, X-MOVED, X-ACTIONS, X-FIRST-REVIEW, X-SUPERVISION, X-NOTIFY, X-DIED",
	"the date the plan ends"
};

static void *build_cache(MemoryContext cxt);

static ConfigCache plan_config = {
	.name = "cpconf discontinuation rules",
	.tables = {"profile", "discontinuation_rule", NULL},
	.build = build_cache,
};

/* An end_reason[] column as a mask, and the list as the row gives it. */
static uint32
grounds_column(MemoryContext cxt, int row, int col, const char **list)
{
	bool		isnull;
	Datum		d = cpconf_spi_value(row, col, &isnull);
	StringInfoData buf;
	uint32		mask;

	initStringInfo(&buf);
	mask = isnull ? 0 : label_array_mask(&end_reason_labels_set, DatumGetArrayTypeP(d), &buf);
	if (list)
		*list = MemoryContextStrdup(cxt, buf.data);
	return mask;
}

static void *
build_cache(MemoryContext cxt)
{
	PlanCache  *c = MemoryContextAllocZero(cxt, sizeof(PlanCache));

	profiles_load(&c->profiles, cxt);
	cpconf_read_table("SELECT profile, shipped, effective_from, effective_to, grounds, manager_grounds, "
					  "looked_after_review, moved_needs_written_responsibility, moved_needs_risk_assessment, "
					  "open_actions, first_review, first_review_grounds, supervision_order, notify, "
					  "notify_on_move, critical_incident_on_death, child_in_need_plan, r, "
					  "looked_after_no_return_home, looked_after_discussion, cin_plan_closure "
					  "FROM cpconf.discontinuation_rule r");
	c->rules = MemoryContextAllocZero(cxt, (SPI_processed + 1) * sizeof(DiscontinuationRule));
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		DiscontinuationRule *rule = &c->rules[c->nrules];
		char	   *open_actions = cpconf_spi_text(CurrentMemoryContext, r, 10);
		char	   *first_review = cpconf_spi_text(CurrentMemoryContext, r, 11);

		rule_row_head_read(&rule->head, &c->profiles, r, 1, 2, 3, 4, 18, cxt);
		rule->grounds = grounds_column(cxt, r, 5, &rule->grounds_list);
		rule->manager_grounds = grounds_column(cxt, r, 6, &rule->manager_grounds_list);
		rule->looked_after_review = cpconf_spi_bool(r, 7);
		rule->moved_needs_written_responsibility = cpconf_spi_bool(r, 8);
		rule->moved_needs_risk_assessment = cpconf_spi_bool(r, 9);
		rule->open_actions = cpconf_name_index(open_actions_names, lengthof(open_actions_names),
											   open_actions, OPEN_ACTIONS_NOT_STATED);
		rule->first_review = cpconf_name_index(first_review_names, lengthof(first_review_names),
											   first_review, FIRST_REVIEW_ANY);
		rule->first_review_grounds = grounds_column(cxt, r, 12, NULL);
		rule->supervision_order = cpconf_spi_bool(r, 13);
		rule->notify = cpconf_spi_text_array(cxt, r, 14, &rule->nnotify);
		rule->notify_on_move = cpconf_spi_text_array(cxt, r, 15, &rule->nnotify_on_move);
		rule->critical_incident_on_death = cpconf_spi_bool(r, 16);
		rule->child_in_need_plan = cpconf_spi_text(cxt, r, 17);
		rule->looked_after_no_return_home = cpconf_spi_bool(r, 19);
		rule->looked_after_discussion = cpconf_spi_bool(r, 20);
		rule->cin_plan_closure = cpconf_name_index(cin_closure_names, lengthof(cin_closure_names),
												   cpconf_spi_text(CurrentMemoryContext, r, 21),
												   CIN_CLOSURE_NOT_STATED);
		if (rule->head.profile >= 0)
			c->nrules++;
	}
	return c;
}

/*
 * The discontinuation rules in force for a profile argument (NULL: the
 * setting) on day, the argument day_name; *p the profile.
 */
static const DiscontinuationRule *
discontinuation_rule(PlanCache *c, text *profile, DateADT day, const char *day_name, int *p)
{
	const DiscontinuationRule *rule;

	*p = profiles_lookup_arg(&c->profiles, profile);
	rule_check_day(&discontinuation_rule_table, day, day_name);
	rule = rule_in_force(&c->profiles, c->rules, c->nrules, sizeof(DiscontinuationRule), *p, day);
	if (rule == NULL)
		rule_not_in_force(&discontinuation_rule_table, &c->profiles, *p, day, day_name);
	return rule;
}

static inline PlanCache *
plan_cache(void)
{
	return config_cache_get(&plan_config);
}

PG_FUNCTION_INFO_V1(cpconf_discontinuation_rules);

/*
 * discontinuation_rules(profile, as_of): the cpconf.discontinuation_rule row
 * in force for the profile (NULL: the setting) on as_of (NULL: today).
 */
Datum
cpconf_discontinuation_rules(PG_FUNCTION_ARGS)
{
	PlanCache  *c = plan_cache();
	text	   *profile = PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0);
	DateADT		day = PG_ARGISNULL(1) ? GetSQLCurrentDate() : PG_GETARG_DATEADT(1);
	int			p;

	PG_RETURN_DATUM(rule_table_row(&discontinuation_rule(c, profile, day, "as_of", &p)->head));
}

/* ---- the facts of one plan, as arguments ---- */

/* A recorded yes/no fact: NOT_RECORDED when the argument is NULL. */
typedef enum Fact
{
	NOT_RECORDED = -1,
	NO = 0,
	YES = 1
} Fact;

static inline Fact
fact_arg(FunctionCallInfo fcinfo, int n)
{
	return (Fact) cpconf_fact_arg(fcinfo, n);
}

/*
 * A date argument (named name) into *day; false when it is NULL (not
 * recorded).  An infinite one is an error: a day not known is NULL.
 */
static inline bool
date_arg(FunctionCallInfo fcinfo, int n, const char *name, DateADT *day)
{
	if (PG_ARGISNULL(n))
		return false;
	*day = PG_GETARG_DATEADT(n);
	cpconf_check_finite(*day, name, "The check compares it with the plan's other dates.");
	return true;
}

static Forum
forum_arg(FunctionCallInfo fcinfo, int n)
{
	text	   *t;
	const char *s;
	int			len;
	char		folded[32];
	int			f;

	if (PG_ARGISNULL(n))
		return FORUM_UNKNOWN;
	t = PG_GETARG_TEXT_PP(n);
	s = VARDATA_ANY(t);
	len = VARSIZE_ANY_EXHDR(t);
	/* case, spaces around, and hyphens or spaces for underscores are forgiven */
	if (cpconf_fold_word(s, len, folded, sizeof(folded)) &&
		(f = cpconf_name_index(forum_names, lengthof(forum_names), folded, -1)) >= 0)
		return (Forum) f;
	/* the message names the value as written, trimmed */
	while (len > 0 && isspace((unsigned char) *s))
		s++, len--;
	while (len > 0 && isspace((unsigned char) s[len - 1]))
		len--;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown forum \"%.*s\" for ending a plan", len, s),
			 errdetail("Rule X-FORUM: a plan ends at a review conference, after a transfer conference, "
					   "at a looked-after review, by a child protection manager without a conference, or "
					   "after a discussion before the first looked-after review."),
			 errhint("Use review_conference, transfer_conference, looked_after_review, manager or "
					 "looked_after_discussion.")));
	return FORUM_UNKNOWN;		/* keep compiler quiet */
}

/* The 18th birthday: 216 months on, 29 February clamped to the 28th. */
static DateADT
eighteenth_birthday(DateADT born)
{
	int64		day = cpconf_add_months(born, 18 * 12);

	return day == PG_INT64_MAX ? DATEVAL_NOEND : day == PG_INT64_MIN ? DATEVAL_NOBEGIN : (DateADT) day;
}

#define D(day) cpconf_format_day(day)

/* ---- check_discontinuation() ---- */

PG_FUNCTION_INFO_V1(cpconf_check_discontinuation);

/* The arguments of check_discontinuation(), in order. */
enum
{
	A_GROUND, A_ENDED, A_DECIDED_AT, A_PROFILE, A_PLAN_STARTED, A_FIRST_REVIEW,
	A_KEY_ACTIONS_OPEN, A_RATIONALE_MINUTED, A_TRANSFER_HELD, A_RESPONSIBILITY_IN_WRITING,
	A_RISK_ASSESSED, A_UNSUBSTANTIATED, A_INITIAL_AGENCIES_VIEWS, A_PERPETRATOR,
	A_SUPERVISION_ORDER, A_SUPERVISION_EXPIRES, A_UNANIMOUS, A_INITIAL_AGENCIES_CONSULTED,
	A_RECORDED_IN_RECORDS, A_DATE_OF_BIRTH, A_DATE_OF_DEATH, A_RETURNED_AFTER_PROCEEDINGS,
	A_RETURN_HOME_FORESEEN, A_CARE_STABLE
};

/* Contradictory dates are errors, not findings. */
static void
check_ending_dates(int g, DateADT ended, bool have_started, DateADT started,
				   bool have_birth, DateADT birth, bool have_death, DateADT death)
{
	if (have_started && ended < started)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the plan ends (%s) before it starts (%s)", D(ended), D(started)),
				 errdetail("A plan cannot end before the conference that started it."),
				 errhint("Check both dates.")));
	if (have_death && death > ended && g == GROUND_DIED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the plan ends (%s) on the ground that the child died, before the death (%s)",
						D(ended), D(death)),
				 errdetail("Ground died ends a plan on or after the child's death."),
				 errhint("Check the dates, or the ground.")));
	if (have_death && g != GROUND_DIED && death <= ended)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the child died (%s) before the plan ends (%s), but the ground is %s",
						D(death), D(ended), label_name(&end_reason_labels_set, g)),
				 errdetail("A plan of a child who has died ends on ground died (X-DIED)."),
				 errhint("Use ground died, or check the date of death.")));
	if (have_birth && (birth > ended || (have_started && birth > started)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the child's date of birth (%s) is after the plan's dates", D(birth)),
				 errdetail("Only a pre-birth plan starts before birth, and then the date of birth is not yet known."),
				 errhint("Check the date of birth.")));
}

/*
 * check_discontinuation(ground, ended, decided_at, profile, ...facts):
 * every rule the ending would break, as findings; empty when the plan may
 * end.  A NULL fact a rule needs is a not_recorded finding, never assumed.
 */
Datum
cpconf_check_discontinuation(PG_FUNCTION_ARGS)
{
	PlanCache  *c;
	const DiscontinuationRule *r;
	Findings	f;
	int			g;
	const char *gname;
	DateADT		ended,
				started = 0,
				transfer = 0,
				expires = 0,
				birth = 0,
				death = 0;
	bool		have_started,
				have_transfer,
				have_expires,
				have_birth,
				have_death;
	Forum		forum;
	const char *profile;
	int			p;

	if (PG_ARGISNULL(A_GROUND) || PG_ARGISNULL(A_ENDED))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ending a plan needs the ground and the end date"),
				 errdetail("The rules for ending a plan (X-GROUNDS and the rules after it) turn on both."),
				 errhint("Pass ground and ended.")));
	g = PG_GETARG_CHAR(A_GROUND);
	gname = label_name(&end_reason_labels_set, g);
	ended = PG_GETARG_DATEADT(A_ENDED);
	forum = forum_arg(fcinfo, A_DECIDED_AT);
	have_started = date_arg(fcinfo, A_PLAN_STARTED, "plan_started", &started);
	have_transfer = date_arg(fcinfo, A_TRANSFER_HELD, "transfer_conference_held", &transfer);
	have_expires = date_arg(fcinfo, A_SUPERVISION_EXPIRES, "supervision_order_expires", &expires);
	have_birth = date_arg(fcinfo, A_DATE_OF_BIRTH, "date_of_birth", &birth);
	have_death = date_arg(fcinfo, A_DATE_OF_DEATH, "date_of_death", &death);
	check_ending_dates(g, ended, have_started, started, have_birth, birth, have_death, death);

	c = plan_cache();
	r = discontinuation_rule(c, PG_ARGISNULL(A_PROFILE) ? NULL : PG_GETARG_TEXT_PP(A_PROFILE), ended, "ended", &p);
	profile = c->profiles.names[r->head.profile];
	findings_begin(&f, fcinfo);
	f.profile = c->profiles.names[p];

	/* X-GROUNDS */
	if (!(r->grounds & LABEL_BIT(g)))
		finding(&f, "X-GROUNDS", SEVERITY_VIOLATION,
				psprintf("%s is not a ground for ending a plan under profile %s", gname, profile),
				psprintf("End the plan on one of: %s.", r->grounds_list));

	/* X-GROUNDS: looked_after only where no return home is foreseen (darlington) */
	if (g == GROUND_LOOKED_AFTER && (r->grounds & LABEL_BIT(g)) && r->looked_after_no_return_home)
	{
		Fact		home = fact_arg(fcinfo, A_RETURN_HOME_FORESEEN);

		if (home != NO)
			finding(&f, "X-GROUNDS", SEVERITY_IF_NULL(home == NOT_RECORDED),
					home == NOT_RECORDED
					? psprintf("not recorded: whether a return home is foreseen, which bars ending on looked_after "
							   "under profile %s", profile)
					: psprintf("a return home is foreseen, and a plan ends on looked_after only where none is "
							   "(profile %s)", profile),
					home == NOT_RECORDED ? "Record it (return_home_foreseen)."
					: "Keep the plan, or end it on another ground.");
	}

	/* X-FORUM; a forum not recorded (NULL) is never taken for a review conference */
	if (forum == FORUM_UNKNOWN)
		finding(&f, "X-FORUM", SEVERITY_NOT_RECORDED,
				"not recorded: where the ending was decided",
				"Record decided_at: review_conference, transfer_conference, looked_after_review, manager or "
				"looked_after_discussion.");
	else if (forum == FORUM_TRANSFER_CONFERENCE && g != GROUND_MOVED)
		finding(&f, "X-FORUM", SEVERITY_VIOLATION,
				psprintf("a plan ends after a transfer conference only when the child has moved permanently, not on %s", gname),
				"Decide it at a review conference.");
	else if (forum == FORUM_LOOKED_AFTER_REVIEW && !(r->looked_after_review && g == GROUND_LOOKED_AFTER))
		finding(&f, "X-FORUM", SEVERITY_VIOLATION,
				psprintf("under profile %s a plan does not end at a looked-after review%s%s", profile,
						 r->looked_after_review ? " on " : "", r->looked_after_review ? gname : ""),
				"Decide it at a review conference.");
	else if (forum == FORUM_LOOKED_AFTER_DISCUSSION)
	{
		if (!(r->looked_after_discussion && g == GROUND_LOOKED_AFTER))
			finding(&f, "X-FORUM", SEVERITY_VIOLATION,
					psprintf("under profile %s a plan does not end%s after a discussion before the first "
							 "looked-after review", profile, r->looked_after_discussion ? " on this ground" : ""),
					r->looked_after_discussion
					? "Only a child who has come into care (looked_after) may leave a plan this way."
					: "Decide it at a review conference.");
		else
		{
			Fact		stable = fact_arg(fcinfo, A_CARE_STABLE);

			if (stable != YES)
				finding(&f, "X-FORUM", SEVERITY_IF_NULL(stable == NOT_RECORDED),
						stable == NOT_RECORDED
						? "not recorded: whether the child's status in care is known to be stable, which a plan "
						"ending before the first looked-after review needs"
						: "the child's status in care is not stable: the plan ends at the first looked-after review, "
						"not before",
						stable == NOT_RECORDED ? "Record care_stable."
						: "Wait for the first looked-after review.");
		}
	}
	else if (forum == FORUM_MANAGER)
	{
		if (!(r->manager_grounds & LABEL_BIT(g)))
			finding(&f, "X-FORUM", SEVERITY_VIOLATION,
					psprintf("a child protection manager may not end a plan without a conference on %s under profile %s",
							 gname, profile),
					r->manager_grounds
					? psprintf("Decide it at a review conference; a manager may act alone only on %s.",
							   r->manager_grounds_list)
					: "Decide it at a review conference.");
		else
		{
			Fact		consulted = fact_arg(fcinfo, A_INITIAL_AGENCIES_CONSULTED);
			Fact		recorded = fact_arg(fcinfo, A_RECORDED_IN_RECORDS);

			if (consulted != YES)
				finding(&f, "X-FORUM", SEVERITY_IF_NULL(consulted == NOT_RECORDED),
						consulted == NOT_RECORDED
						? "not recorded: whether the agencies of the initial conference that started the plan were consulted"
						: "the agencies of the initial conference that started the plan were not consulted",
						"Consult them before ending the plan.");
			if (recorded != YES)
				finding(&f, "X-FORUM", SEVERITY_IF_NULL(recorded == NOT_RECORDED),
						recorded == NOT_RECORDED
						? "not recorded: whether the decision is recorded in the social care and child health records"
						: "the decision is not recorded in the social care and child health records",
						"Record it in both.");
		}
	}

	/* X-MOVED */
	if (g == GROUND_MOVED)
	{
		Fact		in_writing = fact_arg(fcinfo, A_RESPONSIBILITY_IN_WRITING);
		Fact		assessed = fact_arg(fcinfo, A_RISK_ASSESSED);

		if (!have_transfer)
			finding(&f, "X-MOVED", SEVERITY_NOT_RECORDED,
					"not recorded: the receiving council's transfer conference; the plan ends only after it is held",
					"Wait for it (the receiving council's timescale, its rule T-TRANSFER); record its date.");
		else if (transfer > ended)
			finding(&f, "X-MOVED", SEVERITY_VIOLATION,
					psprintf("the plan ends on %s, before the receiving council's transfer conference on %s",
							 D(ended), D(transfer)),
					psprintf("End it on or after %s.", D(transfer)));
		if (r->moved_needs_written_responsibility && in_writing != YES)
			finding(&f, "X-MOVED", SEVERITY_IF_NULL(in_writing == NOT_RECORDED),
					in_writing == NOT_RECORDED
					? "not recorded: whether the receiving council confirmed case responsibility in writing"
					: "the receiving council has not confirmed case responsibility in writing",
					"Obtain its written confirmation first.");
		if (r->moved_needs_risk_assessment && assessed != YES)
			finding(&f, "X-MOVED", SEVERITY_IF_NULL(assessed == NOT_RECORDED),
					assessed == NOT_RECORDED
					? "not recorded: whether the child and family were fully risk assessed in their new situation"
					: "there has been no full risk assessment in the new situation",
					"Complete it before ending the plan.");
	}

	/*
	 * X-ACTIONS: a refusal (derby, derbyshire) holds at any review, whatever
	 * the ground; a minuted rationale (staffordshire) for a plan ended
	 * because the child is no longer at risk.
	 */
	if (r->open_actions == OPEN_ACTIONS_REFUSE
		? forum == FORUM_REVIEW_CONFERENCE || forum == FORUM_LOOKED_AFTER_REVIEW || forum == FORUM_UNKNOWN
		: r->open_actions != OPEN_ACTIONS_NOT_STATED && g == GROUND_NO_LONGER_AT_RISK)
	{
		Fact		open = fact_arg(fcinfo, A_KEY_ACTIONS_OPEN);
		Fact		minuted = fact_arg(fcinfo, A_RATIONALE_MINUTED);

		if (open == NOT_RECORDED)
			finding(&f, "X-ACTIONS", SEVERITY_NOT_RECORDED,
					"not recorded: whether key safeguarding actions of the plan are still open", "Record it.");
		else if (open == YES && r->open_actions == OPEN_ACTIONS_REFUSE)
			finding(&f, "X-ACTIONS", SEVERITY_IF_NULL(forum == FORUM_UNKNOWN),
					forum == FORUM_UNKNOWN
					? psprintf("key safeguarding actions are still open (profile %s), and it is not recorded whether "
							   "the plan ends at a review", profile)
					: psprintf("key safeguarding actions are still open (profile %s)", profile),
					"Complete them before ending the plan.");
		else if (open == YES && minuted != YES)
			finding(&f, "X-ACTIONS", SEVERITY_IF_NULL(minuted == NOT_RECORDED),
					minuted == NOT_RECORDED
					? "plan actions are open and it is not recorded whether the rationale is minuted"
					: "plan actions are open without a minuted rationale",
					"Complete them, or minute the rationale for each one not completed.");
	}

	/* X-FIRST-REVIEW */
	if (r->first_review != FIRST_REVIEW_ANY && forum == FORUM_REVIEW_CONFERENCE &&
		!(r->first_review == FIRST_REVIEW_LISTED_OR_UNSUBSTANTIATED && (r->first_review_grounds & LABEL_BIT(g))) &&
		!(r->first_review == FIRST_REVIEW_EXCEPTIONAL && g != GROUND_NO_LONGER_AT_RISK && g != GROUND_LOOKED_AFTER))
	{
		Fact		first = fact_arg(fcinfo, A_FIRST_REVIEW);

		if (first == NOT_RECORDED)
			finding(&f, "X-FIRST-REVIEW", SEVERITY_NOT_RECORDED,
					"not recorded: whether this is the first review conference", "Record it.");
		else if (first == YES && r->first_review == FIRST_REVIEW_LISTED_OR_UNSUBSTANTIATED)
		{
			Fact		unsubstantiated = fact_arg(fcinfo, A_UNSUBSTANTIATED);
			Fact		views = fact_arg(fcinfo, A_INITIAL_AGENCIES_VIEWS);

			if (unsubstantiated != YES)
				finding(&f, "X-FIRST-REVIEW", SEVERITY_IF_NULL(unsubstantiated == NOT_RECORDED),
						unsubstantiated == NOT_RECORDED
						? psprintf("at the first review a plan ends on %s only if the original concerns were shown unsubstantiated, which is not recorded", gname)
						: psprintf("at the first review a plan does not end on %s unless the original concerns were shown unsubstantiated", gname),
						"Wait for a later review, or record that the concerns were shown unsubstantiated.");
			else if (views != YES)
				finding(&f, "X-FIRST-REVIEW", SEVERITY_IF_NULL(views == NOT_RECORDED),
						views == NOT_RECORDED
						? "not recorded: whether the key agencies of the initial conference attended or gave their views in writing"
						: "the key agencies of the initial conference neither attended nor gave their views in writing",
						"Obtain their views before ending the plan at the first review.");
		}
		else if (first == YES && r->first_review == FIRST_REVIEW_EXCEPTIONAL)
		{
			Fact		perpetrator = fact_arg(fcinfo, A_PERPETRATOR);

			if (perpetrator != YES)
				finding(&f, "X-FIRST-REVIEW", SEVERITY_IF_NULL(perpetrator == NOT_RECORDED),
						perpetrator == NOT_RECORDED
						? "at the first review a plan ends only in exceptional circumstances (the perpetrator in custody or dead), which are not recorded"
						: "at the first review a plan ends only in exceptional circumstances: the perpetrator serving a significant custodial sentence, or dead",
						"Wait for a later review, unless all risks are shown eliminated that way.");
		}
	}

	/* X-SUPERVISION, for a plan ended because the child is no longer at risk */
	if (r->supervision_order && g == GROUND_NO_LONGER_AT_RISK)
	{
		Fact		order = fact_arg(fcinfo, A_SUPERVISION_ORDER);
		Fact		unanimous = fact_arg(fcinfo, A_UNANIMOUS);

		if (order == NOT_RECORDED)
			finding(&f, "X-SUPERVISION", SEVERITY_NOT_RECORDED,
					"not recorded: whether the child is on a supervision order living with a parent", "Record it.");
		else if (order == YES && (!have_expires || expires > ended) && unanimous != YES)
			finding(&f, "X-SUPERVISION", SEVERITY_IF_NULL(unanimous == NOT_RECORDED),
					psprintf("the child is on a supervision order with a parent%s%s; the plan continues until it expires "
							 "unless the core group and the child protection manager agree unanimously at a review",
							 have_expires ? " until " : "", have_expires ? D(expires) : ""),
					unanimous == NOT_RECORDED ? "Record whether the agreement is unanimous."
					: "Keep the plan until the order expires.");
	}

	/*
	 * T-MIN-PLAN (derby): a child returning after proceedings to the carers
	 * in whose care the harm occurred keeps the plan at least this long;
	 * the minimum is the profile's rule in force on the ending.
	 */
	if (g == GROUND_NO_LONGER_AT_RISK && fact_arg(fcinfo, A_RETURNED_AFTER_PROCEEDINGS) != NO)
	{
		DeadlineRef *ref = (DeadlineRef *) fcinfo->flinfo->fn_extra;
		DateADT		until;
		bool		returned_unknown = fact_arg(fcinfo, A_RETURNED_AFTER_PROCEEDINGS) == NOT_RECORDED;

		/* fn_extra is free: a materialized set keeps nothing there */
		if (ref == NULL)
			fcinfo->flinfo->fn_extra = ref = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
		/* without the start, whether the minimum has passed is not known */
		if (!have_started &&
			timescale_deadline(ref, "T-MIN-PLAN", c->profiles.names[p], NAMED_DAY(ended, "ended"),
							   NAMED_DAY(ended, "ended"), true, &until))
			finding(&f, "T-MIN-PLAN", SEVERITY_NOT_RECORDED,
					returned_unknown
					? "not recorded: when the plan started, nor whether the child returned after proceedings to "
					"the carers in whose care the harm occurred, whose plan lasts a minimum"
					: "not recorded: when the plan started, for a child returned after proceedings to the carers "
					"in whose care the harm occurred, whose plan lasts a minimum",
					"Record plan_started (and returned_to_carers_after_proceedings).");
		else if (have_started &&
				 timescale_deadline(ref, "T-MIN-PLAN", c->profiles.names[p], NAMED_DAY(started, "plan_started"),
									NAMED_DAY(ended, "ended"), true, &until) && ended < until)
			finding(&f, "T-MIN-PLAN", SEVERITY_IF_NULL(returned_unknown),
					returned_unknown
					? psprintf("not recorded: whether the child returned after proceedings to the carers in whose "
							   "care the harm occurred, whose plan lasts until %s", D(until))
					: psprintf("the child returned after proceedings to the carers in whose care the harm occurred, "
							   "whose plan lasts until %s", D(until)),
					returned_unknown ? "Record it (returned_to_carers_after_proceedings)."
					: psprintf("Keep the plan until %s.", D(until)));
	}

	/* reached_18 */
	if (g == GROUND_REACHED_18)
	{
		if (!have_birth)
			finding(&f, "X-GROUNDS", SEVERITY_NOT_RECORDED,
					"not recorded: the child's date of birth, to show the child is 18", "Record it.");
		else
		{
			DateADT		adult = eighteenth_birthday(birth);

			if (ended < adult)
				finding(&f, "X-GROUNDS", SEVERITY_VIOLATION,
						psprintf("the child is not 18 until %s", D(adult)),
						psprintf("End it on or after %s, on another ground, or hold the review before the birthday (T-18).",
								 D(adult)));
		}
	}

	/* died */
	if (g == GROUND_DIED && !have_death)
		finding(&f, "X-GROUNDS", SEVERITY_NOT_RECORDED,
				"not recorded: the date of the child's death", "Record it.");
	return (Datum) 0;
}

/* ---- after_discontinuation(), review_before_18() ---- */

PG_FUNCTION_INFO_V1(cpconf_after_discontinuation);
PG_FUNCTION_INFO_V1(cpconf_review_before_18);

static void
follows(ReturnSetInfo *rsinfo, const char *rule, const char *what, bool have_due, DateADT due)
{
	Datum		values[3];
	bool		nulls[3] = {false, false, !have_due};

	values[0] = CStringGetTextDatum(rule);
	values[1] = CStringGetTextDatum(what);
	values[2] = have_due ? DateADTGetDatum(due) : (Datum) 0;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * after_discontinuation(ground, ended, profile): who is told (X-NOTIFY), a
 * critical incident notice on a death (X-DIED), and after an ending because
 * the child is no longer at risk the child in need plan and its dates
 * (T-CIN-AFTER-*), under the profile whose discontinuation rules apply.
 */
Datum
cpconf_after_discontinuation(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PlanCache  *c;
	const DiscontinuationRule *r;
	const char *profile;
	DeadlineRef *ref;
	DateADT		ended;
	int			g,
				p;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	g = PG_GETARG_CHAR(0);
	ended = PG_GETARG_DATEADT(1);
	c = plan_cache();
	r = discontinuation_rule(c, PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2), ended, "ended", &p);
	/* the dates follow the timescales of the profile named, not of the row's */
	profile = c->profiles.names[p];

	for (int i = 0; i < r->nnotify; i++)
		if (r->notify[i])
			follows(rsinfo, "X-NOTIFY", psprintf("notify %s", r->notify[i]), false, 0);
	if (g == GROUND_MOVED)
		for (int i = 0; i < r->nnotify_on_move; i++)
			if (r->notify_on_move[i])
				follows(rsinfo, "X-NOTIFY", psprintf("notify %s of the move", r->notify_on_move[i]), false, 0);
	if (g == GROUND_DIED && r->critical_incident_on_death)
		follows(rsinfo, "X-DIED", "notify a critical incident", false, 0);
	if (g != GROUND_NO_LONGER_AT_RISK)
		return (Datum) 0;

	if (r->child_in_need_plan)
		follows(rsinfo, "T-CIN-AFTER", r->child_in_need_plan, false, 0);
	{
		const char **ids;
		const char **whats;
		int			n = timescale_rules_in_force("T-CIN-AFTER-", profile, ended, &ids, &whats);

		/* the cache's strings are copied: the deadlines below may rebuild it */
		ref = deadline_ref_create(CurrentMemoryContext);
		for (int i = 0; i < n; i++)
		{
			DateADT		due,
						first_review;

			/* the repeating review counts from the first review, not the ending */
			if (strcmp(ids[i], "T-CIN-AFTER-REVIEWN") == 0)
			{
				timescale_deadline(ref, "T-CIN-AFTER-REVIEW", profile, NAMED_DAY(ended, "ended"),
								   NAMED_DAY(ended, "ended"), false, &first_review);
				timescale_deadline(ref, ids[i], profile, NAMED_DAY(first_review, "the first review after ended"),
								   NAMED_DAY(first_review, "the first review after ended"), false, &due);
			}
			else
				timescale_deadline(ref, ids[i], profile, NAMED_DAY(ended, "ended"), NAMED_DAY(ended, "ended"),
								   false, &due);
			follows(rsinfo, ids[i], whats[i], true, due);
		}
	}
	return (Datum) 0;
}

/*
 * review_before_18(date_of_birth, profile): the day by which the review that
 * ends a plan at 18 is held (T-18) where the profile states it, else the
 * 18th birthday.
 */
Datum
cpconf_review_before_18(PG_FUNCTION_ARGS)
{
	DeadlineRef *ref = (DeadlineRef *) fcinfo->flinfo->fn_extra;
	char	   *profile = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
	DateADT		birthday,
				due;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (ref == NULL)
		fcinfo->flinfo->fn_extra = ref = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
	timescale_check_profile(ref, profile);
	cpconf_check_finite(PG_GETARG_DATEADT(0), "date_of_birth", "T-18 counts from the 18th birthday.");
	birthday = eighteenth_birthday(PG_GETARG_DATEADT(0));
	/* the same range whatever the profile states (with T-18 or without) */
	if (DATE_NOT_FINITE(birthday) || birthday < CPCONF_FIRST_DAY || birthday > CPCONF_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the 18th birthday of a child born on %s is out of range", D(PG_GETARG_DATEADT(0))),
				 errdetail("T-18 counts from the 18th birthday; cpconf's dates lie between %d-01-01 and %d-12-31.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Check the date of birth.")));
	if (timescale_deadline(ref, "T-18", profile, NAMED_DAY(birthday, "the 18th birthday after date_of_birth"),
						   NAMED_DAY(birthday, "the 18th birthday after date_of_birth"), true, &due))
		PG_RETURN_DATEADT(due);
	PG_RETURN_DATEADT(birthday);
}

/* ---- check_plan_start() ---- */

PG_FUNCTION_INFO_V1(cpconf_check_plan_start);

/* The arguments of check_plan_start(), in order. */
enum
{
	S_INITIAL_CONFERENCE, S_LEAD_QUALIFIED, S_LEAD_INTERIM_MANAGER, S_CORE_GROUP_MEMBERS,
	S_FIRST_CORE_GROUP, S_FIRST_REVIEW, S_CONTINGENCY_PLAN, S_OUTLINE_PLAN,
	S_VISITING_ARRANGEMENTS, S_CATEGORIES, S_PROFILE, S_BIRTH, S_STARTED
};

/*
 * check_plan_start(initial_conference, ...facts, categories, profile,
 * birth, started): what a new plan must have (D-LEAD, D-PLAN, D-CATEGORY),
 * its first dates (T-CG1, T-RCPC1) and, when its start is given, that it
 * starts on the conference's day (D-START), as findings.  D-START is here,
 * not beside it in SQL, because the enforcement trigger calls this once for
 * every plan a COPY writes.
 */
Datum
cpconf_check_plan_start(PG_FUNCTION_ARGS)
{
	ConferenceCache *c = conference_cache();
	const ConferenceRule *r;
	DeadlineRef *ref = (DeadlineRef *) fcinfo->flinfo->fn_extra;
	text	   *profile_arg = PG_ARGISNULL(S_PROFILE) ? NULL : PG_GETARG_TEXT_PP(S_PROFILE);
	char	   *profile = profile_arg ? text_to_cstring(profile_arg) : NULL;
	Findings	f;
	DateADT		ic,
				cg_due,
				birth_due,
				review_due,
				day;
	Fact		qualified = fact_arg(fcinfo, S_LEAD_QUALIFIED),
				interim = fact_arg(fcinfo, S_LEAD_INTERIM_MANAGER);
	bool		started_given = PG_NARGS() > S_STARTED && !PG_ARGISNULL(S_STARTED);
	int			p;

	if (started_given)
		cpconf_check_finite(PG_GETARG_DATEADT(S_STARTED), "started",
							"Rule D-START: a plan starts on the day of the conference that decided it.");
	if (PG_ARGISNULL(S_INITIAL_CONFERENCE) && started_given)
	{
		/* a plan recorded without its conference: nothing else can be judged */
		findings_begin(&f, fcinfo);
		f.profile = c->profiles.names[profiles_lookup_arg(&c->profiles, profile_arg)];
		finding(&f, "D-START", SEVERITY_NOT_RECORDED,
				"the conference that decided the plan is not recorded, or not held",
				"Link the plan to the conference that decided it, with the day it was held.");
		return (Datum) 0;
	}
	if (PG_ARGISNULL(S_INITIAL_CONFERENCE))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the initial conference date is needed to check a new plan"),
				 errdetail("The first core group (T-CG1) and first review (T-RCPC1) are due from it."),
				 errhint("Pass initial_conference.")));
	ic = PG_GETARG_DATEADT(S_INITIAL_CONFERENCE);
	r = conference_rule_on(c, profile_arg, ic, "initial_conference", &p);
	if (ref == NULL)
	{
		/* fn_extra is free: a materialized set keeps nothing there */
		fcinfo->flinfo->fn_extra = ref = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
	}
	timescale_deadline(ref, "T-CG1", profile, NAMED_DAY(ic, "initial_conference"),
					   NAMED_DAY(ic, "initial_conference"), false, &cg_due);
	if (!PG_ARGISNULL(S_BIRTH))
		cpconf_check_finite(PG_GETARG_DATEADT(S_BIRTH), "birth",
							"A birth after the conference counts for the first review (T-RCPC1-BIRTH).");
	review_due = timescale_first_review_due(ref, ic, PG_ARGISNULL(S_BIRTH) ? 0 : PG_GETARG_DATEADT(S_BIRTH),
											!PG_ARGISNULL(S_BIRTH), profile, false, 0);
	findings_begin(&f, fcinfo);
	f.profile = c->profiles.names[p];

	/* D-START: the census's rule too (a plan's start is its conference's date) */
	if (started_given && PG_GETARG_DATEADT(S_STARTED) != ic)
		finding(&f, "D-START", SEVERITY_VIOLATION,
				psprintf("the plan starts on %s, not on the day of the conference that decided it (%s)",
						 D(PG_GETARG_DATEADT(S_STARTED)), D(ic)),
				"Record the day of the conference as the plan's start.");

	/* D-LEAD */
	if (qualified != YES && !(r->interim_lead_manager && interim == YES))
		finding(&f, "D-LEAD", SEVERITY_VIOLATION,
				qualified == NOT_RECORDED && interim == NOT_RECORDED ? "no lead social worker is recorded"
				: interim == YES && !r->interim_lead_manager
				? psprintf("profile %s does not provide for a first-line manager as interim lead",
						   conference_rule_profile(c, r))
				: "the lead social worker is not a qualified social worker",
				r->interim_lead_manager
				? "Name a qualified social worker as lead, or a first-line manager from children's social care in the interim."
				: "Name a qualified social worker as lead.");

	/* D-PLAN */
	if (PG_ARGISNULL(S_CORE_GROUP_MEMBERS) || PG_GETARG_INT32(S_CORE_GROUP_MEMBERS) < 1)
		finding(&f, "D-PLAN", SEVERITY_VIOLATION,
				PG_ARGISNULL(S_CORE_GROUP_MEMBERS) ? "the core group's members are not recorded"
				: "the core group has no members",
				"Name the core group: the family and the practitioners working with them.");
	if (fact_arg(fcinfo, S_CONTINGENCY_PLAN) != YES)
		finding(&f, "D-PLAN", SEVERITY_VIOLATION, "no contingency plan is recorded",
				"Record what happens if the child continues to suffer significant harm.");
	if (fact_arg(fcinfo, S_OUTLINE_PLAN) != YES)
		finding(&f, "D-PLAN", SEVERITY_VIOLATION, "no outline child protection plan is recorded",
				"Record the outline plan agreed at the conference.");
	if (r->visiting_arrangements && fact_arg(fcinfo, S_VISITING_ARRANGEMENTS) != YES)
		finding(&f, "D-PLAN", SEVERITY_VIOLATION,
				psprintf("no visiting arrangements are recorded (profile %s)", conference_rule_profile(c, r)),
				"Record how often the lead social worker sees the child.");

	/* T-CG1 */
	if (!date_arg(fcinfo, S_FIRST_CORE_GROUP, "first_core_group", &day))
		finding(&f, "T-CG1", SEVERITY_VIOLATION, "no first core group date is set",
				psprintf("Set one on or before %s.", D(cg_due)));
	else if (day < ic || day > cg_due)
		finding(&f, "T-CG1", SEVERITY_VIOLATION,
				psprintf("the first core group on %s is outside %s to %s", D(day), D(ic), D(cg_due)),
				psprintf("Set it on or before %s.", D(cg_due)));
	/* T-CG1-BIRTH: after a pre-birth conference, before the birth (darlington), as well */
	if (date_arg(fcinfo, S_FIRST_CORE_GROUP, "first_core_group", &day) && !PG_ARGISNULL(S_BIRTH) &&
		PG_GETARG_DATEADT(S_BIRTH) > ic &&
		timescale_deadline(ref, "T-CG1-BIRTH", profile, NAMED_DAY(PG_GETARG_DATEADT(S_BIRTH), "birth"),
						   NAMED_DAY(ic, "initial_conference"), true, &birth_due) &&
		day > birth_due)
		finding(&f, "T-CG1-BIRTH", SEVERITY_VIOLATION,
				psprintf("the first core group on %s is not before the birth on %s (profile %s)", D(day),
						 D(PG_GETARG_DATEADT(S_BIRTH)), conference_rule_profile(c, r)),
				psprintf("After a pre-birth conference the core group meets before the birth, on or before %s.",
						 D(birth_due)));

	/* T-RCPC1 */
	if (!date_arg(fcinfo, S_FIRST_REVIEW, "first_review", &day))
		finding(&f, "T-RCPC1", SEVERITY_VIOLATION, "no first review conference date is set",
				psprintf("Set one on or before %s.", D(review_due)));
	else if (day <= ic || day > review_due)
		finding(&f, "T-RCPC1", SEVERITY_VIOLATION,
				psprintf("the first review on %s is outside %s to %s", D(day), D(ic), D(review_due)),
				psprintf("Set it on or before %s.", D(review_due)));

	/* D-CATEGORY: several categories need facts recorded at the decision (check_categories) */
	if (PG_ARGISNULL(S_CATEGORIES) ||
		label_array_mask(&abuse_category_labels, PG_GETARG_ARRAYTYPE_P(S_CATEGORIES), NULL) == 0)
		finding(&f, "D-CATEGORY", SEVERITY_VIOLATION, "the plan names no category of abuse",
				"The chair determines the category: physical, emotional, sexual or neglect.");
	return (Datum) 0;
}

/* ---- check_cin_plan_closure() (T-CIN-AFTER) ---- */

PG_FUNCTION_INFO_V1(cpconf_check_cin_plan_closure);

/*
 * check_cin_plan_closure(plan_ended, closed, profile, reviewed, all_agree):
 * closing the child in need plan that follows a child protection plan, as
 * findings.
 */
Datum
cpconf_check_cin_plan_closure(PG_FUNCTION_ARGS)
{
	PlanCache  *c;
	const DiscontinuationRule *r;
	DeadlineRef *ref = (DeadlineRef *) fcinfo->flinfo->fn_extra;
	Findings	f;
	DateADT		ended,
				closed,
				minimum;
	const char *profile;
	char	   *named;
	int			p;
	Fact		reviewed = fact_arg(fcinfo, 3),
				all_agree = fact_arg(fcinfo, 4);

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("closing a child in need plan needs the dates the protection plan ended and the child in need plan closed"),
				 errdetail("Rule T-CIN-AFTER counts from the end of the child protection plan."),
				 errhint("Pass plan_ended and closed.")));
	ended = PG_GETARG_DATEADT(0);
	closed = PG_GETARG_DATEADT(1);
	cpconf_check_day(ended, "plan_ended");
	cpconf_check_day(closed, "closed");
	if (closed < ended)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the child in need plan closes (%s) before the protection plan ends (%s)", D(closed), D(ended)),
				 errdetail("Rule T-CIN-AFTER: the child in need plan follows the end of the protection plan."),
				 errhint("Check both dates.")));
	c = plan_cache();
	r = discontinuation_rule(c, PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2), ended, "plan_ended", &p);
	profile = c->profiles.names[r->head.profile];
	findings_begin(&f, fcinfo);
	f.profile = c->profiles.names[p];
	if (r->cin_plan_closure == CIN_CLOSURE_NOT_STATED)
		return (Datum) 0;

	if (reviewed != YES)
		finding(&f, "T-CIN-AFTER", SEVERITY_IF_NULL(reviewed == NOT_RECORDED),
				reviewed == NOT_RECORDED
				? psprintf("not recorded: whether the child in need plan was reviewed by the agencies before it closed "
						   "(profile %s)", profile)
				: psprintf("the child in need plan closed without a multi-agency review (profile %s)", profile),
				"Review the plan with the agencies before closing it.");
	if (r->cin_plan_closure == CIN_CLOSURE_REVIEW_AND_CONSENSUS)
	{
		if (all_agree != YES)
			finding(&f, "T-CIN-AFTER", SEVERITY_IF_NULL(all_agree == NOT_RECORDED),
					all_agree == NOT_RECORDED
					? psprintf("not recorded: whether the agencies agreed the child in need plan should end (profile %s)",
							   profile)
					: psprintf("the child in need plan closed without the agencies' consensus (profile %s)", profile),
					"Keep the plan open, and follow the escalation process where agencies disagree.");
		return (Datum) 0;
	}

	/* review_early_by_consensus: before the minimum, only if all its members agree */
	if (ref == NULL)
		fcinfo->flinfo->fn_extra = ref = deadline_ref_create(fcinfo->flinfo->fn_mcxt);
	named = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (timescale_deadline(ref, "T-CIN-AFTER-MIN", named, NAMED_DAY(ended, "plan_ended"),
						   NAMED_DAY(ended, "plan_ended"), true, &minimum) &&
		closed < minimum && all_agree != YES)
		finding(&f, "T-CIN-AFTER-MIN", SEVERITY_IF_NULL(all_agree == NOT_RECORDED),
				all_agree == NOT_RECORDED
				? psprintf("the child in need plan closed on %s, before %s, and it is not recorded whether all its members "
						   "agreed after its first review (profile %s)", D(closed), D(minimum), profile)
				: psprintf("the child in need plan closed on %s, before %s, without all its members' agreement (profile %s)",
						   D(closed), D(minimum), profile),
				psprintf("Keep it until %s, or close it earlier only by the agreement of all its members after the first "
						 "child in need review.", D(minimum)));
	return (Datum) 0;
}
