//! Importing: files, folders, standard input or the bundled sample, each input one digest in
//! its own transaction, then the first draft of suggestions for what was stored.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::accounts::Permission;
pub use super::progress::{Progress, Stage};
use super::Workspace;
use crate::import::{self, InputFormat, OwnedInput, Report};
use crate::language::suggest;
use crate::model::IssueDate;
use crate::store::pending_suggestions;
use crate::{Error, Result, Store};

/// Where an import reads from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, or a folder whose importable files are all read.
    Path(PathBuf),
    /// The bundled sample digest page.
    Sample,
    /// Bytes already read (standard input, a paste), named `what` in messages.
    Bytes {
        /// How the input is named in messages and reports.
        what: String,
        /// The text.
        bytes: Vec<u8>,
    },
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Digest name; default: the file name without its extension. One input only.
    pub name: Option<String>,
    /// Issue date (`YYYY-MM-DD` or `YYYY-MM`); default: found in the file name.
    pub date: Option<IssueDate>,
    /// Encoding label overriding detection.
    pub encoding: Option<String>,
    /// Layout of the input; default: from the extension, else sniffed from the text.
    pub format: Option<InputFormat>,
    /// Parse and report; store nothing (the import runs against a private in-memory store).
    pub dry_run: bool,
    /// Do not draft suggestions for the new digests.
    pub no_suggest: bool,
    /// PDF only: the pages to import (default: all), each one digest.
    pub pages: Option<import::pdf::PageRange>,
    /// PDF only: one digest for the whole file (or the chosen pages).
    pub one_digest: bool,
}

/// What happened to one input.
#[derive(Debug, Serialize)]
pub struct FileOutcome {
    /// The input as named in messages (a path, `standard input`, the sample).
    pub file: String,
    /// The report, when the input was read and parsed.
    pub report: Option<Report>,
    /// Why it failed, when it did.
    pub error: Option<Error>,
    /// Why no suggestions were drafted for a stored digest (they stay possible later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggest_error: Option<String>,
}

impl FileOutcome {
    fn failed(file: String, error: Error) -> FileOutcome {
        FileOutcome {
            file,
            report: None,
            error: Some(error),
            suggest_error: None,
        }
    }

    /// Whether the input failed, or its suggestions could not be drafted.
    pub fn is_failure(&self) -> bool {
        self.error.is_some() || self.suggest_error.is_some()
    }
}

impl Workspace {
    /// Imports every input (folders expanded), one digest per input, each in its own
    /// transaction, and drafts suggestions for the new digests unless asked not to. One
    /// outcome per input, in order; `progress` hears of each as it is done. A failed input
    /// stores nothing and does not stop the others.
    pub fn import(
        &mut self,
        sources: &[Source],
        opts: &ImportOptions,
        mut progress: impl FnMut(Progress<'_>, &FileOutcome),
    ) -> Result<Vec<FileOutcome>> {
        if !opts.dry_run {
            self.require(Permission::Edit)?;
        }
        let (inputs, mut outcomes) = expand(sources);
        if inputs.len() > 1 && opts.name.is_some() {
            return Err(Error::Invalid(
                "a digest name applies to one file at a time".into(),
            ));
        }
        let core_opts = self.core_options(opts)?;
        let jieba = self.segmenter()?;
        let mut dry_store;
        let store = if opts.dry_run {
            dry_store = Store::open_in_memory()?;
            &mut dry_store
        } else {
            &mut self.store
        };
        let total = inputs.len() + outcomes.len();
        let reads = inputs.iter().map(|i| (i.name(), i.read()));
        import::import_stream(store, &jieba, reads, &core_opts, |file, result| {
            outcomes.push(match result {
                Ok(report) => FileOutcome {
                    file: file.to_owned(),
                    report: Some(report),
                    error: None,
                    suggest_error: None,
                },
                Err(e) => FileOutcome::failed(file.to_owned(), e),
            });
            let step = Progress {
                stage: Stage::Import,
                done: outcomes.len(),
                total,
                item: file,
            };
            progress(step, outcomes.last().expect("just pushed"));
        });
        // Editors never start from a blank article: draft suggestions for what was stored,
        // then for what an interrupted import left without them.
        if !opts.no_suggest && !opts.dry_run {
            draft_all(
                store,
                &jieba,
                &mut outcomes,
                &core_opts.actor,
                &mut progress,
            );
            complete_pending(store, &jieba, &core_opts.actor);
        }
        Ok(outcomes)
    }

    /// Imports the bundled sample digest page (with suggestions).
    pub fn load_sample(&mut self) -> Result<FileOutcome> {
        let opts = ImportOptions::default();
        let mut outcomes = self.import(&[Source::Sample], &opts, |_, _| {})?;
        let mut outcome = outcomes.pop().expect("one input, one outcome");
        match outcome.error.take() {
            Some(e) => Err(e),
            None => Ok(outcome),
        }
    }

    fn core_options(&self, opts: &ImportOptions) -> Result<import::Options> {
        Ok(import::Options {
            name: opts.name.clone(),
            date: opts.date,
            encoding: opts.encoding.clone(),
            dry_run: opts.dry_run,
            // A dry run stores nothing, so it needs nobody to act.
            actor: match opts.dry_run {
                true => self.actor.clone().unwrap_or_default(),
                false => self.actor()?.to_owned(),
            },
            format: opts.format,
            suggest: !opts.no_suggest && !opts.dry_run,
            pages: opts.pages,
            one_digest: opts.one_digest,
        })
    }
}

/// Drafts the suggestions of every digest just stored, telling `progress` of each.
fn draft_all(
    store: &mut Store,
    jieba: &jieba_rs::Jieba,
    outcomes: &mut [FileOutcome],
    actor: &str,
    progress: &mut impl FnMut(Progress<'_>, &FileOutcome),
) {
    let stored = |o: &FileOutcome| {
        o.report
            .as_ref()
            .is_some_and(|r| r.status == import::Status::Imported)
    };
    let total = outcomes.iter().filter(|o| stored(o)).count();
    if total > 0 {
        // On all cores at once, not one after the other as the first article needs them (not
        // while storing either: the models would add to the memory the inputs take).
        crate::language::warm_up();
    }
    for (done, outcome) in outcomes.iter_mut().filter(|o| stored(o)).enumerate() {
        outcome.suggest_error = draft(store, jieba, outcome, actor);
        let step = Progress {
            stage: Stage::Suggest,
            done: done + 1,
            total,
            item: &outcome.file,
        };
        progress(step, outcome);
    }
}

/// Drafts the suggestions of what was just stored; the reason when that failed.
fn draft(
    store: &mut Store,
    jieba: &jieba_rs::Jieba,
    outcome: &FileOutcome,
    actor: &str,
) -> Option<String> {
    let report = outcome.report.as_ref()?;
    suggest::suggest_imported(store, jieba, report, actor)
        .err()
        .map(|e| format!("no suggestions for {}: {e}", report.name))
}

/// Drafts the suggestions every digest still marked pending waits for (an import killed
/// after storing it and before its draft was written); a failure is logged and the mark kept.
fn complete_pending(store: &mut Store, jieba: &jieba_rs::Jieba, actor: &str) {
    let pending = match pending_suggestions::list(store.conn()) {
        Ok(p) => p,
        Err(e) => return tracing::warn!(%e, "cannot list digests waiting for suggestions"),
    };
    for digest in pending {
        if let Err(e) = suggest::draft_digest_each(store, jieba, digest, actor, drop) {
            tracing::warn!(digest, %e, "no suggestions for a digest left without them");
        }
    }
}

/// One input after folders are expanded.
enum Input<'a> {
    File(PathBuf),
    Sample,
    Bytes { what: &'a str, bytes: &'a [u8] },
}

impl Input<'_> {
    fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Sample => crate::sample::input().what,
            Input::Bytes { what, .. } => (*what).to_owned(),
        }
    }

    fn read(&self) -> Result<OwnedInput> {
        match self {
            Input::File(p) => OwnedInput::read(p),
            Input::Sample => {
                let sample = crate::sample::input();
                Ok(OwnedInput {
                    what: sample.what,
                    source_file: sample.source_file,
                    bytes: sample.bytes.to_vec(),
                })
            }
            Input::Bytes { what, bytes } => Ok(OwnedInput {
                what: (*what).to_owned(),
                source_file: None,
                bytes: bytes.to_vec(),
            }),
        }
    }
}

/// Expands folders into their files; a path that cannot be listed, or a folder with nothing to
/// import, becomes a failed outcome.
fn expand(sources: &[Source]) -> (Vec<Input<'_>>, Vec<FileOutcome>) {
    let mut inputs = Vec::new();
    let mut failed = Vec::new();
    for s in sources {
        match s {
            Source::Sample => inputs.push(Input::Sample),
            Source::Bytes { what, bytes } => inputs.push(Input::Bytes { what, bytes }),
            Source::Path(p) => match import::files::collect(p) {
                Ok(found) if found.files.is_empty() && found.skipped.is_empty() => {
                    failed.push(FileOutcome::failed(p.display().to_string(), nothing_in(p)));
                }
                Ok(found) => {
                    inputs.extend(found.files.into_iter().map(Input::File));
                    failed.extend(found.skipped.into_iter().map(skipped_outcome));
                }
                Err(e) => failed.push(FileOutcome::failed(p.display().to_string(), e)),
            },
        }
    }
    (inputs, failed)
}

fn nothing_in(path: &Path) -> Error {
    Error::NothingToImport {
        path: path.to_owned(),
    }
}

/// A folder entry passed over (a link out of the folder, a FIFO…), reported as a failed input.
fn skipped_outcome(e: Error) -> FileOutcome {
    let file = match &e {
        Error::Skipped { path, .. } => path.display().to_string(),
        other => other.to_string(),
    };
    FileOutcome::failed(file, e)
}
