// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_bench: a kernel consumer of the ktlsctl handshake API for
 * benchmarks. It connects kernel sockets, as NFS or NVMe-TCP do, asks
 * ktlsctl for many client handshakes at once and times each one from the
 * submission to its callback (keys installed). The ktlsctl-bench tool
 * drives it through ioctls on /dev/ktlsctl-bench (see
 * bench/include/ktlsctl_bench.h). It can also hand one handshaken socket,
 * kTLS keys installed by ktlsctl, to the caller as an fd, for the data-path
 * benchmarks, and serve: accept connections on a kernel listening socket
 * and ask for server handshakes on them (serve.c).
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/in.h>
#include <linux/ktime.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <ktlsctl/handshake.h>
#include "bench.h"

static void ktlsctl_bench_file_free(struct kref *ref)
{
	kfree(container_of(ref, struct ktlsctl_bench_file, ref));
}

static void ktlsctl_bench_done(void *data,
			       const struct ktlsctl_handshake_result *res)
{
	struct ktlsctl_bench_conn *c = data;
	struct ktlsctl_bench_file *bf = c->bf;

	c->t_done = ktime_get_ns();
	c->status = res->status;
	c->tx_mode = res->tx_mode;
	c->rx_mode = res->rx_mode;
	/*
	 * A served connection ends here: its client waits for the end of the
	 * stream (the file is closed when the serving loop reaps it).
	 */
	if (bf->server)
		kernel_sock_shutdown(c->sock, SHUT_RDWR);
	/* Pairs with the acquires of the waiter: the results before done. */
	smp_store_release(&c->done, true);
	atomic_dec(&bf->pending);
	wake_up(&bf->wq);
	kref_put(&bf->ref, ktlsctl_bench_file_free);
}

void *ktlsctl_bench_copy(const struct ktlsctl_bench_buf *b, u32 max)
{
	if (!b->len)
		return NULL;
	if (b->len > max)
		return ERR_PTR(-EMSGSIZE);
	return memdup_user_nul(u64_to_user_ptr(b->ptr), b->len);
}

/* Frees the connections and the request's copies; nothing is pending. */
void ktlsctl_bench_reset(struct ktlsctl_bench_file *bf)
{
	u32 i;

	for (i = 0; i < bf->n; i++)
		if (bf->conns[i].file)
			fput(bf->conns[i].file);
	kvfree(bf->conns);
	kfree(bf->peer_name);
	kfree(bf->ca);
	kfree(bf->cert);
	kfree_sensitive(bf->key);
	bf->conns = NULL;
	bf->peer_name = NULL;
	bf->ca = NULL;
	bf->cert = NULL;
	bf->key = NULL;
	bf->cert_len = 0;
	bf->key_len = 0;
	bf->server = false;
	bf->n = 0;
	bf->n_alloc = 0;
}

/* Takes @req and room for @n connections; on error, nothing is held. */
int ktlsctl_bench_setup(struct ktlsctl_bench_file *bf,
			const struct ktlsctl_bench_req *req, u32 n)
{
	void *p;

	if (!n || n > KTLSCTL_BENCH_MAX_CONNS || req->pad0 || req->pad1 ||
	    req->peer_name.pad || req->ca.pad)
		return -EINVAL;
	ktlsctl_bench_reset(bf);
	bf->req = *req;
	p = ktlsctl_bench_copy(&req->peer_name, KTLSCTL_PEER_NAME_MAX_LEN);
	if (IS_ERR(p))
		goto fail;
	bf->peer_name = p;
	p = ktlsctl_bench_copy(&req->ca, KTLSCTL_BENCH_MAX_BLOB);
	if (IS_ERR(p))
		goto fail;
	bf->ca = p;
	p = kvcalloc(n, sizeof(*bf->conns), GFP_KERNEL);
	if (!p) {
		p = ERR_PTR(-ENOMEM);
		goto fail;
	}
	bf->conns = p;
	bf->n_alloc = n;
	return 0;
fail:
	ktlsctl_bench_reset(bf);
	return PTR_ERR(p);
}

/*
 * @c holds @sock from now, in a file: the API wants a file-backed socket.
 * The file owns the socket, also when this fails.
 */
int ktlsctl_bench_hold(struct ktlsctl_bench_conn *c, struct socket *sock)
{
	struct file *file = sock_alloc_file(sock, 0, NULL);

	if (IS_ERR(file))
		return PTR_ERR(file);
	c->sock = sock;
	c->file = file;
	return 0;
}

/* Connects @c; @user: a socket of the caller's kind (it may become an fd). */
static int ktlsctl_bench_connect(struct ktlsctl_bench_file *bf,
				 struct ktlsctl_bench_conn *c, bool user)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(bf->req.port),
		.sin_addr.s_addr = bf->req.addr,
	};
	struct net *net = current->nsproxy->net_ns;
	struct socket *sock;
	int err;

	c->bf = bf;
	if (user)
		err = sock_create(AF_INET, SOCK_STREAM, IPPROTO_TCP, &sock);
	else
		err = sock_create_kern(net, AF_INET, SOCK_STREAM, IPPROTO_TCP,
				       &sock);
	if (err)
		return err;
	err = kernel_connect(sock, (struct sockaddr *)&sin, sizeof(sin), 0);
	if (err) {
		sock_release(sock);
		return err;
	}
	return ktlsctl_bench_hold(c, sock);
}

/* Asks for a client handshake on @c, or a server one (@bf->server). */
void ktlsctl_bench_submit(struct ktlsctl_bench_file *bf,
			  struct ktlsctl_bench_conn *c)
{
	struct ktlsctl_handshake_args args = {};
	struct ktlsctl_cred cred = {};
	u32 cipher = bf->req.cipher;
	int err;

	if (bf->server) {
		/* Certificate and key by value, no client authentication. */
		cred.type = KTLSCTL_CRED_TYPE_CERT;
		cred.cert = bf->cert;
		cred.cert_len = bf->cert_len;
		cred.key = bf->key;
		cred.key_len = bf->key_len;
	} else {
		cred.type = KTLSCTL_CRED_TYPE_TRUST;
		cred.ca = bf->ca;
		cred.ca_len = bf->ca ? bf->req.ca.len : 0;
	}
	args.sock = c->sock;
	args.handler = KTLSCTL_HANDLER_TLS;
	args.auth = KTLSCTL_AUTH_X509;
	args.peer_name = bf->peer_name;
	args.creds = bf->server || bf->ca ? &cred : NULL;
	args.num_creds = bf->server || bf->ca ? 1 : 0;
	args.tls_min = bf->req.tls_version;
	args.tls_max = bf->req.tls_version;
	args.ciphers = cipher ? &cipher : NULL;
	args.num_ciphers = cipher ? 1 : 0;
	args.timeout_ms = bf->req.timeout_ms;
	args.offload = KTLSCTL_OFFLOAD_NONE;
	args.tag = "bench";
	args.done = ktlsctl_bench_done;
	args.data = c;

	kref_get(&bf->ref);
	atomic_inc(&bf->pending);
	c->submitted = true;
	c->t_submit = ktime_get_ns();
	if (bf->server)
		err = ktlsctl_server_hello(&args);
	else
		err = ktlsctl_client_hello(&args);
	if (err) {
		/* Refused: no callback follows. */
		c->status = err;
		c->refused = true;
		c->done = true;
		atomic_dec(&bf->pending);
		kref_put(&bf->ref, ktlsctl_bench_file_free);
	}
}

static void ktlsctl_bench_cancel_all(struct ktlsctl_bench_file *bf)
{
	u32 i;

	for (i = 0; i < bf->n; i++) {
		struct ktlsctl_bench_conn *c = &bf->conns[i];

		/* Pairs with the callback's release (a stale read is harmless). */
		if (c->submitted && !smp_load_acquire(&c->done))
			ktlsctl_handshake_cancel(c->sock->sk);
	}
}

/* Waits for every callback; cancels the pending requests when @cancel. */
void ktlsctl_bench_wait_all(struct ktlsctl_bench_file *bf, bool cancel)
{
	if (cancel)
		ktlsctl_bench_cancel_all(bf);
	if (!wait_event_killable(bf->wq, !atomic_read(&bf->pending)))
		return;
	/* Killed: a callback follows every cancel promptly. */
	ktlsctl_bench_cancel_all(bf);
	wait_event(bf->wq, !atomic_read(&bf->pending));
}

/* Closes the connections whose callback ran, from *@from up to @to. */
static void ktlsctl_bench_reap(struct ktlsctl_bench_file *bf, u32 *from,
			       u32 to)
{
	u32 i;

	for (i = *from; i < to; i++) {
		struct ktlsctl_bench_conn *c = &bf->conns[i];

		/* Pairs with the callback's release: it ran, the file is ours. */
		if (c->file && smp_load_acquire(&c->done)) {
			fput(c->file);
			c->file = NULL;
		}
	}
	while (*from < to && !bf->conns[*from].file)
		(*from)++;
}

/*
 * Waits until fewer than @conc are pending (killable: -EINTR), then closes
 * the finished connections before @i, the next one to use.
 */
int ktlsctl_bench_next_slot(struct ktlsctl_bench_file *bf, u32 conc,
			    u32 *reaped, u32 i)
{
	if (wait_event_killable(bf->wq, atomic_read(&bf->pending) < conc))
		return -EINTR;
	ktlsctl_bench_reap(bf, reaped, i);
	return 0;
}

/* The outcome of every connection, into @r; the latencies to user space. */
int ktlsctl_bench_results(struct ktlsctl_bench_file *bf,
			  struct ktlsctl_bench_run *r)
{
	u64 last = bf->t0, *lat = NULL;
	int err = 0;
	u32 i;

	r->ok = 0;
	r->failed = 0;
	r->refused = 0;
	r->first_error = 0;
	if (r->lat_ns.len) {
		if (r->lat_ns.len < (u64)bf->n * sizeof(u64))
			return -EMSGSIZE;
		lat = kvcalloc(bf->n, sizeof(u64), GFP_KERNEL);
		if (!lat)
			return -ENOMEM;
	}
	for (i = 0; i < bf->n; i++) {
		struct ktlsctl_bench_conn *c = &bf->conns[i];

		if (!c->submitted)
			continue;
		if (c->refused)
			r->refused++;
		else if (c->status)
			r->failed++;
		else
			r->ok++;
		if (c->status && !r->first_error)
			r->first_error = c->status;
		if (c->refused)
			continue;
		if (c->t_done > last)
			last = c->t_done;
		if (lat)
			lat[i] = c->t_done - c->t_submit;
	}
	r->elapsed_ns = last - bf->t0;
	if (lat && copy_to_user(u64_to_user_ptr(r->lat_ns.ptr), lat,
				(size_t)bf->n * sizeof(u64)))
		err = -EFAULT;
	kvfree(lat);
	return err;
}

static int ktlsctl_bench_run(struct ktlsctl_bench_file *bf,
			     struct ktlsctl_bench_run *r)
{
	u32 conc, i, reaped = 0;
	int err;

	err = ktlsctl_bench_setup(bf, &r->req, r->n);
	if (err)
		return err;
	conc = r->concurrency ? r->concurrency : r->n;
	bf->t0 = ktime_get_ns();
	for (i = 0; i < r->n; i++) {
		err = ktlsctl_bench_next_slot(bf, conc, &reaped, i);
		if (err)
			break;
		err = ktlsctl_bench_connect(bf, &bf->conns[i], false);
		if (err)
			break;
		bf->n = i + 1;
		ktlsctl_bench_submit(bf, &bf->conns[i]);
	}
	ktlsctl_bench_wait_all(bf, err);
	if (!err)
		err = ktlsctl_bench_results(bf, r);
	ktlsctl_bench_reset(bf);
	return err;
}

static int ktlsctl_bench_connect_all(struct ktlsctl_bench_file *bf,
				     struct ktlsctl_bench_run *r)
{
	int err;
	u32 i;

	err = ktlsctl_bench_setup(bf, &r->req, r->n);
	if (err)
		return err;
	for (i = 0; i < r->n; i++) {
		err = ktlsctl_bench_connect(bf, &bf->conns[i], false);
		if (err) {
			ktlsctl_bench_reset(bf);
			return err;
		}
		bf->n = i + 1;
	}
	return 0;
}

static int ktlsctl_bench_submit_all(struct ktlsctl_bench_file *bf,
				    struct ktlsctl_bench_run *r)
{
	u32 i;

	if (!bf->n || bf->conns[0].submitted)
		return -EINVAL;
	bf->t0 = ktime_get_ns();
	for (i = 0; i < bf->n; i++)
		ktlsctl_bench_submit(bf, &bf->conns[i]);
	r->elapsed_ns = ktime_get_ns() - bf->t0;
	return 0;
}

static int ktlsctl_bench_wait(struct ktlsctl_bench_file *bf,
			      struct ktlsctl_bench_run *r)
{
	int err;

	if (!bf->n || !bf->conns[0].submitted)
		return -EINVAL;
	ktlsctl_bench_wait_all(bf, r->cancel);
	err = ktlsctl_bench_results(bf, r);
	ktlsctl_bench_reset(bf);
	return err;
}

static int ktlsctl_bench_fd(struct ktlsctl_bench_file *bf,
			    struct ktlsctl_bench_fd *f)
{
	struct ktlsctl_bench_conn *c;
	int err, fd;

	err = ktlsctl_bench_setup(bf, &f->req, 1);
	if (err)
		return err;
	c = &bf->conns[0];
	err = ktlsctl_bench_connect(bf, c, true);
	if (err)
		goto out;
	bf->n = 1;
	ktlsctl_bench_submit(bf, c);
	ktlsctl_bench_wait_all(bf, false);
	f->status = c->status;
	f->tx_mode = c->tx_mode;
	f->rx_mode = c->rx_mode;
	f->fd = -1;
	if (c->status)
		goto out;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		err = fd;
		goto out;
	}
	fd_install(fd, c->file);
	c->file = NULL;
	f->fd = fd;
out:
	ktlsctl_bench_reset(bf);
	return err;
}

static long ktlsctl_bench_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	struct ktlsctl_bench_file *bf = file->private_data;
	void __user *uarg = (void __user *)arg;
	union {
		struct ktlsctl_bench_run run;
		struct ktlsctl_bench_fd fd;
		struct ktlsctl_bench_serve serve;
	} *a;
	size_t size;
	long err;

	switch (cmd) {
	case KTLSCTL_BENCH_RUN:
	case KTLSCTL_BENCH_CONNECT:
	case KTLSCTL_BENCH_SUBMIT:
	case KTLSCTL_BENCH_WAIT:
		size = sizeof(a->run);
		break;
	case KTLSCTL_BENCH_FD:
		size = sizeof(a->fd);
		break;
	case KTLSCTL_BENCH_SERVE:
		size = sizeof(a->serve);
		break;
	default:
		return -ENOTTY;
	}
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	if (copy_from_user(a, uarg, size)) {
		kfree(a);
		return -EFAULT;
	}
	if (mutex_lock_killable(&bf->lock)) {
		kfree(a);
		return -EINTR;
	}
	switch (cmd) {
	case KTLSCTL_BENCH_RUN:
		err = ktlsctl_bench_run(bf, &a->run);
		break;
	case KTLSCTL_BENCH_CONNECT:
		err = ktlsctl_bench_connect_all(bf, &a->run);
		break;
	case KTLSCTL_BENCH_SUBMIT:
		err = ktlsctl_bench_submit_all(bf, &a->run);
		break;
	case KTLSCTL_BENCH_WAIT:
		err = ktlsctl_bench_wait(bf, &a->run);
		break;
	case KTLSCTL_BENCH_SERVE:
		err = ktlsctl_bench_serve(bf, &a->serve);
		break;
	default:
		err = ktlsctl_bench_fd(bf, &a->fd);
		break;
	}
	mutex_unlock(&bf->lock);
	if (!err && copy_to_user(uarg, a, size))
		err = -EFAULT;
	kfree(a);
	return err;
}

static int ktlsctl_bench_open(struct inode *inode, struct file *file)
{
	struct ktlsctl_bench_file *bf;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	bf = kzalloc(sizeof(*bf), GFP_KERNEL);
	if (!bf)
		return -ENOMEM;
	kref_init(&bf->ref);
	mutex_init(&bf->lock);
	init_waitqueue_head(&bf->wq);
	atomic_set(&bf->pending, 0);
	file->private_data = bf;
	return 0;
}

static int ktlsctl_bench_release(struct inode *inode, struct file *file)
{
	struct ktlsctl_bench_file *bf = file->private_data;

	if (bf->n)
		ktlsctl_bench_wait_all(bf, true);
	ktlsctl_bench_reset(bf);
	mutex_destroy(&bf->lock);
	kref_put(&bf->ref, ktlsctl_bench_file_free);
	return 0;
}

static const struct file_operations ktlsctl_bench_fops = {
	.owner = THIS_MODULE,
	.open = ktlsctl_bench_open,
	.release = ktlsctl_bench_release,
	.unlocked_ioctl = ktlsctl_bench_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice ktlsctl_bench_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KTLSCTL_BENCH_DEV,
	.fops = &ktlsctl_bench_fops,
	.mode = 0600,
};

module_misc_device(ktlsctl_bench_dev);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Benchmark consumer of the ktlsctl handshake API");
