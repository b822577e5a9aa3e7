//! The key policy, as data: which algorithms, sizes and exponents a request or certificate may
//! carry, with the weak-key tests (small factors, Fermat) applied to RSA moduli.

use serde::{Deserialize, Serialize};

use crate::lang::{localized, Localized};
use crate::public_key::{Curve, KeyFacts};
use crate::rule::{rules, Finding};
use crate::weak_key::{fermat_factor_round, small_factor};

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

impl RsaPolicy {
    /// The modulus sizes a policy may name: below 1024 bits no key is worth a policy (17 bits
    /// reached ring as "UnexpectedError"); above 16384 one verification costs seconds.
    pub const POLICY_BITS: std::ops::RangeInclusive<u32> = 1024..=16_384;
    /// The most Fermat rounds a policy may ask for (Boulder uses 100).
    pub const MAX_FERMAT_ROUNDS: u32 = 10_000;

    /// Why this policy cannot be applied, if it cannot: sizes outside [`Self::POLICY_BITS`],
    /// a minimum above the maximum, listed sizes the bounds exclude, an exponent below 3.
    pub fn problems(&self) -> Option<String> {
        let bounds = Self::POLICY_BITS;
        let outside = |bits: u32| !bounds.contains(&bits);
        let range = format!("{} to {} bits", bounds.start(), bounds.end());
        if outside(self.min_bits) || outside(self.max_bits) {
            return Some(format!(
                "min_bits {} and max_bits {} must lie within {range}",
                self.min_bits, self.max_bits
            ));
        }
        if self.min_bits > self.max_bits {
            return Some(format!(
                "min_bits {} is above max_bits {}",
                self.min_bits, self.max_bits
            ));
        }
        if let Some(sizes) = &self.sizes {
            if sizes.is_empty() {
                return Some(
                    "sizes is empty: no RSA key could pass (omit rsa to refuse RSA)".into(),
                );
            }
            if let Some(bad) = sizes.iter().find(|&&bits| outside(bits)) {
                return Some(format!("sizes: {bad} bits is outside {range}"));
            }
            if self.multiple_of_8 {
                if let Some(odd) = sizes.iter().find(|&&bits| bits % 8 != 0) {
                    return Some(format!(
                        "sizes: {odd} bits is not a multiple of 8, which multiple_of_8 requires"
                    ));
                }
            }
        }
        if self.min_exponent < 3 {
            return Some(format!(
                "min_exponent {} is below 3 (an RSA exponent is odd and at least 3)",
                self.min_exponent
            ));
        }
        if self.fermat_rounds > Self::MAX_FERMAT_ROUNDS {
            return Some(format!(
                "fermat_rounds {} is above {}",
                self.fermat_rounds,
                Self::MAX_FERMAT_ROUNDS
            ));
        }
        None
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

    fn allowed_summary(&self) -> Localized {
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
            localized!("none", "aucune")
        } else {
            Localized::same(parts.join(", "))
        }
    }

    /// The findings of this policy on a key; `field` names where it stands.
    pub fn check(&self, key: &KeyFacts, field: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(reason) = &key.unusable_reason {
            out.push(
                Finding::new(&KEY_UNUSABLE, field)
                    .arg("algorithm", &key.algorithm)
                    .text("reason", reason.clone()),
            );
            return out;
        }
        let refused = |out: &mut Vec<Finding>, what: String| {
            out.push(
                Finding::new(&KEY_ALGORITHM_NOT_ALLOWED, field)
                    .arg("algorithm", what)
                    .text("allowed", self.allowed_summary()),
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
                            .text("allowed", self.allowed_summary()),
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

rules! {
    KEY_UNUSABLE: "key.unusable", Error,
        "RFC 5280 §4.1.2.7; RFC 3279; RFC 5480",
        "the public key ({algorithm}) cannot be used: {reason}",
        "la clé publique ({algorithm}) est inutilisable : {reason}";
    KEY_ALGORITHM_NOT_ALLOWED: "key.algorithm_not_allowed", Error,
        "CA/B BR §6.1.5; 002_65d782b1359c0f60.txt (Certigna: RSA 2048 only)",
        "{algorithm} keys are not accepted by this policy (accepted: {allowed})",
        "les clés {algorithm} ne sont pas acceptées par cette politique (acceptées : {allowed})";
    KEY_CURVE_NOT_ALLOWED: "key.ec.curve_not_allowed", Error,
        "Mozilla Root Store Policy §5.1 (P-256, P-384); ETSI TS 119 312; policy (CA/B BR §6.1.5 also admits P-521)",
        "EC key on {curve}, which this policy does not accept (accepted: {allowed})",
        "clé EC sur la courbe {curve}, que cette politique n'accepte pas (acceptées : {allowed})";
    KEY_RSA_TOO_SMALL: "key.rsa.too_small", Error,
        "CA/B BR §6.1.5; ETSI TS 119 312; ANSSI RGS B1",
        "RSA modulus of {bits} bits; at least {min} bits are required",
        "module RSA de {bits} bits ; il en faut au moins {min}";
    KEY_RSA_TOO_LARGE: "key.rsa.too_large", Error,
        "policy maximum (CA/B BR §6.1.5 sets no upper bound; CAs do)",
        "RSA modulus of {bits} bits; at most {max} bits are accepted",
        "module RSA de {bits} bits ; {max} bits au plus sont acceptés";
    KEY_RSA_SIZE_NOT_ALLOWED: "key.rsa.size_not_allowed", Error,
        "002_65d782b1359c0f60.txt (Certigna: RSA 2048 only); policy",
        "RSA modulus of {bits} bits; this policy accepts only {sizes} bits",
        "module RSA de {bits} bits ; cette politique n'accepte que {sizes} bits";
    KEY_RSA_NOT_MULTIPLE_OF_8: "key.rsa.not_multiple_of_8", Error,
        "CA/B BR §6.1.5",
        "RSA modulus of {bits} bits: the size must be a multiple of 8",
        "module RSA de {bits} bits : la taille doit être un multiple de 8";
    KEY_RSA_EXPONENT: "key.rsa.bad_exponent", Error,
        "CA/B BR §6.1.6; NIST SP 800-89 §5.3.3",
        "RSA public exponent {exponent}: it must be odd and at least {min}",
        "exposant public RSA {exponent} : il doit être impair et au moins égal à {min}";
    KEY_RSA_SMALL_FACTOR: "key.rsa.small_factor", Error,
        "CA/B BR §6.1.6; NIST SP 800-89 §5.3.3; Let's Encrypt Boulder goodkey",
        "the RSA modulus is divisible by {prime}: the key is broken",
        "le module RSA est divisible par {prime} : la clé est cassée";
    KEY_RSA_FERMAT: "key.rsa.fermat_factorable", Error,
        "CA/B BR §6.1.1.3 (weak keys); Let's Encrypt Boulder goodkey; Böck, Fermat factorization in the wild (2023)",
        "the RSA primes are too close: Fermat's method factors the modulus in {rounds} step(s) (checked up to {limit})",
        "les facteurs premiers RSA sont trop proches : la méthode de Fermat factorise le module en {rounds} étape(s) (vérifié jusqu'à {limit})";
}
