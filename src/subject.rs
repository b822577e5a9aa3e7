//! The rules of a subject's attributes, shared by requests and certificates: RFC 5280 upper
//! bounds, the PrintableString alphabet, empty and repeated attributes, ISO 3166 country codes,
//! e-mail syntax. Each object kind judges with its own rules (its stable codes), by the same
//! logic.

use crate::names;
use crate::rule::{Finding, Rule};
use crate::x509::SubjectAttribute;

/// The rules a subject is judged by, one set per object kind.
pub(crate) struct SubjectRules {
    /// An attribute whose value is empty or white space.
    pub empty: &'static Rule,
    /// A single-valued attribute given more than once.
    pub repeated: &'static Rule,
    /// Longer than the RFC 5280 upper bound.
    pub too_long: &'static Rule,
    /// A string type that cannot be read as text.
    pub undecodable: &'static Rule,
    /// A PrintableString with a character outside its alphabet.
    pub printable: &'static Rule,
    /// A country that is not an ISO 3166 alpha-2 code.
    pub country: &'static Rule,
    /// Whether the user-assigned code `XX` stands for a country ISO 3166 does not list (CA/B
    /// BR §7.1.4.2.2 allows it in certificates; a request names a real country).
    pub user_assigned_country: bool,
}

/// RFC 5280 Appendix A upper bounds, in characters, by short attribute name.
const UPPER_BOUNDS: &[(&str, usize)] = &[
    ("CN", 64),
    ("O", 64),
    ("OU", 64),
    ("L", 128),
    ("ST", 128),
    ("C", 2),
    ("serialNumber", 64),
    ("title", 64),
    ("emailAddress", 255),
    ("postalCode", 40),
    ("pseudonym", 128),
    ("businessCategory", 128),
    ("GN", 32768),
    ("SN", 32768),
];

/// Attributes that a subject may carry once (CA/B BR §7.1.4.3 profiles; OU and DC may repeat).
const SINGLE_VALUED: &[&str] = &[
    "CN",
    "C",
    "O",
    "L",
    "ST",
    "serialNumber",
    "postalCode",
    "street",
];

/// Judges every attribute of `subject`, and the attributes given more than once.
pub(crate) fn check_attributes(
    subject: &[SubjectAttribute],
    rules: &SubjectRules,
    out: &mut Vec<Finding>,
) {
    for name in SINGLE_VALUED {
        let count = subject.iter().filter(|a| a.name == *name).count();
        if count > 1 {
            out.push(
                Finding::new(rules.repeated, format!("subject.{name}"))
                    .arg("name", name)
                    .arg("count", count),
            );
        }
    }
    for attribute in subject {
        check_attribute(attribute, rules, out);
    }
}

fn check_attribute(attribute: &SubjectAttribute, rules: &SubjectRules, out: &mut Vec<Finding>) {
    // Built only when a finding needs it: most attributes pass.
    let field = || format!("subject.{}", attribute.name);
    let Some(value) = &attribute.value else {
        out.push(
            Finding::new(rules.undecodable, field())
                .arg("name", &attribute.name)
                .arg("string_type", &attribute.string_type),
        );
        return;
    };
    if value.trim().is_empty() {
        out.push(Finding::new(rules.empty, field()).arg("name", &attribute.name));
        return;
    }
    if attribute.string_type == "PrintableString" {
        if let Some(bad) = value.chars().find(|c| !is_printable_string_char(*c)) {
            out.push(
                Finding::new(rules.printable, field())
                    .arg("name", &attribute.name)
                    .arg("char", bad.escape_default()),
            );
        }
    }
    if let Some((_, max)) = UPPER_BOUNDS.iter().find(|(n, _)| *n == attribute.name) {
        let len = value.chars().count();
        if len > *max && attribute.name != "C" {
            out.push(
                Finding::new(rules.too_long, field())
                    .arg("name", &attribute.name)
                    .arg("len", len)
                    .arg("max", max),
            );
        }
    }
    match attribute.name.as_ref() {
        "C" | "jurisdictionC"
            if !(names::is_iso3166_alpha2(value)
                || rules.user_assigned_country && value == "XX") =>
        {
            out.push(Finding::new(rules.country, field()).arg("value", value))
        }
        "emailAddress" => out.extend(names::check_email(value, &field())),
        _ => {}
    }
}

/// The PrintableString alphabet (X.680 §41.4).
fn is_printable_string_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}
