//! The Diapason payment gateway (GAP) of French hospitals (DOMAIN.md, "Mutual TLS at the
//! Diapason gateway"): terminals (TPE) with IngeTrust client certificates and the payment
//! service provider meet the gateway in mutual TLS.
//!
//! - Client certificates: issuer chain, validity dates, revocation **mandatory**.
//! - Server certificates (the PSP's, the GAP's SSL_SERVEUR): issuer chain, validity dates,
//!   revocation **optional**; the terminal compares the CN with the FQDN it is configured with.
//! - The gateway's own identity arrives from IGC-Santé as PKCS#12 with the intermediate (ACI)
//!   and the root (ACR); when the CSR was made locally the ACI must be added by hand.

use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use x509_parser::prelude::*;

use crate::chain::options::VerifyOptions;
use crate::chain::verifier::Verifier;
use crate::entry::match_certificate;
use crate::error::{Error, ObjectKind, Result};
use crate::input;
use crate::report::{Facts, Report, Subject};
use crate::revocation::policy::RevocationPolicy;
use crate::rule::{rules, Finding, Verdict};
use crate::usage::Usage;

rules! {
    IDENTITY_NO_KEY: "diapason.identity.no_key", Error,
        "Diapason annex 1 (IGC-Santé delivers key and certificate as PKCS#12)",
        "The PKCS#12 file holds no private key with its certificate.",
        "Le fichier PKCS#12 ne contient pas de clé privée avec son certificat.";
    IDENTITY_NO_ROOT: "diapason.identity.no_root", Error,
        "Diapason annex 1 (the PKCS#12 carries the ACI and the ACR)",
        "The PKCS#12 file holds no self-signed root (ACR): the chain cannot be shown complete.",
        "Le fichier PKCS#12 ne contient pas de racine auto-signée (ACR) : la chaîne ne peut être montrée complète.";
}

/// The verifier for terminals and the PSP authenticating to the GAP as TLS clients: usage
/// client, revocation required. Add the IngeTrust and GeoTrust roots and their CRLs or OCSP.
pub fn client_verifier(time: UnixTime) -> Verifier {
    let mut options = VerifyOptions::new(Usage::Client, time);
    options.revocation = RevocationPolicy::Required;
    Verifier::new("diapason-client", options)
}

/// The verifier for a server the gateway or a terminal connects to: usage server, revocation
/// best effort, the name required in a SAN or the CN, and the CN equal to the FQDN.
pub fn server_verifier(time: UnixTime, fqdn: &str) -> Verifier {
    let mut options = VerifyOptions::new(Usage::TlsServer, time);
    options.revocation = RevocationPolicy::BestEffort;
    options.name = Some(fqdn.to_string());
    options.cn_fallback = true;
    options.cn_must_equal_name = true;
    Verifier::new("diapason-server", options)
}

/// The gateway's TLS identity, ready for `rustls::ServerConfig::with_single_cert`.
#[derive(Debug)]
pub struct Identity {
    /// The certificate, then the intermediates, as the server sends them (the root omitted).
    pub chain: Vec<CertificateDer<'static>>,
    /// The private key, PKCS#8.
    pub key: PrivateKeyDer<'static>,
}

/// Reads the gateway's PKCS#12 file and judges it: the file holds a private key
/// (`diapason.identity.no_key` otherwise), the key belongs to the certificate, and the file
/// carries a complete chain to a root it also holds (validated at `time`, for TLS server use,
/// revocation not consulted). The identity is returned whenever the file holds a key, even when
/// the report rejects it, so the caller can show what it holds; it must not be used then.
pub fn load_identity(
    p12: &[u8],
    password: &str,
    time: UnixTime,
) -> Result<(Option<Identity>, Report)> {
    // Raw: every bag on its own. The linked modes drop certificates that do not chain from
    // the key's certificate, which hides exactly the incomplete chains this is meant to show.
    let store =
        p12_keystore::KeyStore::from_pkcs12(p12, password, p12_keystore::Pkcs12ImportPolicy::Raw)
            .map_err(|e| Error::BadDer {
            detail: format!("PKCS#12: {e} (a wrong password reads as a bad MAC)"),
            expected: ObjectKind::PrivateKey,
        })?;
    let mut keys = Vec::new();
    let mut certs: Vec<CertificateDer<'static>> = Vec::new();
    for (_, entry) in store.entries() {
        match entry {
            p12_keystore::KeyStoreEntry::PrivateKeyChain(chain) => {
                keys.push(chain.key().as_der().to_vec());
                certs.extend(
                    chain
                        .certs()
                        .iter()
                        .map(|c| CertificateDer::from(c.as_der().to_vec())),
                );
            }
            p12_keystore::KeyStoreEntry::Certificate(cert) => {
                certs.push(CertificateDer::from(cert.as_der().to_vec()))
            }
            _ => {}
        }
    }
    certs.dedup();
    if certs.is_empty() {
        return Err(Error::InvalidArgument {
            name: "pkcs12",
            detail: "the PKCS#12 file holds no certificate".into(),
        });
    }
    let key_der = keys.into_iter().next();
    let parsed: Vec<X509Certificate<'_>> = certs
        .iter()
        .map(|der| input::complete(der, X509Certificate::from_der(der), ObjectKind::Certificate))
        .collect::<Result<_>>()?;
    let is_root = |c: &X509Certificate<'_>| c.subject().as_raw() == c.issuer().as_raw();
    // The leaf is the certificate of the key; failing that, the first that is no CA.
    let leaf = (0..certs.len())
        .find(|&i| {
            key_der.as_ref().is_some_and(|key| {
                match_certificate(&certs[i], None, Some(key))
                    .is_ok_and(|r| r.verdict() == Verdict::Accepted)
            })
        })
        .or_else(|| (0..certs.len()).find(|&i| !is_root(&parsed[i])))
        .unwrap_or(0);
    // The chain as a server sends it: the leaf, then each issuer found by name.
    let mut order = vec![leaf];
    while let Some(next) = (0..certs.len()).find(|&i| {
        !order.contains(&i)
            && !is_root(&parsed[i])
            && parsed[i].subject().as_raw() == parsed[order[order.len() - 1]].issuer().as_raw()
    }) {
        order.push(next);
    }
    let chain: Vec<CertificateDer<'static>> = order.iter().map(|&i| certs[i].clone()).collect();
    let roots: Vec<CertificateDer<'static>> = (0..certs.len())
        .filter(|&i| is_root(&parsed[i]) && i != leaf)
        .map(|i| certs[i].clone())
        .collect();

    let mut options = VerifyOptions::new(Usage::TlsServer, time);
    options.revocation = RevocationPolicy::Off;
    let mut verifier = Verifier::new("diapason-identity", options);
    let mut findings = Vec::new();
    for root in &roots {
        verifier.add_anchor_der(root.clone())?;
    }
    let mut report = if roots.is_empty() {
        findings.push(Finding::new(&IDENTITY_NO_ROOT, "pkcs12"));
        Report::new(
            Subject::Chain,
            "diapason-identity",
            Vec::new(),
            Facts::Chain(Box::default()),
        )
    } else {
        verifier.verify_certificates(&chain, None)
    };
    match &key_der {
        Some(key) => {
            let matched = match_certificate(&certs[leaf], None, Some(key))?;
            findings.extend(matched.findings().iter().cloned());
        }
        None => findings.push(Finding::new(&IDENTITY_NO_KEY, "pkcs12")),
    }
    report.extend_findings(findings);
    let identity = key_der.map(|key| Identity {
        chain,
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
    });
    Ok((identity, report))
}
