//! Links the `sceau` command with packed relative relocations (DT_RELR) where the linker and the
//! C library take them: the 7,000 relative relocations of a position-independent binary then
//! take 2 KB instead of 178 KB, and a one-shot `sceau csr check` peaks about 400 KiB lower
//! (benches/README.md, whole-process rows). Only the command: the library, the C library
//! (`libsceau.so`) and the Python module keep the C library's oldest relocation format, so they
//! load with any glibc. Probed by linking and running a tiny C program, so a toolchain or a
//! glibc older than 2.36 (or a cross build, which cannot run the probe) builds as before.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    if target != host || !target.ends_with("linux-gnu") {
        return;
    }
    if links_and_runs_with_relr() {
        println!("cargo:rustc-link-arg-bin=sceau=-Wl,-z,pack-relative-relocs");
    }
}

fn links_and_runs_with_relr() -> bool {
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let source = out_dir.join("relr_probe.c");
    let binary = out_dir.join("relr_probe");
    // A pointer in static data, so the probe has a relative relocation to pack.
    let program =
        "static const char *p = \"relr\";\nint main(void) { return p[0] == 'r' ? 0 : 1; }\n";
    if std::fs::write(&source, program).is_err() {
        return false;
    }
    let linker = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let linked = Command::new(linker)
        .args(["-fPIE", "-pie", "-Wl,-z,pack-relative-relocs", "-o"])
        .arg(&binary)
        .arg(&source)
        .output()
        .is_ok_and(|o| o.status.success());
    linked
        && Command::new(&binary)
            .output()
            .is_ok_and(|o| o.status.success())
}
