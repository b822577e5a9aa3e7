//! The CLI contract: exit statuses, formats, languages, standard input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/csr")
        .join(name)
        .display()
        .to_string()
}

fn sceau(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn exit_status_is_0_accepted_1_rejected_2_unreadable() {
    let ok = sceau(&["csr", "check", &data("rsa2048-san.csr")]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("ACCEPTED"));

    let rejected = sceau(&["csr", "check", &data("rsa1024.csr")]);
    assert_eq!(rejected.status.code(), Some(1));
    let text = String::from_utf8_lossy(&rejected.stdout);
    assert!(text.starts_with("REJECTED"), "{text}");
    assert!(text.contains("key.rsa.too_small"), "{text}");

    let unreadable = sceau(&["csr", "check", &data("certificate.pem")]);
    assert_eq!(unreadable.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unreadable.stderr);
    assert!(
        err.contains("found a PEM block labelled 'CERTIFICATE'"),
        "{err}"
    );
    assert!(
        err.contains("expected a certificate signing request"),
        "{err}"
    );
    assert!(unreadable.stdout.is_empty());

    assert_eq!(
        sceau(&["csr", "check", "/nonexistent/file.csr"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        sceau(&["csr", "check", "--profile", "nope", &data("p256.csr")])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        sceau(&["csr", "check", "--format", "xml", &data("p256.csr")])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(sceau(&["csr", "check"]).status.code(), Some(2));
    assert_eq!(sceau(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn json_and_french_output() {
    let out = sceau(&[
        "csr",
        "check",
        "--format",
        "json",
        "--lang",
        "fr",
        &data("challenge-password.csr"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["verdict"], "accepted");
    assert_eq!(json["lang"], "fr");
    assert!(json["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("en clair"));

    let fr = sceau(&["csr", "check", "--lang", "fr", &data("sha1.csr")]);
    let text = String::from_utf8_lossy(&fr.stdout);
    assert!(text.starts_with("REFUSÉ"), "{text}");
    assert!(text.contains("retiré pour les signatures"), "{text}");
}

#[test]
fn dash_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sceau"))
        .args(["csr", "check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pasted = std::fs::read(data("pasted-email.txt")).unwrap();
    child.stdin.take().unwrap().write_all(&pasted).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn rules_lists_every_rule_with_its_citation() {
    let out = sceau(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rules.len(), sceau::rules().len());
    let challenge = rules
        .iter()
        .find(|r| r["code"] == "csr.attribute.challenge_password")
        .unwrap();
    assert_eq!(challenge["severity"], "warning");
    assert!(challenge["source"]
        .as_str()
        .unwrap()
        .contains("002_65d782b1359c0f60.txt"));
}

fn chain_data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/chain")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn verify_exits_0_valid_1_invalid_2_unreadable_or_wrong_usage() {
    let roots = chain_data("ingetrust-root.pem");
    let ca_crl = chain_data("ingetrust-ca.crl.pem");
    let root_crl = chain_data("ingetrust-root.crl.pem");
    let args = |chain: &str| -> Vec<String> {
        [
            "verify",
            "--roots",
            &roots,
            "--crl",
            &ca_crl,
            "--crl",
            &root_crl,
            "--usage",
            "client",
            "--time",
            "2027-06-01T00:00:00Z",
            "--format",
            "json",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([chain_data(chain)])
        .collect()
    };
    let run = |chain: &str| {
        let args = args(chain);
        sceau(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let good = run("tpe-good-chain.pem");
    assert_eq!(
        good.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&good.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&good.stdout).unwrap();
    assert_eq!(json["verdict"], "accepted");
    assert_eq!(json["subject"], "chain");
    assert_eq!(json["facts"]["path"].as_array().unwrap().len(), 3);
    assert_eq!(json["facts"]["path"][0]["revocation"]["status"], "good");

    let revoked = run("tpe-revoked-chain.pem");
    assert_eq!(revoked.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&revoked.stdout).unwrap();
    assert_eq!(json["findings"][0]["code"], "revocation.revoked");

    let unreadable = run("ingetrust-ca.crl.pem");
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("X509 CRL"));

    let wrong_usage = sceau(&[
        "verify",
        "--roots",
        &roots,
        "--usage",
        "banking",
        &chain_data("tpe-good-chain.pem"),
    ]);
    assert_eq!(wrong_usage.status.code(), Some(2));
    let no_roots = sceau(&["verify", &chain_data("tpe-good-chain.pem")]);
    assert_eq!(no_roots.status.code(), Some(2));

    // A directory of roots works like a bundle; the text report shows the path.
    let dir = std::env::temp_dir().join(format!("sceau-roots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&roots, dir.join("root.pem")).unwrap();
    let text = sceau(&[
        "verify",
        "--roots",
        dir.to_str().unwrap(),
        "--revocation",
        "off",
        "--usage",
        "client",
        "--lang",
        "fr",
        &chain_data("tpe-good-chain.pem"),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(text.status.code(), Some(0));
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.starts_with("ACCEPTÉ"), "{out}");
    assert!(out.contains("TPE-0001"), "{out}");
}

#[test]
fn verify_presets_apply_the_diapason_rules() {
    let client = sceau(&[
        "verify",
        "--preset",
        "diapason-client",
        "--roots",
        &chain_data("ingetrust-root.pem"),
        "--time",
        "2027-06-01T00:00:00Z",
        &chain_data("tpe-good-chain.pem"),
    ]);
    // Client preset: revocation required, and no CRL was given.
    assert_eq!(client.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&client.stdout).contains("revocation.missing"));

    let server = sceau(&[
        "verify",
        "--preset",
        "diapason-server",
        "--name",
        "gap.ch-ville.fr",
        "--roots",
        &chain_data("igc-sante-acr.pem"),
        "--time",
        "2027-06-01T00:00:00Z",
        &chain_data("gap-cn-label-chain.pem"),
    ]);
    assert_eq!(server.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&server.stdout).contains("chain.name.cn_differs"));

    let no_name = sceau(&[
        "verify",
        "--preset",
        "diapason-server",
        "--roots",
        &chain_data("igc-sante-acr.pem"),
        &chain_data("gap-chain.pem"),
    ]);
    assert_eq!(no_name.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_name.stderr).contains("--name"));
}

/// A name may hold any character. The text report writes control characters as `\u{..}`, so
/// that a subject cannot print a verdict line of its own or send escape sequences to the
/// terminal; JSON keeps the value exact (escaped the JSON way).
#[test]
fn control_characters_from_the_input_stay_on_their_line() {
    let out = sceau(&["csr", "check", &data("cn-control-chars.csr")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    let verdict_lines = text
        .lines()
        .filter(|l| l.starts_with("ACCEPTED") || l.starts_with("REJECTED"))
        .count();
    assert_eq!(verdict_lines, 1, "{text}");
    assert!(
        text.contains(r"CN=www.exemple.fr\u{a}ACCEPTED \u{1b}[32mOK"),
        "{text}"
    );
    let out = sceau(&[
        "csr",
        "check",
        "--format",
        "json",
        &data("cn-control-chars.csr"),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subject = json["facts"]["subject_dn"].as_str().unwrap();
    assert!(
        subject.contains("www.exemple.fr\nACCEPTED \u{1b}[32mOK"),
        "{subject}"
    );
}
