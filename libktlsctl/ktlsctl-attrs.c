// SPDX-License-Identifier: LGPL-2.1-or-later
/* Do not edit: generated from genl-spec/ktlsctl.yaml by scripts/genl-gen */

#include "ktlsctl-attrs.h"

static const struct ktlsctl_enum_entry handler_entries[] = {
	{ "tls", KTLSCTL_HANDLER_TLS },
	{ "dtls", KTLSCTL_HANDLER_DTLS },
	{ "quic", KTLSCTL_HANDLER_QUIC },
};

const struct ktlsctl_enum_desc ktlsctl_handler_enum = {
	.name = "handler",
	.n = sizeof(handler_entries) / sizeof(handler_entries[0]),
	.entries = handler_entries,
};

static const struct ktlsctl_enum_entry role_entries[] = {
	{ "client", KTLSCTL_ROLE_CLIENT },
	{ "server", KTLSCTL_ROLE_SERVER },
};

const struct ktlsctl_enum_desc ktlsctl_role_enum = {
	.name = "role",
	.n = sizeof(role_entries) / sizeof(role_entries[0]),
	.entries = role_entries,
};

static const struct ktlsctl_enum_entry auth_entries[] = {
	{ "anon", KTLSCTL_AUTH_ANON },
	{ "x509", KTLSCTL_AUTH_X509 },
	{ "psk", KTLSCTL_AUTH_PSK },
};

const struct ktlsctl_enum_desc ktlsctl_auth_enum = {
	.name = "auth",
	.n = sizeof(auth_entries) / sizeof(auth_entries[0]),
	.entries = auth_entries,
};

static const struct ktlsctl_enum_entry tls_version_entries[] = {
	{ "tls12", KTLSCTL_TLS_VERSION_TLS12 },
	{ "tls13", KTLSCTL_TLS_VERSION_TLS13 },
};

const struct ktlsctl_enum_desc ktlsctl_tls_version_enum = {
	.name = "tls-version",
	.n = sizeof(tls_version_entries) / sizeof(tls_version_entries[0]),
	.entries = tls_version_entries,
};

static const struct ktlsctl_enum_entry cipher_entries[] = {
	{ "aes-128-gcm", KTLSCTL_CIPHER_AES_128_GCM },
	{ "aes-256-gcm", KTLSCTL_CIPHER_AES_256_GCM },
	{ "chacha20-poly1305", KTLSCTL_CIPHER_CHACHA20_POLY1305 },
	{ "aes-128-ccm", KTLSCTL_CIPHER_AES_128_CCM },
};

const struct ktlsctl_enum_desc ktlsctl_cipher_enum = {
	.name = "cipher",
	.n = sizeof(cipher_entries) / sizeof(cipher_entries[0]),
	.entries = cipher_entries,
};

static const struct ktlsctl_enum_entry offload_entries[] = {
	{ "none", KTLSCTL_OFFLOAD_NONE },
	{ "prefer", KTLSCTL_OFFLOAD_PREFER },
	{ "require", KTLSCTL_OFFLOAD_REQUIRE },
};

const struct ktlsctl_enum_desc ktlsctl_offload_enum = {
	.name = "offload",
	.n = sizeof(offload_entries) / sizeof(offload_entries[0]),
	.entries = offload_entries,
};

static const struct ktlsctl_enum_entry key_mode_entries[] = {
	{ "sw", KTLSCTL_KEY_MODE_SW },
	{ "hw", KTLSCTL_KEY_MODE_HW },
};

const struct ktlsctl_enum_desc ktlsctl_key_mode_enum = {
	.name = "key-mode",
	.n = sizeof(key_mode_entries) / sizeof(key_mode_entries[0]),
	.entries = key_mode_entries,
};

static const struct ktlsctl_enum_entry state_entries[] = {
	{ "queued", KTLSCTL_STATE_QUEUED },
	{ "accepted", KTLSCTL_STATE_ACCEPTED },
	{ "installed", KTLSCTL_STATE_INSTALLED },
	{ "failed", KTLSCTL_STATE_FAILED },
	{ "cancelled", KTLSCTL_STATE_CANCELLED },
	{ "timed-out", KTLSCTL_STATE_TIMED_OUT },
};

const struct ktlsctl_enum_desc ktlsctl_state_enum = {
	.name = "state",
	.n = sizeof(state_entries) / sizeof(state_entries[0]),
	.entries = state_entries,
};

static const struct ktlsctl_enum_entry cred_type_entries[] = {
	{ "cert", KTLSCTL_CRED_TYPE_CERT },
	{ "psk", KTLSCTL_CRED_TYPE_PSK },
	{ "trust", KTLSCTL_CRED_TYPE_TRUST },
};

const struct ktlsctl_enum_desc ktlsctl_cred_type_enum = {
	.name = "cred-type",
	.n = sizeof(cred_type_entries) / sizeof(cred_type_entries[0]),
	.entries = cred_type_entries,
};

static const struct ktlsctl_enum_entry psk_hash_entries[] = {
	{ "sha256", KTLSCTL_PSK_HASH_SHA256 },
	{ "sha384", KTLSCTL_PSK_HASH_SHA384 },
};

const struct ktlsctl_enum_desc ktlsctl_psk_hash_enum = {
	.name = "psk-hash",
	.n = sizeof(psk_hash_entries) / sizeof(psk_hash_entries[0]),
	.entries = psk_hash_entries,
};

static const struct ktlsctl_enum_entry config_object_entries[] = {
	{ "cred", KTLSCTL_CONFIG_OBJECT_CRED },
	{ "policy", KTLSCTL_CONFIG_OBJECT_POLICY },
};

const struct ktlsctl_enum_desc ktlsctl_config_object_enum = {
	.name = "config-object",
	.n = sizeof(config_object_entries) / sizeof(config_object_entries[0]),
	.entries = config_object_entries,
};

static const struct ktlsctl_enum_entry config_action_entries[] = {
	{ "add", KTLSCTL_CONFIG_ACTION_ADD },
	{ "del", KTLSCTL_CONFIG_ACTION_DEL },
	{ "flush", KTLSCTL_CONFIG_ACTION_FLUSH },
};

const struct ktlsctl_enum_desc ktlsctl_config_action_enum = {
	.name = "config-action",
	.n = sizeof(config_action_entries) / sizeof(config_action_entries[0]),
	.entries = config_action_entries,
};

static const struct ktlsctl_attr_desc stats_attrs[KTLSCTL_A_STATS_MAX + 1] = {
	[KTLSCTL_A_STATS_PAD] = {
		.name = "pad",
		.kind = KTLSCTL_KIND_PAD,
	},
	[KTLSCTL_A_STATS_REQUESTS] = {
		.name = "requests",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_ACCEPTED] = {
		.name = "accepted",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_COMPLETED] = {
		.name = "completed",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_FAILED] = {
		.name = "failed",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_TIMED_OUT] = {
		.name = "timed-out",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_CANCELLED] = {
		.name = "cancelled",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_REJECTED] = {
		.name = "rejected",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_INSTALLED_SW] = {
		.name = "installed-sw",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_INSTALLED_HW] = {
		.name = "installed-hw",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_LIVE_REQUESTS] = {
		.name = "live-requests",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_STATS_REQUEUED] = {
		.name = "requeued",
		.kind = KTLSCTL_KIND_U64,
	},
};

const struct ktlsctl_attr_set ktlsctl_stats_set = {
	.name = "stats",
	.max = KTLSCTL_A_STATS_MAX,
	.attrs = stats_attrs,
};

static const struct ktlsctl_attr_desc status_attrs[KTLSCTL_A_STATUS_MAX + 1] = {
	[KTLSCTL_A_STATUS_VERSION] = {
		.name = "version",
		.kind = KTLSCTL_KIND_STRING,
	},
	[KTLSCTL_A_STATUS_FAMILY_VERSION] = {
		.name = "family-version",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_STATUS_HANDLER_VERSION] = {
		.name = "handler-version",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_STATUS_HANDLER] = {
		.name = "handler",
		.kind = KTLSCTL_KIND_U32,
		.multi = true,
		.enum_desc = &ktlsctl_handler_enum,
	},
	[KTLSCTL_A_STATUS_QUEUED] = {
		.name = "queued",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_STATUS_IN_PROGRESS] = {
		.name = "in-progress",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_STATUS_QUEUE_LIMIT] = {
		.name = "queue-limit",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_STATUS_STATS] = {
		.name = "stats",
		.kind = KTLSCTL_KIND_NEST,
		.nest = &ktlsctl_stats_set,
	},
};

const struct ktlsctl_attr_set ktlsctl_status_set = {
	.name = "status",
	.max = KTLSCTL_A_STATUS_MAX,
	.attrs = status_attrs,
};

static const struct ktlsctl_attr_desc crypto_attrs[KTLSCTL_A_CRYPTO_MAX + 1] = {
	[KTLSCTL_A_CRYPTO_PAD] = {
		.name = "pad",
		.kind = KTLSCTL_KIND_PAD,
	},
	[KTLSCTL_A_CRYPTO_KEY] = {
		.name = "key",
		.kind = KTLSCTL_KIND_BINARY,
		.min_len = 16,
	},
	[KTLSCTL_A_CRYPTO_IV] = {
		.name = "iv",
		.kind = KTLSCTL_KIND_BINARY,
		.min_len = 4,
	},
	[KTLSCTL_A_CRYPTO_REC_SEQ] = {
		.name = "rec-seq",
		.kind = KTLSCTL_KIND_U64,
	},
};

const struct ktlsctl_attr_set ktlsctl_crypto_set = {
	.name = "crypto",
	.max = KTLSCTL_A_CRYPTO_MAX,
	.attrs = crypto_attrs,
};

static const struct ktlsctl_attr_desc addr_attrs[KTLSCTL_A_ADDR_MAX + 1] = {
	[KTLSCTL_A_ADDR_ADDR] = {
		.name = "addr",
		.kind = KTLSCTL_KIND_BINARY,
		.min_len = 4,
	},
	[KTLSCTL_A_ADDR_PREFIX_LEN] = {
		.name = "prefix-len",
		.kind = KTLSCTL_KIND_U8,
		.has_max = true,
		.max = 128,
	},
	[KTLSCTL_A_ADDR_PORT] = {
		.name = "port",
		.kind = KTLSCTL_KIND_U16,
		.big_endian = true,
	},
};

const struct ktlsctl_attr_set ktlsctl_addr_set = {
	.name = "addr",
	.max = KTLSCTL_A_ADDR_MAX,
	.attrs = addr_attrs,
};

static const struct ktlsctl_attr_desc cred_attrs[KTLSCTL_A_CRED_MAX + 1] = {
	[KTLSCTL_A_CRED_PAD] = {
		.name = "pad",
		.kind = KTLSCTL_KIND_PAD,
	},
	[KTLSCTL_A_CRED_NAME] = {
		.name = "name",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_NAME_MAX_LEN,
	},
	[KTLSCTL_A_CRED_TYPE] = {
		.name = "type",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_cred_type_enum,
	},
	[KTLSCTL_A_CRED_CERT] = {
		.name = "cert",
		.kind = KTLSCTL_KIND_BINARY,
	},
	[KTLSCTL_A_CRED_KEY] = {
		.name = "key",
		.kind = KTLSCTL_KIND_BINARY,
	},
	[KTLSCTL_A_CRED_PSK_IDENTITY] = {
		.name = "psk-identity",
		.kind = KTLSCTL_KIND_BINARY,
		.min_len = 1,
	},
	[KTLSCTL_A_CRED_PSK_SECRET] = {
		.name = "psk-secret",
		.kind = KTLSCTL_KIND_BINARY,
		.min_len = 16,
	},
	[KTLSCTL_A_CRED_PSK_HASH] = {
		.name = "psk-hash",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_psk_hash_enum,
	},
	[KTLSCTL_A_CRED_CA] = {
		.name = "ca",
		.kind = KTLSCTL_KIND_BINARY,
	},
	[KTLSCTL_A_CRED_CRL] = {
		.name = "crl",
		.kind = KTLSCTL_KIND_BINARY,
	},
	[KTLSCTL_A_CRED_SUBJECT] = {
		.name = "subject",
		.kind = KTLSCTL_KIND_STRING,
	},
	[KTLSCTL_A_CRED_SAN] = {
		.name = "san",
		.kind = KTLSCTL_KIND_STRING,
		.multi = true,
	},
	[KTLSCTL_A_CRED_NOT_AFTER] = {
		.name = "not-after",
		.kind = KTLSCTL_KIND_U64,
	},
	[KTLSCTL_A_CRED_FINGERPRINT] = {
		.name = "fingerprint",
		.kind = KTLSCTL_KIND_BINARY,
		.exact_len = 32,
	},
	[KTLSCTL_A_CRED_CERT_PATH] = {
		.name = "cert-path",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PATH_MAX_LEN,
	},
	[KTLSCTL_A_CRED_KEY_PATH] = {
		.name = "key-path",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PATH_MAX_LEN,
	},
	[KTLSCTL_A_CRED_CA_PATH] = {
		.name = "ca-path",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PATH_MAX_LEN,
	},
	[KTLSCTL_A_CRED_CRL_PATH] = {
		.name = "crl-path",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PATH_MAX_LEN,
	},
	[KTLSCTL_A_CRED_PSK_SECRET_PATH] = {
		.name = "psk-secret-path",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PATH_MAX_LEN,
	},
};

const struct ktlsctl_attr_set ktlsctl_cred_set = {
	.name = "cred",
	.max = KTLSCTL_A_CRED_MAX,
	.attrs = cred_attrs,
};

static const struct ktlsctl_attr_desc request_attrs[KTLSCTL_A_REQUEST_MAX + 1] = {
	[KTLSCTL_A_REQUEST_PAD] = {
		.name = "pad",
		.kind = KTLSCTL_KIND_PAD,
	},
	[KTLSCTL_A_REQUEST_ID] = {
		.name = "id",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_REQUEST_HANDLER] = {
		.name = "handler",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_handler_enum,
	},
	[KTLSCTL_A_REQUEST_HANDLER_VERSION] = {
		.name = "handler-version",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_REQUEST_ROLE] = {
		.name = "role",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_role_enum,
	},
	[KTLSCTL_A_REQUEST_AUTH] = {
		.name = "auth",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_auth_enum,
	},
	[KTLSCTL_A_REQUEST_STATE] = {
		.name = "state",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_state_enum,
	},
	[KTLSCTL_A_REQUEST_SOCKFD] = {
		.name = "sockfd",
		.kind = KTLSCTL_KIND_S32,
	},
	[KTLSCTL_A_REQUEST_STATUS] = {
		.name = "status",
		.kind = KTLSCTL_KIND_U32,
		.has_max = true,
		.max = 4095,
	},
	[KTLSCTL_A_REQUEST_TIMEOUT_MS] = {
		.name = "timeout-ms",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_REQUEST_PEER_NAME] = {
		.name = "peer-name",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PEER_NAME_MAX_LEN,
	},
	[KTLSCTL_A_REQUEST_TLS_MIN] = {
		.name = "tls-min",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_tls_version_enum,
	},
	[KTLSCTL_A_REQUEST_TLS_MAX] = {
		.name = "tls-max",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_tls_version_enum,
	},
	[KTLSCTL_A_REQUEST_CIPHER] = {
		.name = "cipher",
		.kind = KTLSCTL_KIND_U32,
		.multi = true,
		.enum_desc = &ktlsctl_cipher_enum,
	},
	[KTLSCTL_A_REQUEST_ALPN] = {
		.name = "alpn",
		.kind = KTLSCTL_KIND_BINARY,
		.min_len = 1,
		.multi = true,
	},
	[KTLSCTL_A_REQUEST_CRED] = {
		.name = "cred",
		.kind = KTLSCTL_KIND_NEST,
		.multi = true,
		.nest = &ktlsctl_cred_set,
	},
	[KTLSCTL_A_REQUEST_POLICY_ID] = {
		.name = "policy-id",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_REQUEST_LOCAL] = {
		.name = "local",
		.kind = KTLSCTL_KIND_NEST,
		.nest = &ktlsctl_addr_set,
	},
	[KTLSCTL_A_REQUEST_REMOTE] = {
		.name = "remote",
		.kind = KTLSCTL_KIND_NEST,
		.nest = &ktlsctl_addr_set,
	},
	[KTLSCTL_A_REQUEST_OFFLOAD] = {
		.name = "offload",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_offload_enum,
	},
	[KTLSCTL_A_REQUEST_VERSION] = {
		.name = "version",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_tls_version_enum,
	},
	[KTLSCTL_A_REQUEST_TX] = {
		.name = "tx",
		.kind = KTLSCTL_KIND_NEST,
		.nest = &ktlsctl_crypto_set,
	},
	[KTLSCTL_A_REQUEST_RX] = {
		.name = "rx",
		.kind = KTLSCTL_KIND_NEST,
		.nest = &ktlsctl_crypto_set,
	},
	[KTLSCTL_A_REQUEST_PEER_IDENTITY] = {
		.name = "peer-identity",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PEER_NAME_MAX_LEN,
	},
	[KTLSCTL_A_REQUEST_KEY_MODE] = {
		.name = "key-mode",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_key_mode_enum,
	},
	[KTLSCTL_A_REQUEST_AGE_MS] = {
		.name = "age-ms",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_REQUEST_TAG] = {
		.name = "tag",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_NAME_MAX_LEN,
	},
	[KTLSCTL_A_REQUEST_CRED_FD] = {
		.name = "cred-fd",
		.kind = KTLSCTL_KIND_S32,
	},
	[KTLSCTL_A_REQUEST_CRED_LEN] = {
		.name = "cred-len",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_REQUEST_BACKLOG] = {
		.name = "backlog",
		.kind = KTLSCTL_KIND_U32,
	},
};

const struct ktlsctl_attr_set ktlsctl_request_set = {
	.name = "request",
	.max = KTLSCTL_A_REQUEST_MAX,
	.attrs = request_attrs,
};

static const struct ktlsctl_attr_desc policy_attrs[KTLSCTL_A_POLICY_MAX + 1] = {
	[KTLSCTL_A_POLICY_ID] = {
		.name = "id",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_POLICY_PRIORITY] = {
		.name = "priority",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_POLICY_ROLE] = {
		.name = "role",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_role_enum,
	},
	[KTLSCTL_A_POLICY_HANDLER] = {
		.name = "handler",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_handler_enum,
	},
	[KTLSCTL_A_POLICY_SRC] = {
		.name = "src",
		.kind = KTLSCTL_KIND_NEST,
		.nest = &ktlsctl_addr_set,
	},
	[KTLSCTL_A_POLICY_DST] = {
		.name = "dst",
		.kind = KTLSCTL_KIND_NEST,
		.nest = &ktlsctl_addr_set,
	},
	[KTLSCTL_A_POLICY_PEER_NAME] = {
		.name = "peer-name",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_PEER_NAME_MAX_LEN,
	},
	[KTLSCTL_A_POLICY_TAG] = {
		.name = "tag",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_NAME_MAX_LEN,
	},
	[KTLSCTL_A_POLICY_CRED] = {
		.name = "cred",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_NAME_MAX_LEN,
	},
	[KTLSCTL_A_POLICY_TRUST] = {
		.name = "trust",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_NAME_MAX_LEN,
	},
	[KTLSCTL_A_POLICY_PSK] = {
		.name = "psk",
		.kind = KTLSCTL_KIND_STRING,
		.max_len = KTLSCTL_NAME_MAX_LEN,
	},
	[KTLSCTL_A_POLICY_AUTH] = {
		.name = "auth",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_auth_enum,
	},
	[KTLSCTL_A_POLICY_TLS_MIN] = {
		.name = "tls-min",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_tls_version_enum,
	},
	[KTLSCTL_A_POLICY_TLS_MAX] = {
		.name = "tls-max",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_tls_version_enum,
	},
	[KTLSCTL_A_POLICY_CIPHER] = {
		.name = "cipher",
		.kind = KTLSCTL_KIND_U32,
		.multi = true,
		.enum_desc = &ktlsctl_cipher_enum,
	},
	[KTLSCTL_A_POLICY_ALPN] = {
		.name = "alpn",
		.kind = KTLSCTL_KIND_BINARY,
		.min_len = 1,
		.multi = true,
	},
	[KTLSCTL_A_POLICY_TIMEOUT_MS] = {
		.name = "timeout-ms",
		.kind = KTLSCTL_KIND_U32,
	},
	[KTLSCTL_A_POLICY_OFFLOAD] = {
		.name = "offload",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_offload_enum,
	},
};

const struct ktlsctl_attr_set ktlsctl_policy_set = {
	.name = "policy",
	.max = KTLSCTL_A_POLICY_MAX,
	.attrs = policy_attrs,
};

static const struct ktlsctl_attr_desc config_attrs[KTLSCTL_A_CONFIG_MAX + 1] = {
	[KTLSCTL_A_CONFIG_OBJECT] = {
		.name = "object",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_config_object_enum,
	},
	[KTLSCTL_A_CONFIG_ACTION] = {
		.name = "action",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_config_action_enum,
	},
	[KTLSCTL_A_CONFIG_CRED_TYPE] = {
		.name = "cred-type",
		.kind = KTLSCTL_KIND_U32,
		.enum_desc = &ktlsctl_cred_type_enum,
	},
	[KTLSCTL_A_CONFIG_NAME] = {
		.name = "name",
		.kind = KTLSCTL_KIND_STRING,
	},
	[KTLSCTL_A_CONFIG_POLICY_ID] = {
		.name = "policy-id",
		.kind = KTLSCTL_KIND_U32,
	},
};

const struct ktlsctl_attr_set ktlsctl_config_set = {
	.name = "config",
	.max = KTLSCTL_A_CONFIG_MAX,
	.attrs = config_attrs,
};

const struct ktlsctl_op_desc ktlsctl_ops[] = {
	{
		.name = "done",
		.cmd = KTLSCTL_CMD_DONE,
		.set = &ktlsctl_request_set,
		.has_do = true,
		.mcgrp = -1,
		.do_attrs = (1ULL << KTLSCTL_A_REQUEST_ID) |
			(1ULL << KTLSCTL_A_REQUEST_SOCKFD) |
			(1ULL << KTLSCTL_A_REQUEST_STATUS) |
			(1ULL << KTLSCTL_A_REQUEST_VERSION) |
			(1ULL << KTLSCTL_A_REQUEST_CIPHER) |
			(1ULL << KTLSCTL_A_REQUEST_TX) |
			(1ULL << KTLSCTL_A_REQUEST_RX) |
			(1ULL << KTLSCTL_A_REQUEST_PEER_IDENTITY) |
			(1ULL << KTLSCTL_A_REQUEST_ALPN),
	},
	{
		.name = "status-get",
		.cmd = KTLSCTL_CMD_STATUS_GET,
		.set = &ktlsctl_status_set,
		.has_do = true,
		.mcgrp = -1,
	},
	{
		.name = "ready",
		.cmd = KTLSCTL_CMD_READY,
		.set = &ktlsctl_request_set,
		.is_event = true,
		.mcgrp = 0,
	},
	{
		.name = "accept",
		.cmd = KTLSCTL_CMD_ACCEPT,
		.set = &ktlsctl_request_set,
		.has_do = true,
		.mcgrp = -1,
		.do_attrs = (1ULL << KTLSCTL_A_REQUEST_HANDLER) |
			(1ULL << KTLSCTL_A_REQUEST_HANDLER_VERSION),
	},
	{
		.name = "request-get",
		.cmd = KTLSCTL_CMD_REQUEST_GET,
		.set = &ktlsctl_request_set,
		.has_dump = true,
		.mcgrp = -1,
	},
	{
		.name = "request-ntf",
		.cmd = KTLSCTL_CMD_REQUEST_NTF,
		.set = &ktlsctl_request_set,
		.is_event = true,
		.mcgrp = 1,
	},
	{
		.name = "cred-add",
		.cmd = KTLSCTL_CMD_CRED_ADD,
		.set = &ktlsctl_cred_set,
		.has_do = true,
		.mcgrp = -1,
		.do_attrs = (1ULL << KTLSCTL_A_CRED_NAME) |
			(1ULL << KTLSCTL_A_CRED_TYPE) |
			(1ULL << KTLSCTL_A_CRED_CERT) |
			(1ULL << KTLSCTL_A_CRED_KEY) |
			(1ULL << KTLSCTL_A_CRED_PSK_IDENTITY) |
			(1ULL << KTLSCTL_A_CRED_PSK_SECRET) |
			(1ULL << KTLSCTL_A_CRED_PSK_HASH) |
			(1ULL << KTLSCTL_A_CRED_CA) |
			(1ULL << KTLSCTL_A_CRED_CRL) |
			(1ULL << KTLSCTL_A_CRED_CERT_PATH) |
			(1ULL << KTLSCTL_A_CRED_KEY_PATH) |
			(1ULL << KTLSCTL_A_CRED_CA_PATH) |
			(1ULL << KTLSCTL_A_CRED_CRL_PATH) |
			(1ULL << KTLSCTL_A_CRED_PSK_SECRET_PATH),
	},
	{
		.name = "cred-del",
		.cmd = KTLSCTL_CMD_CRED_DEL,
		.set = &ktlsctl_cred_set,
		.has_do = true,
		.mcgrp = -1,
		.do_attrs = (1ULL << KTLSCTL_A_CRED_NAME) |
			(1ULL << KTLSCTL_A_CRED_TYPE),
	},
	{
		.name = "cred-get",
		.cmd = KTLSCTL_CMD_CRED_GET,
		.set = &ktlsctl_cred_set,
		.has_dump = true,
		.mcgrp = -1,
		.dump_attrs = (1ULL << KTLSCTL_A_CRED_NAME) |
			(1ULL << KTLSCTL_A_CRED_TYPE),
	},
	{
		.name = "policy-add",
		.cmd = KTLSCTL_CMD_POLICY_ADD,
		.set = &ktlsctl_policy_set,
		.has_do = true,
		.mcgrp = -1,
		.do_attrs = (1ULL << KTLSCTL_A_POLICY_PRIORITY) |
			(1ULL << KTLSCTL_A_POLICY_ROLE) |
			(1ULL << KTLSCTL_A_POLICY_HANDLER) |
			(1ULL << KTLSCTL_A_POLICY_SRC) |
			(1ULL << KTLSCTL_A_POLICY_DST) |
			(1ULL << KTLSCTL_A_POLICY_PEER_NAME) |
			(1ULL << KTLSCTL_A_POLICY_TAG) |
			(1ULL << KTLSCTL_A_POLICY_CRED) |
			(1ULL << KTLSCTL_A_POLICY_TRUST) |
			(1ULL << KTLSCTL_A_POLICY_PSK) |
			(1ULL << KTLSCTL_A_POLICY_AUTH) |
			(1ULL << KTLSCTL_A_POLICY_TLS_MIN) |
			(1ULL << KTLSCTL_A_POLICY_TLS_MAX) |
			(1ULL << KTLSCTL_A_POLICY_CIPHER) |
			(1ULL << KTLSCTL_A_POLICY_ALPN) |
			(1ULL << KTLSCTL_A_POLICY_TIMEOUT_MS) |
			(1ULL << KTLSCTL_A_POLICY_OFFLOAD),
	},
	{
		.name = "policy-del",
		.cmd = KTLSCTL_CMD_POLICY_DEL,
		.set = &ktlsctl_policy_set,
		.has_do = true,
		.mcgrp = -1,
		.do_attrs = (1ULL << KTLSCTL_A_POLICY_ID),
	},
	{
		.name = "policy-get",
		.cmd = KTLSCTL_CMD_POLICY_GET,
		.set = &ktlsctl_policy_set,
		.has_dump = true,
		.mcgrp = -1,
	},
	{
		.name = "policy-flush",
		.cmd = KTLSCTL_CMD_POLICY_FLUSH,
		.set = &ktlsctl_policy_set,
		.has_do = true,
		.mcgrp = -1,
		.do_attrs = (1ULL << KTLSCTL_A_POLICY_ROLE),
	},
	{
		.name = "config-ntf",
		.cmd = KTLSCTL_CMD_CONFIG_NTF,
		.set = &ktlsctl_config_set,
		.is_event = true,
		.mcgrp = 1,
	},
	{
		.name = "abort",
		.cmd = KTLSCTL_CMD_ABORT,
		.set = &ktlsctl_request_set,
		.is_event = true,
		.mcgrp = 0,
	},
};

const unsigned int ktlsctl_n_ops = sizeof(ktlsctl_ops) / sizeof(ktlsctl_ops[0]);

const char *const ktlsctl_mcgrp_names[] = {
	KTLSCTL_MCGRP_HANDSHAKE,
	KTLSCTL_MCGRP_MONITOR,
};

const unsigned int ktlsctl_n_mcgrps = sizeof(ktlsctl_mcgrp_names) / sizeof(ktlsctl_mcgrp_names[0]);
