//! Reading the parts every X.509 object shares into owned facts: distinguished names,
//! GeneralNames, key usages, and the subject and extensions that requests and certificates
//! both carry ([`read_subject`], [`read_extension`], [`NameView`]). Used by CSRs and
//! certificates alike.

use std::borrow::Cow;
use std::collections::HashSet;
use std::net::IpAddr;

use asn1_rs::{oid, Oid, Tag};
use serde::Serialize;
use x509_parser::prelude::*;

use crate::derwalk::oid_text;
use crate::host::{is_ip_address, looks_like_host};

/// The dotted form of an OID (`1.3.6.1.5.5.7.48.1`). Not asn1-rs's `to_id_string`, which
/// formats every arc through a big integer and writes 2.999.3 as `3.16.55.3`; asn1-rs only for
/// what [`oid_text`] does not read (an arc past 128 bits). The OIDs x509-parser gives are
/// absolute (OBJECT IDENTIFIER, never RELATIVE-OID).
pub(crate) fn dotted(oid: &Oid<'_>) -> String {
    oid_text(oid.as_bytes()).unwrap_or_else(|| oid.to_id_string())
}

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

/// A name from a subjectAltName: asked for by a request, or carried by a certificate.
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
            let dotted = dotted(oid);
            (Cow::Owned(dotted.clone()), Cow::Owned(dotted))
        }
    }
}

/// Decodes an attribute value of any of the string types a DN may use (borrowed when the
/// bytes are already UTF-8).
fn decode_string(tag: Tag, data: &[u8]) -> Option<Cow<'_, str>> {
    match tag {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => std::str::from_utf8(data).ok().map(Cow::Borrowed),
        Tag::BmpString => {
            if data.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = data
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok().map(Cow::Owned)
        }
        Tag::UniversalString => {
            if data.len() % 4 != 0 {
                return None;
            }
            data.chunks(4)
                .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                .collect::<Option<String>>()
                .map(Cow::Owned)
        }
        // T.61 is close enough to Latin-1 for the names CAs see.
        Tag::TeletexString => Some(Cow::Owned(data.iter().map(|b| char::from(*b)).collect())),
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

/// What the subject of a request or certificate says, read once.
pub(crate) struct SubjectReading {
    /// The attributes, in order.
    pub attributes: Vec<SubjectAttribute>,
    /// The first CN, when present and decodable.
    pub common_name: Option<String>,
    /// The DN as text, in encoded order.
    pub text: String,
}

/// Reads a subject DN.
pub(crate) fn read_subject(name: &X509Name<'_>) -> SubjectReading {
    let attributes = subject_attributes(name);
    let common_name = attributes
        .iter()
        .find(|a| a.name == "CN")
        .and_then(|a| a.value.clone());
    SubjectReading {
        text: distinguished_name_text(&attributes),
        common_name,
        attributes,
    }
}

/// One extension of a request or a certificate, as both read it.
pub(crate) enum ExtensionReading {
    /// subjectAltName entries.
    SubjectAltName(Vec<RequestedName>),
    /// keyUsage bits, by name.
    KeyUsage(Vec<String>),
    /// extendedKeyUsage purposes, by name or dotted OID.
    ExtendedKeyUsage(Vec<String>),
    /// basicConstraints.
    BasicConstraints {
        /// cA.
        ca: bool,
        /// pathLenConstraint.
        path_len: Option<u32>,
    },
    /// certificatePolicies OIDs.
    Policies(Vec<String>),
    /// An extension x509-parser could not decode.
    Malformed,
    /// Any other extension.
    Other,
}

/// Reads one extension.
pub(crate) fn read_extension(ext: &X509Extension<'_>) -> ExtensionReading {
    match ext.parsed_extension() {
        ParsedExtension::SubjectAlternativeName(san) => {
            ExtensionReading::SubjectAltName(san.general_names.iter().map(general_name).collect())
        }
        ParsedExtension::KeyUsage(ku) => ExtensionReading::KeyUsage(key_usage_names(ku)),
        ParsedExtension::ExtendedKeyUsage(eku) => {
            ExtensionReading::ExtendedKeyUsage(eku_names(eku))
        }
        ParsedExtension::BasicConstraints(bc) => ExtensionReading::BasicConstraints {
            ca: bc.ca,
            path_len: bc.path_len_constraint,
        },
        ParsedExtension::CertificatePolicies(policies) => {
            ExtensionReading::Policies(policies.iter().map(|p| dotted(&p.policy_id)).collect())
        }
        ParsedExtension::ParseError { .. } => ExtensionReading::Malformed,
        _ => ExtensionReading::Other,
    }
}

/// The names of an end entity as a product's rules read them, from a request or from a
/// certificate.
#[derive(Clone, Copy, Debug)]
pub struct NameView<'a> {
    /// The first CN.
    pub common_name: Option<&'a str>,
    /// The subjectAltName entries.
    pub names: &'a [RequestedName],
    /// The subject's attributes.
    pub subject: &'a [SubjectAttribute],
    /// The extended key usages asked for or granted.
    pub ekus: &'a [String],
    /// Whether this is an issued certificate (its required subject fields differ).
    pub certificate: bool,
    /// Whether it is a certificate issued by its own subject (a root, for a CA).
    pub self_issued: bool,
}

impl<'a> NameView<'a> {
    /// The DNS names: the CN when it names a host (and the product says CNs do), then the
    /// SAN dNSNames, without repeats.
    pub fn dns_names(&self, cn_is_host: bool) -> Vec<&'a str> {
        let cn = self
            .common_name
            .filter(|cn| cn_is_host && looks_like_host(cn) && !is_ip_address(cn));
        let sans = self.names.iter().filter_map(|name| match name {
            RequestedName::Dns(d) => Some(d.as_str()),
            _ => None,
        });
        // Repeats are found by a set of the names in lower case: linear in the names.
        let mut seen = HashSet::new();
        cn.into_iter()
            .chain(sans)
            .filter(|name| seen.insert(name.to_ascii_lowercase()))
            .collect()
    }
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
                value: decode_string(value.tag(), value.data).map(Cow::into_owned),
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

pub(crate) fn general_name(name: &GeneralName<'_>) -> RequestedName {
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
            _ => RequestedName::MalformedIp(crate::derwalk::hex_text(bytes)),
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

/// id-on-SmtpUTF8Mailbox (RFC 9598).
const SMTP_UTF8_MAILBOX: Oid<'static> = oid!(1.3.6 .1 .5 .5 .7 .8 .9);

/// The address of an otherName of type SmtpUTF8Mailbox (RFC 9598: `[0] EXPLICIT UTF8String`),
/// given the otherName's type and the bytes after it; `None` for another type or a value
/// that is not that.
pub(crate) fn smtp_utf8_mailbox(type_id: &Oid<'_>, value: &[u8]) -> Option<String> {
    use asn1_rs::{Any, Class, FromDer};
    if *type_id != SMTP_UTF8_MAILBOX {
        return None;
    }
    let (_, explicit) = Any::from_der(value).ok()?;
    if explicit.class() != Class::ContextSpecific || explicit.tag() != Tag(0) {
        return None;
    }
    let (_, inner) = Any::from_der(explicit.data).ok()?;
    if inner.class() != Class::Universal || inner.tag() != Tag::Utf8String {
        return None;
    }
    std::str::from_utf8(inner.data).ok().map(str::to_string)
}

pub(crate) fn key_usage_names(ku: &KeyUsage) -> Vec<String> {
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

pub(crate) fn eku_names(eku: &ExtendedKeyUsage<'_>) -> Vec<String> {
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
    out.extend(eku.other.iter().map(dotted));
    out
}

/// A distinguished name as a comparison key, after RFC 5280 §7.1 / RFC 4518: attribute by
/// attribute, strings with their white space collapsed and their case folded; values that are
/// not strings are kept as hex.
pub(crate) fn dn_key(name: &X509Name<'_>) -> String {
    let mut out = String::with_capacity(name.as_raw().len());
    for (i, rdn) in name.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_rdn_key(&mut out, rdn);
    }
    out
}

/// One RDN as a comparison key (see [`dn_key`]).
pub(crate) fn rdn_key(rdn: &RelativeDistinguishedName<'_>) -> String {
    let mut out = String::new();
    push_rdn_key(&mut out, rdn);
    out
}

/// Writes an RDN's key into `out`: its attributes' keys sorted (a multi-valued RDN is a set)
/// and joined by `+`. Names are compared on every revocation lookup whose bytes differ, so the
/// usual single-valued RDN is written in place.
fn push_rdn_key(out: &mut String, rdn: &RelativeDistinguishedName<'_>) {
    let mut attributes = rdn.iter();
    match (attributes.next(), attributes.next()) {
        (None, _) => {}
        (Some(only), None) => push_attribute_key(out, only),
        _ => {
            let mut parts: Vec<String> = rdn
                .iter()
                .map(|atv| {
                    let mut part = String::new();
                    push_attribute_key(&mut part, atv);
                    part
                })
                .collect();
            parts.sort_unstable();
            out.push_str(&parts.join("+"));
        }
    }
}

/// `type=value`: the dotted type, then the string with its white space collapsed to single
/// spaces and its case folded, or `#` and the hex of a value that is not a string. In a
/// string, the characters that structure the key (`,` `+` `=` `#` `\`) are escaped with `\`:
/// unescaped, the CN `a,2.5.4.3=b` had the key of the two RDNs `CN=a` and `CN=b`, and the
/// string `#01` the key of a non-string value 01.
fn push_attribute_key(out: &mut String, atv: &AttributeTypeAndValue<'_>) {
    fn push_escaped(out: &mut String, c: char) {
        if matches!(c, ',' | '+' | '=' | '#' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str(&dotted(atv.attr_type()));
    out.push('=');
    let value = atv.attr_value();
    match decode_string(value.tag(), value.data) {
        Some(text) => {
            for (i, word) in text.split_whitespace().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                // Word by word is the same as the whole string: a final sigma's context ends
                // at white space.
                if word.is_ascii() {
                    for b in word.bytes() {
                        push_escaped(out, char::from(b.to_ascii_lowercase()));
                    }
                } else {
                    for c in word.to_lowercase().chars() {
                        push_escaped(out, c);
                    }
                }
            }
        }
        None => {
            out.push('#');
            out.push_str(&crate::derwalk::hex_text(value.data));
        }
    }
}

/// A distinguished name for people, in encoded order (`C=FR, O=…, CN=…`), as every report
/// writes them.
pub(crate) fn dn_text(name: &X509Name<'_>) -> String {
    distinguished_name_text(&subject_attributes(name))
}

/// Whether the certificate asserts cA in its basicConstraints.
pub(crate) fn is_ca(cert: &X509Certificate<'_>) -> bool {
    matches!(cert.basic_constraints(), Ok(Some(bc)) if bc.value.ca)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_writes_what_asn1_rs_writes() {
        let encoded: &[&[u8]] = &[
            // 1.3.6.1.5.5.7.48.1, 2.5.29.32, 0.9.2342.19200300.100.1.25
            &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01],
            &[0x55, 0x1d, 0x20],
            &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19],
            // 2.999.3: a first subidentifier of two octets
            &[0x88, 0x37, 0x03],
            // 2.25 and a 64-bit arc, then a 128-bit UUID arc (past u64: asn1-rs formats it)
            &[
                0x69, 0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ],
            &[
                0x69, 0x83, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ],
            // one arc, and arcs of zero
            &[0x00],
            &[0x28, 0x00, 0x00],
        ];
        let expected = [
            "1.3.6.1.5.5.7.48.1",
            "2.5.29.32",
            "0.9.2342.19200300.100.1.25",
            "2.999.3",
            "2.25.18446744073709551615",
            "2.25.340282366920938463463374607431768211455",
            "0.0",
            "1.0.0.0",
        ];
        for (content, expected) in encoded.iter().zip(expected) {
            assert_eq!(dotted(&Oid::new(Cow::Borrowed(content))), expected);
        }
        // Where asn1-rs reads the first arc right and every arc fits 64 bits (past them it
        // writes hex), the same text as asn1-rs.
        for content in [0, 1, 2, 7].map(|i| encoded[i]) {
            let oid = Oid::new(Cow::Borrowed(content));
            assert_eq!(dotted(&oid), oid.to_id_string(), "{content:02x?}");
        }
    }

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        assert!(content.len() < 128);
        [&[tag, content.len() as u8][..], content].concat()
    }

    /// An AttributeTypeAndValue: the type's OID content, the value's tag and content.
    fn attribute(oid: &[u8], tag: u8, value: &[u8]) -> Vec<u8> {
        tlv(0x30, &[tlv(0x06, oid), tlv(tag, value)].concat())
    }

    const CN: &[u8] = &[0x55, 0x04, 0x03];
    const O: &[u8] = &[0x55, 0x04, 0x0a];

    #[test]
    fn name_keys_collapse_white_space_fold_case_and_sort_multi_valued_rdns() {
        let bmp: Vec<u8> = "Hôpital  Nord"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let name = |rdns: &[Vec<u8>]| {
            let der = tlv(0x30, &rdns.concat());
            dn_key(&X509Name::from_der(&der).unwrap().1)
        };
        // UTF8String with tabs and an accent, UTF8String with Greek capitals (a final sigma at
        // each word's end, whatever white space follows), BMPString, and an INTEGER value kept
        // as hex. The multi-valued RDN below carries a PrintableString.
        let key = name(&[
            tlv(0x31, &attribute(O, 0x0c, b"  ACME\t Sant\xc3\xa9  ")),
            tlv(
                0x31,
                &attribute(CN, 0x0c, "ΟΔΟΣ\u{3000}ΣΑΣ \n ΣΑΣ".as_bytes()),
            ),
            tlv(0x31, &attribute(CN, 0x1e, &bmp)),
            tlv(0x31, &attribute(CN, 0x02, &[0x01, 0xff])),
        ]);
        assert_eq!(
            key,
            "2.5.4.10=acme santé,2.5.4.3=οδος σας σας,2.5.4.3=hôpital nord,2.5.4.3=#01ff"
        );
        // A multi-valued RDN is a set: its attributes in either order give one key.
        let cn = attribute(CN, 0x0c, b"Serveur");
        let o = attribute(O, 0x13, b"ACME");
        let one = name(&[tlv(0x31, &[cn.clone(), o.clone()].concat())]);
        let other = name(&[tlv(0x31, &[o, cn].concat())]);
        assert_eq!(one, "2.5.4.10=acme+2.5.4.3=serveur");
        assert_eq!(one, other);
    }

    #[test]
    fn name_keys_tell_structure_from_the_characters_of_a_value() {
        let name = |rdns: &[Vec<u8>]| {
            let der = tlv(0x30, &rdns.concat());
            dn_key(&X509Name::from_der(&der).unwrap().1)
        };
        let rdn = |value: &[u8]| tlv(0x31, &attribute(CN, 0x0c, value));
        // One CN holding a comma and an '=' against two RDNs.
        assert_ne!(name(&[rdn(b"a,2.5.4.3=b")]), name(&[rdn(b"a"), rdn(b"b")]));
        // One CN holding a '+' against a multi-valued RDN.
        let two = tlv(
            0x31,
            &[attribute(CN, 0x0c, b"a"), attribute(CN, 0x0c, b"b")].concat(),
        );
        assert_ne!(name(&[rdn(b"a+2.5.4.3=b")]), name(&[two]));
        // The string '#01ff' against an INTEGER 01ff; a backslash is escaped too.
        let integer = tlv(0x31, &attribute(CN, 0x02, &[0x01, 0xff]));
        assert_ne!(name(&[rdn(b"#01ff")]), name(&[integer]));
        assert_ne!(name(&[rdn(b"a\\,b")]), name(&[rdn(b"a\\"), rdn(b"b")]));
        assert_eq!(name(&[rdn(b"A,B")]), "2.5.4.3=a\\,b");
    }
}
