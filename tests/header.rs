//! The committed C header must be what cbindgen generates from src/ffi today.

use std::path::PathBuf;

#[test]
fn committed_header_matches_the_code() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_crate(&root)
        .generate()
        .expect("cbindgen could not generate the header")
        .write(&mut generated);
    let path = root.join("include/sceau.h");
    if std::env::var_os("SCEAU_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/sceau.h drifted from src/ffi; regenerate it with SCEAU_BLESS=1 cargo test --test header"
    );
}
