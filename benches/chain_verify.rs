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
    let lists = (crls != Crls::None).then_some((lists.as_slice(), depth));
    bencher.bench(|| webpki_verify(&chain, &anchors, lists));
}

/// One verification by webpki alone for client use, the CRLs given demanded (status unknown
/// denied) to the depth given.
fn webpki_verify(
    chain: &[CertificateDer<'static>],
    anchors: &[rustls_pki_types::TrustAnchor<'_>],
    lists: Option<(
        &[&webpki::CertRevocationList<'_>],
        webpki::RevocationCheckDepth,
    )>,
) {
    let leaf = webpki::EndEntityCert::try_from(black_box(&chain[0])).unwrap();
    let revocation = lists.map(|(lists, depth)| {
        webpki::RevocationOptionsBuilder::new(lists)
            .unwrap()
            .with_depth(depth)
            .with_status_policy(webpki::UnknownStatusPolicy::Deny)
            .build()
    });
    leaf.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        anchors,
        &chain[1..],
        time(),
        webpki::KeyUsage::client_auth(),
        revocation,
        None,
    )
    .map(drop)
    .unwrap();
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

/// The floor under every cold figure: the four RSA-2048 signature verifications a cold
/// verification with both CRLs contains (the terminal and the CA CRL by the CA's key, the CA
/// and the root CRL by the root's), by ring alone, each from its parsed key (parsing outside
/// the timing). webpki and sceau both do these four; what either adds is the rest of its figure.
/// After `a_warm_up_in_no_row`: as the first bench of its process its median jumped between
/// runs (83.7 to 128 µs), which made its ratios noise.
#[divan::bench(sample_count = 1000)]
fn ring_alone_four_verifications_of_a_cold_verification(bencher: divan::Bencher) {
    use ring::signature::{UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
    use x509_parser::prelude::*;
    let (root, ca, leaf) = (der(ROOT), der(CA), der(LEAF));
    let root_crl = sceau::decode(ROOT_CRL, sceau::ObjectKind::Crl)
        .unwrap()
        .der
        .into_owned();
    // (subject key, TBS, signature) of a certificate; (TBS, signature) of a CRL.
    fn certificate(der: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let cert = X509Certificate::from_der(der).unwrap().1;
        (
            cert.public_key().subject_public_key.data.to_vec(),
            cert.tbs_certificate.as_ref().to_vec(),
            cert.signature_value.data.to_vec(),
        )
    }
    fn crl(der: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let crl = CertificateRevocationList::from_der(der).unwrap().1;
        (
            crl.tbs_cert_list.as_ref().to_vec(),
            crl.signature_value.data.to_vec(),
        )
    }
    let (root_key, _, _) = certificate(&root);
    let (ca_key, ca_tbs, ca_signature) = certificate(&ca);
    let (_, leaf_tbs, leaf_signature) = certificate(&leaf);
    let (ca_crl_tbs, ca_crl_signature) = crl(CA_CRL);
    let (root_crl_tbs, root_crl_signature) = crl(&root_crl);
    let signed = [
        (&ca_key, leaf_tbs, leaf_signature),
        (&root_key, ca_tbs, ca_signature),
        (&ca_key, ca_crl_tbs, ca_crl_signature),
        (&root_key, root_crl_tbs, root_crl_signature),
    ];
    bencher.bench(|| {
        for (key, message, signature) in &signed {
            UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, black_box(key))
                .verify(message, signature)
                .unwrap();
        }
    });
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

/// Runs first in the process (divan runs benches by name) and is in no row of the table: the
/// first bench of a process pays for cold caches and a CPU not yet at speed, and its median
/// jumps between runs. Cold verifications, the work the benches after it time.
#[divan::bench(sample_count = 300)]
fn a_warm_up_in_no_row(bencher: divan::Bencher) {
    cold_with_both_crls(bencher);
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
    cold_with_both_crls(bencher);
}

fn cold_with_both_crls(bencher: divan::Bencher) {
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

/// A service's usual case: a new terminal each time, under the CA it has seen before. The bench
/// makes its own RSA-2048 hierarchy with rcgen (root, CA, 1,100 terminals with distinct serials
/// and so distinct signatures, a CRL from each CA); every verification below takes the next
/// terminal, so sceau's verifier remembers the CA's signature (verified by the root once) and
/// verifies each terminal's, as webpki and the CRLs' signatures are verified by webpki every time.
mod new_terminal_each_time {
    use super::*;
    use rcgen::{
        BasicConstraints, CertificateParams, CertificateRevocationListParams, DnType,
        ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, SerialNumber,
    };
    use std::sync::atomic::{AtomicUsize, Ordering};

    const TERMINALS: usize = 1100;

    struct Hierarchy {
        root: CertificateDer<'static>,
        ca: CertificateDer<'static>,
        terminals: Vec<CertificateDer<'static>>,
        ca_crl: Vec<u8>,
        root_crl: Vec<u8>,
    }

    fn key(path: &str) -> KeyPair {
        let pem =
            std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        KeyPair::from_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).unwrap()
    }

    fn at(year: i32) -> time::OffsetDateTime {
        time::OffsetDateTime::from_unix_timestamp(0)
            .unwrap()
            .replace_year(year)
            .unwrap()
    }

    fn ca_params(name: &str) -> CertificateParams {
        let mut params = CertificateParams::default();
        params.distinguished_name.push(DnType::CommonName, name);
        params
            .distinguished_name
            .push(DnType::OrganizationName, "Bench");
        params.distinguished_name.push(DnType::CountryName, "FR");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.use_authority_key_identifier_extension = true;
        params.not_before = at(2025);
        params.not_after = at(2030);
        params
    }

    fn crl(issuer: &Issuer<'_, KeyPair>) -> Vec<u8> {
        CertificateRevocationListParams {
            this_update: at(2027),
            next_update: at(2028),
            crl_number: SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs: Vec::new(),
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(issuer)
        .unwrap()
        .der()
        .to_vec()
    }

    fn hierarchy() -> &'static Hierarchy {
        static MADE: std::sync::OnceLock<Hierarchy> = std::sync::OnceLock::new();
        MADE.get_or_init(|| {
            let (root_key, ca_key, terminal_key) = (
                key("tests/data/match/rsa-pkcs8.key"),
                key("tests/data/chain/gap.key"),
                key("tests/data/chain/tpe.key"),
            );
            let root_params = ca_params("Bench Root");
            let root = root_params.self_signed(&root_key).unwrap();
            let root_issuer = Issuer::new(root_params, root_key);
            let ca_params = ca_params("Bench CA");
            let ca = ca_params.signed_by(&ca_key, &root_issuer).unwrap();
            let ca_issuer = Issuer::new(ca_params, ca_key);
            let terminals = (0..TERMINALS)
                .map(|i| {
                    let mut params = CertificateParams::default();
                    params
                        .distinguished_name
                        .push(DnType::CommonName, format!("TPE {i:04}"));
                    params.serial_number = Some(SerialNumber::from(1000 + i as u64));
                    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
                    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
                    params.use_authority_key_identifier_extension = true;
                    params.not_before = at(2026);
                    params.not_after = at(2028);
                    CertificateDer::from(
                        params
                            .signed_by(&terminal_key, &ca_issuer)
                            .unwrap()
                            .der()
                            .to_vec(),
                    )
                })
                .collect();
            Hierarchy {
                root: CertificateDer::from(root.der().to_vec()),
                ca: CertificateDer::from(ca.der().to_vec()),
                terminals,
                ca_crl: crl(&ca_issuer),
                root_crl: crl(&root_issuer),
            }
        })
    }

    /// The next terminal: each verification of a run has its own.
    fn next(counter: &AtomicUsize) -> [CertificateDer<'static>; 2] {
        let h = hierarchy();
        let i = counter.fetch_add(1, Ordering::Relaxed) % TERMINALS;
        [h.terminals[i].clone(), h.ca.clone()]
    }

    /// webpki alone, both CRLs, the whole chain's status required.
    #[divan::bench(sample_count = 1000, sample_size = 1)]
    fn webpki_alone_with_both_crls(bencher: divan::Bencher) {
        let h = hierarchy();
        let anchors = [webpki::anchor_from_trusted_cert(&h.root)
            .unwrap()
            .to_owned()];
        let lists = [
            webpki::CertRevocationList::from(
                webpki::BorrowedCertRevocationList::from_der(&h.ca_crl).unwrap(),
            ),
            webpki::CertRevocationList::from(
                webpki::BorrowedCertRevocationList::from_der(&h.root_crl).unwrap(),
            ),
        ];
        let lists: Vec<&webpki::CertRevocationList<'_>> = lists.iter().collect();
        let counter = AtomicUsize::new(0);
        bencher
            .with_inputs(|| next(&counter))
            .bench_local_refs(|chain| {
                webpki_verify(
                    chain,
                    &anchors,
                    Some((&lists, webpki::RevocationCheckDepth::Chain)),
                )
            });
    }

    /// sceau's verifier kept from one terminal to the next, both CRLs, revocation required.
    #[divan::bench(sample_count = 1000, sample_size = 1)]
    fn sceau_with_both_crls_required(bencher: divan::Bencher) {
        let h = hierarchy();
        let mut options = VerifyOptions::new(Usage::Client, time());
        options.revocation = RevocationPolicy::Required;
        let mut verifier = Verifier::new("bench", options);
        verifier.add_anchors(&h.root).unwrap();
        verifier.add_crls(&h.ca_crl).unwrap();
        verifier.add_crls(&h.root_crl).unwrap();
        let counter = AtomicUsize::new(0);
        bencher
            .with_inputs(|| next(&counter))
            .bench_local_refs(|chain| verify(&verifier, chain));
    }
}
