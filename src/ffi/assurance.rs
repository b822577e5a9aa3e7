//! Signature assurance from C: options built step by step (validation time, algorithm policy,
//! recognised CAs, the declared authentication context, targets), then one call per signature
//! with a verifier that holds the trust anchors and evidence.

use std::ffi::c_char;

use crate::assurance::validation::{AssuranceOptions, AssuranceRequest};
use crate::ffi::report::{emit, sceau_report};
use crate::ffi::result::{fail_with, free_handle, sceau_result, time_of};
use crate::ffi::verifier::sceau_verifier;

/// What a signature is validated against beyond the verifier's material. Opaque; make it with
/// `sceau_assurance_options_new`, free it with `sceau_assurance_options_free`.
pub struct sceau_assurance_options {
    options: AssuranceOptions,
}

/// Applies `change` to a copy of the options, kept only when every part of it was accepted; a
/// refusal (what was given, what was expected) is `SCEAU_RESULT_INVALID_ARGUMENT`.
fn change(
    target: &mut sceau_assurance_options,
    change: impl FnOnce(&mut AssuranceOptions) -> Result<(), String>,
) -> sceau_result {
    let mut options = target.options.clone();
    match change(&mut options) {
        Ok(()) => {
            target.options = options;
            sceau_result::Ok
        }
        Err(detail) => fail_with(sceau_result::InvalidArgument, &detail),
    }
}

/// A level given from C, where 0 means "none": a conversion only, the library judges the
/// level (`AssuranceOptions::set_identity_loa`, `set_target_loa`).
fn level_of(value: u32, what: &str) -> Result<Option<u8>, sceau_result> {
    match value {
        0 => Ok(None),
        _ => u8::try_from(value).map(Some).map_err(|_| {
            fail_with(
                sceau_result::InvalidArgument,
                &format!("{what} {value}: past 255, no level"),
            )
        }),
    }
}

/// Writes new options to `options_out`: validation at `time_unix` (seconds since 1970-01-01
/// UTC), the `etsi` algorithm policy, no recognised CA, nothing declared, no target.
///
/// # Safety
/// `options_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_assurance_options_new(
    time_unix: u64,
    options_out: *mut *mut sceau_assurance_options,
) -> sceau_result {
    ffi_boundary! {
        let out = try_out!(options_out);
        let options = AssuranceOptions::new(time_of(time_unix));
        *out = Box::into_raw(Box::new(sceau_assurance_options { options }));
        sceau_result::Ok
    }
}

/// Selects the algorithm policy: `etsi`, `rgs` or `cse`.
///
/// # Safety
/// `options` must be a live handle; `policy` NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn sceau_assurance_options_set_algorithm_policy(
    options: *mut sceau_assurance_options,
    policy: *const c_char,
) -> sceau_result {
    ffi_boundary! {
        let target = try_mut!(options);
        let policy = try_str!(policy);
        change(target, |options| options.set_algorithm_policy(policy))
    }
}

/// Adds the certificates in `data` (`len` bytes: a PEM bundle or one DER certificate) to the
/// CAs recognised for qualified certificates and LoA 4 (a trusted list's CAs). Without any,
/// no signature reaches AdES-QC, QES or LoA 4.
///
/// # Safety
/// `options` must be a live handle; `data` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn sceau_assurance_options_add_recognised_cas(
    options: *mut sceau_assurance_options,
    data: *const u8,
    len: usize,
) -> sceau_result {
    ffi_boundary! {
        let target = try_mut!(options);
        try_lib!(target.options.add_recognised_cas(try_slice!(data, len)));
        sceau_result::Ok
    }
}

/// Declares the signer's authentication: `auth_factors` (0: not declared), `device`
/// (`software`, `smartcard`, `hsm`; NULL: not declared) and `identity_loa` (1 to 4; 0: not
/// declared). Nothing is changed when an argument is refused.
///
/// # Safety
/// `options` must be a live handle; `device` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn sceau_assurance_options_set_context(
    options: *mut sceau_assurance_options,
    auth_factors: u32,
    device: *const c_char,
    identity_loa: u32,
) -> sceau_result {
    ffi_boundary! {
        let target = try_mut!(options);
        let device = try_str!(optional device);
        let identity_loa = try_result!(level_of(identity_loa, "identity LoA"));
        let Ok(auth_factors) = u8::try_from(auth_factors) else {
            return fail_with(
                sceau_result::InvalidArgument,
                &format!("{auth_factors} authentication factors: expected 0 to 255"),
            );
        };
        change(target, |options| {
            options.context.auth_factors = (auth_factors > 0).then_some(auth_factors);
            options.set_device(device)?;
            options.set_identity_loa(identity_loa)
        })
    }
}

/// Sets the levels wanted: `target_loa` (Government of Canada, 1 to 4; 0: none) and
/// `target_eidas` (`ades`, `ades-qc`, `qes`; NULL: none). A target not met makes the report
/// rejected; with no target, the report is accepted when the indication is TOTAL-PASSED.
/// Nothing is changed when an argument is refused.
///
/// # Safety
/// `options` must be a live handle; `target_eidas` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn sceau_assurance_options_set_targets(
    options: *mut sceau_assurance_options,
    target_loa: u32,
    target_eidas: *const c_char,
) -> sceau_result {
    ffi_boundary! {
        let target = try_mut!(options);
        let eidas = try_str!(optional target_eidas);
        let loa = try_result!(level_of(target_loa, "target LoA"));
        change(target, |options| {
            options.set_target_loa(loa)?;
            options.set_target_eidas(eidas)
        })
    }
}

/// Validates the CMS signature in `signature` (`signature_len` bytes, DER or PEM) with the
/// anchors, intermediates, CRLs and OCSP responses of `verifier` (its usage and time are not
/// used: the validation time is the options'), over `data` (`data_len` bytes; NULL for an
/// enveloping signature), with `timestamps_len` RFC 3161 tokens given beside it
/// (`timestamps[i]` of `timestamp_lens[i]` bytes; both NULL when there are none). Writes the
/// report to `report_out` (free it with `sceau_report_free`): the levels and reasons are its
/// findings and its JSON facts. A signature that fails is still `SCEAU_RESULT_OK`; unreadable
/// input is an error result.
///
/// # Safety
/// `verifier` and `options` must be live handles; every pointer must point to as many readable
/// bytes (or entries) as its length says; `report_out` writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // C has no tuples: each buffer comes with its length
pub unsafe extern "C" fn sceau_assurance_check(
    verifier: *const sceau_verifier,
    options: *const sceau_assurance_options,
    signature: *const u8,
    signature_len: usize,
    data: *const u8,
    data_len: usize,
    timestamps: *const *const u8,
    timestamp_lens: *const usize,
    timestamps_len: usize,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    ffi_boundary! {
        let out = try_out!(report_out);
        let verifier = try_ref!(verifier);
        let options = try_ref!(options);
        let signature = try_slice!(signature, signature_len);
        let data = try_slice!(optional data, data_len);
        let mut tokens = Vec::with_capacity(timestamps_len.min(64));
        if timestamps_len > 0 {
            let pointers = try_slice!(timestamps, timestamps_len);
            let lens = try_slice!(timestamp_lens, timestamps_len);
            for (index, (&token, &len)) in pointers.iter().zip(lens).enumerate() {
                if token.is_null() {
                    return fail_with(
                        sceau_result::NullParameter,
                        &format!("timestamps[{index}] is NULL"),
                    );
                }
                if !crate::ffi::boundary::possible_len(token, len) {
                    let parameter = format!("timestamps[{index}]");
                    return crate::ffi::boundary::impossible_len(&parameter, len);
                }
                // SAFETY: non-NULL, a possible length, and the caller promises `len` readable
                // bytes.
                tokens.push(unsafe { std::slice::from_raw_parts(token, len) });
            }
        }
        let request = AssuranceRequest { signature, data, timestamps: tokens };
        emit(crate::assurance(&verifier.verifier, &request, &options.options), out)
    }
}

/// Frees assurance options. NULL is ignored.
///
/// # Safety
/// `options` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_assurance_options_free(options: *mut sceau_assurance_options) {
    // SAFETY: forwarded caller contract.
    ffi_boundary! { unsafe { free_handle(options) } }
}
