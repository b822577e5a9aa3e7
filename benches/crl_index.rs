//! CRLs of 10,000, 100,000 and 1,000,000 entries (tests/common/big_crl.rs: 16-byte serials,
//! one entry in four with a reasonCode): parsing and indexing, and a lookup by serial number
//! (hit and miss). The memory each holds once indexed is printed beside the timings. The CRLs
//! are made once into target/bench-crl/ and read from there by later runs.
//!
//! With the `bench-openssl` feature, OpenSSL's peers run in the same process on the same
//! bytes: `d2i_X509_CRL` followed by one `X509_CRL_get0_by_serial` (OpenSSL sorts the entries
//! on the first lookup: that is its index build), and a lookup of the same serials.
//!
//! Run: `cargo bench --bench crl_index` (add `--features bench-openssl` for OpenSSL).

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::black_box;

#[path = "../tests/common/big_crl.rs"]
mod sceau_bench_crl;

const SIZES: [u32; 3] = [10_000, 100_000, 1_000_000];

fn main() {
    for count in SIZES {
        let der = crl(count);
        let crl = sceau::Crl::from_der(der.to_vec()).unwrap();
        println!(
            "{count}-entry CRL: {} bytes of DER, {} bytes held once indexed ({:.2}× its size)",
            der.len(),
            crl.memory_size(),
            crl.memory_size() as f64 / der.len() as f64
        );
    }
    divan::main();
}

/// The CRL of `count` entries: read from target/bench-crl/, made and written there first.
fn crl(count: u32) -> &'static [u8] {
    static MADE: OnceLock<Vec<(u32, Vec<u8>)>> = OnceLock::new();
    let made = MADE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-crl");
        SIZES
            .into_iter()
            .map(|n| {
                let path = dir.join(format!("crl-{n}.der"));
                let der = match std::fs::read(&path) {
                    Ok(der) if sceau::Crl::from_der(der.clone()).is_ok() => der,
                    _ => {
                        let der = sceau_bench_crl::build(n);
                        std::fs::create_dir_all(&dir).unwrap();
                        std::fs::write(&path, &der).unwrap();
                        der
                    }
                };
                (n, der)
            })
            .collect()
    });
    &made.iter().find(|(n, _)| *n == count).unwrap().1
}

/// Entry 7/9 of the way in (even serials are listed, odd ones are not).
fn hit(count: u32) -> Vec<u8> {
    sceau_bench_crl::serial((count / 9 * 7) & !1)
}

fn miss(count: u32) -> Vec<u8> {
    sceau_bench_crl::serial((count / 9 * 7) | 1)
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse_and_index(bencher: divan::Bencher, count: u32) {
    let der = crl(count);
    bencher
        .with_inputs(|| der.to_vec())
        .bench_values(|der| sceau::Crl::from_der(der).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 1000)]
fn lookup_hit(bencher: divan::Bencher, count: u32) {
    let crl = sceau::Crl::from_der(crl(count).to_vec()).unwrap();
    let serial = hit(count);
    bencher.bench(|| crl.lookup(black_box(&serial)).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 1000)]
fn lookup_miss(bencher: divan::Bencher, count: u32) {
    let crl = sceau::Crl::from_der(crl(count).to_vec()).unwrap();
    let serial = miss(count);
    bencher.bench(|| assert!(crl.lookup(black_box(&serial)).is_none()));
}

#[cfg(feature = "bench-openssl")]
mod openssl_peer {
    use super::{crl, hit, miss, SIZES};
    use divan::black_box;
    use openssl::asn1::Asn1Integer;
    use openssl::bn::BigNum;
    use openssl::x509::{CrlStatus, X509Crl};

    fn integer(serial: &[u8]) -> Asn1Integer {
        BigNum::from_slice(serial)
            .unwrap()
            .to_asn1_integer()
            .unwrap()
    }

    fn decoded(count: u32) -> X509Crl {
        let crl = X509Crl::from_der(crl(count)).unwrap();
        // The first lookup sorts the entries.
        assert!(matches!(
            crl.get_by_serial(&integer(&hit(count))),
            CrlStatus::Revoked(_)
        ));
        crl
    }

    /// `d2i_X509_CRL` and the first lookup, which sorts the entries: OpenSSL's index build.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn openssl_parse_and_index(bencher: divan::Bencher, count: u32) {
        let (der, serial) = (crl(count), integer(&hit(count)));
        bencher.bench(|| {
            let crl = X509Crl::from_der(black_box(der)).unwrap();
            assert!(matches!(crl.get_by_serial(&serial), CrlStatus::Revoked(_)));
            crl
        });
    }

    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn openssl_lookup_hit(bencher: divan::Bencher, count: u32) {
        let (crl, serial) = (decoded(count), integer(&hit(count)));
        bencher.bench(|| {
            assert!(matches!(
                crl.get_by_serial(black_box(&serial)),
                CrlStatus::Revoked(_)
            ))
        });
    }

    #[divan::bench(args = SIZES, sample_count = 1000)]
    fn openssl_lookup_miss(bencher: divan::Bencher, count: u32) {
        let (crl, serial) = (decoded(count), integer(&miss(count)));
        bencher.bench(|| {
            assert!(matches!(
                crl.get_by_serial(black_box(&serial)),
                CrlStatus::NotRevoked
            ))
        });
    }
}
