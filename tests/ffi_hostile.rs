//! The C ABI called as C calls it (the exported symbols, declared here as a header would):
//! what a C caller reads back, byte for byte.

use std::ffi::{c_char, c_void, CStr};

extern crate sceau;

const OK: u32 = 7000;
const NULL_PARAMETER: u32 = 7001;
const INVALID_ARGUMENT: u32 = 7003;

extern "C" {
    fn sceau_csr_check(
        input: *const u8,
        input_len: usize,
        profile: *const c_char,
        catalog: *const c_void,
        time_unix: u64,
        report_out: *mut *mut c_void,
    ) -> u32;
    fn sceau_report_text(
        report: *const c_void,
        lang: u32,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_findings_len(report: *const c_void) -> usize;
    fn sceau_report_finding_message(
        report: *const c_void,
        index: usize,
        lang: u32,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_free(report: *mut c_void);
    fn sceau_last_error_message(buf: *mut c_char, len: usize, out_n: *mut usize) -> u32;
    fn sceau_policy_new(
        profile: *const c_char,
        catalog: *const c_void,
        policy_out: *mut *mut c_void,
    ) -> u32;
    fn sceau_policy_set_authorized_domains(
        policy: *mut c_void,
        patterns: *const *const c_char,
        count: usize,
    ) -> u32;
    fn sceau_policy_free(policy: *mut c_void);
    fn sceau_cert_check_many(
        inputs: *const *const u8,
        lens: *const usize,
        count: usize,
        profile: *const c_char,
        catalog: *const c_void,
        jobs: u32,
        reports_out: *mut *mut c_void,
        results_out: *mut u32,
    ) -> u32;
    fn sceau_assurance_options_new(time_unix: u64, options_out: *mut *mut c_void) -> u32;
    fn sceau_assurance_options_set_context(
        options: *mut c_void,
        auth_factors: u32,
        device: *const c_char,
        identity_loa: u32,
    ) -> u32;
    fn sceau_assurance_options_set_targets(
        options: *mut c_void,
        target_loa: u32,
        target_eidas: *const c_char,
    ) -> u32;
    fn sceau_assurance_options_free(options: *mut c_void);
}

fn last_error() -> String {
    let mut buf = vec![0 as c_char; 4096];
    assert_eq!(
        unsafe { sceau_last_error_message(buf.as_mut_ptr(), buf.len(), std::ptr::null_mut()) },
        OK
    );
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// What a C caller gets from a text function: the length it is told, and the C string.
fn c_text(write: impl Fn(*mut c_char, usize, *mut usize) -> u32) -> (usize, String) {
    let mut buf = vec![0 as c_char; 1 << 16];
    let mut told = 0usize;
    assert_eq!(write(buf.as_mut_ptr(), buf.len(), &mut told), OK);
    let text = unsafe { CStr::from_ptr(buf.as_ptr()) };
    (told, text.to_string_lossy().into_owned())
}

/// A CSR whose subject CN is `cn` (a UTF8String, so any character may be in it).
fn csr_with_cn(cn: &str) -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(
        rcgen::DnType::CommonName,
        rcgen::DnValue::Utf8String(cn.into()),
    );
    params.distinguished_name = dn;
    params.serialize_request(&key).unwrap().der().to_vec()
}

/// Text handed to C is one C string, as long as `out_n` says: a NUL inside a certificate's
/// name must not end it. Before, the subject `CN=www.banque.fr\0.evil.example` read as
/// `CN=www.banque.fr` in C, and every line after it (the findings) was gone.
#[test]
fn text_with_a_nul_from_the_input_is_one_c_string() {
    let der = csr_with_cn("www.banque.fr\0.evil.example");
    let mut report = std::ptr::null_mut();
    let checked = unsafe {
        sceau_csr_check(
            der.as_ptr(),
            der.len(),
            std::ptr::null(),
            std::ptr::null(),
            1_796_083_200,
            &mut report,
        )
    };
    assert_eq!(checked, OK);
    let (told, text) = c_text(|b, l, n| unsafe { sceau_report_text(report, 0, b, l, n) });
    assert_eq!(
        told,
        text.len(),
        "out_n {told}, strlen {}: {text:?}",
        text.len()
    );
    assert!(text.contains(".evil.example"), "{text:?}");
    for index in 0..unsafe { sceau_report_findings_len(report) } {
        let (told, text) =
            c_text(|b, l, n| unsafe { sceau_report_finding_message(report, index, 0, b, l, n) });
        assert_eq!(told, text.len(), "finding {index}: out_n {told}: {text:?}");
    }
    unsafe { sceau_report_free(report) };
}

/// A pattern that is not UTF-8 is named by its index, as a NULL one is.
#[test]
fn a_pattern_that_is_not_utf8_is_named_by_its_index() {
    let mut policy = std::ptr::null_mut();
    assert_eq!(
        unsafe { sceau_policy_new(c"ssl-serveur".as_ptr(), std::ptr::null(), &mut policy) },
        OK
    );
    let patterns = [
        c"*ch-ville.fr".as_ptr(),
        c"*ch-bourg.fr".as_ptr(),
        c"\xff\xfe".as_ptr(),
    ];
    let result = unsafe { sceau_policy_set_authorized_domains(policy, patterns.as_ptr(), 3) };
    let message = last_error();
    unsafe { sceau_policy_free(policy) };
    assert_eq!(result, INVALID_ARGUMENT);
    assert!(message.contains("patterns[2] is not UTF-8"), "{message}");
}

/// A batch that does not run leaves every report NULL, as every other function leaves its
/// out-parameter NULL on failure: a caller that frees what it was given must not free what
/// its array held before.
#[test]
fn a_batch_that_fails_leaves_its_reports_null() {
    let sentinel = 1usize as *mut c_void;
    let cert = b"not a certificate";
    let inputs = [cert.as_ptr(), cert.as_ptr()];
    let lens = [cert.len(), cert.len()];
    let profiles = [c"no-such-profile".as_ptr(), c"\xff".as_ptr()];
    for profile in profiles {
        let mut reports = [sentinel, sentinel];
        let mut results = [OK, OK];
        let result = unsafe {
            sceau_cert_check_many(
                inputs.as_ptr(),
                lens.as_ptr(),
                2,
                profile,
                std::ptr::null(),
                1,
                reports.as_mut_ptr(),
                results.as_mut_ptr(),
            )
        };
        assert_ne!(result, OK);
        assert_eq!(reports, [std::ptr::null_mut(); 2], "result {result}");
    }
    let holed = [cert.as_ptr(), std::ptr::null()];
    let mut reports = [sentinel, sentinel];
    let mut results = [OK, OK];
    let result = unsafe {
        sceau_cert_check_many(
            holed.as_ptr(),
            lens.as_ptr(),
            2,
            std::ptr::null(),
            std::ptr::null(),
            1,
            reports.as_mut_ptr(),
            results.as_mut_ptr(),
        )
    };
    assert_eq!(result, NULL_PARAMETER);
    assert_eq!(reports, [std::ptr::null_mut(); 2]);
}

/// The levels of assurance are judged by the library (`AssuranceOptions::set_identity_loa`,
/// `set_target_loa`), not by a range of the C layer's own: the refusal is the library's.
#[test]
fn levels_of_assurance_are_refused_by_the_library() {
    let mut options = std::ptr::null_mut();
    assert_eq!(unsafe { sceau_assurance_options_new(0, &mut options) }, OK);
    let context = unsafe { sceau_assurance_options_set_context(options, 2, std::ptr::null(), 5) };
    let context_message = last_error();
    let targets = unsafe { sceau_assurance_options_set_targets(options, 9, std::ptr::null()) };
    let targets_message = last_error();
    unsafe { sceau_assurance_options_free(options) };
    let mut library = sceau::AssuranceOptions::new(rustls_pki_types::UnixTime::now());
    let identity = library.set_identity_loa(Some(5)).unwrap_err();
    let target = library.set_target_loa(Some(9)).unwrap_err();
    assert_eq!(context, INVALID_ARGUMENT);
    assert_eq!(targets, INVALID_ARGUMENT);
    assert!(
        context_message.ends_with(&identity),
        "{context_message} / {identity}"
    );
    assert!(
        targets_message.ends_with(&target),
        "{targets_message} / {target}"
    );
}
