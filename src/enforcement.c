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
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "utils/tuplestore.h"
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
PG_FUNCTION_INFO_V1(cpconf_lock_conferences);
PG_FUNCTION_INFO_V1(cpconf_mapping_changed);

/* Findings the check queued for the log (cpconf.queue_findings), per call. */
typedef struct Queued
{
	Datum		args[4];		/* check, mode, table, findings */
} Queued;

static List *queue = NIL;
static int	depth = 0;

/* ---- quoracy at commit ---- */

/*
 * Quoracy is judged at commit, by a deferred trigger that fires once for
 * every row written.  Each firing makes sure its own row's conference (for
 * attendance: before and after) is judged in the state it then finds; to
 * judge many in one query, the check's statement triggers note the
 * conferences each statement wrote, and a firing judges every conference
 * noted so far with its own.  A firing whose conferences were judged since
 * anything changed (the command counter is where it was) and finds nothing
 * noted returns at once: at commit, the first firing judges all, the
 * others return.
 *
 * Per transaction (quoracy_lxid), in TopTransactionContext: the noted ids,
 * each with the subtransaction that noted it (a rolled-back subtransaction
 * takes its notes with it), and the ids judged.  A rolled-back
 * subtransaction also forgets what was judged: PostgreSQL fires again the
 * events it had fired, and they must judge again.
 */
typedef struct NotedConference
{
	char	   *id;				/* the key: a string in TopTransactionContext */
	SubTransactionId noted_in;
	CommandId	judged_before;	/* judged: it saw every change made before this command */
} NotedConference;

static LocalTransactionId quoracy_lxid = InvalidLocalTransactionId;
static HTAB *pending = NULL;	/* noted, to be judged */
static HTAB *judged = NULL;		/* judged, each with the changes it saw */
static HTAB *judging = NULL;	/* handed to the check (cpconf.conferences_to_judge) */
static Datum lock_table;		/* and what it locks (cpconf.lock_conferences) */
static Datum lock_ids = (Datum) 0;

/* The columns a quoracy trigger's table is read by, per table and transaction. */
typedef struct QuoracyColumns
{
	Oid			relid;
	bool		is_conference;	/* else attendance */
	AttrNumber	key;			/* the conference's id, or the attendance's link */
	int			nwatched;		/* conference: what quoracy reads */
	AttrNumber	watched[32];
} QuoracyColumns;

/* The last firing's conference, found judged (a byval key: compared as a Datum). */
static bool last_judged_valid = false;
static Oid	last_judged_rel;
static Datum last_judged_key;
static CommandId last_judged_change;

static QuoracyColumns quoracy_columns[8];
static int	nquoracy_columns = 0;

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

static HTAB *
id_set(const char *name)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(char *);
	ctl.entrysize = sizeof(NotedConference);
	ctl.hash = id_hash;
	ctl.match = id_match;
	ctl.hcxt = TopTransactionContext;
	return hash_create(name, 256, &ctl, HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
}

static NotedConference *
note(HTAB **set, const char *name, const char *id)
{
	bool		found;
	NotedConference *n;

	if (*set == NULL)
		*set = id_set(name);
	n = hash_search(*set, &id, HASH_ENTER, &found);
	if (!found)
	{
		n->id = MemoryContextStrdup(TopTransactionContext, id);
		n->noted_in = GetCurrentSubTransactionId();
	}
	n->judged_before = InvalidCommandId;
	return n;
}

/* A new transaction starts with nothing noted or judged. */
static void quoracy_subxact(SubXactEvent event, SubTransactionId subid, SubTransactionId parent, void *arg);

static void
quoracy_for_this_xact(void)
{
	static bool callback = false;

	/* before anything is noted: a rolled-back savepoint takes its notes with it */
	if (!callback)
	{
		RegisterSubXactCallback(quoracy_subxact, NULL);
		callback = true;
	}
	if (quoracy_lxid != MyProc->lxid)
	{
		pending = judged = judging = NULL;
		nquoracy_columns = 0;
		last_judged_valid = false;
		quoracy_lxid = MyProc->lxid;
	}
}

static void
quoracy_subxact(SubXactEvent event, SubTransactionId subid, SubTransactionId parent, void *arg)
{
	HASH_SEQ_STATUS seq;
	NotedConference *n;

	if (event != SUBXACT_EVENT_ABORT_SUB || quoracy_lxid != MyProc->lxid)
		return;
	judged = NULL;
	last_judged_valid = false;
	if (pending == NULL)
		return;
	/* subtransactions begun since this one are its own: their ids are later */
	hash_seq_init(&seq, pending);
	while ((n = hash_seq_search(&seq)) != NULL)
		if (n->noted_in >= subid)
			(void) hash_search(pending, &n->id, HASH_REMOVE, NULL);
}

/* A key as text, as noted: a number without trailing zeros (51.0 is 51). */
static char *
datum_key_text(Datum value, Oid type)
{
	Oid			out;
	bool		varlena;

	if (type == NUMERICOID)
		value = DirectFunctionCall1(numeric_trim_scale, value);
	else if (type == BPCHAROID)
		return TextDatumGetCString(DirectFunctionCall1(rtrim1, value));
	getTypeOutputInfo(type, &out, &varlena);
	return OidOutputFunctionCall(out, value);
}

static char *
key_text(HeapTuple tuple, TupleDesc desc, AttrNumber key)
{
	bool		isnull;
	Datum		value = heap_getattr(tuple, key, desc, &isnull);

	return isnull ? NULL : datum_key_text(value, TupleDescAttr(desc, key - 1)->atttypid);
}

/* The columns of the trigger's table that say which conference a row is of. */
static QuoracyColumns *
quoracy_columns_of(TriggerData *td)
{
	Oid			relid = RelationGetRelid(td->tg_relation);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	QuoracyColumns *qc;
	Oid			types[1] = {OIDOID};
	Datum		values[1];

	for (int i = 0; i < nquoracy_columns; i++)
		if (quoracy_columns[i].relid == relid)
			return &quoracy_columns[i];
	if (nquoracy_columns == lengthof(quoracy_columns))
		nquoracy_columns = 0;
	qc = &quoracy_columns[nquoracy_columns];
	memset(qc, 0, sizeof(*qc));
	qc->relid = relid;
	qc->is_conference = strcmp(td->tg_trigger->tgargs[1], "conference") == 0;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	values[0] = ObjectIdGetDatum(relid);
	if (SPI_execute_with_args(qc->is_conference
							  ? "SELECT 0, m.columns OPERATOR(pg_catalog.->>) 'id' FROM cpconf.mapping m"
							  " WHERE m.on_table::pg_catalog.oid OPERATOR(pg_catalog.=) $1 AND m.entity OPERATOR(pg_catalog.=) 'conference'"
							  " UNION ALL"
							  " SELECT 1, m.columns OPERATOR(pg_catalog.->>) c.field FROM cpconf.check_field c, cpconf.mapping m"
							  " WHERE m.on_table::pg_catalog.oid OPERATOR(pg_catalog.=) $1 AND m.entity OPERATOR(pg_catalog.=) 'conference'"
							  " AND c.check_name OPERATOR(pg_catalog.=) 'quoracy' AND c.entity OPERATOR(pg_catalog.=) 'conference'"
							  " AND m.columns OPERATOR(pg_catalog.?) c.field ORDER BY 1"
							  : "SELECT 0, m.columns OPERATOR(pg_catalog.->>) 'conference' FROM cpconf.mapping m"
							  " WHERE m.on_table::pg_catalog.oid OPERATOR(pg_catalog.=) $1 AND m.entity OPERATOR(pg_catalog.=) 'attendance'",
							  1, types, values, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading cpconf.mapping failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		is_key = strcmp(SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1), "0") == 0;
		char	   *name = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		int			attnum = name ? SPI_fnumber(desc, name) : SPI_ERROR_NOATTRIBUTE;

		if (attnum <= 0)
			continue;			/* the check names what is wrong with the mapping */
		if (is_key)
			qc->key = attnum;
		else if (qc->nwatched < (int) lengthof(qc->watched))
			qc->watched[qc->nwatched++] = attnum;
	}
	SPI_finish();
	nquoracy_columns++;
	return qc;
}

/*
 * The conferences of the trigger's row, as text: an attendance row's before
 * and after; a conference inserted, or updated in what quoracy reads.
 */
/*
 * The command that made the trigger's row change: the new version's (an
 * insert, an update), or the deleted version's end.
 */
static CommandId
change_command(TriggerData *td)
{
	HeapTuple	t = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

	if (t == NULL || t->t_data == NULL)
		return InvalidCommandId;
	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		return TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetUpdateXid(t->t_data))
			? HeapTupleHeaderGetCmax(t->t_data) : InvalidCommandId;
	return TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(t->t_data))
		? HeapTupleHeaderGetCmin(t->t_data) : InvalidCommandId;
}

static List *
own_conferences(TriggerData *td)
{
	QuoracyColumns *qc = quoracy_columns_of(td);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	HeapTuple	before = TRIGGER_FIRED_BY_INSERT(td->tg_event) ? NULL : td->tg_trigtuple;
	HeapTuple	after = TRIGGER_FIRED_BY_INSERT(td->tg_event) ? td->tg_trigtuple
		: TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : NULL;
	List	   *ids = NIL;
	char	   *id;

	if (qc->key == 0)
		return list_make1(pstrdup(""));	/* unreadable mapping: let the check say so */
	if (qc->is_conference && before != NULL && after != NULL)
	{
		bool		changed = false;

		/* the conference's id too: a conference renumbered is another's */
		{
			Form_pg_attribute att = TupleDescAttr(desc, qc->key - 1);
			bool		n1,
						n2;
			Datum		d1 = heap_getattr(before, qc->key, desc, &n1);
			Datum		d2 = heap_getattr(after, qc->key, desc, &n2);

			changed = n1 != n2 || (!n1 && !datumIsEqual(d1, d2, att->attbyval, att->attlen));
		}
		for (int i = 0; i < qc->nwatched && !changed; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, qc->watched[i] - 1);
			bool		n1,
						n2;
			Datum		d1 = heap_getattr(before, qc->watched[i], desc, &n1);
			Datum		d2 = heap_getattr(after, qc->watched[i], desc, &n2);

			changed = n1 != n2 || (!n1 && !datumIsEqual(d1, d2, att->attbyval, att->attlen));
		}
		if (!changed)
			return NIL;
	}
	if (!qc->is_conference && before != NULL && (id = key_text(before, desc, qc->key)) != NULL)
		ids = lappend(ids, id);
	if (after != NULL && (id = key_text(after, desc, qc->key)) != NULL)
		ids = lappend(ids, id);
	return ids;
}

/*
 * For a quoracy statement trigger: note the conferences of the rows the
 * statement wrote (before and after), each once, from its transition
 * tables, read with a read pointer of its own.
 */
static void
note_statement_conferences(TriggerData *td)
{
	QuoracyColumns *qc;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	Tuplestorestate *stores[2] = {td->tg_newtable, td->tg_oldtable};
	TupleTableSlot *slot;
	Form_pg_attribute att;

	quoracy_for_this_xact();
	qc = quoracy_columns_of(td);
	if (qc->key == 0)
		return;					/* the row triggers' check names what is wrong */
	att = TupleDescAttr(desc, qc->key - 1);
	slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	for (int s = 0; s < 2; s++)
	{
		Datum		last = (Datum) 0;
		bool		have_last = false;

		if (stores[s] == NULL)
			continue;
		tuplestore_select_read_pointer(stores[s], tuplestore_alloc_read_pointer(stores[s], EXEC_FLAG_REWIND));
		tuplestore_rescan(stores[s]);
		while (tuplestore_gettupleslot(stores[s], true, false, slot))
		{
			bool		isnull;
			Datum		value = slot_getattr(slot, qc->key, &isnull);

			if (isnull || (att->attbyval && have_last && value == last))
				continue;
			note(&pending, "cpconf conferences to judge", datum_key_text(value, att->atttypid));
			last = value;
			have_last = true;
		}
		tuplestore_select_read_pointer(stores[s], 0);
	}
	ExecDropSingleTupleTableSlot(slot);
}

/*
 * For a quoracy row trigger: whether its firing must judge (then its own
 * conferences are noted for the check), or returns at once.
 */
static bool
quoracy_must_judge(TriggerData *td)
{
	List	   *own;
	ListCell   *lc;
	bool		must;
	QuoracyColumns *qc;
	Datum		key = (Datum) 0;
	bool		byval_key = false;
	CommandId	change = change_command(td);

	quoracy_for_this_xact();
	qc = quoracy_columns_of(td);

	/*
	 * The rows of a bulk write come conference by conference: an inserted
	 * or deleted attendance row of the statement and conference the last
	 * firing found judged is judged too.
	 */
	if (!qc->is_conference && qc->key != 0 && !TRIGGER_FIRED_BY_UPDATE(td->tg_event) &&
		TupleDescAttr(RelationGetDescr(td->tg_relation), qc->key - 1)->attbyval)
	{
		bool		isnull;

		key = heap_getattr(td->tg_trigtuple, qc->key, RelationGetDescr(td->tg_relation), &isnull);
		byval_key = !isnull && change != InvalidCommandId;
		if (byval_key && last_judged_valid && last_judged_rel == qc->relid && last_judged_key == key &&
			last_judged_change == change && (pending == NULL || hash_get_num_entries(pending) == 0))
			return false;
	}

	/* judged, each of its conferences, by a judging that saw this change */
	own = own_conferences(td);
	must = pending != NULL && hash_get_num_entries(pending) > 0;
	foreach(lc, own)
	{
		const char *id = lfirst(lc);
		NotedConference *n = judged ? hash_search(judged, &id, HASH_FIND, NULL) : NULL;

		if (n == NULL || change == InvalidCommandId || n->judged_before == InvalidCommandId || change >= n->judged_before)
			must = true;
	}
	if (must)
		foreach(lc, own)
			note(&pending, "cpconf conferences to judge", lfirst(lc));
	last_judged_valid = !must && byval_key;
	last_judged_rel = qc->relid;
	last_judged_key = key;
	last_judged_change = change;
	return must;
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
	HTAB	   *volatile being_judged = NULL;
	volatile CommandId judging_sees = InvalidCommandId;
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

	/* quoracy at commit: a firing whose conferences were judged returns */
	if (TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) && strcmp(trigdata->tg_trigger->tgargs[0], "quoracy") == 0 &&
		!quoracy_must_judge(trigdata))
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
							" OR pg_catalog.current_setting('transaction_isolation') OPERATOR(pg_catalog.<>) 'read committed'"
							" THEN (SELECT pg_catalog.array_agg(DISTINCT %s) FROM cpconf_new n) END)"
							" WHERE EXISTS (SELECT FROM cpconf_new)", key),
				   1, types, values);
		}
	}

	/*
	 * Quoracy's statement triggers note the conferences the statement wrote,
	 * read here from its rows (a conference updated: by the check, which
	 * compares what quoracy reads before and after).
	 */
	if (TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) && strcmp(trigdata->tg_trigger->tgargs[0], "quoracy") == 0 &&
		!(strcmp(trigdata->tg_trigger->tgargs[1], "conference") == 0 && TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
	{
		note_statement_conferences(trigdata);
		AtEOXact_GUC(true, nestlevel);
		SPI_finish();
		return PointerGetDatum(NULL);
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
		quoracy_for_this_xact();
		judging = being_judged = pending;
		pending = NULL;
		judging_sees = GetCurrentCommandId(false);	/* every change before this */

		/*
		 * What the check locks, once it holds the conferences' own rows
		 * (cpconf.lock_conferences): cpconf's rows of these conferences.
		 */
		if (being_judged != NULL && hash_get_num_entries(being_judged) > 0)
		{
			HASH_SEQ_STATUS seq;
			NotedConference *n;
			Datum	   *items = palloc(sizeof(Datum) * hash_get_num_entries(being_judged));
			int			nitems = 0;

			if (SPI_execute("SELECT m.on_table FROM cpconf.mapping m WHERE m.entity OPERATOR(pg_catalog.=) 'conference'",
							true, 1) != SPI_OK_SELECT)
				elog(ERROR, "reading cpconf.mapping failed");
			if (SPI_processed == 1)
			{
				bool		isnull;

				lock_table = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
				hash_seq_init(&seq, being_judged);
				while ((n = hash_seq_search(&seq)) != NULL)
					items[nitems++] = CStringGetTextDatum(n->id);
				lock_ids = PointerGetDatum(construct_array(items, nitems, TEXTOID, -1, false, TYPALIGN_INT));
			}
		}
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
		lock_ids = (Datum) 0;
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

	/* judged: a firing of a change it saw need not judge again */
	if (being_judged != NULL)
	{
		HASH_SEQ_STATUS seq;
		NotedConference *n;

		hash_seq_init(&seq, being_judged);
		while ((n = hash_seq_search(&seq)) != NULL)
			note(&judged, "cpconf conferences judged", n->id)->judged_before = judging_sees;
	}
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
	quoracy_for_this_xact();
	for (int i = 0; i < n; i++)
		if (!nulls[i])
			note(&pending, "cpconf conferences to judge", TextDatumGetCString(items[i]));
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
		NotedConference *w;

		hash_seq_init(&seq, judging);
		while ((w = hash_seq_search(&seq)) != NULL)
			items[n++] = CStringGetTextDatum(w->id);
	}
	judging = NULL;
	PG_RETURN_ARRAYTYPE_P(construct_array(items, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * cpconf.lock_conferences(): for the quoracy check at commit, once it holds
 * the rows of the conferences it judges (so that the two kinds of lock are
 * always taken in one order): one transaction at a time judges a
 * conference, by cpconf's rows (cpconf.lock_children, as for a child's
 * plans), taken with the log owner's rights.  Under REPEATABLE READ or
 * SERIALIZABLE, a transaction whose snapshot misses another's judged
 * change of the same conference fails to serialize rather than judge what
 * is no longer there.
 */
Datum
cpconf_lock_conferences(PG_FUNCTION_ARGS)
{
	Oid			types[2] = {REGCLASSOID, TEXTARRAYOID};
	Datum		values[2];

	if (depth == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cpconf.lock_conferences() is called only by an enforcement check"),
				 errhint("Use cpconf.audit('quoracy') to list findings.")));
	if (lock_ids == (Datum) 0)
		PG_RETURN_VOID();
	values[0] = lock_table;
	values[1] = lock_ids;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	run_as(log_owner(), "SELECT cpconf.lock_children($1, $2)", 2, types, values);
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * cpconf.mapping_changed(): called by cpconf.mapping's trigger, so that the
 * quoracy triggers read the conference of a row from the columns mapped now.
 */
Datum
cpconf_mapping_changed(PG_FUNCTION_ARGS)
{
	nquoracy_columns = 0;
	last_judged_valid = false;
	PG_RETURN_VOID();
}
