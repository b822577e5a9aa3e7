//! Regressions of the defects a review and hostile input found (issue 9), one test or more
//! each, on real inputs: every test here failed on the code before its fix.

use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls_pki_types::UnixTime;
use sceau::{check_certificate, check_csr, Catalog, Error, IssuancePolicy, ObjectKind, Report};

mod common;
use common::{csr_data, error_codes, today};

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings().iter().map(|f| f.code()).collect()
}

fn policy(profile: &str) -> IssuancePolicy {
    IssuancePolicy::by_id(profile).unwrap()
}

/// A test CA, and a TLS leaf it issues with `cn` and `dns` names from 2026-11-01 for 90 days.
fn tls_leaf(cn: &str, dns: &[&str]) -> Vec<u8> {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.distinguished_name.push(DnType::CommonName, "AC de test");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let issuer = Issuer::new(ca, ca_key);
    let mut leaf =
        CertificateParams::new(dns.iter().map(|d| d.to_string()).collect::<Vec<_>>()).unwrap();
    leaf.distinguished_name = rcgen::DistinguishedName::new();
    leaf.distinguished_name.push(DnType::CommonName, cn);
    leaf.not_before = rcgen::date_time_ymd(2026, 11, 1);
    leaf.not_after = leaf.not_before + Duration::from_secs(90 * 86_400);
    leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    leaf.signed_by(&KeyPair::generate().unwrap(), &issuer)
        .unwrap()
        .der()
        .to_vec()
}

// Item 1: a server product and a CN that names no host.

#[test]
fn server_products_refuse_a_request_whose_cn_is_not_a_host_name() {
    let csr = read(&csr_data("cn-not-host.csr"));
    let authorised = Catalog::embedded().extended_with(
        Catalog::from_toml(
            "[[product]]\nid = 'ssl-serveur'\nname = 'SSL_SERVEUR'\nissuer = 'IGC-Santé'\n\
             source = '003'\nusage = 'tls-server'\nnames = { authorized_domains = ['*ch-ville.fr'] }\n",
        )
        .unwrap(),
    );
    let mut policies: Vec<IssuancePolicy> = ["standard", "ssl-serveur", "certigna-ssl", "uc"]
        .iter()
        .map(|p| policy(p))
        .collect();
    policies.push(IssuancePolicy::from_catalog(&authorised, "ssl-serveur").unwrap());
    for policy in &policies {
        let report = check_csr(&csr, policy, today()).unwrap();
        let errors = error_codes(&report);
        assert!(
            errors.contains(&"profile.names.no_host"),
            "{}: {errors:?}",
            policy.id
        );
        assert!(
            errors.contains(&"name.dns.invalid_character"),
            "{}: {errors:?}",
            policy.id
        );
        let cn = report
            .findings()
            .iter()
            .find(|f| f.code() == "name.dns.invalid_character");
        assert_eq!(cn.unwrap().field(), "subject.CN");
    }
    // A service name is still a good CN where the product does not name hosts.
    assert!(error_codes(&check_csr(&csr, &policy("org-auth-cli"), today()).unwrap()).is_empty());
}

#[test]
fn cert_check_refuses_a_server_certificate_whose_cn_is_not_a_host_name() {
    let cert = tls_leaf("mon serveur", &["www.exemple.fr"]);
    let report = check_certificate(&cert, &policy("standard")).unwrap();
    let cn: Vec<&str> = report
        .findings()
        .iter()
        .filter(|f| f.field() == "subject.CN")
        .map(|f| f.code())
        .collect();
    assert!(
        cn.contains(&"name.dns.invalid_character"),
        "{:?}",
        codes(&report)
    );
    let no_names = tls_leaf("mon serveur", &[]);
    let report = check_certificate(&no_names, &policy("standard")).unwrap();
    assert!(
        error_codes(&report).contains(&"profile.names.no_host"),
        "{:?}",
        codes(&report)
    );
}

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// Item 8: a paste that mentions a BEGIN line in its prose.

#[test]
fn certigna_instructions_pasted_with_their_example_csr_are_read() {
    // The exact paragraph of seed 002 above its example CSR: its prose names the header
    // «-----BEGIN CERTIFICATE REQUEST----» inside a sentence.
    let pasted = read(&csr_data("certigna-instructions.txt"));
    assert!(String::from_utf8_lossy(&pasted)
        .contains("l’entête «\u{a0}-----BEGIN CERTIFICATE REQUEST---- »"));
    let report = check_csr(&pasted, &IssuancePolicy::baseline(), today()).unwrap();
    let facts = report.csr_facts().unwrap();
    assert_eq!(facts.common_name.as_deref(), Some("www.certigna.com"));
}

#[test]
fn prose_that_only_mentions_a_boundary_is_not_pem() {
    let prose = "collez la CSR avec l'entête « -----BEGIN CERTIFICATE REQUEST----- » et le pied";
    match check_csr(prose.as_bytes(), &IssuancePolicy::baseline(), today()) {
        Err(Error::NotPemOrDer { detail, .. }) => assert!(detail.contains("prose"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

// Item 17: a message about blocks of another kind is bounded.

#[test]
fn two_hundred_thousand_blocks_of_another_kind_give_a_one_line_error() {
    let block = "-----BEGIN X509 CRL-----\nMAMCAQA=\n-----END X509 CRL-----\n";
    let mut input = block.repeat(200_000);
    input.push_str("-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n");
    let err = check_csr(input.as_bytes(), &IssuancePolicy::baseline(), today()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.len() < 300,
        "{} bytes: {}",
        message.len(),
        &message[..300]
    );
    assert!(
        message.contains("200000 PEM blocks labelled 'X509 CRL'"),
        "{message}"
    );
    assert!(
        message.contains("a PEM block labelled 'CERTIFICATE'"),
        "{message}"
    );
    assert!(matches!(
        err,
        Error::WrongKind {
            expected: ObjectKind::Csr,
            ..
        }
    ));
}

fn at(seconds: u64) -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(seconds))
}

// Item 2: signature algorithms the policy does not name.

fn cert_data(name: &str) -> Vec<u8> {
    read(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/cert")
            .join(name),
    )
}

/// `good.pem` (RSA, sha256WithRSAEncryption) as DER with its signature OID's last octet
/// replaced in both places it stands (tbsCertificate.signature and signatureAlgorithm).
fn with_signature_oid_ending(last: u8) -> Vec<u8> {
    let pem = cert_data("tls/good.pem");
    let mut der = sceau::decode(&pem, ObjectKind::Certificate)
        .unwrap()
        .der
        .into_owned();
    let oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
    ];
    let mut replaced = 0;
    let mut i = 0;
    while i + oid.len() <= der.len() {
        if der[i..i + oid.len()] == oid {
            der[i + oid.len() - 1] = last;
            replaced += 1;
        }
        i += 1;
    }
    assert_eq!(replaced, 2);
    der
}

#[test]
fn cert_check_refuses_signature_algorithms_the_policy_does_not_name() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("DSA", cert_data("dsa-signed.pem")),
        ("Ed448", cert_data("ed448-signed.pem")),
        // 1.2.840.113549.1.1.127: no such algorithm.
        (
            "unknown algorithm 1.2.840.113549.1.1.127",
            with_signature_oid_ending(0x7f),
        ),
        // id-RSASSA-PSS with NULL parameters: no RSASSA-PSS-params to read.
        (
            "RSASSA-PSS (malformed parameters)",
            with_signature_oid_ending(0x0a),
        ),
    ];
    for (what, cert) in cases {
        let report = check_certificate(&cert, &policy("standard")).unwrap();
        let refusal = report
            .findings()
            .iter()
            .find(|f| f.code() == "algorithm.signature.not_allowed")
            .unwrap_or_else(|| panic!("{what}: {:?}", codes(&report)));
        assert!(
            refusal.arg_value("algorithm").unwrap().contains(what),
            "{what}"
        );
        assert_eq!(report.verdict(), sceau::Verdict::Rejected, "{what}");
    }
    // The policy is data: a policy naming DSA lets it through.
    let mut dsa = policy("standard");
    dsa.algorithms.schemes.push(sceau::SchemeFamily::Dsa);
    let report = check_certificate(&cert_data("dsa-signed.pem"), &dsa).unwrap();
    assert!(!codes(&report).contains(&"algorithm.signature.not_allowed"));
}

// Item 3: placeholders that passed.

#[test]
fn a_request_read_without_judging_has_no_proof_of_possession() {
    // The starting state used to be "not checked, retired", which the checks took for a pass.
    let facts = sceau::CsrFacts::read_only(&read(&csr_data("rsa2048-san.csr"))).unwrap();
    assert_eq!(facts.proof_of_possession, sceau::Possession::NotChecked);
    let json = serde_json::to_value(&facts.proof_of_possession).unwrap();
    assert_eq!(json, "not_checked");
}

// Item 4: a delegated OCSP responder whose own status is unknown.

mod chain_data {
    use std::path::PathBuf;

    pub fn read(name: &str) -> Vec<u8> {
        std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/chain")
                .join(name),
        )
        .unwrap()
    }
}

/// The terminals' verifier at 2027-06-01 with these CRLs and OCSP responses.
fn terminals(crls: &[&str], ocsp: &[&str], policy: sceau::RevocationPolicy) -> sceau::Verifier {
    let mut options = sceau::VerifyOptions::new(sceau::Usage::Client, at(1_811_808_000));
    options.revocation = policy;
    let mut verifier = sceau::Verifier::new("verify", options);
    verifier
        .add_anchors(&chain_data::read("ingetrust-root.pem"))
        .unwrap();
    for crl in crls {
        verifier.add_crls(&chain_data::read(crl)).unwrap();
    }
    for response in ocsp {
        verifier.add_ocsp(&chain_data::read(response)).unwrap();
    }
    verifier
}

#[test]
fn under_required_a_delegated_responder_of_unknown_standing_is_not_believed() {
    // Only the root's CRL: nothing says whether the TPE CA's OCSP responder (no
    // id-pkix-ocsp-nocheck) is itself revoked. Its "good" used to be believed.
    let required = terminals(
        &["ingetrust-root.crl.pem"],
        &["tpe-good.ocsp.der"],
        sceau::RevocationPolicy::Required,
    );
    let report = required
        .verify(&chain_data::read("tpe-good-chain.pem"))
        .unwrap();
    let missing = report
        .findings()
        .iter()
        .find(|f| f.code() == "revocation.missing")
        .unwrap_or_else(|| panic!("{}", report.to_text(sceau::Lang::En)));
    let why = missing.arg_value("why").unwrap();
    assert!(why.contains("not known to be good"), "{why}");
    // The CA answering itself needs no standing: still evidence under `required`.
    let by_ca = terminals(
        &["ingetrust-root.crl.pem"],
        &["tpe-good-by-ca.ocsp.der"],
        sceau::RevocationPolicy::Required,
    );
    let report = by_ca
        .verify(&chain_data::read("tpe-good-chain.pem"))
        .unwrap();
    assert_eq!(
        report.verdict(),
        sceau::Verdict::Accepted,
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

// Item 5: evidence without nextUpdate goes stale.

/// The block `label` of a BoringSSL vector, as the DER of `kind` (their labels are their own).
fn boringssl_block(file: &str, label: &str, kind: ObjectKind, standard: &str) -> Vec<u8> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/boringssl")
        .join(file);
    let text = String::from_utf8(read(&path)).unwrap();
    let begin = format!("-----BEGIN {label}-----");
    let start = text.find(&begin).unwrap() + begin.len();
    let end = start
        + text[start..]
            .find(&format!("-----END {label}-----"))
            .unwrap();
    let pem = format!(
        "-----BEGIN {standard}-----{}-----END {standard}-----\n",
        &text[start..end]
    );
    sceau::decode(pem.as_bytes(), kind)
        .unwrap()
        .der
        .into_owned()
}

#[test]
fn a_crl_without_next_update_is_stale_a_week_after_its_this_update() {
    use x509_parser::prelude::FromDer;
    let file = "boringssl-crl/good_no_nextupdate.pem";
    let crl =
        sceau::Crl::from_der(boringssl_block(file, "CRL", ObjectKind::Crl, "X509 CRL")).unwrap();
    assert_eq!(crl.next_update(), None);
    let this_update = crl.this_update();
    let ca = boringssl_block(
        file,
        "CA CERTIFICATE",
        ObjectKind::Certificate,
        "CERTIFICATE",
    );
    let leaf = boringssl_block(file, "CERTIFICATE", ObjectKind::Certificate, "CERTIFICATE");
    let (_, ca) = x509_parser::certificate::X509Certificate::from_der(&ca).unwrap();
    let (_, leaf) = x509_parser::certificate::X509Certificate::from_der(&leaf).unwrap();
    let sources = sceau::RevocationSources {
        crls: vec![crl],
        ocsp: vec![],
    };
    let status_at = |days: i64, freshness: sceau::Freshness| {
        sources.status(
            &sceau::PathPosition {
                target: &leaf,
                above: &[&ca],
                pool: &[],
            },
            &sceau::StatusRules {
                time: this_update + days * 86_400,
                freshness,
                policy: sceau::RevocationPolicy::Required,
                algorithms: &sceau::AlgorithmPolicy::default(),
                evidence_until: None,
            },
            &sceau::RevocationSources::default(),
        )
    };
    let default = sceau::Freshness::default();
    assert!(matches!(
        status_at(6, default),
        sceau::RevocationStatus::Good { .. }
    ));
    match status_at(364, default) {
        sceau::RevocationStatus::Stale { why, .. } => {
            assert!(
                why.contains("no nextUpdate") && why.contains("7 days"),
                "{why}"
            )
        }
        other => panic!("364 days old and fresh: {other:?}"),
    }
    // --max-age, when given, is the limit for all evidence.
    let month = sceau::Freshness {
        max_age: Some(30 * 86_400),
        ..default
    };
    assert!(matches!(
        status_at(29, month),
        sceau::RevocationStatus::Good { .. }
    ));
    assert!(matches!(
        status_at(31, month),
        sceau::RevocationStatus::Stale { .. }
    ));
}

#[test]
fn verify_takes_a_maximum_age_for_evidence() {
    let d = |name: &str| {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/chain")
            .join(name)
            .display()
            .to_string()
    };
    let run = |max_age: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
            .args([
                "verify",
                "--roots",
                &d("ingetrust-root.pem"),
                "--usage",
                "client",
            ])
            .args([
                "--crl",
                &d("ingetrust-ca.crl.pem"),
                "--crl",
                &d("ingetrust-root.crl.pem"),
            ])
            .args([
                "--time",
                "2027-06-01T00:00:00Z",
                "--max-age",
                max_age,
                &d("tpe-good-chain.pem"),
            ])
            .output()
            .unwrap()
    };
    // The CRLs were issued 2026-01-01: fresh for a year and a half, not for 30 days.
    assert_eq!(run("600d").status.code(), Some(0));
    let stale = run("30d");
    assert_eq!(stale.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&stale.stdout).contains("revocation.stale"));
    let bad = run("soon");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--max-age"));
}

// Item 6: the unsigned parts of signed objects are strict DER.

/// `der` with the bytes at `at` replaced (the length unchanged).
fn patched(der: &[u8], at: usize, bytes: &[u8]) -> Vec<u8> {
    let mut out = der.to_vec();
    out[at..at + bytes.len()].copy_from_slice(bytes);
    out
}

#[test]
fn a_csr_whose_unsigned_algorithm_or_signature_is_retagged_is_unreadable() {
    let der = read(&csr_data("rsa2048-san.der"));
    // The outer signatureAlgorithm (sha256WithRSAEncryption, NULL) and signature, unsigned.
    let alg = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
    ];
    let at = der.windows(alg.len()).rposition(|w| w == alg).unwrap();
    assert_eq!(
        der[at + alg.len()],
        0x03,
        "the signature BIT STRING follows"
    );
    let variants = [
        ("the OID as an IA5String", patched(&der, at + 2, &[0x16])),
        ("NULL as [5]", patched(&der, at + 13, &[0x85])),
        ("NULL as tag 0x07", patched(&der, at + 13, &[0x07])),
        ("the algorithm as a SET", patched(&der, at, &[0x31])),
        (
            "the signature as an OCTET STRING",
            patched(&der, at + alg.len(), &[0x04]),
        ),
    ];
    // The unchanged request verifies; each variant used to verify as well ("proof of possession
    // verified"), the changed bytes not being signed.
    assert!(check_csr(&der, &IssuancePolicy::baseline(), today()).is_ok());
    for (what, variant) in variants {
        match check_csr(&variant, &IssuancePolicy::baseline(), today()) {
            Err(Error::BadDer {
                expected: ObjectKind::Csr,
                ..
            }) => {}
            Ok(report) => panic!(
                "{what}: read, {:?}",
                report.csr_facts().unwrap().proof_of_possession
            ),
            Err(other) => panic!("{what}: {other}"),
        }
    }
}

#[test]
fn a_certificate_whose_outer_algorithm_differs_is_refused_and_one_with_unused_signature_bits_is_unreadable(
) {
    let pem = cert_data("tls/good.pem");
    let der = sceau::decode(&pem, ObjectKind::Certificate)
        .unwrap()
        .der
        .into_owned();
    let alg = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
    ];
    let outer = der.windows(alg.len()).rposition(|w| w == alg).unwrap();
    let sha384 = patched(&der, outer + 12, &[0x0c]);
    let unused = patched(&der, outer + alg.len() + 4, &[0x01]);
    assert_eq!(der[outer + alg.len() + 4], 0x00, "the unused-bits octet");
    // Unused bits are unreadable input; an outer algorithm that differs from the signed one is
    // read and refused, with the rule that says so (pkilint reads such certificates too).
    match check_certificate(&unused, &policy("standard")) {
        Err(Error::BadDer { .. }) => {}
        other => panic!("1 unused bit: {other:?}"),
    }
    let report = check_certificate(&sha384, &policy("standard")).unwrap();
    assert_eq!(report.verdict(), sceau::Verdict::Rejected);
    assert!(report.has("cert.signature_algorithm.mismatch"));
}

#[test]
fn crls_and_ocsp_responses_with_unused_signature_bits_or_retagged_algorithms_are_refused() {
    let crl = chain_data::read("ingetrust-ca.crl.der");
    let bits_at = crl.len() - 257;
    assert_eq!(&crl[bits_at - 4..bits_at], &[0x03, 0x82, 0x01, 0x01]);
    let unused = patched(&crl, bits_at, &[0x01]);
    assert!(matches!(
        sceau::Crl::from_der(unused),
        Err(Error::BadDer { .. })
    ));
    assert!(sceau::Crl::from_der(crl).is_ok());

    let ocsp = chain_data::read("tpe-good-by-ca.ocsp.der");
    let alg = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
    ];
    // The first one: the response's own (the certificates it carries come after).
    let at = ocsp.windows(alg.len()).position(|w| w == alg).unwrap();
    let null_retagged = patched(&ocsp, at + 13, &[0x85]);
    let unused = patched(&ocsp, at + alg.len() + 4, &[0x01]);
    assert_eq!(ocsp[at + alg.len() + 4], 0x00);
    for (what, variant) in [("NULL as [5]", null_retagged), ("1 unused bit", unused)] {
        match sceau::OcspResponse::from_der(variant) {
            Err(Error::BadDer { .. }) => {}
            Ok(_) => panic!("{what}: read as evidence"),
            Err(other) => panic!("{what}: {other}"),
        }
    }
    assert!(sceau::OcspResponse::from_der(ocsp).is_ok());
}

// Item 7: dated rules with their right dates and scope.

/// A certificate from a fresh CA: `cn`, DNS names, EKUs, CA or not, issued on `from` for
/// `days` days (a self-signed CA when `self_signed`).
struct Made {
    cn: &'static str,
    dns: Vec<&'static str>,
    ekus: Vec<ExtendedKeyUsagePurpose>,
    ca: bool,
    self_signed: bool,
    from: (i32, u8, u8),
    days: u64,
}

impl Made {
    fn leaf(cn: &'static str, dns: Vec<&'static str>) -> Made {
        Made {
            cn,
            dns,
            ekus: vec![ExtendedKeyUsagePurpose::ServerAuth],
            ca: false,
            self_signed: false,
            from: (2026, 11, 1),
            days: 90,
        }
    }

    fn der(&self) -> Vec<u8> {
        let mut params =
            CertificateParams::new(self.dns.iter().map(|d| d.to_string()).collect::<Vec<_>>())
                .unwrap();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params.distinguished_name.push(DnType::CommonName, self.cn);
        params.not_before = rcgen::date_time_ymd(self.from.0, self.from.1, self.from.2);
        params.not_after = params.not_before + Duration::from_secs(self.days * 86_400);
        params.extended_key_usages = self.ekus.clone();
        if self.ca {
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        } else {
            params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        }
        let key = KeyPair::generate().unwrap();
        if self.self_signed {
            return params.self_signed(&key).unwrap().der().to_vec();
        }
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.distinguished_name
            .push(DnType::CommonName, "AC racine de test");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params
            .signed_by(&key, &Issuer::new(ca, ca_key))
            .unwrap()
            .der()
            .to_vec()
    }
}

#[test]
fn code_signing_lives_39_months_before_2026_03_01_and_460_days_from_it() {
    // The code-signing product with the default key policy, so that rcgen's P-256 keys pass.
    let mut product = Catalog::builtin().product("code-signing").unwrap().clone();
    product.key = sceau::KeyPolicy::default();
    let policy = IssuancePolicy::for_product(&product);
    let signer = |from, days| Made {
        ekus: vec![ExtendedKeyUsagePurpose::CodeSigning],
        from,
        days,
        ..Made::leaf("Editeur Exemple", vec![])
    };
    let over_cap = |made: Made| {
        let report = check_certificate(&made.der(), &policy).unwrap();
        report
            .findings()
            .iter()
            .find(|f| f.code() == "cert.validity.over_cap")
            .map(|f| {
                (
                    f.arg_value("max").unwrap().to_string(),
                    f.message(sceau::Lang::En),
                )
            })
    };
    // Three years from 2024-01-01: within 39 months (refused by a 460-day cap before the fix).
    assert_eq!(over_cap(signer((2024, 1, 1), 3 * 365)), None);
    let forty_months = over_cap(signer((2024, 1, 1), 1_220)).unwrap();
    assert_eq!(forty_months.0, "39");
    assert!(forty_months.1.contains("39 months"), "{}", forty_months.1);
    assert_eq!(over_cap(signer((2026, 2, 28), 1_000)), None);
    assert_eq!(over_cap(signer((2026, 3, 1), 459)), None);
    assert_eq!(over_cap(signer((2026, 3, 1), 461)).unwrap().0, "460");
}

#[test]
fn a_tls_cn_must_be_an_exact_copy_of_a_san_from_2021_08_25() {
    let copied = |from| {
        let made = Made {
            from,
            ..Made::leaf("WWW.exemple.fr", vec!["www.exemple.fr"])
        };
        codes(&check_certificate(&made.der(), &policy("standard")).unwrap())
    };
    assert!(copied((2026, 11, 1)).contains(&"cert.san.cn_not_copied"));
    // The dated rule is silent for a certificate issued the day before it.
    let before = copied((2021, 8, 24));
    assert!(!before.contains(&"cert.san.cn_not_copied"), "{before:?}");
    assert!(!before.contains(&"cert.san.cn_not_in_san"), "{before:?}");
}

#[test]
fn roots_carry_no_eku_and_subordinate_cas_carry_server_auth() {
    let ca = |self_signed: bool, ekus: Vec<ExtendedKeyUsagePurpose>| {
        let made = Made {
            ca: true,
            self_signed,
            ekus,
            days: 3_650,
            from: (2026, 1, 1),
            ..Made::leaf("AC Exemple", vec![])
        };
        codes(&check_certificate(&made.der(), &policy("ca")).unwrap())
    };
    use ExtendedKeyUsagePurpose::{Any, ClientAuth, ServerAuth};
    assert!(ca(true, vec![ServerAuth]).contains(&"profile.usage.eku_not_allowed"));
    assert!(!ca(true, vec![]).contains(&"cert.ca.eku_missing"));
    let subordinate = ca(false, vec![ServerAuth, ClientAuth]);
    assert!(
        !subordinate.contains(&"profile.usage.eku_not_allowed"),
        "{subordinate:?}"
    );
    assert!(ca(false, vec![ServerAuth, Any]).contains(&"profile.usage.eku_not_allowed"));
    assert!(ca(false, vec![]).contains(&"cert.ca.eku_missing"));
}

#[test]
fn p521_is_refused_in_the_name_of_the_policy_that_refuses_it() {
    let report = check_csr(
        &read(&csr_data("p521.csr")),
        &IssuancePolicy::baseline(),
        today(),
    )
    .unwrap();
    let curve = report
        .findings()
        .iter()
        .find(|f| f.code() == "key.ec.curve_not_allowed")
        .unwrap();
    assert!(curve
        .rule()
        .source
        .starts_with("Mozilla Root Store Policy §5.1"));
}

// Item 9: names counted once, whatever their case, in linear time (the figures are
// benches/many_names.rs: 50,000 names went from 1.34 s to 18 ms).

#[test]
fn names_that_differ_only_in_case_count_once() {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec![
        "A.exemple.fr".to_string(),
        "a.exemple.fr".to_string(),
        "B.EXEMPLE.FR".to_string(),
    ])
    .unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "b.exemple.fr");
    let csr = params.serialize_request(&key).unwrap().pem().unwrap();
    let report = check_csr(csr.as_bytes(), &policy("standard"), today()).unwrap();
    assert!(
        !codes(&report).contains(&"profile.names.too_many"),
        "{:?}",
        codes(&report)
    );
    // Matching: the certificate carries the same names in other cases and one more.
    params
        .subject_alt_names
        .push(rcgen::SanType::DnsName("c.exemple.fr".try_into().unwrap()));
    let cert = params.self_signed(&key).unwrap().pem();
    let matched = sceau::match_certificate(cert.as_bytes(), Some(csr.as_bytes()), None).unwrap();
    let facts = matched.match_facts().unwrap().csr.as_ref().unwrap();
    assert!(facts.missing_names.is_empty(), "{:?}", facts.missing_names);
    assert_eq!(facts.added_names, ["c.exemple.fr"]);
}

// Item 10: inputs are bounded, and a --roots directory takes regular files only.

#[test]
fn an_endless_input_is_refused_at_the_documented_limit() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
            .args(args)
            .output()
            .unwrap()
    };
    let endless = run(&["csr", "check", "/dev/zero"]);
    assert_eq!(endless.status.code(), Some(2));
    let message = String::from_utf8_lossy(&endless.stderr);
    assert!(
        message.contains("more than 256 MiB (the --max-input limit)"),
        "{message}"
    );
    let small = run(&["csr", "check", "--max-input", "1MiB", "/dev/zero"]);
    assert!(String::from_utf8_lossy(&small.stderr).contains("more than 1 MiB"));
    let fits = run(&[
        "--max-input",
        "10KiB",
        "csr",
        "check",
        &csr_data("rsa2048-san.csr").display().to_string(),
    ]);
    assert_eq!(fits.status.code(), Some(0));
}

#[test]
fn a_fifo_in_a_roots_directory_is_skipped_not_waited_for() {
    let dir = std::env::temp_dir().join(format!("sceau-roots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("root.pem"), chain_data::read("ingetrust-root.pem")).unwrap();
    let fifo = dir.join("blocking.pem");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let chain = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/chain/tpe-good-chain.pem");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args([
            "verify",
            "--roots",
            &dir.display().to_string(),
            "--usage",
            "client",
            "--revocation",
            "off",
        ])
        .args([
            "--time",
            "2027-06-01T00:00:00Z",
            &chain.display().to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "verify waited on the FIFO"
    );
}

// Item 11: the work of one verification is bounded, and identical evidence counts once.

/// `der` as one PEM block labelled `label`.
fn pem_block(label: &str, der: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
    .into_bytes()
}

/// The good terminal's chain followed by `copies` more copies of its CA certificate.
fn padded_chain(copies: usize) -> Vec<u8> {
    let mut chain = chain_data::read("tpe-good-chain.pem");
    let ca = chain_data::read("ingetrust-ca.pem");
    for _ in 0..copies {
        chain.extend_from_slice(&ca);
    }
    chain
}

#[test]
fn a_chain_over_the_certificate_limit_is_refused_before_it_is_examined() {
    // A CRL bearing the CA's name but signed by another key: every path attempt used to check
    // it against every unused copy of the CA (3,000 copies: 3.4 s).
    let verifier = terminals(
        &["ingetrust-ca-forged.crl.pem", "ingetrust-root.crl.pem"],
        &[],
        sceau::RevocationPolicy::Required,
    );
    let at_limit = verifier.verify(&padded_chain(62)).unwrap();
    assert!(codes(&at_limit).contains(&"revocation.missing"));
    assert!(!codes(&at_limit).contains(&"chain.too_many_certificates"));
    let over = verifier.verify(&padded_chain(63)).unwrap();
    assert_eq!(codes(&over), ["chain.too_many_certificates"]);
    assert!(over
        .to_text(sceau::Lang::En)
        .contains("more than 64 certificates (limit chain-certificates)"));
    // From rustls's side, with the DER chain given directly, the same limit holds.
    let ders: Vec<rustls_pki_types::CertificateDer<'static>> =
        sceau::decode_all(&padded_chain(63), ObjectKind::Certificate)
            .unwrap()
            .into_iter()
            .map(|d| d.der.into_owned().into())
            .collect();
    let direct = verifier.verify_certificates(&ders, None);
    assert_eq!(codes(&direct), ["chain.too_many_certificates"]);
}

#[test]
fn the_path_search_stops_at_the_path_attempt_limit_and_says_so() {
    let mut verifier = terminals(
        &["ingetrust-ca-forged.crl.pem", "ingetrust-root.crl.pem"],
        &[],
        sceau::RevocationPolicy::Required,
    );
    verifier.options.limits.set(sceau::Limit::PathAttempts, 4);
    let report = verifier.verify(&padded_chain(10)).unwrap();
    assert_eq!(report.verdict(), sceau::Verdict::Rejected);
    assert!(
        codes(&report).contains(&"chain.too_many_paths"),
        "{:?}",
        codes(&report)
    );
    assert!(codes(&report).contains(&"revocation.missing"));
    // Within the limit (11 candidates, 32 allowed) every path is judged and none is said cut.
    verifier.options.limits = sceau::Limits::default();
    let all_judged = verifier.verify(&padded_chain(10)).unwrap();
    assert!(!codes(&all_judged).contains(&"chain.too_many_paths"));
    // With the CA's real CRL the first path is accepted: the limit costs nothing then.
    let mut real = terminals(
        &["ingetrust-ca.crl.pem", "ingetrust-root.crl.pem"],
        &[],
        sceau::RevocationPolicy::Required,
    );
    real.options.limits.set(sceau::Limit::PathAttempts, 1);
    let accepted = real.verify(&padded_chain(10)).unwrap();
    assert_eq!(accepted.verdict(), sceau::Verdict::Accepted);
}

#[test]
fn identical_evidence_counts_once_and_distinct_evidence_is_bounded() {
    let response = chain_data::read("tpe-good.ocsp.der");
    let mut verifier = terminals(&[], &[], sceau::RevocationPolicy::Required);
    // A thousand copies of one response are one response.
    let copies = pem_block("OCSP RESPONSE", &response).repeat(1000);
    assert_eq!(verifier.add_ocsp(&copies).unwrap(), 1);
    assert_eq!(verifier.add_ocsp(&response).unwrap(), 0);
    verifier.options.limits.set(sceau::Limit::OcspResponses, 2);
    let revoked = chain_data::read("tpe-revoked.ocsp.der");
    assert_eq!(verifier.add_ocsp(&revoked).unwrap(), 1);
    let third = verifier
        .add_ocsp(&chain_data::read("tpe-good-by-ca.ocsp.der"))
        .unwrap_err();
    assert!(
        matches!(
            third,
            Error::TooMany {
                limit: 2,
                limit_name: "ocsp-responses",
                ..
            }
        ),
        "{third:?}"
    );
    assert!(third
        .to_string()
        .starts_with("too many distinct OCSP responses: more than 2"));

    // CRLs, anchors and intermediates likewise; a bundle over the limit adds nothing.
    let mut verifier = terminals(&[], &[], sceau::RevocationPolicy::Required);
    verifier.options.limits.set(sceau::Limit::Crls, 1);
    let mut both = chain_data::read("ingetrust-ca.crl.pem");
    both.extend(chain_data::read("ingetrust-root.crl.pem"));
    assert!(matches!(
        verifier.add_crls(&both),
        Err(Error::TooMany {
            limit_name: "crls",
            ..
        })
    ));
    assert_eq!(
        verifier
            .add_crls(&chain_data::read("ingetrust-ca.crl.pem"))
            .unwrap(),
        1
    );
    // The same CRL in DER is the same CRL.
    assert_eq!(
        verifier
            .add_crls(&chain_data::read("ingetrust-ca.crl.der"))
            .unwrap(),
        0
    );
    verifier.options.limits.set(sceau::Limit::Anchors, 1);
    assert_eq!(
        verifier
            .add_anchors(&chain_data::read("ingetrust-root.pem"))
            .unwrap(),
        0
    );
    assert!(matches!(
        verifier.add_anchors(&chain_data::read("igc-sante-acr.pem")),
        Err(Error::TooMany {
            limit_name: "anchors",
            ..
        })
    ));
    verifier.options.limits.set(sceau::Limit::Intermediates, 1);
    let mut two = chain_data::read("ingetrust-ca.pem");
    two.extend(chain_data::read("igc-sante-aci.pem"));
    assert!(matches!(
        verifier.add_intermediates(&two),
        Err(Error::TooMany {
            limit_name: "intermediates",
            ..
        })
    ));
    assert_eq!(
        verifier
            .add_intermediates(&chain_data::read("ingetrust-ca.pem").repeat(3))
            .unwrap(),
        1
    );
}

#[test]
fn verify_limit_is_changed_on_the_command_line_and_named_when_passed() {
    let data = |name: &str| {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/chain")
            .join(name)
            .display()
            .to_string()
    };
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
            .args(["verify", "--roots", &data("ingetrust-root.pem")])
            .args(["--usage", "client", "--time", "2027-06-01T00:00:00Z"])
            .args(["--crl", &data("ingetrust-ca.crl.pem")])
            .args(["--crl", &data("ingetrust-root.crl.pem")])
            .args(extra)
            .arg(data("tpe-good-chain.pem"))
            .output()
            .unwrap()
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let passed = run(&["--limit", "crls=1"]);
    assert_eq!(passed.status.code(), Some(2));
    let message = String::from_utf8_lossy(&passed.stderr);
    assert!(
        message.contains(
            "ingetrust-root.crl.pem: too many distinct CRLs: more than 1 (the 'crls' limit"
        ),
        "{message}"
    );
    let short = run(&["--limit", "chain-certificates=1"]);
    assert_eq!(short.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&short.stdout).contains("chain.too_many_certificates"));
    let unknown = run(&["--limit", "certificates=3"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains(
        "unknown limit 'certificates'; the limits are chain-certificates, intermediates, anchors, crls, ocsp-responses, path-attempts"
    ));
}

#[test]
fn verify_time_errors_name_the_time_flag() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args([
            "verify",
            "--roots",
            "x.pem",
            "--time",
            "yesterday",
            "chain.pem",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("--time yesterday: not an RFC 3339 time"),
        "{message}"
    );
}

#[test]
fn a_reader_that_goes_away_is_not_a_panic() {
    use std::io::Read as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args(["rules"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is closed now: the rest of the catalogue meets a broken pipe.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// Item 12: catalogue values are validated when the catalogue is read.

fn product_toml(extra: &str) -> String {
    format!(
        "[[product]]\nid = 'maison'\nname = 'Maison'\nissuer = 'Exemple'\nsource = 'local'\n\
         usage = 'tls-server'\n{extra}\n"
    )
}

#[test]
fn catalogue_values_outside_their_bounds_are_refused_when_read() {
    let refused = |extra: &str| match Catalog::from_toml(&product_toml(extra)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted: {extra}"),
    };
    // [65536] made `csr new` generate for minutes; [17] reached ring as "UnexpectedError".
    assert_eq!(
        refused("key = { rsa = { sizes = [65536] } }"),
        "invalid argument catalog: product 'maison': key.rsa: sizes: 65536 bits is outside 1024 to 16384 bits"
    );
    assert!(refused("key = { rsa = { sizes = [17] } }").contains("17 bits is outside"));
    assert!(refused("key = { rsa = { sizes = [] } }").contains("sizes is empty"));
    assert!(refused("key = { rsa = { sizes = [2049] } }").contains("not a multiple of 8"));
    assert!(
        refused("key = { rsa = { min_bits = 4096, max_bits = 2048 } }")
            .contains("min_bits 4096 is above max_bits 2048")
    );
    assert!(refused("key = { rsa = { min_exponent = 1 } }").contains("below 3"));
    assert!(refused("validity_years = [0]").contains("0 years is outside 1 to 100"));
    assert!(refused("notice = { months = 5000 }").contains("more than 100 years"));
    assert!(refused("policies = ['EV']").contains("'EV' is not a dotted OID"));
    assert!(refused("names = { authorized_domains = ['*.'] }").contains("names no domain"));
    assert!(refused("tariff = { currency = 'euro', annual_cents = 1 }").contains("ISO 4217"));
    // The embedded catalogue passes its own validation.
    assert!(Catalog::embedded().products.len() >= 10);
}

#[test]
fn csr_new_refuses_a_catalogue_with_an_rsa_size_it_cannot_use_at_once() {
    let dir = std::env::temp_dir().join(format!("sceau-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = dir.join("catalog.toml");
    std::fs::write(
        &catalog,
        product_toml("key = { rsa = { sizes = [65536] }, ec_curves = [] }"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args(["csr", "new", "--profile", "maison", "--catalog"])
        .arg(&catalog)
        .args(["--cn", "www.exemple.fr"])
        .arg("--key-out")
        .arg(dir.join("k.pem"))
        .arg("--csr-out")
        .arg(dir.join("c.csr"))
        .output()
        .unwrap();
    let message = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!dir.join("k.pem").exists());
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(
        message.contains("65536 bits is outside 1024 to 16384 bits"),
        "{message}"
    );
}

#[test]
fn a_hundred_thousand_holidays_are_counted_once_each_in_linear_time() {
    use time::{Date, Duration as Days, Month};
    // A certificate for 300 years: every holiday below falls inside its validity.
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2026, 1, 5);
    params.not_after = rcgen::date_time_ymd(2326, 1, 5);
    let cert = params.self_signed(&key).unwrap().pem().into_bytes();
    let product = Catalog::embedded().product("standard").unwrap().clone();
    let now = at(1_767_571_200); // 2026-01-05
    let start = Date::from_calendar_date(2026, Month::January, 6).unwrap();
    // Every day for 100,000 days, listed backwards and twice: no business day is left.
    let mut every_day: Vec<Date> = (0..100_000).map(|i| start + Days::days(i)).collect();
    every_day.reverse();
    every_day.extend(every_day.clone());
    let none_left = sceau::expiry(&cert, &product, &every_day, now).unwrap();
    let facts = none_left.expiry_facts().unwrap();
    let weekdays_after_the_list = {
        let report = sceau::expiry(&cert, &product, &[], now).unwrap();
        let all = report.expiry_facts().unwrap().business_days_left;
        let listed_weekdays = (0..100_000)
            .map(|i| start + Days::days(i))
            .filter(|d| d.weekday().number_from_monday() <= 5)
            .count();
        all - i64::try_from(listed_weekdays).unwrap()
    };
    assert_eq!(facts.business_days_left, weekdays_after_the_list);
    // One Monday a hundred thousand times is one day off.
    let monday = Date::from_calendar_date(2026, Month::January, 12).unwrap();
    let once = sceau::expiry(&cert, &product, &vec![monday; 100_000], now).unwrap();
    let all = sceau::expiry(&cert, &product, &[], now).unwrap();
    assert_eq!(
        once.expiry_facts().unwrap().business_days_left,
        all.expiry_facts().unwrap().business_days_left - 1
    );
}

// Item 15: `csr new` writes the key and the CSR, or neither.

#[test]
fn csr_new_writes_both_files_or_neither() {
    let dir = std::env::temp_dir().join(format!("sceau-pair-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new = |key: &std::path::Path, csr: &std::path::Path| common::csr_new(&[], key, csr);
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let key = dir.join("k.pem");
    // The CSR's directory is missing.
    let missing = new(&key, &dir.join("no-such-dir/c.csr"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-dir/c.csr"));
    assert!(listing().is_empty(), "left behind: {:?}", listing());
    // A dangling symlink where the CSR goes.
    let dangling = dir.join("dangling.csr");
    std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).unwrap();
    let linked = new(&key, &dangling);
    assert_eq!(linked.status.code(), Some(2));
    assert_eq!(listing(), ["dangling.csr"]);
    std::fs::remove_file(&dangling).unwrap();
    // The same path for both, spelt alike or not.
    assert_eq!(new(&key, &key).status.code(), Some(2));
    assert_eq!(
        new(&key, &dir.join(".").join("k.pem")).status.code(),
        Some(2)
    );
    assert!(listing().is_empty(), "left behind: {:?}", listing());
    // Both written, nothing else.
    let made = new(&key, &dir.join("c.csr"));
    assert_eq!(
        made.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert_eq!(listing(), ["c.csr", "k.pem"]);
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(mode, 0o600);
}

// Item 16: an RSA private key is checked whole, not by p·q = n alone.

#[test]
fn a_pkcs1_key_with_a_wrong_exponent_or_crt_values_is_inconsistent() {
    let data = |name: &str| {
        std::fs::read(
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/match")
                .join(name),
        )
        .unwrap()
    };
    let cert = data("rsa.pem");
    for (key, why) in [
        (
            "rsa-bogus-d.key",
            "its private exponent d is not the inverse of e modulo p−1 and q−1",
        ),
        (
            "rsa-bogus-crt.key",
            "its coefficient (q⁻¹ mod p) is not the value its primes and exponent give",
        ),
    ] {
        let report = sceau::match_certificate(&cert, None, Some(&data(key))).unwrap();
        assert_eq!(error_codes(&report), ["match.key.inconsistent"], "{key}");
        let text = report.to_text(sceau::Lang::En);
        assert!(text.contains(why), "{key}: {text}");
    }
    // The genuine key, PKCS#1 and PKCS#8, still belongs to the certificate.
    for key in ["rsa-pkcs1.key", "rsa-pkcs8.key"] {
        let report = sceau::match_certificate(&cert, None, Some(&data(key))).unwrap();
        assert_eq!(report.verdict(), sceau::Verdict::Accepted, "{key}");
    }
}

// Item 17: messages that name what exists.

#[test]
fn expiry_and_quote_do_not_offer_baseline_which_is_no_product() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let quote = run(&["quote", "--profile", "baseline", "--years", "1"]);
    assert!(
        quote.contains("unknown profile 'baseline'; known profiles: standard, wildcard"),
        "{quote}"
    );
    let cert = csr_data("../cert/tls/good.pem").display().to_string();
    let expiry = run(&["expiry", "--profile", "nope", &cert]);
    assert!(!expiry.contains("baseline"), "{expiry}");
    // Checks take baseline, and say so.
    let csr = csr_data("rsa2048-san.csr").display().to_string();
    let check = run(&["csr", "check", "--profile", "nope", &csr]);
    assert!(
        check.contains(
            "known profiles: baseline, tls-br, smime-br, cs-br, ca-br, auto, rfc5280, standard"
        ),
        "{check}"
    );
    // The CA/B profiles judge certificates; a CSR given one is refused, not silently checked
    // against the baseline.
    let cabf = run(&["csr", "check", "--profile", "tls-br", &csr]);
    assert!(
        cabf.contains("tls-br is a profile of issued certificates"),
        "{cabf}"
    );
}

// Item 18: authorised domains without repeating the product.

#[test]
fn authorised_domains_are_given_in_three_lines_or_on_the_command_line() {
    let csr = csr_data("profile/gap-serveur.csr").display().to_string();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
            .args(args)
            .output()
            .unwrap()
    };
    // Embedded: refused until the domains are known.
    let unset = run(&["csr", "check", "--profile", "ssl-serveur", &csr]);
    assert_eq!(unset.status.code(), Some(1));
    // A three-line override of the existing product (it used to need every field).
    let dir = std::env::temp_dir().join(format!("sceau-domains-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("gap.toml");
    std::fs::write(
        &file,
        "[[product]]\nid = 'ssl-serveur'\nnames = { authorized_domains = ['*ch-ville.fr'] }\n",
    )
    .unwrap();
    let catalog = file.display().to_string();
    let overridden = run(&[
        "csr",
        "check",
        "--profile",
        "ssl-serveur",
        "--catalog",
        &catalog,
        &csr,
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        overridden.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&overridden.stderr)
    );
    // The flag, for csr check and cert check.
    let flag = [
        "--profile",
        "ssl-serveur",
        "--authorized-domain",
        "*ch-ville.fr",
    ];
    let accepted = run(&[&["csr", "check"][..], &flag, &[&csr]].concat());
    assert_eq!(accepted.status.code(), Some(0));
    let elsewhere = run(&[
        "csr",
        "check",
        "--profile",
        "ssl-serveur",
        "--authorized-domain",
        "*autre-chu.fr",
        &csr,
    ]);
    assert_eq!(elsewhere.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&elsewhere.stdout).contains("*autre-chu.fr"));
    let server = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/chain/gap-server.pem")
        .display()
        .to_string();
    let unset = run(&["cert", "check", "--profile", "ssl-serveur", &server]);
    assert!(
        String::from_utf8_lossy(&unset.stdout).contains("profile.names.authorized_domains_unset")
    );
    let cert = run(&[&["cert", "check"][..], &flag, &[&server]].concat());
    let text = String::from_utf8_lossy(&cert.stdout);
    assert!(!text.contains("profile.names.authorized"), "{text}");
    let baseline = run(&["csr", "check", "--authorized-domain", "*ch-ville.fr", &csr]);
    assert_eq!(baseline.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&baseline.stderr).contains("baseline is no product"));
    let empty = run(&[
        &["csr", "check"][..],
        &flag[..2],
        &["--authorized-domain", "*.", &csr],
    ]
    .concat());
    assert_eq!(empty.status.code(), Some(2));
}

// Hostile lists: work proportional to the input, whatever the count of distinct items.

/// A certificate whose certificatePolicies lists 32,000 distinct policies (460 kB), and a
/// request with 32,000 extensions: each is checked in well under the bound. Before, the
/// duplicate policy count and the duplicate extension search were quadratic (236 ms for 8,000
/// policies in a release build, so about 4 s for 32,000 and over ten times that in debug).
#[test]
fn thousands_of_policies_or_extensions_are_checked_in_linear_time() {
    const COUNT: u64 = 32_000;
    let bound = Duration::from_secs(5);
    let arcs: Vec<Vec<u64>> = (0..COUNT)
        .map(|i| vec![1, 3, 6, 1, 4, 1, 99_999, i])
        .collect();
    // Under the DV policy, so that `auto` runs the CA/B checks of certificatePolicies.
    let oids: Vec<&[u64]> = std::iter::once(common::DV)
        .chain(arcs.iter().map(Vec::as_slice))
        .collect();
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "www.exemple.fr");
    params.custom_extensions = vec![common::policies(&oids)];
    let der = params.self_signed(&key).unwrap().der().to_vec();
    let started = std::time::Instant::now();
    let report = check_certificate(&der, &policy("auto")).unwrap();
    let took = started.elapsed();
    assert!(took < bound, "{} policies took {took:?}", COUNT);
    assert_eq!(report.profile(), "tls-br-subscriber");
    assert!(!codes(&report).contains(&"profile.policy.malformed"));

    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.custom_extensions = arcs
        .iter()
        .map(|arcs| rcgen::CustomExtension::from_oid_content(arcs, vec![0x05, 0x00]))
        .collect();
    let csr = params.serialize_request(&key).unwrap().der().to_vec();
    let started = std::time::Instant::now();
    check_csr(&csr, &policy("baseline"), today()).unwrap();
    let took = started.elapsed();
    assert!(took < bound, "{} extensions took {took:?}", COUNT);
}
