//! Issuance policies from C: a profile read once, with the options of `sceau csr check` and
//! `sceau cert check` (`--authorized-domain`, `--rules-at`), for callers who check many
//! objects against one profile without naming it on every call.

use std::ffi::c_char;

use crate::entry::{check_certificate, check_csr};
use crate::ffi::catalog::{policy_for, sceau_catalog};
use crate::ffi::report::{emit, sceau_report};
use crate::ffi::result::{fail_with, free_handle, optional_str, sceau_result, time_of};
use crate::policy::IssuancePolicy;

/// A profile with its options. Opaque; free it with `sceau_policy_free`. A policy is not
/// changed by the checks that use it: one handle may serve several threads at once as long as
/// none of them sets an option meanwhile.
pub struct sceau_policy {
    pub(crate) policy: IssuancePolicy,
}

/// Makes the policy of `profile` (NULL: `baseline`; a product id, `auto`, `tls-br`,
/// `smime-br`, `cs-br`, `ca-br`, `rfc5280`) in `catalog` (NULL: embedded).
///
/// # Safety
/// `profile` NULL or NUL-terminated; `catalog` NULL or a live handle; `policy_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_policy_new(
    profile: *const c_char,
    catalog: *const sceau_catalog,
    policy_out: *mut *mut sceau_policy,
) -> sceau_result {
    ffi_boundary! {
        let out = try_out!(policy_out);
        // SAFETY: forwarded caller contract.
        let shared = try_result!(unsafe { policy_for(profile, catalog) });
        let policy = IssuancePolicy::clone(&shared);
        *out = Box::into_raw(Box::new(sceau_policy { policy }));
        sceau_result::Ok
    }
}

/// Replaces the domains the requester is authorised for (`--authorized-domain`; IGC-Santé
/// writes them `*ch-ville.fr`) with the `count` NUL-terminated `patterns`. A profile that is
/// no product, or a pattern that names no domain, returns `SCEAU_RESULT_INVALID_ARGUMENT` and
/// leaves the policy as it was.
///
/// # Safety
/// `policy` a live handle used by no other thread meanwhile; `patterns` `count` NUL-terminated
/// strings (NULL when `count` is 0).
#[no_mangle]
pub unsafe extern "C" fn sceau_policy_set_authorized_domains(
    policy: *mut sceau_policy,
    patterns: *const *const c_char,
    count: usize,
) -> sceau_result {
    ffi_boundary! {
        let handle = try_mut!(policy);
        let pointers: &[*const c_char] = match count {
            0 => &[],
            _ => try_slice!(patterns, count),
        };
        let mut owned = Vec::with_capacity(count);
        for (i, &pattern) in pointers.iter().enumerate() {
            // SAFETY: the caller promises NUL-terminated strings.
            match unsafe { optional_str(pattern, &format!("patterns[{i}]")) } {
                Ok(Some(text)) => owned.push(text.to_owned()),
                Ok(None) => {
                    return fail_with(
                        sceau_result::NullParameter,
                        &format!("patterns[{i}] is NULL"),
                    )
                }
                Err(result) => return result,
            }
        }
        let changed = try_lib!(handle.policy.clone().with_authorized_domains(owned));
        handle.policy = changed;
        sceau_result::Ok
    }
}

/// Judges certificates by the rules in force on the day of `time_unix` (seconds since
/// 1970-01-01 UTC) when it is later than their notBefore (`--rules-at`); 0 clears it.
///
/// # Safety
/// `policy` a live handle used by no other thread meanwhile.
#[no_mangle]
pub unsafe extern "C" fn sceau_policy_set_rules_at(
    policy: *mut sceau_policy,
    time_unix: u64,
) -> sceau_result {
    ffi_boundary! {
        let handle = try_mut!(policy);
        if time_unix == 0 {
            handle.policy.rules_at = None;
            return sceau_result::Ok;
        }
        let day = i64::try_from(time_unix)
            .ok()
            .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok());
        match day {
            Some(day) => {
                handle.policy.rules_at = Some(day.date());
                sceau_result::Ok
            }
            None => fail_with(
                sceau_result::InvalidArgument,
                &format!("time_unix {time_unix} is past the years sceau reads (9999)"),
            ),
        }
    }
}

/// Frees a policy. NULL is ignored.
///
/// # Safety
/// `policy` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_policy_free(policy: *mut sceau_policy) {
    // SAFETY: forwarded caller contract.
    ffi_boundary! { unsafe { free_handle(policy) } }
}

/// Checks the CSR in `input` against `policy` at `time_unix`, as `sceau_csr_check` does.
///
/// # Safety
/// `input` must point to `input_len` readable bytes; `policy` a live handle; `report_out`
/// writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_csr_check_with(
    input: *const u8,
    input_len: usize,
    policy: *const sceau_policy,
    time_unix: u64,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    ffi_boundary! {
        let out = try_out!(report_out);
        let bytes = try_slice!(input, input_len);
        let policy = try_ref!(policy);
        emit(check_csr(bytes, &policy.policy, time_of(time_unix)), out)
    }
}

/// Checks the certificate in `input` against `policy`, as `sceau_cert_check` does.
///
/// # Safety
/// `input` must point to `input_len` readable bytes; `policy` a live handle; `report_out`
/// writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_cert_check_with(
    input: *const u8,
    input_len: usize,
    policy: *const sceau_policy,
    report_out: *mut *mut sceau_report,
) -> sceau_result {
    ffi_boundary! {
        let out = try_out!(report_out);
        let bytes = try_slice!(input, input_len);
        let policy = try_ref!(policy);
        emit(check_certificate(bytes, &policy.policy), out)
    }
}

/// The policy of a handle, for the batch calls, or the result to return for NULL.
///
/// # Safety
/// `policy` NULL or a live handle.
pub(crate) unsafe fn policy_of<'a>(
    policy: *const sceau_policy,
) -> Result<&'a IssuancePolicy, sceau_result> {
    // SAFETY: forwarded caller contract.
    match unsafe { policy.as_ref() } {
        Some(handle) => Ok(&handle.policy),
        None => Err(fail_with(sceau_result::NullParameter, "policy is NULL")),
    }
}
