//! Any text as a product catalogue (TOML `[[product]]` tables over the embedded catalogue), and
//! every product it yields used for a quote and a policy: a catalogue is either refused with
//! a reason or fully usable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sceau::{Catalog, IssuancePolicy, QuoteRequest};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(catalog) = Catalog::builtin().with_overrides(text) else {
        return;
    };
    for product in &catalog.products {
        let _ = IssuancePolicy::from_catalog(&catalog, &product.id);
        for years in [0, 1, 3] {
            let request = QuoteRequest {
                years,
                names: Some(12),
                replacement: years == 3,
            };
            let _ = sceau::quote(product, request);
        }
    }
});
