#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting, lints, the UI's type
# check and tests, the Rust unit, integration and IPC tests (with the bindings drift check),
# the server tests against a throwaway PostgreSQL cluster, the core's integration tests again
# with every store on that server, the offline desk with the server stopped and started
# (scripts/offline-desk-test.sh), the end-to-end tests in a real
# window under Xvfb, and the .deb installed, run and removed
# (scripts/test-deb.sh). Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"
# One build folder for every checkout of Plenary on this machine saves rebuilds; an empty
# one works too, just slower.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/plenary-target}"
# The end-to-end tests drive the app with its UI embedded, as `tauri build` makes it.
features=(--features plenary-desktop/custom-protocol)
# The full suite kills the CLI 50 times in each crash test (a plain `cargo test` does 10).
export PLENARY_KILL_RUNS="${PLENARY_KILL_RUNS:-50}"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Rust formatting"
cargo fmt --all --check

step "UI: lint, type check, unit tests, build"
npm --prefix ui run lint
npm --prefix ui run check
npm --prefix ui run test
npm --prefix ui run build

step "Rust lints"
cargo clippy --workspace --all-targets "${features[@]}" -- -D warnings

step "Rust unit, integration and IPC tests (and the TypeScript bindings drift check)"
# pg_virtualenv starts a throwaway PostgreSQL cluster for the server tests and sets PGHOST and
# the rest for them; PLENARY_REQUIRE_SERVER makes a missing server a failure, not a skip.
pg_virtualenv env PLENARY_REQUIRE_SERVER=1 cargo test --workspace "${features[@]}"

step "The core's integration tests again, every store on the PostgreSQL server"
# The same suite with PLENARY_TEST_ENGINE=postgres: each test's store is a database of its own
# on a throwaway cluster, so every verb is proven on both engines. (The few tests of what only
# a file has, such as its journal and the backups beside it, say so and end early.)
pg_virtualenv env PLENARY_REQUIRE_SERVER=1 PLENARY_TEST_ENGINE=postgres \
  cargo test -p plenary-core --test core

step "The desk without its server: the cluster stopped, two desks offline, started, synced"
pg_virtualenv bash scripts/offline-desk-test.sh

step "End-to-end tests in the real window (tauri-driver, WebKitWebDriver, Xvfb)"
# Under pg_virtualenv too: one test runs two desks, each its own app, on one server.
# scripts/e2e.sh runs them under Xvfb, and a test again only where Mesa's software GL crashed.
pg_virtualenv env PLENARY_REQUIRE_SERVER=1 bash scripts/e2e.sh --skip installed_app_

step "The .deb: build, install, run the installed app and CLI, remove"
bash scripts/test-deb.sh

step "All checks passed"
