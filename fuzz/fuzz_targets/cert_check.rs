//! Any bytes as an issued certificate: checked against products, compared as a request and a
//! key would be, and placed in its lifecycle. Report or error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalog = sceau::Catalog::builtin();
    for profile in ["standard", "ev", "code-signing", "ca"] {
        let policy = sceau::IssuancePolicy::from_catalog(catalog, profile).unwrap();
        if let Ok(report) = sceau::check_certificate(data, &policy) {
            let _ = report.to_json(sceau::Lang::En);
        }
    }
    let _ = sceau::match_certificate(data, Some(data), Some(data));
    let now =
        rustls_pki_types::UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_795_219_200));
    let certigna = catalog.product("certigna-ssl").unwrap();
    let _ = sceau::expiry(data, certigna, &catalog.holidays, now);
});
