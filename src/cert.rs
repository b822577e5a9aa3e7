//! Issued certificates: the facts read once from the DER, and the post-issuance checks that say
//! whether a certificate matches the product sold. Judged at the certificate's notBefore (the
//! rules in force when it was issued), not at the time of the check.

use asn1_rs::FromDer;
use serde::Serialize;
use x509_parser::prelude::*;

use crate::algorithms::SignatureScheme;
use crate::error::{ObjectKind, Result};
use crate::i18n::Lang;
use crate::input::{self, Form};
use crate::keys::{KeyFacts, PublicKey};
use crate::names;
use crate::policy::IssuancePolicy;
use crate::profile::{check_product_names, NameView, Usage};
use crate::report::{rule, Facts, Finding, Report, Rule, Subject};
use crate::x509::{
    distinguished_name_text, eku_names, general_name, key_usage_names, subject_attributes,
    RequestedName, SubjectAttribute,
};

/// basicConstraints as the certificate carries them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BasicConstraintsFact {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint.
    pub path_len: Option<u32>,
    /// Whether the extension is marked critical.
    pub critical: bool,
}

/// Everything sceau read from a certificate.
#[derive(Clone, Debug, Serialize)]
pub struct CertFacts {
    /// How the certificate was written.
    pub form: Form,
    /// X.509 version (2 means v3).
    pub version: u32,
    /// Serial number in hex.
    pub serial: String,
    /// Issuer DN as text.
    pub issuer_dn: String,
    /// Subject DN as text.
    pub subject_dn: String,
    /// The subject's attributes, in order.
    pub subject: Vec<SubjectAttribute>,
    /// The first CN.
    pub common_name: Option<String>,
    /// subjectAltName entries.
    pub names: Vec<RequestedName>,
    /// Whether the certificate has a subjectAltName extension.
    pub san_present: bool,
    /// notBefore, seconds since the epoch.
    pub not_before: i64,
    /// notAfter, seconds since the epoch.
    pub not_after: i64,
    /// The public key.
    pub key: KeyFacts,
    /// The signature algorithm of the issuer.
    pub signature_algorithm: SignatureScheme,
    /// keyUsage bits, when the extension is present.
    pub key_usage: Option<Vec<String>>,
    /// extendedKeyUsage purposes, when the extension is present.
    pub extended_key_usage: Option<Vec<String>>,
    /// basicConstraints, when present.
    pub basic_constraints: Option<BasicConstraintsFact>,
    /// certificatePolicies OIDs.
    pub policies: Vec<String>,
    /// Whether issuer and subject are the same name.
    pub self_issued: bool,
}

impl CertFacts {
    /// Reads the facts of a parsed certificate.
    pub(crate) fn read(cert: &X509Certificate<'_>, form: Form) -> CertFacts {
        let subject = subject_attributes(cert.subject());
        let common_name = subject
            .iter()
            .find(|a| a.name == "CN")
            .and_then(|a| a.value.clone());
        let spki = cert.public_key();
        let mut facts = CertFacts {
            form,
            version: cert.version().0,
            serial: hex::encode(cert.raw_serial()),
            issuer_dn: distinguished_name_text(&subject_attributes(cert.issuer())),
            subject_dn: distinguished_name_text(&subject),
            subject,
            common_name,
            names: Vec::new(),
            san_present: false,
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            key: PublicKey::from_spki(spki).facts(spki.raw),
            signature_algorithm: SignatureScheme::from_algorithm(&cert.signature_algorithm),
            key_usage: None,
            extended_key_usage: None,
            basic_constraints: None,
            policies: Vec::new(),
            self_issued: cert.subject().as_raw() == cert.issuer().as_raw(),
        };
        for ext in cert.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::SubjectAlternativeName(san) => {
                    facts.san_present = true;
                    facts.names = san.general_names.iter().map(general_name).collect();
                }
                ParsedExtension::KeyUsage(ku) => facts.key_usage = Some(key_usage_names(ku)),
                ParsedExtension::ExtendedKeyUsage(eku) => {
                    facts.extended_key_usage = Some(eku_names(eku))
                }
                ParsedExtension::BasicConstraints(bc) => {
                    facts.basic_constraints = Some(BasicConstraintsFact {
                        ca: bc.ca,
                        path_len: bc.path_len_constraint,
                        critical: ext.critical,
                    })
                }
                ParsedExtension::CertificatePolicies(policies) => {
                    facts.policies = policies
                        .iter()
                        .map(|p| p.policy_id.to_id_string())
                        .collect()
                }
                _ => {}
            }
        }
        facts
    }

    /// Seconds from notBefore through notAfter inclusive (CA/B BR §6.3.2's measure).
    pub fn validity_seconds(&self) -> i64 {
        self.not_after - self.not_before + 1
    }

    /// What a product's name rules read from this certificate.
    pub fn name_view(&self) -> NameView<'_> {
        NameView {
            common_name: self.common_name.as_deref(),
            names: &self.names,
            subject: &self.subject,
            ekus: self.extended_key_usage.as_deref().unwrap_or_default(),
            certificate: true,
        }
    }

    /// A few lines for a person.
    pub fn summary(&self, lang: Lang) -> String {
        let date = |t: i64| {
            ::time::OffsetDateTime::from_unix_timestamp(t)
                .map(|d| d.date().to_string())
                .unwrap_or_else(|_| t.to_string())
        };
        let (l_subject, l_issuer, l_valid) = match lang {
            Lang::En => ("subject", "issuer", "valid"),
            Lang::Fr => ("sujet", "émetteur", "validité"),
        };
        format!(
            "  {l_subject:<10} {}\n  {l_issuer:<10} {}\n  {l_valid:<10} {} → {}\n",
            self.subject_dn,
            self.issuer_dn,
            date(self.not_before),
            date(self.not_after)
        )
    }
}

/// Parses one certificate (PEM, base64 or DER), naming what the bytes are when they are not one.
pub fn read_certificate(input: &[u8]) -> Result<CertFacts> {
    let decoded = input::decode(input, ObjectKind::Certificate)?;
    let der: &[u8] = &decoded.der;
    let cert = input::complete(der, X509Certificate::from_der(der), ObjectKind::Certificate)?;
    Ok(CertFacts::read(&cert, decoded.form.clone()))
}

/// Checks an issued certificate against `policy` (the baseline or a product): key and signature
/// algorithm, names, usages, basicConstraints, policies, and validity against the product's
/// durations and the dated caps in force at its notBefore.
pub fn check_certificate(input: &[u8], policy: &IssuancePolicy) -> Result<Report> {
    let facts = read_certificate(input)?;
    let findings = check_facts(&facts, policy);
    Ok(Report::new(
        Subject::Certificate,
        &policy.id,
        findings,
        Facts::Certificate(Box::new(facts)),
    ))
}

fn check_facts(facts: &CertFacts, policy: &IssuancePolicy) -> Vec<Finding> {
    let mut out = Vec::new();
    let issued = crate::algorithms::day_of(facts.not_before);
    out.extend(
        policy
            .algorithms
            .check(&facts.signature_algorithm, issued, "signature_algorithm"),
    );
    out.extend(policy.key.check(&facts.key, "key"));
    check_validity(facts, policy, &mut out);
    for (i, name) in facts.names.iter().enumerate() {
        out.extend(names::check_san(
            name,
            &format!("san[{i}]"),
            policy.allow_wildcard,
        ));
    }
    let Some(product) = &policy.product else {
        return out;
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
    out
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
    if let Some(cap) = product
        .validity_caps
        .and_then(|s| s.cap_at(facts.not_before))
    {
        if seconds > i64::from(cap.max_days) * 86_400 {
            out.push(
                Finding::new(&CERT_VALIDITY_CAP, "validity")
                    .arg("days", format!("{days:.1}"))
                    .arg("max", cap.max_days)
                    .arg("since", cap.from)
                    .arg("source", cap.source),
            );
        } else if seconds > i64::from(cap.max_days - 1) * 86_400 {
            // The BR's "SHOULD NOT exceed" one day less than the cap, a margin for clock skew.
            out.push(
                Finding::new(&CERT_VALIDITY_RECOMMENDED, "validity")
                    .arg("days", format!("{days:.1}"))
                    .arg("recommended", cap.max_days - 1),
            );
        }
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

fn check_usage(facts: &CertFacts, usage: Usage, out: &mut Vec<Finding>) {
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
        for bit in ["keyCertSign", "cRLSign"] {
            if !ku.iter().any(|k| k == bit) {
                out.push(Finding::new(&CERT_CA_KEY_USAGE, "extensions.keyUsage").arg("bit", bit));
            }
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
        for bit in ["keyCertSign", "cRLSign"] {
            if ku.iter().any(|k| k == bit) {
                out.push(
                    Finding::new(&CERT_LEAF_CA_KEY_USAGE, "extensions.keyUsage").arg("bit", bit),
                );
            }
        }
        if !ku.iter().any(|k| k == "digitalSignature") {
            out.push(Finding::new(
                &CERT_KEY_USAGE_SIGNATURE,
                "extensions.keyUsage",
            ));
        }
    }
    let required: &[&str] = match usage {
        Usage::TlsServer => &["serverAuth"],
        Usage::Client => &["clientAuth"],
        Usage::CodeSigning => &["codeSigning"],
        Usage::ClientEmail => &["clientAuth", "emailProtection"],
        Usage::Ca => &[],
    };
    let ekus = facts.extended_key_usage.as_deref().unwrap_or_default();
    if !required.iter().any(|r| ekus.iter().any(|e| e == r)) {
        out.push(
            Finding::new(&CERT_EKU_MISSING, "extensions.extendedKeyUsage")
                .arg("expected", required.join(" or ")),
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
        if !in_san {
            out.push(Finding::new(&CERT_CN_NOT_IN_SAN, "subject.CN").arg("cn", cn));
        }
    }
}

rule!(
    CERT_VALIDITY_INVERTED,
    "cert.validity.inverted",
    Error,
    "RFC 5280 §4.1.2.5",
    "notAfter comes before notBefore",
    "notAfter précède notBefore"
);
rule!(CERT_VALIDITY_CAP, "cert.validity.over_cap", Error,
    "CA/B BR §6.3.2 (398 days; 200 from 2026-03-15; 100 from 2027-03-15; 47 from 2029-03-15); CA/B CSBR §6.3.2 (460 days)",
    "valid {days} days; certificates issued from {since} live at most {max} days ({source})",
    "valide {days} jours ; les certificats émis à partir du {since} vivent au plus {max} jours ({source})",
    from = "2020-09-01");
rule!(CERT_VALIDITY_RECOMMENDED, "cert.validity.over_recommended", Warning,
    "CA/B BR §6.3.2 (SHOULD NOT exceed 397, 199, 99, 46 days)",
    "valid {days} days; the Baseline Requirements recommend at most {recommended}, a day of margin under the cap",
    "valide {days} jours ; les Baseline Requirements recommandent au plus {recommended}, un jour de marge sous le plafond",
    from = "2020-09-01");
rule!(CERT_VALIDITY_PRODUCT, "cert.validity.over_product", Error,
    "003_a88f77ecd5bd515e.txt (3 years); 004_019b05917d1443a9.txt (CA: 10 years); 002_65d782b1359c0f60.txt (1 to 3 years)",
    "valid {days} days: longer than the {years} year(s) of {product}",
    "valide {days} jours : plus que les {years} an(s) de {product}");
rule!(
    CERT_EKU_MISSING,
    "cert.eku.missing",
    Error,
    "RFC 5280 §4.2.1.12; CA/B BR §7.1.2.7.10",
    "the certificate does not carry the extended key usage its product is for ({expected})",
    "le certificat ne porte pas l'usage étendu de son produit ({expected})"
);
rule!(CERT_KEY_USAGE_SIGNATURE, "cert.key_usage.no_digital_signature", Error,
    "RFC 5280 §4.2.1.3; CA/B BR §7.1.2.7.11",
    "keyUsage lacks digitalSignature, which TLS, client authentication and code signing need",
    "keyUsage n'a pas digitalSignature, nécessaire à TLS, à l'authentification client et à la signature de code");
rule!(
    CERT_LEAF_IS_CA,
    "cert.basic_constraints.leaf_is_ca",
    Error,
    "RFC 5280 §4.2.1.9; CA/B BR §7.1.2.7.8",
    "an end-entity certificate has basicConstraints cA=TRUE",
    "un certificat d'entité finale a basicConstraints cA=TRUE"
);
rule!(
    CERT_LEAF_CA_KEY_USAGE,
    "cert.key_usage.leaf_signs_certificates",
    Error,
    "RFC 5280 §4.2.1.3",
    "an end-entity certificate has keyUsage {bit}",
    "un certificat d'entité finale a keyUsage {bit}"
);
rule!(
    CERT_CA_BASIC_CONSTRAINTS,
    "cert.ca.basic_constraints",
    Error,
    "RFC 5280 §4.2.1.9; 004_019b05917d1443a9.txt",
    "a CA certificate needs basicConstraints with cA=TRUE, marked critical",
    "un certificat d'AC exige basicConstraints avec cA=TRUE, marquée critique"
);
rule!(
    CERT_CA_KEY_USAGE,
    "cert.ca.key_usage",
    Error,
    "RFC 5280 §4.2.1.3; 004_019b05917d1443a9.txt",
    "a CA certificate needs keyUsage {bit}",
    "un certificat d'AC exige keyUsage {bit}"
);
rule!(
    CERT_SAN_MISSING,
    "cert.san.missing",
    Error,
    "CA/B BR §7.1.2.7.12; RFC 6125 §6.4.4",
    "a TLS server certificate without subjectAltName names no host clients will accept",
    "un certificat serveur TLS sans subjectAltName ne nomme aucun hôte que les clients accepteront"
);
rule!(
    CERT_CN_NOT_IN_SAN,
    "cert.san.cn_not_in_san",
    Error,
    "CA/B BR §7.1.4.3",
    "the CN '{cn}' is not one of the subjectAltName entries",
    "le CN '{cn}' ne figure pas parmi les subjectAltName"
);
rule!(
    CERT_POLICY_MISSING,
    "cert.policy.missing",
    Error,
    "CA/B EV Guidelines §9.3.2; CA/B BR §7.1.6",
    "{product} certificates carry policy {oid}; this one does not",
    "les certificats {product} portent la politique {oid} ; celui-ci non"
);

/// The rules of this module.
pub fn rules() -> Vec<&'static Rule> {
    vec![
        &CERT_VALIDITY_INVERTED,
        &CERT_VALIDITY_CAP,
        &CERT_VALIDITY_RECOMMENDED,
        &CERT_VALIDITY_PRODUCT,
        &CERT_EKU_MISSING,
        &CERT_KEY_USAGE_SIGNATURE,
        &CERT_LEAF_IS_CA,
        &CERT_LEAF_CA_KEY_USAGE,
        &CERT_CA_BASIC_CONSTRAINTS,
        &CERT_CA_KEY_USAGE,
        &CERT_SAN_MISSING,
        &CERT_CN_NOT_IN_SAN,
        &CERT_POLICY_MISSING,
    ]
}
