//! The list of participants, as every UN meeting publishes it: by section (Member States, then
//! observers, the UN system, other organisations), countries by their UN short name in the
//! document's language, and within a delegation its head first, then the others by family name.
//! Only people still attending are listed. A delegation's section is the organiser's choice
//! (`delegation` table, schema v9), else the default: observers for the Holy See and the State
//! of Palestine (the General Assembly's non-member observer States), Member States for the
//! others; people without a country are listed under other organisations, by organisation.
//!
//! The layout is `print/templates/participants.typ` (through `print::data`); the CSV and XLSX
//! export is `exchange::tabular`.

use crate::model::{Attendee, AttendeeFilter};
use crate::sql::Connection;
use crate::store::{delegations, events};
use crate::tx::write_tx;
use crate::{countries, ops, Code, FieldError, Result};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use crate::model::Section;

/// The section of every delegation the organiser placed by hand.
pub fn chosen_sections(conn: &Connection, event_id: &str) -> Result<BTreeMap<String, Section>> {
    Ok(delegations::sections(conn, event_id)?
        .into_iter()
        .filter_map(|(country, s)| Some((country, Section::parse(&s)?)))
        .collect())
}

/// A delegation's section: the organiser's choice, else the default.
pub fn section_of(chosen: &BTreeMap<String, Section>, country: &str) -> Section {
    chosen
        .get(country)
        .copied()
        .unwrap_or_else(|| Section::default_for(country))
}

/// One delegation of the list (or, for people without a country, one organisation).
#[derive(Debug, Clone)]
pub struct Group {
    /// The name it is listed under: the country's name in the document's language, or the
    /// organisation's.
    pub name: String,
    /// The alpha-2 code, or empty for an organisation.
    pub country: String,
    /// Its people still attending: the head of delegation first, then the list's order.
    pub people: Vec<Arc<Attendee>>,
    /// True when the first person is the head of delegation.
    pub has_head: bool,
}

/// The order of the list's sections for an event: the organiser's (protocol settings), else
/// the UN's usual one ([`Section::ALL`]).
pub fn section_order(conn: &Connection, event_id: &str) -> Result<Vec<Section>> {
    let stored = crate::store::letters::settings(conn, event_id)?.and_then(|s| s.section_order);
    let parsed = stored.and_then(|text| {
        let names: Vec<String> = serde_json::from_str(&text).ok()?;
        names
            .iter()
            .map(|n| Section::parse(n))
            .collect::<Option<Vec<_>>>()
    });
    Ok(match parsed {
        Some(order) if is_complete(&order) => order,
        _ => Section::ALL.to_vec(),
    })
}

/// True when the order names each of the four sections once.
fn is_complete(order: &[Section]) -> bool {
    order.len() == Section::ALL.len() && Section::ALL.iter().all(|s| order.contains(s))
}

/// Sets the order of the list's sections (`None`: back to the UN's usual order). The order
/// must name each of the four sections once.
pub fn set_section_order(
    conn: &mut Connection,
    event_id: &str,
    order: Option<&[Section]>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Section>> {
    if let Some(order) = order.filter(|o| !is_complete(o)) {
        let given: Vec<&str> = order.iter().map(|s| s.as_str()).collect();
        return Err(FieldError::new("sections", Code::BadSectionOrder)
            .param("value", given.join(","))
            .into());
    }
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    let mut row = crate::store::letters::settings(&tx, event_id)?.unwrap_or_default();
    row.section_order = order.map(|o| {
        serde_json::to_string(&o.iter().map(|s| s.as_str()).collect::<Vec<_>>()).unwrap_or_default()
    });
    crate::store::letters::put_settings(&tx, event_id, &row, &crate::clock::timestamp(now))?;
    tx.describe(match order {
        Some(o) => format!(
            "Set the order of the list of participants: {}",
            o.iter()
                .map(|s| s.as_str().replace('_', " "))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "Put the list of participants back in the usual order".to_owned(),
    });
    tx.for_event(event_id);
    tx.commit()?;
    section_order(conn, event_id)
}

/// The list in order: each section (in the event's [`section_order`]) with its groups sorted by
/// `compare` on their names. `country_name` names a country (in the document's language);
/// `no_organization` names the group of people with neither a country nor an organisation.
pub fn list(
    conn: &Connection,
    event_id: &str,
    country_name: impl Fn(&str) -> String,
    no_organization: &str,
    compare: impl Fn(&str, &str) -> Ordering,
) -> Result<Vec<(Section, Vec<Group>)>> {
    // One read of the delegations gives both their heads and the sections chosen (the
    // store's list, without the heads' names that `ops::list_delegations` looks up).
    let mut chosen: BTreeMap<String, Section> = BTreeMap::new();
    let mut heads: HashMap<String, String> = HashMap::new();
    for d in delegations::list(conn, event_id)? {
        if let Some(section) = d.section {
            chosen.insert(d.country.clone(), section);
        }
        if let Some(head) = d.head_id {
            heads.insert(d.country, head);
        }
    }
    let mut sections: BTreeMap<Section, Vec<Group>> = BTreeMap::new();
    for a in ops::list_attendees(conn, event_id, &AttendeeFilter::default())? {
        if !a.attending {
            continue;
        }
        let name = if !a.country.is_empty() {
            country_name(&a.country)
        } else if !a.organization.trim().is_empty() {
            a.organization.trim().to_owned()
        } else {
            no_organization.to_owned()
        };
        let groups = sections.entry(section_of(&chosen, &a.country)).or_default();
        match groups.iter_mut().find(|g| g.name == name) {
            Some(g) => g.people.push(a),
            None => groups.push(Group {
                name,
                country: a.country.clone(),
                people: vec![a],
                has_head: false,
            }),
        }
    }
    let order = section_order(conn, event_id)?;
    let mut sections: Vec<(Section, Vec<Group>)> = sections.into_iter().collect();
    sections.sort_by_key(|(s, _)| order.iter().position(|o| o == s));
    Ok(sections
        .into_iter()
        .map(|(section, mut groups)| {
            groups.sort_by(|a, b| compare(&a.name, &b.name));
            for g in &mut groups {
                let head = heads.get(&g.country);
                if let Some(at) = head.and_then(|h| g.people.iter().position(|p| p.id == *h)) {
                    let head = g.people.remove(at);
                    g.people.insert(0, head);
                    g.has_head = true;
                }
            }
            (section, groups)
        })
        .collect())
}

/// Puts a country's delegation in a section (`None`: back to the default).
pub fn set_section(
    conn: &mut Connection,
    event_id: &str,
    country: &str,
    section: Option<Section>,
) -> Result<()> {
    let code = countries::known_code("country", country)?;
    let mut tx = write_tx(conn)?;
    events::revision(&tx, event_id)?;
    delegations::set_section(&tx, event_id, &code, section.map(Section::as_str))?;
    let name = countries::name(&code).unwrap_or(&code);
    tx.describe(match section {
        Some(s) => format!("Listed {name} under {}", s.as_str().replace('_', " ")),
        None => format!("Listed {name} under its default section"),
    });
    tx.for_event(event_id);
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observers_and_organisations_by_default() {
        assert_eq!(Section::default_for("VA"), Section::Observer);
        assert_eq!(Section::default_for("PS"), Section::Observer);
        assert_eq!(Section::default_for("FR"), Section::MemberState);
        assert_eq!(Section::default_for(""), Section::Organization);
        let chosen = BTreeMap::from([("FR".to_owned(), Section::UnSystem)]);
        assert_eq!(section_of(&chosen, "FR"), Section::UnSystem);
        assert_eq!(section_of(&chosen, "DE"), Section::MemberState);
        for s in Section::ALL {
            assert_eq!(Section::parse(s.as_str()), Some(s));
        }
    }
}
