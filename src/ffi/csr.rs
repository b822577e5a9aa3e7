//! CSR checks from C.

use std::ffi::c_char;

use crate::entry::check_csr;
use crate::ffi::catalog::{policy_for, sceau_catalog};
use crate::ffi::report::{emit, sceau_report};
use crate::ffi::result::{sceau_result, time_of};

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
    ffi_boundary! {
        let out = try_out!(report_out);
        let bytes = try_slice!(input, input_len);
        // SAFETY: forwarded caller contract.
        let policy = try_result!(unsafe { policy_for(profile, catalog) });
        emit(check_csr(bytes, &policy, time_of(time_unix)), out)
    }
}
