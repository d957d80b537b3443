//! The one program: the desktop binary answers as the `plenary` CLI when called by that name,
//! with a command, or with `PLENARY_CLI=1`, and then never opens a window. These tests run it
//! with no display at all, so a window that tried to open would fail them.

use std::path::Path;
use std::process::{Command, Output};

const APP: &str = env!("CARGO_BIN_EXE_plenary-desktop");

fn run(program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("PLENARY_CLI")
        .env_remove("PLENARY_DB")
        .output()
        .expect("the program runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_app_with_a_command_is_the_cli() {
    let out = run(Path::new(APP), &["--version"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let version = text(&out.stdout);
    assert!(
        version.starts_with(&format!("plenary {} (built ", plenary_core::VERSION)),
        "--version must print the CLI's version line, not open a window: {version}"
    );

    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("p.db");
    let db = db.to_str().expect("a UTF-8 path");
    let out = run(Path::new(APP), &["--db", db, "sample"]);
    assert!(out.status.success(), "sample: {}", text(&out.stderr));
    let out = run(Path::new(APP), &["--db", db, "event", "list", "--json"]);
    assert!(out.status.success(), "event list: {}", text(&out.stderr));
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        events.as_array().map(Vec::len),
        Some(1),
        "the sample seminar is the one event: {events}"
    );
}

#[cfg(unix)]
#[test]
fn called_as_plenary_it_is_the_cli_even_without_arguments() {
    // The Linux packages install /usr/bin/plenary as a link to the app. Called through it
    // with nothing else, the program must print the CLI's usage and exit 2 (clap's usage
    // error), as `plenary` always has, rather than open a window.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let link = dir.path().join("plenary");
    std::os::unix::fs::symlink(APP, &link).expect("make the link");
    let out = run(&link, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Usage: plenary"),
        "{}",
        text(&out.stderr)
    );

    let out = run(&link, &["attendee", "list", "--help"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("--search"));
}

#[test]
fn the_launchers_variable_makes_the_app_the_cli() {
    let out = Command::new(APP)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("PLENARY_CLI", "1")
        .output()
        .expect("the program runs");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    // The usage names the command the user types, not the app's file name.
    assert!(
        text(&out.stderr).contains("Usage: plenary [OPTIONS] <COMMAND>"),
        "{}",
        text(&out.stderr)
    );
}
