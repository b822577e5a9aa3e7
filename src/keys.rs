//! Public keys: what a SubjectPublicKeyInfo holds, the key policy as data, and the weak-key
//! checks CAs run before issuing (Let's Encrypt's Boulder: small factors, Fermat factorisation).

use std::sync::OnceLock;

use asn1_rs::{oid, FromDer, Oid};
use dashu_int::ops::SquareRootRem;
use dashu_int::UBig;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_parser::public_key::RSAPublicKey;
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::report::{rule, Finding, Rule};

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
            .unwrap_or_else(|| Curve::Other(oid.to_id_string()))
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
            Curve::Other(oid) => format!("curve {oid}"),
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
        reason: String,
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
        let unusable = |algorithm: &str, reason: &str| PublicKey::Unusable {
            algorithm: algorithm.into(),
            reason: reason.into(),
        };
        if *alg == RSA || *alg == RSA_PSS {
            let name = if *alg == RSA { "RSA" } else { "RSA-PSS" };
            match RSAPublicKey::from_der(bits) {
                Ok(([], key)) => {
                    if key.modulus.first().is_some_and(|b| b & 0x80 != 0)
                        || key.exponent.first().is_some_and(|b| b & 0x80 != 0)
                    {
                        return unusable(name, "negative modulus or exponent");
                    }
                    let modulus = strip_leading_zeros(key.modulus);
                    let exponent = strip_leading_zeros(key.exponent);
                    if modulus.is_empty() || exponent.is_empty() {
                        return unusable(name, "zero modulus or exponent");
                    }
                    PublicKey::Rsa {
                        modulus,
                        exponent,
                        pss_only: *alg == RSA_PSS,
                        der: bits,
                    }
                }
                _ => unusable(name, "the RSAPublicKey is not valid DER"),
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
                    "no named curve (explicit parameters are not accepted)",
                ),
            }
        } else if *alg == ED25519 {
            if bits.len() == 32 {
                PublicKey::Ed25519(bits)
            } else {
                unusable("Ed25519", "the key is not 32 bytes")
            }
        } else if *alg == ED448 {
            unusable("Ed448", "not supported")
        } else if *alg == DSA {
            unusable("DSA", "not supported")
        } else {
            unusable(&alg.to_id_string(), "unknown key algorithm")
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
    pub unusable_reason: Option<String>,
}

impl KeyFacts {
    /// SHA-256 of the DER SubjectPublicKeyInfo, in hex.
    pub fn spki_sha256(&self) -> String {
        hex::encode(Sha256::digest(&self.spki))
    }
}

fn serialize_sha256_hex<S: serde::Serializer>(
    spki: &[u8],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&hex::encode(Sha256::digest(spki)))
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[first..]
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

/// The key policy, as data: which algorithms and sizes a request or certificate may carry.
/// Fields left out of a TOML or JSON policy take their defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeyPolicy {
    /// RSA rules; `None` refuses RSA keys.
    pub rsa: Option<RsaPolicy>,
    /// Accepted EC curves; empty refuses EC keys.
    pub ec_curves: Vec<Curve>,
    /// Whether Ed25519 keys are accepted.
    pub ed25519: bool,
}

/// RSA key rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RsaPolicy {
    /// Smallest modulus accepted, in bits.
    pub min_bits: u32,
    /// Largest modulus accepted, in bits.
    pub max_bits: u32,
    /// When set, only these exact sizes are accepted (Certigna: 2048 only).
    pub sizes: Option<Vec<u32>>,
    /// The modulus size must be a multiple of 8 (CA/B BR §6.1.5).
    pub multiple_of_8: bool,
    /// Smallest public exponent (CA/B BR §6.1.6: 65537); the exponent must also be odd.
    pub min_exponent: u64,
    /// Refuse moduli divisible by a prime below 752 (Boulder, goodkey).
    pub reject_small_factors: bool,
    /// Refuse moduli whose primes are close enough for Fermat's method to factor them within
    /// this many rounds (Boulder: 100); 0 turns the check off.
    pub fermat_rounds: u32,
}

impl Default for RsaPolicy {
    /// The CA/B Forum rules: 2048 to 8192 bits, a multiple of 8, e ≥ 65537, weak-key checks on.
    fn default() -> Self {
        RsaPolicy {
            min_bits: 2048,
            max_bits: 8192,
            sizes: None,
            multiple_of_8: true,
            min_exponent: 65537,
            reject_small_factors: true,
            fermat_rounds: 100,
        }
    }
}

impl Default for KeyPolicy {
    /// RSA ≥ 2048 (CA/B rules), P-256 and P-384; no Ed25519.
    fn default() -> Self {
        KeyPolicy {
            rsa: Some(RsaPolicy::default()),
            ec_curves: vec![Curve::P256, Curve::P384],
            ed25519: false,
        }
    }
}

impl KeyPolicy {
    /// RSA keys of exactly these sizes and nothing else, e.g. Certigna's `&[2048]`.
    pub fn rsa_only(sizes: &[u32]) -> KeyPolicy {
        KeyPolicy {
            rsa: Some(RsaPolicy {
                sizes: Some(sizes.to_vec()),
                ..RsaPolicy::default()
            }),
            ec_curves: Vec::new(),
            ed25519: false,
        }
    }

    fn allowed_summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(rsa) = &self.rsa {
            match &rsa.sizes {
                Some(sizes) => parts.push(format!(
                    "RSA {}",
                    sizes
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join("/")
                )),
                None => parts.push(format!("RSA ≥ {}", rsa.min_bits)),
            }
        }
        parts.extend(self.ec_curves.iter().map(Curve::name));
        if self.ed25519 {
            parts.push("Ed25519".into());
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }

    /// The findings of this policy on a key; `field` names where it stands.
    pub fn check(&self, key: &KeyFacts, field: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(reason) = &key.unusable_reason {
            out.push(
                Finding::new(&KEY_UNUSABLE, field)
                    .arg("algorithm", &key.algorithm)
                    .arg("reason", reason),
            );
            return out;
        }
        let refused = |out: &mut Vec<Finding>, what: String| {
            out.push(
                Finding::new(&KEY_ALGORITHM_NOT_ALLOWED, field)
                    .arg("algorithm", what)
                    .arg("allowed", self.allowed_summary()),
            );
        };
        match key.algorithm.as_str() {
            "rsa" | "rsa-pss" => match &self.rsa {
                None => refused(&mut out, format!("RSA {}", key.bits)),
                Some(rsa) => rsa.check(key, field, &mut out),
            },
            "ec" if self.ec_curves.is_empty() => refused(&mut out, "EC".into()),
            "ec" => {
                let curve = key.curve.clone().unwrap_or(Curve::Other("?".into()));
                if !self.ec_curves.contains(&curve) {
                    out.push(
                        Finding::new(&KEY_CURVE_NOT_ALLOWED, field)
                            .arg("curve", curve.name())
                            .arg("allowed", self.allowed_summary()),
                    );
                }
            }
            "ed25519" => {
                if !self.ed25519 {
                    refused(&mut out, "Ed25519".into());
                }
            }
            other => refused(&mut out, other.to_string()),
        }
        out
    }
}

impl RsaPolicy {
    fn check(&self, key: &KeyFacts, field: &str, out: &mut Vec<Finding>) {
        let bits = key.bits;
        match &self.sizes {
            Some(sizes) if !sizes.contains(&bits) => out.push(
                Finding::new(&KEY_RSA_SIZE_NOT_ALLOWED, field)
                    .arg("bits", bits)
                    .arg(
                        "sizes",
                        sizes
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            ),
            _ => {
                if bits < self.min_bits {
                    out.push(
                        Finding::new(&KEY_RSA_TOO_SMALL, field)
                            .arg("bits", bits)
                            .arg("min", self.min_bits),
                    );
                } else if bits > self.max_bits {
                    out.push(
                        Finding::new(&KEY_RSA_TOO_LARGE, field)
                            .arg("bits", bits)
                            .arg("max", self.max_bits),
                    );
                }
            }
        }
        if self.multiple_of_8 && bits % 8 != 0 {
            out.push(Finding::new(&KEY_RSA_NOT_MULTIPLE_OF_8, field).arg("bits", bits));
        }
        match key.exponent {
            None => out.push(
                Finding::new(&KEY_RSA_EXPONENT, field)
                    .arg("exponent", "(more than 64 bits)")
                    .arg("min", self.min_exponent),
            ),
            Some(e) if e % 2 == 0 || e < self.min_exponent => out.push(
                Finding::new(&KEY_RSA_EXPONENT, field)
                    .arg("exponent", e)
                    .arg("min", self.min_exponent),
            ),
            Some(_) => {}
        }
        if self.reject_small_factors {
            if let Some(prime) = small_factor(&key.modulus) {
                out.push(Finding::new(&KEY_RSA_SMALL_FACTOR, field).arg("prime", prime));
                // A modulus with a tiny factor is broken already; Fermat adds nothing.
                return;
            }
        }
        if self.fermat_rounds > 0 {
            if let Some(round) = fermat_factor_round(&key.modulus, self.fermat_rounds) {
                out.push(
                    Finding::new(&KEY_RSA_FERMAT, field)
                        .arg("rounds", round)
                        .arg("limit", self.fermat_rounds),
                );
            }
        }
    }
}

/// Primes below 752, as Boulder's goodkey checks.
const SMALL_PRIMES: [u32; 133] = small_primes();

const fn small_primes() -> [u32; 133] {
    let mut out = [0u32; 133];
    let mut n = 2u32;
    let mut found = 0;
    while n < 752 {
        let mut d = 2;
        let mut prime = true;
        while d * d <= n {
            if n % d == 0 {
                prime = false;
                break;
            }
            d += 1;
        }
        if prime {
            out[found] = n;
            found += 1;
        }
        n += 1;
    }
    out
}

/// Products of consecutive small primes, each below 2^64, with the powers 2^(64k) mod each
/// product: the modulus is reduced by multiply-adds instead of one division per word, and each
/// prime is then tested on the residue by multiplying with its inverse (Granlund–Montgomery).
struct SmallPrimeGroups {
    /// (divisor, first prime index, last prime index exclusive)
    groups: Vec<(Divisor, usize, usize)>,
    /// powers[g][k] = 2^(64k) mod the product of group g
    powers: Vec<Vec<u64>>,
    /// For each prime p: (p⁻¹ mod 2^64, ⌊(2^64 − 1) / p⌋); x is divisible by odd p iff
    /// x·p⁻¹ mod 2^64 ≤ ⌊(2^64 − 1) / p⌋.
    divisibility: Vec<(u64, u64)>,
}

/// A 64-bit divisor with its precomputed reciprocal, so that a remainder costs two
/// multiplications instead of a 128-bit division (Möller & Granlund, "Improved division by
/// invariant integers", 2011, algorithm 4).
struct Divisor {
    value: u64,
    shift: u32,
    normalized: u64,
    reciprocal: u64,
}

impl Divisor {
    fn new(value: u64) -> Divisor {
        let shift = value.leading_zeros();
        let normalized = value << shift;
        let reciprocal = (u128::MAX / u128::from(normalized) - (1u128 << 64)) as u64;
        Divisor {
            value,
            shift,
            normalized,
            reciprocal,
        }
    }

    /// x mod value, for any x: the high word is reduced first, so that each step divides a
    /// two-word number whose high word is below the divisor.
    fn rem(&self, x: u128) -> u64 {
        let high = self.rem_two_words(x >> 64);
        self.rem_two_words((u128::from(high) << 64) | (x & u128::from(u64::MAX)))
    }

    /// x mod value, for x < value · 2^64.
    fn rem_two_words(&self, x: u128) -> u64 {
        let x = x << self.shift;
        let (hi, lo) = ((x >> 64) as u64, x as u64);
        let d = self.normalized;
        let q = u128::from(self.reciprocal) * u128::from(hi) + x;
        let q1 = ((q >> 64) as u64).wrapping_add(1);
        let q0 = q as u64;
        let mut r = lo.wrapping_sub(q1.wrapping_mul(d));
        if r > q0 {
            r = r.wrapping_add(d);
        }
        if r >= d {
            r -= d;
        }
        r >> self.shift
    }
}

/// Moduli up to this many 64-bit words use the precomputed powers (16384 bits).
const MAX_WORDS: usize = 256;

fn small_prime_groups() -> &'static SmallPrimeGroups {
    static GROUPS: OnceLock<SmallPrimeGroups> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut groups = Vec::new();
        let mut start = 0;
        while start < SMALL_PRIMES.len() {
            let mut product = 1u64;
            let mut end = start;
            while end < SMALL_PRIMES.len() {
                match product.checked_mul(u64::from(SMALL_PRIMES[end])) {
                    Some(p) if p < GROUP_BOUND => product = p,
                    _ => break,
                }
                end += 1;
            }
            groups.push((Divisor::new(product), start, end));
            start = end;
        }
        let powers = groups
            .iter()
            .map(|(m, _, _)| powers_of_2_64(m.value))
            .collect();
        let divisibility = SMALL_PRIMES
            .iter()
            .map(|p| {
                let p = u64::from(*p);
                // Newton's iteration for the inverse of an odd p modulo 2^64 (p = 2 is special-cased).
                let mut inv = p;
                for _ in 0..6 {
                    inv = inv.wrapping_mul(2u64.wrapping_sub(p.wrapping_mul(inv)));
                }
                (inv, u64::MAX / p)
            })
            .collect();
        SmallPrimeGroups {
            groups,
            powers,
            divisibility,
        }
    })
}

/// 2^(64k) mod m for k < MAX_WORDS.
fn powers_of_2_64(m: u64) -> Vec<u64> {
    let mut powers = Vec::with_capacity(MAX_WORDS);
    let mut acc = 1 % m;
    for _ in 0..MAX_WORDS {
        powers.push(acc);
        acc = ((u128::from(acc) << 64) % u128::from(m)) as u64;
    }
    powers
}

/// Big-endian bytes as 64-bit words, least significant first, written into `out`.
fn words_le<'a>(bytes: &[u8], out: &'a mut [u64; MAX_WORDS]) -> &'a [u64] {
    let mut count = 0;
    for (slot, chunk) in out.iter_mut().zip(bytes.rchunks(8)) {
        *slot = match <[u8; 8]>::try_from(chunk) {
            Ok(whole) => u64::from_be_bytes(whole),
            Err(_) => chunk.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)),
        };
        count += 1;
    }
    &out[..count]
}

/// Group products stay below 2^55, so a word times a power is below 2^119 and 256 such terms
/// sum below 2^127: one 128-bit accumulator never overflows.
const GROUP_BOUND: u64 = 1 << 55;

/// Σ words[k]·powers[k] mod m (m < [`GROUP_BOUND`]). Even and odd terms go to two sums so
/// that the additions form two independent chains.
fn reduce(words: &[u64], powers: &[u64], m: &Divisor) -> u64 {
    let mut even = 0u128;
    let mut odd = 0u128;
    let mut pairs_w = words.chunks_exact(2);
    let mut pairs_p = powers.chunks_exact(2);
    for (w, p) in (&mut pairs_w).zip(&mut pairs_p) {
        even += u128::from(w[0]) * u128::from(p[0]);
        odd += u128::from(w[1]) * u128::from(p[1]);
    }
    if let ([w], Some(p)) = (pairs_w.remainder(), pairs_p.next()) {
        even += u128::from(*w) * u128::from(p[0]);
    }
    // Each half holds at most 128 terms below 2^119: the two together stay below 2^127.
    m.rem(even + odd)
}

/// The smallest prime below 752 that divides `modulus`, if any.
pub fn small_factor(modulus: &[u8]) -> Option<u32> {
    if modulus.last().is_some_and(|b| b & 1 == 0) {
        return Some(2);
    }
    if modulus.len().div_ceil(8) > MAX_WORDS {
        let n = UBig::from_be_bytes(modulus);
        return SMALL_PRIMES.iter().copied().find(|p| {
            let r: u32 = &n % *p;
            r == 0
        });
    }
    let tables = small_prime_groups();
    let mut buffer = [0u64; MAX_WORDS];
    let words = words_le(modulus, &mut buffer);
    for (g, (m, start, end)) in tables.groups.iter().enumerate() {
        let residue = reduce(words, &tables.powers[g], m);
        // 2 was ruled out above (the modulus is odd). Test the group's primes without a branch
        // each, and look for which one only when one divides.
        let first = (*start).max(1);
        let tests = &tables.divisibility[first..*end];
        let divides = |(inv, limit): &(u64, u64)| residue.wrapping_mul(*inv) <= *limit;
        if tests.iter().fold(false, |any, t| any | divides(t)) {
            return tests
                .iter()
                .position(divides)
                .map(|i| SMALL_PRIMES[first + i]);
        }
    }
    None
}

/// [`SQUARE_FILTER`] as a divisor, with its powers 2^(64k).
fn square_filter() -> &'static (Divisor, Vec<u64>) {
    static FILTER: OnceLock<(Divisor, Vec<u64>)> = OnceLock::new();
    FILTER.get_or_init(|| (Divisor::new(SQUARE_FILTER), powers_of_2_64(SQUARE_FILTER)))
}

fn mod_square_filter(words: &[u64]) -> u64 {
    let (divisor, powers) = square_filter();
    reduce(words, powers, divisor)
}

/// If Fermat's method factors `modulus` within `rounds` steps, the step (1-based) it succeeds
/// at. Moduli whose primes differ by less than about 2·n^(1/4) fall at the first step.
pub fn fermat_factor_round(modulus: &[u8], rounds: u32) -> Option<u32> {
    if modulus.len() < 2 || modulus.len().div_ceil(8) > MAX_WORDS {
        return None;
    }
    let n = UBig::from_be_bytes(modulus);
    // a = ⌈√n⌉; dashu's sqrt_rem is the Karatsuba square root (Zimmermann), several times faster
    // on 2048-bit moduli than a Newton iteration with full-size divisions.
    let (root, rest) = n.sqrt_rem();
    let a = if rest.is_zero() { root } else { root + 1u8 };
    // b² = (a + k)² − n must be a perfect square. Most candidates are ruled out by quadratic
    // residues modulo small numbers, tracked in machine words; only survivors pay a square root.
    let mut buffer = [0u64; MAX_WORDS];
    let n_mod = mod_square_filter(words_le(modulus, &mut buffer));
    let a_mod = mod_square_filter(words_le(&a.to_be_bytes(), &mut buffer));
    // Which residues x of a + k modulo 64 leave x² − n a square modulo 64: one bit test rules
    // out four candidates in five before the other moduli are tried.
    let n64 = n_mod & 63;
    let mut allowed_mod_64 = 0u64;
    for x in 0..64u64 {
        if could_be_square_mod_64((x * x + 64 - n64) & 63) {
            allowed_mod_64 |= 1 << x;
        }
    }
    for step in 0..rounds {
        if allowed_mod_64 & (1 << ((a_mod + u64::from(step)) & 63)) == 0 {
            continue;
        }
        let a_k = (a_mod + u64::from(step)) % SQUARE_FILTER;
        let b2_mod = (a_k * a_k + SQUARE_FILTER - n_mod) % SQUARE_FILTER;
        if !could_be_square(b2_mod) {
            continue;
        }
        let a_big = &a + UBig::from(step);
        let b2 = a_big.sqr() - &n;
        let (b, rest) = b2.sqrt_rem();
        // p = a − b must be a proper factor (b = a − 1 gives the trivial 1 × n).
        if rest.is_zero() && &a_big - &b > UBig::ONE && &a_big - &b < n {
            return Some(step + 1);
        }
    }
    None
}

/// 64·63·65·11·17·19: squares mod each factor are few, so about 1 in 430 candidates survives;
/// below 2^32, so a residue squared stays in a u64.
const SQUARE_FILTER: u64 = 64 * 63 * 65 * 11 * 17 * 19;

fn could_be_square_mod_64(x: u64) -> bool {
    // Squares modulo 64: 0, 1, 4, 9, 16, 17, 25, 33, 36, 41, 49, 57.
    const SQUARES: u64 = (1 << 0)
        | (1 << 1)
        | (1 << 4)
        | (1 << 9)
        | (1 << 16)
        | (1 << 17)
        | (1 << 25)
        | (1 << 33)
        | (1 << 36)
        | (1 << 41)
        | (1 << 49)
        | (1 << 57);
    SQUARES & (1 << (x & 63)) != 0
}

/// Whether x (reduced mod [`SQUARE_FILTER`]) can be a perfect square.
fn could_be_square(x: u64) -> bool {
    fn residue_table(m: u64) -> Vec<bool> {
        let mut table = vec![false; m as usize];
        for i in 0..m {
            table[(i * i % m) as usize] = true;
        }
        table
    }
    // Most selective first: only 12 of 64 residues mod 64 are squares.
    static TABLES: OnceLock<[Vec<bool>; 6]> = OnceLock::new();
    let t = TABLES.get_or_init(|| [64, 63, 65, 11, 17, 19].map(residue_table));
    t[0][(x & 63) as usize]
        && t[1][(x % 63) as usize]
        && t[2][(x % 65) as usize]
        && t[3][(x % 11) as usize]
        && t[4][(x % 17) as usize]
        && t[5][(x % 19) as usize]
}

rule!(
    KEY_UNUSABLE,
    "key.unusable",
    Error,
    "RFC 5280 §4.1.2.7; RFC 3279; RFC 5480",
    "the public key ({algorithm}) cannot be used: {reason}",
    "la clé publique ({algorithm}) est inutilisable : {reason}"
);

rule!(
    KEY_ALGORITHM_NOT_ALLOWED,
    "key.algorithm_not_allowed",
    Error,
    "CA/B BR §6.1.5; 002_65d782b1359c0f60.txt (Certigna: RSA 2048 only)",
    "{algorithm} keys are not accepted by this policy (accepted: {allowed})",
    "les clés {algorithm} ne sont pas acceptées par cette politique (acceptées : {allowed})"
);

rule!(
    KEY_CURVE_NOT_ALLOWED,
    "key.ec.curve_not_allowed",
    Error,
    "CA/B BR §6.1.5 (P-256, P-384); ETSI TS 119 312",
    "EC key on {curve}, which this policy does not accept (accepted: {allowed})",
    "clé EC sur la courbe {curve}, que cette politique n'accepte pas (acceptées : {allowed})"
);

rule!(
    KEY_RSA_TOO_SMALL,
    "key.rsa.too_small",
    Error,
    "CA/B BR §6.1.5; ETSI TS 119 312; ANSSI RGS B1",
    "RSA modulus of {bits} bits; at least {min} bits are required",
    "module RSA de {bits} bits ; il en faut au moins {min}"
);

rule!(
    KEY_RSA_TOO_LARGE,
    "key.rsa.too_large",
    Error,
    "policy maximum (CA/B BR §6.1.5 sets no upper bound; CAs do)",
    "RSA modulus of {bits} bits; at most {max} bits are accepted",
    "module RSA de {bits} bits ; {max} bits au plus sont acceptés"
);

rule!(
    KEY_RSA_SIZE_NOT_ALLOWED,
    "key.rsa.size_not_allowed",
    Error,
    "002_65d782b1359c0f60.txt (Certigna: RSA 2048 only); policy",
    "RSA modulus of {bits} bits; this policy accepts only {sizes} bits",
    "module RSA de {bits} bits ; cette politique n'accepte que {sizes} bits"
);

rule!(
    KEY_RSA_NOT_MULTIPLE_OF_8,
    "key.rsa.not_multiple_of_8",
    Error,
    "CA/B BR §6.1.5",
    "RSA modulus of {bits} bits: the size must be a multiple of 8",
    "module RSA de {bits} bits : la taille doit être un multiple de 8"
);

rule!(
    KEY_RSA_EXPONENT,
    "key.rsa.bad_exponent",
    Error,
    "CA/B BR §6.1.6; NIST SP 800-89 §5.3.3",
    "RSA public exponent {exponent}: it must be odd and at least {min}",
    "exposant public RSA {exponent} : il doit être impair et au moins égal à {min}"
);

rule!(
    KEY_RSA_SMALL_FACTOR,
    "key.rsa.small_factor",
    Error,
    "CA/B BR §6.1.6; NIST SP 800-89 §5.3.3; Let's Encrypt Boulder goodkey",
    "the RSA modulus is divisible by {prime}: the key is broken",
    "le module RSA est divisible par {prime} : la clé est cassée"
);

rule!(KEY_RSA_FERMAT, "key.rsa.fermat_factorable", Error, "CA/B BR §6.1.1.3 (weak keys); Let's Encrypt Boulder goodkey; Böck, Fermat factorization in the wild (2023)", "the RSA primes are too close: Fermat's method factors the modulus in {rounds} step(s) (checked up to {limit})", "les facteurs premiers RSA sont trop proches : la méthode de Fermat factorise le module en {rounds} étape(s) (vérifié jusqu'à {limit})");

/// The rules of this module.
pub fn rules() -> Vec<&'static Rule> {
    vec![
        &KEY_UNUSABLE,
        &KEY_ALGORITHM_NOT_ALLOWED,
        &KEY_CURVE_NOT_ALLOWED,
        &KEY_RSA_TOO_SMALL,
        &KEY_RSA_TOO_LARGE,
        &KEY_RSA_SIZE_NOT_ALLOWED,
        &KEY_RSA_NOT_MULTIPLE_OF_8,
        &KEY_RSA_EXPONENT,
        &KEY_RSA_SMALL_FACTOR,
        &KEY_RSA_FERMAT,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_primes_are_the_132_primes_below_752() {
        assert_eq!(SMALL_PRIMES[0], 2);
        assert_eq!(SMALL_PRIMES[132], 751);
        assert!(SMALL_PRIMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn small_factor_finds_each_prime_and_only_real_factors() {
        // 2^127 − 1 is prime: no small factor.
        let m127 = (UBig::ONE << 127) - 1u32;
        assert_eq!(small_factor(&m127.to_be_bytes()), None);
        for p in SMALL_PRIMES {
            let n = &m127 * UBig::from(p);
            assert_eq!(small_factor(&n.to_be_bytes()), Some(p), "prime {p}");
        }
    }

    #[test]
    fn fermat_factors_close_primes_and_not_products_of_distant_ones() {
        // Two Mersenne primes far apart: Fermat cannot factor the product quickly.
        let m89 = (UBig::ONE << 89) - 1u32;
        let m127 = (UBig::ONE << 127) - 1u32;
        assert_eq!(
            fermat_factor_round(&(&m89 * &m127).to_be_bytes(), 100),
            None
        );
        // 1000003 and 1000033 are primes 30 apart: found at the first step.
        let close = UBig::from(1_000_003u64 * 1_000_033u64);
        assert_eq!(fermat_factor_round(&close.to_be_bytes(), 100), Some(1));
    }

    #[test]
    fn remainders_by_reciprocal_match_division() {
        let mut x = 0x0123_4567_89ab_cdefu128;
        for m in [
            3u64,
            743,
            0xffff_ffff,
            0xffff_ffff_ffff_ffc5,
            1 << 40,
            2_882_880 * 17 * 19,
        ] {
            let d = Divisor::new(m);
            for _ in 0..1000 {
                // An LCG walk over values below 2^105.
                x = (x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407))
                    >> 23;
                assert_eq!(d.rem(x), (x % u128::from(m)) as u64, "{x} mod {m}");
            }
            assert_eq!(d.rem(0), 0);
            assert_eq!(d.rem(u128::from(m)), 0);
            assert_eq!(d.rem(u128::from(m) - 1), m - 1);
        }
    }

    #[test]
    fn the_squares_mod_64_are_the_twelve_listed() {
        for x in 0..64u64 {
            assert_eq!(
                could_be_square_mod_64(x),
                (0..64u64).any(|r| r * r % 64 == x),
                "{x}"
            );
        }
    }

    #[test]
    fn bit_length_counts_from_the_top_bit() {
        assert_eq!(bit_length(&[0x01, 0x00]), 9);
        assert_eq!(bit_length(&[0x80]), 8);
        assert_eq!(bit_length(&[]), 0);
    }
}
