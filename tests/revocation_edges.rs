//! Revocation evidence at its edges: cases where a revoked certificate could pass (serials
//! encoded with a superfluous octet, distribution points limited to some reasons, CRLs issued
//! long after expiry, delegated responders certified with SHA-1 or expired when they signed)
//! and a CRL whose entry carries thousands of extensions.

use std::time::{Duration, Instant};

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, DnType, IsCa,
    KeyIdMethod, KeyUsagePurpose, RevokedCertParams, SerialNumber, SigningKey,
};
use rustls_pki_types::{CertificateDer, UnixTime};
use sceau::{Crl, RevocationPolicy, Usage, Verdict, Verifier, VerifyOptions};

/// 2027-06-01.
fn judged_at() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(1_811_808_000))
}

#[path = "common/big_crl.rs"]
mod big_crl;
use big_crl::tlv_of as tlv;

/// (tag, content, whole TLV) of the element at the start of `der`, and what follows it.
fn read_tlv(der: &[u8]) -> (u8, &[u8], &[u8], &[u8]) {
    let tag = der[0];
    let (len, header) = match der[1] {
        n if n < 0x80 => (n as usize, 2),
        n => {
            let count = (n & 0x7f) as usize;
            let len = der[2..2 + count]
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | b as usize);
            (len, 2 + count)
        }
    };
    let whole = &der[..header + len];
    (tag, &der[header..header + len], whole, &der[header + len..])
}

fn ca() -> (Vec<u8>, rcgen::Issuer<'static, rcgen::KeyPair>) {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "Revue AC");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2030, 1, 1);
    let der = params.self_signed(&key).unwrap().der().to_vec();
    (der, rcgen::Issuer::new(params, key))
}

fn leaf(issuer: &rcgen::Issuer<'static, rcgen::KeyPair>, serial: u64) -> Vec<u8> {
    let mut params = CertificateParams::new(vec!["revue.example".to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2029, 1, 1);
    params.serial_number = Some(SerialNumber::from(serial));
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let key = rcgen::KeyPair::generate().unwrap();
    params.signed_by(&key, issuer).unwrap().der().to_vec()
}

/// `cert` with its serial INTEGER's content replaced by `serial` (any encoding), re-signed by
/// `issuer`'s key.
fn with_raw_serial(
    cert: &[u8],
    serial: &[u8],
    issuer: &rcgen::Issuer<'static, rcgen::KeyPair>,
) -> Vec<u8> {
    let (_, body, _, _) = read_tlv(cert);
    let (_, tbs, _, rest) = read_tlv(body);
    let (_, _, alg, _) = read_tlv(rest);
    let (_, _, version, after_version) = read_tlv(tbs);
    let (serial_tag, _, _, after_serial) = read_tlv(after_version);
    assert_eq!(serial_tag, 0x02);
    let mut new_tbs = version.to_vec();
    new_tbs.extend(tlv(0x02, serial));
    new_tbs.extend_from_slice(after_serial);
    let tbs_der = tlv(0x30, &new_tbs);
    let signature = issuer.key().sign(&tbs_der).unwrap();
    let mut bits = vec![0u8];
    bits.extend(signature);
    let mut out = tbs_der;
    out.extend_from_slice(alg);
    out.extend(tlv(0x03, &bits));
    tlv(0x30, &out)
}

fn crl_revoking(issuer: &rcgen::Issuer<'static, rcgen::KeyPair>, serial: u64) -> Vec<u8> {
    CertificateRevocationListParams {
        this_update: rcgen::date_time_ymd(2027, 5, 1),
        next_update: rcgen::date_time_ymd(2027, 7, 1),
        crl_number: SerialNumber::from(1u64),
        issuing_distribution_point: None,
        revoked_certs: vec![RevokedCertParams {
            serial_number: SerialNumber::from(serial),
            revocation_time: rcgen::date_time_ymd(2027, 2, 1),
            reason_code: Some(rcgen::RevocationReason::KeyCompromise),
            invalidity_date: None,
        }],
        key_identifier_method: KeyIdMethod::Sha256,
    }
    .signed_by(issuer)
    .unwrap()
    .der()
    .to_vec()
}

fn verify(anchor: &[u8], crl: &[u8], chain: &[Vec<u8>]) -> sceau::Report {
    let mut options = VerifyOptions::new(Usage::TlsServer, judged_at());
    options.revocation = RevocationPolicy::Required;
    let mut verifier = Verifier::new("review", options);
    verifier.add_anchors(anchor).unwrap();
    verifier.add_crls(crl).unwrap();
    let chain: Vec<CertificateDer<'static>> = chain
        .iter()
        .map(|c| CertificateDer::from(c.clone()))
        .collect();
    verifier.verify_certificates(&chain, None)
}

/// Control: the CA's own, DER-encoded serial 5 is found revoked.
#[test]
fn a_revoked_serial_is_revoked() {
    let (ca_der, issuer) = ca();
    let leaf = leaf(&issuer, 5);
    let crl = crl_revoking(&issuer, 5);
    let report = verify(&ca_der, &crl, &[leaf]);
    assert!(
        report.has("revocation.revoked"),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// A certificate whose serial 5 is encoded with a superfluous leading zero (`02 02 00 05`, BER
/// but not DER) is accepted by webpki and x509-parser; the CRL lists serial 5 in DER (`02 01
/// 05`), as it must (sceau refuses a CRL that lists `00 05`). The CRL's entry and the
/// certificate's serial are the same number: the certificate is revoked.
#[test]
fn a_serial_with_a_superfluous_leading_zero_is_still_found_revoked() {
    let (ca_der, issuer) = ca();
    let leaf = with_raw_serial(&leaf(&issuer, 5), &[0x00, 0x05], &issuer);
    let crl = crl_revoking(&issuer, 5);
    let report = verify(&ca_der, &crl, &[leaf]);
    assert_ne!(
        report.verdict(),
        Verdict::Accepted,
        "a revoked certificate was accepted: {}",
        report.to_text(sceau::Lang::En)
    );
    assert!(
        report.has("revocation.revoked"),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// The same with a negative serial and a superfluous 0xff (`ff 85` is -123, DER `85`).
#[test]
fn a_negative_serial_with_a_superfluous_ff_is_still_found_revoked() {
    let (ca_der, issuer) = ca();
    let leaf = with_raw_serial(&leaf(&issuer, 5), &[0xff, 0x85], &issuer);
    // The CRL lists the DER form, 0x85 (-123).
    let crl = {
        let der = crl_revoking(&issuer, 0x77);
        // Rewrite entry `02 01 77` into `02 01 85` and re-sign.
        resign_crl_with_serial(&der, &[0x77], &[0x85], &issuer)
    };
    assert!(Crl::from_der(crl.clone())
        .unwrap()
        .lookup(&[0x85])
        .is_some());
    let report = verify(&ca_der, &crl, &[leaf]);
    assert!(
        report.has("revocation.revoked"),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// Replaces the first INTEGER content `from` found as `02 len from` in the CRL's tbs with `to`
/// (same length), and re-signs.
fn resign_crl_with_serial(
    crl: &[u8],
    from: &[u8],
    to: &[u8],
    issuer: &rcgen::Issuer<'static, rcgen::KeyPair>,
) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let (_, body, _, _) = read_tlv(crl);
    let (_, _, tbs_whole, rest) = read_tlv(body);
    let (_, _, alg, _) = read_tlv(rest);
    let mut tbs = tbs_whole.to_vec();
    let mut needle = vec![0x02, from.len() as u8];
    needle.extend_from_slice(from);
    // The entry follows the thisUpdate/nextUpdate: search from the end.
    let at = tbs
        .windows(needle.len())
        .rposition(|w| w == needle.as_slice())
        .unwrap();
    tbs[at + 2..at + 2 + to.len()].copy_from_slice(to);
    let signature = issuer.key().sign(&tbs).unwrap();
    let mut bits = vec![0u8];
    bits.extend(signature);
    let mut out = tbs;
    out.extend_from_slice(alg);
    out.extend(tlv(0x03, &bits));
    tlv(0x30, &out)
}

/// A CRL of one entry carrying `count` distinct (non-critical, unknown) extensions. Nothing is
/// signed: the structure is read before any signature is checked.
fn crl_with_entry_extensions(count: u32) -> Vec<u8> {
    let mut name = Vec::new();
    name.extend(tlv(
        0x31,
        &tlv(
            0x30,
            &[tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0c, b"X")].concat(),
        ),
    ));
    let name = tlv(0x30, &name);
    let alg = tlv(
        0x30,
        &tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]),
    );
    let mut exts = Vec::with_capacity(count as usize * 10);
    for i in 0..count {
        // OID 1.2.a.b.c with a, b, c < 128: distinct for every i < 2^21.
        let oid = [
            0x2a,
            ((i >> 14) & 0x7f) as u8,
            ((i >> 7) & 0x7f) as u8,
            (i & 0x7f) as u8,
        ];
        exts.extend(tlv(0x30, &[tlv(0x06, &oid), tlv(0x04, &[])].concat()));
    }
    let entry = tlv(
        0x30,
        &[
            tlv(0x02, &[0x01]),
            tlv(0x17, b"260301000000Z"),
            tlv(0x30, &exts),
        ]
        .concat(),
    );
    let tbs = tlv(
        0x30,
        &[
            tlv(0x02, &[1]),
            alg.clone(),
            name,
            tlv(0x17, b"260101000000Z"),
            tlv(0x17, b"360101000000Z"),
            tlv(0x30, &entry),
        ]
        .concat(),
    );
    tlv(0x30, &[tbs, alg, tlv(0x03, &[0x00, 0x01])].concat())
}

/// Reading a hostile CRL must take time proportional to its size: a 400 kB CRL whose one
/// entry carries 40,000 distinct extensions is read in well under a second (the million-entry
/// CRL of 49 MB is indexed in about that).
#[test]
fn many_entry_extensions_are_read_in_linear_time() {
    let small = crl_with_entry_extensions(1_000);
    let started = Instant::now();
    Crl::from_der(small).unwrap();
    let small_time = started.elapsed();
    let big = crl_with_entry_extensions(40_000);
    let size = big.len();
    let started = Instant::now();
    Crl::from_der(big).unwrap();
    let big_time = started.elapsed();
    eprintln!("1,000 extensions: {small_time:?}; 40,000 ({size} bytes): {big_time:?}");
    assert!(
        big_time < Duration::from_secs(2),
        "a {size}-byte CRL took {big_time:?} to read"
    );
}

/// The linear check still finds a repeated extension, early or late in a long list.
#[test]
fn a_repeated_entry_extension_is_still_refused() {
    for (count, repeat_of) in [(3u32, 1u32), (20, 1), (20, 17), (40, 30)] {
        let mut crl = crl_with_entry_extensions(count);
        // Make the last extension's OID that of extension `repeat_of`.
        let last = [
            0x2a,
            0,
            ((count - 1) >> 7) as u8 & 0x7f,
            ((count - 1) & 0x7f) as u8,
        ];
        let wanted = [
            0x2a,
            0,
            (repeat_of >> 7) as u8 & 0x7f,
            (repeat_of & 0x7f) as u8,
        ];
        let at = crl.windows(4).rposition(|w| w == last).unwrap();
        crl[at..at + 4].copy_from_slice(&wanted);
        let error = Crl::from_der(crl).unwrap_err().to_string();
        assert!(
            error.contains("appears twice"),
            "{count}/{repeat_of}: {error}"
        );
    }
}

const COMPROMISE_URI: &str = "http://crl.example/compromise.crl";
const OTHER_URI: &str = "http://crl.example/other.crl";

/// A leaf whose cRLDistributionPoints partition the reasons (RFC 5280 §4.2.1.13): keyCompromise
/// and cACompromise at COMPROMISE_URI, every other reason at OTHER_URI (PKITS's onlySomeReasons
/// CA4 does the same with directory names).
fn partitioned_leaf(issuer: &rcgen::Issuer<'static, rcgen::KeyPair>, serial: u64) -> Vec<u8> {
    let point = |uri: &str, reasons: &[u8]| {
        tlv(
            0x30,
            &[
                tlv(0xa0, &tlv(0xa0, &tlv(0x86, uri.as_bytes()))),
                tlv(0x81, reasons),
            ]
            .concat(),
        )
    };
    let points = tlv(
        0x30,
        &[
            // bits 1, 2: keyCompromise, cACompromise.
            point(COMPROMISE_URI, &[0x05, 0x60]),
            // bits 3 to 8: affiliationChanged … aACompromise.
            point(OTHER_URI, &[0x07, 0x1f, 0x80]),
        ]
        .concat(),
    );
    let mut params = CertificateParams::new(vec!["revue.example".to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2029, 1, 1);
    params.serial_number = Some(SerialNumber::from(serial));
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    params
        .custom_extensions
        .push(rcgen::CustomExtension::from_oid_content(
            &[2, 5, 29, 31],
            points,
        ));
    let key = rcgen::KeyPair::generate().unwrap();
    params.signed_by(&key, issuer).unwrap().der().to_vec()
}

/// A CRL whose Issuing Distribution Point names `uri` (no onlySomeReasons), revoking
/// `revoked` for superseded.
fn crl_at(
    issuer: &rcgen::Issuer<'static, rcgen::KeyPair>,
    uri: &str,
    revoked: Option<u64>,
) -> Vec<u8> {
    CertificateRevocationListParams {
        this_update: rcgen::date_time_ymd(2027, 5, 1),
        next_update: rcgen::date_time_ymd(2027, 7, 1),
        crl_number: SerialNumber::from(1u64),
        issuing_distribution_point: Some(rcgen::CrlIssuingDistributionPoint {
            distribution_point: rcgen::CrlDistributionPoint {
                uris: vec![uri.to_string()],
            },
            scope: None,
        }),
        revoked_certs: revoked
            .map(|serial| RevokedCertParams {
                serial_number: SerialNumber::from(serial),
                revocation_time: rcgen::date_time_ymd(2027, 2, 1),
                reason_code: Some(rcgen::RevocationReason::Superseded),
                invalidity_date: None,
            })
            .into_iter()
            .collect(),
        key_identifier_method: KeyIdMethod::Sha256,
    }
    .signed_by(issuer)
    .unwrap()
    .der()
    .to_vec()
}

/// RFC 5280 §6.3.3(d)(3): a CRL without onlySomeReasons, fetched from a distribution point
/// whose `reasons` are keyCompromise and cACompromise, covers those two reasons only. A
/// certificate revoked as superseded is listed on the other point's CRL: the compromise CRL
/// alone cannot say it is good.
#[test]
fn a_distribution_points_reasons_limit_what_its_crl_covers() {
    let (ca_der, issuer) = ca();
    let leaf = partitioned_leaf(&issuer, 7);
    let compromise = crl_at(&issuer, COMPROMISE_URI, None);
    let report = verify(&ca_der, &compromise, std::slice::from_ref(&leaf));
    assert_ne!(
        report.verdict(),
        Verdict::Accepted,
        "the compromise CRL alone settled every reason: {}",
        report.to_text(sceau::Lang::En)
    );
    assert!(
        report.has("revocation.missing"),
        "{}",
        report.to_text(sceau::Lang::En)
    );

    // Both CRLs together cover every reason: good, and revoked when the other lists it.
    let with_both = verify_with_crls(
        &ca_der,
        &[compromise.clone(), crl_at(&issuer, OTHER_URI, None)],
        &leaf,
    );
    assert_eq!(
        with_both.verdict(),
        Verdict::Accepted,
        "{}",
        with_both.to_text(sceau::Lang::En)
    );
    let revoked = verify_with_crls(
        &ca_der,
        &[compromise, crl_at(&issuer, OTHER_URI, Some(7))],
        &leaf,
    );
    assert!(
        revoked.has("revocation.revoked"),
        "{}",
        revoked.to_text(sceau::Lang::En)
    );
}

fn verify_with_crls(anchor: &[u8], crls: &[Vec<u8>], leaf: &[u8]) -> sceau::Report {
    let mut options = VerifyOptions::new(Usage::TlsServer, judged_at());
    options.revocation = RevocationPolicy::Required;
    let mut verifier = Verifier::new("review", options);
    verifier.add_anchors(anchor).unwrap();
    for crl in crls {
        verifier.add_crls(crl).unwrap();
    }
    verifier.verify_certificates(&[CertificateDer::from(leaf.to_vec())], None)
}

fn at(year: i32, month: u8, day: u8) -> UnixTime {
    let date = time::Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day)
        .unwrap()
        .midnight()
        .assume_utc();
    UnixTime::since_unix_epoch(Duration::from_secs(date.unix_timestamp() as u64))
}

/// A leaf valid 2026-01-01 to 2027-01-01.
fn short_leaf(issuer: &rcgen::Issuer<'static, rcgen::KeyPair>, serial: u64) -> Vec<u8> {
    let mut params = CertificateParams::new(vec!["revue.example".to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 1);
    params.serial_number = Some(SerialNumber::from(serial));
    let key = rcgen::KeyPair::generate().unwrap();
    params.signed_by(&key, issuer).unwrap().der().to_vec()
}

/// A CRL of `this_update`, valid one month.
fn crl_of(
    issuer: &rcgen::Issuer<'static, rcgen::KeyPair>,
    this_update: (i32, u8, u8),
    revoked: Option<u64>,
) -> Vec<u8> {
    let (y, m, d) = this_update;
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    CertificateRevocationListParams {
        this_update: rcgen::date_time_ymd(y, m, d),
        next_update: rcgen::date_time_ymd(ny, nm, d),
        crl_number: SerialNumber::from(2u64),
        issuing_distribution_point: None,
        revoked_certs: revoked
            .map(|serial| RevokedCertParams {
                serial_number: SerialNumber::from(serial),
                revocation_time: rcgen::date_time_ymd(2026, 3, 1),
                reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                invalidity_date: None,
            })
            .into_iter()
            .collect(),
        key_identifier_method: KeyIdMethod::Sha256,
    }
    .signed_by(issuer)
    .unwrap()
    .der()
    .to_vec()
}

/// Past validation (`evidence_until`, a signature judged at its best-signature-time): the
/// status on 2026-06-01 of a certificate that expired on 2027-01-01, with a CRL of 2027-05-01.
fn past(anchor: &[u8], crl: &[u8], leaf: &[u8]) -> sceau::Report {
    let mut options = VerifyOptions::new(Usage::Any, at(2026, 6, 1));
    options.revocation = RevocationPolicy::Required;
    options.evidence_until = Some(at(2027, 6, 1));
    let mut verifier = Verifier::new("review", options);
    verifier.add_anchors(anchor).unwrap();
    verifier.add_crls(crl).unwrap();
    verifier.verify_certificates(&[CertificateDer::from(leaf.to_vec())], None)
}

/// RFC 5280 §3.3 lets a CA drop a revoked certificate's entry once one regularly scheduled
/// CRL issued after its notAfter has listed it. The monthly CRL of 2027-05-01 is the fourth
/// after the certificate expired on 2027-01-01: its silence does not tell the status (X.509's
/// expiredCertsOnCRL aside). The OCSP side already refuses a response produced outside the
/// certificate's validity; such a CRL was taken as saying `good`.
#[test]
fn a_crl_issued_after_the_certificate_expired_does_not_say_it_is_good() {
    let (ca_der, issuer) = ca();
    let leaf = short_leaf(&issuer, 9);
    // Control: a CRL of before the expiry lists it, and so does the first one after it.
    let before = past(&ca_der, &crl_of(&issuer, (2026, 12, 1), Some(9)), &leaf);
    assert!(
        before.has("revocation.revoked"),
        "{}",
        before.to_text(sceau::Lang::En)
    );
    let first_after = past(&ca_der, &crl_of(&issuer, (2027, 1, 15), Some(9)), &leaf);
    assert!(
        first_after.has("revocation.revoked"),
        "{}",
        first_after.to_text(sceau::Lang::En)
    );
    // The first CRL after the expiry must still list a revoked certificate (RFC 5280 §3.3):
    // when it does not, the certificate is good.
    let first_good = past(&ca_der, &crl_of(&issuer, (2027, 1, 15), None), &leaf);
    assert_eq!(
        first_good.verdict(),
        Verdict::Accepted,
        "{}",
        first_good.to_text(sceau::Lang::En)
    );
    // After the expiry the CA removed the entry: that is no evidence of good standing.
    let after = past(&ca_der, &crl_of(&issuer, (2027, 5, 1), None), &leaf);
    assert_ne!(
        after.verdict(),
        Verdict::Accepted,
        "a CRL of after the expiry said good: {}",
        after.to_text(sceau::Lang::En)
    );
}

fn review_data(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/revocation-edges")
            .join(name),
    )
    .unwrap()
}

/// The leaf of tests/data/revocation-edges with one OCSP response, on 2026-12-10, under the default
/// algorithm policy (SHA-1 retired for every signature, evidence included).
fn verify_with_ocsp(response: &str) -> sceau::Report {
    let mut options = VerifyOptions::new(Usage::TlsServer, at(2026, 12, 10));
    options.revocation = RevocationPolicy::Required;
    let mut verifier = Verifier::new("review", options);
    verifier.add_anchors(&review_data("ca.pem")).unwrap();
    verifier.add_ocsp(&review_data(response)).unwrap();
    verifier.verify(&review_data("leaf.pem")).unwrap()
}

/// A delegated responder's certificate is what the CA vouches for the responder with: its
/// SHA-1 signature is one the default policy refuses, for the path's certificates as for the
/// response's own signature (`the_default_policy_refuses_sha1_signed_evidence`). A SHA-1
/// collision on it forges a responder that answers `good` for anything.
#[test]
fn a_delegated_responder_certified_with_sha1_is_refused_by_the_default_policy() {
    let control = verify_with_ocsp("good-by-sha256-responder.der");
    assert_eq!(
        control.verdict(),
        Verdict::Accepted,
        "{}",
        control.to_text(sceau::Lang::En)
    );
    let report = verify_with_ocsp("good-by-sha1-responder.der");
    assert_ne!(
        report.verdict(),
        Verdict::Accepted,
        "a SHA-1-certified responder was believed: {}",
        report.to_text(sceau::Lang::En)
    );
    assert!(
        report.has("revocation.missing"),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// Past validation of tests/data/review/past's signer on 2026-03-01 with evidence up to
/// 2026-12-10, from one OCSP response produced on 2026-12-04.
fn past_with_ocsp(response: &str) -> sceau::Report {
    let mut options = VerifyOptions::new(Usage::Any, at(2026, 3, 1));
    options.revocation = RevocationPolicy::Required;
    options.evidence_until = Some(at(2026, 12, 10));
    let mut verifier = Verifier::new("review", options);
    verifier.add_anchors(&review_data("past/ca.pem")).unwrap();
    verifier
        .add_ocsp(&review_data(&format!("past/{response}")))
        .unwrap();
    verifier.verify(&review_data("past/leaf.pem")).unwrap()
}

/// A delegated responder must be valid when it signs: the response of 2026-12-04 is signed by
/// a responder certificate that expired on 2026-04-01 (its key no longer vouched for by the
/// CA, and its revocation no longer published). It was judged valid at the validation time
/// (2026-03-01) only, so in past validation an expired responder's key could answer `good`
/// for any certificate of its CA.
#[test]
fn a_delegated_responder_expired_when_it_signed_is_not_believed() {
    let control = past_with_ocsp("good-by-valid-responder.der");
    assert_eq!(
        control.verdict(),
        Verdict::Accepted,
        "{}",
        control.to_text(sceau::Lang::En)
    );
    let report = past_with_ocsp("good-by-expired-responder.der");
    assert_ne!(
        report.verdict(),
        Verdict::Accepted,
        "an expired responder was believed: {}",
        report.to_text(sceau::Lang::En)
    );
    assert!(
        report.has("revocation.missing"),
        "{}",
        report.to_text(sceau::Lang::En)
    );
}

/// A root, its CA "Revue AC" and a leaf of that CA; the CA's CRLs are signed by a separate
/// CRL-signing certificate of the same name that the root certified (PKITS 4.4.19's shape),
/// valid from 2026-01-01 to `signer_until`. Past validation on 2026-03-01 with evidence up to
/// 2026-12-10, from CRLs of 2026-06-01.
fn past_with_crl_signer(signer_until: (i32, u8, u8)) -> sceau::Report {
    let (root_der, root) = ca();
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Revue AC fille");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    ca_params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    ca_params.not_after = rcgen::date_time_ymd(2029, 1, 1);
    let ca_der = ca_params.signed_by(&ca_key, &root).unwrap().der().to_vec();
    let ca = rcgen::Issuer::new(ca_params.clone(), ca_key);
    let leaf = leaf(&ca, 0x77);

    let signer_key = rcgen::KeyPair::generate().unwrap();
    let mut signer_params = ca_params;
    signer_params.is_ca = IsCa::ExplicitNoCa;
    signer_params.key_usages = vec![KeyUsagePurpose::CrlSign];
    let (y, m, d) = signer_until;
    signer_params.not_after = rcgen::date_time_ymd(y, m, d);
    let signer_der = signer_params
        .signed_by(&signer_key, &root)
        .unwrap()
        .der()
        .to_vec();
    let signer = rcgen::Issuer::new(signer_params, signer_key);

    let mut options = VerifyOptions::new(Usage::Any, at(2026, 3, 1));
    options.revocation = RevocationPolicy::Required;
    options.evidence_until = Some(at(2026, 12, 10));
    let mut verifier = Verifier::new("review", options);
    verifier.add_anchors(&root_der).unwrap();
    verifier
        .add_crls(&crl_of(&root, (2026, 6, 1), None))
        .unwrap();
    verifier
        .add_crls(&crl_of(&signer, (2026, 6, 1), None))
        .unwrap();
    let chain: Vec<CertificateDer<'static>> = [leaf, ca_der, signer_der]
        .into_iter()
        .map(CertificateDer::from)
        .collect();
    verifier.verify_certificates(&chain, None)
}

/// A CRL signer outside the path must have been valid when it signed the CRL, as a delegated
/// OCSP responder must: before, it was judged at the validation time only, so in past
/// validation a CRL-signing key expired for months could still say `good`.
#[test]
fn a_crl_signer_outside_the_path_expired_when_it_signed_is_not_believed() {
    let control = past_with_crl_signer((2027, 1, 1));
    assert_eq!(
        control.verdict(),
        Verdict::Accepted,
        "{}",
        control.to_text(sceau::Lang::En)
    );
    let expired = past_with_crl_signer((2026, 5, 1));
    assert!(
        expired.has("revocation.missing"),
        "a CRL signed by an expired signer was believed: {}",
        expired.to_text(sceau::Lang::En)
    );
    assert!(
        expired
            .to_text(sceau::Lang::En)
            .contains("was not valid when the CRL was issued"),
        "{}",
        expired.to_text(sceau::Lang::En)
    );
}
