//! Progress of long verbs on stderr: on a terminal, a bar with rate and time left once a
//! stage has run for about a second; otherwise one line per stored digest (a log shows how
//! far an import came, even if it was killed); with `--quiet`, nothing.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use galley_core::app::progress::{Progress, Stage};
use galley_core::import::{Report, Status};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::out;

/// How long a stage runs before its bar appears, unless `GALLEY_PROGRESS_DELAY_MS` says.
const QUIET_START: Duration = Duration::from_secs(1);

fn quiet_start() -> Duration {
    std::env::var("GALLEY_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(QUIET_START, Duration::from_millis)
}

/// Where progress goes.
pub enum Meter {
    /// `--quiet`: nowhere.
    Quiet,
    /// Not a terminal: a line per stored digest.
    Lines,
    /// A terminal: a bar per stage.
    Bar(Option<StageBar>),
}

/// The bar of the stage under way.
pub struct StageBar {
    stage: Stage,
    bar: ProgressBar,
    started: Instant,
    delay: Duration,
    shown: bool,
}

impl Meter {
    /// A bar when stderr is a terminal, lines otherwise, nothing when `quiet`.
    pub fn new(quiet: bool) -> Meter {
        match (quiet, std::io::stderr().is_terminal()) {
            (true, _) => Meter::Quiet,
            (false, true) => Meter::Bar(None),
            (false, false) => Meter::Lines,
        }
    }

    /// A step is done: the bar of its stage moves; the last step of a stage ends its bar.
    pub fn step(&mut self, p: Progress<'_>) {
        let Meter::Bar(current) = self else {
            return;
        };
        if current.as_ref().is_none_or(|b| b.stage != p.stage) {
            if let Some(old) = current.take() {
                old.finish();
            }
            *current = Some(StageBar::new(p.stage, p.total));
        }
        if let Some(b) = current {
            b.advance(p);
        }
        if p.done >= p.total {
            if let Some(done) = current.take() {
                done.finish();
            }
        }
    }

    /// An input was stored: its line when progress goes to a log.
    pub fn stored(&mut self, p: Progress<'_>, report: Option<&Report>) {
        let (Meter::Lines, Some(r)) = (&self, report) else {
            return;
        };
        if let (Status::Imported, Some(id)) = (r.status, r.digest_id) {
            let line = format!(
                "galley: [{}/{}] stored digest {id} ({} articles) from {}",
                p.done,
                p.total,
                r.articles.len(),
                p.item
            );
            eprintln!("{}", out::escape(&line));
        }
    }

    /// A digest's suggestions were drafted by `galley suggest`: its line in a log.
    pub fn drafted(&mut self, p: Progress<'_>) {
        if let Meter::Lines = self {
            let line = format!(
                "galley: [{}/{}] drafted suggestions for {}",
                p.done, p.total, p.item
            );
            eprintln!("{}", out::escape(&line));
        }
    }

    /// Runs `f` (which prints) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match self {
            Meter::Bar(Some(b)) => b.bar.suspend(f),
            _ => f(),
        }
    }

    /// Ends the bar under way, leaving its last state on the terminal.
    pub fn finish(&mut self) {
        if let Meter::Bar(current) = self {
            if let Some(b) = current.take() {
                b.finish();
            }
        }
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        self.finish();
    }
}

impl StageBar {
    fn new(stage: Stage, total: usize) -> StageBar {
        let (verb, unit) = match stage {
            Stage::Import => ("importing", "files"),
            Stage::Suggest => ("suggesting", "digests"),
            Stage::Export => ("exporting", "articles"),
        };
        let template = format!(
            "{{prefix:>10}} [{{bar:30}}] {{pos}}/{{len}} {unit} · {{per_sec}} · {{eta}} left {{wide_msg}}"
        );
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden())
            .with_style(style)
            .with_prefix(verb);
        StageBar {
            stage,
            bar,
            started: Instant::now(),
            delay: quiet_start(),
            shown: false,
        }
    }

    fn advance(&mut self, p: Progress<'_>) {
        self.bar.set_length(p.total as u64);
        self.bar.set_position(p.done as u64);
        self.bar.set_message(out::escape(p.item).into_owned());
        if !self.shown && self.started.elapsed() >= self.delay {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Leaves a shown bar on its own line at its last state; a bar never shown leaves nothing.
    fn finish(self) {
        match self.shown {
            true => {
                self.bar.finish_with_message("");
                eprintln!();
            }
            false => self.bar.finish_and_clear(),
        }
    }
}
