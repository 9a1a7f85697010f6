#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Hostile TLS peers for tests/vm/tls-hostile.sh.

  hostile-peer.py serve BASEPORT CERT KEY
      In the peer's namespace: one listener per server mode, mode i of
      SERVER_MODES on BASEPORT+i, each connection in its own thread; prints
      "MODE PORT" for each, then "ready" once all listen. Runs until
      killed.
  hostile-peer.py client MODE HOST PORT
      One hostile client connection (MODE in CLIENT_MODES); prints one
      JSON line: when it
      connected (t_connect, ms since the epoch), what it sent, what came
      back and how the connection ended.
  hostile-peer.py flood HOST PORT N TIMEOUT_MS CAFILE PEERNAME
      N concurrent kernel handshakes through /dev/ktlsctl-probe (the probe
      module, as ktlsctl-probe drives it), one thread each, from this one
      process (an exec per request costs ~50 ms under TCG); prints one JSON
      line: the statuses and the spread of their durations.

Every byte a peer sends is deterministic (seeded): a failure reproduces.
Server connections stay open after the hostile bytes (until the client
closes, or HOLD seconds), so the kernel's side must fail on the bytes
themselves, not on an end of file, unless the mode is about closing.
"""
import ctypes
import errno
import json
import os
import random
import resource
import selectors
import socket
import ssl
import struct
import sys
import threading
import time

HOLD = 60  # seconds a server connection is held open at most
# TLS's limit on a record's length: 2^14 plaintext + 256 of expansion.
MAX_RECORD = 2**14 + 256

SERVER_MODES = [
    "stall",  # read the ClientHello, then never answer
    "drip",  # a ServerHello one byte every 250 ms: never done in time
    "garbage",  # 4 KiB of random bytes for an answer
    "oversized-hdr",  # a record header announcing 65535 bytes, nothing else
    "oversized",  # a handshake record of 2^14+256+1 bytes, header and body
    "truncated",  # 100 bytes of a record announcing 512, then close
    "alert",  # ServerHello, Certificate, then a fatal handshake_failure
    "mutate",  # a real server flight with a few bytes flipped
]
CLIENT_MODES = ["garbage", "huge-hello", "giant-hello", "oversized", "drip"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError(f"end of file after {len(buf)} of {n} bytes")
        buf += chunk
    return buf


def read_record(s):
    """One TLS record: (header, body)."""
    hdr = recv_exact(s, 5)
    (length,) = struct.unpack("!H", hdr[3:5])
    return hdr, recv_exact(s, length)


def record(ctype, body, version=0x0303):
    return struct.pack("!BHH", ctype, version, len(body)) + body


def handshake(htype, body):
    return struct.pack("!B", htype) + len(body).to_bytes(3, "big") + body


def hold(s):
    """Keep the connection open until the client closes (or HOLD s)."""
    s.settimeout(HOLD)
    try:
        while s.recv(65536):
            pass
    except OSError:
        pass


def client_suites(ch):
    """The cipher suites of a ClientHello record body."""
    p = 4 + 2 + 32
    p += 1 + ch[p]
    (n,) = struct.unpack("!H", ch[p : p + 2])
    return [struct.unpack("!H", ch[p + 2 + i : p + 4 + i])[0] for i in range(0, n, 2)]


def server_hello12(rng, ch):
    """A TLS 1.2 ServerHello for the ClientHello body ch: its first TLS 1.2
    suite, no session id, extended master secret and secure renegotiation
    (both of which OpenSSL's client offers)."""
    suite = next(c for c in client_suites(ch) if c >> 8 != 0x13)
    exts = struct.pack("!HH", 0x0017, 0) + struct.pack("!HHB", 0xFF01, 1, 0)
    body = (
        struct.pack("!H", 0x0303)
        + rng.randbytes(32)
        + b"\x00"
        + struct.pack("!HB", suite, 0)
        + struct.pack("!H", len(exts))
        + exts
    )
    return handshake(2, body)


def serve_conn(mode, s, cert, key):
    rng = random.Random(mode)
    try:
        _, ch = read_record(s)
        if mode == "stall":
            pass
        elif mode == "drip":
            msg = record(22, server_hello12(rng, ch))
            for i in range(len(msg)):
                s.sendall(msg[i : i + 1])
                time.sleep(0.25)
        elif mode == "garbage":
            s.sendall(rng.randbytes(4096))
        elif mode == "oversized-hdr":
            s.sendall(struct.pack("!BHH", 22, 0x0303, 0xFFFF))
        elif mode == "oversized":
            body = server_hello12(rng, ch)
            body += rng.randbytes(MAX_RECORD + 1 - len(body))
            s.sendall(record(22, body))
        elif mode == "truncated":
            body = server_hello12(rng, ch)
            s.sendall(struct.pack("!BHH", 22, 0x0303, 512) + (body + bytes(100))[:100])
            s.close()
            return
        elif mode == "alert":
            with open(cert) as f:
                der = ssl.PEM_cert_to_DER_cert(f.read())
            entry = len(der).to_bytes(3, "big") + der
            certs = handshake(11, len(entry).to_bytes(3, "big") + entry)
            s.sendall(record(22, server_hello12(rng, ch)))
            s.sendall(record(22, certs))
            s.sendall(record(21, b"\x02\x28"))  # fatal handshake_failure
        elif mode.startswith("mutate"):
            s.sendall(mutated_flight(2, ch, cert, key))
        hold(s)
    except (OSError, EOFError) as e:
        log(f"{mode}: {e}")
    finally:
        s.close()


def mutated_flight(seed, ch, cert, key):
    """A real TLS server's first flight (Python's ssl, OpenSSL) for this
    ClientHello, with 1 to 4 bytes flipped inside record bodies (never a
    record header, so the client has every byte it waits for)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    conn = ctx.wrap_bio(inc, out, server_side=True)
    inc.write(record(22, ch, 0x0301))
    try:
        conn.do_handshake()
    except ssl.SSLWantReadError:
        pass
    flight = bytearray(out.read())
    bodies, p = [], 0
    while p + 5 <= len(flight):
        (n,) = struct.unpack("!H", flight[p + 3 : p + 5])
        bodies.extend(range(p + 5, p + 5 + n))
        p += 5 + n
    rng = random.Random(seed)
    for i in rng.sample(bodies, rng.randint(1, 4)):
        flight[i] ^= rng.randint(1, 255)
    return bytes(flight)


def serve(baseport, cert, key):
    threading.stack_size(256 * 1024)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sel = selectors.DefaultSelector()
    for i, mode in enumerate(SERVER_MODES):
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(("0.0.0.0", baseport + i))
        ls.listen(4096)
        sel.register(ls, selectors.EVENT_READ, mode)
        print(mode, baseport + i)
    print("ready", flush=True)
    while True:
        for k, _ in sel.select():
            s, _ = k.fileobj.accept()
            threading.Thread(
                target=serve_conn, args=(k.data, s, cert, key), daemon=True
            ).start()


def ext(etype, body):
    return struct.pack("!HH", etype, len(body)) + body


def vec(n, body):
    """body after its n-byte length."""
    return len(body).to_bytes(n, "big") + body


def client_hello_huge(rng):
    """A TLS 1.3 ClientHello of ~19 KiB: the usual extensions (SNI,
    versions, groups, signature algorithms, an X25519 key share) and 300
    unassigned ones of 60 bytes each. (Built by hand: scapy's TLS layer
    builds the same, but its import alone takes ~20 s under TCG.)"""
    name = b"server.test"
    exts = b"".join([
        ext(0, vec(2, b"\x00" + vec(2, name))),
        ext(43, vec(1, b"\x03\x04")),
        ext(10, vec(2, struct.pack("!H", 29))),
        ext(13, vec(2, struct.pack("!HHH", 0x0403, 0x0804, 0x0401))),
        ext(51, vec(2, struct.pack("!H", 29) + vec(2, rng.randbytes(32)))),
    ] + [ext(0x4000 + i, rng.randbytes(60)) for i in range(300)])
    body = (
        struct.pack("!H", 0x0303)
        + rng.randbytes(32)
        + vec(1, rng.randbytes(32))
        + vec(2, struct.pack("!HHH", 0x1301, 0x1302, 0x1303))
        + vec(1, b"\x00")
        + vec(2, exts)
    )
    return handshake(1, body)


def client(mode, host, port):
    rng = random.Random(mode)
    msg = client_hello_huge(rng) if mode == "huge-hello" else b""
    s = socket.create_connection((host, port), timeout=30)
    t0 = time.monotonic()
    res = {"mode": mode, "t_connect": int(time.time() * 1000), "sent": 0}
    if mode == "garbage":
        data = rng.randbytes(4096)
    elif mode in ("huge-hello", "giant-hello"):
        if mode == "giant-hello":
            # A handshake header announcing a 256 KiB ClientHello (more
            # than any TLS stack takes), and the first 16 KiB of it.
            msg = b"\x01\x04\x00\x00" + rng.randbytes(2**14 - 4)
        res["hello_bytes"] = len(msg)
        # The message spans records of at most 2^14 bytes.
        data = b"".join(
            record(22, msg[i : i + 2**14], 0x0301) for i in range(0, len(msg), 2**14)
        )
    elif mode == "oversized":
        data = struct.pack("!BHH", 22, 0x0301, MAX_RECORD + 1)
        data += rng.randbytes(MAX_RECORD + 1)
    elif mode == "drip":
        data = b""
        msg = record(22, handshake(1, rng.randbytes(200)), 0x0301)
        try:
            for i in range(len(msg)):
                s.sendall(msg[i : i + 1])
                res["sent"] += 1
                time.sleep(0.25)
        except OSError as e:
            res["send_error"] = errno.errorcode.get(e.errno, str(e))
    else:
        raise SystemExit(f"unknown client mode {mode}")
    try:
        s.sendall(data)
        res["sent"] += len(data)
    except OSError as e:
        res["send_error"] = errno.errorcode.get(e.errno, str(e))
    # What comes back, until the server closes: its first record's type
    # (22 handshake, 21 alert) and, for an alert, its description.
    got = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                res["end"] = "eof"
                break
            got += chunk
            if mode == "huge-hello" and len(got) >= 5:
                # The server took the hello and answered: leave.
                res["end"] = "we closed"
                break
    except socket.timeout:
        res["end"] = "timeout"
    except OSError as e:
        res["end"] = errno.errorcode.get(e.errno, str(e))
    res["ms"] = int((time.monotonic() - t0) * 1000)
    res["got"] = len(got)
    if len(got) >= 5:
        res["first_type"] = got[0]
        if got[0] == 21 and len(got) >= 7:
            res["alert"] = got[6]
    s.close()
    print(json.dumps(res), flush=True)


# --- the flood: kernel handshakes through the probe module --------------------


class Buf(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_uint64), ("len", ctypes.c_uint32), ("pad", ctypes.c_uint32)]


class ProbeArgs(ctypes.Structure):
    """struct ktlsctl_probe_args (probe/include/ktlsctl_probe.h)."""

    _fields_ = (
        [("family", ctypes.c_uint32), ("port", ctypes.c_uint16), ("pad0", ctypes.c_uint16)]
        + [("addr", ctypes.c_uint8 * 16)]
        + [
            (f, ctypes.c_uint32)
            for f in ("auth", "tls_min", "tls_max", "cipher", "timeout_ms",
                      "cancel_after_ms", "flags", "pad1")
        ]
        + [("send_len", ctypes.c_uint64)]
        + [
            (f, Buf)
            for f in ("peer_name", "cert", "key", "ca", "psk_identity", "psk_secret",
                      "send_data", "alpn", "cred_name", "trust_name", "psk_name")
        ]
        + [("psk_hash", ctypes.c_uint32), ("pad2", ctypes.c_uint32)]
        + [("status", ctypes.c_int32), ("data_status", ctypes.c_int32)]
        + [(f, ctypes.c_uint32) for f in ("version", "cipher_out", "tx_mode", "rx_mode")]
        + [("bytes_ok", ctypes.c_uint64), ("peer", ctypes.c_char * 256)]
        + [("alpn_sel_len", ctypes.c_uint32), ("file_refs", ctypes.c_uint32)]
        + [("alpn_sel", ctypes.c_uint8 * 256)]
    )


KTLSCTL_AUTH_X509 = 2
# _IOWR('k', 2, struct ktlsctl_probe_args)
PROBE_CONNECT = (3 << 30) | (ctypes.sizeof(ProbeArgs) << 16) | (ord("k") << 8) | 2


def flood(host, port, n, timeout_ms, cafile, peer_name):
    threading.stack_size(256 * 1024)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p]
    with open(cafile, "rb") as f:
        ca = ctypes.create_string_buffer(f.read())
    name = ctypes.create_string_buffer(peer_name.encode())
    results = [None] * n

    def one(i):
        a = ProbeArgs()
        a.family = socket.AF_INET
        a.port = port
        a.addr[:4] = socket.inet_aton(host)
        a.auth = KTLSCTL_AUTH_X509
        a.timeout_ms = timeout_ms
        a.ca = Buf(ctypes.addressof(ca), len(ca.raw) - 1, 0)
        a.peer_name = Buf(ctypes.addressof(name), len(peer_name), 0)
        t = time.monotonic()
        fd = os.open("/dev/ktlsctl-probe", os.O_RDWR | os.O_CLOEXEC)
        try:
            # ctypes lets go of the GIL for the call: the threads wait in
            # the kernel together.
            if libc.ioctl(fd, PROBE_CONNECT, ctypes.byref(a)) < 0:
                st = -ctypes.get_errno()
            else:
                st = a.status
        finally:
            os.close(fd)
        name_ = "0" if st == 0 else "-" + errno.errorcode.get(-st, f"E{-st}")
        results[i] = (name_, int((time.monotonic() - t) * 1000))

    t0 = time.monotonic()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for i, t in enumerate(threads):
        t.start()
        if (i + 1) % 100 == 0:
            log(f"flood: {i + 1} threads started in "
                f"{int((time.monotonic() - t0) * 1000)} ms")
    started = int((time.monotonic() - t0) * 1000)
    for t in threads:
        t.join()
    statuses = {}
    for st, _ in results:
        statuses[st] = statuses.get(st, 0) + 1
    ms = [m for _, m in results]
    print(json.dumps({
        "n": n,
        "started_ms": started,
        "total_ms": int((time.monotonic() - t0) * 1000),
        "statuses": statuses,
        "min_ms": min(ms),
        "max_ms": max(ms),
    }), flush=True)


def main(argv):
    if len(argv) == 5 and argv[1] == "serve":
        serve(int(argv[2]), argv[3], argv[4])
    elif len(argv) == 5 and argv[1] == "client" and argv[2] in CLIENT_MODES:
        client(argv[2], argv[3], int(argv[4]))
    elif len(argv) == 8 and argv[1] == "flood":
        flood(argv[2], int(argv[3]), int(argv[4]), int(argv[5]), argv[6], argv[7])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
