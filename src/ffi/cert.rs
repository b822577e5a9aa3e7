//! Certificates from C: post-issuance check, matching, lifecycle, and quotes.

use std::ffi::c_char;

use crate::entry::{check_certificate, expiry, match_certificate, quote};
use crate::ffi::catalog::{catalog_of, policy_for, sceau_catalog};
use crate::ffi::report::{emit, sceau_report};
use crate::ffi::result::{sceau_result, time_of};
use crate::profile::quote::QuoteRequest;

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
    ffi_boundary! {
        let out = try_out!(report_out);
        let bytes = try_slice!(input, input_len);
        // SAFETY: forwarded caller contract.
        let policy = try_result!(unsafe { policy_for(profile, catalog) });
        emit(check_certificate(bytes, &policy), out)
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
    ffi_boundary! {
        let out = try_out!(report_out);
        let cert = try_slice!(cert, cert_len);
        let (csr, key) = (try_slice!(optional csr, csr_len), try_slice!(optional key, key_len));
        emit(match_certificate(cert, csr, key), out)
    }
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
    ffi_boundary! {
        let out = try_out!(report_out);
        let bytes = try_slice!(input, input_len);
        let profile = try_str!(profile);
        // SAFETY: forwarded caller contract.
        let catalog = unsafe { catalog_of(catalog) };
        let product = try_lib!(catalog.product(profile));
        emit(expiry(bytes, product, &catalog.holidays, time_of(time_unix)), out)
    }
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
    ffi_boundary! {
        let out = try_out!(report_out);
        let profile = try_str!(profile);
        // SAFETY: forwarded caller contract.
        let product = try_lib!(unsafe { catalog_of(catalog) }.product(profile));
        let request = QuoteRequest {
            years,
            names: (names > 0).then_some(names),
            replacement,
        };
        emit(Ok(quote(product, request)), out)
    }
}
