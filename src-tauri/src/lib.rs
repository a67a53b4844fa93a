//! Galley's desktop shell. Commands are thin wrappers over galley-core (see `commands`);
//! all state is in one [`state::AppState`].

mod commands;
mod error;
mod grants;
mod state;
mod team;

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
    /// Open a team workspace: the `galley serve` at this address, instead of the local file.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
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

    let team = team::Team::default();
    let server = opts.server.as_deref().map(team::origin).transpose();
    let start = match server {
        Ok(Some(origin)) => {
            team.set_server(Some(origin.clone()));
            tauri::WebviewUrl::External(origin)
        }
        Ok(None) => tauri::WebviewUrl::App("index.html".into()),
        Err(e) => {
            eprintln!("galley-desktop: {}", e.message);
            std::process::exit(2);
        }
    };

    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(team)
        .setup(move |app| {
            // The analysers' models load while the window opens, for the first suggestions.
            std::thread::spawn(galley_core::language::warm_up);
            main_window(app.handle(), start)?;
            Ok(())
        })
        .on_window_event(allow_dropped)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("error while running the Galley window");
}

/// The main window, from its configuration, showing `start`; it goes only where
/// [`team::decide`] lets it.
fn main_window(app: &tauri::AppHandle, start: tauri::WebviewUrl) -> tauri::Result<()> {
    use tauri::Manager;
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .expect("the main window is configured");
    config.url = start;
    let handle = app.clone();
    tauri::WebviewWindowBuilder::from_config(app, &config)?
        .initialization_script(team::MARK_SCRIPT)
        .on_navigation(move |url| {
            let server = handle.state::<team::Team>().server();
            match team::decide(url, server.as_ref()) {
                team::Navigation::Allow => true,
                team::Navigation::GoLocal => {
                    go_local(&handle);
                    false
                }
                team::Navigation::Deny => {
                    tracing::warn!("the window may not go to {url}");
                    false
                }
            }
        })
        .build()?;
    Ok(())
}

/// Back to the local workspace (asked for by the team page).
fn go_local(app: &tauri::AppHandle) {
    use tauri::Manager;
    app.state::<team::Team>().set_server(None);
    let app = app.clone();
    // Not from inside the navigation callback: the webview is in the middle of deciding.
    std::thread::spawn(move || {
        if let Some(window) = app.get_webview_window("main") {
            if let Err(e) = window.navigate(team::local_url()) {
                tracing::error!("cannot go back to the local workspace: {e}");
            }
        }
    });
}

/// Files dropped on the window are the person's choice: the window may import them.
fn allow_dropped(window: &tauri::Window, event: &tauri::WindowEvent) {
    use tauri::Manager;
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        window.state::<state::AppState>().grants.allow(paths);
    }
}
