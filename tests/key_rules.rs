//! Key identifiers and keyUsage: the rules of RFC 5280 and the key-type RFCs (`--profile
//! rfc5280`, and under every CA/B profile) and the CA/B keyUsage tables, each accepting a
//! certificate made here and refusing one defect at a time.

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use sceau::{check_certificate, IssuancePolicy, Report};

mod common;
use common::{codes_with, test_ca};

/// An end-entity certificate with an AKI and an SKI, signed by a CA.
fn leaf(key: &KeyPair, usages: Vec<KeyUsagePurpose>) -> CertificateParams {
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.key_usages = usages;
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    // RFC 5280 §4.2.1.2 method 1: the SHA-1 of the subjectPublicKey.
    let ski = ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        key.public_key_raw(),
    )
    .as_ref()
    .to_vec();
    params.custom_extensions = vec![CustomExtension::from_oid_content(
        &[2, 5, 29, 14],
        der(0x04, &ski),
    )];
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    params
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    assert!(content.len() < 128);
    let mut out = vec![tag, content.len() as u8];
    out.extend(content);
    out
}

fn sign(params: CertificateParams, key: &KeyPair) -> Vec<u8> {
    params
        .signed_by(key, &test_ca("Exemple AC", None))
        .unwrap()
        .der()
        .to_vec()
}

fn codes(der: &[u8], profile: &str, prefix: &str) -> Vec<&'static str> {
    let report: Report = check_certificate(der, &IssuancePolicy::by_id(profile).unwrap()).unwrap();
    codes_with(&report, prefix)
}

fn rsa_key() -> KeyPair {
    let pem = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/match/rsa-pkcs8.key"),
    )
    .unwrap();
    KeyPair::from_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).unwrap()
}

#[test]
fn key_identifiers_as_rfc_5280_has_them() {
    let key = KeyPair::generate().unwrap();
    let good = sign(leaf(&key, vec![KeyUsagePurpose::DigitalSignature]), &key);
    assert!(codes(&good, "rfc5280", "rfc5280.").is_empty());
    // No AKI in a certificate another CA signed; no SKI in an end-entity certificate.
    let mut params = leaf(&key, vec![KeyUsagePurpose::DigitalSignature]);
    params.use_authority_key_identifier_extension = false;
    params.custom_extensions.clear();
    assert_eq!(
        codes(&sign(params, &key), "rfc5280", "rfc5280."),
        ["rfc5280.ski.end_entity_missing", "rfc5280.aki.missing"]
    );
    // Both marked critical.
    let mut params = leaf(&key, vec![KeyUsagePurpose::DigitalSignature]);
    params.use_authority_key_identifier_extension = false;
    params.custom_extensions[0].set_criticality(true);
    let mut aki =
        CustomExtension::from_oid_content(&[2, 5, 29, 35], der(0x30, &der(0x80, &[0x11; 20])));
    aki.set_criticality(true);
    params.custom_extensions.push(aki);
    assert_eq!(
        codes(&sign(params, &key), "rfc5280", "rfc5280."),
        ["rfc5280.ski.critical", "rfc5280.aki.critical"]
    );
    // A CA without SKI: rcgen always writes one, so its OID is renamed in the DER (the
    // signature no longer matches; the post-issuance check does not verify it).
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.distinguished_name.push(DnType::CommonName, "Sous-AC");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca.use_authority_key_identifier_extension = true;
    let mut ca_der = sign(ca, &key);
    assert!(codes(&ca_der, "rfc5280", "rfc5280.").is_empty());
    let at = ca_der
        .windows(5)
        .position(|w| w == [0x06, 0x03, 0x55, 0x1d, 0x0e])
        .unwrap();
    ca_der[at + 4] = 0x63;
    assert_eq!(
        codes(&ca_der, "rfc5280", "rfc5280."),
        ["rfc5280.ski.ca_missing"]
    );
}

#[test]
fn key_usage_bits_fit_the_key_type() {
    let ec = KeyPair::generate().unwrap();
    let ec_encipherment = sign(
        leaf(
            &ec,
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyEncipherment,
            ],
        ),
        &ec,
    );
    assert_eq!(
        codes(&ec_encipherment, "rfc5280", "rfc5280."),
        ["rfc5280.key_usage.not_for_key"]
    );
    let rsa = rsa_key();
    let rsa_agreement = sign(
        leaf(
            &rsa,
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyAgreement,
            ],
        ),
        &rsa,
    );
    assert_eq!(
        codes(&rsa_agreement, "rfc5280", "rfc5280."),
        ["rfc5280.key_usage.not_for_key"]
    );
    let ed = KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
    let ed_data = sign(leaf(&ed, vec![KeyUsagePurpose::DataEncipherment]), &ed);
    assert_eq!(
        codes(&ed_data, "rfc5280", "rfc5280."),
        ["rfc5280.key_usage.not_for_key"]
    );
    let ed_good = sign(leaf(&ed, vec![KeyUsagePurpose::DigitalSignature]), &ed);
    assert!(codes(&ed_good, "rfc5280", "rfc5280.").is_empty());
}

#[test]
fn the_br_key_usage_tables() {
    let ec = KeyPair::generate().unwrap();
    let rsa = rsa_key();
    let tls = |key: &KeyPair, usages| {
        codes(
            &sign(leaf(key, usages), key),
            "tls-br",
            "profile.key_usage.",
        )
    };
    use KeyUsagePurpose::*;
    assert!(tls(&ec, vec![DigitalSignature]).is_empty());
    assert!(tls(&rsa, vec![DigitalSignature]).is_empty());
    assert_eq!(
        tls(&ec, vec![DigitalSignature, KeyAgreement]),
        ["profile.key_usage.discouraged"]
    );
    assert_eq!(
        tls(&rsa, vec![DigitalSignature, DataEncipherment]),
        ["profile.key_usage.discouraged"]
    );
    assert_eq!(
        tls(&ec, vec![DigitalSignature, ContentCommitment]),
        ["profile.key_usage.prohibited"]
    );
    assert_eq!(
        tls(&rsa, vec![DigitalSignature, KeyEncipherment]),
        ["profile.key_usage.rsa_signature_and_encipherment"]
    );
    // CA certificates: keyCertSign and cRLSign, optionally digitalSignature.
    let root = |usages: Vec<KeyUsagePurpose>| {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, "Racine");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = usages;
        params.not_before = rcgen::date_time_ymd(2026, 11, 1);
        params.not_after = rcgen::date_time_ymd(2036, 11, 1);
        let der = params.self_signed(&key).unwrap().der().to_vec();
        codes(&der, "ca-br", "profile.key_usage.")
    };
    assert!(root(vec![KeyCertSign, CrlSign, DigitalSignature]).is_empty());
    assert_eq!(
        root(vec![KeyCertSign, CrlSign]),
        ["profile.key_usage.ca_no_digital_signature"]
    );
    assert_eq!(
        root(vec![
            KeyCertSign,
            CrlSign,
            DigitalSignature,
            ContentCommitment
        ]),
        ["profile.key_usage.ca_prohibited"]
    );
}

#[test]
fn the_br_authority_key_identifier_forms() {
    let key = KeyPair::generate().unwrap();
    let good = sign(leaf(&key, vec![KeyUsagePurpose::DigitalSignature]), &key);
    assert!(codes(&good, "tls-br", "profile.aki.").is_empty());
    // keyIdentifier with authorityCertSerialNumber.
    let mut params = leaf(&key, vec![KeyUsagePurpose::DigitalSignature]);
    params.use_authority_key_identifier_extension = false;
    let mut content = der(0x80, &[0x11; 20]);
    content.extend(der(0x82, &[0x01]));
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(
            &[2, 5, 29, 35],
            der(0x30, &content),
        ));
    assert_eq!(
        codes(&sign(params, &key), "tls-br", "profile.aki."),
        ["profile.aki.issuer_and_serial"]
    );
    // A root whose AKI is not its SKI.
    let mut root = CertificateParams::new(Vec::<String>::new()).unwrap();
    root.distinguished_name.push(DnType::CommonName, "Racine");
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    root.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    root.not_before = rcgen::date_time_ymd(2026, 11, 1);
    root.not_after = rcgen::date_time_ymd(2036, 11, 1);
    let same = root.self_signed(&key).unwrap().der().to_vec();
    assert!(codes(&same, "ca-br", "profile.aki.").is_empty());
    root.custom_extensions
        .push(CustomExtension::from_oid_content(
            &[2, 5, 29, 35],
            der(0x30, &der(0x80, &[0x22; 20])),
        ));
    let other = root.self_signed(&key).unwrap().der().to_vec();
    assert_eq!(
        codes(&other, "ca-br", "profile.aki."),
        ["profile.aki.root_not_ski"]
    );
}

#[test]
fn the_br_algorithm_encodings_byte_for_byte() {
    let ec = KeyPair::generate().unwrap();
    let good = sign(leaf(&ec, vec![KeyUsagePurpose::DigitalSignature]), &ec);
    assert!(codes(&good, "tls-br", "profile.algorithm.").is_empty());
    // ecdsa-with-SHA224, which the BR do not list, in both places the certificate names its
    // signature algorithm (the signature no longer matches; it is not verified here).
    let sha256 = [
        0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
    ];
    let mut sha224 = good.clone();
    let mut at = 0;
    while let Some(i) = sha224[at..].windows(12).position(|w| w == sha256) {
        sha224[at + i + 11] = 0x01;
        at += i + 12;
    }
    assert_eq!(
        codes(&sha224, "tls-br", "profile.algorithm."),
        ["profile.algorithm.signature_encoding"]
    );
    // An Ed25519 subject key: not in the TLS BR's list, in the S/MIME BR's.
    let ed = KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
    let ed_cert = sign(leaf(&ed, vec![KeyUsagePurpose::DigitalSignature]), &ed);
    assert_eq!(
        codes(&ed_cert, "tls-br", "profile.algorithm."),
        ["profile.algorithm.spki_encoding"]
    );
    assert!(codes(&ed_cert, "smime-br", "profile.algorithm.").is_empty());
}

#[test]
fn the_smime_key_usage_by_key_type() {
    use KeyUsagePurpose::*;
    let smime = |key: &KeyPair, usages: Vec<KeyUsagePurpose>, strict: bool| {
        let mut params = leaf(key, usages);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
        // 2.23.140.1.5.1.3 (mailbox, strict) or 2.23.140.1.5.1.2 (mailbox, multipurpose).
        let policy: &[u8] = if strict {
            &[0x06, 0x07, 0x67, 0x81, 0x0c, 0x01, 0x05, 0x01, 0x03]
        } else {
            &[0x06, 0x07, 0x67, 0x81, 0x0c, 0x01, 0x05, 0x01, 0x02]
        };
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                &[2, 5, 29, 32],
                der(0x30, &der(0x30, policy)),
            ));
        codes(&sign(params, key), "smime-br", "profile.smime.key_usage")
    };
    let rsa = rsa_key();
    let ec = KeyPair::generate().unwrap();
    // Signing, key management, or both; each with the bits its kind allows.
    assert!(smime(&rsa, vec![DigitalSignature, KeyEncipherment], false).is_empty());
    assert!(smime(&ec, vec![KeyAgreement], false).is_empty());
    assert!(smime(&rsa, vec![KeyEncipherment, DataEncipherment], false).is_empty());
    assert_eq!(
        smime(&rsa, vec![KeyEncipherment, DataEncipherment], true),
        ["profile.smime.key_usage_prohibited"]
    );
    assert_eq!(
        smime(&ec, vec![DigitalSignature, KeyEncipherment], false),
        ["profile.smime.key_usage_prohibited"]
    );
    assert_eq!(
        smime(&rsa, vec![DataEncipherment], false),
        ["profile.smime.key_usage_kind"]
    );
}

#[test]
fn a_subject_key_identifier_no_method_derives_is_a_notice() {
    use ring::digest::{digest, SHA1_FOR_LEGACY_USE_ONLY, SHA256, SHA384, SHA512};
    let key = KeyPair::generate().unwrap();
    let with_ski = |ski: &[u8]| {
        let mut params = leaf(&key, vec![KeyUsagePurpose::DigitalSignature]);
        params.custom_extensions[0] =
            CustomExtension::from_oid_content(&[2, 5, 29, 14], der(0x04, ski));
        codes(&sign(params, &key), "rfc5280", "rfc5280.ski.")
    };
    use rcgen::PublicKeyData as _;
    let (public_key, spki) = (key.public_key_raw(), key.subject_public_key_info());
    let sha1 = digest(&SHA1_FOR_LEGACY_USE_ONLY, public_key);
    // RFC 5280 §4.2.1.2 method 2: the four bits 0100, then the SHA-1's last 60 bits.
    let mut method2 = sha1.as_ref()[12..].to_vec();
    method2[0] = 0x40 | (method2[0] & 0x0f);
    let mut derived = vec![sha1.as_ref().to_vec(), method2.clone()];
    // RFC 7093 §2 methods 1 to 3 (the leftmost 160 bits of the key's SHA-256, -384, -512) and
    // method 4 (the hash of the whole SubjectPublicKeyInfo, whole or its leftmost 160 bits).
    for algorithm in [&SHA256, &SHA384, &SHA512] {
        derived.push(digest(algorithm, public_key).as_ref()[..20].to_vec());
        let of_spki = digest(algorithm, &spki);
        derived.push(of_spki.as_ref().to_vec());
        derived.push(of_spki.as_ref()[..20].to_vec());
    }
    for ski in &derived {
        assert!(
            with_ski(ski).is_empty(),
            "{ski:02x?} is derived from the key"
        );
    }
    // The same bits with another four-bit prefix than 0100, and a value nothing derives.
    method2[0] ^= 0x80;
    for ski in [&method2[..], &[0x5a; 20]] {
        assert_eq!(with_ski(ski), ["rfc5280.ski.unknown_method"], "{ski:02x?}");
    }
}
