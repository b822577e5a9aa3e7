//! The facts of a CSR, read once from the decoded request and kept for every later use:
//! subject, requested names, key, signature algorithm, requested usages, attributes.

use std::borrow::Cow;
use std::net::IpAddr;

use asn1_rs::{oid, Oid, Tag};
use serde::Serialize;
use x509_parser::prelude::*;

use crate::algorithms::SignatureScheme;
use crate::i18n::Lang;
use crate::input::Form;
use crate::keys::KeyFacts;

/// One attribute of the subject DN, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubjectAttribute {
    /// Short name (`CN`, `O`, `C`...) or the dotted OID when it has none.
    pub name: Cow<'static, str>,
    /// Dotted OID.
    pub oid: Cow<'static, str>,
    /// The ASN.1 string type it was encoded with.
    pub string_type: Cow<'static, str>,
    /// The value, when it could be decoded as text.
    pub value: Option<String>,
}

/// A name the request asks to be certified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum RequestedName {
    /// A dNSName.
    Dns(String),
    /// An iPAddress.
    Ip(String),
    /// An rfc822Name.
    Email(String),
    /// A uniformResourceIdentifier.
    Uri(String),
    /// An iPAddress entry that is neither 4 nor 16 octets.
    MalformedIp(String),
    /// Another GeneralName form, described.
    Other(String),
}

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

const ATTRIBUTE_NAMES: &[(Oid<'static>, &str, &str)] = &[
    (oid!(2.5.4 .3), "CN", "2.5.4.3"),
    (oid!(2.5.4 .6), "C", "2.5.4.6"),
    (oid!(2.5.4 .7), "L", "2.5.4.7"),
    (oid!(2.5.4 .8), "ST", "2.5.4.8"),
    (oid!(2.5.4 .10), "O", "2.5.4.10"),
    (oid!(2.5.4 .11), "OU", "2.5.4.11"),
    (oid!(2.5.4 .5), "serialNumber", "2.5.4.5"),
    (oid!(2.5.4 .9), "street", "2.5.4.9"),
    (oid!(2.5.4 .17), "postalCode", "2.5.4.17"),
    (oid!(2.5.4 .4), "SN", "2.5.4.4"),
    (oid!(2.5.4 .42), "GN", "2.5.4.42"),
    (oid!(2.5.4 .12), "title", "2.5.4.12"),
    (oid!(2.5.4 .15), "businessCategory", "2.5.4.15"),
    (oid!(2.5.4 .97), "organizationIdentifier", "2.5.4.97"),
    (oid!(2.5.4 .65), "pseudonym", "2.5.4.65"),
    (
        oid!(1.2.840 .113549 .1 .9 .1),
        "emailAddress",
        "1.2.840.113549.1.9.1",
    ),
    (
        oid!(0.9.2342 .19200300 .100 .1 .25),
        "DC",
        "0.9.2342.19200300.100.1.25",
    ),
    (
        oid!(0.9.2342 .19200300 .100 .1 .1),
        "UID",
        "0.9.2342.19200300.100.1.1",
    ),
    (
        oid!(1.3.6 .1 .4 .1 .311 .60 .2 .1 .3),
        "jurisdictionC",
        "1.3.6.1.4.1.311.60.2.1.3",
    ),
    (
        oid!(1.3.6 .1 .4 .1 .311 .60 .2 .1 .2),
        "jurisdictionST",
        "1.3.6.1.4.1.311.60.2.1.2",
    ),
    (
        oid!(1.3.6 .1 .4 .1 .311 .60 .2 .1 .1),
        "jurisdictionL",
        "1.3.6.1.4.1.311.60.2.1.1",
    ),
];

/// The short name and dotted form of an attribute type; unknown types are named by their OID.
fn attribute_name(oid: &Oid<'_>) -> (Cow<'static, str>, Cow<'static, str>) {
    match ATTRIBUTE_NAMES.iter().find(|(o, _, _)| o == oid) {
        Some((_, name, dotted)) => (Cow::Borrowed(*name), Cow::Borrowed(*dotted)),
        None => {
            let dotted = oid.to_id_string();
            (Cow::Owned(dotted.clone()), Cow::Owned(dotted))
        }
    }
}

/// Decodes an attribute value of any of the string types a DN may use.
fn decode_string(tag: Tag, data: &[u8]) -> Option<String> {
    match tag {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => std::str::from_utf8(data).ok().map(str::to_string),
        Tag::BmpString => {
            if data.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = data
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        Tag::UniversalString => {
            if data.len() % 4 != 0 {
                return None;
            }
            data.chunks(4)
                .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                .collect()
        }
        // T.61 is close enough to Latin-1 for the names CAs see.
        Tag::TeletexString => Some(data.iter().map(|b| char::from(*b)).collect()),
        _ => None,
    }
}

fn string_type_name(tag: Tag) -> Cow<'static, str> {
    Cow::Borrowed(match tag {
        Tag::Utf8String => "UTF8String",
        Tag::PrintableString => "PrintableString",
        Tag::Ia5String => "IA5String",
        Tag::NumericString => "NumericString",
        Tag::VisibleString => "VisibleString",
        Tag::BmpString => "BMPString",
        Tag::UniversalString => "UniversalString",
        Tag::TeletexString => "TeletexString",
        other => return Cow::Owned(format!("{other:?}")),
    })
}

/// Reads the subject of a DN.
pub(crate) fn subject_attributes(name: &X509Name<'_>) -> Vec<SubjectAttribute> {
    name.iter_attributes()
        .map(|atv| {
            let value = atv.attr_value();
            let (name, oid) = attribute_name(atv.attr_type());
            SubjectAttribute {
                name,
                oid,
                string_type: string_type_name(value.tag()),
                value: decode_string(value.tag(), value.data),
            }
        })
        .collect()
}

/// `C=FR, O=Exemple SA, CN=www.exemple.fr`: the subject in encoded order, for people.
pub(crate) fn distinguished_name_text(attributes: &[SubjectAttribute]) -> String {
    let mut out = String::with_capacity(attributes.len() * 16);
    for (i, a) in attributes.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&a.name);
        out.push('=');
        out.push_str(a.value.as_deref().unwrap_or("#undecodable"));
    }
    out
}

fn general_name(name: &GeneralName<'_>) -> RequestedName {
    match name {
        GeneralName::DNSName(s) => RequestedName::Dns((*s).to_string()),
        GeneralName::RFC822Name(s) => RequestedName::Email((*s).to_string()),
        GeneralName::URI(s) => RequestedName::Uri((*s).to_string()),
        GeneralName::IPAddress(bytes) => match bytes.len() {
            4 => {
                let octets: [u8; 4] = [bytes[0], bytes[1], bytes[2], bytes[3]];
                RequestedName::Ip(IpAddr::from(octets).to_string())
            }
            16 => {
                let mut octets = [0u8; 16];
                octets.copy_from_slice(bytes);
                RequestedName::Ip(IpAddr::from(octets).to_string())
            }
            _ => RequestedName::MalformedIp(hex::encode(bytes)),
        },
        GeneralName::OtherName(oid, _) => RequestedName::Other(format!("otherName {oid}")),
        GeneralName::DirectoryName(dn) => RequestedName::Other(format!("directoryName {dn}")),
        GeneralName::RegisteredID(oid) => RequestedName::Other(format!("registeredID {oid}")),
        GeneralName::X400Address(_) => RequestedName::Other("x400Address".into()),
        GeneralName::EDIPartyName(_) => RequestedName::Other("ediPartyName".into()),
        GeneralName::Invalid(tag, _) => {
            RequestedName::Other(format!("invalid GeneralName {tag:?}"))
        }
    }
}

fn key_usage_names(ku: &KeyUsage) -> Vec<String> {
    let bits = [
        (ku.digital_signature(), "digitalSignature"),
        (ku.non_repudiation(), "nonRepudiation"),
        (ku.key_encipherment(), "keyEncipherment"),
        (ku.data_encipherment(), "dataEncipherment"),
        (ku.key_agreement(), "keyAgreement"),
        (ku.key_cert_sign(), "keyCertSign"),
        (ku.crl_sign(), "cRLSign"),
        (ku.encipher_only(), "encipherOnly"),
        (ku.decipher_only(), "decipherOnly"),
    ];
    bits.iter()
        .filter(|(set, _)| *set)
        .map(|(_, n)| (*n).to_string())
        .collect()
}

fn eku_names(eku: &ExtendedKeyUsage<'_>) -> Vec<String> {
    let known = [
        (eku.any, "anyExtendedKeyUsage"),
        (eku.server_auth, "serverAuth"),
        (eku.client_auth, "clientAuth"),
        (eku.code_signing, "codeSigning"),
        (eku.email_protection, "emailProtection"),
        (eku.time_stamping, "timeStamping"),
        (eku.ocsp_signing, "OCSPSigning"),
    ];
    let mut out: Vec<String> = known
        .iter()
        .filter(|(set, _)| *set)
        .map(|(_, n)| (*n).to_string())
        .collect();
    out.extend(eku.other.iter().map(|o| o.to_id_string()));
    out
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

    /// Every DNS name the request asks for: the CN when it names a host, then the SAN dNSNames.
    pub fn dns_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        if let Some(cn) = &self.common_name {
            if crate::names::looks_like_host(cn) && !crate::names::is_ip_address(cn) {
                out.push(cn);
            }
        }
        for name in &self.names {
            if let RequestedName::Dns(d) = name {
                if !out.iter().any(|o| o.eq_ignore_ascii_case(d)) {
                    out.push(d);
                }
            }
        }
        out
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
