//! `plenary check`: the conflict warnings that nobody has accepted.

use super::output::{json, line};
use super::Outcome;
use crate::schedule::ops as sched;
use crate::sql::Connection;
use crate::{ops, Result};
use clap::Args;
use std::io::Write;

// The flags of `plenary check`; its help text is the doc comment of `Command::Check`.
#[derive(Args, Debug)]
pub struct Check {
    #[arg(long)]
    event: Option<String>,
    #[arg(long)]
    json: bool,
}

/// `check` lists the open warnings (`schedule::ops::check`, less the accepted ones); any
/// warning makes the outcome a warning (exit code 3), so that a script can stop on it.
pub(super) fn check(conn: &Connection, c: Check, out: &mut dyn Write) -> Result<Outcome> {
    let event_id = ops::resolve_event(conn, c.event.as_deref())?;
    let open: Vec<_> = sched::check(conn, &event_id)?
        .into_iter()
        .filter(|w| !w.accepted)
        .collect();
    if c.json {
        // The contract form of a warning: without `accepted`, which is always false here.
        let rows: Vec<serde_json::Value> = open
            .iter()
            .map(|w| {
                serde_json::json!({
                    "kind": w.kind,
                    "key": w.key,
                    "message": w.message,
                    "fix": w.fix,
                    "sessions": w.sessions,
                    "people": w.people,
                })
            })
            .collect();
        json(out, &rows)?;
    } else if open.is_empty() {
        line(out, "No conflicts.")?;
    } else {
        for w in &open {
            line(
                out,
                format_args!("{}: {} {}", w.kind.as_str(), w.message, w.fix),
            )?;
        }
    }
    if open.is_empty() {
        Ok(Outcome::Done)
    } else {
        Ok(Outcome::Warnings)
    }
}
