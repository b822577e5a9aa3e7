//! What a request or a certificate must satisfy, as data: the baseline every CA shares, or a
//! catalogue product's rules on top of it. The same policy judges a product's CSR before
//! issuance and its certificate after.

use serde::{Deserialize, Serialize};

use crate::algorithms::AlgorithmPolicy;
use crate::error::{Error, Result};
use crate::keys::KeyPolicy;
use crate::profile::catalog::{domain_pattern_problem, Catalog, Product, Wildcard};

/// What a CSR or certificate must satisfy to be accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuancePolicy {
    /// The profile's id, as given to `--profile`.
    pub id: String,
    /// Key algorithms and sizes.
    pub key: KeyPolicy,
    /// Signature algorithms and their dates.
    pub algorithms: AlgorithmPolicy,
    /// Whether a `*` leftmost label may be requested.
    pub allow_wildcard: bool,
    /// The product whose name, subject and usage rules apply, when checking for one.
    pub product: Option<Box<Product>>,
    /// The CA/B profile certificates are linted by (`tls-br`, `smime-br`, `cs-br`, `ca-br`,
    /// or `auto` to pick one from the certificate), when asked for.
    #[serde(default)]
    pub cabf: Option<String>,
    /// Judge certificates by the rules in force on this day when it is later than their
    /// notBefore: "would this pass if issued then?" (linting before issuance, or against
    /// today's rules). A certificate issued later is judged by the rules of its own day.
    #[serde(default)]
    pub rules_at: Option<time::Date>,
}

impl IssuancePolicy {
    /// The baseline every CA shares: CA/B key rules (RSA ≥ 2048, P-256, P-384), SHA-1 and MD5
    /// retired, names well formed, wildcards syntactically allowed.
    pub fn baseline() -> IssuancePolicy {
        IssuancePolicy {
            id: "baseline".into(),
            key: KeyPolicy::default(),
            algorithms: AlgorithmPolicy::default(),
            allow_wildcard: true,
            product: None,
            cabf: None,
            rules_at: None,
        }
    }

    /// The baseline with the CA/B profile `name` (`tls-br`, `smime-br`, `cs-br`, `ca-br`,
    /// `auto`) for certificates; `None` for another name.
    pub fn cabf(name: &str) -> Option<IssuancePolicy> {
        crate::profile::cabf::PROFILE_NAMES
            .iter()
            .any(|(n, _)| *n == name)
            .then(|| IssuancePolicy {
                id: name.to_string(),
                cabf: Some(name.to_string()),
                ..IssuancePolicy::baseline()
            })
    }

    /// The intake policy of a product: its key policy and wildcard rule on top of the
    /// baseline, and its name, subject and usage rules.
    pub fn for_product(product: &Product) -> IssuancePolicy {
        IssuancePolicy {
            id: product.id.clone(),
            key: product.key.clone(),
            algorithms: AlgorithmPolicy::default(),
            allow_wildcard: product.names.wildcard != Wildcard::Forbidden,
            product: Some(Box::new(product.clone())),
            cabf: None,
            rules_at: None,
        }
    }

    /// `baseline`, or a product of `catalog`.
    pub fn from_catalog(catalog: &Catalog, id: &str) -> Result<IssuancePolicy> {
        if id == "baseline" {
            return Ok(IssuancePolicy::baseline());
        }
        if let Some(policy) = IssuancePolicy::cabf(id) {
            return Ok(policy);
        }
        match catalog.product(id) {
            Ok(product) => Ok(IssuancePolicy::for_product(product)),
            // Checks also take `baseline`, which is no product: say so in the list.
            Err(Error::UnknownProfile { found, known }) => Err(Error::UnknownProfile {
                found,
                known: format!(
                    "baseline, {}, {known}",
                    crate::profile::cabf::PROFILE_NAMES
                        .map(|(n, _)| n)
                        .join(", ")
                ),
            }),
            Err(other) => Err(other),
        }
    }

    /// This policy with `patterns` as the domains the requester is authorised for (IGC-Santé
    /// writes them `*ch-ville.fr`), instead of the product's; `sceau csr check` and `cert
    /// check --authorized-domain`. Each pattern must name a domain; `baseline` is no product
    /// and takes none.
    pub fn with_authorized_domains(mut self, patterns: Vec<String>) -> Result<IssuancePolicy> {
        let invalid = |detail: String| Error::InvalidArgument {
            name: "authorized-domain",
            detail,
        };
        if let Some(problem) = patterns.iter().find_map(|p| domain_pattern_problem(p)) {
            return Err(invalid(problem));
        }
        let Some(product) = self.product.as_mut() else {
            return Err(invalid(format!(
                "profile {} is no product: authorised domains belong to a product's name rules",
                self.id
            )));
        };
        product.names.authorized_domains = patterns;
        Ok(self)
    }

    /// `baseline`, or a product of the embedded catalogue.
    pub fn by_id(id: &str) -> Result<IssuancePolicy> {
        IssuancePolicy::from_catalog(Catalog::builtin(), id)
    }
}
