//! The product catalogue and its rules: names, keys, subject fields and usages per product
//! (pre- and post-issuance), quotes from the tariffs, and where a certificate stands in its
//! lifecycle.

pub(crate) mod cabf;
pub(crate) mod cabf_ca;
pub(crate) mod cabf_cs;
pub(crate) mod cabf_keys;
pub(crate) mod cabf_names;
pub(crate) mod cabf_orgid;
pub(crate) mod cabf_policies;
pub(crate) mod cabf_smime;
pub(crate) mod cabf_smime_subject;
pub(crate) mod cabf_subject;
pub(crate) mod cabf_urls;
pub(crate) mod catalog;
pub(crate) mod expiry;
pub(crate) mod names;
pub(crate) mod quote;
pub(crate) mod rfc5280;
