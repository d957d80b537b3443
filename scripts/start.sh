#!/usr/bin/env bash
# Installs what is missing, loads the sample seminar into the app's database, and opens
# Plenary. Pass --db FILE to use another database file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$PATH"
# One build folder for every checkout of Plenary on this machine saves rebuilds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/plenary-target}"

# The CLI and the app both honour PLENARY_DB.
if [ "${1:-}" = --db ] && [ -n "${2:-}" ]; then
  export PLENARY_DB="$2"
fi

echo "==> Loading the sample seminar (loading it twice changes nothing)"
cargo run --quiet -p plenary-core --bin plenary -- sample

echo "==> Starting Plenary (the first build takes a few minutes)"
exec ui/node_modules/.bin/tauri dev
