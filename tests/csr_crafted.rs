//! Rules that need a CSR no tool will make: each request is assembled here as DER, field by
//! field, and signed with a real key (rcgen's P-256), so that only the targeted defect differs.

use rcgen::{KeyPair, PublicKeyData, SigningKey, PKCS_ECDSA_P256_SHA256};
use sceau::Possession;
use sceau::{check_csr, IssuancePolicy, Report};

mod common;
use common::{error_codes, today};

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn set(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_SAN: &[u8] = &[0x55, 0x1d, 0x11];
const OID_EXTENSION_REQUEST: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e];
const OID_ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const OID_SHA256_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
const OID_DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];

fn oid(bytes: &[u8]) -> Vec<u8> {
    tlv(0x06, bytes)
}

/// A subject of one CN, with the string tag given.
fn subject_cn(tag: u8, value: &[u8]) -> Vec<u8> {
    seq(&[set(&[seq(&[oid(OID_CN), tlv(tag, value)])])])
}

fn utf8_cn(value: &str) -> Vec<u8> {
    subject_cn(0x0c, value.as_bytes())
}

/// `[0] { extensionRequest SET { SEQUENCE OF Extension } }`, or `[0] {}` with no extensions.
fn attributes(extensions: &[Vec<u8>]) -> Vec<u8> {
    if extensions.is_empty() {
        return tlv(0xa0, &[]);
    }
    tlv(
        0xa0,
        &seq(&[oid(OID_EXTENSION_REQUEST), set(&[seq(extensions)])]),
    )
}

fn extension(id: &[u8], value: &[u8]) -> Vec<u8> {
    seq(&[oid(id), tlv(0x04, value)])
}

struct Parts {
    version: u8,
    subject: Vec<u8>,
    spki: Option<Vec<u8>>,
    attributes: Vec<u8>,
    signature_oid: &'static [u8],
}

impl Default for Parts {
    fn default() -> Self {
        Parts {
            version: 0,
            subject: utf8_cn("www.exemple.fr"),
            spki: None,
            attributes: attributes(&[]),
            signature_oid: OID_ECDSA_SHA256,
        }
    }
}

fn build(parts: Parts) -> Vec<u8> {
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).unwrap();
    let spki = parts.spki.unwrap_or_else(|| key.subject_public_key_info());
    let cri = seq(&[
        tlv(0x02, &[parts.version]),
        parts.subject,
        spki,
        parts.attributes,
    ]);
    let signature = key.sign(&cri).unwrap();
    let mut bits = vec![0u8];
    bits.extend(signature);
    seq(&[cri, seq(&[oid(parts.signature_oid)]), tlv(0x03, &bits)])
}

fn check(der: &[u8]) -> Report {
    check_csr(der, &IssuancePolicy::baseline(), today()).unwrap()
}

#[test]
fn the_builder_makes_an_acceptable_csr() {
    let report = check(&build(Parts::default()));
    assert!(report.findings().is_empty(), "{:?}", error_codes(&report));
    assert_eq!(
        report.csr_facts().unwrap().proof_of_possession,
        Possession::Verified
    );
}

#[test]
fn version_other_than_v1_is_refused() {
    let report = check(&build(Parts {
        version: 1,
        ..Parts::default()
    }));
    assert_eq!(error_codes(&report), ["csr.version.invalid"]);
}

#[test]
fn subject_strings_that_are_not_text_or_break_their_alphabet() {
    // A CN encoded as an OCTET STRING cannot be read as text.
    let report = check(&build(Parts {
        subject: subject_cn(0x04, b"www.exemple.fr"),
        ..Parts::default()
    }));
    assert!(
        error_codes(&report).contains(&"csr.subject.attribute_undecodable"),
        "{:?}",
        error_codes(&report)
    );
    // '&' is outside the PrintableString alphabet (x509-parser does not enforce it; sceau does).
    let report = check(&build(Parts {
        subject: subject_cn(0x13, b"Dupont & Fils"),
        ..Parts::default()
    }));
    assert_eq!(
        error_codes(&report),
        ["csr.subject.invalid_printable_string"]
    );
    assert_eq!(report.findings()[0].arg_value("char"), Some("&"));
}

#[test]
fn subject_alt_name_defects() {
    let san = |names: &[Vec<u8>]| attributes(&[extension(OID_SAN, &seq(names))]);
    let dns = |name: &str| tlv(0x82, name.as_bytes());
    let ip = |bytes: &[u8]| tlv(0x87, bytes);

    let report = check(&build(Parts {
        attributes: san(&[dns("www.exemple.fr"), ip(&[192, 0, 2, 1, 7])]),
        ..Parts::default()
    }));
    assert_eq!(error_codes(&report), ["csr.san.malformed_ip"]);

    let report = check(&build(Parts {
        attributes: attributes(&[
            extension(OID_SAN, &seq(&[dns("www.exemple.fr")])),
            extension(OID_SAN, &seq(&[dns("exemple.fr")])),
        ]),
        ..Parts::default()
    }));
    assert!(
        error_codes(&report).contains(&"csr.extension.duplicate"),
        "{:?}",
        error_codes(&report)
    );

    // A SAN whose value is not a SEQUENCE of GeneralNames.
    let report = check(&build(Parts {
        attributes: attributes(&[extension(OID_SAN, &[0x02, 0x01, 0x05])]),
        ..Parts::default()
    }));
    assert_eq!(error_codes(&report), ["csr.extension.malformed"]);

    // A SAN extension with no name in it.
    let report = check(&build(Parts {
        attributes: san(&[]),
        ..Parts::default()
    }));
    assert_eq!(error_codes(&report), ["csr.san.empty"]);
}

#[test]
fn a_signature_algorithm_that_does_not_fit_the_key() {
    let report = check(&build(Parts {
        signature_oid: OID_SHA256_RSA,
        ..Parts::default()
    }));
    assert_eq!(error_codes(&report), ["csr.signature.key_mismatch"]);
    assert!(matches!(
        report.csr_facts().unwrap().proof_of_possession,
        Possession::KeyMismatch(_)
    ));
}

#[test]
fn a_key_sceau_cannot_use_fails_closed() {
    // A DSA SubjectPublicKeyInfo: read, named, refused, and its signature not trusted.
    let spki = seq(&[seq(&[oid(OID_DSA)]), tlv(0x03, &[0x00, 0x02, 0x01, 0x05])]);
    let report = check(&build(Parts {
        spki: Some(spki),
        ..Parts::default()
    }));
    assert_eq!(
        error_codes(&report),
        ["csr.signature.unsupported", "key.unusable"]
    );
}

#[test]
fn policy_knobs_have_their_rules() {
    let ed25519 = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/csr/ed25519.csr"
    ))
    .unwrap();
    let mut policy = IssuancePolicy::baseline();
    policy.key.ed25519 = true;
    policy.algorithms.allow_ed25519 = false;
    let report = check_csr(&ed25519, &policy, today()).unwrap();
    assert_eq!(
        error_codes(&report),
        ["algorithm.signature.ed25519_not_allowed"]
    );

    let rsa3072 = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/csr/rsa3072-sha384.csr"
    ))
    .unwrap();
    let mut policy = IssuancePolicy::baseline();
    policy.key.rsa.as_mut().unwrap().max_bits = 2048;
    let report = check_csr(&rsa3072, &policy, today()).unwrap();
    assert_eq!(error_codes(&report), ["key.rsa.too_large"]);
}
