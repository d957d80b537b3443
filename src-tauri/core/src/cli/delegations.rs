//! `plenary delegation section`: where a delegation is listed in the list of participants.

use super::output::line;
use super::Outcome;
use crate::participants::{self, Section};
use crate::{countries, ops, Result};
use clap::Subcommand;
use rusqlite::Connection;
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
}

pub(super) fn run(
    conn: &mut Connection,
    command: DelegationCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let DelegationCommand::Section {
        country,
        section,
        default: _,
        event,
    } = command;
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
