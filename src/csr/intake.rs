//! The intake of one CSR: decode, read its facts, prove possession of the key (unless the
//! algorithm is refused as retired), and run every intake rule, all at once.

use rustls_pki_types::UnixTime;
use x509_parser::certification_request::X509CertificationRequest;

use crate::csr::checks::check_all;
use crate::csr::facts::{parse, CsrFacts, Possession};
use crate::error::{ObjectKind, Result};
use crate::input;
use crate::policy::IssuancePolicy;
use crate::public_key::PublicKey;
use crate::rule::{day_of, Checked};
use crate::verify::{verify_signature, VerifyFailure};

/// Checks a CSR (PEM, base64 or DER) against `policy` at time `now`.
///
/// Returns `Err` only when the bytes are not one readable CSR; every reason to refuse a readable
/// CSR is a finding, all of them at once.
pub(crate) fn check(
    input: &[u8],
    policy: &IssuancePolicy,
    now: UnixTime,
) -> Result<Checked<CsrFacts>> {
    if let Some(name) = &policy.cabf {
        // The CA/B profiles judge issued certificates; a request has nothing of them to judge.
        return Err(crate::error::Error::InvalidArgument {
            name: "profile",
            detail: format!(
                "{name} is a profile of issued certificates; a CSR is checked against baseline or a product"
            ),
        });
    }
    let decoded = input::decode(input, ObjectKind::Csr)?;
    let csr = parse(&decoded.der)?;
    let key = PublicKey::from_spki(&csr.certification_request_info.subject_pki);
    let mut facts = CsrFacts::read(&csr, &key, decoded.form);
    facts.proof_of_possession = if policy.algorithms.is_retired(&facts.signature_algorithm) {
        Possession::NotCheckedRetired
    } else {
        prove_possession(&csr, &key, &facts)
    };
    let day = day_of(i64::try_from(now.as_secs()).unwrap_or(i64::MAX));
    let findings = check_all(&facts, policy, day);
    Ok(Checked::on(day, facts, findings))
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
