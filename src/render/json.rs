//! The JSON form of a report (schema [`SCHEMA`]): the messages and every text of the facts in
//! the report's language.

use serde::ser::SerializeStruct;
use serde::Serialize;

use crate::lang::{serialize_in, Lang};
use crate::report::{Facts, Report, Subject, SCHEMA};
use crate::rule::{Severity, Verdict};

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

/// A report as serialised to JSON (schema [`SCHEMA`]). Serialised, the texts of its facts are
/// written in [`RenderedReport::lang`], whoever serialises it.
#[derive(Debug)]
pub struct RenderedReport<'a> {
    /// The input the report is about, in a batch (a path, `path#N` for the N-th block of a
    /// file, `-#N` for the N-th of standard input); serialised first, and only when set.
    pub input: Option<&'a str>,
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

impl Serialize for RenderedReport<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_in(self.lang, || {
            let mut report = serializer.serialize_struct("RenderedReport", 8)?;
            if let Some(input) = self.input {
                report.serialize_field("input", input)?;
            }
            report.serialize_field("schema", self.schema)?;
            report.serialize_field("subject", &self.subject)?;
            report.serialize_field("profile", self.profile)?;
            report.serialize_field("lang", &self.lang)?;
            report.serialize_field("verdict", &self.verdict)?;
            report.serialize_field("findings", &self.findings)?;
            report.serialize_field("facts", self.facts)?;
            report.end()
        })
    }
}

impl Report {
    /// The report with its messages in `lang`: the form every front end serialises.
    pub fn render(&self, lang: Lang) -> RenderedReport<'_> {
        RenderedReport {
            input: None,
            schema: SCHEMA,
            subject: self.subject(),
            profile: self.profile(),
            lang,
            verdict: self.verdict(),
            findings: self
                .findings()
                .iter()
                .map(|f| RenderedFinding {
                    code: f.code(),
                    severity: f.severity(),
                    field: f.field(),
                    message: f.message(lang),
                    source: f.rule().source,
                })
                .collect(),
            facts: self.facts(),
        }
    }

    /// The JSON text of [`Report::render`].
    pub fn to_json(&self, lang: Lang) -> String {
        // Serialising plain owned strings and numbers cannot fail.
        serde_json::to_string_pretty(&self.render(lang)).unwrap_or_default()
    }
}

/// The facts of a report alone, as JSON text (the `facts` member of [`Report::to_json`]),
/// their texts in `lang`.
pub fn facts_json(report: &Report, lang: Lang) -> String {
    serialize_in(lang, || serde_json::to_string_pretty(report.facts())).unwrap_or_default()
}

/// The report as one line of JSON (`--format jsonl`) with the input it is about first.
pub fn json_line(report: &Report, input: &str, lang: Lang) -> String {
    let rendered = RenderedReport {
        input: Some(input),
        ..report.render(lang)
    };
    serde_json::to_string(&rendered).unwrap_or_default()
}

/// The line of an input that could not be read as the object expected (`--format jsonl`):
/// `{"input": …, "error": …}`, the error's message saying what was found and expected.
pub fn json_error_line(input: &str, error: &str) -> String {
    serde_json::json!({ "input": input, "error": error }).to_string()
}

/// Several reports as one JSON array (`sceau expiry` over several files).
pub fn json_list(reports: &[Report], lang: Lang) -> String {
    let rendered: Vec<RenderedReport<'_>> = reports.iter().map(|r| r.render(lang)).collect();
    serde_json::to_string_pretty(&rendered).unwrap_or_default()
}
