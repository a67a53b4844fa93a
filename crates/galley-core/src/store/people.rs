//! Table `people`: who uses this database and in which role; for a shared workspace, their
//! password hash and whether their account is disabled.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

pub use crate::model::Role;

/// A person of a shared workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Person {
    /// The person's name.
    pub name: String,
    /// What the person may do.
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
        params![name, role, now],
    )?;
    Ok(Person { name, role })
}

/// A person known to this database, if any.
pub fn get(conn: &Connection, name: &str) -> Result<Option<Person>> {
    Ok(account(conn, name)?.map(|a| a.person))
}

/// A person with what signing in needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Who and in which role.
    pub person: Person,
    /// The Argon2id hash (PHC string) of their password, if they have one.
    pub password_hash: Option<String>,
    /// When the account was disabled, if it is.
    pub disabled_at: Option<String>,
}

/// A person's account, if they are known.
pub fn account(conn: &Connection, name: &str) -> Result<Option<Account>> {
    Ok(conn
        .prepare_cached(
            "SELECT name, role, password_hash, disabled_at FROM people WHERE name = ?1",
        )?
        .query_row([name], account_row)
        .optional()?)
}

/// Every account, by name.
pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, role, password_hash, disabled_at FROM people ORDER BY name",
    )?;
    let rows = stmt.query_map([], account_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        person: Person {
            name: r.get(0)?,
            role: r.get(1)?,
        },
        password_hash: r.get(2)?,
        disabled_at: r.get(3)?,
    })
}

/// Stores a person's password hash; false when nobody has that name.
pub fn set_password_hash(conn: &Connection, name: &str, hash: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE people SET password_hash = ?2 WHERE name = ?1",
        params![name, hash],
    )?;
    Ok(n == 1)
}

/// Disables (with the time) or enables (`None`) an account; false when nobody has that name.
pub fn set_disabled(conn: &Connection, name: &str, at: Option<&str>) -> Result<bool> {
    let n = conn.execute(
        "UPDATE people SET disabled_at = ?2 WHERE name = ?1",
        params![name, at],
    )?;
    Ok(n == 1)
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
