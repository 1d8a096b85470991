/*
 * timescales.h
 *		The timescales layer: rule id and event to deadline, per profile.
 */
#ifndef CPCONF_TIMESCALES_H
#define CPCONF_TIMESCALES_H

#include "calendar.h"
#include "profiles.h"

#endif							/* CPCONF_TIMESCALES_H */
