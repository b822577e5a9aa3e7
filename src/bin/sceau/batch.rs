//! `cert check` and `csr check` over many inputs: files, directories walked recursively, and
//! standard input as a stream of concatenated PEM. Inputs are read lazily and checked chunk by
//! chunk on every core (the library's `Batch::stream`: read on a thread of its own, two chunks in
//! flight, the output flushed after each chunk), one line (`--format jsonl`), one array element
//! (`json`) or one block of text per object, in input order; a summary on standard error at the
//! end, and a progress bar while it runs when standard error is a terminal. Memory holds four
//! chunks at most, whatever the length of the stream.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use sceau::{render, Batch, Lang, ObjectKind, PemStream, Report, Verdict};

/// Inputs read ahead and checked together, per thread: enough to keep every core busy, small
/// enough that memory stays bounded.
const CHUNK_PER_JOB: usize = 512;

/// How the outcomes are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Each report's text, after a line naming its input.
    Text,
    /// One JSON array, an element per input (with `input`), written as it goes.
    Json,
    /// One JSON object per line, with `input`.
    Jsonl,
}

/// One object to check: where it came from, and its bytes or why they could not be taken.
struct Item {
    input: String,
    bytes: Result<Vec<u8>, String>,
}

/// What one input came to.
enum Outcome {
    Accepted,
    Rejected,
    Unreadable,
}

/// An input checked and rendered on a worker: its text, its outcome, its finding codes.
struct Done {
    text: String,
    outcome: Outcome,
    codes: Vec<&'static str>,
}

/// Where objects come from.
enum Source {
    /// Standard input, a stream.
    Stdin,
    /// A file.
    File(String),
    /// A directory that could not be listed, and why.
    Unlisted(String, String),
}

/// The inputs of the command line, read one at a time.
struct Inputs<'a> {
    pending: std::vec::IntoIter<Source>,
    kind: ObjectKind,
    max_input: usize,
    read: &'a (dyn Fn(&str) -> Result<Vec<u8>, String> + Sync),
    /// Objects of the file or stream being read, still to give.
    current: Box<dyn Iterator<Item = Item> + Send + 'a>,
}

impl<'a> Inputs<'a> {
    fn new(
        files: &[String],
        kind: ObjectKind,
        max_input: usize,
        read: &'a (dyn Fn(&str) -> Result<Vec<u8>, String> + Sync),
    ) -> Inputs<'a> {
        let mut paths = Vec::new();
        for file in files {
            expand(file, &mut paths);
        }
        Inputs {
            pending: paths.into_iter(),
            kind,
            max_input,
            read,
            current: Box::new(std::iter::empty()),
        }
    }

    /// The objects of one source: a stream for `-`, the blocks of a file otherwise.
    fn open(&self, source: Source) -> Box<dyn Iterator<Item = Item> + Send + 'a> {
        let path = match source {
            Source::File(path) => path,
            Source::Unlisted(input, why) => {
                return Box::new(std::iter::once(Item {
                    input,
                    bytes: Err(why),
                }))
            }
            Source::Stdin => return self.stdin(),
        };
        match (self.read)(&path) {
            Err(error) => Box::new(std::iter::once(Item {
                input: path,
                bytes: Err(error),
            })),
            Ok(bytes) => {
                let pieces: Vec<Vec<u8>> = sceau::split_objects(&bytes, self.kind)
                    .into_iter()
                    .map(<[u8]>::to_vec)
                    .collect();
                let several = pieces.len() > 1;
                Box::new(pieces.into_iter().enumerate().map(move |(i, bytes)| Item {
                    input: if several {
                        format!("{path}#{}", i + 1)
                    } else {
                        path.clone()
                    },
                    bytes: Ok(bytes),
                }))
            }
        }
    }
}

impl<'a> Inputs<'a> {
    /// Standard input as a stream of objects, `-#N` each.
    fn stdin(&self) -> Box<dyn Iterator<Item = Item> + Send + 'a> {
        let stream = PemStream::new(
            // Unlocked (a lock cannot leave its thread): the batch reads on a thread of its own.
            std::io::BufReader::new(std::io::stdin()),
            self.kind,
            self.max_input,
        );
        Box::new(stream.enumerate().map(|(i, piece)| Item {
            input: format!("-#{}", i + 1),
            bytes: match piece {
                Ok(Ok(bytes)) => Ok(bytes),
                Ok(Err(error)) => Err(error.to_string()),
                Err(error) => Err(format!("standard input: {error}")),
            },
        }))
    }
}

impl Iterator for Inputs<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(item);
            }
            let source = self.pending.next()?;
            self.current = self.open(source);
        }
    }
}

/// `file` as the sources to read: standard input for `-`, the file itself, or every regular
/// file under it when it is a directory (sorted by name at each level; links to directories
/// are not followed, so a link cycle cannot loop). A directory that cannot be listed becomes a
/// source that reports why.
fn expand(file: &str, out: &mut Vec<Source>) {
    let path = Path::new(file);
    if file == "-" {
        out.push(Source::Stdin);
        return;
    }
    if !path.is_dir() {
        out.push(Source::File(file.to_string()));
        return;
    }
    let mut entries = match std::fs::read_dir(path) {
        Ok(entries) => entries.filter_map(Result::ok).collect::<Vec<_>>(),
        Err(error) => {
            out.push(Source::Unlisted(
                file.to_string(),
                format!("{file}: {error}"),
            ));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let child = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let text = child.display().to_string();
        if kind.is_dir() {
            expand(&text, out);
        } else if kind.is_file() || (kind.is_symlink() && child.is_file()) {
            out.push(Source::File(text));
        }
    }
}

/// Checks and renders one item on a worker.
fn handle(check: &sceau::BatchCheck, item: &Item, style: Style, lang: Lang) -> Done {
    let report: Result<Report, String> = match &item.bytes {
        Ok(bytes) => check.check(bytes).map_err(|e| e.to_string()),
        Err(error) => Err(error.clone()),
    };
    match report {
        Ok(report) => {
            let text = match style {
                Style::Jsonl => render::json_line(&report, &item.input, lang),
                Style::Json => {
                    let rendered = render::RenderedReport {
                        input: Some(&item.input),
                        ..report.render(lang)
                    };
                    serde_json::to_string_pretty(&rendered).unwrap_or_default()
                }
                Style::Text => format!(
                    "== {}\n{}",
                    render::one_line(&item.input),
                    report.to_text(lang)
                ),
            };
            let mut codes: Vec<&'static str> = report.findings().iter().map(|f| f.code()).collect();
            codes.sort_unstable();
            codes.dedup();
            Done {
                text,
                outcome: match report.verdict() {
                    Verdict::Accepted => Outcome::Accepted,
                    Verdict::Rejected => Outcome::Rejected,
                },
                codes,
            }
        }
        Err(error) => Done {
            text: match style {
                Style::Text => format!(
                    "== {}\nerror: {}\n",
                    render::one_line(&item.input),
                    render::one_line(&error)
                ),
                _ => render::json_error_line(&item.input, &error),
            },
            outcome: Outcome::Unreadable,
            codes: Vec::new(),
        },
    }
}

/// The counts the summary gives.
#[derive(Default)]
struct Tally {
    accepted: usize,
    rejected: usize,
    unreadable: usize,
    codes: HashMap<&'static str, usize>,
}

impl Tally {
    fn add(&mut self, done: &Done) {
        match done.outcome {
            Outcome::Accepted => self.accepted += 1,
            Outcome::Rejected => self.rejected += 1,
            Outcome::Unreadable => self.unreadable += 1,
        }
        for code in &done.codes {
            *self.codes.entry(code).or_default() += 1;
        }
    }

    fn total(&self) -> usize {
        self.accepted + self.rejected + self.unreadable
    }

    /// `N inputs: A accepted, R rejected, U unreadable` and the ten most frequent codes.
    fn summary(&self) -> String {
        let mut codes: Vec<(&&str, &usize)> = self.codes.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut text = format!(
            "{} inputs: {} accepted, {} rejected, {} unreadable\n",
            self.total(),
            self.accepted,
            self.rejected,
            self.unreadable
        );
        if !codes.is_empty() {
            text.push_str("most frequent findings:\n");
            for (code, count) in codes.into_iter().take(10) {
                text.push_str(&format!("  {count:>8}  {code}\n"));
            }
        }
        text
    }

    fn exit_code(&self) -> ExitCode {
        if self.unreadable > 0 {
            ExitCode::from(2)
        } else if self.rejected > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Writes to standard output; a reader gone away (`| head`) stops the output quietly.
fn write_out(out: &mut impl Write, text: &str) -> Result<bool, String> {
    quietly(out.write_all(text.as_bytes()))
}

/// Flushes standard output, as quietly.
fn flush_out(out: &mut impl Write) -> Result<bool, String> {
    quietly(out.flush())
}

/// Whether the output goes on: false once the reader is gone, an error for any other failure.
fn quietly(outcome: std::io::Result<()>) -> Result<bool, String> {
    match outcome {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(format!("standard output: {e}")),
    }
}

/// Checks every object of `files` with `batch`, writing the outcomes in `style`.
pub fn run(
    batch: &Batch,
    files: &[String],
    kind: ObjectKind,
    max_input: usize,
    read: &(dyn Fn(&str) -> Result<Vec<u8>, String> + Sync),
    style: Style,
    lang: Lang,
) -> Result<ExitCode, String> {
    let mut inputs = Inputs::new(files, kind, max_input, read);
    let chunk_len = CHUNK_PER_JOB * batch.jobs();
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} checked ({per_sec}) {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let mut open = true;
    if style == Style::Json {
        open = write_out(&mut out, "[")?;
    }
    let each = |check: &sceau::BatchCheck, item: &Item| handle(check, item, style, lang);
    batch.stream(&mut inputs, chunk_len, each, |chunk| {
        if let Some(bar) = &progress {
            bar.inc(u64::try_from(chunk.len()).unwrap_or(u64::MAX));
        }
        for result in &chunk {
            tally.add(result);
            if open {
                let body = result.text.trim_end_matches('\n');
                let text = match style {
                    Style::Json if tally.total() > 1 => format!(",\n{body}"),
                    Style::Json => format!("\n{body}"),
                    Style::Jsonl | Style::Text => format!("{body}\n"),
                };
                open = write_out(&mut out, &text)?;
            }
        }
        // A stream that pauses has the lines of what it gave, not only when the buffer fills.
        if open {
            open = flush_out(&mut out)?;
        }
        Ok::<(), String>(())
    })?;
    if style == Style::Json && open {
        write_out(&mut out, if tally.total() > 0 { "\n]\n" } else { "]\n" })?;
    }
    if open {
        flush_out(&mut out)?;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    eprint!("{}", tally.summary());
    Ok(tally.exit_code())
}
