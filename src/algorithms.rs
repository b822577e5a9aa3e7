//! Signature algorithms: what an AlgorithmIdentifier names, and the dated policy that says which
//! ones may still be used (ETSI TS 119 312, ANSSI RGS B1, CA/B Forum).

use asn1_rs::{oid, Oid};
use serde::{Deserialize, Serialize};
use time::Date;
use x509_parser::signature_algorithm::RsaSsaPssParams;
use x509_parser::x509::AlgorithmIdentifier;

use crate::report::{rule, Finding, Rule};

/// A message digest used inside a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HashAlg {
    /// MD2.
    Md2,
    /// MD4.
    Md4,
    /// MD5.
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA3-256.
    Sha3_256,
    /// SHA3-384.
    Sha3_384,
    /// SHA3-512.
    Sha3_512,
}

impl HashAlg {
    /// The usual name.
    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Md2 => "MD2",
            HashAlg::Md4 => "MD4",
            HashAlg::Md5 => "MD5",
            HashAlg::Sha1 => "SHA-1",
            HashAlg::Sha224 => "SHA-224",
            HashAlg::Sha256 => "SHA-256",
            HashAlg::Sha384 => "SHA-384",
            HashAlg::Sha512 => "SHA-512",
            HashAlg::Sha3_256 => "SHA3-256",
            HashAlg::Sha3_384 => "SHA3-384",
            HashAlg::Sha3_512 => "SHA3-512",
        }
    }

    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            HashAlg::Md2 | HashAlg::Md4 | HashAlg::Md5 => 16,
            HashAlg::Sha1 => 20,
            HashAlg::Sha224 => 28,
            HashAlg::Sha256 | HashAlg::Sha3_256 => 32,
            HashAlg::Sha384 | HashAlg::Sha3_384 => 48,
            HashAlg::Sha512 | HashAlg::Sha3_512 => 64,
        }
    }

    /// The hash a digest-algorithm OID names (RFC 3279, RFC 5754, NIST CSOR).
    pub fn from_oid(oid: &Oid<'_>) -> Option<HashAlg> {
        const TABLE: &[(Oid<'static>, HashAlg)] = &[
            (oid!(1.2.840 .113549 .2 .2), HashAlg::Md2),
            (oid!(1.2.840 .113549 .2 .4), HashAlg::Md4),
            (oid!(1.2.840 .113549 .2 .5), HashAlg::Md5),
            (oid!(1.3.14 .3 .2 .26), HashAlg::Sha1),
            (oid!(2.16.840 .1 .101 .3 .4 .2 .4), HashAlg::Sha224),
            (oid!(2.16.840 .1 .101 .3 .4 .2 .1), HashAlg::Sha256),
            (oid!(2.16.840 .1 .101 .3 .4 .2 .2), HashAlg::Sha384),
            (oid!(2.16.840 .1 .101 .3 .4 .2 .3), HashAlg::Sha512),
            (oid!(2.16.840 .1 .101 .3 .4 .2 .8), HashAlg::Sha3_256),
            (oid!(2.16.840 .1 .101 .3 .4 .2 .9), HashAlg::Sha3_384),
            (oid!(2.16.840 .1 .101 .3 .4 .2 .10), HashAlg::Sha3_512),
        ];
        TABLE.iter().find(|(o, _)| o == oid).map(|(_, h)| *h)
    }
}

/// The RSASSA-PSS parameters of a signature (RFC 4055).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PssParams {
    /// The message digest.
    pub hash: HashAlg,
    /// The digest inside MGF1.
    pub mgf1_hash: HashAlg,
    /// The salt length in bytes.
    pub salt_len: u32,
}

/// A signature scheme, as named by an AlgorithmIdentifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "scheme", rename_all = "kebab-case")]
pub enum SignatureScheme {
    /// RSASSA-PKCS1-v1_5 with this digest.
    RsaPkcs1 {
        /// The digest.
        hash: HashAlg,
    },
    /// RSASSA-PSS with these parameters.
    RsaPss(PssParams),
    /// ECDSA with this digest.
    Ecdsa {
        /// The digest.
        hash: HashAlg,
    },
    /// Ed25519 (RFC 8410).
    Ed25519,
    /// Ed448 (RFC 8410).
    Ed448,
    /// DSA with this digest.
    Dsa {
        /// The digest.
        hash: HashAlg,
    },
    /// RSASSA-PSS whose parameters could not be read or are outside RFC 4055.
    MalformedPss {
        /// What is wrong with them.
        reason: String,
    },
    /// An algorithm sceau does not know.
    Unknown {
        /// Its OID in dotted form.
        oid: String,
    },
}

impl SignatureScheme {
    /// Identifies the scheme an AlgorithmIdentifier names.
    pub fn from_algorithm(alg: &AlgorithmIdentifier<'_>) -> SignatureScheme {
        use SignatureScheme::*;
        const TABLE: &[(Oid<'static>, SignatureScheme)] = &[
            (
                oid!(1.2.840 .113549 .1 .1 .11),
                RsaPkcs1 {
                    hash: HashAlg::Sha256,
                },
            ),
            (
                oid!(1.2.840 .113549 .1 .1 .12),
                RsaPkcs1 {
                    hash: HashAlg::Sha384,
                },
            ),
            (
                oid!(1.2.840 .113549 .1 .1 .13),
                RsaPkcs1 {
                    hash: HashAlg::Sha512,
                },
            ),
            (
                oid!(1.2.840 .113549 .1 .1 .14),
                RsaPkcs1 {
                    hash: HashAlg::Sha224,
                },
            ),
            (
                oid!(1.2.840 .113549 .1 .1 .5),
                RsaPkcs1 {
                    hash: HashAlg::Sha1,
                },
            ),
            (
                oid!(1.3.14 .3 .2 .29),
                RsaPkcs1 {
                    hash: HashAlg::Sha1,
                },
            ),
            (
                oid!(1.2.840 .113549 .1 .1 .4),
                RsaPkcs1 { hash: HashAlg::Md5 },
            ),
            (
                oid!(1.2.840 .113549 .1 .1 .3),
                RsaPkcs1 { hash: HashAlg::Md4 },
            ),
            (
                oid!(1.2.840 .113549 .1 .1 .2),
                RsaPkcs1 { hash: HashAlg::Md2 },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .14),
                RsaPkcs1 {
                    hash: HashAlg::Sha3_256,
                },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .15),
                RsaPkcs1 {
                    hash: HashAlg::Sha3_384,
                },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .16),
                RsaPkcs1 {
                    hash: HashAlg::Sha3_512,
                },
            ),
            (
                oid!(1.2.840 .10045 .4 .3 .2),
                Ecdsa {
                    hash: HashAlg::Sha256,
                },
            ),
            (
                oid!(1.2.840 .10045 .4 .3 .3),
                Ecdsa {
                    hash: HashAlg::Sha384,
                },
            ),
            (
                oid!(1.2.840 .10045 .4 .3 .4),
                Ecdsa {
                    hash: HashAlg::Sha512,
                },
            ),
            (
                oid!(1.2.840 .10045 .4 .3 .1),
                Ecdsa {
                    hash: HashAlg::Sha224,
                },
            ),
            (
                oid!(1.2.840 .10045 .4 .1),
                Ecdsa {
                    hash: HashAlg::Sha1,
                },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .10),
                Ecdsa {
                    hash: HashAlg::Sha3_256,
                },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .11),
                Ecdsa {
                    hash: HashAlg::Sha3_384,
                },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .12),
                Ecdsa {
                    hash: HashAlg::Sha3_512,
                },
            ),
            (oid!(1.3.101 .112), Ed25519),
            (oid!(1.3.101 .113), Ed448),
            (
                oid!(1.2.840 .10040 .4 .3),
                Dsa {
                    hash: HashAlg::Sha1,
                },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .1),
                Dsa {
                    hash: HashAlg::Sha224,
                },
            ),
            (
                oid!(2.16.840 .1 .101 .3 .4 .3 .2),
                Dsa {
                    hash: HashAlg::Sha256,
                },
            ),
        ];
        const PSS: Oid<'static> = oid!(1.2.840 .113549 .1 .1 .10);
        if alg.algorithm == PSS {
            return pss_scheme(alg);
        }
        TABLE
            .iter()
            .find(|(o, _)| *o == alg.algorithm)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| Unknown {
                oid: alg.algorithm.to_id_string(),
            })
    }

    /// The digest the scheme hashes with, if it names one.
    pub fn hash(&self) -> Option<HashAlg> {
        match self {
            SignatureScheme::RsaPkcs1 { hash }
            | SignatureScheme::Ecdsa { hash }
            | SignatureScheme::Dsa { hash } => Some(*hash),
            SignatureScheme::RsaPss(p) => Some(p.hash),
            _ => None,
        }
    }

    /// A readable name, e.g. `sha256WithRSAEncryption` or `RSASSA-PSS (SHA-256, salt 32)`.
    pub fn name(&self) -> String {
        match self {
            SignatureScheme::RsaPkcs1 { hash } => format!("RSA PKCS#1 v1.5 with {}", hash.name()),
            SignatureScheme::RsaPss(p) => format!(
                "RSASSA-PSS with {} (MGF1 {}, salt {} bytes)",
                p.hash.name(),
                p.mgf1_hash.name(),
                p.salt_len
            ),
            SignatureScheme::Ecdsa { hash } => format!("ECDSA with {}", hash.name()),
            SignatureScheme::Ed25519 => "Ed25519".into(),
            SignatureScheme::Ed448 => "Ed448".into(),
            SignatureScheme::Dsa { hash } => format!("DSA with {}", hash.name()),
            SignatureScheme::MalformedPss { .. } => "RSASSA-PSS (malformed parameters)".into(),
            SignatureScheme::Unknown { oid } => format!("unknown algorithm {oid}"),
        }
    }
}

fn pss_scheme(alg: &AlgorithmIdentifier<'_>) -> SignatureScheme {
    let malformed = |reason: &str| SignatureScheme::MalformedPss {
        reason: reason.to_string(),
    };
    let Some(any) = alg.parameters.as_ref() else {
        return malformed("RSASSA-PSS without parameters");
    };
    let Ok(params) = RsaSsaPssParams::try_from(any) else {
        return malformed("unreadable RSASSA-PSS-params");
    };
    let Some(hash) = HashAlg::from_oid(params.hash_algorithm_oid()) else {
        return malformed("unknown hash algorithm");
    };
    const MGF1: Oid<'static> = oid!(1.2.840 .113549 .1 .1 .8);
    let Ok(mgf) = params.mask_gen_algorithm() else {
        return malformed("unreadable mask generation algorithm");
    };
    if mgf.mgf != MGF1 {
        return malformed("mask generation function is not MGF1");
    }
    let Some(mgf1_hash) = HashAlg::from_oid(&mgf.hash) else {
        return malformed("unknown MGF1 hash algorithm");
    };
    if params.trailer_field() != 1 {
        return malformed("trailerField is not 1 (RFC 4055 §3.1)");
    }
    SignatureScheme::RsaPss(PssParams {
        hash,
        mgf1_hash,
        salt_len: params.salt_length(),
    })
}

/// The calendar day (UTC) of `seconds` since the epoch, which dated rules are judged on; times
/// outside the calendar's range clamp to its ends.
pub(crate) fn day_of(seconds: i64) -> Date {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map(|t| t.date())
        .unwrap_or(if seconds < 0 { Date::MIN } else { Date::MAX })
}

/// Which digests may still sign, and until when: a policy as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlgorithmPolicy {
    /// Digests retired for signatures: rejected whatever the date.
    pub retired_hashes: Vec<HashAlg>,
    /// Digests allowed only before a date (exclusive).
    pub hash_sunsets: Vec<HashSunset>,
    /// Whether Ed25519 signatures are acceptable.
    pub allow_ed25519: bool,
}

/// A digest allowed before `until` only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashSunset {
    /// The digest.
    pub hash: HashAlg,
    /// The first day it is no longer allowed.
    pub until: Date,
    /// Who says so.
    pub source: String,
}

impl Default for AlgorithmPolicy {
    /// ETSI TS 119 312 and the CA/B Forum: MD2/MD4/MD5/SHA-1 retired, SHA-224 until 2029.
    fn default() -> Self {
        AlgorithmPolicy {
            retired_hashes: vec![HashAlg::Md2, HashAlg::Md4, HashAlg::Md5, HashAlg::Sha1],
            hash_sunsets: vec![HashSunset {
                hash: HashAlg::Sha224,
                until: time::macros::date!(2029 - 01 - 01),
                source: "ETSI TS 119 312 v1.5.1".into(),
            }],
            allow_ed25519: true,
        }
    }
}

rule!(SIGNATURE_RETIRED, "algorithm.signature.retired", Error, "ETSI TS 119 312 v1.5.1 §6; ANSSI RGS B1 §2.2; CA/B BR §7.1.3.2; DOMAIN.md (002, 004)", "signed with {algorithm}: {hash} is retired for signatures and is refused as such (the signature was not verified)", "signé avec {algorithm} : {hash} est retiré pour les signatures et refusé à ce titre (la signature n'a pas été vérifiée)");

rule!(
    SIGNATURE_EXPIRED,
    "algorithm.signature.expired",
    Error,
    "ETSI TS 119 312 v1.5.1; ANSSI RGS B1",
    "signed with {algorithm}: {hash} is allowed only before {until} ({source})",
    "signé avec {algorithm} : {hash} n'est admis qu'avant le {until} ({source})"
);

rule!(
    ED25519_NOT_ALLOWED,
    "algorithm.signature.ed25519_not_allowed",
    Error,
    "CA/B BR §7.1.3.2; profile policy",
    "Ed25519 signatures are not accepted by this policy",
    "les signatures Ed25519 ne sont pas acceptées par cette politique"
);

impl AlgorithmPolicy {
    /// Whether `scheme` is refused outright (retired digest): such a signature is not verified.
    pub fn is_retired(&self, scheme: &SignatureScheme) -> bool {
        scheme
            .hash()
            .is_some_and(|h| self.retired_hashes.contains(&h))
    }

    /// The findings of this policy on `scheme`, judged on `day`; `field` names where it stands.
    pub fn check(&self, scheme: &SignatureScheme, day: Date, field: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(hash) = scheme.hash() {
            if self.retired_hashes.contains(&hash) {
                out.push(
                    Finding::new(&SIGNATURE_RETIRED, field)
                        .arg("algorithm", scheme.name())
                        .arg("hash", hash.name()),
                );
            }
            if let SignatureScheme::RsaPss(p) = scheme {
                if p.mgf1_hash != p.hash && self.retired_hashes.contains(&p.mgf1_hash) {
                    out.push(
                        Finding::new(&SIGNATURE_RETIRED, field)
                            .arg("algorithm", scheme.name())
                            .arg("hash", p.mgf1_hash.name()),
                    );
                }
            }
            for sunset in self.hash_sunsets.iter().filter(|s| s.hash == hash) {
                if day >= sunset.until {
                    out.push(
                        Finding::new(&SIGNATURE_EXPIRED, field)
                            .arg("algorithm", scheme.name())
                            .arg("hash", hash.name())
                            .arg("until", sunset.until)
                            .arg("source", &sunset.source),
                    );
                }
            }
        }
        if *scheme == SignatureScheme::Ed25519 && !self.allow_ed25519 {
            out.push(Finding::new(&ED25519_NOT_ALLOWED, field));
        }
        out
    }
}

/// The rules of this module.
pub fn rules() -> Vec<&'static Rule> {
    vec![&SIGNATURE_RETIRED, &SIGNATURE_EXPIRED, &ED25519_NOT_ALLOWED]
}
