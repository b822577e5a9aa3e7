//! Any bytes through the whole CSR intake: decoding, parsing, proof of possession, every rule,
//! and both renderings. It must return a report or an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustls_pki_types::UnixTime;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let now = UnixTime::since_unix_epoch(Duration::from_secs(1_795_219_200));
    if let Ok(report) = sceau::check_csr(data, &sceau::IssuancePolicy::baseline(), now) {
        let _ = report.to_json(sceau::Lang::Fr);
        let _ = report.to_text(sceau::Lang::En);
    }
});
