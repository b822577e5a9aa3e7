//! CSR checks from C.

use std::ffi::c_char;
use std::time::Duration;

use rustls_pki_types::UnixTime;

use super::catalog::{run_check, sceau_catalog};
use super::{sceau_report, sceau_result};

/// Checks the CSR in `input` (`input_len` bytes of PEM, base64 or DER) against the profile
/// `profile` (NUL-terminated; NULL means `baseline`) of `catalog` (NULL means the embedded
/// catalogue) at `time_unix` (seconds since 1970-01-01 UTC; pass `time(NULL)` for now: the
/// library never reads the clock).
///
/// On `SCEAU_RESULT_OK`, `*report_out` receives a report to free with `sceau_report_free`;
/// a rejected CSR is still `SCEAU_RESULT_OK` with a rejected verdict. When the input cannot be
/// read as a CSR, the result says why, `*report_out` is set to NULL and
/// `sceau_last_error_message` gives the details.
///
/// # Safety
/// `input` must point to `input_len` readable bytes; `profile` must be NULL or NUL-terminated;
/// `catalog` NULL or a live handle; `report_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_csr_check(
    input: *const u8,
    input_len: usize,
    profile: *const c_char,
    catalog: *const sceau_catalog,
    time_unix: u64,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    let now = UnixTime::since_unix_epoch(Duration::from_secs(time_unix));
    // SAFETY: forwarded caller contract.
    unsafe {
        run_check(
            input,
            input_len,
            profile,
            catalog,
            report_out,
            |bytes, policy| crate::check_csr(bytes, policy, now),
        )
    }
}
