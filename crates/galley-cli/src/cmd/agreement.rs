//! `galley agreement`: how far the people who labelled the same articles agree (κ).

use galley_core::annotate::agreement::{Agreement, LabelAgreement};

use super::{out, Outcome};
use crate::Context;

/// Agreement between editors who labelled the same articles: Fleiss' κ per label (the
/// sentiment, each topic) and Cohen's κ per pair of people.
#[derive(clap::Args)]
pub struct Args {
    /// Only the articles of this digest.
    #[arg(long)]
    digest: Option<i64>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let report = ctx.open()?.agreement(args.digest)?;
    out::show(&report, args.json, render)
}

fn render(report: &Agreement) -> String {
    if report.labels.is_empty() {
        return "no article has been labelled by two people yet\n".to_owned();
    }
    report.labels.iter().map(label).collect()
}

fn label(a: &LabelAgreement) -> String {
    use std::fmt::Write;
    let what = match a.label.as_str() {
        "" => "sentiment".to_owned(),
        code => format!("topic {code} {}", a.name.0),
    };
    let mut text = format!(
        "{what}: {} articles labelled by {} people, agreement {:.3}, Fleiss κ {}\n",
        a.items,
        a.raters.len(),
        a.observed,
        kappa(a.fleiss)
    );
    for p in &a.pairs {
        let _ = writeln!(
            text,
            "  {} / {}: {} articles, agreement {:.3}, Cohen κ {}",
            p.a,
            p.b,
            p.items,
            p.observed,
            kappa(p.cohen)
        );
    }
    text
}

/// κ to three places, or why there is none.
fn kappa(k: Option<f64>) -> String {
    k.map_or_else(
        || "undefined (one label only)".to_owned(),
        |k| format!("{k:.3}"),
    )
}
