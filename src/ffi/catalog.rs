//! Product catalogues from C: the embedded one (pass NULL) or one extended by TOML text.

use std::ffi::c_char;

use super::{fail, optional_str, panic_boundary, sceau_result};
use crate::Catalog;

/// A product catalogue. Opaque; free it with `sceau_catalog_free`. Functions that take a
/// `const sceau_catalog *` use the embedded catalogue when given NULL.
pub struct sceau_catalog {
    pub(crate) catalog: Catalog,
}

/// Makes a catalogue: the embedded one, with the products (and holidays) of `toml` (a
/// NUL-terminated TOML text with `[[product]]` tables) replacing or added to it.
///
/// # Safety
/// `toml` must be NUL-terminated; `catalog_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_catalog_new_from_toml(
    toml: *const c_char,
    catalog_out: *mut *mut sceau_catalog,
) -> sceau_result {
    panic_boundary(|| {
        if catalog_out.is_null() || toml.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *catalog_out = std::ptr::null_mut() };
        // SAFETY: non-NULL and NUL-terminated per the caller's contract.
        let text = match unsafe { optional_str(toml, "toml") } {
            Ok(t) => t.unwrap_or_default(),
            Err(result) => return result,
        };
        match Catalog::from_toml(text) {
            Ok(extra) => {
                let catalog = Catalog::embedded().extended_with(extra);
                let handle = Box::into_raw(Box::new(sceau_catalog { catalog }));
                // SAFETY: checked non-NULL above.
                unsafe { *catalog_out = handle };
                sceau_result::Ok
            }
            Err(e) => fail(&e),
        }
    })
}

/// Frees a catalogue. NULL is ignored.
///
/// # Safety
/// `catalog` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_catalog_free(catalog: *mut sceau_catalog) {
    let _ = std::panic::catch_unwind(|| {
        if !catalog.is_null() {
            // SAFETY: the handle came from Box::into_raw in sceau and is freed once.
            drop(unsafe { Box::from_raw(catalog) });
        }
    });
}

/// Runs `body` with the catalogue `catalog` points to, or the embedded one for NULL.
///
/// # Safety
/// `catalog` must be NULL or a live handle.
pub(crate) unsafe fn with_catalog<T>(
    catalog: *const sceau_catalog,
    body: impl FnOnce(&Catalog) -> T,
) -> T {
    // SAFETY: the caller promises NULL or a live handle.
    match unsafe { catalog.as_ref() } {
        Some(c) => body(&c.catalog),
        None => body(Catalog::builtin()),
    }
}

/// The policy named `profile` (NULL: `baseline`) in `catalog` (NULL: embedded), or the result
/// code to return.
///
/// # Safety
/// `profile` must be NULL or NUL-terminated; `catalog` NULL or a live handle.
pub(crate) unsafe fn policy_for(
    profile: *const c_char,
    catalog: *const sceau_catalog,
) -> Result<crate::IssuancePolicy, sceau_result> {
    // SAFETY: forwarded caller contract.
    let profile = unsafe { optional_str(profile, "profile") }?.unwrap_or("baseline");
    // SAFETY: forwarded caller contract.
    unsafe { with_catalog(catalog, |c| crate::IssuancePolicy::from_catalog(c, profile)) }
        .map_err(|e| fail(&e))
}

/// The shared body of the check functions: NULL checks, input, policy, then `check`, its
/// report written to `report_out`.
///
/// # Safety
/// `input` must point to `input_len` readable bytes; `profile` NULL or NUL-terminated;
/// `catalog` NULL or a live handle; `report_out` writable.
pub(crate) unsafe fn run_check(
    input: *const u8,
    input_len: usize,
    profile: *const c_char,
    catalog: *const sceau_catalog,
    report_out: *mut *mut super::sceau_report,
    check: impl FnOnce(&[u8], &crate::IssuancePolicy) -> crate::Result<crate::Report>,
) -> sceau_result {
    panic_boundary(|| {
        if report_out.is_null() || input.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *report_out = std::ptr::null_mut() };
        // SAFETY: non-NULL, and the caller promises `input_len` readable bytes.
        let bytes = unsafe { std::slice::from_raw_parts(input, input_len) };
        // SAFETY: forwarded caller contract.
        let policy = match unsafe { policy_for(profile, catalog) } {
            Ok(p) => p,
            Err(result) => return result,
        };
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { super::emit(check(bytes, &policy), report_out) }
    })
}
