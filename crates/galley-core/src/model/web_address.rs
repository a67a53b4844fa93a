//! Evidence links: only `http://` and `https://` addresses are stored or shown as links, so a
//! `javascript:` or `data:` URL can never become something a reader clicks.

use crate::{Error, Result};

/// Whether `url` is an absolute http(s) address with a host and no spaces or control
/// characters (the scheme in any case: `HTTPS://` counts).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host_starts = rest
        .chars()
        .next()
        .is_some_and(|c| !matches!(c, '/' | '?' | '#'));
    host_starts && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `Ok` for an http(s) address, else a clear refusal naming the value.
pub fn check_web_address(url: &str) -> Result<()> {
    if is_web_address(url) {
        return Ok(());
    }
    let shown: String = url.chars().take(80).collect();
    Err(Error::Invalid(format!(
        "evidence link {shown:?} is not a web address: only http:// and https:// links are \
         accepted"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_with_a_host() {
        for ok in [
            "https://example.org/a?b#c",
            "http://x",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert!(is_web_address(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "https://",
            "http:///x",
            "//example.org",
            "https://exa mple.org",
            "https://x\n.org",
            " https://x",
            "",
        ] {
            assert!(!is_web_address(bad), "{bad:?}");
            assert!(check_web_address(bad).is_err());
        }
    }
}
