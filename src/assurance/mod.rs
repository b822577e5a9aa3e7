//! Signature assurance: what a CMS/CAdES signature is worth. Decoding (`cms`, `tst`, `qc`), the
//! facts of a validation (`facts`), and the checks: the signer's signature and attributes
//! (`signer`), timestamps (`timestamps`), the ETSI EN 319 102-1 outcome (`validation`), and the
//! eIDAS, Government of Canada and RGS levels (`levels`), under a context the caller declares
//! (`context`).

pub(crate) mod cms;
pub(crate) mod facts;
pub(crate) mod levels;
pub(crate) mod qc;
pub(crate) mod rules;
pub(crate) mod signer;
pub(crate) mod timestamps;
pub(crate) mod tst;
pub(crate) mod validation;
