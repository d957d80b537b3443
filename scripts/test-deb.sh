#!/usr/bin/env bash
# Builds the .deb, installs it on this machine, drives the installed app in a real window
# (the start screen, and a version-1 database it must migrate), checks the installed CLI, and
# removes the package again, even when a check fails. scripts/test.sh runs it last.
# Needs root or sudo (apt-get), and what scripts/setup.sh test installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/plenary-target}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Building the .deb (tauri build --bundles deb)"
rm -rf "$CARGO_TARGET_DIR/release/bundle/deb"
ui/node_modules/.bin/tauri build --bundles deb
deb=$(ls "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb)
echo "Built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb" | awk '{print $6}' | grep -E 'usr/bin/|\.desktop$|icons/hicolor/.*/apps/|/copyright$'

step "One program, at most 30 MiB"
size=$(stat -c %s "$deb")
echo "The .deb is $size bytes ($((size / 1048576)) MiB)."
[ "$size" -le $((30 * 1048576)) ] || { echo "the .deb is over 30 MiB" >&2; exit 1; }
unpacked=$(mktemp -d)
dpkg-deb --extract "$deb" "$unpacked"
programs=$(find "$unpacked" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "${1#"$2"}"' _ {} "$unpacked" \;)
rm -rf "$unpacked"
echo "Programs in the package: $programs"
[ "$programs" = /usr/bin/plenary-desktop ] || { echo "the package must carry exactly one program" >&2; exit 1; }

installed() { dpkg-query -W -f='${Status}' plenary 2>/dev/null | grep -q " installed$"; }
remove() {
  step "Removing the package"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get remove -y -qq plenary >/dev/null || true
  if installed; then echo "the package is still installed" >&2; exit 1; fi
  # The post-remove script must have taken the /usr/bin/plenary link away with the app.
  [ ! -e /usr/bin/plenary ] && [ ! -L /usr/bin/plenary ] && [ ! -e /usr/bin/plenary-desktop ] ||
    { echo "files were left behind" >&2; exit 1; }
  # A package with maintainer scripts stays known to dpkg ("config-files") until purged.
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get purge -y -qq plenary >/dev/null || true
  echo "Removed."
}
if installed; then remove; fi
step "Installing it (apt-get install ./…deb pulls in the declared dependencies)"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$(realpath "$deb")" >/dev/null
trap remove EXIT

step "The installed CLI: /usr/bin/plenary is the app, called by its CLI name"
[ "$(readlink /usr/bin/plenary)" = plenary-desktop ] || { echo "/usr/bin/plenary is not the link to plenary-desktop" >&2; exit 1; }
version=$(/usr/bin/plenary --version)
echo "$version"
grep -q "^plenary $(grep -m1 '"version"' tauri.conf.json | cut -d'"' -f4) (built " <<<"$version"
grep -q "^database: " <<<"$version"
# As the CLI it never opens a window: with no display at all it still works.
scratch=$(mktemp -d)
env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/plenary --db "$scratch/cli.db" sample
# "wang" finds 王晓燕 (WANG Xiaoyan) of the sample.
count=$(env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/plenary --db "$scratch/cli.db" attendee list --search wang --json | grep -o '"family_name"' | wc -l)
rm -rf "$scratch"
echo "attendee list --search wang: $count people"
[ "$count" -ge 1 ] || { echo "the installed CLI found nobody" >&2; exit 1; }
# Called as plenary-desktop with a command, it is the CLI too.
env -u DISPLAY /usr/bin/plenary-desktop --version | grep -q "^plenary "
test -f /usr/share/applications/Plenary.desktop
grep -q "^Exec=plenary-desktop" /usr/share/applications/Plenary.desktop
test -f /usr/share/icons/hicolor/128x128/apps/plenary-desktop.png
grep -q "MIT License" /usr/share/doc/plenary/copyright

step "The installed app in a real window: the start screen, and a database from version 1"
PLENARY_E2E_APP=/usr/bin/plenary-desktop bash scripts/e2e.sh installed_app_
echo "Screenshots: $CARGO_TARGET_DIR/tmp/screens/installed-*.png"
