//! Many objects from one input, for batch checks: the PEM blocks of one file, or an endless
//! stream of concatenated PEM read block by block in bounded memory. Each piece is handed to
//! the ordinary decoder afterwards, so a broken block gets the same typed error as a file
//! holding only that block.

use std::io::BufRead;

use crate::error::{Error, ObjectKind, Result};

/// The label of a PEM boundary line (`-----BEGIN label-----` for `open` = `-----BEGIN `).
fn boundary<'a>(line: &'a [u8], open: &[u8]) -> Option<&'a [u8]> {
    line.trim_ascii().strip_prefix(open)?.strip_suffix(b"-----")
}

/// Whether `label` names an object of kind `expected`.
fn wanted(label: &[u8], expected: ObjectKind) -> bool {
    expected
        .pem_labels()
        .iter()
        .any(|l| l.as_bytes().eq_ignore_ascii_case(label))
}

/// The objects of kind `expected` in `input`, each as the bytes of its PEM block (BEGIN line to
/// END line), in order. Blocks of other kinds are left out, as the single-object decoder
/// ignores them. An input with no such complete block (DER, bare base64, only other kinds,
/// broken PEM) is one piece, the whole input, so that it gets the decoder's error.
pub fn split_objects(input: &[u8], expected: ObjectKind) -> Vec<&[u8]> {
    let mut pieces = Vec::new();
    let mut open: Option<(&[u8], usize)> = None;
    let mut at = 0;
    for line in input.split(|&b| b == b'\n') {
        let (start, next) = (at, (at + line.len() + 1).min(input.len()));
        at += line.len() + 1;
        match open {
            None => {
                if let Some(label) = boundary(line, b"-----BEGIN ") {
                    open = Some((label, start));
                }
            }
            Some((label, begin)) => {
                if let Some(end) = boundary(line, b"-----END ") {
                    if end == label && wanted(label, expected) {
                        pieces.push(&input[begin..next]);
                    } else if end != label {
                        // A block closed by another label: broken PEM, the decoder says so.
                        return vec![input];
                    }
                    open = None;
                }
            }
        }
    }
    if pieces.is_empty() || open.is_some() {
        return vec![input];
    }
    pieces
}

/// What a stream gives: one object's bytes, or the error that stands for a piece that could
/// not be taken (a block larger than the limit).
pub type Piece = Result<Vec<u8>>;

/// The objects of kind `expected` in a stream of concatenated PEM, one block at a time: memory
/// holds one block (at most `max_block` bytes) whatever the stream's length. Blocks of other
/// kinds and text between blocks are skipped. A stream that does not start with PEM (DER,
/// bare base64) is one piece of at most `max_block` bytes. A block cut by the end of the
/// stream is given as it is, for the decoder to refuse.
pub struct PemStream<R> {
    reader: R,
    expected: ObjectKind,
    max_block: usize,
    line: Vec<u8>,
    started: bool,
    finished: bool,
}

impl<R: BufRead> PemStream<R> {
    /// Reads `reader` for objects of kind `expected`, no piece larger than `max_block` bytes.
    pub fn new(reader: R, expected: ObjectKind, max_block: usize) -> PemStream<R> {
        PemStream {
            reader,
            expected,
            max_block,
            line: Vec::new(),
            started: false,
            finished: false,
        }
    }

    /// The next line into `self.line`, at most `max_block + 1` bytes of it kept (the rest of an
    /// overlong line is read and dropped). `Ok(false)` at the end of the stream.
    fn next_line(&mut self) -> std::io::Result<bool> {
        self.line.clear();
        let mut read_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(read_any);
            }
            read_any = true;
            let (taken, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            let room = (self.max_block + 1).saturating_sub(self.line.len());
            self.line.extend_from_slice(&available[..taken.min(room)]);
            self.reader.consume(taken);
            if done {
                return Ok(true);
            }
        }
    }

    /// A stream that is not PEM: the whole of it, bounded, as one piece.
    fn whole(&mut self) -> std::io::Result<Piece> {
        let mut all = Vec::new();
        let limit = u64::try_from(self.max_block).unwrap_or(u64::MAX);
        std::io::Read::read_to_end(
            &mut std::io::Read::take(&mut self.reader, limit + 1),
            &mut all,
        )?;
        if all.len() > self.max_block {
            return Ok(Err(self.too_large()));
        }
        Ok(Ok(all))
    }

    fn too_large(&self) -> Error {
        Error::TooMany {
            what: "bytes in one input",
            limit: self.max_block,
            limit_name: "max-input",
        }
    }

    fn next_piece(&mut self) -> std::io::Result<Option<Piece>> {
        if !self.started {
            self.started = true;
            let first = loop {
                let available = self.reader.fill_buf()?;
                match available.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(i) => break Some(available[i]),
                    None if available.is_empty() => break None,
                    None => {
                        let n = available.len();
                        self.reader.consume(n);
                    }
                }
            };
            match first {
                None => return Ok(None),
                Some(b'-') => {}
                Some(_) => {
                    self.finished = true;
                    return self.whole().map(Some);
                }
            }
        }
        let mut block: Vec<u8> = Vec::new();
        let mut label: Option<Vec<u8>> = None;
        let mut skipping = false;
        let mut oversized = false;
        while self.next_line()? {
            match &label {
                None => {
                    if let Some(found) = boundary(&self.line, b"-----BEGIN ") {
                        skipping = !wanted(found, self.expected);
                        label = Some(found.to_vec());
                        if !skipping {
                            block.extend_from_slice(&self.line);
                        }
                    }
                }
                Some(open) => {
                    let closes = boundary(&self.line, b"-----END ") == Some(open.as_slice());
                    if !skipping && !oversized {
                        if block.len() + self.line.len() > self.max_block {
                            oversized = true;
                            block = Vec::new();
                        } else {
                            block.extend_from_slice(&self.line);
                        }
                    }
                    if closes {
                        if skipping {
                            label = None;
                            skipping = false;
                            continue;
                        }
                        if oversized {
                            return Ok(Some(Err(self.too_large())));
                        }
                        return Ok(Some(Ok(block)));
                    }
                }
            }
        }
        self.finished = true;
        match (label, skipping, oversized) {
            (Some(_), false, true) => Ok(Some(Err(self.too_large()))),
            // Cut by the end of the stream: the decoder says the END line is missing.
            (Some(_), false, false) => Ok(Some(Ok(block))),
            _ => Ok(None),
        }
    }
}

impl<R: BufRead> Iterator for PemStream<R> {
    type Item = std::io::Result<Piece>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let piece = self.next_piece();
        if piece.is_err() {
            self.finished = true;
        }
        piece.transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "-----BEGIN CERTIFICATE-----\nQUFB\n-----END CERTIFICATE-----\n";
    const B: &str = "-----BEGIN CERTIFICATE-----\r\nQkJC\r\n-----END CERTIFICATE-----\r\n";
    const KEY: &str = "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n";

    #[test]
    fn a_file_splits_into_its_blocks_of_the_kind() {
        let text = format!("prose\n{A}{KEY}between\n{B}");
        let pieces = split_objects(text.as_bytes(), ObjectKind::Certificate);
        assert_eq!(pieces, [A.as_bytes(), B.as_bytes()]);
        // No block of the kind, DER, or broken PEM: the whole input, for the decoder.
        for whole in [
            KEY,
            "\x30\x03\x02\x01\x01",
            "-----BEGIN CERTIFICATE-----\nQUFB\n",
        ] {
            assert_eq!(
                split_objects(whole.as_bytes(), ObjectKind::Certificate),
                [whole.as_bytes()]
            );
        }
    }

    fn stream(text: &[u8], max: usize) -> Vec<Piece> {
        PemStream::new(text, ObjectKind::Certificate, max)
            .map(|p| p.unwrap())
            .collect()
    }

    #[test]
    fn a_stream_gives_each_block_and_bounds_each() {
        let text = format!("\n\n{A}{KEY}noise\n{B}{A}");
        let pieces: Vec<Vec<u8>> = stream(text.as_bytes(), 1 << 20)
            .into_iter()
            .map(|p| p.unwrap())
            .collect();
        assert_eq!(pieces, [A.as_bytes(), B.as_bytes(), A.as_bytes()]);
        // A block over the limit is an error piece, and the next block still comes.
        let big = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n{A}",
            "Q".repeat(500)
        );
        let pieces = stream(big.as_bytes(), 200);
        assert!(matches!(pieces[0], Err(Error::TooMany { limit: 200, .. })));
        assert_eq!(pieces[1].as_deref().unwrap(), A.as_bytes());
        // Cut by the end: given as it is; DER: one piece; nothing: nothing.
        let cut = stream(b"-----BEGIN CERTIFICATE-----\nQUFB\n", 1 << 20);
        assert_eq!(cut.len(), 1);
        assert_eq!(stream(b"\x30\x03\x02\x01\x01", 100).len(), 1);
        assert!(matches!(
            stream(b"\x30\x03\x02\x01\x01", 3)[0],
            Err(Error::TooMany { .. })
        ));
        assert!(stream(b"  \n", 100).is_empty());
    }

    #[test]
    fn an_endless_line_is_not_held() {
        let line = vec![b'x'; 1 << 20];
        let mut stream = PemStream::new(&line[..], ObjectKind::Certificate, 64);
        stream.started = true; // as if a block had come before
        assert!(stream.next().is_none());
        assert!(stream.line.len() <= 65);
    }
}
