//! Post-issuance check of TLS server certificates (no signature verification), for the
//! ≥ 100,000 certificates per second bar; pkilint's rate on the same files is measured by
//! benches/pkilint_rate.py beside it (the fair peer of `cert_check_rsa2048_der_auto`, the same
//! certificate under the CA/B TLS profile). Run: `cargo bench --bench cert_check`.

use divan::black_box;
use sceau::{Catalog, IssuancePolicy};

fn main() {
    divan::main();
}

/// An RSA-2048 DV certificate made by the openssl CLI (every extension a CA puts in one).
const RSA_PEM: &[u8] = include_bytes!("data/tls-rsa2048.pem");

fn der(pem: &[u8]) -> Vec<u8> {
    sceau::decode(pem, sceau::ObjectKind::Certificate)
        .unwrap()
        .der
        .into_owned()
}

fn ec_certificate() -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params =
        rcgen::CertificateParams::new(vec!["www.exemple.fr".to_string(), "exemple.fr".to_string()])
            .unwrap();
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
    params.self_signed(&key).unwrap().der().to_vec()
}

fn standard() -> IssuancePolicy {
    IssuancePolicy::from_catalog(&Catalog::embedded(), "standard").unwrap()
}

/// RSA-2048 leaf, DER input: includes the small-factor and Fermat key checks.
#[divan::bench(sample_count = 500)]
fn cert_check_rsa2048_der(bencher: divan::Bencher) {
    let (der, policy) = (der(RSA_PEM), standard());
    bencher.bench(|| sceau::check_certificate(black_box(&der), &policy).unwrap());
}

/// The same from PEM.
#[divan::bench(sample_count = 500)]
fn cert_check_rsa2048_pem(bencher: divan::Bencher) {
    let policy = standard();
    bencher.bench(|| sceau::check_certificate(black_box(RSA_PEM), &policy).unwrap());
}

/// A P-256 leaf, DER input.
#[divan::bench(sample_count = 500)]
fn cert_check_p256_der(bencher: divan::Bencher) {
    let (der, policy) = (ec_certificate(), standard());
    bencher.bench(|| sceau::check_certificate(black_box(&der), &policy).unwrap());
}

/// The RSA-2048 leaf, DER, under `--profile auto` (here the CA/B TLS BR subscriber profile):
/// the peer of pkilint's CA/B TLS linter on the same certificate (benches/pkilint_rate.py,
/// which lints it as a DV final certificate), which benches/run.sh runs right after.
#[divan::bench(sample_count = 500)]
fn cert_check_rsa2048_der_auto(bencher: divan::Bencher) {
    let der = der(RSA_PEM);
    let policy = IssuancePolicy::from_catalog(&Catalog::embedded(), "auto").unwrap();
    bencher.bench(|| sceau::check_certificate(black_box(&der), &policy).unwrap());
}
