//! Verifying one signature with one public key: ring where it applies, the `rsa` crate for what
//! ring refuses (RSA-PSS salt lengths other than the digest length, SHA-224, moduli outside
//! 1024–8192 bits). Used for a CSR's proof of possession and, later, certificates, CRLs and OCSP.

use ring::signature::{self as rs, UnparsedPublicKey, VerificationAlgorithm};
use rsa::traits::SignatureScheme as _;
use rsa::{BigUint, Pkcs1v15Sign, Pss, RsaPublicKey};
use serde::Serialize;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use crate::lang::{localized, Localized};
use crate::public_key::{bit_length, Curve, PublicKey};
use crate::signature::{HashAlg, PssParams, SignatureScheme};

/// Why a signature was not verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "detail", rename_all = "snake_case")]
pub enum VerifyFailure {
    /// The signature does not match the data and key.
    Invalid,
    /// The algorithm cannot be made with this kind of key (e.g. ECDSA with an RSA key).
    KeyMismatch(Localized),
    /// The combination is one sceau cannot verify; it fails closed.
    Unsupported(Localized),
}

impl VerifyFailure {
    /// Why, for people.
    pub fn describe(&self) -> Localized {
        match self {
            VerifyFailure::Invalid => localized!(
                "the signature does not match",
                "la signature ne correspond pas"
            ),
            VerifyFailure::KeyMismatch(detail) => detail.clone(),
            VerifyFailure::Unsupported(detail) => localized!(
                "{detail} is not supported",
                "{detail} n'est pas pris en charge",
                detail = detail
            ),
        }
    }
}

/// Verifies `signature` over `message` with `key` under `scheme`.
pub fn verify_signature(
    scheme: &SignatureScheme,
    key: &PublicKey<'_>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyFailure> {
    match (scheme, key) {
        (
            SignatureScheme::RsaPkcs1 { hash },
            PublicKey::Rsa {
                pss_only: false,
                modulus,
                exponent,
                der,
            },
        ) => verify_rsa_pkcs1(*hash, modulus, exponent, der, message, signature),
        (SignatureScheme::RsaPkcs1 { .. }, PublicKey::Rsa { pss_only: true, .. }) => {
            Err(VerifyFailure::KeyMismatch(localized!(
                "a PKCS#1 v1.5 signature made with a key restricted to RSASSA-PSS",
                "une signature PKCS#1 v1.5 faite avec une clé réservée à RSASSA-PSS"
            )))
        }
        (
            SignatureScheme::RsaPss(params),
            PublicKey::Rsa {
                modulus,
                exponent,
                der,
                ..
            },
        ) => verify_rsa_pss(params, modulus, exponent, der, message, signature),
        (SignatureScheme::Ecdsa { hash }, PublicKey::Ec { curve, point }) => {
            let alg: &dyn VerificationAlgorithm = match (curve, hash) {
                (Curve::P256, HashAlg::Sha256) => &rs::ECDSA_P256_SHA256_ASN1,
                (Curve::P256, HashAlg::Sha384) => &rs::ECDSA_P256_SHA384_ASN1,
                (Curve::P384, HashAlg::Sha256) => &rs::ECDSA_P384_SHA256_ASN1,
                (Curve::P384, HashAlg::Sha384) => &rs::ECDSA_P384_SHA384_ASN1,
                _ => {
                    return Err(VerifyFailure::Unsupported(localized!(
                        "ECDSA with {h} on {c}",
                        "ECDSA avec {h} sur {c}",
                        h = hash.name(),
                        c = curve.name()
                    )))
                }
            };
            ring_verify(alg, point, message, signature)
        }
        (SignatureScheme::Ed25519, PublicKey::Ed25519(key)) => {
            ring_verify(&rs::ED25519, key, message, signature)
        }
        (_, PublicKey::Unusable { algorithm, reason }) => {
            Err(VerifyFailure::Unsupported(localized!(
                "{algorithm} key: {reason}",
                "clé {algorithm} : {reason}",
                algorithm = algorithm,
                reason = reason
            )))
        }
        (SignatureScheme::MalformedPss { reason }, _) => Err(VerifyFailure::Unsupported(
            localized!("RSASSA-PSS: {r}", "RSASSA-PSS : {r}", r = reason),
        )),
        (SignatureScheme::Unknown { oid }, _) => Err(VerifyFailure::Unsupported(localized!(
            "signature algorithm {oid}",
            "algorithme de signature {oid}",
            oid = oid
        ))),
        (SignatureScheme::Dsa { .. } | SignatureScheme::Ed448, _) => {
            Err(VerifyFailure::Unsupported(scheme.describe()))
        }
        (scheme, key) => Err(VerifyFailure::KeyMismatch(localized!(
            "{scheme} with {key} key",
            "{scheme} avec une clé {key}",
            scheme = scheme.describe(),
            key = key_kind(key)
        ))),
    }
}

fn key_kind(key: &PublicKey<'_>) -> Localized {
    match key {
        PublicKey::Rsa { .. } => localized!("an RSA", "RSA"),
        PublicKey::Ec { .. } => localized!("an EC", "EC"),
        PublicKey::Ed25519(_) => localized!("an Ed25519", "Ed25519"),
        PublicKey::Unusable { .. } => localized!("an unusable", "inutilisable"),
    }
}

fn ring_verify(
    alg: &'static dyn VerificationAlgorithm,
    key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyFailure> {
    UnparsedPublicKey::new(alg, key)
        .verify(message, signature)
        .map_err(|_| VerifyFailure::Invalid)
}

fn verify_rsa_pkcs1(
    hash: HashAlg,
    modulus: &[u8],
    exponent: &[u8],
    der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyFailure> {
    let bits = bit_length(modulus);
    let ring_alg: Option<&'static dyn VerificationAlgorithm> = match (hash, bits) {
        (HashAlg::Sha256, 2048..=8192) => Some(&rs::RSA_PKCS1_2048_8192_SHA256),
        (HashAlg::Sha384, 2048..=8192) => Some(&rs::RSA_PKCS1_2048_8192_SHA384),
        (HashAlg::Sha512, 2048..=8192) => Some(&rs::RSA_PKCS1_2048_8192_SHA512),
        // SHA-1 is verified as mathematics; whether it is acceptable is the caller's policy.
        (HashAlg::Sha1, 2048..=8192) => Some(&rs::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY),
        (HashAlg::Sha1, 1024..=2047) => Some(&rs::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY),
        (HashAlg::Sha256, 1024..=2047) => Some(&rs::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY),
        (HashAlg::Sha512, 1024..=2047) => Some(&rs::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY),
        _ => None,
    };
    // ring refuses exponents it considers unsafe (even, or above 2^33); those keys fall through
    // to the rsa crate so that the proof of possession is judged on the signature alone.
    if let Some(alg) = ring_alg {
        if ring_accepts_exponent(exponent) {
            return ring_verify(alg, der, message, signature);
        }
    }
    let key = rsa_key(modulus, exponent)?;
    let (digest, scheme) = match hash {
        HashAlg::Sha224 => (
            Sha224::digest(message).to_vec(),
            Pkcs1v15Sign::new::<Sha224>(),
        ),
        HashAlg::Sha256 => (
            Sha256::digest(message).to_vec(),
            Pkcs1v15Sign::new::<Sha256>(),
        ),
        HashAlg::Sha384 => (
            Sha384::digest(message).to_vec(),
            Pkcs1v15Sign::new::<Sha384>(),
        ),
        HashAlg::Sha512 => (
            Sha512::digest(message).to_vec(),
            Pkcs1v15Sign::new::<Sha512>(),
        ),
        other => {
            return Err(VerifyFailure::Unsupported(
                SignatureScheme::RsaPkcs1 { hash: other }.describe(),
            ))
        }
    };
    scheme
        .verify(&key, &digest, signature)
        .map_err(|_| VerifyFailure::Invalid)
}

fn verify_rsa_pss(
    params: &PssParams,
    modulus: &[u8],
    exponent: &[u8],
    der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyFailure> {
    if params.mgf1_hash != params.hash {
        return Err(VerifyFailure::Unsupported(localized!(
            "RSASSA-PSS with {h} and MGF1 over another digest ({m})",
            "RSASSA-PSS avec {h} et MGF1 sur un autre condensé ({m})",
            h = params.hash.name(),
            m = params.mgf1_hash.name()
        )));
    }
    let bits = bit_length(modulus);
    let standard_salt = usize::try_from(params.salt_len).ok() == Some(params.hash.output_len());
    if standard_salt && (2048..=8192).contains(&bits) && ring_accepts_exponent(exponent) {
        let alg: Option<&'static dyn VerificationAlgorithm> = match params.hash {
            HashAlg::Sha256 => Some(&rs::RSA_PSS_2048_8192_SHA256),
            HashAlg::Sha384 => Some(&rs::RSA_PSS_2048_8192_SHA384),
            HashAlg::Sha512 => Some(&rs::RSA_PSS_2048_8192_SHA512),
            _ => None,
        };
        if let Some(alg) = alg {
            return ring_verify(alg, der, message, signature);
        }
    }
    let key = rsa_key(modulus, exponent)?;
    let salt = usize::try_from(params.salt_len).map_err(|_| {
        VerifyFailure::Unsupported(localized!(
            "RSASSA-PSS salt length",
            "longueur de sel RSASSA-PSS"
        ))
    })?;
    let (digest, scheme) = match params.hash {
        HashAlg::Sha224 => (
            Sha224::digest(message).to_vec(),
            Pss::new_with_salt::<Sha224>(salt),
        ),
        HashAlg::Sha256 => (
            Sha256::digest(message).to_vec(),
            Pss::new_with_salt::<Sha256>(salt),
        ),
        HashAlg::Sha384 => (
            Sha384::digest(message).to_vec(),
            Pss::new_with_salt::<Sha384>(salt),
        ),
        HashAlg::Sha512 => (
            Sha512::digest(message).to_vec(),
            Pss::new_with_salt::<Sha512>(salt),
        ),
        other => {
            return Err(VerifyFailure::Unsupported(localized!(
                "RSASSA-PSS with {h}",
                "RSASSA-PSS avec {h}",
                h = other.name()
            )))
        }
    };
    scheme
        .verify(&key, &digest, signature)
        .map_err(|_| VerifyFailure::Invalid)
}

/// ring accepts odd exponents from 3 to 2^33 − 1.
fn ring_accepts_exponent(exponent: &[u8]) -> bool {
    if exponent.len() > 5 {
        return false;
    }
    let e = exponent
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    e >= 3 && e % 2 == 1 && e < (1 << 33)
}

fn rsa_key(modulus: &[u8], exponent: &[u8]) -> Result<RsaPublicKey, VerifyFailure> {
    RsaPublicKey::new_with_max_size(
        BigUint::from_bytes_be(modulus),
        BigUint::from_bytes_be(exponent),
        16384,
    )
    .map_err(|e| {
        VerifyFailure::Unsupported(localized!(
            "RSA key: {e}",
            "clé RSA : {e}",
            e = e.to_string()
        ))
    })
}

/// Whether `cert`'s signature verifies with `issuer`'s key (nothing else is checked).
pub fn certificate_signed_by(
    cert: &x509_parser::certificate::X509Certificate<'_>,
    issuer: &x509_parser::certificate::X509Certificate<'_>,
) -> bool {
    verify_signature(
        &SignatureScheme::from_algorithm(&cert.signature_algorithm),
        &PublicKey::from_spki(issuer.public_key()),
        cert.tbs_certificate.as_ref(),
        &cert.signature_value.data,
    )
    .is_ok()
}

/// The answers a signed object's signature gave, by the SubjectPublicKeyInfo it was checked
/// with. A CRL or an OCSP response is checked against the same keys for every path attempt
/// and every chain: the answer cannot change, so it is kept — refusals too, or a chain padded
/// with copies of a CA makes every attempt verify again against every copy. Bounded: the keys
/// that verified (a key rollover at most) and the most recent refusals.
#[derive(Debug, Default)]
pub(crate) struct SignatureMemo(std::sync::Mutex<MemoEntries>);

#[derive(Clone, Debug, Default)]
struct MemoEntries {
    verified: Vec<Vec<u8>>,
    refused: std::collections::VecDeque<(Vec<u8>, VerifyFailure)>,
}

impl SignatureMemo {
    /// Keys that verified, kept: one CRL or response is signed by a handful at most.
    const VERIFIED: usize = 8;
    /// Refusals kept, the oldest forgotten first.
    const REFUSED: usize = 64;

    /// The answer `verify` gives for the key `spki`, computed once. The lock is not held while
    /// verifying: two threads may both verify a new key, and agree.
    pub(crate) fn check(
        &self,
        spki: &[u8],
        verify: impl FnOnce() -> Result<(), VerifyFailure>,
    ) -> Result<(), VerifyFailure> {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        {
            let memo = lock();
            if memo.verified.iter().any(|known| known.as_slice() == spki) {
                return Ok(());
            }
            if let Some((_, failure)) = memo.refused.iter().find(|(known, _)| known == spki) {
                return Err(failure.clone());
            }
        }
        let answer = verify();
        let mut memo = lock();
        match &answer {
            Ok(()) if memo.verified.len() < Self::VERIFIED => memo.verified.push(spki.to_vec()),
            Ok(()) => {}
            Err(failure) => {
                if memo.refused.len() == Self::REFUSED {
                    memo.refused.pop_front();
                }
                memo.refused.push_back((spki.to_vec(), failure.clone()));
            }
        }
        answer
    }
}

impl Clone for SignatureMemo {
    fn clone(&self) -> Self {
        let entries = self.0.lock().map(|m| m.clone()).unwrap_or_default();
        SignatureMemo(std::sync::Mutex::new(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_refusal_is_remembered_like_a_success() {
        let memo = SignatureMemo::default();
        let calls = Cell::new(0);
        let refuse = || {
            calls.set(calls.get() + 1);
            Err(VerifyFailure::Invalid)
        };
        for _ in 0..100 {
            assert_eq!(memo.check(b"forger", refuse), Err(VerifyFailure::Invalid));
        }
        assert_eq!(calls.get(), 1, "a failed check was verified again");
        let accept = || {
            calls.set(calls.get() + 1);
            Ok(())
        };
        assert_eq!(memo.check(b"ca", accept), Ok(()));
        assert_eq!(memo.check(b"ca", accept), Ok(()));
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn the_memo_is_bounded_and_forgets_the_oldest_refusal() {
        let memo = SignatureMemo::default();
        for key in 0..1000u32 {
            let _ = memo.check(&key.to_be_bytes(), || Err(VerifyFailure::Invalid));
        }
        let entries = memo.0.lock().unwrap();
        assert_eq!(entries.refused.len(), SignatureMemo::REFUSED);
        assert_eq!(entries.refused[0].0, 936u32.to_be_bytes());
    }
}
