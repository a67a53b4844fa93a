pub mod agreement;
pub mod annotate;
pub mod backup;
pub mod decide;
pub mod dict;
pub mod edit;
pub mod eval;
pub mod export;
pub mod history;
pub mod import;
pub mod learning;
pub mod list;
pub mod out;
pub mod progress;
pub mod review;
pub mod search;
pub mod serve;
pub mod show;
pub mod suggest;
pub mod topics;
pub mod undo;
pub mod user;

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
