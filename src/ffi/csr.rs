//! CSR checks from C.

use std::ffi::c_char;
use std::time::Duration;

use rustls_pki_types::UnixTime;

use super::{fail, optional_str, panic_boundary, sceau_report, sceau_result};
use crate::IssuancePolicy;

/// Checks the CSR in `input` (`input_len` bytes of PEM, base64 or DER) against the profile
/// `profile` (NUL-terminated; NULL means `baseline`) at `time_unix` (seconds since 1970-01-01
/// UTC; pass `time(NULL)` for now: the library never reads the clock).
///
/// On `SCEAU_RESULT_OK`, `*report_out` receives a report to free with `sceau_report_free`;
/// a rejected CSR is still `SCEAU_RESULT_OK` with a rejected verdict. When the input cannot be
/// read as a CSR, the result says why, `*report_out` is set to NULL and
/// `sceau_last_error_message` gives the details.
///
/// # Safety
/// `input` must point to `input_len` readable bytes; `profile` must be NULL or NUL-terminated;
/// `report_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_csr_check(
    input: *const u8,
    input_len: usize,
    profile: *const c_char,
    time_unix: u64,
    report_out: *mut *mut sceau_report,
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
        let profile = match unsafe { optional_str(profile, "profile") } {
            Ok(p) => p.unwrap_or("baseline"),
            Err(result) => return result,
        };
        let policy = match IssuancePolicy::by_id(profile) {
            Ok(p) => p,
            Err(e) => return fail(&e),
        };
        let now = UnixTime::since_unix_epoch(Duration::from_secs(time_unix));
        match crate::check_csr(bytes, &policy, now) {
            Ok(report) => {
                let handle = Box::into_raw(Box::new(sceau_report { report }));
                // SAFETY: checked non-NULL above.
                unsafe { *report_out = handle };
                sceau_result::Ok
            }
            Err(e) => fail(&e),
        }
    })
}
