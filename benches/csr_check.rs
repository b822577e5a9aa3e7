//! A CSR check of an RSA-2048 request next to the bare signature verification it contains.
//! The bar: the whole check (decode, parse, facts, proof of possession, key and name
//! rules, report) costs at most 1.3× the bare verification.
//!
//! Run: `cargo bench --bench csr_check`.

use std::time::Duration;

use divan::black_box;
use ring::signature::{UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use rustls_pki_types::UnixTime;
use sceau::IssuancePolicy;
use x509_parser::prelude::{FromDer, X509CertificationRequest};

fn main() {
    divan::main();
}

const PEM: &[u8] = include_bytes!("../tests/data/csr/rsa2048-san.csr");
const DER: &[u8] = include_bytes!("../tests/data/csr/rsa2048-san.der");

fn now() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(1_795_219_200))
}

/// Runs first in the process (divan runs benches by name) and is in no row of the table: the
/// first bench of a process pays for cold caches and a CPU not yet at speed, and its median
/// jumps between runs. The check from DER, the work the benches after it time.
#[divan::bench(sample_count = 300)]
fn a_warm_up_in_no_row(bencher: divan::Bencher) {
    let policy = IssuancePolicy::baseline();
    bencher.bench(|| sceau::check_csr(black_box(DER), &policy, now()).unwrap());
}

/// The whole intake check of a PEM CSR, as `sceau csr check` runs it.
#[divan::bench(sample_count = 500)]
fn sceau_csr_check_pem(bencher: divan::Bencher) {
    let policy = IssuancePolicy::baseline();
    bencher.bench(|| sceau::check_csr(black_box(PEM), &policy, now()).unwrap());
}

/// The same check from DER (no base64).
#[divan::bench(sample_count = 500)]
fn sceau_csr_check_der(bencher: divan::Bencher) {
    let policy = IssuancePolicy::baseline();
    bencher.bench(|| sceau::check_csr(black_box(DER), &policy, now()).unwrap());
}

/// The peer: ring verifying the CSR's RSA-2048 PKCS#1 SHA-256 signature over its
/// CertificationRequestInfo, inputs extracted beforehand.
#[divan::bench(sample_count = 500)]
fn bare_rsa2048_verify(bencher: divan::Bencher) {
    let (_, csr) = X509CertificationRequest::from_der(DER).unwrap();
    let key = csr
        .certification_request_info
        .subject_pki
        .subject_public_key
        .data
        .to_vec();
    let message = csr.certification_request_info.raw.to_vec();
    let signature = csr.signature_value.data.to_vec();
    bencher.bench(|| {
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, black_box(&key))
            .verify(black_box(&message), black_box(&signature))
            .unwrap()
    });
}
