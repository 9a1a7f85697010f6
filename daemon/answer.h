/* SPDX-License-Identifier: GPL-2.0 */
/* From ACCEPT to DONE: shared by the workers and the fork-per-request mode. */
#ifndef _KTLSCTLD_ANSWER_H
#define _KTLSCTLD_ANSWER_H

#include <stdint.h>

#include "libktlsctl.h"
#include "tls.h"

/* The engine's parameters for the request @acc (pointing into it). */
void answer_params(struct tls_params *p, const struct ktlsctl_accept *acc);
/*
 * DONE for request @id on @fd from @nl: @status (a positive errno), or 0
 * for the result of @tls's completed handshake. Logs it; wipes the keys.
 * The caller closes @fd afterwards (DONE finds the socket by it).
 */
void answer_done(struct ktlsctl_sock *nl, uint32_t id, int fd,
		 struct tls_conn *tls, int status);

#endif /* _KTLSCTLD_ANSWER_H */
