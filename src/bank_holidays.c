/*
 * bank_holidays.c
 *		UK bank holidays from the rules: part of the calendar layer.
 *
 * The regular rules and every proclaimed one-off (doc/calendar.md), for
 * england-and-wales, scotland and northern-ireland, every year from
 * CPCONF_FIRST_YEAR to CPCONF_LAST_YEAR.  Corrections made at run time
 * (cpconf.holiday_override) are applied by calendar.c, which also does the
 * working-day arithmetic.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datetime.h"

#include "bank_holidays.h"

/* The UK calendars, in the order doc/calendar.md lists them. */
#define UK_EW	0x1				/* england-and-wales */
#define UK_SC	0x2				/* scotland */
#define UK_NI	0x4				/* northern-ireland */
#define UK_ALL	(UK_EW | UK_SC | UK_NI)

const char *const uk_calendar_names[N_UK_CALENDARS] = {
	"england-and-wales", "scotland", "northern-ireland"
};

/* ---- the regular rules and one-offs (doc/calendar.md) ---- */

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
		if ((f->calendars & calendar) && year >= f->from_year && !cpconf_is_weekend(day))
			holiday_list_add(list, day, f->name, false);
	}
	for (size_t i = 0; i < lengthof(fixed_holidays); i++)
	{
		const FixedHoliday *f = &fixed_holidays[i];

		day = ymd(year, f->month, f->mday);
		if (!(f->calendars & calendar) || year < f->from_year || !cpconf_is_weekend(day))
			continue;
		while (cpconf_is_weekend(day) || holiday_list_has(list, start, day))
			day++;
		holiday_list_add(list, day, f->name, true);
	}

	qsort(list->items + start, list->n - start, sizeof(Holiday), holiday_cmp);
}

/* Every bank holiday of UK calendar index (0 .. N_UK_CALENDARS - 1), sorted. */
Holiday *
bank_holidays_generate(int calendar, int *n)
{
	HolidayList list = {0};

	for (int year = CPCONF_FIRST_YEAR; year <= CPCONF_LAST_YEAR; year++)
		generate_year(&list, year, 1 << calendar);
	*n = list.n;
	return list.items;
}

/* The index of a UK calendar, or -1. */
int
uk_calendar_index(const char *name)
{
	for (int i = 0; i < N_UK_CALENDARS; i++)
		if (strcmp(name, uk_calendar_names[i]) == 0)
			return i;
	return -1;
}

/* ---- SQL-callable ---- */

PG_FUNCTION_INFO_V1(cpconf_builtin_bank_holiday);

/*
 * builtin_bank_holiday(calendar, day): the name of the bank holiday the
 * rules give on day, ignoring overrides; NULL when there
 * is none.  Used to validate cpconf.holiday_override.
 */
Datum
cpconf_builtin_bank_holiday(PG_FUNCTION_ARGS)
{
	char	   *name;
	int			calendar;
	DateADT		day;
	int			y,
				m,
				d;
	HolidayList list = {0};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	day = PG_GETARG_DATEADT(1);
	calendar = uk_calendar_index(name);
	if (calendar < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("\"%s\" is not a UK calendar", name),
				 errdetail("Bank holidays are set by the rules of the UK calendars; council calendars add closure days, not bank holidays."),
				 errhint("Use one of: england-and-wales, scotland, northern-ireland.")));
	cpconf_check_day(day, "day");
	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	generate_year(&list, y, 1 << calendar);
	for (int i = 0; i < list.n; i++)
		if (list.items[i].day == day)
			PG_RETURN_TEXT_P(cstring_to_text(list.items[i].substitute
											 ? psprintf("%s (substitute day)", list.items[i].name)
											 : list.items[i].name));
	PG_RETURN_NULL();
}
