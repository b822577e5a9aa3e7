//! Issued certificates: their facts, and the post-issuance checks against the product sold.

pub(crate) mod checks;
pub(crate) mod facts;
pub(crate) mod organization_id;
pub(crate) mod policies;
pub(crate) mod revocation_info;
