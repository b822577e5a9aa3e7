//! Chain verification from C: a verifier built step by step (anchors, intermediates, CRLs,
//! OCSP responses, options), then used for as many chains as needed.

use std::ffi::c_char;

use crate::chain::options::{Limit, VerifyOptions};
use crate::chain::verifier::Verifier;
use crate::error::Result;
use crate::ffi::report::{emit, sceau_report};
use crate::ffi::result::{fail, fail_with, free_handle, sceau_result, time_of};
use crate::revocation::policy::RevocationPolicy;
use crate::usage::Usage;

/// A chain verifier. Opaque; make it with `sceau_verifier_new` (or a Diapason preset), add
/// anchors and evidence, set options, verify chains, free it with `sceau_verifier_free`.
pub struct sceau_verifier {
    pub(crate) verifier: Verifier,
}

/// Hands out a new verifier handle.
fn hand_out(verifier: Verifier, out: &mut *mut sceau_verifier) -> sceau_result {
    *out = Box::into_raw(Box::new(sceau_verifier { verifier }));
    sceau_result::Ok
}

/// Adds the material in `bytes` with `add`; the library's error becomes the result.
fn add(
    verifier: &mut sceau_verifier,
    bytes: &[u8],
    add: fn(&mut Verifier, &[u8]) -> Result<usize>,
) -> sceau_result {
    match add(&mut verifier.verifier, bytes) {
        Ok(_) => sceau_result::Ok,
        Err(e) => fail(&e),
    }
}

/// Writes a new verifier to `verifier_out` for `usage` (`tls-server` or `server`, `client`,
/// `client-email`, `code-signing`, `email` or `any`; NULL means `tls-server`) at `time_unix`
/// (seconds since 1970-01-01 UTC; the library never reads the clock). Revocation is required
/// until `sceau_verifier_set_revocation` says otherwise.
///
/// # Safety
/// `usage` must be NULL or NUL-terminated; `verifier_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_new(
    usage: *const c_char,
    time_unix: u64,
    verifier_out: *mut *mut sceau_verifier,
) -> sceau_result {
    ffi_boundary! {
        let out = try_out!(verifier_out);
        let usage: Usage = match try_str!(optional usage).unwrap_or("tls-server").parse() {
            Ok(usage) => usage,
            Err(detail) => return fail_with(sceau_result::InvalidArgument, &detail),
        };
        let options = VerifyOptions::new(usage, time_of(time_unix));
        hand_out(Verifier::new("verify", options), out)
    }
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
    ffi_boundary! {
        hand_out(crate::diapason::client_verifier(time_of(time_unix)), try_out!(verifier_out))
    }
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
    ffi_boundary! {
        let out = try_out!(verifier_out);
        let verifier = crate::diapason::server_verifier(time_of(time_unix), try_str!(fqdn));
        hand_out(verifier, out)
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
    ffi_boundary! { add(try_mut!(verifier), try_slice!(data, len), Verifier::add_anchors) }
}

/// Adds intermediates paths may use.
///
/// # Safety
/// As `sceau_verifier_add_anchors`.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_add_intermediates(
    verifier: *mut sceau_verifier,
    intermediates: *const u8,
    len: usize,
) -> sceau_result {
    ffi_boundary! {
        let bytes = try_slice!(intermediates, len);
        add(try_mut!(verifier), bytes, Verifier::add_intermediates)
    }
}

/// Adds CRLs (PEM bundle or one DER CRL).
///
/// # Safety
/// As `sceau_verifier_add_anchors`.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_add_crls(
    verifier: *mut sceau_verifier,
    crls: *const u8,
    len: usize,
) -> sceau_result {
    ffi_boundary! {
        let target = try_mut!(verifier);
        add(target, try_slice!(crls, len), Verifier::add_crls)
    }
}

/// Adds OCSP responses (PEM blocks `OCSP RESPONSE` or one DER response).
///
/// # Safety
/// As `sceau_verifier_add_anchors`.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_add_ocsp(
    verifier: *mut sceau_verifier,
    responses: *const u8,
    len: usize,
) -> sceau_result {
    ffi_boundary! {
        let (target, bytes) = (try_mut!(verifier), try_slice!(responses, len));
        add(target, bytes, Verifier::add_ocsp)
    }
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
    ffi_boundary! {
        try_mut!(verifier).verifier.options.name = try_str!(optional name).map(str::to_string);
        sceau_result::Ok
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
    ffi_boundary! {
        try_mut!(verifier).verifier.options.time = time_of(time_unix);
        sceau_result::Ok
    }
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
    ffi_boundary! {
        let target = try_mut!(verifier);
        match try_str!(policy).parse::<RevocationPolicy>() {
            Ok(policy) => {
                target.verifier.options.revocation = policy;
                sceau_result::Ok
            }
            Err(detail) => fail_with(sceau_result::InvalidArgument, &detail),
        }
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
    ffi_boundary! {
        let options = &mut try_mut!(verifier).verifier.options;
        options.cn_fallback = allowed;
        sceau_result::Ok
    }
}

/// Sets how old revocation evidence may be, in seconds, whatever its nextUpdate says; 0 goes
/// back to the default (evidence lacking a nextUpdate is stale 7 days after its thisUpdate).
///
/// # Safety
/// `verifier` must be a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_set_max_age(
    verifier: *mut sceau_verifier,
    seconds: u64,
) -> sceau_result {
    ffi_boundary! {
        let freshness = &mut try_mut!(verifier).verifier.options.freshness;
        freshness.max_age = (seconds > 0).then_some(seconds);
        sceau_result::Ok
    }
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
    ffi_boundary! {
        let target = &mut try_mut!(verifier).verifier;
        target.options.max_depth = max_intermediates;
        sceau_result::Ok
    }
}

/// The bounds a verifier puts on its work, for `sceau_verifier_set_limit` (passed as a plain
/// integer: an unknown value is `SCEAU_RESULT_INVALID_ARGUMENT`, never undefined behaviour).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sceau_limit {
    /// Certificates in one chain (default 64).
    ChainCertificates = 1,
    /// Distinct configured intermediates (default 10,000).
    Intermediates = 2,
    /// Distinct trust anchors (default 10,000).
    Anchors = 3,
    /// Distinct CRLs (default 1,000).
    Crls = 4,
    /// Distinct OCSP responses (default 10,000).
    OcspResponses = 5,
    /// Candidate paths judged in one verification (default 32).
    PathAttempts = 6,
}

/// The limit a C integer names, if any.
fn limit_of(value: u32) -> Option<Limit> {
    let limit = match value {
        v if v == sceau_limit::ChainCertificates as u32 => Limit::ChainCertificates,
        v if v == sceau_limit::Intermediates as u32 => Limit::Intermediates,
        v if v == sceau_limit::Anchors as u32 => Limit::Anchors,
        v if v == sceau_limit::Crls as u32 => Limit::Crls,
        v if v == sceau_limit::OcspResponses as u32 => Limit::OcspResponses,
        v if v == sceau_limit::PathAttempts as u32 => Limit::PathAttempts,
        _ => return None,
    };
    Some(limit)
}

/// Sets one of the verifier's limits (`limit`: a `sceau_limit` value) to `value`. Set limits
/// before adding material: anchors, intermediates, CRLs and responses are counted as they are
/// added, and an addition past a limit is `SCEAU_RESULT_LIMIT_EXCEEDED`.
///
/// # Safety
/// `verifier` must be a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_set_limit(
    verifier: *mut sceau_verifier,
    limit: u32,
    value: usize,
) -> sceau_result {
    ffi_boundary! {
        let target = &mut try_mut!(verifier).verifier;
        let Some(limit) = limit_of(limit) else {
            return fail_with(
                sceau_result::InvalidArgument,
                &format!("{limit} is not a sceau_limit value (1 to 6)"),
            );
        };
        target.options.limits.set(limit, value);
        sceau_result::Ok
    }
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
    ffi_boundary! {
        let out = try_out!(report_out);
        let bytes = try_slice!(chain, len);
        emit(try_ref!(verifier).verifier.verify(bytes), out)
    }
}

/// Frees a verifier. NULL is ignored.
///
/// # Safety
/// `verifier` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_verifier_free(verifier: *mut sceau_verifier) {
    // SAFETY: forwarded caller contract.
    ffi_boundary! { unsafe { free_handle(verifier) } }
}
