/*
 * labels.h
 *		Small enumerated types that accept a council's spellings.
 */
#ifndef CPCONF_LABELS_H
#define CPCONF_LABELS_H

#include "base.h"

#include "lib/stringinfo.h"
#include "utils/array.h"

typedef struct LabelSet LabelSet;

extern const LabelSet abuse_category_labels;
extern const LabelSet sector_labels_set;
extern const LabelSet participation_labels_set;
extern const LabelSet plan_view_labels;
extern const LabelSet end_reason_labels_set;

extern int	label_match(const LabelSet *set, const char *s, int len);
extern int	label_parse(const LabelSet *set, const char *s, int len, Node *escontext);
extern const char *label_name(const LabelSet *set, int label);
extern uint32 label_array_mask(const LabelSet *set, ArrayType *a, StringInfo display);

/* The bit of a label in a label_array_mask. */
#define LABEL_BIT(label) ((uint32) 1 << (label))

#endif							/* CPCONF_LABELS_H */
