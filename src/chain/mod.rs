//! Certificate path validation: rustls-webpki builds and validates the path (`verifier`);
//! sceau's policy judges every candidate path inside webpki's search (`policy`): the key and
//! algorithm policy on every certificate, keyCertSign on every CA, revocation for the end
//! entity and every CA, the anchor's expiry. Then the name (`name`), and diagnostics that say
//! what is wrong with a chain as it was given (`diagnostics`).

pub(crate) mod diagnostics;
pub(crate) mod facts;
pub(crate) mod name;
pub(crate) mod options;
pub(crate) mod policy;
pub(crate) mod rules;
pub(crate) mod verifier;
