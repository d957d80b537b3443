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
}

impl Driver {
    fn start(db: &Path) -> Driver {
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
            .stdin(Stdio::null())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --locked)");
        let driver = Driver { child, port };
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

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
}

async fn connect(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": env!("CARGO_BIN_EXE_plenary-desktop") }),
    );
    caps.insert("browserName".into(), json!("wry"));
    ClientBuilder::rustls()
        .expect("TLS for the WebDriver client")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session with the app")
}

async fn find(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

/// Waits until `check` holds for the text of `css`, and returns that text.
async fn wait_for_text(client: &Client, css: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let mut seen = Vec::new();
        for element in client.find_all(Locator::Css(css)).await.unwrap_or_default() {
            let text = element.text().await.unwrap_or_default();
            if check(&text) {
                return text;
            }
            seen.push(text);
        }
        assert!(
            Instant::now() < deadline,
            "no {css} matched in time; saw {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn type_into(client: &Client, css: &str, text: &str) {
    let field = find(client, css).await;
    field
        .clear()
        .await
        .unwrap_or_else(|e| panic!("clear {css}: {e}"));
    field
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type into {css}: {e}"));
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

async fn open_attendees(client: &Client) {
    // With one event and no remembered choice the app may show the events list first.
    if let Ok(row) = client.find(Locator::Css("[data-testid=event-row]")).await {
        row.click().await.expect("select the event");
    }
    find(client, "[data-testid=nav-attendees]")
        .await
        .click()
        .await
        .expect("open Attendees");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; scripts/test.sh runs it"]
async fn add_a_chinese_attendee_through_the_form_and_find_them_by_search() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = store_with_event(dir.path());
    let driver = Driver::start(&db_path);
    let client = connect(&driver).await;

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
        .expect("order");
    type_into(&client, "input[name=given_name_latin]", "Wei").await;
    type_into(&client, "input[name=family_name_latin]", "Zhang").await;
    type_into(&client, "input[name=country]", "CN").await;
    type_into(&client, "input[name=email]", "zhang.wei@example.org").await;
    find(&client, "[data-testid=save-attendee]")
        .await
        .click()
        .await
        .expect("Save");

    // The new person is found by the Latin transliteration, not only by the characters.
    type_into(&client, "[data-testid=attendee-search]", "zhang").await;
    let row = wait_for_text(&client, "[data-testid=attendee-row]", |t| t.contains("张")).await;
    assert!(
        row.contains("ZHANG") || row.contains("Zhang"),
        "the Latin form shows too: {row}"
    );
    type_into(&client, "[data-testid=attendee-search]", "张").await;
    wait_for_text(&client, "[data-testid=attendee-row]", |t| t.contains("张")).await;

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

    client.close().await.expect("close the session");
    drop(driver);
}
