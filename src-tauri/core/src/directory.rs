//! An in-memory copy of one event's attendee list, in display order, with each person's
//! search key. Searching it is a scan of a few megabytes in memory, so search-as-you-type
//! answers in about a millisecond at 50,000 attendees, where a SQL scan takes tens.
//!
//! A copy is only ever used while it is current: the `event.revision` column is bumped by
//! triggers in the same transaction as any attendee change, whoever makes it (this process,
//! another window, the CLI), and [`DirectoryCache::get`] compares it before every use.

use crate::fold;
use crate::model::{Attendee, AttendeeFilter};
use crate::sql::Connection;
use crate::store::{attendees, events};
use crate::Result;
use memchr::memmem::Finder;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Most query words search honours; more would only narrow further.
const MAX_TOKENS: usize = 8;

/// One event's attendees as of one revision.
pub struct Directory {
    revision: i64,
    /// Shared, so that a search hands out its results without copying them.
    attendees: Vec<Arc<Attendee>>,
    /// Every search key, in list order, each followed by a newline (which no folded query
    /// word contains). One contiguous buffer scans at memory speed; keys scattered over the
    /// heap cost a cache miss each.
    keys: String,
    /// Where each attendee's key starts in `keys`.
    starts: Vec<usize>,
}

impl Directory {
    /// Reads the event's attendees and their revision in one snapshot.
    pub fn load(conn: &Connection, event_id: &str) -> Result<Directory> {
        // A read transaction, so that the revision and the rows describe the same state.
        let tx = conn.read_transaction()?;
        let revision = events::revision(&tx, event_id)?;
        let rows = attendees::list_with_keys(&tx, event_id)?;
        tx.commit()?;
        let mut keys = String::with_capacity(rows.iter().map(|(_, k)| k.len() + 1).sum());
        let mut starts = Vec::with_capacity(rows.len());
        let mut list = Vec::with_capacity(rows.len());
        for (attendee, key) in rows {
            starts.push(keys.len());
            keys.push_str(&key.replace('\n', " "));
            keys.push('\n');
            list.push(Arc::new(attendee));
        }
        Ok(Directory {
            revision,
            attendees: list,
            keys,
            starts,
        })
    }

    pub fn len(&self) -> usize {
        self.attendees.len()
    }

    pub fn is_empty(&self) -> bool {
        self.attendees.is_empty()
    }

    /// The attendees that pass `filter`, in display order. Every word of the search must
    /// occur in the person's folded names, organisation or email.
    pub fn search(&self, filter: &AttendeeFilter) -> Vec<Arc<Attendee>> {
        let tokens: Vec<String> = filter
            .search
            .as_deref()
            .map(fold::query_tokens)
            .unwrap_or_default()
            .into_iter()
            .take(MAX_TOKENS)
            .collect();
        let country = filter
            .country
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(str::to_uppercase);
        let category = filter.category.as_deref().filter(|c| !c.is_empty());
        let candidates: Vec<usize> = match tokens.split_first() {
            None => (0..self.attendees.len()).collect(),
            Some((first, rest)) => {
                let rest: Vec<Finder<'_>> =
                    rest.iter().map(|t| Finder::new(t.as_bytes())).collect();
                self.containing(first)
                    .into_iter()
                    .filter(|&i| rest.iter().all(|f| f.find(self.key(i)).is_some()))
                    .collect()
            }
        };
        candidates
            .into_iter()
            .map(|i| &self.attendees[i])
            .filter(|a| {
                country.as_deref().is_none_or(|c| a.country == c)
                    && category.is_none_or(|c| a.category == c)
            })
            .cloned()
            .collect()
    }

    /// The indices of the attendees whose key contains `word`, in list order: one pass of a
    /// prepared substring searcher over the whole buffer.
    fn containing(&self, word: &str) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        for position in Finder::new(word.as_bytes()).find_iter(self.keys.as_bytes()) {
            let index = self.starts.partition_point(|&s| s <= position) - 1;
            if found.last() != Some(&index) {
                found.push(index);
            }
        }
        found
    }

    fn key(&self, index: usize) -> &[u8] {
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.keys.len());
        &self.keys.as_bytes()[self.starts[index]..end]
    }
}

/// Current directories by event id, shared by the app's commands.
#[derive(Default)]
pub struct DirectoryCache {
    by_event: Mutex<HashMap<String, Arc<Directory>>>,
}

impl DirectoryCache {
    /// The event's directory, reloaded first if any attendee changed since it was read.
    pub fn get(&self, conn: &Connection, event_id: &str) -> Result<Arc<Directory>> {
        let revision = events::revision(conn, event_id)?;
        if let Some(current) = self.lock().get(event_id).filter(|d| d.revision == revision) {
            return Ok(Arc::clone(current));
        }
        // Loaded without holding the lock, so one slow load never blocks other events.
        let fresh = Arc::new(Directory::load(conn, event_id)?);
        self.lock().insert(event_id.to_owned(), Arc::clone(&fresh));
        Ok(fresh)
    }

    /// Forgets every copy, e.g. after a restore replaced the database under them.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Directory>>> {
        // The map holds only immutable snapshots, so a panic elsewhere cannot leave it torn.
        self.by_event
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AttendeeInput;
    use crate::{db, ops};
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    fn person(given: &str, family: &str) -> AttendeeInput {
        AttendeeInput {
            given_name: given.into(),
            family_name: family.into(),
            country: "BR".into(),
            category: "official".into(),
            ..AttendeeInput::default()
        }
    }

    #[test]
    fn the_cache_sees_changes_made_through_another_connection() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| crate::Error::Io {
            path: "tmp".into(),
            source: e,
        })?;
        let path = dir.path().join("c.db");
        let now = Utc
            .with_ymd_and_hms(2024, 8, 1, 0, 0, 0)
            .single()
            .unwrap_or_default();
        let mut app = db::open(&path)?;
        let mut cli = db::open(&path)?;
        let event = ops::create_event(
            &mut app,
            Uuid::from_u128(1),
            &crate::sample::event_input(),
            now,
        )?;
        let cache = DirectoryCache::default();
        let search = AttendeeFilter {
            search: Some("silva".into()),
            ..Default::default()
        };
        assert!(ops::list_attendees_cached(&app, &cache, &event.id, &search)?.is_empty());

        // Another process (here, another connection) adds, then edits, then deletes.
        let a = ops::register_attendee(
            &mut cli,
            &event.id,
            Uuid::from_u128(2),
            &person("Ana", "Silva"),
            now,
        )?;
        assert_eq!(
            ops::list_attendees_cached(&app, &cache, &event.id, &search)?.len(),
            1,
            "an insert makes the copy stale"
        );
        ops::update_attendee(&mut cli, &a.id, &person("Ana", "Souza"), now)?;
        assert!(
            ops::list_attendees_cached(&app, &cache, &event.id, &search)?.is_empty(),
            "so does an update"
        );
        let souza = AttendeeFilter {
            search: Some("souza".into()),
            ..Default::default()
        };
        assert_eq!(
            ops::list_attendees_cached(&app, &cache, &event.id, &souza)?.len(),
            1
        );
        ops::delete_attendee(&mut cli, &a.id)?;
        assert!(
            ops::list_attendees_cached(&app, &cache, &event.id, &souza)?.is_empty(),
            "and a delete"
        );
        Ok(())
    }
}
