//! What a failed command sends to the UI: `{code, message}`.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CmdError {
    pub code: &'static str,
    pub message: String,
}

impl From<galley_core::Error> for CmdError {
    fn from(e: galley_core::Error) -> Self {
        CmdError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

pub type CmdResult<T> = Result<T, CmdError>;
