//! Any bytes through the edge decoder, for every kind of object sceau reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sceau::ObjectKind;

fuzz_target!(|data: &[u8]| {
    for kind in [
        ObjectKind::Csr,
        ObjectKind::Certificate,
        ObjectKind::Crl,
        ObjectKind::OcspResponse,
        ObjectKind::PrivateKey,
    ] {
        if let Ok(all) = sceau::decode_all(data, kind) {
            assert!(!all.is_empty());
            for decoded in all {
                sceau::check_der_frame(&decoded.der, kind).unwrap();
            }
        }
    }
});
