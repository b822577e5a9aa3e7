//! The verifier: trust anchors, intermediates and revocation evidence, with the options of a
//! verification. rustls-webpki builds and validates the path; sceau's policy
//! (`chain/policy.rs`) judges every candidate path inside webpki's search; the diagnostics
//! explain a chain for which no path was found. The methods that return a `Report`
//! (`verify`, `verify_certificates`, `verify_at`) are in `entry.rs`.

use std::cell::RefCell;
use std::sync::Arc;

use rustls_pki_types::{
    CertificateDer, ServerName, SignatureVerificationAlgorithm, TrustAnchor, UnixTime,
};
use webpki::{
    EndEntityCert, ExtendedKeyUsageValidator, KeyPurposeId, KeyPurposeIdIter, KeyUsage,
    VerifiedPath,
};
use x509_parser::prelude::*;

use crate::chain::diagnostics;
use crate::chain::facts::ChainFacts;
use crate::chain::name::{check_cn_is_name, check_name, server_name_text};
use crate::chain::options::VerifyOptions;
use crate::chain::policy::{Attempt, KeyCache, PathPolicy, Source};
use crate::chain::rules::{INVALID, UNREADABLE};
use crate::derwalk::rfc3339;
use crate::error::{Error, ObjectKind, Result};
use crate::input;
use crate::lang::localized;
use crate::revocation::crl::Crl;
use crate::revocation::ocsp::OcspResponse;
use crate::revocation::status::RevocationSources;
use crate::rule::{day_of, Checked, Finding};
use crate::usage::Usage;

/// The usage's extendedKeyUsage requirement on the leaf, as the table says.
struct UsageValidator(Usage);

impl ExtendedKeyUsageValidator for UsageValidator {
    fn validate(&self, iter: KeyPurposeIdIter<'_, '_>) -> std::result::Result<(), webpki::Error> {
        let rules = self.0.rules();
        let mut iter = iter;
        match rules.ekus {
            [] => iter.try_for_each(|purpose| purpose.map(drop)),
            [only] if rules.eku_required_in_path => {
                KeyUsage::required(only.oid_der()).validate(iter)
            }
            [only] => KeyUsage::required_if_present(only.oid_der()).validate(iter),
            several => {
                // Any one of several purposes: present or not, as the table says.
                let mut seen = false;
                let mut found = false;
                for purpose in iter {
                    let purpose = purpose?;
                    seen = true;
                    found |= several
                        .iter()
                        .any(|eku| purpose == KeyPurposeId::new(eku.oid_der()));
                }
                if found || (!seen && !rules.eku_required_in_path) {
                    Ok(())
                } else {
                    // webpki's context error cannot be built outside webpki.
                    #[allow(deprecated)]
                    Err(webpki::Error::RequiredEkuNotFound)
                }
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
    key_cache: Arc<KeyCache>,
}

/// Every certificate of `input` (PEM bundle or one DER), each checked to be one complete
/// readable certificate.
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

    /// The name reports give this verifier (`verify`, `diapason-client`).
    pub fn profile(&self) -> &str {
        &self.profile
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

    /// A chain file (leaf first) as certificates, and the name of [`VerifyOptions::name`]:
    /// what `verify` checks before any path is built.
    pub(crate) fn read_request(
        &self,
        chain: &[u8],
    ) -> Result<(Vec<CertificateDer<'static>>, Option<ServerName<'static>>)> {
        if self.anchors.is_empty() {
            return Err(Error::InvalidArgument {
                name: "roots",
                detail: "no trust anchor: give at least one root certificate".into(),
            });
        }
        let certs = certificates(chain)?;
        let name = match &self.options.name {
            None => None,
            Some(text) => Some(
                ServerName::try_from(text.as_str())
                    .map_err(|_| Error::InvalidArgument {
                        name: "name",
                        detail: format!("'{text}' is neither a DNS name nor an IP address"),
                    })?
                    .to_owned(),
            ),
        };
        Ok((certs, name))
    }

    /// Verifies `chain` (leaf first) at `time` for `name` if given, with `stapled` OCSP
    /// responses (a TLS server's) as further evidence.
    pub(crate) fn check(
        &self,
        chain: &[CertificateDer<'_>],
        name: Option<&ServerName<'_>>,
        time: UnixTime,
        stapled: &[OcspResponse],
    ) -> Checked<ChainFacts> {
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
        let day = day_of(options.unix_time());
        let mut facts = ChainFacts {
            usage: options.usage,
            name: name.map(server_name_text),
            time: rfc3339(options.unix_time()),
            revocation_policy: options.revocation,
            chain_length: chain.len(),
            path: Vec::new(),
        };
        let parsed = match parse_chain(chain) {
            Ok(parsed) => parsed,
            Err(unreadable) => return Checked::on(day, facts, vec![unreadable]),
        };
        let mut findings = Vec::new();
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
                findings.push(Finding::new(&INVALID, "chain[0]").text(
                    "detail",
                    localized!(
                        "the leaf is refused by path validation ({e:?})",
                        "le certificat final est refusé par la validation du chemin ({e:?})",
                        e = format!("{e:?}")
                    ),
                ));
                return Checked::on(day, facts, findings);
            }
        };
        let (result, attempt) = self.search(chain, &parsed, &leaf, options, stapled);
        match (&result, attempt) {
            (_, Some(attempt)) => {
                let used: Vec<usize> = attempt
                    .sources
                    .iter()
                    .filter_map(|s| match s {
                        Source::Chain(i) => Some(*i),
                        _ => None,
                    })
                    .collect();
                findings.extend(attempt.findings);
                findings.extend(diagnostics::extra_certificates(&parsed, &used));
                facts.path = attempt.path;
                if let (Ok(_), Some(name)) = (&result, name) {
                    findings.extend(check_name(&leaf, &parsed[0], name, options.cn_fallback));
                    if options.cn_must_equal_name {
                        findings.extend(check_cn_is_name(&parsed[0], name));
                    }
                }
            }
            (Err(error), None) => findings.extend(diagnostics::explain(
                error,
                &parsed,
                &self.intermediates,
                &self.anchor_certs,
                options,
            )),
            (Ok(_), None) => {}
        }
        Checked::on(day, facts, findings)
    }

    /// webpki's path search with sceau's policy judging every candidate path. Returns webpki's
    /// answer and the last path judged: the accepted one on success, else the last refused.
    fn search<'c>(
        &self,
        chain: &'c [CertificateDer<'c>],
        parsed: &'c [X509Certificate<'c>],
        leaf: &EndEntityCert<'_>,
        options: &VerifyOptions,
        stapled: &[OcspResponse],
    ) -> (std::result::Result<(), webpki::Error>, Option<Attempt>) {
        let policy = PathPolicy {
            anchors: &self.anchors,
            anchor_certs: &self.anchor_certs,
            intermediates: &self.intermediates,
            sources: &self.sources,
            keys: &self.key_cache,
            options,
            stapled,
            chain,
            parsed,
        };
        let pool: Vec<CertificateDer<'_>> = chain[1..]
            .iter()
            .chain(&self.intermediates)
            .map(|c| CertificateDer::from(c.as_ref()))
            .collect();
        let last: RefCell<Option<Attempt>> = RefCell::new(None);
        let judge = |path: &VerifiedPath<'_>| {
            let (attempt, answer) = policy.judge(path);
            if let Some(attempt) = attempt {
                *last.borrow_mut() = Some(attempt);
            }
            answer
        };
        let result = leaf
            .verify_for_usage(
                ALGORITHMS,
                &self.anchors,
                &pool,
                options.time,
                UsageValidator(options.usage),
                None,
                Some(&judge),
            )
            .map(drop);
        (result, last.into_inner())
    }
}

/// Every certificate of the chain read, or the finding that names the first unreadable one.
fn parse_chain<'c>(
    chain: &'c [CertificateDer<'c>],
) -> std::result::Result<Vec<X509Certificate<'c>>, Finding> {
    if chain.is_empty() {
        return Err(Finding::new(&UNREADABLE, "chain").arg("position", 1).text(
            "detail",
            localized!("the chain is empty", "la chaîne est vide"),
        ));
    }
    chain
        .iter()
        .enumerate()
        .map(|(i, der)| {
            let unreadable = |detail| {
                Finding::new(&UNREADABLE, format!("chain[{i}]"))
                    .arg("position", i + 1)
                    .text("detail", detail)
            };
            match X509Certificate::from_der(der) {
                Ok(([], cert)) => Ok(cert),
                Ok((rest, _)) => Err(unreadable(localized!(
                    "{n} bytes after the certificate",
                    "{n} octets après le certificat",
                    n = rest.len()
                ))),
                Err(e) => Err(unreadable(localized!("{e}", "{e}", e = e.to_string()))),
            }
        })
        .collect()
}
