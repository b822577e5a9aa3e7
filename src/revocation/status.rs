//! The revocation status of one certificate of a validated path: every CRL and OCSP response
//! that speaks of it is weighed. A source is *evidence* only when it is issued for the
//! certificate's issuer, in scope (Issuing Distribution Point vs the certificate's CRL
//! distribution points), signed by a key of the validated path that bears that issuer's name
//! (or by a separate CRL signer that a CA of the path certified), and readable in every
//! critical part. `revoked` always wins; a fresh `good` settles the question.

use serde::Serialize;
use x509_parser::prelude::*;

use crate::derwalk;
use crate::lang::{localized, Localized};
use crate::revocation::crl::{Crl, ALL_REASONS};
use crate::revocation::evidence::{
    about, refused_algorithm, staleness, Evidence, Standing, StatusRules,
};
use crate::revocation::ocsp::OcspResponse;
use crate::revocation::points::{cert_distribution_points, DistributionPointNames};
use crate::revocation::policy::RevocationPolicy;
use crate::revocation::responder::ocsp_evidence;
use crate::signature::SignatureScheme;
use crate::verify::certificate_signed_by;
use crate::x509::{dn_key, dn_text, is_ca};

/// The CRLs and OCSP responses a verification may draw on.
#[derive(Clone, Debug, Default)]
pub struct RevocationSources {
    /// Certificate revocation lists.
    pub crls: Vec<Crl>,
    /// OCSP responses.
    pub ocsp: Vec<OcspResponse>,
}

/// What the sources say of one certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RevocationStatus {
    /// Not revoked, per fresh evidence.
    Good {
        /// Which source said so.
        source: Localized,
        /// When a source records a revocation after the time the status was wanted for (a
        /// signature validated at its proof of existence): the date, RFC 3339.
        #[serde(skip_serializing_if = "Option::is_none")]
        revoked_after: Option<String>,
    },
    /// Not revoked, but the evidence is out of date (or not yet valid).
    Stale {
        /// Which source said so.
        source: Localized,
        /// Why it is out of date.
        why: Localized,
    },
    /// Revoked.
    Revoked {
        /// When (RFC 3339).
        date: String,
        /// The CRLReason, when given.
        reason: Option<String>,
        /// Which source said so.
        source: Localized,
    },
    /// No source could be used.
    Unknown {
        /// Why each candidate source was set aside, or that there was none.
        why: Localized,
    },
    /// Revocation was not checked (policy `off`, or the trust anchor).
    NotChecked,
}

/// A certificate of a validated path with the certificates above it (its issuer first), as
/// revocation checking needs them.
pub struct PathPosition<'a, 'c> {
    /// The certificate whose status is wanted.
    pub target: &'a X509Certificate<'c>,
    /// The certificates above it in the validated path, nearest first, the anchor last.
    pub above: &'a [&'a X509Certificate<'c>],
    /// Other certificates at hand (given with the chain, not in the path): a CRL may be signed
    /// by one of them, a separate CRL-signing key the same CA certified (RFC 5280 §6.3.3(f)).
    pub pool: &'a [&'a X509Certificate<'c>],
}

impl RevocationSources {
    /// Weighs every source that speaks of `position.target` under `rules`: at its time, with
    /// its freshness, its revocation policy (a delegated OCSP responder counts under
    /// `required` only when known good) and its algorithm policy.
    /// `extra` is evidence given with this one verification (a TLS server's stapled response,
    /// the CRLs inside a signature).
    pub fn status(
        &self,
        position: &PathPosition<'_, '_>,
        rules: &StatusRules<'_>,
        extra: &RevocationSources,
    ) -> RevocationStatus {
        let mut rejected: Vec<Localized> = Vec::new();
        let mut good: Option<(Localized, Option<Localized>)> = None;
        // CRLs partitioned by reason (onlySomeReasons) settle the question together once they
        // cover every reason (RFC 5280 §6.3.3, the reasons mask).
        let mut partial = (0u16, Vec::new(), None::<Localized>);
        let mut later: Option<i64> = None;
        let mut consider = |evidence: Result<Evidence, Localized>| -> Option<RevocationStatus> {
            if let Ok(Evidence::Good {
                revoked_later: Some(entry),
                ..
            }) = &evidence
            {
                later = Some(later.map_or(entry.revoked_at, |l| l.min(entry.revoked_at)));
            }
            match evidence {
                Ok(Evidence::Revoked { entry, source }) => Some(RevocationStatus::Revoked {
                    date: derwalk::rfc3339(entry.revoked_at),
                    reason: entry.reason.map(str::to_string),
                    source,
                }),
                Ok(Evidence::Good {
                    source,
                    stale,
                    reasons: Some(mask),
                    ..
                }) => {
                    partial.0 |= mask;
                    partial.1.push(source);
                    partial.2 = partial.2.take().or(stale);
                    None
                }
                Ok(Evidence::Good { source, stale, .. }) => {
                    // A fresh answer replaces a stale one; the first fresh one stands.
                    if good.as_ref().is_none_or(|(_, s)| s.is_some()) {
                        good = Some((source, stale));
                    }
                    None
                }
                Err(why) => {
                    rejected.push(why);
                    None
                }
            }
        };
        for crl in self.crls_issued_for(position.target, extra) {
            if let Some(revoked) = consider(self.crl_evidence(crl, position, rules)) {
                return revoked;
            }
        }
        // A delegated OCSP responder is looked up in the CRLs only: OCSP about the responder
        // would be signed by the responder itself.
        let responder_standing = |responder: &X509Certificate<'_>| {
            let at = PathPosition {
                target: responder,
                above: position.above,
                pool: &[],
            };
            self.crl_status(&at, rules, extra)
        };
        if let Some(issuer) = position.above.first() {
            for response in self.ocsp.iter().chain(&extra.ocsp) {
                let evidence = ocsp_evidence(
                    response,
                    position.target,
                    issuer,
                    rules,
                    &responder_standing,
                );
                if let Some(revoked) = evidence.and_then(&mut consider) {
                    return revoked;
                }
            }
        }
        if partial.0 & ALL_REASONS == ALL_REASONS
            && good.as_ref().is_none_or(|(_, stale)| stale.is_some())
        {
            good = Some((Localized::join(&partial.1, " with ", " avec "), partial.2));
        }
        match good {
            Some((source, None)) => RevocationStatus::Good {
                source,
                revoked_after: later.map(derwalk::rfc3339),
            },
            Some((source, Some(why))) => RevocationStatus::Stale { source, why },
            None if rejected.is_empty() => RevocationStatus::Unknown {
                why: localized!(
                    "no CRL or OCSP response from its issuer '{issuer}' was given",
                    "aucune LCR ni réponse OCSP de son émetteur « {issuer} » n'a été fournie",
                    issuer = dn_text(position.target.issuer())
                ),
            },
            None => RevocationStatus::Unknown {
                why: Localized::join(&rejected, "; ", " ; "),
            },
        }
    }

    /// What the CRLs alone say of `position.target`: revoked, fresh good, or not known.
    fn crl_status(
        &self,
        position: &PathPosition<'_, '_>,
        rules: &StatusRules<'_>,
        extra: &RevocationSources,
    ) -> Standing {
        let mut why = Vec::new();
        let mut good = false;
        for crl in self.crls_issued_for(position.target, extra) {
            match self.crl_evidence(crl, position, rules) {
                Ok(Evidence::Revoked { entry, .. }) => {
                    return Standing::Revoked(derwalk::rfc3339(entry.revoked_at))
                }
                Ok(Evidence::Good {
                    stale: None,
                    reasons: None,
                    ..
                }) => good = true,
                Ok(Evidence::Good {
                    stale: Some(stale), ..
                }) => why.push(stale),
                Ok(Evidence::Good { source, .. }) => why.push(localized!(
                    "{source} covers some reasons only",
                    "{source} ne couvre que certains motifs",
                    source = source
                )),
                Err(refused) => why.push(refused),
            }
        }
        match (good, why.is_empty()) {
            (true, _) => Standing::Good,
            (false, true) => Standing::Unknown(localized!(
                "no CRL of '{issuer}' was given",
                "aucune LCR de « {issuer} » n'a été fournie",
                issuer = dn_text(position.target.issuer())
            )),
            (false, false) => Standing::Unknown(Localized::join(&why, "; ", " ; ")),
        }
    }

    /// The CRLs issued under the name of `cert`'s issuer (bytes, or RFC 5280 §7.1 comparison;
    /// the normalised name is computed only if some CRL's issuer differs in its bytes).
    fn crls_issued_for<'s>(
        &'s self,
        cert: &'s X509Certificate<'_>,
        extra: &'s RevocationSources,
    ) -> impl Iterator<Item = &'s Crl> {
        let issuer_key = std::cell::OnceCell::new();
        let issuer_raw = cert.issuer().as_raw();
        self.crls.iter().chain(&extra.crls).filter(move |crl| {
            crl.issuer_der() == issuer_raw
                || crl.issued_by_name(issuer_raw, issuer_key.get_or_init(|| dn_key(cert.issuer())))
        })
    }

    fn crl_evidence(
        &self,
        crl: &Crl,
        position: &PathPosition<'_, '_>,
        rules: &StatusRules<'_>,
    ) -> Result<Evidence, Localized> {
        let time = rules.time;
        let target = position.target;
        let source = localized!(
            "the CRL of '{issuer}' of {date}",
            "la LCR de « {issuer} » du {date}",
            issuer = crl.issuer_text(),
            date = derwalk::rfc3339(crl.this_update())
        );
        let refuse = |why: Localized| Err(about(&source, &why));
        if let Some(why) = crl.unsupported() {
            return refuse(why.clone());
        }
        let points = match cert_distribution_points(target) {
            Ok(points) => points,
            Err(why) => {
                return refuse(localized!(
                    "the certificate's {why}",
                    "le certificat : {why}",
                    why = why
                ))
            }
        };
        if points.iter().any(|p| p.crl_issuer) {
            return refuse(localized!(
                "the certificate names a separate CRL issuer (indirect CRLs are not supported)",
                "le certificat désigne un émetteur de LCR distinct (les LCR indirectes ne sont pas prises en charge)"
            ));
        }
        if let Some(idp) = crl.issuing_distribution_point() {
            if idp.indirect {
                return refuse(localized!(
                    "it is an indirect CRL, which sceau does not support",
                    "c'est une LCR indirecte, que sceau ne prend pas en charge"
                ));
            }
            if idp.only_attribute_certs {
                return refuse(localized!(
                    "it covers attribute certificates only",
                    "elle ne couvre que des certificats d'attributs"
                ));
            }
            if idp.only_ca_certs && !is_ca(target) {
                return refuse(localized!(
                    "it covers CA certificates only (onlyContainsCACerts)",
                    "elle ne couvre que des certificats d'AC (onlyContainsCACerts)"
                ));
            }
            if idp.only_user_certs && (is_ca(target) || target.version() != X509Version::V3) {
                return refuse(localized!(
                    "it covers end-entity certificates only (onlyContainsUserCerts)",
                    "elle ne couvre que des certificats d'entité finale (onlyContainsUserCerts)"
                ));
            }
            if let Some(names) = &idp.names {
                let cert_points: Vec<&DistributionPointNames> =
                    points.iter().filter_map(|p| p.names.as_ref()).collect();
                if !cert_points.iter().any(|p| p.intersects(names)) {
                    return refuse(localized!(
                        "its distribution point is not one the certificate names",
                        "son point de distribution n'est pas l'un de ceux que nomme le certificat"
                    ));
                }
            }
        }

        // The signer: a certificate of the validated path bearing the CRL issuer's name (the
        // issuer itself, or the same CA's other key across a key rollover).
        let scheme = crl.signature_scheme();
        let mut signer = None;
        for candidate in position.above {
            if !crl.issued_under(candidate.subject()) {
                continue;
            }
            if crl.is_signed_by(candidate) {
                signer = Some(candidate);
                break;
            }
        }
        if signer.is_none() {
            match self.outside_signer(crl, position, rules) {
                Ok(found) => signer = found,
                Err(why) => return refuse(why),
            }
        }
        let Some(signer) = signer else {
            return refuse(localized!(
                "its signature ({scheme}) does not verify with a key of '{issuer}' in the path",
                "sa signature ({scheme}) ne se vérifie avec aucune clé de « {issuer} » du chemin",
                scheme = scheme.describe(),
                issuer = dn_text(target.issuer())
            ));
        };
        if let Ok(Some(ku)) = signer.key_usage() {
            if !ku.value.crl_sign() {
                return refuse(localized!(
                    "its signer's keyUsage lacks cRLSign",
                    "le keyUsage de son signataire n'a pas cRLSign"
                ));
            }
        }
        if let Some(why) = refused_algorithm(&scheme, signer, rules) {
            return refuse(why);
        }

        // RFC 5280 §6.3.3(d): the reasons the CRL covers are its onlySomeReasons limited by the
        // reasons of the certificate's distribution points it answers for (those its Issuing
        // Distribution Point names, or all of them when it names none).
        let idp = crl.issuing_distribution_point();
        let idp_names = idp.and_then(|idp| idp.names.as_ref());
        let point_reasons = (!points.is_empty()).then(|| {
            points
                .iter()
                .filter(|p| match idp_names {
                    Some(names) => p.names.as_ref().is_some_and(|n| n.intersects(names)),
                    None => true,
                })
                .fold(0u16, |mask, p| mask | p.reasons.unwrap_or(ALL_REASONS))
        });
        let reasons = match (idp.and_then(|idp| idp.only_some_reasons), point_reasons) {
            (only, None) => only,
            (None, Some(mask)) if mask & ALL_REASONS == ALL_REASONS => None,
            (only, Some(mask)) => Some(only.unwrap_or(ALL_REASONS) & mask),
        };
        let what = localized!("this CRL", "cette LCR");
        match crl.lookup(derwalk::minimal_integer(target.raw_serial())) {
            // A revocation dated after the validation time had not happened yet at that time.
            Some(entry) if entry.revoked_at <= time => Ok(Evidence::Revoked { entry, source }),
            later => {
                let stale = staleness(crl.this_update(), crl.next_update(), rules, &what)
                    .why()
                    .map(|why| about(&source, &why));
                // Past validation: a CA may drop a revoked certificate's entry once one
                // regularly scheduled CRL issued after its notAfter has listed it (RFC 5280
                // §3.3). A CRL issued more than one of its own periods after the expiry is not
                // that first one: its silence is no evidence of good standing.
                let not_after = target.validity().not_after.timestamp();
                let beyond = crl.this_update() > not_after
                    && crl.next_update().is_none_or(|next| {
                        crl.this_update() - not_after > next.saturating_sub(crl.this_update())
                    });
                if stale.is_none() && beyond {
                    return refuse(localized!(
                        "it was issued more than one CRL period after the certificate expired ({not_after}), when its entry may have been removed",
                        "elle a été émise plus d'une période de LCR après l'expiration du certificat ({not_after}), quand son entrée a pu être retirée",
                        not_after = derwalk::rfc3339(not_after)
                    ));
                }
                Ok(Evidence::Good {
                    source,
                    stale,
                    reasons,
                    revoked_later: later,
                })
            }
        }
    }

    /// A CRL signer certified outside the validated path: a certificate at hand bearing the
    /// CRL issuer's name that signs the CRL, itself signed by a CA of the path (so it chains to
    /// the same anchor), valid at `time`, with cRLSign, and itself not revoked per fresh
    /// evidence from the path. `Ok(None)` when there is no such certificate; `Err` when one
    /// signs the CRL but cannot be trusted to.
    fn outside_signer<'a, 'c>(
        &self,
        crl: &Crl,
        position: &PathPosition<'a, 'c>,
        rules: &StatusRules<'_>,
    ) -> Result<Option<&'a &'a X509Certificate<'c>>, Localized> {
        let time = rules.time;
        for candidate in position.pool {
            let subject = candidate.subject();
            if !crl.issued_under(subject) || !crl.is_signed_by(candidate) {
                continue;
            }
            let who = localized!(
                "its signer {subject} (outside the path)",
                "son signataire {subject} (hors du chemin)",
                subject = dn_text(subject)
            );
            let Some(at) = position.above.iter().position(|ca| {
                ca.subject().as_raw() == candidate.issuer().as_raw()
                    && certificate_signed_by(candidate, ca)
            }) else {
                return Err(localized!(
                    "{who} is not certified by a CA of the path",
                    "{who} n'est certifié par aucune AC du chemin",
                    who = who
                ));
            };
            // The CA's signature on it is evidence too, judged as the CRL's own signature is.
            let certified_with = SignatureScheme::from_algorithm(&candidate.signature_algorithm);
            if let Some(why) = refused_algorithm(&certified_with, position.above[at], rules) {
                return Err(localized!(
                    "{who}, its certificate: {why}",
                    "{who}, son certificat : {why}",
                    who = who,
                    why = why
                ));
            }
            let validity = candidate.validity();
            let valid_at = |t: i64| {
                t >= validity.not_before.timestamp() && t <= validity.not_after.timestamp()
            };
            if !valid_at(time) {
                return Err(localized!(
                    "{who} is not valid at the validation time",
                    "{who} n'est pas valide à la date de validation",
                    who = who
                ));
            }
            // And valid when it signed: in past validation the CRL may be issued long after
            // the validation time, by then with an expired signer's key.
            if !valid_at(crl.this_update()) {
                return Err(localized!(
                    "{who} was not valid when the CRL was issued ({at})",
                    "{who} n'était pas valide quand la LCR a été émise ({at})",
                    who = who,
                    at = derwalk::rfc3339(crl.this_update())
                ));
            }
            let status = self.status(
                &PathPosition {
                    target: candidate,
                    above: &position.above[at..],
                    pool: &[],
                },
                &StatusRules {
                    policy: RevocationPolicy::Required,
                    ..*rules
                },
                &RevocationSources::default(),
            );
            return match status {
                RevocationStatus::Good { .. } => Ok(Some(candidate)),
                RevocationStatus::Revoked { date, .. } => Err(localized!(
                    "{who} was revoked on {date}",
                    "{who} a été révoqué le {date}",
                    who = who,
                    date = date
                )),
                RevocationStatus::Stale { why, .. } | RevocationStatus::Unknown { why } => {
                    Err(localized!(
                        "{who} has no fresh revocation status ({why})",
                        "{who} n'a pas de statut de révocation à jour ({why})",
                        who = who,
                        why = why
                    ))
                }
                RevocationStatus::NotChecked => Err(localized!(
                    "{who} has no revocation status",
                    "{who} n'a pas de statut de révocation",
                    who = who
                )),
            };
        }
        Ok(None)
    }
}
