//! Batch checks: `sceau cert check` and `csr check` over many files, directories and a stream
//! of concatenated PEM on standard input, on every core; and the library's `check_many`.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sceau::{check_many, BatchCheck, Catalog, IssuancePolicy, Verdict};

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

fn sceau() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sceau"))
}

/// `sceau cert check --profile standard --format jsonl ARGS`.
fn jsonl(args: &[&str]) -> Command {
    let mut command = sceau();
    command
        .args([
            "cert",
            "check",
            "--profile",
            "standard",
            "--format",
            "jsonl",
        ])
        .args(args);
    command
}

fn lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn tls_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data("cert/tls"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pem"))
        .collect();
    files.sort();
    files
}

/// `n` certificates, the TLS fixtures over and over.
fn tls_inputs(n: usize) -> Vec<Vec<u8>> {
    tls_files()
        .iter()
        .cycle()
        .take(n)
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

fn standard() -> IssuancePolicy {
    IssuancePolicy::from_catalog(Catalog::builtin(), "standard").unwrap()
}

#[test]
fn a_directory_is_walked_in_order_one_line_per_certificate() {
    let dir = tempdir("walk");
    std::fs::create_dir_all(dir.join("b/inner")).unwrap();
    let files = tls_files();
    std::fs::copy(&files[1], dir.join("a.pem")).unwrap();
    std::fs::copy(&files[2], dir.join("b/inner/z.pem")).unwrap();
    // Two certificates in one file, with a key between them: two objects, `#1` and `#2`.
    let mut two = std::fs::read(&files[0]).unwrap();
    two.extend(b"-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n");
    two.extend(std::fs::read(&files[3]).unwrap());
    std::fs::write(dir.join("b/two.pem"), two).unwrap();
    let out = jsonl(&[]).arg(&dir).output().unwrap();
    let lines = lines(&out.stdout);
    let inputs: Vec<String> = lines
        .iter()
        .map(|l| {
            let input = l["input"].as_str().unwrap();
            input
                .strip_prefix(dir.to_str().unwrap())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        inputs,
        ["/a.pem", "/b/inner/z.pem", "/b/two.pem#1", "/b/two.pem#2"]
    );
    assert!(lines.iter().all(|l| l["schema"] == "sceau.report/1"));
    // good.pem (files[1]) is accepted, the others are not: exit 1, and the summary says so.
    assert_eq!(lines[0]["verdict"], "accepted");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 inputs: 1 accepted, 3 rejected, 0 unreadable"),
        "{stderr}"
    );
    assert!(stderr.contains("most frequent findings:"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_stream_on_standard_input_gives_each_block_and_its_error() {
    let good = std::fs::read(&tls_files()[1]).unwrap();
    let mut stream = Vec::new();
    stream.extend(&good);
    stream.extend(
        b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
    );
    stream.extend(&good);
    let mut child = jsonl(&["-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&stream).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines = lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["input"], "-#1");
    assert_eq!(lines[0]["verdict"], "accepted");
    assert_eq!(lines[1]["input"], "-#2");
    assert!(
        lines[1]["error"].as_str().unwrap().contains("DER"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["verdict"], "accepted");
    // One unreadable input: exit 2, and it still has its line.
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_input_accepted_is_exit_0_and_the_jobs_do_not_change_the_output() {
    let good = tls_files()[1].clone();
    let run = |jobs: &str| {
        jsonl(&["--jobs", jobs])
            .args([&good, &good, &good])
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(lines(&one.stdout).len(), 3);
    let zero = run("0");
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("0 threads"));
}

#[test]
fn json_and_text_over_many_inputs() {
    let files = tls_files();
    let json = sceau()
        .args(["cert", "check", "--profile", "standard", "--format", "json"])
        .args(&files[..3])
        .output()
        .unwrap();
    let array: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 3);
    assert_eq!(array[1]["input"], files[1].to_str().unwrap());
    let text = sceau()
        .args(["cert", "check", "--profile", "standard", "--lang", "fr"])
        .args(&files[..2])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(&format!("== {}", files[0].display())),
        "{text}"
    );
    assert!(text.contains("ACCEPTÉ"), "{text}");
    // A missing file is unreadable, with its line.
    let missing = sceau()
        .args(["cert", "check", "--format", "jsonl", "/nonexistent/x.pem"])
        .arg(&files[1])
        .output()
        .unwrap();
    let lines = lines(&missing.stdout);
    assert!(lines[0]["error"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/x.pem"));
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn csrs_in_a_batch() {
    let out = sceau()
        .args(["csr", "check", "--format", "jsonl"])
        .arg(data("csr/p256.csr"))
        .arg(data("csr/sha1.csr"))
        .output()
        .unwrap();
    let lines = lines(&out.stdout);
    assert_eq!(lines[0]["verdict"], "accepted");
    assert_eq!(lines[1]["verdict"], "rejected");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_many_gives_what_one_at_a_time_gives_in_order() {
    let inputs = tls_inputs(200);
    let many = check_many(&inputs, BatchCheck::Certificates(standard()), Some(2)).unwrap();
    for (input, report) in inputs.iter().zip(&many) {
        let alone = sceau::check_certificate(input, &standard()).unwrap();
        let report = report.as_ref().unwrap();
        assert_eq!(
            report.to_json(sceau::Lang::En),
            alone.to_json(sceau::Lang::En)
        );
    }
    assert!(many
        .iter()
        .any(|r| r.as_ref().unwrap().verdict() == Verdict::Accepted));
    let error = check_many(
        &[b"nope".to_vec()],
        BatchCheck::Certificates(standard()),
        None,
    )
    .unwrap();
    assert!(error[0].is_err());
    assert!(check_many(&inputs, BatchCheck::Certificates(standard()), Some(0)).is_err());
}

#[test]
fn a_stream_gives_every_value_in_order_and_stops_at_the_sinks_first_error() {
    let inputs = tls_inputs(300);
    let alone: Vec<String> = inputs
        .iter()
        .map(|i| {
            sceau::check_certificate(i, &standard())
                .unwrap()
                .to_json(sceau::Lang::En)
        })
        .collect();
    let batch = sceau::Batch::new(BatchCheck::Certificates(standard()), Some(2)).unwrap();
    // Chunks of one, of a length that does not divide the stream, longer than the stream, and
    // 0 (taken as 1).
    for chunk_len in [0, 1, 7, 64, 1000] {
        let mut got = Vec::new();
        let each = |check: &BatchCheck, (i, input): &(usize, &Vec<u8>)| {
            (*i, check.check(input).unwrap().to_json(sceau::Lang::En))
        };
        batch
            .stream(inputs.iter().enumerate(), chunk_len, each, |chunk| {
                assert!(!chunk.is_empty() && chunk.len() <= chunk_len.max(1));
                got.extend(chunk);
                Ok::<(), ()>(())
            })
            .unwrap();
        let (order, json): (Vec<usize>, Vec<String>) = got.into_iter().unzip();
        assert_eq!(
            order,
            (0..inputs.len()).collect::<Vec<_>>(),
            "chunk {chunk_len}"
        );
        assert!(json == alone, "chunk {chunk_len}");
    }
    // The sink refuses the chunk that holds the 6th value: what is checked is at most that
    // chunk (ending at the 15th item at most) and the one chunk in flight after it (10), and
    // the error comes back.
    let checked = AtomicUsize::new(0);
    let mut sunk = 0;
    let outcome = batch.stream(
        inputs.iter(),
        10,
        |check, input| {
            checked.fetch_add(1, Ordering::Relaxed);
            check.check(input).is_ok()
        },
        |chunk: Vec<bool>| {
            assert!(chunk.iter().all(|ok| *ok));
            sunk += chunk.len();
            if sunk >= 6 {
                Err("reader gone")
            } else {
                Ok(())
            }
        },
    );
    assert_eq!(outcome, Err("reader gone"));
    assert!((6..=15).contains(&sunk), "{sunk} sunk");
    let checked = checked.load(Ordering::Relaxed);
    assert!((sunk..=sunk + 10).contains(&checked), "{checked} checked");
    // A panic while checking comes back to the caller, and nothing hangs.
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        batch.stream(
            inputs.iter(),
            10,
            |_, _| panic!("checker"),
            |_| Ok::<(), ()>(()),
        )
    }));
    assert!(panicked.is_err());
    // An empty stream sinks nothing.
    let nothing = batch.stream(std::iter::empty::<Vec<u8>>(), 8, |_, _| (), |_| Err(()));
    assert_eq!(nothing, Ok(()));
}

/// The peak resident memory of a running process, in KiB (Linux).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// `sceau cert check --format jsonl --jobs 2 -` with its standard input to write, and its
/// lines of output counted as they come.
struct Streaming {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    seen: Arc<AtomicUsize>,
    lines: std::thread::JoinHandle<()>,
}

fn streaming() -> Streaming {
    let mut child = jsonl(&["--jobs", "2", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let stdout = child.stdout.take().unwrap();
    let counter = Arc::clone(&seen);
    let lines = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            line.unwrap();
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    let stdin = child.stdin.take().unwrap();
    Streaming {
        child,
        stdin,
        seen,
        lines,
    }
}

/// Waits until `n` lines are out. A batch that held its input (until a chunk fills or the
/// stream ends) would never answer: give up after a minute.
fn wait_for_lines(seen: &AtomicUsize, n: usize) {
    let start = std::time::Instant::now();
    while seen.load(Ordering::Relaxed) < n {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "{} lines after a minute, {n} expected: the input is held, not streamed",
            seen.load(Ordering::Relaxed)
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_stream_that_pauses_has_what_it_gave_answered() {
    // A monitor feeding certificates as they come: three, then nothing for a while. Their
    // lines come out without waiting for a chunk of 1,024 or for the end of the stream.
    let good = std::fs::read(&tls_files()[1]).unwrap();
    let Streaming {
        mut child,
        mut stdin,
        seen,
        lines,
    } = streaming();
    for _ in 0..3 {
        stdin.write_all(&good).unwrap();
    }
    stdin.flush().unwrap();
    wait_for_lines(&seen, 3);
    stdin.write_all(&good).unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    lines.join().unwrap();
    assert_eq!(seen.load(Ordering::Relaxed), 4);
}

#[test]
fn memory_stays_bounded_on_a_long_stream() {
    let good = std::fs::read(&tls_files()[1]).unwrap();
    let Streaming {
        mut child,
        mut stdin,
        seen,
        lines: reader,
    } = streaming();
    let wait_for = |n: usize| wait_for_lines(&seen, n);
    let (first, more) = (4_000, 36_000);
    for _ in 0..first {
        stdin.write_all(&good).unwrap();
    }
    stdin.flush().unwrap();
    // Every chunk of the first part but the last is out: the pool has reached its size.
    wait_for(first - 2 * 512);
    let after_first = peak_kib(child.id());
    for _ in 0..more {
        stdin.write_all(&good).unwrap();
    }
    stdin.flush().unwrap();
    wait_for(first + more - 2 * 512);
    let after_all = peak_kib(child.id());
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    assert_eq!(seen.load(Ordering::Relaxed), first + more);
    eprintln!(
        "peak {after_first} KiB after {first} certificates, {after_all} KiB after {}",
        first + more
    );
    // Ten times the certificates (40,000, 50 MB of PEM): the peak grows by less than 16 MiB.
    assert!(
        after_all < after_first + 16 * 1024,
        "peak {after_first} KiB after {first}, {after_all} KiB after {}",
        first + more
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sceau-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// pkilint's corpus through the command line, as a CA's monitor would run it: one line per
/// certificate, each profile chosen by `auto`, and no certificate unreadable (pkilint reads
/// them all).
#[test]
fn the_pkilint_corpus_in_one_command() {
    let corpus = data("pkilint/integration_certificate");
    let out = sceau()
        .args(["cert", "check", "--profile", "auto", "--format", "jsonl"])
        .args(["tls_br", "smime_br", "etsi", "pkix"].map(|d| corpus.join(d)))
        .output()
        .unwrap();
    let lines = lines(&out.stdout);
    // Every file is a certificate (435 .crttest files, and two pkilint's own test skips for
    // their names: cps_uri_missing, aia_ocsp_missing_crldp_present.crttetst).
    assert_eq!(lines.len(), 437);
    let unreadable: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert!(unreadable.is_empty(), "{unreadable:?}");
    assert_ne!(out.status.code(), Some(2));
    let chosen = lines.iter().filter(|l| l["profile"] != "auto").count();
    assert!(
        chosen > 400,
        "auto chose a CA/B profile for {chosen} certificates"
    );
}
