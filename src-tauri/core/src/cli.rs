//! The `plenary` command line: the same core as the app, for scripting. Its commands, flags,
//! exit codes and JSON keys are a contract that scripts rely on; add to them, never change them.
//!
//! Exit codes: 0 success, 1 any error (the message is on stderr), 2 a usage error (from clap).

use crate::model::{AttendeeFilter, AttendeeInput, EventInput, NameOrder};
use crate::{db, names, ops, paths, sample, Error, Result};
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
    about = "Plenary: attendees, schedule and speakers of international seminars"
)]
pub struct Cli {
    /// The database file (default: the app's data folder, or $PLENARY_DB).
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "FILE")]
    pub db: Option<PathBuf>,
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
}

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
        Ok(()) => ExitCode::SUCCESS,
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

/// Runs one parsed command, writing its normal output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let mut conn = open(cli.db)?;
    let io = |e: std::io::Error| Error::Io {
        path: "standard output".into(),
        source: e,
    };
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
        Command::Attendee(AttendeeCommand::Delete { id, yes }) => {
            let attendee = ops::get_attendee(&conn, &id)?;
            let name = names::display(&attendee, false);
            if !yes && !confirm(&format!("Delete {name}? This cannot be undone."))? {
                return Err(Error::invalid("yes", "nothing was deleted"));
            }
            ops::delete_attendee(&mut conn, &id)?;
            writeln!(out, "Deleted {name}").map_err(io)?;
        }
    }
    Ok(())
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
