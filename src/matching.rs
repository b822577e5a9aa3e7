//! Request ↔ certificate ↔ key: does the certificate carry the request's key, subject and
//! names, and does a private key belong to the certificate (Certigna's "No certificate matches
//! private key")?

use std::collections::HashSet;

use asn1_rs::FromDer;
use serde::Serialize;
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::cert::facts::{read_certificate, CertFacts};
use crate::csr::facts::CsrFacts;
use crate::error::{Error, Result};
use crate::private_key::read_private_key;
use crate::public_key::PublicKey;
use crate::rule::{day_of, rules, Checked, Finding};

/// How a certificate compares with a request.
#[derive(Clone, Debug, Serialize)]
pub struct CsrComparison {
    /// The request's public key is the certificate's.
    pub same_key: bool,
    /// DNS names of the request that the certificate lacks.
    pub missing_names: Vec<String>,
    /// DNS names the certificate adds.
    pub added_names: Vec<String>,
}

/// How a certificate compares with a private key.
#[derive(Clone, Debug, Serialize)]
pub struct KeyComparison {
    /// The private key's public half is the certificate's key.
    pub matches: bool,
    /// `pkcs8`, `pkcs1` or `sec1`.
    pub encoding: &'static str,
    /// `rsa`, `ec` or `ed25519`.
    pub algorithm: &'static str,
    /// Whether the key holds together (RSA p·q = n; EC point = k·G).
    pub consistent: bool,
}

/// The facts of a comparison.
#[derive(Clone, Debug, Serialize)]
pub struct MatchFacts {
    /// The certificate compared.
    pub certificate: CertFacts,
    /// The comparison with a request, when one was given.
    pub csr: Option<CsrComparison>,
    /// The comparison with a private key, when one was given.
    pub key: Option<KeyComparison>,
}

fn public_key_of(spki_der: &[u8]) -> Option<SubjectPublicKeyInfo<'_>> {
    SubjectPublicKeyInfo::from_der(spki_der)
        .ok()
        .map(|(_, spki)| spki)
}

/// Whether two public keys are the same key, whatever the SPKI's encoding details.
fn same_key(a: &PublicKey<'_>, b: &PublicKey<'_>) -> bool {
    match (a, b) {
        (
            PublicKey::Rsa {
                modulus: m1,
                exponent: e1,
                ..
            },
            PublicKey::Rsa {
                modulus: m2,
                exponent: e2,
                ..
            },
        ) => m1 == m2 && e1 == e2,
        (
            PublicKey::Ec {
                curve: c1,
                point: p1,
            },
            PublicKey::Ec {
                curve: c2,
                point: p2,
            },
        ) => c1 == c2 && p1 == p2,
        (PublicKey::Ed25519(k1), PublicKey::Ed25519(k2)) => k1 == k2,
        _ => false,
    }
}

/// Compares a certificate with a request and/or a private key. At least one must be given.
pub(crate) fn check(
    certificate: &[u8],
    csr: Option<&[u8]>,
    private_key: Option<&[u8]>,
) -> Result<Checked<MatchFacts>> {
    if csr.is_none() && private_key.is_none() {
        return Err(Error::InvalidArgument {
            name: "csr/key",
            detail: "give a CSR, a private key, or both, to compare with the certificate".into(),
        });
    }
    let cert = read_certificate(certificate)?;
    let spki = public_key_of(&cert.key.spki);
    let cert_key = spki.as_ref().map(PublicKey::from_spki);
    let mut findings = Vec::new();
    let mut facts = MatchFacts {
        certificate: cert.clone(),
        csr: None,
        key: None,
    };

    if let Some(csr_input) = csr {
        let request = CsrFacts::read_only(csr_input)?;
        let csr_spki = public_key_of(&request.key.spki);
        let same = match (&cert_key, csr_spki.as_ref().map(PublicKey::from_spki)) {
            (Some(a), Some(b)) => same_key(a, &b),
            _ => false,
        };
        if !same {
            findings.push(Finding::new(&MATCH_CSR_KEY, "key"));
        }
        if let (Some(a), Some(b)) = (&request.common_name, &cert.common_name) {
            if !a.eq_ignore_ascii_case(b) {
                findings.push(
                    Finding::new(&MATCH_CSR_CN, "subject.CN")
                        .arg("csr", a)
                        .arg("cert", b),
                );
            }
        }
        let asked = request.name_view().dns_names(true);
        let carried = cert.name_view().dns_names(true);
        // Sets of the names in lower case: linear in the names, whatever their number.
        let lower = |list: &[&str]| -> HashSet<String> {
            list.iter().map(|n| n.to_ascii_lowercase()).collect()
        };
        let (asked_set, carried_set) = (lower(&asked), lower(&carried));
        let missing: Vec<String> = asked
            .iter()
            .filter(|n| !carried_set.contains(&n.to_ascii_lowercase()))
            .map(|n| n.to_string())
            .collect();
        let added: Vec<String> = carried
            .iter()
            .filter(|n| !asked_set.contains(&n.to_ascii_lowercase()))
            .map(|n| n.to_string())
            .collect();
        for name in &missing {
            findings.push(Finding::new(&MATCH_CSR_NAME_MISSING, "names").arg("name", name));
        }
        for name in &added {
            findings.push(Finding::new(&MATCH_CSR_NAME_ADDED, "names").arg("name", name));
        }
        for attribute in &request.subject {
            if attribute.name == "CN" {
                continue;
            }
            let carried = cert
                .subject
                .iter()
                .any(|c| c.name == attribute.name && c.value == attribute.value);
            if !carried {
                findings.push(
                    Finding::new(&MATCH_CSR_SUBJECT, format!("subject.{}", attribute.name))
                        .arg("name", &attribute.name)
                        .arg("value", attribute.value.as_deref().unwrap_or("")),
                );
            }
        }
        facts.csr = Some(CsrComparison {
            same_key: same,
            missing_names: missing,
            added_names: added,
        });
    }

    if let Some(key_input) = private_key {
        let key = read_private_key(key_input)?;
        let matches = cert_key.as_ref().is_some_and(|k| key.matches(k));
        if !matches {
            findings.push(Finding::new(&MATCH_KEY, "key"));
        }
        if let Some(reason) = &key.inconsistency {
            findings
                .push(Finding::new(&MATCH_KEY_INCONSISTENT, "key").text("reason", reason.clone()));
        }
        facts.key = Some(KeyComparison {
            matches,
            encoding: key.encoding,
            algorithm: key.algorithm,
            consistent: key.inconsistency.is_none(),
        });
    }
    let issued = day_of(facts.certificate.not_before);
    Ok(Checked::on(issued, facts, findings))
}

rules! {
    MATCH_CSR_KEY: "match.csr.key_differs", Error,
        "RFC 2986 §3; 002_65d782b1359c0f60.txt",
        "the certificate does not carry the request's public key: it was not issued for this request",
        "le certificat ne porte pas la clé publique de la demande : il n'a pas été émis pour cette demande";
    MATCH_CSR_CN: "match.csr.cn_differs", Error,
        "002_65d782b1359c0f60.txt (the CN carries the name ordered)",
        "the request asked for CN '{csr}'; the certificate says '{cert}'",
        "la demande portait le CN '{csr}' ; le certificat indique '{cert}'";
    MATCH_CSR_NAME_MISSING: "match.csr.name_missing", Error,
        "002_65d782b1359c0f60.txt (names in the CN and SAN)",
        "the request asked for {name}; the certificate does not carry it",
        "la demande portait {name} ; le certificat ne le porte pas";
    MATCH_CSR_NAME_ADDED: "match.csr.name_added", Notice,
        "CA/B BR §7.1.4.2 (CAs may add the CN to the SANs, or a www./bare variant)",
        "the certificate adds {name}, which the request did not ask for",
        "le certificat ajoute {name}, que la demande ne portait pas";
    MATCH_CSR_SUBJECT: "match.csr.subject_differs", Warning,
        "002_65d782b1359c0f60.txt (the CA checks and may rewrite O, OU, L, ST)",
        "the request's {name}='{value}' is not in the certificate's subject as written",
        "le {name}='{value}' de la demande ne figure pas tel quel dans le sujet du certificat";
    MATCH_KEY: "match.key.differs", Error,
        "002_65d782b1359c0f60.txt (\"No certificate matches private key\")",
        "this private key does not belong to the certificate",
        "cette clé privée n'appartient pas au certificat";
    MATCH_KEY_INCONSISTENT: "match.key.inconsistent", Error,
        "RFC 8017 §3.2; SEC 1 §3.2",
        "the private key does not hold together: {reason}",
        "la clé privée n'est pas cohérente : {reason}";
}
