//! Signature assurance on the fixtures of tests/data/assurance (made by openssl under
//! faketime, each checked by `openssl cms -verify`): one case per level reached and per reason
//! a level is missed.

use std::path::PathBuf;
use std::time::Duration;

use rustls_pki_types::UnixTime;
use sceau::{
    assurance, AssuranceOptions, AssuranceRequest, Device, EidasLevel, Indication, Report,
    RevocationPolicy, SubIndication, Usage, Verifier, VerifyOptions,
};

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/assurance")
            .join(name),
    )
    .unwrap()
}

fn at(rfc3339: &str) -> UnixTime {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .unwrap();
    UnixTime::since_unix_epoch(Duration::from_secs(
        u64::try_from(t.unix_timestamp()).unwrap(),
    ))
}

/// The verifier of the fixtures' PKI: the root trusted, both CRLs given.
fn verifier(crls: &[&str]) -> Verifier {
    let mut verifier = Verifier::new(
        "assurance",
        VerifyOptions::new(Usage::Any, at("2026-12-01T00:00:00Z")),
    );
    verifier.options.revocation = RevocationPolicy::Required;
    verifier.add_anchors(&data("root.pem")).unwrap();
    for crl in crls {
        verifier.add_crls(&data(crl)).unwrap();
    }
    verifier
}

fn options(time: &str) -> AssuranceOptions {
    AssuranceOptions::new(at(time))
}

/// Validates the fixture `signature` with the fixture `document` (when detached) and the
/// tokens `stamps` given beside it.
fn validate(
    verifier: &Verifier,
    signature: &str,
    document: Option<&str>,
    stamps: &[&str],
    options: &AssuranceOptions,
) -> Report {
    let signature = data(signature);
    let document = document.map(data);
    let stamps: Vec<Vec<u8>> = stamps.iter().map(|s| data(s)).collect();
    let request = AssuranceRequest {
        signature: &signature,
        data: document.as_deref(),
        timestamps: stamps.iter().map(Vec::as_slice).collect(),
    };
    assurance(verifier, &request, options).unwrap()
}

fn judge(signature: &str, options: &AssuranceOptions) -> Report {
    judge_with(signature, &verifier(&["sign-ca.crl", "root.crl"]), options)
}

fn outcome(report: &Report) -> (Indication, Option<SubIndication>) {
    let facts = report.assurance_facts().unwrap();
    (facts.indication, facts.sub_indication)
}

/// The report's outcome is `sub` (its indication follows), or TOTAL-PASSED for `None`.
fn expect(report: &Report, sub: Option<SubIndication>) {
    let indication = sub.map_or(Indication::TotalPassed, |s| s.indication());
    assert_eq!(
        outcome(report),
        (indication, sub),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

#[test]
fn a_qes_with_a_signature_time_stamp_passes() {
    let mut o = options("2026-12-01T00:00:00Z");
    o.add_recognised_cas(&data("sign-ca.pem")).unwrap();
    o.context.device = Some(Device::Smartcard);
    let report = judge("qes-t.p7s", &o);
    println!("{}", report.to_text(sceau::Lang::En));
    expect(&report, None);
    let facts = report.assurance_facts().unwrap();
    assert_eq!(facts.eidas_level, EidasLevel::Qes);
    assert_eq!(facts.best_signature_time, "2026-03-02T10:00:00Z");
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings().iter().map(|f| f.code()).collect()
}

fn december() -> AssuranceOptions {
    options("2026-12-01T00:00:00Z")
}

/// The fixtures' CA recognised, the signer on a smart card with two factors and an identity
/// of LoA 4: every declared requirement met.
fn everything_declared(time: &str) -> AssuranceOptions {
    let mut o = options(time);
    o.add_recognised_cas(&data("sign-ca.pem")).unwrap();
    o.context.device = Some(Device::Smartcard);
    o.context.auth_factors = Some(2);
    o.context.identity_loa = Some(4);
    o
}

#[test]
fn the_eidas_level_follows_the_certificate_and_the_trusted_list() {
    let listed = everything_declared("2026-12-01T00:00:00Z");
    let level = |sig: &str, o: &AssuranceOptions| {
        let report = judge(sig, o);
        let facts = report.assurance_facts().unwrap();
        (facts.eidas_level, facts.qc_type, codes(&report))
    };
    let (qes, qc_type, _) = level("qes-t.p7s", &listed);
    assert_eq!(
        (qes, qc_type),
        (EidasLevel::Qes, Some(sceau::QcType::Esign))
    );
    let (qc, _, found) = level("qc-t.p7s", &listed);
    assert_eq!(qc, EidasLevel::AdesQc);
    assert!(found.contains(&"assurance.eidas.no_qscd"), "{found:?}");
    let (seal, qc_type, found) = level("seal-t.p7s", &listed);
    assert_eq!(
        (seal, qc_type),
        (EidasLevel::AdesQc, Some(sceau::QcType::Eseal))
    );
    assert!(
        found.contains(&"assurance.eidas.qualified_seal"),
        "{found:?}"
    );
    let (plain, qc_type, found) = level("plain-t.p7s", &listed);
    assert_eq!((plain, qc_type), (EidasLevel::Ades, None));
    assert!(found.contains(&"assurance.eidas.not_qualified_certificate"));
    // Without a trusted list the level stops at AdES, and says why (fail closed, as DSS).
    let (unlisted, _, found) = level("qes-t.p7s", &december());
    assert_eq!(unlisted, EidasLevel::Ades);
    assert!(found.contains(&"assurance.eidas.no_trusted_list"));
    // A list that does not hold the issuing CA.
    let mut other = december();
    other.add_recognised_cas(&data("tsa.pem")).unwrap();
    let (not_listed, _, found) = level("qes-t.p7s", &other);
    assert_eq!(not_listed, EidasLevel::Ades);
    assert!(found.contains(&"assurance.eidas.ca_not_listed"));
}

#[test]
fn revocation_before_the_best_signature_time_has_no_proof_of_existence() {
    let early = judge("revoked-early-t.p7s", &december());
    expect(&early, Some(SubIndication::RevokedNoPoe));
    assert!(codes(&early).contains(&"assurance.signer.revoked_no_poe"));
    assert_eq!(early.verdict(), sceau::Verdict::Rejected);
    // With no target, a validation that does not pass is the error; the levels say the rest.
    for code in [
        "assurance.indication.not_passed",
        "assurance.eidas.not_ades",
        "assurance.rgs.not_passed",
    ] {
        assert!(codes(&early).contains(&code), "{code}");
    }
}

#[test]
fn revocation_after_the_signature_time_stamp_leaves_the_signature_standing() {
    let late = judge("revoked-late-t.p7s", &december());
    expect(&late, None);
    assert!(codes(&late).contains(&"assurance.signer.revoked_after_signature"));
    // Without the time-stamp nothing proves the signature predates the revocation.
    let unstamped = judge("revoked-late-bes.p7s", &december());
    expect(&unstamped, Some(SubIndication::RevokedNoPoe));
}

#[test]
fn a_content_time_stamp_after_the_revocation_makes_it_total_failed() {
    let report = judge("revoked-cts-t.p7s", &december());
    expect(&report, Some(SubIndication::Revoked));
    assert!(codes(&report).contains(&"assurance.signer.revoked"));
    let facts = report.assurance_facts().unwrap();
    let kinds: Vec<sceau::TimestampKind> = facts.timestamps.iter().map(|t| t.kind).collect();
    assert!(kinds.contains(&sceau::TimestampKind::Content));
    assert!(
        facts.timestamps.iter().all(|t| t.valid),
        "{:?}",
        facts.timestamps
    );
}

#[test]
fn an_expired_signer_passes_with_a_time_stamp_inside_its_validity_only() {
    let stamped = judge("expired-t.p7s", &december());
    expect(&stamped, None);
    let unstamped = judge("expired-bes.p7s", &december());
    expect(&unstamped, Some(SubIndication::OutOfBoundsNoPoe));
    assert!(codes(&unstamped).contains(&"assurance.signer.out_of_bounds_no_poe"));
}

#[test]
fn a_proof_of_existence_before_not_before_is_not_yet_valid() {
    let report = judge("future-t.p7s", &december());
    expect(&report, Some(SubIndication::NotYetValid));
    assert!(codes(&report).contains(&"assurance.signer.not_yet_valid"));
}

#[test]
fn sha1_is_refused_and_rsa_pkcs1_after_2029_needs_an_earlier_proof() {
    let sha1 = judge("sha1-bes.p7s", &december());
    expect(&sha1, Some(SubIndication::CryptoConstraintsFailure));
    assert!(codes(&sha1).contains(&"assurance.algorithm.refused"));
    assert!(codes(&sha1).contains(&"assurance.rgs.algorithms"));
    // RSA PKCS#1 may sign until 2029-01-01 under ETSI: judged in 2030, an unstamped
    // signature has no proof it was made before; a 2026 time-stamp is one.
    let in_2030 = options("2030-06-01T00:00:00Z");
    let unstamped = judge("rsa2048-bes.p7s", &in_2030);
    expect(
        &unstamped,
        Some(SubIndication::CryptoConstraintsFailureNoPoe),
    );
    assert!(codes(&unstamped).contains(&"assurance.algorithm.refused_no_poe"));
    let stamped = judge("rsa2048-t.p7s", &in_2030);
    assert_eq!(
        outcome(&stamped),
        (Indication::TotalPassed, None),
        "{}",
        stamped.to_text(sceau::Lang::En)
    );
    // RGS B1 allows RSA-2048 through 2030.
    let mut rgs = options("2030-06-01T00:00:00Z");
    rgs.algorithms = sceau::AlgorithmPolicy::named("rgs").unwrap();
    let under_rgs = judge("rsa2048-bes.p7s", &rgs);
    expect(&under_rgs, None);
    assert_eq!(under_rgs.assurance_facts().unwrap().algorithm_policy, "rgs");
}

#[test]
fn data_or_signature_altered_fail_for_good() {
    let both = verifier(&["sign-ca.crl", "root.crl"]);
    let report = validate(
        &both,
        "qes-t.p7s",
        Some("data-altered.txt"),
        &[],
        &december(),
    );
    expect(&report, Some(SubIndication::HashFailure));
    assert_eq!(report.assurance_facts().unwrap().gc_loa, 0);
    assert!(codes(&report).contains(&"assurance.signature.hash_mismatch"));
    assert!(codes(&report).contains(&"assurance.gc.not_verified"));
    let bad = judge("qes-t-badsig.p7s", &december());
    assert!(codes(&bad).contains(&"assurance.signature.invalid"));
    expect(&bad, Some(SubIndication::SigCryptoFailure));
    // The stamp was over the original value: it no longer covers this signature.
    assert!(codes(&bad).contains(&"assurance.timestamp.imprint_mismatch"));
    // A detached signature without its data.
    let report = validate(&both, "qes-t.p7s", None, &[], &december());
    expect(&report, Some(SubIndication::SignedDataNotFound));
    assert!(codes(&report).contains(&"assurance.signature.data_not_found"));
}

#[test]
fn a_time_stamp_over_something_else_is_ignored_and_reported() {
    let report = judge("qes-t-wrong-imprint.p7s", &december());
    assert!(codes(&report).contains(&"assurance.timestamp.imprint_mismatch"));
    let facts = report.assurance_facts().unwrap();
    assert_eq!(facts.best_signature_time, facts.validation_time);
    assert!(!facts.timestamps[0].imprint_matches && !facts.timestamps[0].valid);
    // Still valid today, only without a proof of existence.
    expect(&report, None);
}

#[test]
fn a_token_given_beside_the_signature_is_a_proof_of_existence() {
    let both = verifier(&["sign-ca.crl", "root.crl"]);
    let report = validate(
        &both,
        "qes-bes.p7s",
        Some("data.txt"),
        &["qes-bes.tst"],
        &december(),
    );
    let facts = report.assurance_facts().unwrap();
    assert_eq!(facts.best_signature_time, "2026-03-02T10:00:00Z");
    assert_eq!(facts.timestamps[0].kind, sceau::TimestampKind::Standalone);
}

#[test]
fn enveloping_signatures_and_evidence_inside_the_signature() {
    let both = verifier(&["sign-ca.crl", "root.crl"]);
    let report = validate(&both, "qes-enveloping-t.p7s", None, &[], &december());
    expect(&report, None);
    assert_eq!(report.assurance_facts().unwrap().signed_data, "enveloping");
    // The signing CA's CRL inside the SignedData: only the root's is given beside it.
    let report = judge_with("qes-lt.p7s", &verifier(&["root.crl"]), &december());
    expect(&report, None);
    let without = judge_with("qes-t.p7s", &verifier(&["root.crl"]), &december());
    expect(&without, Some(SubIndication::TryLater));
    assert!(codes(&without).contains(&"assurance.revocation.missing"));
}

fn judge_with(signature: &str, verifier: &Verifier, options: &AssuranceOptions) -> Report {
    validate(verifier, signature, Some("data.txt"), &[], options)
}

#[test]
fn the_chain_comes_from_the_signature_or_from_the_caller() {
    let bare = verifier(&["sign-ca.crl", "root.crl"]);
    let missing = judge_with("qes-t-nochain.p7s", &bare, &december());
    expect(&missing, Some(SubIndication::NoCertificateChainFound));
    assert!(codes(&missing).contains(&"assurance.chain.not_found"));
    let mut given = verifier(&["sign-ca.crl", "root.crl"]);
    given.add_intermediates(&data("sign-ca.pem")).unwrap();
    let found = judge_with("qes-t-nochain.p7s", &given, &december());
    expect(&found, None);
    // PEM (label CMS) reads as DER does.
    let pem = judge("qes-t.pem.p7s", &december());
    expect(&pem, None);
}

#[test]
fn government_of_canada_levels_one_to_four() {
    let loa = |o: &AssuranceOptions| judge("qes-t.p7s", o).assurance_facts().unwrap().gc_loa;
    let mut o = december();
    assert_eq!(loa(&o), 1);
    o.context.identity_loa = Some(2);
    assert_eq!(loa(&o), 2);
    o.context.identity_loa = Some(3);
    assert_eq!(loa(&o), 2, "two factors are needed for 3");
    o.context.auth_factors = Some(2);
    assert_eq!(loa(&o), 3);
    o.context.identity_loa = Some(4);
    o.context.device = Some(Device::Software);
    assert_eq!(loa(&o), 3, "a software key stops at 3");
    o.context.device = Some(Device::Hsm);
    assert_eq!(loa(&o), 3, "the CA must be recognised for 4");
    o.add_recognised_cas(&data("sign-ca.pem")).unwrap();
    assert_eq!(loa(&o), 4);
    // LoA 4 needs a trusted time-stamp.
    assert_eq!(
        judge("qes-bes.p7s", &o).assurance_facts().unwrap().gc_loa,
        3
    );
}

#[test]
fn targets_decide_the_verdict_and_name_every_missing_requirement() {
    let mut o = december();
    o.target_loa = Some(4);
    let report = judge("qes-bes.p7s", &o);
    assert_eq!(report.verdict(), sceau::Verdict::Rejected);
    let found = codes(&report);
    for code in [
        "assurance.target.loa",
        "assurance.gc.identity_loa",
        "assurance.gc.factors",
        "assurance.gc.device",
        "assurance.gc.ca_not_recognised",
        "assurance.gc.no_trusted_timestamp",
    ] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
    let mut met = everything_declared("2026-12-01T00:00:00Z");
    met.target_loa = Some(4);
    met.target_eidas = Some(EidasLevel::Qes);
    let report = judge("qes-t.p7s", &met);
    assert_eq!(
        report.verdict(),
        sceau::Verdict::Accepted,
        "{}",
        report.to_text(sceau::Lang::En)
    );
    // A met target accepts a signature that is not TOTAL-PASSED when the target does not need it.
    let mut low = december();
    low.target_loa = Some(1);
    let revoked = judge("revoked-early-t.p7s", &low);
    assert_eq!(revoked.verdict(), sceau::Verdict::Accepted);
    let mut qes = december();
    qes.target_eidas = Some(EidasLevel::Qes);
    let refused = judge("qes-t.p7s", &qes);
    assert!(codes(&refused).contains(&"assurance.target.eidas"));
}

#[test]
fn rgs_stars_need_a_hardware_device_and_a_qscd_certificate() {
    let stars = |sig: &str, device: Option<Device>| {
        let mut o = december();
        o.context.device = device;
        judge(sig, &o).assurance_facts().unwrap().rgs_stars
    };
    assert_eq!(stars("qes-t.p7s", Some(Device::Smartcard)), 2);
    assert_eq!(stars("qes-t.p7s", Some(Device::Software)), 1);
    assert_eq!(stars("plain-t.p7s", Some(Device::Smartcard)), 1);
    let software = judge("qes-t.p7s", &december());
    assert!(codes(&software).contains(&"assurance.rgs.device"));
    let mut card = december();
    card.context.device = Some(Device::Smartcard);
    assert!(codes(&judge("plain-t.p7s", &card)).contains(&"assurance.rgs.policy"));
    assert_eq!(stars("revoked-early-t.p7s", Some(Device::Smartcard)), 0);
}

#[test]
fn signed_after_the_expiry_is_expired_for_good() {
    let report = judge("expired-cts-t.p7s", &december());
    expect(&report, Some(SubIndication::Expired));
    assert!(codes(&report).contains(&"assurance.signer.expired"));
}

#[test]
fn a_ca_of_the_path_revoked_before_the_signature_time_stamp() {
    let mut v = verifier(&["sign-ca.crl", "root.crl", "retired-ca.crl"]);
    v.add_anchors(&data("root.pem")).unwrap();
    let report = judge_with("retired-ca-t.p7s", &v, &december());
    expect(&report, Some(SubIndication::RevokedCaNoPoe));
    assert!(codes(&report).contains(&"assurance.chain.ca_revoked"));
}

#[test]
fn the_signer_must_be_found_bound_and_fit_for_signing() {
    let keyenc = judge("keyenc-bes.p7s", &december());
    expect(&keyenc, Some(SubIndication::SigConstraintsFailure));
    assert!(codes(&keyenc).contains(&"assurance.signer.key_usage"));
    // Plain CMS: the signature verifies, but nothing binds the certificate (not CAdES).
    let plain = judge("plain-nocades.p7s", &december());
    expect(&plain, Some(SubIndication::NoSigningCertificateFound));
    assert!(codes(&plain).contains(&"assurance.signer.signing_certificate"));
    assert_eq!(plain.assurance_facts().unwrap().gc_loa, 1);
    // The signer's certificate neither inside nor given.
    let nocerts = judge("qes-nocerts.p7s", &december());
    expect(&nocerts, Some(SubIndication::NoSigningCertificateFound));
    assert!(codes(&nocerts).contains(&"assurance.signer.not_found"));
    let mut given = verifier(&["sign-ca.crl", "root.crl"]);
    given.add_intermediates(&data("qes.pem")).unwrap();
    given.add_intermediates(&data("sign-ca.pem")).unwrap();
    let found = judge_with("qes-nocerts.p7s", &given, &december());
    expect(&found, None);
    // Two content-type attributes: not a well-formed SignerInfo.
    let twice = judge("qes-two-content-types.p7s", &december());
    expect(&twice, Some(SubIndication::FormatFailure));
    assert!(codes(&twice).contains(&"assurance.signature.format"));
}

#[test]
fn loa_2_needs_a_signing_time_and_loa_3_a_passed_validation() {
    let mut o = december();
    o.context.identity_loa = Some(3);
    o.context.auth_factors = Some(2);
    let untimed = judge("qes-no-signing-time.p7s", &o);
    expect(&untimed, None);
    let facts = untimed.assurance_facts().unwrap();
    assert_eq!(
        (facts.gc_loa, facts.claimed_signing_time.as_deref()),
        (1, None)
    );
    assert!(codes(&untimed).contains(&"assurance.gc.no_signing_time"));
    let revoked = judge("revoked-early-t.p7s", &o);
    assert_eq!(revoked.assurance_facts().unwrap().gc_loa, 2);
    assert!(codes(&revoked).contains(&"assurance.gc.not_passed"));
    // LoA 4's algorithms are CSE's: SHA-1 is not among them.
    let mut all = everything_declared("2026-12-01T00:00:00Z");
    all.target_loa = Some(4);
    let sha1 = judge("sha1-bes.p7s", &all);
    assert!(
        codes(&sha1).contains(&"assurance.gc.algorithms"),
        "{:?}",
        codes(&sha1)
    );
}

#[test]
fn chain_constraints_and_time_stamps_without_evidence() {
    let mut strict = verifier(&["sign-ca.crl", "root.crl"]);
    strict.options.max_depth = 0;
    let report = judge_with("qes-t.p7s", &strict, &december());
    expect(&report, Some(SubIndication::ChainConstraintsFailure));
    assert!(codes(&report).contains(&"assurance.chain.constraints"));
    // Without the root's CRL the TSA's status is unknown: its stamp is no evidence.
    let report = judge_with("qes-t.p7s", &verifier(&["sign-ca.crl"]), &december());
    assert!(
        codes(&report).contains(&"assurance.timestamp.invalid"),
        "{:?}",
        codes(&report)
    );
    let facts = report.assurance_facts().unwrap();
    assert!(!facts.timestamps[0].valid && facts.timestamps[0].why_not.is_some());
}

#[test]
#[ignore = "prints the reports, for a person"]
fn show() {
    for (sig, time) in [
        ("revoked-early-t.p7s", "2026-12-01T00:00:00Z"),
        ("rsa2048-bes.p7s", "2030-06-01T00:00:00Z"),
        ("qes-t-badsig.p7s", "2026-12-01T00:00:00Z"),
        ("revoked-cts-t.p7s", "2026-12-01T00:00:00Z"),
        ("sha1-bes.p7s", "2026-12-01T00:00:00Z"),
    ] {
        println!(
            "== {sig}\n{}",
            judge(sig, &options(time)).to_text(sceau::Lang::En)
        );
    }
    println!(
        "{}",
        judge("qes-t.p7s", &december()).to_text(sceau::Lang::Fr)
    );
    println!(
        "{}",
        judge("qes-t.p7s", &december()).to_json(sceau::Lang::En)
    );
}

/// `sceau assurance` on the fixtures, with both CRLs, at 2026-12-01.
fn cli(extra: &[&str]) -> std::process::Output {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/assurance");
    let path = |name: &str| dir.join(name).display().to_string();
    std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
        .arg("assurance")
        .args(["--roots", &path("root.pem")])
        .args(["--crl", &path("sign-ca.crl"), "--crl", &path("root.crl")])
        .args(["--time", "2026-12-01T00:00:00Z"])
        .args(extra.iter().map(|a| match a.strip_prefix('@') {
            Some(name) => path(name),
            None => a.to_string(),
        }))
        .output()
        .unwrap()
}

#[test]
fn the_command_line_exits_on_the_targets_and_writes_the_facts_as_json() {
    let signature = ["--signature", "@qes-t.p7s", "--data", "@data.txt"];
    let passed = cli(&signature);
    assert_eq!(passed.status.code(), Some(0));
    let with = |more: &[&str]| cli(&[&signature[..], more].concat());
    assert_eq!(with(&["--target-loa", "4"]).status.code(), Some(1));
    let declared = [
        "--recognised-cas",
        "@sign-ca.pem",
        "--device",
        "hsm",
        "--auth-factors",
        "2",
        "--identity-loa",
        "4",
    ];
    let met = with(
        &[
            &declared[..],
            &["--target-loa", "4", "--target-eidas", "qes"],
        ]
        .concat(),
    );
    assert_eq!(
        met.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&met.stdout)
    );
    let revoked = cli(&["--signature", "@revoked-early-t.p7s", "--data", "@data.txt"]);
    assert_eq!(revoked.status.code(), Some(1));
    // The facts at the top level of the JSON report, as scripts read them.
    let json = with(&[&declared[..], &["--format", "json"]].concat());
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let facts = &report["facts"];
    assert_eq!(facts["indication"], "TOTAL-PASSED");
    assert_eq!(facts["sub_indication"], serde_json::Value::Null);
    assert_eq!(facts["best_signature_time"], "2026-03-02T10:00:00Z");
    assert_eq!(facts["claimed_signing_time"], "2026-03-01T10:00:00Z");
    assert_eq!(facts["eidas_level"], "QES");
    assert_eq!(facts["qc_type"], "esign");
    assert_eq!(facts["gc_loa"], 4);
    assert_eq!(facts["rgs_stars"], 2);
    assert_eq!(facts["signer"]["serial"].as_str().map(str::len), Some(4));
    assert_eq!(facts["signer"]["key"]["bits"], 3072);
    assert_eq!(facts["timestamps"][0]["kind"], "signature");
    assert_eq!(facts["timestamps"][0]["imprint_matches"], true);
    assert_eq!(facts["timestamps"][0]["valid"], true);
    assert_eq!(facts["path"][0]["revocation"]["status"], "good");
    let indeterminate = cli(&[
        "--signature",
        "@revoked-early-t.p7s",
        "--data",
        "@data.txt",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&indeterminate.stdout).unwrap();
    assert_eq!(report["facts"]["sub_indication"], "REVOKED_NO_POE");
    // Unreadable input and wrong usage: exit 2 with the reason.
    let unreadable = cli(&["--signature", "@data.txt"]);
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("PKCS#7/CMS"));
    for wrong in [
        &["--algorithm-policy", "nist"][..],
        &["--device", "yubikey"],
        &["--target-loa", "5"],
        &["--target-eidas", "qualified"],
        &["--timestamp", "@data.txt"],
    ] {
        let out = with(wrong);
        assert_eq!(out.status.code(), Some(2), "{wrong:?}");
    }
    // French.
    let fr = with(&["--lang", "fr"]);
    assert!(String::from_utf8_lossy(&fr.stdout).starts_with("ACCEPTÉ (validée au "));
}

#[test]
fn signed_attributes_out_of_der_order_verify_as_received() {
    // The script checked this signature with `openssl dgst -verify` over the attributes as
    // sent; a re-encoding (der sorts a SET OF) would put the last attribute first.
    let report = judge("qes-unsorted-attributes-t.p7s", &december());
    expect(&report, None);
}
