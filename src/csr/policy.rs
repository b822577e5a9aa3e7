//! The intake policy of a CSR, as data. The profiles issue extends this into a catalogue; until
//! then the only built-in profile is `baseline`.

use serde::{Deserialize, Serialize};

use crate::algorithms::AlgorithmPolicy;
use crate::error::{Error, Result};
use crate::keys::KeyPolicy;

/// What a CSR must satisfy to be accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsrPolicy {
    /// The profile's id, as given to `--profile`.
    pub id: String,
    /// Key algorithms and sizes.
    pub key: KeyPolicy,
    /// Signature algorithms and their dates.
    pub algorithms: AlgorithmPolicy,
    /// Whether a `*` leftmost label may be requested.
    pub allow_wildcard: bool,
}

impl CsrPolicy {
    /// The ids of the built-in profiles.
    pub const BUILT_IN: &'static [&'static str] = &["baseline"];

    /// The baseline every CA shares: CA/B key rules (RSA ≥ 2048, P-256, P-384), SHA-1 and MD5
    /// retired, names well formed, wildcards syntactically allowed.
    pub fn baseline() -> CsrPolicy {
        CsrPolicy {
            id: "baseline".into(),
            key: KeyPolicy::default(),
            algorithms: AlgorithmPolicy::default(),
            allow_wildcard: true,
        }
    }

    /// A built-in profile by id.
    pub fn by_id(id: &str) -> Result<CsrPolicy> {
        match id {
            "baseline" => Ok(CsrPolicy::baseline()),
            _ => Err(Error::UnknownProfile {
                found: id.to_string(),
                known: CsrPolicy::BUILT_IN.join(", "),
            }),
        }
    }
}
