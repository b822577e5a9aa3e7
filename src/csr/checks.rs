//! The intake rules of a CSR: proof of possession, algorithm and key policy, subject, requested
//! names and extensions. Each function reads facts and policy and returns findings; none does I/O.

use time::Date;

use crate::csr::facts::{CsrFacts, Possession};
use crate::host::{is_ip_address, looks_like_host};
use crate::names;
use crate::policy::IssuancePolicy;
use crate::profile::names::check_product_names;
use crate::rule::{rules, Finding};
use crate::subject::{self, SubjectRules};
use crate::x509::RequestedName;

rules! {
    CSR_SIGNATURE_NOT_CHECKED: "csr.signature.not_checked", Error,
        "RFC 2986 §3 (proof of possession); fail-closed policy",
        "the proof of possession was not established: the request was not verified",
        "la preuve de possession n'a pas été établie : la demande n'a pas été vérifiée";
    CSR_SIGNATURE_INVALID: "csr.signature.invalid", Error,
        "RFC 2986 §3 (proof of possession); 002_65d782b1359c0f60.txt",
        "the CSR's signature does not verify with its own public key: possession of the private key is not proven (the request was altered or corrupted)",
        "la signature de la CSR ne se vérifie pas avec sa propre clé publique : la possession de la clé privée n'est pas prouvée (la demande a été altérée ou corrompue)";
    CSR_SIGNATURE_KEY_MISMATCH: "csr.signature.key_mismatch", Error,
        "RFC 2986 §4.2; RFC 5280 §4.1.1.2",
        "the signature algorithm does not fit the key: {detail}",
        "l'algorithme de signature ne correspond pas à la clé : {detail}";
    CSR_SIGNATURE_UNSUPPORTED: "csr.signature.unsupported", Error,
        "RFC 2986 §3; fail-closed policy",
        "the proof of possession cannot be checked: {detail} is not supported",
        "la preuve de possession ne peut être vérifiée : {detail} n'est pas pris en charge";
    CSR_VERSION: "csr.version.invalid", Error,
        "RFC 2986 §4.1 (version is v1(0))",
        "CSR version {version}; only version 0 (v1) is defined",
        "version de CSR {version} ; seule la version 0 (v1) est définie";
    CSR_CN_MISSING: "csr.subject.cn_missing", Error,
        "002_65d782b1359c0f60.txt (Common Name – Obligatoire)",
        "the subject has no Common Name (CN); it is mandatory",
        "le sujet n'a pas de nom commun (CN) ; il est obligatoire";
    CSR_CN_IS_IP: "csr.subject.cn_is_ip", Error,
        "CA/B BR §7.1.4.3; 003_a88f77ecd5bd515e.txt (CN = FQDN)",
        "the CN '{cn}' is an IP address; the CN of a server certificate is its FQDN",
        "le CN '{cn}' est une adresse IP ; le CN d'un certificat serveur est son FQDN";
    CSR_ATTRIBUTE_EMPTY: "csr.subject.attribute_empty", Error,
        "RFC 5280 §4.1.2.6; X.520",
        "subject attribute {name} is empty",
        "l'attribut {name} du sujet est vide";
    CSR_ATTRIBUTE_REPEATED: "csr.subject.attribute_repeated", Error,
        "CA/B BR §7.1.4.3 (each attribute at most once); 002_65d782b1359c0f60.txt",
        "subject attribute {name} appears {count} times; it may appear once",
        "l'attribut {name} du sujet apparaît {count} fois ; il ne peut apparaître qu'une fois";
    CSR_ATTRIBUTE_TOO_LONG: "csr.subject.attribute_too_long", Error,
        "RFC 5280 Appendix A (upper bounds)",
        "subject attribute {name} is {len} characters long; at most {max} are allowed",
        "l'attribut {name} du sujet fait {len} caractères ; {max} au plus sont permis";
    CSR_ATTRIBUTE_UNDECODABLE: "csr.subject.attribute_undecodable", Error,
        "RFC 5280 §4.1.2.4 (DirectoryString)",
        "subject attribute {name} is encoded as {string_type}, which cannot be read as text",
        "l'attribut {name} du sujet est encodé en {string_type}, illisible comme texte";
    CSR_PRINTABLE_STRING: "csr.subject.invalid_printable_string", Error,
        "X.680 §41.4 (PrintableString alphabet); RFC 5280 §4.1.2.4",
        "subject attribute {name} is a PrintableString holding '{char}', which that type cannot carry",
        "l'attribut {name} du sujet est une PrintableString contenant '{char}', que ce type ne peut porter";
    CSR_COUNTRY_INVALID: "csr.subject.country_invalid", Error,
        "RFC 5280 Appendix A (countryName, ISO 3166); 002_65d782b1359c0f60.txt (C = code ISO à deux lettres, FR)",
        "country '{value}' is not an ISO 3166 two-letter code such as FR or CA",
        "le pays '{value}' n'est pas un code ISO 3166 à deux lettres comme FR ou CA";
    CSR_CN_NOT_IN_SAN: "csr.subject.cn_not_in_san", Notice,
        "CA/B BR §7.1.4.3 (the CN must be one of the SAN entries); 002_65d782b1359c0f60.txt",
        "the CN '{cn}' is not among the requested subjectAltNames; the CA will have to add it",
        "le CN '{cn}' ne figure pas parmi les subjectAltName demandés ; l'AC devra l'ajouter";
    CSR_CHALLENGE_PASSWORD: "csr.attribute.challenge_password", Warning,
        "RFC 2985 §5.4.1; 002_65d782b1359c0f60.txt (presented there as protecting the key: it does not)",
        "the CSR carries a challengePassword: it travels in clear inside the CSR, readable by anyone who sees the request, and does not protect the private key",
        "la CSR contient un challengePassword : il circule en clair dans la CSR, lisible par quiconque voit la demande, et ne protège pas la clé privée";
    CSR_SAN_EMPTY: "csr.san.empty", Error,
        "RFC 5280 §4.2.1.6 (at least one GeneralName)",
        "a subjectAltName extension is requested with no name in it",
        "une extension subjectAltName est demandée sans aucun nom";
    CSR_SAN_MALFORMED_IP: "csr.san.malformed_ip", Error,
        "RFC 5280 §4.2.1.6 (4 or 16 octets)",
        "an iPAddress entry holds {value}, which is neither 4 nor 16 octets",
        "une entrée iPAddress contient {value}, ni 4 ni 16 octets";
    CSR_SAN_UNUSUAL: "csr.san.unusual_type", Warning,
        "CA/B BR §7.1.4.2 (only dNSName and iPAddress in TLS certificates)",
        "the request asks for {value}, a name form CAs do not usually certify",
        "la demande porte sur {value}, une forme de nom que les AC ne certifient pas d'ordinaire";
    CSR_EXTENSION_MALFORMED: "csr.extension.malformed", Error,
        "RFC 2986 §4.1; RFC 5280 §4.2",
        "requested extension {oid} cannot be decoded",
        "l'extension demandée {oid} ne peut être décodée";
    CSR_EXTENSION_DUPLICATE: "csr.extension.duplicate", Error,
        "RFC 5280 §4.2 (an extension appears at most once)",
        "requested extension {oid} appears more than once",
        "l'extension demandée {oid} apparaît plusieurs fois";
    CSR_REQUESTS_CA: "csr.extension.requests_ca", Notice,
        "RFC 5280 §4.2.1.9",
        "the request asks for a CA certificate (basicConstraints cA=TRUE)",
        "la demande porte sur un certificat d'AC (basicConstraints cA=TRUE)";
}

/// The subject rules of a request, with the codes CSR reports have always used.
const CSR_SUBJECT: SubjectRules = SubjectRules {
    empty: &CSR_ATTRIBUTE_EMPTY,
    repeated: &CSR_ATTRIBUTE_REPEATED,
    too_long: &CSR_ATTRIBUTE_TOO_LONG,
    undecodable: &CSR_ATTRIBUTE_UNDECODABLE,
    printable: &CSR_PRINTABLE_STRING,
    country: &CSR_COUNTRY_INVALID,
    user_assigned_country: false,
};

/// All checks of a CSR, in report order.
pub(crate) fn check_all(facts: &CsrFacts, policy: &IssuancePolicy, day: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    check_version(facts, &mut out);
    check_signature(facts, policy, day, &mut out);
    out.extend(policy.key.check(&facts.key, "key"));
    check_subject(facts, policy, &mut out);
    check_names(facts, policy, &mut out);
    check_extensions(facts, &mut out);
    if let Some(product) = &policy.product {
        out.extend(check_product_names(&facts.name_view(), product));
    }
    out
}

fn check_version(facts: &CsrFacts, out: &mut Vec<Finding>) {
    if facts.version != 0 {
        out.push(Finding::new(&CSR_VERSION, "version").arg("version", facts.version));
    }
}

fn check_signature(facts: &CsrFacts, policy: &IssuancePolicy, day: Date, out: &mut Vec<Finding>) {
    out.extend(
        policy
            .algorithms
            .check(&facts.signature_algorithm, day, "signature_algorithm"),
    );
    match &facts.proof_of_possession {
        // A retired algorithm was refused above, by the algorithm policy.
        Possession::Verified | Possession::NotCheckedRetired => {}
        Possession::NotChecked => out.push(Finding::new(&CSR_SIGNATURE_NOT_CHECKED, "signature")),
        Possession::Invalid => out.push(Finding::new(&CSR_SIGNATURE_INVALID, "signature")),
        Possession::KeyMismatch(detail) => out.push(
            Finding::new(&CSR_SIGNATURE_KEY_MISMATCH, "signature").text("detail", detail.clone()),
        ),
        Possession::Unsupported(detail) => out.push(
            Finding::new(&CSR_SIGNATURE_UNSUPPORTED, "signature").text("detail", detail.clone()),
        ),
    }
}

fn check_subject(facts: &CsrFacts, policy: &IssuancePolicy, out: &mut Vec<Finding>) {
    let cn_present = facts.subject.iter().any(|a| a.name == "CN");
    if !cn_present {
        out.push(Finding::new(&CSR_CN_MISSING, "subject.CN"));
    }
    subject::check_attributes(&facts.subject, &CSR_SUBJECT, out);
    if let Some(cn) = &facts.common_name {
        let field = "subject.CN";
        if is_ip_address(cn) {
            out.push(Finding::new(&CSR_CN_IS_IP, field).arg("cn", cn));
        } else if policy.product.as_ref().is_some_and(|p| p.names_hosts()) {
            // The product's name rules judge the CN of a server request.
        } else if looks_like_host(cn) && policy.product.as_ref().is_none_or(|p| p.names.cn_is_host)
        {
            out.extend(names::check_dns_name(cn, field, policy.allow_wildcard));
        } else if cn.contains('@') {
            out.extend(names::check_email(cn, field));
        }
    }
}

fn check_names(facts: &CsrFacts, policy: &IssuancePolicy, out: &mut Vec<Finding>) {
    if facts.san_requested && facts.names.is_empty() {
        out.push(Finding::new(&CSR_SAN_EMPTY, "extensions.subjectAltName"));
    }
    for (i, name) in facts.names.iter().enumerate() {
        let field = format!("san[{i}]");
        out.extend(names::check_san(name, &field, policy.allow_wildcard));
        match name {
            RequestedName::Dns(_) | RequestedName::Email(_) | RequestedName::Ip(_) => {}
            RequestedName::MalformedIp(value) => {
                out.push(Finding::new(&CSR_SAN_MALFORMED_IP, field).arg("value", value))
            }
            RequestedName::Uri(value) | RequestedName::Other(value) => {
                out.push(Finding::new(&CSR_SAN_UNUSUAL, field).arg("value", value))
            }
        }
    }
    if let Some(cn) = &facts.common_name {
        let in_san = facts.names.iter().any(|n| match n {
            RequestedName::Dns(v) | RequestedName::Email(v) | RequestedName::Ip(v) => {
                v.eq_ignore_ascii_case(cn)
            }
            _ => false,
        });
        if !facts.names.is_empty() && !in_san && looks_like_host(cn) {
            out.push(Finding::new(&CSR_CN_NOT_IN_SAN, "subject.CN").arg("cn", cn));
        }
    }
}

fn check_extensions(facts: &CsrFacts, out: &mut Vec<Finding>) {
    if facts.challenge_password {
        out.push(Finding::new(
            &CSR_CHALLENGE_PASSWORD,
            "attributes.challengePassword",
        ));
    }
    for oid in &facts.malformed_extensions {
        out.push(
            Finding::new(&CSR_EXTENSION_MALFORMED, format!("extensions.{oid}")).arg("oid", oid),
        );
    }
    for oid in &facts.duplicate_extensions {
        out.push(
            Finding::new(&CSR_EXTENSION_DUPLICATE, format!("extensions.{oid}")).arg("oid", oid),
        );
    }
    if facts
        .requested_basic_constraints
        .as_ref()
        .is_some_and(|bc| bc.ca)
    {
        out.push(Finding::new(
            &CSR_REQUESTS_CA,
            "extensions.basicConstraints",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_without_judging_fail_the_proof_of_possession() {
        let pem = include_bytes!("../../tests/data/csr/rsa2048-san.csr");
        let facts = CsrFacts::read_only(pem).unwrap();
        assert_eq!(facts.proof_of_possession, Possession::NotChecked);
        let day = time::macros::date!(2026 - 11 - 21);
        let findings = check_all(&facts, &IssuancePolicy::baseline(), day);
        let codes: Vec<&str> = findings.iter().map(Finding::code).collect();
        assert_eq!(codes, ["csr.signature.not_checked"]);
    }
}
