"""sceau.check_csr on the fixtures of tests/csr_intake.rs: the same verdicts and codes."""

from __future__ import annotations

import json

import pytest

import sceau
from conftest import CSR, TODAY, error_codes


def check(name: str, profile: str = "baseline") -> sceau.Report:
    return sceau.check_csr(CSR / name, profile, time=TODAY)


@pytest.mark.parametrize(
    "name",
    [
        "rsa2048-san.csr",
        "rsa2048-nosan.csr",
        "rsa3072-sha384.csr",
        "p256.csr",
        "p384.csr",
        "wildcard.csr",
        "idn.csr",
        "service-name.csr",
        "usages.csr",
        "ip-san.csr",
        "email-subject.csr",
    ],
)
def test_well_formed_requests_are_accepted_with_possession_proven(name):
    report = check(name)
    assert report.verdict == "accepted"
    assert report.accepted
    assert report.findings == []
    assert report.facts["proof_of_possession"] == "verified"
    assert report.subject == "csr"
    assert report.profile == "baseline"


@pytest.mark.parametrize(
    "name,salt",
    [
        ("pss-salt32.csr", 32),
        ("pss-saltmax.csr", 222),
        ("pss-salt0.csr", 0),
        ("pss-sha384-salt20.csr", 20),
        ("pss-key.csr", 222),
    ],
)
def test_rsa_pss_requests_verify_whatever_the_salt_length(name, salt):
    report = check(name)
    assert report.verdict == "accepted", report.codes
    assert report.facts["proof_of_possession"] == "verified"
    algorithm = report.facts["signature_algorithm"]
    assert algorithm["scheme"] == "rsa-pss"
    assert algorithm["salt_len"] == salt


def test_a_tampered_request_fails_the_proof_of_possession():
    report = check("tampered.csr")
    assert report.verdict == "rejected"
    assert not report.accepted
    assert error_codes(report) == ["csr.signature.invalid"]
    assert report.facts["proof_of_possession"] == "invalid"
    assert report.has("csr.subject.cn_not_in_san")


@pytest.mark.parametrize("name,hash", [("sha1.csr", "SHA-1"), ("md5.csr", "MD5")])
def test_sha1_and_md5_are_refused_as_retired(name, hash):
    report = check(name)
    assert error_codes(report) == ["algorithm.signature.retired"]
    assert report.findings[0].arg("hash") == hash
    assert not report.has("csr.signature.invalid")


@pytest.mark.parametrize(
    "name,code",
    [
        ("rsa1024.csr", "key.rsa.too_small"),
        ("rsa2052.csr", "key.rsa.not_multiple_of_8"),
        ("rsa-e3.csr", "key.rsa.bad_exponent"),
        ("rsa-small-factor.csr", "key.rsa.small_factor"),
        ("rsa-fermat.csr", "key.rsa.fermat_factorable"),
    ],
)
def test_weak_rsa_keys_are_refused_with_their_reason(name, code):
    report = check(name)
    assert error_codes(report) == [code]
    assert report.facts["proof_of_possession"] == "verified"


def test_weak_key_arguments():
    assert check("rsa-small-factor.csr").findings[0].arg("prime") == "743"
    assert check("rsa1024.csr").findings[0].arg("bits") == "1024"
    assert check("rsa1024.csr").findings[0].arg("nope") is None


def test_curves_and_ed25519_outside_the_default_policy_are_refused():
    expected = ["csr.signature.unsupported", "key.ec.curve_not_allowed"]
    assert error_codes(check("p521.csr")) == expected
    assert error_codes(check("secp256k1.csr")) == expected
    ed = check("ed25519.csr")
    assert error_codes(ed) == ["key.algorithm_not_allowed"]
    assert ed.facts["proof_of_possession"] == "verified"


@pytest.mark.parametrize(
    "name,expected",
    [
        ("no-cn.csr", ["csr.subject.cn_missing"]),
        ("cn-ip.csr", ["csr.subject.cn_is_ip"]),
        ("cn-underscore.csr", ["name.dns.invalid_character"]),
        ("cn-trailing-dot.csr", ["name.dns.trailing_dot"]),
        ("bad-idn.csr", ["name.dns.invalid_a_label"]),
        ("country-xx.csr", ["csr.subject.country_invalid"]),
        ("repeated-cn.csr", ["csr.subject.attribute_repeated"]),
        ("bad-email.csr", ["name.email.invalid"]),
        ("san-long-label.csr", ["name.dns.label_too_long"]),
        ("san-too-long.csr", ["name.dns.too_long"]),
    ],
)
def test_subject_and_name_rules_each_have_their_code(name, expected):
    assert error_codes(check(name)) == expected


def test_requested_names_are_listed_and_checked_like_the_cn():
    report = check("san-bad-names.csr")
    assert error_codes(report) == [
        "name.dns.invalid_character",
        "name.dns.wildcard_misplaced",
        "name.dns.ip_address",
        "name.email.invalid",
    ]
    assert [f.field for f in report.findings] == ["san[1]", "san[2]", "san[3]", "san[4]"]
    uri = check("san-uri.csr")
    assert uri.codes == ["csr.san.unusual_type"]
    assert uri.verdict == "accepted"


def test_facts_keep_names_key_and_requested_usages():
    facts = check("usages.csr").facts
    assert facts["common_name"] == "www.exemple.fr"
    assert facts["requested_key_usage"] == ["digitalSignature", "keyEncipherment"]
    assert facts["requested_extended_key_usage"] == ["serverAuth", "clientAuth"]
    key = facts["key"]
    assert (key["algorithm"], key["bits"], key["exponent"]) == ("rsa", 2048, 65537)
    assert len(key["spki_sha256"]) == 64
    ca = check("requests-ca.csr")
    assert ca.codes == ["csr.extension.requests_ca"]
    assert ca.facts["requested_basic_constraints"]["ca"] is True


def test_challenge_password_is_a_warning_that_says_it_travels_in_clear():
    report = check("challenge-password.csr")
    assert report.verdict == "accepted"
    assert report.codes == ["csr.attribute.challenge_password"]
    finding = report.findings[0]
    assert finding.severity == "warning"
    assert "clear" in finding.message
    assert finding.lang == "en"
    assert "en clair" in report.findings_in("fr")[0].message
    assert "en clair" in finding.in_lang("fr").message
    assert "secret-en-clair" not in report.to_json()


@pytest.mark.parametrize(
    "name", ["rsa2048-san.der", "new-label.csr", "pasted-email.txt", "bare-base64.txt", "key-and-csr.pem"]
)
def test_every_way_of_writing_a_csr_is_read(name):
    spki = check("rsa2048-san.csr").facts["key"]["spki_sha256"]
    report = check(name)
    assert report.verdict == "accepted"
    assert report.facts["key"]["spki_sha256"] == spki


def test_the_pem_label_is_kept_in_the_facts():
    assert check("new-label.csr").facts["form"]["label"] == "NEW CERTIFICATE REQUEST"


def test_french_messages_and_text():
    report = check("rsa1024.csr")
    assert report.findings_in("fr")[0].message == "module RSA de 1024 bits ; il en faut au moins 2048"
    assert report.text(lang="fr").startswith("REFUSÉ")
    assert report.text().startswith("REJECTED")
    assert check("p256.csr").text("fr").startswith("ACCEPTÉ")


def test_json_report_follows_the_documented_schema():
    report = check("challenge-password.csr")
    whole = json.loads(report.to_json("fr"))
    assert whole == report.to_dict("fr")
    assert whole["schema"] == sceau.SCHEMA == "sceau.report/1"
    assert (whole["subject"], whole["profile"], whole["lang"], whole["verdict"]) == (
        "csr",
        "baseline",
        "fr",
        "accepted",
    )
    f = whole["findings"][0]
    assert f["code"] == "csr.attribute.challenge_password"
    assert f["severity"] == "warning"
    assert f["field"] == "attributes.challengePassword"
    assert "en clair" in f["message"]
    assert "RFC 2985" in f["source"]
    assert report.findings[0].source == f["source"]
    facts = whole["facts"]
    assert facts["common_name"] == "www.exemple.fr"
    assert facts["key"]["algorithm"] == "rsa"
    assert facts["signature_algorithm"]["scheme"] == "rsa-pkcs1"
    assert facts["challenge_password"] is True
    # The facts dict is the JSON report's facts, in the same key order.
    assert list(report.facts) == list(json.loads(report.to_json())["facts"])
    assert report.findings[0].to_dict() == json.loads(report.to_json())["findings"][0]


def test_the_same_bytes_and_path_give_the_same_report():
    path = CSR / "rsa2048-san.csr"
    for given in (path, str(path), path.read_bytes(), bytearray(path.read_bytes()), memoryview(path.read_bytes())):
        assert sceau.check_csr(given, time=TODAY).to_json() == check("rsa2048-san.csr").to_json()


def test_dated_rules_follow_the_time_given():
    # The same request judged at two times gives reports about those times; the default is
    # now.
    assert check("rsa2048-san.csr").verdict == sceau.check_csr(CSR / "rsa2048-san.csr").verdict
    naive = sceau.check_csr(CSR / "sha1.csr", time=TODAY.replace(tzinfo=None))
    assert naive.to_json() == check("sha1.csr").to_json()


@pytest.mark.parametrize(
    "name,kind,expected",
    [
        ("certificate.pem", "wrong_kind", "csr"),
        ("certificate.der", "wrong_kind", "csr"),
        ("empty.csr", "empty_input", "csr"),
        ("truncated.der", "truncated", "csr"),
        ("trailing.der", "trailing_data", "csr"),
        ("bad-base64.csr", "bad_base64", None),
        ("unterminated.csr", "bad_pem", "csr"),
        ("two-csrs.pem", "ambiguous", "csr"),
    ],
)
def test_input_errors_name_what_was_found_and_what_was_expected(name, kind, expected):
    with pytest.raises(sceau.InputError) as caught:
        check(name)
    error = caught.value
    assert isinstance(error, sceau.Error) and isinstance(error, ValueError)
    assert error.kind == kind
    assert error.expected == expected
    # Read from a path: the message starts with it, and `path` says it.
    assert error.path == str(CSR / name)
    assert str(error).startswith(f"{CSR / name}: ")


def test_input_error_details():
    with pytest.raises(sceau.InputError) as caught:
        check("certificate.pem")
    assert "'CERTIFICATE'" in caught.value.found
    with pytest.raises(sceau.InputError) as caught:
        check("certificate.der")
    assert "X.509 certificate" in caught.value.found
    with pytest.raises(sceau.InputError) as caught:
        sceau.check_csr((CSR / "truncated.der").read_bytes())
    assert "certificate signing request" in str(caught.value)
    assert caught.value.path is None
    with pytest.raises(sceau.InputError) as caught:
        sceau.check_csr((CSR / "two-csrs.pem").read_bytes())
    assert str(caught.value) == "2 PEM blocks hold a certificate signing request (PKCS#10); give exactly one"


@pytest.mark.parametrize(
    "data",
    [
        b"\x30",
        b"\x30\x80",
        b"\x30\x84\xff\xff\xff\xff",
        b"\x30\x03\x02\x01\x00",
        b"-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n",
        b"-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n",
        b"-----BEGIN X-----\nAAAA\n-----END Y-----\n",
        b"\xff" * 64,
        "Ceci n'est pas une CSR.".encode(),
    ],
)
def test_hostile_bytes_give_errors_not_crashes(data):
    with pytest.raises(sceau.InputError):
        sceau.check_csr(data, time=TODAY)
