//! Request ↔ certificate ↔ key on sets made by the openssl CLI (tests/data/match/make-fixtures.sh).

use std::path::PathBuf;
use std::process::Command;

use sceau::{match_certificate, Error, Report, Verdict};

mod common;
use common::error_codes;

fn data(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/match")
        .join(name);
    std::fs::read(path).unwrap()
}

fn with_key(cert: &str, key: &str) -> Report {
    match_certificate(&data(cert), None, Some(&data(key))).unwrap()
}

fn with_csr(cert: &str, csr: &str) -> Report {
    match_certificate(&data(cert), Some(&data(csr)), None).unwrap()
}

#[test]
fn a_key_matches_its_certificate_in_every_encoding() {
    for (cert, key, encoding) in [
        ("rsa.pem", "rsa-pkcs8.key", "pkcs8"),
        ("rsa.pem", "rsa-pkcs1.key", "pkcs1"),
        ("ec.pem", "ec-pkcs8.key", "pkcs8"),
        ("ec.pem", "ec-sec1.key", "sec1"),
        ("ed25519.pem", "ed25519.key", "pkcs8"),
    ] {
        let report = with_key(cert, key);
        assert_eq!(
            report.verdict(),
            Verdict::Accepted,
            "{cert} {key}: {:?}",
            error_codes(&report)
        );
        let facts = report.match_facts().unwrap().key.as_ref().unwrap();
        assert!(facts.matches && facts.consistent, "{cert} {key}");
        assert_eq!(facts.encoding, encoding);
        // The secret never reaches the report.
        assert!(!report.to_json(sceau::Lang::En).contains("BEGIN"), "{key}");
    }
}

#[test]
fn no_certificate_matches_a_foreign_key() {
    assert_eq!(
        error_codes(&with_key("rsa.pem", "other.key")),
        ["match.key.differs"]
    );
    assert_eq!(
        error_codes(&with_key("rsa.pem", "ec-pkcs8.key")),
        ["match.key.differs"]
    );
    assert_eq!(
        error_codes(&with_key("ec.pem", "rsa-pkcs8.key")),
        ["match.key.differs"]
    );
}

#[test]
fn an_inconsistent_key_is_named_as_such() {
    // Same modulus as the certificate, but primes that do not multiply to it.
    assert_eq!(
        error_codes(&with_key("rsa.pem", "rsa-inconsistent.key")),
        ["match.key.inconsistent"]
    );
}

#[test]
fn encrypted_keys_are_refused_with_the_way_out() {
    match match_certificate(&data("rsa.pem"), None, Some(&data("rsa-encrypted.key"))) {
        Err(Error::Unsupported { detail, .. }) => {
            assert!(detail.contains("openssl pkey"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_certificate_and_its_request() {
    let same = with_csr("rsa.pem", "rsa.csr");
    assert_eq!(
        same.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&same)
    );
    assert!(same.findings().is_empty());
    assert!(same.match_facts().unwrap().csr.as_ref().unwrap().same_key);

    // Same names, another key: not issued for this request.
    assert_eq!(
        error_codes(&with_csr("rsa.pem", "other.csr")),
        ["match.csr.key_differs"]
    );

    // Same key, but the request asked for a name the certificate lacks and another O.
    let more = with_csr("rsa.pem", "rsa-more-names.csr");
    assert_eq!(error_codes(&more), ["match.csr.name_missing"]);
    assert_eq!(
        more.findings()[0].arg_value("name"),
        Some("shop.exemple.fr")
    );
    assert!(more.has("match.csr.subject_differs"));
    assert_eq!(
        more.match_facts()
            .unwrap()
            .csr
            .as_ref()
            .unwrap()
            .missing_names,
        ["shop.exemple.fr"]
    );

    // The whole set at once.
    let all = match_certificate(
        &data("ec.pem"),
        Some(&data("ec.csr")),
        Some(&data("ec-sec1.key")),
    )
    .unwrap();
    assert_eq!(all.verdict(), Verdict::Accepted, "{:?}", error_codes(&all));
}

#[test]
fn nothing_to_compare_is_a_usage_error() {
    assert!(matches!(
        match_certificate(&data("rsa.pem"), None, None),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn the_cli_says_it_like_certigna() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/match");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sceau"))
            .current_dir(&dir)
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(
        run(&[
            "cert",
            "match",
            "--key",
            "rsa-pkcs1.key",
            "--csr",
            "rsa.csr",
            "rsa.pem"
        ])
        .status
        .code(),
        Some(0)
    );
    let foreign = run(&[
        "cert",
        "match",
        "--key",
        "other.key",
        "--lang",
        "fr",
        "rsa.pem",
    ]);
    assert_eq!(foreign.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&foreign.stdout).contains("n'appartient pas au certificat"));
    assert_eq!(run(&["cert", "match", "rsa.pem"]).status.code(), Some(2));
    assert_eq!(
        run(&["cert", "match", "--key", "rsa-encrypted.key", "rsa.pem"])
            .status
            .code(),
        Some(2)
    );
}

/// A request made here with the certificate's own RSA key (rcgen signs with it).
fn request_with_certificate_key(cn: &str, sans: &[&str]) -> Vec<u8> {
    let pem = String::from_utf8(data("rsa-pkcs8.key")).unwrap();
    let key = rcgen::KeyPair::from_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).unwrap();
    let mut params =
        rcgen::CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, cn);
    params
        .serialize_request(&key)
        .unwrap()
        .pem()
        .unwrap()
        .into_bytes()
}

#[test]
fn a_changed_cn_and_names_the_ca_added() {
    let other_cn =
        request_with_certificate_key("autre.exemple.fr", &["www.exemple.fr", "exemple.fr"]);
    let report = match_certificate(&data("rsa.pem"), Some(&other_cn), None).unwrap();
    assert_eq!(
        error_codes(&report),
        ["match.csr.cn_differs", "match.csr.name_missing"]
    );
    assert!(report.match_facts().unwrap().csr.as_ref().unwrap().same_key);

    let fewer = request_with_certificate_key("www.exemple.fr", &["www.exemple.fr"]);
    let report = match_certificate(&data("rsa.pem"), Some(&fewer), None).unwrap();
    assert_eq!(
        report.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&report)
    );
    assert!(report.has("match.csr.name_added"));
    assert_eq!(
        report
            .match_facts()
            .unwrap()
            .csr
            .as_ref()
            .unwrap()
            .added_names,
        ["exemple.fr"]
    );
}
