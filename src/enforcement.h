/*
 * enforcement.h
 *		The enforcement layer: its C is the trigger's frame only (SQL
 *		functions, no calls from other layers).
 */
#ifndef CPCONF_ENFORCEMENT_H
#define CPCONF_ENFORCEMENT_H

#include "base.h"

#endif							/* CPCONF_ENFORCEMENT_H */
