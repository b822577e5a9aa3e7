//! # sceau
//!
//! Decides whether X.509 material can be trusted for what it claims. Bytes are decoded once at
//! the edge ([`input`]), read into facts, checked against policies that are data, and every
//! check speaks through one [`Report`] that the Rust API, the CLI and the C ABI all render.
//!
//! ```no_run
//! use sceau::{check_csr, IssuancePolicy, Lang};
//! let pem = std::fs::read("request.csr").unwrap();
//! let report = check_csr(&pem, &IssuancePolicy::baseline(), rustls_pki_types::UnixTime::now()).unwrap();
//! println!("{}", report.to_text(Lang::Fr));
//! ```
#![deny(missing_docs)]
#![deny(unsafe_code)]

pub mod algorithms;
pub mod cert;
pub mod chain;
pub mod csr;
mod derwalk;
pub mod diapason;
mod error;
#[allow(unsafe_code)]
pub mod ffi;
pub mod i18n;
pub mod input;
pub mod keys;
pub mod matching;
pub mod names;
pub mod policy;
pub mod private_key;
pub mod profile;
pub mod report;
pub mod revocation;
#[cfg(feature = "rustls")]
pub mod tls;
pub mod verify;
pub mod x509;

pub use cert::{check_certificate, CertFacts};
pub use chain::{Usage, Verifier, VerifyOptions};
pub use csr::{check_csr, CsrFacts};
pub use error::{Error, ObjectKind, Result};
pub use i18n::Lang;
pub use matching::match_certificate;
pub use policy::IssuancePolicy;
pub use profile::{Catalog, Product};
pub use report::{Finding, Report, Rule, Severity, Verdict};
pub use revocation::RevocationPolicy;

/// Every rule sceau knows, for listing (`sceau rules`) and for documentation.
pub fn rules() -> Vec<&'static Rule> {
    let mut all = Vec::new();
    all.extend(csr::rules());
    all.extend(cert::rules());
    all.extend(matching::rules());
    all.extend(algorithms::rules());
    all.extend(keys::rules());
    all.extend(names::rules());
    all.extend(profile::name_rules());
    all.extend(profile::quote_rules());
    all.extend(profile::lifecycle_rules());
    all.extend(revocation::rules());
    all.extend(chain::rules());
    all.extend(diapason::rules());
    all
}
