//! Compiles C programs against the static library with gcc -Wall -Wextra -Werror and runs them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The static library, built once per test run: `cargo test` links tests against the rlib and
/// does not make the staticlib, so ask cargo for it and take the path it reports.
fn static_library() -> &'static Path {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let release = std::env::current_exe()
            .unwrap()
            .components()
            .any(|c| c.as_os_str() == "release");
        let mut cargo = Command::new(env!("CARGO"));
        cargo.current_dir(root()).args([
            "build",
            "--lib",
            "--message-format=json-render-diagnostics",
        ]);
        if release {
            cargo.arg("--release");
        }
        let output = cargo.output().expect("cargo must run");
        assert!(output.status.success(), "cargo build --lib failed");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|msg| msg["reason"] == "compiler-artifact" && msg["target"]["name"] == "sceau")
            .flat_map(|msg| msg["filenames"].as_array().cloned().unwrap_or_default())
            .filter_map(|f| f.as_str().map(PathBuf::from))
            .find(|f| f.extension().is_some_and(|e| e == "a"))
            .expect("cargo reported no libsceau.a")
    })
}

fn compile(source: &Path, output: &Path) {
    let status = Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(output)
        .arg(source)
        .arg(format!("-I{}", root().join("include").display()))
        .arg(static_library())
        .args(["-lpthread", "-ldl", "-lm"])
        .status()
        .expect("gcc must be installed");
    assert!(status.success(), "gcc failed on {}", source.display());
}

#[test]
fn the_c_test_program_passes() {
    let out = std::env::temp_dir().join(format!("sceau-abi-test-{}", std::process::id()));
    compile(&root().join("tests/c/abi_test.c"), &out);
    let run = Command::new(&out)
        .arg(root().join("tests/data/csr"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let _ = std::fs::remove_file(&out);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[test]
fn the_c_example_builds_and_reports_like_the_cli() {
    let out = std::env::temp_dir().join(format!("sceau-example-{}", std::process::id()));
    compile(&root().join("bindings/c/csr_check.c"), &out);
    let accepted = Command::new(&out)
        .arg(root().join("tests/data/csr/p256.csr"))
        .output()
        .unwrap();
    assert_eq!(accepted.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&accepted.stdout).contains("\"verdict\": \"accepted\""));
    let rejected = Command::new(&out)
        .arg(root().join("tests/data/csr/sha1.csr"))
        .output()
        .unwrap();
    assert_eq!(rejected.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&rejected.stdout).contains("algorithm.signature.retired"));
    let unreadable = Command::new(&out)
        .arg(root().join("tests/data/csr/empty.csr"))
        .output()
        .unwrap();
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("empty input"));
    let _ = std::fs::remove_file(&out);
}

/// The Diapason example: a terminal's good chain accepted, a revoked one rejected with the
/// CRL's finding, an unreadable anchor file exit 2; the same under valgrind.
#[test]
fn the_diapason_example_verifies_terminal_chains() {
    let out = std::env::temp_dir().join(format!("sceau-diapason-{}", std::process::id()));
    compile(&root().join("bindings/c/diapason_gateway.c"), &out);
    let chain = root().join("tests/data/chain");
    let run = |leaf: &str, anchors: &str| {
        Command::new(&out)
            .arg(chain.join(anchors))
            .arg(chain.join(leaf))
            .arg("--crl")
            .arg(chain.join("ingetrust-ca.crl.der"))
            .arg("--crl")
            .arg(chain.join("ingetrust-root.crl.pem"))
            .args(["--time", "1811808000"])
            .output()
            .unwrap()
    };
    let good = run("tpe-good-chain.pem", "ingetrust-root.pem");
    assert_eq!(good.status.code(), Some(0), "{good:?}");
    assert!(String::from_utf8_lossy(&good.stdout).contains(": ACCEPTED"));
    let revoked = run("tpe-revoked-chain.pem", "ingetrust-root.pem");
    assert_eq!(revoked.status.code(), Some(1), "{revoked:?}");
    let text = String::from_utf8_lossy(&revoked.stdout);
    assert!(text.contains(": REJECTED"), "{text}");
    assert!(
        text.contains("error   revocation.revoked [path[0]]"),
        "{text}"
    );
    assert!(text.contains("keyCompromise"), "{text}");
    let unreadable = run("tpe-good-chain.pem", "ingetrust-ca.crl.der");
    assert_eq!(unreadable.status.code(), Some(2), "{unreadable:?}");
    assert!(
        String::from_utf8_lossy(&unreadable.stderr).contains("INPUT_WRONG_KIND")
            || !unreadable.stderr.is_empty()
    );
    if Command::new("valgrind").arg("--version").output().is_ok() {
        let checked = Command::new("valgrind")
            .args([
                "--quiet",
                "--leak-check=full",
                "--errors-for-leak-kinds=definite,indirect",
                "--error-exitcode=97",
            ])
            .arg(&out)
            .arg(chain.join("ingetrust-root.pem"))
            .arg(chain.join("tpe-revoked-chain.pem"))
            .arg("--crl")
            .arg(chain.join("ingetrust-ca.crl.der"))
            .args(["--time", "1811808000"])
            .output()
            .unwrap();
        assert_eq!(
            checked.status.code(),
            Some(1),
            "valgrind: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
    } else {
        common::prerequisite_missing("valgrind is not installed: no memory check");
    }
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_misuse_program_passes() {
    let out = std::env::temp_dir().join(format!("sceau-misuse-{}", std::process::id()));
    compile(&root().join("tests/c/misuse_test.c"), &out);
    let run = Command::new(&out)
        .arg(root().join("tests/data"))
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&out);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// Every function the header declares is misused by tests/c/misuse_test.c.
#[test]
fn the_misuse_program_names_every_function_of_the_header() {
    let header = std::fs::read_to_string(root().join("include/sceau.h")).unwrap();
    let misuse = std::fs::read_to_string(root().join("tests/c/misuse_test.c")).unwrap();
    let functions: Vec<&str> = header
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with("sceau_") && header.contains(&format!("{word}(")))
        .collect();
    assert!(functions.len() > 50, "{functions:?}");
    let missing: Vec<&&str> = functions
        .iter()
        .filter(|f| !misuse.contains(&format!("{f}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "not misused in misuse_test.c: {missing:?}"
    );
}

/// Runs a C program (compiled here) under valgrind memcheck: no memory error, no definite or
/// indirect leak. One-time statics of the parsers are "possibly lost" by design.
fn clean_under_valgrind(source: &str, argument: &Path) {
    if Command::new("valgrind").arg("--version").output().is_err() {
        common::prerequisite_missing("valgrind is not installed: no memory check");
        return;
    }
    let stem = Path::new(source).file_stem().unwrap().to_string_lossy();
    let out = std::env::temp_dir().join(format!("sceau-valgrind-{stem}-{}", std::process::id()));
    compile(&root().join(source), &out);
    let run = Command::new("valgrind")
        .args([
            "--quiet",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--error-exitcode=97",
        ])
        .arg(&out)
        .arg(argument)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "valgrind found errors or leaks in {source}:\n{stderr}"
    );
}

#[test]
fn the_c_test_program_is_clean_under_valgrind() {
    clean_under_valgrind("tests/c/abi_test.c", &root().join("tests/data/csr"));
}

#[test]
fn the_misuse_program_is_clean_under_valgrind() {
    clean_under_valgrind("tests/c/misuse_test.c", &root().join("tests/data"));
}

/// Lengths past PTRDIFF_MAX are refused with INVALID_ARGUMENT by every function that takes a
/// buffer or an array (tests/c/lengths_test.c); before, they reached `slice::from_raw_parts`.
#[test]
fn impossible_lengths_are_invalid_arguments() {
    let out = std::env::temp_dir().join(format!("sceau-lengths-{}", std::process::id()));
    compile(&root().join("tests/c/lengths_test.c"), &out);
    let run = Command::new(&out).output().unwrap();
    let _ = std::fs::remove_file(&out);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{:?}\n{stdout}\n{stderr}", run.status);
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// The CSR example prints the last error whatever its length: an unknown profile's message
/// repeats the profile, and a buffer too small for it was left uninitialised, then printed.
#[test]
fn the_c_example_prints_a_long_error_under_valgrind() {
    if Command::new("valgrind").arg("--version").output().is_err() {
        common::prerequisite_missing("valgrind is not installed: no memory check");
        return;
    }
    let out = std::env::temp_dir().join(format!("sceau-example-long-{}", std::process::id()));
    compile(&root().join("bindings/c/csr_check.c"), &out);
    let profile = "x".repeat(2000);
    let run = Command::new("valgrind")
        .args(["--quiet", "--error-exitcode=97"])
        .arg(&out)
        .arg(root().join("tests/data/csr/p256.csr"))
        .arg(&profile)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("unknown profile '{profile}'")),
        "{stderr}"
    );
}
