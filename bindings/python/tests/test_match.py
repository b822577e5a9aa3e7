"""sceau.match_cert on the sets of tests/data/match (tests/matching.rs)."""

from __future__ import annotations

import pytest

import sceau
from conftest import MATCH, error_codes


def with_key(cert: str, key: str) -> sceau.Report:
    return sceau.match_cert(MATCH / cert, key=MATCH / key)


def with_csr(cert: str, csr: str) -> sceau.Report:
    return sceau.match_cert(MATCH / cert, csr=MATCH / csr)


@pytest.mark.parametrize(
    "cert,key,encoding",
    [
        ("rsa.pem", "rsa-pkcs8.key", "pkcs8"),
        ("rsa.pem", "rsa-pkcs1.key", "pkcs1"),
        ("ec.pem", "ec-pkcs8.key", "pkcs8"),
        ("ec.pem", "ec-sec1.key", "sec1"),
        ("ed25519.pem", "ed25519.key", "pkcs8"),
    ],
)
def test_a_key_matches_its_certificate_in_every_encoding(cert, key, encoding):
    report = with_key(cert, key)
    assert report.verdict == "accepted", report.codes
    assert report.subject == "match"
    facts = report.facts["key"]
    assert facts["matches"] and facts["consistent"]
    assert facts["encoding"] == encoding
    assert "BEGIN" not in report.to_json()


@pytest.mark.parametrize(
    "cert,key", [("rsa.pem", "other.key"), ("rsa.pem", "ec-pkcs8.key"), ("ec.pem", "rsa-pkcs8.key")]
)
def test_no_certificate_matches_a_foreign_key(cert, key):
    assert error_codes(with_key(cert, key)) == ["match.key.differs"]


def test_an_inconsistent_key_is_named_as_such():
    assert error_codes(with_key("rsa.pem", "rsa-inconsistent.key")) == ["match.key.inconsistent"]


def test_encrypted_keys_are_refused_with_the_way_out():
    with pytest.raises(sceau.InputError) as caught:
        with_key("rsa.pem", "rsa-encrypted.key")
    error = caught.value
    assert error.kind == "unsupported"
    assert error.expected == "private_key"
    assert "openssl pkey" in error.detail
    # The key was read from a path: the message names the key file, not the certificate.
    assert error.path == str(MATCH / "rsa-encrypted.key")


def test_a_certificate_and_its_request():
    same = with_csr("rsa.pem", "rsa.csr")
    assert same.verdict == "accepted"
    assert same.findings == []
    assert same.facts["csr"]["same_key"] is True
    assert error_codes(with_csr("rsa.pem", "other.csr")) == ["match.csr.key_differs"]
    more = with_csr("rsa.pem", "rsa-more-names.csr")
    assert error_codes(more) == ["match.csr.name_missing"]
    assert more.findings[0].arg("name") == "shop.exemple.fr"
    assert more.has("match.csr.subject_differs")
    assert more.facts["csr"]["missing_names"] == ["shop.exemple.fr"]
    everything = sceau.match_cert(MATCH / "ec.pem", MATCH / "ec.csr", MATCH / "ec-sec1.key")
    assert everything.verdict == "accepted", everything.codes


def test_french_says_it_like_certigna():
    report = with_key("rsa.pem", "other.key")
    assert "n'appartient pas au certificat" in report.text("fr")


def test_nothing_to_compare_is_a_usage_error():
    with pytest.raises(sceau.UsageError):
        sceau.match_cert(MATCH / "rsa.pem")


def test_bytes_work_like_paths():
    report = sceau.match_cert((MATCH / "rsa.pem").read_bytes(), (MATCH / "rsa.csr").read_bytes(), (MATCH / "rsa-pkcs1.key").read_bytes())
    assert report.to_json() == sceau.match_cert(MATCH / "rsa.pem", MATCH / "rsa.csr", MATCH / "rsa-pkcs1.key").to_json()
