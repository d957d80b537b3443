//! `plenary event create|edit|show|list` and `plenary sample`.

use super::output::{json, line, table};
use super::Outcome;
use crate::model::{EventInput, EventSummary};
use crate::sql::Connection;
use crate::{clock, ops, sample, Code, FieldError, Lang, Result};
use clap::Subcommand;
use std::io::Write;
use uuid::Uuid;

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
        /// The language the event's documents print in: ar, en, es, fr, ru or zh (default en).
        #[arg(long, value_name = "LANG")]
        language: Option<String>,
    },
    /// Change an event: only the fields given change.
    Edit {
        /// The event's id (default: the only event).
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        start: Option<String>,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        end: Option<String>,
        /// IANA time zone, e.g. Asia/Shanghai (sessions keep their wall-clock times).
        #[arg(long)]
        timezone: Option<String>,
        #[arg(long)]
        venue: Option<String>,
        #[arg(long)]
        city: Option<String>,
        /// The language the event's documents print in: ar, en, es, fr, ru or zh.
        #[arg(long, value_name = "LANG")]
        language: Option<String>,
    },
    /// Show one event.
    Show {
        /// The event's id (default: the only event).
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the events.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Copy one event, with everything it has (its activity log too), to another store: a
    /// file or a server's address (postgresql://user@host:port/database). Ids are kept.
    Copy {
        /// The event's id (default: the only event).
        #[arg(long)]
        event: Option<String>,
        /// Where to copy it: a file path, or a postgresql:// address.
        #[arg(long, value_name = "DEST")]
        to: std::path::PathBuf,
        /// Overwrite the event if the destination has it already.
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        json: bool,
    },
}

/// A language given on the command line, refused with the field's name when it is not one of
/// the six (`error: language: ...`, exit code 1).
pub(super) fn parse_language(field: &str, given: &str) -> Result<Lang> {
    given.parse::<Lang>().map_err(|e| {
        FieldError::new(field, Code::UnknownLanguage)
            .param("value", &e.0)
            .into()
    })
}

/// `event create` makes one event (`ops::create_event`); `event edit` changes the fields given
/// (`ops::update_event`); `event show` shows one and `event list` lists them all.
pub(super) fn event(
    conn: &mut Connection,
    command: EventCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        EventCommand::Copy {
            event,
            to,
            replace,
            json: as_json,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            crate::db::refuse_address(&to)?;
            let mut dest = crate::db::open(&to)?;
            let report = crate::transfer::copy_event(conn, &mut dest, &event_id, replace)?;
            if as_json {
                json(out, &report)?;
            } else {
                line(
                    out,
                    format_args!(
                        "{} “{}” to {}: {} attendees, {} rows, {} entries of the activity log",
                        if report.replaced {
                            "Replaced"
                        } else {
                            "Copied"
                        },
                        report.name,
                        dest.server_address()
                            .unwrap_or_else(|| to.display().to_string()),
                        report.attendees,
                        report.rows,
                        report.entries
                    ),
                )?;
            }
        }
        EventCommand::Create {
            name,
            start,
            end,
            timezone,
            venue,
            city,
            language,
        } => {
            let language = match language {
                Some(given) => parse_language("language", &given)?,
                None => Lang::document_default(),
            };
            let input = EventInput {
                name,
                venue,
                city,
                start_date: start,
                end_date: end,
                timezone,
                organizers: vec![],
                family_name_upper: true,
                language,
            };
            let event = ops::create_event(conn, Uuid::now_v7(), &input, clock::now())?;
            line(out, event.id)?;
        }
        EventCommand::Edit {
            event,
            name,
            start,
            end,
            timezone,
            venue,
            city,
            language,
        } => {
            let id = ops::resolve_event(conn, event.as_deref())?;
            let current = ops::get_event(conn, &id)?;
            let language = match language {
                Some(given) => parse_language("language", &given)?,
                None => current.language,
            };
            let input = EventInput {
                name: name.unwrap_or(current.name),
                venue: venue.unwrap_or(current.venue),
                city: city.unwrap_or(current.city),
                start_date: start.unwrap_or(current.start_date),
                end_date: end.unwrap_or(current.end_date),
                timezone: timezone.unwrap_or(current.timezone),
                organizers: current.organizers,
                family_name_upper: current.family_name_upper,
                language,
            };
            let event = ops::update_event(conn, &id, &input, clock::now())?;
            line(out, event.id)?;
        }
        EventCommand::Show {
            event,
            json: as_json,
        } => {
            let id = ops::resolve_event(conn, event.as_deref())?;
            let event = ops::get_event(conn, &id)?;
            if as_json {
                json(out, &event)?;
            } else {
                table(out, details(&event))?;
            }
        }
        EventCommand::List { json: as_json } => {
            let events = ops::list_events(conn)?;
            if as_json {
                json(out, &events)?;
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
                table(out, rows)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// `event show`'s lines: a label and a value each.
fn details(e: &EventSummary) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec!["id".to_owned(), e.id.clone()],
        vec!["name".to_owned(), e.name.clone()],
        vec![
            "dates".to_owned(),
            format!("{} to {}", e.start_date, e.end_date),
        ],
        vec!["timezone".to_owned(), e.timezone.clone()],
        vec!["venue".to_owned(), e.venue.clone()],
        vec!["city".to_owned(), e.city.clone()],
        vec!["language".to_owned(), e.language.code().to_owned()],
        vec![
            "attendees".to_owned(),
            format!("{} from {} countries", e.attendee_count, e.country_count),
        ],
    ];
    for o in &e.organizers {
        rows.push(vec![o.role.as_str().to_owned(), o.name.clone()]);
    }
    rows
}

/// `sample` loads the sample seminar, or says that it is already there.
pub(super) fn sample(conn: &mut Connection, out: &mut dyn Write) -> Result<Outcome> {
    let loaded = sample::load(conn, clock::now(), Uuid::now_v7)?;
    let verb = if loaded.created {
        "Loaded"
    } else {
        "Already loaded:"
    };
    line(
        out,
        format_args!(
            "{verb} {} ({} attendees from {} countries), id {}",
            loaded.event.name,
            loaded.event.attendee_count,
            loaded.event.country_count,
            loaded.event.id
        ),
    )?;
    Ok(Outcome::Done)
}
