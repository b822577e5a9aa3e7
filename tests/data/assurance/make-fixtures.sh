#!/usr/bin/env bash
# Makes the signature-assurance fixtures with the openssl CLI, at chosen times under faketime
# (apt-get install faketime), and cms_tool.py for what the CLI cannot do (timestamps as
# unsigned attributes, a content-time-stamp as a signed attribute, CRLs inside the SignedData).
# Every signature is checked with `openssl cms -verify` and every token with `openssl ts
# -verify` as it is made. Outputs are committed; run again only to change them:
#   bash tests/data/assurance/make-fixtures.sh
#
# The PKI: "Sceau Test Root" (P-384) -> "Sceau Test Signing CA" (P-384) -> signers (RSA);
#          "Sceau Test Root" -> "Sceau Test TSA" (P-256, EKU timeStamping critical).
# Times (UTC): CAs from 2025-01-01; signers 2026-01-01 -> 2028-01-01 unless said; signing
# 2026-03-01 10:00; signature time-stamps 2026-03-02 10:00; CRLs issued 2026-07-01, next
# update 2036-01-01. The tests validate at 2026-12-01 unless they say otherwise.
set -euo pipefail
cd "$(dirname "$0")"
command -v faketime >/dev/null || { echo "faketime is needed (apt-get install faketime)" >&2; exit 2; }
rm -f ./*.pem ./*.key ./*.p7s ./*.tst ./*.crl ./*.der ./*.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tool="python3 $(pwd)/cms_tool.py"
at() { faketime "$1" "${@:2}"; }

ca_dir() { # NAME KEY CERT DIGEST
  local d="$tmp/$1"
  mkdir -p "$d/new"
  : > "$d/index.txt"
  echo 1000 > "$d/serial"
  echo 01 > "$d/crlnumber"
  cat > "$d/ca.cnf" <<CNF
[ca]
default_ca = this
[this]
dir = $d
database = $d/index.txt
new_certs_dir = $d/new
serial = $d/serial
crlnumber = $d/crlnumber
certificate = $3
private_key = $2
default_md = $4
policy = any
unique_subject = no
copy_extensions = none
crl_extensions = crl_ext
[any]
commonName = supplied
organizationName = optional
countryName = optional
serialNumber = optional
[crl_ext]
authorityKeyIdentifier = keyid
CNF
}

# issue CA KEY SUBJECT OUT START END EXTENSIONS...
issue() {
  local ca=$1 key=$2 subj=$3 out=$4 start=$5 end=$6; shift 6
  printf "%s\n" "$@" > "$tmp/ext"
  openssl req -new -key "$key" -subj "$subj" -out "$tmp/req.csr"
  openssl ca -batch -config "$tmp/$ca/ca.cnf" -in "$tmp/req.csr" -out "$tmp/out.pem" \
    -startdate "$start" -enddate "$end" -extfile "$tmp/ext" -notext 2>/dev/null
  openssl x509 -in "$tmp/out.pem" -out "$out"
}

# --- The CAs and the TSA -------------------------------------------------------------------------
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/root.key"
openssl req -new -key "$tmp/root.key" -subj "/C=FR/O=Sceau Test/CN=Sceau Test Root" -out "$tmp/root.csr"
ca_dir root "$tmp/root.key" "$(pwd)/root.pem" sha384
printf "%s\n" "basicConstraints=critical,CA:TRUE" "keyUsage=critical,keyCertSign,cRLSign" \
  "subjectKeyIdentifier=hash" > "$tmp/ext"
openssl ca -batch -selfsign -config "$tmp/root/ca.cnf" -keyfile "$tmp/root.key" -in "$tmp/root.csr" \
  -out "$tmp/out.pem" -startdate 20250101000000Z -enddate 20400101000000Z -extfile "$tmp/ext" \
  -notext 2>/dev/null
openssl x509 -in "$tmp/out.pem" -out root.pem

openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/sign-ca.key"
issue root "$tmp/sign-ca.key" "/C=FR/O=Sceau Test/CN=Sceau Test Signing CA" sign-ca.pem \
  20250101000000Z 20400101000000Z "basicConstraints=critical,CA:TRUE,pathlen:0" \
  "keyUsage=critical,keyCertSign,cRLSign" "subjectKeyIdentifier=hash" \
  "authorityKeyIdentifier=keyid" "crlDistributionPoints=URI:http://sceau.test/root.crl"
ca_dir sign-ca "$tmp/sign-ca.key" "$(pwd)/sign-ca.pem" sha384

openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out tsa.key
issue root tsa.key "/C=FR/O=Sceau Test/CN=Sceau Test TSA" tsa.pem 20250101000000Z 20400101000000Z \
  "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=critical,timeStamping" "subjectKeyIdentifier=hash" \
  "authorityKeyIdentifier=keyid" "crlDistributionPoints=URI:http://sceau.test/root.crl"
cat > "$tmp/ts.cnf" <<CNF
[tsa]
default_tsa = this
[this]
dir = $tmp
serial = $tmp/tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 > "$tmp/tsaserial"

# timestamp TIME FILE OUT: an RFC 3161 token over FILE's bytes, made at TIME, verified.
timestamp() {
  openssl ts -query -data "$2" -sha256 -cert -no_nonce -out "$tmp/q.tsq" 2>/dev/null
  at "$1" openssl ts -reply -config "$tmp/ts.cnf" -queryfile "$tmp/q.tsq" -signer tsa.pem \
    -inkey tsa.key -chain root.pem -token_out -out "$3" 2>/dev/null
  at "$1" openssl ts -verify -data "$2" -in "$3" -token_in -CAfile root.pem -untrusted tsa.pem \
    >/dev/null 2>&1 || { echo "openssl ts -verify refused $3" >&2; exit 1; }
}

# --- The signers ---------------------------------------------------------------------------------
SIGN_CA_CRL=http://sceau.test/sign-ca.crl
# signer NAME BITS START END QC POLICY: an RSA signer's key and certificate.
signer() {
  local name=$1 bits=$2 start=$3 end=$4 qc=$5 policy=$6
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:"$bits" -out "$name.key"
  local ext=("basicConstraints=critical,CA:FALSE" "keyUsage=critical,nonRepudiation,digitalSignature"
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" "crlDistributionPoints=URI:$SIGN_CA_CRL"
    "certificatePolicies=$policy")
  [ -n "$qc" ] && ext+=("1.3.6.1.5.5.7.1.3=DER:$($tool qc $qc)")
  signers=$((signers + 1))
  issue sign-ca "$name.key" "/C=FR/O=Sceau Test/CN=Signataire $signers/serialNumber=$name" "$name.pem" \
    "$start" "$end" "${ext[@]}"
}
signers=0
QCP_N=0.4.0.194112.1.0
QCP_N_QSCD=0.4.0.194112.1.2
QCP_L_QSCD=0.4.0.194112.1.3
NCP_PLUS=0.4.0.2042.1.2
Y26=20260101000000Z
Y28=20280101000000Z
signer qes 3072 $Y26 $Y28 "compliance sscd type-esign pds" $QCP_N_QSCD
signer qc 3072 $Y26 $Y28 "compliance type-esign" $QCP_N
signer seal 3072 $Y26 $Y28 "compliance sscd type-eseal" $QCP_L_QSCD
signer plain 3072 $Y26 $Y28 "" $NCP_PLUS
signer revoked-early 3072 $Y26 $Y28 "compliance sscd type-esign" $QCP_N_QSCD
signer revoked-late 3072 $Y26 $Y28 "compliance sscd type-esign" $QCP_N_QSCD
signer revoked-cts 3072 $Y26 $Y28 "compliance sscd type-esign" $QCP_N_QSCD
signer expired 3072 $Y26 20260601000000Z "compliance sscd type-esign" $QCP_N_QSCD
signer future 3072 20260501000000Z $Y28 "compliance sscd type-esign" $QCP_N_QSCD
signer rsa2048 2048 $Y26 20310601000000Z "compliance sscd type-esign" $QCP_N_QSCD
# A signer whose keyUsage is for encryption only.
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out keyenc.key
issue sign-ca keyenc.key "/C=FR/O=Sceau Test/CN=Signataire 11/serialNumber=keyenc" keyenc.pem \
  $Y26 $Y28 "basicConstraints=critical,CA:FALSE" "keyUsage=critical,keyEncipherment" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" "crlDistributionPoints=URI:$SIGN_CA_CRL"
# A second signing CA, revoked by the root on 2026-02-01, and a signer under it.
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/retired-ca.key"
issue root "$tmp/retired-ca.key" "/C=FR/O=Sceau Test/CN=Sceau Test Retired CA" retired-ca.pem \
  20250101000000Z 20400101000000Z "basicConstraints=critical,CA:TRUE,pathlen:0" \
  "keyUsage=critical,keyCertSign,cRLSign" "subjectKeyIdentifier=hash" \
  "authorityKeyIdentifier=keyid" "crlDistributionPoints=URI:http://sceau.test/root.crl"
ca_dir retired-ca "$tmp/retired-ca.key" "$(pwd)/retired-ca.pem" sha384
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out retired-signer.key
issue retired-ca retired-signer.key "/C=FR/O=Sceau Test/CN=Signataire 12/serialNumber=retired" \
  retired-signer.pem $Y26 $Y28 "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,nonRepudiation,digitalSignature" "subjectKeyIdentifier=hash" \
  "authorityKeyIdentifier=keyid" "crlDistributionPoints=URI:http://sceau.test/retired-ca.crl"
at "2026-02-01 09:00:00" openssl ca -config "$tmp/root/ca.cnf" -revoke retired-ca.pem -crl_reason cACompromise 2>/dev/null

# --- Revocations and CRLs ------------------------------------------------------------------------
at "2026-02-15 09:00:00" openssl ca -config "$tmp/sign-ca/ca.cnf" -revoke revoked-early.pem -crl_reason keyCompromise 2>/dev/null
at "2026-04-10 09:00:00" openssl ca -config "$tmp/sign-ca/ca.cnf" -revoke revoked-cts.pem -crl_reason keyCompromise 2>/dev/null
at "2026-06-01 09:00:00" openssl ca -config "$tmp/sign-ca/ca.cnf" -revoke revoked-late.pem -crl_reason keyCompromise 2>/dev/null
openssl ca -gencrl -config "$tmp/sign-ca/ca.cnf" -crl_lastupdate 20260701000000Z \
  -crl_nextupdate 20360101000000Z -out sign-ca.crl 2>/dev/null
openssl ca -gencrl -config "$tmp/root/ca.cnf" -crl_lastupdate 20260701000000Z \
  -crl_nextupdate 20360101000000Z -out root.crl 2>/dev/null
openssl ca -gencrl -config "$tmp/retired-ca/ca.cnf" -crl_lastupdate 20260701000000Z \
  -crl_nextupdate 20360101000000Z -out retired-ca.crl 2>/dev/null
openssl crl -in sign-ca.crl -outform DER -out "$tmp/sign-ca.crl.der"

# --- The signed document -------------------------------------------------------------------------
printf 'Contrat de service de signature électronique\nArticle 1 : le prestataire signe.\n' > data.txt
printf 'Contrat de service de signature électronique\nArticle 1 : le prestataire ne signe pas.\n' > data-altered.txt

# sign NAME OUT TIME [OPTIONS...]: a detached CAdES-BES signature of data.txt by NAME, at TIME.
sign() {
  local name=$1 out=$2 time=$3; shift 3
  at "$time" openssl cms -sign -cades -binary -in data.txt -signer "$name.pem" -inkey "$name.key" \
    -certfile sign-ca.pem -md sha256 -outform DER -out "$out" "$@"
}
# verify SIG [DATA]: openssl cms -verify agrees that SIG is a good signature of DATA.
verify() {
  local data=${2:-data.txt} detached=(-content "${2:-data.txt}")
  [ "${3:-}" = enveloping ] && detached=()
  openssl cms -verify -binary -inform DER -in "$1" "${detached[@]}" -CAfile root.pem \
    -purpose any -attime "${4:-1772359200}" -out /dev/null 2>/dev/null \
    || { echo "openssl cms -verify refused $1" >&2; exit 1; }
}
# stamp SIG TIME OUT: SIG with a signature-time-stamp made at TIME over its signature value.
stamp() {
  $tool sigvalue "$1" "$tmp/sigvalue"
  timestamp "$2" "$tmp/sigvalue" "$tmp/token.der"
  $tool add-unsigned "$1" 1.2.840.113549.1.9.16.2.14 "$tmp/token.der" "$3"
}
SIGNED="2026-03-01 10:00:00"
STAMPED="2026-03-02 10:00:00"

for name in qes qc seal plain revoked-early revoked-late expired rsa2048; do
  sign $name "$name-bes.p7s" "$SIGNED"
  stamp "$name-bes.p7s" "$STAMPED" "$name-t.p7s"
  verify "$name-t.p7s"
done
# The future signer's certificate starts on 2026-05-01: signed and stamped before it.
sign future future-t-unstamped.p7s "$SIGNED"
stamp future-t-unstamped.p7s "$STAMPED" future-t.p7s
rm future-t-unstamped.p7s
# Signed after its revocation (2026-04-10): a content-time-stamp of 2026-04-19 proves it.
sign revoked-cts "$tmp/cts.p7s" "2026-04-20 10:00:00"
timestamp "2026-04-19 10:00:00" data.txt "$tmp/content-token.der"
$tool add-signed "$tmp/cts.p7s" 1.2.840.113549.1.9.16.2.20 "$tmp/content-token.der" \
  revoked-cts.key sha256 "$tmp/cts-content.p7s"
verify "$tmp/cts-content.p7s" data.txt "" 1776679200
stamp "$tmp/cts-content.p7s" "2026-04-21 10:00:00" revoked-cts-t.p7s
# A content-time-stamp on a good signature too (QES with both kinds of stamp).
timestamp "2026-03-01 09:00:00" data.txt "$tmp/content-token.der"
$tool add-signed qes-bes.p7s 1.2.840.113549.1.9.16.2.20 "$tmp/content-token.der" qes.key sha256 \
  "$tmp/qes-content.p7s"
stamp "$tmp/qes-content.p7s" "$STAMPED" qes-cts-t.p7s
verify qes-cts-t.p7s
# Enveloping: the document inside the SignedData.
sign qes "$tmp/env.p7s" "$SIGNED" -nodetach
stamp "$tmp/env.p7s" "$STAMPED" qes-enveloping-t.p7s
verify qes-enveloping-t.p7s data.txt enveloping
# The CA's CRL inside the SignedData (CAdES-LT-like: chain and revocation evidence embedded).
$tool add-crl qes-t.p7s "$tmp/sign-ca.crl.der" qes-lt.p7s
verify qes-lt.p7s
# SHA-1 for the signature.
sign plain sha1-bes.p7s "$SIGNED" -md sha1
# No intermediate in the SignedData: the chain cannot be built from it alone.
at "$SIGNED" openssl cms -sign -cades -binary -in data.txt -signer qes.pem -inkey qes.key -md sha256 \
  -outform DER -out "$tmp/nochain.p7s"
stamp "$tmp/nochain.p7s" "$STAMPED" qes-t-nochain.p7s
# A signature value with one bit changed.
$tool flip-signature qes-t.p7s qes-t-badsig.p7s
# A "signature time-stamp" over the document instead of the signature value: a wrong imprint.
timestamp "$STAMPED" data.txt "$tmp/wrong.der"
$tool add-unsigned qes-bes.p7s 1.2.840.113549.1.9.16.2.14 "$tmp/wrong.der" qes-t-wrong-imprint.p7s
# A standalone token over the BES signature's value, for --timestamp.
$tool sigvalue qes-bes.p7s "$tmp/sigvalue"
timestamp "$STAMPED" "$tmp/sigvalue" qes-bes.tst
# Signed after the signer's certificate expired (2026-06-01): a content-time-stamp of 2026-06-15.
sign expired "$tmp/late.p7s" "2026-07-01 10:00:00"
timestamp "2026-06-15 10:00:00" data.txt "$tmp/content-token.der"
$tool add-signed "$tmp/late.p7s" 1.2.840.113549.1.9.16.2.20 "$tmp/content-token.der" expired.key \
  sha256 "$tmp/late-content.p7s"
stamp "$tmp/late-content.p7s" "2026-07-02 10:00:00" expired-cts-t.p7s
# A signer under the revoked CA, stamped after the CA's revocation.
at "$SIGNED" openssl cms -sign -cades -binary -in data.txt -signer retired-signer.pem \
  -inkey retired-signer.key -certfile retired-ca.pem -md sha256 -outform DER -out "$tmp/retired.p7s"
stamp "$tmp/retired.p7s" "$STAMPED" retired-ca-t.p7s
# A signer whose keyUsage does not allow signing.
sign keyenc keyenc-bes.p7s "$SIGNED"
# Plain CMS, not CAdES: no signing-certificate attribute.
at "$SIGNED" openssl cms -sign -binary -in data.txt -signer plain.pem -inkey plain.key \
  -certfile sign-ca.pem -md sha256 -outform DER -out plain-nocades.p7s
verify plain-nocades.p7s
# The signer's certificate left out of the SignedData.
at "$SIGNED" openssl cms -sign -cades -binary -in data.txt -signer qes.pem -inkey qes.key -nocerts \
  -md sha256 -outform DER -out qes-nocerts.p7s
# No signing-time attribute (removed, then signed again).
$tool remove-signed qes-bes.p7s 1.2.840.113549.1.9.5 qes.key sha256 qes-no-signing-time.p7s
verify qes-no-signing-time.p7s
# Two content-type attributes (the second names id-ct-TSTInfo): a malformed SignerInfo.
python3 -c "import sys; sys.stdout.buffer.write(bytes.fromhex('060b2a864886f70d0109100104'))" > "$tmp/oid.der"
$tool add-signed qes-bes.p7s 1.2.840.113549.1.9.3 "$tmp/oid.der" qes.key sha256 qes-two-content-types.p7s
# Signed attributes out of DER order (a short attribute appended last; BER allows it, some
# signers do it): the signature covers the bytes as sent. openssl cms re-encodes the attributes
# before verifying, so the check here is on the bytes themselves.
python3 -c "import sys; sys.stdout.buffer.write(bytes.fromhex('0500'))" > "$tmp/null.der"
$tool add-signed-unsorted qes-bes.p7s 1.3.6.1.4.1.99999.2 "$tmp/null.der" qes.key sha256 "$tmp/unsorted.p7s"
stamp "$tmp/unsorted.p7s" "$STAMPED" qes-unsorted-attributes-t.p7s
$tool signed-attrs qes-unsorted-attributes-t.p7s "$tmp/attrs.der"
$tool sigvalue qes-unsorted-attributes-t.p7s "$tmp/sig.bin"
openssl x509 -in qes.pem -pubkey -noout > "$tmp/qes.pub"
openssl dgst -sha256 -verify "$tmp/qes.pub" -signature "$tmp/sig.bin" "$tmp/attrs.der" >/dev/null
# PEM forms people send.
openssl cms -cmsout -inform DER -in qes-t.p7s -outform PEM -out qes-t.pem.p7s
# The private keys are not needed by the tests.
rm -f ./*.key
echo "assurance fixtures written to $(pwd)"
