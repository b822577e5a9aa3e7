"""Shared fixtures: the repository's test data (tests/data at the root, the fixtures of the Rust
tests), the fixed day the Rust tests judge dated rules on, and helpers."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import List

import pytest

import sceau

#: The repository root (bindings/python/tests/conftest.py is three levels down).
REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data"
CSR = DATA / "csr"
CERT = DATA / "cert"
CHAIN = DATA / "chain"
MATCH = DATA / "match"
ASSURANCE = DATA / "assurance"

#: 2026-11-21T00:00:00Z: the day tests/common's today() judges CSRs on.
TODAY = dt.datetime(2026, 11, 21, tzinfo=dt.timezone.utc)
#: 2027-06-01: the time tests/chain.rs verifies its chains at.
JUDGED_AT = dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc)
#: 2026-12-01: the validation time of tests/assurance.rs.
DECEMBER = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)


def error_codes(report: sceau.Report) -> List[str]:
    """The codes of the findings of severity error, in order (tests/common's error_codes)."""
    return [f.code for f in report.findings if f.severity == "error"]


def codes_of(report: sceau.Report, severity: str) -> List[str]:
    return [f.code for f in report.findings if f.severity == severity]


def finding(report: sceau.Report, code: str) -> sceau.Finding:
    for f in report.findings:
        if f.code == code:
            return f
    raise AssertionError(f"no {code} in {report.text()}")


def tls_files() -> List[Path]:
    """tests/data/cert/tls/*.pem, sorted (tests/batch.rs's tls_files)."""
    return sorted(p for p in (CERT / "tls").iterdir() if p.suffix == ".pem")


def cli() -> Path:
    """The command line built by `cargo build --release` at the root (SCEAU_CLI overrides)."""
    path = Path(os.environ.get("SCEAU_CLI", REPO / "target" / "release" / "sceau"))
    assert path.is_file(), (
        f"{path} is missing: build it with `cargo build --release` at the repository root "
        "(run_tests.sh does)"
    )
    return path


@pytest.fixture(scope="session")
def sceau_cli() -> Path:
    return cli()
