//! `galley import FILE...`: one digest per file, each in its own transaction.

use std::io::Read;
use std::path::PathBuf;

use galley_core::import::{self, InputFormat, Options, OwnedInput, Report, Status};
use galley_core::language::suggest;
use galley_core::Error;

use super::{Failure, Outcome};
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
    let mut files = Vec::new();
    let mut failed = false;
    for path in &args.files {
        if path.as_os_str() == "-" {
            files.push(path.clone());
            continue;
        }
        match import::collect_files(path) {
            Ok(found) if found.is_empty() => {
                eprintln!(
                    "galley: {} has no files to import (.txt .md .json .jsonl)",
                    path.display()
                );
                failed = true;
            }
            Ok(found) => files.extend(found),
            Err(e) => {
                eprintln!("galley: {e}");
                failed = true;
            }
        }
    }
    if files.len() > 1 && args.name.is_some() {
        return Err(Error::Invalid("--name applies to one file at a time".into()).into());
    }
    let date = args
        .date
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(Error::from)?;
    let mut store = if args.dry_run {
        galley_core::Store::open_in_memory()?
    } else {
        ctx.open()?
    };
    let jieba = galley_core::language::dictionary::segmenter(store.conn())?;
    let opts = Options {
        name: args.name,
        date,
        encoding: args.encoding,
        dry_run: args.dry_run,
        actor: ctx.user.clone(),
        format: args.format.map(Into::into),
    };
    let mut reports = Vec::new();
    // Files are read and rebuilt on a second thread while the previous one is stored.
    let inputs = files.iter().map(|path| {
        let input = if path.as_os_str() == "-" {
            read_stdin().map(|bytes| OwnedInput {
                what: "standard input".into(),
                source_file: None,
                bytes,
            })
        } else {
            OwnedInput::read(path)
        };
        (path.display().to_string(), input)
    });
    import::import_stream(
        &mut store,
        &jieba,
        inputs,
        &opts,
        |_, result| match result {
            Ok(report) => reports.push(report),
            Err(e) => {
                eprintln!("galley: {e}");
                failed = true;
            }
        },
    );
    // Editors never start from a blank article: draft suggestions for what was stored.
    if !args.no_suggest && !args.dry_run {
        for r in &reports {
            if let Err(e) = suggest::suggest_imported(&mut store, &jieba, r, &ctx.user) {
                eprintln!("galley: no suggestions for {}: {e}", r.name);
                failed = true;
            }
        }
    }
    if args.json {
        let out = serde_json::to_string_pretty(&reports).map_err(Error::from)?;
        println!("{out}");
    } else {
        for r in &reports {
            print!("{}", render(r));
        }
    }
    if failed {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

fn read_stdin() -> galley_core::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: "-".into(),
            source,
        })?;
    Ok(bytes)
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
        let flag = if a.confidence < 0.5 { "  LOW" } else { "" };
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
