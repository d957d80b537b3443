//! `plenary report`: counts drawn from the data, for the people who serve the event.

use super::output::{json, line, table};
use super::Outcome;
use crate::sql::Connection;
use crate::{meals, ops, Result};
use clap::{Args, Subcommand};
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// For each meal of the programme, the people expected and their dietary needs
    /// (vegetarian, vegan, halal, kosher, gluten-free, allergies, none, or "other: TEXT" as
    /// typed). A meal with sign-ups expects only the attending people signed up.
    Meals(Meals),
}

#[derive(Args, Debug)]
pub struct Meals {
    #[arg(long)]
    event: Option<String>,
    /// A JSON array, one object per meal: session_id, title, start, total, counts.
    #[arg(long)]
    json: bool,
}

pub(super) fn run(
    conn: &Connection,
    command: ReportCommand,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match command {
        ReportCommand::Meals(m) => meal_report(conn, m, out),
    }
}

/// `report meals` prints `meals::meal_counts`: a block per meal, or the JSON array.
fn meal_report(conn: &Connection, m: Meals, out: &mut dyn Write) -> Result<Outcome> {
    let event_id = ops::resolve_event(conn, m.event.as_deref())?;
    let counts = meals::meal_counts(conn, &event_id)?;
    if m.json {
        json(out, &counts)?;
        return Ok(Outcome::Done);
    }
    if counts.is_empty() {
        line(out, "No meals in the programme (sessions of type meal).")?;
    }
    for (i, meal) in counts.iter().enumerate() {
        if i > 0 {
            line(out, "")?;
        }
        // The start as written, "2024-09-03T12:00:00+08:00": date and time in the event's zone.
        let when = meal
            .start
            .get(..16)
            .unwrap_or(&meal.start)
            .replace('T', " ");
        let signed = if meal.by_signup { " (signed up)" } else { "" };
        line(
            out,
            format_args!("{when}  {}: {} expected{signed}", meal.title, meal.total),
        )?;
        // The caterer's order: the categories, then the values none of them matched.
        let known: Vec<String> = meals::NEEDS.iter().map(meals::Need::key).collect();
        let others = meal.counts.keys().filter(|k| !known.contains(k)).cloned();
        let rows: Vec<Vec<String>> = known
            .iter()
            .cloned()
            .chain(others)
            .filter_map(|need| {
                let n = meal.counts.get(&need).copied().unwrap_or(0);
                (n > 0).then(|| vec![format!("  {need}"), n.to_string()])
            })
            .collect();
        table(out, rows)?;
        for allergy in &meal.allergies {
            line(out, format_args!("  - {}: {}", allergy.name, allergy.text))?;
        }
    }
    Ok(Outcome::Done)
}
