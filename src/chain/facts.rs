//! What a chain verification established: the path from the leaf to the anchor, each
//! certificate with its revocation status.

use serde::Serialize;

use crate::revocation::policy::RevocationPolicy;
use crate::revocation::status::RevocationStatus;
use crate::usage::Usage;

/// One certificate of the validated path.
#[derive(Clone, Debug, Serialize)]
pub struct PathEntry {
    /// `leaf`, `intermediate` or `anchor`.
    pub role: &'static str,
    /// Subject DN.
    pub subject: String,
    /// Issuer DN.
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// SHA-256 of the SubjectPublicKeyInfo, hex.
    pub spki_sha256: String,
    /// The revocation status found.
    pub revocation: RevocationStatus,
}

/// What a chain verification established.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ChainFacts {
    /// The usage verified for.
    pub usage: Usage,
    /// The name verified, if any.
    pub name: Option<String>,
    /// The validation time, RFC 3339.
    pub time: String,
    /// The revocation policy applied.
    pub revocation_policy: RevocationPolicy,
    /// How many certificates the chain given held.
    pub chain_length: usize,
    /// The path from the leaf to the anchor, when one was built (also when policy refused it).
    pub path: Vec<PathEntry>,
}
