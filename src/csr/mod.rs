//! Certificate signing requests: decoding, facts, proof of possession and intake checks.

mod checks;
mod facts;
mod generate;

use asn1_rs::FromDer;
use rustls_pki_types::UnixTime;
use x509_parser::certification_request::X509CertificationRequest;

pub use crate::x509::{RequestedName, SubjectAttribute};
pub use checks::rules;
pub use facts::{CsrFacts, Possession, RequestedBasicConstraints};
pub use generate::{generate, Generated, NewCsr};

use crate::error::{ObjectKind, Result};
use crate::input;
use crate::keys::PublicKey;
use crate::policy::IssuancePolicy;
use crate::report::{Facts, Report, Subject};
use crate::verify::{verify_signature, VerifyFailure};

/// Checks a CSR (PEM, base64 or DER) against `policy` at time `now`.
///
/// Returns `Err` only when the bytes are not one readable CSR; every reason to refuse a readable
/// CSR is a finding in the report, all of them at once.
pub fn check_csr(input: &[u8], policy: &IssuancePolicy, now: UnixTime) -> Result<Report> {
    let decoded = input::decode(input, ObjectKind::Csr)?;
    let csr = parse(&decoded.der)?;
    let key = PublicKey::from_spki(&csr.certification_request_info.subject_pki);
    let mut facts = CsrFacts::read(&csr, &key, decoded.form);
    facts.proof_of_possession = if policy.algorithms.is_retired(&facts.signature_algorithm) {
        Possession::NotCheckedRetired
    } else {
        prove_possession(&csr, &key, &facts)
    };
    let findings = checks::check_all(
        &facts,
        policy,
        crate::algorithms::day_of(i64::try_from(now.as_secs()).unwrap_or(i64::MAX)),
    );
    Ok(Report::new(
        Subject::Csr,
        &policy.id,
        findings,
        Facts::Csr(Box::new(facts)),
    ))
}

impl CsrFacts {
    /// Reads a CSR's facts without judging it (no proof of possession, no rules): for comparing
    /// it with what was issued.
    pub fn read_only(input: &[u8]) -> Result<CsrFacts> {
        let decoded = input::decode(input, ObjectKind::Csr)?;
        let csr = parse(&decoded.der)?;
        let key = PublicKey::from_spki(&csr.certification_request_info.subject_pki);
        Ok(CsrFacts::read(&csr, &key, decoded.form.clone()))
    }
}

/// Parses one complete DER CSR, naming what the bytes are when they are not a CSR.
fn parse(der: &[u8]) -> Result<X509CertificationRequest<'_>> {
    input::complete(
        der,
        X509CertificationRequest::from_der(der),
        ObjectKind::Csr,
    )
}

fn prove_possession(
    csr: &X509CertificationRequest<'_>,
    key: &PublicKey<'_>,
    facts: &CsrFacts,
) -> Possession {
    let cri = &csr.certification_request_info;
    if csr.signature_value.unused_bits != 0 {
        return Possession::Invalid;
    }
    match verify_signature(
        &facts.signature_algorithm,
        key,
        cri.raw,
        &csr.signature_value.data,
    ) {
        Ok(()) => Possession::Verified,
        Err(VerifyFailure::Invalid) => Possession::Invalid,
        Err(VerifyFailure::KeyMismatch(detail)) => Possession::KeyMismatch(detail),
        Err(VerifyFailure::Unsupported(detail)) => Possession::Unsupported(detail),
    }
}
