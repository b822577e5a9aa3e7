//! Any bytes as a chain file (and as extra intermediates) verified against the test roots.
//! A report or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustls_pki_types::UnixTime;
use std::time::Duration;

const ROOTS: [&[u8]; 2] = [
    include_bytes!("../../tests/data/chain/ingetrust-root.pem"),
    include_bytes!("../../tests/data/chain/igc-sante-acr.pem"),
];

fuzz_target!(|data: &[u8]| {
    let time = UnixTime::since_unix_epoch(Duration::from_secs(1_811_808_000));
    let mut options = sceau::VerifyOptions::new(sceau::Usage::Any, time);
    options.revocation = sceau::RevocationPolicy::BestEffort;
    options.name = Some("gap.ch-ville.fr".into());
    options.cn_fallback = true;
    let mut verifier = sceau::Verifier::new("fuzz", options);
    for root in ROOTS {
        verifier.add_anchors(root).unwrap();
    }
    let _ = verifier.add_intermediates(data);
    if let Ok(report) = verifier.verify(data) {
        let _ = report.to_text(sceau::Lang::En);
    }
});
