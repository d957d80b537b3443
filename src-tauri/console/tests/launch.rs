//! The launcher against a stand-in for the app that reports what it was given. The launcher's
//! whole contract is to pass the arguments on unchanged, set `PLENARY_CLI=1`, and return the
//! child's exit code; the app's side of it (that `PLENARY_CLI=1` means the CLI) is tested in
//! the desktop package.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

// One test, not two: a file being copied by one test thread while another forks can make
// the copy unexecutable ("text file busy").
#[test]
fn the_launcher_passes_the_arguments_sets_the_cli_variable_and_returns_the_exit_code() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let launcher = dir.path().join("plenary");
    std::fs::copy(env!("CARGO_BIN_EXE_plenary-console"), &launcher).expect("copy the launcher");
    let app = dir.path().join("plenary-desktop");
    std::fs::write(
        &app,
        "#!/bin/sh\nprintf '%s|' \"$PLENARY_CLI\" \"$@\"\nexit 7\n",
    )
    .expect("write the stand-in");
    std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let out = Command::new(&launcher)
        .args(["attendee", "list", "--search", "王 芳"])
        .env_remove("PLENARY_CLI")
        .output()
        .expect("the launcher runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1|attendee|list|--search|王 芳|",
        "the child must see PLENARY_CLI=1 and every argument unchanged, spaces included"
    );
    assert_eq!(
        out.status.code(),
        Some(7),
        "the CLI's exit code must reach the caller"
    );

    // Without the app beside it, the launcher says which file it looked for.
    std::fs::remove_file(&app).expect("remove the stand-in");
    let out = Command::new(&launcher)
        .arg("--version")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plenary-desktop"),
        "the error names the missing file: {err}"
    );
}
