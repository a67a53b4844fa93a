//! Galley's desktop shell. Commands are thin wrappers over galley-core (see `commands`);
//! all state is in one [`state::AppState`].

mod commands;
mod error;
mod grants;
mod state;

use std::path::PathBuf;

use clap::Parser;

/// Command-line options of the desktop app.
#[derive(Parser, Debug)]
#[command(
    name = "galley-desktop",
    version,
    about = "Galley desktop window",
    ignore_errors = true
)]
pub struct Options {
    /// Database file [default: $GALLEY_DB, else the platform data directory]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Load the bundled sample digest when the database is empty.
    #[arg(long)]
    pub sample_if_empty: bool,
    /// Let the window import from or export to PATH (a file, or a folder and what it holds)
    /// without a dialog; files chosen in a dialog or dropped on the window are allowed anyway.
    #[arg(long = "allow", value_name = "PATH")]
    pub allow: Vec<PathBuf>,
    /// Files to import when the window opens ("Open with Galley" from a file manager).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "galley=info,galley_desktop=info,galley_core=info".into()),
        )
        .init();
    // Desktop launchers and WebDriver may pass arguments of their own: they are ignored.
    let opts = Options::parse();
    let db = opts.db.unwrap_or_else(galley_core::paths::default_db_path);
    let mut state = state::AppState::new(db, opts.sample_if_empty);
    state.grants.allow(&opts.allow);
    // Files named on the command line are the person's choice, like files dropped on the window.
    state.grants.allow(&opts.files);
    state.open_files = opts.files;

    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .on_window_event(allow_dropped)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("error while running the Galley window");
}

/// Files dropped on the window are the person's choice: the window may import them.
fn allow_dropped(window: &tauri::Window, event: &tauri::WindowEvent) {
    use tauri::Manager;
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        window.state::<state::AppState>().grants.allow(paths);
    }
}
