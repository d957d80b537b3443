//! `plenary event create|list` and `plenary sample`.

use super::output::{json, line, table};
use super::Outcome;
use crate::model::EventInput;
use crate::{clock, ops, sample, Result};
use clap::Subcommand;
use rusqlite::Connection;
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
    },
    /// List the events.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// `event create` makes one event (`ops::create_event`); `event list` lists them all.
pub(super) fn event(
    conn: &mut Connection,
    command: EventCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        EventCommand::Create {
            name,
            start,
            end,
            timezone,
            venue,
            city,
        } => {
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
            let event = ops::create_event(conn, Uuid::now_v7(), &input, clock::now())?;
            line(out, event.id)?;
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
