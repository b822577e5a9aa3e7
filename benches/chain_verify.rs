//! A 3-certificate RSA-2048 chain (terminal, IngeTrust test CA, root; tests/data/chain) with the
//! CA's CRL, verified by rustls-webpki alone (CRL checked for the end entity) and by sceau's
//! verifier (webpki path building, then key and algorithm policy on every certificate and
//! revocation for the end entity and the CA) on the same inputs, in the same run.
//! sceau remembers that a CRL's signature verified with a given key (the answer cannot change)
//! and the key policy's verdict on a key; webpki verifies the CRL's signature every time.
//! The pair without revocation shows the cost of the policy layer and the report alone; the
//! pair with both CRLs (the root's too, for the CA) demands the same evidence of both.
//! Run: `cargo bench --bench chain_verify`.

use std::time::Duration;

use divan::black_box;
use rustls_pki_types::{CertificateDer, UnixTime};
use sceau::{RevocationPolicy, Usage, Verifier, VerifyOptions};

fn main() {
    divan::main();
}

const ROOT: &[u8] = include_bytes!("../tests/data/chain/ingetrust-root.pem");
const CA: &[u8] = include_bytes!("../tests/data/chain/ingetrust-ca.pem");
const LEAF: &[u8] = include_bytes!("../tests/data/chain/tpe-good.pem");
const CA_CRL: &[u8] = include_bytes!("../tests/data/chain/ingetrust-ca.crl.der");
const ROOT_CRL: &[u8] = include_bytes!("../tests/data/chain/ingetrust-root.crl.pem");

fn der(pem: &[u8]) -> CertificateDer<'static> {
    CertificateDer::from(
        sceau::decode(pem, sceau::ObjectKind::Certificate)
            .unwrap()
            .der
            .into_owned(),
    )
}

/// 2027-06-01, inside every validity period and CRL.
fn time() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(1_811_808_000))
}

/// The CRLs webpki is given: none, the CA's (for the end entity), or both (the root's too,
/// for the CA).
#[derive(Clone, Copy, PartialEq)]
enum Crls {
    None,
    EndEntity,
    Chain,
}

/// webpki alone: path building, signatures, EKU, and the CRLs asked for (status unknown
/// denied, as sceau's required revocation).
fn webpki_alone(bencher: divan::Bencher, crls: Crls) {
    let root = der(ROOT);
    let anchors = [webpki::anchor_from_trusted_cert(&root).unwrap().to_owned()];
    let chain = [der(LEAF), der(CA)];
    let ca_list = webpki::CertRevocationList::from(
        webpki::BorrowedCertRevocationList::from_der(CA_CRL).unwrap(),
    );
    let root_der = sceau::decode(ROOT_CRL, sceau::ObjectKind::Crl)
        .unwrap()
        .der
        .into_owned();
    let root_list = webpki::CertRevocationList::from(
        webpki::BorrowedCertRevocationList::from_der(&root_der).unwrap(),
    );
    let lists: Vec<&webpki::CertRevocationList<'_>> = match crls {
        Crls::Chain => vec![&ca_list, &root_list],
        _ => vec![&ca_list],
    };
    let depth = match crls {
        Crls::Chain => webpki::RevocationCheckDepth::Chain,
        _ => webpki::RevocationCheckDepth::EndEntity,
    };
    bencher.bench(|| {
        let leaf = webpki::EndEntityCert::try_from(black_box(&chain[0])).unwrap();
        let revocation = (crls != Crls::None).then(|| {
            webpki::RevocationOptionsBuilder::new(&lists)
                .unwrap()
                .with_depth(depth)
                .with_status_policy(webpki::UnknownStatusPolicy::Deny)
                .build()
        });
        leaf.verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &anchors,
            &chain[1..],
            time(),
            webpki::KeyUsage::client_auth(),
            revocation,
            None,
        )
        .map(drop)
        .unwrap();
    });
}

/// webpki with both CRLs and the whole chain's status required: the peer of
/// `sceau_with_both_crls_required` (the same evidence demanded for the same certificates).
#[divan::bench(sample_count = 1000)]
fn webpki_alone_with_both_crls(bencher: divan::Bencher) {
    webpki_alone(bencher, Crls::Chain);
}

#[divan::bench(sample_count = 1000)]
fn webpki_alone_with_crl(bencher: divan::Bencher) {
    webpki_alone(bencher, Crls::EndEntity);
}

#[divan::bench(sample_count = 1000)]
fn webpki_alone_no_revocation(bencher: divan::Bencher) {
    webpki_alone(bencher, Crls::None);
}

fn verifier(revocation: RevocationPolicy, crls: &[&[u8]]) -> Verifier {
    let mut options = VerifyOptions::new(Usage::Client, time());
    options.revocation = revocation;
    let mut verifier = Verifier::new("bench", options);
    verifier.add_anchors(ROOT).unwrap();
    for crl in crls {
        verifier.add_crls(crl).unwrap();
    }
    verifier
}

fn verify(verifier: &Verifier, chain: &[CertificateDer<'static>]) -> sceau::Report {
    let report = verifier.verify_certificates(black_box(chain), None);
    assert_eq!(report.verdict(), sceau::Verdict::Accepted);
    report
}

/// One verifier for every run, as a service keeps it (CRL signatures verified once per key).
fn sceau(bencher: divan::Bencher, revocation: RevocationPolicy, crls: &[&[u8]]) {
    let verifier = verifier(revocation, crls);
    let chain = [der(LEAF), der(CA)];
    bencher.bench(|| verify(&verifier, &chain));
}

/// A new verifier for every run (made outside the timing): nothing remembered, every CRL
/// signature verified, as webpki and OpenSSL do on each verification.
#[divan::bench(sample_count = 1000)]
fn sceau_with_both_crls_required_cold(bencher: divan::Bencher) {
    let chain = [der(LEAF), der(CA)];
    bencher
        .with_inputs(|| verifier(RevocationPolicy::Required, &[CA_CRL, ROOT_CRL]))
        .bench_local_refs(|verifier| verify(verifier, &chain));
}

/// sceau with the same CRL; the CA's own status is looked for too (best effort: no root CRL
/// given here, as webpki was given none).
#[divan::bench(sample_count = 1000)]
fn sceau_with_crl(bencher: divan::Bencher) {
    sceau(bencher, RevocationPolicy::BestEffort, &[CA_CRL]);
}

/// sceau with evidence for both certificates (the CA's CRL and the root's), revocation
/// required: the Diapason client case.
#[divan::bench(sample_count = 1000)]
fn sceau_with_both_crls_required(bencher: divan::Bencher) {
    sceau(bencher, RevocationPolicy::Required, &[CA_CRL, ROOT_CRL]);
}

/// sceau, revocation off: webpki plus the key and algorithm policy and the report.
#[divan::bench(sample_count = 1000)]
fn sceau_no_revocation(bencher: divan::Bencher) {
    sceau(bencher, RevocationPolicy::Off, &[]);
}
