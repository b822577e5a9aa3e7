#!/usr/bin/env bash
# Makes the chain, CRL, OCSP and PKCS#12 fixtures with the openssl CLI (`openssl ca` keeps the
# index that CRLs and OCSP responses are made from). Two PKIs stand for the Diapason gateway:
#   IngeTrust (test): root -> "IngeTrust Test TPE CA" -> payment terminals (client certificates)
#   IGC-Santé (test): ACR -> ACI -> the gateway's SSL_SERVEUR certificate gap.ch-ville.fr
# plus an expired root. Certificates run 2026-01-01 to 2036-01-01; the tests judge at
# 2027-06-01 (and at the real time for TLS handshakes). Outputs are committed; run again only to
# change them:  bash tests/data/chain/make-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
rm -rf ./*.pem ./*.der ./*.crl ./*.p12 ./*.key
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

START=20260101000000Z
END=20360101000000Z

# A CA directory for `openssl ca`: name, then the key and certificate paths it signs with.
ca_dir() {
  local name=$1 key=$2 cert=$3 d="$tmp/$1"
  mkdir -p "$d/new"
  : > "$d/index.txt"
  echo 1000 > "$d/serial"
  echo 01 > "$d/crlnumber"
  cat > "$d/ca.cnf" <<EOF
[ca]
default_ca = this
[this]
dir = $d
database = $d/index.txt
new_certs_dir = $d/new
serial = $d/serial
crlnumber = $d/crlnumber
certificate = $cert
private_key = $key
default_md = sha256
policy = any
unique_subject = no
preserve = yes
copy_extensions = none
crl_extensions = crl_ext
[any]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
countryName = optional
[crl_ext]
authorityKeyIdentifier = keyid
EOF
}

key() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }

# issue CA-NAME KEY SUBJECT OUT START END EXTENSIONS...
issue() {
  local ca=$1 key=$2 subj=$3 out=$4 start=$5 end=$6; shift 6
  printf "%s\n" "$@" > "$tmp/ext"
  openssl req -new -key "$key" -subj "$subj" -out "$tmp/req.csr"
  openssl ca -batch -config "$tmp/$ca/ca.cnf" -in "$tmp/req.csr" -out "$tmp/out.pem" \
    -startdate "$start" -enddate "$end" -extfile "$tmp/ext" -notext 2>/dev/null
  openssl x509 -in "$tmp/out.pem" -out "$out"
}

# root NAME SUBJECT START END: a self-signed CA.
root() {
  local name=$1 subj=$2 start=$3 end=$4
  key "$tmp/$name.key"
  openssl req -new -key "$tmp/$name.key" -subj "$subj" -out "$tmp/$name.csr"
  printf "%s\n" "basicConstraints=critical,CA:TRUE" "keyUsage=critical,keyCertSign,cRLSign" \
    "subjectKeyIdentifier=hash" > "$tmp/ext"
  ca_dir "$name" "$tmp/$name.key" "$name.pem"
  openssl ca -batch -selfsign -config "$tmp/$name/ca.cnf" -keyfile "$tmp/$name.key" \
    -in "$tmp/$name.csr" -out "$tmp/out.pem" -startdate "$start" -enddate "$end" \
    -extfile "$tmp/ext" -notext 2>/dev/null
  openssl x509 -in "$tmp/out.pem" -out "$name.pem"
}

# intermediate NAME PARENT SUBJECT CRL-URL
intermediate() {
  local name=$1 parent=$2 subj=$3 url=$4
  key "$tmp/$name.key"
  issue "$parent" "$tmp/$name.key" "$subj" "$name.pem" $START $END \
    "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,keyCertSign,cRLSign" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" "crlDistributionPoints=URI:$url"
  ca_dir "$name" "$tmp/$name.key" "$name.pem"
}

# crl CA OUT LAST NEXT: the CA's CRL from its index, PEM, and DER beside it.
crl() {
  openssl ca -gencrl -config "$tmp/$1/ca.cnf" -crl_lastupdate "$3" -crl_nextupdate "$4" \
    -out "$2" 2>/dev/null
}

leaf_ext() { # usage names...
  echo "basicConstraints=critical,CA:FALSE"
  echo "keyUsage=critical,digitalSignature,keyEncipherment"
  echo "extendedKeyUsage=$1"
  echo "authorityKeyIdentifier=keyid"
  echo "crlDistributionPoints=URI:$2"
  [ -n "${3:-}" ] && echo "subjectAltName=$3"
  return 0
}

# --- IngeTrust: the terminals' PKI -------------------------------------------------------------
root ingetrust-root "/C=FR/O=IngeTrust Test/CN=IngeTrust Test Root" $START $END
intermediate ingetrust-ca ingetrust-root "/C=FR/O=IngeTrust Test/CN=IngeTrust Test TPE CA" \
  http://ingetrust.test/root.crl
key "$tmp/tpe.key"
cp "$tmp/tpe.key" tpe.key
ca_url=http://ingetrust.test/tpe-ca.crl
issue ingetrust-ca "$tmp/tpe.key" "/C=FR/O=CH Ville/CN=TPE-0001" tpe-good.pem $START $END \
  $(leaf_ext clientAuth $ca_url)
issue ingetrust-ca "$tmp/tpe.key" "/C=FR/O=CH Ville/CN=TPE-0002" tpe-revoked.pem $START $END \
  $(leaf_ext clientAuth $ca_url)
issue ingetrust-ca "$tmp/tpe.key" "/C=FR/O=CH Ville/CN=TPE-0003" tpe-expired.pem \
  20200101000000Z 20210101000000Z $(leaf_ext clientAuth $ca_url)
issue ingetrust-ca "$tmp/tpe.key" "/C=FR/O=PSP Exemple/CN=psp.exemple.fr" psp-server.pem $START $END \
  $(leaf_ext serverAuth $ca_url DNS:psp.exemple.fr)
openssl ca -config "$tmp/ingetrust-ca/ca.cnf" -revoke tpe-revoked.pem -crl_reason keyCompromise 2>/dev/null
# A delegated OCSP responder the CA has since revoked (no id-pkix-ocsp-nocheck).
key "$tmp/retired.key"
issue ingetrust-ca "$tmp/retired.key" "/C=FR/O=IngeTrust Test/CN=IngeTrust Test OCSP retired" \
  ocsp-responder-retired.pem $START $END "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" "extendedKeyUsage=OCSPSigning"
openssl ca -config "$tmp/ingetrust-ca/ca.cnf" -revoke ocsp-responder-retired.pem -crl_reason keyCompromise 2>/dev/null
crl ingetrust-ca ingetrust-ca.crl.pem 20260101000000Z 20360101000000Z
openssl crl -in ingetrust-ca.crl.pem -outform der -out ingetrust-ca.crl.der
crl ingetrust-ca ingetrust-ca-expired.crl.pem 20260101000000Z 20260601000000Z
crl ingetrust-ca ingetrust-ca-future.crl.pem 20300101000000Z 20360101000000Z
crl ingetrust-root ingetrust-root.crl.pem 20260101000000Z 20360101000000Z
crl ingetrust-root ingetrust-root-last.crl.pem 20260101000000Z 99991231235959Z

# OCSP: a delegated responder certified by the TPE CA, and the CA answering itself.
key "$tmp/responder.key"
issue ingetrust-ca "$tmp/responder.key" "/C=FR/O=IngeTrust Test/CN=IngeTrust Test OCSP" \
  ocsp-responder.pem $START $END "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" "extendedKeyUsage=OCSPSigning"
ocsp() { # LEAF SIGNER-CERT SIGNER-KEY OUT
  openssl ocsp -issuer ingetrust-ca.pem -cert "$1" -no_nonce -reqout "$tmp/req.der" 2>/dev/null
  openssl ocsp -index "$tmp/ingetrust-ca/index.txt" -CA ingetrust-ca.pem -rsigner "$2" -rkey "$3" \
    -reqin "$tmp/req.der" -respout "$tmp/resp.der" -ndays 3650 2>/dev/null
  openssl ocsp -respin "$tmp/resp.der" -resp_text -noverify 2>/dev/null | head -0
  cp "$tmp/resp.der" "$4"
}
ocsp tpe-good.pem ocsp-responder.pem "$tmp/responder.key" tpe-good.ocsp.der
ocsp tpe-revoked.pem ocsp-responder.pem "$tmp/responder.key" tpe-revoked.ocsp.der
ocsp tpe-good.pem ingetrust-ca.pem "$tmp/ingetrust-ca.key" tpe-good-by-ca.ocsp.der
ocsp tpe-good.pem ocsp-responder-retired.pem "$tmp/retired.key" tpe-good-by-retired.ocsp.der
# A response signed by a certificate without id-kp-OCSPSigning (the PSP's server certificate).
cp "$tmp/tpe.key" "$tmp/psp.key"
ocsp tpe-good.pem tpe-good.pem "$tmp/tpe.key" tpe-good-unauthorised.ocsp.der

# --- IGC-Santé: the gateway's own certificate ---------------------------------------------------
root igc-sante-acr "/C=FR/O=IGC-Sante Test/CN=IGC-Sante Test ACR" $START $END
intermediate igc-sante-aci igc-sante-acr "/C=FR/O=IGC-Sante Test/CN=IGC-Sante Test ACI SSL_SERVEUR" \
  http://igc-sante.test/acr.crl
key "$tmp/gap.key"
cp "$tmp/gap.key" gap.key
aci_url=http://igc-sante.test/aci.crl
issue igc-sante-aci "$tmp/gap.key" "/C=FR/O=CH Ville/CN=gap.ch-ville.fr" gap-server.pem $START $END \
  $(leaf_ext serverAuth,clientAuth $aci_url DNS:gap.ch-ville.fr)
issue igc-sante-aci "$tmp/gap.key" "/C=FR/O=CH Ville/CN=gap.ch-ville.fr" gap-server-cn-only.pem $START $END \
  $(leaf_ext serverAuth $aci_url)
# The SAN is right but the CN is a label, not the FQDN the terminals compare it with.
issue igc-sante-aci "$tmp/gap.key" "/C=FR/O=CH Ville/CN=Passerelle GAP" gap-server-cn-label.pem $START $END \
  $(leaf_ext serverAuth $aci_url DNS:gap.ch-ville.fr)
crl igc-sante-aci igc-sante-aci.crl.pem 20260101000000Z 20360101000000Z
crl igc-sante-acr igc-sante-acr.crl.pem 20260101000000Z 20360101000000Z
openssl pkcs12 -export -inkey "$tmp/gap.key" -in gap-server.pem \
  -certfile <(cat igc-sante-aci.pem igc-sante-acr.pem) -passout pass:diapason -out gap.p12
# The classic incomplete chain: the CSR was made locally and the ACI never added.
openssl pkcs12 -export -inkey "$tmp/gap.key" -in gap-server.pem -certfile igc-sante-acr.pem \
  -passout pass:diapason -out gap-incomplete.p12

# Without the root (ACR), and without the key at all.
openssl pkcs12 -export -inkey "$tmp/gap.key" -in gap-server.pem -certfile igc-sante-aci.pem \
  -passout pass:diapason -out gap-no-root.p12
openssl pkcs12 -export -nokeys -in gap-server.pem -passout pass:diapason -out gap-no-key.p12

# --- Chains as people send them -----------------------------------------------------------------
cat tpe-good.pem ingetrust-ca.pem > tpe-good-chain.pem
cat tpe-revoked.pem ingetrust-ca.pem > tpe-revoked-chain.pem
cat tpe-expired.pem ingetrust-ca.pem > tpe-expired-chain.pem
cat ingetrust-ca.pem tpe-good.pem > tpe-wrong-order.pem
cat tpe-good.pem ingetrust-ca.pem gap-server.pem > tpe-extra.pem
cat gap-server.pem igc-sante-aci.pem > gap-chain.pem
cat gap-server-cn-only.pem igc-sante-aci.pem > gap-cn-only-chain.pem
cat psp-server.pem ingetrust-ca.pem > psp-chain.pem
cat gap-server-cn-label.pem igc-sante-aci.pem > gap-cn-label-chain.pem

# --- An expired root that still signs a valid leaf, and a self-signed leaf ---------------------
root old-root "/C=FR/O=Ancienne AC/CN=Ancienne Racine" 20150101000000Z 20250101000000Z
key "$tmp/old.key"
issue old-root "$tmp/old.key" "/C=FR/CN=www.exemple.fr" old-root-leaf.pem $START $END \
  $(leaf_ext serverAuth http://old.test/root.crl DNS:www.exemple.fr)
openssl req -x509 -new -key "$tmp/old.key" -subj "/C=FR/CN=www.exemple.fr" -days 3650 \
  -addext "subjectAltName=DNS:www.exemple.fr" -addext "basicConstraints=critical,CA:FALSE" \
  -out self-signed.pem

# --- A forged CRL: the TPE CA's name, signed by a key that is not the CA's ---------------------
root forger "/C=FR/O=IngeTrust Test/CN=IngeTrust Test TPE CA" $START $END
crl forger ingetrust-ca-forged.crl.pem 20260101000000Z 20360101000000Z
rm forger.pem
