//! Every rule is exercised by a test that names its code: a rule added without one fails here.

use std::path::Path;

fn read_tree(dir: &Path, out: &mut String, only_tests: bool) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(&path, out, only_tests);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "c") {
            let text = std::fs::read_to_string(&path).unwrap();
            // In library sources, only the unit-test modules count.
            match (only_tests, text.find("#[cfg(test)]")) {
                (false, _) => out.push_str(&text),
                (true, Some(start)) => out.push_str(&text[start..]),
                (true, None) => {}
            }
        }
    }
}

#[test]
fn every_rule_code_is_named_by_a_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tests = String::new();
    read_tree(&root.join("tests"), &mut tests, false);
    read_tree(&root.join("src"), &mut tests, true);
    let untested: Vec<&str> = sceau::rules()
        .iter()
        .map(|r| r.code)
        .filter(|code| !tests.contains(&format!("\"{code}\"")))
        .collect();
    assert!(untested.is_empty(), "rules no test names: {untested:?}");
}
