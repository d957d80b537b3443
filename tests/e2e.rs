//! End-to-end tests in the real window: the app built with its UI embedded, driven through
//! tauri-driver and WebKitWebDriver. They need a display (Xvfb), `tauri-driver` on PATH and
//! `WebKitWebDriver` (Debian's webkit2gtk-driver); `scripts/test.sh` provides all three and
//! runs them with `--ignored`, so a plain `cargo test` stays headless.

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use plenary_core::{db, ops};
use serde_json::json;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

/// tauri-driver with the app's database pointed at a temporary file. Dropping it stops the
/// driver with SIGTERM, never SIGKILL: a killed tauri-driver orphans its WebKitWebDriver
/// child, which keeps the port and the output pipe, and the test run hangs.
struct Driver {
    child: Child,
    port: u16,
    db: std::path::PathBuf,
}

impl Driver {
    /// Starts the driver with extra variables for the app, such as the file that answers its
    /// Open dialog (`PLENARY_TEST_OPEN_FILE`, honoured by debug builds only).
    fn start_with(db: &Path, vars: &[(&str, &Path)]) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("PLENARY_DB", db)
            // The app must show every time in the event's zone (Shanghai), never the OS zone:
            // run it in a zone 15 hours away, where a 09:00 session would read 18:00 if wrong.
            .env("TZ", "America/Los_Angeles")
            // The OS language, which a first run follows: English unless a test says otherwise.
            .env("LANGUAGE", "en")
            .envs(vars.iter().copied())
            .stdin(Stdio::null())
            // Neither the driver nor the app it starts may hold the test's output pipes: a
            // process left behind would keep them open and hang whoever reads them.
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --locked)");
        let driver = Driver {
            child,
            port,
            db: db.to_owned(),
        };
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        stop_apps_using(&self.db);
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("tauri-driver did not stop after SIGTERM");
    }
}

/// Stops any app process this test started (found by its unique database path), in case a
/// failed step left the WebDriver session, and so the app, running.
fn stop_apps_using(db: &Path) {
    let needle = format!("PLENARY_DB={}", db.display());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let pid = entry.file_name().to_string_lossy().to_string();
        if !pid.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if environ
            .split(|b| *b == 0)
            .any(|var| var == needle.as_bytes())
        {
            let _ = Command::new("kill").args(["-TERM", &pid]).status();
        }
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
}

/// The app under test: the one cargo built, or with `PLENARY_E2E_APP` an installed one (the
/// package tests in `scripts/test-deb.sh` point it at `/usr/bin/plenary-desktop`).
fn app_binary() -> String {
    std::env::var("PLENARY_E2E_APP")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_plenary-desktop").to_owned())
}

async fn connect(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app_binary() }),
    );
    caps.insert("browserName".into(), json!("wry"));
    // tauri-driver listens before the WebKitWebDriver behind it is ready; on a busy machine the
    // first request can then be cut off (hyper's IncompleteMessage). A few tries, each after
    // stopping any app the failed try started, make that start-up race harmless.
    // Two rustls providers are in this build (see Cargo.toml), so name one for the client;
    // a second test in the process finds it installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut attempt = 1;
    loop {
        let result = ClientBuilder::rustls()
            .expect("TLS for the WebDriver client")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await;
        match result {
            Ok(client) => return client,
            Err(e) if attempt < 3 => {
                eprintln!("WebDriver session attempt {attempt} failed, trying again: {e}");
                stop_apps_using(&driver.db);
                tokio::time::sleep(Duration::from_secs(2)).await;
                attempt += 1;
            }
            Err(e) => panic!("a WebDriver session with the app: {e}"),
        }
    }
}

async fn find(client: &Client, css: &str) -> Element {
    let found = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await;
    match found {
        Ok(element) => element,
        Err(e) => {
            let shot = save_screenshot(client, "e2e-failure.png").await;
            panic!("{css} did not appear: {e}; the window is in {shot}")
        }
    }
}

/// The id of the sample seminar in a store.
fn sample_event(conn: &db::Connection) -> String {
    ops::list_events(conn)
        .expect("events")
        .into_iter()
        .find(|e| e.is_sample)
        .expect("the sample")
        .id
}

/// Clicks the element `css` once it is there.
async fn click(client: &Client, css: &str) {
    find(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

/// Waits until `check` holds for the text of `css`, and returns that text.
async fn wait_for_text(client: &Client, css: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let mut seen = Vec::new();
        for element in client.find_all(Locator::Css(css)).await.unwrap_or_default() {
            // textContent, not the rendered text: WebKit leaves out parts of a row that
            // overflow their cell (an ellipsised name), which is not what the test asks about.
            let text = element
                .prop("textContent")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            if check(&text) {
                return text;
            }
            seen.push(text);
        }
        if Instant::now() >= deadline {
            let shot = save_screenshot(client, "e2e-failure.png").await;
            panic!("no {css} matched in time; saw {seen:?}; the window is in {shot}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves what the window shows, for the developer reading a failure.
async fn save_screenshot(client: &Client, name: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    match client.screenshot().await {
        Ok(png) => match std::fs::write(&path, png) {
            Ok(()) => path.display().to_string(),
            Err(e) => format!("(no screenshot: {e})"),
        },
        Err(e) => format!("(no screenshot: {e})"),
    }
}

async fn type_into(client: &Client, css: &str, text: &str) {
    let field = find(client, css).await;
    // Select all and delete, as a person would: WebDriver's clear() fires no input event,
    // so search-as-you-type would not notice it.
    field
        .send_keys("\u{e009}a\u{e000}\u{e003}")
        .await
        .unwrap_or_else(|e| panic!("empty {css}: {e}"));
    if !text.is_empty() {
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }
}

/// A database with one empty event, so the app opens on it.
fn store_with_event(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("e2e.db");
    let mut conn = db::open(&path).expect("the test database opens");
    ops::create_event(
        &mut conn,
        uuid::Uuid::now_v7(),
        &plenary_core::sample::event_input(),
        chrono::Utc::now(),
    )
    .expect("the event is created");
    path
}

/// Registers an attendee of the store's only event straight into the database file.
fn register(db_path: &Path, input: plenary_core::model::AttendeeInput) {
    let mut conn = db::open(db_path).expect("the store opens");
    let event = ops::resolve_event(&conn, None).expect("one event");
    ops::register_attendee(
        &mut conn,
        &event,
        uuid::Uuid::now_v7(),
        &input,
        chrono::Utc::now(),
    )
    .expect("registered");
}

async fn open_attendees(client: &Client) {
    // With one event and no remembered choice the app may show the events list first.
    if let Ok(row) = client.find(Locator::Css("[data-testid=event-row]")).await {
        row.click().await.expect("select the event");
    }
    // The app may still be opening the store (an old file migrates first) when the click
    // lands; click again until the Attendees screen shows.
    let deadline = Instant::now() + WAIT;
    loop {
        find(client, "[data-testid=nav-attendees]")
            .await
            .click()
            .await
            .expect("open Attendees");
        let shown = client
            .wait()
            .at_most(Duration::from_secs(3))
            .for_element(Locator::Css("[data-testid=attendee-search]"))
            .await
            .is_ok();
        if shown || Instant::now() > deadline {
            return;
        }
    }
}

/// Runs `steps` against a fresh app on `db`, then always closes the WebDriver session and
/// stops the driver, even when a step panics: a session left open keeps the app running.
async fn with_app<F, Fut>(db: &Path, steps: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    with_app_and(db, &[], steps).await;
}

/// [`with_app`], with extra variables for the app (see [`Driver::start_with`]).
async fn with_app_and<F, Fut>(db: &Path, vars: &[(&str, &Path)], steps: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let driver = Driver::start_with(db, vars);
    let client = connect(&driver).await;
    let outcome = tokio::spawn(steps(client.clone())).await;
    if let Err(e) = client.close().await {
        eprintln!("closing the WebDriver session failed: {e}");
    }
    drop(driver);
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn add_a_chinese_attendee_through_the_form_and_find_them_by_search() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_event(dir.path());
    with_app(&db_path, |client| async move {
        open_attendees(&client).await;
        find(&client, "[data-testid=add-attendee]")
            .await
            .click()
            .await
            .expect("Add attendee");
        type_into(&client, "input[name=given_name]", "伟").await;
        type_into(&client, "input[name=family_name]", "张").await;
        find(&client, "input[name=name_order][value=family_first]")
            .await
            .click()
            .await
            .expect("choose family name first");
        type_into(&client, "input[name=given_name_latin]", "Wei").await;
        type_into(&client, "input[name=family_name_latin]", "Zhang").await;
        type_into(&client, "input[name=country]", "CN").await;
        type_into(&client, "input[name=email]", "zhang.wei@example.org").await;
        find(&client, "select[name=category]")
            .await
            .select_by_value("official")
            .await
            .expect("choose the category");
        find(&client, "[data-testid=save-attendee]")
            .await
            .click()
            .await
            .expect("Save");

        // The new person is found by the Latin transliteration, not only by the characters.
        type_into(&client, "[data-testid=attendee-search]", "zhang").await;
        let row = wait_for_text(&client, "[data-testid=attendee-row]", |t| {
            t.contains("张伟")
        })
        .await;
        assert!(
            row.contains("ZHANG Wei"),
            "family name first, in UN capitals: {row}"
        );
        type_into(&client, "[data-testid=attendee-search]", "张").await;
        wait_for_text(&client, "[data-testid=attendee-row]", |t| {
            t.contains("张伟")
        })
        .await;
    })
    .await;

    // And the store really holds it, in the right order.
    let conn = db::open(&db_path).expect("reopen");
    let event = ops::resolve_event(&conn, None).expect("one event");
    let filter = plenary_core::model::AttendeeFilter {
        search: Some("张".into()),
        ..Default::default()
    };
    let stored = ops::list_attendees(&conn, &event, &filter).expect("list");
    assert_eq!(stored.len(), 1, "exactly one attendee was saved");
    assert_eq!(
        stored[0].name_order,
        plenary_core::model::NameOrder::FamilyFirst
    );
    assert_eq!(stored[0].country, "CN");
    assert_eq!(stored[0].email, "zhang.wei@example.org");
}

/// A database with the sample seminar and a second, empty event.
fn store_with_sample(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("screens.db");
    let mut conn = db::open(&path).expect("the test database opens");
    plenary_core::sample::load(&mut conn, chrono::Utc::now(), uuid::Uuid::now_v7)
        .expect("the sample loads");
    let empty = plenary_core::model::EventInput {
        name: "Regional follow-up meeting".into(),
        venue: String::new(),
        city: "Addis Ababa".into(),
        start_date: "2025-03-10".into(),
        end_date: "2025-03-11".into(),
        timezone: "Africa/Addis_Ababa".into(),
        organizers: vec![],
        family_name_upper: true,
        language: plenary_core::Lang::En,
    };
    ops::create_event(&mut conn, uuid::Uuid::now_v7(), &empty, chrono::Utc::now())
        .expect("the empty event is created");
    path
}

/// Clicks the first element matching `css` whose text contains `text`.
async fn click_containing(client: &Client, css: &str, text: &str) {
    wait_for_text(client, css, |t| t.contains(text)).await;
    for element in client.find_all(Locator::Css(css)).await.expect("elements") {
        let content = element
            .prop("textContent")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        if content.contains(text) {
            // Rows of long lists may be scrolled out of view, where WebDriver will not click.
            let reference = serde_json::to_value(&element).expect("an element reference");
            client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'});",
                    vec![reference],
                )
                .await
                .unwrap_or_else(|e| panic!("scroll to {text}: {e}"));
            if let Err(e) = element.click().await {
                let shot = save_screenshot(client, "e2e-failure.png").await;
                panic!("click {text}: {e}; the window is in {shot}");
            }
            return;
        }
    }
    panic!("no {css} contains {text:?}");
}

async fn go(client: &Client, section: &str) {
    if section == "events" {
        find(client, "[data-testid=event-switcher]")
            .await
            .click()
            .await
            .expect("switcher");
        find(client, "[data-testid=all-events]")
            .await
            .click()
            .await
            .expect("All events");
        return;
    }
    // A click is aimed at where the item is when WebDriver measures it. While the window is
    // still laying out (the event's long name wrapping in the switcher above moves the list
    // down), it can land on the neighbouring item, as it once did on a loaded machine; so
    // check that the section opened, and click again if not.
    let item = format!("[data-testid=nav-{section}]");
    let opened = format!("{item}[aria-current=page]");
    for _ in 0..3 {
        find(client, &item)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("open {section}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if client.find(Locator::Css(&opened)).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    save_screenshot(client, "e2e-failure.png").await;
    panic!("{section} did not open after three clicks");
}

/// Walks every screen with the sample (long, Chinese, Arabic and Cyrillic names), an empty
/// event and a validation error, checking what each must show. Each screen is saved as a
/// PNG under the target folder's tmp/screens, for a person to look at.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn every_screen_shows_the_sample_an_empty_event_and_errors() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens"))
        .expect("a folder for screenshots");
    with_app(&db_path, |client| async move {
        go(&client, "events").await;
        let sample = wait_for_text(&client, "[data-testid=event-row]", |t| {
            t.contains("Capacity-building")
        })
        .await;
        assert!(
            sample.contains("123"),
            "the events list counts attendees: {sample}"
        );
        save_screenshot(&client, "screens/events.png").await;

        // The sample event: Arabic, Chinese and Cyrillic names in one list.
        click_containing(
            &client,
            "[data-testid=event-row] button.open",
            "Capacity-building",
        )
        .await;
        go(&client, "attendees").await;
        for name in ["马朝旭", "António GUTERRES"] {
            type_into(&client, "[data-testid=attendee-search]", name).await;
            wait_for_text(&client, "[data-testid=attendee-row]", |t| t.contains(name)).await;
        }
        // Guterres's panel shows his agenda; marking him as no longer attending makes his
        // address a conflict warning on the schedule.
        click_containing(&client, "[data-testid=attendee-row]", "GUTERRES").await;
        wait_for_text(&client, "[data-testid=attendee-agenda]", |t| {
            t.contains("Opening ceremony")
        })
        .await;
        find(&client, "[data-testid=toggle-attending]")
            .await
            .click()
            .await
            .expect("toggle");
        wait_for_text(&client, "[data-testid=attending-state]", |t| {
            t.contains("No longer")
        })
        .await;
        save_screenshot(&client, "screens/attendee-agenda.png").await;
        go(&client, "schedule").await;
        wait_for_text(&client, "[data-testid=conflict-item]", |t| {
            t.contains("GUTERRES") && t.contains("no longer attending")
        })
        .await;
        go(&client, "attendees").await;
        type_into(&client, "[data-testid=attendee-search]", "").await;
        wait_for_text(&client, "[data-testid=attendee-count]", |t| {
            t.contains("123 attendees") && !t.contains("match")
        })
        .await;
        save_screenshot(&client, "screens/attendees.png").await;

        // A validation error names its field inline.
        find(&client, "[data-testid=add-attendee]")
            .await
            .click()
            .await
            .expect("Add");
        type_into(&client, "input[name=family_name]", "Test").await;
        type_into(&client, "input[name=country]", "Atlantis").await;
        type_into(&client, "input[name=email]", "not-an-email").await;
        find(&client, "[data-testid=save-attendee]")
            .await
            .click()
            .await
            .expect("Save");
        let errors = wait_for_text(&client, ".field-error", |t| t.contains("email")).await;
        assert!(!errors.is_empty(), "the email error shows under the field");
        save_screenshot(&client, "screens/attendee-error.png").await;
        client
            .find(Locator::Css("body"))
            .await
            .expect("body")
            .send_keys("\u{e00c}")
            .await
            .ok();

        go(&client, "delegations").await;
        let china = wait_for_text(&client, "[data-testid=delegation-row]", |t| {
            t.contains("China")
        })
        .await;
        assert!(
            china.contains("13") || china.contains("14"),
            "China's count shows: {china}"
        );
        save_screenshot(&client, "screens/delegations.png").await;

        go(&client, "schedule").await;
        wait_for_text(&client, "[data-testid=session-block]", |t| {
            t.contains("Opening ceremony")
        })
        .await;
        save_screenshot(&client, "screens/schedule.png").await;
        go(&client, "speakers").await;
        click_containing(
            &client,
            "[data-testid=speaker-row] button.row-button",
            "GUTERRES",
        )
        .await;
        wait_for_text(&client, "[data-testid=agenda]", |t| {
            t.contains("Opening ceremony")
        })
        .await;
        save_screenshot(&client, "screens/speakers.png").await;

        go(&client, "events").await;
        let empty = wait_for_text(&client, "[data-testid=event-row]", |t| {
            t.contains("follow-up")
        })
        .await;
        assert!(empty.contains("Regional"), "{empty}");
        click_containing(&client, "[data-testid=event-row] button.open", "follow-up").await;
        go(&client, "attendees").await;
        find(&client, "[data-testid=load-sample]").await;
        save_screenshot(&client, "screens/attendees-empty.png").await;
        go(&client, "dashboard").await;
        // The attendees screen has a load-sample button too: wait for the dashboard's own.
        wait_for_text(&client, "main", |t| {
            t.contains("Dashboard") && !t.contains("Loading")
        })
        .await;
        find(&client, "[data-testid=load-sample]").await;
        save_screenshot(&client, "screens/dashboard-empty.png").await;
        go(&client, "checkin").await;
        wait_for_text(&client, "[data-testid=arrived-count]", |t| t.contains('0')).await;
        save_screenshot(&client, "screens/checkin-empty.png").await;
        go(&client, "schedule").await;
        save_screenshot(&client, "screens/schedule-empty.png").await;
        go(&client, "settings").await;
        let file = wait_for_text(&client, "[data-testid=data-file]", |t| t.ends_with(".db")).await;
        assert!(
            file.ends_with("screens.db"),
            "Settings names the file in use: {file}"
        );
        find(&client, "[data-testid=backup-now]").await;
        save_screenshot(&client, "screens/settings.png").await;
    })
    .await;
}

/// An event with two rooms and two sessions side by side at 09:00 on its first day.
fn store_with_two_rooms(dir: &Path) -> (std::path::PathBuf, String, String) {
    use plenary_core::schedule::model::{RoomInput, SessionInput, SessionType};
    use plenary_core::schedule::ops as sched;
    let path = store_with_event(dir);
    let mut conn = db::open(&path).expect("reopen");
    let event = ops::resolve_event(&conn, None).expect("one event");
    let now = chrono::Utc::now();
    let room = |conn: &mut db::Connection, name: &str| {
        let input = RoomInput {
            name: name.into(),
            capacity: Some(80),
            ..RoomInput::default()
        };
        sched::add_room(conn, &event, uuid::Uuid::now_v7(), &input, now)
            .expect("room")
            .id
    };
    let hall = room(&mut conn, "Main Plenary Hall");
    let side = room(&mut conn, "Meeting Room A");
    let mut session = |title: &str, room: &str| {
        let input = SessionInput {
            title: title.into(),
            kind: SessionType::Lecture,
            start: "2024-09-03 09:00".into(),
            end: "2024-09-03 10:00".into(),
            room_id: Some(room.into()),
            description: String::new(),
            capacity: None,
            track: String::new(),
        };
        sched::add_session(&mut conn, &event, uuid::Uuid::now_v7(), &input, now)
            .expect("session")
            .id
    };
    let _in_hall = session("Keynote in the hall", &hall);
    let moving = session("Lecture next door", &side);
    (path, moving, hall)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn moving_a_session_onto_an_occupied_room_warns_and_undo_clears_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (db_path, moving, _hall) = store_with_two_rooms(dir.path());
    let block = format!("[data-testid=session-block][data-session-id=\"{moving}\"]");
    with_app(&db_path, move |client| async move {
        go(&client, "schedule").await;
        let b = find(&client, &block).await;
        let time = b
            .prop("textContent")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(
            time.contains("09:00"),
            "the block shows 09:00 in the event's zone: {time}"
        );
        assert_eq!(
            b.attr("data-warning")
                .await
                .ok()
                .flatten()
                .as_deref()
                .unwrap_or("false"),
            "false"
        );

        // The keyboard path: focus the block, Alt+Left moves it into the neighbouring room.
        b.click().await.expect("select the block");
        let b = find(&client, &block).await;
        b.send_keys("\u{e00a}\u{e012}\u{e000}")
            .await
            .expect("Alt+Left");
        let warned = wait_for_attr(&client, &block, "data-warning", "true").await;
        assert!(warned, "the moved block is marked as conflicting");
        wait_for_text(&client, "[data-testid=conflict-item]", |t| {
            t.contains("Main Plenary Hall")
        })
        .await;
        save_screenshot(&client, "screens/schedule-conflict.png").await;

        find(&client, "[data-testid=undo-move]")
            .await
            .click()
            .await
            .expect("Undo");
        assert!(
            wait_for_attr(&client, &block, "data-warning", "false").await,
            "after the undo the block is back and the warning is gone"
        );
    })
    .await;
    let conn = db::open(&db_path).expect("reopen");
    let session = plenary_core::schedule::ops::get_session(&conn, &moving).expect("session");
    assert_eq!(
        session.room.as_deref(),
        Some("Meeting Room A"),
        "the undo restored the room"
    );
    assert_eq!(session.start, "2024-09-03T09:00:00+08:00", "and the time");
}

/// Waits until the element's attribute has `value` (a missing attribute reads "false").
async fn wait_for_attr(client: &Client, css: &str, name: &str, value: &str) -> bool {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Ok(e) = client.find(Locator::Css(css)).await {
            let got = e
                .attr(name)
                .await
                .ok()
                .flatten()
                .unwrap_or_else(|| "false".into());
            if got == value {
                return true;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    save_screenshot(client, "e2e-failure.png").await;
    false
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn a_delegation_goes_under_the_section_chosen_in_its_panel() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    with_app(&db_path, |client| async move {
        click_containing(
            &client,
            "[data-testid=event-row] button.open",
            "Capacity-building",
        )
        .await;
        go(&client, "delegations").await;
        click_containing(&client, "[data-testid=delegation-row]", "Portugal").await;
        find(&client, "[data-testid=delegation-section]:not([disabled])")
            .await
            .select_by_value("un_system")
            .await
            .expect("the UN system");
        wait_for_text(&client, "aside .status, .status", |t| t.contains("Saved")).await;
        save_screenshot(&client, "screens/delegation-section.png").await;
    })
    .await;
    let conn = db::open(&db_path).expect("the store opens");
    let event = sample_event(&conn);
    let portugal = ops::list_delegations(&conn, &event)
        .expect("delegations")
        .into_iter()
        .find(|d| d.country == "PT")
        .expect("Portugal");
    assert_eq!(
        portugal.section,
        Some(plenary_core::participants::Section::UnSystem)
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn the_seating_screen_draws_by_lot_in_english_and_arabic() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    let profile = fresh_profile(dir.path());
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens/i18n"))
        .expect("a folder for screenshots");
    let vars = [("XDG_DATA_HOME", profile.as_path())];
    with_app_and(&db_path, &vars, |client| async move {
        click_containing(
            &client,
            "[data-testid=event-row] button.open",
            "Capacity-building",
        )
        .await;
        go(&client, "seating").await;
        wait_for_text(&client, "[data-testid=seating-status]", |t| {
            t.contains("No country drawn yet")
        })
        .await;
        let seats = client
            .find_all(Locator::Css("[data-testid=seating-seat]"))
            .await
            .expect("the seats");
        assert_eq!(seats.len(), 44, "one place for each delegation of the sample");

        // The draw: the names run, then the status names the country that now sits first.
        click(&client, "[data-testid=seating-draw]").await;
        let status = wait_for_text(&client, "[data-testid=seating-status]", |t| {
            t.contains("Drawn by lot on")
        })
        .await;
        let first = find(&client, "[data-testid=seating-seat] .country")
            .await
            .text()
            .await
            .expect("the first seat");
        assert!(
            status.contains(first.trim()),
            "the first seat ({first}) is the country drawn: {status}"
        );
        wait_for_text(&client, "[data-testid=seating-announcement]", |t| {
            t.contains("sits first")
        })
        .await;
        save_screenshot(&client, "screens/seating.png").await;

        // Drawing again asks first; one seat per delegation leaves one name in each place.
        click(&client, "[data-testid=seating-draw]").await;
        click(&client, "[data-testid=seating-redraw]").await;
        find(&client, "[data-testid=seating-seats]:not([disabled])")
            .await
            .select_by_value("1")
            .await
            .expect("one seat");
        wait_for_text(&client, "[data-testid=seating-status]", |t| {
            t.contains("Drawn by lot on")
        })
        .await;
        let deadline = Instant::now() + WAIT;
        loop {
            let crowded = client
                .execute(
                    "return [...document.querySelectorAll('[data-testid=seating-seat] bdi')].length;",
                    vec![],
                )
                .await
                .expect("the names");
            if crowded == json!(44) {
                break;
            }
            assert!(Instant::now() < deadline, "one name a place, saw {crowded}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        // Swapping by hand warns first, then says the plan departs from the order drawn.
        let order = "return [...document.querySelectorAll('[data-testid=seating-seat]')]\
                     .slice(0, 2).map(s => s.dataset.country);";
        let before = client.execute(order, vec![]).await.expect("the first two");
        click(&client, "[data-testid=seating-seat]:nth-child(1) [data-testid=seating-swap]").await;
        click(&client, "[data-testid=seating-seat]:nth-child(2) [data-testid=seating-swap]").await;
        save_screenshot(&client, "screens/seating-swap-warning.png").await;
        click(&client, "[data-testid=seating-swap-confirm]").await;
        wait_for_text(&client, "[data-testid=seating-swapped]", |t| {
            t.contains("departs from the order drawn")
        })
        .await;
        let after = client.execute(order, vec![]).await.expect("the first two");
        assert_eq!(
            after,
            json!([before[1].clone(), before[0].clone()]),
            "the first two delegations changed places"
        );
        // A delegation that needs an accessible place takes the nearest one (here the first
        // delegation's own place 1, both ends of each row being accessible by default).
        find(&client, "[data-testid=seating-places] summary")
            .await
            .click()
            .await
            .expect("open the places");
        save_screenshot(&client, "screens/seating-places.png").await;

        client
            .execute(
                "localStorage.setItem('plenary.language', 'ar'); location.reload();",
                vec![],
            )
            .await
            .expect("Arabic");
        wait_for_text(&client, "[data-testid=seating-status]", |t| {
            t.contains("يجلس")
        })
        .await;
        save_screenshot(&client, "screens/i18n/ar-seating.png").await;
        client
            .execute("localStorage.removeItem('plenary.language');", vec![])
            .await
            .ok();
    })
    .await;
    let conn = db::open(&db_path).expect("the store opens");
    let event = sample_event(&conn);
    let plan = plenary_core::seating::plan(&conn, &event).expect("the plan");
    assert_eq!(plan.method.as_deref(), Some("draw"));
    assert_eq!(plan.seats_per_delegation, 1);
    assert_eq!(plan.swaps, 1, "the swap made on the screen is stored");
    let log = plenary_core::audit::activity(&conn, &event, 5).expect("the log");
    assert!(
        log.iter()
            .any(|e| e.summary.starts_with("Drew the seating order by lot")),
        "the draw is in the activity log"
    );
    assert!(
        log.iter()
            .any(|e| e.summary.starts_with("Swapped the places of")),
        "the swap is in the activity log"
    );
}

/// Letters on the Print screen: an invitation per person previews for a delegation, its
/// wording is edited beside the preview and used, certificates name who was left out (not
/// checked in), and the saved PDF carries a reference number that the activity log records.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn letters_preview_edit_their_wording_and_print_with_reference_numbers() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    let event = {
        let mut conn = db::open(&db_path).expect("the store opens");
        let event = sample_event(&conn);
        let guterres = ops::list_attendees(
            &conn,
            &event,
            &plenary_core::model::AttendeeFilter {
                search: Some("Guterres".into()),
                ..Default::default()
            },
        )
        .expect("search")
        .first()
        .expect("the sample's Guterres")
        .id
        .clone();
        plenary_core::desk::check_in(&mut conn, &guterres, chrono::Utc::now()).expect("checked in");
        event
    };
    let saved = dir.path().join("saved-certificate.pdf");
    let saved_here = saved.clone();
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens"))
        .expect("a folder for screenshots");
    with_app_and(
        &db_path,
        &[("PLENARY_TEST_SAVE_FILE", &saved)],
        |client| async move {
            let saved = saved_here;
            open_sample(&client).await;
            go(&client, "print").await;
            click(&client, "[data-testid=print-kind-letter]").await;
            click(&client, "[data-testid=print-who-delegation]").await;
            find(&client, "[data-testid=print-delegation]")
                .await
                .select_by_value("CN")
                .await
                .expect("choose China");
            // One letter a person, each on its own page.
            wait_for_text(&client, "[data-testid=print-status]", |t| {
                t.contains("14 pages")
            })
            .await;
            wait_for_pages_drawn(&client).await;
            save_screenshot(&client, "screens/print-letter.png").await;

            // The wording, edited beside the preview.
            type_into(
                &client,
                "[data-testid=letter-subject]",
                "Welcome to {{city}}, {{honorific}} {{name}}",
            )
            .await;
            click(&client, "[data-testid=letter-save]:not([disabled])").await;
            wait_for_text(&client, "[data-testid=letter-editor] h2", |t| {
                t.contains("this event's own")
            })
            .await;
            wait_for_pages_drawn(&client).await;
            save_screenshot(&client, "screens/print-letter-edited.png").await;

            // A placeholder that does not exist is refused, naming the field.
            type_into(&client, "[data-testid=letter-subject]", "Hello {{nmae}}").await;
            click(&client, "[data-testid=letter-save]:not([disabled])").await;
            wait_for_text(&client, "[data-testid=letter-editor] .field-error", |t| {
                t.contains("{{nmae}}")
            })
            .await;
            save_screenshot(&client, "screens/print-letter-error.png").await;

            // Certificates for everyone: only Guterres was checked in; the rest are listed.
            find(&client, "[data-testid=print-letter]")
                .await
                .select_by_value("certificate")
                .await
                .expect("certificate");
            click(&client, "[data-testid=print-who-everyone]").await;
            wait_for_text(&client, "[data-testid=print-status]", |t| t == "1 page").await;
            wait_for_text(&client, "[data-testid=print-notes]", |t| {
                t.contains("not checked in")
            })
            .await;
            wait_for_pages_drawn(&client).await;
            save_screenshot(&client, "screens/print-certificate.png").await;
            click(&client, "[data-testid=print-save]:not([disabled])").await;
            let deadline = Instant::now() + WAIT;
            while !saved.is_file() {
                assert!(Instant::now() < deadline, "the certificate was saved");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        },
    )
    .await;
    let text = pdf_text(&dir.path().join("saved-certificate.pdf"));
    assert!(
        text.contains("GUTERRES"),
        "the certificate names him: {text}"
    );
    let year = chrono::Local::now().format("%Y").to_string();
    assert!(
        text.contains(&format!("WCAI/{year}/001")),
        "and carries the first reference number: {text}"
    );
    let conn = db::open(&db_path).expect("the store opens");
    let wording = plenary_core::letters::template(
        &conn,
        &event,
        plenary_core::letters::LetterKind::Invitation,
        plenary_core::Lang::En,
    )
    .expect("the wording");
    assert!(wording.custom, "the edited wording is the event's own");
    assert_eq!(
        wording.subject,
        "Welcome to {{city}}, {{honorific}} {{name}}"
    );
    let log = plenary_core::audit::activity(&conn, &event, 5).expect("the log");
    assert!(
        log.iter()
            .any(|e| e.summary.contains(&format!("WCAI/{year}/001"))),
        "the reference number is in the activity log"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn the_desk_checks_in_by_part_of_a_chinese_name_and_undoes_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    with_app(&db_path, |client| async move {
        click_containing(
            &client,
            "[data-testid=event-row] button.open",
            "Capacity-building",
        )
        .await;
        go(&client, "checkin").await;
        let before = wait_for_text(&client, "[data-testid=arrived-count]", |t| {
            t.contains("123")
        })
        .await;
        assert!(before.contains('0'), "nobody has arrived yet: {before}");

        let search = find(&client, "[data-testid=desk-search]").await;
        search.send_keys("朝旭").await.expect("type part of 马朝旭");
        wait_for_text(&client, "[data-testid=desk-result]", |t| {
            t.contains("马朝旭")
        })
        .await;
        search.send_keys("\u{e007}").await.expect("Enter");
        let card = wait_for_text(&client, "[data-testid=checkin-card]", |t| {
            t.contains("马朝旭")
        })
        .await;
        assert!(
            card.contains("China") || card.contains("CN"),
            "the card shows the country: {card}"
        );
        wait_for_text(&client, "[data-testid=arrived-count]", |t| {
            t.contains("1 of 123")
        })
        .await;
        save_screenshot(&client, "screens/checkin.png").await;

        find(&client, "[data-testid=undo-checkin]")
            .await
            .click()
            .await
            .expect("Undo check-in");
        wait_for_text(&client, "[data-testid=arrived-count]", |t| {
            t.contains("0 of 123")
        })
        .await;

        go(&client, "dashboard").await;
        find(&client, "canvas").await;
        save_screenshot(&client, "screens/dashboard.png").await;
    })
    .await;
    let conn = db::open(&db_path).expect("reopen");
    let event = plenary_core::sample::load(
        &mut db::open(&db_path).expect("open"),
        chrono::Utc::now(),
        uuid::Uuid::now_v7,
    )
    .expect("the sample is there")
    .event;
    let counts = plenary_core::desk::desk_counts(&conn, &event.id).expect("counts");
    assert_eq!(counts.arrived, 0, "the undo is stored too");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn import_a_csv_with_an_error_fix_the_mapping_and_see_the_attendees() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_event(dir.path());
    // A ministry's list: semicolons, a Spanish header the import does not know ("Apellido
    // paterno", the father's surname; "Apellido" alone it knows), and names in three scripts.
    let csv = dir.path().join("ministry-list.csv");
    std::fs::write(
        &csv,
        "First Name;Apellido paterno;Nationality;E-mail\n\
         Lucía;Fernández;Argentina;lucia@example.ar\n\
         伟;张;CHN;zhang.wei@example.cn\n\
         Ольга;Иванова;Russian Federation;olga@example.ru\n",
    )
    .expect("write the CSV");
    with_app_and(
        &db_path,
        &[("PLENARY_TEST_OPEN_FILE", &csv)],
        |client| async move {
            open_attendees(&client).await;
            find(&client, "[data-testid=import-attendees]")
                .await
                .click()
                .await
                .expect("Import…");
            // Without a family-name column every row is invalid, each named by its line.
            wait_for_text(&client, "[data-testid=import-problem]", |t| {
                t.contains("Line 3") && t.contains("family name")
            })
            .await;
            let commit = find(&client, "[data-testid=import-commit]").await;
            assert_eq!(
                commit
                    .prop("disabled")
                    .await
                    .expect("a property")
                    .as_deref(),
                Some("true"),
                "nothing can be imported while rows are invalid"
            );
            save_screenshot(&client, "screens/import-errors.png").await;

            // Map "Apellido paterno" (the second column) to the family name: the problems go away.
            find(&client, "[data-testid=map-1]")
                .await
                .select_by_value("family_name")
                .await
                .expect("map Apellido paterno to the family name");
            find(&client, "[data-testid=import-no-problems]").await;
            save_screenshot(&client, "screens/import-mapped.png").await;
            find(&client, "[data-testid=import-commit]:not([disabled])")
                .await
                .click()
                .await
                .expect("Import");

            // The dialog closes and the list shows the new people.
            for name in ["FERNÁNDEZ", "ИВАНОВА", "张"] {
                wait_for_text(&client, "[data-testid=attendee-row]", |t| t.contains(name)).await;
            }
            save_screenshot(&client, "screens/import-done.png").await;
            // The import is one change in the event's log, so Ctrl+Z can take it back.
            find(&client, "[data-testid=nav-activity]")
                .await
                .click()
                .await
                .expect("open Activity");
            wait_for_text(&client, "[data-testid=activity-row]", |t| {
                t.contains("Imported 3 attendees")
            })
            .await;
            save_screenshot(&client, "screens/import-activity.png").await;
            find(&client, "[data-testid=nav-io]")
                .await
                .click()
                .await
                .expect("open Import and export");
            find(&client, "[data-testid=exchange-import]").await;
            save_screenshot(&client, "screens/import-export.png").await;
        },
    )
    .await;
    let conn = db::open(&db_path).expect("the store opens");
    let event = ops::resolve_event(&conn, None).expect("one event");
    let people = ops::list_attendees(&conn, &event, &Default::default()).expect("the list");
    let mut countries: Vec<&str> = people.iter().map(|a| a.country.as_str()).collect();
    countries.sort_unstable();
    assert_eq!(
        countries,
        ["AR", "CN", "RU"],
        "names and UN country names were read"
    );
}

/// Presses Ctrl (or Cmd on macOS) with a key, as a person would, wherever the focus is.
async fn press_with_control(client: &Client, key: char) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let control = if cfg!(target_os = "macos") {
        '\u{e03d}'
    } else {
        '\u{e009}'
    };
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: control })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: control });
    client
        .perform_actions(keys)
        .await
        .expect("the key presses are sent");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn delete_an_attendee_then_undo_brings_them_back() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_event(dir.path());
    for (given, family, country) in [("Ana", "Silva", "BR"), ("Kwame", "Mensah", "GH")] {
        let input = plenary_core::model::AttendeeInput {
            given_name: given.into(),
            family_name: family.into(),
            country: country.into(),
            category: "official".into(),
            ..Default::default()
        };
        register(&db_path, input);
    }
    with_app(&db_path, |client| async move {
        open_attendees(&client).await;
        click_containing(&client, "[data-testid=attendee-row]", "SILVA").await;
        // The travel documents are masked until revealed.
        wait_for_text(&client, "[data-testid=sensitive-section]", |t| {
            t.contains("Not recorded")
        })
        .await;
        save_screenshot(&client, "screens/attendee-panel.png").await;
        find(&client, "[data-testid=delete-attendee]")
            .await
            .click()
            .await
            .expect("Delete…");
        type_into(&client, "[data-testid=delete-reason]", "Visa refused").await;
        find(&client, "[data-testid=confirm-delete]")
            .await
            .click()
            .await
            .expect("confirm the deletion");
        wait_for_text(&client, "[data-testid=attendee-count]", |t| {
            t.contains("1 attendee")
        })
        .await;
        // Focus on the page, not in a text field (where Ctrl+Z undoes typing).
        client
            .execute(
                "document.activeElement && document.activeElement.blur()",
                vec![],
            )
            .await
            .expect("blur");
        press_with_control(&client, 'z').await;
        wait_for_text(&client, "[data-testid=attendee-row]", |t| {
            t.contains("SILVA")
        })
        .await;
        wait_for_text(&client, "[data-testid=attendee-count]", |t| {
            t.contains("2 attendees")
        })
        .await;
        find(&client, "[data-testid=nav-activity]")
            .await
            .click()
            .await
            .expect("open Activity");
        wait_for_text(&client, "[data-testid=activity-row]", |t| {
            t.contains("Undid") && t.contains("Ana Silva")
        })
        .await;
        wait_for_text(&client, "[data-testid=activity-row]", |t| {
            t.contains("Deleted Ana Silva") && t.contains("Visa refused")
        })
        .await;
        save_screenshot(&client, "screens/activity.png").await;
    })
    .await;
    let conn = db::open(&db_path).expect("the store opens");
    let event = ops::resolve_event(&conn, None).expect("one event");
    let people = ops::list_attendees(&conn, &event, &Default::default()).expect("the list");
    assert_eq!(people.len(), 2, "Ana Silva is back in the store");
}

/// Waits until the print preview's pages have loaded and drawn (each SVG decoded).
async fn wait_for_pages_drawn(client: &Client) {
    let deadline = Instant::now() + WAIT;
    loop {
        let drawn = client
            .execute(
                "const pages = [...document.querySelectorAll('[data-testid=print-page]')];\
                 return pages.length > 0 && pages.every(p => p.complete && p.naturalWidth > 0);",
                vec![],
            )
            .await
            .expect("the page answers");
        if drawn == json!(true) {
            return;
        }
        if Instant::now() > deadline {
            let shot = save_screenshot(client, "e2e-failure.png").await;
            panic!("the preview's pages never drew; the window is in {shot}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Reads a PDF's text with pdftotext (poppler-utils).
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn print_an_agenda_and_a_delegations_badges_preview_save_and_print() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = dir.path().join("print.db");
    {
        let mut conn = db::open(&db_path).expect("the test database opens");
        plenary_core::sample::load(&mut conn, chrono::Utc::now(), uuid::Uuid::now_v7)
            .expect("the sample loads");
    }
    // A name in a script that no installed font draws (Nag Mundari, Unicode 15).
    register(
        &db_path,
        plenary_core::model::AttendeeInput {
            given_name: "Sanne".into(),
            family_name: "de Vries \u{1E4D0}".into(),
            country: "NL".into(),
            category: "expert".into(),
            ..Default::default()
        },
    );
    let saved = dir.path().join("saved-badges.pdf");
    let opened = dir.path().join("opened.txt");
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens"))
        .expect("a folder for screenshots");
    let opened_log = opened.clone();
    with_app_and(
        &db_path,
        &[
            ("PLENARY_TEST_SAVE_FILE", &saved),
            ("PLENARY_TEST_OPENED_FILES", &opened),
        ],
        |client| async move {
            let opened = opened_log;
            open_attendees(&client).await;
            // Ctrl+P opens the print screen from anywhere.
            press_with_control(&client, 'p').await;
            find(&client, "[data-testid=print-kind-agenda]")
                .await
                .click()
                .await
                .expect("Daily agenda");
            find(&client, "[data-testid=print-day]")
                .await
                .select_by_value("2024-09-04")
                .await
                .expect("choose Wednesday");
            wait_for_text(&client, "[data-testid=print-status]", |t| {
                t.contains("1 page")
            })
            .await;
            wait_for_pages_drawn(&client).await;
            save_screenshot(&client, "screens/print-agenda.png").await;

            // The caterer's meal counts (a page for each day with a lunch), the seating plan
            // (the hall, then the list by seat) and the list of participants, whose edition
            // controls show only for it.
            // Two have three pages, so the preview counts as new once its first page is
            // another image.
            let first_page =
                "return document.querySelector('[data-testid=print-page]')?.src ?? '';";
            for (kind, pages) in [
                ("meals", "3 pages"),
                ("seating", "3 pages"),
                ("participants", "6 pages"),
            ] {
                let before = client.execute(first_page, vec![]).await.expect("a page");
                find(&client, &format!("[data-testid=print-kind-{kind}]"))
                    .await
                    .click()
                    .await
                    .expect(kind);
                wait_for_text(&client, "[data-testid=print-status]", |t| t.contains(pages)).await;
                assert_eq!(
                    client
                        .find(Locator::Css("[data-testid=print-edition]"))
                        .await
                        .is_ok(),
                    kind == "participants",
                    "the edition control belongs to the list of participants only"
                );
                let deadline = Instant::now() + WAIT;
                while client.execute(first_page, vec![]).await.expect("a page") == before {
                    assert!(Instant::now() < deadline, "the {kind} preview never came");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                wait_for_pages_drawn(&client).await;
                save_screenshot(&client, &format!("screens/print-{kind}.png")).await;
            }
            // The list's own controls, scrolled into view.
            client
                .execute(
                    "document.querySelector('[data-testid=print-email]').scrollIntoView();",
                    vec![],
                )
                .await
                .expect("scrolls");
            save_screenshot(&client, "screens/print-participants-controls.png").await;

            // Badges for the Chinese delegation: four to a sheet.
            find(&client, "[data-testid=print-kind-badges]")
                .await
                .click()
                .await
                .expect("Badges");
            find(&client, "[data-testid=print-who-delegation]")
                .await
                .click()
                .await
                .expect("One delegation");
            find(&client, "[data-testid=print-delegation]")
                .await
                .select_by_value("CN")
                .await
                .expect("choose China");
            wait_for_text(&client, "[data-testid=print-status]", |t| {
                t.contains("4 pages")
            })
            .await;
            wait_for_pages_drawn(&client).await;
            save_screenshot(&client, "screens/print-badges.png").await;
            assert!(
                client
                    .find(Locator::Css("[data-testid=print-missing]"))
                    .await
                    .is_err(),
                "every Chinese name has a font"
            );
            find(&client, "[data-testid=print-save]:not([disabled])")
                .await
                .click()
                .await
                .expect("Save PDF…");
            find(&client, "[data-testid=print-open]:not([disabled])")
                .await
                .click()
                .await
                .expect("Print…");
            let deadline = Instant::now() + WAIT;
            while !std::fs::read_to_string(&opened).is_ok_and(|t| t.contains("badges-CN.pdf")) {
                assert!(
                    Instant::now() < deadline,
                    "the PDF was handed to the viewer"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }

            // A delegation with a name no font can draw: the screen says which character.
            find(&client, "[data-testid=print-delegation]")
                .await
                .select_by_value("NL")
                .await
                .expect("choose the Netherlands");
            wait_for_text(&client, "[data-testid=print-missing]", |t| {
                // The message isolates each value (U+2068 … U+2069) for right-to-left text.
                let t = t.replace(['\u{2068}', '\u{2069}'], "");
                t.contains("U+1E4D0") && t.contains("VRIES")
            })
            .await;
            wait_for_pages_drawn(&client).await;
            save_screenshot(&client, "screens/print-missing-glyph.png").await;
        },
    )
    .await;
    let text = pdf_text(&saved);
    assert!(
        text.contains("马朝旭"),
        "the saved badges carry the Chinese names: {text}"
    );
    assert!(!text.contains("Egypt"), "and only the Chinese delegation");
    let opened = std::fs::read_to_string(&opened).expect("the opened list");
    let printed = Path::new(opened.lines().last().expect("one file").trim());
    assert!(
        std::fs::read(printed)
            .expect("the opened PDF exists")
            .starts_with(b"%PDF-"),
        "a real PDF went to the viewer"
    );
}

/// The installed package's app, as `scripts/test-deb.sh` sets it; these tests refuse to run
/// against anything else.
fn installed_app() -> String {
    let app = std::env::var("PLENARY_E2E_APP").unwrap_or_default();
    assert!(
        app.starts_with("/usr/"),
        "run the installed-package tests through scripts/test-deb.sh (PLENARY_E2E_APP={app:?})"
    );
    app
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the .deb installed; scripts/test-deb.sh runs it"]
async fn installed_app_starts_on_the_start_screen() {
    installed_app();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = dir.path().join("fresh.db");
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens"))
        .expect("a folder for screenshots");
    with_app(&db_path, |client| async move {
        // A new database: the start screen offers to create an event or load the sample.
        find(&client, "[data-testid=load-sample]").await;
        save_screenshot(&client, "screens/installed-start.png").await;
    })
    .await;
    assert!(db_path.exists(), "the installed app created its database");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the .deb installed; scripts/test-deb.sh runs it"]
async fn installed_app_migrates_a_database_from_the_first_version() {
    installed_app();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = dir.path().join("old.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plenary-schema-v1.db"),
        &db_path,
    )
    .expect("copy the version 1 fixture");
    with_app(&db_path, |client| async move {
        open_attendees(&client).await;
        // The fixture's sample seminar, read through every migration since version 1.
        type_into(&client, "[data-testid=attendee-search]", "guterres").await;
        wait_for_text(&client, "[data-testid=attendee-row]", |t| {
            t.contains("GUTERRES")
        })
        .await;
        save_screenshot(&client, "screens/installed-migrated.png").await;
    })
    .await;
    let conn = db::open(&db_path).expect("the migrated file opens");
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("the schema version");
    assert_eq!(
        version,
        db::SCHEMA_VERSION,
        "the installed app migrated the file"
    );
    let backups = std::fs::read_dir(dir.path().join("backups"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(
        backups > 0,
        "a backup of the old file was kept before migrating"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn the_app_reopens_at_the_size_it_was_left_and_logs_no_attendee_data() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_event(dir.path());
    register(
        &db_path,
        plenary_core::model::AttendeeInput {
            given_name: "Wenjing".into(),
            family_name: "Quanhai".into(),
            country: "CN".into(),
            category: "official".into(),
            email: "wenjing.quanhai@example.cn".into(),
            ..Default::default()
        },
    );
    // Their own settings and data folders, so that the remembered size and the log stay out of
    // the other tests.
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    for folder in [&config, &data] {
        std::fs::create_dir_all(folder).expect("a folder");
    }
    let vars = [
        ("XDG_CONFIG_HOME", config.as_path()),
        ("XDG_DATA_HOME", data.as_path()),
    ];
    with_app_and(&db_path, &vars, |client| async move {
        open_attendees(&client).await;
        type_into(&client, "[data-testid=attendee-search]", "quanhai").await;
        wait_for_text(&client, "[data-testid=attendee-row]", |t| {
            t.contains("QUANHAI")
        })
        .await;
        client
            .set_window_rect(0, 0, 1000, 700)
            .await
            .expect("the window is resized");
        // The place is saved half a second after the window stops changing.
        tokio::time::sleep(Duration::from_millis(1500)).await;
    })
    .await;
    let state = std::fs::read_to_string(config.join("org.plenary.desktop/.window-state.json"))
        .expect("the window's state was saved");
    assert!(state.contains("1000"), "the new width was saved: {state}");
    with_app_and(&db_path, &vars, |client| async move {
        find(&client, "body").await;
        let (_, _, width, height) = client.get_window_rect().await.expect("the window's size");
        assert_eq!(
            (width, height),
            (1000, 700),
            "the window reopens at the size it was left"
        );
        // The About box: version, build date, the database file and the log folder.
        open_attendees(&client).await;
        find(&client, "[data-testid=open-about]")
            .await
            .click()
            .await
            .expect("About Plenary");
        wait_for_text(&client, "[data-testid=about-version]", |t| {
            t.contains(env!("CARGO_PKG_VERSION"))
        })
        .await;
        wait_for_text(&client, "[data-testid=about-build-date]", |t| {
            t.chars().any(|c| c.is_ascii_digit())
        })
        .await;
        wait_for_text(&client, "[data-testid=about-db-path]", |t| {
            t.ends_with("e2e.db")
        })
        .await;
        wait_for_text(&client, "[data-testid=about-log-dir]", |t| {
            t.contains("org.plenary.desktop") && t.contains("logs")
        })
        .await;
        save_screenshot(&client, "screens/about.png").await;
    })
    .await;
    let log = std::fs::read_to_string(data.join("org.plenary.desktop/logs/plenary.log"))
        .expect("the app wrote its log in the OS log folder");
    assert!(log.contains("starting"), "the log records the start: {log}");
    for personal in ["Quanhai", "QUANHAI", "Wenjing", "example.cn"] {
        assert!(
            !log.contains(personal),
            "the log holds no attendee data: {log}"
        );
    }
}

// ---- The six languages: switching at run time, Arabic right to left, axe-core, pseudo-locale.

/// A fresh place for the web view's storage (the remembered language), so that no other test
/// starts in the language these tests leave behind, and the first run follows `LANGUAGE`.
fn fresh_profile(dir: &Path) -> std::path::PathBuf {
    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).expect("a profile folder");
    profile
}

/// The document's `lang` and `dir`, as the language switch set them.
async fn document_language(client: &Client) -> (String, String) {
    let value = client
        .execute(
            "return [document.documentElement.lang, document.documentElement.dir];",
            vec![],
        )
        .await
        .expect("read lang and dir");
    let pair: (String, String) = serde_json::from_value(value).expect("two strings");
    pair
}

/// Picks `code` in the language picker `testid`, as a person would, and waits for the
/// document to be in that language.
async fn pick_language(client: &Client, testid: &str, code: &str) {
    let select = find(client, &format!("[data-testid={testid}]")).await;
    let reference = serde_json::to_value(&select).expect("an element reference");
    client
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![reference, json!(code)],
        )
        .await
        .unwrap_or_else(|e| panic!("pick {code}: {e}"));
    let deadline = Instant::now() + WAIT;
    loop {
        let (lang, dir) = document_language(client).await;
        if lang == code {
            let rtl = code == "ar";
            assert_eq!(
                dir,
                if rtl { "rtl" } else { "ltr" },
                "the direction of {code}"
            );
            return;
        }
        if Instant::now() >= deadline {
            let shot = save_screenshot(client, "e2e-failure.png").await;
            panic!("the document did not switch to {code} (it is {lang}); see {shot}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs axe-core (from ui/node_modules) on the page and returns its serious and critical
/// violations, one line each.
async fn axe_violations(client: &Client) -> Vec<String> {
    let axe_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&axe_path)
        .unwrap_or_else(|e| panic!("{}: {e} (run npm --prefix ui ci)", axe_path.display()));
    let loaded = client
        .execute(
            &format!("{source}\n;if (typeof axe !== 'undefined') window.axe = axe; return typeof window.axe;"),
            vec![],
        )
        .await
        .expect("axe-core loads");
    assert_eq!(loaded, json!("object"), "axe-core is in the page");
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.axe.run(document, { resultTypes: ['violations'] }).then((r) => done(
               r.violations
                 .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                 .map((v) => `${v.impact} ${v.id}: ${v.help} — ` + v.nodes.slice(0, 4)
                   .map((n) => n.target.join(' ')).join(' | '))
             ), (e) => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    serde_json::from_value(found).expect("a list of violations")
}

/// Translated text that does not fit: elements that hide their overflow while their text is
/// wider than they are, and buttons whose label is cut. User data (a long event name,
/// ellipsised with a tooltip) is not translated, so it has no pseudo-locale tildes and does
/// not count.
async fn clipped_text(client: &Client) -> Vec<String> {
    let found = client
        .execute(
            "const out = [];
             for (const el of document.querySelectorAll('body *')) {
               if (!el.checkVisibility || !el.checkVisibility()) continue;
               // A timetable block is as wide as its room's column and ellipsises by design;
               // its tooltip and accessible name carry the whole text.
               if (el.closest('svg, canvas, [aria-hidden=true], .sr-only, [data-testid=session-block]')) continue;
               const text = [...el.childNodes].filter((n) => n.nodeType === 3)
                 .map((n) => n.textContent.trim()).join(' ');
               const label = el.tagName === 'BUTTON' || el.classList.contains('btn');
               if (!text && !label) continue;
               // Only translated text is longer in the pseudo-locale; user data (a long
               // event name, ellipsised with a tooltip) is not what this looks for.
               if (!(text || el.textContent).includes('~')) continue;
               const s = getComputedStyle(el);
               const hides = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
               if (!hides && !label) continue;
               if (el.scrollWidth <= el.clientWidth + 1) continue;
               if (el.scrollWidth === 0 || el.clientWidth === 0) continue;
               out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} \"${(text || el.textContent).trim().slice(0, 60)}\" ${el.scrollWidth}>${el.clientWidth}`);
             }
             return out;",
            vec![],
        )
        .await
        .expect("look for clipped text");
    serde_json::from_value(found).expect("a list")
}

/// The main screens of the sample event, each with what shows that it has loaded.
const MAIN_SCREENS: [(&str, &str); 11] = [
    ("dashboard", "canvas"),
    ("attendees", "[data-testid=attendee-row]"),
    ("delegations", "[data-testid=delegation-row]"),
    ("seating", "[data-testid=seating-seat]"),
    ("schedule", "[data-testid=session-block]"),
    ("speakers", "[data-testid=speaker-row]"),
    ("checkin", "[data-testid=arrived-count]"),
    ("io", "[data-testid=exchange-import]"),
    (
        "print",
        "[data-testid=print-page], [data-testid=print-prompt]",
    ),
    ("activity", "[data-testid=activity-list], main .empty"),
    ("settings", "[data-testid=backup-now]"),
];

/// Opens the sample event from the events list.
async fn open_sample(client: &Client) {
    go(client, "events").await;
    click_containing(
        client,
        "[data-testid=event-row] button.open",
        "Capacity-building",
    )
    .await;
    find(client, "[data-testid=nav-attendees]").await;
}

/// Checks in the person whose name contains `name` at the desk, so its card shows.
async fn check_in(client: &Client, name: &str) {
    let search = find(client, "[data-testid=desk-search]").await;
    search.send_keys(name).await.expect("type a name");
    wait_for_text(client, "[data-testid=desk-result]", |t| t.contains(name)).await;
    search.send_keys("\u{e007}").await.expect("Enter");
    wait_for_text(client, "[data-testid=checkin-card]", |t| t.contains(name)).await;
}

/// The first-run screen offers the languages, each in its own script; switching keeps an
/// open form's contents and the page (no reload), lays Arabic out right to left, is
/// remembered across a restart, and a first run follows the OS language.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn languages_switch_at_run_time_from_the_first_run_screen_and_are_remembered() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = dir.path().join("first-run.db");
    let profile = fresh_profile(dir.path());
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens"))
        .expect("a folder for screenshots");
    let vars = [("XDG_DATA_HOME", profile.as_path())];
    with_app_and(&db_path, &vars, |client| async move {
        let picker = wait_for_text(&client, "[data-testid=first-run-language]", |t| {
            t.contains("العربية")
        })
        .await;
        for name in ["中文", "English", "Español", "Français", "Русский"] {
            assert!(picker.contains(name), "the picker offers {name}: {picker}");
        }
        assert_eq!(
            document_language(&client).await,
            ("en".into(), "ltr".into())
        );
        // A marker in the page, and a half-filled form: neither may be lost.
        client
            .execute("window.plenaryMarker = 'still here';", vec![])
            .await
            .expect("set a marker");
        find(&client, "[data-testid=create-event]")
            .await
            .click()
            .await
            .expect("New event");
        type_into(&client, "input[name=name]", "ندوة بناء القدرات").await;

        pick_language(&client, "first-run-language", "ar").await;
        wait_for_text(&client, "#events-title", |t| t.contains("المناسبات")).await;
        let typed = find(&client, "input[name=name]")
            .await
            .prop("value")
            .await
            .expect("the field's value")
            .unwrap_or_default();
        assert_eq!(typed, "ندوة بناء القدرات", "the form kept what was typed");
        let marker = client
            .execute("return window.plenaryMarker;", vec![])
            .await
            .expect("read the marker");
        assert_eq!(marker, json!("still here"), "the page was not reloaded");
        // The sidebar is on the right in Arabic.
        let sides = client
            .execute(
                "const nav = document.querySelector('nav.sidebar').getBoundingClientRect();
                 const main = document.querySelector('main').getBoundingClientRect();
                 return nav.left > main.left;",
                vec![],
            )
            .await
            .expect("measure");
        assert_eq!(sides, json!(true), "the sidebar moved to the right");
        save_screenshot(&client, "screens/first-run-ar.png").await;

        pick_language(&client, "first-run-language", "zh").await;
        save_screenshot(&client, "screens/first-run-zh.png").await;
        pick_language(&client, "first-run-language", "en").await;
        wait_for_text(&client, "#events-title", |t| t.contains("Events")).await;
        pick_language(&client, "first-run-language", "fr").await;
        // WebKit writes localStorage to disk a moment later; ending the session at once
        // would kill the app before it does.
        tokio::time::sleep(Duration::from_secs(3)).await;
    })
    .await;
    // Remembered: the next start is in French.
    with_app_and(&db_path, &vars, |client| async move {
        wait_for_text(&client, "#events-title", |t| t.contains("Manifestations")).await;
        assert_eq!(
            document_language(&client).await,
            ("fr".into(), "ltr".into())
        );
    })
    .await;
    // A first run (nothing remembered) follows the OS language, here Russian.
    let other = fresh_profile(&dir.path().join("other"));
    let vars = [
        ("XDG_DATA_HOME", other.as_path()),
        ("LANGUAGE", Path::new("ru_RU")),
        ("LANG", Path::new("ru_RU.UTF-8")),
    ];
    with_app_and(&db_path, &vars, |client| async move {
        // The window is mounted once the language is set.
        find(&client, "nav.sidebar").await;
        let (lang, _) = document_language(&client).await;
        let os = client
            .execute("return navigator.languages.join(' ');", vec![])
            .await
            .expect("the OS languages");
        let os = os.as_str().unwrap_or_default().to_owned();
        // WebKit takes the languages from setlocale(), which falls back to C (en-US) when the
        // Russian locale is not installed; then the first run must be in English.
        let expected = if os.starts_with("ru") { "ru" } else { "en" };
        assert_eq!(
            lang, expected,
            "the first run follows the OS language ({os})"
        );
    })
    .await;
}

/// Every main screen in English, Arabic and Chinese: switched from Settings without a
/// restart, screenshots in Arabic and Chinese (under tmp/screens/i18n, to be looked at), the
/// timetable's first room rightmost in Arabic, and axe-core on every screen in English and
/// Arabic with no serious or critical violation.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn every_main_screen_in_arabic_and_chinese_mirrors_and_passes_axe() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    let profile = fresh_profile(dir.path());
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens/i18n"))
        .expect("a folder for screenshots");
    let vars = [("XDG_DATA_HOME", profile.as_path())];
    with_app_and(&db_path, &vars, |client| async move {
        open_sample(&client).await;
        let mut violations = Vec::new();
        for lang in ["en", "ar", "zh"] {
            go(&client, "settings").await;
            pick_language(&client, "settings-language", lang).await;
            // The events list.
            go(&client, "events").await;
            find(&client, "[data-testid=event-row]").await;
            if lang != "en" {
                save_screenshot(&client, &format!("screens/i18n/{lang}-events.png")).await;
            }
            if lang != "zh" {
                let found = axe_violations(&client).await;
                violations.extend(found.into_iter().map(|v| format!("{lang} events: {v}")));
            }
            click_containing(
                &client,
                "[data-testid=event-row] button.open",
                "Capacity-building",
            )
            .await;
            for (section, ready) in MAIN_SCREENS {
                go(&client, section).await;
                find(&client, ready).await;
                if section == "checkin" {
                    check_in(&client, "马朝旭").await;
                    let said = wait_for_text(&client, "[data-testid=checkin-announcement]", |t| {
                        t.contains("马朝旭")
                    })
                    .await;
                    assert!(!said.trim().is_empty(), "the live region says the check-in");
                }
                if section == "attendees" {
                    // The side panel with a person's details and agenda.
                    click_containing(&client, "[data-testid=attendee-row]", "ABDEL FATTAH").await;
                    wait_for_text(&client, "[data-testid=attendee-agenda]", |t| !t.is_empty()).await;
                }
                if section == "schedule" && lang == "ar" {
                    let order = client
                        .execute(
                            "const c = [...document.querySelectorAll('[data-testid=timetable-column]')];
                             return c.length < 2 || c[0].getBoundingClientRect().left > c[1].getBoundingClientRect().left;",
                            vec![],
                        )
                        .await
                        .expect("measure the columns");
                    assert_eq!(order, json!(true), "the first room is the rightmost column");
                }
                // Let charts and previews settle.
                tokio::time::sleep(Duration::from_millis(400)).await;
                if lang != "en" {
                    save_screenshot(&client, &format!("screens/i18n/{lang}-{section}.png")).await;
                }
                if lang == "en" || lang == "ar" {
                    violations.extend(
                        axe_violations(&client)
                            .await
                            .into_iter()
                            .map(|v| format!("{lang} {section}: {v}")),
                    );
                }
                if section == "checkin" {
                    find(&client, "[data-testid=undo-checkin]")
                        .await
                        .click()
                        .await
                        .expect("undo the check-in");
                    wait_for_text(&client, "[data-testid=checkin-card]", |_| true).await;
                }
            }
        }
        // And back to English, still without a restart.
        go(&client, "settings").await;
        pick_language(&client, "settings-language", "en").await;
        wait_for_text(&client, "nav.sidebar", |t| t.contains("Attendees")).await;
        violations.sort();
        violations.dedup();
        assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
    })
    .await;
}

/// The pseudo-locale (every string ~40% longer, accented) on every main screen: no text is
/// clipped and no button label is cut. Screenshots under tmp/screens/pseudo.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn the_pseudo_locale_shows_no_clipped_text_on_the_main_screens() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    let profile = fresh_profile(dir.path());
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens/pseudo"))
        .expect("a folder for screenshots");
    let vars = [("XDG_DATA_HOME", profile.as_path())];
    with_app_and(&db_path, &vars, |client| async move {
        find(&client, "main").await;
        client
            .execute(
                "localStorage.setItem('plenary.language', 'en-XA'); location.reload();",
                vec![],
            )
            .await
            .expect("choose the pseudo-locale");
        wait_for_text(&client, "nav.sidebar", |t| t.contains("~~")).await;
        let mut clipped = Vec::new();
        go(&client, "events").await;
        find(&client, "[data-testid=event-row]").await;
        save_screenshot(&client, "screens/pseudo/events.png").await;
        clipped.extend(
            clipped_text(&client)
                .await
                .into_iter()
                .map(|c| format!("events: {c}")),
        );
        click_containing(
            &client,
            "[data-testid=event-row] button.open",
            "Capacity-building",
        )
        .await;
        for (section, ready) in MAIN_SCREENS {
            go(&client, section).await;
            find(&client, ready).await;
            tokio::time::sleep(Duration::from_millis(400)).await;
            save_screenshot(&client, &format!("screens/pseudo/{section}.png")).await;
            clipped.extend(
                clipped_text(&client)
                    .await
                    .into_iter()
                    .map(|c| format!("{section}: {c}")),
            );
        }
        client
            .execute("localStorage.removeItem('plenary.language');", vec![])
            .await
            .ok();
        assert!(clipped.is_empty(), "clipped text:\n{}", clipped.join("\n"));
    })
    .await;
}

/// A database of its own on the PostgreSQL server that `PGHOST` and the rest name (scripts/
/// test.sh runs the end-to-end tests under `pg_virtualenv`), dropped after; `None` without a
/// server, unless `PLENARY_REQUIRE_SERVER=1`, when that fails the test.
struct ServerDb {
    admin: String,
    name: String,
    uri: std::path::PathBuf,
}

impl ServerDb {
    fn new() -> Option<ServerDb> {
        let Ok(host) = std::env::var("PGHOST") else {
            assert!(
                std::env::var("PLENARY_REQUIRE_SERVER").as_deref() != Ok("1"),
                "PLENARY_REQUIRE_SERVER=1 but no PGHOST: run the tests under pg_virtualenv"
            );
            eprintln!("no PostgreSQL server (PGHOST unset): this test is skipped");
            return None;
        };
        let var = |name: &str, default: &str| std::env::var(name).unwrap_or(default.into());
        let (port, user) = (var("PGPORT", "5432"), var("PGUSER", "postgres"));
        let admin = format!(
            "host={host} port={port} user={user} password={} dbname={}",
            var("PGPASSWORD", ""),
            var("PGDATABASE", "postgres")
        );
        let name = format!("plenary_e2e_{}", uuid::Uuid::now_v7().simple());
        // The driver's client must not run on the test's runtime threads: a thread of its own.
        std::thread::scope(|s| {
            s.spawn(|| {
                plenary_core::server::connect(&admin)
                    .expect("the test server answers")
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("a test database");
            });
        });
        let uri = format!("postgresql://{user}@{host}:{port}/{name}").into();
        Some(ServerDb { admin, name, uri })
    }
}

impl Drop for ServerDb {
    fn drop(&mut self) {
        std::thread::scope(|s| {
            s.spawn(|| {
                if let Ok(mut client) = plenary_core::server::connect(&self.admin) {
                    let _ = client.batch_execute(&format!(
                        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                        self.name
                    ));
                }
            });
        });
    }
}

/// Two desks, each a window of its own app, on one server: a check-in at one moves the other's
/// counter by itself (how soon is in docs/benchmarks.md), and the Settings screen names the
/// server without its password.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server; scripts/test.sh runs it"]
async fn two_desks_on_one_server_see_each_others_check_ins() {
    let Some(server) = ServerDb::new() else {
        return;
    };
    {
        let mut conn = db::open(&server.uri).expect("the server store");
        plenary_core::sample::load(&mut conn, chrono::Utc::now(), uuid::Uuid::now_v7)
            .expect("the sample loads");
    }
    let first = Driver::start_with(&server.uri, &[]);
    let second = Driver::start_with(&server.uri, &[]);
    let (a, b) = (connect(&first).await, connect(&second).await);
    for client in [&a, &b] {
        // The event opens by itself (the only one) once the list has loaded; only then is the
        // sidebar's choice not undone by that.
        wait_for_text(client, "[data-testid=event-switcher]", |t| {
            t.contains("Capacity-building")
        })
        .await;
        go(client, "checkin").await;
        wait_for_text(client, "[data-testid=arrived-count]", |t| {
            t.contains("0 of 123")
        })
        .await;
    }
    let search = find(&a, "[data-testid=desk-search]").await;
    search.send_keys("朝旭").await.expect("type part of 马朝旭");
    wait_for_text(&a, "[data-testid=desk-result]", |t| t.contains("马朝旭")).await;
    search.send_keys("\u{e007}").await.expect("Enter");
    wait_for_text(&a, "[data-testid=arrived-count]", |t| {
        t.contains("1 of 123")
    })
    .await;
    // The other desk did nothing: its counter moves by itself. How soon is a benchmark's
    // question (`benches/server.rs`, docs/benchmarks.md), never a timed test's.
    wait_for_text(&b, "[data-testid=arrived-count]", |t| {
        t.contains("1 of 123")
    })
    .await;
    save_screenshot(&b, "screens/desk-live-other.png").await;

    go(&b, "settings").await;
    let place = wait_for_text(&b, "[data-testid=data-file]", |t| {
        t.starts_with("postgresql://")
    })
    .await;
    assert_eq!(place, server.uri.display().to_string());
    // No folder of automatic backups is named after a server's address.
    find(&b, "[data-testid=server-backups]").await;
    assert!(b
        .find(Locator::Css("[data-testid=backups-folder]"))
        .await
        .is_err());
    save_screenshot(&b, "screens/settings-server.png").await;
    // A server that does not answer: the dialog says so under the address, and the desk
    // stays where it was.
    find(&b, "[data-testid=connect-server]")
        .await
        .click()
        .await
        .expect("Connect to server…");
    type_into(
        &b,
        "[data-testid=server-address]",
        "postgresql://desk@127.0.0.1:1/seminar",
    )
    .await;
    type_into(&b, "[data-testid=server-password]", "not-this-one").await;
    find(&b, "[data-testid=server-submit]")
        .await
        .click()
        .await
        .expect("Connect");
    let said = wait_for_text(&b, "[data-testid=server-dialog] .field-error", |t| {
        t.contains("cannot be reached")
    })
    .await;
    assert!(said.contains("127.0.0.1") && said.contains(":1 "), "{said}");
    assert!(!said.contains("not-this-one"), "{said}");
    save_screenshot(&b, "screens/connect-error.png").await;
    for client in [a, b] {
        if let Err(e) = client.close().await {
            eprintln!("closing the WebDriver session failed: {e}");
        }
    }
    drop(first);
    drop(second);
}

/// The people of `event` in the store at `address`, read on a thread of its own (a server's
/// client must not run on the test's runtime threads).
fn attendees_in(address: &Path, event: &str) -> usize {
    let (address, event) = (address.to_path_buf(), event.to_owned());
    std::thread::spawn(move || {
        let conn = db::open(&address).expect("the store opens");
        ops::list_attendees(
            &conn,
            &event,
            &plenary_core::model::AttendeeFilter::default(),
        )
        .expect("the attendees")
        .len()
    })
    .join()
    .expect("the reading thread")
}

/// The organisers' event goes from the laptop's file to the server by Settings → Publish to
/// server…, comes back by Save a copy as file…, and the app then connects to the server; in
/// Arabic, so that the dialog and the store's section are looked at mirrored.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server; scripts/test.sh runs it"]
async fn publish_to_a_server_save_a_copy_and_connect_in_arabic() {
    let Some(server) = ServerDb::new() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_sample(dir.path());
    let event = sample_event(&db::open(&db_path).expect("the file opens"));
    let profile = fresh_profile(dir.path());
    let copy = dir.path().join("copy of the seminar.db");
    std::fs::create_dir_all(Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens/i18n"))
        .expect("a folder for screenshots");
    let vars = [
        ("XDG_DATA_HOME", profile.as_path()),
        ("PLENARY_TEST_SAVE_FILE", copy.as_path()),
    ];
    let uri = server.uri.clone();
    let (server_event, copied) = (event.clone(), copy.clone());
    with_app_and(&db_path, &vars, |client| async move {
        open_sample(&client).await;
        go(&client, "settings").await;
        pick_language(&client, "settings-language", "ar").await;

        click(&client, "[data-testid=publish-server]").await;
        // The password comes from PGPASSWORD, as libpq takes it.
        type_into(
            &client,
            "[data-testid=server-address]",
            &uri.display().to_string(),
        )
        .await;
        save_screenshot(&client, "screens/i18n/ar-publish-dialog.png").await;
        click(&client, "[data-testid=server-submit]").await;
        let name = uri
            .display()
            .to_string()
            .rsplit('/')
            .next()
            .expect("a database name")
            .to_owned();
        wait_for_text(&client, ".toasts", |t| t.contains(&name)).await;
        assert_eq!(
            attendees_in(&uri, &server_event),
            123,
            "the server holds the event with its people"
        );
        // The app still works on the file.
        let place = find(&client, "[data-testid=data-file]")
            .await
            .text()
            .await
            .expect("the store's place");
        assert!(!place.starts_with("postgresql://"), "{place}");

        click(&client, "[data-testid=save-copy]").await;
        wait_for_text(&client, ".toasts", |t| t.contains("copy of the seminar")).await;
        assert_eq!(
            attendees_in(&copied, &server_event),
            123,
            "the copy holds them too"
        );

        click(&client, "[data-testid=connect-server]").await;
        type_into(
            &client,
            "[data-testid=server-address]",
            &uri.display().to_string(),
        )
        .await;
        click(&client, "[data-testid=server-submit]").await;
        wait_for_text(&client, "[data-testid=data-file]", |t| {
            t.starts_with("postgresql://")
        })
        .await;
        find(&client, "[data-testid=server-backups]").await;
        save_screenshot(&client, "screens/i18n/ar-settings-server.png").await;
    })
    .await;
}

/// The PostgreSQL cluster the tests run against (pg_virtualenv's, found by PGPORT), stopped for
/// a test and started again when dropped, even if the test fails.
struct StoppedCluster {
    version: String,
    name: String,
}

impl StoppedCluster {
    fn stop() -> StoppedCluster {
        let port = std::env::var("PGPORT").expect("PGPORT, from pg_virtualenv");
        let list = Command::new("pg_lsclusters")
            .arg("-h")
            .output()
            .expect("pg_lsclusters runs");
        let text = String::from_utf8_lossy(&list.stdout);
        let (version, name) = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|f| f.get(2) == Some(&port.as_str()))
            .map(|f| (f[0].to_owned(), f[1].to_owned()))
            .expect("the test cluster is listed");
        let cluster = StoppedCluster { version, name };
        cluster.run("stop");
        cluster
    }

    fn run(&self, action: &str) {
        let status = Command::new("pg_ctlcluster")
            .args([self.version.as_str(), self.name.as_str(), action])
            .status()
            .expect("pg_ctlcluster runs");
        assert!(status.success(), "pg_ctlcluster {action} failed");
    }

    fn start(self) {
        self.run("start");
        std::mem::forget(self);
    }
}

impl Drop for StoppedCluster {
    fn drop(&mut self) {
        self.run("start");
    }
}

/// When the app's cache (offline.rs) last matched the server, once it has been made.
fn cache_refreshed(path: &Path, address: &str) -> Option<String> {
    if !path.exists() {
        return None;
    }
    let info = plenary_core::offline::Cache::open(path, address)
        .ok()?
        .info()
        .ok()?;
    Some(info.refreshed_at).filter(|at| !at.is_empty())
}

/// The desk loses its server: the banner says so and since when, the desk keeps searching and
/// checking people in from its cache, the other sections wait with a reason, and when the
/// server is back the queue is sent by itself, the banner goes, and a clash with another desk
/// (the test's own, checking the same person in offline) is in the "Needs review" list.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server; scripts/test.sh runs it"]
async fn the_desk_keeps_working_offline_and_sends_its_queue_when_the_server_is_back() {
    let Some(server) = ServerDb::new() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a folder");
    let address = server.uri.display().to_string();
    let (event, person) = {
        let address = address.clone();
        std::thread::spawn(move || {
            let mut conn = db::open(Path::new(&address)).expect("the server store");
            plenary_core::sample::load(&mut conn, chrono::Utc::now(), uuid::Uuid::now_v7)
                .expect("the sample loads");
            let event = sample_event(&conn);
            let person = plenary_core::desk::find_one(&conn, &event, "朝旭").expect("马朝旭");
            (event, person)
        })
        .join()
        .expect("the loading thread")
    };
    // The other desk: the test's own cache, made while the server answers.
    let other_cache = dir.path().join("desk-b.db");
    {
        let (address, other_cache, event) = (address.clone(), other_cache.clone(), event.clone());
        std::thread::spawn(move || {
            let conn = db::open(Path::new(&address)).expect("the server store");
            let mut cache =
                plenary_core::offline::Cache::open(&other_cache, &address).expect("a cache");
            cache
                .refresh(&conn, &event, chrono::Utc::now())
                .expect("copied");
            // Registered online after desk B made its copy: desk B does not know her.
            let mut conn = conn;
            ops::register_attendee(
                &mut conn,
                &event,
                uuid::Uuid::now_v7(),
                &plenary_core::model::AttendeeInput {
                    given_name: "Fatima".into(),
                    family_name: "Al-Zahra".into(),
                    country: "SA".into(),
                    category: "official".into(),
                    email: "f.alzahra@example.org".into(),
                    organization: "Saudi Data and Artificial Intelligence Authority".into(),
                    ..Default::default()
                },
                chrono::Utc::now(),
            )
            .expect("registered online");
        })
        .join()
        .expect("the cache thread");
    }
    let cache = dir.path().join("desk-a.db");
    let desk = Driver::start_with(
        &server.uri,
        &[
            ("PLENARY_CACHE", cache.as_path()),
            ("PLENARY_DESK", Path::new("Desk A")),
        ],
    );
    let client = connect(&desk).await;
    wait_for_text(&client, "[data-testid=event-switcher]", |t| {
        t.contains("Capacity-building")
    })
    .await;
    go(&client, "checkin").await;
    wait_for_text(&client, "[data-testid=arrived-count]", |t| {
        t.contains("0 of 124")
    })
    .await;
    // The app copies the event into its cache as soon as it asks the server how it is.
    let deadline = Instant::now() + WAIT;
    while cache_refreshed(&cache, &address).is_none() {
        assert!(
            Instant::now() < deadline,
            "the app made no cache at {}",
            cache.display()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let cluster = StoppedCluster::stop();
    let banner = wait_for_text(&client, "[data-testid=offline-banner]", |t| {
        t.contains("cannot be reached")
    })
    .await;
    assert!(banner.contains("own copy of the event"), "{banner}");
    // Offline, the same search and the same Enter check the person in.
    check_in(&client, "马朝旭").await;
    wait_for_text(&client, "[data-testid=arrived-count]", |t| {
        t.contains("1 of 124")
    })
    .await;
    wait_for_text(&client, "[data-testid=offline-banner]", |t| {
        t.contains("1 desk action is waiting")
    })
    .await;
    save_screenshot(&client, "screens/desk-offline.png").await;
    // In Arabic the banner mirrors, its time and count in Arabic words (Settings works offline).
    go(&client, "settings").await;
    pick_language(&client, "settings-language", "ar").await;
    go(&client, "checkin").await;
    wait_for_text(&client, "[data-testid=offline-banner]", |t| {
        t.contains("تعذّر الوصول")
    })
    .await;
    save_screenshot(&client, "screens/desk-offline-ar.png").await;
    go(&client, "settings").await;
    pick_language(&client, "settings-language", "en").await;
    // Another section waits for the server, and says so.
    go(&client, "attendees").await;
    wait_for_text(&client, ".empty h2", |t| t.contains("waits for the server")).await;
    save_screenshot(&client, "screens/offline-section.png").await;
    find(&client, "[data-testid=offline-go-desk]")
        .await
        .click()
        .await
        .expect("Go to the desk");
    // Meanwhile desk B, offline too, checks the same person in.
    {
        let (address, other_cache, person) = (address.clone(), other_cache.clone(), person.clone());
        std::thread::spawn(move || {
            let mut cache =
                plenary_core::offline::Cache::open(&other_cache, &address).expect("opens");
            cache
                .check_in("Desk B", uuid::Uuid::now_v7(), &person, chrono::Utc::now())
                .expect("desk B checks in offline");
            // And registers a walk-in, in Arabic, with her email: the same person, or not?
            let event = cache.event_id().expect("meta").expect("an event");
            cache
                .register_walk_in(
                    "Desk B",
                    uuid::Uuid::now_v7(),
                    &event,
                    uuid::Uuid::now_v7(),
                    &plenary_core::model::AttendeeInput {
                        given_name: "فاطمة".into(),
                        family_name: "الزهراء".into(),
                        given_name_latin: "Fatima".into(),
                        family_name_latin: "Al-Zahra".into(),
                        country: "SA".into(),
                        category: "official".into(),
                        email: "F.AlZahra@example.org".into(),
                        organization: "سدايا".into(),
                        ..Default::default()
                    },
                    chrono::Utc::now(),
                )
                .expect("desk B registers a walk-in offline");
        })
        .join()
        .expect("desk B's thread");
    }

    cluster.start();
    // Desk B sends its queue as soon as the server is back; the app sends its own by itself.
    // Whichever comes second finds the first, and the clash goes to review.
    let synced_b = {
        let (address, other_cache) = (address.clone(), other_cache.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                match db::open(Path::new(&address)) {
                    Ok(mut conn) => {
                        let mut cache = plenary_core::offline::Cache::open(&other_cache, &address)
                            .expect("opens");
                        return plenary_core::offline::sync(
                            &mut conn,
                            &mut cache,
                            chrono::Utc::now(),
                        )
                        .expect("desk B's queue is sent");
                    }
                    Err(e) => {
                        assert!(
                            Instant::now() < deadline,
                            "the server did not come back: {e}"
                        );
                        std::thread::sleep(Duration::from_millis(200));
                    }
                }
            }
        })
        .join()
        .expect("desk B's sync")
    };
    assert_eq!(synced_b.pending, 0);
    let deadline = Instant::now() + WAIT * 2;
    while client
        .find(Locator::Css("[data-testid=offline-banner]"))
        .await
        .is_ok()
    {
        assert!(
            Instant::now() < deadline,
            "the banner stayed after the server came back"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let item = wait_for_text(&client, "[data-testid=review-item]", |t| {
        t.contains("马朝旭")
    })
    .await;
    assert!(
        item.contains("Desk A") && item.contains("Desk B"),
        "both desks: {item}"
    );
    let walk_in = wait_for_text(&client, "[data-testid=review-item]", |t| {
        t.contains("Al-Zahra") && t.contains("سدايا")
    })
    .await;
    assert!(
        walk_in.contains("f.alzahra@example.org") && walk_in.contains("Saudi Data"),
        "both records side by side: {walk_in}"
    );
    save_screenshot(&client, "screens/desk-review.png").await;
    // One check-in on the server, whichever desk reached it first.
    let checked: Vec<String> = {
        let (address, event) = (address.clone(), event.clone());
        std::thread::spawn(move || {
            let conn = db::open(Path::new(&address)).expect("the store");
            ops::list_attendees(
                &conn,
                &event,
                &plenary_core::model::AttendeeFilter::default(),
            )
            .expect("the attendees")
            .iter()
            .filter_map(|a| a.checked_in_at.clone())
            .collect()
        })
        .join()
        .expect("the reading thread")
    };
    assert_eq!(checked.len(), 1, "one check-in: {checked:?}");
    // "Same person": the registered Fatima is checked in at the walk-in's time; then the
    // double check-in is dismissed, and the list is empty.
    click(
        &client,
        "[data-testid=review-item][data-kind=walk_in_email] [data-testid=review-accept]",
    )
    .await;
    wait_for_text(&client, "[data-testid=arrived-count]", |t| {
        t.contains("2 of 124")
    })
    .await;
    click(&client, "[data-testid=review-dismiss]").await;
    let deadline = Instant::now() + WAIT;
    while client
        .find(Locator::Css("[data-testid=review-item]"))
        .await
        .is_ok()
    {
        assert!(Instant::now() < deadline, "the settled items stayed");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    if let Err(e) = client.close().await {
        eprintln!("closing the WebDriver session failed: {e}");
    }
    drop(desk);
}
