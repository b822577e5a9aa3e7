#!/usr/bin/env bash
# Fixtures of tests/assurance_edges.rs, made with the openssl CLI (and faketime for the
# incoherent time-stamps; the other tokens carry the time they were made: the tests validate on
# 2027-06-01, so run this before then). Keys are not kept.
#   root (P-256) -> signer (P-256, digitalSignature+nonRepudiation)
#   root         -> tsa (P-256, EKU timeStamping critical)
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.p7s ./*.tst ./*.crl ./*.txt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tool="python3 $(pwd)/tool.py"
d=$tmp/ca; mkdir -p $d/new; : > $d/index.txt; echo 1000 > $d/serial; echo 01 > $d/crlnumber
cat > $d/ca.cnf <<CNF
[ca]
default_ca = this
[this]
dir = $d
database = $d/index.txt
new_certs_dir = $d/new
serial = $d/serial
crlnumber = $d/crlnumber
certificate = $(pwd)/root.pem
private_key = $tmp/root.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
crl_extensions = crl_ext
[any]
commonName = supplied
organizationName = optional
[crl_ext]
authorityKeyIdentifier = keyid
CNF
key() { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
key $tmp/root.key
openssl req -new -key $tmp/root.key -subj "/O=Review/CN=Review Root" -out $tmp/root.csr
printf "%s\n" "basicConstraints=critical,CA:TRUE" "keyUsage=critical,keyCertSign,cRLSign" \
  "subjectKeyIdentifier=hash" > $tmp/ext
openssl ca -batch -selfsign -config $d/ca.cnf -keyfile $tmp/root.key -in $tmp/root.csr -out $tmp/o.pem \
  -startdate 20250101000000Z -enddate 20400101000000Z -extfile $tmp/ext -notext 2>/dev/null
openssl x509 -in $tmp/o.pem -out root.pem
issue() { # KEY SUBJECT OUT EXT...
  local k=$1 s=$2 o=$3; shift 3
  printf "%s\n" "$@" > $tmp/ext
  openssl req -new -key "$k" -subj "$s" -out $tmp/r.csr
  openssl ca -batch -config $d/ca.cnf -in $tmp/r.csr -out $tmp/o.pem -startdate 20250101000000Z \
    -enddate 20350101000000Z -extfile $tmp/ext -notext 2>/dev/null
  openssl x509 -in $tmp/o.pem -out "$o"
}
key $tmp/signer.key
issue $tmp/signer.key "/O=Review/CN=Review Signer" signer.pem "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,nonRepudiation,digitalSignature" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid"
# A Swiss qualified signer: QcCompliance with QcCClegislation CH, QcSSCD, QcType esign.
key $tmp/swiss.key
issue $tmp/swiss.key "/O=Review/CN=Review Swiss Signer" swiss.pem "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,nonRepudiation,digitalSignature" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" \
  "certificatePolicies=0.4.0.194112.1.2" \
  "1.3.6.1.5.5.7.1.3=DER:$(python3 ../assurance/cms_tool.py qc compliance sscd type-esign cc-CH)"
# A signer revoked on 2026-06-01 (keyCompromise).
key $tmp/revoked.key
issue $tmp/revoked.key "/O=Review/CN=Review Revoked Signer" revoked.pem "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,nonRepudiation,digitalSignature" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid"
faketime "2026-06-01 00:00:00" openssl ca -config $d/ca.cnf -revoke revoked.pem -crl_reason keyCompromise 2>/dev/null
key $tmp/tsa.key
issue $tmp/tsa.key "/O=Review/CN=Review TSA" tsa.pem "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" "extendedKeyUsage=critical,timeStamping" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid"
openssl ca -gencrl -config $d/ca.cnf -crl_lastupdate 20260801000000Z -crl_nextupdate 20360101000000Z \
  -out root.crl 2>/dev/null

printf 'Review document\n' > data.txt
sign() { openssl cms -sign -cades -binary -in data.txt -signer signer.pem -inkey $tmp/signer.key \
  -md "$1" -outform DER -out "$2"; }
verify() { openssl cms -verify -binary -inform DER -in "$1" -content data.txt -CAfile root.pem \
  -purpose any -out /dev/null 2>/dev/null || { echo "openssl cms -verify refused $1" >&2; exit 1; }; }
# SHA-256 throughout: passes.
sign sha256 sha256.p7s; verify sha256.p7s
openssl cms -sign -cades -binary -in data.txt -signer swiss.pem -inkey $tmp/swiss.key -md sha256 \
  -outform DER -out swiss.p7s
verify swiss.p7s
# No signed attributes: the signature is over the (detached) document itself.
openssl cms -sign -noattr -binary -in data.txt -signer signer.pem -inkey $tmp/signer.key -md sha256 \
  -outform DER -out noattr.p7s
verify noattr.p7s
# Before the signer's certificate, an impostor's: the same issuer name and serial number, another
# key, issued by a look-alike of the root (the certificates are not signed by the signer).
key $tmp/fake-root.key
openssl req -new -x509 -key $tmp/fake-root.key -subj "/CN=Review Root/O=Review" -days 3650 -out $tmp/fake-root.pem
key $tmp/impostor.key
openssl req -new -key $tmp/impostor.key -subj "/CN=Review Signer/O=Review" -out $tmp/impostor.csr
openssl x509 -req -in $tmp/impostor.csr -CA $tmp/fake-root.pem -CAkey $tmp/fake-root.key -days 3650 \
  -set_serial 0x$(openssl x509 -in signer.pem -noout -serial | cut -d= -f2) -outform DER -out $tmp/impostor.der 2>/dev/null
$tool prepend-cert sha256.p7s $tmp/impostor.der impostor-first.p7s
# Twenty more impostors before those (each its own key): more than the 8 certificates sceau tries,
# so the signer's is found only because the signing-certificate attribute names it.
cp impostor-first.p7s $tmp/many.p7s
for i in $(seq 1 20); do
  key $tmp/impostor-$i.key
  openssl req -new -key $tmp/impostor-$i.key -subj "/CN=Review Signer/O=Review" -out $tmp/impostor-$i.csr
  openssl x509 -req -in $tmp/impostor-$i.csr -CA $tmp/fake-root.pem -CAkey $tmp/fake-root.key -days 3650 \
    -set_serial 0x$(openssl x509 -in signer.pem -noout -serial | cut -d= -f2) -outform DER -out $tmp/impostor-$i.der 2>/dev/null
  $tool prepend-cert $tmp/many.p7s $tmp/impostor-$i.der $tmp/many.p7s
done
cp $tmp/many.p7s impostors-first.p7s
# SHA-1 throughout (ecdsa-with-SHA1): refused by the ETSI policy.
sign sha1 sha1.p7s; verify sha1.p7s
# message-digest in SHA-1 (digestAlgorithm sha1), signatureAlgorithm ecdsa-with-SHA256.
# (openssl cms -verify hashes the signed attributes with digestAlgorithm and refuses it; checked
# here with the signatureAlgorithm's SHA-256, as sceau reads it.)
$tool set-sigalg sha1.p7s 1.2.840.10045.4.3.2 $tmp/signer.key sha256 sha1-digest-ecdsa-sha256.p7s
python3 ../assurance/cms_tool.py signed-attrs sha1-digest-ecdsa-sha256.p7s $tmp/attrs
python3 ../assurance/cms_tool.py sigvalue sha1-digest-ecdsa-sha256.p7s $tmp/sig
openssl x509 -in signer.pem -pubkey -noout > $tmp/signer.pub
openssl dgst -sha256 -verify $tmp/signer.pub -signature $tmp/sig $tmp/attrs >/dev/null
# A message-digest attribute with two values: the document's digest and another.
python3 -c "import sys; sys.stdout.buffer.write(bytes.fromhex('0420' + 'ff' * 32))" > $tmp/other.der
$tool add-value sha256.p7s 1.2.840.113549.1.9.4 $tmp/other.der $tmp/signer.key sha256 two-digests.p7s
# A signing-time attribute with two values.
python3 -c "import sys; sys.stdout.buffer.write(b'\\x17\\x0d' + b'200101000000Z')" > $tmp/time.der
$tool add-value sha256.p7s 1.2.840.113549.1.9.5 $tmp/time.der $tmp/signer.key sha256 two-signing-times.p7s

cat > $tmp/ts.cnf <<CNF
[tsa]
default_tsa = this
[this]
dir = $tmp
serial = $tmp/tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1.1
digests = sha1, sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 > $tmp/tsaserial
python3 ../assurance/cms_tool.py sigvalue sha256.p7s $tmp/sigvalue
token() { # IMPRINT-DIGEST SIGNER-DIGEST OUT
  openssl ts -query -data $tmp/sigvalue -"$1" -cert -no_nonce -out $tmp/q.tsq 2>/dev/null
  openssl ts -reply -config $tmp/ts.cnf -queryfile $tmp/q.tsq -signer tsa.pem -inkey $tmp/tsa.key \
    -"$2" -token_out -out "$3" 2>/dev/null
  openssl ts -verify -data $tmp/sigvalue -in "$3" -token_in -CAfile root.pem -untrusted tsa.pem >/dev/null 2>&1 \
    || { echo "openssl ts -verify refused $3" >&2; exit 1; }
}
token sha256 sha256 sha256.tst
# The TSA signs the TSTInfo's SHA-1 message-digest under a signatureAlgorithm naming SHA-256.
token sha256 sha1 $tmp/tsa-sha1.tst
$tool set-sigalg $tmp/tsa-sha1.tst 1.2.840.10045.4.3.2 $tmp/tsa.key sha256 tsa-sha1-digest.tst
# A SHA-1 message imprint.
token sha1 sha256 sha1-imprint.tst
# Incoherent time-stamps: a content-time-stamp of 2026-07-01 (after the revocation: the signer
# obtained it before signing) and a signature-time-stamp of 2026-05-01 (before it).
openssl ts -query -data data.txt -sha256 -cert -no_nonce -out $tmp/q.tsq 2>/dev/null
faketime "2026-07-01 10:00:00" openssl ts -reply -config $tmp/ts.cnf -queryfile $tmp/q.tsq -signer tsa.pem \
  -inkey $tmp/tsa.key -token_out -out $tmp/content.tst 2>/dev/null
faketime "2026-07-01 11:00:00" openssl cms -sign -cades -binary -in data.txt -signer revoked.pem \
  -inkey $tmp/revoked.key -md sha256 -outform DER -out $tmp/revoked.p7s
python3 ../assurance/cms_tool.py add-signed $tmp/revoked.p7s 1.2.840.113549.1.9.16.2.20 $tmp/content.tst \
  $tmp/revoked.key sha256 $tmp/revoked-cts.p7s
python3 ../assurance/cms_tool.py sigvalue $tmp/revoked-cts.p7s $tmp/sigvalue
openssl ts -query -data $tmp/sigvalue -sha256 -cert -no_nonce -out $tmp/q.tsq 2>/dev/null
faketime "2026-05-01 10:00:00" openssl ts -reply -config $tmp/ts.cnf -queryfile $tmp/q.tsq -signer tsa.pem \
  -inkey $tmp/tsa.key -token_out -out $tmp/sig.tst 2>/dev/null
python3 ../assurance/cms_tool.py add-unsigned $tmp/revoked-cts.p7s 1.2.840.113549.1.9.16.2.14 $tmp/sig.tst \
  content-stamp-after-signature-stamp.p7s
echo "assurance-edges fixtures written to $(pwd)"
