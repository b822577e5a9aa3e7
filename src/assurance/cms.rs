//! CMS SignedData (RFC 5652), read once and kept as received. The `cms` crate decodes the
//! structure (signer identifier, attributes, algorithms); the DER walker locates the exact bytes
//! that signatures cover and that certificates and CRLs were sent as: der 0.7 sorts a SET OF
//! when it decodes one, so a re-encoding of the signed attributes is not what was signed.
//! Timestamp tokens (RFC 3161) are SignedData too, with a TSTInfo inside.

use std::ops::Range;

use cms::signed_data::{SignedData as CmsSignedData, SignerIdentifier, SignerInfo};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};

use crate::derwalk::{self, Tlv, Walker};
use crate::error::{Error, ObjectKind, Result};
use crate::input;

/// id-signedData.
pub(crate) const OID_SIGNED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-data.
pub(crate) const OID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// id-ct-TSTInfo.
pub(crate) const OID_TST_INFO: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// id-ri-ocsp-response (RFC 5940): an OCSP response among a SignedData's CRLs.
const OID_RI_OCSP_RESPONSE: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x10, 0x02];

const CONTEXT_0: u8 = 0xa0;
const CONTEXT_1: u8 = 0xa1;
const SET: u8 = 0x31;
/// A primitive [0] (subjectKeyIdentifier in a SignerIdentifier).
const CONTEXT_0_PRIMITIVE: u8 = 0x80;

/// A SignedData as received: decoded, with the ranges of what signatures cover.
#[derive(Clone, Debug)]
pub struct SignedData {
    der: Vec<u8>,
    decoded: CmsSignedData,
    content: Option<Range<usize>>,
    certificates: Vec<Range<usize>>,
    crls: Vec<Range<usize>>,
    ocsp: Vec<Range<usize>>,
    signer: SignerRanges,
}

/// Where one SignerInfo's parts lie in the received bytes.
#[derive(Clone, Debug)]
struct SignerRanges {
    /// The whole `[0] IMPLICIT SignedAttributes` element, tag included.
    signed_attrs: Option<Range<usize>>,
    /// The signatureAlgorithm AlgorithmIdentifier.
    signature_algorithm: Range<usize>,
    /// The digestAlgorithm AlgorithmIdentifier.
    digest_algorithm: Range<usize>,
    /// The signature value (the OCTET STRING's content).
    signature: Range<usize>,
}

fn bad(detail: String) -> Error {
    Error::BadDer {
        detail,
        expected: ObjectKind::SignedData,
    }
}

fn range(tlv: &Tlv<'_>) -> Range<usize> {
    tlv.start..tlv.end
}

fn value_range(tlv: &Tlv<'_>) -> Range<usize> {
    tlv.end - tlv.value.len()..tlv.end
}

impl SignedData {
    /// Reads one CMS SignedData (PEM labelled `CMS` or `PKCS7`, or DER).
    pub fn read(input: &[u8]) -> Result<SignedData> {
        let decoded = input::decode(input, ObjectKind::SignedData)?;
        SignedData::from_der(decoded.der.into_owned())
    }

    /// Reads one DER ContentInfo holding a SignedData.
    pub fn from_der(der: Vec<u8>) -> Result<SignedData> {
        let mut outer = Walker::new(&der);
        let info = outer
            .expect(derwalk::SEQUENCE, "ContentInfo")
            .map_err(bad)?;
        outer
            .finish("ContentInfo")
            .map_err(|_| Error::TrailingData {
                count: der.len() - info.end,
                expected: ObjectKind::SignedData,
            })?;
        let mut w = Walker::inside(&der, &info);
        let content_type = w.expect(derwalk::OID, "contentType").map_err(bad)?;
        if content_type.value != OID_SIGNED_DATA.as_bytes() {
            return Err(Error::Unsupported {
                detail: format!(
                    "a ContentInfo of type {} (sceau reads SignedData, 1.2.840.113549.1.7.2)",
                    derwalk::oid_text_or_hex(content_type.value)
                ),
                expected: ObjectKind::SignedData,
            });
        }
        let explicit = w.expect(CONTEXT_0, "content").map_err(bad)?;
        w.finish("ContentInfo").map_err(bad)?;
        let mut w = Walker::inside(&der, &explicit);
        let signed = w.expect(derwalk::SEQUENCE, "SignedData").map_err(bad)?;
        w.finish("content").map_err(bad)?;

        let mut w = Walker::inside(&der, &signed);
        w.expect(derwalk::INTEGER, "version").map_err(bad)?;
        w.expect(SET, "digestAlgorithms").map_err(bad)?;
        let encap = w
            .expect(derwalk::SEQUENCE, "encapContentInfo")
            .map_err(bad)?;
        let certs = w.optional(CONTEXT_0, "certificates").map_err(bad)?;
        let crls = w.optional(CONTEXT_1, "crls").map_err(bad)?;
        let signer_infos = w.expect(SET, "signerInfos").map_err(bad)?;
        w.finish("SignedData").map_err(bad)?;

        let mut e = Walker::inside(&der, &encap);
        e.expect(derwalk::OID, "eContentType").map_err(bad)?;
        let content = match e.optional(CONTEXT_0, "eContent").map_err(bad)? {
            None => None,
            Some(wrapper) => {
                let mut ew = Walker::inside(&der, &wrapper);
                let octets = ew.expect(derwalk::OCTET_STRING, "eContent").map_err(|e| {
                    bad(format!("{e} (a constructed OCTET STRING is BER, not DER)"))
                })?;
                ew.finish("eContent").map_err(bad)?;
                Some(value_range(&octets))
            }
        };
        e.finish("encapContentInfo").map_err(bad)?;

        let mut certificates = Vec::new();
        if let Some(certs) = certs {
            let mut cw = Walker::inside(&der, &certs);
            while !cw.is_empty() {
                let choice = cw.any("certificates entry").map_err(bad)?;
                // Attribute and other certificates are not X.509 certificates: not chain material.
                if choice.tag == derwalk::SEQUENCE {
                    certificates.push(range(&choice));
                }
            }
        }
        let (mut crl_list, mut ocsp) = (Vec::new(), Vec::new());
        if let Some(crls) = crls {
            let mut rw = Walker::inside(&der, &crls);
            while !rw.is_empty() {
                let choice = rw.any("crls entry").map_err(bad)?;
                match choice.tag {
                    derwalk::SEQUENCE => crl_list.push(range(&choice)),
                    CONTEXT_1 => {
                        let mut ow = Walker::inside(&der, &choice);
                        let format = ow.expect(derwalk::OID, "otherRevInfoFormat").map_err(bad)?;
                        let info = ow.any("otherRevInfo").map_err(bad)?;
                        if format.value == OID_RI_OCSP_RESPONSE {
                            ocsp.push(range(&info));
                        }
                    }
                    other => {
                        return Err(bad(format!(
                            "crls entry: tag 0x{other:02x} is no RevocationInfoChoice"
                        )))
                    }
                }
            }
        }

        let mut sw = Walker::inside(&der, &signer_infos);
        let first = sw
            .expect(derwalk::SEQUENCE, "SignerInfo")
            .map_err(|_| bad("signerInfos is empty: there is no signature".into()))?;
        if !sw.is_empty() {
            let mut count = 1;
            while !sw.is_empty() {
                sw.any("SignerInfo").map_err(bad)?;
                count += 1;
            }
            return Err(Error::Unsupported {
                detail: format!(
                    "a SignedData with {count} SignerInfos (sceau validates one signer per call)"
                ),
                expected: ObjectKind::SignedData,
            });
        }
        let mut si = Walker::inside(&der, &first);
        si.expect(derwalk::INTEGER, "SignerInfo.version")
            .map_err(bad)?;
        match si.peek_tag() {
            Some(derwalk::SEQUENCE | CONTEXT_0_PRIMITIVE) => {
                si.any("sid").map_err(bad)?;
            }
            _ => {
                return Err(bad(
                    "sid: neither issuerAndSerialNumber nor subjectKeyIdentifier".into(),
                ))
            }
        }
        let digest_algorithm = si
            .expect(derwalk::SEQUENCE, "digestAlgorithm")
            .map_err(bad)?;
        let signed_attrs = si.optional(CONTEXT_0, "signedAttrs").map_err(bad)?;
        let signature_algorithm = si
            .expect(derwalk::SEQUENCE, "signatureAlgorithm")
            .map_err(bad)?;
        let signature = si.expect(derwalk::OCTET_STRING, "signature").map_err(bad)?;
        si.optional(CONTEXT_1, "unsignedAttrs").map_err(bad)?;
        si.finish("SignerInfo").map_err(bad)?;

        // The structure as the cms crate reads it (the ranges above are the received bytes).
        let decoded = CmsSignedData::from_der(&der[signed.start..signed.end])
            .map_err(|e| bad(format!("SignedData: {e}")))?;
        Ok(SignedData {
            content,
            certificates,
            crls: crl_list,
            ocsp,
            signer: SignerRanges {
                signed_attrs: signed_attrs.as_ref().map(range),
                signature_algorithm: range(&signature_algorithm),
                digest_algorithm: range(&digest_algorithm),
                signature: value_range(&signature),
            },
            decoded,
            der,
        })
    }

    /// The DER as received.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// eContentType.
    pub(crate) fn content_type(&self) -> ObjectIdentifier {
        self.decoded.encap_content_info.econtent_type
    }

    /// The encapsulated content (an enveloping signature's document, a token's TSTInfo).
    pub fn content(&self) -> Option<&[u8]> {
        self.content.clone().map(|r| &self.der[r])
    }

    /// The certificates the SignedData carries, as received.
    pub fn certificates(&self) -> impl Iterator<Item = &[u8]> {
        self.certificates.iter().map(|r| &self.der[r.clone()])
    }

    /// The CRLs the SignedData carries, as received.
    pub fn crls(&self) -> impl Iterator<Item = &[u8]> {
        self.crls.iter().map(|r| &self.der[r.clone()])
    }

    /// The OCSP responses the SignedData carries (RFC 5940), as received.
    pub fn ocsp_responses(&self) -> impl Iterator<Item = &[u8]> {
        self.ocsp.iter().map(|r| &self.der[r.clone()])
    }

    /// The one SignerInfo, decoded.
    pub(crate) fn signer_info(&self) -> &SignerInfo {
        // from_der checked there is exactly one.
        &self.decoded.signer_infos.0.as_slice()[0]
    }

    /// The signed attributes as they must be verified: the received `[0]` element with the
    /// SET OF tag (RFC 5652 §5.4), or `None` when the signer signed the content itself.
    pub(crate) fn signed_attributes_to_verify(&self) -> Option<Vec<u8>> {
        let r = self.signer.signed_attrs.clone()?;
        let mut bytes = self.der[r].to_vec();
        bytes[0] = SET;
        Some(bytes)
    }

    /// The signature value.
    pub fn signature_value(&self) -> &[u8] {
        &self.der[self.signer.signature.clone()]
    }

    /// The signatureAlgorithm, as received.
    pub(crate) fn signature_algorithm_der(&self) -> &[u8] {
        &self.der[self.signer.signature_algorithm.clone()]
    }

    /// The digestAlgorithm, as received.
    pub(crate) fn digest_algorithm_der(&self) -> &[u8] {
        &self.der[self.signer.digest_algorithm.clone()]
    }

    /// The values of the signed attribute `oid`, each DER; empty when absent.
    pub(crate) fn signed_attribute(&self, oid: &ObjectIdentifier) -> Vec<Vec<u8>> {
        attribute_values(self.signer_info().signed_attrs.as_ref(), oid)
    }

    /// The values of the unsigned attribute `oid`, each DER; empty when absent.
    pub(crate) fn unsigned_attribute(&self, oid: &ObjectIdentifier) -> Vec<Vec<u8>> {
        attribute_values(self.signer_info().unsigned_attrs.as_ref(), oid)
    }

    /// How many times the signed attribute `oid` appears (RFC 5652 §5.3: once at most).
    pub(crate) fn signed_attribute_count(&self, oid: &ObjectIdentifier) -> usize {
        self.signer_info()
            .signed_attrs
            .as_ref()
            .map_or(0, |attrs| attrs.iter().filter(|a| a.oid == *oid).count())
    }

    /// Who the signer says it is.
    pub(crate) fn signer_id(&self) -> SignerId {
        match &self.signer_info().sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => SignerId::IssuerSerial {
                issuer: ias.issuer.to_der().unwrap_or_default(),
                serial: ias.serial_number.as_bytes().to_vec(),
            },
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                SignerId::KeyId(ski.0.as_bytes().to_vec())
            }
        }
    }
}

/// How a SignerInfo names its signer's certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SignerId {
    /// The issuer's name (DER) and the serial number (big-endian).
    IssuerSerial {
        /// The issuer, DER.
        issuer: Vec<u8>,
        /// The serial, as its INTEGER content.
        serial: Vec<u8>,
    },
    /// The subjectKeyIdentifier.
    KeyId(Vec<u8>),
}

fn attribute_values(
    attrs: Option<&x509_cert::attr::Attributes>,
    oid: &ObjectIdentifier,
) -> Vec<Vec<u8>> {
    attrs
        .into_iter()
        .flat_map(|attrs| attrs.iter())
        .filter(|a| a.oid == *oid)
        .flat_map(|a| a.values.iter())
        .filter_map(|v| v.to_der().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signed_attributes_verified_are_the_received_bytes_not_a_re_encoding() {
        let der = include_bytes!("../../tests/data/assurance/qes-unsorted-attributes-t.p7s");
        let signed = SignedData::from_der(der.to_vec()).unwrap();
        let received = signed.signed_attributes_to_verify().unwrap();
        let attrs = signed.signer_info().signed_attrs.as_ref().unwrap();
        let reencoded = attrs.to_der().unwrap();
        assert_eq!(received.len(), reencoded.len());
        assert_ne!(
            received, reencoded,
            "der 0.7 sorts the SET OF when it decodes it"
        );
    }
}
