//! The checks as the API offers them: each takes the bytes (or the request) and the policy,
//! runs one domain's check, and gives one [`Report`].

use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use time::Date;

use crate::assurance::validation::{AssuranceOptions, AssuranceRequest};
use crate::chain::verifier::Verifier;
use crate::error::Result;
use crate::policy::IssuancePolicy;
use crate::profile::catalog::Product;
use crate::profile::quote::QuoteRequest;
use crate::report::Report;
use crate::revocation::ocsp::OcspResponse;

/// Checks a CSR (PEM, base64 or DER) against `policy` at time `now`: proof of possession,
/// algorithm and key policy, subject, requested names and extensions, and the product's rules.
///
/// Returns `Err` only when the bytes are not one readable CSR; every reason to refuse a readable
/// CSR is a finding in the report, all of them at once.
pub fn check_csr(input: &[u8], policy: &IssuancePolicy, now: UnixTime) -> Result<Report> {
    crate::csr::intake::check(input, policy, now).map(|checked| Report::of(&policy.id, checked))
}

/// Checks an issued certificate against `policy` (the baseline or a product): key and signature
/// algorithm, names, usages, basicConstraints, policies, and validity against the product's
/// durations and the dated caps in force at its notBefore.
pub fn check_certificate(input: &[u8], policy: &IssuancePolicy) -> Result<Report> {
    crate::cert::checks::check(input, policy)
        .map(|(profile, checked)| Report::of(&profile, checked))
}

/// Compares a certificate with a request and/or a private key (at least one must be given):
/// the request's key, CN and names in the certificate; the private key belongs to it and holds
/// together.
pub fn match_certificate(
    certificate: &[u8],
    csr: Option<&[u8]>,
    private_key: Option<&[u8]>,
) -> Result<Report> {
    crate::matching::check(certificate, csr, private_key)
        .map(|checked| Report::of("match", checked))
}

/// Where the certificate in `input` stands at `now` under `product`'s terms: days and business
/// days left (`holidays` excluded), notice, renewal, re-issuance.
pub fn expiry(input: &[u8], product: &Product, holidays: &[Date], now: UnixTime) -> Result<Report> {
    crate::profile::expiry::check(input, product, holidays, now)
        .map(|checked| Report::of(&product.id, checked))
}

/// Prices `request` for `product`, line by line. Refusals are findings; a refused quote has no
/// total.
pub fn quote(product: &Product, request: QuoteRequest) -> Report {
    Report::of(&product.id, crate::profile::quote::check(product, request))
}

impl Verifier {
    /// Verifies a chain file (leaf first, intermediates after it) against the options, with
    /// the name of `options.name`.
    pub fn verify(&self, chain: &[u8]) -> Result<Report> {
        let (certs, name) = self.read_request(chain)?;
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
        Report::of(self.profile(), self.check(chain, name, time, stapled))
    }
}

/// Validates the electronic signature of `request` (CMS/CAdES, detached or enveloping, with its
/// time-stamps) with `verifier`'s trust anchors, intermediates, CRLs, OCSP responses, key and
/// revocation policies, under `options` (validation time, algorithm policy, declared context,
/// recognised CAs, targets): one report with the ETSI EN 319 102-1 outcome, the eIDAS, Government
/// of Canada and RGS levels, and a finding for every reason and every requirement missing.
/// Input that is not a CMS signature (or a time-stamp token given beside it) is an error.
pub fn assurance(
    verifier: &Verifier,
    request: &AssuranceRequest<'_>,
    options: &AssuranceOptions,
) -> Result<Report> {
    crate::assurance::validation::check(verifier, request, options)
        .map(|checked| Report::of("assurance", checked))
}
