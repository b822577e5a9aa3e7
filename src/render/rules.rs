//! The rule catalogue for people and programs: `sceau rules` in text or JSON, and
//! `docs/RULES.md`, all made from [`rules`](crate::registry::rules).

use crate::lang::Lang;
use crate::registry::rules;
use crate::render::text::severity_word;
use crate::rule::Rule;

fn dates(rule: &Rule) -> Option<String> {
    match (rule.effective_from, rule.effective_until) {
        (None, None) => None,
        (from, until) => Some(format!(
            "{} → {}",
            from.map_or("…".to_string(), |d| d.to_string()),
            until.map_or("…".to_string(), |d| d.to_string())
        )),
    }
}

/// Every rule: code, severity, citation and dates, then its message template in `lang`.
pub fn rules_text(lang: Lang) -> String {
    // As wide as the longest severity word of the language.
    let width = match lang {
        Lang::En => 7,
        Lang::Fr => 8,
    };
    let mut out = String::new();
    for rule in rules() {
        let dates = dates(rule).map(|d| format!(" [{d}]")).unwrap_or_default();
        out.push_str(&format!(
            "{:<42} {:<width$} {}{dates}\n    {}\n",
            rule.code,
            severity_word(rule.severity, lang),
            rule.source,
            rule.template(lang)
        ));
    }
    out
}

/// Every rule as a JSON array: code, severity, source, effective dates, the message template
/// in `lang`, and the file that declares it.
pub fn rules_json(lang: Lang) -> String {
    let list: Vec<serde_json::Value> = rules()
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code,
                "severity": r.severity,
                "source": r.source,
                "effective_from": r.effective_from.map(|d| d.to_string()),
                "effective_until": r.effective_until.map(|d| d.to_string()),
                "message": r.template(lang),
                "declared_in": r.declared_in,
            })
        })
        .collect();
    // Values built from strings: serialising cannot fail.
    serde_json::to_string_pretty(&list).unwrap_or_default()
}

/// Text safe inside a Markdown paragraph or table cell.
fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '<' | '>' | '[' | ']' | '|' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `docs/RULES.md`: every rule, grouped by the module that declares it (its code's prefix).
pub fn rules_markdown() -> String {
    let all = rules();
    let mut out = String::from(
        "# Rules\n\n\
         Generated from the rule catalogue (`sceau rules`); do not edit. Regenerate with\n\
         `SCEAU_BLESS=1 cargo test --test rules_doc`.\n\n",
    );
    out.push_str(&format!(
        "{} rules. Each has a stable code (its first segment names the module that declares it), \
         a severity (an `error` rejects), a citation, the dates it is in force when it has any, \
         and its message in English and French; `{{name}}` stands for a value of the finding.\n",
        all.len()
    ));
    let mut prefix = "";
    for rule in all {
        let this = rule.code.split('.').next().unwrap_or(rule.code);
        if this != prefix {
            prefix = this;
            out.push_str(&format!("\n## {prefix}\n"));
        }
        out.push_str(&format!(
            "\n### `{}`\n\n{} · declared in `{}`{}\n\n- source: {}\n- en: {}\n- fr: {}\n",
            rule.code,
            rule.severity.as_str(),
            rule.declared_in,
            dates(rule)
                .map(|d| format!(" · in force {d}"))
                .unwrap_or_default(),
            markdown(rule.source),
            markdown(rule.en),
            markdown(rule.fr),
        ));
    }
    out
}
