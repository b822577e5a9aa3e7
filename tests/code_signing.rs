//! The CA/B Code Signing Baseline Requirements as the `cs-br` profile (and its Timestamp
//! Certificate variant): each rule accepting a certificate made here that follows the BR and
//! refusing one defect at a time, the dated rules on both sides of their day, the caps of
//! §6.3.2, and `--profile auto` choosing the profile from the certificate.

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose, PublicKeyData, SignatureAlgorithm,
};
use sceau::{Lang, Report, Severity, Verdict};
use x509_parser::prelude::FromDer;

mod common;
use common::{aia, check_as as check, codes_with, oid, policies, test_ca, tlv};

/// The reserved identifiers (Code Signing BR §7.1.6.1).
const CS: &[u64] = &[2, 23, 140, 1, 4, 1];
const CS_EV: &[u64] = &[2, 23, 140, 1, 3];
const TIMESTAMPING: &[u64] = &[2, 23, 140, 1, 4, 2];
/// A CA's own policy identifier, and anyPolicy.
const CA_OWN: &[u64] = &[1, 3, 6, 1, 4, 1, 59_999, 1, 4];
const ANY_POLICY: &[u64] = &[2, 5, 29, 32, 0];
/// id-kp-timeStamping, and the access methods of authorityInfoAccess.
const KP_TIMESTAMPING: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 8];
const KP_CODE_SIGNING: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 3];
const KP_CLIENT_AUTH: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 2];
const KP_SERVER_AUTH: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 1];
const AD_OCSP: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 1];
const AD_CA_ISSUERS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 2];
/// Microsoft's Lifetime Signing and Document Signing purposes.
const LIFETIME_SIGNING: &[u64] = &[1, 3, 6, 1, 4, 1, 311, 10, 3, 13];
const DOCUMENT_SIGNING: &[u64] = &[1, 3, 6, 1, 4, 1, 311, 3, 10, 3, 12];

fn ymd(year: i32, month: u8, day: u8) -> time::OffsetDateTime {
    rcgen::date_time_ymd(year, month, day)
}

/// A non-EV code signing certificate as the BR have it, issued 2026-11-01 for a year.
fn code_signing() -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name = subject(&[
        (DnType::CountryName, "FR"),
        (DnType::LocalityName, "Paris"),
        (DnType::OrganizationName, "Exemple SA"),
        (DnType::CommonName, "Exemple SA"),
    ]);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::CodeSigning];
    params.use_authority_key_identifier_extension = true;
    params.crl_distribution_points = vec![crl("http://ca.exemple.fr/cs.crl")];
    params.custom_extensions = vec![aia(), policies(&[CS])];
    params.not_before = ymd(2026, 11, 1);
    params.not_after = ymd(2027, 11, 1);
    params
}

/// The subjectKeyIdentifier of `key` (RFC 7093 §2 method 1: SHA-256 of the key, truncated to
/// 160 bits). rcgen writes one in CA certificates only; RFC 5280 §4.2.1.2 wants it in all.
fn ski(key: &impl PublicKeyData) -> CustomExtension {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(key.der_bytes());
    CustomExtension::from_oid_content(&[2, 5, 29, 14], tlv(0x04, &digest[..20]))
}

/// An EV code signing certificate: the EV subject attributes, the EV identifier.
fn ev_code_signing() -> CertificateParams {
    let mut params = code_signing();
    params.custom_extensions = vec![aia(), policies(&[CS_EV])];
    params.distinguished_name = ev_subject(&[]);
    params
}

/// The EV subject, without the attributes named in `without`.
fn ev_subject(without: &[&str]) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    let printable = |s: &str| DnValue::PrintableString(s.try_into().unwrap());
    let attributes: [(&str, DnType, DnValue); 7] = [
        ("C", DnType::CountryName, "FR".into()),
        ("L", DnType::LocalityName, "Paris".into()),
        ("O", DnType::OrganizationName, "Exemple SA".into()),
        (
            "businessCategory",
            DnType::CustomDnType(vec![2, 5, 4, 15]),
            "Private Organization".into(),
        ),
        (
            "jurisdictionC",
            DnType::CustomDnType(vec![1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 3]),
            printable("FR"),
        ),
        (
            "serialNumber",
            DnType::CustomDnType(vec![2, 5, 4, 5]),
            printable("552 100 554"),
        ),
        ("CN", DnType::CommonName, "Exemple SA".into()),
    ];
    for (name, ty, value) in attributes {
        if !without.contains(&name) {
            dn.push(ty, value);
        }
    }
    dn
}

/// A Timestamp Certificate as the BR have it: timeStamping alone in a critical extKeyUsage,
/// the timestamping identifier, issued 2026-11-01 for ten years.
fn timestamp() -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name = subject(&[
        (DnType::CountryName, "FR"),
        (DnType::OrganizationName, "Exemple SA"),
        (DnType::CommonName, "Exemple Horodatage 2026"),
    ]);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.use_authority_key_identifier_extension = true;
    params.crl_distribution_points = vec![crl("http://ca.exemple.fr/tsa.crl")];
    params.custom_extensions = vec![
        aia(),
        policies(&[TIMESTAMPING]),
        eku(&[KP_TIMESTAMPING], true),
    ];
    params.not_before = ymd(2026, 11, 1);
    params.not_after = ymd(2036, 11, 1);
    params
}

fn subject(attributes: &[(DnType, &str)]) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    for (ty, value) in attributes {
        dn.push(ty.clone(), *value);
    }
    dn
}

fn crl(uri: &str) -> rcgen::CrlDistributionPoint {
    rcgen::CrlDistributionPoint {
        uris: vec![uri.into()],
    }
}

/// extKeyUsage with the purposes given, critical or not.
fn eku(purposes: &[&[u64]], critical: bool) -> CustomExtension {
    let content: Vec<u8> = purposes.iter().flat_map(|p| oid(p)).collect();
    let mut ext = CustomExtension::from_oid_content(&[2, 5, 29, 37], tlv(0x30, &content));
    ext.set_criticality(critical);
    ext
}

/// authorityInfoAccess with the (method, URI) pairs given.
fn aia_of(access: &[(&[u64], &str)]) -> CustomExtension {
    let descriptions: Vec<u8> = access
        .iter()
        .flat_map(|(method, uri)| tlv(0x30, &[oid(method), tlv(0x86, uri.as_bytes())].concat()))
        .collect();
    CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 1], tlv(0x30, &descriptions))
}

/// `params` with its certificatePolicies (the second custom extension) replaced.
fn with_policies(mut params: CertificateParams, oids: &[&[u64]]) -> CertificateParams {
    params.custom_extensions[1] = policies(oids);
    params
}

fn issue(params: &CertificateParams) -> Vec<u8> {
    issue_key(params, &KeyPair::generate().unwrap())
}

fn issue_key(params: &CertificateParams, key: &impl PublicKeyData) -> Vec<u8> {
    let mut params = params.clone();
    params.custom_extensions.push(ski(key));
    params
        .signed_by(
            key,
            &test_ca("Exemple AC Signature de code", Some("Exemple SA")),
        )
        .unwrap()
        .der()
        .to_vec()
}

/// A key of tests/data.
fn key_file(path: &str, algorithm: &'static SignatureAlgorithm) -> KeyPair {
    let pem = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap();
    KeyPair::from_pem_and_sign_algo(&pem, algorithm).unwrap()
}

fn rsa_2048() -> KeyPair {
    key_file("tests/data/match/rsa-pkcs8.key", &rcgen::PKCS_RSA_SHA256)
}

fn rsa_3072() -> KeyPair {
    key_file("tests/data/cert/rsa-3072.key", &rcgen::PKCS_RSA_SHA256)
}

/// A subject public key given as its bytes (the key is never used to sign).
struct RawKey {
    der: Vec<u8>,
    algorithm: &'static SignatureAlgorithm,
}

impl PublicKeyData for RawKey {
    fn der_bytes(&self) -> &[u8] {
        &self.der
    }
    fn algorithm(&self) -> &'static SignatureAlgorithm {
        self.algorithm
    }
}

/// The 3072-bit modulus of tests/data with the public exponent given (big-endian).
fn rsa_with_exponent(exponent: &[u8]) -> RawKey {
    let key = rsa_3072();
    let (_, public) = x509_parser::public_key::RSAPublicKey::from_der(key.der_bytes()).unwrap();
    // DER INTEGERs: a leading zero only before a high bit.
    let integer = |magnitude: &[u8]| {
        let digits: Vec<u8> = magnitude.iter().copied().skip_while(|b| *b == 0).collect();
        let mut content = Vec::new();
        if digits.first().is_none_or(|b| *b >= 0x80) {
            content.push(0);
        }
        content.extend(digits);
        tlv(0x02, &content)
    };
    RawKey {
        der: tlv(0x30, &[integer(public.modulus), integer(exponent)].concat()),
        algorithm: &rcgen::PKCS_RSA_SHA256,
    }
}

/// `der` with every occurrence of `from` replaced by `to` (of the same length): another curve
/// or signature algorithm than rcgen can make (the signature no longer verifies, which a lint
/// of the certificate alone does not look at).
fn patched(der: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut out = der.to_vec();
    let mut found = false;
    let mut i = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from {
            out[i..i + from.len()].copy_from_slice(to);
            found = true;
            i += from.len();
        } else {
            i += 1;
        }
    }
    assert!(found, "nothing to patch");
    out
}

/// The codes of the Code Signing BR's own rules, in order.
fn cs_codes(report: &Report) -> Vec<&'static str> {
    codes_with(report, "profile.cs.")
}

/// The first finding of the Code Signing BR's own rules.
fn first_cs(report: &Report) -> &sceau::Finding {
    report
        .findings()
        .iter()
        .find(|f| f.code().starts_with("profile.cs."))
        .unwrap()
}

fn all_codes(report: &Report) -> Vec<&'static str> {
    report.findings().iter().map(|f| f.code()).collect()
}

fn text(report: &Report) -> String {
    report.to_text(Lang::En)
}

#[test]
fn a_code_signing_certificate_that_follows_the_br_passes() {
    for (params, name) in [(code_signing(), "non-EV"), (ev_code_signing(), "EV")] {
        let report = check(&issue(&params), "cs-br");
        assert_eq!(report.profile(), "cs-br", "{name}");
        assert!(report.findings().is_empty(), "{name}: {}", text(&report));
        assert_eq!(report.verdict(), Verdict::Accepted);
    }
    // The MAY purposes of §7.1.2.3(f) beside codeSigning.
    let mut params = code_signing();
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::CodeSigning,
        ExtendedKeyUsagePurpose::EmailProtection,
        ExtendedKeyUsagePurpose::Other(LIFETIME_SIGNING.to_vec()),
        ExtendedKeyUsagePurpose::Other(DOCUMENT_SIGNING.to_vec()),
    ];
    let report = check(&issue(&params), "cs-br");
    assert!(report.findings().is_empty(), "{}", text(&report));
}

#[test]
fn a_timestamp_certificate_that_follows_the_br_passes() {
    let der = issue(&timestamp());
    let report = check(&der, "cs-br");
    assert_eq!(report.profile(), "cs-br-timestamp");
    assert!(report.findings().is_empty(), "{}", text(&report));
}

#[test]
fn auto_chooses_the_code_signing_profiles() {
    let report = check(&issue(&code_signing()), "auto");
    assert_eq!(report.profile(), "cs-br");
    assert_eq!(all_codes(&report), ["profile.auto.chosen"]);
    assert!(report.findings()[0]
        .message(Lang::En)
        .contains("codeSigning EKU"));
    // emailProtection is a MAY beside codeSigning: still code signing, not S/MIME.
    let mut params = code_signing();
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::CodeSigning,
        ExtendedKeyUsagePurpose::EmailProtection,
    ];
    assert_eq!(check(&issue(&params), "auto").profile(), "cs-br");
    // The code signing policy alone.
    let mut params = code_signing();
    params.extended_key_usages = vec![];
    assert_eq!(check(&issue(&params), "auto").profile(), "cs-br");
    // A Timestamp Certificate, by its EKU or its policy.
    let report = check(&issue(&timestamp()), "auto");
    assert_eq!(report.profile(), "cs-br-timestamp");
    assert_eq!(all_codes(&report), ["profile.auto.chosen"]);
    assert!(report.findings()[0]
        .message(Lang::Fr)
        .contains("l'EKU timeStamping"));
    let mut params = timestamp();
    params.custom_extensions[2] = eku(&[KP_CODE_SIGNING], false);
    assert_eq!(check(&issue(&params), "auto").profile(), "cs-br-timestamp");
}

#[test]
fn the_reserved_policy_identifiers() {
    // None of them; only the CA's own.
    let report = check(&issue(&with_policies(code_signing(), &[CA_OWN])), "cs-br");
    assert_eq!(cs_codes(&report), ["profile.cs.policy.reserved_missing"]);
    assert!(first_cs(&report)
        .message(Lang::En)
        .contains("2.23.140.1.4.1 or 2.23.140.1.3"));
    // The CA's own beside the reserved one is fine.
    let report = check(
        &issue(&with_policies(code_signing(), &[CS, CA_OWN])),
        "cs-br",
    );
    assert!(cs_codes(&report).is_empty());
    // Two kinds at once.
    let report = check(
        &issue(&with_policies(ev_code_signing(), &[CS, CS_EV])),
        "cs-br",
    );
    assert_eq!(cs_codes(&report), ["profile.cs.policy.reserved_multiple"]);
    // A Timestamp Certificate (its EKU) asserting the code signing identifier.
    let report = check(&issue(&with_policies(timestamp(), &[CS])), "cs-br");
    assert_eq!(report.profile(), "cs-br-timestamp");
    assert_eq!(cs_codes(&report), ["profile.cs.policy.reserved_missing"]);
    assert!(first_cs(&report)
        .message(Lang::Fr)
        .contains("2.23.140.1.4.2"));
    // anyPolicy: a warning.
    let report = check(
        &issue(&with_policies(code_signing(), &[CS, ANY_POLICY])),
        "cs-br",
    );
    assert_eq!(cs_codes(&report), ["profile.cs.policy.any_policy"]);
    assert_eq!(report.verdict(), Verdict::Accepted);
}

#[test]
fn the_reserved_identifiers_are_judged_from_version_3_0() {
    let issued = |day: u8| {
        let mut params = with_policies(code_signing(), &[CA_OWN]);
        params.not_before = ymd(2022, 6, day);
        params.not_after = ymd(2023, 6, 1);
        cs_codes(&check(&issue(&params), "cs-br"))
    };
    assert!(issued(28).is_empty());
    assert_eq!(issued(29), ["profile.cs.policy.reserved_missing"]);
}

#[test]
fn the_subject_of_a_non_ev_code_signing_certificate() {
    let judged = |attributes: &[(DnType, &str)]| {
        let mut params = code_signing();
        params.distinguished_name = subject(attributes);
        let report = check(&issue(&params), "cs-br");
        report
            .findings()
            .iter()
            .filter(|f| f.code().starts_with("profile.cs."))
            .map(|f| (f.code(), f.field().to_string()))
            .collect::<Vec<_>>()
    };
    let pair = |code: &'static str, field: &str| (code, field.to_string());
    // The State alone will do for the locality.
    assert!(judged(&[
        (DnType::CountryName, "FR"),
        (DnType::StateOrProvinceName, "Île-de-France"),
        (DnType::OrganizationName, "Jean Dupont"),
        (DnType::CommonName, "Jean Dupont"),
    ])
    .is_empty());
    // No organizationName (a natural person is named there too), no country, no locality
    // nor state, no commonName.
    assert_eq!(
        judged(&[(DnType::OrganizationalUnitName, "Développement")]),
        [
            pair("profile.cs.subject.attribute_missing", "subject.CN"),
            pair("profile.cs.subject.attribute_missing", "subject.O"),
            pair("profile.cs.subject.attribute_missing", "subject.C"),
            pair("profile.cs.subject.locality_or_state_missing", "subject"),
        ]
    );
    // A domainComponent; a value of metadata only.
    assert_eq!(
        judged(&[
            (
                DnType::CustomDnType(vec![0, 9, 2342, 19_200_300, 100, 1, 25]),
                "fr"
            ),
            (DnType::CountryName, "FR"),
            (DnType::LocalityName, "Paris"),
            (DnType::OrganizationName, "Exemple SA"),
            (DnType::OrganizationalUnitName, "-"),
            (DnType::CommonName, "Exemple SA"),
        ]),
        [
            pair("profile.cs.subject.attribute_forbidden", "subject.DC"),
            pair("profile.cs.subject.metadata_only", "subject.OU"),
        ]
    );
    // The commonName holds the legal name: an IP address is refused, a domain name warned of.
    let cn = |value: &str| {
        judged(&[
            (DnType::CountryName, "FR"),
            (DnType::LocalityName, "Paris"),
            (DnType::OrganizationName, "Exemple SA"),
            (DnType::CommonName, value),
        ])
    };
    assert_eq!(
        cn("192.0.2.7"),
        [pair("profile.cs.subject.common_name_ip", "subject.CN")]
    );
    assert_eq!(
        cn("logiciels.exemple.fr"),
        [pair("profile.cs.subject.common_name_domain", "subject.CN")]
    );
    assert!(cn("Exemple Logiciels S.A.").is_empty());
    assert!(cn("exemple.interne").is_empty());
}

#[test]
fn the_subject_of_an_ev_code_signing_certificate() {
    let missing = |without: &[&str]| {
        let mut params = ev_code_signing();
        params.distinguished_name = ev_subject(without);
        let report = check(&issue(&params), "cs-br");
        report
            .findings()
            .iter()
            .filter(|f| f.code().starts_with("profile.cs."))
            .map(|f| (f.code(), f.field().to_string()))
            .collect::<Vec<_>>()
    };
    assert!(missing(&[]).is_empty());
    assert_eq!(
        missing(&["businessCategory", "jurisdictionC", "serialNumber"]),
        [
            (
                "profile.cs.subject.attribute_missing",
                "subject.serialNumber".to_string()
            ),
            (
                "profile.cs.subject.attribute_missing",
                "subject.businessCategory".to_string()
            ),
            (
                "profile.cs.subject.attribute_missing",
                "subject.jurisdictionC".to_string()
            ),
        ]
    );
    // The same subject without the EV identifier is a non-EV one: nothing missing.
    let mut params = code_signing();
    params.distinguished_name = ev_subject(&["businessCategory", "jurisdictionC", "serialNumber"]);
    assert!(cs_codes(&check(&issue(&params), "cs-br")).is_empty());
    let report = {
        let mut params = ev_code_signing();
        params.distinguished_name = ev_subject(&["L"]);
        check(&issue(&params), "cs-br")
    };
    assert_eq!(
        cs_codes(&report),
        ["profile.cs.subject.locality_or_state_missing"]
    );
    assert!(first_cs(&report)
        .message(Lang::En)
        .contains("EV code signing certificates carry one"));
}

#[test]
fn the_metadata_rule_is_judged_from_version_3_0() {
    let issued = |day: u8| {
        let mut params = code_signing();
        params
            .distinguished_name
            .push(DnType::OrganizationalUnitName, ".");
        params.not_before = ymd(2022, 6, day);
        params.not_after = ymd(2023, 6, 1);
        cs_codes(&check(&issue(&params), "cs-br"))
    };
    assert!(issued(28).is_empty());
    assert_eq!(issued(29), ["profile.cs.subject.metadata_only"]);
}

#[test]
fn the_keys_of_section_6_1_5() {
    let codes_for = |key: &dyn Fn() -> Vec<u8>| cs_codes(&check(&key(), "cs-br"));
    // P-256 (rcgen's default) and P-384, RSA-3072.
    assert!(codes_for(&|| issue(&code_signing())).is_empty());
    assert!(codes_for(&|| issue_key(
        &code_signing(),
        &KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384).unwrap()
    ))
    .is_empty());
    let report = check(&issue_key(&code_signing(), &rsa_3072()), "cs-br");
    assert!(report.findings().is_empty(), "{}", text(&report));
    // P-521 is one of the BR's curves (the baseline's key policy, P-256 and P-384, is its own
    // matter); P-192 is not.
    let p384 = issue_key(
        &code_signing(),
        &KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384).unwrap(),
    );
    let p521 = patched(
        &p384,
        &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
        &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23],
    );
    let report = check(&p521, "cs-br");
    assert!(cs_codes(&report).is_empty());
    assert!(report.has("key.ec.curve_not_allowed"));
    let p256_oid = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let mut p192_oid = p256_oid;
    p192_oid[9] = 0x01;
    let p192 = patched(&issue(&code_signing()), &p256_oid, &p192_oid);
    let report = check(&p192, "cs-br");
    assert_eq!(cs_codes(&report), ["profile.cs.key.ec_curve"]);
    assert!(report
        .findings()
        .iter()
        .any(|f| f.code() == "profile.cs.key.ec_curve"
            && f.message(Lang::En).contains("1.2.840.10045.3.1.1")));
    // Ed25519: neither RSA, ECDSA nor DSA.
    let ed25519 = KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
    assert_eq!(
        cs_codes(&check(&issue_key(&code_signing(), &ed25519), "cs-br")),
        ["profile.cs.key.algorithm"]
    );
}

#[test]
fn rsa_3072_from_2021_06_01() {
    let issued = |day: u8| {
        let mut params = code_signing();
        params.not_before = ymd(2021, 5 + u8::from(day == 1), day);
        params.not_after = ymd(2022, 5, 1);
        check(&issue_key(&params, &rsa_2048()), "cs-br")
    };
    // 2021-05-31: 2048 bits still did (the baseline's floor); 2021-06-01: no longer.
    let before = issued(31);
    assert!(cs_codes(&before).is_empty(), "{}", text(&before));
    assert!(!before.has("key.rsa.too_small"));
    let after = issued(1);
    assert_eq!(cs_codes(&after), ["profile.cs.key.rsa_too_small"]);
    assert!(first_cs(&after).message(Lang::Fr).contains("2048 bits"));
}

#[test]
fn the_rsa_exponent_of_section_6_1_6() {
    let exponent = |e: &[u8]| {
        let report = check(&issue_key(&code_signing(), &rsa_with_exponent(e)), "cs-br");
        (cs_codes(&report), report)
    };
    assert!(exponent(&[0x01, 0x00, 0x01]).0.is_empty());
    // 3: allowed (odd, at least 3), outside the recommended range: a warning here, and the
    // baseline's own floor (65537) refuses it.
    let (codes, report) = exponent(&[0x03]);
    assert_eq!(codes, ["profile.cs.key.rsa_exponent_range"]);
    assert!(report.has("key.rsa.bad_exponent"));
    // Even, or below 3: refused.
    assert_eq!(
        exponent(&[0x01, 0x00, 0x02]).0,
        ["profile.cs.key.rsa_exponent"]
    );
    assert_eq!(exponent(&[0x01]).0, ["profile.cs.key.rsa_exponent"]);
    // Above 2^256 - 1: a warning, the exponent shown by its size.
    let mut huge = vec![0x01];
    huge.extend([0; 32]);
    huge.push(0x01);
    let (codes, report) = exponent(&huge);
    assert_eq!(codes, ["profile.cs.key.rsa_exponent_range"]);
    assert!(report
        .findings()
        .iter()
        .any(|f| f.message(Lang::En).contains("of 265 bits")));
    let mut top = vec![0xff; 32];
    top[31] = 0xfd;
    assert!(exponent(&top).0.is_empty());
}

/// A CA whose key is RSA 2048, signing with SHA-256.
fn rsa_ca() -> rcgen::Issuer<'static, KeyPair> {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "Exemple AC RSA");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    rcgen::Issuer::new(params, rsa_2048())
}

/// `params` signed by an RSA CA, its sha256WithRSAEncryption turned into sha1WithRSAEncryption.
fn signed_sha1(params: &CertificateParams) -> Vec<u8> {
    let der = params
        .signed_by(&KeyPair::generate().unwrap(), &rsa_ca())
        .unwrap()
        .der()
        .to_vec();
    let sha256 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
    let mut sha1 = sha256;
    sha1[8] = 0x05;
    patched(&der, &sha256, &sha1)
}

#[test]
fn the_signature_algorithms_of_section_7_1_3_2() {
    // RSA PKCS#1 v1.5 with SHA-256, ECDSA with SHA-256: allowed.
    let rsa_signed = code_signing()
        .signed_by(&KeyPair::generate().unwrap(), &rsa_ca())
        .unwrap()
        .der()
        .to_vec();
    assert!(cs_codes(&check(&rsa_signed, "cs-br")).is_empty());
    // Ed25519: not a signature algorithm of the Code Signing BR.
    let key = KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ed_signed = code_signing()
        .signed_by(&KeyPair::generate().unwrap(), &rcgen::Issuer::new(ca, key))
        .unwrap()
        .der()
        .to_vec();
    assert_eq!(
        cs_codes(&check(&ed_signed, "cs-br")),
        ["profile.cs.signature_algorithm"]
    );
    // SHA-1: never in a code signing certificate.
    let report = check(&signed_sha1(&code_signing()), "cs-br");
    assert_eq!(cs_codes(&report), ["profile.cs.signature_algorithm"]);
    assert!(report
        .findings()
        .iter()
        .any(|f| f.message(Lang::En).contains("SHA-1")));
}

#[test]
fn sha1_in_timestamp_certificates_until_2022_04_30() {
    let issued = |month: u8, day: u8| {
        let mut params = timestamp();
        params.not_before = ymd(2022, month, day);
        params.not_after = ymd(2030, 1, 1);
        cs_codes(&check(&signed_sha1(&params), "cs-br"))
    };
    assert!(issued(4, 30).is_empty());
    assert_eq!(issued(5, 1), ["profile.cs.timestamp.sha1_signature"]);
}

#[test]
fn the_key_usage_of_section_7_1_2_3_e() {
    // Code signing: nonRepudiation SHOULD NOT be set; keyCertSign is the usage row's.
    let mut params = code_signing();
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    let report = check(&issue(&params), "cs-br");
    assert_eq!(cs_codes(&report), ["profile.cs.key_usage.not_recommended"]);
    assert_eq!(report.verdict(), Verdict::Accepted);
    let mut params = code_signing();
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyCertSign,
    ];
    let report = check(&issue(&params), "cs-br");
    assert!(cs_codes(&report).is_empty());
    assert!(report.has("cert.key_usage.leaf_signs_certificates"));
    let mut params = code_signing();
    params.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
    let report = check(&issue(&params), "cs-br");
    assert!(report.has("cert.key_usage.no_digital_signature"));
    // A Timestamp Certificate has no usage row: the profile judges these itself.
    let mut params = timestamp();
    params.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
    assert_eq!(
        cs_codes(&check(&issue(&params), "cs-br")),
        [
            "profile.cs.timestamp.no_digital_signature",
            "profile.cs.key_usage.not_recommended"
        ]
    );
    let mut params = timestamp();
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::CrlSign];
    let report = check(&issue(&params), "cs-br");
    assert_eq!(
        cs_codes(&report),
        ["profile.cs.timestamp.key_usage_forbidden"]
    );
    assert!(first_cs(&report).message(Lang::En).contains("cRLSign"));
}

#[test]
fn basic_constraints_ca_is_not_true() {
    let mut params = timestamp();
    params.is_ca = IsCa::ExplicitNoCa;
    assert!(cs_codes(&check(&issue(&params), "cs-br")).is_empty());
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let report = check(&issue(&params), "cs-br");
    assert_eq!(report.profile(), "cs-br-timestamp");
    assert_eq!(cs_codes(&report), ["profile.cs.timestamp.ca"]);
    // In a code signing certificate: the usage row's rule.
    let mut params = code_signing();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let report = check(&issue(&params), "cs-br");
    assert!(report.has("cert.basic_constraints.leaf_is_ca"));
    // basicConstraints need not be critical (§7.1.2.3(d) says nothing of it).
    let mut params = code_signing();
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(
            &[2, 5, 29, 19],
            tlv(0x30, &[]),
        ));
    let report = check(&issue(&params), "cs-br");
    assert!(report.findings().is_empty(), "{}", text(&report));
}

#[test]
fn the_extended_key_usages_of_section_7_1_2_3_f() {
    let ekus = |purposes: Vec<ExtendedKeyUsagePurpose>| {
        let mut params = code_signing();
        params.extended_key_usages = purposes;
        codes_with(&check(&issue(&params), "cs-br"), "profile.eku.")
    };
    use ExtendedKeyUsagePurpose::{ClientAuth, CodeSigning, OcspSigning, ServerAuth, TimeStamping};
    assert_eq!(
        ekus(vec![CodeSigning, ServerAuth]),
        ["profile.eku.forbidden"]
    );
    assert_eq!(
        ekus(vec![CodeSigning, TimeStamping, OcspSigning, ClientAuth]),
        [
            "profile.eku.not_recommended",
            "profile.eku.not_recommended",
            "profile.eku.not_recommended"
        ]
    );
    // No codeSigning: the usage row's rule.
    let mut params = code_signing();
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
    assert!(check(&issue(&params), "cs-br").has("cert.eku.missing"));
    // A Timestamp Certificate: timeStamping alone (RFC 3161 §2.3), in a critical extension.
    let timestamp_with = |purposes: &[&[u64]], critical: bool| {
        let mut params = timestamp();
        params.custom_extensions[2] = eku(purposes, critical);
        check(&issue(&params), "cs-br")
    };
    let report = timestamp_with(&[KP_TIMESTAMPING, KP_CLIENT_AUTH], true);
    assert_eq!(cs_codes(&report), ["profile.cs.timestamp.eku_other"]);
    assert!(first_cs(&report).message(Lang::En).contains("clientAuth"));
    // With the timestamping identifier, codeSigning alone makes no Timestamp Certificate.
    assert_eq!(
        cs_codes(&timestamp_with(&[KP_CODE_SIGNING], true)),
        [
            "profile.cs.timestamp.eku_missing",
            "profile.cs.timestamp.eku_other"
        ]
    );
    // serverAuth is the table's forbidden EKU, said once.
    let report = timestamp_with(&[KP_TIMESTAMPING, KP_SERVER_AUTH], true);
    assert!(cs_codes(&report).is_empty());
    assert_eq!(
        codes_with(&report, "profile.eku."),
        ["profile.eku.forbidden"]
    );
    let report = timestamp_with(&[KP_TIMESTAMPING], false);
    assert_eq!(
        codes_with(&report, "profile.extension."),
        ["profile.extension.not_critical"]
    );
}

#[test]
fn the_http_urls_of_aia_and_crl_distribution_points() {
    let judged = |access: &[(&[u64], &str)], crl_uri: &str| {
        let mut params = code_signing();
        params.custom_extensions[0] = aia_of(access);
        params.crl_distribution_points = vec![crl(crl_uri)];
        cs_codes(&check(&issue(&params), "cs-br"))
    };
    let http_crl = "http://ca.exemple.fr/cs.crl";
    // caIssuers alone (the CA gives no OCSP) will do.
    assert!(judged(&[(AD_CA_ISSUERS, "http://ca.exemple.fr/ca.crt")], http_crl).is_empty());
    assert_eq!(
        judged(&[(AD_OCSP, "http://ocsp.exemple.fr")], http_crl),
        ["profile.cs.aia.ca_issuers_missing"]
    );
    assert_eq!(
        judged(
            &[
                (AD_OCSP, "ldap://ocsp.exemple.fr"),
                (AD_CA_ISSUERS, "https://ca.exemple.fr/ca.crt")
            ],
            http_crl
        ),
        ["profile.cs.aia.no_http", "profile.cs.aia.no_http"]
    );
    // Another location beside the http one is no matter.
    assert!(judged(
        &[
            (AD_CA_ISSUERS, "http://ca.exemple.fr/ca.crt"),
            (AD_CA_ISSUERS, "ldap://annuaire.exemple.fr/ca")
        ],
        http_crl
    )
    .is_empty());
    assert_eq!(
        judged(
            &[(AD_CA_ISSUERS, "http://ca.exemple.fr/ca.crt")],
            "ldap://annuaire.exemple.fr/cs.crl"
        ),
        ["profile.cs.crldp.no_http"]
    );
    // The same rules for a Timestamp Certificate.
    let mut params = timestamp();
    params.crl_distribution_points = vec![crl("https://ca.exemple.fr/tsa.crl")];
    assert_eq!(
        cs_codes(&check(&issue(&params), "cs-br")),
        ["profile.cs.crldp.no_http"]
    );
}

#[test]
fn the_validity_caps_of_section_6_3_2() {
    let over =
        |params: CertificateParams| check(&issue(&params), "cs-br").has("cert.validity.over_cap");
    let lived = |from: time::OffsetDateTime, to: time::OffsetDateTime| {
        let mut params = code_signing();
        params.not_before = from;
        params.not_after = to;
        over(params)
    };
    // Before 2026-03-01: 39 months.
    assert!(!lived(ymd(2026, 2, 28), ymd(2029, 5, 28)));
    assert!(lived(ymd(2026, 2, 28), ymd(2029, 5, 29)));
    // From 2026-03-01: 460 days, notBefore to notAfter inclusive.
    let second = time::Duration::seconds(1);
    assert!(!lived(ymd(2026, 3, 1), ymd(2027, 6, 4) - second));
    assert!(lived(ymd(2026, 3, 1), ymd(2027, 6, 4)));
    // Timestamp Certificates: 135 months.
    let mut params = timestamp();
    params.not_after = ymd(2038, 2, 1);
    assert!(!over(params.clone()));
    params.not_after = ymd(2038, 2, 2);
    assert!(over(params));
}

#[test]
fn the_rules_start_with_the_first_code_signing_br() {
    // A certificate with a defect for most rules, issued the day before v1.2 (2019-08-13) and
    // on that day.
    let flawed = |day: u8| {
        let mut params = with_policies(code_signing(), &[CS, ANY_POLICY]);
        params.distinguished_name = subject(&[
            (
                DnType::CustomDnType(vec![0, 9, 2342, 19_200_300, 100, 1, 25]),
                "fr",
            ),
            (DnType::CommonName, "192.0.2.7"),
        ]);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.custom_extensions[0] = aia_of(&[(AD_OCSP, "ldap://ocsp.exemple.fr")]);
        params.crl_distribution_points = vec![crl("ldap://annuaire.exemple.fr/cs.crl")];
        params.not_before = ymd(2019, 8, day);
        params.not_after = ymd(2020, 8, 1);
        let ed25519 = KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
        cs_codes(&check(&issue_key(&params, &ed25519), "cs-br"))
    };
    assert!(flawed(12).is_empty());
    assert_eq!(
        flawed(13),
        [
            "profile.cs.policy.any_policy",
            "profile.cs.subject.attribute_missing",
            "profile.cs.subject.attribute_missing",
            "profile.cs.subject.locality_or_state_missing",
            "profile.cs.subject.attribute_forbidden",
            "profile.cs.subject.common_name_ip",
            "profile.cs.key.algorithm",
            "profile.cs.key_usage.not_recommended",
            "profile.cs.crldp.no_http",
            "profile.cs.aia.ca_issuers_missing",
            "profile.cs.aia.no_http",
        ]
    );
}

#[test]
fn findings_speak_both_languages_and_weigh_as_the_br_say() {
    let mut params = code_signing();
    params.distinguished_name = subject(&[
        (DnType::CountryName, "FR"),
        (DnType::LocalityName, "Paris"),
        (DnType::CommonName, "Exemple SA"),
    ]);
    let report = check(&issue(&params), "cs-br");
    let finding = first_cs(&report);
    assert_eq!(finding.code(), "profile.cs.subject.attribute_missing");
    assert_eq!(finding.severity(), Severity::Error);
    assert_eq!(
        finding.message(Lang::En),
        "non-EV code signing certificates carry the subject attribute O (CA/B Code Signing BR §7.1.4.2.2, §7.1.4.2.3); this one does not"
    );
    assert_eq!(
        finding.message(Lang::Fr),
        "les certificats de signature de code non EV portent l'attribut O dans le sujet (CA/B Code Signing BR §7.1.4.2.2, §7.1.4.2.3) ; celui-ci non"
    );
    assert_eq!(report.verdict(), Verdict::Rejected);
    let rule = sceau::rules()
        .into_iter()
        .find(|r| r.code == "profile.cs.key.rsa_too_small")
        .unwrap();
    assert_eq!(
        rule.effective_from,
        Some(time::macros::date!(2021 - 06 - 01))
    );
}
