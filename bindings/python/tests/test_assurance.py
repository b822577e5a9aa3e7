"""sceau.assurance on the signatures of tests/data/assurance (tests/assurance.rs)."""

from __future__ import annotations

import datetime as dt

import pytest

import sceau
from conftest import ASSURANCE, DECEMBER

CRLS = [ASSURANCE / "sign-ca.crl", ASSURANCE / "root.crl"]


def judge(signature: str, data="data.txt", **options) -> sceau.Report:
    """The signature with the fixtures' PKI: the root trusted, both CRLs given."""
    options.setdefault("time", DECEMBER)
    options.setdefault("roots", ASSURANCE / "root.pem")
    options.setdefault("crls", CRLS)
    return sceau.assurance(ASSURANCE / signature, None if data is None else ASSURANCE / data, **options)


def outcome(report):
    return report.facts["indication"], report.facts["sub_indication"]


EVERYTHING = dict(recognised_cas=ASSURANCE / "sign-ca.pem", device="smartcard", auth_factors=2, identity_loa=4)


def test_a_qes_with_a_signature_time_stamp_passes():
    report = judge("qes-t.p7s", recognised_cas=ASSURANCE / "sign-ca.pem", device="smartcard")
    assert report.subject == "signature"
    assert report.profile == "assurance"
    assert outcome(report) == ("TOTAL-PASSED", None)
    assert report.facts["eidas_level"] == "QES"
    assert report.facts["best_signature_time"] == "2026-03-02T10:00:00Z"


def test_the_eidas_level_follows_the_certificate_and_the_trusted_list():
    def level(sig, **options):
        report = judge(sig, **options)
        return report.facts["eidas_level"], report.facts["qc_type"], report.codes

    assert level("qes-t.p7s", **EVERYTHING)[:2] == ("QES", "esign")
    qc, _, found = level("qc-t.p7s", **EVERYTHING)
    assert qc == "AdES-QC" and "assurance.eidas.no_qscd" in found
    seal, qc_type, found = level("seal-t.p7s", **EVERYTHING)
    assert (seal, qc_type) == ("AdES-QC", "eseal") and "assurance.eidas.qualified_seal" in found
    plain, qc_type, found = level("plain-t.p7s", **EVERYTHING)
    assert (plain, qc_type) == ("AdES", None) and "assurance.eidas.not_qualified_certificate" in found
    unlisted, _, found = level("qes-t.p7s")
    assert unlisted == "AdES" and "assurance.eidas.no_trusted_list" in found
    not_listed, _, found = level("qes-t.p7s", recognised_cas=ASSURANCE / "tsa.pem")
    assert not_listed == "AdES" and "assurance.eidas.ca_not_listed" in found


def test_revocation_before_the_best_signature_time_has_no_proof_of_existence():
    early = judge("revoked-early-t.p7s")
    assert outcome(early) == ("INDETERMINATE", "REVOKED_NO_POE")
    assert early.verdict == "rejected"
    for code in ["assurance.signer.revoked_no_poe", "assurance.indication.not_passed", "assurance.eidas.not_ades", "assurance.rgs.not_passed"]:
        assert early.has(code), code


def test_revocation_after_the_time_stamp_leaves_the_signature_standing():
    late = judge("revoked-late-t.p7s")
    assert outcome(late) == ("TOTAL-PASSED", None)
    assert late.has("assurance.signer.revoked_after_signature")
    assert outcome(judge("revoked-late-bes.p7s")) == ("INDETERMINATE", "REVOKED_NO_POE")


def test_algorithm_policies():
    sha1 = judge("sha1-bes.p7s")
    assert sha1.facts["sub_indication"] == "CRYPTO_CONSTRAINTS_FAILURE"
    assert sha1.has("assurance.algorithm.refused") and sha1.has("assurance.rgs.algorithms")
    in_2030 = dt.datetime(2030, 6, 1, tzinfo=dt.timezone.utc)
    assert judge("rsa2048-bes.p7s", time=in_2030).facts["sub_indication"] == "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
    assert outcome(judge("rsa2048-t.p7s", time=in_2030)) == ("TOTAL-PASSED", None)
    rgs = judge("rsa2048-bes.p7s", time=in_2030, algorithm_policy="rgs")
    assert outcome(rgs) == ("TOTAL-PASSED", None)
    assert rgs.facts["algorithm_policy"] == "rgs"


def test_data_altered_or_missing():
    altered = judge("qes-t.p7s", "data-altered.txt")
    assert outcome(altered) == ("TOTAL-FAILED", "HASH_FAILURE")
    assert altered.facts["gc_loa"] == 0
    assert altered.has("assurance.signature.hash_mismatch")
    missing = judge("qes-t.p7s", None)
    assert outcome(missing) == ("INDETERMINATE", "SIGNED_DATA_NOT_FOUND")


def test_a_token_given_beside_the_signature_is_a_proof_of_existence():
    report = judge("qes-bes.p7s", timestamps=[ASSURANCE / "qes-bes.tst"])
    assert report.facts["best_signature_time"] == "2026-03-02T10:00:00Z"
    assert report.facts["timestamps"][0]["kind"] == "standalone"


def test_enveloping_signatures():
    report = judge("qes-enveloping-t.p7s", None)
    assert outcome(report) == ("TOTAL-PASSED", None)
    assert report.facts["signed_data"] == "enveloping"


def test_government_of_canada_levels_and_targets():
    assert judge("qes-t.p7s").facts["gc_loa"] == 1
    assert judge("qes-t.p7s", identity_loa=3, auth_factors=2).facts["gc_loa"] == 3
    met = judge("qes-t.p7s", target_loa=4, target_eidas="qes", **EVERYTHING)
    assert met.verdict == "accepted", met.text()
    assert (met.facts["gc_loa"], met.facts["rgs_stars"]) == (4, 2)
    low = judge("qes-bes.p7s", target_loa=4)
    assert low.verdict == "rejected"
    for code in ["assurance.target.loa", "assurance.gc.identity_loa", "assurance.gc.factors", "assurance.gc.device", "assurance.gc.ca_not_recognised", "assurance.gc.no_trusted_timestamp"]:
        assert low.has(code), code
    assert judge("revoked-early-t.p7s", target_loa=1).verdict == "accepted"
    assert judge("qes-t.p7s", target_eidas="qes").has("assurance.target.eidas")


def test_a_verifier_made_once_serves_many_signatures():
    verifier = sceau.Verifier(ASSURANCE / "root.pem", crls=CRLS, usage="any", time=DECEMBER)
    with_verifier = sceau.assurance(ASSURANCE / "qes-t.p7s", ASSURANCE / "data.txt", verifier=verifier)
    assert with_verifier.to_json() == judge("qes-t.p7s").to_json()
    with pytest.raises(sceau.UsageError):
        sceau.assurance(ASSURANCE / "qes-t.p7s", verifier=verifier, roots=ASSURANCE / "root.pem")
    with pytest.raises(TypeError):
        sceau.assurance(ASSURANCE / "qes-t.p7s", verifier="root.pem")


def test_french_text():
    assert judge("qes-t.p7s", **EVERYTHING).text("fr").startswith("ACCEPTÉ (validée au ")


def test_unreadable_input_and_wrong_options():
    with pytest.raises(sceau.InputError) as caught:
        judge("data.txt")
    assert caught.value.expected == "signed_data"
    assert "PKCS#7/CMS" in str(caught.value)
    assert caught.value.path == str(ASSURANCE / "data.txt")
    with pytest.raises(sceau.InputError):
        judge("qes-t.p7s", timestamps=[ASSURANCE / "data.txt"])
    for wrong in ({"algorithm_policy": "nist"}, {"device": "yubikey"}, {"target_loa": 5}, {"target_eidas": "qualified"}, {"identity_loa": 0}):
        with pytest.raises(sceau.UsageError) as caught:
            judge("qes-t.p7s", **wrong)
        assert caught.value.argument == next(iter(wrong))
