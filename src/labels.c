/*
 * labels.c
 *		Small enumerated types that accept a council's spellings: part of the
 *		conference layer.
 *
 * cpconf.abuse_category, cpconf.sector and cpconf.participation are each
 * one byte holding a label's position (1 .. n).  Input is matched after
 * folding case, spaces, hyphens, underscores and curly apostrophes, against
 * the canonical labels and their synonyms (the national statistical codes,
 * "Physical abuse", "CSC", ...); output is the canonical label.  All three
 * share the comparison functions: labels order as declared.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include <ctype.h>

#include "labels.h"

typedef struct Synonym
{
	const char *text;			/* folded form */
	int			label;			/* 1-based */
} Synonym;

struct LabelSet
{
	const char *type_name;
	const char *what;			/* for messages: "category of abuse" */
	const char *rule;			/* rule id the labels come from */
	const char *doc;			/* the page listing the spellings accepted */
	int			nlabels;
	const char *const *labels;
	int			nsynonyms;
	const Synonym *synonyms;
};

/* ---- the label sets ---- */

/*
 * multiple: the national code MUL, several categories not itemised, as
 * council data and the census hold it where one category is expected.
 */
static const char *const category_labels[] = {"physical", "emotional", "sexual", "neglect", "multiple"};
static const Synonym category_synonyms[] = {
	{"physical abuse", 1}, {"phy", 1},
	{"emotional abuse", 2}, {"emo", 2},
	{"sexual abuse", 3}, {"sab", 3},
	{"neg", 4},
	{"mul", 5}, {"multiple/not recommended", 5}, {"multiple / not recommended", 5},
};
const LabelSet abuse_category_labels = {
	"cpconf.abuse_category", "category of abuse", "D-CATEGORY", "doc/conference.md",
	lengthof(category_labels), category_labels,
	lengthof(category_synonyms), category_synonyms
};

static const char *const sector_labels[] = {
	"social_care", "police", "health", "education", "probation", "other"
};
static const Synonym sector_synonyms[] = {
	{"children's social care", 1}, {"childrens social care", 1}, {"csc", 1},
	{"local authority children's social care", 1}, {"social services", 1},
	{"nhs", 3},
	{"school", 4},
};
const LabelSet sector_labels_set = {
	"cpconf.sector", "sector", "Q-MIN", "doc/conference.md",
	lengthof(sector_labels), sector_labels,
	lengthof(sector_synonyms), sector_synonyms
};

static const char *const participation_labels[] = {"attended", "report", "absent"};
static const Synonym participation_synonyms[] = {
	{"attending", 1}, {"present", 1}, {"in person", 1}, {"virtual", 1}, {"remote", 1},
	{"y", 1}, {"yes", 1}, {"1", 1}, {"true", 1}, {"t", 1},
	{"report only", 2}, {"sent report", 2}, {"report sent", 2}, {"written report", 2},
	{"did not attend", 3}, {"dna", 3}, {"apologies", 3}, {"not attended", 3},
	{"n", 3}, {"no", 3}, {"0", 3}, {"false", 3}, {"f", 3},
};
const LabelSet participation_labels_set = {
	"cpconf.participation", "participation", "Q-MIN", "doc/conference.md",
	lengthof(participation_labels), participation_labels,
	lengthof(participation_synonyms), participation_synonyms
};

static const char *const end_reason_labels[] = {
	"no_longer_at_risk", "moved_permanently", "reached_18", "died", "left_uk", "looked_after"
};
static const Synonym end_reason_synonyms[] = {
	{"not at risk", 1}, {"no longer at risk of significant harm", 1}, {"risk reduced", 1},
	{"moved", 2}, {"transferred", 2}, {"moved to another local authority", 2}, {"transfer out", 2},
	{"18", 3}, {"turned 18", 3}, {"aged 18", 3}, {"reached 18 years", 3}, {"adult", 3},
	{"deceased", 4}, {"death", 4}, {"child died", 4},
	{"left the uk", 5}, {"left the united kingdom", 5}, {"emigrated", 5},
	{"in care", 6}, {"became looked after", 6}, {"looked after child", 6}, {"lac", 6}, {"cla", 6},
};
const LabelSet end_reason_labels_set = {
	"cpconf.end_reason", "ground for ending a plan", "X-GROUNDS", "doc/discontinuation.md",
	lengthof(end_reason_labels), end_reason_labels,
	lengthof(end_reason_synonyms), end_reason_synonyms
};

static const char *const view_labels[] = {"plan", "no_plan", "abstain"};
static const Synonym view_synonyms[] = {
	{"child protection plan", 1}, {"cpp", 1}, {"yes", 1}, {"y", 1},
	{"no child protection plan", 2}, {"no", 2}, {"n", 2}, {"not plan", 2},
	{"abstained", 3}, {"abstention", 3}, {"none", 3},
};
const LabelSet plan_view_labels = {
	NULL, "view on the need for a plan", "D-DECIDE", "doc/conference.md",
	lengthof(view_labels), view_labels,
	lengthof(view_synonyms), view_synonyms
};

/* ---- matching ---- */

/*
 * Fold s for matching into buf (size FOLD_MAX): lower case, curly
 * apostrophes straight, hyphens and underscores as spaces, runs of spaces
 * as one, no leading or trailing ones.  Returns false when s is too long to
 * be any label.
 */
#define FOLD_MAX 64

static bool
fold(const char *s, int len, char *buf)
{
	int			n = 0;
	bool		space = false;

	for (int i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		/* U+2019 RIGHT SINGLE QUOTATION MARK in UTF-8 */
		if (c == 0xE2 && i + 2 < len && (unsigned char) s[i + 1] == 0x80 &&
			(unsigned char) s[i + 2] == 0x99)
		{
			c = '\'';
			i += 2;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_')
		{
			space = n > 0;
			continue;
		}
		if (n + 2 >= FOLD_MAX)
			return false;
		if (space)
			buf[n++] = ' ';
		space = false;
		buf[n++] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
	}
	buf[n] = '\0';
	return true;
}

static char *
accepted(const LabelSet *set)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < set->nlabels; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", set->labels[i]);
	return buf.data;
}

/* The label of s (1-based), or 0. */
int
label_match(const LabelSet *set, const char *s, int len)
{
	char		f[FOLD_MAX];
	char		label[FOLD_MAX];

	if (!fold(s, len, f))
		return 0;
	for (int i = 0; i < set->nlabels; i++)
		if (fold(set->labels[i], strlen(set->labels[i]), label) && strcmp(f, label) == 0)
			return i + 1;
	for (int i = 0; i < set->nsynonyms; i++)
		if (strcmp(f, set->synonyms[i].text) == 0)
			return set->synonyms[i].label;
	return 0;
}

/* As label_match, but an unknown value is an error naming the accepted ones. */
int
label_parse(const LabelSet *set, const char *s, int len, Node *escontext)
{
	int			label = label_match(set, s, len);

	if (label == 0)
		ereturn(escontext, 0,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				set->type_name
				? errmsg("invalid input syntax for type %s: \"%.*s\"", set->type_name, len, s)
				: errmsg("invalid %s: \"%.*s\"", set->what, len, s),
				errdetail("A %s is one of: %s (rule %s).", set->what, accepted(set), set->rule),
				errhint("Case, spaces and hyphens do not matter; %s lists the other spellings accepted.", set->doc));
	return label;
}

const char *
label_name(const LabelSet *set, int label)
{
	if (label < 1 || label > set->nlabels)
		elog(ERROR, "invalid %s value %d", set->what, label);
	return set->labels[label - 1];
}

/* ---- I/O functions, one set per type ---- */

#define LABEL_IO(prefix, set) \
PG_FUNCTION_INFO_V1(prefix##_in); \
PG_FUNCTION_INFO_V1(prefix##_out); \
PG_FUNCTION_INFO_V1(prefix##_recv); \
PG_FUNCTION_INFO_V1(prefix##_send); \
Datum \
prefix##_in(PG_FUNCTION_ARGS) \
{ \
	char	   *s = PG_GETARG_CSTRING(0); \
	int			label = label_parse(&(set), s, strlen(s), fcinfo->context); \
 \
	PG_RETURN_CHAR((char) label);	/* 0 only after a soft error */ \
} \
Datum \
prefix##_out(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_CSTRING(pstrdup(label_name(&(set), PG_GETARG_CHAR(0)))); \
} \
Datum \
prefix##_recv(PG_FUNCTION_ARGS) \
{ \
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0); \
	int			label = pq_getmsgbyte(buf); \
 \
	if (label < 1 || label > (set).nlabels) \
		ereport(ERROR, \
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), \
				 errmsg("invalid binary value %d for type %s", label, (set).type_name), \
				 errdetail("The binary form is the label's position, 1 to %d.", (set).nlabels), \
				 errhint("Send the text form, or a position from 1 to %d.", (set).nlabels))); \
	PG_RETURN_CHAR((char) label); \
} \
Datum \
prefix##_send(PG_FUNCTION_ARGS) \
{ \
	StringInfoData buf; \
 \
	pq_begintypsend(&buf); \
	pq_sendbyte(&buf, PG_GETARG_CHAR(0)); \
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf)); \
}

LABEL_IO(cpconf_abuse_category, abuse_category_labels)
LABEL_IO(cpconf_sector, sector_labels_set)
LABEL_IO(cpconf_participation, participation_labels_set)
LABEL_IO(cpconf_end_reason, end_reason_labels_set)

/* ---- comparison, shared by the three types ---- */

PG_FUNCTION_INFO_V1(cpconf_label_cmp);
PG_FUNCTION_INFO_V1(cpconf_label_eq);
PG_FUNCTION_INFO_V1(cpconf_label_ne);
PG_FUNCTION_INFO_V1(cpconf_label_lt);
PG_FUNCTION_INFO_V1(cpconf_label_le);
PG_FUNCTION_INFO_V1(cpconf_label_gt);
PG_FUNCTION_INFO_V1(cpconf_label_ge);
PG_FUNCTION_INFO_V1(cpconf_label_hash);

#define LABEL_A ((int) PG_GETARG_CHAR(0))
#define LABEL_B ((int) PG_GETARG_CHAR(1))

Datum
cpconf_label_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((LABEL_A > LABEL_B) - (LABEL_A < LABEL_B));
}

Datum
cpconf_label_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(LABEL_A == LABEL_B);
}

Datum
cpconf_label_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(LABEL_A != LABEL_B);
}

Datum
cpconf_label_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(LABEL_A < LABEL_B);
}

Datum
cpconf_label_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(LABEL_A <= LABEL_B);
}

Datum
cpconf_label_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(LABEL_A > LABEL_B);
}

Datum
cpconf_label_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(LABEL_A >= LABEL_B);
}

Datum
cpconf_label_hash(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(LABEL_A);
}

/* ---- the national statistical codes (D-CATEGORY, X-GROUNDS) ---- */

static const char *const category_codes[] = {"PHY", "EMO", "SAB", "NEG", "MUL"};

PG_FUNCTION_INFO_V1(cpconf_cin_code);
PG_FUNCTION_INFO_V1(cpconf_cin_code_array);

/*
 * The labels in an array of one of the one-byte types, as a mask of
 * LABEL_BITs (NULL elements are skipped); display, if given, gets them in
 * the array's order, joined by ", ".
 */
uint32
label_array_mask(const LabelSet *set, ArrayType *a, StringInfo display)
{
	Datum	   *values;
	bool	   *nulls;
	int			n;
	uint32		mask = 0;

	deconstruct_array(a, ARR_ELEMTYPE(a), 1, true, TYPALIGN_CHAR, &values, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		int			label = DatumGetChar(values[i]);
		const char *name;

		if (nulls[i])
			continue;
		name = label_name(set, label);	/* validates */
		mask |= LABEL_BIT(label);
		if (display)
			appendStringInfo(display, "%s%s", display->len ? ", " : "", name);
	}
	return mask;
}

Datum
cpconf_cin_code(PG_FUNCTION_ARGS)
{
	int			label = PG_GETARG_CHAR(0);

	label_name(&abuse_category_labels, label);	/* validates */
	PG_RETURN_TEXT_P(cstring_to_text(category_codes[label - 1]));
}

/* One category's code; MUL for several different ones; NULL for none. */
Datum
cpconf_cin_code_array(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *values;
	bool	   *nulls;
	int			n;
	int			seen = 0;

	deconstruct_array(a, ARR_ELEMTYPE(a), 1, true, TYPALIGN_CHAR, &values, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		int			label = DatumGetChar(values[i]);

		if (nulls[i])
			continue;
		label_name(&abuse_category_labels, label);
		if (seen != 0 && seen != label)
			PG_RETURN_TEXT_P(cstring_to_text("MUL"));
		seen = label;
	}
	if (seen == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(category_codes[seen - 1]));
}

/*
 * The child in need census's reason for closure where a ground has one:
 * RC2 died, RC5 transferred to another local authority; NULL otherwise.
 */
PG_FUNCTION_INFO_V1(cpconf_cin_code_end_reason);

Datum
cpconf_cin_code_end_reason(PG_FUNCTION_ARGS)
{
	int			label = PG_GETARG_CHAR(0);
	const char *name = label_name(&end_reason_labels_set, label);

	if (strcmp(name, "died") == 0)
		PG_RETURN_TEXT_P(cstring_to_text("RC2"));
	if (strcmp(name, "moved_permanently") == 0)
		PG_RETURN_TEXT_P(cstring_to_text("RC5"));
	PG_RETURN_NULL();
}

/* ---- flag(): a yes/no field as councils write it ---- */

PG_FUNCTION_INFO_V1(cpconf_flag);

/*
 * flag(text) -> boolean: Y/N, yes/no, 1/0, true/false (and t/f, as
 * PostgreSQL writes a boolean as text), in any case and spacing; NULL for
 * NULL and for an empty or blank value, which records nothing; anything
 * else an error, never a guess.
 */
/*
 * The flag t as FLAG_YES, FLAG_NO or FLAG_BLANK; an error for anything
 * else.
 */
typedef enum
{
	FLAG_BLANK, FLAG_YES, FLAG_NO, FLAG_INVALID
} FlagValue;

static FlagValue
flag_read(text *t, bool soft)
{
	char		f[FOLD_MAX];
	static const char *const yes[] = {"y", "yes", "1", "true", "t"};
	static const char *const no[] = {"n", "no", "0", "false", "f"};

	/* one character, as most councils write it: read once a row by triggers */
	if (VARSIZE_ANY_EXHDR(t) == 1)
		switch (*VARDATA_ANY(t))
		{
			case 'Y':
			case 'y':
			case '1':
			case 'T':
			case 't':
				return FLAG_YES;
			case 'N':
			case 'n':
			case '0':
			case 'F':
			case 'f':
				return FLAG_NO;
			case ' ':
			case '\t':
			case '\n':
			case '\r':
			case '-':
			case '_':
				return FLAG_BLANK;	/* as fold() reads it */
		}
	if (fold(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), f))
	{
		if (f[0] == '\0')
			return FLAG_BLANK;
		for (int i = 0; i < (int) lengthof(yes); i++)
			if (strcmp(f, yes[i]) == 0)
				return FLAG_YES;
		for (int i = 0; i < (int) lengthof(no); i++)
			if (strcmp(f, no[i]) == 0)
				return FLAG_NO;
	}
	if (soft)
		return FLAG_INVALID;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid flag: \"%s\"", text_to_cstring(t)),
			 errdetail("A flag is Y or N, yes or no, 1 or 0, true or false (or t or f), in any case; an empty value is NULL."),
			 errhint("Correct the value, or map it to one of these first.")));
	return FLAG_BLANK;			/* keep compiler quiet */
}

Datum
cpconf_flag(PG_FUNCTION_ARGS)
{
	FlagValue	v = flag_read(PG_GETARG_TEXT_PP(0), false);

	if (v == FLAG_BLANK)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(v == FLAG_YES);
}

PG_FUNCTION_INFO_V1(cpconf_is_flag);

/*
 * is_flag(text) -> boolean: whether flag() reads the value (blank and NULL
 * included): for reports, which name a value they cannot read instead of
 * aborting on it.
 */
Datum
cpconf_is_flag(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(flag_read(PG_GETARG_TEXT_PP(0), true) != FLAG_INVALID);
}

/* ---- kind_read(), decision_read(): a conference's kind and decision ---- */

PG_FUNCTION_INFO_V1(cpconf_kind_read);
PG_FUNCTION_INFO_V1(cpconf_decision_read);

/*
 * s without leading and trailing spaces (as btrim() takes them), ASCII
 * letters in lower case, each run of white space, hyphens and underscores
 * as one underscore when runs is true.
 */
static char *
folded_word(text *t, bool runs)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	char	   *f;
	int			n = 0;
	bool		run = false;

	while (len > 0 && s[0] == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	f = palloc(len + 1);
	for (int i = 0; i < len; i++)
	{
		char		c = s[i];

		if (runs && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '_' || c == '-'))
		{
			run = true;
			continue;
		}
		if (run)
			f[n++] = '_';
		run = false;
		f[n++] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
	}
	if (run)
		f[n++] = '_';
	f[n] = '\0';
	return f;
}

/*
 * kind_read(text) -> text: a conference's kind as written (any case and
 * spacing; ICPC, RCPC) as initial, pre_birth, transfer_in or review;
 * another value folded, which the checks then report; NULL when blank.
 * C, as the quoracy check reads it for every conference it judges.
 */
Datum
cpconf_kind_read(PG_FUNCTION_ARGS)
{
	char	   *f = folded_word(PG_GETARG_TEXT_PP(0), true);
	static const char *const read[][2] = {
		{"initial", "initial"}, {"icpc", "initial"}, {"pre_birth", "pre_birth"}, {"prebirth", "pre_birth"},
		{"transfer_in", "transfer_in"}, {"transfer", "transfer_in"}, {"review", "review"}, {"rcpc", "review"}
	};

	if (f[0] == '\0')
		PG_RETURN_NULL();
	for (int i = 0; i < (int) lengthof(read); i++)
		if (strcmp(f, read[i][0]) == 0)
			PG_RETURN_TEXT_P(cstring_to_text(read[i][1]));
	PG_RETURN_TEXT_P(cstring_to_text(f));
}

/*
 * decision_read(text) -> text: a conference's recorded decision as
 * check_decision() takes it: plan or no_plan (also "no plan", "no-plan"),
 * or a flag (yes: a plan, no: no plan); NULL when blank; anything else an
 * error.
 */
Datum
cpconf_decision_read(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *f = folded_word(t, false);

	if (strcmp(f, "plan") == 0)
		PG_RETURN_TEXT_P(cstring_to_text("plan"));
	if (strcmp(f, "no_plan") == 0 || strcmp(f, "no plan") == 0 || strcmp(f, "no-plan") == 0)
		PG_RETURN_TEXT_P(cstring_to_text("no_plan"));
	switch (flag_read(t, false))
	{
		case FLAG_YES:
			PG_RETURN_TEXT_P(cstring_to_text("plan"));
		case FLAG_NO:
			PG_RETURN_TEXT_P(cstring_to_text("no_plan"));
		case FLAG_BLANK:
		case FLAG_INVALID:
			break;
	}
	PG_RETURN_NULL();
}

/* ---- categories_read(): categories written in one text column ---- */

PG_FUNCTION_INFO_V1(cpconf_categories_read);

/*
 * The categories written in t, into items (at most 16); false, when soft,
 * for a value that is not categories (an unknown one, too many), which is
 * otherwise an error.
 */
static bool
categories_parse(text *t, int *items, int *n, bool soft)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			start = 0;
	const char *colon = memchr(s, ':', len);

	*n = 0;
	/* "Multiple: [a, b]": the categories are those listed */
	if (colon != NULL && label_match(&abuse_category_labels, s, colon - s) != 0 &&
		strcmp(label_name(&abuse_category_labels, label_match(&abuse_category_labels, s, colon - s)), "multiple") == 0)
		start = colon - s + 1;
	for (int i = start; i <= len; i++)
	{
		int			a = start,
					b = i;

		if (i < len && s[i] != ',' && s[i] != ';')
			continue;
		while (a < b && (isspace((unsigned char) s[a]) || s[a] == '['))
			a++;
		while (b > a && (isspace((unsigned char) s[b - 1]) || s[b - 1] == ']'))
			b--;
		if (b > a)
		{
			int			label = label_match(&abuse_category_labels, s + a, b - a);
			bool		repeated = false;

			/* a category written twice is one category */
			for (int k = 0; k < *n && label != 0; k++)
				repeated |= (items[k] == label);
			if (repeated)
			{
				start = i + 1;
				continue;
			}
			if (*n == 16)
			{
				if (soft)
					return false;
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("more than %d categories of abuse in \"%s\"", 16, text_to_cstring(t)),
						 errdetail("Rule D-CATEGORY: a plan names its categories of abuse (five at most); cpconf reads at most %d in one value.", 16),
						 errhint("Correct the value.")));
			}
			if (soft && label_match(&abuse_category_labels, s + a, b - a) == 0)
				return false;
			items[(*n)++] = label_parse(&abuse_category_labels, s + a, b - a, NULL);
		}
		start = i + 1;
	}
	return true;
}

/*
 * categories_read(text) -> abuse_category[]: the categories a council or
 * the Standard Safeguarding Dataset writes in one column, separated by
 * commas or semicolons, optionally as "Multiple: [a, b]"; NULL when none is
 * written; an unknown one is an error naming the accepted ones, never
 * dropped.  C, as it is read for every row a trigger checks.
 */
Datum
cpconf_categories_read(PG_FUNCTION_ARGS)
{
	int			labels[16];
	Datum		items[16];
	int			n;
	Oid		   *element = (Oid *) fcinfo->flinfo->fn_extra;

	if (element == NULL)
	{
		/* the element type, looked up once a query: this runs for every row a trigger checks */
		element = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));
		*element = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
		if (!OidIsValid(*element))
			elog(ERROR, "categories_read must return an array of cpconf.abuse_category");
		fcinfo->flinfo->fn_extra = element;
	}
	(void) categories_parse(PG_GETARG_TEXT_PP(0), labels, &n, false);
	if (n == 0)
		PG_RETURN_NULL();
	for (int i = 0; i < n; i++)
		items[i] = CharGetDatum((char) labels[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(items, n, *element, 1, true, TYPALIGN_CHAR));
}

PG_FUNCTION_INFO_V1(cpconf_is_categories);

/*
 * is_categories(text) -> boolean: whether categories_read() reads the value
 * (NULL and blank included): for reports, which name a value they cannot
 * read instead of aborting on it.
 */
Datum
cpconf_is_categories(PG_FUNCTION_ARGS)
{
	int			labels[16];
	int			n;

	if (PG_ARGISNULL(0))
		PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(categories_parse(PG_GETARG_TEXT_PP(0), labels, &n, true));
}
