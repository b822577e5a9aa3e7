//! `sceau csr new`: for each product, a key and a CSR that the product accepts; files written
//! with mode 0600, never over an existing file, and not at all when the request would be refused.

use std::process::Command;

use sceau::read_private_key;
use sceau::{generate_csr, NewCsr};
use sceau::{Catalog, CsrFacts, IssuancePolicy, Verdict};
use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

mod common;
use common::{error_codes, today};

fn request(cn: &str, sans: &[&str], subject: &[&str]) -> NewCsr {
    NewCsr {
        common_name: cn.to_string(),
        subject: subject.iter().map(|s| s.to_string()).collect(),
        alt_names: sans.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn every_product_gets_a_request_it_accepts() {
    let catalog = Catalog::embedded();
    let cases: &[(&str, NewCsr, &str)] = &[
        (
            "standard",
            request(
                "www.exemple.fr",
                &["www.exemple.fr", "exemple.fr"],
                &["C=FR", "O=Exemple SA"],
            ),
            "EC P-256",
        ),
        (
            "wildcard",
            request("*.exemple.fr", &["*.exemple.fr"], &["C=FR"]),
            "EC P-256",
        ),
        (
            "ev",
            request(
                "www.exemple.gouv.qc.ca",
                &["www.exemple.gouv.qc.ca"],
                &["C=CA", "O=Ministere"],
            ),
            "EC P-256",
        ),
        (
            "uc",
            request(
                "a.exemple.fr",
                &["a.exemple.fr", "b.exemple.fr", "c.exemple.fr"],
                &[],
            ),
            "EC P-256",
        ),
        (
            "code-signing",
            request("Editeur Exemple", &[], &["C=CA", "O=Editeur Exemple"]),
            "EC P-256",
        ),
        (
            "entreprise",
            request("Jean Dupont", &["jean.dupont@exemple.fr"], &["C=CA"]),
            "EC P-256",
        ),
        (
            "org-auth-cli",
            request("Client_Diapason_PSP", &[], &["C=FR", "O=CH Ville"]),
            "EC P-256",
        ),
        (
            "certigna-ssl",
            request("www.exemple.fr", &["www.exemple.fr"], &["C=FR"]),
            "RSA 2048",
        ),
    ];
    for (profile, req, key) in cases {
        let policy = IssuancePolicy::from_catalog(&catalog, profile).unwrap();
        let made = generate_csr(req, &policy, today()).unwrap();
        assert_eq!(
            made.report.verdict(),
            Verdict::Accepted,
            "{profile}: {:?}",
            error_codes(&made.report)
        );
        assert_eq!(&made.key_description, key, "{profile}");
        // The key written belongs to the request made.
        let private = read_private_key(made.key_pem.as_bytes()).unwrap();
        let csr = CsrFacts::read_only(made.csr_pem.as_bytes()).unwrap();
        assert!(private.inconsistency.is_none());
        let (_, spki) = SubjectPublicKeyInfo::from_der(&csr.key.spki).unwrap();
        assert!(
            private.matches(&sceau::PublicKey::from_spki(&spki)),
            "{profile}"
        );
    }
}

#[test]
fn code_signing_only_rsa_gets_rsa_3072() {
    let mut policy = IssuancePolicy::from_catalog(&Catalog::embedded(), "code-signing").unwrap();
    policy.key.ec_curves.clear();
    let made = generate_csr(
        &request("Editeur Exemple", &[], &["C=CA"]),
        &policy,
        today(),
    )
    .unwrap();
    assert_eq!(made.key_description, "RSA 3072");
    assert_eq!(
        made.report.verdict(),
        Verdict::Accepted,
        "{:?}",
        error_codes(&made.report)
    );
}

#[test]
fn a_request_the_product_refuses_is_reported_as_such() {
    let policy = IssuancePolicy::from_catalog(&Catalog::embedded(), "standard").unwrap();
    let made = generate_csr(
        &request(
            "a.exemple.fr",
            &["a.exemple.fr", "b.exemple.fr", "c.exemple.fr"],
            &[],
        ),
        &policy,
        today(),
    )
    .unwrap();
    assert_eq!(error_codes(&made.report), ["profile.names.too_many"]);
    assert!(generate_csr(&request("x.fr", &[], &["Q=1"]), &policy, today()).is_err());
}

#[test]
fn the_cli_writes_a_private_key_only_its_owner_reads_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("sceau-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (key, csr) = (dir.join("www.key"), dir.join("www.csr"));
    let run = |extra: &[&str], key: &std::path::Path, csr: &std::path::Path| {
        let with_subject: Vec<&str> = ["--subject", "C=FR"].iter().chain(extra).copied().collect();
        common::csr_new(&with_subject, key, csr)
    };
    let made = run(&["--san", "www.exemple.fr"], &key, &csr);
    assert_eq!(
        made.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let before = std::fs::read(&key).unwrap();
    let again = run(&["--san", "www.exemple.fr"], &key, &dir.join("other.csr"));
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&key).unwrap(),
        before,
        "the key was overwritten"
    );
    assert!(!dir.join("other.csr").exists());
    // Refused: three names for a two-name product. Nothing is written.
    let (key2, csr2) = (dir.join("k2.key"), dir.join("k2.csr"));
    let refused = run(
        &[
            "--san",
            "a.exemple.fr",
            "--san",
            "b.exemple.fr",
            "--san",
            "c.exemple.fr",
        ],
        &key2,
        &csr2,
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(!key2.exists() && !csr2.exists());
    let check = Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args(["csr", "check", "--profile", "standard"])
        .arg(&csr)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}
