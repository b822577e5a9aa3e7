//! Signatures at the edges of assurance: inputs to refuse or judge lower (SHA-1 digests under
//! SHA-256 schemes, impostor certificates, contradicting time-stamps, multi-valued attributes,
//! non-EU qualified certificates, missing data), on the fixtures of
//! tests/data/assurance-edges (made by make.sh there with the openssl CLI).

use std::path::PathBuf;
use std::time::Duration;

use rustls_pki_types::UnixTime;
use sceau::{
    assurance, AssuranceOptions, AssuranceRequest, Indication, Report, RevocationPolicy,
    SubIndication, Usage, Verifier, VerifyOptions,
};

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/assurance-edges")
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

const WHEN: &str = "2027-06-01T00:00:00Z";

fn verifier() -> Verifier {
    let mut verifier = Verifier::new("review", VerifyOptions::new(Usage::Any, at(WHEN)));
    verifier.options.revocation = RevocationPolicy::Required;
    verifier.add_anchors(&data("root.pem")).unwrap();
    verifier.add_crls(&data("root.crl")).unwrap();
    verifier
}

fn validate(signature: &str, stamps: &[&str]) -> Report {
    let signature = data(signature);
    let document = data("data.txt");
    let stamps: Vec<Vec<u8>> = stamps.iter().map(|s| data(s)).collect();
    let request = AssuranceRequest {
        signature: &signature,
        data: Some(&document),
        timestamps: stamps.iter().map(Vec::as_slice).collect(),
    };
    assurance(&verifier(), &request, &AssuranceOptions::new(at(WHEN))).unwrap()
}

fn outcome(report: &Report) -> (Indication, Option<SubIndication>) {
    let facts = report.assurance_facts().unwrap();
    (facts.indication, facts.sub_indication)
}

#[test]
fn controls_sha256_passes_and_sha1_is_refused() {
    let good = validate("sha256.p7s", &["sha256.tst"]);
    assert_eq!(
        outcome(&good),
        (Indication::TotalPassed, None),
        "{}",
        good.to_text(sceau::Lang::En)
    );
    assert!(good.assurance_facts().unwrap().timestamps[0].valid);
    // ECDSA with SHA-1 throughout: refused (sceau does not even verify it).
    let sha1 = validate("sha1.p7s", &[]);
    assert_eq!(
        outcome(&sha1).0,
        Indication::TotalFailed,
        "{}",
        sha1.to_text(sceau::Lang::En)
    );
}

/// The message-digest attribute is a SHA-1 digest of the document (digestAlgorithm sha1): the
/// document is bound to the signature by SHA-1 alone, whatever the signatureAlgorithm names for
/// the signed attributes. The ETSI policy retires SHA-1: this must not pass.
#[test]
fn a_sha1_message_digest_under_an_ecdsa_with_sha256_signature_is_refused() {
    let report = validate("sha1-digest-ecdsa-sha256.p7s", &[]);
    assert_eq!(
        outcome(&report),
        (
            Indication::Indeterminate,
            Some(SubIndication::CryptoConstraintsFailure)
        ),
        "{}",
        report.to_text(sceau::Lang::En)
    );
    let facts = report.assurance_facts().unwrap();
    assert_eq!(facts.rgs_stars, 0);
}

/// A TSA's token whose SignerInfo binds the TSTInfo by a SHA-1 message-digest (its
/// signatureAlgorithm names SHA-256): no evidence under a policy that retires SHA-1.
#[test]
fn a_token_whose_tstinfo_is_bound_by_sha1_is_no_evidence() {
    let report = validate("sha256.p7s", &["tsa-sha1-digest.tst"]);
    let facts = report.assurance_facts().unwrap();
    assert!(
        !facts.timestamps[0].valid,
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// A token whose message imprint is a SHA-1 digest of the signature value: the stamp proves
/// the existence of whatever has that SHA-1, a digest the ETSI policy retires.
#[test]
fn a_token_with_a_sha1_message_imprint_is_no_evidence() {
    let report = validate("sha256.p7s", &["sha1-imprint.tst"]);
    let facts = report.assurance_facts().unwrap();
    assert!(
        facts.timestamps[0].imprint_matches && !facts.timestamps[0].valid,
        "{}",
        report.to_text(sceau::Lang::En)
    );
    assert_eq!(facts.best_signature_time, facts.validation_time);
}

/// RFC 5652 §11.2: the message-digest attribute has a single value. Here it has two (the
/// document's digest and 32 bytes of 0xff): which document is signed is ambiguous.
#[test]
fn a_message_digest_attribute_with_two_values_is_a_format_failure() {
    let report = validate("two-digests.p7s", &[]);
    assert_eq!(
        outcome(&report),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// RFC 5652 §11.3: the signing-time attribute has a single value. Here it has two (2020 and
/// the real time); sceau reported the one that sorts first as the claimed signing time.
#[test]
fn a_signing_time_attribute_with_two_values_is_a_format_failure() {
    let report = validate("two-signing-times.p7s", &[]);
    assert_eq!(
        outcome(&report),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// ETSI EN 319 412-5 §4.2.1/§4.2.4: QcCompliance with QcCClegislation says the certificate is
/// qualified under the law of the countries listed (here CH), not an EU qualified certificate:
/// no AdES-QC, no QES, whatever the caller's list.
#[test]
fn a_certificate_qualified_under_swiss_law_is_not_an_eu_qualified_certificate() {
    let mut o = AssuranceOptions::new(at(WHEN));
    o.add_recognised_cas(&data("root.pem")).unwrap();
    o.context.device = Some(sceau::Device::Smartcard);
    let signature = data("swiss.p7s");
    let document = data("data.txt");
    let request = AssuranceRequest {
        signature: &signature,
        data: Some(&document),
        timestamps: vec![],
    };
    let report = assurance(&verifier(), &request, &o).unwrap();
    let facts = report.assurance_facts().unwrap();
    assert_eq!(outcome(&report), (Indication::TotalPassed, None));
    assert_eq!(
        facts.eidas_level,
        sceau::EidasLevel::Ades,
        "{}",
        report.to_text(sceau::Lang::En)
    );
    let codes: Vec<&str> = report.findings().iter().map(|f| f.code()).collect();
    assert!(
        codes.contains(&"assurance.eidas.non_eu_qualified"),
        "{codes:?}"
    );
}

/// A detached signature without signed attributes, validated without its data: nothing says
/// the signature is wrong, only that the data is missing (INDETERMINATE SIGNED_DATA_NOT_FOUND).
/// sceau verified the signature over no bytes and reported TOTAL-FAILED SIG_CRYPTO_FAILURE.
#[test]
fn a_signature_without_attributes_and_without_its_data_is_not_a_crypto_failure() {
    let signature = data("noattr.p7s");
    let request = AssuranceRequest {
        signature: &signature,
        data: None,
        timestamps: vec![],
    };
    let report = assurance(&verifier(), &request, &AssuranceOptions::new(at(WHEN))).unwrap();
    assert_eq!(
        outcome(&report),
        (
            Indication::Indeterminate,
            Some(SubIndication::SignedDataNotFound)
        ),
        "{}",
        report.to_text(sceau::Lang::En)
    );
    let codes: Vec<&str> = report.findings().iter().map(|f| f.code()).collect();
    assert!(!codes.contains(&"assurance.signature.invalid"), "{codes:?}");
    // With its data it verifies (only the signing-certificate attribute is missing).
    assert_eq!(
        outcome(&validate("noattr.p7s", &[])).1,
        Some(SubIndication::NoSigningCertificateFound)
    );
}

/// Twenty-one impostors before the signer's certificate, more than the 8 certificates sceau
/// tries as a signer's (each try verifies a signature: a file of thousands of impostors must
/// not cost thousands of verifications). The signer's is found all the same, because the
/// signed signing-certificate-v2 attribute names it and the certificates it names are tried
/// first; tried in file order, the 8 impostors fill the bound and the signature fails.
#[test]
fn many_impostor_certificates_cost_a_bounded_search_and_the_named_signer_is_found() {
    let report = validate("impostors-first.p7s", &[]);
    assert_eq!(
        outcome(&report),
        (Indication::TotalPassed, None),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// The SignedData's certificates are not signed: an impostor's certificate with the signer's
/// issuer name and serial number (another key), put first, turned a good signature into
/// TOTAL-FAILED SIG_CRYPTO_FAILURE. The signer's own certificate is there too, and the
/// signing-certificate-v2 attribute names it.
#[test]
fn an_impostor_certificate_before_the_signers_does_not_break_a_good_signature() {
    let report = validate("impostor-first.p7s", &[]);
    assert_eq!(
        outcome(&report),
        (Indication::TotalPassed, None),
        "{}",
        report.to_text(sceau::Lang::En)
    );
    assert_eq!(
        report
            .assurance_facts()
            .unwrap()
            .signer
            .as_ref()
            .unwrap()
            .not_after,
        "2035-01-01T00:00:00Z"
    );
}

/// The signer was revoked (keyCompromise) on 2026-06-01. Its content-time-stamp, a signed
/// attribute obtained before signing, is of 2026-07-01: the signature was made after the
/// revocation. Its signature-time-stamp says 2026-05-01: the time-stamps contradict each other
/// (ETSI EN 319 102-1: TIMESTAMP_ORDER_FAILURE). sceau took the earlier one as the
/// best-signature-time and passed the signature.
#[test]
fn a_content_time_stamp_later_than_the_signature_time_stamp_does_not_pass() {
    let report = validate("content-stamp-after-signature-stamp.p7s", &[]);
    assert_ne!(
        outcome(&report).0,
        Indication::TotalPassed,
        "{}",
        report.to_text(sceau::Lang::En)
    );
    assert_eq!(
        outcome(&report).1.map(|s| s.name()),
        Some("TIMESTAMP_ORDER_FAILURE")
    );
    let codes: Vec<&str> = report.findings().iter().map(|f| f.code()).collect();
    assert!(codes.contains(&"assurance.timestamp.order"), "{codes:?}");
}
