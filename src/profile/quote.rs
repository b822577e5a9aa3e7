//! Quotes from the catalogue's tariffs: every line of the computation, amounts in cents with the
//! currency named, and a refusal with its reason where the catalogue forbids the order.

use serde::Serialize;

use crate::lang::{localized, Localized};
use crate::profile::catalog::Product;
use crate::rule::{rules, Checked, Finding, Verdict};
use crate::usage::Usage;

/// What is being priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteRequest {
    /// Years of validity (or of subscription, for TLS).
    pub years: u32,
    /// DNS names the certificate will carry (None: the product's included names).
    pub names: Option<u32>,
    /// A replacement for the residual period rather than a new certificate.
    pub replacement: bool,
}

/// One line of a quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteLine {
    /// `base`, `extra_names` or `replacement`.
    pub item: &'static str,
    /// How many units (years, or name-years).
    pub quantity: u64,
    /// Price of one unit, in cents.
    pub unit_cents: u64,
    /// quantity × unit, in cents.
    pub amount_cents: u64,
}

/// The facts of a quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteFacts {
    /// Product id.
    pub product: String,
    /// ISO 4217 currency of every amount.
    pub currency: String,
    /// Years asked for.
    pub years: u32,
    /// Names asked for.
    pub names: u32,
    /// Whether this prices a replacement.
    pub replacement: bool,
    /// The computation, line by line (empty when refused).
    pub lines: Vec<QuoteLine>,
    /// The total in cents; absent when the order is refused.
    pub total_cents: Option<u64>,
}

/// Prices `request` for `product`. Refusals are findings; a refused quote has no total.
pub(crate) fn check(product: &Product, request: QuoteRequest) -> Checked<QuoteFacts> {
    let mut findings = Vec::new();
    let included = product
        .tariff
        .as_ref()
        .and_then(|t| t.included_names)
        .unwrap_or(1);
    let names = request.names.unwrap_or(included.max(1));
    let mut facts = QuoteFacts {
        product: product.id.clone(),
        currency: String::new(),
        years: request.years,
        names,
        replacement: request.replacement,
        lines: Vec::new(),
        total_cents: None,
    };
    let Some(tariff) = &product.tariff else {
        findings.push(Finding::new(&QUOTE_NO_TARIFF, "product").arg("product", &product.name));
        return Checked::undated(facts, findings);
    };
    facts.currency = tariff.currency.clone();
    if request.years == 0
        || (!product.validity_years.is_empty() && !product.validity_years.contains(&request.years))
    {
        let offered = if product.validity_years.is_empty() {
            localized!("1 or more", "1 ou plus")
        } else {
            Localized::same(
                product
                    .validity_years
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        findings.push(
            Finding::new(&QUOTE_DURATION, "years")
                .arg("years", request.years)
                .arg("product", &product.name)
                .text("offered", offered),
        );
    }
    if let Some(max) = product.names.max {
        if names > max {
            findings.push(
                Finding::new(&QUOTE_TOO_MANY_NAMES, "names")
                    .arg("count", names)
                    .arg("product", &product.name)
                    .arg("max", max),
            );
        }
    }
    if request.replacement && tariff.replacement_cents.is_none() {
        findings
            .push(Finding::new(&QUOTE_NO_REPLACEMENT, "replacement").arg("product", &product.name));
    }
    if Verdict::of(&findings) == Verdict::Rejected {
        return Checked::undated(facts, findings);
    }
    let years = u64::from(request.years);
    // Each line as (item, quantity, unit); its amount is checked, never wrapped.
    let mut items: Vec<(&'static str, Option<u64>, u64)> = Vec::new();
    if request.replacement {
        items.push((
            "replacement",
            Some(1),
            tariff.replacement_cents.unwrap_or_default(),
        ));
    } else {
        items.push(("base", Some(years), tariff.annual_cents));
        if let (Some(included), Some(extra)) = (tariff.included_names, tariff.extra_name_cents) {
            let extra_names = u64::from(names.saturating_sub(included));
            if extra_names > 0 {
                items.push(("extra_names", extra_names.checked_mul(years), extra));
            }
        }
        if product.usage == Usage::TlsServer && request.years > 1 {
            findings.push(Finding::new(&QUOTE_SUBSCRIPTION, "years").arg("years", request.years));
        }
    }
    let lines: Option<Vec<QuoteLine>> = items
        .into_iter()
        .map(|(item, quantity, unit_cents)| {
            let quantity = quantity?;
            Some(QuoteLine {
                item,
                quantity,
                unit_cents,
                amount_cents: unit_cents.checked_mul(quantity)?,
            })
        })
        .collect();
    let total = lines.as_ref().and_then(|lines| {
        lines
            .iter()
            .try_fold(0u64, |sum, line| sum.checked_add(line.amount_cents))
    });
    match (lines, total) {
        (Some(lines), Some(total)) => {
            facts.lines = lines;
            facts.total_cents = Some(total);
        }
        _ => findings.push(Finding::new(&QUOTE_OVERFLOW, "total")),
    }
    Checked::undated(facts, findings)
}

rules! {
    QUOTE_NO_TARIFF: "quote.no_tariff", Error,
        "catalogue",
        "the catalogue has no tariff for {product}",
        "le catalogue n'a pas de tarif pour {product}";
    QUOTE_DURATION: "quote.duration_not_offered", Error,
        "000_45f25a1ea33b9316.txt (annual tariffs); 002_65d782b1359c0f60.txt (1, 2 or 3 years); 003_a88f77ecd5bd515e.txt (3 years)",
        "{years} year(s) is not a duration offered for {product} (offered: {offered})",
        "{years} an(s) n'est pas une durée proposée pour {product} (proposées : {offered})";
    QUOTE_TOO_MANY_NAMES: "quote.too_many_names", Error,
        "000_45f25a1ea33b9316.txt (Standard: 2 names; UC: 250 names)",
        "{count} names asked for; {product} carries at most {max}",
        "{count} noms demandés ; {product} en porte au plus {max}";
    QUOTE_NO_REPLACEMENT: "quote.no_replacement", Error,
        "000_45f25a1ea33b9316.txt, note 4 (replacement only for SSL certificates)",
        "{product} cannot be replaced for the residual period; order a new certificate",
        "{product} ne peut être remplacé pour la période résiduelle ; commandez un nouveau certificat";
    QUOTE_OVERFLOW: "quote.amount_overflow", Error,
        "catalogue",
        "the amount does not fit in 64 bits of cents: check the catalogue's figures and the order",
        "le montant ne tient pas sur 64 bits de cents : vérifiez les chiffres du catalogue et la commande";
    QUOTE_SUBSCRIPTION: "quote.tls_subscription", Notice,
        "CA/B BR §6.3.2 (398 days; 200 from 2026-03-15; 100 from 2027-03-15; 47 from 2029-03-15)",
        "a {years}-year TLS certificate is a subscription: the certificate is re-issued within the CA/B Forum validity cap in force at each issuance",
        "un certificat TLS de {years} ans est un abonnement : le certificat est réémis dans la limite de validité du CA/B Forum en vigueur à chaque émission";
}
