//! Decoding at the edge: PEM (with the labels people paste, CRLF, prose around the block), bare
//! base64, or DER, into the DER of exactly one object of the kind asked for.
//!
//! Every way the bytes can fail to be that object is a typed [`Error`] that names what was found
//! and what was expected. Parsing the DER into a structure is the object module's job; this
//! module guarantees it gets one complete DER element with nothing after it.

use std::borrow::Cow;
use std::ops::ControlFlow;
use std::sync::OnceLock;

use asn1_rs::{FromDer, Header, Tag};
use base64::Engine as _;
use memchr::memmem;
use serde::Serialize;

use crate::error::{Error, ObjectKind, Result};

/// How the object was written in the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "encoding", rename_all = "lowercase")]
pub enum Form {
    /// A PEM block with this label.
    Pem {
        /// The label between `BEGIN` and the dashes.
        label: String,
    },
    /// Base64 text without PEM armour.
    Base64,
    /// Raw DER.
    Der,
}

/// The DER of one object, and how it was written.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    /// Exactly one complete DER element.
    pub der: Cow<'a, [u8]>,
    /// How the input wrote it.
    pub form: Form,
}

const PEM_BEGIN: &[u8] = b"-----BEGIN ";
const PEM_END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";

/// Built once: a memmem finder costs more to build than to run on a CSR.
fn finder(needle: &'static [u8]) -> &'static memmem::Finder<'static> {
    static BEGIN: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    static END: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    static DASH: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    let cell = match needle {
        PEM_BEGIN => &BEGIN,
        PEM_END => &END,
        _ => &DASH,
    };
    cell.get_or_init(|| memmem::Finder::new(needle))
}

fn find(haystack: &[u8], needle: &'static [u8]) -> Option<usize> {
    finder(needle).find(haystack)
}

/// Decodes `input` into the DER of exactly one object of kind `expected`.
///
/// PEM blocks of other kinds around the wanted one are ignored (a CSR pasted with its key in the
/// same file is still read); two blocks of the wanted kind are [`Error::Ambiguous`].
pub fn decode(input: &[u8], expected: ObjectKind) -> Result<Decoded<'_>> {
    let mut all = decode_all(input, expected)?;
    if all.len() > 1 {
        return Err(Error::Ambiguous {
            count: all.len(),
            expected,
        });
    }
    // decode_all never returns an empty list.
    all.pop().ok_or(Error::EmptyInput { expected })
}

/// Decodes every object of kind `expected` in `input` (a chain file, a CRL bundle), in order.
/// Never returns an empty list: no object of that kind is an error.
pub fn decode_all(input: &[u8], expected: ObjectKind) -> Result<Vec<Decoded<'_>>> {
    let mut all = Vec::new();
    for_each_object(input, expected, |decoded| {
        all.push(decoded);
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(all)
}

/// Hands every object of kind `expected` in `input` to `each`, in order, decoding one at a
/// time: a bundle of a hundred thousand responses is never held decoded all at once, and
/// `each` may stop the walk (`ControlFlow::Break`) once it has enough. No object of that kind
/// is an error, as for [`decode_all`].
pub fn for_each_object<'a>(
    input: &'a [u8],
    expected: ObjectKind,
    mut each: impl FnMut(Decoded<'a>) -> Result<ControlFlow<()>>,
) -> Result<()> {
    let trimmed = input.trim_ascii();
    if trimmed.is_empty() {
        return Err(Error::EmptyInput { expected });
    }
    if find(input, PEM_BEGIN).is_some() {
        return decode_pem(input, expected, &mut each);
    }
    if trimmed[0] == 0x30 && input[0] == 0x30 {
        check_der_frame(input, expected)?;
        return each(Decoded {
            der: Cow::Borrowed(input),
            form: Form::Der,
        })
        .map(drop);
    }
    each(decode_bare_base64(trimmed, expected)?).map(drop)
}

/// One PEM block: its label and the text between the BEGIN and END lines.
struct PemBlock<'a> {
    label: &'a str,
    body: &'a [u8],
}

/// The label of a boundary line (`-----BEGIN label-----` when `open` is `-----BEGIN `), if
/// the line is one: the whole line, leading and trailing white space aside, and a label of
/// printable ASCII (RFC 7468 §2). A line of prose that merely mentions a boundary is not one.
fn boundary<'a>(line: &'a [u8], open: &[u8]) -> Option<&'a str> {
    let line = line.trim_ascii();
    let label = line.strip_prefix(open)?.strip_suffix(DASHES)?;
    let label = std::str::from_utf8(label).ok()?;
    let printable = label.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    (printable && !label.contains("-----")).then_some(label)
}

/// Finds every PEM block in `input`, whatever surrounds them (prose, e-mail quoting, CRLF):
/// a block opens at a line that is a BEGIN boundary and closes at the next END boundary line.
/// Only lines holding the boundary's dashes can be one, so the search jumps from one
/// occurrence to the next (memmem) instead of walking every line.
fn pem_blocks(input: &[u8], expected: ObjectKind) -> Result<Vec<PemBlock<'_>>> {
    let bad = |detail: String| Error::BadPem { detail, expected };
    let mut blocks = Vec::new();
    let mut open: Option<(&str, usize)> = None;
    let mut at = 0;
    while at < input.len() {
        let needle = if open.is_some() { PEM_END } else { PEM_BEGIN };
        let Some(hit) = find(&input[at..], needle).map(|i| at + i) else {
            break;
        };
        let start = memchr::memrchr(b'\n', &input[at..hit]).map_or(at, |i| at + i + 1);
        let end = memchr::memchr(b'\n', &input[hit..]).map_or(input.len(), |i| hit + i);
        let line = &input[start..end];
        let next = (end + 1).min(input.len());
        at = end + 1;
        match open {
            None => {
                if let Some(label) = boundary(line, PEM_BEGIN) {
                    open = Some((label, next));
                }
            }
            Some((label, body_start)) => {
                if let Some(end_label) = boundary(line, PEM_END) {
                    if end_label != label {
                        return Err(bad(format!("BEGIN {label} is closed by END {end_label}")));
                    }
                    blocks.push(PemBlock {
                        label,
                        body: &input[body_start..start],
                    });
                    open = None;
                }
            }
        }
    }
    if let Some((label, _)) = open {
        return Err(bad(format!("the BEGIN {label} block has no END line")));
    }
    Ok(blocks)
}

/// Base64 of a PEM body, white space (any line breaks, indentation) removed.
fn pem_body_der(block: &PemBlock<'_>, expected: ObjectKind) -> Result<Vec<u8>> {
    if block.body.contains(&b':') {
        return Err(Error::BadPem {
            detail: format!(
                "the {} block carries RFC 1421 headers (an encrypted or legacy PEM), which are not accepted",
                block.label
            ),
            expected,
        });
    }
    // Fast path: join the trimmed lines (no white space inside a line) and decode once; a body
    // with white space inside its lines takes the slow path below, whose error says where the
    // base64 breaks (base64-simd is as strict as `base64`: padding and trailing bits canonical).
    let engine = &base64::engine::general_purpose::STANDARD;
    let body = block.body.trim_ascii();
    if body.is_empty() {
        return Err(Error::BadPem {
            detail: format!("the {} block is empty", block.label),
            expected,
        });
    }
    let mut joined = Vec::with_capacity(body.len());
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body).chain(std::iter::once(body.len())) {
        joined.extend_from_slice(body[start..end].trim_ascii());
        start = end + 1;
    }
    if let Ok(der) = base64_simd::STANDARD.decode_to_vec(&joined) {
        return Ok(der);
    }
    let compact: Vec<u8> = block
        .body
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    engine.decode(&compact).map_err(|e| Error::BadBase64 {
        label: block.label.to_string(),
        detail: e.to_string(),
    })
}

fn decode_pem<'a>(
    input: &'a [u8],
    expected: ObjectKind,
    each: &mut dyn FnMut(Decoded<'a>) -> Result<ControlFlow<()>>,
) -> Result<()> {
    let mut wanted = 0usize;
    let mut others = Vec::new();
    for block in pem_blocks(input, expected)? {
        if expected
            .pem_labels()
            .iter()
            .any(|l| l.eq_ignore_ascii_case(block.label))
        {
            let der = pem_body_der(&block, expected)?;
            check_der_frame(&der, expected)?;
            wanted += 1;
            let decoded = Decoded {
                der: Cow::Owned(der),
                form: Form::Pem {
                    label: block.label.to_string(),
                },
            };
            if each(decoded)?.is_break() {
                return Ok(());
            }
        } else {
            others.push(block.label);
        }
    }
    if wanted == 0 {
        if others.is_empty() {
            return Err(Error::NotPemOrDer {
                detail: "text whose '-----BEGIN' appears only inside a line of prose, not as a PEM boundary line".into(),
                expected,
            });
        }
        return Err(Error::WrongKind {
            found: blocks_found(&others),
            expected,
        });
    }
    Ok(())
}

/// The PEM blocks of other kinds, for a message: each label once with its count, the first
/// few labels only (a file of a million blocks gives a line, not megabytes).
fn blocks_found(labels: &[&str]) -> String {
    const SHOWN: usize = 4;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for label in labels {
        if let Some((_, n)) = counts.iter_mut().find(|(l, _)| l == label) {
            *n += 1;
        } else if counts.len() < SHOWN {
            counts.push((label, 1));
        }
    }
    let mut parts: Vec<String> = counts
        .iter()
        .take(SHOWN)
        .map(|(label, n)| match n {
            1 => format!("a PEM block labelled '{label}'"),
            n => format!("{n} PEM blocks labelled '{label}'"),
        })
        .collect();
    let listed: usize = counts.iter().take(SHOWN).map(|(_, n)| n).sum();
    if listed < labels.len() {
        parts.push(format!(
            "{} more PEM blocks of other kinds",
            labels.len() - listed
        ));
    }
    parts.join(", ")
}

fn decode_bare_base64(text: &[u8], expected: ObjectKind) -> Result<Decoded<'static>> {
    let printable = text
        .iter()
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
    if !printable {
        let first = text[0];
        return Err(Error::NotPemOrDer {
            detail: format!(
                "binary data that does not start with a DER SEQUENCE (first byte 0x{first:02x})"
            ),
            expected,
        });
    }
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let looks_base64 = compact
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    if !looks_base64 {
        return Err(Error::NotPemOrDer {
            detail: "text without a '-----BEGIN' line that is not base64 either".into(),
            expected,
        });
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .map_err(|e| Error::BadBase64 {
            label: "base64 text".into(),
            detail: e.to_string(),
        })?;
    check_der_frame(&der, expected)?;
    Ok(Decoded {
        der: Cow::Owned(der),
        form: Form::Base64,
    })
}

/// Checks that `der` is exactly one complete DER SEQUENCE: every X.509 object sceau reads is one.
pub fn check_der_frame(der: &[u8], expected: ObjectKind) -> Result<()> {
    match Header::from_der(der) {
        Ok((body, header)) => {
            if header.tag() != Tag::Sequence || !header.is_constructed() {
                return Err(Error::BadDer {
                    detail: format!("the outer element is {:?}, not a SEQUENCE", header.tag()),
                    expected,
                });
            }
            let declared = header.length().definite().map_err(|_| Error::BadDer {
                detail: "indefinite length (BER), not DER".into(),
                expected,
            })?;
            if declared > body.len() {
                return Err(Error::Truncated {
                    detail: format!(
                        "the outer SEQUENCE declares {declared} bytes but only {} follow",
                        body.len()
                    ),
                    expected,
                });
            }
            let trailing = body.len() - declared;
            if trailing > 0 {
                return Err(Error::TrailingData {
                    count: trailing,
                    expected,
                });
            }
            Ok(())
        }
        Err(asn1_rs::nom::Err::Incomplete(_)) => Err(Error::Truncated {
            detail: format!("only {} bytes, the outer header is cut short", der.len()),
            expected,
        }),
        Err(e) => Err(Error::BadDer {
            detail: format!("unreadable outer header: {e}"),
            expected,
        }),
    }
}

/// Turns a parser's result on one complete DER object into sceau's errors: bytes left over are
/// [`Error::TrailingData`]; a failure names what the bytes are when another parser reads them.
pub(crate) fn complete<T, E: std::fmt::Debug>(
    der: &[u8],
    parsed: x509_parser::nom::IResult<&[u8], T, E>,
    expected: ObjectKind,
) -> Result<T> {
    match parsed {
        Ok(([], value)) => Ok(value),
        Ok((rest, _)) => Err(Error::TrailingData {
            count: rest.len(),
            expected,
        }),
        Err(e) => match sniff_der(der) {
            Some(kind) if kind != expected => Err(Error::WrongKind {
                found: format!("{kind} (DER)"),
                expected,
            }),
            _ => Err(Error::BadDer {
                detail: e.to_string(),
                expected,
            }),
        },
    }
}

/// Names the kind of a complete DER object that failed to parse as the expected kind, by trying
/// the other X.509 parsers. Used to turn "bad DER" into "a certificate, expected a CSR".
pub fn sniff_der(der: &[u8]) -> Option<ObjectKind> {
    use x509_parser::prelude::*;
    if X509Certificate::from_der(der).is_ok() {
        return Some(ObjectKind::Certificate);
    }
    if CertificateRevocationList::from_der(der).is_ok() {
        return Some(ObjectKind::Crl);
    }
    if X509CertificationRequest::from_der(der).is_ok() {
        return Some(ObjectKind::Csr);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "MAMCAQA="; // SEQUENCE { INTEGER 0 }

    fn pem(label: &str, body: &str) -> Vec<u8> {
        format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n").into_bytes()
    }

    #[test]
    fn white_space_inside_lines_takes_the_strict_path_and_still_decodes() {
        let input = pem("X509 CRL", "MAMC AQA=");
        let decoded = decode(&input, ObjectKind::Crl).unwrap();
        assert_eq!(&*decoded.der, &[0x30, 0x03, 0x02, 0x01, 0x00]);
        let crlf = b"Dear CA,\r\n-----BEGIN X509 CRL-----\r\n  MAMC\r\n  AQA=\r\n-----END X509 CRL-----\r\nBye";
        assert_eq!(
            &*decode(crlf, ObjectKind::Crl).unwrap().der,
            &[0x30, 3, 2, 1, 0]
        );
    }

    #[test]
    fn framing_errors_say_what_is_wrong() {
        let mismatched = format!("-----BEGIN X509 CRL-----\n{BODY}\n-----END CERTIFICATE-----\n");
        match decode(mismatched.as_bytes(), ObjectKind::Crl) {
            Err(Error::BadPem { detail, .. }) => {
                assert!(detail.contains("closed by END CERTIFICATE"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
        let headers = pem("X509 CRL", "Proc-Type: 4,ENCRYPTED\n\nMAMCAQA=");
        assert!(matches!(
            decode(&headers, ObjectKind::Crl),
            Err(Error::BadPem { .. })
        ));
        let empty = pem("X509 CRL", "");
        assert!(matches!(
            decode(&empty, ObjectKind::Crl),
            Err(Error::BadPem { .. })
        ));
        let open = b"-----BEGIN X509 CRL-----\nMAMCAQA=\n";
        match decode(open, ObjectKind::Crl) {
            Err(Error::BadPem { detail, .. }) => {
                assert!(detail.contains("no END line"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
        match decode(&pem("X509 CRL", "MAMC!QA="), ObjectKind::Crl) {
            Err(Error::BadBase64 { label, detail }) => {
                assert_eq!(label, "X509 CRL");
                assert!(
                    detail.contains('4') || detail.contains("symbol"),
                    "{detail}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_whole_lines_are_boundaries() {
        // Prose naming a boundary mid-line opens nothing; an indented boundary line does.
        let input = b"Paste the text from -----BEGIN X509 CRL----- on.\n  -----BEGIN X509 CRL-----\nMAMC\nAQA=\n\t-----END X509 CRL-----  \n";
        assert_eq!(
            &*decode(input, ObjectKind::Crl).unwrap().der,
            &[0x30, 3, 2, 1, 0]
        );
        // An END named mid-line inside the body does not close it: the body is then not base64.
        let inner = b"-----BEGIN X509 CRL-----\nMAMC x -----END X509 CRL-----\nAQA=\n-----END X509 CRL-----\n";
        assert!(matches!(
            decode(inner, ObjectKind::Crl),
            Err(Error::BadBase64 { .. })
        ));
        // Only mentions of a boundary, and no block: said so.
        let prose = b"the file should start with -----BEGIN CERTIFICATE----- and end well";
        assert!(matches!(
            decode(prose, ObjectKind::Certificate),
            Err(Error::NotPemOrDer { .. })
        ));
    }

    #[test]
    fn decode_all_keeps_every_block_of_the_kind_in_order() {
        let mut chain = pem("CERTIFICATE", BODY);
        chain.extend(pem("PRIVATE KEY", BODY));
        chain.extend(pem("CERTIFICATE", "MAMCAQE="));
        let all = decode_all(&chain, ObjectKind::Certificate).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].der[4], 1);
    }
}
