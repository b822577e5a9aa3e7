//! The organization identifier family: the subject's organizationIdentifier attribute
//! (2.5.4.97) and the cabfOrganizationIdentifier extension (2.23.140.3.1), as the CA/B
//! documents define them — the registration schemes each allows (NTR, VAT, PSD for TLS, EV
//! Guidelines §9.2.8 and §9.8.2; those and LEI, GOV, INT for S/MIME, S/MIME BR §7.1.4.2.2(d)),
//! the country, state or province and reference each scheme takes, the extension repeating the
//! attribute in an EV certificate (EV Guidelines §9.8.2), and for S/MIME the country agreeing
//! with the subject's countryName (Appendix A), the LEI's check digits (ISO 17442) and the
//! EUID of German registrations.

use crate::cert::facts::CertFacts;
use crate::cert::organization_id::{parse_attribute, OrgIdExtension, OrganizationId};
use crate::lang::Localized;
use crate::names::is_iso3166_alpha2;
use crate::profile::cabf::{is_ev, CabProfile};
use crate::rule::{rules, Finding, Rule};

const ATTRIBUTE_FIELD: &str = "subject.organizationIdentifier";
const EXTENSION_FIELD: &str = "extensions.cabfOrganizationIdentifier";
/// The country code of schemes that are global (LEI, INT: S/MIME BR §7.1.4.2.2(d)).
const GLOBAL: &str = "XG";

/// The countries a scheme allows.
#[derive(Clone, Copy)]
enum Countries {
    /// An ISO 3166-1 alpha-2 code.
    Iso,
    /// An ISO 3166-1 code, or EL (Greece) or XI (Northern Ireland), as VAT numbers use them.
    IsoElXi,
    /// XG alone.
    Global,
}

impl Countries {
    fn allows(self, country: &str) -> bool {
        match self {
            Countries::Iso => is_iso3166_alpha2(country),
            Countries::IsoElXi => is_iso3166_alpha2(country) || country == "EL" || country == "XI",
            Countries::Global => country == GLOBAL,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Countries::Iso => "ISO 3166-1",
            Countries::IsoElXi => "ISO 3166-1, EL, XI",
            Countries::Global => GLOBAL,
        }
    }
}

/// Whether a part of the identifier may, must or must not be there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    May,
    Required,
    Forbidden,
}

/// A registration scheme and what it asks of the rest of the identifier.
struct Scheme {
    id: &'static str,
    countries: Countries,
    state: Part,
    reference: Part,
}

const fn scheme(id: &'static str, countries: Countries, state: Part, reference: Part) -> Scheme {
    Scheme {
        id,
        countries,
        state,
        reference,
    }
}

/// EV Guidelines §9.2.8: NTR (a national trade register; a state or province where the
/// register is one), VAT (EL and XI besides ISO 3166), PSD (PSD2 authorizations).
static TLS_SCHEMES: [Scheme; 3] = [
    scheme("NTR", Countries::Iso, Part::May, Part::Required),
    scheme("VAT", Countries::IsoElXi, Part::Forbidden, Part::Required),
    scheme("PSD", Countries::Iso, Part::Forbidden, Part::Required),
];

/// S/MIME BR §7.1.4.2.2(d): the TLS schemes, LEI (global, XG), GOV (a government entity, no
/// reference) and INT (an international organization, XG, no reference).
static SMIME_SCHEMES: [Scheme; 6] = [
    scheme("NTR", Countries::Iso, Part::May, Part::Required),
    scheme("VAT", Countries::IsoElXi, Part::Forbidden, Part::Required),
    scheme("PSD", Countries::Iso, Part::Forbidden, Part::Required),
    scheme("LEI", Countries::Global, Part::Forbidden, Part::Required),
    scheme("GOV", Countries::Iso, Part::May, Part::Forbidden),
    scheme("INT", Countries::Global, Part::Forbidden, Part::Forbidden),
];

/// What a profile asks of organization identifiers.
struct Family {
    schemes: &'static [Scheme],
    citation: &'static str,
    /// Whether a state or province must be two letters (the TLS text's ISO 3166-2 code).
    strict_state: bool,
    smime: bool,
}

static TLS: Family = Family {
    schemes: &TLS_SCHEMES,
    citation: "CA/B EV Guidelines §9.2.8",
    strict_state: true,
    smime: false,
};

static SMIME: Family = Family {
    schemes: &SMIME_SCHEMES,
    citation: "CA/B S/MIME BR §7.1.4.2.2(d)",
    strict_state: false,
    smime: true,
};

rules! {
    ORGID_ENCODING: "profile.orgid.encoding", Error,
        "CA/B EV Guidelines §9.2.8; S/MIME BR §7.1.4.2.2(d)",
        "the subject's organizationIdentifier is a {string_type}; it is a UTF8String or a PrintableString ({citation})",
        "l'organizationIdentifier du sujet est une {string_type} ; il est une UTF8String ou une PrintableString ({citation})";
    ORGID_SYNTAX: "profile.orgid.syntax", Error,
        "CA/B EV Guidelines §9.2.8; S/MIME BR §7.1.4.2.2(d)",
        "the subject's organizationIdentifier '{value}' is not a 3-letter registration scheme, a 2-letter country, an optional '+' state or province and a '-' registration reference ({citation})",
        "l'organizationIdentifier du sujet '{value}' n'est pas un schéma d'enregistrement de 3 lettres, un pays de 2 lettres, un état ou une province facultatifs après '+' et une référence d'enregistrement après '-' ({citation})";
    ORGID_STATE_SYNTAX: "profile.orgid.state_syntax", Error,
        "CA/B EV Guidelines §9.2.8, §9.8.2",
        "the state or province '{state}' of the {place} is not two letters, an ISO 3166-2 subdivision code ({citation})",
        "l'état ou la province '{state}' de {place} n'est pas de deux lettres, un code de subdivision ISO 3166-2 ({citation})";
    ORGID_SCHEME_UNKNOWN: "profile.orgid.scheme_unknown", Error,
        "CA/B EV Guidelines §9.2.8, §9.8.2; S/MIME BR §7.1.4.2.2(d)",
        "the registration scheme '{scheme}' of the {place} is none of {schemes} ({citation})",
        "le schéma d'enregistrement '{scheme}' de {place} n'est aucun de {schemes} ({citation})";
    ORGID_COUNTRY_INVALID: "profile.orgid.country_invalid", Error,
        "CA/B EV Guidelines §9.2.8, §9.8.2; S/MIME BR §7.1.4.2.2(d)",
        "the country '{country}' of the {place} is not one the scheme {scheme} allows ({allowed}) ({citation})",
        "le pays '{country}' de {place} n'est pas de ceux que permet le schéma {scheme} ({allowed}) ({citation})";
    ORGID_STATE_FORBIDDEN: "profile.orgid.state_forbidden", Error,
        "CA/B EV Guidelines §9.2.8, §9.8.2; S/MIME BR §7.1.4.2.2(d)",
        "the {place} has a state or province '{state}', which the scheme {scheme} does not take ({citation})",
        "{place} porte un état ou une province '{state}', que le schéma {scheme} ne prend pas ({citation})";
    ORGID_REFERENCE_MISSING: "profile.orgid.reference_missing", Error,
        "CA/B EV Guidelines §9.2.8; S/MIME BR §7.1.4.2.2(d)",
        "the {place} has no registration reference, which the scheme {scheme} requires ({citation})",
        "{place} ne porte pas de référence d'enregistrement, que le schéma {scheme} exige ({citation})";
    ORGID_REFERENCE_FORBIDDEN: "profile.orgid.reference_forbidden", Error,
        "CA/B S/MIME BR §7.1.4.2.2(d)",
        "the {place} has a registration reference '{reference}', which the scheme {scheme} does not take ({citation})",
        "{place} porte une référence d'enregistrement '{reference}', que le schéma {scheme} ne prend pas ({citation})";
    ORGID_GERMAN_NOT_EUID: "profile.orgid.german_ntr_not_euid", Warning,
        "CA/B S/MIME BR §7.1.4.2.2(d) (an organization registered in Germany: the reference SHOULD be its EUID)",
        "the organizationIdentifier '{value}' names a German register; its reference should be the EUID (DE, the register, '.', the number), without a state: {why}",
        "l'organizationIdentifier '{value}' nomme un registre allemand ; sa référence devrait être l'EUID (DE, le registre, '.', le numéro), sans état : {why}";
    ORGID_COUNTRY_NAME_MISMATCH: "profile.orgid.country_name_mismatch", Error,
        "CA/B S/MIME BR Appendix A (the country of the registration scheme SHALL match the subject's countryName)",
        "the subject's countryName is '{country_name}', its organizationIdentifier names the country '{country}'",
        "le countryName du sujet est '{country_name}', son organizationIdentifier nomme le pays '{country}'";
    ORGID_LEI_INVALID: "profile.orgid.lei_invalid", Error,
        "ISO 17442 (LEI: 18 letters or digits and 2 check digits, ISO 7064 MOD 97-10); CA/B S/MIME BR §7.1.4.2.2(d)",
        "the LEI '{lei}' of the subject's organizationIdentifier is not a valid LEI: {why}",
        "le LEI '{lei}' de l'organizationIdentifier du sujet n'est pas un LEI valide : {why}";
    ORGID_EXTENSION_MISSING: "profile.orgid.extension_missing", Error,
        "CA/B EV Guidelines §9.8.2 (present when the subject has an organizationIdentifier)",
        "the subject has an organizationIdentifier but the certificate no cabfOrganizationIdentifier extension; an EV certificate carries both",
        "le sujet porte un organizationIdentifier mais le certificat pas d'extension cabfOrganizationIdentifier ; un certificat EV porte les deux";
    ORGID_EXTENSION_MISMATCH: "profile.orgid.extension_mismatch", Error,
        "CA/B EV Guidelines §9.8.2 (the extension repeats the subject's organizationIdentifier)",
        "the {part} of the cabfOrganizationIdentifier extension is '{extension}', the subject's organizationIdentifier says '{attribute}'",
        "{part} de l'extension cabfOrganizationIdentifier est '{extension}', l'organizationIdentifier du sujet dit '{attribute}'";
    ORGID_EXTENSION_MALFORMED: "profile.orgid.extension_malformed", Error,
        "CA/B EV Guidelines §9.8.2",
        "the cabfOrganizationIdentifier extension is not the SEQUENCE of scheme, country, optional state or province and reference the EV Guidelines define: {why}",
        "l'extension cabfOrganizationIdentifier n'est pas la SEQUENCE de schéma, pays, état ou province facultatifs et référence que définissent les EV Guidelines : {why}";
}

fn attribute_place() -> Localized {
    Localized::new(
        "subject's organizationIdentifier",
        "l'organizationIdentifier du sujet",
    )
}

fn extension_place() -> Localized {
    Localized::new(
        "cabfOrganizationIdentifier extension",
        "l'extension cabfOrganizationIdentifier",
    )
}

/// Judges an identifier's parts by the schemes of `family` (pkilint's order: a badly written
/// state first, then an unknown scheme, then country, state and reference together). Returns
/// whether it found anything.
fn judge(
    id: &OrganizationId,
    family: &Family,
    citation: &'static str,
    field: &str,
    place: fn() -> Localized,
    out: &mut Vec<Finding>,
) -> bool {
    let finding = |rule: &'static Rule| {
        Finding::new(rule, field)
            .text("place", place())
            .arg("scheme", &id.scheme)
            .arg("citation", citation)
    };
    if family.strict_state {
        if let Some(state) = &id.state {
            if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_alphabetic()) {
                out.push(finding(&ORGID_STATE_SYNTAX).arg("state", state));
                return true;
            }
        }
    }
    let Some(scheme) = family.schemes.iter().find(|s| s.id == id.scheme) else {
        let names: Vec<&str> = family.schemes.iter().map(|s| s.id).collect();
        out.push(finding(&ORGID_SCHEME_UNKNOWN).arg("schemes", names.join(", ")));
        return true;
    };
    let before = out.len();
    if !scheme.countries.allows(&id.country) {
        out.push(
            finding(&ORGID_COUNTRY_INVALID)
                .arg("country", &id.country)
                .arg("allowed", scheme.countries.describe()),
        );
    }
    if let (Some(state), Part::Forbidden) = (&id.state, scheme.state) {
        out.push(finding(&ORGID_STATE_FORBIDDEN).arg("state", state));
    }
    match (&id.reference, scheme.reference) {
        (None, Part::Required) => out.push(finding(&ORGID_REFERENCE_MISSING)),
        (Some(reference), Part::Forbidden) => {
            out.push(finding(&ORGID_REFERENCE_FORBIDDEN).arg("reference", reference))
        }
        _ => {}
    }
    out.len() > before
}

/// Why the reference of a German NTR identifier is not an EUID, if it is not: no state or
/// province, and `DE`, the register, `.`, the number.
fn not_euid(id: &OrganizationId) -> Option<Localized> {
    if id.state.is_some() {
        return Some(Localized::new(
            "it has a state or province",
            "il porte un état ou une province",
        ));
    }
    let reference = id.reference.as_deref().unwrap_or_default();
    let b = reference.as_bytes();
    let euid = b.len() >= 2
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && reference[2..]
            .char_indices()
            .any(|(i, c)| c == '.' && i > 0 && i + 1 < reference.len() - 2);
    if !euid {
        return Some(Localized::new(
            "the reference is not in the EUID form",
            "la référence n'a pas la forme d'un EUID",
        ));
    }
    (reference[..2] != id.country).then(|| {
        Localized::new(
            "the EUID names another country",
            "l'EUID nomme un autre pays",
        )
    })
}

/// Why `lei` is not a valid LEI (ISO 17442: 18 digits or capital letters, then 2 check digits
/// making the whole, letters read as 10–35, congruent to 1 modulo 97), if it is not.
fn lei_problem(lei: &str) -> Option<Localized> {
    let b = lei.as_bytes();
    let formed = b.len() == 20
        && b[..18]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b[18..].iter().all(u8::is_ascii_digit);
    if !formed {
        return Some(Localized::new(
            "not 18 letters or digits and 2 check digits",
            "pas 18 lettres ou chiffres et 2 chiffres de contrôle",
        ));
    }
    let remainder = b.iter().fold(0u32, |acc, &c| {
        if c.is_ascii_digit() {
            (acc * 10 + u32::from(c - b'0')) % 97
        } else {
            (acc * 100 + u32::from(c - b'A') + 10) % 97
        }
    });
    (remainder != 1).then(|| {
        Localized::new(
            "its check digits are wrong",
            "ses chiffres de contrôle sont faux",
        )
    })
}

/// Judges the organization identifiers of `facts` under `profile`: the subject attribute on
/// the TLS profiles (subscriber and CA) and S/MIME, the extension on TLS subscribers, the two
/// together on EV subscribers (the reserved policy OID 2.23.140.1.1).
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    let family = match profile.id {
        "tls-br-subscriber" | "tls-br-root" | "tls-br-subordinate-ca" | "ca-non-tls" => &TLS,
        "smime-br" => &SMIME,
        _ => return,
    };
    let attributes = || {
        facts
            .subject
            .iter()
            .filter(|a| a.name == "organizationIdentifier")
    };
    for attribute in attributes() {
        if !matches!(
            attribute.string_type.as_ref(),
            "UTF8String" | "PrintableString"
        ) {
            out.push(
                Finding::new(&ORGID_ENCODING, ATTRIBUTE_FIELD)
                    .arg("string_type", &attribute.string_type)
                    .arg("citation", family.citation),
            );
            continue;
        }
        let Some(value) = attribute.value.as_deref() else {
            continue;
        };
        let Some(id) = parse_attribute(value) else {
            out.push(
                Finding::new(&ORGID_SYNTAX, ATTRIBUTE_FIELD)
                    .arg("value", value)
                    .arg("citation", family.citation),
            );
            continue;
        };
        let found = judge(
            &id,
            family,
            family.citation,
            ATTRIBUTE_FIELD,
            attribute_place,
            out,
        );
        if family.smime && !found && id.scheme == "NTR" && id.country == "DE" {
            if let Some(why) = not_euid(&id) {
                out.push(
                    Finding::new(&ORGID_GERMAN_NOT_EUID, ATTRIBUTE_FIELD)
                        .arg("value", value)
                        .text("why", why),
                );
            }
        }
    }
    if family.smime {
        check_smime(facts, out);
    }
    let extension = facts.cabf_organization_identifier.as_ref();
    if let Some(OrgIdExtension::Malformed(why)) = extension {
        out.push(Finding::new(&ORGID_EXTENSION_MALFORMED, EXTENSION_FIELD).arg("why", why));
    }
    if profile.id != "tls-br-subscriber" {
        return;
    }
    if let Some(OrgIdExtension::Read(id)) = extension {
        judge(
            id,
            &TLS,
            "CA/B EV Guidelines §9.8.2",
            EXTENSION_FIELD,
            extension_place,
            out,
        );
    }
    if is_ev(facts) {
        for attribute in attributes() {
            let Some(value) = attribute.value.as_deref() else {
                continue;
            };
            match extension {
                None => out.push(Finding::new(&ORGID_EXTENSION_MISSING, EXTENSION_FIELD)),
                Some(OrgIdExtension::Malformed(_)) => {}
                Some(OrgIdExtension::Read(ext)) => {
                    if let Some(id) = parse_attribute(value) {
                        compare(&id, ext, out);
                    }
                }
            }
        }
    }
}

/// The first part in which the extension differs from the attribute, reported (countries
/// compared without case).
fn compare(attribute: &OrganizationId, extension: &OrganizationId, out: &mut Vec<Finding>) {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let parts = [
        (
            Localized::new("registration scheme", "le schéma d'enregistrement"),
            attribute.scheme.clone(),
            extension.scheme.clone(),
            attribute.scheme == extension.scheme,
        ),
        (
            Localized::new("country", "le pays"),
            attribute.country.clone(),
            extension.country.clone(),
            attribute.country.eq_ignore_ascii_case(&extension.country),
        ),
        (
            Localized::new("state or province", "l'état ou la province"),
            text(&attribute.state),
            text(&extension.state),
            attribute.state == extension.state,
        ),
        (
            Localized::new("registration reference", "la référence d'enregistrement"),
            text(&attribute.reference),
            text(&extension.reference),
            attribute.reference == extension.reference,
        ),
    ];
    if let Some((part, in_attribute, in_extension, _)) =
        parts.into_iter().find(|(_, _, _, same)| !same)
    {
        out.push(
            Finding::new(&ORGID_EXTENSION_MISMATCH, EXTENSION_FIELD)
                .text("part", part)
                .arg("attribute", in_attribute)
                .arg("extension", in_extension),
        );
    }
}

/// The S/MIME rules across attributes: each countryName agreeing with the country of every
/// organizationIdentifier not of a global scheme (Appendix A), and the check digits of an LEI.
fn check_smime(facts: &CertFacts, out: &mut Vec<Finding>) {
    let ids: Vec<(&str, OrganizationId)> = facts
        .subject
        .iter()
        .filter(|a| a.name == "organizationIdentifier")
        .filter_map(|a| a.value.as_deref())
        .filter_map(|v| parse_attribute(v).map(|id| (v, id)))
        .collect();
    for country_name in facts.subject.iter().filter(|a| a.name == "C") {
        let Some(country_name) = country_name.value.as_deref() else {
            continue;
        };
        if let Some((_, id)) = ids
            .iter()
            .find(|(_, id)| id.country != GLOBAL && id.country != country_name)
        {
            out.push(
                Finding::new(&ORGID_COUNTRY_NAME_MISMATCH, "subject.C")
                    .arg("country_name", country_name)
                    .arg("country", &id.country),
            );
        }
    }
    for attribute in facts
        .subject
        .iter()
        .filter(|a| a.name == "organizationIdentifier")
    {
        let Some(lei) = attribute
            .value
            .as_deref()
            .and_then(|v| v.strip_prefix("LEIXG-"))
        else {
            continue;
        };
        if let Some(why) = lei_problem(lei) {
            out.push(
                Finding::new(&ORGID_LEI_INVALID, ATTRIBUTE_FIELD)
                    .arg("lei", lei)
                    .text("why", why),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lei_check_digits() {
        // GLEIF's own LEI.
        assert!(lei_problem("506700GE1G29325QX363").is_none());
        assert!(lei_problem("506700GE1G29325QX364").is_some());
        assert!(lei_problem("506700GE1G29325QX3").is_some());
    }

    #[test]
    fn euid() {
        let id = |r: &str| parse_attribute(&format!("NTRDE-{r}")).unwrap();
        assert!(not_euid(&id("DER3306.HRB12345")).is_none());
        assert!(not_euid(&id("HRB12345")).is_some());
        assert!(not_euid(&id("FRR3306.HRB12345")).is_some());
        assert!(not_euid(&id("DE.HRB1")).is_some());
    }
}
