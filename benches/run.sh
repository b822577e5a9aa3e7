#!/usr/bin/env bash
# Every bench, each figure next to its peer in the same run, and the table of
# benches/README.md written from what they printed.
#
#   bash benches/run.sh           # the full run; rewrites benches/README.md
#   bash benches/run.sh --quick   # fewer samples: checks that every bench runs; writes its
#                                 # table to target/bench-results/README.md only
#
# Installs what is missing (Debian: libssl-dev, pkg-config, time, openssl; PyPI: pkilint
# 0.13.3, and maturin into target/bench-venv for the Python package), builds the release
# binary and the benches (with the bench-only feature bench-openssl when OpenSSL's headers are
# there), runs each divan bench, pkilint's rate, the Python bench and the whole-process
# figures (benches/process.py), and keeps every raw output in target/bench-results/. A step
# that fails is recorded (its exit code in NAME.rc) and the run goes on: the table then says
# which figure is missing and why.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
quick=0
[ "${1:-}" = "--quick" ] && quick=1
start=$(date +%s)
results=target/bench-results
rm -rf "$results"
mkdir -p "$results"

say() { printf '\n== %s (%s)\n' "$*" "$(date +%H:%M:%S)"; }

busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }

# step NAME COMMAND...: runs COMMAND, output to NAME.txt, exit code to NAME.rc, and in
# NAME.others the cores that other work on the machine kept busy meanwhile, on average (all
# the machine's busy time less this step's own CPU time, over its wall time).
step() {
  local name=$1
  shift
  say "$name"
  local before after rc
  before=$(busy)
  # bash's own `time` (it times functions too): wall, user and system seconds, children included.
  {
    TIMEFORMAT='%R %U %S'
    time "$@" >"$results/$name.txt" 2>&1
    rc=$?
  } 2>"$results/$name.time"
  after=$(busy)
  echo "$rc" >"$results/$name.rc"
  if [ -s "$results/$name.time" ]; then
    tail -n 1 "$results/$name.time" | awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" \
      '{ if ($1 > 0) printf "%.2f\n", ((a - b) / hz - $2 - $3) / $1 }' >"$results/$name.others"
  fi
  tail -n 25 "$results/$name.txt"
  [ "$rc" = 0 ] || echo "   -> $name failed (exit $rc)"
  return 0
}
skip() { echo skipped >"$results/$1.rc"; echo "$2" >"$results/$1.why"; say "$1 skipped: $2"; }

# What the benches need beyond the Rust toolchain.
missing=()
for pkg in libssl-dev pkg-config time openssl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "apt-get failed: the benches that need ${missing[*]} will say so"
fi
if ! python3 -c 'import pkilint' 2>/dev/null; then
  say "pip install pkilint==0.13.3"
  python3 -m pip install -q --disable-pip-version-check pkilint==0.13.3 || echo "pkilint not installed"
fi

features=()
if pkg-config --exists openssl 2>/dev/null; then
  features=(--features bench-openssl)
fi

if [ "$quick" = 1 ]; then
  rounds=1
  divan_args=(--color never --max-time 1)
  pkilint_seconds=3
  process_args=(--runs 20 --rss-runs 3)
  python_args=(--rounds 3 --n 300 --batch 1000)
else
  rounds=5
  divan_args=(--color never)
  pkilint_seconds=10
  process_args=(--runs 200 --rss-runs 11)
  python_args=()
fi

# The machine and the moment, for every row of the table.
model=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
machine="$(nproc) cores, ${model:-unknown CPU}, $(uname -m)"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit="$commit + uncommitted changes"
MACHINE=$machine COMMIT=$commit OPENSSL="$(openssl version 2>/dev/null | sed "s/ (.*//")" ROUNDS=$rounds MODE=$([ "$quick" = 1 ] && echo quick || echo full) \
  python3 - "$results/meta.json" <<'EOF'
import json, os, sys, time
json.dump({"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": os.environ["MACHINE"],
           "commit": os.environ["COMMIT"], "openssl": os.environ["OPENSSL"] or "openssl missing",
           "mode": os.environ["MODE"], "rounds": int(os.environ["ROUNDS"]), "cores": os.cpu_count(),
           "load_at_start": open("/proc/loadavg").read().split()[0]}, open(sys.argv[1], "w"))
EOF

step build cargo build --release
step build-benches cargo bench "${features[@]}" --no-run

# Every bench, in rounds: the table takes each pair's ratio in each round and reports the
# median over the rounds, so that a burst of other work during one bench weighs little.
for round in $(seq "$rounds"); do
  for bench in csr_check cert_check chain_verify chain_openssl crl_index assurance c_abi batch many_names many_holidays; do
    if [ "$bench" = chain_openssl ] && [ ${#features[@]} = 0 ]; then
      skip "bench-$bench.r$round" "OpenSSL's headers missing (apt-get install libssl-dev pkg-config)"
      continue
    fi
    SCEAU_BENCH_PKILINT_SECONDS=$pkilint_seconds \
      step "bench-$bench.r$round" cargo bench "${features[@]}" --bench "$bench" -- "${divan_args[@]}"
    # pkilint right after the certificate check it is compared with.
    if [ "$bench" = cert_check ]; then
      step "pkilint.r$round" python3 benches/pkilint_rate.py "$pkilint_seconds"
    fi
  done
done

# The Python package, built from this tree into a venv of the bench's own (maturin pinned as
# bindings/python/requirements-test.txt pins it), then its bench.
python_bench() {
  local venv=$repo/target/bench-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || return 1
  local maturin
  maturin=$(grep -i '^maturin==' bindings/python/requirements-test.txt || echo maturin)
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$maturin" || return 1
  PATH="$venv/bin:$PATH" "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    --no-build-isolation --force-reinstall --no-deps bindings/python || return 1
  "$venv/bin/python" bindings/python/benches/bench.py "${python_args[@]}"
}
step python python_bench

step process python3 benches/process.py "${process_args[@]}" --json "$results/process.json"

end=$(date +%s)
python3 - "$results/meta.json" "$((end - start))" <<'EOF'
import json, sys
meta = json.load(open(sys.argv[1]))
meta["elapsed_s"] = int(sys.argv[2])
json.dump(meta, open(sys.argv[1], "w"))
EOF
if [ "$quick" = 1 ]; then
  out=$results/README.md
else
  out=benches/README.md
fi
say "table -> $out"
python3 benches/table.py "$results" "$out" >"$results/table.txt" 2>&1 || {
  cat "$results/table.txt"
  exit 1
}
grep -E '^\|' "$out"
echo "whole run: $(((end - start) / 60)) min $(((end - start) % 60)) s; raw outputs in $results/"
