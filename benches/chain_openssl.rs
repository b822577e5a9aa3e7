//! The chain of benches/chain_verify.rs (terminal, IngeTrust test CA, root; tests/data/chain)
//! with both CRLs (the CA's for the terminal, the root's for the CA), verified by OpenSSL's
//! `X509_verify_cert` and by sceau's verifier in the same run, on the same inputs, judged at
//! the same moment (2027-06-01) for the same use (TLS client):
//!
//! - OpenSSL: an `X509_STORE` holding the root and both CRLs (loaded once, as sceau's verifier
//!   holds them), flags `CRL_CHECK | CRL_CHECK_ALL` (a CRL required for every certificate but
//!   the anchor, as sceau's `RevocationPolicy::Required`), purpose `sslclient`, the time set
//!   with `X509_VERIFY_PARAM_set_time`;
//! - `openssl_from_der` decodes the terminal's and the CA's DER on every verification, as sceau
//!   and webpki do (they are handed DER); `openssl_preparsed` reuses `X509` objects decoded
//!   once (whose extension cache OpenSSL fills on the first verification), for reference.
//!
//! Needs the `bench-openssl` feature (the `openssl` crate, libssl-dev and pkg-config):
//! `cargo bench --features bench-openssl --bench chain_openssl` (benches/run.sh installs
//! them).

use std::time::Duration;

use divan::black_box;
use openssl::stack::Stack;
use openssl::x509::store::{X509Lookup, X509Store, X509StoreBuilder};
use openssl::x509::verify::{X509VerifyFlags, X509VerifyParam};
use openssl::x509::{X509PurposeId, X509StoreContext, X509};
use rustls_pki_types::{CertificateDer, UnixTime};
use sceau::{RevocationPolicy, Usage, Verifier, VerifyOptions};

const ROOT: &[u8] = include_bytes!("../tests/data/chain/ingetrust-root.pem");
const CA: &[u8] = include_bytes!("../tests/data/chain/ingetrust-ca.pem");
const LEAF: &[u8] = include_bytes!("../tests/data/chain/tpe-good.pem");
const CA_CRL: &[u8] = include_bytes!("../tests/data/chain/ingetrust-ca.crl.der");
const ROOT_CRL: &[u8] = include_bytes!("../tests/data/chain/ingetrust-root.crl.pem");
/// The same CRLs as files, PEM, for OpenSSL's file lookup.
const CA_CRL_PEM_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/chain/ingetrust-ca.crl.pem"
);
const ROOT_CRL_PEM_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/chain/ingetrust-root.crl.pem"
);

/// 2027-06-01, inside every validity period and CRL.
const SECONDS: u64 = 1_811_808_000;

fn main() {
    // Both must accept the chain at the bench's time, and OpenSSL must refuse it without the
    // root's CRL (the CA's status is then unknown) and once the CRLs are stale: so the flags,
    // the CRLs and the time are the ones measured.
    assert!(openssl_verify(
        &openssl_store(SECONDS as i64, true),
        &der(LEAF),
        &der(CA)
    ));
    assert!(!openssl_verify(
        &openssl_store(SECONDS as i64, false),
        &der(LEAF),
        &der(CA)
    ));
    assert!(!openssl_verify(
        &openssl_store(2_208_988_800, true), // 2040-01-01
        &der(LEAF),
        &der(CA)
    ));
    divan::main();
}

fn der(pem: &[u8]) -> CertificateDer<'static> {
    CertificateDer::from(
        sceau::decode(pem, sceau::ObjectKind::Certificate)
            .unwrap()
            .der
            .into_owned(),
    )
}

/// The root as the only trust anchor, the CRLs (both, or the CA's alone), CRL checks for the
/// whole chain, the TLS client purpose and the fixed time.
fn openssl_store(time: i64, both_crls: bool) -> X509Store {
    let mut builder = X509StoreBuilder::new().unwrap();
    builder.add_cert(X509::from_pem(ROOT).unwrap()).unwrap();
    let lookup = builder.add_lookup(X509Lookup::file()).unwrap();
    lookup
        .load_crl_file(CA_CRL_PEM_FILE, openssl::ssl::SslFiletype::PEM)
        .unwrap();
    if both_crls {
        lookup
            .load_crl_file(ROOT_CRL_PEM_FILE, openssl::ssl::SslFiletype::PEM)
            .unwrap();
    }
    let mut param = X509VerifyParam::new().unwrap();
    param.set_time(time);
    param
        .set_flags(X509VerifyFlags::CRL_CHECK | X509VerifyFlags::CRL_CHECK_ALL)
        .unwrap();
    param.set_purpose(X509PurposeId::SSL_CLIENT).unwrap();
    builder.set_param(&param).unwrap();
    builder.build()
}

/// One verification from DER: the terminal and the CA decoded, the context made, verified.
fn openssl_verify(store: &X509Store, leaf: &[u8], ca: &[u8]) -> bool {
    let leaf = X509::from_der(leaf).unwrap();
    let mut chain = Stack::new().unwrap();
    chain.push(X509::from_der(ca).unwrap()).unwrap();
    verify_parsed(store, &leaf, &chain)
}

fn verify_parsed(store: &X509Store, leaf: &X509, chain: &Stack<X509>) -> bool {
    let mut context = X509StoreContext::new().unwrap();
    context
        .init(store, leaf, chain, |context| context.verify_cert())
        .unwrap()
}

/// OpenSSL from DER, as sceau and webpki are measured.
#[divan::bench(sample_count = 1000)]
fn openssl_from_der(bencher: divan::Bencher) {
    let store = openssl_store(SECONDS as i64, true);
    let (leaf, ca) = (der(LEAF), der(CA));
    bencher.bench(|| assert!(openssl_verify(&store, black_box(&leaf), black_box(&ca))));
}

/// OpenSSL with the terminal's and the CA's `X509` objects decoded once.
#[divan::bench(sample_count = 1000)]
fn openssl_preparsed(bencher: divan::Bencher) {
    let store = openssl_store(SECONDS as i64, true);
    let leaf = X509::from_der(&der(LEAF)).unwrap();
    let mut chain = Stack::new().unwrap();
    chain.push(X509::from_der(&der(CA)).unwrap()).unwrap();
    bencher.bench(|| assert!(verify_parsed(&store, black_box(&leaf), &chain)));
}

fn verifier() -> Verifier {
    let time = UnixTime::since_unix_epoch(Duration::from_secs(SECONDS));
    let mut options = VerifyOptions::new(Usage::Client, time);
    options.revocation = RevocationPolicy::Required;
    let mut verifier = Verifier::new("bench", options);
    verifier.add_anchors(ROOT).unwrap();
    verifier.add_crls(CA_CRL).unwrap();
    verifier.add_crls(ROOT_CRL).unwrap();
    verifier
}

fn verify(verifier: &Verifier, chain: &[CertificateDer<'static>]) -> sceau::Report {
    let report = verifier.verify_certificates(black_box(chain), None);
    assert_eq!(report.verdict(), sceau::Verdict::Accepted);
    report
}

/// sceau with the same CRLs, revocation required (a status for the terminal and the CA),
/// one verifier for every run, as benches/chain_verify.rs measures it (it remembers that a
/// CRL's signature verified with a key; OpenSSL verifies both CRL signatures every time).
#[divan::bench(sample_count = 1000)]
fn sceau_with_both_crls_required(bencher: divan::Bencher) {
    let verifier = verifier();
    let chain = [der(LEAF), der(CA)];
    bencher.bench(|| verify(&verifier, &chain));
}

/// The same with a new verifier for every run (made outside the timing): nothing
/// remembered, both CRL signatures verified, as OpenSSL does.
#[divan::bench(sample_count = 1000)]
fn sceau_with_both_crls_required_cold(bencher: divan::Bencher) {
    let chain = [der(LEAF), der(CA)];
    bencher
        .with_inputs(verifier)
        .bench_local_refs(|verifier| verify(verifier, &chain));
}
