#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Pre-shared keys, both sides: the probe connects to openssl s_server
# and gnutls-serv (TLS 1.3: the SHA-256 suites, as external PSKs are
# SHA-256; TLS 1.2: plain PSK suites, every kTLS cipher) and listens for
# openssl s_client and gnutls-cli. The peer identity is the PSK identity.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
for c in AES-128-GCM CHACHA20-POLY1305 AES-128-CCM; do
	client_case openssl psk 1.3 "$c" 4096
	client_case gnutls psk 1.3 "$c" 4096
done
for c in "${CIPHERS[@]}"; do
	client_case openssl psk 1.2 "$c" 4096
	client_case gnutls psk 1.2 "$c" 4096
done
server_case openssl psk 1.3 AES-128-GCM 16384
server_case gnutls psk 1.3 AES-128-CCM 16384
server_case openssl psk 1.2 CHACHA20-POLY1305 16384
server_case gnutls psk 1.2 AES-256-GCM 16384
echo "# $(($(now_ms) - t0)) ms"
done_testing
