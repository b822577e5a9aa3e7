#!/usr/bin/env bash
# Makes the CSRs that the product-catalogue tests need, with the openssl CLI. The outputs are
# committed; run again only to change them:  bash tests/data/csr/make-profile-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p profile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/rsa2048.key"
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$tmp/rsa3072.key"
req() { # output key subject [options...]
  local out=$1 k=$2 s=$3; shift 3
  openssl req -new -key "$tmp/$k.key" -subj "$s" -sha256 -out "profile/$out" "$@"
}
# EV: only names under gouv.qc.ca (000).
req ev-gouv.csr rsa2048 "/C=CA/ST=Quebec/L=Quebec/O=Ministere Exemple/CN=www.exemple.gouv.qc.ca" \
  -addext "subjectAltName=DNS:www.exemple.gouv.qc.ca,DNS:services.exemple.gouv.qc.ca"
req ev-wildcard.csr rsa2048 "/C=CA/O=Ministere Exemple/CN=*.exemple.gouv.qc.ca" \
  -addext "subjectAltName=DNS:*.exemple.gouv.qc.ca"
# UC: three names (one alias beyond the two of the base).
req uc-three.csr rsa2048 "/C=CA/O=Organisme/CN=www.organisme.qc.ca" \
  -addext "subjectAltName=DNS:www.organisme.qc.ca,DNS:organisme.qc.ca,DNS:portail.organisme.qc.ca"
# Wildcards: two of them, and one directly under a public suffix.
req wildcard-two.csr rsa2048 "/C=CA/CN=*.a.exemple.ca" -addext "subjectAltName=DNS:*.a.exemple.ca,DNS:*.b.exemple.ca"
req wildcard-public-suffix.csr rsa2048 "/C=CA/CN=*.qc.ca" -addext "subjectAltName=DNS:*.qc.ca"
# Code signing: RSA 3072 and no domain name; then RSA 2048; then with a DNS name.
req code-signing.csr rsa3072 "/C=CA/ST=Quebec/O=Editeur Exemple/CN=Editeur Exemple" \
  -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=critical,digitalSignature"
req code-signing-rsa2048.csr rsa2048 "/C=CA/O=Editeur Exemple/CN=Editeur Exemple" -addext "extendedKeyUsage=codeSigning"
req code-signing-dns.csr rsa3072 "/C=CA/O=Editeur Exemple/CN=Editeur Exemple" \
  -addext "subjectAltName=DNS:www.editeur.ca" -addext "extendedKeyUsage=codeSigning"
# IGC-Santé Diapason: the GAP's server (FQDN under the authorised domain) and client certificates.
req gap-serveur.csr rsa2048 "/C=FR/O=CH Ville/OU=0002 260000000/CN=gap.ch-ville.fr" \
  -addext "subjectAltName=DNS:gap.ch-ville.fr" -addext "extendedKeyUsage=serverAuth"
req gap-serveur-autre-domaine.csr rsa2048 "/C=FR/O=CH Ville/CN=gap.autrech-ville.fr" \
  -addext "subjectAltName=DNS:gap.autrech-ville.fr"
req gap-client.csr rsa2048 "/C=FR/O=CH Ville/OU=0002 260000000/CN=Client_Diapason_PSP" -addext "extendedKeyUsage=clientAuth"
req gap-client-server-eku.csr rsa2048 "/C=FR/O=CH Ville/CN=Client_Diapason_PSP" -addext "extendedKeyUsage=serverAuth"
# A CA's request (004): RSA 3072, basicConstraints CA, keyCertSign and cRLSign.
req ca-rsa3072.csr rsa3072 "/C=FR/O=Exemple AC/CN=Exemple AC Intermediaire" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign"
echo "profile fixtures written to $(pwd)/profile"
