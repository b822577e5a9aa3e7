//! The rule catalogue is whole and written down: every rule a `rules!` block declares is in
//! `sceau rules` exactly once, under a code whose first segment names its module, and
//! `docs/RULES.md` is what the catalogue generates today (`SCEAU_BLESS=1` rewrites it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The codes each `rules!` block of src/ declares (unit-test modules left out), by file.
fn declared_codes(dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            declared_codes(&path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let file = path
            .strip_prefix(repository())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let mut rest = text;
        while let Some(start) = rest.find("\nrules! {") {
            let block = &rest[start..];
            let end = block.find("\n}\n").unwrap_or(block.len());
            for line in block[..end].lines() {
                // `    NAME: "code", Severity,`
                let Some((ident, after)) = line.trim().split_once(": \"") else {
                    continue;
                };
                if ident
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                {
                    let code = after.split('"').next().unwrap().to_string();
                    assert!(
                        out.insert(code.clone(), file.clone()).is_none(),
                        "{code} is declared twice"
                    );
                }
            }
            rest = &block[end..];
        }
    }
}

#[test]
fn every_declared_rule_is_in_the_catalogue_once_and_named_after_its_module() {
    let mut declared = BTreeMap::new();
    declared_codes(&repository().join("src"), &mut declared);
    assert!(
        declared.len() > 100,
        "found {} declared rules",
        declared.len()
    );
    let catalogue = sceau::rules();
    let mut listed = BTreeMap::new();
    for rule in &catalogue {
        assert!(
            listed.insert(rule.code, rule.declared_in).is_none(),
            "{} is listed twice",
            rule.code
        );
    }
    let missing: Vec<&String> = declared
        .keys()
        .filter(|code| !listed.contains_key(code.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "declared but missing from `sceau rules` (add the module's RULES to src/registry.rs): {missing:?}"
    );
    for (code, file) in &declared {
        assert_eq!(listed[code.as_str()], file, "{code}: declared_in");
        let prefix = code.split('.').next().unwrap();
        let named = file
            .trim_start_matches("src/")
            .trim_end_matches(".rs")
            .split('/')
            .any(|part| part.starts_with(prefix));
        assert!(
            named,
            "{code}: its prefix '{prefix}' names no part of {file}"
        );
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_catalogue() {
    let generated = sceau::render::rules_markdown();
    let path = repository().join("docs/RULES.md");
    if std::env::var_os("SCEAU_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/RULES.md drifted from the rule catalogue; regenerate it with SCEAU_BLESS=1 cargo test --test rules_doc"
    );
}

#[test]
fn sceau_rules_json_and_rules_md_list_the_same_codes() {
    let out = Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let from_json: Vec<&str> = json.iter().map(|r| r["code"].as_str().unwrap()).collect();
    let doc = std::fs::read_to_string(repository().join("docs/RULES.md")).unwrap();
    let from_doc: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .map(|l| l.trim_end_matches('`'))
        .collect();
    assert_eq!(from_json, from_doc);
    assert_eq!(from_json.len(), sceau::rules().len());
}
