// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_probe: sockets in another network namespace, and the promise a
 * kernel consumer owes each namespace its sockets live in.
 *
 * KTLSCTL_PROBE_NETNS names a namespace by an nsfs file descriptor; the
 * next socket of the device file is created there, and the namespace is
 * let go as soon as it is: a kernel socket does not hold its namespace, so
 * the namespace can be destroyed while the probe waits for the handshake,
 * as when a container holding an NFS mount goes away.
 *
 * Such a consumer must release its sockets before TCP leaves the namespace.
 * The probe counts its sockets per namespace and its pernet exit, which
 * runs before TCP's (it registered later), waits for the count to reach
 * zero. Its handshakes end in ktlsctl's pre_exit, so the wait is short.
 */
#include <linux/atomic.h>
#include <linux/file.h>
#include <linux/net.h>
#include <linux/nsproxy.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/sock.h>

#include "probe-priv.h"

struct ktlsctl_probe_net {
	atomic_t socks;
};

static unsigned int ktlsctl_probe_net_id __read_mostly;
/* Shared: a namespace's own state is freed once its exit returns. */
static DECLARE_WAIT_QUEUE_HEAD(ktlsctl_probe_net_wq);

static struct ktlsctl_probe_net *ktlsctl_probe_pernet(struct net *net)
{
	return net_generic(net, ktlsctl_probe_net_id);
}

/* KTLSCTL_PROBE_NETNS: the namespace of @fd for the next socket. */
int ktlsctl_probe_netns_set(struct net **slot, int fd)
{
	struct net *net;

	net = get_net_ns_by_fd(fd);
	if (IS_ERR(net))
		return PTR_ERR(net);
	if (*slot)
		put_net(*slot);
	*slot = net;
	return 0;
}

/*
 * The namespace for a new socket: @slot's, taken (the caller puts it once
 * the socket exists), else the caller's own, referenced.
 */
struct net *ktlsctl_probe_netns_take(struct net **slot)
{
	struct net *net = *slot;

	*slot = NULL;
	return net ?: get_net(current->nsproxy->net_ns);
}

/* @sock is one of the probe's: its namespace waits for its release. */
void ktlsctl_probe_sock_count(struct socket *sock)
{
	atomic_inc(&ktlsctl_probe_pernet(sock_net(sock->sk))->socks);
}

/* The file the API wants around a counted @sock; on error @sock is gone. */
struct file *ktlsctl_probe_sock_file(struct socket *sock)
{
	struct ktlsctl_probe_net *pn = ktlsctl_probe_pernet(sock_net(sock->sk));
	struct file *file;

	file = sock_alloc_file(sock, 0, NULL);
	if (IS_ERR(file) && atomic_dec_and_test(&pn->socks))
		wake_up_all(&ktlsctl_probe_net_wq);
	return file;
}

struct ktlsctl_probe_release {
	struct work_struct work;
	struct socket *sock;
	struct file *file;
};

/*
 * __fput_sync() is for kernel threads (6.1 insists): from a worker, the
 * last reference goes at once, where the caller's fput() would wait for
 * its return to user space.
 */
static void ktlsctl_probe_release_work(struct work_struct *work)
{
	struct ktlsctl_probe_release *r =
		container_of(work, struct ktlsctl_probe_release, work);

	if (r->file)
		__fput_sync(r->file);
	else
		sock_release(r->sock);
}

/*
 * Release @sock, owned by @file when there is one, before returning: the
 * namespace's exit may be waiting for it. Someone else may still hold the
 * file; then the socket outlives this call, and that is theirs to answer.
 */
void ktlsctl_probe_sock_release(struct socket *sock, struct file *file)
{
	struct ktlsctl_probe_net *pn = ktlsctl_probe_pernet(sock_net(sock->sk));
	struct ktlsctl_probe_release r = { .sock = sock, .file = file };

	INIT_WORK_ONSTACK(&r.work, ktlsctl_probe_release_work);
	queue_work(system_unbound_wq, &r.work);
	flush_work(&r.work);
	destroy_work_on_stack(&r.work);
	if (atomic_dec_and_test(&pn->socks))
		wake_up_all(&ktlsctl_probe_net_wq);
}

static void __net_exit ktlsctl_probe_net_exit(struct net *net)
{
	struct ktlsctl_probe_net *pn = ktlsctl_probe_pernet(net);

	wait_event(ktlsctl_probe_net_wq, !atomic_read(&pn->socks));
}

static struct pernet_operations ktlsctl_probe_net_ops = {
	.exit = ktlsctl_probe_net_exit,
	.id = &ktlsctl_probe_net_id,
	.size = sizeof(struct ktlsctl_probe_net),
};

int ktlsctl_probe_netns_init(void)
{
	return register_pernet_subsys(&ktlsctl_probe_net_ops);
}

void ktlsctl_probe_netns_exit(void)
{
	unregister_pernet_subsys(&ktlsctl_probe_net_ops);
}
