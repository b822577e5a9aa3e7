//! The library as a whole, from C: its version, and the messages of results and errors.

use std::ffi::{c_char, CStr};

use crate::ffi::report::lang_of;
use crate::ffi::result::{fail_with, sceau_result, set_last_error, LAST_ERROR};

/// Writes the description of `result` into `buf` (see `sceau_report_json` for the buffer
/// contract). Defined for any integer: a value that is no `sceau_result` returns
/// `SCEAU_RESULT_INVALID_ARGUMENT`, and the last error says so.
///
/// # Safety
/// `buf` must point to `len` writable bytes; `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_result_message(
    result: u32,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        match sceau_result::from_code(result) {
            Some(known) => out.write(known.describe()),
            None => fail_with(
                sceau_result::InvalidArgument,
                &format!("{result} is not a sceau_result value"),
            ),
        }
    }
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
        let out = text_out!(buf, len, out_n);
        let message = LAST_ERROR.with(|last| last.borrow().clone());
        // Writing the last error must not replace it with "buffer too small".
        let kept = message.clone();
        let result = out.write(&message);
        set_last_error(kept);
        result
    }
}

/// Writes the catalogue of every rule as JSON (what `sceau rules --format json` prints: code,
/// severity, citation, dates, message in `lang`) into `buf`, with the buffer contract of
/// `sceau_report_json`.
///
/// # Safety
/// `buf` must point to `len` writable bytes or be NULL; `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_rules_json(
    lang: u32,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        let lang = try_result!(lang_of(lang));
        out.write(&crate::render::rules_json(lang))
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
