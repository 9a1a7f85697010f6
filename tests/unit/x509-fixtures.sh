#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/unit/x509-fixtures.sh DIR
#
# Makes the certificates, keys and CRLs that unit.x509 (test_x509.c) feeds
# to module/x509.c, with the openssl command, in DIR. Each certificate X
# comes with X.spki (its SubjectPublicKeyInfo DER, from openssl),
# X.enddate and X.fingerprint (openssl's own words) to compare against.
set -euo pipefail

[ $# -eq 1 ] || {
	echo "usage: $0 DIR" >&2
	exit 2
}
cd "$1"

ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc)
selfsigned() { # NAME SUBJECT [openssl req options...]
	local name=$1 subj=$2
	shift 2
	openssl req -x509 -days 30 -subj "$subj" -out "$name.pem" "$@"
}
facts() { # NAME: what openssl says of NAME.pem
	openssl x509 -in "$1.pem" -outform DER -out "$1.der"
	openssl x509 -in "$1.pem" -noout -pubkey |
		openssl pkey -pubin -outform DER -out "$1.spki"
	openssl x509 -in "$1.pem" -noout -enddate >"$1.enddate"
	openssl x509 -in "$1.pem" -noout -fingerprint -sha256 >"$1.fingerprint"
}

# EC P-256 with every SAN kind we list (and two we skip), its key in
# PKCS#8, SEC1 (with and without an EC PARAMETERS block) and DER.
selfsigned ec "/CN=server.test/O=ktlsctl" "${ec[@]}" -keyout ec.key \
	-addext "subjectAltName=otherName:1.2.3.4;UTF8:skipped,DNS:server.test,DNS:alt.test,IP:10.0.0.1,IP:fd00::1,email:admin@server.test,RID:1.2.3.4,URI:https://server.test/x"
facts ec
openssl pkey -in ec.key -outform DER -out ec-p8.der
openssl pkey -in ec.key -traditional -out ec-sec1.pem
openssl ec -in ec.key -outform DER -out ec-sec1.der
openssl ecparam -name prime256v1 -out ec-params.pem
cat ec-params.pem ec-sec1.pem >ec-params-sec1.pem
openssl ec -in ec.key -no_public -out ec-nopub.pem
openssl ec -in ec.key -param_enc explicit -out ec-explicit.pem
openssl ecparam -name prime256v1 -genkey -out ec-other.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec-p384.key
# A PKCS#8 body under a PKCS#1 label.
sed 's/ PRIVATE KEY-----/ RSA PRIVATE KEY-----/' ec.key >ec-mislabeled.pem

# RSA-2048, its key in PKCS#8, PKCS#1 and DER, encrypted three ways.
selfsigned rsa "/CN=rsa.test/O=ktlsctl" -newkey rsa:2048 -noenc -keyout rsa.key \
	-addext "subjectAltName=DNS:rsa.test,IP:192.0.2.7,IP:2001:db8::7,email:rsa@rsa.test"
facts rsa
openssl rsa -in rsa.key -traditional -out rsa-p1.pem
openssl rsa -in rsa.key -traditional -outform DER -out rsa-p1.der
openssl pkey -in rsa.key -outform DER -out rsa-p8.der
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-other.key
openssl pkey -in rsa.key -aes256 -passout pass:secret -out rsa-enc.pem
openssl rsa -in rsa.key -traditional -aes256 -passout pass:secret -out rsa-enc-trad.pem
openssl pkcs8 -topk8 -in rsa.key -passout pass:secret -outform DER -out rsa-enc.der

# Ed25519: the certificate parses, the key is not supported.
openssl genpkey -algorithm ed25519 -out ed.key
selfsigned ed "/CN=ed.test" -key ed.key
facts ed

# Names: every attribute we name, an OID we do not, escapes, a
# multi-valued RDN, and one longer than the cap.
selfsigned names "/C=DE/ST=Berlin/L=Kreuzberg/O=ktlsctl/OU=unit/CN=names.test/emailAddress=ops@names.test/serialNumber=42/title=ops/DC=test" \
	"${ec[@]}" -keyout names.key
facts names
selfsigned esc "/CN=Grün\\\\/OU=tab	x+O=multi" -utf8 -multivalue-rdn \
	"${ec[@]}" -keyout esc.key
a=$(printf '%060d' 0)
selfsigned long "/CN=long.test/OU=${a//0/a}/OU=${a//0/b}/OU=${a//0/c}/OU=${a//0/d}/OU=${a//0/e}" \
	"${ec[@]}" -keyout long.key
# More SANs than a listing keeps; IPv6 addresses to compress.
sans=IP:2001:db8:0:0:1:0:0:1,IP:::,IP:::1,IP:1::,IP:0:0:1:0:0:0:0:1,IP:1:0:1:1:1:1:1:1
for i in $(seq -w 1 14); do sans+=",DNS:d$i.test"; done
selfsigned many "/CN=many.test" "${ec[@]}" -keyout many.key \
	-addext "subjectAltName=$sans"
facts many

# A chain: root, intermediate, leaf (PEM, DER, PEM with openssl's
# subject= and issuer= lines between the blocks).
selfsigned root "/CN=Root CA/O=ktlsctl" "${ec[@]}" -keyout root.key \
	-addext basicConstraints=critical,CA:TRUE \
	-addext keyUsage=critical,keyCertSign,cRLSign
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' >ca.ext
printf 'subjectAltName=DNS:leaf.test\n' >leaf.ext
openssl req -new "${ec[@]}" -keyout int.key -subj "/CN=Intermediate CA/O=ktlsctl" -out int.csr
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -set_serial 2 \
	-days 30 -extfile ca.ext -out int.pem
openssl req -new "${ec[@]}" -keyout leaf.key -subj "/CN=leaf.test" -out leaf.csr
openssl x509 -req -in leaf.csr -CA int.pem -CAkey int.key -set_serial 3 \
	-days 30 -extfile leaf.ext -out leaf.pem
facts leaf
cat leaf.pem int.pem root.pem >chain.pem
for c in leaf int root; do openssl x509 -in $c.pem -outform DER; done >chain.der
for c in leaf int root; do openssl x509 -in $c.pem -subject -issuer; done >chain-text.pem
# The leaf's DER with two bytes after it, in one PEM block.
{ cat leaf.der; printf '\0\0'; } | openssl base64 |
	sed -e '1i -----BEGIN CERTIFICATE-----' -e '$a -----END CERTIFICATE-----' >trailing.pem

# A minimal CA: a CRL revoking the intermediate, and certificates with
# fixed dates (GeneralizedTime from 2050 on, UTCTime before 2000).
mkdir -p ca
: >ca/index.txt
echo 01 >ca/crlnumber
echo 10 >ca/serial
cat >ca.cnf <<EOF
[ca]
default_ca = root
[root]
database = ca/index.txt
crlnumber = ca/crlnumber
serial = ca/serial
new_certs_dir = ca
certificate = root.pem
private_key = root.key
default_md = sha256
default_crl_days = 30
policy = any
unique_subject = no
[any]
commonName = supplied
EOF
openssl ca -batch -config ca.cnf -revoke int.pem
openssl ca -batch -config ca.cnf -gencrl -out crl.pem
openssl crl -in crl.pem -outform DER -out crl.der
openssl req -new "${ec[@]}" -keyout fixed.key -subj "/CN=fixed.test" -out fixed.csr
openssl ca -batch -config ca.cnf -in fixed.csr -notext -out gentime.pem \
	-startdate 20240101000000Z -enddate 20500101000000Z
openssl ca -batch -config ca.cnf -in fixed.csr -notext -out utctime.pem \
	-startdate 19900101000000Z -enddate 19991231235959Z
