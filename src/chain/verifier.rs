//! The verifier: trust anchors, intermediates, revocation sources and options, applied to a
//! chain as one `Report`.

use std::cell::RefCell;

use rustls_pki_types::{
    CertificateDer, ServerName, SignatureVerificationAlgorithm, TrustAnchor, UnixTime,
};
use serde::Serialize;
use webpki::{EndEntityCert, ExtendedKeyUsageValidator, KeyPurposeIdIter, KeyUsage, VerifiedPath};
use x509_parser::prelude::*;

use crate::algorithms::{day_of, AlgorithmPolicy, SignatureScheme};
use crate::derwalk::rfc3339;
use crate::error::{Error, ObjectKind, Result};
use crate::input;
use crate::keys::{KeyPolicy, PublicKey};
use crate::report::{Facts, Finding, Report, Severity, Subject};
use crate::revocation::{
    self, Crl, Freshness, OcspResponse, PathPosition, RevocationPolicy, RevocationSources, Status,
};
use crate::x509::dn_text;

use super::diagnostics;

/// What the end-entity certificate must be good for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Usage {
    /// TLS server authentication (id-kp-serverAuth, if EKU is present).
    #[default]
    Server,
    /// TLS client authentication (id-kp-clientAuth, if EKU is present).
    Client,
    /// Code signing (id-kp-codeSigning required).
    CodeSigning,
    /// S/MIME (id-kp-emailProtection required).
    Email,
    /// No extended key usage requirement.
    Any,
}

impl Usage {
    /// The name used on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Usage::Server => "server",
            Usage::Client => "client",
            Usage::CodeSigning => "code-signing",
            Usage::Email => "email",
            Usage::Any => "any",
        }
    }
}

impl std::str::FromStr for Usage {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "server" => Ok(Usage::Server),
            "client" => Ok(Usage::Client),
            "code-signing" => Ok(Usage::CodeSigning),
            "email" => Ok(Usage::Email),
            "any" => Ok(Usage::Any),
            other => Err(format!(
                "unknown usage '{other}': expected server, client, code-signing, email or any"
            )),
        }
    }
}

const EKU_CODE_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03];
const EKU_EMAIL_PROTECTION: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04];

struct UsageValidator(Usage);

impl ExtendedKeyUsageValidator for UsageValidator {
    fn validate(&self, iter: KeyPurposeIdIter<'_, '_>) -> std::result::Result<(), webpki::Error> {
        match self.0 {
            Usage::Server => KeyUsage::server_auth().validate(iter),
            Usage::Client => KeyUsage::client_auth().validate(iter),
            Usage::CodeSigning => KeyUsage::required(EKU_CODE_SIGNING).validate(iter),
            Usage::Email => KeyUsage::required(EKU_EMAIL_PROTECTION).validate(iter),
            Usage::Any => {
                let mut iter = iter;
                iter.try_for_each(|purpose| purpose.map(drop))
            }
        }
    }
}

/// The signature algorithms webpki may verify; sceau's algorithm policy then judges each.
static ALGORITHMS: &[&dyn SignatureVerificationAlgorithm] = &[
    webpki::ring::ECDSA_P256_SHA256,
    webpki::ring::ECDSA_P256_SHA384,
    webpki::ring::ECDSA_P384_SHA256,
    webpki::ring::ECDSA_P384_SHA384,
    webpki::ring::ED25519,
    webpki::ring::RSA_PKCS1_2048_8192_SHA256,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512,
    webpki::ring::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    webpki::ring::RSA_PKCS1_3072_8192_SHA384,
    webpki::ring::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
    webpki::ring::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
    webpki::ring::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
];

/// How a chain is to be verified.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// What the leaf must be good for.
    pub usage: Usage,
    /// The DNS name or IP address the leaf must carry, if any.
    pub name: Option<String>,
    /// The validation time.
    pub time: UnixTime,
    /// The most intermediates a path may have (webpki's own limit is 6).
    pub max_depth: usize,
    /// How much revocation evidence is demanded.
    pub revocation: RevocationPolicy,
    /// How old evidence may be.
    pub freshness: Freshness,
    /// Whether the subject CN may stand in for a missing DNS subjectAltName.
    pub cn_fallback: bool,
    /// Whether the subject CN must also be the name verified (Diapason terminals compare the
    /// CN of the gateway's certificate with the FQDN they are configured with).
    pub cn_must_equal_name: bool,
    /// The key policy applied to every certificate of the path.
    pub keys: KeyPolicy,
    /// The signature algorithm policy applied to every signature of the path.
    pub algorithms: AlgorithmPolicy,
}

impl VerifyOptions {
    /// Verification for `usage` at `time`: revocation required, no CN fallback, default key
    /// and algorithm policies, at most 6 intermediates.
    pub fn new(usage: Usage, time: UnixTime) -> Self {
        VerifyOptions {
            usage,
            name: None,
            time,
            max_depth: 6,
            revocation: RevocationPolicy::Required,
            freshness: Freshness::default(),
            cn_fallback: false,
            cn_must_equal_name: false,
            keys: KeyPolicy::default(),
            algorithms: AlgorithmPolicy::default(),
        }
    }
}

/// One certificate of the validated path.
#[derive(Clone, Debug, Serialize)]
pub struct PathEntry {
    /// `leaf`, `intermediate` or `anchor`.
    pub role: &'static str,
    /// Subject DN.
    pub subject: String,
    /// Issuer DN.
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// SHA-256 of the SubjectPublicKeyInfo, hex.
    pub spki_sha256: String,
    /// The revocation status found.
    pub revocation: Status,
}

/// What a chain verification established.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ChainFacts {
    /// The usage verified for.
    pub usage: Usage,
    /// The name verified, if any.
    pub name: Option<String>,
    /// The validation time, RFC 3339.
    pub time: String,
    /// The revocation policy applied.
    pub revocation_policy: RevocationPolicy,
    /// How many certificates the chain given held.
    pub chain_length: usize,
    /// The path from the leaf to the anchor, when one was built (also when policy refused it).
    pub path: Vec<PathEntry>,
}

impl ChainFacts {
    /// A few lines for people.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (i, entry) in self.path.iter().enumerate() {
            let status = match &entry.revocation {
                Status::Good { .. } => "not revoked",
                Status::Stale { .. } => "not revoked (stale evidence)",
                Status::Revoked { .. } => "REVOKED",
                Status::Unknown { .. } => "revocation unknown",
                Status::NotChecked => "revocation not checked",
            };
            out.push_str(&format!(
                "  {i}: {:<12} {}  [{status}]\n",
                entry.role, entry.subject
            ));
        }
        out
    }
}

/// A path webpki validated and sceau judged.
struct Attempt {
    path: Vec<PathEntry>,
    sources: Vec<Source>,
    findings: Vec<Finding>,
}

/// Trust anchors, intermediates and revocation evidence, with the options of a verification.
#[derive(Clone, Debug)]
pub struct Verifier {
    anchors: Vec<TrustAnchor<'static>>,
    anchor_certs: Vec<CertificateDer<'static>>,
    intermediates: Vec<CertificateDer<'static>>,
    sources: RevocationSources,
    /// The options every verification uses.
    pub options: VerifyOptions,
    profile: String,
    key_cache: std::sync::Arc<std::sync::Mutex<KeyCache>>,
}

fn certificates(input: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
    input::decode_all(input, ObjectKind::Certificate)?
        .into_iter()
        .map(|d| {
            let der = d.der.into_owned();
            input::complete(
                &der,
                X509Certificate::from_der(&der),
                ObjectKind::Certificate,
            )?;
            Ok(CertificateDer::from(der))
        })
        .collect()
}

impl Verifier {
    /// A verifier with no anchors yet; `profile` names it in reports (`verify`, `diapason-client`).
    pub fn new(profile: impl Into<String>, options: VerifyOptions) -> Self {
        Verifier {
            anchors: Vec::new(),
            anchor_certs: Vec::new(),
            intermediates: Vec::new(),
            sources: RevocationSources::default(),
            options,
            profile: profile.into(),
            key_cache: Default::default(),
        }
    }

    /// Trusts every certificate in `input` (PEM bundle or one DER); returns how many.
    pub fn add_anchors(&mut self, input: &[u8]) -> Result<usize> {
        let certs = certificates(input)?;
        let count = certs.len();
        for der in certs {
            self.add_anchor_der(der)?;
        }
        Ok(count)
    }

    /// Trusts one DER certificate.
    pub fn add_anchor_der(&mut self, der: CertificateDer<'static>) -> Result<()> {
        input::complete(
            &der,
            X509Certificate::from_der(&der),
            ObjectKind::Certificate,
        )?;
        let anchor = webpki::anchor_from_trusted_cert(&der).map_err(|e| Error::BadDer {
            detail: format!("not usable as a trust anchor: {e:?}"),
            expected: ObjectKind::Certificate,
        })?;
        self.anchors.push(anchor.to_owned());
        self.anchor_certs.push(der);
        Ok(())
    }

    /// Adds intermediates that paths may use; returns how many.
    pub fn add_intermediates(&mut self, input: &[u8]) -> Result<usize> {
        let certs = certificates(input)?;
        let count = certs.len();
        self.intermediates.extend(certs);
        Ok(count)
    }

    /// Adds the CRLs of `input` (PEM bundle or one DER); returns how many.
    pub fn add_crls(&mut self, input: &[u8]) -> Result<usize> {
        let crls = Crl::read_all(input)?;
        let count = crls.len();
        self.sources.crls.extend(crls);
        Ok(count)
    }

    /// Adds already-read CRLs.
    pub fn add_crl(&mut self, crl: Crl) {
        self.sources.crls.push(crl);
    }

    /// Adds the OCSP responses of `input`; returns how many.
    pub fn add_ocsp(&mut self, input: &[u8]) -> Result<usize> {
        let responses = OcspResponse::read_all(input)?;
        let count = responses.len();
        self.sources.ocsp.extend(responses);
        Ok(count)
    }

    /// The trust anchors' certificates.
    pub fn anchor_certificates(&self) -> &[CertificateDer<'static>] {
        &self.anchor_certs
    }

    /// How many trust anchors are configured.
    pub fn anchor_count(&self) -> usize {
        self.anchors.len()
    }

    /// Verifies a chain file (leaf first, intermediates after it) against the options, with
    /// the name of [`VerifyOptions::name`].
    pub fn verify(&self, chain: &[u8]) -> Result<Report> {
        if self.anchors.is_empty() {
            return Err(Error::InvalidArgument {
                name: "roots",
                detail: "no trust anchor: give at least one root certificate".into(),
            });
        }
        let certs = certificates(chain)?;
        let name =
            match &self.options.name {
                None => None,
                Some(text) => Some(ServerName::try_from(text.as_str()).map_err(|_| {
                    Error::InvalidArgument {
                        name: "name",
                        detail: format!("'{text}' is neither a DNS name nor an IP address"),
                    }
                })?),
            };
        Ok(self.verify_certificates(&certs, name.as_ref()))
    }

    /// Verifies certificates already split (as a TLS peer sends them), for `name` if given.
    pub fn verify_certificates(
        &self,
        chain: &[CertificateDer<'_>],
        name: Option<&ServerName<'_>>,
    ) -> Report {
        self.verify_at(chain, name, self.options.time, &[])
    }

    /// Verifies `chain` at `time`, with `stapled` OCSP responses (a TLS server's) as further
    /// evidence: the entry point of the rustls verifiers.
    pub fn verify_at(
        &self,
        chain: &[CertificateDer<'_>],
        name: Option<&ServerName<'_>>,
        time: UnixTime,
        stapled: &[OcspResponse],
    ) -> Report {
        let with_time;
        let options = if time == self.options.time {
            &self.options
        } else {
            with_time = VerifyOptions {
                time,
                ..self.options.clone()
            };
            &with_time
        };
        let mut facts = ChainFacts {
            usage: options.usage,
            name: name.map(server_name_text),
            time: rfc3339(unix_seconds(options.time)),
            revocation_policy: options.revocation,
            chain_length: chain.len(),
            path: Vec::new(),
        };
        let mut findings = Vec::new();
        let parsed: Vec<X509Certificate<'_>> = match chain
            .iter()
            .enumerate()
            .map(|(i, der)| match X509Certificate::from_der(der) {
                Ok(([], cert)) => Ok(cert),
                Ok((rest, _)) => Err((i, format!("{} bytes after the certificate", rest.len()))),
                Err(e) => Err((i, e.to_string())),
            })
            .collect::<std::result::Result<Vec<_>, _>>()
        {
            Ok(parsed) => parsed,
            Err((i, detail)) => {
                findings.push(
                    Finding::new(&super::UNREADABLE, format!("chain[{i}]"))
                        .arg("position", i + 1)
                        .arg("detail", detail),
                );
                return self.report(findings, facts);
            }
        };
        if parsed.is_empty() {
            findings.push(
                Finding::new(&super::UNREADABLE, "chain")
                    .arg("position", 1)
                    .arg("detail", "the chain is empty"),
            );
            return self.report(findings, facts);
        }
        findings.extend(diagnostics::leaf_not_first(&parsed));
        findings.extend(diagnostics::self_signed_leaf(
            &parsed[0],
            &chain[0],
            &self.anchor_certs,
        ));

        let leaf = match EndEntityCert::try_from(&chain[0]) {
            Ok(leaf) => leaf,
            // x509-parser read it: what webpki refuses is a property, not the encoding.
            Err(e) => {
                findings.push(Finding::new(&super::INVALID, "chain[0]").arg(
                    "detail",
                    format!("the leaf is refused by path validation: {e:?}"),
                ));
                return self.report(findings, facts);
            }
        };
        let pool: Vec<CertificateDer<'_>> = chain[1..]
            .iter()
            .chain(&self.intermediates)
            .map(|c| CertificateDer::from(c.as_ref()))
            .collect();
        let attempts: RefCell<Vec<Attempt>> = RefCell::new(Vec::new());
        let judge = |path: &VerifiedPath<'_>| {
            self.judge_path(chain, &parsed, path, options, stapled, &attempts)
        };
        let result = leaf.verify_for_usage(
            ALGORITHMS,
            &self.anchors,
            &pool,
            options.time,
            UsageValidator(options.usage),
            None,
            Some(&judge),
        );
        let mut attempts = attempts.into_inner();
        let chosen = match &result {
            // The accepted path is the last one judged.
            Ok(_) => attempts.pop(),
            Err(error) => match attempts.pop() {
                Some(attempt) => Some(attempt),
                None => {
                    findings.extend(diagnostics::explain(
                        error,
                        &parsed,
                        &self.intermediates,
                        &self.anchor_certs,
                        options,
                    ));
                    None
                }
            },
        };
        if let Some(attempt) = chosen {
            findings.extend(attempt.findings);
            let used: Vec<usize> = attempt
                .sources
                .iter()
                .filter_map(|s| match s {
                    Source::Chain(i) => Some(*i),
                    _ => None,
                })
                .collect();
            findings.extend(diagnostics::extra_certificates(&parsed, &used));
            facts.path = attempt.path;
            if result.is_ok() {
                if let Some(name) = name {
                    findings.extend(check_name(&leaf, &parsed[0], name, options.cn_fallback));
                    if options.cn_must_equal_name {
                        findings.extend(check_cn_is_name(&parsed[0], name));
                    }
                }
            }
        }
        self.report(findings, facts)
    }

    fn report(&self, findings: Vec<Finding>, facts: ChainFacts) -> Report {
        Report::new(
            Subject::Chain,
            self.profile.clone(),
            findings,
            Facts::Chain(Box::new(facts)),
        )
    }

    /// sceau's policy on a path webpki validated: keys, algorithms, revocation. Certificates
    /// of the chain given are not parsed again: webpki hands back the very bytes, found here by
    /// address; only configured intermediates and the anchor are read.
    #[allow(clippy::too_many_arguments)]
    fn judge_path<'c>(
        &self,
        chain: &'c [CertificateDer<'c>],
        parsed: &'c [X509Certificate<'c>],
        path: &VerifiedPath<'_>,
        options: &VerifyOptions,
        stapled: &[OcspResponse],
        attempts: &RefCell<Vec<Attempt>>,
    ) -> std::result::Result<(), webpki::Error> {
        let anchor = path.anchor();
        let Some(anchor_index) = self.anchors.iter().position(|a| {
            a.subject == anchor.subject
                && a.subject_public_key_info == anchor.subject_public_key_info
        }) else {
            return Err(webpki::Error::UnknownIssuer);
        };
        let mut sources = vec![Source::Chain(0)];
        for cert in path.intermediate_certificates() {
            let at = cert.der().as_ref().as_ptr();
            let source = match chain.iter().position(|c| c.as_ref().as_ptr() == at) {
                Some(i) => Source::Chain(i),
                None => match self
                    .intermediates
                    .iter()
                    .position(|c| c.as_ref().as_ptr() == at)
                {
                    Some(i) => Source::Configured(i),
                    None => return Err(webpki::Error::UnknownIssuer),
                },
            };
            sources.push(source);
        }
        sources.push(Source::Anchor(anchor_index));
        // Read what is not already read, then borrow every certificate of the path in order.
        let mut read: Vec<X509Certificate<'_>> = Vec::with_capacity(2);
        for source in &sources {
            let der = match source {
                Source::Chain(_) => continue,
                Source::Configured(i) => self.intermediates[*i].as_ref(),
                Source::Anchor(i) => self.anchor_certs[*i].as_ref(),
            };
            match X509Certificate::from_der(der) {
                Ok((_, cert)) => read.push(cert),
                Err(_) => return Err(webpki::Error::BadDer),
            }
        }
        let mut others = read.iter();
        let mut refs: Vec<&X509Certificate<'_>> = Vec::with_capacity(sources.len());
        for source in &sources {
            match source {
                Source::Chain(i) => refs.push(&parsed[*i]),
                _ => refs.extend(others.next()),
            }
        }

        // Certificates given with the chain that the path does not use: possible CRL signers.
        let pool: Vec<&X509Certificate<'_>> = (1..parsed.len())
            .filter(|i| !sources.contains(&Source::Chain(*i)))
            .map(|i| &parsed[i])
            .collect();
        let mut findings = Vec::new();
        // Self-issued intermediates (a CA's key rollover) are not counted, as RFC 5280 §6.1.4(l)
        // does not count them against pathLenConstraint.
        let last = refs.len() - 1;
        let counted = refs[1..last]
            .iter()
            .filter(|c| c.subject().as_raw() != c.issuer().as_raw())
            .count();
        if counted > options.max_depth {
            findings.push(
                Finding::new(&super::TOO_LONG, "path")
                    .arg("count", counted)
                    .arg("max", options.max_depth),
            );
        }
        let time = unix_seconds(options.time);
        let day = day_of(time);
        let mut path_entries = Vec::with_capacity(refs.len());
        for (i, cert) in refs.iter().enumerate() {
            let field = format!("path[{i}]");
            let key = self.key_verdict(cert, &options.keys);
            findings.extend(
                key.findings
                    .iter()
                    .map(|f| f.clone().at(format!("{field}.key"))),
            );
            if i > 0 && i < last {
                if let Ok(Some(ku)) = cert.key_usage() {
                    if !ku.value.key_cert_sign() {
                        findings.push(
                            Finding::new(&super::CA_KEY_USAGE, format!("{field}.keyUsage"))
                                .arg("subject", dn_text(cert.subject()))
                                .arg("usage", crate::x509::key_usage_names(ku.value).join(", ")),
                        );
                    }
                }
            }
            if i < last {
                let scheme = SignatureScheme::from_algorithm(&cert.signature_algorithm);
                findings.extend(options.algorithms.check(
                    &scheme,
                    day,
                    &format!("{field}.signature"),
                ));
            }
            let status = if i == last || options.revocation == RevocationPolicy::Off {
                Status::NotChecked
            } else {
                self.sources.status(
                    &PathPosition {
                        target: cert,
                        above: &refs[i + 1..],
                        pool: &pool,
                    },
                    time,
                    options.freshness,
                    stapled,
                )
            };
            let subject = dn_text(cert.subject());
            let serial = hex::encode(cert.raw_serial());
            findings.extend(revocation::findings(
                &status,
                options.revocation,
                &subject,
                &serial,
                &field,
            ));
            path_entries.push(PathEntry {
                role: if i == 0 {
                    "leaf"
                } else if i == last {
                    "anchor"
                } else {
                    "intermediate"
                },
                subject,
                issuer: dn_text(cert.issuer()),
                serial,
                not_before: rfc3339(cert.validity().not_before.timestamp()),
                not_after: rfc3339(cert.validity().not_after.timestamp()),
                spki_sha256: key.spki_sha256,
                revocation: status,
            });
        }
        let anchor_cert = refs[last];
        let anchor_not_after = anchor_cert.validity().not_after.timestamp();
        if anchor_not_after < time {
            findings.push(
                Finding::new(&super::ANCHOR_EXPIRED, "anchor")
                    .arg("subject", dn_text(anchor_cert.subject()))
                    .arg("not_after", rfc3339(anchor_not_after)),
            );
        }
        let refused = findings.iter().any(|f| f.severity() == Severity::Error);
        let revoked = findings.iter().any(|f| f.code() == "revocation.revoked");
        attempts.borrow_mut().push(Attempt {
            path: path_entries,
            sources,
            findings,
        });
        match (refused, revoked) {
            (false, _) => Ok(()),
            (true, true) => Err(webpki::Error::CertRevoked),
            (true, false) => Err(webpki::Error::UnknownRevocationStatus),
        }
    }

    /// The key policy's findings on a certificate's key (without a field) and its SPKI hash,
    /// remembered by SPKI for the policy in force: anchors and CAs recur in every chain, and
    /// the weak-key tests are the costly part.
    fn key_verdict(&self, cert: &X509Certificate<'_>, policy: &KeyPolicy) -> KeyVerdict {
        let spki = cert.public_key().raw;
        let mut cache = self.key_cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.policy.as_ref() != Some(policy) || cache.entries.len() >= KEY_CACHE_LIMIT {
            cache.policy = Some(policy.clone());
            cache.entries.clear();
        }
        if let Some(known) = cache.entries.get(spki) {
            return known.clone();
        }
        let facts = PublicKey::from_spki(cert.public_key()).facts(spki);
        let verdict = KeyVerdict {
            findings: policy.check(&facts, ""),
            spki_sha256: facts.spki_sha256(),
        };
        cache.entries.insert(spki.to_vec(), verdict.clone());
        verdict
    }
}

/// How many keys a verifier remembers before starting afresh (a server meets many clients).
const KEY_CACHE_LIMIT: usize = 4096;

#[derive(Clone, Debug)]
struct KeyVerdict {
    findings: Vec<Finding>,
    spki_sha256: String,
}

#[derive(Debug, Default)]
struct KeyCache {
    policy: Option<KeyPolicy>,
    entries: std::collections::HashMap<Vec<u8>, KeyVerdict>,
}

/// Where a certificate of a path came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The chain given, at this index.
    Chain(usize),
    /// The verifier's configured intermediates.
    Configured(usize),
    /// The verifier's anchors.
    Anchor(usize),
}

pub(crate) fn unix_seconds(time: UnixTime) -> i64 {
    i64::try_from(time.as_secs()).unwrap_or(i64::MAX)
}

fn server_name_text(name: &ServerName<'_>) -> String {
    match name {
        ServerName::DnsName(dns) => dns.as_ref().to_string(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        other => format!("{other:?}"),
    }
}

/// webpki's name check, then the CN when allowed and the certificate has no DNS SAN.
fn check_name(
    leaf: &EndEntityCert<'_>,
    cert: &X509Certificate<'_>,
    name: &ServerName<'_>,
    cn_fallback: bool,
) -> Vec<Finding> {
    if leaf.verify_is_valid_for_subject_name(name).is_ok() {
        return vec![];
    }
    let wanted = server_name_text(name);
    let mut dns_sans = Vec::new();
    let mut presented = Vec::new();
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        for general in &san.value.general_names {
            match general {
                GeneralName::DNSName(d) => {
                    dns_sans.push(d.to_string());
                    presented.push(d.to_string());
                }
                GeneralName::IPAddress(_) => {
                    presented.push(format!("{:?}", crate::x509::general_name(general)))
                }
                _ => {}
            }
        }
    }
    let cn = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string);
    if let (true, true, Some(cn), ServerName::DnsName(dns)) =
        (cn_fallback, dns_sans.is_empty(), &cn, name)
    {
        if crate::names::dns_matches(cn, dns.as_ref()) {
            return vec![Finding::new(&super::CN_FALLBACK, "leaf.subject.CN").arg("name", wanted)];
        }
    }
    if let Some(cn) = cn {
        presented.push(format!("CN={cn}"));
    }
    let presented = if presented.is_empty() {
        "no name".to_string()
    } else {
        presented.join(", ")
    };
    vec![Finding::new(&super::NAME_MISMATCH, "leaf")
        .arg("name", wanted)
        .arg("presented", presented)]
}

/// The subject CN is the name verified, compared as DNS names are.
fn check_cn_is_name(cert: &X509Certificate<'_>, name: &ServerName<'_>) -> Option<Finding> {
    let wanted = server_name_text(name);
    let cn = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok());
    match cn {
        Some(cn)
            if cn
                .trim_end_matches('.')
                .eq_ignore_ascii_case(wanted.trim_end_matches('.')) =>
        {
            None
        }
        other => Some(
            Finding::new(&super::CN_DIFFERS, "leaf.subject.CN")
                .arg("cn", other.unwrap_or("(none)"))
                .arg("name", wanted),
        ),
    }
}
