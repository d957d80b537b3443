//! The one place that reads the wall clock.
//!
//! Rules take `now` as a parameter; the edges (the CLI, the desktop commands, the timers) ask
//! this module for it. In debug builds `PLENARY_NOW` (an RFC 3339 instant) fixes the clock for
//! the whole process, so that tests of the CLI and of the app print stable times. Release
//! builds always read the system clock.

use chrono::{DateTime, SecondsFormat, Utc};

/// The current instant, in UTC.
pub fn now() -> DateTime<Utc> {
    fixed().unwrap_or_else(Utc::now)
}

/// Today's date on the computer's own calendar (its local zone), for what is printed "as of
/// today"; it follows [`now`], so `PLENARY_NOW` fixes it too.
pub fn today_local() -> chrono::NaiveDate {
    now().with_timezone(&chrono::Local).date_naive()
}

/// The stored form of an instant: RFC 3339 in UTC with milliseconds.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(debug_assertions)]
fn fixed() -> Option<DateTime<Utc>> {
    use std::sync::OnceLock;
    static FIXED: OnceLock<Option<DateTime<Utc>>> = OnceLock::new();
    *FIXED.get_or_init(|| {
        let text = std::env::var("PLENARY_NOW").ok()?;
        DateTime::parse_from_rfc3339(&text)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    })
}

#[cfg(not(debug_assertions))]
fn fixed() -> Option<DateTime<Utc>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_moves_with_the_system_clock_when_nothing_fixes_it() {
        // The unit tests never set PLENARY_NOW, so two readings a moment apart must differ
        // by no more than the moment and never go backwards.
        let a = now();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let b = now();
        assert!(b > a, "the clock stood still: {a} then {b}");
        assert!((b - a).num_seconds() < 5);
    }
}
