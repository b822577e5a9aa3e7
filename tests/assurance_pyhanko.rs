//! Differential test against pyHanko's ETSI EN 319 102-1 validator (PyPI `pyhanko`, its
//! `ades_basic_validation` / `ades_with_time_validation`; `.ci/run` installs it): every
//! signature of tests/data/assurance is validated by both, with the same trust anchor, the same
//! CRLs, revocation required, at the same time, and the outcomes (indication, sub-indication)
//! must be equal, except where the table below says why they differ. A difference that appears
//! or disappears fails the test, so the table stays true. (EU DSS, the reference of the field,
//! is a Java library whose Maven artefacts this machine cannot reach; where pyHanko and sceau
//! differ, the table cites what DSS's code does.)

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use rustls_pki_types::UnixTime;
use sceau::{assurance, AssuranceOptions, AssuranceRequest, Usage, Verifier, VerifyOptions};

mod common;

const CRLS: [&str; 3] = ["sign-ca.crl", "root.crl", "retired-ca.crl"];

/// (fixture, time, sceau's outcome, pyHanko's outcome, why they differ).
const DIFFERENCES: [(&str, &str, &str, &str, &str); 8] = [
    (
        "expired-cts-t.p7s",
        "2026-12-01T00:00:00Z",
        "TOTAL-FAILED EXPIRED",
        "INDETERMINATE EXPIRED",
        "a content time-stamp later than the signer's notAfter: EN 319 102-1 §5.3.4 step 4 sets \
         FAILED/EXPIRED, as DSS does (AbstractBasicValidationProcess, \
         TimestampGenerationTimeNotAfterCertificateExpirationCheck); pyHanko has EXPIRED only \
         as an INDETERMINATE sub-indication",
    ),
    (
        "future-t.p7s",
        "2026-12-01T00:00:00Z",
        "TOTAL-FAILED NOT_YET_VALID",
        "TOTAL-PASSED",
        "the signature time-stamp predates the signer's notBefore: EN 319 102-1 §5.5.4 returns \
         FAILED/NOT_YET_VALID, as DSS does (BestSignatureTimeNotBeforeCertificateIssuanceCheck); \
         pyHanko looks at notBefore only after an OUT_OF_BOUNDS_NO_POE",
    ),
    (
        "retired-ca-t.p7s",
        "2026-12-01T00:00:00Z",
        "INDETERMINATE REVOKED_CA_NO_POE",
        "TOTAL-PASSED",
        "the signer's CA was revoked a month before the signature time-stamp: EN 319 102-1 \
         §5.5.4 keeps REVOKED_CA_NO_POE when the best-signature-time is not before the \
         revocation, as DSS does (ValidationProcessForSignaturesWithLongTermValidationData); \
         pyHanko's ades_with_time_validation handles REVOKED_NO_POE only and lets \
         REVOKED_CA_NO_POE pass",
    ),
    (
        "qes-t-wrong-imprint.p7s",
        "2026-12-01T00:00:00Z",
        "TOTAL-PASSED",
        "TOTAL-FAILED HASH_FAILURE",
        "a signature time-stamp over other bytes: sceau ignores the token and reports it \
         (assurance.timestamp.imprint_mismatch), validating without it as DSS does with a \
         time-stamp that fails; pyHanko fails the whole signature",
    ),
    (
        "keyenc-bes.p7s",
        "2026-12-01T00:00:00Z",
        "INDETERMINATE SIG_CONSTRAINTS_FAILURE",
        "TOTAL-PASSED",
        "a signer whose keyUsage is keyEncipherment only: sceau requires nonRepudiation or \
         digitalSignature (RFC 5280 §4.2.1.3, EN 319 102-1 §5.2.8; assurance.signer.key_usage); pyHanko checks \
         no key usage by default, DSS's default policy only warns",
    ),
    (
        "plain-nocades.p7s",
        "2026-12-01T00:00:00Z",
        "INDETERMINATE NO_SIGNING_CERTIFICATE_FOUND",
        "TOTAL-PASSED",
        "plain CMS without ESS signing-certificate(-v2): sceau requires the attribute that \
         binds the certificate (EN 319 122-1 §5.2.2, RFC 5035; assurance.signer.signing_certificate); \
         pyHanko accepts it, DSS's default policy only warns",
    ),
    (
        "rsa2048-bes.p7s",
        "2030-06-01T00:00:00Z",
        "INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
        "TOTAL-PASSED",
        "RSA PKCS#1 v1.5 with a 2048-bit key judged in 2030 without a proof of existence: \
         retired on 2029-01-01 by ETSI TS 119 312 (sceau's etsi policy); pyHanko's default \
         algorithm policy has no dated key sizes",
    ),
    (
        "rsa2048-t.p7s",
        "2030-06-01T00:00:00Z",
        "TOTAL-PASSED",
        "TOTAL-PASSED",
        "not a difference: the same answer, for different reasons (sceau: a time-stamp from \
         2026 proves the signature existed before the retirement); kept so the 2030 run is \
         compared too",
    ),
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/assurance")
}

fn at(rfc3339: &str) -> UnixTime {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .unwrap();
    UnixTime::since_unix_epoch(Duration::from_secs(
        u64::try_from(t.unix_timestamp()).unwrap(),
    ))
}

/// Every signature fixture, with the document it signs (none for an enveloping one).
fn signatures() -> Vec<(String, Option<&'static str>)> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".p7s"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let data = (!n.contains("enveloping")).then_some("data.txt");
            (n, data)
        })
        .collect()
}

fn sceau_outcome(name: &str, document: Option<&str>, time: &str) -> String {
    let read = |n: &str| std::fs::read(dir().join(n)).unwrap();
    let mut verifier = Verifier::new("assurance", VerifyOptions::new(Usage::Any, at(time)));
    verifier.add_anchors(&read("root.pem")).unwrap();
    for crl in CRLS {
        verifier.add_crls(&read(crl)).unwrap();
    }
    let signature = read(name);
    let document = document.map(read);
    let request = AssuranceRequest {
        signature: &signature,
        data: document.as_deref(),
        timestamps: vec![],
    };
    let report = assurance(&verifier, &request, &AssuranceOptions::new(at(time))).unwrap();
    let facts = report.assurance_facts().unwrap();
    match facts.sub_indication {
        Some(sub) => format!("{} {}", facts.indication.name(), sub.name()),
        None => facts.indication.name().to_string(),
    }
}

/// pyHanko's outcome for each signature at `time`, by fixture name.
fn pyhanko_outcomes(
    signatures: &[(String, Option<&str>)],
    time: &str,
) -> Option<BTreeMap<String, String>> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/peers/pyhanko_ades.py");
    let mut command = Command::new("python3");
    command.arg(script).arg(time).arg(dir().join("root.pem"));
    for crl in CRLS {
        command.arg(dir().join(crl));
    }
    command.arg("--");
    for (name, document) in signatures {
        let mut argument = dir().join(name).display().to_string();
        if let Some(document) = document {
            argument = format!("{argument}:{}", dir().join(document).display());
        }
        command.arg(argument);
    }
    let output = command.output().expect("python3 must be installed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("No module named 'pyhanko'") {
        common::prerequisite_missing("pyHanko is not installed (pip install pyhanko==0.38.0)");
        return None;
    }
    assert!(output.status.success(), "pyhanko_ades.py failed: {stderr}");
    let mut outcomes = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = PathBuf::from(value["signature"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let indication = value["indication"].as_str().unwrap();
        let outcome = match value["sub_indication"].as_str() {
            Some(sub) => format!("{indication} {sub}"),
            None => indication.to_string(),
        };
        outcomes.insert(name, outcome);
    }
    assert_eq!(outcomes.len(), signatures.len(), "one line per signature");
    Some(outcomes)
}

#[test]
fn sceau_and_pyhanko_reach_the_same_outcomes_but_where_the_table_says_why_not() {
    let all = signatures();
    assert!(all.len() >= 30, "the fixtures are there");
    let later: Vec<(String, Option<&str>)> = all
        .iter()
        .filter(|(n, _)| n.starts_with("rsa2048-"))
        .cloned()
        .collect();
    let runs = [
        ("2026-12-01T00:00:00Z", &all),
        ("2030-06-01T00:00:00Z", &later),
    ];
    let mut compared = 0;
    let mut agreed = 0;
    let mut explained = 0;
    for (time, signatures) in runs {
        let Some(theirs) = pyhanko_outcomes(signatures, time) else {
            return;
        };
        for (name, document) in signatures.iter() {
            let ours = sceau_outcome(name, *document, time);
            let peer = &theirs[name];
            compared += 1;
            match DIFFERENCES
                .iter()
                .find(|(n, t, ..)| n == name && *t == time)
            {
                Some((_, _, expected_ours, expected_peer, why)) => {
                    assert_eq!(
                        (ours.as_str(), peer.as_str()),
                        (*expected_ours, *expected_peer),
                        "{name} at {time}: the table says {why}"
                    );
                    explained += usize::from(ours != *peer);
                    agreed += usize::from(ours == *peer);
                }
                None => {
                    assert_eq!(&ours, peer, "{name} at {time}: sceau and pyHanko differ");
                    agreed += 1;
                }
            }
        }
    }
    eprintln!(
        "{compared} validations compared: {agreed} agree, {explained} differ as the table explains"
    );
    assert_eq!(compared, agreed + explained);
    assert_eq!(explained, DIFFERENCES.len() - 1);
}
