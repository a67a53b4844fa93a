//! Galley's domain: the model, the SQLite store, import, language and export.
//!
//! Nothing here knows about Tauri or HTTP; every piece is testable headless with an
//! in-memory store (`Store::open_in_memory`).
//!
//! # Layers
//!
//! Each module uses only the layers below it (and, in layer 0, its neighbours); two modules of
//! one layer above 0 do not use each other. `tests/layering.rs` checks every `crate::` path.
//!
//! | layer | modules | what |
//! |---|---|---|
//! | 0 | [`model`], [`error`], [`text`], [`paths`], [`parallel`] | the domain's types and vocabularies ([`model::Vocabulary`], [`model::IssueDate`], the export document, the import report), errors, text helpers (CJK, search tokens), file locations, work spread over the cores |
//! | 1 | [`store`] | SQLite: every SQL statement, one module per table, plus the multi-table reads (`browse`, `queue`, `export_rows`, the digest and annotation snapshots) |
//! | 2 | [`language`] | segmentation, keywords, entities, topics, sentiment, claims, and the suggestions drafted from them |
//! | 3 | [`import`], [`export`] | files in (pages, Markdown, JSON, Galley exports, Label Studio, doccano) and out (JSON, CSV, ClaimReview, Web Annotation, Markdown) |
//! | 4 | [`edit`], [`annotate`] | the editor's fix-ups of structure and the annotations, each one undoable transaction |
//! | 5 | [`sample`] | the bundled sample digest |
//! | 6 | `app` | the application façade the CLI and the desktop shell call |
//!
//! SQL lives in [`store`] only (also checked by `tests/layering.rs`).

#![warn(missing_docs)]

pub mod annotate;
pub mod app;
pub mod edit;
pub mod error;
pub mod export;
pub mod import;
pub mod language;
pub mod model;
pub mod parallel;
pub mod paths;
pub mod sample;
pub mod store;
pub mod text;

pub use app::Workspace;
pub use error::{Error, Result};
pub use store::Store;

/// Galley's version, the one `galley --version` and the window's About show.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
