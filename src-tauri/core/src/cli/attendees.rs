//! `plenary attendee add|list|delete`.

use super::output::{confirm, json, line, table};
use super::Outcome;
use crate::model::{AttendeeFilter, AttendeeInput, NameOrder};
use crate::sql::Connection;
use crate::{clock, names, ops, Code, Error, Result};
use clap::{Args, Subcommand, ValueEnum};
use std::io::Write;
use uuid::Uuid;

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

/// `attendee add` registers one person (`ops::register_attendee`), `attendee list` lists an
/// event's people (`ops::list_attendees`), `attendee delete` removes one
/// (`ops::delete_attendee_because`).
pub(super) fn attendee(
    conn: &mut Connection,
    command: AttendeeCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        AttendeeCommand::Add(a) => {
            let event_id = ops::resolve_event(conn, a.event.as_deref())?;
            let input = input_of(*a);
            let attendee =
                ops::register_attendee(conn, &event_id, Uuid::now_v7(), &input, clock::now())?;
            line(out, attendee.id)?;
        }
        AttendeeCommand::List {
            event,
            country,
            category,
            search,
            json: as_json,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let upper = ops::get_event(conn, &event_id)?.family_name_upper;
            let filter = AttendeeFilter {
                search,
                country,
                category,
            };
            let list = ops::list_attendees(conn, &event_id, &filter)?;
            if as_json {
                json(out, &list)?;
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
                table(out, rows)?;
            }
        }
        AttendeeCommand::Delete { id, yes, reason } => {
            let attendee = ops::get_attendee(conn, &id)?;
            let name = names::display(&attendee, false);
            if !yes
                && !confirm(&format!(
                    "Delete {name}? (`plenary undo` brings them back.)"
                ))?
            {
                return Err(Error::invalid("yes", Code::NothingDeleted));
            }
            ops::delete_attendee_because(conn, &id, &reason)?;
            line(out, format_args!("Deleted {name}"))?;
        }
    }
    Ok(Outcome::Done)
}

/// The flags of `attendee add` as the verb's input; `--languages` is a comma-separated list.
fn input_of(a: AddAttendee) -> AttendeeInput {
    AttendeeInput {
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
    }
}
