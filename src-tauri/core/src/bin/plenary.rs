//! The `plenary` command-line tool; everything it does lives in `plenary_core::cli`.

fn main() -> std::process::ExitCode {
    plenary_core::cli::main()
}
