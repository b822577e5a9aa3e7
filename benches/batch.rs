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
    pkilint_in_the_same_run();
}

/// pkilint's rate on the same certificates (benches/pkilint_rate.py over the 1,001 distinct
/// ones, written to target/bench-batch), next to sceau's one-thread rate timed here.
fn pkilint_in_the_same_run() {
    // sceau with `auto`, so that each certificate meets its CA/B profile as pkilint's TLS
    // linter meets its type; in chunks, as the command line runs.
    let inputs = certificates();
    let auto = IssuancePolicy::from_catalog(&Catalog::embedded(), "auto").unwrap();
    let batch = sceau::Batch::new(BatchCheck::Certificates(auto), Some(1)).unwrap();
    let start = std::time::Instant::now();
    let each = |check: &BatchCheck, input: &&Vec<u8>| check.check(input).map(|r| r.verdict());
    let sink = |verdicts| {
        black_box(verdicts);
        Ok::<(), ()>(())
    };
    batch.stream(inputs.iter(), 1024, each, sink).unwrap();
    let sceau_rate = COUNT as f64 / start.elapsed().as_secs_f64();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/pkilint_rate.py");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-batch");
    // benches/run.sh --quick shortens pkilint's 20 s.
    let seconds = std::env::var("SCEAU_BENCH_PKILINT_SECONDS").unwrap_or_else(|_| "20".into());
    let out = std::process::Command::new("python3")
        .args([script, dir, &seconds])
        .output();
    let text = match &out {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => {
            println!("sceau {sceau_rate:.0} certificates/s on one thread; pkilint not run (pip install pkilint==0.13.3)");
            return;
        }
    };
    let pkilint_rate: f64 = text
        .split_whitespace()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(f64::NAN);
    println!(
        "sceau --profile auto {sceau_rate:.0} certificates/s on one thread; {}; ratio {:.0}x",
        text.trim(),
        sceau_rate / pkilint_rate
    );
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
    write_for_pkilint(&distinct, &rsa);
    (0..COUNT)
        .map(|i| match i % 4 {
            0 => rsa.clone(),
            _ => distinct[i % distinct.len()].clone(),
        })
        .collect()
}

/// The distinct certificates as PEM files, for benches/pkilint_rate.py.
fn write_for_pkilint(distinct: &[Vec<u8>], rsa: &[u8]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-batch");
    if dir.join("rsa.pem").exists() {
        return;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let pem = |der: &[u8]| {
        use base64::Engine as _;
        let body = base64::engine::general_purpose::STANDARD.encode(der);
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            lines.join("\n")
        )
    };
    for (i, der) in distinct.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:04}.pem")), pem(der)).unwrap();
    }
    std::fs::write(dir.join("rsa.pem"), pem(rsa)).unwrap();
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

/// As the command line runs a batch (`Batch::stream`): chunks of 1,024, each report rendered
/// (its verdict taken) and dropped on the worker, the verdicts counted on the calling thread,
/// so memory holds four chunks.
#[divan::bench(sample_count = 5, args = [1, 2])]
fn chunked_verdicts(bencher: divan::Bencher, jobs: usize) {
    let inputs = certificates();
    let batch = sceau::Batch::new(BatchCheck::Certificates(baseline()), Some(jobs)).unwrap();
    bencher
        .counter(divan::counter::ItemsCount::new(COUNT))
        .bench(|| {
            let mut accepted = 0usize;
            let each = |check: &BatchCheck, input: &&Vec<u8>| {
                check.check(input).map(|report| report.verdict())
            };
            batch
                .stream(black_box(&inputs).iter(), 1024, each, |verdicts| {
                    accepted += verdicts
                        .iter()
                        .filter(|v| matches!(v, Ok(sceau::Verdict::Accepted)))
                        .count();
                    Ok::<(), ()>(())
                })
                .unwrap();
            accepted
        });
}
