//! `galley import FILE...`: one digest per file, each in its own transaction.

use std::io::Read;
use std::path::PathBuf;

use galley_core::app::import::{FileOutcome, ImportOptions, Source, Stage};
use galley_core::import::{InputFormat, Report, Status};
use galley_core::{Error, Workspace};

use super::{out, Failure, Outcome};
use crate::Context;

/// Import digest pages: PDF-extracted page text, Markdown, JSON or JSON Lines, in UTF-8,
/// UTF-16, GB18030/GBK or Big5. One digest per file, each in its own transaction.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to import (folders: every .txt .md .json .jsonl inside); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Digest name [default: the file name without its extension]
    #[arg(long)]
    name: Option<String>,
    /// Issue date, YYYY-MM-DD or YYYY-MM [default: found in the file name]
    #[arg(long)]
    date: Option<String>,
    /// Text encoding, overriding detection (utf-8, utf-16le, gb18030, gbk, big5, ...)
    #[arg(long)]
    encoding: Option<String>,
    /// Input layout [default: from the file extension, else detected]
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Show what would be imported; store nothing.
    #[arg(long)]
    dry_run: bool,
    /// Do not draft suggestions (topics, sentiment, claims) for the imported articles.
    #[arg(long)]
    no_suggest: bool,
    /// PDF only: the pages to import, e.g. 3, 2-4 or 2- [default: all]
    #[arg(long, value_name = "RANGE")]
    pages: Option<String>,
    /// PDF only: one digest for the whole file (or the --pages), not one per page.
    #[arg(long)]
    one_digest: bool,
    /// Print the reports as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    /// Text extracted from a newspaper page (columns, hard wraps, doubled headlines)
    Page,
    /// `#` lines are article titles
    Markdown,
    /// An array of {title, body | paragraphs} objects
    Json,
    /// One {title, body | paragraphs} object per line
    Jsonl,
}

impl From<FormatArg> for InputFormat {
    fn from(f: FormatArg) -> InputFormat {
        match f {
            FormatArg::Page => InputFormat::Page,
            FormatArg::Markdown => InputFormat::Markdown,
            FormatArg::Json => InputFormat::Json,
            FormatArg::Jsonl => InputFormat::Jsonl,
        }
    }
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let sources = sources(&args.files)?;
    let opts = options(&args)?;
    let mut ws = match args.dry_run {
        true => Workspace::open_in_memory()?,
        false => ctx.open()?,
    };
    let mut meter = ctx.meter();
    let mut streamed = 0;
    let outcomes = ws.import(&sources, &opts, |p, o| {
        meter.step(p);
        if p.stage == Stage::Import {
            streamed += 1;
            meter.stored(p, o.report.as_ref());
            meter.suspend(|| stored(o, args.json));
        }
    })?;
    meter.finish();
    report(&outcomes, outcomes.len() - streamed, args.json)
}

/// Each file or folder named, `-` being standard input.
fn sources(files: &[PathBuf]) -> galley_core::Result<Vec<Source>> {
    files
        .iter()
        .map(|p| match p.as_os_str() == "-" {
            true => read_stdin(),
            false => Ok(Source::Path(p.clone())),
        })
        .collect()
}

fn options(args: &Args) -> galley_core::Result<ImportOptions> {
    Ok(ImportOptions {
        name: args.name.clone(),
        date: args.date.as_deref().map(str::parse).transpose()?,
        encoding: args.encoding.clone(),
        format: args.format.map(Into::into),
        dry_run: args.dry_run,
        no_suggest: args.no_suggest,
        pages: args.pages.as_deref().map(str::parse).transpose()?,
        one_digest: args.one_digest,
    })
}

/// Each input is reported as soon as it is stored (before the suggestions are drafted), so
/// what a killed import stored was said.
fn stored(o: &FileOutcome, json: bool) {
    if let Some(e) = &o.error {
        eprintln!("galley: {}", out::escape(&e.to_string()));
    }
    if let (Some(r), false) = (&o.report, json) {
        print_now(&render(r));
    }
}

/// What was not said as it happened (paths that could not be listed come first, suggestions
/// that could not be drafted), the JSON reports; exit 1 if anything failed.
fn report(outcomes: &[FileOutcome], unstreamed: usize, json: bool) -> Outcome {
    for e in outcomes[..unstreamed]
        .iter()
        .filter_map(|o| o.error.as_ref())
    {
        eprintln!("galley: {}", out::escape(&e.to_string()));
    }
    for why in outcomes.iter().filter_map(|o| o.suggest_error.as_ref()) {
        eprintln!("galley: {}", out::escape(why));
    }
    if json {
        let reports: Vec<&Report> = outcomes.iter().filter_map(|o| o.report.as_ref()).collect();
        out::json(&reports)?;
    }
    match outcomes.iter().any(FileOutcome::is_failure) {
        true => Err(Failure::Reported),
        false => Ok(()),
    }
}

/// Prints at once (a log shows each digest as it is stored, even if the run is killed).
fn print_now(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out::escape(text).as_bytes());
    let _ = stdout.flush();
}

fn read_stdin() -> galley_core::Result<Source> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: "-".into(),
            source,
        })?;
    Ok(Source::Bytes {
        what: "standard input".into(),
        bytes,
    })
}

/// The human-readable report of one import.
pub fn render(r: &Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let id = r.digest_id.map(|i| format!(" {i}")).unwrap_or_default();
    let verb = match r.status {
        Status::Imported => "imported as digest",
        Status::AlreadyImported => "already imported as digest",
        Status::DryRun => "would import (dry run)",
    };
    let date = r.date.map(|d| format!(" [{d}]")).unwrap_or_default();
    let _ = writeln!(s, "{}{date}: {verb}{id}", r.name);
    for w in &r.warnings {
        let _ = writeln!(s, "  warning: {w}");
    }
    for (i, a) in r.articles.iter().enumerate() {
        let source = a.source.line.as_deref().unwrap_or("no source");
        let flag = if a.confidence < galley_core::model::vocabulary::LOW_CONFIDENCE {
            "  LOW"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:>2}. {}  ({} paragraphs, {} pull quotes; {}; confidence {:.2}{flag})",
            i + 1,
            a.title,
            a.paragraphs,
            a.pull_quotes,
            source,
            a.confidence
        );
        for w in &a.warnings {
            let _ = writeln!(s, "      warning: {w}");
        }
    }
    if !r.furniture.is_empty() {
        let _ = writeln!(s, "  page furniture set aside: {}", r.furniture.join(" | "));
    }
    s
}
