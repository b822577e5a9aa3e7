//! Where a certificate says its revocation and issuer information is: authorityInfoAccess (RFC
//! 5280 §4.2.2.1), each access description's method and location, as x509-parser reads them;
//! cRLDistributionPoints (RFC 5280 §4.2.1.13), each distribution point's fullName entries and
//! which of its other fields are there. The distribution points are walked strictly here, each
//! GeneralName decoded by x509-parser: x509-parser does not read a nameRelativeToCRLIssuer (it
//! drops the point's name), and the profiles forbid exactly that field.

use asn1_rs::{oid, Oid};
use serde::Serialize;
use x509_parser::prelude::*;

use crate::derwalk::{Tlv, Walker, SEQUENCE};
use crate::x509::dotted;

/// id-ad-ocsp.
pub const ACCESS_OCSP: &str = "1.3.6.1.5.5.7.48.1";
/// id-ad-caIssuers.
pub const ACCESS_CA_ISSUERS: &str = "1.3.6.1.5.5.7.48.2";

const AUTHORITY_INFO_ACCESS: Oid<'static> = oid!(1.3.6 .1 .5 .5 .7 .1 .1);
const CRL_DISTRIBUTION_POINTS: Oid<'static> = oid!(2.5.29 .31);

/// The type of a GeneralName (RFC 5280 §4.2.1.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NameType {
    /// otherName.
    OtherName,
    /// rfc822Name.
    Rfc822Name,
    /// dNSName.
    DnsName,
    /// x400Address.
    X400Address,
    /// directoryName.
    DirectoryName,
    /// ediPartyName.
    EdiPartyName,
    /// uniformResourceIdentifier.
    UniformResourceIdentifier,
    /// iPAddress.
    IpAddress,
    /// registeredID.
    RegisteredId,
    /// A name x509-parser could not read (not of its type's syntax).
    Invalid,
}

impl NameType {
    /// The type's ASN.1 name (`uniformResourceIdentifier`).
    pub fn name(self) -> &'static str {
        match self {
            NameType::OtherName => "otherName",
            NameType::Rfc822Name => "rfc822Name",
            NameType::DnsName => "dNSName",
            NameType::X400Address => "x400Address",
            NameType::DirectoryName => "directoryName",
            NameType::EdiPartyName => "ediPartyName",
            NameType::UniformResourceIdentifier => "uniformResourceIdentifier",
            NameType::IpAddress => "iPAddress",
            NameType::RegisteredId => "registeredID",
            NameType::Invalid => "invalid",
        }
    }
}

/// One GeneralName: its type and its text (the URI, the host name, the DN as text…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocationFact {
    /// Its type.
    #[serde(rename = "type")]
    pub name_type: NameType,
    /// Its value as text (empty for the types that have none).
    pub text: String,
}

impl LocationFact {
    fn of(name: &GeneralName<'_>) -> LocationFact {
        let (name_type, text) = match name {
            GeneralName::OtherName(oid, _) => (NameType::OtherName, dotted(oid)),
            GeneralName::RFC822Name(s) => (NameType::Rfc822Name, s.to_string()),
            GeneralName::DNSName(s) => (NameType::DnsName, s.to_string()),
            GeneralName::X400Address(_) => (NameType::X400Address, String::new()),
            GeneralName::DirectoryName(dn) => (NameType::DirectoryName, dn.to_string()),
            GeneralName::EDIPartyName(_) => (NameType::EdiPartyName, String::new()),
            GeneralName::URI(s) => (NameType::UniformResourceIdentifier, s.to_string()),
            GeneralName::IPAddress(b) => (NameType::IpAddress, crate::derwalk::hex_text(b)),
            GeneralName::RegisteredID(oid) => (NameType::RegisteredId, dotted(oid)),
            GeneralName::Invalid(_, b) => (NameType::Invalid, String::from_utf8_lossy(b).into()),
        };
        LocationFact { name_type, text }
    }

    /// The URI, when the name is a uniformResourceIdentifier.
    pub fn uri(&self) -> Option<&str> {
        (self.name_type == NameType::UniformResourceIdentifier).then_some(self.text.as_str())
    }
}

/// One AccessDescription of authorityInfoAccess.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccessFact {
    /// accessMethod, dotted.
    pub method: String,
    /// accessLocation.
    pub location: LocationFact,
}

/// One DistributionPoint of cRLDistributionPoints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PointFact {
    /// The GeneralNames of its fullName, in order (empty when it has none).
    pub full_name: Vec<LocationFact>,
    /// Whether its name is a nameRelativeToCRLIssuer.
    pub relative_name: bool,
    /// Whether it has reasons.
    pub reasons: bool,
    /// Whether it has a cRLIssuer.
    pub crl_issuer: bool,
}

impl PointFact {
    /// Whether it has a distributionPoint (a fullName or a relative name).
    pub fn has_name(&self) -> bool {
        self.relative_name || !self.full_name.is_empty()
    }
}

/// authorityInfoAccess and cRLDistributionPoints as the certificate carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RevocationInfo {
    /// Whether the certificate has authorityInfoAccess.
    pub aia_present: bool,
    /// Whether its value decoded (x509-parser read it).
    pub aia_decoded: bool,
    /// Its AccessDescriptions, in order.
    pub access: Vec<AccessFact>,
    /// Whether the certificate has cRLDistributionPoints.
    pub crldp_present: bool,
    /// Whether its value is well-formed DER of CRLDistributionPoints.
    pub crldp_decoded: bool,
    /// Its DistributionPoints, in order (when not decoded, those read before the fault).
    pub points: Vec<PointFact>,
}

impl RevocationInfo {
    /// The access descriptions of `method` (dotted).
    pub fn access_of<'s>(&'s self, method: &'s str) -> impl Iterator<Item = &'s AccessFact> {
        self.access.iter().filter(move |a| a.method == method)
    }
}

/// The authorityInfoAccess and cRLDistributionPoints of a parsed certificate.
pub(crate) fn read(cert: &X509Certificate<'_>) -> RevocationInfo {
    let mut info = RevocationInfo::default();
    for ext in cert.extensions() {
        // Compared by their content octets: no dotted text formatted for every extension.
        match &ext.oid {
            oid if *oid == AUTHORITY_INFO_ACCESS && !info.aia_present => {
                info.aia_present = true;
                if let ParsedExtension::AuthorityInfoAccess(aia) = ext.parsed_extension() {
                    info.aia_decoded = true;
                    info.access = aia
                        .accessdescs
                        .iter()
                        .map(|ad| AccessFact {
                            method: dotted(&ad.access_method),
                            location: LocationFact::of(&ad.access_location),
                        })
                        .collect();
                }
            }
            oid if *oid == CRL_DISTRIBUTION_POINTS && !info.crldp_present => {
                info.crldp_present = true;
                info.crldp_decoded = walk_points(ext.value, &mut info.points).is_ok();
            }
            _ => {}
        }
    }
    info
}

/// CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint.
fn walk_points(value: &[u8], points: &mut Vec<PointFact>) -> Result<(), String> {
    let mut outer = Walker::new(value);
    let list = outer.expect(SEQUENCE, "cRLDistributionPoints")?;
    outer.finish("cRLDistributionPoints")?;
    let mut items = Walker::inside(value, &list);
    if items.is_empty() {
        return Err("cRLDistributionPoints: no DistributionPoint".into());
    }
    while !items.is_empty() {
        let point = items.expect(SEQUENCE, "DistributionPoint")?;
        let mut fields = Walker::inside(value, &point);
        let mut fact = PointFact::default();
        if let Some(name) = fields.optional(0xa0, "distributionPoint")? {
            let mut choice = Walker::inside(value, &name);
            let inner = choice.any("DistributionPointName")?;
            choice.finish("distributionPoint")?;
            match inner.tag {
                0xa0 => fact.full_name = general_names(value, &inner)?,
                0xa1 => fact.relative_name = true,
                tag => return Err(format!("DistributionPointName: tag 0x{tag:02x}")),
            }
        }
        // reasons is [1] IMPLICIT BIT STRING (primitive), cRLIssuer [2] IMPLICIT GeneralNames.
        fact.reasons = fields.optional(0x81, "reasons")?.is_some();
        fact.crl_issuer = fields.optional(0xa2, "cRLIssuer")?.is_some();
        let done = fields.finish("DistributionPoint");
        points.push(fact);
        done?;
    }
    Ok(())
}

/// The GeneralNames inside `names` (a SEQUENCE OF GeneralName, whatever its tag).
fn general_names(buf: &[u8], names: &Tlv<'_>) -> Result<Vec<LocationFact>, String> {
    let mut out = Vec::new();
    let mut w = Walker::inside(buf, names);
    while !w.is_empty() {
        let one = w.any("GeneralName")?;
        let (_, name) = GeneralName::from_der(&buf[one.start..one.end])
            .map_err(|e| format!("GeneralName: {e}"))?;
        out.push(LocationFact::of(&name));
    }
    if out.is_empty() {
        return Err("fullName: no GeneralName".into());
    }
    Ok(out)
}
