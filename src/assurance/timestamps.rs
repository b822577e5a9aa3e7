//! RFC 3161 time-stamps judged as evidence: the imprint over what the stamp must cover, the
//! token's own CMS signature, the TSA's certificate (critical EKU timeStamping, valid at
//! genTime), its chain to the trust anchors with its revocation status, and its algorithms.

use rustls_pki_types::CertificateDer;
use x509_parser::prelude::*;

use crate::algorithms::{AlgorithmPolicy, KeyStrength};
use crate::assurance::facts::{TimestampFacts, TimestampKind};
use crate::assurance::signer::{candidates, check_signer, SignerFailure, SigningCertificate};
use crate::assurance::tst::TimestampToken;
use crate::chain::options::VerifyOptions;
use crate::chain::verifier::Verifier;
use crate::derwalk::rfc3339;
use crate::lang::{localized, Localized};
use crate::public_key::PublicKey;
use crate::revocation::status::RevocationSources;
use crate::rule::{day_of, Severity};
use crate::signature::{HashAlg, SignatureScheme};
use crate::usage::Usage;
use crate::x509::dn_text;

/// A signature used, for the algorithm policies the levels apply: what it is, its scheme, the
/// size of the key that made it, and the time it is judged at.
#[derive(Clone, Debug)]
pub(crate) struct SignatureUse {
    /// What made it (`the signer's signature`, `the TSA's signature`…).
    pub(crate) what: Localized,
    /// Its scheme.
    pub(crate) scheme: SignatureScheme,
    /// The digest of the message-digest attribute, when it is not the scheme's.
    pub(crate) message_digest: Option<HashAlg>,
    /// The size of the signing key.
    pub(crate) key: Option<KeyStrength>,
    /// When it is judged (Unix seconds): its proof of existence, or the validation time.
    pub(crate) at: i64,
}

/// A time-stamp judged.
pub(crate) struct JudgedStamp {
    /// What reports show.
    pub(crate) facts: TimestampFacts,
    /// genTime, Unix seconds.
    pub(crate) gen_time: i64,
    /// The signatures it rests on, for the algorithm policies.
    pub(crate) uses: Vec<SignatureUse>,
}

impl JudgedStamp {
    /// Whether the stamp is valid evidence.
    pub(crate) fn valid(&self) -> bool {
        self.facts.valid
    }
}

/// Judges `token` as a stamp of `kind` over `covered` (the signature value for a signature
/// time-stamp, the content for a content time-stamp), at validation time `time`.
pub(crate) fn judge_stamp(
    token: &TimestampToken,
    kind: TimestampKind,
    covered: &[u8],
    verifier: &Verifier,
    options: &VerifyOptions,
    algorithms: &AlgorithmPolicy,
) -> JudgedStamp {
    let mut judged = JudgedStamp {
        facts: TimestampFacts {
            kind,
            gen_time: rfc3339(token.gen_time),
            tsa: None,
            imprint_matches: false,
            valid: false,
            why_not: None,
        },
        gen_time: token.gen_time,
        uses: Vec::new(),
    };
    let imprint = token.imprint_hash.and_then(|h| h.digest(covered));
    judged.facts.imprint_matches = imprint.as_deref() == Some(token.imprint.as_slice());
    if !judged.facts.imprint_matches {
        judged.facts.why_not = Some(match token.imprint_hash {
            Some(_) => localized!(
                "its message imprint is not the digest of what it must cover",
                "son empreinte n'est pas le condensé de ce qu'il doit couvrir"
            ),
            None => localized!(
                "its imprint digest {oid} is not one sceau computes",
                "le condensé de son empreinte {oid} n'est pas de ceux que sceau calcule",
                oid = token.imprint_hash_oid
            ),
        });
        return judged;
    }
    match tsa_check(token, verifier, options, algorithms, &mut judged) {
        Ok(()) => judged.facts.valid = true,
        Err(why) => judged.facts.why_not = Some(why),
    }
    judged
}

/// The token's signature, its TSA certificate and chain: `Err` says why the token is no
/// evidence.
fn tsa_check(
    token: &TimestampToken,
    verifier: &Verifier,
    options: &VerifyOptions,
    algorithms: &AlgorithmPolicy,
    judged: &mut JudgedStamp,
) -> Result<(), Localized> {
    let signed = &token.signed;
    let own: Vec<CertificateDer<'static>> = signed
        .certificates()
        .map(|c| CertificateDer::from(c.to_vec()))
        .collect();
    let parsed = candidates(&own, verifier);
    let content = signed.content().unwrap_or_default();
    let outcome = check_signer(signed, content, &parsed);
    let Some(index) = outcome.signer else {
        return Err(localized!(
            "its TSA certificate is neither in the token nor given",
            "son certificat d'horodatage n'est ni dans le jeton ni fourni"
        ));
    };
    let tsa = &parsed[index];
    judged.facts.tsa = Some(dn_text(tsa.subject()));
    if let Err(failure) = &outcome.verified {
        return Err(match failure {
            SignerFailure::Format(why)
            | SignerFailure::NoSigner(why)
            | SignerFailure::Hash(why)
            | SignerFailure::Signature(why) => why.clone(),
        });
    }
    match &outcome.signing_certificate {
        SigningCertificate::Matches => {}
        SigningCertificate::Missing => {
            return Err(localized!(
                "it has no ESS signing-certificate attribute (RFC 3161 §2.4.1, RFC 5816)",
                "il n'a pas d'attribut ESS signing-certificate (RFC 3161 §2.4.1, RFC 5816)"
            ))
        }
        SigningCertificate::Mismatch(why) => return Err(why.clone()),
    }
    if !time_stamping_only(tsa) {
        return Err(localized!(
            "its TSA certificate lacks a critical extendedKeyUsage of id-kp-timeStamping alone (RFC 3161 §2.3)",
            "son certificat d'horodatage n'a pas d'extendedKeyUsage critique limité à id-kp-timeStamping (RFC 3161 §2.3)"
        ));
    }
    let validity = tsa.validity();
    if token.gen_time < validity.not_before.timestamp()
        || token.gen_time > validity.not_after.timestamp()
    {
        return Err(localized!(
            "its genTime lies outside its TSA certificate's validity",
            "son genTime sort de la validité de son certificat d'horodatage"
        ));
    }
    // The imprint binds what is stamped: it is only as strong as its digest.
    if let Some(hash) = token.imprint_hash {
        let what = localized!(
            "a {hash} message imprint",
            "une empreinte {hash}",
            hash = hash.name()
        );
        let day = day_of(options.unix_time());
        if let Some(finding) = algorithms
            .check_digest(hash, what, day, "timestamp")
            .first()
        {
            return Err(localized!(
                "the {policy} algorithm policy refuses its message imprint: {why}",
                "la politique d'algorithmes {policy} refuse son empreinte : {why}",
                policy = algorithms.name,
                why = finding.localized()
            ));
        }
    }
    let scheme = outcome.scheme.clone().unwrap_or(SignatureScheme::Unknown {
        oid: "(none)".into(),
    });
    let key = KeyStrength::of(&PublicKey::from_spki(tsa.public_key()));
    let time = options.unix_time();
    let refused = algorithms.check_signed_digest(
        &scheme,
        outcome.message_digest,
        key,
        day_of(time),
        "timestamp",
    );
    if let Some(finding) = refused.first() {
        return Err(localized!(
            "the {policy} algorithm policy refuses its signature: {why}",
            "la politique d'algorithmes {policy} refuse sa signature : {why}",
            policy = algorithms.name,
            why = finding.localized()
        ));
    }
    judged.uses.push(SignatureUse {
        what: localized!(
            "the time-stamp of {at}",
            "l'horodatage du {at}",
            at = rfc3339(token.gen_time)
        ),
        scheme,
        message_digest: outcome.message_digest,
        key,
        at: time,
    });
    // The TSA's path to the anchors, with its revocation status, at the validation time.
    let mut chain = vec![CertificateDer::from(tsa.as_ref().to_vec())];
    chain.extend(own.iter().filter(|c| c.as_ref() != tsa.as_ref()).cloned());
    let tsa_options = VerifyOptions {
        usage: Usage::Any,
        name: None,
        algorithms: algorithms.clone(),
        evidence_until: None,
        ..options.clone()
    };
    let checked = verifier.check_with(&chain, None, &tsa_options, &RevocationSources::default());
    if let Some(error) = checked
        .findings
        .iter()
        .find(|f| f.severity() == Severity::Error)
    {
        return Err(localized!(
            "its TSA's chain is refused: {why}",
            "la chaîne de son autorité d'horodatage est refusée : {why}",
            why = error.localized()
        ));
    }
    Ok(())
}

/// RFC 3161 §2.3: the TSA's certificate has one extendedKeyUsage, id-kp-timeStamping, critical.
fn time_stamping_only(cert: &X509Certificate<'_>) -> bool {
    cert.extensions().iter().any(|ext| {
        ext.critical
            && matches!(ext.parsed_extension(),
                ParsedExtension::ExtendedKeyUsage(eku)
                    if eku.time_stamping && !eku.any && !eku.server_auth && !eku.client_auth
                        && !eku.code_signing && !eku.email_protection && !eku.ocsp_signing
                        && eku.other.is_empty())
    })
}
