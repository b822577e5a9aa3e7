//! The layers of docs/ARCHITECTURE.md, enforced: every file of src/ is in one layer, imports
//! only from its layer and those below, never through the crate root, and no files import
//! each other in a circle. The checker is a plain function over file texts, so the tests below
//! also show it failing on an upward import and on a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One layer of the table: its rank, name and entries (files, or directories ending in `/`).
struct Layer {
    rank: usize,
    name: String,
    entries: Vec<String>,
}

/// The ```layers block of ARCHITECTURE.md.
fn parse_layers(doc: &str) -> Vec<Layer> {
    let start = doc
        .find("```layers")
        .expect("ARCHITECTURE.md has a ```layers block");
    let body = &doc[start + "```layers".len()..];
    let end = body.find("```").expect("the layers block is closed");
    body[..end]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            let rank = words
                .next()
                .unwrap()
                .parse()
                .expect("a layer line starts with its rank");
            let name = words.next().expect("then its name").to_string();
            Layer {
                rank,
                name,
                entries: words.map(str::to_string).collect(),
            }
        })
        .collect()
}

/// The layer of `file` (relative to src/): the longest entry that names it.
fn layer_of<'l>(layers: &'l [Layer], file: &str) -> Option<&'l Layer> {
    layers
        .iter()
        .flat_map(|layer| layer.entries.iter().map(move |e| (layer, e)))
        .filter(|(_, entry)| {
            if entry.ends_with('/') {
                file.starts_with(entry.as_str())
            } else {
                file == entry.as_str()
            }
        })
        .max_by_key(|(_, entry)| entry.len())
        .map(|(layer, _)| layer)
}

/// The code of a file without comments, string and char literals, and without its unit-test
/// module (tests may reach anywhere).
fn code_only(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                out.push_str("\"\"");
            }
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 3,
            b'\'' if bytes.get(i + 1) == Some(&b'\\') => {
                i += 2;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            }
            c => {
                out.push(char::from(c));
                i += 1;
            }
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every module path a file names: `crate::a::b`, `$crate::a`, `super::a`, and the paths
/// inside one level of braces (`crate::a::{b::C, d}`), as segments from the crate root.
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        let (root, skip) = if rest.starts_with("crate::") {
            (Vec::new(), 7)
        } else if rest.starts_with("super::") {
            (module[..module.len().saturating_sub(1)].to_vec(), 7)
        } else {
            i += 1;
            continue;
        };
        if i > 0 && (is_ident(chars[i - 1]) && chars[i - 1] != '$' || chars[i - 1] == ':') {
            i += 1;
            continue;
        }
        let mut j = i + skip;
        let mut segments = root;
        loop {
            let start = j;
            while j < chars.len() && is_ident(chars[j]) {
                j += 1;
            }
            if j > start {
                segments.push(chars[start..j].iter().collect());
            }
            if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
                j += 2;
                if chars.get(j) == Some(&'{') {
                    let close = (j..chars.len()).find(|&k| chars[k] == '}').unwrap_or(j);
                    let inner: String = chars[j + 1..close].iter().collect();
                    for item in inner.split(',') {
                        let mut path = segments.clone();
                        path.extend(
                            item.trim()
                                .split("::")
                                .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                                .filter(|s| !s.is_empty() && s != "self"),
                        );
                        out.push(path);
                    }
                    j = close + 1;
                    segments.clear();
                    break;
                }
                continue;
            }
            break;
        }
        if !segments.is_empty() {
            out.push(segments);
        }
        i = j.max(i + 1);
    }
    // `use child::Item;` in a module file names its child module.
    for line in code.lines() {
        let line = line.trim_start();
        let rest = ["pub(crate) use ", "pub use ", "use "]
            .iter()
            .find_map(|p| line.strip_prefix(p));
        if let Some(rest) = rest {
            let first: String = rest.chars().take_while(|c| is_ident(*c)).collect();
            if !first.is_empty() && !["crate", "super", "self", "std"].contains(&first.as_str()) {
                let mut path = module.to_vec();
                path.push(first);
                out.push(path);
            }
        }
    }
    out
}

/// The file a path leads to: the longest prefix of its segments that is a module.
fn resolve(path: &[String], modules: &BTreeMap<Vec<String>, String>) -> String {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]))
        .cloned()
        .unwrap_or_else(|| "lib.rs".to_string())
}

/// The module path of a file: `chain/policy.rs` is `chain::policy`, `chain/mod.rs` is `chain`.
fn module_of(file: &str) -> Vec<String> {
    let trimmed = file.trim_end_matches(".rs");
    let mut segments: Vec<String> = trimmed.split('/').map(str::to_string).collect();
    if segments.last().is_some_and(|s| s == "mod" || s == "lib") {
        segments.pop();
    }
    segments
}

/// Every breach of the layer rules among `files` (path relative to src/ → text).
fn check(doc: &str, files: &BTreeMap<String, String>) -> Vec<String> {
    let layers = parse_layers(doc);
    let modules: BTreeMap<Vec<String>, String> = files
        .keys()
        .filter(|f| !f.starts_with("bin/"))
        .map(|f| (module_of(f), f.clone()))
        .collect();
    let mut problems = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in files {
        if file == "lib.rs" {
            continue;
        }
        let Some(layer) = layer_of(&layers, file) else {
            problems.push(format!("{file} is in no layer of docs/ARCHITECTURE.md"));
            continue;
        };
        // The CLI is a crate of its own, over the public API.
        if file.starts_with("bin/") {
            continue;
        }
        let module = module_of(file);
        for path in named_paths(&code_only(text), &module) {
            let target = resolve(&path, &modules);
            if &target == file {
                continue;
            }
            if target == "lib.rs" {
                problems.push(format!(
                    "{file} imports crate::{} through the crate root; name its module",
                    path.join("::")
                ));
                continue;
            }
            let Some(to) = layer_of(&layers, &target) else {
                continue;
            };
            if to.rank > layer.rank {
                problems.push(format!(
                    "{file} ({}) imports {} from {target} ({}), a layer above",
                    layer.name,
                    path.join("::"),
                    to.name
                ));
            }
            graph.entry(file.clone()).or_default().insert(target);
        }
    }
    problems.extend(cycles(&graph));
    problems
}

/// The import circles of a graph, each once, as `a → b → a`.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut BTreeSet<String>,
    ) {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut circle = stack[at..].to_vec();
            circle.push(node.to_string());
            found.insert(circle.join(" → "));
            return;
        }
        if done.contains(node) {
            return;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, stack, done, found);
        }
        stack.pop();
        done.insert(node.to_string());
    }
    let mut found = BTreeSet::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
        .into_iter()
        .map(|c| format!("import circle: {c}"))
        .collect()
}

fn read_tree(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(relative, std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_file_is_in_a_layer_and_imports_only_downward_without_circles() {
    let doc = std::fs::read_to_string(repository().join("docs/ARCHITECTURE.md")).unwrap();
    let mut files = BTreeMap::new();
    let src = repository().join("src");
    read_tree(&src, &src, &mut files);
    assert!(files.len() > 50, "read {} files", files.len());
    let problems = check(&doc, &files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

const DOC: &str = "```layers\n0 low   a.rs d/\n1 high  b.rs\n```\n";

fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect()
}

#[test]
fn an_upward_import_fails() {
    let problems = check(
        DOC,
        &tree(&[
            ("a.rs", "use crate::b::Thing;\n"),
            ("b.rs", "use crate::a::X;\n"),
        ]),
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("a.rs (low) imports b::Thing from b.rs (high)")),
        "{problems:?}"
    );
    // The other direction is allowed; tests and comments do not count.
    let fine = check(
        DOC,
        &tree(&[
            ("a.rs", "// crate::b::X\nconst S: &str = \"crate::b\";\n#[cfg(test)]\nmod tests { use crate::b::X; }\n"),
            ("b.rs", "use crate::a::{X, Y};\n"),
        ]),
    );
    assert!(fine.is_empty(), "{fine:?}");
}

#[test]
fn a_circle_a_root_import_and_an_unplaced_file_fail() {
    let problems = check(
        DOC,
        &tree(&[
            (
                "d/mod.rs",
                "pub mod x;\npub use x::X;\nuse crate::d::x::Y;\n",
            ),
            ("d/x.rs", "use super::Z;\n"),
            ("a.rs", "use crate::Report;\n"),
            ("c.rs", ""),
        ]),
    );
    assert!(
        problems
            .iter()
            .any(|p| p == "import circle: d/mod.rs → d/x.rs → d/mod.rs"),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("through the crate root")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p == "c.rs is in no layer of docs/ARCHITECTURE.md"),
        "{problems:?}"
    );
}
