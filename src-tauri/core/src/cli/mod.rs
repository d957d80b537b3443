//! The `plenary` command line: the same core as the app, for scripting. Its commands, flags,
//! exit codes, printed text and JSON keys are a contract that scripts rely on; add to them,
//! never change them.
//!
//! Exit codes: 0 success, 1 any error (the message is on stderr), 2 a usage error (from clap),
//! 3 `check` found conflict warnings, or `print` found a character without a font.
//!
//! This file holds the entry points ([`main`], [`run`]), the top-level [`Cli`] and [`Command`]
//! and the dispatch. Each command family lives in its own module with its flags and one
//! function that maps them to a verb of the core: `events`, `attendees`, `schedule` (rooms,
//! sessions, assign, signup), `desk` (checkin, attendance), `exchange` (import, export),
//! `print`, `report` (meal counts), `seating` (draw, set, list), `delegations` (sections),
//! `safety` (backup, restore, sensitive data), `activity` (the audit log and undo), `check`, and `sync` (the desk without its server).
//! `output` holds how the CLI writes: JSON, aligned tables, and the question a destructive
//! command asks.

mod activity;
mod attendees;
mod check;
mod delegations;
mod desk;
mod events;
mod exchange;
mod letters;
mod output;
mod print;
mod report;
mod safety;
mod schedule;
mod seating;
mod server;
mod sync;

pub use activity::{Activity, Undo};
pub use attendees::{AddAttendee, AttendeeCommand};
pub use check::Check;
pub use delegations::DelegationCommand;
pub use desk::{Attendance, Checkin};
pub use events::EventCommand;
pub use exchange::{ExportCommand, ImportCommand, ListExport, ScheduleFormatArg, TableFormatArg};
pub use letters::LetterCommand;
pub use print::Print;
pub use report::{Meals, ReportCommand};
pub use safety::{Backup, PurgeSensitive, Restore, Sensitive};
pub use schedule::{Assign, RoomCommand, SessionCommand, Signup};
pub use seating::SeatingCommand;
pub use server::ServerCommand;
pub use sync::Sync;

use crate::{db, paths, Code, Error, Message, Result};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
// `bin_name`: the usage and help say `plenary` whatever the program file is called (the app
// binary `plenary-desktop` answers as the CLI too, and on Windows through a launcher).
#[command(
    name = "plenary",
    bin_name = "plenary",
    version,
    long_version = long_version(),
    about = "Plenary: attendees, schedule and speakers of international seminars"
)]
pub struct Cli {
    /// The database file (default: the app's data folder, or $PLENARY_DB).
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// With a server's --db: the desk's copy of the event, which `attendee list` and
    /// `checkin` work from while the server cannot be reached (default: one per server and
    /// database in the app's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub cache: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create and list events.
    #[command(subcommand)]
    Event(EventCommand),
    /// Load the sample seminar (Shanghai, 3 to 6 September 2024); loading it twice does nothing.
    Sample,
    /// Register, list and remove attendees.
    #[command(subcommand)]
    Attendee(AttendeeCommand),
    /// Add and list rooms and off-site venues.
    #[command(subcommand)]
    Room(RoomCommand),
    /// Add and list sessions.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Assign a person to a session in a role; prints the assignment id.
    Assign(Assign),
    /// Sign a person up for a session.
    Signup(Signup),
    /// Write a consistent copy of the database to FILE (SQLite's online backup).
    Backup(Backup),
    /// Replace the database with a backup, after checking it and keeping a copy of the
    /// current state. Asks first on a terminal; elsewhere needs --yes.
    Restore(Restore),
    /// Check a person in at the desk: by id, or by a search that must match exactly one person.
    Checkin(Checkin),
    /// Tick a person off as present at a session (or, with --absent, take it back).
    Attendance(Attendance),
    /// Import attendees from a CSV or XLSX file: all rows or, on any invalid row, none.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export a list (CSV, XLSX) or the programme (ICS, schedule.xml, schedule.json, CSV).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Record an attendee's passport number and date of birth (empty values remove them).
    Sensitive(Sensitive),
    /// Remove every passport number and date of birth of an event from the store (or, with
    /// --expired, of every event whose retention period has passed). Asks first on a
    /// terminal; elsewhere needs --yes.
    PurgeSensitive(PurgeSensitive),
    /// The audit log: the newest changes of an event, newest first.
    Activity(Activity),
    /// Undo the newest change of an event (or, with --entry, one change from `activity`).
    /// Asks first on a terminal; elsewhere needs --yes.
    Undo(Undo),
    /// Print a document as PDF: a daily agenda, the programme, a room's door sheet, personal
    /// agendas, speaker briefings, badges, name plates, the desk's check-in list, the
    /// caterer's meal counts, the seating plan, the list of participants, or letters
    /// (`letter --template invitation|visa|certificate`). Person, briefing, badges and plates print everyone without
    /// --person or --country. Exits 3 when some character has no font to draw it (each is
    /// named on standard error).
    Print(Print),
    /// List every conflict warning that is not accepted. Exits 0 when there are none, 3 when
    /// there are some.
    Check(Check),
    /// Reports for the people who serve the event: `meals`, the caterer's counts.
    #[command(subcommand)]
    Report(ReportCommand),
    /// The plenary hall's seating order: delegations in English alphabetical order of their
    /// UN short names, starting from a country drawn by lot.
    #[command(subcommand)]
    Seating(SeatingCommand),
    /// Delegations: the section of the list of participants each is listed under.
    #[command(subcommand)]
    Delegation(DelegationCommand),
    /// Letters' letterhead and wording (invitation, visa, certificate); print them with
    /// `print letter --template …`.
    #[command(subcommand)]
    Letter(LetterCommand),
    /// A PostgreSQL server for an event that several desks share: `setup` prepares a
    /// database (schema, a desk's rights). --db does not apply.
    #[command(subcommand)]
    Server(ServerCommand),
    /// With a server's --db: send the check-ins and other desk actions made while the server
    /// could not be reached (queued in the desk's cache), each once, with its desk time; list
    /// the clashes found for review; then bring the cache up to date.
    Sync(Sync),
}

/// The exit code of `plenary check` when it found warnings (and of `print` when a character
/// has no font).
pub const EXIT_WARNINGS: u8 = 3;

/// How a command that did not fail ended.
pub enum Outcome {
    Done,
    /// `check` found warnings, or `print` found a character without a font.
    Warnings,
}

/// Runs the CLI with the process's arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    match run(cli, &mut out) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Warnings) => ExitCode::from(EXIT_WARNINGS),
        // A reader such as `head` that stops early is not an error.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(err) => {
            report(&err);
            ExitCode::FAILURE
        }
    }
}

/// Runs one parsed command, writing its normal output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome> {
    // A restore must not open (and so migrate) the database before it has checked the file.
    if let Command::Restore(restore) = &cli.command {
        return safety::restore(db_path(cli.db.clone())?, restore, out);
    }
    // A server's setup opens no file.
    if let Command::Server(command) = cli.command {
        return server::run(command, out);
    }
    let path = db_path(cli.db)?;
    if let Some(address) = db::server_address(&path) {
        if sync::is_desk_command(&cli.command) {
            return sync::run(address, cli.cache, cli.command, out);
        }
    }
    let mut conn = db::open(&path)?;
    match cli.command {
        Command::Event(command) => events::event(&mut conn, command, out),
        Command::Sample => events::sample(&mut conn, out),
        Command::Attendee(command) => attendees::attendee(&mut conn, command, out),
        Command::Room(command) => schedule::room(&mut conn, command, out),
        Command::Session(command) => schedule::session(&mut conn, command, out),
        Command::Assign(assign) => schedule::assign(&mut conn, assign, out),
        Command::Signup(signup) => schedule::signup(&mut conn, signup, out),
        Command::Backup(backup) => safety::backup(&conn, backup, out),
        Command::Restore(_) => Err(Error::Ambiguous(Message::new(Code::RestoreEarly))),
        Command::Checkin(checkin) => desk::checkin(&mut conn, checkin, out),
        Command::Attendance(attendance) => desk::attendance(&mut conn, attendance, out),
        Command::Import(command) => exchange::import(&mut conn, &path, command, out),
        Command::Export(command) => exchange::export(&conn, command, out),
        Command::Print(print) => print::print(&mut conn, print, out),
        Command::Sensitive(sensitive) => safety::sensitive(&mut conn, sensitive, out),
        Command::PurgeSensitive(purge) => safety::purge(&mut conn, &path, purge, out),
        Command::Activity(activity) => activity::activity(&conn, activity, out),
        Command::Undo(undo) => activity::undo(&mut conn, undo, out),
        Command::Check(check) => check::check(&conn, check, out),
        Command::Report(command) => report::run(&conn, command, out),
        Command::Seating(command) => seating::run(&mut conn, command, out),
        Command::Delegation(command) => delegations::run(&mut conn, command, out),
        Command::Letter(command) => letters::run(&mut conn, command, out),
        Command::Server(_) => unreachable!("handled before the file is opened"),
        // On a file there is no queue: nothing to send.
        Command::Sync(s) => sync::on_a_file(s, out),
    }
}

/// What `plenary --version` prints after the name: the version, the build date, and the
/// database the CLI opens without `--db` (`$PLENARY_DB`, else the app's own).
fn long_version() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let db = std::env::var_os(paths::DB_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(paths::default_db_path)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "none known; pass --db FILE".to_owned());
        format!(
            "{} (built {})\ndatabase: {db}",
            crate::VERSION,
            crate::BUILD_DATE
        )
    })
}

fn report(err: &Error) {
    match err {
        Error::Validation(fields) => {
            for f in fields {
                eprintln!("error: {f}");
            }
        }
        other => eprintln!("error: {other}"),
    }
}

/// The database file: `--db` (or `$PLENARY_DB`, which clap reads into it), else the app's own.
fn db_path(db: Option<PathBuf>) -> Result<PathBuf> {
    let path = db
        .or_else(paths::default_db_path)
        .ok_or_else(|| Error::invalid("db", Code::NoDataFolder))?;
    // Before anything (a restore too) takes it for a file.
    db::refuse_address(&path)?;
    Ok(path)
}
