#!/usr/bin/env bash
# Runs the end-to-end tests in a real window under Xvfb: `bash scripts/e2e.sh [cargo test
# filter and flags]`, with the variables the caller sets (scripts/test.sh runs it under
# pg_virtualenv; scripts/test-deb.sh with PLENARY_E2E_APP).
#
# Xvfb has only Mesa's software GL, and on Debian 12 (Mesa 22.3, WebKitGTK 2.50) WebKit's
# compositor thread now and then dies in it: the kernel logs
# "ThreadedCompositor… segfault … in swrast_dri.so", the page goes blank and the test that
# was running fails, whatever it tested. Only then, when the kernel log shows such a crash
# during this run, are the tests that failed run once more, by name, and must pass; any other
# failure, or a failure again, fails the run. (WEBKIT_DISABLE_COMPOSITING_MODE=1, which
# avoids GL, makes WebKitWebDriver's screenshots hang.)
set -euo pipefail
cd "$(dirname "$0")/.."
features=(--features plenary-desktop/custom-protocol)

run() {
  xvfb-run -a --server-args="-screen 0 1400x900x24" \
    cargo test "${features[@]}" --test e2e -- --ignored --test-threads=1 "$@"
}

# Software GL crashes the kernel has logged so far (0 where the log cannot be read).
gl_crashes() {
  { dmesg 2>/dev/null || true; } | grep -c 'segfault.*swrast_dri' || true
}

before=$(gl_crashes)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if run "$@" 2>&1 | tee "$log"; then
  exit 0
fi
# cargo's closing list: "failures:", then one indented test name a line.
mapfile -t failed < <(awk '/^failures:$/ { list = 1; next } list && /^    [a-z0-9_]+$/ { print $1 } /^test result/ { list = 0 }' "$log" | sort -u)
crashes=$(($(gl_crashes) - before))
if [ "$crashes" -le 0 ] || [ "${#failed[@]}" -eq 0 ]; then
  exit 1
fi
echo
echo "Mesa's software GL crashed WebKit's compositor $crashes time(s) during this run (dmesg);"
echo "running the ${#failed[@]} failed test(s) once more: ${failed[*]}"
run --exact "${failed[@]}"
