//! Writing files safely: into a temporary file beside the target, then renamed over it, so
//! that a crash never leaves half a file (the reader sees the old file or the new one).

use crate::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source: std::io::Error| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    file.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_replaced_whole() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::Io {
            path: "tmp".into(),
            source: e,
        })?;
        let path = dir.path().join("chart.png");
        write_atomically(&path, b"first")?;
        write_atomically(&path, b"second")?;
        let read = std::fs::read(&path).map_err(|e| Error::Io {
            path: "read".into(),
            source: e,
        })?;
        assert_eq!(read, b"second", "the second write replaced the first");
        let leftovers = std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        Ok(())
    }
}
