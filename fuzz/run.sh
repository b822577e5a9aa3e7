#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 300) on stable Rust, seeded with the test fixtures.
#   bash fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
for target in csr_check decode cert_check cert_match private_key revocation chain_verify chain_structured c_abi assurance catalog; do
  mkdir -p "corpus/$target"
  cp ../tests/data/csr/*.csr ../tests/data/cert/*.pem ../tests/data/cert/tls/*.pem \
    ../tests/data/match/*.pem ../tests/data/match/*.key ../tests/data/chain/*.pem \
    ../tests/data/chain/*.der ../tests/data/boringssl/*/*.pem ../tests/data/assurance/*.p7s \
    ../tests/data/assurance/*.tst "corpus/$target/" 2>/dev/null || true
  if [ "$target" = catalog ]; then cp ../src/profile/catalog.toml "corpus/$target/"; fi
  cargo fuzz run -s none -O "$target" "corpus/$target" -- -max_total_time="$seconds" -print_final_stats=1
done
