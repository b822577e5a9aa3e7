//! The facts of a CSR, read once from the decoded request and kept for every later use:
//! subject, requested names, key, signature algorithm, requested usages, attributes.

use std::collections::HashSet;

use asn1_rs::FromDer;
use serde::Serialize;
use x509_parser::prelude::*;

use crate::derwalk;
use crate::error::{Error, ObjectKind, Result};
use crate::input::{self, Form};
use crate::lang::Localized;
use crate::public_key::{KeyFacts, PublicKey};
use crate::signature::SignatureScheme;
use crate::x509::{
    read_extension, read_subject, ExtensionReading, NameView, RequestedName, SubjectAttribute,
};

/// The outcome of checking the CSR's signature with its own key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Possession {
    /// The signature verifies: the requester holds the private key.
    Verified,
    /// The signature does not verify.
    Invalid,
    /// The signature algorithm does not fit the key.
    KeyMismatch(Localized),
    /// sceau cannot verify this combination (fails closed).
    Unsupported(Localized),
    /// Not attempted: the algorithm is retired and refused as such.
    NotCheckedRetired,
    /// Not established yet: the facts were read without judging the request. Fails.
    NotChecked,
}

/// The basicConstraints the request asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestedBasicConstraints {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint.
    pub path_len: Option<u32>,
}

/// Everything sceau read from a CSR.
#[derive(Clone, Debug, Serialize)]
pub struct CsrFacts {
    /// How the CSR was written.
    pub form: Form,
    /// The version field (0 means v1, the only one defined).
    pub version: u32,
    /// The subject DN as text (RFC 4514 order as encoded).
    pub subject_dn: String,
    /// The subject's attributes, in order.
    pub subject: Vec<SubjectAttribute>,
    /// The first CN, when present and decodable.
    pub common_name: Option<String>,
    /// Names from the requested subjectAltName.
    pub names: Vec<RequestedName>,
    /// Whether a subjectAltName extension was requested at all.
    pub san_requested: bool,
    /// The public key.
    pub key: KeyFacts,
    /// The signature algorithm.
    pub signature_algorithm: SignatureScheme,
    /// The proof of possession.
    pub proof_of_possession: Possession,
    /// Requested keyUsage bits, by name.
    pub requested_key_usage: Vec<String>,
    /// Requested extendedKeyUsage purposes, by name or dotted OID.
    pub requested_extended_key_usage: Vec<String>,
    /// Requested basicConstraints.
    pub requested_basic_constraints: Option<RequestedBasicConstraints>,
    /// Whether a challengePassword attribute is present (its value is never copied).
    pub challenge_password: bool,
    /// OIDs of other attributes.
    pub other_attributes: Vec<String>,
    /// OIDs of requested extensions that could not be parsed.
    pub malformed_extensions: Vec<String>,
    /// OIDs of extensions requested more than once.
    pub duplicate_extensions: Vec<String>,
    /// OIDs of requested extensions sceau does not interpret.
    pub other_extensions: Vec<String>,
}

impl CsrFacts {
    /// Reads the facts of a parsed request. The proof of possession starts as not established,
    /// which fails; the intake check verifies it (or refuses a retired algorithm without
    /// verifying).
    pub(crate) fn read(
        csr: &X509CertificationRequest<'_>,
        key: &PublicKey<'_>,
        form: Form,
    ) -> CsrFacts {
        let cri = &csr.certification_request_info;
        let subject = read_subject(&cri.subject);
        let mut facts = CsrFacts {
            form,
            version: cri.version.0,
            subject_dn: subject.text,
            subject: subject.attributes,
            common_name: subject.common_name,
            names: Vec::new(),
            san_requested: false,
            key: key.facts(cri.subject_pki.raw),
            signature_algorithm: SignatureScheme::from_algorithm(&csr.signature_algorithm),
            proof_of_possession: Possession::NotChecked,
            requested_key_usage: Vec::new(),
            requested_extended_key_usage: Vec::new(),
            requested_basic_constraints: None,
            challenge_password: false,
            other_attributes: Vec::new(),
            malformed_extensions: Vec::new(),
            duplicate_extensions: Vec::new(),
            other_extensions: Vec::new(),
        };
        for attribute in cri.iter_attributes() {
            match attribute.parsed_attribute() {
                ParsedCriAttribute::ChallengePassword(_) => facts.challenge_password = true,
                ParsedCriAttribute::ExtensionRequest(request) => {
                    facts.read_extensions(&request.extensions)
                }
                ParsedCriAttribute::UnsupportedAttribute => facts
                    .other_attributes
                    .push(crate::x509::dotted(&attribute.oid)),
            }
        }
        facts
    }

    fn read_extensions(&mut self, extensions: &[X509Extension<'_>]) {
        // A set: a hostile request may carry many thousand extensions.
        let mut seen: HashSet<&[u8]> = HashSet::new();
        for ext in extensions {
            if !seen.insert(ext.oid.as_bytes()) {
                self.duplicate_extensions
                    .push(crate::x509::dotted(&ext.oid));
            }
            match read_extension(ext) {
                ExtensionReading::SubjectAltName(names) => {
                    self.san_requested = true;
                    self.names.extend(names);
                }
                ExtensionReading::KeyUsage(bits) => self.requested_key_usage = bits,
                ExtensionReading::ExtendedKeyUsage(purposes) => {
                    self.requested_extended_key_usage = purposes
                }
                ExtensionReading::BasicConstraints { ca, path_len } => {
                    self.requested_basic_constraints =
                        Some(RequestedBasicConstraints { ca, path_len })
                }
                ExtensionReading::Malformed => self
                    .malformed_extensions
                    .push(crate::x509::dotted(&ext.oid)),
                ExtensionReading::Policies(_) | ExtensionReading::Other => {
                    self.other_extensions.push(crate::x509::dotted(&ext.oid))
                }
            }
        }
    }

    /// Reads a CSR's facts without judging it (no proof of possession, no rules): for comparing
    /// it with what was issued.
    pub fn read_only(input: &[u8]) -> Result<CsrFacts> {
        let decoded = input::decode(input, ObjectKind::Csr)?;
        let csr = parse(&decoded.der)?;
        let key = PublicKey::from_spki(&csr.certification_request_info.subject_pki);
        Ok(CsrFacts::read(&csr, &key, decoded.form.clone()))
    }

    /// What a product's name rules read from this request.
    pub fn name_view(&self) -> NameView<'_> {
        NameView {
            common_name: self.common_name.as_deref(),
            names: &self.names,
            subject: &self.subject,
            ekus: &self.requested_extended_key_usage,
            certificate: false,
            self_issued: false,
        }
    }

    /// Every DNS name the request asks for: the CN when it names a host, then the SAN dNSNames.
    pub fn dns_names(&self) -> Vec<&str> {
        self.name_view().dns_names(true)
    }
}

/// Parses one complete DER CSR, naming what the bytes are when they are not a CSR.
pub(crate) fn parse(der: &[u8]) -> Result<X509CertificationRequest<'_>> {
    let csr = input::complete(
        der,
        X509CertificationRequest::from_der(der),
        ObjectKind::Csr,
    )?;
    // x509-parser reads a re-tagged outer algorithm or unused signature bits without a word,
    // and the signature would still verify: those bytes are not signed.
    derwalk::check_signed(der, false, "CertificationRequest").map_err(|detail| Error::BadDer {
        detail,
        expected: ObjectKind::Csr,
    })?;
    Ok(csr)
}
