//! The vocabulary every check speaks: a [`Rule`] (stable code, severity, citation, effective
//! dates, English and French messages), a [`Finding`] of a rule on one field of an object, the
//! [`Verdict`] they add up to, and [`Checked`], what one check established.
//!
//! A module declares its rules once, in a [`rules!`] block that emits one static per rule and
//! the module's list `RULES`; `crate::registry` collects the lists. Effective dates are applied
//! here, when findings are judged on a day ([`Checked::on`]): a dated rule not in force that
//! day does not fire, and no call site compares dates itself.

use serde::Serialize;
use time::{Date, Month};

use crate::lang::{Lang, Localized};

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

    /// Rejected when any finding is an error.
    pub fn of(findings: &[Finding]) -> Verdict {
        if findings.iter().any(|f| f.severity() == Severity::Error) {
            Verdict::Rejected
        } else {
            Verdict::Accepted
        }
    }
}

/// A self-describing rule: what it checks, how grave a breach is, where the rule comes from,
/// and when it applies.
///
/// Message templates name their parameters in braces (`{bits}`); a [`Finding`] supplies them.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable dotted code, e.g. `key.rsa.too_small`. Never reused for another meaning; its
    /// first segment names the module that declares it.
    pub code: &'static str,
    /// Severity of a breach.
    pub severity: Severity,
    /// The seed document (by file name) or standard clause the rule comes from.
    pub source: &'static str,
    /// First day the rule applies, when it is time-dependent.
    pub effective_from: Option<Date>,
    /// First day the rule no longer applies, when it has an end.
    pub effective_until: Option<Date>,
    /// English message template.
    pub en: &'static str,
    /// French message template.
    pub fr: &'static str,
    /// The source file that declares it.
    pub declared_in: &'static str,
}

impl Rule {
    /// The template in the requested language.
    pub fn template(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }

    /// Whether the rule applies to an object judged on `day`.
    pub fn in_force_on(&self, day: Date) -> bool {
        self.effective_from.is_none_or(|from| day >= from)
            && self.effective_until.is_none_or(|until| day < until)
    }
}

/// `YYYY-MM-DD` as a date, at compile time: a rule with a malformed date does not build.
#[doc(hidden)]
pub const fn rule_date(text: &str) -> Date {
    const fn digits(b: &[u8], from: usize, to: usize) -> u32 {
        let mut value = 0;
        let mut i = from;
        while i < to {
            assert!(b[i].is_ascii_digit(), "a rule date is YYYY-MM-DD");
            value = value * 10 + (b[i] - b'0') as u32;
            i += 1;
        }
        value
    }
    let b = text.as_bytes();
    assert!(
        b.len() == 10 && b[4] == b'-' && b[7] == b'-',
        "a rule date is YYYY-MM-DD"
    );
    let month = match digits(b, 5, 7) {
        1 => Month::January,
        2 => Month::February,
        3 => Month::March,
        4 => Month::April,
        5 => Month::May,
        6 => Month::June,
        7 => Month::July,
        8 => Month::August,
        9 => Month::September,
        10 => Month::October,
        11 => Month::November,
        12 => Month::December,
        _ => panic!("a rule date has a month from 01 to 12"),
    };
    match Date::from_calendar_date(digits(b, 0, 4) as i32, month, digits(b, 8, 10) as u8) {
        Ok(date) => date,
        Err(_) => panic!("a rule date names a day of the calendar"),
    }
}

/// Declares a module's rules, each once, and `RULES`, the module's list of them, in order:
///
/// ```text
/// rules! {
///     KEY_RSA_TOO_SMALL: "key.rsa.too_small", Error, "CA/B BR §6.1.5",
///         "RSA modulus of {bits} bits; …", "module RSA de {bits} bits ; …";
///     CERT_VALIDITY_CAP: "cert.validity.over_cap", Error, "CA/B BR §6.3.2",
///         "…", "…", from = "2020-09-01", until = "2029-03-15";
/// }
/// ```
///
/// Each static's documentation is its code, so that a search for the code finds it.
macro_rules! rules {
    ($(
        $ident:ident: $code:literal, $severity:ident, $source:literal, $en:literal, $fr:literal
            $(, from = $from:literal)? $(, until = $until:literal)?;
    )+) => {
        $(
            #[doc = concat!("`", $code, "`")]
            pub(crate) static $ident: $crate::rule::Rule = $crate::rule::Rule {
                code: $code,
                severity: $crate::rule::Severity::$severity,
                source: $source,
                effective_from: $crate::rule::rules!(@date $($from)?),
                effective_until: $crate::rule::rules!(@date $($until)?),
                en: $en,
                fr: $fr,
                declared_in: file!(),
            };
        )+
        /// The rules this module declares, in order.
        pub(crate) static RULES: &[&$crate::rule::Rule] = &[$(&$ident),+];
    };
    (@date) => { None };
    (@date $date:literal) => { Some($crate::rule::rule_date($date)) };
}
pub(crate) use rules;

/// The value of one placeholder: plain (a name, a number) or text in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Arg {
    Plain(String),
    Text(Localized),
}

impl Arg {
    fn get(&self, lang: Lang) -> &str {
        match self {
            Arg::Plain(text) => text,
            Arg::Text(text) => text.get(lang),
        }
    }
}

/// One breach of (or note about) a rule, on one field of the object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    rule: &'static Rule,
    field: String,
    args: Vec<(&'static str, Arg)>,
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

    /// Supplies the value of one `{name}` placeholder of the rule's messages: a value that
    /// reads the same in both languages.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arg::Plain(value.to_string())));
        self
    }

    /// Supplies the value of one `{name}` placeholder with text in both languages.
    #[must_use]
    pub fn text(mut self, name: &'static str, value: Localized) -> Self {
        self.args.push((name, Arg::Text(value)));
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

    /// The value given for a placeholder, if any (text in both languages reads as English).
    pub fn arg_value(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.get(Lang::En))
    }

    /// The message in both languages.
    pub fn localized(&self) -> Localized {
        Localized::new(self.message(Lang::En), self.message(Lang::Fr))
    }

    /// The message in `lang`, placeholders filled in.
    pub fn message(&self, lang: Lang) -> String {
        fill_template(self.rule.template(lang), &self.args, lang)
    }
}

/// Replaces each `{name}` with its value in `lang`; an unknown placeholder is left as written
/// so that a missing argument shows in the output instead of vanishing.
fn fill_template(template: &str, args: &[(&'static str, Arg)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value.get(lang)),
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

/// The findings of `findings` whose rules are in force on `day`.
pub(crate) fn in_force_on(findings: Vec<Finding>, day: Date) -> Vec<Finding> {
    let mut findings = findings;
    findings.retain(|f| f.rule.in_force_on(day));
    findings
}

/// What one check established: the facts it read and its findings, already judged on the
/// check's day.
#[derive(Clone, Debug)]
pub struct Checked<F> {
    /// The facts of the object checked.
    pub facts: F,
    /// Every finding, in the order the checks produced them.
    pub findings: Vec<Finding>,
}

impl<F> Checked<F> {
    /// `findings` judged on `day` (a request's intake, a certificate's notBefore, a chain's
    /// validation time): a dated rule not in force that day does not fire.
    pub fn on(day: Date, facts: F, findings: Vec<Finding>) -> Checked<F> {
        Checked {
            facts,
            findings: in_force_on(findings, day),
        }
    }

    /// For checks with no day (a quote): every finding stands, dated rules included (fail
    /// closed).
    pub fn undated(facts: F, findings: Vec<Finding>) -> Checked<F> {
        Checked { facts, findings }
    }
}

/// The calendar day (UTC) of `seconds` since the epoch, which dated rules are judged on; times
/// outside the calendar's range clamp to its ends.
pub fn day_of(seconds: i64) -> Date {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map(|t| t.date())
        .unwrap_or(if seconds < 0 { Date::MIN } else { Date::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::localized;

    rules! {
        DATED: "rule.test.dated", Error, "test", "from {a}", "depuis {a}",
            from = "2026-03-15", until = "2027-03-15";
        ALWAYS: "rule.test.always", Notice, "test", "always", "toujours";
    }

    #[test]
    fn templates_fill_named_placeholders_and_keep_unknown_ones() {
        let args = vec![
            ("bits", Arg::Plain("1024".into())),
            ("min", Arg::Text(localized!("2048 bits", "2048 bits"))),
        ];
        assert_eq!(
            fill_template("{bits} < {min}", &args, Lang::En),
            "1024 < 2048 bits"
        );
        assert_eq!(fill_template("x {nope} y", &args, Lang::En), "x {nope} y");
        assert_eq!(
            fill_template("open { never closed", &args, Lang::Fr),
            "open { never closed"
        );
        assert_eq!(fill_template("", &args, Lang::En), "");
    }

    #[test]
    fn a_dated_rule_fires_only_while_in_force() {
        let day = |y, m, d| Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap();
        let findings = || vec![Finding::new(&DATED, "f"), Finding::new(&ALWAYS, "f")];
        let codes = |checked: Checked<()>| -> Vec<&str> {
            checked.findings.iter().map(Finding::code).collect()
        };
        assert_eq!(
            codes(Checked::on(day(2026, 3, 14), (), findings())),
            ["rule.test.always"]
        );
        assert_eq!(
            codes(Checked::on(day(2026, 3, 15), (), findings())).len(),
            2
        );
        assert_eq!(
            codes(Checked::on(day(2027, 3, 14), (), findings())).len(),
            2
        );
        assert_eq!(
            codes(Checked::on(day(2027, 3, 15), (), findings())),
            ["rule.test.always"]
        );
        assert_eq!(codes(Checked::undated((), findings())).len(), 2);
        assert_eq!(RULES.len(), 2);
        assert_eq!(DATED.declared_in, "src/rule.rs");
    }

    #[test]
    fn localized_arguments_follow_the_message_language() {
        let f = Finding::new(&DATED, "f").text("a", localized!("the start", "le début"));
        assert_eq!(f.message(Lang::En), "from the start");
        assert_eq!(f.message(Lang::Fr), "depuis le début");
        assert_eq!(f.arg_value("a"), Some("the start"));
    }
}
