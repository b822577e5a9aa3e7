//! rustls verifiers (feature `rustls`) that apply a [`Verifier`] — path, key and algorithm
//! policy, revocation — during the handshake. A refusal carries the whole [`Report`] in a
//! [`Refusal`], so the application logs the reason (`revocation.revoked`: when, why, by whom).

use std::fmt;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{
    CertificateError, DigitallySignedStruct, DistinguishedName, OtherError, SignatureScheme,
};
use x509_parser::prelude::*;

use crate::chain::verifier::Verifier;
use crate::lang::Lang;
use crate::report::Report;
use crate::revocation::ocsp::OcspResponse;
use crate::rule::{Severity, Verdict};

/// Why a peer's certificate was refused: the report of its verification.
#[derive(Debug)]
pub struct Refusal {
    report: Report,
}

impl Refusal {
    /// The full report.
    pub fn report(&self) -> &Report {
        &self.report
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<String> = self
            .report
            .findings()
            .iter()
            .filter(|finding| finding.severity() == Severity::Error)
            .map(|finding| format!("{}: {}", finding.code(), finding.message(Lang::En)))
            .collect();
        write!(f, "certificate refused by sceau: {}", errors.join("; "))
    }
}

impl std::error::Error for Refusal {}

fn refuse(report: Report) -> rustls::Error {
    rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(Refusal {
        report,
    }))))
}

/// The handshake-signature methods both verifier traits require, checked by rustls's ring
/// provider: the certificate path is sceau's business, the TLS signature is the provider's.
macro_rules! handshake_signatures {
    () => {
        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            verify_tls12_signature(message, cert, dss, &self.algorithms)
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            verify_tls13_signature(message, cert, dss, &self.algorithms)
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            self.algorithms.supported_schemes()
        }
    };
}

fn algorithms() -> WebPkiSupportedAlgorithms {
    rustls::crypto::ring::default_provider().signature_verification_algorithms
}

fn chain_of<'a>(
    end_entity: &CertificateDer<'a>,
    intermediates: &[CertificateDer<'a>],
) -> Vec<CertificateDer<'a>> {
    let mut chain = Vec::with_capacity(intermediates.len() + 1);
    chain.push(end_entity.clone());
    chain.extend(intermediates.iter().cloned());
    chain
}

/// Verifies TLS servers' certificates (a client's side): the name is the one the client
/// connects to; a stapled OCSP response counts as evidence.
#[derive(Debug)]
pub struct SceauServerVerifier {
    verifier: Verifier,
    algorithms: WebPkiSupportedAlgorithms,
}

impl SceauServerVerifier {
    /// Wraps `verifier`; its options' time is replaced by the handshake's.
    pub fn new(verifier: Verifier) -> Arc<Self> {
        Arc::new(SceauServerVerifier {
            verifier,
            algorithms: algorithms(),
        })
    }
}

impl ServerCertVerifier for SceauServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let stapled: Vec<OcspResponse> = if ocsp_response.is_empty() {
            Vec::new()
        } else {
            // An unreadable stapled response is no evidence; the policy decides what that means.
            OcspResponse::from_der(ocsp_response.to_vec())
                .into_iter()
                .collect()
        };
        let report = self.verifier.verify_at(
            &chain_of(end_entity, intermediates),
            Some(server_name),
            now,
            &stapled,
        );
        match report.verdict() {
            Verdict::Accepted => Ok(ServerCertVerified::assertion()),
            Verdict::Rejected => Err(refuse(report)),
        }
    }

    handshake_signatures!();
}

/// Verifies TLS clients' certificates (a server's side); client authentication is mandatory
/// and the trust anchors' subjects are offered as hints.
#[derive(Debug)]
pub struct SceauClientVerifier {
    verifier: Verifier,
    algorithms: WebPkiSupportedAlgorithms,
    hints: Vec<DistinguishedName>,
}

impl SceauClientVerifier {
    /// Wraps `verifier`; its options' time is replaced by the handshake's.
    pub fn new(verifier: Verifier) -> Arc<Self> {
        let hints = verifier
            .anchor_certificates()
            .iter()
            .filter_map(|der| {
                X509Certificate::from_der(der)
                    .ok()
                    .map(|(_, c)| DistinguishedName::from(c.subject().as_raw().to_vec()))
            })
            .collect();
        Arc::new(SceauClientVerifier {
            verifier,
            algorithms: algorithms(),
            hints,
        })
    }
}

impl ClientCertVerifier for SceauClientVerifier {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &self.hints
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        let report = self
            .verifier
            .verify_at(&chain_of(end_entity, intermediates), None, now, &[]);
        match report.verdict() {
            Verdict::Accepted => Ok(ClientCertVerified::assertion()),
            Verdict::Rejected => Err(refuse(report)),
        }
    }

    handshake_signatures!();
}
