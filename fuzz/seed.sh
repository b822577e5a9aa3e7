#!/usr/bin/env bash
# Chooses the seed corpus of every target from the repository's own fixtures (tests/data: CSRs,
# certificates, CRLs, OCSP responses, keys, CMS signatures, timestamps, PKCS#12, PKITS, BoringSSL
# and pkilint files, and the catalogue), minimised by libFuzzer's merge (a file is kept only if
# it adds coverage), and writes the chosen paths to fuzz/seeds/TARGET.list: the lists are
# committed, the fixtures are not copied, and fuzz/run.sh and .ci/run start from them.
#   bash fuzz/seed.sh              rebuild every list
#   bash fuzz/seed.sh --copy DIR T  copy target T's seeds into DIR (used by run.sh and CI)
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = --copy ]; then
  mkdir -p "$2"
  while IFS= read -r path; do cp "../$path" "$2/${path//\//_}"; done < "seeds/$3.list"
  exit 0
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --debug
pool=$(mktemp -d)
chosen=$(mktemp -d)
trap 'rm -rf "$pool" "$chosen"' EXIT
declare -A path_of
while IFS= read -r -d '' path; do
  sum=$(sha1sum "../$path" | cut -c1-40)
  [ -n "${path_of[$sum]:-}" ] && continue
  path_of[$sum]=$path
  cp "../$path" "$pool/$sum"
done < <(cd .. && find tests/data src/profile -type f \( -name '*.csr' -o -name '*.pem' \
  -o -name '*.der' -o -name '*.crt' -o -name '*.crttest' -o -name '*.crl' -o -name '*.key' \
  -o -name '*.p7s' -o -name '*.tst' -o -name '*.p12' -o -name '*.toml' \) -print0 | sort -z)
mkdir -p seeds
for target in $(ls fuzz_targets | sed 's/\.rs$//'); do
  rm -rf "${chosen:?}/$target"
  mkdir -p "$chosen/$target"
  cargo fuzz run -s none -O "$target" "$chosen/$target" "$pool" -- -merge=1 2>&1 | tail -1
  for file in "$chosen/$target"/*; do
    echo "${path_of[$(basename "$file")]}"
  done | sort > "seeds/$target.list"
done
wc -l seeds/*.list | tail -1
