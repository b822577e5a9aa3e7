//! Differential test against pkilint (DigiCert's linter, PyPI `pkilint`; `.ci/run` installs it):
//! on TLS server certificates issued by the tests, sceau and pkilint must agree on every rule
//! both implement. Rules compared (sceau code ↔ pkilint code):
//!
//! | concept | sceau | pkilint |
//! |---|---|---|
//! | SAN missing | `cert.san.missing` | `cabf.serverauth.subscriber.subject_altname_extension_absent` |
//! | DNS name syntax, wildcard placement | `name.dns.*` | `cabf.serverauth.invalid_dnsname_syntax` |
//! | RSA key size | `key.rsa.too_small` | `cabf.rsa_modulus_invalid_length` |
//! | SHA-1 | `algorithm.signature.retired` | `cabf.serverauth.prohibited_signature_algorithm_encoding` |
//! | validity cap (MUST NOT) | `cert.validity.over_cap` | `…certificate_validity_period_exceeds_{398,200,100,47}_days` (ERROR) |
//! | validity recommendation (SHOULD NOT) | `cert.validity.over_recommended` | `…exceeds_{397,199,99,46}_days` (WARNING) |
//! | serverAuth EKU | `cert.eku.missing` | `cabf.serverauth.subscriber.serverauth_eku_absent` |

use std::path::{Path, PathBuf};
use std::process::Command;

use rcgen::{CertificateParams, ExtendedKeyUsagePurpose, KeyPair, KeyUsagePurpose};
use sceau::{check_certificate, Catalog, IssuancePolicy, Report};

mod common;

/// pkilint's CA/B TLS linter, called through python3 so that no PATH shim is needed.
const LINTER: &str = "import sys; from pkilint.bin.lint_cabf_serverauth_cert import main; sys.exit(main(sys.argv[1:]))";

fn linter() -> Command {
    let mut cmd = Command::new("python3");
    cmd.args(["-c", LINTER]);
    cmd
}

/// (concept, does sceau's report say it, does pkilint's findings say it)
type Rule = (&'static str, fn(&Report) -> bool, fn(&[Found]) -> bool);

/// One pkilint finding: severity and code.
struct Found {
    severity: String,
    code: String,
}

fn has(found: &[Found], code: &str) -> bool {
    found.iter().any(|f| f.code == code)
}

fn exceeds(found: &[Found], severity: &str) -> bool {
    found.iter().any(|f| {
        f.severity == severity
            && f.code
                .starts_with("cabf.serverauth.certificate_validity_period_exceeds_")
    })
}

fn rules() -> Vec<Rule> {
    vec![
        (
            "SAN missing",
            |r| r.has("cert.san.missing"),
            |p| {
                has(
                    p,
                    "cabf.serverauth.subscriber.subject_altname_extension_absent",
                )
            },
        ),
        (
            "DNS name syntax",
            |r| {
                r.findings()
                    .iter()
                    .any(|f| f.code().starts_with("name.dns."))
            },
            |p| has(p, "cabf.serverauth.invalid_dnsname_syntax"),
        ),
        (
            "RSA key size",
            |r| r.has("key.rsa.too_small"),
            |p| has(p, "cabf.rsa_modulus_invalid_length"),
        ),
        (
            "SHA-1",
            |r| r.has("algorithm.signature.retired"),
            |p| has(p, "cabf.serverauth.prohibited_signature_algorithm_encoding"),
        ),
        (
            "validity cap",
            |r| r.has("cert.validity.over_cap"),
            |p| exceeds(p, "ERROR"),
        ),
        (
            "validity recommendation",
            |r| r.has("cert.validity.over_recommended"),
            |p| exceeds(p, "WARNING"),
        ),
        (
            "serverAuth EKU",
            |r| r.has("cert.eku.missing"),
            |p| has(p, "cabf.serverauth.subscriber.serverauth_eku_absent"),
        ),
    ]
}

fn pkilint_available() -> bool {
    linter()
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// pkilint's findings for a certificate linted as a DV final certificate.
fn pkilint_findings(path: &Path) -> Vec<Found> {
    let out = linter()
        .args(["lint", "-t", "DV-FINAL-CERTIFICATE", "-f", "CSV"])
        .arg(path)
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.starts_with("node_path"),
        "pkilint said: {csv}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(',').skip(2);
            Some(Found {
                severity: fields.next()?.to_string(),
                code: fields.next()?.to_string(),
            })
        })
        .collect()
}

/// Certificates issued by rcgen in the test, beside the openssl-made ones.
fn rcgen_certificates(dir: &Path) -> Vec<PathBuf> {
    let make = |name: &str, sans: &[&str], eku: ExtendedKeyUsagePurpose, days: i64| {
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CountryName, "FR");
        params.extended_key_usages = vec![eku];
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.not_before = rcgen::date_time_ymd(2026, 11, 1);
        params.not_after =
            params.not_before + time::Duration::days(days) - time::Duration::seconds(1);
        let path = dir.join(format!("{name}.pem"));
        std::fs::write(&path, params.self_signed(&key).unwrap().pem()).unwrap();
        path
    };
    vec![
        make(
            "rcgen-good",
            &["www.exemple.fr"],
            ExtendedKeyUsagePurpose::ServerAuth,
            90,
        ),
        make("rcgen-no-san", &[], ExtendedKeyUsagePurpose::ServerAuth, 90),
        make(
            "rcgen-wildcard",
            &["www.*.exemple.fr"],
            ExtendedKeyUsagePurpose::ServerAuth,
            90,
        ),
        make(
            "rcgen-201-days",
            &["www.exemple.fr"],
            ExtendedKeyUsagePurpose::ServerAuth,
            201,
        ),
        make(
            "rcgen-200-days",
            &["www.exemple.fr"],
            ExtendedKeyUsagePurpose::ServerAuth,
            200,
        ),
        make(
            "rcgen-199-days",
            &["www.exemple.fr"],
            ExtendedKeyUsagePurpose::ServerAuth,
            199,
        ),
        make(
            "rcgen-client",
            &["www.exemple.fr"],
            ExtendedKeyUsagePurpose::ClientAuth,
            90,
        ),
    ]
}

#[test]
fn sceau_and_pkilint_agree_on_every_rule_both_implement() {
    if !pkilint_available() {
        common::prerequisite_missing("pkilint is not installed (pip install pkilint==0.13.3)");
        return;
    }
    let tls = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cert/tls");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&tls)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let dir = std::env::temp_dir().join(format!("sceau-pkilint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    files.extend(rcgen_certificates(&dir));

    let policy = IssuancePolicy::from_catalog(&Catalog::embedded(), "standard").unwrap();
    let mut disagreements = Vec::new();
    let mut positives = vec![0usize; rules().len()];
    for file in &files {
        let report = check_certificate(&std::fs::read(file).unwrap(), &policy).unwrap();
        let theirs = pkilint_findings(file);
        for (i, (concept, ours, pkilint)) in rules().into_iter().enumerate() {
            let (a, b) = (ours(&report), pkilint(&theirs));
            if a {
                positives[i] += 1;
            }
            if a != b {
                disagreements.push(format!(
                    "{}: {concept}: sceau {a}, pkilint {b}",
                    file.display()
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        disagreements.is_empty(),
        "disagreements:\n{}",
        disagreements.join("\n")
    );
    // Each rule was exercised by at least one certificate that breaks it.
    for ((concept, _, _), count) in rules().iter().zip(&positives) {
        assert!(*count > 0, "no certificate breaks '{concept}'");
    }
    eprintln!(
        "{} certificates, {} rules, full agreement",
        files.len(),
        rules().len()
    );
}
