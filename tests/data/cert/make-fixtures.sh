#!/usr/bin/env bash
# Makes the certificate fixtures that rcgen cannot (RSA keys, SHA-1 signatures) with the openssl
# CLI. Outputs are committed; run again only to change them:  bash tests/data/cert/make-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$tmp/rsa1024.key"
# A TLS leaf with a 1024-bit key, self-signed with SHA-1 (both refused by any current policy).
openssl req -x509 -new -key "$tmp/rsa1024.key" -sha1 -days 90 -subj "/C=FR/CN=www.exemple.fr" \
  -addext "subjectAltName=DNS:www.exemple.fr" -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth" \
  -out rsa1024-sha1.pem
echo "certificate fixtures written to $(pwd)"
