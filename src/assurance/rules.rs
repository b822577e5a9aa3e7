//! The rules of signature assurance: why the ETSI validation did not pass (warnings: they
//! explain the indication), what each level above the one reached still needs (notices), and
//! the targets the caller set (errors).

use crate::rule::rules;

rules! {
    // Why the validation did not pass (ETSI EN 319 102-1 §5).
    FORMAT: "assurance.signature.format", Warning,
        "ETSI EN 319 102-1 §5.2.2 (FORMAT_FAILURE); RFC 5652 §5.3",
        "The signature is not a well-formed CMS signature: {detail}.",
        "La signature n'est pas une signature CMS bien formée : {detail}.";
    DATA_NOT_FOUND: "assurance.signature.data_not_found", Warning,
        "ETSI EN 319 102-1 §5.2.2 (SIGNED_DATA_NOT_FOUND)",
        "The signature is detached and no data was given: give the signed file with --data.",
        "La signature est détachée et aucune donnée n'a été fournie : donnez le fichier signé avec --data.";
    HASH: "assurance.signature.hash_mismatch", Warning,
        "ETSI EN 319 102-1 §5.2.7 (HASH_FAILURE); RFC 5652 §5.4",
        "The data does not match the signature: {detail}.",
        "Les données ne correspondent pas à la signature : {detail}.";
    SIGNATURE: "assurance.signature.invalid", Warning,
        "ETSI EN 319 102-1 §5.2.7 (SIG_CRYPTO_FAILURE)",
        "The signature does not verify: {detail}.",
        "La signature ne se vérifie pas : {detail}.";
    SIGNER_NOT_FOUND: "assurance.signer.not_found", Warning,
        "ETSI EN 319 102-1 §5.2.3 (NO_SIGNING_CERTIFICATE_FOUND)",
        "The signer's certificate was not found: {detail}.",
        "Le certificat du signataire est introuvable : {detail}.";
    SIGNING_CERTIFICATE: "assurance.signer.signing_certificate", Warning,
        "ETSI EN 319 122-1 §5.2.2 (ESS signing-certificate-v2, CAdES-BES); EN 319 102-1 §5.2.3 (NO_SIGNING_CERTIFICATE_FOUND)",
        "The signing certificate is not bound to the signature: {detail}.",
        "Le certificat de signature n'est pas lié à la signature : {detail}.";
    KEY_USAGE: "assurance.signer.key_usage", Warning,
        "ETSI EN 319 102-1 §5.2.8 (SIG_CONSTRAINTS_FAILURE); RFC 5280 §4.2.1.3",
        "The signer's keyUsage ({usage}) has neither digitalSignature nor nonRepudiation.",
        "Le keyUsage du signataire ({usage}) n'a ni digitalSignature ni nonRepudiation.";
    REVOKED: "assurance.signer.revoked", Warning,
        "ETSI EN 319 102-1 §5.6.2.2 (REVOKED: the signature was made after the revocation)",
        "The signer's certificate was revoked on {date}, and the content-time-stamp of {proof} shows the signature was made after that.",
        "Le certificat du signataire a été révoqué le {date}, et l'horodatage du contenu du {proof} montre que la signature a été faite après.";
    REVOKED_NO_POE: "assurance.signer.revoked_no_poe", Warning,
        "ETSI EN 319 102-1 §5.6.2.2 (REVOKED_NO_POE)",
        "The signer's certificate was revoked on {date}, before the best-signature-time {best}: nothing proves the signature existed before the revocation.",
        "Le certificat du signataire a été révoqué le {date}, avant le meilleur instant de signature {best} : rien ne prouve que la signature existait avant la révocation.";
    REVOKED_AFTER: "assurance.signer.revoked_after_signature", Notice,
        "ETSI EN 319 102-1 §5.6.2.2 (a revocation after the best-signature-time does not affect the signature)",
        "The signer's certificate was revoked on {date}, after the best-signature-time {best}: the signature stands.",
        "Le certificat du signataire a été révoqué le {date}, après le meilleur instant de signature {best} : la signature tient.";
    REVOKED_CA: "assurance.chain.ca_revoked", Warning,
        "ETSI EN 319 102-1 §5.6.2.2 (REVOKED_CA_NO_POE)",
        "{subject}, a CA of the signer's path, was revoked on {date}, before the best-signature-time {best}.",
        "{subject}, une AC du chemin du signataire, a été révoquée le {date}, avant le meilleur instant de signature {best}.";
    EXPIRED: "assurance.signer.expired", Warning,
        "ETSI EN 319 102-1 §5.2.6 (EXPIRED: the signature was made after the expiry)",
        "The signer's certificate expired on {not_after}, and the content-time-stamp of {proof} shows the signature was made after that.",
        "Le certificat du signataire a expiré le {not_after}, et l'horodatage du contenu du {proof} montre que la signature a été faite après.";
    OUT_OF_BOUNDS: "assurance.signer.out_of_bounds_no_poe", Warning,
        "ETSI EN 319 102-1 §5.2.6, §5.6.2.4 (OUT_OF_BOUNDS_NO_POE)",
        "The signer's certificate expired on {not_after}, before the best-signature-time {best}: no time-stamp proves the signature existed while it was valid.",
        "Le certificat du signataire a expiré le {not_after}, avant le meilleur instant de signature {best} : aucun horodatage ne prouve que la signature existait pendant sa validité.";
    NOT_YET_VALID: "assurance.signer.not_yet_valid", Warning,
        "ETSI EN 319 102-1 §5.2.6 (NOT_YET_VALID)",
        "The signature existed on {best}, before the signer's certificate became valid on {not_before}.",
        "La signature existait le {best}, avant que le certificat du signataire ne devienne valide le {not_before}.";
    CHAIN_NOT_FOUND: "assurance.chain.not_found", Warning,
        "ETSI EN 319 102-1 §5.2.6 (NO_CERTIFICATE_CHAIN_FOUND)",
        "No path from the signer's certificate to a trust anchor: {detail}.",
        "Aucun chemin du certificat du signataire vers une ancre de confiance : {detail}.";
    CHAIN_CONSTRAINTS: "assurance.chain.constraints", Warning,
        "ETSI EN 319 102-1 §5.2.6 (CHAIN_CONSTRAINTS_FAILURE)",
        "The signer's path breaks a constraint: {detail}.",
        "Le chemin du signataire enfreint une contrainte : {detail}.";
    REVOCATION_MISSING: "assurance.revocation.missing", Warning,
        "ETSI EN 319 102-1 §5.2.5 (TRY_LATER)",
        "No usable revocation status for {subject}: {detail}. Give its issuer's CRL (--crl) or an OCSP response (--ocsp).",
        "Pas de statut de révocation utilisable pour {subject} : {detail}. Fournissez la LCR de son émetteur (--crl) ou une réponse OCSP (--ocsp).";
    CRYPTO: "assurance.algorithm.refused", Warning,
        "ETSI EN 319 102-1 §5.2.8 (CRYPTO_CONSTRAINTS_FAILURE); the algorithm policy",
        "{what}: {detail}.",
        "{what} : {detail}.";
    CRYPTO_NO_POE: "assurance.algorithm.refused_no_poe", Warning,
        "ETSI EN 319 102-1 §5.2.8, §5.6.2.5 (CRYPTO_CONSTRAINTS_FAILURE_NO_POE)",
        "{what}: {detail}; no proof of existence from before that date was given.",
        "{what} : {detail} ; aucune preuve d'existence antérieure à cette date n'a été fournie.";
    TIMESTAMP_IMPRINT: "assurance.timestamp.imprint_mismatch", Warning,
        "RFC 3161 §2.4.2 (messageImprint); ETSI EN 319 122-1 §5.3 (signature-time-stamp over the signature value)",
        "The {kind} time-stamp of {gen_time} does not cover this signature (its imprint is not the digest of {covers}): it is ignored.",
        "L'horodatage {kind} du {gen_time} ne couvre pas cette signature (son empreinte n'est pas le condensé de {covers}) : il est ignoré.";
    TIMESTAMP_INVALID: "assurance.timestamp.invalid", Warning,
        "RFC 3161 §2.3, §2.4.2; ETSI EN 319 102-1 §5.4",
        "The {kind} time-stamp of {gen_time} is not valid evidence: {detail}. It is ignored.",
        "L'horodatage {kind} du {gen_time} n'est pas une preuve valable : {detail}. Il est ignoré.";
    TIMESTAMP_ORDER: "assurance.timestamp.order", Warning,
        "ETSI EN 319 102-1 §5.6.2 (TIMESTAMP_ORDER_FAILURE); EN 319 122-1 §5.2.8 (content-time-stamp, obtained before signing)",
        "The content time-stamp of {content} is later than the signature time-stamp of {signature}: the signature cannot have been made after the one and existed before the other.",
        "L'horodatage du contenu du {content} est postérieur à l'horodatage de signature du {signature} : la signature ne peut avoir été faite après l'un et avoir existé avant l'autre.";
    NOT_PASSED: "assurance.indication.not_passed", Error,
        "ETSI EN 319 102-1 §5.1.3",
        "The validation did not pass: {indication} {sub}.",
        "La validation n'a pas abouti : {indication} {sub}.";

    // What a higher level still needs (notices) and the targets (errors).
    EIDAS_NOT_ADES: "assurance.eidas.not_ades", Notice,
        "eIDAS art. 26; ETSI TS 119 615 (AdES needs TOTAL-PASSED)",
        "Not an advanced electronic signature: the validation is {indication}.",
        "Pas une signature électronique avancée : la validation donne {indication}.";
    EIDAS_NO_QC: "assurance.eidas.not_qualified_certificate", Notice,
        "eIDAS art. 28, annex I; ETSI EN 319 412-5 §4.2.1 (QcCompliance 0.4.0.1862.1.1)",
        "For AdES-QC the signer's certificate must be an EU qualified certificate (QcCompliance); it is not.",
        "Pour AdES-QC le certificat du signataire doit être un certificat qualifié de l'UE (QcCompliance) ; il ne l'est pas.";
    EIDAS_NON_EU: "assurance.eidas.non_eu_qualified", Notice,
        "ETSI EN 319 412-5 §4.2.1, §4.2.4 (QcCClegislation 0.4.0.1862.1.7)",
        "For AdES-QC the signer's certificate must be an EU qualified certificate; its QcCClegislation says it is qualified under the law of {countries}.",
        "Pour AdES-QC le certificat du signataire doit être un certificat qualifié de l'UE ; son QcCClegislation le dit qualifié selon le droit de {countries}.";
    EIDAS_NO_TRUSTED_LIST: "assurance.eidas.no_trusted_list", Notice,
        "ETSI TS 119 615 §4 (a qualified certificate is confirmed by a trusted list); as DSS does without a trusted list",
        "For AdES-QC the issuing CA must be in a trusted list, and none was given (--recognised-cas): sceau stops at AdES.",
        "Pour AdES-QC l'AC émettrice doit figurer dans une liste de confiance, et aucune n'a été fournie (--recognised-cas) : sceau s'arrête à AdES.";
    EIDAS_CA_NOT_LISTED: "assurance.eidas.ca_not_listed", Notice,
        "ETSI TS 119 615 §4",
        "For AdES-QC the issuing CA {ca} must be in the trusted list given; it is not.",
        "Pour AdES-QC l'AC émettrice {ca} doit figurer dans la liste de confiance fournie ; elle n'y est pas.";
    EIDAS_NO_QSCD: "assurance.eidas.no_qscd", Notice,
        "eIDAS art. 3(12); ETSI EN 319 412-5 §4.2.2 (QcSSCD), EN 319 411-2 (QCP-n-qscd, QCP-l-qscd)",
        "For QES the private key must be in a qualified signature creation device (QcSSCD or a -qscd policy); the certificate says neither.",
        "Pour QES la clé privée doit être dans un dispositif de création de signature qualifié (QcSSCD ou une politique -qscd) ; le certificat n'indique ni l'un ni l'autre.";
    EIDAS_SEAL: "assurance.eidas.qualified_seal", Notice,
        "eIDAS art. 35–36; ETSI EN 319 412-5 §4.2.3 (QcType eseal)",
        "The certificate is for electronic seals (QcType {qc_type}): a qualified seal, not a qualified electronic signature.",
        "Le certificat est destiné aux cachets électroniques (QcType {qc_type}) : un cachet qualifié, pas une signature électronique qualifiée.";
    TARGET_EIDAS: "assurance.target.eidas", Error,
        "the caller's target (--target-eidas)",
        "The eIDAS level reached is {reached}; {target} was required (the notices say what is missing).",
        "Le niveau eIDAS atteint est {reached} ; {target} était exigé (les notes disent ce qui manque).";

    GC_NOT_VERIFIED: "assurance.gc.not_verified", Notice,
        "Government of Canada guidance on electronic signatures (seed 001), table 2, LoA 1",
        "LoA 1 needs a signature that verifies over the data; this one does not.",
        "Le niveau 1 exige une signature qui se vérifie sur les données ; celle-ci ne se vérifie pas.";
    GC_IDENTITY: "assurance.gc.identity_loa", Notice,
        "Government of Canada guidance (seed 001), table 2; TBS Directive on Identity Management",
        "LoA {level} needs the signer's identity assured at level {level} or higher; {declared}.",
        "Le niveau {level} exige une identité du signataire assurée au niveau {level} ou plus ; {declared}.";
    GC_NO_TIME: "assurance.gc.no_signing_time", Notice,
        "Government of Canada guidance (seed 001), table 2, LoA 2 (a timestamp, local system time)",
        "LoA 2 needs a signing time with the signature; it carries neither a signing-time attribute nor a time-stamp.",
        "Le niveau 2 exige une heure de signature ; la signature ne porte ni attribut signing-time ni horodatage.";
    GC_FACTORS: "assurance.gc.factors", Notice,
        "Government of Canada guidance (seed 001), table 2, LoA 3 (two factors)",
        "LoA 3 needs authentication with two factors or more; {declared}.",
        "Le niveau 3 exige une authentification à deux facteurs ou plus ; {declared}.";
    GC_NOT_PASSED: "assurance.gc.not_passed", Notice,
        "Government of Canada guidance (seed 001), table 2, LoA 3 (certificate, path and revocation status at signing time)",
        "LoA 3 needs the certificate, its path and its revocation status at signing time verified (TOTAL-PASSED); the validation is {indication}.",
        "Le niveau 3 exige le certificat, son chemin et son statut de révocation au moment de la signature vérifiés (TOTAL-PASSED) ; la validation donne {indication}.";
    GC_DEVICE: "assurance.gc.device", Notice,
        "Government of Canada guidance (seed 001), table 2, LoA 4 (multi-factor cryptographic device)",
        "LoA 4 needs the key in a hardware device (smart card or HSM); {declared}.",
        "Le niveau 4 exige la clé dans un dispositif matériel (carte à puce ou HSM) ; {declared}.";
    GC_CA: "assurance.gc.ca_not_recognised", Notice,
        "Government of Canada guidance (seed 001), table 2, LoA 4 (CA recognised by TBS)",
        "LoA 4 needs the issuing CA {ca} in the list of recognised CAs (--recognised-cas); {why}.",
        "Le niveau 4 exige l'AC émettrice {ca} dans la liste des AC reconnues (--recognised-cas) ; {why}.";
    GC_TIMESTAMP: "assurance.gc.no_trusted_timestamp", Notice,
        "Government of Canada guidance (seed 001), table 2, LoA 4 (secure, trusted timestamp); RFC 3161",
        "LoA 4 needs a valid RFC 3161 time-stamp of the signature from a trusted TSA; there is none.",
        "Le niveau 4 exige un horodatage RFC 3161 valide de la signature par une autorité de confiance ; il n'y en a pas.";
    GC_ALGORITHMS: "assurance.gc.algorithms", Notice,
        "Government of Canada guidance (seed 001), table 2, LoA 4; CSE ITSP.40.111",
        "LoA 4 needs CSE-approved algorithms and key lengths; {what}: {detail}.",
        "Le niveau 4 exige des algorithmes et des longueurs de clé approuvés par le CST ; {what} : {detail}.";
    TARGET_LOA: "assurance.target.loa", Error,
        "the caller's target (--target-loa)",
        "The Government of Canada level reached is LoA {reached}; LoA {target} was required (the notices say what is missing).",
        "Le niveau du gouvernement du Canada atteint est {reached} ; le niveau {target} était exigé (les notes disent ce qui manque).";

    RGS_NOT_PASSED: "assurance.rgs.not_passed", Notice,
        "ANSSI RGS v2 annex A (signature *): a valid signature",
        "RGS * needs the validation to pass; it is {indication}.",
        "RGS * exige que la validation aboutisse ; elle donne {indication}.";
    RGS_ALGORITHMS: "assurance.rgs.algorithms", Notice,
        "ANSSI RGS B1",
        "RGS * needs algorithms and key lengths RGS B1 admits; {what}: {detail}.",
        "RGS * exige des algorithmes et des longueurs de clé admis par le RGS B1 ; {what} : {detail}.";
    RGS_DEVICE: "assurance.rgs.device", Notice,
        "ANSSI RGS v2 annex A (signature **: hardware device)",
        "RGS ** needs the key in a hardware device; {declared}.",
        "RGS ** exige la clé dans un dispositif matériel ; {declared}.";
    RGS_POLICY: "assurance.rgs.policy", Notice,
        "ANSSI RGS v2 annex A (signature **); Certigna ID RGS** eIDAS (QCP-n-qscd); sceau reads a qualified device from QcSSCD or a -qscd policy",
        "RGS ** needs a certificate issued for a hardware device (QcSSCD or a -qscd policy); this one says neither.",
        "RGS ** exige un certificat délivré pour un dispositif matériel (QcSSCD ou une politique -qscd) ; celui-ci n'indique ni l'un ni l'autre.";
}
