//! The organization identifier family (src/profile/cabf_orgid.rs): the subject's
//! organizationIdentifier and the cabfOrganizationIdentifier extension, each rule accepting a
//! certificate made here and refusing one defect at a time, on TLS (EV and OV subscribers) and
//! S/MIME certificates.

use rcgen::{
    CertificateParams, CustomExtension, DnType, DnValue, ExtendedKeyUsagePurpose, KeyPair,
    KeyUsagePurpose,
};

mod common;
use common::{aia, check_as as check, policies, test_ca, tlv, EV, OV};

const SMIME_ORGANIZATION: &[u64] = &[2, 23, 140, 1, 5, 2, 2];
const ATTRIBUTE: &str = "subject.organizationIdentifier";
const EXTENSION: &str = "extensions.cabfOrganizationIdentifier";

/// The DER of a cabfOrganizationIdentifier value (EV Guidelines §9.8.2).
fn orgid_value(scheme: &str, country: &str, state: Option<&str>, reference: &str) -> Vec<u8> {
    let mut content = tlv(0x13, scheme.as_bytes());
    content.extend(tlv(0x13, country.as_bytes()));
    if let Some(state) = state {
        content.extend(tlv(0x80, state.as_bytes()));
    }
    content.extend(tlv(0x0c, reference.as_bytes()));
    tlv(0x30, &content)
}

fn orgid_extension(value: Vec<u8>) -> CustomExtension {
    CustomExtension::from_oid_content(&[2, 23, 140, 3, 1], value)
}

fn issue(params: CertificateParams) -> Vec<u8> {
    let key = KeyPair::generate().unwrap();
    params
        .signed_by(&key, &test_ca("Exemple AC", None))
        .unwrap()
        .der()
        .to_vec()
}

/// A TLS subscriber certificate under `policy`, its subject a country, an organization and
/// the organizationIdentifier `attribute` when given, with the extension value `extension`.
fn tls(policy: &[u64], attribute: Option<DnValue>, extension: Option<Vec<u8>>) -> Vec<u8> {
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(DnType::CountryName, "FR");
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Exemple SA");
    if let Some(value) = attribute {
        params
            .distinguished_name
            .push(DnType::CustomDnType(vec![2, 5, 4, 97]), value);
    }
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    params.custom_extensions = vec![aia(), policies(&[policy])];
    if let Some(value) = extension {
        params.custom_extensions.push(orgid_extension(value));
    }
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    issue(params)
}

/// An S/MIME organization certificate whose subject is the country `country` and the
/// organizationIdentifier `attribute`.
fn smime(country: &str, attribute: &str) -> Vec<u8> {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.subject_alt_names = vec![rcgen::SanType::Rfc822Name(
        "agent@exemple.fr".try_into().unwrap(),
    )];
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(DnType::CountryName, country);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Exemple SA");
    params
        .distinguished_name
        .push(DnType::CustomDnType(vec![2, 5, 4, 97]), attribute);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
    params.use_authority_key_identifier_extension = true;
    params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
        uris: vec!["http://ca.exemple.fr/ca.crl".into()],
    }];
    params.custom_extensions = vec![aia(), policies(&[SMIME_ORGANIZATION])];
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    issue(params)
}

/// The `profile.orgid.*` findings of a report, as (code, field).
fn orgid(der: &[u8], profile: &str) -> Vec<(&'static str, String)> {
    check(der, profile)
        .findings()
        .iter()
        .filter(|f| f.code().starts_with("profile.orgid."))
        .map(|f| (f.code(), f.field().to_string()))
        .collect()
}

fn at(code: &'static str, field: &str) -> Vec<(&'static str, String)> {
    vec![(code, field.to_string())]
}

fn text(value: &str) -> Option<DnValue> {
    Some(DnValue::from(value))
}

fn tls_attribute(value: &str) -> Vec<(&'static str, String)> {
    orgid(&tls(OV, text(value), None), "tls-br")
}

#[test]
fn ev_extension_repeats_the_attribute() {
    let agreeing = tls(
        EV,
        text("NTRFR-123456789"),
        Some(orgid_value("NTR", "FR", None, "123456789")),
    );
    assert_eq!(orgid(&agreeing, "tls-br"), vec![]);
    let printable = DnValue::PrintableString("NTRUS+CA-42".try_into().unwrap());
    let with_state = tls(
        EV,
        Some(printable),
        Some(orgid_value("NTR", "US", Some("CA"), "42")),
    );
    assert_eq!(orgid(&with_state, "tls-br"), vec![]);
    // The countries compare without case: a lower-case one is only not a country code.
    let lower = tls(
        EV,
        text("NTRUS+CA-42"),
        Some(orgid_value("NTR", "us", Some("CA"), "42")),
    );
    assert_eq!(
        orgid(&lower, "tls-br"),
        at("profile.orgid.country_invalid", EXTENSION)
    );

    let missing = tls(EV, text("NTRFR-123456789"), None);
    assert_eq!(
        orgid(&missing, "tls-br"),
        at("profile.orgid.extension_missing", EXTENSION)
    );
    // Outside EV the extension is not asked for.
    assert_eq!(tls_attribute("NTRFR-123456789"), vec![]);

    let other_reference = tls(
        EV,
        text("NTRFR-123456789"),
        Some(orgid_value("NTR", "FR", None, "987654321")),
    );
    assert_eq!(
        orgid(&other_reference, "tls-br"),
        at("profile.orgid.extension_mismatch", EXTENSION)
    );
    let other_state = tls(
        EV,
        text("NTRUS+CA-42"),
        Some(orgid_value("NTR", "US", None, "42")),
    );
    assert_eq!(
        orgid(&other_state, "tls-br"),
        at("profile.orgid.extension_mismatch", EXTENSION)
    );

    let malformed = tls(
        EV,
        text("NTRFR-123456789"),
        Some(tlv(0x30, &tlv(0x13, b"NT"))),
    );
    assert_eq!(
        orgid(&malformed, "tls-br"),
        at("profile.orgid.extension_malformed", EXTENSION)
    );
}

#[test]
fn the_extension_is_judged_by_the_tls_schemes() {
    let unknown = tls(OV, None, Some(orgid_value("GOV", "FR", None, "1")));
    assert_eq!(
        orgid(&unknown, "tls-br"),
        at("profile.orgid.scheme_unknown", EXTENSION)
    );
    let country = tls(OV, None, Some(orgid_value("PSD", "ZZ", None, "1")));
    assert_eq!(
        orgid(&country, "tls-br"),
        at("profile.orgid.country_invalid", EXTENSION)
    );
    let state = tls(OV, None, Some(orgid_value("VAT", "US", Some("CA"), "1")));
    assert_eq!(
        orgid(&state, "tls-br"),
        at("profile.orgid.state_forbidden", EXTENSION)
    );
    let long_state = tls(OV, None, Some(orgid_value("NTR", "US", Some("CAL"), "1")));
    assert_eq!(
        orgid(&long_state, "tls-br"),
        at("profile.orgid.state_syntax", EXTENSION)
    );
}

#[test]
fn attribute_encoding_and_syntax() {
    let teletex = DnValue::TeletexString("NTRFR-123456789".try_into().unwrap());
    assert_eq!(
        orgid(&tls(OV, Some(teletex), None), "tls-br"),
        at("profile.orgid.encoding", ATTRIBUTE)
    );
    for bad in ["GOV", "NTRUS+ABCD-1", "NTRFR-"] {
        assert_eq!(
            tls_attribute(bad),
            at("profile.orgid.syntax", ATTRIBUTE),
            "{bad}"
        );
    }
}

#[test]
fn tls_schemes_countries_states_and_references() {
    for good in [
        "NTRFR-1",
        "NTRUS+CA-1",
        "VATEL-1",
        "VATXI-1",
        "PSDFR-ACPR-1",
    ] {
        assert_eq!(tls_attribute(good), vec![], "{good}");
    }
    for (bad, code) in [
        ("XYZFR-1", "profile.orgid.scheme_unknown"),
        ("XX:FR-1", "profile.orgid.scheme_unknown"),
        ("LEIXG-506700GE1G29325QX363", "profile.orgid.scheme_unknown"),
        ("NTREL-1", "profile.orgid.country_invalid"),
        ("VATZZ-1", "profile.orgid.country_invalid"),
        ("VATUS+CA-1", "profile.orgid.state_forbidden"),
        ("NTRUS+C4-1", "profile.orgid.state_syntax"),
        ("NTRFR", "profile.orgid.reference_missing"),
    ] {
        assert_eq!(tls_attribute(bad), at(code, ATTRIBUTE), "{bad}");
    }
}

#[test]
fn smime_schemes() {
    for (country, good) in [
        ("FR", "GOVFR"),
        ("FR", "GOVFR+IDF"),
        ("FR", "INTXG"),
        ("FR", "LEIXG-506700GE1G29325QX363"),
        ("DE", "NTRDE-DER3306.HRB12345"),
    ] {
        assert_eq!(orgid(&smime(country, good), "smime-br"), vec![], "{good}");
    }
    for (bad, code) in [
        ("INTXG-123", "profile.orgid.reference_forbidden"),
        ("GOVFR-123", "profile.orgid.reference_forbidden"),
        (
            "LEIFR-506700GE1G29325QX363",
            "profile.orgid.country_invalid",
        ),
        ("LEIXG", "profile.orgid.reference_missing"),
        ("INTXG+PA", "profile.orgid.state_forbidden"),
        ("ABCFR-1", "profile.orgid.scheme_unknown"),
    ] {
        assert_eq!(
            orgid(&smime("FR", bad), "smime-br"),
            at(code, ATTRIBUTE),
            "{bad}"
        );
    }
}

#[test]
fn smime_country_lei_and_euid() {
    assert_eq!(
        orgid(&smime("FR", "NTRDE-DER3306.HRB12345"), "smime-br"),
        at("profile.orgid.country_name_mismatch", "subject.C")
    );
    assert_eq!(
        orgid(&smime("FR", "LEIXG-506700GE1G29325QX364"), "smime-br"),
        at("profile.orgid.lei_invalid", ATTRIBUTE)
    );
    assert_eq!(
        orgid(&smime("FR", "LEIXG-506700GE1G29325Q"), "smime-br"),
        at("profile.orgid.lei_invalid", ATTRIBUTE)
    );
    for not_euid in [
        "NTRDE-HRB12345",
        "NTRDE+BE-DER3306.HRB12345",
        "NTRDE-FRR3306.HRB12345",
    ] {
        let report = check(&smime("DE", not_euid), "smime-br");
        let warnings: Vec<_> = report
            .findings()
            .iter()
            .filter(|f| f.code().starts_with("profile.orgid."))
            .map(|f| (f.code(), f.severity()))
            .collect();
        assert_eq!(
            warnings,
            vec![(
                "profile.orgid.german_ntr_not_euid",
                sceau::Severity::Warning
            )],
            "{not_euid}"
        );
    }
}
