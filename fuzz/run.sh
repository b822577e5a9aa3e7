#!/usr/bin/env bash
# Runs fuzz targets on stable Rust (no sanitizer), each from its committed seeds
# (fuzz/seeds/TARGET.list, see seed.sh) plus what earlier runs found (fuzz/corpus/TARGET, not
# committed), until RUNS executions or SECONDS, whichever comes first. A crash or an input
# slower than 5 s stops the target and is written to fuzz/artifacts/TARGET/.
#   bash fuzz/run.sh [SECONDS [RUNS [TARGET...]]]     defaults: 300 s, no execution bound, all
#   bash fuzz/run.sh 3600 10000000                     the campaign of issue 13
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
runs=${2:--1}
shift $(($# > 2 ? 2 : $#))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(ls fuzz_targets | sed 's/\.rs$//')
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --debug
for target in "${targets[@]}"; do
  bash seed.sh --copy "corpus/$target" "$target"
  mkdir -p "artifacts/$target"
  cargo fuzz run -s none -O "$target" "corpus/$target" -- -max_total_time="$seconds" \
    -runs="$runs" -timeout=5 -print_final_stats=1
done
