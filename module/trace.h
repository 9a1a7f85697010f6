/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of a request's life (trace system "ktlsctl"), for latency
 * breakdowns and post-mortems without kprobes on function names:
 *
 *   ktlsctl_req_submit      queued (status 0, with its id) or refused
 *                           (a negative errno, id 0)
 *   ktlsctl_req_ready       READY about to be multicast (again, after a
 *                           requeue)
 *   ktlsctl_req_accept      ACCEPT handed it to a daemon's netlink port
 *   ktlsctl_req_requeue     back in the queue: the ACCEPT reply could not
 *                           be sent, or the daemon went away before
 *                           touching the stream
 *   ktlsctl_req_done        its daemon's DONE claimed it, with the
 *                           daemon's status
 *   ktlsctl_keys_installed  the module's key install, with its result
 *   ktlsctl_req_end         the outcome is decided: final state, status
 *   ktlsctl_req_callback    the consumer's callback is about to run
 *
 * Every event carries the namespace (its inode number) and the request id,
 * unique in it; the handler identifies the protocol. None carries key
 * material, credentials, peer names or identities, nor addresses.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ktlsctl

#if !defined(_KTLSCTL_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _KTLSCTL_TRACE_H

#include <linux/tracepoint.h>

#include "ktlsctl-priv.h"

TRACE_DEFINE_ENUM(KTLSCTL_HANDLER_TLS);
TRACE_DEFINE_ENUM(KTLSCTL_HANDLER_DTLS);
TRACE_DEFINE_ENUM(KTLSCTL_HANDLER_QUIC);
TRACE_DEFINE_ENUM(KTLSCTL_ROLE_CLIENT);
TRACE_DEFINE_ENUM(KTLSCTL_ROLE_SERVER);
TRACE_DEFINE_ENUM(KTLSCTL_AUTH_ANON);
TRACE_DEFINE_ENUM(KTLSCTL_AUTH_X509);
TRACE_DEFINE_ENUM(KTLSCTL_AUTH_PSK);
TRACE_DEFINE_ENUM(KTLSCTL_STATE_QUEUED);
TRACE_DEFINE_ENUM(KTLSCTL_STATE_ACCEPTED);
TRACE_DEFINE_ENUM(KTLSCTL_STATE_INSTALLED);
TRACE_DEFINE_ENUM(KTLSCTL_STATE_FAILED);
TRACE_DEFINE_ENUM(KTLSCTL_STATE_CANCELLED);
TRACE_DEFINE_ENUM(KTLSCTL_STATE_TIMED_OUT);
TRACE_DEFINE_ENUM(KTLSCTL_TLS_VERSION_TLS12);
TRACE_DEFINE_ENUM(KTLSCTL_TLS_VERSION_TLS13);
TRACE_DEFINE_ENUM(KTLSCTL_CIPHER_AES_128_GCM);
TRACE_DEFINE_ENUM(KTLSCTL_CIPHER_AES_256_GCM);
TRACE_DEFINE_ENUM(KTLSCTL_CIPHER_CHACHA20_POLY1305);
TRACE_DEFINE_ENUM(KTLSCTL_CIPHER_AES_128_CCM);
TRACE_DEFINE_ENUM(KTLSCTL_KEY_MODE_SW);
TRACE_DEFINE_ENUM(KTLSCTL_KEY_MODE_HW);

/* The names are those of the netlink spec, as the CLI prints them. */
#define show_ktlsctl_handler(h)						\
	__print_symbolic(h,						\
			 { KTLSCTL_HANDLER_TLS, "tls" },		\
			 { KTLSCTL_HANDLER_DTLS, "dtls" },		\
			 { KTLSCTL_HANDLER_QUIC, "quic" })

#define show_ktlsctl_role(r)						\
	__print_symbolic(r,						\
			 { 0, "none" },					\
			 { KTLSCTL_ROLE_CLIENT, "client" },		\
			 { KTLSCTL_ROLE_SERVER, "server" })

#define show_ktlsctl_auth(a)						\
	__print_symbolic(a,						\
			 { 0, "none" },					\
			 { KTLSCTL_AUTH_ANON, "anon" },			\
			 { KTLSCTL_AUTH_X509, "x509" },			\
			 { KTLSCTL_AUTH_PSK, "psk" })

#define show_ktlsctl_state(s)						\
	__print_symbolic(s,						\
			 { KTLSCTL_STATE_QUEUED, "queued" },		\
			 { KTLSCTL_STATE_ACCEPTED, "accepted" },	\
			 { KTLSCTL_STATE_INSTALLED, "installed" },	\
			 { KTLSCTL_STATE_FAILED, "failed" },		\
			 { KTLSCTL_STATE_CANCELLED, "cancelled" },	\
			 { KTLSCTL_STATE_TIMED_OUT, "timed-out" })

#define show_ktlsctl_version(v)						\
	__print_symbolic(v,						\
			 { 0, "none" },					\
			 { KTLSCTL_TLS_VERSION_TLS12, "tls12" },	\
			 { KTLSCTL_TLS_VERSION_TLS13, "tls13" })

#define show_ktlsctl_cipher(c)						\
	__print_symbolic(c,						\
			 { 0, "none" },					\
			 { KTLSCTL_CIPHER_AES_128_GCM, "aes-128-gcm" },	\
			 { KTLSCTL_CIPHER_AES_256_GCM, "aes-256-gcm" },	\
			 { KTLSCTL_CIPHER_CHACHA20_POLY1305,		\
			   "chacha20-poly1305" },			\
			 { KTLSCTL_CIPHER_AES_128_CCM, "aes-128-ccm" })

#define show_ktlsctl_key_mode(m)					\
	__print_symbolic(m,						\
			 { 0, "none" },					\
			 { KTLSCTL_KEY_MODE_SW, "sw" },			\
			 { KTLSCTL_KEY_MODE_HW, "hw" })

TRACE_EVENT(ktlsctl_req_submit,
	    TP_PROTO(const struct ktlsctl_req *req, int status),
	    TP_ARGS(req, status),
	    TP_STRUCT__entry(__field(unsigned int, netns_ino)
			     __field(u32, id)
			     __field(u32, handler)
			     __field(u32, role)
			     __field(u32, auth)
			     __field(u32, timeout_ms)
			     __field(int, status)
	    ),
	    TP_fast_assign(__entry->netns_ino = req->net->ns.inum;
			   __entry->id = req->id;
			   __entry->handler = req->handler;
			   __entry->role = req->role;
			   __entry->auth = req->auth;
			   __entry->timeout_ms = req->timeout_ms;
			   __entry->status = status;
	    ),
	    TP_printk("netns=%u id=%u handler=%s role=%s auth=%s timeout_ms=%u status=%d",
		      __entry->netns_ino, __entry->id,
		      show_ktlsctl_handler(__entry->handler),
		      show_ktlsctl_role(__entry->role),
		      show_ktlsctl_auth(__entry->auth),
		      __entry->timeout_ms, __entry->status)
);

TRACE_EVENT(ktlsctl_req_ready,
	    TP_PROTO(const struct ktlsctl_req *req),
	    TP_ARGS(req),
	    TP_STRUCT__entry(__field(unsigned int, netns_ino)
			     __field(u32, id)
			     __field(u32, handler)
	    ),
	    TP_fast_assign(__entry->netns_ino = req->net->ns.inum;
			   __entry->id = req->id;
			   __entry->handler = req->handler;
	    ),
	    TP_printk("netns=%u id=%u handler=%s",
		      __entry->netns_ino, __entry->id,
		      show_ktlsctl_handler(__entry->handler))
);

/* @portid: the daemon's netlink port that holds, or held, the request. */
DECLARE_EVENT_CLASS(ktlsctl_req_port_class,
		    TP_PROTO(const struct ktlsctl_req *req, u32 portid),
		    TP_ARGS(req, portid),
		    TP_STRUCT__entry(__field(unsigned int, netns_ino)
				     __field(u32, id)
				     __field(u32, handler)
				     __field(u32, portid)
		    ),
		    TP_fast_assign(__entry->netns_ino = req->net->ns.inum;
				   __entry->id = req->id;
				   __entry->handler = req->handler;
				   __entry->portid = portid;
		    ),
		    TP_printk("netns=%u id=%u handler=%s portid=%u",
			      __entry->netns_ino, __entry->id,
			      show_ktlsctl_handler(__entry->handler),
			      __entry->portid)
);

#define DEFINE_KTLSCTL_REQ_PORT_EVENT(name)				\
	DEFINE_EVENT(ktlsctl_req_port_class, name,			\
		TP_PROTO(const struct ktlsctl_req *req, u32 portid),	\
		TP_ARGS(req, portid))

DEFINE_KTLSCTL_REQ_PORT_EVENT(ktlsctl_req_accept);
DEFINE_KTLSCTL_REQ_PORT_EVENT(ktlsctl_req_requeue);

/* @status: the daemon's, as a negative errno (0: the handshake succeeded) */
TRACE_EVENT(ktlsctl_req_done,
	    TP_PROTO(const struct ktlsctl_req *req, u32 portid, int status),
	    TP_ARGS(req, portid, status),
	    TP_STRUCT__entry(__field(unsigned int, netns_ino)
			     __field(u32, id)
			     __field(u32, handler)
			     __field(u32, portid)
			     __field(int, status)
	    ),
	    TP_fast_assign(__entry->netns_ino = req->net->ns.inum;
			   __entry->id = req->id;
			   __entry->handler = req->handler;
			   __entry->portid = portid;
			   __entry->status = status;
	    ),
	    TP_printk("netns=%u id=%u handler=%s portid=%u status=%d",
		      __entry->netns_ino, __entry->id,
		      show_ktlsctl_handler(__entry->handler), __entry->portid,
		      __entry->status)
);

/* What was asked for (@version, @cipher) and what kTLS made of it. */
TRACE_EVENT(ktlsctl_keys_installed,
	    TP_PROTO(const struct ktlsctl_req *req, int status, u32 version,
		     u32 cipher, u32 tx_mode, u32 rx_mode),
	    TP_ARGS(req, status, version, cipher, tx_mode, rx_mode),
	    TP_STRUCT__entry(__field(unsigned int, netns_ino)
			     __field(u32, id)
			     __field(u32, handler)
			     __field(int, status)
			     __field(u32, version)
			     __field(u32, cipher)
			     __field(u32, tx_mode)
			     __field(u32, rx_mode)
	    ),
	    TP_fast_assign(__entry->netns_ino = req->net->ns.inum;
			   __entry->id = req->id;
			   __entry->handler = req->handler;
			   __entry->status = status;
			   __entry->version = version;
			   __entry->cipher = cipher;
			   __entry->tx_mode = tx_mode;
			   __entry->rx_mode = rx_mode;
	    ),
	    TP_printk("netns=%u id=%u handler=%s status=%d version=%s cipher=%s tx_mode=%s rx_mode=%s",
		      __entry->netns_ino, __entry->id,
		      show_ktlsctl_handler(__entry->handler), __entry->status,
		      show_ktlsctl_version(__entry->version),
		      show_ktlsctl_cipher(__entry->cipher),
		      show_ktlsctl_key_mode(__entry->tx_mode),
		      show_ktlsctl_key_mode(__entry->rx_mode))
);

/* @state: KTLSCTL_STATE_*, final; @status: 0 or a negative errno */
DECLARE_EVENT_CLASS(ktlsctl_req_state_class,
		    TP_PROTO(const struct ktlsctl_req *req, u32 state,
			     int status),
		    TP_ARGS(req, state, status),
		    TP_STRUCT__entry(__field(unsigned int, netns_ino)
				     __field(u32, id)
				     __field(u32, handler)
				     __field(u32, state)
				     __field(int, status)
		    ),
		    TP_fast_assign(__entry->netns_ino = req->net->ns.inum;
				   __entry->id = req->id;
				   __entry->handler = req->handler;
				   __entry->state = state;
				   __entry->status = status;
		    ),
		    TP_printk("netns=%u id=%u handler=%s state=%s status=%d",
			      __entry->netns_ino, __entry->id,
			      show_ktlsctl_handler(__entry->handler),
			      show_ktlsctl_state(__entry->state),
			      __entry->status)
);

#define DEFINE_KTLSCTL_REQ_STATE_EVENT(name)				\
	DEFINE_EVENT(ktlsctl_req_state_class, name,			\
		TP_PROTO(const struct ktlsctl_req *req, u32 state,	\
			 int status),					\
		TP_ARGS(req, state, status))

DEFINE_KTLSCTL_REQ_STATE_EVENT(ktlsctl_req_end);
DEFINE_KTLSCTL_REQ_STATE_EVENT(ktlsctl_req_callback);

#endif /* _KTLSCTL_TRACE_H */

/* Out of tree: define_trace.h finds this file through -I$(src). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
