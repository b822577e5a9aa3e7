#!/usr/bin/env python3
"""Whole-process figures: the sceau command line next to the openssl command line on the same
files, judged at the same moment, in the same run.

    python3 benches/process.py [--runs 200] [--rss-runs 11] [--json OUT] [--sceau PATH]

Pairs (each command must succeed once before anything is timed):

- ``sceau csr check F`` / ``openssl req -verify -in F -noout`` (RSA-2048 and P-256 requests of
  tests/data/csr; sceau does the whole intake check, openssl verifies the signature only);
- ``sceau verify --revocation required`` / ``openssl verify -crl_check_all`` on
  tests/data/chain (terminal, CA, root; the CA's and the root's CRLs; TLS client use;
  2027-06-01, ``--time`` / ``-attime``): both demand a CRL for the terminal and the CA;
- ``sceau assurance`` / ``openssl cms -verify -crl_check_all`` on the CAdES-T signature of
  tests/data/assurance (openssl does not check the time-stamp token; sceau does).

Wall time: the two commands run in turns (A B A B ...), ``--runs`` times each, timed around
the spawn; the median of each and the ratio of the medians. Peak memory: ``/usr/bin/time -v``
("Maximum resident set size"), ``--rss-runs`` times each, median. ``/bin/true`` is timed the
same way to show the floor that spawning a process costs on this machine.
Prints a line per pair and writes the figures as JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CSR = REPO / "tests" / "data" / "csr"
CHAIN = REPO / "tests" / "data" / "chain"
ASSURANCE = REPO / "tests" / "data" / "assurance"


def pairs(sceau: str, store: str):
    """(name, sceau command, openssl command, what the pair compares)."""
    out = []
    for name in ("rsa2048-san.csr", "p256.csr"):
        f = str(CSR / name)
        out.append(
            (
                f"csr check {name}",
                [sceau, "csr", "check", f],
                ["openssl", "req", "-verify", "-in", f, "-noout"],
                "sceau: the whole intake check; openssl: the signature only",
            )
        )
    c = CHAIN
    out.append(
        (
            "verify tpe-good-chain.pem",
            [sceau, "verify", "--roots", str(c / "ingetrust-root.pem"),
             "--crl", str(c / "ingetrust-ca.crl.pem"), "--crl", str(c / "ingetrust-root.crl.pem"),
             "--usage", "client", "--revocation", "required",
             "--time", "2027-06-01T00:00:00Z", str(c / "tpe-good-chain.pem")],
            ["openssl", "verify", "-crl_check_all", "-CAfile", str(c / "ingetrust-root.pem"),
             "-CRLfile", str(c / "ingetrust-ca.crl.pem"), "-CRLfile", str(c / "ingetrust-root.crl.pem"),
             "-untrusted", str(c / "tpe-good-chain.pem"), "-purpose", "sslclient",
             "-attime", "1811808000", str(c / "tpe-good-chain.pem")],
            "the same chain, CRLs, use and time; a CRL required for the terminal and the CA",
        )
    )
    a = ASSURANCE
    out.append(
        (
            "assurance qes-t.p7s",
            [sceau, "assurance", "--signature", str(a / "qes-t.p7s"), "--data", str(a / "data.txt"),
             "--roots", str(a / "root.pem"), "--crl", str(a / "sign-ca.crl"), "--crl", str(a / "root.crl"),
             "--time", "2026-12-01T00:00:00Z"],
            ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(a / "qes-t.p7s"),
             "-content", str(a / "data.txt"), "-CAfile", store, "-crl_check_all",
             "-attime", "1796083200", "-purpose", "any", "-out", "/dev/null"],
            "openssl does not check the time-stamp token; sceau does, with its TSA chain",
        )
    )
    return out


def run_once(cmd) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {' '.join(cmd)}")
    return elapsed


def peak_rss_kib(cmd) -> int:
    done = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {' '.join(cmd)}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if not match:
        raise RuntimeError("no 'Maximum resident set size' in /usr/bin/time -v output")
    return int(match.group(1))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rss-runs", type=int, default=11)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sceau", default=str(REPO / "target" / "release" / "sceau"))
    args = parser.parse_args(argv)

    results = {"runs": args.runs, "rss_runs": args.rss_runs, "pairs": []}
    with tempfile.NamedTemporaryFile("wb", suffix=".pem", delete=False) as f:
        for part in ("root.pem", "sign-ca.crl", "root.crl"):
            f.write((ASSURANCE / part).read_bytes())
        store = f.name
    try:
        floor = statistics.median(run_once(["/bin/true"]) for _ in range(max(args.runs // 4, 10)))
        results["spawn_floor_s"] = floor
        print(f"/bin/true: {floor * 1e3:.2f} ms (the floor of a spawn here)")
        for name, ours, theirs, note in pairs(args.sceau, store):
            entry = {"name": name, "note": note, "sceau_cmd": ours, "openssl_cmd": theirs}
            try:
                run_once(ours), run_once(theirs)  # both must succeed; warms the page cache
                a, b = [], []
                for i in range(args.runs):
                    # Alternate which goes first, so neither always follows the other.
                    if i % 2:
                        b.append(run_once(theirs)), a.append(run_once(ours))
                    else:
                        a.append(run_once(ours)), b.append(run_once(theirs))
                ra, rb = [], []
                for _ in range(args.rss_runs):
                    ra.append(peak_rss_kib(ours)), rb.append(peak_rss_kib(theirs))
                entry.update(
                    sceau_wall_s=statistics.median(a),
                    openssl_wall_s=statistics.median(b),
                    sceau_rss_kib=statistics.median(ra),
                    openssl_rss_kib=statistics.median(rb),
                )
                print(
                    f"{name}: sceau {entry['sceau_wall_s'] * 1e3:.2f} ms, {entry['sceau_rss_kib']} KiB;"
                    f" openssl {entry['openssl_wall_s'] * 1e3:.2f} ms, {entry['openssl_rss_kib']} KiB;"
                    f" wall {entry['sceau_wall_s'] / entry['openssl_wall_s']:.2f}x,"
                    f" peak RSS {entry['sceau_rss_kib'] / entry['openssl_rss_kib']:.2f}x"
                )
            except Exception as error:  # a failed pair is reported, the others still run
                entry["error"] = str(error)
                print(f"{name}: FAILED: {error}")
            results["pairs"].append(entry)
    finally:
        os.unlink(store)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0 if all("error" not in p for p in results["pairs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
