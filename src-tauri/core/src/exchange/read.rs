//! Reading a spreadsheet into rows of text: CSV in any common encoding and delimiter, or the
//! first sheet of an XLSX workbook. Nothing here knows about attendees; any byte sequence
//! gives either a table or a clear error, never a panic.

use crate::{Code, Error, FieldError, Message, Result};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;
use std::io::Cursor;
use std::path::Path;

/// The largest file an import accepts.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
/// The most data rows an import accepts.
pub const MAX_ROWS: usize = 200_000;
/// The widest sheet an import reads (a registration export has a few dozen columns).
pub const MAX_COLUMNS: u32 = 1024;
/// The most cells (a row's empty cells up to its last value included) an XLSX sheet may
/// hold; a CSV file is bounded by its size instead.
pub const MAX_CELLS: u64 = 10_000_000;

/// A file's header and data rows, as text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// How the file was read, to show in the preview ("UTF-16LE, tab-separated").
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The 1-based line of the file (CSV) or the sheet's row number (XLSX) where it starts.
    pub line: u32,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Source {
    /// `csv` or `xlsx`.
    pub format: String,
    /// The encoding a CSV file was read in (e.g. `UTF-8`, `UTF-16LE`, `GBK`), or empty.
    pub encoding: String,
    /// The delimiter of a CSV file (`,`, `;` or a tab), or empty.
    pub delimiter: String,
}

impl Row {
    /// The cell in column `index`, or "" past the end of a short row.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

impl Table {
    /// Why a CSV row does not fit its header, if it does not: it has fewer fields than the
    /// header names (a line broken in two, so its later fields went to a row of their own or
    /// were lost), or a value past the header's last column (an unquoted delimiter inside a
    /// value, which shifts every later field). Empty fields past the header (a trailing
    /// delimiter) lose nothing and pass. An XLSX row is never ragged: a sheet stores no
    /// empty trailing cells, and a cell cannot shift into its neighbour.
    pub fn ragged(&self, row: &Row) -> Option<Message> {
        if self.source.format != "csv" {
            return None;
        }
        // Unnamed columns after the last header (a header line ending in a delimiter) hold
        // nothing a row must give; a value in one is listed as an unknown column instead.
        let named = self
            .headers
            .iter()
            .rposition(|h| !h.trim().is_empty())
            .map_or(0, |i| i + 1);
        let (fields, width) = (row.cells.len(), self.headers.len());
        if fields < named {
            Some(
                Message::new(Code::RowTooShort)
                    .param("fields", fields)
                    .param("header", named),
            )
        } else if row.cells.iter().skip(width).any(|c| !c.trim().is_empty()) {
            Some(
                Message::new(Code::RowTooLong)
                    .param("fields", fields)
                    .param("header", width),
            )
        } else {
            None
        }
    }
}

fn too_many_rows() -> Error {
    invalid(Message::new(Code::TooManyRows).param("max", MAX_ROWS))
}

fn invalid(message: impl Into<Message>) -> Error {
    FieldError::of("file", message.into()).into()
}

/// Reads a CSV or XLSX file, refusing files over [`MAX_BYTES`] or [`MAX_ROWS`].
pub fn read_file(path: &Path) -> Result<Table> {
    let io = |source: std::io::Error| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_BYTES {
        return Err(invalid(
            Message::new(Code::FileTooLarge)
                .param("size", format!("{:.1}", size as f64 / 1_048_576.0))
                .param("max", MAX_BYTES / 1_048_576),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    read_bytes(&bytes)
}

/// Reads the bytes of a CSV or XLSX file (an XLSX workbook is a zip archive).
pub fn read_bytes(bytes: &[u8]) -> Result<Table> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(invalid(
            Message::new(Code::FileOverLimit).param("max", MAX_BYTES / 1_048_576),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Err(invalid(Code::OldExcel))
    } else {
        read_csv(bytes)
    }
}

/// Decodes text: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); otherwise valid UTF-8
/// is UTF-8, UTF-16 without a mark is recognised by its zero bytes, and anything else is
/// guessed by chardetng (Windows-1252, GBK, Shift_JIS, ...).
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding);
    }
    // UTF-16 of ASCII text (and of most CJK text) is also valid UTF-8, with a zero byte in
    // every other place; a text file never holds zero bytes, so these mean UTF-16.
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\0') {
            return (text.to_owned(), UTF_8);
        }
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding)
}

/// Text in UTF-16 without a BOM has a zero in most high bytes when it is mostly Latin.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// The delimiter that splits the first lines into the same, largest number of fields.
fn detect_delimiter(text: &str) -> u8 {
    let sample: String = text.chars().take(64 * 1024).collect();
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let counts: Vec<usize> = reader
            .records()
            .take(20)
            .filter_map(|r| r.ok())
            .map(|r| r.len())
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        // Lines that agree with the header; the last sampled line may be cut short.
        let agreeing = counts.iter().filter(|&&n| n == first).count();
        if first > 1 && (agreeing, first) > (best.1, best.2) {
            best = (delimiter, agreeing, first);
        }
    }
    best.0
}

fn read_csv(bytes: &[u8]) -> Result<Table> {
    let (text, encoding) = decode(bytes);
    if text.contains('\0') {
        return Err(invalid(Code::BinaryFile));
    }
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Rows::default();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(&text);
    loop {
        let at = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(at, csv::Position::byte);
                return Err(invalid(
                    Message::new(Code::CsvUnreadable)
                        .param("line", lines.line_at(at))
                        .param("detail", e),
                ));
            }
        }
        let line = lines.line_at(record.position().map_or(at, csv::Position::byte));
        // A cell guarded against formula injection (ours, or Excel's own "'") reads back
        // as the value it guards.
        let cells: Vec<String> = record
            .iter()
            .map(|c| super::tabular::unguard(c).to_owned())
            .collect();
        rows.push(line, cells)?;
    }
    let source = Source {
        format: "csv".into(),
        encoding: encoding.name().to_owned(),
        delimiter: match delimiter {
            b'\t' => "tab".into(),
            d => char::from(d).to_string(),
        },
    };
    rows.finish(source, Code::EmptyFile)
}

/// The line on which a record starts, from its byte offset. The csv crate's own line count
/// is one short after every CRLF ending (Excel's and Plenary's files) and does not count
/// skipped blank lines; a record's offset can point at the line ending before it.
struct LineCounter<'t> {
    text: &'t [u8],
    /// How far the newlines have been counted, and how many there were before it.
    counted_to: usize,
    newlines: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            counted_to: 0,
            newlines: 0,
        }
    }

    /// The 1-based line of the first character at or after `byte` that ends no line.
    /// Offsets only grow, so each newline is counted once.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.counted_to {
            // A line ends at LF, at CRLF (counted at its LF), or at a lone CR (old Mac files).
            let text = self.text;
            self.newlines += memchr::memchr2_iter(b'\r', b'\n', &text[self.counted_to..start])
                .filter(|&i| {
                    let at = self.counted_to + i;
                    text[at] == b'\n' || text.get(at + 1) != Some(&b'\n')
                })
                .count() as u64;
            self.counted_to = start;
        }
        self.newlines + 1
    }
}

/// Collects rows: blank rows are skipped, the first other row is the header, and more than
/// [`MAX_ROWS`] data rows are refused.
#[derive(Default)]
struct Rows {
    headers: Option<Vec<String>>,
    rows: Vec<Row>,
}

impl Rows {
    fn push(&mut self, line: u64, cells: Vec<String>) -> Result<()> {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        if self.headers.is_none() {
            self.headers = Some(cells);
            return Ok(());
        }
        if self.rows.len() == MAX_ROWS {
            return Err(too_many_rows());
        }
        self.rows.push(Row {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            cells,
        });
        Ok(())
    }

    fn finish(self, source: Source, empty: Code) -> Result<Table> {
        Ok(Table {
            headers: self.headers.ok_or_else(|| invalid(empty))?,
            rows: self.rows,
            source,
        })
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Table> {
    use calamine::{Data, Reader, Xlsx};
    let unreadable =
        |e: calamine::XlsxError| invalid(Message::new(Code::WorkbookUnreadable).param("detail", e));
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| invalid(Code::NoSheet))?;
    let text = |cell: &Data| -> String {
        match cell {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) => {
                // Whole numbers (phone numbers typed as numbers) without a trailing ".0".
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    format!("{f:.0}")
                } else {
                    f.to_string()
                }
            }
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => d
                .as_datetime()
                .map_or_else(|| d.to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Error(e) => format!("#{e:?}"),
        }
    };
    // The cells are streamed, never laid out as the sheet's whole rectangle: a workbook of a
    // few KB can claim a cell at XFD1048576, and calamine's dense range for it would need
    // hundreds of GB. Only cells with a value are kept, within a budget.
    let mut reader = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(unreadable)?;
    // Each row's width (up to its last value) and its values, by row.
    let mut sparse: std::collections::BTreeMap<u32, (u32, Vec<(u32, String)>)> = Default::default();
    let mut cells: u64 = 0;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let value = text(&Data::from(cell.get_value().clone()));
        if value.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        if column >= MAX_COLUMNS {
            return Err(invalid(
                Message::new(Code::TooManyColumns)
                    .param("row", u64::from(row) + 1)
                    .param("column", u64::from(column) + 1)
                    .param("max", MAX_COLUMNS),
            ));
        }
        if !sparse.contains_key(&row) && sparse.len() > MAX_ROWS {
            return Err(too_many_rows());
        }
        let (width, values) = sparse.entry(row).or_default();
        // What the rows will take once their gaps are filled with empty cells.
        cells += u64::from((column + 1).saturating_sub(*width));
        *width = (*width).max(column + 1);
        if cells > MAX_CELLS {
            return Err(invalid(
                Message::new(Code::TooManyCells).param("max", MAX_CELLS),
            ));
        }
        values.push((column, value));
    }
    let mut rows = Rows::default();
    for (row, (width, values)) in sparse {
        let mut dense = vec![String::new(); width as usize];
        for (column, value) in values {
            dense[column as usize] = value;
        }
        rows.push(u64::from(row) + 1, dense)?;
    }
    let source = Source {
        format: "xlsx".into(),
        encoding: String::new(),
        delimiter: String::new(),
    };
    rows.finish(source, Code::EmptySheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    const TEXT: &str = "given_name\tfamily_name\tcountry\r\nJosé\tMüller\tDE\r\n伟\t张\tCN\r\n";

    fn names(table: &Table) -> Vec<&str> {
        table.rows.iter().map(|r| r.cell(1)).collect()
    }

    #[test]
    fn every_encoding_is_read() -> Result<()> {
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend(TEXT.as_bytes());
        for (label, bytes, encoding) in [
            ("UTF-8", TEXT.as_bytes().to_vec(), "UTF-8"),
            ("UTF-8 BOM", with_bom, "UTF-8"),
            ("UTF-16LE BOM", utf16(TEXT, false, true), "UTF-16LE"),
            ("UTF-16BE BOM", utf16(TEXT, true, true), "UTF-16BE"),
            ("UTF-16LE bare", utf16(TEXT, false, false), "UTF-16LE"),
        ] {
            let table = read_bytes(&bytes)?;
            assert_eq!(
                table.headers[0], "given_name",
                "{label}: BOM not in the header"
            );
            assert_eq!(names(&table), ["Müller", "张"], "{label}");
            assert_eq!(table.source.encoding, encoding, "{label}");
            assert_eq!(table.source.delimiter, "tab", "{label}");
        }
        Ok(())
    }

    #[test]
    fn utf16_without_a_mark_is_read_when_its_text_is_also_valid_utf8() -> Result<()> {
        // Every byte pair of ASCII in UTF-16 is valid UTF-8 (a letter and a zero byte).
        for text in [
            "family_name\tcountry\r\nSilva\tBR\r\nOkafor\tNG\r\n",
            "family_name\tgiven_name\tcountry\r\n张\t伟\tCN\r\nSilva\tAna\tBR\r\n",
        ] {
            for big_endian in [false, true] {
                let table = read_bytes(&utf16(text, big_endian, false))?;
                assert_eq!(table.headers[0], "family_name", "{text:?}");
                assert_eq!(table.rows.len(), 2, "{text:?}");
                assert!(table.source.encoding.starts_with("UTF-16"), "{text:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn line_numbers_count_crlf_endings_blank_lines_and_quoted_line_breaks() -> Result<()> {
        let lines = |text: &str| -> Result<Vec<u32>> {
            Ok(read_bytes(text.as_bytes())?
                .rows
                .iter()
                .map(|r| r.line)
                .collect())
        };
        assert_eq!(
            lines("a,b\r\nx,y\r\nz,w\r\n")?,
            [2, 3],
            "CRLF, as Excel writes"
        );
        assert_eq!(lines("a,b\n\n\nx,y\n")?, [4], "blank lines are counted");
        assert_eq!(
            lines("\r\n\r\na,b\r\nx,y\r\n")?,
            [4],
            "blank lines before the header"
        );
        assert_eq!(
            lines("a,b\r\n\"two\r\nlines\",1\r\n\r\nz,w")?,
            [2, 5],
            "a quoted line break, a blank line, and no line end after the last row"
        );
        assert_eq!(
            lines("a;b\rx;y\rz;w\r")?,
            [2, 3],
            "old Mac endings (CR alone)"
        );
        Ok(())
    }

    #[test]
    fn legacy_code_pages_are_guessed() -> Result<()> {
        let text = "given_name;family_name;organization\nFrançois;Dupré;Ministère des Affaires étrangères\nJürgen;Weiß;Auswärtiges Amt\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let table = read_bytes(&bytes)?;
        assert_eq!(names(&table), ["Dupré", "Weiß"]);
        assert_eq!(table.source.delimiter, ";");

        let chinese = "姓,名,单位\n张,伟,中华人民共和国外交部国际经济司\n李,娜,上海市人民政府外事办公室\n王,芳,中国国际发展知识中心\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(chinese);
        let table = read_bytes(&bytes)?;
        assert_eq!(table.headers, ["姓", "名", "单位"]);
        assert_eq!(table.rows[0].cell(2), "中华人民共和国外交部国际经济司");
        assert_eq!(table.source.encoding, "GBK");
        Ok(())
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_newlines() -> Result<()> {
        let text = "family_name,organization,notes\n\"Silva, Jr.\",\"The \"\"Best\"\" Org\",\"two\nlines\"\nOkafor,UNDP,plain\n";
        let table = read_bytes(text.as_bytes())?;
        assert_eq!(
            table.rows[0].cells,
            ["Silva, Jr.", "The \"Best\" Org", "two\nlines"]
        );
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(
            table.rows[1].line, 4,
            "the second row starts after the two-line cell"
        );
        assert_eq!(table.source.delimiter, ",");
        Ok(())
    }

    #[test]
    fn junk_and_empty_files_are_refused_cleanly() {
        for (label, bytes) in [
            ("empty", &b""[..]),
            ("blank lines", b"\n\n  \n"),
            ("binary", &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0][..]),
            ("xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..]),
            ("broken zip", b"PK\x03\x04garbage"),
        ] {
            match read_bytes(bytes) {
                Err(Error::Validation(list)) => assert_eq!(list[0].field, "file", "{label}"),
                other => panic!("{label}: expected a clear refusal, got {other:?}"),
            }
        }
    }
}
