// SPDX-License-Identifier: GPL-2.0
/*
 * From ACCEPT to DONE, whatever runs the handshake (a worker's epoll loop,
 * or a child of the fork-per-request mode): the engine's parameters from
 * the request, and the DONE that answers it, built from the handshake's
 * result, sent, logged and wiped.
 */
#include <errno.h>
#include <string.h>

#include "answer.h"
#include "keys.h"
#include "log.h"

void answer_params(struct tls_params *p, const struct ktlsctl_accept *acc)
{
	*p = (struct tls_params){
		.role = acc->role,
		.auth = acc->auth,
		.peer_name = acc->peer_name,
		.tls_min = acc->tls_min,
		.tls_max = acc->tls_max,
		.ciphers = acc->ciphers,
		.n_ciphers = acc->n_ciphers,
		.alpn = acc->alpn.data,
		.alpn_len = acc->alpn.len,
		.creds = acc->creds,
		.n_creds = acc->n_creds,
		/* Nobody could redeem a ticket: shared contexts keep no
		 * session (see tls.c). The record count copes with them. */
		.num_tickets = 0,
	};
}

static const char *version_name(uint32_t v)
{
	return v == KTLSCTL_TLS_VERSION_TLS13 ? "TLS 1.3" : "TLS 1.2";
}

void answer_done(struct ktlsctl_sock *nl, uint32_t id, int fd,
		 struct tls_conn *tls, int status)
{
	struct ktlsctl_done d = { .id = id, .sockfd = fd };
	struct tls_result res;
	int err;

	memset(&res, 0, sizeof(res));
	if (!status && tls)
		status = tls_conn_result(tls, &res);
	d.status = (uint32_t)status;
	if (!status) {
		d.version = res.version;
		d.cipher = res.cipher;
		d.tx = res.tx;
		d.rx = res.rx;
		d.peer_identity = res.peer_identity;
		d.alpn = res.alpn;
		d.alpn_len = res.alpn_len;
	}
	err = ktlsctl_done(nl, &d);
	if (!status)
		log_info("request %u: %s %s, peer \"%s\", seq tx %llu rx %llu",
			 id, version_name(res.version),
			 ktlsctl_enum_name(&ktlsctl_cipher_enum, res.cipher),
			 res.peer_identity, (unsigned long long)res.tx.rec_seq,
			 (unsigned long long)res.rx.rec_seq);
	else
		log_info("request %u: failed: %s", id, strerror(status));
	/* Our deadline and the module's timer expire together: either wins. */
	if (err && status == ETIMEDOUT && (err == -ENOENT || err == -ETIMEDOUT))
		log_debug("request %u: timed out in the module too", id);
	else if (err)
		log_warn("request %u: done: %s: %s", id, strerror(-err),
			 ktlsctl_error(nl));
	keys_wipe(&d, sizeof(d));
	tls_result_wipe(&res);
}
