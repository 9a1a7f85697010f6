#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A TLS server (Python's ssl, i.e. OpenSSL) for thousands of connections.

usage: load-server.py PORT CERT KEY STATS-FILE [LIMIT-S]

Listens on PORT (backlog 65535, capped by net.core.somaxconn) and runs
every connection in one asyncio loop. A connection costs no TLS state
until its first bytes arrive: then OpenSSL (through memory BIOs) answers
the ClientHello with CERT and KEY, completes the handshake (no session
tickets), and the connection then waits for the client to close (end of
file, or close_notify, answered by one). A connection closed before any
byte is counted, not an error. Every second, and on SIGTERM/SIGINT or
after LIMIT-S seconds (default 600), STATS-FILE is rewritten (atomically)
with one JSON object of counters: accepted, open, peak_open, handshakes,
errors (with their reasons), closed_silent (closed before a byte),
rss_kib, hwm_kib (this process's VmRSS and VmHWM).
"""
import asyncio
import json
import os
import resource
import signal
import ssl
import sys

stats = {
    "accepted": 0,
    "open": 0,
    "peak_open": 0,
    "handshakes": 0,
    "errors": 0,
    "error_reasons": {},
    "closed_silent": 0,
    "rss_kib": 0,
    "hwm_kib": 0,
}


def memory():
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key == "VmRSS":
                stats["rss_kib"] = int(value.split()[0])
            elif key == "VmHWM":
                stats["hwm_kib"] = int(value.split()[0])


def dump(path):
    memory()
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(stats, f)
        f.write("\n")
    os.replace(tmp, path)


class Conn(asyncio.Protocol):
    def __init__(self, ctx):
        self.ctx = ctx
        self.transport = None
        self.tls = None
        self.incoming = None
        self.outgoing = None
        self.handshaken = False

    def connection_made(self, transport):
        self.transport = transport
        stats["accepted"] += 1
        stats["open"] += 1
        stats["peak_open"] = max(stats["peak_open"], stats["open"])

    def connection_lost(self, exc):
        stats["open"] -= 1
        if self.tls is None:
            stats["closed_silent"] += 1

    def eof_received(self):
        return False  # close

    def flush(self):
        data = self.outgoing.read()
        if data:
            self.transport.write(data)

    def fail(self, reason):
        stats["errors"] += 1
        reasons = stats["error_reasons"]
        reasons[reason] = reasons.get(reason, 0) + 1
        self.flush()
        self.transport.close()

    def data_received(self, data):
        if self.tls is None:
            self.incoming = ssl.MemoryBIO()
            self.outgoing = ssl.MemoryBIO()
            self.tls = self.ctx.wrap_bio(self.incoming, self.outgoing,
                                         server_side=True)
        self.incoming.write(data)
        if not self.handshaken:
            try:
                self.tls.do_handshake()
            except ssl.SSLWantReadError:
                self.flush()
                return
            except ssl.SSLError as e:
                self.fail(e.reason or type(e).__name__)
                return
            self.handshaken = True
            stats["handshakes"] += 1
        try:
            while self.tls.read(16384):
                pass
        except ssl.SSLWantReadError:
            pass
        except ssl.SSLZeroReturnError:  # close_notify: answer it
            try:
                self.tls.unwrap()
            except ssl.SSLError:
                pass
            self.flush()
            self.transport.close()
            return
        except ssl.SSLError as e:
            self.fail(e.reason or type(e).__name__)
            return
        self.flush()


async def serve(port, cert, key, path, limit):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    ctx.num_tickets = 0
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    server = await loop.create_server(lambda: Conn(ctx), "0.0.0.0", port,
                                      backlog=65535, reuse_address=True)
    print("listening", flush=True)
    end = loop.time() + limit
    while not stop.is_set() and loop.time() < end:
        dump(path)
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except asyncio.TimeoutError:
            pass
    server.close()
    dump(path)


def main():
    if len(sys.argv) not in (5, 6):
        print(__doc__, file=sys.stderr)
        return 2
    port, cert, key, path = sys.argv[1:5]
    limit = float(sys.argv[5]) if len(sys.argv) == 6 else 600.0
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 100000 if hard == resource.RLIM_INFINITY else max(hard, 100000)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, want))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(serve(int(port), cert, key, path, limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
