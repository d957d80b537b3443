//! How the CLI writes: pretty JSON for `--json`, columns aligned by display width for people,
//! and the yes/no question that a destructive command asks on a terminal.

use crate::{Code, Error, Result};
use std::io::{IsTerminal, Write};
use unicode_width::UnicodeWidthStr;

/// Turns a failed write to standard output into the core's error, so that `main` can tell a
/// closed pipe (not an error) from the rest.
pub(super) fn io(e: std::io::Error) -> Error {
    Error::Io {
        path: "standard output".into(),
        source: e,
    }
}

/// Writes one line of text to the command's output.
pub(super) fn line(out: &mut dyn Write, text: impl std::fmt::Display) -> Result<()> {
    writeln!(out, "{text}").map_err(io)
}

/// Writes `value` as pretty JSON on one or more lines.
pub(super) fn json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Io {
        path: "JSON output".into(),
        source: e.into(),
    })?;
    line(out, text)
}

/// Prints rows as columns aligned by display width, so CJK names line up too.
pub(super) fn table(out: &mut dyn Write, rows: Vec<Vec<String>>) -> Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let mut text = String::new();
        for (c, cell) in row.iter().enumerate() {
            text.push_str(cell);
            if c + 1 < columns {
                text.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        line(out, text.trim_end())?;
    }
    Ok(())
}

/// Asks a yes/no question on a terminal. Without a terminal there is nobody to ask, so a
/// destructive command must be given `--yes` instead.
pub(super) fn confirm(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid("yes", Code::NotATerminal));
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::Io {
            path: "standard input".into(),
            source: e,
        })?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}
