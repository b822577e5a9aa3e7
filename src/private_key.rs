//! Private keys, read only to tell which public key they belong to and whether they hold
//! together: PKCS#8, PKCS#1 (RSA) and SEC1 (EC), in PEM or DER. Secrets are never copied into
//! facts or reports.

use der::Decode;
use ring::signature::{self as rs, KeyPair as _};
use serde::Serialize;

use crate::error::{Error, ObjectKind, Result};
use crate::input::{self, Form};
use crate::lang::{localized, Localized};
use crate::public_key::{bit_length, Curve, PublicKey};

/// The public half a private key determines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicHalf {
    /// RSA modulus and exponent, big-endian without leading zeros.
    Rsa {
        /// n.
        modulus: Vec<u8>,
        /// e.
        exponent: Vec<u8>,
    },
    /// An EC point on a curve.
    Ec {
        /// The curve.
        curve: Curve,
        /// The uncompressed point.
        point: Vec<u8>,
    },
    /// An Ed25519 public key.
    Ed25519(Vec<u8>),
}

/// What sceau read from a private key: never the secret itself.
#[derive(Clone, Debug, Serialize)]
pub struct PrivateKeyFacts {
    /// How the key was written.
    pub form: Form,
    /// `pkcs8`, `pkcs1` or `sec1`.
    pub encoding: &'static str,
    /// `rsa`, `ec` or `ed25519`.
    pub algorithm: &'static str,
    /// Modulus or field size.
    pub bits: u32,
    /// Why the key does not hold together, when it does not (RSA p·q ≠ n, EC point not k·G).
    pub inconsistency: Option<Localized>,
    /// The public half.
    #[serde(skip)]
    pub public: PublicHalf,
}

impl PrivateKeyFacts {
    /// Whether this private key belongs to `key`.
    pub fn matches(&self, key: &PublicKey<'_>) -> bool {
        match (&self.public, key) {
            (
                PublicHalf::Rsa { modulus, exponent },
                PublicKey::Rsa {
                    modulus: m,
                    exponent: e,
                    ..
                },
            ) => modulus.as_slice() == *m && exponent.as_slice() == *e,
            (PublicHalf::Ec { curve, point }, PublicKey::Ec { curve: c, point: p }) => {
                curve == c && point.as_slice() == *p
            }
            (PublicHalf::Ed25519(a), PublicKey::Ed25519(b)) => a.as_slice() == *b,
            _ => false,
        }
    }
}

fn unsupported(detail: impl Into<String>) -> Error {
    Error::Unsupported {
        detail: detail.into(),
        expected: ObjectKind::PrivateKey,
    }
}

fn bad_der(detail: impl std::fmt::Display) -> Error {
    Error::BadDer {
        detail: detail.to_string(),
        expected: ObjectKind::PrivateKey,
    }
}

/// Reads a private key (PEM `PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, or DER).
/// Encrypted keys are refused: decrypt them first (`openssl pkey -in key.pem`).
pub fn read_private_key(input: &[u8]) -> Result<PrivateKeyFacts> {
    let decoded = input::decode(input, ObjectKind::PrivateKey)?;
    let der: &[u8] = &decoded.der;
    let label = match &decoded.form {
        Form::Pem { label } => Some(label.to_ascii_uppercase()),
        _ => None,
    };
    let (encoding, (algorithm, bits, public, inconsistency)) =
        match label.as_deref() {
            Some("ENCRYPTED PRIVATE KEY") => return Err(unsupported(
                "the key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)",
            )),
            Some("RSA PRIVATE KEY") => pkcs1(der).map(|k| ("pkcs1", k))?,
            Some("EC PRIVATE KEY") => sec1(der, None).map(|k| ("sec1", k))?,
            Some(_) => pkcs8(der).map(|k| ("pkcs8", k))?,
            None => pkcs8(der)
                .map(|k| ("pkcs8", k))
                .or_else(|_| pkcs1(der).map(|k| ("pkcs1", k)))
                .or_else(|_| sec1(der, None).map(|k| ("sec1", k)))?,
        };
    Ok(PrivateKeyFacts {
        form: decoded.form.clone(),
        encoding,
        algorithm,
        bits,
        inconsistency,
        public,
    })
}

/// Algorithm, size, public half, and why the key does not hold together (if it does not).
type KeyParts = (&'static str, u32, PublicHalf, Option<Localized>);

fn pkcs8(der: &[u8]) -> Result<KeyParts> {
    let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(bad_der)?;
    let oid = info.algorithm.oid.to_string();
    match oid.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => pkcs1(info.private_key),
        "1.2.840.10045.2.1" => {
            let curve_oid = info
                .algorithm
                .parameters_oid()
                .map_err(|_| bad_der("EC key without a named curve"))?;
            sec1(info.private_key, Some(curve_oid.to_string()))
        }
        "1.3.101.112" => {
            // CurvePrivateKey ::= OCTET STRING (the 32-byte seed)
            let seed = der::asn1::OctetStringRef::from_der(info.private_key).map_err(bad_der)?;
            let pair = rs::Ed25519KeyPair::from_seed_unchecked(seed.as_bytes())
                .map_err(|e| bad_der(format!("Ed25519 seed: {e}")))?;
            let public = pair.public_key().as_ref().to_vec();
            let inconsistency = match info.public_key {
                Some(given) if given != public.as_slice() => Some(localized!(
                    "the public key stored with the seed is not the seed's",
                    "la clé publique enregistrée avec la graine n'est pas celle de la graine"
                )),
                _ => None,
            };
            Ok(("ed25519", 256, PublicHalf::Ed25519(public), inconsistency))
        }
        other => Err(unsupported(format!("private key algorithm {other}"))),
    }
}

/// The largest RSA private key read: the checks below multiply and reduce numbers of the
/// modulus's size, and a policy names 16384 bits at most.
const MAX_RSA_PRIVATE_BITS: u32 = 16_384;

fn pkcs1(der: &[u8]) -> Result<KeyParts> {
    let key = pkcs1::RsaPrivateKey::from_der(der).map_err(bad_der)?;
    if key.other_prime_infos.is_some() {
        return Err(unsupported(
            "a multi-prime RSA key (PKCS#1 v2, otherPrimeInfos)",
        ));
    }
    let modulus = key.modulus.as_bytes().to_vec();
    let exponent = key.public_exponent.as_bytes().to_vec();
    let bits = bit_length(&modulus);
    if bits > MAX_RSA_PRIVATE_BITS {
        return Err(unsupported(format!(
            "an RSA key of {bits} bits (sceau reads keys of {MAX_RSA_PRIVATE_BITS} bits at most)"
        )));
    }
    let inconsistency = rsa_inconsistency(&key);
    Ok((
        "rsa",
        bits,
        PublicHalf::Rsa { modulus, exponent },
        inconsistency,
    ))
}

/// Why an RSA private key does not hold together, if it does not: the `rsa` crate's checks
/// (p·q = n, d·e ≡ 1 mod p−1 and q−1, e odd and within bounds), then the CRT values the file
/// carries, which that crate recomputes rather than reads (a key with d = 3 and bogus CRT
/// values used to pass because only p·q = n was compared).
fn rsa_inconsistency(key: &pkcs1::RsaPrivateKey<'_>) -> Option<Localized> {
    use rsa::traits::PrivateKeyParts as _;
    use rsa::BigUint;
    let int = |i: pkcs1::UintRef<'_>| BigUint::from_bytes_be(i.as_bytes());
    let checked = rsa::RsaPrivateKey::from_components(
        int(key.modulus),
        int(key.public_exponent),
        int(key.private_exponent),
        vec![int(key.prime1), int(key.prime2)],
    );
    let whole = match checked {
        Ok(whole) => whole,
        Err(e) => {
            return Some(match e {
                rsa::Error::InvalidModulus => localized!(
                    "its primes p and q do not multiply to its modulus",
                    "le produit de ses facteurs premiers p et q n'est pas son module"
                ),
                rsa::Error::InvalidExponent => localized!(
                "its private exponent d is not the inverse of e modulo p−1 and q−1 (or e is even)",
                "son exposant privé d n'est pas l'inverse de e modulo p−1 et q−1 (ou e est pair)"
            ),
                other => Localized::same(other.to_string()),
            })
        }
    };
    let crt = [
        (
            "exponent1 (d mod p−1)",
            whole.dp().cloned(),
            int(key.exponent1),
        ),
        (
            "exponent2 (d mod q−1)",
            whole.dq().cloned(),
            int(key.exponent2),
        ),
        (
            "coefficient (q⁻¹ mod p)",
            whole.crt_coefficient(),
            int(key.coefficient),
        ),
    ];
    crt.into_iter()
        .find(|(_, computed, stored)| computed.as_ref() != Some(stored))
        .map(|(name, ..)| {
            localized!(
                "its {name} is not the value its primes and exponent give",
                "son {name} n'est pas la valeur que donnent ses facteurs premiers et son exposant",
                name = name
            )
        })
}

fn sec1(der: &[u8], curve_from_pkcs8: Option<String>) -> Result<KeyParts> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(bad_der)?;
    let curve_oid = key
        .parameters
        .and_then(|p| p.named_curve())
        .map(|o| o.to_string())
        .or(curve_from_pkcs8)
        .ok_or_else(|| bad_der("EC key without a named curve"))?;
    let (curve, alg): (Curve, &'static rs::EcdsaSigningAlgorithm) = match curve_oid.as_str() {
        "1.2.840.10045.3.1.7" => (Curve::P256, &rs::ECDSA_P256_SHA256_ASN1_SIGNING),
        "1.3.132.0.34" => (Curve::P384, &rs::ECDSA_P384_SHA384_ASN1_SIGNING),
        other => return Err(unsupported(format!("EC private key on curve {other}"))),
    };
    let public = key
        .public_key
        .ok_or_else(|| {
            unsupported("a SEC1 key without its public key (re-export it with openssl ec)")
        })?
        .to_vec();
    // ring checks that the point is the private scalar times the generator.
    let inconsistency = rs::EcdsaKeyPair::from_private_key_and_public_key(
        alg,
        key.private_key,
        &public,
        &ring::rand::SystemRandom::new(),
    )
    .err()
    .map(|e| {
        localized!(
            "its public point does not belong to its private scalar ({e})",
            "son point public ne correspond pas à son scalaire privé ({e})",
            e = e.to_string()
        )
    });
    let bits = curve.bits();
    Ok((
        "ec",
        bits,
        PublicHalf::Ec {
            curve,
            point: public,
        },
        inconsistency,
    ))
}
