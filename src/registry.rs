//! The catalogue of every rule sceau knows: each module declares its rules once, in a
//! `rules!` block, and this list collects the modules' lists. `sceau rules` and
//! `docs/RULES.md` are made from it; a test fails when a declared rule is missing here or two
//! rules share a code.

use crate::rule::Rule;

/// Every rule sceau knows, module by module, each in its declaration order.
pub fn rules() -> Vec<&'static Rule> {
    let lists: [&[&'static Rule]; 25] = [
        crate::csr::checks::RULES,
        crate::cert::checks::RULES,
        crate::profile::cabf::RULES,
        crate::profile::cabf_ca::RULES,
        crate::profile::cabf_cs::RULES,
        crate::profile::cabf_smime::RULES,
        crate::profile::cabf_smime_subject::RULES,
        crate::profile::cabf_keys::RULES,
        crate::profile::cabf_names::RULES,
        crate::profile::cabf_subject::RULES,
        crate::profile::cabf_policies::RULES,
        crate::profile::cabf_urls::RULES,
        crate::profile::cabf_orgid::RULES,
        crate::profile::rfc5280::RULES,
        crate::matching::RULES,
        crate::algorithms::RULES,
        crate::keys::RULES,
        crate::names::RULES,
        crate::profile::names::RULES,
        crate::profile::quote::RULES,
        crate::profile::expiry::RULES,
        crate::revocation::findings::RULES,
        crate::chain::rules::RULES,
        crate::assurance::rules::RULES,
        crate::diapason::RULES,
    ];
    lists.concat()
}
