//! What a certificate is for, in one vocabulary that products, certificate checks and chain
//! verification all read: one [`Usage`] and one table of what each usage asks of the
//! extendedKeyUsage and keyUsage extensions.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An extended key usage purpose (RFC 5280 §4.2.1.12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Eku {
    /// id-kp-serverAuth, 1.3.6.1.5.5.7.3.1.
    ServerAuth,
    /// id-kp-clientAuth, 1.3.6.1.5.5.7.3.2.
    ClientAuth,
    /// id-kp-codeSigning, 1.3.6.1.5.5.7.3.3.
    CodeSigning,
    /// id-kp-emailProtection, 1.3.6.1.5.5.7.3.4.
    EmailProtection,
    /// id-kp-timeStamping, 1.3.6.1.5.5.7.3.8.
    TimeStamping,
    /// id-kp-OCSPSigning, 1.3.6.1.5.5.7.3.9.
    OcspSigning,
}

impl Eku {
    /// The name facts and messages use (`serverAuth`).
    pub fn name(self) -> &'static str {
        match self {
            Eku::ServerAuth => "serverAuth",
            Eku::ClientAuth => "clientAuth",
            Eku::CodeSigning => "codeSigning",
            Eku::EmailProtection => "emailProtection",
            Eku::TimeStamping => "timeStamping",
            Eku::OcspSigning => "OCSPSigning",
        }
    }

    /// The content octets of its OID, as path validation compares them.
    pub fn oid_der(self) -> &'static [u8] {
        match self {
            Eku::ServerAuth => &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01],
            Eku::ClientAuth => &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02],
            Eku::CodeSigning => &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03],
            Eku::EmailProtection => &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04],
            Eku::TimeStamping => &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08],
            Eku::OcspSigning => &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09],
        }
    }
}

/// What a certificate is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Usage {
    /// TLS server authentication (serverAuth); `server` on the command line.
    #[default]
    #[serde(alias = "server")]
    TlsServer,
    /// TLS client authentication (clientAuth).
    Client,
    /// Client authentication and e-mail protection between organisations or persons.
    ClientEmail,
    /// S/MIME (emailProtection).
    Email,
    /// Code signing (codeSigning).
    CodeSigning,
    /// A certification authority.
    Ca,
    /// No extended key usage requirement.
    Any,
}

/// What a usage asks of a certificate: one row of the table.
#[derive(Debug)]
pub struct UsageRules {
    /// The usage.
    pub usage: Usage,
    /// Its name in catalogues, reports and on the command line.
    pub name: &'static str,
    /// Other names accepted when parsing.
    pub aliases: &'static [&'static str],
    /// The purposes any one of which makes an end-entity certificate good for the usage
    /// (empty: the usage asks for none).
    pub ekus: &'static [Eku],
    /// Whether a path for this usage needs the extendedKeyUsage extension present (webpki's
    /// `required`); otherwise it is checked only when present (`required_if_present`).
    pub eku_required_in_path: bool,
    /// The purposes a request or certificate of this usage may carry; `None`: any.
    pub allowed_ekus: Option<&'static [Eku]>,
    /// keyUsage bits the certificate must carry: always for a CA, when the extension is
    /// present for an end entity.
    pub key_usage_required: &'static [&'static str],
    /// keyUsage bits it must not carry.
    pub key_usage_forbidden: &'static [&'static str],
}

const LEAF_FORBIDDEN: &[&str] = &["keyCertSign", "cRLSign"];
const LEAF_REQUIRED: &[&str] = &["digitalSignature"];

/// The one table, in the order of [`Usage`].
static TABLE: [UsageRules; 7] = [
    UsageRules {
        usage: Usage::TlsServer,
        name: "tls-server",
        aliases: &["server"],
        ekus: &[Eku::ServerAuth],
        eku_required_in_path: false,
        allowed_ekus: Some(&[Eku::ServerAuth, Eku::ClientAuth]),
        key_usage_required: LEAF_REQUIRED,
        key_usage_forbidden: LEAF_FORBIDDEN,
    },
    UsageRules {
        usage: Usage::Client,
        name: "client",
        aliases: &[],
        ekus: &[Eku::ClientAuth],
        eku_required_in_path: false,
        allowed_ekus: Some(&[Eku::ClientAuth]),
        key_usage_required: LEAF_REQUIRED,
        key_usage_forbidden: LEAF_FORBIDDEN,
    },
    UsageRules {
        usage: Usage::ClientEmail,
        name: "client-email",
        aliases: &[],
        ekus: &[Eku::ClientAuth, Eku::EmailProtection],
        eku_required_in_path: false,
        allowed_ekus: Some(&[Eku::ClientAuth, Eku::EmailProtection]),
        key_usage_required: LEAF_REQUIRED,
        key_usage_forbidden: LEAF_FORBIDDEN,
    },
    UsageRules {
        usage: Usage::Email,
        name: "email",
        aliases: &[],
        ekus: &[Eku::EmailProtection],
        eku_required_in_path: true,
        allowed_ekus: Some(&[Eku::EmailProtection]),
        key_usage_required: LEAF_REQUIRED,
        key_usage_forbidden: LEAF_FORBIDDEN,
    },
    UsageRules {
        usage: Usage::CodeSigning,
        name: "code-signing",
        aliases: &[],
        ekus: &[Eku::CodeSigning],
        eku_required_in_path: true,
        allowed_ekus: Some(&[Eku::CodeSigning]),
        key_usage_required: LEAF_REQUIRED,
        key_usage_forbidden: LEAF_FORBIDDEN,
    },
    UsageRules {
        usage: Usage::Ca,
        name: "ca",
        aliases: &[],
        ekus: &[],
        eku_required_in_path: false,
        // A subordinate (TLS) CA: CA/B BR §7.1.2.10.6. A root carries none (checked apart).
        allowed_ekus: Some(&[Eku::ServerAuth, Eku::ClientAuth]),
        key_usage_required: &["keyCertSign", "cRLSign"],
        key_usage_forbidden: &[],
    },
    UsageRules {
        usage: Usage::Any,
        name: "any",
        aliases: &[],
        ekus: &[],
        eku_required_in_path: false,
        allowed_ekus: None,
        key_usage_required: &[],
        key_usage_forbidden: &[],
    },
];

impl Usage {
    /// Every usage, in table order.
    pub fn all() -> impl Iterator<Item = Usage> {
        TABLE.iter().map(|row| row.usage)
    }

    /// What this usage asks of a certificate.
    pub fn rules(self) -> &'static UsageRules {
        // The table lists every variant once, in declaration order (tested).
        &TABLE[self as usize]
    }

    /// The name used in catalogues, reports and on the command line.
    pub fn as_str(self) -> &'static str {
        self.rules().name
    }

    /// Whether the extended key usage named `eku` (a name such as `serverAuth`, or a dotted
    /// OID) may be requested or carried for this usage.
    pub fn allows_eku(self, eku: &str) -> bool {
        self.rules()
            .allowed_ekus
            .is_none_or(|allowed| allowed.iter().any(|e| e.name() == eku))
    }
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Usage {
    type Err = String;
    fn from_str(text: &str) -> Result<Usage, String> {
        TABLE
            .iter()
            .find(|row| row.name == text || row.aliases.contains(&text))
            .map(|row| row.usage)
            .ok_or_else(|| {
                let names: Vec<&str> = TABLE.iter().map(|row| row.name).collect();
                format!(
                    "unknown usage '{text}': expected {} (server is tls-server)",
                    names.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_usage_once_in_order() {
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(row.usage as usize, i, "{}", row.name);
            assert_eq!(row.usage.rules().name, row.name);
            assert_eq!(row.name.parse::<Usage>(), Ok(row.usage));
        }
        assert_eq!("server".parse::<Usage>(), Ok(Usage::TlsServer));
        assert!("serveur"
            .parse::<Usage>()
            .unwrap_err()
            .contains("tls-server"));
    }

    #[test]
    fn names_in_catalogues_and_on_the_command_line_are_the_same() {
        for usage in Usage::all() {
            let json = serde_json::to_string(&usage).unwrap();
            assert_eq!(json, format!("\"{}\"", usage.as_str()));
        }
        let old: Usage = serde_json::from_str("\"server\"").unwrap();
        assert_eq!(old, Usage::TlsServer);
    }

    #[test]
    fn eku_allowances() {
        assert!(Usage::TlsServer.allows_eku("clientAuth"));
        assert!(!Usage::Client.allows_eku("serverAuth"));
        assert!(Usage::Ca.allows_eku("serverAuth"));
        assert!(!Usage::Ca.allows_eku("anyExtendedKeyUsage"));
        assert!(Usage::Any.allows_eku("1.2.3.4"));
    }
}
