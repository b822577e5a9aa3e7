//! How a chain is to be verified: usage, name, time, depth, revocation, and the key and
//! algorithm policies applied to every certificate of the path.

use rustls_pki_types::UnixTime;

use crate::algorithms::AlgorithmPolicy;
use crate::error::Error;
use crate::keys::KeyPolicy;
use crate::revocation::evidence::Freshness;
use crate::revocation::policy::RevocationPolicy;
use crate::usage::Usage;

/// How a chain is to be verified.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// What the leaf must be good for.
    pub usage: Usage,
    /// The DNS name or IP address the leaf must carry, if any.
    pub name: Option<String>,
    /// The validation time.
    pub time: UnixTime,
    /// The most intermediates a path may have (webpki's own limit is 6).
    pub max_depth: usize,
    /// How much revocation evidence is demanded.
    pub revocation: RevocationPolicy,
    /// How old evidence may be.
    pub freshness: Freshness,
    /// Whether the subject CN may stand in for a missing DNS subjectAltName.
    pub cn_fallback: bool,
    /// Whether the subject CN must also be the name verified (Diapason terminals compare the
    /// CN of the gateway's certificate with the FQDN they are configured with).
    pub cn_must_equal_name: bool,
    /// The key policy applied to every certificate of the path.
    pub keys: KeyPolicy,
    /// The signature algorithm policy applied to every signature of the path.
    pub algorithms: AlgorithmPolicy,
    /// Past validation: revocation evidence issued after `time`, up to this time, also tells
    /// the status at `time` (a signature validated at its proof of existence, ETSI EN 319
    /// 102-1 §5.6.2). `None` (the default): evidence must be current at `time`.
    pub evidence_until: Option<UnixTime>,
    /// The bounds on what the verifier accepts and on the path search. Set them before adding
    /// material: the counts of anchors, intermediates, CRLs and responses are checked as they
    /// are added.
    pub limits: Limits,
}

impl VerifyOptions {
    /// Verification for `usage` at `time`: revocation required, no CN fallback, default key
    /// and algorithm policies, at most 6 intermediates.
    pub fn new(usage: Usage, time: UnixTime) -> Self {
        VerifyOptions {
            usage,
            name: None,
            time,
            max_depth: 6,
            revocation: RevocationPolicy::Required,
            freshness: Freshness::default(),
            cn_fallback: false,
            cn_must_equal_name: false,
            keys: KeyPolicy::default(),
            algorithms: AlgorithmPolicy::default(),
            limits: Limits::default(),
            evidence_until: None,
        }
    }

    /// The validation time in Unix seconds.
    pub(crate) fn unix_time(&self) -> i64 {
        unix_seconds(self.time)
    }
}

/// Unix seconds of a `UnixTime` (saturating).
pub(crate) fn unix_seconds(time: UnixTime) -> i64 {
    i64::try_from(time.as_secs()).unwrap_or(i64::MAX)
}

/// A bound on the work one verifier accepts; every one has a default and can be changed
/// (`sceau verify --limit NAME=N`, `sceau_verifier_set_limit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Certificates in one chain given for verification (leaf included). Default 64: real
    /// chains have 2 to 5, BetterTLS's path-building cases 36, and a TLS certificate message
    /// (64 KiB at most) holds about 64; each extra certificate is a candidate for every path
    /// attempt.
    ChainCertificates,
    /// Distinct configured intermediates. Default 10,000 (Mozilla's intermediate list holds
    /// about 2,000).
    Intermediates,
    /// Distinct trust anchors. Default 10,000 (a system store holds a few hundred).
    Anchors,
    /// Distinct CRLs. Default 1,000.
    Crls,
    /// Distinct OCSP responses. Default 10,000.
    OcspResponses,
    /// Candidate paths judged by sceau's policy in one verification. Default 32: a
    /// cross-signed hierarchy offers a handful; webpki itself stops after 100 signatures.
    PathAttempts,
}

impl Limit {
    /// Every limit, in the order the documentation lists them.
    pub const ALL: [Limit; 6] = [
        Limit::ChainCertificates,
        Limit::Intermediates,
        Limit::Anchors,
        Limit::Crls,
        Limit::OcspResponses,
        Limit::PathAttempts,
    ];

    /// The name options use (`chain-certificates`).
    pub fn name(self) -> &'static str {
        match self {
            Limit::ChainCertificates => "chain-certificates",
            Limit::Intermediates => "intermediates",
            Limit::Anchors => "anchors",
            Limit::Crls => "crls",
            Limit::OcspResponses => "ocsp-responses",
            Limit::PathAttempts => "path-attempts",
        }
    }

    /// What the limit counts, for messages.
    pub fn counts(self) -> &'static str {
        match self {
            Limit::ChainCertificates => "certificates in the chain",
            Limit::Intermediates => "distinct intermediates",
            Limit::Anchors => "distinct trust anchors",
            Limit::Crls => "distinct CRLs",
            Limit::OcspResponses => "distinct OCSP responses",
            Limit::PathAttempts => "candidate paths judged",
        }
    }

    /// The limit named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Limit> {
        Limit::ALL.into_iter().find(|limit| limit.name() == name)
    }

    /// The default value.
    pub fn default_value(self) -> usize {
        match self {
            Limit::ChainCertificates => 64,
            Limit::PathAttempts => 32,
            Limit::Intermediates | Limit::Anchors | Limit::OcspResponses => 10_000,
            Limit::Crls => 1_000,
        }
    }
}

/// The value of every [`Limit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits([usize; Limit::ALL.len()]);

impl Default for Limits {
    fn default() -> Self {
        Limits(Limit::ALL.map(Limit::default_value))
    }
}

impl Limits {
    /// The value of `limit`.
    pub fn get(&self, limit: Limit) -> usize {
        self.0[limit as usize]
    }

    /// Sets `limit` to `value`.
    pub fn set(&mut self, limit: Limit, value: usize) {
        self.0[limit as usize] = value;
    }

    /// `Err(TooMany)` when `count` passes `limit`.
    pub(crate) fn check(&self, limit: Limit, count: usize) -> Result<(), Error> {
        let max = self.get(limit);
        if count > max {
            return Err(Error::TooMany {
                what: limit.counts(),
                limit: max,
                limit_name: limit.name(),
            });
        }
        Ok(())
    }
}
