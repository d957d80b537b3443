//! `plenary seating draw|set|list`: the plenary hall's seating order (`crate::seating`).

use super::output::{json, line, table};
use super::Outcome;
use crate::seating::{self, Plan};
use crate::{clock, ops, Code, Error, Result};
use clap::Subcommand;
use rusqlite::Connection;
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum SeatingCommand {
    /// Draw by lot the country the seating order starts from (recorded in the activity log
    /// with who drew it and when), and print the plan.
    Draw {
        #[arg(long)]
        event: Option<String>,
    },
    /// Set the country drawn elsewhere (--first, an alpha-2 code) and/or the seats each
    /// delegation has (--seats, 1 to 9; default 2: one at the table, one behind).
    Set {
        #[arg(long, value_name = "CC")]
        first: Option<String>,
        #[arg(long, value_name = "N")]
        seats: Option<u32>,
        #[arg(long)]
        event: Option<String>,
    },
    /// List the seats in order: delegations in English alphabetical order of their UN short
    /// names, from the country drawn. --json: an array of objects with seat, country, name
    /// and people (the ids of the delegation's seated members, head first).
    List {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        event: Option<String>,
    },
}

pub(super) fn run(
    conn: &mut Connection,
    command: SeatingCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        SeatingCommand::Draw { event } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let plan = seating::draw(conn, &event_id, clock::now())?;
            if let Some(first) = plan.seats.first() {
                line(
                    out,
                    format_args!(
                        "Drawn by lot: {} ({}) sits first.",
                        first.name, first.country
                    ),
                )?;
            }
            print_plan(&plan, out)?;
        }
        SeatingCommand::Set {
            first,
            seats,
            event,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            if first.is_none() && seats.is_none() {
                return Err(Error::invalid("first", Code::GiveFirstOrSeats));
            }
            let plan = seating::set(conn, &event_id, first.as_deref(), seats, clock::now())?;
            print_plan(&plan, out)?;
        }
        SeatingCommand::List {
            json: as_json,
            event,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let plan = seating::plan(conn, &event_id)?;
            if as_json {
                json(out, &plan.seats)?;
            } else {
                print_plan(&plan, out)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// The plan as aligned columns: seat, country, name, and the seated people's names.
fn print_plan(plan: &Plan, out: &mut dyn Write) -> Result<()> {
    let how = match (plan.method.as_deref(), plan.first_country.as_deref()) {
        (Some("draw"), Some(code)) => format!("drawn by lot: {code}"),
        (Some(_), Some(code)) => format!("set: {code}"),
        _ => "no country drawn yet".to_owned(),
    };
    line(
        out,
        format_args!(
            "{} delegations, {} seats each; {how}",
            plan.seats.len(),
            plan.seats_per_delegation
        ),
    )?;
    let rows = plan
        .seats
        .iter()
        .map(|seat| {
            vec![
                seat.seat.to_string(),
                seat.country.clone(),
                seat.name.clone(),
                seat.people_names.join("; "),
            ]
        })
        .collect();
    table(out, rows)
}
