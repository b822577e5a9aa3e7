//! certificatePolicies in detail (RFC 5280 §4.2.1.4), read from the extension's DER with the
//! strict walker: each PolicyInformation in order, with its qualifiers — the CPS URI, the
//! userNotice with its explicitText's string type and text and whether it has a noticeRef —
//! and whether the extension is well-formed DER. x509-parser keeps the policy OIDs only (and
//! none of them when the extension does not parse), not the string type of an explicitText.

use serde::Serialize;
use x509_parser::prelude::*;

use crate::derwalk::{oid_text, Walker, OID, SEQUENCE};

/// id-qt-cps.
pub const QUALIFIER_CPS: &str = "1.3.6.1.5.5.7.2.1";
/// id-qt-unotice.
pub const QUALIFIER_USER_NOTICE: &str = "1.3.6.1.5.5.7.2.2";
/// anyPolicy.
pub const ANY_POLICY: &str = "2.5.29.32.0";

const CERTIFICATE_POLICIES: asn1_rs::Oid<'static> = asn1_rs::oid!(2.5.29 .32);
const IA5_STRING: u8 = 0x16;
const VISIBLE_STRING: u8 = 0x1a;
const BMP_STRING: u8 = 0x1e;
const UTF8_STRING: u8 = 0x0c;

/// The ASN.1 string type of a DisplayText (RFC 5280 §4.2.1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DisplayTextType {
    /// UTF8String.
    #[serde(rename = "UTF8String")]
    Utf8,
    /// IA5String.
    #[serde(rename = "IA5String")]
    Ia5,
    /// VisibleString.
    #[serde(rename = "VisibleString")]
    Visible,
    /// BMPString.
    #[serde(rename = "BMPString")]
    Bmp,
}

impl DisplayTextType {
    /// The type's ASN.1 name.
    pub fn name(self) -> &'static str {
        match self {
            DisplayTextType::Utf8 => "UTF8String",
            DisplayTextType::Ia5 => "IA5String",
            DisplayTextType::Visible => "VisibleString",
            DisplayTextType::Bmp => "BMPString",
        }
    }

    fn of(tag: u8) -> Option<DisplayTextType> {
        match tag {
            UTF8_STRING => Some(DisplayTextType::Utf8),
            IA5_STRING => Some(DisplayTextType::Ia5),
            VISIBLE_STRING => Some(DisplayTextType::Visible),
            BMP_STRING => Some(DisplayTextType::Bmp),
            _ => None,
        }
    }
}

/// An explicitText as the certificate carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplicitTextFact {
    /// Its string type.
    pub string_type: DisplayTextType,
    /// Its text (U+FFFD where the octets are not of the type). Left out of the JSON facts:
    /// a CA's prose, in whatever language, is not sceau's.
    #[serde(skip)]
    pub text: String,
}

/// What one policy qualifier says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QualifierFact {
    /// id-qt-cps: the CPS URI.
    Cps {
        /// The URI.
        uri: String,
    },
    /// id-qt-unotice.
    UserNotice {
        /// Whether it has a noticeRef.
        notice_ref: bool,
        /// Its explicitText, when present.
        explicit_text: Option<ExplicitTextFact>,
    },
    /// A qualifier of another type, by dotted OID.
    Other {
        /// Its policyQualifierId.
        oid: String,
    },
}

impl QualifierFact {
    /// The qualifier's type as a name (`id-qt-cps`, `id-qt-unotice`) or a dotted OID.
    pub fn type_name(&self) -> &str {
        match self {
            QualifierFact::Cps { .. } => "id-qt-cps",
            QualifierFact::UserNotice { .. } => "id-qt-unotice",
            QualifierFact::Other { oid } => oid,
        }
    }
}

/// One PolicyInformation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyInfoFact {
    /// policyIdentifier, dotted.
    pub oid: String,
    /// policyQualifiers, in order (empty when absent).
    pub qualifiers: Vec<QualifierFact>,
}

/// certificatePolicies as the certificate carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PolicyFacts {
    /// Whether the certificate has the extension.
    pub present: bool,
    /// Each PolicyInformation, in order; when the DER is not well formed, those read before
    /// the fault.
    pub infos: Vec<PolicyInfoFact>,
    /// Whether the extension's value is well-formed DER of a non-empty CertificatePolicies
    /// whose CPS URIs and explicitTexts are of their types.
    pub well_formed: bool,
    /// What is wrong with the DER, when it is not well formed (for findings; not in the JSON
    /// facts, which are the certificate's, in the report's language).
    #[serde(skip)]
    pub fault: Option<String>,
}

impl PolicyFacts {
    /// The policy OIDs, in order.
    pub fn oids(&self) -> impl Iterator<Item = &str> {
        self.infos.iter().map(|i| i.oid.as_str())
    }
}

/// The certificatePolicies of a parsed certificate (not `present` when it has none).
pub(crate) fn read(cert: &X509Certificate<'_>) -> PolicyFacts {
    cert.extensions()
        .iter()
        .find(|ext| ext.oid == CERTIFICATE_POLICIES)
        .map_or_else(PolicyFacts::default, |ext| decode(ext.value))
}

/// Decodes the value (the OCTET STRING's content) of a certificatePolicies extension.
pub(crate) fn decode(value: &[u8]) -> PolicyFacts {
    let mut facts = PolicyFacts {
        present: true,
        ..PolicyFacts::default()
    };
    match walk(value, &mut facts.infos) {
        Ok(()) => facts.well_formed = true,
        Err(fault) => facts.fault = Some(fault),
    }
    facts
}

fn walk(value: &[u8], infos: &mut Vec<PolicyInfoFact>) -> Result<(), String> {
    let mut outer = Walker::new(value);
    let policies = outer.expect(SEQUENCE, "certificatePolicies")?;
    outer.finish("certificatePolicies")?;
    let mut list = Walker::inside(value, &policies);
    if list.is_empty() {
        return Err("certificatePolicies: no PolicyInformation (SIZE (1..MAX))".into());
    }
    while !list.is_empty() {
        let what = format!("certificatePolicies[{}]", infos.len());
        let info = list.expect(SEQUENCE, &what)?;
        let mut fields = Walker::inside(value, &info);
        let id = fields.expect(OID, &format!("{what}.policyIdentifier"))?;
        let oid =
            oid_text(id.value).ok_or_else(|| format!("{what}.policyIdentifier: not an OID"))?;
        infos.push(PolicyInfoFact {
            oid,
            qualifiers: Vec::new(),
        });
        let Some(qualifiers) = fields.optional(SEQUENCE, &format!("{what}.policyQualifiers"))?
        else {
            fields.finish(&what)?;
            continue;
        };
        fields.finish(&what)?;
        let mut items = Walker::inside(value, &qualifiers);
        if items.is_empty() {
            return Err(format!("{what}.policyQualifiers: empty (SIZE (1..MAX))"));
        }
        let mut j = 0;
        while !items.is_empty() {
            let what = format!("{what}.policyQualifiers[{j}]");
            let item = items.expect(SEQUENCE, &what)?;
            let qualifier = qualifier(value, &item, &what);
            let last = infos.last_mut().expect("pushed above");
            match qualifier {
                Ok(q) => last.qualifiers.push(q),
                Err((Some(q), fault)) => {
                    last.qualifiers.push(q);
                    return Err(fault);
                }
                Err((None, fault)) => return Err(fault),
            }
            j += 1;
        }
    }
    Ok(())
}

type QualifierFault = (Option<QualifierFact>, String);

/// One PolicyQualifierInfo; on a fault, what could still be read of it.
fn qualifier(
    buf: &[u8],
    item: &crate::derwalk::Tlv<'_>,
    what: &str,
) -> Result<QualifierFact, QualifierFault> {
    let mut fields = Walker::inside(buf, item);
    let id = fields
        .expect(OID, &format!("{what}.policyQualifierId"))
        .map_err(|e| (None, e))?;
    let oid = oid_text(id.value)
        .ok_or_else(|| (None, format!("{what}.policyQualifierId: not an OID")))?;
    match oid.as_str() {
        QUALIFIER_CPS => {
            let uri = fields
                .any(&format!("{what}.cPSuri"))
                .map_err(|e| (None, e))?;
            let text = String::from_utf8_lossy(uri.value).into_owned();
            let fact = QualifierFact::Cps { uri: text };
            if uri.tag != IA5_STRING || !uri.value.is_ascii() {
                return Err((Some(fact), format!("{what}.cPSuri: not an IA5String")));
            }
            finish(&fields, what, fact)
        }
        QUALIFIER_USER_NOTICE => {
            let notice = fields
                .expect(SEQUENCE, &format!("{what}.userNotice"))
                .map_err(|e| (None, e))?;
            let mut parts = Walker::inside(buf, &notice);
            let notice_ref = parts
                .optional(SEQUENCE, &format!("{what}.userNotice.noticeRef"))
                .map_err(|e| (None, e))?
                .is_some();
            let mut fact = QualifierFact::UserNotice {
                notice_ref,
                explicit_text: None,
            };
            if !parts.is_empty() {
                let text = parts
                    .any(&format!("{what}.userNotice.explicitText"))
                    .map_err(|e| (Some(fact.clone()), e))?;
                let Some(string_type) = DisplayTextType::of(text.tag) else {
                    return Err((
                        Some(fact),
                        format!(
                            "{what}.userNotice.explicitText: tag 0x{:02x} is none of DisplayText's string types",
                            text.tag
                        ),
                    ));
                };
                let (decoded, exact) = display_text(string_type, text.value);
                fact = QualifierFact::UserNotice {
                    notice_ref,
                    explicit_text: Some(ExplicitTextFact {
                        string_type,
                        text: decoded,
                    }),
                };
                if !exact {
                    return Err((
                        Some(fact),
                        format!(
                            "{what}.userNotice.explicitText: octets that are not a {}",
                            string_type.name()
                        ),
                    ));
                }
            }
            if let Err(e) = parts.finish(&format!("{what}.userNotice")) {
                return Err((Some(fact), e));
            }
            finish(&fields, what, fact)
        }
        _ => {
            // ANY DEFINED BY an id sceau does not know: whatever element follows, if any.
            if !fields.is_empty() {
                fields
                    .any(&format!("{what}.qualifier"))
                    .map_err(|e| (None, e))?;
            }
            finish(&fields, what, QualifierFact::Other { oid })
        }
    }
}

fn finish(
    fields: &Walker<'_>,
    what: &str,
    fact: QualifierFact,
) -> Result<QualifierFact, QualifierFault> {
    match fields.finish(what) {
        Ok(()) => Ok(fact),
        Err(e) => Err((Some(fact), e)),
    }
}

/// The text of a DisplayText, and whether its octets are all of the type.
fn display_text(string_type: DisplayTextType, octets: &[u8]) -> (String, bool) {
    match string_type {
        DisplayTextType::Utf8 => match std::str::from_utf8(octets) {
            Ok(text) => (text.to_string(), true),
            Err(_) => (String::from_utf8_lossy(octets).into_owned(), false),
        },
        DisplayTextType::Ia5 | DisplayTextType::Visible => (
            octets
                .iter()
                .map(|&b| {
                    if b.is_ascii() {
                        char::from(b)
                    } else {
                        '\u{fffd}'
                    }
                })
                .collect(),
            octets.is_ascii(),
        ),
        DisplayTextType::Bmp => {
            let units = octets.chunks(2).map(|pair| match pair {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0xfffd,
            });
            let mut exact = octets.len() % 2 == 0;
            let text = units
                .map(|unit| {
                    char::from_u32(u32::from(unit)).unwrap_or_else(|| {
                        exact = false;
                        '\u{fffd}'
                    })
                })
                .collect();
            (text, exact)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag, content.len() as u8];
        out.extend(content);
        out
    }

    #[test]
    fn oids_read_as_dotted_text() {
        assert_eq!(oid_text(&[0x55, 0x1d, 0x20, 0x00]).unwrap(), ANY_POLICY);
        assert_eq!(
            oid_text(&[0x67, 0x81, 0x0c, 0x01, 0x02, 0x01]).unwrap(),
            "2.23.140.1.2.1"
        );
        assert!(oid_text(&[0x55, 0x80, 0x01]).is_none());
        assert!(oid_text(&[0x55, 0x81]).is_none());
        assert!(oid_text(&[]).is_none());
    }

    #[test]
    fn every_qualifier_is_read_with_its_types() {
        let cps = [
            tlv(0x06, &[0x2b, 6, 1, 5, 5, 7, 2, 1]),
            tlv(0x16, b"http://cps.exemple.fr"),
        ]
        .concat();
        let notice = [
            tlv(0x06, &[0x2b, 6, 1, 5, 5, 7, 2, 2]),
            tlv(
                0x30,
                &[
                    tlv(
                        0x30,
                        &[tlv(0x0c, b"Org"), tlv(0x30, &tlv(0x02, &[1]))].concat(),
                    ),
                    tlv(0x1e, &[0, b'h', 0, b'i']),
                ]
                .concat(),
            ),
        ]
        .concat();
        let info = [
            tlv(0x06, &[0x67, 0x81, 0x0c, 0x01, 0x02, 0x01]),
            tlv(0x30, &[tlv(0x30, &cps), tlv(0x30, &notice)].concat()),
        ]
        .concat();
        let facts = decode(&tlv(0x30, &tlv(0x30, &info)));
        assert!(facts.well_formed, "{:?}", facts.fault);
        assert_eq!(facts.oids().collect::<Vec<_>>(), ["2.23.140.1.2.1"]);
        assert_eq!(
            facts.infos[0].qualifiers,
            [
                QualifierFact::Cps {
                    uri: "http://cps.exemple.fr".into()
                },
                QualifierFact::UserNotice {
                    notice_ref: true,
                    explicit_text: Some(ExplicitTextFact {
                        string_type: DisplayTextType::Bmp,
                        text: "hi".into()
                    })
                }
            ]
        );
    }

    #[test]
    fn faults_keep_what_was_read() {
        // An empty SEQUENCE OF, trailing octets, a CPS URI that is a UTF8String.
        assert!(!decode(&tlv(0x30, &[])).well_formed);
        let one = tlv(0x30, &tlv(0x06, &[0x55, 0x1d, 0x20, 0x00]));
        let trailing = [tlv(0x30, &one), vec![0]].concat();
        let facts = decode(&trailing);
        assert!(!facts.well_formed && facts.fault.is_some());
        let cps = [
            tlv(0x06, &[0x2b, 6, 1, 5, 5, 7, 2, 1]),
            tlv(0x0c, b"http://cps.exemple.fr"),
        ]
        .concat();
        let info = [
            tlv(0x06, &[0x55, 0x1d, 0x20, 0x00]),
            tlv(0x30, &tlv(0x30, &cps)),
        ]
        .concat();
        let facts = decode(&tlv(0x30, &tlv(0x30, &info)));
        assert!(!facts.well_formed);
        assert_eq!(facts.infos[0].qualifiers.len(), 1);
        assert_eq!(facts.infos[0].oid, ANY_POLICY);
    }
}
