//! `galley export`: the annotated digests as a file, a folder (CSV) or on standard output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::builder::TypedValueParser as _;
use galley_core::app::export::Target;
use galley_core::app::progress::Progress;
use galley_core::export::{self, CsvTable, Filter, Request};
use galley_core::model::{ClaimStatus, IssueDate, ReviewState};
use galley_core::Error;

use super::progress::Meter;
use super::{out, Outcome};
use crate::Context;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// The galley.export/1 JSON document (every annotation).
    Json,
    /// articles.csv and claims.csv (UTF-8 with BOM for Excel and WPS).
    Csv,
    /// schema.org ClaimReview JSON-LD for claims with a verdict.
    Claimreview,
    /// W3C Web Annotation JSON-LD: claims, topics, sentiment.
    Webannotation,
    /// A readable annotated digest.
    Markdown,
}

impl From<Format> for export::Format {
    fn from(f: Format) -> export::Format {
        match f {
            Format::Json => export::Format::Json,
            Format::Csv => export::Format::Csv,
            Format::Claimreview => export::Format::Claimreview,
            Format::Webannotation => export::Format::Webannotation,
            Format::Markdown => export::Format::Markdown,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Table {
    Articles,
    Claims,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum State {
    New,
    Annotated,
    #[value(alias = "in_review")]
    InReview,
    Approved,
}

impl From<State> for ReviewState {
    fn from(s: State) -> ReviewState {
        match s {
            State::New => ReviewState::New,
            State::Annotated => ReviewState::Annotated,
            State::InReview => ReviewState::InReview,
            State::Approved => ReviewState::Approved,
        }
    }
}

/// `--claim-status`: the model's statuses, spelt with `-` (`in-progress`) or as stored.
fn claim_status() -> impl clap::builder::TypedValueParser<Value = ClaimStatus> {
    let values = ClaimStatus::ALL.iter().map(|s| {
        let dashed: &'static str = Box::leak(s.as_str().replace('_', "-").into_boxed_str());
        let value = clap::builder::PossibleValue::new(dashed);
        if dashed == s.as_str() {
            value
        } else {
            value.alias(s.as_str())
        }
    });
    clap::builder::PossibleValuesParser::new(values)
        .map(|s| s.parse::<ClaimStatus>().expect("a listed claim status"))
}

/// Export digests with their articles and annotations.
///
/// Filters combine (all must hold); a repeated filter matches any of its values. A filter that
/// matches nothing is an error and writes nothing.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write to this file, atomically (a failed export leaves nothing behind); for CSV a folder
    /// gets both articles.csv and claims.csv [default: stdout]
    #[arg(long, value_name = "FILE|DIR")]
    out: Option<PathBuf>,
    /// CSV: which table to write to a file or stdout [default: articles]
    #[arg(long, value_enum)]
    table: Option<Table>,
    /// CSV: no UTF-8 byte order mark (it is there by default so Excel and WPS show Chinese)
    #[arg(long)]
    no_bom: bool,
    /// Only this digest (repeatable).
    #[arg(long = "digest", value_name = "ID")]
    digests: Vec<i64>,
    /// Only digests issued on or after this date (YYYY-MM-DD or YYYY-MM).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only digests issued on or before this date (YYYY-MM-DD or YYYY-MM).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only articles with this accepted topic code, e.g. desk:energy or medtop:13000000 (repeatable).
    #[arg(long = "topic", value_name = "CODE")]
    topics: Vec<String>,
    /// Only articles in this review state (repeatable).
    #[arg(long = "review-state", value_enum, value_name = "STATE")]
    review_states: Vec<State>,
    /// Only articles with a claim in this status, and only those claims (repeatable).
    #[arg(long = "claim-status", value_parser = claim_status(), value_name = "STATUS")]
    claim_statuses: Vec<ClaimStatus>,
}

/// A `--from`/`--to` date, checked (a bad one is an input error, not a usage error).
fn date(s: Option<&str>) -> Result<Option<IssueDate>, Error> {
    Ok(s.map(str::parse).transpose()?)
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let req = request(&args)?;
    let ws = ctx.open()?;
    // A bar would be mixed into an export printed on the terminal itself.
    let mut meter = match args.out.is_none() && std::io::stdout().is_terminal() {
        true => Meter::Quiet,
        false => ctx.meter(),
    };
    let progress = |p: Progress<'_>| meter.step(p);
    match &args.out {
        Some(path) => report_written(&ws.export_reporting(&req, target(path), progress)?),
        None => to_stdout(&ws, &req, progress),
    }
}

fn request(args: &Args) -> galley_core::Result<Request> {
    let format: export::Format = args.format.into();
    if format != export::Format::Csv && (args.table.is_some() || args.no_bom) {
        return Err(Error::Invalid(
            "--table and --no-bom apply to --format csv only".into(),
        ));
    }
    Ok(Request {
        format,
        filter: Filter {
            digest_ids: args.digests.clone(),
            date_from: date(args.from.as_deref())?,
            date_to: date(args.to.as_deref())?,
            topics: args.topics.clone(),
            review_states: args.review_states.iter().map(|&s| s.into()).collect(),
            claim_statuses: args.claim_statuses.clone(),
        },
        table: match args.table {
            Some(Table::Claims) => CsvTable::Claims,
            _ => CsvTable::Articles,
        },
        bom: !args.no_bom,
    })
}

/// `exports/` names a folder even before it exists (and then says it does not).
fn target(path: &Path) -> Target<'_> {
    match path.as_os_str().to_string_lossy().ends_with('/') {
        true => Target::Folder(path),
        false => Target::Path(path),
    }
}

fn report_written(written: &[PathBuf]) -> Outcome {
    if written.len() > 1 {
        for f in written {
            eprintln!("wrote {}", out::escape(&f.display().to_string()));
        }
    }
    Ok(())
}

/// The export on standard output; checked before the first byte, so a bad filter prints nothing.
fn to_stdout(
    ws: &galley_core::Workspace,
    req: &Request,
    progress: impl FnMut(Progress<'_>),
) -> Outcome {
    let stdout = std::io::stdout();
    let mut lock = std::io::BufWriter::new(stdout.lock());
    ws.export_reporting(req, Target::Stream(&mut lock), progress)?;
    lock.flush()
        .map_err(|e| Error::Serialise(serde_json::Error::io(e)))?;
    Ok(())
}
