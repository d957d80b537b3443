//! Which front door a start of the one Plenary program opens: the window or the command line.
//!
//! The desktop binary is also the `plenary` CLI, so that the core is linked once. It runs the
//! CLI, and never opens a window, when it is called by the name `plenary` (the link that the
//! Linux packages install, or one a macOS user makes), when `PLENARY_CLI=1` is set (the
//! Windows console launcher sets it), or when its arguments name a CLI command, `--version` or
//! `--help`. Anything else opens the window: no arguments, `--db FILE`, and the options a
//! WebDriver or the OS passes to a GUI program (such as `--automation`).

use clap::CommandFactory;
use std::ffi::OsString;
use std::path::Path;

/// The program's name when it answers as the command-line tool.
pub const CLI_NAME: &str = "plenary";

/// Set (to `1`) by the Windows console launcher, whose own name cannot reach the app.
pub const CLI_ENV: &str = "PLENARY_CLI";

/// The two ways the program can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    Window,
    Cli,
}

/// Decides the door from the full argument list (the program's own name first) and whether
/// [`CLI_ENV`] asks for the CLI.
pub fn door(args: &[OsString], forced: bool) -> Door {
    let called_as_cli = args
        .first()
        .and_then(|name| Path::new(name).file_stem())
        .is_some_and(|stem| stem.eq_ignore_ascii_case(CLI_NAME));
    if forced || called_as_cli {
        return Door::Cli;
    }
    let command = plenary_core::cli::Cli::command();
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let Some(arg) = arg.to_str() else { continue };
        match arg {
            // The window honours --db too; its value is never a command.
            "--db" => {
                rest.next();
            }
            "--version" | "-V" | "--help" | "-h" | "help" => return Door::Cli,
            word if command.find_subcommand(word).is_some() => return Door::Cli,
            _ => {}
        }
    }
    Door::Window
}

/// The door for this process.
pub fn current() -> Door {
    let args: Vec<OsString> = std::env::args_os().collect();
    let forced = std::env::var_os(CLI_ENV).is_some_and(|v| v == "1");
    door(&args, forced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn door_of(args: &[&str]) -> Door {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        door(&args, false)
    }

    #[test]
    fn the_name_plenary_or_a_command_opens_the_cli_and_anything_else_the_window() {
        let cases: &[(&[&str], Door)] = &[
            (&["/usr/bin/plenary-desktop"], Door::Window),
            (&["/usr/bin/plenary-desktop", "--db", "x.db"], Door::Window),
            (&["/usr/bin/plenary-desktop", "--db=x.db"], Door::Window),
            // WebKitWebDriver starts the app with --automation; that is still the window.
            (&["/usr/bin/plenary-desktop", "--automation"], Door::Window),
            // A database file that happens to be called like a command is not a command.
            (&["plenary-desktop", "--db", "sample"], Door::Window),
            (&["/usr/bin/plenary"], Door::Cli),
            (&["/opt/Plenary/plenary.exe"], Door::Cli),
            (&["plenary-desktop", "--version"], Door::Cli),
            (&["plenary-desktop", "-h"], Door::Cli),
            (&["plenary-desktop", "event", "list"], Door::Cli),
            (
                &["plenary-desktop", "--db", "x.db", "attendee", "list"],
                Door::Cli,
            ),
            (&["plenary-desktop", "--db=x.db", "sample"], Door::Cli),
        ];
        for (args, expected) in cases {
            assert_eq!(door_of(args), *expected, "{args:?}");
        }
    }

    #[test]
    fn the_launchers_variable_opens_the_cli_even_without_arguments() {
        // `plenary` typed alone in a Windows console must print the CLI's usage, not open a
        // window behind the console.
        let args = vec![OsString::from("plenary-desktop.exe")];
        assert_eq!(door(&args, true), Door::Cli);
    }
}
