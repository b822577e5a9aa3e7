#!/usr/bin/env python3
"""What the Python binding costs over the Rust calls it makes, measured in one run on the same
inputs:

1. the certificate check one at a time: ``sceau.check_cert(data, profile)`` in a Python loop
   against ``sceau::check_certificate`` in a Rust loop (``_sceau._bench_rust_check_cert``, a
   function of the extension kept for this bench), per certificate;
2. the batch: ``sceau.check_many(list, profile)`` (reports dropped after) against one run of the
   Rust ``sceau::Batch`` on the same list and the same number of threads
   (``_sceau._bench_rust_batch``, reports dropped too), per certificate.

Python and Rust are measured in turns, several rounds; each ratio is the median over the
rounds, which keeps a busy machine from favouring either side. Goals: one at a time at most
1.5 x Rust, check_many at most 1.1 x.

    python benches/bench.py [--rounds 7] [--n 2000] [--batch 4000] [--jobs N] [--check]

``--check`` exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

import sceau
from sceau import _sceau

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data"

GOAL_ONE = 1.5
GOAL_MANY = 1.1


def corpus():
    """Certificates of every kind the fixtures hold: the TLS fixtures and pkilint's corpus."""
    certificates = [p.read_bytes() for p in sorted((DATA / "cert" / "tls").glob("*.pem"))]
    for path in sorted((DATA / "pkilint" / "integration_certificate").rglob("*.crttest")):
        for block in sceau.split_objects(path.read_bytes()):
            certificates.append(block)
    return certificates


def one_at_a_time(data: bytes, profile: str, n: int) -> float:
    check = sceau.check_cert
    start = time.perf_counter()
    for _ in range(n):
        check(data, profile)
    return time.perf_counter() - start


def many(items, profile: str, jobs) -> float:
    start = time.perf_counter()
    results = sceau.check_many(items, profile, jobs=jobs)
    del results
    return time.perf_counter() - start


def rounds(count, python, rust):
    """Alternates the two measures ``count`` times (after one warm-up each); the median of the
    ratios and the best time of each."""
    python(), rust()
    pairs = []
    for _ in range(count):
        pairs.append((python(), rust()))
    ratio = statistics.median(p / r for p, r in pairs)
    return ratio, min(p for p, _ in pairs), min(r for _, r in pairs)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--n", type=int, default=2000, help="checks per round, one at a time")
    parser.add_argument("--batch", type=int, default=4000, help="certificates per batch round")
    parser.add_argument("--jobs", type=int, default=None, help="batch threads (default: one per core)")
    parser.add_argument("--profile", default="auto")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)

    certificates = corpus()
    good = (DATA / "cert" / "tls" / "good.pem").read_bytes()
    # One checked by the product rules, one by a CA/B profile the corpus chooses.
    singles = [("tls/good.pem", good), ("pkilint corpus #1", certificates[len(certificates) // 2])]
    profile = args.profile
    print(f"sceau {sceau.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, profile {profile}")
    ok = True
    for name, data in singles:
        sceau.check_cert(data, profile)
        ratio, py, rs = rounds(
            args.rounds,
            lambda: one_at_a_time(data, profile, args.n),
            lambda: _sceau._bench_rust_check_cert(data, profile, args.n),
        )
        ok &= ratio <= GOAL_ONE
        print(
            f"one at a time, {name}: Python {py / args.n * 1e6:.1f} us, Rust {rs / args.n * 1e6:.1f} us"
            f" per certificate: ratio {ratio:.3f} (goal <= {GOAL_ONE})"
        )
    items = list(itertools.islice(itertools.cycle(certificates), args.batch))
    jobs = args.jobs
    threads = _sceau._Batch("certificate", profile, None, [], None, None, jobs).jobs
    ratio, py, rs = rounds(
        args.rounds,
        lambda: many(items, profile, jobs),
        lambda: _sceau._bench_rust_batch(items, profile, jobs),
    )
    ok &= ratio <= GOAL_MANY
    print(
        f"check_many, {len(items)} certificates on {threads} threads: Python {py / len(items) * 1e6:.2f} us,"
        f" Rust batch {rs / len(items) * 1e6:.2f} us per certificate: ratio {ratio:.3f} (goal <= {GOAL_MANY})"
    )
    if args.check and not ok:
        print("a goal is missed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
