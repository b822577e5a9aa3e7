//! Requests and certificates with tens of thousands of names: the work must grow linearly with
//! the names (issue 9: 50,000 names in well under 0.5 s for csr check, cert check and match).
//! Run: `cargo bench --bench many_names`.

use std::sync::OnceLock;
use std::time::Duration;

use divan::black_box;
use rustls_pki_types::UnixTime;
use sceau::IssuancePolicy;

fn main() {
    divan::main();
}

fn names(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("h{i}.exemple.fr")).collect()
}

/// A CSR and a certificate with the same key and names, DER.
type Material = (Vec<u8>, Vec<u8>);

/// A CSR and a certificate (same key) with `count` DNS names, made once.
fn material(count: usize) -> &'static Material {
    static MADE: OnceLock<Vec<(usize, Material)>> = OnceLock::new();
    let made = MADE.get_or_init(|| {
        [12_500, 25_000, 50_000, 100_000]
            .into_iter()
            .map(|n| {
                let key = rcgen::KeyPair::generate().unwrap();
                let mut params = rcgen::CertificateParams::new(names(n)).unwrap();
                params
                    .distinguished_name
                    .push(rcgen::DnType::CommonName, "h0.exemple.fr");
                params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
                params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
                let csr = params.serialize_request(&key).unwrap().der().to_vec();
                let cert = params.self_signed(&key).unwrap().der().to_vec();
                (n, (csr, cert))
            })
            .collect()
    });
    &made.iter().find(|(n, _)| *n == count).unwrap().1
}

fn now() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(1_795_219_200))
}

#[divan::bench(args = [12_500, 25_000, 50_000], sample_count = 5)]
fn csr_check_uc(bencher: divan::Bencher, count: usize) {
    let policy = IssuancePolicy::by_id("uc").unwrap();
    let (csr, _) = material(count);
    bencher.bench(|| sceau::check_csr(black_box(csr), &policy, now()).unwrap());
}

#[divan::bench(args = [12_500, 25_000, 50_000], sample_count = 5)]
fn cert_check_uc(bencher: divan::Bencher, count: usize) {
    let policy = IssuancePolicy::by_id("uc").unwrap();
    let (_, cert) = material(count);
    bencher.bench(|| sceau::check_certificate(black_box(cert), &policy).unwrap());
}

#[divan::bench(args = [25_000, 50_000, 100_000], sample_count = 3)]
fn cert_match(bencher: divan::Bencher, count: usize) {
    let (csr, cert) = material(count);
    bencher.bench(|| sceau::match_certificate(black_box(cert), Some(csr), None).unwrap());
}
