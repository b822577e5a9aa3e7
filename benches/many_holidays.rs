//! `expiry` with a catalogue of 100,000 holidays, all inside the certificate's validity: the
//! holidays are counted in linear time (issue 9, item 12; the list was de-duplicated by
//! scanning before). Run: `cargo bench --bench many_holidays`.

use std::sync::OnceLock;
use std::time::Duration;

use divan::black_box;
use rustls_pki_types::UnixTime;
use time::{Date, Month};

fn main() {
    divan::main();
}

/// A 300-year certificate, PEM, made once.
fn certificate() -> &'static [u8] {
    static MADE: OnceLock<Vec<u8>> = OnceLock::new();
    MADE.get_or_init(|| {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["www.exemple.fr".into()]).unwrap();
        params.not_before = rcgen::date_time_ymd(2026, 1, 5);
        params.not_after = rcgen::date_time_ymd(2326, 1, 5);
        params.self_signed(&key).unwrap().pem().into_bytes()
    })
}

#[divan::bench(args = [10_000, 100_000], sample_count = 5)]
fn expiry_with_holidays(bencher: divan::Bencher, count: i64) {
    let start = Date::from_calendar_date(2026, Month::January, 6).unwrap();
    let holidays: Vec<Date> = (0..count)
        .map(|i| start + time::Duration::days(i))
        .collect();
    let product = sceau::Catalog::embedded()
        .product("standard")
        .unwrap()
        .clone();
    let now = UnixTime::since_unix_epoch(Duration::from_secs(1_767_571_200));
    bencher.bench(|| sceau::expiry(certificate(), &product, black_box(&holidays), now).unwrap());
}
