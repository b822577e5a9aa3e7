//! Revocation: CRLs and OCSP responses read once (`crl`, `points`, `ocsp`), weighed as evidence
//! for each certificate of a validated path (`evidence`, `responder`, `status`), and judged
//! under a revocation policy (`policy`, `findings`).

pub(crate) mod crl;
pub(crate) mod evidence;
pub(crate) mod findings;
pub(crate) mod ocsp;
pub(crate) mod points;
pub(crate) mod policy;
pub(crate) mod responder;
pub(crate) mod status;
