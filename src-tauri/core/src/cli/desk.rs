//! The registration desk: `plenary checkin` and `plenary attendance`.

use super::output::line;
use super::Outcome;
use crate::model::Attendee;
use crate::sql::Connection;
use crate::{clock, desk, names, ops, Code, Error, Result};
use clap::Args;
use std::io::Write;

// The flags of `plenary checkin`; its help text is the doc comment of `Command::Checkin`.
#[derive(Args, Debug)]
pub struct Checkin {
    #[arg(long, conflicts_with = "search", required_unless_present = "search")]
    person: Option<String>,
    #[arg(long)]
    search: Option<String>,
    #[arg(long)]
    event: Option<String>,
}

// The flags of `plenary attendance`.
#[derive(Args, Debug)]
pub struct Attendance {
    #[arg(long)]
    session: String,
    #[arg(long)]
    person: String,
    #[arg(long)]
    absent: bool,
}

/// `checkin` checks one person in (`desk::check_in`), found by id or by a search that must
/// match exactly one person (`desk::check_in_by_search`).
pub(super) fn checkin(conn: &mut Connection, c: Checkin, out: &mut dyn Write) -> Result<Outcome> {
    let attendee = check_in_person(conn, c)?;
    print_checked_in(out, &attendee)?;
    Ok(Outcome::Done)
}

/// The person `checkin` names: by id, or by a search that must match exactly one person.
pub(super) fn find_person(conn: &Connection, c: &Checkin) -> Result<String> {
    match (&c.person, &c.search) {
        (Some(person), _) => Ok(person.clone()),
        (None, Some(search)) => {
            let event_id = ops::resolve_event(conn, c.event.as_deref())?;
            desk::find_one(conn, &event_id, search)
        }
        (None, None) => Err(Error::invalid("person", Code::GivePersonOrSearch)),
    }
}

pub(super) fn check_in_person(conn: &mut Connection, c: Checkin) -> Result<Attendee> {
    let person = find_person(conn, &c)?;
    desk::check_in(conn, &person, clock::now())
}

pub(super) fn print_checked_in(out: &mut dyn Write, attendee: &Attendee) -> Result<()> {
    line(
        out,
        format_args!(
            "Checked in {} at {}",
            names::display(attendee, false),
            attendee.checked_in_at.as_deref().unwrap_or("?")
        ),
    )
}

/// `attendance` ticks a person off at a session, or takes it back (`desk::mark_attendance`),
/// and prints how many are present.
pub(super) fn attendance(
    conn: &mut Connection,
    a: Attendance,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let sheet = desk::mark_attendance(conn, &a.session, &a.person, !a.absent, clock::now())?;
    let present = sheet.rows.iter().filter(|r| r.present).count();
    line(out, format_args!("“{}”: {present} present", sheet.title))?;
    Ok(Outcome::Done)
}
