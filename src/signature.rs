//! Signature algorithms: what an AlgorithmIdentifier names (digest, scheme, RSASSA-PSS
//! parameters), read once. Whether a scheme may still be used is the dated policy of
//! `crate::algorithms`.

use asn1_rs::{oid, Oid};
use serde::{Deserialize, Serialize};
use x509_parser::signature_algorithm::RsaSsaPssParams;
use x509_parser::x509::AlgorithmIdentifier;

use crate::lang::{localized, Localized};

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

    /// The hash a digest-algorithm OID names, from the OID's DER content.
    pub fn from_oid_bytes(content: &[u8]) -> Option<HashAlg> {
        HashAlg::from_oid(&Oid::new(std::borrow::Cow::Borrowed(content)))
    }

    /// The digest of `data`, for the digests sceau computes (SHA-1 and the SHA-2 family; SHA-1
    /// only to compare what others sent, never to sign).
    pub fn digest(self, data: &[u8]) -> Option<Vec<u8>> {
        use sha2::Digest as _;
        Some(match self {
            HashAlg::Sha1 => sha1(data).to_vec(),
            HashAlg::Sha224 => sha2::Sha224::digest(data).to_vec(),
            HashAlg::Sha256 => sha2::Sha256::digest(data).to_vec(),
            HashAlg::Sha384 => sha2::Sha384::digest(data).to_vec(),
            HashAlg::Sha512 => sha2::Sha512::digest(data).to_vec(),
            _ => return None,
        })
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

/// The SHA-1 of `data` (key identifiers and what others sent, never to sign), with the CPU's
/// SHA instructions where it has them.
pub(crate) fn sha1(data: &[u8]) -> [u8; 20] {
    use sha1::Digest as _;
    sha1::Sha1::digest(data).into()
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
        reason: Localized,
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
                oid: crate::x509::dotted(&alg.algorithm),
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

    /// What the scheme is, for people: `RSA PKCS#1 v1.5 with SHA-256`, or in French
    /// `RSA PKCS#1 v1.5 avec SHA-256`.
    pub fn describe(&self) -> Localized {
        match self {
            SignatureScheme::RsaPkcs1 { hash } => localized!(
                "RSA PKCS#1 v1.5 with {h}",
                "RSA PKCS#1 v1.5 avec {h}",
                h = hash.name()
            ),
            SignatureScheme::RsaPss(p) => localized!(
                "RSASSA-PSS with {h} (MGF1 {m}, salt {s} bytes)",
                "RSASSA-PSS avec {h} (MGF1 {m}, sel de {s} octets)",
                h = p.hash.name(),
                m = p.mgf1_hash.name(),
                s = p.salt_len
            ),
            SignatureScheme::Ecdsa { hash } => {
                localized!("ECDSA with {h}", "ECDSA avec {h}", h = hash.name())
            }
            SignatureScheme::Ed25519 => Localized::same("Ed25519"),
            SignatureScheme::Ed448 => Localized::same("Ed448"),
            SignatureScheme::Dsa { hash } => {
                localized!("DSA with {h}", "DSA avec {h}", h = hash.name())
            }
            SignatureScheme::MalformedPss { .. } => localized!(
                "RSASSA-PSS (malformed parameters)",
                "RSASSA-PSS (paramètres malformés)"
            ),
            SignatureScheme::Unknown { oid } => localized!(
                "unknown algorithm {oid}",
                "algorithme inconnu {oid}",
                oid = oid
            ),
        }
    }
}

fn pss_scheme(alg: &AlgorithmIdentifier<'_>) -> SignatureScheme {
    let malformed = |reason: Localized| SignatureScheme::MalformedPss { reason };
    let Some(any) = alg.parameters.as_ref() else {
        return malformed(localized!(
            "RSASSA-PSS without parameters",
            "RSASSA-PSS sans paramètres"
        ));
    };
    let Ok(params) = RsaSsaPssParams::try_from(any) else {
        return malformed(localized!(
            "unreadable RSASSA-PSS-params",
            "RSASSA-PSS-params illisibles"
        ));
    };
    let Some(hash) = HashAlg::from_oid(params.hash_algorithm_oid()) else {
        return malformed(localized!(
            "unknown hash algorithm",
            "algorithme de hachage inconnu"
        ));
    };
    const MGF1: Oid<'static> = oid!(1.2.840 .113549 .1 .1 .8);
    let Ok(mgf) = params.mask_gen_algorithm() else {
        return malformed(localized!(
            "unreadable mask generation algorithm",
            "algorithme de génération de masque illisible"
        ));
    };
    if mgf.mgf != MGF1 {
        return malformed(localized!(
            "mask generation function is not MGF1",
            "la fonction de génération de masque n'est pas MGF1"
        ));
    }
    let Some(mgf1_hash) = HashAlg::from_oid(&mgf.hash) else {
        return malformed(localized!(
            "unknown MGF1 hash algorithm",
            "algorithme de hachage MGF1 inconnu"
        ));
    };
    if params.trailer_field() != 1 {
        return malformed(localized!(
            "trailerField is not 1 (RFC 4055 §3.1)",
            "trailerField n'est pas 1 (RFC 4055 §3.1)"
        ));
    }
    SignatureScheme::RsaPss(PssParams {
        hash,
        mgf1_hash,
        salt_len: params.salt_length(),
    })
}
