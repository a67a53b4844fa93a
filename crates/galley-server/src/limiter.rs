//! Sign-in attempts are limited per name and per address, so passwords cannot be guessed at
//! speed: after [`MAX_FAILURES`] failures in [`WINDOW`], that name or address waits.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins allowed per window.
pub const MAX_FAILURES: u32 = 5;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Failures counted per key (a name, an address).
#[derive(Default)]
pub struct Limiter {
    failures: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Limiter {
    /// Whether any of these keys has failed too often lately.
    pub fn blocked(&self, keys: &[&str]) -> bool {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter().any(|k| {
            map.get(*k)
                .is_some_and(|(since, n)| since.elapsed() < WINDOW && *n >= MAX_FAILURES)
        })
    }

    /// Counts a failure against each key.
    pub fn failed(&self, keys: &[&str]) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for k in keys {
            let entry = map.entry((*k).to_owned()).or_insert((Instant::now(), 0));
            if entry.0.elapsed() >= WINDOW {
                *entry = (Instant::now(), 0);
            }
            entry.1 += 1;
        }
    }

    /// Forgets the failures of these keys (after a good sign-in).
    pub fn succeeded(&self, keys: &[&str]) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for k in keys {
            map.remove(*k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_block_that_name_not_others() {
        let l = Limiter::default();
        for _ in 0..MAX_FAILURES {
            assert!(!l.blocked(&["name:a"]));
            l.failed(&["name:a"]);
        }
        assert!(l.blocked(&["name:a"]));
        assert!(!l.blocked(&["name:b"]));
        l.succeeded(&["name:a"]);
        assert!(!l.blocked(&["name:a"]));
    }
}
