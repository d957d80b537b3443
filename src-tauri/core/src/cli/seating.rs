//! `plenary seating draw|set|list`: the plenary hall's seating order (`crate::seating`).

use super::output::{json, line, table};
use super::Outcome;
use crate::seating::{self, Placement, Plan, SeatingChanges};
use crate::sql::Connection;
use crate::{clock, ops, Code, Error, FieldError, Result};
use clap::Subcommand;
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum SeatingCommand {
    /// Draw by lot the country the seating order starts from (recorded in the activity log
    /// with who drew it and when), and print the plan.
    Draw {
        #[arg(long)]
        event: Option<String>,
    },
    /// Set the country drawn elsewhere (--first, an alpha-2 code; clears swaps made by hand),
    /// the seats each delegation has (--seats, 1 to 9; default 2: one at the table, one
    /// behind), where the hosts and the UN system sit, and accessible places.
    Set {
        #[arg(long, value_name = "CC")]
        first: Option<String>,
        #[arg(long, value_name = "N")]
        seats: Option<u32>,
        /// The host country (alpha-2); "" clears it.
        #[arg(long, value_name = "CC")]
        host: Option<String>,
        /// Where the host country's delegation sits: in the order, on the podium, or at the
        /// ends (the first places).
        #[arg(long, value_enum)]
        hosts: Option<Placement>,
        /// Where the UN system's delegations sit (the section un-system of the list of
        /// participants): in the order, on the podium, or at the ends (the last places).
        #[arg(long, value_enum)]
        un: Option<Placement>,
        /// The delegations that need an accessible place, comma-separated ("" for none); each
        /// takes the nearest accessible place and the delegations after it move along.
        #[arg(long, value_name = "CC,CC")]
        accessible: Option<String>,
        /// The hall's accessible places, comma-separated ("" for the default: both ends of
        /// each row of six).
        #[arg(long, value_name = "N,N")]
        accessible_places: Option<String>,
        #[arg(long)]
        event: Option<String>,
    },
    /// Swap the places of two delegations by hand (alpha-2 codes); logged. The plan then
    /// departs from the order drawn until `seating unswap` or a new draw.
    Swap {
        #[arg(value_name = "CC")]
        a: String,
        #[arg(value_name = "CC")]
        b: String,
        #[arg(long)]
        event: Option<String>,
    },
    /// Take back every swap made by hand: the plan follows the order drawn again.
    Unswap {
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
            host,
            hosts,
            un,
            accessible,
            accessible_places,
            event,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let places = accessible_places
                .as_deref()
                .map(|list| {
                    split(list)
                        .map(|p| {
                            p.parse::<u32>().map_err(|_| {
                                Error::from(
                                    FieldError::new("accessible_places", Code::BadAccessibleSeat)
                                        .param("value", p)
                                        .param("max", seating::MAX_PLACE.to_string()),
                                )
                            })
                        })
                        .collect::<Result<Vec<u32>>>()
                })
                .transpose()?;
            let changes = SeatingChanges {
                first,
                seats,
                host_country: host,
                hosts_place: hosts,
                un_place: un,
                accessible_countries: accessible
                    .as_deref()
                    .map(|list| split(list).map(str::to_owned).collect()),
                accessible_seats: places,
            };
            if changes == SeatingChanges::default() {
                return Err(Error::invalid("first", Code::GiveFirstOrSeats));
            }
            let plan = seating::change(conn, &event_id, &changes, clock::now())?;
            print_plan(&plan, out)?;
        }
        SeatingCommand::Swap { a, b, event } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let plan = seating::swap(conn, &event_id, &a, &b, clock::now())?;
            print_plan(&plan, out)?;
        }
        SeatingCommand::Unswap { event } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let plan = seating::clear_swaps(conn, &event_id, clock::now())?;
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
    if plan.swaps > 0 {
        line(
            out,
            format_args!(
                "{} swap(s) made by hand: the plan departs from the order drawn",
                plan.swaps
            ),
        )?;
    }
    let row = |place: String, seat: &seating::Seat| {
        let mut name = seat.name.clone();
        if seat.needs_access {
            name.push_str(" (accessible place)");
        }
        vec![
            place,
            seat.country.clone(),
            name,
            seat.people_names.join("; "),
        ]
    };
    let rows = plan
        .podium
        .iter()
        .map(|seat| row(format!("podium {}", seat.seat), seat))
        .chain(plan.seats.iter().map(|seat| {
            let place = if seat.accessible {
                format!("{} ♿", seat.seat)
            } else {
                seat.seat.to_string()
            };
            row(place, seat)
        }))
        .collect();
    table(out, rows)
}

/// The items of a comma-separated list, trimmed, empty ones left out.
fn split(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty())
}
