/*
 * plan.c
 *		The plan layer: ending a child protection plan (rules X-*).
 *
 * A partnership's rules for ending a plan are a row of
 * cpconf.discontinuation_rule per profile and period, resolved like every
 * rule table (profiles.c).  The checks themselves are still SQL functions
 * over cpconf.discontinuation_rules(), in the install script.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "utils/memutils.h"

#include "timescales.h"
#include "conference.h"

typedef struct DiscontinuationRule
{
	RuleRowHead head;			/* profile, shipped, effective period */
} DiscontinuationRule;

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

static void *
build_cache(MemoryContext cxt)
{
	PlanCache  *c = MemoryContextAllocZero(cxt, sizeof(PlanCache));

	profiles_load(&c->profiles, cxt);
	cpconf_read_table("SELECT profile, shipped, effective_from, effective_to "
					  "FROM cpconf.discontinuation_rule");
	c->rules = MemoryContextAllocZero(cxt, (SPI_processed + 1) * sizeof(DiscontinuationRule));
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		DiscontinuationRule *rule = &c->rules[c->nrules];

		rule_row_head_read(&rule->head, &c->profiles, r, 1, 2, 3, 4);
		if (rule->head.profile >= 0)
			c->nrules++;
	}
	return c;
}

PG_FUNCTION_INFO_V1(cpconf_discontinuation_rules);

/*
 * discontinuation_rules(profile, as_of): the cpconf.discontinuation_rule row
 * in force for the profile (NULL: the setting) on as_of (NULL: today).
 */
Datum
cpconf_discontinuation_rules(PG_FUNCTION_ARGS)
{
	PlanCache  *c = config_cache_get(&plan_config);
	int			p = profiles_lookup_arg(&c->profiles, PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0));
	DateADT		day = rule_as_of_arg(fcinfo, 1, &discontinuation_rule_table);
	const DiscontinuationRule *rule = rule_in_force(&c->profiles, c->rules, c->nrules,
													sizeof(DiscontinuationRule), p, day);

	if (rule == NULL)
		rule_not_in_force(&discontinuation_rule_table, &c->profiles, p, day);
	PG_RETURN_DATUM(rule_table_row(&discontinuation_rule_table, &c->profiles, &rule->head));
}
