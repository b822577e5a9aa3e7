//! sceau against pkilint's own certificate corpus (tests/data/pkilint: each `.crttest` file is a
//! certificate and pkilint's expected findings for it, see its README). The tables
//! tests/data/pkilint-map*.tsv (pkilint-map.tsv, which documents the columns, and one file per
//! family of rules, such as pkilint-map-policies.tsv) map pkilint finding codes to the sceau
//! rules that check the same condition. For each row this test counts, over the certificates of
//! the row's scope, the agreements (both report it, or neither does) and the differences (only
//! pkilint, only sceau), and prints them (`cargo test --test pkilint_corpus -- --nocapture`).
//!
//! What it asserts is what is true today, so that nothing rots unseen:
//! - every pkilint code of the table occurs in the corpus, within the row's scope, unless the
//!   row's note says it is not in the corpus; no code is in two rows;
//! - every sceau code of the table is a rule `sceau::rules()` lists;
//! - each row has exactly the number of differences its `known_differences` column records,
//!   which its note explains certificate by certificate: a new difference fails, and so does a
//!   difference that vanished (lower the count and the note);
//! - the certificates sceau cannot read are exactly those of `UNREADABLE`, each with its reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sceau::{check_certificate, Catalog, IssuancePolicy};

const CORPUS: &str = "tests/data/pkilint/integration_certificate";
/// The mapping tables: every `pkilint-map*.tsv` of this directory (one per family of rules).
const MAP_DIR: &str = "tests/data";
const MAP: &str = "tests/data/pkilint-map*.tsv";
/// The day whose rules sceau judges the corpus by: pkilint 0.13's rules, in force in 2025.
const RULES_AT: time::Date = time::macros::date!(2025 - 06 - 01);

const HEADER: &str = "pkilint_code\tsceau_code\tnote\tknown_differences\tscope";
const CSV_HEADER: &str = "node_path,validator,severity,code,message";
const SEVERITIES: &[&str] = &["FATAL", "ERROR", "WARNING", "NOTICE", "INFO"];
const NOT_IN_CORPUS: &str = "not in the corpus";

/// The certificates sceau refuses to read (an error instead of a report), and why. They take no
/// part in the comparison; pkilint's findings on them are listed when the test runs.
const UNREADABLE: &[(&str, &str)] = &[];

/// The scopes a table row may name besides corpus directories.
const KINDS: &[&str] = &[
    "tls-subscriber",
    "etsi-web",
    "tls-root",
    "tls-ca",
    "tls-cross",
    "tls-other-ca",
    "ocsp",
    "smime",
    "etsi-other",
    "pkix",
];

/// What pkilint lints the certificates of a corpus directory as (the test_*.py files: the
/// linter, and the certificate type the directory is named after), grouped where pkilint runs
/// the same validators. The ETSI types pkilint lints with the CA/B TLS validators
/// (etsi_constants.CABF_CERTIFICATE_TYPES) are TLS subscribers; the other web types
/// (QNCP-w-gen, NCP-w) get only some of them.
fn kind(dir: &str) -> &'static str {
    let (section, ty) = dir.split_once('/').unwrap_or((dir, ""));
    match section {
        "tls_br" => match ty {
            "root_ca" => "tls-root",
            "ocsp_responder" => "ocsp",
            "non_tls_ca" | "precert_signing_ca" => "tls-other-ca",
            t if t.ends_with("_final_certificate") || t.ends_with("_pre_certificate") => {
                "tls-subscriber"
            }
            t if t.ends_with("cross_ca") => "tls-cross",
            _ => "tls-ca",
        },
        "smime_br" => "smime",
        "etsi" => {
            const CABF: &[&str] = &[
                "dvcp_",
                "ivcp_",
                "ovcp_",
                "evcp_",
                "qevcp_w_",
                "qncp_w_iv_",
                "qncp_w_ov_",
            ];
            if CABF.iter().any(|p| ty.starts_with(p)) {
                "tls-subscriber"
            } else if ty.starts_with("qncp_w_gen_") || ty.starts_with("ncp_w_") {
                "etsi-web"
            } else {
                "etsi-other"
            }
        }
        _ => "pkix",
    }
}

/// The sceau profile a kind of certificate is checked against, as pkilint is run with the
/// certificate type of the directory: the CA/B profiles (`tls-br` picks the OCSP responder
/// profile by the EKU, `ca-br` the root or subordinate one by self-issuance), and the
/// rules of RFC 5280 alone where pkilint runs RFC 5280 or ETSI lints only.
fn profile(kind: &str) -> &'static str {
    match kind {
        "tls-subscriber" | "etsi-web" | "ocsp" => "tls-br",
        "tls-root" | "tls-ca" | "tls-cross" | "tls-other-ca" => "ca-br",
        "smime" => "smime-br",
        _ => "rfc5280",
    }
}

/// Whether a row's scope entry (`*`, a kind, a corpus section or directory) covers `dir`.
fn covers(entry: &str, dir: &str) -> bool {
    entry == "*"
        || entry == kind(dir)
        || dir == entry
        || dir
            .strip_prefix(entry)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// One certificate of the corpus.
struct Case {
    /// Path under the corpus root, e.g. `tls_br/root_ca/eku_present.crttest`.
    path: String,
    /// Its directory under the corpus root, e.g. `tls_br/root_ca`.
    dir: String,
    /// The PEM certificate.
    pem: String,
    /// pkilint's finding codes for it.
    pkilint: BTreeSet<String>,
}

/// Splits a `.crttest` file into its PEM certificate and pkilint's finding codes. pkilint writes
/// the node path, validator, severity and code without commas or quotes; only the message, the
/// last field, may be quoted and hold commas, so the first four commas split the fields (a
/// message running over two lines would leave a line that fails the checks below).
fn parse_crttest(path: &str, text: &str) -> (String, BTreeSet<String>) {
    const END: &str = "-----END CERTIFICATE-----";
    let end = text
        .find(END)
        .unwrap_or_else(|| panic!("{path}: no PEM certificate"))
        + END.len();
    let (pem, csv) = text.split_at(end);
    let mut lines = csv.lines().map(str::trim_end).filter(|l| !l.is_empty());
    assert_eq!(lines.next(), Some(CSV_HEADER), "{path}: no findings header");
    let mut codes = BTreeSet::new();
    for line in lines {
        let fields: Vec<&str> = line.splitn(5, ',').collect();
        assert!(
            fields.len() >= 4 && fields[..4].iter().all(|f| !f.contains('"')),
            "{path}: unexpected findings line {line:?}"
        );
        assert!(
            SEVERITIES.contains(&fields[2]),
            "{path}: unknown severity in {line:?}"
        );
        let code = fields[3];
        assert!(
            code.contains('.')
                && code
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)),
            "{path}: unexpected code in {line:?}"
        );
        codes.insert(code.to_string());
    }
    (format!("{pem}\n"), codes)
}

fn read_corpus() -> Vec<Case> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "crttest") {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    assert!(root.is_dir(), "{} is missing", root.display());
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.sort();
    files
        .iter()
        .map(|rel| {
            let path = rel.to_str().unwrap().replace('\\', "/");
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d).to_string();
            let text = std::fs::read_to_string(root.join(rel)).unwrap();
            let (pem, pkilint) = parse_crttest(&path, &text);
            Case {
                path,
                dir,
                pem,
                pkilint,
            }
        })
        .collect()
}

/// One row of the mapping table.
struct Row {
    /// Where the row is: `pkilint-map.tsv:12`.
    line: String,
    pkilint: Vec<String>,
    sceau: Vec<String>,
    note: String,
    known_differences: usize,
    scope: Vec<String>,
}

impl Row {
    fn label(&self) -> String {
        match self.pkilint.len() {
            1 => self.pkilint[0].clone(),
            n => format!("{} (+{})", self.pkilint[0], n - 1),
        }
    }
}

fn read_map() -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(MAP_DIR);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pkilint-map") && n.ends_with(".tsv"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no {MAP}");
    files.iter().flat_map(|path| read_map_file(path)).collect()
}

fn read_map_file(path: &Path) -> Vec<Row> {
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    assert_eq!(lines.next().map(|(_, l)| l), Some(HEADER), "{name}: header");
    let list = |field: &str| -> Vec<String> { field.split('|').map(str::to_string).collect() };
    lines
        .map(|(line, l)| {
            let line = format!("{name}:{line}");
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line}: 5 tab-separated columns expected");
            assert!(
                cols.iter().all(|c| !c.trim().is_empty()),
                "{line}: empty column"
            );
            Row {
                pkilint: list(cols[0]),
                sceau: list(cols[1]),
                note: cols[2].to_string(),
                known_differences: cols[3].parse().unwrap_or_else(|_| {
                    panic!("{line}: known_differences {:?} is no count", cols[3])
                }),
                scope: cols[4].split(',').map(str::to_string).collect(),
                line,
            }
        })
        .collect()
}

/// One row's comparison.
#[derive(Default)]
struct Tally {
    both: usize,
    neither: usize,
    pkilint_only: Vec<String>,
    sceau_only: Vec<String>,
}

impl Tally {
    fn compared(&self) -> usize {
        self.both + self.neither + self.differences()
    }

    fn differences(&self) -> usize {
        self.pkilint_only.len() + self.sceau_only.len()
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.1}", 100.0 * part as f64 / whole as f64)
    }
}

#[test]
fn sceau_agrees_with_pkilint_on_its_corpus_where_the_table_says() {
    let cases = read_corpus();
    let rows = read_map();
    assert!(cases.len() > 400, "only {} certificates read", cases.len());
    assert!(!rows.is_empty(), "{MAP} maps nothing");

    // The table's codes: pkilint's in the corpus, sceau's registered, each pkilint code once.
    let registered: BTreeSet<&str> = sceau::rules().iter().map(|r| r.code).collect();
    let dirs: BTreeSet<&str> = cases.iter().map(|c| c.dir.as_str()).collect();
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for row in &rows {
        for entry in &row.scope {
            if entry != "*"
                && !KINDS.contains(&entry.as_str())
                && !dirs.iter().any(|d| covers(entry, d))
            {
                problems.push(format!("{}: scope {entry:?} covers nothing", row.line));
            }
        }
        for code in &row.pkilint {
            if let Some(first) = seen.insert(code.clone(), row.line.clone()) {
                problems.push(format!("{}: {code} is already mapped at {first}", row.line));
            }
            let anywhere = cases.iter().any(|c| c.pkilint.contains(code));
            let in_scope = cases
                .iter()
                .any(|c| c.pkilint.contains(code) && row.scope.iter().any(|e| covers(e, &c.dir)));
            let marked = row.note.contains(NOT_IN_CORPUS) && row.note.contains(code.as_str());
            match (anywhere, in_scope, marked) {
                (true, true, _) | (false, _, true) => {}
                (true, false, _) => problems.push(format!(
                    "{}: {code} occurs in the corpus only outside the row's scope",
                    row.line
                )),
                (false, _, false) => problems.push(format!(
                    "{}: {code} is not in the corpus and the note does not say so",
                    row.line
                )),
            }
        }
        for code in &row.sceau {
            let rule = code.split('@').next().unwrap_or_default();
            if !registered.contains(rule) {
                problems.push(format!(
                    "{}: {code} is not a sceau rule (sceau rules)",
                    row.line
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{MAP}:\n{}", problems.join("\n"));

    // sceau on every certificate, each against the product of its kind.
    let mut policies = BTreeMap::new();
    let mut reports: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut unreadable: BTreeMap<&str, String> = BTreeMap::new();
    for case in &cases {
        let id = profile(kind(&case.dir));
        let policy = policies.entry(id).or_insert_with(|| {
            let mut policy = IssuancePolicy::from_catalog(Catalog::builtin(), id)
                .unwrap_or_else(|e| panic!("profile {id}: {e}"));
            // pkilint judges every certificate by the profiles of its release, whatever the
            // notBefore (the corpus's certificates predate SC-62); sceau is asked to do the
            // same, by the rules in force on a day of that release.
            policy.rules_at = Some(RULES_AT);
            policy
        });
        match check_certificate(case.pem.as_bytes(), policy) {
            Ok(report) => {
                // Each finding as its code, and as `code@field` for rows that name the field.
                let codes = report
                    .findings()
                    .iter()
                    .flat_map(|f| [f.code().to_string(), format!("{}@{}", f.code(), f.field())])
                    .collect();
                reports.insert(&case.path, codes);
            }
            Err(e) => {
                unreadable.insert(&case.path, e.to_string());
            }
        }
    }

    // Each row over the certificates of its scope.
    let tallies: Vec<Tally> = rows
        .iter()
        .map(|row| {
            let mut tally = Tally::default();
            for case in &cases {
                let Some(sceau) = reports.get(case.path.as_str()) else {
                    continue;
                };
                if !row.scope.iter().any(|e| covers(e, &case.dir)) {
                    continue;
                }
                let by_pkilint = row.pkilint.iter().any(|c| case.pkilint.contains(c));
                let by_sceau = row.sceau.iter().any(|c| sceau.contains(c.as_str()));
                match (by_pkilint, by_sceau) {
                    (true, true) => tally.both += 1,
                    (false, false) => tally.neither += 1,
                    (true, false) => tally.pkilint_only.push(case.path.clone()),
                    (false, true) => tally.sceau_only.push(case.path.clone()),
                }
            }
            tally
        })
        .collect();

    // The comparison, printed.
    let mut out = String::new();
    writeln!(
        out,
        "{:<66} {:>5} {:>7} {:>6} {:>6} {:>7} {:>7} {:>5}",
        "pkilint code (+ codes of the same row)",
        "both",
        "neither",
        "p-only",
        "s-only",
        "recall",
        "specif",
        "known"
    )
    .unwrap();
    for (row, tally) in rows.iter().zip(&tallies) {
        let p = tally.pkilint_only.len();
        let s = tally.sceau_only.len();
        writeln!(
            out,
            "{:<66} {:>5} {:>7} {:>6} {:>6} {:>7} {:>7} {:>5}",
            row.label(),
            tally.both,
            tally.neither,
            p,
            s,
            percent(tally.both, tally.both + p),
            percent(tally.neither, tally.neither + s),
            row.known_differences
        )
        .unwrap();
        writeln!(out, "    ↔ {}", row.sceau.join(" | ")).unwrap();
    }
    let compared: usize = tallies.iter().map(Tally::compared).sum();
    let differences: usize = tallies.iter().map(Tally::differences).sum();
    let both: usize = tallies.iter().map(|t| t.both).sum();
    let pkilint_codes: usize = rows.iter().map(|r| r.pkilint.len()).sum();
    let sceau_codes: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.sceau.iter().map(String::as_str))
        .collect();
    let within_1_percent = tallies
        .iter()
        .filter(|t| t.differences() * 100 <= t.compared())
        .count();
    writeln!(
        out,
        "\n{} certificates, {} read, {} unreadable; {} rows mapping {} pkilint codes to {} sceau \
         rules; {} row comparisons, {} agreements ({}%), {} differences; where either reports: \
         {} both of {} ({}%); rows with at most 1% differences: {} of {}",
        cases.len(),
        reports.len(),
        unreadable.len(),
        rows.len(),
        pkilint_codes,
        sceau_codes.len(),
        compared,
        compared - differences,
        percent(compared - differences, compared),
        differences,
        both,
        both + differences,
        percent(both, both + differences),
        within_1_percent,
        rows.len()
    )
    .unwrap();
    for (path, error) in &unreadable {
        let pkilint = &cases.iter().find(|c| c.path == *path).unwrap().pkilint;
        writeln!(out, "unreadable: {path}: {error}; pkilint: {pkilint:?}").unwrap();
    }
    println!("{out}");

    // Each row's differences are those the table records.
    let mut drifted = Vec::new();
    for (row, tally) in rows.iter().zip(&tallies) {
        if tally.differences() != row.known_differences {
            drifted.push(format!(
                "{} ({}): {} differences, the table records {}\n  pkilint only: {:?}\n  sceau only: {:?}",
                row.line,
                row.label(),
                tally.differences(),
                row.known_differences,
                tally.pkilint_only,
                tally.sceau_only
            ));
        }
    }
    assert!(
        drifted.is_empty(),
        "{MAP}: update known_differences and the note of each row (a difference appeared or \
         vanished):\n{}",
        drifted.join("\n")
    );

    // The unreadable certificates are those listed, no more, no fewer.
    let expected: BTreeSet<&str> = UNREADABLE.iter().map(|(path, _)| *path).collect();
    let found: BTreeSet<&str> = unreadable.keys().copied().collect();
    assert!(
        found == expected,
        "unreadable certificates changed: now {unreadable:#?}, UNREADABLE lists {expected:?}"
    );
}
