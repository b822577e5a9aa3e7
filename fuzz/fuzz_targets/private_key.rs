//! Any bytes as a private key (PKCS#8, PKCS#1, SEC1; PEM or DER).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sceau::read_private_key(data);
});
