//! The catalogue for people (`sceau profiles`): one block per product, what it certifies, with
//! which keys, for how long, at what price, in either language; or the products as JSON.

use crate::lang::Lang;
use crate::profile::catalog::{Catalog, Notice, Wildcard};
use crate::render::text::money;

/// One block per product.
pub fn profiles_text(catalog: &Catalog, lang: Lang) -> String {
    let mut out = String::new();
    for p in &catalog.products {
        out.push_str(&format!(
            "{:<14} {} ({}) — {}\n",
            p.id, p.name, p.issuer, p.source
        ));
        let names = &p.names;
        let mut rules = vec![p.usage.as_str().to_string()];
        if let Some(max) = names.max {
            rules.push(format!("{} ≤ {max}", lang.pick("names", "noms")));
        }
        rules.push(
            match (names.wildcard, lang) {
                (Wildcard::Forbidden, Lang::En) => "wildcard forbidden",
                (Wildcard::Allowed, Lang::En) => "wildcard allowed",
                (Wildcard::Required, Lang::En) => "wildcard required",
                (Wildcard::Forbidden, Lang::Fr) => "joker interdit",
                (Wildcard::Allowed, Lang::Fr) => "joker permis",
                (Wildcard::Required, Lang::Fr) => "joker exigé",
            }
            .to_string(),
        );
        if !names.dns {
            rules.push(lang.pick("no DNS names", "aucun nom DNS").into());
        }
        if !names.suffixes.is_empty() {
            rules.push(format!(
                "{} {}",
                lang.pick("only under", "seulement sous"),
                names.suffixes.join(", ")
            ));
        }
        if !names.authorized_domains.is_empty() {
            rules.push(format!(
                "{} {}",
                lang.pick("authorised:", "autorisés :"),
                names.authorized_domains.join(", ")
            ));
        } else if names.authorized_domains_required {
            rules.push(
                lang.pick(
                    "authorised domains to configure",
                    "domaines autorisés à configurer",
                )
                .into(),
            );
        }
        if let Some(rsa) = &p.key.rsa {
            match &rsa.sizes {
                Some(sizes) => rules.push(format!("RSA {sizes:?}")),
                None => rules.push(format!("RSA ≥ {}", rsa.min_bits)),
            }
        }
        for curve in &p.key.ec_curves {
            rules.push(curve.name());
        }
        out.push_str(&format!("               {}\n", rules.join(" · ")));
        let mut terms = Vec::new();
        if let Some(t) = &p.tariff {
            terms.push(format!(
                "{} {}",
                money(t.annual_cents, &t.currency, lang),
                lang.pick("a year", "par an")
            ));
            if let Some(extra) = t.extra_name_cents {
                terms.push(format!(
                    "+{} {}",
                    money(extra, &t.currency, lang),
                    lang.pick(
                        "per extra name a year",
                        "par alias supplémentaire et par an"
                    )
                ));
            }
            match t.replacement_cents {
                Some(r) => terms.push(format!(
                    "{} {}",
                    lang.pick("replacement", "remplacement"),
                    money(r, &t.currency, lang)
                )),
                None => terms.push(lang.pick("no replacement", "pas de remplacement").into()),
            }
        }
        if !p.validity_years.is_empty() {
            terms.push(format!(
                "{} {:?}",
                lang.pick("years", "ans"),
                p.validity_years
            ));
        }
        if let Some(max) = p.max_validity_years {
            terms.push(format!("≤ {max} {}", lang.pick("years", "ans")));
        }
        let notice = lang.pick("notice", "avis");
        match &p.notice {
            Some(Notice::BusinessDays(n)) => terms.push(format!(
                "{notice} {n} {}",
                lang.pick("business days", "jours ouvrables")
            )),
            Some(Notice::Days(n)) => {
                terms.push(format!("{notice} {n} {}", lang.pick("days", "jours")))
            }
            Some(Notice::Months(n)) => {
                terms.push(format!("{notice} {n} {}", lang.pick("month(s)", "mois")))
            }
            None => {}
        }
        if !terms.is_empty() {
            out.push_str(&format!("               {}\n", terms.join(" · ")));
        }
    }
    out
}

/// The products as JSON, as a catalogue file would give them.
pub fn profiles_json(catalog: &Catalog) -> String {
    // Plain data with string keys: serialising cannot fail.
    serde_json::to_string_pretty(&catalog.products).unwrap_or_default()
}
