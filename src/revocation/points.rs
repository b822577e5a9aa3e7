//! CRL distribution points (RFC 5280 §4.2.1.13, §5.2.5): the names a certificate's
//! cRLDistributionPoints and a CRL's Issuing Distribution Point give, read strictly into keys
//! that compare.

use x509_parser::prelude::*;

use crate::derwalk::{self, Tlv, Walker};
use crate::x509::{dn_key, rdn_key};

/// The names of a distribution point, as comparable keys: `uri:…`, `dns:…`, `dn:` + a
/// normalised distinguished name (a relative name is appended to its issuer's DN first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistributionPointNames(Vec<String>);

impl DistributionPointNames {
    /// Reads a DistributionPointName (the element inside its `[0]` wrapper): a `[0]` fullName
    /// or a `[1]` nameRelativeToCRLIssuer, the latter appended to `issuer`. x509-parser skips
    /// a relative name silently, which would widen a CRL's scope, so this is read here.
    pub(crate) fn read(choice: &Tlv<'_>, issuer: &X509Name<'_>) -> Result<Self, String> {
        match choice.tag {
            0xa0 => {
                let mut names = Vec::new();
                let mut w = Walker::new(choice.value);
                while !w.is_empty() {
                    let one = w.any("fullName")?;
                    let raw = &choice.value[one.start..one.end];
                    let (_, name) = GeneralName::from_der(raw)
                        .map_err(|e| format!("fullName: {e}"))?;
                    names.push(general_name_key(&name));
                }
                if names.is_empty() {
                    return Err("fullName: no GeneralName".into());
                }
                Ok(DistributionPointNames(names))
            }
            0xa1 => {
                let mut set = vec![0x31];
                set.extend(der_length(choice.value.len()));
                set.extend_from_slice(choice.value);
                let (_, rdn) = RelativeDistinguishedName::from_der(&set)
                    .map_err(|e| format!("nameRelativeToCRLIssuer: {e}"))?;
                let mut key = format!("dn:{}", dn_key(issuer));
                key.push(',');
                key.push_str(&rdn_key(&rdn));
                Ok(DistributionPointNames(vec![key]))
            }
            tag => Err(format!(
                "DistributionPointName: tag 0x{tag:02x} is neither fullName nor nameRelativeToCRLIssuer"
            )),
        }
    }

    pub(crate) fn intersects(&self, other: &DistributionPointNames) -> bool {
        self.0.iter().any(|n| other.0.contains(n))
    }
}

fn general_name_key(name: &GeneralName<'_>) -> String {
    match name {
        GeneralName::URI(u) => format!("uri:{u}"),
        GeneralName::DNSName(d) => format!("dns:{}", d.to_ascii_lowercase()),
        GeneralName::DirectoryName(dn) => format!("dn:{}", dn_key(dn)),
        other => format!("other:{other:?}"),
    }
}

fn der_length(len: usize) -> Vec<u8> {
    if len < 0x80 {
        return vec![len as u8];
    }
    let bytes: Vec<u8> = len
        .to_be_bytes()
        .into_iter()
        .skip_while(|&b| b == 0)
        .collect();
    let mut out = vec![0x80 | bytes.len() as u8];
    out.extend(bytes);
    out
}

/// One DistributionPoint of a certificate's cRLDistributionPoints.
pub(crate) struct CertDistributionPoint {
    /// The point's names, when it has a distributionPoint.
    pub(crate) names: Option<DistributionPointNames>,
    /// Whether it names a separate cRLIssuer (an indirect CRL).
    pub(crate) crl_issuer: bool,
    /// The reasons its CRL covers (ReasonFlags bits), when the point limits them.
    pub(crate) reasons: Option<u16>,
}

/// The certificate's cRLDistributionPoints, read strictly; an unreadable extension is an error
/// (the CRL's applicability cannot then be decided).
pub(crate) fn cert_distribution_points(
    cert: &X509Certificate<'_>,
) -> Result<Vec<CertDistributionPoint>, String> {
    const OID_CRL_DISTRIBUTION_POINTS: &[u8] = &[0x55, 0x1d, 0x1f];
    let Some(ext) = cert
        .extensions()
        .iter()
        .find(|e| e.oid.as_bytes() == OID_CRL_DISTRIBUTION_POINTS)
    else {
        return Ok(Vec::new());
    };
    let what = "cRLDistributionPoints";
    let mut outer = Walker::new(ext.value);
    let list = outer.expect(derwalk::SEQUENCE, what)?;
    outer.finish(what)?;
    let mut points = Walker::inside(ext.value, &list);
    let mut out = Vec::new();
    while !points.is_empty() {
        let point = points.expect(derwalk::SEQUENCE, "DistributionPoint")?;
        let mut fields = Walker::inside(ext.value, &point);
        let mut names = None;
        let mut crl_issuer = false;
        if let Some(wrapper) = fields.optional(0xa0, "distributionPoint")? {
            let mut inner = Walker::inside(ext.value, &wrapper);
            let choice = inner.any("distributionPoint")?;
            inner.finish("distributionPoint")?;
            names = Some(DistributionPointNames::read(&choice, cert.issuer())?);
        }
        let reasons = fields
            .optional(0x81, "reasons")?
            .map(|r| reason_flags(r.value, "reasons"))
            .transpose()?;
        if fields.optional(0xa2, "cRLIssuer")?.is_some() {
            crl_issuer = true;
        }
        fields.finish("DistributionPoint")?;
        out.push(CertDistributionPoint {
            names,
            crl_issuer,
            reasons,
        });
    }
    Ok(out)
}

/// A ReasonFlags BIT STRING's content (unused-bits octet, then the bits) as bits of a u16,
/// bit n being the BIT STRING's bit n (1 keyCompromise … 8 aACompromise); `what` names the
/// field in errors (a distribution point's reasons, an IDP's onlySomeReasons).
pub(crate) fn reason_flags(content: &[u8], what: &str) -> Result<u16, String> {
    let (&unused, bits) = content
        .split_first()
        .ok_or_else(|| format!("{what}: empty BIT STRING"))?;
    if unused > 7 || bits.len() > 2 || (bits.is_empty() && unused != 0) {
        return Err(format!("{what}: not a ReasonFlags BIT STRING"));
    }
    let mut flags = 0u16;
    for (octet, &byte) in bits.iter().enumerate() {
        for bit in 0..8 {
            if byte & (0x80 >> bit) != 0 {
                flags |= 1 << (octet * 8 + bit);
            }
        }
    }
    Ok(flags)
}
