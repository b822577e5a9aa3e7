//! The post-issuance checks of a certificate: does it match the product sold? Judged at the
//! certificate's notBefore (the rules in force when it was issued), not at the time of the
//! check.

use crate::cert::facts::{read_certificate, CertFacts};
use crate::error::Result;
use crate::lang::Localized;
use crate::names;
use crate::policy::IssuancePolicy;
use crate::profile::catalog::{CapLength, CapSchedule};
use crate::profile::names::check_product_names;
use crate::profile::{
    cabf, cabf_ca, cabf_keys, cabf_names, cabf_policies, cabf_subject, cabf_urls, rfc5280,
};
use crate::rule::{day_of, rules, Checked, Finding};
use crate::subject::{self, SubjectRules};
use crate::usage::Usage;
use crate::x509::RequestedName;

/// Checks an issued certificate against `policy` (the baseline or a product): key and signature
/// algorithm, names, usages, basicConstraints, policies, and validity against the product's
/// durations and the dated caps in force at its notBefore.
pub(crate) fn check(input: &[u8], policy: &IssuancePolicy) -> Result<(String, Checked<CertFacts>)> {
    let facts = read_certificate(input)?;
    let issued = judged_on(&facts, policy);
    let (profile, findings) = check_facts(&facts, policy);
    Ok((profile, Checked::on(issued, facts, findings)))
}

/// The subject rules of a certificate: the logic of CSR intake, with certificate codes.
const CERT_SUBJECT: SubjectRules = SubjectRules {
    empty: &CERT_ATTRIBUTE_EMPTY,
    repeated: &CERT_ATTRIBUTE_REPEATED,
    too_long: &CERT_ATTRIBUTE_TOO_LONG,
    undecodable: &CERT_ATTRIBUTE_UNDECODABLE,
    printable: &CERT_PRINTABLE_STRING,
    country: &CERT_COUNTRY_INVALID,
    user_assigned_country: true,
};

/// The day whose rules judge the certificate: its notBefore's, or the policy's `rules_at`
/// when that is later (the rules of the day it was issued, never older than asked).
fn judged_on(facts: &CertFacts, policy: &IssuancePolicy) -> time::Date {
    let issued = day_of(facts.not_before);
    policy.rules_at.map_or(issued, |day| day.max(issued))
}

/// The findings, and the profile they were judged by (the one `auto` chose, when it did).
fn check_facts(facts: &CertFacts, policy: &IssuancePolicy) -> (String, Vec<Finding>) {
    let mut out = Vec::new();
    let issued = judged_on(facts, policy);
    out.extend(
        policy
            .algorithms
            .check(&facts.signature_algorithm, issued, "signature_algorithm"),
    );
    if facts.signature_algorithm_mismatch {
        out.push(Finding::new(
            &CERT_SIGNATURE_ALGORITHM_MISMATCH,
            "signatureAlgorithm",
        ));
    }
    out.extend(policy.key.check(&facts.key, "key"));
    subject::check_attributes(&facts.subject, &CERT_SUBJECT, &mut out);
    check_validity(facts, policy, &mut out);
    for (i, name) in facts.names.iter().enumerate() {
        out.extend(names::check_san(
            name,
            &format!("san[{i}]"),
            policy.allow_wildcard,
        ));
    }
    if let Some(name) = &policy.cabf {
        let profile = check_cabf(facts, name, issued, &mut out);
        return (profile.unwrap_or_else(|| policy.id.clone()), out);
    }
    let Some(product) = &policy.product else {
        return (policy.id.clone(), out);
    };
    out.extend(check_product_names(&facts.name_view(), product));
    check_usage(facts, product.usage, &mut out);
    if product.usage == Usage::TlsServer {
        check_tls_names(facts, &mut out);
    }
    for oid in &product.policies {
        if !facts.policies.contains(oid) {
            out.push(
                Finding::new(&CERT_POLICY_MISSING, "extensions.certificatePolicies")
                    .arg("oid", oid)
                    .arg("product", &product.name),
            );
        }
    }
    (policy.id.clone(), out)
}

/// The CA/B profile `name` picks for this certificate, judged: its extension table, and the
/// usage and TLS name checks of its usage. Returns the profile's id, or `None` when `auto`
/// found none (the baseline alone judged it).
fn check_cabf(
    facts: &CertFacts,
    name: &str,
    day: time::Date,
    out: &mut Vec<Finding>,
) -> Option<String> {
    let Some((profile, why)) = cabf::choose(name, facts) else {
        rfc5280::check(facts, true, false, out);
        cabf_policies::check_rfc5280(&facts.policy_information, true, out);
        cabf_urls::check_alone(facts, out);
        if name == "auto" {
            out.push(Finding::new(&cabf::PROFILE_NONE, "profile"));
        }
        return None;
    };
    if name == "auto" {
        out.push(
            Finding::new(&cabf::PROFILE_CHOSEN, "profile")
                .arg("profile", profile.id)
                .text("why", why),
        );
    }
    // The TLS BR make a subscriber's subjectKeyIdentifier NOT RECOMMENDED, against the RFC's
    // SHOULD: that profile does not ask for it.
    rfc5280::check(facts, profile.id != "tls-br-subscriber", true, out);
    cabf::check_extensions(facts, profile, day, out);
    cabf::check_ekus(facts, profile, day, out);
    cabf_policies::check(facts, profile, day, out);
    if day >= profile.effective {
        cabf_keys::check(facts, profile, out);
        cabf_subject::check(facts, profile, out);
        cabf_ca::check(facts, profile, out);
        crate::profile::cabf_orgid::check(facts, profile, out);
        cabf_names::check(facts, profile, out);
        cabf_urls::check(facts, profile, out);
        crate::profile::cabf_smime::check(facts, profile, out);
        crate::profile::cabf_smime_subject::check(facts, profile, out);
    }
    // Dated rule by rule (from the Code Signing BR version each follows), not by the table.
    crate::profile::cabf_cs::check(facts, profile, out);
    if let Some(schedule) = profile.validity {
        // An EV certificate (its reserved policy OID) lives under the EV Guidelines' caps.
        let ev = cabf::is_ev(facts);
        let schedule = match schedule {
            CapSchedule::CabTls if ev => CapSchedule::CabEv,
            other => other,
        };
        check_cap(facts, schedule, day, out);
    }
    if profile.usage != Usage::Any {
        check_usage(facts, profile.usage, out);
    }
    if profile.usage == Usage::TlsServer {
        check_tls_names(facts, out);
    }
    Some(profile.id.to_string())
}

fn check_validity(facts: &CertFacts, policy: &IssuancePolicy, out: &mut Vec<Finding>) {
    let seconds = facts.validity_seconds();
    if seconds <= 0 {
        out.push(Finding::new(&CERT_VALIDITY_INVERTED, "validity"));
        return;
    }
    let days = seconds as f64 / 86_400.0;
    let Some(product) = &policy.product else {
        return;
    };
    if let Some(schedule) = product.validity_caps {
        check_cap(facts, schedule, judged_on(facts, policy), out);
    }
    let longest_years = product
        .max_validity_years
        .or_else(|| product.validity_years.iter().copied().max());
    if let Some(years) = longest_years {
        // A year is taken as 366 days so that a leap day never refuses an exact N-year certificate.
        if seconds > i64::from(years) * 366 * 86_400 {
            out.push(
                Finding::new(&CERT_VALIDITY_PRODUCT, "validity")
                    .arg("days", format!("{days:.1}"))
                    .arg("years", years)
                    .arg("product", &product.name),
            );
        }
    }
}

/// The dated cap of `schedule` in force at the certificate's notBefore (and the BR's day of
/// margin under it).
fn check_cap(facts: &CertFacts, schedule: CapSchedule, day: time::Date, out: &mut Vec<Finding>) {
    let at = if day == day_of(facts.not_before) {
        facts.not_before
    } else {
        day.midnight().assume_utc().unix_timestamp()
    };
    let Some(cap) = schedule.cap_at(at) else {
        return;
    };
    let days = facts.validity_seconds() as f64 / 86_400.0;
    if cap.max.exceeded_by(facts.not_before, facts.not_after) {
        let (max, unit) = cap.max.amount();
        out.push(
            Finding::new(&CERT_VALIDITY_CAP, "validity")
                .arg("days", format!("{days:.1}"))
                .arg("max", max)
                .text("unit", unit)
                .arg("since", cap.from)
                .arg("source", cap.source),
        );
    } else if let (true, CapLength::Days(max)) = (cap.day_of_margin, cap.max) {
        // The BR's "SHOULD NOT exceed" one day less than the cap, a margin for clock skew.
        if CapLength::Days(max - 1).exceeded_by(facts.not_before, facts.not_after) {
            out.push(
                Finding::new(&CERT_VALIDITY_RECOMMENDED, "validity")
                    .arg("days", format!("{days:.1}"))
                    .arg("recommended", max - 1),
            );
        }
    }
}

/// The keyUsage and extendedKeyUsage the usage's row of the table asks for.
fn check_usage(facts: &CertFacts, usage: Usage, out: &mut Vec<Finding>) {
    let wanted = usage.rules();
    let is_ca = facts.basic_constraints.as_ref().is_some_and(|bc| bc.ca);
    if usage == Usage::Ca {
        match &facts.basic_constraints {
            Some(bc) if bc.ca && bc.critical => {}
            _ => out.push(Finding::new(
                &CERT_CA_BASIC_CONSTRAINTS,
                "extensions.basicConstraints",
            )),
        }
        let ku = facts.key_usage.as_deref().unwrap_or_default();
        for bit in wanted.key_usage_required {
            if !ku.iter().any(|k| k == bit) {
                out.push(Finding::new(&CERT_CA_KEY_USAGE, "extensions.keyUsage").arg("bit", bit));
            }
        }
        if !facts.self_issued && facts.extended_key_usage.is_none() {
            out.push(Finding::new(
                &CERT_CA_EKU_MISSING,
                "extensions.extendedKeyUsage",
            ));
        }
        return;
    }
    if is_ca {
        out.push(Finding::new(
            &CERT_LEAF_IS_CA,
            "extensions.basicConstraints",
        ));
    }
    if let Some(ku) = &facts.key_usage {
        for bit in wanted.key_usage_forbidden {
            if ku.iter().any(|k| k == bit) {
                out.push(
                    Finding::new(&CERT_LEAF_CA_KEY_USAGE, "extensions.keyUsage").arg("bit", bit),
                );
            }
        }
        if wanted
            .key_usage_required
            .iter()
            .any(|bit| !ku.iter().any(|k| k == bit))
        {
            out.push(Finding::new(
                &CERT_KEY_USAGE_SIGNATURE,
                "extensions.keyUsage",
            ));
        }
    }
    let carried = facts.extended_key_usage.as_deref().unwrap_or_default();
    let satisfied = wanted
        .ekus
        .iter()
        .any(|eku| carried.iter().any(|e| e == eku.name()));
    if !wanted.ekus.is_empty() && !satisfied {
        let names: Vec<&str> = wanted.ekus.iter().map(|e| e.name()).collect();
        out.push(
            Finding::new(&CERT_EKU_MISSING, "extensions.extendedKeyUsage").text(
                "expected",
                Localized::new(names.join(" or "), names.join(" ou ")),
            ),
        );
    }
}

fn check_tls_names(facts: &CertFacts, out: &mut Vec<Finding>) {
    if !facts.san_present || facts.names.is_empty() {
        out.push(Finding::new(&CERT_SAN_MISSING, "extensions.subjectAltName"));
        return;
    }
    if let Some(cn) = &facts.common_name {
        let in_san = facts.names.iter().any(|n| match n {
            RequestedName::Dns(v) | RequestedName::Ip(v) => v.eq_ignore_ascii_case(cn),
            _ => false,
        });
        let copied = facts.names.iter().any(|n| match n {
            RequestedName::Dns(v) | RequestedName::Ip(v) => v == cn,
            _ => false,
        });
        if !in_san {
            out.push(Finding::new(&CERT_CN_NOT_IN_SAN, "subject.CN").arg("cn", cn));
        } else if !copied {
            // A dated rule: the machinery keeps it silent for certificates issued before it.
            out.push(Finding::new(&CERT_CN_NOT_COPIED, "subject.CN").arg("cn", cn));
        }
    }
}

rules! {
    CERT_VALIDITY_INVERTED: "cert.validity.inverted", Error,
        "RFC 5280 §4.1.2.5",
        "notAfter comes before notBefore",
        "notAfter précède notBefore";
    CERT_VALIDITY_CAP: "cert.validity.over_cap", Error,
        "CA/B BR §6.3.2 (398 days from 2020-09-01; 200 from 2026-03-15; 100 from 2027-03-15; 47 from 2029-03-15); CA/B Code Signing BR §6.3.2 (39 months; 460 days from 2026-03-01; Timestamp Certificates 135 months)",
        "valid {days} days; certificates issued from {since} live at most {max} {unit} ({source})",
        "valide {days} jours ; les certificats émis à partir du {since} vivent au plus {max} {unit} ({source})";
    CERT_VALIDITY_RECOMMENDED: "cert.validity.over_recommended", Warning,
        "CA/B BR §6.3.2 (SHOULD NOT exceed 397, 199, 99, 46 days)",
        "valid {days} days; the Baseline Requirements recommend at most {recommended}, a day of margin under the cap",
        "valide {days} jours ; les Baseline Requirements recommandent au plus {recommended}, un jour de marge sous le plafond";
    CERT_VALIDITY_PRODUCT: "cert.validity.over_product", Error,
        "003_a88f77ecd5bd515e.txt (3 years); 004_019b05917d1443a9.txt (CA: 10 years); 002_65d782b1359c0f60.txt (1 to 3 years)",
        "valid {days} days: longer than the {years} year(s) of {product}",
        "valide {days} jours : plus que les {years} an(s) de {product}";
    CERT_EKU_MISSING: "cert.eku.missing", Error,
        "RFC 5280 §4.2.1.12; CA/B BR §7.1.2.7.10; Code Signing BR §7.1.2.3(f)",
        "the certificate does not carry the extended key usage its product is for ({expected})",
        "le certificat ne porte pas l'usage étendu de son produit ({expected})";
    CERT_KEY_USAGE_SIGNATURE: "cert.key_usage.no_digital_signature", Error,
        "RFC 5280 §4.2.1.3; CA/B BR §7.1.2.7.11; Code Signing BR §7.1.2.3(e)",
        "keyUsage lacks digitalSignature, which TLS, client authentication and code signing need",
        "keyUsage n'a pas digitalSignature, nécessaire à TLS, à l'authentification client et à la signature de code";
    CERT_LEAF_IS_CA: "cert.basic_constraints.leaf_is_ca", Error,
        "RFC 5280 §4.2.1.9; CA/B BR §7.1.2.7.8; Code Signing BR §7.1.2.3(d)",
        "an end-entity certificate has basicConstraints cA=TRUE",
        "un certificat d'entité finale a basicConstraints cA=TRUE";
    CERT_LEAF_CA_KEY_USAGE: "cert.key_usage.leaf_signs_certificates", Error,
        "RFC 5280 §4.2.1.3; Code Signing BR §7.1.2.3(e)",
        "an end-entity certificate has keyUsage {bit}",
        "un certificat d'entité finale a keyUsage {bit}";
    CERT_CA_BASIC_CONSTRAINTS: "cert.ca.basic_constraints", Error,
        "RFC 5280 §4.2.1.9; 004_019b05917d1443a9.txt",
        "a CA certificate needs basicConstraints with cA=TRUE, marked critical",
        "un certificat d'AC exige basicConstraints avec cA=TRUE, marquée critique";
    CERT_CA_KEY_USAGE: "cert.ca.key_usage", Error,
        "RFC 5280 §4.2.1.3; 004_019b05917d1443a9.txt",
        "a CA certificate needs keyUsage {bit}",
        "un certificat d'AC exige keyUsage {bit}";
    CERT_CA_EKU_MISSING: "cert.ca.eku_missing", Warning,
        "CA/B BR §7.1.2.10.6 (TLS subordinate CAs: serverAuth, optionally clientAuth, never anyExtendedKeyUsage)",
        "a subordinate CA certificate without extendedKeyUsage may issue for every purpose; a TLS subordinate CA carries serverAuth (and optionally clientAuth)",
        "un certificat d'AC subordonnée sans extendedKeyUsage peut émettre pour tout usage ; une AC subordonnée TLS porte serverAuth (et éventuellement clientAuth)",
        from = "2023-09-15";
    CERT_SAN_MISSING: "cert.san.missing", Error,
        "CA/B BR §7.1.2.7.12; RFC 6125 §6.4.4",
        "a TLS server certificate without subjectAltName names no host clients will accept",
        "un certificat serveur TLS sans subjectAltName ne nomme aucun hôte que les clients accepteront";
    CERT_CN_NOT_IN_SAN: "cert.san.cn_not_in_san", Error,
        "CA/B BR §7.1.4.3",
        "the CN '{cn}' is not one of the subjectAltName entries",
        "le CN '{cn}' ne figure pas parmi les subjectAltName";
    CERT_CN_NOT_COPIED: "cert.san.cn_not_copied", Error,
        "CA/B BR §7.1.4.2.2(a) (from 2021-08-25: a character-for-character copy of one SAN entry)",
        "the CN '{cn}' is one of the subjectAltName entries only when case is ignored; since 2021-08-25 it must be a character-for-character copy",
        "le CN '{cn}' ne figure parmi les subjectAltName qu'en ignorant la casse ; depuis le 2021-08-25 il doit en être la copie caractère pour caractère",
        from = "2021-08-25";
    CERT_SIGNATURE_ALGORITHM_MISMATCH: "cert.signature_algorithm.mismatch", Error,
        "RFC 5280 §4.1.1.2 (signatureAlgorithm MUST contain the same algorithm identifier as the signature field in tbsCertificate)",
        "the outer signatureAlgorithm differs from the one the signed tbsCertificate names; the outer one is not signed and cannot be trusted",
        "le signatureAlgorithm extérieur diffère de celui que nomme le tbsCertificate signé ; l'extérieur n'est pas signé et ne peut être cru";
    CERT_ATTRIBUTE_EMPTY: "cert.subject.attribute_empty", Error,
        "RFC 5280 §4.1.2.6; X.520",
        "subject attribute {name} is empty",
        "l'attribut {name} du sujet est vide";
    CERT_ATTRIBUTE_REPEATED: "cert.subject.attribute_repeated", Error,
        "CA/B BR §7.1.4.3 (each attribute at most once)",
        "subject attribute {name} appears {count} times; it may appear once",
        "l'attribut {name} du sujet apparaît {count} fois ; il ne peut apparaître qu'une fois";
    CERT_ATTRIBUTE_TOO_LONG: "cert.subject.attribute_too_long", Error,
        "RFC 5280 Appendix A (upper bounds)",
        "subject attribute {name} is {len} characters long; at most {max} are allowed",
        "l'attribut {name} du sujet fait {len} caractères ; {max} au plus sont permis";
    CERT_ATTRIBUTE_UNDECODABLE: "cert.subject.attribute_undecodable", Error,
        "RFC 5280 §4.1.2.4 (DirectoryString)",
        "subject attribute {name} is encoded as {string_type}, which cannot be read as text",
        "l'attribut {name} du sujet est encodé en {string_type}, illisible comme texte";
    CERT_PRINTABLE_STRING: "cert.subject.invalid_printable_string", Error,
        "X.680 §41.4 (PrintableString alphabet); RFC 5280 §4.1.2.4",
        "subject attribute {name} is a PrintableString holding '{char}', which that type cannot carry",
        "l'attribut {name} du sujet est une PrintableString contenant '{char}', que ce type ne peut porter";
    CERT_COUNTRY_INVALID: "cert.subject.country_invalid", Error,
        "RFC 5280 Appendix A (countryName, ISO 3166); CA/B BR §7.1.4.2.2 (XX for a country ISO 3166 does not list)",
        "country '{value}' is not an ISO 3166 two-letter code such as FR or CA",
        "le pays '{value}' n'est pas un code ISO 3166 à deux lettres comme FR ou CA";
    CERT_POLICY_MISSING: "cert.policy.missing", Error,
        "CA/B EV Guidelines §9.3.2; CA/B BR §7.1.6",
        "{product} certificates carry policy {oid}; this one does not",
        "les certificats {product} portent la politique {oid} ; celui-ci non";
}
