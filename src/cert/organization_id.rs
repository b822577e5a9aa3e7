//! The organization identifier of a certificate, in its two forms: the text of the subject's
//! organizationIdentifier attribute (2.5.4.97; CA/B EV Guidelines §9.2.8, S/MIME BR
//! §7.1.4.2.2(d): a 3-letter registration scheme, a 2-letter country, optionally `+` and a
//! state or province, then `-` and the registration reference), and the CA/B
//! cabfOrganizationIdentifier extension (2.23.140.3.1, EV Guidelines §9.8.2), decoded here from
//! its DER.

use asn1_rs::oid;
use serde::Serialize;
use x509_parser::prelude::*;

use crate::derwalk::{Walker, SEQUENCE};

const PRINTABLE_STRING: u8 = 0x13;
const UTF8_STRING: u8 = 0x0c;
/// registrationStateOrProvince: [0] IMPLICIT PrintableString.
const STATE_TAG: u8 = 0x80;

/// An organization identifier, split into its parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrganizationId {
    /// The registration scheme (`NTR`, `VAT`, `PSD`, `LEI`, `GOV`, `INT`), or the two letters
    /// of a national scheme written `XX:`.
    pub scheme: String,
    /// Whether the scheme is a national one (`XX:`, two letters and a colon).
    pub national: bool,
    /// The registration country, as written (two letters, of either case in the attribute).
    pub country: String,
    /// The state or province after `+`, when present.
    pub state: Option<String>,
    /// The registration reference after `-`, when present.
    pub reference: Option<String>,
}

/// The cabfOrganizationIdentifier extension as the certificate carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "value", rename_all = "snake_case")]
pub enum OrgIdExtension {
    /// Decoded.
    Read(OrganizationId),
    /// Not the SEQUENCE the EV Guidelines define (§9.8.2), and why.
    Malformed(String),
}

/// Parses the text of an organizationIdentifier attribute: `^[A-Z]{2}[A-Z:]` (the scheme),
/// `[a-zA-Z]{2}` (the country), optionally `+` and 1 to 3 letters or digits (the state or
/// province), optionally `-` and at least one character (the reference), and nothing else.
/// `None` when the text does not have that form. The syntax is the one pkilint reads
/// (pkilint/common/organization_id.py); the state's own format is judged by the profile.
pub fn parse_attribute(value: &str) -> Option<OrganizationId> {
    let b = value.as_bytes();
    let scheme_ok = b.len() >= 5
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && (b[2].is_ascii_uppercase() || b[2] == b':')
        && b[3].is_ascii_alphabetic()
        && b[4].is_ascii_alphabetic();
    if !scheme_ok {
        return None;
    }
    let national = b[2] == b':';
    let scheme = if national { &value[..2] } else { &value[..3] };
    let country = &value[3..5];
    let mut rest = &value[5..];
    let mut state = None;
    if let Some(after) = rest.strip_prefix('+') {
        let len = after
            .bytes()
            .take(3)
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if len == 0 {
            return None;
        }
        state = Some(after[..len].to_string());
        rest = &after[len..];
    }
    let reference = if rest.is_empty() {
        None
    } else {
        let reference = rest.strip_prefix('-')?;
        if reference.is_empty() || reference.contains('\n') {
            return None;
        }
        Some(reference.to_string())
    };
    Some(OrganizationId {
        scheme: scheme.to_string(),
        national,
        country: country.to_string(),
        state,
        reference,
    })
}

/// Whether `bytes` are PrintableString characters (X.680 §41.4).
fn printable(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(b))
}

/// Decodes the value of a cabfOrganizationIdentifier extension: SEQUENCE {
/// registrationSchemeIdentifier PrintableString (SIZE(3)), registrationCountry PrintableString
/// (SIZE(2)), registrationStateOrProvince [0] IMPLICIT PrintableString (SIZE(0..128)) OPTIONAL,
/// registrationReference UTF8String }.
pub fn decode_extension(der: &[u8]) -> Result<OrganizationId, String> {
    let mut outer = Walker::new(der);
    let seq = outer.expect(SEQUENCE, "cabfOrganizationIdentifier")?;
    outer.finish("cabfOrganizationIdentifier")?;
    let mut inner = Walker::inside(der, &seq);
    let printable_of = |value: &[u8], what: &str, size: Option<usize>| {
        if size.is_some_and(|n| value.len() != n) || value.len() > 128 || !printable(value) {
            return Err(format!(
                "{what}: not a PrintableString of the size required"
            ));
        }
        Ok(String::from_utf8_lossy(value).into_owned())
    };
    let scheme = inner.expect(PRINTABLE_STRING, "registrationSchemeIdentifier")?;
    let scheme = printable_of(scheme.value, "registrationSchemeIdentifier", Some(3))?;
    let country = inner.expect(PRINTABLE_STRING, "registrationCountry")?;
    let country = printable_of(country.value, "registrationCountry", Some(2))?;
    let state = match inner.optional(STATE_TAG, "registrationStateOrProvince")? {
        Some(tlv) => Some(printable_of(
            tlv.value,
            "registrationStateOrProvince",
            None,
        )?),
        None => None,
    };
    let reference = inner.expect(UTF8_STRING, "registrationReference")?;
    let reference = std::str::from_utf8(reference.value)
        .map_err(|_| "registrationReference: not UTF-8".to_string())?
        .to_string();
    inner.finish("cabfOrganizationIdentifier")?;
    Ok(OrganizationId {
        scheme,
        national: false,
        country,
        state,
        reference: Some(reference),
    })
}

/// The cabfOrganizationIdentifier extension of `cert`, when it has one.
pub(crate) fn read(cert: &X509Certificate<'_>) -> Option<OrgIdExtension> {
    let ext = cert
        .extensions()
        .iter()
        .find(|e| e.oid == oid!(2.23.140 .3 .1))?;
    Some(match decode_extension(ext.value) {
        Ok(id) => OrgIdExtension::Read(id),
        Err(why) => OrgIdExtension::Malformed(why),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_text() {
        let id = parse_attribute("NTRDE+BE-HRB12345").unwrap();
        assert_eq!((id.scheme.as_str(), id.country.as_str()), ("NTR", "DE"));
        assert_eq!(id.state.as_deref(), Some("BE"));
        assert_eq!(id.reference.as_deref(), Some("HRB12345"));
        let id = parse_attribute("XX:GR-18050").unwrap();
        assert!(id.national && id.scheme == "XX");
        assert_eq!(parse_attribute("INTXG").unwrap().reference, None);
        for bad in [
            "GOV",
            "NTRUS+ABCD-1",
            "NTRFR-",
            "ntrFR-1",
            "NTRFR+-1",
            "NTRFR1",
        ] {
            assert_eq!(parse_attribute(bad), None, "{bad}");
        }
    }

    #[test]
    fn extension_der() {
        let der = [
            0x30, 0x0f, 0x13, 0x03, b'N', b'T', b'R', 0x13, 0x02, b'F', b'R', 0x80, 0x00, 0x0c,
            0x02, b'4', b'2',
        ];
        let id = decode_extension(&der).unwrap();
        assert_eq!(id.state.as_deref(), Some(""));
        assert_eq!(id.reference.as_deref(), Some("42"));
        assert!(decode_extension(&der[..der.len() - 1]).is_err());
    }
}
