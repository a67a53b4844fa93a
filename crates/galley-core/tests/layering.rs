//! The crate's structure, checked: SQL lives in `src/store/` only.
//!
//! Test code (`tests.rs`, `testdata.rs`, `#[cfg(test)]` items) may keep SQL for its assertions
//! and fixtures.

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, as (path relative to `src/`, text).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// Whether a file is test code as a whole.
fn is_test_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap();
    name == "tests.rs" || name == "testdata.rs" || rel.split('/').any(|p| p == "tests")
}

/// The text with every `#[cfg(test)]` item blanked out (lines kept, so numbers stay right).
fn without_test_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[cfg(test)]" {
            let start = i;
            let mut depth = 0i64;
            let mut opened = false;
            let mut j = i + 1;
            while j < lines.len() {
                let line = lines[j];
                depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
                opened |= line.contains('{');
                if (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';')) {
                    break;
                }
                j += 1;
            }
            for k in keep.iter_mut().take(j.min(lines.len() - 1) + 1).skip(start) {
                *k = false;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    lines
        .iter()
        .zip(keep)
        .map(|(l, k)| if k { *l } else { "" })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The string literals of Rust source (plain and raw), with the line each starts on;
/// comments and char literals are skipped.
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let b: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                if b[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // A char literal ('"', '\'', '\u{..}') or a lifetime.
            if b.get(i + 1) == Some(&'\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == 'r'
            && (b.get(i + 1) == Some(&'"') || b.get(i + 1) == Some(&'#'))
            && (i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_'))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start_line = line;
            let mut s = String::new();
            j += 1;
            while j < b.len() {
                if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                    break;
                }
                if b[j] == '\n' {
                    line += 1;
                }
                s.push(b[j]);
                j += 1;
            }
            out.push((start_line, s));
            i = j + 1 + hashes;
        } else if c == '"' {
            let start_line = line;
            let mut s = String::new();
            let mut j = i + 1;
            while j < b.len() && b[j] != '"' {
                if b[j] == '\\' {
                    s.push(b[j]);
                    j += 1;
                }
                if j < b.len() {
                    if b[j] == '\n' {
                        line += 1;
                    }
                    s.push(b[j]);
                }
                j += 1;
            }
            out.push((start_line, s));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a string literal is (the start of) an SQL statement.
fn is_sql(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\\');
    ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE"]
        .iter()
        .any(|k| {
            t.strip_prefix(k)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace()))
        })
}

#[test]
fn sql_statements_live_in_the_store() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut found = Vec::new();
    for (rel, text) in &files {
        if rel.starts_with("store/") || is_test_file(rel) {
            continue;
        }
        for (line, s) in string_literals(&without_test_items(text)) {
            if is_sql(&s) {
                let first = s.trim().lines().next().unwrap_or("").to_owned();
                found.push(format!("src/{rel}:{line}: {first}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} SQL statement(s) outside src/store/ (move them into the store module of their table):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_scanner_finds_sql_and_skips_tests() {
    let text = "fn a() { c.execute(\"INSERT INTO x VALUES (1)\", []); }\n\
                fn b() { c.query_row(\n    \"\n  SELECT 1\", [], |r| r.get(0)); let q = '\"'; }\n\
                fn d() { let s = r#\"UPDATE t SET a = \"b\"\"#; let n = \"SELECTED \"; }\n\
                #[cfg(test)]\nmod tests {\n    fn t() { c.execute(\"DELETE FROM x\", []); }\n}\n";
    let sql: Vec<usize> = string_literals(&without_test_items(text))
        .into_iter()
        .filter(|(_, s)| is_sql(s))
        .map(|(l, _)| l)
        .collect();
    assert_eq!(sql, vec![1, 3, 5]);
}

/// The layer of each top-level module: a module may use its own layer's modules only when they
/// are the same module (or layer 0), and lower layers freely.
const RANKS: &[(&str, u8)] = &[
    ("model", 0),
    ("error", 0),
    ("text", 0),
    ("paths", 0),
    ("parallel", 0),
    ("store", 1),
    ("language", 2),
    ("import", 3),
    ("export", 3),
    ("edit", 4),
    ("annotate", 4),
    ("sample", 5),
    ("app", 6),
];

/// What the crate root re-exports, by the module it comes from.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("Store", "store"),
    ("Workspace", "app"),
    ("VERSION", "model"),
];

fn rank(module: &str) -> Option<u8> {
    RANKS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// The top-level modules named by `crate::…` paths in (non-test) source, with line numbers.
fn crate_references(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let before = &rest[..i];
            let after = &rest[i + "crate::".len()..];
            rest = after;
            // `$crate::` in a macro is the crate too; `some_crate::` is not.
            if before
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            if let Some(group) = after.strip_prefix('{') {
                // `use crate::{a, b::c, D}`: the first segment of each item (may span lines:
                // only the first line is read, which is enough for rustfmt's layout of the
                // items that start there).
                for item in group.split([',', '}']) {
                    let first: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !first.is_empty() {
                        out.push((n + 1, first));
                    }
                }
            } else {
                let first: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push((n + 1, first));
            }
        }
    }
    // `use crate::{` with its items on the following lines (rustfmt's layout of long lists).
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        if line.trim_end().ends_with("crate::{") {
            for (k, l) in lines.iter().enumerate().skip(n + 1) {
                if l.trim_start().starts_with('}') {
                    break;
                }
                for item in l.split(',') {
                    let first: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !first.is_empty() {
                        out.push((k + 1, first));
                    }
                }
            }
        }
    }
    out.into_iter()
        .map(|(n, m)| {
            let m = ROOT_ITEMS
                .iter()
                .find(|(item, _)| *item == m)
                .map_or(m.clone(), |(_, module)| (*module).to_owned());
            (n, m)
        })
        .collect()
}

#[test]
fn layers_point_down_only() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut found = Vec::new();
    for (rel, text) in &files {
        if is_test_file(rel) || !rel.contains('/') && rel == "lib.rs" {
            continue;
        }
        let own = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        let Some(own_rank) = rank(&own) else {
            found.push(format!("src/{rel}: module {own:?} has no layer in RANKS"));
            continue;
        };
        for (line, used) in crate_references(&without_test_items(text)) {
            if used == own {
                continue;
            }
            let Some(used_rank) = rank(&used) else {
                found.push(format!(
                    "src/{rel}:{line}: crate::{used} has no layer in RANKS"
                ));
                continue;
            };
            if used_rank > own_rank || (used_rank == own_rank && own_rank > 0) {
                found.push(format!(
                    "src/{rel}:{line}: {own} (layer {own_rank}) uses {used} (layer {used_rank})"
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} reference(s) against the layering (model → store → language → import/export → \
         edit/annotate → sample → app):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_reference_reader_sees_grouped_and_root_imports() {
    let text = "use crate::{Error, Result, Store};\nuse crate::language::x;\n\
                let a = $crate::model::A;\nuse crate::store::{\n    a,\n    b,\n};\n\
                let b = some_crate::edit::x;\nuse crate::{\n    edit::Change,\n    Store,\n};\n";
    let refs: Vec<String> = crate_references(text).into_iter().map(|(_, m)| m).collect();
    assert_eq!(
        refs,
        ["error", "error", "store", "language", "model", "store", "edit", "store"]
    );
}
