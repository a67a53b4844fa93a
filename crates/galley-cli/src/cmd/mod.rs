pub mod export;
pub mod import;
pub mod list;

/// How a verb fails.
pub enum Failure {
    /// Already explained on stderr (e.g. one of several imports failed).
    Reported,
    Error(galley_core::Error),
}

impl From<galley_core::Error> for Failure {
    fn from(e: galley_core::Error) -> Self {
        Failure::Error(e)
    }
}

pub type Outcome = Result<(), Failure>;
