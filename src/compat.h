/*
 * compat.h
 *		Shims between the PostgreSQL major versions cpconf builds against.
 *
 * cpconf is developed and tested on PostgreSQL 15.  Anything that differs
 * between majors is bridged here, so the layer files read the same on all.
 */
#ifndef CPCONF_COMPAT_H
#define CPCONF_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
/* PostgreSQL 15 renamed the placeholder check and made it reserve a prefix. */
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#if PG_VERSION_NUM < 160000
/* PostgreSQL 16 renamed the set-up of a materialized set-returning call. */
#define InitMaterializedSRF(fcinfo, flags) SetSingleFuncCall(fcinfo, flags)
#endif

#if PG_VERSION_NUM < 160000
/*
 * Soft input errors (for pg_input_is_valid) arrived in PostgreSQL 16; before
 * it an input error is an ordinary error.
 */
#define ereturn(context, dummy_value, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#endif

#endif							/* CPCONF_COMPAT_H */
