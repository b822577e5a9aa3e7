//! Many certificates or CSRs from C in one call, checked on every core: one report (or one
//! result code saying why an input could not be read) per input, in input order.

use std::ffi::c_char;

use crate::batch::{Batch, BatchCheck};
use crate::ffi::boundary::{impossible_len, possible_len};
use crate::ffi::catalog::{policy_for, sceau_catalog};
use crate::ffi::policy::{policy_of, sceau_policy};
use crate::ffi::report::sceau_report;
use crate::ffi::result::{fail, fail_with, sceau_result, time_of};
use crate::policy::IssuancePolicy;

/// The `count` inputs of a batch, or the result to return when one pointer is NULL.
///
/// # Safety
/// `inputs` and `lens` must point to `count` entries each (or be NULL when `count` is 0), and
/// each `inputs[i]` to `lens[i]` readable bytes.
unsafe fn inputs_of<'a>(
    inputs: *const *const u8,
    lens: *const usize,
    count: usize,
) -> Result<Vec<&'a [u8]>, sceau_result> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if inputs.is_null() {
        return Err(fail_with(sceau_result::NullParameter, "inputs is NULL"));
    }
    if lens.is_null() {
        return Err(fail_with(sceau_result::NullParameter, "lens is NULL"));
    }
    if !possible_len(inputs, count) {
        return Err(impossible_len("inputs", count));
    }
    // SAFETY: non-NULL, a count some array can have (`usize` is no larger than a pointer), and
    // the caller promises `count` entries.
    let (pointers, lens) = unsafe {
        (
            std::slice::from_raw_parts(inputs, count),
            std::slice::from_raw_parts(lens, count),
        )
    };
    let mut out = Vec::with_capacity(count);
    for (i, (&pointer, &len)) in pointers.iter().zip(lens).enumerate() {
        if pointer.is_null() {
            return Err(fail_with(
                sceau_result::NullParameter,
                &format!("inputs[{i}] is NULL"),
            ));
        }
        if !possible_len(pointer, len) {
            return Err(impossible_len(&format!("inputs[{i}]"), len));
        }
        // SAFETY: non-NULL, a possible length, and the caller promises `len` readable bytes.
        out.push(unsafe { std::slice::from_raw_parts(pointer, len) });
    }
    Ok(out)
}

/// Sets every report to NULL at once, so that they are NULL on every failure, as every other
/// out-parameter is (a caller that frees what it was given must not free what its array held
/// before the call). Nothing is written when the array is NULL or `count` no array can have.
///
/// # Safety
/// `reports_out` NULL or pointing to `count` writable entries.
unsafe fn clear_reports(reports_out: *mut *mut sceau_report, count: usize) {
    if !reports_out.is_null() && count > 0 && possible_len(reports_out, count) {
        // SAFETY: non-NULL, a possible count, and the caller promises `count` writable entries.
        unsafe { std::slice::from_raw_parts_mut(reports_out, count) }.fill(std::ptr::null_mut());
    }
}

/// Runs `check` over the inputs on `jobs` threads (0: one per core) and writes each outcome.
///
/// # Safety
/// As `sceau_cert_check_many`.
unsafe fn run(
    check: BatchCheck,
    inputs: Vec<&[u8]>,
    jobs: u32,
    reports_out: *mut *mut sceau_report,
    results_out: *mut sceau_result,
) -> sceau_result {
    let count = inputs.len();
    if count == 0 {
        return sceau_result::Ok;
    }
    if reports_out.is_null() {
        return fail_with(sceau_result::NullParameter, "reports_out is NULL");
    }
    if results_out.is_null() {
        return fail_with(sceau_result::NullParameter, "results_out is NULL");
    }
    // SAFETY: non-NULL, and the caller promises `count` writable entries in each.
    let (reports, results) = unsafe {
        (
            std::slice::from_raw_parts_mut(reports_out, count),
            std::slice::from_raw_parts_mut(results_out, count),
        )
    };
    reports.fill(std::ptr::null_mut());
    let jobs = (jobs > 0).then(|| usize::try_from(jobs).unwrap_or(usize::MAX));
    let batch = match Batch::new(check, jobs) {
        Ok(batch) => batch,
        Err(error) => return fail(&error),
    };
    let outcomes = batch.run(&inputs);
    for (i, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Ok(report) => {
                results[i] = sceau_result::Ok;
                reports[i] = Box::into_raw(Box::new(sceau_report { report }));
            }
            Err(error) => results[i] = sceau_result::from(&error),
        }
    }
    sceau_result::Ok
}

/// Checks `count` certificates (`inputs[i]`, `lens[i]` bytes each) against `profile` (NULL:
/// `baseline`; `auto` picks a CA/B profile per certificate) of `catalog` (NULL: embedded), on
/// `jobs` threads (0: one per core). For each input, `results_out[i]` is `SCEAU_RESULT_OK`
/// and `reports_out[i]` a report to free with `sceau_report_free`, or `results_out[i]` says
/// why the input could not be read and `reports_out[i]` is NULL. The call returns
/// `SCEAU_RESULT_OK` when the batch ran (whatever each input came to); `count` 0 writes
/// nothing.
///
/// # Safety
/// `inputs` and `lens` must point to `count` entries (each `inputs[i]` to `lens[i]` readable
/// bytes), `reports_out` and `results_out` to `count` writable entries; all may be NULL when
/// `count` is 0. `profile` NULL or NUL-terminated; `catalog` NULL or a live handle.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // C has no tuples: each array comes with its length
pub unsafe extern "C" fn sceau_cert_check_many(
    inputs: *const *const u8,
    lens: *const usize,
    count: usize,
    profile: *const c_char,
    catalog: *const sceau_catalog,
    jobs: u32,
    reports_out: *mut *mut sceau_report,
    results_out: *mut sceau_result,
) -> sceau_result {
    ffi_boundary! {
        // SAFETY: forwarded caller contract.
        unsafe { clear_reports(reports_out, count) };
        // SAFETY: forwarded caller contract.
        let policy = try_result!(unsafe { policy_for(profile, catalog) });
        // SAFETY: forwarded caller contract.
        let inputs = try_result!(unsafe { inputs_of(inputs, lens, count) });
        let check = BatchCheck::Certificates(IssuancePolicy::clone(&policy));
        // SAFETY: forwarded caller contract.
        unsafe { run(check, inputs, jobs, reports_out, results_out) }
    }
}

/// Checks `count` CSRs as `sceau_cert_check_many` checks certificates, at `time_unix`
/// (seconds since 1970-01-01 UTC) as `sceau_csr_check` does.
///
/// # Safety
/// As `sceau_cert_check_many`.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // C has no tuples: each array comes with its length
pub unsafe extern "C" fn sceau_csr_check_many(
    inputs: *const *const u8,
    lens: *const usize,
    count: usize,
    profile: *const c_char,
    catalog: *const sceau_catalog,
    time_unix: u64,
    jobs: u32,
    reports_out: *mut *mut sceau_report,
    results_out: *mut sceau_result,
) -> sceau_result {
    ffi_boundary! {
        // SAFETY: forwarded caller contract.
        unsafe { clear_reports(reports_out, count) };
        // SAFETY: forwarded caller contract.
        let policy = try_result!(unsafe { policy_for(profile, catalog) });
        // SAFETY: forwarded caller contract.
        let inputs = try_result!(unsafe { inputs_of(inputs, lens, count) });
        let check = BatchCheck::Csrs(IssuancePolicy::clone(&policy), time_of(time_unix));
        // SAFETY: forwarded caller contract.
        unsafe { run(check, inputs, jobs, reports_out, results_out) }
    }
}

/// Checks `count` certificates against `policy` (a `sceau_policy_new` handle, with its
/// authorised domains and rules date), as `sceau_cert_check_many` does.
///
/// # Safety
/// As `sceau_cert_check_many`; `policy` a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_cert_check_many_with(
    inputs: *const *const u8,
    lens: *const usize,
    count: usize,
    policy: *const sceau_policy,
    jobs: u32,
    reports_out: *mut *mut sceau_report,
    results_out: *mut sceau_result,
) -> sceau_result {
    ffi_boundary! {
        // SAFETY: forwarded caller contract.
        unsafe { clear_reports(reports_out, count) };
        // SAFETY: forwarded caller contract.
        let policy = try_result!(unsafe { policy_of(policy) }).clone();
        // SAFETY: forwarded caller contract.
        let inputs = try_result!(unsafe { inputs_of(inputs, lens, count) });
        // SAFETY: forwarded caller contract.
        unsafe { run(BatchCheck::Certificates(policy), inputs, jobs, reports_out, results_out) }
    }
}

/// Checks `count` CSRs against `policy` at `time_unix`, as `sceau_csr_check_many` does.
///
/// # Safety
/// As `sceau_cert_check_many`; `policy` a live handle.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // C has no tuples: each array comes with its length
pub unsafe extern "C" fn sceau_csr_check_many_with(
    inputs: *const *const u8,
    lens: *const usize,
    count: usize,
    policy: *const sceau_policy,
    time_unix: u64,
    jobs: u32,
    reports_out: *mut *mut sceau_report,
    results_out: *mut sceau_result,
) -> sceau_result {
    ffi_boundary! {
        // SAFETY: forwarded caller contract.
        unsafe { clear_reports(reports_out, count) };
        // SAFETY: forwarded caller contract.
        let policy = try_result!(unsafe { policy_of(policy) }).clone();
        // SAFETY: forwarded caller contract.
        let inputs = try_result!(unsafe { inputs_of(inputs, lens, count) });
        let check = BatchCheck::Csrs(policy, time_of(time_unix));
        // SAFETY: forwarded caller contract.
        unsafe { run(check, inputs, jobs, reports_out, results_out) }
    }
}
