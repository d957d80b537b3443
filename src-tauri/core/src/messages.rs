//! Every message the core can send to a person, as a code with parameters. The app renders the
//! code from its locale files (`messages.<code>`) in the user's language; the CLI and the log
//! render the same key from `en.json` through the [`catalogue`], so there is one text per
//! message and no second list to drift.
//!
//! The codes are a closed set: [`Code`] names each one, every constructor takes a `Code`, and a
//! test fails when a code has no text in one of the six locale files.
//!
//! Parameters are strings. By convention a name ending in `_at`, or the pair `start`/`end` (and
//! `<x>_start`/`<x>_end`), holds an RFC 3339 instant, formatted in the zone named by the `zone`
//! parameter; such a pair also gives `when` (or `<x>_when`), the span as "Tue 3 Sep 09:00–10:30".
//! A name ending in `_date` holds a `YYYY-MM-DD` calendar date. `count` and plain numbers are
//! numbers; every other parameter is user data (a name, a title, a file name), which the app
//! isolates (U+2068 … U+2069) so that it keeps its own direction inside the sentence.

use std::collections::BTreeMap;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::{catalogue, Lang};

/// A message's parameters, by name.
pub type Params = BTreeMap<String, String>;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// Every message the core can emit. The string is the key under `messages.` in the
        /// locale files, and the code the app receives.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, for the test that each has a text in every language.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as the app receives it, e.g. `field.required`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }
        }
    };
}

codes! {
    // ---- field rules (validate.rs, ops.rs, schedule, sensitive, …)
    EventNameRequired = "field.event_name_required",
    FamilyNameRequired = "field.family_name_required",
    TooLong = "field.too_long",
    AtMostChars = "field.at_most_chars",
    DateRequired = "field.date_required",
    NotADate = "field.not_a_date",
    EndsBeforeStart = "field.ends_before_start",
    NotATimeZone = "field.not_a_time_zone",
    NotATimeZoneExample = "field.not_a_time_zone_example",
    CountryRequired = "field.country_required",
    UnknownCountryCode = "field.unknown_country_code",
    CategoryRequired = "field.category_required",
    UnknownCategory = "field.unknown_category",
    NotAnEmail = "field.not_an_email",
    TooManyLanguages = "field.too_many_languages",
    UnknownLanguage = "field.unknown_language",
    DbAddressUnsupported = "field.db_address_unsupported",
    ServerAddressInvalid = "field.server_address_invalid",
    ServerPasswordRefused = "field.server_password_refused",
    ServerNoDatabase = "field.server_no_database",
    ServerUnreachable = "field.server_unreachable",
    ServerTlsFailed = "field.server_tls_failed",
    BadRoleName = "field.bad_role_name",
    NoSuchRole = "field.no_such_role",
    NoDelegationToSeat = "field.no_delegation_to_seat",
    SeatsOutOfRange = "field.seats_out_of_range",
    BadAccessibleSeat = "field.bad_accessible_seat",
    BadSectionOrder = "field.bad_section_order",
    SwapSameDelegation = "field.swap_same_delegation",
    NotInSeatingPlan = "field.not_in_seating_plan",
    BadReferencePrefix = "field.bad_reference_prefix",
    UnclosedPlaceholder = "field.unclosed_placeholder",
    UnknownPlaceholder = "field.unknown_placeholder",
    LetterBodyRequired = "field.letter_body_required",
    UndoLetters = "field.undo_letters",
    EventCopyExists = "field.event_copy_exists",
    TimeDoesNotExist = "field.time_does_not_exist",
    TimeSkipped = "field.time_skipped",
    CategoryNameRequired = "field.category_name_required",
    CategoryNameTooLong = "field.category_name_too_long",
    CategoryNameNeedsLetter = "field.category_name_needs_letter",
    CategoryExists = "field.category_exists",
    EmailUsedBy = "field.email_used_by",
    EmailTaken = "field.email_taken",
    NotADelegationMember = "field.not_a_delegation_member",
    BackupsKeepRange = "field.backups_keep_range",
    BackupOverItself = "field.backup_over_itself",
    AlreadyUndone = "field.already_undone",
    UndoCreatedEvent = "field.undo_created_event",
    UndoClashes = "field.undo_clashes",
    AlreadyCheckedIn = "field.already_checked_in",
    NobodyMatches = "field.nobody_matches",
    NotInSessionEvent = "field.not_in_session_event",
    NotInEvent = "field.not_in_event",
    PassportFormat = "field.passport_format",
    BirthDateRange = "field.birth_date_range",
    BirthDateFormat = "field.birth_date_format",
    RetentionRange = "field.retention_range",
    RoomNameRequired = "field.room_name_required",
    DepartureTimeFormat = "field.departure_time_format",
    RoomExists = "field.room_exists",
    TitleRequired = "field.title_required",
    NotADateTime = "field.not_a_date_time",
    EndsBeforeItStarts = "field.session_ends_before_start",
    RoomNotInEvent = "field.room_not_in_event",
    DayHasNoStart = "field.day_has_no_start",
    NoAttendeeWithId = "field.no_attendee_with_id",
    RoleTaken = "field.role_taken",
    WarningKeyRequired = "field.warning_key_required",
    NoEventYet = "field.no_event_yet",
    ChooseEvent = "field.choose_event",
    NoLogFolder = "field.no_log_folder",
    ChooseImportFile = "field.choose_import_file",
    ChooseBackupFile = "field.choose_backup_file",
    SampleBroken = "field.sample_broken",
    // ---- exports
    SensitiveOnlyInList = "field.sensitive_only_in_list",
    NothingToExport = "field.nothing_to_export",
    WholeProgrammeOnly = "field.whole_programme_only",
    TooManyRowsForSheet = "field.too_many_rows_for_sheet",
    NoIdColumn = "field.no_id_column",
    NotBase64 = "field.not_base64",
    // ---- import
    FileTooLarge = "import.file_too_large",
    FileOverLimit = "import.file_over_limit",
    TooManyRows = "import.too_many_rows",
    OldExcel = "import.old_excel",
    BinaryFile = "import.binary_file",
    CsvUnreadable = "import.csv_unreadable",
    EmptyFile = "import.empty_file",
    EmptySheet = "import.empty_sheet",
    TooManyCells = "import.too_many_cells",
    WorkbookUnreadable = "import.workbook_unreadable",
    NoSheet = "import.no_sheet",
    TooManyColumns = "import.too_many_columns",
    RowTooShort = "import.row_too_short",
    RowTooLong = "import.row_too_long",
    UnknownCountry = "import.unknown_country",
    BadNameOrder = "import.bad_name_order",
    BadAttending = "import.bad_attending",
    DuplicateUpdate = "import.duplicate_update",
    DuplicateEmailLine = "import.duplicate_email_line",
    DuplicateEmailRegistered = "import.duplicate_email_registered",
    DuplicateNameLine = "import.duplicate_name_line",
    DuplicateNameRegistered = "import.duplicate_name_registered",
    // ---- printing
    UnknownEventZone = "print.unknown_event_zone",
    ChooseDay = "print.choose_day",
    NotAnEventDay = "print.not_an_event_day",
    ChooseRoom = "print.choose_room",
    NoSuchRoom = "print.no_such_room",
    NotACountryCode = "print.not_a_country_code",
    NoAttendingFromCountry = "print.no_attending_from_country",
    NoAttending = "print.no_attending",
    NoTalks = "print.no_talks",
    NoSpeakers = "print.no_speakers",
    RenderFailed = "print.render_failed",
    MissingGlyph = "print.missing_glyph",
    MissingGlyphIn = "print.missing_glyph_in",
    MissingGlyphInMore = "print.missing_glyph_in_more",
    VisaNeedsPassport = "print.visa_needs_passport",
    VisaNeedsBirthDate = "print.visa_needs_birth_date",
    NoOneCheckedIn = "print.no_one_checked_in",
    NoCertificateNotCheckedIn = "print.no_certificate_not_checked_in",
    ChooseLetter = "print.choose_letter",
    // ---- backups and sensitive data
    NotADatabase = "backup.not_a_database",
    NotSqlite = "backup.not_sqlite",
    NewerBackup = "backup.newer_backup",
    NoSuchFile = "backup.no_such_file",
    Damaged = "backup.damaged",
    NewerVersion = "backup.newer_version",
    WalFailed = "backup.wal_failed",
    BackupsNotCleaned = "backup.backups_not_cleaned",
    JournalBusy = "backup.journal_busy",
    // ---- schedule warnings and their fixes
    RoomOverlap = "conflict.room_overlap",
    RoomOverlapFix = "conflict.room_overlap_fix",
    SpeakerOverlap = "conflict.speaker_overlap",
    SpeakerOverlapFix = "conflict.speaker_overlap_fix",
    AttendeeOverlap = "conflict.attendee_overlap",
    AttendeeOverlapFix = "conflict.attendee_overlap_fix",
    OutsideDates = "conflict.outside_dates",
    OutsideDatesFix = "conflict.outside_dates_fix",
    PastMidnight = "conflict.past_midnight",
    PastMidnightFix = "conflict.past_midnight_fix",
    OverSessionCapacity = "conflict.over_session_capacity",
    OverSessionCapacityFix = "conflict.over_session_capacity_fix",
    OverRoomCapacity = "conflict.over_room_capacity",
    OverRoomCapacityFix = "conflict.over_room_capacity_fix",
    NoRoom = "conflict.no_room",
    NoRoomFix = "conflict.no_room_fix",
    AbsentSpeaker = "conflict.absent_speaker",
    AbsentSpeakerFix = "conflict.absent_speaker_fix",
    // ---- errors that are not about one field
    Invalid = "error.invalid",
    Validation = "error.validation",
    NotFound = "error.not_found",
    NotFoundEvent = "error.not_found_event",
    NotFoundAttendee = "error.not_found_attendee",
    NotFoundSession = "error.not_found_session",
    NotFoundRoom = "error.not_found_room",
    NotFoundAssignment = "error.not_found_assignment",
    NotFoundChange = "error.not_found_change",
    NotFoundSignup = "error.not_found_signup",
    ManyMatch = "error.many_match",
    BadStoredValue = "error.bad_stored_value",
    IoNotFound = "error.io_not_found",
    IoDenied = "error.io_denied",
    Io = "error.io",
    Database = "error.database",
    Server = "error.server",
    ServerTooOld = "error.server_too_old",
    StoreBusy = "error.store_busy",
    ServerConnectionLost = "error.server_connection_lost",
    NotACache = "error.not_a_cache",
    CacheOutdated = "error.cache_outdated",
    CacheOtherServer = "error.cache_other_server",
    CacheEventGone = "error.cache_event_gone",
    NoCache = "error.no_cache",
    OfflineNotAllowed = "error.offline_not_allowed",
    ReviewSettled = "field.review_settled",
    UndoOnlyOfflineCheckIn = "field.undo_only_offline_check_in",
    // ---- the review list of the offline desk (offline.rs)
    ReviewDoubleCheckIn = "review.double_check_in",
    ReviewWalkInEmail = "review.walk_in_email",
    ReviewPersonGone = "review.person_gone",
    ReviewRefused = "review.refused",
    // ---- CLI only (they name flags), listed so that every message has a key
    NothingUndone = "cli.nothing_undone",
    NothingDeleted = "cli.nothing_deleted",
    NothingRestored = "cli.nothing_restored",
    NothingPurged = "cli.nothing_purged",
    GivePersonOrSearch = "cli.give_person_or_search",
    XlsxNeedsOut = "cli.xlsx_needs_out",
    NothingImported = "cli.nothing_imported",
    RestoreEarly = "cli.restore_early",
    NoDataFolder = "cli.no_data_folder",
    NotATerminal = "cli.not_a_terminal",
    NoRoomCalled = "cli.no_room_called",
    GiveFirstOrSeats = "cli.give_first_or_seats",
}

impl Code {
    /// The key in the locale files, e.g. `messages.field.required`.
    pub fn key(self) -> String {
        format!("messages.{}", self.as_str())
    }
}

/// A code with its parameters; `Display` gives the English text (for the CLI and the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub code: Code,
    pub params: Params,
}

impl Message {
    pub fn new(code: Code) -> Self {
        Self {
            code,
            params: Params::new(),
        }
    }

    /// Adds one parameter.
    #[must_use]
    pub fn param(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// The text in `lang`, with times formatted (in English forms) as the conventions above say.
    pub fn text(&self, lang: Lang) -> String {
        catalogue::text(lang, &self.code.key(), &shown(&self.params))
    }

    /// The English text, as the CLI prints it.
    pub fn english(&self) -> String {
        self.text(Lang::En)
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

/// A message as the app receives it where it is not an error: a warning of a printed document,
/// for example. `message` is English, for the log; the app renders `code` with `params`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Coded {
    /// The key under `messages.` in the locale files.
    pub code: String,
    pub params: BTreeMap<String, String>,
    /// English, for the log and the CLI.
    pub message: String,
}

impl From<&Message> for Coded {
    fn from(m: &Message) -> Self {
        Coded {
            code: m.code.as_str().to_owned(),
            params: m.params.clone(),
            message: m.english(),
        }
    }
}

impl From<Code> for Message {
    fn from(code: Code) -> Self {
        Message::new(code)
    }
}

/// The parameters as the CLI shows them: instants as "Tue 3 Sep 09:00" in the event's zone,
/// and each start/end pair also as its span.
fn shown(params: &Params) -> Params {
    let zone: Option<Tz> = params.get("zone").and_then(|z| z.parse().ok());
    let instant = |text: &str| DateTime::parse_from_rfc3339(text).ok();
    let mut out = params.clone();
    for (name, value) in params {
        let Some(prefix) = name.strip_suffix("start") else {
            continue;
        };
        let (Some(start), Some(end)) = (
            instant(value),
            params.get(&format!("{prefix}end")).and_then(|e| instant(e)),
        ) else {
            continue;
        };
        let (start, end) = match zone {
            Some(z) => (
                start.with_timezone(&z).fixed_offset(),
                end.with_timezone(&z).fixed_offset(),
            ),
            None => (start, end),
        };
        out.insert(
            format!("{prefix}when"),
            format!(
                "{}–{}",
                start.format("%a %-d %b %H:%M"),
                end.format("%H:%M")
            ),
        );
    }
    for (name, value) in params {
        if name.ends_with("_at") {
            if let Some(at) = instant(value) {
                let at = match zone {
                    Some(z) => at.with_timezone(&z).fixed_offset(),
                    None => at,
                };
                out.insert(name.clone(), at.format("%a %-d %b %Y %H:%M").to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_text_in_every_language() {
        let mut missing = Vec::new();
        for code in Code::ALL {
            for lang in Lang::ALL {
                if !catalogue::has(lang, &code.key()) {
                    missing.push(format!("{}.json: {}", lang.code(), code.key()));
                }
            }
        }
        assert!(missing.is_empty(), "no text for:\n{}", missing.join("\n"));
    }

    #[test]
    fn codes_are_unique_and_grouped() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            let group = code.as_str().split('.').next().unwrap_or("");
            assert!(
                ["field", "conflict", "import", "print", "backup", "error", "cli", "review"]
                    .contains(&group),
                "{} is in no group",
                code.as_str()
            );
        }
    }

    #[test]
    fn every_language_has_the_placeholders_of_english() {
        // A placeholder left unfilled shows as "{{name}}"; each English text's placeholders
        // must match those of the other five files.
        for code in Code::ALL {
            let names = |lang: Lang| {
                let mut found = std::collections::BTreeSet::new();
                for suffix in ["", "_zero", "_one", "_two", "_few", "_many", "_other"] {
                    if let Some(t) = catalogue::raw(lang, &format!("{}{suffix}", code.key())) {
                        let mut rest = t;
                        while let Some(i) = rest.find("{{") {
                            let after = &rest[i + 2..];
                            let end = after.find("}}").unwrap_or(after.len());
                            found.insert(after[..end].trim().to_owned());
                            rest = &after[end..];
                        }
                    }
                }
                found
            };
            let en = names(Lang::En);
            for lang in Lang::ALL {
                assert_eq!(names(lang), en, "{}.json: {}", lang.code(), code.key());
            }
        }
    }

    #[test]
    fn times_show_in_the_event_zone_and_spans_are_derived() {
        let m = Message::new(Code::NoRoom)
            .param("title", "Opening")
            .param("start", "2024-09-03T01:00:00Z")
            .param("end", "2024-09-03T02:30:00Z")
            .param("zone", "Asia/Shanghai");
        assert_eq!(
            m.english(),
            "“Opening” (Tue 3 Sep 09:00–10:30) has no room."
        );
        assert_eq!(
            m.params.get("start").map(String::as_str),
            Some("2024-09-03T01:00:00Z"),
            "the app receives the instant, not English words"
        );
    }
}
