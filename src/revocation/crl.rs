//! Certificate revocation lists (RFC 5280 §5): read once, indexed by serial number, judged for
//! one certificate at a time.
//!
//! The revoked entries are walked and validated once, then kept sorted, 24 bytes an entry
//! beside the DER: the serial's last 8 octets (a search compares those and reads a serial in
//! the DER only on a tie), where the serial lies in the DER, and the revocation date and
//! reason, decoded while validating: a lookup is one binary search and a copy.

use std::cmp::Ordering;
use std::ops::Range;

use x509_parser::prelude::*;

use crate::derwalk::{self, Tlv, Walker};
use crate::error::{Error, ObjectKind, Result};
use crate::input;
use crate::lang::{localized, Localized};
use crate::public_key::PublicKey;
use crate::revocation::points::{reason_flags, DistributionPointNames};
use crate::signature::SignatureScheme;
use crate::verify::{verify_signature, SignatureMemo};
use crate::x509::{dn_key, dn_text};

const OID_CRL_NUMBER: &[u8] = &[0x55, 0x1d, 0x14];
const OID_REASON_CODE: &[u8] = &[0x55, 0x1d, 0x15];
const OID_INVALIDITY_DATE: &[u8] = &[0x55, 0x1d, 0x18];
const OID_ISSUER_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x12];
const OID_DELTA_CRL_INDICATOR: &[u8] = &[0x55, 0x1d, 0x1b];
const OID_ISSUING_DISTRIBUTION_POINT: &[u8] = &[0x55, 0x1d, 0x1c];
const OID_CERTIFICATE_ISSUER: &[u8] = &[0x55, 0x1d, 0x1d];
const OID_AUTHORITY_KEY_ID: &[u8] = &[0x55, 0x1d, 0x23];
const OID_FRESHEST_CRL: &[u8] = &[0x55, 0x1d, 0x2e];

/// ReasonFlags bits 1 (keyCompromise) to 8 (aACompromise): every reason.
pub(crate) const ALL_REASONS: u16 = 0x1fe;

/// The RFC 5280 name of a CRLReason code.
pub(crate) fn crl_reason_name(code: u8) -> &'static str {
    match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => "unknown reason code",
    }
}

/// One revoked entry: its serial (its last octets, and where it lies in the CRL's DER), and
/// what the entry says.
#[derive(Clone, Copy, Debug)]
struct IndexEntry {
    /// [`serial_tail`] of the serial.
    tail: u64,
    revoked_at: i64,
    serial_at: u32,
    serial_len: u16,
    /// The reasonCode's first content octet, when the entry has one.
    reason: Option<u8>,
}

impl IndexEntry {
    /// The order of the index: by length, then the last 8 octets, then the octets before them.
    /// Any total order serves a binary search. This one compares machine words and reads the
    /// DER only on a tie; serials of up to 8 octets (a CA counting from 1) come in numeric
    /// order, so a list already in that order is sorted in one pass; random serials (CA/B BR
    /// §7.1, 64 bits at least) and counters under a fixed prefix differ in their last octets.
    fn cmp_serial(&self, der: &[u8], tail: u64, serial: &[u8]) -> Ordering {
        let len = usize::from(self.serial_len);
        len.cmp(&serial.len())
            .then(self.tail.cmp(&tail))
            .then_with(|| match len.checked_sub(8) {
                Some(head) if head > 0 => {
                    let at = self.serial_at as usize;
                    der[at..at + head].cmp(&serial[..head])
                }
                _ => Ordering::Equal,
            })
    }
}

/// The last 8 octets of `serial` (all of them when it is shorter), big-endian.
fn serial_tail(serial: &[u8]) -> u64 {
    let last = &serial[serial.len().saturating_sub(8)..];
    last.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
}

/// The scope an Issuing Distribution Point extension gives a CRL (RFC 5280 §5.2.5).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssuingDistributionPoint {
    /// The distribution point names, as comparable keys (see [`DistributionPointNames`]).
    pub names: Option<DistributionPointNames>,
    /// onlyContainsUserCerts.
    pub only_user_certs: bool,
    /// onlyContainsCACerts.
    pub only_ca_certs: bool,
    /// onlySomeReasons: the reasons the CRL covers, as ReasonFlags bits (bit 1 keyCompromise
    /// … bit 8 aACompromise); `None` when it covers every reason.
    pub only_some_reasons: Option<u16>,
    /// indirectCRL: entries may belong to other issuers.
    pub indirect: bool,
    /// onlyContainsAttributeCerts.
    pub only_attribute_certs: bool,
}

/// A certificate revocation list, validated in structure and indexed by serial number. Whether
/// it applies to a certificate, is signed by its issuer and is fresh is decided per certificate
/// by `RevocationSources` (status.rs).
#[derive(Clone, Debug)]
pub struct Crl {
    der: Vec<u8>,
    tbs: Range<usize>,
    signature_algorithm: Range<usize>,
    signature: Range<usize>,
    issuer: Range<usize>,
    issuer_text: String,
    issuer_key: String,
    version: u8,
    this_update: i64,
    next_update: Option<i64>,
    crl_number: Option<String>,
    idp: Option<IssuingDistributionPoint>,
    unsupported: Option<Localized>,
    entries: Vec<IndexEntry>,
    signers: SignatureMemo,
}

/// What a CRL says of one revoked serial number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevokedEntry {
    /// When the CA revoked it (Unix seconds).
    pub revoked_at: i64,
    /// The CRLReason, by its RFC 5280 name, when the entry gives one.
    pub reason: Option<&'static str>,
}

fn bad(detail: String) -> Error {
    Error::BadDer {
        detail,
        expected: ObjectKind::Crl,
    }
}

fn to_u32(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| bad("a CRL of 4 GiB or more".into()))
}

impl Crl {
    /// Reads every CRL in `input` (PEM blocks labelled `X509 CRL`, or one DER CRL).
    pub fn read_all(input: &[u8]) -> Result<Vec<Crl>> {
        input::decode_all(input, ObjectKind::Crl)?
            .into_iter()
            .map(|d| Crl::from_der(d.der.into_owned()))
            .collect()
    }

    /// Validates the structure of one DER CRL and indexes its entries.
    pub fn from_der(der: Vec<u8>) -> Result<Crl> {
        let mut outer = Walker::new(&der);
        let list = outer
            .expect(derwalk::SEQUENCE, "CertificateList")
            .map_err(bad)?;
        outer.finish("CRL").map_err(|_| Error::TrailingData {
            count: der.len() - list.end,
            expected: ObjectKind::Crl,
        })?;
        let mut fields = Walker::inside(&der, &list);
        let tbs = fields
            .expect(derwalk::SEQUENCE, "tbsCertList")
            .map_err(bad)?;
        let outer_alg = fields
            .expect(derwalk::SEQUENCE, "signatureAlgorithm")
            .map_err(bad)?;
        let signature = fields
            .expect(derwalk::BIT_STRING, "signatureValue")
            .map_err(bad)?;
        fields.finish("CertificateList").map_err(bad)?;
        derwalk::check_signature_algorithm(&outer_alg, "signatureAlgorithm").map_err(bad)?;
        derwalk::check_signature_bits(&signature, "signatureValue").map_err(bad)?;

        let mut t = Walker::inside(&der, &tbs);
        let version = match t.optional(derwalk::INTEGER, "version").map_err(bad)? {
            None => 1,
            Some(v) if v.value == [1] => 2,
            Some(v) => {
                return Err(bad(format!(
                    "version: {} is not v2 (an absent version means v1; 0 must not be encoded)",
                    crate::derwalk::hex_text(v.value)
                )))
            }
        };
        let inner_alg = t
            .expect(derwalk::SEQUENCE, "tbsCertList.signature")
            .map_err(bad)?;
        if inner_alg.value != outer_alg.value {
            return Err(bad(
                "tbsCertList.signature differs from signatureAlgorithm (RFC 5280 §5.1.1.2)".into(),
            ));
        }
        let issuer = t.expect(derwalk::SEQUENCE, "issuer").map_err(bad)?;
        let (issuer_text, issuer_key) = match X509Name::from_der(&der[issuer.start..issuer.end]) {
            Ok(([], name)) => (dn_text(&name), dn_key(&name)),
            _ => return Err(bad("issuer: not a distinguished name".into())),
        };
        let this_update =
            derwalk::time(&t.any("thisUpdate").map_err(bad)?, "thisUpdate").map_err(bad)?;
        let next_update = match t.peek_tag() {
            Some(derwalk::UTC_TIME | derwalk::GENERALIZED_TIME) => {
                Some(derwalk::time(&t.any("nextUpdate").map_err(bad)?, "nextUpdate").map_err(bad)?)
            }
            _ => None,
        };
        let revoked = t
            .optional(derwalk::SEQUENCE, "revokedCertificates")
            .map_err(bad)?;
        let extensions = t.optional(0xa0, "crlExtensions").map_err(bad)?;
        t.finish("tbsCertList").map_err(bad)?;
        if version == 1 && extensions.is_some() {
            return Err(bad("a v1 CRL carries crlExtensions".into()));
        }

        let mut crl = Crl {
            tbs: tbs.start..tbs.end,
            signature_algorithm: outer_alg.start..outer_alg.end,
            signature: (signature.end - signature.value.len() + 1)..signature.end,
            issuer: issuer.start..issuer.end,
            issuer_text,
            issuer_key,
            version,
            this_update,
            next_update,
            crl_number: None,
            idp: None,
            unsupported: None,
            entries: Vec::new(),
            der: Vec::new(),
            signers: SignatureMemo::default(),
        };
        if let Some(ext) = extensions {
            crl.read_extensions(&der, &ext)?;
        }
        if let Some(list) = revoked {
            if list.value.is_empty() {
                return Err(bad(
                    "revokedCertificates is present but empty (it must then be omitted)".into(),
                ));
            }
            crl.index_entries(&der, &list)?;
        }
        crl.der = der;
        Ok(crl)
    }

    fn read_extensions(&mut self, der: &[u8], wrapper: &Tlv<'_>) -> Result<()> {
        let mut w = Walker::inside(der, wrapper);
        let seq = w.expect(derwalk::SEQUENCE, "crlExtensions").map_err(bad)?;
        w.finish("crlExtensions").map_err(bad)?;
        for_each_extension(der, &seq, "crlExtensions", |oid, critical, value, whole| {
            match oid {
                OID_CRL_NUMBER => {
                    let mut v = Walker::new(value);
                    let n = v.expect(derwalk::INTEGER, "cRLNumber")?;
                    derwalk::check_integer(n.value, "cRLNumber")?;
                    if n.value[0] & 0x80 != 0 || n.value.len() > 21 {
                        return Err("cRLNumber: negative or longer than 20 octets".into());
                    }
                    v.finish("cRLNumber")?;
                    self.crl_number = Some(crate::derwalk::hex_text(n.value));
                }
                OID_ISSUING_DISTRIBUTION_POINT => {
                    self.idp = Some(read_idp(whole, &der[self.issuer.clone()])?);
                }
                OID_DELTA_CRL_INDICATOR => {
                    self.unsupported.get_or_insert_with(|| {
                        localized!(
                            "it is a delta CRL, which sceau does not merge",
                            "c'est une LCR delta, que sceau ne fusionne pas"
                        )
                    });
                }
                OID_AUTHORITY_KEY_ID | OID_ISSUER_ALT_NAME | OID_FRESHEST_CRL => {}
                _ if critical => {
                    self.unsupported.get_or_insert_with(|| {
                        localized!(
                            "it carries an unknown critical extension {oid}",
                            "elle porte une extension critique inconnue {oid}",
                            oid = derwalk::oid_text_or_hex(oid)
                        )
                    });
                }
                _ => {}
            }
            Ok(())
        })
        .map_err(bad)
    }

    fn index_entries(&mut self, der: &[u8], list: &Tlv<'_>) -> Result<()> {
        let mut w = Walker::inside(der, list);
        // Typical entries are 35 to 50 bytes; reserving avoids regrowth on big lists.
        let mut entries = Vec::with_capacity(list.value.len() / 36);
        while !w.is_empty() {
            let entry = w
                .expect(derwalk::SEQUENCE, "revokedCertificates entry")
                .map_err(bad)?;
            let mut e = Walker::inside(der, &entry);
            let serial = e.expect(derwalk::INTEGER, "userCertificate").map_err(bad)?;
            derwalk::check_integer(serial.value, "userCertificate").map_err(bad)?;
            let date = e.any("revocationDate").map_err(bad)?;
            let revoked_at = derwalk::time(&date, "revocationDate").map_err(bad)?;
            let mut reason = None;
            if let Some(ext) = e
                .optional(derwalk::SEQUENCE, "crlEntryExtensions")
                .map_err(bad)?
            {
                if self.version == 1 {
                    return Err(bad("a v1 CRL carries crlEntryExtensions".into()));
                }
                let unsupported = &mut self.unsupported;
                for_each_extension(
                    der,
                    &ext,
                    "crlEntryExtensions",
                    |oid, critical, value, _| match oid {
                        OID_REASON_CODE => {
                            let mut v = Walker::new(value);
                            let code = v.expect(derwalk::ENUMERATED, "reasonCode")?;
                            reason = code.value.first().copied();
                            v.finish("reasonCode")
                        }
                        OID_INVALIDITY_DATE => Ok(()),
                        OID_CERTIFICATE_ISSUER if critical => {
                            unsupported.get_or_insert_with(|| {
                                localized!(
                                    "it is an indirect CRL (certificateIssuer entries)",
                                    "c'est une LCR indirecte (entrées certificateIssuer)"
                                )
                            });
                            Ok(())
                        }
                        _ if critical => {
                            unsupported.get_or_insert_with(|| {
                                localized!(
                                    "an entry carries an unknown critical extension {oid}",
                                    "une entrée porte une extension critique inconnue {oid}",
                                    oid = derwalk::oid_text_or_hex(oid)
                                )
                            });
                            Ok(())
                        }
                        _ => Ok(()),
                    },
                )
                .map_err(bad)?;
            }
            e.finish("revokedCertificates entry").map_err(bad)?;
            entries.push(IndexEntry {
                tail: serial_tail(serial.value),
                revoked_at,
                serial_at: to_u32(serial.end - serial.value.len())?,
                serial_len: u16::try_from(serial.value.len())
                    .map_err(|_| bad("userCertificate: serial number too long".into()))?,
                reason,
            });
        }
        entries.sort_unstable_by(|a, b| {
            let at = b.serial_at as usize;
            a.cmp_serial(der, b.tail, &der[at..at + usize::from(b.serial_len)])
        });
        // The reservation guessed short entries: give back what it overshot.
        entries.shrink_to_fit();
        self.entries = entries;
        Ok(())
    }

    /// The entry for `serial` (the INTEGER's content octets), if the CRL lists it.
    pub fn lookup(&self, serial: &[u8]) -> Option<RevokedEntry> {
        let tail = serial_tail(serial);
        let found = self
            .entries
            .binary_search_by(|e| e.cmp_serial(&self.der, tail, serial))
            .ok()?;
        let entry = &self.entries[found];
        Some(RevokedEntry {
            revoked_at: entry.revoked_at,
            reason: entry.reason.map(crl_reason_name),
        })
    }

    /// Whether the CRL's signature verifies with the key of `signer`.
    pub fn is_signed_by(&self, signer: &X509Certificate<'_>) -> bool {
        let spki = signer.public_key();
        self.signers
            .check(spki.raw, || {
                let key = PublicKey::from_spki(spki);
                verify_signature(&self.signature_scheme(), &key, self.tbs(), self.signature())
            })
            .is_ok()
    }

    /// Whether the CRL is issued under the name `subject` (a candidate signer's): bytes
    /// first, the RFC 5280 §7.1 comparison only when they differ.
    pub(crate) fn issued_under(&self, subject: &X509Name<'_>) -> bool {
        self.issuer_der() == subject.as_raw() || self.issuer_key == dn_key(subject)
    }

    /// The DER of the whole CRL.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The signed part, for signature verification.
    pub fn tbs(&self) -> &[u8] {
        &self.der[self.tbs.clone()]
    }

    /// The signature algorithm.
    pub fn signature_scheme(&self) -> SignatureScheme {
        match AlgorithmIdentifier::from_der(&self.der[self.signature_algorithm.clone()]) {
            Ok((_, alg)) => SignatureScheme::from_algorithm(&alg),
            Err(e) => SignatureScheme::Unknown {
                oid: format!("unreadable AlgorithmIdentifier: {e}"),
            },
        }
    }

    /// The signature value.
    pub fn signature(&self) -> &[u8] {
        &self.der[self.signature.clone()]
    }

    /// The issuer's distinguished name, DER.
    pub fn issuer_der(&self) -> &[u8] {
        &self.der[self.issuer.clone()]
    }

    /// The issuer's distinguished name, for people.
    pub fn issuer_text(&self) -> &str {
        &self.issuer_text
    }

    /// Whether the CRL is issued under the name `raw` (DER), whose comparison key is `key`:
    /// bytes first, RFC 5280 §7.1 comparison when they differ.
    pub(crate) fn issued_by_name(&self, raw: &[u8], key: &str) -> bool {
        self.issuer_der() == raw || self.issuer_key == key
    }

    /// 1 or 2.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// thisUpdate, Unix seconds.
    pub fn this_update(&self) -> i64 {
        self.this_update
    }

    /// nextUpdate, Unix seconds, when present. 9999-12-31T23:59:59Z (a CA's last CRL) is simply
    /// a time that never passes.
    pub fn next_update(&self) -> Option<i64> {
        self.next_update
    }

    /// The cRLNumber, in hex.
    pub fn crl_number(&self) -> Option<&str> {
        self.crl_number.as_deref()
    }

    /// The Issuing Distribution Point, when the CRL is scoped.
    pub fn issuing_distribution_point(&self) -> Option<&IssuingDistributionPoint> {
        self.idp.as_ref()
    }

    /// Why the CRL cannot be relied on for any certificate, if so (delta CRL, indirect CRL,
    /// unknown critical extension).
    pub fn unsupported(&self) -> Option<&Localized> {
        self.unsupported.as_ref()
    }

    /// How many serial numbers it lists.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it lists none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes held: the DER plus the index.
    pub fn memory_size(&self) -> usize {
        self.der.capacity()
            + self.entries.capacity() * std::mem::size_of::<IndexEntry>()
            + self.issuer_text.capacity()
            + self.issuer_key.capacity()
    }
}

/// Calls `visit(oid, critical, value, whole_extension_der)` for each Extension in `seq`.
fn for_each_extension<'a>(
    der: &'a [u8],
    seq: &Tlv<'a>,
    what: &str,
    mut visit: impl FnMut(&'a [u8], bool, &'a [u8], &'a [u8]) -> std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    let mut w = Walker::inside(der, seq);
    if w.is_empty() {
        return Err(format!("{what}: empty SEQUENCE (SIZE (1..MAX) required)"));
    }
    // A list of a few extensions is searched; past that, a set keeps a hostile list of many
    // thousand extensions linear (a linear search each was quadratic: minutes for 1 MB).
    const SEARCHED: usize = 16;
    let mut seen: Vec<&[u8]> = Vec::new();
    let mut many: std::collections::HashSet<&[u8]> = std::collections::HashSet::new();
    while !w.is_empty() {
        let ext = w.expect(derwalk::SEQUENCE, what)?;
        let mut e = Walker::inside(der, &ext);
        let oid = e.expect(derwalk::OID, "extnID")?;
        let critical = match e.optional(derwalk::BOOLEAN, "critical")? {
            Some(b) if b.value == [0xff] => true,
            Some(b) if b.value == [0x00] => false,
            Some(_) => return Err(format!("{what}: critical is not a DER BOOLEAN")),
            None => false,
        };
        let value = e.expect(derwalk::OCTET_STRING, "extnValue")?;
        e.finish("Extension")?;
        let repeated = if seen.len() < SEARCHED {
            let found = seen.contains(&oid.value);
            seen.push(oid.value);
            if seen.len() == SEARCHED && !found {
                many.extend(seen.iter().copied());
            }
            found
        } else {
            !many.insert(oid.value)
        };
        if repeated {
            return Err(format!(
                "{what}: extension {} appears twice",
                derwalk::oid_text_or_hex(oid.value)
            ));
        }
        visit(oid.value, critical, value.value, &der[ext.start..ext.end])?;
    }
    Ok(())
}

fn read_idp(
    extension_der: &[u8],
    crl_issuer: &[u8],
) -> std::result::Result<IssuingDistributionPoint, String> {
    let issuer = X509Name::from_der(crl_issuer)
        .map(|(_, name)| name)
        .map_err(|e| format!("issuer: {e}"))?;
    let (_, ext) = X509Extension::from_der(extension_der)
        .map_err(|e| format!("issuingDistributionPoint: {e}"))?;
    check_idp_structure(ext.value)?;
    let mut idp = IssuingDistributionPoint::default();
    let mut outer = Walker::new(ext.value);
    let seq = outer.expect(derwalk::SEQUENCE, "issuingDistributionPoint")?;
    let mut fields = Walker::inside(ext.value, &seq);
    while !fields.is_empty() {
        let field = fields.any("issuingDistributionPoint")?;
        match field.tag & 0x1f {
            0 => {
                let mut inner = Walker::inside(ext.value, &field);
                let choice = inner.any("distributionPoint")?;
                idp.names = Some(DistributionPointNames::read(&choice, &issuer)?);
            }
            1 => idp.only_user_certs = true,
            2 => idp.only_ca_certs = true,
            3 => idp.only_some_reasons = Some(reason_flags(field.value, "onlySomeReasons")?),
            4 => idp.indirect = true,
            _ => idp.only_attribute_certs = true,
        }
    }
    if idp.only_user_certs && idp.only_ca_certs {
        return Err(
            "issuingDistributionPoint: both onlyContainsUserCerts and onlyContainsCACerts".into(),
        );
    }
    Ok(idp)
}

/// The DER shape x509-parser does not enforce: fields in order, each at most once, a
/// DistributionPointName that is exactly one choice, booleans only when TRUE, not empty.
fn check_idp_structure(value: &[u8]) -> std::result::Result<(), String> {
    let what = "issuingDistributionPoint";
    let mut outer = Walker::new(value);
    let seq = outer.expect(derwalk::SEQUENCE, what)?;
    outer.finish(what)?;
    let mut fields = Walker::inside(value, &seq);
    if fields.is_empty() {
        return Err(format!("{what}: empty SEQUENCE (RFC 5280 §5.2.5)"));
    }
    let mut last = None;
    while !fields.is_empty() {
        let field = fields.any(what)?;
        let number = field.tag & 0x1f;
        if field.tag & 0xc0 != 0x80 || number > 5 || last.is_some_and(|l| number <= l) {
            return Err(format!(
                "{what}: unexpected or repeated field tag 0x{:02x}",
                field.tag
            ));
        }
        last = Some(number);
        match number {
            0 => {
                let mut choice = Walker::inside(value, &field);
                let name = choice.any("distributionPoint")?;
                if name.tag != 0xa0 && name.tag != 0xa1 {
                    return Err(format!(
                        "{what}: distributionPoint is not a DistributionPointName"
                    ));
                }
                choice.finish("distributionPoint")?;
            }
            3 => {}
            _ if field.value != [0xff] => {
                return Err(format!("{what}: a BOOLEAN field that is not DER TRUE"));
            }
            _ => {}
        }
    }
    Ok(())
}
