//! Report handles: verdict, findings, JSON and text rendering, free.

use std::ffi::c_char;

use super::{panic_boundary, sceau_result, write_text};
use crate::{Lang, Report, Severity, Verdict};

/// A report: the outcome of one check. Opaque; free it with `sceau_report_free`.
pub struct sceau_report {
    pub(crate) report: Report,
}

/// The verdict of a report.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sceau_verdict {
    /// No finding of severity error.
    Accepted = 0,
    /// At least one finding of severity error.
    Rejected = 1,
}

/// A message language.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sceau_lang {
    /// English.
    En = 0,
    /// French.
    Fr = 1,
}

impl From<sceau_lang> for Lang {
    fn from(lang: sceau_lang) -> Lang {
        match lang {
            sceau_lang::En => Lang::En,
            sceau_lang::Fr => Lang::Fr,
        }
    }
}

/// Severity of a finding.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sceau_severity {
    /// Worth knowing.
    Notice = 0,
    /// To look at; does not reject.
    Warning = 1,
    /// Rejects.
    Error = 2,
}

/// # Safety
/// `report` must be NULL or a live handle from sceau.
unsafe fn report_ref<'a>(report: *const sceau_report) -> Option<&'a Report> {
    // SAFETY: the caller promises `report` is NULL or a live handle.
    unsafe { report.as_ref() }.map(|r| &r.report)
}

/// The verdict of `report`; `SCEAU_VERDICT_REJECTED` when `report` is NULL (fail closed).
///
/// # Safety
/// `report` must be NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_verdict(report: *const sceau_report) -> sceau_verdict {
    std::panic::catch_unwind(|| {
        // SAFETY: forwarded caller contract.
        match unsafe { report_ref(report) }.map(Report::verdict) {
            Some(Verdict::Accepted) => sceau_verdict::Accepted,
            _ => sceau_verdict::Rejected,
        }
    })
    .unwrap_or(sceau_verdict::Rejected)
}

/// The number of findings in `report` (0 when NULL).
///
/// # Safety
/// `report` must be NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_findings_len(report: *const sceau_report) -> usize {
    // SAFETY: forwarded caller contract.
    std::panic::catch_unwind(|| unsafe { report_ref(report) }.map_or(0, |r| r.findings().len()))
        .unwrap_or(0)
}

/// The severity of finding `index`; writes it to `out`.
///
/// # Safety
/// `report` must be NULL or a live handle; `out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_finding_severity(
    report: *const sceau_report,
    index: usize,
    out: *mut sceau_severity,
) -> sceau_result {
    panic_boundary(|| {
        // SAFETY: forwarded caller contract.
        let Some(report) = (unsafe { report_ref(report) }) else {
            return sceau_result::NullParameter;
        };
        if out.is_null() {
            return sceau_result::NullParameter;
        }
        let Some(finding) = report.findings().get(index) else {
            return super::fail_with(sceau_result::InvalidArgument, "finding index out of range");
        };
        let severity = match finding.severity() {
            Severity::Notice => sceau_severity::Notice,
            Severity::Warning => sceau_severity::Warning,
            Severity::Error => sceau_severity::Error,
        };
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *out = severity };
        sceau_result::Ok
    })
}

/// Writes the stable code of finding `index` (e.g. `key.rsa.too_small`) into `buf`.
///
/// # Safety
/// `report` must be NULL or a live handle; `buf` must point to `len` writable bytes; `out_n`
/// must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_finding_code(
    report: *const sceau_report,
    index: usize,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    panic_boundary(|| {
        // SAFETY: forwarded caller contract.
        let Some(report) = (unsafe { report_ref(report) }) else {
            return sceau_result::NullParameter;
        };
        match report.findings().get(index) {
            // SAFETY: forwarded caller contract.
            Some(finding) => unsafe { write_text(finding.code(), buf, len, out_n) },
            None => super::fail_with(sceau_result::InvalidArgument, "finding index out of range"),
        }
    })
}

/// Writes the JSON form of `report` (schema `sceau.report/1`, messages in `lang`) and a
/// terminating NUL into `buf` of `len` bytes, and its length without the NUL into `out_n`.
/// When `buf` is too small (or NULL), nothing is written to it, `out_n` receives the needed
/// length and the call returns `SCEAU_RESULT_INSUFFICIENT_SIZE`: call again with `out_n + 1`.
///
/// # Safety
/// `report` must be NULL or a live handle; `buf` must point to `len` writable bytes or be NULL;
/// `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_json(
    report: *const sceau_report,
    lang: sceau_lang,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { write_rendering(report, lang, buf, len, out_n, Report::to_json) }
}

/// Writes the text form of `report` (what `sceau csr check` prints) into `buf`, with the same
/// buffer contract as `sceau_report_json`.
///
/// # Safety
/// As `sceau_report_json`.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_text(
    report: *const sceau_report,
    lang: sceau_lang,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    // SAFETY: forwarded caller contract.
    unsafe { write_rendering(report, lang, buf, len, out_n, Report::to_text) }
}

/// Writes `render(report, lang)` into the caller's buffer.
///
/// # Safety
/// As `sceau_report_json`.
unsafe fn write_rendering(
    report: *const sceau_report,
    lang: sceau_lang,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
    render: fn(&Report, Lang) -> String,
) -> sceau_result {
    panic_boundary(|| {
        // SAFETY: forwarded caller contract.
        let Some(report) = (unsafe { report_ref(report) }) else {
            return sceau_result::NullParameter;
        };
        // SAFETY: forwarded caller contract.
        unsafe { write_text(&render(report, lang.into()), buf, len, out_n) }
    })
}

/// Frees a report. NULL is ignored. The handle must not be used afterwards.
///
/// # Safety
/// `report` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_free(report: *mut sceau_report) {
    let _ = std::panic::catch_unwind(|| {
        if !report.is_null() {
            // SAFETY: the handle came from Box::into_raw in sceau and is freed once.
            drop(unsafe { Box::from_raw(report) });
        }
    });
}
