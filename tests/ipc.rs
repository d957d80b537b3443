//! IPC tests: the real command handlers behind Tauri's mock runtime, called the way the UI
//! calls them (JSON arguments in camelCase, JSON replies), against a SQLite file in a
//! temporary folder.

use plenary_desktop::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindowBuilder};

struct App {
    _dir: tempfile::TempDir,
    window: tauri::WebviewWindow<tauri::test::MockRuntime>,
    url: tauri::Url,
}

/// The origin the capability calls "local": the dev server in a dev build, the embedded
/// assets when the UI is compiled in.
fn local_url(app: &tauri::App<tauri::test::MockRuntime>) -> tauri::Url {
    let dev = app.config().build.dev_url.clone();
    match dev {
        Some(url) if !cfg!(feature = "custom-protocol") => url,
        // Windows serves embedded assets from http://tauri.localhost, the others from a
        // custom scheme.
        _ if cfg!(windows) => "http://tauri.localhost".parse().expect("a URL"),
        _ => "tauri://localhost".parse().expect("a URL"),
    }
}

fn app() -> App {
    app_with(|_| None)
}

/// An app whose Save dialog answers with `choose(suggested name)`.
fn app_with(choose: impl Fn(&str) -> Option<std::path::PathBuf> + Send + Sync + 'static) -> App {
    app_with_dialogs(choose, || None)
}

/// An app whose Save and Open dialogs answer with `save(suggested name)` and `open()`.
fn app_with_dialogs(
    save: impl Fn(&str) -> Option<std::path::PathBuf> + Send + Sync + 'static,
    open: impl Fn() -> Option<std::path::PathBuf> + Send + Sync + 'static,
) -> App {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = AppState::new(dir.path().join("ipc.db"))
        .with_save_dialog(move |name, _filter, _extensions| save(name))
        .with_open_dialog(move |_filter, _extensions| open());

    let app = plenary_desktop::configure(mock_builder(), state)
        .build(plenary_desktop::context())
        .expect("the mock app builds");
    let url = local_url(&app);
    let window = WebviewWindowBuilder::new(&app, "main", WebviewUrl::External(url.clone()))
        .build()
        .expect("the mock window builds");
    App {
        _dir: dir,
        window,
        url,
    }
}

/// Calls a command; Ok is the JSON reply, Err the JSON error.
fn call(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    call_from(app, app.url.clone(), cmd, args)
}

/// Calls a command as a page at `url` would.
fn call_from(app: &App, url: tauri::Url, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url,
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    match tauri::test::get_ipc_response(&app.window, request) {
        Ok(InvokeResponseBody::Json(text)) => Ok(serde_json::from_str(&text).expect("JSON")),
        Ok(InvokeResponseBody::Raw(bytes)) => Ok(serde_json::from_slice(&bytes).expect("JSON")),
        Err(err) => Err(err),
    }
}

fn event(app: &App) -> String {
    let reply = call(
        app,
        "create_event",
        json!({ "input": {
            "name": "Seminar", "venue": "", "city": "Shanghai",
            "start_date": "2024-09-03", "end_date": "2024-09-06",
            "timezone": "Asia/Shanghai", "organizers": [], "family_name_upper": true
        }}),
    )
    .expect("a valid event is created");
    reply["id"]
        .as_str()
        .expect("the event has an id")
        .to_owned()
}

fn attendee(given: &str, family: &str, country: &str, email: &str) -> Value {
    json!({
        "honorific": "", "given_name": given, "family_name": family,
        "name_order": "family_first", "given_name_latin": "", "family_name_latin": "",
        "country": country, "organization": "", "position": "", "category": "official",
        "email": email, "phone": "", "languages": [], "dietary": "", "accessibility": "",
        "notes": ""
    })
}

#[test]
fn attendees_are_added_searched_edited_and_deleted() {
    let app = app();
    let event_id = event(&app);
    let added = call(
        &app,
        "add_attendee",
        json!({ "eventId": event_id, "input": attendee("伟", "张", "cn", "wei@example.org") }),
    )
    .expect("a valid attendee is added");
    assert_eq!(
        added["country"], "CN",
        "the country code comes back normalised"
    );

    let found = call(
        &app,
        "list_attendees",
        json!({ "eventId": event_id, "filter": { "search": "zhang", "country": null, "category": null } }),
    )
    .expect("search works");
    assert_eq!(
        found.as_array().map(Vec::len),
        Some(1),
        "'zhang' finds 张伟: {found}"
    );

    let id = added["id"].as_str().expect("an id");
    let mut changed = attendee("伟", "张", "CN", "wei@example.org");
    changed["position"] = json!("Director");
    let updated = call(
        &app,
        "update_attendee",
        json!({ "id": id, "input": changed }),
    )
    .expect("update");
    assert_eq!(updated["position"], "Director");

    call(&app, "delete_attendee", json!({ "id": id, "reason": "" })).expect("delete");
    let gone = call(&app, "get_attendee", json!({ "id": id })).expect_err("it is gone");
    assert_eq!(
        gone["code"], "not_found",
        "a deleted attendee is not found: {gone}"
    );
    // The UI renders `messages.<message_code>` with `params`; the English `message` is for logs.
    assert_eq!(gone["message_code"], "error.not_found_attendee", "{gone}");
    assert_eq!(gone["params"]["id"], id, "{gone}");
}

#[test]
fn validation_errors_name_their_fields() {
    let app = app();
    let event_id = event(&app);
    let err = call(
        &app,
        "add_attendee",
        json!({ "eventId": event_id, "input": attendee("Ana", "", "ZZ", "not-an-email") }),
    )
    .expect_err("bad input is refused");
    assert_eq!(err["code"], "validation");
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["family_name", "country", "email"],
        "each bad field is named: {err}"
    );
    // Each field error is a code with its parameters, which the UI renders in its language.
    let codes: Vec<(&str, &Value)> = err["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f["code"].as_str()?, &f["params"])))
        .collect();
    assert_eq!(
        codes,
        [
            ("field.family_name_required", &json!({})),
            ("field.unknown_country_code", &json!({ "value": "ZZ" })),
            ("field.not_an_email", &json!({ "value": "not-an-email" })),
        ],
        "{err}"
    );
    let list = call(
        &app,
        "list_attendees",
        json!({ "eventId": event_id, "filter": { "search": null, "country": null, "category": null } }),
    )
    .expect("list");
    assert_eq!(list, json!([]), "nothing was stored");
}

#[test]
fn the_sample_loads_once() {
    let app = app();
    let first = call(&app, "load_sample", json!({})).expect("the sample loads");
    let second = call(&app, "load_sample", json!({})).expect("loading again is fine");
    assert_eq!(first["id"], second["id"], "the second load finds the first");
    let events = call(&app, "list_events", json!({})).expect("list events");
    assert_eq!(
        events.as_array().map(Vec::len),
        Some(1),
        "no duplicate event"
    );
    for kind in ["meals", "seating"] {
        let preview = call(
            &app,
            "preview_document",
            json!({ "request": {
                "event_id": first["id"], "kind": kind, "day": null, "room": null,
                "person": null, "country": null, "paper": "a4", "layout": "auto",
                "lang": null, "also": null
            }}),
        );
        assert!(preview.is_ok(), "the {kind} preview: {preview:?}");
    }
    assert!(
        first["attendee_count"].as_u64().unwrap_or(0) >= 100,
        "{first}"
    );
    let delegations =
        call(&app, "list_delegations", json!({ "eventId": first["id"] })).expect("delegations");
    let cn = delegations
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["country"] == "CN")
        .cloned()
        .unwrap_or_default();
    assert!(
        cn["count"].as_u64().unwrap_or(0) >= 10,
        "China's delegation is listed: {cn}"
    );
    assert!(
        cn["head_name"].is_string(),
        "the sample names a head of delegation: {cn}"
    );
}

#[test]
fn moving_a_session_onto_an_occupied_room_warns_and_moving_back_clears_it() {
    let app = app();
    let event_id = event(&app);
    let room = |name: &str| {
        call(
            &app,
            "add_room",
            json!({ "eventId": event_id, "input": {
                "name": name, "capacity": 50, "offsite": false, "address": "",
                "meeting_point": "", "departure_time": ""
            }}),
        )
        .expect("a room")["id"]
            .as_str()
            .expect("an id")
            .to_owned()
    };
    let (hall, side) = (room("Hall"), room("Side room"));
    let session = |title: &str, start: &str, end: &str, room: &str| {
        call(
            &app,
            "add_session",
            json!({ "eventId": event_id, "input": {
                "title": title, "type": "lecture", "start": start, "end": end, "room_id": room,
                "description": "", "capacity": null, "track": ""
            }}),
        )
        .expect("a session")
    };
    let a = session("A", "2024-09-03 09:00", "2024-09-03 10:00", &hall);
    let b = session("B", "2024-09-03 09:00", "2024-09-03 10:00", &side);
    let warnings =
        |app: &App| call(app, "check_schedule", json!({ "eventId": event_id })).expect("check");
    assert_eq!(warnings(&app), json!([]), "different rooms: no conflict");

    let moved = call(
        &app,
        "move_session",
        json!({
            "id": b["id"], "start": "2024-09-03 09:30", "end": "2024-09-03 10:30", "roomId": hall
        }),
    )
    .expect("the move is allowed; conflicts are warnings");
    assert_eq!(
        moved["start"], "2024-09-03T09:30:00+08:00",
        "the reply is in the event's zone"
    );
    assert_eq!(moved["room"], "Hall");
    let found = warnings(&app);
    assert_eq!(found[0]["kind"], "room_overlap", "{found}");
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    // The warning and its fix travel as codes; its times as RFC 3339 with the event's zone.
    assert_eq!(found[0]["code"], "conflict.room_overlap", "{found}");
    assert_eq!(found[0]["fix_code"], "conflict.room_overlap_fix", "{found}");
    assert_eq!(found[0]["params"]["room"], "Hall", "{found}");
    assert!(
        found[0]["params"]["a_start"]
            .as_str()
            .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
            && found[0]["params"]["zone"]
                .as_str()
                .is_some_and(|z| !z.is_empty()),
        "{found}"
    );
    assert!(
        found[0]["sessions"]
            .as_array()
            .is_some_and(|s| s.contains(&a["id"])),
        "{found}"
    );

    call(
        &app,
        "move_session",
        json!({
            "id": b["id"], "start": "2024-09-03 09:00", "end": "2024-09-03 10:00", "roomId": side
        }),
    )
    .expect("moving back (undo) works");
    assert_eq!(
        warnings(&app),
        json!([]),
        "the warning is gone after the undo"
    );

    let bad = call(
        &app,
        "move_session",
        json!({
            "id": b["id"], "start": "2024-09-03 11:00", "end": "2024-09-03 10:00", "roomId": side
        }),
    )
    .expect_err("a session may not end before it starts");
    assert_eq!(bad["fields"][0]["field"], "end", "{bad}");
}

#[test]
fn a_chart_is_saved_where_the_dialog_says_and_a_cancel_writes_nothing() {
    let out = tempfile::tempdir().expect("a folder for the chart");
    let target = out.path().to_owned();
    let saving = app_with(move |name| Some(target.join(name)));
    let png = "iVBORw0KGgo="; // the PNG signature, base64
    let saved = call(
        &saving,
        "save_chart_png",
        json!({ "suggestedName": "by-country.png", "pngBase64": png }),
    )
    .expect("saved");
    assert_eq!(saved, json!(true));
    let bytes = std::fs::read(out.path().join("by-country.png")).expect("the file exists");
    assert_eq!(&bytes[..4], b"\x89PNG", "the decoded image was written");
    let bad = call(
        &saving,
        "save_chart_png",
        json!({ "suggestedName": "x.png", "pngBase64": "not base64!" }),
    )
    .expect_err("bad data is refused");
    assert_eq!(bad["fields"][0]["field"], "png_base64");

    let cancelling = app();
    let cancelled = call(
        &cancelling,
        "save_chart_png",
        json!({ "suggestedName": "y.png", "pngBase64": png }),
    )
    .expect("a cancel is not an error");
    assert_eq!(cancelled, json!(false));
}

#[test]
fn the_desk_checks_in_and_counts() {
    let app = app();
    let event_id = event(&app);
    let a = call(
        &app,
        "add_attendee",
        json!({ "eventId": event_id, "input": attendee("伟", "张", "CN", "") }),
    )
    .expect("added");
    let checked = call(&app, "check_in", json!({ "personId": a["id"] })).expect("checked in");
    assert!(checked["checked_in_at"].is_string(), "{checked}");
    let counts = call(&app, "desk_counts", json!({ "eventId": event_id })).expect("counts");
    assert_eq!(
        (counts["expected"].clone(), counts["arrived"].clone()),
        (json!(1), json!(1))
    );
    let undone = call(&app, "undo_check_in", json!({ "personId": a["id"] })).expect("undo");
    assert!(undone["checked_in_at"].is_null());
}

/// On a file there is no server to lose: the desk's status says so, with nothing waiting and
/// nothing to review, and settling an item that does not exist says it is not found.
#[test]
fn on_a_file_the_desk_has_no_server_to_lose() {
    let app = app();
    let event_id = event(&app);
    let status = call(&app, "desk_status", json!({ "eventId": event_id })).expect("the status");
    assert_eq!(status["on_server"], json!(false), "{status}");
    assert_eq!(status["offline"], json!(false), "{status}");
    assert_eq!(status["pending"], json!(0), "{status}");
    let list = call(&app, "review_list", json!({ "eventId": event_id })).expect("the list");
    assert_eq!(list, json!([]));
    let err = call(
        &app,
        "resolve_review",
        json!({ "id": "nope", "accept": true }),
    )
    .expect_err("nothing to settle");
    assert_eq!(err["code"], json!("not_found"), "{err}");
}

#[test]
fn back_up_now_then_restore_through_the_dialogs() {
    let out = tempfile::tempdir().expect("a folder for the backup");
    let (save_to, open_from) = (out.path().to_owned(), out.path().to_owned());
    let chosen = std::sync::Arc::new(std::sync::Mutex::new(None::<std::path::PathBuf>));
    let remember = chosen.clone();
    let app = app_with_dialogs(
        move |name| {
            let path = save_to.join(name);
            *remember.lock().expect("lock") = Some(path.clone());
            Some(path)
        },
        move || {
            std::fs::read_dir(&open_from)
                .ok()?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .next()
        },
    );
    let event_id = event(&app);
    call(
        &app,
        "add_attendee",
        json!({ "eventId": event_id, "input": attendee("Ana", "Silva", "BR", "") }),
    )
    .expect("added");
    let refused = call(&app, "restore_chosen_backup", json!({})).expect_err("nothing chosen yet");
    assert_eq!(refused["code"], "validation");

    let saved = call(&app, "backup_now", json!({})).expect("backed up");
    assert!(
        saved.as_str().is_some_and(|p| p.ends_with(".db")),
        "{saved}"
    );
    assert!(chosen
        .lock()
        .expect("lock")
        .as_ref()
        .is_some_and(|p| p.is_file()));

    call(
        &app,
        "add_attendee",
        json!({ "eventId": event_id, "input": attendee("Rui", "Costa", "BR", "") }),
    )
    .expect("added after the backup");
    let candidate = call(&app, "choose_backup_to_restore", json!({})).expect("checked");
    assert!(
        candidate["schema_version"].as_u64().is_some_and(|v| v >= 1),
        "{candidate}"
    );
    let safety = call(&app, "restore_chosen_backup", json!({})).expect("restored");
    assert!(
        safety
            .as_str()
            .is_some_and(|p| p.contains("before-restore")),
        "{safety}"
    );
    let list = call(&app, "list_attendees", json!({ "eventId": event_id, "filter": { "search": null, "country": null, "category": null } }))
        .expect("list");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "the state of the backup is back: {list}"
    );
}

#[test]
fn a_remote_page_may_not_call_the_commands() {
    let app = app();
    let remote: tauri::Url = "https://example.com/".parse().expect("a URL");
    let window =
        WebviewWindowBuilder::new(&app.window, "remote", WebviewUrl::External(remote.clone()))
            .build()
            .expect("a second window");
    let refused = call_from(
        &App {
            _dir: tempfile::tempdir().expect("tmp"),
            window,
            url: remote.clone(),
        },
        remote,
        "list_events",
        json!({}),
    )
    .expect_err("the capability allows only the app's own window and origin");
    assert!(
        refused.to_string().contains("not allowed"),
        "refused by the ACL: {refused}"
    );
}

#[test]
fn the_cli_and_the_app_default_to_the_same_file() {
    let app = app();
    use tauri::Manager;
    let tauri_dir = app
        .window
        .path()
        .app_data_dir()
        .expect("Tauri knows the app-data folder");
    let core_path = plenary_core::paths::default_db_path().expect("the core knows it too");
    assert_eq!(
        core_path.parent(),
        Some(tauri_dir.as_path()),
        "the CLI must open the database the app uses"
    );
}

#[test]
fn committed_bindings_match_the_commands() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fresh = dir.path().join("bindings.ts");
    plenary_desktop::render_bindings(&fresh).expect("the bindings render");
    let fresh = std::fs::read_to_string(&fresh).expect("read the fresh bindings");
    let root = env!("CARGO_MANIFEST_DIR");
    let committed = std::fs::read_to_string(format!("{root}/{}", plenary_desktop::BINDINGS_PATH))
        .unwrap_or_default();
    assert!(
        fresh == committed,
        "ui/src/lib/bindings.ts is out of date; regenerate it with \
         `cargo test --test ipc -- --ignored regenerate_bindings` and commit it"
    );
}

/// The commands a file registers, read from its text between `start` and the first `end`.
fn registered(file: &str, start: &str, end: &str) -> std::collections::BTreeSet<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let text =
        std::fs::read_to_string(format!("{root}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file} has no {start:?}"))
        + start.len();
    let list = &text[from..];
    let list = &list[..list.find(end).unwrap_or(list.len())];
    list.split(',')
        .map(|item| item.split("//").next().unwrap_or("").trim())
        .filter(|item| !item.is_empty())
        .map(|item| {
            // `"name"` in build.rs, `module::name` in lib.rs.
            let item = item.trim_matches('"');
            item.rsplit("::").next().unwrap_or(item).to_owned()
        })
        .collect()
}

/// "Adding a command" registers it in three places (CONTRIBUTING.md): the specta builder in
/// `src-tauri/src/lib.rs` (what the UI can call), `COMMANDS` in `src-tauri/build.rs` (what the
/// ACL knows) and `allow-…` in `src-tauri/capabilities/default.json` (what the main window may
/// call). A command missing from one of them fails at run time, in the window only.
#[test]
fn every_command_is_registered_in_all_three_places() {
    let builder = registered("src-tauri/src/lib.rs", "collect_commands![", "]");
    let manifest = registered("src-tauri/build.rs", "const COMMANDS: &[&str] = &[", "]");
    let root = env!("CARGO_MANIFEST_DIR");
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/src-tauri/capabilities/default.json"))
            .expect("the capability file"),
    )
    .expect("the capability is JSON");
    let allowed: std::collections::BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("a list of permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect();
    assert!(
        builder.contains("list_events") && builder.len() > 50,
        "the test can fail: it read the builder's {} commands",
        builder.len()
    );
    let places = [
        ("collect_commands! in src-tauri/src/lib.rs", &builder),
        ("COMMANDS in src-tauri/build.rs", &manifest),
        ("allow-… in src-tauri/capabilities/default.json", &allowed),
    ];
    let every: std::collections::BTreeSet<&String> =
        places.iter().flat_map(|(_, names)| names.iter()).collect();
    let missing: Vec<String> = every
        .iter()
        .flat_map(|command| {
            places
                .iter()
                .filter(|(_, names)| !names.contains(*command))
                .map(move |(place, _)| format!("{command} is missing from {place}"))
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Writes the bindings; run on purpose, never in CI.
#[test]
#[ignore = "writes ui/src/lib/bindings.ts"]
fn regenerate_bindings() {
    let root = env!("CARGO_MANIFEST_DIR");
    plenary_desktop::render_bindings(std::path::Path::new(&format!(
        "{root}/{}",
        plenary_desktop::BINDINGS_PATH
    )))
    .expect("the bindings are written");
}
