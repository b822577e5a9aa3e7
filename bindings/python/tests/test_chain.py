"""sceau.Verifier on the Diapason-like PKIs of tests/data/chain (tests/chain.rs): every
revocation outcome and chain diagnostic, the options, the presets."""

from __future__ import annotations

import datetime as dt

import pytest

import sceau
from conftest import CHAIN, JUDGED_AT, codes_of, finding


def terminals(crls=("ingetrust-ca.crl.pem", "ingetrust-root.crl.pem"), ocsp=(), **options):
    options.setdefault("usage", "client")
    options.setdefault("time", JUDGED_AT)
    return sceau.Verifier(
        CHAIN / "ingetrust-root.pem",
        crls=[CHAIN / c for c in crls],
        ocsp=[CHAIN / o for o in ocsp],
        **options,
    )


def test_a_good_terminal_validates_with_crls_for_leaf_and_intermediate():
    report = terminals().verify(CHAIN / "tpe-good-chain.pem")
    assert report.verdict == "accepted", report.text()
    assert report.subject == "chain"
    assert report.profile == "verify"
    path = report.facts["path"]
    assert [e["role"] for e in path] == ["leaf", "intermediate", "anchor"]
    assert "TPE-0001" in path[0]["subject"]
    assert path[0]["revocation"]["status"] == "good"
    assert path[1]["revocation"]["status"] == "good"
    assert path[2]["revocation"]["status"] == "not_checked"
    assert report.findings == []


def test_a_revoked_terminal_fails_with_date_reason_and_source():
    report = terminals().verify(CHAIN / "tpe-revoked-chain.pem")
    assert report.verdict == "rejected"
    revoked = finding(report, "revocation.revoked")
    assert revoked.arg("reason") == "keyCompromise"
    assert revoked.arg("date").startswith("20")
    assert "CRL" in revoked.arg("source")
    assert terminals(revocation="best-effort").verify(CHAIN / "tpe-revoked-chain.pem").has("revocation.revoked")


def test_a_der_crl_reads_like_a_pem_one():
    setup = terminals(crls=("ingetrust-ca.crl.der", "ingetrust-root.crl.pem"))
    assert setup.verify(CHAIN / "tpe-revoked-chain.pem").has("revocation.revoked")
    assert setup.verify(CHAIN / "tpe-good-chain.pem").verdict == "accepted"


def test_ocsp_from_a_delegated_responder_says_good_and_revoked():
    setup = terminals(
        crls=("ingetrust-root.crl.pem",),
        ocsp=("tpe-good.ocsp.der", "tpe-revoked.ocsp.der"),
        revocation="optional",
    )
    assert setup.revocation == "best-effort"
    good = setup.verify(CHAIN / "tpe-good-chain.pem")
    assert good.verdict == "accepted", good.text()
    leaf = good.facts["path"][0]["revocation"]
    assert leaf["status"] == "good" and "OCSP" in leaf["source"]
    revoked = finding(setup.verify(CHAIN / "tpe-revoked-chain.pem"), "revocation.revoked")
    assert revoked.arg("reason") == "keyCompromise"
    assert "OCSP" in revoked.arg("source")


def test_ocsp_signed_by_the_issuer_is_evidence_and_by_a_stranger_is_not():
    by_ca = terminals(crls=("ingetrust-root.crl.pem",), ocsp=("tpe-good-by-ca.ocsp.der",))
    assert by_ca.verify(CHAIN / "tpe-good-chain.pem").verdict == "accepted"
    stranger = terminals(crls=("ingetrust-root.crl.pem",), ocsp=("tpe-good-unauthorised.ocsp.der",))
    missing = finding(stranger.verify(CHAIN / "tpe-good-chain.pem"), "revocation.missing")
    assert "OCSP" in missing.arg("why")


def test_a_responder_revoked_on_a_crl_is_not_believed():
    setup = terminals(
        crls=("ingetrust-ca-expired.crl.pem", "ingetrust-root.crl.pem"), ocsp=("tpe-good-by-retired.ocsp.der",)
    )
    stale = finding(setup.verify(CHAIN / "tpe-good-chain.pem"), "revocation.stale")
    assert "CRL" in stale.arg("why")
    lenient = terminals(
        crls=("ingetrust-ca-expired.crl.pem", "ingetrust-root.crl.pem"),
        ocsp=("tpe-good.ocsp.der",),
        revocation="best-effort",
    ).verify(CHAIN / "tpe-good-chain.pem")
    assert lenient.verdict == "accepted"
    assert not lenient.has("revocation.stale_accepted")


def test_missing_evidence_fails_closed_under_required_only():
    required = terminals(crls=("ingetrust-root.crl.pem",)).verify(CHAIN / "tpe-good-chain.pem")
    assert codes_of(required, "error") == ["revocation.missing"]
    assert "TPE-0001" in finding(required, "revocation.missing").arg("subject")
    lenient = terminals(crls=("ingetrust-root.crl.pem",), revocation="best-effort").verify(CHAIN / "tpe-good-chain.pem")
    assert lenient.verdict == "accepted"
    assert codes_of(lenient, "warning") == ["revocation.unchecked"]
    for off in ("off", "none"):
        report = terminals(crls=("ingetrust-root.crl.pem",), revocation=off).verify(CHAIN / "tpe-good-chain.pem")
        assert report.findings == []
        assert report.facts["path"][0]["revocation"]["status"] == "not_checked"


def test_an_expired_crl_fails_under_required_and_warns_under_best_effort():
    crls = ("ingetrust-ca-expired.crl.pem", "ingetrust-root.crl.pem")
    required = terminals(crls=crls).verify(CHAIN / "tpe-good-chain.pem")
    assert codes_of(required, "error") == ["revocation.stale"]
    assert "2026-06-01" in finding(required, "revocation.stale").arg("why")
    lenient = terminals(crls=crls, revocation="best_effort").verify(CHAIN / "tpe-good-chain.pem")
    assert lenient.verdict == "accepted"
    assert codes_of(lenient, "warning") == ["revocation.stale_accepted"]


def test_a_crl_not_yet_valid_is_no_fresh_evidence():
    report = terminals(crls=("ingetrust-ca-future.crl.pem", "ingetrust-root.crl.pem")).verify(CHAIN / "tpe-good-chain.pem")
    assert "after the validation time" in finding(report, "revocation.stale").arg("why")


def test_max_age_makes_evidence_stale_whatever_its_next_update():
    fresh = terminals().verify(CHAIN / "tpe-good-chain.pem")
    assert fresh.verdict == "accepted"
    for max_age in (86_400, dt.timedelta(days=1)):
        aged = terminals(max_age=max_age)
        assert aged.max_age == dt.timedelta(days=1)
        assert aged.verify(CHAIN / "tpe-good-chain.pem").has("revocation.stale")


def test_a_last_crl_with_next_update_9999_never_expires():
    verifier = sceau.Verifier(
        CHAIN / "ingetrust-root.pem",
        crls=[CHAIN / "ingetrust-ca.crl.pem", CHAIN / "ingetrust-root-last.crl.pem"],
        usage="client",
        time=dt.datetime(2035, 12, 1, tzinfo=dt.timezone.utc),
    )
    report = verifier.verify(CHAIN / "tpe-good-chain.pem")
    assert report.verdict == "accepted", report.text()


def test_diagnostics_name_what_is_wrong_with_the_chain_given():
    setup = terminals()
    assert finding(setup.verify(CHAIN / "tpe-wrong-order.pem"), "chain.leaf_not_first").arg("position") == "2"
    extra = setup.verify(CHAIN / "tpe-extra.pem")
    assert extra.verdict == "accepted"
    assert "gap.ch-ville.fr" in finding(extra, "chain.extra_certificate").arg("subject")
    missing = setup.verify(CHAIN / "tpe-good.pem")
    assert finding(missing, "chain.issuer_not_found").arg("issuer") == "CN=IngeTrust Test TPE CA, O=IngeTrust Test, C=FR"
    assert "TPE-0003" in finding(setup.verify(CHAIN / "tpe-expired-chain.pem"), "chain.expired").arg("subject")


def test_an_expired_root_is_a_warning_and_a_self_signed_leaf_an_error():
    setup = sceau.Verifier(CHAIN / "old-root.pem", usage="server", revocation="off", time=JUDGED_AT)
    report = setup.verify(CHAIN / "old-root-leaf.pem")
    assert report.verdict == "accepted"
    assert codes_of(report, "warning") == ["chain.anchor_expired"]
    assert "chain.leaf_self_signed" in codes_of(setup.verify(CHAIN / "self-signed.pem"), "error")


def gateway(name, **options):
    return sceau.Verifier(
        CHAIN / "igc-sante-acr.pem",
        crls=[CHAIN / "igc-sante-aci.crl.pem", CHAIN / "igc-sante-acr.crl.pem"],
        usage="server",
        name=name,
        revocation="best-effort",
        time=JUDGED_AT,
        **options,
    ).verify(CHAIN / "gap-chain.pem")


def test_the_server_name_is_checked_and_the_cn_counts_only_when_allowed():
    assert gateway("gap.ch-ville.fr").verdict == "accepted"
    mismatch = finding(gateway("autre.ch-ville.fr"), "chain.name_mismatch")
    assert "gap.ch-ville.fr" in mismatch.arg("presented")

    def cn_only(fallback):
        verifier = sceau.Verifier(
            CHAIN / "igc-sante-acr.pem", name="gap.ch-ville.fr", revocation="off", cn_fallback=fallback, time=JUDGED_AT
        )
        return verifier.verify(CHAIN / "gap-cn-only-chain.pem")

    assert codes_of(cn_only(False), "error") == ["chain.name_mismatch"]
    allowed = cn_only(True)
    assert allowed.verdict == "accepted"
    assert codes_of(allowed, "warning") == ["chain.name.cn_fallback"]


def test_time_and_name_can_change_for_one_call():
    verifier = sceau.Verifier(
        CHAIN / "igc-sante-acr.pem",
        crls=[CHAIN / "igc-sante-aci.crl.pem", CHAIN / "igc-sante-acr.crl.pem"],
        name="gap.ch-ville.fr",
        revocation="best-effort",
        time=JUDGED_AT,
    )
    assert verifier.verify(CHAIN / "gap-chain.pem").verdict == "accepted"
    assert verifier.verify(CHAIN / "gap-chain.pem", name="autre.ch-ville.fr").has("chain.name_mismatch")
    late = verifier.verify(CHAIN / "gap-chain.pem", time=dt.datetime(2040, 1, 1))
    assert late.has("chain.expired")
    assert late.facts["time"] == "2040-01-01T00:00:00Z"
    # The verifier itself is unchanged.
    assert verifier.name == "gap.ch-ville.fr"
    assert verifier.time == JUDGED_AT
    assert verifier.verify(CHAIN / "gap-chain.pem").verdict == "accepted"


def test_usage_and_depth_are_enforced():
    assert terminals(usage="server").verify(CHAIN / "tpe-good-chain.pem").has("chain.usage_not_allowed")
    shallow = sceau.Verifier(CHAIN / "ingetrust-root.pem", usage="client", max_depth=0, revocation="off", time=JUDGED_AT)
    assert shallow.max_depth == 0
    assert finding(shallow.verify(CHAIN / "tpe-good-chain.pem"), "chain.too_long").arg("count") == "1"


def test_limits_bound_the_work():
    verifier = terminals(limits={"chain-certificates": 1})
    assert verifier.limits["chain-certificates"] == 1
    assert verifier.limits["path-attempts"] == 32
    assert verifier.verify(CHAIN / "tpe-good-chain.pem").has("chain.too_many_certificates")
    with pytest.raises(sceau.InputError) as caught:
        terminals(limits={"crls": 1})
    assert caught.value.kind == "too_many"
    assert caught.value.limit == "crls"
    with pytest.raises(sceau.UsageError) as caught:
        terminals(limits={"nope": 1})
    assert caught.value.argument == "limits"
    # A limit is a usize, as in Rust and C: past 2**32 is a value like another.
    assert terminals(limits={"path-attempts": 2**40}).limits["path-attempts"] == 2**40


def test_the_diapason_presets():
    client = sceau.Verifier.diapason_client(
        CHAIN / "ingetrust-root.pem",
        crls=[CHAIN / "ingetrust-ca.crl.pem", CHAIN / "ingetrust-root.crl.pem"],
        time=JUDGED_AT,
    )
    assert (client.profile, client.usage, client.revocation) == ("diapason-client", "client", "required")
    good = client.verify(CHAIN / "tpe-good-chain.pem")
    assert good.verdict == "accepted"
    assert good.profile == "diapason-client"
    assert "préréglage diapason-client" in good.text("fr")
    assert client.verify(CHAIN / "tpe-revoked-chain.pem").has("revocation.revoked")

    server = sceau.Verifier.diapason_server(
        CHAIN / "igc-sante-acr.pem",
        "gap.ch-ville.fr",
        crls=[CHAIN / "igc-sante-aci.crl.pem", CHAIN / "igc-sante-acr.crl.pem"],
        time=JUDGED_AT,
    )
    assert (server.usage, server.revocation, server.name) == ("tls-server", "best-effort", "gap.ch-ville.fr")
    assert server.cn_fallback and server.cn_must_equal_name
    assert server.verify(CHAIN / "gap-chain.pem").verdict == "accepted"
    # Explicit options override the preset's.
    strict = sceau.Verifier.diapason_server(
        CHAIN / "igc-sante-acr.pem", "gap.ch-ville.fr", revocation="required", time=JUDGED_AT
    )
    assert strict.revocation == "required"
    assert strict.verify(CHAIN / "gap-chain.pem").has("revocation.missing")


def test_material_forms(tmp_path):
    pem = (CHAIN / "ingetrust-root.pem").read_bytes()
    crls = [(CHAIN / "ingetrust-ca.crl.pem").read_bytes(), CHAIN / "ingetrust-root.crl.pem"]
    from_bytes = sceau.Verifier(pem, crls=crls, usage="client", time=JUDGED_AT)
    assert from_bytes.anchor_count == 1
    assert from_bytes.verify((CHAIN / "tpe-good-chain.pem").read_bytes()).verdict == "accepted"
    # A directory of roots: its certificate files, as on the command line.
    for name in ("ingetrust-root.pem", "igc-sante-acr.pem"):
        (tmp_path / name).write_bytes((CHAIN / name).read_bytes())
    (tmp_path / "notes.txt").write_text("not a certificate file")
    directory = sceau.Verifier(tmp_path, usage="client", revocation="off", time=JUDGED_AT)
    assert directory.anchor_count == 2
    assert directory.verify(CHAIN / "tpe-good-chain.pem").verdict == "accepted"
    assert "1 anchor" in repr(from_bytes)


def test_bad_input_is_an_error_not_a_verdict():
    verifier = terminals()
    with pytest.raises(sceau.InputError) as caught:
        verifier.verify(b"not a chain")
    assert caught.value.kind in ("bad_base64", "not_pem_or_der")
    with pytest.raises(sceau.InputError) as caught:
        verifier.verify(CHAIN / "ingetrust-ca.crl.pem")
    assert caught.value.kind == "wrong_kind"
    assert caught.value.path == str(CHAIN / "ingetrust-ca.crl.pem")
    empty = sceau.Verifier((), usage="any", time=JUDGED_AT)
    with pytest.raises(sceau.UsageError) as caught:
        empty.verify(CHAIN / "tpe-good-chain.pem")
    assert caught.value.argument == "roots"
    with pytest.raises(sceau.InputError) as caught:
        terminals(crls=("tpe-good.pem",))
    assert caught.value.path == str(CHAIN / "tpe-good.pem")
    with pytest.raises(sceau.InputError) as caught:
        sceau.Verifier(b"junk", usage="any")
    assert str(caught.value).startswith("roots[0]: ")


@pytest.mark.parametrize(
    "options,argument",
    [
        ({"usage": "nope"}, "usage"),
        ({"revocation": "sometimes"}, "revocation"),
        ({"preset": "nope"}, "preset"),
        ({"preset": "diapason-server"}, "name"),
    ],
)
def test_wrong_options_are_usage_errors(options, argument):
    with pytest.raises(sceau.UsageError) as caught:
        sceau.Verifier(CHAIN / "ingetrust-root.pem", **options)
    assert caught.value.argument == argument


def test_the_default_time_is_now():
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    verifier = sceau.Verifier(CHAIN / "ingetrust-root.pem")
    assert before <= verifier.time <= dt.datetime.now(dt.timezone.utc)
    assert verifier.time.tzinfo is not None
    assert (verifier.usage, verifier.revocation, verifier.max_depth) == ("tls-server", "required", 6)
