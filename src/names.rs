//! Names: DNS host names (RFC 1034/1035/1123 LDH labels, IDNA A-labels per RFC 5890/5891,
//! wildcards as the whole leftmost label), IP addresses, e-mail addresses (RFC 5321), and
//! ISO 3166 country codes.

use crate::host::{is_ip_address, MAX_DNS_LABEL, MAX_DNS_NAME};
use crate::lang::{localized, Localized};
use crate::rule::{rules, Finding};
use crate::x509::RequestedName;

/// Checks `name` as a fully qualified host name and returns every problem found, on `field`.
/// A `*` is allowed only as the whole leftmost label, and only when `allow_wildcard` is set.
pub fn check_dns_name(name: &str, field: &str, allow_wildcard: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if name.is_empty() {
        out.push(Finding::new(&NAME_DNS_EMPTY_LABEL, field).arg("name", name));
        return out;
    }
    if is_ip_address(name) {
        out.push(Finding::new(&NAME_DNS_IP_ADDRESS, field).arg("name", name));
        return out;
    }
    if name.ends_with('.') {
        out.push(Finding::new(&NAME_DNS_TRAILING_DOT, field).arg("name", name));
    }
    let body = name.strip_suffix('.').unwrap_or(name);
    if body.len() > MAX_DNS_NAME {
        out.push(
            Finding::new(&NAME_DNS_TOO_LONG, field)
                .arg("name", abbreviate(name))
                .arg("len", body.len())
                .arg("max", MAX_DNS_NAME),
        );
    }
    let label_count = body.split('.').count();
    if label_count < 2 {
        out.push(Finding::new(&NAME_DNS_NOT_FQDN, field).arg("name", name));
    }
    for (i, label) in body.split('.').enumerate() {
        if label.is_empty() {
            out.push(Finding::new(&NAME_DNS_EMPTY_LABEL, field).arg("name", name));
            continue;
        }
        if label.contains('*') {
            if label != "*" || i != 0 {
                out.push(Finding::new(&NAME_DNS_WILDCARD_MISPLACED, field).arg("name", name));
            } else if !allow_wildcard {
                out.push(Finding::new(&NAME_DNS_WILDCARD_NOT_ALLOWED, field).arg("name", name));
            }
            continue;
        }
        if label.len() > MAX_DNS_LABEL {
            out.push(
                Finding::new(&NAME_DNS_LABEL_TOO_LONG, field)
                    .arg("label", abbreviate(label))
                    .arg("len", label.len())
                    .arg("max", MAX_DNS_LABEL),
            );
        }
        if let Some(bad) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            out.push(
                Finding::new(&NAME_DNS_INVALID_CHARACTER, field)
                    .arg("label", label)
                    .arg("char", bad.escape_default()),
            );
            continue;
        }
        if label.starts_with('-') || label.ends_with('-') {
            out.push(Finding::new(&NAME_DNS_HYPHEN_EDGE, field).arg("label", label));
            continue;
        }
        if label.len() >= 4 && &label[2..4] == "--" {
            if label[..2].eq_ignore_ascii_case("xn") {
                if let Err(reason) = check_a_label(label) {
                    out.push(
                        Finding::new(&NAME_DNS_INVALID_A_LABEL, field)
                            .arg("label", label)
                            .text("reason", reason),
                    );
                }
            } else {
                out.push(Finding::new(&NAME_DNS_RESERVED_LABEL, field).arg("label", label));
            }
        }
    }
    if let Some(tld) = body.rsplit('.').next() {
        if label_count >= 2 && !tld.is_empty() && tld.bytes().all(|b| b.is_ascii_digit()) {
            out.push(Finding::new(&NAME_DNS_NUMERIC_TLD, field).arg("name", name));
        }
    }
    out
}

/// An `xn--` label must be the ASCII form of a valid IDNA2008 U-label: it decodes as Punycode,
/// and encoding the decoded text under UTS 46 gives the same label back (RFC 5891 §5.4).
fn check_a_label(label: &str) -> Result<(), Localized> {
    let lower = label.to_ascii_lowercase();
    let Some(unicode) = idna::punycode::decode_to_string(&lower[4..]) else {
        return Err(localized!("not valid Punycode", "pas du Punycode valide"));
    };
    if unicode.is_ascii() {
        return Err(localized!(
            "decodes to plain ASCII",
            "se décode en simple ASCII"
        ));
    }
    match idna::domain_to_ascii_strict(&unicode) {
        Ok(ascii) if ascii == lower => Ok(()),
        Ok(_) => Err(localized!(
            "not in the canonical IDNA form",
            "pas sous la forme IDNA canonique"
        )),
        Err(_) => Err(localized!(
            "decodes to text that IDNA forbids",
            "se décode en un texte qu'IDNA interdit"
        )),
    }
}

fn abbreviate(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_string()
    } else {
        let head: String = text.chars().take(37).collect();
        format!("{head}...")
    }
}

/// Checks a subjectAltName entry: DNS names as host names, e-mail addresses as mailboxes; other
/// forms have no syntax rule here.
pub fn check_san(name: &RequestedName, field: &str, allow_wildcard: bool) -> Vec<Finding> {
    match name {
        RequestedName::Dns(dns) => check_dns_name(dns, field, allow_wildcard),
        RequestedName::Email(address) => check_email(address, field),
        _ => Vec::new(),
    }
}

/// Checks an e-mail address as a mailbox: `local@domain` with a dot-atom or quoted local part
/// of at most 64 octets (RFC 5321 §4.1.2, §4.5.3.1.1) and a host-name domain.
pub fn check_email(address: &str, field: &str) -> Vec<Finding> {
    let invalid = |reason: Localized| {
        vec![Finding::new(&NAME_EMAIL_INVALID, field)
            .arg("address", abbreviate(address))
            .text("reason", reason)]
    };
    let Some(at) = address.rfind('@') else {
        return invalid(localized!("no '@'", "pas de « @ »"));
    };
    let (local, domain) = (&address[..at], &address[at + 1..]);
    if local.is_empty() {
        return invalid(localized!("empty local part", "partie locale vide"));
    }
    if local.len() > 64 {
        return invalid(localized!(
            "local part longer than 64 octets",
            "partie locale de plus de 64 octets"
        ));
    }
    let quoted = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    if !quoted {
        const ATEXT_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";
        let atom_ok = local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ATEXT_SPECIALS.contains(c))
        });
        if !atom_ok {
            return invalid(localized!(
                "the local part is not a dot-atom",
                "la partie locale n'est pas un dot-atom"
            ));
        }
    } else if local[1..local.len() - 1]
        .chars()
        .any(|c| !c.is_ascii() || c.is_ascii_control())
    {
        return invalid(localized!(
            "the quoted local part holds control or non-ASCII characters",
            "la partie locale entre guillemets contient des caractères de contrôle ou non ASCII"
        ));
    }
    if domain.is_empty() {
        return invalid(localized!("empty domain", "domaine vide"));
    }
    if domain.starts_with('[') {
        return invalid(localized!(
            "address literals are not accepted",
            "les adresses littérales ne sont pas acceptées"
        ));
    }
    if !check_dns_name(domain, field, false).is_empty() {
        return invalid(localized!(
            "the domain is not a valid host name",
            "le domaine n'est pas un nom d'hôte valide"
        ));
    }
    Vec::new()
}

/// ISO 3166-1 alpha-2 codes officially assigned (RFC 5280 countryName: PrintableString (SIZE
/// (2)) from ISO 3166), sorted, each followed by one space.
const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case, as certificates carry it).
pub fn is_iso3166_alpha2(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && ISO_3166_ALPHA2
            .as_bytes()
            .chunks(3)
            .any(|c| &c[..2] == code.as_bytes())
}

rules! {
    NAME_DNS_TOO_LONG: "name.dns.too_long", Error,
        "RFC 1035 §2.3.4",
        "host name '{name}' is {len} octets long; at most {max} are allowed",
        "le nom d'hôte '{name}' fait {len} octets ; {max} au plus sont permis";
    NAME_DNS_LABEL_TOO_LONG: "name.dns.label_too_long", Error,
        "RFC 1035 §2.3.4",
        "label '{label}' is {len} octets long; at most {max} are allowed",
        "l'étiquette '{label}' fait {len} octets ; {max} au plus sont permis";
    NAME_DNS_EMPTY_LABEL: "name.dns.empty_label", Error,
        "RFC 1035 §2.3.1",
        "host name '{name}' has an empty label",
        "le nom d'hôte '{name}' contient une étiquette vide";
    NAME_DNS_TRAILING_DOT: "name.dns.trailing_dot", Error,
        "RFC 5280 §4.2.1.6; CA/B BR §7.1.4.2",
        "host name '{name}' ends with a dot; certificates carry names without the root dot",
        "le nom d'hôte '{name}' se termine par un point ; les certificats portent les noms sans le point final";
    NAME_DNS_INVALID_CHARACTER: "name.dns.invalid_character", Error,
        "RFC 1123 §2.1; RFC 5890 §2.3.1 (LDH); CA/B BR §7.1.4.2",
        "label '{label}' holds '{char}': only letters, digits and hyphens are allowed (internationalised names go as xn-- A-labels)",
        "l'étiquette '{label}' contient '{char}' : seuls lettres, chiffres et tirets sont permis (les noms internationalisés s'écrivent en A-label xn--)";
    NAME_DNS_HYPHEN_EDGE: "name.dns.hyphen_at_label_edge", Error,
        "RFC 1123 §2.1; RFC 952",
        "label '{label}' starts or ends with a hyphen",
        "l'étiquette '{label}' commence ou finit par un tiret";
    NAME_DNS_INVALID_A_LABEL: "name.dns.invalid_a_label", Error,
        "RFC 5890 §2.3.2.1; RFC 5891 §5.4",
        "label '{label}' is not a valid IDNA A-label: {reason}",
        "l'étiquette '{label}' n'est pas un A-label IDNA valide : {reason}";
    NAME_DNS_RESERVED_LABEL: "name.dns.reserved_label", Error,
        "RFC 5890 §2.3.1 (R-LDH labels)",
        "label '{label}' has hyphens in the third and fourth positions, reserved for IDNA A-labels ('xn--')",
        "l'étiquette '{label}' a des tirets en troisième et quatrième positions, réservées aux A-labels IDNA ('xn--')";
    NAME_DNS_IP_ADDRESS: "name.dns.ip_address", Error,
        "CA/B BR §7.1.4.2; RFC 5280 §4.2.1.6",
        "'{name}' is an IP address, not a host name",
        "'{name}' est une adresse IP, pas un nom d'hôte";
    NAME_DNS_NOT_FQDN: "name.dns.not_fully_qualified", Error,
        "RFC 1035; 003_a88f77ecd5bd515e.txt (FQDN <server>.[subdomain].<domain>)",
        "'{name}' is a single label, not a fully qualified domain name",
        "'{name}' est une étiquette seule, pas un nom de domaine pleinement qualifié";
    NAME_DNS_NUMERIC_TLD: "name.dns.numeric_tld", Error,
        "RFC 3696 §2",
        "'{name}' ends in an all-numeric top-level label",
        "'{name}' se termine par une étiquette de premier niveau entièrement numérique";
    NAME_DNS_WILDCARD_MISPLACED: "name.dns.wildcard_misplaced", Error,
        "RFC 6125 §6.4.3; CA/B BR §7.1.4.2",
        "'{name}': a wildcard must be the whole leftmost label ('*.example.fr')",
        "'{name}' : un joker doit constituer toute l'étiquette la plus à gauche ('*.exemple.fr')";
    NAME_DNS_WILDCARD_NOT_ALLOWED: "name.dns.wildcard_not_allowed", Error,
        "000_45f25a1ea33b9316.txt (wildcards only in the Wildcard product)",
        "'{name}' is a wildcard name, which is not allowed here",
        "'{name}' est un nom générique (joker), non permis ici";
    NAME_EMAIL_INVALID: "name.email.invalid", Error,
        "RFC 5321 §4.1.2; RFC 5280 §4.2.1.6",
        "'{address}' is not a valid e-mail address: {reason}",
        "'{address}' n'est pas une adresse électronique valide : {reason}";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(name: &str) -> Vec<&'static str> {
        check_dns_name(name, "f", true)
            .iter()
            .map(|f| f.code())
            .collect()
    }

    #[test]
    fn good_host_names_pass() {
        for name in [
            "exemple.fr",
            "mail.exemple.fr",
            "*.exemple.fr",
            "xn--bcher-kva.example",
            "a-b.c0.fr",
            "gap.ch-ville.fr",
        ] {
            assert!(codes(name).is_empty(), "{name}: {:?}", codes(name));
        }
    }

    #[test]
    fn each_bad_form_has_its_code() {
        assert_eq!(codes("exemple.fr."), ["name.dns.trailing_dot"]);
        assert_eq!(codes("ex_emple.fr"), ["name.dns.invalid_character"]);
        assert_eq!(codes("-exemple.fr"), ["name.dns.hyphen_at_label_edge"]);
        assert_eq!(codes("exemple..fr"), ["name.dns.empty_label"]);
        assert_eq!(codes("192.0.2.1"), ["name.dns.ip_address"]);
        assert_eq!(codes("localhost"), ["name.dns.not_fully_qualified"]);
        assert_eq!(codes("www.*.fr"), ["name.dns.wildcard_misplaced"]);
        assert_eq!(codes("w*.exemple.fr"), ["name.dns.wildcard_misplaced"]);
        assert_eq!(codes("xn--zz.fr"), ["name.dns.invalid_a_label"]);
        assert_eq!(codes("ab--cd.fr"), ["name.dns.reserved_label"]);
        assert_eq!(codes("host.123"), ["name.dns.numeric_tld"]);
        assert_eq!(
            codes(&format!("{}.fr", "a".repeat(64))),
            ["name.dns.label_too_long"]
        );
        let long = vec!["abcdefghi"; 26].join(".");
        assert_eq!(codes(&long), ["name.dns.too_long"]);
        assert_eq!(
            check_dns_name("*.exemple.fr", "f", false)[0].code(),
            "name.dns.wildcard_not_allowed"
        );
    }

    #[test]
    fn e_mail_addresses() {
        assert!(check_email("alice@exemple.fr", "f").is_empty());
        assert!(check_email("\"a b\"@exemple.fr", "f").is_empty());
        for bad in [
            "alice",
            "@exemple.fr",
            "alice@",
            "a..b@exemple.fr",
            "alice@exemple",
            "al ice@exemple.fr",
        ] {
            assert_eq!(check_email(bad, "f").len(), 1, "{bad}");
        }
    }

    #[test]
    fn country_codes() {
        assert!(is_iso3166_alpha2("FR"));
        assert!(is_iso3166_alpha2("CA"));
        assert!(!is_iso3166_alpha2("fr"));
        assert!(!is_iso3166_alpha2("FRA"));
        assert!(!is_iso3166_alpha2("XX"));
        assert!(!is_iso3166_alpha2("UK"));
    }
}
