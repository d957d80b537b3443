#!/usr/bin/env bash
# Installs whatever Plenary needs that this Debian/Ubuntu machine lacks, and nothing else.
#   scripts/setup.sh build   packages to build and run the app
#   scripts/setup.sh test    also Xvfb, the WebDriver pieces, fonts and PDF/XML tools for tests,
#                            and PostgreSQL (its pg_virtualenv runs the server tests)
# Safe to run again: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-build}"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_packages=(libwebkit2gtk-4.1-dev libdbus-1-dev build-essential pkg-config curl file)
if [ "$mode" = test ]; then
  apt_packages+=(xvfb xauth webkit2gtk-driver imagemagick fonts-noto-cjk fonts-noto-core
                 poppler-utils libxml2-utils postgresql openssl)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  say "Not a Debian/Ubuntu system: install the equivalents of ${apt_packages[*]} yourself (see README)."
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is missing. Install it from https://rustup.rs (the toolchain in rust-toolchain.toml is picked up automatically), then run this again." >&2
  exit 1
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js 20.19 or newer (with npm) is missing. Install it from your distribution or nodejs.org, then run this again." >&2
  exit 1
fi
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?1:0)')
if [ "$node_ok" != 1 ]; then
  echo "Node.js $(node --version) is too old: Vite needs 20.19 or newer." >&2
  exit 1
fi

# npm packages (the UI and the Tauri CLI, which is a dev dependency of ui/).
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages"
  npm --prefix ui ci --no-audit --no-fund
fi

if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver (WebDriver for the end-to-end tests)"
  cargo install tauri-driver --locked
fi
