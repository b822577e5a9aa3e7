//! Lifecycle at fixed times on a certificate valid 2026-01-05 → 2027-01-05 (issued by rcgen):
//! days and business days left (Québec holidays), each catalogue's notice, Certigna's renewal
//! and re-issuance terms. Expected figures were counted independently.

use std::process::Command;
use std::time::Duration;

use rcgen::{CertificateParams, KeyPair};
use rustls_pki_types::UnixTime;
use sceau::expiry;
use sceau::{Catalog, Report, Verdict};

fn certificate(from: (i32, u8, u8), to: (i32, u8, u8)) -> Vec<u8> {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
    params.not_after = rcgen::date_time_ymd(to.0, to.1, to.2);
    params.self_signed(&key).unwrap().pem().into_bytes()
}

fn at(y: i32, m: u8, d: u8) -> UnixTime {
    let t = rcgen::date_time_ymd(y, m, d).unix_timestamp();
    UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(t).unwrap()))
}

fn judge(profile: &str, now: UnixTime) -> Report {
    let catalog = Catalog::embedded();
    let cert = certificate((2026, 1, 5), (2027, 1, 5));
    expiry(
        &cert,
        catalog.product(profile).unwrap(),
        &catalog.holidays,
        now,
    )
    .unwrap()
}

#[test]
fn cspq_notice_opens_at_fifty_business_days() {
    let before = judge("standard", at(2026, 10, 20));
    let f = before.expiry_facts().unwrap();
    assert_eq!((f.days_left, f.business_days_left), (77, 53));
    assert_eq!(f.notice_open, Some(false));
    assert!(before.findings().is_empty());

    let due = judge("standard", at(2026, 10, 23));
    let f = due.expiry_facts().unwrap();
    assert_eq!((f.days_left, f.business_days_left), (74, 50));
    assert_eq!(f.notice_open, Some(true));
    assert!(due.has("expiry.notice_due"));
    assert_eq!(due.verdict(), Verdict::Accepted);
    // Christmas, Boxing Day and New Year's Day are not worked.
    let f = judge("standard", at(2026, 12, 1));
    assert_eq!(f.expiry_facts().unwrap().business_days_left, 23);
}

#[test]
fn certigna_notice_renewal_and_reissue() {
    let early = judge("certigna-ssl", at(2026, 3, 1));
    let f = early.expiry_facts().unwrap();
    assert_eq!(f.reissue_until.as_deref(), Some("2026-04-05"));
    assert_eq!(f.reissue_possible, Some(true));
    assert_eq!(f.notice_open, Some(false));
    assert_eq!(f.order_again_from.as_deref(), Some("2026-10-05"));
    // Renewing keeps every day left: the new certificate ends one year after the old one.
    assert_eq!(f.renewal_not_after.as_deref(), Some("2028-01-05T00:00:00Z"));

    let late = judge("certigna-ssl", at(2026, 10, 10));
    let f = late.expiry_facts().unwrap();
    assert_eq!(f.days_left, 87);
    assert_eq!(f.notice_open, Some(true));
    assert_eq!(f.reissue_possible, Some(false));
    assert_eq!(f.renewal_not_after.as_deref(), Some("2028-01-05T00:00:00Z"));
}

#[test]
fn igc_sante_alerts_one_month_ahead() {
    assert_eq!(
        judge("ssl-serveur", at(2026, 12, 4))
            .expiry_facts()
            .unwrap()
            .notice_open,
        Some(false)
    );
    assert_eq!(
        judge("ssl-serveur", at(2026, 12, 5))
            .expiry_facts()
            .unwrap()
            .notice_open,
        Some(true)
    );
}

#[test]
fn expired_and_not_yet_valid_certificates_are_refused() {
    let expired = judge("standard", at(2027, 1, 10));
    assert_eq!(expired.verdict(), Verdict::Rejected);
    assert!(expired.has("expiry.expired"));
    let f = expired.expiry_facts().unwrap();
    assert_eq!(
        (f.status, f.days_left, f.renewal_not_after.clone()),
        ("expired", -5, None)
    );
    let early = judge("standard", at(2025, 12, 1));
    assert!(early.has("expiry.not_yet_valid"));
}

#[test]
fn the_cli_prints_one_line_per_file() {
    let dir = std::env::temp_dir().join(format!("sceau-expiry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let valid = dir.join("valid.pem");
    let old = dir.join("old.pem");
    std::fs::write(&valid, certificate((2026, 1, 5), (2027, 1, 5))).unwrap();
    std::fs::write(&old, certificate((2024, 1, 5), (2025, 1, 5))).unwrap();
    let run = |files: &[&std::path::Path]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sceau"));
        cmd.args([
            "expiry",
            "--profile",
            "standard",
            "--now",
            "2026-10-23T00:00:00Z",
        ]);
        cmd.args(files);
        cmd.output().unwrap()
    };
    let one = run(&[&valid]);
    assert_eq!(one.status.code(), Some(0));
    let text = String::from_utf8_lossy(&one.stdout);
    assert_eq!(text.lines().count(), 1);
    assert!(
        text.contains("74 days, 50 business days left") && text.contains("NOTICE"),
        "{text}"
    );
    let both = run(&[&valid, &old]);
    assert_eq!(both.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&both.stdout).lines().count(), 2);
    let missing = run(&[&valid, &dir.join("absent.pem")]);
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
