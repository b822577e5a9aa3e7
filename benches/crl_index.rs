//! A 1,000,000-entry CRL: parsing and indexing, and a lookup by serial number (hit and miss).
//! The memory it holds is printed beside the timings. Run: `cargo bench --bench crl_index`.

use divan::black_box;

fn main() {
    let der = sceau_bench_crl::million();
    let crl = sceau::Crl::from_der(der.clone()).unwrap();
    println!(
        "1,000,000-entry CRL: {} bytes of DER, {} bytes held once indexed ({:.2}× its size)",
        der.len(),
        crl.memory_size(),
        crl.memory_size() as f64 / der.len() as f64
    );
    divan::main();
}

#[path = "../tests/common/big_crl.rs"]
mod sceau_bench_crl;

#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_and_index_1m(bencher: divan::Bencher) {
    let der = sceau_bench_crl::million();
    bencher
        .with_inputs(|| der.clone())
        .bench_values(|der| sceau::Crl::from_der(der).unwrap());
}

#[divan::bench(sample_count = 1000)]
fn lookup_hit(bencher: divan::Bencher) {
    let crl = sceau::Crl::from_der(sceau_bench_crl::million()).unwrap();
    let serial = sceau_bench_crl::serial(777_776);
    bencher.bench(|| crl.lookup(black_box(&serial)).unwrap());
}

#[divan::bench(sample_count = 1000)]
fn lookup_miss(bencher: divan::Bencher) {
    let crl = sceau::Crl::from_der(sceau_bench_crl::million()).unwrap();
    let serial = sceau_bench_crl::serial(777_777);
    bencher.bench(|| assert!(crl.lookup(black_box(&serial)).is_none()));
}
