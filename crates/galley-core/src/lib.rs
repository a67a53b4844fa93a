//! Galley's domain: the model, the SQLite store, import, language and export.
//!
//! Nothing here knows about Tauri or HTTP; every piece is testable headless with an
//! in-memory store (`Store::open_in_memory`).

pub mod annotate;
pub mod app;
pub mod edit;
pub mod error;
pub mod export;
pub mod import;
pub mod language;
pub mod model;
pub mod paths;
pub mod sample;
pub mod store;
pub mod text;

pub use app::Workspace;
pub use error::{Error, Result};

/// Galley's version, the one `galley --version` and the window's About show.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub use store::Store;
