//! A CAdES-T signature (tests/data/assurance/qes-t.p7s: RSA-3072 signer, a 3-certificate
//! P-384 chain, the CA's and the root's CRLs, one signature time-stamp whose TSA chains to the
//! same root) validated by `sceau::assurance`, next to the bare ring verifications of every
//! signature the validation must check, in the same run: the signer's signature over its
//! signed attributes, the signer's and the CA's certificates, both CRLs, the token's signature
//! and the TSA's certificate (seven). `cold` builds a new verifier for each run (no signature
//! remembered); `warm` reuses one, as a service does (a CRL's signature is verified once per key).
//! Run: `cargo bench --bench assurance`.

use std::time::Duration;

use der::{Decode, Encode};
use divan::black_box;
use ring::signature::{self as rs, UnparsedPublicKey, VerificationAlgorithm};
use rustls_pki_types::UnixTime;
use x509_parser::prelude::*;

fn main() {
    divan::main();
}

const SIGNATURE: &[u8] = include_bytes!("../tests/data/assurance/qes-t.p7s");
const DATA: &[u8] = include_bytes!("../tests/data/assurance/data.txt");
const ROOT: &[u8] = include_bytes!("../tests/data/assurance/root.pem");
const CA: &[u8] = include_bytes!("../tests/data/assurance/sign-ca.pem");
const SIGNER: &[u8] = include_bytes!("../tests/data/assurance/qes.pem");
const TSA: &[u8] = include_bytes!("../tests/data/assurance/tsa.pem");
const CA_CRL: &[u8] = include_bytes!("../tests/data/assurance/sign-ca.crl");
const ROOT_CRL: &[u8] = include_bytes!("../tests/data/assurance/root.crl");

fn time() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(1_796_083_200)) // 2026-12-01
}

fn verifier() -> sceau::Verifier {
    let mut verifier = sceau::Verifier::new(
        "bench",
        sceau::VerifyOptions::new(sceau::Usage::Any, time()),
    );
    verifier.add_anchors(ROOT).unwrap();
    verifier.add_crls(CA_CRL).unwrap();
    verifier.add_crls(ROOT_CRL).unwrap();
    verifier
}

fn validate(verifier: &sceau::Verifier) -> sceau::Report {
    let request = sceau::AssuranceRequest {
        signature: black_box(SIGNATURE),
        data: Some(DATA),
        timestamps: vec![],
    };
    let report =
        sceau::assurance(verifier, &request, &sceau::AssuranceOptions::new(time())).unwrap();
    assert_eq!(
        report.assurance_facts().unwrap().indication,
        sceau::Indication::TotalPassed
    );
    report
}

#[divan::bench(sample_count = 300)]
fn sceau_cold(bencher: divan::Bencher) {
    bencher
        .with_inputs(verifier)
        .bench_local_refs(|verifier| validate(verifier));
}

#[divan::bench(sample_count = 300)]
fn sceau_warm(bencher: divan::Bencher) {
    let verifier = verifier();
    bencher.bench(|| validate(&verifier));
}

/// One signature to verify: the algorithm, the signer's key, the message, the signature.
type Check = (
    &'static dyn VerificationAlgorithm,
    Vec<u8>,
    Vec<u8>,
    Vec<u8>,
);

fn der_of(pem: &[u8], kind: sceau::ObjectKind) -> Vec<u8> {
    sceau::decode(pem, kind).unwrap().der.into_owned()
}

fn key_of(der: &[u8]) -> Vec<u8> {
    let (_, cert) = X509Certificate::from_der(der).unwrap();
    cert.public_key().subject_public_key.data.to_vec()
}

fn certificate_check(cert: &[u8], issuer: &[u8]) -> Check {
    let (_, parsed) = X509Certificate::from_der(cert).unwrap();
    (
        &rs::ECDSA_P384_SHA384_ASN1,
        key_of(issuer),
        parsed.tbs_certificate.as_ref().to_vec(),
        parsed.signature_value.data.to_vec(),
    )
}

fn crl_check(crl: &[u8], issuer: &[u8]) -> Check {
    let crl = sceau::Crl::from_der(der_of(crl, sceau::ObjectKind::Crl)).unwrap();
    (
        &rs::ECDSA_P384_SHA384_ASN1,
        key_of(issuer),
        crl.tbs().to_vec(),
        crl.signature().to_vec(),
    )
}

/// The signed attributes (as signed: DER, so their encoding is the one received) and the
/// signature of the one SignerInfo of a ContentInfo.
fn signer_info(der: &[u8]) -> (cms::signed_data::SignedData, Vec<u8>, Vec<u8>) {
    let info = cms::content_info::ContentInfo::from_der(der).unwrap();
    let signed: cms::signed_data::SignedData = info.content.decode_as().unwrap();
    let signer = &signed.signer_infos.0.as_slice()[0];
    let attrs = signer.signed_attrs.as_ref().unwrap().to_der().unwrap();
    let signature = signer.signature.as_bytes().to_vec();
    (signed.clone(), attrs, signature)
}

fn bare_checks() -> Vec<Check> {
    let (root, ca, signer, tsa) = (
        der_of(ROOT, sceau::ObjectKind::Certificate),
        der_of(CA, sceau::ObjectKind::Certificate),
        der_of(SIGNER, sceau::ObjectKind::Certificate),
        der_of(TSA, sceau::ObjectKind::Certificate),
    );
    let (signed, attrs, signature) = signer_info(SIGNATURE);
    let stamp = signed.signer_infos.0.as_slice()[0]
        .unsigned_attrs
        .as_ref()
        .unwrap()
        .iter()
        .next()
        .unwrap()
        .values
        .get(0)
        .unwrap()
        .to_der()
        .unwrap();
    let (_, token_attrs, token_signature) = signer_info(&stamp);
    vec![
        (
            &rs::RSA_PKCS1_2048_8192_SHA256,
            key_of(&signer),
            attrs,
            signature,
        ),
        certificate_check(&signer, &ca),
        certificate_check(&ca, &root),
        crl_check(CA_CRL, &ca),
        crl_check(ROOT_CRL, &root),
        (
            &rs::ECDSA_P256_SHA256_ASN1,
            key_of(&tsa),
            token_attrs,
            token_signature,
        ),
        certificate_check(&tsa, &root),
    ]
}

#[divan::bench(sample_count = 300)]
fn bare_ring_verifications(bencher: divan::Bencher) {
    let checks = bare_checks();
    bencher.bench(|| {
        for (alg, key, message, signature) in &checks {
            UnparsedPublicKey::new(*alg, key)
                .verify(black_box(message), signature)
                .unwrap();
        }
    });
}
