#!/usr/bin/env bash
# Start-up and memory of Plenary against an empty Tauri 2 app (docs/benchmarks.md, "Start-up
# and memory"). Builds Plenary (release, UI embedded, as `tauri build` makes it) and an empty
# Tauri 2 app that this script writes into a scratch folder (one window, one page, no plugins,
# Plenary's Cargo.lock and toolchain, the same release profile), then, under Xvfb, starts each
# BENCH_RUNS times (5 unless set) and prints, per app, the median and range of:
#   ready_ms   launch to the first interactive paint (see below);
#   idle_kib   PSS summed over the app's process tree (app, WebKitWebProcess,
#              WebKitNetworkProcess, ...) 10 s after the launch;
#   used_kib   the same after scrolling the attendee list and opening the schedule.
# "First interactive paint": the moment the page's JavaScript has seen two animation frames
# after the screen was rendered with the focus in a text field. For Plenary that is the
# attendee list of the sample seminar showing rows, with its search box focused (the app
# reopens the remembered event on the section last shown; a warm-up run opens the attendee
# list once, as a user would); for the empty app, its page. Both then call a command that
# prints `BENCH_READY <µs since 1970>` on stderr; the script subtracts the time it launched.
#
# Usage: bash scripts/bench-app.sh        (needs xvfb, xdotool, imagemagick; Debian packages)
# BENCH_DIR (default /tmp/plenary-bench-app) holds the empty app, the profiles, the logs and
# the screenshots (schedule-*.png: the screen after "opening the schedule", to check).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/plenary-target}"
runs=${BENCH_RUNS:-5}
scratch=${BENCH_DIR:-/tmp/plenary-bench-app}
step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }
for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "$tool is missing: sudo apt-get install xvfb xdotool imagemagick" >&2
    exit 1
  }
done

# The measuring half runs inside one Xvfb server (see the end of this file).
if [ "${1:-}" = --measure ]; then
  measure_mode=1
else
  measure_mode=0
fi

write_empty_app() {
  local dir=$scratch/empty-app
  rm -rf "$dir"
  mkdir -p "$dir/src" "$dir/dist" "$dir/icons"
  # The same toolchain and crate versions as Plenary, so that the shared target folder's
  # compiled dependencies are reused where the features agree.
  cp "$repo/rust-toolchain.toml" "$repo/Cargo.lock" "$dir/"
  cp "$repo/src-tauri/icons/32x32.png" "$repo/src-tauri/icons/icon.png" "$dir/icons/"
  local tauri_version tauri_build_version
  tauri_version=$(grep -A1 '^name = "tauri"$' "$repo/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
  tauri_build_version=$(grep -A1 '^name = "tauri-build"$' "$repo/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
  cat >"$dir/Cargo.toml" <<EOF
[workspace]

[package]
name = "plenary-bench-empty"
version = "0.1.0"
edition = "2021"
publish = false

[features]
custom-protocol = ["tauri/custom-protocol"]

[build-dependencies]
tauri-build = { version = "=$tauri_build_version", features = [] }

[dependencies]
tauri = { version = "=$tauri_version", features = [] }
EOF
  cat >"$dir/build.rs" <<'EOF'
fn main() {
    tauri_build::build();
}
EOF
  cat >"$dir/src/main.rs" <<'EOF'
// An empty Tauri 2 app: one window, one page, one command that says when the page painted.
#[tauri::command]
fn bench_ready() {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or_default();
    eprintln!("BENCH_READY {micros}");
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![bench_ready])
        .run(tauri::generate_context!())
        .expect("the empty app runs");
}
EOF
  cat >"$dir/tauri.conf.json" <<'EOF'
{
  "productName": "Empty",
  "version": "0.1.0",
  "identifier": "org.plenary.bench-empty",
  "build": { "frontendDist": "dist" },
  "app": {
    "withGlobalTauri": false,
    "windows": [{ "label": "main", "title": "Empty", "width": 1280, "height": 820 }],
    "security": { "csp": "default-src 'self'; script-src 'self'; connect-src ipc: http://ipc.localhost" }
  },
  "bundle": { "active": false, "icon": ["icons/32x32.png", "icons/icon.png"] }
}
EOF
  cat >"$dir/dist/index.html" <<'EOF'
<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Empty</title></head>
  <body>
    <h1>An empty Tauri 2 app</h1>
    <input id="q" type="search" aria-label="Search" />
    <script type="module" src="/main.js"></script>
  </body>
</html>
EOF
  cat >"$dir/dist/main.js" <<'EOF'
// Focus the text field, then after two frames tell Rust the page is painted.
document.getElementById("q").focus();
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("bench_ready")),
);
EOF
}

if [ "$measure_mode" = 0 ] && [ -n "${BENCH_SKIP_BUILD:-}" ]; then
  step "Measuring what was built before (BENCH_SKIP_BUILD), under Xvfb ($runs runs per app)"
  exec xvfb-run -a --server-args="-screen 0 1400x900x24" bash "$0" --measure
fi
if [ "$measure_mode" = 0 ]; then
  mkdir -p "$scratch"
  step "Building Plenary: the UI, then the app (release, --features plenary-desktop/custom-protocol), which is also the CLI"
  npm --prefix ui run build >&2
  # Other checkouts of Plenary that share the target folder build the same crates under the
  # same names; their newer output would pass for this checkout's. Newer sources rebuild ours.
  touch src-tauri/core/src/lib.rs src-tauri/src/lib.rs
  cargo build --release --features plenary-desktop/custom-protocol -p plenary-desktop >&2
  # Other checkouts that share the target folder write the same paths: keep this build's.
  mkdir -p "$scratch/bin"
  cp "$CARGO_TARGET_DIR/release/plenary-desktop" "$scratch/bin/"
  step "Writing and building the empty Tauri 2 app in $scratch/empty-app"
  write_empty_app
  (cd "$scratch/empty-app" && cargo build --release --features custom-protocol >&2)
  cp "$CARGO_TARGET_DIR/release/plenary-bench-empty" "$scratch/bin/"
  step "Loading the sample seminar into $scratch/sample.db"
  rm -f "$scratch"/sample.db*
  # The one program answers as the CLI when given a command.
  "$scratch/bin/plenary-desktop" --db "$scratch/sample.db" sample >/dev/null
  step "Measuring under Xvfb ($runs runs per app)"
  exec xvfb-run -a --server-args="-screen 0 1400x900x24" bash "$0" --measure
fi

# ---- Measuring (inside Xvfb) ------------------------------------------------------------------

plenary_bin=$scratch/bin/plenary-desktop
empty_bin=$scratch/bin/plenary-bench-empty
now_us() { date +%s%6N; }
# The wall clock of a virtual machine can jump; /proc/uptime (10 ms steps) cannot.
uptime_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }

# Every process descended from $1, and $1.
tree() {
  local pids=("$1") all=("$1") next p
  while [ ${#pids[@]} -gt 0 ]; do
    next=()
    for p in "${pids[@]}"; do
      for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do next+=("$c"); done
    done
    all+=("${next[@]}")
    pids=("${next[@]}")
  done
  echo "${all[@]}"
}

# PSS in KiB summed over the tree; names the processes on stderr.
pss() {
  local total=0 p kib names=()
  for p in $(tree "$1"); do
    kib=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || true)
    [ -n "$kib" ] || continue
    total=$((total + kib))
    names+=("$(cat /proc/"$p"/comm 2>/dev/null):$kib")
  done
  # PSS shares a library's pages among every process that maps it, the other WebKit apps of
  # the machine too: say how many there were.
  local others
  others=$(grep -l libwebkit2gtk /proc/[0-9]*/maps 2>/dev/null | wc -l)
  echo "    pss: ${names[*]} (processes mapping WebKit on the machine: $others)" >&2
  echo "$total"
}

stop() {
  local pids p
  pids=$(tree "$1")
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
  wait "$1" 2>/dev/null || true
}

window_of() {
  local pid=$1 w
  for _ in $(seq 200); do
    w=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1 || true)
    [ -n "$w" ] && { echo "$w"; return; }
    sleep 0.05
  done
  echo "no window for $pid" >&2
  return 1
}

# Where the PSS of each process of the tree lies: its largest mappings.
breakdown() { # pid file
  local p
  for p in $(tree "$1"); do
    echo "== $(cat /proc/"$p"/comm 2>/dev/null) ($p): $(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null) KiB"
    awk '/^[0-9a-f]+-[0-9a-f]+ / { name = ($6 == "" ? "[anon]" : $6) } /^Pss:/ { kib[name] += $2 }
      END { for (n in kib) if (kib[n] >= 512) printf "%8d KiB  %s\n", kib[n], n }' /proc/"$p"/smaps 2>/dev/null | sort -rn | head -12
  done >"$2"
}

# Clicks at a point of the window (no window manager: the window sits at 0,0 of the screen).
click() { xdotool mousemove --window "$1" "$2" "$3" click 1; }
# Plenary's sidebar at the app's default size: "Attendees" is the second section, "Schedule" the
# fourth (ui/src/lib/app.svelte.ts SECTIONS). Measured on a screenshot.
nav_attendees=(100 180)
nav_schedule=(100 247)

launch() { # name bin log -> pid; sets t0
  local name=$1 bin=$2 log=$3
  local profile=$scratch/profile-$name
  mkdir -p "$profile/data" "$profile/config" "$profile/cache"
  t0=$(now_us)
  u0=$(uptime_ms)
  XDG_DATA_HOME=$profile/data XDG_CONFIG_HOME=$profile/config XDG_CACHE_HOME=$profile/cache \
    PLENARY_DB=$scratch/sample.db PLENARY_BENCH_READY=1 "$bin" >"$log" 2>&1 &
  app_pid=$!
}

wait_ready() { # log -> µs of the BENCH_READY line, or fails after 60 s
  local log=$1 line
  for _ in $(seq 1200); do
    line=$(grep -m1 '^BENCH_READY ' "$log" 2>/dev/null || true)
    [ -n "$line" ] && { echo "${line#BENCH_READY }"; return; }
    sleep 0.05
  done
  echo "no BENCH_READY in 60 s; the log:" >&2
  cat "$log" >&2
  return 1
}

results=$scratch/results.tsv
printf 'app\trun\tready_ms\tidle_kib\tused_kib\n' >"$results"

measure() { # name bin
  local name=$1 bin=$2 run log ready drift win idle used
  # A warm-up run, not counted: the profile's first start (caches), and for Plenary the user's
  # route to the attendee list, which the app then remembers.
  rm -rf "$scratch/profile-$name"
  log=$scratch/$name-warmup.log
  launch "$name" "$bin" "$log"
  win=$(window_of "$app_pid")
  sleep 5
  if [ "$name" = plenary ]; then
    click "$win" "${nav_attendees[@]}"
    wait_ready "$log" >/dev/null
  fi
  sleep 3
  import -window root "$scratch/$name-warmup.png"
  stop "$app_pid"
  # Every run starts from the profile the warm-up left (a run ends on the schedule, which the
  # app would remember).
  rm -rf "$scratch/profile-$name.start"
  cp -a "$scratch/profile-$name" "$scratch/profile-$name.start"
  for run in $(seq "$runs"); do
    rm -rf "$scratch/profile-$name"
    cp -a "$scratch/profile-$name.start" "$scratch/profile-$name"
    log=$scratch/$name-$run.log
    launch "$name" "$bin" "$log"
    ready=$(wait_ready "$log")
    ready=$(((ready - t0) / 1000))
    # A run during which the wall clock jumped is not counted (the app's time is wall-clock).
    drift=$(($(uptime_ms) - u0 - ready))
    if [ "$ready" -lt 0 ] || [ "${drift#-}" -gt 1000 ]; then
      echo "    the clock jumped during $name run $run ($ready ms); run again" >&2
      stop "$app_pid"
      launch "$name" "$bin" "$log"
      ready=$(wait_ready "$log")
      ready=$(((ready - t0) / 1000))
    fi
    win=$(window_of "$app_pid")
    # Idle: 10 s after the launch.
    sleep "$(awk -v u0="$u0" -v now="$(uptime_ms)" 'BEGIN { s = 10 - (now - u0) / 1e3; print (s > 0 ? s : 0) }')"
    idle=$(pss "$app_pid")
    [ "$run" != "$runs" ] || breakdown "$app_pid" "$scratch/$name-idle-smaps.txt"
    # Used: scroll the attendee list (keys and the wheel), then open the schedule. The empty
    # app gets the same input, which it ignores.
    xdotool mousemove --window "$win" 700 500
    xdotool windowfocus "$win" 2>/dev/null || true
    xdotool key --delay 80 Down Next Next Next Next End
    for _ in $(seq 15); do xdotool click 4; sleep 0.03; done
    sleep 0.5
    import -window root "$scratch/$name-scrolled-$run.png"
    click "$win" "${nav_schedule[@]}"
    sleep 5
    import -window root "$scratch/$name-schedule-$run.png"
    used=$(pss "$app_pid")
    [ "$run" != "$runs" ] || breakdown "$app_pid" "$scratch/$name-used-smaps.txt"
    stop "$app_pid"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$ready" "$idle" "$used" | tee -a "$results" >&2
  done
}

apps=${BENCH_APPS:-empty plenary}
[[ " $apps " != *" empty "* ]] || measure empty "$empty_bin"
[[ " $apps " != *" plenary "* ]] || measure plenary "$plenary_bin"
[ "$apps" = "empty plenary" ] || { cat "$results"; exit 0; }

# Medians, ranges and ratios.
awk -F'\t' '
  NR > 1 { n[$1]++; v[$1, 3, n[$1]] = $3; v[$1, 4, n[$1]] = $4; v[$1, 5, n[$1]] = $5 }
  function sort(a, k,   i, j, t) { for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
  function stat(app, col,   a, i, k, med) {
    k = n[app]; for (i = 1; i <= k; i++) a[i] = v[app, col, i] + 0; sort(a, k)
    med = (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    lo[app, col] = a[1]; hi[app, col] = a[k]; return med
  }
  END {
    split("ready_ms idle_kib used_kib", label, " ")
    printf "%-9s | %-24s | %-24s | %s\n", "figure", "empty app: median [range]", "Plenary: median [range]", "ratio"
    for (c = 3; c <= 5; c++) {
      e = stat("empty", c); p = stat("plenary", c)
      if (c == 3) { unit = " ms"; div = 1 } else { unit = " MiB"; div = 1024 }
      printf "%-9s | %8.1f%s [%.1f, %.1f] | %8.1f%s [%.1f, %.1f] | %.2fx\n", label[c - 2], \
        e / div, unit, lo["empty", c] / div, hi["empty", c] / div, \
        p / div, unit, lo["plenary", c] / div, hi["plenary", c] / div, p / e
    }
  }' "$results"
echo "Runs: $results; screenshots: $scratch/*-schedule-*.png" >&2
