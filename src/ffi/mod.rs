//! The C ABI, in rustls-ffi's style: opaque handles with `_free`, one result enum in a non-zero
//! band, every exported function inside one panic boundary with its arguments read by the
//! helper macros of `boundary.rs`, and a message for every result. One file per API area. This
//! is the only module allowed `unsafe`; it holds no checks, only conversions.
//!
//! The header `include/sceau.h` is generated from these files by cbindgen (`tests/header.rs`
//! fails when it drifts; `SCEAU_BLESS=1 cargo test --test header` rewrites it).
#![allow(non_camel_case_types)]

#[macro_use]
mod boundary;
mod assurance;
mod batch;
mod catalog;
mod cert;
mod csr;
mod library;
mod policy;
mod report;
mod result;
mod verifier;
