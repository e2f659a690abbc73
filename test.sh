#!/usr/bin/env bash
# Builds and runs every test against a throwaway PostgreSQL cluster on a free port, stopped afterwards.
#   ./test.sh            every test (the crash-and-restart test runs a short round)
#   ./test.sh --faults   only the crash-and-restart test, full round: 30 s of load, 3 API kills, a database crash;
#                        prints its figures (also in artifacts/faults/latest.json)
#   ./test.sh ARGS       ARGS go to the test runner, e.g. --filter-class "*HomeTimelineTests"
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

faults=""
if [ "${1:-}" = "--faults" ]; then
  shift
  faults=1
  export SOCIALGEN_FAULTS=full
  set -- --filter-class "*CrashRecoveryTests" "$@"
fi

data=$(mktemp -d /tmp/socialgen-test-pg.XXXXXX)
port=$(pg_free_port)
cleanup() { pg_stop "$data"; rm -rf "$data" "$data.initdb.log" "$data.test.log"; }
trap cleanup EXIT

pg_start "$data" "$port" throwaway
pg_create_db "$port" socialgen_test
echo "Test PostgreSQL on 127.0.0.1:$port"
export SOCIALGEN_TEST_CONNECTION="Host=127.0.0.1;Port=$port;Database=socialgen_test;Username=postgres;Maximum Pool Size=100"

dotnet build SocialGen.sln -v quiet -nologo -clp:ErrorsOnly
log="$data.test.log"
status=0
dotnet test --solution SocialGen.sln --no-build "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line, whatever the runner printed.
passed=$(awk '/succeeded:/ {s+=$2} END {print s+0}' "$log")
failed=$(awk '/^ *failed:/ {f+=$2} END {print f+0}' "$log")
rm -f "$log"
echo "$passed passed, $failed failed"
if [ -n "$faults" ] && [ -f artifacts/faults/latest.json ]; then cat artifacts/faults/latest.json; fi
exit "$status"
