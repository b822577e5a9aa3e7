#!/usr/bin/env bash
# Makes matching request/certificate/key sets with the openssl CLI: a test CA issues a
# certificate for each request; keys are written in every encoding people hold them in.
# Outputs are committed; run again only to change them:  bash tests/data/match/make-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/ca.key" \
  -subj "/C=FR/O=Exemple AC/CN=Exemple AC de test" -days 3650 -out ca.pem 2>/dev/null
issue() { # name key-file subject san
  local name=$1 key=$2 subj=$3 san=$4
  openssl req -new -key "$key" -subj "$subj" -addext "subjectAltName=$san" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey "$tmp/ca.key" -CAcreateserial -days 90 \
    -copy_extensions copy -out "$name.pem" 2>/dev/null
}
# RSA: PKCS#8 and PKCS#1 encodings of the same key, and an encrypted copy.
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.key
openssl pkey -in rsa-pkcs8.key -traditional -out rsa-pkcs1.key
openssl pkey -in rsa-pkcs8.key -aes256 -passout pass:secret -out rsa-encrypted.key
issue rsa rsa-pkcs8.key "/C=FR/O=Exemple SA/CN=www.exemple.fr" "DNS:www.exemple.fr,DNS:exemple.fr"
# EC P-256: PKCS#8 and SEC1.
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-pkcs8.key
openssl ec -in ec-pkcs8.key -out ec-sec1.key 2>/dev/null
issue ec ec-pkcs8.key "/C=FR/O=Exemple SA/CN=api.exemple.fr" "DNS:api.exemple.fr"
# Ed25519.
openssl genpkey -quiet -algorithm ED25519 -out ed25519.key
issue ed25519 ed25519.key "/C=FR/CN=ed.exemple.fr" "DNS:ed.exemple.fr"
# Another request for www.exemple.fr with another key (same names, different key).
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other.key
openssl req -new -key other.key -subj "/C=FR/O=Exemple SA/CN=www.exemple.fr" \
  -addext "subjectAltName=DNS:www.exemple.fr,DNS:exemple.fr" -out other.csr
# A request for more names than the certificate carries.
openssl req -new -key rsa-pkcs8.key -subj "/C=FR/O=Autre SA/CN=www.exemple.fr" \
  -addext "subjectAltName=DNS:www.exemple.fr,DNS:exemple.fr,DNS:shop.exemple.fr" -out rsa-more-names.csr
# An RSA key whose modulus is not the product of its primes (q replaced by p + 2).
python3 - "$tmp" <<'PY'
import subprocess, sys, re
text = subprocess.run(["openssl", "rsa", "-in", "rsa-pkcs8.key", "-text", "-noout"], capture_output=True, text=True).stdout
def field(name):
    block = re.search(name + r":\s*\n((?:\s+[0-9a-f:]+\n)+)", text).group(1)
    return int(re.sub(r"[\s:]", "", block), 16)
n, e, d = field("modulus"), 65537, field("privateExponent")
p, q = field("prime1"), field("prime2")
q = q + 2
conf = f"asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\nn=INTEGER:{n}\ne=INTEGER:{e}\nd=INTEGER:{d}\np=INTEGER:{p}\nq=INTEGER:{q}\ndp=INTEGER:{d % (p-1)}\ndq=INTEGER:{d % (q-1)}\nqi=INTEGER:1\n"
open(sys.argv[1] + "/bad.conf", "w").write(conf)
PY
openssl asn1parse -genconf "$tmp/bad.conf" -noout -out "$tmp/bad.der"
{ echo "-----BEGIN RSA PRIVATE KEY-----"; base64 -w 64 "$tmp/bad.der"; echo "-----END RSA PRIVATE KEY-----"; } > rsa-inconsistent.key
# The same modulus and primes (p·q = n) with d = 3 and made-up CRT values: only the whole key's
# checks refuse it.
python3 - "$tmp" <<'PY'
import subprocess, sys, re
text = subprocess.run(["openssl", "rsa", "-in", "rsa-pkcs8.key", "-text", "-noout"], capture_output=True, text=True).stdout
def field(name):
    block = re.search(name + r":\s*\n((?:\s+[0-9a-f:]+\n)+)", text).group(1)
    return int(re.sub(r"[\s:]", "", block), 16)
n, p, q = field("modulus"), field("prime1"), field("prime2")
conf = f"asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\nn=INTEGER:{n}\ne=INTEGER:65537\nd=INTEGER:3\np=INTEGER:{p}\nq=INTEGER:{q}\ndp=INTEGER:1\ndq=INTEGER:1\nqi=INTEGER:1\n"
open(sys.argv[1] + "/bogus.conf", "w").write(conf)
PY
openssl asn1parse -genconf "$tmp/bogus.conf" -noout -out "$tmp/bogus.der"
{ echo "-----BEGIN RSA PRIVATE KEY-----"; base64 -w 64 "$tmp/bogus.der"; echo "-----END RSA PRIVATE KEY-----"; } > rsa-bogus-d.key
# The right d, made-up CRT values.
python3 - "$tmp" <<'PY'
import subprocess, sys, re
text = subprocess.run(["openssl", "rsa", "-in", "rsa-pkcs8.key", "-text", "-noout"], capture_output=True, text=True).stdout
def field(name):
    block = re.search(name + r":\s*\n((?:\s+[0-9a-f:]+\n)+)", text).group(1)
    return int(re.sub(r"[\s:]", "", block), 16)
n, d, p, q = field("modulus"), field("privateExponent"), field("prime1"), field("prime2")
conf = f"asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\nn=INTEGER:{n}\ne=INTEGER:65537\nd=INTEGER:{d}\np=INTEGER:{p}\nq=INTEGER:{q}\ndp=INTEGER:{d % (p-1)}\ndq=INTEGER:{d % (q-1)}\nqi=INTEGER:7\n"
open(sys.argv[1] + "/crt.conf", "w").write(conf)
PY
openssl asn1parse -genconf "$tmp/crt.conf" -noout -out "$tmp/crt.der"
{ echo "-----BEGIN RSA PRIVATE KEY-----"; base64 -w 64 "$tmp/crt.der"; echo "-----END RSA PRIVATE KEY-----"; } > rsa-bogus-crt.key
rm -f ca.srl
echo "match fixtures written to $(pwd)"
