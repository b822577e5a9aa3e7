#!/usr/bin/env bash
# Builds the Python package sceau (bindings/python) from this tree and runs its tests.
#
#   bash bindings/python/run_tests.sh [--lint] [PYTEST ARGS...]
#
# Works on a clean clone: creates bindings/python/.venv (gitignored) when it is missing,
# installs the pinned requirements (maturin, pytest, dask, distributed: requirements-test.txt),
# builds the command line the tests compare with (cargo build --release at the root: the
# binary is target/release/sceau), builds and installs the package with maturin (pip install
# of this directory), then runs pytest. --lint first runs cargo fmt --check and cargo clippy
# --all-targets -D warnings on the extension crate. Tests never skip: a missing prerequisite
# (the command line, ../shared/testdata/pkilint) fails them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
venv="$here/.venv"

lint=0
if [ "${1:-}" = "--lint" ]; then
  lint=1
  shift
fi

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
pip() { "$venv/bin/python" -m pip --disable-pip-version-check -q "$@"; }
pip install -r "$here/requirements-test.txt"

if [ "$lint" = 1 ]; then
  cargo fmt --manifest-path "$here/Cargo.toml" -- --check
  cargo clippy --manifest-path "$here/Cargo.toml" --all-targets -- -D warnings
fi

# The command line the tests compare the package with.
(cd "$repo" && cargo build --release --bin sceau)

# The package, built by maturin (the pinned one in the venv, found on PATH) from this tree.
PATH="$venv/bin:$PATH" pip install --no-build-isolation --force-reinstall --no-deps "$here"

cd "$here"
exec "$venv/bin/python" -m pytest "$@"
