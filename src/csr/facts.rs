//! The facts of a CSR, read once from the decoded request and kept for every later use:
//! subject, requested names, key, signature algorithm, requested usages, attributes.

use asn1_rs::Oid;
use serde::Serialize;
use x509_parser::prelude::*;

use crate::algorithms::SignatureScheme;
use crate::i18n::Lang;
use crate::input::Form;
use crate::keys::KeyFacts;
use crate::x509::{
    distinguished_name_text, eku_names, general_name, key_usage_names, subject_attributes,
    RequestedName, SubjectAttribute,
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
    KeyMismatch(String),
    /// sceau cannot verify this combination (fails closed).
    Unsupported(String),
    /// Not attempted: the algorithm is retired and refused as such.
    NotCheckedRetired,
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
    /// Reads the facts of a parsed request. The proof of possession starts as not checked; the
    /// check decides whether to verify it (a retired algorithm is refused without verifying).
    pub(crate) fn read(
        csr: &X509CertificationRequest<'_>,
        key: &crate::keys::PublicKey<'_>,
        form: Form,
    ) -> CsrFacts {
        let cri = &csr.certification_request_info;
        let subject = subject_attributes(&cri.subject);
        let common_name = subject
            .iter()
            .find(|a| a.name == "CN")
            .and_then(|a| a.value.clone());
        let key = key.facts(cri.subject_pki.raw);
        let mut facts = CsrFacts {
            form,
            version: cri.version.0,
            subject_dn: distinguished_name_text(&subject),
            subject,
            common_name,
            names: Vec::new(),
            san_requested: false,
            key,
            signature_algorithm: SignatureScheme::from_algorithm(&csr.signature_algorithm),
            proof_of_possession: Possession::NotCheckedRetired,
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
                ParsedCriAttribute::UnsupportedAttribute => {
                    facts.other_attributes.push(attribute.oid.to_id_string())
                }
            }
        }
        facts
    }

    fn read_extensions(&mut self, extensions: &[X509Extension<'_>]) {
        let mut seen: Vec<&Oid<'_>> = Vec::new();
        for ext in extensions {
            if seen.contains(&&ext.oid) {
                self.duplicate_extensions.push(ext.oid.to_id_string());
            }
            seen.push(&ext.oid);
            match ext.parsed_extension() {
                ParsedExtension::SubjectAlternativeName(san) => {
                    self.san_requested = true;
                    self.names
                        .extend(san.general_names.iter().map(general_name));
                }
                ParsedExtension::KeyUsage(ku) => self.requested_key_usage = key_usage_names(ku),
                ParsedExtension::ExtendedKeyUsage(eku) => {
                    self.requested_extended_key_usage = eku_names(eku)
                }
                ParsedExtension::BasicConstraints(bc) => {
                    self.requested_basic_constraints = Some(RequestedBasicConstraints {
                        ca: bc.ca,
                        path_len: bc.path_len_constraint,
                    })
                }
                ParsedExtension::ParseError { .. } => {
                    self.malformed_extensions.push(ext.oid.to_id_string())
                }
                _ => self.other_extensions.push(ext.oid.to_id_string()),
            }
        }
    }

    /// What a product's name rules read from this request.
    pub fn name_view(&self) -> crate::profile::NameView<'_> {
        crate::profile::NameView {
            common_name: self.common_name.as_deref(),
            names: &self.names,
            subject: &self.subject,
            ekus: &self.requested_extended_key_usage,
            certificate: false,
        }
    }

    /// Every DNS name the request asks for: the CN when it names a host, then the SAN dNSNames.
    pub fn dns_names(&self) -> Vec<&str> {
        self.name_view().dns_names(true)
    }

    /// A few lines for a person: subject, names, key, signature.
    pub fn summary(&self, lang: Lang) -> String {
        let mut out = String::new();
        let key = match (&self.key.curve, self.key.exponent) {
            (Some(curve), _) => format!("EC {}", curve.name()),
            (None, Some(e)) => format!(
                "{} {} bits, e={e}",
                self.key.algorithm.to_uppercase(),
                self.key.bits
            ),
            (None, None) => format!("{} {}", self.key.algorithm, self.key.bits),
        };
        let pop = match (&self.proof_of_possession, lang) {
            (Possession::Verified, Lang::En) => "proof of possession verified".to_string(),
            (Possession::Verified, Lang::Fr) => "preuve de possession vérifiée".to_string(),
            (_, Lang::En) => "proof of possession NOT verified".to_string(),
            (_, Lang::Fr) => "preuve de possession NON vérifiée".to_string(),
        };
        let names: Vec<String> = self
            .names
            .iter()
            .map(|n| match n {
                RequestedName::Dns(v)
                | RequestedName::Ip(v)
                | RequestedName::Email(v)
                | RequestedName::Uri(v)
                | RequestedName::MalformedIp(v)
                | RequestedName::Other(v) => v.clone(),
            })
            .collect();
        let (l_subject, l_names, l_key, l_sig) = match lang {
            Lang::En => ("subject", "names", "key", "signature"),
            Lang::Fr => ("sujet", "noms", "clé", "signature"),
        };
        out.push_str(&format!("  {l_subject:<10} {}\n", self.subject_dn));
        if !names.is_empty() {
            out.push_str(&format!("  {l_names:<10} {}\n", names.join(", ")));
        }
        out.push_str(&format!("  {l_key:<10} {key}\n"));
        out.push_str(&format!(
            "  {l_sig:<10} {}; {pop}\n",
            self.signature_algorithm.name()
        ));
        out
    }
}
