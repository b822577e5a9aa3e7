#!/usr/bin/env bash
# Makes the CSR fixtures of tests/data/csr with the openssl CLI. The outputs are committed so
# that the tests need no openssl; run this again only to change or add fixtures:
#     bash tests/data/csr/make-fixtures.sh
# Keys are throwaway test keys. Python computes the two deliberately weak RSA keys (a small
# factor, primes too close for Fermat) because no key generator will make them; openssl encodes
# them from their integers with asn1parse -genconf and signs with them as with any other key.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

subj="/C=FR/ST=Ile-de-France/L=Paris/O=Exemple SA/CN=www.exemple.fr"
san="subjectAltName=DNS:www.exemple.fr,DNS:exemple.fr"

key() { # name algorithm options...
  local name=$1; shift
  openssl genpkey -quiet -algorithm "$@" -out "$tmp/$name.key"
}
req() { # output key subject [extra openssl req options...]
  local out=$1 k=$2 s=$3; shift 3
  openssl req -new -key "$tmp/$k.key" -subj "$s" -out "$out" "$@"
}

key rsa2048 RSA -pkeyopt rsa_keygen_bits:2048
key rsa3072 RSA -pkeyopt rsa_keygen_bits:3072
key rsa1024 RSA -pkeyopt rsa_keygen_bits:1024
key rsa2052 RSA -pkeyopt rsa_keygen_bits:2052
key rsa_e3 RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3
key p256 EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve
key p384 EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve
key p521 EC -pkeyopt ec_paramgen_curve:P-521 -pkeyopt ec_param_enc:named_curve
key k256 EC -pkeyopt ec_paramgen_curve:secp256k1 -pkeyopt ec_param_enc:named_curve
key ed25519 ED25519
key rsapss RSA-PSS -pkeyopt rsa_keygen_bits:2048

# Accepted requests.
req rsa2048-san.csr rsa2048 "$subj" -sha256 -addext "$san"
req rsa2048-nosan.csr rsa2048 "$subj" -sha256
req rsa3072-sha384.csr rsa3072 "$subj" -sha384 -addext "$san"
req p256.csr p256 "$subj" -sha256 -addext "$san"
req p384.csr p384 "$subj" -sha384 -addext "$san"
req ed25519.csr ed25519 "$subj" -addext "$san"
req wildcard.csr rsa2048 "/C=FR/O=Exemple SA/CN=*.exemple.fr" -sha256 -addext "subjectAltName=DNS:*.exemple.fr"
req idn.csr rsa2048 "/C=FR/CN=xn--bcher-kva.example" -sha256 -addext "subjectAltName=DNS:xn--bcher-kva.example"
req service-name.csr rsa2048 "/C=FR/O=CH Ville/CN=Client_Diapason_PSP" -sha256
# A server request whose CN names no host and which has no SAN (refused by server products).
req cn-not-host.csr rsa2048 "/C=FR/O=CH Ville/CN=mon serveur" -sha256
req usages.csr rsa2048 "$subj" -sha256 -addext "$san" \
  -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
  -addext "extendedKeyUsage=serverAuth,clientAuth"
req ip-san.csr rsa2048 "$subj" -sha256 -addext "subjectAltName=DNS:www.exemple.fr,IP:192.0.2.10"
req email-subject.csr rsa2048 "/C=FR/O=Exemple SA/CN=Jean Dupont/emailAddress=jean.dupont@exemple.fr" -sha256 \
  -addext "subjectAltName=email:jean.dupont@exemple.fr"

# RSA-PSS: the salt length as RFC 4055 recommends (digest length), the maximum openssl picks by
# default with -sigopt, zero, and a PSS-only key (id-RSASSA-PSS in the SPKI).
req pss-salt32.csr rsa2048 "$subj" -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -addext "$san"
req pss-saltmax.csr rsa2048 "$subj" -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max -addext "$san"
req pss-salt0.csr rsa2048 "$subj" -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:0 -addext "$san"
req pss-sha384-salt20.csr rsa2048 "$subj" -sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20 -addext "$san"
req pss-key.csr rsapss "$subj" -sha256 -addext "$san"

# Refused algorithms and keys.
req sha1.csr rsa2048 "$subj" -sha1 -addext "$san"
req md5.csr rsa2048 "$subj" -md5 -addext "$san"
req rsa1024.csr rsa1024 "$subj" -sha256 -addext "$san"
req rsa2052.csr rsa2052 "$subj" -sha256 -addext "$san"
req rsa-e3.csr rsa_e3 "$subj" -sha256 -addext "$san"
req p521.csr p521 "$subj" -sha512 -addext "$san"
req secp256k1.csr k256 "$subj" -sha256 -addext "$san"

# Weak RSA keys made from chosen primes.
python3 - "$tmp" <<'PY'
import random, sys
random.seed(5280)  # reproducible
def is_probable_prime(n):
    if n < 2: return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0: return n == p
    d, s = n - 1, 0
    while d % 2 == 0: d //= 2; s += 1
    for _ in range(32):
        a = random.randrange(2, n - 1)
        x = pow(a, d, n)
        if x in (1, n - 1): continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1: break
        else:
            return False
    return True
def next_prime(n):
    n |= 1
    while not is_probable_prime(n): n += 2
    return n
def write(name, p, q):
    e = 65537
    n = p * q
    d = pow(e, -1, (p - 1) * (q - 1))
    conf = f"""asn1=SEQUENCE:rsa
[rsa]
version=INTEGER:0
n=INTEGER:{n}
e=INTEGER:{e}
d=INTEGER:{d}
p=INTEGER:{p}
q=INTEGER:{q}
dp=INTEGER:{d % (p - 1)}
dq=INTEGER:{d % (q - 1)}
qinv=INTEGER:{pow(q, -1, p)}
"""
    open(f"{sys.argv[1]}/{name}.conf", "w").write(conf)
# Fermat: two 1024-bit primes a few thousand apart.
p = next_prime(random.getrandbits(1024) | (1 << 1023) | (1 << 1022))
q = next_prime(p + 2 + random.randrange(1000, 100000) * 2)
write("fermat", p, q)
# Small factor: 743 times a prime that brings n to 2048 bits.
q = next_prime(random.getrandbits(2039) | (1 << 2038))
while (743 * q).bit_length() != 2048:
    q = next_prime(random.getrandbits(2039) | (1 << 2038))
write("smallfactor", 743, q)
PY
for weak in fermat smallfactor; do
  openssl asn1parse -genconf "$tmp/$weak.conf" -noout -out "$tmp/$weak.der"
  openssl pkey -inform DER -in "$tmp/$weak.der" -out "$tmp/$weak.key" 2>/dev/null \
    || openssl rsa -inform DER -in "$tmp/$weak.der" -out "$tmp/$weak.key"
done
req rsa-fermat.csr fermat "$subj" -sha256 -addext "$san"
req rsa-small-factor.csr smallfactor "$subj" -sha256 -addext "$san"

# Subjects and names.
req no-cn.csr rsa2048 "/C=FR/O=Exemple SA" -sha256 -addext "$san"
req cn-ip.csr rsa2048 "/C=FR/CN=192.0.2.10" -sha256
req cn-underscore.csr rsa2048 "/C=FR/CN=mon_site.exemple.fr" -sha256
# A CN holding a newline and a terminal escape sequence: the text report must keep it on one line.
req cn-control-chars.csr rsa2048 "/C=FR/CN=$(printf 'www.exemple.fr\nACCEPTED \033[32mOK')" -sha256
req cn-trailing-dot.csr rsa2048 "/C=FR/CN=www.exemple.fr." -sha256
req san-long-label.csr rsa2048 "$subj" -sha256 -addext "subjectAltName=DNS:www.exemple.fr,DNS:$(printf 'a%.0s' $(seq 1 64)).fr"
long_name=$(printf 'abcdefghi.%.0s' $(seq 1 26))fr
req san-too-long.csr rsa2048 "$subj" -sha256 -addext "subjectAltName=DNS:www.exemple.fr,DNS:$long_name"
req bad-idn.csr rsa2048 "/C=FR/CN=xn--zz.exemple.fr" -sha256
# (openssl refuses C=FRA outright; the test of a three-letter country makes its CSR with rcgen.)
req country-xx.csr rsa2048 "/C=XX/O=Exemple SA/CN=www.exemple.fr" -sha256
# (openssl refuses a CN over 64 characters; the test of that bound makes its CSR with rcgen.)
req repeated-cn.csr rsa2048 "/C=FR/CN=www.exemple.fr/CN=autre.exemple.fr" -sha256 -multivalue-rdn
req bad-email.csr rsa2048 "/C=FR/CN=Jean Dupont/emailAddress=jean.dupont@@exemple" -sha256
req san-bad-names.csr rsa2048 "$subj" -sha256 \
  -addext "subjectAltName=DNS:www.exemple.fr,DNS:mon_site.exemple.fr,DNS:www.*.exemple.fr,DNS:192.0.2.1,email:pas-une-adresse"
req san-uri.csr rsa2048 "$subj" -sha256 -addext "subjectAltName=DNS:www.exemple.fr,URI:https://www.exemple.fr/"
req requests-ca.csr rsa2048 "$subj" -sha256 -addext "basicConstraints=critical,CA:TRUE"

# challengePassword (002 presents it as protecting the key; it travels in clear).
openssl req -new -key "$tmp/rsa2048.key" -out challenge-password.csr -sha256 -config <(cat <<'CNF'
[req]
distinguished_name=dn
attributes=attrs
prompt=no
[dn]
C=FR
O=Exemple SA
CN=www.exemple.fr
[attrs]
challengePassword=secret-en-clair
CNF
)

# Forms of input: DER, the NEW CERTIFICATE REQUEST label, pasted into an e-mail with CRLF,
# bare base64, a CSR with its key in the same file.
openssl req -in rsa2048-san.csr -outform DER -out rsa2048-san.der
sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/' rsa2048-san.csr > new-label.csr
{
  printf 'Bonjour,\r\n\r\nVoici la CSR pour www.exemple.fr :\r\n\r\n'
  sed 's/$/\r/' rsa2048-san.csr | sed 's/^/   /'
  printf '\r\nCordialement,\r\nJean\r\n'
} > pasted-email.txt
grep -v -- '-----' rsa2048-san.csr > bare-base64.txt
cat "$tmp/rsa2048.key" rsa2048-san.csr > key-and-csr.pem

# Tampered: one byte of the subject changed after signing (the signature no longer verifies).
python3 - <<'PY'
der = bytearray(open("rsa2048-san.der", "rb").read())
i = der.find(b"www.exemple.fr")
der[i] = ord("x")
open("tampered.der", "wb").write(bytes(der))
PY
openssl req -inform DER -in tampered.der -out tampered.csr 2>/dev/null || {
  python3 -c "import base64,textwrap;d=open('tampered.der','rb').read();print('-----BEGIN CERTIFICATE REQUEST-----');print('\n'.join(textwrap.wrap(base64.b64encode(d).decode(),64)));print('-----END CERTIFICATE REQUEST-----')" > tampered.csr
}
rm tampered.der

# Input errors.
openssl req -x509 -new -key "$tmp/rsa2048.key" -subj "$subj" -days 30 -out certificate.pem
openssl x509 -in certificate.pem -outform DER -out certificate.der
head -c 300 rsa2048-san.der > truncated.der
{ cat rsa2048-san.der; printf 'JUNK'; } > trailing.der
sed '3s/./!/5' rsa2048-san.csr > bad-base64.csr
head -n 5 rsa2048-san.csr > unterminated.csr
: > empty.csr
cat rsa2048-san.csr p256.csr > two-csrs.pem

echo "fixtures written to $(pwd)"
