//! OCSP responses (RFC 6960), read once. x509-ocsp decodes the ResponseData; the outer layers
//! are walked here so the signed bytes and embedded certificates are the exact bytes received,
//! never a re-encoding. What a response is worth as evidence is `responder.rs`.

use std::ops::Range;

use der::Decode;
use x509_ocsp::ResponseData;

use crate::derwalk::{self, Walker};
use crate::error::{Error, ObjectKind, Result};
use crate::input;
use crate::lang::{localized, Localized};
use crate::verify::SignatureMemo;

const OID_BASIC_RESPONSE: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];

/// An OCSP response, kept as received.
#[derive(Clone, Debug)]
pub struct OcspResponse {
    der: Vec<u8>,
    /// Why the response as a whole cannot be used (an error status, an unknown type).
    refused: Option<Localized>,
    body: Option<Body>,
}

/// The signed part of a successful response, located in the received bytes.
#[derive(Clone, Debug)]
pub(crate) struct Body {
    /// The decoded ResponseData.
    pub(crate) data: ResponseData,
    /// Where the signed tbsResponseData lies.
    pub(crate) tbs: Range<usize>,
    /// Where the signatureAlgorithm lies.
    pub(crate) signature_algorithm: Range<usize>,
    /// Where the signature value (after the unused-bits octet) lies.
    pub(crate) signature: Range<usize>,
    /// Where each embedded certificate lies.
    pub(crate) certs: Vec<Range<usize>>,
    /// What the response's signature gave with each key tried.
    pub(crate) signers: SignatureMemo,
    /// What the embedded responder certificate's signature gave with each issuer key tried.
    pub(crate) responder_issuers: SignatureMemo,
}

fn bad(detail: String) -> Error {
    Error::BadDer {
        detail,
        expected: ObjectKind::OcspResponse,
    }
}

/// Unix seconds of an OCSP time.
pub(crate) fn seconds(time: &x509_ocsp::OcspGeneralizedTime) -> i64 {
    i64::try_from(time.0.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

impl OcspResponse {
    /// Reads every OCSP response in `input` (PEM blocks labelled `OCSP RESPONSE`, or one DER).
    pub fn read_all(input: &[u8]) -> Result<Vec<OcspResponse>> {
        input::decode_all(input, ObjectKind::OcspResponse)?
            .into_iter()
            .map(|d| OcspResponse::from_der(d.der.into_owned()))
            .collect()
    }

    /// Reads one DER OCSPResponse. A response with an error status is read (it is a valid
    /// response) and later refused as evidence with its status.
    pub fn from_der(der: Vec<u8>) -> Result<OcspResponse> {
        let mut outer = Walker::new(&der);
        let response = outer
            .expect(derwalk::SEQUENCE, "OCSPResponse")
            .map_err(bad)?;
        outer
            .finish("OCSPResponse")
            .map_err(|_| Error::TrailingData {
                count: der.len() - response.end,
                expected: ObjectKind::OcspResponse,
            })?;
        let mut fields = Walker::inside(&der, &response);
        let status = fields
            .expect(derwalk::ENUMERATED, "responseStatus")
            .map_err(bad)?;
        let status_name = match status.value {
            [0] => None,
            [1] => Some("malformedRequest"),
            [2] => Some("internalError"),
            [3] => Some("tryLater"),
            [5] => Some("sigRequired"),
            [6] => Some("unauthorized"),
            other => {
                return Err(bad(format!(
                    "responseStatus: {} is not an OCSPResponseStatus",
                    crate::derwalk::hex_text(other)
                )))
            }
        };
        let bytes = fields.optional(0xa0, "responseBytes").map_err(bad)?;
        fields.finish("OCSPResponse").map_err(bad)?;
        let refuse = |why: Localized| OcspResponse {
            der: der.clone(),
            refused: Some(why),
            body: None,
        };
        if let Some(name) = status_name {
            return Ok(refuse(localized!(
                "the responder answered '{name}'",
                "le répondeur a répondu « {name} »",
                name = name
            )));
        }
        let Some(bytes) = bytes else {
            return Err(bad("a successful response without responseBytes".into()));
        };
        let mut w = Walker::inside(&der, &bytes);
        let rb = w.expect(derwalk::SEQUENCE, "ResponseBytes").map_err(bad)?;
        w.finish("responseBytes").map_err(bad)?;
        let mut w = Walker::inside(&der, &rb);
        let kind = w.expect(derwalk::OID, "responseType").map_err(bad)?;
        let octets = w.expect(derwalk::OCTET_STRING, "response").map_err(bad)?;
        w.finish("ResponseBytes").map_err(bad)?;
        if kind.value != OID_BASIC_RESPONSE {
            return Err(bad("responseType is not id-pkix-ocsp-basic".into()));
        }

        let mut w = Walker::inside(&der, &octets);
        let basic = w
            .expect(derwalk::SEQUENCE, "BasicOCSPResponse")
            .map_err(bad)?;
        w.finish("response").map_err(bad)?;
        let mut w = Walker::inside(&der, &basic);
        let tbs = w
            .expect(derwalk::SEQUENCE, "tbsResponseData")
            .map_err(bad)?;
        let alg = w
            .expect(derwalk::SEQUENCE, "signatureAlgorithm")
            .map_err(bad)?;
        let signature = w.expect(derwalk::BIT_STRING, "signature").map_err(bad)?;
        let mut certs = Vec::new();
        if let Some(wrapper) = w.optional(0xa0, "certs").map_err(bad)? {
            let mut cw = Walker::inside(&der, &wrapper);
            let list = cw.expect(derwalk::SEQUENCE, "certs").map_err(bad)?;
            cw.finish("certs").map_err(bad)?;
            let mut lw = Walker::inside(&der, &list);
            while !lw.is_empty() {
                let cert = lw.expect(derwalk::SEQUENCE, "certs entry").map_err(bad)?;
                certs.push(cert.start..cert.end);
            }
        }
        w.finish("BasicOCSPResponse").map_err(bad)?;
        derwalk::check_signature_algorithm(&alg, "signatureAlgorithm").map_err(bad)?;
        derwalk::check_signature_bits(&signature, "signature").map_err(bad)?;
        let data = ResponseData::from_der(&der[tbs.start..tbs.end])
            .map_err(|e| bad(format!("tbsResponseData: {e}")))?;
        Ok(OcspResponse {
            body: Some(Body {
                data,
                tbs: tbs.start..tbs.end,
                signature_algorithm: alg.start..alg.end,
                signature: (signature.end - signature.value.len() + 1)..signature.end,
                certs,
                signers: SignatureMemo::default(),
                responder_issuers: SignatureMemo::default(),
            }),
            refused: None,
            der,
        })
    }

    /// The DER as received.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// producedAt, Unix seconds, for a successful response.
    pub fn produced_at(&self) -> Option<i64> {
        self.body.as_ref().map(|b| seconds(&b.data.produced_at))
    }

    /// Why the response as a whole cannot be used (an error status), if so.
    pub(crate) fn refused(&self) -> Option<&Localized> {
        self.refused.as_ref()
    }

    /// The signed body of a successful response.
    pub(crate) fn body(&self) -> Option<&Body> {
        self.body.as_ref()
    }
}
