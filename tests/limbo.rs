//! x509-limbo (tests/data/limbo/limbo.json.xz, copied from ../shared/testdata/limbo, or the
//! file named by SCEAU_LIMBO): every test case through sceau's verifier and through
//! rustls-webpki alone, in the same run. When the file is absent the test fails under CI and
//! says why it skipped elsewhere. Run `cargo test --test limbo -- --nocapture`
//! for the figures and the list of cases where sceau and webpki differ.

use std::path::PathBuf;
use std::time::Duration;

use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use sceau::{RevocationPolicy, Usage, Verdict, Verifier, VerifyOptions};
use serde_json::Value;

mod common;

fn limbo_path() -> PathBuf {
    std::env::var_os("SCEAU_LIMBO")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/limbo/limbo.json.xz")
        })
}

fn pem_der(pem: &str) -> CertificateDer<'static> {
    let decoded = sceau::decode(pem.as_bytes(), sceau::ObjectKind::Certificate)
        .expect("limbo certificates are PEM");
    CertificateDer::from(decoded.der.into_owned())
}

fn pems(case: &Value, field: &str) -> Vec<String> {
    case[field]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn time_of(case: &Value) -> UnixTime {
    match case["validation_time"].as_str() {
        Some(text) => {
            let t =
                time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                    .expect("RFC 3339 validation time");
            UnixTime::since_unix_epoch(Duration::from_secs(t.unix_timestamp().max(0) as u64))
        }
        None => UnixTime::now(),
    }
}

fn peer_name(case: &Value) -> Option<ServerName<'static>> {
    let name = &case["expected_peer_name"];
    match name["kind"].as_str() {
        Some("DNS") | Some("IP") => ServerName::try_from(name["value"].as_str()?.to_string()).ok(),
        _ => None,
    }
}

fn usage(case: &Value) -> Usage {
    match case["validation_kind"].as_str() {
        Some("CLIENT") => Usage::Client,
        _ => Usage::TlsServer,
    }
}

/// sceau's verdict: `Ok(true)` valid, `Ok(false)` invalid, with the error codes.
fn sceau_outcome(case: &Value) -> (bool, Vec<&'static str>) {
    let mut options = VerifyOptions::new(usage(case), time_of(case));
    options.revocation = RevocationPolicy::BestEffort;
    if let Some(depth) = case["max_chain_depth"].as_u64() {
        options.max_depth = depth as usize;
    }
    let mut verifier = Verifier::new("limbo", options);
    for anchor in pems(case, "trusted_certs") {
        if verifier.add_anchors(anchor.as_bytes()).is_err() {
            return (false, vec!["(anchor unreadable)"]);
        }
    }
    for crl in pems(case, "crls") {
        if verifier.add_crls(crl.as_bytes()).is_err() {
            return (false, vec!["(CRL unreadable)"]);
        }
    }
    let mut chain = vec![pem_der(case["peer_certificate"].as_str().unwrap())];
    chain.extend(
        pems(case, "untrusted_intermediates")
            .iter()
            .map(|p| pem_der(p)),
    );
    let name = peer_name(case);
    if case["expected_peer_name"]["kind"].as_str().is_some() && name.is_none() {
        return (false, vec!["(peer name unusable)"]);
    }
    let report = verifier.verify_at(&chain, name.as_ref(), time_of(case), &[]);
    let codes = report
        .findings()
        .iter()
        .filter(|f| f.severity() == sceau::Severity::Error)
        .map(|f| f.code())
        .collect();
    (report.verdict() == Verdict::Accepted, codes)
}

/// rustls-webpki alone, as its own limbo harness calls it.
fn webpki_outcome(case: &Value) -> bool {
    let anchors_der: Vec<CertificateDer<'static>> = pems(case, "trusted_certs")
        .iter()
        .map(|p| pem_der(p))
        .collect();
    let anchors: Vec<_> = anchors_der
        .iter()
        .filter_map(|d| webpki::anchor_from_trusted_cert(d).ok())
        .collect();
    let intermediates: Vec<CertificateDer<'static>> = pems(case, "untrusted_intermediates")
        .iter()
        .map(|p| pem_der(p))
        .collect();
    let leaf_der = pem_der(case["peer_certificate"].as_str().unwrap());
    let Ok(leaf) = webpki::EndEntityCert::try_from(&leaf_der) else {
        return false;
    };
    let usage = match usage(case) {
        Usage::Client => webpki::KeyUsage::client_auth(),
        _ => webpki::KeyUsage::server_auth(),
    };
    let crls_der: Vec<Vec<u8>> = pems(case, "crls")
        .iter()
        .filter_map(|p| sceau::decode(p.as_bytes(), sceau::ObjectKind::Crl).ok())
        .map(|d| d.der.into_owned())
        .collect();
    let crls: Vec<webpki::CertRevocationList<'_>> = crls_der
        .iter()
        .filter_map(|d| webpki::BorrowedCertRevocationList::from_der(d).ok())
        .map(webpki::CertRevocationList::from)
        .collect();
    let crl_refs: Vec<&webpki::CertRevocationList<'_>> = crls.iter().collect();
    let revocation = (!crl_refs.is_empty()).then(|| {
        webpki::RevocationOptionsBuilder::new(&crl_refs)
            .unwrap()
            .with_status_policy(webpki::UnknownStatusPolicy::Allow)
            .build()
    });
    let algorithms = webpki::ALL_VERIFICATION_ALGS;
    if leaf
        .verify_for_usage(
            algorithms,
            &anchors,
            &intermediates,
            time_of(case),
            usage,
            revocation,
            None,
        )
        .is_err()
    {
        return false;
    }
    match peer_name(case) {
        Some(name) => leaf.verify_is_valid_for_subject_name(&name).is_ok(),
        None => true,
    }
}

/// The limbo file, decoded; `None` (after saying why) when it is absent outside CI.
fn limbo() -> Option<Value> {
    let path = limbo_path();
    let Ok(file) = std::fs::File::open(&path) else {
        common::prerequisite_missing(&format!("x509-limbo: {} is absent", path.display()));
        return None;
    };
    let mut json = Vec::new();
    lzma_rs::xz_decompress(&mut std::io::BufReader::new(file), &mut json).unwrap();
    Some(serde_json::from_slice(&json).unwrap())
}

/// The cases limbo tags as denial of service (pathological chains, name constraints that
/// multiply) each end in under a second, with the verdict limbo expects. A time bound is the
/// point of these cases, so this test measures one; the bound is generous (the unoptimised
/// build of `cargo test`), where an unbounded search would take minutes.
#[test]
fn x509_limbo_denial_of_service_cases_end_quickly() {
    let Some(limbo) = limbo() else { return };
    let cases: Vec<&Value> = limbo["testcases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| {
            case["features"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f == "denial-of-service"))
        })
        .collect();
    assert!(cases.len() >= 7, "{} denial-of-service cases", cases.len());
    for case in cases {
        let id = case["id"].as_str().unwrap_or("?");
        let start = std::time::Instant::now();
        let (valid, codes) = sceau_outcome(case);
        let took = start.elapsed();
        eprintln!(
            "{id}: {took:?}, {}",
            if valid { "valid" } else { "invalid" }
        );
        assert!(took < Duration::from_secs(1), "{id} took {took:?}");
        assert_eq!(
            valid,
            case["expected_result"] == "SUCCESS",
            "{id}: {codes:?}"
        );
    }
}

#[test]
fn x509_limbo_pass_rate_is_at_least_webpki_s() {
    let Some(limbo) = limbo() else { return };
    let cases = limbo["testcases"].as_array().unwrap();
    let (mut sceau_pass, mut webpki_pass) = (0usize, 0usize);
    let mut differences = Vec::new();
    let mut sceau_too_lenient = Vec::new();
    for case in cases {
        let expected = case["expected_result"] == "SUCCESS";
        let (sceau, codes) = sceau_outcome(case);
        let webpki = webpki_outcome(case);
        sceau_pass += usize::from(sceau == expected);
        webpki_pass += usize::from(webpki == expected);
        if sceau != webpki {
            differences.push(format!(
                "{} (expected {}): sceau {}, webpki {} {:?}",
                case["id"].as_str().unwrap_or("?"),
                case["expected_result"].as_str().unwrap_or("?"),
                if sceau { "valid" } else { "invalid" },
                if webpki { "valid" } else { "invalid" },
                codes
            ));
            if sceau && !expected {
                sceau_too_lenient.push(case["id"].as_str().unwrap_or("?").to_string());
            }
        }
    }
    let total = cases.len();
    println!(
        "x509-limbo: {total} cases; sceau {sceau_pass} as expected ({:.2} %), webpki alone {webpki_pass} ({:.2} %)",
        100.0 * sceau_pass as f64 / total as f64,
        100.0 * webpki_pass as f64 / total as f64
    );
    println!("{} differences from webpki:", differences.len());
    for d in &differences {
        println!("  {d}");
    }
    assert!(
        sceau_too_lenient.is_empty(),
        "sceau accepts what webpki and limbo refuse: {sceau_too_lenient:?}"
    );
    assert!(
        sceau_pass >= webpki_pass,
        "sceau {sceau_pass} < webpki {webpki_pass}"
    );
    assert!(
        sceau_pass as f64 >= 0.992 * total as f64,
        "sceau passes {sceau_pass} of {total}, under 99.2 %"
    );
}
