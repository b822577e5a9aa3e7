#!/bin/sh
# The OCSP fixtures of tests/revocation_edges.rs: a CA, a leaf (serial 0x1001), and two
# `good` responses (SHA-256) from a delegated responder (id-kp-OCSPSigning, ocsp-nocheck)
# whose certificate the CA signed with SHA-1, then with SHA-256. Made on 2026-12-04.
set -e
cd "$(mktemp -d)"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -sha256 \
  -subj "/CN=Revue OCSP CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:revue.example\n' > leaf.ext
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=OCSPSigning\n1.3.6.1.5.5.7.48.1.5=ASN1:NULL\n' > resp.ext
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=revue.example"
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -set_serial 0x1001 -days 1000 -sha256 -extfile leaf.ext -out leaf.pem
openssl req -newkey rsa:2048 -nodes -keyout resp.key -out resp.csr -subj "/CN=Revue OCSP Responder"
openssl x509 -req -in resp.csr -CA ca.pem -CAkey ca.key -set_serial 0x2001 -days 1000 -sha1 -extfile resp.ext -out resp-sha1.pem
openssl x509 -req -in resp.csr -CA ca.pem -CAkey ca.key -set_serial 0x2002 -days 1000 -sha256 -extfile resp.ext -out resp-sha256.pem
e=$(date -u -d "$(openssl x509 -in leaf.pem -noout -enddate | cut -d= -f2)" +%y%m%d%H%M%SZ)
printf 'V\t%s\t\t1001\tunknown\t/CN=revue.example\n' "$e" > index.txt
for v in sha1 sha256; do
  openssl ocsp -index index.txt -rsigner resp-$v.pem -rkey resp.key -CA ca.pem -issuer ca.pem \
    -cert leaf.pem -rmd sha256 -ndays 30 -respout good-by-$v-responder.der
done
cp ca.pem leaf.pem good-by-sha1-responder.der good-by-sha256-responder.der "$OLDPWD"

# past/: past validation (a signature judged on 2026-03-01 with evidence up to 2026-12-10).
# `openssl ca` with explicit dates: a CA (2025–2035), a signer (2026-01-01 to 2029-01-01,
# serial 0x1001), and `good` responses produced on 2026-12-04 by a delegated responder
# (ocsp-nocheck) valid 2026-01-01 to 2026-04-01 (expired when it signed), then by one valid
# to 2027-06-01. The config: policy commonName = supplied; extensions v3_ca (CA, keyCertSign,
# cRLSign), leaf (digitalSignature, nonRepudiation), responder (OCSPSigning, nocheck).
#   openssl ca -selfsign -startdate 20250101000000Z -enddate 20350101000000Z -extensions v3_ca …
#   openssl ca -startdate 20260101000000Z -enddate 20290101000000Z -extensions leaf …
#   openssl ca -startdate 20260101000000Z -enddate 20260401000000Z -extensions responder …
#   openssl ca -startdate 20260101000000Z -enddate 20270601000000Z -extensions responder …
#   openssl ocsp -index db/index.txt -rsigner resp-….pem -rkey resp.key -CA ca.pem \
#     -issuer ca.pem -cert leaf.pem -rmd sha256 -ndays 30 -respout good-by-…-responder.der
