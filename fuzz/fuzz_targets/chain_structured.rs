//! Structure-aware fuzzing of path building and revocation: the input is read by `arbitrary`
//! as a description of a root, up to five certificates below it and up to four CRLs (who
//! signs each, with which of five real P-256 keys made once, validity, CA flag and path
//! length, key usage, EKU, names, name constraints, revoked serials, CRL dates and reasons),
//! which rcgen turns into well-signed DER; sceau's verifier then judges the chain, shuffled or
//! cut as described, under the usage, time and revocation policy described. Random bytes
//! rarely get past the DER decoder; these get to path building, signatures, name constraints
//! and revocation. The verdict must agree with the description where it is certain (a
//! revoked leaf with required revocation is never accepted).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, DnType,
    ExtendedKeyUsagePurpose, GeneralSubtree, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose,
    NameConstraints, RevocationReason, RevokedCertParams, SanType, SerialNumber,
};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use sceau::{RevocationPolicy, Usage, Verdict, Verifier, VerifyOptions};

/// 2026-06-01T00:00:00Z: every date of a description is in days from it.
const BASE: i64 = 1_780_272_000;
const DAY: i64 = 86_400;
const NAMES: [&str; 6] = [
    "www.exemple.fr",
    "*.exemple.fr",
    "exemple.fr",
    "gap.ch-ville.fr",
    "autre.example",
    "xn--bcher-kva.example",
];

fn keys() -> &'static [KeyPair] {
    static KEYS: OnceLock<Vec<KeyPair>> = OnceLock::new();
    KEYS.get_or_init(|| (0..5).map(|_| KeyPair::generate().unwrap()).collect())
}

#[derive(Arbitrary, Debug)]
struct Cert {
    /// The key of this certificate (index into `keys()`).
    key: u8,
    /// The key that signs it: its issuer's key when equal to the issuer's, else a forgery.
    signer: u8,
    /// 0: not a CA; 1: CA without path length; 2: CA with `path_len`.
    ca: u8,
    path_len: u8,
    not_before: i8,
    lifetime: u8,
    key_usage: u8,
    eku: u8,
    subject: u8,
    sans: u8,
    serial: u8,
    permitted: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct Crl {
    /// The certificate (0 the root) whose key signs it.
    issuer: u8,
    revoked: Vec<u8>,
    this_update: i8,
    next_update: u8,
}

#[derive(Arbitrary, Debug)]
struct Spec {
    root: Cert,
    below: Vec<Cert>,
    crls: Vec<Crl>,
    client: bool,
    name: Option<u8>,
    revocation: u8,
    at: i8,
    /// Which presented certificates are left out (bit i: the i-th intermediate).
    dropped: u8,
    reversed: bool,
}

fn days(n: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(BASE + n * DAY).unwrap()
}

fn params(cert: &Cert, is_root: bool) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name
        .push(DnType::CommonName, format!("Fuzz {}", cert.subject % 4));
    p.distinguished_name.push(DnType::OrganizationName, "Sceau");
    p.serial_number = Some(SerialNumber::from(vec![1, cert.serial]));
    p.not_before = days(i64::from(cert.not_before));
    p.not_after = days(i64::from(cert.not_before) + i64::from(cert.lifetime) + 1);
    p.is_ca = match (is_root, cert.ca % 3) {
        (true, _) | (false, 1) => IsCa::Ca(BasicConstraints::Unconstrained),
        (false, 2) => IsCa::Ca(BasicConstraints::Constrained(cert.path_len % 4)),
        _ => IsCa::ExplicitNoCa,
    };
    let usages = [
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::KeyAgreement,
    ];
    p.key_usages = usages
        .into_iter()
        .enumerate()
        .filter(|(i, _)| cert.key_usage & (1 << i) != 0)
        .map(|(_, u)| u)
        .collect();
    let ekus = [
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
        ExtendedKeyUsagePurpose::EmailProtection,
        ExtendedKeyUsagePurpose::Any,
    ];
    p.extended_key_usages = ekus
        .into_iter()
        .enumerate()
        .filter(|(i, _)| cert.eku & (1 << i) != 0)
        .map(|(_, e)| e)
        .collect();
    p.subject_alt_names = NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| cert.sans & (1 << i) != 0)
        .map(|(_, n)| SanType::DnsName((*n).try_into().unwrap()))
        .collect();
    if cert.sans & 0x40 != 0 {
        p.subject_alt_names
            .push(SanType::IpAddress([192, 0, 2, cert.serial].into()));
    }
    if let Some(permitted) = cert.permitted {
        let domain =
            ["exemple.fr", "ch-ville.fr", "example", ".exemple.fr"][usize::from(permitted % 4)];
        p.name_constraints = Some(NameConstraints {
            permitted_subtrees: vec![GeneralSubtree::DnsName(domain.into())],
            excluded_subtrees: if permitted & 4 != 0 {
                vec![GeneralSubtree::DnsName("autre.example".into())]
            } else {
                Vec::new()
            },
        });
    }
    p
}

fuzz_target!(|spec: Spec| {
    let keys = keys();
    let key = |i: u8| &keys[usize::from(i) % keys.len()];
    // The root, then each certificate signed by the one above it (with the key asked for).
    let root_params = params(&spec.root, true);
    let root_key = key(spec.root.key);
    let Ok(root) = root_params.self_signed(root_key) else {
        return;
    };
    let mut issued: Vec<(CertificateParams, &KeyPair, CertificateDer<'static>)> =
        vec![(root_params, root_key, root.der().clone())];
    for cert in spec.below.iter().take(5) {
        let (above, _, _) = issued.last().unwrap();
        let issuer = Issuer::from_params(above, key(cert.signer));
        let own = params(cert, false);
        let Ok(signed) = own.signed_by(key(cert.key), &issuer) else {
            return;
        };
        let der = signed.der().clone();
        issued.push((own, key(cert.key), der));
    }
    // The CRLs, each signed by the key of the certificate it names.
    let mut crls = Vec::new();
    for crl in spec.crls.iter().take(4) {
        let (issuer_params, issuer_key, _) = &issued[usize::from(crl.issuer) % issued.len()];
        let mut issuer_params = issuer_params.clone();
        // rcgen refuses a CRL from an issuer without cRLSign; sceau must judge that case too,
        // so sign it as if the bit were there and let the verifier read the real certificate.
        issuer_params.key_usages.clear();
        let issuer = Issuer::from_params(&issuer_params, *issuer_key);
        let reasons = [
            RevocationReason::KeyCompromise,
            RevocationReason::CaCompromise,
            RevocationReason::Superseded,
            RevocationReason::CertificateHold,
            RevocationReason::RemoveFromCrl,
        ];
        let this_update = i64::from(crl.this_update);
        let params = CertificateRevocationListParams {
            this_update: days(this_update),
            next_update: days(this_update + i64::from(crl.next_update) + 1),
            crl_number: SerialNumber::from(vec![crl.issuer]),
            issuing_distribution_point: None,
            revoked_certs: crl
                .revoked
                .iter()
                .take(8)
                .map(|serial| RevokedCertParams {
                    serial_number: SerialNumber::from(vec![1, *serial]),
                    revocation_time: days(this_update - 1),
                    reason_code: Some(reasons[usize::from(*serial) % reasons.len()]),
                    invalidity_date: None,
                })
                .collect(),
            key_identifier_method: KeyIdMethod::Sha256,
        };
        if let Ok(signed) = params.signed_by(&issuer) {
            crls.push((crl, signed.der().to_vec()));
        }
    }

    let usage = if spec.client {
        Usage::Client
    } else {
        Usage::TlsServer
    };
    let at = UnixTime::since_unix_epoch(std::time::Duration::from_secs(
        (BASE + i64::from(spec.at) * DAY) as u64,
    ));
    let mut options = VerifyOptions::new(usage, at);
    options.revocation = match spec.revocation % 3 {
        0 => RevocationPolicy::Required,
        1 => RevocationPolicy::BestEffort,
        _ => RevocationPolicy::Off,
    };
    let mut verifier = Verifier::new("fuzz", options);
    verifier.add_anchor_der(issued[0].2.clone()).unwrap();
    for (_, der) in &crls {
        let _ = verifier.add_crls(der);
    }
    // Presented leaf first, intermediates after, some left out, maybe in the wrong order.
    let leaf = issued.len() - 1;
    if leaf == 0 {
        return;
    }
    let mut chain = vec![issued[leaf].2.clone()];
    for (n, i) in (1..leaf).rev().enumerate() {
        if spec.dropped & (1 << n) == 0 {
            chain.push(issued[i].2.clone());
        }
    }
    if spec.reversed {
        chain[1..].reverse();
    }
    let name = spec
        .name
        .and_then(|n| ServerName::try_from(NAMES[usize::from(n) % NAMES.len()]).ok());
    let report = verifier.verify_certificates(&chain, name.as_ref());
    // What the description makes certain: a leaf listed (keyCompromise, cACompromise or
    // superseded) in the one CRL its issuer signed, that CRL current at the validation time,
    // its issuer the only certificate of that name, with revocation required, is never
    // accepted.
    let leaf_serial = spec.below[leaf - 1].serial;
    let from_issuer: Vec<&Crl> = crls
        .iter()
        .map(|(crl, _)| *crl)
        .filter(|crl| usize::from(crl.issuer) % issued.len() == leaf - 1)
        .collect();
    // Only when no other certificate bears the name of the leaf's issuer: with two CAs of one
    // name and different keys, the leaf may chain (and be judged by the CRL) of the other.
    let label = |i: usize| match i {
        0 => spec.root.subject % 4,
        _ => spec.below[i - 1].subject % 4,
    };
    let issuer_name_unique =
        (0..issued.len()).all(|j| j == leaf - 1 || label(j) != label(leaf - 1));
    if let (true, [crl]) = (issuer_name_unique, from_issuer.as_slice()) {
        let (this, at) = (i64::from(crl.this_update), i64::from(spec.at));
        let current = at >= this && at < this + i64::from(crl.next_update) + 1;
        let listed = crl
            .revoked
            .iter()
            .take(8)
            .any(|s| *s == leaf_serial && usize::from(*s) % 5 < 3);
        if current && listed && spec.revocation % 3 == 0 {
            assert_ne!(
                report.verdict(),
                Verdict::Accepted,
                "revoked leaf accepted: {spec:?}"
            );
        }
    }
});
