//! The rules of chain verification: diagnostics of the chain as given, path validation,
//! policy on the path, and the name.

use crate::rule::rules;

rules! {
    LEAF_NOT_FIRST: "chain.leaf_not_first", Error,
        "RFC 8446 §4.4.2; RFC 5246 §7.4.2 (the sender's certificate MUST come first)",
        "The first certificate, {first}, is a CA; the end-entity certificate {leaf} is at position {position}. Put the leaf first.",
        "Le premier certificat, {first}, est une AC ; le certificat final {leaf} est en position {position}. Placez-le en premier.";
    ISSUER_NOT_FOUND: "chain.issuer_not_found", Error,
        "RFC 5280 §6.1",
        "No certificate named '{issuer}' (the issuer of {subject}) was given or is trusted: add that intermediate, or trust its root.",
        "Aucun certificat nommé « {issuer} » (émetteur de {subject}) n'a été fourni ni n'est de confiance : ajoutez cette AC intermédiaire ou faites confiance à sa racine.";
    TOO_MANY_CERTIFICATES: "chain.too_many_certificates", Error,
        "sceau limit chain-certificates (bounded work: every certificate given is a candidate issuer in every path attempt)",
        "The chain holds more than {limit} certificates (limit chain-certificates); it was not examined. Real chains hold 2 to 5.",
        "La chaîne compte plus de {limit} certificats (limite chain-certificates) ; elle n'a pas été examinée. Une chaîne réelle en compte 2 à 5.";
    TOO_MANY_PATHS: "chain.too_many_paths", Error,
        "sceau limit path-attempts (bounded work: RFC 4158 §5 path building is exponential in the worst case)",
        "The path search stopped after {limit} candidate paths were judged and refused (limit path-attempts); the last refusal is reported.",
        "La recherche de chemin s'est arrêtée après {limit} chemins candidats jugés et refusés (limite path-attempts) ; le dernier refus est indiqué.";
    EXTRA_CERTIFICATE: "chain.extra_certificate", Warning,
        "RFC 8446 §4.4.2 (certificates not needed by the path should not be sent)",
        "{subject} (position {position}) is not part of the validated path and can be removed.",
        "{subject} (position {position}) ne fait pas partie du chemin validé et peut être retiré.";
    ANCHOR_EXPIRED: "chain.anchor_expired", Warning,
        "RFC 5280 §6.1.1(d) (anchor validity is not checked; OpenSSL and Java do check it)",
        "The trust anchor {subject} expired on {not_after}: RFC 5280 path validation ignores it, but many clients will refuse this chain.",
        "L'ancre de confiance {subject} a expiré le {not_after} : la validation RFC 5280 l'ignore, mais beaucoup de clients refuseront cette chaîne.";
    LEAF_SELF_SIGNED: "chain.leaf_self_signed", Error,
        "RFC 5280 §6.1 (a self-signed certificate is trusted only as an anchor)",
        "The leaf {subject} is self-signed and is not a trust anchor.",
        "Le certificat final {subject} est auto-signé et n'est pas une ancre de confiance.";
    EXPIRED: "chain.expired", Error,
        "RFC 5280 §6.1.3(a)(2)",
        "{subject} expired on {not_after} (validation time {time}).",
        "{subject} a expiré le {not_after} (date de validation {time}).";
    NOT_YET_VALID: "chain.not_yet_valid", Error,
        "RFC 5280 §6.1.3(a)(2)",
        "{subject} is not valid before {not_before} (validation time {time}).",
        "{subject} n'est pas valide avant le {not_before} (date de validation {time}).";
    SIGNATURE_INVALID: "chain.signature_invalid", Error,
        "RFC 5280 §6.1.3(a)(1)",
        "A signature in the chain does not verify: {detail}.",
        "Une signature de la chaîne ne se vérifie pas : {detail}.";
    USAGE_NOT_ALLOWED: "chain.usage_not_allowed", Error,
        "RFC 5280 §4.2.1.12",
        "The chain is not valid for {usage}: {detail}.",
        "La chaîne n'est pas valide pour l'usage {usage} : {detail}.";
    CA_CONSTRAINTS: "chain.ca_constraints", Error,
        "RFC 5280 §4.2.1.9, §6.1.4",
        "A certificate is used against its basic constraints or key usage: {detail}.",
        "Un certificat est utilisé contrairement à ses contraintes de base ou à son usage de clé : {detail}.";
    CA_KEY_USAGE: "chain.ca_key_usage", Error,
        "RFC 5280 §4.2.1.3, §6.1.4(n)",
        "The CA {subject} signs certificates, but its keyUsage ({usage}) lacks keyCertSign.",
        "L'AC {subject} signe des certificats, mais son keyUsage ({usage}) n'a pas keyCertSign.";
    NAME_CONSTRAINTS: "chain.name_constraints", Error,
        "RFC 5280 §4.2.1.10",
        "A name of the leaf is outside the name constraints of a CA: {detail}.",
        "Un nom du certificat final sort des contraintes de noms d'une AC : {detail}.";
    TOO_LONG: "chain.too_long", Error,
        "RFC 5280 §6.1; verifier's maximum depth",
        "The path needs {count} intermediates; at most {max} are allowed.",
        "Le chemin exige {count} AC intermédiaires ; au plus {max} sont permises.";
    INVALID: "chain.invalid", Error,
        "RFC 5280 §6.1",
        "The chain does not validate: {detail}.",
        "La chaîne ne se valide pas : {detail}.";
    NAME_MISMATCH: "chain.name_mismatch", Error,
        "RFC 6125 §6; RFC 9525",
        "The certificate is not valid for '{name}'; it names {presented}.",
        "Le certificat n'est pas valide pour « {name} » ; il porte {presented}.";
    CN_FALLBACK: "chain.name.cn_fallback", Warning,
        "RFC 6125 §6.4.4 (CN only when no DNS SAN, allowed by configuration)",
        "'{name}' matched the subject CN because the certificate has no DNS subjectAltName; modern clients ignore the CN.",
        "« {name} » correspond au CN du sujet car le certificat n'a pas de subjectAltName DNS ; les clients modernes ignorent le CN.";
    CN_DIFFERS: "chain.name.cn_differs", Error,
        "Diapason annex 1 (the terminal compares the CN of the SSL_SERVEUR certificate with its configured FQDN)",
        "The subject CN '{cn}' is not the configured name '{name}'.",
        "Le CN du sujet « {cn} » n'est pas le nom configuré « {name} ».";
    UNREADABLE: "chain.unreadable", Error,
        "RFC 5280 §4.1",
        "Certificate {position} of the chain cannot be read: {detail}.",
        "Le certificat {position} de la chaîne est illisible : {detail}.";
}
