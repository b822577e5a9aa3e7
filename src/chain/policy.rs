//! sceau's policy on a path rustls-webpki validated, run inside webpki's path search (its
//! `verify_path` hook) so that a refused path makes webpki try the next candidate: where each
//! certificate came from, the depth, the key policy on every key, keyCertSign on every CA, the
//! algorithm policy on every signature, revocation for every certificate but the anchor, and
//! the anchor's expiry.

use std::collections::HashMap;
use std::sync::Mutex;

use rustls_pki_types::{CertificateDer, TrustAnchor};
use webpki::VerifiedPath;
use x509_parser::prelude::*;

use crate::algorithms::KeyStrength;
use crate::chain::facts::PathEntry;
use crate::chain::options::{unix_seconds, VerifyOptions};
use crate::chain::rules::{ANCHOR_EXPIRED, CA_KEY_USAGE, TOO_LONG};
use crate::derwalk::rfc3339;
use crate::keys::KeyPolicy;
use crate::public_key::PublicKey;
use crate::revocation::evidence::StatusRules;
use crate::revocation::findings::findings as revocation_findings;
use crate::revocation::policy::RevocationPolicy;
use crate::revocation::status::{PathPosition, RevocationSources, RevocationStatus};
use crate::rule::{day_of, in_force_on, Finding, Verdict};
use crate::signature::SignatureScheme;
use crate::x509::{dn_text, key_usage_names};

/// Where a certificate of a path came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// The chain given, at this index.
    Chain(usize),
    /// The verifier's configured intermediates.
    Configured(usize),
    /// The verifier's anchors.
    Anchor(usize),
}

/// A path webpki validated and sceau judged.
pub(crate) struct Attempt {
    /// The path, leaf first.
    pub(crate) path: Vec<PathEntry>,
    /// Where each certificate of the path came from.
    pub(crate) sources: Vec<Source>,
    /// What the policy found, judged on the validation day.
    pub(crate) findings: Vec<Finding>,
}

/// Everything the policy reads: the verifier's material, the options, and the chain at hand
/// (already parsed: webpki hands back the very bytes, found here by address).
pub(crate) struct PathPolicy<'a, 'c> {
    pub(crate) anchors: &'a [TrustAnchor<'static>],
    pub(crate) anchor_certs: &'a [CertificateDer<'static>],
    pub(crate) intermediates: &'a [CertificateDer<'static>],
    pub(crate) sources: &'a RevocationSources,
    pub(crate) keys: &'a KeyCache,
    pub(crate) options: &'a VerifyOptions,
    pub(crate) extra: &'a RevocationSources,
    pub(crate) chain: &'c [CertificateDer<'c>],
    pub(crate) parsed: &'c [X509Certificate<'c>],
}

impl PathPolicy<'_, '_> {
    /// Judges `path`: the attempt (when the path's certificates could be found and read) and
    /// what to tell webpki — `Ok` to accept the path, an error to make it try another.
    pub(crate) fn judge(
        &self,
        path: &VerifiedPath<'_>,
    ) -> (Option<Attempt>, Result<(), webpki::Error>) {
        let sources = match self.locate(path) {
            Ok(sources) => sources,
            Err(e) => return (None, Err(e)),
        };
        let read = match self.read_outside_chain(&sources) {
            Ok(read) => read,
            Err(e) => return (None, Err(e)),
        };
        let mut others = read.iter();
        let mut certs: Vec<&X509Certificate<'_>> = Vec::with_capacity(sources.len());
        for source in &sources {
            match source {
                Source::Chain(i) => certs.push(&self.parsed[*i]),
                _ => certs.extend(others.next()),
            }
        }
        // Certificates given with the chain that the path does not use: possible CRL signers.
        let pool: Vec<&X509Certificate<'_>> = (1..self.parsed.len())
            .filter(|i| !sources.contains(&Source::Chain(*i)))
            .map(|i| &self.parsed[i])
            .collect();

        let time = self.options.unix_time();
        let mut findings: Vec<Finding> = self.depth(&certs).into_iter().collect();
        let mut path_entries = Vec::with_capacity(certs.len());
        for i in 0..certs.len() {
            let (entry, found) = self.judge_certificate(&certs, i, &pool);
            findings.extend(found);
            path_entries.push(entry);
        }
        findings.extend(anchor_expiry(certs[certs.len() - 1], time));
        let findings = in_force_on(findings, day_of(time));
        let answer = webpki_answer(&findings, &path_entries);
        let attempt = Attempt {
            path: path_entries,
            sources,
            findings,
        };
        (Some(attempt), answer)
    }

    /// Where each certificate of the path came from: the chain given, the configured
    /// intermediates, or the anchors (by address: webpki hands back the bytes it was given).
    fn locate(&self, path: &VerifiedPath<'_>) -> Result<Vec<Source>, webpki::Error> {
        let anchor = path.anchor();
        let anchor_index = self
            .anchors
            .iter()
            .position(|a| {
                a.subject == anchor.subject
                    && a.subject_public_key_info == anchor.subject_public_key_info
            })
            .ok_or(webpki::Error::UnknownIssuer)?;
        let mut sources = vec![Source::Chain(0)];
        for cert in path.intermediate_certificates() {
            let at = cert.der().as_ref().as_ptr();
            let source = match self.chain.iter().position(|c| c.as_ref().as_ptr() == at) {
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
        Ok(sources)
    }

    /// The certificates of the path not in the chain given, read (the chain's are read once
    /// already).
    fn read_outside_chain(
        &self,
        sources: &[Source],
    ) -> Result<Vec<X509Certificate<'_>>, webpki::Error> {
        let mut read = Vec::with_capacity(2);
        for source in sources {
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
        Ok(read)
    }

    /// The maximum depth. Self-issued intermediates (a CA's key rollover) are not counted, as
    /// RFC 5280 §6.1.4(l) does not count them against pathLenConstraint.
    fn depth(&self, certs: &[&X509Certificate<'_>]) -> Option<Finding> {
        let last = certs.len() - 1;
        let counted = certs[1..last]
            .iter()
            .filter(|c| c.subject().as_raw() != c.issuer().as_raw())
            .count();
        (counted > self.options.max_depth).then(|| {
            Finding::new(&TOO_LONG, "path")
                .arg("count", counted)
                .arg("max", self.options.max_depth)
        })
    }

    /// Certificate `i` of the path: its key, its keyUsage if it is a CA below the anchor, the
    /// algorithm of its signature, its revocation status.
    fn judge_certificate(
        &self,
        certs: &[&X509Certificate<'_>],
        i: usize,
        pool: &[&X509Certificate<'_>],
    ) -> (PathEntry, Vec<Finding>) {
        let cert = certs[i];
        let last = certs.len() - 1;
        let field = format!("path[{i}]");
        let mut findings = Vec::new();
        let key = self.keys.verdict(cert, &self.options.keys);
        findings.extend(
            key.findings
                .iter()
                .map(|f| f.clone().at(format!("{field}.key"))),
        );
        if i > 0 && i < last {
            findings.extend(ca_key_usage(cert, &field));
        }
        if i < last {
            let scheme = SignatureScheme::from_algorithm(&cert.signature_algorithm);
            let day = day_of(self.options.unix_time());
            let signer = KeyStrength::of(&PublicKey::from_spki(certs[i + 1].public_key()));
            findings.extend(self.options.algorithms.check_signature(
                &scheme,
                signer,
                day,
                &format!("{field}.signature"),
            ));
        }
        let status = if i == last || self.options.revocation == RevocationPolicy::Off {
            RevocationStatus::NotChecked
        } else {
            self.sources.status(
                &PathPosition {
                    target: cert,
                    above: &certs[i + 1..],
                    pool,
                },
                &StatusRules {
                    time: self.options.unix_time(),
                    freshness: self.options.freshness,
                    policy: self.options.revocation,
                    algorithms: &self.options.algorithms,
                    evidence_until: self.options.evidence_until.map(unix_seconds),
                },
                self.extra,
            )
        };
        let subject = dn_text(cert.subject());
        let serial = crate::derwalk::hex_text(cert.raw_serial());
        findings.extend(revocation_findings(
            &status,
            self.options.revocation,
            &subject,
            &serial,
            &field,
        ));
        let entry = PathEntry {
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
        };
        (entry, findings)
    }
}

/// keyCertSign on a CA that signs certificates (webpki does not look: PKITS 4.7.1/4.7.2).
fn ca_key_usage(cert: &X509Certificate<'_>, field: &str) -> Option<Finding> {
    match cert.key_usage() {
        Ok(Some(ku)) if !ku.value.key_cert_sign() => Some(
            Finding::new(&CA_KEY_USAGE, format!("{field}.keyUsage"))
                .arg("subject", dn_text(cert.subject()))
                .arg("usage", key_usage_names(ku.value).join(", ")),
        ),
        _ => None,
    }
}

/// An expired anchor: RFC 5280 ignores it, OpenSSL and Java do not.
fn anchor_expiry(anchor: &X509Certificate<'_>, time: i64) -> Option<Finding> {
    let not_after = anchor.validity().not_after.timestamp();
    (not_after < time).then(|| {
        Finding::new(&ANCHOR_EXPIRED, "anchor")
            .arg("subject", dn_text(anchor.subject()))
            .arg("not_after", rfc3339(not_after))
    })
}

/// What webpki is told: accept the path, or refuse it as revoked (a status says so) or for
/// another reason, so that it tries the next candidate.
fn webpki_answer(findings: &[Finding], path: &[PathEntry]) -> Result<(), webpki::Error> {
    if Verdict::of(findings) == Verdict::Accepted {
        Ok(())
    } else if path
        .iter()
        .any(|entry| matches!(entry.revocation, RevocationStatus::Revoked { .. }))
    {
        Err(webpki::Error::CertRevoked)
    } else {
        Err(webpki::Error::UnknownRevocationStatus)
    }
}

/// How many keys a verifier remembers before starting afresh (a server meets many clients).
const KEY_CACHE_LIMIT: usize = 4096;

/// The key policy's findings on a key (without a field) and its SPKI hash.
#[derive(Clone, Debug)]
pub(crate) struct KeyVerdict {
    findings: Vec<Finding>,
    spki_sha256: String,
}

/// Key verdicts remembered by SPKI for the policy in force: anchors and CAs recur in every
/// chain, and the weak-key tests are the costly part.
#[derive(Debug, Default)]
pub(crate) struct KeyCache(Mutex<KeyCacheEntries>);

#[derive(Debug, Default)]
struct KeyCacheEntries {
    policy: Option<KeyPolicy>,
    entries: HashMap<Vec<u8>, KeyVerdict>,
}

impl KeyCache {
    /// How many keys are remembered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entries
            .len()
    }

    /// The verdict of `policy` on `cert`'s key.
    pub(crate) fn verdict(&self, cert: &X509Certificate<'_>, policy: &KeyPolicy) -> KeyVerdict {
        let spki = cert.public_key().raw;
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
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
