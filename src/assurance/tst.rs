//! RFC 3161 timestamp tokens: a SignedData whose content is a TSTInfo (x509-tsp decodes it).

use der::Decode;
use x509_tsp::TstInfo;

use crate::assurance::cms::{SignedData, OID_TST_INFO};
use crate::derwalk::oid_text_or_hex;
use crate::error::{Error, ObjectKind, Result};
use crate::signature::HashAlg;

/// A timestamp token as received: its SignedData and what its TSTInfo says.
#[derive(Clone, Debug)]
pub struct TimestampToken {
    /// The token's own SignedData (its signer is the TSA).
    pub(crate) signed: SignedData,
    /// When the TSA says it stamped (Unix seconds).
    pub gen_time: i64,
    /// The digest of the message imprint, when sceau knows it.
    pub imprint_hash: Option<HashAlg>,
    /// The imprint's digest OID, dotted.
    pub imprint_hash_oid: String,
    /// The imprint: the digest of what was stamped.
    pub imprint: Vec<u8>,
    /// The TSA's policy OID, dotted.
    pub policy: String,
    /// The token's serial number, hex.
    pub serial: String,
    /// The TSA's accuracy, in microseconds, when given.
    pub accuracy_micros: Option<u64>,
}

fn bad(detail: String) -> Error {
    Error::BadDer {
        detail,
        expected: ObjectKind::SignedData,
    }
}

impl TimestampToken {
    /// Reads a token: a ContentInfo (PEM or DER) holding a SignedData of a TSTInfo.
    pub fn read(input: &[u8]) -> Result<TimestampToken> {
        TimestampToken::from_signed_data(SignedData::read(input)?)
    }

    /// A token from its DER.
    pub fn from_der(der: Vec<u8>) -> Result<TimestampToken> {
        TimestampToken::from_signed_data(SignedData::from_der(der)?)
    }

    fn from_signed_data(signed: SignedData) -> Result<TimestampToken> {
        if signed.content_type() != OID_TST_INFO {
            return Err(bad(format!(
                "a timestamp token holds id-ct-TSTInfo, this one {}",
                oid_text_or_hex(signed.content_type().as_bytes())
            )));
        }
        let content = signed
            .content()
            .ok_or_else(|| bad("the timestamp token has no TSTInfo inside".into()))?;
        let info = TstInfo::from_der(content).map_err(|e| bad(format!("TSTInfo: {e}")))?;
        let gen_time = i64::try_from(info.gen_time.to_unix_duration().as_secs())
            .map_err(|_| bad("TSTInfo.genTime out of range".into()))?;
        let hash_oid = info.message_imprint.hash_algorithm.oid;
        let accuracy_micros = info.accuracy.as_ref().map(|a| {
            let whole = a.seconds.unwrap_or(0).saturating_mul(1_000_000);
            let millis = u64::try_from(a.millis.unwrap_or(0)).unwrap_or(0) * 1_000;
            let micros = u64::try_from(a.micros.unwrap_or(0)).unwrap_or(0);
            whole.saturating_add(millis).saturating_add(micros)
        });
        Ok(TimestampToken {
            gen_time,
            imprint_hash: HashAlg::from_oid_bytes(hash_oid.as_bytes()),
            imprint_hash_oid: hash_oid.to_string(),
            imprint: info.message_imprint.hashed_message.as_bytes().to_vec(),
            policy: info.policy.to_string(),
            serial: crate::derwalk::hex_text(info.serial_number.as_bytes()),
            accuracy_micros,
            signed,
        })
    }
}
