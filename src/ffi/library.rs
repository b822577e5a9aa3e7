//! The library as a whole, from C: its version, and the messages of results and errors.

use std::ffi::{c_char, CStr};

use crate::ffi::result::{sceau_result, write_text, LAST_ERROR};

/// Writes the description of `result` into `buf` (see `sceau_report_json` for the buffer
/// contract).
///
/// # Safety
/// `buf` must point to `len` writable bytes; `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_result_message(
    result: sceau_result,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    ffi_boundary! { unsafe { write_text(result.describe(), buf, len, out_n) } }
}

/// Writes the detailed message of the last error on the calling thread (what was found and
/// what was expected) into `buf`; empty when no call has failed on this thread.
///
/// # Safety
/// `buf` must point to `len` writable bytes; `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_last_error_message(
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let message = LAST_ERROR.with(|last| last.borrow().clone());
        // SAFETY: forwarded caller contract.
        unsafe { write_text(&message, buf, len, out_n) }
    }
}

/// The version of the sceau library, as a static NUL-terminated string.
#[no_mangle]
pub extern "C" fn sceau_version() -> *const c_char {
    static VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => c"unknown",
        };
    VERSION.as_ptr()
}
