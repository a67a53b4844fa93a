//! The one way a CSV row is written: a `Serialize` struct whose field names are the columns,
//! every cell passed through [`neutralise`]. No cell reaches the file any other way.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::Write;

use serde::ser::{self, Impossible, Serialize};

/// A text cell a spreadsheet would not evaluate: `=1+1` → `'=1+1`. A plain number (`42`,
/// `-0.50`) stays as it is: it is a value, never a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if is_plain_number(cell) {
        return Cow::Borrowed(cell);
    }
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠') => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// `-?digits(.digits)?`: what Galley writes for counts, offsets and scores.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Writes rows of one struct type, the header from its field names.
pub struct RowWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> RowWriter<W> {
    /// A CRLF-terminated RFC 4180 writer over `w`.
    pub fn new(w: W) -> Self {
        let out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        RowWriter { out }
    }

    /// Writes the header: the field names of `R` (taken from its default value).
    pub fn header<R: Serialize + Default>(&mut self) -> csv::Result<()> {
        let (names, _) = cells(&R::default())?;
        self.out.write_record(names)
    }

    /// Writes one row, every cell neutralised.
    pub fn row<R: Serialize>(&mut self, row: &R) -> csv::Result<()> {
        let (_, values) = cells(row)?;
        self.out
            .write_record(values.iter().map(|v| neutralise(v).into_owned()))
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The column names of a row type.
pub fn columns<R: Serialize + Default>() -> Vec<&'static str> {
    cells(&R::default()).map(|(n, _)| n).unwrap_or_default()
}

fn cells<R: Serialize>(row: &R) -> csv::Result<(Vec<&'static str>, Vec<String>)> {
    let mut s = RowSer::default();
    row.serialize(&mut s)
        .map_err(|e| csv::Error::from(std::io::Error::new(std::io::ErrorKind::InvalidData, e.0)))?;
    Ok((s.names, s.cells))
}

/// Why a value cannot be a row or a cell (only flat structs of scalars can).
#[derive(Debug)]
pub struct CellError(String);

impl Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CellError {}

impl ser::Error for CellError {
    fn custom<T: Display>(msg: T) -> Self {
        CellError(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, CellError> {
    Err(CellError(format!("a CSV row cannot hold {what}")))
}

#[derive(Default)]
struct RowSer {
    names: Vec<&'static str>,
    cells: Vec<String>,
}

impl ser::SerializeStruct for &mut RowSer {
    type Ok = ();
    type Error = CellError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        self.names.push(key);
        self.cells.push(value.serialize(CellSer)?);
        Ok(())
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

/// Serialises a row struct; anything else is refused.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<$ret, CellError> {
            unsupported(stringify!($name))
        })*
    };
}

impl ser::Serializer for &mut RowSer {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), CellError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CellError> {
        Ok(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), CellError> {
        unsupported("an option as a row")
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        unsupported("a newtype as a row")
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        unsupported("a variant as a row")
    }

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// Serialises one scalar cell to its text.
struct CellSer;

impl ser::Serializer for CellSer {
    type Ok = String;
    type Error = CellError;
    type SerializeSeq = Impossible<String, CellError>;
    type SerializeTuple = Impossible<String, CellError>;
    type SerializeTupleStruct = Impossible<String, CellError>;
    type SerializeTupleVariant = Impossible<String, CellError>;
    type SerializeMap = Impossible<String, CellError>;
    type SerializeStruct = Impossible<String, CellError>;
    type SerializeStructVariant = Impossible<String, CellError>;

    fn serialize_bool(self, v: bool) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, CellError> {
        Ok(v.to_owned())
    }
    fn serialize_none(self) -> Result<String, CellError> {
        Ok(String::new())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<String, CellError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, CellError> {
        Ok(String::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, CellError> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, CellError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, CellError> {
        unsupported("a variant with data in a cell")
    }

    refuse! {
        serialize_bytes(&[u8]) -> String;
        serialize_unit_struct(&'static str) -> String;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, Default)]
    struct Row {
        text: String,
        count: i64,
        score: Option<String>,
    }

    #[test]
    fn every_cell_is_neutralised_and_numbers_stay_numbers() {
        let mut w = RowWriter::new(Vec::new());
        w.header::<Row>().unwrap();
        let row = Row {
            text: "=1+1".into(),
            count: -3,
            score: Some("-0.50".into()),
        };
        w.row(&row).unwrap();
        w.row(&Row {
            score: Some("-2+3".into()),
            ..Row::default()
        })
        .unwrap();
        w.flush().unwrap();
        let out = String::from_utf8(w.out.into_inner().unwrap()).unwrap();
        assert_eq!(out, "text,count,score\r\n'=1+1,-3,-0.50\r\n,0,'-2+3\r\n");
        assert_eq!(columns::<Row>(), ["text", "count", "score"]);
    }
}
