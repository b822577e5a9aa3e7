#!/usr/bin/env bash
# `sceau assurance` as a process next to `openssl cms -verify` on the same CAdES-T signature,
# the same trust anchor, CRLs and time (openssl does not check the time-stamp token; sceau
# does, with its TSA chain). Prints microseconds per run and the ratio.
# Run after `cargo build --release`: benches/assurance_process.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
d=tests/data/assurance
sceau=target/release/sceau
store=$(mktemp)
trap 'rm -f "$store"' EXIT
cat "$d/root.pem" "$d/sign-ca.crl" "$d/root.crl" >"$store"
# Both must accept before anything is timed.
"$sceau" assurance --signature "$d/qes-t.p7s" --data "$d/data.txt" --roots "$d/root.pem" \
  --crl "$d/sign-ca.crl" --crl "$d/root.crl" --time 2026-12-01T00:00:00Z >/dev/null
openssl cms -verify -binary -inform DER -in "$d/qes-t.p7s" -content "$d/data.txt" \
  -CAfile "$store" -crl_check_all -attime 1796083200 -purpose any -out /dev/null 2>/dev/null
start=$(date +%s%N)
for _ in $(seq "$runs"); do
  "$sceau" assurance --signature "$d/qes-t.p7s" --data "$d/data.txt" --roots "$d/root.pem" \
    --crl "$d/sign-ca.crl" --crl "$d/root.crl" --time 2026-12-01T00:00:00Z >/dev/null
done
middle=$(date +%s%N)
for _ in $(seq "$runs"); do
  openssl cms -verify -binary -inform DER -in "$d/qes-t.p7s" -content "$d/data.txt" \
    -CAfile "$store" -crl_check_all -attime 1796083200 -purpose any -out /dev/null 2>/dev/null
done
end=$(date +%s%N)
ours=$(((middle - start) / runs / 1000))
theirs=$(((end - middle) / runs / 1000))
echo "sceau assurance: ${ours} us/run; openssl cms -verify: ${theirs} us/run; ratio $(awk "BEGIN{printf \"%.2f\", $ours/$theirs}")"
