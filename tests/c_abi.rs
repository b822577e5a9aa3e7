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

#[test]
fn the_c_test_program_is_clean_under_valgrind() {
    if Command::new("valgrind").arg("--version").output().is_err() {
        common::prerequisite_missing("valgrind is not installed: no memory check");
        return;
    }
    let out = std::env::temp_dir().join(format!("sceau-abi-valgrind-{}", std::process::id()));
    compile(&root().join("tests/c/abi_test.c"), &out);
    // One-time statics of the parsers are "possibly lost" by design; only definite leaks and
    // memory errors fail.
    let run = Command::new("valgrind")
        .args([
            "--quiet",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "--error-exitcode=97",
        ])
        .arg(&out)
        .arg(root().join("tests/data/csr"))
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "valgrind found errors or leaks:\n{stderr}"
    );
}
