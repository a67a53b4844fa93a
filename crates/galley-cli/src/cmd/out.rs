//! Printing: JSON output, terminal-safe text, and a quiet end when the reader goes away.

use std::borrow::Cow;

use serde::Serialize;

use super::Outcome;

/// Lets a closed pipe end the program quietly, as it ends `cat` or `grep`: `galley list | head`
/// must not panic with "Broken pipe" when `head` has read enough.
pub fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists; restoring the
    // default disposition of SIGPIPE has no other effect on the program.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Prints a value as pretty JSON on standard output.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Outcome {
    let text = serde_json::to_string_pretty(value).map_err(galley_core::Error::from)?;
    println!("{text}");
    Ok(())
}

/// Prints a result: as JSON, or rendered for people.
pub fn show<T: Serialize + ?Sized>(
    value: &T,
    json: bool,
    render: impl FnOnce(&T) -> String,
) -> Outcome {
    match json {
        true => self::json(value),
        false => text(&render(value)),
    }
}

/// Prints text made safe for a terminal ([`escape`]) on standard output.
pub fn text(s: &str) -> Outcome {
    print!("{}", escape(s));
    Ok(())
}

/// Text from a file or the database made safe for a terminal: control characters (an escape
/// sequence in a title could rewrite the screen or forge a line) are shown as `\u{…}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match unsafe_char(c) {
                true => c.escape_unicode().to_string(),
                false => c.to_string(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            escape("标题\u{1b}]0;pwned\u{7}"),
            "标题\\u{1b}]0;pwned\\u{7}"
        );
        assert_eq!(escape("两行\n文字\t"), "两行\n文字\t");
    }
}
