//! Nothing the page prints is lost by the text path: every character of the input (whitespace
//! aside) ends up in an article (title, source, paragraphs, pull quotes) or in the digest's
//! furniture. Checked on every page text the project keeps (the development corpus, the test
//! part, the hand-written pages) and on mutations of each: blank lines removed or added, lines
//! swapped, split and joined, page footers put inside paragraphs.
//!
//! Pages whose bold headlines come out doubled (`标标题题`) are left out: undoubling them drops
//! characters on purpose.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::Rng;
use galley_core::model::ParsedDigest;

const TESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");

/// Every page text kept in the repository.
fn page_texts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["pdf/text", "pdf/heldout/text", "pages"] {
        let dir = Path::new(TESTS).join(dir);
        out.extend(
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    out.sort();
    assert!(out.len() >= 40, "{} page texts", out.len());
    out
}

/// Characters of some texts, whitespace aside, counted.
fn counted<'a>(texts: impl Iterator<Item = &'a str>) -> HashMap<char, usize> {
    let mut n = HashMap::new();
    for c in texts.flat_map(str::chars).filter(|c| !c.is_whitespace()) {
        *n.entry(c).or_insert(0) += 1;
    }
    n
}

/// Everything the digest keeps: articles and furniture.
fn kept(parsed: &ParsedDigest) -> HashMap<char, usize> {
    let articles = parsed.articles.iter().flat_map(|a| {
        std::iter::once(a.title.as_str())
            .chain(a.source.line.as_deref())
            .chain(a.paragraphs.iter().map(|p| p.text.as_str()))
            .chain(a.pull_quotes.iter().map(String::as_str))
    });
    counted(articles.chain(parsed.furniture.iter().map(String::as_str)))
}

/// The characters of `input` the digest does not keep.
fn lost(input: &str) -> String {
    let parsed = galley_core::import::parse(input, common::jieba());
    let mut have = kept(&parsed);
    let mut out = String::new();
    for c in input.chars().filter(|c| !c.is_whitespace()) {
        match have.get_mut(&c) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(c),
        }
    }
    out
}

/// One mutation of a page's lines, chosen by `rng`.
fn mutate(lines: &mut Vec<String>, rng: &mut Rng) {
    let i = rng.below(lines.len());
    match rng.below(6) {
        0 => lines.retain(|l| !l.trim().is_empty()),
        1 => lines.insert(i, String::new()),
        2 if i + 1 < lines.len() => lines.swap(i, i + 1),
        3 => {
            let chars: Vec<char> = lines[i].chars().collect();
            let at = rng.below(chars.len() + 1);
            let (a, b) = chars.split_at(at);
            lines[i] = a.iter().collect();
            lines.insert(i + 1, b.iter().collect());
        }
        4 if i + 1 < lines.len() => {
            let next = lines.remove(i + 1);
            lines[i].push_str(&next);
        }
        _ => lines.insert(i, format!("第 {} 页", 100 + i)),
    }
}

/// Whether a page doubles its headlines (`标标题题`): its undoubling drops characters.
fn doubles_headlines(text: &str) -> bool {
    text.lines()
        .any(|l| galley_core::import::page::lines::undouble(l.trim()).is_some())
}

#[test]
fn every_character_of_every_page_is_kept() {
    for path in page_texts() {
        let text = std::fs::read_to_string(&path).unwrap();
        if doubles_headlines(&text) {
            continue;
        }
        assert_eq!(lost(&text), "", "{}", path.display());
    }
}

/// Mutated copies of each page (the n-th has n + 1 mutations); `GALLEY_MUTATION_ROUNDS` asks
/// for more.
fn rounds() -> usize {
    std::env::var("GALLEY_MUTATION_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8)
}

#[test]
fn every_character_of_mutated_pages_is_kept() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut checked = 0;
    for path in page_texts() {
        let text = std::fs::read_to_string(&path).unwrap();
        if doubles_headlines(&text) {
            continue;
        }
        for round in 0..rounds() {
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            for _ in 0..=round {
                mutate(&mut lines, &mut rng);
            }
            let mutated = lines.join("\n");
            if doubles_headlines(&mutated) {
                continue;
            }
            assert_eq!(
                lost(&mutated),
                "",
                "{} (mutation round {round}):\n{mutated}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 300, "{checked} mutated pages");
}
