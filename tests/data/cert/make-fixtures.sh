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
# TLS server certificates issued by a test CA, each with one defect, for the differential test
# against pkilint (tests/pkilint_differential.rs). All carry what a CA puts in a DV leaf.
openssl req -x509 -new -nodes -newkey rsa:2048 -keyout "$tmp/ca.key" -subj "/C=FR/CN=Exemple AC de test" \
  -days 3650 -out "$tmp/ca.pem" 2>/dev/null
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/k2048.key"
mkdir -p tls
leaf() { # name key days digest extra-extensions...
  local name=$1 key=$2 days=$3 md=$4; shift 4
  openssl req -new -key "$key" -subj "/C=FR/CN=www.exemple.fr" -out "$tmp/$name.csr"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "certificatePolicies=2.23.140.1.2.1"
    echo "authorityInfoAccess=caIssuers;URI:http://ca.exemple.fr/ca.crt"
    echo "crlDistributionPoints=URI:http://ca.exemple.fr/ca.crl"
    printf "%s\n" "$@"
  } > "$tmp/$name.ext"
  openssl x509 -req -in "$tmp/$name.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
    -days "$days" -"$md" -extfile "$tmp/$name.ext" -out "tls/$name.pem" 2>/dev/null
}
ok_ku="keyUsage=critical,digitalSignature,keyEncipherment"
leaf good "$tmp/k2048.key" 90 sha256 "$ok_ku" "extendedKeyUsage=serverAuth" "subjectAltName=DNS:www.exemple.fr"
leaf no-san "$tmp/k2048.key" 90 sha256 "$ok_ku" "extendedKeyUsage=serverAuth"
leaf sha1 "$tmp/k2048.key" 90 sha1 "$ok_ku" "extendedKeyUsage=serverAuth" "subjectAltName=DNS:www.exemple.fr"
leaf rsa1024 "$tmp/rsa1024.key" 90 sha256 "$ok_ku" "extendedKeyUsage=serverAuth" "subjectAltName=DNS:www.exemple.fr"
leaf too-long "$tmp/k2048.key" 400 sha256 "$ok_ku" "extendedKeyUsage=serverAuth" "subjectAltName=DNS:www.exemple.fr"
leaf wildcard-misplaced "$tmp/k2048.key" 90 sha256 "$ok_ku" "extendedKeyUsage=serverAuth" "subjectAltName=DNS:www.exemple.fr,DNS:w*.exemple.fr"
leaf underscore "$tmp/k2048.key" 90 sha256 "$ok_ku" "extendedKeyUsage=serverAuth" "subjectAltName=DNS:www.exemple.fr,DNS:mon_site.exemple.fr"
leaf client-eku "$tmp/k2048.key" 90 sha256 "keyUsage=critical,digitalSignature" "extendedKeyUsage=clientAuth" "subjectAltName=DNS:www.exemple.fr"
leaf sha1-rsa1024-no-san "$tmp/rsa1024.key" 90 sha1 "$ok_ku" "extendedKeyUsage=serverAuth"
# TLS leaves with a P-256 key, issued by CAs that sign with schemes no CA/B policy admits:
# DSA and Ed448 (only the signature algorithm is wrong with them).
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$tmp/dsa.param" 2>/dev/null
openssl genpkey -quiet -paramfile "$tmp/dsa.param" -out "$tmp/dsa-ca.key"
openssl genpkey -quiet -algorithm ED448 -out "$tmp/ed448-ca.key"
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/p256.key"
for alg in dsa ed448; do
  digest=$([ "$alg" = dsa ] && echo -sha256 || true)
  openssl req -x509 -new -key "$tmp/$alg-ca.key" $digest -days 3650 -subj "/C=FR/CN=AC $alg" \
    -out "$tmp/$alg-ca.pem"
  openssl req -new -key "$tmp/p256.key" -subj "/C=FR/CN=www.exemple.fr" -out "$tmp/$alg-leaf.csr"
  printf "%s\n" "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:www.exemple.fr" > "$tmp/$alg-leaf.ext"
  openssl x509 -req -in "$tmp/$alg-leaf.csr" -CA "$tmp/$alg-ca.pem" -CAkey "$tmp/$alg-ca.key" \
    -CAcreateserial -days 90 $digest -extfile "$tmp/$alg-leaf.ext" -out "$alg-signed.pem" 2>/dev/null
done
# A 3072-bit RSA key, the Code Signing BR's smallest since 2021-06-01 (tests/code_signing.rs).
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out rsa-3072.key
echo "certificate fixtures written to $(pwd)"
