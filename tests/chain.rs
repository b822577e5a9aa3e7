//! Chain verification and revocation on the Diapason-like PKIs of tests/data/chain (made by its
//! make-fixtures.sh with `openssl ca`): every revocation outcome and every chain diagnostic.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use rustls_pki_types::UnixTime;
use sceau::RevocationStatus as Status;
use sceau::{Report, RevocationPolicy, Severity, Usage, Verdict, Verifier, VerifyOptions};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/chain")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// 2027-06-01: after the fixtures' revocations and OCSP responses, before any nextUpdate but
/// that of the deliberately expired CRL.
fn judged_at() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(1_811_808_000))
}

struct Setup {
    usage: Usage,
    roots: Vec<&'static str>,
    crls: Vec<&'static str>,
    ocsp: Vec<&'static str>,
    revocation: RevocationPolicy,
}

fn terminals() -> Setup {
    Setup {
        usage: Usage::Client,
        roots: vec!["ingetrust-root.pem"],
        crls: vec!["ingetrust-ca.crl.pem", "ingetrust-root.crl.pem"],
        ocsp: vec![],
        revocation: RevocationPolicy::Required,
    }
}

impl Setup {
    fn verifier(&self) -> Verifier {
        let mut options = VerifyOptions::new(self.usage, judged_at());
        options.revocation = self.revocation;
        let mut verifier = Verifier::new("test", options);
        for root in &self.roots {
            verifier.add_anchors(&fixture(root)).unwrap();
        }
        for crl in &self.crls {
            verifier.add_crls(&fixture(crl)).unwrap();
        }
        for response in &self.ocsp {
            verifier.add_ocsp(&fixture(response)).unwrap();
        }
        verifier
    }

    fn verify(&self, chain: &str) -> Report {
        self.verifier().verify(&fixture(chain)).unwrap()
    }
}

fn codes(report: &Report, severity: Severity) -> Vec<&'static str> {
    report
        .findings()
        .iter()
        .filter(|f| f.severity() == severity)
        .map(|f| f.code())
        .collect()
}

fn finding<'a>(report: &'a Report, code: &str) -> &'a sceau::Finding {
    report
        .findings()
        .iter()
        .find(|f| f.code() == code)
        .unwrap_or_else(|| panic!("no {code} in {}", report.to_text(sceau::Lang::En)))
}

#[test]
fn a_good_terminal_validates_with_crls_for_leaf_and_intermediate() {
    let report = terminals().verify("tpe-good-chain.pem");
    assert_eq!(
        report.verdict(),
        Verdict::Accepted,
        "{}",
        report.to_text(sceau::Lang::En)
    );
    let facts = report.chain_facts().unwrap();
    let roles: Vec<&str> = facts.path.iter().map(|e| e.role).collect();
    assert_eq!(roles, ["leaf", "intermediate", "anchor"]);
    assert!(facts.path[0].subject.contains("TPE-0001"));
    assert!(matches!(facts.path[0].revocation, Status::Good { .. }));
    assert!(matches!(facts.path[1].revocation, Status::Good { .. }));
    assert_eq!(facts.path[2].revocation, Status::NotChecked);
    assert!(report.findings().is_empty(), "{:?}", report.findings());
}

#[test]
fn a_revoked_terminal_fails_with_date_and_reason_from_the_crl() {
    let report = terminals().verify("tpe-revoked-chain.pem");
    assert_eq!(report.verdict(), Verdict::Rejected);
    let revoked = finding(&report, "revocation.revoked");
    assert_eq!(revoked.arg_value("reason"), Some("keyCompromise"));
    assert!(revoked.arg_value("date").unwrap().starts_with("20"));
    assert!(revoked.arg_value("source").unwrap().contains("CRL"));
    // A revocation is reported even under best effort.
    let mut lenient = terminals();
    lenient.revocation = RevocationPolicy::BestEffort;
    assert!(lenient
        .verify("tpe-revoked-chain.pem")
        .has("revocation.revoked"));
}

#[test]
fn a_der_crl_reads_like_a_pem_one() {
    let mut setup = terminals();
    setup.crls = vec!["ingetrust-ca.crl.der", "ingetrust-root.crl.pem"];
    assert!(setup
        .verify("tpe-revoked-chain.pem")
        .has("revocation.revoked"));
    assert_eq!(
        setup.verify("tpe-good-chain.pem").verdict(),
        Verdict::Accepted
    );
}

#[test]
fn ocsp_from_a_delegated_responder_says_good_and_revoked() {
    // No CRL of the TPE CA: the responder's own status is not known, which best effort accepts
    // (under `required` such a responder is not believed: tests/hardening.rs).
    let mut setup = terminals();
    setup.revocation = RevocationPolicy::BestEffort;
    setup.crls = vec!["ingetrust-root.crl.pem"];
    setup.ocsp = vec!["tpe-good.ocsp.der", "tpe-revoked.ocsp.der"];
    let good = setup.verify("tpe-good-chain.pem");
    assert_eq!(
        good.verdict(),
        Verdict::Accepted,
        "{}",
        good.to_text(sceau::Lang::En)
    );
    match &good.chain_facts().unwrap().path[0].revocation {
        Status::Good { source, .. } => assert!(source.contains("OCSP"), "{source}"),
        other => panic!("{other:?}"),
    }
    let revoked = setup.verify("tpe-revoked-chain.pem");
    let finding = finding(&revoked, "revocation.revoked");
    assert_eq!(finding.arg_value("reason"), Some("keyCompromise"));
    assert!(finding.arg_value("source").unwrap().contains("OCSP"));
}

#[test]
fn ocsp_signed_by_the_issuer_itself_is_evidence() {
    let mut setup = terminals();
    setup.crls = vec!["ingetrust-root.crl.pem"];
    setup.ocsp = vec!["tpe-good-by-ca.ocsp.der"];
    assert_eq!(
        setup.verify("tpe-good-chain.pem").verdict(),
        Verdict::Accepted
    );
}

#[test]
fn ocsp_signed_by_an_unauthorised_certificate_is_not_evidence() {
    let mut setup = terminals();
    setup.crls = vec!["ingetrust-root.crl.pem"];
    setup.ocsp = vec!["tpe-good-unauthorised.ocsp.der"];
    let report = setup.verify("tpe-good-chain.pem");
    let missing = finding(&report, "revocation.missing");
    assert!(
        missing.arg_value("why").unwrap().contains("OCSP"),
        "{:?}",
        missing.arg_value("why")
    );
}

#[test]
fn a_responder_revoked_on_a_crl_is_not_believed() {
    // The CA's CRL is stale: only the OCSP response could make the terminal's status fresh,
    // and it is signed by a responder that very CRL revokes.
    let mut setup = terminals();
    setup.crls = vec!["ingetrust-ca-expired.crl.pem", "ingetrust-root.crl.pem"];
    setup.ocsp = vec!["tpe-good-by-retired.ocsp.der"];
    let report = setup.verify("tpe-good-chain.pem");
    let stale = finding(&report, "revocation.stale");
    assert!(
        stale.arg_value("why").unwrap().contains("CRL"),
        "{:?}",
        stale.arg_value("why")
    );
    // A responder the stale CRL does not revoke settles the same situation by OCSP under best
    // effort (under `required` its standing, known only from a stale CRL, is not enough).
    setup.ocsp = vec!["tpe-good.ocsp.der"];
    setup.revocation = RevocationPolicy::BestEffort;
    let lenient = setup.verify("tpe-good-chain.pem");
    assert_eq!(lenient.verdict(), Verdict::Accepted);
    assert!(
        !lenient.has("revocation.stale_accepted"),
        "{}",
        lenient.to_text(sceau::Lang::En)
    );
}

#[test]
fn missing_evidence_fails_closed_under_required_only() {
    let mut setup = terminals();
    setup.crls = vec!["ingetrust-root.crl.pem"];
    let required = setup.verify("tpe-good-chain.pem");
    assert_eq!(codes(&required, Severity::Error), ["revocation.missing"]);
    assert!(finding(&required, "revocation.missing")
        .arg_value("subject")
        .unwrap()
        .contains("TPE-0001"));

    setup.revocation = RevocationPolicy::BestEffort;
    let lenient = setup.verify("tpe-good-chain.pem");
    assert_eq!(lenient.verdict(), Verdict::Accepted);
    assert_eq!(codes(&lenient, Severity::Warning), ["revocation.unchecked"]);

    setup.revocation = RevocationPolicy::Off;
    let off = setup.verify("tpe-good-chain.pem");
    assert!(off.findings().is_empty());
    assert_eq!(
        off.chain_facts().unwrap().path[0].revocation,
        Status::NotChecked
    );
}

#[test]
fn an_expired_crl_fails_under_required_and_warns_under_best_effort() {
    let mut setup = terminals();
    setup.crls = vec!["ingetrust-ca-expired.crl.pem", "ingetrust-root.crl.pem"];
    let required = setup.verify("tpe-good-chain.pem");
    assert_eq!(codes(&required, Severity::Error), ["revocation.stale"]);
    assert!(finding(&required, "revocation.stale")
        .arg_value("why")
        .unwrap()
        .contains("2026-06-01"));
    setup.revocation = RevocationPolicy::BestEffort;
    let lenient = setup.verify("tpe-good-chain.pem");
    assert_eq!(lenient.verdict(), Verdict::Accepted);
    assert_eq!(
        codes(&lenient, Severity::Warning),
        ["revocation.stale_accepted"]
    );
}

#[test]
fn a_crl_not_yet_valid_is_no_fresh_evidence() {
    let mut setup = terminals();
    setup.crls = vec!["ingetrust-ca-future.crl.pem", "ingetrust-root.crl.pem"];
    let report = setup.verify("tpe-good-chain.pem");
    assert!(finding(&report, "revocation.stale")
        .arg_value("why")
        .unwrap()
        .contains("after the validation time"));
}

#[test]
fn a_last_crl_with_nextupdate_9999_never_expires() {
    let crl = sceau::Crl::read_all(&fixture("ingetrust-root-last.crl.pem")).unwrap();
    assert_eq!(crl[0].next_update(), Some(253_402_300_799));
    // 2035-12-01: the CA's ordinary CRL is still fresh, the root's last CRL always is.
    let mut options = VerifyOptions::new(
        Usage::Client,
        UnixTime::since_unix_epoch(Duration::from_secs(2_080_080_000)),
    );
    options.revocation = RevocationPolicy::Required;
    let mut verifier = Verifier::new("test", options);
    verifier
        .add_anchors(&fixture("ingetrust-root.pem"))
        .unwrap();
    verifier.add_crls(&fixture("ingetrust-ca.crl.pem")).unwrap();
    verifier
        .add_crls(&fixture("ingetrust-root-last.crl.pem"))
        .unwrap();
    let report = verifier.verify(&fixture("tpe-good-chain.pem")).unwrap();
    assert_eq!(
        report.verdict(),
        Verdict::Accepted,
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

#[test]
fn diagnostics_name_what_is_wrong_with_the_chain_given() {
    let setup = terminals();
    let wrong_order = setup.verify("tpe-wrong-order.pem");
    let first = finding(&wrong_order, "chain.leaf_not_first");
    assert_eq!(first.arg_value("position"), Some("2"));

    let extra = setup.verify("tpe-extra.pem");
    assert_eq!(extra.verdict(), Verdict::Accepted);
    assert!(finding(&extra, "chain.extra_certificate")
        .arg_value("subject")
        .unwrap()
        .contains("gap.ch-ville.fr"));

    let missing = setup.verify("tpe-good.pem");
    assert_eq!(
        finding(&missing, "chain.issuer_not_found").arg_value("issuer"),
        Some("CN=IngeTrust Test TPE CA, O=IngeTrust Test, C=FR")
    );

    let expired = setup.verify("tpe-expired-chain.pem");
    assert!(finding(&expired, "chain.expired")
        .arg_value("subject")
        .unwrap()
        .contains("TPE-0003"));
}

#[test]
fn an_expired_root_is_a_warning_and_a_self_signed_leaf_an_error() {
    let setup = Setup {
        usage: Usage::TlsServer,
        roots: vec!["old-root.pem"],
        crls: vec![],
        ocsp: vec![],
        revocation: RevocationPolicy::Off,
    };
    let report = setup.verify("old-root-leaf.pem");
    assert_eq!(report.verdict(), Verdict::Accepted);
    assert_eq!(codes(&report, Severity::Warning), ["chain.anchor_expired"]);

    let self_signed = setup.verify("self-signed.pem");
    assert!(codes(&self_signed, Severity::Error).contains(&"chain.leaf_self_signed"));
}

fn gateway(name: &str, cn_fallback: bool) -> Report {
    let mut options = VerifyOptions::new(Usage::TlsServer, judged_at());
    options.revocation = RevocationPolicy::BestEffort;
    options.name = Some(name.into());
    options.cn_fallback = cn_fallback;
    let mut verifier = Verifier::new("test", options);
    verifier.add_anchors(&fixture("igc-sante-acr.pem")).unwrap();
    verifier
        .add_crls(&fixture("igc-sante-aci.crl.pem"))
        .unwrap();
    verifier
        .add_crls(&fixture("igc-sante-acr.crl.pem"))
        .unwrap();
    verifier.verify(&fixture("gap-chain.pem")).unwrap()
}

#[test]
fn the_server_name_is_checked_and_the_cn_counts_only_when_allowed() {
    assert_eq!(
        gateway("gap.ch-ville.fr", false).verdict(),
        Verdict::Accepted
    );
    let wrong = gateway("autre.ch-ville.fr", false);
    let mismatch = finding(&wrong, "chain.name_mismatch");
    assert!(mismatch
        .arg_value("presented")
        .unwrap()
        .contains("gap.ch-ville.fr"));

    let cn_only = |fallback: bool| {
        let mut options = VerifyOptions::new(Usage::TlsServer, judged_at());
        options.revocation = RevocationPolicy::Off;
        options.name = Some("gap.ch-ville.fr".into());
        options.cn_fallback = fallback;
        let mut verifier = Verifier::new("test", options);
        verifier.add_anchors(&fixture("igc-sante-acr.pem")).unwrap();
        verifier.verify(&fixture("gap-cn-only-chain.pem")).unwrap()
    };
    assert_eq!(
        codes(&cn_only(false), Severity::Error),
        ["chain.name_mismatch"]
    );
    let allowed = cn_only(true);
    assert_eq!(allowed.verdict(), Verdict::Accepted);
    assert_eq!(
        codes(&allowed, Severity::Warning),
        ["chain.name.cn_fallback"]
    );
}

#[test]
fn usage_and_depth_are_enforced() {
    let mut setup = terminals();
    setup.usage = Usage::TlsServer;
    assert!(setup
        .verify("tpe-good-chain.pem")
        .has("chain.usage_not_allowed"));

    let mut options = VerifyOptions::new(Usage::Client, judged_at());
    options.max_depth = 0;
    options.revocation = RevocationPolicy::Off;
    let mut verifier = Verifier::new("test", options);
    verifier
        .add_anchors(&fixture("ingetrust-root.pem"))
        .unwrap();
    let report = verifier.verify(&fixture("tpe-good-chain.pem")).unwrap();
    assert_eq!(
        finding(&report, "chain.too_long").arg_value("count"),
        Some("1")
    );
}

#[test]
fn bad_input_is_an_error_not_a_verdict() {
    let verifier = terminals().verifier();
    let garbage = verifier.verify(b"not a chain");
    assert!(
        matches!(
            garbage,
            Err(sceau::Error::BadBase64 { .. } | sceau::Error::NotPemOrDer { .. })
        ),
        "{garbage:?}"
    );
    assert!(matches!(
        verifier.verify(&fixture("ingetrust-ca.crl.pem")),
        Err(sceau::Error::WrongKind { .. })
    ));
    let empty = Verifier::new("test", VerifyOptions::new(Usage::Any, judged_at()));
    assert!(matches!(
        empty.verify(&fixture("tpe-good-chain.pem")),
        Err(sceau::Error::InvalidArgument { name: "roots", .. })
    ));
    let mut bad_crl = terminals().verifier();
    assert!(bad_crl.add_crls(&fixture("tpe-good.pem")).is_err());
}

/// A CA made by rcgen: its certificate and the issuer that signs with its key.
fn rcgen_ca(
    name: &str,
    constraints: Option<rcgen::NameConstraints>,
) -> (Vec<u8>, rcgen::Issuer<'static, rcgen::KeyPair>) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyUsagePurpose};
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.name_constraints = constraints;
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2030, 1, 1);
    let der = params.self_signed(&key).unwrap().der().to_vec();
    (der, rcgen::Issuer::new(params, key))
}

fn rcgen_leaf(dns: &str, issuer: &rcgen::Issuer<'static, rcgen::KeyPair>) -> Vec<u8> {
    let mut params = rcgen::CertificateParams::new(vec![dns.to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2029, 1, 1);
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let key = rcgen::KeyPair::generate().unwrap();
    params.signed_by(&key, issuer).unwrap().der().to_vec()
}

fn verify_der(root: &[u8], chain: &[Vec<u8>]) -> Report {
    let mut options = VerifyOptions::new(Usage::TlsServer, judged_at());
    options.revocation = RevocationPolicy::Off;
    let mut verifier = Verifier::new("test", options);
    verifier.add_anchors(root).unwrap();
    let chain: Vec<rustls_pki_types::CertificateDer<'static>> = chain
        .iter()
        .map(|c| rustls_pki_types::CertificateDer::from(c.clone()))
        .collect();
    verifier.verify_certificates(&chain, None)
}

#[test]
fn name_constraints_of_a_ca_bind_the_leaf() {
    let constraints = rcgen::NameConstraints {
        permitted_subtrees: vec![rcgen::GeneralSubtree::DnsName("ch-ville.fr".into())],
        excluded_subtrees: vec![],
    };
    let (root, issuer) = rcgen_ca("AC contrainte", Some(constraints));
    let inside = verify_der(&root, &[rcgen_leaf("gap.ch-ville.fr", &issuer)]);
    assert_eq!(
        inside.verdict(),
        Verdict::Accepted,
        "{}",
        inside.to_text(sceau::Lang::En)
    );
    let outside = verify_der(&root, &[rcgen_leaf("gap.autre.fr", &issuer)]);
    assert_eq!(codes(&outside, Severity::Error), ["chain.name_constraints"]);
}

#[test]
fn a_namesake_anchor_with_another_key_does_not_verify() {
    let (_, signer) = rcgen_ca("AC homonyme", None);
    let (impostor, _) = rcgen_ca("AC homonyme", None);
    let report = verify_der(&impostor, &[rcgen_leaf("www.exemple.fr", &signer)]);
    assert_eq!(codes(&report, Severity::Error), ["chain.signature_invalid"]);
}

#[test]
fn other_refusals_carry_webpki_reason() {
    let (root, issuer) = rcgen_ca("AC", None);
    let mut params = rcgen::CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2029, 1, 1);
    let mut unknown =
        rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 99999, 1], vec![0x05, 0x00]);
    unknown.set_criticality(true);
    params.custom_extensions = vec![unknown];
    let leaf = params
        .signed_by(&rcgen::KeyPair::generate().unwrap(), &issuer)
        .unwrap()
        .der()
        .to_vec();
    let report = verify_der(&root, &[leaf]);
    let invalid = finding(&report, "chain.invalid");
    assert!(invalid
        .arg_value("detail")
        .unwrap()
        .contains("UnsupportedCriticalExtension"));
}

#[test]
fn an_unreadable_certificate_in_the_chain_is_named_by_position() {
    let (root, issuer) = rcgen_ca("AC", None);
    let leaf = rcgen_leaf("www.exemple.fr", &issuer);
    let report = verify_der(&root, &[leaf, vec![0x30, 0x03, 0x02, 0x01, 0x01]]);
    assert_eq!(
        finding(&report, "chain.unreadable").arg_value("position"),
        Some("2")
    );
}
