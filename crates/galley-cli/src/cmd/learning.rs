//! `galley learning`: what the suggester learned from the desk's decisions; switch it
//! on or off, learn again from scratch, or write the desk's model out.

use std::path::PathBuf;

use galley_core::app::language::LearningStatus;

use super::{out, Outcome};
use crate::Context;

/// What the suggester learned from this desk's decisions (topics, tones, claims).
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// Print as JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Per topic, how many accepted and rejected articles it learned from, and the claim and
    /// tone decisions (the default).
    Status,
    /// Learn from the desk's decisions (the default).
    On,
    /// Stop learning; suggestions use the shipped models only.
    Off,
    /// Forget what was learned and learn again from every decision as it stands.
    Retrain,
    /// Write the desk's model (per topic, each word's counts; the claim and tone corrections'
    /// weights) as JSON to FILE.
    Export {
        /// Where to write it.
        file: PathBuf,
    },
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let mut ws = ctx.open()?;
    let status = match args.action.unwrap_or(Action::Status) {
        Action::Status => ws.learned()?,
        Action::On => ws.set_learning(true)?,
        Action::Off => ws.set_learning(false)?,
        Action::Retrain => {
            let synced = ws.retrain()?;
            if !args.json {
                eprintln!("galley: learned from {} decisions", synced.added);
            }
            ws.learned()?
        }
        Action::Export { file } => {
            let model = ws.learned_model()?;
            let text = serde_json::to_string_pretty(&model).map_err(galley_core::Error::from)?;
            std::fs::write(&file, text + "\n").map_err(|e| {
                galley_core::Error::Invalid(format!("cannot write {}: {e}", file.display()))
            })?;
            return out::text(&format!("wrote {}\n", file.display()));
        }
    };
    out::show(&status, args.json, render)
}

pub fn render(s: &LearningStatus) -> String {
    use std::fmt::Write;
    let mut text = format!(
        "learning from the desk's decisions: {}\n",
        if s.enabled { "on" } else { "off" }
    );
    if s.topics.is_empty() && s.corrections.is_empty() {
        text.push_str("nothing learned yet: accept, add or reject topics, tones and claims\n");
    }
    for t in &s.topics {
        let _ = writeln!(
            text,
            "  {:<24} {} / {}: accepted on {}, rejected on {}",
            t.code, t.label_zh, t.label_en, t.positives, t.negatives
        );
    }
    for c in &s.corrections {
        let _ = writeln!(
            text,
            "  {:<24} {}{}: {}",
            c.kind,
            if c.positive { "" } else { "not " },
            c.class,
            c.count
        );
    }
    text
}
