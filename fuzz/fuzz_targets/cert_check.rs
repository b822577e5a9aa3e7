//! Any bytes as an issued certificate, checked against a product, then compared as a request
//! and a key would be. Report or error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalog = sceau::Catalog::embedded();
    for profile in ["standard", "ev", "code-signing", "ca"] {
        let policy = sceau::IssuancePolicy::from_catalog(&catalog, profile).unwrap();
        if let Ok(report) = sceau::check_certificate(data, &policy) {
            let _ = report.to_json(sceau::Lang::En);
        }
    }
    let _ = sceau::match_certificate(data, Some(data), Some(data));
});
