//! CSR intake on real requests made by the openssl CLI (tests/data/csr/make-fixtures.sh) and,
//! for what openssl refuses to make, by rcgen.

use std::time::Duration;

use rustls_pki_types::UnixTime;
use sceau::KeyPolicy;
use sceau::{check_csr, Error, IssuancePolicy, Lang, ObjectKind, Report, Severity, Verdict};
use sceau::{Possession, RequestedName};

mod common;
use common::{csr_data as data, error_codes, today};

fn check_with(name: &str, policy: &IssuancePolicy) -> Report {
    let bytes = std::fs::read(data(name)).unwrap();
    check_csr(&bytes, policy, today()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check(name: &str) -> Report {
    check_with(name, &IssuancePolicy::baseline())
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings().iter().map(|f| f.code()).collect()
}

fn pop(report: &Report) -> Possession {
    report.csr_facts().unwrap().proof_of_possession.clone()
}

#[test]
fn well_formed_requests_are_accepted_with_possession_proven() {
    for name in [
        "rsa2048-san.csr",
        "rsa2048-nosan.csr",
        "rsa3072-sha384.csr",
        "p256.csr",
        "p384.csr",
        "wildcard.csr",
        "idn.csr",
        "service-name.csr",
        "usages.csr",
        "ip-san.csr",
        "email-subject.csr",
    ] {
        let report = check(name);
        assert_eq!(
            report.verdict(),
            Verdict::Accepted,
            "{name}: {:?}",
            codes(&report)
        );
        assert!(codes(&report).is_empty(), "{name}: {:?}", codes(&report));
        assert_eq!(pop(&report), Possession::Verified, "{name}");
    }
}

#[test]
fn rsa_pss_requests_verify_whatever_the_salt_length() {
    for (name, salt) in [
        ("pss-salt32.csr", 32),
        ("pss-saltmax.csr", 222),
        ("pss-salt0.csr", 0),
        ("pss-sha384-salt20.csr", 20),
        ("pss-key.csr", 222),
    ] {
        let report = check(name);
        assert_eq!(pop(&report), Possession::Verified, "{name}");
        assert_eq!(
            report.verdict(),
            Verdict::Accepted,
            "{name}: {:?}",
            codes(&report)
        );
        match &report.csr_facts().unwrap().signature_algorithm {
            sceau::SignatureScheme::RsaPss(p) => assert_eq!(p.salt_len, salt, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(
        check("pss-key.csr").csr_facts().unwrap().key.algorithm,
        "rsa-pss"
    );
}

#[test]
fn a_tampered_request_fails_the_proof_of_possession() {
    let report = check("tampered.csr");
    assert_eq!(report.verdict(), Verdict::Rejected);
    assert_eq!(error_codes(&report), ["csr.signature.invalid"]);
    assert_eq!(pop(&report), Possession::Invalid);
    // The altered CN no longer appears among the SANs: a notice, beside the error.
    assert!(report.has("csr.subject.cn_not_in_san"));
}

#[test]
fn sha1_and_md5_are_refused_as_retired_not_as_bad_signatures() {
    for (name, hash) in [("sha1.csr", "SHA-1"), ("md5.csr", "MD5")] {
        let report = check(name);
        assert_eq!(
            error_codes(&report),
            ["algorithm.signature.retired"],
            "{name}"
        );
        assert_eq!(pop(&report), Possession::NotCheckedRetired, "{name}");
        assert_eq!(report.findings()[0].arg_value("hash"), Some(hash));
        assert!(!report.has("csr.signature.invalid"));
    }
}

#[test]
fn weak_rsa_keys_are_refused_with_their_reason() {
    let cases = [
        ("rsa1024.csr", "key.rsa.too_small"),
        ("rsa2052.csr", "key.rsa.not_multiple_of_8"),
        ("rsa-e3.csr", "key.rsa.bad_exponent"),
        ("rsa-small-factor.csr", "key.rsa.small_factor"),
        ("rsa-fermat.csr", "key.rsa.fermat_factorable"),
    ];
    for (name, code) in cases {
        let report = check(name);
        assert_eq!(error_codes(&report), [code], "{name}");
        // The key is weak, but the requester does hold it.
        assert_eq!(pop(&report), Possession::Verified, "{name}");
    }
    let small = check("rsa-small-factor.csr");
    assert_eq!(small.findings()[0].arg_value("prime"), Some("743"));
    let rsa1024 = check("rsa1024.csr");
    assert_eq!(rsa1024.findings()[0].arg_value("bits"), Some("1024"));
}

#[test]
fn curves_and_ed25519_outside_the_default_policy_are_refused() {
    // ring has no P-521: the proof of possession fails closed and says so, beside the curve.
    assert_eq!(
        error_codes(&check("p521.csr")),
        ["csr.signature.unsupported", "key.ec.curve_not_allowed"]
    );
    assert_eq!(
        error_codes(&check("secp256k1.csr")),
        ["csr.signature.unsupported", "key.ec.curve_not_allowed"]
    );
    let ed = check("ed25519.csr");
    assert_eq!(error_codes(&ed), ["key.algorithm_not_allowed"]);
    // ...though the Ed25519 signature itself verifies.
    assert_eq!(pop(&ed), Possession::Verified);
    let permissive = IssuancePolicy {
        key: KeyPolicy {
            ed25519: true,
            ..KeyPolicy::default()
        },
        ..IssuancePolicy::baseline()
    };
    assert_eq!(
        check_with("ed25519.csr", &permissive).verdict(),
        Verdict::Accepted
    );
}

#[test]
fn a_certigna_like_policy_is_one_line_of_data() {
    let certigna = IssuancePolicy {
        id: "certigna".into(),
        key: KeyPolicy::rsa_only(&[2048]),
        ..IssuancePolicy::baseline()
    };
    assert_eq!(
        check_with("rsa2048-san.csr", &certigna).verdict(),
        Verdict::Accepted
    );
    assert_eq!(
        error_codes(&check_with("rsa3072-sha384.csr", &certigna)),
        ["key.rsa.size_not_allowed"]
    );
    assert_eq!(
        error_codes(&check_with("p256.csr", &certigna)),
        ["key.algorithm_not_allowed"]
    );
}

#[test]
fn subject_rules_each_have_their_code() {
    let cases: &[(&str, &[&str])] = &[
        ("no-cn.csr", &["csr.subject.cn_missing"]),
        ("cn-ip.csr", &["csr.subject.cn_is_ip"]),
        ("cn-underscore.csr", &["name.dns.invalid_character"]),
        ("cn-trailing-dot.csr", &["name.dns.trailing_dot"]),
        ("bad-idn.csr", &["name.dns.invalid_a_label"]),
        ("country-xx.csr", &["csr.subject.country_invalid"]),
        ("repeated-cn.csr", &["csr.subject.attribute_repeated"]),
        ("bad-email.csr", &["name.email.invalid"]),
    ];
    for (name, expected) in cases {
        assert_eq!(&error_codes(&check(name)), expected, "{name}");
    }
}

#[test]
fn requested_names_are_listed_and_checked_like_the_cn() {
    let report = check("san-bad-names.csr");
    assert_eq!(
        error_codes(&report),
        [
            "name.dns.invalid_character",
            "name.dns.wildcard_misplaced",
            "name.dns.ip_address",
            "name.email.invalid"
        ]
    );
    let fields: Vec<&str> = report.findings().iter().map(|f| f.field()).collect();
    assert_eq!(fields, ["san[1]", "san[2]", "san[3]", "san[4]"]);
    assert_eq!(
        error_codes(&check("san-long-label.csr")),
        ["name.dns.label_too_long"]
    );
    assert_eq!(
        error_codes(&check("san-too-long.csr")),
        ["name.dns.too_long"]
    );
    let uri = check("san-uri.csr");
    assert_eq!(codes(&uri), ["csr.san.unusual_type"]);
    assert_eq!(uri.verdict(), Verdict::Accepted);
}

#[test]
fn wildcards_follow_the_policy_in_the_cn_and_in_the_sans() {
    let no_wildcards = IssuancePolicy {
        allow_wildcard: false,
        ..IssuancePolicy::baseline()
    };
    let report = check_with("wildcard.csr", &no_wildcards);
    assert_eq!(
        error_codes(&report),
        [
            "name.dns.wildcard_not_allowed",
            "name.dns.wildcard_not_allowed"
        ]
    );
    let fields: Vec<&str> = report.findings().iter().map(|f| f.field()).collect();
    assert_eq!(fields, ["subject.CN", "san[0]"]);
}

#[test]
fn facts_keep_names_key_and_requested_usages() {
    let report = check("usages.csr");
    let facts = report.csr_facts().unwrap();
    assert_eq!(facts.common_name.as_deref(), Some("www.exemple.fr"));
    assert_eq!(
        facts.names,
        [
            RequestedName::Dns("www.exemple.fr".into()),
            RequestedName::Dns("exemple.fr".into())
        ]
    );
    assert_eq!(
        facts.requested_key_usage,
        ["digitalSignature", "keyEncipherment"]
    );
    assert_eq!(
        facts.requested_extended_key_usage,
        ["serverAuth", "clientAuth"]
    );
    assert_eq!(facts.key.algorithm, "rsa");
    assert_eq!(facts.key.bits, 2048);
    assert_eq!(facts.key.exponent, Some(65537));
    assert_eq!(facts.key.spki_sha256().len(), 64);
    assert_eq!(facts.dns_names(), ["www.exemple.fr", "exemple.fr"]);
    let ip = check("ip-san.csr");
    assert!(ip
        .csr_facts()
        .unwrap()
        .names
        .contains(&RequestedName::Ip("192.0.2.10".into())));
    let ca = check("requests-ca.csr");
    assert_eq!(codes(&ca), ["csr.extension.requests_ca"]);
    assert!(
        ca.csr_facts()
            .unwrap()
            .requested_basic_constraints
            .as_ref()
            .unwrap()
            .ca
    );
}

#[test]
fn challenge_password_is_a_warning_that_says_it_travels_in_clear() {
    let report = check("challenge-password.csr");
    assert_eq!(report.verdict(), Verdict::Accepted);
    assert_eq!(codes(&report), ["csr.attribute.challenge_password"]);
    let f = &report.findings()[0];
    assert_eq!(f.severity(), Severity::Warning);
    assert!(f.message(Lang::En).contains("clear"));
    assert!(f.message(Lang::Fr).contains("en clair"));
    // The secret itself is never copied into the report.
    assert!(!report.to_json(Lang::En).contains("secret-en-clair"));
}

#[test]
fn every_way_of_writing_a_csr_is_read() {
    let reference = check("rsa2048-san.csr");
    let spki = reference.csr_facts().unwrap().key.spki_sha256();
    for name in [
        "rsa2048-san.der",
        "new-label.csr",
        "pasted-email.txt",
        "bare-base64.txt",
        "key-and-csr.pem",
    ] {
        let report = check(name);
        assert_eq!(report.verdict(), Verdict::Accepted, "{name}");
        assert_eq!(
            report.csr_facts().unwrap().key.spki_sha256(),
            spki,
            "{name}"
        );
    }
    let form = serde_json::to_value(&check("new-label.csr").csr_facts().unwrap().form).unwrap();
    assert_eq!(form["label"], "NEW CERTIFICATE REQUEST");
}

fn input_error(name: &str) -> Error {
    let bytes = std::fs::read(data(name)).unwrap();
    match check_csr(&bytes, &IssuancePolicy::baseline(), today()) {
        Err(e) => e,
        Ok(r) => panic!("{name} was read as a CSR: {:?}", codes(&r)),
    }
}

#[test]
fn input_errors_name_what_was_found_and_what_was_expected() {
    match input_error("certificate.pem") {
        Error::WrongKind { found, expected } => {
            assert!(found.contains("'CERTIFICATE'"), "{found}");
            assert_eq!(expected, ObjectKind::Csr);
        }
        other => panic!("{other:?}"),
    }
    match input_error("certificate.der") {
        Error::WrongKind { found, .. } => assert!(found.contains("X.509 certificate"), "{found}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        input_error("empty.csr"),
        Error::EmptyInput {
            expected: ObjectKind::Csr
        }
    ));
    assert!(matches!(
        input_error("truncated.der"),
        Error::Truncated { .. }
    ));
    assert!(matches!(
        input_error("trailing.der"),
        Error::TrailingData { count: 4, .. }
    ));
    assert!(matches!(
        input_error("bad-base64.csr"),
        Error::BadBase64 { .. }
    ));
    assert!(matches!(
        input_error("unterminated.csr"),
        Error::BadPem { .. }
    ));
    assert!(matches!(
        input_error("two-csrs.pem"),
        Error::Ambiguous { count: 2, .. }
    ));
    let message = input_error("truncated.der").to_string();
    assert!(message.contains("certificate signing request"), "{message}");
}

#[test]
fn hostile_bytes_give_errors_not_panics() {
    let cases: Vec<Vec<u8>> = vec![
        vec![0x30],
        vec![0x30, 0x80],
        vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
        vec![0x30, 0x03, 0x02, 0x01, 0x00],
        b"-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n".to_vec(),
        b"-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n".to_vec(),
        b"-----BEGIN X-----\nAAAA\n-----END Y-----\n".to_vec(),
        vec![0xff; 64],
        "Ceci n'est pas une CSR.".as_bytes().to_vec(),
    ];
    for bytes in cases {
        assert!(
            check_csr(&bytes, &IssuancePolicy::baseline(), today()).is_err(),
            "{bytes:?}"
        );
    }
}

#[test]
fn french_messages_are_complete() {
    for rule in sceau::rules() {
        assert!(!rule.fr.is_empty() && !rule.en.is_empty(), "{}", rule.code);
        assert_ne!(rule.fr, rule.en, "{} has no French text", rule.code);
        let placeholders = |t: &str| {
            let mut p: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|s| s.split('}').next())
                .map(str::to_string)
                .collect();
            p.sort();
            p
        };
        assert_eq!(
            placeholders(rule.en),
            placeholders(rule.fr),
            "{}",
            rule.code
        );
    }
    let report = check("rsa1024.csr");
    assert_eq!(
        report.findings()[0].message(Lang::Fr),
        "module RSA de 1024 bits ; il en faut au moins 2048"
    );
    let text = report.to_text(Lang::Fr);
    assert!(text.starts_with("REFUSÉ"), "{text}");
}

#[test]
fn rule_codes_are_unique_and_dotted() {
    let rules = sceau::rules();
    let mut seen = std::collections::HashSet::new();
    for rule in &rules {
        assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
        assert!(rule.code.split('.').count() >= 2, "{}", rule.code);
        assert!(!rule.source.is_empty(), "{}", rule.code);
    }
}

#[test]
fn json_report_follows_the_documented_schema() {
    let report = check("challenge-password.csr");
    let json: serde_json::Value = serde_json::from_str(&report.to_json(Lang::Fr)).unwrap();
    assert_eq!(json["schema"], "sceau.report/1");
    assert_eq!(json["subject"], "csr");
    assert_eq!(json["profile"], "baseline");
    assert_eq!(json["lang"], "fr");
    assert_eq!(json["verdict"], "accepted");
    let finding = &json["findings"][0];
    assert_eq!(finding["code"], "csr.attribute.challenge_password");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["field"], "attributes.challengePassword");
    assert!(finding["message"].as_str().unwrap().contains("en clair"));
    assert!(finding["source"].as_str().unwrap().contains("RFC 2985"));
    let facts = &json["facts"];
    assert_eq!(facts["common_name"], "www.exemple.fr");
    assert_eq!(facts["key"]["algorithm"], "rsa");
    assert_eq!(facts["key"]["bits"], 2048);
    assert_eq!(facts["proof_of_possession"], "verified");
    assert_eq!(facts["signature_algorithm"]["scheme"], "rsa-pkcs1");
    assert_eq!(facts["challenge_password"], true);
}

// What openssl refuses to make, rcgen makes.
fn rcgen_csr(entries: &[(rcgen::DnType, rcgen::DnValue)]) -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    for (ty, value) in entries {
        params.distinguished_name.push(ty.clone(), value.clone());
    }
    params.serialize_request(&key).unwrap().der().to_vec()
}

#[test]
fn bounds_openssl_will_not_let_you_break_are_still_checked() {
    use rcgen::{DnType, DnValue};
    let long_cn = format!("{}.exemple.fr", "b".repeat(60));
    let der = rcgen_csr(&[(DnType::CommonName, DnValue::Utf8String(long_cn))]);
    let report = check_csr(&der, &IssuancePolicy::baseline(), today()).unwrap();
    assert_eq!(error_codes(&report), ["csr.subject.attribute_too_long"]);
    assert_eq!(report.findings()[0].arg_value("len"), Some("71"));

    let der = rcgen_csr(&[
        (
            DnType::CountryName,
            DnValue::PrintableString("FRA".try_into().unwrap()),
        ),
        (
            DnType::CommonName,
            DnValue::Utf8String("www.exemple.fr".into()),
        ),
    ]);
    let report = check_csr(&der, &IssuancePolicy::baseline(), today()).unwrap();
    assert_eq!(error_codes(&report), ["csr.subject.country_invalid"]);

    let der = rcgen_csr(&[
        (DnType::OrganizationName, DnValue::Utf8String(String::new())),
        (
            DnType::CommonName,
            DnValue::Utf8String("www.exemple.fr".into()),
        ),
    ]);
    let report = check_csr(&der, &IssuancePolicy::baseline(), today()).unwrap();
    assert_eq!(error_codes(&report), ["csr.subject.attribute_empty"]);

    let der = rcgen_csr(&[(
        DnType::CommonName,
        DnValue::Utf8String("Jean Dupont".into()),
    )]);
    let report = check_csr(&der, &IssuancePolicy::baseline(), today()).unwrap();
    assert_eq!(report.verdict(), Verdict::Accepted, "{:?}", codes(&report));
}

#[test]
fn sha224_is_judged_by_its_date() {
    // SHA-224 is allowed until 2029-01-01 under the ETSI policy: judge the same CSR before and
    // after by changing only the time given.
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let params = rcgen::CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    let der = params.serialize_request(&key).unwrap().der().to_vec();
    let mut policy = IssuancePolicy::baseline();
    policy.algorithms.hash_sunsets[0].hash = sceau::HashAlg::Sha256;
    let before = check_csr(&der, &policy, today()).unwrap();
    assert!(!before.has("algorithm.signature.expired"));
    let after_2029 = UnixTime::since_unix_epoch(Duration::from_secs(1_861_920_000));
    let after = check_csr(&der, &policy, after_2029).unwrap();
    assert_eq!(error_codes(&after), ["algorithm.signature.expired"]);
}
