//! NIST PKITS (BoringSSL's 2048-bit edition), sections 4.1–4.7, 4.14 and 4.16, copied from
//! ../shared/testdata/pkits into tests/data/pkits. Every test is run through `Verifier` with
//! revocation required and usage `any`; an invalid path must never validate, and a valid path
//! that sceau cannot validate must be listed below with its reason (it fails closed).

use std::path::PathBuf;

use rustls_pki_types::{CertificateDer, UnixTime};
use sceau::{RevocationPolicy, Usage, Verdict, Verifier, VerifyOptions};

/// Valid paths sceau refuses (fails closed), with what it would take.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("4.1.4", DSA),
    ("4.1.5", DSA),
    (
        "4.2.3",
        "notBefore in 1950 (UTCTime '50'): webpki's time type starts at 1970 (BadDerTime)",
    ),
    ("4.3.3", NAME_BYTES),
    ("4.3.4", NAME_BYTES),
    ("4.3.5", NAME_BYTES),
    (
        "4.3.6",
        "subjectUniqueID/issuerUniqueID: webpki refuses certificates that carry them",
    ),
    ("4.3.10", NAME_BYTES),
    ("4.3.11", NAME_BYTES),
    ("4.6.8", CA_AS_LEAF),
    ("4.6.14", CA_AS_LEAF),
    ("4.6.15", SELF_ISSUED),
    ("4.6.17", SELF_ISSUED),
    ("4.14.13", CA_AS_LEAF),
    ("4.14.22", INDIRECT),
    ("4.14.24", INDIRECT),
    ("4.14.25", INDIRECT),
    ("4.14.28", INDIRECT),
    ("4.14.29", INDIRECT),
    ("4.14.30", INDIRECT),
    ("4.14.33", INDIRECT),
];
const DSA: &str = "DSA signatures: neither ring nor webpki verifies DSA";
const NAME_BYTES: &str = "name chaining across encodings, case or white space: webpki chains names by bytes, not RFC 5280 §7.1 comparison";
const CA_AS_LEAF: &str =
    "the target is a CA certificate: webpki refuses a CA as the end entity (CaUsedAsEndEntity)";
const SELF_ISSUED: &str =
    "a self-issued key-rollover certificate in the path: webpki does not build through it";
const INDIRECT: &str =
    "indirect CRLs (indirectCRL, cRLIssuer): not supported, the CRL is not evidence";

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pkits")
        .join(path)
}

fn read(path: String) -> Vec<u8> {
    std::fs::read(data(&path)).unwrap()
}

/// 2020-01-01: inside every PKITS validity period that is meant to be valid.
fn pkits_time() -> UnixTime {
    UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_577_836_800))
}

struct Outcome {
    number: String,
    title: String,
    expected: bool,
    valid: bool,
    codes: Vec<&'static str>,
}

fn run_all() -> Vec<Outcome> {
    let json: serde_json::Value = serde_json::from_slice(&read("pkits.json".into())).unwrap();
    let mut out = Vec::new();
    for test in json["tests"].as_array().unwrap() {
        let certs: Vec<&str> = test["certs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let mut options = VerifyOptions::new(Usage::Any, pkits_time());
        options.revocation = RevocationPolicy::Required;
        let mut verifier = Verifier::new("pkits", options);
        verifier
            .add_anchors(&read(format!("certs/{}.crt", certs[0])))
            .unwrap();
        for crl in test["crls"].as_array().unwrap() {
            let name = crl.as_str().unwrap();
            match verifier.add_crls(&read(format!("crls/{name}.crl"))) {
                Ok(_) => {}
                // Its signature BIT STRING has unused bits, which DER signatures never have:
                // refused when read, so no evidence, as when read and refused.
                Err(sceau::Error::BadDer { detail, .. })
                    if name == "BadCRLSignatureCACRL" && detail.contains("unused bits") => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
        // The leaf first, then the intermediates nearest first, as a TLS peer sends them.
        let chain: Vec<CertificateDer<'static>> = certs[1..]
            .iter()
            .rev()
            .map(|c| CertificateDer::from(read(format!("certs/{c}.crt"))))
            .collect();
        let report = verifier.verify_certificates(&chain, None);
        if std::env::var("PKITS_SHOW").ok().as_deref() == test["number"].as_str() {
            eprintln!("{}", report.to_text(sceau::Lang::En));
        }
        out.push(Outcome {
            number: test["number"].as_str().unwrap().into(),
            title: test["title"].as_str().unwrap().into(),
            expected: test["should_validate"].as_bool().unwrap(),
            valid: report.verdict() == Verdict::Accepted,
            codes: report
                .findings()
                .iter()
                .filter(|f| f.severity() == sceau::Severity::Error)
                .map(|f| f.code())
                .collect(),
        });
    }
    out
}

#[test]
fn pkits_sections_4_1_to_4_7_4_14_4_16() {
    let outcomes = run_all();
    assert_eq!(outcomes.len(), 113);
    let wrongly_valid: Vec<String> = outcomes
        .iter()
        .filter(|o| o.valid && !o.expected)
        .map(|o| format!("{} {}", o.number, o.title))
        .collect();
    assert!(
        wrongly_valid.is_empty(),
        "invalid paths accepted: {wrongly_valid:#?}"
    );
    let unexplained: Vec<String> = outcomes
        .iter()
        .filter(|o| o.expected && !o.valid && !UNSUPPORTED.iter().any(|(n, _)| *n == o.number))
        .map(|o| format!("{} {}: {:?}", o.number, o.title, o.codes))
        .collect();
    assert!(
        unexplained.is_empty(),
        "valid paths refused: {unexplained:#?}"
    );
    for (number, _) in UNSUPPORTED {
        let outcome = outcomes.iter().find(|o| o.number == *number).unwrap();
        assert!(
            !outcome.valid,
            "{number} now validates: remove it from UNSUPPORTED"
        );
    }
}

/// The reason a refused path gives is the specific one, not a generic failure.
#[test]
fn pkits_refusals_say_why() {
    let outcomes = run_all();
    let codes_of = |number: &str| &outcomes.iter().find(|o| o.number == number).unwrap().codes;
    for (number, code) in [
        ("4.1.2", "chain.signature_invalid"),
        ("4.1.3", "chain.signature_invalid"),
        ("4.2.1", "chain.not_yet_valid"),
        ("4.2.2", "chain.not_yet_valid"),
        ("4.2.5", "chain.expired"),
        ("4.2.6", "chain.expired"),
        ("4.4.1", "revocation.missing"),
        ("4.4.3", "revocation.revoked"),
        ("4.4.20", "revocation.revoked"),
        ("4.4.21", "revocation.missing"),
        ("4.5.7", "revocation.revoked"),
        ("4.14.20", "revocation.revoked"),
        ("4.14.21", "revocation.revoked"),
        ("4.6.1", "chain.ca_constraints"),
        ("4.7.1", "chain.ca_key_usage"),
        ("4.7.2", "chain.ca_key_usage"),
    ] {
        assert!(
            codes_of(number).contains(&code),
            "{number}: {:?}",
            codes_of(number)
        );
    }
}
