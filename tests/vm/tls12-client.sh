#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# TLS 1.2 client side: ktlsctl-probe connect to openssl s_server and
# gnutls-serv in netns remote, ECDHE-ECDSA with X.509 server
# authentication, each kTLS cipher; data checked by s_server's output and
# gnutls-serv's echo; one MiB each way.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
for c in "${CIPHERS[@]}"; do
	client_case openssl x509 1.2 "$c" 16384
	client_case gnutls x509 1.2 "$c" 16384
done
client_case openssl x509 1.2 AES-256-GCM 1048576
client_case gnutls x509 1.2 AES-128-CCM 1048576
echo "# $(($(now_ms) - t0)) ms"
done_testing
