//! Rules of CA/B TLS certificates beyond the tables: a root's validity and basicConstraints
//! (BR §7.1.2.1.1, §7.1.2.1.4), the OCSP responder's keyUsage (§7.1.2.8.7), and the encoded
//! order of subject attributes (§7.1.4.2).

use crate::cert::facts::CertFacts;
use crate::profile::cabf::CabProfile;
use crate::rule::{rules, Finding};

/// The order §7.1.4.2 gives the subject attributes it names (others may sit anywhere).
const SUBJECT_ORDER: &[&str] = &[
    "DC",
    "C",
    "ST",
    "L",
    "postalCode",
    "street",
    "O",
    "SN",
    "GN",
    "OU",
    "CN",
];

/// A root's validity: at least 2,922 and at most 9,132 days (8 and 25 years).
const ROOT_MIN_DAYS: i64 = 2_922;
const ROOT_MAX_DAYS: i64 = 9_132;

rules! {
    ROOT_TOO_SHORT: "profile.root.validity_too_short", Error,
        "CA/B BR §7.1.2.1.1 (a root lives at least 2,922 days)",
        "the root is valid {days} days; at least 2,922 (8 years) are required",
        "la racine est valide {days} jours ; 2 922 (8 ans) au moins sont exigés";
    ROOT_TOO_LONG: "profile.root.validity_too_long", Error,
        "CA/B BR §7.1.2.1.1 (a root lives at most 9,132 days)",
        "the root is valid {days} days; at most 9,132 (25 years) are allowed",
        "la racine est valide {days} jours ; 9 132 (25 ans) au plus sont permis";
    ROOT_PATH_LEN: "profile.root.path_len", Warning,
        "CA/B BR §7.1.2.1.4 (pathLenConstraint NOT RECOMMENDED in a root)",
        "the root's basicConstraints sets pathLenConstraint {len}; it is NOT RECOMMENDED in a root",
        "le basicConstraints de la racine fixe pathLenConstraint {len} ; c'est déconseillé dans une racine";
    OCSP_KEY_USAGE: "profile.ocsp.key_usage", Error,
        "CA/B BR §7.1.2.8.7 (an OCSP responder's keyUsage is digitalSignature alone)",
        "the OCSP responder certificate's keyUsage has {bit}; digitalSignature alone is allowed",
        "le keyUsage du certificat de répondeur OCSP a {bit} ; seul digitalSignature est admis";
    OCSP_NO_SIGNATURE: "profile.ocsp.no_digital_signature", Error,
        "CA/B BR §7.1.2.8.7 (an OCSP responder's keyUsage has digitalSignature)",
        "the OCSP responder certificate's keyUsage lacks digitalSignature: it cannot sign responses",
        "le keyUsage du certificat de répondeur OCSP n'a pas digitalSignature : il ne peut signer de réponses";
    SUBJECT_ORDER_RULE: "profile.subject.order", Error,
        "CA/B BR §7.1.4.2 (the subject attributes in the order the list gives)",
        "the subject attribute {name} comes after {after}; the BR order puts it before",
        "l'attribut {name} du sujet vient après {after} ; l'ordre des BR le place avant";
}

/// Judges `facts` by the rules of its profile beyond the tables.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    match profile.id {
        "tls-br-root" => {
            // notBefore through notAfter inclusive, in whole days as the BR count them.
            let days = facts.validity_seconds().div_euclid(86_400);
            let exact = facts.validity_seconds() % 86_400 == 0;
            if days < ROOT_MIN_DAYS {
                out.push(Finding::new(&ROOT_TOO_SHORT, "validity").arg("days", days));
            } else if days > ROOT_MAX_DAYS || (days == ROOT_MAX_DAYS && !exact) {
                out.push(Finding::new(&ROOT_TOO_LONG, "validity").arg("days", days));
            }
            if let Some(len) = facts.basic_constraints.as_ref().and_then(|bc| bc.path_len) {
                out.push(
                    Finding::new(&ROOT_PATH_LEN, "extensions.basicConstraints").arg("len", len),
                );
            }
        }
        "tls-br-ocsp-responder" => {
            let bits = facts.key_usage.as_deref().unwrap_or_default();
            if facts.key_usage.is_some() && !bits.iter().any(|b| b == "digitalSignature") {
                out.push(Finding::new(&OCSP_NO_SIGNATURE, "extensions.keyUsage"));
                return;
            }
            for bit in bits {
                if bit != "digitalSignature" {
                    out.push(Finding::new(&OCSP_KEY_USAGE, "extensions.keyUsage").arg("bit", bit));
                }
            }
        }
        _ => {}
    }
    if matches!(
        profile.id,
        "tls-br-subscriber" | "tls-br-root" | "tls-br-subordinate-ca" | "ca-non-tls"
    ) {
        check_order(facts, out);
    }
}

/// The first attribute that comes after one the BR list places after it.
fn check_order(facts: &CertFacts, out: &mut Vec<Finding>) {
    let mut cursor: Option<usize> = None;
    for attribute in &facts.subject {
        let Some(at) = SUBJECT_ORDER.iter().position(|n| *n == attribute.name) else {
            continue;
        };
        match cursor {
            Some(previous) if at < previous => {
                out.push(
                    Finding::new(&SUBJECT_ORDER_RULE, format!("subject.{}", attribute.name))
                        .arg("name", &attribute.name)
                        .arg("after", SUBJECT_ORDER[previous]),
                );
                return;
            }
            _ => cursor = Some(at),
        }
    }
}
