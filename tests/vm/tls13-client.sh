#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# TLS 1.3 client side: ktlsctl-probe connect to openssl s_server and
# gnutls-serv in netns remote, server authenticated with X.509, each kTLS
# cipher; data checked by s_server's output and gnutls-serv's echo; one MiB
# each way, and one anonymous client (no client certificate). The first
# case runs with the tls module unloaded: the module's TCP_ULP "tls" loads
# it on demand.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
tls_loaded() { grep -q '^tls ' /proc/modules; }
if modprobe -r tls && ! tls_loaded; then
	ok "the tls module is unloaded"
	client_case openssl x509 1.3 AES-128-GCM 4096
	check "the key install loaded the tls module" tls_loaded
else
	not_ok "the tls module is unloaded"
fi
for c in "${CIPHERS[@]}"; do
	client_case openssl x509 1.3 "$c" 16384
	client_case gnutls x509 1.3 "$c" 16384
done
client_case openssl x509 1.3 AES-128-GCM 1048576
client_case gnutls x509 1.3 CHACHA20-POLY1305 1048576
client_case openssl anon 1.3 AES-256-GCM 4096
echo "# $(($(now_ms) - t0)) ms"
done_testing
