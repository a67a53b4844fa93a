//! Table `people`: who uses this database, as an editor or a reviewer.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Editor,
    Reviewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: Role,
}

/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// Adds a person, or changes the role of one already known. Returns them as stored.
pub fn upsert(conn: &Connection, name: &str, role: Role, now: &str) -> Result<Person> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::Invalid("a name cannot be empty".into()));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::Invalid(format!(
            "a name has at most {MAX_NAME_CHARS} characters"
        )));
    }
    conn.execute(
        "INSERT INTO people (name, role, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role",
        params![name, role.as_str(), now],
    )?;
    Ok(Person { name, role })
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            "SELECT name, role FROM people WHERE name = ?1",
            [name],
            |r| {
                let role: String = r.get(1)?;
                Ok(Person {
                    name: r.get(0)?,
                    role: if role == "reviewer" {
                        Role::Reviewer
                    } else {
                        Role::Editor
                    },
                })
            },
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn add_change_role_and_refuse_empty_names() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        assert_eq!(
            upsert(c, "  王  小明 ", Role::Editor, "t").unwrap().name,
            "王 小明"
        );
        upsert(c, "王 小明", Role::Reviewer, "t").unwrap();
        assert_eq!(get(c, "王 小明").unwrap().unwrap().role, Role::Reviewer);
        assert!(get(c, "nobody").unwrap().is_none());
        assert_eq!(
            upsert(c, "   ", Role::Editor, "t").unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            upsert(c, &"长".repeat(61), Role::Editor, "t")
                .unwrap_err()
                .code(),
            "invalid_input"
        );
    }
}
