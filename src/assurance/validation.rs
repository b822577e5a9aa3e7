//! The validation of one signature (ETSI EN 319 102-1, with the long-term rules of §5.5–5.6 as
//! DSS applies them): the signer's signature and attributes, the time-stamps, the
//! best-signature-time, the signer's certificate and path at that time with revocation evidence
//! that may be issued later, and the algorithm policy with proofs of existence. The outcome is
//! an indication, a sub-indication, and a finding for every reason.

use std::borrow::Cow;

use rustls_pki_types::{CertificateDer, UnixTime};
use sha2::{Digest, Sha256};
use x509_parser::prelude::*;

use crate::algorithms::{self, AlgorithmPolicy, KeyStrength};
use crate::assurance::cms::SignedData;
use crate::assurance::facts::{
    AssuranceFacts, DeclaredContext, Device, EidasLevel, Indication, SignerFacts, SubIndication,
    TimestampKind,
};
use crate::assurance::levels::{self, Levels, Recognised};
use crate::assurance::qc::QcFacts;
use crate::assurance::rules::*;
use crate::assurance::signer::{candidates, check_signer, SignerFailure, SigningCertificate};
use crate::assurance::timestamps::{judge_stamp, JudgedStamp, SignatureUse};
use crate::assurance::tst::TimestampToken;
use crate::chain::facts::PathEntry;
use crate::chain::options::{unix_seconds, VerifyOptions};
use crate::chain::verifier::Verifier;
use crate::derwalk::rfc3339;
use crate::error::{ObjectKind, Result};
use crate::input;
use crate::keys;
use crate::lang::{localized, Localized};
use crate::public_key::PublicKey;
use crate::revocation::crl::Crl;
use crate::revocation::ocsp::OcspResponse;
use crate::revocation::status::{RevocationSources, RevocationStatus};
use crate::rule::{day_of, Checked, Finding, Rule, Severity};
use crate::signature::SignatureScheme;
use crate::usage::Usage;
use crate::x509::{dn_text, key_usage_names};

/// id-aa-signatureTimeStampToken.
const OID_SIGNATURE_TIME_STAMP: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-aa-ets-contentTimestamp.
const OID_CONTENT_TIME_STAMP: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.20");

/// What is to be validated: the signature, the data of a detached one, and time-stamps given
/// beside it.
#[derive(Clone, Debug, Default)]
pub struct AssuranceRequest<'a> {
    /// The CMS signature, PEM (`CMS`, `PKCS7`) or DER.
    pub signature: &'a [u8],
    /// The signed data, for a detached signature.
    pub data: Option<&'a [u8]>,
    /// RFC 3161 tokens over the signature value, given beside it (`--timestamp`).
    pub timestamps: Vec<&'a [u8]>,
}

/// How a signature is validated and which levels are wanted.
#[derive(Clone, Debug)]
pub struct AssuranceOptions {
    /// The validation time.
    pub time: UnixTime,
    /// The algorithm policy (`AlgorithmPolicy::named("etsi")` by default).
    pub algorithms: AlgorithmPolicy,
    /// What the caller declares of the signer's authentication.
    pub context: DeclaredContext,
    /// The CAs recognised for qualified certificates and LoA 4 (a trusted list, TBS's list):
    /// `None` when none was given.
    pub recognised_cas: Option<Vec<CertificateDer<'static>>>,
    /// The Government of Canada level wanted (1–4).
    pub target_loa: Option<u8>,
    /// The eIDAS level wanted.
    pub target_eidas: Option<EidasLevel>,
}

impl AssuranceOptions {
    /// Validation at `time` under the ETSI policy, nothing declared, no target.
    pub fn new(time: UnixTime) -> AssuranceOptions {
        AssuranceOptions {
            time,
            algorithms: AlgorithmPolicy::named("etsi").unwrap_or_default(),
            context: DeclaredContext::default(),
            recognised_cas: None,
            target_loa: None,
            target_eidas: None,
        }
    }

    /// Adds the certificates of `input` (PEM bundle or one DER) to the recognised CAs; returns
    /// how many.
    pub fn add_recognised_cas(&mut self, input: &[u8]) -> Result<usize> {
        let mut added = Vec::new();
        for decoded in input::decode_all(input, ObjectKind::Certificate)? {
            let der = decoded.der.into_owned();
            input::complete(
                &der,
                X509Certificate::from_der(&der),
                ObjectKind::Certificate,
            )?;
            added.push(CertificateDer::from(der));
        }
        let count = added.len();
        self.recognised_cas
            .get_or_insert_with(Vec::new)
            .extend(added);
        Ok(count)
    }

    /// Selects the algorithm policy by name (`etsi`, `rgs`, `cse`); the error says what was
    /// expected.
    pub fn set_algorithm_policy(&mut self, name: &str) -> std::result::Result<(), String> {
        self.algorithms = AlgorithmPolicy::named(name).ok_or_else(|| {
            format!(
                "algorithm policy '{name}': expected {}",
                AlgorithmPolicy::NAMES.join(", ")
            )
        })?;
        Ok(())
    }

    /// Declares where the signing key was (`software`, `smartcard`, `hsm`; `None`: not
    /// declared).
    pub fn set_device(&mut self, device: Option<&str>) -> std::result::Result<(), String> {
        self.context.device =
            match device {
                None => None,
                Some(text) => Some(Device::parse(text).ok_or_else(|| {
                    format!("device '{text}': expected software, smartcard or hsm")
                })?),
            };
        Ok(())
    }

    /// Declares the signer's identity level of assurance (1 to 4; `None`: not declared).
    pub fn set_identity_loa(&mut self, level: Option<u8>) -> std::result::Result<(), String> {
        self.context.identity_loa = gc_level("identity LoA", level)?;
        Ok(())
    }

    /// Sets the Government of Canada level wanted (1 to 4; `None`: no target).
    pub fn set_target_loa(&mut self, level: Option<u8>) -> std::result::Result<(), String> {
        self.target_loa = gc_level("target LoA", level)?;
        Ok(())
    }

    /// Sets the eIDAS level wanted (`ades`, `ades-qc`, `qes`; `None`: no target).
    pub fn set_target_eidas(&mut self, level: Option<&str>) -> std::result::Result<(), String> {
        self.target_eidas = match level {
            None => None,
            Some(text) => Some(EidasLevel::parse(text).ok_or_else(|| {
                format!("target eIDAS level '{text}': expected ades, ades-qc or qes")
            })?),
        };
        Ok(())
    }
}

/// A Government of Canada level as given: 1 to 4, or none.
fn gc_level(what: &str, level: Option<u8>) -> std::result::Result<Option<u8>, String> {
    match level {
        Some(n) if !(1..=4).contains(&n) => Err(format!("{what} {n}: expected 1 to 4")),
        level => Ok(level),
    }
}

/// The reasons found, in the order the validation met them.
#[derive(Default)]
struct Reasons {
    failures: Vec<SubIndication>,
    findings: Vec<Finding>,
}

impl Reasons {
    fn fail(&mut self, sub: SubIndication, finding: Finding) {
        self.failures.push(sub);
        self.findings.push(finding);
    }

    /// A definite failure outranks uncertainty; within each, the first met.
    fn outcome(&self) -> (Indication, Option<SubIndication>) {
        let first = self
            .failures
            .iter()
            .find(|s| s.indication() == Indication::TotalFailed)
            .or_else(|| self.failures.first());
        match first {
            None => (Indication::TotalPassed, None),
            Some(sub) => (sub.indication(), Some(*sub)),
        }
    }
}

fn is_one_of(finding: &Finding, rules: &[&'static Rule]) -> bool {
    rules.iter().any(|r| std::ptr::eq(*r, finding.rule()))
}

/// The signature, validated under `options` with the verifier's trust anchors, intermediates,
/// evidence, key policy and revocation policy.
pub(crate) fn check(
    verifier: &Verifier,
    request: &AssuranceRequest<'_>,
    options: &AssuranceOptions,
) -> Result<Checked<AssuranceFacts>> {
    let t = unix_seconds(options.time);
    let signed = SignedData::read(request.signature)?;
    let standalone = request
        .timestamps
        .iter()
        .map(|tst| TimestampToken::read(tst))
        .collect::<Result<Vec<_>>>()?;
    let mut reasons = Reasons::default();

    let content: Option<Cow<'_, [u8]>> = match (signed.content(), request.data) {
        (Some(inside), Some(given)) if inside != given => {
            reasons.fail(
                SubIndication::HashFailure,
                Finding::new(&HASH, "data").text(
                    "detail",
                    localized!(
                        "the data given is not the document inside the signature",
                        "les données fournies ne sont pas le document contenu dans la signature"
                    ),
                ),
            );
            Some(Cow::Borrowed(inside))
        }
        (Some(inside), _) => Some(Cow::Borrowed(inside)),
        (None, Some(given)) => Some(Cow::Borrowed(given)),
        (None, None) => {
            reasons.fail(
                SubIndication::SignedDataNotFound,
                Finding::new(&DATA_NOT_FOUND, "data"),
            );
            None
        }
    };

    let own: Vec<CertificateDer<'static>> = signed
        .certificates()
        .map(|c| CertificateDer::from(c.to_vec()))
        .collect();
    let parsed = candidates(&own, verifier);

    let outcome = check_signer(&signed, content.as_deref().unwrap_or_default(), &parsed);
    let verified_over_data = content.is_some() && outcome.verified.is_ok();
    match (&outcome.verified, &content) {
        (Ok(()), _) => {}
        // Without the data no digest can match, nor a signature over the data itself (no
        // signed attributes): the missing data is the reason given.
        (Err(SignerFailure::Hash(_) | SignerFailure::Signature(_)), None) => {}
        (Err(SignerFailure::Format(why)), _) => reasons.fail(
            SubIndication::FormatFailure,
            Finding::new(&FORMAT, "signature").text("detail", why.clone()),
        ),
        (Err(SignerFailure::NoSigner(why)), _) => reasons.fail(
            SubIndication::NoSigningCertificateFound,
            Finding::new(&SIGNER_NOT_FOUND, "signer").text("detail", why.clone()),
        ),
        (Err(SignerFailure::Hash(why)), Some(_)) => reasons.fail(
            SubIndication::HashFailure,
            Finding::new(&HASH, "signature.messageDigest").text("detail", why.clone()),
        ),
        (Err(SignerFailure::Signature(why)), _) => reasons.fail(
            SubIndication::SigCryptoFailure,
            Finding::new(&SIGNATURE, "signature").text("detail", why.clone()),
        ),
    }
    let signer = outcome.signer.map(|i| &parsed[i]);
    if signer.is_some() {
        let why = match &outcome.signing_certificate {
            SigningCertificate::Matches => None,
            SigningCertificate::Missing => Some(localized!(
                "the signed attributes carry no signing-certificate(-v2) attribute",
                "les attributs signés ne portent pas d'attribut signing-certificate(-v2)"
            )),
            SigningCertificate::Mismatch(why) => Some(why.clone()),
        };
        if let Some(why) = why {
            reasons.fail(
                SubIndication::NoSigningCertificateFound,
                Finding::new(&SIGNING_CERTIFICATE, "signature.signingCertificate")
                    .text("detail", why),
            );
        }
    }

    // Time-stamps: the signature's proofs of existence, and the content's.
    let verify_options = VerifyOptions {
        time: options.time,
        ..verifier.options.clone()
    };
    let signature_value = signed.signature_value();
    let mut stamps: Vec<JudgedStamp> = Vec::new();
    let mut unreadable_stamps = Vec::new();
    for (kind, values, covered) in [
        (
            TimestampKind::Signature,
            signed.unsigned_attribute(&OID_SIGNATURE_TIME_STAMP),
            Some(signature_value),
        ),
        (
            TimestampKind::Content,
            signed.signed_attribute(&OID_CONTENT_TIME_STAMP),
            content.as_deref(),
        ),
    ] {
        for value in values {
            match (TimestampToken::from_der(value), covered) {
                (Ok(token), Some(covered)) => stamps.push(judge_stamp(
                    &token,
                    kind,
                    covered,
                    verifier,
                    &verify_options,
                    &options.algorithms,
                )),
                (Ok(_), None) => {}
                (Err(e), _) => unreadable_stamps.push((kind, e.to_string())),
            }
        }
    }
    for token in &standalone {
        stamps.push(judge_stamp(
            token,
            TimestampKind::Standalone,
            signature_value,
            verifier,
            &verify_options,
            &options.algorithms,
        ));
    }
    for (kind, why) in unreadable_stamps {
        reasons.findings.push(
            Finding::new(&TIMESTAMP_INVALID, "timestamp")
                .text("kind", kind_text(kind))
                .arg("gen_time", "?")
                .arg("detail", why),
        );
    }
    for stamp in &mut stamps {
        if stamp.gen_time > t && stamp.valid() {
            stamp.facts.valid = false;
            stamp.facts.why_not = Some(localized!(
                "its genTime is after the validation time",
                "son genTime est postérieur à la date de validation"
            ));
        }
        let field = "timestamp";
        if !stamp.facts.imprint_matches {
            let covers = match stamp.facts.kind {
                TimestampKind::Content => localized!("the signed data", "des données signées"),
                _ => localized!("the signature value", "de la valeur de signature"),
            };
            reasons.findings.push(
                Finding::new(&TIMESTAMP_IMPRINT, field)
                    .text("kind", kind_text(stamp.facts.kind))
                    .arg("gen_time", &stamp.facts.gen_time)
                    .text("covers", covers),
            );
        } else if let Some(why) = stamp.facts.why_not.clone() {
            reasons.findings.push(
                Finding::new(&TIMESTAMP_INVALID, field)
                    .text("kind", kind_text(stamp.facts.kind))
                    .arg("gen_time", &stamp.facts.gen_time)
                    .text("detail", why),
            );
        }
    }
    let best = stamps
        .iter()
        .filter(|s| s.valid() && s.facts.kind != TimestampKind::Content)
        .map(|s| s.gen_time)
        .min()
        .unwrap_or(t)
        .min(t);
    let made_after = stamps
        .iter()
        .filter(|s| s.valid() && s.facts.kind == TimestampKind::Content)
        .map(|s| s.gen_time)
        .max();
    // A content-time-stamp is obtained before signing, a signature-time-stamp after: one
    // later than the other is evidence that contradicts itself.
    let signature_stamped = stamps
        .iter()
        .filter(|s| s.valid() && s.facts.kind != TimestampKind::Content)
        .map(|s| s.gen_time)
        .min();
    if let (Some(content), Some(signature)) = (made_after, signature_stamped) {
        if content > signature {
            reasons.fail(
                SubIndication::TimestampOrderFailure,
                Finding::new(&TIMESTAMP_ORDER, "timestamps")
                    .arg("content", rfc3339(content))
                    .arg("signature", rfc3339(signature)),
            );
        }
    }

    let mut path: Vec<PathEntry> = Vec::new();
    let mut uses: Vec<SignatureUse> = stamps.iter().flat_map(|s| s.uses.clone()).collect();
    if let Some(cert) = signer {
        judge_signer_certificate(cert, best, made_after, &mut reasons);
        if reasons.failures.iter().all(|f| !is_validity(*f)) {
            path = judge_path(
                verifier,
                &signed,
                cert,
                &own,
                best,
                t,
                made_after,
                options,
                &mut reasons,
            );
        }
        if let Some(scheme) = &outcome.scheme {
            let key = KeyStrength::of(&PublicKey::from_spki(cert.public_key()));
            judge_algorithm(
                &options.algorithms,
                localized!("the signer's signature", "la signature du signataire"),
                scheme,
                outcome.message_digest,
                key,
                best,
                "signature",
                &mut reasons,
            );
            uses.push(SignatureUse {
                what: localized!("the signer's signature", "la signature du signataire"),
                scheme: scheme.clone(),
                message_digest: outcome.message_digest,
                key,
                at: best,
            });
        }
        uses.extend(path_uses(&path, &parsed, best));
    }

    let (indication, sub_indication) = reasons.outcome();
    let qc = signer.map(qc_of).unwrap_or_default();
    let issuer = path.get(1);
    let recognised = match (&options.recognised_cas, issuer) {
        (None, _) => Recognised::NoList,
        (Some(_), None) => Recognised::NotListed(localized!(
            "(no path to the issuing CA)",
            "(pas de chemin jusqu'à l'AC émettrice)"
        )),
        (Some(cas), Some(issuer)) => {
            if cas.iter().any(|ca| same_ca(ca, issuer)) {
                Recognised::Listed
            } else {
                Recognised::NotListed(Localized::same(issuer.subject.clone()))
            }
        }
    };
    let claimed = outcome.signing_time;
    let levels: Levels = levels::judge(&levels::LevelInput {
        indication,
        verified_over_data,
        qc: &qc,
        recognised: &recognised,
        has_signing_time: claimed.is_some() || stamps.iter().any(|s| s.valid()),
        signature_stamp: stamps
            .iter()
            .any(|s| s.valid() && s.facts.kind != TimestampKind::Content),
        context: &options.context,
        uses: &uses,
        target_loa: options.target_loa,
        target_eidas: options.target_eidas,
    });
    let mut findings = reasons.findings;
    if indication != Indication::TotalPassed
        && options.target_loa.is_none()
        && options.target_eidas.is_none()
    {
        findings.push(
            Finding::new(&NOT_PASSED, "indication")
                .arg("indication", indication.name())
                .arg("sub", sub_indication.map_or("", |s| s.name())),
        );
    }
    findings.extend(levels.findings);
    let facts = AssuranceFacts {
        indication,
        sub_indication,
        validation_time: rfc3339(t),
        best_signature_time: rfc3339(best),
        claimed_signing_time: claimed.map(rfc3339),
        algorithm_policy: options.algorithms.name.clone(),
        signed_data: if signed.content().is_some() {
            "enveloping"
        } else {
            "detached"
        },
        eidas_level: levels.eidas,
        qc_type: levels.qc_type,
        gc_loa: levels.gc_loa,
        rgs_stars: levels.rgs_stars,
        signer: signer.map(|cert| signer_facts(cert, outcome.scheme.as_ref(), qc.clone())),
        timestamps: stamps.into_iter().map(|s| s.facts).collect(),
        path,
        context: options.context.clone(),
    };
    Ok(Checked::on(day_of(t), facts, findings))
}

fn kind_text(kind: TimestampKind) -> Localized {
    match kind {
        TimestampKind::Signature => localized!("signature", "de signature"),
        TimestampKind::Content => localized!("content", "du contenu"),
        TimestampKind::Standalone => localized!("given", "fourni"),
    }
}

fn is_validity(sub: SubIndication) -> bool {
    matches!(
        sub,
        SubIndication::NotYetValid | SubIndication::Expired | SubIndication::OutOfBoundsNoPoe
    )
}

/// The signer's certificate at the best-signature-time: valid then, and fit for signing.
fn judge_signer_certificate(
    cert: &X509Certificate<'_>,
    best: i64,
    made_after: Option<i64>,
    reasons: &mut Reasons,
) {
    let validity = cert.validity();
    let (not_before, not_after) = (
        validity.not_before.timestamp(),
        validity.not_after.timestamp(),
    );
    if best < not_before {
        reasons.fail(
            SubIndication::NotYetValid,
            Finding::new(&NOT_YET_VALID, "signer.notBefore")
                .arg("best", rfc3339(best))
                .arg("not_before", rfc3339(not_before)),
        );
    } else if best > not_after {
        match made_after {
            Some(proof) if proof > not_after => reasons.fail(
                SubIndication::Expired,
                Finding::new(&EXPIRED, "signer.notAfter")
                    .arg("not_after", rfc3339(not_after))
                    .arg("proof", rfc3339(proof)),
            ),
            _ => reasons.fail(
                SubIndication::OutOfBoundsNoPoe,
                Finding::new(&OUT_OF_BOUNDS, "signer.notAfter")
                    .arg("not_after", rfc3339(not_after))
                    .arg("best", rfc3339(best)),
            ),
        }
    }
    if let Ok(Some(ku)) = cert.key_usage() {
        if !ku.value.digital_signature() && !ku.value.non_repudiation() {
            reasons.fail(
                SubIndication::SigConstraintsFailure,
                Finding::new(&KEY_USAGE, "signer.keyUsage")
                    .arg("usage", key_usage_names(ku.value).join(", ")),
            );
        }
    }
}

/// The signer's path at the best-signature-time, with revocation evidence that may be issued
/// up to the validation time; the evidence inside the signature counts.
#[allow(clippy::too_many_arguments)]
fn judge_path(
    verifier: &Verifier,
    signed: &SignedData,
    cert: &X509Certificate<'_>,
    own: &[CertificateDer<'static>],
    best: i64,
    t: i64,
    made_after: Option<i64>,
    options: &AssuranceOptions,
    reasons: &mut Reasons,
) -> Vec<PathEntry> {
    let mut chain = vec![CertificateDer::from(cert.as_ref().to_vec())];
    chain.extend(own.iter().filter(|c| c.as_ref() != cert.as_ref()).cloned());
    let extra = RevocationSources {
        crls: signed
            .crls()
            .filter_map(|der| Crl::from_der(der.to_vec()).ok())
            .collect(),
        ocsp: signed
            .ocsp_responses()
            .filter_map(|der| OcspResponse::from_der(der.to_vec()).ok())
            .collect(),
    };
    let at = |seconds: i64| {
        UnixTime::since_unix_epoch(std::time::Duration::from_secs(
            u64::try_from(seconds).unwrap_or(0),
        ))
    };
    let chain_options = VerifyOptions {
        usage: Usage::Any,
        name: None,
        time: at(best),
        evidence_until: (best < t).then(|| at(t)),
        algorithms: options.algorithms.clone(),
        cn_fallback: false,
        cn_must_equal_name: false,
        ..verifier.options.clone()
    };
    let checked = verifier.check_with(&chain, None, &chain_options, &extra);
    let path = checked.facts.path;
    let last = path.len().saturating_sub(1);
    for (i, entry) in path.iter().enumerate().take(last) {
        match &entry.revocation {
            RevocationStatus::Revoked { date, .. } if i == 0 => {
                let revoked_at = parse_time(date);
                match made_after {
                    Some(proof) if revoked_at.is_some_and(|r| proof > r) => reasons.fail(
                        SubIndication::Revoked,
                        Finding::new(&REVOKED, "path[0]")
                            .arg("date", date)
                            .arg("proof", rfc3339(proof)),
                    ),
                    _ => reasons.fail(
                        SubIndication::RevokedNoPoe,
                        Finding::new(&REVOKED_NO_POE, "path[0]")
                            .arg("date", date)
                            .arg("best", rfc3339(best)),
                    ),
                }
            }
            RevocationStatus::Revoked { date, .. } => reasons.fail(
                SubIndication::RevokedCaNoPoe,
                Finding::new(&REVOKED_CA, format!("path[{i}]"))
                    .arg("subject", &entry.subject)
                    .arg("date", date)
                    .arg("best", rfc3339(best)),
            ),
            RevocationStatus::Good {
                revoked_after: Some(date),
                ..
            } if i == 0 => reasons.findings.push(
                Finding::new(&REVOKED_AFTER, "path[0]")
                    .arg("date", date)
                    .arg("best", rfc3339(best)),
            ),
            RevocationStatus::Unknown { why } | RevocationStatus::Stale { why, .. } => reasons
                .fail(
                    SubIndication::TryLater,
                    Finding::new(&REVOCATION_MISSING, format!("path[{i}]"))
                        .arg("subject", &entry.subject)
                        .text("detail", why.clone()),
                ),
            _ => {}
        }
    }
    let dated_algorithm: [&'static Rule; 3] = [
        &algorithms::SIGNATURE_EXPIRED,
        &algorithms::SCHEME_EXPIRED,
        &algorithms::KEY_TOO_SMALL,
    ];
    for finding in checked
        .findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
    {
        let detail = finding.localized();
        let what = localized!(
            "{field} of the signer's path",
            "{field} du chemin du signataire",
            field = finding.field()
        );
        if is_one_of(finding, crate::revocation::findings::RULES) {
            // Told above, from the status of each certificate.
        } else if is_one_of(finding, &dated_algorithm) {
            reasons.fail(
                SubIndication::CryptoConstraintsFailureNoPoe,
                Finding::new(&CRYPTO_NO_POE, finding.field())
                    .text("what", what)
                    .text("detail", detail),
            );
        } else if is_one_of(finding, algorithms::RULES) || is_one_of(finding, keys::RULES) {
            reasons.fail(
                SubIndication::CryptoConstraintsFailure,
                Finding::new(&CRYPTO, finding.field())
                    .text("what", what)
                    .text("detail", detail),
            );
        } else if path.is_empty() {
            reasons.fail(
                SubIndication::NoCertificateChainFound,
                Finding::new(&CHAIN_NOT_FOUND, finding.field()).text("detail", detail),
            );
        } else {
            reasons.fail(
                SubIndication::ChainConstraintsFailure,
                Finding::new(&CHAIN_CONSTRAINTS, finding.field()).text("detail", detail),
            );
        }
    }
    if path.is_empty()
        && !reasons
            .failures
            .contains(&SubIndication::NoCertificateChainFound)
    {
        reasons.fail(
            SubIndication::NoCertificateChainFound,
            Finding::new(&CHAIN_NOT_FOUND, "path").text(
                "detail",
                localized!("no path was built", "aucun chemin n'a été construit"),
            ),
        );
    }
    path
}

/// The signer's signature judged by the algorithm policy at the best-signature-time; refused
/// then but allowed at some earlier time, a proof of existence from before would have saved it.
#[allow(clippy::too_many_arguments)]
fn judge_algorithm(
    policy: &AlgorithmPolicy,
    what: Localized,
    scheme: &SignatureScheme,
    message_digest: Option<crate::signature::HashAlg>,
    key: Option<KeyStrength>,
    at: i64,
    field: &str,
    reasons: &mut Reasons,
) {
    let refused = policy.check_signed_digest(scheme, message_digest, key, day_of(at), field);
    let Some(first) = refused.first() else {
        return;
    };
    let ever = policy.check_signed_digest(scheme, message_digest, key, day_of(0), field);
    let (sub, rule) = if ever.is_empty() {
        (SubIndication::CryptoConstraintsFailureNoPoe, &CRYPTO_NO_POE)
    } else {
        (SubIndication::CryptoConstraintsFailure, &CRYPTO)
    };
    reasons.fail(
        sub,
        Finding::new(rule, field)
            .text("what", what)
            .text("detail", first.localized()),
    );
}

/// The signatures of the path's certificates, each judged at the best-signature-time.
fn path_uses(
    path: &[PathEntry],
    candidates: &[X509Certificate<'_>],
    best: i64,
) -> Vec<SignatureUse> {
    let find = |entry: &PathEntry| candidates.iter().find(|c| names_entry(c, entry));
    let certs: Vec<Option<&X509Certificate<'_>>> = path.iter().map(find).collect();
    let mut uses = Vec::new();
    for i in 0..certs.len().saturating_sub(1) {
        if let (Some(cert), Some(issuer)) = (certs[i], certs[i + 1]) {
            uses.push(SignatureUse {
                what: localized!(
                    "the signature of {subject}",
                    "la signature de {subject}",
                    subject = dn_text(cert.subject())
                ),
                scheme: SignatureScheme::from_algorithm(&cert.signature_algorithm),
                message_digest: None,
                key: KeyStrength::of(&PublicKey::from_spki(issuer.public_key())),
                at: best,
            });
        }
    }
    uses
}

fn qc_of(cert: &X509Certificate<'_>) -> QcFacts {
    let extension = cert
        .extensions()
        .iter()
        .find(|e| e.oid == asn1_rs::oid!(1.3.6 .1 .5 .5 .7 .1 .3))
        .map(|e| e.value);
    let policies: Vec<String> = cert
        .extensions()
        .iter()
        .filter_map(|e| match e.parsed_extension() {
            ParsedExtension::CertificatePolicies(p) => Some(p),
            _ => None,
        })
        .flat_map(|p| p.iter().map(|info| crate::x509::dotted(&info.policy_id)))
        .collect();
    QcFacts::read(extension, &policies)
}

fn same_ca(ca: &CertificateDer<'_>, issuer: &PathEntry) -> bool {
    X509Certificate::from_der(ca).is_ok_and(|(_, c)| names_entry(&c, issuer))
}

/// Whether `cert` is the certificate a path entry names: the same key (the SHA-256 of its
/// SubjectPublicKeyInfo, as the entry records it) and the same subject.
fn names_entry(cert: &X509Certificate<'_>, entry: &PathEntry) -> bool {
    crate::derwalk::hex_is(&entry.spki_sha256, &Sha256::digest(cert.public_key().raw))
        && dn_text(cert.subject()) == entry.subject
}

fn signer_facts(
    cert: &X509Certificate<'_>,
    scheme: Option<&SignatureScheme>,
    qc: QcFacts,
) -> SignerFacts {
    let validity = cert.validity();
    SignerFacts {
        subject: dn_text(cert.subject()),
        issuer: dn_text(cert.issuer()),
        serial: crate::derwalk::hex_text(cert.raw_serial()),
        not_before: rfc3339(validity.not_before.timestamp()),
        not_after: rfc3339(validity.not_after.timestamp()),
        key: PublicKey::from_spki(cert.public_key()).facts(cert.public_key().raw),
        signature_algorithm: scheme.map(|s| s.describe()),
        qc,
    }
}

/// An RFC 3339 time as sceau writes them, back to Unix seconds.
fn parse_time(text: &str) -> Option<i64> {
    ::time::OffsetDateTime::parse(text, &::time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}
