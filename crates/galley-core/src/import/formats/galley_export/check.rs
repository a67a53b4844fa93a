//! What a `galley.export/1` document must hold before anything of it is stored: every time an
//! RFC 3339 timestamp. The first value that is not is refused with one line naming the file,
//! the place and the value; nothing is imported.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::model::document::{ArticleOut, ClaimOut, DigestOut, Document};
use crate::model::web_address::is_web_address;
use crate::model::Origin;
use crate::{Error, Result};

/// Where in the document a value is, for the message.
struct Place<'a> {
    what: &'a str,
    digest: &'a str,
    article: Option<&'a str>,
    claim: Option<&'a str>,
}

impl Place<'_> {
    fn refuse(&self, field: &str, problem: String) -> Error {
        let mut at = format!("digest {:?}", self.digest);
        if let Some(a) = self.article {
            at.push_str(&format!(", article {a:?}"));
        }
        if let Some(c) = self.claim {
            at.push_str(&format!(", claim {c:?}"));
        }
        Error::Invalid(format!(
            "{}: {at}: {field} {problem}; nothing was imported",
            self.what
        ))
    }

    fn time(&self, field: &str, value: &str) -> Result<()> {
        OffsetDateTime::parse(value, &Rfc3339)
            .map(|_| ())
            .map_err(|_| {
                self.refuse(
                    field,
                    format!("{value:?} is not an RFC 3339 timestamp (like 2024-01-15T08:00:00Z)"),
                )
            })
    }

    fn origin(&self, field: &str, value: &str) -> Result<()> {
        if Origin::parse(value).is_some() {
            return Ok(());
        }
        let accepted: Vec<&str> = Origin::ALL.iter().map(|o| o.as_str()).collect();
        Err(self.refuse(
            field,
            format!("{value:?} is not accepted (one of {})", accepted.join(", ")),
        ))
    }

    fn score(&self, field: &str, value: f64) -> Result<()> {
        if (-1.0..=1.0).contains(&value) {
            return Ok(());
        }
        Err(self.refuse(field, format!("{value} is outside -1 to 1")))
    }

    fn opt_time(&self, field: &str, value: &Option<String>) -> Result<()> {
        value.as_deref().map_or(Ok(()), |v| self.time(field, v))
    }
}

/// Checks the whole document; the error names the first value refused.
pub fn check(doc: &Document, what: &str) -> Result<()> {
    for d in &doc.digests {
        let place = Place {
            what,
            digest: &d.name,
            article: None,
            claim: None,
        };
        digest(&place, d)?;
    }
    Ok(())
}

fn digest(place: &Place<'_>, d: &DigestOut) -> Result<()> {
    place.time("imported_at", &d.imported_at)?;
    for a in &d.articles {
        let place = Place {
            article: Some(&a.title),
            ..*place
        };
        article(&place, a)?;
    }
    Ok(())
}

fn article(place: &Place<'_>, a: &ArticleOut) -> Result<()> {
    place.time("updated_at", &a.updated_at)?;
    if let Some(c) = a.confidence.filter(|c| !(0.0..=1.0).contains(c)) {
        return Err(place.refuse(
            "confidence",
            format!("{c} is outside 0 to 1 (a share: 0.85, not 85)"),
        ));
    }
    for t in &a.topics {
        place.time("topic created_at", &t.created_at)?;
        place.origin("topic source", &t.source)?;
    }
    if let Some(s) = &a.sentiment {
        place.time("sentiment created_at", &s.created_at)?;
        place.origin("sentiment source", &s.source)?;
        place.score("sentiment score", s.score)?;
    }
    for s in &a.sentence_sentiments {
        place.time("sentence sentiment created_at", &s.created_at)?;
        place.origin("sentence sentiment source", &s.source)?;
        place.score("sentence sentiment score", s.score)?;
    }
    for n in &a.notes {
        place.time("note created_at", &n.created_at)?;
    }
    for c in &a.claims {
        let place = Place {
            claim: Some(&c.text),
            ..*place
        };
        claim(&place, c)?;
    }
    Ok(())
}

fn claim(place: &Place<'_>, c: &ClaimOut) -> Result<()> {
    place.time("created_at", &c.created_at)?;
    place.time("updated_at", &c.updated_at)?;
    place.opt_time("reviewed_at", &c.reviewed_at)?;
    place.origin("source", &c.source)?;
    for e in &c.evidence {
        place.time("evidence added_at", &e.added_at)?;
        if let Some(url) = e.url.as_deref().filter(|u| !is_web_address(u)) {
            let shown: String = url.chars().take(80).collect();
            return Err(place.refuse(
                "evidence url",
                format!("{shown:?} is not a web address (only http:// and https:// links)"),
            ));
        }
    }
    for n in &c.notes {
        place.time("note created_at", &n.created_at)?;
    }
    Ok(())
}
