# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Credentials, peers and the probe for the end-to-end TLS tests (sourced
# after lib.sh; the tls-*.sh scripts run under `vm-run --netns`).
# shellcheck disable=SC2034,SC2154 # globals for the scripts, from lib.sh
#
#   tls_setup probe|no-probe [no-daemon]  PKI in a temp dir, EXIT trap,
#                           daemon fd baseline, t0 (now, in ms) and X509 (the
#                           probe's options for server.test); probe: bail out
#                           without ktlsctl-probe; no-daemon: bail out when a
#                           daemon runs (vm-run --no-daemon)
#   pki_make_rsa, pki_use ec|rsa   the same PKI with RSA-2048 keys, and
#                           which one the helpers below use
#   peer_server IMPL AUTH VER CIPHER PORT [ARG...]
#                           openssl s_server / gnutls-serv in netns remote
#   peer_client IMPL AUTH VER CIPHER HOST PORT IN OUT [ARG...]
#                           openssl s_client / gnutls-cli in netns remote
#   probe ARG...            run ktlsctl-probe, its JSON in probe_json
#   client_case / server_case   one matrix cell, all checks included
#
# IMPL is openssl or gnutls; AUTH x509 (server authenticated), mtls (both),
# psk, rogue (server: a certificate from an untrusted CA); VER 1.2 or 1.3;
# CIPHER one of the probe's names: AES-128-GCM AES-256-GCM
# CHACHA20-POLY1305 AES-128-CCM.
#
# Peer command lines (verified against each other by tls-peers.sh):
#   version+cipher  openssl: -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 |
#                   -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 (x509) |
#                   -tls1_2 -cipher PSK-AES128-GCM-SHA256 (psk)
#                   gnutls: NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:
#                   +AES-128-GCM (psk adds -KX-ALL:+PSK:+ECDHE-PSK for 1.3,
#                   -KX-ALL:+PSK for 1.2)
#   TLS 1.3 external PSKs are SHA-256 (openssl's -psk and GnuTLS's
#   default): AES-256-GCM (a SHA-384 suite) cannot use them.
#   With pki_use rsa, TLS 1.2 runs the ECDHE-RSA suites (DHE-RSA for CCM).
#   PROBE_CA, when set, replaces ca.crt as the probe's --ca; CASE_TAG
#   prefixes the descriptions of client_case and server_case; PROBE_STORE
#   runs them with the credentials of the store's policies.

PEER_NS=${KTLSCTL_NETNS:-remote}
LOCAL=${KTLSCTL_LOCAL_ADDR:-10.99.0.1}
REMOTE=${KTLSCTL_REMOTE_ADDR:-10.99.0.2}
PSK_ID=ktlsctl-test
PSK_HEX=
PSK_BAD_HEX=
pki=
PKI_KEY=ec
pki_newkey=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
CIPHERS=(AES-128-GCM AES-256-GCM CHACHA20-POLY1305 AES-128-CCM)
# Seconds any one peer or probe may live; generous for TCG.
PEER_LIMIT=${KTLSCTL_PEER_LIMIT:-60}

declare -A OSSL13=(
	[AES-128-GCM]=TLS_AES_128_GCM_SHA256
	[AES-256-GCM]=TLS_AES_256_GCM_SHA384
	[CHACHA20-POLY1305]=TLS_CHACHA20_POLY1305_SHA256
	[AES-128-CCM]=TLS_AES_128_CCM_SHA256
)
declare -A OSSL12=(
	[AES-128-GCM]=ECDHE-ECDSA-AES128-GCM-SHA256
	[AES-256-GCM]=ECDHE-ECDSA-AES256-GCM-SHA384
	[CHACHA20-POLY1305]=ECDHE-ECDSA-CHACHA20-POLY1305
	[AES-128-CCM]=ECDHE-ECDSA-AES128-CCM
	[rsa:AES-128-GCM]=ECDHE-RSA-AES128-GCM-SHA256
	[rsa:AES-256-GCM]=ECDHE-RSA-AES256-GCM-SHA384
	[rsa:CHACHA20-POLY1305]=ECDHE-RSA-CHACHA20-POLY1305
	[rsa:AES-128-CCM]=DHE-RSA-AES128-CCM
)
declare -A OSSL12PSK=(
	[AES-128-GCM]=PSK-AES128-GCM-SHA256
	[AES-256-GCM]=PSK-AES256-GCM-SHA384
	[CHACHA20-POLY1305]=PSK-CHACHA20-POLY1305
	[AES-128-CCM]=PSK-AES128-CCM
)

# --- PKI -------------------------------------------------------------------------

# pki_ca NAME CN: a self-signed CA, $pki/NAME.{crt,key}.
pki_ca() {
	openssl req -x509 "${pki_newkey[@]}" -nodes \
		-days 30 -subj "/CN=$2" -keyout "$pki/$1.key" -out "$pki/$1.crt" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign
}

# pki_leaf NAME CA CN SAN: an end-entity certificate signed by CA (P-256,
# like pki_ca, unless pki_newkey says otherwise).
pki_leaf() {
	openssl req "${pki_newkey[@]}" -nodes \
		-days 30 -subj "/CN=$3" -keyout "$pki/$1.key" -out "$pki/$1.crt" \
		-CA "$pki/$2.crt" -CAkey "$pki/$2.key" \
		-addext "subjectAltName=$4" \
		-addext basicConstraints=critical,CA:FALSE \
		-addext keyUsage=critical,digitalSignature \
		-addext extendedKeyUsage=serverAuth,clientAuth
}

# pki_make: everything the tests use, in $work/pki:
#   ca        the trusted CA
#   server    CN server.test, SAN DNS:server.test IP:10.99.0.2 IP:10.99.0.1
#   client    CN client.test, SAN DNS:client.test
#   rogue-ca  a CA nobody trusts; rogue: server.test's names, signed by it
#   psk.passwd  "ID:HEX" for gnutls-serv; PSK_ID, PSK_HEX, PSK_BAD_HEX
pki_make() {
	local san="DNS:server.test,IP:$REMOTE,IP:$LOCAL"
	work_dir
	pki=$work/pki
	mkdir -p "$pki" || return 1
	{
		pki_ca ca "ktlsctl test CA" &&
			pki_leaf server ca server.test "$san" &&
			pki_leaf client ca client.test DNS:client.test &&
			pki_ca rogue-ca "ktlsctl rogue CA" &&
			pki_leaf rogue rogue-ca server.test "$san" &&
			PSK_HEX=$(openssl rand -hex 32) &&
			PSK_BAD_HEX=$(openssl rand -hex 32)
	} 2>"$pki/log" || return 1
	echo "$PSK_ID:$PSK_HEX" >"$pki/psk.passwd"
}

# pki_crl OUT [CERT...]: a CRL of the CA ca, valid for 30 days, revoking
# each CERT (none: an empty CRL), in OUT.
pki_crl() {
	local out=$1 dir
	shift
	dir=$(mktemp -d "$work/crl.XXXXXX") || return 1
	: >"$dir/index.txt"
	echo 01 >"$dir/crlnumber"
	cat >"$dir/ca.cnf" <<-EOF
		[ca]
		default_ca = c
		[c]
		database = $dir/index.txt
		crlnumber = $dir/crlnumber
		default_md = sha256
		default_crl_days = 30
	EOF
	local ca=(-batch -config "$dir/ca.cnf" -keyfile "$pki/ca.key"
		-cert "$pki/ca.crt")
	for c in "$@"; do
		openssl ca "${ca[@]}" -revoke "$c" 2>>"$dir/log" || return 1
	done
	openssl ca "${ca[@]}" -gencrl -out "$out" 2>>"$dir/log" ||
		{ cat "$dir/log"; return 1; }
}

# pki_make_rsa: ca, server and client as pki_make's, with RSA-2048 keys, in
# $work/pki-rsa (after pki_make; pki_use rsa to use them).
pki_make_rsa() {
	local san="DNS:server.test,IP:$REMOTE,IP:$LOCAL" dir=$work/pki-rsa
	local pki=$dir pki_newkey=(-newkey rsa:2048)
	mkdir -p "$dir" || return 1
	{
		pki_ca ca "ktlsctl test RSA CA" &&
			pki_leaf server ca server.test "$san" &&
			pki_leaf client ca client.test DNS:client.test
	} 2>"$dir/log"
}

# pki_use ec|rsa: the PKI the peers and the probe use from now on.
pki_use() {
	case $1 in
	ec) pki=$work/pki ;;
	rsa) pki=$work/pki-rsa ;;
	*) return 1 ;;
	esac
	PKI_KEY=$1
}

# tls_setup probe|no-probe: the common start of a tls-*.sh script.
tls_setup() {
	local t
	work_dir
	hold_open
	trap bg_cleanup EXIT
	if [ "$1" = probe ] && ! command -v ktlsctl-probe >/dev/null; then
		echo "Bail out! ktlsctl-probe not found on PATH ($PATH)"
		exit 1
	fi
	if [ "${2:-}" = no-daemon ] && [ -e /run/ktlsctld.ready ]; then
		echo "Bail out! a daemon runs (use vm-run --no-daemon)"
		exit 1
	fi
	ip netns exec "$PEER_NS" true 2>/dev/null ||
		{ echo "Bail out! no netns $PEER_NS (run under vm-run --netns)"; exit 1; }
	t=$(now_ms)
	if ! pki_make; then
		echo "Bail out! cannot make the PKI"
		diag_file "openssl" "$pki/log"
		exit 1
	fi
	echo "# PKI in $pki, $(($(now_ms) - t)) ms"
	daemon_fd_base=$(daemon_fds) || daemon_fd_base=
	[ -z "$daemon_fd_base" ] || echo "# daemon holds $daemon_fd_base fds"
	X509=(--auth x509 --ca "$pki/ca.crt" --peer-name server.test)
	t0=$(now_ms)
}

# data_file SIZE [text]: a file of SIZE random bytes (made once per size).
# text: base64 lines ending in a newline, for gnutls-serv --echo, which
# echoes line by line through C strings (a NUL byte cuts the echo short).
data_file() {
	local f=$work/data-$1${2:+-$2}
	if [ ! -f "$f" ]; then
		if [ "${2:-}" = text ]; then
			{
				head -c "$1" /dev/urandom | base64 -w 76 |
					head -c "$(($1 - 1))"
				echo
			} >"$f"
		else
			head -c "$1" /dev/urandom >"$f"
		fi
	fi
	echo "$f"
}

port=20000
# next_port: a fresh port for each case (no TIME_WAIT surprises).
next_port() {
	port=$((port + 1))
}

# --- peers ---------------------------------------------------------------------

# ossl_opts VER CIPHER AUTH: openssl options for version and cipher.
ossl_opts() {
	local k=$2
	case $1:$3 in
	1.3:*) opts=(-tls1_3 -ciphersuites "${OSSL13[$2]:?cipher $2}") ;;
	1.2:psk) opts=(-tls1_2 -cipher "${OSSL12PSK[$2]:?cipher $2}") ;;
	1.2:*)
		[ "$PKI_KEY" = ec ] || k=$PKI_KEY:$2
		opts=(-tls1_2 -cipher "${OSSL12[$k]:?cipher $2}")
		;;
	*) return 1 ;;
	esac
}

# gnutls_prio VER CIPHER AUTH: a GnuTLS priority string.
gnutls_prio() {
	local p="NORMAL:-VERS-ALL:+VERS-TLS$1:-CIPHER-ALL:+$2"
	if [ "$3" = psk ]; then
		if [ "$1" = 1.3 ]; then
			p="$p:-KX-ALL:+PSK:+ECDHE-PSK"
		else
			p="$p:-KX-ALL:+PSK"
		fi
	fi
	echo "$p"
}

# listening PORT: something listens on PORT in the peer namespace.
listening() {
	[ -n "$(ss -N "$PEER_NS" -Hltn "sport = :$1" 2>/dev/null)" ]
}

# peer_up PORT: wait until the peer (peer_pid) listens on PORT.
peer_up() {
	local tries=150
	until listening "$1"; do
		if exited "$peer_pid"; then
			echo "# peer exited before listening"
			diag_file "peer log" "$peer_log"
			return 1
		fi
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || {
			echo "# peer not listening after 15 s"
			diag_file "peer log" "$peer_log"
			return 1
		}
		nap
	done
	return 0
}

# peer_server IMPL AUTH VER CIPHER PORT [ARG...]: start a server in the
# remote namespace and wait until it listens. openssl: s_server for one
# connection, writing what it receives to $peer_out. gnutls: gnutls-serv
# --echo. ARGs go to the server's command line. Sets peer_pid, peer_log,
# peer_out, peer_cmd.
peer_server() {
	local impl=$1 auth=$2 ver=$3 cipher=$4 p=$5 opts=() cmd
	shift 5
	peer_log=$work/server-$p.log
	peer_out=$work/server-$p.out
	case $impl in
	openssl)
		ossl_opts "$ver" "$cipher" "$auth" || return 1
		cmd=(openssl s_server -4 -accept "$p" -naccept 1 -quiet "${opts[@]}")
		case $auth in
		x509) cmd+=(-cert "$pki/server.crt" -key "$pki/server.key") ;;
		rogue) cmd+=(-cert "$pki/rogue.crt" -key "$pki/rogue.key") ;;
		mtls)
			cmd+=(-cert "$pki/server.crt" -key "$pki/server.key"
				-Verify 1 -CAfile "$pki/ca.crt" -verify_return_error)
			;;
		psk) cmd+=(-nocert -psk "$PSK_HEX" -psk_identity "$PSK_ID") ;;
		*) return 1 ;;
		esac
		;;
	gnutls)
		cmd=(gnutls-serv -p "$p" --echo
			--priority "$(gnutls_prio "$ver" "$cipher" "$auth")")
		case $auth in
		x509)
			cmd+=(--x509certfile "$pki/server.crt"
				--x509keyfile "$pki/server.key")
			;;
		rogue)
			cmd+=(--x509certfile "$pki/rogue.crt"
				--x509keyfile "$pki/rogue.key")
			;;
		mtls)
			cmd+=(--x509certfile "$pki/server.crt"
				--x509keyfile "$pki/server.key"
				--require-client-cert --verify-client-cert
				--x509cafile "$pki/ca.crt")
			;;
		psk) cmd+=(--pskpasswd "$pki/psk.passwd") ;;
		*) return 1 ;;
		esac
		;;
	*) return 1 ;;
	esac
	cmd+=("$@")
	peer_cmd="${cmd[*]}"
	bg "$peer_out" "$peer_log" \
		timeout -k 2 "$PEER_LIMIT" ip netns exec "$PEER_NS" "${cmd[@]}"
	peer_pid=$bg_pid
	peer_up "$p"
}

# peer_listener PORT MODE: a TCP server that is no TLS peer, in the remote
# namespace. MODE silent: accepts and never says a word. MODE halfway:
# reads the start of the ClientHello, answers the first 6 bytes of a
# ServerHello record (header claims 64) and closes.
peer_listener() {
	local p=$1 cmd=(busybox nc -l -p "$1")
	[ "$2" = halfway ] && cmd+=(-e /bin/sh -c \
		'head -c 5 >/dev/null; printf "\026\003\003\000\100\002"')
	peer_log=$work/listener-$p.log
	peer_out=$work/listener-$p.out
	peer_cmd="${cmd[*]}"
	bg "$peer_out" "$peer_log" \
		timeout -k 2 "$PEER_LIMIT" ip netns exec "$PEER_NS" "${cmd[@]}"
	peer_pid=$bg_pid
	peer_up "$p"
}

# size_at_least FILE N
size_at_least() {
	local s
	s=$(stat -c %s "$1" 2>/dev/null) && [ "$s" -ge "$2" ]
}

# peer_client IMPL AUTH VER CIPHER HOST PORT IN OUT [ARG...]: a client in
# the remote namespace connects to HOST:PORT, sends file IN and writes what
# it reads to OUT; its stdin stays open until OUT is as long as IN (20 s at
# most), then it closes the connection. OUT "-": expect no echo, close
# after IN. Its exit status; stderr (and
# gnutls-cli's informational messages) in $client_log.
peer_client() {
	local impl=$1 auth=$2 ver=$3 cipher=$4 host=$5 p=$6 in=$7 out=$8
	local opts=() cmd size
	shift 8
	client_log=$work/client-$p.log
	size=$(stat -c %s "$in") || return 1
	case $impl in
	openssl)
		ossl_opts "$ver" "$cipher" "$auth" || return 1
		# -brief: no output but the data, and on stderr the
		# negotiated version and suite; close at the end of stdin.
		# -nocommands: a data line starting with Q, k or K is data,
		# not a quit or a KeyUpdate.
		cmd=(openssl s_client -connect "$host:$p" -brief -no_ign_eof
			-nocommands "${opts[@]}")
		case $auth in
		x509 | mtls)
			cmd+=(-CAfile "$pki/ca.crt" -verify_return_error
				-verify_hostname server.test -servername server.test)
			;;&
		mtls) cmd+=(-cert "$pki/client.crt" -key "$pki/client.key") ;;
		psk) cmd+=(-psk "${CLIENT_PSK_HEX:-$PSK_HEX}" -psk_identity "$PSK_ID") ;;
		esac
		;;
	gnutls)
		cmd=(gnutls-cli -p "$p" "$host" --logfile "$client_log.info"
			--priority "$(gnutls_prio "$ver" "$cipher" "$auth")")
		case $auth in
		x509 | mtls)
			cmd+=(--x509cafile "$pki/ca.crt"
				--verify-hostname server.test)
			;;&
		mtls)
			cmd+=(--x509certfile "$pki/client.crt"
				--x509keyfile "$pki/client.key")
			;;
		psk)
			cmd+=(--pskusername "$PSK_ID"
				--pskkey "${CLIENT_PSK_HEX:-$PSK_HEX}")
			;;
		esac
		;;
	*) return 1 ;;
	esac
	cmd+=("$@")
	client_cmd="${cmd[*]}"
	[ "$out" != - ] || { out=$work/client-$p.out && size=0; }
	: >"$out"
	# shellcheck disable=SC2094 # the writer only watches OUT grow
	{
		cat "$in"
		[ "$size" = 0 ] || wait_until 200 size_at_least "$out" "$size"
	} | timeout -k 2 "$PEER_LIMIT" ip netns exec "$PEER_NS" "${cmd[@]}" \
		>"$out" 2>"$client_log"
}

# The probe and the matrix cells.
# shellcheck source=tests/vm/probe.sh
. "$(dirname "${BASH_SOURCE[0]}")/probe.sh"
