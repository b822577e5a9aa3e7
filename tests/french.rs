//! `--lang fr` output is French throughout: the text of `csr check`, `cert check` and `verify`
//! over every fixture, and in their JSON the messages and every text of the facts, hold no
//! English sentence. An English sentence is told by its function words ("the", "is", "with",
//! "not", …), which French never uses as words.

use std::path::PathBuf;
use std::process::Command;

const ENGLISH: &[&str] = &[
    "the", "is", "are", "was", "been", "be", "with", "of", "not", "and", "from", "by", "does",
    "has", "have", "no", "for", "which", "cannot", "must", "only", "this", "its", "it", "given",
    "none", "or", "to", "than", "into", "there", "yes", "days", "left", "expired", "revoked",
    "unknown", "checked", "verified", "bytes", "salt", "key", "names", "subject", "issuer",
];

/// The English words of `text`, if any. Identifiers — rule codes, fields, names, OIDs, DNs,
/// ETSI's indications and eIDAS's levels: anything with `.`, `_`, `=`, `@`, `-` or `::`
/// inside, or written in capitals — are not words of a sentence.
fn english_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|token| {
            let inner = token.trim_end_matches([':', ',', ';', '.', ')']);
            let capitals = inner.len() > 1 && inner.chars().all(|c| !c.is_lowercase());
            !inner.contains(['.', '_', '=', '@', '-']) && !inner.contains("::") && !capitals
        })
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// The message of a finding line of the text form (`  erreur   code   field: message`), or
/// the whole line for the other lines.
fn sentence_of(line: &str) -> &str {
    let trimmed = line.trim_start();
    let severity = trimmed.split_whitespace().next().unwrap_or_default();
    if ["erreur", "alerte", "remarque"].contains(&severity) {
        trimmed.split_once(": ").map_or("", |(_, message)| message)
    } else {
        line
    }
}

fn data(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(dir)
}

fn files(dir: &str, endings: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(data(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| endings.iter().any(|e| n.ends_with(e)))
        })
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

/// Runs `sceau ARGS --lang fr` in text and JSON; returns the English found, with where, and
/// how many texts were read.
fn english_in(args: &[&str]) -> (Vec<String>, usize) {
    let mut found = Vec::new();
    let mut read = 0;
    for format in ["text", "json"] {
        let mut full = args.to_vec();
        full.extend(["--lang", "fr", "--format", format]);
        let out = Command::new(env!("CARGO_BIN_EXE_sceau"))
            .args(&full)
            .output()
            .unwrap();
        // Exit 2 is unreadable input: an error on stderr, not a report.
        if out.status.code() == Some(2) {
            continue;
        }
        let stdout = String::from_utf8(out.stdout).unwrap();
        let texts: Vec<String> = if format == "text" {
            stdout.lines().map(|l| sentence_of(l).to_string()).collect()
        } else {
            let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let mut texts: Vec<String> = json["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["message"].as_str().unwrap().to_string())
                .collect();
            sentences(&json["facts"], &mut texts);
            texts
        };
        read += texts.len();
        for text in texts {
            let words = english_words(&text);
            if !words.is_empty() {
                found.push(format!("sceau {}: {words:?} in «{text}»", full.join(" ")));
            }
        }
    }
    (found, read)
}

/// The English of every run, and the texts read (at least `least`, so that the test reads
/// what it claims to).
fn english_in_all(runs: &[Vec<String>], least: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut read = 0;
    for run in runs {
        let args: Vec<&str> = run.iter().map(String::as_str).collect();
        let (english, texts) = english_in(&args);
        found.extend(english);
        read += texts;
    }
    assert!(read >= least, "only {read} texts read");
    found
}

fn run(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// Every string of the facts that holds a space (identifiers such as `revoked` do not).
fn sentences(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.contains(' ') => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| sentences(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| sentences(v, out)),
        _ => {}
    }
}

#[test]
fn the_detector_knows_english_from_french() {
    assert_eq!(
        english_words("the CRL of 'CN=A' expired at its nextUpdate"),
        ["the", "of", "expired", "its"]
    );
    assert!(english_words("la LCR de « CN=A » a expiré à son nextUpdate ; clé RSA").is_empty());
    assert!(english_words("key.rsa.too_small names.dns_not_allowed CN=www.exemple.fr").is_empty());
    assert_eq!(
        sentence_of("  erreur   key.rsa.too_small   key: module RSA of 1024 bits"),
        "module RSA of 1024 bits"
    );
}

#[test]
fn csr_check_speaks_french() {
    let mut runs = Vec::new();
    for file in files("csr", &[".csr", ".der", ".txt", ".pem"]) {
        for profile in [
            "baseline",
            "standard",
            "wildcard",
            "code-signing",
            "certigna-ssl",
        ] {
            runs.push(run(&["csr", "check", "--profile", profile, &file]));
        }
    }
    for file in files("csr/profile", &[".csr"]) {
        for profile in [
            "uc",
            "ev",
            "ssl-serveur",
            "org-auth-cli",
            "entreprise",
            "ca",
        ] {
            runs.push(run(&["csr", "check", "--profile", profile, &file]));
        }
    }
    let found = english_in_all(&runs, 2000);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn cert_check_speaks_french() {
    let mut certificates = files("cert/tls", &[".pem"]);
    certificates.extend(files("cert", &[".pem"]));
    certificates.extend(files(
        "chain",
        &["-server.pem", "tpe-good.pem", "igc-sante-aci.pem"],
    ));
    let mut runs = Vec::new();
    for file in &certificates {
        for profile in [
            "baseline",
            "standard",
            "ev",
            "code-signing",
            "ssl-serveur",
            "ca",
        ] {
            runs.push(run(&["cert", "check", "--profile", profile, file]));
        }
    }
    let found = english_in_all(&runs, 500);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn verify_speaks_french() {
    let d = |name: &str| data("chain").join(name).display().to_string();
    let root = d("ingetrust-root.pem");
    let time = "2027-06-01T00:00:00Z";
    let terminals = |chain: &str, evidence: &[(&str, &str)]| {
        let mut args = vec![
            "verify".to_string(),
            "--roots".into(),
            root.clone(),
            "--usage".into(),
            "client".into(),
            "--time".into(),
            time.into(),
        ];
        for (flag, file) in evidence {
            args.push(flag.to_string());
            args.push(d(file));
        }
        args.push(d(chain));
        args
    };
    let runs: Vec<Vec<String>> = vec![
        terminals(
            "tpe-revoked-chain.pem",
            &[
                ("--crl", "ingetrust-ca.crl.pem"),
                ("--crl", "ingetrust-root.crl.pem"),
            ],
        ),
        terminals(
            "tpe-good-chain.pem",
            &[
                ("--crl", "ingetrust-ca.crl.pem"),
                ("--crl", "ingetrust-root.crl.pem"),
            ],
        ),
        terminals("tpe-good-chain.pem", &[("--crl", "ingetrust-root.crl.pem")]),
        terminals(
            "tpe-good-chain.pem",
            &[
                ("--crl", "ingetrust-ca-expired.crl.pem"),
                ("--crl", "ingetrust-root.crl.pem"),
            ],
        ),
        terminals(
            "tpe-good-chain.pem",
            &[
                ("--crl", "ingetrust-ca-future.crl.pem"),
                ("--crl", "ingetrust-root.crl.pem"),
            ],
        ),
        terminals(
            "tpe-good-chain.pem",
            &[
                ("--ocsp", "tpe-good-unauthorised.ocsp.der"),
                ("--crl", "ingetrust-root.crl.pem"),
            ],
        ),
        terminals(
            "tpe-good-chain.pem",
            &[
                ("--ocsp", "tpe-good-by-retired.ocsp.der"),
                ("--crl", "ingetrust-ca-expired.crl.pem"),
                ("--crl", "ingetrust-root.crl.pem"),
            ],
        ),
        terminals(
            "tpe-revoked-chain.pem",
            &[
                ("--ocsp", "tpe-revoked.ocsp.der"),
                ("--crl", "ingetrust-root.crl.pem"),
            ],
        ),
        terminals("tpe-wrong-order.pem", &[]),
        terminals("tpe-good.pem", &[]),
        terminals("tpe-expired-chain.pem", &[]),
        terminals("self-signed.pem", &[]),
        vec![
            "verify".into(),
            "--roots".into(),
            d("igc-sante-acr.pem"),
            "--preset".into(),
            "diapason-server".into(),
            "--name".into(),
            "gap.ch-ville.fr".into(),
            "--time".into(),
            time.into(),
            d("gap-cn-only-chain.pem"),
        ],
        vec![
            "verify".into(),
            "--roots".into(),
            d("igc-sante-acr.pem"),
            "--name".into(),
            "autre.ch-ville.fr".into(),
            "--time".into(),
            time.into(),
            d("gap-chain.pem"),
        ],
    ];
    let found = english_in_all(&runs, 150);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn assurance_speaks_french() {
    let d = |name: &str| data("assurance").join(name).display().to_string();
    let runs: Vec<Vec<String>> = files("assurance", &[".p7s"])
        .into_iter()
        .flat_map(|signature| {
            let base = vec![
                "assurance".to_string(),
                "--signature".into(),
                signature,
                "--data".into(),
                d("data.txt"),
                "--roots".into(),
                d("root.pem"),
                "--crl".into(),
                d("sign-ca.crl"),
                "--time".into(),
                "2026-12-01T00:00:00Z".into(),
            ];
            let mut declared = base.clone();
            declared.extend(
                [
                    "--crl",
                    &d("root.crl"),
                    "--recognised-cas",
                    &d("tsa.pem"),
                    "--device",
                    "software",
                    "--target-loa",
                    "4",
                    "--target-eidas",
                    "qes",
                ]
                .map(String::from),
            );
            [base, declared]
        })
        .collect();
    assert!(runs.len() >= 60);
    let found = english_in_all(&runs, 600);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
