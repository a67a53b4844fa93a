//! Migrations. Append new ones; never edit a published one.

use rusqlite_migration::{Migrations, M};

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/001_initial.sql")),
        M::up(include_str!(
            "../../migrations/002_furniture_and_history.sql"
        )),
        M::up(include_str!("../../migrations/003_language.sql")),
        M::up(include_str!("../../migrations/004_people.sql")),
        M::up(include_str!("../../migrations/005_export_indexes.sql")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    /// The schema as SQLite stores it, so every change to it shows in review.
    #[test]
    fn schema_snapshot() {
        let store = crate::Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT type, name, sql FROM sqlite_schema
                 WHERE sql IS NOT NULL AND name NOT LIKE 'article_search_%'
                 ORDER BY type, name",
            )
            .unwrap();
        let schema: Vec<String> = stmt
            .query_map([], |r| {
                Ok(format!(
                    "-- {} {}\n{};",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        insta::assert_snapshot!(schema.join("\n\n"));
    }
}
