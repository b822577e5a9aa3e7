//! The text form of a report, for a person: the verdict and what was checked, a few lines of
//! facts, then one line per finding, all in the report's language.

use std::borrow::Cow;

use crate::assurance::facts::{AssuranceFacts, TimestampKind};
use crate::cert::facts::CertFacts;
use crate::chain::facts::{ChainFacts, PathEntry};
use crate::csr::facts::{CsrFacts, Possession};
use crate::lang::Lang;
use crate::matching::MatchFacts;
use crate::profile::expiry::ExpiryFacts;
use crate::profile::quote::QuoteFacts;
use crate::public_key::KeyFacts;
use crate::report::{Facts, Report};
use crate::revocation::status::RevocationStatus;
use crate::rule::{Severity, Verdict};
use crate::x509::RequestedName;

/// `text` as it may stand on one line of a terminal: control characters (a newline, an
/// escape sequence) and the bidirectional overrides are written as `\u{..}`. Names, messages
/// and errors quote what a certificate or request holds, which may be anything: raw, a
/// subject `CN=a\nACCEPTED` would print a line of its own, and `\u{1b}[…` would drive the
/// terminal.
pub fn one_line(text: &str) -> Cow<'_, str> {
    fn unsafe_to_print(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !text.chars().any(unsafe_to_print) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_to_print(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl Report {
    /// A short text for a person: verdict first, then the facts, then one line per finding.
    /// Every value from the checked input is written on one line ([`one_line`]).
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = one_line(&headline(self, lang)).into_owned();
        out.push('\n');
        match self.facts() {
            Facts::Csr(facts) => out.push_str(&csr_summary(facts, lang)),
            Facts::Quote(facts) => out.push_str(&quote_summary(facts, lang)),
            Facts::Certificate(facts) => out.push_str(&cert_summary(facts, lang)),
            Facts::Match(facts) => out.push_str(&match_summary(facts, lang)),
            Facts::Chain(facts) => out.push_str(&chain_summary(facts, lang)),
            Facts::Assurance(facts) => out.push_str(&assurance_summary(facts, lang)),
            Facts::Expiry(facts) => {
                out.push_str("  ");
                out.push_str(&expiry_line(facts, lang));
                out.push('\n');
            }
        }
        // As wide as the longest severity word of the language.
        let width = match lang {
            Lang::En => 7,
            Lang::Fr => 8,
        };
        for f in self.findings() {
            out.push_str(&format!(
                "  {:<width$} {:<40} {}: {}\n",
                severity_word(f.severity(), lang),
                f.code(),
                one_line(f.field()),
                one_line(&f.message(lang))
            ));
        }
        out
    }
}

/// The verdict, and what was checked against what.
fn headline(report: &Report, lang: Lang) -> String {
    let verdict = match (report.verdict(), lang) {
        (Verdict::Accepted, Lang::En) => "ACCEPTED",
        (Verdict::Rejected, Lang::En) => "REJECTED",
        (Verdict::Accepted, Lang::Fr) => "ACCEPTÉ",
        (Verdict::Rejected, Lang::Fr) => "REFUSÉ",
    };
    let context = match report.facts() {
        Facts::Chain(facts) => chain_context(facts, report.profile(), lang),
        Facts::Assurance(facts) => match lang {
            Lang::En => format!(
                "validated at {}, {} algorithm policy",
                facts.validation_time, facts.algorithm_policy
            ),
            Lang::Fr => format!(
                "validée au {}, politique d'algorithmes {}",
                facts.validation_time, facts.algorithm_policy
            ),
        },
        Facts::Match(facts) => lang
            .pick(
                match (facts.csr.is_some(), facts.key.is_some()) {
                    (true, true) => "certificate against its request and private key",
                    (true, false) => "certificate against its request",
                    _ => "certificate against its private key",
                },
                match (facts.csr.is_some(), facts.key.is_some()) {
                    (true, true) => "certificat comparé à sa demande et à sa clé privée",
                    (true, false) => "certificat comparé à sa demande",
                    _ => "certificat comparé à sa clé privée",
                },
            )
            .to_string(),
        _ => format!("{} {}", lang.pick("profile", "profil"), report.profile()),
    };
    format!("{verdict} ({context})")
}

/// `chain for client use at …`, naming the preset when the verifier is one.
fn chain_context(facts: &ChainFacts, verifier: &str, lang: Lang) -> String {
    let usage = facts.usage.as_str();
    let mut out = match (lang, &facts.name) {
        (Lang::En, Some(name)) => format!("chain of {name} for {usage} use at {}", facts.time),
        (Lang::En, None) => format!("chain for {usage} use at {}", facts.time),
        (Lang::Fr, Some(name)) => {
            format!("chaîne de {name} pour l'usage {usage} au {}", facts.time)
        }
        (Lang::Fr, None) => format!("chaîne pour l'usage {usage} au {}", facts.time),
    };
    if verifier != "verify" {
        out.push_str(lang.pick(", preset ", ", préréglage "));
        out.push_str(verifier);
    }
    out
}

/// `error`, `warning`, `notice`; in French `erreur`, `alerte`, `remarque`.
pub(crate) fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Notice, Lang::En) => "notice",
        (Severity::Error, Lang::Fr) => "erreur",
        (Severity::Warning, Lang::Fr) => "alerte",
        (Severity::Notice, Lang::Fr) => "remarque",
    }
}

/// One labelled line of a summary.
fn line(out: &mut String, label: &str, value: &str) {
    out.push_str(&format!("  {label:<10} {}\n", one_line(value)));
}

fn key_text(key: &KeyFacts) -> String {
    match (&key.curve, key.exponent) {
        (Some(curve), _) => format!("EC {}", curve.name()),
        (None, Some(e)) => format!("{} {} bits, e={e}", key.algorithm.to_uppercase(), key.bits),
        (None, None) => format!("{} {}", key.algorithm, key.bits),
    }
}

fn csr_summary(facts: &CsrFacts, lang: Lang) -> String {
    let mut out = String::new();
    let pop = match (&facts.proof_of_possession, lang) {
        (Possession::Verified, Lang::En) => "proof of possession verified",
        (Possession::Verified, Lang::Fr) => "preuve de possession vérifiée",
        (_, Lang::En) => "proof of possession NOT verified",
        (_, Lang::Fr) => "preuve de possession NON vérifiée",
    };
    let names: Vec<&str> = facts
        .names
        .iter()
        .map(|n| match n {
            RequestedName::Dns(v)
            | RequestedName::Ip(v)
            | RequestedName::Email(v)
            | RequestedName::Uri(v)
            | RequestedName::MalformedIp(v)
            | RequestedName::Other(v) => v.as_str(),
        })
        .collect();
    line(&mut out, lang.pick("subject", "sujet"), &facts.subject_dn);
    if !names.is_empty() {
        line(&mut out, lang.pick("names", "noms"), &names.join(", "));
    }
    line(&mut out, lang.pick("key", "clé"), &key_text(&facts.key));
    line(
        &mut out,
        "signature",
        &format!("{}; {pop}", facts.signature_algorithm.describe().get(lang)),
    );
    out
}

fn cert_summary(facts: &CertFacts, lang: Lang) -> String {
    let date = |t: i64| {
        time::OffsetDateTime::from_unix_timestamp(t)
            .map(|d| d.date().to_string())
            .unwrap_or_else(|_| t.to_string())
    };
    let mut out = String::new();
    line(&mut out, lang.pick("subject", "sujet"), &facts.subject_dn);
    line(&mut out, lang.pick("issuer", "émetteur"), &facts.issuer_dn);
    line(
        &mut out,
        lang.pick("valid", "validité"),
        &format!("{} → {}", date(facts.not_before), date(facts.not_after)),
    );
    out
}

fn match_summary(facts: &MatchFacts, lang: Lang) -> String {
    let mut out = cert_summary(&facts.certificate, lang);
    let yes_no = |b: bool| lang.pick(if b { "yes" } else { "no" }, if b { "oui" } else { "non" });
    if let Some(csr) = &facts.csr {
        line(
            &mut out,
            lang.pick("csr key", "clé CSR"),
            yes_no(csr.same_key),
        );
    }
    if let Some(key) = &facts.key {
        line(
            &mut out,
            lang.pick("private", "clé privée"),
            &format!(
                "{} ({} {})",
                yes_no(key.matches),
                key.algorithm,
                key.encoding
            ),
        );
    }
    out
}

fn quote_summary(facts: &QuoteFacts, lang: Lang) -> String {
    let money = |cents| money(cents, &facts.currency, lang);
    let mut out = String::new();
    for quote_line in &facts.lines {
        let unit = money(quote_line.unit_cents);
        let n = quote_line.quantity;
        let what = match (quote_line.item, lang) {
            ("base", Lang::En) => format!("{n} year(s) × {unit}"),
            ("base", Lang::Fr) => format!("{n} an(s) × {unit}"),
            ("extra_names", Lang::En) => format!("{n} extra name-year(s) × {unit}"),
            ("extra_names", Lang::Fr) => {
                format!("{n} alias-année(s) supplémentaire(s) × {unit}")
            }
            (_, Lang::En) => "replacement for the residual period".to_string(),
            (_, Lang::Fr) => "remplacement pour la période résiduelle".to_string(),
        };
        out.push_str(&format!(
            "  {what:<48} {:>16}\n",
            money(quote_line.amount_cents)
        ));
    }
    if let Some(total) = facts.total_cents {
        out.push_str(&format!("  {:<48} {:>16}\n", "total", money(total)));
    }
    out
}

/// `1150.00 CAD` in English, `1 150,00 CAD` in French.
pub fn money(cents: u64, currency: &str, lang: Lang) -> String {
    let units = cents / 100;
    let rest = cents % 100;
    let digits = units.to_string();
    let sep = match lang {
        Lang::En => ',',
        Lang::Fr => '\u{202f}',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    match lang {
        Lang::En => format!("{grouped}.{rest:02} {currency}"),
        Lang::Fr => format!("{grouped},{rest:02} {currency}"),
    }
}

/// One line for a person, as `sceau expiry` prints for each file.
pub fn expiry_line(facts: &ExpiryFacts, lang: Lang) -> String {
    let status = match (facts.status, lang) {
        ("expired", Lang::En) => "EXPIRED".to_string(),
        ("expired", Lang::Fr) => "EXPIRÉ".to_string(),
        ("not_yet_valid", Lang::En) => "NOT YET VALID".to_string(),
        ("not_yet_valid", Lang::Fr) => "PAS ENCORE VALIDE".to_string(),
        (_, Lang::En) => format!(
            "{} days, {} business days left",
            facts.days_left, facts.business_days_left
        ),
        (_, Lang::Fr) => format!(
            "{} jours, {} jours ouvrables restants",
            facts.days_left, facts.business_days_left
        ),
    };
    let day = |text: &str| text[..10.min(text.len())].to_string();
    let mut out = format!(
        "{} · {} {} · {status}",
        one_line(&facts.subject_dn),
        lang.pick("expires", "expire le"),
        day(&facts.not_after)
    );
    if facts.notice_open == Some(true) {
        out.push_str(lang.pick(" · NOTICE: renew now", " · AVIS : renouveler"));
    }
    if let Some(renewal) = &facts.renewal_not_after {
        out.push_str(&format!(
            " · {} {}",
            lang.pick("renewed now → until", "renouvelé maintenant → jusqu'au"),
            day(renewal)
        ));
    }
    if facts.reissue_possible == Some(true) {
        out.push_str(lang.pick(" · re-issuance possible", " · refabrication possible"));
    }
    out
}

fn assurance_summary(facts: &AssuranceFacts, lang: Lang) -> String {
    let mut out = String::new();
    let outcome = match facts.sub_indication {
        Some(sub) => format!("{} {}", facts.indication.name(), sub.name()),
        None => facts.indication.name().to_string(),
    };
    line(&mut out, "ETSI", &outcome);
    let eidas = match facts.qc_type {
        Some(qc_type) => format!("{} (QcType {})", facts.eidas_level.name(), qc_type.name()),
        None => facts.eidas_level.name().to_string(),
    };
    line(&mut out, "eIDAS", &eidas);
    line(
        &mut out,
        lang.pick("GC LoA", "GC niveau"),
        &facts.gc_loa.to_string(),
    );
    let stars = match facts.rgs_stars {
        0 => lang.pick("none", "aucune").to_string(),
        n => "*".repeat(usize::from(n)),
    };
    line(&mut out, "RGS", &stars);
    if let Some(signer) = &facts.signer {
        line(&mut out, lang.pick("signer", "signataire"), &signer.subject);
        line(&mut out, lang.pick("issuer", "émetteur"), &signer.issuer);
        line(
            &mut out,
            lang.pick("valid", "validité"),
            &format!("{} → {}", signer.not_before, signer.not_after),
        );
        let algorithm = signer
            .signature_algorithm
            .as_ref()
            .map(|a| a.get(lang).to_string())
            .unwrap_or_default();
        line(
            &mut out,
            lang.pick("signature", "signature"),
            &format!("{algorithm}, {}", key_text(&signer.key)),
        );
    }
    if let Some(claimed) = &facts.claimed_signing_time {
        line(
            &mut out,
            lang.pick("signed", "signée"),
            &format!(
                "{claimed} {}",
                lang.pick(
                    "(signing-time, as the signer claims)",
                    "(signing-time, selon le signataire)"
                )
            ),
        );
    }
    line(
        &mut out,
        lang.pick("existed", "existait"),
        &format!(
            "{} {}",
            facts.best_signature_time,
            if facts.best_signature_time == facts.validation_time {
                lang.pick(
                    "(best-signature-time: no proof of existence, the validation time)",
                    "(meilleur instant de signature : sans preuve d'existence, l'instant de la validation)",
                )
            } else {
                lang.pick(
                    "(best-signature-time, proven)",
                    "(meilleur instant de signature, prouvé)",
                )
            }
        ),
    );
    for stamp in &facts.timestamps {
        let kind = match (stamp.kind, lang) {
            (TimestampKind::Signature, Lang::En) => "signature",
            (TimestampKind::Signature, Lang::Fr) => "de signature",
            (TimestampKind::Content, Lang::En) => "content",
            (TimestampKind::Content, Lang::Fr) => "du contenu",
            (TimestampKind::Standalone, Lang::En) => "given",
            (TimestampKind::Standalone, Lang::Fr) => "fourni",
        };
        let state = if stamp.valid {
            lang.pick("valid", "valide")
        } else {
            lang.pick("ignored", "ignoré")
        };
        let tsa = stamp.tsa.as_deref().unwrap_or("?");
        line(
            &mut out,
            lang.pick("stamp", "horodatage"),
            &format!(
                "{kind} {} {} {tsa}: {state}",
                stamp.gen_time,
                lang.pick("by", "par")
            ),
        );
    }
    out.push_str(&path_lines(&facts.path, lang));
    out
}

fn chain_summary(facts: &ChainFacts, lang: Lang) -> String {
    path_lines(&facts.path, lang)
}

/// One line per certificate of a path, with its revocation status.
fn path_lines(path: &[PathEntry], lang: Lang) -> String {
    let mut out = String::new();
    for (i, entry) in path.iter().enumerate() {
        let status = match (&entry.revocation, lang) {
            (RevocationStatus::Good { .. }, Lang::En) => "not revoked",
            (RevocationStatus::Good { .. }, Lang::Fr) => "non révoqué",
            (RevocationStatus::Stale { .. }, Lang::En) => "not revoked (stale evidence)",
            (RevocationStatus::Stale { .. }, Lang::Fr) => "non révoqué (preuve périmée)",
            (RevocationStatus::Revoked { .. }, Lang::En) => "REVOKED",
            (RevocationStatus::Revoked { .. }, Lang::Fr) => "RÉVOQUÉ",
            (RevocationStatus::Unknown { .. }, Lang::En) => "revocation unknown",
            (RevocationStatus::Unknown { .. }, Lang::Fr) => "révocation inconnue",
            (RevocationStatus::NotChecked, Lang::En) => "revocation not checked",
            (RevocationStatus::NotChecked, Lang::Fr) => "révocation non vérifiée",
        };
        let role = match (entry.role, lang) {
            ("leaf", Lang::Fr) => "final",
            ("intermediate", Lang::Fr) => "intermédiaire",
            ("anchor", Lang::Fr) => "ancre",
            (role, _) => role,
        };
        // As wide as the longest role word of the language.
        let width = match lang {
            Lang::En => 12,
            Lang::Fr => 13,
        };
        out.push_str(&format!(
            "  {i}: {role:<width$} {}  [{status}]\n",
            one_line(&entry.subject)
        ));
    }
    out
}
