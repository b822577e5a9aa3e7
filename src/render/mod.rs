//! Every form a report, the catalogue and the rules take for people and programs, in one
//! place: text and JSON reports (`Report::to_text`, `Report::to_json`), the expiry line, money,
//! the product listing, the rule listing and `docs/RULES.md`. Each takes a language.

mod catalog;
mod json;
mod rules;
mod text;

pub use catalog::{profiles_json, profiles_text};
pub use json::{
    facts_json, json_error_line, json_line, json_list, RenderedFinding, RenderedReport,
};
pub use rules::{rules_json, rules_markdown, rules_text};
pub use text::{expiry_line, money, one_line};
