//! The subject of S/MIME subscriber certificates (S/MIME BR §7.1.4.2): the attributes each
//! certificate type may, must and must not carry in each generation (§7.1.4.2.3–6, one table),
//! the Personal Name of sponsor- and individual-validated subjects, no pseudonym beside a
//! givenName or surname (§7.1.4.2.2(e), (f)), the attributes an address part needs
//! (§7.1.4.2.2(j)–(m)), where the commonName comes from (§7.1.4.2.2(a)), every Mailbox
//! Address repeated in the subjectAltName (§7.1.4.2.1) and no value of metadata only
//! (§7.1.4.2). Each directoryName of the subjectAltName is judged as the subject is
//! (§7.1.4.2.1). The type and generation are those of the first reserved policy OID
//! 2.23.140.1.5.T.G; without one, they are guessed as pkilint's `--guess` does: the legacy
//! generation, the type from the subject.

use std::collections::HashSet;

use crate::cert::facts::CertFacts;
use crate::lang::Localized;
use crate::names::check_email;
use crate::profile::cabf::{smime_type, CabProfile, Presence};
use crate::rule::{rules, Finding, Rule};
use crate::x509::{RequestedName, SubjectAttribute};

use Presence::{Forbidden, Optional, Required};

/// The certificate types, in the order of the reserved OIDs' validation arc.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Validation {
    Mailbox,
    Organization,
    Sponsor,
    Individual,
}

/// The generations, in the order of the reserved OIDs' last arc.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Generation {
    Legacy,
    Multipurpose,
    Strict,
}

const CN: &str = "2.5.4.3";
const O: &str = "2.5.4.10";
const GN: &str = "2.5.4.42";
const SN: &str = "2.5.4.4";
const PSEUDONYM: &str = "2.5.4.65";
const EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";
const STREET: &str = "2.5.4.9";
const L: &str = "2.5.4.7";
const ST: &str = "2.5.4.8";
const POSTAL_CODE: &str = "2.5.4.17";
const C: &str = "2.5.4.6";

/// A presence in each generation: Legacy, Multipurpose, Strict.
type ByGeneration = [Presence; 3];

const MAY: ByGeneration = [Optional, Optional, Optional];
const SHALL: ByGeneration = [Required, Required, Required];
const SHALL_NOT: ByGeneration = [Forbidden, Forbidden, Forbidden];
/// MAY but in the strict generation.
const NOT_STRICT: ByGeneration = [Optional, Optional, Forbidden];
/// MAY in the legacy generation only.
const LEGACY_ONLY: ByGeneration = [Optional, Forbidden, Forbidden];

/// One attribute of the tables: its OID, its name in sceau's fields, its name in the BR, and
/// its presence for each type (mailbox, organization, sponsor, individual).
struct Attribute {
    oid: &'static str,
    short: &'static str,
    name: &'static str,
    presence: [ByGeneration; 4],
}

const fn attribute(
    oid: &'static str,
    short: &'static str,
    name: &'static str,
    presence: [ByGeneration; 4],
) -> Attribute {
    Attribute {
        oid,
        short,
        name,
        presence,
    }
}

/// S/MIME BR §7.1.4.2.3 (mailbox), §7.1.4.2.4 (organization), §7.1.4.2.5 (sponsor),
/// §7.1.4.2.6 (individual), side by side.
#[rustfmt::skip]
static ATTRIBUTES: [Attribute; 15] = [
    //        OID            sceau          the BR                     mailbox    org.        sponsor     individual
    attribute(CN,            "CN",          "commonName",             [MAY,       MAY,        MAY,        MAY]),
    attribute(O,             "O",           "organizationName",       [SHALL_NOT, SHALL,      SHALL,      SHALL_NOT]),
    attribute("2.5.4.11",    "OU",          "organizationalUnitName", [SHALL_NOT, MAY,        MAY,        SHALL_NOT]),
    attribute("2.5.4.97",    "organizationIdentifier", "organizationIdentifier",
                                                                      [SHALL_NOT, SHALL,      SHALL,      SHALL_NOT]),
    attribute(GN,            "GN",          "givenName",              [SHALL_NOT, SHALL_NOT,  MAY,        MAY]),
    attribute(SN,            "SN",          "surname",                [SHALL_NOT, SHALL_NOT,  MAY,        MAY]),
    attribute(PSEUDONYM,     "pseudonym",   "pseudonym",              [SHALL_NOT, SHALL_NOT,  MAY,        MAY]),
    attribute("2.5.4.5",     "serialNumber", "serialNumber",          [MAY,       MAY,        MAY,        MAY]),
    attribute(EMAIL_ADDRESS, "emailAddress", "emailAddress",          [MAY,       MAY,        MAY,        MAY]),
    attribute("2.5.4.12",    "title",       "title",                  [SHALL_NOT, SHALL_NOT,  MAY,        MAY]),
    attribute(STREET,        "street",      "streetAddress",          [SHALL_NOT, NOT_STRICT, NOT_STRICT, NOT_STRICT]),
    attribute(L,             "L",           "localityName",           [SHALL_NOT, MAY,        MAY,        MAY]),
    attribute(ST,            "ST",          "stateOrProvinceName",    [SHALL_NOT, MAY,        MAY,        MAY]),
    attribute(POSTAL_CODE,   "postalCode",  "postalCode",             [SHALL_NOT, NOT_STRICT, NOT_STRICT, NOT_STRICT]),
    attribute(C,             "C",           "countryName",            [SHALL_NOT, MAY,        MAY,        MAY]),
];

/// What each type says of an attribute its table does not name (the tables' last row).
const OTHERS: [ByGeneration; 4] = [SHALL_NOT, LEGACY_ONLY, LEGACY_ONLY, LEGACY_ONLY];

/// One of these makes the Personal Name of a sponsor- or individual-validated subject
/// (§7.1.4.2.5–6, Note 2); a legacy subject MAY hold it in the commonName alone (Note 1).
const PERSONAL_NAME: [&[&str]; 3] = [
    &[GN, SN, PSEUDONYM, CN],
    &[GN, SN, PSEUDONYM],
    &[GN, SN, PSEUDONYM],
];

/// An attribute that §7.1.4.2.2(j)–(m) allow only beside one of others.
struct Dependency {
    oid: &'static str,
    name: &'static str,
    needs: &'static [&'static str],
    needs_text: (&'static str, &'static str),
}

static DEPENDENCIES: [Dependency; 4] = [
    Dependency {
        oid: STREET,
        name: "streetAddress",
        needs: &[L, ST],
        needs_text: (
            "localityName or stateOrProvinceName",
            "localityName ou stateOrProvinceName",
        ),
    },
    Dependency {
        oid: L,
        name: "localityName",
        needs: &[C],
        needs_text: ("countryName", "countryName"),
    },
    Dependency {
        oid: ST,
        name: "stateOrProvinceName",
        needs: &[C],
        needs_text: ("countryName", "countryName"),
    },
    Dependency {
        oid: POSTAL_CODE,
        name: "postalCode",
        needs: &[C],
        needs_text: ("countryName", "countryName"),
    },
];

rules! {
    SMIME_SUBJECT_FORBIDDEN: "profile.smime.subject.attribute_forbidden", Error,
        "CA/B S/MIME BR §7.1.4.2.3–§7.1.4.2.6 (the attributes each certificate type SHALL NOT carry, by generation)",
        "{place} carries {name}, which {kind} certificates SHALL NOT carry (CA/B S/MIME BR {citation})",
        "{place} porte {name}, que les certificats {kind} ne doivent pas porter (CA/B S/MIME BR {citation})",
        from = "2023-09-01";
    SMIME_SUBJECT_OTHER_FORBIDDEN: "profile.smime.subject.other_attribute_forbidden", Error,
        "CA/B S/MIME BR §7.1.4.2.3–§7.1.4.2.6 (Other: SHALL NOT, but in legacy organization-, sponsor- and individual-validated certificates)",
        "{place} carries the attribute {name}, which the table of {kind} certificates does not name; any other attribute SHALL NOT appear (CA/B S/MIME BR {citation})",
        "{place} porte l'attribut {name}, que la table des certificats {kind} ne nomme pas ; tout autre attribut est interdit (CA/B S/MIME BR {citation})",
        from = "2023-09-01";
    SMIME_SUBJECT_MISSING: "profile.smime.subject.attribute_missing", Error,
        "CA/B S/MIME BR §7.1.4.2.4–§7.1.4.2.5 (organizationName and organizationIdentifier: SHALL)",
        "{place} has no {name}, which {kind} certificates SHALL carry (CA/B S/MIME BR {citation})",
        "{place} ne porte pas l'attribut {name}, que les certificats {kind} doivent porter (CA/B S/MIME BR {citation})",
        from = "2023-09-01";
    SMIME_PERSONAL_NAME_MISSING: "profile.smime.subject.personal_name_missing", Error,
        "CA/B S/MIME BR §7.1.4.2.5–§7.1.4.2.6, Notes 1 and 2 (givenName and/or surname, or pseudonym; in the legacy generation a commonName alone will do)",
        "{place} has none of {names}; {kind} certificates SHALL carry one of them for the Personal Name (CA/B S/MIME BR {citation})",
        "{place} ne porte aucun de {names} ; les certificats {kind} doivent en porter un pour le Personal Name (CA/B S/MIME BR {citation})",
        from = "2023-09-01";
    SMIME_PSEUDONYM_WITH_NAME: "profile.smime.subject.pseudonym_with_name", Error,
        "CA/B S/MIME BR §7.1.4.2.2(e), (f) (no pseudonym beside a givenName or surname)",
        "{place} carries a pseudonym and a {name}; the pseudonym SHALL NOT be present with a givenName or surname",
        "{place} porte un pseudonym et un {name} ; le pseudonym ne doit pas figurer avec un givenName ou un surname",
        from = "2023-09-01";
    SMIME_DEPENDENT_MISSING: "profile.smime.subject.dependent_attribute_missing", Error,
        "CA/B S/MIME BR §7.1.4.2.2(j)–(m) (streetAddress only with localityName or stateOrProvinceName; localityName, stateOrProvinceName and postalCode only with countryName)",
        "{place} carries {name} without {needs}; {name} SHALL only be used with {needs}",
        "{place} porte {name} sans {needs} ; {name} ne doit être employé qu'avec {needs}",
        from = "2023-09-01";
    SMIME_CN_SOURCE: "profile.smime.subject.common_name_unknown_source", Error,
        "CA/B S/MIME BR §7.1.4.2.2(a) (the commonName holds, by certificate type, a Mailbox Address of the subjectAltName, the organizationName, a Personal Name or a Pseudonym)",
        "{place}: the commonName '{value}' is none of what the commonName of {kind} certificates may hold: {allowed}",
        "{place} : le commonName '{value}' n'est rien de ce que peut contenir le commonName des certificats {kind} : {allowed}",
        from = "2023-09-01";
    SMIME_MAILBOX_NOT_IN_SAN: "profile.smime.subject.mailbox_not_in_san", Error,
        "CA/B S/MIME BR §7.1.4.2.1 (every Mailbox Address of the subject or of a directoryName is repeated as an rfc822Name or SmtpUTF8Mailbox)",
        "{place}: {name} holds the Mailbox Address '{value}', which is no rfc822Name or SmtpUTF8Mailbox of the subjectAltName",
        "{place} : {name} contient l'adresse électronique '{value}', qui n'est aucun rfc822Name ni SmtpUTF8Mailbox du subjectAltName",
        from = "2023-09-01";
    SMIME_METADATA_ONLY: "profile.smime.subject.metadata_only", Error,
        "CA/B S/MIME BR §7.1.4.2 (no attribute of metadata only, such as '.', '-' or ' ')",
        "{place}: {name} is '{value}', metadata only (no letter, digit or symbol)",
        "{place} : {name} vaut '{value}', rien que des métadonnées (ni lettre, ni chiffre, ni symbole)",
        from = "2023-09-01";
}

/// The type and generation a certificate is judged as, and how they were found.
struct CertificateType {
    validation: Validation,
    generation: Generation,
    guessed: bool,
}

impl CertificateType {
    fn kind(&self) -> Localized {
        let validation = match self.validation {
            Validation::Mailbox => "Mailbox-validated",
            Validation::Organization => "Organization-validated",
            Validation::Sponsor => "Sponsor-validated",
            Validation::Individual => "Individual-validated",
        };
        let generation = match self.generation {
            Generation::Legacy => "Legacy",
            Generation::Multipurpose => "Multipurpose",
            Generation::Strict => "Strict",
        };
        if self.guessed {
            Localized::new(
                format!("{validation} {generation} (guessed: no reserved policy OID)"),
                format!("{validation} {generation} (supposé : pas d'OID de politique réservé)"),
            )
        } else {
            Localized::same(format!("{validation} {generation}"))
        }
    }

    fn citation(&self) -> &'static str {
        match self.validation {
            Validation::Mailbox => "§7.1.4.2.3",
            Validation::Organization => "§7.1.4.2.4",
            Validation::Sponsor => "§7.1.4.2.5",
            Validation::Individual => "§7.1.4.2.6",
        }
    }

    fn presence(&self, by_type: &[ByGeneration; 4]) -> Presence {
        by_type[self.validation as usize][self.generation as usize]
    }

    fn has_personal_name(&self) -> bool {
        matches!(
            self.validation,
            Validation::Sponsor | Validation::Individual
        )
    }
}

/// The type of the first reserved S/MIME policy OID (several are a policy finding of their
/// own); without one, pkilint's guess: legacy, sponsor-validated when an organizationName
/// goes with a givenName, a surname or a commonName that is neither it nor an address,
/// organization-validated with an organizationName alone, individual-validated with a
/// givenName or surname alone, mailbox-validated otherwise.
fn certificate_type(facts: &CertFacts) -> CertificateType {
    let reserved = facts.policies.iter().find_map(|p| smime_type(p));
    if let Some((validation, generation)) = reserved {
        let validation = match validation {
            1 => Validation::Mailbox,
            2 => Validation::Organization,
            3 => Validation::Sponsor,
            _ => Validation::Individual,
        };
        let generation = match generation {
            1 => Generation::Legacy,
            2 => Generation::Multipurpose,
            _ => Generation::Strict,
        };
        return CertificateType {
            validation,
            generation,
            guessed: false,
        };
    }
    let first = |oid: &str| facts.subject.iter().find(|a| a.oid == oid);
    let has = |oid: &str| first(oid).is_some();
    let natural = has(GN) || has(SN);
    let organization = first(O);
    let sponsored = organization.is_some_and(|o| {
        natural
            || first(CN).is_some_and(|cn| {
                let cn = cn.value.as_deref().unwrap_or_default();
                o.value.as_deref() != Some(cn) && !cn.contains('@')
            })
    });
    let validation = if sponsored {
        Validation::Sponsor
    } else if organization.is_some() {
        Validation::Organization
    } else if natural {
        Validation::Individual
    } else {
        Validation::Mailbox
    };
    CertificateType {
        validation,
        generation: Generation::Legacy,
        guessed: true,
    }
}

/// A name judged: the subject, or a directoryName of the subjectAltName.
struct Name<'a> {
    attributes: &'a [SubjectAttribute],
    /// The prefix of its fields (`subject`, `san[3]`).
    field: String,
    place: Localized,
}

impl Name<'_> {
    fn has(&self, oid: &str) -> bool {
        self.attributes.iter().any(|a| a.oid == oid)
    }

    fn values<'b>(&'b self, oid: &'b str) -> impl Iterator<Item = &'b str> + 'b {
        self.attributes
            .iter()
            .filter(move |a| a.oid == oid)
            .filter_map(|a| a.value.as_deref())
    }

    fn finding(&self, rule: &'static Rule, short: &str) -> Finding {
        Finding::new(rule, format!("{}.{short}", self.field)).text("place", self.place.clone())
    }
}

/// Judges the subject of an S/MIME certificate, and each directoryName of its
/// subjectAltName, by the table of its type and generation.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    if profile.id != "smime-br" {
        return;
    }
    let ty = certificate_type(facts);
    // The Mailbox Addresses of the subjectAltName, compared as written (as pkilint does).
    let mailboxes: Vec<&str> = facts
        .names
        .iter()
        .filter_map(|n| match n {
            RequestedName::Email(address) => Some(address.as_str()),
            _ => None,
        })
        .chain(facts.smtp_utf8_mailboxes.iter().map(String::as_str))
        .collect();
    let subject = Name {
        attributes: &facts.subject,
        field: "subject".into(),
        place: Localized::new("the subject", "le sujet"),
    };
    judge(&subject, &ty, &mailboxes, out);
    for dn in &facts.san_directory_names {
        let field = format!("san[{}]", dn.index);
        let name = Name {
            attributes: &dn.attributes,
            place: Localized::new(
                format!("the directoryName {field}"),
                format!("le directoryName {field}"),
            ),
            field,
        };
        judge(&name, &ty, &mailboxes, out);
    }
}

fn judge(name: &Name<'_>, ty: &CertificateType, mailboxes: &[&str], out: &mut Vec<Finding>) {
    let kind = ty.kind();
    let by_table = |rule: &'static Rule, short: &str, long: &str| {
        let label = if short == long {
            long.to_string()
        } else {
            format!("{long} ({short})")
        };
        name.finding(rule, short)
            .arg("name", label)
            .text("kind", kind.clone())
            .arg("citation", ty.citation())
    };
    for row in &ATTRIBUTES {
        match (name.has(row.oid), ty.presence(&row.presence)) {
            (false, Required) => out.push(by_table(&SMIME_SUBJECT_MISSING, row.short, row.name)),
            (true, Forbidden) => out.push(by_table(&SMIME_SUBJECT_FORBIDDEN, row.short, row.name)),
            _ => {}
        }
    }
    if ty.presence(&OTHERS) == Forbidden {
        // A set: a hostile subject may hold many thousand attributes.
        let mut seen: HashSet<&str> = HashSet::new();
        for attribute in name.attributes {
            let oid = attribute.oid.as_ref();
            if ATTRIBUTES.iter().any(|row| row.oid == oid) || !seen.insert(oid) {
                continue;
            }
            out.push(by_table(
                &SMIME_SUBJECT_OTHER_FORBIDDEN,
                &attribute.name,
                &attribute.name,
            ));
        }
    }
    if ty.has_personal_name() {
        let candidates = PERSONAL_NAME[ty.generation as usize];
        if !candidates.iter().any(|oid| name.has(oid)) {
            let names: Vec<&str> = candidates
                .iter()
                .filter_map(|oid| ATTRIBUTES.iter().find(|row| row.oid == *oid))
                .map(|row| row.name)
                .collect();
            out.push(
                Finding::new(&SMIME_PERSONAL_NAME_MISSING, name.field.clone())
                    .text("place", name.place.clone())
                    .arg("names", names.join(", "))
                    .text("kind", kind.clone())
                    .arg("citation", ty.citation()),
            );
        }
    }
    if name.has(PSEUDONYM) {
        for (oid, long) in [(GN, "givenName"), (SN, "surname")] {
            if name.has(oid) {
                out.push(
                    name.finding(&SMIME_PSEUDONYM_WITH_NAME, "pseudonym")
                        .arg("name", long),
                );
            }
        }
    }
    for dependency in &DEPENDENCIES {
        if name.has(dependency.oid) && !dependency.needs.iter().any(|oid| name.has(oid)) {
            let short = ATTRIBUTES
                .iter()
                .find(|row| row.oid == dependency.oid)
                .map_or(dependency.name, |row| row.short);
            let (en, fr) = dependency.needs_text;
            out.push(
                name.finding(&SMIME_DEPENDENT_MISSING, short)
                    .arg("name", dependency.name)
                    .text("needs", Localized::new(en, fr)),
            );
        }
    }
    for cn in name.values(CN) {
        if !common_name_known(cn, name, ty, mailboxes) {
            out.push(
                name.finding(&SMIME_CN_SOURCE, "CN")
                    .arg("value", cn)
                    .text("kind", kind.clone())
                    .text("allowed", allowed_common_names(ty.validation)),
            );
        }
    }
    for attribute in name.attributes {
        let Some(value) = attribute.value.as_deref() else {
            continue;
        };
        if attribute.oid != EMAIL_ADDRESS
            && check_email(value, "").is_empty()
            && !mailboxes.contains(&value)
        {
            out.push(
                name.finding(&SMIME_MAILBOX_NOT_IN_SAN, &attribute.name)
                    .arg("name", &attribute.name)
                    .arg("value", value),
            );
        }
        if !value.chars().any(significant) {
            out.push(
                name.finding(&SMIME_METADATA_ONLY, &attribute.name)
                    .arg("name", &attribute.name)
                    .arg("value", value),
            );
        }
    }
}

/// Whether a commonName holds what its type allows (§7.1.4.2.2(a)), judged as pkilint does:
/// values compared exactly; a Personal Name taken as such whenever a givenName or surname is
/// there, and any value in a legacy sponsor- or individual-validated subject without a
/// pseudonym (Note 1).
fn common_name_known(cn: &str, name: &Name<'_>, ty: &CertificateType, mailboxes: &[&str]) -> bool {
    let known = match ty.validation {
        Validation::Sponsor | Validation::Individual => {
            let pseudonym = name.has(PSEUDONYM);
            (ty.generation == Generation::Legacy && !pseudonym)
                || name.values(PSEUDONYM).any(|p| p == cn)
                || name.has(GN)
                || name.has(SN)
        }
        Validation::Organization => name.values(O).any(|o| o == cn),
        Validation::Mailbox => false,
    };
    known || mailboxes.contains(&cn)
}

fn allowed_common_names(validation: Validation) -> Localized {
    match validation {
        Validation::Mailbox => Localized::new(
            "a Mailbox Address of the subjectAltName",
            "une adresse électronique du subjectAltName",
        ),
        Validation::Organization => Localized::new(
            "the organizationName or a Mailbox Address of the subjectAltName",
            "l'organizationName ou une adresse électronique du subjectAltName",
        ),
        Validation::Sponsor | Validation::Individual => Localized::new(
            "the pseudonym, a Personal Name given as givenName and/or surname, or a Mailbox Address of the subjectAltName",
            "le pseudonym, un Personal Name donné en givenName et/ou surname, ou une adresse électronique du subjectAltName",
        ),
    }
}

/// Whether a character carries meaning: a letter, a digit or a symbol (Unicode's L, N and S
/// categories, as pkilint reads them), not punctuation, a space or a control. Symbols beyond
/// ASCII and Latin-1 are told from punctuation by the General Punctuation and CJK blocks.
pub(crate) fn significant(c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    if c.is_whitespace() || c.is_control() {
        return false;
    }
    match c {
        // ASCII and Latin-1 symbols (Sm, Sc, Sk, So).
        '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' => true,
        '\u{a2}'..='\u{a6}'
        | '\u{a8}'
        | '\u{a9}'
        | '\u{ac}'
        | '\u{ae}'..='\u{b1}'
        | '\u{b4}'
        | '\u{b8}'
        | '\u{d7}'
        | '\u{f7}' => true,
        c if c.is_ascii() || ('\u{a0}'..='\u{bf}').contains(&c) => false,
        // General Punctuation, CJK punctuation, fullwidth ASCII punctuation.
        '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}'
        | '\u{30fb}'
        | '\u{fe10}'..='\u{fe19}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}' => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_characters() {
        for value in [
            ".", "-", " ", "...", "-/-", "\u{3002}", "\u{2014}", "", "\u{a0}",
        ] {
            assert!(!value.chars().any(significant), "{value:?}");
        }
        for value in ["a", "7", "$", "€", "©", "é", "山", "+"] {
            assert!(value.chars().any(significant), "{value:?}");
        }
    }

    #[test]
    fn the_table_follows_the_br() {
        // Every row names a distinct attribute; the personal names are rows of the table.
        for (i, row) in ATTRIBUTES.iter().enumerate() {
            assert!(
                ATTRIBUTES[..i].iter().all(|r| r.oid != row.oid),
                "{}",
                row.name
            );
        }
        for oid in PERSONAL_NAME.iter().flat_map(|set| set.iter()) {
            assert!(ATTRIBUTES.iter().any(|r| r.oid == *oid));
        }
        let ty = |validation, generation| CertificateType {
            validation,
            generation,
            guessed: false,
        };
        let street = &ATTRIBUTES
            .iter()
            .find(|r| r.oid == STREET)
            .unwrap()
            .presence;
        assert_eq!(
            ty(Validation::Sponsor, Generation::Multipurpose).presence(street),
            Optional
        );
        assert_eq!(
            ty(Validation::Sponsor, Generation::Strict).presence(street),
            Forbidden
        );
        assert_eq!(
            ty(Validation::Mailbox, Generation::Legacy).presence(&OTHERS),
            Forbidden
        );
        assert_eq!(
            ty(Validation::Individual, Generation::Legacy).presence(&OTHERS),
            Optional
        );
    }
}
