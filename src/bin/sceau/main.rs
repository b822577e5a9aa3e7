//! The `sceau` command line: argument parsing and rendering only. Every check lives in the
//! library; this file reads files, calls it, prints the report and sets the exit status
//! (0 accepted, 1 rejected, 2 unreadable input or wrong usage).

use std::io::Read;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rustls_pki_types::UnixTime;

mod batch;
use sceau::render;
use sceau::{Catalog, IssuancePolicy, Lang, QuoteRequest, Report, Verdict};

#[derive(Parser)]
#[command(
    name = "sceau",
    version,
    about = "Decides whether X.509 material can be trusted for what it claims"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The largest input read from one file or standard input: bytes, or a number with KiB,
    /// MiB or GiB. Room for the largest real CRLs.
    #[arg(long, global = true, value_parser = parse_size, default_value = "256MiB")]
    max_input: u64,
}

/// The largest input `read_input` takes, set once from `--max-input`.
static MAX_INPUT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// `1048576`, `512KiB`, `256MiB`, `1GiB`: bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let factor: u64 = match unit.trim() {
        "" | "B" => 1,
        "K" | "KiB" => 1 << 10,
        "M" | "MiB" => 1 << 20,
        "G" | "GiB" => 1 << 30,
        _ => return Err(format!("'{text}': the unit is KiB, MiB or GiB")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("'{text}' is not a size such as 1048576, 512KiB or 256MiB"))
}

/// `256 MiB`, `1500 bytes`: a size for a message.
fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Certificate signing requests.
    Csr {
        #[command(subcommand)]
        command: CsrCommand,
    },
    /// Issued certificates.
    Cert {
        #[command(subcommand)]
        command: CertCommand,
    },
    /// Lists every product of the catalogue with its rules.
    Profiles {
        /// A TOML catalogue that extends the embedded one (an id already there changes only the
        /// fields named).
        #[arg(long)]
        catalog: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Prices an order from the catalogue's tariffs, line by line.
    Quote {
        /// Product id.
        #[arg(long)]
        profile: String,
        /// Years of validity (or subscription).
        #[arg(long)]
        years: u32,
        /// DNS names the certificate will carry.
        #[arg(long)]
        names: Option<u32>,
        /// Price a replacement for the residual period.
        #[arg(long)]
        replacement: bool,
        /// A TOML catalogue that extends the embedded one (an id already there changes only the
        /// fields named).
        #[arg(long)]
        catalog: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Where certificates stand: days and business days left, notice, renewal, re-issuance.
    /// One line per file.
    Expiry {
        /// Product whose notice and renewal terms apply.
        #[arg(long)]
        profile: String,
        /// The time to judge at (RFC 3339); default: now.
        #[arg(long)]
        now: Option<String>,
        /// A TOML catalogue that extends the embedded one (products: an id already there changes
        /// only the fields named; holidays: replaced).
        #[arg(long)]
        catalog: Option<String>,
        #[command(flatten)]
        output: Output,
        /// Certificate files.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Verifies a certificate chain (leaf first) to trust anchors, with revocation.
    Verify(Box<VerifyArgs>),
    /// What an electronic signature (CMS/CAdES) is worth: the ETSI EN 319 102-1 outcome and
    /// the eIDAS, Government of Canada and RGS levels. Exit 0 when the targets given are met
    /// (with no target: when the validation is TOTAL-PASSED), 1 otherwise.
    Assurance(Box<AssuranceArgs>),
    /// Lists every rule with its code, severity, citation and effective dates.
    Rules {
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Subcommand)]
enum CertCommand {
    /// Checks an issued certificate against the product sold (PEM, base64 or DER; `-` reads
    /// standard input).
    Check(CheckArgs),
    /// Says whether a certificate carries a request's key, subject and names, and whether a
    /// private key belongs to it.
    Match {
        /// The request the certificate was issued for.
        #[arg(long)]
        csr: Option<String>,
        /// A private key (PEM or DER; PKCS#8, PKCS#1 or SEC1; not encrypted).
        #[arg(long)]
        key: Option<String>,
        #[command(flatten)]
        output: Output,
        /// The certificate file, or `-` for standard input.
        cert: String,
    },
}

#[derive(Subcommand)]
enum CsrCommand {
    /// Checks a CSR (PEM, base64 or DER; `-` reads standard input).
    Check(CheckArgs),
    /// Makes a key pair and a CSR that the profile accepts. The key is written with mode 0600;
    /// no existing file is ever overwritten; nothing is written if the request would be refused.
    New {
        /// Profile the request is for.
        #[arg(long, default_value = "baseline")]
        profile: String,
        /// The Common Name.
        #[arg(long)]
        cn: String,
        /// A subjectAltName: host name, IP address or e-mail address (repeatable).
        #[arg(long = "san")]
        sans: Vec<String>,
        /// A subject attribute such as C=FR or O=Exemple SA (repeatable).
        #[arg(long = "subject")]
        subject: Vec<String>,
        /// Where to write the private key (PKCS#8 PEM).
        #[arg(long)]
        key_out: String,
        /// Where to write the CSR (PEM).
        #[arg(long)]
        csr_out: String,
        /// A TOML catalogue that extends the embedded one (an id already there changes only the
        /// fields named).
        #[arg(long)]
        catalog: Option<String>,
        #[command(flatten)]
        output: Output,
    },
}

/// What `csr check` and `cert check` take.
#[derive(Args)]
struct CheckArgs {
    /// Profile to check against: `baseline` or a product id (`sceau profiles`).
    #[arg(long, default_value = "baseline")]
    profile: String,
    /// A TOML catalogue that extends the embedded one: a product with an id already there
    /// changes only the fields it names.
    #[arg(long)]
    catalog: Option<String>,
    /// A domain the requester is authorised for, as IGC-Santé writes it (`*ch-ville.fr`);
    /// repeatable; replaces the product's list.
    #[arg(long = "authorized-domain", value_name = "PATTERN")]
    authorized_domains: Vec<String>,
    /// Judge certificates by the rules in force on this day (YYYY-MM-DD) when it is later than
    /// their notBefore: would they pass if issued then?
    #[arg(long, value_name = "DATE")]
    rules_at: Option<String>,
    /// Threads checking a batch (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Message language.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    /// Output format: `jsonl` writes one JSON object per object checked, with its `input`.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Files, directories (read recursively) or `-` for standard input. One file checks one
    /// object; several inputs, a directory or `--format jsonl` check every object of each
    /// (every PEM block of a file, every block of a stream on standard input).
    #[arg(required = true)]
    files: Vec<String>,
}

/// The output formats of `csr check` and `cert check`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Jsonl,
}

impl CheckArgs {
    /// The policy named by `--profile` in the catalogue.
    fn policy(&self) -> Result<IssuancePolicy, String> {
        let catalog = load_catalog(self.catalog.as_deref())?;
        let mut policy =
            IssuancePolicy::from_catalog(&catalog, &self.profile).map_err(|e| e.to_string())?;
        if !self.authorized_domains.is_empty() {
            policy = policy
                .with_authorized_domains(self.authorized_domains.clone())
                .map_err(|e| e.to_string())?;
        }
        if let Some(text) = &self.rules_at {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            policy.rules_at =
                Some(time::Date::parse(text, &format).map_err(|_| {
                    format!("--rules-at {text}: expected a date such as 2026-03-15")
                })?);
        }
        Ok(policy)
    }

    /// The one input of a single check, when this is not a batch: one file (or `-`), text or
    /// JSON. Anything else is a batch.
    fn single(&self) -> Option<&str> {
        match (self.files.as_slice(), self.format) {
            ([file], CheckFormat::Text | CheckFormat::Json)
                if !std::path::Path::new(file).is_dir() =>
            {
                Some(file)
            }
            _ => None,
        }
    }

    fn output(&self) -> Output {
        Output {
            lang: self.lang,
            format: match self.format {
                CheckFormat::Json => Format::Json,
                _ => Format::Text,
            },
        }
    }

    /// Checks one input, or every object of every input with `check`.
    fn run(&self, check: sceau::BatchCheck, kind: sceau::ObjectKind) -> Result<ExitCode, String> {
        if let Some(file) = self.single() {
            let input = read_input(file)?;
            let report = check.check(&input).map_err(|e| format!("{file}: {e}"))?;
            return print_report(&report, self.output());
        }
        let batch = sceau::Batch::new(check, self.jobs).map_err(|e| e.to_string())?;
        let style = match self.format {
            CheckFormat::Text => batch::Style::Text,
            CheckFormat::Json => batch::Style::Json,
            CheckFormat::Jsonl => batch::Style::Jsonl,
        };
        let max_input =
            usize::try_from(MAX_INPUT.get().copied().unwrap_or(256 << 20)).unwrap_or(usize::MAX);
        batch::run(
            &batch,
            &self.files,
            kind,
            max_input,
            &read_input,
            style,
            self.lang.into(),
        )
    }
}

/// The trust anchors and the material a verification draws on.
#[derive(Args)]
struct Material {
    /// Trust anchors: a PEM bundle, a DER certificate, or a directory of them (repeatable).
    #[arg(long, required = true)]
    roots: Vec<String>,
    /// Intermediates paths may use, beyond those given with what is verified (repeatable).
    #[arg(long)]
    intermediates: Vec<String>,
    /// CRLs, PEM or DER (repeatable).
    #[arg(long)]
    crl: Vec<String>,
    /// OCSP responses, PEM or DER (repeatable).
    #[arg(long)]
    ocsp: Vec<String>,
}

impl Material {
    /// Reads every file into `verifier`; the error names the file.
    fn load(&self, verifier: &mut sceau::Verifier) -> Result<(), String> {
        for root in &self.roots {
            for file in files_of(root)? {
                verifier
                    .add_anchors(&read_input(&file)?)
                    .map_err(at(&file))?;
            }
        }
        for file in &self.intermediates {
            verifier
                .add_intermediates(&read_input(file)?)
                .map_err(at(file))?;
        }
        for file in &self.crl {
            verifier.add_crls(&read_input(file)?).map_err(at(file))?;
        }
        for file in &self.ocsp {
            verifier.add_ocsp(&read_input(file)?).map_err(at(file))?;
        }
        Ok(())
    }
}

/// What `verify` takes.
#[derive(Args)]
struct VerifyArgs {
    #[command(flatten)]
    material: Material,
    /// A preset: `diapason-client` (terminals and PSP as TLS clients of the gateway:
    /// usage client, revocation required) or `diapason-server` (a server the gateway or a
    /// terminal connects to: usage server, revocation best effort, CN = --name, required).
    /// Explicit options override it.
    #[arg(long)]
    preset: Option<String>,
    /// What the leaf must be good for: server (tls-server), client, client-email,
    /// code-signing, email or any [default: server].
    #[arg(long)]
    usage: Option<sceau::Usage>,
    /// The DNS name or IP address the leaf must carry.
    #[arg(long)]
    name: Option<String>,
    /// The validation time (RFC 3339); default: now.
    #[arg(long)]
    time: Option<String>,
    /// Revocation evidence demanded: required, best-effort or off [default: required].
    #[arg(long)]
    revocation: Option<sceau::RevocationPolicy>,
    /// Let the subject CN stand in for a missing DNS subjectAltName.
    #[arg(long)]
    cn_fallback: bool,
    /// The most intermediates a path may have.
    #[arg(long, default_value_t = 6)]
    max_depth: usize,
    /// How old revocation evidence may be, whatever its nextUpdate says: seconds, or a number
    /// with s, m, h or d (`7d`). Without it, evidence lacking a nextUpdate is stale 7 days
    /// after its thisUpdate.
    #[arg(long, value_parser = parse_duration)]
    max_age: Option<u64>,
    /// Changes a bound on the work of one verification, NAME=N (repeatable):
    /// chain-certificates (default 64), intermediates (10000), anchors (10000), crls (1000),
    /// ocsp-responses (10000, distinct ones), path-attempts (32).
    #[arg(long = "limit", value_name = "NAME=N", value_parser = parse_limit)]
    limits: Vec<(sceau::Limit, usize)>,
    #[command(flatten)]
    output: Output,
    /// The chain file (leaf first, then intermediates), or `-` for standard input.
    chain: String,
}

/// What `assurance` takes.
#[derive(Args)]
struct AssuranceArgs {
    /// The signature: CMS SignedData, DER or PEM (`CMS`, `PKCS7`).
    #[arg(long)]
    signature: String,
    /// The signed file, for a detached signature.
    #[arg(long)]
    data: Option<String>,
    /// Trust anchors, intermediates (the signer's certificate too, when the signature lacks
    /// it), CRLs and OCSP responses.
    #[command(flatten)]
    material: Material,
    /// An RFC 3161 token over the signature value, given beside it (repeatable).
    #[arg(long)]
    timestamp: Vec<String>,
    /// The CAs recognised for qualified certificates and LoA 4 (a trusted list's CAs), PEM.
    #[arg(long)]
    recognised_cas: Option<String>,
    /// The algorithm policy: etsi (ETSI TS 119 312), rgs (ANSSI RGS B1) or cse (CSE
    /// ITSP.40.111).
    #[arg(long, default_value = "etsi")]
    algorithm_policy: String,
    /// Authentication factors the signer used (declared by the caller).
    #[arg(long)]
    auth_factors: Option<u8>,
    /// Where the signing key was: software, smartcard or hsm (declared by the caller).
    #[arg(long)]
    device: Option<String>,
    /// The signer's identity level of assurance, 1 to 4 (declared by the caller).
    #[arg(long)]
    identity_loa: Option<u8>,
    /// The Government of Canada level wanted, 1 to 4.
    #[arg(long)]
    target_loa: Option<u8>,
    /// The eIDAS level wanted: ades, ades-qc or qes.
    #[arg(long)]
    target_eidas: Option<String>,
    /// The validation time (RFC 3339); default: now.
    #[arg(long)]
    time: Option<String>,
    #[command(flatten)]
    output: Output,
}

impl AssuranceArgs {
    fn run(&self) -> Result<ExitCode, String> {
        let time = match &self.time {
            None => UnixTime::now(),
            Some(text) => parse_time("--time", text)?,
        };
        let mut verifier = sceau::Verifier::new(
            "assurance",
            sceau::VerifyOptions::new(sceau::Usage::Any, time),
        );
        self.material.load(&mut verifier)?;
        let mut options = sceau::AssuranceOptions::new(time);
        let flag = |name: &'static str| move |detail: String| format!("--{name}: {detail}");
        options
            .set_algorithm_policy(&self.algorithm_policy)
            .map_err(flag("algorithm-policy"))?;
        options.context.auth_factors = self.auth_factors;
        options
            .set_identity_loa(self.identity_loa)
            .map_err(flag("identity-loa"))?;
        options
            .set_device(self.device.as_deref())
            .map_err(flag("device"))?;
        options
            .set_target_loa(self.target_loa)
            .map_err(flag("target-loa"))?;
        options
            .set_target_eidas(self.target_eidas.as_deref())
            .map_err(flag("target-eidas"))?;
        if let Some(file) = &self.recognised_cas {
            options
                .add_recognised_cas(&read_input(file)?)
                .map_err(at(file))?;
        }
        let signature = read_input(&self.signature)?;
        let data = self.data.as_deref().map(read_input).transpose()?;
        let tokens = self
            .timestamp
            .iter()
            .map(|f| read_input(f))
            .collect::<Result<Vec<_>, String>>()?;
        let request = sceau::AssuranceRequest {
            signature: &signature,
            data: data.as_deref(),
            timestamps: tokens.iter().map(Vec::as_slice).collect(),
        };
        let report = sceau::assurance(&verifier, &request, &options)
            .map_err(|e| format!("{}: {e}", self.signature))?;
        print_report(&report, self.output)
    }
}

impl VerifyArgs {
    fn verifier(&self) -> Result<sceau::Verifier, String> {
        let time = match &self.time {
            None => UnixTime::now(),
            Some(text) => parse_time("--time", text)?,
        };
        let mut verifier = match self.preset.as_deref() {
            None => sceau::Verifier::new(
                "verify",
                sceau::VerifyOptions::new(sceau::Usage::TlsServer, time),
            ),
            Some("diapason-client") => sceau::diapason::client_verifier(time),
            Some("diapason-server") => {
                let fqdn = self.name.as_deref().ok_or(
                    "--preset diapason-server needs --name, the FQDN the terminals are configured with",
                )?;
                sceau::diapason::server_verifier(time, fqdn)
            }
            Some(other) => {
                return Err(format!(
                    "unknown preset '{other}': expected diapason-client or diapason-server"
                ))
            }
        };
        let options = &mut verifier.options;
        if let Some(usage) = self.usage {
            options.usage = usage;
        }
        if let Some(revocation) = self.revocation {
            options.revocation = revocation;
        }
        if self.name.is_some() {
            options.name = self.name.clone();
        }
        options.cn_fallback |= self.cn_fallback;
        options.max_depth = self.max_depth;
        if let Some(max_age) = self.max_age {
            options.freshness.max_age = Some(max_age);
        }
        for &(limit, value) in &self.limits {
            options.limits.set(limit, value);
        }
        self.material.load(&mut verifier)?;
        Ok(verifier)
    }
}

/// A file, or the certificate files of a directory (`.pem`, `.crt`, `.cer`, `.der`), sorted.
/// Prefixes a library error with the file it came from.
fn at(file: &str) -> impl Fn(sceau::Error) -> String + '_ {
    move |e| format!("{file}: {e}")
}

fn files_of(path: &str) -> Result<Vec<String>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_string()]);
    }
    let mut files: Vec<String> = std::fs::read_dir(path)
        .map_err(|e| format!("{path}: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        // Only regular files: a FIFO or a device there would block or never end.
        .filter(|p| p.is_file())
        .filter(|p| {
            p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                matches!(
                    x.to_ascii_lowercase().as_str(),
                    "pem" | "crt" | "cer" | "der"
                )
            })
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{path}: no .pem, .crt, .cer or .der file in this directory"
        ));
    }
    Ok(files)
}

/// How a report is written: language and format.
#[derive(Clone, Copy, Args)]
struct Output {
    /// Message language.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Fr,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let _ = MAX_INPUT.set(cli.max_input);
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("sceau: {}", render::one_line(&message));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Csr {
            command: CsrCommand::Check(args),
        } => args.run(
            sceau::BatchCheck::Csrs(args.policy()?, UnixTime::now()),
            sceau::ObjectKind::Csr,
        ),
        Command::Csr {
            command:
                CsrCommand::New {
                    profile,
                    cn,
                    sans,
                    subject,
                    key_out,
                    csr_out,
                    catalog,
                    output,
                },
        } => {
            for path in [&key_out, &csr_out] {
                if std::path::Path::new(path).exists() {
                    return Err(format!("{path} exists; sceau never overwrites a file"));
                }
            }
            let catalog = load_catalog(catalog.as_deref())?;
            let policy =
                IssuancePolicy::from_catalog(&catalog, &profile).map_err(|e| e.to_string())?;
            let request = sceau::NewCsr {
                common_name: cn,
                subject,
                alt_names: sans,
            };
            let made = sceau::generate_csr(&request, &policy, UnixTime::now())
                .map_err(|e| e.to_string())?;
            if made.report.verdict() == Verdict::Rejected {
                eprintln!("sceau: the request would be refused; nothing written");
                return print_report(&made.report, output);
            }
            write_both([
                (&key_out, made.key_pem.as_bytes(), 0o600),
                (&csr_out, made.csr_pem.as_bytes(), 0o644),
            ])?;
            eprintln!(
                "sceau: {} key written to {key_out}, CSR to {csr_out}",
                made.key_description
            );
            print_report(&made.report, output)
        }
        Command::Cert {
            command: CertCommand::Check(args),
        } => args.run(
            sceau::BatchCheck::Certificates(args.policy()?),
            sceau::ObjectKind::Certificate,
        ),
        Command::Cert {
            command:
                CertCommand::Match {
                    csr,
                    key,
                    output,
                    cert,
                },
        } => {
            let certificate = read_input(&cert)?;
            let csr = csr.as_deref().map(read_input).transpose()?;
            let key = key.as_deref().map(read_input).transpose()?;
            let report = sceau::match_certificate(&certificate, csr.as_deref(), key.as_deref())
                .map_err(|e| e.to_string())?;
            print_report(&report, output)
        }
        Command::Quote {
            profile,
            years,
            names,
            replacement,
            catalog,
            output,
        } => {
            let catalog = load_catalog(catalog.as_deref())?;
            let product = catalog.product(&profile).map_err(|e| e.to_string())?;
            let report = sceau::quote(
                product,
                QuoteRequest {
                    years,
                    names,
                    replacement,
                },
            );
            print_report(&report, output)
        }
        Command::Expiry {
            profile,
            now,
            catalog,
            output,
            files,
        } => {
            let catalog = load_catalog(catalog.as_deref())?;
            let product = catalog.product(&profile).map_err(|e| e.to_string())?;
            let now = match now {
                None => UnixTime::now(),
                Some(text) => parse_time("--now", &text)?,
            };
            let lang = Lang::from(output.lang);
            let (mut worst, mut reports) = (0u8, Vec::new());
            for file in &files {
                let result = read_input(file).and_then(|bytes| {
                    sceau::expiry(&bytes, product, &catalog.holidays, now)
                        .map_err(|e| format!("{file}: {e}"))
                });
                match result {
                    Ok(report) => {
                        if report.verdict() == Verdict::Rejected {
                            worst = worst.max(1);
                        }
                        if output.format == Format::Text {
                            let line = report
                                .expiry_facts()
                                .map(|f| render::expiry_line(f, lang))
                                .unwrap_or_default();
                            emit(&format!("{}: {line}\n", render::one_line(file)))?;
                        }
                        reports.push(report);
                    }
                    Err(message) => {
                        eprintln!("sceau: {}", render::one_line(&message));
                        worst = 2;
                    }
                }
            }
            if output.format == Format::Json {
                emit(&format!("{}\n", render::json_list(&reports, lang)))?;
            }
            Ok(ExitCode::from(worst))
        }
        Command::Profiles { catalog, output } => {
            let catalog = load_catalog(catalog.as_deref())?;
            match output.format {
                Format::Json => emit(&format!("{}\n", render::profiles_json(&catalog)))?,
                Format::Text => emit(&render::profiles_text(&catalog, output.lang.into()))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify(args) => {
            let verifier = args.verifier()?;
            let chain = read_input(&args.chain)?;
            let report = verifier
                .verify(&chain)
                .map_err(|e| format!("{}: {e}", args.chain))?;
            print_report(&report, args.output)
        }
        Command::Assurance(args) => args.run(),
        Command::Rules { output } => {
            let lang = Lang::from(output.lang);
            match output.format {
                Format::Json => emit(&format!("{}\n", render::rules_json(lang)))?,
                Format::Text => emit(&render::rules_text(lang))?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_report(report: &Report, output: Output) -> Result<ExitCode, String> {
    let lang = Lang::from(output.lang);
    match output.format {
        Format::Text => emit(&report.to_text(lang))?,
        Format::Json => emit(&format!("{}\n", report.to_json(lang)))?,
    }
    Ok(match report.verdict() {
        Verdict::Accepted => ExitCode::SUCCESS,
        Verdict::Rejected => ExitCode::from(1),
    })
}

/// Writes `text` to standard output. A reader that went away (`| head`) is not an error: the
/// rest is dropped and the exit code stays the verdict's. Any other failure (a full disk) is.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("standard output: {e}"))
        }
        _ => Ok(()),
    }
}

fn load_catalog(file: Option<&str>) -> Result<Catalog, String> {
    let embedded = Catalog::embedded();
    match file {
        None => Ok(embedded),
        Some(path) => {
            let text = String::from_utf8(read_input(path)?)
                .map_err(|_| format!("{path}: a catalogue is UTF-8 text"))?;
            embedded
                .with_overrides(&text)
                .map_err(|e| format!("{path}: {e}"))
        }
    }
}

/// Writes two files that must not exist yet, both or neither: a key without its CSR (the CSR's
/// directory missing, a dangling symlink in its place) would be left behind otherwise. Each is
/// written to a temporary file beside its place, then linked into place (a hard link never
/// replaces an existing file, unlike a rename); on any failure what was made is removed.
fn write_both(files: [(&str, &[u8], u32); 2]) -> Result<(), String> {
    let [(first, ..), (second, ..)] = files;
    if first == second {
        return Err(format!("{first} is given for both the key and the CSR"));
    }
    let temporary = |path: &str| {
        let path = std::path::Path::new(path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        path.with_file_name(format!(".{name}.sceau-{}.tmp", std::process::id()))
    };
    let mut made: Vec<std::path::PathBuf> = Vec::new();
    let undo = |made: &[std::path::PathBuf]| {
        for path in made {
            let _ = std::fs::remove_file(path);
        }
    };
    let mut staged = Vec::new();
    for (path, bytes, mode) in files {
        let tmp = temporary(path);
        let tmp_text = tmp.display().to_string();
        if let Err(e) = write_new(&tmp_text, bytes, mode) {
            undo(&made);
            return Err(e.replace(&tmp_text, path));
        }
        made.push(tmp.clone());
        staged.push((tmp, path));
    }
    let mut placed = Vec::new();
    for (tmp, path) in &staged {
        if let Err(e) = std::fs::hard_link(tmp, path) {
            undo(&placed);
            undo(&made);
            return Err(format!("{path}: {e}; nothing written"));
        }
        placed.push(std::path::PathBuf::from(path));
    }
    undo(&made);
    Ok(())
}

/// Writes a file that must not exist yet, with `mode` from its creation (no window where a
/// key is readable by others).
fn write_new(path: &str, bytes: &[u8], mode: u32) -> Result<(), String> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).map_err(|e| format!("{path}: {e}"))?;
    file.write_all(bytes).map_err(|e| format!("{path}: {e}"))
}

/// An RFC 3339 time given with `flag` (named in the error).
fn parse_time(flag: &str, text: &str) -> Result<UnixTime, String> {
    let t = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|e| format!("{flag} {text}: not an RFC 3339 time ({e})"))?;
    let secs =
        u64::try_from(t.unix_timestamp()).map_err(|_| format!("{flag} {text}: before 1970"))?;
    Ok(UnixTime::since_unix_epoch(std::time::Duration::from_secs(
        secs,
    )))
}

/// `chain-certificates=64`: a limit and its value.
fn parse_limit(text: &str) -> Result<(sceau::Limit, usize), String> {
    let names = || {
        let all: Vec<&str> = sceau::Limit::ALL.iter().map(|l| l.name()).collect();
        all.join(", ")
    };
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("'{text}' is not NAME=N; the limits are {}", names()))?;
    let limit = sceau::Limit::from_name(name)
        .ok_or_else(|| format!("unknown limit '{name}'; the limits are {}", names()))?;
    let value = value
        .parse()
        .map_err(|_| format!("{name}={value}: the value is a whole number"))?;
    Ok((limit, value))
}

/// `3600`, `90s`, `30m`, `12h`, `7d`: seconds.
fn parse_duration(text: &str) -> Result<u64, String> {
    let (number, unit) = match text.char_indices().last() {
        Some((at, c)) if c.is_ascii_alphabetic() => (&text[..at], c),
        _ => (text, 's'),
    };
    let factor = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        _ => return Err(format!("'{text}': the unit is s, m, h or d")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("'{text}' is not a duration such as 3600, 90s, 30m, 12h or 7d"))
}

fn read_input(file: &str) -> Result<Vec<u8>, String> {
    let limit = MAX_INPUT.get().copied().unwrap_or(256 << 20);
    let mut buf = Vec::new();
    let read = if file == "-" {
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut buf)
    } else {
        std::fs::File::open(file)
            .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut buf))
    };
    let name = if file == "-" { "standard input" } else { file };
    read.map_err(|e| format!("{name}: {e}"))?;
    if u64::try_from(buf.len()).unwrap_or(u64::MAX) > limit {
        return Err(format!(
            "{name}: more than {} (the --max-input limit); give a larger --max-input if this input is meant",
            size_text(limit)
        ));
    }
    Ok(buf)
}
