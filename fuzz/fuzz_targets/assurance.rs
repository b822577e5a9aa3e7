//! Any bytes as a CMS signature, as the data it signs and as a time-stamp token given beside
//! it, validated against the assurance fixtures' root with their CRLs: a report or an error,
//! never a panic. The CMS and token decoders are reached first, then the whole validation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustls_pki_types::UnixTime;
use std::time::Duration;

const ROOT: &[u8] = include_bytes!("../../tests/data/assurance/root.pem");
const CRLS: [&[u8]; 2] = [
    include_bytes!("../../tests/data/assurance/sign-ca.crl"),
    include_bytes!("../../tests/data/assurance/root.crl"),
];
const DATA: &[u8] = include_bytes!("../../tests/data/assurance/data.txt");

fuzz_target!(|input: &[u8]| {
    let _ = sceau::SignedData::read(input);
    let _ = sceau::TimestampToken::read(input);
    let time = UnixTime::since_unix_epoch(Duration::from_secs(1_796_083_200));
    let mut verifier =
        sceau::Verifier::new("fuzz", sceau::VerifyOptions::new(sceau::Usage::Any, time));
    verifier.add_anchors(ROOT).unwrap();
    for crl in CRLS {
        verifier.add_crls(crl).unwrap();
    }
    let options = sceau::AssuranceOptions::new(time);
    // The input as the signature (with the fixtures' document), then as a token beside a
    // real signature is not needed: a token that does not read is an error before validation.
    let request = sceau::AssuranceRequest {
        signature: input,
        data: Some(DATA),
        timestamps: vec![],
    };
    if let Ok(report) = sceau::assurance(&verifier, &request, &options) {
        let _ = report.to_text(sceau::Lang::Fr);
        let _ = report.to_json(sceau::Lang::En);
    }
    // Split: the first half as a signature, the rest as a token given beside it.
    let (signature, token) = input.split_at(input.len() / 2);
    let request = sceau::AssuranceRequest {
        signature,
        data: None,
        timestamps: vec![token],
    };
    let _ = sceau::assurance(&verifier, &request, &options);
});
