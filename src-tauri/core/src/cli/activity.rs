//! The audit log: `plenary activity` and `plenary undo`.

use super::output::{confirm, json, line, table};
use super::Outcome;
use crate::sql::Connection;
use crate::{audit, ops, Code, Error, Result};
use clap::Args;
use std::io::Write;

// The flags of `plenary activity`; its help text is the doc comment of `Command::Activity`.
#[derive(Args, Debug)]
pub struct Activity {
    #[arg(long)]
    event: Option<String>,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

// The flags of `plenary undo`.
#[derive(Args, Debug)]
pub struct Undo {
    #[arg(long)]
    event: Option<String>,
    #[arg(long)]
    entry: Option<u32>,
    #[arg(long)]
    yes: bool,
}

/// `activity` lists an event's newest changes, newest first (`audit::activity`).
pub(super) fn activity(conn: &Connection, a: Activity, out: &mut dyn Write) -> Result<Outcome> {
    let event_id = ops::resolve_event(conn, a.event.as_deref())?;
    let log = audit::activity(conn, &event_id, a.limit)?;
    if a.json {
        json(out, &log)?;
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
        table(out, rows)?;
    }
    Ok(Outcome::Done)
}

/// `undo` reverts one entry of the log (`audit::undo`): the one given with `--entry`, else
/// the newest that can be undone.
pub(super) fn undo(conn: &mut Connection, u: Undo, out: &mut dyn Write) -> Result<Outcome> {
    let event_id = ops::resolve_event(conn, u.event.as_deref())?;
    let target = match u.entry {
        Some(id) => Some(id),
        None => audit::last_undoable(conn, &event_id)?,
    };
    let Some(target) = target else {
        line(out, "Nothing to undo.")?;
        return Ok(Outcome::Done);
    };
    if !u.yes && !confirm(&format!("Undo change {target}?"))? {
        return Err(Error::invalid("yes", Code::NothingUndone));
    }
    let done = audit::undo(conn, target)?;
    line(out, done.summary)?;
    Ok(Outcome::Done)
}
