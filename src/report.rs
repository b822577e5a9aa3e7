//! The one report model every check speaks through and every front end renders.
//!
//! A [`Report`] holds a [`Verdict`], the [`Finding`]s that led to it and the facts of the object
//! that was checked. A finding points at a static [`Rule`] (code, severity, citation, messages in
//! English and French) and carries the values that fill the rule's message template, so the same
//! report renders in either language without being checked again.
//!
//! The JSON form is [`RenderedReport`]; its schema is documented in the README and identified by
//! [`SCHEMA`].

use serde::Serialize;

use crate::cert::CertFacts;
use crate::chain::ChainFacts;
use crate::csr::CsrFacts;
use crate::i18n::Lang;
use crate::matching::MatchFacts;
use crate::profile::{ExpiryFacts, QuoteFacts};

/// Identifies the JSON schema of a rendered report; bumped on any incompatible change.
pub const SCHEMA: &str = "sceau.report/1";

/// How much a finding weighs in the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not change the verdict.
    Notice,
    /// Something a careful operator should look at; does not reject.
    Warning,
    /// The object is rejected.
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Notice => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The outcome of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No finding of severity error.
    Accepted,
    /// At least one finding of severity error.
    Rejected,
}

impl Verdict {
    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Rejected => "rejected",
        }
    }
}

/// Declares a static [`Rule`] whose doc line is its code, so that a search for the code finds
/// its declaration: `rule!(IDENT, "code", Severity, "source", "English", "français");`, with
/// `from = "YYYY-MM-DD"` at the end for a rule that applies from a date.
macro_rules! rule {
    ($ident:ident, $code:literal, $severity:ident, $source:literal, $en:literal, $fr:literal) => {
        rule!($ident, $code, $severity, $source, $en, $fr, None);
    };
    ($ident:ident, $code:literal, $severity:ident, $source:literal, $en:literal, $fr:literal, from = $from:literal) => {
        rule!($ident, $code, $severity, $source, $en, $fr, Some($from));
    };
    ($ident:ident, $code:literal, $severity:ident, $source:literal, $en:literal, $fr:literal, $from:expr) => {
        #[doc = concat!("`", $code, "`")]
        pub static $ident: $crate::report::Rule = $crate::report::Rule {
            code: $code,
            severity: $crate::report::Severity::$severity,
            source: $source,
            effective_from: $from,
            effective_until: None,
            en: $en,
            fr: $fr,
        };
    };
}
pub(crate) use rule;

/// A self-describing rule: what it checks, how grave a breach is, where the rule comes from.
///
/// Message templates name their parameters in braces (`{bits}`); a [`Finding`] supplies them.
#[derive(Debug)]
pub struct Rule {
    /// Stable dotted code, e.g. `csr.key.rsa_too_small`. Never reused for another meaning.
    pub code: &'static str,
    /// Severity of a breach.
    pub severity: Severity,
    /// The seed document (by file name) or standard clause the rule comes from.
    pub source: &'static str,
    /// First day the rule applies (ISO 8601 date), when it is time-dependent.
    pub effective_from: Option<&'static str>,
    /// Last day the rule applies (exclusive, ISO 8601 date), when it is time-dependent.
    pub effective_until: Option<&'static str>,
    /// English message template.
    pub en: &'static str,
    /// French message template.
    pub fr: &'static str,
}

impl Rule {
    /// The template in the requested language.
    pub fn template(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }
}

/// One breach of (or note about) a rule, on one field of the object.
#[derive(Clone, Debug)]
pub struct Finding {
    rule: &'static Rule,
    field: String,
    args: Vec<(&'static str, String)>,
}

impl Finding {
    /// A finding of `rule` on `field` (a dotted path such as `subject.CN` or `san[2]`).
    pub fn new(rule: &'static Rule, field: impl Into<String>) -> Self {
        Finding {
            rule,
            field: field.into(),
            args: Vec::new(),
        }
    }

    /// Supplies the value of one `{name}` placeholder of the rule's messages.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The same finding, placed at `field`.
    pub(crate) fn at(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The rule that was breached.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// The rule's stable code.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity
    }

    /// The field of the object concerned.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The value given for a placeholder, if any.
    pub fn arg_value(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The message in `lang`, placeholders filled in.
    pub fn message(&self, lang: Lang) -> String {
        fill_template(self.rule.template(lang), &self.args)
    }
}

/// Replaces each `{name}` with its value; an unknown placeholder is left as written so that a
/// missing argument shows in the output instead of vanishing.
fn fill_template(template: &str, args: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What kind of object a report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A certificate signing request (PKCS#10).
    Csr,
    /// A price quote from the catalogue.
    Quote,
    /// An issued X.509 certificate.
    Certificate,
    /// A certificate compared with its request and/or private key.
    Match,
    /// Where a certificate stands in its lifecycle.
    Expiry,
    /// A certificate chain, validated to a trust anchor with revocation.
    Chain,
}

/// The facts decoded from the object that was checked, for the caller's later use.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Facts {
    /// Facts of a certificate signing request.
    Csr(Box<CsrFacts>),
    /// The computation of a quote.
    Quote(QuoteFacts),
    /// Facts of a certificate.
    Certificate(Box<CertFacts>),
    /// A comparison of a certificate with its request and key.
    Match(Box<MatchFacts>),
    /// Where a certificate stands in its lifecycle.
    Expiry(Box<ExpiryFacts>),
    /// A chain verification and the path it built.
    Chain(Box<ChainFacts>),
}

/// The outcome of one check of one object.
#[derive(Clone, Debug)]
pub struct Report {
    subject: Subject,
    profile: String,
    findings: Vec<Finding>,
    facts: Facts,
}

impl Report {
    /// A report about `subject` checked under `profile`, with its findings and facts.
    pub fn new(
        subject: Subject,
        profile: impl Into<String>,
        findings: Vec<Finding>,
        facts: Facts,
    ) -> Self {
        Report {
            subject,
            profile: profile.into(),
            findings,
            facts,
        }
    }

    /// Adds findings established after the report was made (a preset's own checks).
    pub fn extend_findings(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.findings.extend(findings);
    }

    /// Rejected when any finding is an error.
    pub fn verdict(&self) -> Verdict {
        if self
            .findings
            .iter()
            .any(|f| f.severity() == Severity::Error)
        {
            Verdict::Rejected
        } else {
            Verdict::Accepted
        }
    }

    /// What was checked.
    pub fn subject(&self) -> Subject {
        self.subject
    }

    /// The profile the object was checked against.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// Every finding, in the order the checks produced them.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether some finding has this code.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code() == code)
    }

    /// The facts of the checked object.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// The facts of a CSR report.
    pub fn csr_facts(&self) -> Option<&CsrFacts> {
        match &self.facts {
            Facts::Csr(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a certificate report.
    pub fn cert_facts(&self) -> Option<&CertFacts> {
        match &self.facts {
            Facts::Certificate(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a match report.
    pub fn match_facts(&self) -> Option<&MatchFacts> {
        match &self.facts {
            Facts::Match(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of an expiry report.
    pub fn expiry_facts(&self) -> Option<&ExpiryFacts> {
        match &self.facts {
            Facts::Expiry(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a quote report.
    pub fn quote_facts(&self) -> Option<&QuoteFacts> {
        match &self.facts {
            Facts::Quote(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a chain verification.
    pub fn chain_facts(&self) -> Option<&ChainFacts> {
        match &self.facts {
            Facts::Chain(facts) => Some(facts),
            _ => None,
        }
    }

    /// The report with its messages in `lang`: the form every front end serialises.
    pub fn render(&self, lang: Lang) -> RenderedReport<'_> {
        RenderedReport {
            schema: SCHEMA,
            subject: self.subject,
            profile: &self.profile,
            lang,
            verdict: self.verdict(),
            findings: self
                .findings
                .iter()
                .map(|f| RenderedFinding {
                    code: f.code(),
                    severity: f.severity(),
                    field: &f.field,
                    message: f.message(lang),
                    source: f.rule.source,
                })
                .collect(),
            facts: &self.facts,
        }
    }

    /// The JSON text of [`Report::render`].
    pub fn to_json(&self, lang: Lang) -> String {
        // Serialising plain owned strings and numbers cannot fail.
        serde_json::to_string_pretty(&self.render(lang)).unwrap_or_default()
    }

    /// A short text for a person: verdict first, then one line per finding.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let verdict = match (self.verdict(), lang) {
            (Verdict::Accepted, Lang::En) => "ACCEPTED",
            (Verdict::Rejected, Lang::En) => "REJECTED",
            (Verdict::Accepted, Lang::Fr) => "ACCEPTÉ",
            (Verdict::Rejected, Lang::Fr) => "REFUSÉ",
        };
        let profile_word = match lang {
            Lang::En => "profile",
            Lang::Fr => "profil",
        };
        out.push_str(&format!("{verdict} ({profile_word} {})\n", self.profile));
        match &self.facts {
            Facts::Csr(facts) => out.push_str(&facts.summary(lang)),
            Facts::Quote(facts) => out.push_str(&facts.summary(lang)),
            Facts::Certificate(facts) => out.push_str(&facts.summary(lang)),
            Facts::Match(facts) => out.push_str(&facts.summary(lang)),
            Facts::Chain(facts) => out.push_str(&facts.summary()),
            Facts::Expiry(facts) => {
                out.push_str("  ");
                out.push_str(&facts.line(lang));
                out.push('\n');
            }
        }
        for f in &self.findings {
            out.push_str(&format!(
                "  {:<7} {:<40} {}: {}\n",
                f.severity().as_str(),
                f.code(),
                f.field,
                f.message(lang)
            ));
        }
        out
    }
}

/// A finding as serialised: the message already in the chosen language.
#[derive(Debug, Serialize)]
pub struct RenderedFinding<'a> {
    /// Stable dotted rule code.
    pub code: &'static str,
    /// `error`, `warning` or `notice`.
    pub severity: Severity,
    /// The field of the object concerned.
    pub field: &'a str,
    /// The message in the report's language.
    pub message: String,
    /// The rule's citation.
    pub source: &'static str,
}

/// A report as serialised to JSON (schema [`SCHEMA`]).
#[derive(Debug, Serialize)]
pub struct RenderedReport<'a> {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// What was checked.
    pub subject: Subject,
    /// The profile it was checked against.
    pub profile: &'a str,
    /// The language of the messages.
    pub lang: Lang,
    /// `accepted` or `rejected`.
    pub verdict: Verdict,
    /// Every finding.
    pub findings: Vec<RenderedFinding<'a>>,
    /// The facts of the object.
    pub facts: &'a Facts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_named_placeholders_and_keep_unknown_ones() {
        let args = vec![("bits", "1024".to_string()), ("min", "2048".to_string())];
        assert_eq!(fill_template("{bits} < {min}", &args), "1024 < 2048");
        assert_eq!(fill_template("x {nope} y", &args), "x {nope} y");
        assert_eq!(
            fill_template("open { never closed", &args),
            "open { never closed"
        );
        assert_eq!(fill_template("", &args), "");
    }
}
