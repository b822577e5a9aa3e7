//! Pre-issuance checks per catalogue product on openssl-made CSRs (tests/data/csr/
//! make-profile-fixtures.sh and make-fixtures.sh), quotes, and the TOML override.

use std::process::Command;

use sceau::{check_csr, Catalog, IssuancePolicy, Report, Verdict};
use sceau::{quote, QuoteRequest};

mod common;
use common::{csr_data as data, error_codes as errors, today};

fn check_in(catalog: &Catalog, profile: &str, csr: &str) -> Report {
    let policy = IssuancePolicy::from_catalog(catalog, profile).unwrap();
    check_csr(&std::fs::read(data(csr)).unwrap(), &policy, today()).unwrap()
}

fn check(profile: &str, csr: &str) -> Report {
    check_in(&Catalog::embedded(), profile, csr)
}

fn accepted(profile: &str, csr: &str) {
    let report = check(profile, csr);
    assert_eq!(
        report.verdict(),
        Verdict::Accepted,
        "{profile} {csr}: {:?}",
        errors(&report)
    );
}

fn refused(profile: &str, csr: &str, expected: &[&str]) {
    assert_eq!(errors(&check(profile, csr)), expected, "{profile} {csr}");
}

#[test]
fn standard_takes_two_names_and_no_wildcard() {
    accepted("standard", "rsa2048-san.csr");
    accepted("standard", "p256.csr");
    refused(
        "standard",
        "profile/uc-three.csr",
        &["profile.names.too_many"],
    );
    refused(
        "standard",
        "wildcard.csr",
        &[
            "name.dns.wildcard_not_allowed",
            "name.dns.wildcard_not_allowed",
        ],
    );
}

#[test]
fn wildcard_takes_exactly_one_wildcard_not_under_a_public_suffix() {
    accepted("wildcard", "wildcard.csr");
    // A Wildcard order whose CSR names no wildcard is a mistaken order.
    refused(
        "wildcard",
        "rsa2048-nosan.csr",
        &["profile.names.wildcard_missing"],
    );
    refused(
        "wildcard",
        "profile/wildcard-two.csr",
        &["profile.names.too_many", "profile.names.wildcard_count"],
    );
    refused(
        "wildcard",
        "profile/wildcard-public-suffix.csr",
        &["profile.names.wildcard_public_suffix"],
    );
}

#[test]
fn ev_is_only_for_gouv_qc_ca_and_never_a_wildcard() {
    accepted("ev", "profile/ev-gouv.csr");
    refused(
        "ev",
        "rsa2048-san.csr",
        &[
            "profile.names.outside_suffix",
            "profile.names.outside_suffix",
        ],
    );
    refused(
        "ev",
        "profile/ev-wildcard.csr",
        &[
            "name.dns.wildcard_not_allowed",
            "name.dns.wildcard_not_allowed",
        ],
    );
}

#[test]
fn uc_takes_many_names() {
    accepted("uc", "profile/uc-three.csr");
    accepted("uc", "rsa2048-san.csr");
    refused(
        "uc",
        "wildcard.csr",
        &[
            "name.dns.wildcard_not_allowed",
            "name.dns.wildcard_not_allowed",
        ],
    );
}

#[test]
fn code_signing_needs_rsa_3072_and_no_domain_name() {
    accepted("code-signing", "profile/code-signing.csr");
    let small = check("code-signing", "profile/code-signing-rsa2048.csr");
    assert_eq!(errors(&small), ["key.rsa.too_small"]);
    assert_eq!(small.findings()[0].arg_value("min"), Some("3072"));
    refused(
        "code-signing",
        "profile/code-signing-dns.csr",
        &["profile.names.dns_not_allowed"],
    );
    // A TLS request for a code-signing order is refused twice over.
    refused(
        "code-signing",
        "usages.csr",
        &[
            "key.rsa.too_small",
            "profile.names.dns_not_allowed",
            "profile.usage.eku_not_allowed",
            "profile.usage.eku_not_allowed",
        ],
    );
}

#[test]
fn entreprise_certifies_persons_and_organisations() {
    accepted("entreprise", "email-subject.csr");
    refused(
        "entreprise",
        "rsa2048-san.csr",
        &["profile.names.dns_not_allowed"],
    );
}

#[test]
fn igc_sante_server_names_fall_under_the_authorised_domains() {
    // The embedded catalogue knows no establishment's domains: fail closed and say so.
    refused(
        "ssl-serveur",
        "profile/gap-serveur.csr",
        &["profile.names.authorized_domains_unset"],
    );
    let ch_ville = Catalog::embedded().extended_with(
        Catalog::from_toml(
            r#"
            [[product]]
            id = "ssl-serveur"
            name = "IGC-Santé SSL_SERVEUR"
            issuer = "IGC-Santé"
            source = "003_a88f77ecd5bd515e.txt"
            usage = "tls-server"
            names = { wildcard = "forbidden", authorized_domains = ["*ch-ville.fr"] }
            validity_years = [3]
            "#,
        )
        .unwrap(),
    );
    let ok = check_in(&ch_ville, "ssl-serveur", "profile/gap-serveur.csr");
    assert_eq!(ok.verdict(), Verdict::Accepted, "{:?}", errors(&ok));
    let outside = check_in(
        &ch_ville,
        "ssl-serveur",
        "profile/gap-serveur-autre-domaine.csr",
    );
    assert_eq!(errors(&outside), ["profile.names.not_authorized"]);
    assert_eq!(
        outside.findings()[0].arg_value("name"),
        Some("gap.autrech-ville.fr")
    );
}

#[test]
fn igc_sante_client_names_a_service_not_a_host() {
    accepted("org-auth-cli", "profile/gap-client.csr");
    accepted("org-auth-cli", "service-name.csr");
    refused(
        "org-auth-cli",
        "profile/gap-client-server-eku.csr",
        &["profile.usage.eku_not_allowed"],
    );
}

#[test]
fn certigna_takes_rsa_2048_only() {
    accepted("certigna-ssl", "rsa2048-san.csr");
    refused(
        "certigna-ssl",
        "rsa3072-sha384.csr",
        &["key.rsa.size_not_allowed"],
    );
    refused("certigna-ssl", "p256.csr", &["key.algorithm_not_allowed"]);
}

#[test]
fn ca_requests_need_strong_keys_and_no_host_names() {
    accepted("ca", "profile/ca-rsa3072.csr");
    refused("ca", "requests-ca.csr", &["key.rsa.too_small"]);
    // A CA asks for no extended key usage such as codeSigning.
    refused(
        "ca",
        "profile/code-signing.csr",
        &["profile.usage.eku_not_allowed"],
    );
}

fn quoted(profile: &str, years: u32, names: Option<u32>, replacement: bool) -> Report {
    let catalog = Catalog::embedded();
    quote(
        catalog.product(profile).unwrap(),
        QuoteRequest {
            years,
            names,
            replacement,
        },
    )
}

fn total(report: &Report) -> Option<u64> {
    report.quote_facts().unwrap().total_cents
}

#[test]
fn quotes_show_every_line_and_refuse_what_the_catalogue_forbids() {
    // 3-year UC with 12 names: 3 × 260 $ + (12 − 2) aliases × 45 $ × 3 years = 780 + 1350.
    let uc = quoted("uc", 3, Some(12), false);
    assert_eq!(uc.verdict(), Verdict::Accepted);
    let facts = uc.quote_facts().unwrap();
    assert_eq!(facts.currency, "CAD");
    assert_eq!(facts.lines.len(), 2);
    assert_eq!(
        (facts.lines[0].item, facts.lines[0].amount_cents),
        ("base", 78_000)
    );
    assert_eq!(
        (
            facts.lines[1].item,
            facts.lines[1].quantity,
            facts.lines[1].amount_cents
        ),
        ("extra_names", 30, 135_000)
    );
    assert_eq!(total(&uc), Some(213_000));
    assert!(uc.has("quote.tls_subscription"));

    assert_eq!(total(&quoted("standard", 1, None, false)), Some(26_000));
    assert_eq!(total(&quoted("wildcard", 2, None, false)), Some(230_000));
    assert_eq!(total(&quoted("ev", 1, None, false)), Some(31_700));
    assert_eq!(total(&quoted("code-signing", 2, None, false)), Some(74_400));
    assert_eq!(total(&quoted("entreprise", 3, None, false)), Some(33_900));
    assert_eq!(total(&quoted("standard", 2, None, true)), Some(15_000));

    let too_many = quoted("uc", 1, Some(251), false);
    assert_eq!(errors(&too_many), ["quote.too_many_names"]);
    assert_eq!(total(&too_many), None);
    assert!(too_many.quote_facts().unwrap().lines.is_empty());
    assert_eq!(
        errors(&quoted("standard", 1, Some(3), false)),
        ["quote.too_many_names"]
    );
    assert_eq!(
        errors(&quoted("code-signing", 1, None, true)),
        ["quote.no_replacement"]
    );
    assert_eq!(
        errors(&quoted("entreprise", 1, None, true)),
        ["quote.no_replacement"]
    );
    assert_eq!(
        errors(&quoted("standard", 0, None, false)),
        ["quote.duration_not_offered"]
    );
    assert_eq!(
        errors(&quoted("ssl-serveur", 3, None, false)),
        ["quote.no_tariff"]
    );
}

fn sceau(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_lists_profiles_quotes_and_reads_a_catalogue_file() {
    let list = sceau(&["profiles"]);
    assert_eq!(list.status.code(), Some(0));
    let text = String::from_utf8_lossy(&list.stdout);
    for id in [
        "standard",
        "wildcard",
        "ev",
        "uc",
        "code-signing",
        "entreprise",
        "ssl-serveur",
        "org-auth-cli",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(id)),
            "{id} missing from:\n{text}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&sceau(&["profiles", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        Catalog::embedded().products.len()
    );

    let q = sceau(&[
        "quote",
        "--profile",
        "uc",
        "--years",
        "3",
        "--names",
        "12",
        "--lang",
        "fr",
    ]);
    assert_eq!(q.status.code(), Some(0));
    let text = String::from_utf8_lossy(&q.stdout);
    assert!(text.contains("2\u{202f}130,00 CAD"), "{text}");
    assert_eq!(
        sceau(&[
            "quote",
            "--profile",
            "code-signing",
            "--years",
            "1",
            "--replacement"
        ])
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        sceau(&["quote", "--profile", "nope", "--years", "1"])
            .status
            .code(),
        Some(2)
    );

    let dir = std::env::temp_dir().join(format!("sceau-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ch-ville.toml");
    std::fs::write(
        &file,
        "[[product]]\nid = \"ssl-serveur\"\nname = \"SSL_SERVEUR CH Ville\"\nissuer = \"IGC-Santé\"\nsource = \"003\"\nusage = \"tls-server\"\nnames = { authorized_domains = [\"*ch-ville.fr\"] }\n",
    )
    .unwrap();
    let csr = data("profile/gap-serveur.csr");
    let with = sceau(&[
        "csr",
        "check",
        "--profile",
        "ssl-serveur",
        "--catalog",
        file.to_str().unwrap(),
        csr.to_str().unwrap(),
    ]);
    assert_eq!(
        with.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&with.stdout)
    );
    let without = sceau(&[
        "csr",
        "check",
        "--profile",
        "ssl-serveur",
        csr.to_str().unwrap(),
    ]);
    assert_eq!(without.status.code(), Some(1));
    std::fs::write(&file, "[[product]]\nid = 1\n").unwrap();
    let broken = sceau(&["profiles", "--catalog", file.to_str().unwrap()]);
    assert_eq!(broken.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn absurd_orders_overflow_into_a_refusal_not_a_wrong_total() {
    let mut unlimited = Catalog::embedded().product("uc").unwrap().clone();
    unlimited.names.max = None;
    let huge = quote(
        &unlimited,
        QuoteRequest {
            years: u32::MAX,
            names: Some(u32::MAX),
            replacement: false,
        },
    );
    assert_eq!(errors(&huge), ["quote.amount_overflow"]);
    assert_eq!(huge.quote_facts().unwrap().total_cents, None);
    assert!(huge.quote_facts().unwrap().lines.is_empty());
}
