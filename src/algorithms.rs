//! The dated signature-algorithm policy, as data: which digests are retired and which may
//! still sign until when (ETSI TS 119 312, ANSSI RGS B1, CA/B Forum).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::rule::{rules, Finding};
use crate::signature::{HashAlg, SignatureScheme};

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

rules! {
    SIGNATURE_RETIRED: "algorithm.signature.retired", Error,
        "ETSI TS 119 312 v1.5.1 §6; ANSSI RGS B1 §2.2; CA/B BR §7.1.3.2; DOMAIN.md (002, 004)",
        "signed with {algorithm}: {hash} is retired for signatures and is refused as such (the signature was not verified)",
        "signé avec {algorithm} : {hash} est retiré pour les signatures et refusé à ce titre (la signature n'a pas été vérifiée)";
    SIGNATURE_EXPIRED: "algorithm.signature.expired", Error,
        "ETSI TS 119 312 v1.5.1; ANSSI RGS B1",
        "signed with {algorithm}: {hash} is allowed only before {until} ({source})",
        "signé avec {algorithm} : {hash} n'est admis qu'avant le {until} ({source})";
    ED25519_NOT_ALLOWED: "algorithm.signature.ed25519_not_allowed", Error,
        "CA/B BR §7.1.3.2; profile policy",
        "Ed25519 signatures are not accepted by this policy",
        "les signatures Ed25519 ne sont pas acceptées par cette politique";
}

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
                        .text("algorithm", scheme.describe())
                        .arg("hash", hash.name()),
                );
            }
            if let SignatureScheme::RsaPss(p) = scheme {
                if p.mgf1_hash != p.hash && self.retired_hashes.contains(&p.mgf1_hash) {
                    out.push(
                        Finding::new(&SIGNATURE_RETIRED, field)
                            .text("algorithm", scheme.describe())
                            .arg("hash", p.mgf1_hash.name()),
                    );
                }
            }
            for sunset in self.hash_sunsets.iter().filter(|s| s.hash == hash) {
                if day >= sunset.until {
                    out.push(
                        Finding::new(&SIGNATURE_EXPIRED, field)
                            .text("algorithm", scheme.describe())
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
