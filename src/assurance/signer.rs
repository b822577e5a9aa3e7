//! One SignerInfo judged (RFC 5652 §5.4–5.6, with CAdES's signing-certificate rule): its
//! signer's certificate found among the candidates, its signed attributes checked against the
//! content, its signature verified over the attributes as received.

use der::asn1::{ObjectIdentifier, OctetString};
use der::Decode;
use rustls_pki_types::CertificateDer;
use x509_parser::prelude::*;

use crate::assurance::cms::{SignedData, SignerId};
use crate::chain::verifier::Verifier;
use crate::derwalk::oid_text_or_hex;
use crate::derwalk::{self, Walker};
use crate::lang::{localized, Localized};
use crate::public_key::PublicKey;
use crate::signature::{HashAlg, SignatureScheme};
use crate::verify::verify_signature;
use crate::x509::dn_key;

pub(crate) const OID_CONTENT_TYPE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const OID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const OID_SIGNING_TIME: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
pub(crate) const OID_SIGNING_CERTIFICATE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");
pub(crate) const OID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

const OID_RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

/// Why a SignerInfo does not verify over its content.
#[derive(Clone, Debug)]
pub(crate) enum SignerFailure {
    /// The structure breaks CMS's rules (a required attribute missing, twice, or wrong).
    Format(Localized),
    /// No candidate certificate is the one the SignerInfo names.
    NoSigner(Localized),
    /// The message-digest attribute is not the digest of the content.
    Hash(Localized),
    /// The signature value does not verify with the signer's key.
    Signature(Localized),
}

/// What the signed attributes say of the signer's certificate (ESS, RFC 5035).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SigningCertificate {
    /// signing-certificate(-v2) names the signer's certificate.
    Matches,
    /// No signing-certificate attribute.
    Missing,
    /// It names another certificate, or cannot be read.
    Mismatch(Localized),
}

/// A SignerInfo judged.
pub(crate) struct SignerOutcome {
    /// Which candidate is the signer's certificate.
    pub(crate) signer: Option<usize>,
    /// The scheme of the signature.
    pub(crate) scheme: Option<SignatureScheme>,
    /// The digestAlgorithm that computed the message-digest attribute, when the signature is
    /// over signed attributes: the content is bound by it, not by the scheme's digest.
    pub(crate) message_digest: Option<HashAlg>,
    /// The signing-time attribute, when present (a claim of the signer).
    pub(crate) signing_time: Option<i64>,
    /// What the ESS attribute says.
    pub(crate) signing_certificate: SigningCertificate,
    /// Whether the signature verifies over the content, or why not.
    pub(crate) verified: Result<(), SignerFailure>,
}

/// The certificates a signer may be among: those `own` (inside the SignedData) first, then the
/// verifier's intermediates and anchors, each read once.
pub(crate) fn candidates<'a>(
    own: &'a [CertificateDer<'static>],
    verifier: &'a Verifier,
) -> Vec<X509Certificate<'a>> {
    own.iter()
        .chain(verifier.intermediate_certificates())
        .chain(verifier.anchor_certificates())
        .filter_map(|der| X509Certificate::from_der(der).ok().map(|(_, c)| c))
        .collect()
}

/// How many certificates named by a SignerInfo have their key tried on its signature.
pub(crate) const SIGNER_CANDIDATES: usize = 8;

/// Judges the one SignerInfo of `signed` over `content` (the document, or a token's TSTInfo),
/// its signer looked for among `candidates`.
pub(crate) fn check_signer(
    signed: &SignedData,
    content: &[u8],
    candidates: &[X509Certificate<'_>],
) -> SignerOutcome {
    let id = signed.signer_id();
    // The certificates are not signed: anyone may put one before the signer's with the same
    // issuer and serial (or key identifier). Those the SignerInfo names are tried, the ones the
    // signed signing-certificate attribute names first (a digest compared, no signature
    // verified); the one the signature verifies with is the signer's. At most
    // SIGNER_CANDIDATES are verified, so that a file of many impostors costs one digest each.
    let named: Vec<usize> = (0..candidates.len())
        .filter(|i| names(&id, &candidates[*i]))
        .collect();
    let (ess_named, others): (Vec<usize>, Vec<usize>) = named.iter().partition(|i| {
        matches!(
            signing_certificate(signed, &candidates[**i]),
            SigningCertificate::Matches
        )
    });
    let mut first: Option<SignerOutcome> = None;
    for index in ess_named.into_iter().chain(others).take(SIGNER_CANDIDATES) {
        let outcome = check_with(signed, content, candidates, index);
        match (&outcome.verified, &outcome.signing_certificate) {
            (Ok(()), SigningCertificate::Matches) => return outcome,
            (Ok(()), _) if first.as_ref().is_none_or(|f| f.verified.is_err()) => {
                first = Some(outcome)
            }
            _ if first.is_none() => first = Some(outcome),
            _ => {}
        }
    }
    first.unwrap_or_else(|| SignerOutcome {
        signer: None,
        scheme: None,
        message_digest: None,
        signing_time: None,
        signing_certificate: SigningCertificate::Missing,
        verified: Err(SignerFailure::NoSigner(describe_missing(&id))),
    })
}

/// Judges the SignerInfo of `signed` over `content` with `candidates[index]` as the signer's
/// certificate.
fn check_with(
    signed: &SignedData,
    content: &[u8],
    candidates: &[X509Certificate<'_>],
    index: usize,
) -> SignerOutcome {
    let mut outcome = SignerOutcome {
        signer: Some(index),
        scheme: None,
        message_digest: None,
        signing_time: None,
        signing_certificate: SigningCertificate::Missing,
        verified: Ok(()),
    };
    let cert = &candidates[index];
    let digest = match digest_of(signed) {
        Ok(digest) => digest,
        Err(why) => {
            outcome.verified = Err(SignerFailure::Format(why));
            return outcome;
        }
    };
    let scheme = scheme_of(signed, digest);
    outcome.scheme = Some(scheme.clone());
    let message = match signed.signed_attributes_to_verify() {
        Some(attrs) => {
            outcome.message_digest = Some(digest);
            outcome.signing_time = signing_time(signed);
            outcome.signing_certificate = signing_certificate(signed, cert);
            if let Err(failure) = check_attributes(signed, content, digest) {
                outcome.verified = Err(failure);
                return outcome;
            }
            attrs
        }
        None if signed.content_type() == crate::assurance::cms::OID_DATA => content.to_vec(),
        None => {
            outcome.verified = Err(SignerFailure::Format(localized!(
                "no signed attributes although the content is not id-data (RFC 5652 §5.3)",
                "pas d'attributs signés alors que le contenu n'est pas id-data (RFC 5652 §5.3)"
            )));
            return outcome;
        }
    };
    let key = PublicKey::from_spki(cert.public_key());
    if let Err(e) = verify_signature(&scheme, &key, &message, signed.signature_value()) {
        outcome.verified = Err(SignerFailure::Signature(localized!(
            "{scheme} with the signer's key: {why}",
            "{scheme} avec la clé du signataire : {why}",
            scheme = scheme.describe(),
            why = e.describe()
        )));
    }
    outcome
}

/// Whether `cert` is the certificate `id` names.
fn names(id: &SignerId, cert: &X509Certificate<'_>) -> bool {
    match id {
        SignerId::IssuerSerial { issuer, serial } => {
            let serial_matches = strip_zeros(cert.raw_serial()) == strip_zeros(serial);
            serial_matches
                && (cert.issuer().as_raw() == issuer.as_slice()
                    || X509Name::from_der(issuer)
                        .is_ok_and(|(_, name)| dn_key(&name) == dn_key(cert.issuer())))
        }
        SignerId::KeyId(key_id) => cert.extensions().iter().any(|ext| {
            matches!(ext.parsed_extension(),
                ParsedExtension::SubjectKeyIdentifier(ski) if ski.0 == key_id.as_slice())
        }),
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

fn describe_missing(id: &SignerId) -> Localized {
    match id {
        SignerId::IssuerSerial { issuer, serial } => {
            let issuer = X509Name::from_der(issuer)
                .map(|(_, n)| crate::x509::dn_text(&n))
                .unwrap_or_else(|_| "(unreadable name)".into());
            localized!(
                "no certificate given is the signer's (serial {serial} issued by '{issuer}'): add it, or its chain, with --intermediates",
                "aucun certificat fourni n'est celui du signataire (numéro {serial} émis par « {issuer} ») : ajoutez-le, ou sa chaîne, avec --intermediates",
                serial = crate::derwalk::hex_text(serial),
                issuer = issuer
            )
        }
        SignerId::KeyId(key_id) => localized!(
            "no certificate given has the signer's subjectKeyIdentifier {id}: add it with --intermediates",
            "aucun certificat fourni n'a le subjectKeyIdentifier du signataire {id} : ajoutez-le avec --intermediates",
            id = crate::derwalk::hex_text(key_id)
        ),
    }
}

/// The digest the SignerInfo's digestAlgorithm names.
fn digest_of(signed: &SignedData) -> Result<HashAlg, Localized> {
    let der = signed.digest_algorithm_der();
    let oid = Walker::new(der)
        .expect(derwalk::SEQUENCE, "digestAlgorithm")
        .and_then(|alg| Walker::inside(der, &alg).expect(derwalk::OID, "algorithm"))
        .map_err(Localized::same)?;
    HashAlg::from_oid_bytes(oid.value).ok_or_else(|| {
        localized!(
            "its digestAlgorithm {oid} is not a digest sceau knows",
            "son digestAlgorithm {oid} n'est pas un condensé que sceau connaît",
            oid = oid_text_or_hex(oid.value)
        )
    })
}

/// The signature scheme: CMS signers often name the key's algorithm (rsaEncryption,
/// id-ecPublicKey) and leave the digest to digestAlgorithm (RFC 3370 §3.2, RFC 5753 §2.1.1).
pub(crate) fn scheme_of(signed: &SignedData, digest: HashAlg) -> SignatureScheme {
    let der = signed.signature_algorithm_der();
    let oid = Walker::new(der)
        .expect(derwalk::SEQUENCE, "signatureAlgorithm")
        .and_then(|alg| Walker::inside(der, &alg).expect(derwalk::OID, "algorithm"));
    match oid {
        Ok(oid) if oid.value == OID_RSA_ENCRYPTION => SignatureScheme::RsaPkcs1 { hash: digest },
        Ok(oid) if oid.value == OID_EC_PUBLIC_KEY => SignatureScheme::Ecdsa { hash: digest },
        _ => match x509_parser::x509::AlgorithmIdentifier::from_der(der) {
            Ok((_, alg)) => SignatureScheme::from_algorithm(&alg),
            Err(e) => SignatureScheme::Unknown {
                oid: format!("unreadable AlgorithmIdentifier: {e}"),
            },
        },
    }
}

/// content-type and message-digest: each exactly once, and right.
fn check_attributes(
    signed: &SignedData,
    content: &[u8],
    digest: HashAlg,
) -> Result<(), SignerFailure> {
    for (oid, name) in [
        (OID_CONTENT_TYPE, "content-type"),
        (OID_MESSAGE_DIGEST, "message-digest"),
    ] {
        let count = signed.signed_attribute_count(&oid);
        if count != 1 {
            return Err(SignerFailure::Format(localized!(
                "the {name} signed attribute appears {count} times; RFC 5652 §5.3 wants it once",
                "l'attribut signé {name} figure {count} fois ; la RFC 5652 §5.3 le veut une fois",
                name = name,
                count = count
            )));
        }
    }
    // Each a single value too (RFC 5652 §11.1–11.3); signing-time, when present, once and
    // single-valued: a second value would leave what was signed, or when, to the verifier.
    for (oid, name, at_most) in [
        (OID_CONTENT_TYPE, "content-type", false),
        (OID_MESSAGE_DIGEST, "message-digest", false),
        (OID_SIGNING_TIME, "signing-time", true),
    ] {
        let count = signed.signed_attribute_count(&oid);
        let values = signed.signed_attribute(&oid).len();
        if (at_most && count > 1) || (count == 1 && values != 1) {
            return Err(SignerFailure::Format(localized!(
                "the {name} signed attribute has {values} values in {count} attributes; RFC 5652 §11 wants one attribute of a single value",
                "l'attribut signé {name} a {values} valeurs dans {count} attributs ; la RFC 5652 §11 en veut un seul, d'une seule valeur",
                name = name,
                values = values,
                count = count
            )));
        }
    }
    let content_type = signed.signed_attribute(&OID_CONTENT_TYPE);
    let said = content_type
        .first()
        .and_then(|v| ObjectIdentifier::from_der(v).ok());
    if said != Some(signed.content_type()) {
        return Err(SignerFailure::Format(localized!(
            "the content-type attribute does not name the eContentType {oid}",
            "l'attribut content-type ne désigne pas l'eContentType {oid}",
            oid = signed.content_type().to_string()
        )));
    }
    let stated = signed.signed_attribute(&OID_MESSAGE_DIGEST);
    let stated = stated
        .first()
        .and_then(|v| OctetString::from_der(v).ok())
        .ok_or_else(|| {
            SignerFailure::Format(localized!(
                "the message-digest attribute is not an OCTET STRING",
                "l'attribut message-digest n'est pas un OCTET STRING"
            ))
        })?;
    let computed = digest.digest(content).ok_or_else(|| {
        SignerFailure::Format(localized!(
            "sceau does not compute {hash} digests",
            "sceau ne calcule pas les condensés {hash}",
            hash = digest.name()
        ))
    })?;
    if stated.as_bytes() != computed.as_slice() {
        return Err(SignerFailure::Hash(localized!(
            "the message-digest attribute ({hash}) is not the digest of the signed data: the data was changed, or is not the one signed",
            "l'attribut message-digest ({hash}) n'est pas le condensé des données signées : elles ont été modifiées, ou ne sont pas celles qui ont été signées",
            hash = digest.name()
        )));
    }
    Ok(())
}

/// The signing-time attribute (UTCTime or GeneralizedTime), Unix seconds.
fn signing_time(signed: &SignedData) -> Option<i64> {
    let values = signed.signed_attribute(&OID_SIGNING_TIME);
    let time = x509_cert::time::Time::from_der(values.first()?).ok()?;
    i64::try_from(time.to_unix_duration().as_secs()).ok()
}

/// What signing-certificate-v2 (or v1) says of `cert`: the first ESSCertID names the
/// signer's certificate (RFC 5035 §3; CAdES, ETSI EN 319 122-1 §5.2.2).
fn signing_certificate(signed: &SignedData, cert: &X509Certificate<'_>) -> SigningCertificate {
    let (values, v2) = match signed.signed_attribute(&OID_SIGNING_CERTIFICATE_V2) {
        v if !v.is_empty() => (v, true),
        _ => (signed.signed_attribute(&OID_SIGNING_CERTIFICATE), false),
    };
    let Some(value) = values.first() else {
        return SigningCertificate::Missing;
    };
    match first_cert_id(value, v2) {
        Ok(EssCertId {
            hash,
            cert_hash,
            serial,
        }) => {
            let Some(computed) = hash.digest(cert.as_ref()) else {
                return SigningCertificate::Mismatch(localized!(
                    "its ESSCertID digest {hash} is not one sceau computes",
                    "son condensé ESSCertID {hash} n'est pas de ceux que sceau calcule",
                    hash = hash.name()
                ));
            };
            let serial_ok =
                serial.is_none_or(|s| strip_zeros(&s) == strip_zeros(cert.raw_serial()));
            if computed == cert_hash && serial_ok {
                SigningCertificate::Matches
            } else {
                SigningCertificate::Mismatch(localized!(
                    "the signing-certificate attribute names another certificate than the signer's",
                    "l'attribut signing-certificate désigne un autre certificat que celui du signataire"
                ))
            }
        }
        Err(why) => SigningCertificate::Mismatch(localized!(
            "the signing-certificate attribute cannot be read: {why}",
            "l'attribut signing-certificate est illisible : {why}",
            why = why
        )),
    }
}

/// One ESSCertID(v2): the digest named, the certificate's digest, and issuerSerial's serial
/// when present.
struct EssCertId {
    hash: HashAlg,
    cert_hash: Vec<u8>,
    serial: Option<Vec<u8>>,
}

/// The first ESSCertID(v2) of a signing-certificate(-v2) attribute value.
fn first_cert_id(value: &[u8], v2: bool) -> Result<EssCertId, String> {
    let mut w = Walker::new(value);
    let attr = w.expect(derwalk::SEQUENCE, "SigningCertificate")?;
    let mut w = Walker::inside(value, &attr);
    let certs = w.expect(derwalk::SEQUENCE, "certs")?;
    let mut w = Walker::inside(value, &certs);
    let id = w.expect(derwalk::SEQUENCE, "ESSCertID")?;
    let mut w = Walker::inside(value, &id);
    let mut hash = if v2 { HashAlg::Sha256 } else { HashAlg::Sha1 };
    if v2 && w.peek_tag() == Some(derwalk::SEQUENCE) {
        let alg = w.expect(derwalk::SEQUENCE, "hashAlgorithm")?;
        let oid = Walker::inside(value, &alg).expect(derwalk::OID, "hashAlgorithm.algorithm")?;
        hash = HashAlg::from_oid_bytes(oid.value)
            .ok_or_else(|| format!("hashAlgorithm {} is unknown", oid_text_or_hex(oid.value)))?;
    }
    let cert_hash = w.expect(derwalk::OCTET_STRING, "certHash")?;
    let serial = match w.optional(derwalk::SEQUENCE, "issuerSerial")? {
        Some(issuer_serial) => {
            let mut iw = Walker::inside(value, &issuer_serial);
            iw.expect(derwalk::SEQUENCE, "issuer")?;
            Some(iw.expect(derwalk::INTEGER, "serialNumber")?.value.to_vec())
        }
        None => None,
    };
    Ok(EssCertId {
        hash,
        cert_hash: cert_hash.value.to_vec(),
        serial,
    })
}
