// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: counters, queue gauges, the requests
 * (request.c) and the credential and policy store (cred.c, policy.c).
 */
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <net/netns/generic.h>

#include "ktlsctl-priv.h"

static unsigned int ktlsctl_net_id __read_mostly;

/*
 * Requests that may wait for a daemon at once, per namespace: the
 * queue_limit module parameter, read at every submission, so an operator
 * can change it at run time (/sys/module/ktlsctl/parameters/queue_limit).
 * Unlike a cap derived from RAM (a handful of requests in a small guest),
 * the default lets a storage client reconnect hundreds of queues after a
 * server reboot; each waiting request costs well under a kilobyte.
 */
#define KTLSCTL_QUEUE_LIMIT	4096
#define KTLSCTL_QUEUE_LIMIT_MAX	(1024 * 1024)

static unsigned int ktlsctl_queue_limit_param = KTLSCTL_QUEUE_LIMIT;

static int ktlsctl_queue_limit_set(const char *val,
				   const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, KTLSCTL_QUEUE_LIMIT_MAX);
}

static const struct kernel_param_ops ktlsctl_queue_limit_ops = {
	.set = ktlsctl_queue_limit_set,
	.get = param_get_uint,
};

module_param_cb(queue_limit, &ktlsctl_queue_limit_ops,
		&ktlsctl_queue_limit_param, 0644);
MODULE_PARM_DESC(queue_limit,
		 "Requests that may wait for a daemon per network namespace (1..1048576, default 4096)");

u32 ktlsctl_queue_limit(void)
{
	return READ_ONCE(ktlsctl_queue_limit_param);
}

struct ktlsctl_net *ktlsctl_pernet(const struct net *net)
{
	return net_generic(net, ktlsctl_net_id);
}

void ktlsctl_stat_inc(struct ktlsctl_net *kn, unsigned int stat)
{
	if (WARN_ON_ONCE(stat > KTLSCTL_A_STATS_MAX))
		return;
	atomic64_inc(&kn->stats[stat]);
}

/* For the gauges among the counters (live-requests). */
void ktlsctl_stat_dec(struct ktlsctl_net *kn, unsigned int stat)
{
	if (WARN_ON_ONCE(stat > KTLSCTL_A_STATS_MAX))
		return;
	atomic64_dec(&kn->stats[stat]);
}

static int __net_init ktlsctl_net_init(struct net *net)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(net);

	ktlsctl_request_net_init(kn);
	ktlsctl_store_net_init(kn);
	return 0;
}

/*
 * Before any namespace's exit method runs: complete every pending request
 * with -ENETDOWN and wait for the callbacks, so that a consumer's own
 * pernet exit (which runs after every pre_exit) finds its requests done
 * and can release its kernel sockets before TCP's exit.
 */
static void __net_exit ktlsctl_net_pre_exit(struct net *net)
{
	ktlsctl_request_net_exit(ktlsctl_pernet(net));
}

static void __net_exit ktlsctl_net_exit(struct net *net)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(net);

	WARN_ON_ONCE(atomic_read(&kn->queued) || atomic_read(&kn->in_progress));
	/* Zeroizes every key and PSK of the namespace's store. */
	ktlsctl_store_net_exit(kn);
}

static struct pernet_operations ktlsctl_net_ops = {
	.init = ktlsctl_net_init,
	.pre_exit = ktlsctl_net_pre_exit,
	.exit = ktlsctl_net_exit,
	.id = &ktlsctl_net_id,
	.size = sizeof(struct ktlsctl_net),
};

int ktlsctl_netns_init(void)
{
	return register_pernet_subsys(&ktlsctl_net_ops);
}

void ktlsctl_netns_exit(void)
{
	unregister_pernet_subsys(&ktlsctl_net_ops);
}
