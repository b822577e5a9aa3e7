//! The facts of an issued certificate, read once from the DER and shared by the product
//! checks, matching, lifecycle and chain reports.

use asn1_rs::{oid, FromDer, Oid};
use serde::Serialize;
use std::borrow::Cow;
use x509_parser::prelude::*;

use crate::derwalk;
use crate::error::{Error, ObjectKind, Result};
use crate::input::{self, Form};
use crate::public_key::{KeyFacts, PublicKey};
use crate::signature::SignatureScheme;
use crate::x509::{
    dn_text, read_extension, read_subject, smtp_utf8_mailbox, subject_attributes, ExtensionReading,
    NameView, RequestedName, SubjectAttribute,
};

/// basicConstraints as the certificate carries them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BasicConstraintsFact {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint.
    pub path_len: Option<u32>,
    /// Whether the extension is marked critical.
    pub critical: bool,
}

/// A directoryName of the subjectAltName, read like the subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SanDirectoryName {
    /// Its position among the subjectAltName entries (`CertFacts::names`).
    pub index: usize,
    /// Its attributes, in order.
    pub attributes: Vec<SubjectAttribute>,
}

/// One extension as the certificate carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtensionFact {
    /// Its name (`keyUsage`, `authorityInfoAccess`…), or the dotted OID when sceau knows none.
    pub name: Cow<'static, str>,
    /// Dotted OID.
    pub oid: Cow<'static, str>,
    /// Whether it is marked critical.
    pub critical: bool,
    /// Whether its value could be decoded (an extension sceau does not decode counts as read).
    pub readable: bool,
}

/// Everything sceau read from a certificate.
#[derive(Clone, Debug, Serialize)]
pub struct CertFacts {
    /// How the certificate was written.
    pub form: Form,
    /// X.509 version (2 means v3).
    pub version: u32,
    /// Serial number in hex.
    pub serial: String,
    /// Issuer DN as text.
    pub issuer_dn: String,
    /// Subject DN as text.
    pub subject_dn: String,
    /// The subject's attributes, in order.
    pub subject: Vec<SubjectAttribute>,
    /// The first CN.
    pub common_name: Option<String>,
    /// subjectAltName entries.
    pub names: Vec<RequestedName>,
    /// Whether the certificate has a subjectAltName extension.
    pub san_present: bool,
    /// The directoryName entries of the subjectAltName.
    pub san_directory_names: Vec<SanDirectoryName>,
    /// The addresses of the subjectAltName's otherNames of type SmtpUTF8Mailbox (RFC 9598).
    pub smtp_utf8_mailboxes: Vec<String>,
    /// notBefore, seconds since the epoch.
    pub not_before: i64,
    /// notAfter, seconds since the epoch.
    pub not_after: i64,
    /// The public key.
    pub key: KeyFacts,
    /// The signature algorithm of the issuer.
    pub signature_algorithm: SignatureScheme,
    /// keyUsage bits, when the extension is present.
    pub key_usage: Option<Vec<String>>,
    /// extendedKeyUsage purposes, when the extension is present.
    pub extended_key_usage: Option<Vec<String>>,
    /// basicConstraints, when present.
    pub basic_constraints: Option<BasicConstraintsFact>,
    /// certificatePolicies OIDs.
    pub policies: Vec<String>,
    /// Whether issuer and subject are the same name.
    pub self_issued: bool,
    /// Every extension, in order, with its criticality.
    pub extensions: Vec<ExtensionFact>,
    /// Whether the outer signatureAlgorithm differs from tbsCertificate.signature (RFC 5280
    /// §4.1.1.2: they MUST be equal; the outer one is not signed).
    pub signature_algorithm_mismatch: bool,
    /// The DER of tbsCertificate.signature (the signed AlgorithmIdentifier), for the profiles
    /// that list the exact encodings they allow.
    #[serde(skip)]
    pub signature_algorithm_der: Vec<u8>,
    /// subjectKeyIdentifier, in hex, when present and readable.
    pub subject_key_id: Option<String>,
    /// authorityKeyIdentifier, when present and readable.
    pub authority_key_id: Option<AuthorityKeyIdFact>,
    /// certificatePolicies in detail: each PolicyInformation, its qualifiers, whether well formed.
    pub policy_information: crate::cert::policies::PolicyFacts,
    /// authorityInfoAccess and cRLDistributionPoints in detail: each access description and distribution point.
    pub revocation_info: crate::cert::revocation_info::RevocationInfo,
    /// The cabfOrganizationIdentifier extension (2.23.140.3.1, EV Guidelines §9.8.2), decoded,
    /// when present.
    pub cabf_organization_identifier: Option<crate::cert::organization_id::OrgIdExtension>,
}

/// authorityKeyIdentifier as the certificate carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthorityKeyIdFact {
    /// keyIdentifier in hex, when present.
    pub key_id: Option<String>,
    /// Whether authorityCertIssuer is present.
    pub has_issuer: bool,
    /// Whether authorityCertSerialNumber is present.
    pub has_serial: bool,
}

impl CertFacts {
    /// Reads the facts of a parsed certificate.
    pub(crate) fn read(cert: &X509Certificate<'_>, form: Form) -> CertFacts {
        let subject = read_subject(cert.subject());
        let spki = cert.public_key();
        let mut facts = CertFacts {
            form,
            version: cert.version().0,
            serial: crate::derwalk::hex_text(cert.raw_serial()),
            issuer_dn: dn_text(cert.issuer()),
            subject_dn: subject.text,
            subject: subject.attributes,
            common_name: subject.common_name,
            names: Vec::new(),
            san_present: false,
            san_directory_names: Vec::new(),
            smtp_utf8_mailboxes: Vec::new(),
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            key: PublicKey::from_spki(spki).facts(spki.raw),
            signature_algorithm: SignatureScheme::from_algorithm(&cert.signature_algorithm),
            key_usage: None,
            extended_key_usage: None,
            basic_constraints: None,
            policies: Vec::new(),
            self_issued: cert.subject().as_raw() == cert.issuer().as_raw(),
            extensions: Vec::new(),
            signature_algorithm_mismatch: false,
            signature_algorithm_der: Vec::new(),
            subject_key_id: None,
            authority_key_id: None,
            policy_information: crate::cert::policies::read(cert),
            revocation_info: crate::cert::revocation_info::read(cert),
            cabf_organization_identifier: crate::cert::organization_id::read(cert),
        };
        for ext in cert.extensions() {
            // Known extensions by their OID bytes: no dotted text formatted for them.
            let (name, oid): (Cow<'static, str>, Cow<'static, str>) = match EXTENSION_NAMES
                .iter()
                .find(|(known, _, _)| *known == ext.oid)
            {
                Some((_, dotted, name)) => (Cow::Borrowed(*name), Cow::Borrowed(*dotted)),
                None => {
                    let dotted = crate::x509::dotted(&ext.oid);
                    (Cow::Owned(dotted.clone()), Cow::Owned(dotted))
                }
            };
            facts.extensions.push(ExtensionFact {
                name,
                oid,
                critical: ext.critical,
                readable: !matches!(ext.parsed_extension(), ParsedExtension::ParseError { .. }),
            });
            match ext.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(id) => {
                    facts.subject_key_id = Some(crate::derwalk::hex_text(id.0))
                }
                ParsedExtension::SubjectAlternativeName(san) => {
                    // Like `names`, the last subjectAltName extension is the one read.
                    facts.san_directory_names.clear();
                    facts.smtp_utf8_mailboxes.clear();
                    for (index, name) in san.general_names.iter().enumerate() {
                        match name {
                            GeneralName::DirectoryName(dn) => {
                                facts.san_directory_names.push(SanDirectoryName {
                                    index,
                                    attributes: subject_attributes(dn),
                                })
                            }
                            GeneralName::OtherName(type_id, value) => {
                                if let Some(mailbox) = smtp_utf8_mailbox(type_id, value) {
                                    facts.smtp_utf8_mailboxes.push(mailbox);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                ParsedExtension::AuthorityKeyIdentifier(aki) => {
                    facts.authority_key_id = Some(AuthorityKeyIdFact {
                        key_id: aki
                            .key_identifier
                            .as_ref()
                            .map(|id| crate::derwalk::hex_text(id.0)),
                        has_issuer: aki.authority_cert_issuer.is_some(),
                        has_serial: aki.authority_cert_serial.is_some(),
                    })
                }
                _ => {}
            }
            match read_extension(ext) {
                ExtensionReading::SubjectAltName(names) => {
                    facts.san_present = true;
                    facts.names = names;
                }
                ExtensionReading::KeyUsage(bits) => facts.key_usage = Some(bits),
                ExtensionReading::ExtendedKeyUsage(purposes) => {
                    facts.extended_key_usage = Some(purposes)
                }
                ExtensionReading::BasicConstraints { ca, path_len } => {
                    facts.basic_constraints = Some(BasicConstraintsFact {
                        ca,
                        path_len,
                        critical: ext.critical,
                    })
                }
                ExtensionReading::Policies(oids) => facts.policies = oids,
                ExtensionReading::Malformed | ExtensionReading::Other => {}
            }
        }
        facts
    }

    /// The extension named `name` (`keyUsage`), when present.
    pub fn extension(&self, name: &str) -> Option<&ExtensionFact> {
        self.extensions.iter().find(|e| e.name == name)
    }

    /// Seconds from notBefore through notAfter inclusive (CA/B BR §6.3.2's measure).
    pub fn validity_seconds(&self) -> i64 {
        self.not_after - self.not_before + 1
    }

    /// What a product's name rules read from this certificate.
    pub fn name_view(&self) -> NameView<'_> {
        NameView {
            common_name: self.common_name.as_deref(),
            names: &self.names,
            subject: &self.subject,
            ekus: self.extended_key_usage.as_deref().unwrap_or_default(),
            certificate: true,
            self_issued: self.self_issued,
        }
    }
}

/// The names of the extensions certificate profiles speak of, by OID (RFC 5280 §4.2, RFC 6962,
/// RFC 6960, RFC 3739, RFC 5280 §4.2.2).
const EXTENSION_NAMES: &[(Oid<'static>, &str, &str)] = &[
    (oid!(2.5.29 .14), "2.5.29.14", "subjectKeyIdentifier"),
    (oid!(2.5.29 .15), "2.5.29.15", "keyUsage"),
    (oid!(2.5.29 .17), "2.5.29.17", "subjectAltName"),
    (oid!(2.5.29 .18), "2.5.29.18", "issuerAltName"),
    (oid!(2.5.29 .19), "2.5.29.19", "basicConstraints"),
    (oid!(2.5.29 .30), "2.5.29.30", "nameConstraints"),
    (oid!(2.5.29 .31), "2.5.29.31", "cRLDistributionPoints"),
    (oid!(2.5.29 .32), "2.5.29.32", "certificatePolicies"),
    (oid!(2.5.29 .33), "2.5.29.33", "policyMappings"),
    (oid!(2.5.29 .35), "2.5.29.35", "authorityKeyIdentifier"),
    (oid!(2.5.29 .36), "2.5.29.36", "policyConstraints"),
    (oid!(2.5.29 .37), "2.5.29.37", "extKeyUsage"),
    (oid!(2.5.29 .46), "2.5.29.46", "freshestCRL"),
    (oid!(2.5.29 .54), "2.5.29.54", "inhibitAnyPolicy"),
    (oid!(2.5.29 .9), "2.5.29.9", "subjectDirectoryAttributes"),
    (
        oid!(1.3.6 .1 .5 .5 .7 .1 .1),
        "1.3.6.1.5.5.7.1.1",
        "authorityInfoAccess",
    ),
    (
        oid!(1.3.6 .1 .5 .5 .7 .1 .3),
        "1.3.6.1.5.5.7.1.3",
        "qcStatements",
    ),
    (
        oid!(1.3.6 .1 .5 .5 .7 .1 .11),
        "1.3.6.1.5.5.7.1.11",
        "subjectInfoAccess",
    ),
    (
        oid!(1.3.6 .1 .5 .5 .7 .48 .1 .5),
        "1.3.6.1.5.5.7.48.1.5",
        "ocspNoCheck",
    ),
    (
        oid!(1.3.6 .1 .4 .1 .11129 .2 .4 .2),
        "1.3.6.1.4.1.11129.2.4.2",
        "signedCertificateTimestampList",
    ),
    (
        oid!(1.3.6 .1 .4 .1 .11129 .2 .4 .3),
        "1.3.6.1.4.1.11129.2.4.3",
        "precertificatePoison",
    ),
    (
        oid!(2.23.140 .3 .1),
        "2.23.140.3.1",
        "cabfOrganizationIdentifier",
    ),
];

/// Parses one certificate (PEM, base64 or DER), naming what the bytes are when they are not one.
pub fn read_certificate(input: &[u8]) -> Result<CertFacts> {
    let decoded = input::decode(input, ObjectKind::Certificate)?;
    let der: &[u8] = &decoded.der;
    let cert = input::complete(der, X509Certificate::from_der(der), ObjectKind::Certificate)?;
    // x509-parser reads a re-tagged outer algorithm or unused signature bits without a word.
    let mismatch =
        derwalk::check_signed(der, true, "Certificate").map_err(|detail| Error::BadDer {
            detail,
            expected: ObjectKind::Certificate,
        })?;
    let mut facts = CertFacts::read(&cert, decoded.form.clone());
    facts.signature_algorithm_mismatch = mismatch;
    facts.signature_algorithm_der = derwalk::signed_algorithm(der).unwrap_or_default();
    Ok(facts)
}
