// SPDX-License-Identifier: LGPL-2.1-or-later
/* Names of the spec's enum values, both ways. */
#include <errno.h>
#include <string.h>

#include "ktlsctl-priv.h"

const char *ktlsctl_enum_name(const struct ktlsctl_enum_desc *desc,
			      uint32_t value)
{
	unsigned int i;

	for (i = 0; i < desc->n; i++)
		if (desc->entries[i].value == value)
			return desc->entries[i].name;
	return NULL;
}

int ktlsctl_enum_value(const struct ktlsctl_enum_desc *desc, const char *name,
		       uint32_t *value)
{
	unsigned int i;

	for (i = 0; i < desc->n; i++) {
		if (!strcmp(desc->entries[i].name, name)) {
			*value = desc->entries[i].value;
			return 0;
		}
	}
	return -EINVAL;
}
