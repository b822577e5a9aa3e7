//! Making a key pair and a CSR that a product accepts, checked with the same rules as any
//! other request before it is handed back. Nothing is written here: the caller decides where
//! the key goes (the CLI writes it with mode 0600 and never over an existing file).

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, SanType};
use rsa::pkcs8::EncodePrivateKey;
use rustls_pki_types::UnixTime;

use crate::entry::check_csr;
use crate::error::{Error, Result};
use crate::policy::IssuancePolicy;
use crate::public_key::Curve;
use crate::report::Report;

/// What to put in the request.
#[derive(Clone, Debug, Default)]
pub struct NewCsr {
    /// The Common Name.
    pub common_name: String,
    /// Further subject attributes as `C=FR`, `O=Exemple SA`, ... (short names).
    pub subject: Vec<String>,
    /// subjectAltName entries: host names, IP addresses, or e-mail addresses (with `@`).
    pub alt_names: Vec<String>,
}

/// A generated key and request, and the report of the request's own check.
pub struct GeneratedCsr {
    /// The private key, PKCS#8 PEM. Hand it to a file readable by its owner only.
    pub key_pem: String,
    /// The request, PEM.
    pub csr_pem: String,
    /// What the request's check says: a rejected request must not be sent.
    pub report: Report,
    /// A description of the key made, e.g. `RSA 2048` or `EC P-256`.
    pub key_description: String,
}

impl std::fmt::Debug for GeneratedCsr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the private key.
        f.debug_struct("GeneratedCsr")
            .field("key_description", &self.key_description)
            .field("verdict", &self.report.verdict())
            .finish_non_exhaustive()
    }
}

/// The RSA sizes sceau generates: an 8192-bit key takes seconds to make, a 65536-bit one took
/// minutes.
const GENERATED_RSA_BITS: std::ops::RangeInclusive<u32> = 2048..=8192;

/// The key the policy wants: EC P-256 where accepted, else RSA at the smallest size accepted
/// (2048 for Certigna, 3072 for code signing), if sceau generates that size.
fn choose_key(policy: &IssuancePolicy) -> Result<KeyChoice> {
    if policy.key.ec_curves.contains(&Curve::P256) {
        return Ok(KeyChoice::P256);
    }
    if policy.key.ec_curves.contains(&Curve::P384) {
        return Ok(KeyChoice::P384);
    }
    match &policy.key.rsa {
        Some(rsa) => {
            let bits = match &rsa.sizes {
                Some(sizes) => sizes.iter().copied().min().unwrap_or(rsa.min_bits),
                None => rsa.min_bits.max(2048),
            };
            if !GENERATED_RSA_BITS.contains(&bits) {
                return Err(Error::InvalidArgument {
                    name: "profile",
                    detail: format!(
                        "profile {} wants an RSA key of {bits} bits; sceau generates {} to {} bits",
                        policy.id,
                        GENERATED_RSA_BITS.start(),
                        GENERATED_RSA_BITS.end()
                    ),
                });
            }
            Ok(KeyChoice::Rsa(bits))
        }
        None => Err(Error::InvalidArgument {
            name: "profile",
            detail: format!("profile {} accepts no key sceau can generate", policy.id),
        }),
    }
}

enum KeyChoice {
    P256,
    P384,
    Rsa(u32),
}

fn attribute(short: &str) -> Option<DnType> {
    Some(match short {
        "C" => DnType::CountryName,
        "ST" => DnType::StateOrProvinceName,
        "L" => DnType::LocalityName,
        "O" => DnType::OrganizationName,
        "OU" => DnType::OrganizationalUnitName,
        "serialNumber" => DnType::CustomDnType(vec![2, 5, 4, 5]),
        "emailAddress" => DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
        _ => return None,
    })
}

fn invalid(name: &'static str, detail: String) -> Error {
    Error::InvalidArgument { name, detail }
}

/// Makes a key pair and a CSR for `request` under `policy`, and checks the CSR at `now`.
pub fn generate_csr(
    request: &NewCsr,
    policy: &IssuancePolicy,
    now: UnixTime,
) -> Result<GeneratedCsr> {
    let mut params =
        CertificateParams::new(Vec::<String>::new()).map_err(|e| invalid("san", e.to_string()))?;
    let mut dn = DistinguishedName::new();
    for item in &request.subject {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| invalid("subject", format!("'{item}' is not NAME=VALUE")))?;
        let ty = attribute(name.trim()).ok_or_else(|| {
            invalid(
                "subject",
                format!("'{name}' is not one of C, ST, L, O, OU, serialNumber, emailAddress"),
            )
        })?;
        dn.push(ty, value.trim());
    }
    dn.push(DnType::CommonName, request.common_name.as_str());
    params.distinguished_name = dn;
    for name in &request.alt_names {
        let san = if let Ok(ip) = name.parse::<std::net::IpAddr>() {
            SanType::IpAddress(ip)
        } else if name.contains('@') {
            SanType::Rfc822Name(
                name.clone()
                    .try_into()
                    .map_err(|e| invalid("san", format!("{name}: {e}")))?,
            )
        } else {
            SanType::DnsName(
                name.clone()
                    .try_into()
                    .map_err(|e| invalid("san", format!("{name}: {e}")))?,
            )
        };
        params.subject_alt_names.push(san);
    }
    let (key, key_description) = match choose_key(policy)? {
        KeyChoice::P256 => (
            KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
                .map_err(|e| invalid("key", e.to_string()))?,
            "EC P-256".to_string(),
        ),
        KeyChoice::P384 => (
            KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384)
                .map_err(|e| invalid("key", e.to_string()))?,
            "EC P-384".to_string(),
        ),
        KeyChoice::Rsa(bits) => {
            let bits_usize = usize::try_from(bits).map_err(|e| invalid("key", e.to_string()))?;
            let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, bits_usize)
                .map_err(|e| invalid("key", format!("RSA {bits}: {e}")))?;
            let der = private
                .to_pkcs8_der()
                .map_err(|e| invalid("key", format!("RSA {bits}: {e}")))?;
            let pair = KeyPair::from_pkcs8_der_and_sign_algo(
                &rustls_pki_types::PrivatePkcs8KeyDer::from(der.as_bytes()),
                &rcgen::PKCS_RSA_SHA256,
            )
            .map_err(|e| invalid("key", format!("RSA {bits}: {e}")))?;
            (pair, format!("RSA {bits}"))
        }
    };
    let csr = params
        .serialize_request(&key)
        .map_err(|e| invalid("csr", e.to_string()))?;
    let csr_pem = csr.pem().map_err(|e| invalid("csr", e.to_string()))?;
    let report = check_csr(csr_pem.as_bytes(), policy, now)?;
    Ok(GeneratedCsr {
        key_pem: key.serialize_pem(),
        csr_pem,
        report,
        key_description,
    })
}
