/*
 * enforcement.c
 *		The frame of the enforcement trigger: whose rights each part runs
 *		with.  The check itself is PL/pgSQL (cpconf.enforce_rows_body in
 *		src/sql/enforcement.sql).
 *
 * A check reads rows the writer may not (another plan of the child, the
 * attendance of the conference), and its findings go to cpconf.violation,
 * which no writer may write.  A SECURITY DEFINER function would run the
 * check with its owner's rights, a superuser's: the planner then runs the
 * table owner's code with them (a partial index's predicate, a CHECK
 * constraint under constraint_exclusion).  So, as PostgreSQL's own foreign
 * key triggers do, the check runs as the owner of the table it watches, who
 * may read it anyway, and only cpconf's own code runs with more: the log
 * write, and the locks a plan's child takes.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "commands/trigger.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "enforcement.h"

PG_FUNCTION_INFO_V1(cpconf_enforce_rows);
PG_FUNCTION_INFO_V1(cpconf_queue_findings);
PG_FUNCTION_INFO_V1(cpconf_queue_conferences);
PG_FUNCTION_INFO_V1(cpconf_conferences_to_judge);

/* Findings the check queued for the log (cpconf.queue_findings), per call. */
typedef struct Queued
{
	Datum		args[4];		/* check, mode, table, findings */
} Queued;

static List *queue = NIL;
static int	depth = 0;

/*
 * Quoracy is judged at commit, by a deferred trigger that fires once for
 * every row written.  The conferences the transaction's statements wrote
 * (their ids as text, once each, in TopTransactionContext) wait here, put by
 * the check's statement triggers; the first deferred firing judges them all
 * in one query, and the others find nothing waiting.  pending_lxid says
 * whose they are: the set of an ended transaction is gone with its memory.
 */
typedef struct WaitingConference
{
	char	   *id;				/* the key: a string in TopTransactionContext */
} WaitingConference;

static HTAB *pending = NULL;
static LocalTransactionId pending_lxid = InvalidLocalTransactionId;
static HTAB *judging = NULL;

static uint32
id_hash(const void *key, Size keysize)
{
	const char *id = *(const char *const *) key;

	return hash_bytes((const unsigned char *) id, strlen(id));
}

static int
id_match(const void *key1, const void *key2, Size keysize)
{
	return strcmp(*(const char *const *) key1, *(const char *const *) key2);
}

/* The conferences waiting in this transaction: NULL when none. */
static HTAB *
pending_now(void)
{
	if (pending_lxid != MyProc->lxid)
	{
		pending = NULL;
		pending_lxid = MyProc->lxid;
	}
	return pending != NULL && hash_get_num_entries(pending) > 0 ? pending : NULL;
}

static Oid
owner_of(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/* The owner of cpconf's log: cpconf's own code runs with its rights. */
static Oid
log_owner(void)
{
	Oid			relid = get_relname_relid("violation", get_namespace_oid("cpconf", false));

	if (!OidIsValid(relid))
		elog(ERROR, "cpconf.violation is missing");
	return owner_of(relid);
}

/* Run sql (cpconf's own, with its arguments) as role. */
static void
run_as(Oid role, const char *sql, int nargs, Oid *types, Datum *values)
{
	Oid			save_user;
	int			save_sec;

	GetUserIdAndSecContext(&save_user, &save_sec);
	SetUserIdAndSecContext(role, save_sec | SECURITY_LOCAL_USERID_CHANGE);
	PG_TRY();
	{
		if (SPI_execute_with_args(sql, nargs, types, values, NULL, false, 0) < 0)
			elog(ERROR, "SPI_execute_with_args failed: %s", sql);
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_user, save_sec);
	}
	PG_END_TRY();
}

/*
 * cpconf.enforce_rows(): the trigger cpconf.enforce() attaches.  Arguments:
 * the check and the entity of the table.
 */
Datum
cpconf_enforce_rows(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	FmgrInfo   *volatile body = (FmgrInfo *) fcinfo->flinfo->fn_extra;
	Relation	rel;
	Oid			save_user;
	int			save_sec;
	List	   *volatile mine = NIL;
	List	   *outer_queue = queue;
	int			nestlevel;
	char	   *child;
	volatile Datum result = (Datum) 0;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("cpconf.enforce_rows() was not called by a trigger"),
				 errhint("cpconf.enforce() attaches it to the mapped tables.")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) || trigdata->tg_trigger->tgnargs != 2)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" must fire AFTER, with two arguments", trigdata->tg_trigger->tgname),
				 errhint("Let cpconf.enforce() attach the checks' triggers.")));
	rel = trigdata->tg_relation;

	/* quoracy at commit: all but the first firing find nothing waiting */
	if (TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) && strcmp(trigdata->tg_trigger->tgargs[0], "quoracy") == 0 &&
		pending_now() == NULL)
		return PointerGetDatum(NULL);

	if (body == NULL)
	{
		Oid			argtypes[1];
		Oid			fn = LookupFuncName(list_make2(makeString("cpconf"), makeString("enforce_rows_body")),
										0, argtypes, false);

		body = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(FmgrInfo));
		fmgr_info_cxt(fn, body, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = body;
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * Everything the frame runs, it runs with search_path pinned (nothing of
	 * the session's can stand in for an operator or a function), and only
	 * for a table that cpconf.mapping maps to the entity the trigger names:
	 * any role may attach cpconf.enforce_rows() to a table of its own.
	 */
	if (TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) &&
		((trigdata->tg_trigger->tgnewtable != NULL && strcmp(trigdata->tg_trigger->tgnewtable, "cpconf_new") != 0) ||
		 (trigdata->tg_trigger->tgoldtable != NULL && strcmp(trigdata->tg_trigger->tgoldtable, "cpconf_old") != 0) ||
		 (trigdata->tg_trigger->tgnewtable == NULL && !TRIGGER_FIRED_BY_DELETE(trigdata->tg_event)) ||
		 (trigdata->tg_trigger->tgoldtable == NULL && TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" was not attached by cpconf.enforce()", trigdata->tg_trigger->tgname),
				 errdetail("Its transition tables must be named cpconf_new and cpconf_old (after a delete, cpconf_old alone)."),
				 errhint("Drop it, and let cpconf.enforce() attach the checks' triggers.")));
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	/* names written into queries as they are stored (cpconf.query_names) */
	(void) set_config_option("quote_all_identifiers", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	{
		Oid			types[2] = {TEXTOID, OIDOID};
		Datum		values[2];

		values[0] = CStringGetTextDatum(trigdata->tg_trigger->tgargs[1]);
		values[1] = ObjectIdGetDatum(RelationGetRelid(rel));
		if (SPI_execute_with_args("SELECT m.columns OPERATOR(pg_catalog.->>) 'child' FROM cpconf.mapping m"
								  " WHERE m.entity OPERATOR(pg_catalog.=) $1 AND m.on_table::pg_catalog.oid OPERATOR(pg_catalog.=) $2",
								  2, types, values, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "reading cpconf.mapping failed");
		if (SPI_processed != 1)
			ereport(ERROR,
					(errcode(ERRCODE_TRIGGERED_ACTION_EXCEPTION),
					 errmsg("trigger \"%s\" on table %s is not attached to a mapped table",
							trigdata->tg_trigger->tgname, RelationGetRelationName(rel)),
					 errdetail("cpconf.mapping does not map this table to entity \"%s\".", trigdata->tg_trigger->tgargs[1]),
					 errhint("Drop the trigger, or map the table and run cpconf.enforce() again.")));
		child = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		/*
		 * The calendar and profile the check was enforced with, not the
		 * writer's session settings.
		 */
		values[0] = CStringGetTextDatum(trigdata->tg_trigger->tgargs[0]);
		if (SPI_execute_with_args("SELECT e.calendar, e.profile FROM cpconf.enforced e WHERE e.check_name OPERATOR(pg_catalog.=) $1",
								  1, types, values, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "reading cpconf.enforced failed");
		if (SPI_processed == 1)
		{
			char	   *calendar = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
			char	   *profile = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);

			if (calendar != NULL)
				(void) set_config_option("cpconf.calendar", calendar, PGC_USERSET, PGC_S_SESSION,
										 GUC_ACTION_SAVE, true, 0, false);
			if (profile != NULL)
				(void) set_config_option("cpconf.profile", profile, PGC_USERSET, PGC_S_SESSION,
										 GUC_ACTION_SAVE, true, 0, false);
		}
	}

	/*
	 * One writer at a time of a child's plans, so that two sessions cannot
	 * each open a plan and neither see the other's: rows of
	 * cpconf.plan_writer, locked with the log owner's rights, which no other
	 * role may lock.  The child's column is read only when it is of a
	 * built-in type (else the check itself refuses to run), and a number is
	 * written as its value (51.0 is child 51).
	 */
	if (TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) &&
		strcmp(trigdata->tg_trigger->tgargs[0], "plan_integrity") == 0 &&
		strcmp(trigdata->tg_trigger->tgargs[1], "plan") == 0 &&
		trigdata->tg_newtable != NULL && child != NULL)
	{
		TupleDesc	desc = RelationGetDescr(rel);
		Oid			type = InvalidOid;
		const char *key = NULL;

		for (int i = 0; i < desc->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, i);

			if (!att->attisdropped && strcmp(NameStr(att->attname), child) == 0)
				type = att->atttypid;
		}
		if (type == INT2OID || type == INT4OID || type == INT8OID || type == NUMERICOID)
			key = psprintf("pg_catalog.trim_scale((n.%s)::pg_catalog.numeric)::pg_catalog.text", quote_identifier(child));
		else if (type == TEXTOID || type == VARCHAROID || type == BPCHAROID || type == UUIDOID)
			key = psprintf("(n.%s)::pg_catalog.text", quote_identifier(child));
		if (key != NULL)
		{
			Oid			types[1] = {REGCLASSOID};
			Datum		values[1];

			if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
				elog(ERROR, "SPI_register_trigger_data failed");
			values[0] = ObjectIdGetDatum(RelationGetRelid(rel));
			run_as(log_owner(),
				   psprintf("SELECT cpconf.lock_children($1, CASE WHEN (SELECT pg_catalog.count(*) FROM (SELECT FROM cpconf_new LIMIT 65) x) OPERATOR(pg_catalog.<=) 64"
							" THEN (SELECT pg_catalog.array_agg(DISTINCT %s) FROM cpconf_new n) END)"
							" WHERE EXISTS (SELECT FROM cpconf_new)", key),
				   1, types, values);
		}
	}

	/*
	 * The check, as the watched table's owner: it cannot change role, and
	 * sees the table's rows whatever its row security forces (as a foreign
	 * key's check does).
	 */
	queue = NIL;
	if (TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) && strcmp(trigdata->tg_trigger->tgargs[0], "quoracy") == 0)
	{
		/* the check takes them (cpconf.conferences_to_judge) */
		judging = pending_now();
		pending = NULL;
	}
	depth++;
	GetUserIdAndSecContext(&save_user, &save_sec);
	SetUserIdAndSecContext(owner_of(RelationGetRelid(rel)),
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	PG_TRY();
	{
		LOCAL_FCINFO(bodyfc, 0);

		InitFunctionCallInfoData(*bodyfc, body, 0, InvalidOid, fcinfo->context, NULL);
		result = FunctionCallInvoke(bodyfc);
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_user, save_sec);
		depth--;
		mine = queue;
		queue = outer_queue;
		judging = NULL;
	}
	PG_END_TRY();

	/* Then the findings: refused, or logged, as the log's owner. */
	if (mine != NIL)
	{
		Oid			types[4];
		Queued	   *q;

		types[0] = types[1] = types[2] = TEXTOID;
		types[3] = DatumGetObjectId(DirectFunctionCall1(regtypein, CStringGetDatum("cpconf.record_finding[]")));
		/*
		 * Only the body's own call, its last statement: code of the table's
		 * owner that ran during the check (a function the planner evaluated)
		 * may have queued findings of its own before it.  The check is the
		 * trigger's.
		 */
		q = llast(mine);
		q->args[0] = CStringGetTextDatum(trigdata->tg_trigger->tgargs[0]);
		if (ArrayGetNItems(ARR_NDIM(DatumGetArrayTypeP(q->args[3])), ARR_DIMS(DatumGetArrayTypeP(q->args[3]))) > 0)
			run_as(log_owner(), "SELECT cpconf.act_on($1, $2, $3, $4)", 4, types, q->args);
	}
	AtEOXact_GUC(true, nestlevel);
	SPI_finish();
	return result;
}

/*
 * cpconf.queue_findings(check, mode, table, findings): called by the check
 * (cpconf.enforce_rows_body) to have the trigger refuse or log its findings
 * once the check is over.  Outside a check there is nothing to queue for.
 */
Datum
cpconf_queue_findings(PG_FUNCTION_ARGS)
{
	MemoryContext old;
	Queued	   *q;

	if (depth == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cpconf.queue_findings() is called only by an enforcement check"),
				 errhint("Use cpconf.audit() to list findings.")));
	for (int i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_VOID();
	old = MemoryContextSwitchTo(TopTransactionContext);
	q = palloc(sizeof(Queued));
	for (int i = 0; i < 4; i++)
		q->args[i] = datumCopy(PG_GETARG_DATUM(i), false, -1);
	queue = lappend(queue, q);
	MemoryContextSwitchTo(old);
	PG_RETURN_VOID();
}

/*
 * cpconf.queue_conferences(ids): called by the quoracy check's statement
 * triggers (cpconf.enforce_rows_body) with the conferences a statement
 * wrote, or whose attendance it wrote, to be judged at commit.
 */
Datum
cpconf_queue_conferences(PG_FUNCTION_ARGS)
{
	ArrayType  *ids;
	Datum	   *items;
	bool	   *nulls;
	int			n;

	if (depth == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cpconf.queue_conferences() is called only by an enforcement check"),
				 errhint("Use cpconf.audit('quoracy') to list findings.")));
	if (PG_ARGISNULL(0))
		PG_RETURN_VOID();
	ids = PG_GETARG_ARRAYTYPE_P(0);
	deconstruct_array(ids, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &n);
	(void) pending_now();
	if (pending == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(char *);
		ctl.entrysize = sizeof(WaitingConference);
		ctl.hash = id_hash;
		ctl.match = id_match;
		ctl.hcxt = TopTransactionContext;
		pending = hash_create("cpconf conferences to judge", 256, &ctl,
							  HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}
	for (int i = 0; i < n; i++)
		if (!nulls[i])
		{
			char	   *id = text_to_cstring(DatumGetTextPP(items[i]));
			bool		found;
			WaitingConference *w = hash_search(pending, &id, HASH_ENTER, &found);

			if (!found)
				w->id = MemoryContextStrdup(TopTransactionContext, id);
			pfree(id);
		}
	PG_RETURN_VOID();
}

/*
 * cpconf.conferences_to_judge(): for the quoracy check at commit, the
 * conferences waiting (cpconf.queue_conferences), once: the first call of
 * the check takes them, before any of the table owner's code can run.
 */
Datum
cpconf_conferences_to_judge(PG_FUNCTION_ARGS)
{
	Datum	   *items;
	int			n = 0;

	if (depth == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cpconf.conferences_to_judge() is called only by an enforcement check"),
				 errhint("Use cpconf.audit('quoracy') to list findings.")));
	items = palloc(sizeof(Datum) * ((judging ? hash_get_num_entries(judging) : 0) + 1));
	if (judging != NULL)
	{
		HASH_SEQ_STATUS seq;
		WaitingConference *w;

		hash_seq_init(&seq, judging);
		while ((w = hash_seq_search(&seq)) != NULL)
			items[n++] = CStringGetTextDatum(w->id);
	}
	judging = NULL;
	PG_RETURN_ARRAYTYPE_P(construct_array(items, n, TEXTOID, -1, false, TYPALIGN_INT));
}
