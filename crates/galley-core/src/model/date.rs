//! The issue date of a digest: a day (`YYYY-MM-DD`) or, when the page names only the
//! month, a month (`YYYY-MM`). Checked with `time`, so `2023-13-45` is refused.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

use super::vocabulary::ParseError;

/// The issue date of a digest: a day, or a month when the page names no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueDate {
    /// A day (`YYYY-MM-DD`).
    Day(Date),
    /// A month (`YYYY-MM`).
    Month {
        /// The year.
        year: i32,
        /// The month of that year.
        month: Month,
    },
}

impl IssueDate {
    /// The first day the date covers.
    pub fn first_day(self) -> Date {
        match self {
            IssueDate::Day(d) => d,
            IssueDate::Month { year, month } => {
                Date::from_calendar_date(year, month, 1).expect("day 1 exists in every month")
            }
        }
    }

    /// The last day the date covers.
    pub fn last_day(self) -> Date {
        match self {
            IssueDate::Day(d) => d,
            IssueDate::Month { year, month } => {
                Date::from_calendar_date(year, month, month.length(year))
                    .expect("a month's length is a day of it")
            }
        }
    }

    fn error(s: &str) -> ParseError {
        ParseError(format!(
            "date {s:?} is not a real day or month in the form YYYY-MM-DD or YYYY-MM"
        ))
    }
}

impl FromStr for IssueDate {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let shaped = match b.len() {
            7 => digits(0..4) && b[4] == b'-' && digits(5..7),
            10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
            _ => false,
        };
        if !shaped {
            return Err(Self::error(s));
        }
        let year: i32 = s[0..4].parse().map_err(|_| Self::error(s))?;
        let month: u8 = s[5..7].parse().map_err(|_| Self::error(s))?;
        let month = Month::try_from(month).map_err(|_| Self::error(s))?;
        if b.len() == 7 {
            return Ok(IssueDate::Month { year, month });
        }
        let day: u8 = s[8..10].parse().map_err(|_| Self::error(s))?;
        Date::from_calendar_date(year, month, day)
            .map(IssueDate::Day)
            .map_err(|_| Self::error(s))
    }
}

impl fmt::Display for IssueDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueDate::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()),
            IssueDate::Month { year, month } => write!(f, "{year:04}-{:02}", *month as u8),
        }
    }
}

impl Serialize for IssueDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IssueDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// `YYYY-MM-DD` or `YYYY-MM`.
impl schemars::JsonSchema for IssueDate {
    fn schema_name() -> String {
        "issueDate".to_owned()
    }

    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            string: Some(Box::new(schemars::schema::StringValidation {
                pattern: Some("^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$".to_owned()),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

impl ToSql for IssueDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for IssueDate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_days_and_months_and_refuses_the_rest() {
        for ok in ["2023-06-10", "2024-02-29", "2023-06", "1999-12"] {
            let d: IssueDate = ok.parse().unwrap();
            assert_eq!(d.to_string(), ok);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{ok}\""));
        }
        for bad in [
            "2023-13-45",
            "2023-02-29",
            "2023-13",
            "2023-00",
            "June",
            "2023-6-1",
            "",
        ] {
            let e = bad.parse::<IssueDate>().unwrap_err().to_string();
            assert!(e.contains("YYYY-MM-DD or YYYY-MM"), "{e}");
            assert!(!e.contains('\n'));
        }
        let m: IssueDate = "2024-02".parse().unwrap();
        assert_eq!(m.first_day().to_string(), "2024-02-01");
        assert_eq!(m.last_day().to_string(), "2024-02-29");
    }
}
