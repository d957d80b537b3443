//! `plenary.exe`, the console launcher that the Windows installers carry beside the app.
//!
//! The app's binary is a Windows GUI program (otherwise a console window would open beside
//! every window), and a GUI program started from a console gets no console of its own: its
//! output would vanish and the prompt would return at once. This launcher is a console
//! program. It starts the app's binary from the same folder with the same arguments and
//! `PLENARY_CLI=1`, which makes it run as the CLI; the child inherits the launcher's standard
//! handles, so the output goes to the console the user typed in, and the launcher waits and
//! returns the CLI's exit code. It holds no logic of its own and links nothing but std.
//! docs/release.md says why this and not `AttachConsole`.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// The app's binary, as the installers name it (`mainBinaryName` in tauri.conf.json).
const APP: &str = if cfg!(windows) {
    "plenary-desktop.exe"
} else {
    "plenary-desktop"
};

fn main() -> ExitCode {
    let app = match std::env::current_exe() {
        Ok(me) => me.with_file_name(APP),
        Err(err) => {
            eprintln!("error: plenary cannot find its own folder: {err}");
            return ExitCode::from(1);
        }
    };
    run(app, std::env::args_os().skip(1))
}

fn run(app: PathBuf, args: impl Iterator<Item = impl AsRef<OsStr>>) -> ExitCode {
    match Command::new(&app)
        .args(args)
        .env("PLENARY_CLI", "1")
        .status()
    {
        // A code outside 0..=255 cannot come from the CLI; it means the child was killed.
        Ok(status) => ExitCode::from(
            status
                .code()
                .and_then(|c| u8::try_from(c).ok())
                .unwrap_or(1),
        ),
        Err(err) => {
            eprintln!("error: cannot start {}: {err}", app.display());
            ExitCode::from(1)
        }
    }
}
