// SPDX-License-Identifier: GPL-2.0
/*
 * The fork-per-request mode (ktlsctld --fork-per-request): a comparison
 * for the benchmarks, not a way to run. It is the model of the Linux
 * handshake upcall's user-space agent (tlshd): on each READY the main
 * thread forks a child, which opens its own netlink socket, ACCEPTs one
 * request, runs its handshake with blocking waits, answers with DONE and
 * exits. Every request then pays for a process, a netlink socket and a
 * fresh OpenSSL state, which the workers' epoll loops and the context
 * cache do not; scripts/bench shows the difference. Nothing bounds the
 * number of children, and the seccomp filter is off (it allows clone()
 * for threads only).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "clock.h"
#include "fork.h"
#include "log.h"

#define FORK_DEFAULT_TIMEOUT_MS	30000

/* The handshake of @acc on its socket, waiting in poll(); its status. */
static int fork_handshake(const struct ktlsctl_accept *acc,
			  struct tls_conn **tls)
{
	uint64_t deadline = clock_ms() + (acc->timeout_ms ? acc->timeout_ms :
					     FORK_DEFAULT_TIMEOUT_MS);
	struct tls_params p;
	struct pollfd pfd = { .fd = acc->sockfd };
	uint32_t events;
	uint64_t now;
	int ret;

	if (acc->handler != KTLSCTL_HANDLER_TLS)
		return EOPNOTSUPP;
	answer_params(&p, acc);
	ret = tls_conn_new(&p, acc->sockfd, tls);
	if (ret)
		return ret;
	for (;;) {
		ret = tls_conn_step(*tls, &events);
		if (ret != -EAGAIN)
			return ret > 0 ? ret : 0;
		now = clock_ms();
		if (now >= deadline)
			return ETIMEDOUT;
		pfd.events = (events & EPOLLIN ? POLLIN : 0) |
			     (events & EPOLLOUT ? POLLOUT : 0);
		if (poll(&pfd, 1, (int)(deadline - now)) < 0 && errno != EINTR)
			return errno;
	}
}

/* The child: one request from ACCEPT to DONE. Its exit status. */
static int fork_child(void)
{
	struct ktlsctl_accept acc;
	struct ktlsctl_sock *nl;
	struct tls_conn *tls = NULL;
	int err, status;

	if (ktlsctl_open(&nl))
		return 1;
	err = ktlsctl_accept(nl, KTLSCTL_HANDLER_TLS, &acc);
	if (err) {
		if (acc.sockfd >= 0) {
			/* Handed out but undecodable: answer it. */
			answer_done(nl, acc.id, acc.sockfd, NULL, EINVAL);
			close(acc.sockfd);
		}
		ktlsctl_accept_release(&acc);
		ktlsctl_close(nl);
		/* Another child took it: nothing to do. */
		return err == -ENOENT ? 0 : 1;
	}
	status = fork_handshake(&acc, &tls);
	answer_done(nl, acc.id, acc.sockfd, tls, status);
	close(acc.sockfd);
	tls_conn_free(tls);
	ktlsctl_accept_release(&acc);
	ktlsctl_close(nl);
	return 0;
}

int fork_one(void)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_warn("fork: %s", strerror(errno));
		return -errno;
	}
	if (!pid) {
		sigset_t none;

		/* The parent blocks its signals for its signalfd. */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		_exit(fork_child());
	}
	return 0;
}

void fork_reap(void)
{
	int st;

	while (waitpid(-1, &st, WNOHANG) > 0)
		;
}
