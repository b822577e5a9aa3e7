//! The CA/B rules of keyUsage and key identifiers, as data per profile: the keyUsage bits a
//! TLS subscriber certificate may carry by key type (BR §7.1.2.7.11), those of a CA
//! certificate (BR §7.1.2.10.7), and the authorityKeyIdentifier forms (BR §7.1.2.11.1,
//! §7.1.2.1.3).

use crate::cert::facts::CertFacts;
use crate::profile::cabf::{CabProfile, Presence};
use crate::rule::{rules, Finding};

/// The keyUsage bits of a TLS subscriber certificate by key type (BR §7.1.2.7.11): any bit
/// not listed is prohibited.
const TLS_SUBSCRIBER_KU: &[(&str, &[(&str, Presence)])] = &[
    (
        "rsa",
        &[
            ("digitalSignature", Presence::Recommended),
            ("keyEncipherment", Presence::Optional),
            ("dataEncipherment", Presence::NotRecommended),
        ],
    ),
    (
        "ec",
        &[
            ("digitalSignature", Presence::Required),
            ("keyAgreement", Presence::NotRecommended),
        ],
    ),
];

/// The keyUsage bits a CA certificate may carry besides keyCertSign and cRLSign (BR
/// §7.1.2.10.7; digitalSignature to sign OCSP responses itself).
const CA_KU_ALLOWED: &[&str] = &["keyCertSign", "cRLSign", "digitalSignature"];

/// AlgorithmIdentifier encodings, byte for byte, as hex, by family; each profile's list is a
/// few families (TLS BR §7.1.3.1.1–2 and §7.1.3.2.1–2; S/MIME BR §7.1.3.1, §7.1.3.2).
type Encodings = &'static [(&'static str, &'static str)];

const RSA_AND_EC_KEYS: Encodings = &[
    (
        "rsaEncryption, NULL parameters",
        "300d06092a864886f70d0101010500",
    ),
    ("EC P-256", "301306072a8648ce3d020106082a8648ce3d030107"),
    ("EC P-384", "301006072a8648ce3d020106052b81040022"),
];
const P521_KEY: Encodings = &[("EC P-521", "301006072a8648ce3d020106052b81040023")];
const RSA_AND_ECDSA_SIGNATURES: Encodings = &[
    ("RSA PKCS#1 v1.5 SHA-256", "300d06092a864886f70d01010b0500"),
    ("RSA PKCS#1 v1.5 SHA-384", "300d06092a864886f70d01010c0500"),
    ("RSA PKCS#1 v1.5 SHA-512", "300d06092a864886f70d01010d0500"),
    ("RSA-PSS SHA-256", "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120"),
    ("RSA-PSS SHA-384", "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d06096086480165030402020500a203020130"),
    ("RSA-PSS SHA-512", "304106092a864886f70d01010a3034a00f300d06096086480165030402030500a11c301a06092a864886f70d010108300d06096086480165030402030500a203020140"),
    ("ECDSA SHA-256", "300a06082a8648ce3d040302"),
    ("ECDSA SHA-384", "300a06082a8648ce3d040303"),
];
const ECDSA_SHA512: Encodings = &[("ECDSA SHA-512", "300a06082a8648ce3d040304")];
/// EdDSA and ML-DSA: the same identifiers name the key and the signature.
const EDDSA_AND_MLDSA: Encodings = &[
    ("Ed25519", "300506032b6570"),
    ("Ed448", "300506032b6571"),
    ("ML-DSA-44", "300b0609608648016503040311"),
    ("ML-DSA-65", "300b0609608648016503040312"),
    ("ML-DSA-87", "300b0609608648016503040313"),
];
const MLKEM_KEYS: Encodings = &[
    ("ML-KEM-512", "300b0609608648016503040401"),
    ("ML-KEM-768", "300b0609608648016503040402"),
    ("ML-KEM-1024", "300b0609608648016503040403"),
];

const TLS_SPKI_ENCODINGS: &[Encodings] = &[RSA_AND_EC_KEYS, P521_KEY];
const TLS_SIGNATURE_ENCODINGS: &[Encodings] = &[RSA_AND_ECDSA_SIGNATURES, ECDSA_SHA512];
const SMIME_SPKI_ENCODINGS: &[Encodings] = &[RSA_AND_EC_KEYS, EDDSA_AND_MLDSA, MLKEM_KEYS];
const SMIME_SIGNATURE_ENCODINGS: &[Encodings] = &[RSA_AND_ECDSA_SIGNATURES, EDDSA_AND_MLDSA];

rules! {
    SPKI_ENCODING: "profile.algorithm.spki_encoding", Error,
        "CA/B BR §7.1.3.1 (the subject key's AlgorithmIdentifier, byte for byte); S/MIME BR §7.1.3.1",
        "the subject key's AlgorithmIdentifier is encoded {found}, which {profile} certificates do not allow ({allowed})",
        "l'AlgorithmIdentifier de la clé du sujet est encodé {found}, ce que les certificats {profile} n'admettent pas ({allowed})";
    SIGNATURE_ENCODING: "profile.algorithm.signature_encoding", Error,
        "CA/B BR §7.1.3.2 (the signature's AlgorithmIdentifier, byte for byte); S/MIME BR §7.1.3.2",
        "the signature's AlgorithmIdentifier is encoded {found}, which {profile} certificates do not allow ({allowed})",
        "l'AlgorithmIdentifier de la signature est encodé {found}, ce que les certificats {profile} n'admettent pas ({allowed})";
    KU_PROHIBITED: "profile.key_usage.prohibited", Error,
        "CA/B BR §7.1.2.7.11 (the bits a subscriber key may carry, by key type)",
        "keyUsage {bit} is not allowed with a {algorithm} key in {profile} certificates",
        "keyUsage {bit} n'est pas admis avec une clé {algorithm} dans les certificats {profile}";
    KU_DISCOURAGED: "profile.key_usage.discouraged", Warning,
        "CA/B BR §7.1.2.7.11 (NOT RECOMMENDED)",
        "keyUsage {bit} is NOT RECOMMENDED with a {algorithm} key in {profile} certificates",
        "keyUsage {bit} est déconseillé avec une clé {algorithm} dans les certificats {profile}";
    KU_RSA_BOTH: "profile.key_usage.rsa_signature_and_encipherment", Warning,
        "CA/B BR §7.1.2.7.11 (keyEncipherment beside digitalSignature: for RSA key transport, which TLS 1.3 no longer uses)",
        "an RSA subscriber key with both digitalSignature and keyEncipherment serves two TLS key exchanges; keyEncipherment is only for RSA key transport",
        "une clé RSA d'abonné avec digitalSignature et keyEncipherment sert deux échanges de clés TLS ; keyEncipherment ne sert qu'au transport de clé RSA";
    KU_CA_PROHIBITED: "profile.key_usage.ca_prohibited", Error,
        "CA/B BR §7.1.2.10.7 (a CA certificate carries keyCertSign, cRLSign and optionally digitalSignature)",
        "a CA certificate with keyUsage {bit}",
        "un certificat d'AC avec keyUsage {bit}";
    KU_CA_NO_SIGNATURE: "profile.key_usage.ca_no_digital_signature", Notice,
        "CA/B BR §7.1.2.10.7 (digitalSignature if the CA signs OCSP responses with its own key)",
        "the CA certificate's keyUsage lacks digitalSignature: the CA cannot sign OCSP responses with this key",
        "le keyUsage du certificat d'AC n'a pas digitalSignature : l'AC ne peut signer de réponses OCSP avec cette clé";
    AKI_ISSUER_SERIAL: "profile.aki.issuer_and_serial", Error,
        "CA/B BR §7.1.2.11.1 (authorityCertIssuer and authorityCertSerialNumber MUST NOT be present)",
        "authorityKeyIdentifier carries authorityCertIssuer or authorityCertSerialNumber; the BR allow the keyIdentifier alone",
        "authorityKeyIdentifier porte authorityCertIssuer ou authorityCertSerialNumber ; les BR n'admettent que le keyIdentifier";
    AKI_ROOT_NOT_SKI: "profile.aki.root_not_ski", Error,
        "CA/B BR §7.1.2.1.3 (a root's keyIdentifier MUST be identical to its subjectKeyIdentifier)",
        "the root's authorityKeyIdentifier {aki} differs from its subjectKeyIdentifier {ski}",
        "l'authorityKeyIdentifier {aki} de la racine diffère de son subjectKeyIdentifier {ski}";
}

/// Judges the AlgorithmIdentifier encodings of `facts` by the lists of `profile`.
fn check_encodings(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    let (spki, signature) = match profile.id {
        "tls-br-subscriber" | "tls-br-root" | "tls-br-subordinate-ca" | "tls-br-ocsp-responder" => {
            (TLS_SPKI_ENCODINGS, TLS_SIGNATURE_ENCODINGS)
        }
        "smime-br" => (SMIME_SPKI_ENCODINGS, SMIME_SIGNATURE_ENCODINGS),
        _ => return,
    };
    let judge = |rule, field: &str, der: &[u8], lists: &[Encodings], out: &mut Vec<Finding>| {
        let mut all = lists.iter().flat_map(|list| list.iter());
        if !all.any(|(_, allowed)| crate::derwalk::hex_is(allowed, der)) {
            let found = crate::derwalk::hex_text(der);
            let names: Vec<&str> = lists
                .iter()
                .flat_map(|list| list.iter().map(|(name, _)| *name))
                .collect();
            out.push(
                Finding::new(rule, field)
                    .arg("found", found)
                    .arg("profile", profile.id)
                    .arg("allowed", names.join(", ")),
            );
        }
    };
    if let Some(der) = crate::derwalk::spki_algorithm(&facts.key.spki) {
        judge(&SPKI_ENCODING, "key.algorithm", der, spki, out);
    }
    if !facts.signature_algorithm_der.is_empty() {
        let der = &facts.signature_algorithm_der;
        judge(
            &SIGNATURE_ENCODING,
            "signature_algorithm",
            der,
            signature,
            out,
        );
    }
}

/// Judges keyUsage, the key identifiers and the algorithm encodings of `facts` by `profile`.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    check_encodings(facts, profile, out);
    if let Some(aki) = &facts.authority_key_id {
        if aki.has_issuer || aki.has_serial {
            out.push(Finding::new(
                &AKI_ISSUER_SERIAL,
                "extensions.authorityKeyIdentifier",
            ));
        }
        if let (true, Some(aki), Some(ski)) = (
            profile.id == "tls-br-root",
            aki.key_id.as_deref(),
            facts.subject_key_id.as_deref(),
        ) {
            if aki != ski {
                out.push(
                    Finding::new(&AKI_ROOT_NOT_SKI, "extensions.authorityKeyIdentifier")
                        .arg("aki", aki)
                        .arg("ski", ski),
                );
            }
        }
    }
    let Some(bits) = facts.key_usage.as_deref() else {
        return;
    };
    let finding = |rule, bit: &str| {
        Finding::new(rule, "extensions.keyUsage")
            .arg("bit", bit)
            .arg("algorithm", &facts.key.algorithm)
            .arg("profile", profile.id)
    };
    match profile.id {
        "tls-br-subscriber" => {
            let Some((_, allowances)) = TLS_SUBSCRIBER_KU
                .iter()
                .find(|(alg, _)| *alg == facts.key.algorithm)
            else {
                return;
            };
            let has = |b: &str| bits.iter().any(|x| x == b);
            // A required bit missing is cert.key_usage.no_digital_signature; nothing else is
            // worth saying of such a keyUsage.
            if allowances
                .iter()
                .any(|(b, p)| *p == Presence::Required && !has(b))
            {
                return;
            }
            let mut prohibited = false;
            for bit in bits {
                match allowances.iter().find(|(b, _)| b == bit).map(|(_, p)| p) {
                    None => {
                        prohibited = true;
                        out.push(finding(&KU_PROHIBITED, bit));
                    }
                    Some(Presence::NotRecommended) => out.push(finding(&KU_DISCOURAGED, bit)),
                    _ => {}
                }
            }
            if !prohibited
                && facts.key.algorithm == "rsa"
                && has("digitalSignature")
                && has("keyEncipherment")
            {
                out.push(Finding::new(&KU_RSA_BOTH, "extensions.keyUsage"));
            }
        }
        "tls-br-root" | "tls-br-subordinate-ca" | "ca-non-tls" => {
            let has = |b: &str| bits.iter().any(|x| x == b);
            // keyCertSign and cRLSign missing are cert.ca.key_usage; then the others.
            if !(has("keyCertSign") && has("cRLSign")) {
                return;
            }
            let prohibited: Vec<&String> = bits
                .iter()
                .filter(|b| !CA_KU_ALLOWED.contains(&b.as_str()))
                .collect();
            for bit in &prohibited {
                out.push(finding(&KU_CA_PROHIBITED, bit));
            }
            if prohibited.is_empty() && !has("digitalSignature") {
                out.push(Finding::new(&KU_CA_NO_SIGNATURE, "extensions.keyUsage"));
            }
        }
        _ => {}
    }
}
