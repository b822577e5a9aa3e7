//! Any bytes split in three as a certificate, a CSR and a private key, compared by
//! `match_certificate`; the certificate alone checked under every CA/B profile and `auto`.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sceau::{Catalog, IssuancePolicy};

fn policies() -> &'static [IssuancePolicy] {
    static POLICIES: OnceLock<Vec<IssuancePolicy>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        [
            "auto",
            "tls-br",
            "smime-br",
            "cs-br",
            "ca-br",
            "rfc5280",
            "ev",
            "entreprise",
        ]
        .iter()
        .map(|name| IssuancePolicy::from_catalog(&Catalog::embedded(), name).unwrap())
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    // Two length bytes give the cut points, so each part can be any size.
    let (cut, rest) = match data {
        [a, b, rest @ ..] => ((usize::from(*a), usize::from(*b)), rest),
        _ => return,
    };
    let first = (cut.0 * rest.len()) / 256;
    let second = first + ((cut.1 * (rest.len() - first)) / 256);
    let (cert, csr, key) = (&rest[..first], &rest[first..second], &rest[second..]);
    let _ = sceau::match_certificate(cert, Some(csr), None);
    let _ = sceau::match_certificate(cert, None, Some(key));
    let _ = sceau::match_certificate(cert, Some(csr), Some(key));
    for policy in policies() {
        let _ = sceau::check_certificate(rest, policy);
    }
});
