//! A certificate check through the C ABI next to the same check as a Rust call, in the same
//! run on the same certificate (the openssl-made RSA-2048 DV certificate and a P-256 one): by
//! profile name (`sceau_cert_check`, which looks the profile up on every call) and with a
//! policy handle (`sceau_cert_check_with`). The bar: the C ABI within 1.05× of the Rust call.
//! Run: `cargo bench --bench c_abi`.

use std::ffi::{c_char, c_void};

use divan::black_box;
use sceau::{Catalog, IssuancePolicy, Verdict};

fn main() {
    divan::main();
}

// The exported symbols of the library, declared as a C caller's header does (opaque handles
// as void, results and verdicts as the integers the header gives).
extern "C" {
    fn sceau_cert_check(
        input: *const u8,
        input_len: usize,
        profile: *const c_char,
        catalog: *const c_void,
        report_out: *mut *mut c_void,
    ) -> u32;
    fn sceau_policy_new(
        profile: *const c_char,
        catalog: *const c_void,
        policy_out: *mut *mut c_void,
    ) -> u32;
    fn sceau_policy_free(policy: *mut c_void);
    fn sceau_cert_check_with(
        input: *const u8,
        input_len: usize,
        policy: *const c_void,
        report_out: *mut *mut c_void,
    ) -> u32;
    fn sceau_report_verdict(report: *const c_void) -> u32;
    fn sceau_report_free(report: *mut c_void);
}

const OK: u32 = 7000;
const RSA_PEM: &[u8] = include_bytes!("data/tls-rsa2048.pem");

fn rsa_der() -> Vec<u8> {
    sceau::decode(RSA_PEM, sceau::ObjectKind::Certificate)
        .unwrap()
        .der
        .into_owned()
}

fn p256_der() -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params =
        rcgen::CertificateParams::new(vec!["www.exemple.fr".to_string(), "exemple.fr".to_string()])
            .unwrap();
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
    params.self_signed(&key).unwrap().der().to_vec()
}

fn input(kind: &str) -> Vec<u8> {
    match kind {
        "rsa2048" => rsa_der(),
        _ => p256_der(),
    }
}

const KINDS: [&str; 2] = ["rsa2048", "p256"];

/// The Rust call: policy made once, report's verdict read, report dropped.
#[divan::bench(args = KINDS, sample_count = 300)]
fn rust(bencher: divan::Bencher, kind: &str) {
    let der = input(kind);
    let policy = IssuancePolicy::from_catalog(&Catalog::embedded(), "standard").unwrap();
    bencher.bench(|| {
        let report = sceau::check_certificate(black_box(&der), &policy).unwrap();
        report.verdict() == Verdict::Accepted
    });
}

/// Through the C ABI with a policy handle: what a C caller checking many certificates does.
#[divan::bench(args = KINDS, sample_count = 300)]
fn c_with_policy(bencher: divan::Bencher, kind: &str) {
    let der = input(kind);
    let mut policy = std::ptr::null_mut();
    // SAFETY: a NUL-terminated profile, the embedded catalogue, a writable out-parameter.
    assert_eq!(
        unsafe { sceau_policy_new(c"standard".as_ptr(), std::ptr::null(), &mut policy) },
        OK
    );
    // The handle as an address: divan's closure must be Sync, and the policy is read only.
    let policy_address = policy as usize;
    bencher.bench(|| {
        let policy = policy_address as *const c_void;
        let mut report = std::ptr::null_mut();
        let der = black_box(&der);
        // SAFETY: `der` is readable for its length; `policy` is live; `report` writable.
        unsafe {
            assert_eq!(
                sceau_cert_check_with(der.as_ptr(), der.len(), policy, &mut report),
                OK
            );
            let accepted = sceau_report_verdict(report) == 0;
            sceau_report_free(report);
            accepted
        }
    });
    // SAFETY: the handle made above, freed once.
    unsafe { sceau_policy_free(policy) };
}

/// Through the C ABI naming the profile on every call.
#[divan::bench(args = KINDS, sample_count = 300)]
fn c_by_name(bencher: divan::Bencher, kind: &str) {
    let der = input(kind);
    bencher.bench(|| {
        let mut report = std::ptr::null_mut();
        let der = black_box(&der);
        // SAFETY: as above; the profile is NUL-terminated and the catalogue the embedded one.
        unsafe {
            assert_eq!(
                sceau_cert_check(
                    der.as_ptr(),
                    der.len(),
                    c"standard".as_ptr(),
                    std::ptr::null(),
                    &mut report
                ),
                OK
            );
            let accepted = sceau_report_verdict(report) == 0;
            sceau_report_free(report);
            accepted
        }
    });
}
