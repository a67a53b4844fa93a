//! Export: the annotated digests as files other people open. One module per format.

pub mod json;

use crate::{Error, Result};

/// Which digests to export.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these digests (all when empty).
    pub digest_ids: Vec<i64>,
}

/// Checks that every requested digest exists before anything is written.
pub(crate) fn selected_digests(
    conn: &rusqlite::Connection,
    filter: &Filter,
) -> Result<Vec<crate::model::Digest>> {
    let all = crate::store::digests::list(conn)?;
    if filter.digest_ids.is_empty() {
        return Ok(all);
    }
    for id in &filter.digest_ids {
        if !all.iter().any(|d| d.id == *id) {
            return Err(Error::NotFound {
                entity: "digest",
                id: *id,
            });
        }
    }
    Ok(all
        .into_iter()
        .filter(|d| filter.digest_ids.contains(&d.id))
        .collect())
}
