#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A TLS client (Python's ssl, i.e. OpenSSL) held back after connecting.

usage: held-client.py HOST PORT CA NAME GO-FILE [TIMEOUT-S]

Connects over TCP at once, then waits (without sending a byte) until
GO-FILE exists, then runs the TLS handshake verifying NAME against CA,
sends a line and expects it echoed back. Exit 0 on success, 1 on any
error (printed), 2 when GO-FILE never appeared within TIMEOUT-S.
"""
import os
import socket
import ssl
import sys
import time


def main():
    host, port, ca, name, go = sys.argv[1:6]
    limit = float(sys.argv[6]) if len(sys.argv) > 6 else 60.0
    raw = socket.create_connection((host, int(port)), timeout=limit)
    print("connected", flush=True)
    end = time.monotonic() + limit
    while not os.path.exists(go):
        if time.monotonic() > end:
            print("go file never appeared", flush=True)
            return 2
        time.sleep(0.05)
    ctx = ssl.create_default_context(cafile=ca)
    with ctx.wrap_socket(raw, server_hostname=name) as tls:
        line = b"held client says hello\n"
        tls.sendall(line)
        got = b""
        while len(got) < len(line):
            chunk = tls.recv(len(line) - len(got))
            if not chunk:
                break
            got += chunk
        print(f"{tls.version()} {tls.cipher()[0]} echo "
              f"{'ok' if got == line else 'BAD'}", flush=True)
        return 0 if got == line else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ssl.SSLError) as e:
        print(f"error: {e}", flush=True)
        sys.exit(1)
