//! The rules RFC 5280 and the key-type RFCs set for every certificate, whatever its profile:
//! key identifiers (§4.2.1.1, §4.2.1.2) and the keyUsage bits a key type can carry (RFC 4055
//! §1.2, RFC 8813 §3, RFC 9295 §3, the LAMPS ML-DSA and ML-KEM certificate drafts). `--profile
//! rfc5280` applies them alone (linting certificates no CA/B profile covers); the CA/B
//! profiles and `auto` apply them too.

use crate::cert::facts::CertFacts;
use crate::rule::{rules, Finding};

/// keyUsage bits that only signature keys may carry.
const SIGNATURE_BITS: &[&str] = &[
    "digitalSignature",
    "nonRepudiation",
    "keyCertSign",
    "cRLSign",
];

/// EdDSA signature keys, as sceau names them or by OID (RFC 8410).
pub(crate) const EDDSA_KEYS: [&str; 4] = ["ed25519", "ed448", "1.3.101.112", "1.3.101.113"];
/// ML-DSA-44/65/87 keys.
pub(crate) const MLDSA_KEYS: [&str; 3] = [
    "2.16.840.1.101.3.4.3.17",
    "2.16.840.1.101.3.4.3.18",
    "2.16.840.1.101.3.4.3.19",
];
/// HashML-DSA keys.
const HASH_MLDSA_KEYS: [&str; 3] = [
    "2.16.840.1.101.3.4.3.32",
    "2.16.840.1.101.3.4.3.33",
    "2.16.840.1.101.3.4.3.34",
];

/// Whether `algorithm` is an ML-KEM key (2.16.840.1.101.3.4.4.x).
pub(crate) fn is_mlkem(algorithm: &str) -> bool {
    algorithm.starts_with("2.16.840.1.101.3.4.4.")
}

/// What a key type allows of keyUsage.
#[derive(Clone, Copy)]
enum Bits {
    /// Only these bits.
    Only(&'static [&'static str]),
    /// Any bit but these.
    Never(&'static [&'static str]),
}

/// The keyUsage rule of a key type and where it comes from; `None` for a key type with no
/// rule here.
fn key_usage_rule(algorithm: &str) -> Option<(&'static str, Bits)> {
    let rule = match algorithm {
        "rsa" | "rsa-pss" => ("RFC 4055 §1.2", Bits::Never(&["keyAgreement"][..])),
        "ec" => (
            "RFC 8813 §3",
            Bits::Never(&["keyEncipherment", "dataEncipherment"][..]),
        ),
        a if EDDSA_KEYS.contains(&a) => ("RFC 9295 §3 (RFC 8410 §5)", Bits::Only(SIGNATURE_BITS)),
        "1.3.101.110" | "1.3.101.111" => (
            "RFC 8410 §5 (X25519, X448: key agreement only)",
            Bits::Only(&["keyAgreement", "encipherOnly", "decipherOnly"][..]),
        ),
        // ML-DSA-44/65/87.
        a if MLDSA_KEYS.contains(&a) => (
            "draft-ietf-lamps-dilithium-certificates §5 (ML-DSA)",
            Bits::Only(SIGNATURE_BITS),
        ),
        // HashML-DSA: a pre-hash key signs documents, never certificates or CRLs.
        a if HASH_MLDSA_KEYS.contains(&a) => (
            "draft-ietf-lamps-dilithium-certificates §5 (HashML-DSA)",
            Bits::Only(&["digitalSignature", "nonRepudiation"][..]),
        ),
        // ML-KEM-512/768/1024.
        a if is_mlkem(a) => (
            "draft-ietf-lamps-kyber-certificates §5 (ML-KEM)",
            Bits::Only(&["keyEncipherment"][..]),
        ),
        _ => return None,
    };
    Some(rule)
}

rules! {
    SKI_CA_MISSING: "rfc5280.ski.ca_missing", Error,
        "RFC 5280 §4.2.1.2 (MUST appear in conforming CA certificates)",
        "a CA certificate without subjectKeyIdentifier",
        "un certificat d'AC sans subjectKeyIdentifier";
    SKI_END_ENTITY_MISSING: "rfc5280.ski.end_entity_missing", Warning,
        "RFC 5280 §4.2.1.2 (SHOULD be included in end entity certificates)",
        "an end-entity certificate without subjectKeyIdentifier",
        "un certificat d'entité finale sans subjectKeyIdentifier";
    SKI_UNKNOWN_METHOD: "rfc5280.ski.unknown_method", Notice,
        "RFC 5280 §4.2.1.2 (methods 1 and 2); RFC 7093 §2 (methods 1 to 4)",
        "the subjectKeyIdentifier is derived from the key by none of the methods of RFC 5280 and RFC 7093: it cannot be recomputed from the key",
        "le subjectKeyIdentifier n'est dérivé de la clé par aucune des méthodes des RFC 5280 et 7093 : il ne peut être recalculé à partir de la clé";
    SKI_CRITICAL: "rfc5280.ski.critical", Error,
        "RFC 5280 §4.2.1.2 (MUST mark this extension as non-critical)",
        "subjectKeyIdentifier is marked critical",
        "subjectKeyIdentifier est marquée critique";
    AKI_MISSING: "rfc5280.aki.missing", Error,
        "RFC 5280 §4.2.1.1 (MUST be included in all certificates but self-signed ones)",
        "a certificate issued by another CA without authorityKeyIdentifier",
        "un certificat émis par une autre AC sans authorityKeyIdentifier";
    AKI_CRITICAL: "rfc5280.aki.critical", Error,
        "RFC 5280 §4.2.1.1 (MUST mark this extension as non-critical)",
        "authorityKeyIdentifier is marked critical",
        "authorityKeyIdentifier est marquée critique";
    EMAIL_NOT_IN_SAN: "rfc5280.subject.email_not_in_san", Error,
        "RFC 5280 §4.1.2.6 (an e-mail address belongs in subjectAltName as an rfc822Name)",
        "the subject's emailAddress {email} is not among the subjectAltName rfc822Names",
        "l'emailAddress {email} du sujet ne figure pas parmi les rfc822Name du subjectAltName";
    SAN_CRITICAL_WITH_SUBJECT: "rfc5280.san.critical_with_subject", Warning,
        "RFC 5280 §4.2.1.6 (SHOULD be non-critical when the subject is not empty)",
        "subjectAltName is marked critical although the subject is not empty",
        "subjectAltName est marquée critique alors que le sujet n'est pas vide";
    SAN_NOT_CRITICAL_EMPTY_SUBJECT: "rfc5280.san.not_critical_empty_subject", Error,
        "RFC 5280 §4.2.1.6 (MUST be critical when the subject is empty)",
        "the subject is empty and subjectAltName, which then names the subject, is not marked critical",
        "le sujet est vide et subjectAltName, qui nomme alors le sujet, n'est pas marquée critique";
    NAME_CONSTRAINTS_NOT_CRITICAL: "rfc5280.name_constraints.not_critical", Error,
        "RFC 5280 §4.2.1.10 (conforming CAs MUST mark this extension as critical)",
        "nameConstraints is not marked critical",
        "nameConstraints n'est pas marquée critique";
    KEY_USAGE_FOR_KEY: "rfc5280.key_usage.not_for_key", Error,
        "RFC 4055 §1.2; RFC 8813 §3; RFC 9295 §3; draft-ietf-lamps-dilithium-certificates §5; draft-ietf-lamps-kyber-certificates §5",
        "keyUsage {bit} cannot go with a {algorithm} key ({source})",
        "keyUsage {bit} ne peut aller avec une clé {algorithm} ({source})";
}

/// Whether the subjectKeyIdentifier (hex) is one of the identifiers RFC 5280 §4.2.1.2 (the
/// SHA-1 of the subjectPublicKey, or 0100 and its last 60 bits) and RFC 7093 §2 (the leftmost
/// 160 bits of its SHA-256, -384, -512; method 4, the hash of the whole SubjectPublicKeyInfo)
/// derive from the key. A key sceau cannot read counts as
/// known: there is nothing to compare.
fn ski_from_a_known_method(ski: &str, spki: &[u8]) -> bool {
    use sha2::Digest as _;
    let Some(key) = crate::derwalk::spki_public_key(spki) else {
        return true;
    };
    let is = |bytes: &[u8]| crate::derwalk::hex_is(ski, bytes);
    // One hash at a time, the most common method first: most certificates stop at SHA-1.
    let sha1 = crate::signature::sha1(key);
    if is(&sha1) {
        return true;
    }
    let mut method2 = sha1;
    method2[12] = 0x40 | (method2[12] & 0x0f);
    if is(&method2[12..]) {
        return true;
    }
    // Method 4: the hash of the whole SubjectPublicKeyInfo, whole or its leftmost 160 bits.
    let one_of =
        |of_key: &[u8], of_spki: &[u8]| is(&of_key[..20]) || is(of_spki) || is(&of_spki[..20]);
    one_of(&sha2::Sha256::digest(key), &sha2::Sha256::digest(spki))
        || one_of(&sha2::Sha384::digest(key), &sha2::Sha384::digest(spki))
        || one_of(&sha2::Sha512::digest(key), &sha2::Sha512::digest(spki))
}

/// Judges `facts` by the rules of RFC 5280 every certificate shares. `end_entity_ski`: whether
/// a missing subjectKeyIdentifier in an end-entity certificate is reported (the TLS BR make it
/// NOT RECOMMENDED, so a TLS profile turns the RFC's SHOULD off).
/// `cabf`: whether a CA/B profile judges the certificate too (the BR let a CA's
/// nameConstraints be non-critical, §7.1.2.10.8).
pub(crate) fn check(facts: &CertFacts, end_entity_ski: bool, cabf: bool, out: &mut Vec<Finding>) {
    let is_ca = facts.basic_constraints.as_ref().is_some_and(|bc| bc.ca);
    match facts.extension("subjectKeyIdentifier") {
        None if is_ca => out.push(Finding::new(
            &SKI_CA_MISSING,
            "extensions.subjectKeyIdentifier",
        )),
        None if end_entity_ski => out.push(Finding::new(
            &SKI_END_ENTITY_MISSING,
            "extensions.subjectKeyIdentifier",
        )),
        Some(ext) if ext.critical => out.push(Finding::new(
            &SKI_CRITICAL,
            "extensions.subjectKeyIdentifier",
        )),
        _ => {}
    }
    if let Some(ski) = &facts.subject_key_id {
        if !ski_from_a_known_method(ski, &facts.key.spki) {
            out.push(Finding::new(
                &SKI_UNKNOWN_METHOD,
                "extensions.subjectKeyIdentifier",
            ));
        }
    }
    match facts.extension("authorityKeyIdentifier") {
        // Self-issued: the AKI may be left out (self-signed), and the signature cannot say
        // more here.
        None if !facts.self_issued => out.push(Finding::new(
            &AKI_MISSING,
            "extensions.authorityKeyIdentifier",
        )),
        Some(ext) if ext.critical => out.push(Finding::new(
            &AKI_CRITICAL,
            "extensions.authorityKeyIdentifier",
        )),
        _ => {}
    }
    for attribute in facts.subject.iter().filter(|a| a.name == "emailAddress") {
        let Some(email) = &attribute.value else {
            continue;
        };
        let in_san = facts
            .names
            .iter()
            .any(|n| matches!(n, crate::x509::RequestedName::Email(e) if e == email));
        if !in_san {
            out.push(Finding::new(&EMAIL_NOT_IN_SAN, "subject.emailAddress").arg("email", email));
        }
    }
    if let Some(san) = facts.extension("subjectAltName") {
        match (facts.subject.is_empty(), san.critical) {
            (false, true) => out.push(Finding::new(
                &SAN_CRITICAL_WITH_SUBJECT,
                "extensions.subjectAltName",
            )),
            (true, false) => out.push(Finding::new(
                &SAN_NOT_CRITICAL_EMPTY_SUBJECT,
                "extensions.subjectAltName",
            )),
            _ => {}
        }
    }
    if !cabf
        && facts
            .extension("nameConstraints")
            .is_some_and(|e| !e.critical)
    {
        out.push(Finding::new(
            &NAME_CONSTRAINTS_NOT_CRITICAL,
            "extensions.nameConstraints",
        ));
    }
    let (Some(bits), Some((source, rule))) = (
        facts.key_usage.as_deref(),
        key_usage_rule(&facts.key.algorithm),
    ) else {
        return;
    };
    for bit in bits {
        let refused = match rule {
            Bits::Only(allowed) => !allowed.contains(&bit.as_str()),
            Bits::Never(banned) => banned.contains(&bit.as_str()),
        };
        if refused {
            out.push(
                Finding::new(&KEY_USAGE_FOR_KEY, "extensions.keyUsage")
                    .arg("bit", bit)
                    .arg("algorithm", &facts.key.algorithm)
                    .arg("source", source),
            );
        }
    }
}
