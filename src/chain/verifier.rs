//! The verifier: trust anchors, intermediates and revocation evidence, with the options of a
//! verification. rustls-webpki builds and validates the path; sceau's policy
//! (`chain/policy.rs`) judges every candidate path inside webpki's search; the diagnostics
//! explain a chain for which no path was found. The methods that return a `Report`
//! (`verify`, `verify_certificates`, `verify_at`) are in `entry.rs`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::Arc;

use rustls_pki_types::{
    CertificateDer, ServerName, SignatureVerificationAlgorithm, TrustAnchor, UnixTime,
};
use sha2::{Digest, Sha256};
use webpki::{
    EndEntityCert, ExtendedKeyUsageValidator, KeyPurposeId, KeyPurposeIdIter, KeyUsage,
    VerifiedPath,
};
use x509_parser::prelude::*;

use crate::chain::diagnostics;
use crate::chain::facts::ChainFacts;
use crate::chain::name::{check_cn_is_name, check_name, server_name_text};
use crate::chain::options::{Limit, VerifyOptions};
use crate::chain::policy::{Attempt, KeyCache, PathPolicy, Source};
use crate::chain::rules::{INVALID, TOO_MANY_CERTIFICATES, TOO_MANY_PATHS, UNREADABLE};
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

/// The certificate signatures that verified, remembered by a verifier: a service verifies the
/// same intermediate (and often the same client certificate) on every handshake, and an RSA or
/// ECDSA verification costs a hundred times the lookup that recognises it. Only successes are
/// kept, each with its algorithm, key, message and signature, byte for byte: a verification's
/// answer on the same four inputs cannot change. Found by the signature's bytes, then compared
/// in full; a digest of the message would cost more than the lookup it replaces. Bounded:
/// past [`RememberedSignatures::MOST_BYTES`] the memory is emptied and refilled.
#[derive(Default)]
struct RememberedSignatures(std::sync::Mutex<Memory>);

/// The verified signatures by their bytes, and how many bytes they hold in all.
#[derive(Default)]
struct Memory {
    by_signature: HashMap<Box<[u8]>, Vec<Verified>>,
    bytes: usize,
}

/// What a remembered signature verified: the algorithm (its place in [`ALGORITHMS`]), the key
/// and the message.
struct Verified {
    algorithm: usize,
    public_key: Box<[u8]>,
    message: Box<[u8]>,
}

impl Memory {
    fn knows(&self, algorithm: usize, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        self.by_signature.get(signature).is_some_and(|verified| {
            verified.iter().any(|v| {
                v.algorithm == algorithm && *v.public_key == *public_key && *v.message == *message
            })
        })
    }

    fn count(&self) -> usize {
        self.by_signature.values().map(Vec::len).sum()
    }
}

impl std::fmt::Debug for RememberedSignatures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let memory = self.lock();
        write!(
            f,
            "RememberedSignatures({} verified, {} bytes)",
            memory.count(),
            memory.bytes
        )
    }
}

impl RememberedSignatures {
    /// 4 MiB: some 2,000 certificates of the usual size, a pool of CAs and their busiest
    /// clients.
    const MOST_BYTES: usize = 4 << 20;
    /// One signature's bytes can verify under several keys an attacker made: past this many,
    /// the further ones are verified each time, not remembered.
    const PER_SIGNATURE: usize = 8;

    fn lock(&self) -> std::sync::MutexGuard<'_, Memory> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A webpki signature algorithm that asks the verifier's memory before verifying.
#[derive(Debug)]
struct Remembering<'m> {
    /// Its place in [`ALGORITHMS`].
    algorithm: usize,
    inner: &'static dyn SignatureVerificationAlgorithm,
    memory: &'m RememberedSignatures,
}

impl SignatureVerificationAlgorithm for Remembering<'_> {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> std::result::Result<(), rustls_pki_types::InvalidSignature> {
        if self
            .memory
            .lock()
            .knows(self.algorithm, public_key, message, signature)
        {
            return Ok(());
        }
        self.inner
            .verify_signature(public_key, message, signature)?;
        let size = public_key.len() + message.len() + signature.len();
        // An input that will not be kept must not empty the memory: one larger than the
        // whole memory, one already known, or one past its signature's share.
        if size > RememberedSignatures::MOST_BYTES {
            return Ok(());
        }
        let mut memory = self.memory.lock();
        if memory.knows(self.algorithm, public_key, message, signature)
            || memory
                .by_signature
                .get(signature)
                .is_some_and(|verified| verified.len() >= RememberedSignatures::PER_SIGNATURE)
        {
            return Ok(());
        }
        if memory.bytes + size > RememberedSignatures::MOST_BYTES {
            *memory = Memory::default();
        }
        memory
            .by_signature
            .entry(signature.into())
            .or_default()
            .push(Verified {
                algorithm: self.algorithm,
                public_key: public_key.into(),
                message: message.into(),
            });
        memory.bytes += size;
        Ok(())
    }

    fn public_key_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        self.inner.public_key_alg_id()
    }

    fn signature_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        self.inner.signature_alg_id()
    }

    fn fips(&self) -> bool {
        self.inner.fips()
    }
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
    key_cache: Arc<KeyCache>,
    signatures: Arc<RememberedSignatures>,
    /// The digests of every anchor, intermediate, CRL and response held: each is held once.
    seen: HashSet<[u8; 32]>,
}

/// The digest by which material is recognised as held already (kind and DER).
fn material_digest(kind: ObjectKind, der: &[u8]) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update([kind as u8]);
    hash.update(der);
    hash.finalize().into()
}

/// The DER of one certificate, checked to be one complete readable certificate.
fn complete_certificate(der: Vec<u8>) -> Result<CertificateDer<'static>> {
    input::complete(
        &der,
        X509Certificate::from_der(&der),
        ObjectKind::Certificate,
    )?;
    Ok(CertificateDer::from(der))
}

/// A certificate as a trust anchor.
fn anchor_of(der: &CertificateDer<'_>) -> Result<TrustAnchor<'static>> {
    webpki::anchor_from_trusted_cert(der)
        .map(|anchor| anchor.to_owned())
        .map_err(|e| Error::BadDer {
            detail: format!("not usable as a trust anchor: {e:?}"),
            expected: ObjectKind::Certificate,
        })
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
            signatures: Default::default(),
            seen: HashSet::new(),
        }
    }

    /// The name reports give this verifier (`verify`, `diapason-client`).
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// Trusts every certificate in `input` (PEM bundle or one DER); returns how many were new
    /// (a certificate already trusted counts once). All or none: on an error nothing is added.
    pub fn add_anchors(&mut self, input: &[u8]) -> Result<usize> {
        let mut added = Vec::new();
        self.distinct(input, ObjectKind::Certificate, Limit::Anchors, |der| {
            let der = complete_certificate(der)?;
            let anchor = anchor_of(&der)?;
            added.push((anchor, der));
            Ok(())
        })?;
        let count = added.len();
        for (anchor, der) in added {
            // The anchor's key is judged on every path: judged now, once, under the key policy
            // in force (a later policy empties the memory and judges again).
            if let Ok((_, cert)) = X509Certificate::from_der(&der) {
                self.key_cache.verdict(&cert, &self.options.keys);
            }
            self.anchors.push(anchor);
            self.anchor_certs.push(der);
        }
        Ok(count)
    }

    /// Trusts one DER certificate (once: a certificate already trusted is not added again).
    pub fn add_anchor_der(&mut self, der: CertificateDer<'static>) -> Result<()> {
        self.add_anchors(der.as_ref()).map(drop)
    }

    /// Adds intermediates that paths may use; returns how many were new.
    pub fn add_intermediates(&mut self, input: &[u8]) -> Result<usize> {
        let mut added = Vec::new();
        self.distinct(
            input,
            ObjectKind::Certificate,
            Limit::Intermediates,
            |der| {
                added.push(complete_certificate(der)?);
                Ok(())
            },
        )?;
        let count = added.len();
        self.intermediates.extend(added);
        Ok(count)
    }

    /// Adds the CRLs of `input` (PEM bundle or one DER); returns how many were new (a CRL
    /// already held, byte for byte, counts once).
    pub fn add_crls(&mut self, input: &[u8]) -> Result<usize> {
        let mut added = Vec::new();
        self.distinct(input, ObjectKind::Crl, Limit::Crls, |der| {
            added.push(Crl::from_der(der)?);
            Ok(())
        })?;
        let count = added.len();
        self.sources.crls.extend(added);
        Ok(count)
    }

    /// Adds an already-read CRL, unless it is held already.
    pub fn add_crl(&mut self, crl: Crl) -> Result<()> {
        let digest = material_digest(ObjectKind::Crl, crl.der());
        if !self.seen.contains(&digest) {
            self.options
                .limits
                .check(Limit::Crls, self.sources.crls.len() + 1)?;
            self.seen.insert(digest);
            self.sources.crls.push(crl);
        }
        Ok(())
    }

    /// Adds the OCSP responses of `input`; returns how many were new (identical responses
    /// count once: they are decoded once).
    pub fn add_ocsp(&mut self, input: &[u8]) -> Result<usize> {
        let mut added = Vec::new();
        self.distinct(
            input,
            ObjectKind::OcspResponse,
            Limit::OcspResponses,
            |der| {
                added.push(OcspResponse::from_der(der)?);
                Ok(())
            },
        )?;
        let count = added.len();
        self.sources.ocsp.extend(added);
        Ok(count)
    }

    /// Hands each object of `input` not already held to `add`, counting them against `limit`;
    /// the objects are remembered as held only when all of them were added.
    fn distinct(
        &mut self,
        input: &[u8],
        kind: ObjectKind,
        limit: Limit,
        mut add: impl FnMut(Vec<u8>) -> Result<()>,
    ) -> Result<()> {
        let held = match limit {
            Limit::Anchors => self.anchors.len(),
            Limit::Intermediates => self.intermediates.len(),
            Limit::Crls => self.sources.crls.len(),
            Limit::OcspResponses => self.sources.ocsp.len(),
            Limit::ChainCertificates | Limit::PathAttempts => 0,
        };
        let mut new = HashSet::new();
        let limits = self.options.limits;
        input::for_each_object(input, kind, |decoded| {
            let digest = material_digest(kind, &decoded.der);
            if self.seen.contains(&digest) || !new.insert(digest) {
                return Ok(ControlFlow::Continue(()));
            }
            limits.check(limit, held + new.len())?;
            add(decoded.der.into_owned())?;
            Ok(ControlFlow::Continue(()))
        })?;
        self.seen.extend(new);
        Ok(())
    }

    /// The trust anchors' certificates.
    pub fn anchor_certificates(&self) -> &[CertificateDer<'static>] {
        &self.anchor_certs
    }

    /// The configured intermediates.
    pub(crate) fn intermediate_certificates(&self) -> &[CertificateDer<'static>] {
        &self.intermediates
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
        let certs = self.chain_certificates(chain)?;
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

    /// The certificates of a chain file, each read completely; decoding stops after one more
    /// than the limit allows (`check` then refuses the chain, without reading it all).
    fn chain_certificates(&self, chain: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
        let most = self.options.limits.get(Limit::ChainCertificates);
        let mut certs = Vec::new();
        input::for_each_object(chain, ObjectKind::Certificate, |decoded| {
            certs.push(complete_certificate(decoded.der.into_owned())?);
            Ok(match certs.len() > most {
                true => ControlFlow::Break(()),
                false => ControlFlow::Continue(()),
            })
        })?;
        Ok(certs)
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
        let extra = RevocationSources {
            crls: Vec::new(),
            ocsp: stapled.to_vec(),
        };
        self.check_with(chain, name, options, &extra)
    }

    /// Verifies `chain` (leaf first) for `name` if given under `options` instead of the
    /// verifier's own, with `extra` evidence given with this verification (a stapled response,
    /// the CRLs inside a signature).
    pub(crate) fn check_with(
        &self,
        chain: &[CertificateDer<'_>],
        name: Option<&ServerName<'_>>,
        options: &VerifyOptions,
        extra: &RevocationSources,
    ) -> Checked<ChainFacts> {
        let day = day_of(options.unix_time());
        let mut facts = ChainFacts {
            usage: options.usage,
            name: name.map(server_name_text),
            time: rfc3339(options.unix_time()),
            revocation_policy: options.revocation,
            chain_length: chain.len(),
            path: Vec::new(),
        };
        let most = options.limits.get(Limit::ChainCertificates);
        if chain.len() > most {
            let finding = Finding::new(&TOO_MANY_CERTIFICATES, "chain").arg("limit", most);
            return Checked::on(day, facts, vec![finding]);
        }
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
        let (result, attempt, stopped) = self.search(chain, &parsed, &leaf, options, extra);
        findings.extend(stopped);
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
    /// answer, the last path judged (the accepted one on success, else the last refused), and
    /// the finding that says the search was stopped at the path-attempts limit.
    fn search<'c>(
        &self,
        chain: &'c [CertificateDer<'c>],
        parsed: &'c [X509Certificate<'c>],
        leaf: &EndEntityCert<'_>,
        options: &VerifyOptions,
        extra: &RevocationSources,
    ) -> (
        std::result::Result<(), webpki::Error>,
        Option<Attempt>,
        Option<Finding>,
    ) {
        let policy = PathPolicy {
            anchors: &self.anchors,
            anchor_certs: &self.anchor_certs,
            intermediates: &self.intermediates,
            sources: &self.sources,
            keys: &self.key_cache,
            options,
            extra,
            chain,
            parsed,
        };
        let pool: Vec<CertificateDer<'_>> = chain[1..]
            .iter()
            .chain(&self.intermediates)
            .map(|c| CertificateDer::from(c.as_ref()))
            .collect();
        let last: RefCell<Option<Attempt>> = RefCell::new(None);
        let most = options.limits.get(Limit::PathAttempts);
        let judged = Cell::new(0usize);
        let judge = |path: &VerifiedPath<'_>| {
            // webpki's hook cannot stop the search: past the limit, refuse without judging.
            if judged.get() >= most {
                judged.set(most + 1);
                return Err(webpki::Error::UnknownIssuer);
            }
            judged.set(judged.get() + 1);
            let (attempt, answer) = policy.judge(path);
            if let Some(attempt) = attempt {
                *last.borrow_mut() = Some(attempt);
            }
            answer
        };
        let remembering: Vec<Remembering<'_>> = ALGORITHMS
            .iter()
            .enumerate()
            .map(|(algorithm, &inner)| Remembering {
                algorithm,
                inner,
                memory: &self.signatures,
            })
            .collect();
        let algorithms: Vec<&dyn SignatureVerificationAlgorithm> = remembering
            .iter()
            .map(|a| a as &dyn SignatureVerificationAlgorithm)
            .collect();
        let result = leaf
            .verify_for_usage(
                &algorithms,
                &self.anchors,
                &pool,
                options.time,
                UsageValidator(options.usage),
                None,
                Some(&judge),
            )
            .map(drop);
        let stopped = (result.is_err() && judged.get() > most)
            .then(|| Finding::new(&TOO_MANY_PATHS, "path").arg("limit", most));
        (result, last.into_inner(), stopped)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Accepts the signature `good` only, and counts its calls.
    #[derive(Debug)]
    struct Counting(AtomicUsize);

    impl SignatureVerificationAlgorithm for Counting {
        fn verify_signature(
            &self,
            _public_key: &[u8],
            _message: &[u8],
            signature: &[u8],
        ) -> std::result::Result<(), rustls_pki_types::InvalidSignature> {
            self.0.fetch_add(1, Ordering::SeqCst);
            (signature == b"good")
                .then_some(())
                .ok_or(rustls_pki_types::InvalidSignature)
        }
        fn public_key_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
            rustls_pki_types::alg_id::ECDSA_P256
        }
        fn signature_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
            rustls_pki_types::alg_id::ECDSA_SHA256
        }
    }

    #[test]
    fn a_signature_is_verified_once_and_only_the_same_one_is_remembered() {
        static INNER: Counting = Counting(AtomicUsize::new(0));
        let memory = RememberedSignatures::default();
        let algorithm = Remembering {
            algorithm: 0,
            inner: &INNER,
            memory: &memory,
        };
        let calls = || INNER.0.load(Ordering::SeqCst);
        for _ in 0..3 {
            assert!(algorithm.verify_signature(b"key", b"tbs", b"good").is_ok());
        }
        assert_eq!(calls(), 1);
        // Another message, key or signature is verified, and a refusal is never remembered.
        assert!(algorithm.verify_signature(b"key", b"tbs2", b"good").is_ok());
        assert!(algorithm.verify_signature(b"key2", b"tbs", b"good").is_ok());
        assert_eq!(calls(), 3);
        for _ in 0..2 {
            assert!(algorithm
                .verify_signature(b"key", b"tbs", b"forged")
                .is_err());
        }
        assert_eq!(calls(), 5);
        // Each field is compared on its own: moving bytes from the message to the key is
        // another input.
        assert!(algorithm.verify_signature(b"keyt", b"bs", b"good").is_ok());
        assert_eq!(calls(), 6);
        // So is the same input under another algorithm.
        let other = Remembering {
            algorithm: 1,
            ..algorithm
        };
        assert!(other.verify_signature(b"key", b"tbs", b"good").is_ok());
        assert_eq!(calls(), 7);
        assert!(algorithm.verify_signature(b"key", b"tbs", b"good").is_ok());
        assert_eq!(calls(), 7);
        // One signature's bytes are remembered with PER_SIGNATURE inputs at most (five so far):
        // past them, an input is verified every time.
        for i in 0..10u8 {
            assert!(algorithm.verify_signature(b"key", &[i], b"good").is_ok());
        }
        assert_eq!(calls(), 17);
        assert_eq!(memory.lock().count(), RememberedSignatures::PER_SIGNATURE);
        assert!(algorithm.verify_signature(b"key", &[0], b"good").is_ok());
        assert!(algorithm.verify_signature(b"key", &[9], b"good").is_ok());
        assert_eq!(calls(), 18);
        // Bounded in bytes: past MOST_BYTES the memory starts afresh.
        let message = vec![7u8; 64 * 1024];
        for i in 0..100u32 {
            let signature = [&b"good"[..], &i.to_be_bytes()].concat();
            let signed = Remembering {
                inner: &ACCEPTING,
                ..algorithm
            };
            assert!(signed
                .verify_signature(b"key", &message, &signature)
                .is_ok());
            let held = memory.lock().bytes;
            assert!(held <= RememberedSignatures::MOST_BYTES, "{held}");
        }
        assert!(memory.lock().count() < 100);
        // An input larger than the whole memory is verified every time, and storing nothing
        // it empties nothing.
        let before = memory.lock().count();
        assert!(before > 0);
        let huge = vec![7u8; RememberedSignatures::MOST_BYTES];
        let counted = calls();
        for _ in 0..2 {
            assert!(algorithm.verify_signature(b"key", &huge, b"good").is_ok());
        }
        assert_eq!(calls(), counted + 2);
        assert_eq!(memory.lock().count(), before);
        // Nor does an input past its signature's share, even one that would fill the memory.
        for i in 0..RememberedSignatures::PER_SIGNATURE as u8 {
            assert!(algorithm.verify_signature(b"key", &[i], b"good").is_ok());
        }
        let before = memory.lock().count();
        let room = RememberedSignatures::MOST_BYTES - memory.lock().bytes;
        let filling = vec![7u8; room + 1 - b"key".len() - b"good".len()];
        let counted = calls();
        assert!(algorithm
            .verify_signature(b"key", &filling, b"good")
            .is_ok());
        assert_eq!(calls(), counted + 1);
        assert_eq!(memory.lock().count(), before);
    }

    #[test]
    fn an_anchors_key_is_judged_when_it_is_added_and_once() {
        let root = include_bytes!("../../tests/data/chain/ingetrust-root.pem");
        let mut options = VerifyOptions::new(Usage::Client, UnixTime::now());
        options.revocation = crate::revocation::policy::RevocationPolicy::Off;
        let mut verifier = Verifier::new("test", options);
        assert_eq!(verifier.key_cache.len(), 0);
        verifier.add_anchors(root).unwrap();
        assert_eq!(verifier.key_cache.len(), 1);
        // The same anchor again is not added, nor judged again.
        assert_eq!(verifier.add_anchors(root).unwrap(), 0);
        assert_eq!(verifier.key_cache.len(), 1);
    }

    /// Accepts every signature.
    #[derive(Debug)]
    struct Accepting;

    static ACCEPTING: Accepting = Accepting;

    impl SignatureVerificationAlgorithm for Accepting {
        fn verify_signature(
            &self,
            _public_key: &[u8],
            _message: &[u8],
            _signature: &[u8],
        ) -> std::result::Result<(), rustls_pki_types::InvalidSignature> {
            Ok(())
        }
        fn public_key_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
            rustls_pki_types::alg_id::ECDSA_P256
        }
        fn signature_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
            rustls_pki_types::alg_id::ECDSA_SHA256
        }
    }
}
