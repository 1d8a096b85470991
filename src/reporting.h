/*
 * reporting.h
 *		The reporting layer: its C is SQL functions only (no calls from
 *		other layers).
 */
#ifndef CPCONF_REPORTING_H
#define CPCONF_REPORTING_H

#include "timescales.h"

#endif							/* CPCONF_REPORTING_H */
