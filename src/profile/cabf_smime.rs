//! The keyUsage of S/MIME certificates by key type (S/MIME BR §7.1.2.3(e)): a signing
//! certificate (digitalSignature, optionally nonRepudiation), a key management one (RSA:
//! keyEncipherment, optionally dataEncipherment but for the strict generation; EC:
//! keyAgreement, optionally encipherOnly or decipherOnly; ML-KEM: keyEncipherment), or both
//! for RSA and EC; EdDSA and ML-DSA keys sign only.

use crate::cert::facts::CertFacts;
use crate::profile::cabf::{has_smime_generation, CabProfile};
use crate::profile::rfc5280::{is_mlkem, EDDSA_KEYS, MLDSA_KEYS};
use crate::rule::{rules, Finding};

/// The bits of one kind of certificate: those one of which makes it that kind, and those it
/// may carry besides.
struct Kind {
    required: &'static [&'static str],
    optional: &'static [&'static str],
}

const SIGNING: Kind = Kind {
    required: &["digitalSignature"],
    optional: &["nonRepudiation"],
};

/// The kinds a key type allows (signing, key management), by the key's algorithm as sceau
/// names it; `None` for a key type the S/MIME BR do not name.
fn kinds(algorithm: &str, strict: bool) -> Option<(Option<Kind>, Option<Kind>)> {
    let kinds = match algorithm {
        "rsa" | "rsa-pss" => (
            Some(SIGNING),
            Some(Kind {
                required: &["keyEncipherment"],
                optional: if strict { &[] } else { &["dataEncipherment"] },
            }),
        ),
        "ec" => (
            Some(SIGNING),
            Some(Kind {
                required: &["keyAgreement"],
                optional: &["encipherOnly", "decipherOnly"],
            }),
        ),
        a if EDDSA_KEYS.contains(&a) || MLDSA_KEYS.contains(&a) => (Some(SIGNING), None),
        a if is_mlkem(a) => (
            None,
            Some(Kind {
                required: &["keyEncipherment"],
                optional: &[],
            }),
        ),
        _ => return None,
    };
    Some(kinds)
}

rules! {
    SMIME_KU_KIND: "profile.smime.key_usage_kind", Error,
        "CA/B S/MIME BR §7.1.2.3(e) (a signing or a key management certificate, by its keyUsage)",
        "the keyUsage ({bits}) makes this {algorithm} certificate neither a signing nor a key management certificate",
        "le keyUsage ({bits}) ne fait de ce certificat {algorithm} ni un certificat de signature ni un certificat de gestion de clés";
    SMIME_KU_PROHIBITED: "profile.smime.key_usage_prohibited", Error,
        "CA/B S/MIME BR §7.1.2.3(e) (the bits each kind of certificate may carry, by key type)",
        "keyUsage {bit} is not allowed in this {algorithm} S/MIME certificate",
        "keyUsage {bit} n'est pas admis dans ce certificat S/MIME {algorithm}";
}

/// Judges the keyUsage of an S/MIME certificate.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    if profile.id != "smime-br" {
        return;
    }
    let Some(bits) = facts.key_usage.as_deref() else {
        return;
    };
    let strict = has_smime_generation(facts, 3);
    let algorithm = &facts.key.algorithm;
    let Some((signing, management)) = kinds(algorithm, strict) else {
        return;
    };
    let has = |b: &str| bits.iter().any(|x| x == b);
    let kinds: Vec<&Kind> = [signing.as_ref(), management.as_ref()]
        .into_iter()
        .flatten()
        .filter(|k| k.required.iter().any(|b| has(b)))
        .collect();
    if kinds.is_empty() {
        out.push(
            Finding::new(&SMIME_KU_KIND, "extensions.keyUsage")
                .arg("bits", bits.join(", "))
                .arg("algorithm", algorithm),
        );
        return;
    }
    for bit in bits {
        let allowed = kinds
            .iter()
            .any(|k| k.required.contains(&bit.as_str()) || k.optional.contains(&bit.as_str()));
        if !allowed {
            out.push(
                Finding::new(&SMIME_KU_PROHIBITED, "extensions.keyUsage")
                    .arg("bit", bit)
                    .arg("algorithm", algorithm),
            );
        }
    }
}
