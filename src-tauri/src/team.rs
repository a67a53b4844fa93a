//! The window as a client of a team server (`galley serve`).
//!
//! Opening a team workspace points the window at the server: the server serves the same `ui/`,
//! whose `api.js` then talks HTTP with the session cookie, exactly as in a browser, so every
//! verb, role check, version check and live update is the server's. The shell only decides
//! where the window may go: its own pages and the chosen server, nothing else (a link in an
//! article cannot take the window away), and `/__galley/local` on the server brings it back to
//! the local workspace.

use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Mutex;
use std::time::Duration;

use tauri::Url;

use crate::error::{CmdError, CmdResult};

/// The path on the server that the team page goes to for "back to my local workspace".
pub const LOCAL_PATH: &str = "/__galley/local";

/// Set on every page the window shows, so the team page knows it is inside the desktop app.
pub const MARK_SCRIPT: &str = "window.__GALLEY_DESKTOP__ = true;";

/// Where the window is allowed to be.
#[derive(Default)]
pub struct Team {
    server: Mutex<Option<Url>>,
}

impl Team {
    /// The team server the window may show, if one was opened.
    pub fn server(&self) -> Option<Url> {
        self.server
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Lets the window show `origin` from now on.
    pub fn set_server(&self, origin: Option<Url>) {
        *self.server.lock().unwrap_or_else(|p| p.into_inner()) = origin;
    }
}

/// What to do when the window is about to go to a URL.
#[derive(Debug, PartialEq, Eq)]
pub enum Navigation {
    /// Let it.
    Allow,
    /// Stop it and show the local workspace instead.
    GoLocal,
    /// Stop it.
    Deny,
}

/// Where the window may go: its own pages, and the chosen team server's.
pub fn decide(url: &Url, server: Option<&Url>) -> Navigation {
    if is_local(url) || url.scheme() == "blob" || url.as_str() == "about:blank" {
        return Navigation::Allow;
    }
    match server {
        Some(s) if same_origin(url, s) && url.path() == LOCAL_PATH => Navigation::GoLocal,
        Some(s) if same_origin(url, s) => Navigation::Allow,
        _ => Navigation::Deny,
    }
}

/// The window's own pages (Tauri serves them from `tauri://localhost`, or
/// `http://tauri.localhost` on Windows).
pub fn is_local(url: &Url) -> bool {
    url.scheme() == "tauri" || url.host_str() == Some("tauri.localhost")
}

/// The URL of the window's own first page.
pub fn local_url() -> Url {
    let base = if cfg!(windows) {
        "http://tauri.localhost/index.html"
    } else {
        "tauri://localhost/index.html"
    };
    Url::parse(base).expect("a valid URL")
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

fn invalid(message: String) -> CmdError {
    galley_core::Error::Invalid(message).into()
}

/// The origin of a team server as a person types it: `desk.example:8080`,
/// `http://10.0.0.5:8080/`, `https://galley.example/`. Only http and https, no user name.
pub fn origin(typed: &str) -> CmdResult<Url> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(invalid(
            "type the team server's address, e.g. http://10.0.0.5:8080".into(),
        ));
    }
    let with_scheme = match typed.contains("://") {
        true => typed.to_owned(),
        false => format!("http://{typed}"),
    };
    let url = Url::parse(&with_scheme)
        .map_err(|e| invalid(format!("{typed} is not a server address: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(format!(
            "{typed} is not a server address (http:// or https://)"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "sign in on the server's page, not in its address".into(),
        ));
    }
    let mut origin = url;
    origin.set_path("/");
    origin.set_query(None);
    origin.set_fragment(None);
    Ok(origin)
}

/// Checks that something listens at the server's address, so a typing mistake is a message
/// in the window and not a browser error page.
pub fn reachable(origin: &Url) -> CmdResult<()> {
    let host = origin.host_str().unwrap_or_default();
    let port = origin.port_or_known_default().unwrap_or(80);
    let addrs: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|e| invalid(format!("cannot find {host}: {e}")))?
        .collect();
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(4)) {
            Ok(_) => return Ok(()),
            Err(e) => last = Some(e),
        }
    }
    Err(invalid(format!(
        "cannot reach {host}:{port}: {}",
        last.map_or_else(|| "no address".to_owned(), |e| e.to_string())
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn a_typed_address_becomes_an_origin() {
        assert_eq!(
            origin("10.0.0.5:8080").unwrap().as_str(),
            "http://10.0.0.5:8080/"
        );
        assert_eq!(
            origin(" https://galley.example/desk?x=1#y ")
                .unwrap()
                .as_str(),
            "https://galley.example/"
        );
        for bad in [
            "",
            "ftp://x",
            "file:///etc/passwd",
            "http://user:pw@x/",
            "javascript:alert(1)",
        ] {
            assert_eq!(origin(bad).unwrap_err().code, "invalid_input", "{bad}");
        }
    }

    #[test]
    fn the_window_goes_only_to_its_own_pages_and_the_chosen_server() {
        let server = url("http://10.0.0.5:8080/");
        let s = Some(&server);
        assert_eq!(
            decide(&url("tauri://localhost/index.html"), s),
            Navigation::Allow
        );
        assert_eq!(decide(&url("http://10.0.0.5:8080/"), s), Navigation::Allow);
        assert_eq!(
            decide(&url("http://10.0.0.5:8080/__galley/local"), s),
            Navigation::GoLocal
        );
        assert_eq!(decide(&url("http://10.0.0.5:9999/"), s), Navigation::Deny);
        assert_eq!(decide(&url("https://evil.example/"), s), Navigation::Deny);
        assert_eq!(
            decide(&url("http://10.0.0.5:8080/"), None),
            Navigation::Deny
        );
    }

    #[test]
    fn nothing_listening_is_a_message() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        assert!(reachable(&origin(&addr.to_string()).unwrap()).is_ok());
        drop(listener);
        let e = reachable(&origin(&addr.to_string()).unwrap()).unwrap_err();
        assert!(
            e.message.contains("cannot reach 127.0.0.1:"),
            "{}",
            e.message
        );
    }
}
