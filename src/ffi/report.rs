//! Report handles: verdict, findings, JSON and text rendering, free.

use std::borrow::Cow;
use std::ffi::c_char;

use crate::error::Result;
use crate::ffi::boundary::{NullParameterOrDefault, PanicOrDefault};
use crate::ffi::result::{fail_with, free_handle, sceau_result, TextOut};
use crate::lang::Lang;
use crate::report::Report;
use crate::rule::{Severity, Verdict};

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

/// A report that cannot be read is rejected (fail closed).
impl PanicOrDefault for sceau_verdict {
    fn value() -> Self {
        fail_with(sceau_result::Panic, "caught at the C boundary");
        sceau_verdict::Rejected
    }
}

impl NullParameterOrDefault for sceau_verdict {
    fn value(parameter: &str) -> Self {
        fail_with(sceau_result::NullParameter, &format!("{parameter} is NULL"));
        sceau_verdict::Rejected
    }
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

/// The language a C integer names (`SCEAU_LANG_EN`, `SCEAU_LANG_FR`), or the error: C may pass
/// any value, so languages come in as integers.
pub(crate) fn lang_of(lang: u32) -> std::result::Result<Lang, sceau_result> {
    match lang {
        l if l == sceau_lang::En as u32 => Ok(Lang::En),
        l if l == sceau_lang::Fr as u32 => Ok(Lang::Fr),
        other => Err(fail_with(
            sceau_result::InvalidArgument,
            &format!("lang {other} is not a sceau_lang value (SCEAU_LANG_EN 0, SCEAU_LANG_FR 1)"),
        )),
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

impl From<Severity> for sceau_severity {
    fn from(severity: Severity) -> sceau_severity {
        match severity {
            Severity::Notice => sceau_severity::Notice,
            Severity::Warning => sceau_severity::Warning,
            Severity::Error => sceau_severity::Error,
        }
    }
}

/// Writes a new report handle to `out`, or records the error (`out` stays NULL).
pub(crate) fn emit(result: Result<Report>, out: &mut *mut sceau_report) -> sceau_result {
    let report = try_lib!(result);
    *out = Box::into_raw(Box::new(sceau_report { report }));
    sceau_result::Ok
}

/// The verdict of `report`; `SCEAU_VERDICT_REJECTED` when `report` is NULL (fail closed).
///
/// # Safety
/// `report` must be NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_verdict(report: *const sceau_report) -> sceau_verdict {
    ffi_boundary! {
        match try_ref!(report).report.verdict() {
            Verdict::Accepted => sceau_verdict::Accepted,
            Verdict::Rejected => sceau_verdict::Rejected,
        }
    }
}

/// The number of findings in `report` (0 when NULL).
///
/// # Safety
/// `report` must be NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_findings_len(report: *const sceau_report) -> usize {
    ffi_boundary! { try_ref!(report).report.findings().len() }
}

/// The finding at `index`, or the result to return.
fn finding(report: &Report, index: usize) -> Result<&crate::rule::Finding, sceau_result> {
    report
        .findings()
        .get(index)
        .ok_or_else(|| fail_with(sceau_result::InvalidArgument, "finding index out of range"))
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
    ffi_boundary! {
        let out = try_mut!(out);
        // Fail closed: a caller that ignores the result reads a rejecting severity.
        *out = sceau_severity::Error;
        let report = try_ref!(report);
        match finding(&report.report, index) {
            Ok(finding) => {
                *out = finding.severity().into();
                sceau_result::Ok
            }
            Err(result) => result,
        }
    }
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
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        // SAFETY: forwarded caller contract.
        unsafe { finding_text(report, index, out, |f| f.code().into()) }
    }
}

/// Writes one text of finding `index` with the buffer contract of `sceau_report_json`.
///
/// # Safety
/// `report` must be NULL or a live handle.
unsafe fn finding_text(
    report: *const sceau_report,
    index: usize,
    out: TextOut,
    text: impl FnOnce(&crate::rule::Finding) -> Cow<'_, str>,
) -> sceau_result {
    match finding(&try_ref!(report).report, index) {
        Ok(finding) => out.write(&text(finding)),
        Err(result) => result,
    }
}

/// Writes a rendering of the whole report in `lang` with the buffer contract of
/// `sceau_report_json`.
///
/// # Safety
/// `report` must be NULL or a live handle.
unsafe fn rendered(
    report: *const sceau_report,
    lang: u32,
    out: TextOut,
    render: fn(&Report, Lang) -> String,
) -> sceau_result {
    let report = try_ref!(report);
    let lang = try_result!(lang_of(lang));
    out.write(&render(&report.report, lang))
}

/// Writes the field finding `index` is about (a dotted path such as `subject.CN` or
/// `san[2]`; empty for the object as a whole) into `buf`, with the buffer contract of
/// `sceau_report_json`.
///
/// # Safety
/// As `sceau_report_finding_code`.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_finding_field(
    report: *const sceau_report,
    index: usize,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        // SAFETY: forwarded caller contract.
        unsafe { finding_text(report, index, out, |f| f.field().into()) }
    }
}

/// Writes the message of finding `index` in `lang` into `buf`, with the buffer contract of
/// `sceau_report_json`.
///
/// # Safety
/// As `sceau_report_finding_code`.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_finding_message(
    report: *const sceau_report,
    index: usize,
    lang: u32,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        let lang = try_result!(lang_of(lang));
        // SAFETY: forwarded caller contract.
        unsafe { finding_text(report, index, out, |f| f.message(lang).into()) }
    }
}

/// Writes the citation of finding `index`'s rule (e.g. `RFC 5280 §4.2.1.3`) into `buf`, with
/// the buffer contract of `sceau_report_json`.
///
/// # Safety
/// As `sceau_report_finding_code`.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_finding_source(
    report: *const sceau_report,
    index: usize,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        // SAFETY: forwarded caller contract.
        unsafe { finding_text(report, index, out, |f| f.rule().source.into()) }
    }
}

/// Writes the profile `report` was checked against (for `auto`, the one chosen, e.g.
/// `tls-br`) into `buf`, with the buffer contract of `sceau_report_json`.
///
/// # Safety
/// `report` must be NULL or a live handle; `buf` must point to `len` writable bytes or be NULL;
/// `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_profile(
    report: *const sceau_report,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        out.write(try_ref!(report).report.profile())
    }
}

/// Writes the facts of `report` alone as JSON (the `facts` member of `sceau_report_json`,
/// texts in `lang`) into `buf`, with the buffer contract of `sceau_report_json`.
///
/// # Safety
/// As `sceau_report_json`.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_facts_json(
    report: *const sceau_report,
    lang: u32,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        // SAFETY: forwarded caller contract.
        unsafe { rendered(report, lang, out, crate::render::facts_json) }
    }
}

/// Writes the JSON form of `report` (schema `sceau.report/1`, messages in `lang`) and a
/// terminating NUL into `buf` of `len` bytes, and its length without the NUL into `out_n`.
/// When `buf` is too small (or NULL), nothing is written to it, `out_n` receives the needed
/// length and the call returns `SCEAU_RESULT_INSUFFICIENT_SIZE`: call again with `out_n + 1`.
/// A NUL inside any text this API writes (a finding's message may quote a name holding one)
/// is written `\u{0}`, as the text report writes every control character: what is written is
/// one C string of `out_n` bytes.
///
/// # Safety
/// `report` must be NULL or a live handle; `buf` must point to `len` writable bytes or be NULL;
/// `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_json(
    report: *const sceau_report,
    lang: u32,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        // SAFETY: forwarded caller contract.
        unsafe { rendered(report, lang, out, Report::to_json) }
    }
}

/// Writes the text form of `report` (what `sceau csr check` prints) into `buf`, with the same
/// buffer contract as `sceau_report_json`.
///
/// # Safety
/// As `sceau_report_json`.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_text(
    report: *const sceau_report,
    lang: u32,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        // SAFETY: forwarded caller contract.
        unsafe { rendered(report, lang, out, Report::to_text) }
    }
}

/// Frees a report. NULL is ignored. The handle must not be used afterwards.
///
/// # Safety
/// `report` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_report_free(report: *mut sceau_report) {
    // SAFETY: forwarded caller contract.
    ffi_boundary! { unsafe { free_handle(report) } }
}
