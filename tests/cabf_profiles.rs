//! The CA/B profiles as data (`--profile tls-br | smime-br | cs-br | ca-br | auto`): each
//! extension and EKU rule accepting a certificate made here that follows the profile and
//! refusing one defect at a time; `auto` choosing by CA flag, EKU and policy OIDs; the rules
//! dated by the profile's effective day, and `rules_at` judging older certificates by newer
//! rules.

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use sceau::{check_certificate, IssuancePolicy, Report, Severity, Verdict};

mod common;
use common::{aia, check_as as check, policies, test_ca, tlv, DV, MAILBOX_STRICT};

/// A TLS subscriber certificate as the BR's table has it, issued 2026-11-01 for 90 days.
fn tls_params() -> CertificateParams {
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    // A DV subject: the country alone (a CN is NOT RECOMMENDED).
    params.distinguished_name.push(DnType::CountryName, "FR");
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    params.custom_extensions = vec![aia(), policies(&[DV])];
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    params
}

fn issue(params: CertificateParams) -> Vec<u8> {
    let key = KeyPair::generate().unwrap();
    params
        .signed_by(&key, &test_ca("Exemple AC TLS", None))
        .unwrap()
        .der()
        .to_vec()
}

/// The `profile.*` findings of a report, as (code, field).
fn profile_findings(report: &Report) -> Vec<(&'static str, String)> {
    report
        .findings()
        .iter()
        .filter(|f| f.code().starts_with("profile."))
        .map(|f| (f.code(), f.field().to_string()))
        .collect()
}

/// The `profile.extension.*` findings only.
fn extension_findings(report: &Report) -> Vec<(&'static str, String)> {
    profile_findings(report)
        .into_iter()
        .filter(|(code, _)| code.starts_with("profile.extension."))
        .collect()
}

/// (code, field) pairs, to compare with `profile_findings`.
fn pairs(expected: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    expected.iter().map(|(c, f)| (*c, f.to_string())).collect()
}

#[test]
fn a_tls_subscriber_certificate_that_follows_the_table_passes() {
    let report = check(&issue(tls_params()), "tls-br");
    assert_eq!(report.verdict(), Verdict::Accepted);
    assert!(
        report.findings().is_empty(),
        "{}",
        report.to_text(sceau::Lang::En)
    );
    assert_eq!(report.profile(), "tls-br-subscriber");
}

#[test]
fn each_extension_rule_refuses_its_defect() {
    // MUST: no authorityInfoAccess.
    let mut params = tls_params();
    params.custom_extensions = vec![policies(&[DV])];
    let report = check(&issue(params), "tls-br");
    assert_eq!(
        extension_findings(&report),
        pairs(&[(
            "profile.extension.missing",
            "extensions.authorityInfoAccess"
        )])
    );
    assert_eq!(report.verdict(), Verdict::Rejected);
    // SHOULD: no keyUsage is a warning, and the certificate is still accepted.
    let mut params = tls_params();
    params.key_usages = vec![];
    let report = check(&issue(params), "tls-br");
    assert_eq!(
        extension_findings(&report),
        pairs(&[(
            "profile.extension.recommended_missing",
            "extensions.keyUsage"
        )])
    );
    assert_eq!(report.verdict(), Verdict::Accepted);
    // NOT RECOMMENDED: a subjectKeyIdentifier; an extension the table does not name.
    let mut params = tls_params();
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(
            &[2, 5, 29, 14],
            tlv(0x04, &[7; 20]),
        ));
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(
            &[1, 2, 3, 4],
            tlv(0x05, &[]),
        ));
    let report = check(&issue(params), "tls-br");
    assert_eq!(
        extension_findings(&report),
        pairs(&[
            (
                "profile.extension.not_recommended",
                "extensions.subjectKeyIdentifier"
            ),
            ("profile.extension.unknown", "extensions.1.2.3.4")
        ])
    );
    assert!(report
        .findings()
        .iter()
        .all(|f| f.severity() != Severity::Error));
    // MUST NOT: nameConstraints in a subscriber certificate.
    let mut params = tls_params();
    params.name_constraints = Some(rcgen::NameConstraints {
        permitted_subtrees: vec![rcgen::GeneralSubtree::DnsName("exemple.fr".into())],
        excluded_subtrees: vec![],
    });
    assert_eq!(
        extension_findings(&check(&issue(params), "tls-br")),
        pairs(&[("profile.extension.forbidden", "extensions.nameConstraints")])
    );
    // Criticality: keyUsage not critical; certificatePolicies critical.
    let mut params = tls_params();
    params.key_usages = vec![];
    params.custom_extensions = vec![
        aia(),
        CustomExtension::from_oid_content(&[2, 5, 29, 15], tlv(0x03, &[0x07, 0x80])),
        {
            let mut cp = policies(&[DV]);
            cp.set_criticality(true);
            cp
        },
    ];
    assert_eq!(
        extension_findings(&check(&issue(params), "tls-br")),
        pairs(&[
            (
                "profile.extension.critical",
                "extensions.certificatePolicies"
            ),
            ("profile.extension.not_critical", "extensions.keyUsage")
        ])
    );
}

#[test]
fn the_eku_rules_of_each_profile() {
    let mut params = tls_params();
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::CodeSigning,
        ExtendedKeyUsagePurpose::Other(vec![1, 3, 6, 1, 5, 5, 7, 3, 99]),
    ];
    assert_eq!(
        profile_findings(&check(&issue(params), "tls-br")),
        pairs(&[
            ("profile.eku.forbidden", "extensions.extKeyUsage"),
            ("profile.eku.not_recommended", "extensions.extKeyUsage")
        ])
    );
    // S/MIME: clientAuth is allowed beside emailProtection, but not in the strict generation.
    let smime = |policy: &'static [u64]| {
        let mut params = tls_params();
        params.subject_alt_names = vec![rcgen::SanType::Rfc822Name(
            "agent@exemple.fr".try_into().unwrap(),
        )];
        params.distinguished_name = rcgen::DistinguishedName::new();
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::EmailProtection,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
            uris: vec!["http://ca.exemple.fr/ca.crl".into()],
        }];
        params.custom_extensions = vec![aia(), policies(&[policy])];
        issue(params)
    };
    let multipurpose = check(&smime(&[2, 23, 140, 1, 5, 1, 2]), "smime-br");
    assert_eq!(profile_findings(&multipurpose), pairs(&[]));
    let strict = check(&smime(MAILBOX_STRICT), "smime-br");
    assert_eq!(
        profile_findings(&strict),
        pairs(&[("profile.eku.forbidden", "extensions.extKeyUsage")])
    );
}

#[test]
fn auto_chooses_from_the_certificate_and_says_so() {
    let tls = check(&issue(tls_params()), "auto");
    assert_eq!(tls.profile(), "tls-br-subscriber");
    assert_eq!(
        profile_findings(&tls),
        pairs(&[("profile.auto.chosen", "profile")])
    );
    assert!(tls.findings()[0]
        .message(sceau::Lang::En)
        .contains("serverAuth"));
    // A root: self-issued, with the BR's extensions; an EKU in it is forbidden.
    let key = KeyPair::generate().unwrap();
    let mut root = CertificateParams::new(Vec::<String>::new()).unwrap();
    root.distinguished_name = rcgen::DistinguishedName::new();
    root.distinguished_name.push(DnType::CountryName, "FR");
    root.distinguished_name
        .push(DnType::OrganizationName, "Exemple SA");
    root.distinguished_name
        .push(DnType::CommonName, "Exemple Racine");
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    root.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    root.not_before = rcgen::date_time_ymd(2026, 11, 1);
    root.not_after = rcgen::date_time_ymd(2036, 11, 1);
    let clean = root.self_signed(&key).unwrap().der().to_vec();
    let report = check(&clean, "auto");
    assert_eq!(report.profile(), "tls-br-root");
    assert_eq!(
        report.verdict(),
        Verdict::Accepted,
        "{}",
        report.to_text(sceau::Lang::En)
    );
    root.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let with_eku = root.self_signed(&key).unwrap().der().to_vec();
    assert!(profile_findings(&check(&with_eku, "ca-br")).contains(&(
        "profile.extension.forbidden",
        "extensions.extKeyUsage".to_string()
    )));
    // Neither a CA nor any CA/B purpose: the baseline alone, and the report says so.
    let mut plain = tls_params();
    plain.extended_key_usages = vec![];
    plain.custom_extensions = vec![];
    let report = check(&issue(plain), "auto");
    assert_eq!(report.profile(), "auto");
    assert_eq!(
        profile_findings(&report),
        pairs(&[("profile.auto.none", "profile")])
    );
}

#[test]
fn the_tables_are_dated_and_rules_at_judges_by_a_later_day() {
    // Issued in 2022, before SC-62: the 2023 table does not judge it.
    let mut params = tls_params();
    params.custom_extensions = vec![policies(&[DV])];
    params.not_before = rcgen::date_time_ymd(2022, 6, 1);
    params.not_after = rcgen::date_time_ymd(2022, 8, 30);
    let old = issue(params);
    assert!(extension_findings(&check(&old, "tls-br")).is_empty());
    // The same certificate judged by the rules of 2025.
    let mut policy = IssuancePolicy::by_id("tls-br").unwrap();
    policy.rules_at = Some(time::macros::date!(2025 - 01 - 01));
    let report = check_certificate(&old, &policy).unwrap();
    assert_eq!(
        extension_findings(&report),
        pairs(&[(
            "profile.extension.missing",
            "extensions.authorityInfoAccess"
        )])
    );
    // And from the command line.
    let dir = std::env::temp_dir().join(format!("sceau-cabf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("old.der");
    std::fs::write(&file, &old).unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sceau"))
            .args(["cert", "check", "--profile", "tls-br"])
            .args(extra)
            .arg(&file)
            .output()
            .unwrap()
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let later = run(&["--rules-at", "2025-01-01"]);
    assert_eq!(later.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&later.stdout).contains("authorityInfoAccess"));
    assert_eq!(run(&["--rules-at", "tomorrow"]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

/// A TLS subscriber certificate of validation type `policy` with the subject given.
fn with_subject(policy: &'static [u64], subject: &[(DnType, &str)]) -> Vec<u8> {
    let mut params = tls_params();
    params.custom_extensions = vec![aia(), policies(&[policy])];
    params.distinguished_name = rcgen::DistinguishedName::new();
    for (kind, value) in subject {
        params.distinguished_name.push(kind.clone(), *value);
    }
    issue(params)
}

fn subject_findings(der: &[u8]) -> Vec<(&'static str, String)> {
    profile_findings(&check(der, "tls-br"))
        .into_iter()
        .filter(|(code, _)| code.starts_with("profile.subject."))
        .collect()
}

#[test]
fn the_subject_tables_by_validation_type() {
    const OV: &[u64] = &[2, 23, 140, 1, 2, 2];
    // DV: nothing but C (and a CN, NOT RECOMMENDED); anything else MUST NOT.
    assert!(subject_findings(&with_subject(DV, &[(DnType::CountryName, "FR")])).is_empty());
    assert_eq!(
        subject_findings(&with_subject(
            DV,
            &[
                (DnType::OrganizationalUnitName, "Web"),
                (DnType::CommonName, "www.exemple.fr")
            ]
        )),
        pairs(&[
            ("profile.subject.attribute_not_recommended", "subject.CN"),
            ("profile.subject.unknown_attribute_forbidden", "subject.OU")
        ])
    );
    // OV: C and O MUST, OU MUST NOT, an attribute the table does not name NOT RECOMMENDED.
    let ov_clean = with_subject(
        OV,
        &[
            (DnType::CountryName, "FR"),
            (DnType::OrganizationName, "Exemple SA"),
        ],
    );
    assert!(subject_findings(&ov_clean).is_empty());
    assert_eq!(
        subject_findings(&with_subject(
            OV,
            &[
                (DnType::CountryName, "FR"),
                (DnType::OrganizationalUnitName, "Web"),
                (DnType::CustomDnType(vec![2, 5, 4, 12]), "Webmestre")
            ]
        )),
        pairs(&[
            ("profile.subject.attribute_missing", "subject.O"),
            ("profile.subject.attribute_forbidden", "subject.OU"),
            (
                "profile.subject.unknown_attribute_not_recommended",
                "subject.title"
            )
        ])
    );
}

#[test]
fn the_names_of_publicly_trusted_tls_certificates() {
    const EV: &[u64] = &[2, 23, 140, 1, 1];
    let with_sans = |policy: &'static [u64], sans: Vec<rcgen::SanType>| {
        let mut params = tls_params();
        params.custom_extensions = vec![aia(), policies(&[policy])];
        params.subject_alt_names = sans;
        let report = check(&issue(params), "tls-br");
        profile_findings(&report)
            .into_iter()
            .filter(|(code, _)| code.starts_with("profile.san."))
            .collect::<Vec<_>>()
    };
    let dns = |n: &str| rcgen::SanType::DnsName(n.try_into().unwrap());
    let ip = |a: &str| rcgen::SanType::IpAddress(a.parse().unwrap());
    assert!(with_sans(DV, vec![dns("www.exemple.fr"), ip("193.51.24.1")]).is_empty());
    assert_eq!(
        with_sans(
            DV,
            vec![
                dns("intranet.corp"),
                ip("10.0.0.1"),
                rcgen::SanType::Rfc822Name("agent@exemple.fr".try_into().unwrap())
            ]
        ),
        pairs(&[
            ("profile.san.internal_name", "san[0]"),
            ("profile.san.reserved_ip", "san[1]"),
            ("profile.san.type_not_allowed", "san[2]")
        ])
    );
    // EV: dNSName only, and no wildcard.
    assert_eq!(
        with_sans(EV, vec![dns("*.exemple.fr"), ip("193.51.24.1")]),
        pairs(&[
            ("profile.san.ev_wildcard", "san[0]"),
            ("profile.san.type_not_allowed", "san[1]")
        ])
    );
}

#[test]
fn the_historical_validity_caps() {
    const EV: &[u64] = &[2, 23, 140, 1, 1];
    let lived = |policy: &'static [u64], from: (i32, u8, u8), to: (i32, u8, u8)| {
        let mut params = tls_params();
        params.custom_extensions = vec![aia(), policies(&[policy])];
        params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
        params.not_after = rcgen::date_time_ymd(to.0, to.1, to.2);
        check(&issue(params), "tls-br").has("cert.validity.over_cap")
    };
    // 39 months from 2015-04-01, 825 days from 2018-03-01, 398 days from 2020-09-01.
    assert!(!lived(DV, (2016, 1, 1), (2019, 3, 31)));
    assert!(lived(DV, (2016, 1, 1), (2019, 4, 2)));
    assert!(!lived(DV, (2019, 1, 1), (2021, 4, 4)));
    assert!(lived(DV, (2019, 1, 1), (2021, 4, 6)));
    assert!(lived(DV, (2021, 1, 1), (2022, 2, 4)));
    // EV: 27 months before 2018-03-01.
    assert!(!lived(EV, (2016, 1, 1), (2018, 3, 31)));
    assert!(lived(EV, (2016, 1, 1), (2018, 4, 2)));
}

#[test]
fn roots_ocsp_responders_and_the_subject_order() {
    let root = |years: i32, path_len: Option<u8>| {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CountryName, "FR");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "Exemple SA");
        params
            .distinguished_name
            .push(DnType::CommonName, "Exemple Racine");
        params.is_ca = IsCa::Ca(match path_len {
            Some(n) => BasicConstraints::Constrained(n),
            None => BasicConstraints::Unconstrained,
        });
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = rcgen::date_time_ymd(2026, 11, 1);
        params.not_after = rcgen::date_time_ymd(2026 + years, 10, 31);
        let der = params.self_signed(&key).unwrap().der().to_vec();
        profile_findings(&check(&der, "ca-br"))
            .into_iter()
            .filter(|(c, _)| c.starts_with("profile.root."))
            .collect::<Vec<_>>()
    };
    assert!(root(10, None).is_empty());
    assert_eq!(
        root(30, None),
        pairs(&[("profile.root.validity_too_long", "validity")])
    );
    assert_eq!(
        root(5, None),
        pairs(&[("profile.root.validity_too_short", "validity")])
    );
    assert_eq!(
        root(10, Some(1)),
        pairs(&[("profile.root.path_len", "extensions.basicConstraints")])
    );
    // An OCSP responder: keyUsage digitalSignature alone.
    let ocsp = |usages: Vec<KeyUsagePurpose>| {
        let mut params = tls_params();
        params.subject_alt_names = vec![];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
        params.key_usages = usages;
        params.custom_extensions = vec![CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 48, 1, 5],
            tlv(0x05, &[]),
        )];
        profile_findings(&check(&issue(params), "tls-br"))
            .into_iter()
            .filter(|(c, _)| c.starts_with("profile.ocsp."))
            .collect::<Vec<_>>()
    };
    use KeyUsagePurpose::{ContentCommitment, DigitalSignature};
    assert!(ocsp(vec![DigitalSignature]).is_empty());
    assert_eq!(
        ocsp(vec![DigitalSignature, ContentCommitment]),
        pairs(&[("profile.ocsp.key_usage", "extensions.keyUsage")])
    );
    assert_eq!(
        ocsp(vec![ContentCommitment]),
        pairs(&[("profile.ocsp.no_digital_signature", "extensions.keyUsage")])
    );
    // The subject in the BR's order (C before O), and out of it.
    const OV: &[u64] = &[2, 23, 140, 1, 2, 2];
    let ordered = with_subject(
        OV,
        &[
            (DnType::CountryName, "FR"),
            (DnType::OrganizationName, "Exemple SA"),
        ],
    );
    let reversed = with_subject(
        OV,
        &[
            (DnType::OrganizationName, "Exemple SA"),
            (DnType::CountryName, "FR"),
        ],
    );
    let order = |der: &[u8]| {
        profile_findings(&check(der, "tls-br"))
            .into_iter()
            .filter(|(c, _)| *c == "profile.subject.order")
            .count()
    };
    assert_eq!((order(&ordered), order(&reversed)), (0, 1));
}

#[test]
fn the_rfc_5280_name_rules() {
    let rfc = |params: CertificateParams| {
        let report = check(&issue(params), "rfc5280");
        report
            .findings()
            .iter()
            .map(|f| f.code())
            .filter(|c| {
                [
                    "rfc5280.subject.",
                    "rfc5280.san.",
                    "rfc5280.name_constraints.",
                ]
                .iter()
                .any(|p| c.starts_with(p))
            })
            .collect::<Vec<_>>()
    };
    assert!(rfc(tls_params()).is_empty());
    let mut email = tls_params();
    email.distinguished_name.push(
        DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
        "agent@exemple.fr",
    );
    assert_eq!(rfc(email), ["rfc5280.subject.email_not_in_san"]);
    // subjectAltName written by hand: critical beside a subject, not critical without one.
    let san = || {
        let dns = tlv(0x82, b"www.exemple.fr");
        CustomExtension::from_oid_content(&[2, 5, 29, 17], tlv(0x30, &dns))
    };
    let mut critical = tls_params();
    critical.subject_alt_names = vec![];
    let mut ext = san();
    ext.set_criticality(true);
    critical.custom_extensions.push(ext);
    assert_eq!(rfc(critical), ["rfc5280.san.critical_with_subject"]);
    let mut empty = tls_params();
    empty.subject_alt_names = vec![];
    empty.distinguished_name = rcgen::DistinguishedName::new();
    empty.custom_extensions.push(san());
    assert_eq!(rfc(empty), ["rfc5280.san.not_critical_empty_subject"]);
    let mut nc = tls_params();
    nc.custom_extensions.push(CustomExtension::from_oid_content(
        &[2, 5, 29, 30],
        tlv(0x30, &tlv(0xa0, &tlv(0x30, &tlv(0x82, b"exemple.fr")))),
    ));
    assert_eq!(rfc(nc), ["rfc5280.name_constraints.not_critical"]);
}
