"""The Python example of this package's README.md, and the same in the repository's README.md,
runs from the repository root and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

from conftest import REPO

import pytest

READMES = [Path(__file__).resolve().parents[1] / "README.md", REPO / "README.md"]


def python_blocks(readme):
    return re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)


def test_both_readmes_show_the_same_example():
    assert python_blocks(READMES[0]) == python_blocks(READMES[1])


@pytest.mark.parametrize("README", READMES, ids=["package", "repository"])
def test_the_readme_example_runs_and_prints_what_it_says(README):
    blocks = python_blocks(README)
    assert blocks, "README.md has no python block"
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            for block in blocks:
                exec(compile(block, str(README), "exec"), {"__name__": "readme"})
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    for expected in ["rejected", "REFUSÉ (profil baseline)", "tls-br-subscriber accepted", "['revocation.revoked']", "213000", "wrong_kind certificate"]:
        assert expected in printed, expected
    assert printed.count('{"input":"tests/data/cert/tls/') == 9
