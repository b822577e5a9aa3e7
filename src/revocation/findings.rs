//! The findings a certificate's revocation status gives under the revocation policy.

use crate::lang::{localized, Localized};
use crate::revocation::policy::RevocationPolicy;
use crate::revocation::status::RevocationStatus;
use crate::rule::{rules, Finding, Rule};

rules! {
    REVOKED: "revocation.revoked", Error,
        "RFC 5280 §6.3; RFC 6960 §2.2",
        "{subject} (serial {serial}) was revoked on {date} (reason: {reason}), according to {source}.",
        "{subject} (numéro de série {serial}) a été révoqué le {date} (motif : {reason}), selon {source}.";
    MISSING: "revocation.missing", Error,
        "RFC 5280 §6.3; Diapason annex 1 (client certificates: revocation mandatory)",
        "No usable revocation status for {subject} (serial {serial}), and the policy requires one: {why}.",
        "Aucun statut de révocation utilisable pour {subject} (numéro de série {serial}), alors que la politique en exige un : {why}.";
    UNCHECKED: "revocation.unchecked", Warning,
        "RFC 5280 §6.3 (best effort)",
        "The revocation status of {subject} (serial {serial}) could not be established: {why}.",
        "Le statut de révocation de {subject} (numéro de série {serial}) n'a pas pu être établi : {why}.";
    STALE: "revocation.stale", Error,
        "RFC 5280 §5.1.2.5; RFC 6960 §4.2.2.1",
        "The only revocation evidence for {subject} (serial {serial}) is out of date: {why}.",
        "La seule preuve de non-révocation de {subject} (numéro de série {serial}) est périmée : {why}.";
    STALE_ACCEPTED: "revocation.stale_accepted", Warning,
        "RFC 5280 §5.1.2.5 (best effort)",
        "{subject} (serial {serial}) was judged on out-of-date evidence: {why}.",
        "{subject} (numéro de série {serial}) a été jugé sur une preuve périmée : {why}.";
}

/// The findings a status gives under `policy` for the certificate `subject`/`serial`.
pub fn findings(
    status: &RevocationStatus,
    policy: RevocationPolicy,
    subject: &str,
    serial: &str,
    field: &str,
) -> Vec<Finding> {
    let with = |rule: &'static Rule| {
        Finding::new(rule, field)
            .arg("subject", subject)
            .arg("serial", serial)
    };
    match (status, policy) {
        (_, RevocationPolicy::Off)
        | (RevocationStatus::Good { .. } | RevocationStatus::NotChecked, _) => vec![],
        (
            RevocationStatus::Revoked {
                date,
                reason,
                source,
            },
            _,
        ) => vec![with(&REVOKED)
            .arg("date", date)
            .text(
                "reason",
                match reason {
                    Some(reason) => Localized::same(reason.clone()),
                    None => localized!("not given", "non précisé"),
                },
            )
            .text("source", source.clone())],
        (RevocationStatus::Stale { why, .. }, RevocationPolicy::Required) => {
            vec![with(&STALE).text("why", why.clone())]
        }
        (RevocationStatus::Stale { why, .. }, RevocationPolicy::BestEffort) => {
            vec![with(&STALE_ACCEPTED).text("why", why.clone())]
        }
        (RevocationStatus::Unknown { why }, RevocationPolicy::Required) => {
            vec![with(&MISSING).text("why", why.clone())]
        }
        (RevocationStatus::Unknown { why }, RevocationPolicy::BestEffort) => {
            vec![with(&UNCHECKED).text("why", why.clone())]
        }
    }
}
