//! What is wrong with a chain as it was given, in the terms of the people who assemble chains:
//! which certificate is out of place, which intermediate is missing (by the issuer's name),
//! which certificates serve no purpose. webpki's error says that a path failed; these say why.

use rustls_pki_types::CertificateDer;
use x509_parser::prelude::*;

use crate::derwalk::rfc3339;
use crate::report::Finding;
use crate::verify::certificate_signed_by;
use crate::x509::{dn_key, dn_text};

use super::verifier::{unix_seconds, VerifyOptions};

/// The first certificate is a CA while an end-entity certificate follows it.
pub(super) fn leaf_not_first(chain: &[X509Certificate<'_>]) -> Option<Finding> {
    let first = chain.first()?;
    if !crate::x509::is_ca(first) {
        return None;
    }
    let (position, leaf) = chain
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, c)| !crate::x509::is_ca(c))?;
    Some(
        Finding::new(&super::LEAF_NOT_FIRST, "chain[0]")
            .arg("first", dn_text(first.subject()))
            .arg("leaf", dn_text(leaf.subject()))
            .arg("position", position + 1),
    )
}

/// The leaf is self-signed (its own issuer, its signature verifying with its own key) and is
/// not itself one of the anchors.
pub(super) fn self_signed_leaf(
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
    Some(Finding::new(&super::LEAF_SELF_SIGNED, "chain[0]").arg("subject", dn_text(leaf.subject())))
}

/// Certificates given in the chain (after the leaf) that the validated path does not use.
pub(super) fn extra_certificates(parsed: &[X509Certificate<'_>], used: &[usize]) -> Vec<Finding> {
    (1..parsed.len())
        .filter(|i| !used.contains(i))
        .map(|i| {
            Finding::new(&super::EXTRA_CERTIFICATE, format!("chain[{i}]"))
                .arg("subject", dn_text(parsed[i].subject()))
                .arg("position", i + 1)
        })
        .collect()
}

/// Turns webpki's reason for finding no path into findings that name the certificate at fault.
pub(super) fn explain(
    error: &webpki::Error,
    chain: &[X509Certificate<'_>],
    intermediates: &[CertificateDer<'static>],
    anchors: &[CertificateDer<'static>],
    options: &VerifyOptions,
) -> Vec<Finding> {
    use webpki::Error as E;
    let time = unix_seconds(options.time);
    let extra = parse_all(intermediates);
    let roots = parse_all(anchors);
    let walk = issuer_walk(chain, &extra, &roots);
    let detail = |text: String| Finding::new(&super::INVALID, "chain").arg("detail", text);
    match error {
        E::UnknownIssuer => match walk.missing {
            Some((subject, issuer)) => vec![Finding::new(&super::ISSUER_NOT_FOUND, "chain")
                .arg("issuer", issuer)
                .arg("subject", subject)],
            None => broken_link(&walk).unwrap_or_else(|| {
                vec![detail(format!(
                    "every issuer of {} is present and signs, yet no path was accepted (unknown issuer)",
                    dn_text(chain[0].subject())
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
                vec![Finding::new(&super::NOT_YET_VALID, "chain")
                    .arg("subject", dn_text(cert.subject()))
                    .arg("not_before", rfc3339(v.not_before.timestamp()))
                    .arg("time", rfc3339(time))]
            } else {
                vec![Finding::new(&super::EXPIRED, "chain")
                    .arg("subject", dn_text(cert.subject()))
                    .arg("not_after", rfc3339(v.not_after.timestamp()))
                    .arg("time", rfc3339(time))]
            }
        }
        E::InvalidSignatureForPublicKey
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            vec![Finding::new(&super::SIGNATURE_INVALID, "chain").arg("detail", format!("{error:?}"))]
        }
        E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => {
            vec![Finding::new(&super::USAGE_NOT_ALLOWED, "chain")
                .arg("usage", options.usage.as_str())
                .arg("detail", format!("{error:?}"))]
        }
        E::CaUsedAsEndEntity | E::EndEntityUsedAsCa | E::PathLenConstraintViolated => {
            vec![Finding::new(&super::CA_CONSTRAINTS, "chain").arg("detail", format!("{error:?}"))]
        }
        E::NameConstraintViolation => {
            vec![Finding::new(&super::NAME_CONSTRAINTS, "chain").arg("detail", format!("{error:?}"))]
        }
        E::MaximumPathDepthExceeded => vec![Finding::new(&super::TOO_LONG, "chain")
            .arg("count", "more than 6")
            .arg("max", options.max_depth)],
        other => broken_link(&walk).unwrap_or_else(|| vec![detail(format!("{other:?}"))]),
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
    Some(vec![Finding::new(&super::SIGNATURE_INVALID, "chain").arg(
        "detail",
        format!(
            "the signature of {} does not verify with the key of {}",
            dn_text(cert.subject()),
            dn_text(issuer.subject())
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
