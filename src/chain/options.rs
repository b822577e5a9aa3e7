//! How a chain is to be verified: usage, name, time, depth, revocation, and the key and
//! algorithm policies applied to every certificate of the path.

use rustls_pki_types::UnixTime;

use crate::algorithms::AlgorithmPolicy;
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
