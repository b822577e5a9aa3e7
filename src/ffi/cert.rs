//! Certificates from C: post-issuance check, matching, lifecycle, and quotes.

use std::ffi::c_char;
use std::time::Duration;

use rustls_pki_types::UnixTime;

use super::catalog::{run_check, sceau_catalog, with_catalog};
use super::{emit, optional_bytes, optional_str, panic_boundary, sceau_report, sceau_result};
use crate::profile::QuoteRequest;

/// Checks the certificate in `input` against `profile` (NULL means `baseline`) of `catalog`
/// (NULL means the embedded catalogue). Results and `report_out` as `sceau_csr_check`.
///
/// # Safety
/// `input` must point to `input_len` readable bytes; `profile` NULL or NUL-terminated;
/// `catalog` NULL or a live handle; `report_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_cert_check(
    input: *const u8,
    input_len: usize,
    profile: *const c_char,
    catalog: *const sceau_catalog,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe {
        run_check(
            input,
            input_len,
            profile,
            catalog,
            report_out,
            crate::check_certificate,
        )
    }
}

/// Compares the certificate in `cert` with a request (`csr`, may be NULL) and a private key
/// (`key`, may be NULL; not both NULL). Results and `report_out` as `sceau_csr_check`.
///
/// # Safety
/// `cert` must point to `cert_len` readable bytes; `csr` and `key` NULL or pointing to their
/// lengths in readable bytes; `report_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_cert_match(
    cert: *const u8,
    cert_len: usize,
    csr: *const u8,
    csr_len: usize,
    key: *const u8,
    key_len: usize,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    panic_boundary(|| {
        if report_out.is_null() || cert.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *report_out = std::ptr::null_mut() };
        // SAFETY: forwarded caller contract.
        let (cert, csr, key) = unsafe {
            (
                optional_bytes(cert, cert_len).unwrap_or_default(),
                optional_bytes(csr, csr_len),
                optional_bytes(key, key_len),
            )
        };
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { emit(crate::match_certificate(cert, csr, key), report_out) }
    })
}

/// Where the certificate in `input` stands at `time_unix` under `profile`'s terms in `catalog`
/// (NULL: embedded): days and business days left, notice, renewal, re-issuance.
///
/// # Safety
/// As `sceau_cert_check`; `profile` must not be NULL.
#[no_mangle]
pub unsafe extern "C" fn sceau_expiry(
    input: *const u8,
    input_len: usize,
    profile: *const c_char,
    catalog: *const sceau_catalog,
    time_unix: u64,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    panic_boundary(|| {
        if report_out.is_null() || input.is_null() || profile.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *report_out = std::ptr::null_mut() };
        // SAFETY: forwarded caller contract.
        let bytes = unsafe { optional_bytes(input, input_len) }.unwrap_or_default();
        // SAFETY: forwarded caller contract.
        let profile = match unsafe { optional_str(profile, "profile") } {
            Ok(p) => p.unwrap_or_default(),
            Err(result) => return result,
        };
        let now = UnixTime::since_unix_epoch(Duration::from_secs(time_unix));
        // SAFETY: forwarded caller contract.
        let result = unsafe {
            with_catalog(catalog, |c| {
                c.product(profile)
                    .and_then(|p| crate::profile::expiry(bytes, p, &c.holidays, now))
            })
        };
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { emit(result, report_out) }
    })
}

/// Prices `years` of `profile` from `catalog` (NULL: embedded) for `names` DNS names (0: the
/// product's included names), or a replacement when `replacement` is true. A refused quote is
/// `SCEAU_RESULT_OK` with a rejected verdict and no total.
///
/// # Safety
/// `profile` must be NUL-terminated; `catalog` NULL or a live handle; `report_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_quote(
    profile: *const c_char,
    catalog: *const sceau_catalog,
    years: u32,
    names: u32,
    replacement: bool,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    panic_boundary(|| {
        if report_out.is_null() || profile.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *report_out = std::ptr::null_mut() };
        // SAFETY: forwarded caller contract.
        let profile = match unsafe { optional_str(profile, "profile") } {
            Ok(p) => p.unwrap_or_default(),
            Err(result) => return result,
        };
        let request = QuoteRequest {
            years,
            names: (names > 0).then_some(names),
            replacement,
        };
        // SAFETY: forwarded caller contract.
        let result = unsafe {
            with_catalog(catalog, |c| {
                c.product(profile)
                    .map(|p| crate::profile::quote(p, request))
            })
        };
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { emit(result, report_out) }
    })
}
