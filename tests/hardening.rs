//! Regressions of the defects a review and hostile input found (issue 9), one test or more
//! each, on real inputs: every test here failed on the code before its fix.

use std::time::Duration;

use rustls_pki_types::UnixTime;
use sceau::{check_csr, Error, IssuancePolicy, ObjectKind};

mod common;
use common::{csr_data, today};

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// Item 8: a paste that mentions a BEGIN line in its prose.

#[test]
fn certigna_instructions_pasted_with_their_example_csr_are_read() {
    // The exact paragraph of seed 002 above its example CSR: its prose names the header
    // «-----BEGIN CERTIFICATE REQUEST----» inside a sentence.
    let pasted = read(&csr_data("certigna-instructions.txt"));
    assert!(String::from_utf8_lossy(&pasted)
        .contains("l’entête «\u{a0}-----BEGIN CERTIFICATE REQUEST---- »"));
    let report = check_csr(&pasted, &IssuancePolicy::baseline(), today()).unwrap();
    let facts = report.csr_facts().unwrap();
    assert_eq!(facts.common_name.as_deref(), Some("www.certigna.com"));
}

#[test]
fn prose_that_only_mentions_a_boundary_is_not_pem() {
    let prose = "collez la CSR avec l'entête « -----BEGIN CERTIFICATE REQUEST----- » et le pied";
    match check_csr(prose.as_bytes(), &IssuancePolicy::baseline(), today()) {
        Err(Error::NotPemOrDer { detail, .. }) => assert!(detail.contains("prose"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

// Item 17: a message about blocks of another kind is bounded.

#[test]
fn two_hundred_thousand_blocks_of_another_kind_give_a_one_line_error() {
    let block = "-----BEGIN X509 CRL-----\nMAMCAQA=\n-----END X509 CRL-----\n";
    let mut input = block.repeat(200_000);
    input.push_str("-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n");
    let err = check_csr(input.as_bytes(), &IssuancePolicy::baseline(), today()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.len() < 300,
        "{} bytes: {}",
        message.len(),
        &message[..300]
    );
    assert!(
        message.contains("200000 PEM blocks labelled 'X509 CRL'"),
        "{message}"
    );
    assert!(
        message.contains("a PEM block labelled 'CERTIFICATE'"),
        "{message}"
    );
    assert!(matches!(
        err,
        Error::WrongKind {
            expected: ObjectKind::Csr,
            ..
        }
    ));
}

#[allow(dead_code)]
fn at(seconds: u64) -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(seconds))
}
