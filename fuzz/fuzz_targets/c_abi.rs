//! The C entry points as a C caller reaches them (through their symbols), with arbitrary
//! integers for every enum and length argument and arbitrary bytes and strings: a result
//! code and a message for every value, never undefined behaviour or a crash.
#![no_main]

use std::ffi::{c_char, CString};

use libfuzzer_sys::fuzz_target;
// The symbols below are in the sceau crate: link it although no Rust item of it is named.
use sceau as _;

/// Opaque handles, as C sees them.
type Handle = *mut core::ffi::c_void;

unsafe extern "C" {
    fn sceau_result_message(result: u32, buf: *mut c_char, len: usize, out_n: *mut usize) -> u32;
    fn sceau_last_error_message(buf: *mut c_char, len: usize, out_n: *mut usize) -> u32;
    fn sceau_csr_check(
        input: *const u8,
        len: usize,
        profile: *const c_char,
        catalog: Handle,
        time: u64,
        out: *mut Handle,
    ) -> u32;
    fn sceau_cert_check(
        input: *const u8,
        len: usize,
        profile: *const c_char,
        catalog: Handle,
        out: *mut Handle,
    ) -> u32;
    fn sceau_expiry(
        input: *const u8,
        len: usize,
        profile: *const c_char,
        catalog: Handle,
        time: u64,
        out: *mut Handle,
    ) -> u32;
    fn sceau_quote(
        profile: *const c_char,
        catalog: Handle,
        years: u32,
        names: u32,
        replacement: bool,
        out: *mut Handle,
    ) -> u32;
    fn sceau_report_findings_len(report: Handle) -> usize;
    fn sceau_report_finding_severity(report: Handle, index: usize, out: *mut u32) -> u32;
    fn sceau_report_finding_code(
        report: Handle,
        index: usize,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_json(
        report: Handle,
        lang: u32,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_text(
        report: Handle,
        lang: u32,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_finding_field(
        report: Handle,
        index: usize,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_finding_message(
        report: Handle,
        index: usize,
        lang: u32,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_finding_source(
        report: Handle,
        index: usize,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_profile(report: Handle, buf: *mut c_char, len: usize, out_n: *mut usize)
        -> u32;
    fn sceau_report_facts_json(
        report: Handle,
        lang: u32,
        buf: *mut c_char,
        len: usize,
        out_n: *mut usize,
    ) -> u32;
    fn sceau_report_free(report: Handle);
    fn sceau_policy_new(profile: *const c_char, catalog: Handle, out: *mut Handle) -> u32;
    fn sceau_policy_set_authorized_domains(
        policy: Handle,
        patterns: *const *const c_char,
        count: usize,
    ) -> u32;
    fn sceau_policy_set_rules_at(policy: Handle, time: u64) -> u32;
    fn sceau_policy_free(policy: Handle);
    fn sceau_cert_check_with(input: *const u8, len: usize, policy: Handle, out: *mut Handle)
        -> u32;
    fn sceau_csr_check_with(
        input: *const u8,
        len: usize,
        policy: Handle,
        time: u64,
        out: *mut Handle,
    ) -> u32;
    fn sceau_verifier_new(usage: *const c_char, time: u64, out: *mut Handle) -> u32;
    fn sceau_verifier_set_limit(verifier: Handle, limit: u32, value: usize) -> u32;
    fn sceau_verifier_set_max_depth(verifier: Handle, max: usize) -> u32;
    fn sceau_verifier_set_max_age(verifier: Handle, seconds: u64) -> u32;
    fn sceau_verifier_set_revocation(verifier: Handle, policy: *const c_char) -> u32;
    fn sceau_verifier_add_anchors(verifier: Handle, data: *const u8, len: usize) -> u32;
    fn sceau_verifier_add_crls(verifier: Handle, data: *const u8, len: usize) -> u32;
    fn sceau_verifier_verify(
        verifier: Handle,
        data: *const u8,
        len: usize,
        out: *mut Handle,
    ) -> u32;
    fn sceau_verifier_free(verifier: Handle);
}

const OK: u32 = 7000;
const ROOT: &[u8] = include_bytes!("../../tests/data/chain/ingetrust-root.pem");
const PROFILES: [&str; 6] = [
    "standard",
    "uc",
    "certigna-ssl",
    "ssl-serveur",
    "auto",
    "smime-br",
];

/// Reads integers and strings off the front of the input.
struct Take<'a>(&'a [u8]);

impl Take<'_> {
    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        let n = N.min(self.0.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        out
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.bytes())
    }
    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.bytes())
    }
    /// A length up to `most` (the buffer's real size: a longer one is the caller's UB).
    fn len(&mut self, most: usize) -> usize {
        self.u32() as usize % (most + 1)
    }
    /// A NUL-terminated string: a known profile, or up to 16 arbitrary bytes.
    fn string(&mut self) -> CString {
        let [pick] = self.bytes::<1>();
        if let Some(known) = PROFILES.get(usize::from(pick % 8)) {
            return CString::new(*known).unwrap();
        }
        let raw: [u8; 16] = self.bytes();
        let text: Vec<u8> = raw
            .into_iter()
            .take(usize::from(pick % 17))
            .filter(|b| *b != 0)
            .collect();
        CString::new(text).unwrap()
    }
}

/// Reads every part of a report with arbitrary indexes, languages and lengths.
unsafe fn read_report(report: Handle, take: &mut Take<'_>, buf: &mut [u8]) {
    let mut n = 0usize;
    let cap = buf.len();
    let p = buf.as_mut_ptr().cast::<c_char>();
    unsafe {
        let count = sceau_report_findings_len(report);
        let index = take.u64() as usize % (count + 2);
        let mut severity = 0u32;
        let _ = sceau_report_finding_severity(report, index, &mut severity);
        assert!(severity <= 2);
        let _ = sceau_report_finding_code(report, index, p, take.len(cap), &mut n);
        let lang = take.u32();
        let len = take.len(cap);
        let json = sceau_report_json(report, lang, p, len, &mut n);
        assert!(json != OK || (lang <= 1 && n < len));
        let _ = sceau_report_text(report, take.u32(), p, take.len(cap), &mut n);
        let _ = sceau_report_finding_field(report, index, p, take.len(cap), &mut n);
        let _ = sceau_report_finding_message(report, index, take.u32(), p, take.len(cap), &mut n);
        let _ = sceau_report_finding_source(report, index, p, take.len(cap), &mut n);
        let _ = sceau_report_profile(report, p, take.len(cap), &mut n);
        let len = take.len(cap);
        let facts = sceau_report_facts_json(report, take.u32(), p, len, &mut n);
        assert!(facts != OK || n < len);
    }
}

fuzz_target!(|data: &[u8]| {
    let mut take = Take(data);
    let mut buf = vec![0u8; 4096];
    let cap = buf.len();
    let p = buf.as_mut_ptr().cast::<c_char>();
    let mut n = 0usize;
    unsafe {
        let code = take.u32();
        let answer = sceau_result_message(code, p, take.len(cap), &mut n);
        assert!(answer == OK || n == 0 || answer == 7005);
        let _ = sceau_last_error_message(p, take.len(cap), &mut n);

        let profile = take.string();
        let mut report: Handle = std::ptr::null_mut();
        let (years, names, replacement) = (take.u32(), take.u32(), take.u32() & 1 == 1);
        if sceau_quote(
            profile.as_ptr(),
            std::ptr::null_mut(),
            years,
            names,
            replacement,
            &mut report,
        ) == OK
        {
            read_report(report, &mut take, &mut buf);
            sceau_report_free(report);
        } else {
            assert!(report.is_null());
        }

        let time = take.u64();
        let rest = take.0;
        let len = take.len(rest.len());
        let input = &rest[rest.len() - len..];
        for call in 0..3 {
            let mut report: Handle = std::ptr::null_mut();
            let profile = take.string();
            let result = match call {
                0 => sceau_csr_check(
                    input.as_ptr(),
                    input.len(),
                    profile.as_ptr(),
                    std::ptr::null_mut(),
                    time,
                    &mut report,
                ),
                1 => sceau_cert_check(
                    input.as_ptr(),
                    input.len(),
                    profile.as_ptr(),
                    std::ptr::null_mut(),
                    &mut report,
                ),
                _ => sceau_expiry(
                    input.as_ptr(),
                    input.len(),
                    profile.as_ptr(),
                    std::ptr::null_mut(),
                    time,
                    &mut report,
                ),
            };
            if result == OK {
                read_report(report, &mut take, &mut buf);
                sceau_report_free(report);
            } else {
                assert!(report.is_null());
            }
        }

        // A policy handle with arbitrary domains and rules date, then both checks with it.
        let mut policy: Handle = std::ptr::null_mut();
        let name = take.string();
        if sceau_policy_new(name.as_ptr(), std::ptr::null_mut(), &mut policy) == OK {
            let patterns = [take.string(), take.string()];
            let pointers = [patterns[0].as_ptr(), patterns[1].as_ptr()];
            let count = take.len(2);
            let _ = sceau_policy_set_authorized_domains(policy, pointers.as_ptr(), count);
            let _ = sceau_policy_set_rules_at(policy, take.u64());
            for call in 0..2 {
                let mut report: Handle = std::ptr::null_mut();
                let result = match call {
                    0 => sceau_cert_check_with(input.as_ptr(), input.len(), policy, &mut report),
                    _ => {
                        sceau_csr_check_with(input.as_ptr(), input.len(), policy, time, &mut report)
                    }
                };
                if result == OK {
                    read_report(report, &mut take, &mut buf);
                    sceau_report_free(report);
                } else {
                    assert!(report.is_null());
                }
            }
            sceau_policy_free(policy);
        } else {
            assert!(policy.is_null());
        }

        let mut verifier: Handle = std::ptr::null_mut();
        let usage = take.string();
        if sceau_verifier_new(usage.as_ptr(), time, &mut verifier) != OK {
            assert!(verifier.is_null());
            verifier = std::ptr::null_mut();
            let any = CString::new("any").unwrap();
            assert_eq!(sceau_verifier_new(any.as_ptr(), time, &mut verifier), OK);
        }
        let _ = sceau_verifier_set_limit(verifier, take.u32(), take.u64() as usize % 100);
        let _ = sceau_verifier_set_max_depth(verifier, take.u64() as usize);
        let _ = sceau_verifier_set_max_age(verifier, take.u64());
        let policy = take.string();
        let _ = sceau_verifier_set_revocation(verifier, policy.as_ptr());
        let _ = sceau_verifier_add_anchors(verifier, ROOT.as_ptr(), ROOT.len());
        let _ = sceau_verifier_add_crls(verifier, input.as_ptr(), input.len());
        let mut report: Handle = std::ptr::null_mut();
        if sceau_verifier_verify(verifier, input.as_ptr(), input.len(), &mut report) == OK {
            read_report(report, &mut take, &mut buf);
            sceau_report_free(report);
        } else {
            assert!(report.is_null());
        }
        sceau_verifier_free(verifier);
    }
});
