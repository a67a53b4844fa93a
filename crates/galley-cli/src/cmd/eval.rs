//! `galley eval FILE…`: how the suggestions score on labelled text, per file.

use std::path::PathBuf;

use galley_core::language::eval::{share, Report};
use serde::Serialize;

use super::{out, Outcome};
use crate::Context;

/// Score topics, sentiment and check-worthiness on labelled examples.
#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines ({"title", "text", "topics", "sentiment", "claim"}) or label<TAB>text files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
    /// Also list every label the suggestions got wrong: line, expected, suggested, reasons.
    #[arg(long)]
    misses: bool,
}

/// One file's scores.
#[derive(Serialize)]
struct Scored {
    file: String,
    #[serde(flatten)]
    report: Report,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let mut ws = ctx.open()?;
    let mut all = Vec::new();
    for file in &args.files {
        let what = file.display().to_string();
        let text = std::fs::read_to_string(file)
            .map_err(|e| galley_core::Error::Invalid(format!("cannot read {what}: {e}")))?;
        let mut report = ws.evaluate(&text, &what)?;
        if !args.misses {
            report.misses.clear();
        }
        all.push(Scored { file: what, report });
    }
    out::show(&all, args.json, |all| all.iter().map(render).collect())
}

fn render(s: &Scored) -> String {
    use std::fmt::Write;
    let r = &s.report;
    let mut text = format!("{}: {} examples\n", s.file, r.examples);
    if let Some(t) = &r.topics {
        let _ = writeln!(
            text,
            "  topics     top-1 {:.3} ({}/{})  top-3 {:.3}  none {:.3}",
            share(t.top1, t.n),
            t.top1,
            t.n,
            share(t.top3, t.n),
            share(t.none, t.n)
        );
    }
    if let Some(t) = &r.sentiment {
        let _ = write!(
            text,
            "  sentiment  accuracy {:.3} ({}/{})",
            share(t.correct, t.n),
            t.correct,
            t.n
        );
        for (label, n, right) in &t.by_label {
            let _ = write!(text, "  {} {right}/{n}", label.as_str());
        }
        text.push('\n');
        for (gold, _, _) in &t.by_label {
            let wrong: Vec<String> = t
                .shown
                .iter()
                .filter(|(g, l, _)| g == gold && l != gold)
                .map(|(_, l, n)| format!("{} {n}", l.as_str()))
                .collect();
            if !wrong.is_empty() {
                let _ = writeln!(
                    text,
                    "             {} shown as: {}",
                    gold.as_str(),
                    wrong.join(", ")
                );
            }
        }
    }
    if let Some(c) = &r.claims {
        let _ = writeln!(
            text,
            "  claims     recall {:.3} ({}/{})  precision {:.3}  non-claims flagged {}/{}",
            c.recall(),
            c.found,
            c.positives,
            c.precision(),
            c.flagged,
            c.negatives
        );
    }
    for m in &r.misses {
        let _ = writeln!(
            text,
            "  line {} {}: expected {}, got {} | {} | {}",
            m.line,
            m.task.as_str(),
            m.expected,
            m.got,
            m.text,
            m.reasons.join("; ")
        );
    }
    text
}
