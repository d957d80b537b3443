//! The sample seminar: the Shanghai AI capacity-building workshop of 3 to 6 September 2024
//! (facts from `../shared/domain/seminar.md`, beside the repository), with about 120
//! fictitious attendees from some 40 countries in many scripts. Every fictitious person is
//! marked as sample data in their notes.
//!
//! Loading the sample twice finds the first copy by its `sample_key` and creates nothing.

mod programme;

use crate::model::{AttendeeInput, EventInput, EventSummary, NameOrder, Organizer, OrganizerRole};
use crate::sql::Connection;
use crate::store::{attendees, delegations, events};
use crate::{ops, validate, Error, Result};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Marks the sample event in the store.
pub const SAMPLE_KEY: &str = "shanghai-ai-capacity-building-2024";
/// The note every fictitious person carries.
pub const SAMPLE_NOTE: &str = "Sample data: a fictitious person.";

const ATTENDEES_TSV: &str = include_str!("attendees.tsv");

/// The outcome of loading the sample.
pub struct Loaded {
    pub event: EventSummary,
    /// False when the sample was already in the store.
    pub created: bool,
}

/// The event itself.
pub fn event_input() -> EventInput {
    EventInput {
        name: "Workshop on Capacity-building of Artificial Intelligence (sample)".into(),
        venue: "Shanghai International Conference Center".into(),
        city: "Shanghai".into(),
        start_date: "2024-09-03".into(),
        end_date: "2024-09-06".into(),
        timezone: "Asia/Shanghai".into(),
        organizers: vec![
            Organizer {
                name: "Ministry of Foreign Affairs of the People's Republic of China".into(),
                role: OrganizerRole::CoSponsor,
            },
            Organizer {
                name: "United Nations".into(),
                role: OrganizerRole::CoSponsor,
            },
            Organizer {
                name: "Shanghai Municipal People's Government".into(),
                role: OrganizerRole::Host,
            },
        ],
        family_name_upper: true,
        language: crate::Lang::En,
    }
}

/// The real speakers of the opening ceremony (`../shared/domain/seminar.md`); the schedule
/// issue gives them their addresses.
pub fn officials() -> Vec<AttendeeInput> {
    vec![
        AttendeeInput {
            honorific: "H.E. Mr".into(),
            given_name: "朝旭".into(),
            family_name: "马".into(),
            name_order: NameOrder::FamilyFirst,
            given_name_latin: "Zhaoxu".into(),
            family_name_latin: "Ma".into(),
            country: "CN".into(),
            organization: "Ministry of Foreign Affairs".into(),
            position: "Vice Foreign Minister".into(),
            category: "speaker".into(),
            languages: vec!["zh".into(), "en".into()],
            notes: "Opening ceremony: video address (remote).".into(),
            ..AttendeeInput::default()
        },
        AttendeeInput {
            honorific: "H.E. Mr".into(),
            given_name: "António".into(),
            family_name: "Guterres".into(),
            name_order: NameOrder::GivenFirst,
            country: "PT".into(),
            organization: "United Nations".into(),
            position: "Secretary-General".into(),
            category: "speaker".into(),
            languages: vec!["pt".into(), "en".into(), "fr".into(), "es".into()],
            notes: "Opening ceremony: address.".into(),
            ..AttendeeInput::default()
        },
        AttendeeInput {
            honorific: "Ms".into(),
            given_name: "杰".into(),
            family_name: "陈".into(),
            name_order: NameOrder::FamilyFirst,
            given_name_latin: "Jie".into(),
            family_name_latin: "Chen".into(),
            country: "CN".into(),
            organization: "Shanghai Municipal People's Government".into(),
            position: "Vice Mayor".into(),
            category: "speaker".into(),
            languages: vec!["zh".into()],
            notes: "Opening ceremony: address.".into(),
            ..AttendeeInput::default()
        },
    ]
}

/// The fictitious attendees, parsed from the embedded table.
pub fn fictitious_attendees() -> Result<Vec<AttendeeInput>> {
    let mut list = Vec::new();
    for (index, line) in ATTENDEES_TSV.lines().enumerate().skip(1) {
        let row = index as u32 + 1;
        let f: Vec<&str> = line.split('\t').collect();
        let [honorific, given, family, order, given_latin, family_latin, country, org, position, category, email, phone, languages, dietary, accessibility] =
            f.as_slice()
        else {
            return Err(sample_error(row, "fields"));
        };
        let name_order = NameOrder::parse(order).ok_or_else(|| sample_error(row, "name_order"))?;
        list.push(AttendeeInput {
            honorific: (*honorific).into(),
            given_name: (*given).into(),
            family_name: (*family).into(),
            name_order,
            given_name_latin: (*given_latin).into(),
            family_name_latin: (*family_latin).into(),
            country: (*country).into(),
            organization: (*org).into(),
            position: (*position).into(),
            category: (*category).into(),
            email: (*email).into(),
            phone: (*phone).into(),
            languages: languages
                .split(';')
                .filter(|l| !l.is_empty())
                .map(Into::into)
                .collect(),
            dietary: (*dietary).into(),
            accessibility: (*accessibility).into(),
            notes: SAMPLE_NOTE.into(),
        });
    }
    Ok(list)
}

fn sample_error(row: u32, what: &str) -> Error {
    crate::FieldError::new("sample", crate::Code::SampleBroken)
        .param("what", what)
        .at_row(Some(row))
        .into()
}

/// Creates the sample seminar unless it is already there. `new_id` supplies the ids.
pub fn load(
    conn: &mut Connection,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> Uuid,
) -> Result<Loaded> {
    if let Some(id) = events::find_by_sample_key(conn, SAMPLE_KEY)? {
        return Ok(Loaded {
            event: events::get(conn, &id)?,
            created: false,
        });
    }
    let event = validate::event(&event_input())?;
    let categories: Vec<String> = crate::model::BUILTIN_CATEGORIES
        .iter()
        .map(|(k, _)| (*k).to_owned())
        .collect();
    let mut people = officials();
    people.extend(fictitious_attendees()?);
    let people = people
        .iter()
        .map(|p| validate::attendee(p, &categories))
        .collect::<Result<Vec<_>>>()?;

    let now = ops::timestamp(now);
    let event_id = new_id().to_string();
    let mut tx = crate::ops::write_tx(conn)?;
    tx.describe("Loaded the sample seminar");
    // Another process may have loaded it while we waited for the write lock.
    if let Some(id) = events::find_by_sample_key(&tx, SAMPLE_KEY)? {
        drop(tx);
        return Ok(Loaded {
            event: events::get(conn, &id)?,
            created: false,
        });
    }
    events::insert(&tx, &event_id, &event, Some(SAMPLE_KEY), &now)?;
    let mut headed = BTreeSet::new();
    let mut stored = Vec::with_capacity(people.len());
    for person in people {
        let id = new_id().to_string();
        attendees::insert(&tx, &id, &event_id, &person, &now, None)?;
        // The first official listed for a country heads its delegation.
        if person.category == "official" && headed.insert(person.country.clone()) {
            delegations::set_head(&tx, &event_id, &person.country, Some(&id))?;
        }
        stored.push((id, person));
    }
    let zone = event
        .timezone
        .parse()
        .map_err(|_| Error::bad_stored("time zone", &event_id))?;
    programme::write(
        &tx,
        &event_id,
        zone,
        &stored,
        officials().len(),
        &now,
        &mut new_id,
    )?;
    tx.commit()?;
    Ok(Loaded {
        event: events::get(conn, &event_id)?,
        created: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_is_varied() -> Result<()> {
        let people = fictitious_attendees()?;
        assert!(
            (100..=140).contains(&people.len()),
            "about 120 people, got {}",
            people.len()
        );
        let countries: BTreeSet<_> = people.iter().map(|p| p.country.as_str()).collect();
        assert!(
            countries.len() >= 35,
            "about 40 countries, got {}",
            countries.len()
        );
        let has = |range: std::ops::RangeInclusive<char>| {
            people.iter().any(|p| {
                p.family_name
                    .chars()
                    .chain(p.given_name.chars())
                    .any(|c| range.contains(&c))
            })
        };
        assert!(
            has('\u{4E00}'..='\u{9FFF}'),
            "Chinese names are in the sample"
        );
        assert!(
            has('\u{0600}'..='\u{06FF}'),
            "Arabic-script names are in the sample"
        );
        assert!(
            has('\u{0400}'..='\u{04FF}'),
            "Cyrillic names are in the sample"
        );
        assert!(
            people.iter().all(|p| p.notes == SAMPLE_NOTE),
            "every person is marked"
        );
        Ok(())
    }
}
