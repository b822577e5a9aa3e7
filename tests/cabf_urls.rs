//! The cRLDistributionPoints and authorityInfoAccess rules of the CA/B profiles
//! (`src/profile/cabf_urls.rs`): each rule refusing a certificate made here with one defect in
//! a hand-built extension, and accepting the same certificate without it; by profile (TLS
//! subscriber, root, subordinate and non-TLS CA, OCSP responder, S/MIME).

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

mod common;
use common::{check_as as check, oid, policies, test_ca, tlv, DV, MAILBOX_LEGACY, MAILBOX_STRICT};

const OCSP: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 1];
const CA_ISSUERS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 2];
const CA_REPOSITORY: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 5];

/// A uniformResourceIdentifier GeneralName.
fn uri(text: &str) -> Vec<u8> {
    tlv(0x86, text.as_bytes())
}

/// A dNSName GeneralName.
fn dns(text: &str) -> Vec<u8> {
    tlv(0x82, text.as_bytes())
}

/// A directoryName GeneralName (CN=name).
fn directory(name: &str) -> Vec<u8> {
    let atv = tlv(
        0x30,
        &[oid(&[2, 5, 4, 3]), tlv(0x0c, name.as_bytes())].concat(),
    );
    tlv(0xa4, &tlv(0x30, &tlv(0x31, &atv)))
}

/// One AccessDescription.
fn access(method: &[u64], location: Vec<u8>) -> Vec<u8> {
    tlv(0x30, &[oid(method), location].concat())
}

/// authorityInfoAccess from AccessDescriptions.
fn aia_of(descriptions: &[Vec<u8>], critical: bool) -> CustomExtension {
    let mut ext = CustomExtension::from_oid_content(
        &[1, 3, 6, 1, 5, 5, 7, 1, 1],
        tlv(0x30, &descriptions.concat()),
    );
    ext.set_criticality(critical);
    ext
}

/// The authorityInfoAccess the BR want: an OCSP and a caIssuers http URL.
fn good_aia() -> Vec<Vec<u8>> {
    vec![
        access(OCSP, uri("http://ocsp.exemple.fr")),
        access(CA_ISSUERS, uri("http://ca.exemple.fr/ca.crt")),
    ]
}

/// A DistributionPoint with a fullName.
fn full(names: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &tlv(0xa0, &tlv(0xa0, &names.concat())))
}

/// cRLDistributionPoints from DistributionPoints.
fn crldp_of(points: &[Vec<u8>], critical: bool) -> CustomExtension {
    let mut ext = CustomExtension::from_oid_content(&[2, 5, 29, 31], tlv(0x30, &points.concat()));
    ext.set_criticality(critical);
    ext
}

fn good_crldp() -> Vec<Vec<u8>> {
    vec![full(&[uri("http://crl.exemple.fr/ca.crl")])]
}

fn issue(params: CertificateParams) -> Vec<u8> {
    let key = KeyPair::generate().unwrap();
    params
        .signed_by(&key, &test_ca("Exemple AC Racine", Some("Exemple SA")))
        .unwrap()
        .der()
        .to_vec()
}

/// A TLS subscriber certificate issued 2026-11-01 for 90 days, with these extensions.
fn tls(extensions: Vec<CustomExtension>) -> CertificateParams {
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    params.custom_extensions = extensions;
    params.custom_extensions.push(policies(&[DV]));
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    params
}

/// A subordinate CA certificate with `ekus` and these extensions.
fn sub_ca(
    ekus: Vec<ExtendedKeyUsagePurpose>,
    extensions: Vec<CustomExtension>,
) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Exemple SA");
    params
        .distinguished_name
        .push(DnType::CommonName, "Exemple AC Serveurs");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.extended_key_usages = ekus;
    params.use_authority_key_identifier_extension = true;
    params.custom_extensions = extensions;
    params.custom_extensions.push(policies(&[DV]));
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2031, 11, 1);
    params
}

/// A self-signed root with these extensions.
fn root(extensions: Vec<CustomExtension>) -> Vec<u8> {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Exemple SA");
    params
        .distinguished_name
        .push(DnType::CommonName, "Exemple AC Racine");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.custom_extensions = extensions;
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2041, 11, 1);
    params.self_signed(&key).unwrap().der().to_vec()
}

/// An OCSP responder certificate with these extensions.
fn responder(extensions: Vec<CustomExtension>) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "Exemple Répondeur OCSP");
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
    params.use_authority_key_identifier_extension = true;
    params.custom_extensions = extensions;
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 48, 1, 5],
            vec![0x05, 0x00],
        ));
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    params
}

/// An S/MIME mailbox certificate of the given policy with these extensions.
fn smime(policy: &[u64], extensions: Vec<CustomExtension>) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.subject_alt_names = vec![rcgen::SanType::Rfc822Name(
        "agent@exemple.fr".try_into().unwrap(),
    )];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
    params.use_authority_key_identifier_extension = true;
    params.custom_extensions = extensions;
    params.custom_extensions.push(policies(&[policy]));
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    params
}

/// The findings of this family (`profile.crldp.*`, `profile.aia.*`), as (code, field).
fn url_findings(der: &[u8], profile: &str) -> Vec<(&'static str, String)> {
    check(der, profile)
        .findings()
        .iter()
        .filter(|f| f.code().starts_with("profile.crldp.") || f.code().starts_with("profile.aia."))
        .map(|f| (f.code(), f.field().to_string()))
        .collect()
}

fn codes(der: &[u8], profile: &str) -> Vec<&'static str> {
    url_findings(der, profile)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

fn subscriber(aia: Vec<Vec<u8>>, crldp: Option<Vec<Vec<u8>>>) -> Vec<u8> {
    let mut extensions = vec![aia_of(&aia, false)];
    if let Some(points) = crldp {
        extensions.push(crldp_of(&points, false));
    }
    issue(tls(extensions))
}

#[test]
fn certificates_that_follow_the_tables_pass() {
    let none: Vec<&str> = Vec::new();
    assert_eq!(
        codes(&subscriber(good_aia(), Some(good_crldp())), "tls-br"),
        none
    );
    // An OCSP location stands in for cRLDistributionPoints.
    assert_eq!(codes(&subscriber(good_aia(), None), "tls-br"), none);
    let ca = issue(sub_ca(
        vec![ExtendedKeyUsagePurpose::ServerAuth],
        vec![aia_of(&good_aia(), false), crldp_of(&good_crldp(), false)],
    ));
    assert_eq!(codes(&ca, "ca-br"), none);
    assert_eq!(codes(&root(vec![]), "ca-br"), none);
    assert_eq!(codes(&issue(responder(vec![])), "tls-br"), none);
    let mail = smime(
        MAILBOX_STRICT,
        vec![aia_of(&good_aia(), false), crldp_of(&good_crldp(), false)],
    );
    assert_eq!(codes(&issue(mail), "smime-br"), none);
}

#[test]
fn the_distribution_point_rules_of_the_tls_br() {
    let two = vec![
        full(&[uri("http://crl.exemple.fr/ca.crl")]),
        full(&[uri("http://crl2.exemple.fr/ca.crl")]),
    ];
    assert_eq!(
        url_findings(&subscriber(good_aia(), Some(two)), "tls-br"),
        vec![(
            "profile.crldp.multiple",
            "extensions.cRLDistributionPoints".to_string()
        )]
    );
    let reasons = tlv(
        0x30,
        &[
            tlv(0xa0, &tlv(0xa0, &uri("http://crl.exemple.fr/ca.crl"))),
            tlv(0x81, &[0x07, 0x80]),
        ]
        .concat(),
    );
    assert_eq!(
        codes(&subscriber(good_aia(), Some(vec![reasons])), "tls-br"),
        vec!["profile.crldp.field_forbidden"]
    );
    let issuer = tlv(
        0x30,
        &[
            tlv(0xa0, &tlv(0xa0, &uri("http://crl.exemple.fr/ca.crl"))),
            tlv(0xa2, &directory("AC")),
        ]
        .concat(),
    );
    assert_eq!(
        codes(&subscriber(good_aia(), Some(vec![issuer])), "tls-br"),
        vec!["profile.crldp.field_forbidden"]
    );
    let atv = tlv(0x30, &[oid(&[2, 5, 4, 3]), tlv(0x0c, b"CRL1")].concat());
    let relative = tlv(0x30, &tlv(0xa0, &tlv(0xa1, &atv)));
    assert_eq!(
        codes(&subscriber(good_aia(), Some(vec![relative])), "tls-br"),
        vec!["profile.crldp.not_full_name"]
    );
    let directory_name = full(&[uri("http://crl.exemple.fr/ca.crl"), directory("CRL1")]);
    assert_eq!(
        url_findings(
            &subscriber(good_aia(), Some(vec![directory_name])),
            "tls-br"
        ),
        vec![(
            "profile.crldp.name_not_uri",
            "extensions.cRLDistributionPoints[0].fullName[1]".to_string()
        )]
    );
    for bad in [
        "ldap://annuaire.exemple.fr/cn=AC?certificateRevocationList",
        "https://crl.exemple.fr/ca.crl",
        "crl.exemple.fr/ca.crl",
    ] {
        assert_eq!(
            codes(
                &subscriber(good_aia(), Some(vec![full(&[uri(bad)])])),
                "tls-br"
            ),
            vec!["profile.crldp.uri_scheme"],
            "{bad}"
        );
    }
    // HTTP in capitals is http.
    let capitals = vec![full(&[uri("HTTP://crl.exemple.fr/ca.crl")])];
    assert!(codes(&subscriber(good_aia(), Some(capitals)), "tls-br").is_empty());
}

#[test]
fn a_subscriber_needs_a_crl_or_an_ocsp_location_unless_short_lived() {
    let ca_issuers_only = vec![access(CA_ISSUERS, uri("http://ca.exemple.fr/ca.crt"))];
    assert_eq!(
        codes(&subscriber(ca_issuers_only.clone(), None), "tls-br"),
        vec!["profile.crldp.revocation_missing"]
    );
    assert!(codes(
        &subscriber(ca_issuers_only.clone(), Some(good_crldp())),
        "tls-br"
    )
    .is_empty());
    // Seven days from 2026-03-15: Short-lived, exempt.
    let mut params = tls(vec![aia_of(&ca_issuers_only, false)]);
    params.not_after = rcgen::date_time_ymd(2026, 11, 7);
    assert!(codes(&issue(params), "tls-br").is_empty());
}

#[test]
fn the_access_description_rules_of_the_tls_br() {
    let repository = vec![
        access(CA_ISSUERS, uri("http://ca.exemple.fr/ca.crt")),
        access(CA_REPOSITORY, uri("http://ca.exemple.fr/")),
    ];
    assert_eq!(
        url_findings(
            &subscriber(repository.clone(), Some(good_crldp())),
            "tls-br"
        ),
        vec![(
            "profile.aia.method_forbidden",
            "extensions.authorityInfoAccess[1]".to_string()
        )]
    );
    let ca = issue(sub_ca(
        vec![ExtendedKeyUsagePurpose::ServerAuth],
        vec![aia_of(&repository, false), crldp_of(&good_crldp(), false)],
    ));
    assert_eq!(codes(&ca, "ca-br"), vec!["profile.aia.method_forbidden"]);
    let dns_location = vec![
        access(OCSP, dns("ocsp.exemple.fr")),
        access(CA_ISSUERS, uri("http://ca.exemple.fr/ca.crt")),
    ];
    assert_eq!(
        codes(&subscriber(dns_location, None), "tls-br"),
        vec!["profile.aia.location_not_uri"]
    );
    let ldap = vec![
        access(OCSP, uri("http://ocsp.exemple.fr")),
        access(
            CA_ISSUERS,
            uri("ldap://annuaire.exemple.fr/cn=AC?cACertificate"),
        ),
    ];
    assert_eq!(
        codes(&subscriber(ldap, None), "tls-br"),
        vec!["profile.aia.location_not_http"]
    );
    let twice = vec![
        access(OCSP, uri("http://ocsp.exemple.fr")),
        access(OCSP, uri("http://ocsp.exemple.fr")),
        access(CA_ISSUERS, uri("http://ca.exemple.fr/ca.crt")),
    ];
    assert_eq!(
        url_findings(&subscriber(twice, None), "tls-br"),
        vec![(
            "profile.aia.duplicate_location",
            "extensions.authorityInfoAccess[0]".to_string()
        )]
    );
    // The same URL under two methods is not a duplicate.
    let two_methods = vec![
        access(OCSP, uri("http://ca.exemple.fr/")),
        access(CA_ISSUERS, uri("http://ca.exemple.fr/")),
    ];
    assert!(codes(&subscriber(two_methods, None), "tls-br").is_empty());
    let ocsp_only = vec![access(OCSP, uri("http://ocsp.exemple.fr"))];
    assert_eq!(
        codes(&subscriber(ocsp_only.clone(), None), "tls-br"),
        vec!["profile.aia.ca_issuers_missing"]
    );
    // A CA may leave out caIssuers.
    let ca = issue(sub_ca(
        vec![ExtendedKeyUsagePurpose::ServerAuth],
        vec![aia_of(&ocsp_only, false), crldp_of(&good_crldp(), false)],
    ));
    assert!(codes(&ca, "ca-br").is_empty());
}

#[test]
fn an_ocsp_responder_gives_no_aia_but_ocsp_and_better_none() {
    let ocsp = vec![access(OCSP, uri("http://ocsp.exemple.fr"))];
    assert_eq!(
        codes(&issue(responder(vec![aia_of(&ocsp, false)])), "tls-br"),
        vec!["profile.aia.ocsp_in_responder"]
    );
    let ca_issuers = vec![access(CA_ISSUERS, uri("http://ca.exemple.fr/ca.crt"))];
    assert_eq!(
        codes(
            &issue(responder(vec![aia_of(&ca_issuers, false)])),
            "tls-br"
        ),
        vec!["profile.aia.method_forbidden"]
    );
}

#[test]
fn rfc_5280_rules_where_the_profile_table_is_silent() {
    // A root's table names neither extension: RFC 5280 judges their criticality.
    let report = codes(
        &root(vec![
            aia_of(&good_aia(), true),
            crldp_of(&good_crldp(), true),
        ]),
        "ca-br",
    );
    assert!(report.contains(&"profile.aia.critical"), "{report:?}");
    assert!(report.contains(&"profile.crldp.critical"), "{report:?}");
    assert!(codes(&root(vec![aia_of(&good_aia(), false)]), "ca-br").is_empty());
    // A non-TLS CA (no serverAuth) likewise.
    let ca = issue(sub_ca(
        vec![ExtendedKeyUsagePurpose::EmailProtection],
        vec![aia_of(&good_aia(), true)],
    ));
    assert_eq!(codes(&ca, "ca-br"), vec!["profile.aia.critical"]);
    // A subscriber's table judges it (profile.extension.critical), this family does not again.
    let tls_critical = issue(tls(vec![aia_of(&good_aia(), true)]));
    assert!(codes(&tls_critical, "tls-br").is_empty());
    // A DistributionPoint of reasons alone names no CRL.
    let reasons_only = tlv(0x30, &tlv(0x81, &[0x07, 0x80]));
    let report = codes(&subscriber(good_aia(), Some(vec![reasons_only])), "tls-br");
    assert!(report.contains(&"profile.crldp.empty_point"), "{report:?}");
}

#[test]
fn the_smime_distribution_points_and_access_descriptions() {
    let with = |policy: &[u64], points: Vec<Vec<u8>>, aia: Vec<Vec<u8>>| {
        codes(
            &issue(smime(
                policy,
                vec![aia_of(&aia, false), crldp_of(&points, false)],
            )),
            "smime-br",
        )
    };
    let ldap_and_http = vec![full(&[
        uri("http://crl.exemple.fr/ca.crl"),
        uri("ldap://annuaire.exemple.fr/cn=AC?certificateRevocationList"),
    ])];
    assert_eq!(
        with(MAILBOX_STRICT, ldap_and_http.clone(), good_aia()),
        vec!["profile.crldp.uri_scheme"]
    );
    // The Legacy generation admits ldap beside http.
    assert!(with(MAILBOX_LEGACY, ldap_and_http, good_aia()).is_empty());
    let ldap_only = vec![full(&[uri(
        "ldap://annuaire.exemple.fr/cn=AC?certificateRevocationList",
    )])];
    assert_eq!(
        with(MAILBOX_LEGACY, ldap_only, good_aia()),
        vec!["profile.crldp.no_http"]
    );
    let ocsp_only = vec![access(OCSP, uri("http://ocsp.exemple.fr"))];
    assert_eq!(
        with(MAILBOX_STRICT, good_crldp(), ocsp_only),
        vec!["profile.aia.ca_issuers_missing"]
    );
    let ldap_issuers = vec![
        access(OCSP, uri("http://ocsp.exemple.fr")),
        access(
            CA_ISSUERS,
            uri("ldap://annuaire.exemple.fr/cn=AC?cACertificate"),
        ),
    ];
    assert_eq!(
        with(MAILBOX_STRICT, good_crldp(), ldap_issuers),
        vec!["profile.aia.smime_no_http"]
    );
}
