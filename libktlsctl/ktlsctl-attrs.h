/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Do not edit: generated from genl-spec/ktlsctl.yaml by scripts/genl-gen */

#ifndef _KTLSCTL_ATTRS_H
#define _KTLSCTL_ATTRS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/ktlsctl.h>

enum ktlsctl_attr_kind {
	KTLSCTL_KIND_UNUSED,
	KTLSCTL_KIND_BINARY,
	KTLSCTL_KIND_FLAG,
	KTLSCTL_KIND_NEST,
	KTLSCTL_KIND_PAD,
	KTLSCTL_KIND_S32,
	KTLSCTL_KIND_STRING,
	KTLSCTL_KIND_U16,
	KTLSCTL_KIND_U32,
	KTLSCTL_KIND_U64,
	KTLSCTL_KIND_U8,
};

struct ktlsctl_enum_entry {
	const char *name;
	uint32_t value;
};

struct ktlsctl_enum_desc {
	const char *name;
	unsigned int n;
	const struct ktlsctl_enum_entry *entries;
};

struct ktlsctl_attr_set;

/* One attribute: its spec name and the checks the spec states. */
struct ktlsctl_attr_desc {
	const char *name;
	enum ktlsctl_attr_kind kind;
	uint16_t min_len;	/* payload bounds; 0: none */
	uint16_t max_len;
	uint16_t exact_len;
	bool multi;
	bool big_endian;
	bool has_min, has_max;	/* value range of integers */
	uint64_t min, max;
	const struct ktlsctl_enum_desc *enum_desc;
	const struct ktlsctl_attr_set *nest;
};

struct ktlsctl_attr_set {
	const char *name;
	unsigned int max;
	const struct ktlsctl_attr_desc *attrs;	/* indexed by type, max + 1 */
};

struct ktlsctl_op_desc {
	const char *name;
	uint8_t cmd;
	const struct ktlsctl_attr_set *set;
	bool has_do, has_dump, is_event;
	int mcgrp;	/* index into ktlsctl_mcgrp_names, -1: none */
	/* The request attributes of do and dump, bit N for type N. */
	uint64_t do_attrs, dump_attrs;
};

extern const struct ktlsctl_enum_desc ktlsctl_handler_enum;
extern const struct ktlsctl_enum_desc ktlsctl_role_enum;
extern const struct ktlsctl_enum_desc ktlsctl_auth_enum;
extern const struct ktlsctl_enum_desc ktlsctl_tls_version_enum;
extern const struct ktlsctl_enum_desc ktlsctl_cipher_enum;
extern const struct ktlsctl_enum_desc ktlsctl_offload_enum;
extern const struct ktlsctl_enum_desc ktlsctl_key_mode_enum;
extern const struct ktlsctl_enum_desc ktlsctl_state_enum;
extern const struct ktlsctl_enum_desc ktlsctl_cred_type_enum;
extern const struct ktlsctl_enum_desc ktlsctl_psk_hash_enum;
extern const struct ktlsctl_enum_desc ktlsctl_config_object_enum;
extern const struct ktlsctl_enum_desc ktlsctl_config_action_enum;

extern const struct ktlsctl_attr_set ktlsctl_stats_set;
extern const struct ktlsctl_attr_set ktlsctl_status_set;
extern const struct ktlsctl_attr_set ktlsctl_crypto_set;
extern const struct ktlsctl_attr_set ktlsctl_addr_set;
extern const struct ktlsctl_attr_set ktlsctl_cred_set;
extern const struct ktlsctl_attr_set ktlsctl_request_set;
extern const struct ktlsctl_attr_set ktlsctl_policy_set;
extern const struct ktlsctl_attr_set ktlsctl_config_set;

extern const struct ktlsctl_op_desc ktlsctl_ops[];
extern const unsigned int ktlsctl_n_ops;
extern const char *const ktlsctl_mcgrp_names[];
extern const unsigned int ktlsctl_n_mcgrps;

#endif /* _KTLSCTL_ATTRS_H */
