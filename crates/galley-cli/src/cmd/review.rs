//! `galley review …`: the reviewers' queue and verdicts from the command line.

use galley_core::annotate::queue::{QueueFilter, QueueItem};
use galley_core::annotate::Annotation;
use galley_core::app::review::{Evidence, Verdict};
use galley_core::model::ClaimStatus;

use super::{edit::render, out, Outcome};
use crate::Context;

/// Work through claims: list those waiting for a verdict, give verdicts, add evidence.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    op: Op,
}

#[derive(clap::Subcommand)]
enum Op {
    /// Claims waiting for a verdict (unverified, undetermined, in progress), oldest first.
    Queue {
        /// Only claims in this status.
        #[arg(long)]
        status: Option<ClaimStatus>,
        /// Only this digest.
        #[arg(long, value_name = "ID")]
        digest: Option<i64>,
        #[arg(long, default_value_t = 500)]
        limit: i64,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Give CLAIM a verdict: undetermined, in_progress, verified, false, not_applicable.
    Verdict {
        claim: i64,
        status: ClaimStatus,
        /// ClaimReview rating (属实, 部分属实, 误导, 不实, 无法证实) [default: the one STATUS implies]
        #[arg(long)]
        rating: Option<String>,
        #[command(flatten)]
        evidence: EvidenceArgs,
    },
    /// Add evidence to CLAIM.
    Evidence {
        claim: i64,
        #[command(flatten)]
        evidence: EvidenceArgs,
    },
}

#[derive(clap::Args)]
struct EvidenceArgs {
    /// Evidence: the source's http(s) address.
    #[arg(long)]
    url: Option<String>,
    /// Evidence: what the source says.
    #[arg(long)]
    quote: Option<String>,
    /// Evidence: a note.
    #[arg(long)]
    note: Option<String>,
}

impl EvidenceArgs {
    fn into_evidence(self) -> Option<Evidence> {
        let given = self.url.is_some() || self.quote.is_some() || self.note.is_some();
        given.then_some(Evidence {
            url: self.url,
            quote: self.quote,
            note: self.note,
        })
    }
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let mut ws = ctx.open()?;
    let changes = match args.op {
        Op::Queue {
            status,
            digest,
            limit,
            json,
        } => {
            let filter = QueueFilter {
                status,
                digest_id: digest,
            };
            return out::show(&ws.review_queue(&filter, limit)?, json, |i| render_queue(i));
        }
        Op::Verdict {
            claim,
            status,
            rating,
            evidence,
        } => ws.review(claim, &verdict(status, rating, evidence))?,
        Op::Evidence { claim, evidence } => vec![ws.annotate(&add_evidence(claim, evidence)?)?],
    };
    out::text(&changes.iter().map(|c| render(c) + "\n").collect::<String>())
}

fn verdict(status: ClaimStatus, rating: Option<String>, evidence: EvidenceArgs) -> Verdict {
    Verdict {
        status,
        rating,
        evidence: evidence.into_evidence(),
    }
}

fn add_evidence(claim: i64, evidence: EvidenceArgs) -> galley_core::Result<Annotation> {
    let e = evidence
        .into_evidence()
        .ok_or_else(|| galley_core::Error::Invalid("give --url, --quote or --note".into()))?;
    Ok(Annotation::AddEvidence {
        claim_id: claim,
        url: e.url,
        quote: e.quote,
        note: e.note,
    })
}

pub fn render_queue(items: &[QueueItem]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for i in items {
        let _ = writeln!(
            s,
            "claim {}\t{}\tarticle {}\t{}\t{}",
            i.claim_id, i.status, i.article_id, i.digest_name, i.text
        );
    }
    if items.is_empty() {
        s.push_str("no claims waiting for a verdict\n");
    }
    s
}
