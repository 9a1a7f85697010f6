// SPDX-License-Identifier: GPL-2.0
/* Enum names and values, both ways, over every generated enum. */
#include <errno.h>

#include "check.h"
#include "libktlsctl.h"

static const struct ktlsctl_enum_desc *const enums[] = {
	&ktlsctl_handler_enum,
	&ktlsctl_role_enum,
	&ktlsctl_auth_enum,
	&ktlsctl_tls_version_enum,
	&ktlsctl_cipher_enum,
	&ktlsctl_offload_enum,
	&ktlsctl_key_mode_enum,
	&ktlsctl_state_enum,
	&ktlsctl_cred_type_enum,
	&ktlsctl_psk_hash_enum,
	&ktlsctl_config_object_enum,
	&ktlsctl_config_action_enum,
};

static const struct ktlsctl_attr_set *const sets[] = {
	&ktlsctl_stats_set,
	&ktlsctl_status_set,
	&ktlsctl_crypto_set,
	&ktlsctl_addr_set,
	&ktlsctl_cred_set,
	&ktlsctl_request_set,
	&ktlsctl_policy_set,
	&ktlsctl_config_set,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool known_enum(const struct ktlsctl_enum_desc *desc)
{
	unsigned int i;

	for (i = 0; i < N(enums); i++)
		if (enums[i] == desc)
			return true;
	return false;
}

static void test_round_trips(void)
{
	const struct ktlsctl_enum_desc *d;
	unsigned int i, k, total = 0;
	uint32_t v, max;

	for (i = 0; i < N(enums); i++) {
		d = enums[i];
		CHECK(d->n > 0);
		max = 0;
		for (k = 0; k < d->n; k++) {
			const struct ktlsctl_enum_entry *e = &d->entries[k];

			CHECK_STR(ktlsctl_enum_name(d, e->value), e->name);
			v = 0xdeadbeef;
			CHECK(ktlsctl_enum_value(d, e->name, &v) == 0);
			CHECK(v == e->value);
			if (e->value > max)
				max = e->value;
			total++;
		}
		CHECK(!ktlsctl_enum_name(d, max + 1));
		CHECK(!ktlsctl_enum_name(d, 0));
		v = 7;
		CHECK(ktlsctl_enum_value(d, "no-such-name", &v) == -EINVAL);
		CHECK(ktlsctl_enum_value(d, "", &v) == -EINVAL);
		CHECK(v == 7);
	}
	CHECK(total > 30);
	/* Spot checks against the uapi header. */
	CHECK_STR(ktlsctl_enum_name(&ktlsctl_tls_version_enum, 772), "tls13");
	CHECK_STR(ktlsctl_enum_name(&ktlsctl_cipher_enum,
				    KTLSCTL_CIPHER_CHACHA20_POLY1305),
		  "chacha20-poly1305");
	CHECK(ktlsctl_enum_value(&ktlsctl_state_enum, "timed-out", &v) == 0 &&
	      v == KTLSCTL_STATE_TIMED_OUT);
}

/* Every enum an attribute refers to is one of the list above. */
static void test_tables(void)
{
	const struct ktlsctl_attr_desc *a;
	unsigned int i, t;

	for (i = 0; i < N(sets); i++) {
		for (t = 1; t <= sets[i]->max; t++) {
			a = &sets[i]->attrs[t];
			if (a->kind == KTLSCTL_KIND_UNUSED)
				continue;
			CHECK(a->name && *a->name);
			if (a->enum_desc)
				CHECK(known_enum(a->enum_desc));
			if (a->kind == KTLSCTL_KIND_NEST)
				CHECK(a->nest);
		}
	}
	for (i = 0; i < ktlsctl_n_ops; i++)
		CHECK(ktlsctl_ops[i].mcgrp < (int)ktlsctl_n_mcgrps);
}

int main(void)
{
	test_round_trips();
	test_tables();
	return check_done("enum");
}
