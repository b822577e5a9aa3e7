//! The one report every check gives and every front end renders.
//!
//! A [`Report`] holds what was checked ([`Subject`]), under which profile, the findings (each a
//! rule with the values of its message) and the facts of the object, one of the [`Facts`]. The
//! verdict follows from the findings. How a report is shown (text, JSON) is `crate::render`.

use serde::Serialize;

use crate::assurance::facts::AssuranceFacts;
use crate::cert::facts::CertFacts;
use crate::chain::facts::ChainFacts;
use crate::csr::facts::CsrFacts;
use crate::matching::MatchFacts;
use crate::profile::expiry::ExpiryFacts;
use crate::profile::quote::QuoteFacts;
use crate::rule::{Checked, Finding, Verdict};

/// Identifies the JSON schema of a rendered report; bumped on any incompatible change.
pub const SCHEMA: &str = "sceau.report/1";

/// What kind of object a report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A certificate signing request (PKCS#10).
    Csr,
    /// A price quote from the catalogue.
    Quote,
    /// An issued X.509 certificate.
    Certificate,
    /// A certificate compared with its request and/or private key.
    Match,
    /// Where a certificate stands in its lifecycle.
    Expiry,
    /// A certificate chain, validated to a trust anchor with revocation.
    Chain,
    /// An electronic signature, validated and given its levels of assurance.
    Signature,
}

/// The facts decoded from the object that was checked, for the caller's later use.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Facts {
    /// Facts of a certificate signing request.
    Csr(Box<CsrFacts>),
    /// The computation of a quote.
    Quote(QuoteFacts),
    /// Facts of a certificate.
    Certificate(Box<CertFacts>),
    /// A comparison of a certificate with its request and key.
    Match(Box<MatchFacts>),
    /// Where a certificate stands in its lifecycle.
    Expiry(Box<ExpiryFacts>),
    /// A chain verification and the path it built.
    Chain(Box<ChainFacts>),
    /// A signature validation and the levels it reaches.
    Assurance(Box<AssuranceFacts>),
}

impl Facts {
    /// What kind of object these facts are about.
    pub fn subject(&self) -> Subject {
        match self {
            Facts::Csr(_) => Subject::Csr,
            Facts::Quote(_) => Subject::Quote,
            Facts::Certificate(_) => Subject::Certificate,
            Facts::Match(_) => Subject::Match,
            Facts::Expiry(_) => Subject::Expiry,
            Facts::Chain(_) => Subject::Chain,
            Facts::Assurance(_) => Subject::Signature,
        }
    }
}

macro_rules! into_facts {
    ($($facts:ty => $variant:ident($wrap:expr)),+ $(,)?) => {
        $(impl From<$facts> for Facts {
            fn from(facts: $facts) -> Facts {
                Facts::$variant($wrap(facts))
            }
        })+
    };
}
into_facts!(
    CsrFacts => Csr(Box::new),
    QuoteFacts => Quote(std::convert::identity),
    CertFacts => Certificate(Box::new),
    MatchFacts => Match(Box::new),
    ExpiryFacts => Expiry(Box::new),
    ChainFacts => Chain(Box::new),
    AssuranceFacts => Assurance(Box::new),
);

/// The outcome of one check of one object.
#[derive(Clone, Debug)]
pub struct Report {
    subject: Subject,
    profile: String,
    findings: Vec<Finding>,
    facts: Facts,
}

impl Report {
    /// A report about `subject` checked under `profile`, with its findings and facts.
    pub fn new(
        subject: Subject,
        profile: impl Into<String>,
        findings: Vec<Finding>,
        facts: Facts,
    ) -> Self {
        Report {
            subject,
            profile: profile.into(),
            findings,
            facts,
        }
    }

    /// The report of one check under `profile`.
    pub(crate) fn of<F: Into<Facts>>(profile: impl Into<String>, checked: Checked<F>) -> Self {
        let facts = checked.facts.into();
        Report {
            subject: facts.subject(),
            profile: profile.into(),
            findings: checked.findings,
            facts,
        }
    }

    /// Adds findings established after the report was made (a preset's own checks).
    pub fn extend_findings(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.findings.extend(findings);
    }

    /// Rejected when any finding is an error.
    pub fn verdict(&self) -> Verdict {
        Verdict::of(&self.findings)
    }

    /// What was checked.
    pub fn subject(&self) -> Subject {
        self.subject
    }

    /// The profile the object was checked against.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// Every finding, in the order the checks produced them.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether some finding has this code.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code() == code)
    }

    /// The facts of the checked object.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// The facts of a CSR report.
    pub fn csr_facts(&self) -> Option<&CsrFacts> {
        match &self.facts {
            Facts::Csr(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a certificate report.
    pub fn cert_facts(&self) -> Option<&CertFacts> {
        match &self.facts {
            Facts::Certificate(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a match report.
    pub fn match_facts(&self) -> Option<&MatchFacts> {
        match &self.facts {
            Facts::Match(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of an expiry report.
    pub fn expiry_facts(&self) -> Option<&ExpiryFacts> {
        match &self.facts {
            Facts::Expiry(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a quote report.
    pub fn quote_facts(&self) -> Option<&QuoteFacts> {
        match &self.facts {
            Facts::Quote(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a chain verification.
    pub fn chain_facts(&self) -> Option<&ChainFacts> {
        match &self.facts {
            Facts::Chain(facts) => Some(facts),
            _ => None,
        }
    }

    /// The facts of a signature validation, when the report is one.
    pub fn assurance_facts(&self) -> Option<&AssuranceFacts> {
        match &self.facts {
            Facts::Assurance(facts) => Some(facts),
            _ => None,
        }
    }
}
