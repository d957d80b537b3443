//! The `plenary` command line: the same core as the app, for scripting. Its commands, flags,
//! exit codes and JSON keys are a contract that scripts rely on; add to them, never change them.
//!
//! Exit codes: 0 success, 1 any error (the message is on stderr), 2 a usage error (from clap),
//! 3 `check` found conflict warnings.

use crate::exchange::import::ImportOptions;
use crate::exchange::{self, ListKind, ScheduleFormat, TableFormat};
use crate::model::{AttendeeFilter, AttendeeInput, EventInput, NameOrder};
use crate::schedule::model::{Role, RoomInput, Session, SessionInput, SessionType};
use crate::schedule::ops as sched;
use crate::{backup, db, desk, files, names, ops, paths, sample, Error, Result};
use chrono::Utc;
use clap::{Args, Parser, Subcommand, ValueEnum};
use rusqlite::Connection;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

#[derive(Parser, Debug)]
#[command(
    name = "plenary",
    version,
    long_version = long_version(),
    about = "Plenary: attendees, schedule and speakers of international seminars"
)]
pub struct Cli {
    /// The database file (default: the app's data folder, or $PLENARY_DB).
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "FILE")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
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
    Assign {
        #[arg(long)]
        session: String,
        #[arg(long)]
        person: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A remote speaker's IANA time zone.
        #[arg(long, default_value = "")]
        home_timezone: String,
    },
    /// Sign a person up for a session.
    Signup {
        #[arg(long)]
        session: String,
        #[arg(long)]
        person: String,
    },
    /// Write a consistent copy of the database to FILE (SQLite's online backup).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with a backup, after checking it and keeping a copy of the
    /// current state. Asks first on a terminal; elsewhere needs --yes.
    Restore {
        file: PathBuf,
        #[arg(long)]
        yes: bool,
    },
    /// Check a person in at the desk: by id, or by a search that must match exactly one person.
    Checkin {
        #[arg(long, conflicts_with = "search", required_unless_present = "search")]
        person: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        event: Option<String>,
    },
    /// Tick a person off as present at a session (or, with --absent, take it back).
    Attendance {
        #[arg(long)]
        session: String,
        #[arg(long)]
        person: String,
        #[arg(long)]
        absent: bool,
    },
    /// Import attendees from a CSV or XLSX file: all rows or, on any invalid row, none.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export a list (CSV, XLSX) or the programme (ICS, schedule.xml, schedule.json, CSV).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Record an attendee's passport number and date of birth (empty values remove them).
    Sensitive {
        person: String,
        #[arg(long, default_value = "")]
        passport_number: String,
        /// YYYY-MM-DD.
        #[arg(long, default_value = "")]
        date_of_birth: String,
    },
    /// Remove every passport number and date of birth of an event from the store (or, with
    /// --expired, of every event whose retention period has passed). Asks first on a
    /// terminal; elsewhere needs --yes.
    PurgeSensitive {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        expired: bool,
        #[arg(long)]
        yes: bool,
    },
    /// The audit log: the newest changes of an event, newest first.
    Activity {
        #[arg(long)]
        event: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Undo the newest change of an event (or, with --entry, one change from `activity`).
    /// Asks first on a terminal; elsewhere needs --yes.
    Undo {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        entry: Option<u32>,
        #[arg(long)]
        yes: bool,
    },
    /// Print a document as PDF: a daily agenda, the programme, a room's door sheet, personal
    /// agendas, speaker briefings, badges, name plates, or the desk's check-in list. Person,
    /// briefing, badges and plates print everyone without --person or --country. Exits 3 when
    /// some character has no font to draw it (each is named on standard error).
    Print {
        #[arg(value_enum)]
        kind: crate::print::DocumentKind,
        /// YYYY-MM-DD, in the event's zone (agenda, room).
        #[arg(long)]
        day: Option<String>,
        /// A room's name or id (room).
        #[arg(long)]
        room: Option<String>,
        /// One attendee's id.
        #[arg(long)]
        person: Option<String>,
        /// One delegation: a two-letter country code.
        #[arg(long)]
        country: Option<String>,
        #[arg(long, value_enum, default_value = "a4")]
        paper: crate::print::Paper,
        /// A daily agenda's layout: rooms as columns (grid), one list, or whichever reads
        /// better (auto).
        #[arg(long, value_enum, default_value = "auto")]
        layout: crate::print::AgendaLayout,
        #[arg(long)]
        event: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// List every conflict warning that is not accepted. Exits 0 when there are none, 3 when
    /// there are some.
    Check {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import attendees. Every problem is printed as "line N: field: message" on standard
    /// error, and then nothing is imported (unless --valid-only).
    Attendees {
        file: PathBuf,
        #[arg(long)]
        event: Option<String>,
        /// Check the file and print the report; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and skip the invalid ones.
        #[arg(long)]
        valid_only: bool,
        /// The category of rows whose file gives none.
        #[arg(long, default_value = "guest")]
        category: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Every attendee, with the columns of `attendee list --json`.
    Attendees(ListExport),
    /// Per-country counts, heads and members (XLSX adds a roster sheet).
    Delegations(ListExport),
    /// The sessions in time order.
    Sessions(ListExport),
    /// Every speaker assignment.
    Assignments(ListExport),
    /// Every sign-up.
    Signups(ListExport),
    /// The programme, or one person's (their talks and sign-ups).
    Schedule {
        #[arg(long, value_enum)]
        format: ScheduleFormatArg,
        /// Only this attendee's sessions (ics or csv).
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        event: Option<String>,
        /// The file to write; without it the text goes to standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ListExport {
    #[arg(long, value_enum)]
    format: TableFormatArg,
    /// Attendees only: add passport numbers and dates of birth (personal data; a warning is
    /// printed).
    #[arg(long)]
    include_sensitive: bool,
    #[arg(long)]
    event: Option<String>,
    /// The file to write; without it CSV goes to standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum TableFormatArg {
    Csv,
    Xlsx,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ScheduleFormatArg {
    Ics,
    FrabXml,
    FrabJson,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum RoomCommand {
    /// Add a room and print its id.
    Add {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        name: String,
        #[arg(long)]
        capacity: Option<u32>,
        /// An off-site venue (site visits).
        #[arg(long)]
        offsite: bool,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "")]
        meeting_point: String,
        /// HH:MM, local to the event.
        #[arg(long, default_value = "")]
        departure_time: String,
    },
    /// List the rooms in timetable order.
    List {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum SessionCommand {
    /// Add a session and print its id. Times are in the event's zone.
    Add {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        title: String,
        #[arg(long = "type", value_parser = parse_session_type)]
        kind: SessionType,
        /// "YYYY-MM-DD HH:MM" in the event's zone.
        #[arg(long)]
        start: String,
        /// "YYYY-MM-DD HH:MM" in the event's zone.
        #[arg(long)]
        end: String,
        /// The room's name.
        #[arg(long)]
        room: Option<String>,
        /// Seats for sign-ups.
        #[arg(long)]
        capacity: Option<u32>,
        #[arg(long, default_value = "")]
        track: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// List sessions in time order.
    List {
        #[arg(long)]
        event: Option<String>,
        /// Only sessions starting on this day (YYYY-MM-DD, in the event's zone).
        #[arg(long)]
        day: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_role(text: &str) -> std::result::Result<Role, String> {
    Role::parse(text).ok_or_else(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

fn parse_session_type(text: &str) -> std::result::Result<SessionType, String> {
    SessionType::parse(text).ok_or_else(|| {
        let all: Vec<&str> = SessionType::ALL.iter().map(|r| r.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

/// The exit code of `plenary check` when it found warnings.
pub const EXIT_WARNINGS: u8 = 3;

#[derive(Subcommand, Debug)]
pub enum EventCommand {
    /// Create an event and print its id.
    Create {
        #[arg(long)]
        name: String,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        start: String,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        end: String,
        /// IANA time zone, e.g. Asia/Shanghai.
        #[arg(long)]
        timezone: String,
        #[arg(long, default_value = "")]
        venue: String,
        #[arg(long, default_value = "")]
        city: String,
    },
    /// List the events.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum AttendeeCommand {
    /// Register an attendee and print the new id.
    Add(Box<AddAttendee>),
    /// List attendees, sorted by family name.
    List {
        #[arg(long)]
        event: Option<String>,
        /// Only this country (ISO alpha-2).
        #[arg(long)]
        country: Option<String>,
        /// Only this category.
        #[arg(long)]
        category: Option<String>,
        /// Words that must all occur in a name, organisation or email (any case, accent or script).
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Delete an attendee. Asks first on a terminal; elsewhere needs --yes.
    Delete {
        id: String,
        #[arg(long)]
        yes: bool,
        /// Why, for the audit log.
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Args, Debug)]
pub struct AddAttendee {
    #[arg(long)]
    event: Option<String>,
    #[arg(long, default_value = "")]
    honorific: String,
    #[arg(long)]
    given_name: String,
    #[arg(long)]
    family_name: String,
    #[arg(long, value_enum, default_value_t = Order::GivenFirst)]
    name_order: Order,
    #[arg(long, default_value = "")]
    given_name_latin: String,
    #[arg(long, default_value = "")]
    family_name_latin: String,
    /// ISO 3166-1 alpha-2 code, e.g. CN.
    #[arg(long)]
    country: String,
    #[arg(long, default_value = "")]
    organization: String,
    #[arg(long, default_value = "")]
    position: String,
    #[arg(long, default_value = "official")]
    category: String,
    #[arg(long, default_value = "")]
    email: String,
    #[arg(long, default_value = "")]
    phone: String,
    /// Comma-separated, e.g. "zh,en".
    #[arg(long, default_value = "")]
    languages: String,
    #[arg(long, default_value = "")]
    dietary: String,
    #[arg(long, default_value = "")]
    accessibility: String,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Order {
    GivenFirst,
    FamilyFirst,
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

fn open(db: Option<PathBuf>) -> Result<Connection> {
    let path = db.or_else(paths::default_db_path).ok_or_else(|| {
        Error::invalid(
            "db",
            "no data folder is known on this system; pass --db FILE",
        )
    })?;
    db::open(&path)
}

/// How a command that did not fail ended.
pub enum Outcome {
    Done,
    /// `check` found warnings.
    Warnings,
}

/// Runs one parsed command, writing its normal output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome> {
    let io = |e: std::io::Error| Error::Io {
        path: "standard output".into(),
        source: e,
    };
    // A restore must not open (and so migrate) the database before it has checked the file.
    if let Command::Restore { file, yes } = &cli.command {
        let db_path = cli
            .db
            .clone()
            .or_else(paths::default_db_path)
            .ok_or_else(|| {
                Error::invalid(
                    "db",
                    "no data folder is known on this system; pass --db FILE",
                )
            })?;
        let version = backup::verify(file)?;
        let question = format!(
            "Replace {} with {} (schema {version})? A backup of the current state is kept.",
            db_path.display(),
            file.display()
        );
        if !yes && !confirm(&question)? {
            return Err(Error::invalid("yes", "nothing was restored"));
        }
        let keep = db::open(&db_path).map_or(backup::DEFAULT_KEEP, |c| backup::keep_setting(&c));
        let safety = backup::restore(&db_path, file, Utc::now(), keep)?;
        writeln!(
            out,
            "Restored {}; the previous state is in {}",
            file.display(),
            safety.display()
        )
        .map_err(io)?;
        return Ok(Outcome::Done);
    }
    let db_path = cli.db.clone().or_else(paths::default_db_path);
    let mut conn = open(cli.db)?;
    match cli.command {
        Command::Event(EventCommand::Create {
            name,
            start,
            end,
            timezone,
            venue,
            city,
        }) => {
            let input = EventInput {
                name,
                venue,
                city,
                start_date: start,
                end_date: end,
                timezone,
                organizers: vec![],
                family_name_upper: true,
            };
            let event = ops::create_event(&mut conn, Uuid::now_v7(), &input, Utc::now())?;
            writeln!(out, "{}", event.id).map_err(io)?;
        }
        Command::Event(EventCommand::List { json }) => {
            let events = ops::list_events(&conn)?;
            if json {
                writeln!(out, "{}", to_json(&events)?).map_err(io)?;
            } else {
                let rows = events
                    .iter()
                    .map(|e| {
                        vec![
                            e.id.clone(),
                            e.name.clone(),
                            format!("{} to {}", e.start_date, e.end_date),
                            e.timezone.clone(),
                            format!("{} attendees", e.attendee_count),
                        ]
                    })
                    .collect();
                print_table(out, rows).map_err(io)?;
            }
        }
        Command::Sample => {
            let loaded = sample::load(&mut conn, Utc::now(), Uuid::now_v7)?;
            let verb = if loaded.created {
                "Loaded"
            } else {
                "Already loaded:"
            };
            writeln!(
                out,
                "{verb} {} ({} attendees from {} countries), id {}",
                loaded.event.name,
                loaded.event.attendee_count,
                loaded.event.country_count,
                loaded.event.id
            )
            .map_err(io)?;
        }
        Command::Attendee(AttendeeCommand::Add(a)) => {
            let event_id = ops::resolve_event(&conn, a.event.as_deref())?;
            let input = AttendeeInput {
                honorific: a.honorific,
                given_name: a.given_name,
                family_name: a.family_name,
                name_order: match a.name_order {
                    Order::GivenFirst => NameOrder::GivenFirst,
                    Order::FamilyFirst => NameOrder::FamilyFirst,
                },
                given_name_latin: a.given_name_latin,
                family_name_latin: a.family_name_latin,
                country: a.country,
                organization: a.organization,
                position: a.position,
                category: a.category,
                email: a.email,
                phone: a.phone,
                languages: a
                    .languages
                    .split(',')
                    .map(|l| l.trim().to_owned())
                    .collect(),
                dietary: a.dietary,
                accessibility: a.accessibility,
                notes: a.notes,
            };
            let attendee =
                ops::register_attendee(&mut conn, &event_id, Uuid::now_v7(), &input, Utc::now())?;
            writeln!(out, "{}", attendee.id).map_err(io)?;
        }
        Command::Attendee(AttendeeCommand::List {
            event,
            country,
            category,
            search,
            json,
        }) => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let upper = ops::get_event(&conn, &event_id)?.family_name_upper;
            let filter = AttendeeFilter {
                search,
                country,
                category,
            };
            let list = ops::list_attendees(&conn, &event_id, &filter)?;
            if json {
                writeln!(out, "{}", to_json(&list)?).map_err(io)?;
            } else {
                let rows = list
                    .iter()
                    .map(|a| {
                        vec![
                            names::display(a, upper),
                            a.country.clone(),
                            a.category.clone(),
                            a.email.clone(),
                            a.id.clone(),
                        ]
                    })
                    .collect();
                print_table(out, rows).map_err(io)?;
            }
        }
        Command::Attendee(AttendeeCommand::Delete { id, yes, reason }) => {
            let attendee = ops::get_attendee(&conn, &id)?;
            let name = names::display(&attendee, false);
            if !yes
                && !confirm(&format!(
                    "Delete {name}? (`plenary undo` brings them back.)"
                ))?
            {
                return Err(Error::invalid("yes", "nothing was deleted"));
            }
            ops::delete_attendee_because(&mut conn, &id, &reason)?;
            writeln!(out, "Deleted {name}").map_err(io)?;
        }
        Command::Room(RoomCommand::Add {
            event,
            name,
            capacity,
            offsite,
            address,
            meeting_point,
            departure_time,
        }) => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let input = RoomInput {
                name,
                capacity,
                offsite,
                address,
                meeting_point,
                departure_time,
            };
            let room = sched::add_room(&mut conn, &event_id, Uuid::now_v7(), &input, Utc::now())?;
            writeln!(out, "{}", room.id).map_err(io)?;
        }
        Command::Room(RoomCommand::List { event, json }) => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let rooms = sched::list_rooms(&conn, &event_id)?;
            if json {
                writeln!(out, "{}", to_json(&rooms)?).map_err(io)?;
            } else {
                let rows = rooms
                    .iter()
                    .map(|r| {
                        vec![
                            r.name.clone(),
                            r.capacity.map_or(String::new(), |c| format!("{c} seats")),
                            if r.offsite {
                                "off-site".into()
                            } else {
                                String::new()
                            },
                            r.id.clone(),
                        ]
                    })
                    .collect();
                print_table(out, rows).map_err(io)?;
            }
        }
        Command::Session(SessionCommand::Add {
            event,
            title,
            kind,
            start,
            end,
            room,
            capacity,
            track,
            description,
        }) => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let room_id = match room.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                None => None,
                Some(name) => Some(
                    crate::store::rooms::find_by_name(&conn, &event_id, name)?
                        .ok_or_else(|| {
                            Error::invalid(
                                "room",
                                format!(
                                    "There is no room called {name:?} (see `plenary room list`)."
                                ),
                            )
                        })?
                        .id,
                ),
            };
            let input = SessionInput {
                title,
                kind,
                start,
                end,
                room_id,
                description,
                capacity,
                track,
            };
            let session =
                sched::add_session(&mut conn, &event_id, Uuid::now_v7(), &input, Utc::now())?;
            writeln!(out, "{}", session.id).map_err(io)?;
        }
        Command::Session(SessionCommand::List { event, day, json }) => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let list = sched::list_sessions(&conn, &event_id, day.as_deref())?;
            if json {
                let rows: Vec<serde_json::Value> = list.iter().map(session_json).collect();
                writeln!(out, "{}", to_json(&rows)?).map_err(io)?;
            } else {
                let rows = list
                    .iter()
                    .map(|s| {
                        vec![
                            format!("{}–{}", &s.start[..16].replace('T', " "), &s.end[11..16]),
                            s.kind.as_str().to_owned(),
                            s.title.clone(),
                            s.room.clone().unwrap_or_default(),
                            s.id.clone(),
                        ]
                    })
                    .collect();
                print_table(out, rows).map_err(io)?;
            }
        }
        Command::Assign {
            session,
            person,
            role,
            home_timezone,
        } => {
            let id = Uuid::now_v7();
            sched::assign_speaker(
                &mut conn,
                id,
                &session,
                &person,
                role,
                &home_timezone,
                Utc::now(),
            )?;
            writeln!(out, "{id}").map_err(io)?;
        }
        Command::Signup { session, person } => {
            let s = sched::sign_up(&mut conn, &session, &person, Utc::now())?;
            let seats = s
                .capacity
                .map_or(String::new(), |c| format!(" of {c} seats"));
            writeln!(
                out,
                "Signed up: {} for “{}” ({}{seats})",
                person, s.title, s.signups
            )
            .map_err(io)?;
        }
        Command::Backup { out: file } => {
            backup::backup_to(&conn, &file)?;
            writeln!(out, "Backed up to {}", file.display()).map_err(io)?;
        }
        Command::Restore { .. } => {
            return Err(Error::Ambiguous(
                "restore is handled before the database is opened".into(),
            ));
        }
        Command::Checkin {
            person,
            search,
            event,
        } => {
            let attendee = match (person, search) {
                (Some(person), _) => desk::check_in(&mut conn, &person, Utc::now())?,
                (None, Some(search)) => {
                    let event_id = ops::resolve_event(&conn, event.as_deref())?;
                    desk::check_in_by_search(&mut conn, &event_id, &search, Utc::now())?
                }
                (None, None) => return Err(Error::invalid("person", "Give --person or --search.")),
            };
            writeln!(
                out,
                "Checked in {} at {}",
                names::display(&attendee, false),
                attendee.checked_in_at.as_deref().unwrap_or("?")
            )
            .map_err(io)?;
        }
        Command::Attendance {
            session,
            person,
            absent,
        } => {
            let sheet = desk::mark_attendance(&mut conn, &session, &person, !absent, Utc::now())?;
            let present = sheet.rows.iter().filter(|r| r.present).count();
            writeln!(out, "“{}”: {present} present", sheet.title).map_err(io)?;
        }
        Command::Import(ImportCommand::Attendees {
            file,
            event,
            dry_run,
            valid_only,
            category,
        }) => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let table = exchange::read::read_file(&file)?;
            let columns = exchange::mapping::suggest(&table.headers);
            let options = ImportOptions {
                default_category: category,
            };
            for c in columns.iter().filter(|c| c.unknown) {
                eprintln!(
                    "note: column {:?} is not an attendee field and is not imported",
                    c.header
                );
            }
            // The command line prints every problem, not just the first thousand.
            let preview = exchange::import::preview_with_limit(
                &conn,
                &event_id,
                &table,
                &columns,
                &options,
                usize::MAX,
            )?;
            let problems = &preview.problems;
            for p in problems {
                eprintln!("{p}");
            }
            let summary = format!(
                "{} new, {} to update, {} unchanged, {} invalid",
                preview.new_rows,
                preview.updated_rows,
                preview.unchanged_rows,
                preview.invalid_rows
            );
            if dry_run {
                writeln!(out, "Dry run, nothing changed: {summary}.").map_err(io)?;
                if preview.invalid_rows > 0 && !valid_only {
                    return Err(nothing_imported(preview.invalid_rows));
                }
                return Ok(Outcome::Done);
            }
            if preview.invalid_rows > 0 && !valid_only {
                return Err(nothing_imported(preview.invalid_rows));
            }
            let path = db_path.ok_or_else(|| Error::invalid("db", "no database file is known"))?;
            let report = exchange::import::backup_and_commit(
                &mut conn,
                &path,
                &event_id,
                &table,
                &columns,
                &options,
                valid_only,
                &mut |_, _| {},
            )?;
            writeln!(
                out,
                "Imported {} attendees ({} updated, {} unchanged, {} invalid rows skipped).",
                report.imported, report.updated, report.unchanged, report.skipped
            )
            .map_err(io)?;
        }
        Command::Export(command) => export(&conn, command, out)?,
        Command::Print {
            kind,
            day,
            room,
            person,
            country,
            paper,
            layout,
            event,
            out: path,
        } => {
            let request = crate::print::PrintRequest {
                event_id: ops::resolve_event(&conn, event.as_deref())?,
                kind,
                day,
                room,
                person,
                country,
                paper,
                layout,
            };
            let today = chrono::Local::now().date_naive();
            let printed = crate::print::print(&conn, &request, today)?;
            crate::print::save(&printed, &path)?;
            for missing in &printed.missing_glyphs {
                eprintln!("warning: no installed font can draw {missing}");
            }
            let pages = printed.pages;
            let noun = if pages == 1 { "page" } else { "pages" };
            writeln!(out, "Wrote {pages} {noun} to {}.", path.display()).map_err(io)?;
            if !printed.missing_glyphs.is_empty() {
                return Ok(Outcome::Warnings);
            }
        }
        Command::Sensitive {
            person,
            passport_number,
            date_of_birth,
        } => {
            let input = crate::sensitive::SensitiveData {
                passport_number,
                date_of_birth,
            };
            crate::sensitive::set(&mut conn, &person, &input, Utc::now())?;
            writeln!(out, "Recorded.").map_err(io)?;
        }
        Command::PurgeSensitive {
            event,
            expired,
            yes,
        } => {
            let path = db_path.ok_or_else(|| Error::invalid("db", "no database file is known"))?;
            if expired {
                let purged =
                    crate::sensitive::purge_expired(&mut conn, &path, Utc::now().date_naive())?;
                writeln!(out, "Purged {} events.", purged.len()).map_err(io)?;
                return Ok(Outcome::Done);
            }
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            if !yes
                && !confirm("Remove every passport number and date of birth of this event? This cannot be undone.")?
            {
                return Err(Error::invalid("yes", "nothing was purged"));
            }
            let (people, failed) = crate::sensitive::purge_everywhere(&mut conn, &path, &event_id)?;
            crate::sensitive::backups_cleaned(&failed)?;
            writeln!(out, "Purged the sensitive data of {people} attendees.").map_err(io)?;
        }
        Command::Activity { event, limit, json } => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let log = crate::audit::activity(&conn, &event_id, limit)?;
            if json {
                writeln!(out, "{}", to_json(&log)?).map_err(io)?;
            } else {
                let rows = log
                    .iter()
                    .map(|e| {
                        let mut summary = e.summary.clone();
                        if e.undone {
                            summary.push_str(" (undone)");
                        }
                        if !e.reason.is_empty() {
                            summary.push_str(&format!(" because: {}", e.reason));
                        }
                        vec![e.id.to_string(), e.at.clone(), e.actor.clone(), summary]
                    })
                    .collect();
                print_table(out, rows).map_err(io)?;
            }
        }
        Command::Undo { event, entry, yes } => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let target = match entry {
                Some(id) => Some(id),
                None => crate::audit::last_undoable(&conn, &event_id)?,
            };
            let Some(target) = target else {
                writeln!(out, "Nothing to undo.").map_err(io)?;
                return Ok(Outcome::Done);
            };
            if !yes && !confirm(&format!("Undo change {target}?"))? {
                return Err(Error::invalid("yes", "nothing was undone"));
            }
            let done = crate::audit::undo(&mut conn, target)?;
            writeln!(out, "{}", done.summary).map_err(io)?;
        }
        Command::Check { event, json } => {
            let event_id = ops::resolve_event(&conn, event.as_deref())?;
            let open: Vec<_> = sched::check(&conn, &event_id)?
                .into_iter()
                .filter(|w| !w.accepted)
                .collect();
            if json {
                let rows: Vec<serde_json::Value> = open
                    .iter()
                    .map(|w| {
                        serde_json::json!({
                            "kind": w.kind,
                            "key": w.key,
                            "message": w.message,
                            "fix": w.fix,
                            "sessions": w.sessions,
                            "people": w.people,
                        })
                    })
                    .collect();
                writeln!(out, "{}", to_json(&rows)?).map_err(io)?;
            } else if open.is_empty() {
                writeln!(out, "No conflicts.").map_err(io)?;
            } else {
                for w in &open {
                    writeln!(out, "{}: {} {}", w.kind.as_str(), w.message, w.fix).map_err(io)?;
                }
            }
            if !open.is_empty() {
                return Ok(Outcome::Warnings);
            }
        }
    }
    Ok(Outcome::Done)
}

fn nothing_imported(invalid: u32) -> Error {
    let (rows, them) = if invalid == 1 {
        ("1 row is invalid".to_owned(), "it")
    } else {
        (format!("{invalid} rows are invalid"), "them")
    };
    Error::Ambiguous(format!(
        "{rows}, so nothing was imported. Fix {them}, or pass --valid-only to import the rest."
    ))
}

fn export(conn: &Connection, command: ExportCommand, out: &mut dyn Write) -> Result<()> {
    let (bytes, binary, file) = match command {
        ExportCommand::Schedule {
            format,
            person,
            event,
            out: file,
        } => {
            let event_id = match (&event, &person) {
                (None, Some(person)) => ops::get_attendee(conn, person)?.event_id,
                _ => ops::resolve_event(conn, event.as_deref())?,
            };
            let format = match format {
                ScheduleFormatArg::Ics => ScheduleFormat::Ics,
                ScheduleFormatArg::FrabXml => ScheduleFormat::FrabXml,
                ScheduleFormatArg::FrabJson => ScheduleFormat::FrabJson,
                ScheduleFormatArg::Csv => ScheduleFormat::Csv,
            };
            let bytes = exchange::export_schedule(conn, &event_id, person.as_deref(), format)?;
            (bytes, false, file)
        }
        ExportCommand::Attendees(list) => list_export(conn, ListKind::Attendees, list)?,
        ExportCommand::Delegations(list) => list_export(conn, ListKind::Delegations, list)?,
        ExportCommand::Sessions(list) => list_export(conn, ListKind::Sessions, list)?,
        ExportCommand::Assignments(list) => list_export(conn, ListKind::Assignments, list)?,
        ExportCommand::Signups(list) => list_export(conn, ListKind::Signups, list)?,
    };
    match file {
        Some(path) => files::write_atomically(&path, &bytes),
        None if binary => Err(Error::invalid(
            "out",
            "XLSX is a binary format: give --out FILE.xlsx",
        )),
        None => out.write_all(&bytes).map_err(|e| Error::Io {
            path: "standard output".into(),
            source: e,
        }),
    }
}

fn list_export(
    conn: &Connection,
    kind: ListKind,
    list: ListExport,
) -> Result<(Vec<u8>, bool, Option<PathBuf>)> {
    let event_id = ops::resolve_event(conn, list.event.as_deref())?;
    let format = match list.format {
        TableFormatArg::Csv => TableFormat::Csv,
        TableFormatArg::Xlsx => TableFormat::Xlsx,
    };
    if list.include_sensitive {
        eprintln!(
            "warning: this export holds passport numbers and dates of birth; keep it safe and delete it when it is no longer needed"
        );
    }
    let bytes = exchange::export_list_with(conn, &event_id, kind, format, list.include_sensitive)?;
    Ok((bytes, format == TableFormat::Xlsx, list.out))
}

/// The contract form of a session in `session list --json`.
fn session_json(s: &Session) -> serde_json::Value {
    serde_json::json!({
        "id": s.id,
        "title": s.title,
        "type": s.kind,
        "start": s.start,
        "end": s.end,
        "room": s.room,
        "room_id": s.room_id,
        "capacity": s.capacity,
        "signups": s.signups,
        "track": s.track,
        "description": s.description,
        "speakers": s.speakers.iter().map(|p| serde_json::json!({
            "person_id": p.person_id,
            "name": p.name,
            "role": p.role,
            "position": p.position,
            "home_timezone": p.home_timezone,
        })).collect::<Vec<_>>(),
    })
}

/// Asks a yes/no question on a terminal. Without a terminal there is nobody to ask, so a
/// destructive command must be given `--yes` instead.
fn confirm(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "yes",
            "standard input is not a terminal; add --yes to confirm this destructive command",
        ));
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

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| Error::Io {
        path: "JSON output".into(),
        source: e.into(),
    })
}

/// Prints rows as columns aligned by display width, so CJK names line up too.
fn print_table(out: &mut dyn Write, rows: Vec<Vec<String>>) -> std::io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < columns {
                line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
