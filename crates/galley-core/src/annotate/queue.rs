//! The reviewers' queue: claims waiting for a verdict, across digests, oldest first.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::model::ClaimStatus;
use crate::Result;

/// Statuses that still need a reviewer.
pub const OPEN: &[ClaimStatus] = &[
    ClaimStatus::Unverified,
    ClaimStatus::Undetermined,
    ClaimStatus::InProgress,
];

/// Which claims the review queue shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct QueueFilter {
    /// One status; default: every open one (unverified, undetermined, in progress).
    pub status: Option<ClaimStatus>,
    /// Only claims of this digest; default: every digest.
    pub digest_id: Option<i64>,
}

pub use crate::store::queue::QueueItem;

/// The claims waiting for a reviewer, oldest first.
pub fn queue(conn: &Connection, filter: &QueueFilter, limit: i64) -> Result<Vec<QueueItem>> {
    let statuses = match filter.status {
        Some(s) => vec![s],
        None => OPEN.to_vec(),
    };
    crate::store::queue::claims(conn, &statuses, filter.digest_id, limit)
}
