/* SPDX-License-Identifier: GPL-2.0 */
/* ktlsctl_probe: declarations shared by main.c and data.c. */
#ifndef _KTLSCTL_PROBE_PRIV_H
#define _KTLSCTL_PROBE_PRIV_H

#include <linux/types.h>

struct file;
struct net;
struct socket;
struct sockaddr_storage;
struct ktlsctl_cred;
struct ktlsctl_handshake_args;
struct ktlsctl_probe_args;
struct ktlsctl_probe_burst;

#define KTLSCTL_PROBE_CHUNK	16384
#define KTLSCTL_PROBE_MAX_DATA	(64u << 20)
/*
 * Certificates, keys and CA bundles: what a netlink attribute can carry,
 * above the API's KTLSCTL_BLOB_MAX_LEN, so that its check is what tests see.
 */
#define KTLSCTL_PROBE_MAX_BLOB	65535
/* Credentials one request may carry: three by value, three by name. */
#define KTLSCTL_PROBE_CREDS	6

/* The probe's buffers, copied from user space. */
struct ktlsctl_probe_bufs {
	char *peer_name;
	void *cert;
	void *key;
	void *ca;
	void *psk_identity;
	void *psk_secret;
	void *send_data;
	char *cred_name;
	char *trust_name;
	char *psk_name;
	char *alpn_buf;
	const char **alpn;
	unsigned int num_alpn;
};

/* main.c */
int ktlsctl_probe_get_bufs(struct ktlsctl_probe_bufs *b,
			   const struct ktlsctl_probe_args *a);
void ktlsctl_probe_free_bufs(struct ktlsctl_probe_bufs *b);
bool ktlsctl_probe_pads_ok(const struct ktlsctl_probe_args *a);
int ktlsctl_probe_addr(const struct ktlsctl_probe_args *a,
		       struct sockaddr_storage *ss);
void ktlsctl_probe_hs_args(struct ktlsctl_handshake_args *args,
			   struct ktlsctl_cred *creds,
			   const struct ktlsctl_probe_args *a,
			   const struct ktlsctl_probe_bufs *b);

/* burst.c */
int ktlsctl_probe_burst(struct ktlsctl_probe_burst *p);

/* netns.c */
int ktlsctl_probe_netns_set(struct net **slot, int fd);
struct net *ktlsctl_probe_netns_take(struct net **slot);
void ktlsctl_probe_sock_count(struct socket *sock);
struct file *ktlsctl_probe_sock_file(struct socket *sock);
void ktlsctl_probe_sock_release(struct socket *sock, struct file *file);
int ktlsctl_probe_netns_init(void);
void ktlsctl_probe_netns_exit(void);

/* data.c */
int ktlsctl_probe_client_data(struct socket *sock,
			      struct ktlsctl_probe_args *a,
			      const struct ktlsctl_probe_bufs *b);
int ktlsctl_probe_server_data(struct socket *sock,
			      struct ktlsctl_probe_args *a);
int ktlsctl_probe_shutdown(struct socket *sock);

#endif /* _KTLSCTL_PROBE_PRIV_H */
