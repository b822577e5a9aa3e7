//! A strict DER walker over borrowed bytes, for the structures sceau indexes itself: a CRL's
//! revoked entries are walked once and kept as offsets, never as parsed objects, so a
//! million-entry list costs a few bytes an entry (x509-parser and webpki's owned CRL both
//! materialise every entry). Everything else goes through x509-parser or the `der` crate.

use time::{Date, Month, PrimitiveDateTime, Time};

pub(crate) const SEQUENCE: u8 = 0x30;
pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const BOOLEAN: u8 = 0x01;
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const BIT_STRING: u8 = 0x03;
pub(crate) const OID: u8 = 0x06;
pub(crate) const UTC_TIME: u8 = 0x17;
pub(crate) const GENERALIZED_TIME: u8 = 0x18;
pub(crate) const ENUMERATED: u8 = 0x0a;

/// One element: its tag, its content, and where the whole element sits in the outer buffer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    pub tag: u8,
    pub value: &'a [u8],
    /// Offset of the tag byte from the start of the walked buffer.
    pub start: usize,
    /// Offset just past the content.
    pub end: usize,
}

/// Reads consecutive elements of `buf[pos..limit]`, offsets kept relative to `buf`.
pub(crate) struct Walker<'a> {
    buf: &'a [u8],
    pos: usize,
    limit: usize,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Walker {
            buf,
            pos: 0,
            limit: buf.len(),
        }
    }

    /// Walks the content of `tlv`, which was read from the same buffer.
    pub(crate) fn inside(buf: &'a [u8], tlv: &Tlv<'a>) -> Self {
        Walker {
            buf,
            pos: tlv.end - tlv.value.len(),
            limit: tlv.end,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.limit
    }

    pub(crate) fn peek_tag(&self) -> Option<u8> {
        (self.pos < self.limit).then(|| self.buf[self.pos])
    }

    /// The next element, whatever its tag.
    pub(crate) fn any(&mut self, what: &str) -> Result<Tlv<'a>, String> {
        let start = self.pos;
        let bytes = &self.buf[start..self.limit];
        let (&tag, rest) = bytes
            .split_first()
            .ok_or_else(|| format!("{what}: missing, the structure ends early"))?;
        if tag & 0x1f == 0x1f {
            return Err(format!("{what}: multi-byte tags are not used by X.509"));
        }
        let (&first, rest) = rest
            .split_first()
            .ok_or_else(|| format!("{what}: truncated length"))?;
        let (len, header) = if first < 0x80 {
            (usize::from(first), 2)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 {
                return Err(format!(
                    "{what}: length form 0x{first:02x} is not DER (indefinite or over 4 octets)"
                ));
            }
            let octets = rest
                .get(..count)
                .ok_or_else(|| format!("{what}: truncated length"))?;
            if octets[0] == 0 {
                return Err(format!("{what}: length has a leading zero octet (not DER)"));
            }
            let len = octets
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            if len < 0x80 {
                return Err(format!("{what}: long-form length below 128 (not DER)"));
            }
            (len, 2 + count)
        };
        let content_start = start + header;
        let end = content_start
            .checked_add(len)
            .filter(|&end| end <= self.limit)
            .ok_or_else(|| {
                format!(
                    "{what}: claims {len} octets, only {} remain",
                    self.limit.saturating_sub(content_start)
                )
            })?;
        self.pos = end;
        Ok(Tlv {
            tag,
            value: &self.buf[content_start..end],
            start,
            end,
        })
    }

    /// The next element, which must carry `tag`.
    pub(crate) fn expect(&mut self, tag: u8, what: &str) -> Result<Tlv<'a>, String> {
        let tlv = self.any(what)?;
        if tlv.tag != tag {
            return Err(format!(
                "{what}: found tag 0x{:02x}, expected 0x{tag:02x}",
                tlv.tag
            ));
        }
        Ok(tlv)
    }

    /// The next element if it carries `tag`.
    pub(crate) fn optional(&mut self, tag: u8, what: &str) -> Result<Option<Tlv<'a>>, String> {
        if self.peek_tag() == Some(tag) {
            self.expect(tag, what).map(Some)
        } else {
            Ok(None)
        }
    }

    pub(crate) fn finish(&self, what: &str) -> Result<(), String> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{what}: {} unexpected octets after the last field",
                self.limit - self.pos
            ))
        }
    }
}

/// NULL.
pub(crate) const NULL: u8 = 0x05;

/// Checks that `alg` is an AlgorithmIdentifier as signatures carry it, in strict DER: a
/// well-formed OBJECT IDENTIFIER, then nothing, a NULL, or a SEQUENCE of parameters (RSASSA-PSS).
pub(crate) fn check_signature_algorithm(alg: &Tlv<'_>, what: &str) -> Result<(), String> {
    if alg.tag != SEQUENCE {
        return Err(format!(
            "{what}: found tag 0x{:02x}, expected an AlgorithmIdentifier SEQUENCE",
            alg.tag
        ));
    }
    let mut fields = Walker::new(alg.value);
    let oid = fields.expect(OID, what)?;
    check_oid(oid.value, what)?;
    if let Some(parameters) = (!fields.is_empty()).then(|| fields.any(what)).transpose()? {
        match parameters.tag {
            NULL if parameters.value.is_empty() => {}
            SEQUENCE => {}
            tag => {
                return Err(format!(
                    "{what}: parameters of tag 0x{tag:02x}, neither NULL nor a SEQUENCE"
                ))
            }
        }
    }
    fields.finish(what)
}

/// Checks the encoding of an OBJECT IDENTIFIER's content: not empty, every subidentifier
/// minimal and complete.
fn check_oid(content: &[u8], what: &str) -> Result<(), String> {
    let complete = content.last().is_some_and(|last| last & 0x80 == 0);
    let minimal = content
        .iter()
        .enumerate()
        .all(|(i, &b)| b != 0x80 || (i > 0 && content[i - 1] & 0x80 != 0));
    if complete && minimal {
        Ok(())
    } else {
        Err(format!("{what}: not a DER OBJECT IDENTIFIER"))
    }
}

/// Checks that a signature BIT STRING holds whole octets (no unused bits).
pub(crate) fn check_signature_bits(signature: &Tlv<'_>, what: &str) -> Result<(), String> {
    match signature.value.first() {
        Some(0) if signature.value.len() > 1 => Ok(()),
        Some(0) | None => Err(format!("{what}: an empty signature")),
        Some(unused) => Err(format!(
            "{what}: a BIT STRING with {unused} unused bits; a signature is whole octets"
        )),
    }
}

/// Checks the outer layer of a signed object (a Certificate, a CertificationRequest): a
/// SEQUENCE of the signed part, the signature algorithm and the signature, nothing after them;
/// the algorithm strict and the signature whole octets. With `tbs_names_algorithm` (a
/// certificate's tbsCertificate.signature) returns whether the outer algorithm differs from
/// the one the signed part names: the object still reads, and its checks say so.
pub(crate) fn check_signed(
    der: &[u8],
    tbs_names_algorithm: bool,
    what: &str,
) -> Result<bool, String> {
    let mut outer = Walker::new(der);
    let signed = outer.expect(SEQUENCE, what)?;
    outer.finish(what)?;
    let mut fields = Walker::inside(der, &signed);
    let tbs = fields.expect(SEQUENCE, what)?;
    let algorithm = fields.any("signatureAlgorithm")?;
    check_signature_algorithm(&algorithm, "signatureAlgorithm")?;
    let signature = fields.expect(BIT_STRING, "signature")?;
    check_signature_bits(&signature, "signature")?;
    fields.finish(what)?;
    if tbs_names_algorithm {
        let mut inner = Walker::inside(der, &tbs);
        inner.optional(0xa0, "version")?;
        inner.expect(INTEGER, "serialNumber")?;
        let named = inner.any("signature")?;
        return Ok(named.tag != algorithm.tag || named.value != algorithm.value);
    }
    Ok(false)
}

/// The DER of the AlgorithmIdentifier a certificate's tbsCertificate names (its `signature`
/// field), as encoded.
pub(crate) fn signed_algorithm(der: &[u8]) -> Option<Vec<u8>> {
    let mut outer = Walker::new(der);
    let signed = outer.expect(SEQUENCE, "Certificate").ok()?;
    let mut fields = Walker::inside(der, &signed);
    let tbs = fields.expect(SEQUENCE, "tbsCertificate").ok()?;
    let mut inner = Walker::inside(der, &tbs);
    inner.optional(0xa0, "version").ok()?;
    inner.expect(INTEGER, "serialNumber").ok()?;
    let named = inner.any("signature").ok()?;
    Some(der[named.start..named.end].to_vec())
}

/// The DER of the AlgorithmIdentifier a SubjectPublicKeyInfo begins with, as encoded.
pub(crate) fn spki_algorithm(spki: &[u8]) -> Option<&[u8]> {
    let mut outer = Walker::new(spki);
    let info = outer.expect(SEQUENCE, "SubjectPublicKeyInfo").ok()?;
    let mut fields = Walker::inside(spki, &info);
    let algorithm = fields.any("algorithm").ok()?;
    Some(&spki[algorithm.start..algorithm.end])
}

/// The subjectPublicKey octets of a SubjectPublicKeyInfo (its BIT STRING without the
/// unused-bits octet), as encoded.
pub(crate) fn spki_public_key(spki: &[u8]) -> Option<&[u8]> {
    let mut outer = Walker::new(spki);
    let info = outer.expect(SEQUENCE, "SubjectPublicKeyInfo").ok()?;
    let mut fields = Walker::inside(spki, &info);
    fields.any("algorithm").ok()?;
    let key = fields.expect(BIT_STRING, "subjectPublicKey").ok()?;
    key.value.get(1..)
}

/// The DER (minimal) content of an INTEGER whose content is `value`, however it was encoded:
/// superfluous leading 0x00 octets (before an octet below 0x80) and 0xff octets (before one of
/// 0x80 or more) removed. A certificate's serial number is compared with a CRL entry's or an
/// OCSP CertID's by value: webpki and x509-parser accept a certificate whose serial carries a
/// superfluous leading octet, while the CRL and the CertID are DER.
pub(crate) fn minimal_integer(mut value: &[u8]) -> &[u8] {
    while let [first, next, ..] = value {
        if (*first == 0x00 && *next < 0x80) || (*first == 0xff && *next >= 0x80) {
            value = &value[1..];
        } else {
            break;
        }
    }
    value
}

/// Checks the minimal encoding of an INTEGER's content.
pub(crate) fn check_integer(value: &[u8], what: &str) -> Result<(), String> {
    match value {
        [] => Err(format!("{what}: empty INTEGER")),
        [0x00, next, ..] if *next < 0x80 => {
            Err(format!("{what}: INTEGER with a superfluous leading zero"))
        }
        [0xff, next, ..] if *next >= 0x80 => {
            Err(format!("{what}: INTEGER with a superfluous leading 0xff"))
        }
        _ => Ok(()),
    }
}

/// Seconds since the Unix epoch of a DER UTCTime (`YYMMDDHHMMSSZ`, 1950–2049) or
/// GeneralizedTime (`YYYYMMDDHHMMSSZ`, no fractions, as RFC 5280 requires).
pub(crate) fn time(tlv: &Tlv<'_>, what: &str) -> Result<i64, String> {
    let text = tlv.value;
    let (year, rest) = match (tlv.tag, text.len()) {
        (UTC_TIME, 13) => {
            let yy = digits(&text[..2], what)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &text[2..])
        }
        (GENERALIZED_TIME, 15) => (digits(&text[..4], what)?, &text[4..]),
        (UTC_TIME | GENERALIZED_TIME, _) => {
            return Err(format!(
                "{what}: time '{}' is not in the DER form RFC 5280 requires",
                String::from_utf8_lossy(text)
            ))
        }
        (tag, _) => return Err(format!("{what}: found tag 0x{tag:02x}, expected a time")),
    };
    if rest[10] != b'Z' {
        return Err(format!("{what}: time must end in Z"));
    }
    let field = |i: usize| digits(&rest[i..i + 2], what);
    let month = Month::try_from(u8::try_from(field(0)?).unwrap_or(0))
        .map_err(|_| format!("{what}: month out of range"))?;
    let date = Date::from_calendar_date(
        i32::try_from(year).unwrap_or(0),
        month,
        u8::try_from(field(2)?).unwrap_or(0),
    )
    .map_err(|e| format!("{what}: {e}"))?;
    let clock = Time::from_hms(
        u8::try_from(field(4)?).unwrap_or(99),
        u8::try_from(field(6)?).unwrap_or(99),
        u8::try_from(field(8)?).unwrap_or(99),
    )
    .map_err(|e| format!("{what}: {e}"))?;
    Ok(PrimitiveDateTime::new(date, clock)
        .assume_utc()
        .unix_timestamp())
}

fn digits(text: &[u8], what: &str) -> Result<u32, String> {
    text.iter().try_fold(0u32, |acc, &b| {
        if b.is_ascii_digit() {
            Ok(acc * 10 + u32::from(b - b'0'))
        } else {
            Err(format!("{what}: '{}' is not a digit", char::from(b)))
        }
    })
}

/// An RFC 3339 rendering of Unix seconds, for facts and messages.
pub(crate) fn rfc3339(seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| format!("@{seconds}"))
}

/// The dotted form of an OID's content octets (`2.5.29.32`, `2.999.3`), arcs up to 128 bits;
/// `None` when the octets are not an OID (empty, a last octet that continues, an arc with a
/// leading 0x80, or an arc past 128 bits).
pub(crate) fn oid_text(content: &[u8]) -> Option<String> {
    if content.last().is_none_or(|b| b & 0x80 != 0) {
        return None;
    }
    let mut text = String::with_capacity(content.len() * 3);
    let mut arc: u128 = 0;
    let mut fresh = true;
    let mut first = true;
    for &b in content {
        if fresh && b == 0x80 {
            return None;
        }
        arc = arc.checked_mul(128)? | u128::from(b & 0x7f);
        fresh = b & 0x80 == 0;
        if !fresh {
            continue;
        }
        let value = match (first, arc) {
            (false, _) => {
                text.push('.');
                arc
            }
            (true, 0..=39) => {
                text.push_str("0.");
                arc
            }
            (true, 40..=79) => {
                text.push_str("1.");
                arc - 40
            }
            (true, _) => {
                text.push_str("2.");
                arc - 80
            }
        };
        push_decimal(&mut text, value);
        first = false;
        arc = 0;
    }
    Some(text)
}

/// Appends `value` in decimal. Arcs are written for every extension and policy of every
/// certificate, so without the formatting machinery; 128-bit arithmetic only past 64 bits.
fn push_decimal(text: &mut String, value: u128) {
    use std::fmt::Write as _;
    let Ok(mut value) = u64::try_from(value) else {
        // Writing into a String cannot fail.
        let _ = write!(text, "{value}");
        return;
    };
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    text.extend(digits[start..].iter().map(|d| char::from(*d)));
}

/// Octets in lower-case hex, as facts and messages write serials, key identifiers and
/// fingerprints.
pub(crate) fn hex_text(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    text
}

/// Whether `text` is the hex of `bytes` (either case), without decoding it.
pub(crate) fn hex_is(text: &str, bytes: &[u8]) -> bool {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    text.len() == bytes.len() * 2
        && text
            .as_bytes()
            .chunks_exact(2)
            .zip(bytes)
            .all(|(pair, b)| nibble(pair[0]) == Some(b >> 4) && nibble(pair[1]) == Some(b & 0x0f))
}

/// [`oid_text`], or for messages the octets in hex when they are not an OID.
pub(crate) fn oid_text_or_hex(content: &[u8]) -> String {
    oid_text(content).unwrap_or_else(|| format!("(unreadable OID {})", hex_text(content)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(tag: u8, text: &str) -> Tlv<'_> {
        Tlv {
            tag,
            value: text.as_bytes(),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn hex_is_written_and_compared_in_both_cases() {
        assert_eq!(hex_text(&[]), "");
        assert_eq!(hex_text(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert!(hex_is("000fa5ff", &[0x00, 0x0f, 0xa5, 0xff]));
        assert!(hex_is("000FA5FF", &[0x00, 0x0f, 0xa5, 0xff]));
        assert!(!hex_is("000fa5fe", &[0x00, 0x0f, 0xa5, 0xff]));
        assert!(!hex_is("000fa5f", &[0x00, 0x0f, 0xa5, 0xff]));
        assert!(!hex_is("0g", &[0x00]));
        assert!(!hex_is("+0", &[0x00]));
    }

    #[test]
    fn oid_arcs_are_written_in_decimal_at_every_width() {
        for (content, expected) in [
            (&[0x2a, 0x09][..], "1.2.9"),
            (&[0x2a, 0x0a], "1.2.10"),
            (&[0x2a, 0x81, 0x00], "1.2.128"),
            (&[0x7f], "2.47"),
        ] {
            assert_eq!(oid_text(content).as_deref(), Some(expected));
        }
        for value in [
            0u128,
            9,
            10,
            99,
            100,
            u64::MAX as u128,
            u64::MAX as u128 + 1,
            u128::MAX,
        ] {
            let mut text = String::new();
            push_decimal(&mut text, value);
            assert_eq!(text, value.to_string());
        }
    }

    #[test]
    fn times_follow_rfc5280() {
        assert_eq!(time(&tlv(UTC_TIME, "700101000000Z"), "t"), Ok(0));
        assert_eq!(
            time(&tlv(UTC_TIME, "491231235959Z"), "t"),
            Ok(2_524_607_999)
        );
        assert_eq!(
            time(&tlv(GENERALIZED_TIME, "99991231235959Z"), "t"),
            Ok(253_402_300_799)
        );
        assert!(time(&tlv(UTC_TIME, "7001010000Z"), "t").is_err());
        assert!(time(&tlv(GENERALIZED_TIME, "20170101000000.5Z"), "t").is_err());
        assert!(time(&tlv(UTC_TIME, "701301000000Z"), "t").is_err());
    }

    #[test]
    fn lengths_must_be_minimal() {
        assert!(Walker::new(&[0x04, 0x81, 0x01, 0x00]).any("x").is_err());
        assert!(Walker::new(&[0x04, 0x80, 0x00, 0x00]).any("x").is_err());
        assert!(Walker::new(&[0x04, 0x03, 0x00]).any("x").is_err());
        let t = Walker::new(&[0x04, 0x01, 0xaa]).any("x").unwrap();
        assert_eq!((t.value, t.start, t.end), (&[0xaa][..], 0, 3));
    }
}
