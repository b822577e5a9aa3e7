//! Chain verification from C: a verifier built step by step (anchors, intermediates, CRLs,
//! OCSP responses, options), then used for as many chains as needed.

use std::ffi::c_char;
use std::time::Duration;

use rustls_pki_types::UnixTime;

use super::{
    emit, fail, fail_with, optional_bytes, optional_str, panic_boundary, sceau_report, sceau_result,
};
use crate::{RevocationPolicy, Usage, Verifier, VerifyOptions};

/// A chain verifier. Opaque; make it with `sceau_verifier_new` (or a Diapason preset), add
/// anchors and evidence, set options, verify chains, free it with `sceau_verifier_free`.
pub struct sceau_verifier {
    verifier: Verifier,
}

/// Writes a new handle for `verifier` to `out`.
///
/// # Safety
/// `out` must be non-NULL and writable.
unsafe fn hand_out(verifier: Verifier, out: *mut *mut sceau_verifier) -> sceau_result {
    // SAFETY: the caller promises `out` is non-NULL and writable.
    unsafe { *out = Box::into_raw(Box::new(sceau_verifier { verifier })) };
    sceau_result::Ok
}

fn time_of(unix: u64) -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(unix))
}

/// Writes a new verifier to `verifier_out` for `usage` (`server`, `client`, `code-signing`,
/// `email` or `any`; NULL means `server`) at `time_unix` (seconds since 1970-01-01 UTC; the
/// library never reads the clock). Revocation is required until `sceau_verifier_set_revocation`
/// says otherwise.
///
/// # Safety
/// `usage` must be NULL or NUL-terminated; `verifier_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_new(
    usage: *const c_char,
    time_unix: u64,
    verifier_out: *mut *mut sceau_verifier,
) -> sceau_result {
    panic_boundary(|| {
        if verifier_out.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *verifier_out = std::ptr::null_mut() };
        // SAFETY: forwarded caller contract.
        let usage = match unsafe { optional_str(usage, "usage") } {
            Ok(text) => text.unwrap_or("server"),
            Err(result) => return result,
        };
        let usage: Usage = match usage.parse() {
            Ok(u) => u,
            Err(detail) => return fail_with(sceau_result::InvalidArgument, &detail),
        };
        let verifier = Verifier::new("verify", VerifyOptions::new(usage, time_of(time_unix)));
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { hand_out(verifier, verifier_out) }
    })
}

/// Writes the Diapason gateway's client verifier (terminals and PSP as TLS clients,
/// revocation required) to `verifier_out`; add the IngeTrust and GeoTrust roots and evidence.
///
/// # Safety
/// `verifier_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_new_diapason_client(
    time_unix: u64,
    verifier_out: *mut *mut sceau_verifier,
) -> sceau_result {
    panic_boundary(|| {
        if verifier_out.is_null() {
            return sceau_result::NullParameter;
        }
        let verifier = crate::diapason::client_verifier(time_of(time_unix));
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { hand_out(verifier, verifier_out) }
    })
}

/// Writes the Diapason server verifier for `fqdn` (revocation best effort, the CN must be the
/// FQDN) to `verifier_out`.
///
/// # Safety
/// `fqdn` must be NUL-terminated; `verifier_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_new_diapason_server(
    time_unix: u64,
    fqdn: *const c_char,
    verifier_out: *mut *mut sceau_verifier,
) -> sceau_result {
    panic_boundary(|| {
        if verifier_out.is_null() || fqdn.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *verifier_out = std::ptr::null_mut() };
        // SAFETY: non-NULL and NUL-terminated per the caller's contract.
        let fqdn = match unsafe { optional_str(fqdn, "fqdn") } {
            Ok(text) => text.unwrap_or_default(),
            Err(result) => return result,
        };
        let verifier = crate::diapason::server_verifier(time_of(time_unix), fqdn);
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { hand_out(verifier, verifier_out) }
    })
}

/// Runs `body` on the verifier behind `verifier`.
///
/// # Safety
/// `verifier` must be NULL or a live handle used by no other thread meanwhile.
unsafe fn with_verifier(
    verifier: *mut sceau_verifier,
    body: impl FnOnce(&mut Verifier) -> sceau_result,
) -> sceau_result {
    panic_boundary(|| {
        // SAFETY: the caller promises NULL or a live, unshared handle.
        match unsafe { verifier.as_mut() } {
            Some(v) => body(&mut v.verifier),
            None => sceau_result::NullParameter,
        }
    })
}

/// Changes one option of the verifier behind `verifier`.
///
/// # Safety
/// As `with_verifier`.
unsafe fn set_option(
    verifier: *mut sceau_verifier,
    set: impl FnOnce(&mut VerifyOptions),
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe {
        with_verifier(verifier, |v| {
            set(&mut v.options);
            sceau_result::Ok
        })
    }
}

/// Adds the bytes given (PEM bundle or one DER object) with `add`.
///
/// # Safety
/// As `with_verifier`; `data` must point to `len` readable bytes.
unsafe fn add_input(
    verifier: *mut sceau_verifier,
    data: *const u8,
    len: usize,
    add: impl FnOnce(&mut Verifier, &[u8]) -> crate::Result<usize>,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe {
        with_verifier(verifier, |v| {
            // SAFETY: the caller promises `len` readable bytes at `data` when non-NULL.
            let Some(bytes) = optional_bytes(data, len) else {
                return sceau_result::NullParameter;
            };
            match add(v, bytes) {
                Ok(_) => sceau_result::Ok,
                Err(e) => fail(&e),
            }
        })
    }
}

/// Trusts the certificates in `data` (`len` bytes: a PEM bundle or one DER certificate).
///
/// # Safety
/// `verifier` must be a live handle; `data` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_add_anchors(
    verifier: *mut sceau_verifier,
    data: *const u8,
    len: usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { add_input(verifier, data, len, Verifier::add_anchors) }
}

/// Adds intermediates paths may use.
///
/// # Safety
/// As `sceau_verifier_add_anchors`.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_add_intermediates(
    verifier: *mut sceau_verifier,
    data: *const u8,
    len: usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { add_input(verifier, data, len, Verifier::add_intermediates) }
}

/// Adds CRLs (PEM bundle or one DER CRL).
///
/// # Safety
/// As `sceau_verifier_add_anchors`.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_add_crls(
    verifier: *mut sceau_verifier,
    data: *const u8,
    len: usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { add_input(verifier, data, len, Verifier::add_crls) }
}

/// Adds OCSP responses (PEM blocks `OCSP RESPONSE` or one DER response).
///
/// # Safety
/// As `sceau_verifier_add_anchors`.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_add_ocsp(
    verifier: *mut sceau_verifier,
    data: *const u8,
    len: usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { add_input(verifier, data, len, Verifier::add_ocsp) }
}

/// Sets the DNS name or IP address the leaf must carry; NULL removes the name check.
///
/// # Safety
/// `verifier` must be a live handle; `name` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_set_name(
    verifier: *mut sceau_verifier,
    name: *const c_char,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe {
        with_verifier(verifier, |v| {
            // SAFETY: forwarded caller contract.
            match optional_str(name, "name") {
                Ok(name) => {
                    v.options.name = name.map(str::to_string);
                    sceau_result::Ok
                }
                Err(result) => result,
            }
        })
    }
}

/// Sets the validation time (seconds since 1970-01-01 UTC).
///
/// # Safety
/// `verifier` must be a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_set_time(
    verifier: *mut sceau_verifier,
    time_unix: u64,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { set_option(verifier, |o| o.time = time_of(time_unix)) }
}

/// Sets the revocation policy: `required`, `best-effort` or `off`.
///
/// # Safety
/// `verifier` must be a live handle; `policy` NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_set_revocation(
    verifier: *mut sceau_verifier,
    policy: *const c_char,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe {
        with_verifier(verifier, |v| {
            // SAFETY: forwarded caller contract.
            let text = match optional_str(policy, "policy") {
                Ok(Some(text)) => text,
                Ok(None) => return sceau_result::NullParameter,
                Err(result) => return result,
            };
            match text.parse::<RevocationPolicy>() {
                Ok(policy) => {
                    v.options.revocation = policy;
                    sceau_result::Ok
                }
                Err(detail) => fail_with(sceau_result::InvalidArgument, &detail),
            }
        })
    }
}

/// Lets the subject CN stand in for a missing DNS subjectAltName (off by default).
///
/// # Safety
/// `verifier` must be a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_set_cn_fallback(
    verifier: *mut sceau_verifier,
    allowed: bool,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { set_option(verifier, |o| o.cn_fallback = allowed) }
}

/// Sets the most intermediates a path may have (6 by default).
///
/// # Safety
/// `verifier` must be a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_set_max_depth(
    verifier: *mut sceau_verifier,
    max_intermediates: usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { set_option(verifier, |o| o.max_depth = max_intermediates) }
}

/// Verifies the chain in `chain` (`len` bytes; leaf first) and writes the report to
/// `report_out` (free it with `sceau_report_free`). An invalid chain is still
/// `SCEAU_RESULT_OK` with a rejected verdict; unreadable input is an error result.
///
/// # Safety
/// `verifier` must be a live handle; `chain` must point to `len` readable bytes;
/// `report_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_verify(
    verifier: *const sceau_verifier,
    chain: *const u8,
    len: usize,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    panic_boundary(|| {
        if report_out.is_null() || chain.is_null() {
            return sceau_result::NullParameter;
        }
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *report_out = std::ptr::null_mut() };
        // SAFETY: the caller promises NULL or a live handle.
        let Some(v) = (unsafe { verifier.as_ref() }) else {
            return sceau_result::NullParameter;
        };
        // SAFETY: non-NULL, and the caller promises `len` readable bytes.
        let bytes = unsafe { std::slice::from_raw_parts(chain, len) };
        // SAFETY: checked non-NULL above.
        unsafe { emit(v.verifier.verify(bytes), report_out) }
    })
}

/// Frees a verifier. NULL is ignored.
///
/// # Safety
/// `verifier` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_free(verifier: *mut sceau_verifier) {
    let _ = std::panic::catch_unwind(|| {
        if !verifier.is_null() {
            // SAFETY: the handle came from Box::into_raw in sceau and is freed once.
            drop(unsafe { Box::from_raw(verifier) });
        }
    });
}
