//! Keeping data safe: `plenary backup` and `restore`, and the sensitive personal data
//! (`plenary sensitive`, `plenary purge-sensitive`).

use super::output::{confirm, line};
use super::Outcome;
use crate::sql::Connection;
use crate::{backup, clock, db, ops, sensitive, Code, Error, Result};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

// The flags of `plenary backup`; its help text is the doc comment of `Command::Backup`.
#[derive(Args, Debug)]
pub struct Backup {
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

// The arguments of `plenary restore`.
#[derive(Args, Debug)]
pub struct Restore {
    file: PathBuf,
    #[arg(long)]
    yes: bool,
}

// The arguments of `plenary sensitive`.
#[derive(Args, Debug)]
pub struct Sensitive {
    person: String,
    #[arg(long, default_value = "")]
    passport_number: String,
    /// YYYY-MM-DD.
    #[arg(long, default_value = "")]
    date_of_birth: String,
}

// The flags of `plenary purge-sensitive`.
#[derive(Args, Debug)]
pub struct PurgeSensitive {
    #[arg(long)]
    event: Option<String>,
    #[arg(long)]
    expired: bool,
    #[arg(long)]
    yes: bool,
}

/// `backup` writes a consistent copy of the open database (`backup::backup_to`).
pub(super) fn backup(conn: &Connection, b: Backup, out: &mut dyn Write) -> Result<Outcome> {
    backup::backup_to(conn, &b.out)?;
    line(out, format_args!("Backed up to {}", b.out.display()))?;
    Ok(Outcome::Done)
}

/// `restore` checks the backup first (`backup::verify`), then replaces the database at
/// `db_path` with it, keeping a safety copy (`backup::restore`). It runs before the database
/// is opened, so that a bad file never gets as far as a migration.
pub(super) fn restore(db_path: PathBuf, r: &Restore, out: &mut dyn Write) -> Result<Outcome> {
    if db::server_address(&db_path).is_some() {
        return restore_to_server(&db_path, r, out);
    }
    let version = backup::verify(&r.file)?;
    let question = format!(
        "Replace {} with {} (schema {version})? A backup of the current state is kept.",
        db_path.display(),
        r.file.display()
    );
    if !r.yes && !confirm(&question)? {
        return Err(Error::invalid("yes", Code::NothingRestored));
    }
    // A database that does not open (the reason to restore, often) keeps the default number.
    let keep = db::open(&db_path).map_or(backup::DEFAULT_KEEP, |c| backup::keep_setting(&c));
    let safety = backup::restore(&db_path, &r.file, clock::now(), keep)?;
    line(
        out,
        format_args!(
            "Restored {}; the previous state is in {}",
            r.file.display(),
            safety.display()
        ),
    )?;
    Ok(Outcome::Done)
}

/// `restore` onto a server: each event in the backup file replaces the server's event of the
/// same id (`transfer::restore_from_file`), each in its own transaction; other events on the
/// server stay as they are. The server's own backups are its administrator's.
fn restore_to_server(db_path: &Path, r: &Restore, out: &mut dyn Write) -> Result<Outcome> {
    // Connect first: a wrong address is the first thing to fix.
    let mut conn = db::open(db_path)?;
    backup::verify(&r.file)?;
    let address = conn.server_address().unwrap_or_default();
    let question = format!(
        "Replace the events on {address} with those in {}? Events the file does not have stay.",
        r.file.display()
    );
    if !r.yes && !confirm(&question)? {
        return Err(Error::invalid("yes", Code::NothingRestored));
    }
    for report in crate::transfer::restore_from_file(&mut conn, &r.file)? {
        line(
            out,
            format_args!(
                "Restored “{}” on {address}: {} attendees",
                report.name, report.attendees
            ),
        )?;
    }
    Ok(Outcome::Done)
}

/// `sensitive` records (or, with empty values, removes) a person's passport number and date
/// of birth (`sensitive::set`).
pub(super) fn sensitive(
    conn: &mut Connection,
    s: Sensitive,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let input = sensitive::SensitiveData {
        passport_number: s.passport_number,
        date_of_birth: s.date_of_birth,
    };
    sensitive::set(conn, &s.person, &input, clock::now())?;
    line(out, "Recorded.")?;
    Ok(Outcome::Done)
}

/// `purge-sensitive` removes an event's sensitive data from the store and its automatic
/// backups (`sensitive::purge_everywhere`), or, with `--expired`, that of every event past
/// its retention period (`sensitive::purge_expired`).
pub(super) fn purge(
    conn: &mut Connection,
    db_path: &Path,
    p: PurgeSensitive,
    out: &mut dyn Write,
) -> Result<Outcome> {
    if p.expired {
        let purged = sensitive::purge_expired(conn, db_path, clock::now().date_naive())?;
        line(out, format_args!("Purged {} events.", purged.len()))?;
        return Ok(Outcome::Done);
    }
    let event_id = ops::resolve_event(conn, p.event.as_deref())?;
    if !p.yes
        && !confirm(
            "Remove every passport number and date of birth of this event? This cannot be undone.",
        )?
    {
        return Err(Error::invalid("yes", Code::NothingPurged));
    }
    let (people, failed) = sensitive::purge_everywhere(conn, db_path, &event_id)?;
    sensitive::backups_cleaned(&failed)?;
    line(
        out,
        format_args!("Purged the sensitive data of {people} attendees."),
    )?;
    Ok(Outcome::Done)
}
