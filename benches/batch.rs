//! A batch of 100,000 certificates (a mix made here: RSA-2048 and P-256 TLS server
//! certificates, P-256 S/MIME certificates, P-256 CA certificates; DER, no signature
//! verification) checked by `sceau::check_many` on one and on two threads, next to the same
//! certificates checked one at a time by `check_certificate` in a plain loop, in the same run.
//! The bars: two threads ≥ 1.8× one; one thread ≥ 100,000 certificates a second.
//! Run: `cargo bench --bench batch`.

use divan::black_box;
use sceau::{BatchCheck, Catalog, IssuancePolicy};

fn main() {
    divan::main();
}

const COUNT: usize = 100_000;

/// The openssl-made RSA-2048 DV certificate of the cert_check bench.
const RSA_PEM: &[u8] = include_bytes!("data/tls-rsa2048.pem");

fn rsa_der() -> Vec<u8> {
    sceau::decode(RSA_PEM, sceau::ObjectKind::Certificate)
        .unwrap()
        .der
        .into_owned()
}

/// A certificate of each kind, signed by one CA, with distinct serials and names.
fn made(i: usize, issuer: &rcgen::Issuer<'_, rcgen::KeyPair>) -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    let (names, eku, ca) = match i % 3 {
        0 => (
            vec![format!("www{i}.exemple.fr"), format!("exemple{i}.fr")],
            rcgen::ExtendedKeyUsagePurpose::ServerAuth,
            false,
        ),
        1 => (
            vec![format!("agent{i}@exemple.fr")],
            rcgen::ExtendedKeyUsagePurpose::EmailProtection,
            false,
        ),
        _ => (vec![], rcgen::ExtendedKeyUsagePurpose::ServerAuth, true),
    };
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.subject_alt_names = names
        .iter()
        .map(|n| match n.contains('@') {
            true => rcgen::SanType::Rfc822Name(n.clone().try_into().unwrap()),
            false => rcgen::SanType::DnsName(n.clone().try_into().unwrap()),
        })
        .collect();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, format!("Sceau bench {i}"));
    params.serial_number = Some(rcgen::SerialNumber::from(
        (i as u64 + 1).to_be_bytes().to_vec(),
    ));
    params.extended_key_usages = vec![eku];
    if ca {
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Constrained(0));
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
        ];
    } else {
        params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
    }
    params.signed_by(&key, issuer).unwrap().der().to_vec()
}

/// 100,000 certificates: 1,000 distinct ones made here and the RSA one, cycled (a quarter
/// RSA-2048, whose key checks cost most).
fn certificates() -> Vec<Vec<u8>> {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "Sceau bench CA");
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let distinct: Vec<Vec<u8>> = (0..1_000).map(|i| made(i, &issuer)).collect();
    let rsa = rsa_der();
    (0..COUNT)
        .map(|i| match i % 4 {
            0 => rsa.clone(),
            _ => distinct[i % distinct.len()].clone(),
        })
        .collect()
}

fn baseline() -> IssuancePolicy {
    IssuancePolicy::from_catalog(&Catalog::embedded(), "baseline").unwrap()
}

#[divan::bench(sample_count = 5)]
fn one_at_a_time(bencher: divan::Bencher) {
    let (inputs, policy) = (certificates(), baseline());
    bencher
        .counter(divan::counter::ItemsCount::new(COUNT))
        .bench(|| {
            for input in &inputs {
                black_box(sceau::check_certificate(black_box(input), &policy).unwrap());
            }
        });
}

#[divan::bench(sample_count = 5, args = [1, 2])]
fn check_many(bencher: divan::Bencher, jobs: usize) {
    let inputs = certificates();
    let batch = sceau::Batch::new(BatchCheck::Certificates(baseline()), Some(jobs)).unwrap();
    bencher
        .counter(divan::counter::ItemsCount::new(COUNT))
        .bench(|| black_box(batch.run(black_box(&inputs))));
}

/// As the command line runs a batch: chunks of 1,024, each report rendered (its verdict taken)
/// and dropped on the worker, so memory holds one chunk.
#[divan::bench(sample_count = 5, args = [1, 2])]
fn chunked_verdicts(bencher: divan::Bencher, jobs: usize) {
    let inputs = certificates();
    let batch = sceau::Batch::new(BatchCheck::Certificates(baseline()), Some(jobs)).unwrap();
    bencher
        .counter(divan::counter::ItemsCount::new(COUNT))
        .bench(|| {
            let mut accepted = 0usize;
            for chunk in black_box(&inputs).chunks(1024) {
                let verdicts = batch.map(chunk, |check, _, input| {
                    check.check(input).map(|report| report.verdict())
                });
                accepted += verdicts
                    .iter()
                    .filter(|v| matches!(v, Ok(sceau::Verdict::Accepted)))
                    .count();
            }
            accepted
        });
}
