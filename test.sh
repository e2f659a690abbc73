#!/usr/bin/env bash
# Builds and runs every test against a throwaway PostgreSQL cluster on a free port, stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

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
exit "$status"
