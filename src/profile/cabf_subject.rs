//! The subject of CA/B certificates as data: which attributes each kind of certificate must,
//! should, may, should not and must not carry — TLS subscribers by validation type (DV, OV,
//! IV from their reserved policy OID, BR §7.1.2.7.2–4; EV, EV Guidelines §9.2) and CA
//! certificates (BR §7.1.2.10.2) — and what an attribute the table does not name is.

use std::collections::HashSet;

use crate::cert::facts::CertFacts;
use crate::profile::cabf::{CabProfile, Presence, EV_POLICY};
use crate::rule::{rules, Finding};

use Presence::{Forbidden, NotRecommended, Optional, Required};

/// One kind of subject: its name in reports, its clause, its attributes, and the presence of
/// any attribute it does not name.
pub(crate) struct SubjectTable {
    kind: &'static str,
    citation: &'static str,
    pub(crate) attributes: &'static [(&'static str, Presence)],
    others: Presence,
}

static DV: SubjectTable = SubjectTable {
    kind: "DV",
    citation: "CA/B BR §7.1.2.7.2",
    attributes: &[("C", Optional), ("CN", NotRecommended)],
    others: Forbidden,
};

static OV: SubjectTable = SubjectTable {
    kind: "OV",
    citation: "CA/B BR §7.1.2.7.4",
    attributes: &[
        ("DC", Optional),
        ("C", Required),
        ("ST", Optional),
        ("L", Optional),
        ("postalCode", NotRecommended),
        ("street", NotRecommended),
        ("O", Required),
        ("SN", Forbidden),
        ("GN", Forbidden),
        ("OU", Forbidden),
        ("CN", NotRecommended),
    ],
    others: NotRecommended,
};

static IV: SubjectTable = SubjectTable {
    kind: "IV",
    citation: "CA/B BR §7.1.2.7.3",
    attributes: &[
        ("C", Required),
        ("ST", Optional),
        ("L", Optional),
        ("postalCode", NotRecommended),
        ("street", NotRecommended),
        ("O", NotRecommended),
        ("SN", Required),
        ("GN", Required),
        ("OU", Forbidden),
        ("CN", NotRecommended),
    ],
    others: NotRecommended,
};

/// The EV subject (EV Guidelines §9.2); its required attributes are also those of EV code
/// signing certificates (Code Signing BR §7.1.4.2.4), read from here.
pub(crate) static EV: SubjectTable = SubjectTable {
    kind: "EV",
    citation: "CA/B EV Guidelines §9.2",
    attributes: &[
        ("C", Required),
        ("ST", Optional),
        ("L", Optional),
        ("serialNumber", Required),
        ("businessCategory", Required),
        ("O", Required),
        ("organizationIdentifier", Optional),
        ("postalCode", Optional),
        ("street", Optional),
        ("jurisdictionC", Required),
        ("jurisdictionST", Optional),
        ("jurisdictionL", Optional),
        ("CN", NotRecommended),
    ],
    others: Forbidden,
};

static CA: SubjectTable = SubjectTable {
    kind: "CA",
    citation: "CA/B BR §7.1.2.10.2",
    attributes: &[
        ("C", Required),
        ("ST", Optional),
        ("L", Optional),
        ("postalCode", Optional),
        ("street", Optional),
        ("O", Required),
        ("CN", Required),
        ("OU", Forbidden),
    ],
    others: NotRecommended,
};

/// A CA that is not a TLS CA: the same table, an OU only NOT RECOMMENDED (BR §7.1.2.10.2).
static CA_NON_TLS: SubjectTable = SubjectTable {
    kind: "non-TLS CA",
    citation: "CA/B BR §7.1.2.10.2",
    attributes: &[
        ("C", Required),
        ("ST", Optional),
        ("L", Optional),
        ("postalCode", Optional),
        ("street", Optional),
        ("O", Required),
        ("CN", Required),
        ("OU", NotRecommended),
    ],
    others: NotRecommended,
};

/// The subject table of a certificate under `profile`: a TLS subscriber's by the validation
/// type its reserved policy OID names (none without one), a TLS CA's.
fn table(facts: &CertFacts, profile: &CabProfile) -> Option<&'static SubjectTable> {
    match profile.id {
        "tls-br-root" | "tls-br-subordinate-ca" => Some(&CA),
        "ca-non-tls" => Some(&CA_NON_TLS),
        "tls-br-subscriber" => {
            let has = |oid: &str| facts.policies.iter().any(|p| p == oid);
            // The first reserved OID wins; several are a policy finding of their own.
            [
                (EV_POLICY, &EV),
                ("2.23.140.1.2.1", &DV),
                ("2.23.140.1.2.2", &OV),
                ("2.23.140.1.2.3", &IV),
            ]
            .into_iter()
            .find(|(oid, _)| has(oid))
            .map(|(_, table)| table)
        }
        _ => None,
    }
}

rules! {
    SUBJECT_MISSING: "profile.subject.attribute_missing", Error,
        "CA/B BR §7.1.2.7.2–4, §7.1.2.10.2; EV Guidelines §9.2",
        "{kind} certificates carry the subject attribute {name} ({citation}); this one does not",
        "les certificats {kind} portent l'attribut {name} dans le sujet ({citation}) ; celui-ci non";
    SUBJECT_NOT_RECOMMENDED: "profile.subject.attribute_not_recommended", Warning,
        "CA/B BR §7.1.2.7.2–4, §7.1.2.10.2; EV Guidelines §9.2",
        "the subject attribute {name} is NOT RECOMMENDED in {kind} certificates ({citation})",
        "l'attribut {name} est déconseillé dans le sujet des certificats {kind} ({citation})";
    SUBJECT_FORBIDDEN: "profile.subject.attribute_forbidden", Error,
        "CA/B BR §7.1.2.7.2–4, §7.1.2.10.2; EV Guidelines §9.2",
        "the subject attribute {name} MUST NOT appear in {kind} certificates ({citation})",
        "l'attribut {name} ne doit pas figurer dans le sujet des certificats {kind} ({citation})";
    SUBJECT_UNKNOWN_FORBIDDEN: "profile.subject.unknown_attribute_forbidden", Error,
        "CA/B BR §7.1.2.7.2 (DV: any other attribute MUST NOT); EV Guidelines §9.2",
        "the subject attribute {name} is none that {kind} certificates may carry ({citation})",
        "l'attribut {name} du sujet n'est aucun de ceux que peuvent porter les certificats {kind} ({citation})";
    SUBJECT_UNKNOWN_NOT_RECOMMENDED: "profile.subject.unknown_attribute_not_recommended", Warning,
        "CA/B BR §7.1.2.7.3–4, §7.1.2.10.2 (any other attribute NOT RECOMMENDED)",
        "the subject attribute {name} is none that {kind} certificates name; any other attribute is NOT RECOMMENDED ({citation})",
        "l'attribut {name} du sujet n'est aucun de ceux que nomment les certificats {kind} ; tout autre attribut est déconseillé ({citation})";
}

/// Judges the subject of `facts` by the table of its kind under `profile`.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    let Some(table) = table(facts, profile) else {
        return;
    };
    let finding = |rule, name: &str| {
        Finding::new(rule, format!("subject.{name}"))
            .arg("name", name)
            .arg("kind", table.kind)
            .arg("citation", table.citation)
    };
    for (name, presence) in table.attributes {
        let present = facts.subject.iter().any(|a| a.name == *name);
        match (present, presence) {
            (false, Required) => out.push(finding(&SUBJECT_MISSING, name)),
            (true, NotRecommended) => out.push(finding(&SUBJECT_NOT_RECOMMENDED, name)),
            (true, Forbidden) => out.push(finding(&SUBJECT_FORBIDDEN, name)),
            _ => {}
        }
    }
    // A set: a hostile subject may hold many thousand attributes.
    let mut seen: HashSet<&str> = HashSet::new();
    for attribute in &facts.subject {
        let name = attribute.name.as_ref();
        if table.attributes.iter().any(|(n, _)| *n == name) || !seen.insert(name) {
            continue;
        }
        match table.others {
            Forbidden => out.push(finding(&SUBJECT_UNKNOWN_FORBIDDEN, name)),
            NotRecommended => out.push(finding(&SUBJECT_UNKNOWN_NOT_RECOMMENDED, name)),
            _ => {}
        }
    }
}
