//! `plenary server setup`: prepares a PostgreSQL database for an event that several desks
//! share (`crate::server`): the schema at this build's version, and a desk's rights for a role.

use super::output::line;
use super::Outcome;
use crate::{server, Result};
use clap::Subcommand;
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum ServerCommand {
    /// Set up (or bring up to date) the schema of a PostgreSQL database, as its owner, and
    /// with --desk-role give an existing login role a registration desk's rights there
    /// (docs/server.md). The address is postgresql://user@host:port/database; the password
    /// comes from it, PGPASSWORD or ~/.pgpass.
    Setup {
        #[arg(value_name = "ADDRESS")]
        address: String,
        #[arg(long, value_name = "ROLE")]
        desk_role: Option<String>,
    },
}

pub(super) fn run(command: ServerCommand, out: &mut dyn Write) -> Result<Outcome> {
    let ServerCommand::Setup { address, desk_role } = command;
    let mut client = server::connect(&address)?;
    let version = server::migrate(&mut client)?;
    // The sort keys' collation is recorded now, so that a desk's first open (which may not
    // write them) finds nothing to do.
    server::refresh_sort_keys(&mut client)?;
    line(
        out,
        format_args!("The server's schema is at version {version}."),
    )?;
    if let Some(role) = desk_role {
        server::grant_desk(&mut client, &role)?;
        line(
            out,
            format_args!("{role} has a registration desk's rights on this database."),
        )?;
    }
    Ok(Outcome::Done)
}
