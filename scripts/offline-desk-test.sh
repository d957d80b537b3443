#!/usr/bin/env bash
# The desk without its server, end to end with the `plenary` CLI and a real PostgreSQL cluster
# (scripts/test.sh runs this under pg_virtualenv, which sets PGHOST, PGPORT, PGUSER, PGPASSWORD
# and PGDATABASE): two desks make their caches, the server is stopped, both desks search and
# check people in (the same person at both), the server is started again, both sync, and the
# server's state is checked: one check-in per person, with the first desk's time, and one item
# for review. Exits non-zero on the first thing that is not so.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/plenary-target}"
cargo build -q -p plenary-core --bin plenary
plenary="$CARGO_TARGET_DIR/debug/plenary"
: "${PGPORT:?run this under pg_virtualenv}"
read -r version cluster < <(pg_lsclusters -h | awk -v port="$PGPORT" '$3 == port { print $1, $2 }')
work=$(mktemp -d)
trap 'pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true; rm -rf "$work"' EXIT
db="postgresql://$PGUSER@localhost:$PGPORT/$PGDATABASE"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Reads a JSON value from standard input: `json 'expression of v'`.
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log($1)})"; }
desk() { # desk NAME ARGS…: the CLI as desk NAME, with its own cache
  local name=$1; shift
  PLENARY_DESK="Desk $name" "$plenary" --db "$db" --cache "$work/$name.db" "$@"
}

"$plenary" --db "$db" sample >/dev/null
guterres=$(desk A attendee list --search guterres --json | json 'v[0].id')
other=$(desk B attendee list --search guterres --json | json 'v[0].id')
[ "$guterres" = "$other" ] || fail "both desks see the same person"
[ -f "$work/A.db" ] && [ -f "$work/B.db" ] || fail "each desk has its cache"
second=$(desk A attendee list --json | json "v.find(a => a.id !== '$guterres').id")

echo "stopping the server ($version/$cluster)"
pg_ctlcluster "$version" "$cluster" stop

desk A attendee list --search guterres --json >"$work/list.json" 2>"$work/list.err"
[ "$(json 'v.length' <"$work/list.json")" = 1 ] || fail "offline search answers from the cache"
grep -q "offline" "$work/list.err" || fail "offline search says so on stderr: $(cat "$work/list.err")"

a_out=$(desk A checkin --search guterres 2>"$work/a.err") || fail "an offline check-in exits 0"
grep -q "queued" "$work/a.err" || fail "the check-in says it is queued: $(cat "$work/a.err")"
a_time=${a_out##* at }
sleep 1
desk B checkin --person "$guterres" >/dev/null 2>&1 || fail "desk B checks the same person in offline"
desk A checkin --person "$second" >/dev/null 2>&1 || fail "desk A checks a second person in"
if desk A sync --json >/dev/null 2>&1; then fail "sync without the server fails"; fi

echo "starting the server"
pg_ctlcluster "$version" "$cluster" start

desk A sync --json >"$work/a.json"
[ "$(json 'v.applied + "/" + v.already_applied + "/" + v.review.length + "/" + v.pending' <"$work/a.json")" = "2/0/0/0" ] \
  || fail "desk A's two check-ins are applied: $(cat "$work/a.json")"
desk B sync --json >"$work/b.json"
[ "$(json 'v.applied + "/" + v.review.length + "/" + v.pending' <"$work/b.json")" = "0/1/0" ] \
  || fail "desk B's check-in goes to review: $(cat "$work/b.json")"
[ "$(json 'v.review[0].kind + " " + v.review[0].person_id' <"$work/b.json")" = "double_check_in $guterres" ] \
  || fail "the review item names the person: $(cat "$work/b.json")"
[ "$(json 'v.review[0].first_at' <"$work/b.json")" = "$a_time" ] || fail "the item has desk A's time"
[ "$(json 'v.review[0].second_desk' <"$work/b.json")" = "Desk B" ] || fail "the item names desk B"
desk A sync --json >"$work/again.json"
[ "$(json 'v.applied + v.already_applied + v.review.length' <"$work/again.json")" = 0 ] \
  || fail "a second sync sends nothing"

on_server=$("$plenary" --db "$db" attendee list --json | json "v.find(a => a.id === '$guterres').checked_in_at")
[ "$on_server" = "$a_time" ] || fail "the server has desk A's time ($a_time), not $on_server"
applied=$(psql -tAc "SELECT count(*) FROM desk_action" "$PGDATABASE")
reviews=$(psql -tAc "SELECT count(*) FROM desk_review WHERE resolution = ''" "$PGDATABASE")
[ "$applied/$reviews" = "3/1" ] || fail "three actions remembered, one to review: $applied/$reviews"
echo "offline desk: OK (checked in at $a_time by desk A; desk B's check-in is for review)"
