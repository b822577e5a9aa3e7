"""The package's shape: exceptions, argument conventions, stubs and markers."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import pickle
from pathlib import Path

import pytest

import sceau
from sceau import _sceau
from conftest import CERT, CSR, TODAY

PACKAGE = Path(sceau.__file__).parent


def test_the_exception_hierarchy():
    assert issubclass(sceau.InputError, sceau.Error)
    assert issubclass(sceau.InputError, ValueError)
    assert issubclass(sceau.UsageError, sceau.Error)
    assert issubclass(sceau.Error, Exception)
    assert not issubclass(sceau.UsageError, sceau.InputError)
    # One `except sceau.Error` catches both.
    for call in (lambda: sceau.check_cert(b"junk"), lambda: sceau.check_cert(CERT / "tls" / "good.pem", "nope")):
        with pytest.raises(sceau.Error):
            call()


def test_a_str_is_a_path_never_pem_text():
    pem = (CSR / "rsa2048-san.csr").read_text()
    with pytest.raises(sceau.UsageError) as caught:
        sceau.check_csr(pem)
    assert caught.value.kind == "not_a_file"
    assert "text.encode()" in str(caught.value)
    assert sceau.check_csr(pem.encode(), time=TODAY).verdict == "accepted"
    with pytest.raises(sceau.UsageError) as caught:
        sceau.check_cert("no-such-file.pem")
    assert caught.value.argument == "data"
    with pytest.raises(sceau.UsageError) as caught:
        sceau.check_cert(CERT)
    assert "directory" in str(caught.value)
    with pytest.raises(sceau.UsageError):
        sceau.check_cert(Path("no-such-file.pem"))
    with pytest.raises(TypeError):
        sceau.check_cert(42)
    with pytest.raises(TypeError):
        sceau.check_csr(None)


def test_times_are_datetimes_naive_meaning_utc():
    aware = sceau.check_csr(CSR / "sha1.csr", time=TODAY)
    naive = sceau.check_csr(CSR / "sha1.csr", time=dt.datetime(2026, 11, 21))
    paris = sceau.check_csr(CSR / "sha1.csr", time=TODAY.astimezone(dt.timezone(dt.timedelta(hours=1))))
    assert aware.to_json() == naive.to_json() == paris.to_json()
    with pytest.raises(sceau.UsageError):
        sceau.check_csr(CSR / "sha1.csr", time=dt.datetime(1969, 1, 1))
    with pytest.raises(TypeError):
        sceau.check_csr(CSR / "sha1.csr", time=1_795_219_200)


def test_languages():
    report = sceau.check_csr(CSR / "rsa1024.csr", time=TODAY)
    for call in (lambda: report.text("de"), lambda: report.findings_in("es"), lambda: report.to_json("x")):
        with pytest.raises(sceau.UsageError) as caught:
            call()
        assert caught.value.argument == "lang"
    assert report.text("FR") == report.text("fr")
    with pytest.raises(sceau.UsageError):
        sceau.rules("de")


def test_reports_and_findings_are_values():
    report = sceau.check_csr(CSR / "rsa1024.csr", time=TODAY)
    assert repr(report) == "<sceau.Report csr baseline rejected: 1 finding>"
    with pytest.raises(AttributeError):
        report.verdict = "accepted"
    a, b = report.findings[0], sceau.check_csr(CSR / "rsa1024.csr", time=TODAY).findings[0]
    assert a == b and hash(a) == hash(b)
    assert a != a.in_lang("fr")
    assert "key.rsa.too_small" in repr(a)
    assert report.codes == ["key.rsa.too_small"]
    assert isinstance(report, sceau.Report) and isinstance(a, sceau.Finding)
    with pytest.raises(TypeError):
        sceau.Report()


def test_errors_pickle_with_their_attributes():
    with pytest.raises(sceau.UsageError) as caught:
        sceau.check_cert(CERT / "tls" / "good.pem", "nope")
    again = pickle.loads(pickle.dumps(caught.value))
    assert (type(again), str(again), again.kind, again.found, again.known) == (
        sceau.UsageError,
        str(caught.value),
        "unknown_profile",
        "nope",
        caught.value.known,
    )


def test_every_public_name_exists():
    for name in sceau.__all__:
        assert hasattr(sceau, name), name
    assert sceau.__version__ == _sceau.__version__
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_sceau.pyi").is_file()


def stub():
    return ast.parse((PACKAGE / "_sceau.pyi").read_text())


def test_the_stub_lists_what_the_extension_has():
    tree = stub()
    declared = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    declared |= {t.id for node in tree.body if isinstance(node, ast.AnnAssign) for t in [node.target] if isinstance(t, ast.Name)}
    present = {name for name in dir(_sceau) if not name.startswith("__") or name == "__version__"}
    assert declared == present


@pytest.mark.parametrize("cls", ["Report", "Finding", "_Verifier", "_Batch"])
def test_the_stub_lists_every_method_and_property(cls):
    node = next(n for n in stub().body if isinstance(n, ast.ClassDef) and n.name == cls)
    declared = {f.name for f in node.body if isinstance(f, ast.FunctionDef)} - {"__new__", "__eq__", "__hash__"}
    present = {name for name in dir(getattr(_sceau, cls)) if not name.startswith("__")}
    assert declared == present


def test_the_python_layer_is_annotated():
    for name in ["check_csr", "check_cert", "match_cert", "quote", "expiry", "assurance", "check_many", "iter_check_many", "split_objects", "rules", "profiles"]:
        signature = inspect.signature(getattr(sceau, name))
        assert signature.return_annotation is not inspect.Signature.empty, name
        for parameter in signature.parameters.values():
            assert parameter.annotation is not inspect.Parameter.empty, (name, parameter.name)
