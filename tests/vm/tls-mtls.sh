#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Mutual X.509 authentication, both sides: the probe presents
# client.test to openssl s_server -Verify and gnutls-serv
# --require-client-cert, and as a server (--ca) requires and verifies
# s_client's and gnutls-cli's client.test. Both versions, the ciphers
# spread over the cases.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
client_case openssl mtls 1.3 AES-128-GCM 16384
client_case gnutls mtls 1.3 CHACHA20-POLY1305 16384
client_case openssl mtls 1.2 AES-256-GCM 16384
client_case gnutls mtls 1.2 AES-128-CCM 16384
server_case openssl mtls 1.3 AES-256-GCM 16384
server_case gnutls mtls 1.3 AES-128-CCM 16384
server_case openssl mtls 1.2 AES-128-GCM 16384
server_case gnutls mtls 1.2 CHACHA20-POLY1305 16384
echo "# $(($(now_ms) - t0)) ms"
done_testing
