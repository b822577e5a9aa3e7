//! Any bytes as a CRL and as an OCSP response, then as evidence for a real chain of the test
//! PKI (so that indexing, lookups, scope and signature checks all run on hostile input).
//! A status or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustls_pki_types::UnixTime;
use std::time::Duration;

const ROOT: &[u8] = include_bytes!("../../tests/data/chain/ingetrust-root.pem");
const CHAIN: &[u8] = include_bytes!("../../tests/data/chain/tpe-good-chain.pem");

fuzz_target!(|data: &[u8]| {
    let time = UnixTime::since_unix_epoch(Duration::from_secs(1_811_808_000));
    let mut options = sceau::VerifyOptions::new(sceau::Usage::Client, time);
    options.revocation = sceau::RevocationPolicy::Required;
    let mut verifier = sceau::Verifier::new("fuzz", options);
    verifier.add_anchors(ROOT).unwrap();
    if let Ok(crls) = sceau::Crl::read_all(data) {
        for crl in crls {
            let _ = crl.lookup(data.get(..16).unwrap_or(data));
            let _ = verifier.add_crl(crl);
        }
    }
    let _ = verifier.add_ocsp(data);
    if let Ok(report) = verifier.verify(CHAIN) {
        let _ = report.to_json(sceau::Lang::Fr);
    }
});
