//! The names of the files Plenary writes or suggests: the automatic backups and the folder
//! they go in, a backup the user saves, and exports. They live here, in one place below
//! `db` and `backup`, so that the app, the CLI and the tests agree and the desktop shell holds
//! no naming rule. (A printed document's name comes with its data, from `print::data`.)

use crate::model::Attendee;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// The folder that holds a database's automatic backups: `backups/` beside it.
pub fn backup_folder(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The stem that names a database's backups: its file name without `.db`.
pub fn backup_stem(db_path: &Path) -> &str {
    db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("plenary")
}

/// Where an automatic backup taken at `at` for `reason` goes:
/// `backups/<stem>-<YYYYMMDDTHHMMSS.mmmZ>-<reason>.db`. The time comes first, in UTC, so that
/// the names sort oldest first.
pub fn automatic_backup(db_path: &Path, at: DateTime<Utc>, reason: &str) -> PathBuf {
    backup_folder(db_path).join(format!(
        "{}-{}-{reason}.db",
        backup_stem(db_path),
        at.format("%Y%m%dT%H%M%S%.3fZ")
    ))
}

/// Whether `file_name` is one of the automatic backups of the database named `stem`
/// ("<stem>-<YYYYMMDD>T…", ending `.db`), and not a backup of a neighbour whose name merely
/// starts the same way ("plenary-old.db").
pub fn is_automatic_backup_of(stem: &str, file_name: &str) -> bool {
    file_name.ends_with(".db")
        && file_name
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|rest| {
                rest.len() > 9
                    && rest[..8].bytes().all(|b| b.is_ascii_digit())
                    && rest.as_bytes()[8] == b'T'
            })
}

/// The name the Save dialog suggests for "Back up now…": `plenary-backup-YYYY-MM-DD-HHMM.db`.
pub fn saved_backup(at: DateTime<Utc>) -> String {
    format!("plenary-backup-{}.db", at.format("%Y-%m-%d-%H%M"))
}

/// The name the Save dialog suggests for an export: the event's name, what is exported, and
/// for one person's programme their family name (its Latin form when there is one), each cut
/// down to letters and digits joined by `-` (a name must not carry a path separator), then
/// the extension: `Seminar-2024-programme-Silva.ics`.
pub fn export(event_name: &str, what: &str, person: Option<&Attendee>, extension: &str) -> String {
    let family = person.map(|a| {
        if a.family_name_latin.is_empty() {
            a.family_name.as_str()
        } else {
            a.family_name_latin.as_str()
        }
    });
    export_named(event_name, what, family, extension)
}

fn export_named(event_name: &str, what: &str, family: Option<&str>, extension: &str) -> String {
    let mut stem = format!("{}-{what}", plain(event_name));
    if let Some(person) = family.map(plain).filter(|p| !p.is_empty()) {
        stem = format!("{stem}-{person}");
    }
    format!("{stem}.{extension}")
}

/// Letters and digits (of any script) kept, every run of anything else turned into one `-`.
fn plain(text: &str) -> String {
    let dashed: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    dashed
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 8, 1, 9, 30, 5)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn automatic_backups_are_named_by_time_and_reason_and_recognised() {
        let path = automatic_backup(Path::new("/data/plenary.db"), at(), "timer");
        assert_eq!(
            path,
            Path::new("/data/backups/plenary-20240801T093005.000Z-timer.db"),
            "the time first, so that the names sort oldest first"
        );
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(is_automatic_backup_of("plenary", name));
        assert!(
            !is_automatic_backup_of("plenary", "plenary-old-20240801T093005.000Z-timer.db"),
            "a neighbour's backups are not ours"
        );
        assert!(!is_automatic_backup_of("plenary", "plenary-20240801.db"));
    }

    #[test]
    fn suggested_names_carry_no_path_separator() {
        assert_eq!(saved_backup(at()), "plenary-backup-2024-08-01-0930.db");
        assert_eq!(
            export("AI seminar: Shanghai/2024", "attendees", None, "csv"),
            "AI-seminar-Shanghai-2024-attendees.csv"
        );
        assert_eq!(
            export_named("研讨会", "programme", Some("de la Cruz/x"), "ics"),
            "研讨会-programme-de-la-Cruz-x.ics",
            "other scripts are kept; a separator in a name is not"
        );
    }
}
