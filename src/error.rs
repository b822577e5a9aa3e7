//! Input and usage errors. These are never findings: they say that the bytes given are not the
//! object that was asked for, or that the call itself is wrong, so no verdict can be reached.

use std::fmt;

/// The kinds of object sceau reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectKind {
    /// A PKCS#10 certificate signing request.
    Csr,
    /// An X.509 certificate.
    Certificate,
    /// An X.509 certificate revocation list.
    Crl,
    /// An OCSP response (RFC 6960).
    OcspResponse,
    /// A private key (PKCS#1, PKCS#8 or SEC1).
    PrivateKey,
    /// A public key (SubjectPublicKeyInfo).
    PublicKey,
    /// A PKCS#7 / CMS structure.
    SignedData,
}

impl ObjectKind {
    /// The PEM labels people actually use for this kind, the canonical one first.
    pub fn pem_labels(self) -> &'static [&'static str] {
        match self {
            ObjectKind::Csr => &["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"],
            ObjectKind::Certificate => &["CERTIFICATE", "X509 CERTIFICATE"],
            ObjectKind::Crl => &["X509 CRL"],
            ObjectKind::OcspResponse => &["OCSP RESPONSE"],
            ObjectKind::PrivateKey => &[
                "PRIVATE KEY",
                "RSA PRIVATE KEY",
                "EC PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY",
            ],
            ObjectKind::PublicKey => &["PUBLIC KEY", "RSA PUBLIC KEY"],
            ObjectKind::SignedData => &["PKCS7", "CMS"],
        }
    }

    /// The kind a PEM label names, if sceau knows it.
    pub fn from_pem_label(label: &str) -> Option<ObjectKind> {
        const ALL: [ObjectKind; 7] = [
            ObjectKind::Csr,
            ObjectKind::Certificate,
            ObjectKind::Crl,
            ObjectKind::OcspResponse,
            ObjectKind::PrivateKey,
            ObjectKind::PublicKey,
            ObjectKind::SignedData,
        ];
        ALL.into_iter().find(|kind| {
            kind.pem_labels()
                .iter()
                .any(|l| l.eq_ignore_ascii_case(label))
        })
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ObjectKind::Csr => "a certificate signing request (PKCS#10)",
            ObjectKind::Certificate => "an X.509 certificate",
            ObjectKind::Crl => "a certificate revocation list",
            ObjectKind::OcspResponse => "an OCSP response",
            ObjectKind::PrivateKey => "a private key",
            ObjectKind::PublicKey => "a public key",
            ObjectKind::SignedData => "a PKCS#7/CMS structure",
        })
    }
}

/// Why bytes could not be read as the object asked for, or why a call is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Nothing but white space was given.
    #[error("empty input: expected {expected}")]
    EmptyInput {
        /// What was asked for.
        expected: ObjectKind,
    },
    /// The input holds another kind of object.
    #[error("wrong kind of object: found {found}, expected {expected}")]
    WrongKind {
        /// What the input holds, as precisely as it could be told (a PEM label, or a kind).
        found: String,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// A PEM block is broken: unterminated, mismatched labels, bad headers.
    #[error("malformed PEM: {detail}; expected {expected}")]
    BadPem {
        /// What is wrong with the framing.
        detail: String,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// The body of a PEM block (or a bare base64 text) is not base64.
    #[error("the base64 inside the {label} block is broken: {detail}")]
    BadBase64 {
        /// The PEM label, or `base64 text` for a bare paste.
        label: String,
        /// The decoder's complaint (position and character).
        detail: String,
    },
    /// The text is neither PEM nor base64.
    #[error("not PEM, base64 or DER: {detail}; expected {expected}")]
    NotPemOrDer {
        /// What was seen instead.
        detail: String,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// More than one object of the wanted kind where exactly one is needed.
    #[error("{count} PEM blocks hold {expected}; give exactly one")]
    Ambiguous {
        /// How many matching blocks were found.
        count: usize,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// The DER ends before the structure does.
    #[error("truncated DER: {detail}; expected {expected}")]
    Truncated {
        /// What is missing.
        detail: String,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// Bytes follow the end of the DER structure.
    #[error("{count} bytes of trailing data after the end of {expected}")]
    TrailingData {
        /// How many bytes follow.
        count: usize,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// The DER is complete but not a valid encoding of the object.
    #[error("invalid DER for {expected}: {detail}")]
    BadDer {
        /// The parser's complaint.
        detail: String,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// A well-formed object of a form sceau does not handle (an encrypted key, a curve ring
    /// lacks); it fails closed rather than guess.
    #[error("{expected} in a form sceau does not support: {detail}")]
    Unsupported {
        /// What is not supported.
        detail: String,
        /// What was asked for.
        expected: ObjectKind,
    },
    /// A profile id that the catalogue does not hold.
    #[error("unknown profile '{found}'; known profiles: {known}")]
    UnknownProfile {
        /// The id given.
        found: String,
        /// The ids that exist, comma-separated.
        known: String,
    },
    /// An argument of the call is not acceptable.
    #[error("invalid argument {name}: {detail}")]
    InvalidArgument {
        /// The argument's name.
        name: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// More objects than a documented limit allows (bounded work on hostile input).
    #[error("too many {what}: more than {limit} (the '{limit_name}' limit; raise it if such an input is expected)")]
    TooMany {
        /// What was counted (`distinct OCSP responses`).
        what: &'static str,
        /// The limit that was passed.
        limit: usize,
        /// The limit's name, as options and the C ABI spell it (`ocsp-responses`).
        limit_name: &'static str,
    },
}

/// Result with sceau's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
