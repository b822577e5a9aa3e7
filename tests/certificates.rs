//! Post-issuance checks on certificates issued in the tests by an rcgen CA, one defect at a time,
//! and on openssl-made certificates for RSA and SHA-1.

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use sceau::{check_certificate, Catalog, Error, IssuancePolicy, ObjectKind, Report, Verdict};

mod common;
use common::{csr_data, error_codes};

/// What varies between test certificates.
#[derive(Clone)]
struct Leaf {
    cn: Option<&'static str>,
    dns: Vec<&'static str>,
    ekus: Vec<ExtendedKeyUsagePurpose>,
    key_usages: Vec<KeyUsagePurpose>,
    ca: bool,
    not_before: (i32, u8, u8),
    days: i64,
    ev_policy: bool,
    ev_subject: bool,
}

impl Default for Leaf {
    fn default() -> Self {
        Leaf {
            cn: Some("www.exemple.fr"),
            dns: vec!["www.exemple.fr", "exemple.fr"],
            ekus: vec![ExtendedKeyUsagePurpose::ServerAuth],
            key_usages: vec![KeyUsagePurpose::DigitalSignature],
            ca: false,
            not_before: (2026, 11, 1),
            days: 90,
            ev_policy: false,
            ev_subject: false,
        }
    }
}

fn issuer() -> Issuer<'static, KeyPair> {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "Exemple AC de test");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    Issuer::new(params, key)
}

fn issue(leaf: Leaf) -> Vec<u8> {
    issue_with(leaf, KeyPair::generate().unwrap())
}

/// Issues with a given subject key (e.g. RSA, which rcgen signs with but cannot generate).
fn issue_with(leaf: Leaf, key: KeyPair) -> Vec<u8> {
    let sans: Vec<String> = leaf.dns.iter().map(|d| d.to_string()).collect();
    let mut params = CertificateParams::new(sans).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(DnType::CountryName, "CA");
    if leaf.ev_subject {
        params
            .distinguished_name
            .push(DnType::OrganizationName, "Ministere Exemple");
        params
            .distinguished_name
            .push(DnType::CustomDnType(vec![2, 5, 4, 15]), "Government Entity");
        params.distinguished_name.push(
            DnType::CustomDnType(vec![1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 3]),
            "CA",
        );
        params
            .distinguished_name
            .push(DnType::CustomDnType(vec![2, 5, 4, 5]), "1234567890");
    }
    if let Some(cn) = leaf.cn {
        params.distinguished_name.push(DnType::CommonName, cn);
    }
    params.extended_key_usages = leaf.ekus;
    params.key_usages = leaf.key_usages;
    if leaf.ca {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    }
    let (y, m, d) = leaf.not_before;
    params.not_before = rcgen::date_time_ymd(y, m, d);
    params.not_after =
        params.not_before + time::Duration::days(leaf.days) - time::Duration::seconds(1);
    if leaf.ev_policy {
        // certificatePolicies: SEQUENCE { PolicyInformation { 2.23.140.1.1 } }
        let content = vec![
            0x30, 0x09, 0x30, 0x07, 0x06, 0x05, 0x67, 0x81, 0x0c, 0x01, 0x01,
        ];
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(&[2, 5, 29, 32], content));
    }
    params
        .signed_by(&key, &issuer())
        .unwrap()
        .pem()
        .into_bytes()
}

fn check(profile: &str, leaf: Leaf) -> Report {
    check_in(&Catalog::embedded(), profile, &issue(leaf))
}

fn check_in(catalog: &Catalog, profile: &str, pem: &[u8]) -> Report {
    let policy = IssuancePolicy::from_catalog(catalog, profile).unwrap();
    check_certificate(pem, &policy).unwrap()
}

#[test]
fn a_well_issued_tls_certificate_passes() {
    for profile in ["baseline", "standard", "uc", "certigna-ssl"] {
        let report = check(profile, Leaf::default());
        if profile == "certigna-ssl" {
            // rcgen's keys are P-256; Certigna takes RSA 2048 only.
            assert_eq!(error_codes(&report), ["key.algorithm_not_allowed"]);
        } else {
            assert_eq!(
                report.verdict(),
                Verdict::Accepted,
                "{profile}: {:?}",
                error_codes(&report)
            );
        }
    }
    let facts = check("standard", Leaf::default())
        .cert_facts()
        .unwrap()
        .clone();
    assert_eq!(facts.common_name.as_deref(), Some("www.exemple.fr"));
    assert_eq!(
        facts.extended_key_usage.as_deref(),
        Some(&["serverAuth".to_string()][..])
    );
    assert_eq!(facts.validity_seconds(), 90 * 86_400);
}

#[test]
fn tls_validity_caps_are_judged_at_not_before() {
    // 365 days was fine under the 398-day cap, before 2026-03-15...
    let before = check(
        "standard",
        Leaf {
            not_before: (2026, 1, 10),
            days: 365,
            ..Leaf::default()
        },
    );
    assert_eq!(
        before.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&before)
    );
    // ...and is refused after it, when the cap is 200 days.
    let after = check(
        "standard",
        Leaf {
            not_before: (2026, 4, 1),
            days: 365,
            ..Leaf::default()
        },
    );
    assert_eq!(error_codes(&after), ["cert.validity.over_cap"]);
    assert_eq!(after.findings()[0].arg_value("max"), Some("200"));
    assert_eq!(after.findings()[0].arg_value("since"), Some("2026-03-15"));
    // Exactly 200 days passes; 200 days and a second does not.
    let exact = check(
        "standard",
        Leaf {
            not_before: (2026, 4, 1),
            days: 200,
            ..Leaf::default()
        },
    );
    assert_eq!(
        exact.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&exact)
    );
    let cases = [
        ((2027, 3, 15), 101, false),
        ((2027, 3, 14), 199, true),
        ((2029, 3, 15), 48, false),
        ((2029, 3, 15), 47, true),
    ];
    for (not_before, days, ok) in cases {
        let report = check(
            "ev",
            Leaf {
                not_before,
                days,
                dns: vec!["www.exemple.gouv.qc.ca"],
                cn: Some("www.exemple.gouv.qc.ca"),
                ev_policy: true,
                ev_subject: true,
                ..Leaf::default()
            },
        );
        assert_eq!(
            report.verdict() == Verdict::Accepted,
            ok,
            "{not_before:?} {days}: {:?}",
            error_codes(&report)
        );
    }
}

#[test]
fn tls_names_and_usages() {
    assert_eq!(
        error_codes(&check(
            "standard",
            Leaf {
                dns: vec![],
                ..Leaf::default()
            }
        )),
        ["cert.san.missing"]
    );
    assert_eq!(
        error_codes(&check(
            "standard",
            Leaf {
                cn: Some("autre.exemple.fr"),
                ..Leaf::default()
            }
        )),
        ["profile.names.too_many", "cert.san.cn_not_in_san"]
    );
    assert_eq!(
        error_codes(&check(
            "standard",
            Leaf {
                ekus: vec![ExtendedKeyUsagePurpose::ClientAuth],
                ..Leaf::default()
            }
        )),
        ["cert.eku.missing"]
    );
    assert_eq!(
        error_codes(&check(
            "standard",
            Leaf {
                ekus: vec![
                    ExtendedKeyUsagePurpose::ServerAuth,
                    ExtendedKeyUsagePurpose::CodeSigning
                ],
                ..Leaf::default()
            }
        )),
        ["profile.usage.eku_not_allowed"]
    );
    assert_eq!(
        error_codes(&check(
            "standard",
            Leaf {
                key_usages: vec![KeyUsagePurpose::KeyEncipherment],
                ..Leaf::default()
            }
        )),
        ["cert.key_usage.no_digital_signature"]
    );
    assert_eq!(
        error_codes(&check(
            "standard",
            Leaf {
                ca: true,
                ..Leaf::default()
            }
        )),
        ["cert.basic_constraints.leaf_is_ca"]
    );
    assert_eq!(
        error_codes(&check(
            "standard",
            Leaf {
                dns: vec!["a.exemple.fr", "b.exemple.fr", "c.exemple.fr"],
                cn: Some("a.exemple.fr"),
                ..Leaf::default()
            }
        )),
        ["profile.names.too_many"]
    );
    assert_eq!(
        error_codes(&check(
            "wildcard",
            Leaf {
                dns: vec!["*.exemple.fr"],
                cn: Some("*.exemple.fr"),
                ..Leaf::default()
            }
        )),
        Vec::<&str>::new()
    );
    assert_eq!(
        error_codes(&check("wildcard", Leaf::default())),
        ["profile.names.too_many", "profile.names.wildcard_missing"]
    );
}

#[test]
fn ev_certificates_carry_the_vetted_subject_and_the_ev_policy() {
    let ev = Leaf {
        dns: vec!["www.exemple.gouv.qc.ca"],
        cn: Some("www.exemple.gouv.qc.ca"),
        ..Leaf::default()
    };
    let complete = check(
        "ev",
        Leaf {
            ev_policy: true,
            ev_subject: true,
            ..ev.clone()
        },
    );
    assert_eq!(
        complete.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&complete)
    );
    assert_eq!(
        error_codes(&check("ev", ev.clone())),
        [
            "profile.subject.missing",
            "profile.subject.missing",
            "profile.subject.missing",
            "profile.subject.missing",
            "cert.policy.missing"
        ]
    );
    assert_eq!(
        error_codes(&check(
            "ev",
            Leaf {
                ev_policy: true,
                ev_subject: true,
                ..Leaf::default()
            }
        )),
        [
            "profile.names.outside_suffix",
            "profile.names.outside_suffix"
        ]
    );
}

#[test]
fn code_signing_certificates() {
    let signing = Leaf {
        cn: Some("Editeur Exemple"),
        dns: vec![],
        ekus: vec![ExtendedKeyUsagePurpose::CodeSigning],
        days: 450,
        ..Leaf::default()
    };
    let ok = check("code-signing", signing.clone());
    assert_eq!(ok.verdict(), Verdict::Accepted, "{:?}", error_codes(&ok));
    assert_eq!(
        error_codes(&check(
            "code-signing",
            Leaf {
                days: 461,
                ..signing.clone()
            }
        )),
        ["cert.validity.over_cap"]
    );
    assert_eq!(
        error_codes(&check(
            "code-signing",
            Leaf {
                dns: vec!["www.editeur.ca"],
                ..signing.clone()
            }
        )),
        ["profile.names.dns_not_allowed"]
    );
    assert_eq!(
        error_codes(&check(
            "code-signing",
            Leaf {
                ekus: vec![ExtendedKeyUsagePurpose::ServerAuth],
                ..signing
            }
        )),
        ["profile.usage.eku_not_allowed", "cert.eku.missing"]
    );
}

#[test]
fn igc_sante_gateway_certificates_live_three_years() {
    let catalog = Catalog::embedded().extended_with(
        Catalog::from_toml(
            "[[product]]\nid = 'ssl-serveur'\nname = 'SSL_SERVEUR'\nissuer = 'IGC-Santé'\nsource = '003'\nusage = 'tls-server'\nnames = { authorized_domains = ['*ch-ville.fr'] }\nvalidity_years = [3]\n",
        )
        .unwrap(),
    );
    let gap = Leaf {
        cn: Some("gap.ch-ville.fr"),
        dns: vec!["gap.ch-ville.fr"],
        days: 3 * 365,
        ..Leaf::default()
    };
    let ok = check_in(&catalog, "ssl-serveur", &issue(gap.clone()));
    assert_eq!(ok.verdict(), Verdict::Accepted, "{:?}", error_codes(&ok));
    let long = check_in(
        &catalog,
        "ssl-serveur",
        &issue(Leaf {
            days: 4 * 365,
            ..gap.clone()
        }),
    );
    assert_eq!(error_codes(&long), ["cert.validity.over_product"]);
    let elsewhere = check_in(
        &catalog,
        "ssl-serveur",
        &issue(Leaf {
            cn: Some("gap.exemple.fr"),
            dns: vec!["gap.exemple.fr"],
            ..gap
        }),
    );
    assert_eq!(error_codes(&elsewhere), ["profile.names.not_authorized"]);

    let client = Leaf {
        cn: Some("Client_Diapason_PSP"),
        dns: vec![],
        ekus: vec![ExtendedKeyUsagePurpose::ClientAuth],
        days: 3 * 365,
        ..Leaf::default()
    };
    let ok = check("org-auth-cli", client.clone());
    assert_eq!(ok.verdict(), Verdict::Accepted, "{:?}", error_codes(&ok));
    assert_eq!(
        error_codes(&check(
            "org-auth-cli",
            Leaf {
                ekus: vec![ExtendedKeyUsagePurpose::ServerAuth],
                ..client
            }
        )),
        ["profile.usage.eku_not_allowed", "cert.eku.missing"]
    );
}

#[test]
fn ca_certificates_need_their_constraints_and_at_most_ten_years() {
    let ca = Leaf {
        cn: Some("Exemple AC"),
        dns: vec![],
        ekus: vec![],
        key_usages: vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign],
        ca: true,
        days: 10 * 365,
        ..Leaf::default()
    };
    let ok = check("ca", ca.clone());
    assert_eq!(ok.verdict(), Verdict::Accepted, "{:?}", error_codes(&ok));
    assert_eq!(
        error_codes(&check(
            "ca",
            Leaf {
                days: 11 * 366,
                ..ca.clone()
            }
        )),
        ["cert.validity.over_product"]
    );
    assert_eq!(
        error_codes(&check(
            "ca",
            Leaf {
                key_usages: vec![KeyUsagePurpose::KeyCertSign],
                ..ca.clone()
            }
        )),
        ["cert.ca.key_usage"]
    );
    assert_eq!(
        error_codes(&check("ca", Leaf { ca: false, ..ca })),
        ["cert.ca.basic_constraints"]
    );
}

#[test]
fn openssl_certificates_with_weak_keys_and_retired_algorithms() {
    let sample = std::fs::read(csr_data("certificate.pem")).unwrap();
    let baseline = check_certificate(&sample, &IssuancePolicy::baseline()).unwrap();
    assert_eq!(
        baseline.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&baseline)
    );
    let weak = std::fs::read(csr_data("../cert/rsa1024-sha1.pem")).unwrap();
    let report = check_certificate(&weak, &IssuancePolicy::baseline()).unwrap();
    assert_eq!(
        error_codes(&report),
        ["algorithm.signature.retired", "key.rsa.too_small"]
    );
}

#[test]
fn a_csr_given_as_a_certificate_is_named() {
    let csr = std::fs::read(csr_data("rsa2048-san.csr")).unwrap();
    match check_certificate(&csr, &IssuancePolicy::baseline()) {
        Err(Error::WrongKind { found, expected }) => {
            assert!(found.contains("CERTIFICATE REQUEST"), "{found}");
            assert_eq!(expected, ObjectKind::Certificate);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn certigna_issues_rsa_2048_only() {
    let rsa = std::fs::read_to_string(csr_data("../match/rsa-pkcs8.key")).unwrap();
    let key = KeyPair::from_pem_and_sign_algo(&rsa, &rcgen::PKCS_RSA_SHA256).unwrap();
    let report = check_in(
        &Catalog::embedded(),
        "certigna-ssl",
        &issue_with(Leaf::default(), key),
    );
    assert_eq!(
        report.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&report)
    );
    assert_eq!(
        error_codes(&check("certigna-ssl", Leaf::default())),
        ["key.algorithm_not_allowed"]
    );
}

#[test]
fn uc_and_entreprise_certificates() {
    let many = Leaf {
        cn: Some("a.exemple.fr"),
        dns: vec![
            "a.exemple.fr",
            "b.exemple.fr",
            "c.exemple.fr",
            "d.exemple.fr",
        ],
        ..Leaf::default()
    };
    let uc = check("uc", many.clone());
    assert_eq!(uc.verdict(), Verdict::Accepted, "{:?}", error_codes(&uc));
    assert_eq!(
        error_codes(&check(
            "uc",
            Leaf {
                dns: vec!["*.exemple.fr"],
                cn: Some("*.exemple.fr"),
                ..many
            }
        )),
        ["name.dns.wildcard_not_allowed"]
    );
    let person = Leaf {
        cn: Some("Jean Dupont"),
        dns: vec![],
        ekus: vec![
            ExtendedKeyUsagePurpose::ClientAuth,
            ExtendedKeyUsagePurpose::EmailProtection,
        ],
        days: 365,
        ..Leaf::default()
    };
    let ok = check("entreprise", person.clone());
    assert_eq!(ok.verdict(), Verdict::Accepted, "{:?}", error_codes(&ok));
    assert_eq!(
        error_codes(&check(
            "entreprise",
            Leaf {
                dns: vec!["www.exemple.fr"],
                ..person.clone()
            }
        )),
        ["profile.names.dns_not_allowed"]
    );
    assert_eq!(
        error_codes(&check(
            "entreprise",
            Leaf {
                ekus: vec![ExtendedKeyUsagePurpose::ServerAuth],
                ..person
            }
        )),
        ["profile.usage.eku_not_allowed", "cert.eku.missing"]
    );
}

#[test]
fn inverted_validity_and_leaves_that_sign_certificates() {
    let inverted = check(
        "standard",
        Leaf {
            days: -1,
            ..Leaf::default()
        },
    );
    assert_eq!(error_codes(&inverted), ["cert.validity.inverted"]);
    let signs = check(
        "standard",
        Leaf {
            key_usages: vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyCertSign,
            ],
            ..Leaf::default()
        },
    );
    assert_eq!(
        error_codes(&signs),
        ["cert.key_usage.leaf_signs_certificates"]
    );
}

/// A baseline-checked leaf with the subject attributes given.
fn with_subject(attributes: &[(DnType, rcgen::DnValue)]) -> Vec<u8> {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    for (kind, value) in attributes {
        params.distinguished_name.push(kind.clone(), value.clone());
    }
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 1);
    params.signed_by(&key, &issuer()).unwrap().der().to_vec()
}

fn subject_codes(der: &[u8]) -> Vec<&'static str> {
    let report = check_certificate(der, &IssuancePolicy::baseline()).unwrap();
    error_codes(&report)
        .into_iter()
        .filter(|c| c.starts_with("cert.subject."))
        .collect()
}

/// The subject rules of CSR intake judge certificates too (the same logic, certificate codes):
/// made here one defect at a time, and on pkilint's corpus where it has the defect.
#[test]
fn the_subject_rules_of_intake_apply_to_certificates() {
    use rcgen::DnValue::Utf8String;
    let clean = with_subject(&[
        (DnType::CountryName, Utf8String("FR".into())),
        (DnType::CommonName, Utf8String("www.exemple.fr".into())),
    ]);
    assert!(subject_codes(&clean).is_empty());
    let empty = with_subject(&[
        (DnType::OrganizationName, Utf8String(String::new())),
        (DnType::CommonName, Utf8String("www.exemple.fr".into())),
    ]);
    assert_eq!(subject_codes(&empty), ["cert.subject.attribute_empty"]);
    let country = with_subject(&[(DnType::CountryName, Utf8String("FRA".into()))]);
    assert_eq!(subject_codes(&country), ["cert.subject.country_invalid"]);
    let long = with_subject(&[(DnType::CommonName, Utf8String("x".repeat(65)))]);
    assert_eq!(subject_codes(&long), ["cert.subject.attribute_too_long"]);
    // The CN re-tagged as an OCTET STRING: not text (the signature no longer matches; the
    // post-issuance check does not verify it).
    let mut undecodable = with_subject(&[(DnType::CommonName, Utf8String("NOT-TEXT-MARK".into()))]);
    let at = undecodable
        .windows(13)
        .position(|w| w == b"NOT-TEXT-MARK")
        .unwrap();
    assert_eq!(undecodable[at - 2], 0x0c);
    undecodable[at - 2] = 0x04;
    assert_eq!(
        subject_codes(&undecodable),
        ["cert.subject.attribute_undecodable"]
    );
    let corpus = |path: &str| {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/pkilint/integration_certificate")
                .join(path),
        )
        .unwrap()
    };
    let cases = [
        (
            "tls_br/ov_pre_certificate/prohibited_printablestring_char.crttest",
            "cert.subject.invalid_printable_string",
        ),
        (
            "etsi/qncp_w_gen_legal_person_eidas_pre_certificate/duplicate_cn.crttest",
            "cert.subject.attribute_repeated",
        ),
        (
            "etsi/qncp_w_gen_legal_person_eidas_pre_certificate/unknown_country_code.crttest",
            "cert.subject.country_invalid",
        ),
    ];
    for (path, code) in cases {
        assert_eq!(subject_codes(&corpus(path)), [code], "{path}");
    }
}

/// An extension sceau does not know is named by its dotted OID, written right where asn1-rs
/// writes it wrong: a first arc pair past 2.47 (2.999.7, which asn1-rs writes `3.16.55.7`)
/// and an arc past 63 bits (which asn1-rs writes as hex octets).
#[test]
fn unknown_extensions_are_named_by_their_exact_dotted_oid() {
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    for arcs in [&[2, 999, 7][..], &[1, 3, 6, 1, 4, 1, u64::MAX, 1]] {
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(arcs, vec![0x05, 0x00]));
    }
    let key = KeyPair::generate().unwrap();
    let pem = params.signed_by(&key, &issuer()).unwrap().pem();
    let report = check_in(&Catalog::embedded(), "baseline", pem.as_bytes());
    let facts = report.cert_facts().expect("certificate facts");
    let unknown: Vec<(&str, &str)> = facts
        .extensions
        .iter()
        .filter(|e| e.name == e.oid)
        .map(|e| (e.name.as_ref(), e.oid.as_ref()))
        .collect();
    assert_eq!(
        unknown,
        [
            ("2.999.7", "2.999.7"),
            (
                "1.3.6.1.4.1.18446744073709551615.1",
                "1.3.6.1.4.1.18446744073709551615.1"
            )
        ]
    );
}
