// Without this a console window opens next to the app on Windows release builds. The CLI
// reaches a Windows console through the small `plenary.exe` launcher (src-tauri/console).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! The one Plenary program: the desktop app, and the `plenary` CLI when called so
//! (see `plenary_desktop::entry`).

use plenary_desktop::entry::{self, Door};
use std::process::ExitCode;

fn main() -> ExitCode {
    match entry::current() {
        Door::Cli => plenary_core::cli::main(),
        Door::Window => {
            plenary_desktop::run();
            ExitCode::SUCCESS
        }
    }
}
