//! QcStatements (ETSI EN 319 412-5) and the certificate policies of EN 319 411, decoded with der
//! types (no maintained crate decodes them): what a certificate says about being qualified.

use der::asn1::{Any, ObjectIdentifier};
use der::{Decode, Sequence};
use serde::Serialize;

/// One QCStatement: its id and, when present, its information.
#[derive(Clone, Debug, Sequence)]
struct QcStatement {
    statement_id: ObjectIdentifier,
    statement_info: Option<Any>,
}

const QC_COMPLIANCE: &str = "0.4.0.1862.1.1";
const QC_RETENTION_PERIOD: &str = "0.4.0.1862.1.3";
const QC_SSCD: &str = "0.4.0.1862.1.4";
const QC_PDS: &str = "0.4.0.1862.1.5";
const QC_TYPE: &str = "0.4.0.1862.1.6";
const QC_CC_LEGISLATION: &str = "0.4.0.1862.1.7";

/// The kind of qualified certificate QcType names (EN 319 412-5 §4.2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QcType {
    /// id-etsi-qct-esign: electronic signatures, by a natural person.
    Esign,
    /// id-etsi-qct-eseal: electronic seals, by a legal person.
    Eseal,
    /// id-etsi-qct-web: website authentication.
    Web,
}

impl QcType {
    /// The name reports use.
    pub fn name(self) -> &'static str {
        match self {
            QcType::Esign => "esign",
            QcType::Eseal => "eseal",
            QcType::Web => "web",
        }
    }
}

/// What a certificate's QcStatements and policies say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QcFacts {
    /// QcCompliance: an EU qualified certificate.
    pub compliance: bool,
    /// QcSSCD: the private key is in a qualified signature or seal creation device.
    pub sscd: bool,
    /// QcType, every type listed.
    pub types: Vec<QcType>,
    /// QcCClegislation: the countries whose law the certificate is qualified under (non-EU).
    pub legislation: Vec<String>,
    /// QcPDS: where the PKI disclosure statements are.
    pub pds: Vec<String>,
    /// QcRetentionPeriod, in years.
    pub retention_years: Option<u32>,
    /// The EN 319 411 policy OIDs the certificate carries (QCP-n, QCP-n-qscd, NCP+…), by name.
    pub policies: Vec<&'static str>,
    /// Why the QcStatements could not be read, when they could not (then nothing else is
    /// believed of them).
    pub unreadable: Option<String>,
}

/// The EN 319 411-1/-2 policies by OID.
const POLICIES: [(&str, &str); 8] = [
    ("0.4.0.194112.1.0", "QCP-n"),
    ("0.4.0.194112.1.1", "QCP-l"),
    ("0.4.0.194112.1.2", "QCP-n-qscd"),
    ("0.4.0.194112.1.3", "QCP-l-qscd"),
    ("0.4.0.194112.1.4", "QCP-w"),
    ("0.4.0.2042.1.1", "NCP"),
    ("0.4.0.2042.1.2", "NCP+"),
    ("0.4.0.2042.1.3", "LCP"),
];

impl QcFacts {
    /// Reads the QcStatements extension value (`extension`, when the certificate has one) and
    /// the certificate policy OIDs (dotted).
    pub fn read(extension: Option<&[u8]>, policy_oids: &[String]) -> QcFacts {
        let mut facts = QcFacts {
            policies: policy_oids
                .iter()
                .filter_map(|oid| POLICIES.iter().find(|(o, _)| o == oid).map(|(_, n)| *n))
                .collect(),
            ..QcFacts::default()
        };
        let Some(value) = extension else {
            return facts;
        };
        let statements = match Vec::<QcStatement>::from_der(value) {
            Ok(statements) => statements,
            Err(e) => {
                facts.unreadable = Some(format!("QcStatements: {e}"));
                return facts;
            }
        };
        for statement in statements {
            let info = statement.statement_info.as_ref();
            let result = match statement.statement_id.to_string().as_str() {
                QC_COMPLIANCE => {
                    facts.compliance = true;
                    Ok(())
                }
                QC_SSCD => {
                    facts.sscd = true;
                    Ok(())
                }
                QC_TYPE => read_types(info).map(|types| facts.types = types),
                QC_CC_LEGISLATION => read_countries(info).map(|c| facts.legislation = c),
                QC_PDS => read_pds(info).map(|urls| facts.pds = urls),
                QC_RETENTION_PERIOD => info
                    .ok_or_else(|| der::Error::from(der::ErrorKind::Failed))
                    .and_then(|i| i.decode_as::<u32>())
                    .map(|years| facts.retention_years = Some(years)),
                // Other statements (QcLimitValue, PSD2…) say nothing about the level.
                _ => Ok(()),
            };
            if let Err(e) = result {
                facts.unreadable = Some(format!("QCStatement {}: {e}", statement.statement_id));
                // Fail closed: statements that cannot all be read are not believed.
                return QcFacts {
                    policies: facts.policies,
                    unreadable: facts.unreadable,
                    ..QcFacts::default()
                };
            }
        }
        facts
    }
}

fn read_types(info: Option<&Any>) -> der::Result<Vec<QcType>> {
    let info = info.ok_or_else(|| der::Error::from(der::ErrorKind::Failed))?;
    let oids: Vec<ObjectIdentifier> = info.decode_as()?;
    Ok(oids
        .iter()
        .filter_map(|oid| match oid.to_string().as_str() {
            "0.4.0.1862.1.6.1" => Some(QcType::Esign),
            "0.4.0.1862.1.6.2" => Some(QcType::Eseal),
            "0.4.0.1862.1.6.3" => Some(QcType::Web),
            _ => None,
        })
        .collect())
}

fn read_countries(info: Option<&Any>) -> der::Result<Vec<String>> {
    let info = info.ok_or_else(|| der::Error::from(der::ErrorKind::Failed))?;
    let countries: Vec<der::asn1::PrintableString> = info.decode_as()?;
    Ok(countries.iter().map(|c| c.to_string()).collect())
}

/// PdsLocation ::= SEQUENCE { url IA5String, language PrintableString (SIZE(2)) }
#[derive(Clone, Debug, Sequence)]
struct PdsLocation {
    url: der::asn1::Ia5String,
    language: der::asn1::PrintableString,
}

fn read_pds(info: Option<&Any>) -> der::Result<Vec<String>> {
    let info = info.ok_or_else(|| der::Error::from(der::ErrorKind::Failed))?;
    let locations: Vec<PdsLocation> = info.decode_as()?;
    Ok(locations
        .iter()
        .map(|l| format!("{} ({})", l.url, l.language))
        .collect())
}
