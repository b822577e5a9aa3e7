//! What is wrong with a chain as it was given, in the terms of the people who assemble chains:
//! which certificate is out of place, which intermediate is missing (by the issuer's name),
//! which certificates serve no purpose. webpki's error says that a path failed; these say why.

use rustls_pki_types::CertificateDer;
use x509_parser::prelude::*;

use crate::chain::options::VerifyOptions;
use crate::chain::rules::{
    CA_CONSTRAINTS, EXPIRED, EXTRA_CERTIFICATE, INVALID, ISSUER_NOT_FOUND, LEAF_NOT_FIRST,
    LEAF_SELF_SIGNED, NAME_CONSTRAINTS, NOT_YET_VALID, SIGNATURE_INVALID, TOO_LONG,
    USAGE_NOT_ALLOWED,
};
use crate::derwalk::rfc3339;
use crate::lang::{localized, Localized};
use crate::rule::Finding;
use crate::verify::certificate_signed_by;
use crate::x509::{dn_key, dn_text, is_ca};

/// The first certificate is a CA while an end-entity certificate follows it.
pub(crate) fn leaf_not_first(chain: &[X509Certificate<'_>]) -> Option<Finding> {
    let first = chain.first()?;
    if !is_ca(first) {
        return None;
    }
    let (position, leaf) = chain.iter().enumerate().skip(1).find(|(_, c)| !is_ca(c))?;
    Some(
        Finding::new(&LEAF_NOT_FIRST, "chain[0]")
            .arg("first", dn_text(first.subject()))
            .arg("leaf", dn_text(leaf.subject()))
            .arg("position", position + 1),
    )
}

/// The leaf is self-signed (its own issuer, its signature verifying with its own key) and is
/// not itself one of the anchors.
pub(crate) fn self_signed_leaf(
    leaf: &X509Certificate<'_>,
    leaf_der: &CertificateDer<'_>,
    anchors: &[CertificateDer<'static>],
) -> Option<Finding> {
    let self_issued = leaf.subject().as_raw() == leaf.issuer().as_raw();
    if !self_issued
        || anchors.iter().any(|a| a.as_ref() == leaf_der.as_ref())
        || !certificate_signed_by(leaf, leaf)
    {
        return None;
    }
    Some(Finding::new(&LEAF_SELF_SIGNED, "chain[0]").arg("subject", dn_text(leaf.subject())))
}

/// Certificates given in the chain (after the leaf) that the validated path does not use.
pub(crate) fn extra_certificates(parsed: &[X509Certificate<'_>], used: &[usize]) -> Vec<Finding> {
    (1..parsed.len())
        .filter(|i| !used.contains(i))
        .map(|i| {
            Finding::new(&EXTRA_CERTIFICATE, format!("chain[{i}]"))
                .arg("subject", dn_text(parsed[i].subject()))
                .arg("position", i + 1)
        })
        .collect()
}

/// webpki's reason, for people: the variant's meaning where sceau knows it, else its name.
pub(crate) fn describe_webpki_error(error: &webpki::Error) -> Localized {
    use webpki::Error as E;
    match error {
        E::UnknownIssuer => localized!("unknown issuer", "émetteur inconnu"),
        E::BadDer | E::BadDerTime => localized!(
            "a certificate is not valid DER",
            "un certificat n'est pas un DER valide"
        ),
        E::CaUsedAsEndEntity => localized!(
            "a CA certificate is used as the end entity",
            "un certificat d'AC est utilisé comme certificat final"
        ),
        E::EndEntityUsedAsCa => localized!(
            "an end-entity certificate is used as a CA",
            "un certificat d'entité finale est utilisé comme AC"
        ),
        E::PathLenConstraintViolated => localized!(
            "a CA's pathLenConstraint is exceeded",
            "le pathLenConstraint d'une AC est dépassé"
        ),
        E::NameConstraintViolation => localized!(
            "a name is outside a CA's permitted subtrees or inside its excluded ones",
            "un nom sort des sous-arbres permis d'une AC ou entre dans ses sous-arbres exclus"
        ),
        E::InvalidSignatureForPublicKey => localized!(
            "a signature does not verify with its issuer's key",
            "une signature ne se vérifie pas avec la clé de son émetteur"
        ),
        E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => localized!(
            "a signature algorithm is not one path validation accepts ({detail:?})",
            "un algorithme de signature n'est pas de ceux qu'accepte la validation du chemin ({detail:?})",
            detail = format!("{error:?}")
        ),
        #[allow(deprecated)]
        E::RequiredEkuNotFoundContext(_) | E::RequiredEkuNotFound | E::EmptyEkuExtension => localized!(
            "the leaf's extendedKeyUsage does not allow it ({detail})",
            "l'extendedKeyUsage du certificat final ne le permet pas ({detail})",
            detail = format!("{error:?}")
        ),
        E::UnsupportedCriticalExtension => localized!(
            "a certificate carries a critical extension path validation does not know (UnsupportedCriticalExtension)",
            "un certificat porte une extension critique que la validation du chemin ne connaît pas (UnsupportedCriticalExtension)"
        ),
        E::MaximumPathDepthExceeded => localized!(
            "the path is longer than path validation allows",
            "le chemin est plus long que ne le permet la validation"
        ),
        other => localized!(
            "path validation refused it ({detail})",
            "la validation du chemin l'a refusée ({detail})",
            detail = format!("{other:?}")
        ),
    }
}

/// Turns webpki's reason for finding no path into findings that name the certificate at fault.
pub(crate) fn explain(
    error: &webpki::Error,
    chain: &[X509Certificate<'_>],
    intermediates: &[CertificateDer<'static>],
    anchors: &[CertificateDer<'static>],
    options: &VerifyOptions,
) -> Vec<Finding> {
    use webpki::Error as E;
    let time = options.unix_time();
    let extra = parse_all(intermediates);
    let roots = parse_all(anchors);
    let walk = issuer_walk(chain, &extra, &roots);
    let detail = |text: Localized| Finding::new(&INVALID, "chain").text("detail", text);
    match error {
        E::UnknownIssuer => match walk.missing {
            Some((subject, issuer)) => vec![Finding::new(&ISSUER_NOT_FOUND, "chain")
                .arg("issuer", issuer)
                .arg("subject", subject)],
            None => broken_link(&walk).unwrap_or_else(|| {
                vec![detail(localized!(
                    "every issuer of {subject} is present and signs, yet no path was accepted (unknown issuer)",
                    "chaque émetteur de {subject} est présent et signe, et pourtant aucun chemin n'a été accepté (émetteur inconnu)",
                    subject = dn_text(chain[0].subject())
                ))]
            }),
        },
        E::CertExpired { .. } | E::CertNotValidYet { .. } => {
            let out_of_date = walk.certs.iter().find(|c| {
                let v = c.validity();
                v.not_after.timestamp() < time || v.not_before.timestamp() > time
            });
            let cert = out_of_date.copied().unwrap_or(&chain[0]);
            let v = cert.validity();
            if v.not_before.timestamp() > time {
                vec![Finding::new(&NOT_YET_VALID, "chain")
                    .arg("subject", dn_text(cert.subject()))
                    .arg("not_before", rfc3339(v.not_before.timestamp()))
                    .arg("time", rfc3339(time))]
            } else {
                vec![Finding::new(&EXPIRED, "chain")
                    .arg("subject", dn_text(cert.subject()))
                    .arg("not_after", rfc3339(v.not_after.timestamp()))
                    .arg("time", rfc3339(time))]
            }
        }
        E::InvalidSignatureForPublicKey
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            vec![Finding::new(&SIGNATURE_INVALID, "chain").text("detail", describe_webpki_error(error))]
        }
        #[allow(deprecated)]
        E::RequiredEkuNotFoundContext(_) | E::RequiredEkuNotFound | E::EmptyEkuExtension => {
            vec![Finding::new(&USAGE_NOT_ALLOWED, "chain")
                .arg("usage", options.usage.as_str())
                .text("detail", describe_webpki_error(error))]
        }
        E::CaUsedAsEndEntity | E::EndEntityUsedAsCa | E::PathLenConstraintViolated => {
            vec![Finding::new(&CA_CONSTRAINTS, "chain").text("detail", describe_webpki_error(error))]
        }
        E::NameConstraintViolation => {
            vec![Finding::new(&NAME_CONSTRAINTS, "chain").text("detail", describe_webpki_error(error))]
        }
        E::MaximumPathDepthExceeded => vec![Finding::new(&TOO_LONG, "chain")
            .text("count", localized!("more than 6", "plus de 6"))
            .arg("max", options.max_depth)],
        other => broken_link(&walk).unwrap_or_else(|| vec![detail(describe_webpki_error(other))]),
    }
}

/// The first certificate on the walk whose signature its issuer's key does not verify.
fn broken_link(walk: &IssuerWalk<'_, '_>) -> Option<Vec<Finding>> {
    let mut issuers: Vec<&X509Certificate<'_>> = walk.certs[1..].to_vec();
    issuers.extend(walk.anchor);
    let (cert, issuer) = walk
        .certs
        .iter()
        .zip(&issuers)
        .find(|(cert, issuer)| !certificate_signed_by(cert, issuer))?;
    Some(vec![Finding::new(&SIGNATURE_INVALID, "chain").text(
        "detail",
        localized!(
            "the signature of {subject} does not verify with the key of {issuer}",
            "la signature de {subject} ne se vérifie pas avec la clé de {issuer}",
            subject = dn_text(cert.subject()),
            issuer = dn_text(issuer.subject())
        ),
    )])
}

fn parse_all<'a>(ders: &'a [CertificateDer<'static>]) -> Vec<X509Certificate<'a>> {
    ders.iter()
        .filter_map(|d| X509Certificate::from_der(d).ok().map(|(_, c)| c))
        .collect()
}

/// The certificates met walking up from the leaf by issuer name, and the first issuer no given
/// certificate bears the name of.
struct IssuerWalk<'a, 'c> {
    certs: Vec<&'a X509Certificate<'c>>,
    anchor: Option<&'a X509Certificate<'c>>,
    missing: Option<(String, String)>,
}

fn issuer_walk<'a, 'c>(
    chain: &'a [X509Certificate<'c>],
    extra: &'a [X509Certificate<'c>],
    roots: &'a [X509Certificate<'c>],
) -> IssuerWalk<'a, 'c> {
    let mut certs = vec![&chain[0]];
    let candidates: Vec<&X509Certificate<'c>> = chain[1..].iter().chain(extra).collect();
    let mut current = &chain[0];
    // Bounded: a path has at most a handful of CAs, and a loop of names must end.
    for _ in 0..16 {
        let wanted = dn_key(current.issuer());
        if let Some(root) = roots.iter().find(|r| dn_key(r.subject()) == wanted) {
            return IssuerWalk {
                certs,
                anchor: Some(root),
                missing: None,
            };
        }
        match candidates.iter().find(|c| {
            dn_key(c.subject()) == wanted && !certs.iter().any(|seen| std::ptr::eq(*seen, **c))
        }) {
            Some(next) => {
                certs.push(next);
                current = next;
            }
            None => {
                return IssuerWalk {
                    certs,
                    anchor: None,
                    missing: Some((dn_text(current.subject()), dn_text(current.issuer()))),
                }
            }
        }
    }
    IssuerWalk {
        certs,
        anchor: None,
        missing: None,
    }
}
