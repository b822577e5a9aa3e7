//! OCSP responses (RFC 6960) as revocation evidence. x509-ocsp decodes the ResponseData; the
//! outer layers are walked here so the signed bytes and embedded certificates are the exact
//! bytes received, never a re-encoding.

use std::ops::Range;

use der::{Decode, Encode};
use ring::digest;
use x509_ocsp::{CertStatus, ResponderId, ResponseData};
use x509_parser::prelude::*;

use crate::algorithms::SignatureScheme;
use crate::derwalk::{self, Walker};
use crate::error::{Error, ObjectKind, Result};
use crate::input;
use crate::keys::PublicKey;
use crate::verify::verify_signature;
use crate::x509::dn_key;

use super::{crl_reason_name, same_name, staleness, Evidence, Freshness, RevokedEntry, Staleness};

const OID_BASIC_RESPONSE: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];
/// id-pkix-ocsp-nonce: understood (there is nothing to check without the request).
const OID_NONCE: &str = "1.3.6.1.5.5.7.48.1.2";
/// id-pkix-ocsp-nocheck: the responder's certificate is not to be checked for revocation.
const OID_OCSP_NOCHECK: &str = "1.3.6.1.5.5.7.48.1.5";
/// The Certificate Transparency SCT list, which a response may carry critically.
const OID_CT_SCT_LIST: &str = "1.3.6.1.4.1.11129.2.4.5";

/// An OCSP response, kept as received.
#[derive(Clone, Debug)]
pub struct OcspResponse {
    der: Vec<u8>,
    /// Why the response as a whole cannot be used (an error status, an unknown type).
    refused: Option<String>,
    body: Option<Body>,
}

#[derive(Clone, Debug)]
struct Body {
    data: ResponseData,
    tbs: Range<usize>,
    signature_algorithm: Range<usize>,
    signature: Range<usize>,
    certs: Vec<Range<usize>>,
}

fn bad(detail: String) -> Error {
    Error::BadDer {
        detail,
        expected: ObjectKind::OcspResponse,
    }
}

fn seconds(time: &x509_ocsp::OcspGeneralizedTime) -> i64 {
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
                    hex::encode(other)
                )))
            }
        };
        let bytes = fields.optional(0xa0, "responseBytes").map_err(bad)?;
        fields.finish("OCSPResponse").map_err(bad)?;
        let refuse = |why: String| OcspResponse {
            der: der.clone(),
            refused: Some(why),
            body: None,
        };
        if let Some(name) = status_name {
            return Ok(refuse(format!("the responder answered '{name}'")));
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
        if signature.value.is_empty() {
            return Err(bad("signature: empty BIT STRING".into()));
        }
        let data = ResponseData::from_der(&der[tbs.start..tbs.end])
            .map_err(|e| bad(format!("tbsResponseData: {e}")))?;
        Ok(OcspResponse {
            body: Some(Body {
                data,
                tbs: tbs.start..tbs.end,
                signature_algorithm: alg.start..alg.end,
                signature: (signature.end - signature.value.len() + 1)..signature.end,
                certs,
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

    /// What this response says of `target`, issued by `issuer`: `None` when it does not speak
    /// of that certificate at all.
    ///
    /// `responder_revoked` says whether a CRL at hand revokes a delegated responder's
    /// certificate (the check RFC 6960 §4.2.2.2.1 leaves to local policy when the responder
    /// carries no id-pkix-ocsp-nocheck): a responder known revoked is not believed.
    pub(super) fn evidence(
        &self,
        target: &X509Certificate<'_>,
        issuer: &X509Certificate<'_>,
        time: i64,
        freshness: Freshness,
        responder_revoked: &dyn Fn(&X509Certificate<'_>) -> Option<String>,
    ) -> Option<std::result::Result<Evidence, String>> {
        let body = match (&self.body, &self.refused) {
            (Some(body), _) => body,
            (None, Some(why)) => return Some(Err(format!("an OCSP response: {why}"))),
            (None, None) => return None,
        };
        let data = &body.data;
        let matching: Vec<&x509_ocsp::SingleResponse> = data
            .responses
            .iter()
            .filter(|single| cert_id_matches(&single.cert_id, target, issuer))
            .collect();
        if matching.is_empty() {
            return None;
        }
        let produced_at = seconds(&data.produced_at);
        let source = format!(
            "the OCSP response produced at {}",
            derwalk::rfc3339(produced_at)
        );
        let refuse = |why: String| Some(Err(format!("{source}: {why}")));
        if let Err(why) = self.check_signer(body, issuer, time, responder_revoked) {
            return refuse(why);
        }
        if let Some(ext) = data
            .response_extensions
            .iter()
            .flatten()
            .find(|e| e.critical && e.extn_id.to_string() != OID_NONCE)
        {
            return refuse(format!(
                "unknown critical response extension {}",
                ext.extn_id
            ));
        }
        let validity = target.validity();
        if produced_at > time {
            return refuse(format!(
                "producedAt is after the validation time {}",
                derwalk::rfc3339(time)
            ));
        }
        if produced_at < validity.not_before.timestamp()
            || produced_at > validity.not_after.timestamp()
        {
            return refuse("producedAt lies outside the certificate's validity".into());
        }

        // Several answers for one certificate: the worst one counts.
        let mut chosen: Option<(&x509_ocsp::SingleResponse, u8)> = None;
        for single in matching {
            if let Some(ext) = single
                .single_extensions
                .iter()
                .flatten()
                .find(|e| e.critical && e.extn_id.to_string() != OID_CT_SCT_LIST)
            {
                return refuse(format!("unknown critical singleExtension {}", ext.extn_id));
            }
            let rank = match single.cert_status {
                CertStatus::Good(_) => 0,
                CertStatus::Unknown(_) => 1,
                CertStatus::Revoked(_) => 2,
            };
            if chosen.is_none_or(|(_, r)| rank > r) {
                chosen = Some((single, rank));
            }
        }
        let (single, _) = chosen?;
        match &single.cert_status {
            CertStatus::Revoked(info) if seconds(&info.revocation_time) <= time => {
                Some(Ok(Evidence::Revoked {
                    entry: RevokedEntry {
                        revoked_at: seconds(&info.revocation_time),
                        reason: info
                            .revocation_reason
                            .map(|r| crl_reason_name(u8::try_from(r as u32).unwrap_or(255))),
                    },
                    source,
                }))
            }
            CertStatus::Unknown(_) => refuse("the responder does not know the certificate".into()),
            CertStatus::Good(_) | CertStatus::Revoked(_) => {
                let this_update = seconds(&single.this_update);
                let next_update = single.next_update.as_ref().map(seconds);
                match staleness(this_update, next_update, time, freshness, "OCSP response") {
                    Staleness::Fresh => Some(Ok(Evidence::Good {
                        source,
                        stale: None,
                        reasons: None,
                    })),
                    Staleness::NotYetValid(why) | Staleness::Expired(why) => {
                        Some(Ok(Evidence::Good {
                            stale: Some(format!("{source}: {why}")),
                            reasons: None,
                            source,
                        }))
                    }
                }
            }
        }
    }

    /// Checks that the response is signed by `issuer`, or by a responder certificate that
    /// `issuer` signed with id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
    fn check_signer(
        &self,
        body: &Body,
        issuer: &X509Certificate<'_>,
        time: i64,
        responder_revoked: &dyn Fn(&X509Certificate<'_>) -> Option<String>,
    ) -> std::result::Result<(), String> {
        let scheme =
            match AlgorithmIdentifier::from_der(&self.der[body.signature_algorithm.clone()]) {
                Ok((_, alg)) => SignatureScheme::from_algorithm(&alg),
                Err(e) => return Err(format!("unreadable signatureAlgorithm: {e}")),
            };
        let tbs = &self.der[body.tbs.clone()];
        let signature = &self.der[body.signature.clone()];
        let responder = &body.data.responder_id;
        if responder_is(responder, issuer) {
            let key = PublicKey::from_spki(issuer.public_key());
            return verify_signature(&scheme, &key, tbs, signature).map_err(|e| {
                format!("its signature does not verify with the issuer's key ({e:?})")
            });
        }
        let issuer_name = dn_key(issuer.subject());
        for range in &body.certs {
            let Ok((_, delegate)) = X509Certificate::from_der(&self.der[range.clone()]) else {
                continue;
            };
            if !responder_is(responder, &delegate) {
                continue;
            }
            if !same_name(
                delegate.issuer().as_raw(),
                &issuer_name,
                issuer.subject().as_raw(),
            ) {
                return Err(
                    "its responder certificate was not issued by the certificate's issuer".into(),
                );
            }
            if !crate::verify::certificate_signed_by(&delegate, issuer) {
                return Err(
                    "its responder certificate's signature does not verify with the issuer's key"
                        .into(),
                );
            }
            let ocsp_signing =
                matches!(delegate.extended_key_usage(), Ok(Some(eku)) if eku.value.ocsp_signing);
            if !ocsp_signing {
                return Err("its responder certificate lacks id-kp-OCSPSigning".into());
            }
            let validity = delegate.validity();
            if time < validity.not_before.timestamp() || time > validity.not_after.timestamp() {
                return Err("its responder certificate is not valid at the validation time".into());
            }
            let nocheck = delegate
                .extensions()
                .iter()
                .any(|e| e.oid.to_id_string() == OID_OCSP_NOCHECK);
            if !nocheck {
                if let Some(date) = responder_revoked(&delegate) {
                    return Err(format!(
                        "its responder certificate {} was revoked on {date}",
                        crate::x509::dn_text(delegate.subject())
                    ));
                }
            }
            let key = PublicKey::from_spki(delegate.public_key());
            return verify_signature(&scheme, &key, tbs, signature).map_err(|e| {
                format!("its signature does not verify with the responder's key ({e:?})")
            });
        }
        Err("it is signed neither by the issuer nor by a responder certificate it includes".into())
    }
}

fn responder_is(responder: &ResponderId, cert: &X509Certificate<'_>) -> bool {
    match responder {
        ResponderId::ByName(name) => name
            .to_der()
            .is_ok_and(|der| same_name(&der, &dn_key(cert.subject()), cert.subject().as_raw())),
        ResponderId::ByKey(hash) => {
            digest::digest(
                &digest::SHA1_FOR_LEGACY_USE_ONLY,
                &cert.public_key().subject_public_key.data,
            )
            .as_ref()
                == hash.as_bytes()
        }
    }
}

fn cert_id_matches(
    id: &x509_ocsp::CertId,
    target: &X509Certificate<'_>,
    issuer: &X509Certificate<'_>,
) -> bool {
    let algorithm = match id.hash_algorithm.oid.to_string().as_str() {
        "1.3.14.3.2.26" => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        "2.16.840.1.101.3.4.2.1" => &digest::SHA256,
        "2.16.840.1.101.3.4.2.2" => &digest::SHA384,
        "2.16.840.1.101.3.4.2.3" => &digest::SHA512,
        _ => return false,
    };
    id.serial_number.as_bytes() == target.raw_serial()
        && digest::digest(algorithm, target.issuer().as_raw()).as_ref()
            == id.issuer_name_hash.as_bytes()
        && digest::digest(algorithm, &issuer.public_key().subject_public_key.data).as_ref()
            == id.issuer_key_hash.as_bytes()
}
