//! `plenary delegation section|order`: where a delegation is listed in the list of
//! participants, and the order of the list's sections.

use super::output::line;
use super::Outcome;
use crate::participants::{self, Section};
use crate::sql::Connection;
use crate::{countries, ops, Result};
use clap::Subcommand;
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum DelegationCommand {
    /// List a country's delegation under a section of the list of participants:
    /// member-state, observer, un-system or organization; --default puts it back (observers
    /// for the Holy See and the State of Palestine, Member States for the others).
    Section {
        #[arg(long, value_name = "CC")]
        country: String,
        #[arg(
            long,
            value_enum,
            conflicts_with = "default",
            required_unless_present = "default"
        )]
        section: Option<Section>,
        #[arg(long)]
        default: bool,
        #[arg(long)]
        event: Option<String>,
    },
    /// Set the order of the sections of the list of participants: the four sections once
    /// each, comma-separated (member-state,observer,un-system,organization is the default,
    /// which --default puts back).
    Order {
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            conflicts_with = "default",
            required_unless_present = "default"
        )]
        sections: Vec<Section>,
        #[arg(long)]
        default: bool,
        #[arg(long)]
        event: Option<String>,
    },
}

pub(super) fn run(
    conn: &mut Connection,
    command: DelegationCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let (country, section, event) = match command {
        DelegationCommand::Section {
            country,
            section,
            default: _,
            event,
        } => (country, section, event),
        DelegationCommand::Order {
            sections,
            default,
            event,
        } => {
            let event_id = ops::resolve_event(conn, event.as_deref())?;
            let order = participants::set_section_order(
                conn,
                &event_id,
                (!default).then_some(sections.as_slice()),
                crate::clock::now(),
            )?;
            let names: Vec<String> = order.iter().map(|s| s.as_str().replace('_', " ")).collect();
            line(
                out,
                format_args!(
                    "The list of participants is in this order: {}.",
                    names.join(", ")
                ),
            )?;
            return Ok(Outcome::Done);
        }
    };
    let event_id = ops::resolve_event(conn, event.as_deref())?;
    participants::set_section(conn, &event_id, &country, section)?;
    let code = country.trim().to_uppercase();
    let chosen = participants::chosen_sections(conn, &event_id)?;
    let now = participants::section_of(&chosen, &code);
    line(
        out,
        format_args!(
            "{} is listed under {}.",
            countries::name(&code).unwrap_or(&code),
            now.as_str().replace('_', " ")
        ),
    )?;
    Ok(Outcome::Done)
}
