"""sceau.check_cert on the certificate fixtures of tests/certificates.rs, tests/batch.rs and
tests/cabf_*.rs: the same verdicts and codes."""

from __future__ import annotations

import datetime as dt

import pytest

import sceau
from conftest import CERT, CSR, DATA, error_codes, tls_files

PKILINT = DATA / "pkilint" / "integration_certificate"


def test_an_openssl_certificate_passes_the_baseline():
    report = sceau.check_cert(CSR / "certificate.pem", "baseline")
    assert report.verdict == "accepted", report.codes
    assert report.subject == "certificate"


def test_weak_keys_and_retired_algorithms():
    report = sceau.check_cert(CERT / "rsa1024-sha1.pem", "baseline")
    assert error_codes(report) == ["algorithm.signature.retired", "key.rsa.too_small"]


def test_a_csr_given_as_a_certificate_is_named():
    with pytest.raises(sceau.InputError) as caught:
        sceau.check_cert((CSR / "rsa2048-san.csr").read_bytes(), "baseline")
    error = caught.value
    assert error.kind == "wrong_kind"
    assert "CERTIFICATE REQUEST" in error.found
    assert error.expected == "certificate"
    assert error.path is None


# tests/batch.rs: good.pem is accepted under `standard`, every other TLS fixture is not;
# tests/pkilint_differential.rs gives the defect of each.
TLS_STANDARD = {
    "client-eku.pem": ["cert.eku.missing"],
    "good.pem": [],
    "no-san.pem": ["cert.san.missing"],
    "rsa1024.pem": ["key.rsa.too_small"],
    "sha1-rsa1024-no-san.pem": ["algorithm.signature.retired", "key.rsa.too_small", "cert.san.missing"],
    "sha1.pem": ["algorithm.signature.retired"],
    "too-long.pem": ["cert.validity.over_cap"],
    "underscore.pem": ["name.dns.invalid_character"],
    "wildcard-misplaced.pem": ["name.dns.wildcard_misplaced"],
}


@pytest.mark.parametrize("name,expected", sorted(TLS_STANDARD.items()))
def test_tls_certificates_against_the_standard_product(name, expected):
    report = sceau.check_cert(CERT / "tls" / name, "standard")
    assert error_codes(report) == expected
    assert report.verdict == ("accepted" if not expected else "rejected")
    assert report.profile == "standard"


def test_every_tls_fixture_is_covered():
    assert sorted(p.name for p in tls_files()) == sorted(TLS_STANDARD)


def test_auto_chooses_the_cabf_profile_and_says_so():
    report = sceau.check_cert(CERT / "tls" / "good.pem")
    assert report.profile == "tls-br-subscriber"
    assert report.verdict == "accepted"
    assert report.has("profile.auto.chosen")
    chosen = next(f for f in report.findings if f.code == "profile.auto.chosen")
    assert chosen.severity == "notice"


@pytest.mark.parametrize("name", ["dsa-signed.pem", "ed448-signed.pem"])
def test_signature_algorithms_no_policy_admits(name):
    assert error_codes(sceau.check_cert(CERT / name, "baseline")) == ["algorithm.signature.not_allowed"]


@pytest.mark.parametrize(
    "path,code",
    [
        ("tls_br/ov_pre_certificate/prohibited_printablestring_char.crttest", "cert.subject.invalid_printable_string"),
        ("etsi/qncp_w_gen_legal_person_eidas_pre_certificate/duplicate_cn.crttest", "cert.subject.attribute_repeated"),
        ("etsi/qncp_w_gen_legal_person_eidas_pre_certificate/unknown_country_code.crttest", "cert.subject.country_invalid"),
    ],
)
def test_the_subject_rules_apply_to_pkilint_certificates(path, code):
    report = sceau.check_cert(PKILINT / path, "baseline")
    subject_codes = [c for c in report.codes if c.startswith("cert.subject.")]
    assert subject_codes == [code]


def test_rules_at_judges_by_a_later_days_rules():
    path = PKILINT / "tls_br/dv_final_certificate/anypolicy_present.crttest"
    assert sceau.check_cert(path, "tls-br").verdict == "accepted"
    for day in ("2025-06-01", dt.date(2025, 6, 1), dt.datetime(2025, 6, 1, 12, tzinfo=dt.timezone.utc)):
        later = sceau.check_cert(path, "tls-br", rules_at=day)
        assert later.verdict == "rejected"
        assert later.has("profile.policy.any_policy")
    with pytest.raises(sceau.UsageError) as caught:
        sceau.check_cert(path, "tls-br", rules_at="tomorrow")
    assert caught.value.argument == "rules_at"


def test_french_text_and_json_of_a_certificate():
    report = sceau.check_cert(CERT / "rsa1024-sha1.pem", "baseline")
    assert report.text("fr").startswith("REFUSÉ (profil baseline)")
    french = report.findings_in("fr")
    assert [f.code for f in french] == report.codes
    assert all(f.lang == "fr" for f in french)
    assert french[1].message != report.findings[1].message
    facts = report.facts
    assert facts["subject_dn"] == "C=FR, CN=www.exemple.fr"
    assert isinstance(facts["not_before"], int)
    assert report.to_dict()["facts"] == facts


def test_paths_and_bytes_give_the_same_report():
    path = CERT / "tls" / "good.pem"
    expected = sceau.check_cert(path, "standard").to_json()
    assert sceau.check_cert(str(path), "standard").to_json() == expected
    assert sceau.check_cert(path.read_bytes(), "standard").to_json() == expected
    # DER of the same certificate, from split_objects' PEM block through the DER file form.
    der_report = sceau.check_cert(CSR / "certificate.der", "baseline")
    assert der_report.verdict == sceau.check_cert(CSR / "certificate.pem", "baseline").verdict
