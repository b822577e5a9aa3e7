//! A large CRL built directly as DER (rcgen would build a million entry objects first): entries
//! with 16-byte serials, a UTCTime and, one in four, a reasonCode; signed by a P-256 key. Shared
//! by the memory test and the crl_index bench.
#![allow(dead_code)]

use std::sync::OnceLock;

use rcgen::SigningKey;

/// The serial number of entry `i` (16 octets, positive).
pub fn serial(i: u32) -> Vec<u8> {
    let mut s = vec![0x42u8; 16];
    s[12..].copy_from_slice(&i.to_be_bytes());
    s
}

/// DER tag, length and content, as a new vector.
pub fn tlv_of(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    tlv(tag, content, &mut out);
    out
}

fn tlv(tag: u8, content: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
}

/// A CRL with `count` entries (every other serial, so odd indices are misses).
pub fn build(count: u32) -> Vec<u8> {
    build_listing((0..count).map(|i| serial(i * 2)))
}

/// A CRL listing `serials`, in that order; entry i (counted from 0) has a reasonCode
/// (keyCompromise) when i is a multiple of 4.
pub fn build_listing(serials: impl ExactSizeIterator<Item = Vec<u8>>) -> Vec<u8> {
    let count = serials.len();
    let key = rcgen::KeyPair::generate().unwrap();
    let mut name = Vec::new();
    {
        let mut atv = Vec::new();
        tlv(0x06, &[0x55, 0x04, 0x03], &mut atv);
        tlv(0x0c, b"Grosse AC de test", &mut atv);
        let mut seq = Vec::new();
        tlv(0x30, &atv, &mut seq);
        let mut set = Vec::new();
        tlv(0x31, &seq, &mut set);
        tlv(0x30, &set, &mut name);
    }
    // ecdsa-with-SHA256
    let mut alg = Vec::new();
    tlv(
        0x06,
        &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02],
        &mut alg,
    );
    let mut alg_id = Vec::new();
    tlv(0x30, &alg, &mut alg_id);
    let mut revoked = Vec::with_capacity(count * 48);
    let mut entry = Vec::new();
    for (i, serial) in serials.enumerate() {
        entry.clear();
        tlv(0x02, &serial, &mut entry);
        tlv(0x17, b"260301000000Z", &mut entry);
        if i % 4 == 0 {
            let mut ext = Vec::new();
            tlv(0x06, &[0x55, 0x1d, 0x15], &mut ext);
            tlv(0x04, &[0x0a, 0x01, 0x01], &mut ext);
            let mut one = Vec::new();
            tlv(0x30, &ext, &mut one);
            let mut exts = Vec::new();
            tlv(0x30, &one, &mut exts);
            entry.extend(exts);
        }
        tlv(0x30, &entry, &mut revoked);
    }
    let mut tbs = Vec::new();
    tlv(0x02, &[1], &mut tbs);
    tbs.extend(&alg_id);
    tbs.extend(&name);
    tlv(0x17, b"260101000000Z", &mut tbs);
    tlv(0x17, b"360101000000Z", &mut tbs);
    tlv(0x30, &revoked, &mut tbs);
    drop(revoked);
    let mut tbs_der = Vec::new();
    tlv(0x30, &tbs, &mut tbs_der);
    let signature = key.sign(&tbs_der).unwrap();
    let mut bits = vec![0u8];
    bits.extend(signature);
    let mut body = tbs_der;
    body.extend(&alg_id);
    tlv(0x03, &bits, &mut body);
    let mut out = Vec::with_capacity(body.len() + 8);
    tlv(0x30, &body, &mut out);
    out
}

/// The million-entry CRL, built once per process.
pub fn million() -> Vec<u8> {
    static CRL: OnceLock<Vec<u8>> = OnceLock::new();
    CRL.get_or_init(|| build(1_000_000)).clone()
}
