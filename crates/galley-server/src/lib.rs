//! `galley serve`: one Galley workspace shared by a desk over HTTP.
//!
//! The same `ui/` the desktop window shows is served to browsers (embedded in the binary);
//! `ui/api.js` talks to this server with JSON instead of Tauri's IPC. Every call goes through
//! the core's façade ([`galley_core::Workspace`]) with roles enforced: the server, not the UI,
//! decides who may do what.
//!
//! | module | what |
//! | --- | --- |
//! | [`api`] | the routes: sign-in, sessions, CSRF, the calls |
//! | [`calls`] | each call's name mapped to a façade verb |
//! | [`assets`] | the embedded UI and its security headers |
//! | [`limiter`] | sign-in attempts per name and address |
//! | [`openapi`] | the API's OpenAPI document, from the calls' types |

pub mod api;
pub mod assets;
pub mod calls;
pub mod limiter;
pub mod openapi;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use galley_core::Workspace;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database file.
    pub db: PathBuf,
    /// Where to listen, e.g. `127.0.0.1:8080`.
    pub bind: SocketAddr,
    /// Mark the session cookie `Secure` (when a TLS proxy stands in front).
    pub secure_cookies: bool,
}

/// What every request shares: the one workspace (its lock is the single writer queue).
pub struct Server {
    ws: Mutex<Workspace>,
    /// Every change, as it is made, for the windows that listen (`/api/v1/events`).
    changes: tokio::sync::broadcast::Sender<serde_json::Value>,
    limiter: limiter::Limiter,
    secure_cookies: bool,
}

impl Server {
    /// A server over an open workspace; roles are enforced from now on.
    pub fn new(mut ws: Workspace, secure_cookies: bool) -> Arc<Server> {
        ws.enforce_roles();
        Arc::new(Server {
            ws: Mutex::new(ws),
            changes: tokio::sync::broadcast::channel(256).0,
            limiter: limiter::Limiter::default(),
            secure_cookies,
        })
    }

    /// The workspace; a panic while it was held left SQLite's transaction rolled back.
    fn ws(&self) -> MutexGuard<'_, Workspace> {
        self.ws.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Lets the C allocator hand large freed blocks back to the system at once.
///
/// Every sign-in hashes with Argon2id, which takes and frees a block of about 19 MiB. glibc
/// raises its mmap threshold after the first such block is freed, so later ones come from the
/// heap of whichever thread ran them and stay with the process: under a desk's sign-ins the
/// server grew to 300–450 MiB while it used about 50 MiB (`cargo bench -p galley-server --bench
/// load`). Fixing the threshold at glibc's default keeps such blocks mapped and unmapped.
pub fn keep_memory_small() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; 128 KiB is glibc's own default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// The runtime to serve on. Every call waits for the one workspace (the single writer queue),
/// so a few threads for blocking work are enough: more only hold more memory while they wait.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(4)
        .build()
}

/// Serves `ws` on 127.0.0.1, on a free port, from a thread and a runtime of its own, for as
/// long as the process runs: for tests and benchmarks. Returns the address.
pub fn spawn_local(ws: Workspace) -> std::io::Result<SocketAddr> {
    keep_memory_small();
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let app = api::router(Server::new(ws, false));
    std::thread::spawn(move || {
        let rt = runtime().expect("a tokio runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("the listener");
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            if let Err(e) = axum::serve(listener, service).await {
                tracing::error!("the local server stopped: {e}");
            }
        });
    });
    Ok(addr)
}

/// Opens the database, makes a first admin if there is none (printing the one-time password
/// once), and serves until the process ends.
pub async fn serve(config: Config) -> galley_core::Result<()> {
    keep_memory_small();
    // The analysers' models load while the server starts, for the first import's suggestions.
    std::thread::spawn(galley_core::language::warm_up);
    let mut ws = Workspace::open(&config.db)?;
    if let Some(admin) = ws.ensure_admin()? {
        eprintln!(
            "galley serve: first start; sign in as {} with the one-time password {} and change it (galley user passwd {})",
            admin.person.name, admin.password, admin.person.name
        );
    }
    let app = api::router(Server::new(ws, config.secure_cookies));
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|source| galley_core::Error::Write {
            path: PathBuf::from(config.bind.to_string()),
            source,
        })?;
    eprintln!(
        "galley serve: {} on http://{}",
        config.db.display(),
        config.bind
    );
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
    .map_err(|source| galley_core::Error::Write {
        path: PathBuf::from(config.bind.to_string()),
        source,
    })
}
