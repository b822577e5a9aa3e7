"""examples/lint_at_scale.py on a 2-worker LocalCluster writes, line for line, what
`sceau cert check --profile auto --format jsonl DIR` writes (pkilint's corpus in ../shared,
and a directory made here with every kind of file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CERT, CSR, REPO, tls_files

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "lint_at_scale.py"
#: pkilint's test corpus as laid beside the repository (SCEAU_PKILINT_DIR overrides).
PKILINT = Path(os.environ.get("SCEAU_PKILINT_DIR", REPO.parent / "shared" / "testdata" / "pkilint"))


def cli_lines(sceau_cli, *inputs):
    out = subprocess.run(
        [sceau_cli, "cert", "check", "--profile", "auto", "--format", "jsonl", *map(str, inputs)],
        capture_output=True,
        check=False,
        timeout=300,
    )
    return out.returncode, out.stdout.decode().splitlines(), out.stderr.decode()


def example_lines(*args):
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), *map(str, args)],
        capture_output=True,
        check=False,
        timeout=300,
    )
    return out.returncode, out.stdout.decode().splitlines(), out.stderr.decode()


def test_the_pkilint_corpus_gives_the_command_lines_lines(sceau_cli):
    assert PKILINT.is_dir(), f"{PKILINT} is missing (the shared test data beside the repository)"
    code, expected, summary = cli_lines(sceau_cli, f"{PKILINT}/")
    assert len(expected) > 400
    got_code, got, got_summary = example_lines("--workers", "2", "--files-per-task", "32", f"{PKILINT}/")
    assert got_summary.splitlines()[0] == summary.splitlines()[0], got_summary
    assert len(got) == len(expected)
    for i, (line, want) in enumerate(zip(got, expected)):
        assert line == want, f"line {i + 1} differs"
    assert got_code == code
    assert got_summary == summary


def test_every_kind_of_file_and_a_real_scheduler(sceau_cli, tmp_path):
    from dask.distributed import LocalCluster

    corpus = tmp_path / "corpus"
    (corpus / "b" / "inner").mkdir(parents=True)
    files = tls_files()
    (corpus / "a.pem").write_bytes(files[1].read_bytes())
    (corpus / "b" / "inner" / "z.pem").write_bytes(files[2].read_bytes())
    key = b"-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n"
    (corpus / "b" / "two.pem").write_bytes(files[0].read_bytes() + key + files[3].read_bytes())
    (corpus / "cert.der").write_bytes((CSR / "certificate.der").read_bytes())
    (corpus / "request.csr").write_bytes((CSR / "rsa2048-san.csr").read_bytes())
    (corpus / "empty").write_bytes(b"")
    (corpus / "B.pem").write_bytes((CERT / "rsa1024-sha1.pem").read_bytes())
    os.symlink(corpus / "a.pem", corpus / "link.pem")
    os.symlink(corpus / "b", corpus / "link-dir")
    os.symlink(corpus / "absent", corpus / "dangling")
    inputs = [corpus, CERT / "tls" / "good.pem", tmp_path / "missing.pem"]
    code, expected, _ = cli_lines(sceau_cli, *inputs)
    assert code == 2
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        got_code, got, _ = example_lines("--scheduler", cluster.scheduler_address, "--files-per-task", "2", *inputs)
    assert got == expected
    assert got_code == code
    names = [line.split('"input":"', 1)[1].split('"', 1)[0] for line in got]
    assert f"{corpus}/b/two.pem#2" in names and f"{corpus}/link.pem" in names


def test_french_and_a_product_profile(sceau_cli):
    files = [str(p) for p in tls_files()]
    out = subprocess.run(
        [sceau_cli, "cert", "check", "--profile", "standard", "--lang", "fr", "--format", "jsonl", *files],
        capture_output=True,
        check=False,
    )
    code, got, _ = example_lines("--workers", "1", "--profile", "standard", "--lang", "fr", *files)
    assert got == out.stdout.decode().splitlines()
    assert code == out.returncode == 1


def test_a_wrong_profile_stops_before_any_task():
    code, lines, err = example_lines("--workers", "1", "--profile", "nope", str(CERT))
    assert code != 0 and lines == []
    assert "unknown profile 'nope'" in err
