/*
 * calendar.c
 *		The calendar layer: UK bank holidays, council closure days and
 *		working-day arithmetic.
 *
 * Bank holidays are generated from the rules and one-offs in
 * bank-holidays.md for every year CPCONF_FIRST_YEAR..CPCONF_LAST_YEAR, then
 * corrected by cpconf.holiday_override; a council calendar adds the closure
 * days in cpconf.closure_day to its UK base.  Each calendar becomes one
 * sorted array of non-working weekdays, cached per backend.
 *
 * The arithmetic is closed form.  Number every weekday from a fixed Monday
 * (weekday_ordinal); the working-day ordinal of a day is its weekday ordinal
 * less the non-working weekdays on or before it (a binary search).  The
 * inverse, "the k-th working day", adds back the non-working weekdays that
 * come before it, found by a binary search in the precomputed array
 * before[i] = working days on or before days[i].  No loop over days.
 *
 * Counting convention (bank-holidays.md): add_working_days(d, n) is the
 * n-th working day strictly after d (n > 0), strictly before d (n < 0), or
 * d itself if it is a working day and else the next one (n = 0);
 * working_days_between(a, b) counts the working days in (a, b].
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "cpconf.h"

/* The UK calendars, in the order of bank-holidays.md's table. */
#define UK_EW	0x1				/* england-and-wales */
#define UK_SC	0x2				/* scotland */
#define UK_NI	0x4				/* northern-ireland */
#define UK_ALL	(UK_EW | UK_SC | UK_NI)
#define N_UK_CALENDARS 3

static const char *const uk_calendar_names[N_UK_CALENDARS] = {
	"england-and-wales", "scotland", "northern-ireland"
};

typedef struct Holiday
{
	DateADT		day;
	const char *name;
	bool		substitute;		/* a fixed-date holiday moved off a weekend */
} Holiday;

struct WorkingCalendar
{
	const char *name;
	int			namelen;
	const char *description;
	const WorkingCalendar *base;	/* UK base of a council calendar, else
									 * NULL */
	/* bank holidays, after overrides (a council calendar: its base's) */
	int			nholidays;
	const Holiday *holidays;
	/* every non-working weekday, sorted, and the working days up to each */
	int			ndays;
	const DateADT *days;
	const int32 *before;
	/* direct indexes into days[], so a lookup scans a few entries at most */
	const uint16 *week_start;	/* first entry on or after each week's Monday */
	const uint16 *ordinal_start;	/* first entry with before[] >= 8 * b */
	int			nordinal;
};

/* ---- the regular rules and one-offs of bank-holidays.md ---- */

typedef struct FixedHoliday
{
	int			month;
	int			mday;
	int			calendars;
	int			from_year;
	const char *name;
} FixedHoliday;

/* In calendar order: substitutes are placed in this order. */
static const FixedHoliday fixed_holidays[] = {
	{1, 1, UK_ALL, 1978, "New Year's Day"},
	{1, 2, UK_SC, 1978, "2nd January"},
	{3, 17, UK_NI, 1978, "St Patrick's Day"},
	{7, 12, UK_NI, 1978, "Battle of the Boyne (Orangemen's Day)"},
	{11, 30, UK_SC, 2007, "St Andrew's Day"},
	{12, 25, UK_ALL, 1978, "Christmas Day"},
	{12, 26, UK_ALL, 1978, "Boxing Day"},
};

typedef struct OneOff
{
	int			year;
	int			month;
	int			mday;
	int			calendars;
	const char *name;
} OneOff;

/* Proclaimed extra days since 1978. */
static const OneOff one_offs[] = {
	{1981, 7, 29, UK_ALL, "Royal wedding"},
	{1999, 12, 31, UK_ALL, "Millennium Day"},
	{2002, 6, 3, UK_ALL, "Golden Jubilee"},
	{2011, 4, 29, UK_ALL, "Royal wedding"},
	{2012, 6, 5, UK_ALL, "Diamond Jubilee"},
	{2022, 6, 3, UK_ALL, "Platinum Jubilee"},
	{2022, 9, 19, UK_ALL, "State funeral of Queen Elizabeth II"},
	{2023, 5, 8, UK_ALL, "Coronation of King Charles III"},
	{2026, 6, 15, UK_SC, "World Cup bank holiday"},
};

/* Regular holidays proclaimed onto another date (the regular date works). */
typedef enum MovableHoliday
{
	EARLY_MAY,
	SPRING
} MovableHoliday;

typedef struct MovedHoliday
{
	int			year;
	MovableHoliday which;
	int			month;
	int			mday;
	const char *name;
} MovedHoliday;

static const MovedHoliday moved_holidays[] = {
	{1995, EARLY_MAY, 5, 8, "Early May bank holiday (VE Day)"},
	{2002, SPRING, 6, 4, "Spring bank holiday"},
	{2012, SPRING, 6, 4, "Spring bank holiday"},
	{2020, EARLY_MAY, 5, 8, "Early May bank holiday (VE Day)"},
	{2022, SPRING, 6, 2, "Spring bank holiday"},
};

/* ---- date helpers ---- */

static inline DateADT
ymd(int year, int month, int mday)
{
	return date2j(year, month, mday) - POSTGRES_EPOCH_JDATE;
}

/* 0 = Sunday .. 6 = Saturday */
static inline int
day_of_week(DateADT day)
{
	return j2day(day + POSTGRES_EPOCH_JDATE);
}

static inline bool
is_weekend(DateADT day)
{
	int			dow = day_of_week(day);

	return dow == 0 || dow == 6;
}

static DateADT
first_monday(int year, int month)
{
	DateADT		first = ymd(year, month, 1);

	return first + (8 - day_of_week(first)) % 7;
}

static DateADT
last_monday(int year, int month)
{
	DateADT		last = (month == 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1)) - 1;

	return last - (day_of_week(last) + 6) % 7;
}

/* Easter Sunday, Gregorian (the anonymous algorithm of Meeus). */
static DateADT
easter_sunday(int year)
{
	int			a = year % 19,
				b = year / 100,
				c = year % 100,
				d = b / 4,
				e = b % 4,
				f = (b + 8) / 25,
				g = (b - f + 1) / 3,
				h = (19 * a + b - d - g + 15) % 30,
				i = c / 4,
				k = c % 4,
				l = (32 + 2 * e + 2 * i - h - k) % 7,
				m = (a + 11 * h + 22 * l) / 451,
				n = h + l - 7 * m + 114;

	return ymd(year, n / 31, n % 31 + 1);
}

/* ---- bank holidays of one UK calendar from the rules ---- */

typedef struct HolidayList
{
	int			n;
	int			size;
	Holiday    *items;
} HolidayList;

static void
holiday_list_add(HolidayList *list, DateADT day, const char *name, bool substitute)
{
	if (list->n == list->size)
	{
		list->size = list->size ? list->size * 2 : 64;
		list->items = list->items
			? repalloc(list->items, list->size * sizeof(Holiday))
			: palloc(list->size * sizeof(Holiday));
	}
	list->items[list->n].day = day;
	list->items[list->n].name = name;
	list->items[list->n].substitute = substitute;
	list->n++;
}

static bool
holiday_list_has(const HolidayList *list, int from, DateADT day)
{
	for (int i = from; i < list->n; i++)
		if (list->items[i].day == day)
			return true;
	return false;
}

static int
holiday_cmp(const void *a, const void *b)
{
	DateADT		x = ((const Holiday *) a)->day;
	DateADT		y = ((const Holiday *) b)->day;

	return (x > y) - (x < y);
}

static const char *
moved_name(int year, MovableHoliday which, DateADT *day)
{
	for (size_t i = 0; i < lengthof(moved_holidays); i++)
		if (moved_holidays[i].year == year && moved_holidays[i].which == which)
		{
			*day = ymd(year, moved_holidays[i].month, moved_holidays[i].mday);
			return moved_holidays[i].name;
		}
	return NULL;
}

/*
 * One year's bank holidays of one UK calendar, appended to list.  Fixed-date
 * holidays on a weekday keep their date; then, in calendar order, each one on
 * a weekend moves to the next weekday that is not already a holiday.  (So in
 * 2022, with Christmas on a Sunday, 26 Dec stays Boxing Day and 27 Dec is the
 * Christmas substitute.)
 */
static void
generate_year(HolidayList *list, int year, int calendar)
{
	int			start = list->n;
	DateADT		easter = easter_sunday(year);
	DateADT		day;
	const char *name;

	holiday_list_add(list, easter - 2, "Good Friday", false);
	if (calendar != UK_SC)
		holiday_list_add(list, easter + 1, "Easter Monday", false);

	if ((name = moved_name(year, EARLY_MAY, &day)) == NULL)
	{
		day = first_monday(year, 5);
		name = "Early May bank holiday";
	}
	holiday_list_add(list, day, name, false);

	if ((name = moved_name(year, SPRING, &day)) == NULL)
	{
		day = last_monday(year, 5);
		name = "Spring bank holiday";
	}
	holiday_list_add(list, day, name, false);

	holiday_list_add(list,
					 calendar == UK_SC ? first_monday(year, 8) : last_monday(year, 8),
					 "Summer bank holiday", false);

	for (size_t i = 0; i < lengthof(one_offs); i++)
		if (one_offs[i].year == year && (one_offs[i].calendars & calendar))
			holiday_list_add(list, ymd(year, one_offs[i].month, one_offs[i].mday),
							 one_offs[i].name, false);

	for (size_t i = 0; i < lengthof(fixed_holidays); i++)
	{
		const FixedHoliday *f = &fixed_holidays[i];

		day = ymd(year, f->month, f->mday);
		if ((f->calendars & calendar) && year >= f->from_year && !is_weekend(day))
			holiday_list_add(list, day, f->name, false);
	}
	for (size_t i = 0; i < lengthof(fixed_holidays); i++)
	{
		const FixedHoliday *f = &fixed_holidays[i];

		day = ymd(year, f->month, f->mday);
		if (!(f->calendars & calendar) || year < f->from_year || !is_weekend(day))
			continue;
		while (is_weekend(day) || holiday_list_has(list, start, day))
			day++;
		holiday_list_add(list, day, f->name, true);
	}

	qsort(list->items + start, list->n - start, sizeof(Holiday), holiday_cmp);
}

static HolidayList
generate_uk_calendar(int calendar)
{
	HolidayList list = {0};

	for (int year = CPCONF_FIRST_YEAR; year <= CPCONF_LAST_YEAR; year++)
		generate_year(&list, year, calendar);
	return list;
}

static int
uk_calendar_bit(const char *name)
{
	for (int i = 0; i < N_UK_CALENDARS; i++)
		if (strcmp(name, uk_calendar_names[i]) == 0)
			return 1 << i;
	return 0;
}

/* ---- the closed-form arithmetic ---- */

/* 1977-12-26, a Monday on or before every day a calculation touches. */
#define EPOCH_MONDAY (-8041)
#define FIRST_DAY CPCONF_FIRST_DAY
#define LAST_DAY CPCONF_LAST_DAY

/* The number of weekdays in [EPOCH_MONDAY, day]. */
static inline int32
weekday_ordinal(DateADT day)
{
	int32		t = day - EPOCH_MONDAY;

	return 5 * (t / 7) + Min(t % 7 + 1, 5);
}

/* The weekday whose weekday_ordinal is m (m >= 1). */
static inline int64
nth_weekday(int64 m)
{
	return EPOCH_MONDAY + 7 * ((m - 1) / 5) + (m - 1) % 5;
}

#define N_WEEKS ((LAST_DAY - EPOCH_MONDAY) / 7 + 1)
#define ORDINAL_BUCKET 8

/*
 * The number of non-working weekdays on or before day.  week_start gives the
 * count before day's week; at most five entries fall inside the week.
 */
static inline int
days_on_or_before(const WorkingCalendar *cal, DateADT day)
{
	int			i = cal->week_start[(day - EPOCH_MONDAY) / 7];

	while (i < cal->ndays && cal->days[i] <= day)
		i++;
	return i;
}

/* Working days in [EPOCH_MONDAY, day]. */
static inline int32
working_ordinal(const WorkingCalendar *cal, DateADT day)
{
	return weekday_ordinal(day) - days_on_or_before(cal, day);
}

/*
 * The working day whose working_ordinal is k: the (k + j)-th weekday, where
 * j counts the non-working weekdays before it, i.e. those with before[] < k
 * (before[i] is the number of working days on or before days[i]).
 * ordinal_start gives j for the bucket of k; a few entries remain to scan.
 */
static inline int64
kth_working_day(const WorkingCalendar *cal, int64 k)
{
	int			i;

	if (k < 1)
		return EPOCH_MONDAY - 1;
	if (k / ORDINAL_BUCKET >= cal->nordinal)
		return nth_weekday(k + cal->ndays);
	i = cal->ordinal_start[k / ORDINAL_BUCKET];
	while (i < cal->ndays && cal->before[i] < k)
		i++;
	return nth_weekday(k + i);
}

void
calendar_check_day(DateADT day, const char *what)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is infinite", what),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Pass a real date; a missing date should be NULL, which gives a NULL result.")));
	if (day < FIRST_DAY || day > LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s is outside the range of cpconf's calendars",
						what, cpconf_format_day(day)),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Check the date for a typing error.")));
}

DateADT
calendar_timestamp_day(Timestamp ts, const char *what)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is infinite", what),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Pass a real timestamp; a missing one should be NULL, which gives a NULL result.")));
	/* floor division: the time of day is ignored, also before 2000 */
	if (ts < 0)
		return (DateADT) (-((-ts + USECS_PER_DAY - 1) / USECS_PER_DAY));
	return (DateADT) (ts / USECS_PER_DAY);
}

bool
calendar_is_working_day(const WorkingCalendar *cal, DateADT day)
{
	int			i;

	calendar_check_day(day, "day");
	if (is_weekend(day))
		return false;
	i = days_on_or_before(cal, day);
	return i == 0 || cal->days[i - 1] != day;
}

DateADT
calendar_add_working_days(const WorkingCalendar *cal, DateADT day, int64 n)
{
	int64		k;
	int64		result;

	calendar_check_day(day, "day");
	if (n > 0)
		k = (int64) working_ordinal(cal, day) + n;
	else
		k = (int64) working_ordinal(cal, day - 1) + n + 1;
	result = kth_working_day(cal, k);
	if (result < FIRST_DAY || result > LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%lld working days from %s is outside the range of cpconf's calendars",
						(long long) n, cpconf_format_day(day)),
				 errdetail("Working days are counted only between %d-01-01 and %d-12-31, the years cpconf's calendars cover.",
						   CPCONF_FIRST_YEAR, CPCONF_LAST_YEAR),
				 errhint("Check the number of working days for a typing error.")));
	return (DateADT) result;
}

int32
calendar_working_days_between(const WorkingCalendar *cal,
							  DateADT from_day, DateADT to_day)
{
	calendar_check_day(from_day, "from_day");
	calendar_check_day(to_day, "to_day");
	return working_ordinal(cal, to_day) - working_ordinal(cal, from_day);
}

const char *
calendar_name(const WorkingCalendar *cal)
{
	return cal->name;
}

/* ---- the per-backend cache ---- */

/*
 * Everything is rebuilt together when any calendar table changes: the data
 * is small (a few thousand days) and rebuilding takes well under a
 * millisecond.  Changes reach every backend as relcache invalidations sent
 * by the statement trigger cpconf.calendar_data_changed().
 */
typedef struct CalendarCache
{
	MemoryContext cxt;
	int			ncalendars;
	WorkingCalendar *calendars;
	Oid			relids[3];
} CalendarCache;

static CalendarCache *cache = NULL;
static bool cache_valid = false;
static uint64 cache_generation = 0;

static void
calendar_relcache_callback(Datum arg, Oid relid)
{
	if (cache == NULL || !cache_valid)
		return;
	if (relid == InvalidOid || relid == cache->relids[0] ||
		relid == cache->relids[1] || relid == cache->relids[2])
		cache_valid = false;
}

void
calendar_init(void)
{
	CacheRegisterRelcacheCallback(calendar_relcache_callback, (Datum) 0);
}

static int
day_cmp(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a;
	DateADT		y = *(const DateADT *) b;

	return (x > y) - (x < y);
}

/*
 * Fill in a calendar's non-working weekdays from its holidays plus extra
 * days.  Entries on weekends, out of range or repeated are dropped here too,
 * whatever the tables' triggers let through (a restore with triggers
 * disabled, say): the arithmetic needs sorted, distinct weekdays.
 */
static void
finish_calendar(MemoryContext cxt, WorkingCalendar *cal,
				const DateADT *extra, int nextra)
{
	DateADT    *days = MemoryContextAlloc(cxt, (cal->nholidays + nextra + 1) * sizeof(DateADT));
	int32	   *before;
	uint16	   *week_start;
	uint16	   *ordinal_start;
	int			nordinal;
	int			n = 0,
				kept = 0;

	for (int i = 0; i < cal->nholidays; i++)
		days[n++] = cal->holidays[i].day;
	for (int i = 0; i < nextra; i++)
		days[n++] = extra[i];
	qsort(days, n, sizeof(DateADT), day_cmp);
	for (int i = 0; i < n; i++)
	{
		if (days[i] < FIRST_DAY || days[i] > LAST_DAY || is_weekend(days[i]))
			continue;
		if (kept > 0 && days[kept - 1] == days[i])
			continue;
		days[kept++] = days[i];
	}
	before = MemoryContextAlloc(cxt, (kept + 1) * sizeof(int32));
	for (int i = 0; i < kept; i++)
		before[i] = weekday_ordinal(days[i]) - (i + 1);

	/* kept < 65536: there are fewer weekdays than that in the range */
	week_start = MemoryContextAlloc(cxt, N_WEEKS * sizeof(uint16));
	for (int w = 0, i = 0; w < N_WEEKS; w++)
	{
		while (i < kept && days[i] < EPOCH_MONDAY + 7 * w)
			i++;
		week_start[w] = i;
	}
	nordinal = (weekday_ordinal(LAST_DAY) - kept) / ORDINAL_BUCKET + 1;
	ordinal_start = MemoryContextAlloc(cxt, nordinal * sizeof(uint16));
	for (int b = 0, i = 0; b < nordinal; b++)
	{
		while (i < kept && before[i] < ORDINAL_BUCKET * b)
			i++;
		ordinal_start[b] = i;
	}

	cal->ndays = kept;
	cal->days = days;
	cal->before = before;
	cal->week_start = week_start;
	cal->ordinal_start = ordinal_start;
	cal->nordinal = nordinal;
}

typedef struct Override
{
	int			calendar;		/* UK_* bit */
	DateADT		day;
	bool		add;
	const char *name;
} Override;

/* A UK calendar: the rules, less the overrides' removals, plus their additions. */
static void
build_uk_calendar(MemoryContext cxt, WorkingCalendar *cal, int bit,
				  const Override *overrides, int noverrides)
{
	HolidayList rules = generate_uk_calendar(bit);
	Holiday    *holidays = MemoryContextAlloc(cxt, (rules.n + noverrides + 1) * sizeof(Holiday));
	int			n = 0;

	for (int i = 0; i < rules.n; i++)
	{
		bool		removed = false;

		for (int r = 0; r < noverrides; r++)
			removed |= overrides[r].calendar == bit && !overrides[r].add &&
				overrides[r].day == rules.items[i].day;
		if (!removed)
			holidays[n++] = rules.items[i];
	}
	for (int r = 0; r < noverrides; r++)
		if (overrides[r].calendar == bit && overrides[r].add)
		{
			holidays[n].day = overrides[r].day;
			holidays[n].name = overrides[r].name;
			holidays[n].substitute = false;
			n++;
		}
	qsort(holidays, n, sizeof(Holiday), holiday_cmp);
	pfree(rules.items);
	cal->holidays = holidays;
	cal->nholidays = n;
	finish_calendar(cxt, cal, NULL, 0);
}

static Oid
cpconf_table(Oid nsp, const char *name)
{
	Oid			relid = get_relname_relid(name, nsp);

	if (!OidIsValid(relid))
		elog(ERROR, "cpconf table \"%s\" is missing", name);
	return relid;
}

static void
build_cache(void)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "cpconf calendars",
											  ALLOCSET_DEFAULT_SIZES);
	CalendarCache *c = MemoryContextAllocZero(cxt, sizeof(CalendarCache));
	Oid			nsp = get_namespace_oid("cpconf", false);
	uint64		ncouncil;
	Override   *overrides;
	uint64		noverrides;
	char	  **closure_calendar;
	DateADT    *closure_day;
	uint64		nclosures;

	c->cxt = cxt;
	c->relids[0] = cpconf_table(nsp, "holiday_override");
	c->relids[1] = cpconf_table(nsp, "council_calendar");
	c->relids[2] = cpconf_table(nsp, "closure_day");

	/*
	 * Mark valid before reading: an invalidation that arrives while we read
	 * clears the flag again, and the next call rebuilds.
	 */
	cache_valid = true;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	cpconf_read_table("SELECT calendar, day, change, name FROM cpconf.holiday_override");
	noverrides = SPI_processed;
	overrides = MemoryContextAlloc(cxt, (noverrides + 1) * sizeof(Override));
	for (uint64 r = 0; r < noverrides; r++)
	{
		char	   *calendar = cpconf_spi_text(CurrentMemoryContext, r, 1);
		char	   *change = cpconf_spi_text(CurrentMemoryContext, r, 3);
		char	   *name = cpconf_spi_text(cxt, r, 4);

		overrides[r].calendar = calendar ? uk_calendar_bit(calendar) : 0;
		overrides[r].day = cpconf_spi_date(r, 2);
		overrides[r].add = change && strcmp(change, "add") == 0;
		overrides[r].name = name ? name : "Bank holiday";
	}

	cpconf_read_table("SELECT calendar, day FROM cpconf.closure_day");
	nclosures = SPI_processed;
	closure_calendar = MemoryContextAlloc(cxt, (nclosures + 1) * sizeof(char *));
	closure_day = MemoryContextAlloc(cxt, (nclosures + 1) * sizeof(DateADT));
	for (uint64 r = 0; r < nclosures; r++)
	{
		closure_calendar[r] = cpconf_spi_text(cxt, r, 1);
		closure_day[r] = cpconf_spi_date(r, 2);
	}

	cpconf_read_table("SELECT name, base, description FROM cpconf.council_calendar ORDER BY name COLLATE pg_catalog.\"C\"");
	ncouncil = SPI_processed;
	c->ncalendars = N_UK_CALENDARS + ncouncil;
	c->calendars = MemoryContextAllocZero(cxt, c->ncalendars * sizeof(WorkingCalendar));
	for (uint64 r = 0; r < ncouncil; r++)
	{
		WorkingCalendar *cal = &c->calendars[N_UK_CALENDARS + r];
		char	   *base = cpconf_spi_text(cxt, r, 2);

		cal->name = cpconf_spi_text(cxt, r, 1);
		cal->description = cpconf_spi_text(cxt, r, 3);
		for (int i = 0; i < N_UK_CALENDARS; i++)
			if (base && strcmp(base, uk_calendar_names[i]) == 0)
				cal->base = &c->calendars[i];
	}

	for (int i = 0; i < N_UK_CALENDARS; i++)
	{
		WorkingCalendar *cal = &c->calendars[i];

		cal->name = uk_calendar_names[i];
		cal->description = "UK bank holidays";
		build_uk_calendar(cxt, cal, 1 << i, overrides, noverrides);
	}

	for (int i = N_UK_CALENDARS; i < c->ncalendars; i++)
	{
		WorkingCalendar *cal = &c->calendars[i];
		DateADT    *extra = MemoryContextAlloc(cxt, (nclosures + 1) * sizeof(DateADT));
		int			nextra = 0;

		/* a base the table's check lets through only if bypassed: no calendar */
		if (cal->base == NULL || cal->name == NULL)
			continue;
		cal->nholidays = cal->base->nholidays;
		cal->holidays = cal->base->holidays;
		for (uint64 r = 0; r < nclosures; r++)
			if (closure_calendar[r] && strcmp(closure_calendar[r], cal->name) == 0)
				extra[nextra++] = closure_day[r];
		finish_calendar(cxt, cal, extra, nextra);
	}
	for (int i = 0; i < c->ncalendars; i++)
		c->calendars[i].namelen = c->calendars[i].name ? (int) strlen(c->calendars[i].name) : -1;

	SPI_finish();

	MemoryContextSetParent(cxt, TopMemoryContext);
	if (cache != NULL)
		MemoryContextDelete(cache->cxt);
	cache = c;
	cache_generation++;
}

/* Make the cache current (see cpconf_accept_invalidations). */
static void
ensure_cache(void)
{
	cpconf_accept_invalidations();
	if (cache == NULL || !cache_valid)
		build_cache();
}

static char *
known_calendars(void)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < cache->ncalendars; i++)
		if (cache->calendars[i].days != NULL)
			appendStringInfo(&buf, "%s%s", i ? ", " : "", cache->calendars[i].name);
	return buf.data;
}

static const WorkingCalendar *
find_calendar(const char *name, int len, bool from_setting)
{
	ensure_cache();
	for (int i = 0; i < cache->ncalendars; i++)
	{
		WorkingCalendar *cal = &cache->calendars[i];

		if (cal->namelen == len && cal->days != NULL && memcmp(cal->name, name, len) == 0)
			return cal;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("calendar \"%.*s\" does not exist", len, name),
			 from_setting
			 ? errdetail("The calendar was named by the setting cpconf.calendar, used when a call names none.")
			 : errdetail("Working days are counted on a UK calendar or on a council calendar built on one."),
			 errhint("Known calendars: %s. A council adds its own in cpconf.council_calendar.",
					 known_calendars())));
	return NULL;				/* keep compiler quiet */
}

const WorkingCalendar *
calendar_lookup(const char *name, int len)
{
	return find_calendar(name, len, false);
}

/* The calendar name in argument argno, or the setting's when it is NULL. */
static void
calendar_arg_name(FunctionCallInfo fcinfo, int argno,
				  const char **name, int *len, bool *from_setting)
{
	*from_setting = PG_NARGS() <= argno || PG_ARGISNULL(argno);
	if (*from_setting)
	{
		*name = cpconf_calendar_setting ? cpconf_calendar_setting : "";
		*len = strlen(*name);
	}
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(argno);

		*name = VARDATA_ANY(t);
		*len = VARSIZE_ANY_EXHDR(t);
	}
}

/*
 * Look a calendar up through ref, a cache the caller keeps (in fn_extra), so
 * that a query over many rows resolves the name once, not once per row.
 */
const WorkingCalendar *
calendar_resolve(CalendarRef *ref, const char *name, int len, bool from_setting)
{
	ensure_cache();
	if (ref->generation == cache_generation && ref->len == len &&
		memcmp(ref->name, name, len) == 0)
		return ref->cal;
	ref->generation = 0;
	ref->cal = find_calendar(name, len, from_setting);
	if (len < (int) sizeof(ref->name))
	{
		ref->len = len;
		memcpy(ref->name, name, len);
		ref->generation = cache_generation;
	}
	return ref->cal;
}

/* The calendar named by the setting cpconf.calendar. */
const WorkingCalendar *
calendar_from_setting(CalendarRef *ref)
{
	const char *name = cpconf_calendar_setting ? cpconf_calendar_setting : "";

	return calendar_resolve(ref, name, strlen(name), true);
}

/*
 * The calendar named by argument argno, or by the setting when it is NULL.
 * Not for set-returning functions, whose fn_extra belongs to the SRF
 * machinery.
 */
const WorkingCalendar *
calendar_from_arg(FunctionCallInfo fcinfo, int argno)
{
	CalendarRef *ref = (CalendarRef *) fcinfo->flinfo->fn_extra;
	const char *name;
	int			len;
	bool		from_setting;

	if (ref == NULL)
		fcinfo->flinfo->fn_extra = ref =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CalendarRef));
	calendar_arg_name(fcinfo, argno, &name, &len, &from_setting);
	return calendar_resolve(ref, name, len, from_setting);
}

/* As calendar_from_arg, for callers whose fn_extra is taken (SRFs). */
static const WorkingCalendar *
calendar_from_arg_uncached(FunctionCallInfo fcinfo, int argno)
{
	const char *name;
	int			len;
	bool		from_setting;

	calendar_arg_name(fcinfo, argno, &name, &len, &from_setting);
	return find_calendar(name, len, from_setting);
}

/* ---- SQL-callable functions ---- */

PG_FUNCTION_INFO_V1(cpconf_is_working_day);
PG_FUNCTION_INFO_V1(cpconf_is_working_day_ts);
PG_FUNCTION_INFO_V1(cpconf_add_working_days);
PG_FUNCTION_INFO_V1(cpconf_add_working_days_ts);
PG_FUNCTION_INFO_V1(cpconf_working_days_between);
PG_FUNCTION_INFO_V1(cpconf_working_days_between_ts);
PG_FUNCTION_INFO_V1(cpconf_bank_holidays);
PG_FUNCTION_INFO_V1(cpconf_builtin_bank_holiday);

/*
 * The functions are not STRICT, because a NULL calendar means "the
 * setting"; a NULL day or count gives NULL.
 */
Datum
cpconf_is_working_day(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(calendar_is_working_day(calendar_from_arg(fcinfo, 1),
										   PG_GETARG_DATEADT(0)));
}

Datum
cpconf_is_working_day_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(calendar_is_working_day(calendar_from_arg(fcinfo, 1),
										   calendar_timestamp_day(PG_GETARG_TIMESTAMP(0), "day")));
}

Datum
cpconf_add_working_days(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(calendar_add_working_days(calendar_from_arg(fcinfo, 2),
												PG_GETARG_DATEADT(0),
												PG_GETARG_INT32(1)));
}

Datum
cpconf_add_working_days_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(calendar_add_working_days(calendar_from_arg(fcinfo, 2),
												calendar_timestamp_day(PG_GETARG_TIMESTAMP(0), "day"),
												PG_GETARG_INT32(1)));
}

Datum
cpconf_working_days_between(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_INT32(calendar_working_days_between(calendar_from_arg(fcinfo, 2),
												  PG_GETARG_DATEADT(0),
												  PG_GETARG_DATEADT(1)));
}

Datum
cpconf_working_days_between_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_INT32(calendar_working_days_between(calendar_from_arg(fcinfo, 2),
												  calendar_timestamp_day(PG_GETARG_TIMESTAMP(0), "from_day"),
												  calendar_timestamp_day(PG_GETARG_TIMESTAMP(1), "to_day")));
}

/*
 * bank_holidays(calendar, from_day, to_day): a NULL bound is open on that
 * side.  The rows are copied out at the first call: the cache may be rebuilt
 * between calls.
 */
typedef struct HolidayRows
{
	int			n;
	int			next;
	Holiday    *rows;
} HolidayRows;

Datum
cpconf_bank_holidays(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	HolidayRows *state;

	if (SRF_IS_FIRSTCALL())
	{
		const WorkingCalendar *cal;
		DateADT		from_day = FIRST_DAY,
					to_day = LAST_DAY;
		MemoryContext oldcxt;
		TupleDesc	tupdesc;
		int			lo,
					hi;

		funcctx = SRF_FIRSTCALL_INIT();
		cal = calendar_from_arg_uncached(fcinfo, 0);
		if (!PG_ARGISNULL(1))
		{
			from_day = PG_GETARG_DATEADT(1);
			calendar_check_day(from_day, "from_day");
		}
		if (!PG_ARGISNULL(2))
		{
			to_day = PG_GETARG_DATEADT(2);
			calendar_check_day(to_day, "to_day");
		}

		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		state = palloc0(sizeof(HolidayRows));
		lo = 0;
		while (lo < cal->nholidays && cal->holidays[lo].day < from_day)
			lo++;
		hi = lo;
		while (hi < cal->nholidays && cal->holidays[hi].day <= to_day)
			hi++;
		state->n = hi - lo;
		state->rows = palloc((state->n + 1) * sizeof(Holiday));
		for (int i = 0; i < state->n; i++)
		{
			const Holiday *h = &cal->holidays[lo + i];

			state->rows[i].day = h->day;
			state->rows[i].name = h->substitute
				? psprintf("%s (substitute day)", h->name) : pstrdup(h->name);
		}
		funcctx->user_fctx = state;
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	state = funcctx->user_fctx;
	if (state->next < state->n)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		Holiday    *h = &state->rows[state->next++];

		values[0] = DateADTGetDatum(h->day);
		values[1] = CStringGetTextDatum(h->name);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * builtin_bank_holiday(calendar, day): the name of the bank holiday the
 * rules of bank-holidays.md give on day, ignoring overrides; NULL when there
 * is none.  Used to validate cpconf.holiday_override.
 */
Datum
cpconf_builtin_bank_holiday(PG_FUNCTION_ARGS)
{
	char	   *name;
	int			bit;
	DateADT		day;
	int			y,
				m,
				d;
	HolidayList list = {0};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	day = PG_GETARG_DATEADT(1);
	bit = uk_calendar_bit(name);
	if (bit == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("\"%s\" is not a UK calendar", name),
				 errdetail("Bank holidays are set by the rules of the UK calendars; council calendars add closure days, not bank holidays."),
				 errhint("Use one of: england-and-wales, scotland, northern-ireland.")));
	calendar_check_day(day, "day");
	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	generate_year(&list, y, bit);
	for (int i = 0; i < list.n; i++)
		if (list.items[i].day == day)
			PG_RETURN_TEXT_P(cstring_to_text(list.items[i].substitute
											 ? psprintf("%s (substitute day)", list.items[i].name)
											 : list.items[i].name));
	PG_RETURN_NULL();
}
