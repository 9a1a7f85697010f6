// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_probe: a kernel consumer of the ktlsctl handshake API for tests
 * and demos. It holds its sockets in the kernel, as NFS or NVMe-TCP do, asks
 * ktlsctl for a client or server handshake, then moves data through kTLS
 * with ktlsctl_recvmsg(). The ktlsctl-probe tool drives it through ioctls on
 * /dev/ktlsctl-probe (see probe/include/ktlsctl_probe.h).
 */
#include <linux/completion.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/nsproxy.h>
#include <linux/random.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/tls.h>

#include <ktlsctl/handshake.h>
#include "ktlsctl_probe.h"
#include "probe-priv.h"

/*
 * What one open file of the device holds: the listening socket, if any, and
 * the namespace KTLSCTL_PROBE_NETNS named for the next socket.
 */
struct ktlsctl_probe_file {
	struct mutex lock;	/* serialises ioctls on this file */
	struct socket *lsock;
	struct net *net;
};

/*
 * The handshake's outcome, filled by the callback. Shared by the waiter and
 * the callback, each holding a reference: a waiter that is killed may leave
 * before the callback runs.
 */
struct ktlsctl_probe_wait {
	refcount_t refs;
	struct completion done;
	spinlock_t lock;	/* @file: the waiter may leave first */
	struct file *file;
	u32 file_refs;
	int status;
	u32 version;
	u32 cipher;
	u32 tx_mode;
	u32 rx_mode;
	char peer[256];
	u32 alpn_len;
	u8 alpn[KTLSCTL_ALPN_MAX_LEN];
};

static void *ktlsctl_probe_copy(const struct ktlsctl_probe_buf *b, u32 max)
{
	if (!b->len)
		return NULL;
	if (b->len > max)
		return ERR_PTR(-EMSGSIZE);
	/* One spare NUL: strings and PEM blobs alike. */
	return memdup_user_nul(u64_to_user_ptr(b->ptr), b->len);
}

void ktlsctl_probe_free_bufs(struct ktlsctl_probe_bufs *b)
{
	kfree(b->peer_name);
	kfree(b->cert);
	kfree_sensitive(b->key);
	kfree(b->ca);
	kfree(b->psk_identity);
	kfree_sensitive(b->psk_secret);
	kvfree(b->send_data);
	kfree(b->alpn);
	kfree(b->alpn_buf);
	kfree(b->cred_name);
	kfree(b->trust_name);
	kfree(b->psk_name);
	memset(b, 0, sizeof(*b));
}

/*
 * The ALPN list, from its wire format to NUL-terminated strings in place:
 * each identifier moves down over its length byte and ends where its last
 * byte was.
 */
static int ktlsctl_probe_get_alpn(struct ktlsctl_probe_bufs *b,
				  const struct ktlsctl_probe_buf *src)
{
	unsigned int off, len, n = 0;
	char *buf;

	if (!src->len)
		return 0;
	if (src->len > KTLSCTL_PROBE_ALPN_MAX_LEN)
		return -EMSGSIZE;
	buf = memdup_user(u64_to_user_ptr(src->ptr), src->len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	b->alpn_buf = buf;
	for (off = 0; off < src->len; off += len + 1) {
		len = (u8)buf[off];
		if (!len || len > src->len - off - 1 ||
		    memchr(buf + off + 1, '\0', len))
			return -EINVAL;
		n++;
	}
	b->alpn = kcalloc(n, sizeof(*b->alpn), GFP_KERNEL);
	if (!b->alpn)
		return -ENOMEM;
	for (off = 0; off < src->len; off += len + 1) {
		len = (u8)buf[off];
		memmove(buf + off, buf + off + 1, len);
		buf[off + len] = '\0';
		b->alpn[b->num_alpn++] = buf + off;
	}
	return 0;
}

int ktlsctl_probe_get_bufs(struct ktlsctl_probe_bufs *b,
			   const struct ktlsctl_probe_args *a)
{
	struct {
		void **dst;
		const struct ktlsctl_probe_buf *src;
		u32 max;
	} map[] = {
		{ (void **)&b->peer_name, &a->peer_name,
		  KTLSCTL_PEER_NAME_MAX_LEN },
		{ &b->cert, &a->cert, KTLSCTL_PROBE_MAX_BLOB },
		{ &b->key, &a->key, KTLSCTL_PROBE_MAX_BLOB },
		{ &b->ca, &a->ca, KTLSCTL_PROBE_MAX_BLOB },
		{ &b->psk_identity, &a->psk_identity,
		  KTLSCTL_PSK_IDENTITY_MAX_LEN },
		{ &b->psk_secret, &a->psk_secret, 64 },
		{ (void **)&b->cred_name, &a->cred_name, KTLSCTL_NAME_MAX_LEN },
		{ (void **)&b->trust_name, &a->trust_name,
		  KTLSCTL_NAME_MAX_LEN },
		{ (void **)&b->psk_name, &a->psk_name, KTLSCTL_NAME_MAX_LEN },
	};
	unsigned int i;
	void *p;
	int err;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		p = ktlsctl_probe_copy(map[i].src, map[i].max);
		if (IS_ERR(p)) {
			err = PTR_ERR(p);
			goto fail;
		}
		*map[i].dst = p;
	}
	err = ktlsctl_probe_get_alpn(b, &a->alpn);
	if (err)
		goto fail;
	if (a->send_data.len) {
		if (a->send_data.len > KTLSCTL_PROBE_MAX_DATA) {
			err = -EMSGSIZE;
			goto fail;
		}
		p = vmemdup_user(u64_to_user_ptr(a->send_data.ptr),
				 a->send_data.len);
		if (IS_ERR(p)) {
			err = PTR_ERR(p);
			goto fail;
		}
		b->send_data = p;
	}
	return 0;
fail:
	ktlsctl_probe_free_bufs(b);
	return err;
}

/* The input's padding is zero: room for later fields. */
bool ktlsctl_probe_pads_ok(const struct ktlsctl_probe_args *a)
{
	const struct ktlsctl_probe_buf *bufs[] = {
		&a->peer_name, &a->cert, &a->key, &a->ca, &a->psk_identity,
		&a->psk_secret, &a->send_data, &a->alpn, &a->cred_name,
		&a->trust_name, &a->psk_name,
	};
	unsigned int i;

	if (a->pad0 || a->pad1 || a->pad2)
		return false;
	for (i = 0; i < ARRAY_SIZE(bufs); i++)
		if (bufs[i]->pad)
			return false;
	return true;
}

int ktlsctl_probe_addr(const struct ktlsctl_probe_args *a,
		       struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	switch (a->family) {
	case AF_INET:
		sin->sin_family = AF_INET;
		sin->sin_port = htons(a->port);
		memcpy(&sin->sin_addr, a->addr, sizeof(sin->sin_addr));
		return sizeof(*sin);
	case AF_INET6:
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(a->port);
		memcpy(&sin6->sin6_addr, a->addr, sizeof(sin6->sin6_addr));
		return sizeof(*sin6);
	}
	return -EAFNOSUPPORT;
}

static void ktlsctl_probe_wait_put(struct ktlsctl_probe_wait *w)
{
	if (refcount_dec_and_test(&w->refs))
		kfree(w);
}

static void ktlsctl_probe_done(void *data,
			       const struct ktlsctl_handshake_result *res)
{
	struct ktlsctl_probe_wait *w = data;

	spin_lock(&w->lock);
	if (w->file)
		w->file_refs = file_count(w->file) - 1;
	spin_unlock(&w->lock);
	w->status = res->status;
	w->version = res->version;
	w->cipher = res->cipher;
	w->tx_mode = res->tx_mode;
	w->rx_mode = res->rx_mode;
	strscpy(w->peer, res->peer_identity ?: "", sizeof(w->peer));
	/* The API bounds the selected protocol by KTLSCTL_ALPN_MAX_LEN. */
	if (res->alpn && !WARN_ON_ONCE(res->alpn_len > sizeof(w->alpn))) {
		memcpy(w->alpn, res->alpn, res->alpn_len);
		w->alpn_len = res->alpn_len;
	}
	complete_all(&w->done);	/* the waiter may wait twice */
	ktlsctl_probe_wait_put(w);
}

/*
 * The request for @a and @b, without @sock, @done and @data. @args points
 * into @creds (KTLSCTL_PROBE_CREDS entries), @a and @b.
 */
void ktlsctl_probe_hs_args(struct ktlsctl_handshake_args *args,
			   struct ktlsctl_cred *creds,
			   const struct ktlsctl_probe_args *a,
			   const struct ktlsctl_probe_bufs *b)
{
	unsigned int n = 0;

	memset(args, 0, sizeof(*args));
	memset(creds, 0, KTLSCTL_PROBE_CREDS * sizeof(*creds));

	if (b->cert) {
		creds[n].type = KTLSCTL_CRED_TYPE_CERT;
		creds[n].cert = b->cert;
		creds[n].cert_len = a->cert.len;
		creds[n].key = b->key;
		creds[n].key_len = b->key ? a->key.len : 0;
		n++;
	}
	if (b->ca) {
		creds[n].type = KTLSCTL_CRED_TYPE_TRUST;
		creds[n].ca = b->ca;
		creds[n].ca_len = a->ca.len;
		n++;
	}
	if (b->psk_secret) {
		creds[n].type = KTLSCTL_CRED_TYPE_PSK;
		creds[n].psk_identity = b->psk_identity;
		creds[n].psk_identity_len = b->psk_identity ?
					    a->psk_identity.len : 0;
		creds[n].psk_secret = b->psk_secret;
		creds[n].psk_secret_len = a->psk_secret.len;
		creds[n].psk_hash = a->psk_hash;
		n++;
	}

	/* Entries of the store, by name: the module fills them in. */
	if (b->cred_name) {
		creds[n].type = KTLSCTL_CRED_TYPE_CERT;
		creds[n++].name = b->cred_name;
	}
	if (b->trust_name) {
		creds[n].type = KTLSCTL_CRED_TYPE_TRUST;
		creds[n++].name = b->trust_name;
	}
	if (b->psk_name) {
		creds[n].type = KTLSCTL_CRED_TYPE_PSK;
		creds[n++].name = b->psk_name;
	}

	args->handler = KTLSCTL_HANDLER_TLS;
	args->auth = a->auth;
	args->peer_name = b->peer_name;
	args->creds = n ? creds : NULL;
	args->num_creds = n;
	args->tls_min = a->tls_min;
	args->tls_max = a->tls_max;
	args->ciphers = a->cipher ? &a->cipher : NULL;
	args->num_ciphers = a->cipher ? 1 : 0;
	args->alpn = b->alpn;
	args->num_alpn = b->num_alpn;
	args->timeout_ms = a->timeout_ms;
	args->offload = KTLSCTL_OFFLOAD_NONE;
	args->tag = "probe";
}

static int ktlsctl_probe_handshake(struct socket *sock, bool server,
				   struct ktlsctl_probe_args *a,
				   const struct ktlsctl_probe_bufs *b)
{
	struct ktlsctl_cred creds[KTLSCTL_PROBE_CREDS];
	struct ktlsctl_handshake_args args;
	struct ktlsctl_probe_wait *w;
	int err;

	ktlsctl_probe_hs_args(&args, creds, a, b);
	args.sock = sock;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	refcount_set(&w->refs, 2);
	init_completion(&w->done);
	spin_lock_init(&w->lock);
	w->file = sock->file;
	args.done = ktlsctl_probe_done;
	args.data = w;

	err = server ? ktlsctl_server_hello(&args) :
		       ktlsctl_client_hello(&args);
	if (err) {
		/* Refused: no callback follows. */
		kfree(w);
		return err;
	}

	if (a->cancel_after_ms) {
		if (!wait_for_completion_timeout(&w->done,
						 msecs_to_jiffies(a->cancel_after_ms)))
			ktlsctl_handshake_cancel(sock->sk);
	} else if (wait_for_completion_killable(&w->done)) {
		ktlsctl_handshake_cancel(sock->sk);
	}
	/*
	 * Exactly one callback follows a queued request, promptly after a
	 * cancel; a killed waiter still leaves if it does not.
	 */
	if (wait_for_completion_killable(&w->done)) {
		spin_lock(&w->lock);
		w->file = NULL;
		spin_unlock(&w->lock);
		ktlsctl_probe_wait_put(w);
		return -EINTR;
	}

	a->version = w->version;
	a->cipher_out = w->cipher;
	a->tx_mode = w->tx_mode;
	a->rx_mode = w->rx_mode;
	memcpy(a->peer, w->peer, sizeof(a->peer));
	BUILD_BUG_ON(sizeof(a->alpn_sel) < sizeof(w->alpn));
	memcpy(a->alpn_sel, w->alpn, w->alpn_len);
	a->alpn_sel_len = w->alpn_len;
	a->file_refs = w->file_refs;
	err = w->status;
	ktlsctl_probe_wait_put(w);
	return err;
}

/* Handshake on @sock (now owned by @file) and move the data. */
static void ktlsctl_probe_session(struct socket *sock, bool server,
				  struct ktlsctl_probe_args *a,
				  const struct ktlsctl_probe_bufs *b)
{
	a->status = ktlsctl_probe_handshake(sock, server, a, b);
	if (a->status)
		return;
	/* The daemon worked on our struct file: it must give back its flags. */
	if (sock->file->f_flags & O_NONBLOCK) {
		a->data_status = -EBADFD;
		return;
	}
	a->data_status = server ? ktlsctl_probe_server_data(sock, a) :
				  ktlsctl_probe_client_data(sock, a, b);
	if (!a->data_status)
		a->data_status = ktlsctl_probe_shutdown(sock);
}

static int ktlsctl_probe_run(struct ktlsctl_probe_file *pf, bool server,
			     struct ktlsctl_probe_args *a)
{
	struct ktlsctl_probe_bufs b;
	struct net *net;
	struct sockaddr_storage ss;
	struct socket *sock;
	struct file *file;
	int len, err;

	err = ktlsctl_probe_get_bufs(&b, a);
	if (err)
		return err;

	if (server) {
		if (!pf->lsock) {
			err = -ENOTCONN;
			goto out;
		}
		err = kernel_accept(pf->lsock, &sock, 0);
		if (err)
			goto out;
		ktlsctl_probe_sock_count(sock);
	} else {
		len = ktlsctl_probe_addr(a, &ss);
		if (len < 0) {
			err = len;
			goto out;
		}
		net = ktlsctl_probe_netns_take(&pf->net);
		err = sock_create_kern(net, a->family, SOCK_STREAM,
				       IPPROTO_TCP, &sock);
		if (!err)
			ktlsctl_probe_sock_count(sock);
		/* A kernel socket does not hold its namespace: nor do we. */
		put_net(net);
		if (err)
			goto out;
		err = kernel_connect(sock, (struct sockaddr *)&ss, len, 0);
		if (err) {
			ktlsctl_probe_sock_release(sock, NULL);
			goto out;
		}
	}

	/* The API wants a file-backed socket; the file owns it from now. */
	file = ktlsctl_probe_sock_file(sock);
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto out;
	}
	ktlsctl_probe_session(sock, server, a, &b);
	ktlsctl_probe_sock_release(sock, file);
out:
	ktlsctl_probe_free_bufs(&b);
	return err;
}

static int ktlsctl_probe_listen(struct ktlsctl_probe_file *pf,
				const struct ktlsctl_probe_args *a)
{
	struct net *net = current->nsproxy->net_ns;
	struct sockaddr_storage ss;
	struct socket *sock;
	int len, err;

	if (pf->lsock)
		return -EISCONN;
	len = ktlsctl_probe_addr(a, &ss);
	if (len < 0)
		return len;
	err = sock_create_kern(net, a->family, SOCK_STREAM, IPPROTO_TCP,
			       &sock);
	if (err)
		return err;
	sock_set_reuseaddr(sock->sk);
	err = kernel_bind(sock, (struct sockaddr *)&ss, len);
	if (!err)
		err = kernel_listen(sock, 8);
	if (err) {
		sock_release(sock);
		return err;
	}
	pf->lsock = sock;
	return 0;
}

/* KTLSCTL_PROBE_BURST: its own argument, no listening socket. */
static long ktlsctl_probe_burst_ioctl(struct ktlsctl_probe_file *pf,
				      void __user *uarg)
{
	struct ktlsctl_probe_burst *p;
	long err;

	p = memdup_user(uarg, sizeof(*p));
	if (IS_ERR(p))
		return PTR_ERR(p);
	if (mutex_lock_killable(&pf->lock)) {
		kfree(p);
		return -EINTR;
	}
	err = ktlsctl_probe_burst(p);
	mutex_unlock(&pf->lock);
	if (!err && copy_to_user(uarg, p, sizeof(*p)))
		err = -EFAULT;
	kfree(p);
	return err;
}

static long ktlsctl_probe_netns_ioctl(struct ktlsctl_probe_file *pf,
				      void __user *uarg)
{
	s32 fd;
	long err;

	if (get_user(fd, (s32 __user *)uarg))
		return -EFAULT;
	if (mutex_lock_killable(&pf->lock))
		return -EINTR;
	err = ktlsctl_probe_netns_set(&pf->net, fd);
	mutex_unlock(&pf->lock);
	return err;
}

static long ktlsctl_probe_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	struct ktlsctl_probe_file *pf = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct ktlsctl_probe_args *a;
	long err;

	if (cmd == KTLSCTL_PROBE_BURST)
		return ktlsctl_probe_burst_ioctl(pf, uarg);
	if (cmd == KTLSCTL_PROBE_NETNS)
		return ktlsctl_probe_netns_ioctl(pf, uarg);
	if (cmd != KTLSCTL_PROBE_LISTEN && cmd != KTLSCTL_PROBE_CONNECT &&
	    cmd != KTLSCTL_PROBE_ACCEPT)
		return -ENOTTY;

	a = memdup_user(uarg, sizeof(*a));
	if (IS_ERR(a))
		return PTR_ERR(a);
	a->status = 0;
	a->data_status = 0;
	a->bytes_ok = 0;
	memset(a->peer, 0, sizeof(a->peer));
	a->alpn_sel_len = 0;
	a->file_refs = 0;
	memset(a->alpn_sel, 0, sizeof(a->alpn_sel));
	if (!ktlsctl_probe_pads_ok(a)) {
		kfree(a);
		return -EINVAL;
	}

	if (mutex_lock_killable(&pf->lock)) {
		kfree(a);
		return -EINTR;
	}
	if (cmd == KTLSCTL_PROBE_LISTEN)
		err = ktlsctl_probe_listen(pf, a);
	else
		err = ktlsctl_probe_run(pf, cmd == KTLSCTL_PROBE_ACCEPT, a);
	mutex_unlock(&pf->lock);

	if (!err && cmd != KTLSCTL_PROBE_LISTEN &&
	    copy_to_user(uarg, a, sizeof(*a)))
		err = -EFAULT;
	kfree(a);
	return err;
}

static int ktlsctl_probe_open(struct inode *inode, struct file *file)
{
	struct ktlsctl_probe_file *pf;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	mutex_init(&pf->lock);
	file->private_data = pf;
	return 0;
}

static int ktlsctl_probe_release(struct inode *inode, struct file *file)
{
	struct ktlsctl_probe_file *pf = file->private_data;

	if (pf->lsock)
		sock_release(pf->lsock);
	if (pf->net)
		put_net(pf->net);
	mutex_destroy(&pf->lock);
	kfree(pf);
	return 0;
}

static const struct file_operations ktlsctl_probe_fops = {
	.owner = THIS_MODULE,
	.open = ktlsctl_probe_open,
	.release = ktlsctl_probe_release,
	.unlocked_ioctl = ktlsctl_probe_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice ktlsctl_probe_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KTLSCTL_PROBE_DEV,
	.fops = &ktlsctl_probe_fops,
	.mode = 0600,
};

static int __init ktlsctl_probe_init(void)
{
	int err;

	err = ktlsctl_probe_netns_init();
	if (err)
		return err;
	err = misc_register(&ktlsctl_probe_dev);
	if (err)
		ktlsctl_probe_netns_exit();
	return err;
}

static void __exit ktlsctl_probe_exit(void)
{
	misc_deregister(&ktlsctl_probe_dev);
	ktlsctl_probe_netns_exit();
}

module_init(ktlsctl_probe_init);
module_exit(ktlsctl_probe_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test consumer of the ktlsctl handshake API");
