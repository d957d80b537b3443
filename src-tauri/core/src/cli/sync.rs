//! The desk without its server (`offline.rs`): `plenary sync`, and the desk commands that keep
//! working from the cache while the server cannot be reached (`attendee list`, `checkin`).
//!
//! With a server's `--db`, these commands first send what the cache has queued, then do
//! their work on the server, then bring the cache up to date. When the server cannot be
//! reached, `attendee list` answers from the cache and `checkin` queues the check-in; both say
//! so on standard error and exit 0. `sync` replays the queue and prints what it did.

use super::attendees::AttendeeCommand;
use super::output::{json, line};
use super::{Command, Outcome};
use crate::offline::{self, Cache, SyncReport};
use crate::sql::Connection;
use crate::{clock, db, names, ops, server, Code, Error, FieldError, Message, Result};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

// The flags of `plenary sync`.
#[derive(Args, Debug)]
pub struct Sync {
    /// The event the cache is brought up to date with afterwards (default: the cache's, or the
    /// only event).
    #[arg(long)]
    event: Option<String>,
    /// Print what was done as a JSON object: applied, already_applied, review, pending.
    #[arg(long)]
    json: bool,
    /// Move a cache that cannot be sent here (another server's, an older Plenary's, or one
    /// whose event is gone) aside, whole, with its queue, and start a new one; prints where.
    #[arg(long)]
    set_aside: bool,
}

/// Whether a command is one the desk keeps doing offline (or `sync`), and so goes through
/// [`run`] when `--db` is a server.
pub(super) fn is_desk_command(command: &Command) -> bool {
    matches!(
        command,
        Command::Sync(_) | Command::Checkin(_) | Command::Attendee(AttendeeCommand::List { .. })
    )
}

/// Runs a desk command against the server at `address`, or from the cache when the server
/// cannot be reached.
pub(super) fn run(
    address: &str,
    cache: Option<PathBuf>,
    command: Command,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let shown = server::without_password(address);
    let cache_path = cache
        .or_else(|| offline::default_cache_path(&shown))
        .ok_or_else(|| Error::invalid("cache", Code::NoDataFolder))?;
    match db::open(Path::new(address)) {
        Ok(mut conn) => online(&mut conn, &shown, &cache_path, command, out),
        Err(e) if offline::is_offline(&e) => offline(e, &shown, &cache_path, command, out),
        Err(e) => Err(e),
    }
}

fn online(
    conn: &mut Connection,
    address: &str,
    cache_path: &Path,
    command: Command,
    out: &mut dyn Write,
) -> Result<Outcome> {
    if let Command::Sync(Sync {
        set_aside: true, ..
    }) = &command
    {
        let moved = Cache::set_aside(cache_path, clock::now())?;
        line(
            out,
            format_args!(
                "The desk's cache is set aside, with its queue, at {}",
                moved.display()
            ),
        )?;
        return Ok(Outcome::Done);
    }
    // A cache that cannot be used (another server's, an older one with actions waiting) does
    // not stop the desk working online: it is named, and left alone.
    let mut cache = match Cache::open_or_renew(cache_path, address) {
        Ok(cache) => Some(cache),
        Err(e) if matches!(command, Command::Sync(_)) => return Err(e),
        Err(e) => {
            eprintln!("warning: {e}");
            None
        }
    };
    let mut event_hint = None;
    let outcome = match command {
        Command::Sync(s) => {
            let cache = cache.as_mut().expect("returned above when missing");
            let report = offline::sync(conn, cache, clock::now())?;
            if s.json {
                json(out, &report)?;
            } else {
                print_report(out, &report)?;
            }
            event_hint = s.event;
            Outcome::Done
        }
        other => {
            if let Some(cache) = cache
                .as_mut()
                .filter(|c| c.info().is_ok_and(|i| i.pending > 0))
            {
                // What waits is sent first, in the order it happened; a queue that cannot be
                // sent here is named, and the command goes on.
                match offline::sync(conn, cache, clock::now()) {
                    Ok(report) => eprintln!("{}", summary(&report)),
                    Err(e) => eprintln!("warning: the desk's queue was not sent: {e}"),
                }
            }
            match other {
                Command::Checkin(c) => {
                    let attendee = super::desk::check_in_person(conn, c)?;
                    event_hint = Some(attendee.event_id.clone());
                    super::desk::print_checked_in(out, &attendee)?;
                    Outcome::Done
                }
                Command::Attendee(command) => super::attendees::attendee(conn, command, out)?,
                _ => unreachable!("only desk commands come here"),
            }
        }
    };
    if let Some(cache) = cache.as_mut() {
        let event = match event_hint.or(cache.event_id()?) {
            Some(event) => Some(event),
            None => ops::resolve_event(conn, None).ok(),
        };
        if let Some(event) = event {
            if let Err(e) = cache.refresh(conn, &event, clock::now()) {
                eprintln!("warning: the desk's copy of the event was not brought up to date: {e}");
            }
        }
    }
    Ok(outcome)
}

fn offline(
    why: Error,
    address: &str,
    cache_path: &Path,
    command: Command,
    out: &mut dyn Write,
) -> Result<Outcome> {
    if matches!(command, Command::Sync(_)) || !cache_path.exists() {
        if !matches!(command, Command::Sync(_)) {
            eprintln!("{}", Message::new(Code::NoCache).english());
        }
        return Err(why);
    }
    let mut cache = Cache::open(cache_path, address)?;
    let info = cache.info()?;
    if info.event_id.is_empty() {
        eprintln!("{}", Message::new(Code::NoCache).english());
        return Err(why);
    }
    let since = if info.refreshed_at.is_empty() {
        "never".to_owned()
    } else {
        info.refreshed_at.clone()
    };
    match command {
        Command::Attendee(command) => {
            eprintln!(
                "offline: the server cannot be reached; answering from the desk's copy of the event, last brought up to date at {since} ({})",
                cache_path.display()
            );
            super::attendees::attendee(cache.conn_for_reading(), command, out)
        }
        Command::Checkin(c) => {
            let person = super::desk::find_person(cache.conn(), &c)?;
            let attendee = cache.check_in(
                &offline::desk_name(),
                uuid::Uuid::now_v7(),
                &person,
                clock::now(),
            )?;
            super::desk::print_checked_in(out, &attendee)?;
            eprintln!(
                "offline: the server cannot be reached; the check-in of {} is queued ({} waiting in {}) and will be sent by `plenary sync`. The desk's copy was last brought up to date at {since}.",
                names::display(&attendee, false),
                cache.info()?.pending,
                cache_path.display()
            );
            Ok(Outcome::Done)
        }
        _ => Err(FieldError::new("db", Code::OfflineNotAllowed).into()),
    }
}

fn summary(report: &SyncReport) -> String {
    format!(
        "sync: {} sent, {} already applied, {} to review, {} waiting",
        report.applied,
        report.already_applied,
        report.review.len(),
        report.pending
    )
}

fn print_report(out: &mut dyn Write, report: &SyncReport) -> Result<()> {
    line(out, summary(report))?;
    for item in &report.review {
        line(out, format_args!("review: {}", item.message))?;
    }
    Ok(())
}

/// `sync` with a file's --db: a file has no server to lose, so nothing is queued.
pub(super) fn on_a_file(s: Sync, out: &mut dyn Write) -> Result<Outcome> {
    let report = SyncReport::default();
    if s.json {
        json(out, &report)?;
    } else {
        print_report(out, &report)?;
    }
    Ok(Outcome::Done)
}
