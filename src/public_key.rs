//! Public keys: what a SubjectPublicKeyInfo holds, read once into a borrowed [`PublicKey`] for
//! signature verification and owned [`KeyFacts`] for reports.

use asn1_rs::{oid, FromDer, Oid};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_parser::public_key::RSAPublicKey;
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::lang::{localized, Localized};

/// A named elliptic curve.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Curve {
    /// NIST P-256 (secp256r1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
    /// NIST P-521 (secp521r1).
    P521,
    /// secp256k1.
    Secp256k1,
    /// brainpoolP256r1.
    BrainpoolP256r1,
    /// brainpoolP384r1.
    BrainpoolP384r1,
    /// Another curve, by OID.
    Other(String),
}

impl Curve {
    fn from_oid(oid: &Oid<'_>) -> Curve {
        const TABLE: &[(Oid<'static>, Curve)] = &[
            (oid!(1.2.840 .10045 .3 .1 .7), Curve::P256),
            (oid!(1.3.132 .0 .34), Curve::P384),
            (oid!(1.3.132 .0 .35), Curve::P521),
            (oid!(1.3.132 .0 .10), Curve::Secp256k1),
            (oid!(1.3.36 .3 .3 .2 .8 .1 .1 .7), Curve::BrainpoolP256r1),
            (oid!(1.3.36 .3 .3 .2 .8 .1 .1 .11), Curve::BrainpoolP384r1),
        ];
        TABLE
            .iter()
            .find(|(o, _)| o == oid)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| Curve::Other(crate::x509::dotted(oid)))
    }

    /// The usual name.
    pub fn name(&self) -> String {
        match self {
            Curve::P256 => "P-256".into(),
            Curve::P384 => "P-384".into(),
            Curve::P521 => "P-521".into(),
            Curve::Secp256k1 => "secp256k1".into(),
            Curve::BrainpoolP256r1 => "brainpoolP256r1".into(),
            Curve::BrainpoolP384r1 => "brainpoolP384r1".into(),
            Curve::Other(oid) => oid.clone(),
        }
    }

    /// Field size in bits.
    pub fn bits(&self) -> u32 {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::BrainpoolP256r1 => 256,
            Curve::P384 | Curve::BrainpoolP384r1 => 384,
            Curve::P521 => 521,
            Curve::Other(_) => 0,
        }
    }
}

/// A public key, borrowed from the DER it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey<'a> {
    /// RSA (rsaEncryption or id-RSASSA-PSS): big-endian magnitudes without leading zeros.
    Rsa {
        /// The modulus n.
        modulus: &'a [u8],
        /// The public exponent e.
        exponent: &'a [u8],
        /// True when the SPKI says id-RSASSA-PSS (the key is restricted to PSS).
        pss_only: bool,
        /// The whole RSAPublicKey DER, as ring wants it.
        der: &'a [u8],
    },
    /// An elliptic-curve point on a named curve.
    Ec {
        /// The curve.
        curve: Curve,
        /// The encoded point (SEC1).
        point: &'a [u8],
    },
    /// Ed25519 (32 bytes).
    Ed25519(&'a [u8]),
    /// A key sceau cannot use, by algorithm OID, or a key whose encoding is broken.
    Unusable {
        /// What it is.
        algorithm: String,
        /// Why it cannot be used.
        reason: Localized,
    },
}

impl<'a> PublicKey<'a> {
    /// Reads the key of a SubjectPublicKeyInfo.
    pub fn from_spki(spki: &'a SubjectPublicKeyInfo<'a>) -> PublicKey<'a> {
        const RSA: Oid<'static> = oid!(1.2.840 .113549 .1 .1 .1);
        const RSA_PSS: Oid<'static> = oid!(1.2.840 .113549 .1 .1 .10);
        const EC: Oid<'static> = oid!(1.2.840 .10045 .2 .1);
        const ED25519: Oid<'static> = oid!(1.3.101 .112);
        const ED448: Oid<'static> = oid!(1.3.101 .113);
        const DSA: Oid<'static> = oid!(1.2.840 .10040 .4 .1);
        let alg = &spki.algorithm.algorithm;
        let bits: &'a [u8] = &spki.subject_public_key.data;
        let unusable = |algorithm: &str, reason: Localized| PublicKey::Unusable {
            algorithm: algorithm.into(),
            reason,
        };
        if *alg == RSA || *alg == RSA_PSS {
            let name = if *alg == RSA { "RSA" } else { "RSA-PSS" };
            match RSAPublicKey::from_der(bits) {
                Ok(([], key)) => {
                    if key.modulus.first().is_some_and(|b| b & 0x80 != 0)
                        || key.exponent.first().is_some_and(|b| b & 0x80 != 0)
                    {
                        return unusable(
                            name,
                            localized!(
                                "negative modulus or exponent",
                                "module ou exposant négatif"
                            ),
                        );
                    }
                    let modulus = strip_leading_zeros(key.modulus);
                    let exponent = strip_leading_zeros(key.exponent);
                    if modulus.is_empty() || exponent.is_empty() {
                        return unusable(
                            name,
                            localized!("zero modulus or exponent", "module ou exposant nul"),
                        );
                    }
                    PublicKey::Rsa {
                        modulus,
                        exponent,
                        pss_only: *alg == RSA_PSS,
                        der: bits,
                    }
                }
                _ => unusable(
                    name,
                    localized!(
                        "the RSAPublicKey is not valid DER",
                        "la RSAPublicKey n'est pas un DER valide"
                    ),
                ),
            }
        } else if *alg == EC {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| Curve::from_oid(&o));
            match curve {
                Some(curve) => PublicKey::Ec { curve, point: bits },
                None => unusable(
                    "EC",
                    localized!(
                        "no named curve (explicit parameters are not accepted)",
                        "pas de courbe nommée (les paramètres explicites ne sont pas acceptés)"
                    ),
                ),
            }
        } else if *alg == ED25519 {
            if bits.len() == 32 {
                PublicKey::Ed25519(bits)
            } else {
                unusable(
                    "Ed25519",
                    localized!("the key is not 32 bytes", "la clé ne fait pas 32 octets"),
                )
            }
        } else if *alg == ED448 {
            unusable("Ed448", not_supported())
        } else if *alg == DSA {
            unusable("DSA", not_supported())
        } else {
            unusable(
                &crate::x509::dotted(alg),
                localized!("unknown key algorithm", "algorithme de clé inconnu"),
            )
        }
    }

    /// The owned, serialisable facts of this key, with the SHA-256 of the whole SPKI.
    pub fn facts(&self, spki_der: &[u8]) -> KeyFacts {
        let spki = spki_der.to_vec();
        match self {
            PublicKey::Rsa {
                modulus,
                exponent,
                pss_only,
                ..
            } => KeyFacts {
                algorithm: if *pss_only { "rsa-pss" } else { "rsa" }.into(),
                bits: bit_length(modulus),
                curve: None,
                exponent: exponent_u64(exponent),
                spki,
                modulus: modulus.to_vec(),
                unusable_reason: None,
            },
            PublicKey::Ec { curve, .. } => KeyFacts {
                algorithm: "ec".into(),
                bits: curve.bits(),
                curve: Some(curve.clone()),
                exponent: None,
                spki,
                modulus: Vec::new(),
                unusable_reason: None,
            },
            PublicKey::Ed25519(_) => KeyFacts {
                algorithm: "ed25519".into(),
                bits: 256,
                curve: None,
                exponent: None,
                spki,
                modulus: Vec::new(),
                unusable_reason: None,
            },
            PublicKey::Unusable { algorithm, reason } => KeyFacts {
                algorithm: algorithm.to_lowercase(),
                bits: 0,
                curve: None,
                exponent: None,
                spki,
                modulus: Vec::new(),
                unusable_reason: Some(reason.clone()),
            },
        }
    }
}

/// The facts of a public key, owned and serialisable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyFacts {
    /// `rsa`, `rsa-pss`, `ec`, `ed25519`, or the name or OID of an unusable algorithm.
    pub algorithm: String,
    /// Modulus size for RSA, field size for EC, 256 for Ed25519.
    pub bits: u32,
    /// The curve of an EC key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<Curve>,
    /// The RSA public exponent, when it fits in 64 bits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exponent: Option<u64>,
    /// The DER SubjectPublicKeyInfo; serialised as `spki_sha256`, the hex SHA-256 that
    /// identifies the key across objects (hashed when rendered, not on every check).
    #[serde(rename = "spki_sha256", serialize_with = "serialize_sha256_hex")]
    pub spki: Vec<u8>,
    /// The RSA modulus (not serialised).
    #[serde(skip)]
    pub modulus: Vec<u8>,
    /// Why the key cannot be used, when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unusable_reason: Option<Localized>,
}

impl KeyFacts {
    /// SHA-256 of the DER SubjectPublicKeyInfo, in hex.
    pub fn spki_sha256(&self) -> String {
        crate::derwalk::hex_text(&Sha256::digest(&self.spki))
    }
}

fn serialize_sha256_hex<S: serde::Serializer>(
    spki: &[u8],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::derwalk::hex_text(&Sha256::digest(spki)))
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

fn not_supported() -> Localized {
    localized!("not supported", "non pris en charge")
}

/// Bit length of a big-endian magnitude without leading zero bytes.
pub fn bit_length(magnitude: &[u8]) -> u32 {
    match magnitude.first() {
        None => 0,
        Some(top) => {
            let bytes = u32::try_from(magnitude.len()).unwrap_or(u32::MAX);
            bytes.saturating_mul(8) - top.leading_zeros()
        }
    }
}

fn exponent_u64(exponent: &[u8]) -> Option<u64> {
    if exponent.len() > 8 {
        return None;
    }
    Some(
        exponent
            .iter()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_length_counts_from_the_top_bit() {
        assert_eq!(bit_length(&[0x01, 0x00]), 9);
        assert_eq!(bit_length(&[0x80]), 8);
        assert_eq!(bit_length(&[]), 0);
    }
}
