//! # sceau
//!
//! Decides whether X.509 material can be trusted for what it claims: a certificate request
//! before issuance, an issued certificate against the product sold, a chain and its revocation
//! at the moment of a TLS handshake.
//!
//! Bytes are decoded once at the edge ([`decode`]), read into facts ([`CsrFacts`],
//! [`CertFacts`]), checked against policies that are data ([`IssuancePolicy`], [`Catalog`],
//! [`VerifyOptions`]), and every check speaks through one [`Report`]: a [`Verdict`], the
//! [`Finding`]s of its [`Rule`]s (stable code, severity, citation, messages in English and
//! French) and the facts. The Rust API, the command line and the C ABI all render that one
//! report ([`render`]).
//!
//! ```no_run
//! use sceau::{check_csr, IssuancePolicy, Lang};
//! let pem = std::fs::read("request.csr").unwrap();
//! let report = check_csr(&pem, &IssuancePolicy::baseline(), rustls_pki_types::UnixTime::now()).unwrap();
//! println!("{}", report.to_text(Lang::Fr));
//! ```
//!
//! - **Requests**: [`check_csr`] (proof of possession, key and algorithm policy, subject,
//!   names, the product's rules), [`generate_csr`].
//! - **Certificates**: [`check_certificate`] against a product, [`match_certificate`] against
//!   its request and key, [`expiry`], [`quote`].
//! - **Chains**: a [`Verifier`] (anchors, intermediates, [`Crl`]s, [`OcspResponse`]s,
//!   [`VerifyOptions`]) and its `verify` methods; [`diapason`] presets; `tls` verifiers
//!   for rustls (feature `rustls`).
//! - **Rules**: [`rules`] lists every rule; `docs/RULES.md` is made from it.
//!
//! The layers the code is built in, and what each may import, are written down in
//! `docs/ARCHITECTURE.md` and enforced by `tests/architecture.rs`.
#![deny(missing_docs)]
#![deny(unsafe_code)]

// Vocabulary: languages, rules and findings, usages, errors.
mod error;
mod lang;
mod rule;
mod usage;

// Decoding and shared X.509 reading: bytes to objects, keys, signatures.
mod assurance;
mod derwalk;
mod host;
mod input;
mod private_key;
mod public_key;
mod signature;
mod split;
mod verify;
mod weak_key;
mod x509;

// Facts and checks, domain by domain.
mod algorithms;
mod cert;
mod chain;
mod csr;
mod keys;
mod matching;
mod names;
mod policy;
mod profile;
mod revocation;
mod subject;

// One report per check.
mod batch;
mod entry;
mod report;

// Presets, and the catalogue of every rule.
pub mod diapason;
mod registry;

// Rendering, and the front ends.
#[allow(unsafe_code)]
mod ffi;
pub mod render;
#[cfg(feature = "rustls")]
pub mod tls;

// The checks, each giving one report.
pub use batch::{check_many, Batch, BatchCheck, MAX_JOBS};
pub use csr::generate::{generate_csr, GeneratedCsr, NewCsr};
pub use entry::{assurance, check_certificate, check_csr, expiry, match_certificate, quote};
pub use registry::rules;

// Reports and their vocabulary.
pub use error::{Error, ObjectKind, Result};
pub use lang::{Lang, Localized};
pub use report::{Facts, Report, Subject, SCHEMA};
pub use rule::{Finding, Rule, Severity, Verdict};
pub use split::{split_objects, PemStream, Piece};
pub use usage::{Eku, Usage, UsageRules};

// Policies, as data.
pub use algorithms::{AlgorithmPolicy, HashSunset, KeyStrength, SchemeFamily, SchemeRule};
pub use chain::options::{Limit, Limits, VerifyOptions};
pub use keys::{KeyPolicy, RsaPolicy};
pub use policy::IssuancePolicy;
pub use profile::catalog::{
    CapLength, CapSchedule, Catalog, LifecycleTerms, NameRules, Notice, Product, SubjectRules,
    Tariff, ValidityCap, Wildcard,
};
pub use revocation::evidence::{Freshness, StatusRules};
pub use revocation::policy::RevocationPolicy;

// Facts of what was checked.
pub use cert::facts::{
    read_certificate, AuthorityKeyIdFact, BasicConstraintsFact, CertFacts, ExtensionFact,
    SanDirectoryName,
};
pub use chain::facts::{ChainFacts, PathEntry};
pub use csr::facts::{CsrFacts, Possession, RequestedBasicConstraints};
pub use matching::{CsrComparison, KeyComparison, MatchFacts};
pub use profile::expiry::ExpiryFacts;
pub use profile::quote::{QuoteFacts, QuoteLine, QuoteRequest};
pub use revocation::status::RevocationStatus;
pub use x509::{NameView, RequestedName, SubjectAttribute};

// Objects read from bytes, and what verifies them.
pub use assurance::cms::SignedData;
pub use assurance::facts::{
    AssuranceFacts, DeclaredContext, Device, EidasLevel, Indication, SignerFacts, SubIndication,
    TimestampFacts, TimestampKind,
};
pub use assurance::qc::{QcFacts, QcType};
pub use assurance::tst::TimestampToken;
pub use assurance::validation::{AssuranceOptions, AssuranceRequest};
pub use chain::verifier::Verifier;
pub use input::{check_der_frame, decode, decode_all, for_each_object, sniff_der, Decoded, Form};
pub use private_key::{read_private_key, PrivateKeyFacts, PublicHalf};
pub use public_key::{bit_length, Curve, KeyFacts, PublicKey};
pub use revocation::crl::{Crl, IssuingDistributionPoint, RevokedEntry};
pub use revocation::ocsp::OcspResponse;
pub use revocation::points::DistributionPointNames;
pub use revocation::status::{PathPosition, RevocationSources};
pub use signature::{HashAlg, PssParams, SignatureScheme};
pub use verify::{certificate_signed_by, verify_signature, VerifyFailure};
