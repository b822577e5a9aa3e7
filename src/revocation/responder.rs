//! What an OCSP response is worth as evidence for one certificate (RFC 6960): its CertID, its
//! signer (the issuer, or a delegated id-kp-OCSPSigning responder the issuer certified), its
//! times and critical extensions.

use der::Encode;
use x509_ocsp::{CertStatus, ResponderId};
use x509_parser::prelude::*;

use crate::derwalk;
use crate::lang::{localized, Localized};
use crate::public_key::PublicKey;
use crate::revocation::crl::{crl_reason_name, RevokedEntry};
use crate::revocation::evidence::{
    about, refused_algorithm, same_name, staleness, Evidence, Standing, StatusRules,
};
use crate::revocation::ocsp::{seconds, Body, OcspResponse};
use crate::revocation::policy::RevocationPolicy;
use crate::signature::SignatureScheme;
use crate::verify::{certificate_signed_by, verify_signature, VerifyFailure};
use crate::x509::{dn_key, dn_text};

/// id-pkix-ocsp-nonce: understood (there is nothing to check without the request).
const OID_NONCE: &str = "1.3.6.1.5.5.7.48.1.2";
/// id-pkix-ocsp-nocheck: the responder's certificate is not to be checked for revocation.
const OID_OCSP_NOCHECK: asn1_rs::Oid<'static> = asn1_rs::oid!(1.3.6 .1 .5 .5 .7 .48 .1 .5);
/// The Certificate Transparency SCT list, which a response may carry critically.
const OID_CT_SCT_LIST: &str = "1.3.6.1.4.1.11129.2.4.5";

/// What `response` says of `target`, issued by `issuer`: `None` when it does not speak of that
/// certificate at all; `Err` when it speaks of it but cannot be believed, with why.
///
/// `responder_standing` says what the CRLs at hand say of a delegated responder's certificate
/// (the check RFC 6960 §4.2.2.2.1 leaves to local policy when the responder carries no
/// id-pkix-ocsp-nocheck): a responder known revoked is never believed, and under `required`
/// one is believed only when known good.
pub(crate) fn ocsp_evidence(
    response: &OcspResponse,
    target: &X509Certificate<'_>,
    issuer: &X509Certificate<'_>,
    rules: &StatusRules<'_>,
    responder_standing: &dyn Fn(&X509Certificate<'_>) -> Standing,
) -> Option<Result<Evidence, Localized>> {
    let time = rules.time;
    let body = match (response.body(), response.refused()) {
        (Some(body), _) => body,
        (None, Some(why)) => {
            return Some(Err(localized!(
                "an OCSP response: {why}",
                "une réponse OCSP : {why}",
                why = why
            )))
        }
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
    let source = localized!(
        "the OCSP response produced at {at}",
        "la réponse OCSP produite le {at}",
        at = derwalk::rfc3339(produced_at)
    );
    let refuse = |why: Localized| Some(Err(about(&source, &why)));
    if let Err(why) = check_signer(response, body, issuer, rules, responder_standing) {
        return refuse(why);
    }
    if let Some(ext) = data
        .response_extensions
        .iter()
        .flatten()
        .find(|e| e.critical && e.extn_id.to_string() != OID_NONCE)
    {
        return refuse(localized!(
            "unknown critical response extension {oid}",
            "extension de réponse critique inconnue {oid}",
            oid = ext.extn_id.to_string()
        ));
    }
    let validity = target.validity();
    if produced_at > rules.latest() {
        return refuse(localized!(
            "producedAt is after the validation time {time}",
            "producedAt est postérieur à la date de validation {time}",
            time = derwalk::rfc3339(rules.latest())
        ));
    }
    if produced_at < validity.not_before.timestamp() || produced_at > validity.not_after.timestamp()
    {
        return refuse(localized!(
            "producedAt lies outside the certificate's validity",
            "producedAt sort de la période de validité du certificat"
        ));
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
            return refuse(localized!(
                "unknown critical singleExtension {oid}",
                "singleExtension critique inconnue {oid}",
                oid = ext.extn_id.to_string()
            ));
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
        CertStatus::Unknown(_) => refuse(localized!(
            "the responder does not know the certificate",
            "le répondeur ne connaît pas le certificat"
        )),
        CertStatus::Good(_) | CertStatus::Revoked(_) => {
            let this_update = seconds(&single.this_update);
            let next_update = single.next_update.as_ref().map(seconds);
            let what = localized!("this OCSP response", "cette réponse OCSP");
            let stale = staleness(this_update, next_update, rules, &what)
                .why()
                .map(|why| about(&source, &why));
            let revoked_later = match &single.cert_status {
                CertStatus::Revoked(info) => Some(RevokedEntry {
                    revoked_at: seconds(&info.revocation_time),
                    reason: None,
                }),
                _ => None,
            };
            Some(Ok(Evidence::Good {
                source,
                stale,
                reasons: None,
                revoked_later,
            }))
        }
    }
}

/// Checks that the response is signed by `issuer`, or by a responder certificate that `issuer`
/// signed with id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
fn check_signer(
    response: &OcspResponse,
    body: &Body,
    issuer: &X509Certificate<'_>,
    rules: &StatusRules<'_>,
    responder_standing: &dyn Fn(&X509Certificate<'_>) -> Standing,
) -> Result<(), Localized> {
    let (time, policy) = (rules.time, rules.policy);
    let der = response.der();
    let scheme = match AlgorithmIdentifier::from_der(&der[body.signature_algorithm.clone()]) {
        Ok((_, alg)) => SignatureScheme::from_algorithm(&alg),
        Err(e) => {
            return Err(localized!(
                "unreadable signatureAlgorithm: {e}",
                "signatureAlgorithm illisible : {e}",
                e = e.to_string()
            ))
        }
    };
    let tbs = &der[body.tbs.clone()];
    let signature = &der[body.signature.clone()];
    let responder = &body.data.responder_id;
    if responder_is(responder, issuer) {
        if let Some(why) = refused_algorithm(&scheme, issuer, rules) {
            return Err(why);
        }
        let spki = issuer.public_key();
        let verify = || verify_signature(&scheme, &PublicKey::from_spki(spki), tbs, signature);
        return body.signers.check(spki.raw, verify).map_err(|e| {
            localized!(
                "its signature does not verify with the issuer's key ({e})",
                "sa signature ne se vérifie pas avec la clé de l'émetteur ({e})",
                e = e.describe()
            )
        });
    }
    let issuer_name = dn_key(issuer.subject());
    for range in &body.certs {
        let Ok((_, delegate)) = X509Certificate::from_der(&der[range.clone()]) else {
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
            return Err(localized!(
                "its responder certificate was not issued by the certificate's issuer",
                "son certificat de répondeur n'a pas été émis par l'émetteur du certificat"
            ));
        }
        let certified = || {
            certificate_signed_by(&delegate, issuer)
                .then_some(())
                .ok_or(VerifyFailure::Invalid)
        };
        if body
            .responder_issuers
            .check(issuer.public_key().raw, certified)
            .is_err()
        {
            return Err(localized!(
                "its responder certificate's signature does not verify with the issuer's key",
                "la signature de son certificat de répondeur ne se vérifie pas avec la clé de l'émetteur"
            ));
        }
        // The issuer's signature on the responder certificate is evidence too: the algorithm
        // policy judges it as it judges the response's own signature.
        let certified_with = SignatureScheme::from_algorithm(&delegate.signature_algorithm);
        if let Some(why) = refused_algorithm(&certified_with, issuer, rules) {
            return Err(localized!(
                "its responder certificate: {why}",
                "son certificat de répondeur : {why}",
                why = why
            ));
        }
        let ocsp_signing =
            matches!(delegate.extended_key_usage(), Ok(Some(eku)) if eku.value.ocsp_signing);
        if !ocsp_signing {
            return Err(localized!(
                "its responder certificate lacks id-kp-OCSPSigning",
                "son certificat de répondeur n'a pas id-kp-OCSPSigning"
            ));
        }
        let validity = delegate.validity();
        let valid_at =
            |t: i64| t >= validity.not_before.timestamp() && t <= validity.not_after.timestamp();
        if !valid_at(time) {
            return Err(localized!(
                "its responder certificate is not valid at the validation time",
                "son certificat de répondeur n'est pas valide à la date de validation"
            ));
        }
        // It must also have been valid when it signed: in past validation the response may be
        // produced long after the validation time, by then with an expired responder's key.
        let produced_at = seconds(&body.data.produced_at);
        if !valid_at(produced_at) {
            return Err(localized!(
                "its responder certificate was not valid when the response was produced ({at})",
                "son certificat de répondeur n'était pas valide quand la réponse a été produite ({at})",
                at = derwalk::rfc3339(produced_at)
            ));
        }
        let nocheck = delegate
            .extensions()
            .iter()
            .any(|e| e.oid == OID_OCSP_NOCHECK);
        if !nocheck {
            let subject = dn_text(delegate.subject());
            match responder_standing(&delegate) {
                Standing::Good => {}
                Standing::Revoked(date) => {
                    return Err(localized!(
                        "its responder certificate {subject} was revoked on {date}",
                        "son certificat de répondeur {subject} a été révoqué le {date}",
                        subject = subject,
                        date = date
                    ))
                }
                Standing::Unknown(why) if policy == RevocationPolicy::Required => {
                    return Err(localized!(
                        "its responder certificate {subject} carries no id-pkix-ocsp-nocheck and its own revocation status is not known to be good ({why})",
                        "son certificat de répondeur {subject} ne porte pas id-pkix-ocsp-nocheck et son propre statut de révocation n'est pas connu pour bon ({why})",
                        subject = subject,
                        why = why
                    ))
                }
                Standing::Unknown(_) => {}
            }
        }
        if let Some(why) = refused_algorithm(&scheme, &delegate, rules) {
            return Err(why);
        }
        let spki = delegate.public_key();
        let verify = || verify_signature(&scheme, &PublicKey::from_spki(spki), tbs, signature);
        return body.signers.check(spki.raw, verify).map_err(|e| {
            localized!(
                "its signature does not verify with the responder's key ({e})",
                "sa signature ne se vérifie pas avec la clé du répondeur ({e})",
                e = e.describe()
            )
        });
    }
    Err(localized!(
        "it is signed neither by the issuer nor by a responder certificate it includes",
        "elle n'est signée ni par l'émetteur ni par un certificat de répondeur qu'elle contient"
    ))
}

fn responder_is(responder: &ResponderId, cert: &X509Certificate<'_>) -> bool {
    match responder {
        ResponderId::ByName(name) => name
            .to_der()
            .is_ok_and(|der| same_name(&der, &dn_key(cert.subject()), cert.subject().as_raw())),
        ResponderId::ByKey(hash) => {
            crate::signature::sha1(&cert.public_key().subject_public_key.data) == hash.as_bytes()
        }
    }
}

fn cert_id_matches(
    id: &x509_ocsp::CertId,
    target: &X509Certificate<'_>,
    issuer: &X509Certificate<'_>,
) -> bool {
    use crate::signature::HashAlg;
    // The CertID hashes RFC 6960 §4.1.1 and RFC 5019 name; any other fails the match.
    let algorithm = match HashAlg::from_oid_bytes(id.hash_algorithm.oid.as_bytes()) {
        Some(alg @ (HashAlg::Sha1 | HashAlg::Sha256 | HashAlg::Sha384 | HashAlg::Sha512)) => alg,
        _ => return false,
    };
    let hash_is = |data: &[u8], expected: &[u8]| {
        algorithm
            .digest(data)
            .is_some_and(|digest| digest == expected)
    };
    id.serial_number.as_bytes() == derwalk::minimal_integer(target.raw_serial())
        && hash_is(target.issuer().as_raw(), id.issuer_name_hash.as_bytes())
        && hash_is(
            &issuer.public_key().subject_public_key.data,
            id.issuer_key_hash.as_bytes(),
        )
}
