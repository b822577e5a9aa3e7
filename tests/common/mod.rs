//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use rustls_pki_types::UnixTime;
use sceau::{Report, Severity};

/// A file of tests/data/csr.
pub fn csr_data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/csr")
        .join(name)
}

/// 2026-11-21T00:00:00Z: the tests judge dated rules on a fixed day.
pub fn today() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(1_795_219_200))
}

/// The codes of a report's findings of severity error, in order.
pub fn error_codes(report: &Report) -> Vec<&'static str> {
    report
        .findings()
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .map(|f| f.code())
        .collect()
}

/// `sceau csr new --profile standard --cn www.exemple.fr EXTRA --key-out KEY --csr-out CSR`.
pub fn csr_new(extra: &[&str], key: &Path, csr: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args([
            "csr",
            "new",
            "--profile",
            "standard",
            "--cn",
            "www.exemple.fr",
        ])
        .args(extra)
        .arg("--key-out")
        .arg(key)
        .arg("--csr-out")
        .arg(csr)
        .output()
        .unwrap()
}

/// Says that a test cannot run because `missing` is absent: under CI (`CI` set) that is a
/// failure, since CI installs every prerequisite; elsewhere the test says why it skipped.
pub fn prerequisite_missing(missing: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{missing}; CI must provide it (.ci/run installs every prerequisite)"
    );
    eprintln!("skipped: {missing}");
}

/// DER of a tag, length (short or long form) and content.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 128 => out.push(n as u8),
        n => {
            let octets: Vec<u8> = n
                .to_be_bytes()
                .into_iter()
                .skip_while(|&b| b == 0)
                .collect();
            out.push(0x80 | octets.len() as u8);
            out.extend(octets);
        }
    }
    out.extend(content);
    out
}

/// An OID's DER from its arcs (first two combined).
pub fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut out = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut bytes = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            bytes.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        bytes.reverse();
        out.extend(bytes);
    }
    tlv(0x06, &out)
}

/// The CA/B reserved policy OIDs the tests issue under, as arcs.
pub const DV: &[u64] = &[2, 23, 140, 1, 2, 1];
pub const OV: &[u64] = &[2, 23, 140, 1, 2, 2];
pub const EV: &[u64] = &[2, 23, 140, 1, 1];
pub const MAILBOX_LEGACY: &[u64] = &[2, 23, 140, 1, 5, 1, 1];
pub const MAILBOX_STRICT: &[u64] = &[2, 23, 140, 1, 5, 1, 3];

/// certificatePolicies with the given policy OIDs, no qualifier.
pub fn policies(oids: &[&[u64]]) -> rcgen::CustomExtension {
    let infos: Vec<u8> = oids.iter().flat_map(|o| tlv(0x30, &oid(o))).collect();
    rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 32], tlv(0x30, &infos))
}

/// authorityInfoAccess with an OCSP and a caIssuers URL (BR §7.1.2.7.7).
pub fn aia() -> rcgen::CustomExtension {
    let mut ocsp = oid(&[1, 3, 6, 1, 5, 5, 7, 48, 1]);
    ocsp.extend(tlv(0x86, b"http://ocsp.exemple.fr"));
    let mut issuers = oid(&[1, 3, 6, 1, 5, 5, 7, 48, 2]);
    issuers.extend(tlv(0x86, b"http://ca.exemple.fr/ca.crt"));
    let mut descriptions = tlv(0x30, &ocsp);
    descriptions.extend(tlv(0x30, &issuers));
    rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 1], tlv(0x30, &descriptions))
}

/// A CA to issue test certificates from: the CN given, an organization when given,
/// keyCertSign and cRLSign.
pub fn test_ca(cn: &str, organization: Option<&str>) -> rcgen::Issuer<'static, rcgen::KeyPair> {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    if let Some(organization) = organization {
        params
            .distinguished_name
            .push(rcgen::DnType::OrganizationName, organization);
    }
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, cn);
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
    ];
    rcgen::Issuer::new(params, key)
}

/// `sceau::check_certificate` against the profile named `profile`.
pub fn check_as(der: &[u8], profile: &str) -> Report {
    sceau::check_certificate(der, &sceau::IssuancePolicy::by_id(profile).unwrap()).unwrap()
}

/// The codes of a report's findings that start with `prefix`, in order.
pub fn codes_with(report: &Report, prefix: &str) -> Vec<&'static str> {
    report
        .findings()
        .iter()
        .map(|f| f.code())
        .filter(|c| c.starts_with(prefix))
        .collect()
}
