//! The `sceau` command line: argument parsing and rendering only. Every check lives in the
//! library; this file reads files, calls it, prints the report and sets the exit status
//! (0 accepted, 1 rejected, 2 unreadable input or wrong usage).

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rustls_pki_types::UnixTime;
use sceau::{CsrPolicy, Lang, Verdict};

#[derive(Parser)]
#[command(
    name = "sceau",
    version,
    about = "Decides whether X.509 material can be trusted for what it claims"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Certificate signing requests.
    Csr {
        #[command(subcommand)]
        command: CsrCommand,
    },
    /// Lists every rule with its code, severity, citation and effective dates.
    Rules {
        /// Message language.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum CsrCommand {
    /// Checks a CSR (PEM, base64 or DER; `-` reads standard input).
    Check {
        /// Profile to check against.
        #[arg(long, default_value = "baseline")]
        profile: String,
        /// Message language.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The CSR file, or `-` for standard input.
        file: String,
    },
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
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("sceau: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Csr {
            command:
                CsrCommand::Check {
                    profile,
                    lang,
                    format,
                    file,
                },
        } => {
            let policy = CsrPolicy::by_id(&profile).map_err(|e| e.to_string())?;
            let input = read_input(&file)?;
            let report = sceau::check_csr(&input, &policy, UnixTime::now())
                .map_err(|e| format!("{file}: {e}"))?;
            let lang = Lang::from(lang);
            match format {
                Format::Text => print!("{}", report.to_text(lang)),
                Format::Json => println!("{}", report.to_json(lang)),
            }
            Ok(match report.verdict() {
                Verdict::Accepted => ExitCode::SUCCESS,
                Verdict::Rejected => ExitCode::from(1),
            })
        }
        Command::Rules { lang, format } => {
            let lang = Lang::from(lang);
            let rules = sceau::rules();
            match format {
                Format::Json => {
                    let list: Vec<serde_json::Value> = rules
                        .iter()
                        .map(|r| {
                            serde_json::json!({
                                "code": r.code,
                                "severity": r.severity,
                                "source": r.source,
                                "effective_from": r.effective_from,
                                "effective_until": r.effective_until,
                                "message": r.template(lang),
                            })
                        })
                        .collect();
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?
                    );
                }
                Format::Text => {
                    for r in rules {
                        let dates = match (r.effective_from, r.effective_until) {
                            (None, None) => String::new(),
                            (from, until) => {
                                format!(" [{} → {}]", from.unwrap_or("…"), until.unwrap_or("…"))
                            }
                        };
                        println!(
                            "{:<42} {:<7} {}{dates}",
                            r.code,
                            r.severity.as_str(),
                            r.source
                        );
                        println!("    {}", r.template(lang));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn read_input(file: &str) -> Result<Vec<u8>, String> {
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(file).map_err(|e| format!("{file}: {e}"))
    }
}
