//! What a signature validation established: the ETSI EN 319 102-1 outcome, the times, the
//! signer, the timestamps, the path and the levels reached.

use serde::Serialize;

use crate::assurance::qc::{QcFacts, QcType};
use crate::chain::facts::PathEntry;
use crate::lang::Localized;
use crate::public_key::KeyFacts;

/// The main indication of ETSI EN 319 102-1 §5.1.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Indication {
    /// Every check passed.
    #[serde(rename = "TOTAL-PASSED")]
    TotalPassed,
    /// A check failed for good: the signature is not valid.
    #[serde(rename = "TOTAL-FAILED")]
    TotalFailed,
    /// What is at hand does not allow a positive or negative answer.
    #[serde(rename = "INDETERMINATE")]
    Indeterminate,
}

impl Indication {
    /// The name ETSI gives it.
    pub fn name(self) -> &'static str {
        match self {
            Indication::TotalPassed => "TOTAL-PASSED",
            Indication::TotalFailed => "TOTAL-FAILED",
            Indication::Indeterminate => "INDETERMINATE",
        }
    }
}

/// The sub-indications of ETSI EN 319 102-1 Table 5 that sceau reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum SubIndication {
    FormatFailure,
    HashFailure,
    SigCryptoFailure,
    Revoked,
    Expired,
    NotYetValid,
    SigConstraintsFailure,
    ChainConstraintsFailure,
    CryptoConstraintsFailure,
    CryptoConstraintsFailureNoPoe,
    RevokedNoPoe,
    RevokedCaNoPoe,
    OutOfBoundsNoPoe,
    NoCertificateChainFound,
    NoSigningCertificateFound,
    SignedDataNotFound,
    TryLater,
    TimestampOrderFailure,
}

impl SubIndication {
    /// The indication this sub-indication belongs to (EN 319 102-1 Table 5).
    pub fn indication(self) -> Indication {
        use SubIndication::*;
        match self {
            FormatFailure | HashFailure | SigCryptoFailure | Revoked | Expired | NotYetValid => {
                Indication::TotalFailed
            }
            _ => Indication::Indeterminate,
        }
    }

    /// The name ETSI gives it.
    pub fn name(self) -> &'static str {
        use SubIndication::*;
        match self {
            FormatFailure => "FORMAT_FAILURE",
            HashFailure => "HASH_FAILURE",
            SigCryptoFailure => "SIG_CRYPTO_FAILURE",
            Revoked => "REVOKED",
            Expired => "EXPIRED",
            NotYetValid => "NOT_YET_VALID",
            SigConstraintsFailure => "SIG_CONSTRAINTS_FAILURE",
            ChainConstraintsFailure => "CHAIN_CONSTRAINTS_FAILURE",
            CryptoConstraintsFailure => "CRYPTO_CONSTRAINTS_FAILURE",
            CryptoConstraintsFailureNoPoe => "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
            RevokedNoPoe => "REVOKED_NO_POE",
            RevokedCaNoPoe => "REVOKED_CA_NO_POE",
            OutOfBoundsNoPoe => "OUT_OF_BOUNDS_NO_POE",
            NoCertificateChainFound => "NO_CERTIFICATE_CHAIN_FOUND",
            NoSigningCertificateFound => "NO_SIGNING_CERTIFICATE_FOUND",
            SignedDataNotFound => "SIGNED_DATA_NOT_FOUND",
            TryLater => "TRY_LATER",
            TimestampOrderFailure => "TIMESTAMP_ORDER_FAILURE",
        }
    }
}

/// The eIDAS level of a signature, as DSS qualifies it (ETSI TS 119 615).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum EidasLevel {
    /// Not an advanced electronic signature: the validation did not pass.
    #[serde(rename = "not-AdES")]
    NotAdes,
    /// Advanced electronic signature (TOTAL-PASSED).
    #[serde(rename = "AdES")]
    Ades,
    /// AdES supported by a qualified certificate from a recognised CA.
    #[serde(rename = "AdES-QC")]
    AdesQc,
    /// Qualified electronic signature: AdES-QC, a QSCD, for e-signatures.
    #[serde(rename = "QES")]
    Qes,
}

impl EidasLevel {
    /// The name reports use.
    pub fn name(self) -> &'static str {
        match self {
            EidasLevel::NotAdes => "not-AdES",
            EidasLevel::Ades => "AdES",
            EidasLevel::AdesQc => "AdES-QC",
            EidasLevel::Qes => "QES",
        }
    }

    /// The level `ades`, `ades-qc` or `qes` names (the CLI's `--target-eidas`).
    pub fn parse(text: &str) -> Option<EidasLevel> {
        match text.to_ascii_lowercase().as_str() {
            "ades" => Some(EidasLevel::Ades),
            "ades-qc" => Some(EidasLevel::AdesQc),
            "qes" => Some(EidasLevel::Qes),
            _ => None,
        }
    }
}

/// The signer's certificate, as reports show it.
#[derive(Clone, Debug, Serialize)]
pub struct SignerFacts {
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
    /// The public key.
    pub key: KeyFacts,
    /// The signature's algorithm, described.
    pub signature_algorithm: Option<Localized>,
    /// What the certificate says about being qualified.
    pub qc: QcFacts,
}

/// What kind of timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimestampKind {
    /// signature-time-stamp (unsigned attribute): the signature existed then.
    Signature,
    /// content-time-stamp (signed attribute): the content existed then, so the signature was
    /// made after.
    Content,
    /// A token given beside the signature (`--timestamp`), over its signature value.
    Standalone,
}

/// One timestamp, judged.
#[derive(Clone, Debug, Serialize)]
pub struct TimestampFacts {
    /// Which kind.
    pub kind: TimestampKind,
    /// genTime, RFC 3339.
    pub gen_time: String,
    /// The TSA's certificate subject, when found.
    pub tsa: Option<String>,
    /// Whether the message imprint is the digest of what this kind of stamp covers.
    pub imprint_matches: bool,
    /// Whether the token is valid evidence: imprint, signature, TSA certificate and chain.
    pub valid: bool,
    /// Why not, when not.
    pub why_not: Option<Localized>,
}

/// The authentication context the caller declares: sceau cannot see how the signer
/// authenticated, so the levels that depend on it take the caller's word, and say so.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeclaredContext {
    /// Authentication factors used by the signer (`--auth-factors`).
    pub auth_factors: Option<u8>,
    /// Where the signing key was (`--device`).
    pub device: Option<Device>,
    /// The signer's identity level of assurance (`--identity-loa`).
    pub identity_loa: Option<u8>,
}

/// Where the signing key was held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Device {
    /// A software key store.
    Software,
    /// A smart card (or token).
    Smartcard,
    /// A hardware security module.
    Hsm,
}

impl Device {
    /// The device `software`, `smartcard` or `hsm` names.
    pub fn parse(text: &str) -> Option<Device> {
        match text {
            "software" => Some(Device::Software),
            "smartcard" => Some(Device::Smartcard),
            "hsm" => Some(Device::Hsm),
            _ => None,
        }
    }

    /// Whether the key is in hardware.
    pub fn is_hardware(self) -> bool {
        matches!(self, Device::Smartcard | Device::Hsm)
    }
}

/// What a signature validation established.
#[derive(Clone, Debug, Serialize)]
pub struct AssuranceFacts {
    /// TOTAL-PASSED, TOTAL-FAILED or INDETERMINATE.
    pub indication: Indication,
    /// Why, when not TOTAL-PASSED.
    pub sub_indication: Option<SubIndication>,
    /// The validation time, RFC 3339.
    pub validation_time: String,
    /// The earliest proof that the signature existed: a valid signature time-stamp, else the
    /// validation time (RFC 3339).
    pub best_signature_time: String,
    /// The signing-time attribute: what the signer claims, not a proof.
    pub claimed_signing_time: Option<String>,
    /// The algorithm policy applied (`etsi`, `rgs`, `cse`).
    pub algorithm_policy: String,
    /// Detached (data given) or enveloping (data inside).
    pub signed_data: &'static str,
    /// The eIDAS level.
    pub eidas_level: EidasLevel,
    /// The QcType of the signer's certificate when it has one (`esign`, `eseal`, `web`).
    pub qc_type: Option<QcType>,
    /// The Government of Canada level of assurance, 0 to 4.
    pub gc_loa: u8,
    /// The French RGS level: 0, 1 (*) or 2 (**) stars.
    pub rgs_stars: u8,
    /// The signer's certificate, when found.
    pub signer: Option<SignerFacts>,
    /// The timestamps, each judged.
    pub timestamps: Vec<TimestampFacts>,
    /// The path of the signer's certificate at the best-signature-time, as `verify` reports it.
    pub path: Vec<PathEntry>,
    /// The context the caller declared.
    pub context: DeclaredContext,
}
